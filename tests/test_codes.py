"""PLOVER type, mode and context and the Goldstein score on relations (relations/codes.py),
their data tables, and the relation schema that records them."""

from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path

import pytest
import rdflib
from jsonschema import Draft202012Validator

from graphbuild.relations import load_ontology
from graphbuild.relations.codes import (
    PLOVER_FILE,
    annotate_codes,
    goldstein,
    load_goldstein,
    load_plover,
    plover_code,
)
from graphbuild.relations.ontology import OntologyError
from graphbuild.schemas import load_schema
from graphbuild.stores import rdf

ROOT = Path(__file__).resolve().parent.parent
SHARED_TABLE = ROOT.parent / "shared" / "eval" / "plover" / "CAMEO2PLOVER-2021.txt"


def test_codes_of_exact_codes_from_both_tables():
    visit = plover_code("042")
    assert (visit.type, visit.mode, visit.context, goldstein("042")) == (
        "CONSULT",
        "visit",
        (),
        1.9,
    )
    embargo = plover_code("163")
    assert (embargo.type, embargo.mode, embargo.context) == ("COERCE", "restrict", ("diplomatic",))
    assert goldstein("163") == -8.0
    war_crimes = plover_code("094")  # several contexts in one cell
    assert war_crimes.type == "ACCUSE" and war_crimes.context == ("military", "legal")
    assert goldstein("0874") == 10.0 and goldstein("1823") == -10.0


def test_a_code_missing_from_a_table_takes_its_nearest_parent():
    # 1213 is in the PLOVER table but not in the Goldstein table: its parent 121 answers
    assert plover_code("1213").context == ("legal",)
    assert goldstein("1213") == goldstein("121") == -4.0
    # a code under a root only (no such 3-digit row) falls back to the root
    assert plover_code("0599").type == "SUPPORT"


def test_appeals_are_requests_and_statements_have_no_plover_type():
    # CAMEO 02 is not in CAMEO2PLOVER-2021: graphbuild's rows follow the 10 (demand) rows
    assert plover_code("020").type == plover_code("100").type == "REQUEST"
    assert plover_code("0253") == plover_code("1053")
    assert goldstein("020") == 3.0 and goldstein("100") == -5.0  # same type, other scores
    assert plover_code("010").type is None and goldstein("010") == 0.0
    assert plover_code(None).type is None and goldstein(None) is None


def test_annotate_sets_all_four_fields_in_place():
    rel = {"cameo": "0256", "family": "REQUESTS"}
    assert annotate_codes(rel) is rel
    assert rel == {
        "cameo": "0256",
        "family": "REQUESTS",
        "plover_type": "REQUEST",
        "plover_mode": "yield",
        "plover_context": ["military"],
        "goldstein": -0.3,
    }
    assert annotate_codes({"cameo": None}) == {
        "cameo": None,
        "plover_type": None,
        "plover_mode": None,
        "plover_context": [],
        "goldstein": None,
    }


def test_every_kind_of_the_relation_ontology_gets_codes():
    for name, kind in load_ontology().kinds.items():
        code = plover_code(kind.cameo)
        assert code.type, f"{name} ({kind.cameo}) has no PLOVER type"
        assert goldstein(kind.cameo) is not None, f"{name} ({kind.cameo}) has no Goldstein score"


def test_tables_cover_every_cameo_root_and_score_within_the_scale():
    plover, scores = load_plover(), load_goldstein()
    roots = {f"{n:02d}" for n in range(1, 21)}
    assert roots <= set(plover) and roots <= set(scores)
    assert all(-10 <= s <= 10 for s in scores.values())
    assert len(scores) > 280 and len(plover) > 280


def test_plover_types_are_the_ones_the_schema_and_the_shapes_allow():
    types = {c.type for c in load_plover().values()} - {None}
    schema_types = set(load_schema("relation.schema.json")["properties"]["plover_type"]["enum"])
    assert types == schema_types - {None}
    shapes = rdflib.Graph().parse(rdf.SHAPES_FILE, format="turtle").serialize(format="turtle")
    for event in types:
        assert f'"{event}"' in shapes, event


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_bad_table_rows_name_file_and_line(tmp_path):
    bad_code = _write(tmp_path / "a.csv", "# note\ncameo,plover_type\n042,CONSULT\n4x2,CONSULT\n")
    with pytest.raises(OntologyError, match=r"a\.csv:4: '4x2' is not a CAMEO code"):
        load_plover(bad_code)
    bad_context = _write(
        tmp_path / "b.csv", "cameo,plover_type,plover_mode,plover_context\n042,CONSULT,,a b\n"
    )
    with pytest.raises(OntologyError, match=r"b\.csv:2: 'a b' is not a PLOVER mode or context"):
        load_plover(bad_context)
    bad_score = _write(tmp_path / "c.csv", "cameo,goldstein\n042,1.9\n043,eleven\n190,-12\n")
    with pytest.raises(OntologyError, match=r"c\.csv:3: Goldstein score 'eleven'"):
        load_goldstein(bad_score)
    out_of_scale = _write(tmp_path / "d.csv", "cameo,goldstein\n190,-12\n")
    with pytest.raises(OntologyError, match=r"d\.csv:2: Goldstein score -12.0 is not in -10..10"):
        load_goldstein(out_of_scale)


