"""graphbuild.eval and ``graphbuild eval``: the scoring rules of the gold format, on
hand-made predictions (no model needed)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from graphbuild.cli import main
from graphbuild.eval import (
    GoldError,
    gold_from_dict,
    load_cases,
    load_gold,
    load_predictions,
    score,
    score_cases,
)

GOLD = {
    "actors": {
        "Xi Jinping": {"aliases": ["Xi"], "wikidata": "Q15031"},
        "Vladimir Putin": {"aliases": ["Putin"]},
        "China": {"aliases": ["Beijing"], "wikidata": "Q148"},
        "Russia": {"aliases": ["Moscow"], "wikidata": "Q159"},
        "Ukraine": {"wikidata": "Q212"},
    },
    "equivalent_for_scoring": [["Xi Jinping", "China"], ["Vladimir Putin", "Russia"]],
    "required": [
        {"subject": "Xi Jinping", "family": "MEETS", "kind": "VISITS", "object": "Russia"},
        {
            "subject": "Vladimir Putin",
            "family": "SUPPORTS",
            "kind": "PRAISES",
            "object": "Xi Jinping",
        },
        {"subject": "Russia", "family": "OPPOSES", "kind": "ATTACKS", "object": "Ukraine"},
    ],
    "optional": [{"subject": "China", "family": "SUPPORTS", "object": "Russia"}],
    "must_not": [
        {"subject": "China", "family": "OPPOSES", "kind": "CONDEMNS", "object": "Russia"},
        {
            "subject": "China",
            "family": "SUPPORTS",
            "kind": "ENDORSES",
            "object": "Russia",
            "match_kind": True,
        },
    ],
}


def rel(
    subject, family, obj, kind="X", negated=False, modality="asserted", sentence="s.", ids=None
):
    ids = ids or {}
    return {
        "subject": {"id": ids.get(subject, subject), "name": subject, "type": "Country"},
        "object": {"id": ids.get(obj, obj), "name": obj, "type": "Country"},
        "family": family,
        "kind": kind,
        "negated": negated,
        "modality": modality,
        "confidence": 0.8,
        "sentence": sentence,
        "article_id": "a1",
    }


@pytest.fixture()
def gold():
    return gold_from_dict(json.loads(json.dumps(GOLD)), "gold.json")


def test_perfect_predictions_score_one(gold):
    report = score(
        gold,
        [
            rel("Xi", "MEETS", "Moscow", "VISITS"),
            rel("Putin", "SUPPORTS", "Xi Jinping", "PRAISES"),
            rel("Russia", "OPPOSES", "Ukraine", "ATTACKS"),
        ],
    )
    assert report.overall["recall"] == 1.0 and report.overall["precision"] == 1.0
    assert report.by_kind["VISITS"]["recall"] == 1.0
    assert not report.misses and not report.false_positives and not report.violations


def test_aliases_and_wikidata_ids_name_the_same_actor(gold):
    by_id = rel(
        "Xinping",
        "MEETS",
        "Russian Federation",
        "VISITS",
        ids={"Xinping": "Q15031", "Russian Federation": "Q159"},
    )
    assert score(gold, [by_id]).found[0]["match"] == "exact"


def test_meets_is_symmetric_other_families_are_not(gold):
    report = score(
        gold,
        [
            rel("Russia", "MEETS", "Xi Jinping", "VISITS"),
            rel("Ukraine", "OPPOSES", "Russia", "ATTACKS"),
        ],
    )
    found = {(f["subject"], f["family"]) for f in report.found}
    assert ("Xi Jinping", "MEETS") in found
    assert ("Russia", "OPPOSES") not in found
    assert [fp["subject"] for fp in report.false_positives] == ["Ukraine"]


def test_symmetric_kinds_match_either_direction_other_supports_do_not():
    """'Israel and Hamas agreed to a ceasefire': AGREES is symmetric, ALIGNS is not."""
    data = {
        "actors": {"Israel": {}, "Hamas": {}},
        "required": [
            {"subject": "Israel", "family": "SUPPORTS", "kind": "AGREES", "object": "Hamas"}
        ],
    }
    gold = gold_from_dict(data)
    both_ways = [
        rel("Israel", "SUPPORTS", "Hamas", "AGREES"),
        rel("Hamas", "SUPPORTS", "Israel", "AGREES"),
    ]
    report = score(gold, both_ways)
    assert (report.overall["tp"], report.overall["fp"], len(report.found)) == (2, 0, 1)
    report = score(gold, [rel("Hamas", "SUPPORTS", "Israel", "ALIGNS")])
    assert (report.overall["fp"], len(report.found)) == (1, 0)


def test_leader_country_equivalence_only_without_exact_match(gold):
    report = score(gold, [rel("China", "MEETS", "Russia", "VISITS")])
    assert report.found[0]["match"] == "equivalent"
    assert report.counts["equivalence_credits"] == 1
    both = score(
        gold,
        [rel("China", "MEETS", "Russia", "VISITS"), rel("Xi Jinping", "MEETS", "Russia", "VISITS")],
    )
    assert both.found[0]["match"] == "exact"
    assert [(fp["subject"], fp["object"]) for fp in both.false_positives] == [("China", "Russia")]


def test_equivalence_is_for_the_subject_only(gold):
    # visiting Russia is not meeting Putin, nor praising Russia praising Xi
    report = score(gold, [rel("Putin", "SUPPORTS", "China", "PRAISES")])
    assert not any(f["object"] == "Xi Jinping" for f in report.found)


def test_non_factual_predictions_neither_count_nor_cost(gold):
    report = score(
        gold,
        [
            rel("Xi", "MEETS", "Russia", "VISITS", modality="hypothetical"),
            rel("Russia", "OPPOSES", "Ukraine", "ATTACKS", negated=True),
            rel("Russia", "OPPOSES", "Ukraine", "ATTACKS", modality="future"),
        ],
    )
    assert report.overall["recall"] == 0.0
    assert report.overall["precision"] is None
    assert report.counts["factual"] == 0


def test_reported_statements_are_factual(gold):
    report = score(gold, [rel("Russia", "OPPOSES", "Ukraine", "ATTACKS", modality="reported")])
    assert len(report.found) == 1


def test_optional_gold_is_not_a_false_positive_and_unknown_actors_are(gold):
    report = score(
        gold, [rel("China", "SUPPORTS", "Russia", "ALIGNS"), rel("Narnia", "OPPOSES", "Russia")]
    )
    assert [fp["subject"] for fp in report.false_positives] == ["?Narnia"]
    assert report.overall["precision"] == 0.5


def test_must_not_matches_family_or_exact_kind(gold):
    report = score(
        gold,
        [
            rel(
                "Beijing", "OPPOSES", "Moscow", "CRITICIZES"
            ),  # any OPPOSES kind violates the CONDEMNS entry
            rel("China", "SUPPORTS", "Russia", "ALIGNS"),  # match_kind: only ENDORSES violates
            rel("China", "OPPOSES", "Russia", "CONDEMNS", negated=True),  # negated: fine
        ],
    )
    assert [(v["family"], v["kind"]) for v in report.violations] == [("OPPOSES", "CONDEMNS")]
    endorsing = score(gold, [rel("China", "SUPPORTS", "Russia", "ENDORSES")])
    assert [v["kind"] for v in endorsing.violations] == ["ENDORSES"]


def test_kind_scores_count_wrong_kinds_and_ignore_kindless_gold(gold):
    report = score(
        gold,
        [
            rel("Xi", "MEETS", "Russia", "MEETS"),
            rel("China", "SUPPORTS", "Russia", "ALIGNS"),
        ],
    )
    assert report.by_kind["VISITS"]["recall"] == 0.0
    assert report.by_kind["MEETS"]["fp"] == 1
    assert report.by_kind["ALIGNS"]["fp"] == 0 and report.by_kind["ALIGNS"]["tp"] == 0
    assert report.found[0]["kind_found"] is False


def test_predictions_from_a_build_directory_keep_the_gold_article(tmp_path):
    (tmp_path / "relations.jsonl").write_text(
        json.dumps({**rel("Xi", "MEETS", "Russia", "VISITS"), "article_id": "a1"})
        + "\n"
        + json.dumps({**rel("Xi", "MEETS", "Ukraine", "VISITS"), "article_id": "b2"})
        + "\n",
        encoding="utf-8",
    )
    (tmp_path / "articles.jsonl").write_text(
        json.dumps({"id": "a1", "path": "seeds/xi.txt"})
        + "\n"
        + json.dumps({"id": "b2", "path": "other.txt"})
        + "\n",
        encoding="utf-8",
    )
    predictions = load_predictions(tmp_path, article="seeds/xi.txt")
    assert predictions.article_id == "a1"
    assert [r["object"]["name"] for r in predictions.relations] == ["Russia"]
    assert len(load_predictions(tmp_path / "relations.jsonl").relations) == 2


@pytest.mark.parametrize(
    "content, message",
    [
        ("{not json", "not valid JSON"),
        ("[]", "a gold file is a JSON object"),
        ('{"required": [{"subject": "A", "family": "LIKES", "object": "B"}]}', "family 'LIKES'"),
        ('{"required": [{"subject": "A", "family": "MEETS"}]}', "lacks 'object'"),
    ],
)
def test_bad_gold_files_fail_with_the_file_and_problem(tmp_path, content, message):
    path = tmp_path / "gold.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(GoldError) as info:
        load_gold(path)
    assert str(path) in str(info.value) and message in str(info.value)


def test_bad_prediction_lines_name_file_and_line(tmp_path):
    path = tmp_path / "relations.jsonl"
    path.write_text(json.dumps(rel("A", "MEETS", "B")) + "\n{oops\n", encoding="utf-8")
    with pytest.raises(GoldError, match=r"relations.jsonl:2: not valid JSON"):
        load_predictions(path)
    with pytest.raises(GoldError, match="no such file"):
        load_predictions(tmp_path / "missing")
    with pytest.raises(GoldError, match="not a build directory"):
        load_predictions(tmp_path.parent)


def test_cli_prints_text_and_json(tmp_path, capsys):
    gold_path = tmp_path / "gold.json"
    gold_path.write_text(json.dumps(GOLD), encoding="utf-8")
    pred = tmp_path / "relations.jsonl"
    pred.write_text(
        "\n".join(
            json.dumps(r)
            for r in [
                rel("Xi", "MEETS", "Russia", "VISITS", sentence="Xi arrived in Moscow."),
                rel("China", "OPPOSES", "Russia", "CONDEMNS", sentence="China condemned Moscow."),
            ]
        )
        + "\n",
        encoding="utf-8",
    )
    assert main(["eval", str(gold_path), str(pred)]) == 0
    text = capsys.readouterr().out
    assert "must-not violations: 1" in text and "China condemned Moscow." in text
    assert "misses:" in text and "Russia OPPOSES/ATTACKS Ukraine" in text
    assert main(["eval", str(gold_path), str(pred), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["overall"]["recall"] == pytest.approx(1 / 3, abs=0.001)
    assert report["must_not_violations"][0]["why"] == ""
    assert set(report["by_family"]) == {"SUPPORTS", "OPPOSES", "MEETS", "REQUESTS"}


def test_a_folder_of_gold_files_is_scored_per_article_and_summed(tmp_path, capsys):
    """graphbuild eval eval/dev/gold/ BUILD: each gold file sees only its article's relations."""
    golds = tmp_path / "gold"
    golds.mkdir()
    xi = {**GOLD, "article": "articles/xi.txt"}
    other = {
        "article": "articles/other.txt",
        "actors": {"Russia": {}, "Ukraine": {}, "China": {}},
        "required": [{"subject": "Russia", "family": "OPPOSES", "object": "Ukraine"}],
    }
    missing = {**other, "article": "articles/not-built.txt"}
    for name, data in (("a-xi", xi), ("b-other", other), ("c-missing", missing)):
        (golds / f"{name}.json").write_text(json.dumps(data), encoding="utf-8")
    build = tmp_path / "kg"
    build.mkdir()
    rows = [
        {**rel("Xi", "MEETS", "Russia", "VISITS"), "article_id": "x"},
        {**rel("Russia", "OPPOSES", "Ukraine", "ATTACKS"), "article_id": "x"},
        {**rel("Russia", "OPPOSES", "Ukraine", "ATTACKS"), "article_id": "o"},
        {**rel("China", "OPPOSES", "Ukraine", "ATTACKS"), "article_id": "o"},
    ]
    (build / "relations.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    (build / "articles.jsonl").write_text(
        json.dumps({"id": "x", "path": "articles/xi.txt"})
        + "\n"
        + json.dumps({"id": "o", "path": "articles/other.txt"})
        + "\n"
    )
    assert main(["eval", str(golds), str(build), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    per_article = [r["overall"] for r in data["articles"]]
    assert [(o["found"], o["required"], o["fp"]) for o in per_article] == [
        (2, 3, 0),
        (1, 1, 1),
        (0, 1, 0),  # its article is not in the build: nothing predicted, not everything
    ]
    total = data["total"]["overall"]
    assert (total["found"], total["required"], total["tp"], total["fp"]) == (3, 5, 3, 1)
    assert "not in" in data["articles"][2]["notes"][0]
    assert main(["eval", str(golds / "a-xi.json"), str(golds / "b-other.json"), str(build)]) == 0
    text = capsys.readouterr().out
    assert "total (micro)" in text and "false positive China OPPOSES/ATTACKS Ukraine" in text


def test_cli_reports_a_missing_file_in_one_line(tmp_path, capsys):
    assert main(["eval", str(tmp_path / "nope.json"), str(tmp_path)]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "nope.json" in err


def test_case_scoring_is_strict_about_negation_modality_and_extras(tmp_path):
    path = tmp_path / "cases.json"
    path.write_text(
        json.dumps(
            {
                "cases": [
                    {
                        "id": "a",
                        "text": "t",
                        "expect": [
                            {"subject": "A", "family": "MEETS", "kind": "MEETS", "object": "B"}
                        ],
                    },
                    {
                        "id": "b",
                        "text": "t",
                        "expect": [
                            {"subject": "A", "family": "OPPOSES", "object": "B", "negated": True}
                        ],
                    },
                    {"id": "c", "text": "t", "expect": []},
                ]
            }
        ),
        encoding="utf-8",
    )
    cases = load_cases(path)
    result = score_cases(
        cases,
        {
            "a": [rel("B", "MEETS", "A", "MEETS")],  # symmetric: fine
            "b": [rel("A", "OPPOSES", "B")],  # not negated: a miss and an extra
            "c": [rel("A", "SUPPORTS", "B", modality="hypothetical")],  # nothing expected: an extra
        },
    )
    overall = result["overall"]
    assert (overall["tp"], overall["fp"], overall["fn"]) == (1, 2, 1)
    assert [f["id"] for f in result["failures"]] == ["b", "c"]


def test_optional_case_relations_are_neither_right_nor_wrong(tmp_path):
    """'optional' in a case: an implicit or presupposed relation a reader may or may not code."""
    path = tmp_path / "cases.json"
    path.write_text(
        json.dumps(
            {
                "cases": [
                    {
                        "id": "a",
                        "text": "t",
                        "expect": [{"subject": "A", "family": "OPPOSES", "object": "B"}],
                        "optional": [
                            {"subject": "C", "family": "SUPPORTS", "object": "B"},
                            {"subject": "A", "family": "MEETS", "object": "B", "negated": False},
                        ],
                    }
                ]
            }
        ),
        encoding="utf-8",
    )
    cases = load_cases(path)
    predictions = {
        "a": [
            rel("A", "OPPOSES", "B"),
            rel("C", "SUPPORTS", "B", modality="hypothetical"),  # optional, any reading
            rel("A", "MEETS", "B", negated=True),  # optional only when not negated: an extra
        ]
    }
    overall = score_cases(cases, predictions)["overall"]
    assert (overall["tp"], overall["fp"], overall["fn"]) == (1, 1, 0)
    assert score_cases(cases, {"a": []})["overall"]["fn"] == 1  # optional ones are never missed


def test_the_seed_gold_file_loads():
    gold = load_gold(Path(__file__).parent / "seed-gold.json")
    assert (len(gold.required), len(gold.optional), len(gold.must_not)) == (9, 4, 4)
    assert (
        gold.canonical({"id": "Q999", "name": "Zelenskyy", "type": "Person"})
        == "Volodymyr Zelensky"
    )
