"""RDF under the graphbuild OWL ontology (``ontologies/graphbuild.ttl``).

Every statement becomes a ``gb:Statement`` node with its evidence, negation,
modality, confidence and PROV-O provenance to its ``gb:Article``; factual
statements (``records.is_factual``) are also written as direct actor-to-actor
triples (``gb:visits`` and its family ``gb:meets``) so plain SPARQL finds them.

The writers stream: the graph is described one subject at a time and each
description is formatted and written at once, so a build with millions of
statements never sits in memory. ``to_graph`` builds an rdflib Graph, for small
graphs and tests. Terms are formatted here rather than by rdflib because
rdflib's serialisers need the whole graph in memory.

Example (SPARQL over a build directory's ``graph.ttl``)::

    >>> import rdflib
    >>> g = rdflib.Graph().parse("kg/graph.ttl")  # doctest: +SKIP
    >>> q = "SELECT ?name WHERE { ?a gb:supports actor:Q159 ; gb:name ?name }"
    >>> g.query(q)  # doctest: +SKIP
"""

from __future__ import annotations

import datetime
import json
import logging
import math
import os
import re
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any, NamedTuple
from urllib.parse import quote

import rdflib

from ..graph.dyads import build_dyads
from ..graph.events import EVENTS
from ..graph.knowledge_graph import KnowledgeGraph, iter_jsonl
from ..records import ACTOR_TYPES, FAMILIES, MODALITIES, is_factual
from ..relations.ontology import load_ontology

log = logging.getLogger("graphbuild")

GB = "https://w3id.org/graphbuild/ontology#"
DATA = "https://w3id.org/graphbuild/id/"
ACTOR = DATA + "actor/"
ARTICLE = DATA + "article/"
STATEMENT = DATA + "statement/"
EVENT = DATA + "event/"
DYAD = DATA + "dyad/"
WIKIDATA = "http://www.wikidata.org/entity/"

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
OWL = "http://www.w3.org/2002/07/owl#"
XSD = "http://www.w3.org/2001/XMLSchema#"
DCTERMS = "http://purl.org/dc/terms/"
PROV = "http://www.w3.org/ns/prov#"
SCHEMA = "https://schema.org/"

#: Prefixes written at the top of Turtle and in the JSON-LD context.
PREFIXES: dict[str, str] = {
    "gb": GB,
    "actor": ACTOR,
    "article": ARTICLE,
    "statement": STATEMENT,
    "event": EVENT,
    "dyad": DYAD,
    "wd": WIKIDATA,
    "rdf": RDF,
    "rdfs": RDFS,
    "owl": OWL,
    "xsd": XSD,
    "dcterms": DCTERMS,
    "prov": PROV,
    "schema": SCHEMA,
}

#: Where the ontology and the SHACL shapes live in a source checkout.
ONTOLOGY_DIR = Path(__file__).resolve().parents[2] / "ontologies"
ONTOLOGY_FILE = ONTOLOGY_DIR / "graphbuild.ttl"
SHAPES_FILE = ONTOLOGY_DIR / "shapes.ttl"

RDF_TYPE = RDF + "type"
XSD_STRING = XSD + "string"
XSD_BOOLEAN = XSD + "boolean"
XSD_INTEGER = XSD + "integer"
XSD_DECIMAL = XSD + "decimal"
XSD_DATE = XSD + "date"
XSD_ANYURI = XSD + "anyURI"


class IRI(str):
    """An IRI in a description (a plain ``str`` is never an object: see ``Lit``)."""

    __slots__ = ()


class Lit(NamedTuple):
    """A literal: its lexical form and datatype IRI (None for a plain string)."""

    lexical: str
    datatype: str | None = None


Term = IRI | Lit
#: One subject and its (predicate, object) pairs, in the order they are written.
Description = tuple[IRI, list[tuple[str, Term]]]

TRUE = Lit("true", XSD_BOOLEAN)
FALSE = Lit("false", XSD_BOOLEAN)
FAMILY_PROPERTY = {family: GB + family.lower() for family in FAMILIES}


# ---------------------------------------------------------------------------
# IRIs
# ---------------------------------------------------------------------------


def _iri_segment(value: str) -> str:
    """Percent-encode an id so any string makes a valid IRI path segment."""
    return quote(_clean(str(value)), safe=":-._~")


