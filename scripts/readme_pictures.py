"""Draw the pictures the README shows, into docs/pictures/ (needs Chromium and Playwright).

    python scripts/readme_pictures.py [--seed-build DIR]

- graph.png, graph-html.png, serve-actor.png, serve-dyad.png: the seed article's build
  (``graphbuild build seeds/``, made here unless --seed-build names one);
- blocs-500.png, timelines-500.png, graph-500.png: the synthetic 500-actor build of the
  picture tests (tests/picture_fixture.py), where blocs and timelines have something to show.
"""

from __future__ import annotations

import argparse
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "pictures"
sys.path.insert(0, str(ROOT / "tests"))

from chromium import chromium_page  # noqa: E402
from picture_fixture import write_picture_build  # noqa: E402

import graphbuild  # noqa: E402
from graphbuild.analytics.report import write_report  # noqa: E402
from graphbuild.export.png import write_png  # noqa: E402
from graphbuild.graph import KnowledgeGraph  # noqa: E402


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed-build", type=Path, help="an existing build of seeds/")
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        seed = args.seed_build
        if seed is None:
            seed = Path(tmp) / "seed-kg"
            graphbuild.build([str(ROOT / "seeds")], out=seed, workers=1)
        write_png(KnowledgeGraph.load(seed), OUT / "graph.png")
        synthetic = write_picture_build(Path(tmp) / "kg-500", actors=500, statements=4000)
        kg = KnowledgeGraph.load(synthetic)
        write_png(kg, OUT / "graph-500.png")
        report = write_report(kg, Path(tmp) / "report")
        shutil.copy(report["blocs"], OUT / "blocs-500.png")
        shutil.copy(report["timelines"], OUT / "timelines-500.png")
        port = _free_port()
        server = subprocess.Popen(
            [sys.executable, "-m", "graphbuild", "serve", str(seed), "--port", str(port)]
        )
        base = f"http://127.0.0.1:{port}"
        try:
            for _ in range(300):
                try:
                    urllib.request.urlopen(base + "/", timeout=5)
                    break
                except OSError:
                    time.sleep(0.2)
            with chromium_page(width=1200, height=900) as page:
                page.goto((seed / "graph.html").as_uri())
                page.wait_for_function("document.body.dataset.layout === 'done'")
                page.screenshot(path=str(OUT / "graph-html.png"))
                page.goto(base + "/actor?id=Q7747&hops=2")
                page.screenshot(path=str(OUT / "serve-actor.png"), full_page=True)
                page.goto(base + "/dyad?a=Q15031&b=Q7747")
                page.screenshot(path=str(OUT / "serve-dyad.png"), full_page=True)
        finally:
            server.terminate()
            server.wait(timeout=30)
    for path in sorted(OUT.glob("*.png")):
        print(path.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main())
