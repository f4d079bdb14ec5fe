"""Titles and roles: what stands in front of (or after) a name, and titles that stand
in for a name.

"Russian President Vladimir Putin", "Ukrainian Foreign Ministry spokesman Oleg
Nikolenko", "Secretary of State Antony Blinken" (the title alone implies the
United States); "Oleg Nikolenko, a spokesman for the Ukrainian Foreign Ministry";
and, with no name at all, "the U.S. president", resolved through the office
holders the knowledge base knows on the article's date.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .state import POSSESSIVE, DocState

if TYPE_CHECKING:
    from .kb import Title

LEADING_FILLERS = {"the", "of", "and", "for", "-", "\u2013", "a", "an", "to"}
NOT_CURRENT = {
    "former",
    "ex",
    "ex-",
    "late",
    "then",
    "future",
    "next",
    "previous",
    "incoming",
    "would-be",
    "past",
}
NOT_AFFILIATION_AFTER = {"to", "in", "at", "from", "on", "against", "with"}
FEMININE_ROLES = {
    "spokeswoman",
    "chairwoman",
    "congresswoman",
    "queen",
    "princess",
    "empress",
    "businesswoman",
}
MASCULINE_ROLES = {
    "spokesman",
    "chairman",
    "congressman",
    "king",
    "prince",
    "emperor",
    "businessman",
}
HEAD_OFFICES = {"head_of_state", "head_of_government", "leader", "head"}
BODY_POSSESSIVES = {"its", "their"}
SUBJECT_DEPS = ("nsubj", "nsubj:pass", "nsubjpass")
MODIFIER_GAP = 4


@dataclass
class TitleChain:
    """A title phrase found next to a name: where it starts, whom it affiliates with."""

    start: int
    body_id: str | None
    role: str | None
    gender: str | None


def find_title(state: DocState, words: list[str]) -> Title | None:
    """The longest known title phrase inside ``words`` (lower-case tokens)."""
    for title in state.kb.titles:
        size = len(title.words)
        for i in range(len(words) - size + 1):
            if tuple(words[i : i + size]) == title.words:
                return title
    return None


def _chain_facts(state: DocState, start: int, end: int) -> TitleChain | None:
    doc, lex = state.doc, state.lex
    tokens = doc[start:end]
    words = [t.lower_ for t in tokens]
    title = find_title(state, words)
    if title is None and not any(w in lex.role_nouns for w in words):
        return None
    body_id = None
    for token in tokens:
        hint = state.body_hint[token.i]
        if hint is None:
            continue
        previous = doc[hint[0].start - 1].lower_ if hint[0].start > 0 else ""
        if previous not in NOT_AFFILIATION_AFTER:
            body_id = hint[1]
            break
    if body_id is None and title is not None:
        body_id = title.implies
    role_words = [
        t.text for t in tokens if state.body_hint[t.i] is None and t.text not in POSSESSIVE
    ]
    while role_words and role_words[0].lower() in LEADING_FILLERS:
        role_words.pop(0)
    while role_words and role_words[-1].lower() in LEADING_FILLERS | {","}:
        role_words.pop()
    gender = None
    if any(w in FEMININE_ROLES for w in words):
        gender = "f"
    elif any(w in MASCULINE_ROLES for w in words):
        gender = "m"
    return TitleChain(start, body_id, " ".join(role_words) or None, gender)


def _is_chain_token(state: DocState, i: int) -> bool:
    token, lex = state.doc[i], state.lex
    if token.lower_ in lex.role_nouns or token.lower_ in lex.title_words:
        return True
    ent = state.ent_of[i]
    return token.pos_ == "PROPN" and ent is not None and ent.label_ in ("ORG", "NORP")


def parse_title_chain(state: DocState, name_start: int) -> TitleChain | None:
    """The title in front of a name: the run of title words, role nouns and countries
    or organisations ("Ukrainian Foreign Ministry spokesman") that ends at the name."""
    doc = state.doc
    start, j = name_start, name_start - 1
    while j >= 0 and not state.taken[j]:
        hint = state.body_hint[j]
        if hint is not None:
            start = j = hint[0].start
        elif doc[j].text in POSSESSIVE and j > 0 and state.body_hint[j - 1] is not None:
            start = j
        elif doc[j].lower_ == "of" and _has_role(state, j + 1, name_start):
            break  # "the X party of [former president] Jacob Zuma": the party is not his title
        elif doc[j].lower_ == "to" and j > 0 and doc[j - 1].lower_ in state.lex.role_nouns:
            start = j  # "Ambassador to the United Nations"
        elif _is_chain_token(state, j):
            start = j
        else:
            skipped = _modifiers_after_possessive(state, j)
            if skipped is None:
                break
            start = j = skipped
        j -= 1
    while start < name_start and doc[start].lower_ in LEADING_FILLERS:
        start += 1
    if start == name_start:
        return None
    chain = _chain_facts(state, start, name_start)
    if chain is not None:
        if chain.body_id is None:
            chain.body_id = _possessor_body(state, start)  # "its leader Naim Qassem"
        chain.start = _after_bodies(state, start, name_start)
    return chain


def _has_role(state: DocState, start: int, end: int) -> bool:
    return any(t.lower_ in state.lex.role_nouns for t in state.doc[start:end])


def _modifiers_after_possessive(state: DocState, j: int) -> int | None:
    """Where "Israel's" starts in "Israel's far-right [National Security Minister]": a few
    lower-case modifiers between a country's possessive and the title, else None."""
    doc = state.doc
    k = j
    while k >= 0 and j - k < MODIFIER_GAP:
        token = doc[k]
        if token.text in POSSESSIVE and k > 0 and state.body_hint[k - 1] is not None:
            return k
        if not (
            (token.is_lower and token.pos_ in ("ADJ", "ADV", "VERB", "NOUN"))
            or (token.text in ("-", "\u2010") and token.whitespace_ == "")
        ):
            return None
        k -= 1
    return None


