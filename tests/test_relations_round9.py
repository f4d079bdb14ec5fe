"""Round 9 routes on hand-built UD parses (no trained model), each with the parser slip it
is meant for: the side of an act nested in its object or agent phrase, -ing nominals, a
perfect 'have' parsed as possession, reduced passives, 'up to' counts, mislabelled passives
and threatened infinitives with a condition (docs/relations.md, "Round 9"). Sentences are
the team's own."""

from __future__ import annotations

from relation_helpers import hand_parsed_relations

from graphbuild.records import Actor

ACTORS = {
    "Peru": Actor("Q419", "Peru", "Country"),
    "Chile": Actor("Q298", "Chile", "Country"),
    "Norway": Actor("Q20", "Norway", "Country"),
    "Sweden": Actor("Q34", "Sweden", "Country"),
}


def relations(rows, mentions):
    """(subject, kind, object) of a Doc built from (word, lemma, pos, tag, head, dep) rows,
    with actors at {token: (actor, how[, sector])}."""
    rels = hand_parsed_relations(rows, mentions, ACTORS, "2024-11-14")
    return {(r["subject"]["name"], r["kind"], r["object"]["name"]) for r in rels}


def _raid(nested_phrase):
    # Norwegian police raided the offices of Swedish aid groups .
    return [
        ("Norwegian", "norwegian", "ADJ", "JJ", 1, "amod"),
        ("police", "police", "NOUN", "NN", 2, "nsubj"),
        ("raided", "raid", "VERB", "VBD", 2, "ROOT"),
        ("the", "the", "DET", "DT", 4, "det"),
        ("offices", "office", "NOUN", "NNS", 2, "obj"),
        *nested_phrase,
        (".", ".", "PUNCT", ".", 2, "punct"),
    ]


def test_the_target_inside_the_object_phrase_is_the_object():
    # ... the offices of Swedish aid groups in Oslo .  (the place keeps the word-order
    # fallback from pairing the one actor on each side)
    rows = _raid(
        [
            ("of", "of", "ADP", "IN", 8, "case"),
            ("Swedish", "swedish", "ADJ", "JJ", 8, "amod"),
            ("aid", "aid", "NOUN", "NN", 8, "compound"),
            ("groups", "group", "NOUN", "NNS", 4, "nmod"),
            ("in", "in", "ADP", "IN", 10, "case"),
            ("Oslo", "Oslo", "PROPN", "NNP", 2, "obl"),
        ]
    )
    mentions = {1: ("Norway", "agent", "COP"), 6: ("Sweden", "demonym"), 10: ("Norway", "place")}
    assert relations(rows, mentions) == {("Norway", "ATTACKS", "Sweden")}


def test_a_country_behind_another_preposition_of_the_object_is_no_side():
    # Norwegian police raided the offices with boats from Sweden .  ("bought from", "bound for")
    rows = _raid(
        [
            ("with", "with", "ADP", "IN", 6, "case"),
            ("boats", "boat", "NOUN", "NNS", 4, "nmod"),
            ("from", "from", "ADP", "IN", 8, "case"),
            ("Sweden", "Sweden", "PROPN", "NNP", 6, "nmod"),
        ]
    )
    mentions = {1: ("Norway", "agent", "COP"), 8: ("Sweden", "name")}
    assert relations(rows, mentions) == set()


def test_words_addressed_to_someone_do_not_reach_into_the_object():
    # Norway welcomed the end of Swedish talks .  (a welcome is no act done to Sweden)
    rows = [
        ("Norway", "Norway", "PROPN", "NNP", 1, "nsubj"),
        ("welcomed", "welcome", "VERB", "VBD", 1, "ROOT"),
        ("the", "the", "DET", "DT", 3, "det"),
        ("end", "end", "NOUN", "NN", 1, "obj"),
        ("of", "of", "ADP", "IN", 6, "case"),
        ("Swedish", "swedish", "ADJ", "JJ", 6, "amod"),
        ("talks", "talk", "NOUN", "NNS", 3, "nmod"),
        (".", ".", "PUNCT", ".", 1, "punct"),
    ]
    mentions = {0: ("Norway", "name"), 5: ("Sweden", "demonym")}
    assert ("Norway", "HOSTS", "Sweden") not in relations(rows, mentions)


