"""Titles of works (films, books, lectures) are no actors and say nothing.

"His book The Russia Trap", "the film Calling the Shots (1988)", "the novel 'Leaving
Kabul'" name a work: the country inside the title is not mentioned, a name inside it is
no person, and the title's verb ("Calling") is no act. A title is

- a span the NER tags WORK_OF_ART;
- capitalised words in quotes (every content word capitalised, at most ten tokens)
  after a work noun (``work_nouns``: "the novel 'Leaving Kabul'"; a slogan in quotes,
  "chanting 'Death to America'", is no title and keeps its country);
- two or more capitalised words right after a work noun ("the film Calling the
  Shots", "her lecture, Empire and Memory,", the last one between commas) that a KB
  person's full name does not fill (so "a book Putin wrote" keeps Putin).

The pass runs after the KB names and takes the title's tokens; the spans are kept on
the result (``DocActors.titles``) so that the relation step reads no trigger inside one.
"""

from __future__ import annotations

from .state import DocState, Standalone

OPENING_QUOTES = ('"', "\u201c", "'", "\u2018")
CLOSING_QUOTES = {'"': ('"',), "\u201c": ("\u201d", '"'), "'": ("'",), "\u2018": ("\u2019", "'")}
SMALL_WORDS = frozenset({"the", "of", "and", "a", "an", "in", "on", "for", "to", "with", "at"})
MAX_TITLE = 10


def find_work_titles(state: DocState, standalone: list[Standalone]) -> list[Standalone]:
    """Take the tokens of work titles; the KB names outside them stand."""
    spans = sorted(set(_ner_titles(state) + _quoted_titles(state) + _titles_after_nouns(state)))
    for start, end in spans:
        for i in range(start, end):
            state.taken[i] = True
    state.titles = spans
    if not spans:
        return standalone
    return [
        s
        for s in standalone
        if not any(start <= s[0].start and s[0].end <= end for start, end in spans)
    ]


def _ner_titles(state: DocState) -> list[tuple[int, int]]:
    return [(e.start, e.end) for e in state.doc.ents if e.label_ == "WORK_OF_ART"]


def _title_words(tokens) -> bool:
    """Every word capitalised but small words inside; the first one capitalised."""
    words = [t for t in tokens if t.is_alpha]
    if not words or not (words[0].is_title or words[0].is_upper):
        return False
    return all(t.is_title or t.is_upper or t.lower_ in SMALL_WORDS for t in words)


def _quoted_titles(state: DocState) -> list[tuple[int, int]]:
    doc = state.doc
    found = []
    for i, token in enumerate(doc):
        if token.text not in OPENING_QUOTES:
            continue
        if token.text in ("'", "\u2018") and i > 0 and not doc[i - 1].whitespace_:
            continue  # an apostrophe
        if not any(t.lower_ in state.lex.work_nouns for t in doc[max(0, i - 3) : i]):
            continue
        for j in range(i + 2, min(i + 2 + MAX_TITLE, len(doc))):
            if doc[j].text in CLOSING_QUOTES[token.text]:
                inner = doc[i + 1 : j]
                if _title_words(inner) and not any(t.text in (".", "!", "?") for t in inner):
                    if (
                        any(t.is_alpha and t.lower_ not in SMALL_WORDS for t in inner[1:])
                        or len(inner) == 1
                    ):
                        found.append((i + 1, j))
                break
    return [s for s in found if _not_a_speech(state, *s)]


def _not_a_speech(state: DocState, start: int, end: int) -> bool:
    """A quoted short phrase that is a sentence someone said is no title."""
    return not any(t.pos_ in ("VERB", "AUX") and t.dep_ == "ROOT" for t in state.doc[start:end])


def _titles_after_nouns(state: DocState) -> list[tuple[int, int]]:
    doc, lex = state.doc, state.lex
    found = []
    for token in doc:
        if token.lower_ not in lex.work_nouns or token.pos_ != "NOUN":
            continue
        start = token.i + 1
        apposed = start < len(doc) and doc[start].text == ","
        if apposed:
            start += 1  # "her lecture, Empire and Memory,"
        end = start
        while end < len(doc) and end - start < MAX_TITLE:
            word = doc[end]
            if word.ent_type_ == "PERSON" and end > start:
                break  # "the film X and Maria Olsen": its author, not its title
            if (word.is_title or word.is_upper) and word.is_alpha:
                end += 1
            elif word.lower_ in SMALL_WORDS and end > start and end + 1 < len(doc):
                nxt = doc[end + 1]
                if not (nxt.is_title or nxt.lower_ in SMALL_WORDS):
                    break
                end += 1
            else:
                break
        while end > start and doc[end - 1].lower_ in SMALL_WORDS:
            end -= 1
        if end - start < 2 or doc[start].text in OPENING_QUOTES:
            continue  # one word may be its author ("a book Putin wrote"); quotes: above
        if apposed and not (end < len(doc) and doc[end].text == ","):
            continue  # "the documentary, Prime Minister X said"
        if _person_name(state, start, end):
            continue
        found.append((start, end))
    return found


def _person_name(state: DocState, start: int, end: int) -> bool:
    """A KB person's full name fills the words ("the biography Vladimir Putin approved")."""
    match = state.match_at[start]
    return (
        match is not None
        and match.end == end
        and any(state.kb.actors[e.actor_id].type == "Person" for e in match.entries)
    )
