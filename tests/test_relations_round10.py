"""Round 10 (issue 13): the event-coding classes of the PLOVER codebook, end to end with
graphbuild's trained pipeline - a future act its actor announces is an intent stated now
(PLEDGES / THREATENS), never a forecast, a third party's claim, a negated plan or a
scheduled visit; and the lexicon's new classes (halting mediation, lawsuits, ordering
forces out, vowed retaliation, agreeing to mediation, offering troops). Sentences are the
team's own (docs/relations.md, "Round 10")."""

from __future__ import annotations

import pytest
from relation_helpers import extractor_on, needs_trained_model, stated

pytestmark = needs_trained_model


@pytest.fixture(scope="module")
def extract():
    return extractor_on("2024-11-05")


def facts(rels: list[dict]) -> set[tuple]:
    """(subject, kind, object) of the relations stated as fact."""
    return stated(rels, "kind")


def kinds_of(rels: list[dict], kind: str) -> list[dict]:
    return [r for r in rels if r["kind"] == kind]


def test_an_act_the_actor_says_it_will_do_is_a_pledge_now(extract):
    rels = extract("Malaysia said on Tuesday it would give Brunei two patrol boats.")
    assert ("Malaysia", "PLEDGES", "Brunei") in facts(rels)
    # the giving itself has not happened
    assert ("Malaysia", "AIDS", "Brunei") not in facts(rels)
    pledge = kinds_of(rels, "PLEDGES")[0]
    assert pledge["cameo"].startswith("03") and pledge["plover_type"] == "AGREE"


def test_a_conditional_hostile_plan_is_a_threat(extract):
    rels = extract("Turkey said it would close its airspace to Israel unless the bombing stopped.")
    assert ("Turkey", "THREATENS", "Israel") in facts(rels)
    threat = kinds_of(rels, "THREATENS")[0]
    assert threat["cameo"].startswith("13") and threat["plover_type"] == "THREATEN"


@pytest.mark.parametrize(
    "text",
    [
        # a forecast, not the actor's plan
        "Analysts believe Turkey will send drones to Azerbaijan.",
        # someone else's claim about the actor
        "Officials in Washington said Egypt will send troops to Sudan.",
        # a plan negated
        "Chile said it would not send troops to Peru.",
        # a question
        "Will Japan send troops to the Philippines?",
    ],
)
def test_no_pledge_from_forecasts_claims_of_others_negations_or_questions(extract, text):
    assert not [r for r in facts(extract(text)) if r[1] == "PLEDGES"], text


def test_a_scheduled_visit_is_no_pledge(extract):
    rels = extract(
        "The Brazilian president will visit Angola next month, the foreign ministry said."
    )
    assert not kinds_of(rels, "PLEDGES")


def test_halting_mediation_reduces_relations_with_each_side(extract):
    rels = extract("Egypt suspended its mediation between Israel and Hamas on Sunday.")
    assert {("Egypt", "REDUCES_RELATIONS", "Israel"), ("Egypt", "REDUCES_RELATIONS", "Hamas")} <= (
        facts(rels)
    )
    assert {r["cameo"] for r in kinds_of(rels, "REDUCES_RELATIONS")} == {"165"}
    assert not [r for r in facts(rels) if r[1] == "MEDIATES"]


def test_a_lawsuit_and_an_order_out_oppose_the_other_side(extract):
    sued = extract("Ukraine sued Russia at the International Court of Justice.")
    assert ("Ukraine", "DISAPPROVES", "Russia") in facts(sued)
    assert kinds_of(sued, "DISAPPROVES")[0]["cameo"] == "115"
    ordered = extract("Niger ordered French troops out of the country on Friday.")
    assert ("Niger", "EXPELS", "France") in facts(ordered)
    assert ("Niger", "DEMANDS", "France") not in facts(ordered)


def test_vowed_retaliation_is_a_threat_made_now(extract):
    rels = extract("Pakistan on Thursday vowed swift retaliation against India.")
    assert ("Pakistan", "THREATENS", "India") in facts(rels)


def test_agreeing_to_mediation_endorses_the_mediator(extract):
    rels = extract("Ethiopia agreed to Kenyan mediation in its border dispute.")
    assert ("Ethiopia", "ENDORSES", "Kenya") in facts(rels)
    assert kinds_of(rels, "ENDORSES")[0]["cameo"] == "038"


def test_offering_troops_is_a_pledge_and_condolences_are_not(extract):
    assert ("Ghana", "PLEDGES", "Liberia") in facts(extract("Ghana offered troops to Liberia."))
    assert not facts(extract("Japan offered condolences to Turkey after the earthquake."))
