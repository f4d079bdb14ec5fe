"""The relation lexicon and cue lists, read from ``graphbuild/data/relations/``.

Loaded once per process into dictionaries keyed by lemma, so finding the
triggers of a sentence is one lookup per token.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from .ontology import DATA_DIR, Ontology, OntologyError, load_ontology, quad_class_for

LEXICON_FILE = DATA_DIR / "lexicon.toml"
CUES_FILE = DATA_DIR / "cues.toml"

WORD_CLASSES = ("verb", "noun", "adjective")
RESOLVE_MODES = ("direct", "proxy", "modifiers", "modifiers_only")
NOUN_AGENT_ROUTES = ("poss", "by", "from", "modifier", "copula", "light", "implicit", "poss_object")
DEFAULT_NOUN_AGENTS = ("poss", "by", "from", "light", "modifier", "copula", "implicit")
SPECIAL_SLOTS = {
    "obj",
    "iobj",
    "clause",
    "condition",
    "infinitive_condition",
    "between",
    "content",
    "obligation",
}


@dataclass(frozen=True)
class Entry:
    """One lexicon entry: trigger words of one class, the kind, and where the arguments are."""

    word_class: str
    kind: str
    family: str
    cameo: str
    quad_class: str
    symmetric: bool
    lemmas: tuple[str, ...]
    objects: tuple[str, ...]
    resolve: str
    place_object: bool = False
    reciprocal: bool = False
    requires: frozenset[str] = frozenset()
    consumes: frozenset[str] = frozenset()
    requires_dep: tuple[str, ...] = ()
    forbid: tuple[str, ...] = ()
    inverse: bool = False
    passive_agents: tuple[str, ...] = ()  # prepositions naming the agent of a passive with no "by"
    person_kind: str | None = None
    agents: tuple[str, ...] = DEFAULT_NOUN_AGENTS
    light_verbs: frozenset[str] | None = None
    target_places: tuple[str, ...] = ()  # "in" phrases naming the attacked country's territory
    # the agent relates to each side of "between" (not the sides to each other)
    mediator: bool = False
    # (nouns) the object phrase may hang on the noun's of-phrase, what is threatened or
    # warned of: "a threat of sanctions against Nicaragua" (round 13)
    through_of: bool = False
    index: int = 0  # position in the file: first match wins

    @property
    def prepositions(self) -> tuple[str, ...]:
        return tuple(slot for slot in self.objects if slot not in SPECIAL_SLOTS)


@dataclass
class Cues:
    """Cue word sets from cues.toml, as frozensets for fast membership tests."""

    negating_governors: frozenset[str]
    negating_phrasal: frozenset[str]
    negating_prepositions: frozenset[str]
    negation_words: frozenset[str]
    hypothetical_aux: frozenset[str]
    hypothetical_marks: frozenset[str]
    hypothetical_governors: frozenset[str]
    hypothetical_modifiers: frozenset[str]
    hypothetical_predicates: frozenset[str]
    future_aux: frozenset[str]
    future_governors: frozenset[str]
    future_modifiers: frozenset[str]
    speech_verbs: frozenset[str]
    denial_verbs: frozenset[str]
    speech_nouns: frozenset[str]
    source_prepositions: frozenset[str]
    first_person: frozenset[str]
    light_verbs: frozenset[str]
    receiving_verbs: frozenset[str]
    light_nouns: frozenset[str]
    container_nouns: frozenset[str]
    located_recipients: frozenset[str]
    bonds: frozenset[str]
    territories: frozenset[str]
    brokering: frozenset[str]
    withdrawn_objections: frozenset[str]
    withdrawing: frozenset[str]
    time_prepositions: frozenset[str]
    representatives: frozenset[str]
    trade_flows: frozenset[str]
    messages: frozenset[str]
    borders: frozenset[str]
    state_sectors: frozenset[str]
    negative_evaluation: frozenset[str]
    positive_evaluation: frozenset[str]
    intent_cooperation: frozenset[str]
    intent_threat: frozenset[str]
    intent_refusal: frozenset[str]
    intent_preparation: frozenset[str]
    intent_plans: frozenset[str]
    intent_forecast: frozenset[str]
    intent_conditions: frozenset[str]
    contest_nouns: frozenset[str]
    contest_placings: frozenset[str]
    contest_ordinals: frozenset[str]
    confidence: dict[str, float]
    mention_weight: dict[str, float]
    route_weight: dict[str, float]


@dataclass
class Lexicon:
    ontology: Ontology
    cues: Cues
    entries: list[Entry] = field(default_factory=list)
    by_lemma: dict[tuple[str, str], list[Entry]] = field(default_factory=dict)

    def lookup(self, word_class: str, lemma: str) -> list[Entry]:
        return self.by_lemma.get((word_class, lemma), [])

    trigger_words: frozenset[str] = frozenset()  # every lemma that may trigger, for quick skips


def _words(section: dict, key: str) -> frozenset[str]:
    return frozenset(str(w).lower() for w in section.get(key, []))


def _read_toml(path: Path) -> dict:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise OntologyError(f"{path}: cannot read: {exc}") from None


def load_cues(path: Path = CUES_FILE) -> Cues:
    data = _read_toml(path)
    neg, mod, att = data.get("negation", {}), data.get("modality", {}), data.get("attribution", {})
    light, actors, ev = data.get("light", {}), data.get("actors", {}), data.get("evaluation", {})
    conf = dict(data.get("confidence", {}))
    mention = conf.pop("mention", {})
    route = conf.pop("route", {})
    return Cues(
        negating_governors=_words(neg, "governors"),
        negating_phrasal=_words(neg, "phrasal"),
        withdrawn_objections=_words(neg, "withdrawn_objections"),
        withdrawing=_words(neg, "withdrawing"),
        negating_prepositions=_words(neg, "prepositions"),
        negation_words=_words(neg, "words"),
        hypothetical_aux=_words(mod, "hypothetical_aux"),
        hypothetical_marks=_words(mod, "hypothetical_marks"),
        hypothetical_governors=_words(mod, "hypothetical_governors"),
        hypothetical_modifiers=_words(mod, "hypothetical_modifiers"),
        hypothetical_predicates=_words(mod, "hypothetical_predicates"),
        future_aux=_words(mod, "future_aux"),
        future_governors=_words(mod, "future_governors"),
        future_modifiers=_words(mod, "future_modifiers"),
        speech_verbs=_words(att, "speech_verbs"),
        denial_verbs=_words(att, "denial_verbs"),
        speech_nouns=_words(att, "speech_nouns"),
        source_prepositions=_words(att, "source_prepositions"),
        first_person=_words(att, "first_person"),
        light_verbs=_words(light, "verbs"),
        receiving_verbs=_words(light, "receiving"),
        light_nouns=_words(light, "nouns"),
        container_nouns=_words(light, "containers"),
        located_recipients=_words(light, "located_recipients"),
        bonds=_words(light, "bonds"),
        territories=_words(light, "territories"),
        brokering=_words(light, "brokering"),
        time_prepositions=_words(light, "time_prepositions"),
        representatives=_words(actors, "representatives"),
        trade_flows=_words(actors, "trade_flows"),
        messages=_words(actors, "messages"),
        borders=_words(actors, "borders"),
        state_sectors=frozenset(str(w).upper() for w in actors.get("state_sectors", [])),
        negative_evaluation=_words(ev, "negative"),
        positive_evaluation=_words(ev, "positive"),
        intent_cooperation=_words(data.get("intent", {}), "cooperation"),
        intent_threat=_words(data.get("intent", {}), "threat"),
        intent_refusal=_words(data.get("intent", {}), "refusal"),
        intent_preparation=_words(data.get("intent", {}), "preparation"),
        intent_plans=_words(data.get("intent", {}), "plans"),
        intent_forecast=_words(data.get("intent", {}), "forecast"),
        intent_conditions=_words(data.get("intent", {}), "conditions"),
        contest_nouns=_words(data.get("contest", {}), "nouns"),
        contest_placings=_words(data.get("contest", {}), "placings"),
        contest_ordinals=_words(data.get("contest", {}), "ordinals"),
        confidence={k: float(v) for k, v in conf.items()},
        mention_weight={k: float(v) for k, v in mention.items()},
        route_weight={k: float(v) for k, v in route.items()},
    )


def _entry(path: Path, word_class: str, spec: dict, ontology: Ontology, index: int) -> Entry:
    lemmas_shown = spec.get("lemmas", [])[:3]
    where = f"{path}: [[{word_class}]] entry {index + 1} ({spec.get('kind')}, {lemmas_shown})"
    kind_name = spec.get("kind")
    if kind_name not in ontology.kinds:
        raise OntologyError(f"{where}: unknown kind {kind_name!r}")
    kind = ontology.kinds[kind_name]
    lemmas = tuple(str(w).lower() for w in spec.get("lemmas", []))
    objects = tuple(str(s).lower() for s in spec.get("objects", []))
    if not lemmas or not objects:
        raise OntologyError(f"{where}: needs lemmas and objects")
    default_resolve = "proxy" if kind.family == "MEETS" else "modifiers"
    resolve = spec.get("resolve", default_resolve)
    if resolve not in RESOLVE_MODES:
        raise OntologyError(f"{where}: resolve must be one of {', '.join(RESOLVE_MODES)}")
    agents = tuple(spec.get("agents", DEFAULT_NOUN_AGENTS))
    unknown = [a for a in agents if a not in NOUN_AGENT_ROUTES]
    if unknown:
        raise OntologyError(f"{where}: unknown agent routes {unknown}")
    person_kind = spec.get("person_kind")
    if person_kind and person_kind not in ontology.kinds:
        raise OntologyError(f"{where}: unknown person_kind {person_kind!r}")
    cameo = str(spec.get("cameo", kind.cameo))
    if cameo[:2] != kind.cameo[:2] and quad_class_for(cameo) != kind.quad_class:
        raise OntologyError(f"{where}: cameo {cameo} is outside kind {kind_name}'s quad class")
    requires = frozenset(str(w).lower() for w in spec.get("requires", []))
    consumes = frozenset(str(w).lower() for w in spec.get("consumes", []))
    light_verbs = spec.get("light_verbs")
    return Entry(
        word_class=word_class,
        kind=kind_name,
        family=kind.family,
        cameo=cameo,
        quad_class=quad_class_for(cameo),
        symmetric=kind.symmetric,
        lemmas=lemmas,
        objects=objects,
        resolve=resolve,
        place_object=bool(spec.get("place_object", False)),
        reciprocal=bool(spec.get("reciprocal", False)) or kind.symmetric,
        requires=requires,
        consumes=consumes,
        requires_dep=tuple(spec.get("requires_dep", [])),
        forbid=tuple(spec.get("forbid", [])),
        inverse=bool(spec.get("inverse", False)),
        passive_agents=tuple(spec.get("passive_agents", [])),
        person_kind=person_kind,
        agents=agents,
        light_verbs=frozenset(w.lower() for w in light_verbs) if light_verbs else None,
        mediator=bool(spec.get("mediator", False)),
        target_places=tuple(str(s).lower() for s in spec.get("target_places", [])),
        through_of=bool(spec.get("through_of", False)),
        index=index,
    )


def _load(lexicon_path: Path, cues_path: Path) -> Lexicon:
    ontology = load_ontology()
    lexicon = Lexicon(ontology=ontology, cues=load_cues(cues_path))
    data = _read_toml(lexicon_path)
    unknown = set(data) - set(WORD_CLASSES)
    if unknown:
        raise OntologyError(
            f"{lexicon_path}: unknown sections {sorted(unknown)}; "
            "use [[verb]], [[noun]], [[adjective]]"
        )
    index = 0
    for word_class in WORD_CLASSES:
        for spec in data.get(word_class, []):
            entry = _entry(lexicon_path, word_class, spec, ontology, index)
            index += 1
            lexicon.entries.append(entry)
            for lemma in entry.lemmas:
                lexicon.by_lemma.setdefault((word_class, lemma), []).append(entry)
    lexicon.trigger_words = frozenset(lemma for _, lemma in lexicon.by_lemma)
    return lexicon


@lru_cache(maxsize=4)
def load_lexicon(lexicon_path: str | None = None, cues_path: str | None = None) -> Lexicon:
    """The lexicon and cues (cached per process)."""
    return _load(
        Path(lexicon_path) if lexicon_path else LEXICON_FILE,
        Path(cues_path) if cues_path else CUES_FILE,
    )
