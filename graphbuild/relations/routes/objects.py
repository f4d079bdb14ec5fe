"""The object routes: direct and indirect objects, prepositional phrases, 'between' pairs,
mandative clauses ('demanded that X withdraw') and conditions ('warned that ... if X')."""

from __future__ import annotations

from ..arguments import ArgActor
from ..lexicon import Entry
from ..repairs.counted_object import counted_object
from ..repairs.misplaced_object import (
    across_comma,
    name_after_preposition,
    named_by_free_relative,
)
from ..repairs.shifted_object import past_time_word
from ..syntax import (
    case_words,
    children,
    conjuncts,
    dep,
    direct_objects,
    is_passive,
    is_reciprocal_object,
    lemma,
    marks,
    passive_subjects,
    prepositional,
    reduced_passive,
    subjects,
)
from .nested import material_act


class ObjectRoute:
    """Where the other side of a trigger is, as the lexicon entry's slots say."""

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
                elif material_act(entry) and reduced_passive(head):
                    tokens.append(head.head)  # "drivers detained by Belarusian guards"
                else:
                    tokens += (
                        direct_objects(head) or children(head, "iobj") or self._objects_of(head)
                    )
            elif slot == "iobj":
                tokens += children(head, "iobj")
            elif slot == "clause":
                clauses = children(head, "ccomp", "xcomp", "advcl", "acl") + [
                    # "its demand that Israel ease ...": a noun's content clause taken for
                    # a relative one; its "that" is a mark, not the relative pronoun
                    c
                    for c in children(head, "acl:relcl")
                    if any(m.lower_ == "that" for m in marks(c))
                ]
                for clause in clauses:
                    if _mandative(clause):
                        tokens += subjects(clause) or self._nominal_clause_subject(clause)
            elif slot == "condition":
                tokens += _conditioned_subjects(head)
            elif slot == "infinitive_condition":
                tokens += _infinitive_conditions(head)
            elif slot == "obligation":
                # a message noun's that-clause may hang on the verb that carries it
                tokens += [t for h in heads for t in _obliged_subjects(h)]
            elif slot == "content":
                tokens += _content_objects(head)
            elif slot == "poss":
                tokens += children(head, "nmod:poss")
        if not verb_slots and (entry.kind == "AIDS" or entry.through_of):
            # "a package of ammunition and armoured vehicles for Ukraine": the recipient
            # phrase may hang on the contents
            contents = [n for p, n in prepositional(head) if p == "of"]
            heads += [c for n in contents for c in conjuncts(n)]
        attached = [(p, n) for h in heads for p, n in prepositional(h)]
        if verb_slots and not is_passive(head):
            # "extradited a hacker to the United States" parsed with the to-phrase on the
            # object: a phrase of the entry's own prepositions (not "of") after the object
            for obj in self._object_phrases(head):
                attached += [
                    (p, n)
                    for p, n in prepositional(obj)
                    if p in preps and p != "of" and n.i > obj.i
                ]
            # "complained to the Security Council about Israeli raids" parsed with the
            # about-phrase on the addressee: an actor named in a phrase the entry does not
            # take passes on the phrase after it that the entry does take
            for prep, addressee in prepositional(head):
                if prep in preps or addressee.i < head.i or not self._has_actor(addressee):
                    continue
                attached += [
                    (p, n)
                    for p, n in prepositional(addressee)
                    if p in preps and p != "of" and n.i > addressee.i
                ]
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
                tokens += across_comma(nominal)
                tokens += name_after_preposition(nominal)
        tokens = [r for t in tokens for r in named_by_free_relative(t)]
        tokens = [r for t in tokens for r in past_time_word(t)]
        # "deported thousands of Afghan refugees": the counted noun
        tokens = [self._through_quantity(t) for t in tokens]
        self.mutual = any(is_reciprocal_object(t) for t in tokens)
        objects: list[ArgActor] = []
        for token in tokens:
            found = self.index.resolve(token, entry.resolve, allow_place=entry.place_object)
            if not found and entry.place_object:
                found = self._country_of_recipient(token)
            if not found:
                found = self._nested_objects(entry, token)
            objects.extend(found)
        if not objects and not between and entry.target_places:
            objects = self._target_places(entry, heads, verb_slots)
        pairs: list[ArgActor] = []
        for token in between:
            pairs.extend(self.index.resolve(token, "proxy"))
        return objects, pairs

    def _nominal_clause_subject(self, clause) -> list:
        """'demanded that the US cancel plans' parsed as one noun phrase ('US cancel plans',
        the verb tagged as a noun): the actor that opens the phrase is the clause's subject."""
        if clause.pos_ not in ("NOUN", "PROPN") or not any(
            dep(m) == "mark" and m.lower_ == "that" for m in clause.children
        ):
            return []
        first = min(clause.subtree, key=lambda t: t.i)
        while first.i < clause.i and (first.pos_ == "DET" or dep(first) == "mark"):
            first = first.doc[first.i + 1]
        stray_verb = first.head
        if (
            first.i >= clause.i
            or not self._has_actor(first)
            or dep(first) != "compound"
            or stray_verb.i == clause.i  # "that the US trade ..." has no stray verb
            or dep(stray_verb) != "compound"
            or stray_verb.head.i != clause.i
        ):
            return []
        return [first]

    def _object_phrases(self, verb) -> list:
        """The direct object and the nouns it counts or contains, where the parser may have
        hung the verb's phrase: "fired dozens of rockets at Haifa", "pledged 50 million euros
        in aid to Sudan", "bombed hideouts in X" (object parsed as xcomp)."""
        found = direct_objects(verb) or [
            c for c in children(verb, "xcomp") if c.pos_ in ("NOUN", "PROPN") and c.i > verb.i
        ]
        # "provided photographs and other intelligence to Macedonia", "launched artillery and
        # rocket fire against X": the phrase may hang on the last of coordinated objects
        found = [part for obj in found for part in conjuncts(obj)]
        for obj in list(found):
            found += [n for p, n in prepositional(obj) if p in ("of", "in") and n.i > obj.i]
        return found

    def _country_of_recipient(self, token) -> list[ArgActor]:
        """'troops to a peacekeeping force in Liberia', 'rations to refugee camps in Chad':
        a recipient that names no actor but lies in a country stands for that country."""
        if token.pos_ != "NOUN" or lemma(token) not in self.cues.located_recipients:
            return []
        found: list[ArgActor] = []
        for prep, place in prepositional(token):
            if prep != "in" or place.i < token.i:
                continue
            for arg in self.index.resolve(place, "modifiers", allow_place=True):
                actor = self.index.actor(arg.actor_id)
                if actor is not None and actor.type == "Country":
                    found.append(ArgActor(arg.actor_id, "place", arg.route, arg.token, arg.sector))
        return found

    def _target_places(self, entry: Entry, heads, verb_slots: bool) -> list[ArgActor]:
        """'bombed militant hideouts in Afghanistan's Khost province', 'an airstrike in Gaza':
        a country named as the place of an attack, on the trigger or on what it hits, is the
        state whose territory is attacked (only when no other object was found)."""
        nominals = [n for h in heads for n in [h, *(self._object_phrases(h) if verb_slots else [])]]
        found: list[ArgActor] = []
        for nominal in nominals:
            for prep, place in prepositional(nominal):
                if prep not in entry.target_places:
                    continue
                for arg in self._places_of(place, near=prep != "in"):
                    actor = self.index.actor(arg.actor_id)
                    if actor is not None and actor.type == "Country":
                        found.append(
                            ArgActor(arg.actor_id, "place", arg.route, arg.token, arg.sector)
                        )
        return found

    def _places_of(self, place, near: bool) -> list[ArgActor]:
        """The states a place phrase of an attack lies in. "near Damascus", "outside Kharkiv":
        only a city or capital (a state named after "near" is its neighbourhood, not its
        land); "in the Odesa region": an area noun with a place compounded into it (round 12)."""
        if near:
            return [
                a for a in self.index.resolve(place, "direct", allow_place=True) if a.how == "place"
            ]
        found = self.index.resolve(place, "modifiers", allow_place=True)
        if found or lemma(place) not in self.cues.territories:
            return found
        return [
            arg
            for child in children(place, "compound")
            for arg in self.index.resolve(child, "direct", allow_place=True)
        ]

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
        return found or self._name_after(verb) or self._shifted_object(verb) or counted_object(verb)


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


