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
        """Distinct files (without line numbers) that had a problem, in order of first report."""
        seen: dict[str, None] = {}
        for p in self.items:
            seen.setdefault(p.where.split(":", 1)[0] if _has_line(p.where) else p.where, None)
        return list(seen)


def _has_line(where: str) -> bool:
    head, _, tail = where.rpartition(":")
    return bool(head) and tail.isdigit()
