"""Which names the knowledge base does not know are organisations worth a node.

The NER tags many capitalised things ORG: museums ("the Louvre"), awards ("the
Legion of Honour"), plans ("the Membership Action Plan"), seas, bare titles
("Foreign Ministry"). An unknown organisation becomes an actor only with some
evidence that it is one and that it matters here:

- its name holds an organisation word ("Party", "Council", "Front", "Forces"),
  or a noun such as "party" follows it ("the uMkhonto we Sizwe party");
- or it is named twice (its acronym counts: "DA" after "Democratic Alliance");
- or people speak for it ("leader of X", "a spokesman for X").

Acting as a subject is no evidence: "The Louvre reopened", "The Grand Cross ... is".

Never: names of seas, straits and rivers, events ("the French Open", "the World Cup":
``event_heads``), models between a number and their noun ("four Leopard tanks"), a
title alone ("National Security Adviser"), names made only of generic words ("Foreign Ministry", "Congress"),
and a one-off modifier of a common noun ("the Crimean bridge").

The NER also misses organisations; a run of capitalised words ending in an
organisation word ("African National Congress") is a candidate too, and so is the
rest of a name the NER cut at "and" ("the U.S. Space and Rocket Center").
"""

from __future__ import annotations

from dataclasses import dataclass

from ..records import Actor
from .names import actor_id
from .state import POSSESSIVE, DocState

CONNECTORS = {"of", "for", "and", "the", "de", "du", "des", "la", "le", "al", "we", "el", "-", "&"}
SPEAKS_FOR = {"of", "for"}


@dataclass
class OrgCandidate:
    start: int
    end: int
    name: str
    body_id: str | None  # a country or body named inside or just before it


def _generic(state: DocState, start: int, end: int) -> bool:
    """Only role, title, group or organisation words: a description, not a name."""
    lex = state.lex
    for token in state.doc[start:end]:
        low = token.lower_
        if token.text in POSSESSIVE or token.is_punct or low in CONNECTORS:
            continue
        if not (
            low in lex.role_nouns
            or low in lex.title_words
            or low in lex.group_nouns
            or token.text in lex.org_words
            or state.body_hint[token.i] is not None
        ):
            return False
    return True


def rejected(state: DocState, start: int, end: int) -> bool:
    """Names that are never organisation actors, whatever else is said about them."""
    doc, lex = state.doc, state.lex
    if state.has_place_or_thing_word(start, end):
        return True  # "Black Sea", "Strait of Hormuz", "HEROES Act", "the Louvre Museum"
    if doc[end - 1].lower_ in lex.role_nouns:
        return True  # "National Security Adviser": a title
    if doc[end - 1].text in lex.event_heads:
        return True  # "the French Open", "the Africa Cup", "the Monaco Grand Prix": events
    if state.modifies_counted_noun(start, end) and not any(
        t.text in lex.org_words for t in doc[start:end]
    ):
        return True  # "four Leopard tanks": a model, not its maker
    return _generic(state, start, end)


def _has_org_word(state: DocState, start: int, end: int) -> bool:
    doc, lex = state.doc, state.lex
    if any(t.text in lex.org_words for t in doc[start:end]):
        return True
    return end < len(doc) and doc[end].lower_ in lex.org_nouns_after


def _spoken_for(state: DocState, start: int, end: int) -> bool:
    """People speak for it: "leader of X", "a spokesman for the X"."""
    doc, lex = state.doc, state.lex
    k = start - 1
    while k >= 0 and (
        doc[k].lower_ in ("the", "a", "an") or (doc[k].is_lower and doc[k].pos_ == "ADJ")
    ):
        k -= 1
    return k >= 1 and doc[k].lower_ in SPEAKS_FOR and doc[k - 1].lower_ in lex.role_nouns


def _one_off_modifier(state: DocState, start: int, end: int) -> bool:
    """ "the Crimean bridge", "Rafale Marine fighters": the name only modifies a noun."""
    doc = state.doc
    last = doc[end - 1]
    return (
        end < len(doc)
        and doc[end].is_lower
        and doc[end].pos_ == "NOUN"
        and last.dep_ in ("compound", "amod")
        and last.head.i >= end
    )


