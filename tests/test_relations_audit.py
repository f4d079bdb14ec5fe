"""The blind audit on unseen paragraphs (issue 13, docs/relations.md "Audit on unseen
paragraphs"): 40 short articles written for the audit, 15 of them not about relations
between states, scored like the PLOVER records; and the classes of false positive the audit
found, each on sentences written for these tests (not the audit's own)."""

from __future__ import annotations

from pathlib import Path

import pytest
from relation_helpers import extractor_on, needs_trained_model
from relation_helpers import stated as facts

pytestmark = needs_trained_model

EVAL = Path(__file__).resolve().parent.parent / "eval"
# (gold, records, min precision, min recall, most false positives on the off-topic
# articles). After the fixes batch 1 reaches P 1.000 R 0.643 (45/70) and batch 2 P 1.000
# R 0.500 (5/10), with no false positive on the articles about sports, markets, courts ...
# Precision is what the audit is about, so its bar is high; recall keeps room for model
# retraining. Batch 2 is small: one wrong edge there costs 0.17 of precision.
AUDITS = [
    ("audit-gold.json", 40, 0.9, 0.55, 1),
    ("audit-gold-2.json", 20, 0.8, 0.4, 1),
]


@pytest.fixture(scope="module")
def extract():
    return extractor_on("2025-03-01")


@pytest.mark.parametrize(
    "name, records, min_precision, min_recall, max_off_topic",
    AUDITS,
    ids=[a[0] for a in AUDITS],
)
def test_audit_set_precision_and_recall(
    name, records, min_precision, min_recall, max_off_topic, capsys
):
    from graphbuild.eval_events import load_event_gold, predict, score_events

    gold = load_event_gold(EVAL / name)
    report = score_events(gold, predict(gold))
    overall = report.pair_family["overall"]
    off_topic = sum(
        len(rep.false_positives) for record, rep in report.records if record.event == "other"
    )
    with capsys.disabled():
        print(
            f"\n{name}: P={overall['precision']} R={overall['recall']} "
            f"({overall['found']}/{overall['required']}, {overall['fp']} FP; "
            f"{off_topic} on the off-topic articles)"
        )
        for record, rep in report.records:
            for fp in rep.false_positives:
                print(f"  {record.id}: {fp['subject']} {fp['family']} {fp['object']}")
    assert len(gold.records) == records
    assert overall["precision"] >= min_precision
    assert overall["recall"] >= min_recall
    assert off_topic <= max_off_topic


@pytest.mark.parametrize(
    "text",
    [
        "Japan beat Germany 3-2 in Doha on Sunday.",
        "Pakistan beat India by six wickets in Colombo.",
        "England clashed with France in the World Cup quarter-final.",
        # a placing, and the contest named by the clause the act hangs on
        "Norway beat Sweden into third place in the relay.",
        "Spain won the European Championship in Berlin, beating England in Sunday's match.",
    ],
)
def test_a_game_result_is_no_attack(extract, text):
    assert not [f for f in facts(extract(text)) if f[1] == "OPPOSES"], text


@pytest.mark.parametrize(
    "text, expected",
    [
        # "final" as an adjective, a span of days: force all the same
        ("Russia launched the final offensive against Ukraine in May.", "Ukraine"),
        ("Russian troops attacked Ukrainian positions on 14-15 May.", "Ukraine"),
        # a game that only dates the act
        ("Russia struck Ukraine during the World Cup final.", "Ukraine"),
    ],
)
def test_force_with_contest_looking_words_stays_force(extract, text, expected):
    assert ("Russia", "OPPOSES", expected) in facts(extract(text))


@pytest.mark.parametrize(
    "text",
    [
        "Polish President Andrzej Duda called the pipeline a strategic gift for Russia's economy.",
        "The Latvian prime minister called the exercise a success for NATO's eastern flank.",
    ],
)
def test_call_with_an_object_names_it_and_demands_nothing(extract, text):
    assert not [f for f in facts(extract(text)) if f[1] == "REQUESTS"], text


def test_call_for_still_demands(extract):
    assert ("Poland", "REQUESTS", "Russia") in facts(
        extract("Poland called for Russia to pay reparations.")
    )


