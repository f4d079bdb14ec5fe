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
    elif word.endswith(("ed", "ing")):
        # "staged" -> "stag": the rules cut a final e the dictionary keeps ("stage")
        looked_up = (_lemma_table().get(word) or "").lower()
        if looked_up == value + "e":
            return looked_up
    return value


def is_passive(verb) -> bool:
    return not mislabelled_passive(verb) and any(
        dep(c) in ("aux:pass", "nsubj:pass", "csubj:pass") for c in verb.children
    )


def mislabelled_passive(verb) -> bool:
    """Parser slip: 'Turkish drones bombed a convoy' with the subject labelled as a passive
    one. A finite past or present form with a direct object and no passive auxiliary is
    active whatever the subject's label."""
    kids = [dep(c) for c in verb.children]
    return (
        verb.tag_ in ("VBD", "VBZ", "VBP")
        and "nsubj:pass" in kids
        and "obj" in kids
        and "aux:pass" not in kids
    )


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
        # "Joe Biden and Emmanuel Macron" with the conjunct hung on the name's last part
        parts = [node, *(c for c in node.children if c.dep_ == "flat")]
        last_conj = max((c.i for c in node.children if dep(c) == "conj"), default=-1)
        for child in (c for part in parts for c in part.children):
            label = dep(child)
            coordinated = (
                label == "conj"
                or (
                    label == "compound"
                    and child.i < node.i
                    and any(t.pos_ == "CCONJ" for t in node.doc[child.right_edge.i + 1 : node.i])
                )
                or (
                    # "France, Egypt and Jordan" with 'Egypt' hung as a modifier of 'France'
                    child.dep_ in ("nmod:unmarked", "appos", "nmod:npmod", "list")
                    and child.pos_ == "PROPN"
                    and node.i < child.i < last_conj
                    and node.doc[child.i - 1].text == ","
                )
            )
            if coordinated and child not in result:
                result.append(child)
                stack.append(child)
    if len(result) > 2:
        result = [t for t in result if not _stray_modifier(t, result)]
    return result


def _stray_modifier(token, coordinated: list) -> bool:
    """An adjective a parser coordinated with nouns although it modifies the next
    conjunct ("Xi and Russian President Putin" parsed as [Xi] and [Russian] and [President
    Putin]): it is part of that conjunct, never an actor of the coordination."""
    if token.pos_ != "ADJ":
        return False
    return any(
        other.pos_ in ("NOUN", "PROPN") and other.left_edge.i == token.i + 1
        for other in coordinated
    )


def case_words(nominal) -> str:
    """The preposition of a UD nominal ("according to", "by", "with"), or ''."""
    words = []
    for child in nominal.children:
        if dep(child) in ("case", "mark") and child.i < nominal.i:
            words.append(child.text.lower())
            words.extend(g.text.lower() for g in child.children if dep(g) == "fixed")
    if not words:
        # "granted asylum to 18 Rwandan rebels" parsed with 'to' on the number: the
        # preposition of the phrase's first modifier is the phrase's own (also "scores of
        # Sierra Leonean refugees" with 'of' on the name compounded into the noun)
        for child in nominal.children:
            if dep(child) in ("nummod", "det", "compound", "amod") and child.i < nominal.i:
                words += [
                    g.text.lower() for g in child.children if dep(g) == "case" and g.i < child.i
                ]
                break
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
    if mislabelled_passive(verb):
        return subjects(verb)
    return [c for c in subjects(verb) if dep(c) not in ("nsubj:pass", "csubj:pass")]


def passive_subjects(verb) -> list:
    if mislabelled_passive(verb):
        return []
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


# -- parser slips ----------------------------------------------------------------------
# graphbuild's pipeline parses long wire sentences imperfectly; these helpers recognise a
# few frequent slips by their shape, so the patterns do not depend on a perfect parse.

FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP"})
PARTICIPLE_TAGS = frozenset({"VBG", "VBN"})


ADJUNCT_SUBORDINATORS = frozenset(
    "after before while when whenever since as because although though until till once "
    "unless if whereas upon during following amid".split()
)


def subordinator(clause) -> str:
    """The word that makes a clause an adjunct ("after", "while", "if"); not a complement
    marker ("to", "from condemning", "of harbouring")."""
    for child in clause.children:
        if dep(child) in ("mark", "case") and child.lower_ in ADJUNCT_SUBORDINATORS:
            return child.lower_
        if dep(child) == "advmod" and child.tag_ == "WRB" and child.i < clause.i:
            return child.lower_  # "when the two spoke"
    return ""


def has_to_mark(clause) -> bool:
    return any(dep(c) in ("mark", "case") and c.lower_ == "to" for c in clause.children)


def follows_comma(token) -> bool:
    """Whether the phrase of ``token`` starts right after a comma (", accusing Moscow of")."""
    start = min(token.left_edge.i, token.i)
    doc = token.doc
    if doc[start].text in _SET_OFF:  # the comma hangs on the clause itself
        return True
    return start > 0 and doc[start - 1].text in _SET_OFF


_SET_OFF = frozenset({",", "—", "–", ";"})


def is_participle_adjunct(clause) -> bool:
    """', accusing Moscow of ...', ', saying ...': a participle clause set off by a comma
    that describes what the main clause's subject did (however the parser attached it)."""
    return (
        clause.tag_ in PARTICIPLE_TAGS
        and dep(clause) in ("advcl", "acl", "xcomp", "conj", "parataxis")
        and not subjects(clause)
        and not any(dep(c) in ("aux", "aux:pass") for c in clause.children)
        and not has_to_mark(clause)
        and follows_comma(clause)
    )


def is_adjunct_clause(clause) -> bool:
    """An adverbial clause that is not a complement: 'after meeting Erdogan', ', praising'."""
    return (dep(clause) == "advcl" and bool(subordinator(clause))) or is_participle_adjunct(clause)


def is_finite(verb) -> bool:
    return verb.tag_ in FINITE_TAGS or any(
        dep(c) == "aux" and c.tag_ in (FINITE_TAGS | {"MD"}) for c in verb.children
    )


def adjectival_participle(head, noun) -> bool:
    """'announcing sweeping sanctions' parsed with 'sweeping' as a verb taking 'sanctions':
    a subjectless participle right before the noun it governs is an adjective."""
    return (
        head.pos_ in ("VERB", "ADJ")
        and head.tag_ in PARTICIPLE_TAGS
        and head.i == noun.left_edge.i - 1
        and not subjects(head)
        and dep(noun) == "obj"
        and head.head.i != head.i
    )


def purpose_host(clause):
    """'travel ... as early as next week to meet Putin' parsed with the to-infinitive on the
    time noun: the verb the purpose clause belongs to, or None."""
    noun = clause.head
    if not (
        dep(clause) == "acl"
        and has_to_mark(clause)
        and noun.pos_ in ("NOUN", "PROPN")
        and dep(noun) in ("obl", "nmod")
        and not children(noun, "nmod:poss")
    ):
        return None
    verb = noun.head
    return verb if verb.i != noun.i and verb.pos_ in ("VERB", "AUX") else None


def content_clause_noun(clause):
    """'a report that Putin had met ...': the noun a that-clause complements (the parser
    labels it acl or acl:relcl; 'that' as a complementiser, not a relative pronoun)."""
    if dep(clause) not in ("acl", "acl:relcl") or clause.head.i == clause.i:
        return None
    noun = clause.head
    if noun.pos_ not in ("NOUN", "PROPN") or noun.i > clause.i:
        return None
    for child in clause.children:
        if child.lower_ == "that" and dep(child) == "mark" and child.i < clause.i:
            return noun
    return None


