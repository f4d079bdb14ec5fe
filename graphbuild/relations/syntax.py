"""Dependency-scheme-neutral views of a spaCy parse.

graphbuild's own pipeline is trained on Universal Dependencies (``obl`` +
``case``, ``nmod:poss``, ``nsubj:pass``), while users may bring a spaCy model
with ClearNLP labels (``prep`` + ``pobj``, ``poss``, ``nsubjpass``). The
extractor asks its questions here ("what are this verb's subjects?", "which
nouns hang off it with which preposition?") so the patterns work on both.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

# ClearNLP (spaCy's English models) -> UD names; UD subtypes we do not need are stripped.
_CLEAR_TO_UD = {
    "dobj": "obj",
    "nsubjpass": "nsubj:pass",
    "csubjpass": "csubj:pass",
    "poss": "nmod:poss",
    "auxpass": "aux:pass",
    "relcl": "acl:relcl",
    "dative": "iobj",
    "prt": "compound:prt",
    "npadvmod": "obl",
    "attr": "attr",
    "acomp": "acomp",
    "oprd": "xcomp",
    "neg": "neg",
    "preconj": "cc:preconj",
    "predet": "det:predet",
    "nummod": "nummod",
    "quantmod": "advmod",
    "intj": "discourse",
}
_KEPT_SUBTYPES = {
    "nsubj:pass",
    "csubj:pass",
    "nmod:poss",
    "aux:pass",
    "acl:relcl",
    "obl:agent",
    "compound:prt",
}

SUBJECTS = {"nsubj", "nsubj:pass", "csubj", "csubj:pass", "nsubj:outer"}
NOMINAL_MODIFIERS = {"obl", "nmod", "obl:agent"}
NEGATION_WORDS = {
    "not",
    "n't",
    "never",
    "no",
    "nor",
    "neither",
    "nothing",
    "none",
    "nobody",
    "nowhere",
}
RELATIVE_PRONOUNS = {"who", "which", "that", "whom", "whose"}


def dep(token) -> str:
    """The token's dependency label in UD form, with only the subtypes the extractor uses."""
    label = token.dep_.lower()
    label = _CLEAR_TO_UD.get(label, label)
    if ":" in label and label not in _KEPT_SUBTYPES:
        label = label.split(":", 1)[0]
    return label


@lru_cache(maxsize=1)
def _lemma_table():
    """spaCy's English lemma lookup table (spacy-lookups-data), for weak or missing lemmatizers."""
    try:
        from spacy.lookups import load_lookups

        return load_lookups("en", ["lemma_lookup"]).get_table("lemma_lookup")
    except (ImportError, KeyError, ValueError, OSError):
        return {}


def lemma(token) -> str:
    """Lower-case lemma; where the pipeline left the word form as it was ("flew", "supplying"),
    the dictionary lemma."""
    return lemma_of(token.lower_, token.lemma_)


@lru_cache(maxsize=65536)
def lemma_of(word: str, pipeline_lemma: str) -> str:
    value = (pipeline_lemma or word).lower()
    if value == word:
        looked_up = _lemma_table().get(word)
        if looked_up:
            return looked_up.lower()
    return value


def is_passive(verb) -> bool:
    return any(dep(c) in ("aux:pass", "nsubj:pass", "csubj:pass") for c in verb.children)


def is_gerund(token) -> bool:
    """A verb form the tagger took for a noun: it takes an object and no determiner."""
    kids = [dep(c) for c in token.children]
    return "obj" in kids and "det" not in kids and "nmod:poss" not in kids


def is_verbal(token) -> bool:
    return token.pos_ in ("VERB", "AUX") or any(
        dep(c) in SUBJECTS or dep(c) == "obj" for c in token.children
    )


def is_nominal(token) -> bool:
    if token.pos_ in ("NOUN", "PROPN"):
        return True
    return token.pos_ not in ("VERB", "AUX", "ADJ") and any(
        dep(c) in ("det", "case", "nmod:poss") for c in token.children
    )


def children(token, *labels: str) -> list:
    return [c for c in token.children if dep(c) in labels]


def has_child_lemma(token, lemmas: set[str] | frozenset[str], labels: tuple[str, ...] = ()) -> bool:
    return any(lemma(c) in lemmas and (not labels or dep(c) in labels) for c in token.children)


def conjuncts(token) -> list:
    """The token and the tokens coordinated with it ("Xi and Putin" -> both).

    Also a name that a parser hung as a compound before a coordinator ("Iran and North
    Korea" parsed as [Iran] [and] [North] Korea)."""
    result, stack = [token], [token]
    while stack:
        node = stack.pop()
        for child in node.children:
            label = dep(child)
            coordinated = label == "conj" or (
                label == "compound"
                and child.i < node.i
                and any(t.pos_ == "CCONJ" for t in node.doc[child.right_edge.i + 1 : node.i])
            )
            if coordinated and child not in result:
                result.append(child)
                stack.append(child)
    return result


