"""Sentence starts at paragraph breaks and list items, set before the parser runs.

The treebanks the pipeline learns from hold no blank lines or bullets, so the
parser would otherwise run a heading into the next paragraph, or hang a
whitespace token on a verb as if it were a word. spaCy's parser keeps sentence
starts that are already set, so marking them here is enough. Single line breaks
are left alone unless the line before ends a sentence: hard-wrapped text breaks
lines inside sentences.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

_BULLETS = {"-", "–", "—", "•", "*", "·"}
_SENTENCE_END = {".", "!", "?", ":", "”", '"', "’", "'", ")"}


def mark_paragraph_starts(doc: Doc) -> Doc:
    """Start a sentence at the first word after a blank line, a list bullet or an ended line."""
    previous_word = None
    for index, token in enumerate(doc):
        if not token.is_space:
            previous_word = token
            continue
        if "\n" not in token.text or index + 1 >= len(doc):
            continue
        first = index + 1  # the sentence starts after the bullet: a lone "-" parses badly
        while first < len(doc) and (doc[first].is_space or doc[first].text in _BULLETS):
            first += 1
        if first >= len(doc):
            break
        blank_line = token.text.count("\n") >= 2
        ended = previous_word is not None and previous_word.text[-1:] in _SENTENCE_END
        if blank_line or ended or doc[index + 1].text in _BULLETS:
            doc[first].is_sent_start = True
            for between in doc[index + 1 : first]:
                between.is_sent_start = False
    return doc


@Language.component("graphbuild_paragraphs")
def paragraphs_component(doc: Doc) -> Doc:
    return mark_paragraph_starts(doc)
