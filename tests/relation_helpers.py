"""What the relation test files share: the trained pipeline on one dated text, the relations
stated as fact, and relations of a hand-built UD parse (to pin a parser slip without
depending on the model's mood)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
import spacy
from spacy.tokens import Doc

from graphbuild.actors import DocActors
from graphbuild.nlp import DEFAULT_MODEL_DIR
from graphbuild.records import Actor, Article, Mention
from graphbuild.relations import extract_relations

VOCAB = spacy.blank("en").vocab

# for a whole test file that parses with the shipped pipeline: ``pytestmark = needs_trained_model``
needs_trained_model = pytest.mark.skipif(
    not (DEFAULT_MODEL_DIR / "config.cfg").exists(),
    reason="graphbuild's trained pipeline is not installed",
)


def extractor_on(date: str) -> Callable[[str], list[dict]]:
    """The relations graphbuild's trained pipeline finds in one text dated ``date``; the
    pipeline is loaded once per test process, whatever the number of files using it."""
    from graphbuild.pipeline import get_extractor

    extractor = get_extractor()

    def run(text: str) -> list[dict]:
        return extractor.process(Article.from_text(text, date=date)).relations

    return run


def stated(rels: list[dict], field: str = "family") -> set[tuple]:
    """(subject, ``field``, object) of the relations stated as fact (asserted or reported)."""
    return {
        (r["subject"]["name"], r[field], r["object"]["name"])
        for r in rels
        if not r["negated"] and r["modality"] in ("asserted", "reported")
    }


def hand_parsed_relations(
    rows: list[tuple],
    mentions: dict,
    actors: dict[str, Actor],
    date: str,
    glued: str = ".,",
) -> list[dict]:
    """Relations of a Doc built from (word, lemma, pos[, tag], head, dep) rows, with actors
    at {token or (start, end): (actor name, how[, sector])}. A word found in ``glued``
    takes no space before it."""
    words = [r[0] for r in rows]
    with_tags = len(rows[0]) == 6
    heads, deps = (4, 5) if with_tags else (3, 4)
    doc = Doc(
        VOCAB,
        words=words,
        spaces=[i + 1 < len(words) and words[i + 1] not in glued for i in range(len(words))],
        lemmas=[r[1] for r in rows],
        pos=[r[2] for r in rows],
        tags=[r[3] for r in rows] if with_tags else None,
        heads=[r[heads] for r in rows],
        deps=[r[deps] for r in rows],
    )
    found = DocActors()
    for where, (name, how, *sector) in mentions.items():
        start, end = where if isinstance(where, tuple) else (where, where + 1)
        actor = actors[name]
        found.actors[actor.id] = actor
        span = doc[start:end]
        found.mentions.append(
            Mention(
                actor.id,
                span.text,
                span.start_char,
                span.end_char,
                how,
                start,
                end,
                sector=sector[0] if sector else None,
            )
        )
    return extract_relations(doc, found, Article.from_text(doc.text, date=date))
