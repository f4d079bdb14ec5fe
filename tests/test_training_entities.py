"""GUM entity layer -> NER labels: each class of conversion error, on hand-made sentences.

Sentences are built word by word (form, upos, head, deprel, Entity annotation) so
that each test shows the one rule it checks.
"""

from __future__ import annotations

from training.conllu import Word
from training.entities import is_pronunciation, named_entities


def _words(rows: list[tuple]) -> list[Word]:
    """Rows of (form, upos, head, deprel[, Entity]); NNP for PROPN, NN otherwise."""
    words = []
    for form, upos, head, deprel, *entity in rows:
        xpos = "NNP" if upos == "PROPN" else ("CD" if upos == "NUM" else "NN")
        misc = {"Entity": entity[0]} if entity else {}
        words.append(Word(form, form, upos, xpos, "_", head, deprel, misc))
    return words


def _names(rows: list[tuple]) -> list[tuple[str, str]]:
    words = _words(rows)
    return [(" ".join(w.form for w in words[s:e]), label) for s, e, label in named_entities(words)]


def test_a_bare_role_or_office_is_no_person():
    # "The Dean thanked the Regional Attorney General ."
    rows = [
        ("The", "DET", 2, "det", "(1-person-giv-ssnsn-cf1-2-coref"),
        ("Dean", "PROPN", 3, "nsubj", "1)"),
        ("thanked", "VERB", 0, "root"),
        ("the", "DET", 7, "det", "(2-person-new-ssnsn-cf2-4-sgl"),
        ("Regional", "PROPN", 6, "compound"),
        ("Attorney", "PROPN", 7, "compound"),
        ("General", "PROPN", 3, "obj", "2)"),
        (".", "PUNCT", 3, "punct"),
    ]
    assert _names(rows) == []


def test_a_place_before_an_office_survives_but_the_office_is_no_person():
    # "Kenya MP spoke ." with "Kenya" its own place mention inside "Kenya MP"
    rows = [
        (
            "Kenya",
            "PROPN",
            2,
            "compound",
            "(1-person-new-ssnsn-cf1-2-sgl(2-place-new-ssnsn-cf2-1-sgl-Kenya)",
        ),
        ("MP", "PROPN", 3, "nsubj", "1)"),
        ("spoke", "VERB", 0, "root"),
        (".", "PUNCT", 3, "punct"),
    ]
    assert _names(rows) == [("Kenya", "GPE")]


def test_kinship_words_and_forms_of_address_are_no_names():
    # "Your Honor , Mother wrote ."
    rows = [
        ("Your", "PRON", 2, "nmod:poss", "(1-person-giv-ssnsn-cf1-2-coref"),
        ("Honor", "PROPN", 5, "vocative", "1)"),
        (",", "PUNCT", 2, "punct"),
        ("Mother", "PROPN", 5, "nsubj", "(2-person-giv-ssnsn-cf2-1-coref)"),
        ("wrote", "VERB", 0, "root"),
        (".", "PUNCT", 5, "punct"),
    ]
    assert _names(rows) == []


def test_a_title_before_a_name_is_stripped():
    # "Attorney Jane Okafor resigned ." (flat name, title as compound)
    rows = [
        ("Attorney", "PROPN", 2, "compound", "(1-person-new-ssnsn-cf1-3-sgl"),
        ("Jane", "PROPN", 4, "nsubj"),
        ("Okafor", "PROPN", 2, "flat", "1)"),
        ("resigned", "VERB", 0, "root"),
        (".", "PUNCT", 4, "punct"),
    ]
    assert _names(rows) == [("Jane Okafor", "PERSON")]


def test_racial_and_political_group_words_typed_person_are_norp():
    # "White , Hispanic and Pacific Islander respondents ; a Libertarian ."
    rows = [
        ("White", "PROPN", 0, "root", "(1-person-new-ssnsn-cf1-1-sgl)"),
        (";", "PUNCT", 1, "punct"),
        ("Pacific", "PROPN", 4, "compound", "(2-person-new-ssnsn-cf2-2-sgl"),
        ("Islander", "PROPN", 1, "list", "2)"),
        (";", "PUNCT", 1, "punct"),
        ("Libertarian", "PROPN", 1, "list", "(3-person-new-ssnsn-cf3-1-sgl)"),
    ]
    assert _names(rows) == [
        ("White", "NORP"),
        ("Pacific Islander", "NORP"),
        ("Libertarian", "NORP"),
    ]


