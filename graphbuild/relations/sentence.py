"""One sentence's relations: every word whose lemma is in the lexicon is tried against its
entries (first match wins); the entry says where the agent and the other side are.

The routes that find arguments live in ``routes/`` (one module per trigger class and slot),
the parser-slip repairs they fall back on in ``repairs/`` (one module per shape of slip);
``SentenceExtractor`` composes them and pairs agents with objects.
"""

from __future__ import annotations

from functools import lru_cache
from itertools import combinations

from .arguments import ActorIndex, ArgActor
from .candidate import Candidate
from .contest import is_contest
from .lexicon import Entry, Lexicon
from .repairs.lost_subject import LostSubject
from .repairs.misplaced_object import MisplacedObject
from .repairs.perfect_participle import PerfectParticiple, perfect_host
from .repairs.shifted_object import ShiftedObject
from .repairs.stray_agent import StrayAgent
from .repairs.stray_conjuncts import StrayConjuncts
from .repairs.stray_speaker import stray_speaker
from .routes.adjective import AdjectiveRoute
from .routes.clause_fallback import ClauseFallback
from .routes.control import ControlRoute
from .routes.nested import NestedObjectRoute
from .routes.noun import NounRoute
from .routes.objects import ObjectRoute
from .routes.venue import VenueRoute
from .routes.verb import QUANTITY_WORDS, VerbRoute
from .routes.verbal_noun import VerbalNounRoute
from .syntax import (
    children,
    dep,
    describes_object,
    has_copula,
    is_gerund,
    is_nominal,
    is_verbal,
    lemma,
    lemma_of,
    prepositional,
    reduced_passive,
    subjects,
)

# mentions that name people of a nationality who do not act for their state ("two Brazilian
# men", "Chinese companies"): they may be the target of an act, never the agent of a state's
# act; only of the civil acts the ontology marks `by_nationals` (protests, demands, appeals)
NOT_AGENTS = frozenset({"national"})
# sectors whose arrival somewhere is a deployment, not a visit (CAMEO 042 is for officials)
UNITS_THAT_DEPLOY = frozenset({"MIL", "REB"})

_NOMINAL_FUNCTIONS = frozenset(
    {"obj", "nsubj", "nsubj:pass", "obl", "nmod", "appos", "iobj", "pobj"}
)


def variants(token) -> tuple[str, ...]:
    """Lemma first; then the word form, its dictionary lemma and crude stems."""
    return _variants_of(token.lower_, token.lemma_)


@lru_cache(maxsize=65536)
def _variants_of(word: str, pipeline_lemma: str) -> tuple[str, ...]:
    forms = [lemma_of(word, pipeline_lemma), word, (pipeline_lemma or "").lower()]
    for suffix, repl in _SUFFIXES:
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            forms.append(word[: -len(suffix)] + repl)
    return tuple(dict.fromkeys(forms))


_SUFFIXES = (
    ("ies", "y"),
    ("ied", "y"),
    ("es", ""),
    ("s", ""),
    ("ed", ""),
    ("ed", "e"),
    ("ing", ""),
    ("ing", "e"),
)