def test_an_ing_nominal_takes_its_by_phrase_even_when_hung_on_the_object():
    # The killing of Chilean soldiers by Peruvian troops drew protests .
    rows = [
        ("The", "the", "DET", "DT", 1, "det"),
        ("killing", "killing", "NOUN", "NN", 8, "nsubj"),
        ("of", "of", "ADP", "IN", 4, "case"),
        ("Chilean", "chilean", "ADJ", "JJ", 4, "amod"),
        ("soldiers", "soldier", "NOUN", "NNS", 1, "nmod"),
        ("by", "by", "ADP", "IN", 7, "case"),
        ("Peruvian", "peruvian", "ADJ", "JJ", 7, "amod"),
        ("troops", "troop", "NOUN", "NNS", 4, "nmod"),
        ("drew", "draw", "VERB", "VBD", 8, "ROOT"),
        ("protests", "protest", "NOUN", "NNS", 8, "obj"),
        (".", ".", "PUNCT", ".", 8, "punct"),
    ]
    mentions = {4: ("Chile", "agent", "MIL"), 7: ("Peru", "agent", "MIL")}
    assert ("Peru", "ATTACKS", "Chile") in relations(rows, mentions)
    # no agent named: "the killing of Chilean soldiers drew protests" gives no relation
    del mentions[7]
    assert relations(rows, mentions) == set()


def test_a_perfect_parsed_as_possession_is_the_participles_act():
    # Peruvian troops have tortured dozens of Chilean migrants .  ('tortured' an adjective)
    rows = [
        ("Peruvian", "peruvian", "ADJ", "JJ", 1, "amod"),
        ("troops", "troop", "NOUN", "NNS", 2, "nsubj"),
        ("have", "have", "VERB", "VBP", 2, "ROOT"),
        ("tortured", "tortured", "ADJ", "JJ", 4, "amod"),
        ("dozens", "dozen", "NOUN", "NNS", 2, "obj"),
        ("of", "of", "ADP", "IN", 7, "case"),
        ("Chilean", "chilean", "ADJ", "JJ", 7, "amod"),
        ("migrants", "migrant", "NOUN", "NNS", 4, "nmod"),
        (".", ".", "PUNCT", ".", 2, "punct"),
    ]
    mentions = {1: ("Peru", "agent", "MIL"), 7: ("Chile", "national", "CVL")}
    assert relations(rows, mentions) == {("Peru", "ATTACKS", "Chile")}


def test_a_participle_with_a_by_phrase_is_a_passive_of_the_noun_it_modifies():
    # Chilean drivers detained by Peruvian guards were freed .
    rows = [
        ("Chilean", "chilean", "ADJ", "JJ", 1, "amod"),
        ("drivers", "driver", "NOUN", "NNS", 7, "nsubj:pass"),
        ("detained", "detain", "VERB", "VBN", 1, "acl"),
        ("by", "by", "ADP", "IN", 5, "case"),
        ("Peruvian", "peruvian", "ADJ", "JJ", 5, "amod"),
        ("guards", "guard", "NOUN", "NNS", 2, "obl:agent"),
        ("were", "be", "AUX", "VBD", 7, "aux:pass"),
        ("freed", "free", "VERB", "VBN", 7, "ROOT"),
        (".", ".", "PUNCT", ".", 7, "punct"),
    ]
    mentions = {1: ("Chile", "national", "CVL"), 5: ("Peru", "agent", "COP")}
    found = relations(rows, mentions)
    assert ("Peru", "ARRESTS", "Chile") in found
    assert not any(subject == "Chile" for subject, _, _ in found)