def test_a_surname_spelled_like_a_group_word_stays_a_person():
    rows = [
        ("Dana", "PROPN", 3, "nsubj", "(1-person-new-ssnsn-cf1-2-sgl"),
        ("White", "PROPN", 1, "flat", "1)"),
        ("left", "VERB", 0, "root"),
    ]
    assert _names(rows) == [("Dana White", "PERSON")]


def test_pronunciations_are_not_names():
    assert is_pronunciation("d(ə)-VOR-zha(h)k")
    assert is_pronunciation("ˈmɑːrtɪn")
    assert is_pronunciation("ʒɑ̃")
    # real spellings with hyphens, glottal stops, okina and schwa stay names
    for name in ("Mof-Ávvi", "Wai-ching", "al-Assad", "Hawaiʻi", "Ésuulaaluʔ", "Əliyev"):
        assert not is_pronunciation(name), name
    # "Kovač ( KOH-vach , ˈkɔʋaːtʃ )": only the name is a PERSON
    rows = [
        ("Kovač", "PROPN", 0, "root", "(1-person-giv-ssnsn-cf1-1-coref)"),
        ("(", "PUNCT", 3, "punct"),
        ("koh-VACH", "PROPN", 1, "appos", "(2-person-giv-ssnsn-cf1-1-coref)"),
        (",", "PUNCT", 5, "punct"),
        ("ˈkɔʋaːtʃ", "PROPN", 3, "conj", "(3-person-giv-ssnsn-cf1-1-coref)"),
        (")", "PUNCT", 3, "punct"),
    ]
    assert _names(rows) == [("Kovač", "PERSON")]


def test_coordinated_names_in_one_mention_are_split():
    # "Lagos and Accra signed ." as one place mention; "Rhee and Okafor" as one person mention
    rows = [
        ("Lagos", "PROPN", 4, "nsubj", "(1-place-new-ssnsn-cf1-3-sgl"),
        ("and", "CCONJ", 3, "cc"),
        ("Accra", "PROPN", 1, "conj", "1)"),
        ("met", "VERB", 0, "root"),
        ("Rhee", "PROPN", 4, "obj", "(2-person-new-ssnsn-cf2-3-sgl"),
        ("and", "CCONJ", 7, "cc"),
        ("Okafor", "PROPN", 5, "conj", "2)"),
    ]
    assert _names(rows) == [
        ("Lagos", "GPE"),
        ("Accra", "GPE"),
        ("Rhee", "PERSON"),
        ("Okafor", "PERSON"),
    ]


def test_split_conjuncts_keep_gums_own_inner_mentions_and_drop_titles():
    # "Niger and South Sudan" with the inner mentions; "Kim and Senator Lee"
    rows = [
        (
            "Niger",
            "PROPN",
            0,
            "root",
            "(1-place-new-ssnsn-cf1-4-sgl(2-place-new-ssnsn-cf2-1-sgl-Niger)",
        ),
        ("and", "CCONJ", 4, "cc"),
        ("South", "PROPN", 4, "compound", "(3-place-new-ssnsn-cf3-2-sgl-South_Sudan"),
        ("Sudan", "PROPN", 1, "conj", "3)1)"),
        ("Kim", "PROPN", 1, "list", "(4-person-new-ssnsn-cf4-4-sgl"),
        ("and", "CCONJ", 8, "cc"),
        ("Senator", "PROPN", 8, "compound"),
        ("Lee", "PROPN", 5, "conj", "4)"),
    ]
    assert _names(rows) == [
        ("Niger", "GPE"),
        ("South Sudan", "GPE"),
        ("Kim", "PERSON"),
        ("Lee", "PERSON"),
    ]


