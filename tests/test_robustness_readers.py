"""Property tests: no input a reader can be handed makes it crash, hang or emit an unwritable record.

Whatever the bytes (random, control characters, lone surrogates in JSON
escapes, very long tokens and lines, whitespace only, deep nesting, broken
JSON, JSONL, HTML and RSS/Atom, several encodings in one file, encodings that
a document declares wrongly), reading yields only articles that validate
against the article schema and survive a UTF-8 JSON Lines round trip, and
every problem is one line naming the file (and the line or item) where it
happened. GRAPHBUILD_FUZZ=full runs the long version (tests/fuzz_settings.py).
"""

from __future__ import annotations

import io
import json
import os
import string
import threading
from datetime import date
from pathlib import Path

from fuzz_settings import fuzz, no_hang
from hypothesis import given
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from graphbuild.ingest import Problems, ReadOptions, read_inputs
from graphbuild.records import article_id_for
from graphbuild.schemas import load_schema

ARTICLE_SCHEMA = Draft202012Validator(load_schema("article.schema.json"))
SUFFIXES = [".txt", ".md", ".html", ".json", ".jsonl", ".xml", ".rss", ".atom", ""]
SENTENCE = "The foreign ministers met in Paris on Tuesday and said that the talks were useful."

# --- strategies -------------------------------------------------------------------

whitespace = st.text(alphabet=" \t\n\r\x0b\x0c\x1c\x85\xa0\u2028\u2029\u3000\ufeff", max_size=200)
control_text = st.text(
    alphabet=st.characters(codec="utf-8", categories=["Cc", "Cf", "Zs", "Zl", "Zp", "Co", "Mn"]),
    max_size=300,
)
any_text = st.text(max_size=500)
long_token = st.builds(
    lambda ch, n: ch * n, st.characters(codec="utf-8"), st.integers(1_000, 150_000)
)
mixed_text = st.lists(
    st.one_of(any_text, control_text, whitespace, st.just(SENTENCE), long_token), max_size=6
).map("".join)
# JSON strings may hold lone surrogates through \ud800-style escapes.
json_string = st.text(
    alphabet=st.characters(categories=["Cs", "L", "N", "P", "Zs", "Cc"]), max_size=80
)
json_scalar = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True, allow_infinity=True),
    json_string,
    st.just(SENTENCE),
)
json_value = st.recursive(
    json_scalar,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(
            st.sampled_from(["text", "title", "date", "url", "source", "meta", "x"]),
            children,
            max_size=5,
        ),
    ),
    max_leaves=12,
)
record = st.fixed_dictionaries(
    {},
    optional={
        "text": st.one_of(mixed_text, json_string, json_value),
        "title": json_value,
        "date": st.one_of(
            json_value,
            st.sampled_from(["2024-02-30", "1e9", "Tue, 99 Feb 2024", "0001-01-01", "-1"]),
        ),
        "url": json_value,
        "source": json_value,
    },
)


def _json_dump(value) -> str:
    return json.dumps(value, ensure_ascii=True, allow_nan=True)


@st.composite
def json_documents(draw) -> bytes:
    """Valid, truncated, spliced or absurdly deep JSON."""
    kind = draw(
        st.sampled_from(["record", "list", "wrapped", "truncated", "deep", "bigint", "garbage"])
    )
    if kind == "record":
        text = _json_dump(draw(record))
    elif kind == "list":
        text = _json_dump(draw(st.lists(st.one_of(record, json_value), max_size=5)))
    elif kind == "wrapped":
        key = draw(st.sampled_from(["articles", "items", "data", "records"]))
        text = _json_dump({key: draw(st.lists(record, max_size=4))})
    elif kind == "truncated":
        full = _json_dump(draw(st.lists(record, min_size=1, max_size=3)))
        text = full[: draw(st.integers(0, len(full)))]
    elif kind == "deep":
        depth = draw(st.integers(500, 60_000))
        opener, closer = draw(st.sampled_from([("[", "]"), ('{"text":', "}"), ('{"a":[', "]}")]))
        text = opener * depth + '"x"' + closer * depth
    elif kind == "bigint":
        digits = "9" * draw(st.integers(4_000, 20_000))
        text = f'{{"text": "{SENTENCE}", "date": {digits}}}'
    else:
        text = draw(st.text(alphabet=string.printable + '{}[]":,', max_size=300))
    return text.encode("utf-8")


