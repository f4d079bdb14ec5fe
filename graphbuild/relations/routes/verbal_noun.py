"""The verbal-noun route: an act named by the -ing form of a lexicon verb ("the killing of
two soldiers by Chinese troops", "the shelling of Kharkiv by Russian artillery") that the
lexicon has no noun entry for. The verb's entry applies as a passive would: its object is the
of-phrase (or an actor nested inside it), its agent the by-phrase (also where the parser hung
it on the of-phrase) or the possessor ("Russia's shelling of ..."). Both must name actors;
"the killing of civilians" with no agent gives nothing."""

from __future__ import annotations

from ..lexicon import Entry
from ..syntax import children, nested_by_phrase, prepositional


class VerbalNounRoute:
    """-ing nominals of verb triggers; needs the sentence extractor's index and routes."""

    @staticmethod
    def _verbal_noun_form(token) -> bool:
        """A noun in -ing with an of-phrase after it: 'the killing of'."""
        return (
            token.pos_ == "NOUN"
            and token.lower_.endswith("ing")
            and any(p == "of" and n.i > token.i for p, n in prepositional(token))
        )

    def _verbal_noun(self, entry: Entry, noun) -> None:
        if "obj" not in entry.objects:
            return
        of_nominals = [n for p, n in prepositional(noun) if p == "of" and n.i > noun.i]
        objects = []
        for nominal in of_nominals:
            nominal = self._through_quantity(nominal)
            found = self.index.resolve(nominal, entry.resolve, allow_place=entry.place_object)
            objects += found or self._nested_objects(entry, nominal)
        if not objects:
            return
        tokens = [n for p, n in prepositional(noun) if p == "by"]
        tokens = tokens or [t for n in of_nominals for t in nested_by_phrase(n)]
        tokens = tokens or children(noun, "nmod:poss")
        agents = self._resolve_agents(tokens, noun)
        if not agents:
            return
        base = self.cues.confidence.get("noun_explicit", 0.8)
        self._emit(entry, noun, agents, objects, [], base, [])
