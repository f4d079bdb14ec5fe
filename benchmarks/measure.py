"""Wall time and peak memory of a process and everything it starts.

graphbuild extracts in worker processes, so one process's ``ru_maxrss`` says
little: a sampler thread adds up the resident memory of the whole process tree
several times a second and keeps the peak, and the peak of the largest single
process beside it.
"""

from __future__ import annotations

import subprocess
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import psutil

MB = 1024 * 1024


@dataclass
class Peak:
    tree_bytes: int = 0  # largest sum of RSS over the process and its descendants
    process_bytes: int = 0  # largest RSS of any one of them
    samples: int = 0

    def as_dict(self) -> dict[str, float]:
        return {
            "peak_tree_mb": round(self.tree_bytes / MB, 1),
            "peak_process_mb": round(self.process_bytes / MB, 1),
        }


class TreeSampler(threading.Thread):
    """Samples the memory of process ``pid`` and its descendants until ``stop()``."""

    def __init__(
        self, pid: int, interval: float = 0.2, on_sample: Callable[[float], None] | None = None
    ):
        super().__init__(daemon=True)
        self.root = psutil.Process(pid)
        self.interval = interval
        self.on_sample = on_sample  # called with the elapsed seconds after each sample
        self.peak = Peak()
        self._stop_event = threading.Event()
        self._started_at = time.perf_counter()

    def sample(self) -> None:
        try:
            processes = [self.root, *self.root.children(recursive=True)]
        except psutil.Error:
            return
        total = 0
        for process in processes:
            try:
                rss = process.memory_info().rss
            except psutil.Error:
                continue  # it ended between listing and reading
            total += rss
            self.peak.process_bytes = max(self.peak.process_bytes, rss)
        self.peak.tree_bytes = max(self.peak.tree_bytes, total)
        self.peak.samples += 1

    def run(self) -> None:
        while not self._stop_event.is_set():
            self.sample()
            if self.on_sample:
                self.on_sample(time.perf_counter() - self._started_at)
            self._stop_event.wait(self.interval)

    def stop(self) -> Peak:
        self._stop_event.set()
        self.join()
        return self.peak


@dataclass
class CommandRun:
    returncode: int
    seconds: float
    peak: Peak
    stderr_tail: str
    marks: dict[str, float] = field(default_factory=dict)


def run_command(
    command: list[str],
    log_path: Path,
    on_sample: Callable[[float], None] | None = None,
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
) -> CommandRun:
    """Run ``command`` (output appended to ``log_path``), measuring time and peak memory."""
    with open(log_path, "ab") as log:
        started = time.perf_counter()
        child = subprocess.Popen(command, stdout=log, stderr=log, cwd=cwd, env=env)
        sampler = TreeSampler(child.pid, on_sample=on_sample)
        sampler.start()
        try:
            returncode = child.wait()
        except BaseException:
            child.kill()
            child.wait()
            raise
        finally:
            peak = sampler.stop()
        seconds = time.perf_counter() - started
    tail = log_path.read_bytes()[-2000:].decode("utf-8", errors="replace")
    return CommandRun(returncode, seconds, peak, tail)