def accepted(state: DocState, candidate: OrgCandidate, mentions: int) -> bool:
    """Whether an unknown organisation named ``mentions`` times in the article is an actor."""
    start, end = candidate.start, candidate.end
    if _has_org_word(state, start, end) or candidate.body_id is not None:
        return True
    if mentions >= 2:
        return True
    if _one_off_modifier(state, start, end):
        return False
    return _spoken_for(state, start, end)


def initials(name: str) -> str:
    """ "Democratic Alliance" -> "DA", "African National Congress" -> "ANC"."""
    words = [w for w in name.replace("-", " ").split() if w.lower() not in CONNECTORS]
    return "".join(w[0] for w in words if w[:1].isupper())


def is_acronym(text: str) -> bool:
    return 2 <= len(text) <= 6 and text.isupper() and text.isalpha()


def capitalised_runs(state: DocState) -> list[tuple[int, int]]:
    """Names the NER missed or cut short: runs of capitalised words (with "of", "for",
    "and" inside) that end in an organisation word ("African National Congress") or come
    right before a noun such as "party" ("the uMkhonto we Sizwe party"). A run may
    contain NER organisations but not cut one."""
    doc, lex = state.doc, state.lex
    runs = []
    i, n = 0, len(doc)
    while i < n:
        if not _capital_word(state, i):
            i += 1
            continue
        start = end = j = i
        while j < n and (
            _capital_word(state, j)
            or (doc[j].lower_ in CONNECTORS and j + 1 < n and _capital_word(state, j + 1))
        ):
            j += 1
            if _capital_word(state, j - 1):
                end = j
        last, shortest = end, 1
        if not (end < n and doc[end].lower_ in lex.org_nouns_after):
            shortest = 2
            while last > start and doc[last - 1].text not in lex.org_words:
                last -= 1
        first = start
        while first < last and doc[first].lower_ in ("the", "a", "an"):
            first += 1
        if last - first >= shortest and not _cuts_an_organisation(state, first, last):
            runs.append((first, last))
        i = max(end, i + 1)
    return runs


def _cuts_an_organisation(state: DocState, start: int, end: int) -> bool:
    for i in (start, end - 1):
        ent = state.ent_of[i]
        if ent is not None and ent.label_ == "ORG" and (ent.start < start or ent.end > end):
            return True
    return False


def _capital_word(state: DocState, i: int) -> bool:
    """A capitalised word ("Congress") or one capitalised inside ("uMkhonto")."""
    token = state.doc[i]
    text = token.text
    return (
        token.is_alpha
        and (text[:1].isupper() or (len(text) > 2 and text[1].isupper()))
        and not state.taken[i]
        and state.body_hint[i] is None
        and (text not in state.lex.not_names or text in state.lex.org_words)
    )


def _coordinated_rest(state: DocState, end: int) -> int:
    """Where an organisation name the NER cut at "and" really ends: "the [U.S. Space] and
    Rocket Center" -> after "Center". Only when the cut name does not end in an
    organisation word itself and the words after "and"/"&" are capitalised, belong to no
    entity of their own and end in one: "Hamas and Islamic Jihad" (two entities) and "the
    Workers Party and Dockers Union" (the first name is whole) stay apart."""
    doc, lex = state.doc, state.lex
    if (
        end + 1 >= len(doc)
        or doc[end].lower_ not in ("and", "&")
        or doc[end - 1].text in lex.org_words
    ):
        return end
    j, last = end + 1, end
    while j < len(doc) and state.ent_of[j] is None and _capital_word(state, j):
        j += 1
        if doc[j - 1].text in lex.org_words:
            last = j
    return last if last > end else end


