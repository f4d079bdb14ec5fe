"""Shards: the units of work of a distributed build, and the files that hold their results.

A shard is a run of input pieces in input order: whole files (small ones grouped
until the shard holds about ``shard_bytes``) or byte ranges of a large JSON Lines
file, cut after a newline, with the number of the range's first line so records
keep the ``file:line`` names a local build gives them. Inputs are local paths or
fsspec URLs (``s3://``, ``gs://``, ``file://``), so workers can read from object
storage.

A shard's results are one JSON Lines file, written under a temporary name and
renamed when complete: a result file that exists is a finished shard, which is what
lets a killed build resume. Its name is a hash of the pieces (with each file's size
and modification time), the model, graphbuild's version, the read options and the
ids the build directory already had, so a changed input or setting is extracted
anew, never read from a stale file.
"""

from __future__ import annotations

import glob
import hashlib
import json
import os
import socket
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass
from pathlib import PurePosixPath
from typing import Any

import fsspec

from .. import __version__
from ..ingest import Problems, ReadOptions, resolve_inputs
from ..ingest.records import read_jsonl
from ..ingest.sources import (
    JSONL_SUFFIXES,
    KNOWN_SUFFIXES,
    STDIN,
    check_articles,
    read_data,
    read_source,
)
from ..nlp import model_name
from ..records import Actor, Article, ArticleResult, Mention

DEFAULT_SHARD_BYTES = 16 * 2**20  # about 4,000 news articles: minutes of work per core
MAX_FILES_PER_SHARD = 1000
SCAN_BLOCK = 4 * 2**20  # bytes read at a time when cutting a large JSONL file into ranges


def is_url(source: str) -> bool:
    return "://" in source


@dataclass(frozen=True)
class Piece:
    """A whole file (``end`` None) or the bytes ``[start, end)`` of a JSON Lines file."""

    source: str
    size: int
    stamp: str  # modification time (or ETag): a changed file is a new piece
    start: int = 0
    end: int | None = None
    first_line: int = 1

    def label(self) -> str:
        return self.source if self.end is None else f"{self.source}[{self.start}:{self.end}]"


@dataclass(frozen=True)
class Shard:
    index: int
    pieces: tuple[Piece, ...]

    def key(self, run_key: str) -> str:
        text = json.dumps([run_key, [asdict(p) for p in self.pieces]], sort_keys=True)
        return hashlib.sha256(text.encode("utf-8")).hexdigest()[:24]

    def label(self) -> str:
        first, last = self.pieces[0].label(), self.pieces[-1].label()
        return first if len(self.pieces) == 1 else f"{first} .. {last} ({len(self.pieces)} pieces)"


def run_key(model: str | None, options: ReadOptions, known: Iterable[str]) -> str:
    """What, besides the pieces, decides a shard's results."""
    digest = hashlib.sha256()
    for article_id in sorted(known):
        digest.update(article_id.encode("ascii", "replace") + b"\n")
    settings = {
        "graphbuild": __version__,
        "model": model_name(model),
        "fields": asdict(options.fields),
        "default_date": options.default_date,
        "check_language": options.check_language,
        "known": digest.hexdigest(),
    }
    return json.dumps(settings, sort_keys=True)


# --- inputs ------------------------------------------------------------------------


def expand_inputs(inputs: Iterable[str], problems: Problems) -> list[str]:
    """Files to read, in a stable order: local inputs as a local build expands them,
    URLs through fsspec (a folder recursively, a glob, or one object)."""
    resolved: list[str] = []
    for item in inputs:
        if item == STDIN:
            problems.add(item, "stdin cannot be split into shards; use --engine local", fatal=True)
        elif not is_url(item):
            resolved.extend(resolve_inputs([item], problems))
        else:
            resolved.extend(_expand_url(item, problems))
    return list(dict.fromkeys(resolved))


def _readable(path: str) -> bool:
    name = PurePosixPath(path).name
    return not name.startswith(".") and PurePosixPath(name).suffix.lower() in KNOWN_SUFFIXES


