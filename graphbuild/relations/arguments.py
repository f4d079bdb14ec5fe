"""From argument tokens to actors.

An argument slot holds a token ("Putin", "officials", "leadership"); the
actors issue has linked some spans to actors (``DocActors.at_token``). This
module bridges the two: a mention on the token itself, on its conjuncts
("Xi and Putin"), on a representative noun's modifiers ("Chinese officials",
"the leaders of China and Russia"), or, where the slot allows it, on any
modifier ("Xi's leadership", "U.S. power"). Each result says how it was found,
which feeds the confidence.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..actors.locative_clause import locative_clause_place, place_tokens
from .syntax import (
    conjuncts,
    dep,
    is_relative_pronoun,
    lemma,
    nested_by_phrase,
    prepositional,
    subjects,
)


@dataclass(frozen=True)
class ArgActor:
    """An actor filling an argument slot, and how it was reached."""

    actor_id: str
    how: str  # the mention's how: name, alias, title, demonym, metonym, place, pronoun, ...
    route: str  # direct, conj, between, proxy, modifier, speaker, relative
    token: int  # index of the token that carries the mention
    sector: str | None = None  # the mention's PLOVER/CAMEO sector ("Israeli troops": MIL)


class ActorIndex:
    """Mentions per token for one Doc, looked up once through ``DocActors.at_token``."""

    def __init__(
        self,
        doc,
        doc_actors,
        representatives: frozenset[str],
        first_person: frozenset[str],
        trade_flows: frozenset[str] = frozenset(),
        messages: frozenset[str] = frozenset(),
        borders: frozenset[str] = frozenset(),
        speech_verbs: frozenset[str] = frozenset(),
    ):
        self.doc = doc
        self.speech_verbs = speech_verbs
        self.trade_flows = trade_flows
        self.messages = messages
        self.borders = borders
        self.doc_actors = doc_actors
        self.representatives = representatives
        self.first_person = first_person
        self._cache: dict[int, list] = {}
        self.fallback = PronounFallback(self)

    def mentions(self, token) -> list:
        found = self._cache.get(token.i)
        if found is None:
            try:
                found = list(self.doc_actors.at_token(token))
            except (TypeError, AttributeError):  # a mention without token offsets
                found = []
            self._cache[token.i] = found
        return found

    def actor(self, actor_id: str):
        return self.doc_actors.actors.get(actor_id)

    def actor_count(self, sent) -> int:
        """Distinct actors the sentence may refer to (a plural mention counts each; an
        unlinked pronoun counts as what it could stand for), capped at 2."""
        ids: set[str] = set()
        pending = 0
        for token in sent:
            found = self.mentions(token)
            for mention in found:
                ids.add(mention.actor_id)
            if not found:
                word = token.lower_
                pending += (
                    2
                    if word in PLURAL_PRONOUNS or word in _PAIR_WORDS
                    else word in SINGULAR_PRONOUNS
                )
            if len(ids) + pending >= 2:
                return 2
        return len(ids) + pending

    # -- resolution --------------------------------------------------------------------

    def resolve(self, token, mode: str = "proxy", allow_place: bool = False) -> list[ArgActor]:
        """Actors an argument token stands for, with its conjuncts."""
        token = antecedent(token)
        renamed = self._renamed_subject(token)
        if renamed:
            return renamed
        results: list[ArgActor] = []
        for position, part in enumerate(conjuncts(token)):
            route = "direct" if position == 0 else "conj"
            results.extend(self._resolve_one(part, mode, allow_place, route))
        return _dedupe(results)

    def _renamed_subject(self, token) -> list[ArgActor]:
        """'Kazakhstan's largest trading partner, China, pledged', 'Its western neighbour,
        Poland, closed': a common-noun subject renamed by a name set off by commas on both
        sides is that name, not the noun's owner (round 12)."""
        if token.pos_ != "NOUN" or dep(token) not in ("nsubj", "nsubj:pass"):
            return []
        doc = token.doc
        found: list[ArgActor] = []
        for child in token.children:
            if dep(child) != "appos" or child.i < token.i:
                continue
            words = [t.i for t in child.subtree if not t.is_punct]
            first, last = min(words), max(words)
            if doc[first - 1].text == "," and last + 1 < len(doc) and doc[last + 1].text == ",":
                found += [
                    arg
                    for arg in self._direct(child, False, "direct", fallback=False)
                    if arg.how in ("name", "alias", "agent")
                ]
        return found

    def _direct(
        self, token, allow_place: bool, route: str, fallback: bool = True
    ) -> list[ArgActor]:
        found = []
        mentions = self.mentions(token)
        for mention in mentions:
            if mention.how == "place" and not allow_place:
                continue
            sector = getattr(mention, "sector", None)
            found.append(ArgActor(mention.actor_id, mention.how, route, token.i, sector))
        if not mentions and fallback:
            found = [
                ArgActor(a, "coref", "fallback", token.i) for a in self.fallback.resolve(token)
            ]
        return found

    def _resolve_one(self, token, mode: str, allow_place: bool, route: str) -> list[ArgActor]:
        if mode != "modifiers_only":
            direct = self._direct(token, allow_place, route)
            if direct and all(arg.how == "title" for arg in direct):
                # "his Chinese counterpart Wang Yi": the name in apposition outranks the
                # office-holder a title alone would stand for
                named = [
                    arg
                    for child in token.children
                    if dep(child) in ("appos", "flat")
                    for arg in self._direct(child, False, route, fallback=False)
                    if arg.how in ("name", "alias")
                ]
                direct = named or direct
            if direct or mode == "direct":
                return direct
            if self.mentions(token):  # a place mention where an agent is needed: not a proxy either
                return []
        representative = self._representative(token)
        if mode == "proxy" and not representative:
            return []
        via = "proxy" if representative else "modifier"
        # possessor first ("Russia's invasion of Ukraine" is Russia's), then name and demonym
        # modifiers ("U.S. power", "Chinese officials"), then an of-phrase ("leaders of China")
        if representative:
            # "his Chinese counterpart Wang Yi", "Russia's foreign minister", "Chinese officials"
            order = (("appos", "flat"), ("nmod:poss",), ("compound", "amod", "det"), ("nmod",))
        else:
            # an appositive after a plain noun is more often a parser slip than a rename
            # ("sanctions on Chinese companies, Josep Borrell warned")
            order = (("nmod:poss",), ("compound", "amod", "flat", "det"), ("appos",), ("nmod",))
        for labels in order:
            found = self._modifier_actors(token, labels, allow_place, via)
            if found:
                named = [arg for arg in found if arg.how != "demonym"]
                # "his Chinese counterpart Wang Yi": the name, not the demonym, is the actor
                return named or found
        return []

    def _modifier_actors(self, token, labels, allow_place: bool, via: str, depth: int = 0):
        found: list[ArgActor] = []
        for child in (*token.children, *self._sender_on_verb(token, labels, via, depth)):
            label = dep(child)
            if (
                label == "compound"
                and depth == 0
                and ("nmod:poss" in labels or "compound" in labels)
            ):
                # "Iran's drone deliveries", "the U.S. arms sale": the actor sits on the compound
                found.extend(self._modifier_actors(child, labels, allow_place, via, 1))
            if label == "prep" and "nmod" in labels and child.lower_ == "of":  # ClearNLP
                for pobj in child.children:
                    for part in conjuncts(pobj):
                        found.extend(self._direct(part, allow_place, via))
                continue
            if label == "obl" and via == "modifier":
                label = "nmod"  # a sender's from-phrase hung on the verb (_sender_on_verb)
            if (
                label == "nmod"
                and via == "modifier"
                and depth == 0
                and "nmod:poss" in labels
                and _of_phrase(child)
            ):
                # "condemned the detention of journalists by Azerbaijani police": the by-phrase
                # hung on the of-phrase names the author of the act, as a possessor would
                for agent in nested_by_phrase(child):
                    for part in conjuncts(agent):
                        found.extend(self._direct(part, False, via, fallback=False))
                        if not self.mentions(part) and self._representative(part):
                            found.extend(
                                self._modifier_actors(part, ("compound", "amod"), False, via, 1)
                            )
            if (
                label == "acl"
                and via == "modifier"
                and depth == 0
                and "nmod:poss" in labels
                and child.pos_ == "VERB"
                and child.i > token.i
                and self._message(token)
            ):
                # "rejected the terms set by Morocco", "a plan put forward by Egypt": the
                # agent of a participle on a proposal is its author, as a possessor (round 13)
                for agent in (n for p, n in prepositional(child) if p == "by"):
                    for part in conjuncts(agent):
                        found.extend(self._direct(part, False, via, fallback=False))
            if label == "nmod" and via == "modifier" and _by_phrase(child) and _act_owns_by(token):
                continue  # "the bombing of Syrian positions by Israeli aircraft": the act's agent
            if label == "nmod" and via == "modifier" and _by_phrase(child):
                # "war crimes by Russian forces" are Russia's, as "its" would be; "an offer
                # from Brazil", "a demand from the EU" are the sender's
                label = "nmod:poss"
                if depth == 0 and "nmod:poss" in labels and self._message(token):
                    # "an explanation from Moscow": a capital (or the country's name) after
                    # "from" on a message is the state sending it, not a place
                    found.extend(
                        arg
                        for part in conjuncts(child)
                        for arg in self._direct(part, True, via, fallback=False)
                        if arg.how != "place" or self._names_country(part, arg)
                    )
                    continue
            if (
                label == "nmod"
                and via == "proxy"
                and depth == 0
                and "nmod" in labels
                and self._representative(token)
                and _source_phrase(child)
                and not _foreign_modifier(token)
            ):
                # "officials from Colombia", "security forces in Guinea": the people or units
                # of a country named after from/in act for it (a country name, not a city)
                found.extend(
                    arg
                    for part in conjuncts(child)
                    for arg in self._direct(part, True, via, fallback=False)
                    if self._names_country(part, arg)
                )
                continue
            if label not in labels:
                continue
            if label == "appos" and _reporting_clause(child, self.speech_verbs):
                continue
            if label == "nmod" and not _of_phrase(child):
                if not (depth == 0 and self._border_with(token, child)):
                    continue
            for part in conjuncts(child) if label in ("nmod", "appos") else [child]:
                place = allow_place and label == "nmod"
                direct = self._direct(part, place, via, fallback=via != "proxy")
                if not direct and label == "nmod" and depth == 0 and self._trade_goods(token):
                    # "imports of Iranian crude": the goods' origin is the trading actor
                    direct = self._modifier_actors(part, ("compound", "amod"), False, via, 1)
                if not direct and label == "nmod" and depth == 0 and self._representative(part):
                    # "the leaders of all 27 European Union member states"
                    direct = self._modifier_actors(
                        part, ("nmod:poss", "compound", "amod"), False, via, 1
                    )
                found.extend(direct)
        return found

    def _names_country(self, token, arg: ArgActor) -> bool:
        """The token is the name of a country (not a city that stands for it)."""
        actor = self.actor(arg.actor_id)
        if actor is None or actor.type != "Country":
            return False
        names = {actor.name.lower(), *(a.lower() for a in actor.aliases)}
        span = self.doc[token.left_edge.i : token.i + 1].text.lower()
        return token.lower_ in names or span in names or span.removeprefix("the ") in names

    def _sender_on_verb(self, token, labels, via: str, depth: int) -> list:
        """'rejected a request from Beijing to extend', with the from-phrase hung on the
        verb: a from-phrase right after a message noun (its object) names the sender."""
        head = token.head
        if (
            depth
            or via != "modifier"
            or "nmod:poss" not in labels
            or head.i == token.i
            or dep(token) != "obj"
            or not self._message(token)
        ):
            return []
        return [
            child
            for child in head.children
            if dep(child) == "obl"
            and child.left_edge.i == token.right_edge.i + 1
            and _by_phrase(child)
            and any(c.lower_ == "from" for c in child.children if dep(c) == "case")
        ]

    def _border_with(self, token, nominal) -> bool:
        """'its border with Ukraine': the other side of a border, as 'the Ukrainian border'."""
        return (lemma(token) in self.borders or token.lower_ in self.borders) and any(
            dep(c) == "case" and c.lower_ == "with" for c in nominal.children
        )

    def _message(self, token) -> bool:
        return lemma(token) in self.messages or token.lower_ in self.messages

    def _trade_goods(self, token) -> bool:
        return lemma(token) in self.trade_flows or token.lower_ in self.trade_flows

    def _representative(self, token) -> bool:
        return lemma(token) in self.representatives or token.lower_ in self.representatives

    def unlinked_first_person(self, token) -> bool:
        return token.lower_ in self.first_person and not self.mentions(token)


