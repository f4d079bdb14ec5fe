"""Where benchmark numbers live: a JSON file per benchmark, and its section of RESULTS.md.

Every benchmark script owns one section of RESULTS.md, between
``<!-- BEGIN name -->`` and ``<!-- END name -->`` markers, and rewrites only
that; whatever else the file holds (other engineers' sections) is kept byte
for byte. The raw numbers are kept as JSON beside it, so a run that was cut
off resumes where it stopped and the tables can be redrawn without measuring
again.

Environment (honoured by every script in this folder):
  GRAPHBUILD_BENCH_RESULTS  the Markdown file to write (default benchmarks/RESULTS.md)
  GRAPHBUILD_BENCH_WORK     scratch folder: corpora builds, logs, profiles (default benchmarks/work)
  GRAPHBUILD_BENCH_SMOKE    "1": tiny sizes, results under the work folder, RESULTS.md untouched
"""

from __future__ import annotations

import json
import logging
import os
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

BENCH_DIR = Path(__file__).resolve().parent
ROOT = BENCH_DIR.parent
NOT_MEASURED = "not yet measured"


def smoke() -> bool:
    """True when the run is a quick check of the scripts, not a measurement."""
    return os.environ.get("GRAPHBUILD_BENCH_SMOKE", "") not in ("", "0")


def work_dir() -> Path:
    default = BENCH_DIR / "work" / ("smoke" if smoke() else "")
    path = Path(os.environ.get("GRAPHBUILD_BENCH_WORK") or default)
    path.mkdir(parents=True, exist_ok=True)
    return path


def results_md() -> Path:
    default = work_dir() / "RESULTS.md" if smoke() else BENCH_DIR / "RESULTS.md"
    return Path(os.environ.get("GRAPHBUILD_BENCH_RESULTS") or default)


def data_dir() -> Path:
    """Raw numbers: committed beside RESULTS.md for real runs, scratch for smoke runs."""
    path = work_dir() / "data" if smoke() else BENCH_DIR / "data"
    path.mkdir(parents=True, exist_ok=True)
    return path


def atomic_write(path: Path, text: str) -> None:
    """Write through a temporary name so a reader never sees half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


class ResultStore:
    """A benchmark's measurements, keyed by what was measured; saved after every entry."""

    def __init__(self, name: str):
        self.path = data_dir() / f"{name}.json"
        self.entries: dict[str, Any] = {}
        if self.path.exists():
            try:
                self.entries = json.loads(self.path.read_text(encoding="utf-8"))
            except json.JSONDecodeError:
                logging.warning("%s is not valid JSON; starting afresh", self.path)

    def __contains__(self, key: str) -> bool:
        return key in self.entries

    def get(self, key: str) -> Any:
        return self.entries.get(key)

    def put(self, key: str, value: Any) -> None:
        self.entries[key] = value
        atomic_write(self.path, json.dumps(self.entries, indent=2, sort_keys=True) + "\n")

    def drop(self, key: str) -> None:
        if self.entries.pop(key, None) is not None:
            atomic_write(self.path, json.dumps(self.entries, indent=2, sort_keys=True) + "\n")


# --- RESULTS.md sections ----------------------------------------------------------

HEADER = """\
# graphbuild benchmarks

Measured by `benchmarks/run` (see benchmarks/README.md). Every section below is
written by one script, between its BEGIN/END markers; a script rewrites only
its own section, so sections from other scripts stay as they are.
"""


def _markers(name: str) -> tuple[str, str]:
    return f"<!-- BEGIN {name} -->", f"<!-- END {name} -->"


def write_section(name: str, body: str, after: str | None = None) -> Path:
    """Put ``body`` between ``name``'s markers in RESULTS.md, replacing only that section.

    A new section goes right after the section ``after`` when it exists, else at the end.
    """
    path = results_md()
    text = path.read_text(encoding="utf-8") if path.exists() else HEADER
    begin, end = _markers(name)
    block = f"{begin}\n{body.rstrip()}\n{end}"
    pattern = re.compile(re.escape(begin) + r".*?" + re.escape(end), re.DOTALL)
    if pattern.search(text):
        text = pattern.sub(lambda _: block, text, count=1)
    elif after and _markers(after)[1] in text:
        anchor = _markers(after)[1]
        text = text.replace(anchor, f"{anchor}\n\n{block}", 1)
    else:
        text = text.rstrip() + f"\n\n{block}\n"
    atomic_write(path, text if text.endswith("\n") else text + "\n")
    return path


def table(header: list[str], rows: list[list[Any]]) -> str:
    """A Markdown table."""
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def model_label(model: str | None) -> str:
    from graphbuild.nlp import model_name

    name = model_name(model)
    try:
        return str(Path(name).resolve().relative_to(ROOT))
    except ValueError:
        return name


def model_key(model: str | None) -> str:
    """The model's label plus a fingerprint of its meta.json, so a retrained model is measured anew."""
    import hashlib

    from graphbuild.nlp import model_name

    meta = Path(model_name(model)) / "meta.json"
    if not meta.is_file():
        return model_label(model)
    return f"{model_label(model)}@{hashlib.sha256(meta.read_bytes()).hexdigest()[:8]}"


def code_version() -> str:
    """The commit measured, marked when the working tree differs from it."""
    import subprocess

    def git(*args: str) -> str:
        try:
            done = subprocess.run(["git", "-C", str(ROOT), *args], capture_output=True, text=True)
            return done.stdout.strip()
        except OSError:
            return ""

    commit = git("rev-parse", "--short", "HEAD") or "unknown"
    return commit + ("+changes" if git("status", "--porcelain", "--untracked-files=no") else "")


def setup_logging(name: str) -> Path:
    """Progress lines to the terminal and to ``work/NAME.log`` (appended across resumed runs)."""
    log_path = work_dir() / f"{name}.log"
    logging.basicConfig(
        level=logging.INFO,
        format="%(asctime)s %(message)s",
        datefmt="%H:%M:%S",
        handlers=[
            logging.StreamHandler(sys.stderr),
            logging.FileHandler(log_path, encoding="utf-8"),
        ],
    )
    return log_path


def parse_size(text: str) -> int:
    """'30', '1k', '10k', '100k' -> number of articles."""
    text = text.strip().lower()
    match = re.fullmatch(r"(\d+)(k?)", text)
    if not match:
        raise ValueError(f"bad size {text!r}: use a number of articles such as 50, 1k, 10k")
    return int(match.group(1)) * (1000 if match.group(2) else 1)


def size_label(size: int) -> str:
    return f"{size // 1000}k" if size >= 1000 and size % 1000 == 0 else str(size)


def run_section_benchmark(
    name: str,
    doc: str | None,
    argv: list[str] | None,
    size_option: tuple[str, dict[str, Any]],
    measure: Callable[[Any, ResultStore, bool], None],
    render: Callable[[ResultStore, str], str],
    after: str,
) -> int:
    """The command line shared by the benchmarks that measure one size option and keep
    one RESULTS.md section: ``--SIZE`` and ``--force``, then measure, then render the
    section from every stored measurement (so a run of one size keeps the others' rows)."""
    import argparse

    parser = argparse.ArgumentParser(
        description=doc, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    flag, settings = size_option
    parser.add_argument(flag, **settings)
    parser.add_argument("--force", action="store_true", help="measure again")
    args = parser.parse_args(argv)
    setup_logging(name)
    store = ResultStore(name)
    measure(getattr(args, flag.lstrip("-").replace("-", "_")), store, args.force)
    command = f"python benchmarks/{name}.py" + (" " + " ".join(argv) if argv else "")
    write_section(name, render(store, command), after=after)
    return 0
