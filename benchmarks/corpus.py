"""The benchmark corpus: real news-like text, repeated to 1k, 10k and 100k articles.

The base documents are the seed article(s) and the GUM news, interview,
speech and bio documents, rebuilt as plain articles from their CoNLL-U files
(the ``# text`` lines; a blank line at each ``# newpar``). Copies are told apart
by a numbered first line, so every article has its own content id and
graphbuild treats each as new. Output: ``benchmarks/corpus/<size>/part-NNNNN.jsonl``
(1000 articles a file, under the readers' per-file limit) and ``.corpus.json`` with
the counts (a hidden name, so graphbuild does not read it as an input). A size
already written with the same recipe is left alone.

    python benchmarks/corpus.py --sizes 1k,10k,100k
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

from results import (
    BENCH_DIR,
    ROOT,
    parse_size,
    setup_logging,
    size_label,
    smoke,
    table,
    work_dir,
    write_section,
)

GENRES = ("news", "interview", "speech", "bio")
SHARD_ARTICLES = 1000
RECIPE = 1  # bump when the way articles are made changes, so old corpora are rebuilt
log = logging.getLogger("bench")


@dataclass(frozen=True)
class BaseDocument:
    name: str
    text: str
    title: str | None
    date: str | None
    url: str | None


def default_gum_dir() -> Path:
    return Path(os.environ.get("GRAPHBUILD_GUM") or ROOT.parent / "shared" / "corpora" / "gum")


def corpus_root() -> Path:
    return work_dir() / "corpus" if smoke() else BENCH_DIR / "corpus"


def read_conllu_document(path: Path) -> BaseDocument:
    """One GUM document as plain text: sentences joined by spaces, paragraphs by a blank line."""
    paragraphs: list[list[str]] = []
    meta: dict[str, str] = {}
    new_paragraph = True
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("# newpar") and not line.startswith("# newpar_"):
                new_paragraph = True
            elif line.startswith("# meta::"):
                key, _, value = line[len("# meta::") :].partition(" = ")
                meta[key.strip()] = value.strip()
            elif line.startswith("# text = "):
                sentence = line[len("# text = ") :].strip()
                if new_paragraph or not paragraphs:
                    paragraphs.append([])
                    new_paragraph = False
                paragraphs[-1].append(sentence)
    text = "\n\n".join(" ".join(p) for p in paragraphs if p)
    return BaseDocument(
        path.stem, text, meta.get("title"), meta.get("dateCreated"), meta.get("sourceURL")
    )


def read_seed(path: Path) -> BaseDocument:
    from graphbuild.ingest.dates import date_in_text

    return BaseDocument(
        path.stem, path.read_text(encoding="utf-8"), None, date_in_text(path.name), None
    )


def base_documents(gum_dir: Path, seeds_dir: Path) -> list[BaseDocument]:
    """The seed articles and the chosen GUM genres, in a stable order."""
    docs = [read_seed(p) for p in sorted(seeds_dir.glob("*.txt"))]
    for genre in GENRES:
        docs += [read_conllu_document(p) for p in sorted(gum_dir.glob(f"GUM_{genre}_*.conllu"))]
    if len(docs) < 2:
        raise SystemExit(
            f"corpus: found no GUM documents in {gum_dir} (set GRAPHBUILD_GUM or --gum)"
        )
    return docs


def article_record(number: int, doc: BaseDocument) -> dict[str, str | None]:
    """Copy ``number`` of ``doc``; the numbered first line makes its content id unique."""
    return {
        "text": f"Dispatch {number}.\n\n{doc.text}",
        "title": doc.title,
        "date": doc.date,
        "url": f"{doc.url}#copy-{number}" if doc.url else None,
        "source": f"benchmark:{doc.name}",
    }


def write_corpus(size: int, docs: list[BaseDocument], root: Path) -> Path:
    """Write ``size`` articles into ``root/<label>/``, unless the same corpus is already there."""
    target = root / size_label(size)
    manifest_path = target / ".corpus.json"
    recipe = {"recipe": RECIPE, "articles": size, "base_documents": [d.name for d in docs]}
    if manifest_path.exists():
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        if {k: manifest.get(k) for k in recipe} == recipe:
            log.info("corpus %s: already written (%s)", target, _describe(manifest))
            return target
    staging = root / f".{size_label(size)}.partial"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    words = chars = 0
    handle = None
    for number in range(size):
        if number % SHARD_ARTICLES == 0:
            if handle:
                handle.close()
            handle = open(
                staging / f"part-{number // SHARD_ARTICLES:05d}.jsonl", "w", encoding="utf-8"
            )
        record = article_record(number + 1, docs[number % len(docs)])
        words += len(record["text"].split())
        chars += len(record["text"])
        handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    if handle:
        handle.close()
    manifest = {
        **recipe,
        "words": words,
        "characters": chars,
        "words_per_article": round(words / size, 1),
    }
    (staging / ".corpus.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    shutil.rmtree(target, ignore_errors=True)
    os.replace(staging, target)
    log.info("corpus %s: written (%s)", target, _describe(manifest))
    return target


def _describe(manifest: dict) -> str:
    return (
        f"{manifest['articles']} articles, {manifest['words']} words, "
        f"{manifest['words_per_article']} words/article"
    )


def ensure_corpus(size: int, gum_dir: Path | None = None, seeds_dir: Path | None = None) -> Path:
    """The folder of a ``size``-article corpus, written first if needed."""
    docs = base_documents(gum_dir or default_gum_dir(), seeds_dir or ROOT / "seeds")
    return write_corpus(size, docs, corpus_root())


def corpus_manifest(folder: Path) -> dict:
    return json.loads((folder / ".corpus.json").read_text(encoding="utf-8"))


def render(docs: list[BaseDocument], root: Path) -> str:
    """The corpus section of RESULTS.md: what the articles are and how many words they hold."""
    rows = []
    for manifest_path in sorted(root.glob("*/.corpus.json")):
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        rows.append([manifest["articles"], f"{manifest['words']:,}", manifest["words_per_article"]])
    rows.sort()
    genres = ", ".join(GENRES)
    words = sum(len(d.text.split()) for d in docs)
    return "\n".join(
        [
            "## Benchmark corpus",
            "",
            f"{len(docs)} base documents ({words / len(docs):.0f} words on average): the seed "
            f"article and the GUM {genres} documents rebuilt as plain text from their CoNLL-U "
            "`# text` lines (paragraphs at `# newpar`), repeated in turn, each copy opening "
            'with its own numbered line ("Dispatch N.") so every article has its own id.',
            "",
            table(["articles", "words", "words/article"], rows),
            "",
            "Command: `python benchmarks/corpus.py --sizes 1k,10k,100k` "
            "(written to benchmarks/corpus/, git-ignored).",
        ]
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--sizes", default="50" if smoke() else "1k,10k,100k", help="comma-separated sizes"
    )
    parser.add_argument("--gum", type=Path, default=None, help="folder of GUM .conllu files")
    parser.add_argument(
        "--seeds", type=Path, default=ROOT / "seeds", help="folder of seed .txt articles"
    )
    args = parser.parse_args(argv)
    setup_logging("corpus")
    try:
        sizes = list(dict.fromkeys(parse_size(s) for s in args.sizes.split(",")))
    except ValueError as exc:
        parser.error(str(exc))
    docs = base_documents(args.gum or default_gum_dir(), args.seeds)
    words = sum(len(d.text.split()) for d in docs)
    log.info("%d base documents, %.0f words each on average", len(docs), words / len(docs))
    for size in sizes:
        write_corpus(size, docs, corpus_root())
    write_section("corpus", render(docs, corpus_root()), after="summary")
    return 0


if __name__ == "__main__":
    sys.exit(main())
