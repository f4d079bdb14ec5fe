"""Package a trained pipeline into ``graphbuild/models/en_graphbuild_news``.

The meta records what the model was trained on (sources and licences), the
config and data hashes that reproduce it, and the held-out scores. The new
model is written beside the old one and swapped in by rename, so a reader
never sees a half-written model.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
MODEL_DIR = REPO / "graphbuild" / "models" / "en_graphbuild_news"

UNER_SOURCE = {
    "name": "Universal NER (UNER v1) English EWT, dev and test files: PER/ORG/LOC on the EWT sentences",
    "url": "https://github.com/UniversalNER/UNER_English-EWT",
    "license": "CC BY-SA 4.0",
    "author": "Mayhew et al., Universal NER (NAACL 2024), and the UNER annotators",
}

SOURCES = [
    {
        "name": "GUM (Georgetown University Multilayer corpus), open genres, train split",
        "url": "https://github.com/amir-zeldes/gum",
        "license": "annotations CC BY 4.0; texts CC BY 2.5 (Wikinews), CC BY-SA 3.0 "
        "(Wikipedia, Wikivoyage), CC BY 4.0 (academic, court), public domain (speeches), "
        "see gum/LICENSE.txt",
        "author": "Amir Zeldes and the GUM contributors",
    },
    {
        "name": "UD English EWT, dev and test files (syntax only)",
        "url": "https://github.com/UniversalDependencies/UD_English-EWT",
        "license": "CC BY-SA 4.0",
        "author": "Universal Dependencies contributors (Linguistic Data Consortium EWT texts)",
    },
    {
        "name": "spacy-lookups-data English lemma rules",
        "url": "https://github.com/explosion/spacy-lookups-data",
        "license": "MIT",
        "author": "Explosion",
    },
]


def _sources(uner: bool, fine_tuned: bool = False) -> list[dict]:
    """SOURCES; with UNER, EWT also gives names and loses its held-out test documents
    (from the NER only, when the syntax is a base model's, trained on all of EWT)."""
    if not uner:
        return SOURCES
    ewt = (
        "UD English EWT, dev and test files: syntax (the base model's); names from UNER "
        "less the UNER test documents"
        if fine_tuned
        else "UD English EWT, dev and test files less the UNER test documents (syntax; names "
        "from UNER)"
    )
    return [dict(s, name=ewt) if "EWT" in s["name"] else s for s in SOURCES] + [UNER_SOURCE]


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def package(
    trained: Path,
    config: Path,
    manifest: dict,
    scores: dict,
    training_command: str,
    version: str,
    target: Path = MODEL_DIR,
    readme: str | None = None,
    gazetteer: bool = True,
    base: dict | None = None,
) -> Path:
    """Copy ``trained`` (a spaCy model folder) to ``target`` with graphbuild's meta and README.

    With ``gazetteer`` the model gets (or keeps, refreshed from the data files) the
    ``graphbuild_gazetteer`` component after its NER (``training/gazetteer.py``).
    ``base`` (``training.train.base_model``) records the pipeline a fine-tune started
    from: its frozen components are that model's, trained on that model's data.
    """
    import spacy

    import graphbuild.nlp.gazetteer  # noqa: F401  (registers the graphbuild_gazetteer factory)
    from training.gazetteer import FACTORY, add_gazetteer

    nlp = spacy.load(trained)
    if not gazetteer and FACTORY in nlp.pipe_names:
        nlp.remove_pipe(FACTORY)
    nlp.meta.update(
        {
            "name": "graphbuild_news",
            "version": version,
            "description": "graphbuild's English news pipeline: tok2vec (CNN, no vectors), "
            "tagger (PTB), morphologizer (UPOS+FEATS), parser (UD v2 labels), rule "
            "lemmatizer, NER (PERSON, NORP, FAC, ORG, GPE, LOC)"
            + (
                ", then a gazetteer of unambiguous place and organisation names"
                if gazetteer
                else ""
            )
            + ". Trained on GUM and UD EWT"
            + (" with Universal NER labels." if manifest.get("uner") else ".")
            + (
                f" The NER was fine-tuned from {base['name']} {base['version']}, whose "
                f"{', '.join(base['frozen'])} it keeps unchanged."
                if base
                else ""
            ),
            "author": "graphbuild contributors",
            "url": "",
            "license": "CC BY-SA 4.0",
            "sources": _sources(manifest.get("uner", False), base is not None),
            "graphbuild": {
                "config_sha256": sha256_of(config),
                "config_file": str(config.relative_to(REPO))
                if config.is_relative_to(REPO)
                else str(config),
                "data_sha256": manifest.get("data_sha256"),
                "recipe_sha256": manifest.get("recipe_sha256"),
                "training_command": training_command,
                "corpus_stats": manifest.get("stats"),
                "held_out": "GUM test documents (gum/splits.md), never trained on"
                + (
                    "; UNER test: the EWT documents in training.convert.uner_test_document, never trained on"
                    if manifest.get("uner")
                    else ""
                ),
                "scores_heldout": scores,
                **(
                    {
                        "base_model": {
                            "name": base["name"],
                            "version": base["version"],
                            "unchanged_components": base["frozen"],
                        }
                    }
                    if base
                    else {}
                ),
            },
        }
    )
    if gazetteer:
        add_gazetteer(nlp)  # records its name counts in meta["graphbuild"]["gazetteer"]
    staging = target.with_name(target.name + ".new")
    old = target.with_name(target.name + ".old")
    shutil.rmtree(staging, ignore_errors=True)
    nlp.to_disk(staging)
    if readme is not None:
        (staging / "README.md").write_text(readme, encoding="utf-8")
    (staging / "meta.json").write_text(json.dumps(nlp.meta, indent=2) + "\n", encoding="utf-8")
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        target.rename(old)
    staging.rename(target)
    shutil.rmtree(old, ignore_errors=True)
    return target
