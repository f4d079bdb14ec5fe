"""Every reader, and every kind of bad input, without NLP."""

from __future__ import annotations

import io
import json
import logging

import pytest

from graphbuild.ingest import FieldMap, Problems, ReadOptions, read_inputs, resolve_inputs
from graphbuild.ingest.dates import parse_date
from graphbuild.records import article_id_for

ENGLISH = (
    "The foreign ministers of France and Germany met in Paris on Tuesday to discuss the war "
    "in Ukraine and the sanctions against Russia, officials said after the talks."
)


def read(*inputs, **options):
    problems = Problems()
    articles = list(read_inputs([str(i) for i in inputs], problems, ReadOptions(**options)))
    return articles, problems


def test_plain_text_file_is_one_article_dated_from_its_name(tmp_path):
    path = tmp_path / "paris-talks-2024-02-13.txt"
    path.write_text(ENGLISH)
    [article], problems = read(path)
    assert article.text == ENGLISH
    assert article.date == "2024-02-13"
    assert article.id == article_id_for(ENGLISH)
    assert not problems.items


def test_markdown_front_matter_and_heading(tmp_path):
    path = tmp_path / "a.md"
    path.write_text(
        f"---\ntitle: Paris talks\ndate: 2024-02-13T10:00:00Z\nurl: https://example.org/a\n---\n{ENGLISH}\n"
    )
    [article], _ = read(path)
    assert (article.title, article.date, article.url) == (
        "Paris talks",
        "2024-02-13",
        "https://example.org/a",
    )
    assert article.text.strip() == ENGLISH
    heading = tmp_path / "b.md"
    heading.write_text(f"# Ministers meet\n\n{ENGLISH}\n")
    [article], _ = read(heading)
    assert article.title == "Ministers meet"


def test_html_keeps_main_text_and_drops_boilerplate(tmp_path):
    page = f"""<html><head><title>Ministers meet in Paris</title>
    <script>var tracking = "SCRIPT-TEXT";</script><style>.x{{color:red}}</style></head>
    <body><nav><a href="/">Home</a> <a href="/world">NAVIGATION-LINK World</a></nav>
    <article><h1>Ministers meet in Paris</h1><p>{ENGLISH}</p>
    <p>The talks lasted four hours and both sides promised to meet again next month in Berlin.</p></article>
    <footer>Copyright FOOTER-TEXT 2024</footer></body></html>"""
    path = tmp_path / "page.html"
    path.write_text(page)
    [article], problems = read(path)
    assert "foreign ministers of France and Germany" in article.text
    for boilerplate in ("SCRIPT-TEXT", "NAVIGATION-LINK", "color:red"):
        assert boilerplate not in article.text
    assert article.title == "Ministers meet in Paris"
    assert not problems.items


def test_jsonl_records_with_configurable_fields(tmp_path):
    path = tmp_path / "dump.jsonl"
    rows = [
        {
            "body": ENGLISH,
            "headline": "One",
            "meta": {"published": "2024-02-13"},
            "link": "u1",
            "outlet": "Wire",
        },
        {
            "body": ENGLISH + " Second.",
            "headline": "Two",
            "meta": {"published": "Tue, 13 Feb 2024 10:00:00 GMT"},
        },
    ]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    fields = FieldMap.parse("text=body,title=headline,date=meta.published,url=link,source=outlet")
    first, second = read(path, fields=fields)[0]
    assert (first.title, first.date, first.url, first.source) == ("One", "2024-02-13", "u1", "Wire")
    assert second.date == "2024-02-13" and second.url is None
    assert first.path == f"{path}:1" and second.path == f"{path}:2"


def test_bad_field_mapping_is_explained():
    with pytest.raises(ValueError, match="NAME=FIELD"):
        FieldMap.parse("body")


