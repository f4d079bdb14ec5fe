"""How hard the property tests (tests/test_robustness_*.py) fuzz.

The default run keeps a fast subset (a few seconds per file). The full run, over
more than 10,000 generated inputs, is asked for with an environment variable:

    GRAPHBUILD_FUZZ=full nice -n 10 python -m pytest tests/test_robustness_readers.py \
        tests/test_robustness_extract.py --hypothesis-show-statistics

(benchmarks/RESULTS.md records what it found and how long it took.)
"""

from __future__ import annotations

import os
import signal
from contextlib import contextmanager

from hypothesis import HealthCheck, settings

FULL = os.environ.get("GRAPHBUILD_FUZZ", "").lower() == "full"
HANG_SECONDS = 60  # one input takes well under a second: only an endless loop gets here


def fuzz(fast: int, full: int) -> settings:
    """Hypothesis settings with ``fast`` examples by default and ``full`` under GRAPHBUILD_FUZZ=full."""
    return settings(
        max_examples=full if FULL else fast,
        deadline=None,
        database=None,  # no .hypothesis/ folder in the working tree; failures print their example
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )


class Hang(BaseException):
    """Not an Exception, so Hypothesis reports it at once instead of re-running it to shrink."""


@contextmanager
def no_hang(what: str):
    """Turn an endless loop into a failure that names the input, instead of a run that never ends."""

    def stop(signum, frame):
        raise Hang(f"still running after {HANG_SECONDS} s on {what[:300]!r}")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.alarm(HANG_SECONDS)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
