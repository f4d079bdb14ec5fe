"""spaCy training callbacks for the recipe (loaded with ``spacy train --code``).

``graphbuild.snapshot_steps.v1`` saves the pipeline as it stands after N
updates (``training/output/<config>/model-step-N``), so that one long run also
yields the shorter runs' models for held-out comparison (the "longer training"
lever in docs/model.md) without training twice.
"""

from __future__ import annotations

from pathlib import Path

from spacy import registry


@registry.callbacks("graphbuild.snapshot_steps.v1")
def snapshot_steps(steps: list[int], folder: str):
    """A ``before_update`` callback saving the model before update ``step`` (= after ``step`` updates)."""
    wanted = set(steps)

    def before_update(nlp, args: dict) -> None:
        if args.get("step") in wanted:
            nlp.to_disk(Path(folder) / f"model-step-{args['step']}")

    return before_update
