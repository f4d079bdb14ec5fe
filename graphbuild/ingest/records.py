"""JSON and JSON Lines records with ``text``, ``title``, ``date``, ``url``, ``source``.

Field names are configurable (``FieldMap``), because every news dump names them
differently. A ``.json`` file may hold one record, a list of records, or an
object with a list under ``articles``/``items``/``data``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ..records import Article
from .dates import parse_date
from .problems import Problems


@dataclass(frozen=True)
class FieldMap:
    text: str = "text"
    title: str = "title"
    date: str = "date"
    url: str = "url"
    source: str = "source"

    @classmethod
    def parse(cls, spec: str | None) -> FieldMap:
        """From "text=body,date=published_at" style option values."""
        if not spec:
            return cls()
        pairs = {}
        for item in spec.split(","):
            key, sep, value = item.partition("=")
            if not sep or key.strip() not in cls.__dataclass_fields__ or not value.strip():
                raise ValueError(
                    f"bad field mapping {item!r}: use NAME=FIELD with NAME one of "
                    f"{', '.join(cls.__dataclass_fields__)}"
                )
            pairs[key.strip()] = value.strip()
        return cls(**pairs)


def _lookup(record: dict, name: str) -> Any:
    """A field by name, with dots reaching into nested objects ("meta.published")."""
    value: Any = record
    for part in name.split("."):
        if not isinstance(value, dict):
            return None
        value = value.get(part)
    return value


#: field names news dumps use for the article body, most common first (compared in lower case)
BODY_FIELDS = (
    "body", "content", "article", "story", "full_text", "fulltext", "text_body", "body_text",
    "article_text", "articlebody", "maintext", "main_text", "plain_text", "description",
)  # fmt: skip
_BODY_HOLDERS = ("article", "content", "data", "item", "doc", "document", "_source", "fields")


def body_field(record: dict, depth: int = 2) -> str | None:
    """A field of ``record`` that looks like the article body, as a --fields path ("body", "doc.content")."""
    names = {key.lower(): key for key in record if isinstance(key, str)}
    for name in BODY_FIELDS:
        key = names.get(name)
        if key is not None and isinstance(record[key], str) and record[key].strip():
            return key
    for name in _BODY_HOLDERS if depth > 1 else ():
        key = names.get(name)
        if key is not None and isinstance(record[key], dict):
            inner = body_field(record[key], depth - 1)
            if inner is not None:
                return f"{key}.{inner}"
    return None


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def _unreadable_json(exc: BaseException) -> str:
    """Why valid-looking JSON still cannot be read (json raises these besides JSONDecodeError)."""
    if isinstance(exc, RecursionError):
        return "invalid JSON (nested too deeply to read)"
    return f"invalid JSON ({str(exc).split(';')[0]})"  # e.g. an integer of thousands of digits


def _clean(value: str, where: str, problems: Problems) -> str:
    """JSON may escape lone UTF-16 surrogates ("\\ud800"), which no UTF-8 file can hold."""
    if _LONE_SURROGATE.search(value) is None:
        return value
    problems.add(where, "lone surrogate escapes (\\uD800-\\uDFFF) replaced with U+FFFD")
    return _LONE_SURROGATE.sub("\ufffd", value)


def record_to_article(
    record: Any, where: str, fields: FieldMap, problems: Problems
) -> Article | None:
    if not isinstance(record, dict):
        problems.add(where, f"expected a JSON object, got {type(record).__name__}; skipped")
        return None
    text = _lookup(record, fields.text)
    if not isinstance(text, str):
        hint = body_field(record)
        if hint is not None and hint != fields.text:
            problems.add(
                where,
                f"record has no string field {fields.text!r}, but it has {hint!r}: "
                f"try --fields text={hint}; skipped",
            )
        else:
            problems.add(where, f"record has no string field {fields.text!r}; skipped")
        return None

    def opt(name: str) -> str | None:
        value = _lookup(record, name)
        return None if value in (None, "") else _clean(str(value), where, problems)

    return Article.from_text(
        _clean(text, where, problems),
        title=opt(fields.title),
        date=parse_date(_lookup(record, fields.date)),
        url=opt(fields.url),
        source=opt(fields.source),
        path=where,
    )


def read_jsonl(
    lines: Iterator[str], where: str, fields: FieldMap, problems: Problems, first_line: int = 1
) -> Iterator[Article]:
    """Articles of JSON Lines; ``first_line`` numbers the first line (a byte range of a file)."""
    for number, line in enumerate(lines, start=first_line):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            problems.add(
                f"{where}:{number}", f"invalid JSON ({exc.msg}, column {exc.colno}); line skipped"
            )
            continue
        except (RecursionError, ValueError) as exc:
            problems.add(f"{where}:{number}", f"{_unreadable_json(exc)}; line skipped")
            continue
        article = record_to_article(record, f"{where}:{number}", fields, problems)
        if article is not None:
            yield article


def read_json(text: str, where: str, fields: FieldMap, problems: Problems) -> Iterator[Article]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        problems.add(
            f"{where}:{exc.lineno}", f"invalid JSON ({exc.msg}, column {exc.colno}); file skipped"
        )
        return
    except (RecursionError, ValueError) as exc:
        problems.add(where, f"{_unreadable_json(exc)}; file skipped")
        return
    if isinstance(data, dict):
        for key in ("articles", "items", "data", "records"):
            if isinstance(data.get(key), list):
                data = data[key]
                break
    records = data if isinstance(data, list) else [data]
    for index, record in enumerate(records):
        label = f"{where}#{index}" if isinstance(data, list) else where
        article = record_to_article(record, label, fields, problems)
        if article is not None:
            yield article
