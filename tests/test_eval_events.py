"""Event gold files (eval/plover-gold.json): the PLOVER converter, country-level scoring
and ``graphbuild eval GOLD --predict``. Sentences here are written for these tests."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from graphbuild.cli import main
from graphbuild.eval import GoldError
from graphbuild.eval_events import (
    RecordPredictions,
    load_event_gold,
    score_events,
)

ROOT = Path(__file__).resolve().parent.parent
SHARED_PLOVER = ROOT.parent / "shared" / "eval" / "plover" / "PLOVER_GSR_CAMEO.txt"


def _converter():
    spec = importlib.util.spec_from_file_location("plover_gold", ROOT / "eval" / "plover_gold.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


PLOVER = [
    {"id": "DOC-1", "event": "DOCUMENT", "eventText": "documentation row"},
    {
        "id": "T-AGREE",
        "date": "2000-01-01",
        "event": "AGREE",
        "context": "economic, resource",
        "text": "Chilean and Peruvian ministers agreed to share the water of a border river.",
        "source": [
            {"actorText": "Chilean", "code": "CHL", "sector": "GOV"},
            {"actorText": "Peruvian", "code": "PER", "sector": "GOV"},
        ],
        "target": "",
    },
    {
        "id": "T-DEMAND",
        "date": "2000-01-01",
        "event": "DEMAND",
        "text": "The U.N. demanded that Japanese troops leave the disputed island.",
        "source": [{"actorText": "U.N.", "code": "IGO"}],
        "target": [{"actorText": "Japanese troops", "code": "JAP", "sector": "MIL"}],
    },
    {
        "id": "T-INTERNAL",
        "date": "2000-01-01",
        "event": "ASSAULT",
        "text": "Kenyan police beat Kenyan protesters in the capital.",
        "source": [{"actorText": "Kenyan police", "code": "KEN", "sector": "COP"}],
        "target": [{"actorText": "Kenyan protesters", "code": "KEN", "sector": "CVL"}],
    },
    {
        "id": "T-INVESTIGATE",
        "date": "2000-01-01",
        "event": "INVESTIGATE",
        "text": "OSCE monitors looked into the shelling of an Armenian village.",
        "source": [{"actorText": "OSCE", "code": "IGO"}],
        "target": [{"actorText": "Armenian village", "code": "ARM", "sector": "CVL"}],
    },
    {
        "id": "T-VAGUE",
        "date": "2000-01-01",
        "event": "ACCUSE",
        "text": "A human rights group accused Peru of torture.",
        "source": [{"actorText": "human rights group", "code": "NGO"}],
        "target": [{"actorText": "Peru", "code": "PER"}],
    },
]


def test_converter_writes_pairs_families_and_reasons():
    plover = _converter()
    data = plover.convert(PLOVER, plover.load_countries())
    records = {r["id"]: r for r in data["records"]}
    assert "DOC-1" not in records  # the documentation row is dropped
    agree = records["T-AGREE"]
    assert agree["reciprocal"] and agree["context"] == ["economic", "resource"]
    assert {(r["subject"], r["family"], r["object"]) for r in agree["required"]} == {
        ("Chile", "SUPPORTS", "Peru"),
        ("Peru", "SUPPORTS", "Chile"),
    }
    assert agree["source"][0]["sector"] == "GOV"
    # a demand is a request, not opposition; JAP is read as Japan, IGO text as the body
    assert records["T-DEMAND"]["required"] == [
        {"subject": "United Nations", "family": "REQUESTS", "object": "Japan"}
    ]
    assert data["actors"]["Japan"]["wikidata"] == "Q17"
    # PLOVER 0.5 DEMAND is REQUEST in the 2021 table that graphbuild's plover_type follows
    assert records["T-DEMAND"]["event"] == "DEMAND"
    assert records["T-DEMAND"]["plover_type"] == "REQUEST"
    assert data["actors"]["United Nations"]["type"] == "Organization"
    internal = records["T-INTERNAL"]
    assert not internal["required"] and "same actor" in internal["unscored"]
    investigate = records["T-INVESTIGATE"]
    assert investigate["family"] is None and not investigate["required"]
    assert not investigate["unscored"]  # the pair is known: scored for precision
    assert {r["family"] for r in investigate["optional"]} == {
        "SUPPORTS",
        "OPPOSES",
        "MEETS",
        "REQUESTS",
    }
    assert "no identifiable" in records["T-VAGUE"]["unscored"]


def test_converter_refuses_an_unknown_organisation_text():
    plover = _converter()
    record = dict(PLOVER[2], source=[{"actorText": "Some Invented Council", "code": "IGO"}])
    with pytest.raises(SystemExit, match="Some Invented Council"):
        plover.convert([record], plover.load_countries())


def _event_file(tmp_path, records: list[dict]) -> Path:
    plover = _converter()
    data = plover.convert(records, plover.load_countries())
    path = tmp_path / "events.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def ref(actor_id, name, kind="Country"):
    return {"id": actor_id, "name": name, "type": kind}


def relation(subject, family, obj, kind="X", negated=False):
    return {
        "subject": subject,
        "object": obj,
        "family": family,
        "kind": kind,
        "negated": negated,
        "modality": "asserted",
        "confidence": 0.9,
        "sentence": "s.",
    }


ACTORS = {
    "Q298": {"id": "Q298", "name": "Chile", "type": "Country"},
    "Q419": {"id": "Q419", "name": "Peru", "type": "Country"},
    "P-CHL": {"id": "P-CHL", "name": "A Chilean Minister", "type": "Person", "country_id": "Q298"},
    "Q1065": {"id": "Q1065", "name": "United Nations", "type": "Organization"},
    "Q17": {"id": "Q17", "name": "Japan", "type": "Country"},
    "Q114": {"id": "Q114", "name": "Kenya", "type": "Country"},
    "P-JPN": {"id": "P-JPN", "name": "A Japanese envoy", "type": "Person", "country_id": "Q17"},
}


def test_country_level_scoring_rolls_people_up_and_skips_unscored_records(tmp_path):
    gold = load_event_gold(_event_file(tmp_path, PLOVER))
    predictions = {
        # a minister counts as Chile; the other direction is missed
        "T-AGREE": RecordPredictions(
            [
                relation(
                    ref("P-CHL", "A Chilean Minister", "Person"), "SUPPORTS", ref("Q419", "Peru")
                )
            ],
            ACTORS,
        ),
        # right pair, wrong family: found at pair level only
        "T-DEMAND": RecordPredictions(
            [
                relation(
                    ref("Q1065", "United Nations", "Organization"), "OPPOSES", ref("Q17", "Japan")
                )
            ],
            ACTORS,
        ),
        # an internal event is not scored: this prediction is neither right nor wrong
        "T-INTERNAL": RecordPredictions(
            [relation(ref("Q114", "Kenya"), "OPPOSES", ref("Q1065", "United Nations"))], ACTORS
        ),
    }
    report = score_events(gold, predictions)
    overall = report.pair_family["overall"]
    assert (overall["found"], overall["required"], overall["tp"], overall["fp"]) == (1, 3, 1, 1)
    assert report.pair_family["by_family"]["REQUESTS"]["found"] == 0
    assert report.pair_family["by_family"]["OPPOSES"]["fp"] == 1
    # family-blind: Chile-Peru once (unordered), UN-Japan found
    assert (report.pair_only["found"], report.pair_only["required"]) == (2, 2)
    assert report.pair_only["fp"] == 0
    assert report.by_event["DEMAND"] == {"found": 0, "required": 1, "recall": 0.0}
    # the one found relation was predicted without a PLOVER type: no agreement
    assert report.plover_type == {"found": 1, "agree": 0, "share": 0.0}
    predictions["T-AGREE"].relations[0]["plover_type"] = "AGREE"
    assert score_events(gold, predictions).plover_type == {"found": 1, "agree": 1, "share": 1.0}


def test_an_organisation_the_gold_names_is_not_replaced_by_a_country(tmp_path):
    gold = load_event_gold(_event_file(tmp_path, PLOVER))
    un_official = {"id": "P-UN", "name": "A UN official", "type": "Person", "country_id": "Q17"}
    actors = {**ACTORS, "P-UN": un_official}
    predictions = {
        "T-DEMAND": RecordPredictions(
            [
                relation(
                    ref("P-UN", "A UN official", "Person"),
                    "REQUESTS",
                    ref("P-JPN", "A Japanese envoy", "Person"),
                )
            ],
            actors,
        )
    }
    report = score_events(gold, predictions)
    # the envoy counts as Japan, but the official's country (Japan) is not the UN
    assert report.pair_family["overall"]["found"] == 0
    assert report.pair_family["overall"]["fp"] == 1


def test_no_family_pairs_are_neutral_other_pairs_are_false_positives(tmp_path):
    gold = load_event_gold(_event_file(tmp_path, PLOVER))
    osce = {
        "id": "Q81299",
        "name": "Organization for Security and Co-operation in Europe",
        "type": "Organization",
    }
    armenia = {"id": "Q399", "name": "Armenia", "type": "Country"}
    predictions = {
        "T-INVESTIGATE": RecordPredictions(
            [relation(osce, "OPPOSES", armenia), relation(armenia, "OPPOSES", ref("Q17", "Japan"))],
            {},
        )
    }
    report = score_events(gold, predictions)
    assert report.pair_family["overall"]["tp"] == 1
    assert report.pair_family["overall"]["fp"] == 1


def test_event_gold_errors_name_the_record(tmp_path):
    path = tmp_path / "bad.json"
    path.write_text(
        json.dumps(
            {
                "format": "graphbuild-event-gold/1",
                "actors": {},
                "records": [
                    {
                        "id": "r1",
                        "text": "x",
                        "required": [{"subject": "A", "family": "SUPPORTS", "object": "B"}],
                    }
                ],
            }
        ),
        encoding="utf-8",
    )
    with pytest.raises(GoldError, match="record r1: actor 'A'"):
        load_event_gold(path)


def test_cli_predicts_and_scores_an_event_file(tmp_path, capsys):
    record = {
        "id": "T-MEET",
        "date": "2019-05-02",
        "event": "CONSULT",
        "text": "Russian President Vladimir Putin met Chinese President Xi Jinping in Moscow on Tuesday.",
        "source": [{"actorText": "Vladimir Putin", "code": "RUS", "sector": "GOV"}],
        "target": [{"actorText": "Xi Jinping", "code": "CHN", "sector": "GOV"}],
    }
    path = _event_file(tmp_path, [record])
    assert main(["eval", str(path), "--predict", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["pair_family"]["overall"]["found"] == 1
    assert data["pair_family"]["by_family"]["MEETS"]["required"] == 1
    assert main(["eval", str(path), "--predict"]) == 0
    assert "pair + family" in capsys.readouterr().out
    # an event file needs --predict or PRED; --predict needs an event file
    assert main(["eval", str(path)]) == 2
    assert "--predict" in capsys.readouterr().err
    assert main(["eval", str(ROOT / "tests" / "seed-gold.json"), "--predict"]) == 2


def test_shipped_plover_gold_loads_and_matches_its_converter():
    gold = load_event_gold(ROOT / "eval" / "plover-gold.json")
    assert len(gold.records) == 322
    assert sum(len(r.gold.required) for r in gold.records) == 229
    if not SHARED_PLOVER.exists():
        pytest.skip("the PLOVER source file is not beside the repository")
    plover = _converter()
    fresh = plover.convert(
        json.loads(SHARED_PLOVER.read_text(encoding="utf-8")), plover.load_countries()
    )
    shipped = json.loads((ROOT / "eval" / "plover-gold.json").read_text(encoding="utf-8"))
    assert fresh == shipped


def test_a_build_directory_is_scored_by_the_article_id_of_each_record(tmp_path, capsys):
    from build_dir_fixture import write_build_dir

    from graphbuild.records import article_id_for

    record = PLOVER[1]  # Chilean and Peruvian ministers agreed ...
    gold_path = _event_file(tmp_path, [record])
    article = article_id_for(record["text"])
    minister = {"id": "P-CHL", "name": "A Chilean Minister", "type": "Person",
                "country": "Chile", "country_id": "Q298"}  # fmt: skip
    peru = {"id": "Q419", "name": "Peru", "type": "Country"}
    found = relation(ref("P-CHL", "A Chilean Minister", "Person"), "SUPPORTS", ref("Q419", "Peru"))
    other = relation(ref("Q419", "Peru"), "OPPOSES", ref("Q298", "Chile"))
    build = write_build_dir(
        tmp_path / "kg",
        actors=[minister, peru, {"id": "Q298", "name": "Chile", "type": "Country"}],
        articles=[{"id": article, "text": record["text"]}, {"id": "x", "text": "other"}],
        relations=[
            {**found, "id": "r1", "article_id": article},
            {**other, "id": "r2", "article_id": "x"},  # another article: not this record's
        ],
    )
    assert main(["eval", str(gold_path), str(build), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    overall = data["pair_family"]["overall"]
    assert (overall["found"], overall["required"], overall["fp"]) == (1, 2, 0)
