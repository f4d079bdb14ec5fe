"""The geopolitical knowledge base: countries, organisations, armed groups, people and
their offices, read from the data files in ``graphbuild/data/actors/`` plus any user
folders named in ``$GRAPHBUILD_KB``.

Every worker process loads it, so loading is plain ``csv`` parsing into dicts
(well under a second) and the result is cached per process.
"""

from __future__ import annotations

import csv
import json
import logging
import os
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..records import ACTOR_TYPES, Actor
from .names import actor_id, first_piece, fold, spelling_variants

log = logging.getLogger("graphbuild")

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "actors"
KB_ENV = "GRAPHBUILD_KB"
USER_ACTORS_FILE = "actors.csv"
USER_ACTORS_FIELDS = ("id", "wikidata", "name", "type", "aliases", "country", "role", "gender")

OFFICES = (
    "head_of_state",
    "head_of_government",
    "leader",
    "vice_president",
    "crown_prince",
    "foreign_minister",
    "defence_minister",
    "head",
)
OFFICE_LABELS = {
    "head_of_state": "head of state",
    "head_of_government": "head of government",
    "leader": "leader",
    "vice_president": "vice president",
    "crown_prince": "crown prince",
    "foreign_minister": "foreign minister",
    "defence_minister": "defence minister",
    "head": "head",
}
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


class KnowledgeBaseError(ValueError):
    """A knowledge-base file is malformed; the message names the file, line and problem."""


@dataclass(frozen=True)
class AliasEntry:
    """One way a surface string can name an actor."""

    actor_id: str
    how: str  # name | alias | demonym | metonym | place (a city or region of a country)
    needs_ner: bool = False  # ambiguous word ("Chad", "Jordan"): only when the NER agrees


@dataclass(frozen=True)
class Tenure:
    person_id: str
    body_id: str
    office: str
    start: str  # YYYY-MM-DD (a month or year alone counts from its first day)
    end: str | None  # exclusive; None while in office

    def covers(self, date: str) -> bool:
        return self.start <= date and (self.end is None or date < self.end)


@dataclass(frozen=True)
class Title:
    """A title phrase ("secretary of state") and the office it names."""

    words: tuple[str, ...]
    office: str
    implies: str | None  # actor id the title implies by itself (Secretary of State -> Q30)
    only: frozenset[str]  # bodies the title applies to, empty = any


