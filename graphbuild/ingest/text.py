"""Plain text and Markdown articles: one file, one article.

Markdown may carry YAML-style front matter (``title:``, ``date:``, ``url:``,
``source:``) between ``---`` lines; a leading ``# Heading`` becomes the title.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from ..records import Article
from .dates import date_in_text, parse_date

_FRONT_MATTER = re.compile(r"\A---\s*\n(.*?)\n---\s*\n", re.DOTALL)
_FIELD = re.compile(r"^(title|date|url|source)\s*:\s*(.*?)\s*$", re.MULTILINE | re.IGNORECASE)


def read_text(text: str, where: str, markdown: bool = False) -> Iterator[Article]:
    meta: dict[str, str | None] = {}
    if markdown:
        front = _FRONT_MATTER.match(text)
        if front:
            for key, value in _FIELD.findall(front.group(1)):
                meta[key.lower()] = value.strip().strip("\"'") or None
            text = text[front.end() :]
        heading = re.match(r"\A\s*#\s+(.+?)\s*\n", text)
        if heading and "title" not in meta:
            meta["title"] = heading.group(1)
    meta["date"] = parse_date(meta.get("date")) or date_in_text(Path(where).name)
    yield Article.from_text(text, path=where, **meta)
