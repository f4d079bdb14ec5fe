"""RDF export: every format validates against the SHACL shapes, parses back to
the same graph, and answers the analyst's SPARQL questions; negated and
hypothetical statements never become direct triples."""

from __future__ import annotations

from pathlib import Path

import pyshacl
import pytest
import rdflib
from build_dir_fixture import actor_ref, relation_record
from build_dir_fixture import write_build_dir as write_dir
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graphbuild.graph import KnowledgeGraph
from graphbuild.stores import rdf

FORMATS = {"ttl": "turtle", "nt": "nt", "jsonld": "json-ld"}
SPARQL_PREFIXES = "\n".join(f"PREFIX {p}: <{ns}>" for p, ns in rdf.PREFIXES.items()) + "\n"

NASTY = 'He said "no" \\ then\nleft\ttoday\r\x00\x07 — 习近平 ☭ 🇺🇦 مرحبا \u200f end'

ACTORS = [
    {
        "id": "Q15031",
        "name": "Xi Jinping",
        "type": "Person",
        "aliases": ["Xi", "Chinese leader Xi Jinping"],
        "country": "China",
        "country_id": "Q148",
        "wikidata": "Q15031",
        "role": "President of China",
    },
    {
        "id": "Q7747",
        "name": "Vladimir Putin",
        "type": "Person",
        "aliases": ["Putin"],
        "country": "Russia",
        "country_id": "Q159",
        "wikidata": "Q7747",
        "role": "President of Russia",
    },
    {
        "id": "Q3881",
        "name": "Volodymyr Zelensky",
        "type": "Person",
        "aliases": ["Zelenskyy"],
        "country": "Ukraine",
        "country_id": "Q212",
        "wikidata": None,
        "role": None,
    },
    {
        "id": "Q6279",
        "name": "Joe Biden",
        "type": "Person",
        "aliases": [],
        "country": "United States",
        "country_id": "Q30",
        "wikidata": "Q6279",
        "role": None,
    },
    {
        "id": "person:oleg-nikolenko",
        "name": "Oleg Nikolenko",
        "type": "Person",
        "aliases": ["Nikolenko"],
        "country": "Ukraine",
        "country_id": "Q212",
        "wikidata": None,
        "role": "spokesman",
    },
    {
        "id": "Q148",
        "name": "China",
        "type": "Country",
        "aliases": ["Beijing", "PRC"],
        "wikidata": "Q148",
    },
    {
        "id": "Q159",
        "name": "Russia",
        "type": "Country",
        "aliases": ["Moscow", "the Kremlin"],
        "wikidata": "Q159",
    },
    {"id": "Q212", "name": "Ukraine", "type": "Country", "aliases": ["Kyiv"], "wikidata": "Q212"},
    {
        "id": "Q30",
        "name": "United States",
        "type": "Country",
        "aliases": ["U.S.", "Washington"],
        "wikidata": "Q30",
    },
    {
        "id": "Q7184",
        "name": "NATO",
        "type": "Organization",
        "aliases": ["the alliance"],
        "wikidata": "Q7184",
    },
    {
        "id": "org:wagner-group",
        "name": "Wagner Group",
        "type": "ArmedGroup",
        "aliases": ["Wagner"],
        "country": "Russia",
        "country_id": "Q159",
    },
    {"id": "group:western-countries", "name": 'Western "allies"', "type": "Group", "aliases": []},
]
ARTICLES = [
    {
        "id": "a1a1a1a1a1a1a1a1",
        "text": "…",
        "title": 'Xi in Moscow: "a new era"',
        "date": "2023-03-20",
        "url": 'https://example.org/xi?a=1&b="2"',
        "source": "Example News",
    },
    {
        "id": "b2b2b2b2b2b2b2b2",
        "text": "…",
        "title": "Biden in Kyiv",
        "date": "2023-02-20",
        "url": None,
        "source": None,
    },
    {
        "id": "c3c3c3c3c3c3c3c3",
        "text": "…",
        "title": None,
        "date": "not a date",
        "url": "",
        "source": "wire",
    },
]


