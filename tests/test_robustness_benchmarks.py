"""The benchmark scripts share RESULTS.md: each rewrites only its own section, and the corpus
rebuilds GUM documents faithfully. Measuring is not tested here (speed belongs in benchmarks/)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"


@pytest.fixture
def bench(monkeypatch, tmp_path):
    monkeypatch.syspath_prepend(str(BENCHMARKS))
    monkeypatch.setenv("GRAPHBUILD_BENCH_RESULTS", str(tmp_path / "RESULTS.md"))
    monkeypatch.setenv("GRAPHBUILD_BENCH_WORK", str(tmp_path / "work"))
    monkeypatch.setenv("GRAPHBUILD_BENCH_SMOKE", "1")
    import results

    return results


def test_a_section_rewrite_leaves_every_other_section_byte_for_byte(bench, tmp_path):
    path = tmp_path / "RESULTS.md"
    foreign = "<!-- BEGIN rdf_write -->\n## RDF\n\n| a | b |\n|---|---|\n| 1 | 2 |\n<!-- END rdf_write -->"
    path.write_text(bench.HEADER + "\n" + foreign + "\n\nsome closing words\n")
    bench.write_section("end_to_end", "## End to end\n\nfirst")
    bench.write_section("corpus", "## Corpus\n\nc", after="rdf_write")
    bench.write_section("end_to_end", "## End to end\n\nsecond, with $1 and \\1 in it")
    text = path.read_text()
    assert foreign in text and "some closing words" in text
    assert text.count("<!-- BEGIN end_to_end -->") == 1 and "first" not in text
    assert "second, with $1 and \\1 in it" in text
    assert text.index("END rdf_write") < text.index("BEGIN corpus") < text.index("BEGIN end_to_end")


def test_saved_measurements_survive_a_restart(bench):
    store = bench.ResultStore("example")
    store.put("1k/w2", {"seconds": 12.5})
    assert bench.ResultStore("example").get("1k/w2") == {"seconds": 12.5}
    assert json.loads(store.path.read_text()) == {"1k/w2": {"seconds": 12.5}}


def test_gum_documents_become_plain_articles_with_paragraphs(bench, tmp_path):
    import corpus

    conllu = tmp_path / "GUM_news_example.conllu"
    conllu.write_text(
        "# newdoc id = GUM_news_example\n# meta::title = Talks\n# meta::dateCreated = 2017-07-18\n"
        "# newpar\n# newpar_block = head (1 s)\n# text = Talks in Paris\n1\tTalks\n\n"
        "# newpar\n# text = Leaders met.\n1\tLeaders\n\n# text = They agreed.\n1\tThey\n\n"
        "# newpar\n# text = More later.\n1\tMore\n\n"
    )
    doc = corpus.read_conllu_document(conllu)
    assert doc.text == "Talks in Paris\n\nLeaders met. They agreed.\n\nMore later."
    assert (doc.title, doc.date) == ("Talks", "2017-07-18")
    folder = corpus.write_corpus(5, [doc], tmp_path / "corpus")
    records = [json.loads(line) for line in (folder / "part-00000.jsonl").read_text().splitlines()]
    assert len({r["text"] for r in records}) == 5  # numbered copies: five distinct article ids
    assert corpus.corpus_manifest(folder)["articles"] == 5
