"""The relation extractor end to end (graphbuild's model + actors + relations) on the
test-case files in tests/cases/ and on the seed article with its gold file.

These need graphbuild's trained pipeline; they are skipped, saying so, where it is
not installed (a fresh clone before ``scripts/`` fetched or trained it).
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from graphbuild.eval import load_cases, load_gold, score_cases
from graphbuild.nlp import DEFAULT_MODEL_DIR
from graphbuild.relations import load_ontology

CASES_DIR = Path(__file__).parent / "cases"
CASE_FILES = sorted(CASES_DIR.glob("relations*.json"))
# wire-style stress sets: long real-news sentences, and blind sets written before the
# extractor saw them (docs/relations.md, "Results")
WIRE_FILES = sorted(CASES_DIR.glob("realistic*.json"))
BLIND_FILES = sorted(CASES_DIR.glob("blind*.json"))
SEED_GOLD = Path(__file__).parent / "seed-gold.json"

# Thresholds set below what the extractor reaches (F 0.98-1.0 with the shipped model),
# leaving room for model retraining, not for regressions in the patterns.
MIN_F1 = 0.85
MIN_PRECISION = 0.85
# Long wire sentences, where the parser slips more: F 0.87 and 0.79 in round 2; precision
# is what an analyst relies on, so it keeps the higher bar.
WIRE_MIN_F1 = 0.7
WIRE_MIN_PRECISION = 0.85
# Blind sets from new domains (round 4: Africa, Latin America, trade, Indo-Pacific): many
# misses are actors the knowledge base does not know yet ("Niger", "U.S.-drafted"), so
# the recall bar is lower; precision keeps the analyst's bar.
BLIND_MIN_F1 = 0.6

needs_model = pytest.mark.skipif(
    not (DEFAULT_MODEL_DIR / "config.cfg").exists(),
    reason="graphbuild's trained pipeline is not installed",
)


@pytest.fixture(scope="module")
def extractor():
    from graphbuild.pipeline import Extractor

    return Extractor()


def run_cases(extractor, path: Path):
    from graphbuild.records import Article

    case_set = load_cases(path)
    articles = [Article.from_text(case.text, date=case.date) for case in case_set.cases]
    results = list(extractor.process_many(articles))
    predictions = {
        case.id: result.relations for case, result in zip(case_set.cases, results, strict=True)
    }
    return case_set, score_cases(case_set, predictions)


def test_case_files_cover_every_kind_and_many_patterns():
    kinds, patterns, cases = Counter(), Counter(), 0
    negatives = 0
    for path in CASE_FILES:
        for case in load_cases(path).cases:
            cases += 1
            patterns.update(case.patterns)
            kinds.update(want.kind for want in case.expect)
            negatives += not case.expect or any(
                w.negated or "asserted" not in w.modality for w in case.expect
            )
    assert cases >= 60
    assert set(load_ontology().kinds) <= set(kinds), set(load_ontology().kinds) - set(kinds)
    for pattern in (
        "passive",
        "coordination",
        "between",
        "possessive",
        "nominalisation",
        "attribution",
        "control",
        "negation",
        "hypothetical",
        "question",
        "future",
        "non-actor",
        "place",
    ):
        assert patterns[pattern], pattern
    assert negatives >= 20


# (case file, minimum precision, minimum F1): short made-up sentences, wire-style sets,
# and blind sets whose misses are mostly actor linking (see the constants above).
THRESHOLDS = (
    [(p, MIN_PRECISION, MIN_F1) for p in CASE_FILES]
    + [(p, WIRE_MIN_PRECISION, WIRE_MIN_F1) for p in WIRE_FILES]
    + [(p, WIRE_MIN_PRECISION, BLIND_MIN_F1) for p in BLIND_FILES]
)


@needs_model
@pytest.mark.parametrize(
    "path, min_precision, min_f1", THRESHOLDS, ids=[t[0].stem for t in THRESHOLDS]
)
def test_case_set_precision_and_f1(extractor, path, min_precision, min_f1, capsys):
    case_set, result = run_cases(extractor, path)
    overall = print_result(path, result, capsys)
    assert overall["precision"] >= min_precision
    assert overall["f1"] >= min_f1


def print_result(path: Path, result: dict, capsys) -> dict:
    overall = result["overall"]
    with capsys.disabled():
        print(
            f"\n{path.name}: {result['passed']}/{result['cases']} cases pass; "
            f"P={overall['precision']:.3f} R={overall['recall']:.3f} F1={overall['f1']:.3f}"
        )
        for failure in result["failures"]:
            print(f"  {failure['id']}: {failure['text']}")
            for line in failure["missing"]:
                print(f"    missing    {line}")
            for line in failure["unexpected"]:
                print(f"    unexpected {line}")
    return overall


@needs_model
def test_records_follow_the_contract(extractor):
    """Offsets slice the evidence and the trigger out of the text; no self-relations."""
    from graphbuild.records import Article

    case_set = load_cases(CASE_FILES[0])
    texts = " ".join(case.text for case in case_set.cases[:30])
    article = Article.from_text(texts, date="2024-01-02")
    result = extractor.process(article)
    assert len(result.relations) > 20
    for rel in result.relations:
        assert article.text[rel["start"] : rel["end"]] == rel["sentence"]
        trigger = rel["trigger"]
        assert article.text[trigger["start"] : trigger["end"]] == trigger["text"]
        assert rel["start"] <= trigger["start"] < trigger["end"] <= rel["end"]
        assert rel["subject"]["id"] != rel["object"]["id"]
        assert 0 < rel["confidence"] < 1
        kind = load_ontology().kind(rel["kind"])
        assert rel["family"] == kind.family and rel["cameo"][:2] == kind.cameo[:2]
        assert rel["article_id"] == article.id and rel["date"] == "2024-01-02"


@needs_model
def test_confidence_orders_the_evidence(extractor):
    """Direct verb with names > nominalisation > pronoun (coreference) > place metonym."""
    from graphbuild.records import Article

    def confidence(text, kind):
        rels = [
            r for r in extractor.process(Article.from_text(text)).relations if r["kind"] == kind
        ]
        assert rels, text
        return max(r["confidence"] for r in rels)

    verb = confidence("Russia attacked Ukraine on Monday.", "ATTACKS")
    noun = confidence("Russia's attack on Ukraine began on Monday.", "ATTACKS")
    pronoun = confidence(
        "Russia massed troops on the border. Days later, it attacked Ukraine.", "ATTACKS"
    )
    place = confidence("Fumio Kishida arrived in Kyiv on Tuesday.", "VISITS")
    assert verb > noun > pronoun > place


@needs_model
def test_seed_article_meets_the_gold(seed_build, capsys):
    """graphbuild build seeds/ --out DIR && graphbuild eval tests/seed-gold.json DIR"""
    from graphbuild.cli import main

    assert main(["eval", str(SEED_GOLD), str(seed_build), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    with capsys.disabled():
        overall = report["overall"]
        print(
            f"\nseed: {overall['found']}/{overall['required']} required, P={overall['precision']}, "
            f"violations={len(report['must_not_violations'])}"
        )
        for miss in report["misses"]:
            print(
                f"  missed {miss['subject']} {miss['family']} {miss['object']}: {miss['evidence']}"
            )
        for fp in report["false_positives"]:
            print(
                f"  false positive {fp['subject']} {fp['family']} {fp['object']}: {fp['sentence']}"
            )
    assert len(report["found"]) >= 8
    assert report["must_not_violations"] == []
    assert report["overall"]["precision"] >= 0.8
    gold = load_gold(SEED_GOLD)
    assert report["counts"]["required"] == len(gold.required)