def _rel(
    subject,
    family,
    kind,
    obj,
    article="a1a1a1a1a1a1a1a1",
    date="2023-03-20",
    *,
    negated=False,
    modality="asserted",
    sentence="A sentence.",
    start=0,
    speaker=None,
    confidence=0.8,
    cameo="040",
):
    refs = {a["id"]: actor_ref(a) for a in ACTORS}
    ref = refs.get(subject) or {
        "id": subject,
        "name": subject.split(":")[-1].title(),
        "type": "Person",
    }
    return relation_record(
        ref, family, kind, refs[obj], article=article, date=date, sentence=sentence,
        negated=negated, modality=modality, confidence=confidence, cameo=cameo,
        quad_class="verbal_conflict" if family == "OPPOSES" else "verbal_cooperation",
        start=start, trigger={"text": "met", "start": start, "end": start + 3},
        speaker=refs[speaker] if speaker else None,
    )  # fmt: skip


RELATIONS = [
    _rel(
        "Q15031",
        "MEETS",
        "VISITS",
        "Q159",
        sentence="Xi Jinping arrived in Moscow on Monday.",
        cameo="042",
    ),
    _rel("Q15031", "MEETS", "MEETS", "Q7747", sentence="Xi and Putin held talks.", start=40),
    _rel(
        "Q7747",
        "SUPPORTS",
        "PRAISES",
        "Q15031",
        sentence="Putin praised Xi's leadership.",
        start=80,
        cameo="051",
    ),
    _rel(
        "Q148",
        "SUPPORTS",
        "ALIGNS",
        "Q159",
        sentence="Beijing stands with Moscow.",
        start=120,
        cameo="050",
    ),
    _rel(
        "Q30",
        "SUPPORTS",
        "ENDORSES",
        "Q159",
        sentence="Washington has not endorsed Moscow.",
        start=160,
        negated=True,
        cameo="051",
    ),
    _rel(
        "Q15031",
        "MEETS",
        "CALLS",
        "Q3881",
        sentence="It is unclear whether Xi will speak to Zelensky.",
        start=200,
        modality="hypothetical",
        cameo="041",
    ),
    _rel(
        "Q15031",
        "MEETS",
        "MEETS",
        "Q3881",
        sentence="Xi did not meet Zelensky.",
        start=260,
        negated=True,
    ),
    _rel(
        "Q7747",
        "MEETS",
        "VISITS",
        "Q212",
        sentence="Putin will visit Kyiv.",
        start=300,
        modality="future",
        cameo="042",
    ),
    _rel(
        "person:oleg-nikolenko",
        "OPPOSES",
        "CRITICIZES",
        "Q148",
        sentence=NASTY,
        start=340,
        modality="reported",
        speaker="person:oleg-nikolenko",
        cameo="111",
    ),
    _rel(
        "Q6279",
        "MEETS",
        "MEETS",
        "Q3881",
        article="b2b2b2b2b2b2b2b2",
        date="2023-02-20",
        sentence="Biden met Zelensky in Kyiv.",
        start=5,
    ),
    _rel(
        "Q6279",
        "MEETS",
        "VISITS",
        "Q212",
        article="b2b2b2b2b2b2b2b2",
        date="2023-02-20",
        sentence="Biden met Zelensky in Kyiv.",
        start=5,
        cameo="042",
    ),
    _rel(
        "Q7184",
        "OPPOSES",
        "CONDEMNS",
        "org:wagner-group",
        article="c3c3c3c3c3c3c3c3",
        date=None,
        sentence="NATO condemned Wagner.",
        cameo="111",
        confidence=1.7,
    ),
    _rel(
        "group:western-countries",
        "OPPOSES",
        "SANCTIONS",
        "Q159",
        article="c3c3c3c3c3c3c3c3",
        date=None,
        sentence="Western allies sanctioned Russia.",
        start=30,
        cameo="163",
    ),
    # an actor known only from the relation, an article known only from the relation
    _rel(
        "person:li-hui",
        "MEETS",
        "VISITS",
        "Q212",
        article="d4d4d4d4d4d4d4d4",
        date="2023-05-16",
        sentence="Li Hui visited Kyiv.",
        cameo="042",
    ),
]
# a demand by a government to an army: a request, not a stance, with the sectors it names
_DEMAND = _rel(
    "Q6279",
    "REQUESTS",
    "DEMANDS",
    "Q159",
    article="b2b2b2b2b2b2b2b2",
    date="2023-02-20",
    sentence="Biden's envoys demanded that Russian forces pull back.",
    start=60,
    cameo="1056",
)
_DEMAND["subject"]["sector"], _DEMAND["object"]["sector"] = "GOV", "MIL"
RELATIONS.append(_DEMAND)
MENTIONS = [
    {
        "article_id": "a1a1a1a1a1a1a1a1",
        "actor_id": "Q15031",
        "text": "Xi",
        "start": 0,
        "end": 2,
        "how": "name",
    },
    {
        "article_id": "a1a1a1a1a1a1a1a1",
        "actor_id": "Q15031",
        "text": "he",
        "start": 9,
        "end": 11,
        "how": "pronoun",
    },
    {
        "article_id": "a1a1a1a1a1a1a1a1",
        "actor_id": "Q159",
        "text": "Moscow",
        "start": 20,
        "end": 26,
        "how": "metonym",
    },
    {
        "article_id": "b2b2b2b2b2b2b2b2",
        "actor_id": "Q6279",
        "text": "Biden",
        "start": 0,
        "end": 5,
        "how": "name",
    },
    {
        "article_id": "b2b2b2b2b2b2b2b2",
        "actor_id": "nobody",
        "text": "X",
        "start": 0,
        "end": 1,
        "how": "name",
    },
]


