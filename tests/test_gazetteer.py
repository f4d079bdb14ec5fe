"""The gazetteer after the NER: relabels and adds unambiguous names, leaves longer
entities and ambiguous names alone, travels inside the model folder."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import spacy
from spacy.tokens import Doc, Span

from graphbuild.nlp import DEFAULT_MODEL_DIR, load_pipeline
from graphbuild.nlp.gazetteer import FACTORY, Gazetteer
from training.gazetteer import add_gazetteer, build_names, is_name

REPO = Path(__file__).resolve().parent.parent

NAMES = {
    "Lusaka": "GPE",
    "Zambia": "GPE",
    "Arab League": "ORG",
    "Horn of Africa": "LOC",
}
AMBIGUOUS = {"Chad": "GPE"}

needs_model = pytest.mark.skipif(
    not (DEFAULT_MODEL_DIR / "config.cfg").exists(), reason="the trained pipeline is not built"
)


@pytest.fixture(scope="module")
def nlp():
    return spacy.blank("en")


@pytest.fixture(scope="module")
def gazetteer(nlp):
    return Gazetteer(nlp, names=NAMES, ambiguous=AMBIGUOUS)


def _doc(nlp, text, ents=(), tags=None):
    """A hand-made doc as the NER left it: ``ents`` are (first word, end word, label)."""
    words = text.split()
    doc = Doc(nlp.vocab, words=words, tags=tags)
    doc.ents = [Span(doc, start, end, label=label) for start, end, label in ents]
    return doc


def _ents(doc):
    return [(ent.text, ent.label_) for ent in doc.ents]


def test_entity_that_is_a_name_gets_its_label(nlp, gazetteer):
    doc = _doc(nlp, "Envoys met in Lusaka with the Arab League", [(3, 4, "PERSON"), (5, 8, "GPE")])
    assert _ents(gazetteer(doc)) == [("Lusaka", "GPE"), ("the Arab League", "ORG")]


def test_name_outside_any_entity_is_added_on_whole_capitalised_tokens(nlp, gazetteer):
    doc = _doc(nlp, "Maria Banda flew from Zambia to the Horn of Africa", [(0, 2, "PERSON")])
    assert _ents(gazetteer(doc)) == [
        ("Maria Banda", "PERSON"),
        ("Zambia", "GPE"),
        ("Horn of Africa", "LOC"),
    ]
    assert _ents(gazetteer(_doc(nlp, "traders in lusaka and Lusakans"))) == []


def test_longer_entity_containing_a_name_is_left_as_it_is(nlp, gazetteer):
    doc = _doc(
        nlp,
        "The Lusaka Times quoted the Bank of Zambia in Lusaka",
        [(1, 3, "ORG"), (5, 10, "ORG")],
    )
    assert _ents(gazetteer(doc)) == [
        ("Lusaka Times", "ORG"),
        ("Bank of Zambia in Lusaka", "ORG"),
    ]


def test_name_running_into_another_proper_noun_is_not_added(nlp, gazetteer):
    tags = ["DT", "NNP", "NNP", "VBD", "IN", "NNP"]
    doc = _doc(nlp, "The Lusaka Dynamos won in Zambia", tags=tags)
    assert _ents(gazetteer(doc)) == [("Zambia", "GPE")]


def test_name_the_tagger_calls_no_proper_noun_is_not_added(nlp):
    gazetteer = Gazetteer(nlp, names={"Mediterranean": "LOC"})
    doc = _doc(nlp, "A Mediterranean diet", tags=["DT", "JJ", "NN"])
    assert _ents(gazetteer(doc)) == []
    doc = _doc(nlp, "across the Mediterranean", tags=["IN", "DT", "NNP"])
    assert _ents(gazetteer(doc)) == [("Mediterranean", "LOC")]


def test_ambiguous_name_is_only_relabelled_within_its_kind(nlp, gazetteer):
    assert _ents(gazetteer(_doc(nlp, "Chad scored twice", [(0, 1, "PERSON")]))) == [
        ("Chad", "PERSON")
    ]
    assert _ents(gazetteer(_doc(nlp, "Troops left Chad"))) == []
    assert _ents(gazetteer(_doc(nlp, "Troops left Chad", [(2, 3, "LOC")]))) == [("Chad", "GPE")]


def test_names_travel_with_the_pipeline(nlp, tmp_path):
    pipeline = spacy.blank("en")
    pipeline.add_pipe(FACTORY).set_names(NAMES, AMBIGUOUS)
    pipeline.to_disk(tmp_path / "model")
    loaded = spacy.load(tmp_path / "model")
    assert loaded.get_pipe(FACTORY).names == NAMES
    assert loaded.get_pipe(FACTORY).ambiguous == AMBIGUOUS
    assert _ents(loaded("Rains hit Zambia")) == [("Zambia", "GPE")]
    copy = Gazetteer(nlp).from_bytes(loaded.get_pipe(FACTORY).to_bytes())
    assert copy.names == NAMES


def test_plain_spacy_load_finds_the_factory_through_the_entry_point(tmp_path):
    pipeline = spacy.blank("en")
    pipeline.add_pipe(FACTORY).set_names(NAMES, AMBIGUOUS)
    pipeline.to_disk(tmp_path / "model")
    # the entry point as pyproject.toml declares it, installed into a throwaway folder
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    factories = project["project"]["entry-points"]["spacy_factories"]
    assert factories[FACTORY] == "graphbuild.nlp.gazetteer:make_gazetteer"
    info = tmp_path / "site" / "graphbuild_gazetteer_check-0.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text("Name: graphbuild-gazetteer-check\nVersion: 0\n")
    lines = "".join(f"{name} = {target}\n" for name, target in factories.items())
    (info / "entry_points.txt").write_text(f"[spacy_factories]\n{lines}")
    script = (
        "import sys, spacy\n"
        f"nlp = spacy.load({str(tmp_path / 'model')!r})\n"
        "print([(e.text, e.label_) for e in nlp('Rains hit Zambia').ents])\n"
    )
    env = dict(os.environ, PYTHONPATH=f"{tmp_path / 'site'}{os.pathsep}{REPO}")
    done = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[('Zambia', 'GPE')]"


# --- the name list built from the data files ---------------------------------


def test_name_list_from_the_data_files():
    names, ambiguous = build_names()
    assert names["Austria"] == "GPE" and names["Nairobi"] == "GPE"  # countries.csv
    assert names["ECOWAS"] == "ORG" and names["International Monetary Fund"] == "ORG"
    assert names["North America"] == "LOC"  # loc_names: a continent is no GPE
    assert names["Ohio"] == "GPE"  # states.txt
    assert "Chad" in ambiguous and "Jordan" in ambiguous  # the knowledge base's "~"
    assert "Victoria" in ambiguous and "Washington" in ambiguous  # the stoplist
    assert "Montenegro" in ambiguous  # a surname in people.csv
    assert "OR" not in names and "IN" not in names  # postal codes
    assert "Amazon" not in names and "Amazon" not in ambiguous  # region and company
    assert all(is_name(name) for name in [*names, *ambiguous])


def test_descriptions_are_not_names():
    assert is_name("Organization of American States") and is_name("al-Qaeda") and is_name("G7")
    assert not is_name("UN refugee agency") and not is_name("Houthi rebels")
    assert not is_name("CA")


# --- the shipped model --------------------------------------------------------


@needs_model
def test_shipped_model_loads_and_a_packaged_copy_carries_the_gazetteer(tmp_path):
    from training.package import package

    shipped = load_pipeline(str(DEFAULT_MODEL_DIR))
    assert {"parser", "ner", "graphbuild_person_names"} <= set(shipped.pipe_names)
    target = package(
        DEFAULT_MODEL_DIR,
        REPO / "training" / "configs" / "news.cfg",
        {},
        {},
        "test",
        "0.0.0-test",
        target=tmp_path / "model",
    )
    nlp = load_pipeline(str(target))
    names = nlp.pipe_names
    assert names.index(FACTORY) == names.index("ner") + 1
    assert names[-1] == "graphbuild_person_names"
    assert nlp.meta["graphbuild"]["gazetteer"]["names"]["GPE"] > 500
    doc = nlp("Officials in Lusaka and Ouagadougou signed the accord with the IAEA.")
    assert {("Lusaka", "GPE"), ("Ouagadougou", "GPE"), ("IAEA", "ORG")} <= set(_ents(doc))


def test_adding_twice_keeps_one_component():
    pipeline = spacy.blank("en")
    pipeline.add_pipe("ner")
    add_gazetteer(pipeline, NAMES, AMBIGUOUS)
    add_gazetteer(pipeline, NAMES, {})
    assert pipeline.pipe_names == ["ner", FACTORY]
    assert pipeline.get_pipe(FACTORY).ambiguous == {}
