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


def read_html(html: str, where: str) -> Iterator[Article]:
    text, meta = html_to_text(html)
    date = parse_date(meta.get("date")) or date_in_text(Path(where).name)
    yield Article.from_text(
        text,
        title=meta.get("title") or None,
        date=date,
        url=meta.get("url") or None,
        source=meta.get("sitename") or None,
        path=where,
    )
