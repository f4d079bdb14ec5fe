"""scripts/eval_actors_gum.py: matching predictions to GUM's gold mentions, with and
without person/non-person agreement (``matched_same_kind``)."""

from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "scripts"))

from eval_actors_gum import GoldMention, match_mentions, same_kind  # noqa: E402


def gold(etype: str, *proper: int) -> GoldMention:
    return GoldMention(
        start=min(proper), end=max(proper) + 5, etype=etype, identity="X", proper=set(proper)
    )


def test_same_kind_is_person_against_everything_else():
    assert same_kind("person", "Person")
    assert not same_kind("person", "Organization")
    assert same_kind("place", "Country")
    assert same_kind("organization", "ArmedGroup")
    assert not same_kind("place", "Person")
    assert not same_kind("organization", "Person")


def test_a_place_found_as_a_person_matches_only_without_kinds():
    golds = [gold("place", 10)]
    preds = [{10}]
    assert match_mentions(golds, preds) == {0: 0}
    assert match_mentions(golds, preds, ["Person"]) == {}
    assert match_mentions(golds, preds, ["Country"]) == {0: 0}


def test_kinds_pick_the_prediction_of_the_right_kind():
    """A place named inside a person's span ("Moravia" in "Anna of Moravia" found as one
    person) and again on its own: with kinds, the place goes to the country mention."""
    golds = [gold("place", 10)]
    preds = [{10}, {10, 16}]
    assert match_mentions(golds, preds) == {0: 0}  # the tighter overlap first
    assert match_mentions(golds, preds, ["Person", "Country"]) == {0: 1}


def test_matching_is_one_to_one_in_overlap_order():
    golds = [gold("person", 1, 7), gold("person", 7)]
    preds = [{7}]
    assert match_mentions(golds, preds, ["Person"]) == {1: 0}
