"""The edges of a person's name, whatever the NER says (issue #17): a given name the NER
dropped before the surname ("Kowalczyk" of "Marta Kowalczyk"), title words it left at the
front ("State Antony Blinken"), and a name that is the tail of a place name ("Hormuz" of
"the Strait of Hormuz"). Each sentence is parsed by the shipped pipeline, its entities are
then set by hand to what one NER or another gives, and the load-time components that
follow the NER run on them, so that the rules, not a model, are under test.
Sentences written for graphbuild."""

from __future__ import annotations

import pytest
from entity_helpers import with_ents

from graphbuild.actors import find_actors

POST_NER = ("graphbuild_place_names", "graphbuild_person_names")


def _after_ner(nlp, text: str, ents: list[tuple[str, str]]):
    """``text`` parsed, with exactly ``ents`` (phrase, label; first occurrence) as the NER's
    entities, then the post-NER components graphbuild adds at load time."""
    doc = with_ents(nlp, text, ents)
    for name in POST_NER:
        if name in nlp.pipe_names:  # the order is checked below
            doc = nlp.get_pipe(name)(doc)
    return doc


def _ents(doc) -> list[tuple[str, str]]:
    return [(e.text, e.label_) for e in doc.ents]


def test_the_post_ner_components_run_in_order(nlp):
    names = nlp.pipe_names
    assert names.index("ner") < names.index("graphbuild_place_names")
    assert names.index("graphbuild_place_names") < names.index("graphbuild_person_names")


# --- a given name the NER dropped -------------------------------------------------------


@pytest.mark.parametrize(
    "text, tagged, whole",
    [
        ("Kofi Mensah Asante had been freed, the rebels said.", "Asante", "Kofi Mensah Asante"),
        (
            "Rebels in the north said Kofi Mensah Asante had been freed.",
            "Asante",
            "Kofi Mensah Asante",
        ),
        (
            "Rebels in the north said Kofi Mensah Asante had been freed.",
            "Mensah Asante",
            "Kofi Mensah Asante",
        ),
        (
            "Ana Lucia Ferreira told reporters the talks would resume.",
            "Ferreira",
            "Ana Lucia Ferreira",
        ),
    ],
)
def test_a_person_takes_in_the_given_names_before_it(nlp, text, tagged, whole):
    doc = _after_ner(nlp, text, [(tagged, "PERSON")])
    assert (whole, "PERSON") in _ents(doc), _ents(doc)


@pytest.mark.parametrize(
    "text, tagged, name",
    [
        (
            "President Emmanuel Macron met Chancellor Olaf Scholz in Berlin.",
            "Macron",
            "Emmanuel Macron",
        ),
        (
            "President Emmanuel Macron met Chancellor Olaf Scholz in Berlin.",
            "Olaf Scholz",
            "Olaf Scholz",
        ),
        ("Secretary of State Marco Rubio flew to Riyadh.", "Rubio", "Marco Rubio"),
        ("Senator Lindsey Graham and Governor Gavin Newsom disagreed.", "Graham", "Lindsey Graham"),
    ],
)
def test_a_title_before_the_name_stays_out(nlp, text, tagged, name):
    doc = _after_ner(nlp, text, [(tagged, "PERSON")])
    assert (name, "PERSON") in _ents(doc), _ents(doc)


def test_a_name_in_another_entity_is_not_taken(nlp):
    text = "Rebels in the north said Kofi Mensah Asante had been freed."
    doc = _after_ner(nlp, text, [("Kofi", "ORG"), ("Mensah Asante", "PERSON")])
    assert _ents(doc) == [("Kofi", "ORG"), ("Mensah Asante", "PERSON")]


def test_the_whole_name_is_the_person_actor(nlp, kb):
    text = "Emmanuel Macron, who spoke after the summit, left for Paris on Sunday."
    doc = _after_ner(nlp, text, [("Macron", "PERSON"), ("Paris", "GPE")])
    found = find_actors(doc, kb, "2024-03-01")
    assert any(
        m.text == "Emmanuel Macron" and found.actors[m.actor_id].name == "Emmanuel Macron"
        for m in found.mentions
    ), [(m.text, m.actor_id) for m in found.mentions]


