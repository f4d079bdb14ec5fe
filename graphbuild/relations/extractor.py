"""The relation extractor: lexicon triggers + argument patterns over the dependency parse.

For each sentence that mentions at least two actors, every word whose lemma
is in the lexicon is tried against its entries (first match wins): the entry
says where the agent and the other side are. Arguments become actors through
``arguments.ActorIndex``; negation, modality and speaker come from
``modality.read``; confidence from how directly each piece was found.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from itertools import combinations

from .arguments import ActorIndex, ArgActor, antecedent
from .lexicon import Entry, Lexicon, load_lexicon
from .modality import Reading, read
from .syntax import (
    active_subjects,
    adjectival_participle,
    case_words,
    children,
    conjuncts,
    dep,
    direct_objects,
    has_copula,
    is_adjunct_clause,
    is_finite,
    is_fragment,
    is_gerund,
    is_headline,
    is_nominal,
    is_participle_adjunct,
    is_passive,
    is_reciprocal_object,
    is_relative_pronoun,
    is_verbal,
    lemma,
    lemma_of,
    marks,
    negators,
    passive_subjects,
    phrasal,
    prepositional,
    purpose_host,
    subjects,
    that_clauses,
)

# prepositions that place a noun in time or cause, not in the clause's act ("travel ... since
# the invasion"); a relation noun behind them does not take the clause subject as agent
_NOT_PURPOSE = frozenset(
    "since after before during despite amid amidst until following over because due prior "
    "without against unlike besides".split()
)

# times that a meeting noun shares with the clause's subject ("after talks, they agreed")
_MEETING_TIMES = frozenset({"after", "during", "following", "amid", "amidst"})

_NOMINAL_FUNCTIONS = frozenset(
    {"obj", "nsubj", "nsubj:pass", "obl", "nmod", "appos", "iobj", "pobj"}
)

# verbs whose object, not subject, controls an infinitive: "urged Xi to meet Zelensky"
OBJECT_CONTROL = frozenset(
    "urge ask press persuade force invite encourage tell expect order allow help lead push "
    "compel pressure call get want need warn accuse blame caution implore make let "
    # judging someone for an act: "praised South Africa for hosting", "accused X of"
    "praise hail thank commend congratulate applaud laud credit criticize criticise condemn "
    "fault slam rebuke denounce punish reward".split()
)


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


def _variants(token) -> tuple[str, ...]:
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


class SentenceExtractor:
    def __init__(self, lexicon: Lexicon, index: ActorIndex, sent):
        self.lex = lexicon
        self.cues = lexicon.cues
        self.index = index
        self.sent = sent
        self.consumed: set[int] = set()
        self.candidates: list[Candidate] = []
        self.mutual = False  # the last _objects call found 'each other'/'the other'

    # -- triggers ------------------------------------------------------------------------

    def run(self) -> list[Candidate]:
        """Try each word against the lexicon: clause heads first (verbs and predicate
        adjectives), then nouns, so a verb can claim the noun it takes ("signed a treaty")."""
        first, second = [], []
        triggers = self.lex.trigger_words
        for token in self.sent:
            if token.is_punct or token.is_space or triggers.isdisjoint(_variants(token)):
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
            classes += ["verb", "noun"] if nominal_function and not clause_head else ["verb"]
        elif token.pos_ != "ADJ":
            classes += ["noun"]
        elif dep(token) in _NOMINAL_FUNCTIONS and children(token, "det"):
            classes += ["noun"]  # "issued a warrant" with 'warrant' tagged as an adjective
        return classes or ["noun"]

    @staticmethod
    def _passive_adjective(token) -> bool:
        return token.tag_ == "VBN" and any(
            dep(c) == "aux:pass" or (dep(c) == "cop") for c in token.children
        )

    def _entries(self, word_class: str, token) -> list[Entry]:
        found: list[Entry] = []
        for form in _variants(token):
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
            for prep, nominal in prepositional(token):
                words.update((prep, lemma(nominal), nominal.lower_))
            if entry.requires and not words & entry.requires:
                return False
            if entry.consumes and not words & entry.consumes:
                return False
        if entry.requires_dep and not any(dep(c) in entry.requires_dep for c in kids):
            return False
        for veto in entry.forbid:
            if veto.startswith("prep:"):
                if any(p == veto[5:] for p, _ in prepositional(token)):
                    return False
            elif any(dep(c) == veto and c.pos_ != "PROPN" for c in kids):
                return False
        return True

    # -- verbs ---------------------------------------------------------------------------

    def _verb(self, entry: Entry, verb) -> None:
        agents, inherited = self._verb_agents(verb)
        if not agents and entry.passive_agents and is_passive(verb):
            # "Niger was suspended from ECOWAS": the body it is suspended from acts
            tokens = [n for p, n in prepositional(verb) if p in entry.passive_agents]
            agents = self._resolve_agents(tokens, verb)
        # "spoke by phone with Putin", "severed ties with Taiwan": the phrase may hang off the idiom
        idiom_words = entry.requires | entry.consumes
        extra = [
            n
            for n in self._dependents(verb)
            if idiom_words and (lemma(n) in idiom_words or n.lower_ in idiom_words)
        ]
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

    def _verb_agents(self, verb) -> tuple[list[ArgActor], bool]:
        agents, inherited = self._raw_verb_agents(verb)
        return self._without_own_country(agents), inherited

    def _without_own_country(self, agents: list[ArgActor]) -> list[ArgActor]:
        """'U.S. President Joe Biden congratulated' parsed with two subjects: the person acts,
        not also their country (coordinated 'China and Xi' keeps both)."""
        if len(agents) < 2:
            return agents
        people = [self.index.actor(a.actor_id) for a in agents if a.route == "direct"]
        countries = {p.country_id for p in people if p is not None and p.country_id}
        return [a for a in agents if not (a.route == "direct" and a.actor_id in countries)]

    def _raw_verb_agents(self, verb) -> tuple[list[ArgActor], bool]:
        if is_passive(verb):
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

    def _inherited_subjects(self, verb) -> list:
        """The understood subject of a subjectless verb: the controller of "agreed to meet",
        "refused to condemn", "denied supplying", "urged X to", the subject of a coordinated
        verb, the noun a participle modifies, the possessor of "its refusal to condemn".

        An adjunct ("after meeting Erdogan", ", accusing Moscow of ...") takes the main
        clause's subject, never its object. A finite verb the parser left without a subject
        ("after Nancy Pelosi visited Taiwan") takes the actor right before it."""
        if is_finite(verb) and dep(verb) in (
            "root",
            "advcl",
            "ccomp",
            "parataxis",
            "nmod",
            "appos",
        ):
            # "The Group of 20 failed to ..." with 'failed' hung on the name as a modifier
            return self._left_subject(verb)
        node = verb
        subject_control = is_adjunct_clause(verb)
        last_label = ""  # the link the climb arrived at ``node`` by
        for _ in range(6):
            head = node.head
            if head.i == node.i:
                if is_fragment(node.sent):
                    return self._previous_subjects(node.sent)
                # a controlled or coordinated verb shares the root's lost subject; an
                # adjunct the parser hung on the root does not
                shares = node.i == verb.i or (is_finite(node) and last_label in ("xcomp", "conj"))
                return self._left_subject(node) if shares else []
            label = dep(node)
            host = purpose_host(node)
            if host is not None:  # "to meet" hung on "next week": the purpose of "travel"
                found = self._subjects(host)
                if found:
                    return found
                node = host
                continue
            if label == "acl" and head.pos_ in ("NOUN", "PROPN", "PRON"):
                if is_participle_adjunct(node) and not self.index.mentions(head):
                    # ", praising Kosovo" hung on "a historic step": the clause's subject
                    verb_of = _clause_verb(head)
                    if verb_of is not None:
                        found = self._subjects(verb_of)
                        if found:
                            return found
                        node, subject_control = verb_of, True
                        continue
                # "Russia's decision to invade", "Biden has no plans to visit": the noun's
                # owner, or the subject of the verb that has it; else the noun itself
                if self._has_actor(head) and any(
                    dep(m) == "mark" and m.lower_ in ("of", "for") for m in node.children
                ):
                    # "accused the ANC of betraying": the accused is who betrays
                    return [head]
                owners = children(head, "nmod:poss")
                if not owners and dep(head) in ("obj", "nsubj:pass") and head.head.i != head.i:
                    owners = subjects(head.head)
                return owners or [head]
            if (
                head.head.i == head.i
                and head.pos_ in ("PROPN", "NOUN")
                and label in ("xcomp", "advcl", "ccomp", "parataxis", "conj")
                and self._has_actor(head)
            ):
                # "Blinken called it unconscionable" parsed with the name as the root
                return [head]
            if label == "xcomp" and lemma(head) in self.cues.speech_verbs:
                # "saying the Islamic Republic had armed ...": a that-less clause parsed as
                # object + xcomp; the object is the clause's subject
                found = direct_objects(head)
                if found:
                    return found
            if label in ("xcomp", "advcl", "obl", "obj", "ccomp", "csubj", "acl"):
                if lemma(head) in OBJECT_CONTROL and not subject_control:
                    controllers = self._objects_of(head) or [
                        n for p, n in prepositional(head) if p in ("on", "upon") and n.i != node.i
                    ]
                    if controllers:
                        return controllers
                found = self._subjects(head)
            elif label == "conj":
                found = self._subjects(head)
            else:
                return []
            if (
                found
                # ", criticising the US" hung on the reported clause: "the deal" does not
                # criticise; the speaker does
                and (label in ("conj", "xcomp") or is_participle_adjunct(node))
                and dep(head) in ("xcomp", "ccomp", "conj")
                and not any(self.index.resolve(t, "proxy") for t in found)
            ):
                # "said several points remained unresolved and accused Hamas": points do not
                # accuse; the coordination (or participle) belongs higher up
                node, last_label = head, label
                continue
            if found:
                return found
            if is_adjunct_clause(head):
                subject_control = True
            node, last_label = head, label
        return []

    def _subjects(self, verb, active: bool = False) -> list:
        """The clause's subjects, with conjuncts the parser stranded ('Sudan's army and the
        RSF failed', 'Biden, Xi agree')."""
        tokens = active_subjects(verb) if active else subjects(verb)
        # a paragraph break the parser took for a word: the name hung under it
        tokens = [r for t in tokens for r in _through_space(t)]
        extra = []
        for token in tokens:
            for found in (*self._stray_conjuncts(token), *self._headline_conjuncts(token)):
                if found not in tokens and found not in extra:
                    extra.append(found)
        return tokens + extra

    def _objects_of(self, verb) -> list:
        """Direct objects, and a name the tagger took for a verb ('meet Blinken' with
        'Blinken' as a participle) or hung as an xcomp ('warns Beijing against ...'), or
        made the subject of a clause below ('met U.S. President Joe Biden, who said ...')."""
        found = direct_objects(verb)
        if found:
            return found
        found = [
            c
            for c in children(verb, "xcomp", "obl")
            if (c.pos_ == "PROPN" or self._has_actor(c))
            and not subjects(c)
            and not marks(c)
            and not case_words(c)
            and c.i > verb.i
        ]
        if not found and dep(verb) == "conj" and verb.head.pos_ in ("VERB", "ADJ"):
            # "had armed, trained and funded Hamas": the conjuncts share the object
            found = direct_objects(verb.head) or [
                c
                for c in children(verb.head, "obl")
                if self._has_actor(c) and not case_words(c) and c.i > verb.i
            ]
        return found or self._name_after(verb)

    def _name_after(self, verb) -> list:
        """The name that follows a transitive verb directly, when the parser gave it another
        role inside the verb's own subtree."""
        doc = verb.doc
        last = None
        i = verb.i + 1
        while i < verb.sent.end and i <= verb.i + 6 and self._has_actor(doc[i]):
            last = doc[i]
            i += 1
        if last is None or last.i not in {t.i for t in verb.subtree}:
            return []
        if any(dep(t) in ("obj", "iobj") for t in verb.children):
            return []
        return [last]

    def _has_actor(self, token) -> bool:
        return any(m.how != "place" for m in self.index.mentions(token))

    def _left_subject(self, verb) -> list:
        """The actor right before a finite verb that has no subject: the parser lost it."""
        first = min(
            [verb.i]
            + [
                c.i
                for c in verb.children
                if c.i < verb.i and dep(c) in ("aux", "aux:pass", "advmod", "neg", "cop")
            ]
        )
        if first == 0 or first <= verb.sent.start:
            return self._previous_subjects(verb.sent) if is_fragment(verb.sent) else []
        before = verb.doc[first - 1]
        if not self._has_actor(before):
            return []
        node = before
        while (dep(node) in ("flat", "compound", "amod") and node.i < node.head.i < verb.i) or (
            dep(node) == "flat" and node.head.i < node.i
        ):
            node = node.head  # "Nancy Pelosi": the name's head
        if dep(node) in ("nsubj", "nsubj:pass") and node.head.i != verb.i:
            return []  # another verb's subject
        return [node]

    def _previous_subjects(self, sent) -> list:
        """The subject of the sentence a fragment was cut from ('Russia on Friday' +
        'vetoed a draft ...'; '... pressed for inspections' + ', rebuffing a U.S. push')."""
        if sent.start == 0:
            return []
        root = sent.doc[sent.start - 1].sent.root
        if root.pos_ in ("NOUN", "PROPN") and self.index.resolve(root, "proxy"):
            return [root]
        return self._subjects(root, active=True) if root.pos_ in ("VERB", "AUX") else []

    def _stray_conjuncts(self, subject) -> list:
        """'Sudan's army and the Rapid Support Forces failed': an 'and' the parser hung on
        the verb leaves the first conjunct stranded right before it."""
        start = subject.left_edge.i
        doc = subject.doc
        if start < 2 or doc[start - 1].lower_ not in ("and", "or"):
            return []
        cc = doc[start - 1]
        if cc.head.i == subject.i or cc.head.i in (c.i for c in conjuncts(subject)):
            return []
        before = doc[start - 2]
        if before.is_punct or before.i < subject.sent.start:
            return []
        node = before
        while dep(node) in ("flat", "compound", "amod", "nmod:poss") and node.head.i > node.i:
            node = node.head
        found = self.index.resolve(node, "proxy")
        return [node] if found else []

    def _headline_conjuncts(self, subject) -> list:
        """'Biden, Xi agree to ...': a title coordinates names with a bare comma."""
        start = subject.left_edge.i
        sent = subject.sent
        if start - sent.start < 2 or subject.doc[start - 1].text != "," or not is_headline(sent):
            return []
        first = subject.doc[sent.start : start - 1]
        if not all(self._has_actor(t) for t in first):
            return []
        return [first[-1]]

    def _stray_agent(self, verb) -> list:
        """'was struck ... by Russian missiles' with the by-phrase misattached inside the clause:
        a 'by' whose phrase hangs (through nominals only) under the passive verb."""
        for token in verb.subtree:
            if token.lower_ != "by" or dep(token) != "case" or token.i < verb.i:
                continue
            nominal = token.head
            while (
                dep(nominal) in ("amod", "compound", "det", "nummod") and nominal.head.i > nominal.i
            ):
                nominal = nominal.head
            node = nominal
            for _ in range(5):
                if node.i == verb.i:
                    return [nominal]
                if dep(node) not in ("obl", "nmod", "appos", "conj", "obj", "amod", "compound"):
                    break
                node = node.head
        return []

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
                found.append(ArgActor(arg.actor_id, arg.how, "speaker", arg.token))
        return found

    @staticmethod
    def _dependents(token) -> list:
        """Direct dependents and prepositional nominals of a token."""
        found = list(token.children)
        found += [n for _, n in prepositional(token) if n not in found]
        return found

    # -- objects ---------------------------------------------------------------------------

    def _objects(
        self, entry: Entry, head, verb_slots: bool, extra_heads=()
    ) -> tuple[list[ArgActor], list[ArgActor]]:
        """Objects of the trigger, and the 'between' set (both sides) if any. Sets
        ``self.mutual`` when the object is 'each other' / 'the other' (each side blames the
        other)."""
        tokens = []
        between = []
        heads = [head, *extra_heads]
        preps = set(entry.prepositions)
        for slot in entry.objects:
            if slot == "obj" and verb_slots:
                if is_passive(head):
                    tokens += passive_subjects(head)
                else:
                    tokens += (
                        direct_objects(head) or children(head, "iobj") or self._objects_of(head)
                    )
            elif slot == "iobj":
                tokens += children(head, "iobj")
            elif slot == "clause":
                for clause in children(head, "ccomp", "xcomp", "advcl", "acl"):
                    if _mandative(clause):
                        tokens += subjects(clause)
            elif slot == "condition":
                tokens += _conditioned_subjects(head)
            elif slot == "poss":
                tokens += children(head, "nmod:poss")
        if not verb_slots and entry.kind == "AIDS":
            # "a package of ammunition and armoured vehicles for Ukraine": the recipient
            # phrase may hang on the contents
            contents = [n for p, n in prepositional(head) if p == "of"]
            heads += [c for n in contents for c in conjuncts(n)]
        attached = [(p, n) for h in heads for p, n in prepositional(h)]
        if not verb_slots and head.head.i != head.i:
            # "opposition to U.S. power" parsed with the to-phrase on the verb: take a phrase
            # that starts right after the noun phrase, whatever it hangs on
            follows = head.right_edge.i + 1
            attached += [
                (p, n)
                for p, n in prepositional(head.head)
                if n.i > head.i and n.left_edge.i == follows
            ]
        for prep, nominal in attached:
            if nominal.i == head.i:
                continue
            if prep == "between" and "between" in entry.objects:
                between.append(nominal)
            elif prep in preps:
                tokens.append(nominal)
                tokens += _name_after_preposition(nominal)
        tokens = [r for t in tokens for r in _named_by_free_relative(t)]
        self.mutual = any(is_reciprocal_object(t) for t in tokens)
        objects: list[ArgActor] = []
        for token in tokens:
            objects.extend(self.index.resolve(token, entry.resolve, allow_place=entry.place_object))
        pairs: list[ArgActor] = []
        for token in between:
            pairs.extend(self.index.resolve(token, "proxy"))
        return objects, pairs

    # -- nouns ---------------------------------------------------------------------------

    def _noun(self, entry: Entry, noun) -> None:
        if self._received(entry, noun):
            return
        light = self._light_verb(noun, entry)
        if entry.light_verbs is not None and light is None:
            return
        extra_heads = [light] if light is not None else []
        objects, pairs = self._objects(entry, noun, verb_slots=False, extra_heads=extra_heads)
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
                return [], 0.0, []
            agents, _ = self._verb_agents(light)
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
                and lemma(head) in self.cues.light_nouns
                and _of_link(node)
            ):
                node = head
                continue
            if label == "conj":
                node = head
                continue
            return None
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
        for _ in range(6):
            head = node.head
            if head.i == node.i:
                return [], 0.0, []
            label = dep(node)
            if head.pos_ == "ADV" and dep(head) == "advmod" and head.head.i != head.i:
                head = head.head  # "is based largely on shared opposition": past the adverb
                label = "obl" if label in ("obl", "nmod") else label
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
            if head.pos_ == "ADP":
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

    # -- adjectives ----------------------------------------------------------------------

    def _adjective(self, entry: Entry, adj) -> None:
        tokens = self._subjects(adj)
        if not tokens:
            tokens = self._inherited_subjects(adj)
        agents = self._resolve_agents(tokens, adj)
        objects, pairs = self._objects(entry, adj, verb_slots=False)
        self._emit(
            entry, adj, agents, objects, pairs, self.cues.confidence.get("adjective", 0.85), []
        )

    # -- pairing -------------------------------------------------------------------------

    def _emit(
        self, entry: Entry, trigger, agents, objects, pairs, base: float, chain, hosts=()
    ) -> None:
        if entry.inverse:
            agents, objects = objects, agents
        found: list[tuple[ArgActor, ArgActor]] = []
        if len(pairs) >= 2:
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
        both_ways = entry.reciprocal and entry.family != "MEETS"
        for subject, obj in found:
            if subject.actor_id == obj.actor_id:
                continue
            self.candidates.append(
                Candidate(subject, obj, entry, trigger, base, chain, list(hosts))
            )
            if both_ways and (entry.symmetric or not objects):
                self.candidates.append(
                    Candidate(obj, subject, entry, trigger, base, chain, list(hosts))
                )


