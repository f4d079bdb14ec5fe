"""HTML pages: the main text only, through trafilatura (boilerplate, menus and scripts removed)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from ..records import Article
from .dates import date_in_text, parse_date


def html_to_text(html: str) -> tuple[str, dict]:
    """Main text and metadata (title, date, url, sitename) of an HTML document."""
    import trafilatura

    try:
        doc = trafilatura.bare_extraction(
            html, with_metadata=True, include_comments=False, include_tables=False
        )
    except (ValueError, TypeError):
        doc = None
    if doc is None:
        return "", {}
    data = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    return (data.get("text") or ""), data


def _without_headline(text: str, title: str | None) -> str:
    """The main text without its leading headline lines, which the title already holds.

    Left in, a headline is one more evidence sentence for the lead's own relation
    ("Macron meets Scholz" above "Macron met Scholz in Paris on Tuesday ...").
    """
    if not title:
        return text
    wanted = _squash(title)
    while True:
        first, newline, rest = text.lstrip().partition("\n")
        line = _squash(first)
        if not newline or not line or len(line) > 300:
            return text
        if not (line == wanted or wanted.startswith(line) or line.startswith(wanted)):
            return text
        text = rest


def _squash(text: str) -> str:
    return " ".join(text.split()).casefold()


def read_html(html: str, where: str) -> Iterator[Article]:
    text, meta = html_to_text(html)
    text = _without_headline(text, meta.get("title"))
    date = parse_date(meta.get("date")) or date_in_text(Path(where).name)
    yield Article.from_text(
        text,
        title=meta.get("title") or None,
        date=date,
        url=meta.get("url") or None,
        source=meta.get("sitename") or None,
        path=where,
    )
