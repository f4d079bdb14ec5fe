"""The clause fallback: a lexicon verb the parse left unconnected still relates the one actor
before it to the one actor after it inside its own clause, when there is exactly one of each.

Long wire sentences are where the parser slips most ("Beirut again rejected Thursday a United
Nations appeal ..." parsed with the appeal in another sentence). Every other route reads the
dependency tree; this one reads word order inside the stretch of text around the trigger that
no clause boundary cuts: a comma, semicolon, colon, dash, quote or bracket, a reporting verb
("officials said"), a subordinator or relative word, another finite verb, or after the
trigger any other verb ("arming militias to attack Israel": Israel is the attack's). It runs
only for a verb that produced nothing by the regular routes, never takes a national as the
agent or a place as either side (unless the entry allows a place object), and gives lower
confidence.
Negation and modality are read off the trigger as for any other candidate."""

from __future__ import annotations

from ..arguments import ArgActor
from ..lexicon import Entry
from ..repairs.shifted_object import TIME_WORDS
from ..syntax import dep, is_passive, lemma

# words that open another clause: what stands beyond them is not the trigger's argument
_BOUNDARY_WORDS = frozenset(
    "that which who whom whose where when while because although though if unless as after "
    "before since until whereas but and or so".split()
)
_BOUNDARY_PUNCT = frozenset({",", ";", ":", "—", "–", "-", '"', "“", "”", "``", "''", "(", ")"})
_FINITE = frozenset({"VBD", "VBZ", "VBP", "MD"})


class ClauseFallback:
    """Order-based pairing for a verb trigger the parse did not connect; needs the sentence
    extractor's index, cues and entries."""

    def _clause_fallback(self, entry: Entry, verb) -> bool:
        if is_passive(verb) or self.index.mentions(verb):
            return False  # "United" in "the United States" tagged as a verb
        if "obj" not in entry.objects and not entry.prepositions:
            return False
        left = self._side(verb, -1)
        right = self._side(verb, +1)
        agents = self._one_actor(left, agent=True, entry=entry)
        if agents is None or not self._subject_like(agents[0], verb):
            return False
        objects = self._one_actor(right, agent=False, entry=entry)
        if objects is None or objects[0].actor_id == agents[0].actor_id:
            return False
        if not self._slot_fits(entry, verb, objects[0]):
            return False
        base = self.cues.confidence.get("verb", 0.9) * self.cues.confidence.get(
            "clause_fallback", 0.6
        )
        before = len(self.candidates)
        self._emit(entry, verb, agents, objects, [], base, [])
        return len(self.candidates) > before

    def _side(self, verb, step: int) -> list:
        """Tokens from the trigger to the nearest clause boundary in one direction."""
        sent = verb.sent
        tokens = []
        i = verb.i + step
        while sent.start <= i < sent.end:
            token = verb.doc[i]
            if token.text == "," and step < 0:
                # "Pakistan, a key U.S. ally in the war, has refused": an apposition between
                # commas (no verb in it) does not end the subject's clause
                opening = self._apposition_start(token)
                if opening is not None:
                    i = opening - 1
                    continue
            if token.text in _BOUNDARY_PUNCT or token.lower_ in _BOUNDARY_WORDS:
                break
            if token.pos_ == "VERB" and (
                lemma(token) in self.cues.speech_verbs or token.tag_ in _FINITE
            ):
                break  # another finite clause, or a reporting verb's
            if step > 0 and token.pos_ == "VERB":
                break  # "arming militias to attack Israel": another verb's object
            tokens.append(token)
            i += step
        return tokens

    @staticmethod
    def _apposition_start(comma):
        """The index of the comma that opens the verbless phrase this comma closes."""
        doc, i = comma.doc, comma.i - 1
        while i > comma.sent.start:
            token = doc[i]
            if token.text == ",":
                return i if i < comma.i - 1 else None
            if token.pos_ in ("VERB", "AUX") or token.text in _BOUNDARY_PUNCT:
                return None
            i -= 1
        return None

    def _one_actor(self, tokens, agent: bool, entry: Entry) -> list[ArgActor] | None:
        """The side's single actor, or None when it has none or several."""
        found: dict[str, ArgActor] = {}
        for token in tokens:
            for mention in self.index.mentions(token):
                if mention.how == "place" and (agent or not entry.place_object):
                    return None  # a place may be where the act happens, not a side of it
                if agent and mention.how in ("pronoun", "coref"):
                    return None
                if agent and mention.how == "national":
                    if not self.lex.ontology.national_subject(entry.kind):
                        return None  # only civil acts (protests, demands) are theirs
                found.setdefault(
                    mention.actor_id,
                    ArgActor(
                        mention.actor_id,
                        mention.how,
                        "clause",
                        token.i,
                        getattr(mention, "sector", None),
                    ),
                )
        if len(found) == 2:
            # "Israeli Prime Minister Ehud Barak": a person and their own country are one side
            people = [
                a
                for a in found.values()
                if getattr(self.index.actor(a.actor_id), "country_id", None)
                and getattr(self.index.actor(a.actor_id), "type", None) == "Person"
            ]
            for person in people:
                country = self.index.actor(person.actor_id).country_id
                if country in found and country != person.actor_id:
                    found.pop(country)
                    break
        if len(found) != 1:
            return None
        return list(found.values())

    def _subject_like(self, agent: ArgActor, verb) -> bool:
        """The agent's phrase stands as a subject: not after a preposition ("a demand from
        the EU to recognise"), not a modifier of a noun before the verb ("the UN vote
        condemning"); only adverbs, auxiliaries and time phrases between it and the verb."""
        doc = verb.doc
        mentions = self.index.mentions(doc[agent.token])
        start = min((m.token_start for m in mentions), default=agent.token)
        end = max((m.token_end for m in mentions), default=agent.token + 1)
        before = start - 1
        while before >= verb.sent.start and doc[before].pos_ == "DET":
            before -= 1
        if before >= verb.sent.start and (doc[before].pos_ == "ADP" or dep(doc[before]) == "case"):
            return False
        between = doc[end : verb.i]
        return not any(t.pos_ in ("NOUN", "PROPN") and t.lower_ not in TIME_WORDS for t in between)

    def _slot_fits(self, entry: Entry, verb, obj: ArgActor) -> bool:
        """The object stands where the entry allows: right after the verb (a direct object)
        or after one of the entry's prepositions, with no other preposition between."""
        preps = [t for t in verb.doc[verb.i + 1 : obj.token] if t.pos_ == "ADP" or dep(t) == "case"]
        if not preps:
            if "obj" not in entry.objects:
                return False
            if entry.resolve in ("direct", "proxy"):
                # "rejected a United Nations appeal": the actor only modifies the object,
                # which the entry does not accept for a direct object
                mention_end = max(
                    (m.token_end for m in self.index.mentions(verb.doc[obj.token])), default=0
                )
                after = verb.doc[mention_end] if mention_end < len(verb.doc) else None
                if after is not None and after.pos_ == "NOUN" and after.sent == verb.sent:
                    return False
            return True
        if len(preps) == 1 and preps[0].lower_ in entry.prepositions:
            return True
        # "rejected recent calls by Belarus's rulers": the owner or author of the object noun
        return (
            "obj" in entry.objects
            and entry.resolve in ("modifiers", "modifiers_only")
            and all(t.lower_ in ("of", "by", "from") for t in preps)
            and len(preps) == 1
        )