_OBLIGATION_AUX = frozenset({"must", "should", "ought"})
_PERFECT_AUX = frozenset({"have", "'ve", "of"})


def _obliged_subjects(verb) -> list:
    """'said that Hungary must lift its veto', 'reiterated that Libya should hand over the
    suspects': a that-clause under a speech verb that lays an obligation on its active
    subject is a demand of that subject (CAMEO 10). 'said Hungary would lift' is a
    statement, 'should have lifted' a reproach, 'must be punished' names no addressee."""
    found = []
    # "declared on Friday that Iran should release": a that-clause after an adjunct is
    # often hung as an adverbial clause; its "that" marks it as the content all the same
    clauses = children(verb, "ccomp") + [
        c
        for c in children(verb, "advcl", "acl", "acl:relcl")
        if any(m.lower_ == "that" for m in marks(c))
    ]
    for clause in clauses:
        auxes = {c.lower_ for c in clause.children if dep(c) == "aux"}
        if not auxes & _OBLIGATION_AUX or auxes & _PERFECT_AUX:
            continue
        if children(clause, "aux:pass", "nsubj:pass"):
            continue
        found += children(clause, "nsubj")
    return found


_CONSEQUENCE_AUX = frozenset({"would", "will", "'ll", "wo", "'d"})
_CONDITION_MARKS = frozenset({"if", "unless", "should"})


