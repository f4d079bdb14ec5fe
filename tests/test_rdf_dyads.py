"""gb:Dyad in RDF: the records of graph.dyads, valid under the SHACL shapes and the ontology.

The build is the one of tests/test_events.py (one state visit told by three articles of
two outlets, a later visit, a strike reported twice, a hypothetical that counts nowhere).
"""

from __future__ import annotations

import owlrl
import pytest
import rdflib
from rdflib import RDF, Literal, URIRef
from test_events import build as build  # noqa: F401 - the fixture, reused
from test_rdf_events import ERROR_MESSAGE, GB, _validate

from graphbuild.graph import KnowledgeGraph
from graphbuild.graph.dyads import build_dyads
from graphbuild.graph.events import write_events
from graphbuild.stores import rdf

DYADS = """
SELECT ?s ?o ?family ?statements ?events ?articles ?sources ?first ?last ?stance WHERE {
  ?d a gb:Dyad ; gb:dyadSubject ?s ; gb:dyadObject ?o ; gb:family ?family ;
     gb:statementCount ?statements ; gb:eventCount ?events ; gb:articleCount ?articles ;
     gb:sourceCount ?sources ; gb:firstDate ?first ; gb:lastDate ?last ; gb:stance ?stance .
} ORDER BY ?s ?o ?family
"""


@pytest.fixture
def events_build(build):  # noqa: F811
    write_events(KnowledgeGraph.load(build), build / "events.jsonl")
    return build


@pytest.mark.parametrize("fmt", ["ttl", "nt", "jsonld"])
def test_every_format_holds_the_dyads_of_graph_dyads_and_conforms(events_build, tmp_path, fmt):
    path = tmp_path / f"graph.{fmt}"
    rdf.WRITERS[fmt](KnowledgeGraph.load(events_build), path)
    parse_as = {"ttl": "turtle", "nt": "nt", "jsonld": "json-ld"}[fmt]
    data = rdflib.Graph().parse(path, format=parse_as)
    conforms, text = _validate(data)
    assert conforms, text
    rows = [
        [str(r[0]).rsplit("/", 1)[1], str(r[1]).rsplit("/", 1)[1], *(v.toPython() for v in r[2:])]
        for r in data.query(DYADS, initNs=rdf.PREFIXES)
    ]
    expected = [
        [d["subject"], d["object"], d["family"], d["statements"], d["events"], d["articles"],
         d["sources"], d["first_date"], d["last_date"], d["stance"]]
        for d in build_dyads(KnowledgeGraph.load(events_build))
    ]  # fmt: skip
    assert len(rows) == len(expected) == 3
    for row, want in zip(rows, expected, strict=True):
        assert row[:7] == want[:7]
        assert [str(row[7]), str(row[8])] == want[7:9]
        assert float(row[9]) == pytest.approx(want[9])


def test_shapes_reject_a_dyad_without_subject_or_with_a_stance_out_of_range(events_build):
    data = rdf.to_graph(KnowledgeGraph.load(events_build))
    dyad = next(data.subjects(RDF.type, GB.Dyad))
    data.remove((dyad, GB.dyadSubject, None))
    conforms, text = _validate(data)
    assert not conforms and "subject actor" in text
    data = rdf.to_graph(KnowledgeGraph.load(events_build))
    dyad = next(data.subjects(RDF.type, GB.Dyad))
    data.remove((dyad, GB.stance, None))
    data.add((dyad, GB.stance, Literal("1.5", datatype=rdflib.XSD.decimal)))
    conforms, text = _validate(data)
    assert not conforms and "stance" in text


def test_dyads_are_consistent_with_the_ontology_under_owl_rl(events_build):
    ontology = rdflib.Graph().parse(rdf.ONTOLOGY_FILE, format="turtle")
    data = rdf.to_graph(KnowledgeGraph.load(events_build))
    graph = rdflib.Graph() + ontology + data
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(graph)
    errors = [
        str(m) for e in graph.subjects(RDF.type, ERROR_MESSAGE) for m in graph.objects(e, None)
    ]
    assert errors == []
    dyad = URIRef(rdf.dyad_iri("Q15031", "MEETS", "Q7747"))
    assert (dyad, RDF.type, GB.Event) not in graph  # the shared count properties entail no Event
    declared = set(ontology.subjects(RDF.type, None))
    used = set(data.predicates()) | set(data.objects(None, RDF.type))
    assert used - declared - {RDF.type, rdflib.RDFS.label, rdflib.OWL.sameAs} == set()
