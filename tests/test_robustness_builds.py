"""A build directory survives ``kill -9`` at any point and two runs at once.

Every scenario starts from a directory that already holds a first build (set X)
and runs ``graphbuild build X Y --out DIR`` on it. A run killed with SIGKILL and
then started again must leave DIR exactly as an uninterrupted run does (same
articles, actors, relations and mentions, byte for byte, no duplicates); a
second run while the first holds DIR must refuse with exit code 3, or wait with
``--wait``, and never change what DIR holds under the first one.

Kills land at exact points through a small runner that arms SIGKILL inside the
real CLI process (after the n-th extracted article, with everything staged but
before the COMMITTED mark, right after the mark, midway through moving files
into place), and from outside, to the whole process group with its worker
processes, while the build is under way.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

COMMAND_TIMEOUT = 180  # a build of 15 short articles takes seconds; only a hang gets here
DATA_FILES = ("articles.jsonl", "actors.jsonl", "relations.jsonl", "mentions.jsonl", "build.json")

NEWS = [
    "Chinese President Xi Jinping arrived in Moscow on Monday for talks with Russian President "
    "Vladimir Putin, who praised China's proposals for peace in Ukraine.",
    "Ukrainian President Volodymyr Zelensky met German Chancellor Olaf Scholz in Berlin and "
    "thanked Germany for its military aid.",
    "The European Union imposed new sanctions on Russia, and Hungary criticised the decision.",
    "French President Emmanuel Macron visited Beijing, where he urged China to press Russia to end "
    "the war.",
    "NATO Secretary General Jens Stoltenberg condemned the missile strikes on Kyiv.",
    "Indian Prime Minister Narendra Modi hosted Japanese Prime Minister Fumio Kishida in "
    "New Delhi.",
    "Turkey's President Recep Tayyip Erdogan said he would not block Sweden's membership of NATO.",
    "The United States accused Iran of supplying drones to Russia, which Tehran denied.",
]

# Runs the real CLI in this process, with SIGKILL armed at one point of the build.
KILL_RUNNER = r"""
import os, signal, sys
point, argv = sys.argv[1], sys.argv[2:]

def die():
    os.kill(os.getpid(), signal.SIGKILL)

if point.startswith("extract-"):  # after the n-th article's result has been written to staging
    import graphbuild.engines.local as build_module
    real_extract, limit = build_module.extract_articles, int(point.split("-")[1])
    def extract(*args, **kwargs):
        for number, result in enumerate(real_extract(*args, **kwargs)):
            if number == limit:
                die()
            yield result
    build_module.extract_articles = extract
elif point == "before-mark":  # everything staged, nothing marked committed
    from graphbuild.builddir import Transaction
    Transaction.commit = lambda self: die()
elif point.startswith("moved-"):  # after the COMMITTED mark and n files moved into place
    limit, real_replace, state = int(point.split("-")[1]), os.replace, {"marked": False, "moved": 0}
    def replace(src, dst, *args, **kwargs):
        real_replace(src, dst, *args, **kwargs)
        if os.path.basename(dst) == "COMMITTED":
            state["marked"] = True
        elif state["marked"]:
            state["moved"] += 1
        if state["marked"] and state["moved"] == limit:
            die()
    os.replace = replace
elif point == "hold":  # hold the lock, fully staged, until the file named by GO exists
    import time
    from pathlib import Path
    from graphbuild.builddir import Transaction
    real_commit = Transaction.commit
    def commit(self):
        Path(os.environ["READY"]).touch()
        while not Path(os.environ["GO"]).exists():
            time.sleep(0.05)
        real_commit(self)
    Transaction.commit = commit
else:
    raise SystemExit(f"unknown kill point {point}")

