"""graph.html in a real headless Chromium, driven by Playwright (see tests/chromium.py).

The page must load without console errors, draw every node it was given, show
evidence on hover, filter, and leave hostile article text inert. Screenshots
go to tests/artifacts/. Without Chromium these tests skip and say so.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from chromium import chromium_page
from chromium import screenshot as save_screenshot
from test_export_data import EVIL_NAME, XSS_SCRIPT, write_build_dir
from test_requests_exports import write_requests_build

from graphbuild.export.html import write_html
from graphbuild.graph import KnowledgeGraph

pytestmark = pytest.mark.browser


class Browser:
    """The calls these tests make, over one Playwright page."""

    def __init__(self, page):
        self.page = page

    def evaluate(self, expression: str):
        return self.page.evaluate(expression)

    def open(self, path: Path, timeout: float = 60) -> None:
        self.page.goto(path.resolve().as_uri())
        self.page.wait_for_function(
            "document.body && document.body.dataset.layout === 'done'", timeout=timeout * 1000
        )

    def errors(self) -> list[str]:
        """Uncaught exceptions, console errors (e.g. CSP) and failed requests so far."""
        return list(self.page.errors)

    def clear(self) -> None:
        self.page.errors.clear()

    def hover(self, x: float, y: float) -> None:
        self.page.mouse.move(x, y)

    def screenshot(self, name: str) -> Path:
        return save_screenshot(self.page, name)


@pytest.fixture(scope="module")
def browser():
    with chromium_page() as page:
        yield Browser(page)


@pytest.fixture(scope="module")
def fixture_page(tmp_path_factory) -> Path:
    directory = write_build_dir(tmp_path_factory.mktemp("html") / "kg")
    page = directory / "graph.html"
    write_html(KnowledgeGraph.load(directory), page)
    return page


def _edge_point(browser: Browser, index: int) -> tuple[float, float]:
    """A point on edge ``index`` where that edge, not another, is what the mouse would hit."""
    point = browser.evaluate(
        f"""(() => {{
        const path = document.querySelector("#edges path.hit[data-index='{index}']");
        const length = path.getTotalLength();
        for (const at of [0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8]) {{
            const p = path.getPointAtLength(length * at).matrixTransform(path.getScreenCTM());
            if (document.elementFromPoint(p.x, p.y) === path) return [p.x, p.y];
        }}
        return null;
    }})()"""
    )
    assert point, f"edge {index} is covered by other elements everywhere"
    return point[0], point[1]


def _edge_index(browser: Browser, edge_id: str) -> int:
    index = browser.evaluate(
        "Array.from(document.querySelectorAll('#edges path.edge'))"
        f".findIndex(p => p.dataset.id === {json.dumps(edge_id)})"
    )
    assert index >= 0, f"edge {edge_id} is not drawn"
    return index


def test_fixture_page_draws_every_node_without_errors(browser, fixture_page):
    browser.clear()
    browser.open(fixture_page)
    data = browser.evaluate("JSON.parse(document.getElementById('graph-data').textContent)")
    drawn = browser.evaluate(
        "Array.from(document.querySelectorAll('#nodes .node')).map(g => g.dataset.id)"
    )
    assert sorted(drawn) == sorted(n["id"] for n in data["nodes"])
    assert browser.evaluate("document.querySelectorAll('#edges path.edge').length") == len(
        data["edges"]
    )
    assert browser.errors() == []
    shot = browser.screenshot("graph-fixture.png")
    assert shot.stat().st_size > 10_000


def test_hostile_text_stays_inert_and_shows_as_text(browser, fixture_page):
    browser.clear()
    browser.open(fixture_page)
    assert browser.evaluate("document.title") == "graphbuild: who supports, opposes and meets whom"
    assert browser.evaluate("document.body.dataset.pwned === undefined")
    assert browser.evaluate("document.querySelectorAll('img').length") == 0
    assert browser.evaluate("document.querySelectorAll('script').length") == 2
    titles = browser.evaluate(
        "Array.from(document.querySelectorAll('#nodes title')).map(t => t.textContent)"
    )
    assert f"{EVIL_NAME} (Group)" in titles  # shown literally, markup and all
    # hover the hostile relation: its sentence, title and javascript: URL reach the panel
    browser.hover(*_edge_point(browser, _edge_index(browser, "group:evil|OPPOSES|Q212")))
    panel = browser.evaluate("document.getElementById('details').textContent")
    assert XSS_SCRIPT in panel
    assert (
        browser.evaluate("document.querySelectorAll('#details a').length") == 0
    )  # javascript: URL dropped
    assert browser.evaluate("document.querySelectorAll('#details *').length") > 3
    assert browser.evaluate("document.body.dataset.pwned === undefined")
    assert browser.evaluate("document.querySelectorAll('img, iframe, object, embed').length") == 0
    assert browser.errors() == []
    browser.screenshot("graph-fixture-hover.png")


def test_hover_shows_evidence_with_article_link(browser, fixture_page):
    browser.open(fixture_page)
    browser.hover(*_edge_point(browser, _edge_index(browser, "Q15031|MEETS|Q7747")))
    panel = browser.evaluate("document.getElementById('details').textContent")
    assert "Xi Jinping arrived in Moscow to meet Putin." in panel
    links = browser.evaluate(
        "Array.from(document.querySelectorAll('#details a')).map(a => [a.textContent, a.href])"
    )
    assert links == [["Xi arrives in Moscow", "https://example.org/xi-moscow"]]
    rows = browser.evaluate(
        "Array.from(document.querySelectorAll('#details dt')).map(t => [t.textContent,"
        " t.nextElementSibling.textContent])"
    )
    assert ["events", "1"] in rows and ["sources", "1 outlets, 1 articles"] in rows
    assert ["stance", "0.25 (from \u22121 to +1)"] in rows  # a meeting, no Goldstein score


def test_filters_by_family_kind_date_and_search(browser, fixture_page):
    browser.open(fixture_page)
    shown = (
        "Array.from(document.querySelectorAll('#edges path.edge:not(.hidden)'))"
        ".map(p => p.dataset.id).sort()"
    )
    everything = browser.evaluate(shown)
    assert len(everything) == 10

    def click(selector: str) -> None:
        browser.evaluate(f"document.querySelector({json.dumps(selector)}).click()")

    def set_input(element_id: str, value: str, event: str) -> None:
        browser.evaluate(
            f"(() => {{ const box = document.getElementById({json.dumps(element_id)});"
            f" box.value = {json.dumps(value)};"
            f" box.dispatchEvent(new Event({json.dumps(event)})); }})()"
        )

    click("input[data-family='OPPOSES']")
    assert not [e for e in browser.evaluate(shown) if "|OPPOSES|" in e]
    click("input[data-family='OPPOSES']")
    assert browser.evaluate(shown) == everything

    click("input[data-kind='ATTACKS']")
    without_attacks = browser.evaluate(shown)
    assert "Q159|OPPOSES|Q212" not in without_attacks  # its two statements are both ATTACKS
    assert "Q30|OPPOSES|Q159" in without_attacks  # SANCTIONS stays
    click("input[data-kind='ATTACKS']")

    set_input("date-from", "2023-01-01", "change")
    recent = browser.evaluate(shown)
    assert "Q30|SUPPORTS|Q212" not in recent  # only 2022-02-24
    assert "Q159|OPPOSES|Q212" in recent  # one attack in 2022, one in 2023
    set_input("date-from", "", "change")

    set_input("search", "putin", "input")
    assert browser.evaluate(
        "Array.from(document.querySelectorAll('.node.match')).map(g => g.dataset.id)"
    ) == ["Q7747"]
    set_input("search", "Зеленський", "input")
    assert browser.evaluate(
        "Array.from(document.querySelectorAll('.node.match')).map(g => g.dataset.id)"
    ) == ["person:volodymyr-zelensky"]
    assert browser.errors() == []


def _seed_build_or_skip(request) -> Path:
    from graphbuild.nlp import DEFAULT_MODEL_DIR, MODEL_ENV

    if not (os.environ.get(MODEL_ENV) or DEFAULT_MODEL_DIR.exists()):
        pytest.skip(f"no spaCy pipeline at {DEFAULT_MODEL_DIR} yet: the seed graph cannot be built")
    return request.getfixturevalue("seed_build")


def test_seed_graph_page(browser, request):
    build = _seed_build_or_skip(request)
    page = build / "graph.html"
    assert page.exists(), "graphbuild build did not write graph.html"
    browser.clear()
    browser.open(page)
    kg = KnowledgeGraph.load(build)
    drawn = browser.evaluate(
        "Array.from(document.querySelectorAll('#nodes .node')).map(g => g.dataset.id)"
    )
    linked = {
        end for rel in kg.relations(factual_only=True)
        for end in (rel["subject"]["id"], rel["object"]["id"])
    }  # fmt: skip
    assert set(drawn) == linked  # every linked actor; those with no relation are counted
    isolated = len(set(kg.actors) - linked)
    if isolated:
        assert f"{isolated} with no relation" in browser.evaluate(
            "document.getElementById('status').textContent"
        )
    names = browser.evaluate(
        "Array.from(document.querySelectorAll('#nodes text')).map(t => t.textContent)"
    )
    assert "Xi Jinping" in names and "Vladimir Putin" in names
    meets = browser.evaluate(
        "Array.from(document.querySelectorAll('#edges path.edge[data-family=\"MEETS\"]'))"
        ".map(p => p.dataset.id)"
    )
    assert meets, "the seed graph has no MEETS relation drawn"
    assert browser.errors() == []
    browser.screenshot("graph-seed.png")


def test_requests_have_their_own_filter_and_show_their_codes(browser, tmp_path):
    directory = write_requests_build(tmp_path / "kg")
    page = directory / "graph.html"
    write_html(KnowledgeGraph.load(directory), page)
    browser.clear()
    browser.open(page)
    label = browser.evaluate(
        "document.querySelector(\"input[data-family='REQUESTS']\").parentElement.textContent"
    )
    assert label.strip() == "requests (3)"
    browser.hover(*_edge_point(browser, _edge_index(browser, "Q30|REQUESTS|Q843")))
    panel = browser.evaluate("document.getElementById('details').textContent")
    assert "REQUEST 2" in panel and "Goldstein (mean)-1" in panel
    assert "REQUEST (yield)" in panel and "sectors GOV / MIL" in panel
    shown = (
        "Array.from(document.querySelectorAll('#edges path.edge:not(.hidden)'))"
        ".map(p => p.dataset.id)"
    )
    browser.evaluate("document.querySelector(\"input[data-family='REQUESTS']\").click()")
    assert browser.evaluate(shown) == ["Q668|OPPOSES|Q843"]
    assert browser.errors() == []
    browser.screenshot("graph-requests.png")
