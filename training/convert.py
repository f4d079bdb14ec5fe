"""Convert the open treebanks to spaCy DocBins for training and evaluation.

    python -m training.convert --corpus ../shared/corpora --out training/corpus

- train: GUM documents not listed as dev or test in ``gum/splits.md`` (with NER
  from GUM's entity layer, plus a name-substituted copy of each chunk that has
  names) and UD EWT dev+test, syntax only: their NER is left *missing*, so the
  entity recogniser treats them as unannotated rather than as "no entities" (the
  shipped recipe). With ``--uner`` the Universal NER labels are joined to the EWT
  trees by sent_id (``training/uner.py``; tried, not shipped: docs/model.md)
- dev: the GUM dev documents; test: the GUM test documents (held out, never trained on)
- uner_test (``--uner`` only): the EWT documents whose id hashes into the
  held-out documents (``uner_test_document``, about one in five), never trained on (neither syntax nor
  NER), with UNER's own labels (PER, ORG, LOC) for ``training.evaluate --uner``

Writes ``train.spacy``, ``dev.spacy``, ``test.spacy``, ``uner_test.spacy`` and
``manifest.json`` (document lists, sizes and a SHA-256 over every input file).
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
from training.uner import iob_spans, read_iob2, uner_entities

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


def uner_test_document(doc_id: str) -> bool:
    """Whether an EWT document is held out as the UNER test split: about one in five, by a hash of the id."""
    return hashlib.sha256(doc_id.encode("utf-8")).digest()[0] % 5 == 0


def _to_doc(vocab, sentences: list[Sentence], spans_per_sentence: list | None):
    """One spaCy Doc; spans per sentence, where a sentence's None or a span's None label = missing NER."""
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
            spans = spans_per_sentence[index]
            iob: list[str | None] = [None if spans is None else "O"] * len(sentence.words)
            for start, end, label in spans or []:
                for inner in range(start, end):
                    iob[inner] = (
                        None if label is None else f"{'B' if inner == start else 'I'}-{label}"
                    )
            ents.extend(iob)
    if spaces:
        spaces[-1] = False
    return Doc(
        vocab,
        words=words,
        spaces=spaces,
        tags=tags,
        pos=pos,
        morphs=morphs,
        lemmas=lemmas,
        heads=heads,
        deps=deps,
        ents=ents,
    )


def _chunks(sentences: list[Sentence], size: int) -> list[list[Sentence]]:
    return (
        [sentences[i : i + size] for i in range(0, len(sentences), size)] if size else [sentences]
    )


def file_digest(paths: list[Path]) -> str:
    """SHA-256 over the names and bytes of the input files, in a stable order."""
    digest = hashlib.sha256()
    for path in sorted(paths, key=lambda p: p.name):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def convert(
    corpus: Path,
    out: Path,
    chunk: int = 10,
    augment: int = 1,
    seed: int = 0,
    kb_share: float = 0.0,
    uner: bool = False,
    person_kb_share: float = 0.0,
    uner_augment: bool = False,
) -> dict:
    """Write the DocBins and the manifest; return the manifest."""
    import spacy
    from spacy.tokens import DocBin

    gum_dir, ewt_dir, uner_dir = (
        corpus / "gum",
        corpus / "ud-english-ewt",
        corpus / "uner-english-ewt",
    )
    splits = split_lists(gum_dir / "splits.md")
    held_out = splits.get("dev", set()) | splits.get("test", set())
    gum_files = sorted(gum_dir.glob("*.conllu"))
    ewt_files = sorted(ewt_dir.glob("*.conllu"))
    if not gum_files:
        raise FileNotFoundError(f"{gum_dir}: no GUM .conllu files")

    vocab = spacy.blank("en").vocab
    rng = random.Random(seed)
    uner_files = sorted(uner_dir.glob("*.iob2")) if uner else []
    uner_tags: dict[str, list[tuple[str, str]]] = {}
    for path in uner_files:
        uner_tags.update(read_iob2(path))
    bins = {name: DocBin(store_user_data=False) for name in ("train", "dev", "test", "uner_test")}
    stats: dict[str, Counter] = {name: Counter() for name in bins}
    documents: dict[str, list[str]] = {name: [] for name in bins}

    for path in gum_files:
        for document in read_documents(path):
            split = (
                "dev"
                if document.doc_id in splits.get("dev", set())
                else "test"
                if document.doc_id in splits.get("test", set())
                else "train"
            )
            if split == "train" and document.doc_id in held_out:
                continue
            documents[split].append(document.doc_id)
            _add_gum(
                document, split, bins, stats, vocab, chunk, augment, rng, kb_share, person_kb_share
            )
    for path in ewt_files:
        for document in read_documents(path):
            held = bool(uner_tags) and uner_test_document(document.doc_id)
            _add_ewt(
                document,
                "uner_test" if held else "train",
                bins,
                stats,
                vocab,
                chunk,
                uner_tags if uner_tags else None,
                (rng, person_kb_share) if uner_augment else None,
            )
            documents["uner_test" if held else "train"].append(f"EWT:{document.doc_id}")

    out.mkdir(parents=True, exist_ok=True)
    for name, doc_bin in bins.items():
        tmp = out / f".{name}.spacy.tmp"
        doc_bin.to_disk(tmp)
        tmp.replace(out / f"{name}.spacy")
    manifest = {
        "corpus": str(corpus),
        "data_sha256": file_digest(gum_files + ewt_files + uner_files + [gum_dir / "splits.md"]),
        "uner": bool(uner_tags),
        "recipe_sha256": file_digest(
            sorted(Path(__file__).parent.glob("*.py"))
            + sorted((Path(__file__).parent / "lexicons").glob("*.txt"))
            + list(KB_FILES)
        ),
        "chunk_sentences": chunk,
        "augment_copies": augment,
        "kb_name_share": kb_share,
        "kb_person_name_share": person_kb_share,
        "uner_augment": bool(uner_tags) and uner_augment,
        "seed": seed,
        "documents": {k: sorted(v) for k, v in documents.items()},
        "stats": {k: dict(v) for k, v in stats.items()},
    }
    (out / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return manifest


def _add_ewt(
    document: Document, split: str, bins, stats, vocab, chunk, uner_tags, augment=None
) -> None:
    """EWT trees; NER from UNER (train: graphbuild labels; uner_test: UNER's own) or missing.

    ``augment`` = (rng, person KB share): training chunks with a UNER name also get one
    name-substituted copy, as GUM's chunks do (more, and more varied, PERSON names).
    """
    for part in _chunks(document.sentences, chunk if split == "train" else 0):
        if uner_tags is None:
            spans = None
        elif split == "train":
            spans = [uner_entities(s.words, uner_tags.get(s.sent_id)) for s in part]
        else:
            part = [s for s in part if uner_entities(s.words, uner_tags.get(s.sent_id)) is not None]
            spans = [iob_spans([tag for _, tag in uner_tags[s.sent_id]]) for s in part]
        if not part:
            continue
        bins[split].add(_to_doc(vocab, part, spans))
        stats[split]["ewt_words"] += sum(len(s.words) for s in part)
        if augment and split == "train" and spans and any(spans):
            rng, person_kb_share = augment
            copies, copy_spans = _augmented_copy(part, spans, rng, person_kb_share=person_kb_share)
            bins[split].add(_to_doc(vocab, copies, copy_spans))
            stats[split]["ewt_augmented_words"] += sum(len(s.words) for s in copies)
        for sentence_spans in spans or []:
            if sentence_spans is None:
                stats[split]["uner_sentences_missing"] += 1
                continue
            stats[split]["uner_sentences"] += 1
            stats[split].update(f"uner_{label}" for _, _, label in sentence_spans)


def _add_gum(
    document: Document,
    split: str,
    bins,
    stats,
    vocab,
    chunk,
    augment,
    rng,
    kb_share: float = 0.0,
    person_kb_share: float = 0.0,
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
            copies, copy_spans = _augmented_copy(part, spans, rng, kb_share, person_kb_share)
            bins[split].add(_to_doc(vocab, copies, copy_spans))
            stats[split]["augmented_words"] += sum(len(s.words) for s in copies)


def _augmented_copy(
    part: list[Sentence], spans: list, rng, kb_share: float = 0.0, person_kb_share: float = 0.0
) -> tuple[list[Sentence], list]:
    """Name-substituted, title-inserted, sometimes curly-quoted copies of a chunk's sentences.

    A sentence whose NER is missing (spans None) is copied unchanged and stays missing.
    """
    copies, copy_spans = [], []
    for sentence, sentence_spans in zip(part, spans, strict=True):
        if sentence_spans is None:
            copies.append(sentence)
            copy_spans.append(None)
            continue
        words: list[Word] = substitute_names(
            sentence.words,
            sentence_spans,
            rng,
            kb_share=kb_share,
            person_kb_share=person_kb_share,
        )
        words, new_spans = insert_titles(words, sentence_spans, rng)
        if rng.random() < 0.5:
            words = curly_quotes(words)
        copies.append(Sentence(sentence.sent_id, words))
        copy_spans.append(new_spans)
    return copies, copy_spans


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--corpus",
        type=Path,
        default=DEFAULT_CORPUS,
        help="folder holding gum/ and ud-english-ewt/ (default ../shared/corpora)",
    )
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--chunk", type=int, default=10, help="sentences per training doc")
    parser.add_argument("--augment", type=int, default=1, help="name-substituted copies per chunk")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--kb-names",
        type=float,
        default=0.0,
        metavar="SHARE",
        help="share of substituted names drawn from the actor knowledge base (default 0)",
    )
    parser.add_argument(
        "--uner",
        action="store_true",
        help="join Universal NER to the EWT trees and hold out the UNER test documents "
        "(tried, not shipped; default: EWT NER missing, as the shipped model)",
    )
    parser.add_argument(
        "--kb-person-names",
        type=float,
        default=0.0,
        metavar="SHARE",
        help="share of substituted person names drawn from the knowledge base's people (default 0)",
    )
    parser.add_argument(
        "--uner-augment",
        action="store_true",
        help="with --uner: one name-substituted copy of each EWT training chunk with a name",
    )
    args = parser.parse_args(argv)
    try:
        manifest = convert(
            args.corpus,
            args.out,
            args.chunk,
            args.augment,
            args.seed,
            args.kb_names,
            uner=args.uner,
            person_kb_share=args.kb_person_names,
            uner_augment=args.uner_augment,
        )
    except (OSError, ValueError) as exc:
        print(f"training.convert: {exc}", file=sys.stderr)
        return 1
    print(json.dumps(manifest["stats"], indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