class SentenceExtractor(
    VerbRoute,
    ControlRoute,
    ObjectRoute,
    NestedObjectRoute,
    NounRoute,
    VerbalNounRoute,
    AdjectiveRoute,
    VenueRoute,
    ClauseFallback,
    LostSubject,
    StrayConjuncts,
    StrayAgent,
    MisplacedObject,
    ShiftedObject,
    PerfectParticiple,
):
    """Candidates of one sentence: triggers, their routes, and the pairing of the sides."""

    def __init__(self, lexicon: Lexicon, index: ActorIndex, sent):
        self.lex = lexicon
        self.cues = lexicon.cues
        self.index = index
        self.sent = sent
        self.consumed: set[int] = set()
        self.candidates: list[Candidate] = []
        self.mutual = False  # the last _objects call found 'each other'/'the other'

    def run(self) -> list[Candidate]:
        """Try each word against the lexicon: clause heads first (verbs and predicate
        adjectives), then nouns, so a verb can claim the noun it takes ("signed a treaty")."""
        first, second = [], []
        triggers = self.lex.trigger_words
        for token in self.sent:
            if token.is_punct or token.is_space or triggers.isdisjoint(variants(token)):
                continue
            classes = self._classes(token)
            if classes[0] == "noun":
                second.append((classes, token))
            else:
                first.append((classes, token))
        for classes, token in first + second:
            if token.i not in self.consumed:
                for word_class in classes:
                    if self._try(word_class, token):
                        break
        # a verb the parse left unconnected: the one actor on each side within its clause
        related = {c.trigger.i for c in self.candidates}
        for classes, token in first:
            if classes[0] != "verb" or token.i in related or token.i in self.consumed:
                continue
            if token.pos_ != "VERB":
                continue
            for entry in self._entries("verb", token):
                if self._constraints_hold(entry, token) and self._clause_fallback(entry, token):
                    break
        return self.candidates

    def _classes(self, token) -> list[str]:
        """Word classes to try, most likely first; taggers err, so a nominal function also
        lets a 'verb' try the noun entries and vice versa."""
        classes = []
        if (
            token.pos_ == "ADJ"
            or (token.pos_ in ("VERB", "ADJ") and has_copula(token))
            or self._passive_adjective(token)
        ):
            classes.append("adjective")
        clause_head = (bool(subjects(token)) and not has_copula(token)) or is_gerund(token)
        if clause_head and token.pos_ == "NOUN" and not children(token, "nsubj", "nsubj:pass"):
            clause_head = False  # "agreeing after talks with X" hung as the noun's csubj
        nominal_function = dep(token) in _NOMINAL_FUNCTIONS
        if is_nominal(token) and not clause_head:
            verbal = any(dep(c) in ("obj", "aux", "aux:pass", "mark") for c in token.children)
            classes += ["noun", "verb"] if verbal else ["noun"]
        elif clause_head or is_verbal(token):
            # a noun heading its own clause may still be a relation noun whose light verb
            # the tagger took for an adjective ("the EU imposed sanctions on")
            second = (nominal_function and not clause_head) or token.pos_ == "NOUN"
            classes += ["verb", "noun"] if second else ["verb"]
        elif token.pos_ != "ADJ":
            classes += ["noun"]
        elif dep(token) in _NOMINAL_FUNCTIONS and children(token, "det"):
            classes += ["noun"]  # "issued a warrant" with 'warrant' tagged as an adjective
        classes = classes or ["noun"]
        if self._verbal_noun_form(token):
            classes.append("verbal")  # "the killing of": the verb's entry, read as a noun
        if token.pos_ in ("ADJ", "VERB") and perfect_host(token) is not None:
            classes.append("perfect")  # "have tortured scores of": the verb, not an adjective
        return classes

    @staticmethod
    def _passive_adjective(token) -> bool:
        return token.tag_ == "VBN" and any(
            dep(c) == "aux:pass" or (dep(c) == "cop") for c in token.children
        )

    def _entries(self, word_class: str, token) -> list[Entry]:
        if word_class in ("verbal", "perfect"):
            word_class = "verb"
        found: list[Entry] = []
        for form in variants(token):
            for entry in self.lex.lookup(word_class, form):
                if entry not in found:
                    found.append(entry)
        if word_class == "adjective" and not found:
            return []
        return sorted(found, key=lambda e: e.index)

    def _try(self, word_class: str, token) -> bool:
        for entry in self._entries(word_class, token):
            if not self._constraints_hold(entry, token):
                continue
            before = len(self.candidates)
            if word_class == "verb":
                self._verb(entry, token)
            elif word_class == "noun":
                self._noun(entry, token)
            elif word_class == "verbal":
                self._verbal_noun(entry, token)
            elif word_class == "perfect":
                self._perfect_participle(entry, token)
            else:
                self._adjective(entry, token)
            if len(self.candidates) > before:
                for child in token.children:
                    if lemma(child) in entry.consumes or child.lower_ in entry.consumes:
                        self.consumed.add(child.i)
                if word_class != "noun":
                    # "agreed on a ceasefire": the noun names the same act, not a second one
                    for child in self._dependents(token):
                        if any(e.kind == entry.kind for e in self._entries("noun", child)):
                            self.consumed.add(child.i)
                return True
        return False

    def _constraints_hold(self, entry: Entry, token) -> bool:
        kids = list(token.children)
        if entry.requires or entry.consumes:
            words = {lemma(c) for c in kids} | {c.lower_ for c in kids}
            if reduced_passive(token):
                # "a ceasefire ..., brokered by Angola", "the deal, signed by India and the
                # UAE": the noun a reduced passive modifies is its object (round 12)
                words.update((lemma(token.head), token.head.lower_))
            for obj in kids:
                # "suspended its aid programme": what the programme carries; "fired mortar
                # rounds", "artillery shells": the kind of what is fired
                if dep(obj) == "obj":
                    words.update(lemma(c) for c in obj.children if dep(c) == "compound")
            for prep, nominal in prepositional(token):
                words.update((prep, lemma(nominal), nominal.lower_))
                # "to an international peacekeeping force": the kind of the phrase's noun
                words.update(lemma(c) for c in nominal.children if dep(c) in ("compound", "amod"))
            for quantity in kids:
                # "swapped hundreds of prisoners", "launched a wave of drones": the counted
                # noun, not the count
                if dep(quantity) == "obj" and (
                    quantity.lower_ in QUANTITY_WORDS or lemma(quantity) in self.cues.light_nouns
                ):
                    words.update(lemma(n) for p, n in prepositional(quantity) if p == "of")
            if entry.requires and not words & entry.requires:
                return False
            if entry.consumes and not words & entry.consumes:
                return False
        if entry.requires_dep and not any(dep(c) in entry.requires_dep for c in kids):
            return False
        if entry.family == "OPPOSES" and is_contest(token, self.cues):
            return False  # "Brazil beat Argentina 2-1": a game, not force
        for veto in entry.forbid:
            if veto.startswith("prep:"):
                if any(p == veto[5:] for p, _ in prepositional(token)):
                    return False
            elif veto == "predicate":
                # "called the exercise a success", "calling Kissinger an old friend"
                if describes_object(token):
                    return False
            elif any(dep(c) == veto and c.pos_ != "PROPN" for c in kids):
                return False
        return True

    def _has_actor(self, token) -> bool:
        return any(m.how != "place" for m in self.index.mentions(token))

    @staticmethod
    def _dependents(token) -> list:
        """Direct dependents and prepositional nominals of a token."""
        found = list(token.children)
        found += [n for _, n in prepositional(token) if n not in found]
        return found

    def _same_side(self, a: ArgActor, b: ArgActor) -> bool:
        """One actor, or a state and a person acting for it ("the Palestinians reject ...,
        chief Palestinian negotiator Saeb Erakat said"): never the two sides of a relation.
        Kept out here, where the pairs are chosen, so another object can stand."""
        if a.actor_id == b.actor_id:
            return True
        return self._acts_for(a, b) or self._acts_for(b, a)

    def _teams(self, a: ArgActor, b: ArgActor, trigger) -> bool:
        """Two countries meeting in a contest are teams: a game, not a meeting of states
        (leaders who meet at a final are people, and meet)."""
        actors = (self.index.actor(a.actor_id), self.index.actor(b.actor_id))
        return all(x is not None and x.type == "Country" for x in actors) and is_contest(
            trigger, self.cues
        )

    def _acts_for(self, person: ArgActor, state: ArgActor) -> bool:
        actor = self.index.actor(person.actor_id)
        return (
            actor is not None
            and actor.type == "Person"
            and getattr(actor, "country_id", None) == state.actor_id
            and person.sector in self.lex.cues.state_sectors
        )

    def _emit(
        self, entry: Entry, trigger, agents, objects, pairs, base: float, chain, hosts=()
    ) -> None:
        if entry.inverse:
            agents, objects = objects, agents
        found: list[tuple[ArgActor, ArgActor]] = []
        if entry.mediator and pairs:
            # "Qatar mediated between Israel and Hamas": the mediator to each side
            found += [(a, b) for a in agents for b in pairs]
            pairs = []
        elif len(pairs) >= 2:
            # "called for negotiations between Russia and Ukraine": the two sides, not the caller
            found += list(combinations(pairs, 2))
            agents = []
        elif pairs:
            found += [(a, b) for a in agents for b in pairs]
        found += [(a, o) for a in agents for o in objects]
        if not objects and not pairs and entry.reciprocal and len(agents) >= 2:
            found += list(combinations(agents, 2))
        elif not objects and not pairs and self.mutual and len(agents) >= 2:
            # "each side blaming the other", "accused each other": each of the other
            found += [(a, b) for a in agents for b in agents if a.actor_id != b.actor_id]
        self._venue_visits(entry, trigger, chain, found, base, hosts)
        both_ways = entry.reciprocal and entry.family != "MEETS"
        civil = self.lex.ontology.national_subject(entry.kind)
        for subject, obj in found:
            if self._same_side(subject, obj) or (subject.how in NOT_AGENTS and not civil):
                continue
            if stray_speaker(self.sent.doc[obj.token], self.cues.speech_verbs):
                continue  # "..., South Korea's military said": the source, not the target
            if entry.family == "MEETS" and self._teams(subject, obj, trigger):
                continue  # "Qatar hosted Argentina in the World Cup final"
            if entry.kind == "VISITS" and subject.sector in UNITS_THAT_DEPLOY:
                continue  # "NATO troops arrived in Bosnia" is a deployment, not a visit
            self.candidates.append(
                Candidate(subject, obj, entry, trigger, base, chain, list(hosts))
            )
            if (
                both_ways
                and (entry.symmetric or not objects)
                and (obj.how not in NOT_AGENTS or civil)
            ):
                self.candidates.append(
                    Candidate(obj, subject, entry, trigger, base, chain, list(hosts))
                )