@st.composite
def jsonl_documents(draw) -> bytes:
    lines = draw(
        st.lists(st.one_of(json_documents(), record.map(_json_dump).map(str.encode)), max_size=6)
    )
    sep = draw(st.sampled_from([b"\n", b"\r\n", b"\n\n"]))
    return sep.join(line.replace(b"\n", b" ") for line in lines)


@st.composite
def html_documents(draw) -> bytes:
    depth = draw(st.integers(0, 3_000))
    tag = draw(st.sampled_from(["div", "p", "span", "article", "b", "table", "li"]))
    body = draw(st.one_of(mixed_text, st.just(SENTENCE)))
    closed = draw(st.booleans())
    html = (
        "<html><head><title>"
        + draw(any_text)
        + "</title></head><body>"
        + f"<{tag}>" * depth
        + body
        + (f"</{tag}>" * depth if closed else "")
        + draw(st.sampled_from(["</body></html>", "", "<script>" + "x" * 100, "<!--"]))
    )
    return html.encode("utf-8", errors="surrogatepass")


@st.composite
def feed_documents(draw) -> bytes:
    atom = draw(st.booleans())
    items = []
    for _ in range(draw(st.integers(0, 4))):
        body = draw(st.one_of(st.just(SENTENCE), any_text, st.just("<p>" + SENTENCE + "</p>")))
        date_text = draw(
            st.sampled_from(["Tue, 13 Feb 2024 10:00:00 GMT", "2024-02-13", "yesterday", ""])
        )
        escaped = body.replace("&", "&amp;").replace("<", "&lt;")
        if atom:
            items.append(
                f"<entry><title>t</title><updated>{date_text}</updated><content>{escaped}</content></entry>"
            )
        else:
            items.append(
                f"<item><title>t</title><pubDate>{date_text}</pubDate><description>{escaped}</description></item>"
            )
    if atom:
        xml = (
            '<feed xmlns="http://www.w3.org/2005/Atom"><title>f</title>'
            + "".join(items)
            + "</feed>"
        )
    else:
        xml = (
            "<?xml version='1.0'?><rss><channel><title>f</title>"
            + "".join(items)
            + "</channel></rss>"
        )
    damage = draw(st.sampled_from(["none", "truncate", "entity", "nest"]))
    if damage == "truncate":
        xml = xml[: draw(st.integers(0, len(xml)))]
    elif damage == "entity":
        xml = (
            '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]>'
            + xml.replace("<title>f</title>", "<title>&b;</title>", 1)
        )
    elif damage == "nest":
        xml = xml.replace("<channel>", "<channel>" + "<x>" * 3000, 1)
    return xml.encode("utf-8", errors="surrogatepass")


ENCODINGS = ["utf-8", "cp1252", "latin-1", "utf-16", "cp1251", "shift_jis", "koi8_r", "gb2312"]
encoded_piece = st.tuples(
    st.one_of(any_text, st.just(SENTENCE + " Señor Pérez, café.")), st.sampled_from(ENCODINGS)
).map(lambda pair: pair[0].encode(pair[1], errors="ignore"))
mixed_encodings = st.lists(encoded_piece, min_size=1, max_size=5).map(b"".join)


@st.composite
def lying_documents(draw) -> bytes:
    """Text in one encoding inside an HTML or XML document that declares another (or none)."""
    body = draw(mixed_encodings)
    declared = draw(st.sampled_from(["utf-8", "iso-8859-1", "utf-16", "shift_jis", "bogus-9", ""]))
    if draw(st.booleans()):
        meta = f'<meta charset="{declared}">' if declared else ""
        return (
            f"<html><head>{meta}<title>t</title></head><body><p>".encode()
            + body
            + b"</p></body></html>"
        )
    prolog = f'<?xml version="1.0" encoding="{declared}"?>' if declared else ""
    return (
        f"{prolog}<rss><channel><title>f</title><item><description>".encode()
        + body.replace(b"<", b" ").replace(b"&", b" ")
        + b"</description></item></channel></rss>"
    )


DAMAGE = ["<", "&", "</b>", "<b>", "]]>", "<![CDATA[", "<!--", "&nbsp;", "<item>", "</item>",
          "</entry>", "<entry>", "\x0b", "\ufffe", "&#0;", "&#xD800;", '"', "<a href='x>"]  # fmt: skip


@st.composite
def damaged_feeds(draw) -> bytes:
    """A good feed with markup errors dropped in at random places."""
    xml = draw(feed_documents()).decode("utf-8", errors="surrogatepass")
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(xml)))
        xml = xml[:at] + draw(st.sampled_from(DAMAGE)) + xml[at:]
    return xml.encode("utf-8", errors="surrogatepass")


