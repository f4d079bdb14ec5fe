"""Which token spans are people's names, beyond what the NER says.

News introduces people with a title or role: "Russian Ambassador Vassily
Nebenzia", "China's ambassador, Liu Jieyi, said". The title licenses the
capitalised words after it as a name even where a statistical NER misses it or
tags it as a place. The reverse also holds: a "person" the NER finds in "in São
Paulo", "the city of Jeddah", "the Litani River" or "Rafale Marine fighters" is
a place or a thing. And names the tokenizer cut at a hyphen ("Ben" "-" "Gvir")
are joined again.

``person_spans(state)`` returns ``(start, end, licensed)`` token spans, sorted;
``licensed`` is true where a title vouches for the name.
"""

from __future__ import annotations

from .state import HYPHENS, POSSESSIVE, DocState

MAX_NAME_TOKENS = 7
APPOSITIVE_GAP = 6  # tokens allowed between a role noun and the comma before a name


def _is_word(token) -> bool:
    return token.is_alpha or (token.text.replace(".", "").isalpha() and len(token.text) <= 3)


def name_token(state: DocState, i: int) -> bool:
    """A capitalised word that can be part of a person's name here."""
    token, lex = state.doc[i], state.lex
    text = token.text
    if not text[:1].isupper() or not _is_word(token) or (token.is_upper and len(text) > 2):
        return False
    low = token.lower_
    if low in lex.role_nouns or low in lex.title_words or low in lex.group_nouns:
        return False
    if text in lex.not_names or text in lex.org_words or text in lex.place_name_words:
        return False
    return state.body_hint[i] is None and not state.taken[i]


def _particle(state: DocState, i: int) -> bool:
    return state.doc[i].lower_ in state.lex.name_particles and not state.doc[i].text[:1].isupper()


def _hyphen_joins(doc, i: int) -> bool:
    """Token ``i`` is a hyphen written without spaces between two words ("Ben-Gvir")."""
    return (
        doc[i].text in HYPHENS
        and 0 < i < len(doc) - 1
        and doc[i - 1].whitespace_ == ""
        and doc[i].whitespace_ == ""
    )


def name_run(state: DocState, start: int) -> int:
    """End of the run of name tokens starting at ``start`` (``start`` when there is none):
    capitalised words, particles inside ("bin", "al", "de") and joining hyphens."""
    doc = state.doc
    end = i = start
    while i < len(doc) and i - start < MAX_NAME_TOKENS:
        if i > start and doc[i].is_sent_start and (doc[i - 1].is_punct or doc[i - 1].is_space):
            break  # the parser also starts sentences inside names ("Hans | Blix")
        if name_token(state, i):
            end = i = i + 1
        elif i > start and (_particle(state, i) or _hyphen_joins(doc, i)):
            i += 1
        else:
            break
    return end


def _words_in(state: DocState, start: int, end: int) -> int:
    return sum(1 for i in range(start, end) if name_token(state, i))


def _licensing(state: DocState, i: int) -> bool:
    """A token that introduces a name: a role noun ("spokesman", "Ambassador") or a
    capitalised title word ending a title ("Secretary of State ...")."""
    token, lex = state.doc[i], state.lex
    if token.lower_ in lex.role_nouns:
        return True
    return token.lower_ in lex.title_words and token.text[:1].isupper() and token.lower_ != "the"


def titled_names(state: DocState) -> list[tuple[int, int]]:
    """Names right after a title ("Parliament Speaker Nabih Berri") or after a role noun
    and a comma ("Russia's envoy, Vassily Nebenzia, said"): two name words at least."""
    doc, spans = state.doc, []
    n = len(doc)
    i = 0
    while i < n:
        if not _licensing(state, i):
            i += 1
            continue
        start = i + 1
        if start < n and doc[start].text == ",":
            start = _appositive_name_start(state, i)
        else:
            start = _after_gap(state, i)
        if start is None:
            i += 1
            continue
        end = name_run(state, start)
        if end > start and _words_in(state, start, end) >= 2 and _ends_name(state, end):
            spans.append((start, end))
            i = end
        else:
            i += 1
    return spans


def names_before_titles(state: DocState) -> list[tuple[int, int]]:
    """Names followed by a comma and a title: "Hans Blix, the head of the U.N. team,"."""
    doc, lex, spans = state.doc, state.lex, []
    i, n = 0, len(doc)
    while i < n:
        if not name_token(state, i) or (i > 0 and name_token(state, i - 1)):
            i += 1
            continue
        end = name_run(state, i)
        if _words_in(state, i, end) >= 2 and end + 1 < n and doc[end].text == ",":
            k = end + 1
            while (
                k < n
                and k - end <= 4
                and (
                    doc[k].lower_ in ("the", "a", "an")
                    or doc[k].lower_ in lex.title_words
                    or state.body_hint[k] is not None
                    or doc[k].text in POSSESSIVE
                    or (doc[k].is_lower and doc[k].pos_ == "ADJ")
                )
            ):
                k += 1
            if k < n and doc[k].lower_ in lex.role_nouns:
                spans.append((i, end))
        i = max(end, i + 1)
    return spans


def _after_gap(state: DocState, role: int) -> int | None:
    """Where a name after a role noun may start: right after it, or after a short
    complement and a comma ("ambassador in Geneva, Han Tae Song,")."""
    doc = state.doc
    j = role + 1
    if j < len(doc) and name_token(state, j):
        return j
    if not state.doc[role].is_lower:
        return None
    k = j
    while k < len(doc) and k - j < APPOSITIVE_GAP and doc[k].text != ",":
        if doc[k].pos_ in ("VERB", "AUX", "PRON", "PUNCT", "SCONJ", "CCONJ", "NUM"):
            return None
        k += 1
    if k == j or k >= len(doc) - 1 or doc[k].text != ",":
        return None
    return k + 1


