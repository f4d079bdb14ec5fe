"""RSS 2.0 and Atom feed files: one article per item/entry.

Parsed with defusedxml, so entity-expansion and external-entity tricks in a
hostile feed fail safely instead of exhausting memory or reading local files.
"""

from __future__ import annotations

from collections.abc import Iterator

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException

from ..records import Article
from .dates import parse_date
from .html import html_to_text
from .problems import Problems

_ATOM = "{http://www.w3.org/2005/Atom}"
_CONTENT = "{http://purl.org/rss/1.0/modules/content/}encoded"
_DC_DATE = "{http://purl.org/dc/elements/1.1/}date"


def _text(element, *tags: str) -> str | None:
    for tag in tags:
        child = element.find(tag)
        if child is not None and (child.text or "").strip():
            return child.text.strip()
    return None


def _body(raw: str | None) -> str:
    """Feed bodies are usually HTML fragments; keep only their text."""
    if not raw:
        return ""
    if "<" not in raw:
        return raw
    text, _ = html_to_text(f"<html><body><article>{raw}</article></body></html>")
    if text:
        return text
    import lxml.html

    return lxml.html.fromstring(raw).text_content().strip()


def read_feed(data: bytes, where: str, problems: Problems) -> Iterator[Article]:
    try:
        root = SafeET.fromstring(data)
    except (SafeET.ParseError, DefusedXmlException) as exc:
        problems.add(where, f"not a well-formed (or safe) RSS/Atom file: {exc}; skipped")
        return
    feed_title = _text(root, "channel/title", f"{_ATOM}title")
    items = root.findall("channel/item") or root.findall("item") or root.findall(f"{_ATOM}entry")
    if not items:
        problems.add(where, "feed has no <item> or <entry> elements; skipped")
        return
    for index, item in enumerate(items):
        body = _body(_text(item, _CONTENT, "description", f"{_ATOM}content", f"{_ATOM}summary"))
        if not body.strip():
            problems.add(f"{where}#{index}", "feed item has no text; skipped")
            continue
        link = _text(item, "link")
        if link is None:
            atom_link = item.find(f"{_ATOM}link")
            link = atom_link.get("href") if atom_link is not None else None
        yield Article.from_text(
            body,
            title=_text(item, "title", f"{_ATOM}title"),
            date=parse_date(
                _text(item, "pubDate", _DC_DATE, f"{_ATOM}published", f"{_ATOM}updated")
            ),
            url=link,
            source=feed_title,
            path=f"{where}#{index}",
        )
