"""Nationals as the subject of civil acts (issue 13): "Palestinian protesters demonstrated
against Israel" is Palestine (sector CVL) PROTESTS Israel, as event coders code it; a
national is never the subject of a state's act ("two Brazilian men attacked ..."). The
kinds they may do are data: ``by_nationals`` in ontology.toml (protest, demand, appeal,
and the disapproval kinds: disapprove, criticize, condemn, accuse). End to end with the
shipped pipeline (skipped when none loads)."""

from __future__ import annotations

import pytest

from graphbuild.relations import load_ontology


@pytest.fixture(scope="module")
def extract(nlp):
    from graphbuild.pipeline import Extractor
    from graphbuild.records import Article

    extractor = Extractor()

    def run(text: str) -> list[tuple[str, str, str, str | None]]:
        result = next(iter(extractor.process_many([Article.from_text(text, date="2024-06-01")])))
        return [
            (r["subject"]["name"], r["kind"], r["object"]["name"], r["subject"].get("sector"))
            for r in result.relations
        ]

    return run


def test_the_civil_kinds_are_data():
    ontology = load_ontology()
    civil = {name for name, kind in ontology.kinds.items() if kind.by_nationals}
    assert civil == {
        "PROTESTS",
        "DEMANDS",
        "APPEALS",
        "DISAPPROVES",
        "CRITICIZES",
        "CONDEMNS",
        "ACCUSES",
    }
    assert ontology.national_subject("PROTESTS")
    assert not ontology.national_subject("ATTACKS")
    assert not ontology.national_subject("NO_SUCH_KIND")


def test_nationals_protest_and_demand_as_their_country(extract):
    rows = extract("Lebanese students protested against Israel's air strikes.")
    assert [r for r in rows if r[:3] == ("Lebanon", "PROTESTS", "Israel")]
    rows = extract("Thousands of Bangladeshis demanded that India stop the border killings.")
    assert [r for r in rows if r[:3] == ("Bangladesh", "DEMANDS", "India")]


def test_nationals_voice_disapproval_as_their_country(extract):
    rows = extract("A Kuwaiti businessman is suing Iraq for the loss of his factory.")
    assert [r for r in rows if r[:3] == ("Kuwait", "DISAPPROVES", "Iraq") and r[3] == "BUS"]


def test_nationals_never_do_a_states_act(extract):
    for text in (
        "Three Afghan men attacked an Iranian border guard.",
        "Japanese companies signed a deal with Vietnam.",
        "German tourists praised Greece for its welcome.",
    ):
        rows = extract(text)
        subjects = {r[0] for r in rows}
        assert not subjects & {"Afghanistan", "Japan", "Germany"}, (text, rows)


def test_protesters_against_their_own_government_relate_no_two_states(extract):
    assert extract("Nigerian protesters demonstrated against the Nigerian government.") == []