def antecedent(token):
    """The noun a relative pronoun stands for ("Putin, who met Xi" -> Putin); where the
    parser did not attach the relative clause, the name right before ", who"."""
    if is_relative_pronoun(token):
        clause = token.head
        if dep(clause) == "acl:relcl" or (dep(clause) == "acl" and clause.head.i != clause.i):
            return clause.head
        doc = token.doc
        if (
            token.lower_ in ("who", "whom", "whose")
            and token.i >= 2
            and doc[token.i - 1].text == ","
        ):
            before = doc[token.i - 2]
            while dep(before) in ("flat", "compound") and before.head.i < before.i:
                before = before.head  # "Emmanuel Macron": the name's head
            if before.pos_ in ("PROPN", "NOUN"):
                return before
    return token


def _act_owns_by(nominal) -> bool:
    """'the killing of soldiers by troops', 'the detention of journalists by police': a
    by-phrase after the of-phrase of a noun names the agent of that noun's act, not of the
    of-phrase (the parser hangs it on the nearer noun)."""
    return (
        _of_phrase(nominal)
        and nominal.head.i < nominal.i
        and nominal.head.pos_ == "NOUN"
        and any(dep(c) == "case" and c.lower_ == "by" for t in nominal.children for c in t.children)
    )


def _reporting_clause(nominal, speech_verbs: frozenset[str]) -> bool:
    """', the UN refugee agency reported' hung on a noun as an apposition: the source of
    the report (a finite speech verb gives it away), not another name for the noun."""
    return any(
        dep(c) in ("acl", "acl:relcl")
        and c.tag_ in ("VBD", "VBZ", "VBP")
        and c.i > nominal.i
        and lemma(c) in speech_verbs
        for c in nominal.children
    )


