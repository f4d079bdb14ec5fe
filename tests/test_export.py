"""Exports: GraphML and GEXF round trips through networkx, Gephi-safe attributes, node-link and
Cytoscape.js JSON, the HTML page's escaping and self-containment, PNG, and ``graphbuild export``."""

from __future__ import annotations

import base64
import hashlib
import json
import re
import xml.etree.ElementTree as ET

import networkx as nx
import pytest
from build_dir_fixture import write_jsonl
from test_export_data import (
    ACTORS,
    EVIL_NAME,
    FACTUAL_EDGES,
    XSS_CLOSE,
    XSS_IMG,
    XSS_SCRIPT,
    relation,
    write_build_dir,
)

from graphbuild.cli import main
from graphbuild.export.gexf import write_gexf
from graphbuild.export.graphml import write_graphml
from graphbuild.export.html import graph_payload, json_for_html, render_html, write_html
from graphbuild.export.json import write_cytoscape, write_node_link
from graphbuild.export.png import write_png
from graphbuild.graph import KnowledgeGraph

FLAT_TYPES = (str, int, float, bool)


@pytest.fixture()
def kg(tmp_path):
    return KnowledgeGraph.load(write_build_dir(tmp_path / "kg"))


def _assert_flat(graph: nx.Graph) -> None:
    for _, data in graph.nodes(data=True):
        assert all(isinstance(v, FLAT_TYPES) for v in data.values()), data
    for *_, data in graph.edges(data=True):
        assert all(isinstance(v, FLAT_TYPES) for v in data.values()), data


def test_graphml_round_trip(kg, tmp_path):
    path = tmp_path / "graph.graphml"
    write_graphml(kg, path, None)
    graph = nx.read_graphml(path, force_multigraph=True)
    assert isinstance(graph, nx.MultiDiGraph)
    assert set(graph.nodes) == {a["id"] for a in ACTORS}
    edges = {(u, v, k): d["count"] for u, v, k, d in graph.edges(keys=True, data=True)}
    assert edges == FACTUAL_EDGES
    assert graph.nodes["group:evil"]["name"] == EVIL_NAME
    assert graph.nodes["group:evil"]["label"] == EVIL_NAME
    assert graph.nodes["person:volodymyr-zelensky"]["aliases"] == "Зеленський"
    assert "wikidata" not in graph.nodes["person:antony-blinken"]  # null: left out, not "None"
    evidence = json.loads(graph["group:evil"]["Q212"]["OPPOSES"]["evidence"])
    assert evidence[0]["sentence"].startswith(f"They said {XSS_SCRIPT}")
    assert json.loads(graph["Q159"]["Q212"]["OPPOSES"]["kinds"]) == {"ATTACKS": 2}
    _assert_flat(graph)


def test_graphml_declares_only_types_gephi_reads(kg, tmp_path):
    path = tmp_path / "graph.graphml"
    write_graphml(kg, path, None)
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    keys = ET.parse(path).getroot().findall("g:key", ns)
    assert keys and {k.get("attr.type") for k in keys} <= {
        "string",
        "int",
        "long",
        "double",
        "boolean",
    }
    assert "None" not in path.read_text(encoding="utf-8").replace("NoneType", "")


def test_graphml_as_build_writes_it_with_a_previous_file(kg, tmp_path):
    previous = tmp_path / "old.graphml"
    previous.write_text("<graphml/>", encoding="utf-8")
    path = tmp_path / "graph.graphml"
    write_graphml(kg, path, previous)
    assert nx.read_graphml(path).number_of_nodes() == len(ACTORS)
    assert not list(tmp_path.glob(".*tmp*"))


def test_gexf_round_trip(kg, tmp_path):
    path = tmp_path / "graph.gexf"
    write_gexf(kg, path, None)
    root = ET.parse(path).getroot()
    assert root.tag == "{http://www.gexf.net/1.2draft}gexf"
    graph = nx.read_gexf(path)
    assert set(graph.nodes) == {a["id"] for a in ACTORS}
    assert graph.nodes["group:evil"]["label"] == EVIL_NAME
    edges = {(u, v, d["label"]): d["count"] for u, v, d in graph.edges(data=True)}
    assert edges == FACTUAL_EDGES
    assert all(d["weight"] == d["count"] for *_, d in graph.edges(data=True))
    _assert_flat(graph)


