"""Convert the open treebanks to spaCy DocBins for training and evaluation.

    python -m training.convert --corpus ../shared/corpora --out training/corpus

- train: GUM documents not listed as dev or test in ``gum/splits.md`` (with NER
  from GUM's entity layer, plus a name-substituted copy of each chunk that has
  names) and UD EWT dev+test (syntax only: their NER is left *missing*, so the
  entity recogniser treats them as unannotated rather than as "no entities")
- dev: the GUM dev documents; test: the GUM test documents (held out, never trained on)

Writes ``train.spacy``, ``dev.spacy``, ``test.spacy`` and ``manifest.json``
(document lists, sizes and a SHA-256 over every input file).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import sys
from collections import Counter
from pathlib import Path

from training.augment import curly_quotes, insert_titles, substitute_names
from training.conllu import Document, Sentence, Word, read_documents
from training.entities import named_entities
from training.kb_names import KB_FILES

REPO = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = (REPO / ".." / "shared" / "corpora").resolve()
DEFAULT_OUT = REPO / "training" / "corpus"


def split_lists(splits_md: Path) -> dict[str, set[str]]:
    """Document ids per section (dev, test, ...) of GUM's splits.md."""
    sections: dict[str, set[str]] = {}
    current = None
    for line in splits_md.read_text(encoding="utf-8").splitlines():
        heading = re.match(r"##\s+(\S+)", line)
        if heading:
            current = heading.group(1).strip().lower()
            sections[current] = set()
        elif current and (item := re.match(r"\s*\*\s+(\S+)", line)):
            sections[current].add(item.group(1))
    return sections


def _to_doc(vocab, sentences: list[Sentence], spans_per_sentence: list | None):
    from spacy.tokens import Doc

    words, spaces, tags, pos, morphs, lemmas, heads, deps = [], [], [], [], [], [], [], []
    ents: list[str] | None = [] if spans_per_sentence is not None else None
    for index, sentence in enumerate(sentences):
        offset = len(words)
        for word in sentence.words:
            words.append(word.form)
            spaces.append(word.space_after)
            tags.append(word.xpos)
            pos.append(word.upos)
            morphs.append("" if word.feats == "_" else word.feats)
            lemmas.append(word.lemma)
            heads.append(offset + word.head - 1 if word.head else len(words) - 1)
            deps.append("ROOT" if word.deprel == "root" else word.deprel)
        if ents is not None:
            iob = ["O"] * len(sentence.words)
            for start, end, label in spans_per_sentence[index]:
                iob[start] = f"B-{label}"
                for inner in range(start + 1, end):
                    iob[inner] = f"I-{label}"
            ents.extend(iob)
    if spaces:
        spaces[-1] = False
    return Doc(vocab, words=words, spaces=spaces, tags=tags, pos=pos, morphs=morphs,
               lemmas=lemmas, heads=heads, deps=deps, ents=ents)


def _chunks(sentences: list[Sentence], size: int) -> list[list[Sentence]]:
    return [sentences[i : i + size] for i in range(0, len(sentences), size)] if size else [sentences]