@dataclass
class Lexicon:
    """Word lists from ``lexicon.json`` (lower-case), used by the detection rules."""

    role_nouns: frozenset[str] = frozenset()
    title_words: frozenset[str] = frozenset()
    group_nouns: frozenset[str] = frozenset()
    media_nouns: frozenset[str] = frozenset()
    media_name_words: frozenset[str] = frozenset()  # case-sensitive
    place_prepositions: frozenset[str] = frozenset()
    country_place_prepositions: frozenset[str] = frozenset()
    masculine_pronouns: frozenset[str] = frozenset()
    feminine_pronouns: frozenset[str] = frozenset()
    body_pronouns: frozenset[str] = frozenset()
    pair_nouns: frozenset[str] = frozenset()
    pair_country_nouns: frozenset[str] = frozenset()
    not_names: frozenset[str] = frozenset()  # case-sensitive
    name_particles: frozenset[str] = frozenset()  # "bin", "al", "de" inside names
    place_only_prepositions: frozenset[str] = frozenset()  # "in São Paulo" is a place
    motion_words: frozenset[str] = frozenset()  # "travelled to São Paulo"
    place_nouns: frozenset[str] = frozenset()  # "the city of Jeddah"
    place_name_words: frozenset[str] = frozenset()  # case-sensitive: "Litani River"
    org_words: frozenset[str] = frozenset()  # case-sensitive: "Party", "Council"
    non_actor_words: frozenset[str] = frozenset()  # case-sensitive: "Act", "War", "Museum"
    org_nouns_after: frozenset[str] = frozenset()  # "the uMkhonto we Sizwe party"
    org_name_heads: frozenset[str] = frozenset()  # "the council" for "... Security Council"
    armed_group_nouns: frozenset[str] = frozenset()  # "the group", "the militants"
    state_verbs: frozenset[str] = frozenset()  # lemmas: "Niger closed its border"
    state_name_context: frozenset[str] = frozenset()  # "flew to Jordan", "Sudan and Chad"
    us_state_context: frozenset[str] = frozenset()  # case-sensitive: "Atlanta", "county"
    # case-sensitive, one or two words: "Texas", "sheriff", "State Senate": an American article
    us_places: frozenset[str] = frozenset()
    # country names that are also US states ("Georgia"): words that place them abroad
    us_state_countries: dict[str, frozenset[str]] = field(default_factory=dict)
    event_heads: frozenset[str] = frozenset()  # case-sensitive: "French Open", "World Cup"
    # case-sensitive: "[Democratic] Alliance" tagged PERSON is an organisation's name
    org_heads_not_surnames: frozenset[str] = frozenset()
    compass_words: frozenset[str] = frozenset()  # "Western Cambodia" is still Cambodia
    national_body_words: frozenset[str] = frozenset()  # case-sensitive: "National", "Supreme"
    national_body_heads: frozenset[str] = frozenset()  # case-sensitive: "Council", "Court"
    work_nouns: frozenset[str] = frozenset()  # "the film", "his book": a title may follow
    # new polities (``polities``): verbs of a polity's own acts besides ``state_verbs``
    # ("the Confederacy seceded", "Texas sued"), and "war with X", "talks with X": X is a
    # counterpart, not a place
    polity_verbs: frozenset[str] = frozenset()
    # case-sensitive: "the State of Texas", "the Union": a polity, though an org word
    polity_words: frozenset[str] = frozenset()
    counterpart_prepositions: frozenset[str] = frozenset()
    counterpart_heads: frozenset[str] = frozenset()
    opposed_prepositions: frozenset[str] = frozenset()  # "rebelled against the Union"

    @classmethod
    def from_json(cls, data: dict) -> Lexicon:
        values = {}
        for name in cls.__dataclass_fields__:
            words = data.get(name, [])
            if name == "us_state_countries":
                values[name] = {key: frozenset(ws) for key, ws in words.items()} if words else {}
                continue
            if name in (
                "media_name_words",
                "not_names",
                "place_name_words",
                "org_words",
                "non_actor_words",
                "us_state_context",
                "us_places",
                "event_heads",
                "org_heads_not_surnames",
                "national_body_words",
                "national_body_heads",
                "polity_words",
            ):
                values[name] = frozenset(words)
            else:
                values[name] = frozenset(w.lower() for w in words)
        return cls(**values)


