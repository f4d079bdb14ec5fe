"""Shared fixtures: the repository's paths and one build of the seed article per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SEED_ARTICLE = next(SEEDS.glob("*.txt"))


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED_ARTICLE.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed_build(tmp_path_factory) -> Path:
    """``graphbuild build seeds/ --out DIR`` once per session, with every output; treat as read-only."""
    import graphbuild

    out = tmp_path_factory.mktemp("seed-build") / "kg"
    graphbuild.build([str(SEEDS)], out=out, workers=1)
    return out