def test_node_link_json_round_trip(kg, tmp_path):
    path = tmp_path / "graph.json"
    write_node_link(kg, path, None)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert {"nodes", "links"} <= set(data)
    graph = nx.node_link_graph(data, edges="links")
    edges = {(u, v, k): d["count"] for u, v, k, d in graph.edges(keys=True, data=True)}
    assert edges == FACTUAL_EDGES
    assert graph.nodes["Q15031"]["aliases"] == ["Xi", "习近平"]
    assert len({link["id"] for link in data["links"]}) == len(data["links"])


def test_cytoscape_json_round_trip(kg, tmp_path):
    path = tmp_path / "graph.cyjs"
    write_cytoscape(kg, path, None)
    data = json.loads(path.read_text(encoding="utf-8"))
    ids = [e["data"]["id"] for e in data["elements"]["edges"]]
    assert len(set(ids)) == len(ids) == len(FACTUAL_EDGES)
    graph = nx.cytoscape_graph(data)
    assert set(graph.nodes) == {a["id"] for a in ACTORS}
    edges = {(u, v, d["family"]): d["count"] for u, v, d in graph.edges(data=True)}
    assert edges == FACTUAL_EDGES


def test_png_is_written(kg, tmp_path):
    path = tmp_path / "graph.png"
    write_png(kg, path, None)
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert path.stat().st_size > 10_000


# ---------- HTML ----------


@pytest.mark.parametrize(
    "text", [XSS_SCRIPT, XSS_IMG, XSS_CLOSE, "a\u2028b\u2029c", "&amp; &lt; <!-- -->", "\"'\\"]
)
def test_json_for_html_escapes_and_round_trips(text):
    encoded = json_for_html({"t": text})
    assert not set(encoded) & {"<", ">", "&", "\u2028", "\u2029"}
    assert json.loads(encoded) == {"t": text}


def test_page_holds_hostile_text_only_as_escaped_json(kg):
    page = render_html(graph_payload(kg))
    for hostile in (XSS_SCRIPT, XSS_IMG, XSS_CLOSE, 'onerror="document'):
        assert hostile not in page
    assert page.count("<script") == 2  # the data block and the page's own script
    assert page.count("</script>") == 2
    data_block = re.search(
        r'<script type="application/json" id="graph-data">(.*?)</script>', page, re.S
    )
    data = json.loads(data_block.group(1))
    assert {n["name"] for n in data["nodes"]} >= {EVIL_NAME, "Volodymyr Zelensky"}


def test_page_is_self_contained_with_a_strict_policy(kg):
    page = render_html(graph_payload(kg))
    page = re.sub(r'(id="graph-data">).*?(</script>)', r"\1\2", page, flags=re.S)  # code, not data
    assert not re.search(r"<(link|iframe|img|object|embed)\b", page)
    assert not re.search(r"""\bsrc\s*=|@import|url\(\s*['"]?(https?:)?//""", page)
    assert "innerHTML" not in page and "outerHTML" not in page and "insertAdjacentHTML" not in page
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page).group(1)
    assert "default-src 'none'" in csp
    script = re.search(r"<script>(.*?)</script>", page, re.S).group(1)
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode()
    assert f"script-src 'sha256-{digest}'" in csp


def test_page_leaves_out_non_facts_and_keeps_filters_data(kg):
    data = graph_payload(kg)
    ids = {e["id"] for e in data["edges"]}
    assert "Q148|SUPPORTS|Q159" in ids
    assert len(ids) == len(FACTUAL_EDGES)  # the negated ENDORSES and hypothetical talk are absent
    attacks = next(e for e in data["edges"] if e["id"] == "Q159|OPPOSES|Q212")
    assert attacks["hist"] == [["ATTACKS", "2022-02-24", 1], ["ATTACKS", "2023-03-20", 1]]
    assert data["meta"]["first_date"] == "2022-02-24" and not data["meta"]["truncated"]


