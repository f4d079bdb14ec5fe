"""Build the gazetteer of unambiguous names and put it into a model folder.

    python -m training.gazetteer MODEL_DIR --out OUT_DIR     # a copy of MODEL_DIR with it
    python -m training.gazetteer --list                       # print the names and labels

The names come from data files only: the actor knowledge base
(``graphbuild/data/actors/countries.csv``: names, aliases, capitals;
``places.csv``: cities, provinces, regions; ``organizations.csv``: names and
aliases) and the training lexicons (``countries``, ``cities``, ``states``,
``loc_names``, ``organizations``, and two lists kept for the gazetteer only:
``large_cities`` and ``provinces``, each with its criterion in its header). Places are GPE, or LOC by the same rules
as GUM's places in the conversion (``loc_names``, last word in
``loc_keywords``); organisations are ORG.

A name is **ambiguous** (never added, only relabelled where the NER already
typed it as the same kind of thing; see ``graphbuild/nlp/gazetteer.py``) when
the knowledge base marks it with ``~``, when it is in
``lexicons/gazetteer_stoplist.txt`` (person names and common words that are
also places: "Victoria", "Chad"), or when it is also a person's surname in
``people.csv`` or a name in the name lexicons ("Montenegro", "Jackson"). A name is left
out altogether when two sources give it different labels ("Amazon": region
and company), when it is a two-letter postal code ("IN", "OR"), or when it is
a description rather than a name (a lower-case word other than "of", "and",
"the"...: "UN refugee agency").
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from pathlib import Path

from graphbuild.nlp.gazetteer import FACTORY
from training.kb_names import actor_rows, split_list
from training.lexicons import entries, folded

REPO = Path(__file__).resolve().parent.parent
# lower-case words a name may contain
CONNECTORS = frozenset(
    "of and the for de del des du da di la le el al wal bin ibn van von y et on in".split()
)
PLACE_SOURCES = ("countries", "cities", "states", "large_cities", "provinces")


def is_name(text: str) -> bool:
    """A capitalised proper name: every word capitalised (or a digit/acronym) except connectors."""
    words = text.split()
    if not words or any(ch in text for ch in ',()"/;'):
        return False
    if len(text) == 2 and text.isupper() and text.isalpha():
        return False  # postal codes, which are also words ("IN", "OR", "ME")
    for word in words:
        pieces = [p for p in word.split("-") if p]
        if word in CONNECTORS or any(p[:1].isupper() or p[:1].isdigit() for p in pieces):
            continue
        return False
    return words[-1][:1].isupper() or words[-1][:1].isdigit() or "-" in words[-1]


def _place_label(text: str) -> str | None:
    """GPE, or LOC for continents, regions and natural features; None for facilities."""
    lower = text.casefold()
    last = lower.split()[-1]
    if lower in folded("loc_names") or last in folded("loc_keywords"):
        return "LOC"
    if last in folded("fac_keywords"):
        return None
    return "GPE"


def _candidates() -> list[tuple[str, str]]:
    """(raw name, label) from every source; a raw name may carry the knowledge base's ``~``."""
    out: list[tuple[str, str]] = []
    for row in actor_rows("countries"):
        for name in [row["name"], *split_list(row["aliases"]), *split_list(row["capital"])]:
            out.append((name, "GPE"))
    for row in actor_rows("places"):
        for name in [row["name"], *split_list(row["aliases"])]:
            out.append((name, "PLACE"))
    for row in actor_rows("organizations"):
        for name in [row["name"], *split_list(row["aliases"])]:
            out.append((name, "ORG"))
    for lexicon in PLACE_SOURCES:
        out.extend((name, "PLACE") for name in entries(lexicon))
    out.extend((name, "LOC") for name in entries("loc_names"))
    out.extend((name, "ORG") for name in entries("organizations"))
    return out


def _person_words() -> frozenset[str]:
    """Given and family names of the lexicons, surnames of the knowledge base's people."""
    words: set[str] = set(entries("given_names")) | set(entries("family_names"))
    for row in actor_rows("people"):
        for name in [row["name"], *split_list(row["aliases"])]:
            # news names people alone by their surname ("Montenegro", "Muscat"); a given
            # name alone is rare ("Israel Katz" is "Katz"), and "of Belgium" is no name
            words.update(name.lstrip("~").split(" of ")[0].split()[-1:])
    return frozenset(words)


def build_names() -> tuple[dict[str, str], dict[str, str]]:
    """(names, ambiguous): each a mapping of name -> label, as the component stores them."""
    labels: dict[str, set[str]] = {}
    marked: set[str] = set()
    for raw, label in _candidates():
        name = raw.lstrip("~").strip()
        if raw.startswith("~"):
            marked.add(name)
        if not is_name(name):
            continue
        if label == "PLACE":
            label = _place_label(name)
            if label is None:
                continue
        labels.setdefault(name, set()).add(label)
    stop = set(entries("gazetteer_stoplist"))
    people = _person_words()
    names: dict[str, str] = {}
    ambiguous: dict[str, str] = {}
    for name, found in sorted(labels.items()):
        if len(found) > 1:
            continue  # the sources disagree: not unambiguous
        (label,) = found
        if name in marked or name in stop or (" " not in name and name in people):
            ambiguous[name] = label
        else:
            names[name] = label
    return names, ambiguous


def add_gazetteer(
    nlp, names: dict[str, str] | None = None, ambiguous: dict[str, str] | None = None
):
    """Add (or refresh) the ``graphbuild_gazetteer`` component right after ``ner``; returns it."""
    if names is None or ambiguous is None:
        names, ambiguous = build_names()
    if FACTORY in nlp.pipe_names:
        nlp.remove_pipe(FACTORY)
    pipe = nlp.add_pipe(FACTORY, after="ner")
    pipe.set_names(names, ambiguous)
    counts: dict[str, int] = {}
    for label in names.values():
        counts[label] = counts.get(label, 0) + 1
    nlp.meta.setdefault("graphbuild", {})["gazetteer"] = {
        "names": dict(sorted(counts.items())),
        "ambiguous": len(ambiguous),
        "built_by": "training/gazetteer.py",
    }
    return pipe


def add_to_model_folder(model: Path, out: Path) -> Path:
    """Write a copy of the model folder ``model`` with the gazetteer to ``out`` (via a temp folder)."""
    import spacy

    nlp = spacy.load(model)
    add_gazetteer(nlp)
    staging = out.with_name(out.name + ".new")
    shutil.rmtree(staging, ignore_errors=True)
    staging.parent.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(staging)
    readme = Path(model) / "README.md"
    if readme.exists():
        shutil.copy(readme, staging / "README.md")
    (staging / "meta.json").write_text(json.dumps(nlp.meta, indent=2) + "\n", encoding="utf-8")
    if out.exists():
        shutil.rmtree(out)
    staging.rename(out)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("model", nargs="?", type=Path, help="a spaCy model folder")
    parser.add_argument("--out", type=Path, help="where to write the copy with the gazetteer")
    parser.add_argument("--list", action="store_true", help="print the names and exit")
    args = parser.parse_args(argv)
    if args.list:
        names, ambiguous = build_names()
        for name, label in names.items():
            print(f"{label}\t{name}")
        for name, label in ambiguous.items():
            print(f"{label}\t{name}\tambiguous")
        return 0
    if args.model is None or args.out is None:
        parser.error("give MODEL_DIR and --out OUT_DIR (or --list)")
    if args.out.resolve() == args.model.resolve():
        parser.error("--out must differ from the model folder")
    add_to_model_folder(args.model, args.out)
    print(f"wrote {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
