"""Pieces every subcommand shares: errors, progress bars, output files."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from typing import TypeVar

T = TypeVar("T")


class CliError(Exception):
    """A problem to report in one line and exit with ``code``."""

    def __init__(self, message: str, code: int = 1):
        super().__init__(message)
        self.code = code


def progress(
    items: Iterable[T], args, desc: str, unit: str = "article", total: int | None = None
) -> Iterator[T]:
    """A progress bar on stderr when it is a terminal and the user did not ask for quiet."""
    if getattr(args, "quiet", False) or not sys.stderr.isatty():
        yield from items
        return
    from tqdm import tqdm

    yield from tqdm(items, desc=desc, unit=unit, total=total, dynamic_ncols=True)
