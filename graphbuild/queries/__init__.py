"""The named query library: parameterised Cypher files shared by Neo4j and the embedded store.

Each ``NAME.cypher`` file in this folder starts with a comment header::

    // What the query answers (one or more lines).
    // @param actor name, alias or id of the actor
    // @param since = "2022-01-01" only statements on or after this date
    // @param limit:int = 20 at most this many rows

A parameter without a default is required; ``:int`` / ``:float`` convert the
text given on the command line. The files use only the Cypher both engines
speak (see docs/queries.md), so the same file answers alike on both.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

QUERY_DIR = Path(__file__).parent
SUFFIX = ".cypher"
_PARAM = re.compile(
    r"^@param\s+(?P<name>[A-Za-z_]\w*)(?::(?P<type>str|int|float|bool))?"
    r"(?:\s*=\s*(?P<default>\"[^\"]*\"|\S+))?\s*(?P<help>.*)$"
)
_CONVERT = {
    "str": str,
    "int": int,
    "float": float,
    "bool": lambda text: {"true": True, "false": False}[text.strip().lower()],
}


class QueryLibraryError(ValueError):
    """A named query is missing, malformed, or given the wrong parameters."""


@dataclass
class Param:
    name: str
    type: str = "str"
    default: Any = None
    help: str = ""
    required: bool = True

    def convert(self, text: str, query: str) -> Any:
        try:
            return _CONVERT[self.type](text)
        except (ValueError, KeyError):
            raise QueryLibraryError(
                f"query {query!r}: parameter {self.name!r} must be {self.type}, not {text!r}"
            ) from None


@dataclass
class NamedQuery:
    """One query file: its name, what it answers, its parameters and its Cypher."""

    name: str
    description: str
    cypher: str
    path: Path
    params: list[Param] = field(default_factory=list)

    def bind(self, given: dict[str, str]) -> dict[str, Any]:
        """Parameters for the engine: given text converted, defaults filled, mistakes refused."""
        known = {p.name: p for p in self.params}
        unknown = sorted(set(given) - set(known))
        if unknown:
            expected = ", ".join(known) or "none"
            raise QueryLibraryError(
                f"query {self.name!r} has no parameter {unknown[0]!r} (its parameters: {expected})"
            )
        values: dict[str, Any] = {}
        for param in self.params:
            if param.name in given:
                values[param.name] = param.convert(given[param.name], self.name)
            elif param.required:
                raise QueryLibraryError(
                    f"query {self.name!r} needs --param {param.name}=... ({param.help or param.type})"
                )
            else:
                values[param.name] = param.default
        return values

    def usage(self) -> str:
        parts = [
            f"--param {p.name}=..." if p.required else f"[--param {p.name}=...]"
            for p in self.params
        ]
        return " ".join([self.name, *parts])


def parse_query(path: Path) -> NamedQuery:
    """Read one query file and its header."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise QueryLibraryError(f"{path}: cannot read the query file: {exc.strerror}") from None
    description: list[str] = []
    params: list[Param] = []
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped.startswith("//"):
            break
        comment = stripped[2:].strip()
        if comment.startswith("@param"):
            match = _PARAM.match(comment)
            if not match:
                raise QueryLibraryError(f"{path}: cannot read the header line {stripped!r}")
            kind = match["type"] or "str"
            default_text = match["default"]
            param = Param(match["name"], kind, help=match["help"].strip())
            if default_text is not None:
                if default_text.startswith('"'):
                    default_text = default_text[1:-1]
                param.default = param.convert(default_text, path.stem)
                param.required = False
            params.append(param)
        elif not params and comment:
            description.append(comment)
    if not text.strip() or all(
        line.strip().startswith("//") or not line.strip() for line in text.splitlines()
    ):
        raise QueryLibraryError(f"{path}: the query file holds no Cypher")
    return NamedQuery(path.stem, " ".join(description), text, path, params)


def list_queries(directory: Path = QUERY_DIR) -> list[NamedQuery]:
    """Every query of the library, by name."""
    return [parse_query(path) for path in sorted(directory.glob(f"*{SUFFIX}"))]


def load_query(name: str, directory: Path = QUERY_DIR) -> NamedQuery:
    """A query by library name, or from a ``.cypher`` file path of the user's own."""
    if name.endswith(SUFFIX) or "/" in name:
        return parse_query(Path(name))
    path = directory / f"{name}{SUFFIX}"
    if not path.exists():
        names = ", ".join(q.name for q in list_queries(directory))
        raise QueryLibraryError(f"no query named {name!r} (the library has: {names})")
    return parse_query(path)
