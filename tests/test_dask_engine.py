"""The Dask engine on a real dask.distributed LocalCluster with two worker processes.

Its output must be byte for byte a local build's; a build cut short resumes from the
shards already done; a worker killed in the middle of a shard costs nothing but time.
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

pytest.importorskip("distributed", reason="the dask extra is not installed")

from distributed import LocalCluster  # noqa: E402

import graphbuild  # noqa: E402
from graphbuild.builder import BuildReport  # noqa: E402
from graphbuild.engines import make_engine  # noqa: E402
from graphbuild.engines.shards import plan_shards  # noqa: E402

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
JSONL_FILES = ("a.jsonl", "b.txt", "c.txt", "d.txt", "e.txt")
OUTPUTS = ("articles.jsonl", "actors.jsonl", "relations.jsonl", "mentions.jsonl")
SKIP = ["store", "rdf", "graphml", "html"]
SHARD_BYTES = 700  # the JSONL file becomes several byte ranges, the text files a few groups

# Written for these tests: short wire-style items with the three families of relations.
WIRE = [
    (
        "2024-01-08",
        "Kenyan President William Ruto met Ethiopian Prime Minister Abiy Ahmed in "
        "Nairobi on Monday to discuss the drought.",
    ),
    (
        "2024-01-09",
        "Poland's foreign minister criticised Hungary for blocking the aid package, "
        "and Warsaw urged Budapest to lift its veto.",
    ),
    (
        "2024-01-10",
        "The Japanese government praised South Korea for its help after the "
        "earthquake. Tokyo thanked Seoul for sending rescue teams.",
    ),
    (
        "2024-01-11",
        "Iran condemned the strikes on its allies in Yemen and accused the United "
        "States of escalating the conflict.",
    ),
    (
        "2024-01-12",
        "Chancellor Olaf Scholz hosted French President Emmanuel Macron in Berlin, "
        "where the two leaders signed an agreement on energy.",
    ),
    (
        "2024-01-15",
        "Brazil's President Lula da Silva visited Egypt and met President Abdel Fattah "
        "el-Sisi in Cairo.",
    ),
    (
        "2024-01-16",
        "Australia imposed sanctions on Russia over the war, and Canberra criticised "
        "Moscow for its attacks on Ukrainian ports.",
    ),
    (
        "2024-01-17",
        "Turkish President Recep Tayyip Erdogan spoke with Greek Prime Minister "
        "Kyriakos Mitsotakis and praised the improving ties between Ankara and Athens.",
    ),
]
STORIES = {
    "b.txt": "Indian Prime Minister Narendra Modi met Sri Lankan President Ranil Wickremesinghe "
    "in New Delhi on Friday. Modi praised Sri Lanka's economic reforms.",
    "c.txt": "The European Union criticised China over its trade practices. Brussels accused "
    "Beijing of dumping steel on European markets.",
    "d.txt": "Mexican President Andres Manuel Lopez Obrador hosted Canadian Prime Minister Justin "
    "Trudeau in Mexico City, and the two leaders agreed to expand trade.",
    "e.txt": "North Korea threatened South Korea after the joint military drills, and Seoul "
    "condemned Pyongyang's missile launch.",
}


@pytest.fixture(scope="module")
def inputs(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("dask-news")
    lines = [json.dumps({"text": text, "date": date}) for date, text in WIRE]
    lines.insert(3, "{not json")  # a bad line: reported with its line number, skipped
    lines.insert(6, lines[1])  # a duplicate record: read, counted, written once
    (folder / "a.jsonl").write_text("\n".join(lines) + "\n")
    for name, text in STORIES.items():
        (folder / name).write_text(text + "\n")
    return folder


@pytest.fixture(scope="module")
def cluster():
    """Two worker processes (one thread each) that import this checkout's graphbuild."""
    previous = os.environ.get("PYTHONPATH")
    os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), previous]))
    try:
        with LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as local:
            yield local
    finally:
        if previous is None:
            os.environ.pop("PYTHONPATH", None)
        else:
            os.environ["PYTHONPATH"] = previous


@pytest.fixture(scope="module")
def local_build(tmp_path_factory, inputs) -> tuple[Path, BuildReport]:
    out = tmp_path_factory.mktemp("local") / "kg"
    report = BuildReport(out)
    graphbuild.build([str(inputs)], out=out, workers=1, skip_outputs=SKIP, report=report)
    return out, report


def dask_engine(cluster, **settings):
    return make_engine(
        "dask", scheduler=cluster.scheduler_address, shard_bytes=SHARD_BYTES, **settings
    )


def assert_same_outputs(one: Path, two: Path) -> None:
    for name in OUTPUTS:
        assert (one / name).read_bytes() == (two / name).read_bytes(), name


def test_shards_cut_large_jsonl_into_ranges_and_group_small_files(inputs):
    sources = [str(inputs / name) for name in JSONL_FILES]
    shards = plan_shards(sources, SHARD_BYTES)
    ranges = [p for s in shards for p in s.pieces if p.source.endswith("a.jsonl")]
    assert len(ranges) > 1
    size = (inputs / "a.jsonl").stat().st_size
    assert ranges[0].start == 0 and ranges[-1].end == size
    assert all(a.end == b.start for a, b in zip(ranges, ranges[1:], strict=False))
    data = (inputs / "a.jsonl").read_bytes()
    for piece in ranges:  # every range ends after a newline, and knows its first line's number
        assert data[piece.end - 1 : piece.end] == b"\n"
        assert piece.first_line == data[: piece.start].count(b"\n") + 1
    texts = [p for s in shards for p in s.pieces if p.source.endswith(".txt")]
    assert len(texts) == 4 and len(shards) < len(ranges) + 4  # small files share shards


