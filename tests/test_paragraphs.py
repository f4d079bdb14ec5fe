"""Paragraph breaks and list bullets start sentences before the parser runs."""

from __future__ import annotations


def sentence_starts(doc) -> list[str]:
    return [sent[0].text for sent in doc.sents if not sent[0].is_space and sent[0].text != "-"]


def test_bullets_and_blank_lines_start_sentences_after_the_bullet(nlp):
    text = (
        "Here is what else to know\n"
        "- China has not endorsed the invasion.\n\n"
        "Leaders met in Paris\n\n"
        "- Secretary of State Antony Blinken said the visit was a mistake."
    )
    doc = nlp(text)
    starts = sentence_starts(doc)
    assert "China" in starts and "Leaders" in starts and "Secretary" in starts
    china = next(t for t in doc if t.text == "China")
    assert china.dep_.startswith("nsubj")  # not a compound of the bullet or the line break
    assert not any(t.is_space and t.dep_.startswith("nsubj") for t in doc)


def test_hard_wrapped_lines_inside_a_sentence_stay_one_sentence(nlp):
    doc = nlp(
        "The foreign ministers of France and Germany met\nin Paris on Tuesday to discuss the war."
    )
    assert len([s for s in doc.sents if not s[0].is_space]) == 1