def antecedent_body(state: DocState, i: int) -> str | None:
    """The country or organisation "its"/"their" at token ``i`` refers to, from the KB
    names seen so far: the subject of its sentence before it, else the nearest one
    before it in the sentence, else the subject of the previous sentence."""
    doc = state.doc
    sent = doc[i].sent
    before = _bodies_between(state, sent.start, i)
    subjects = [b for b in before if b[2]]
    if subjects:
        return subjects[-1][1]
    if before:
        return before[-1][1]
    if sent.start > 0:
        previous = doc[sent.start - 1].sent
        subjects = [b for b in _bodies_between(state, previous.start, previous.end) if b[2]]
        if subjects:
            return subjects[0][1]
    return None


def _bodies_between(state: DocState, start: int, end: int) -> list[tuple[int, str, bool]]:
    """(position, actor, is subject) of the KB bodies named in ``[start, end)``, not as places."""
    doc, lex, found = state.doc, state.lex, []
    seen = None
    for i in range(start, end):
        hint = state.body_hint[i]
        if hint is None or hint[0] is seen:
            continue
        seen = hint[0]
        before = doc[hint[0].start - 1].lower_ if hint[0].start > 0 else ""
        if before in lex.place_prepositions:
            continue
        root = doc[hint[0].start : hint[0].end].root
        subject = root.dep_ in SUBJECT_DEPS or (
            root.dep_ in ("nmod:poss", "compound", "amod") and root.head.dep_ in SUBJECT_DEPS
        )
        found.append((hint[0].start, hint[1], subject))
    return found


def parse_preceding_appositive(state: DocState, name_start: int) -> TitleChain | None:
    """A title before the name and a comma: "China's ambassador, Liu Jieyi,", "A senior
    Hamas official, Izzat al-Rishq,", "Trump's Middle East envoy, Steve Witkoff,"."""
    doc = state.doc
    comma = name_start - 1
    if comma < 1 or doc[comma].text != ",":
        return None
    j, start = comma - 1, comma
    while j >= 0 and comma - j <= 10:
        token = doc[j]
        if token.is_sent_start and token.lower_ not in BODY_POSSESSIVES | {"a", "an", "the"}:
            if state.body_hint[j] is None and not _is_chain_token(state, j):
                break
        if state.body_hint[j] is not None:
            j = state.body_hint[j][0].start
        elif not (
            token.text in POSSESSIVE
            or _is_chain_token(state, j)
            or token.lower_ in ("in", "at", "to", "for")
            or (token.is_lower and token.pos_ == "ADJ")
            or (token.pos_ in ("PROPN", "ADJ") and token.text[:1].isupper())
        ):
            break
        start = j
        if token.is_sent_start:
            break
        j -= 1
    if not _has_role(state, start, comma):
        return None
    chain = _chain_facts(state, start, comma)
    if chain is None:
        return None
    if chain.body_id is None:
        chain.body_id = _possessor_body(state, start)
    return chain


def _possessor_body(state: DocState, start: int) -> str | None:
    """The body a title starting at ``start`` belongs to through a possessive in front of
    it or at its start: "its ambassador" (a country), "Trump's envoy" (his country)."""
    doc = state.doc
    for i in (start, start - 1):
        if i < 0:
            continue
        if doc[i].lower_ in BODY_POSSESSIVES:
            return antecedent_body(state, i)
        if doc[i].text in POSSESSIVE and i > 0:
            return _person_country(state, i - 1)
    return None


