"""The OWL ontology parses, agrees with the relation ontology data file, and is
consistent under OWL 2 RL reasoning together with an export."""

from __future__ import annotations

from pathlib import Path

import owlrl
import pyshacl
import pytest
import rdflib
from rdflib import OWL, RDF, RDFS, URIRef
from test_rdf import write_build_dir  # the small build directory those tests use

from graphbuild.records import FAMILIES
from graphbuild.relations import Kind, load_ontology
from graphbuild.stores import rdf

GB = rdflib.Namespace(rdf.GB)
ONTOLOGY = URIRef("https://w3id.org/graphbuild/ontology")
ERROR_MESSAGE = URIRef("http://www.daml.org/2002/03/agents/agent-ont#ErrorMessage")


@pytest.fixture(scope="module")
def ontology() -> rdflib.Graph:
    return rdflib.Graph().parse(rdf.ONTOLOGY_FILE, format="turtle")


@pytest.fixture(scope="module")
def relation_kinds() -> dict[str, Kind]:
    return load_ontology().kinds


def kind_properties(ontology: rdflib.Graph) -> dict[str, URIRef]:
    return {str(name): prop for prop, name in ontology.subject_objects(GB.kindName)}


def family_of(ontology: rdflib.Graph, prop: URIRef) -> str | None:
    """The family a property belongs to: itself or its nearest super-property with gb:familyName."""
    for ancestor in ontology.transitive_objects(prop, RDFS.subPropertyOf):
        name = ontology.value(ancestor, GB.familyName)
        if name is not None:
            return str(name)
    return None


def test_ontology_declares_itself_with_a_stable_namespace(ontology):
    assert (ONTOLOGY, RDF.type, OWL.Ontology) in ontology
    assert (
        str(ontology.value(ONTOLOGY, URIRef("http://purl.org/vocab/vann/preferredNamespaceUri")))
        == rdf.GB
    )


def test_families_are_properties_and_only_meets_is_symmetric(ontology):
    for family in FAMILIES:
        prop = GB[family.lower()]
        assert (prop, RDF.type, OWL.ObjectProperty) in ontology
        assert family_of(ontology, prop) == family
    assert (GB.meets, RDF.type, OWL.SymmetricProperty) in ontology
    assert (GB.supports, RDF.type, OWL.SymmetricProperty) not in ontology
    assert (GB.opposes, RDF.type, OWL.SymmetricProperty) not in ontology


def test_every_kind_property_has_a_family_super_property(ontology):
    kinds = kind_properties(ontology)
    assert len(kinds) >= 24
    for name, prop in kinds.items():
        assert family_of(ontology, prop) in FAMILIES, name
        assert str(prop) == rdf.kind_property(name), (
            f"{name}: property must be named {rdf.kind_property(name)}"
        )
        assert ontology.value(prop, RDFS.label) is not None, name


def test_every_kind_of_the_relation_ontology_has_its_property(ontology, relation_kinds):
    properties = kind_properties(ontology)
    for name, kind in relation_kinds.items():
        prop = properties.get(name)
        assert prop is not None, f"ontologies/graphbuild.ttl has no property for kind {name}"
        assert family_of(ontology, prop) == kind.family, name
        assert str(ontology.value(prop, GB.cameoCode)) == kind.cameo, name
        symmetric = (prop, RDF.type, OWL.SymmetricProperty) in ontology
        assert symmetric == kind.symmetric, f"{name}: symmetric should be {not symmetric}"
    stale = set(properties) - set(relation_kinds) - set(FAMILIES)
    assert not stale, f"kinds in the OWL ontology but not in the relation ontology: {stale}"


def test_actor_classes_align_with_schema_org_foaf_and_prov(ontology):
    subclass = set(ontology.subject_objects(RDFS.subClassOf))
    for child, parent in [
        (GB.Person, GB.Actor),
        (GB.Person, rdflib.FOAF.Person),
        (GB.Person, rdflib.SDO.Person),
        (GB.Country, GB.Actor),
        (GB.Organization, rdflib.SDO.Organization),
        (GB.ArmedGroup, GB.Organization),
        (GB.Group, GB.Actor),
        (GB.Actor, rdflib.PROV.Agent),
        (GB.Article, rdflib.SDO.NewsArticle),
        (GB.Statement, rdflib.PROV.Entity),
    ]:
        assert (child, parent) in subclass, (child, parent)
    assert (GB.name, RDFS.subPropertyOf, rdflib.SDO.name) in ontology


def test_every_term_the_writer_uses_is_declared(ontology):

    declared = set(ontology.subjects(RDF.type, None))
    builtin = {RDF.type, RDFS.label, OWL.sameAs}
    kg = write_build_dir(Path(pytest.importorskip("tempfile").mkdtemp()) / "kg")
    data = rdf.to_graph(kg)
    used = {p for p in data.predicates()} | set(data.objects(None, RDF.type))
    assert used - declared - builtin == set()


def test_shapes_are_valid_shacl():
    shapes = rdflib.Graph().parse(rdf.SHAPES_FILE, format="turtle")
    # meta_shacl checks the shapes graph itself against the SHACL-SHACL shapes
    conforms, _, report = pyshacl.validate(rdflib.Graph(), shacl_graph=shapes, meta_shacl=True)
    assert conforms, report


def _closure(graph: rdflib.Graph) -> rdflib.Graph:
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(graph)
    return graph


def _errors(graph: rdflib.Graph) -> list[str]:
    return [str(m) for e in graph.subjects(RDF.type, ERROR_MESSAGE) for m in graph.objects(e, None)]


@pytest.fixture(scope="module")
def reasoned(ontology, tmp_path_factory) -> rdflib.Graph:
    kg = write_build_dir(tmp_path_factory.mktemp("owl") / "kg")
    return _closure(rdflib.Graph() + ontology + rdf.to_graph(kg))


def test_export_is_consistent_under_owl_rl(reasoned):
    assert _errors(reasoned) == []


def test_owl_rl_entails_families_symmetry_and_alignments(reasoned):
    xi, putin, russia = (URIRef(rdf.ACTOR + q) for q in ("Q15031", "Q7747", "Q159"))
    assert (xi, GB.relatesTo, russia) in reasoned  # visits < meets < relatesTo
    assert (putin, GB.meets, xi) in reasoned
    assert (xi, RDF.type, rdflib.FOAF.Person) in reasoned
    assert (xi, RDF.type, rdflib.PROV.Agent) in reasoned
    assert (URIRef(rdf.WIKIDATA + "Q15031"), GB.name, rdflib.Literal("Xi Jinping")) in reasoned


def test_owl_rl_reports_an_actor_that_is_both_person_and_country(ontology, tmp_path):
    kg = write_build_dir(tmp_path / "kg")
    data = rdf.to_graph(kg)
    data.add((URIRef(rdf.ACTOR + "Q15031"), RDF.type, GB.Country))
    assert _errors(_closure(rdflib.Graph() + ontology + data))
