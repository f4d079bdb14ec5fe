"""Ingestion: turn files, folders, globs and stdin into ``Article`` records.

One reader module per format: ``text`` (.txt, .md), ``html``, ``records``
(.json, .jsonl), ``feed`` (RSS/Atom). ``sources`` expands inputs and dispatches;
``encoding`` turns bytes into text; ``dateline`` reads a wire dateline into the
article's place and date. See docs/ingest.md.
"""

from .problems import Problem, Problems
from .records import FieldMap
from .sources import ReadOptions, read_inputs, resolve_inputs

__all__ = ["FieldMap", "Problem", "Problems", "ReadOptions", "read_inputs", "resolve_inputs"]
