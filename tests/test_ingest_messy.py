"""Messy real-world input: broken feeds, legacy encodings, unusual JSON, headlines, datelines.

Readers only (no NLP). Each case is one a new user meets with files from the wild.
"""

from __future__ import annotations

import json

import pytest

from graphbuild.ingest import FieldMap, Problems, ReadOptions, read_inputs
from graphbuild.ingest.dateline import datelines, parser_segments, read_dateline
from graphbuild.ingest.encoding import decode

LEAD = (
    "The foreign ministers of Italy and Spain met in Rome on Wednesday to talk about migration "
    "across the Mediterranean, and both said the talks had gone well."
)


def read(*inputs, **options):
    problems = Problems(echo=False)
    articles = list(read_inputs([str(i) for i in inputs], problems, ReadOptions(**options)))
    return articles, problems


# --- feeds: one bad item costs that item only ----------------------------------------

RSS_HEAD = (
    '<?xml version="1.0" encoding="utf-8"?>\n'
    '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">\n'
    "<channel><title>Harbour Wire</title>\n"
)


def rss_item(title: str, body: str, extra: str = "") -> str:
    return (
        f"<item><title>{title}</title><pubDate>Wed, 14 Feb 2024 09:00:00 GMT</pubDate>"
        f"<description>{body}</description>{extra}</item>\n"
    )


def test_a_malformed_item_is_skipped_and_the_good_items_are_kept(tmp_path):
    feed = tmp_path / "wire.rss"
    feed.write_text(
        RSS_HEAD
        + rss_item("First", LEAD)
        + rss_item("Broken", "The envoy <b>arrived late</i> in Madrid.")  # mismatched tag
        + rss_item("Third", LEAD.replace("Rome", "Naples"), "<content:encoded><![CDATA[<p>"
                   + LEAD.replace("Rome", "Bari") + " <item> inside CDATA is text.</p>]]></content:encoded>")
        + rss_item("Fourth & last", LEAD.replace("Rome", "Turin"))  # a bare & is an error too
        + "</channel></rss>\n"
    )  # fmt: skip
    articles, problems = read(feed)
    assert [a.title for a in articles] == ["First", "Third"]
    assert "Bari" in articles[1].text and "inside CDATA" in articles[1].text
    assert all(a.source == "Harbour Wire" and a.date == "2024-02-14" for a in articles)
    assert [a.path for a in articles] == [f"{feed}#0", f"{feed}#2"]
    by_item = {p.where: p.message for p in problems.items}
    assert "'Broken'" in by_item[f"{feed}#1"] and "mismatched tag" in by_item[f"{feed}#1"]
    assert "skipped" in by_item[f"{feed}#1"] and "line 5" in by_item[f"{feed}#1"]
    assert f"{feed}#3" in by_item and "skipped" in by_item[f"{feed}#3"]


def test_html_entities_in_a_feed_are_read_not_fatal(tmp_path):
    feed = tmp_path / "entities.rss"
    feed.write_text(
        RSS_HEAD
        + rss_item("Caf&eacute; talks", LEAD.replace("Rome", "Rome&nbsp;&mdash;"))
        + rss_item("Second", LEAD.replace("Rome", "Genoa"))
        + "</channel></rss>\n"
    )
    articles, problems = read(feed)
    assert [a.title for a in articles] == ["Café talks", "Second"]
    assert "Rome\u00a0\u2014" in articles[0].text
    assert not problems.items


def test_an_atom_feed_cut_off_midway_keeps_its_whole_entries(tmp_path):
    feed = tmp_path / "cut.atom"
    entries = "".join(
        f"<entry><title>E{i}</title><updated>2024-03-0{i}T00:00:00Z</updated>"
        f"<content type='html'>{LEAD.replace('Rome', city)}</content></entry>"
        for i, city in enumerate(["Rome", "Milan", "Genoa"], start=1)
    )
    text = f'<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Wire</title>{entries}'
    feed.write_text(text[: text.rindex("</content>")])  # the last entry loses its end
    articles, problems = read(feed)
    assert [a.title for a in articles] == ["E1", "E2"]
    assert [a.date for a in articles] == ["2024-03-01", "2024-03-02"]
    assert any(p.where == f"{feed}#2" and "skipped" in p.message for p in problems.items)