_NAMING_VERBS = frozenset(
    "call describe term label dub brand characterize characterise see regard consider".split()
)


_QUANTIFIERS = frozenset("one some many several most dozens hundreds thousands all".split())

_STATEMENT_AUX = frozenset(
    "was were is are am been had has have will would did does 's 're 'd 'll".split()
)


def _mandative(clause) -> bool:
    """'demanded that Germany pay', 'insisted that Moscow must withdraw': what the subject
    wants done; 'insisted that Moscow was not waging war' is a statement, not a demand."""
    if clause.tag_ in ("VBD", "VBZ", "VBG", "VBN"):
        return False
    auxes = {c.lower_ for c in clause.children if dep(c) in ("aux", "aux:pass", "cop")}
    return not auxes & _STATEMENT_AUX


def _named_by_free_relative(token) -> list:
    """'criticised what he called U.S. reluctance': the object is what 'what' is called."""
    if token.lower_ != "what":
        return [token]
    for clause in token.children:
        if dep(clause) in ("acl:relcl", "acl") and lemma(clause) in _NAMING_VERBS:
            named = [
                c
                for c in clause.children
                if dep(c) in ("obj", "xcomp", "obl") and c.i > clause.i and c.lower_ != "what"
            ]
            if named:
                return named[:1]
    return [token]


