"""The shipped model's README.md, written from the measured scores at packaging time."""

from __future__ import annotations

import platform
from pathlib import Path


def _pct(value: float | None) -> str:
    return "n/a" if value is None else f"{100 * value:.1f}"


def model_readme(
    version: str,
    config: Path,
    manifest: dict,
    scores: dict,
    command: str,
    day: str,
    speed: dict | None = None,
    base: dict | None = None,
) -> str:
    """Markdown naming data, licences, config, reproduction command and held-out scores."""
    core = scores["ents_person_org_gpe"]
    per_type = scores.get("ents_per_type") or {}
    ner_rows = "\n".join(
        f"| {label} | {_pct(v['p'])} | {_pct(v['r'])} | {_pct(v['f'])} |"
        for label, v in sorted(per_type.items())
    )
    core_rows = "\n".join(
        f"| {label} | {_pct(v['p'])} | {_pct(v['r'])} | {_pct(v['f'])} | {v['gold']} |"
        for label, v in core["per_label"].items()
    )
    stats = manifest.get("stats", {})
    train = stats.get("train", {})
    if manifest.get("uner") and base:
        ewt_text = f"""- **UD English EWT**, dev and test files: the syntax is the base model's
  (trained on all of them); NER from **Universal NER** (UNER v1, Mayhew et al. 2024;
  CC BY-SA 4.0) joined by sentence id, less the held-out UNER test documents: PER ->
  PERSON, ORG -> ORG, LOC -> GPE/LOC/FAC where a gazetteer or rule decides it, else left
  missing (`training/uner.py`; {train.get("uner_sentences", 0):,} sentences). EWT: CC BY-SA 4.0."""
    elif manifest.get("uner"):
        ewt_text = f"""- **UD English EWT**, dev and test files less the held-out UNER test
  documents ({train.get("ewt_words", 0):,} words): syntax, and NER from **Universal NER**
  (UNER v1, Mayhew et al. 2024; CC BY-SA 4.0) joined by sentence id, PER -> PERSON,
  ORG -> ORG, LOC -> GPE/LOC/FAC where a gazetteer or rule decides it, else left
  missing (`training/uner.py`; {train.get("uner_sentences", 0):,} sentences). EWT: CC BY-SA 4.0."""
    else:
        ewt_text = f"""- **UD English EWT**, dev and test files ({train.get("ewt_words", 0):,} words), syntax only
  (their NER is marked missing, not "no entities"). CC BY-SA 4.0."""
    interval = (scores.get("ents_bootstrap") or {}).get("f_interval", {})
    interval_rows = "\n".join(
        f"| {label} | {_pct(lo)} - {_pct(hi)} |" for label, (lo, hi) in interval.items()
    )
    uner_text = ""
    if scores.get("uner_test"):
        uner = scores["uner_test"]
        uner_interval = uner["ents_bootstrap"]["f_interval"]
        rows = "\n".join(
            f"| {label} | {_pct(v['p'])} | {_pct(v['r'])} | {_pct(v['f'])} | "
            f"{_pct(uner_interval[label][0])} - {_pct(uner_interval[label][1])} | {v['gold']} |"
            for label, v in [
                ("micro", uner["ents_uner"]["micro"]),
                *uner["ents_uner"]["per_label"].items(),
            ]
        )
        uner_text = f"""
## Held-out scores (UNER EWT test split, {uner["documents"]} documents, {uner["words"]:,} words)

The EWT documents held out by `training.convert.uner_test_document` (one in five by id hash),
gold in UNER's scheme; predictions read as PERSON -> PER, GPE/LOC/FAC -> LOC.
UPOS {_pct(uner.get("pos_acc"))}, LAS {_pct(uner.get("dep_las"))}.

| label | P | R | F | F 95% interval | gold |
|---|---|---|---|---|---|
{rows}
"""
    base_text = ""
    if base:
        base_text = f"""
## Base model

Only the NER was trained for this version: it was fine-tuned from
{base["name"]} {base["version"]} with its own copy of the base model's `tok2vec`
(spaCy's `replace_listeners`). The {", ".join(f"`{c}`" for c in base["frozen"])}
components are the base model's, unchanged: tags, morphology, parses and lemmas are
identical to it.
"""
    speed_text = ""
    if speed:
        speed_text = "\n## Speed\n\n" + "\n".join(f"- {k}: {v}" for k, v in speed.items()) + "\n"
    return f"""# en_graphbuild_news {version}

graphbuild's own English pipeline for news, trained from openly licensed
treebanks so that graphbuild works offline. Components: `tok2vec` (CNN, no
pretrained vectors), `tagger` (PTB tags), `morphologizer` (UPOS + UD
features), `parser` (UD v2 labels with subtypes, e.g. `nsubj:pass`,
`nmod:poss`, `obl:tmod`; the root is `ROOT`; sentence boundaries come from
the parser), `lemmatizer` (rule mode, spacy-lookups-data tables), `ner`
(PERSON, NORP, FAC, ORG, GPE, LOC).

## Training data and licences

- **GUM** (Georgetown University Multilayer corpus), the openly licensed
  genres, train split only ({len([d for d in manifest["documents"]["train"] if not d.startswith("EWT:")])} documents,
  {train.get("gum_words", 0):,} words): UD syntax, PTB tags, lemmas, and the
  entity layer converted to NER by `training/entities.py` (rules in docs/model.md).
  Annotations CC BY 4.0; texts CC BY 2.5 (Wikinews), CC BY-SA 3.0
  (Wikipedia, Wikivoyage), CC BY 4.0 (academic, court), public domain
  (speeches); see the corpus LICENSE. Amir Zeldes and the GUM contributors.
{ewt_text}
- Silver augmentation: a name-substituted copy of each GUM chunk with names
  ({train.get("augmented_words", 0):,} words), names from `training/lexicons/`.

Because part of the data is ShareAlike, this model is distributed under
**CC BY-SA 4.0** with the attributions above. The GUM dev and test documents
(`gum/splits.md`) were never trained on; dev chose the best checkpoint.

## Recipe

- config: `{config.name}` (sha256 in meta.json `graphbuild.config_sha256`)
- data: sha256 over the input CoNLL-U files `{manifest.get("data_sha256", "")[:16]}…`,
  recipe code and lexicons `{manifest.get("recipe_sha256", "")[:16]}…`
- command: `{command}`

## Held-out scores (GUM test, {scores["documents"]} documents, {scores["words"]:,} words)

Measured {day} on {platform.machine()} with `python -m training.evaluate`; raw
text is re-tokenised by the pipeline and aligned to the gold tokens.

| metric | score |
|---|---|
| UPOS accuracy | {_pct(scores.get("pos_acc"))} |
| PTB tag accuracy | {_pct(scores.get("tag_acc"))} |
| morph accuracy | {_pct(scores.get("morph_acc"))} |
| lemma accuracy | {_pct(scores.get("lemma_acc"))} |
| UAS | {_pct(scores.get("dep_uas"))} |
| LAS | {_pct(scores.get("dep_las"))} |
| sentence F | {_pct(scores.get("sents_f"))} |
| NER F (all labels) | {_pct(scores.get("ents_f"))} |
| NER P/R/F, PERSON+ORG+GPE | {_pct(core["micro"]["p"])} / {_pct(core["micro"]["r"])} / {_pct(core["micro"]["f"])} |

| label | P | R | F | gold |
|---|---|---|---|---|
{core_rows}

F, 95% bootstrap interval over the test documents:

| label | interval |
|---|---|
{interval_rows}

All labels (spaCy scorer):

| label | P | R | F |
|---|---|---|---|
{ner_rows}
{uner_text}{base_text}{speed_text}"""
