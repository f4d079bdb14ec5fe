"""Issue 13 on hand-built parses: role-described agents carry their sector, places where
an attack fell are the state's territory, a meeting in the other side's country is a
visit, mediators relate to each side, requests are never support, and a stated intent is
an act of its own."""

from __future__ import annotations

from spacy.tokens import Doc
from test_relations import ACTORS, VOCAB, relations, triples

from graphbuild.actors import DocActors
from graphbuild.records import Actor, Article, Mention
from graphbuild.relations import extract_relations

ACTORS.setdefault(
    "Ruto", Actor("Q7372", "William Ruto", "Person", country="Kenya", country_id="Q114")
)
ACTORS.setdefault("Kenya", Actor("Q114", "Kenya", "Country"))
ACTORS.setdefault("Turkey", Actor("Q43", "Turkey", "Country"))


def test_agent_mentions_are_subjects_with_their_sector_and_places_are_targets():
    # Russian troops shelled Kharkiv .  ("Russian troops": Russia, agent, MIL; Kharkiv: place)
    rows = [
        ("Russian", "russian", "ADJ", 1, "amod"),
        ("troops", "troop", "NOUN", 2, "nsubj"),
        ("shelled", "shell", "VERB", 2, "ROOT"),
        ("Kharkiv", "Kharkiv", "PROPN", 2, "obj"),
        (".", ".", "PUNCT", 2, "punct"),
    ]
    doc = Doc(
        VOCAB,
        words=[r[0] for r in rows],
        lemmas=[r[1] for r in rows],
        pos=[r[2] for r in rows],
        heads=[r[3] for r in rows],
        deps=[r[4] for r in rows],
    )
    found = DocActors()
    for actor in (ACTORS["Russia"], ACTORS["Ukraine"]):
        found.actors[actor.id] = actor
    span = doc[0:2]
    found.mentions.append(
        Mention("Q159", span.text, span.start_char, span.end_char, "agent", 0, 2, "MIL")
    )
    found.mentions.append(Mention("Q212", "Kharkiv", doc[3].idx, doc[3].idx + 7, "place", 3, 4))
    rels = extract_relations(doc, found, Article.from_text(doc.text, date="2024-05-24"))
    assert triples(rels) == {("Russia", "ATTACKS", "Ukraine", False, "asserted")}
    assert rels[0]["subject"]["sector"] == "MIL" and rels[0]["object"]["sector"] is None
    assert rels[0]["cameo"] == "194"


def test_a_country_named_as_where_a_strike_fell_is_the_target_never_where_one_arrived():
    # Russia struck targets in Ukraine .
    rows = [
        ("Russia", "Russia", "PROPN", 1, "nsubj"),
        ("struck", "strike", "VERB", 1, "ROOT"),
        ("targets", "target", "NOUN", 1, "obj"),
        ("in", "in", "ADP", 4, "case"),
        ("Ukraine", "Ukraine", "PROPN", 2, "nmod"),
        (".", ".", "PUNCT", 1, "punct"),
    ]
    rels = relations(rows, {0: ("Russia", "name"), 4: ("Ukraine", "place")})
    assert triples(rels) == {("Russia", "ATTACKS", "Ukraine", False, "asserted")}
    # Russia met Ukraine in Turkey: a meeting's place is no target, and a third country
    meet = [
        ("Russia", "Russia", "PROPN", 1, "nsubj"),
        ("met", "meet", "VERB", 1, "ROOT"),
        ("Ukraine", "Ukraine", "PROPN", 1, "obj"),
        ("in", "in", "ADP", 4, "case"),
        ("Turkey", "Turkey", "PROPN", 1, "obl"),
        (".", ".", "PUNCT", 1, "punct"),
    ]
    rels = relations(meet, {0: ("Russia", "name"), 2: ("Ukraine", "name"), 4: ("Turkey", "place")})
    assert triples(rels) == {("Russia", "MEETS", "Ukraine", False, "asserted")}


