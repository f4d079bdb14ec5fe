"""The nested-object route: the side of an act named inside the noun phrase it hits.

"raided the offices of Costa Rican aid groups", "hacked the computers of South Korean army
officers", "a camp for Somali refugees was attacked": the object names a thing that belongs to
or houses the actor, and event coders code the first actor inside that phrase. When the
object itself stands for no actor, the route walks down its of-phrases (the for-phrase of a
place that houses people: "a camp for refugees"; the with-phrase of a tie: "the suspension
of trade links with India", `cues.toml` `bonds`) at most two steps, and takes the actor a
nominal there names or that its name and demonym modifiers name ("Costa Rican aid groups").
Only material acts (aid, seizure, attack, sanctions: CAMEO 06-08 and 14-20) nest; a
statement or a welcome is addressed to whom it names. Relative and participial clauses are
never entered ("containers bound for Spain", "a boat that sailed from Turkey"); nor are
other prepositions ("helicopters bought from Russia").
"""

from __future__ import annotations

from ..arguments import ArgActor
from ..lexicon import Entry
from ..syntax import conjuncts, lemma, prepositional

# entries whose objects take only the named actor or the author of a proposal: no nesting
_FLAT_RESOLVE = frozenset({"direct", "modifiers_only"})
_DEPTH = 2
# acts done to people and things (CAMEO 06-08, 14-20); words addressed to someone
# ("welcomed what it called the end of Israeli aggression") name their addressee directly
_MATERIAL = frozenset({"material_cooperation", "material_conflict"})


class NestedObjectRoute:
    """Actors inside the object's of-phrases; needs the sentence extractor's index and cues."""

    def _nested_objects(self, entry: Entry, token) -> list[ArgActor]:
        if entry.resolve in _FLAT_RESOLVE or not material_act(entry):
            return []
        frontier = [token]
        for _ in range(_DEPTH):
            inner = [
                part
                for nominal in frontier
                for prep, child in prepositional(nominal)
                if child.i > nominal.i and self._nesting(prep, nominal)
                for part in conjuncts(child)
            ]
            found: list[ArgActor] = []
            for nominal in inner:
                nominal = self._through_quantity(nominal)
                for arg in self.index.resolve(nominal, "modifiers", allow_place=entry.place_object):
                    found.append(ArgActor(arg.actor_id, arg.how, "nested", arg.token, arg.sector))
            if found:
                return found
            frontier = inner
        return []

    def _nesting(self, prep: str, nominal) -> bool:
        """'the offices of X'; 'a camp for X' (a place that houses people); 'links with X'
        (a tie whose other side is X)."""
        if prep == "of":
            return True
        if prep == "with":
            return lemma(nominal) in self.cues.bonds or nominal.lower_ in self.cues.bonds
        return prep == "for" and (
            lemma(nominal) in self.cues.located_recipients
            or nominal.lower_ in self.cues.located_recipients
        )


def material_act(entry: Entry) -> bool:
    """An act done to people or things (CAMEO 06-08, 14-20), not words addressed to them."""
    return entry.quad_class in _MATERIAL
