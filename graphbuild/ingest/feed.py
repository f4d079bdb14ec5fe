"""RSS 2.0 and Atom feed files: one article per item/entry.

Parsed with defusedxml, so entity-expansion and external-entity tricks in a
hostile feed fail safely instead of exhausting memory or reading local files.

A feed that is not well-formed as a whole is recovered item by item: the items
are cut apart at their tags (skipping CDATA sections and comments), and each
is parsed on its own, with the same safe parser and the feed's namespace
declarations. A broken item is skipped with a warning that names the feed, the
item and the reason; the good items are kept.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from html.entities import name2codepoint

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException

from ..records import Article
from .dates import parse_date
from .encoding import decode
from .html import html_to_text
from .problems import Problems

_ATOM = "{http://www.w3.org/2005/Atom}"
_CONTENT = "{http://purl.org/rss/1.0/modules/content/}encoded"
_DC_DATE = "{http://purl.org/dc/elements/1.1/}date"

_XML_DECLARATION = re.compile(r"\A\ufeff?\s*<\?xml[^>]*\?>")
#: item boundaries; CDATA sections and comments are matched first so tags inside them are text
_ITEM_TAG = re.compile(
    r"<!\[CDATA\[.*?(?:\]\]>|\Z)|<!--.*?(?:-->|\Z)|<(/?)(item|entry)(?=[\s>/])[^>]*>", re.S
)
_ROOT_TAG = re.compile(r"<(?:rss|feed|rdf:RDF)(?=[\s>])[^>]*>")
_NAMESPACE = re.compile(r"""\sxmlns(?::[\w.-]+)?\s*=\s*("[^"]*"|'[^']*')""")
_TITLE = re.compile(r"<title(?:\s[^>]*)?>(.*?)</title\s*>", re.S)
_NAMED_ENTITY = re.compile(r"&([A-Za-z][A-Za-z0-9]{1,31});")
_XML_ENTITIES = frozenset({"amp", "lt", "gt", "quot", "apos"})


def _html_entities_as_numbers(text: str) -> str:
    """``&nbsp;``, ``&eacute;`` ... (HTML's, undefined in XML) as numeric references.

    Feeds often carry them; XML parsers stop at the first. Only HTML's fixed table
    is used, never an entity the document declares, so nothing is expanded that
    the safe parser would refuse.
    """

    def number(match: re.Match) -> str:
        name = match.group(1)
        if name in _XML_ENTITIES or name not in name2codepoint:
            return match.group(0)
        return f"&#{name2codepoint[name]};"

    return _NAMED_ENTITY.sub(number, text)


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


def _article(item, where: str, feed_title: str | None) -> Article | str:
    """The item as an Article, or why it has none."""
    try:
        body = _body(_text(item, _CONTENT, "description", f"{_ATOM}content", f"{_ATOM}summary"))
    except (ValueError, TypeError) as exc:  # lxml's ParserError is a ValueError
        return f"feed item body cannot be read ({exc}); skipped"
    if not body.strip():
        return "feed item has no text; skipped"
    link = _text(item, "link")
    if link is None:
        atom_link = item.find(f"{_ATOM}link")
        link = atom_link.get("href") if atom_link is not None else None
    return Article.from_text(
        body,
        title=_text(item, "title", f"{_ATOM}title"),
        date=parse_date(_text(item, "pubDate", _DC_DATE, f"{_ATOM}published", f"{_ATOM}updated")),
        url=link,
        source=feed_title,
        path=where,
    )


