"""A speaker's characterisation: 'Blinken said that Xi's visit indicated an unwillingness
to ...' is Blinken CRITICIZES Xi (evaluative words in `cues.toml [evaluation]`)."""

from __future__ import annotations

from .modality import read
from .repairs.stray_tokens import after_stray_that
from .syntax import (
    children,
    dep,
    is_relative_pronoun,
    lemma,
    negators,
    subjects,
    that_clauses,
)


class Characterisations:
    """Mixed into ``DocumentExtractor``: needs its ``lex``, ``index``, ``_make`` and ``_weight``."""

    def _evaluations(self, sent) -> list[dict]:
        """'Blinken said that Xi's visit indicated an unwillingness ...': Blinken criticizes Xi."""
        cues = self.lex.cues
        found = []
        for verb in sent:
            if lemma(verb) not in cues.speech_verbs or negators(verb):
                continue
            speakers = []
            for token in subjects(verb):
                speakers.extend(
                    a for a in self.index.resolve(token, "proxy") if a.how != "national"
                )
            if not speakers:
                continue
            contents = children(verb, "ccomp")
            contents += [c for c in that_clauses(verb) if c not in contents]
            if dep(verb) == "parataxis" and verb.head.i != verb.i:
                contents.append(verb.head)
            for clause in contents:
                found.extend(self._evaluation(verb, clause, speakers, sent))
        return found

    def _about_another(self, cue, target_ids: set[str]) -> bool:
        """'Moscow ... criticised what he called U.S. reluctance': an evaluative noun that an
        actor other than the clause's subject modifies is about that actor."""
        for child in cue.children:
            if dep(child) in ("nmod:poss", "compound", "amod"):
                ids = {m.actor_id for m in self.index.mentions(child)}
                if ids and not ids & target_ids:
                    return True
        return False

    def _evaluation(self, verb, clause, speakers, sent) -> list[dict]:
        cues = self.lex.cues
        subject_tokens = [after_stray_that(t) for t in subjects(clause)]
        if not subject_tokens:
            return []
        targets = []
        excluded = set()
        for token in subject_tokens:
            targets.extend(self.index.resolve(token, "modifiers"))
            excluded.update(t.i for t in token.subtree)
        # a clause inside the content with a subject of its own says what that subject did
        # ("imposed sanctions on officials it accused of undermining the vote"), not what
        # the speaker makes of the content's subject
        for token in clause.subtree:
            own = subjects(token) if token.i != clause.i and token.i not in excluded else []
            if own and not all(is_relative_pronoun(t) for t in own):  # "which": the same one
                excluded.update(t.i for t in token.subtree)
        if not targets:
            return []
        cue = None
        kind_name = None
        target_ids = {t.actor_id for t in targets}
        for token in clause.subtree:
            if token.i in excluded or self._about_another(token, target_ids):
                continue
            word = lemma(token)
            if word in cues.negative_evaluation or token.lower_ in cues.negative_evaluation:
                cue, kind_name = token, "CRITICIZES"
                break
            if word in cues.positive_evaluation:
                cue, kind_name = token, "PRAISES"
                break
        if cue is None:
            return []
        kind = self.lex.ontology.kind(kind_name)
        reading = read(clause, [], cues, sent)
        negated = bool(negators(clause)) or bool(negators(cue))
        modality = "hypothetical" if reading.modality == "hypothetical" else "asserted"
        base = cues.confidence.get("evaluation", 0.55)
        records = []
        for speaker_arg in speakers:
            speaker = self.index.actor(speaker_arg.actor_id)
            for target_arg in targets:
                target = self.index.actor(target_arg.actor_id)
                if speaker is None or target is None or speaker.id == target.id:
                    continue
                confidence = base * self._weight(speaker_arg) * self._weight(target_arg)
                records.append(
                    self._make(
                        (speaker, speaker_arg.sector),
                        (target, target_arg.sector),
                        kind.name,
                        kind.family,
                        kind.cameo,
                        kind.quad_class,
                        negated,
                        modality,
                        confidence,
                        sent,
                        cue,
                        None,  # the speaker is the subject: an asserted act of criticism
                    )
                )
        return records
