"""Events: statements of different articles that report one happening become one event."""

from __future__ import annotations

import json

import pytest
from build_dir_fixture import relation_record, write_jsonl
from build_dir_fixture import write_build_dir as write_dir

from graphbuild.graph import KnowledgeGraph
from graphbuild.graph.events import event_date, find_events, write_events
from graphbuild.graph.networkx import to_multigraph
from graphbuild.schemas import validation_errors

XI = {"id": "Q15031", "name": "Xi Jinping", "type": "Person"}
PUTIN = {"id": "Q7747", "name": "Vladimir Putin", "type": "Person"}
RUSSIA = {"id": "Q159", "name": "Russia", "type": "Country"}
UKRAINE = {"id": "Q212", "name": "Ukraine", "type": "Country"}


def test_event_date_reads_days_relative_to_the_article():
    # 2023-03-22 is a Wednesday
    assert event_date("Xi arrived in Moscow on Monday for talks.", "2023-03-22") == "2023-03-20"
    assert event_date("The leaders met on Wednesday.", "2023-03-22") == "2023-03-22"
    assert event_date("Talks were held last Thursday.", "2023-03-22") == "2023-03-16"
    assert event_date("Putin hosted Xi yesterday.", "2023-03-22") == "2023-03-21"
    assert event_date("The two sides met last week.", "2023-03-22") == "2023-03-15"
    assert event_date("Putin and Xi signed a statement.", "2023-03-22") == "2023-03-22"
    # explicit days and datelines: this year's, or last year's when that would be later
    assert event_date("MOSCOW, March 20 (Wire) - Xi met Putin.", "2023-03-22") == "2023-03-20"
    assert event_date("The ministers met on 3 March.", "2023-03-22") == "2023-03-03"
    assert event_date("They last met on Dec. 30.", "2023-01-04") == "2022-12-30"
    assert event_date("Sept 30 talks ended without a deal.", "2023-10-02") == "2023-09-30"
    # a date with its own year is history ("signed on December 5, 1994"), not this event's
    assert event_date("The memorandum signed on December 5, 1994 binds them.", "2023-03-22") == (
        "2023-03-22"
    )
    assert event_date("On Monday they met.", None) is None
    assert event_date("On Monday they met.", "not a date") is None


def _rel(n, subject, family, kind, obj, article, date, sentence, cameo=None, **extra):
    return relation_record(
        subject, family, kind, obj, article=article, date=date, sentence=sentence,
        id=f"s{n}", cameo=cameo, **extra,
    )  # fmt: skip


ARTICLES = [
    {"id": "a1", "title": "Xi lands in Moscow", "date": "2023-03-20", "source": "wire",
     "url": None, "text": "."},
    {"id": "a2", "title": "Kremlin talks", "date": "2023-03-22", "source": "paper",
     "url": None, "text": ".."},
    {"id": "a3", "title": "Summit recap", "date": "2023-03-23", "source": "wire",
     "url": None, "text": "..."},
    {"id": "a4", "title": "A second visit", "date": "2023-07-02", "source": "paper",
     "url": None, "text": "...."},
    {"id": "a5", "title": "Strikes", "date": "2023-03-21", "source": "wire", "url": None,
     "text": "....."},
]  # fmt: skip

RELATIONS = [
    # one state visit, told three ways by three articles of two outlets
    _rel(1, XI, "MEETS", "VISITS", PUTIN, "a1", "2023-03-20", "Xi Jinping arrived in Moscow."),
    _rel(2, PUTIN, "MEETS", "HOSTS", XI, "a2", "2023-03-22",
         "Putin welcomed Xi to the Kremlin on Monday."),
    _rel(3, XI, "MEETS", "NEGOTIATES", PUTIN, "a3", "2023-03-23",
         "The two presidents held talks on Tuesday."),
    # another meeting months later: another event
    _rel(4, XI, "MEETS", "VISITS", PUTIN, "a4", "2023-07-02", "Xi met Putin again."),
    # one strike, reported twice; a criticism the same day is something else
    _rel(5, RUSSIA, "OPPOSES", "ATTACKS", UKRAINE, "a5", "2023-03-21", "Russia struck Kyiv.",
         cameo="190"),
    _rel(6, RUSSIA, "OPPOSES", "ATTACKS", UKRAINE, "a3", "2023-03-23",
         "Russian missiles hit Kyiv on Tuesday.", cameo="195"),
    _rel(7, RUSSIA, "OPPOSES", "CRITICIZES", UKRAINE, "a5", "2023-03-21",
         "Moscow denounced Kyiv.", cameo="111"),
    # not a fact: never part of an event
    _rel(8, XI, "MEETS", "VISITS", PUTIN, "a3", "2023-03-23", "Xi may visit again.",
         modality="hypothetical"),
]  # fmt: skip


def _events(relations=RELATIONS):
    dates = {a["id"]: a["date"] for a in ARTICLES}
    return {tuple(s.id for s in e.statements): e for e in find_events(relations, dates)}


def test_reports_of_one_happening_become_one_event():
    events = _events()
    assert set(events) == {("s1", "s2", "s3"), ("s4",), ("s5", "s6"), ("s7",)}
    visit = events[("s1", "s2", "s3")]
    record = visit.record({a["id"]: a["source"] for a in ARTICLES})
    assert record["symmetric"] and record["family"] == "MEETS"
    assert (record["date"], record["last_date"]) == ("2023-03-20", "2023-03-21")
    assert record["articles"] == ["a1", "a2", "a3"] and record["sources"] == 2
    assert record["kinds"] == {"HOSTS": 1, "NEGOTIATES": 1, "VISITS": 1}
    strike = events[("s5", "s6")].record({})
    assert strike["subject"]["id"] == "Q159" and not strike["symmetric"]