def test_fixed_names_with_a_coordinator_stay_whole():
    # a country whose identity has "and"; a firm named after two people (people nested)
    rows = [
        ("Antigua", "PROPN", 0, "root", "(1-place-new-ssnsn-cf1-3-sgl-Antigua_and_Barbuda"),
        ("and", "CCONJ", 3, "cc"),
        ("Barbuda", "PROPN", 1, "conj", "1)"),
        (
            "Procter",
            "PROPN",
            1,
            "list",
            "(2-organization-new-ssnsn-cf2-3-sgl(3-person-new-ssnsn-cf3-1-sgl)",
        ),
        ("&", "CCONJ", 6, "cc"),
        ("Gamble", "PROPN", 4, "conj", "(4-person-new-ssnsn-cf4-1-sgl)2)"),
    ]
    assert _names(rows) == [("Antigua and Barbuda", "GPE"), ("Procter & Gamble", "ORG")]


def test_an_organisation_mention_of_a_country_is_gpe_by_its_identity():
    # "the North fired" where GUM types North Korea acting as an organisation
    rows = [
        ("the", "DET", 2, "det", "(1-organization-giv-ssnsn-cf1-2-coref-North_Korea"),
        ("North", "PROPN", 3, "nsubj", "1)"),
        ("fired", "VERB", 0, "root"),
    ]
    assert _names(rows) == [("North", "GPE")]


def test_a_lone_classifier_noun_is_no_name():
    # "the Group" standing in for an archipelago named earlier
    rows = [
        ("in", "ADP", 3, "case"),
        ("the", "DET", 3, "det", "(1-place-giv-ssnsn-cf1-2-coref-Vava%CA%BBu"),
        ("Group", "PROPN", 0, "root", "1)"),
    ]
    assert _names(rows) == []


def test_numbered_roads_keep_their_number_and_are_facilities():
    # "take I - 580 East" tokenised as GUM does
    rows = [
        ("take", "VERB", 0, "root"),
        ("I", "PROPN", 1, "obj", "(1-place-new-ssnsn-cf1-4-sgl"),
        ("-", "PUNCT", 4, "punct"),
        ("580", "NUM", 2, "nummod"),
        ("East", "PROPN", 2, "flat", "1)"),
    ]
    assert _names(rows) == [("I - 580 East", "FAC")]


def test_place_kind_comes_from_the_word_before_of_or_else_the_identity():
    # "the Museum of Flight in Atlanta" / "flew into ATL" (identity: an airport)
    rows = [
        ("Museum", "PROPN", 0, "root", "(1-place-new-ssnsn-cf1-3-sgl"),
        ("of", "ADP", 3, "case"),
        ("Flight", "PROPN", 1, "nmod", "1)"),
        (
            "ATL",
            "PROPN",
            1,
            "list",
            "(2-place-new-ssnsn-cf2-1-sgl-Hartsfield_Jackson_Atlanta_International_Airport)",
        ),
        ("Tarn", "PROPN", 1, "list", "(3-place-new-ssnsn-cf3-1-sgl-Tarn_%28river%29)"),
        ("Gulf", "PROPN", 1, "list", "(4-place-new-ssnsn-cf4-3-sgl"),
        ("of", "ADP", 8, "case"),
        ("Aden", "PROPN", 6, "nmod", "4)"),
    ]
    assert _names(rows) == [
        ("Museum of Flight", "FAC"),
        ("ATL", "FAC"),
        ("Tarn", "LOC"),  # the gloss names the kind
        ("Gulf of Aden", "LOC"),
    ]


def test_a_name_attached_to_a_role_noun_is_the_person():
    # "the noted judge Amara Osei ruled ." (head "judge", name as appos + flat)
    rows = [
        ("the", "DET", 3, "det", "(1-person-new-ssnsn-cf1-5-sgl"),
        ("noted", "ADJ", 3, "amod"),
        ("judge", "NOUN", 6, "nsubj"),
        ("Amara", "PROPN", 3, "appos"),
        ("Osei", "PROPN", 4, "flat", "1)"),
        ("ruled", "VERB", 0, "root"),
        (".", "PUNCT", 6, "punct"),
    ]
    assert _names(rows) == [("Amara Osei", "PERSON")]