def _conditioned_subjects(verb) -> list:
    """ "warned that Japan would pay a price if it attacked": the subject of the condition
    under a that-clause that foretells a consequence (would/will). The warning is the act;
    whoever the condition names is the one warned, whichever side the consequence falls on
    ("warned that Israel would strike if Hezbollah broke the truce")."""
    found = []
    for clause in children(verb, "ccomp"):
        if not any(dep(c) == "aux" and c.lower_ in _CONSEQUENCE_AUX for c in clause.children):
            continue
        # the if-clause may hang on a word inside the consequence ("pay a price if ...")
        conditions = [t for t in clause.subtree if dep(t) in ("advcl", "acl") and t is not clause]
        for condition in conditions:
            if any(dep(c) == "mark" and c.lower_ in _CONDITION_MARKS for c in condition.children):
                found += subjects(condition)
    return found


def _infinitive_conditions(verb) -> list:
    """ "threatened to halt the talks if the United States deployed the missiles": the
    threatened act is the consequence, the condition's subject the one threatened (the
    condition on the infinitive or, as parsers often hang it, on the threatening verb)."""
    found = []
    for clause in children(verb, "xcomp"):
        if subjects(clause):
            continue
        conditions = [t for t in clause.subtree if dep(t) == "advcl" and t is not clause]
        conditions += [c for c in children(verb, "advcl") if c.i > clause.i]
        for condition in conditions:
            if any(dep(c) == "mark" and c.lower_ in ("if", "unless") for c in condition.children):
                found += subjects(condition)
    return found


_CONTENT_CASES = frozenset({"", "to", "against", "on", "with", "from", "at", "into"})


def _content_objects(verb) -> list:
    """ "threatened to expel Lithuania's ambassador", "threatened to cut off gas to Moldova":
    whoever the threatened act is done to (its object, or a to/against/on phrase), whatever
    the act; the threat is the relation."""
    found = []
    for clause in children(verb, "xcomp", "ccomp"):
        if subjects(clause) and dep(clause) == "ccomp":
            continue  # "warned that X ..." has its own subject: a statement, not an act
        objects = direct_objects(clause)
        found += objects
        # "cut off gas supplies to Moldova": the phrase may hang on the act's object
        for phrase_head in (clause, *objects):
            found += [
                n
                for p, n in prepositional(phrase_head)
                if p in _CONTENT_CASES and p and n.i > clause.i
            ]
    return found
