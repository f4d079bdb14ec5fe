"""The actors knowledge base: its data, offices by date, user folders, and imports."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest

from graphbuild.actors.importer import import_actors
from graphbuild.actors.kb import DATA_DIR, KnowledgeBase, KnowledgeBaseError

G20 = [
    "Argentina",
    "Australia",
    "Brazil",
    "Canada",
    "China",
    "France",
    "Germany",
    "India",
    "Indonesia",
    "Italy",
    "Japan",
    "Mexico",
    "Russia",
    "Saudi Arabia",
    "South Africa",
    "South Korea",
    "Turkey",
    "United Kingdom",
    "United States",
]


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return KnowledgeBase.load([DATA_DIR])


def run_cli(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "graphbuild", "actors", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )


def test_every_un_member_and_observer_and_common_territories_are_countries(kb):
    countries = [a for a in kb.actors.values() if a.type == "Country"]
    assert len(countries) >= 195
    for name in ("Taiwan", "Kosovo", "Hong Kong", "Palestine", "Western Sahara", "Holy See"):
        assert kb.find(name, types=("Country",)) is not None, name
    assert {kb.find(n).id for n in ("China", "Russia", "Ukraine", "United States")} == {
        "Q148",
        "Q159",
        "Q212",
        "Q30",
    }


@pytest.mark.parametrize(
    "surface, actor_id, how",
    [
        ("U.S.", "Q30", "alias"),
        ("USA", "Q30", "alias"),
        ("America", "Q30", "alias"),
        ("American", "Q30", "demonym"),
        ("Chinese", "Q148", "demonym"),
        ("Beijing", "Q148", "metonym"),
        ("Kremlin", "Q159", "metonym"),
        ("White House", "Q30", "metonym"),
        ("Downing Street", "Q145", "metonym"),
        ("Kyiv", "Q212", "metonym"),
        ("Kiev", "Q212", "metonym"),
        ("Pyongyang", "Q423", "metonym"),
        ("Tehran", "Q794", "metonym"),
        ("NATO", "Q7184", "name"),
        ("EU", "Q458", "alias"),
        ("Hamas", "Q38799", "name"),
        ("Xi", "Q15031", "alias"),
        ("Zelensky", "Q3874799", "alias"),
        ("Erdogan", None, "alias"),
    ],
)
def test_names_aliases_demonyms_and_metonyms(kb, surface, actor_id, how):
    entries = kb.surfaces[surface]
    assert entries, surface
    if actor_id is not None:
        assert (actor_id, how) in [(e.actor_id, e.how) for e in entries]


def test_jerusalem_is_not_a_metonym(kb):
    assert not kb.surfaces.get("Jerusalem"), "contested: left out on purpose"


def test_ambiguous_names_need_the_ner(kb):
    for surface in ("Chad", "Jordan", "Georgia", "Turkey"):
        assert all(e.needs_ner for e in kb.surfaces[surface]), surface


def test_g20_heads_cover_2000_to_today(kb):
    """Every G20 member has a known leader on every 1 January from 2000 to 2026."""
    for name in G20:
        country = kb.find(name, types=("Country",))
        for year in range(2000, 2027):
            date = f"{year}-01-01"
            assert kb.leader(country.id, date) is not None, (name, date)
            heads = [
                kb.holder(country.id, o, date) for o in ("head_of_state", "head_of_government")
            ]
            assert any(heads), (name, date)


def test_g20_heads_cover_the_1990s(kb):
    """Wire archives of the 1990s name their leaders by title too: every G20 member has a
    known head on every 1 January from 1990 (Russia: from 1992, after the Soviet Union)."""
    for name in G20:
        country = kb.find(name, types=("Country",))
        for year in range(1992 if name == "Russia" else 1990, 2000):
            date = f"{year}-01-01"
            heads = [
                kb.holder(country.id, o, date) for o in ("head_of_state", "head_of_government")
            ]
            assert any(heads), (name, date)


@pytest.mark.parametrize(
    "body, office, date, person",
    [
        ("Russia", "foreign_minister", "1995-06-01", "Andrei Kozyrev"),
        ("Russia", "head_of_state", "1996-04-25", "Boris Yeltsin"),
        ("Israel", "head_of_government", "1995-03-01", "Yitzhak Rabin"),
        ("United Kingdom", "head_of_government", "1994-01-01", "John Major"),
        ("Germany", "head_of_government", "1994-05-01", "Helmut Kohl"),
        ("Japan", "foreign_minister", "2000-01-01", "Yohei Kono"),
        ("Nigeria", "head_of_state", "1996-01-01", "Sani Abacha"),
        ("United Nations", "head", "1994-01-01", "Boutros Boutros-Ghali"),
    ],
)
def test_office_holders_of_the_1990s(kb, body, office, date, person):
    body_id = kb.find_body(body).id
    assert kb.actors[kb.holder(body_id, office, date)].name == person


def test_armed_groups_carry_country_and_sector(kb):
    for name, country in (
        ("FARC", "Colombia"),
        ("UNITA", "Angola"),
        ("Revolutionary United Front", "Sierra Leone"),
    ):
        group = kb.find(name)
        assert group.type == "ArmedGroup" and group.country == country
        assert kb.sectors[group.id] == "REB"


@pytest.mark.parametrize(
    "body, office, date, person",
    [
        ("United States", "head_of_state", "2015-06-01", "Barack Obama"),
        ("United States", "head_of_state", "2023-06-01", "Joe Biden"),
        ("United States", "head_of_state", "2009-01-20", "Barack Obama"),  # end dates are exclusive
        ("United States", "head_of_state", "2009-01-19", "George W. Bush"),
        ("United States", "foreign_minister", "2023-03-20", "Antony Blinken"),
        ("Russia", "head_of_state", "2010-06-01", "Dmitry Medvedev"),
        ("Russia", "head_of_government", "2010-06-01", "Vladimir Putin"),
        ("China", "leader", "2008-01-01", "Hu Jintao"),
        ("United Kingdom", "head_of_government", "2022-10-01", "Liz Truss"),
        ("Germany", "head_of_government", "2018-01-01", "Angela Merkel"),
        ("NATO", "head", "2020-01-01", "Jens Stoltenberg"),
        ("United Nations", "head", "2023-03-20", "António Guterres"),
    ],
)
def test_office_holders_by_date(kb, body, office, date, person):
    body_id = kb.find_body(body).id
    holder = kb.leader(body_id, date) if office == "leader" else kb.holder(body_id, office, date)
    assert kb.actors[holder].name == person


def test_no_office_holder_without_a_date(kb):
    assert kb.holder("Q30", "head_of_state", None) is None


def test_tenures_are_well_formed(kb):
    for (body, office), tenures in kb.tenures.items():
        ordered = sorted(tenures, key=lambda t: t.start)
        for tenure in ordered:
            assert tenure.end is None or tenure.start <= tenure.end
        for earlier, later in zip(ordered, ordered[1:], strict=False):
            assert earlier.end is not None, (
                f"{kb.actors[earlier.person_id].name} has no end but a successor"
            )
            assert earlier.end <= later.start or earlier.person_id == later.person_id, (
                kb.actors[body].name,
                office,
                kb.actors[earlier.person_id].name,
                kb.actors[later.person_id].name,
            )


def test_wikidata_ids_are_unique_and_well_formed(kb):
    ids = [a.wikidata for a in kb.actors.values() if a.wikidata]
    assert len(ids) == len(set(ids))
    assert all(i.startswith("Q") and i[1:].isdigit() for i in ids)
    assert kb.find("Xi Jinping").wikidata == "Q15031"
    assert kb.find("Vladimir Putin").wikidata == "Q7747"


def test_people_carry_their_country(kb):
    blinken = kb.find("Antony Blinken")
    assert (blinken.id, blinken.country, blinken.country_id) == (
        "person:antony-blinken",
        "United States",
        "Q30",
    )


def test_loading_is_fast_enough_for_every_worker():
    import time

    start = time.perf_counter()
    KnowledgeBase.load([DATA_DIR])
    assert (
        time.perf_counter() - start < 1.0
    )  # generous bound, not a benchmark: every worker pays it


def test_a_bad_shipped_file_is_a_one_line_error(tmp_path):
    (tmp_path / "countries.csv").write_text(
        "wikidata,name,iso2,iso3,aliases,demonyms,capital,seats,leader_office\nQ1,Atlantis,,,,,,,king\n",
        encoding="utf-8",
    )
    with pytest.raises(KnowledgeBaseError, match=r"countries.csv:2: leader_office 'king'"):
        KnowledgeBase.load([tmp_path])


def test_user_folder_adds_actors_and_skips_bad_rows(tmp_path, caplog):
    (tmp_path / "actors.csv").write_text(
        "id,wikidata,name,type,aliases,country,role,gender\n"
        ",,Azov Brigade,ArmedGroup,Azov,Ukraine,,\n"
        ",,Nobody,Spaceship,,,,\n"
        ",Q148,China,Country,Middle Kingdom,,,\n",
        encoding="utf-8",
    )
    kb = KnowledgeBase.load([DATA_DIR, tmp_path])
    azov = kb.find("Azov")
    assert (azov.id, azov.type, azov.country_id) == (
        "armedgroup:azov-brigade",
        "ArmedGroup",
        "Q212",
    )
    assert kb.find("Middle Kingdom").id == "Q148"
    assert "Middle Kingdom" in kb.actors["Q148"].aliases
    assert kb.find("Nobody") is None
    assert "type 'Spaceship'" in caplog.text


def _read(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_import_wikidata_export_merges_without_duplicates(tmp_path):
    export = tmp_path / "query.csv"
    export.write_text(
        "item,itemLabel,itemAltLabel,countryLabel,genderLabel\n"
        "http://www.wikidata.org/entity/Q1000001,Jane Example,J. Example,Kenya,female\n"
        "http://www.wikidata.org/entity/Q1000001,Jane Example,Janie,Kenya,female\n"
        "http://www.wikidata.org/entity/Q15031,Xi Jinping,Xi Dada,,male\n"
        "http://www.wikidata.org/entity/Q7747,Vladimir Putin,Putin,,male\n"
        ",No Id Person,,Atlantis,\n",
        encoding="utf-8",
    )
    kb_dir = tmp_path / "kb"
    report = import_actors(export, kb_dir, "Person")
    assert (report.added, report.merged, report.unchanged, len(report.problems)) == (1, 2, 1, 1)
    assert "country 'Atlantis'" in report.problems[0]
    rows = _read(kb_dir / "actors.csv")
    jane = next(r for r in rows if r["wikidata"] == "Q1000001")
    assert jane["aliases"].split("|") == ["J. Example", "Janie"]
    assert (jane["type"], jane["country"], jane["gender"]) == ("Person", "Kenya", "f")
    again = import_actors(export, kb_dir, "Person")
    assert (again.added, again.merged) == (0, 0)
    assert len(_read(kb_dir / "actors.csv")) == len(rows)
    kb = KnowledgeBase.load([DATA_DIR, kb_dir])
    assert kb.find("Xi Dada").id == "Q15031"
    assert kb.find("Janie").id == "Q1000001"
    assert kb.gender["Q1000001"] == "f"


def test_import_json_same_name_and_type_is_the_same_actor(tmp_path):
    source = tmp_path / "groups.json"
    source.write_text(
        json.dumps(
            [
                {"name": "Free Example Army", "type": "armed group", "aliases": ["FEA"]},
                {"name": "free example army", "type": "ArmedGroup", "aliases": ["The Army"]},
                {"name": "Hezbollah", "type": "ArmedGroup", "aliases": ["Party of God"]},
            ]
        ),
        encoding="utf-8",
    )
    report = import_actors(source, tmp_path / "kb", "Organization")
    assert (report.added, report.merged) == (1, 2)
    kb = KnowledgeBase.load([DATA_DIR, tmp_path / "kb"])
    assert kb.find("FEA").id == kb.find("The Army").id == "armedgroup:free-example-army"
    assert kb.find("Party of God").id == "Q41053"


def test_cli_import_and_lookup(tmp_path):
    source = tmp_path / "sparql.json"
    source.write_text(
        json.dumps(
            {
                "head": {"vars": ["item", "itemLabel"]},
                "results": {
                    "bindings": [
                        {
                            "item": {
                                "type": "uri",
                                "value": "http://www.wikidata.org/entity/Q999999991",
                            },
                            "itemLabel": {"type": "literal", "value": "Example Liberation Front"},
                        },
                    ]
                },
            }
        ),
        encoding="utf-8",
    )
    env = {**__import__("os").environ, "GRAPHBUILD_KB": str(tmp_path / "kb")}
    done = run_cli("import", str(source), "--type", "ArmedGroup", env=env)
    assert done.returncode == 0, done.stderr
    assert "1 actors added" in done.stderr
    found = run_cli("lookup", "Example Liberation Front", env=env)
    assert found.returncode == 0 and "Q999999991" in found.stdout and "ArmedGroup" in found.stdout


def test_cli_lookup_and_who_by_date():
    done = run_cli("lookup", "Putin", "--date", "2010-01-01")
    assert done.returncode == 0
    assert "on 2010-01-01: head of government of Russia" in done.stdout
    who = run_cli("who", "head_of_state", "United States", "--date", "2015-06-01")
    assert who.stdout.strip() == "Q76\tBarack Obama"


@pytest.mark.parametrize(
    "args, message",
    [
        (("import", "/no/such/file.csv"), "no such file"),
        (("who", "emperor", "Japan", "--date", "2020-01-01"), "office 'emperor'"),
        (("who", "head_of_state", "Narnia", "--date", "2020-01-01"), "'Narnia' is not"),
        (("lookup", "Putin", "--date", "yesterday-ish"), "is not a date"),
    ],
)
def test_cli_errors_are_one_line(args, message):
    done = run_cli(*args)
    assert done.returncode != 0
    assert message in done.stderr and "Traceback" not in done.stderr


def test_cli_import_of_garbage_is_one_line(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("[{not json", encoding="utf-8")
    env = {**__import__("os").environ, "GRAPHBUILD_KB": str(tmp_path / "kb")}
    done = run_cli("import", str(bad), env=env)
    assert done.returncode == 1 and "not JSON" in done.stderr and "Traceback" not in done.stderr


# --- Round 4: leaders of the wider world (heads of state and government, 2018 to today) ---

SINGLE_HOLDER_OFFICES = ("head_of_state", "head_of_government", "leader", "foreign_minister")


@pytest.mark.parametrize(
    "body, office, date, person",
    [
        ("Kenya", "head_of_state", "2023-06-01", "William Ruto"),
        ("Kenya", "head_of_state", "2020-06-01", "Uhuru Kenyatta"),
        ("Kenya", "head_of_state", "2022-09-13", "William Ruto"),  # the successor's first day
        ("Nigeria", "head_of_state", "2023-05-28", "Muhammadu Buhari"),
        ("Ethiopia", "head_of_government", "2021-01-01", "Abiy Ahmed"),
        ("Niger", "head_of_state", "2024-01-01", "Abdourahamane Tchiani"),
        ("Malawi", "head_of_state", "2022-01-01", "Lazarus Chakwera"),
        ("Malawi", "head_of_state", "2016-01-01", "Peter Mutharika"),
        ("Malawi", "head_of_state", "2026-01-01", "Peter Mutharika"),  # a second, later term
        ("Bangladesh", "head_of_government", "2025-01-01", "Muhammad Yunus"),
        ("Vietnam", "leader", "2025-01-01", "Tô Lâm"),
        ("Thailand", "head_of_government", "2024-01-01", "Srettha Thavisin"),
        ("Austria", "head_of_government", "2020-06-01", "Sebastian Kurz"),
        ("Netherlands", "head_of_government", "2023-01-01", "Mark Rutte"),
        ("Finland", "head_of_state", "2024-06-01", "Alexander Stubb"),
        ("Peru", "head_of_state", "2023-06-01", "Dina Boluarte"),
        ("Cuba", "leader", "2022-01-01", "Miguel Díaz-Canel"),
        ("New Zealand", "head_of_government", "2020-01-01", "Jacinda Ardern"),
        ("World Trade Organization", "head", "2022-01-01", "Ngozi Okonjo-Iweala"),
        ("World Bank", "head", "2024-01-01", "Ajay Banga"),
        ("ASEAN", "head", "2024-01-01", "Kao Kim Hourn"),
    ],
)
def test_wider_world_office_holders_by_date(kb, body, office, date, person):
    body_id = kb.find_body(body).id
    holder = kb.leader(body_id, date) if office == "leader" else kb.holder(body_id, office, date)
    assert holder is not None, (body, office, date)
    assert kb.actors[holder].name == person


def test_a_fixed_term_end_leaves_no_holder_rather_than_a_guess(kb):
    """Chile's president left on 11 March 2026; no successor is claimed past what is known."""
    chile = kb.find("Chile", types=("Country",)).id
    assert kb.actors[kb.holder(chile, "head_of_state", "2026-03-10")].name == "Gabriel Boric"
    assert kb.holder(chile, "head_of_state", "2026-03-11") != kb.find("Gabriel Boric").id