def test_a_body_before_the_role_noun_stays_its_own_name():
    # "Harbor Authority spokesperson Lena Ortiz said ." (name flat on the role noun)
    rows = [
        (
            "Harbor",
            "PROPN",
            2,
            "compound",
            "(1-person-new-ssnsn-cf1-5-sgl(2-organization-new-ss-cf2-2-sgl",
        ),
        ("Authority", "PROPN", 3, "compound", "2)"),
        ("spokesperson", "NOUN", 6, "nsubj"),
        ("Lena", "PROPN", 3, "flat"),
        ("Ortiz", "PROPN", 3, "flat", "1)"),
        ("said", "VERB", 0, "root"),
        (".", "PUNCT", 6, "punct"),
    ]
    assert _names(rows) == [("Harbor Authority", "ORG"), ("Lena Ortiz", "PERSON")]


def test_a_first_name_on_the_surname_belongs_but_a_body_in_an_of_phrase_does_not():
    # "CEO of the Tenant Union Kenji Sato spoke ." ("Kenji" compound on "Sato")
    rows = [
        ("CEO", "NOUN", 8, "nsubj", "(1-person-new-ssnsn-cf1-6-sgl"),
        ("of", "ADP", 5, "case"),
        ("the", "DET", 5, "det", "(2-organization-new-ss-cf2-3-sgl"),
        ("Tenant", "PROPN", 5, "compound"),
        ("Union", "PROPN", 1, "nmod", "2)"),
        ("Kenji", "PROPN", 7, "compound"),
        ("Sato", "PROPN", 1, "appos", "1)"),
        ("spoke", "VERB", 0, "root"),
        (".", "PUNCT", 8, "punct"),
    ]
    assert _names(rows) == [("Tenant Union", "ORG"), ("Kenji Sato", "PERSON")]


def test_titles_are_stripped_from_an_attached_name_and_organisations_get_their_label():
    # "committee chair Senator Ruth Alder and the shipping firm Nordlys"
    rows = [
        ("committee", "NOUN", 2, "compound", "(1-person-new-ssnsn-cf1-5-sgl"),
        ("chair", "NOUN", 0, "root"),
        ("Senator", "PROPN", 5, "compound"),
        ("Ruth", "PROPN", 2, "appos"),
        ("Alder", "PROPN", 4, "flat", "1)"),
        ("and", "CCONJ", 9, "cc"),
        ("the", "DET", 9, "det", "(2-organization-new-ss-cf2-4-sgl"),
        ("shipping", "NOUN", 9, "compound"),
        ("firm", "NOUN", 2, "conj"),
        ("Nordlys", "PROPN", 9, "appos", "2)"),
    ]
    assert _names(rows) == [("Ruth Alder", "PERSON"), ("Nordlys", "ORG")]


def test_role_nouns_without_a_name_and_speaker_letters_give_no_entity():
    # "the new judge and speaker K"
    rows = [
        ("the", "DET", 3, "det", "(1-person-new-ssnsn-cf1-3-sgl"),
        ("new", "ADJ", 3, "amod"),
        ("judge", "NOUN", 0, "root", "1)"),
        ("and", "CCONJ", 5, "cc"),
        ("speaker", "NOUN", 3, "conj", "(2-person-new-ssnsn-cf2-2-sgl"),
        ("K", "PROPN", 5, "flat", "2)"),
    ]
    assert _names(rows) == []


def test_editor_brackets_and_quoted_nicknames_stay_inside_the_name():
    # "[Maria] Lopez and Tomas " Tito " Reyes"
    rows = [
        ("[", "PUNCT", 2, "punct", "(1-person-new-ssnsn-cf1-4-sgl"),
        ("Maria", "PROPN", 0, "root"),
        ("]", "PUNCT", 2, "punct"),
        ("Lopez", "PROPN", 2, "flat", "1)"),
        ("and", "CCONJ", 6, "cc"),
        ("Tomas", "PROPN", 2, "conj", "(2-person-new-ssnsn-cf2-5-sgl"),
        ('"', "PUNCT", 8, "punct"),
        ("Tito", "PROPN", 6, "flat"),
        ('"', "PUNCT", 8, "punct"),
        ("Reyes", "PROPN", 6, "flat", "2)"),
    ]
    assert _names(rows) == [("[ Maria ] Lopez", "PERSON"), ('Tomas " Tito " Reyes', "PERSON")]
