"""Refuse Cypher that could change anything: the guard in front of ``query`` and ``ask``.

Opening a store read-only stops writes to the database, but not what an engine
can do outside it: LadybugDB's ``COPY (...) TO 'file'`` writes wherever the user
can write, ``LOAD FROM`` reads any file, ``INSTALL``/``LOAD EXTENSION`` and
``ATTACH`` reach further still. A query may come from an untrusted place (a web
form, a shared notebook), so only reading clauses pass.

The query is lexed the way the engines lex it (``//`` and ``/* */`` comments,
single- and double-quoted strings with backslash escapes, backquoted names), so
a comment or a string can neither hide a clause nor cause a refusal. A forbidden
word counts as a clause unless its neighbours show it is a name: a property
(``r.set``), a label (``:Create``), a parameter (``$load``), an alias
(``AS copy``), a map key or a pattern variable (``{set: 1}``, ``(set:Actor)``),
an item returned (``RETURN copy``, ``WITH a, use``); followed by ``(`` or a
string it is always a clause (``COPY (...)``, ``LOAD FROM '...'``).
``CALL`` is allowed for subqueries and for the catalogue procedures below.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: clauses and statements that write to the database, touch files, load code,
#: reach other databases or change the session (LadybugDB and Neo4j)
FORBIDDEN = frozenset(
    """copy load install uninstall update attach detach use export import create merge
    set delete remove drop alter comment begin commit rollback checkpoint foreach
    grant deny revoke terminate""".split()
)

#: read-only catalogue procedures a query may CALL (LadybugDB, then Neo4j), lower case
ALLOWED_PROCEDURES = frozenset(
    """table_info show_tables show_connection db_version current_setting show_functions
    show_indexes show_sequences show_macros show_warnings
    db.labels db.relationshiptypes db.propertykeys db.schema.visualization
    db.schema.nodetypeproperties db.schema.reltypeproperties dbms.components""".split()
)

#: words after which a forbidden word is a name, not a clause ("RETURN set ORDER BY ...")
_FOLLOWERS_OF_NAMES = frozenset(
    """as order limit skip where is in and or xor starts ends contains asc desc ascending
    descending union return""".split()
)
_NAME_NEIGHBOURS = frozenset(".:,)]}=<>+-/*%^|")
#: words a clause never follows directly: what comes after them is an alias or an expression
_BEFORE_NAMES = frozenset("as return with distinct yield".split())


class ReadOnlyError(ValueError):
    """The query would do more than read; the message names the clause and where it is."""


@dataclass(frozen=True)
class Token:
    kind: str  # word | name (backquoted) | string | number | param | symbol
    text: str
    offset: int


_SPACE = re.compile(r"\s+")
_WORD = re.compile(r"[^\W\d]\w*")
_NUMBER = re.compile(r"0[xX][0-9a-fA-F]+|\d+(?:\.\d+)?(?:[eE][+-]?\d+)?")


def tokens(cypher: str) -> list[Token]:
    """The query's tokens without comments; raises ReadOnlyError on an unterminated part."""
    out: list[Token] = []
    i, n = 0, len(cypher)
    while i < n:
        ch = cypher[i]
        if ch.isspace():
            i = _SPACE.match(cypher, i).end()
        elif cypher.startswith("//", i):
            end = cypher.find("\n", i)
            i = n if end == -1 else end + 1
        elif cypher.startswith("/*", i):
            end = cypher.find("*/", i + 2)
            if end == -1:
                raise ReadOnlyError(f"refused: unterminated comment at character {i}")
            i = end + 2
        elif ch in "'\"":
            j = i + 1
            while j < n and cypher[j] != ch:
                j += 2 if cypher[j] == "\\" else 1
            if j >= n:
                raise ReadOnlyError(f"refused: unterminated string at character {i}")
            out.append(Token("string", cypher[i : j + 1], i))
            i = j + 1
        elif ch == "`":
            j = i + 1
            while True:
                j = cypher.find("`", j)
                if j == -1:
                    raise ReadOnlyError(f"refused: unterminated `name` at character {i}")
                if cypher.startswith("``", j):
                    j += 2
                    continue
                break
            out.append(Token("name", cypher[i : j + 1], i))
            i = j + 1
        elif ch == "$":
            match = _WORD.match(cypher, i + 1) or _NUMBER.match(cypher, i + 1)
            end = match.end() if match else i + 1
            out.append(Token("param", cypher[i:end], i))
            i = end
        elif match := _WORD.match(cypher, i):
            out.append(Token("word", match.group(), i))
            i = match.end()
        elif match := _NUMBER.match(cypher, i):
            out.append(Token("number", match.group(), i))
            i = match.end()
        else:
            out.append(Token("symbol", ch, i))
            i += 1
    return out


def _is_name(toks: list[Token], index: int) -> bool:
    """True when the forbidden word at ``index`` is used as a name (variable, property, key)."""
    before = toks[index - 1] if index > 0 else None
    after = toks[index + 1] if index + 1 < len(toks) else None
    if after is not None and (after.kind == "string" or after.text == "("):
        return False  # COPY (...), LOAD '...', ATTACH '...': a clause whatever comes before
    if before is not None:
        if before.kind == "symbol" and before.text in ".:,":
            return True  # a property, a label, the next item of a list
        if before.kind == "word" and before.text.lower() in _BEFORE_NAMES:
            return True
    if after is not None:
        if after.kind == "symbol" and after.text in _NAME_NEIGHBOURS:
            return True
        if after.kind == "word" and after.text.lower() in _FOLLOWERS_OF_NAMES:
            return True
    return False


def _procedure(toks: list[Token], index: int) -> tuple[str, int]:
    """The dotted procedure name after CALL at ``index``, and the index after it."""
    parts, j = [], index + 1
    while j < len(toks) and toks[j].kind in ("word", "name"):
        parts.append(toks[j].text.strip("`"))
        if j + 2 < len(toks) and toks[j + 1].text == "." and toks[j + 2].kind in ("word", "name"):
            j += 2
        else:
            j += 1
            break
    return ".".join(parts), j


def check_read_only(cypher: str, error: type[Exception] = ReadOnlyError) -> None:
    """Raise ``error`` (a ReadOnlyError, or the caller's own class) unless ``cypher`` only reads.

    A query that cannot be lexed (an unterminated string or comment) is refused too.
    """
    try:
        _check(cypher)
    except ReadOnlyError as exc:
        if error is ReadOnlyError:
            raise
        raise error(str(exc)) from None


def _check(cypher: str) -> None:
    toks = tokens(cypher)
    for index, tok in enumerate(toks):
        if tok.kind != "word":
            continue
        word = tok.text.lower()
        if word in FORBIDDEN and not _is_name(toks, index):
            raise ReadOnlyError(
                f"refused: {tok.text.upper()} (at character {tok.offset}) is not allowed: "
                "the store is read-only and queries here only read the graph"
            )
        if word != "call" or _is_name(toks, index):
            continue
        after = toks[index + 1] if index + 1 < len(toks) else None
        if after is not None and after.kind == "symbol" and after.text in "{(":
            continue  # a subquery: its clauses are checked like the rest
        name, end = _procedure(toks, index)
        setting = end < len(toks) and toks[end].text == "="
        if not name or setting or name.lower() not in ALLOWED_PROCEDURES:
            what = f"CALL {name}" if name else "CALL"
            raise ReadOnlyError(
                f"refused: {what} (at character {tok.offset}) is not allowed: the store is "
                "read-only and queries here only read the graph; the procedures they may call "
                f"are {', '.join(sorted(ALLOWED_PROCEDURES))}"
            )
