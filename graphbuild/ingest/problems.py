"""Problems found while reading inputs: one clear line each, collected for the final summary."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

log = logging.getLogger("graphbuild")


@dataclass
class Problem:
    where: str  # "path" or "path:line"
    message: str
    fatal: bool = False

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


@dataclass
class Problems:
    """Collects input problems; each is also logged as one warning line as it happens."""

    items: list[Problem] = field(default_factory=list)
    echo: bool = True  # log each problem as it is found

    def add(self, where: str, message: str, fatal: bool = False) -> None:
        problem = Problem(str(where), message, fatal)
        self.items.append(problem)
        if self.echo:
            (log.error if fatal else log.warning)(str(problem))

    @property
    def fatal(self) -> bool:
        return any(p.fatal for p in self.items)

    def bad_inputs(self) -> list[str]:
        """Distinct files (without line or item numbers) that had a problem, in order of first report."""
        seen: dict[str, None] = {}
        for p in self.items:
            seen.setdefault(_file_of(p.where), None)
        return list(seen)


def _file_of(where: str) -> str:
    """A place such as dump.jsonl:12 or feed.xml#3, as the file it is in."""
    for mark in (":", "#"):
        head, _, tail = where.rpartition(mark)
        if head and tail.isdigit():
            return head
    return where