def _of_phrase(nominal) -> bool:
    return any(dep(c) == "case" and c.lower_ == "of" for c in nominal.children) or (
        dep(nominal) == "pobj" and nominal.head.lower_ == "of"
    )


def _by_phrase(nominal) -> bool:
    return any(dep(c) == "case" and c.lower_ in ("by", "from") for c in nominal.children)


_RANKS = frozenset(
    "senior top high-ranking high-level junior local regional provincial municipal "
    "security government military border armed police state".split()
)


def _foreign_modifier(token) -> bool:
    """'Western diplomats in Moscow', 'Gulf envoys in Beijing': a modifier of origin (one the
    knowledge base may not know) says whose people they are, not the place; ranks and
    services ('senior officials', 'security forces') do not."""
    for child in token.children:
        if child.i > token.i or dep(child) not in ("amod", "compound", "nmod:poss"):
            continue
        if child.lower_ in _RANKS:
            continue
        if dep(child) == "amod" or child.text[:1].isupper():
            return True
    return False


def _source_phrase(nominal) -> bool:
    """'officials from Colombia', 'forces in Guinea' (not 'in the north of')."""
    return any(dep(c) == "case" and c.lower_ in ("from", "in") for c in nominal.children)


def _dedupe(found: list[ArgActor]) -> list[ArgActor]:
    seen: dict[str, ArgActor] = {}
    for arg in found:
        if arg.actor_id not in seen:
            seen[arg.actor_id] = arg
    return list(seen.values())


