"""Pictures people can read, at 65 and at 500 actors (tests/picture_fixture.py).

The network PNG, the blocs and timelines of the report and graph.html (in
headless Chromium) show the connected actors that fit, say what they hide,
draw one line per dyad and family with arrows, keep labels apart and name in
the legend only what is there. Every picture is copied or screenshotted to
tests/artifacts/ for a person to look at.
"""

from __future__ import annotations

import shutil

import pytest
from chromium import ARTIFACTS, chromium_page, screenshot
from matplotlib.image import imread
from picture_fixture import write_picture_build

from graphbuild.analytics.report import write_report
from graphbuild.analytics.timeline import fill_months
from graphbuild.export.html import MAX_NODES as HTML_NODES
from graphbuild.export.html import write_html
from graphbuild.export.png import MAX_NODES, write_png
from graphbuild.export.readable import readable_selection
from graphbuild.graph import KnowledgeGraph
from graphbuild.graph.networkx import to_multigraph

SIZES = [65, 500]


@pytest.fixture(scope="module", params=SIZES, ids=[f"{n}-actors" for n in SIZES])
def build(request, tmp_path_factory):
    actors = request.param
    directory = write_picture_build(
        tmp_path_factory.mktemp(f"pictures-{actors}") / "kg", actors=actors, statements=actors * 8
    )
    return actors, KnowledgeGraph.load(directory)


def _keep(path, name):
    ARTIFACTS.mkdir(exist_ok=True)
    shutil.copy(path, ARTIFACTS / name)


def _ink(path) -> float:
    """Share of pixels that are not (near) white: a blank or all-black picture fails."""
    image = imread(path)
    return float((image[..., :3].min(axis=-1) < 0.9).mean())


def test_selection_shows_connected_actors_and_counts_the_rest(build):
    actors, kg = build
    multigraph = to_multigraph(kg, evidence_cap=0)
    selection = readable_selection(multigraph, MAX_NODES)
    shown = multigraph.subgraph(selection.nodes).to_undirected()
    assert selection.total == actors
    linked = {
        e for r in kg.relations(factual_only=True) for e in (r["subject"]["id"], r["object"]["id"])
    }
    assert selection.isolated == actors - len(linked) >= actors - int(actors * 0.9)
    assert all(shown.degree(n) > 0 for n in shown)  # nobody floats alone
    if actors == 500:  # 444 linked actors cannot all be drawn
        assert len(selection.nodes) == MAX_NODES and selection.cut > 0
        assert "with fewer statements" in selection.note
        assert "6 in 1 smaller group" in selection.note  # the fixture's island
    else:  # the 58 linked actors fit: both groups are drawn, the island too
        assert selection.groups == 2 and selection.cut == 0
    assert f"{selection.isolated} with no relation" in selection.note


def test_network_png(build, tmp_path):
    actors, kg = build
    path = tmp_path / "graph.png"
    write_png(kg, path)
    image = imread(path)
    assert image.shape[0] > 600 and image.shape[1] > 900
    assert 0.02 < _ink(path) < 0.6
    _keep(path, f"graph-{actors}.png")


def test_report_pictures(build, tmp_path):
    actors, kg = build
    paths = write_report(kg, tmp_path / "report")
    for name in ("blocs", "timelines", "centrality", "stance"):
        assert 0.01 < _ink(paths[name]) < 0.7, name
        _keep(paths[name], f"{name}-{actors}.png")


def test_timelines_run_over_every_month():
    rows = [
        {"period": "2023-11", "SUPPORTS": 1, "OPPOSES": 0, "MEETS": 0},
        {"period": "2024-02", "SUPPORTS": 0, "OPPOSES": 2, "MEETS": 0},
        {"period": "undated", "SUPPORTS": 0, "OPPOSES": 0, "MEETS": 1},
    ]
    filled = fill_months(rows)
    assert [r["period"] for r in filled] == ["2023-11", "2023-12", "2024-01", "2024-02", "undated"]
    assert filled[1]["SUPPORTS"] == filled[1]["OPPOSES"] == 0
    years = [{"period": "2023", "SUPPORTS": 1, "OPPOSES": 0, "MEETS": 0}]
    assert fill_months(years) == years  # not months: left alone


@pytest.mark.browser
def test_html_view_is_readable(build, tmp_path):
    actors, kg = build
    page_path = tmp_path / "graph.html"
    write_html(kg, page_path)
    with chromium_page() as page:
        page.goto(page_path.as_uri())
        page.wait_for_function("document.body.dataset.layout === 'done'", timeout=120_000)
        nodes = page.locator("#nodes .node").count()
        assert 0 < nodes <= HTML_NODES
        # every node has a real position (a dense graph once sent them all to NaN)
        assert page.evaluate(
            "Array.from(document.querySelectorAll('#nodes .node'))"
            ".every(g => /^translate\\(-?[0-9.]+,-?[0-9.]+\\)$/.test(g.getAttribute('transform')))"
        )
        # arrows on directed lines, none on MEETS
        assert page.evaluate(
            "Array.from(document.querySelectorAll('#edges path.edge')).every(p =>"
            " (p.dataset.family === 'MEETS') === !p.hasAttribute('marker-end'))"
        )
        # the labels shown do not overlap
        boxes = page.evaluate(
            "Array.from(document.querySelectorAll('#nodes .node:not(.nolabel) text'))"
            ".map(t => { const r = t.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; })"
        )
        assert len(boxes) >= 10
        for i, a in enumerate(boxes):
            for b in boxes[i + 1 :]:
                overlap_x = min(a[2], b[2]) - max(a[0], b[0])
                overlap_y = min(a[3], b[3]) - max(a[1], b[1])
                assert overlap_x <= 0.5 or overlap_y <= 0.5, (a, b)
        status = page.inner_text("#status")
        assert "with no relation" in status
        if actors == 500:
            assert "with fewer statements" in status and "smaller group" in status
        legend = page.locator("#families label").all_inner_texts()
        assert len(legend) == 3 and all("(0)" not in text for text in legend)
        assert page.errors == []
        screenshot(page, f"graph-html-{actors}.png")
