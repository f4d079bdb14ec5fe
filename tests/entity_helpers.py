"""Docs parsed by the shipped pipeline whose entities a test sets by hand, so that a rule
after the NER, not a particular model, is under test (issue #17: rules must hold
whatever the NER says)."""

from __future__ import annotations


def with_ents(nlp, text: str, ents: list[tuple[str, str]]):
    """``text`` parsed, with exactly ``ents`` (phrase, label; first occurrence) as entities."""
    doc = nlp(text)
    spans = []
    for phrase, label in ents:
        start = text.index(phrase)
        span = doc.char_span(start, start + len(phrase), label=label)
        assert span is not None, phrase
        spans.append(span)
    doc.ents = spans
    return doc