def test_direction_matters_except_for_meetings():
    back = _rel(9, UKRAINE, "OPPOSES", "ATTACKS", RUSSIA, "a5", "2023-03-21", "Kyiv hit back.",
                cameo="190")  # fmt: skip
    events = _events([*RELATIONS, back])
    assert ("s9",) in events and ("s5", "s6") in events


def test_undated_statements_join_only_their_own_article():
    undated = [
        _rel(10, XI, "MEETS", "VISITS", PUTIN, "x1", None, "Xi met Putin."),
        _rel(11, XI, "MEETS", "NEGOTIATES", PUTIN, "x1", None, "They talked."),
        _rel(12, XI, "MEETS", "VISITS", PUTIN, "x2", None, "Xi met Putin."),
    ]
    events = _events(undated)
    assert set(events) == {("s10", "s11"), ("s12",)}


@pytest.fixture
def build(tmp_path):
    actors = [{**a, "aliases": []} for a in (XI, PUTIN, RUSSIA, UKRAINE)]
    return write_dir(tmp_path / "kg", actors=actors, articles=ARTICLES, relations=RELATIONS)


def test_events_file_is_valid_deterministic_and_grows_with_new_articles(build):
    path = build / "events.jsonl"
    write_events(KnowledgeGraph.load(build), path)
    assert validation_errors(path) == []
    first = path.read_bytes()
    write_events(KnowledgeGraph.load(build), path)
    assert path.read_bytes() == first  # running again changes nothing
    before = {e["id"]: e for e in map(json.loads, first.decode().splitlines())}
    assert len(before) == 4
    # a new article reports the March visit again: it joins that event, whose id stays
    more = [*ARTICLES, {"id": "a6", "title": "Visit ends", "date": "2023-03-22",
                        "source": "radio", "url": None, "text": "......"}]  # fmt: skip
    late = _rel(13, PUTIN, "MEETS", "VISITS", XI, "a6", "2023-03-22", "Xi left Moscow today.")
    write_jsonl(build / "articles.jsonl", more)
    write_jsonl(build / "relations.jsonl", [*RELATIONS, late])
    write_events(KnowledgeGraph.load(build), path)
    after = {e["id"]: e for e in map(json.loads, path.read_text().splitlines())}
    assert set(after) == set(before)
    visit = next(e for e in after.values() if "s1" in e["statements"])
    assert visit["statements"] == ["s1", "s2", "s3", "s13"] and visit["sources"] == 3


def test_dyad_edges_count_events(build):
    write_events(KnowledgeGraph.load(build), build / "events.jsonl")
    graph = to_multigraph(KnowledgeGraph.load(build))
    visits = graph.edges["Q15031", "Q7747", "MEETS"]
    assert visits["count"] == 3  # s1, s3, s4 (s2 is Putin's side)
    assert visits["events"] == 2  # the March visit and the July one
    strikes = graph.edges["Q159", "Q212", "OPPOSES"]
    assert (strikes["count"], strikes["events"]) == (3, 2)


def test_events_in_the_embedded_store_follow_each_build(build, monkeypatch):
    from graphbuild.stores.embedded import run_query, write_store

    write_events(KnowledgeGraph.load(build), build / "events.jsonl")
    write_store(KnowledgeGraph.load(build), build / "graph.lbug")
    columns, rows = run_query(
        build,
        "MATCH (s:Statement)-[:REPORTS]->(e:Event)-[:EVENT_SUBJECT]->(a:Actor) "
        "WHERE e.family = 'MEETS' AND e.statements = 3 "
        "RETURN e.date, a.id, e.sources, collect(s.id) AS ids",
    )
    assert len(rows) == 1
    date, subject, sources, ids = rows[0]
    assert date == "2023-03-20" and subject == "Q15031" and sources == 2
    assert sorted(ids) == ["s1", "s2", "s3"]
    assert run_query(build, "MATCH (e:Event) RETURN count(e)")[1] == [[4]]
    # a later build adds an article: the store is extended, the events regrouped whole
    previous = build / "previous.lbug"
    (build / "graph.lbug").rename(previous)
    more = [*ARTICLES, {"id": "a6", "title": "Visit ends", "date": "2023-03-22",
                        "source": "radio", "url": None, "text": "......"}]  # fmt: skip
    late = _rel(13, PUTIN, "MEETS", "VISITS", XI, "a6", "2023-03-22", "Xi left Moscow today.")
    write_jsonl(build / "articles.jsonl", more)
    write_jsonl(build / "relations.jsonl", [*RELATIONS, late])
    write_events(KnowledgeGraph.load(build), build / "events.jsonl")
    from graphbuild.stores import embedded

    extended = []
    real_extend = embedded._try_extend
    monkeypatch.setattr(
        embedded, "_try_extend", lambda *a: extended.append(real_extend(*a)) or extended[-1]
    )
    write_store(KnowledgeGraph(build, new_article_ids={"a6"}), build / "graph.lbug", previous)
    assert extended == [True]  # the previous store, Event tables and all, was extended
    assert run_query(build, "MATCH (e:Event) RETURN count(e)")[1] == [[4]]
    assert run_query(
        build, "MATCH (s:Statement {id: 's13'})-[:REPORTS]->(e:Event) RETURN e.statements"
    )[1] == [[4]]
