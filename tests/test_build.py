"""The main job end to end: outputs, schemas, idempotence, increments, workers, CLI behaviour."""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import graphbuild
from graphbuild.graph.knowledge_graph import iter_jsonl
from graphbuild.pipeline import extract_articles, split_parts
from graphbuild.records import Article
from graphbuild.schemas import SCHEMAS, validation_errors

SEEDS = Path(__file__).resolve().parent.parent / "seeds"

MORE_NEWS = {
    "summit-2024-07-10.txt": (
        "NATO leaders met in Washington on Wednesday. President Joe Biden hosted German Chancellor "
        "Olaf Scholz at the White House, and Scholz praised Biden's leadership of the alliance."
    ),
    "sanctions-2022-03-01.txt": (
        "The European Union imposed new sanctions on Russia on Tuesday. Ukrainian President "
        "Volodymyr Zelensky condemned Russia's attack on Kharkiv and thanked Poland for its support."
    ),
    "un-2023-09-20.txt": (
        "At the United Nations General Assembly, Brazilian President Luiz Inacio Lula da Silva "
        "criticized the sanctions imposed on Cuba. He later met Chinese Premier Li Qiang in New York."
    ),
}


def run_cli(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "graphbuild", *args],
        capture_output=True,
        text=True,
        input=stdin,
        timeout=600,
    )


