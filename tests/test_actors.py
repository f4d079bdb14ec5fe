"""Actors on real text: the seed article, titles resolved by date, coreference.

These parse with the project's spaCy pipeline (``graphbuild.nlp.load_pipeline``;
``$GRAPHBUILD_MODEL`` points elsewhere) and skip with the reason when none loads.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from graphbuild.actors import find_actors

SEED = next((Path(__file__).resolve().parent.parent / "seeds").glob("*.txt"))
SEED_DATE = "2023-03-20"


@pytest.fixture(scope="module")
def seed(nlp, kb):
    text = SEED.read_text(encoding="utf-8")
    doc = nlp(text)
    return text, doc, find_actors(doc, kb, SEED_DATE)


def occurrences(text: str, phrase: str, case_sensitive: bool = True) -> list[int]:
    """Start offsets of ``phrase`` as a whole word."""
    flags = 0 if case_sensitive else re.IGNORECASE
    return [m.start() for m in re.finditer(rf"(?<!\w){re.escape(phrase)}(?!\w)", text, flags)]


def actors_at(found, start: int, end: int) -> set[str]:
    return {m.actor_id for m in found.mentions if m.start <= start and end <= m.end}


def test_seed_actors_are_exactly_the_nine(seed):
    _, _, found = seed
    assert set(found.actors) == {
        "Q15031",
        "Q7747",
        "Q3874799",
        "person:oleg-nikolenko",
        "person:antony-blinken",
        "Q148",
        "Q159",
        "Q212",
        "Q30",
    }
    expected = {
        "Q15031": ("Xi Jinping", "Person", "China", "Q148"),
        "Q7747": ("Vladimir Putin", "Person", "Russia", "Q159"),
        "person:oleg-nikolenko": ("Oleg Nikolenko", "Person", "Ukraine", "Q212"),
        "person:antony-blinken": ("Antony Blinken", "Person", "United States", "Q30"),
    }
    for actor_id, (name, type_, country, country_id) in expected.items():
        actor = found.actors[actor_id]
        assert (actor.name, actor.type, actor.country, actor.country_id) == (
            name,
            type_,
            country,
            country_id,
        )
    zelensky = found.actors["Q3874799"]
    assert "Volodymyr Zelensky" in [zelensky.name, *zelensky.aliases]
    assert zelensky.country == "Ukraine"
    for country_id, name in (
        ("Q148", "China"),
        ("Q159", "Russia"),
        ("Q212", "Ukraine"),
        ("Q30", "United States"),
    ):
        assert (found.actors[country_id].name, found.actors[country_id].type) == (name, "Country")
    assert found.actors["Q15031"].wikidata == "Q15031"


@pytest.mark.parametrize(
    "phrase, actor_id",
    [
        ("Xi", "Q15031"),
        ("Putin", "Q7747"),
        ("Beijing", "Q148"),
        ("Moscow", "Q159"),
        ("the Kremlin", "Q159"),
    ],
)
def test_every_mention_of_a_name_links_to_its_actor(seed, phrase, actor_id):
    text, _, found = seed
    starts = occurrences(text, phrase)
    assert starts, f"{phrase!r} is in the seed article"
    for start in starts:
        assert actors_at(found, start, start + len(phrase)) == {actor_id}, (phrase, start)


def test_the_two_leaders_are_xi_and_putin(seed):
    text, _, found = seed
    starts = occurrences(text, "the two leaders", case_sensitive=False) + occurrences(
        text, "the two,"
    )
    assert len(starts) >= 2
    for start in starts:
        spans = [m for m in found.mentions if m.start == start and m.how == "coref"]
        assert {m.actor_id for m in spans} == {"Q15031", "Q7747"}, text[start : start + 20]
        assert len({(m.start, m.end) for m in spans}) == 1, (
            "one Mention per actor over the same span"
        )


def test_its_links_to_the_country_it_stands_for(seed):
    text, _, found = seed
    # In reading order: Russia's invasion, Beijing's proposal, Moscow's troops,
    # Beijing's influence, Russia's aggression.
    expected = ["Q159", "Q148", "Q159", "Q148", "Q159"]
    starts = occurrences(text, "its")
    assert len(starts) == len(expected)
    assert [actors_at(found, s, s + 3) for s in starts] == [{a} for a in expected]
    itself = occurrences(text, "itself")
    assert [actors_at(found, s, s + 6) for s in itself] == [{"Q148"}]


def test_metonyms_act_and_places_are_places(seed):
    text, _, found = seed

    def how_at(phrase: str, context: str) -> str:
        start = text.index(context) + context.index(phrase)
        return next(m.how for m in found.mentions if m.start <= start < m.end)

    assert how_at("Beijing", "Beijing has billed") == "metonym"
    assert how_at("Moscow", "isolated Moscow") == "metonym"
    assert how_at("Moscow", "arrived in Moscow") == "place"
    assert how_at("Washington", "news conference in Washington") == "place"


def test_role_described_actors_titles_and_no_media(seed):
    text, _, found = seed
    for phrase, actor_id in (("Chinese officials", "Q148"), ("Ukrainian officials", "Q212")):
        start = text.index(phrase)
        agent = [m for m in found.mentions if m.how == "agent" and m.start == start]
        assert [(m.actor_id, m.sector) for m in agent] == [(actor_id, "GOV")]
        assert agent[0].end == start + len(phrase)
    start = text.index("Russian state media outlets")
    media = [m for m in found.mentions if m.start == start]
    assert [(m.actor_id, m.how, m.sector) for m in media] == [("Q159", "agent", "JRN")]
    for phrase in (
        "Monday",
        "The Washington Post",
        "the press",
        "a Russian newspaper",
    ):
        for start in occurrences(text, phrase):
            assert not actors_at(found, start, start + len(phrase)) and not [
                m for m in found.mentions if start <= m.start < start + len(phrase)
            ], phrase
    nikolenko = text.index("Oleg Nikolenko")
    assert actors_at(found, nikolenko, nikolenko + len("Oleg Nikolenko")) == {
        "person:oleg-nikolenko"
    }
    assert found.actors["person:oleg-nikolenko"].role == "Foreign Ministry spokesman"


def test_pronoun_he_is_the_subject_not_the_nearest_name(seed):
    text, _, found = seed
    start = text.index("said he had") + len("said ")
    assert actors_at(found, start, start + 2) == {"Q7747"}
    his = text.index("his first visit")
    assert actors_at(found, his, his + 3) == {"Q15031"}


def test_a_country_in_a_title_keeps_its_own_mention(seed):
    text, doc, found = seed
    start = text.index("Russian President Vladimir Putin")
    spans = [(m.text, m.actor_id, m.how) for m in found.mentions if start <= m.start < start + 32]
    assert spans == [("Russian", "Q159", "demonym"), ("President Vladimir Putin", "Q7747", "name")]
    start = text.index("Ukrainian Foreign Ministry spokesman")
    assert [m.actor_id for m in found.mentions if m.start == start] == ["Q212"]


def test_at_token_covers_the_head_of_every_mention(seed):
    _, doc, found = seed
    putin = next(t for t in doc if t.text == "Putin")
    assert {m.actor_id for m in found.at_token(putin)} == {"Q7747"}
    leaders = next(t for t in doc if t.text == "leaders" and t.nbor(-1).text == "two")
    assert {m.actor_id for m in found.at_token(leaders)} == {"Q15031", "Q7747"}
    officials = next(t for t in doc if t.text == "officials")
    assert [(m.actor_id, m.how, m.sector) for m in found.at_token(officials)] == [
        ("Q148", "agent", "GOV")
    ]
    for mention in found.mentions:
        assert doc.text[mention.start : mention.end] == mention.text
        assert doc[mention.token_start : mention.token_end].text == mention.text


@pytest.mark.parametrize("date, president", [("2015-06-01", "Q76"), ("2023-06-01", "Q6279")])
def test_the_us_president_depends_on_the_date(nlp, kb, date, president):
    text = "The U.S. president said on Monday that the talks would continue."
    found = find_actors(nlp(text), kb, date)
    title = [m for m in found.mentions if m.how == "title"]
    assert [(m.text, m.actor_id) for m in title] == [("president", president)]
    assert [(m.text, m.actor_id) for m in found.mentions if m.how != "title"] == [("U.S.", "Q30")]


def test_titles_need_a_date_to_resolve(nlp, kb):
    found = find_actors(
        nlp("The U.S. president said on Monday that the talks would continue."), kb, None
    )
    assert not [m for m in found.mentions if m.how == "title"]


def test_title_chain_affiliates_an_unknown_official(nlp, kb):
    text = (
        "Kenyan Foreign Ministry spokeswoman Amina Odhiambo said Nairobi would attend. "
        "She added that talks were useful."
    )
    found = find_actors(nlp(text), kb, "2024-05-01")
    person = found.actors["person:amina-odhiambo"]
    assert (person.country, person.country_id) == ("Kenya", "Q114")
    she = text.index("She")
    assert actors_at(found, she, she + 3) == {"person:amina-odhiambo"}


def test_short_name_links_to_the_full_name_earlier(nlp, kb):
    text = (
        "Ukrainian Foreign Ministry spokesman Oleg Nikolenko spoke on Tuesday. "
        "Nikolenko said the talks were over."
    )
    found = find_actors(nlp(text), kb, "2023-03-21")
    start = text.index("Nikolenko said")
    assert actors_at(found, start, start + len("Nikolenko")) == {"person:oleg-nikolenko"}


def test_mentions_of_different_actors_overlap_only_in_plurals(seed):
    _, _, found = seed
    spans = {}
    for m in found.mentions:
        spans.setdefault((m.start, m.end), set()).add(m.actor_id)
    ordered = sorted(spans)
    for (s1, e1), (s2, e2) in zip(ordered, ordered[1:], strict=False):
        assert e1 <= s2, (found.mentions, s1, e1, s2, e2)
    assert all(len(a) == 1 or len(a) == 2 for a in spans.values())


@pytest.mark.parametrize(
    "text", ["", "   ", "!!! ??? ...", "he its the two", "The the the President"]
)
def test_odd_input_gives_no_actors_and_no_error(nlp, kb, text):
    found = find_actors(nlp(text), kb, "2024-01-01")
    assert found.actors == {} and found.mentions == []


def test_an_article_with_no_actors_gives_none(nlp, kb):
    found = find_actors(
        nlp("It rained all day and the river rose by two metres."), kb, "2024-01-01"
    )
    assert found.actors == {} and found.mentions == []
