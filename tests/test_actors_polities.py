"""Polities the knowledge base does not know (``graphbuild/actors/polities.py``): a place
name the NER finds becomes a new country actor where it acts (subject, owner of a role,
object of a state's act, counterpart), and stays nothing where it is a location.
Sentences written for graphbuild; they parse with the shipped pipeline (skipped when none
loads)."""

from __future__ import annotations

import pytest

from graphbuild.actors import find_actors


@pytest.fixture(scope="module")
def tag(nlp, kb):
    def run(text: str, date: str = "2024-06-01"):
        found = find_actors(nlp(text), kb, date)
        return [
            (m.text, m.actor_id, found.actors[m.actor_id].type, m.how, m.sector)
            for m in found.mentions
        ]

    return run


def new_polities(mentions) -> dict[str, tuple[str, str, str | None]]:
    """Mention text -> (id, how, sector) for the new country actors."""
    return {
        text: (actor_id, how, sector)
        for text, actor_id, type_, how, sector in mentions
        if type_ == "Country" and actor_id.startswith("country:")
    }


@pytest.mark.parametrize(
    ("text", "span", "actor_id"),
    [
        # sub-national governments and breakaway states acting as subjects
        ("Catalonia held a referendum on independence in 2017.", "Catalonia", "country:catalonia"),
        (
            "Bavaria declared that it would hold a second vote.",
            "Bavaria",
            "country:bavaria",
        ),
        ("Texas sued the federal government over the border wall.", "Texas", "country:texas"),
        (
            "Bavaria announced new border controls on Tuesday.",
            "Bavaria",
            "country:bavaria",
        ),
    ],
)
def test_an_unknown_polity_acting_as_subject_is_a_new_country(tag, text, span, actor_id):
    found = new_polities(tag(text))
    assert span in found
    assert found[span][0] == actor_id
    assert found[span][1] == "name"


def test_a_state_of_x_is_one_polity_whatever_the_ner_calls_it(tag):
    found = new_polities(tag("The State of Texas sued the federal government."))
    assert found.get("The State of Texas", ("",))[0] == "country:state-of-texas"
    # the form names the polity: no act needed, but never a location
    found = new_polities(tag("The ruling is a blow for farmers and the State of Texas."))
    assert found.get("the State of Texas", ("",))[0] == "country:state-of-texas"
    assert new_polities(tag("Oil was found in the State of Texas in 1901.")) == {}


def test_the_owner_of_a_role_gets_the_role_phrase_and_its_sector(tag):
    found = new_polities(tag("Catalonia's government called early elections."))
    assert found.get("Catalonia's government") == ("country:catalonia", "agent", "GOV")
    found = new_polities(tag("The government of Catalonia called early elections."))
    assert found.get("The government of Catalonia") == ("country:catalonia", "agent", "GOV")


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("Spain held talks with Catalonia on the budget.", "Catalonia"),  # counterpart
        ("Spain signed a treaty with Bavaria in 1990.", "Bavaria"),
        ("The federal government filed a lawsuit against Texas.", "Texas"),  # opposed
        ("Spain refused to recognise Catalonia as a state.", "Catalonia"),  # a state's act
    ],
)
def test_a_counterpart_and_a_target_of_a_state_act(tag, text, span):
    found = new_polities(tag(text))
    assert found.get(span, ("",))[0] == f"country:{span.lower()}"


@pytest.mark.parametrize(
    "text",
    [
        "She spent the summer in Bavaria with her cousins.",  # locative
        "They drove from Catalonia to the French border.",  # from / to
        "The Bavaria trip was cancelled because of snow.",  # a modifier of a noun
        "Catalonia has long beaches and mild winters.",  # a place's verb
        "He studied law at the University of Catalonia.",  # inside a longer name
        "Bavaria's lakes freeze in January.",  # owner of no role
    ],
)
def test_an_unknown_place_as_a_location_is_no_actor(tag, text):
    assert new_polities(tag(text)) == {}


@pytest.mark.parametrize(
    ("text", "place", "country"),
    [
        ("Chechnya announced a curfew after the attack.", "Chechnya", "Q159"),
        ("England clashed with France over fishing rights.", "England", "Q145"),
    ],
)
def test_known_regions_stay_places_of_their_country(tag, text, place, country):
    mentions = tag(text)
    assert place not in new_polities(mentions)
    assert (place, country, "Country", "place", None) in mentions


def test_an_unknown_polity_is_never_the_country_of_a_bare_role(tag):
    """ "the government" stays nobody's when the article names only an unknown polity."""
    mentions = tag("Bavaria announced new border controls. The government said they were needed.")
    assert "Bavaria" in new_polities(mentions)
    assert not any(text.endswith("government") for text, *_ in mentions)


def test_a_misspelt_known_country_is_no_new_polity(tag):
    assert new_polities(tag("Ethopia agreed to reopen its border crossings.")) == {}