def test_a_meeting_in_the_other_sides_country_is_a_visit():
    # Blinken met Ruto in Nairobi .
    rows = [
        ("Blinken", "Blinken", "PROPN", 1, "nsubj"),
        ("met", "meet", "VERB", 1, "ROOT"),
        ("Ruto", "Ruto", "PROPN", 1, "obj"),
        ("in", "in", "ADP", 4, "case"),
        ("Nairobi", "Nairobi", "PROPN", 1, "obl"),
        (".", ".", "PUNCT", 1, "punct"),
    ]
    ACTORS["Blinken"] = Actor(
        "Q4773", "Antony Blinken", "Person", country="United States", country_id="Q30"
    )
    try:
        rels = relations(
            rows, {0: ("Blinken", "alias"), 2: ("Ruto", "alias"), 4: ("Kenya", "place")}
        )
    finally:
        ACTORS["Blinken"] = Actor("person:antony-blinken", "Antony Blinken", "Person")
    assert triples(rels) == {
        ("Antony Blinken", "MEETS", "William Ruto", False, "asserted"),
        ("Antony Blinken", "VISITS", "Kenya", False, "asserted"),
    }


def test_requests_are_their_own_family_never_support():
    # China urged Russia and Ukraine to talk .
    rows = [
        ("China", "China", "PROPN", 1, "nsubj"),
        ("urged", "urge", "VERB", 1, "ROOT"),
        ("Russia", "Russia", "PROPN", 1, "obj"),
        ("and", "and", "CCONJ", 4, "cc"),
        ("Ukraine", "Ukraine", "PROPN", 2, "conj"),
        ("to", "to", "PART", 6, "mark"),
        ("talk", "talk", "VERB", 1, "xcomp"),
        (".", ".", "PUNCT", 1, "punct"),
    ]
    rels = relations(rows, {0: ("China", "name"), 2: ("Russia", "name"), 4: ("Ukraine", "name")})
    urged = [r for r in rels if r["trigger"]["text"] == "urged"]
    assert {(r["object"]["name"], r["family"], r["kind"]) for r in urged} == {
        ("Russia", "REQUESTS", "APPEALS"),
        ("Ukraine", "REQUESTS", "APPEALS"),
    }
    assert not [r for r in rels if r["family"] == "SUPPORTS"]


def test_a_mediator_relates_to_each_side():
    # China mediated between Russia and Ukraine .
    rows = [
        ("China", "China", "PROPN", 1, "nsubj"),
        ("mediated", "mediate", "VERB", 1, "ROOT"),
        ("between", "between", "ADP", 3, "case"),
        ("Russia", "Russia", "PROPN", 1, "obl"),
        ("and", "and", "CCONJ", 5, "cc"),
        ("Ukraine", "Ukraine", "PROPN", 3, "conj"),
        (".", ".", "PUNCT", 1, "punct"),
    ]
    rels = relations(rows, {0: ("China", "name"), 3: ("Russia", "name"), 5: ("Ukraine", "name")})
    assert triples(rels) == {
        ("China", "MEDIATES", "Russia", False, "asserted"),
        ("China", "MEDIATES", "Ukraine", False, "asserted"),
    }


def test_a_pledge_to_act_is_an_asserted_intent_and_the_act_stays_future():
    # China pledged to arm Russia .
    rows = [
        ("China", "China", "PROPN", 1, "nsubj"),
        ("pledged", "pledge", "VERB", 1, "ROOT"),
        ("to", "to", "PART", 3, "mark"),
        ("arm", "arm", "VERB", 1, "xcomp"),
        ("Russia", "Russia", "PROPN", 3, "obj"),
        (".", ".", "PUNCT", 1, "punct"),
    ]
    rels = relations(rows, {0: ("China", "name"), 4: ("Russia", "name")})
    assert triples(rels) == {
        ("China", "AIDS", "Russia", False, "future"),
        ("China", "PLEDGES", "Russia", False, "asserted"),
    }
    pledge = next(r for r in rels if r["kind"] == "PLEDGES")
    assert pledge["cameo"] == "033" and pledge["trigger"]["text"] == "pledged"
    # China threatened to attack Russia .
    threat = [
        row if i != 1 else ("threatened", "threaten", "VERB", 1, "ROOT")
        for i, row in enumerate(rows)
    ]
    threat[3] = ("attack", "attack", "VERB", 1, "xcomp")
    rels = relations(threat, {0: ("China", "name"), 4: ("Russia", "name")})
    assert ("China", "THREATENS", "Russia", False, "asserted") in triples(rels)
    threats = [r for r in rels if r["kind"] == "THREATENS"]
    assert threats and all(r["cameo"].startswith("13") for r in threats)