def _after_stray_that(subject):
    """'said at a news conference that Xi's visit indicated ...' parsed with 'conference' as
    the subject and the real one hung under it after 'that': the noun after 'that'."""
    for token in subject.subtree:
        if (
            token.lower_ == "that"
            and dep(token) == "mark"
            and token.head.i > token.i
            and token.head.i != subject.i
            and token.head.pos_ in ("NOUN", "PROPN")
        ):
            return token.head
    return subject


def _through_space(token) -> list:
    """A whitespace token ('\\n\\n' between paragraphs) the parser made a subject stands for
    the name it hangs over."""
    if not token.is_space:
        return [token]
    return [c for c in token.children if not c.is_space and c.pos_ in ("PROPN", "NOUN", "PRON")]


def _name_after_preposition(nominal) -> list:
    """'travel to Beijing next month' parsed as 'to [Beijing next month]': the name right
    after the preposition, a modifier of the phrase's head, is what the preposition takes."""
    case = [c for c in nominal.children if dep(c) == "case" and c.i < nominal.i]
    if not case:
        return []
    i = case[-1].i + 1
    doc = nominal.doc
    while i < nominal.i and doc[i].pos_ == "DET":
        i += 1
    first = doc[i]
    if first.i < nominal.i and first.head.i == nominal.i and dep(first) in ("amod", "compound"):
        return [first] if first.pos_ == "PROPN" or first.tag_ == "NNP" else []
    return []


