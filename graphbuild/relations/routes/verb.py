"""The verb route: a lexicon verb's agent is its subject (the by-phrase in the passive);
its subjects resolve to actors through representatives, quantities and first person."""

from __future__ import annotations

from ..arguments import ArgActor, antecedent
from ..lexicon import Entry
from ..modality import read
from ..repairs.shifted_object import TIME_WORDS
from ..repairs.stray_tokens import through_space
from ..repairs.time_subject import subject_in_time_phrase
from ..syntax import (
    active_subjects,
    case_words,
    children,
    conjuncts,
    dep,
    is_passive,
    is_relative_pronoun,
    lemma,
    prepositional,
    reduced_passive,
    subjects,
)
from .nested import material_act


class VerbRoute:
    """Agents of a verb trigger; needs the sentence extractor's index, cues and repairs."""

    def _verb(self, entry: Entry, verb) -> None:
        # "spoke by phone with Putin", "severed ties with Taiwan": the phrase may hang off the idiom
        idiom_words = entry.requires | entry.consumes
        # a reduced passive names its agent for material acts, and for a reciprocal act on the
        # noun the entry consumes ("the deal, signed by India and the UAE", round 12); never
        # for words or orders ("the RSF, commanded by Dagalo") or "spoke by phone"
        reduced = material_act(entry) or (
            entry.reciprocal
            and (lemma(verb.head) in idiom_words or verb.head.lower_ in idiom_words)
            # the by-phrase names the sides themselves, never brokers of a deal between others
            and lemma(verb) not in self.cues.brokering
            and any(len(conjuncts(n)) > 1 for p, n in prepositional(verb) if p == "by")
        )
        agents, inherited = self._verb_agents(verb, reduced=reduced)
        if not agents and entry.passive_agents and is_passive(verb):
            # "Niger was suspended from ECOWAS": the body it is suspended from acts
            tokens = [n for p, n in prepositional(verb) if p in entry.passive_agents]
            agents = self._resolve_agents(tokens, verb)
        extra = [
            n
            for n in self._dependents(verb)
            if idiom_words and (lemma(n) in idiom_words or n.lower_ in idiom_words)
        ]
        if (
            reduced
            and reduced_passive(verb)
            and (lemma(verb.head) in idiom_words or verb.head.lower_ in idiom_words)
        ):
            extra.append(verb.head)  # "a ceasefire between X and Y, brokered by Z"
        # "struck a deal to govern with the Greens": the partner hangs on the deal's purpose
        extra += [
            clause
            for n in extra
            for clause in children(n, "acl")
            if any(dep(m) == "mark" and m.lower_ == "to" for m in clause.children)
        ]
        objects, pairs = self._objects(entry, verb, verb_slots=True, extra_heads=extra)
        base = self.cues.confidence.get("verb", 0.9)
        if inherited:
            base *= self.cues.confidence.get("inherited_subject", 0.92)
        self._emit(entry, verb, agents, objects, pairs, base, [])

    def _verb_agents(self, verb, reduced: bool = False) -> tuple[list[ArgActor], bool]:
        """Agents of a verb; ``reduced``: a participle with a by-phrase that modifies a noun is
        a passive ("drivers detained by Belarusian guards")."""
        agents, inherited = self._raw_verb_agents(verb, reduced)
        return self._without_own_country(agents), inherited

    def _without_own_country(self, agents: list[ArgActor]) -> list[ArgActor]:
        """'U.S. President Joe Biden congratulated' parsed with two subjects: the person acts,
        not also their country (coordinated 'China and Xi' keeps both)."""
        if len(agents) < 2:
            return agents
        people = [self.index.actor(a.actor_id) for a in agents if a.route == "direct"]
        countries = {
            p.country_id for p in people if p is not None and p.type == "Person" and p.country_id
        }  # an armed group with a country ("Sudan's army and the RSF") is another side
        return [a for a in agents if not (a.route == "direct" and a.actor_id in countries)]

    def _raw_verb_agents(self, verb, reduced: bool = False) -> tuple[list[ArgActor], bool]:
        if is_passive(verb) or (reduced and reduced_passive(verb)):
            tokens = [n for p, n in prepositional(verb) if p == "by"] or self._stray_agent(verb)
        else:
            tokens = self._subjects(verb, active=True) or [
                # "If China invades Taiwan" tagged as a noun with 'China' as its compound
                c
                for c in children(verb, "compound", "nmod:poss")
                if c.i < verb.i and self._has_actor(c) and verb.pos_ == "NOUN"
            ]
        inherited = False
        if not tokens and not is_passive(verb):
            tokens = self._inherited_subjects(verb)
            inherited = bool(tokens)
        return self._resolve_agents(tokens, verb), inherited

    def _subjects(self, verb, active: bool = False) -> list:
        """The clause's subjects, with conjuncts the parser stranded ('Sudan's army and the
        RSF failed', 'Biden, Xi agree')."""
        tokens = active_subjects(verb) if active else subjects(verb)
        if all(t.lower_ in TIME_WORDS for t in tokens):
            # "The United States on Thursday demanded" with the name hung on 'on'
            tokens = subject_in_time_phrase(verb) or tokens
        # a paragraph break the parser took for a word: the name hung under it
        tokens = [r for t in tokens for r in through_space(t)]
        extra = []
        for token in tokens:
            for found in (
                *self._stray_conjuncts(token),
                *self._headline_conjuncts(token),
                *self._trailing_conjuncts(token),
            ):
                if found not in tokens and found not in extra:
                    extra.append(found)
        return tokens + extra

    def _resolve_agents(self, tokens, trigger, allow_place: bool = False) -> list[ArgActor]:
        agents: list[ArgActor] = []
        for token in tokens:
            if is_relative_pronoun(token):
                token = antecedent(token)
            token = self._through_quantity(token)
            agents.extend(self.index.resolve(token, "proxy", allow_place=allow_place))
            if not agents and self.index.unlinked_first_person(token):
                agents.extend(self._speaker_actors(trigger))
        return agents

    def _through_quantity(self, token):
        """'a barrage of Russian missiles', 'a wave of Israeli strikes': the of-phrase."""
        if (
            lemma(token) not in self.cues.light_nouns and token.lower_ not in _QUANTIFIERS
        ) or self.index.mentions(token):
            return token
        for child in token.children:
            if dep(child) == "nmod" and case_words(child) == "of":
                return child
        return token

    def _speaker_actors(self, trigger) -> list[ArgActor]:
        reading = read(trigger, [], self.cues, self.sent)
        found = []
        for token in reading.speaker_tokens:
            for arg in self.index.resolve(token, "proxy"):
                found.append(ArgActor(arg.actor_id, arg.how, "speaker", arg.token, arg.sector))
        return found


_QUANTIFIERS = frozenset(
    "one some many several most dozens hundreds thousands millions all scores number group".split()
)
QUANTITY_WORDS = _QUANTIFIERS
