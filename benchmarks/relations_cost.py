"""CPU cost of extraction against a plain parse, phase by phase, in one process.

Wall-clock throughput is meaningless on a loaded shared machine; CPU time of this process
(``time.process_time``) is not. Parses the first N articles of a benchmark corpus with
``nlp.pipe``, then runs the actors step and the relation extractor on the parsed docs, and
prints each phase's seconds and extraction / plain parse (issue 13 allows 1.3).

    PYTHONPATH=$PWD python benchmarks/relations_cost.py [--size 1k] [--articles 120]
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from graphbuild.actors import find_actors
from graphbuild.pipeline import get_extractor
from graphbuild.records import Article
from graphbuild.relations import extract_relations

CORPUS = Path(__file__).parent / "corpus"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", default="1k")
    parser.add_argument("--articles", type=int, default=120)
    args = parser.parse_args()
    texts: list[str] = []
    for part in sorted((CORPUS / args.size).glob("*.jsonl")):
        with part.open(encoding="utf-8") as lines:
            texts += [json.loads(line)["text"] for line in lines if line.strip()]
        if len(texts) >= args.articles:
            break
    texts = texts[: args.articles]
    extractor = get_extractor()
    extractor.nlp("Warm-up sentence in Moscow.")
    start = time.process_time()
    docs = list(extractor.nlp.pipe(texts, batch_size=32))
    parse = time.process_time() - start
    start = time.process_time()
    found = [find_actors(doc, extractor.kb, None) for doc in docs]
    actors = time.process_time() - start
    start = time.process_time()
    relations = 0
    for doc, doc_actors, text in zip(docs, found, texts, strict=True):
        relations += len(extract_relations(doc, doc_actors, Article.from_text(text)))
    rel = time.process_time() - start
    words = sum(len(t.split()) for t in texts)
    print(f"{len(texts)} articles, {words:,} words, {relations} relations")
    print(f"nlp.pipe   {parse:7.2f} s")
    print(f"actors     {actors:7.2f} s ({actors / parse:.1%} of the parse)")
    print(f"relations  {rel:7.2f} s ({rel / parse:.1%} of the parse)")
    print(f"extraction / plain parse: {(parse + actors + rel) / parse:.3f}")


if __name__ == "__main__":
    main()
