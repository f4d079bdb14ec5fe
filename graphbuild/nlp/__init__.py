"""Loading the spaCy pipeline: graphbuild's own English news model by default,
or any installed spaCy pipeline by name or path (``--model`` / ``GRAPHBUILD_MODEL``).

After loading, graphbuild adds three small rule components: one that reads a
foreign pipeline's NER labels as graphbuild's (``labels.py``, only where the
labels differ), one that relabels a name after "<place word> of" ("the Strait
of Hormuz") as a place (``places.py``) and one that completes person names the
NER cut short and strips titles from their front (``names.py``). The shipped model carries a third in its own folder, the
gazetteer of unambiguous names (``gazetteer.py``); ``load_pipeline`` registers
its factory (plain ``spacy.load`` finds it through the
``spacy_factories`` entry point). See docs/model.md.
"""

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


def load_pipeline(model: str | None = None):
    """Load a spaCy pipeline once per process (cached by the resolved name)."""
    return _load(model_name(model))


@lru_cache(maxsize=4)
def _load(name: str):
    import spacy

    from . import gazetteer  # noqa: F401  (registers the shipped model's graphbuild_gazetteer)
    from .labels import add_label_mapping
    from .names import person_names_component  # noqa: F401  (registers the component)
    from .paragraphs import paragraphs_component  # noqa: F401  (registers the component)
    from .places import place_names_component  # noqa: F401  (registers the component)

    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise ModelError(
            f"cannot load spaCy pipeline {name!r}: give an installed package name or a model "
            f"folder (spaCy said: {str(exc).splitlines()[0]})"
        ) from exc
    except Exception as exc:  # a broken or incompatible model must not end in a traceback
        first = (str(exc).splitlines() or [""])[0]
        raise ModelError(
            f"cannot load spaCy pipeline {name!r}: {type(exc).__name__}: {first}"
        ) from exc
    missing = [c for c in ("parser", "ner") if c not in nlp.pipe_names]
    if missing:
        raise ModelError(
            f"spaCy pipeline {name!r} lacks {', '.join(missing)}; graphbuild needs both"
        )
    add_label_mapping(nlp)
    if "graphbuild_place_names" not in nlp.pipe_names:
        nlp.add_pipe("graphbuild_place_names", last=True)
    if "graphbuild_person_names" not in nlp.pipe_names:
        nlp.add_pipe("graphbuild_person_names", last=True)
    if "graphbuild_paragraphs" not in nlp.pipe_names:
        nlp.add_pipe("graphbuild_paragraphs", before="parser")
    return nlp
