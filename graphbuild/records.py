"""The plain records that flow between the pipeline steps.

Every step takes and returns these (or their ``to_dict`` forms), so an article
can be extracted in a worker process, pickled back, and written as JSON without
any step knowing about another step's internals.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import asdict, dataclass, field
from typing import Any

# REQUESTS: appeals, requests and demands (CAMEO 02, 10): a statement, not a stance.
FAMILIES = ("SUPPORTS", "OPPOSES", "MEETS", "REQUESTS")
STANCE_FAMILIES = ("SUPPORTS", "OPPOSES")  # the families that say which side an actor takes
MODALITIES = ("asserted", "reported", "hypothetical", "future")
ACTOR_TYPES = ("Person", "Country", "Organization", "ArmedGroup", "Group")


def normalise_text(text: str) -> str:
    """Unicode-normalise and collapse whitespace, so trivially different copies hash alike."""
    text = unicodedata.normalize("NFKC", text)
    return re.sub(r"\s+", " ", text).strip()


def article_id_for(text: str) -> str:
    """Content hash of the normalised text: the same article twice gets one id."""
    return hashlib.sha256(normalise_text(text).encode("utf-8")).hexdigest()[:16]


@dataclass
class Article:
    """One news article as read from a source, before any NLP."""

    id: str
    text: str
    title: str | None = None
    date: str | None = None
    url: str | None = None
    source: str | None = None
    path: str | None = None  # where it was read from (file, file:line, "<stdin>")
    place: str | None = None  # where it was filed, from its dateline ("Brussels", "Kyiv, Ukraine")

    @classmethod
    def from_text(cls, text: str, **meta: Any) -> Article:
        return cls(id=article_id_for(text), text=text, **meta)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Actor:
    """A canonical geopolitical actor: a node of the graph."""

    id: str
    name: str
    type: str
    aliases: list[str] = field(default_factory=list)
    country: str | None = None  # canonical name of the actor's country (for people, bodies)
    country_id: str | None = None  # id of that country's actor, for roll-ups
    wikidata: str | None = None
    role: str | None = None  # e.g. "President of Russia" where known

    def ref(self) -> dict[str, str]:
        return {"id": self.id, "name": self.name, "type": self.type}

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Actor:
        known = {k: data.get(k) for k in cls.__dataclass_fields__ if k in data}
        known["aliases"] = list(known.get("aliases") or [])
        return cls(**known)


@dataclass
class Mention:
    """A span of an article that refers to an actor (by name, title, pronoun or metonym).

    ``sector`` is the PLOVER/CAMEO actor sector of the role the span describes
    ("Israeli troops" -> the actor Israel with sector MIL), or None when the span
    names the actor itself. See docs/actors.md.
    """

    actor_id: str
    text: str
    start: int  # character offsets in the article text
    end: int
    how: str = "name"  # name|alias|title|demonym|metonym|place|agent|national|group|pronoun|coref
    token_start: int | None = None  # token offsets in the spaCy Doc (not serialised)
    token_end: int | None = None
    sector: str | None = None  # PLOVER/CAMEO actor sector: GOV, MIL, JUD, LEG, REB, MED, ...
    # for a bare role ("police", "the army") resolved from its context: what named the
    # country (locative | dateline | article); None for every other mention
    context: str | None = None

    def to_dict(self, article_id: str) -> dict[str, Any]:
        record = {
            "article_id": article_id,
            "actor_id": self.actor_id,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "how": self.how,
            "sector": self.sector,
        }
        if self.context is not None:
            record["context"] = self.context
        return record


def relation_id(rel: dict[str, Any]) -> str:
    """A stable key for one extracted statement, used to deduplicate and to MERGE in stores."""
    key = "|".join(
        str(rel[k]) for k in ("article_id", "start", "end", "family", "kind", "negated", "modality")
    )
    key += f"|{rel['subject']['id']}|{rel['object']['id']}"
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:20]


def is_factual(rel: dict[str, Any]) -> bool:
    """True for statements a graph may show as plain actor-to-actor edges.

    Negated, hypothetical and future statements are kept as evidence only.
    """
    return not rel["negated"] and rel["modality"] in ("asserted", "reported")


@dataclass
class ArticleResult:
    """Everything extracted from one article; the unit that workers send back."""

    article: Article
    actors: list[Actor]
    mentions: list[Mention]
    relations: list[dict[str, Any]]
    warnings: list[str] = field(default_factory=list)
