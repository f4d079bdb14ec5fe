"""Mention detection and linking over one parsed Doc.

Order matters and goes from the most certain evidence to the least:

1. knowledge-base names (people, countries, organisations, demonyms, capitals and
   seats of government), checked against the NER where a name is ambiguous;
2. people: KB names, then NER PERSON spans (a full name from the KB, or a short
   form of a full name in the same article, or a new person), each with the title
   chain in front of it ("Ukrainian Foreign Ministry spokesman") giving role and
   affiliation;
3. groups ("Chinese officials") and media, which are never actors;
4. countries and organisations by name, alias or metonym ("Beijing has billed"),
   or as a place ("arrived in Moscow");
5. organisations the NER finds that the KB does not know;
6. coreference (see ``coref``).

Titles without a name ("the U.S. president", resolved by the article's date) come
right after the people, before their demonym or country could be read as a group.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from ..records import Actor, Mention
from .coref import resolve_coreference
from .kb import KnowledgeBase
from .matcher import SurfaceMatch, match_surfaces
from .names import actor_id, fold
from .orgs import OrgCandidate, accepted, capitalised_runs, initials, is_acronym, rejected
from .roles import (
    country_acting_before,
    late_affiliations,
    parse_appositive,
    parse_preceding_appositive,
    parse_title_chain,
    resolve_role_phrases,
)
from .spans import person_spans

PERSON_LABELS = ("PERSON",)
BODY_TYPES = ("Country", "Organization", "ArmedGroup", "Group")
NER_COMPATIBLE = {
    "Person": {"PERSON"},
    "Country": {"GPE", "LOC", "NORP"},
    "Organization": {"ORG", "NORP", "GPE", "FAC"},
    "ArmedGroup": {"ORG", "NORP", "GPE"},
    "Group": {"NORP", "ORG"},
}
POSSESSIVE = ("'s", "\u2019s", "'", "\u2019")


@dataclass
class DocActors:
    """The actors one Doc mentions, and where."""

    actors: dict[str, Actor] = field(default_factory=dict)
    mentions: list[Mention] = field(default_factory=list)
    _by_token: dict[int, list[Mention]] | None = field(default=None, repr=False, compare=False)
    _indexed: int = field(default=-1, repr=False, compare=False)

    def at_token(self, token) -> list[Mention]:
        """Mentions whose token span covers ``token`` (one per actor for "the two leaders")."""
        if self._by_token is None or self._indexed != len(self.mentions):
            index: dict[int, list[Mention]] = {}
            for mention in self.mentions:
                if mention.token_start is None or mention.token_end is None:
                    continue
                for i in range(mention.token_start, mention.token_end):
                    index.setdefault(i, []).append(mention)
            self._by_token, self._indexed = index, len(self.mentions)
        i = token if isinstance(token, int) else token.i
        return list(self._by_token.get(i, ()))


@dataclass
class PersonSpan:
    """A person mention being built: the whole span, the name inside it, and the link."""

    start: int
    end: int
    name_start: int
    name_end: int
    actor_id: str
    how: str


class Finder:
    """Holds one Doc's state while its actors are found; ``run`` returns the DocActors."""

    def __init__(self, doc, kb: KnowledgeBase, date: str | None):
        self.doc = doc
        self.text = doc.text  # spaCy rebuilds doc.text from the tokens on every access
        self.kb = kb
        self.lex = kb.lexicon
        self.date = date
        n = len(doc)
        self.taken = [False] * n
        self.ent_of: list = [None] * n
        for ent in doc.ents:
            for i in range(ent.start, ent.end):
                self.ent_of[i] = ent
        self.body_hint: list[tuple[SurfaceMatch, str, str] | None] = [
            None
        ] * n  # (match, actor, how)
        self.match_at: list[SurfaceMatch | None] = [None] * n
        self.mentions: list[Mention] = []
        self.new_actors: dict[str, Actor] = {}
        self.gender: dict[str, str] = {}
        self.people: list[PersonSpan] = []
        self.swallowed: list[tuple[SurfaceMatch, str, str]] = []
        self.titles_seen: list[tuple[int, str, tuple[str, ...]]] = []  # (start, actor, words)

    # --- helpers -------------------------------------------------------------------

    def span_text(self, start: int, end: int) -> str:
        doc = self.doc
        return self.text[doc[start].idx : doc[end - 1].idx + len(doc[end - 1].text)]

    def add_mention(self, actor: str, start: int, end: int, how: str, take: bool = True) -> Mention:
        doc = self.doc
        mention = Mention(
            actor_id=actor,
            text=self.span_text(start, end),
            start=doc[start].idx,
            end=doc[end - 1].idx + len(doc[end - 1].text),
            how=how,
            token_start=start,
            token_end=end,
        )
        self.mentions.append(mention)
        if take:
            for i in range(start, end):
                self.taken[i] = True
        return mention

    def actor(self, actor_id_: str) -> Actor:
        return self.new_actors.get(actor_id_) or self.kb.actors[actor_id_]

    def is_free(self, start: int, end: int) -> bool:
        return not any(self.taken[start:end])

    def _ner_agrees(self, match: SurfaceMatch, actor_type: str) -> bool:
        start = match.start
        if start > 0 and self.doc[start - 1].lower_ == "the":
            start -= 1
        for ent in {self.ent_of[i] for i in range(match.start, match.end)} - {None}:
            if ent.start in (start, match.start) and ent.end == match.end:
                return ent.label_ in NER_COMPATIBLE.get(actor_type, ())
        return False

    def _choose(self, match: SurfaceMatch) -> tuple[str, str] | None:
        """The one actor a name stands for here, or None when it is ambiguous or unconfirmed."""
        chosen: dict[str, str] = {}
        for entry in match.entries:
            actor = self.kb.actors[entry.actor_id]
            if entry.needs_ner and not self._ner_agrees(match, actor.type):
                continue
            chosen.setdefault(entry.actor_id, entry.how)
        if len(chosen) > 1:
            labels = {
                self.ent_of[i].label_
                for i in range(match.start, match.end)
                if self.ent_of[i] is not None
            }
            chosen = {
                a: how
                for a, how in chosen.items()
                if NER_COMPATIBLE.get(self.kb.actors[a].type, set()) & labels
            }
        if len(chosen) != 1:
            return None
        return next(iter(chosen.items()))

    def _swallowed(self, match: SurfaceMatch) -> bool:
        """True when the name is only part of a longer named thing ("The Washington Post",
        "New Mexico", "University of Washington"), not a mention of the actor itself."""
        if self.media_follows(match.end):
            return True
        if match.end - match.start > 1 and any(
            self.kb.actors[e.actor_id].type == "Person" for e in match.entries
        ):
            return False  # a full name from the KB: the NER at most wrapped a title around it
        lex = self.lex
        for ent in {self.ent_of[i] for i in range(match.start, match.end)} - {None}:
            if (
                ent.start <= match.start
                and ent.end >= match.end
                and (ent.start, ent.end) != (match.start, match.end)
            ):
                roles = [t.i for t in ent if t.lower_ in lex.role_nouns]
                end = roles[-1] if roles and roles[-1] >= match.end else ent.end  # "U.S. Senator X"
                for token in ent.doc[ent.start : end]:
                    if match.start <= token.i < match.end or self.match_at[token.i] is not None:
                        continue
                    if token.lower_ in lex.title_words or token.lower_ in lex.role_nouns:
                        continue
                    if token.text in lex.not_names:
                        continue  # "the United Arab Emirates [on Saturday]" tagged as one
                    if token.pos_ == "PROPN":  # "The Washington Post", "New Mexico"
                        return True
        return False

    def media_follows(self, end: int) -> bool:
        """A capitalised media word right after a name: "Washington Post", "China Daily"."""
        doc = self.doc
        for i in range(end, min(end + 2, len(doc))):
            if not doc[i].is_title and not doc[i].is_upper:
                return False
            if doc[i].text in self.lex.media_name_words:
                return True
        return False

    def is_media_name(self, start: int, end: int) -> bool:
        words = [t.text for t in self.doc[start:end]]
        return any(w in self.lex.media_name_words for w in words)

    # --- steps ---------------------------------------------------------------------

    def run(self) -> DocActors:
        standalone = self.find_names()
        self.find_people(standalone)
        resolve_role_phrases(self)
        self.find_groups(standalone)
        self.find_bodies(standalone)
        self.find_new_organisations()
        late_affiliations(self)
        resolve_coreference(self)
        return self.result()

    def find_names(self) -> list[tuple[SurfaceMatch, str, str]]:
        """KB names that stand for an actor here, as (match, actor id, how)."""
        matches = match_surfaces(self.doc, self.kb)
        for match in matches:
            for i in range(match.start, match.end):
                self.match_at[i] = match
        standalone = []
        for match in matches:
            chosen = self._choose(match)
            if chosen is None:
                continue
            actor_id_, how = chosen
            ent = self.ent_of[match.start]
            in_media = (
                ent is not None and ent.label_ == "ORG" and self.is_media_name(ent.start, ent.end)
            ) or (self.media_follows(match.end))
            if self.kb.actors[actor_id_].type in BODY_TYPES and not in_media:
                for i in range(match.start, match.end):
                    self.body_hint[i] = (match, actor_id_, how)
            if self._swallowed(match):
                self.swallowed.append((match, actor_id_, how))
                continue
            standalone.append((match, actor_id_, how))
        return standalone

    def find_people(self, standalone: list[tuple[SurfaceMatch, str, str]]) -> None:
        kb, doc = self.kb, self.doc
        covered = [False] * len(doc)
        for match, actor_id_, how in standalone:
            for i in range(match.start, match.end):
                covered[i] = True
            if kb.actors[actor_id_].type == "Person":
                span_how = "name" if how == "name" else "alias"
                self.people.append(
                    PersonSpan(match.start, match.end, match.start, match.end, actor_id_, span_how)
                )
        unknown = []
        for start, end, licensed in person_spans(self):
            if start >= end or any(covered[start:end]):
                continue
            if self.span_text(start, end) in self.lex.not_names:
                continue
            if not licensed and not any(t.pos_ == "PROPN" for t in doc[start:end]):
                continue  # "Government", "Pardon": capitalised words, not names
            if not licensed and end - start == 1 and doc[start].tag_ in ("NNS", "NNPS"):
                continue  # "Fishermen said ...": a plural noun, not a name
            unknown.append((start, end))
            self._unswallow(start, standalone)
        for start, end in sorted(unknown, key=lambda se: (se[1] - se[0] < 2, se[0])):
            self._link_person(start, end)
        self.people.sort(key=lambda p: p.start)
        for person in self.people:
            self._attach_title(person)
        for person in self.people:
            self.add_mention(person.actor_id, person.start, person.end, person.how)

    def _unswallow(self, name_start: int, standalone: list) -> None:
        """A KB body the NER wrapped together with the name after it ("Ambassador to the
        [United Nations Nikki Haley]") is a mention of its own after all."""
        for entry in self.swallowed:
            if entry[0].end == name_start:
                self.swallowed.remove(entry)
                standalone.append(entry)
                standalone.sort(key=lambda e: e[0].start)
                return

    def trim_person(self, start: int, end: int) -> tuple[int, int]:
        """Drop title words and possessives the NER put inside a PERSON span."""
        doc, lex = self.doc, self.lex
        while start < end and (
            doc[start].lower_ in lex.role_nouns
            or doc[start].lower_ in lex.title_words
            or self.body_hint[start] is not None
        ):
            start += 1
        while end > start and (doc[end - 1].text in POSSESSIVE or doc[end - 1].is_punct):
            end -= 1
        return start, end

    def _link_person(self, start: int, end: int) -> None:
        kb = self.kb
        name = self.span_text(start, end)
        how = "name"
        if end - start >= 2:
            known = kb.find(name, types=("Person",))
            person_id = known.id if known else None
        else:
            person_id = self._short_form(start, name)
            how = "coref" if person_id else "name"
            if person_id is None and self.date:
                in_office = [
                    p for p in kb.persons_by_surname(name) if kb.in_office_on(p, self.date)
                ]
                if len(in_office) == 1:
                    person_id, how = in_office[0], "alias"
        if person_id is None:
            person_id = actor_id(name, "Person")
            if person_id not in self.new_actors:
                self.new_actors[person_id] = Actor(id=person_id, name=name, type="Person")
        elif person_id in self.new_actors and name != self.new_actors[person_id].name:
            aliases = self.new_actors[person_id].aliases
            if name not in aliases:
                aliases.append(name)
        self.people.append(PersonSpan(start, end, start, end, person_id, how))

    def _short_form(self, start: int, word: str) -> str | None:
        """The person a one-word name stands for: a full name in this article that ends
        (or, for names written surname first, begins) with it; the nearest earlier one wins."""
        key = fold(word)
        before, after = [], []
        for person in self.people:
            if person.name_end - person.name_start < 2:
                continue
            words = [fold(t.text) for t in self.doc[person.name_start : person.name_end]]
            if key in (words[-1], words[0]):
                (before if person.start < start else after).append(person)
        if before:
            return max(before, key=lambda p: p.start).actor_id
        if after:
            return min(after, key=lambda p: p.start).actor_id
        return None

    def _attach_title(self, person: PersonSpan) -> None:
        chain = parse_title_chain(self, person.start)
        if chain is not None:
            person.start = chain.start
        appositive = parse_appositive(self, person.end)
        if chain is None and appositive is None:
            appositive = parse_preceding_appositive(self, person.start)
        for found in (chain, appositive):
            if found is not None and found.role:
                words = tuple(found.role.lower().split())
                self.titles_seen.append((person.start, person.actor_id, words))
        new = self.new_actors.get(person.actor_id)
        if new is None:
            return
        if chain is not None and chain.body_id is None and chain.start == person.start:
            chain.body_id = country_acting_before(self, person.start, chain.role)
        for found in (chain, appositive):
            if found is None:
                continue
            if new.country_id is None and found.body_id is not None:
                body = self.actor(found.body_id)
                new.country, new.country_id = body.name, body.id
            if new.role is None and found.role:
                new.role = found.role
            if found.gender and person.actor_id not in self.gender:
                self.gender[person.actor_id] = found.gender

    def find_groups(self, standalone: list[tuple[SurfaceMatch, str, str]]) -> None:
        """Demonyms and country names that modify a noun: groups ("Chinese officials"),
        media ("Russian state media", never an actor) or a plain adjectival mention."""
        doc, lex = self.doc, self.lex
        for match, actor_id_, how in standalone:
            if self.kb.actors[actor_id_].type == "Person" or not self.is_free(
                match.start, match.end
            ):
                continue
            chain_end = match.end
            while (
                chain_end < len(doc)
                and chain_end - match.end < 4
                and doc[chain_end].pos_ in ("NOUN", "PROPN", "ADJ")
                and self.body_hint[chain_end] is None
                and not self.taken[chain_end]
            ):
                chain_end += 1
            words = [t.lower_ for t in doc[match.end : chain_end]]
            if any(w in lex.media_nouns for w in words):
                for i in range(match.start, chain_end):
                    self.taken[i] = True  # media are not actors, and neither is their nationality
                continue
            head = self._group_head(match.end, chain_end)
            if head is not None:
                start = (
                    match.start - 1
                    if match.start > 0 and doc[match.start - 1].lower_ == "the"
                    else match.start
                )
                self.add_mention(actor_id_, start, head, "group")
                continue
            if how == "demonym":
                self._plain_demonym(match, actor_id_, chain_end)

    def _group_head(self, start: int, end: int) -> int | None:
        """End of a group noun phrase right after a demonym ("officials", "foreign ministry")."""
        doc, nouns = self.doc, self.lex.group_nouns
        for stop in range(end, start, -1):
            for first in range(start, stop):
                phrase = " ".join(t.lower_ for t in doc[first:stop])
                if phrase in nouns and all(
                    t.pos_ in ("NOUN", "PROPN", "ADJ") for t in doc[start:stop]
                ):
                    return stop
        return None

    def _plain_demonym(self, match: SurfaceMatch, actor_id_: str, chain_end: int) -> None:
        doc = self.doc
        token = doc[match.end - 1]
        if chain_end > match.end or (match.end < len(doc) and self.taken[match.end]):
            # "Russian invasion", and "Russian" in front of "President Vladimir Putin"
            self.add_mention(actor_id_, match.start, match.end, "demonym")
        elif (
            token.tag_ in ("NNS", "NNPS")
            or token.text.endswith("s")
            or (
                match.start > 0
                and doc[match.start - 1].lower_ == "the"
                and token.pos_ in ("NOUN", "PROPN")
            )
        ):
            start = (
                match.start - 1
                if match.start > 0 and doc[match.start - 1].lower_ == "the"
                else match.start
            )
            self.add_mention(actor_id_, start, match.end, "group")  # "the Russians", "Americans"

    def find_bodies(self, standalone: list[tuple[SurfaceMatch, str, str]]) -> None:
        """Countries and organisations by name, alias or metonym, as agents or as places."""
        doc, lex = self.doc, self.lex
        for match, actor_id_, how in standalone:
            actor = self.kb.actors[actor_id_]
            if (
                actor.type == "Person"
                or how == "demonym"
                or not self.is_free(match.start, match.end)
            ):
                continue
            after = doc[match.end] if match.end < len(doc) else None
            possessive = after is not None and after.text in POSSESSIVE
            # "U.S. power", "the U.S. president": the name modifies a noun, "the" is the noun's
            compound = after is not None and after.pos_ in ("NOUN", "PROPN") and not possessive
            start = match.start
            if start > 0 and doc[start - 1].lower_ == "the" and not self.taken[start - 1]:
                if not compound:
                    start -= 1
            before = doc[start - 1].lower_ if start > 0 else ""
            if how == "metonym":
                kind = (
                    "place"
                    if before in lex.place_prepositions and not possessive and not compound
                    else "metonym"
                )
            else:
                kind = "name" if fold(match.surface) == fold(actor.name) else "alias"
                if (
                    actor.type == "Country"
                    and before in lex.country_place_prepositions
                    and not possessive
                    and not compound
                ):
                    kind = "place"
            self.add_mention(actor_id_, start, match.end, kind)

    def find_new_organisations(self) -> None:
        """Organisations the KB lacks, from the NER and from capitalised runs ending in an
        organisation word: new actors when ``orgs.accepted`` finds evidence enough,
        affiliated where a demonym says so; media outlets are left out."""
        doc = self.doc
        spans = [(ent.start, ent.end) for ent in doc.ents if ent.label_ == "ORG"]
        spans += capitalised_runs(self)
        candidates: list[OrgCandidate] = []
        for ent_start, ent_end in sorted(spans):
            start, end = ent_start, ent_end
            while start < end and (doc[start].lower_ == "the" or self.taken[start]):
                start += 1
            while end > start and (doc[end - 1].text in POSSESSIVE or doc[end - 1].is_punct):
                end -= 1
            if start >= end or not self.is_free(start, end) or self.is_media_name(start, end):
                continue
            if not any(t.pos_ == "PROPN" or t.text in self.lex.org_words for t in doc[start:end]):
                continue
            if doc[end - 1].lower_ in self.lex.media_nouns:
                continue
            if self.span_text(start, end) in self.lex.not_names:
                continue
            hints = [self.body_hint[i] for i in range(start, end) if self.body_hint[i] is not None]
            if start > 0 and self.body_hint[start - 1] is not None and not self.taken[start - 1]:
                hints.insert(0, self.body_hint[start - 1])
                start = self.body_hint[start - 1][0].start
            body_id = hints[0][1] if hints else None
            rest = [t.lower_ for t in doc[start:end] if self.body_hint[t.i] is None]
            if body_id and " ".join(rest) in self.lex.group_nouns:
                self.add_mention(body_id, start, end, "group")  # "the Russian Defence Ministry"
                continue
            if (hints and not rest) or rejected(self, start, end):
                continue
            candidates.append(OrgCandidate(start, end, self.span_text(start, end), body_id))
        self._accept_organisations(candidates)

    def _accept_organisations(self, candidates: list[OrgCandidate]) -> None:
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
            if accepted(self, candidate, counts[new_id])
        }
        for candidate, new_id in zip(candidates, ids, strict=True):
            if new_id not in accepted_ids or not self.is_free(candidate.start, candidate.end):
                continue
            if new_id not in self.new_actors and new_id not in self.kb.actors:
                full = by_initials.get(candidate.name) if is_acronym(candidate.name) else None
                org = Actor(id=new_id, name=(full or candidate).name, type="Organization")
                self.new_actors[new_id] = org
            org = self.new_actors.get(new_id)
            if org is not None:
                if candidate.name != org.name and candidate.name not in org.aliases:
                    org.aliases.append(candidate.name)
                if candidate.body_id and org.country_id is None:
                    body = self.actor(candidate.body_id)
                    org.country, org.country_id = body.name, body.id
            how = "name" if org is None or candidate.name == org.name else "alias"
            self.add_mention(new_id, candidate.start, candidate.end, how)
        self._acronyms(accepted_ids)

    def _acronyms(self, accepted_ids: set[str]) -> None:
        """ "the DA", "the ANC" after "Democratic Alliance", "African National Congress"."""
        by_initials = {}
        for new_id in accepted_ids:
            org = self.new_actors.get(new_id)
            if org is not None and len(initials(org.name)) >= 2:
                by_initials.setdefault(initials(org.name), []).append(org)
        if not by_initials:
            return
        first_seen = {
            m.actor_id: m.token_start for m in reversed(self.mentions) if m.actor_id in accepted_ids
        }
        for token in self.doc:
            orgs = by_initials.get(token.text)
            if not orgs or len(orgs) != 1 or self.taken[token.i]:
                continue
            org = orgs[0]
            if first_seen.get(org.id, len(self.doc)) > token.i:
                continue  # the acronym only after the full name
            if token.text not in org.aliases:
                org.aliases.append(token.text)
            self.add_mention(org.id, token.i, token.i + 1, "alias")

    def result(self) -> DocActors:
        found = DocActors()
        self.mentions.sort(key=lambda m: (m.start, m.end, m.actor_id))
        found.mentions = self.mentions
        for mention in self.mentions:
            if mention.actor_id in found.actors:
                continue
            if mention.actor_id in self.new_actors:
                found.actors[mention.actor_id] = self.new_actors[mention.actor_id]
            else:
                known = self.kb.actors[mention.actor_id]
                role = self.kb.role_on(known.id, self.date) or known.role
                found.actors[mention.actor_id] = replace(
                    known, aliases=list(known.aliases), role=role
                )
        return found


def find_actors(doc, kb: KnowledgeBase, date: str | None = None) -> DocActors:
    """The geopolitical actors a parsed Doc mentions, linked to the knowledge base where
    possible, with every mention's character and token offsets."""
    return Finder(doc, kb, date).run()
