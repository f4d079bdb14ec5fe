"""Bytes to text: find the encoding a file was written in instead of mangling it.

In order: a byte-order mark; the encoding the document declares (an HTML
``<meta charset>`` or ``http-equiv`` content type, an XML declaration), unless
it names a single-byte code page and the bytes are valid UTF-8 with multi-byte
characters in them (a page re-saved as UTF-8 that kept its old meta); UTF-8;
UTF-8 with a few stray bytes of another encoding (a file pasted together from
two sources: the stray bytes are read as Windows-1252 and counted in a warning);
then a statistical detector (charset-normalizer). U+FFFD replaces bytes only
when all of these fail, with a warning that says how many bytes were replaced.
"""

from __future__ import annotations

import codecs
import logging
import re

from .problems import Problems

log = logging.getLogger("graphbuild")

_BOMS = (  # UTF-32 first: its little-endian mark begins with UTF-16's
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_HEAD_BYTES = 4096
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.I)
_XML_DECLARATION = re.compile(rb"""\A\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")
#: browsers read these labels as Windows-1252 (WHATWG Encoding), and so do we
_AS_WINDOWS_1252 = {"latin_1", "iso8859_1", "ascii", "us_ascii", "cp819"}
#: encoding families news files are written in; the detector's other guesses (DOS, Mac,
#: EBCDIC code pages) win only when nothing else fits
_NEWS_ENCODINGS = re.compile(
    r"^(utf|cp125\d|iso8859|koi8|big5|gb|hz|shift_jis|cp932|cp936|cp949|cp950|euc|iso2022|"
    r"tis_?620|johab|latin)"
)


def _codec(label: bytes | str) -> str | None:
    """Python's name for an encoding label, or None when the label names no known codec."""
    try:
        text = label.decode("ascii") if isinstance(label, bytes) else label
        name = codecs.lookup(text.strip()).name.replace("-", "_")
    except (LookupError, UnicodeDecodeError):
        return None
    return "cp1252" if name in _AS_WINDOWS_1252 else name


def declared_encoding(data: bytes, markup: str | None) -> str | None:
    """The encoding an HTML or XML document names for itself in its first bytes."""
    head = data[:_HEAD_BYTES]
    if markup == "xml":
        match = _XML_DECLARATION.match(head)
    elif markup == "html":
        match = _META_CHARSET.search(head)
    else:
        return None
    return _codec(match.group(1)) if match else None


def _single_byte(encoding: str) -> bool:
    """True for code pages with one byte per character (in which valid UTF-8 is improbable)."""
    return re.match(r"(cp125\d|cp8\d\d|iso8859|koi8|mac|latin|tis)", encoding) is not None


def _strict(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


_UTF8_SEQUENCE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)


def _utf8_sequences(data: bytes) -> int:
    """How many valid multi-byte UTF-8 characters the bytes hold."""
    return sum(1 for _ in _UTF8_SEQUENCE.finditer(data))


def _utf8_repairing(data: bytes, repair) -> tuple[str, int, int]:
    """UTF-8 with each run of bytes that is not valid UTF-8 turned into text by ``repair``.

    Returns the text, how many bytes were repaired, and the offset of the first.
    """
    parts: list[str] = []
    repaired, first, pos = 0, -1, 0
    view = memoryview(data)  # slices without copying: many bad bytes stay linear
    while pos < len(data):
        try:
            parts.append(codecs.utf_8_decode(view[pos:], "strict", True)[0])
            break
        except UnicodeDecodeError as exc:
            parts.append(codecs.utf_8_decode(view[pos : pos + exc.start], "strict", True)[0])
            bad = data[pos + exc.start : pos + exc.end]
            parts.append(repair(bad))
            first = pos + exc.start if first < 0 else first
            repaired += len(bad)
            pos += exc.end
    return "".join(parts), repaired, first


def detect(data: bytes) -> str | None:
    """The detector's encoding, preferring common news encodings, then Windows-1252 on ties.

    charset-normalizer ranks equally plausible single-byte code pages arbitrarily
    (Central European cp1250 over Western cp1252 for French text); English news
    that is not UTF-8 is far more often Windows-1252, so that wins a tie.
    """
    from charset_normalizer import from_bytes

    matches = list(from_bytes(data))
    if not matches:
        return None
    least = min(m.chaos for m in matches)
    plausible = [m for m in matches if m.chaos <= least + 0.02]
    news = [m for m in plausible if _NEWS_ENCODINGS.match(m.encoding)] or plausible
    best = max(m.coherence for m in news)
    top = [m for m in news if m.coherence >= best - 1e-9]
    for match in top:
        if "cp1252" in (match.encoding, *match.could_be_from_charset):
            return "cp1252"
    return top[0].encoding


def decode(data: bytes, where: str, problems: Problems, markup: str | None = None) -> str:
    """The text of ``data``; ``markup`` ("html" or "xml") lets the document name its encoding."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            text = _strict(data, encoding)
            if text is not None:
                return text
            break
    declared = declared_encoding(data, markup)
    if declared and _single_byte(declared) and _utf8_sequences(data):
        text = _strict(data, "utf-8")  # pages saved as UTF-8 often keep an old meta charset
        if text is not None:
            return text
    if declared:
        text = _strict(data, declared)
        if text is not None:
            return text.removeprefix("\ufeff")
    text = _strict(data, "utf-8")
    if text is not None:
        return text
    replaced = data.decode("utf-8", errors="replace")
    if _utf8_sequences(data) >= replaced.count("\ufffd"):  # UTF-8 with a few foreign bytes
        text, stray, _ = _utf8_repairing(data, lambda bad: bad.decode("cp1252", "replace"))
        problems.add(
            where,
            f"mostly UTF-8, but {stray} byte{'s' if stray != 1 else ''} not; "
            "read as Windows-1252 there",
        )
        return text
    detected = detect(data)
    if detected:
        text = _strict(data, detected)
        if text is not None:
            log.info("%s: not UTF-8; read as %s (detected)", where, detected)
            return text
    return _replace(data, where, problems, replaced)


def _replace(data: bytes, where: str, problems: Problems, text: str) -> str:
    """``text`` is ``data`` decoded with U+FFFD for what is not UTF-8; say how many bytes that cost."""
    try:
        data.decode("utf-8")
        first = 0
    except UnicodeDecodeError as exc:
        first = exc.start
    marks = text.count("\ufffd")
    replaced = len(data) - (len(text.encode("utf-8")) - 3 * marks)
    problems.add(
        where,
        f"not valid UTF-8 and no encoding fits: {replaced} bytes replaced with U+FFFD "
        f"(the first at offset {first})",
    )
    return text
