"""Names whose type is not in doubt, applied after the statistical NER.

The shipped NER, trained on little data, often finds a well-known name but
types it wrong ("Ottawa" ORG, "Moravia" PERSON) or misses it ("Austria").
``graphbuild_gazetteer`` runs after ``ner`` with a list of unambiguous names
(countries, capitals, states, large cities: GPE; continents and regions: LOC;
international and well-known organisations and their acronyms: ORG), built
from graphbuild's data files by ``training/gazetteer.py`` and stored inside the
model folder (``graphbuild_gazetteer/names.json``), so ``spacy.load(path)``
brings it along. Its rules:

- a predicted entity whose whole text (after a leading "the") is a name gets
  the name's label;
- a name that overlaps no predicted entity becomes one: matched case-sensitively
  on whole tokens, its last token a proper noun (when a tagger ran), and not
  run on into a neighbouring proper noun ("Seattle" in an unrecognised "Seattle
  Times" is left alone);
- an entity that merely contains a name ("Toronto Star") is never cut or
  relabelled;
- *ambiguous* names (also a person's name or a common word: "Jordan",
  "Georgia", "Chad") are never added, and relabelled only within their family
  (a place the NER typed GPE or LOC).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import ensure_path

FACTORY = "graphbuild_gazetteer"
NAMES_FILE = "names.json"
# labels an ambiguous name may be moved between: only within the same kind of thing
FAMILIES = ({"GPE", "LOC"}, {"ORG"})
_PROPER_TAGS = {"NNP", "NNPS"}
_DETERMINERS = {"the", "The"}


def _family(label: str) -> set[str]:
    return next((family for family in FAMILIES if label in family), {label})


class Gazetteer:
    """Relabels and adds entities from a list of names; see the module docstring."""

    def __init__(
        self,
        nlp: Language,
        name: str = FACTORY,
        names: dict[str, str] | None = None,
        ambiguous: dict[str, str] | None = None,
    ):
        self.name = name
        self._nlp = nlp
        self.set_names(names or {}, ambiguous or {})

    def set_names(self, names: dict[str, str], ambiguous: dict[str, str]) -> None:
        """Replace the name lists: ``names`` are used everywhere, ``ambiguous`` only to relabel."""
        self.names = dict(names)
        self.ambiguous = {k: v for k, v in ambiguous.items() if k not in self.names}
        self.matcher = PhraseMatcher(self._nlp.vocab, attr="ORTH")
        by_label: dict[str, list[str]] = {}
        for text, label in self.names.items():
            by_label.setdefault(label, []).append(text)
        for label, texts in sorted(by_label.items()):
            self.matcher.add(label, list(self._nlp.tokenizer.pipe(sorted(texts))))

    # --- the rules -----------------------------------------------------------

    def _label_of(self, ent: Span) -> str | None:
        """The gazetteer's label for a predicted entity, or None to leave it as it is."""
        text = ent.text
        if ent[0].text in _DETERMINERS and len(ent) > 1:
            text = ent[1:].text
        if text in self.names:
            return self.names[text]
        label = self.ambiguous.get(text)
        if label is not None and ent.label_ in _family(label):
            return label
        return None

    @staticmethod
    def _standalone(doc: Doc, start: int, end: int) -> bool:
        """Is doc[start:end] a name by itself, not part of a longer proper name the NER missed?"""
        tagged = doc.has_annotation("TAG")
        if tagged and doc[end - 1].tag_ not in _PROPER_TAGS:
            return False  # "Mediterranean diet", "Turkey" the bird
        for index in (start - 1, end):
            if not 0 <= index < len(doc):
                continue
            token = doc[index]
            if not token.text[:1].isupper():
                continue
            if tagged:
                if token.tag_ in _PROPER_TAGS:
                    return False
            elif not token.is_sent_start:
                return False
        return True

    def __call__(self, doc: Doc) -> Doc:
        entities = []
        changed = False
        for ent in doc.ents:
            label = self._label_of(ent)
            if label is not None and label != ent.label_:
                ent = Span(doc, ent.start, ent.end, label=label)
                changed = True
            entities.append(ent)
        taken = bytearray(len(doc))
        for ent in entities:
            taken[ent.start : ent.end] = b"\x01" * len(ent)
        matches = sorted(self.matcher(doc), key=lambda m: (m[1] - m[2], m[1]))  # longest first
        for match_id, start, end in matches:
            if any(taken[start:end]) or not self._standalone(doc, start, end):
                continue
            entities.append(Span(doc, start, end, label=match_id))
            taken[start:end] = b"\x01" * (end - start)
            changed = True
        if changed:
            doc.ents = sorted(entities, key=lambda span: span.start)
        return doc

    # --- serialisation (the names live in the model folder) ------------------

    def _data(self) -> dict:
        return {"names": self.names, "ambiguous": self.ambiguous}

    def _load(self, data: dict) -> None:
        self.set_names(data.get("names", {}), data.get("ambiguous", {}))

    def to_bytes(self, *, exclude: Iterable[str] = ()) -> bytes:
        return json.dumps(self._data(), ensure_ascii=False, sort_keys=True).encode("utf-8")

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = ()) -> Gazetteer:
        self._load(json.loads(data.decode("utf-8")))
        return self

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        path = ensure_path(path)
        path.mkdir(parents=True, exist_ok=True)
        text = json.dumps(self._data(), ensure_ascii=False, indent=1, sort_keys=True) + "\n"
        (path / NAMES_FILE).write_text(text, encoding="utf-8")

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> Gazetteer:
        file = ensure_path(path) / NAMES_FILE
        try:
            data = json.loads(file.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise ValueError(f"{file}: cannot read the gazetteer's names ({exc})") from exc
        self._load(data)
        return self


@Language.factory(FACTORY)
def make_gazetteer(nlp: Language, name: str) -> Gazetteer:
    """spaCy factory (also registered through the ``spacy_factories`` entry point)."""
    return Gazetteer(nlp, name)
