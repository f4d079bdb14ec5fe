"""The relation ontology: families and CAMEO-aligned kinds, read from
``graphbuild/data/relations/ontology.toml`` so analysts can extend it without code."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "relations"
ONTOLOGY_FILE = DATA_DIR / "ontology.toml"

QUAD_CLASSES = (
    "verbal_cooperation",
    "material_cooperation",
    "verbal_conflict",
    "material_conflict",
)


class OntologyError(ValueError):
    """The ontology or lexicon file is malformed; the message names the file and entry."""


def quad_class_for(cameo: str) -> str:
    """Quad class of a CAMEO code by its root (ICEWS convention: 01-05, 06-08, 09-13, 14-20)."""
    root = int(cameo[:2])
    if not 1 <= root <= 20:
        raise ValueError(f"CAMEO code {cameo!r} has no root 01-20")
    if root <= 5:
        return "verbal_cooperation"
    if root <= 8:
        return "material_cooperation"
    if root <= 13:
        return "verbal_conflict"
    return "material_conflict"


@dataclass(frozen=True)
class Kind:
    name: str
    family: str
    cameo: str
    cameo_name: str
    quad_class: str
    symmetric: bool
    description: str = ""
    by_nationals: bool = False  # a civil act nationals may do ("protesters demonstrated")


@dataclass(frozen=True)
class Ontology:
    families: dict[str, dict]
    kinds: dict[str, Kind]

    def kind(self, name: str) -> Kind:
        return self.kinds[name]

    def national_subject(self, kind: str) -> bool:
        """Whether people of a nationality (a ``national`` mention) may do this kind."""
        found = self.kinds.get(kind)
        return found is not None and found.by_nationals


def _load(path: Path) -> Ontology:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise OntologyError(f"{path}: cannot read the relation ontology: {exc}") from None
    families = data.get("families") or {}
    kinds: dict[str, Kind] = {}
    for name, spec in (data.get("kinds") or {}).items():
        try:
            kind = Kind(
                name=name,
                family=spec["family"],
                cameo=str(spec["cameo"]),
                cameo_name=spec.get("cameo_name", ""),
                quad_class=spec.get("quad_class") or quad_class_for(str(spec["cameo"])),
                symmetric=bool(spec.get("symmetric", False)),
                description=spec.get("description", ""),
                by_nationals=bool(spec.get("by_nationals", False)),
            )
        except KeyError as exc:
            raise OntologyError(f"{path}: kind {name} lacks {exc.args[0]!r}") from None
        if kind.family not in families:
            raise OntologyError(f"{path}: kind {name} names unknown family {kind.family!r}")
        if kind.quad_class != quad_class_for(kind.cameo):
            raise OntologyError(
                f"{path}: kind {name}: quad_class {kind.quad_class!r} mismatches CAMEO {kind.cameo}"
            )
        kinds[name] = kind
    return Ontology(families=families, kinds=kinds)


@lru_cache(maxsize=4)
def load_ontology(path: str | None = None) -> Ontology:
    """The relation ontology (cached per process)."""
    return _load(Path(path) if path else ONTOLOGY_FILE)