def test_item_recovery_stays_entity_safe(tmp_path):
    """A broken feed that declares entities: items using them are refused, not expanded."""
    feed = tmp_path / "bomb.xml"
    feed.write_text(
        '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>'
        "<rss><channel><title>x</title>"
        + rss_item("Bomb", "&b;&b;&b;")
        + "<broken></channel></rss>"
    )
    articles, problems = read(feed)
    assert articles == [] and "safe" in str(problems.items[0])
    local = tmp_path / "local.xml"
    local.write_text(
        "<rss><channel>" + rss_item("Ext", "&ext;") + rss_item("Good", LEAD) + "<broken></channel>"
    )
    articles, problems = read(local)
    assert [a.title for a in articles] == ["Good"]
    assert any(p.where == f"{local}#0" for p in problems.items)


# --- encodings ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "encoding, text",
    [
        ("cp1252", "Señor Pérez met “Macrón” in Zürich — the talks were useful. " + LEAD),
        ("latin-1", "Le président était à Séoul où il a rencontré les dirigeants. " + LEAD),
        ("utf-16", "Zelenskyy met Erdoğan in İstanbul. " + LEAD),
        ("utf-8-sig", "Ministers met in Kraków and Gdańsk. " + LEAD),
    ],
)
def test_legacy_encodings_are_detected_and_decoded_without_a_replacement(tmp_path, encoding, text):
    path = tmp_path / "article.txt"
    path.write_bytes(text.encode(encoding))
    [article], problems = read(path)
    assert article.text == text
    assert "\ufffd" not in article.text
    assert not problems.items


def test_html_meta_charset_is_honoured(tmp_path):
    page = tmp_path / "page.html"
    body = f"<p>Señora Núñez travelled to Asunción. {LEAD}</p>"
    page.write_bytes(
        (
            '<html><head><meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">'
            f"<title>Ministers</title></head><body><article>{body}</article></body></html>"
        ).encode("latin-1")
    )
    [article], problems = read(page)
    assert "Señora Núñez travelled to Asunción." in article.text
    assert not problems.items


def test_a_utf8_page_that_kept_an_old_latin1_meta_is_read_as_utf8(tmp_path):
    page = tmp_path / "resaved.html"
    page.write_bytes(
        '<html><head><meta charset="iso-8859-1"><title>Ministers</title></head><body>'
        f"<article><p>Señora Núñez travelled to Asunción. {LEAD}</p></article></body></html>".encode()
    )
    [article], problems = read(page)
    assert "Señora Núñez travelled to Asunción." in article.text
    assert not problems.items


def test_stray_legacy_bytes_in_a_utf8_file_are_counted_and_read():
    data = "Zelenskyy said “yes” — twice. ".encode() + "Pérez agreed.".encode("cp1252")
    problems = Problems(echo=False)
    text = decode(data, "mixed.txt", problems)
    assert text == "Zelenskyy said “yes” — twice. Pérez agreed."
    [problem] = problems.items
    assert problem.where == "mixed.txt" and "1 byte not" in problem.message


def test_replacement_is_the_last_resort_and_says_how_many_bytes():
    data = bytes(range(128, 256)) * 3 + b" plain ascii tail"  # no encoding reads this as text
    problems = Problems(echo=False)
    text = decode(data, "junk.txt", problems)
    assert text.endswith(" plain ascii tail")
    [problem] = problems.items
    assert "384 bytes replaced with U+FFFD" in problem.message and "offset 0" in problem.message


# --- JSON records without a text field -------------------------------------------------


def test_a_record_without_text_suggests_the_body_field(tmp_path):
    dump = tmp_path / "dump.jsonl"
    rows = [
        {"headline": "One", "body": LEAD},
        {"headline": "Two", "Content": LEAD + " Two."},
        {"headline": "Three", "doc": {"story": LEAD + " Three."}},
        {"headline": "Four", "summary_count": 3},
    ]
    dump.write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    articles, problems = read(dump)
    assert articles == []
    messages = [p.message for p in problems.items]
    assert "try --fields text=body" in messages[0]
    assert "try --fields text=Content" in messages[1]
    assert "try --fields text=doc.story" in messages[2]
    assert "--fields" not in messages[3] and "no string field 'text'" in messages[3]
    articles, _ = read(dump, fields=FieldMap.parse("text=body"))
    assert [a.text for a in articles] == [LEAD]


# --- headlines and datelines -------------------------------------------------------------