def actor_iri(actor_id: str) -> IRI:
    return IRI(ACTOR + _iri_segment(actor_id))


def article_iri(article_id: str) -> IRI:
    return IRI(ARTICLE + _iri_segment(article_id))


def statement_iri(relation_id: str) -> IRI:
    return IRI(STATEMENT + _iri_segment(relation_id))


def event_iri(event_id: str) -> IRI:
    return IRI(EVENT + _iri_segment(event_id))


def kind_property(kind: str) -> IRI | None:
    """The ontology property of a relation kind: SIGNS_AGREEMENT -> gb:signsAgreement.

    The naming rule is the contract with ``ontologies/graphbuild.ttl`` (its tests
    check every kind of the relation ontology has that property).
    """
    if not isinstance(kind, str) or not re.fullmatch(r"[A-Z][A-Z0-9]*(_[A-Z0-9]+)*", kind):
        return None
    first, *rest = kind.lower().split("_")
    return IRI(GB + first + "".join(word.capitalize() for word in rest))


_WIKIDATA_ID = re.compile(r"Q[1-9][0-9]*")


def wikidata_iri(actor: dict[str, Any]) -> IRI | None:
    """The actor's Wikidata entity: its ``wikidata`` field, or an id that is a Q-number."""
    for candidate in (actor.get("wikidata"), actor.get("id")):
        if isinstance(candidate, str) and _WIKIDATA_ID.fullmatch(candidate.strip()):
            return IRI(WIKIDATA + candidate.strip())
    return None


# ---------------------------------------------------------------------------
# Literals
# ---------------------------------------------------------------------------

_SURROGATE = re.compile("[\ud800-\udfff]")


def _clean(text: str) -> str:
    """Replace lone surrogates (possible in JSON input) that no UTF-8 file can hold."""
    return _SURROGATE.sub("\ufffd", text)


def _text(value: Any) -> Lit | None:
    if value is None:
        return None
    text = _clean(str(value))
    return Lit(text) if text.strip() else None


def _integer(value: Any) -> Lit | None:
    if isinstance(value, bool) or not isinstance(value, int):
        return None
    return Lit(str(value), XSD_INTEGER)


def _confidence(value: Any) -> Lit | None:
    """A decimal in [0, 1]; out-of-range numbers are clamped, non-numbers dropped."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        return None
    text = f"{min(max(float(value), 0.0), 1.0):.6f}".rstrip("0")
    return Lit(text + "0" if text.endswith(".") else text, XSD_DECIMAL)


def _date(value: Any) -> Lit | None:
    if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return None
    try:
        datetime.date.fromisoformat(value)
    except ValueError:
        return None
    return Lit(value, XSD_DATE)


def _goldstein(value: Any) -> Lit | None:
    """A decimal in [-10, 10] (the Goldstein scale); anything else is dropped."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        return None
    if not -10 <= value <= 10:
        return None
    return Lit(f"{float(value):.1f}", XSD_DECIMAL)


_WORD = re.compile(r"[a-z][a-z_-]*")
_SECTOR = re.compile(r"[A-Z]{3}")
_PLOVER_TYPE = re.compile(r"[A-Z]+")


def _word(value: Any, pattern: re.Pattern = _WORD) -> Lit | None:
    """A code word (PLOVER mode or context, sector) the shapes accept, or None."""
    return Lit(value) if isinstance(value, str) and pattern.fullmatch(value) else None


def _boolean(value: Any) -> Lit:
    return TRUE if value else FALSE


# ---------------------------------------------------------------------------
# Describing the graph, one subject at a time
# ---------------------------------------------------------------------------


def _add(pairs: list[tuple[str, Term]], predicate: str, value: Term | None) -> None:
    if value is not None:
        pairs.append((predicate, value))