def _person_country(state: DocState, i: int) -> str | None:
    """The country of the person whose name ends at token ``i`` ("Trump's envoy")."""
    for person in state.people:
        if person.name_start <= i < person.name_end:
            actor = state.actor(person.actor_id)
            return actor.country_id
    return None


def _after_bodies(state: DocState, start: int, end: int) -> int:
    """Where the person's own span begins: after the countries or organisations at the
    front of the title, which keep mentions of their own ("Russian" | "President Putin")."""
    doc = state.doc
    begin = start
    for i in range(start, end):
        if state.body_hint[i] is not None or doc[i].text in POSSESSIVE:
            begin = i + 1
    while begin < end and doc[begin].lower_ in LEADING_FILLERS:
        begin += 1
    return begin


def parse_appositive(state: DocState, name_end: int) -> TitleChain | None:
    """A title after the name: "Oleg Nikolenko, the Ukrainian Foreign Ministry spokesman,"."""
    doc = state.doc
    if name_end >= len(doc) or doc[name_end].text != ",":
        return None
    start = j = name_end + 1
    while j < len(doc) and doc[j].lower_ in ("the", "a", "an"):
        j += 1
    end, after_body = j, False
    while end < len(doc) and end - start < 10:
        if state.body_hint[end] is not None:
            end, after_body = state.body_hint[end][0].end, True
        elif doc[end].text in POSSESSIVE or _is_chain_token(state, end):
            end += 1
        elif after_body and doc[end].is_lower and doc[end].pos_ == "NOUN":
            end += 1  # "the head of the U.N. inspection team,"
        else:
            break
    if end == j or (
        end < len(doc) and doc[end].text not in (",", ".", ";", ")") and doc[end].pos_ != "VERB"
    ):
        return None
    return _chain_facts(state, j, end)


def _describes_named_person(state: DocState, start: int) -> bool:
    """The title phrase at ``start`` is an appositive right after a person's name."""
    doc = state.doc
    k = start - 1
    while k >= 0 and doc[k].lower_ in ("the", "a", "an"):
        k -= 1
    if k < 1 or doc[k].text != ",":
        return False
    return any(p.end == k for p in state.people)


def _as_a_role(state: DocState, start: int) -> bool:
    """The title follows "as" (over "the", a body and its possessive): "served as US
    secretary of state", "who as the country's foreign minister signed" describe the
    role of the person the sentence is about, often long ago, not today's holder."""
    doc = state.doc
    k = start - 1
    if k >= 0 and doc[k].lower_ in ("the", "a", "an"):
        k -= 1
    if k >= 0 and doc[k].text in POSSESSIVE:
        k -= 1
    if k >= 0 and state.body_hint[k] is not None:
        k = state.body_hint[k][0].start - 1
    if k >= 0 and doc[k].lower_ in ("the", "a", "an"):
        k -= 1
    return k >= 0 and doc[k].lower_ == "as"


def _office_for(state: DocState, title: Title, body_id: str) -> str | None:
    body = state.kb.actors.get(body_id) or state.new_actors.get(body_id)
    if body is None:
        return None
    if title.only and body_id not in title.only:
        return None
    if body.type != "Country":
        return "head" if title.office in HEAD_OFFICES else title.office
    return None if title.office == "head" else title.office


def resolve_role_phrases(state: DocState) -> None:
    """Titles with no name ("the U.S. president", "Russia's foreign minister", "the
    president of France") become mentions of whoever held the office on the article's date."""
    doc, kb = state.doc, state.kb
    if not state.date:
        return
    words = [t.lower_ for t in doc]
    by_first: dict[str, list[Title]] = {}
    for title in kb.titles:
        by_first.setdefault(title.words[0], []).append(title)
    i = 0
    while i < len(doc):
        found = None
        for title in by_first.get(words[i], ()):
            end = i + len(title.words)
            if tuple(words[i:end]) == title.words and state.is_free(i, end):
                found = _resolve_one(state, title, i, end)
                if found:
                    break
        i = found if found else i + 1