def test_no_two_people_hold_a_single_holder_office_of_a_country_at_once(kb):
    problems = []
    for (body_id, office), tenures in kb.tenures.items():
        if office not in SINGLE_HOLDER_OFFICES or kb.actors[body_id].type != "Country":
            continue
        for i, one in enumerate(tenures):
            for other in tenures[i + 1 :]:
                if one.person_id == other.person_id:
                    continue
                one_end = one.end or "9999-12-31"
                other_end = other.end or "9999-12-31"
                if one.start < other_end and other.start < one_end:
                    problems.append(
                        (kb.actors[body_id].name, office, one.person_id, other.person_id)
                    )
    assert problems == []


def test_most_countries_have_a_known_head_in_2018_and_today(kb):
    countries = [a for a in kb.actors.values() if a.type == "Country"]
    for date, at_least in (("2018-06-01", 140), ("2025-06-01", 150)):
        known = [
            c.name
            for c in countries
            if any(
                kb.holder(c.id, office, date)
                for office in ("head_of_state", "head_of_government", "leader")
            )
        ]
        assert len(known) >= at_least, (date, len(known))


@pytest.mark.parametrize(
    "surface, person, country",
    [
        ("Ruto", "William Ruto", "Kenya"),
        ("Tinubu", "Bola Tinubu", "Nigeria"),
        ("Pashinyan", "Nikol Pashinyan", "Armenia"),
        ("Bukele", "Nayib Bukele", "El Salvador"),
        ("Mitsotakis", "Kyriakos Mitsotakis", "Greece"),
        ("Okonjo-Iweala", "Ngozi Okonjo-Iweala", "World Trade Organization"),
    ],
)
def test_new_leaders_are_found_by_short_name_with_their_country(kb, surface, person, country):
    found = kb.find(surface, types=("Person",))
    assert found is not None and found.name == person
    assert found.country == country