def file_digest(paths: list[Path]) -> str:
    """SHA-256 over the names and bytes of the input files, in a stable order."""
    digest = hashlib.sha256()
    for path in sorted(paths, key=lambda p: p.name):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def convert(
    corpus: Path, out: Path, chunk: int = 10, augment: int = 1, seed: int = 0, kb_share: float = 0.0
) -> dict:
    """Write the DocBins and the manifest; return the manifest."""
    import spacy
    from spacy.tokens import DocBin

    gum_dir, ewt_dir = corpus / "gum", corpus / "ud-english-ewt"
    splits = split_lists(gum_dir / "splits.md")
    held_out = splits.get("dev", set()) | splits.get("test", set())
    gum_files = sorted(gum_dir.glob("*.conllu"))
    ewt_files = sorted(ewt_dir.glob("*.conllu"))
    if not gum_files:
        raise FileNotFoundError(f"{gum_dir}: no GUM .conllu files")

    vocab = spacy.blank("en").vocab
    rng = random.Random(seed)
    bins = {name: DocBin(store_user_data=False) for name in ("train", "dev", "test")}
    stats: dict[str, Counter] = {name: Counter() for name in bins}
    documents: dict[str, list[str]] = {name: [] for name in bins}

    for path in gum_files:
        for document in read_documents(path):
            split = ("dev" if document.doc_id in splits.get("dev", set())
                     else "test" if document.doc_id in splits.get("test", set()) else "train")
            if split == "train" and document.doc_id in held_out:
                continue
            documents[split].append(document.doc_id)
            _add_gum(document, split, bins, stats, vocab, chunk, augment, rng, kb_share)
    for path in ewt_files:
        for document in read_documents(path):
            documents["train"].append(f"EWT:{document.doc_id}")
            for part in _chunks(document.sentences, chunk):
                bins["train"].add(_to_doc(vocab, part, None))
                stats["train"]["ewt_words"] += sum(len(s.words) for s in part)

    out.mkdir(parents=True, exist_ok=True)
    for name, doc_bin in bins.items():
        tmp = out / f".{name}.spacy.tmp"
        doc_bin.to_disk(tmp)
        tmp.replace(out / f"{name}.spacy")
    manifest = {
        "corpus": str(corpus),
        "data_sha256": file_digest(gum_files + ewt_files + [gum_dir / "splits.md"]),
        "recipe_sha256": file_digest(sorted(Path(__file__).parent.glob("*.py"))
                                     + sorted((Path(__file__).parent / "lexicons").glob("*.txt"))
                                     + list(KB_FILES)),
        "chunk_sentences": chunk,
        "augment_copies": augment,
        "kb_name_share": kb_share,
        "seed": seed,
        "documents": {k: sorted(v) for k, v in documents.items()},
        "stats": {k: dict(v) for k, v in stats.items()},
    }
    (out / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return manifest


def _add_gum(
    document: Document, split: str, bins, stats, vocab, chunk, augment, rng, kb_share: float = 0.0
) -> None:
    parts = _chunks(document.sentences, chunk if split == "train" else 0)
    for part in parts:
        spans = [named_entities(s.words) for s in part]
        bins[split].add(_to_doc(vocab, part, spans))
        stats[split]["gum_words"] += sum(len(s.words) for s in part)
        for sentence_spans in spans:
            stats[split].update(label for _, _, label in sentence_spans)
        if split != "train" or not any(spans):
            continue
        for _ in range(augment):
            copies, copy_spans = [], []
            for sentence, sentence_spans in zip(part, spans, strict=True):
                words: list[Word] = substitute_names(
                    sentence.words, sentence_spans, rng, kb_share=kb_share
                )
                words, new_spans = insert_titles(words, sentence_spans, rng)
                if rng.random() < 0.5:
                    words = curly_quotes(words)
                copies.append(Sentence(sentence.sent_id, words))
                copy_spans.append(new_spans)
            bins[split].add(_to_doc(vocab, copies, copy_spans))
            stats[split]["augmented_words"] += sum(len(s.words) for s in copies)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS,
                        help="folder holding gum/ and ud-english-ewt/ (default ../shared/corpora)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--chunk", type=int, default=10, help="sentences per training doc")
    parser.add_argument("--augment", type=int, default=1, help="name-substituted copies per chunk")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--kb-names", type=float, default=0.0, metavar="SHARE",
                        help="share of substituted names drawn from the actor knowledge base (default 0)")
    args = parser.parse_args(argv)
    try:
        manifest = convert(args.corpus, args.out, args.chunk, args.augment, args.seed, args.kb_names)
    except (OSError, ValueError) as exc:
        print(f"training.convert: {exc}", file=sys.stderr)
        return 1
    print(json.dumps(manifest["stats"], indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
