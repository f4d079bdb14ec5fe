"""The RDF of a real build: ``graphbuild build seeds/`` writes graph.ttl, which
validates against the shapes and answers the seed article's questions in SPARQL.

Needs the project's spaCy pipeline and the relation extractor (the session's
``seed_build`` fixture runs the real build)."""

from __future__ import annotations

import pyshacl
import pytest
import rdflib

from graphbuild.graph import KnowledgeGraph
from graphbuild.records import is_factual
from graphbuild.stores import rdf

PREFIXES = "\n".join(f"PREFIX {p}: <{ns}>" for p, ns in rdf.PREFIXES.items()) + "\n"

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def seed_graph(seed_build) -> rdflib.Graph:
    path = seed_build / "graph.ttl"
    assert path.exists(), "graphbuild build did not write graph.ttl"
    return rdflib.Graph().parse(path, format="turtle")


def test_seed_graph_conforms_to_the_shapes(seed_graph):
    shapes = rdflib.Graph().parse(rdf.SHAPES_FILE, format="turtle")
    conforms, _, report = pyshacl.validate(seed_graph, shacl_graph=shapes)
    assert conforms, report


def test_seed_graph_holds_every_statement_and_only_factual_direct_triples(seed_build, seed_graph):
    kg = KnowledgeGraph.load(seed_build)
    relations = list(kg.relations())
    statements = set(seed_graph.subjects(rdflib.RDF.type, rdflib.URIRef(rdf.GB + "Statement")))
    assert {str(s) for s in statements} == {rdf.statement_iri(r["id"]) for r in relations}
    for rel in relations:
        subject, obj = rdf.actor_iri(rel["subject"]["id"]), rdf.actor_iri(rel["object"]["id"])
        family = rdflib.URIRef(rdf.FAMILY_PROPERTY[rel["family"]])
        if is_factual(rel):
            assert (rdflib.URIRef(subject), family, rdflib.URIRef(obj)) in seed_graph, rel[
                "sentence"
            ]


def test_xi_meets_putin_in_march_2023(seed_graph):
    rows = seed_graph.query(
        PREFIXES
        + """
        SELECT DISTINCT ?a ?b WHERE {
            ?s a gb:Statement ; gb:family "MEETS" ; gb:factual true ; dcterms:date ?date ;
               gb:subject ?x ; gb:object ?y .
            ?x a gb:Person ; gb:name ?a . ?y a gb:Person ; gb:name ?b .
            FILTER (?date >= "2023-03-01"^^xsd:date && ?date < "2023-04-01"^^xsd:date)
        }"""
    )
    pairs = {frozenset((str(a), str(b))) for a, b in rows}
    assert frozenset(("Xi Jinping", "Vladimir Putin")) in pairs
    assert seed_graph.query(PREFIXES + "ASK { actor:Q7747 gb:meets actor:Q15031 }").askAnswer


def test_nobody_is_said_to_meet_zelensky(seed_graph):
    """The seed only wonders whether Xi will speak to Zelensky: evidence, not an edge."""
    rows = seed_graph.query(
        PREFIXES + 'SELECT ?a WHERE { ?a gb:meets ?z . ?z gb:name "Volodymyr Zelensky" }'
    )
    assert list(rows) == []