huge_lines = st.builds(
    lambda piece, n, sep: sep.join([piece] * n).encode("utf-8", errors="surrogatepass"),
    st.sampled_from(
        [SENTENCE, '{"text": "' + SENTENCE + '"}', "<p>" + SENTENCE + "</p>", "x" * 1000]
    ),
    st.integers(1, 400),
    st.sampled_from([" ", "", "\n"]),
)

raw_bytes = st.one_of(
    st.binary(max_size=3000),
    mixed_text.map(lambda t: t.encode("utf-8", errors="surrogatepass")),
    whitespace.map(str.encode),
    st.binary(max_size=200).map(lambda b: b"\xff\xfe" + b),  # looks like UTF-16
)
any_document = st.one_of(
    raw_bytes,
    json_documents(),
    jsonl_documents(),
    html_documents(),
    feed_documents(),
    damaged_feeds(),
    lying_documents(),
    mixed_encodings,
    huge_lines,
)


# --- the property -----------------------------------------------------------------


def check_reading(inputs: list[str], options: ReadOptions | None = None) -> list[dict]:
    """Read; assert every article is a valid, writable record and every problem one line
    that names its file (and, inside a file, the line or item)."""
    problems = Problems(echo=False)
    with no_hang(" ".join(inputs)):
        articles = list(read_inputs(inputs, problems, options or ReadOptions()))
    records = []
    for article in articles:
        data = article.to_dict()
        errors = [e.message for e in ARTICLE_SCHEMA.iter_errors(data)]
        assert not errors, (errors, data)
        assert article.text.strip()
        assert article.id == article_id_for(article.text)
        if article.date is not None:
            date.fromisoformat(article.date)
        line = json.dumps(data, ensure_ascii=False)
        assert "\n" not in line
        assert json.loads(line.encode("utf-8").decode("utf-8")) == data
        records.append(data)
    for problem in problems.items:
        assert problem.where and problem.message
        assert "\n" not in problem.message, problem.message
        assert _names_its_source(problem.where, inputs), problem
    return records


def _names_its_source(where: str, inputs: list[str]) -> bool:
    """``where`` is an input, a file inside an input folder, or a line/item of one."""
    sources = ["<stdin>" if i == "-" else i for i in inputs]
    for source in sources:
        if where == source:
            return True
        if where.startswith(source) and where[len(source)] in ":#/":
            return True
    return False


@fuzz(fast=60, full=5_000)
@given(content=any_document, suffix=st.sampled_from(SUFFIXES))
def test_any_file_reads_to_valid_records_or_named_problems(tmp_path, content, suffix):
    path = tmp_path / f"input{suffix}"
    path.write_bytes(content)
    check_reading([str(path)])


@fuzz(fast=60, full=3_000)
@given(content=any_document, any_language=st.booleans())
def test_any_stdin_reads_to_valid_records_or_named_problems(content, any_language):
    check_reading(["-"], ReadOptions(stdin=io.BytesIO(content), check_language=not any_language))


@fuzz(fast=10, full=500)
@given(
    files=st.lists(st.tuples(any_document, st.sampled_from(SUFFIXES[:-1])), min_size=1, max_size=6)
)
def test_a_folder_of_random_files_is_read_and_good_files_survive(tmp_path, files):
    folder = tmp_path / f"f{len(list(tmp_path.iterdir()))}"
    folder.mkdir()
    for index, (content, suffix) in enumerate(files):
        (folder / f"{index:02d}{suffix}").write_bytes(content)
    good = folder / "zz-good.txt"
    good.write_text(SENTENCE * 3)
    records = check_reading([str(folder)])
    assert any(r["path"] == str(good) for r in records)


def test_a_named_pipe_in_a_folder_is_skipped_not_waited_on(tmp_path):
    """A FIFO named like an article must not block the run forever."""
    (tmp_path / "good.txt").write_text(SENTENCE)
    os.mkfifo(tmp_path / "pipe.txt")
    outcome: dict = {}

    def read() -> None:
        problems = Problems(echo=False)
        outcome["articles"] = list(read_inputs([str(tmp_path)], problems, ReadOptions()))
        outcome["problems"] = [str(p) for p in problems.items]

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    reader.join(timeout=20)
    if reader.is_alive():  # unblock the reader so the test process can end
        with open(tmp_path / "pipe.txt", "wb"):
            pass
        reader.join(timeout=5)
        raise AssertionError("reading a folder with a named pipe in it blocked")
    assert [Path(a.path).name for a in outcome["articles"]] == ["good.txt"]
    assert any("pipe.txt" in p for p in outcome["problems"])