def test_json_file_with_list_or_articles_key(tmp_path):
    (tmp_path / "list.json").write_text(json.dumps([{"text": ENGLISH, "date": "2024-01-02"}]))
    (tmp_path / "wrapped.json").write_text(json.dumps({"articles": [{"text": ENGLISH + " More."}]}))
    articles, problems = read(tmp_path / "list.json", tmp_path / "wrapped.json")
    assert [a.date for a in articles] == ["2024-01-02", None]
    assert not problems.items


def test_rss_and_atom_feeds(tmp_path):
    rss = tmp_path / "feed.rss"
    rss.write_text(f"""<?xml version="1.0"?><rss version="2.0"><channel><title>World Wire</title>
      <item><title>Talks</title><link>https://example.org/1</link>
      <pubDate>Tue, 13 Feb 2024 10:00:00 GMT</pubDate><description>&lt;p&gt;{ENGLISH}&lt;/p&gt;</description></item>
    </channel></rss>""")
    atom = tmp_path / "feed.atom"
    atom.write_text(f"""<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Wire</title>
      <entry><title>Summit</title><link href="https://example.org/2"/><updated>2024-03-01T00:00:00Z</updated>
      <content type="html">{ENGLISH} Atom.</content></entry></feed>""")
    (rss_article, atom_article), problems = read(rss, atom)
    assert rss_article.title == "Talks" and rss_article.url == "https://example.org/1"
    assert rss_article.date == "2024-02-13" and rss_article.source == "World Wire"
    assert "<p>" not in rss_article.text and "France and Germany" in rss_article.text
    assert atom_article.url == "https://example.org/2" and atom_article.date == "2024-03-01"
    assert not problems.items


def test_feed_with_entity_expansion_is_refused_safely(tmp_path):
    bomb = tmp_path / "bomb.xml"
    bomb.write_text(
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]>'
        "<rss><channel><item><description>&lol2;</description></item></channel></rss>"
    )
    articles, problems = read(bomb)
    assert articles == []
    assert "bomb.xml" in str(problems.items[0]) and "safe" in str(problems.items[0])


def test_folders_are_read_recursively_in_a_stable_order_and_globs_expand(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "2.txt").write_text(ENGLISH + " Two.")
    (tmp_path / "1.txt").write_text(ENGLISH + " One.")
    (tmp_path / "notes.pdf").write_bytes(b"%PDF-1.4")  # unknown suffix inside a folder: ignored
    articles, problems = read(tmp_path)
    assert [a.text[-4:] for a in articles] == ["One.", "Two."]
    assert not problems.items
    globbed, _ = read(str(tmp_path / "**" / "*.txt"))
    assert len(globbed) == 2


def test_stdin_is_sniffed(tmp_path):
    problems = Problems()
    stdin = io.BytesIO((json.dumps({"text": ENGLISH}) + "\n").encode())
    [article] = read_inputs(["-"], problems, ReadOptions(stdin=stdin))
    assert article.text == ENGLISH and article.path == "<stdin>:1"
    [plain] = read_inputs(["-"], problems, ReadOptions(stdin=io.BytesIO(ENGLISH.encode())))
    assert plain.text == ENGLISH


def test_same_text_twice_gets_the_same_id():
    assert article_id_for(ENGLISH) == article_id_for("  " + ENGLISH.replace(" ", "\n  ", 3) + "\n")
    assert article_id_for(ENGLISH) != article_id_for(ENGLISH + "!")


