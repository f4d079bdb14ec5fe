"""Expand the user's inputs (files, folders, globs, ``-``) and read each with its format's reader."""

from __future__ import annotations

import glob
import os
import stat
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from ..records import Article
from .dateline import read_dateline
from .encoding import decode
from .feed import read_feed
from .html import read_html
from .language import looks_english
from .problems import Problems
from .records import FieldMap, read_json, read_jsonl
from .text import read_text

STDIN = "-"
TEXT_SUFFIXES = {".txt", ".text"}
MARKDOWN_SUFFIXES = {".md", ".markdown"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSON_SUFFIXES = {".json"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
FEED_SUFFIXES = {".rss", ".atom", ".xml"}
KNOWN_SUFFIXES = (
    TEXT_SUFFIXES
    | MARKDOWN_SUFFIXES
    | HTML_SUFFIXES
    | JSON_SUFFIXES
    | JSONL_SUFFIXES
    | FEED_SUFFIXES
)
MAX_FILE_BYTES = 50 * 1024 * 1024  # larger single files are refused rather than read into memory


@dataclass
class ReadOptions:
    fields: FieldMap = field(default_factory=FieldMap)
    default_date: str | None = None  # --date: used when the source has none
    stdin: BinaryIO | None = None  # for tests; defaults to sys.stdin.buffer
    check_language: bool = True


def resolve_inputs(inputs: Iterable[str], problems: Problems) -> list[str]:
    """Files to read, in a stable order. A missing path or an empty glob is a fatal problem."""
    resolved: list[str] = []
    for item in inputs:
        if item == STDIN:
            resolved.append(STDIN)
            continue
        path = Path(item)
        if path.is_dir():
            resolved.extend(_walk(path, problems))
        elif path.is_file():
            resolved.append(str(path))
        elif glob.has_magic(item):
            matches = sorted(glob.glob(item, recursive=True))
            if not matches:
                problems.add(item, "no files match this pattern", fatal=True)
            for match in matches:
                m = Path(match)
                resolved.extend(_walk(m, problems) if m.is_dir() else [str(m)])
        elif path.exists():
            problems.add(item, "not a regular file or folder", fatal=True)
        else:
            problems.add(item, "no such file or folder", fatal=True)
    return list(dict.fromkeys(resolved))


def _walk(folder: Path, problems: Problems) -> Iterator[str]:
    def onerror(exc: OSError) -> None:
        problems.add(exc.filename or str(folder), f"cannot read folder ({exc.strerror}); skipped")

    for root, dirs, files in os.walk(folder, onerror=onerror):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith(".") and Path(name).suffix.lower() in KNOWN_SUFFIXES:
                yield os.path.join(root, name)


def read_inputs(
    inputs: Iterable[str], problems: Problems, options: ReadOptions | None = None
) -> Iterator[Article]:
    """All articles from all inputs; problems are reported and the bad parts skipped."""
    options = options or ReadOptions()
    for source in resolve_inputs(inputs, problems):
        yield from check_articles(read_source(source, problems, options), source, problems, options)


def check_articles(
    articles: Iterable[Article], source: str, problems: Problems, options: ReadOptions
) -> Iterator[Article]:
    """Drop articles with no text or (unless told otherwise) no English; read the dateline
    (place, date); fill in --date."""
    for article in articles:
        if not article.text.strip():
            problems.add(article.path or source, "no text (empty or whitespace only); skipped")
            continue
        if options.check_language and not looks_english(article.text):
            problems.add(article.path or source, "text does not look like English; skipped")
            continue
        article.place, article.date = read_dateline(
            article.text, article.date, options.default_date
        )
        if article.date is None and options.default_date:
            article.date = options.default_date
        yield article


def read_source(source: str, problems: Problems, options: ReadOptions) -> Iterator[Article]:
    """Articles of one file (or stdin), dispatched on the suffix, or sniffed when there is none."""
    if source == STDIN:
        stream = options.stdin or sys.stdin.buffer
        data, where = stream.read(), "<stdin>"
        suffix = ""
    else:
        where = source
        try:
            info = os.stat(source)
            if not stat.S_ISREG(info.st_mode):  # opening a named pipe would wait forever
                problems.add(where, "not a regular file (a pipe, socket or device); skipped")
                return
            size = info.st_size
            if size > MAX_FILE_BYTES:
                problems.add(
                    where,
                    f"file is {size / 2**20:.0f} MB, over the {MAX_FILE_BYTES // 2**20} MB limit; skipped",
                )
                return
            with open(source, "rb") as handle:
                data = handle.read()
        except OSError as exc:
            problems.add(where, f"cannot read file ({exc.strerror}); skipped")
            return
        suffix = Path(source).suffix.lower()
    yield from read_data(data, where, suffix, problems, options)


def read_data(
    data: bytes, where: str, suffix: str, problems: Problems, options: ReadOptions
) -> Iterator[Article]:
    """Articles of one file's bytes, read as its suffix says (sniffed when unknown).

    ``where`` names the file in records and problems; the Dask engine passes bytes it
    read from any fsspec URL.
    """
    if not data.strip():
        problems.add(where, "file is empty; skipped")
        return
    if b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        problems.add(where, "binary file (contains NUL bytes), not an article; skipped")
        return
    if suffix not in KNOWN_SUFFIXES:
        suffix = _sniff(data)
    if suffix in FEED_SUFFIXES:
        yield from read_feed(data, where, problems)
        return
    text = decode(data, where, problems, markup="html" if suffix in HTML_SUFFIXES else None)
    if suffix in JSONL_SUFFIXES:
        yield from read_jsonl(iter(text.splitlines()), where, options.fields, problems)
    elif suffix in JSON_SUFFIXES:
        yield from read_json(text, where, options.fields, problems)
    elif suffix in HTML_SUFFIXES:
        yield from read_html(text, where)
    else:
        yield from read_text(text, where, markdown=suffix in MARKDOWN_SUFFIXES)


def _sniff(data: bytes) -> str:
    """Guess a format for stdin or a file without a known suffix."""
    head = data.lstrip()[:512].lower()
    if head.startswith(b"<?xml") or head.startswith(b"<rss") or b"<feed" in head[:200]:
        if b"<html" not in head:
            return ".xml"
    if head.startswith(b"<"):
        return ".html"
    if head.startswith(b"["):
        return ".json"
    if head.startswith(b"{"):
        first_line = data.lstrip().split(b"\n", 1)[0].strip()
        return ".jsonl" if first_line.endswith(b"}") else ".json"
    return ".txt"
