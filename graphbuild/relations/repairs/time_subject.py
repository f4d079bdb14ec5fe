"""Repair for a subject swallowed by the time phrase after it: "The United States on Thursday
demanded ..." parsed with the name as a compound of 'on' and the date as the verb's subject
or oblique. Wire leads put the day between the subject and the verb, so the shape is common."""

from __future__ import annotations

from ..syntax import dep
from .shifted_object import TIME_WORDS


def subject_in_time_phrase(verb) -> list:
    """The name hung on the case word of a date phrase that stands before the verb, where
    the verb has no subject or the date is its subject."""
    found = []
    for phrase in verb.children:
        if (
            phrase.i > verb.i
            or phrase.lower_ not in TIME_WORDS
            or dep(phrase) not in ("nsubj", "obl", "obl:tmod", "nmod", "obl:unmarked")
        ):
            continue
        for case in phrase.children:
            if dep(case) != "case" or case.i > phrase.i:
                continue
            found += [
                c for c in case.children if dep(c) in ("compound", "nmod", "flat") and c.i < case.i
            ]
    return found
