"""Relations on the shapes of long wire sentences and on the parser slips they provoke,
checked on hand-built UD parses (no trained model): participial adjuncts, subordinate
clauses, fragments the segmenter cut off, reciprocal objects, received criticism, report
nouns, mandative clauses, lost subjects and questions."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

from graphbuild.actors import DocActors
from graphbuild.records import Actor, Article, Mention
from graphbuild.relations import extract_relations

VOCAB = spacy.blank("en").vocab
ACTORS = {
    name: Actor(wikidata, label, kind, country=country, country_id=country_id)
    for name, (wikidata, label, kind, country, country_id) in {
        "Russia": ("Q159", "Russia", "Country", None, None),
        "Ukraine": ("Q212", "Ukraine", "Country", None, None),
        "Turkey": ("Q43", "Turkey", "Country", None, None),
        "Finland": ("Q33", "Finland", "Country", None, None),
        "Israel": ("Q801", "Israel", "Country", None, None),
        "Hamas": ("Q38799", "Hamas", "ArmedGroup", None, None),
        "US": ("Q30", "United States", "Country", None, None),
        "Germany": ("Q183", "Germany", "Country", None, None),
        "Taiwan": ("Q865", "Taiwan", "Country", None, None),
        "Lula": ("Q37181", "Luiz Inácio Lula da Silva", "Person", "Brazil", "Q155"),
        "Putin": ("Q7747", "Vladimir Putin", "Person", "Russia", "Q159"),
        "Lukashenko": (
            "person:alexander-lukashenko",
            "Alexander Lukashenko",
            "Person",
            "Belarus",
            "Q184",
        ),
        "Erdogan": ("person:erdogan", "Recep Tayyip Erdoğan", "Person", "Turkey", "Q43"),
        "Stoltenberg": ("person:jens-stoltenberg", "Jens Stoltenberg", "Person", "NATO", "Q7184"),
        "Pelosi": ("person:nancy-pelosi", "Nancy Pelosi", "Person", "United States", "Q30"),
        "Zelensky": ("Q3874799", "Volodymyr Zelenskyy", "Person", "Ukraine", "Q212"),
    }.items()
}


def parse(rows: list[tuple], mentions: dict[int, tuple[str, str]], sent_starts=None):
    """A Doc from (word, lemma, pos, tag, head, dep) rows; DocActors from {token: (actor, how)}."""
    words = [r[0] for r in rows]
    doc = Doc(
        VOCAB,
        words=words,
        spaces=[i + 1 < len(words) and words[i + 1] not in ".,?" for i in range(len(words))],
        lemmas=[r[1] for r in rows],
        pos=[r[2] for r in rows],
        tags=[r[3] for r in rows],
        heads=[r[4] for r in rows],
        deps=[r[5] for r in rows],
        sent_starts=sent_starts,
    )
    found = DocActors()
    for i, (name, how) in mentions.items():
        actor = ACTORS[name]
        found.actors[actor.id] = actor
        found.mentions.append(
            Mention(actor.id, doc[i].text, doc[i].idx, doc[i].idx + len(doc[i]), how, i, i + 1)
        )
    return doc, found


def relations(rows, mentions, sent_starts=None):
    doc, found = parse(rows, mentions, sent_starts)
    return extract_relations(doc, found, Article.from_text(doc.text, date="2023-07-11"))


def triples(rels):
    return {
        (r["subject"]["name"], r["kind"], r["object"]["name"], r["negated"], r["modality"])
        for r in rels
    }


def test_after_meeting_takes_the_subject_not_the_object_of_told():
    # Stoltenberg told reporters after meeting Erdogan .
    rows = [
        ("Stoltenberg", "Stoltenberg", "PROPN", "NNP", 1, "nsubj"),
        ("told", "tell", "VERB", "VBD", 1, "ROOT"),
        ("reporters", "reporter", "NOUN", "NNS", 1, "obj"),
        ("after", "after", "SCONJ", "IN", 4, "mark"),
        ("meeting", "meet", "VERB", "VBG", 1, "advcl"),
        ("Erdogan", "Erdogan", "PROPN", "NNP", 4, "obj"),
        (".", ".", "PUNCT", ".", 1, "punct"),
    ]
    rels = relations(rows, {0: ("Stoltenberg", "alias"), 5: ("Erdogan", "alias")})
    assert triples(rels) == {
        ("Jens Stoltenberg", "MEETS", "Recep Tayyip Erdoğan", False, "asserted")
    }


def test_participle_hung_on_a_noun_takes_the_main_subject_and_only_its_tense():
    # Turkey had delayed the vote for months , accusing Finland .
    # ('accusing' parsed as a modifier of 'months'; 'delay' would otherwise defer the act)
    rows = [
        ("Turkey", "Turkey", "PROPN", "NNP", 2, "nsubj"),
        ("had", "have", "AUX", "VBD", 2, "aux"),
        ("delayed", "delay", "VERB", "VBN", 2, "ROOT"),
        ("the", "the", "DET", "DT", 4, "det"),
        ("vote", "vote", "NOUN", "NN", 2, "obj"),
        ("for", "for", "ADP", "IN", 6, "case"),
        ("months", "month", "NOUN", "NNS", 2, "obl"),
        (",", ",", "PUNCT", ",", 8, "punct"),
        ("accusing", "accuse", "VERB", "VBG", 6, "acl"),
        ("Finland", "Finland", "PROPN", "NNP", 8, "obj"),
        (".", ".", "PUNCT", ".", 2, "punct"),
    ]
    rels = relations(rows, {0: ("Turkey", "name"), 9: ("Finland", "name")})
    assert triples(rels) == {("Turkey", "ACCUSES", "Finland", False, "asserted")}


def test_a_fragment_cut_off_by_the_segmenter_takes_the_previous_subject_and_evidence():
    # "Russia on Friday" | "vetoed ... and attacked Ukraine ."
    rows = [
        ("Russia", "Russia", "PROPN", "NNP", 0, "ROOT"),
        ("on", "on", "ADP", "IN", 2, "case"),
        ("Friday", "Friday", "PROPN", "NNP", 0, "nmod"),
        ("attacked", "attack", "VERB", "VBD", 3, "ROOT"),
        ("Ukraine", "Ukraine", "PROPN", "NNP", 3, "obj"),
        (".", ".", "PUNCT", ".", 3, "punct"),
    ]
    rels = relations(rows, {0: ("Russia", "name"), 4: ("Ukraine", "name")}, [1, 0, 0, 1, 0, 0])
    assert triples(rels) == {("Russia", "ATTACKS", "Ukraine", False, "asserted")}
    assert rels[0]["sentence"] == "Russia on Friday attacked Ukraine." and rels[0]["start"] == 0


def test_each_side_blaming_the_other_is_mutual():
    # Israel and Hamas talked , with each side blaming the other .
    rows = [
        ("Israel", "Israel", "PROPN", "NNP", 3, "nsubj"),
        ("and", "and", "CCONJ", "CC", 2, "cc"),
        ("Hamas", "Hamas", "PROPN", "NNP", 0, "conj"),
        ("talked", "talk", "VERB", "VBD", 3, "ROOT"),
        (",", ",", "PUNCT", ",", 7, "punct"),
        ("with", "with", "ADP", "IN", 7, "case"),
        ("each", "each", "DET", "DT", 7, "det"),
        ("side", "side", "NOUN", "NN", 3, "obl"),
        ("blaming", "blame", "VERB", "VBG", 7, "acl"),
        ("the", "the", "DET", "DT", 10, "det"),
        ("other", "other", "ADJ", "JJ", 8, "obj"),
        (".", ".", "PUNCT", ".", 3, "punct"),
    ]
    rels = relations(rows, {0: ("Israel", "name"), 2: ("Hamas", "name")})
    accusations = {
        (r["subject"]["name"], r["object"]["name"]) for r in rels if r["kind"] == "ACCUSES"
    }
    assert accusations == {("Israel", "Hamas"), ("Hamas", "Israel")}


def test_drawing_a_rebuke_from_a_capital_is_criticism_of_the_subject():
    # Lula spoke , drawing a rebuke from Washington .  (Washington after 'from': a place use)
    rows = [
        ("Lula", "Lula", "PROPN", "NNP", 1, "nsubj"),
        ("spoke", "speak", "VERB", "VBD", 1, "ROOT"),
        (",", ",", "PUNCT", ",", 3, "punct"),
        ("drawing", "draw", "VERB", "VBG", 1, "advcl"),
        ("a", "a", "DET", "DT", 5, "det"),
        ("rebuke", "rebuke", "NOUN", "NN", 3, "obj"),
        ("from", "from", "ADP", "IN", 7, "case"),
        ("Washington", "Washington", "PROPN", "NNP", 5, "nmod"),
        (".", ".", "PUNCT", ".", 1, "punct"),
    ]
    rels = relations(rows, {0: ("Lula", "alias"), 7: ("US", "place")})
    assert triples(rels) == {
        ("United States", "CRITICIZES", "Luiz Inácio Lula da Silva", False, "asserted")
    }


def test_a_denied_report_that_two_leaders_met_is_no_meeting():
    # Russia denied a report that Putin had met Lukashenko .
    rows = [
        ("Russia", "Russia", "PROPN", "NNP", 1, "nsubj"),
        ("denied", "deny", "VERB", "VBD", 1, "ROOT"),
        ("a", "a", "DET", "DT", 3, "det"),
        ("report", "report", "NOUN", "NN", 1, "obj"),
        ("that", "that", "SCONJ", "IN", 7, "mark"),
        ("Putin", "Putin", "PROPN", "NNP", 7, "nsubj"),
        ("had", "have", "AUX", "VBD", 7, "aux"),
        ("met", "meet", "VERB", "VBN", 3, "acl:relcl"),
        ("Lukashenko", "Lukashenko", "PROPN", "NNP", 7, "obj"),
        (".", ".", "PUNCT", ".", 1, "punct"),
    ]
    rels = relations(
        rows, {0: ("Russia", "metonym"), 5: ("Putin", "alias"), 8: ("Lukashenko", "alias")}
    )
    assert triples(rels) == {("Vladimir Putin", "MEETS", "Alexander Lukashenko", True, "reported")}


def _insisted(verb_tag: str, verb: str, lemma: str, aux: tuple | None):
    # Germany insisted that Russia [was] VERB Ukraine .
    rows = [
        ("Germany", "Germany", "PROPN", "NNP", 1, "nsubj"),
        ("insisted", "insist", "VERB", "VBD", 1, "ROOT"),
        ("that", "that", "SCONJ", "IN", 5 if aux else 4, "mark"),
        ("Russia", "Russia", "PROPN", "NNP", 5 if aux else 4, "nsubj"),
    ]
    if aux:
        rows.append(aux)
    rows += [
        (verb, lemma, "VERB", verb_tag, 1, "ccomp"),
        ("Ukraine", "Ukraine", "PROPN", "NNP", len(rows), "obj"),
        (".", ".", "PUNCT", ".", 1, "punct"),
    ]
    mentions = {0: ("Germany", "name"), 3: ("Russia", "name"), len(rows) - 2: ("Ukraine", "name")}
    return {(r["subject"]["name"], r["kind"]) for r in relations(rows, mentions)}


def test_a_demand_needs_a_mandative_clause_not_a_statement():
    assert ("Germany", "DEMANDS") in _insisted("VB", "leave", "leave", None)
    statement = _insisted("VBG", "attacking", "attack", ("was", "be", "AUX", "VBD", 5, "aux"))
    assert ("Germany", "DEMANDS") not in statement and ("Russia", "ATTACKS") in statement


def test_a_finite_verb_that_lost_its_subject_takes_the_name_before_it():
    # ... after Nancy Pelosi visited Taiwan .  (parsed as 'after Pelosi' + subjectless 'visited')
    rows = [
        ("Beijing", "Beijing", "PROPN", "NNP", 1, "nsubj"),
        ("protested", "protest", "VERB", "VBD", 1, "ROOT"),
        ("after", "after", "ADP", "IN", 3, "case"),
        ("Pelosi", "Pelosi", "PROPN", "NNP", 1, "obl"),
        ("visited", "visit", "VERB", "VBD", 1, "advcl"),
        ("Taiwan", "Taiwan", "PROPN", "NNP", 4, "obj"),
        (".", ".", "PUNCT", ".", 1, "punct"),
    ]
    rels = relations(rows, {3: ("Pelosi", "alias"), 5: ("Taiwan", "name")})
    assert triples(rels) == {("Nancy Pelosi", "VISITS", "Taiwan", False, "asserted")}


def test_a_question_asserts_nothing_whatever_the_parse():
    # Will Erdogan travel to Russia ?  (with 'travel' parsed as a noun under the name)
    rows = [
        ("Will", "will", "AUX", "MD", 1, "aux"),
        ("Erdogan", "Erdogan", "PROPN", "NNP", 1, "ROOT"),
        ("travel", "travel", "VERB", "VB", 1, "parataxis"),
        ("to", "to", "ADP", "IN", 4, "case"),
        ("Russia", "Russia", "PROPN", "NNP", 2, "obl"),
        ("?", "?", "PUNCT", ".", 1, "punct"),
    ]
    rels = relations(rows, {1: ("Erdogan", "alias"), 4: ("Russia", "place")})
    assert triples(rels) == {("Recep Tayyip Erdoğan", "VISITS", "Russia", False, "hypothetical")}
