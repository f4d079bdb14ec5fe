"""Repair for a perfect tense parsed as possession: 'forces in Guinea have tortured scores of
refugees', 'officials have shared evidence with the U.S.' with 'have' as the main verb, its
object the noun, and the participle an adjective of that noun. The participle is the verb:
its subject is the subject of 'have', its object the noun, its phrases its own or the noun's."""

from __future__ import annotations

from ..arguments import ArgActor
from ..lexicon import Entry
from ..syntax import dep, lemma, prepositional

_BETWEEN = frozenset({"ADV", "PART"})


def perfect_host(token):
    """The 'have' whose object the participle ``token`` was hung on as an adjective, or None."""
    noun = token.head
    have = noun.head
    if (
        dep(token) != "amod"
        or not token.lower_.endswith("ed")
        or dep(noun) != "obj"
        or lemma(have) != "have"
        or not (have.i < token.i < noun.i)
    ):
        return None
    if any(t.pos_ not in _BETWEEN for t in token.doc[have.i + 1 : token.i]):
        return None  # "have new armed groups": an adjective, not a participle right after
    return have


class PerfectParticiple:
    """A verb trigger hung as an adjective on the object of a perfect 'have'."""

    def _perfect_participle(self, entry: Entry, token) -> None:
        have = perfect_host(token)
        if have is None:
            return
        noun = token.head
        agents = self._resolve_agents(self._subjects(have, active=True), have)
        if not agents:
            return
        tokens = [noun] if "obj" in entry.objects else []
        tokens += [
            n
            for head in (token, noun, have)
            for p, n in prepositional(head)
            if p in entry.prepositions and n.i > token.i
        ]
        objects: list[ArgActor] = []
        for nominal in tokens:
            nominal = self._through_quantity(nominal)
            found = self.index.resolve(nominal, entry.resolve, allow_place=entry.place_object)
            objects += found or self._nested_objects(entry, nominal)
        base = self.cues.confidence.get("verb", 0.9)
        self._emit(entry, token, agents, objects, [], base, [have])
