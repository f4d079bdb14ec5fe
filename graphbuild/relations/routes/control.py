"""The understood subject of a subjectless verb: control ('agreed to meet', 'urged X to'),
coordination, adjuncts, participles and possessors of control nouns."""

from __future__ import annotations

from ..syntax import (
    FINITE_TAGS,
    children,
    clause_verb,
    dep,
    direct_objects,
    is_adjunct_clause,
    is_finite,
    is_fragment,
    is_participle_adjunct,
    lemma,
    prepositional,
    purpose_host,
    subjects,
)

# verbs whose object, not subject, controls an infinitive: "urged Xi to meet Zelensky"
OBJECT_CONTROL = frozenset(
    "urge ask press persuade force invite encourage tell expect order allow help lead push "
    "compel pressure call get want need warn accuse blame caution implore make let "
    # judging someone for an act: "praised South Africa for hosting", "accused X of"
    "praise hail thank commend congratulate applaud laud credit criticize criticise condemn "
    "fault slam rebuke denounce punish reward".split()
)


class ControlRoute:
    """Subjects a verb inherits from the clause that governs it."""

    def _inherited_subjects(self, verb) -> list:
        """The understood subject of a subjectless verb: the controller of "agreed to meet",
        "refused to condemn", "denied supplying", "urged X to", the subject of a coordinated
        verb, the noun a participle modifies, the possessor of "its refusal to condemn".

        An adjunct ("after meeting Erdogan", ", accusing Moscow of ...") takes the main
        clause's subject, never its object. A finite verb the parser left without a subject
        ("after Nancy Pelosi visited Taiwan") takes the actor right before it."""
        if is_finite(verb) and dep(verb) in (
            "root",
            "advcl",
            "ccomp",
            "parataxis",
            "nmod",
            "appos",
        ):
            # "The Group of 20 failed to ..." with 'failed' hung on the name as a modifier
            return self._left_subject(verb)
        root = verb.sent.root
        if (
            dep(verb) == "acl"
            and verb.tag_ in FINITE_TAGS
            and root.pos_ in ("NOUN", "PROPN")
            and verb.head.i != root.i
            and root.i < verb.head.i < verb.i
            and self._has_actor(root)
        ):
            # "Russian aircraft including helicopter gunships killed ..." parsed with the
            # subject as the root and the finite verb hung on a noun inside it: the root's
            # phrase is the subject (a finite past, not a participle, cannot be a modifier)
            return [root]
        node = verb
        subject_control = is_adjunct_clause(verb)
        last_label = ""  # the link the climb arrived at ``node`` by
        for _ in range(6):
            head = node.head
            if head.i == node.i:
                if is_fragment(node.sent):
                    return self._previous_subjects(node.sent)
                # a controlled or coordinated verb shares the root's lost subject; an
                # adjunct the parser hung on the root does not
                shares = node.i == verb.i or (is_finite(node) and last_label in ("xcomp", "conj"))
                return self._left_subject(node) if shares else []
            label = dep(node)
            host = purpose_host(node)
            if host is not None:  # "to meet" hung on "next week": the purpose of "travel"
                found = self._subjects(host)
                if found:
                    return found
                node = host
                continue
            if label == "acl" and head.pos_ in ("NOUN", "PROPN", "PRON"):
                if is_participle_adjunct(node) and not self.index.mentions(head):
                    # ", praising Kosovo" hung on "a historic step": the clause's subject
                    verb_of = clause_verb(head)
                    if verb_of is not None:
                        found = self._subjects(verb_of)
                        if found:
                            return found
                        node, subject_control = verb_of, True
                        continue
                # "Russia's decision to invade", "Biden has no plans to visit": the noun's
                # owner, or the subject of the verb that has it; else the noun itself
                if self._has_actor(head) and any(
                    dep(m) == "mark" and m.lower_ in ("of", "for") for m in node.children
                ):
                    # "accused the ANC of betraying": the accused is who betrays
                    return [head]
                owners = children(head, "nmod:poss")
                if not owners and dep(head) in ("obj", "nsubj:pass") and head.head.i != head.i:
                    owners = subjects(head.head)
                return owners or [head]
            if (
                head.head.i == head.i
                and head.pos_ in ("PROPN", "NOUN")
                and label in ("xcomp", "advcl", "ccomp", "parataxis", "conj")
                and self._has_actor(head)
            ):
                # "Blinken called it unconscionable" parsed with the name as the root
                return [head]
            if label == "xcomp" and lemma(head) in self.cues.speech_verbs:
                # "saying the Islamic Republic had armed ...": a that-less clause parsed as
                # object + xcomp; the object is the clause's subject
                found = direct_objects(head)
                if found:
                    return found
            if label in ("xcomp", "advcl", "obl", "obj", "ccomp", "csubj", "acl"):
                if lemma(head) in OBJECT_CONTROL and not subject_control:
                    controllers = self._objects_of(head) or [
                        n for p, n in prepositional(head) if p in ("on", "upon") and n.i != node.i
                    ]
                    if controllers:
                        return controllers
                found = self._subjects(head)
            elif label == "conj":
                found = self._subjects(head)
            else:
                return []
            if (
                found
                # ", criticising the US" hung on the reported clause: "the deal" does not
                # criticise; the speaker does
                and (label in ("conj", "xcomp") or is_participle_adjunct(node))
                and dep(head) in ("xcomp", "ccomp", "conj")
                and not any(self.index.resolve(t, "proxy") for t in found)
            ):
                # "said several points remained unresolved and accused Hamas": points do not
                # accuse; the coordination (or participle) belongs higher up
                node, last_label = head, label
                continue
            if found:
                return found
            if is_adjunct_clause(head):
                subject_control = True
            node, last_label = head, label
        return []