def case_words(nominal) -> str:
    """The preposition of a UD nominal ("according to", "by", "with"), or ''."""
    words = []
    for child in nominal.children:
        if dep(child) in ("case", "mark") and child.i < nominal.i:
            words.append(child.text.lower())
            words.extend(g.text.lower() for g in child.children if dep(g) == "fixed")
    return " ".join(words)


def prepositional(head) -> Iterator[tuple[str, object]]:
    """(preposition, nominal) pairs attached to ``head`` in either scheme.

    UD: ``head -obl/nmod-> noun -case-> prep``; ClearNLP: ``head -prep-> prep -pobj-> noun``.
    The passive agent comes out as ("by", noun).
    """
    for child in head.children:
        label = dep(child)
        if label == "obl:agent":
            yield "by", child
        elif label in NOMINAL_MODIFIERS or label in ("advcl", "acl", "obj", "xcomp", "ccomp"):
            words = case_words(child)
            if words:
                yield words, child
        elif label in ("prep", "agent"):
            prep = "by" if label == "agent" else child.text.lower()
            fixed = [g.text.lower() for g in child.children if dep(g) in ("fixed", "mwe")]
            if fixed:
                prep = " ".join([prep, *fixed])
            for grand in child.children:
                if dep(grand) in ("pobj", "pcomp"):
                    yield prep, grand


def subjects(verb) -> list:
    """Explicit subjects of a clause head (for ClearNLP predicate nominals: the copula's)."""
    found = [c for c in verb.children if dep(c) in SUBJECTS]
    if not found and dep(verb) in ("attr", "acomp") and verb.head.i != verb.i:
        found = [c for c in verb.head.children if dep(c) in SUBJECTS]
    return found


def active_subjects(verb) -> list:
    return [c for c in subjects(verb) if dep(c) not in ("nsubj:pass", "csubj:pass")]


def passive_subjects(verb) -> list:
    return [c for c in verb.children if dep(c) in ("nsubj:pass", "csubj:pass")]


def direct_objects(verb) -> list:
    return [c for c in verb.children if dep(c) == "obj"]


def has_copula(token) -> bool:
    return any(dep(c) == "cop" for c in token.children) or dep(token) in ("attr", "acomp")


def is_relative_pronoun(token) -> bool:
    return token.lower_ in RELATIVE_PRONOUNS and token.pos_ in ("PRON", "DET", "SCONJ", "ADV")


def auxiliaries(verb) -> list:
    """Auxiliaries of the verb, and of the copula/aux chain in ClearNLP predicate constructions."""
    found = [c for c in verb.children if dep(c) in ("aux", "aux:pass")]
    if dep(verb) in ("attr", "acomp") and verb.head.i != verb.i:
        found += [c for c in verb.head.children if dep(c) in ("aux", "aux:pass")]
    return found


def negators(token) -> list:
    """Negation words attached to the token ("not", "n't", "never"; "no" on nouns)."""
    found = []
    for child in token.children:
        label = dep(child)
        if lemma(child) in NEGATION_WORDS and label in (
            "advmod",
            "neg",
            "det",
            "cc:preconj",
            "advmod:neg",
        ):
            found.append(child)
    if dep(token) in ("attr", "acomp") and token.head.i != token.i:
        found += [
            c
            for c in token.head.children
            if dep(c) == "neg" or (dep(c) == "advmod" and lemma(c) in NEGATION_WORDS)
        ]
    return found


def marks(token) -> list:
    return [c for c in token.children if dep(c) == "mark"]


def ancestors_upto(token, stop) -> Iterator:
    """Ancestors of ``token`` up to, not including, ``stop`` (or the root)."""
    node = token
    while node.head.i != node.i and node.head.i != stop.i:
        node = node.head
        yield node


def that_clause_owner(clause):
    """The verb a that-clause complements, where a parser hung it on a noun of an
    intervening phrase ("said at a news conference that ..."): climb through nominals."""
    if not any(
        dep(c) == "mark" and c.lower_ == "that" and c.pos_ == "SCONJ" for c in clause.children
    ):
        return None
    node = clause.head
    for _ in range(4):
        if node.pos_ in ("VERB", "AUX"):
            return node
        if node.head.i == node.i or dep(node) not in ("obl", "nmod", "obj", "pobj", "prep"):
            return None
        node = node.head
    return None


def that_clauses(verb) -> list:
    """Clauses introduced by 'that' that complement ``verb``, however they were attached."""
    found = []
    for token in verb.subtree:
        if token.i != verb.i and dep(token) in ("ccomp", "advcl", "acl", "acl:relcl"):
            owner = that_clause_owner(token)
            if owner is not None and owner.i == verb.i:
                found.append(token)
    return found


def phrasal(token) -> str:
    """'rule out' for "ruled out", the lemma alone for a verb without a particle."""
    particles = [c.lower_ for c in token.children if dep(c) == "compound:prt"]
    return f"{lemma(token)} {particles[0]}" if particles else lemma(token)
