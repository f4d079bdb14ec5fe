"""Round 13 classes (issue 13, docs/relations.md "Round 13"), each on sentences written for
these tests (not the blind set's, not eval data): signing on or subscribing to the other
side's plan, settling a dispute, phrasal dismissals ("brushed aside", "shrugged off"), the
author of a proposal named in a participle's by-phrase ("the terms set by Morocco"), and
threats whose target hangs on what is threatened ("a threat of sanctions against ...").
Each positive fails on the code before the round; the negatives hold on both."""

from __future__ import annotations

import pytest
from relation_helpers import extractor_on, needs_trained_model
from relation_helpers import stated as facts

pytestmark = needs_trained_model


@pytest.fixture(scope="module")
def extract():
    return extractor_on("2025-03-10")


@pytest.mark.parametrize(
    "text, subject, family, obj",
    [
        # signing on / up to the other side's plan endorses its author
        ("Chile signed up to Brazil's initiative on the Amazon.", "Chile", "SUPPORTS", "Brazil"),
        (
            "Kenya has signed on to a Nigerian plan for a regional force.",
            "Kenya",
            "SUPPORTS",
            "Nigeria",
        ),
        (
            "Austria subscribed to Italy's proposal on migrant quotas.",
            "Austria",
            "SUPPORTS",
            "Italy",
        ),
        # settling a dispute: an agreement between the sides
        ("Ghana resolved its row with Togo over cocoa smuggling.", "Ghana", "SUPPORTS", "Togo"),
        (
            "Ecuador and Peru settled their fishing dispute in Lima on Monday.",
            "Ecuador",
            "SUPPORTS",
            "Peru",
        ),
        # phrasal dismissals of the other side's words
        ("Serbia shrugged off Croatia's demands on the border.", "Serbia", "OPPOSES", "Croatia"),
        (
            "Myanmar brushed aside a Thai offer to host the talks.",
            "Myanmar",
            "OPPOSES",
            "Thailand",
        ),
        # the author of a proposal in a participle's by-phrase
        (
            "Ethiopia rejected the conditions laid down by Egypt for resuming talks on the dam.",
            "Ethiopia",
            "OPPOSES",
            "Egypt",
        ),
        (
            "Cyprus accepted the plan put forward by Greece for the buffer zone.",
            "Cyprus",
            "SUPPORTS",
            "Greece",
        ),
        # a threat whose target hangs on what is threatened
        (
            "Canada issued a threat of retaliatory tariffs against Mexico.",
            "Canada",
            "OPPOSES",
            "Mexico",
        ),
        (
            "Tehran repeated its warnings of reprisals against Azerbaijan on Sunday.",
            "Iran",
            "OPPOSES",
            "Azerbaijan",
        ),
    ],
)
def test_round13_class_is_found(extract, text, subject, family, obj):
    assert (subject, family, obj) in facts(extract(text))


@pytest.mark.parametrize(
    "text",
    [
        # a threat of weather, a sporting snub, a literal sweep, a signing on a day
        "The threat of storms against the coast of Cuba grew on Friday.",
        "Brazilian fans brushed aside Argentina's goal as a fluke.",
        "Dutch workers signed up to a gym in Belgium.",
        "The rules set by the French referee angered Spanish players.",
    ],
)
def test_round13_negatives_hold(extract, text):
    found = facts(extract(text))
    assert not {f for f in found if f[1] in ("SUPPORTS", "OPPOSES")}, found
