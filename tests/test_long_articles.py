"""One very long article: cut at sentence ends into bounded parts, with progress on stderr.

Memory and time for 1, 5 and 20 MB are measured in benchmarks/long_article.py; these
tests check the behaviour that keeps them bounded.
"""

from __future__ import annotations

import logging
import re
import signal
import subprocess
import sys
from pathlib import Path

from graphbuild import pipeline
from graphbuild.cli import main
from graphbuild.pipeline import _char_batches, split_parts

ROOT = Path(__file__).resolve().parent.parent

# Written for these tests; one line, no paragraph or line breaks to cut at.
SENTENCES = [
    "President Joe Biden met Chancellor Olaf Scholz in Washington on day {n}.",
    "The talks covered energy, trade and the war in Ukraine.",
    "Mr. Scholz said Germany would keep supporting Kyiv.",
    'Officials called the meeting "constructive" and planned another round.',
    "Was the deal final? Not yet, aides said, but it was close!",
]


def wire_line(chars: int) -> str:
    out, n = [], 0
    while sum(len(s) + 1 for s in out) < chars:
        out.append(SENTENCES[n % len(SENTENCES)].format(n=n))
        n += 1
    return " ".join(out)


def test_a_single_line_is_cut_at_sentence_ends_into_bounded_parts():
    text = wire_line(300_000)
    assert "\n" not in text
    parts = split_parts(text)
    assert len(parts) >= 300_000 // pipeline.PART_CHARS
    assert "".join(part for _, part in parts) == text
    assert all(text[offset : offset + len(part)] == part for offset, part in parts)
    assert all(len(part) <= pipeline.PART_CHARS for _, part in parts)
    for _, part in parts[:-1]:  # every cut follows . ! ? (or a closing quote) and a space
        assert re.search(r"[.!?][\"']?\s$", part), part[-40:]


def test_batches_never_hold_more_than_the_character_budget():
    pieces = [(part, i) for i, (_, part) in enumerate(split_parts(wire_line(400_000)))]
    pieces += [("A short article about talks.", "short")] * 40
    batches = list(_char_batches(pieces, 32, pipeline.BATCH_CHARS))
    assert [p for batch in batches for p in batch] == pieces  # nothing lost, order kept
    for batch in batches:
        assert len(batch) <= 32
        assert len(batch) == 1 or sum(len(t) for t, _ in batch) <= pipeline.BATCH_CHARS


def test_progress_lines_while_a_long_article_is_parsed(tmp_path, monkeypatch, caplog):
    monkeypatch.setattr(pipeline, "PART_CHARS", 1_000)
    monkeypatch.setattr(pipeline, "PROGRESS_SECONDS", 0.0)  # a line for every part
    article = tmp_path / "wire.txt"
    article.write_text(wire_line(4_500) + "\n")
    caplog.set_level(logging.INFO, logger="graphbuild")
    argv = ["extract", str(article), "-o", str(tmp_path / "out.jsonl"), "--workers", "1"]
    assert main(argv) == 0  # one process, so the log records are this one's
    lines = [r.getMessage() for r in caplog.records if r.getMessage().startswith(str(article))]
    parts = len(split_parts(article.read_text()))
    assert lines[0] == f"{article}: 0.0 M characters, parsing in {parts} parts"
    assert [int(m.group(1)) for line in lines if (m := re.search(r"part (\d+) of", line))] == list(
        range(1, parts)
    )
    assert re.fullmatch(rf"{re.escape(str(article))}: {parts} parts parsed in \d+ s", lines[-1])


def test_progress_goes_to_stderr_when_it_is_not_a_terminal(tmp_path):
    article = tmp_path / "wire.txt"
    article.write_text(wire_line(pipeline.PART_CHARS + 8_000) + "\n")
    done = subprocess.run(
        [sys.executable, "-m", "graphbuild", "extract", str(article)],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr
    assert f"{article}: 0.1 M characters, parsing in 2 parts" in done.stderr
    assert re.search(rf"{re.escape(str(article))}: 2 parts parsed in \d+ s", done.stderr)
    assert done.stdout.strip(), "relations are still written"


def test_a_build_stopped_with_sigterm_leaves_no_staging_folder(tmp_path):
    article = tmp_path / "wire.txt"
    article.write_text(wire_line(6 * pipeline.PART_CHARS) + "\n")
    out = tmp_path / "kg"
    build = subprocess.Popen(
        [sys.executable, "-m", "graphbuild", "build", str(article), "--out", str(out),
         "--workers", "1"],
        stderr=subprocess.PIPE, text=True, cwd=ROOT,
    )  # fmt: skip
    for line in build.stderr:  # stop it while it parses, staging folder open
        if "parsing in" in line:
            assert (out / ".staging").exists()
            build.send_signal(signal.SIGTERM)
            break
    rest = build.stderr.read()
    assert build.wait(timeout=120) == 130, rest
    assert "interrupted; the output directory is unchanged" in rest
    assert not (out / ".staging").exists() and not (out / "articles.jsonl").exists()
