"""Named-entity spans from GUM's entity layer (the ``Entity=`` MISC annotation).

GUM marks every mention (named or not) with a type and, where it has one, a
Wikipedia identity. A mention is *named* when its syntactic head is a proper
noun; its name is the contiguous run of proper nouns around that head
(determiners, descriptions and, for people, titles are left out, as
OntoNotes-style NER does). Types map as follows:

- person -> PERSON; a plural or group name ("Muslims", "Bangladeshis") or a
  racial, ethnic or political group word ("White", "Libertarian"; lexicons
  ``norp`` and ``group_labels``) -> NORP; a mention that is only titles and
  roles ("Mother", "U.S. Senator", "NASA Administrator"; lexicon ``titles``)
  -> no entity
- organization -> ORG, or GPE when the name or its Wikipedia identity is a
  country/state/city in the gazetteer (GUM types countries acting as agents
  as organizations)
- place -> LOC for continents, regions and natural features (lexicons
  ``loc_names`` and ``loc_keywords``), FAC for buildings, streets, sites and
  numbered roads (``fac_keywords``; "I-580"), otherwise GPE

A mention whose head is a common noun takes the name attached to it
("the critic Eduard Hanslick", "attorney John Martin": appos, flat or compound
after the head), with the same title stripping, unless GUM marks that name as
a mention of its own; names before the head modify it and keep their own
mentions ("Environment Canada spokesperson Julie Hahn"). Editor's brackets and
quoted nicknames inside a name stay in it ("[George H. W.] Bush").

Not names: pronunciations (IPA, respellings such as "d(ə)-VOR-zha(h)k") and a
lone classifier noun standing in for a name ("the Group"; lexicon
``classifier_nouns``).

Coordinated names in one mention ("Khartoum and Juba") are split into their
conjuncts when the conjunct hangs on the mention's head; fixed names with a
coordinator stay whole (a Wikipedia identity or gazetteer entry spelled with
it: "Bosnia and Herzegovina"; organisations only split where GUM marks the
conjuncts as mentions of their own: "Procter & Gamble" stays).

Nested mentions: the outermost name wins; inner names that do not overlap the
outer name survive ("U.S." inside "U.S. President Donald Trump" -> GPE).
Demonyms and religious/political group words outside any gold name become
silver NORP (lexicon ``norp``), which never overrides gold.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import unquote

from training.conllu import Word
from training.lexicons import folded

_ENTITY_ITEM = re.compile(r"\(([^()]+)(\))?|(\d+)\)")
_CONNECTORS = {"of", "the", "and", "&", "de", "du", "la", "del", "for", "on", "-", ".", "'s"}
_COORDINATORS = {"and", "&", "or"}
_NAME_XPOS = {"NNP", "NNPS"}
_INNER_MARKS = {"]", '"', "“", "”"}
_GROUP_ENDINGS = ("ans", "ese", "is", "ers", "ites")
# a respelled pronunciation: lower-case start, hyphenated syllables, one stressed in capitals
# IPA stress and length marks and IPA letters no Latin orthography writes names with
# (ə, ɛ, ɔ, ŋ, ʔ, ʻ and the like are left out: Azerbaijani, West African, Hawaiian names use them)
_IPA_ONLY = frozenset("ˈˌːˑɑɐɒʌɪʊʃʒʁʀɹɻʂʐɕʑɜɞɤɯɘɵʏʎɥɟʝɰɭɳɽʈ")
_RESPELLING = re.compile(r"^[a-z(][a-z()]*(-[A-Za-z()]+)+$")


@dataclass(frozen=True)
class Mention:
    start: int  # first word, 0-based
    end: int  # one past the last word
    etype: str
    identity: str | None


def mentions(words: list[Word]) -> list[Mention]:
    """All GUM mentions of one sentence, from the bracketed Entity= annotation."""
    open_at: dict[str, list[tuple[int, str, str | None]]] = {}
    found: list[Mention] = []
    for index, word in enumerate(words):
        annotation = word.misc.get("Entity")
        if not annotation:
            continue
        for match in _ENTITY_ITEM.finditer(annotation):
            body, closes_here, closing_id = match.groups()
            if body is not None:
                fields = body.split("-", 7)
                eid, etype = fields[0], fields[1] if len(fields) > 1 else ""
                identity = fields[7] if len(fields) > 7 else None
                if closes_here:
                    found.append(Mention(index, index + 1, etype, identity))
                else:
                    open_at.setdefault(eid, []).append((index, etype, identity))
            elif closing_id is not None and open_at.get(closing_id):
                start, etype, identity = open_at[closing_id].pop()
                found.append(Mention(start, index + 1, etype, identity))
    return found


def _head(words: list[Word], start: int, end: int) -> int:
    """The word of the span whose head lies outside it (the first such word)."""
    for index in range(start, end):
        head = words[index].head - 1
        if not start <= head < end:
            return index
    return start


def _is_name(word: Word) -> bool:
    return word.upos == "PROPN" or word.xpos in _NAME_XPOS


def is_pronunciation(form: str) -> bool:
    """IPA ("dvɔːrʒɑːk") or a respelling ("d(ə)-VOR-zha(h)k"): how a name sounds, not a name."""
    if any(char in _IPA_ONLY for char in form):
        return True
    # a respelling: hyphenated syllables, lower case but for the stressed one ("VOR")
    syllables = [re.sub(r"[()]", "", part) for part in form.split("-")]
    return (
        len(syllables) > 1
        and all(part.isalpha() for part in syllables)
        and (form[0] == "(" or form[0].islower())
        and any(len(part) > 1 and part.isupper() for part in syllables)
        and any(part.islower() for part in syllables)
    )


def _name_run(
    words: list[Word], start: int, end: int, head: int, numbers: bool = False
) -> tuple[int, int] | None:
    """The contiguous run of proper nouns (with inner connectors) around the head.

    With ``numbers`` a numeral after a name belongs to it ("I-580", "Route 66").
    """
    if not _is_name(words[head]):
        return None
    left = head
    while left - 1 >= start and (
        _is_name(words[left - 1])
        or (
            words[left - 1].form.casefold() in _CONNECTORS
            and left - 2 >= start
            and _is_name(words[left - 2])
        )
    ):
        left -= 1
    right = head + 1
    while right < end and (
        _is_name(words[right])
        or (numbers and words[right].upos == "NUM")
        # an editor's bracket or a quoted nickname inside a name: "[George H. W.] Bush",
        # 'Julia "Butterfly" Hill'
        or (words[right].form in _INNER_MARKS and right + 1 < end and _is_name(words[right + 1]))
        or (
            words[right].form.casefold() in _CONNECTORS
            and right + 1 < end
            and (
                _is_name(words[right + 1])
                or (numbers and words[right].form in {"-", "&"} and words[right + 1].upos == "NUM")
            )
        )
    ):
        right += 1
    if left - 1 >= start and words[left - 1].form == "[" and "]" in _forms(words, left, right):
        left -= 1
    return left, right


def _forms(words: list[Word], start: int, end: int) -> list[str]:
    return [w.form for w in words[start:end]]


_NAME_ATTACHMENTS = {"appos", "flat", "compound"}


def _attached_name(words: list[Word], start: int, end: int, head: int) -> int | None:
    """The first proper noun after a common-noun head that names it: "the critic Eduard Hanslick".

    The name hangs on the head as appos, flat or compound ("attorney John
    Martin", "Danish philologist Rasmus Rask"); names before the head modify
    it ("Environment Canada spokesperson") and names in a prepositional phrase
    are other things ("speakers of Kujireray").
    """
    for index in range(head + 1, end):
        word = words[index]
        if (
            _is_name(word)
            and word.head - 1 == head
            and word.deprel.split(":")[0] in _NAME_ATTACHMENTS
        ):
            return index
    return None


def _looks_like_name(run: list[Word]) -> bool:
    """Not a lone letter ("speaker G") nor a bare number ("Pad 39A"): labels, not names."""
    forms = [w.form for w in run if w.form not in {"[", "]"}]
    return not (len(forms) == 1 and (len(forms[0].rstrip(".")) == 1 or forms[0][:1].isdigit()))


def _is_title(word: Word) -> bool:
    return word.form.casefold().rstrip(".") in folded("titles")


def _person_name(words: list[Word], left: int, right: int, head: int) -> tuple[int, int] | None:
    """Drop titles and anything before them: "U.S. President Donald Trump" -> "Donald Trump".

    A run whose head and everything after it are titles or roles names no one
    ("U.S. Senator", "NASA Administrator", "Attorney General", "Mother").
    """
    if all(_is_title(w) or w.form.casefold() in _CONNECTORS for w in words[head:right]):
        return None
    start = head
    while start - 1 >= left and not _is_title(words[start - 1]):
        if words[start - 1].form.casefold() in _CONNECTORS:
            break
        start -= 1
    while start < right and _is_title(words[start]):
        start += 1
    if start >= right:
        return None
    return start, right


def _text(words: list[Word], start: int, end: int) -> str:
    return " ".join(w.form for w in words[start:end])


def _place_label(words: list[Word], start: int, end: int, identity: str | None = None) -> str:
    """LOC, FAC or GPE for a place name, from its keywords or else its Wikipedia identity."""
    text = _text(words, start, end).casefold()
    if text.removeprefix("the ") in folded("loc_names"):
        return "LOC"
    forms = [w.form.casefold() for w in words[start:end]]
    # the word a name is built on: the last, or the one before "of" ("Museum of Flight")
    keywords = {forms[-1]}
    if "of" in forms[1:]:
        keywords.add(forms[forms.index("of", 1) - 1])
    if forms[0] in {"mount", "mt.", "lake", "cape"} or keywords & folded("loc_keywords"):
        return "LOC"
    if (keywords | {forms[0]}) & folded("fac_keywords"):
        return "FAC"
    if any(w.upos == "NUM" for w in words[start:end]):
        return "FAC"  # numbered roads, gates, piers: "I-580", "Gate 12"
    # "KSC" with identity Kennedy_Space_Center; "Tarn_(river)": the name's kind, then the gloss's
    identity_text = _identity_text(identity)
    gloss = re.findall(r"\(([^()]*)\)", identity_text)
    main = re.sub(r"\(.*?\)|,.*$", "", identity_text).split()
    for kind in [main[-1:], gloss[0].split()[-1:] if gloss else []]:
        if kind and kind[0].casefold() in folded("loc_keywords"):
            return "LOC"
        if kind and kind[0].casefold() in folded("fac_keywords"):
            return "FAC"
    return "GPE"


def _gazetteer_place(text: str) -> bool:
    return text.casefold().removeprefix("the ") in (
        folded("countries") | folded("cities") | folded("states")
    )


def _identity_text(identity: str | None) -> str:
    """A Wikipedia identity as words: "North_Korea" -> "North Korea"."""
    return unquote(identity or "").replace("_", " ").strip()


def _label(
    words: list[Word], start: int, end: int, head: int, etype: str, identity: str | None = None
) -> str | None:
    if etype == "person":
        form = words[head].form.casefold()
        if form in folded("norp") or _text(words, start, end).casefold() in folded("group_labels"):
            return "NORP"
        if words[head].xpos == "NNPS":
            # a plural group name: a nationality or similar ("Texans"), else not a name at all
            form = words[head].form
            return "NORP" if form[:1].isupper() and form.endswith(_GROUP_ENDINGS) else None
        return "PERSON"
    if etype == "organization":
        text = _text(words, start, end)
        if text.casefold().removeprefix("the ") in folded("countries") | folded("cities"):
            return "GPE"
        return "GPE" if _gazetteer_place(_identity_text(identity)) else "ORG"
    if etype == "place":
        return _place_label(words, start, end, identity)
    return None


def _conjunct_splits(words: list[Word], start: int, end: int, head: int) -> list[int]:
    """Indices of the coordinators and commas that join conjuncts of the mention's head."""
    if not _is_name(words[head]):
        return []  # "an Australian woman and former Scientologist" coordinates no names
    conjuncts = {
        i
        for i in range(start, end)
        if words[i].deprel.startswith("conj") and words[i].head - 1 == head and _is_name(words[i])
    }
    return [
        i
        for i in range(start, end)
        if words[i].head - 1 in conjuncts
        and i < words[i].head - 1
        and words[i].form.casefold() in _COORDINATORS | {",", ";"}
    ]


def _segments(words: list[Word], mention: Mention, nested: list[Mention]) -> list[tuple[int, int]]:
    """The mention, or its conjuncts where it coordinates names of their own."""
    head = _head(words, mention.start, mention.end)
    splits = _conjunct_splits(words, mention.start, mention.end, head)
    if not splits:
        return [(mention.start, mention.end)]
    if any(c in _identity_text(mention.identity).casefold().split() for c in _COORDINATORS):
        return [(mention.start, mention.end)]  # a fixed name: "Trinidad and Tobago"
    bounds = [mention.start - 1, *splits, mention.end]
    parts = [(a + 1, b) for a, b in zip(bounds, bounds[1:], strict=False) if b > a + 1]
    run = _name_run(words, mention.start, mention.end, head)
    if run and _gazetteer_place(_text(words, *run)):
        return [(mention.start, mention.end)]
    if mention.etype == "organization" and not all(
        any(a <= m.start and m.end <= b and m.etype != "person" for m in nested) for a, b in parts
    ):
        # firm names ("Procter & Gamble", "Tiffany and Bosco": people nested, no bodies)
        return [(mention.start, mention.end)]
    return parts


def named_entities(words: list[Word]) -> list[tuple[int, int, str]]:
    """Non-overlapping (start, end, label) word spans for one sentence, gold then silver."""
    candidates: list[tuple[int, int, str, int, int]] = []
    found = mentions(words)
    for mention in found:
        if mention.etype not in {"person", "organization", "place"}:
            continue
        nested = [
            m for m in found if m != mention and mention.start <= m.start and m.end <= mention.end
        ]
        parts = _segments(words, mention, nested)
        for start, end in parts:
            span = _name_span(words, start, end, mention, nested)
            if span is None:
                continue
            # a conjunct yields to GUM's own mention of it (its type may differ)
            size, split = (mention.end - mention.start, 0) if len(parts) == 1 else (end - start, 1)
            candidates.append((*span, size, split))
    # the outermost mention first; an inner name survives only where it does not overlap
    candidates.sort(key=lambda c: (-c[3], c[4], c[0]))
    taken = [False] * len(words)
    spans: list[tuple[int, int, str]] = []
    for left, right, label, _, _ in candidates:
        if any(taken[left:right]):
            continue
        spans.append((left, right, label))
        for index in range(left, right):
            taken[index] = True
    spans.extend(_silver_norp(words, taken))
    return sorted(spans)


def _name_span(
    words: list[Word], start: int, end: int, mention: Mention, nested: list[Mention]
) -> tuple[int, int, str] | None:
    """The labelled name inside words[start:end] of a mention, or None where there is none."""
    head = _head(words, start, end)
    run = _name_run(words, start, end, head, numbers=mention.etype == "place")
    if run is None:
        # a role noun with the name attached: the name, unless GUM marks it as a mention of its own
        name = _attached_name(words, start, end, head)
        if name is None:
            return None
        left, right = _name_run(words, name, end, name, numbers=mention.etype == "place")
        # first names hanging on the surname ("author Natsu Higuchi"), not a name before it
        # ("CEO of the Refugee Council Enver Solomon")
        while (
            left - 1 > head
            and _is_name(words[left - 1])
            and left <= words[left - 1].head - 1 < right
        ):
            left -= 1
        if words[head].form[:1].isupper() and words[head + 1].form == "-" and left == head + 2:
            left = head  # a hyphenated name the tagger split: "the Comédie - Française"
        run = (left, right)
        head = name
        if any(m.start < run[1] and run[0] < m.end for m in nested) or not _looks_like_name(
            words[run[0] : run[1]]
        ):
            return None
    left, right = run
    if mention.etype == "person":
        trimmed = _person_name(words, left, right, head)
        if trimmed is None:
            return None
        left, right = trimmed
    while left < right and words[left].form.casefold() in _CONNECTORS:
        left += 1
    while right > left and words[right - 1].form.casefold() in _CONNECTORS:
        right -= 1
    if left >= right or any(is_pronunciation(w.form) for w in words[left:right]):
        return None
    if right - left == 1 and words[left].form.casefold() in folded("classifier_nouns"):
        return None  # "the Group", "the Committee": a stand-in for a name
    label = _label(words, left, right, head, mention.etype, mention.identity)
    return None if label is None else (left, right, label)


def _silver_norp(words: list[Word], taken: list[bool]) -> list[tuple[int, int, str]]:
    norp = folded("norp")
    spans = []
    for index, word in enumerate(words):
        if taken[index] or not word.form[:1].isupper():
            continue
        if word.form.casefold() in norp and word.upos in {"ADJ", "PROPN", "NOUN"}:
            spans.append((index, index + 1, "NORP"))
    return spans
