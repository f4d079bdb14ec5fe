"""JSON Schemas of the build directory's JSONL files, and a validator for them."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

SCHEMAS = {
    "articles.jsonl": "article.schema.json",
    "actors.jsonl": "actor.schema.json",
    "relations.jsonl": "relation.schema.json",
    "mentions.jsonl": "mention.schema.json",
    "events.jsonl": "event.schema.json",
}


@cache
def load_schema(name: str) -> dict[str, Any]:
    """A schema by file name (``relation.schema.json``) or by the JSONL file it describes."""
    name = SCHEMAS.get(name, name)
    return json.loads(resources.files(__package__).joinpath(name).read_text(encoding="utf-8"))


def validation_errors(path: str | Path, schema: str | None = None, limit: int = 20) -> list[str]:
    """Schema violations in a JSONL file, as "file:line: message".

    The schema is chosen by the file name (``relations.jsonl``) unless given.
    """
    from jsonschema import Draft202012Validator

    path = Path(path)
    validator = Draft202012Validator(load_schema(schema or path.name))
    errors: list[str] = []
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                errors.append(f"{path}:{number}: not JSON ({exc.msg})")
                continue
            for error in validator.iter_errors(record):
                where = "/".join(map(str, error.absolute_path)) or "(record)"
                errors.append(f"{path}:{number}: {where}: {error.message}")
            if len(errors) >= limit:
                break
    return errors