def digest(directory: Path) -> dict[str, str]:
    """Content hash of every file in a build directory (skipping the lock file)."""
    return {
        str(p.relative_to(directory)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(directory.rglob("*"))
        if p.is_file() and p.name != ".graphbuild.lock"
    }


@pytest.fixture(scope="module")
def news_folder(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("news")
    for name, text in MORE_NEWS.items():
        (folder / name).write_text(text)
    (folder / "seed.txt").write_text(next(SEEDS.glob("*.txt")).read_text())
    return folder


def test_seed_build_writes_every_output_and_they_validate(seed_build):
    for name in [*SCHEMAS, "build.json"]:
        assert (seed_build / name).exists(), name
    for name in SCHEMAS:
        assert validation_errors(seed_build / name) == [], name
    assert sum(1 for _ in iter_jsonl(seed_build / "relations.jsonl")) > 0
    assert not (seed_build / ".staging").exists()


def test_every_relation_points_at_its_evidence(seed_build):
    texts = {a["id"]: a["text"] for a in iter_jsonl(seed_build / "articles.jsonl")}
    for rel in iter_jsonl(seed_build / "relations.jsonl"):
        text = texts[rel["article_id"]]
        assert text[rel["start"] : rel["end"]] == rel["sentence"]
        trigger = rel.get("trigger")
        if trigger:
            assert text[trigger["start"] : trigger["end"]] == trigger["text"]
            assert rel["start"] <= trigger["start"] and trigger["end"] <= rel["end"]


def test_rebuild_on_the_same_inputs_changes_nothing(tmp_path):
    out = tmp_path / "kg"
    graphbuild.build([str(SEEDS)], out=out, workers=1)
    before = digest(out)
    graphbuild.build([str(SEEDS)], out=out, workers=1)
    assert digest(out) == before


def test_new_inputs_are_added_to_what_the_directory_holds(tmp_path, news_folder):
    out = tmp_path / "kg"
    graphbuild.build([str(news_folder / "seed.txt")], out=out, workers=1)
    first_relations = {r["id"] for r in iter_jsonl(out / "relations.jsonl")}
    graphbuild.build([str(news_folder)], out=out, workers=1)
    articles = list(iter_jsonl(out / "articles.jsonl"))
    relations = [r["id"] for r in iter_jsonl(out / "relations.jsonl")]
    assert len(articles) == len(MORE_NEWS) + 1
    assert len({a["id"] for a in articles}) == len(articles)
    assert first_relations <= set(relations) and len(relations) == len(set(relations))
    actor_ids = [a["id"] for a in iter_jsonl(out / "actors.jsonl")]
    assert len(actor_ids) == len(set(actor_ids))


def test_two_workers_give_exactly_the_output_of_one(tmp_path, news_folder):
    one, two = tmp_path / "one", tmp_path / "two"
    skip = ["store", "rdf", "graphml", "html"]
    graphbuild.build([str(news_folder)], out=one, workers=1, skip_outputs=skip)
    graphbuild.build([str(news_folder)], out=two, workers=2, skip_outputs=skip)
    for name in ("articles.jsonl", "actors.jsonl", "relations.jsonl", "mentions.jsonl"):
        assert (one / name).read_bytes() == (two / name).read_bytes(), name


def _handles_in_python(pid: int, signum: int) -> bool:
    """Whether process ``pid`` catches ``signum`` with a handler (Linux: SigCgt in /proc)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("SigCgt:"):
            return bool(int(line.split()[1], 16) >> (signum - 1) & 1)
    raise AssertionError(f"no SigCgt line for {pid}")


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads /proc")
def test_extraction_workers_leave_sigterm_to_the_kernel():
    """The build CLI turns SIGTERM into KeyboardInterrupt with a Python handler. A worker that
    kept it could miss the SIGTERM of Pool.terminate() (one landing just before it blocks on
    the queue lock), and the build then waited for ever after writing its output."""
    previous = signal.signal(signal.SIGTERM, lambda signum, frame: None)
    try:
        articles = [Article.from_text(text) for text in MORE_NEWS.values()]
        results = extract_articles(articles, workers=2)
        next(results)  # the pool is up, and stays up until the results are read
        deadline = time.monotonic() + 30
        while True:
            workers = multiprocessing.active_children()
            catching = [p.pid for p in workers if _handles_in_python(p.pid, signal.SIGTERM)]
            if workers and not catching or time.monotonic() > deadline:
                break
            time.sleep(0.2)
        list(results)
    finally:
        signal.signal(signal.SIGTERM, previous)
    assert len(workers) == 2
    assert catching == [], "workers still handle SIGTERM in Python"


def test_split_parts_covers_the_text_exactly():
    text = ("A sentence about talks. " * 50 + "\n\n") * 200
    parts = split_parts(text, limit=5_000)
    assert len(parts) > 1
    assert "".join(p for _, p in parts) == text
    assert all(text[offset : offset + len(part)] == part for offset, part in parts)
    assert all(len(part) <= 5_000 for _, part in parts)


def test_long_article_offsets_survive_parts(tmp_path, monkeypatch):
    from graphbuild import pipeline

    monkeypatch.setattr(pipeline, "PART_CHARS", 400)
    text = "\n\n".join(MORE_NEWS.values()) + "\n\n" + "\n\n".join(MORE_NEWS.values())
    result = pipeline.get_extractor().process(
        graphbuild.records.Article.from_text(text, path="long.txt")
    )
    assert result.warnings and "parts" in result.warnings[0]
    for mention in result.mentions:
        assert text[mention.start : mention.end] == mention.text
    for rel in result.relations:
        assert text[rel["start"] : rel["end"]] == rel["sentence"]


def test_cli_build_summary_and_missing_input(tmp_path):
    out = tmp_path / "kg"
    done = run_cli("build", str(SEEDS), "--out", str(out), "--workers", "1", "--skip", "html")
    assert done.returncode == 0, done.stderr
    assert "1 articles read: 1 new" in done.stderr and "relations (" in done.stderr
    missing = run_cli("build", str(tmp_path / "nope"), "--out", str(out))
    assert missing.returncode == 2
    assert (
        missing.stderr.strip().count("\n") == 0 and "nope: no such file or folder" in missing.stderr
    )


def test_cli_extract_streams_valid_jsonl_from_stdin_and_to_a_file(tmp_path):
    text = next(iter(MORE_NEWS.values()))
    done = run_cli("extract", "-", "--date", "2024-07-10", stdin=text)
    assert done.returncode == 0, done.stderr
    lines = [json.loads(line) for line in done.stdout.splitlines()]
    assert lines and all(r["date"] == "2024-07-10" for r in lines)
    target = tmp_path / "rels.jsonl"
    done = run_cli("extract", str(SEEDS), "-o", str(target))
    assert done.returncode == 0, done.stderr
    assert validation_errors(target, "relations.jsonl") == []
    assert not list(tmp_path.glob(".*.tmp"))


def test_cli_reports_a_model_that_cannot_load(tmp_path):
    done = run_cli("extract", str(SEEDS), "--model", str(tmp_path / "no-such-model"))
    assert done.returncode == 2
    assert "cannot load spaCy pipeline" in done.stderr and "Traceback" not in done.stderr


def test_a_corrupt_build_file_is_named_with_its_line(tmp_path):
    out = tmp_path / "kg"
    graphbuild.build([str(SEEDS)], out=out, workers=1, skip_outputs=["html", "rdf", "graphml"])
    with open(out / "relations.jsonl", "a", encoding="utf-8") as handle:
        handle.write('{"broken": \n')
    lines = (out / "relations.jsonl").read_text().count("\n")
    done = run_cli("export", str(out), "--format", "json", "-o", str(tmp_path / "g.json"))
    assert done.returncode == 1
    assert (
        f"relations.jsonl:{lines}: not valid JSON" in done.stderr and "Traceback" not in done.stderr
    )