def _resolve_one(state: DocState, title: Title, start: int, end: int) -> int | None:
    doc, kb = state.doc, state.kb
    if end < len(doc) and doc[end].pos_ == "PROPN" and state.body_hint[end] is None:
        return None  # a name the NER missed: "President Smith"
    if end < len(doc) and doc[end].text in ("-", "\u2010") and doc[end - 1].whitespace_ == "":
        return None  # "president-elect", "prime minister-designate"
    if _describes_named_person(state, start):
        return None  # "Hans Blix, the head of ...": an appositive, not the office holder
    if _as_a_role(state, start):
        return None  # "who as US secretary of state negotiated": a role someone else had
    body_id = None
    k = start - 1
    if k >= 0 and doc[k].lower_ in NOT_CURRENT:
        return None
    hint = state.body_hint[k] if k >= 0 else None
    if hint is None and k >= 1 and doc[k].text in POSSESSIVE:
        hint = state.body_hint[k - 1]
    if hint is not None and not state.taken[hint[0].start]:
        body_id = hint[1]
        k = hint[0].start - 1
        if k >= 0 and doc[k].lower_ in NOT_CURRENT:
            return None
    determined = body_id is not None or (k >= 0 and doc[k].lower_ == "the")
    if body_id is None and end + 1 < len(doc) and doc[end].lower_ == "of":
        j = end + 1 + (doc[end + 1].lower_ == "the")
        if j < len(doc) and state.body_hint[j] is not None:
            after = state.body_hint[j][0].end
            if not (after < len(doc) and doc[after].pos_ in ("NOUN", "PROPN")):
                body_id = state.body_hint[j][1]  # not "the head of the U.N. inspection team"
            else:
                return None
    if body_id is None:
        body_id = title.implies
    if body_id is None or not (determined or title.implies):
        return None
    office = _office_for(state, title, body_id)
    if office is None:
        return None
    holder = (
        kb.leader(body_id, state.date)
        if office == "leader"
        else kb.holder(body_id, office, state.date)
    )
    if holder is None:
        return None
    # The title alone is the person's mention; a country in it ("the U.S.") keeps its own.
    title_start = start - 1 if start > 0 and doc[start - 1].lower_ == "the" else start
    state.add_mention(holder, title_start, end, "title")
    return end


INSTITUTION_WORDS = {
    "ministry",
    "foreign",
    "defence",
    "defense",
    "interior",
    "embassy",
    "presidential",
    "government",
    "cabinet",
}
LED_BY = {"led", "headed", "commanded", "chaired", "founded", "run"}


def country_acting_before(state: DocState, start: int, role: str | None) -> str | None:
    """ "Tehran dismissed the embargo. Foreign Ministry spokesman Ramin Mehmanparast said":
    a national institution's title with no country, opening its sentence right after a
    sentence whose subject is a country, belongs to that country."""
    doc = state.doc
    if not role or not INSTITUTION_WORDS & set(role.lower().split()):
        return None
    if not doc.has_annotation("DEP") or not doc[start].is_sent_start or start == 0:
        return None
    previous = doc[start - 1].sent
    subjects = [b for b in _bodies_between(state, previous.start, previous.end) if b[2]]
    if not subjects:
        return None
    actor = state.kb.actors.get(subjects[0][1])
    return actor.id if actor is not None and actor.type == "Country" else None


def late_affiliations(state: DocState) -> None:
    """Affiliations to organisations found after the people: "Julius Malema, leader of the
    leftist Economic Freedom Fighters", "the DA, led by John Steenhuisen"."""
    doc = state.doc
    body_at = {}
    for mention in state.mentions:
        if state.actor(mention.actor_id).type in ("Organization", "ArmedGroup", "Country"):
            for i in range(mention.token_start, mention.token_end):
                body_at[i] = mention.actor_id
    for person in state.people:
        new = state.new_actors.get(person.actor_id)
        if new is None or new.country_id is not None:
            continue
        body_id = _body_of_appositive(state, person.end, body_at) or _leader_of(
            state, person.start, body_at
        )
        if body_id is not None:
            body = state.actor(body_id)
            new.country, new.country_id = body.name, body.id
            if new.role is None and person.end < len(doc) and doc[person.end].text == ",":
                new.role = doc[person.end + 1].text if person.end + 1 < len(doc) else None


def _body_of_appositive(state: DocState, end: int, body_at: dict[int, str]) -> str | None:
    """ ", leader of the leftist Economic Freedom Fighters": role noun, "of", a body."""
    doc, lex = state.doc, state.lex
    if end + 3 >= len(doc) or doc[end].text != ",":
        return None
    k = end + 1
    while k < len(doc) and doc[k].lower_ in ("the", "a", "an"):
        k += 1
    if k >= len(doc) or doc[k].lower_ not in lex.role_nouns:
        return None
    k += 1
    if k >= len(doc) or doc[k].lower_ not in ("of", "for"):
        return None
    k += 1
    while k < len(doc) and (
        doc[k].lower_ in ("the", "a", "an") or (doc[k].is_lower and doc[k].pos_ == "ADJ")
    ):
        k += 1
    return body_at.get(k)


def _leader_of(state: DocState, start: int, body_at: dict[int, str]) -> str | None:
    """ "the pro-business DA, led by John Steenhuisen": a body, a comma, "led by", the name."""
    doc = state.doc
    if start < 4 or doc[start - 1].lower_ != "by" or doc[start - 2].lower_ not in LED_BY:
        return None
    if doc[start - 3].text != ",":
        return None
    return body_at.get(start - 4)