def _clause_verb(noun):
    """The verb whose clause a noun sits in, through nominal links ('a historic step')."""
    node = noun
    for _ in range(4):
        head = node.head
        if head.i == node.i:
            return None
        if head.pos_ in ("VERB", "AUX"):
            return head
        if dep(node) not in ("obl", "obj", "nmod", "appos", "conj", "pobj", "prep"):
            return None
        node = head
    return None


def _of_link(node) -> bool:
    """'a show of support': the noun hangs on a light noun by 'of' (not 'a statement about')."""
    if dep(node) == "prep":  # ClearNLP: the preposition itself
        return node.lower_ == "of"
    return case_words(node) in ("", "of")


def _sentence_has_trigger(sent, trigger_words: frozenset[str]) -> bool:
    return any(lemma(t) in trigger_words or t.lower_ in trigger_words for t in sent)


class DocumentExtractor:
    """Extracts relation records from one parsed Doc."""

    def __init__(self, doc, doc_actors, article, lexicon: Lexicon | None = None):
        self.lex = lexicon or load_lexicon()
        self.doc = doc
        self.article = article
        self.index = ActorIndex(
            doc,
            doc_actors,
            self.lex.cues.representatives,
            self.lex.cues.first_person,
            self.lex.cues.trade_flows,
        )

    def run(self) -> list[dict]:
        records: dict[tuple, dict] = {}
        trigger_words = self.lex.trigger_words
        previous = None
        for sent in self.doc.sents:
            # "Russia on Friday | vetoed a draft ...": a fragment the segmenter cut off is
            # evidence together with the sentence before it
            evidence = sent
            if previous is not None and is_fragment(sent):
                evidence = self.doc[previous.start : sent.end]
            previous = sent
            if self.index.actor_count(evidence) < 2:
                continue
            found = []
            if _sentence_has_trigger(sent, trigger_words):
                for candidate in SentenceExtractor(self.lex, self.index, sent).run():
                    found.append(self._record(candidate, sent))
            found += self._evaluations(sent)
            for record in found:
                if record is None:
                    continue
                if evidence is not sent:
                    record["sentence"] = evidence.text
                    record["start"], record["end"] = evidence.start_char, evidence.end_char
                self._keep(records, record)
        return sorted(
            records.values(),
            key=lambda r: (
                r["start"],
                r["trigger"]["start"],
                r["subject"]["id"],
                r["object"]["id"],
            ),
        )

    @staticmethod
    def _keep(records: dict, record: dict) -> None:
        ends = (record["subject"]["id"], record["object"]["id"])
        if record["family"] == "MEETS":
            ends = tuple(sorted(ends))
        key = (
            record["start"],
            record["family"],
            record["kind"],
            ends,
            record["negated"],
            record["modality"],
        )
        old = records.get(key)
        if old is None or record["confidence"] > old["confidence"]:
            records[key] = record

    # -- records -------------------------------------------------------------------------

    def _record(self, cand: Candidate, sent) -> dict | None:
        subject = self.index.actor(cand.subject.actor_id)
        obj = self.index.actor(cand.object.actor_id)
        if subject is None or obj is None or subject.id == obj.id:
            return None
        entry = cand.entry
        kind = self.lex.ontology.kind(entry.kind)
        cameo, quad = entry.cameo, entry.quad_class
        if entry.person_kind and subject.type == "Person" and obj.type == "Person":
            kind = self.lex.ontology.kind(entry.person_kind)
            cameo, quad = kind.cameo, kind.quad_class
        if kind.family in ("SUPPORTS", "MEETS") and _own_country(subject, obj):
            return None
        reading = read(cand.trigger, cand.extra, self.lex.cues, sent, cand.hosts)
        withdrawn = self._objection_withdrawn(cand.trigger) if kind.family == "OPPOSES" else None
        if withdrawn is not None:
            reading.negated = False
            if withdrawn:
                kind = self.lex.ontology.kind("ENDORSES")
                cameo, quad = kind.cameo, kind.quad_class
        speaker = self._speaker(reading)
        modality = reading.modality
        if speaker is not None and speaker.id == subject.id:
            # the speech act is the relation ("We expect Beijing to ...", said Nikolenko):
            # asserted, and the speaker field stays for statements about others
            speaker = None
            if modality == "reported":
                modality = "asserted"
        confidence = cand.base * self._weight(cand.subject) * self._weight(cand.object)
        return self._make(
            subject,
            obj,
            kind.name,
            kind.family,
            cameo,
            quad,
            reading.negated,
            modality,
            confidence,
            sent,
            cand.trigger,
            speaker,
        )

    def _objection_withdrawn(self, trigger) -> bool | None:
        """ "Turkey dropped its objection to Finland's membership": the dropping is itself an
        act of support (True); "refused to drop", "did not drop": the objection stands
        (False); None where no objection is dropped."""
        cues = self.lex.cues
        head = trigger.head
        if not (
            lemma(trigger) in cues.withdrawn_objections
            and dep(trigger) == "obj"
            and lemma(head) in cues.withdrawing
        ):
            return None
        withdrawn = not negators(head)
        node = head
        for _ in range(4):  # "refused to drop", "declined to lift"
            if dep(node) not in ("xcomp", "ccomp", "conj") or node.head.i == node.i:
                break
            node = node.head
            if lemma(node) in cues.negating_governors:
                withdrawn = not withdrawn
            if negators(node):
                withdrawn = not withdrawn
        return withdrawn

    def _make(
        self,
        subject,
        obj,
        kind,
        family,
        cameo,
        quad,
        negated,
        modality,
        confidence,
        sent,
        trigger,
        speaker,
    ) -> dict:
        return {
            "subject": subject.ref(),
            "object": obj.ref(),
            "family": family,
            "kind": kind,
            "cameo": cameo,
            "quad_class": quad,
            "negated": bool(negated),
            "modality": modality,
            "confidence": round(max(0.01, min(0.99, confidence)), 3),
            "article_id": self.article.id,
            "date": self.article.date,
            "sentence": sent.text,
            "start": sent.start_char,
            "end": sent.end_char,
            "trigger": {
                "text": trigger.text,
                "start": trigger.idx,
                "end": trigger.idx + len(trigger.text),
            },
            "speaker": speaker.ref() if speaker is not None else None,
        }

    def _weight(self, arg: ArgActor) -> float:
        cues = self.lex.cues
        return cues.mention_weight.get(arg.how, 0.8) * cues.route_weight.get(arg.route, 0.9)

    def _speaker(self, reading: Reading):
        for token in reading.speaker_tokens:
            for arg in self.index.resolve(token, "proxy"):
                actor = self.index.actor(arg.actor_id)
                if actor is not None:
                    return actor
        return None

    # -- a speaker's critical characterisation -------------------------------------------

    def _evaluations(self, sent) -> list[dict]:
        """'Blinken said that Xi's visit indicated an unwillingness ...': Blinken criticizes Xi."""
        cues = self.lex.cues
        found = []
        for verb in sent:
            if lemma(verb) not in cues.speech_verbs or negators(verb):
                continue
            speakers = []
            for token in subjects(verb):
                speakers.extend(self.index.resolve(token, "proxy"))
            if not speakers:
                continue
            contents = children(verb, "ccomp")
            contents += [c for c in that_clauses(verb) if c not in contents]
            if dep(verb) == "parataxis" and verb.head.i != verb.i:
                contents.append(verb.head)
            for clause in contents:
                found.extend(self._evaluation(verb, clause, speakers, sent))
        return found

    def _about_another(self, cue, target_ids: set[str]) -> bool:
        """'Moscow ... criticised what he called U.S. reluctance': an evaluative noun that an
        actor other than the clause's subject modifies is about that actor."""
        for child in cue.children:
            if dep(child) in ("nmod:poss", "compound", "amod"):
                ids = {m.actor_id for m in self.index.mentions(child)}
                if ids and not ids & target_ids:
                    return True
        return False

    def _evaluation(self, verb, clause, speakers, sent) -> list[dict]:
        cues = self.lex.cues
        subject_tokens = [_after_stray_that(t) for t in subjects(clause)]
        if not subject_tokens:
            return []
        targets = []
        excluded = set()
        for token in subject_tokens:
            targets.extend(self.index.resolve(token, "modifiers"))
            excluded.update(t.i for t in token.subtree)
        if not targets:
            return []
        cue = None
        kind_name = None
        target_ids = {t.actor_id for t in targets}
        for token in clause.subtree:
            if token.i in excluded or self._about_another(token, target_ids):
                continue
            word = lemma(token)
            if word in cues.negative_evaluation or token.lower_ in cues.negative_evaluation:
                cue, kind_name = token, "CRITICIZES"
                break
            if word in cues.positive_evaluation:
                cue, kind_name = token, "PRAISES"
                break
        if cue is None:
            return []
        kind = self.lex.ontology.kind(kind_name)
        reading = read(clause, [], cues, sent)
        negated = bool(negators(clause)) or bool(negators(cue))
        modality = "hypothetical" if reading.modality == "hypothetical" else "asserted"
        base = cues.confidence.get("evaluation", 0.55)
        records = []
        for speaker_arg in speakers:
            speaker = self.index.actor(speaker_arg.actor_id)
            for target_arg in targets:
                target = self.index.actor(target_arg.actor_id)
                if speaker is None or target is None or speaker.id == target.id:
                    continue
                confidence = base * self._weight(speaker_arg) * self._weight(target_arg)
                records.append(
                    self._make(
                        speaker,
                        target,
                        kind.name,
                        kind.family,
                        kind.cameo,
                        kind.quad_class,
                        negated,
                        modality,
                        confidence,
                        sent,
                        cue,
                        None,  # the speaker is the subject: an asserted act of criticism
                    )
                )
        return records