SINGULAR_PRONOUNS = frozenset("it its itself he his him himself she her herself".split())
PLURAL_PRONOUNS = frozenset("they their them themselves".split())
_PERSON_PRONOUNS = frozenset("he his him himself she her herself".split())
_PAIR_WORDS = frozenset({"two", "both", "each"})
_PAIR_NOUNS = {
    "leaders": "Person",
    "men": "Person",
    "presidents": "Person",
    "ministers": "Person",
    "women": "Person",
    "counterparts": "Person",
    "heads": "Person",
    "countries": None,
    "nations": None,
    "sides": None,
    "side": None,
    "parties": None,
    "party": None,
    "governments": None,
    "states": None,
    "neighbours": None,
    "neighbors": None,
    "powers": None,
    "allies": None,
    "rivals": None,
}
_LOOKBACK_SENTENCES = 3


class PronounFallback:
    """A small stand-in for coreference, used only where the actors step left a pronoun or
    "the two (leaders)" unlinked: 'its' -> the nearest preceding country or organisation,
    'he'/'his' -> the nearest preceding person, 'their'/'the two' -> the nearest preceding
    coordinated pair of actors ("Xi and Putin ... their alignment")."""

    def __init__(self, index: ActorIndex):
        self.index = index
        self._memo: dict[int, list[str]] = {}

    def resolve(self, token) -> list[str]:
        if token.i not in self._memo:
            self._memo[token.i] = self._resolve(token)
        return self._memo[token.i]

    def _resolve(self, token) -> list[str]:
        word = token.lower_
        # "China, where it has formed ...": the pronoun is not the place
        place = self._locative_place(token)
        if word in SINGULAR_PRONOUNS and token.pos_ in ("PRON", "DET"):
            want_person = word in _PERSON_PRONOUNS

            def fits(actor) -> bool:
                return (actor.type == "Person") == want_person and actor.id not in place

            same_sentence = [actor for _, actor in self._preceding(token, 0) if fits(actor)]
            if not same_sentence and dep(token) in ("nsubj", "nsubj:pass"):
                # "Turkey's parliament ratified ... . It had delayed the vote": a subject
                # pronoun continues the previous sentence's subject
                for actor in self._previous_subject(token):
                    if fits(actor):
                        return [actor.id]
            for _, actor in self._preceding(token):
                if fits(actor):
                    return [actor.id]
            return []
        pair_type = "any"
        if word in _PAIR_NOUNS and any(c.lower_ in _PAIR_WORDS for c in token.children):
            pair_type = _PAIR_NOUNS[word]  # "the two leaders"
        elif not (
            word in PLURAL_PRONOUNS
            or (word in _PAIR_WORDS and token.pos_ in ("NUM", "PRON", "DET"))
        ):
            return []
        pair = self._pair(token, pair_type)
        return [] if place & set(pair) else pair  # a pair is read whole or not at all

    def _locative_place(self, token) -> set[str]:
        """Actors named at the place a locative relative clause with this pronoun as its
        subject modifies (actors/locative_clause.py)."""
        place = locative_clause_place(token)
        if place is None:
            return set()
        doc = token.doc
        return {m.actor_id for i in place_tokens(place) for m in self.index.mentions(doc[i])}

    def _preceding(self, token, lookback: int = _LOOKBACK_SENTENCES):
        """(token, actor) for linked mentions before ``token``, nearest first, in its sentence
        and up to ``lookback`` sentences back."""
        doc = token.doc
        first_sentence = token.sent.start
        sentences = 0
        i = token.i - 1
        while i >= 0:
            candidate = doc[i]
            if candidate.is_sent_end and i < first_sentence:
                sentences += 1
                if sentences > lookback:
                    return
            for mention in self.index.mentions(candidate):
                actor = self.index.actor(mention.actor_id)
                if actor is not None and mention.how != "place":
                    yield candidate, actor
            i -= 1

    def _previous_subject(self, token) -> list:
        """Actors named in the subject of the previous sentence's main clause."""
        start = token.sent.start
        if start == 0:
            return []
        previous = token.doc[start - 1].sent
        found = []
        for subject in subjects(previous.root):
            for sub in subject.subtree:
                for mention in self.index.mentions(sub):
                    actor = self.index.actor(mention.actor_id)
                    if actor is not None and mention.how != "place" and actor not in found:
                        found.append(actor)
        return found

    def _pair(self, token, pair_type) -> list[str]:
        """'The two leaders': the nearest coordinated pair of people within a few sentences,
        else the two nearest people. 'Their', 'both sides', a bare 'the two': only a
        coordinated pair in the same or the previous sentence ("Xi and Putin ... their"),
        and for 'both sides', 'the two countries' in the same sentence."""
        people = pair_type == "Person"
        # "both sides" may be any two parties: only a pair named in the same sentence
        lookback = _LOOKBACK_SENTENCES if people else 1 if pair_type == "any" else 0
        preceding = list(self._preceding(token, lookback))
        for candidate, actor in preceding:
            if not people or actor.type == "Person":
                group = self._coordinated(candidate)
                if len(group) >= 2:
                    return group
        if not people:
            return []
        wanted = "Person"
        seen: list[str] = []
        for _, actor in preceding:
            if (wanted is None or actor.type == wanted) and actor.id not in seen:
                seen.append(actor.id)
                if len(seen) == 2:
                    return seen
        return []

    def _coordinated(self, token) -> list[str]:
        """Actors coordinated with ``token`` ("Xi and Putin"), in order."""
        head = token
        while dep(head) == "conj" and head.head.i != head.i:
            head = head.head
        parts = conjuncts(head)
        if len(parts) < 2:
            return []
        ids: list[str] = []
        for part in parts:
            nested = {t.i for c in part.children if dep(c) == "conj" for t in c.subtree}
            mentions = [
                m
                for sub in part.subtree
                if sub.i not in nested
                for m in self.index.mentions(sub)
                if m.how != "place"
            ]
            mentions.sort(key=lambda m: m.how == "demonym")  # "Russian President Putin": Putin
            if mentions and mentions[0].actor_id not in ids:
                ids.append(mentions[0].actor_id)
        return ids if len(ids) >= 2 else []
