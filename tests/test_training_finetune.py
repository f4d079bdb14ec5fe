"""The NER fine-tuning recipe: it starts from a named base pipeline, and the packaged
model says so (meta and model card), so a user can tell which components changed."""

from __future__ import annotations

import json
from pathlib import Path

import spacy

from training.package import package
from training.readme import model_readme
from training.train import base_model

REPO = Path(__file__).resolve().parent.parent
FINETUNE = REPO / "training" / "configs" / "news_ner_finetune.cfg"
FROM_SCRATCH = REPO / "training" / "configs" / "news.cfg"


def _tiny_pipeline(folder: Path, version: str) -> Path:
    nlp = spacy.blank("en")
    nlp.add_pipe("ner").add_label("GPE")
    nlp.initialize()
    nlp.meta.update({"name": "tiny_base", "version": version})
    nlp.to_disk(folder)
    return folder


def test_a_from_scratch_config_has_no_base():
    assert base_model(FROM_SCRATCH, None) is None


def test_fine_tune_base_is_read_from_the_given_folder_with_the_frozen_components(tmp_path):
    base = base_model(FINETUNE, _tiny_pipeline(tmp_path / "base", "0.9.1"))
    assert (base["name"], base["version"]) == ("tiny_base", "0.9.1")
    assert base["frozen"] == ["tok2vec", "tagger", "morphologizer", "parser", "lemmatizer"]
    assert "ner" not in base["frozen"]


def test_fine_tune_without_a_base_folder_stops_with_one_line(tmp_path):
    try:
        base_model(FINETUNE, tmp_path / "nowhere")
    except SystemExit as exc:
        assert "nowhere" in str(exc) and "--base-model" in str(exc)
    else:
        raise AssertionError("a missing base model must stop the recipe")


def test_packaged_fine_tune_records_its_base_in_meta_and_model_card(tmp_path):
    trained = _tiny_pipeline(tmp_path / "trained", "0.0.0")
    base = {"name": "tiny_base", "version": "0.9.1", "frozen": ["tok2vec", "parser"]}
    scores = {
        "ents_person_org_gpe": {"micro": {"p": 0.5, "r": 0.5, "f": 0.5}, "per_label": {}},
        "documents": 1,
        "words": 10,
    }
    manifest = {"uner": True, "documents": {"train": []}, "stats": {}}
    readme = model_readme("9.9.9", FINETUNE, manifest, scores, "cmd", "2026-12-07", base=base)
    target = package(
        trained,
        FINETUNE,
        manifest,
        scores,
        "cmd",
        "9.9.9",
        tmp_path / "out",
        readme,
        gazetteer=False,
        base=base,
    )
    meta = json.loads((target / "meta.json").read_text(encoding="utf-8"))
    recorded = meta["graphbuild"]["base_model"]
    assert recorded == {
        "name": "tiny_base",
        "version": "0.9.1",
        "unchanged_components": ["tok2vec", "parser"],
    }
    assert "fine-tuned from tiny_base 0.9.1" in meta["description"]
    assert any("the base model's" in s["name"] for s in meta["sources"] if "EWT" in s["name"])
    card = (target / "README.md").read_text(encoding="utf-8")
    assert "## Base model" in card and "tiny_base 0.9.1" in card


def test_packaging_from_scratch_records_no_base(tmp_path):
    trained = _tiny_pipeline(tmp_path / "trained", "0.0.0")
    scores = {"ents_person_org_gpe": {"micro": {}, "per_label": {}}}
    target = package(
        trained,
        FROM_SCRATCH,
        {"uner": False},
        scores,
        "cmd",
        "9.9.9",
        tmp_path / "out",
        gazetteer=False,
    )
    meta = json.loads((target / "meta.json").read_text(encoding="utf-8"))
    assert "base_model" not in meta["graphbuild"]
    assert "fine-tuned" not in meta["description"]