def _expand_url(url: str, problems: Problems) -> list[str]:
    fs, path = fsspec.core.url_to_fs(url)
    try:
        if fs.isdir(path):
            found = [p for p in fs.find(path) if _readable(p) and not _hidden(p, path)]
            found.sort(key=lambda p: _walk_order(p, path))
        elif glob.has_magic(path):
            found = sorted(p for p in fs.glob(path) if fs.isfile(p))
            if not found:
                problems.add(url, "no files match this pattern", fatal=True)
        elif fs.isfile(path):
            found = [path]
        else:
            problems.add(url, "no such file or folder", fatal=True)
            found = []
    except OSError as exc:
        problems.add(url, f"cannot list ({exc})", fatal=True)
        return []
    return [fs.unstrip_protocol(p) for p in found]


def _walk_order(path: str, root: str) -> tuple:
    """Sort key giving ``os.walk``'s order, as a local folder is read: a folder's files
    (by name) before its subfolders (by name)."""
    parts = PurePosixPath(path).relative_to(PurePosixPath(root)).parts
    return tuple((1, d) for d in parts[:-1]) + ((0, parts[-1]),)


def _hidden(path: str, root: str) -> bool:
    relative = PurePosixPath(path).relative_to(PurePosixPath(root)) if path != root else None
    return bool(relative) and any(part.startswith(".") for part in relative.parts[:-1])


def filesystem(source: str):
    """(fsspec filesystem, path) of a local path or URL."""
    return fsspec.core.url_to_fs(source)


def _stamp(info: dict[str, Any]) -> str:
    for name in ("mtime", "LastModified", "updated", "ETag", "etag"):
        if info.get(name) is not None:
            return str(info[name])
    return ""


def plan_shards(sources: list[str], shard_bytes: int = DEFAULT_SHARD_BYTES) -> list[Shard]:
    """Shards of about ``shard_bytes`` each, in input order.

    Small files are grouped; a JSON Lines file larger than ``shard_bytes`` is cut into
    byte ranges after newlines (read once, here, to number each range's first line).
    """
    shards: list[Shard] = []
    group: list[Piece] = []
    held = 0

    def close() -> None:
        nonlocal group, held
        if group:
            shards.append(Shard(len(shards), tuple(group)))
            group, held = [], 0

    for source in sources:
        fs, path = filesystem(source)
        info = fs.info(path)
        size, stamp = int(info.get("size") or 0), _stamp(info)
        suffix = PurePosixPath(path).suffix.lower()
        if suffix in JSONL_SUFFIXES and size > shard_bytes and not _utf16(fs, path):
            close()
            for start, end, first_line in _jsonl_ranges(fs, path, shard_bytes):
                shards.append(
                    Shard(len(shards), (Piece(source, size, stamp, start, end, first_line),))
                )
            continue
        if group and (held + size > shard_bytes or len(group) >= MAX_FILES_PER_SHARD):
            close()
        group.append(Piece(source, size, stamp))
        held += size
    close()
    return shards


def _jsonl_ranges(fs, path: str, shard_bytes: int) -> Iterator[tuple[int, int, int]]:
    """(start, end, first line) of ranges of about ``shard_bytes``, each ending after a newline.

    Lines are counted as ``str.splitlines`` counts them, as the local reader does.
    """
    start, line, pending, eof = 0, 1, b"", False
    with fs.open(path, "rb") as handle:

        def more() -> None:
            nonlocal pending, eof
            block = handle.read(SCAN_BLOCK)
            eof = not block
            pending += block

        while pending or not eof:
            while len(pending) < shard_bytes and not eof:
                more()
            cut = pending.find(b"\n", shard_bytes - 1)
            while cut == -1 and not eof:
                more()
                cut = pending.find(b"\n", shard_bytes - 1)
            if cut == -1:
                cut = len(pending) - 1
            if cut < 0:
                break
            chunk, pending = pending[: cut + 1], pending[cut + 1 :]
            end = start + len(chunk)
            yield start, end, line
            line += len(_decode(chunk, start == 0).splitlines())
            start = end


def _utf16(fs, path: str) -> bool:
    """A UTF-16 file cannot be cut at byte 0x0A; it is read whole, as a local build reads it."""
    with fs.open(path, "rb") as handle:
        return handle.read(2) in (b"\xff\xfe", b"\xfe\xff")


def _decode(data: bytes, first: bool) -> str:
    return data.decode("utf-8-sig" if first else "utf-8", errors="replace")