def describe_actor(actor: dict[str, Any], known_actors: dict[str, dict[str, Any]]) -> Description:
    """An actor node: its types, names, country and Wikidata identity."""
    actor_id = str(actor["id"])
    name = _text(actor.get("name")) or Lit(_clean(actor_id))
    pairs: list[tuple[str, Term]] = [(RDF_TYPE, IRI(GB + "Actor"))]
    if actor.get("type") in ACTOR_TYPES:
        pairs.append((RDF_TYPE, IRI(GB + actor["type"])))
    pairs += [
        (GB + "identifier", Lit(_clean(actor_id))),
        (GB + "name", name),
        (RDFS + "label", name),
    ]
    aliases = actor.get("aliases") if isinstance(actor.get("aliases"), list) else []
    for alias in dict.fromkeys(a for a in map(_text, aliases) if a is not None and a != name):
        pairs.append((GB + "alias", alias))
    _add(pairs, GB + "role", _text(actor.get("role")))
    _add(pairs, GB + "countryName", _text(actor.get("country")))
    country_id = actor.get("country_id")
    country = known_actors.get(country_id) if isinstance(country_id, str) else None
    if country is not None and country_id != actor_id and country.get("type") == "Country":
        pairs.append((GB + "affiliatedWith", actor_iri(country_id)))
    _add(pairs, OWL + "sameAs", wikidata_iri(actor))
    return actor_iri(actor_id), pairs


def describe_article(article: dict[str, Any]) -> Description:
    """An article node: what a reader needs to find the source again."""
    pairs: list[tuple[str, Term]] = [
        (RDF_TYPE, IRI(GB + "Article")),
        (GB + "identifier", Lit(_clean(str(article["id"])))),
    ]
    _add(pairs, DCTERMS + "title", _text(article.get("title")))
    _add(pairs, DCTERMS + "date", _date(article.get("date")))
    url = _text(article.get("url"))
    _add(pairs, SCHEMA + "url", Lit(url.lexical, XSD_ANYURI) if url else None)
    _add(pairs, DCTERMS + "source", _text(article.get("source")))
    _add(pairs, DCTERMS + "spatial", _text(article.get("place")))  # the wire dateline's place
    return article_iri(article["id"]), pairs


def relation_problem(rel: Any) -> str | None:
    """Why a relation record cannot be written as RDF, or None when it can."""
    if not isinstance(rel, dict):
        return "not a JSON object"
    for role in ("subject", "object"):
        ref = rel.get(role)
        if not isinstance(ref, dict) or not isinstance(ref.get("id"), str) or not ref["id"]:
            return f"no {role} actor id"
    if rel.get("family") not in FAMILIES:
        return f"family {rel.get('family')!r} is not one of {', '.join(FAMILIES)}"
    if rel.get("modality") not in MODALITIES:
        return f"modality {rel.get('modality')!r} is not one of {', '.join(MODALITIES)}"
    if not isinstance(rel.get("kind"), str) or not rel["kind"]:
        return "no kind"
    if not isinstance(rel.get("negated"), bool):
        return f"negated {rel.get('negated')!r} is not true or false"
    for key in ("id", "article_id"):
        if not isinstance(rel.get(key), str) or not rel[key]:
            return f"no {key}"
    return None


def describe_statement(rel: dict[str, Any]) -> Description:
    """The reified statement: evidence, negation, modality, confidence, provenance."""
    trigger = rel.get("trigger") if isinstance(rel.get("trigger"), dict) else {}
    speaker = rel.get("speaker") if isinstance(rel.get("speaker"), dict) else {}
    pairs: list[tuple[str, Term]] = [
        (RDF_TYPE, IRI(GB + "Statement")),
        (GB + "identifier", Lit(_clean(rel["id"]))),
        (GB + "subject", actor_iri(rel["subject"]["id"])),
        (GB + "object", actor_iri(rel["object"]["id"])),
    ]
    if isinstance(speaker.get("id"), str) and speaker["id"]:
        pairs.append((GB + "speaker", actor_iri(speaker["id"])))
    pairs += [(GB + "family", Lit(rel["family"])), (GB + "kind", Lit(_clean(rel["kind"])))]
    _add(pairs, GB + "cameo", _text(rel.get("cameo")))
    _add(pairs, GB + "quadClass", _text(rel.get("quad_class")))
    _add(pairs, GB + "ploverType", _word(rel.get("plover_type"), _PLOVER_TYPE))
    _add(pairs, GB + "ploverMode", _word(rel.get("plover_mode")))
    contexts = rel.get("plover_context") if isinstance(rel.get("plover_context"), list) else []
    for context in dict.fromkeys(filter(None, map(_word, contexts))):
        pairs.append((GB + "ploverContext", context))
    _add(pairs, GB + "goldstein", _goldstein(rel.get("goldstein")))
    for role, name in (("subject", "subjectSector"), ("object", "objectSector")):
        _add(pairs, GB + name, _word(rel[role].get("sector"), _SECTOR))
    pairs += [
        (GB + "negated", _boolean(rel.get("negated"))),
        (GB + "modality", Lit(rel["modality"])),
        (GB + "factual", _boolean(is_factual(rel))),
    ]
    _add(pairs, GB + "confidence", _confidence(rel.get("confidence")))
    sentence = rel.get("sentence")
    _add(pairs, GB + "sentence", Lit(_clean(sentence)) if isinstance(sentence, str) else None)
    _add(pairs, GB + "start", _integer(rel.get("start")))
    _add(pairs, GB + "end", _integer(rel.get("end")))
    trigger_text = trigger.get("text")
    _add(
        pairs, GB + "trigger", Lit(_clean(trigger_text)) if isinstance(trigger_text, str) else None
    )
    _add(pairs, GB + "triggerStart", _integer(trigger.get("start")))
    _add(pairs, GB + "triggerEnd", _integer(trigger.get("end")))
    pairs.append((PROV + "wasDerivedFrom", article_iri(rel["article_id"])))
    _add(pairs, DCTERMS + "date", _date(rel.get("date")))
    return statement_iri(rel["id"]), pairs


