"""Negation, modality and attribution of a relation trigger.

The trigger's scope is the chain of words that govern it within its clause:
the trigger, the light verb or noun that carries it ("did not *express*
support"), control verbs ("*refused* to condemn", "*agreed* to meet"),
nouns that take it as a complement ("its *refusal* to condemn", "no
*demands* for Moscow to withdraw"). Cues on that chain decide negation and
modality; a speech verb above it ("Blinken *said* that ...") makes it a
reported statement with a speaker.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .lexicon import Cues
from .syntax import (
    adjectival_participle,
    auxiliaries,
    case_words,
    children,
    content_clause_noun,
    dep,
    is_adjunct_clause,
    is_finite,
    is_headline,
    is_participle_adjunct,
    is_passive,
    lemma,
    marks,
    negators,
    phrasal,
    prepositional,
    purpose_host,
    subjects,
    that_clause_owner,
)

ORDER = ("asserted", "reported", "future", "hypothetical")  # later wins
_FUTURE_WHEN_PASSIVE = frozenset({"expect", "schedule", "set", "slate", "due"})
_ADJUNCT_CASES = frozenset(
    "in at during after before since amid amidst following despite throughout within".split()
)


@dataclass
class Reading:
    negated: bool = False
    modality: str = "asserted"
    speaker_tokens: list = field(default_factory=list)
    reported: bool = False
    cues: list[str] = field(default_factory=list)
    speech: object | None = None  # the speech verb the statement is reported by
    chain: list = field(default_factory=list)  # the governing chain the cues were read on

    def raise_to(self, modality: str, cue: str) -> None:
        if ORDER.index(modality) > ORDER.index(self.modality):
            self.modality = modality
        self.cues.append(cue)


def _own_subject_or_aux(token) -> bool:
    return bool(subjects(token)) or bool(auxiliaries(token))


def scope_chain(trigger, extra: list, cues: Cues) -> tuple[list, object | None]:
    """The governing chain of ``trigger`` in its clause, and the speech verb above it (or None)."""
    chain, speech, _, _ = _scope(trigger, extra, cues)
    return chain, speech


def _scope(trigger, extra: list, cues: Cues) -> tuple[list, object | None, object | None, set]:
    """The governing chain, the speech verb above it, and the head of an adjunct clause the
    chain stopped at ("..., accusing Moscow of": that head lends its tense and modality,
    not its meaning or negation), and the verbs only coordinated with the chain ("called it
    unconscionable and accused Russia": "called" shares the subject, not its meaning)."""
    chain = [trigger, *[t for t in extra if t.i != trigger.i]]
    node = chain[-1]
    speech = None
    lender = None
    coordinated: set[int] = set()
    for _ in range(12):
        head = node.head
        if head.i == node.i:
            break
        label = dep(node)
        head_lemma = lemma(head)
        purpose = purpose_host(node)
        if purpose is not None:  # "to meet Putin" hung on "next week": purpose of "travel"
            chain.append(purpose)
            node = purpose
            continue
        if (
            label in ("advcl", "acl", "pcomp", "obl", "nmod")
            and head_lemma in cues.speech_verbs
            and "of" in case_words(node).split()
        ):
            speech = head  # "accused Russia of shelling Kharkiv": the accuser's account
            break
        if (
            label == "acl"
            and dep(head) == "obj"
            and lemma(head.head) in cues.speech_verbs
            and "of" in case_words(node).split()
        ):
            speech = head.head  # the same, with "of shelling" hung on the accused
            break
        if label == "xcomp" and head_lemma not in cues.speech_verbs:
            pass
        elif label in ("ccomp", "csubj", "xcomp"):
            if head_lemma in cues.speech_verbs or head_lemma in cues.denial_verbs:
                speech = head
                break
            if not _governs(head, cues):  # "ruled that ...": the content is not in its scope
                break
        elif label == "advcl":
            if is_adjunct_clause(node):
                # "after meeting X", ", accusing Y": its own act, in the main clause's tense
                lender = _main_clause(node) if is_participle_adjunct(node) else head
                break
            if subjects(node) or is_finite(node):
                break
        elif label == "conj":
            if _own_subject_or_aux(node) or head.pos_ in ("NOUN", "PROPN"):
                break
            coordinated.add(head.i)  # "called it unconscionable and accused": not governed
        elif label == "acl":
            if is_participle_adjunct(node):
                lender = _main_clause(node)
                break
        elif label == "acl:relcl":
            if content_clause_noun(node) is None:  # a relative clause is its own statement
                break
        elif label == "obj" and head_lemma in cues.speech_verbs and children(node, "nsubj"):
            speech = head  # "NATO says Russia is the most significant threat": a clause
            break
        elif label == "compound" and head_lemma in cues.container_nouns:
            pass  # "suspended its aid programme": the programme stands for the aid
        elif label in ("obj", "nsubj:pass", "obl", "nmod", "pobj", "pcomp", "prep"):
            # "agreed ... in a phone call": an adjunct, not what "agreed" governs
            adjunct = bool(set(case_words(node).split()) & _ADJUNCT_CASES) or (
                label == "prep" and node.lower_ in _ADJUNCT_CASES
            )
            if not (
                (
                    head_lemma in cues.light_verbs
                    # "dropped his objection" negates; "dropped ... after talks" does not
                    and (
                        label in ("obj", "nsubj:pass") or head_lemma not in cues.negating_governors
                    )
                )
                or head_lemma in cues.light_nouns
                or (_governs(head, cues) and not adjunct and (label != "obl" or case_words(node)))
                or head.pos_ == "ADP"
                or label in ("pcomp", "prep", "pobj")
                or (label == "obj" and adjectival_participle(head, node))
            ):
                break
        else:
            break
        chain.append(head)
        node = head
    return chain, speech, lender, coordinated


def read(trigger, extra: list, cues: Cues, sent, hosts: list = ()) -> Reading:
    """Negation, modality and speaker for a trigger. ``extra``: words that govern it (light
    verb or noun); ``hosts``: the clause an implicit-agent noun sits in, whose negation and
    auxiliaries apply but whose meaning does not ("in a call, they agreed to ...")."""
    chain, speech, lender, coordinated = _scope(trigger, extra, cues)
    # (token, governs the trigger, may negate it)
    scoped = [
        (token, position > 0 and token.i not in coordinated, True)
        for position, token in enumerate(chain)
    ]
    seen = {token.i for token in chain}
    top = chain[-1]
    # "agreed to restore ties after talks": a noun in a time phrase is an earlier or later
    # event that dates the clause; the clause's governors ("agreed to") do not defer it
    dated = case_words(trigger) in cues.time_prepositions
    for host in hosts:
        if host.i in seen:
            continue
        host_chain, host_speech, host_lender, host_coordinated = _scope(host, [], cues)
        scoped += [
            (t, k > 0 and t.i not in host_coordinated and not dated, True)
            for k, t in enumerate(host_chain)
            if t.i not in seen
        ]
        seen.update(t.i for t in host_chain)
        speech = speech or host_speech
        lender = lender or host_lender
        top = host_chain[-1]
    if lender is not None and lender.i not in seen:
        # "..., accusing Moscow of": the main clause lends its tense and modality only
        lent_chain, lent_speech, _, _ = _scope(lender, [], cues)
        scoped += [(t, k > 0, False) for k, t in enumerate(lent_chain) if t.i not in seen]
        speech = speech or lent_speech
        top = lent_chain[-1]
    reading = Reading()
    for token, governs, may_negate in scoped:
        word = lemma(token)
        if token.lower_ in cues.hypothetical_governors:
            word = token.lower_  # "willing to mediate": the lemma table says "will"
        if negators(token) and may_negate:
            reading.negated = True
            reading.cues.append(f"neg:{token.text}")
        for child in token.children:
            label = dep(child)
            if (
                label in ("case", "mark")
                and child.lower_ in cues.negating_prepositions
                and may_negate
            ):
                reading.negated = True
                reading.cues.append(f"neg:{child.text}")
            if (
                label == "amod"
                and child.tag_ in ("VBN", "VBD")
                and lemma(child) in cues.negating_governors
                and may_negate
            ):
                reading.negated = True  # "eased sanctions" parsed as an adjective
                reading.cues.append(f"neg:{child.text}")
            if label == "amod" and lemma(child) in cues.hypothetical_modifiers:
                reading.raise_to("hypothetical", f"mod:{child.text}")
            elif label == "amod" and lemma(child) in cues.future_modifiers:
                reading.raise_to("future", f"mod:{child.text}")
        for aux in auxiliaries(token):
            aux_word = aux.lower_
            if aux_word in cues.hypothetical_aux or lemma(aux) in cues.hypothetical_aux:
                reading.raise_to("hypothetical", f"aux:{aux.text}")
            elif aux_word in cues.future_aux or lemma(aux) in cues.future_aux:
                reading.raise_to("future", f"aux:{aux.text}")
        for mark in marks(token):
            if mark.lower_ in cues.hypothetical_marks:
                reading.raise_to("hypothetical", f"mark:{mark.text}")
        if _headline_infinitive(token, sent):
            reading.raise_to("future", f"headline:{token.text}")  # "Germany to send tanks"
        if governs and word in cues.speech_nouns and speech is None:
            # "denied a report that Putin had met ...": the content of a report
            reading.reported = True
            reading.speaker_tokens = children(token, "nmod:poss")
            reading.cues.append(f"report:{token.text}")
        if not governs:
            continue
        if not may_negate:
            if word in cues.hypothetical_governors:
                reading.raise_to("hypothetical", f"gov:{token.text}")
            elif word in cues.future_governors and word not in ("go", "agree"):
                reading.raise_to("future", f"gov:{token.text}")
            continue
        if not governs:
            continue
        if (
            word in cues.negating_governors
            or word == "short"
            or phrasal(token) in cues.negating_phrasal
        ):
            reading.negated = True
            reading.cues.append(f"gov:{token.text}")
        if word in _FUTURE_WHEN_PASSIVE and is_passive(token):
            reading.raise_to("future", f"gov:{token.text}")  # "is expected to visit"
        elif word in cues.hypothetical_governors:
            reading.raise_to("hypothetical", f"gov:{token.text}")
        elif word in cues.future_governors and word != "go" or (word == "go" and _going_to(token)):
            reading.raise_to("future", f"gov:{token.text}")
    if (
        trigger.pos_ in ("NOUN", "PROPN")
        and dep(trigger) in ("nsubj", "nsubj:pass")
        and trigger.head.lower_ in cues.hypothetical_predicates
    ):
        # "a Chinese invasion of Taiwan was unlikely": the act is judged, not reported
        reading.raise_to("hypothetical", f"pred:{trigger.head.text}")
    denial_in_scope = speech is not None and lemma(speech) in cues.denial_verbs
    if speech is None and reading.reported:
        if reading.modality == "asserted":
            reading.modality = "reported"
    elif speech is None:
        speech = _enclosing_speech_verb(top, cues) or _speech_verb_after_quote(chain[0], sent, cues)
    reading.chain = [token for token, _, _ in scoped]
    if speech is not None:
        reading.speech = speech
        reading.reported = True
        reading.speaker_tokens = subjects(speech)
        reading.cues.append(f"said:{speech.text}")
        if denial_in_scope:
            reading.negated = True
        if reading.modality == "asserted":
            reading.modality = "reported"
    else:
        source = _source_phrase(chain, sent, cues)
        if source is not None:
            reading.reported = True
            reading.speaker_tokens = [source]
            reading.cues.append(f"source:{source.text}")
            if reading.modality == "asserted":
                reading.modality = "reported"
    if (top.head.i == top.i and sent.text.rstrip().endswith("?")) or _is_question(sent):
        reading.raise_to("hypothetical", "question")
    return reading


def _governs(token, cues: Cues) -> bool:
    """Whether a word changes the reading of what it governs (negates, hypothesises, defers)."""
    word = lemma(token)
    return (
        word in cues.negating_governors
        or word in cues.hypothetical_governors
        or word in cues.future_governors
        or word == "short"
        or phrasal(token) in cues.negating_phrasal
    )


def _main_clause(clause):
    """The clause a participial adjunct belongs to: the nearest verb above it with a subject
    of its own (the parser often hangs ', accusing ...' on a verb deep in the sentence)."""
    node = clause.head
    for _ in range(8):
        if node.pos_ in ("VERB", "AUX") and subjects(node):
            return node
        if node.head.i == node.i:
            return node
        node = node.head
    return clause.head


_QUESTION_OPENERS = frozenset(
    "will would can could should shall may might must is are was were do does did has have "
    "had who what when where why how whether".split()
)


def _is_question(sent) -> bool:
    """'Will Erdogan ... travel to Russia ...?': a direct question asserts nothing."""
    if not sent.text.rstrip().rstrip("\"'”’").endswith("?"):
        return False
    words = [t for t in sent if not t.is_punct and not t.is_space]
    return bool(words) and words[0].lower_ in _QUESTION_OPENERS


def _headline_infinitive(token, sent) -> bool:
    """'Germany to send Leopard tanks to Ukraine': a title's to-infinitive is a future."""
    return (
        dep(token) == "acl"
        and token.head.pos_ == "PROPN"
        and any(dep(c) == "mark" and c.lower_ == "to" for c in token.children)
        and is_headline(sent)
    )


def _going_to(token) -> bool:
    """'is going to meet': 'go' with an xcomp and a progressive auxiliary."""
    return token.tag_ == "VBG" and bool(children(token, "xcomp"))


def _enclosing_speech_verb(top, cues: Cues):
    """The speech verb whose content holds ``top``: up through the clauses ("said that
    Russia's war against Ukraine was a mistake"), or hanging off the quote as parataxis
    or a trailing coordinated clause ('"...," Nikolenko told the Post')."""
    node = top
    for _ in range(12):
        speech = _trailing_speech_verb(node, cues)
        if speech is not None:
            return speech
        head = node.head
        if head.i == node.i:
            return None
        label = dep(node)
        if label in ("ccomp", "parataxis", "csubj") and lemma(head) in cues.speech_verbs:
            return head
        if label == "obj" and lemma(head) in cues.speech_verbs and children(node, "nsubj"):
            return head
        owner = that_clause_owner(node) if label in ("acl", "acl:relcl", "advcl") else None
        if owner is not None and lemma(owner) in cues.speech_verbs:
            return owner
        node = head
    return None


def _speech_verb_after_quote(trigger, sent, cues: Cues):
    """'"We expect ...," spokesman Oleg Nikolenko told the Post' split by the sentence
    segmenter after the quote: the next sentence is the attribution."""
    quote_closed = any(t.i > trigger.i and t.text in _CLOSING_QUOTES for t in sent)
    doc = sent.doc
    if not quote_closed or sent.end >= len(doc):
        return None
    following = doc[sent.end].sent
    root = following.root
    if (
        lemma(root) in cues.speech_verbs
        and subjects(root)
        and not children(root, "ccomp", "obj", "xcomp")
        and len(following) <= 20
    ):
        return root
    return None


_CLOSING_QUOTES = frozenset({"”", '"', "’’", "''", "»"})


def _trailing_speech_verb(clause, cues: Cues):
    for child in clause.children:
        if (
            dep(child) in ("parataxis", "ccomp", "conj", "advcl")
            and child.i > clause.i
            and lemma(child) in cues.speech_verbs
            and subjects(child)
            and not children(child, "ccomp", "obj")
        ):
            return child
    return None


def _source_phrase(chain, sent, cues: Cues):
    """'..., according to Russian state media': the source noun, or None."""
    candidates = list(chain)
    root = sent.root
    if root not in candidates:
        candidates.append(root)
    for token in candidates:
        for prep, nominal in prepositional(token):
            if prep in cues.source_prepositions:
                return nominal
    return None
