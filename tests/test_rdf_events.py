"""gb:Event in RDF: written from events.jsonl, valid under the SHACL shapes and the ontology.

The build is the one of tests/test_events.py (one state visit told by three articles of
two outlets, a strike reported twice, ...).
"""

from __future__ import annotations

import datetime

import owlrl
import pyshacl
import pytest
import rdflib
from rdflib import RDF, Literal, URIRef
from test_events import build as build  # noqa: F401 - the fixture, reused

from graphbuild.graph import KnowledgeGraph
from graphbuild.graph.events import write_events
from graphbuild.stores import rdf

GB = rdflib.Namespace(rdf.GB)
ERROR_MESSAGE = URIRef("http://www.daml.org/2002/03/agents/agent-ont#ErrorMessage")


@pytest.fixture
def events_build(build):  # noqa: F811
    write_events(KnowledgeGraph.load(build), build / "events.jsonl")
    return build


def _shapes() -> rdflib.Graph:
    return rdflib.Graph().parse(rdf.SHAPES_FILE, format="turtle")


def _validate(data: rdflib.Graph) -> tuple[bool, str]:
    conforms, _, text = pyshacl.validate(data, shacl_graph=_shapes(), inference="none")
    return conforms, text


VISIT = """
SELECT ?event ?first ?last ?sources (COUNT(?s) AS ?reports) WHERE {
  ?event a gb:Event ; gb:family "MEETS" ; gb:eventSubject actor:Q15031 ;
         gb:eventObject actor:Q7747 ; gb:firstDate ?first ; gb:lastDate ?last ;
         gb:sourceCount ?sources ; gb:reportedBy ?s .
} GROUP BY ?event ?first ?last ?sources ORDER BY ?first
"""


@pytest.mark.parametrize("fmt", ["ttl", "nt", "jsonld"])
def test_every_format_holds_the_events_and_conforms(events_build, tmp_path, fmt):
    path = tmp_path / f"graph.{fmt}"
    rdf.WRITERS[fmt](KnowledgeGraph.load(events_build), path)
    parse_as = {"ttl": "turtle", "nt": "nt", "jsonld": "json-ld"}[fmt]
    data = rdflib.Graph().parse(path, format=parse_as)
    assert len(set(data.subjects(RDF.type, GB.Event))) == 4
    conforms, text = _validate(data)
    assert conforms, text
    rows = [[r.toPython() for r in row[1:]] for row in data.query(VISIT, initNs=rdf.PREFIXES)]
    march, july = datetime.date(2023, 3, 20), datetime.date(2023, 7, 2)
    assert rows == [[march, datetime.date(2023, 3, 21), 2, 3], [july, july, 1, 1]]


def test_statements_report_their_event_and_not_facts_none(events_build):
    data = rdf.to_graph(KnowledgeGraph.load(events_build))
    reported = {str(s).rsplit("/", 1)[1] for s in data.objects(None, GB.reportedBy)}
    assert reported == {"s1", "s2", "s3", "s4", "s5", "s6", "s7"}  # never s8 (hypothetical)
    strike = next(e for e in data.subjects(GB.reportedBy, URIRef(rdf.STATEMENT + "s5")))
    assert (strike, GB.kind, Literal("ATTACKS")) in data
    assert (strike, GB.symmetric, Literal(False)) in data
    assert (strike, GB.statementCount, Literal(2)) in data


def test_no_events_file_no_events(build):  # noqa: F811
    data = rdf.to_graph(KnowledgeGraph.load(build))
    assert list(data.subjects(RDF.type, GB.Event)) == []


def test_shapes_reject_an_event_of_a_hypothetical_statement_or_without_actor(events_build):
    data = rdf.to_graph(KnowledgeGraph.load(events_build))
    event = next(data.subjects(GB.reportedBy, URIRef(rdf.STATEMENT + "s4")))
    data.add((event, GB.reportedBy, URIRef(rdf.STATEMENT + "s8")))  # not a fact
    conforms, text = _validate(data)
    assert not conforms and "factual" in text
    data = rdf.to_graph(KnowledgeGraph.load(events_build))
    event = next(data.subjects(GB.reportedBy, URIRef(rdf.STATEMENT + "s4")))
    data.remove((event, GB.eventSubject, None))
    conforms, text = _validate(data)
    assert not conforms and "subject actor" in text
    data = rdf.to_graph(KnowledgeGraph.load(events_build))
    other = next(data.subjects(GB.reportedBy, URIRef(rdf.STATEMENT + "s5")))
    data.add((other, GB.reportedBy, URIRef(rdf.STATEMENT + "s4")))  # two events for s4
    conforms, text = _validate(data)
    assert not conforms and "at most one event" in text


def test_events_are_consistent_with_the_ontology_under_owl_rl(events_build):
    ontology = rdflib.Graph().parse(rdf.ONTOLOGY_FILE, format="turtle")
    graph = rdflib.Graph() + ontology + rdf.to_graph(KnowledgeGraph.load(events_build))
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(graph)
    errors = [
        str(m) for e in graph.subjects(RDF.type, ERROR_MESSAGE) for m in graph.objects(e, None)
    ]
    assert errors == []
    s1 = URIRef(rdf.STATEMENT + "s1")
    event = next(graph.objects(s1, GB.reports))  # the inverse of gb:reportedBy, entailed
    assert (event, RDF.type, rdflib.SDO.Event) in graph
    declared = set(ontology.subjects(RDF.type, None))
    data = rdf.to_graph(KnowledgeGraph.load(events_build))
    used = set(data.predicates()) | set(data.objects(None, RDF.type))
    assert used - declared - {RDF.type, rdflib.RDFS.label, rdflib.OWL.sameAs} == set()
