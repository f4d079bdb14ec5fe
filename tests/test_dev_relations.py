"""Relation quality on the dev corpus (eval/dev): a build of its articles scored against
its gold files with ``graphbuild.eval``.

The dev set was written by the team that builds graphbuild, and the extractor was tuned
while looking at it: these numbers are an optimistic regression guard, not a measure of
quality on unseen news. Precision is held high because an analyst must trust an edge;
the recall floor sits below what the extractor reaches (docs/relations.md, "Results") to
leave room for retraining the pipeline, not for regressions.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from graphbuild.eval import score_many

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT / "eval" / "dev"

MIN_PRECISION = 0.9
MIN_RECALL = 0.7


@pytest.fixture(scope="module")
def dev_scores(dev_build) -> dict:
    reports, summary = score_many([DEV / "gold"], dev_build)
    return {"reports": reports, "summary": summary}


def test_every_gold_article_is_scored(dev_scores):
    articles = sorted((DEV / "articles").glob("*.txt"))
    assert dev_scores["summary"]["articles"] == len(articles)


def test_dev_precision_and_recall(dev_scores, capsys):
    overall = dev_scores["summary"]["overall"]
    with capsys.disabled():
        print(
            f"\ndev relations: P {overall['precision']:.3f} R {overall['recall']:.3f} "
            f"({overall['found']}/{overall['required']} required, {overall['fp']} FP)"
        )
    assert overall["precision"] >= MIN_PRECISION, overall
    assert overall["recall"] >= MIN_RECALL, overall


def test_no_must_not_relation_is_extracted(dev_scores):
    assert dev_scores["summary"]["must_not_violations"] == 0
