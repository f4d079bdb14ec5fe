"""The relation ontology, lexicon and extractor on hand-built parses: the patterns are
checked independently of any trained model, in both UD and ClearNLP label schemes."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from spacy.tokens import Doc

from graphbuild.actors import DocActors
from graphbuild.records import Actor, Article, Mention
from graphbuild.relations import OntologyError, extract_relations, load_lexicon, load_ontology
from graphbuild.relations.lexicon import _load as load_lexicon_files
from graphbuild.relations.ontology import quad_class_for

VOCAB = spacy.blank("en").vocab
ACTORS = {
    "Russia": Actor("Q159", "Russia", "Country"),
    "Ukraine": Actor("Q212", "Ukraine", "Country"),
    "China": Actor("Q148", "China", "Country"),
    "Xi": Actor("Q15031", "Xi Jinping", "Person", country="China", country_id="Q148"),
    "Putin": Actor("Q7747", "Vladimir Putin", "Person", country="Russia", country_id="Q159"),
    "Zelensky": Actor(
        "Q3874799", "Volodymyr Zelenskyy", "Person", country="Ukraine", country_id="Q212"
    ),
    "Blinken": Actor("person:antony-blinken", "Antony Blinken", "Person"),
}


def parse(rows: list[tuple], mentions: dict[int, tuple[str, str]]):
    """A Doc from (word, lemma, pos, head, dep) rows, and DocActors from {token: (actor, how)}."""
    words = [r[0] for r in rows]
    doc = Doc(
        VOCAB,
        words=words,
        spaces=[i + 1 < len(words) and words[i + 1] not in ".,?" for i in range(len(words))],
        lemmas=[r[1] for r in rows],
        pos=[r[2] for r in rows],
        heads=[r[3] for r in rows],
        deps=[r[4] for r in rows],
    )
    found = DocActors()
    for i, (name, how) in mentions.items():
        actor = ACTORS[name]
        found.actors[actor.id] = actor
        found.mentions.append(
            Mention(actor.id, doc[i].text, doc[i].idx, doc[i].idx + len(doc[i]), how, i, i + 1)
        )
    return doc, found


def relations(rows, mentions):
    doc, found = parse(rows, mentions)
    return extract_relations(doc, found, Article.from_text(doc.text, date="2023-03-20"))


def triples(rels):
    return {
        (r["subject"]["name"], r["kind"], r["object"]["name"], r["negated"], r["modality"])
        for r in rels
    }


# --- the ontology and the lexicon -------------------------------------------------------


def test_ontology_has_the_cameo_aligned_kinds():
    kinds = load_ontology().kinds
    expected = {
        "MEETS": ("MEETS", "040"),
        "CALLS": ("MEETS", "041"),
        "VISITS": ("MEETS", "042"),
        "HOSTS": ("MEETS", "043"),
        "NEGOTIATES": ("MEETS", "046"),
        "MEDIATES": ("MEETS", "045"),
        "APPEALS": ("REQUESTS", "020"),
        "PRAISES": ("SUPPORTS", "051"),
        "ENDORSES": ("SUPPORTS", "051"),
        "SIGNS_AGREEMENT": ("SUPPORTS", "057"),
        "AIDS": ("SUPPORTS", "070"),
        "ALIGNS": ("SUPPORTS", "050"),
        "AGREES": ("SUPPORTS", "030"),
        "PLEDGES": ("SUPPORTS", "033"),
        "COOPERATES": ("SUPPORTS", "060"),
        "YIELDS": ("SUPPORTS", "080"),
        "DEMANDS": ("REQUESTS", "100"),
        "INVESTIGATES": ("OPPOSES", "090"),
        "SEIZES": ("OPPOSES", "171"),
        "ARRESTS": ("OPPOSES", "173"),
        "EXPELS": ("OPPOSES", "174"),
        "CRITICIZES": ("OPPOSES", "111"),
        "CONDEMNS": ("OPPOSES", "111"),
        "ACCUSES": ("OPPOSES", "112"),
        "REJECTS": ("OPPOSES", "120"),
        "THREATENS": ("OPPOSES", "130"),
        "PROTESTS": ("OPPOSES", "140"),
        "SANCTIONS": ("OPPOSES", "163"),
        "ATTACKS": ("OPPOSES", "190"),
    }
    for name, (family, cameo) in expected.items():
        assert (kinds[name].family, kinds[name].cameo) == (family, cameo), name
    assert kinds["MEETS"].symmetric and not kinds["ATTACKS"].symmetric
    assert (
        quad_class_for("042") == "verbal_cooperation"
        and quad_class_for("163") == "material_conflict"
    )
    assert all(kind.quad_class == quad_class_for(kind.cameo) for kind in kinds.values())


def test_every_kind_has_lexicon_entries_and_entries_name_known_kinds():
    lexicon = load_lexicon()
    used = {entry.kind for entry in lexicon.entries}
    assert used == set(load_ontology().kinds)
    assert lexicon.lookup("verb", "invade")[0].kind == "ATTACKS"
    assert lexicon.lookup("noun", "solidarity")[0].family == "SUPPORTS"


def test_a_broken_lexicon_names_file_and_entry(tmp_path):
    from graphbuild.relations.lexicon import CUES_FILE

    bad = tmp_path / "lexicon.toml"
    bad.write_text(
        '[[verb]]\nkind = "HUGS"\nlemmas = ["hug"]\nobjects = ["obj"]\n', encoding="utf-8"
    )
    with pytest.raises(
        OntologyError, match=r"lexicon.toml: \[\[verb\]\] entry 1 .*unknown kind 'HUGS'"
    ):
        load_lexicon_files(bad, CUES_FILE)
    bad.write_text("[[verb]\n", encoding="utf-8")
    with pytest.raises(OntologyError, match="lexicon.toml: cannot read"):
        load_lexicon_files(bad, CUES_FILE)
    bad.write_text('[[verb]]\nkind = "MEETS"\nlemmas = ["meet"]\n', encoding="utf-8")
    with pytest.raises(OntologyError, match="needs lemmas and objects"):
        load_lexicon_files(bad, Path(CUES_FILE))


# --- patterns on hand-built UD parses ---------------------------------------------------


def test_active_verb_ud():
    rows = [
        ("Russia", "Russia", "PROPN", 1, "nsubj"),
        ("attacked", "attack", "VERB", 1, "ROOT"),
        ("Ukraine", "Ukraine", "PROPN", 1, "obj"),
        (".", ".", "PUNCT", 1, "punct"),
    ]
    rels = relations(rows, {0: ("Russia", "name"), 2: ("Ukraine", "name")})
    assert triples(rels) == {("Russia", "ATTACKS", "Ukraine", False, "asserted")}
    rel = rels[0]
    assert (rel["cameo"], rel["quad_class"], rel["family"]) == (
        "190",
        "material_conflict",
        "OPPOSES",
    )
    assert rel["trigger"] == {"text": "attacked", "start": 7, "end": 15}
    assert rel["sentence"] == "Russia attacked Ukraine." and (rel["start"], rel["end"]) == (0, 24)


def test_passive_with_agent_ud():
    rows = [
        ("Ukraine", "Ukraine", "PROPN", 2, "nsubj:pass"),
        ("was", "be", "AUX", 2, "aux:pass"),
        ("invaded", "invade", "VERB", 2, "ROOT"),
        ("by", "by", "ADP", 4, "case"),
        ("Russia", "Russia", "PROPN", 2, "obl:agent"),
        (".", ".", "PUNCT", 2, "punct"),
    ]
    rels = relations(rows, {0: ("Ukraine", "name"), 4: ("Russia", "name")})
    assert triples(rels) == {("Russia", "ATTACKS", "Ukraine", False, "asserted")}


def test_negation_and_control_ud():
    # China refused to condemn Russia .
    rows = [
        ("China", "China", "PROPN", 1, "nsubj"),
        ("refused", "refuse", "VERB", 1, "ROOT"),
        ("to", "to", "PART", 3, "mark"),
        ("condemn", "condemn", "VERB", 1, "xcomp"),
        ("Russia", "Russia", "PROPN", 3, "obj"),
        (".", ".", "PUNCT", 1, "punct"),
    ]
    rels = relations(rows, {0: ("China", "name"), 4: ("Russia", "name")})
    assert triples(rels) == {("China", "CONDEMNS", "Russia", True, "asserted")}


def test_whether_makes_it_hypothetical_and_future_is_future():
    # ... whether Xi will speak to Zelensky .
    rows = [
        ("whether", "whether", "SCONJ", 3, "mark"),
        ("Xi", "Xi", "PROPN", 3, "nsubj"),
        ("will", "will", "AUX", 3, "aux"),
        ("speak", "speak", "VERB", 3, "ROOT"),
        ("to", "to", "ADP", 5, "case"),
        ("Zelensky", "Zelensky", "PROPN", 3, "obl"),
        (".", ".", "PUNCT", 3, "punct"),
    ]
    rels = relations(rows, {1: ("Xi", "alias"), 5: ("Zelensky", "alias")})
    assert triples(rels) == {("Xi Jinping", "MEETS", "Volodymyr Zelenskyy", False, "hypothetical")}
    # Xi will speak to Zelensky .
    rows = [
        ("Xi", "Xi", "PROPN", 2, "nsubj"),
        ("will", "will", "AUX", 2, "aux"),
        ("speak", "speak", "VERB", 2, "ROOT"),
        ("to", "to", "ADP", 4, "case"),
        ("Zelensky", "Zelensky", "PROPN", 2, "obl"),
        (".", ".", "PUNCT", 2, "punct"),
    ]
    future = relations(rows, {0: ("Xi", "alias"), 4: ("Zelensky", "alias")})
    assert {r["modality"] for r in future} == {"future"}


def test_place_mentions_are_objects_of_visits_never_agents():
    # Xi arrived in Moscow .   /   Moscow criticized Ukraine . (Moscow marked as a place)
    rows = [
        ("Xi", "Xi", "PROPN", 1, "nsubj"),
        ("arrived", "arrive", "VERB", 1, "ROOT"),
        ("in", "in", "ADP", 3, "case"),
        ("Moscow", "Moscow", "PROPN", 1, "obl"),
        (".", ".", "PUNCT", 1, "punct"),
    ]
    rels = relations(rows, {0: ("Xi", "alias"), 3: ("Russia", "place")})
    assert triples(rels) == {("Xi Jinping", "VISITS", "Russia", False, "asserted")}
    criticize = [
        ("Moscow", "Moscow", "PROPN", 1, "nsubj"),
        ("criticized", "criticize", "VERB", 1, "ROOT"),
        ("Ukraine", "Ukraine", "PROPN", 1, "obj"),
        (".", ".", "PUNCT", 1, "punct"),
    ]
    assert relations(criticize, {0: ("Russia", "place"), 2: ("Ukraine", "name")}) == []
    assert (
        relations(criticize, {0: ("Russia", "metonym"), 2: ("Ukraine", "name")})[0]["subject"]["id"]
        == "Q159"
    )


def test_no_relation_from_an_actor_to_itself_or_its_own_leader_visiting_home():
    rows = [
        ("Putin", "Putin", "PROPN", 1, "nsubj"),
        ("arrived", "arrive", "VERB", 1, "ROOT"),
        ("in", "in", "ADP", 3, "case"),
        ("Moscow", "Moscow", "PROPN", 1, "obl"),
        (".", ".", "PUNCT", 1, "punct"),
    ]
    assert relations(rows, {0: ("Putin", "alias"), 3: ("Russia", "place")}) == []
    same = [
        ("Russia", "Russia", "PROPN", 1, "nsubj"),
        ("criticized", "criticize", "VERB", 1, "ROOT"),
        ("Moscow", "Moscow", "PROPN", 1, "obj"),
        (".", ".", "PUNCT", 1, "punct"),
    ]
    assert relations(same, {0: ("Russia", "name"), 2: ("Russia", "metonym")}) == []


def test_coordinated_subject_of_a_symmetric_kind_pairs_them_once():
    # Xi and Putin met .
    rows = [
        ("Xi", "Xi", "PROPN", 3, "nsubj"),
        ("and", "and", "CCONJ", 2, "cc"),
        ("Putin", "Putin", "PROPN", 0, "conj"),
        ("met", "meet", "VERB", 3, "ROOT"),
        (".", ".", "PUNCT", 3, "punct"),
    ]
    rels = relations(rows, {0: ("Xi", "alias"), 2: ("Putin", "alias")})
    assert triples(rels) == {("Xi Jinping", "MEETS", "Vladimir Putin", False, "asserted")}


def test_possessive_nominalisation_and_light_verb():
    # China expressed support for Russia .
    rows = [
        ("China", "China", "PROPN", 1, "nsubj"),
        ("expressed", "express", "VERB", 1, "ROOT"),
        ("support", "support", "NOUN", 1, "obj"),
        ("for", "for", "ADP", 4, "case"),
        ("Russia", "Russia", "PROPN", 2, "nmod"),
        (".", ".", "PUNCT", 1, "punct"),
    ]
    rels = relations(rows, {0: ("China", "name"), 4: ("Russia", "name")})
    assert triples(rels) == {("China", "ALIGNS", "Russia", False, "asserted")}
    assert rels[0]["trigger"]["text"] == "support"


def test_speaker_characterisation_is_criticism_by_the_speaker():
    # Blinken said Xi 's visit indicated an unwillingness .
    rows = [
        ("Blinken", "Blinken", "PROPN", 1, "nsubj"),
        ("said", "say", "VERB", 1, "ROOT"),
        ("Xi", "Xi", "PROPN", 4, "nmod:poss"),
        ("'s", "'s", "PART", 2, "case"),
        ("visit", "visit", "NOUN", 5, "nsubj"),
        ("indicated", "indicate", "VERB", 1, "ccomp"),
        ("an", "a", "DET", 7, "det"),
        ("unwillingness", "unwillingness", "NOUN", 5, "obj"),
        (".", ".", "PUNCT", 1, "punct"),
    ]
    rels = relations(rows, {0: ("Blinken", "alias"), 2: ("Xi", "alias")})
    assert triples(rels) == {("Antony Blinken", "CRITICIZES", "Xi Jinping", False, "asserted")}
    assert rels[0]["speaker"] is None and rels[0]["trigger"]["text"] == "unwillingness"


def test_reported_speech_names_the_speaker():
    # Zelensky said Russia attacked Ukraine .
    rows = [
        ("Zelensky", "Zelensky", "PROPN", 1, "nsubj"),
        ("said", "say", "VERB", 1, "ROOT"),
        ("Russia", "Russia", "PROPN", 3, "nsubj"),
        ("attacked", "attack", "VERB", 1, "ccomp"),
        ("Ukraine", "Ukraine", "PROPN", 3, "obj"),
        (".", ".", "PUNCT", 1, "punct"),
    ]
    rels = relations(
        rows, {0: ("Zelensky", "alias"), 2: ("Russia", "name"), 4: ("Ukraine", "name")}
    )
    assert triples(rels) == {("Russia", "ATTACKS", "Ukraine", False, "reported")}
    assert rels[0]["speaker"]["id"] == "Q3874799"


def test_unlinked_pronouns_fall_back_to_the_nearest_fitting_actor():
    # Russia massed troops . Then it attacked Ukraine .
    rows = [
        ("Russia", "Russia", "PROPN", 1, "nsubj"),
        ("massed", "mass", "VERB", 1, "ROOT"),
        ("troops", "troop", "NOUN", 1, "obj"),
        (".", ".", "PUNCT", 1, "punct"),
        ("Then", "then", "ADV", 6, "advmod"),
        ("it", "it", "PRON", 6, "nsubj"),
        ("attacked", "attack", "VERB", 6, "ROOT"),
        ("Ukraine", "Ukraine", "PROPN", 6, "obj"),
        (".", ".", "PUNCT", 6, "punct"),
    ]
    rels = relations(rows, {0: ("Russia", "name"), 7: ("Ukraine", "name")})
    assert triples(rels) == {("Russia", "ATTACKS", "Ukraine", False, "asserted")}
    assert rels[0]["confidence"] < 0.9 * 0.82  # below a pronoun the actors step resolved


def test_between_relates_the_two_sides_not_the_caller():
    # Lula called for talks between Russia and Ukraine .
    rows = [
        ("Lula", "Lula", "PROPN", 1, "nsubj"),
        ("called", "call", "VERB", 1, "ROOT"),
        ("for", "for", "ADP", 3, "case"),
        ("talks", "talk", "NOUN", 1, "obl"),
        ("between", "between", "ADP", 5, "case"),
        ("Russia", "Russia", "PROPN", 3, "nmod"),
        ("and", "and", "CCONJ", 7, "cc"),
        ("Ukraine", "Ukraine", "PROPN", 5, "conj"),
        (".", ".", "PUNCT", 1, "punct"),
    ]
    ACTORS.setdefault("Lula", Actor("Q37181", "Luiz Inácio Lula da Silva", "Person"))
    rels = relations(rows, {0: ("Lula", "alias"), 5: ("Russia", "name"), 7: ("Ukraine", "name")})
    assert triples(rels) == {("Russia", "MEETS", "Ukraine", False, "hypothetical")}


# --- the same patterns on ClearNLP labels (spaCy's English models) -----------------------


def test_clearnlp_prepositions_passive_and_negation():
    # Xi met with Putin .
    rows = [
        ("Xi", "Xi", "PROPN", 1, "nsubj"),
        ("met", "meet", "VERB", 1, "ROOT"),
        ("with", "with", "ADP", 1, "prep"),
        ("Putin", "Putin", "PROPN", 2, "pobj"),
        (".", ".", "PUNCT", 1, "punct"),
    ]
    assert triples(relations(rows, {0: ("Xi", "alias"), 3: ("Putin", "alias")})) == {
        ("Xi Jinping", "MEETS", "Vladimir Putin", False, "asserted")
    }
    # Ukraine was not attacked by Russia .
    rows = [
        ("Ukraine", "Ukraine", "PROPN", 3, "nsubjpass"),
        ("was", "be", "AUX", 3, "auxpass"),
        ("not", "not", "PART", 3, "neg"),
        ("attacked", "attack", "VERB", 3, "ROOT"),
        ("by", "by", "ADP", 3, "agent"),
        ("Russia", "Russia", "PROPN", 4, "pobj"),
        (".", ".", "PUNCT", 3, "punct"),
    ]
    assert triples(relations(rows, {0: ("Ukraine", "name"), 5: ("Russia", "name")})) == {
        ("Russia", "ATTACKS", "Ukraine", True, "asserted")
    }


# --- bad or thin input ------------------------------------------------------------------


def test_thin_input_gives_nothing_without_error():
    rows = [
        ("Russia", "Russia", "PROPN", 1, "nsubj"),
        ("attacked", "attack", "VERB", 1, "ROOT"),
        (".", ".", "PUNCT", 1, "punct"),
    ]
    assert relations(rows, {0: ("Russia", "name")}) == []
    doc, found = parse(rows, {})
    found.mentions.append(Mention("Q159", "Russia", 0, 6, "name"))  # no token offsets
    found.actors["Q159"] = ACTORS["Russia"]
    assert extract_relations(doc, found, Article.from_text(doc.text)) == []
    empty = Doc(VOCAB, words=[])
    assert extract_relations(empty, DocActors(), Article.from_text("")) == []
