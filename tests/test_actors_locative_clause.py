"""Coreference: the subject pronoun of a locative relative clause ("Kenya, where it has
...", "the country in which they ...") is someone acting in the place, never the place
itself; with nothing else that fits it stays unlinked (issue #17). Parsed by the shipped
pipeline. Sentences written for graphbuild."""

from __future__ import annotations

import pytest

from graphbuild.actors import find_actors


def _pronoun_links(nlp, kb, text: str) -> dict[str, set[str]]:
    found = find_actors(nlp(text), kb, "2025-05-20")
    links: dict[str, set[str]] = {}
    for m in found.mentions:
        if m.how == "pronoun":
            links.setdefault(m.text.lower(), set()).add(found.actors[m.actor_id].name)
    return links


@pytest.mark.parametrize(
    "text",
    [
        "The World Bank approved a new loan on Monday. Kenya, where it has funded roads "
        "since 2010, welcomed the money.",
        "Kenya, where it has built three dams, thanked the World Bank on Friday.",
    ],
)
def test_the_subject_of_a_where_clause_is_not_the_place(nlp, kb, text):
    links = _pronoun_links(nlp, kb, text)
    assert "Kenya" not in links.get("it", set()), links


def test_a_subject_outside_the_where_clause_still_links(nlp, kb):
    text = "Russia shifted its grain exports to Egypt, where it has built a nuclear plant."
    links = _pronoun_links(nlp, kb, text)
    assert links.get("it") == {"Russia"}, links
