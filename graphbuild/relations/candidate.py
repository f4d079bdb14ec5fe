"""One relation as a route finds it, before it becomes a record."""

from __future__ import annotations

from dataclasses import dataclass, field

from .arguments import ArgActor
from .lexicon import Entry


@dataclass
class Candidate:
    """One relation before it becomes a record."""

    subject: ArgActor
    object: ArgActor
    entry: Entry
    trigger: object
    base: float
    extra: list = field(default_factory=list)  # governing chain for modality (light verb, ...)
    hosts: list = field(default_factory=list)  # clause of an implicit-agent noun (aux, negation)