def describe_direct(rel: dict[str, Any]) -> list[Description]:
    """The plain actor-to-actor triples of a factual statement (none for the rest).

    The family property is written next to the kind's sub-property, and
    ``gb:meets`` both ways, so SPARQL without a reasoner sees what OWL entails. A kind
    the relation ontology files under another family than the record's is left out:
    its sub-property would entail that other family.
    """
    if not is_factual(rel):
        return []
    subject, obj = actor_iri(rel["subject"]["id"]), actor_iri(rel["object"]["id"])
    family = IRI(FAMILY_PROPERTY[rel["family"]])
    pairs: list[tuple[str, Term]] = []
    kind = kind_property(rel["kind"])
    known = load_ontology().kinds.get(rel["kind"])
    if kind is not None and kind != family and (known is None or known.family == rel["family"]):
        pairs.append((kind, obj))
    pairs.append((family, obj))
    descriptions = [(subject, pairs)]
    if rel["family"] == "MEETS" and subject != obj:
        descriptions.append((obj, [(family, subject)]))
    return descriptions


def describe_event(
    event: dict[str, Any], left_out: set[str] | frozenset = frozenset()
) -> Description:
    """An event (a line of ``events.jsonl``): its actors, family and kind, first and last
    date, counts, and the statements that report it (those in ``left_out`` were not written)."""
    pairs: list[tuple[str, Term]] = [
        (RDF_TYPE, IRI(GB + "Event")),
        (GB + "identifier", Lit(_clean(str(event["id"])))),
        (GB + "family", Lit(str(event["family"]))),
    ]
    _add(pairs, GB + "kind", _text(event.get("kind")))
    pairs += [
        (GB + "eventSubject", actor_iri(event["subject"]["id"])),
        (GB + "eventObject", actor_iri(event["object"]["id"])),
        (GB + "symmetric", _boolean(event.get("symmetric"))),
    ]
    _add(pairs, GB + "firstDate", _date(event.get("date")))
    _add(pairs, GB + "lastDate", _date(event.get("last_date")))
    statements = [str(s) for s in event.get("statements") or () if str(s) not in left_out]
    pairs += [
        (GB + "statementCount", Lit(str(len(statements)), XSD_INTEGER)),
        (GB + "articleCount", Lit(str(len(event.get("articles") or ())), XSD_INTEGER)),
        (GB + "sourceCount", Lit(str(int(event.get("sources") or 0)), XSD_INTEGER)),
    ]
    pairs += [(GB + "reportedBy", statement_iri(s)) for s in statements]
    return event_iri(event["id"]), pairs


def _describe_events(kg: KnowledgeGraph, left_out: set[str]) -> Iterator[Description]:
    """The events of ``DIR/events.jsonl`` (none without it), streamed."""
    for event in iter_jsonl(kg.directory / EVENTS):
        if any(s not in left_out for s in event.get("statements") or ()):
            yield describe_event(event, left_out)


def dyad_iri(subject_id: str, family: str, object_id: str) -> IRI:
    return IRI(f"{DYAD}{_iri_segment(subject_id)}/{family}/{_iri_segment(object_id)}")


