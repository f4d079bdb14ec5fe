"""Loading the spaCy pipeline: graphbuild's own English news model by default,
or any installed spaCy pipeline by name or path (``--model`` / ``GRAPHBUILD_MODEL``)."""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

MODEL_ENV = "GRAPHBUILD_MODEL"
DEFAULT_MODEL_DIR = Path(__file__).resolve().parent.parent / "models" / "en_graphbuild_news"


class ModelError(RuntimeError):
    """The requested spaCy pipeline cannot be loaded; the message says why and what to do."""


def model_name(model: str | None = None) -> str:
    """The model that will be used: the argument, else $GRAPHBUILD_MODEL, else the shipped one."""
    return model or os.environ.get(MODEL_ENV) or str(DEFAULT_MODEL_DIR)


@lru_cache(maxsize=4)
def load_pipeline(model: str | None = None):
    """Load a spaCy pipeline once per process."""
    import spacy

    name = model_name(model)
    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise ModelError(
            f"cannot load spaCy pipeline {name!r}: give an installed package name or a model "
            f"folder (spaCy said: {str(exc).splitlines()[0]})"
        ) from exc
    missing = [c for c in ("parser", "ner") if c not in nlp.pipe_names]
    if missing:
        raise ModelError(f"spaCy pipeline {name!r} lacks {', '.join(missing)}; graphbuild needs both")
    return nlp
