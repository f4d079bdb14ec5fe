"""Wire datelines: "BRUSSELS, June 27, 2024 (Reuters) —", "KYIV, Ukraine —", "WASHINGTON (AP) -".

A dateline opens the first paragraph of a wire story and says where (and often
when) it was filed. Parsed as part of the lead sentence, its city becomes a
subject and the lead's own relation is lost; so the dateline is read into the
article's ``place`` and ``date`` here, and ``parser_segments`` leaves it out of
the text given to the parser, in pieces that carry their offsets, so every
character offset into the article text stays valid.

The date rule (docs/ingest.md): a date the source gives (metadata, front
matter, the file name) wins; else the dateline's date; a dateline without a
year takes the year of the first full date in the article's text, else the
year of the ``--date`` default; else the article stays undated (a month and
day alone are not a date).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import resources

from .dates import parse_date

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_PLACE_WORD = r"(?:[A-Z][A-Z'’.\-]*[A-Z.]|[A-Z]\.)"  # BRUSSELS, ST., N'DJAMENA, PORT-AU-PRINCE
_REGION_WORD = rf"(?!{_MONTH}\s*\d)[A-Z][\w'’.\-]*"  # Ukraine, Calif., N.Y. (not "June 27")
_DATELINE = re.compile(
    rf"""
    (?P<place>{_PLACE_WORD}(?:[ \t]+{_PLACE_WORD}){{0,3}})
    (?:,[ \t]*(?P<region>{_REGION_WORD}(?:[ \t]+{_REGION_WORD}){{0,2}}))?
    (?:,?[ \t]*(?:
        (?P<month>{_MONTH})[ \t]+(?P<day>\d{{1,2}})(?:,?[ \t]+(?P<year>\d{{4}}))?
      | (?P<day2>\d{{1,2}})[ \t]+(?P<month2>{_MONTH})(?:,?[ \t]+(?P<year2>\d{{4}}))?
    ))?
    (?:[ \t]*\((?P<agency>[A-Za-z][\w .&/-]{{0,30}})\))?
    (?P<end>[ \t]*(?:—|–|--|-|:)[ \t]*(?=\S)|[ \t]*$)
    """,
    re.VERBOSE | re.MULTILINE,
)
_FULL_DATE = re.compile(
    rf"\b(?:{_MONTH}[ \t]+\d{{1,2}},?[ \t]+((?:19|20)\d\d)|\d{{1,2}}[ \t]+{_MONTH}[ \t]+((?:19|20)\d\d))\b"
    r"|(?<!\d)((?:19|20)\d\d)-\d\d-\d\d(?!\d)"
)
_SEARCH_LINES = 3  # a dateline opens one of the first lines (after a headline, say)
_SEARCH_CHARS = 600


@dataclass(frozen=True)
class Dateline:
    start: int  # character offsets of the dateline and its separator in the text
    end: int
    place: str
    month: int | None = None
    day: int | None = None
    year: int | None = None
    agency: str | None = None

    def date(self, year: int | None = None) -> str | None:
        """YYYY-MM-DD, with ``year`` standing in when the dateline has none."""
        year = self.year or year
        if not (self.month and self.day and year):
            return None
        try:
            return date(year, self.month, self.day).isoformat()
        except ValueError:
            return None


@cache
def _not_places() -> frozenset[str]:
    path = resources.files("graphbuild") / "data" / "ingest" / "not_datelines.txt"
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(x.strip().upper() for x in lines if x.strip() and not x.startswith("#"))


def _place_name(place: str, region: str | None) -> str:
    """BRUSSELS -> Brussels, UNITED NATIONS -> United Nations, "KYIV", "Ukraine" -> "Kyiv, Ukraine"."""
    name = re.sub(r"[A-Z][A-Z'’]*", lambda m: m.group(0).capitalize(), place)
    return f"{name}, {region}" if region else name


def datelines(text: str) -> list[Dateline]:
    """The datelines that open one of the article's first lines, in order (usually one).

    A line that is only a dateline needs a date or an agency ("PARIS, Feb 13 (Reuters)"),
    so a one-word heading is not taken for one.
    """
    found: list[Dateline] = []
    head = text[:_SEARCH_CHARS]
    line_starts = [m.start() for m in re.finditer(r"^[ \t\ufeff]*(?=\S)", head, re.MULTILINE)]
    for start in line_starts[:_SEARCH_LINES]:
        match = _DATELINE.match(head, start)
        if match is None:
            continue
        first_word = match.group("place").split()[0].strip(".").upper()
        if first_word in _not_places():
            continue
        dated = bool(match.group("month") or match.group("month2"))
        alone = not match.group("end").strip()
        if alone and not (dated or match.group("agency")):
            continue
        if (
            not (dated or match.group("agency") or match.group("region"))
            and len(match.group("place")) < 3
        ):
            continue
        month = match.group("month") or match.group("month2")
        day = match.group("day") or match.group("day2")
        year = match.group("year") or match.group("year2")
        found.append(
            Dateline(
                start=match.start(),
                end=match.end(),
                place=_place_name(match.group("place"), match.group("region")),
                month=_MONTHS[month[:3].lower()] if month else None,
                day=int(day) if day else None,
                year=int(year) if year else None,
                agency=match.group("agency"),
            )
        )
        if not alone:
            break  # the lead follows it: later lines are the story
    return found


def year_in_text(text: str) -> int | None:
    """The year of the first full date the text writes ("March 3, 2024", "3 March 2024", ISO)."""
    for match in _FULL_DATE.finditer(text):
        for group in match.groups():
            if group:
                return int(group)
    return None


def read_dateline(
    text: str, date_now: str | None, default_date: str | None
) -> tuple[str | None, str | None]:
    """(place, date) for an article: the place from its dateline, the date by the rule above."""
    found = datelines(text)
    if not found:
        return None, date_now
    first = found[0]
    if date_now is not None:
        return first.place, date_now
    for line in found:
        if line.month:
            default_year = parse_date(default_date)
            year = (
                line.year
                or year_in_text(text[line.end :])
                or (int(default_year[:4]) if default_year else None)
            )
            return first.place, line.date(year)
    return first.place, None


def parser_segments(text: str) -> list[tuple[int, str]]:
    """The text to parse as (offset, segment) pieces, leaving its datelines out.

    Offsets into the article text stay valid (each segment carries its own), and
    the parser sees the lead begin a sentence: blanking the dateline with spaces
    instead leaves a whitespace token that the parser takes for the lead's subject.
    """
    found = datelines(text)
    if not found:
        return [(0, text)]
    segments, start = [], 0
    for line in found:
        if text[start : line.start].strip():
            segments.append((start, text[start : line.start]))
        start = line.end
    segments.append((start, text[start:]))
    return segments
