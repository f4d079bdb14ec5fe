"""Geopolitical actors: knowledge base, mention detection, linking and coreference.

PLACEHOLDER while the actors work lands: links named entities to slug ids only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..records import Actor, Mention

_TYPES = {"PERSON": "Person", "GPE": "Country", "ORG": "Organization", "NORP": "Group"}


class KnowledgeBase:
    @classmethod
    def load_default(cls) -> KnowledgeBase:
        return cls()


@dataclass
class DocActors:
    """The actors one Doc mentions, and where."""

    actors: dict[str, Actor] = field(default_factory=dict)
    mentions: list[Mention] = field(default_factory=list)

    def at_token(self, token) -> list[Mention]:
        return [m for m in self.mentions if m.token_start <= token.i < m.token_end]


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def find_actors(doc, kb: KnowledgeBase, date: str | None = None) -> DocActors:
    found = DocActors()
    for ent in doc.ents:
        kind = _TYPES.get(ent.label_)
        if not kind:
            continue
        actor_id = f"{kind.lower()}:{slug(ent.text)}"
        found.actors.setdefault(actor_id, Actor(id=actor_id, name=ent.text, type=kind))
        found.mentions.append(
            Mention(actor_id, ent.text, ent.start_char, ent.end_char, "name", ent.start, ent.end)
        )
    return found
