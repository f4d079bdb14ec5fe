"""Role-described actors (actor coding) and places, on sentences written for graphbuild.

"Israeli troops" is Israel with sector MIL (how ``agent``), "two Brazilian men" are
Brazilians, not Brazil acting (how ``national``), a city is its country as a place.
The case files are scored as a whole; the tests below pin the contract the relation
step relies on. They parse with the project's pipeline and skip when none loads.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from graphbuild.actors import KnowledgeBase, find_actors
from graphbuild.pipeline import Extractor
from graphbuild.records import Article

REPO = Path(__file__).resolve().parent.parent
CASES = REPO / "tests" / "cases"
sys.path.insert(0, str(REPO / "scripts"))

from eval_actor_roles import score  # noqa: E402

DATE = "2024-06-01"


@pytest.fixture(scope="module")
def tag(nlp, kb):
    def run(text: str, date: str | None = DATE):
        found = find_actors(nlp(text), kb, date)
        return [(m.text, m.actor_id, m.how, m.sector) for m in found.mentions]

    return run


# (case file, minimum share of expected spans coded right, most 'none' phrases hit).
# Before the actor coding: 12/81 and 1/39 coded; the 'none' hits left are plain
# demonyms and names ("Japanese" in "Japanese cars"), not role codings.
# actors_roles_round2 (issue 13, historic names, hyphens, crowds, ethnic nouns, every
# sector's role nouns): 21/62 coded and 2 'none'/'not' hits before, 56/62 and 0 after.
THRESHOLDS = [
    ("actors_roles.json", 0.95, 1),
    ("actors_roles_heldout.json", 0.9, 3),
    ("actors_roles_round2.json", 0.85, 0),
]


@pytest.mark.parametrize("name, min_coded, max_false", THRESHOLDS, ids=[t[0] for t in THRESHOLDS])
def test_case_files(nlp, kb, name, min_coded, max_false):
    cases = json.loads((CASES / name).read_text(encoding="utf-8"))["cases"]
    total = score(cases, nlp, kb)["total"]
    assert total["coded"] / total["expected"] >= min_coded, total
    assert total.get("false", 0) <= max_false, total


def test_role_phrase_is_the_state_with_a_sector(tag):
    assert ("Kenyan court", "Q114", "agent", "JUD") in [
        (t.removeprefix("A "), a, h, s)
        for t, a, h, s in tag("A Kenyan court suspended the deployment.")
    ]
    mentions = tag("Egypt's intelligence chief met Belgian lawmakers and Sudanese troops.")
    assert ("Belgian lawmakers", "Q31", "agent", "LEG") in mentions
    assert ("Sudanese troops", "Q1049", "agent", "MIL") in mentions
    assert not [m for m in mentions if "lawmakers" in m[0] and m[1] != "Q31"]


def test_modifiers_recode_the_head(tag):
    assert ("Armenian opposition lawmakers", "Q399", "agent", "OPP") in tag(
        "Armenian opposition lawmakers walked out of the session."
    )
    assert ("Turkish military officials", "Q43", "agent", "MIL") in tag(
        "Turkish military officials inspected the border posts."
    )
    former = tag("Three former Iraqi ministers were arrested.")
    assert [(a, h, s) for _, a, h, s in former] == [("Q796", "national", "ELI")]


def test_a_coordination_gives_one_mention_per_country_over_one_span(tag):
    mentions = tag("Dutch and Belgian diplomats drafted the text.")
    assert {(t, a, h, s) for t, a, h, s in mentions} == {
        ("Dutch and Belgian diplomats", "Q55", "agent", "GOV"),
        ("Dutch and Belgian diplomats", "Q31", "agent", "GOV"),
    }
    listed = tag("The foreign ministers of Chile, Peru and Bolivia signed a statement.")
    assert {a for _, a, h, s in listed if h == "agent" and s == "GOV"} == {"Q298", "Q419", "Q750"}


def test_civilians_are_nationals_not_the_state(tag):
    for text, actor, sector in (
        ("Four Nepali students were evacuated.", "Q837", "EDU"),
        ("Several Kenyan civilians were hurt.", "Q114", "CVL"),
        ("The attack killed two Chilean tourists.", "Q298", "CVL"),
        ("Washington blacklisted three Iranian companies.", "Q794", "BUS"),
    ):
        coded = [(a, h, s) for _, a, h, s in tag(text) if a == actor]
        assert coded == [(actor, "national", sector)], text


def test_regional_and_foreign_roles_are_nobody(tag):
    assert tag("Western diplomats doubted the plan.") == []
    assert tag("Arab ministers met on Sunday.") == []
    assert not [m for m in tag("Foreign troops in Chad withdrew.") if m[2] == "agent"]


def test_media_speak_for_the_state_only_as_state_media(tag):
    assert [(a, h, s) for _, a, h, s in tag("Syrian state television showed the ruins.")] == [
        ("Q858", "agent", "JRN")
    ]
    assert tag("A Turkish newspaper printed the letter.") == []
    journalist = tag("A Dutch journalist was expelled.")
    assert [(a, h, s) for _, a, h, s in journalist] == [("Q55", "national", "JRN")]


def test_seats_capitals_and_people_in_office_carry_a_sector(tag):
    assert ("The Pentagon", "Q30", "metonym", "MIL") in tag("The Pentagon declined to comment.")
    assert ("Tehran", "Q794", "metonym", "GOV") in tag("Tehran rejected the demand.")
    assert ("Tehran", "Q794", "place", None) in tag("She arrived in Tehran on Monday.")
    putin = [m for m in tag("Vladimir Putin spoke with him.") if m[1] == "Q7747"]
    assert [s for *_, s in putin] == ["GOV"]
    assert [s for *_, s in tag("Vladimir Putin spoke with him.", date=None) if _] == [None]


def test_a_role_in_apposition_to_a_name_is_the_persons(tag):
    mentions = tag("Maria Lopez, a Chilean senator, criticized the plan.")
    assert not [m for m in mentions if m[2] == "agent"]


def test_cities_and_regions_are_places_of_their_country(tag):
    mentions = tag("Militants fired rockets at Ashkelon and shelled Kharkiv and Donetsk.")
    assert ("Ashkelon", "Q801", "place", None) in mentions
    assert ("Kharkiv", "Q212", "place", None) in mentions
    assert ("Donetsk", "Q212", "place", None) in mentions
    # a place never acts for the state, even as a subject
    assert ("Mosul", "Q796", "place", None) in tag("Mosul was quiet on Friday.")
    # a role phrase after a city is that country's ("Gaza's health ministry")
    assert ("Gaza's health ministry", "Q219060", "agent", "GOV") in tag(
        "Gaza's health ministry gave the toll."
    )


def test_place_names_that_are_also_names_need_the_ner(tag):
    mentions = tag("Gao Feng, a commerce ministry spokesman, said talks would go on.")
    assert "Q912" not in {a for _, a, _, _ in mentions}  # Gao the Malian city


def test_the_sector_survives_the_pipeline(nlp):
    extractor = Extractor()
    result = extractor.process(Article.from_text("Israeli troops entered Rafah on Sunday."))
    rows = [m.to_dict(result.article.id) for m in result.mentions]
    assert {(r["actor_id"], r["how"], r["sector"]) for r in rows} == {
        ("Q801", "agent", "MIL"),
        ("Q219060", "place", None),
    }


def test_people_carry_the_sector_of_the_title_the_article_gives(tag):
    mentions = tag("Kenyan Interior Ministry spokesman Joseph Mwangi said he was worried.")
    assert [(h, s) for _, a, h, s in mentions if a.startswith("person:")] == [
        ("name", "GOV"),
        ("pronoun", "GOV"),
    ]
    former = tag("Former Kenyan minister Joseph Mwangi said he was worried.")
    assert {s for _, a, _, s in former if a.startswith("person:")} == {None}


def test_an_organisation_sector_is_checked_against_the_codebook(tmp_path, caplog):
    from graphbuild.actors.kb import DATA_DIR

    (tmp_path / "organizations.csv").write_text(
        "wikidata,name,type,aliases,seats,country,nouns,sector\n"
        ",Example Border Service,Organization,,,Kenya,,COP\n"
        ",Example Militia,ArmedGroup,,,,,XYZ\n",
        encoding="utf-8",
    )
    kb = KnowledgeBase.load([DATA_DIR, tmp_path])
    assert kb.sectors[kb.find("Example Border Service").id] == "COP"
    assert kb.find("Example Militia") is None
    assert "organizations.csv:3" in caplog.text and "XYZ" in caplog.text


def test_the_sector_lexicon_uses_only_codebook_sectors(kb):
    roles = kb.roles
    used = {sector for sector, _ in roles.phrases.values()}
    used |= (
        set(roles.modifiers.values()) | set(roles.seat_sectors.values()) | set(kb.sectors.values())
    )
    assert used <= set(roles.sector_names), used - set(roles.sector_names)
    assert {"GOV", "MIL", "JUD", "LEG", "REB", "CVL", "JRN", "COP", "SPY"} <= used


def test_local_government_of_a_city_is_its_country(tag):
    assert ("The governor of Mykolaiv", "Q212", "agent", "GOV") in tag(
        "The governor of Mykolaiv reported power cuts."
    )
    assert ("Mykolaiv", "Q212", "place", None) in tag("Residents of Mykolaiv lost power.")