def test_dask_build_is_byte_identical_to_a_local_build(tmp_path, inputs, cluster, local_build):
    local, local_report = local_build
    out = tmp_path / "kg"
    report = BuildReport(out)
    graphbuild.build(
        [str(inputs)], out=out, skip_outputs=SKIP, report=report, engine=dask_engine(cluster)
    )
    assert_same_outputs(local, out)
    assert (report.articles_read, report.articles_new, report.articles_duplicate) == (
        local_report.articles_read,
        local_report.articles_new,
        local_report.articles_duplicate,
    )
    assert report.articles_duplicate == 1 and report.articles_new == len(WIRE) + len(STORIES)
    assert any(p.where.endswith("a.jsonl:4") for p in report.problems.items)
    assert not (out / ".shards").exists(), "result files are removed once committed"
    # a second run finds every article known and changes nothing
    before = {name: (out / name).read_bytes() for name in OUTPUTS}
    again = BuildReport(out)
    graphbuild.build(
        [str(inputs)], out=out, skip_outputs=SKIP, report=again, engine=dask_engine(cluster)
    )
    assert again.articles_new == 0 and {n: (out / n).read_bytes() for n in OUTPUTS} == before


class Stop(Exception):
    pass


def test_a_build_cut_short_resumes_from_the_shards_done(
    tmp_path, inputs, cluster, local_build, caplog
):
    out = tmp_path / "kg"

    def stop_after_five(results):
        for number, result in enumerate(results):
            if number == 5:
                raise Stop
            yield result

    with pytest.raises(Stop):
        graphbuild.build(
            [str(inputs)], out=out, skip_outputs=SKIP, engine=dask_engine(cluster),
            progress=stop_after_five,
        )  # fmt: skip
    assert not (out / "articles.jsonl").exists(), "nothing is committed by a build cut short"
    done = list((out / ".shards").glob("*.jsonl"))
    assert done, "the shards finished before the stop are kept"
    caplog.set_level("INFO", logger="graphbuild")
    graphbuild.build([str(inputs)], out=out, skip_outputs=SKIP, engine=dask_engine(cluster))
    line = next(r.getMessage() for r in caplog.records if "shards (" in r.getMessage())
    shards, before, to_extract = map(
        int, re.search(r"(\d+) shards \((\d+) done before, (\d+) to extract", line).groups()
    )
    # a shard a worker was already extracting when the build stopped may land after the
    # stop; it is reused too, so at least the shards seen done are not extracted again
    assert before >= len(done) and before + to_extract == shards, line
    assert_same_outputs(local_build[0], out)


def test_a_worker_killed_mid_shard_loses_and_doubles_nothing(
    tmp_path, inputs, cluster, local_build
):
    out, work = tmp_path / "kg", tmp_path / "work"
    killed: list[int] = []

    def killer():
        deadline = time.monotonic() + 120
        while not killed and time.monotonic() < deadline:
            for tmp in work.glob("*.tmp") if work.exists() else []:
                pid = int(tmp.name.rsplit("-", 1)[1].split(".")[0])
                os.kill(pid, signal.SIGKILL)  # the worker process writing this shard
                killed.append(pid)
                break
            time.sleep(0.01)

    thread = threading.Thread(target=killer)
    thread.start()
    try:
        graphbuild.build(
            [str(inputs)],
            out=out,
            skip_outputs=SKIP,
            engine=dask_engine(cluster, work=f"file://{work}"),
        )
    finally:
        thread.join()
    assert killed, "no shard was seen in progress"
    assert not work.exists(), "result files and the killed worker's partial file are removed"
    assert_same_outputs(local_build[0], out)
    ids = [json.loads(line)["id"] for line in (out / "articles.jsonl").open()]
    assert len(ids) == len(set(ids)) == len(WIRE) + len(STORIES)


def test_cli_dask_engine_on_its_own_local_cluster(tmp_path, inputs, local_build):
    out = tmp_path / "kg"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}  # fmt: skip
    done = subprocess.run(
        [sys.executable, "-m", "graphbuild", "build", f"file://{inputs}", "--out", str(out),
         "--engine", "dask", "--workers", "2", "--shard-size", "0.001", *[f"--skip={s}" for s in SKIP]],
        capture_output=True, text=True, timeout=300, env=env,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "12 new" in done.stderr
    for name in OUTPUTS:  # the same records; file:// inputs name articles by their URL
        local = [json.loads(line) for line in (local_build[0] / name).open()]
        remote = [json.loads(line) for line in (out / name).open()]
        for record in local + remote:
            record.pop("path", None)
        assert remote == local, name


def test_cli_says_how_to_install_dask_when_it_is_missing(tmp_path, inputs):
    code = (
        "import sys; sys.modules['distributed'] = None; "  # as if the extra were not installed
        "from graphbuild.cli import main; "
        f"sys.exit(main(['build', {str(inputs)!r}, '--out', {str(tmp_path / 'kg')!r}, '--engine', 'dask']))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 2
    assert "pip install 'graphbuild[dask]'" in done.stderr
    assert not (tmp_path / "kg" / "articles.jsonl").exists()


def test_inputs_without_articles_leave_no_directory_behind(tmp_path, cluster):
    """The Dask engine plans by file, so it learns only while extracting that a file holds
    no article; like the local engine, it then refuses and creates nothing."""
    empty = tmp_path / "in"
    empty.mkdir()
    (empty / "blank.txt").write_text("   \n\n", encoding="utf-8")
    (empty / "none.jsonl").write_text('{"title": "no text here"}\n', encoding="utf-8")
    out = tmp_path / "kg"
    with pytest.raises(graphbuild.builder.NoArticles, match="not created"):
        graphbuild.build([str(empty)], out=out, skip_outputs=SKIP, engine=dask_engine(cluster))
    assert not out.exists()
