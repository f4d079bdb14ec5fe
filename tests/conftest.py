"""Shared fixtures: the repository's paths and one build of the seed article per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest_plugins = ["neo4j_server"]  # a real Neo4j server for the tests that need one

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


@pytest.fixture(scope="session")
def tiny_model(tmp_path_factory) -> str:
    """A tiny English pipeline (random parser, NER fitted to three sentences), saved to disk.

    Its parses are nonsense but deterministic and fast: for tests of plumbing and
    robustness that must run whether or not graphbuild's trained model is there.
    """
    import spacy
    from spacy.training import Example

    spacy.util.fix_random_seed(0)
    nlp = spacy.blank("en")
    nlp.add_pipe("parser")
    nlp.add_pipe("ner")
    sentences = [
        ("Xi Jinping met Vladimir Putin in Moscow .", [1, 2, 2, 4, 2, 2, 5, 2],
         ["compound", "nsubj", "ROOT", "compound", "dobj", "prep", "pobj", "punct"],
         ["B-PERSON", "L-PERSON", "O", "B-PERSON", "L-PERSON", "O", "U-GPE", "O"]),
        ("China praised the talks with Russia on Monday .", [1, 1, 3, 1, 3, 4, 1, 6, 1],
         ["nsubj", "ROOT", "det", "dobj", "prep", "pobj", "prep", "pobj", "punct"],
         ["U-GPE", "O", "O", "O", "O", "U-GPE", "O", "O", "O"]),
        ("the leaders said that it was a good day .", [1, 2, 2, 5, 5, 2, 8, 8, 5, 2],
         ["det", "nsubj", "ROOT", "mark", "nsubj", "ccomp", "det", "amod", "attr", "punct"],
         ["O"] * 10),
    ]  # fmt: skip
    examples = [
        Example.from_dict(nlp.make_doc(text), {"heads": heads, "deps": deps, "entities": ents})
        for text, heads, deps, ents in sentences
    ]
    optimizer = nlp.initialize(lambda: examples)
    with nlp.select_pipes(enable=["ner"]):  # an untrained NER tags every token: too slow a test
        for _ in range(15):
            nlp.update(examples, sgd=optimizer)
    path = tmp_path_factory.mktemp("tiny-model") / "en_tiny"
    nlp.to_disk(path)
    return str(path)


@pytest.fixture(scope="session")
def robustness_model(tiny_model) -> str:
    """graphbuild's trained pipeline when it is there (real relations to check), else tiny."""
    from graphbuild.nlp import DEFAULT_MODEL_DIR

    return str(DEFAULT_MODEL_DIR) if (DEFAULT_MODEL_DIR / "config.cfg").exists() else tiny_model


@pytest.fixture(scope="session")
def dev_build(tmp_path_factory) -> Path:
    """``graphbuild build eval/dev/articles`` once per session (JSONL outputs only); read-only."""
    import graphbuild

    out = tmp_path_factory.mktemp("dev-build") / "kg"
    graphbuild.build(
        [str(ROOT / "eval" / "dev" / "articles")],
        out=out,
        workers=1,
        skip_outputs=("store", "rdf", "graphml", "html"),
    )
    return out


@pytest.fixture(scope="session")
def nlp():
    """The shipped spaCy pipeline, loaded once per session; skips with the reason when none loads."""
    from graphbuild.nlp import ModelError, load_pipeline

    try:
        return load_pipeline()
    except ModelError as exc:
        pytest.skip(f"no spaCy pipeline to parse with: {exc}")


@pytest.fixture(scope="session")
def kb():
    """The default actor knowledge base, loaded once per session."""
    from graphbuild.actors import KnowledgeBase

    return KnowledgeBase.load_default()