def find_new_organisations(state: DocState) -> None:
    """Pass 6: organisations the KB lacks, from the NER and from capitalised runs ending
    in an organisation word: new actors when ``accepted`` finds evidence enough,
    affiliated where a demonym says so; media outlets are left out."""
    doc = state.doc
    spans = [
        (ent.start, _coordinated_rest(state, ent.end)) for ent in doc.ents if ent.label_ == "ORG"
    ]
    spans += capitalised_runs(state)
    candidates: list[OrgCandidate] = []
    for ent_start, ent_end in sorted(spans):
        start, end = ent_start, ent_end
        while start < end and (doc[start].lower_ == "the" or state.taken[start]):
            start += 1
        while end > start and (doc[end - 1].text in POSSESSIVE or doc[end - 1].is_punct):
            end -= 1
        if start >= end or not state.is_free(start, end) or state.is_media_name(start, end):
            continue
        if not any(t.pos_ == "PROPN" or t.text in state.lex.org_words for t in doc[start:end]):
            continue
        if doc[end - 1].lower_ in state.lex.media_nouns:
            continue
        if state.span_text(start, end) in state.lex.not_names:
            continue
        hints = [state.body_hint[i] for i in range(start, end) if state.body_hint[i] is not None]
        if start > 0 and state.body_hint[start - 1] is not None and not state.taken[start - 1]:
            hints.insert(0, state.body_hint[start - 1])
            start = state.body_hint[start - 1][0].start
        body_id = hints[0][1] if hints else None
        rest = [t.lower_ for t in doc[start:end] if state.body_hint[t.i] is None]
        role = state.kb.roles.phrases.get(" ".join(rest)) if body_id else None
        if role is not None and role[1] == "agent":
            # "the Russian Defence Ministry": the country, acting through its ministry
            state.add_mention(body_id, start, end, "agent", sector=role[0])
            continue
        if body_id and " ".join(rest) in state.lex.group_nouns:
            state.add_mention(body_id, start, end, "group")
            continue
        if (hints and not rest) or rejected(state, start, end):
            continue
        candidates.append(OrgCandidate(start, end, state.span_text(start, end), body_id))
    _accept_organisations(state, candidates)


def _accept_organisations(state: DocState, candidates: list[OrgCandidate]) -> None:
    by_initials = {initials(c.name): c for c in candidates if len(initials(c.name)) >= 2}
    ids = []
    for candidate in candidates:
        full = by_initials.get(candidate.name) if is_acronym(candidate.name) else None
        ids.append(actor_id((full or candidate).name, "Organization"))
    counts: dict[str, int] = {}
    for new_id in ids:
        counts[new_id] = counts.get(new_id, 0) + 1
    accepted_ids = {
        new_id
        for candidate, new_id in zip(candidates, ids, strict=True)
        if accepted(state, candidate, counts[new_id])
    }
    for candidate, new_id in zip(candidates, ids, strict=True):
        if new_id not in accepted_ids or not state.is_free(candidate.start, candidate.end):
            continue
        if new_id not in state.new_actors and new_id not in state.kb.actors:
            full = by_initials.get(candidate.name) if is_acronym(candidate.name) else None
            org = Actor(id=new_id, name=(full or candidate).name, type="Organization")
            state.new_actors[new_id] = org
        org = state.new_actors.get(new_id)
        if org is not None:
            if candidate.name != org.name and candidate.name not in org.aliases:
                org.aliases.append(candidate.name)
            if candidate.body_id and org.country_id is None:
                body = state.actor(candidate.body_id)
                org.country, org.country_id = body.name, body.id
        how = "name" if org is None or candidate.name == org.name else "alias"
        state.add_mention(new_id, candidate.start, candidate.end, how)
    _acronyms(state, accepted_ids)


def _acronyms(state: DocState, accepted_ids: set[str]) -> None:
    """ "the DA", "the ANC" after "Democratic Alliance", "African National Congress"."""
    by_initials = {}
    for new_id in accepted_ids:
        org = state.new_actors.get(new_id)
        if org is not None and len(initials(org.name)) >= 2:
            by_initials.setdefault(initials(org.name), []).append(org)
    if not by_initials:
        return
    first_seen = {
        m.actor_id: m.token_start for m in reversed(state.mentions) if m.actor_id in accepted_ids
    }
    for token in state.doc:
        orgs = by_initials.get(token.text)
        if not orgs or len(orgs) != 1 or state.taken[token.i]:
            continue
        org = orgs[0]
        if first_seen.get(org.id, len(state.doc)) > token.i:
            continue  # the acronym only after the full name
        if token.text not in org.aliases:
            org.aliases.append(token.text)
        state.add_mention(org.id, token.i, token.i + 1, "alias")