def write_build_dir(
    directory: Path, actors=ACTORS, articles=ARTICLES, relations=RELATIONS, mentions=MENTIONS
) -> KnowledgeGraph:
    """A build directory in the documented JSONL format, without running the extractor."""
    return KnowledgeGraph.load(
        write_dir(
            directory, actors=actors, articles=articles, relations=relations, mentions=mentions
        )
    )


@pytest.fixture(scope="module")
def kg(tmp_path_factory) -> KnowledgeGraph:
    return write_build_dir(tmp_path_factory.mktemp("rdf") / "kg")


@pytest.fixture(scope="module")
def exports(kg, tmp_path_factory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("rdf-out")
    paths = {}
    for fmt, writer in rdf.WRITERS.items():
        paths[fmt] = out / f"graph.{fmt}"
        assert writer(kg, paths[fmt]) > 0
    return paths


@pytest.fixture(scope="module")
def graph(exports) -> rdflib.Graph:
    return rdflib.Graph().parse(exports["ttl"], format="turtle")


def ask(graph: rdflib.Graph, query: str) -> set[tuple[str, ...]]:
    return {tuple(str(v) for v in row) for row in graph.query(SPARQL_PREFIXES + query)}


def shapes() -> rdflib.Graph:
    return rdflib.Graph().parse(rdf.SHAPES_FILE, format="turtle")


# --- every format round-trips and validates ----------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_export_parses_back_to_the_same_graph(kg, exports, fmt):
    expected = rdf.to_graph(kg)
    parsed = rdflib.Graph().parse(exports[fmt], format=FORMATS[fmt])
    assert len(parsed) == len(expected) > 200
    assert set(parsed) == set(expected)


@pytest.mark.parametrize("fmt", FORMATS)
def test_export_conforms_to_the_shapes(exports, fmt):
    data = rdflib.Graph().parse(exports[fmt], format=FORMATS[fmt])
    conforms, _, report = pyshacl.validate(data, shacl_graph=shapes())
    assert conforms, report


def test_export_conforms_with_the_ontology_and_rdfs_inference(graph):
    ontology = rdflib.Graph().parse(rdf.ONTOLOGY_FILE, format="turtle")
    conforms, _, report = pyshacl.validate(
        graph, shacl_graph=shapes(), ont_graph=ontology, inference="rdfs"
    )
    assert conforms, report


def test_writers_count_every_line_they_write(kg, exports):
    lines = [
        line for line in exports["nt"].read_text(encoding="utf-8").splitlines() if line.strip()
    ]
    assert len(lines) == rdf.write_ntriples(kg, exports["nt"])
    assert (
        rdf.write_turtle(kg, exports["ttl"])
        == len(lines)
        == rdf.write_jsonld(kg, exports["jsonld"])
    )


def test_writers_leave_no_temporary_files(exports):
    assert sorted(p.name for p in exports["ttl"].parent.iterdir()) == [
        "graph.jsonld",
        "graph.nt",
        "graph.ttl",
    ]


# --- the shapes catch what is wrong ----------------------------------------------------


def _violations(data: rdflib.Graph) -> str:
    conforms, _, report = pyshacl.validate(data, shacl_graph=shapes())
    assert not conforms
    return report


def test_shapes_reject_a_statement_without_subject_or_provenance(graph):
    broken = rdflib.Graph() + graph
    statement = next(broken.subjects(rdflib.RDF.type, rdflib.URIRef(rdf.GB + "Statement")))
    broken.remove((statement, rdflib.URIRef(rdf.GB + "subject"), None))
    broken.remove((statement, rdflib.PROV.wasDerivedFrom, None))
    report = _violations(broken)
    assert "exactly one subject" in report and "provenance article" in report


def test_shapes_reject_bad_modality_confidence_and_actor_type(graph):
    broken = rdflib.Graph() + graph
    statement = next(broken.subjects(rdflib.RDF.type, rdflib.URIRef(rdf.GB + "Statement")))
    broken.set((statement, rdflib.URIRef(rdf.GB + "modality"), rdflib.Literal("rumoured")))
    broken.set(
        (
            statement,
            rdflib.URIRef(rdf.GB + "confidence"),
            rdflib.Literal("1.5", datatype=rdflib.XSD.decimal),
        )
    )
    xi = rdflib.URIRef(rdf.ACTOR + "Q15031")
    broken.remove((xi, rdflib.RDF.type, rdflib.URIRef(rdf.GB + "Person")))
    report = _violations(broken)
    assert "rumoured" in report and "between 0 and 1" in report and "needs a type" in report


def test_shapes_reject_a_direct_triple_with_no_factual_statement(graph):
    broken = rdflib.Graph() + graph
    us, russia = rdflib.URIRef(rdf.ACTOR + "Q30"), rdflib.URIRef(rdf.ACTOR + "Q159")
    broken.add((us, rdflib.URIRef(rdf.GB + "supports"), russia))  # the negated ENDORSES
    assert "no factual gb:Statement" in _violations(broken)


def test_shapes_reject_a_factual_statement_without_its_direct_triple(graph):
    broken = rdflib.Graph() + graph
    broken.remove((rdflib.URIRef(rdf.ACTOR + "Q148"), rdflib.URIRef(rdf.GB + "supports"), None))
    assert "needs the direct triple" in _violations(broken)


def test_shapes_reject_bad_plover_codes_goldstein_and_sectors(graph):
    broken = rdflib.Graph() + graph
    statement = rdflib.URIRef(rdf.STATEMENT + _DEMAND["id"])
    broken.set((statement, rdflib.URIRef(rdf.GB + "ploverType"), rdflib.Literal("DEMAND")))
    broken.set(
        (
            statement,
            rdflib.URIRef(rdf.GB + "goldstein"),
            rdflib.Literal("12.5", datatype=rdflib.XSD.decimal),
        )
    )
    broken.set((statement, rdflib.URIRef(rdf.GB + "subjectSector"), rdflib.Literal("government")))
    report = _violations(broken)
    assert "one PLOVER event type" in report and "between -10 and 10" in report
    assert "government" in report


def test_shapes_reject_a_requests_triple_without_its_statement(graph):
    broken = rdflib.Graph() + graph
    xi, ukraine = rdflib.URIRef(rdf.ACTOR + "Q15031"), rdflib.URIRef(rdf.ACTOR + "Q212")
    broken.add((xi, rdflib.URIRef(rdf.GB + "requests"), ukraine))
    assert "no factual gb:Statement" in _violations(broken)


# --- SPARQL an analyst would write ----------------------------------------------------


def test_a_demand_is_a_request_never_a_stance(graph):
    assert graph.query(SPARQL_PREFIXES + "ASK { actor:Q6279 gb:requests actor:Q159 }").askAnswer
    rows = ask(graph, "SELECT ?p WHERE { actor:Q6279 ?p actor:Q159 }")
    assert (rdf.GB + "supports",) not in rows and (rdf.GB + "opposes",) not in rows
    # in the ontology gb:requests is no kind of support or opposition, even under inference
    ontology = rdflib.Graph().parse(rdf.ONTOLOGY_FILE, format="turtle")
    requests = rdflib.URIRef(rdf.GB + "requests")
    ancestors = set(ontology.transitive_objects(requests, rdflib.RDFS.subPropertyOf))
    assert rdflib.URIRef(rdf.GB + "supports") not in ancestors
    assert rdflib.URIRef(rdf.GB + "opposes") not in ancestors
    assert rdflib.URIRef(rdf.GB + "relatesTo") in ancestors


def test_statements_carry_plover_codes_goldstein_and_sectors(graph):
    rows = ask(
        graph,
        f"""
        SELECT ?type ?mode ?goldstein ?subjectSector ?objectSector WHERE {{
            statement:{_DEMAND["id"]} gb:ploverType ?type ; gb:ploverMode ?mode ;
                gb:goldstein ?goldstein ; gb:subjectSector ?subjectSector ;
                gb:objectSector ?objectSector .
        }}""",
    )
    assert rows == {("REQUEST", "yield", "-5.0", "GOV", "MIL")}
    contexts = ask(graph, f"SELECT ?c WHERE {{ statement:{_DEMAND['id']} gb:ploverContext ?c }}")
    assert contexts == {("military",)}
    # CAMEO 111 (criticise) is PLOVER ACCUSE, Goldstein -2; no sector where none was coded
    rows = ask(
        graph,
        """
        SELECT ?s ?score WHERE {
            ?s gb:cameo "111" ; gb:ploverType "ACCUSE" ; gb:goldstein ?score .
            FILTER NOT EXISTS { ?s gb:subjectSector ?any }
        }""",
    )
    assert {score for _, score in rows} == {"-2.0"} and len(rows) == 2
    # the Goldstein scale orders the acts: SANCTIONS (163) below the visit (042)
    rows = ask(
        graph,
        """
        SELECT ?cameo ?score WHERE { ?s gb:cameo ?cameo ; gb:goldstein ?score .
                                     FILTER (?cameo IN ("163", "042")) }""",
    )
    assert rows == {("163", "-8.0"), ("042", "1.9")}


def test_who_supports_russia(graph):
    rows = ask(graph, "SELECT ?name WHERE { ?a gb:supports actor:Q159 ; gb:name ?name }")
    assert rows == {("China",)}  # the U.S. endorsement is negated


def test_which_leaders_met_in_march_2023(graph):
    rows = ask(
        graph,
        """
        SELECT DISTINCT ?a ?b WHERE {
            ?s a gb:Statement ; gb:family "MEETS" ; gb:factual true ; dcterms:date ?date ;
               gb:subject/gb:name ?a ; gb:object/gb:name ?b ;
               gb:subject/a gb:Person ; gb:object/a gb:Person .
            FILTER (?date >= "2023-03-01"^^xsd:date && ?date < "2023-04-01"^^xsd:date)
        }""",
    )
    assert rows == {("Xi Jinping", "Vladimir Putin")}


def test_meets_reads_both_ways_and_kinds_carry_their_family(graph):
    for query in (
        "ASK { actor:Q7747 gb:meets actor:Q15031 }",
        "ASK { actor:Q15031 gb:meets actor:Q7747 }",
        "ASK { actor:Q15031 gb:visits actor:Q159 ; gb:meets actor:Q159 }",
        "ASK { actor:Q7747 gb:praises actor:Q15031 ; gb:supports actor:Q15031 }",
    ):
        assert graph.query(SPARQL_PREFIXES + query).askAnswer, query
    assert not graph.query(SPARQL_PREFIXES + "ASK { actor:Q159 gb:visits actor:Q15031 }").askAnswer


def test_negated_hypothetical_and_future_statements_are_evidence_only(graph):
    for query in (
        "ASK { actor:Q30 ?p actor:Q159 }",  # negated endorsement
        "ASK { actor:Q15031 ?p actor:Q3881 }",  # hypothetical call, negated meeting
        "ASK { actor:Q3881 ?p actor:Q15031 }",
        "ASK { actor:Q7747 gb:visits actor:Q212 }",
    ):  # future visit
        assert not graph.query(SPARQL_PREFIXES + query).askAnswer, query
    rows = ask(
        graph,
        """
        SELECT ?kind ?negated ?modality WHERE {
            ?s gb:subject actor:Q15031 ; gb:object actor:Q3881 ;
               gb:kind ?kind ; gb:negated ?negated ; gb:modality ?modality ; gb:factual false .
        }""",
    )
    assert rows == {("CALLS", "false", "hypothetical"), ("MEETS", "true", "asserted")}


def test_statement_carries_evidence_and_provenance(graph):
    rows = ask(
        graph,
        """
        SELECT ?sentence ?start ?end ?trigger ?title ?url ?source ?date WHERE {
            ?s gb:subject actor:Q15031 ; gb:kind "VISITS" ; gb:sentence ?sentence ;
               gb:start ?start ; gb:end ?end ; gb:trigger ?trigger ; dcterms:date ?date ;
               prov:wasDerivedFrom ?article .
            ?article a gb:Article ; dcterms:title ?title ; schema:url ?url ;
                     dcterms:source ?source .
        }""",
    )
    assert rows == {
        (
            "Xi Jinping arrived in Moscow on Monday.",
            "0",
            "39",
            "met",
            'Xi in Moscow: "a new era"',
            'https://example.org/xi?a=1&b="2"',
            "Example News",
            "2023-03-20",
        )
    }


def test_reported_statement_names_its_speaker(graph):
    rows = ask(graph, "SELECT ?name WHERE { ?s gb:modality 'reported' ; gb:speaker/gb:name ?name }")
    assert rows == {("Oleg Nikolenko",)}


def test_actors_have_types_names_countries_and_wikidata(graph):
    rows = ask(
        graph,
        """
        SELECT ?name ?country ?wd WHERE {
            ?a a gb:Person ; gb:name ?name ; gb:affiliatedWith/gb:name ?country .
            OPTIONAL { ?a owl:sameAs ?wd }
        }""",
    )
    assert ("Xi Jinping", "China", "http://www.wikidata.org/entity/Q15031") in rows
    assert ("Oleg Nikolenko", "Ukraine", "None") in rows  # no Wikidata id: no owl:sameAs
    assert ask(graph, "SELECT ?a WHERE { ?a owl:sameAs wd:Q3881 }") == {(rdf.ACTOR + "Q3881",)}
    assert ask(graph, f"SELECT ?t WHERE {{ <{rdf.ACTOR}org:wagner-group> a ?t }}") == {
        (rdf.GB + "Actor",),
        (rdf.GB + "ArmedGroup",),
    }


def test_articles_list_the_actors_they_mention_once(graph):
    rows = ask(
        graph, "SELECT ?name WHERE { article:a1a1a1a1a1a1a1a1 schema:mentions/gb:name ?name }"
    )
    assert rows == {("Xi Jinping",), ("Russia",)}
    mentions = list(
        graph.objects(rdflib.URIRef(rdf.ARTICLE + "a1a1a1a1a1a1a1a1"), rdflib.SDO.mentions)
    )
    assert len(mentions) == 2


def test_actors_and_articles_known_only_from_a_relation_get_nodes(graph):
    rows = ask(
        graph,
        """
        SELECT ?name ?article WHERE {
            ?s gb:subject ?a ; prov:wasDerivedFrom ?article . ?a gb:name ?name ; a gb:Person .
            ?article a gb:Article . FILTER (?a = <https://w3id.org/graphbuild/id/actor/person:li-hui>)
        }""",
    )
    assert rows == {("Li-Hui", rdf.ARTICLE + "d4d4d4d4d4d4d4d4")}


def test_bad_values_are_left_out_not_written_wrong(graph):
    article = rdflib.URIRef(rdf.ARTICLE + "c3c3c3c3c3c3c3c3")
    assert (article, rdflib.DCTERMS.date, None) not in graph  # "not a date"
    assert (article, rdflib.SDO.url, None) not in graph  # empty url
    confidences = {float(c) for c in graph.objects(None, rdflib.URIRef(rdf.GB + "confidence"))}
    assert confidences == {0.8, 1.0}  # 1.7 clamped into [0, 1]


# --- literal escaping -----------------------------------------------------------------


def test_nasty_sentence_survives_every_format(kg, exports):
    for fmt, syntax in FORMATS.items():
        parsed = rdflib.Graph().parse(exports[fmt], format=syntax)
        sentences = {str(s) for s in parsed.objects(None, rdflib.URIRef(rdf.GB + "sentence"))}
        assert NASTY in sentences, fmt


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=st.text(min_size=1, max_size=60), title=st.text(max_size=30))
def test_any_unicode_text_round_trips(tmp_path_factory, text, title):
    directory = tmp_path_factory.mktemp("unicode")
    rel = _rel("Q15031", "MEETS", "VISITS", "Q159", sentence=text, cameo="042")
    kg = write_build_dir(
        directory,
        actors=ACTORS[:1] + ACTORS[6:7],
        articles=[dict(ARTICLES[0], title=title)],
        relations=[rel],
        mentions=[],
    )
    expected = rdf.to_graph(kg)
    for fmt, syntax in FORMATS.items():
        rdf.WRITERS[fmt](kg, directory / f"g.{fmt}")
        parsed = rdflib.Graph().parse(directory / f"g.{fmt}", format=syntax)
        assert set(parsed) == set(expected), fmt
        assert {str(s) for s in parsed.objects(None, rdflib.URIRef(rdf.GB + "sentence"))} == {text}