from graphbuild.cli import main
sys.exit(main(argv))
"""


def cli(*args: str, **kwargs) -> list[str]:
    return [sys.executable, "-m", "graphbuild", *args]


def build_args(directory: Path, inputs: list[Path], model: str, *extra: str) -> list[str]:
    return ["build", *map(str, inputs), "--out", str(directory), "--model", model, *extra]


def run(args: list[str], timeout: float = COMMAND_TIMEOUT, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(cli(*args), capture_output=True, text=True, timeout=timeout, **kwargs)


def run_killed_at(point: str, args: list[str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", KILL_RUNNER, point, *args],
        capture_output=True,
        text=True,
        timeout=COMMAND_TIMEOUT,
    )


def data_digest(directory: Path) -> dict[str, str]:
    """What a reader of DIR sees: the content hash of each data file."""
    return {
        name: hashlib.sha256((directory / name).read_bytes()).hexdigest()
        for name in DATA_FILES
        if (directory / name).exists()
    }


def visible_names(directory: Path) -> set[str]:
    return {p.name for p in directory.iterdir() if not p.name.startswith(".")}


def assert_no_duplicates(directory: Path) -> None:
    for name, key in (("articles.jsonl", "id"), ("actors.jsonl", "id"), ("relations.jsonl", "id")):
        ids = [
            json.loads(line)[key] for line in (directory / name).read_text().splitlines() if line
        ]
        assert len(ids) == len(set(ids)), f"duplicate {key}s in {name}"


def copy_build(template: Path, target: Path) -> Path:
    shutil.copytree(template, target, ignore=shutil.ignore_patterns(".graphbuild.lock"))
    return target


class Scenario:
    """Inputs X and Y, DIR after building X, and DIR after an uninterrupted ``build X Y``."""

    def __init__(self, root: Path, model: str):
        self.model = model
        self.first, self.second = root / "x", root / "y"
        for folder, count, offset in ((self.first, 3, 0), (self.second, 12, 3)):
            folder.mkdir()
            for number in range(offset, offset + count):
                text = " ".join(NEWS[(number + k) % len(NEWS)] for k in range(3))
                (folder / f"report-{number:03d}-2023-03-{1 + number % 28:02d}.txt").write_text(
                    f"Report {number}. {text}\n"
                )
        self.after_first = root / "after-x"
        done = run(build_args(self.after_first, [self.first], model, "--workers", "1"))
        assert done.returncode == 0, done.stderr
        self.expected = copy_build(self.after_first, root / "after-xy")
        started = time.perf_counter()
        done = run(self.args(self.expected))
        self.seconds = time.perf_counter() - started
        assert done.returncode == 0, done.stderr

    def args(self, directory: Path, *extra: str) -> list[str]:
        return build_args(
            directory, [self.first, self.second], self.model, "--workers", "1", *extra
        )

    def assert_final(self, directory: Path) -> None:
        assert not (directory / ".staging").exists()
        assert data_digest(directory) == data_digest(self.expected)
        assert visible_names(directory) == visible_names(self.expected)
        assert_no_duplicates(directory)


@pytest.fixture(scope="module")
def scenario(tmp_path_factory, robustness_model) -> Scenario:
    return Scenario(tmp_path_factory.mktemp("scenario"), robustness_model)


@pytest.mark.parametrize(
    "point",
    ["extract-5", "before-mark", "moved-0", "moved-3"],
)
def test_kill_9_at_a_point_then_rerun_gives_the_clean_result(scenario, tmp_path, point):
    directory = copy_build(scenario.after_first, tmp_path / "kg")
    killed = run_killed_at(point, scenario.args(directory))
    assert killed.returncode == -signal.SIGKILL, (
        f"kill point {point} never reached:\n{killed.stderr}"
    )
    if point.startswith("moved-"):
        assert (directory / ".staging" / "COMMITTED").exists()
    else:  # killed before the commit mark: readers still see the first build, untouched
        assert data_digest(directory) == data_digest(scenario.after_first)
    again = run(scenario.args(directory))
    assert again.returncode == 0, again.stderr
    scenario.assert_final(directory)


@pytest.mark.parametrize("delay", [0.0, 0.5])
def test_kill_9_of_the_process_group_mid_build_then_rerun(scenario, tmp_path, delay):
    """SIGKILL from outside to the CLI and its worker processes, like a crash or an OOM kill."""
    directory = copy_build(scenario.after_first, tmp_path / "kg")
    args = build_args(
        directory, [scenario.first, scenario.second], scenario.model, "--workers", "2"
    )
    process = subprocess.Popen(
        cli(*args), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
    )
    deadline = time.monotonic() + 120
    while not (directory / ".staging").exists():  # the run holds the lock and is extracting
        assert process.poll() is None and time.monotonic() < deadline, "the build never started"
        time.sleep(0.01)
    time.sleep(delay)
    os.killpg(process.pid, signal.SIGKILL)
    assert process.wait(timeout=60) == -signal.SIGKILL, "the build ended before it was killed"
    again = run(scenario.args(directory))
    assert again.returncode == 0, again.stderr
    scenario.assert_final(directory)


def test_second_run_refuses_or_waits_while_the_first_holds_the_directory(scenario, tmp_path):
    directory = copy_build(scenario.after_first, tmp_path / "kg")
    ready, go = tmp_path / "ready", tmp_path / "go"
    env = {**os.environ, "READY": str(ready), "GO": str(go)}
    first = subprocess.Popen(
        [sys.executable, "-c", KILL_RUNNER, "hold", *scenario.args(directory)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    waiter = None
    try:
        deadline = time.monotonic() + COMMAND_TIMEOUT
        while not ready.exists():
            assert first.poll() is None, first.communicate()[1]
            assert time.monotonic() < deadline, "the first run never reached its commit"
            time.sleep(0.05)

        refused = run(scenario.args(directory))
        assert refused.returncode == 3, refused.stderr
        message = refused.stderr.strip()
        assert "\n" not in message and "Traceback" not in message
        assert "another graphbuild run" in message and "--wait" in message
        assert data_digest(directory) == data_digest(scenario.after_first)

        waiter = subprocess.Popen(
            cli(*scenario.args(directory, "--wait")),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        time.sleep(2)
        assert waiter.poll() is None, "--wait did not wait for the lock"
        assert data_digest(directory) == data_digest(scenario.after_first)
    finally:
        go.touch()
    _, first_err = first.communicate(timeout=COMMAND_TIMEOUT)
    assert first.returncode == 0, first_err
    _, waiter_err = waiter.communicate(timeout=COMMAND_TIMEOUT)
    assert waiter.returncode == 0, waiter_err
    assert "0 new" in waiter_err  # it saw the first run's commit, not the state before it
    scenario.assert_final(directory)


def test_a_reader_after_a_kill_midway_through_the_commit_sees_one_whole_build(scenario, tmp_path):
    import graphbuild

    directory = copy_build(scenario.after_first, tmp_path / "kg")
    killed = run_killed_at("moved-3", scenario.args(directory))
    assert killed.returncode == -signal.SIGKILL
    graphbuild.load(directory)
    assert data_digest(directory) in (
        data_digest(scenario.after_first),
        data_digest(scenario.expected),
    )