def test_big_graph_page_is_cut_to_its_best_connected_actors(tmp_path):
    directory = write_build_dir(tmp_path / "kg", relations=[])
    actors = [{"id": f"org:{i}", "name": f"Body {i}", "type": "Organization"} for i in range(200)]
    write_jsonl(directory / "actors.jsonl", actors)
    rels = []
    for i in range(200):
        for j in range(1, 4):
            rel = relation(
                len(rels), "Q148", "MEETS", "VISITS", "Q159", "a1", "2023-01-01", f"s{i}"
            )
            rel["subject"] = {"id": f"org:{i}", "name": f"Body {i}", "type": "Organization"}
            rel["object"] = {"id": f"org:{(i * j + 1) % 200}", "name": "x", "type": "Organization"}
            rels.extend([rel] * (1 + (i < 20)))
    write_jsonl(directory / "relations.jsonl", rels)
    data = graph_payload(KnowledgeGraph.load(directory), max_nodes=30, max_edges=40, evidence_cap=2)
    assert len(data["nodes"]) == 30 and len(data["edges"]) <= 40
    assert data["meta"]["truncated"] and data["meta"]["actors"] == 200
    kept = {n["id"] for n in data["nodes"]}
    assert {f"org:{i}" for i in range(20)} <= kept  # the busiest actors stay
    assert all(len(e["evidence"]) <= 2 for e in data["edges"])


def test_write_html_file(kg, tmp_path):
    path = tmp_path / "graph.html"
    write_html(kg, path, None)
    text = path.read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>") and "@@GRAPHBUILD" not in text


# ---------- empty graph and CLI ----------


@pytest.mark.parametrize(
    "writer", [write_graphml, write_gexf, write_node_link, write_cytoscape, write_html, write_png]
)
def test_writers_handle_a_graph_without_relations_or_actors(tmp_path, writer):
    directory = write_build_dir(tmp_path / "kg", relations=[])
    write_jsonl(directory / "actors.jsonl", [])
    path = tmp_path / "out"
    writer(KnowledgeGraph.load(directory), path, None)
    assert path.stat().st_size > 0


@pytest.mark.parametrize(
    "fmt, name, check",
    [
        ("graphml", "graph.graphml", lambda p: nx.read_graphml(p).number_of_nodes() == len(ACTORS)),
        ("gexf", "graph.gexf", lambda p: nx.read_gexf(p).number_of_nodes() == len(ACTORS)),
        (
            "json",
            "graph.json",
            lambda p: len(json.loads(p.read_text())["links"]) == len(FACTUAL_EDGES),
        ),
        ("cytoscape", "graph.cyjs", lambda p: "elements" in json.loads(p.read_text())),
        ("html", "graph.html", lambda p: "graph-data" in p.read_text()),
        ("png", "graph.png", lambda p: p.read_bytes()[:4] == b"\x89PNG"),
    ],
)
def test_export_command_default_path(kg, fmt, name, check, capsys):
    assert main(["export", str(kg.directory), "--format", fmt]) == 0
    assert check(kg.directory / name)
    assert f"wrote {kg.directory / name}" in capsys.readouterr().err


def test_export_command_output_options_and_errors(kg, tmp_path, capsys):
    target = tmp_path / "out" / "my.graphml"
    assert main(["export", str(kg.directory), "-f", "graphml", "-o", str(target)]) == 0
    assert nx.read_graphml(target).number_of_nodes() == len(ACTORS)
    assert main(["export", str(kg.directory), "-f", "gexf", "-o", f"{tmp_path / 'dir'}/"]) == 0
    assert (tmp_path / "dir" / "graph.gexf").exists()
    capsys.readouterr()
    assert main(["export", str(kg.directory), "-f", "json", "-o", "-"]) == 0
    assert len(json.loads(capsys.readouterr().out)["nodes"]) == len(ACTORS)
    assert main(["export", str(kg.directory), "-f", "png", "-o", "-"]) == 2
    assert main(["export", str(tmp_path / "missing"), "-f", "json"]) == 2
    assert "no such directory" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["export", str(kg.directory), "-f", "docx"])
    (kg.directory / "actors.jsonl").write_text("{not json\n", encoding="utf-8")
    assert main(["export", str(kg.directory), "-f", "json"]) == 2
    assert "cannot read the build files" in capsys.readouterr().err
