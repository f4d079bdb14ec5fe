"""The "targets and results" table at the top of RESULTS.md.

Each benchmark records its headline numbers with ``record_headline`` (kept in
``data/headlines.json``); this module draws them side by side with their
targets. Lines nobody has measured yet say so instead of showing a number.
"""

from __future__ import annotations

import re
from typing import Any

from results import NOT_MEASURED, ResultStore, results_md, table, write_section

#: Every line the issue asks for, in order, with its target; benchmarks fill in the results.
EXPECTED: dict[str, str] = {
    "extraction time / plain nlp.pipe, 1 worker": "<= 1.25",
    "extraction time / plain nlp.pipe, 2 workers": "<= 1.25",
    "end to end, 1k articles (600-word articles/s)": ">= 10",
    "end to end, 10k articles (600-word articles/s)": ">= 10",
    "end to end, 100k articles (600-word articles/s)": ">= 10",
    "end to end time per article, largest vs smallest size": "linear (<= 1.2x)",
    "end to end peak memory, largest vs smallest size": "flat (<= 1.2x)",
    "embedded store writes (relationships/s)": "(measured)",
    "Neo4j load (relationships/s)": "(measured)",
    "RDF serialisation (triples/s)": "(measured)",
}
#: Sections other engineers write; the summary points at them until they record a headline.
OTHER_SECTIONS = {
    "embedded store writes (relationships/s)": "store_write",
    "Neo4j load (relationships/s)": "neo4j_load",
    "RDF serialisation (triples/s)": "rdf_write",
}


def headlines() -> ResultStore:
    return ResultStore("headlines")


def record_headline(
    line: str, result: str, status: str, source: str, target: str | None = None
) -> None:
    """Set one line of the summary table.

    ``result`` is shown as given, ``status`` is "met", "MISSED" or "", ``source`` says
    which run it came from (size, workers, date). The table in RESULTS.md is redrawn.
    """
    headlines().put(
        line,
        {
            "result": result,
            "status": status,
            "source": source,
            "target": target or EXPECTED.get(line, ""),
        },
    )
    update_summary()


def render() -> str:
    store = headlines()
    existing = results_md().read_text(encoding="utf-8") if results_md().exists() else ""
    rows: list[list[Any]] = []
    for line in [*EXPECTED, *(k for k in store.entries if k not in EXPECTED)]:
        entry = store.get(line)
        if entry:
            rows.append([line, entry["target"], entry["result"], entry["status"], entry["source"]])
            continue
        section = OTHER_SECTIONS.get(line)
        if section and re.search(rf"<!-- BEGIN {re.escape(section)} -->", existing):
            rows.append([line, EXPECTED[line], f"see section `{section}` below", "", ""])
        else:
            rows.append([line, EXPECTED.get(line, ""), NOT_MEASURED, "", ""])
    return "## Targets and results\n\n" + table(
        ["measure", "target", "result", "status", "from"], rows
    )


def update_summary() -> None:
    write_section("summary", render(), after="machine")