def test_shipped_plover_table_is_what_the_script_writes(tmp_path, monkeypatch):
    if not SHARED_TABLE.exists():
        pytest.skip("CAMEO2PLOVER-2021.txt is not beside the repository")
    spec = importlib.util.spec_from_file_location(
        "plover_table", ROOT / "scripts" / "plover_table.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    monkeypatch.setattr(module, "OUT", tmp_path / "plover.csv")
    assert module.main([str(SHARED_TABLE)]) == 0
    assert (tmp_path / "plover.csv").read_text() == PLOVER_FILE.read_text()


# --- the relation schema ---------------------------------------------------------------


def _relation(**changes) -> dict:
    rel = {
        "id": "r1",
        "subject": {"id": "Q30", "name": "United States", "type": "Country", "sector": "GOV"},
        "object": {"id": "Q159", "name": "Russia", "type": "Country", "sector": None},
        "family": "REQUESTS",
        "kind": "DEMANDS",
        "cameo": "100",
        "negated": False,
        "modality": "asserted",
        "confidence": 0.9,
        "article_id": "a1",
        "date": "2024-01-02",
        "sentence": "Washington demanded that Moscow stop.",
        "start": 0,
        "end": 37,
    }
    annotate_codes(rel)
    rel.update(changes)
    return rel


def _errors(rel: dict) -> list[str]:
    validator = Draft202012Validator(load_schema("relation.schema.json"))
    return [e.message for e in validator.iter_errors(rel)]


def test_schema_accepts_codes_sectors_and_the_requests_family():
    assert _errors(_relation()) == []
    assert _errors(_relation(cameo="010", plover_type=None, plover_mode=None)) == []


@pytest.mark.parametrize(
    "changes",
    [
        {"family": "ASKS"},
        {"plover_type": "DEMAND"},  # PLOVER 2021 has REQUEST, not DEMAND
        {"goldstein": 10.5},
        {"plover_context": "military"},
        {"subject": {"id": "Q30", "name": "United States", "type": "Country", "sector": "gov"}},
    ],
)
def test_schema_rejects_bad_codes_and_sectors(changes):
    assert _errors(_relation(**changes))


def test_schema_requires_the_codes():
    rel = _relation()
    del rel["goldstein"]
    assert any("goldstein" in e for e in _errors(rel))


def test_mention_schema_accepts_an_optional_sector():
    validator = Draft202012Validator(load_schema("mention.schema.json"))
    mention = {"article_id": "a", "actor_id": "Q1", "text": "Iraqi troops", "start": 0, "end": 12,
               "how": "agent"}  # fmt: skip
    assert not list(validator.iter_errors(mention))
    assert not list(validator.iter_errors({**mention, "sector": "MIL"}))
    assert list(validator.iter_errors({**mention, "sector": "military"}))


def test_extracted_relations_carry_their_codes_and_validate():
    from graphbuild.pipeline import get_extractor
    from graphbuild.records import Article

    text = "The Kenyan president praised Tanzania for its help. Kenya later criticized Uganda."
    result = get_extractor().process(Article.from_text(text, date="2021-05-04"))
    assert result.relations, "the pipeline found no relation in the test sentences"
    for rel in result.relations:
        assert _errors(json.loads(json.dumps(rel))) == [], rel
        code = plover_code(rel["cameo"])
        assert rel["plover_type"] == code.type and rel["goldstein"] == goldstein(rel["cameo"])
    kinds = {r["kind"]: r for r in result.relations}
    if "CRITICIZES" in kinds:
        assert kinds["CRITICIZES"]["plover_type"] == "ACCUSE"
        assert kinds["CRITICIZES"]["goldstein"] == -2.0
    assert re.fullmatch(r"[0-9a-f]{20}", result.relations[0]["id"])


def _kind_table() -> list[list[str]]:
    """Rows (family, kind, CAMEO, PLOVER, symmetric) of docs/relations.md's kind table."""
    text = (ROOT / "docs" / "relations.md").read_text(encoding="utf-8")
    start = text.index("| family | kind | CAMEO | PLOVER | symmetric |")
    rows = []
    for line in text[start:].splitlines()[2:]:
        if not line.startswith("|"):
            break
        rows.append([cell.strip() for cell in line.strip("|").split("|")])
    return rows


def test_docs_kind_table_shows_the_ontology_and_the_codes_table():
    """The PLOVER column is what codes.py gives for the kind's CAMEO code: plover.csv is
    the one source, the ontology keeps no PLOVER field of its own."""
    kinds = load_ontology().kinds
    rows = _kind_table()
    assert sorted(row[1] for row in rows) == sorted(kinds)
    for family, name, cameo, plover, symmetric in rows:
        kind = kinds[name]
        assert family == kind.family, name
        assert cameo.split()[0] == kind.cameo, name
        assert plover == plover_code(kind.cameo).type, name
        assert symmetric.startswith("yes") == kind.symmetric, name
        assert not hasattr(kind, "plover")