def test_lone_surrogates_become_replacement_characters(tmp_path):
    rel = _rel("Q15031", "MEETS", "VISITS", "Q159", sentence="bad \ud800 half", cameo="042")
    kg = write_build_dir(tmp_path / "kg", relations=[rel])
    for fmt, syntax in FORMATS.items():
        rdf.WRITERS[fmt](kg, tmp_path / f"g.{fmt}")
        parsed = rdflib.Graph().parse(tmp_path / f"g.{fmt}", format=syntax)
        assert "bad \ufffd half" in {
            str(s) for s in parsed.objects(None, rdflib.URIRef(rdf.GB + "sentence"))
        }


def test_odd_actor_ids_make_valid_iris(tmp_path):
    odd = {"id": 'group:the "odd" <one> ü/x', "name": "Odd", "type": "Group"}
    rel = _rel("Q15031", "OPPOSES", "CRITICIZES", "Q159", cameo="111")
    rel["object"] = odd
    kg = write_build_dir(tmp_path / "kg", actors=[odd, *ACTORS], relations=[rel])
    for fmt, syntax in FORMATS.items():
        rdf.WRITERS[fmt](kg, tmp_path / f"g.{fmt}")
        parsed = rdflib.Graph().parse(tmp_path / f"g.{fmt}", format=syntax)
        assert set(parsed) == set(rdf.to_graph(kg)), fmt
        ids = {str(o) for o in parsed.objects(None, rdflib.URIRef(rdf.GB + "identifier"))}
        assert odd["id"] in ids