def test_a_by_phrase_lost_to_a_participles_subject_is_the_agent():
    # Chilean boats were seized by Peruvian patrols operating near Arica .
    rows = [
        ("Chilean", "chilean", "ADJ", "JJ", 1, "amod"),
        ("boats", "boat", "NOUN", "NNS", 3, "nsubj:pass"),
        ("were", "be", "AUX", "VBD", 3, "aux:pass"),
        ("seized", "seize", "VERB", "VBN", 3, "ROOT"),
        ("by", "by", "ADP", "IN", 5, "case"),
        ("Peruvian", "peruvian", "ADJ", "JJ", 6, "amod"),
        ("patrols", "patrol", "NOUN", "NNS", 7, "nsubj"),
        ("operating", "operate", "VERB", "VBG", 3, "advcl"),
        ("near", "near", "ADP", "IN", 9, "case"),
        ("Arica", "Arica", "PROPN", "NNP", 7, "obl"),
        (".", ".", "PUNCT", ".", 3, "punct"),
    ]
    mentions = {0: ("Chile", "demonym"), 5: ("Peru", "demonym")}
    assert {(s, o) for s, _, o in relations(rows, mentions)} == {("Peru", "Chile")}


def test_up_to_a_number_is_a_count_not_a_to_phrase():
    # Peruvian police detained up to 40 Chilean migrants .
    rows = [
        ("Peruvian", "peruvian", "ADJ", "JJ", 1, "amod"),
        ("police", "police", "NOUN", "NN", 2, "nsubj"),
        ("detained", "detain", "VERB", "VBD", 2, "ROOT"),
        ("up", "up", "ADP", "RP", 2, "compound:prt"),
        ("to", "to", "ADP", "IN", 7, "case"),
        ("40", "40", "NUM", "CD", 7, "nummod"),
        ("Chilean", "chilean", "ADJ", "JJ", 7, "amod"),
        ("migrants", "migrant", "NOUN", "NNS", 2, "obl"),
        (".", ".", "PUNCT", ".", 2, "punct"),
    ]
    mentions = {1: ("Peru", "agent", "COP"), 7: ("Chile", "national", "CVL")}
    assert relations(rows, mentions) == {("Peru", "ARRESTS", "Chile")}


def test_a_finite_verb_with_an_object_is_active_whatever_its_subjects_label():
    # Peruvian drones bombed a convoy of Chilean troops .  (subject labelled nsubj:pass)
    rows = [
        ("Peruvian", "peruvian", "ADJ", "JJ", 1, "amod"),
        ("drones", "drone", "NOUN", "NNS", 2, "nsubj:pass"),
        ("bombed", "bomb", "VERB", "VBD", 2, "ROOT"),
        ("a", "a", "DET", "DT", 4, "det"),
        ("convoy", "convoy", "NOUN", "NN", 2, "obj"),
        ("of", "of", "ADP", "IN", 7, "case"),
        ("Chilean", "chilean", "ADJ", "JJ", 7, "amod"),
        ("troops", "troop", "NOUN", "NNS", 4, "nmod"),
        (".", ".", "PUNCT", ".", 2, "punct"),
    ]
    mentions = {1: ("Peru", "agent", "MIL"), 7: ("Chile", "agent", "MIL")}
    assert relations(rows, mentions) == {("Peru", "ATTACKS", "Chile")}


def test_a_threatened_infinitive_threatens_whoever_its_condition_names():
    # Peru threatened to halt the talks if Chile deployed troops .
    rows = [
        ("Peru", "Peru", "PROPN", "NNP", 1, "nsubj"),
        ("threatened", "threaten", "VERB", "VBD", 1, "ROOT"),
        ("to", "to", "PART", "TO", 3, "mark"),
        ("halt", "halt", "VERB", "VB", 1, "xcomp"),
        ("the", "the", "DET", "DT", 5, "det"),
        ("talks", "talk", "NOUN", "NNS", 3, "obj"),
        ("if", "if", "SCONJ", "IN", 8, "mark"),
        ("Chile", "Chile", "PROPN", "NNP", 8, "nsubj"),
        ("deployed", "deploy", "VERB", "VBD", 3, "advcl"),
        ("troops", "troop", "NOUN", "NNS", 8, "obj"),
        (".", ".", "PUNCT", ".", 1, "punct"),
    ]
    mentions = {0: ("Peru", "name"), 7: ("Chile", "name")}
    assert ("Peru", "THREATENS", "Chile") in relations(rows, mentions)