def test_the_html_headline_is_the_title_not_a_line_of_the_text(tmp_path):
    page = tmp_path / "story.html"
    page.write_text(
        "<html><head><title>Italy and Spain agree on migration</title></head><body><article>"
        "<h1>Italy and Spain agree on migration</h1>"
        f"<p>ROME, Feb 14 (Reuters) - {LEAD}</p><p>A second paragraph follows here.</p>"
        "</article></body></html>"
    )
    [article], _ = read(page)
    assert article.title == "Italy and Spain agree on migration"
    assert article.text.startswith("ROME, Feb 14 (Reuters) - The foreign ministers")
    assert article.place == "Rome"


@pytest.mark.parametrize(
    "opening, place, month_day, year, agency",
    [
        ("BRUSSELS, June 27, 2024 (Reuters) —", "Brussels", (6, 27), 2024, "Reuters"),
        ("KYIV, Ukraine —", "Kyiv, Ukraine", None, None, None),
        ("UNITED NATIONS, March 3 —", "United Nations", (3, 3), None, None),
        ("WASHINGTON (AP) —", "Washington", None, None, "AP"),
        ("LONDON, Jan 5 (Reuters) -", "London", (1, 5), None, "Reuters"),
        (
            "ST. PETERSBURG, Russia, 5 July 2023 (AFP) –",
            "St. Petersburg, Russia",
            (7, 5),
            2023,
            "AFP",
        ),
        ("NEW DELHI:", "New Delhi", None, None, None),
        ("ADDIS ABABA, Sept. 9 --", "Addis Ababa", (9, 9), None, None),
    ],
)
def test_datelines_are_read(opening, place, month_day, year, agency):
    text = f"{opening} {LEAD}"
    [line] = datelines(text)
    assert (line.place, line.year, line.agency) == (place, year, agency)
    assert (line.month, line.day) == (month_day or (None, None))
    assert text[line.end :] == LEAD


@pytest.mark.parametrize(
    "text",
    [
        "EXCLUSIVE - Italy and Spain agree on a migration pact, sources say.",
        "UPDATE 2-Italy and Spain agree on a migration pact.",
        "NATO, the EU and the G7 - three clubs - met in Rome.",
        "Rome, the capital, hosted the talks — and both sides were pleased.",
        "BREAKING NEWS\n\n" + LEAD,
        LEAD,
    ],
)
def test_openings_that_are_not_datelines(text):
    assert datelines(text) == []
    assert parser_segments(text) == [(0, text)]


def test_the_parser_sees_the_lead_without_the_dateline_and_offsets_stay_valid():
    text = f"Pact agreed\n\nROME, Feb 14 (Reuters) - {LEAD}\n\nMore text."
    segments = parser_segments(text)
    assert [text[start : start + len(seg)] == seg for start, seg in segments] == [True, True]
    assert segments[0][1].strip() == "Pact agreed"
    assert segments[1][1].startswith("The foreign ministers")


@pytest.mark.parametrize(
    "opening, source_date, default, expected",
    [
        ("BRUSSELS, June 27, 2024 (Reuters) —", None, None, "2024-06-27"),
        ("BRUSSELS, June 27, 2024 (Reuters) —", "2024-06-28", None, "2024-06-28"),  # source wins
        ("UNITED NATIONS, March 3 —", None, None, None),  # no year anywhere: undated
        ("UNITED NATIONS, March 3 —", None, "2023-12-30", "2023-03-03"),  # --date's year
        ("KYIV, Ukraine —", None, None, None),
        ("LONDON, Feb 30 (Reuters) -", None, "2024-01-01", None),  # not a day
    ],
)
def test_the_dateline_date_rule(opening, source_date, default, expected):
    place, date = read_dateline(f"{opening} {LEAD}", source_date, default)
    assert place and date == expected


def test_a_dateline_without_a_year_takes_the_year_of_a_date_in_the_text():
    text = f"UNITED NATIONS, March 3 — {LEAD} The resolution of Jan. 12, 2025 was cited."
    assert read_dateline(text, None, "2020-01-01") == ("United Nations", "2025-03-03")


def test_articles_get_place_and_date_from_their_dateline(tmp_path):
    (tmp_path / "a.txt").write_text(f"BRUSSELS, June 27, 2024 (Reuters) — {LEAD}")
    (tmp_path / "b.txt").write_text(f"KYIV, Ukraine — {LEAD} Second.")
    articles, problems = read(tmp_path, default_date="2024-01-01")
    assert [(a.place, a.date) for a in articles] == [
        ("Brussels", "2024-06-27"),
        ("Kyiv, Ukraine", "2024-01-01"),
    ]
    assert articles[0].to_dict()["place"] == "Brussels"
    assert not problems.items
