"""Turn the many ways sources write dates into ISO 8601 calendar dates (YYYY-MM-DD)."""

from __future__ import annotations

import re
from datetime import date, datetime
from email.utils import parsedate_to_datetime

_ISO_IN_TEXT = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")


def parse_date(value: object) -> str | None:
    """Return YYYY-MM-DD for ISO, RFC 822 (RSS) or epoch values; None when it is not a date."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        try:
            return datetime.utcfromtimestamp(float(value)).date().isoformat()
        except (OverflowError, OSError, ValueError):
            return None
    text = str(value).strip()
    if not text:
        return None
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).date().isoformat()
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(text).date().isoformat()
    except (TypeError, ValueError, IndexError):
        pass
    return date_in_text(text)


def date_in_text(text: str) -> str | None:
    """The first valid YYYY-MM-DD inside a string such as a file name."""
    for match in _ISO_IN_TEXT.finditer(text):
        try:
            return date(*map(int, match.groups())).isoformat()
        except ValueError:
            continue
    return None