def read_feed(data: bytes, where: str, problems: Problems) -> Iterator[Article]:
    text = _XML_DECLARATION.sub("", decode(data, where, problems, markup="xml"), count=1)
    try:
        try:
            root = SafeET.fromstring(text)
        except SafeET.ParseError:
            text = _html_entities_as_numbers(text)
            root = SafeET.fromstring(text)
    except DefusedXmlException as exc:
        problems.add(where, f"not a safe RSS/Atom file ({exc}); skipped")
        return
    except SafeET.ParseError as exc:
        yield from _read_item_by_item(text, where, problems, exc)
        return
    feed_title = _text(root, "channel/title", f"{_ATOM}title")
    items = root.findall("channel/item") or root.findall("item") or root.findall(f"{_ATOM}entry")
    if not items:
        problems.add(where, "feed has no <item> or <entry> elements; skipped")
        return
    for index, item in enumerate(items):
        article = _article(item, f"{where}#{index}", feed_title)
        if isinstance(article, str):
            problems.add(f"{where}#{index}", article)
        else:
            yield article


def item_chunks(text: str) -> tuple[str, list[tuple[int, str]]]:
    """The text before the first item, and each item's offset and source text (open to close tag).

    An item whose close tag is missing ends where the next item (or the feed) begins.
    """
    chunks: list[tuple[int, str]] = []
    head_end: int | None = None
    start: int | None = None
    for match in _ITEM_TAG.finditer(text):
        if match.group(2) is None:
            continue  # CDATA or comment
        closing = match.group(1) == "/"
        if not closing and match.group(0).endswith("/>"):
            continue  # an empty <item/> has nothing to read
        if not closing:
            if start is not None:
                chunks.append((start, text[start : match.start()]))
            start = match.start()
            head_end = match.start() if head_end is None else head_end
        elif start is not None:
            chunks.append((start, text[start : match.end()]))
            start = None
    if start is not None:
        chunks.append((start, text[start:]))
    return text[: len(text) if head_end is None else head_end], chunks


def _plain(fragment: str) -> str | None:
    """The text of a small XML fragment such as a title, without markup or entities."""
    fragment = re.sub(
        r"<!\[CDATA\[(.*?)\]\]>", lambda m: html.escape(m.group(1)), fragment, flags=re.S
    )
    try:
        value = SafeET.fromstring(f"<t>{fragment}</t>").text
    except (SafeET.ParseError, DefusedXmlException):
        value = re.sub(r"<[^>]*>", "", fragment)
    value = " ".join((value or "").split())
    return value or None


def _read_item_by_item(
    text: str, where: str, problems: Problems, error: Exception
) -> Iterator[Article]:
    head, chunks = item_chunks(text)
    if not chunks:
        problems.add(
            where, f"not a well-formed RSS/Atom file ({error}) and no items in it; skipped"
        )
        return
    root = _ROOT_TAG.search(head)
    namespaces = "".join(m.group(0) for m in _NAMESPACE.finditer(root.group(0))) if root else ""
    title = _TITLE.search(head)
    feed_title = _plain(title.group(1)) if title else None
    good, line, counted = 0, 1, 0
    for index, (offset, chunk) in enumerate(chunks):
        label = f"{where}#{index}"
        try:
            wrapper = SafeET.fromstring(f"<graphbuild-item{namespaces}>{chunk}</graphbuild-item>")
        except (SafeET.ParseError, DefusedXmlException) as exc:
            named = _TITLE.search(chunk)
            name = _plain(named.group(1)) if named else None
            about = f" {name[:80]!r}" if name else ""
            line += text.count("\n", counted, offset)  # counted once: a huge feed stays linear
            counted = offset
            problems.add(
                label, f"malformed feed item{about} (line {line}): {_reason(exc)}; item skipped"
            )
            continue
        item = wrapper[0] if len(wrapper) else wrapper
        article = _article(item, label, feed_title)
        if isinstance(article, str):
            problems.add(label, article)
        else:
            good += 1
            yield article
    if good:
        problems.add(where, f"not well-formed ({_reason(error)}); read item by item")


def _reason(exc: Exception) -> str:
    """The parser's message without the position in the wrapped text (item-relative)."""
    return str(exc).split(":", 1)[0].strip() or type(exc).__name__
