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

from .syntax import conjuncts, dep, is_relative_pronoun, lemma


@dataclass(frozen=True)
class ArgActor:
    """An actor filling an argument slot, and how it was reached."""

    actor_id: str
    how: str  # the mention's how: name, alias, title, demonym, metonym, place, pronoun, ...
    route: str  # direct, conj, between, proxy, modifier, speaker, relative
    token: int  # index of the token that carries the mention


class ActorIndex:
    """Mentions per token for one Doc, looked up once through ``DocActors.at_token``."""

    def __init__(
        self, doc, doc_actors, representatives: frozenset[str], first_person: frozenset[str]
    ):
        self.doc = doc
        self.doc_actors = doc_actors
        self.representatives = representatives
        self.first_person = first_person
        self._cache: dict[int, list] = {}

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
        """Distinct actors mentioned in the sentence (a plural mention counts each)."""
        ids = set()
        for token in sent:
            for mention in self.mentions(token):
                ids.add(mention.actor_id)
                if len(ids) >= 2:
                    return 2
        return len(ids)

    # -- resolution --------------------------------------------------------------------

    def resolve(self, token, mode: str = "proxy", allow_place: bool = False) -> list[ArgActor]:
        """Actors an argument token stands for, with its conjuncts."""
        token = antecedent(token)
        results: list[ArgActor] = []
        for position, part in enumerate(conjuncts(token)):
            route = "direct" if position == 0 else "conj"
            results.extend(self._resolve_one(part, mode, allow_place, route))
        return _dedupe(results)

    def _direct(self, token, allow_place: bool, route: str) -> list[ArgActor]:
        found = []
        for mention in self.mentions(token):
            if mention.how == "place" and not allow_place:
                continue
            found.append(ArgActor(mention.actor_id, mention.how, route, token.i))
        return found

    def _resolve_one(self, token, mode: str, allow_place: bool, route: str) -> list[ArgActor]:
        if mode != "modifiers_only":
            direct = self._direct(token, allow_place, route)
            if direct or mode == "direct":
                return direct
            if self.mentions(token):  # a place mention where an agent is needed: not a proxy either
                return []
        representative = (
            lemma(token) in self.representatives or token.lower_ in self.representatives
        )
        if mode == "proxy" and not representative:
            return []
        via = "proxy" if representative else "modifier"
        # possessor first ("Russia's invasion of Ukraine" is Russia's), then name and demonym
        # modifiers ("U.S. power", "Chinese officials"), then an of-phrase ("leaders of China")
        for labels in (("nmod:poss",), ("compound", "amod", "flat", "appos", "det"), ("nmod",)):
            found = self._modifier_actors(token, labels, allow_place, via)
            if found:
                named = [arg for arg in found if arg.how != "demonym"]
                # "his Chinese counterpart Wang Yi": the name, not the demonym, is the actor
                return named or found
        return []

    def _modifier_actors(self, token, labels, allow_place: bool, via: str, depth: int = 0):
        found: list[ArgActor] = []
        for child in token.children:
            label = dep(child)
            if label == "compound" and depth == 0 and "nmod:poss" in labels:
                # "Iran's drone deliveries": the possessor sits on the compound
                found.extend(self._modifier_actors(child, labels, allow_place, via, 1))
            if label == "prep" and "nmod" in labels and child.lower_ == "of":  # ClearNLP
                for pobj in child.children:
                    for part in conjuncts(pobj):
                        found.extend(self._direct(part, allow_place, via))
                continue
            if label not in labels:
                continue
            if label == "nmod" and not _of_phrase(child):
                continue
            for part in conjuncts(child) if label in ("nmod", "appos") else [child]:
                found.extend(self._direct(part, allow_place and label == "nmod", via))
        return found

    def unlinked_first_person(self, token) -> bool:
        return token.lower_ in self.first_person and not self.mentions(token)


def antecedent(token):
    """The noun a relative pronoun stands for ("Putin, who met Xi" -> Putin)."""
    if is_relative_pronoun(token):
        clause = token.head
        if dep(clause) == "acl:relcl" or (dep(clause) == "acl" and clause.head.i != clause.i):
            return clause.head
    return token


def _of_phrase(nominal) -> bool:
    return any(dep(c) == "case" and c.lower_ == "of" for c in nominal.children) or (
        dep(nominal) == "pobj" and nominal.head.lower_ == "of"
    )


def _dedupe(found: list[ArgActor]) -> list[ArgActor]:
    seen: dict[str, ArgActor] = {}
    for arg in found:
        if arg.actor_id not in seen:
            seen[arg.actor_id] = arg
    return list(seen.values())
