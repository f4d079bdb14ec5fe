"""``graphbuild serve``: the real server (uvicorn, started by the CLI) in real headless Chromium.

A reader searches an actor, opens its network, opens a pair of actors and reads
the evidence; filters, the question library and the read-only Cypher box work;
article text full of markup stays text. Screenshots go to tests/artifacts/.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from chromium import chromium_page, screenshot
from test_export_data import EVIL_NAME, XSS_IMG, XSS_SCRIPT, write_build_dir

from graphbuild.graph import KnowledgeGraph
from graphbuild.graph.events import write_events
from graphbuild.stores.embedded import write_store

pytestmark = pytest.mark.browser


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url: str, host: str | None = None) -> tuple[int, str, dict]:
    request = urllib.request.Request(url, headers={"Host": host} if host else {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read().decode(), dict(response.headers)
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode(), dict(exc.headers)


@pytest.fixture(scope="module")
def build(tmp_path_factory) -> Path:
    directory = write_build_dir(tmp_path_factory.mktemp("serve") / "kg")
    write_events(KnowledgeGraph.load(directory), directory / "events.jsonl")  # as a build does
    write_store(KnowledgeGraph.load(directory), directory / "graph.lbug")
    return directory


@pytest.fixture(scope="module")
def server(build) -> str:
    """``graphbuild serve DIR --port N`` in a subprocess; its base URL once it answers."""
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "graphbuild", "serve", str(build), "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            if _get(base + "/")[0] == 200:
                break
        except OSError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            output = process.stdout.read().decode(errors="replace") if process.stdout else ""
            pytest.fail(f"graphbuild serve did not start: {output[-2000:]}")
        time.sleep(0.2)
    yield base
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@pytest.fixture(scope="module")
def page():
    with chromium_page() as instance:
        yield instance


def test_search_ego_network_dyad_and_evidence(server, page):
    page.errors.clear()
    page.goto(server + "/")
    assert "10 actors" in page.inner_text("#totals")
    page.fill("#search-box", "putin")
    page.click("#search-button")
    page.wait_for_selector("#results")
    assert page.locator("#results a.actor-link").all_inner_texts() == ["Vladimir Putin"]
    page.click("#results a.actor-link")
    page.wait_for_selector("svg#ego")
    assert page.inner_text("#actor-name") == "Vladimir Putin"
    drawn = page.eval_on_selector_all("#nodes .node", "gs => gs.map(g => g.dataset.id).sort()")
    assert drawn == ["Q15031", "Q7747", "person:volodymyr-zelensky"]
    edges = page.eval_on_selector_all(
        "#edges path.edge",
        "ps => ps.map(p => [p.dataset.source, p.dataset.family, p.dataset.target]).sort()",
    )
    assert edges == [
        ["Q15031", "MEETS", "Q7747"],
        ["Q7747", "SUPPORTS", "Q15031"],
        ["person:volodymyr-zelensky", "OPPOSES", "Q7747"],
    ]
    # arrows: every edge has a marker coloured like its family
    assert page.eval_on_selector_all(
        "#edges path.edge",
        "ps => ps.every(p => p.getAttribute('marker-end').includes(p.dataset.family))",
    )
    assert sorted(page.locator("#legend div").all_inner_texts()) == [
        "Person", "meets", "opposes", "supports",
    ]  # fmt: skip
    screenshot(page, "serve-actor.png", full_page=True)

    # open the pair Xi Jinping - Putin from the table and read its evidence
    page.click("#pairs tr:has-text('Xi Jinping') >> text=evidence")
    page.wait_for_selector("#evidence")
    assert (
        page.inner_text("#dyad-title") == "Vladimir Putin and Xi Jinping"
        or page.inner_text("#dyad-title") == "Xi Jinping and Vladimir Putin"
    )
    sentences = page.locator("#evidence .sentence").all_inner_texts()
    assert sorted(sentences) == [
        "Putin praised Xi's leadership.",
        "Xi Jinping arrived in Moscow to meet Putin.",
    ]
    links = page.eval_on_selector_all(
        "#evidence a.article", "as => as.map(a => [a.textContent, a.href])"
    )
    assert links == [["Xi arrives in Moscow", "https://example.org/xi-moscow"]] * 2
    # a meeting and a compliment: two events
    assert "2 statements of 2 events from 1 articles of 1 sources" in page.inner_text(
        "#dyad-summary"
    )
    assert page.locator("svg#timeline rect").count() == 2  # March 2023: one meets, one supports
    assert page.errors == []
    screenshot(page, "serve-dyad.png", full_page=True)


def test_filters_and_second_hop(server, page):
    page.errors.clear()
    page.goto(server + "/actor?id=Q212")
    every = page.eval_on_selector_all("#edges path.edge", "ps => ps.map(p => p.dataset.family)")
    assert set(every) == {"SUPPORTS", "OPPOSES"}
    page.select_option("#family", "OPPOSES")
    page.click("#apply")
    page.wait_for_load_state()
    families = page.eval_on_selector_all("#edges path.edge", "ps => ps.map(p => p.dataset.family)")
    assert families and set(families) == {"OPPOSES"}
    page.fill("#from", "2023-01-01")
    page.click("#apply")
    page.wait_for_load_state()
    pairs = page.eval_on_selector_all(
        "#edges path.edge", "ps => ps.map(p => p.dataset.source + '>' + p.dataset.target).sort()"
    )
    assert pairs == [
        "Q159>Q212",
        "group:evil>Q212",
    ]  # the 2022 attack is filtered out, 2023's stays
    assert "1" in page.inner_text("#pairs tr:has-text('Russia') td.num")
    # two hops from Ukraine: China, through its support of Russia (Blinken is a third hop)
    page.goto(server + "/actor?id=Q212")
    assert page.locator("#nodes .ring2").count() == 0
    page.goto(server + "/actor?id=Q212&hops=2")
    second = page.eval_on_selector_all("#nodes .ring2", "gs => gs.map(g => g.dataset.id).sort()")
    assert second == ["Q148"]
    assert page.errors == []
    screenshot(page, "serve-actor-2hops.png", full_page=True)


def test_hostile_text_stays_text(server, page):
    page.errors.clear()
    page.goto(server + "/search?q=evil")
    assert page.locator("#results a.actor-link").all_inner_texts() == [EVIL_NAME]
    page.click("#results a.actor-link")
    page.wait_for_selector("svg#ego")
    page.click("#pairs >> text=evidence")
    page.wait_for_selector("#evidence")
    sentence = page.inner_text("#evidence .sentence")
    assert XSS_SCRIPT in sentence and XSS_IMG in sentence
    source = page.inner_text("#evidence .source")
    assert f"Hostile {XSS_SCRIPT} title" in source
    assert page.locator("#evidence a").count() == 0  # the javascript: URL is no link
    assert page.evaluate("document.body.dataset.pwned === undefined")
    assert page.evaluate("document.title").endswith("Evil " + XSS_IMG + " Front and Ukraine · kg")
    assert page.locator("img, iframe, object, embed, script").count() == 0
    assert page.errors == []


def test_question_library_and_read_only_cypher(server, page, tmp_path):
    page.errors.clear()
    page.goto(server + "/ask")
    assert "who_meets_whom" in page.locator("#questions dt").all_inner_texts()
    page.click("#questions >> text=who_meets_whom")
    page.fill("input[name=actor]", "Putin")
    page.click("#run")
    page.wait_for_selector("#answer")
    assert "Xi Jinping" in page.inner_text("#answer")

    page.goto(server + "/cypher")
    page.fill("#cypher", "MATCH (a:Actor {type: 'Country'}) RETURN a.name AS name ORDER BY name")
    page.click("#run")
    page.wait_for_selector("#answer")
    assert page.locator("#answer td").all_inner_texts() == [
        "China", "Russia", "Ukraine", "United States",
    ]  # fmt: skip
    page.fill("#cypher", "MATCH (a:Actor) DETACH DELETE a")
    page.click("#run")
    page.wait_for_selector("#query-error")
    assert page.locator("#answer").count() == 0
    assert page.inner_text("#query-error").startswith("refused: DETACH")  # the guard, named
    # a read-only store still lets COPY ... TO write a file: the guard refuses it first
    target = tmp_path / "leak.csv"
    page.fill("#cypher", f"COPY (MATCH (a:Actor) RETURN a.name) TO '{target}'")
    page.click("#run")
    page.wait_for_selector("#query-error")
    assert "COPY" in page.inner_text("#query-error") and not target.exists()
    page.goto(server + "/cypher?q=MATCH+(a:Actor)+RETURN+count(a)")
    assert page.inner_text("#answer td") == "10"  # nothing was deleted
    assert page.errors == []


def test_only_this_machine_and_no_scripts(server):
    status, _, headers = _get(server + "/")
    assert status == 200
    policy = headers["content-security-policy"]
    assert "default-src 'none'" in policy and "script-src" not in policy
    assert _get(server + "/", host="attacker.example")[0] == 400  # DNS rebinding refused
    assert _get(server + "/actor?id=nobody")[0] == 404
    status, body, _ = _get(server + "/dyad?a=Q159&b=nobody")
    assert status == 404 and "nobody" in body


def test_serve_refuses_a_directory_without_store(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "graphbuild", "serve", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert "no embedded store" in result.stderr and str(tmp_path) in result.stderr
