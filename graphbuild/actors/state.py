"""The state that the actor passes share while one Doc is read.

``find_actors`` (``finder``) runs a fixed list of passes (knowledge-base names,
people, titles, actor coding, bodies, new organisations, coreference), each a
function over one ``DocState``. This module holds that state, the record it
turns into (``DocActors``) and the few helpers every pass needs. It imports none
of the passes, so each pass can be read on its own and none imports the finder.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from ..records import Actor, Mention
from .kb import KnowledgeBase
from .matcher import SurfaceMatch

POSSESSIVE = ("'s", "\u2019s", "'", "\u2019")
HYPHENS = ("-", "\u2010", "\u2011")  # a hyphen spaCy keeps as its own token
BODY_TYPES = ("Country", "Organization", "ArmedGroup", "Group")
NER_COMPATIBLE = {
    "Person": {"PERSON"},
    "Country": {"GPE", "LOC", "NORP"},
    "Organization": {"ORG", "NORP", "GPE", "FAC"},
    "ArmedGroup": {"ORG", "NORP", "GPE"},
    "Group": {"NORP", "ORG"},
}

# A KB name that stands for an actor here: (match, actor id, how)
Standalone = tuple[SurfaceMatch, str, str]


@dataclass
class DocActors:
    """The actors one Doc mentions, and where."""

    actors: dict[str, Actor] = field(default_factory=dict)
    mentions: list[Mention] = field(default_factory=list)
    # token spans (start, end) of the titles of works ("the film Calling the Shots"): no
    # actor inside, and no word of one is a relation's trigger
    titles: list[tuple[int, int]] = field(default_factory=list)
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


class DocState:
    """One Doc's state while its actors are found: which tokens are taken, which KB
    names were matched where, the mentions and new actors so far."""

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
        # the KB country or body matched at each token, as (match, actor, how)
        self.body_hint: list[Standalone | None] = [None] * n
        self.match_at: list[SurfaceMatch | None] = [None] * n
        self.mentions: list[Mention] = []
        self.new_actors: dict[str, Actor] = {}
        self.gender: dict[str, str] = {}
        self.people: list[PersonSpan] = []
        self.swallowed: list[Standalone] = []
        self.titles_seen: list[tuple[int, str, tuple[str, ...]]] = []  # (start, actor, words)
        self.titles: list[tuple[int, int]] = []  # token spans of works' titles (``works``)

    def span_text(self, start: int, end: int) -> str:
        doc = self.doc
        return self.text[doc[start].idx : doc[end - 1].idx + len(doc[end - 1].text)]

    def has_place_or_thing_word(self, start: int, end: int) -> bool:
        """A word of a place name or of a thing's name inside ("Strait of Hormuz", "Gulf
        of Aden", "HEROES Act", "Cyclone Phailin"): no person, organisation or polity."""
        lex = self.lex
        return any(
            t.text in lex.place_name_words or t.text in lex.non_actor_words
            for t in self.doc[start:end]
        )

    def modifies_counted_noun(self, start: int, end: int) -> bool:
        """ "26 Rafale Marine fighters", "four Leopard tanks", "two Patriot batteries": a
        name between a number and the plural common noun it modifies names a model or a
        product, not a person or an organisation. Read from the words and the number's
        attachment, not from the noun's tag, which taggers get wrong ("fighters" VERB)."""
        doc = self.doc
        if start == 0 or end >= len(doc):
            return False
        number, noun, last = doc[start - 1], doc[end], doc[end - 1]
        if not (number.like_num or number.tag_ == "CD") or number.is_punct:
            return False
        plural = (
            noun.tag_ in ("NNS",)
            or "Plur" in noun.morph.get("Number")
            or (noun.lower_.endswith("s") and not noun.lower_.endswith("ss"))
        )
        if not (noun.is_alpha and noun.is_lower and plural):
            return False
        return start <= number.head.i <= end and (last.head.i == end or number.head.i == end)

    def add_mention(
        self,
        actor: str,
        start: int,
        end: int,
        how: str,
        take: bool = True,
        sector: str | None = None,
    ) -> Mention:
        doc = self.doc
        mention = Mention(
            actor_id=actor,
            text=self.span_text(start, end),
            start=doc[start].idx,
            end=doc[end - 1].idx + len(doc[end - 1].text),
            how=how,
            token_start=start,
            token_end=end,
            sector=sector,
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

    def result(self) -> DocActors:
        """The mentions in text order and the actors they name (KB actors with the
        office they hold on the article's date)."""
        found = DocActors()
        self.mentions.sort(key=lambda m: (m.start, m.end, m.actor_id))
        found.mentions = self.mentions
        found.titles = list(self.titles)
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