def describe_dyad(dyad: dict[str, Any]) -> Description:
    """A dyad record (``graph.dyads.build_dyads``): its actors, family, counts, dates and stance."""
    pairs: list[tuple[str, Term]] = [
        (RDF_TYPE, IRI(GB + "Dyad")),
        (GB + "dyadSubject", actor_iri(dyad["subject"])),
        (GB + "dyadObject", actor_iri(dyad["object"])),
        (GB + "family", Lit(str(dyad["family"]))),
    ]
    for name, predicate in (
        ("statements", "statementCount"),
        ("events", "eventCount"),
        ("articles", "articleCount"),
        ("sources", "sourceCount"),
    ):
        pairs.append((GB + predicate, Lit(str(int(dyad[name])), XSD_INTEGER)))
    _add(pairs, GB + "firstDate", _date(dyad.get("first_date")))
    _add(pairs, GB + "lastDate", _date(dyad.get("last_date")))
    pairs.append((GB + "stance", Lit(f"{float(dyad['stance']):.4f}", XSD_DECIMAL)))
    goldstein = dyad.get("goldstein")
    if goldstein is not None:
        pairs.append((GB + "goldstein", Lit(f"{float(goldstein):.3f}", XSD_DECIMAL)))
    return dyad_iri(dyad["subject"], dyad["family"], dyad["object"]), pairs


def describe_graph(kg: KnowledgeGraph) -> Iterator[Description]:
    """The whole graph as descriptions: actors, articles, mentions, statements, events.

    Only the actors and the article ids are held in memory; relations and
    mentions are streamed from the build directory.
    """
    actors = kg.actors
    for actor_id in sorted(actors):
        yield describe_actor(actors[actor_id], actors)
    written_actors = set(actors)
    article_ids: set[str] = set()
    for article in kg.articles(with_text=False):
        if isinstance(article.get("id"), str) and article["id"] not in article_ids:
            article_ids.add(article["id"])
            yield describe_article(article)
    yield from _describe_mentions(kg, actors, article_ids)
    skipped = 0
    left_out: set[str] = set()
    for rel in kg.relations():
        problem = relation_problem(rel)
        if problem:
            skipped += 1
            rel_id = rel.get("id", "?") if isinstance(rel, dict) else "?"
            log.warning("%s: relation %s not written as RDF: %s", kg.directory, rel_id, problem)
            left_out.add(str(rel_id))
            continue
        for role in ("subject", "object", "speaker"):
            ref = rel.get(role)
            if isinstance(ref, dict) and isinstance(ref.get("id"), str) and ref["id"]:
                if ref["id"] not in written_actors:  # referenced but not in actors.jsonl
                    written_actors.add(ref["id"])
                    yield describe_actor(ref, actors)
        if rel["article_id"] not in article_ids:
            article_ids.add(rel["article_id"])
            yield describe_article({"id": rel["article_id"]})
        yield describe_statement(rel)
        yield from describe_direct(rel)
    if skipped:
        log.warning("%s: %d malformed relations left out of the RDF", kg.directory, skipped)
    yield from _describe_events(kg, left_out)
    for dyad in build_dyads(kg, skip=left_out):
        yield describe_dyad(dyad)


def _describe_mentions(
    kg: KnowledgeGraph, actors: dict[str, Any], article_ids: set[str]
) -> Iterator[Description]:
    """``article schema:mentions actor``, one description per run of an article's mentions."""
    current: str | None = None
    mentioned: list[IRI] = []
    for mention in kg.mentions():
        article_id, actor_id = mention.get("article_id"), mention.get("actor_id")
        if article_id not in article_ids or actor_id not in actors:
            continue
        if article_id != current:
            if mentioned:
                yield article_iri(current), [(SCHEMA + "mentions", m) for m in mentioned]
            current, mentioned = article_id, []
        iri = actor_iri(actor_id)
        if iri not in mentioned:
            mentioned.append(iri)
    if mentioned:
        yield article_iri(current), [(SCHEMA + "mentions", m) for m in mentioned]


# ---------------------------------------------------------------------------
# Formatting terms
# ---------------------------------------------------------------------------

_ECHAR = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}
_NEEDS_ESCAPE = re.compile('["\\\\\x00-\x1f\x7f\ufffe\uffff]')