def is_reciprocal_object(token) -> bool:
    """'each other', 'one another', '(each side blaming) the other'."""
    word = token.lower_
    if word == "other":
        return any(c.lower_ in ("the", "each") for c in token.children) or (
            token.i > 0 and token.doc[token.i - 1].lower_ in ("each", "the")
        )
    if any(
        c.lower_ == "each" and any(f.lower_ == "other" for f in c.children) for c in token.children
    ):
        # "accused each other of violating the truce in Karabakh" with "each other" parsed as
        # a determiner of the next name: a parser slip, still the reciprocal object
        return True
    return word == "another" and token.i > 0 and token.doc[token.i - 1].lower_ == "one"


def is_headline(sent) -> bool:
    """A title line: no closing punctuation ("Iran slams EU sanctions")."""
    last = sent[-1]
    while last.is_space and last.i > sent.start:
        last = last.doc[last.i - 1]
    return not (last.is_punct and last.text in (".", "!", "?", "…", "”", '"', "’", ")", "'"))


def is_fragment(sent) -> bool:
    """A piece the sentence segmenter cut off the sentence before it: it starts with a comma
    or with a lower-case word that is not a name (", rebuffing a U.S. push", "vetoed a ...")."""
    first = sent[0]
    if first.text in _SET_OFF:
        return True
    return first.text[:1].islower() and first.pos_ not in ("PROPN", "PUNCT", "NUM", "X", "SYM")


def clause_verb(noun):
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


def nested_by_phrase(nominal) -> list:
    """Parser slip: 'the bombing of Syrian positions by Israeli aircraft' with the by-phrase
    hung on the act's object rather than on the act: the by-phrase nominals after it."""
    return [
        child
        for child in nominal.children
        if dep(child) in ("nmod", "obl:agent")
        and child.i > nominal.i
        and any(dep(c) == "case" and c.lower_ == "by" for c in child.children)
    ]


def reduced_passive(verb) -> bool:
    """'truck drivers detained by Belarusian guards', 'ships seized by Iran': a past
    participle modifying a noun, with a by-phrase, is a passive whose subject is that noun."""
    return (
        dep(verb) == "acl"
        and verb.tag_ == "VBN"
        and verb.head.i < verb.i
        and verb.head.pos_ in ("NOUN", "PROPN")
        and not any(dep(c) in SUBJECTS for c in verb.children)
        and any(p == "by" for p, _ in prepositional(verb))
    )


QUOTE_MARKS = frozenset("'\"‘’“”`")
_PREDICATE_POS = ("NOUN", "ADJ", "PROPN", "PRON", "NUM")


def describes_object(verb) -> bool:
    """'called the exercise a success', 'calling Kissinger an old friend', 'called him
    "a threat"': a naming verb whose object has a predicate after it (a noun or adjective
    complement, a second object, or a quoted phrase right after the object) names or
    describes the object rather than calling or asking it anything."""
    kids = list(verb.children)
    if any(dep(c) in ("xcomp", "oprd") and c.pos_ in ("NOUN", "ADJ") for c in kids):
        return True
    objects = [
        c
        for c in kids
        if dep(c) in ("obj", "iobj")
        and c.pos_ in _PREDICATE_POS
        and c.ent_type_ not in ("DATE", "TIME")
    ]
    if len(objects) >= 2:
        return True  # "calling Kissinger an old friend": the second object is the predicate
    if not objects:
        return False
    obj = objects[0]
    end = obj.i
    for child in obj.children:  # the object's own name: "Henry Kissinger", "Mr Kissinger"
        if child.i == end + 1 and dep(child) in ("flat", "flat:name", "compound"):
            end = child.i
    doc = verb.doc
    return (
        end + 2 < len(doc)
        and doc[end + 1].text in QUOTE_MARKS
        and not doc[end + 2].is_punct
        and doc[end + 2].pos_ not in ("VERB", "AUX")
    )