# --- bad input never crashes ---------------------------------------------------------------


def test_malformed_relations_are_skipped_with_a_warning(tmp_path, caplog):
    good = _rel("Q15031", "MEETS", "VISITS", "Q159", cameo="042")
    bad = [
        dict(good, id="r1", family="LIKES"),
        dict(good, id="r2", subject=None),
        dict(good, id="r3", modality="rumoured"),
        dict(good, id="r4", kind=None),
        {key: value for key, value in good.items() if key != "negated"},
        ["not", "a", "dict"],
    ]
    kg = write_build_dir(tmp_path / "kg", relations=[*bad, good])
    count = rdf.write_ntriples(kg, tmp_path / "g.nt")
    parsed = rdflib.Graph().parse(tmp_path / "g.nt", format="nt")
    assert len(parsed) == count
    assert len(set(parsed.subjects(rdflib.RDF.type, rdflib.URIRef(rdf.GB + "Statement")))) == 1
    assert "relation r1 not written as RDF: family 'LIKES'" in caplog.text
    assert "6 malformed relations" in caplog.text
    conforms, _, report = pyshacl.validate(parsed, shacl_graph=shapes())
    assert conforms, report


def test_empty_build_directory_writes_valid_empty_documents(tmp_path):
    kg = write_build_dir(tmp_path / "kg", actors=[], articles=[], relations=[], mentions=[])
    for fmt, syntax in FORMATS.items():
        assert rdf.WRITERS[fmt](kg, tmp_path / f"g.{fmt}") == 0
        assert len(rdflib.Graph().parse(tmp_path / f"g.{fmt}", format=syntax)) == 0