def _appositive_name_start(state: DocState, role: int) -> int | None:
    """ "China's ambassador, Liu Jieyi," -- the role noun must be lower-case and the name
    followed by a comma, a full stop or a verb."""
    if not state.doc[role].is_lower:
        return None
    return role + 2


def _ends_name(state: DocState, end: int) -> bool:
    doc = state.doc
    if end >= len(doc):
        return True
    after = doc[end]
    return not (
        after.text[:1].isupper() and after.is_alpha and after.text not in state.lex.not_names
    )


def repair_hyphens(state: DocState, start: int, end: int) -> tuple[int, int]:
    """Join a name the NER cut at a hyphen: "Ben" "-" "[Gvir]", "[Linda Thomas]" "-" "Greenfield"."""
    doc = state.doc
    while start >= 2 and _hyphen_joins(doc, start - 1) and doc[start - 2].text[:1].isupper():
        start -= 2
    while end + 1 < len(doc) and _hyphen_joins(doc, end) and doc[end + 1].text[:1].isupper():
        end += 2
    return start, end


def is_place_not_person(state: DocState, start: int, end: int) -> bool:
    """An NER "person" that the words around it show to be a place or a thing: "in São
    Paulo", "travelled to São Paulo", "the city of Jeddah", "the Litani River",
    "Rafale Marine fighters"."""
    doc, lex = state.doc, state.lex
    if state.has_place_or_thing_word(start, end):
        return True  # "Lusaka River", "Cyclone Phailin", "Iodine Nutrition Study"
    if doc[end - 1].text in lex.event_heads or state.modifies_counted_noun(start, end):
        return True  # "Miami Open"; "26 Rafale Marine fighters"
    before = doc[start - 1].lower_ if start > 0 else ""
    if before in lex.place_only_prepositions:
        return True
    if before == "to" and start > 1 and doc[start - 2].lower_ in lex.motion_words:
        return True
    if before == "of" and start > 1 and doc[start - 2].lower_ in lex.place_nouns:
        return True
    if end < len(doc):
        after = doc[end]
        if after.text in lex.place_name_words:
            return True
        last = doc[end - 1]
        if (
            after.pos_ == "NOUN"
            and after.is_lower
            and last.dep_ == "compound"
            and last.head.i == end
        ):
            return True
    return False


def names_an_organisation(state: DocState, start: int, end: int) -> bool:
    """An NER "person" ending in a word no surname is ("Alliance", "Party", "Front"; the
    NER's "Democratic" NORP + "Alliance" PERSON): the end of an organisation's name, which
    the organisations pass reads whole from the capitalised words ("Democratic Alliance")."""
    return state.doc[end - 1].text in state.lex.org_heads_not_surnames


def trim_person(state: DocState, start: int, end: int) -> tuple[int, int]:
    """Drop title words and possessives the NER put inside a PERSON span."""
    doc, lex = state.doc, state.lex
    while start < end and (
        doc[start].lower_ in lex.role_nouns
        or doc[start].lower_ in lex.title_words
        or state.body_hint[start] is not None
    ):
        start += 1
    while end > start and (doc[end - 1].text in POSSESSIVE or doc[end - 1].is_punct):
        end -= 1
    return start, end


def ner_person_spans(state: DocState) -> list[tuple[int, int]]:
    """PERSON entities (titles and possessives trimmed, hyphens repaired), plus names the
    NER wrapped into an organisation together with a title ("U.S. Senator John Cornyn"
    tagged ORG) or after an organisation ("Ambassador to the [United Nations Nikki Haley]")."""
    doc, lex, spans = state.doc, state.lex, []
    for ent in doc.ents:
        if ent.label_ == "PERSON":
            start, end = trim_person(state, ent.start, ent.end)
            spans.append(repair_hyphens(state, start, end))
        elif ent.label_ == "ORG":
            roles = [t.i for t in ent if t.lower_ in lex.role_nouns]
            if roles:
                tail = doc[roles[-1] + 1 : ent.end]
                if len(tail) >= 2 and all(t.pos_ == "PROPN" and t.is_title for t in tail):
                    spans.append((tail.start, tail.end))
                continue
            body_end = max(
                (
                    state.body_hint[i][0].end
                    for i in range(ent.start, ent.end)
                    if state.body_hint[i]
                ),
                default=None,
            )
            if body_end is None or body_end >= ent.end:
                continue
            before = doc[ent.start - 3 : ent.start]
            if any(t.lower_ in lex.role_nouns for t in before):
                end = name_run(state, body_end)
                if end == ent.end and _words_in(state, body_end, end) >= 2:
                    spans.append((body_end, end))
    return spans


def person_spans(state: DocState) -> list[tuple[int, int, bool]]:
    """Candidate names of people: the NER's, joined with the names titles license; NER
    spans that turn out to be places are dropped unless a title vouches for them."""
    titled = titled_names(state) + names_before_titles(state)
    owner = {}
    for start, end in titled:
        for i in range(start, end):
            owner[i] = (start, end)
    merged: dict[tuple[int, int], bool] = {span: True for span in titled}
    for start, end in ner_person_spans(state):
        if start >= end:
            continue
        overlapping = {owner[i] for i in range(start, end) if i in owner}
        if overlapping:
            for span in overlapping:
                union = (min(start, span[0]), max(end, span[1]))
                if union != span:
                    merged.pop(span, None)
                    merged[union] = True
            continue
        if is_place_not_person(state, start, end) or names_an_organisation(state, start, end):
            continue
        merged.setdefault((start, end), False)
    return sorted((s, e, licensed) for (s, e), licensed in merged.items())
