"""The noun routes: agents of a relation noun by possessor, by/from phrase, modifier,
copula, light verb ('held talks') or the clause's subject (implicit), and received acts
('drew a rebuke from')."""

from __future__ import annotations

from ..arguments import ArgActor, antecedent
from ..lexicon import Entry
from ..syntax import (
    active_subjects,
    adjectival_participle,
    case_words,
    children,
    dep,
    has_copula,
    is_relative_pronoun,
    lemma,
    nested_by_phrase,
    phrasal,
    prepositional,
    subjects,
)
from .verb import QUANTITY_WORDS

# prepositions that place a noun in time or cause, not in the clause's act ("travel ... since
# the invasion"); a relation noun behind them does not take the clause subject as agent
_NOT_PURPOSE = frozenset(
    "since after before during despite amid amidst until following over because due prior "
    "without against unlike besides".split()
)

# object slots filled from a clause, never from a name compounded into the noun
_CLAUSE_SLOTS = frozenset({"obligation", "clause", "condition", "content"})

# times that a meeting noun shares with the clause's subject ("after talks, they agreed")
_MEETING_TIMES = frozenset({"after", "during", "following", "amid", "amidst"})


class NounRoute:
    """Agents and objects of a noun trigger."""

    def _noun(self, entry: Entry, noun) -> None:
        if self._received(entry, noun):
            return
        light = self._light_verb(noun, entry)
        if entry.light_verbs is not None and light is None:
            return
        extra_heads = [light] if light is not None else []
        container = self._container(noun)
        if container is not None:
            extra_heads.append(container)
        objects, pairs = self._objects(entry, noun, verb_slots=False, extra_heads=extra_heads)
        if not objects and light is not None and "to" in entry.objects:
            # "will give Tanzania a grant", "offered Egypt a loan": the light verb's indirect
            # object is the recipient the to-phrase would name
            for recipient in children(light, "iobj") or _first_of_two_objects(light, noun):
                objects += self.index.resolve(
                    recipient, entry.resolve, allow_place=entry.place_object
                )
        compounds = [c for c in noun.children if dep(c) == "compound"]
        agents: list[ArgActor] = []
        base = 0.0
        chain: list = []
        route = ""
        for route in entry.agents:
            agents, base, chain = self._noun_agents(
                route, entry, noun, light, bool(objects or pairs)
            )
            if agents:
                break
        implicit = route == "implicit" and bool(agents)
        if (
            not objects
            and not pairs
            and agents
            and compounds
            and entry.family != "MEETS"
            # "a joint EU statement": a message names its addressee only by its clause
            and not set(entry.objects) <= _CLAUSE_SLOTS
            and not implicit
        ):
            # "new Russia sanctions": a name compound with no other object is the object
            for token in compounds:
                objects.extend(self.index.resolve(token, "direct", allow_place=entry.place_object))
            objects = [o for o in objects if o.actor_id not in {a.actor_id for a in agents}]
        if not agents and not pairs and not (objects and entry.reciprocal):
            return
        # the clause that hosts an implicit-agent noun lends its negation and auxiliaries,
        # not its meaning: "in a phone call, Biden and Xi agreed to ..." is a call that happened
        self._emit(
            entry,
            noun,
            agents,
            objects,
            pairs,
            base or self.cues.confidence.get("noun_explicit", 0.8),
            [] if implicit else chain,
            chain if implicit else [],
        )

    def _received(self, entry: Entry, noun) -> bool:
        """'drawing a sharp rebuke from the White House', 'faced sanctions from the EU': the
        source is the agent, whoever receives it the object."""
        verb = noun.head
        if (
            verb.i == noun.i
            or dep(noun) != "obj"
            or lemma(verb) not in self.cues.receiving_verbs
            or entry.inverse
        ):
            return False
        sources = [n for h in (noun, verb) for p, n in prepositional(h) if p in ("from", "by")]
        agents = [a for t in sources for a in self.index.resolve(t, "proxy", allow_place=True)]
        if not agents:
            return False
        tokens = active_subjects(verb) or self._inherited_subjects(verb)
        objects = [
            o
            for t in tokens
            for o in self.index.resolve(antecedent(t), entry.resolve, allow_place=False)
        ]
        before = len(self.candidates)
        base = self.cues.confidence.get("noun_explicit", 0.8)
        self._emit(entry, noun, agents, objects, [], base, [verb])
        return len(self.candidates) > before

    def _noun_agents(self, route: str, entry: Entry, noun, light, has_object: bool):
        conf = self.cues.confidence
        if route == "poss":
            tokens = children(noun, "nmod:poss")
            return self._resolve_agents(tokens, noun), conf.get("noun_explicit", 0.8), []
        if route in ("by", "from"):
            # "a rebuke from Washington": a capital after "from" is the government
            tokens = [n for p, n in prepositional(noun) if p == route]
            if not tokens and route == "by":
                # "the bombing of Syrian positions by Israeli aircraft" with the by-phrase
                # hung on the act's object
                tokens = [
                    t
                    for p, n in prepositional(noun)
                    if p == "of" and n.i > noun.i
                    for t in nested_by_phrase(n)
                ]
            agents = self._resolve_agents(tokens, noun, allow_place=True)
            return agents, conf.get("noun_explicit", 0.8), []
        if route == "modifier":
            found = []
            for child in noun.children:
                label = dep(child)
                if label == "amod" or (label == "compound" and has_object):
                    found.extend(self.index.resolve(child, "direct"))
            return found, conf.get("noun_modifier", 0.75), []
        if route == "copula":
            if has_copula(noun):
                return (
                    self._resolve_agents(subjects(noun), noun),
                    conf.get("noun_explicit", 0.8),
                    [],
                )
            if dep(noun) == "appos":
                return self.index.resolve(noun.head, "proxy"), conf.get("noun_explicit", 0.8), []
            return [], 0.0, []
        if route == "light":
            if light is None:
                # "The EU imposed sanctions on ..." parsed with the verb as an adjective of
                # the noun, which takes the clause's subject: that subject is the agent
                if self._adjectival_light_verb(noun):
                    return (
                        self._resolve_agents(active_subjects(noun), noun),
                        conf.get("noun_light", 0.8),
                        [],
                    )
                return [], 0.0, []
            # "sanctions imposed by the EU": the participle modifies the noun it carries
            agents, _ = self._verb_agents(light, reduced=light.head.i == noun.i)
            return agents, conf.get("noun_light", 0.8), [light]
        if route == "implicit":
            return self._implicit_agents(noun, entry)
        return [], 0.0, []

    def _light_verb(self, noun, entry: Entry):
        """The verb that carries a relation noun: 'held talks', 'imposed sanctions'."""
        allowed = entry.light_verbs if entry.light_verbs is not None else self.cues.light_verbs
        node = noun
        for _ in range(3):
            head = node.head
            if head.i == node.i:
                return None
            label = dep(node)
            container = self._container(noun)
            if node.i == noun.i and container is not None and container.i == head.i:
                # "suspended its budget support programme": the programme carries the noun
                node = head
                continue
            if lemma(head) not in allowed and adjectival_participle(head, node):
                # "announcing sweeping sanctions": the participle is an adjective
                node, head = head, head.head
                label = "obj" if dep(node) in ("xcomp", "ccomp", "obj", "advcl") else dep(node)
            if (lemma(head) in allowed or phrasal(head) in self.cues.negating_phrasal) and (
                label in ("obj", "nsubj:pass", "xcomp")
                or (
                    label in ("obl", "prep")
                    and head.pos_ in ("VERB", "AUX")
                    # "dropped his objection ... after talks with": only what is dropped
                    and lemma(head) not in self.cues.negating_governors
                    # "met Zelensky since the invasion": a date, not an act of the subject
                    and case_words(node) not in self.cues.time_prepositions
                )
            ):
                return head
            if label == "pobj" and head.pos_ == "ADP":
                node = head
                continue
            if (
                label in ("nmod", "obl", "obj", "prep")
                and (lemma(head) in self.cues.light_nouns or head.lower_ in QUANTITY_WORDS)
                and _of_link(node)
            ):
                # "a wave of drones", "supplied hundreds of drones to Russia" (round 12)
                node = head
                continue
            if label == "conj":
                node = head
                continue
            return None
        return None

    def _adjectival_light_verb(self, noun) -> bool:
        """A light verb the tagger took for an adjective of the noun it carries, the noun
        left heading the clause with its own subject ('imposed' in 'the EU imposed
        sanctions')."""
        return bool(active_subjects(noun)) and any(
            dep(c) == "amod"
            and c.i < noun.i
            and c.lower_.endswith("ed")
            and lemma(c) in self.cues.light_verbs
            for c in noun.children
        )

    def _container(self, noun):
        """'an aid programme for Bosnia', 'mediation efforts between X and Y': the noun the
        relation noun is compounded into, whose phrases and verb are the relation's."""
        head = noun.head
        if (
            dep(noun) == "compound"
            and head.i > noun.i
            and head.pos_ in ("NOUN", "PROPN")  # the tagger takes "programme" for a name
            and lemma(head) in self.cues.container_nouns
        ):
            return head
        return None

    def _implicit_agents(self, noun, entry: Entry | None = None):
        """'Xi arrived ... in a show of support for Russia': the clause's subject is the agent."""
        conf = self.cues.confidence.get("noun_implicit", 0.55)
        node = noun
        chain = []
        # "during his trip to India, Scholz ...": an unresolved possessive pronoun binds the
        # noun to the clause subject, whatever the preposition
        bound = any(dep(c) == "nmod:poss" and c.pos_ == "PRON" for c in noun.children)
        not_purpose = frozenset() if bound else _NOT_PURPOSE
        if entry is not None and entry.family == "MEETS" and entry.kind != "VISITS":
            # "after four days of talks in Jeddah, the two sides ...": they held the talks
            not_purpose = not_purpose - _MEETING_TIMES
        elif entry is not None and entry.kind == "VISITS":
            # "asked Germany for arms during a visit to Berlin": the subject is the visitor
            not_purpose = not_purpose - {"during"}
        for _ in range(6):
            head = node.head
            if head.i == node.i:
                return [], 0.0, []
            label = dep(node)
            if head.pos_ == "ADV" and dep(head) == "advmod" and head.head.i != head.i:
                head = head.head  # "is based largely on shared opposition": past the adverb
                label = "obl" if label in ("obl", "nmod") else label
            if label == "ccomp" and _prepositional_participle(node):
                label = "advcl"  # "Following talks with India, Nepal said": an adjunct
            head_word = lemma(head)
            if (
                head.pos_ in ("NOUN", "PROPN")
                and label in ("nmod", "prep", "conj", "appos")
                and (
                    (head_word in self.cues.light_nouns and _of_link(node))
                    or label in ("conj", "appos")
                )
            ):
                node = head
                continue
            if head.pos_ == "ADP" or (label == "obj" and _prepositional_participle(head)):
                # "following talks with Saudi Arabia, Ukraine said": 'following' tagged as a
                # verb whose object is the noun is the preposition of a time phrase (round 12)
                if head.lower_ in not_purpose:
                    return [], 0.0, []
                node = head
                continue
            if head.pos_ in ("NOUN", "PROPN") and label == "acl:relcl":
                return [], 0.0, []
            if set(case_words(node).split()) & not_purpose:
                # "his first visit since the invasion of Ukraine": a time, not his act
                return [], 0.0, []
            if label in ("obl", "advcl", "nmod", "xcomp", "prep", "pobj", "conj") and (
                head.pos_ in ("VERB", "AUX", "ADJ") or has_copula(head)
            ):
                tokens = self._subjects(head)
                if (
                    tokens
                    and all(is_relative_pronoun(t) for t in tokens)
                    and dep(head) == "acl:relcl"
                ):
                    # "a mission, which comes as a show of solidarity": climb past the relative
                    node = head.head
                    chain.append(head)
                    continue
                if not tokens:
                    tokens = self._inherited_subjects(head)
                agents = self._resolve_agents(tokens, head)
                if not agents:
                    # "their alignment is based on shared opposition to ...": the subject's owner
                    owners = [p for t in tokens for p in children(t, "nmod:poss")]
                    agents = self._resolve_agents(owners, head)
                chain.append(head)
                return agents, conf, chain
            if label == "acl:relcl":
                node = head
                continue
            return [], 0.0, []
        return [], 0.0, []


def _first_of_two_objects(light, noun) -> list:
    """'gave the Ivory Coast 5.1 million dollars of aid' parsed with two direct objects: the
    first, before the phrase that carries the relation noun, is the recipient."""
    top = noun
    while top.head.i != light.i and top.head.i != top.i:
        top = top.head
    if top.head.i != light.i or dep(top) != "obj":
        return []
    return [c for c in children(light, "obj") if c.i < top.i]


def _prepositional_participle(head) -> bool:
    """'following', 'preceding' opening an adjunct, with no subject of its own: a preposition
    the tagger took for a verb."""
    return (
        head.lower_ in ("following", "preceding")
        and head.pos_ == "VERB"
        and dep(head) in ("advcl", "obl", "prep", "ccomp")
        and head.i < head.head.i
        and not any(dep(c) in ("nsubj", "nsubj:pass") for c in head.children)
    )


def _of_link(node) -> bool:
    """'a show of support': the noun hangs on a light noun by 'of' (not 'a statement about')."""
    if dep(node) == "prep":  # ClearNLP: the preposition itself
        return node.lower_ == "of"
    return case_words(node) in ("", "of")
