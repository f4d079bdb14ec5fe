"""Profile reports that name the graphbuild function behind each hot spot.

spaCy's Doc and Token code is Cython: sampling profilers show its time as
``token.pxd:22(cinit)`` with no Python caller, which says nothing about what to
fix. cProfile charges Cython calls to the Python function that made them, so
its "internal time" table plus the callers of the hottest entries point at the
line in graphbuild that is slow.
"""

from __future__ import annotations

import io
import pstats
from collections import defaultdict
from pathlib import Path

TOP = 30
PACKAGE = str(Path(__file__).resolve().parent.parent / "graphbuild")


def _ours(function: tuple[str, int, str]) -> bool:
    return function[0].startswith(PACKAGE)


def graphbuild_hot_spots(stats: pstats.Stats) -> list[tuple[float, str]]:
    """Seconds in each graphbuild function plus the library code it calls directly.

    A spaCy property that walks every token (``Doc.text``) called once per mention
    shows up here under the graphbuild function that calls it.
    """
    totals: dict[tuple[str, int, str], float] = defaultdict(float)
    for function, (_, _, own, _, callers) in stats.stats.items():
        if _ours(function):
            totals[function] += own
            continue
        for caller, timing in callers.items():
            if _ours(caller):
                totals[caller] += timing[3]  # cumulative time of this callee when called from there
    ranked = sorted(totals.items(), key=lambda item: item[1], reverse=True)
    return [
        (seconds, f"{Path(f[0]).relative_to(Path(PACKAGE).parent)}:{f[1]}({f[2]})")
        for f, seconds in ranked
    ]


def write_report(stats: pstats.Stats | str | Path, path: Path, title: str) -> Path:
    """A text report: graphbuild's hot spots, the hottest functions, and who called them."""
    if not isinstance(stats, pstats.Stats):
        stats = pstats.Stats(str(stats))
    out = io.StringIO()
    stats.stream = out
    out.write(f"{title}\n\n== graphbuild functions: own time + library code they call directly\n")
    for seconds, where in graphbuild_hot_spots(stats)[:TOP]:
        out.write(f"{seconds:9.3f} s  {where}\n")
    out.write("\n== by internal time (time in the function itself, Cython calls included)\n")
    stats.sort_stats("tottime").print_stats(TOP)
    out.write("\n== by cumulative time\n")
    stats.sort_stats("cumtime").print_stats(TOP)
    out.write("\n== callers of the five hottest functions\n")
    hottest = sorted(stats.stats.items(), key=lambda item: item[1][2], reverse=True)[:5]
    for (filename, line, name), _ in hottest:
        stats.sort_stats("tottime").print_callers(f"{Path(filename).name}:{line}\\({name}")
    path.write_text(out.getvalue(), encoding="utf-8")
    return path