# --- reading a shard ------------------------------------------------------------------


def read_shard(shard: Shard, problems: Problems, options: ReadOptions) -> Iterator[Article]:
    """The articles of every piece of ``shard``, checked as a local build checks them."""
    for piece in shard.pieces:
        yield from check_articles(
            _read_piece(piece, problems, options), piece.source, problems, options
        )


def _read_piece(piece: Piece, problems: Problems, options: ReadOptions) -> Iterator[Article]:
    if piece.end is None and not is_url(piece.source):
        yield from read_source(piece.source, problems, options)  # exactly the local reader
        return
    fs, path = filesystem(piece.source)
    suffix = PurePosixPath(path).suffix.lower()
    try:
        if piece.end is None:
            data = fs.cat_file(path)
        else:
            with fs.open(path, "rb") as handle:
                handle.seek(piece.start)
                data = handle.read(piece.end - piece.start)
    except OSError as exc:
        problems.add(piece.source, f"cannot read file ({exc}); skipped")
        return
    if piece.end is None:
        yield from read_data(data, piece.source, suffix, problems, options)
        return
    try:
        text = data.decode("utf-8-sig" if piece.start == 0 else "utf-8")
    except UnicodeDecodeError as exc:
        problems.add(
            piece.source,
            f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {piece.start + exc.start}); "
            "undecodable bytes replaced with U+FFFD",
        )
        text = data.decode("utf-8", errors="replace")
    yield from read_jsonl(
        iter(text.splitlines()), piece.source, options.fields, problems, piece.first_line
    )


# --- result files -------------------------------------------------------------------


def _dump(record: dict[str, Any]) -> str:
    return json.dumps(record, ensure_ascii=False) + "\n"


class ShardWriter:
    """Writes one shard's result file under a temporary name; ``commit`` renames it."""

    def __init__(self, target: str):
        self.fs, self.path = filesystem(target)
        self.tmp = f"{self.path}.{socket.gethostname()}-{os.getpid()}.tmp"
        parent = self.path.rsplit("/", 1)[0]
        self.fs.makedirs(parent, exist_ok=True)
        self.handle = self.fs.open(self.tmp, "w", encoding="utf-8")

    def result(self, result: ArticleResult) -> None:
        article = result.article
        self.handle.write(
            _dump(
                {
                    "article": article.to_dict(),
                    "actors": [actor.to_dict() for actor in result.actors],
                    "mentions": [m.to_dict(article.id) for m in result.mentions],
                    "relations": result.relations,
                    "warnings": result.warnings,
                }
            )
        )

    def known(self, article_id: str) -> None:
        """An article the build directory had already: counted, not extracted."""
        self.handle.write(_dump({"known": article_id}))

    def commit(self, problems: Problems) -> None:
        self.handle.write(
            _dump(
                {"done": True, "problems": [[p.where, p.message, p.fatal] for p in problems.items]}
            )
        )
        self.handle.close()
        self.fs.mv(self.tmp, self.path)

    def abort(self) -> None:
        self.handle.close()
        self.fs.rm(self.tmp)


def shard_done(target: str) -> bool:
    fs, path = filesystem(target)
    return fs.exists(path)


def read_results(target: str, problems: Problems) -> Iterator[ArticleResult | str]:
    """The records of a finished shard: ArticleResults, or the id of an article the
    directory already had; the shard's reading problems go to ``problems``."""
    fs, path = filesystem(target)
    with fs.open(path, "r", encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            if "known" in record:
                yield record["known"]
            elif record.get("done"):
                for where, message, fatal in record["problems"]:
                    problems.add(where, message, fatal)
            else:
                yield ArticleResult(
                    Article(**record["article"]),
                    [Actor.from_dict(a) for a in record["actors"]],
                    [_mention(m) for m in record["mentions"]],
                    record["relations"],
                    record["warnings"],
                )


_MENTION_FIELDS = set(Mention.__dataclass_fields__)


def _mention(record: dict[str, Any]) -> Mention:
    """A Mention back from its ``to_dict`` form (whatever fields it has grown)."""
    return Mention(**{k: v for k, v in record.items() if k in _MENTION_FIELDS})