def _escape_char(match: re.Match[str]) -> str:
    char = match.group()
    return _ECHAR.get(char) or f"\\u{ord(char):04X}"


def escape_string(text: str) -> str:
    """Escape a literal's lexical form for N-Triples, Turtle (and SPARQL) strings.

    Quotes, backslashes and line breaks get their short escapes, other control
    characters ``\\uXXXX``; all other Unicode is written as UTF-8.
    """
    return _NEEDS_ESCAPE.sub(_escape_char, _clean(text))


def _nt_literal(lit: Lit) -> str:
    quoted = f'"{escape_string(lit.lexical)}"'
    if lit.datatype is None or lit.datatype == XSD_STRING:
        return quoted
    return f"{quoted}^^<{lit.datatype}>"


# a Turtle / JSON-LD local name we may write after a prefix (a safe subset of PN_LOCAL)
_PN_LOCAL = re.compile(r"[A-Za-z0-9_](?:[A-Za-z0-9_:-]*[A-Za-z0-9_-])?")
_BARE_LITERAL = {
    XSD_INTEGER: re.compile(r"[+-]?[0-9]+"),
    XSD_DECIMAL: re.compile(r"[+-]?[0-9]*\.[0-9]+"),
    XSD_BOOLEAN: re.compile(r"true|false"),
}


class _Compactor:
    """Prefixed names (``actor:Q148``) where the local part is safe, else None; cached."""

    def __init__(self, prefixes: dict[str, str]):
        # longest namespace first, so actor/... wins over a shorter namespace it starts with
        self.namespaces = sorted(((ns, p) for p, ns in prefixes.items()), key=lambda x: -len(x[0]))
        self.cache: dict[str, str | None] = {}

    def compact(self, iri: str) -> str | None:
        if iri in self.cache:
            return self.cache[iri]
        compacted = None
        for namespace, prefix in self.namespaces:
            if iri.startswith(namespace) and _PN_LOCAL.fullmatch(iri[len(namespace) :]):
                compacted = f"{prefix}:{iri[len(namespace) :]}"
                break
        if len(self.cache) < 100_000:
            self.cache[iri] = compacted
        return compacted


class _TurtleTerms(_Compactor):
    """Turtle spelling of terms: prefixed names where safe, bare numbers and booleans."""

    def iri(self, iri: str) -> str:
        if iri == RDF_TYPE:
            return "a"
        return self.compact(iri) or f"<{iri}>"

    def term(self, term: Term) -> str:
        if isinstance(term, IRI):
            return self.iri(term)
        bare = _BARE_LITERAL.get(term.datatype or "")
        if bare is not None and bare.fullmatch(term.lexical):
            return term.lexical
        quoted = f'"{escape_string(term.lexical)}"'
        if term.datatype is None or term.datatype == XSD_STRING:
            return quoted
        return f"{quoted}^^{self.iri(term.datatype)}"


def _to_rdflib(term: Term) -> rdflib.term.Node:
    if isinstance(term, IRI):
        return rdflib.URIRef(term)
    if term.datatype is None or term.datatype == XSD_STRING:
        return rdflib.Literal(term.lexical)
    return rdflib.Literal(term.lexical, datatype=rdflib.URIRef(term.datatype))


# ---------------------------------------------------------------------------
# Writers
# ---------------------------------------------------------------------------