# --- title words left inside a person entity ----------------------------------------------


@pytest.mark.parametrize(
    "text, tagged, name",
    [
        (
            "Secretary of State Antony Blinken arrived in Cairo.",
            "State Antony Blinken",
            "Antony Blinken",
        ),
        (
            "Secretary of State Antony Blinken arrived in Cairo.",
            "Secretary of State Antony Blinken",
            "Antony Blinken",
        ),
        (
            "President Emmanuel Macron met Chancellor Olaf Scholz in Berlin.",
            "Chancellor Olaf Scholz",
            "Olaf Scholz",
        ),
        (
            "Defence Minister Rustem Umerov said the drones were shot down.",
            "Defence Minister Rustem Umerov",
            "Rustem Umerov",
        ),
    ],
)
def test_leading_title_words_leave_a_person_entity(nlp, text, tagged, name):
    doc = _after_ner(nlp, text, [(tagged, "PERSON")])
    assert (name, "PERSON") in _ents(doc), _ents(doc)


def test_a_stripped_title_still_names_the_actor(nlp, kb):
    text = "Secretary of State Antony Blinken arrived in Cairo."
    doc = _after_ner(nlp, text, [("State Antony Blinken", "PERSON"), ("Cairo", "GPE")])
    found = find_actors(doc, kb, "2024-03-01")
    names = {found.actors[m.actor_id].name for m in found.mentions}
    assert "Antony Blinken" in names, names


def test_a_person_entity_of_titles_only_is_left_as_it_is(nlp):
    doc = _after_ner(nlp, "The Prime Minister spoke on Monday.", [("Prime Minister", "PERSON")])
    assert ("Prime Minister", "PERSON") in _ents(doc)


# --- a name that ends a place name ------------------------------------------------------

PLACES = [
    (
        "Tankers crossing the Strait of Malacca were delayed by the storm.",
        "Malacca",
        "Strait of Malacca",
    ),
    ("Pirates seized a freighter in the Gulf of Guinea on Tuesday.", "Guinea", "Gulf of Guinea"),
    (
        "Iran threatened to close the Strait of Hormuz if sanctions were tightened.",
        "Hormuz",
        "Strait of Hormuz",
    ),
    ("Cyclones forming over the Bay of Bengal reached the coast.", "Bengal", "Bay of Bengal"),
]


@pytest.mark.parametrize("label", ["PERSON", "ORG"])
@pytest.mark.parametrize("text, tagged, place", PLACES)
def test_a_name_after_a_place_word_is_part_of_the_place(nlp, kb, text, tagged, place, label):
    doc = _after_ner(nlp, text, [(tagged, label)])
    assert (place, "LOC") in _ents(doc), _ents(doc)
    found = find_actors(doc, kb, "2024-03-01")
    names = {found.actors[m.actor_id].name for m in found.mentions}
    assert tagged not in names and place not in names, names


@pytest.mark.parametrize("label", ["PERSON", "ORG"])
def test_a_place_name_tagged_whole_becomes_a_place(nlp, label):
    text = "Tankers crossing the Strait of Malacca were delayed by the storm."
    doc = _after_ner(nlp, text, [("Strait of Malacca", label)])
    assert _ents(doc) == [("Strait of Malacca", "LOC")]


def test_a_country_after_a_place_word_and_other_of_names_are_kept(nlp):
    doc = _after_ner(nlp, "Oil rigs in the Gulf of Mexico were shut.", [("Mexico", "GPE")])
    assert _ents(doc) == [("Mexico", "GPE")]
    doc = _after_ner(nlp, "The Bank of England raised rates.", [("England", "ORG")])
    assert _ents(doc) == [("England", "ORG")]
    doc = _after_ner(nlp, "The Bank of England raised rates.", [("Bank of England", "ORG")])
    assert _ents(doc) == [("Bank of England", "ORG")]


def test_a_title_after_the_name_is_not_taken(nlp):
    text = "Talks between Bulgarian President Rumen Radev and the prime minister ended."
    doc = _after_ner(nlp, text, [("Bulgarian", "PERSON"), ("Rumen Radev", "PERSON")])
    assert _ents(doc) == [("Bulgarian", "PERSON"), ("Rumen Radev", "PERSON")]