@dataclass
class RoleLexicon:
    """Role nouns and their PLOVER sectors, from ``sectors.json`` (see ``actors/coding.py``).

    ``phrases`` maps a lower-case phrase ("troops", "foreign ministry") to its sector and
    to how its mention acts: ``agent`` (for the state or organisation named with it) or
    ``national`` (people of that nationality, not the state)."""

    phrases: dict[str, tuple[str, str]] = field(default_factory=dict)
    modifiers: dict[str, str] = field(default_factory=dict)
    state_media: frozenset[str] = frozenset()
    seat_sectors: dict[str, str] = field(default_factory=dict)
    metonym_sector: str | None = None
    not_national: frozenset[str] = frozenset()
    in_country_roles: frozenset[str] = frozenset()
    context_roles: frozenset[str] = frozenset()  # "police", "rebels": the country they are in
    state_modifiers: frozenset[str] = frozenset()  # "government troops": the state's own
    sector_names: dict[str, str] = field(default_factory=dict)
    national_modifiers: dict[str, str] = field(default_factory=dict)  # "anti-government" OPP
    unrecoded_heads: frozenset[str] = frozenset()  # "military government" stays GOV
    leading_words: frozenset[str] = frozenset({"led"})  # "Saudi-led forces"
    patron_words: frozenset[str] = frozenset()  # "U.S.-backed fighters": a demonym only
    ethnic_demonyms: frozenset[str] = frozenset()  # "Bosnian Serb forces": Bosnia's
    ethnic_words: frozenset[str] = frozenset()  # "Iraqi Kurdish fighters": Iraq's
    held_places: frozenset[str] = frozenset()  # "guerrilla camps": the guerrillas'
    leader_bodies: frozenset[str] = frozenset()  # "the Obama administration"
    descent_words: frozenset[str] = frozenset()  # "ethnic Albanians": not Albania
    descent_nouns: frozenset[str] = frozenset()  # "the Russian minority": not Russia
    state_media_modifiers: frozenset[str] = frozenset()  # "the official Syrian newspaper"
    crowd_quantities: frozenset[str] = frozenset()  # "thousands of Kenyans": civilians
    context_nationals: frozenset[str] = frozenset()  # "protesters in Caracas"

    @classmethod
    def from_json(cls, data: dict) -> RoleLexicon:
        phrases: dict[str, tuple[str, str]] = {}
        for how, key in (("national", "nationals"), ("agent", "agents")):
            for sector, nouns in data.get(key, {}).items():
                for noun in nouns:
                    phrases[noun.lower()] = (sector, how)
        return cls(
            phrases=phrases,
            modifiers={k.lower(): v for k, v in data.get("modifiers", {}).items()},
            state_media=frozenset(p.lower() for p in data.get("state_media", [])),
            seat_sectors=dict(data.get("seat_sectors", {})),
            metonym_sector=data.get("metonym_sector"),
            not_national=frozenset(w.lower() for w in data.get("not_national", [])),
            in_country_roles=frozenset(p.lower() for p in data.get("in_country_roles", [])),
            context_roles=frozenset(p.lower() for p in data.get("context_roles", [])),
            state_modifiers=frozenset(p.lower() for p in data.get("state_modifiers", [])),
            sector_names=dict(data.get("sector_names", {})),
            national_modifiers={
                k.lower(): v for k, v in data.get("national_modifiers", {}).items()
            },
            unrecoded_heads=frozenset(p.lower() for p in data.get("unrecoded_heads", [])),
            leading_words=frozenset(p.lower() for p in data.get("leading_words", ["led"])),
            patron_words=frozenset(p.lower() for p in data.get("patron_words", [])),
            ethnic_demonyms=frozenset(p.lower() for p in data.get("ethnic_demonyms", [])),
            ethnic_words=frozenset(p.lower() for p in data.get("ethnic_words", [])),
            held_places=frozenset(p.lower() for p in data.get("held_places", [])),
            leader_bodies=frozenset(p.lower() for p in data.get("leader_bodies", [])),
            descent_words=frozenset(p.lower() for p in data.get("descent_words", [])),
            descent_nouns=frozenset(p.lower() for p in data.get("descent_nouns", [])),
            state_media_modifiers=frozenset(
                p.lower() for p in data.get("state_media_modifiers", [])
            ),
            crowd_quantities=frozenset(p.lower() for p in data.get("crowd_quantities", [])),
            context_nationals=frozenset(p.lower() for p in data.get("context_nationals", [])),
        )


def normalise_date(value: str, where: str) -> str | None:
    value = (value or "").strip()
    if not value:
        return None
    if not _DATE.match(value):
        raise KnowledgeBaseError(f"{where}: date {value!r} is not YYYY-MM-DD (or YYYY-MM, YYYY)")
    if len(value) == 4:
        return f"{value}-01-01"
    if len(value) == 7:
        return f"{value}-01"
    return value


def split_list(value: str | None) -> list[str]:
    return [part.strip() for part in (value or "").split("|") if part.strip()]