@contextmanager
def _atomic_output(path: str | Path) -> Iterator[IO[str]]:
    """Write to a temporary file beside ``path`` and rename it into place on success."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle = tempfile.NamedTemporaryFile(
        "w",
        encoding="utf-8",
        newline="\n",
        dir=path.parent,
        prefix=f".{path.name}.",
        suffix=".tmp",
        delete=False,
        buffering=1 << 20,
    )
    try:
        with handle:
            yield handle
        os.chmod(handle.name, 0o644)  # temporary files are created private
        os.replace(handle.name, path)
    except BaseException:
        Path(handle.name).unlink(missing_ok=True)
        raise


def write_ntriples(kg: KnowledgeGraph, path: str | Path, previous: Path | None = None) -> int:
    """Stream the graph as N-Triples to ``path``; returns the number of lines written.

    ``previous`` is accepted for the derived-output contract and not used: an
    actor merged by a later build changes nodes anywhere in the file, and
    streaming the whole graph again is cheap.
    """
    iris: dict[str, str] = {}

    def spell(iri: str) -> str:
        spelled = iris.get(iri)
        if spelled is None:
            spelled = f"<{iri}>"
            if len(iris) < 100_000:
                iris[iri] = spelled
        return spelled

    count = 0
    with _atomic_output(path) as out:
        for subject, pairs in describe_graph(kg):
            s = spell(subject)
            lines = [
                f"{s} {spell(p)} {spell(o) if isinstance(o, IRI) else _nt_literal(o)} .\n"
                for p, o in pairs
            ]
            out.write("".join(lines))
            count += len(lines)
    return count


def write_turtle(kg: KnowledgeGraph, path: str | Path, previous: Path | None = None) -> int:
    """Stream the graph as Turtle to ``path``; returns the number of triples written.

    This is ``DERIVED_OUTPUTS["graph.ttl"]`` of every build.

    One block per description, objects of a repeated predicate joined with
    commas. ``previous`` is not used (see ``write_ntriples``).
    """
    terms = _TurtleTerms(PREFIXES)
    count = 0
    with _atomic_output(path) as out:
        out.write("# graphbuild knowledge graph; ontology: https://w3id.org/graphbuild/ontology\n")
        out.write("".join(f"@prefix {p}: <{ns}> .\n" for p, ns in PREFIXES.items()))
        for subject, pairs in describe_graph(kg):
            parts = [f"\n{terms.iri(subject)}"]
            previous_predicate = None
            for predicate, obj in pairs:
                if predicate == previous_predicate:
                    parts.append(f", {terms.term(obj)}")
                else:
                    separator = " " if previous_predicate is None else " ;\n    "
                    parts.append(f"{separator}{terms.iri(predicate)} {terms.term(obj)}")
                    previous_predicate = predicate
            parts.append(" .\n")
            out.write("".join(parts))
            count += len(pairs)
    return count


class _JsonLdNodes(_Compactor):
    """JSON-LD node objects with prefixed names, expanded by the document's ``@context``."""

    def name(self, iri: str) -> str:
        return self.compact(iri) or iri

    def value(self, term: Term) -> dict[str, str]:
        if isinstance(term, IRI):
            return {"@id": self.name(term)}
        if term.datatype is None or term.datatype == XSD_STRING:
            return {"@value": term.lexical}
        return {"@value": term.lexical, "@type": self.name(term.datatype)}

    def node(self, subject: IRI, pairs: list[tuple[str, Term]]) -> dict[str, Any]:
        node: dict[str, Any] = {"@id": self.name(subject)}
        for predicate, obj in pairs:
            if predicate == RDF_TYPE:
                node.setdefault("@type", []).append(self.name(obj))
            else:
                node.setdefault(self.name(predicate), []).append(self.value(obj))
        return node


def write_jsonld(kg: KnowledgeGraph, path: str | Path, previous: Path | None = None) -> int:
    """Stream the graph as a JSON-LD document (``@context`` of prefixes, then ``@graph``).

    Returns the number of triples written; ``previous`` is not used (see ``write_ntriples``).
    """
    nodes = _JsonLdNodes(PREFIXES)
    count = 0
    with _atomic_output(path) as out:
        out.write('{\n"@context": ' + json.dumps(PREFIXES, indent=1) + ',\n"@graph": [\n')
        first = True
        for subject, pairs in describe_graph(kg):
            node = json.dumps(nodes.node(subject, pairs), ensure_ascii=False)
            out.write(node if first else ",\n" + node)
            first = False
            count += len(pairs)
        out.write("\n]\n}\n")
    return count


def to_graph(kg: KnowledgeGraph) -> rdflib.Graph:
    """The graph as an in-memory rdflib Graph (for small graphs, tests and notebooks)."""
    graph = rdflib.Graph()
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True)
    for subject, pairs in describe_graph(kg):
        s = rdflib.URIRef(subject)
        for predicate, obj in pairs:
            graph.add((s, rdflib.URIRef(predicate), _to_rdflib(obj)))
    return graph


#: ``graphbuild export --format`` name -> writer.
WRITERS: dict[str, Callable[..., int]] = {
    "ttl": write_turtle,
    "nt": write_ntriples,
    "jsonld": write_jsonld,
}
