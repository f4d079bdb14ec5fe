"""Repairs for tokens the parser took for the subject: a paragraph break ('\\n\\n') with the
name hung under it, a noun before a stray 'that' ('said at a news conference that X's
visit ...')."""

from __future__ import annotations

from ..syntax import (
    dep,
)


def through_space(token) -> list:
    """A whitespace token ('\\n\\n' between paragraphs) the parser made a subject stands for
    the name it hangs over."""
    if not token.is_space:
        return [token]
    return [c for c in token.children if not c.is_space and c.pos_ in ("PROPN", "NOUN", "PRON")]


def after_stray_that(subject):
    """'said at a news conference that Xi's visit indicated ...' parsed with 'conference' as
    the subject and the real one hung under it after 'that': the noun after 'that'."""
    for token in subject.subtree:
        if (
            token.lower_ == "that"
            and dep(token) == "mark"
            and token.head.i > token.i
            and token.head.i != subject.i
            and token.head.pos_ in ("NOUN", "PROPN")
        ):
            return token.head
    return subject
