"""A run over a folder with bad files in it builds the good ones and names the bad ones at the end.

Through the real command, as a user runs it: ``graphbuild build FOLDER --out DIR``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

GOOD_TEXT = (
    "German Chancellor Olaf Scholz met French President Emmanuel Macron in Paris on Tuesday, "
    "and the two leaders said they would support Ukraine for as long as it takes."
)
GOOD_RSS = f"""<?xml version="1.0"?>
<rss version="2.0"><channel><title>Wire</title>
<item><title>Talks</title><pubDate>Tue, 13 Feb 2024 10:00:00 GMT</pubDate>
<description>{GOOD_TEXT.replace("Paris", "Berlin")}</description></item>
</channel></rss>
"""


def graphbuild(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "graphbuild", *args], capture_output=True, text=True, timeout=180
    )


def make_folder(folder: Path) -> tuple[dict[str, int], list[str]]:
    """Good files (name -> articles each should give) and bad ones (names the summary must list)."""
    folder.mkdir()
    nested = folder / "more" / "deeper"
    nested.mkdir(parents=True)
    (folder / "good.txt").write_text(GOOD_TEXT)
    (nested / "good.md").write_text("# Summit\n\n" + GOOD_TEXT.replace("Tuesday", "Friday"))
    (folder / "wire.xml").write_text(GOOD_RSS)
    lines = [
        json.dumps({"text": GOOD_TEXT.replace("Tuesday", "Monday")}),
        '{"text": "an unterminated record',
        json.dumps({"body": "no text field here"}),
        json.dumps({"text": GOOD_TEXT.replace("Tuesday", "Sunday")}),
    ]
    (folder / "dump.jsonl").write_text("\n".join(lines) + "\n")
    (folder / "latin1.txt").write_bytes(GOOD_TEXT.replace("Macron", "Macrón").encode("latin-1"))
    good = {"good.txt": 1, "good.md": 1, "wire.xml": 1, "dump.jsonl": 2, "latin1.txt": 1}

    (folder / "empty.txt").write_bytes(b"")
    (folder / "blank.md").write_text(" \n\t\n  ")
    (folder / "photo.html").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (nested / "broken.json").write_text('{"articles": [{"text": "cut off')
    (folder / "broken.rss").write_text("<rss><channel><item><description>cut")
    (folder / "huge-nesting.json").write_text("[" * 100_000 + "]" * 100_000)
    (folder / "dangling.txt").symlink_to(folder / "no-such-file.txt")
    os.mkfifo(folder / "pipe.txt")
    bad = [
        "empty.txt", "blank.md", "photo.html", "broken.json", "broken.rss", "huge-nesting.json",
        "dangling.txt", "pipe.txt", "dump.jsonl",
    ]  # fmt: skip
    return good, bad


def listed_at_the_end(stderr: str) -> list[str]:
    """The paths in the closing "N inputs had problems" list."""
    lines = stderr.splitlines()
    start = max(i for i, line in enumerate(lines) if "inputs had problems" in line)
    return [line.strip() for line in lines[start + 1 :] if line.startswith("  ")]


def test_good_files_are_built_and_bad_ones_listed_at_the_end(tmp_path, robustness_model):
    good, bad = make_folder(tmp_path / "news")
    out = tmp_path / "kg"
    done = graphbuild(
        "build", str(tmp_path / "news"), "--out", str(out), "--model", robustness_model
    )
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    articles = [json.loads(line) for line in (out / "articles.jsonl").read_text().splitlines()]
    built = {}
    for article in articles:
        name = Path(article["path"].split("#")[0].rsplit(":", 1)[0]).name
        built[name] = built.get(name, 0) + 1
    assert built == good
    listed = {Path(path).name for path in listed_at_the_end(done.stderr)}
    assert set(bad) <= listed, (set(bad) - listed, done.stderr)
    assert leftovers(tmp_path) == []
    assert not (set(good) - {"dump.jsonl"}) & listed  # clean files are not blamed
    assert any("Macrón" in a["text"] for a in articles)  # Latin-1, decoded, not mangled


def test_a_run_where_every_input_is_bad_says_so_without_a_traceback(tmp_path, robustness_model):
    folder = tmp_path / "junk"
    folder.mkdir()
    (folder / "empty.txt").write_bytes(b"")
    (folder / "nul.txt").write_bytes(b"\x00" * 64)
    out = tmp_path / "kg"
    done = graphbuild("build", str(folder), "--out", str(out), "--model", robustness_model)
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    assert {Path(p).name for p in listed_at_the_end(done.stderr)} == {"empty.txt", "nul.txt"}
    assert "no articles to build from" in done.stderr
    assert not out.exists()  # no empty graph directory


def leftovers(folder: Path) -> list[str]:
    """Staging areas, temporary files and held locks a run must not leave behind."""
    import fcntl

    found = []
    for path in folder.rglob("*"):
        if path.name == ".staging" or path.name.endswith(".tmp"):
            found.append(str(path))
        if path.name == ".graphbuild.lock":
            with open(path) as handle:
                try:
                    fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                except OSError:
                    found.append(f"{path} (still locked)")
    return found


@pytest.mark.parametrize("given", ["nothing", "only-bad", "all-filtered"])
def test_empty_input_writes_no_directory_and_leaves_an_existing_one_alone(
    tmp_path, robustness_model, given
):
    news = tmp_path / "news"
    news.mkdir()
    if given == "only-bad":
        (news / "broken.json").write_text('{"text": "cut')
        (news / "wire.rss").write_text("<rss><channel><item><description>cut")
    elif given == "all-filtered":
        (news / "german.txt").write_text(
            "Die Minister trafen sich am Dienstag in Paris, um über den Krieg in der Ukraine und "
            "die Sanktionen gegen Russland zu sprechen, sagten Beamte nach den Gesprächen. "
            "Sie wollen sich im nächsten Monat wieder in Berlin treffen, hieß es."
        )
    out = tmp_path / "kg"
    done = graphbuild("build", str(news), "--out", str(out), "--model", robustness_model)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "no articles to build from" in done.stderr and "not created" in done.stderr
    assert not out.exists()

    (news / "good.txt").write_text(GOOD_TEXT)
    assert (
        graphbuild("build", str(news), "--out", str(out), "--model", robustness_model).returncode
        == 0
    )
    (news / "good.txt").unlink()
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    done = graphbuild("build", str(news), "--out", str(out), "--model", robustness_model)
    assert done.returncode == 1 and "left as it was" in done.stderr
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before
    assert leftovers(tmp_path) == []


def test_extract_of_empty_input_writes_no_file(tmp_path):
    (tmp_path / "empty.txt").write_text("")
    target = tmp_path / "relations.jsonl"
    done = graphbuild("extract", str(tmp_path / "empty.txt"), "-o", str(target))
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["empty.txt"]


@pytest.mark.skipif(
    os.geteuid() == 0,
    reason="root reads folders whatever their permissions; cannot make one unreadable",
)
def test_an_unreadable_subfolder_is_listed_and_the_rest_built(tmp_path, robustness_model):
    folder = tmp_path / "news"
    locked = folder / "locked"
    locked.mkdir(parents=True)
    (folder / "good.txt").write_text(GOOD_TEXT)
    (locked / "hidden.txt").write_text(GOOD_TEXT.replace("Paris", "Rome"))
    locked.chmod(0)
    try:
        out = tmp_path / "kg"
        done = graphbuild("build", str(folder), "--out", str(out), "--model", robustness_model)
    finally:
        locked.chmod(0o755)
    assert done.returncode == 0, done.stderr
    assert len((out / "articles.jsonl").read_text().splitlines()) == 1
    assert any(Path(p).name == "locked" for p in listed_at_the_end(done.stderr))


@pytest.mark.parametrize("out", ["a-file", "a-file/kg"])
def test_an_out_that_cannot_be_a_folder_is_one_clear_line(tmp_path, out):
    (tmp_path / "a-file").write_text("not a folder")
    (tmp_path / "news.txt").write_text(GOOD_TEXT)
    done = graphbuild("build", str(tmp_path / "news.txt"), "--out", str(tmp_path / out))
    assert done.returncode == 2
    message = done.stderr.strip()
    assert "\n" not in message and "Traceback" not in message
    assert "cannot be the build folder" in message and out in message


def test_an_extract_output_that_cannot_be_written_is_one_clear_line(tmp_path):
    (tmp_path / "news.txt").write_text(GOOD_TEXT)
    target = tmp_path / "no-such-folder" / "relations.jsonl"
    done = graphbuild("extract", str(tmp_path / "news.txt"), "-o", str(target))
    assert done.returncode == 2
    message = done.stderr.strip()
    assert "\n" not in message and "Traceback" not in message and "cannot write there" in message
