"""Reading CoNLL-U treebanks into plain word records.

Multiword tokens are expanded to their syntactic words (the spaCy tokenizer
splits "Trump's" and "don't" the same way), the range line only lends its
SpaceAfter to the last word; empty nodes and the enhanced graph (DEPS) are
dropped because spaCy's parser predicts basic trees only.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Word:
    form: str
    lemma: str
    upos: str
    xpos: str
    feats: str
    head: int  # 1-based index of the head word in the sentence, 0 for the root
    deprel: str
    misc: dict[str, str]
    space_after: bool = True


@dataclass
class Sentence:
    sent_id: str
    words: list[Word] = field(default_factory=list)


@dataclass
class Document:
    doc_id: str
    sentences: list[Sentence] = field(default_factory=list)


class ConlluError(ValueError):
    """A CoNLL-U line that cannot be read; the message names file and line."""


def _misc(column: str) -> dict[str, str]:
    if column == "_":
        return {}
    items: dict[str, str] = {}
    for part in column.split("|"):
        key, _, value = part.partition("=")
        items[key] = value
    return items


def read_documents(path: Path) -> Iterator[Document]:
    """Yield the documents of one CoNLL-U file (``# newdoc id`` starts a new one)."""
    doc: Document | None = None
    sentence: Sentence | None = None
    mwt_end = 0
    mwt_space = True
    with path.open(encoding="utf-8") as lines:
        for number, raw in enumerate(lines, 1):
            line = raw.rstrip("\n")
            if line.startswith("#"):
                key, _, value = line[1:].partition("=")
                key = key.strip()
                if key == "newdoc id":
                    if doc is not None and doc.sentences:
                        yield doc
                    doc = Document(value.strip())
                elif key == "sent_id":
                    sentence = Sentence(value.strip())
                continue
            if not line.strip():
                if sentence is not None and sentence.words:
                    if doc is None:
                        doc = Document(path.stem)
                    doc.sentences.append(sentence)
                sentence = None
                continue
            cols = line.split("\t")
            if len(cols) != 10:
                raise ConlluError(
                    f"{path}:{number}: expected 10 tab-separated columns, got {len(cols)}"
                )
            if sentence is None:
                sentence = Sentence(f"{path.stem}-{number}")
            token_id = cols[0]
            if "." in token_id:
                continue  # empty node of the enhanced graph
            misc = _misc(cols[9])
            if "-" in token_id:
                mwt_end = int(token_id.split("-")[1])
                mwt_space = misc.get("SpaceAfter") != "No"
                continue
            index = int(token_id)
            if mwt_end and index < mwt_end:
                space = False
            elif mwt_end and index == mwt_end:
                space = mwt_space
                mwt_end = 0
            else:
                space = misc.get("SpaceAfter") != "No"
            try:
                head = int(cols[6])
            except ValueError as exc:
                raise ConlluError(f"{path}:{number}: head {cols[6]!r} is not a number") from exc
            sentence.words.append(
                Word(cols[1], cols[2], cols[3], cols[4], cols[5], head, cols[7], misc, space)
            )
    if sentence is not None and sentence.words:
        if doc is None:
            doc = Document(path.stem)
        doc.sentences.append(sentence)
    if doc is not None and doc.sentences:
        yield doc