def test_an_evaluative_word_in_a_clause_with_its_own_subject_is_not_the_speakers(extract):
    text = (
        "Poland expelled three Belarusian diplomats it accused of meddling in the vote, "
        "the European Commission said."
    )
    assert ("European Commission", "OPPOSES", "Poland") not in facts(extract(text))
    kept = "The European Commission said Poland's decision was a violation of EU law."
    assert ("European Commission", "OPPOSES", "Poland") in facts(extract(kept))


def test_the_source_of_a_report_is_not_the_target(extract):
    text = "Iran fired two drones into the Gulf on Monday, Oman's navy said."
    assert ("Iran", "OPPOSES", "Oman") not in facts(extract(text))
    assert ("Iran", "OPPOSES", "Oman") in facts(extract("Iran fired drones at Oman on Monday."))


def test_willing_to_mediate_is_an_offer_not_a_mediation(extract):
    rels = extract("Qatar is willing to mediate between Sudan and Chad.")
    assert not [r for r in rels if r["kind"] == "MEDIATES" and r["modality"] == "asserted"]
    assert ("Qatar", "SUPPORTS", "Sudan") in facts(rels)  # the offer (CAMEO 03), as "ready to"


def _parsed(words, heads, deps, pos, lemmas):
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

    return Doc(Vocab(), words=words, heads=heads, deps=deps, pos=pos, lemmas=lemmas)


# "Iran fired a missile on Sunday , Oman 's navy said ." once with the parser's slip (the
# source hung on "fired" as an oblique, "said" without a subject), once parsed right
_WORDS = ["Iran", "fired", "a", "missile", "on", "Sunday", ",", "Oman", "'s", "navy", "said", "."]
_POS = ["PROPN", "VERB", "DET", "NOUN", "ADP", "PROPN", "PUNCT", "PROPN", "PART", "NOUN", "VERB"]
_POS += ["PUNCT"]
_LEMMAS = ["Iran", "fire", "a", "missile", "on", "Sunday", ",", "Oman", "'s", "navy", "say", "."]


def test_a_speaker_hung_on_the_act_by_the_parser_is_found_as_the_source():
    from graphbuild.relations.repairs.stray_speaker import stray_speaker

    speech = frozenset({"say"})
    slipped = _parsed(
        _WORDS,
        [1, 1, 3, 1, 5, 9, 5, 9, 7, 1, 1, 1],
        ["nsubj", "ROOT", "det", "obj", "case", "compound", "punct", "nmod:poss", "case"]
        + ["obl", "advcl", "punct"],
        _POS,
        _LEMMAS,
    )
    assert stray_speaker(slipped[7], speech)  # "Oman" in "Oman's navy said"
    assert not stray_speaker(slipped[3], speech)  # "missile": no speech verb after it
    right = _parsed(
        _WORDS,
        [1, 10, 3, 1, 5, 1, 10, 9, 7, 10, 10, 10],
        ["nsubj", "ccomp", "det", "obj", "case", "obl", "punct", "nmod:poss", "case"]
        + ["nsubj", "ROOT", "punct"],
        _POS,
        _LEMMAS,
    )
    assert not stray_speaker(right[7], speech)  # "said" has its subject: nothing to repair


def test_two_countries_meeting_in_a_contest_are_teams(extract):
    rels = extract("Qatar hosted Argentina and France in the World Cup final in 2022.")
    assert not [f for f in facts(rels) if f[1] == "MEETS"]
    # leaders at the same final are people, and meet
    leaders = extract(
        "Emir Tamim bin Hamad Al Thani hosted Emmanuel Macron at the World Cup final."
    )
    assert [f for f in facts(leaders) if f[1] == "MEETS"]


def test_a_tennis_result_between_players_is_no_attack(extract):
    text = "Russian tennis player Daniil Medvedev beat American Taylor Fritz in straight sets."
    assert not [f for f in facts(extract(text)) if f[1] == "OPPOSES"]


def test_what_an_actor_is_accused_of_is_the_accusers_account(extract):
    rels = extract("Ukraine accused Russia of shelling Kharkiv.")
    shelling = [r for r in rels if r["kind"] == "ATTACKS"]
    assert shelling and all(r["modality"] == "reported" for r in shelling)
    assert shelling[0]["speaker"]["name"] == "Ukraine"


def test_the_fallback_does_not_take_the_object_of_the_next_verb(extract):
    facts_found = facts(extract("Iran is arming militias to attack Israel."))
    assert ("Iran", "SUPPORTS", "Israel") not in facts_found