def test_the_first_of_two_direct_objects_of_a_light_verb_is_the_recipient():
    # Norway gave Sweden 5 million euros of aid .  (both parsed as direct objects)
    rows = [
        ("Norway", "Norway", "PROPN", "NNP", 1, "nsubj"),
        ("gave", "give", "VERB", "VBD", 1, "ROOT"),
        ("Sweden", "Sweden", "PROPN", "NNP", 1, "obj"),
        ("5", "5", "NUM", "CD", 4, "compound"),
        ("million", "million", "NUM", "CD", 5, "nummod"),
        ("euros", "euro", "NOUN", "NNS", 1, "obj"),
        ("of", "of", "ADP", "IN", 7, "case"),
        ("aid", "aid", "NOUN", "NN", 5, "nmod"),
        (".", ".", "PUNCT", ".", 1, "punct"),
    ]
    assert relations(rows, {0: ("Norway", "name"), 2: ("Sweden", "name")}) == {
        ("Norway", "AIDS", "Sweden")
    }


def test_the_other_side_of_a_tie_inside_the_object_is_the_object():
    # Norway announced the suspension of trade links with Sweden .
    rows = [
        ("Norway", "Norway", "PROPN", "NNP", 1, "nsubj"),
        ("announced", "announce", "VERB", "VBD", 1, "ROOT"),
        ("the", "the", "DET", "DT", 3, "det"),
        ("suspension", "suspension", "NOUN", "NN", 1, "obj"),
        ("of", "of", "ADP", "IN", 6, "case"),
        ("trade", "trade", "NOUN", "NN", 6, "compound"),
        ("links", "link", "NOUN", "NNS", 3, "nmod"),
        ("with", "with", "ADP", "IN", 8, "case"),
        ("Sweden", "Sweden", "PROPN", "NNP", 6, "nmod"),
        (".", ".", "PUNCT", ".", 1, "punct"),
    ]
    found = relations(rows, {0: ("Norway", "name"), 8: ("Sweden", "name")})
    assert ("Norway", "Sweden") in {(s, o) for s, _, o in found}


def test_a_phrase_hung_on_the_addressee_is_still_the_verbs():
    # Chile complained to Norway about Peruvian raids .  (about-phrase on the addressee)
    rows = [
        ("Chile", "Chile", "PROPN", "NNP", 1, "nsubj"),
        ("complained", "complain", "VERB", "VBD", 1, "ROOT"),
        ("to", "to", "ADP", "IN", 3, "case"),
        ("Norway", "Norway", "PROPN", "NNP", 1, "obl"),
        ("about", "about", "ADP", "IN", 6, "case"),
        ("Peruvian", "peruvian", "ADJ", "JJ", 6, "amod"),
        ("raids", "raid", "NOUN", "NNS", 3, "nmod"),
        (".", ".", "PUNCT", ".", 1, "punct"),
    ]
    mentions = {0: ("Chile", "name"), 3: ("Norway", "name"), 5: ("Peru", "demonym")}
    found = relations(rows, mentions)
    assert ("Chile", "DISAPPROVES", "Peru") in found
    assert not any(o == "Norway" for _, k, o in found if k == "DISAPPROVES")


def test_a_subject_hung_on_the_date_after_it_is_the_subject():
    # Norway on Monday demanded that Sweden free the prisoners .  (Norway a compound of 'on')
    rows = [
        ("Norway", "Norway", "PROPN", "NNP", 1, "compound"),
        ("on", "on", "ADP", "IN", 2, "case"),
        ("Monday", "Monday", "PROPN", "NNP", 3, "obl"),
        ("demanded", "demand", "VERB", "VBD", 3, "ROOT"),
        ("that", "that", "SCONJ", "IN", 6, "mark"),
        ("Sweden", "Sweden", "PROPN", "NNP", 6, "nsubj"),
        ("free", "free", "VERB", "VB", 3, "ccomp"),
        ("the", "the", "DET", "DT", 8, "det"),
        ("prisoners", "prisoner", "NOUN", "NNS", 6, "obj"),
        (".", ".", "PUNCT", ".", 3, "punct"),
    ]
    found = relations(rows, {0: ("Norway", "name"), 5: ("Sweden", "name")})
    assert ("Norway", "DEMANDS", "Sweden") in found