@dataclass
class KnowledgeBase:
    """Actors with their names, and the offices people held, for linking mentions."""

    actors: dict[str, Actor] = field(default_factory=dict)
    gender: dict[str, str] = field(default_factory=dict)
    leader_office: dict[str, str] = field(default_factory=dict)
    reference_nouns: dict[str, frozenset[str]] = field(default_factory=dict)  # "the alliance"
    sectors: dict[str, str] = field(default_factory=dict)  # an organisation's own sector
    surfaces: dict[str, list[AliasEntry]] = field(default_factory=lambda: defaultdict(list))
    tenures: dict[tuple[str, str], list[Tenure]] = field(default_factory=lambda: defaultdict(list))
    person_tenures: dict[str, list[Tenure]] = field(default_factory=lambda: defaultdict(list))
    titles: list[Title] = field(default_factory=list)
    lexicon: Lexicon = field(default_factory=Lexicon)
    roles: RoleLexicon = field(default_factory=RoleLexicon)
    sources: list[str] = field(default_factory=list)
    _by_name: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    _index: dict[str, list[tuple[str, list[AliasEntry]]]] | None = None
    _surnames: dict[str, set[str]] | None = None

    def __repr__(self) -> str:
        return (
            f"<KnowledgeBase {len(self.actors)} actors, {len(self.surfaces)} names, "
            f"{sum(len(t) for t in self.tenures.values())} tenures from {len(self.sources)} files>"
        )

    # --- loading -------------------------------------------------------------------

    @classmethod
    def load_default(cls) -> KnowledgeBase:
        """The shipped data plus the user folders in ``$GRAPHBUILD_KB``; cached per process."""
        folders = [DATA_DIR, *user_kb_dirs()]
        key = tuple((str(p), _mtime(p)) for p in folders)
        cached = _CACHE.get(key)
        if cached is None:
            cached = cls.load(folders)
            _CACHE.clear()
            _CACHE[key] = cached
        return cached

    @classmethod
    def load(cls, folders: Iterable[Path]) -> KnowledgeBase:
        """Read the data files of each folder in turn; later folders add to earlier ones."""
        kb = cls()
        folders = [Path(f) for f in folders]
        builtin = folders[0] if folders else DATA_DIR
        lexicon_path = builtin / "lexicon.json"
        if lexicon_path.exists():
            kb.lexicon = Lexicon.from_json(json.loads(lexicon_path.read_text(encoding="utf-8")))
        roles_path = builtin / "sectors.json"
        if roles_path.exists():
            kb.roles = RoleLexicon.from_json(json.loads(roles_path.read_text(encoding="utf-8")))
        for folder in folders:
            strict = folder == builtin  # shipped data must be right; user files may skip bad rows
            kb._load_folder(folder, strict)
        return kb

    def _load_folder(self, folder: Path, strict: bool) -> None:
        loaders = (
            ("countries.csv", self._add_country),
            ("organizations.csv", self._add_organization),
            ("people.csv", self._add_person),
            ("offices.csv", self._add_office),
            ("titles.csv", self._add_title),
            ("places.csv", self._add_place),
            (USER_ACTORS_FILE, self._add_generic),
        )
        for name, add in loaders:
            path = folder / name
            if not path.exists():
                continue
            self.sources.append(str(path))
            for line, row in _read_csv(path):
                where = f"{path}:{line}"
                try:
                    add(row, where)
                except KnowledgeBaseError as exc:
                    if strict:
                        raise
                    log.warning("%s (row skipped)", exc)
        self._index = None
        self._surnames = None

    def _merge(self, actor: Actor) -> Actor:
        """Add an actor, or fold it into the one with the same Wikidata id or name and type."""
        existing = self.actors.get(actor.id)
        if existing is None and actor.wikidata is None:
            for other_id in self._by_name.get(fold(actor.name), ()):
                other = self.actors[other_id]
                if other.type == actor.type:
                    existing = other
                    break
        if existing is None:
            self.actors[actor.id] = actor
            self._by_name[fold(actor.name)].add(actor.id)
            return actor
        for alias in actor.aliases:
            if alias not in existing.aliases and alias != existing.name:
                existing.aliases.append(alias)
        for attr in ("country", "country_id", "role", "wikidata"):
            if getattr(existing, attr) is None and getattr(actor, attr) is not None:
                setattr(existing, attr, getattr(actor, attr))
        return existing

    def _register(self, surface: str, entry: AliasEntry) -> None:
        needs_ner = entry.needs_ner
        if surface.startswith("~"):
            surface, needs_ner = surface[1:], True
        for variant in spelling_variants(surface):
            entries = self.surfaces[variant]
            candidate = AliasEntry(entry.actor_id, entry.how, needs_ner)
            if candidate not in entries:
                entries.append(candidate)
        if entry.how in ("name", "alias"):
            self._by_name[fold(surface)].add(entry.actor_id)

    def _add_named(self, row: dict, where: str, type_: str) -> Actor:
        name = (row.get("name") or "").strip()
        if not name:
            raise KnowledgeBaseError(f"{where}: the name is empty")
        if type_ not in ACTOR_TYPES:
            raise KnowledgeBaseError(
                f"{where}: type {type_!r} is not one of {', '.join(ACTOR_TYPES)}"
            )
        wikidata = (row.get("wikidata") or "").strip() or None
        if wikidata and not re.fullmatch(r"Q\d+", wikidata):
            raise KnowledgeBaseError(f"{where}: Wikidata id {wikidata!r} is not of the form Q123")
        aliases = split_list(row.get("aliases"))
        actor = Actor(
            id=(row.get("id") or "").strip() or actor_id(name, type_, wikidata),
            name=name,
            type=type_,
            aliases=[a.lstrip("~") for a in aliases],
            wikidata=wikidata,
            role=(row.get("role") or "").strip() or None,
        )
        country = (row.get("country") or "").strip()
        if country:
            body = self.find_body(country)
            if body is None:
                raise KnowledgeBaseError(
                    f"{where}: country {country!r} is not in the knowledge base"
                )
            actor.country, actor.country_id = body.name, body.id
        actor = self._merge(actor)
        ambiguous = {a[1:] for a in aliases if a.startswith("~")}
        self._register(name, AliasEntry(actor.id, "name", needs_ner=name in ambiguous))
        for alias in aliases:
            if alias.lstrip("~") == name:
                continue
            self._register(alias, AliasEntry(actor.id, "alias"))
        return actor

    def _add_country(self, row: dict, where: str) -> None:
        country = self._add_named(row, where, "Country")
        for demonym in split_list(row.get("demonyms")):
            self._register(demonym, AliasEntry(country.id, "demonym"))
        for place in split_list(row.get("capital")) + split_list(row.get("seats")):
            self._register(place, AliasEntry(country.id, "metonym"))
            if place.lstrip("~") not in country.aliases:
                country.aliases.append(place.lstrip("~"))
        office = (row.get("leader_office") or "").strip()
        if office:
            if office not in OFFICES:
                raise KnowledgeBaseError(
                    f"{where}: leader_office {office!r} is not one of {', '.join(OFFICES)}"
                )
            self.leader_office[country.id] = office

    def _add_organization(self, row: dict, where: str) -> None:
        sector = (row.get("sector") or "").strip()
        if sector and self.roles.sector_names and sector not in self.roles.sector_names:
            raise KnowledgeBaseError(
                f"{where}: sector {sector!r} is not one of {', '.join(self.roles.sector_names)}"
            )
        org = self._add_named(row, where, (row.get("type") or "Organization").strip())
        if sector:
            self.sectors[org.id] = sector
        for place in split_list(row.get("seats")):
            self._register(place, AliasEntry(org.id, "metonym"))
        nouns = {n.lower() for n in split_list(row.get("nouns"))}
        if nouns:
            self.reference_nouns[org.id] = self.reference_nouns.get(org.id, frozenset()) | nouns

    def _add_place(self, row: dict, where: str) -> None:
        """A city or region that stands for its country's territory ("rockets fired at
        Haifa"): a place, never an agent and never another name of the country."""
        name = (row.get("name") or "").strip()
        if not name:
            raise KnowledgeBaseError(f"{where}: the name is empty")
        country = self.find(row.get("country") or "", types=("Country",))
        if country is None:
            raise KnowledgeBaseError(
                f"{where}: country {row.get('country')!r} is not in countries.csv"
            )
        for surface in [name, *split_list(row.get("aliases"))]:
            self._register(surface, AliasEntry(country.id, "place"))

    def _add_person(self, row: dict, where: str) -> None:
        person = self._add_named(row, where, "Person")
        gender = (row.get("gender") or "").strip().lower()
        if gender:
            if gender not in ("m", "f"):
                raise KnowledgeBaseError(f"{where}: gender {gender!r} is not m or f")
            self.gender[person.id] = gender

    def _add_generic(self, row: dict, where: str) -> None:
        type_ = (row.get("type") or "").strip() or "Organization"
        actor = self._add_named(row, where, type_)
        gender = (row.get("gender") or "").strip().lower()
        if gender in ("m", "f"):
            self.gender[actor.id] = gender

    def _add_office(self, row: dict, where: str) -> None:
        person = self.find(row.get("person") or "", types=("Person",))
        if person is None:
            raise KnowledgeBaseError(f"{where}: person {row.get('person')!r} is not in people.csv")
        body = self.find_body(row.get("body") or "")
        if body is None:
            raise KnowledgeBaseError(
                f"{where}: body {row.get('body')!r} is not in the knowledge base"
            )
        office = (row.get("office") or "").strip()
        if office not in OFFICES:
            raise KnowledgeBaseError(
                f"{where}: office {office!r} is not one of {', '.join(OFFICES)}"
            )
        start = normalise_date(row.get("start") or "", where)
        if start is None:
            raise KnowledgeBaseError(f"{where}: the start date is empty")
        end = normalise_date(row.get("end") or "", where)
        if end is not None and end < start:
            raise KnowledgeBaseError(
                f"{where}: the end date {end} is before the start date {start}"
            )
        tenure = Tenure(person.id, body.id, office, start, end)
        self.tenures[(body.id, office)].append(tenure)
        self.person_tenures[person.id].append(tenure)

    def _add_title(self, row: dict, where: str) -> None:
        phrase = (row.get("phrase") or "").strip().lower()
        office = (row.get("office") or "").strip()
        if not phrase or office not in OFFICES:
            raise KnowledgeBaseError(
                f"{where}: a title needs a phrase and one of {', '.join(OFFICES)}"
            )
        implies = None
        if (row.get("implies") or "").strip():
            body = self.find_body(row["implies"])
            if body is None:
                raise KnowledgeBaseError(
                    f"{where}: implied body {row['implies']!r} is not in the knowledge base"
                )
            implies = body.id
        only = set()
        for name in split_list(row.get("only")):
            body = self.find_body(name)
            if body is None:
                raise KnowledgeBaseError(f"{where}: body {name!r} is not in the knowledge base")
            only.add(body.id)
        words = tuple(re.findall(r"\w+|[^\w\s]", phrase))
        self.titles.append(Title(words, office, implies, frozenset(only)))
        self.titles.sort(key=lambda t: -len(t.words))

    # --- lookups -------------------------------------------------------------------

    def find(self, name: str, types: Iterable[str] | None = None) -> Actor | None:
        """The actor with this name or alias (any spelling), preferring the given types in order."""
        ids = self._by_name.get(fold(name.lstrip("~")), set())
        candidates = [self.actors[i] for i in sorted(ids)]
        if types is not None:
            order = list(types)
            candidates = sorted(
                (a for a in candidates if a.type in order), key=lambda a: order.index(a.type)
            )
        return candidates[0] if candidates else None

    def find_all(self, name: str) -> list[Actor]:
        return [self.actors[i] for i in sorted(self._by_name.get(fold(name), ()))]

    def find_body(self, name: str) -> Actor | None:
        """A country or organisation by name, for affiliations and offices."""
        return self.find(name.strip(), types=("Country", "Organization", "ArmedGroup", "Group"))

    def index(self) -> dict[str, list[tuple[str, list[AliasEntry]]]]:
        """Surface forms grouped by their first word, longest first: what the matcher scans with."""
        if self._index is None:
            index: dict[str, list[tuple[str, list[AliasEntry]]]] = defaultdict(list)
            for surface, entries in self.surfaces.items():
                index[first_piece(surface)].append((surface, entries))
            for candidates in index.values():
                candidates.sort(key=lambda c: -len(c[0]))
            self._index = dict(index)
        return self._index

    def holder(self, body_id: str, office: str, date: str | None) -> str | None:
        """Who held ``office`` of ``body_id`` on ``date`` (None if unknown or no date)."""
        if not date:
            return None
        holders = {t.person_id for t in self.tenures.get((body_id, office), ()) if t.covers(date)}
        return holders.pop() if len(holders) == 1 else None

    def leader(self, body_id: str, date: str | None) -> str | None:
        """The country's leader on ``date``: an explicit ``leader`` office, else its top office."""
        found = self.holder(body_id, "leader", date)
        if found:
            return found
        preferred = self.leader_office.get(body_id)
        fallbacks = ["head_of_state", "head_of_government", "head"]
        for office in ([preferred] if preferred else []) + fallbacks:
            if (body_id, office) in self.tenures:
                return self.holder(body_id, office, date)
        return None

    def role_on(self, person_id: str, date: str | None) -> str | None:
        """A readable role ("head of state of Russia") for the office held on ``date``."""
        tenures = self.person_tenures.get(person_id)
        if not tenures:
            return None
        current = [t for t in tenures if date and t.covers(date)]
        chosen = current[0] if current else max(tenures, key=lambda t: t.start)
        body = self.actors[chosen.body_id].name
        label = OFFICE_LABELS[chosen.office]
        return f"{label} of {body}" if current or not date else f"former {label} of {body}"

    def persons_by_surname(self, surname: str) -> set[str]:
        if self._surnames is None:
            surnames: dict[str, set[str]] = defaultdict(set)
            for actor in self.actors.values():
                if actor.type == "Person":
                    parts = [
                        p
                        for p in actor.name.split()
                        if p.rstrip(".") not in ("Jr", "Sr", "II", "III")
                    ]
                    if len(parts) > 1:
                        surnames[fold(parts[-1])].add(actor.id)
            self._surnames = dict(surnames)
        return self._surnames.get(fold(surname), set())

    def in_office_on(self, person_id: str, date: str | None) -> bool:
        return bool(date) and any(t.covers(date) for t in self.person_tenures.get(person_id, ()))


_CACHE: dict[tuple, KnowledgeBase] = {}


def user_kb_dirs() -> list[Path]:
    """Folders with the user's own knowledge-base files: ``$GRAPHBUILD_KB`` (paths separated by
    ``os.pathsep``), else ``$XDG_DATA_HOME/graphbuild/kb`` when it exists."""
    value = os.environ.get(KB_ENV)
    if value:
        return [Path(p).expanduser() for p in value.split(os.pathsep) if p.strip()]
    default = default_user_kb_dir()
    return [default] if default.is_dir() else []


def default_user_kb_dir() -> Path:
    base = os.environ.get("XDG_DATA_HOME") or os.path.join(
        os.path.expanduser("~"), ".local", "share"
    )
    return Path(base) / "graphbuild" / "kb"


def _mtime(folder: Path) -> tuple:
    try:
        return tuple(
            sorted(
                (p.name, p.stat().st_mtime_ns)
                for p in folder.iterdir()
                if p.suffix in (".csv", ".json")
            )
        )
    except OSError:
        return ()


def _read_csv(path: Path) -> Iterable[tuple[int, dict]]:
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            for row in reader:
                yield reader.line_num, row
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise KnowledgeBaseError(f"{path}: cannot read ({exc})") from exc