def _own_country(a, b) -> bool:
    """A leader and their own country: 'Putin returned to Moscow' is not a visit."""
    return (a.country_id is not None and a.country_id == b.id) or (
        b.country_id is not None and b.country_id == a.id
    )


def conjunct_tokens(token) -> list:
    return conjuncts(token)


_CONSEQUENCE_AUX = frozenset({"would", "will", "'ll", "wo", "'d"})
_CONDITION_MARKS = frozenset({"if", "unless", "should"})


def _conditioned_subjects(verb) -> list:
    """ "warned that Japan would pay a price if it attacked": the subject of the condition
    under a that-clause that foretells a consequence (would/will). The warning is the act;
    whoever the condition names is the one warned, whichever side the consequence falls on
    ("warned that Israel would strike if Hezbollah broke the truce")."""
    found = []
    for clause in children(verb, "ccomp"):
        if not any(
            dep(c) == "aux" and c.lower_ in _CONSEQUENCE_AUX for c in clause.children
        ):
            continue
        # the if-clause may hang on a word inside the consequence ("pay a price if ...")
        conditions = [t for t in clause.subtree if dep(t) in ("advcl", "acl") and t is not clause]
        for condition in conditions:
            if any(
                dep(c) == "mark" and c.lower_ in _CONDITION_MARKS for c in condition.children
            ):
                found += subjects(condition)
    return found