def test_default_date_only_fills_missing_dates(tmp_path):
    (tmp_path / "dated-2020-01-01.txt").write_text(ENGLISH)
    (tmp_path / "undated.txt").write_text(ENGLISH + " Undated.")
    articles, _ = read(tmp_path, default_date="2024-05-05")
    assert [a.date for a in articles] == ["2020-01-01", "2024-05-05"]


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("empty.txt", b"", "empty"),
        ("blank.txt", b"   \n\t \n", "empty"),
        ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        (
            "german.txt",
            "Die Außenminister Frankreichs und Deutschlands trafen sich am Dienstag in Paris, "
            "um über den Krieg in der Ukraine und die Sanktionen gegen Russland zu sprechen, sagten "
            "Beamte nach den Gesprächen. Sie wollen sich im nächsten Monat wieder in Berlin treffen.".encode(),
            "English",
        ),
        ("bad.json", b'{"text": "unterminated', "invalid JSON"),
    ],
)
def test_bad_file_gets_one_line_naming_it_and_is_skipped(tmp_path, caplog, name, content, message):
    good = tmp_path / "good.txt"
    good.write_text(ENGLISH)
    bad = tmp_path / name
    bad.write_bytes(content)
    with caplog.at_level(logging.WARNING, logger="graphbuild"):
        articles, problems = read(tmp_path)
    assert [a.text for a in articles] == [ENGLISH]
    assert len(problems.items) == 1
    line = str(problems.items[0])
    assert str(bad) in line and message in line and "\n" not in line
    assert line in caplog.text


def test_malformed_jsonl_line_is_named_by_line_number_and_the_rest_is_read(tmp_path):
    path = tmp_path / "dump.jsonl"
    path.write_text(
        json.dumps({"text": ENGLISH}) + "\n{not json}\n" + json.dumps({"title": "no text"}) + "\n"
    )
    articles, problems = read(path)
    assert len(articles) == 1
    wheres = [p.where for p in problems.items]
    assert wheres == [f"{path}:2", f"{path}:3"]
    assert "invalid JSON" in problems.items[0].message and "'text'" in problems.items[1].message
    assert problems.bad_inputs() == [str(path)]


def test_a_latin1_file_is_decoded_not_mangled(tmp_path):
    """Detected and decoded (see test_ingest_messy.py for the other encodings and the last resort)."""
    path = tmp_path / "latin1.txt"
    path.write_bytes(ENGLISH.replace("Paris", "Par\xeds").encode("latin-1"))
    [article], problems = read(path)
    assert "París" in article.text and "\ufffd" not in article.text
    assert not problems.items


def test_missing_path_and_empty_glob_are_fatal(tmp_path):
    problems = Problems()
    resolve_inputs([str(tmp_path / "nope.txt"), str(tmp_path / "*.none")], problems)
    assert problems.fatal
    assert [p.message for p in problems.items] == [
        "no such file or folder",
        "no files match this pattern",
    ]


def test_large_article_is_read_whole(tmp_path):
    path = tmp_path / "big.txt"
    paragraph = ENGLISH + "\n\n"
    path.write_text(paragraph * (5_000_000 // len(paragraph)))
    [article], problems = read(path)
    assert len(article.text) > 4_900_000 and not problems.items


@pytest.mark.parametrize(
    "value, expected",
    [
        ("2023-03-20", "2023-03-20"),
        ("2023-03-20T08:00:00+03:00", "2023-03-20"),
        ("Mon, 20 Mar 2023 08:00:00 GMT", "2023-03-20"),
        ("published 2023-03-20 in Moscow", "2023-03-20"),
        ("last Monday", None),
        ("2023-02-30", None),
        (None, None),
    ],
)
def test_dates_become_iso(value, expected):
    assert parse_date(value) == expected


def test_unreadable_folder_is_named_and_the_rest_is_read(tmp_path, monkeypatch):
    """Root reads any folder, so the permission error is raised where the OS would raise it."""
    import os

    (tmp_path / "ok.txt").write_text(ENGLISH)
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "secret.txt").write_text(ENGLISH + " Secret.")
    real_scandir = os.scandir

    def scandir(path="."):
        if os.fspath(path) == str(locked):
            raise PermissionError(13, "Permission denied", str(locked))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    articles, problems = read(tmp_path)
    assert [a.text for a in articles] == [ENGLISH]
    assert [str(p) for p in problems.items] == [
        f"{locked}: cannot read folder (Permission denied); skipped"
    ]