def test_failed_write_keeps_the_previous_file(kg, tmp_path, monkeypatch):
    target = tmp_path / "graph.ttl"
    target.write_text("old", encoding="utf-8")

    def explode(_kg):
        yield from rdf.describe_graph(kg)
        raise RuntimeError("disk full")

    monkeypatch.setattr(rdf, "describe_graph", explode)
    with pytest.raises(RuntimeError):
        rdf.write_turtle(kg, target)
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["graph.ttl"]


# --- naming rule shared with the ontology ---------------------------------------------------


@pytest.mark.parametrize(
    "kind, local",
    [
        ("VISITS", "visits"),
        ("SIGNS_AGREEMENT", "signsAgreement"),
        ("MEETS", "meets"),
        ("visits", None),
        ("A B", None),
        ("", None),
    ],
)
def test_kind_property_naming(kind, local):
    assert rdf.kind_property(kind) == (rdf.GB + local if local else None)


def test_a_kind_filed_under_another_family_writes_only_the_family_triple():
    """A record whose family differs from its kind's family in the relation ontology would
    entail that other family through the kind's sub-property: only the family is written."""
    rel = _rel("Q30", "REQUESTS", "PRAISES", "Q159", sentence="Washington asked Moscow.")
    [(subject, pairs)] = rdf.describe_direct(rel)
    assert subject == rdf.actor_iri("Q30")
    assert pairs == [(rdf.GB + "requests", rdf.actor_iri("Q159"))]
    rel = _rel("Q30", "SUPPORTS", "PRAISES", "Q159", sentence="Washington praised Moscow.")
    [(_, pairs)] = rdf.describe_direct(rel)
    assert [p for p, _ in pairs] == [rdf.GB + "praises", rdf.GB + "supports"]
