"""``graphbuild eval GOLD PRED``: score extracted relations against a gold file."""

from __future__ import annotations

import argparse
import json

from .common import CliError

ORDER = 60


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "eval",
        help="score relations (build directory or relations.jsonl) against a gold file",
        description="Precision, recall and F1 by family and by kind, must-not violations,\n"
        "misses and false positives with their sentences. The gold format and the scoring\n"
        "rules are in "
        "docs/relations.md (tests/seed-gold.json is an example).",
        epilog="examples:\n"
        "  graphbuild build seeds/ --out kg && graphbuild eval tests/seed-gold.json kg\n"
        "  graphbuild eval eval/dev/gold/ devkg          # every gold file: table, misses, total\n"
        "  graphbuild extract a.txt -o rels.jsonl && graphbuild eval gold.json rels.jsonl --json",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "gold",
        metavar="GOLD",
        nargs="+",
        help="gold file (JSON), or several, or a folder of them (scored per article, then summed)",
    )
    parser.add_argument("pred", metavar="PRED", help="build directory or relations.jsonl")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    parser.add_argument(
        "--article",
        metavar="ID|FILE",
        help="score only this article (default: the gold file's 'article', when the build has it)",
    )
    parser.set_defaults(run=run_eval)


def run_eval(args) -> int:
    from ..eval import (
        GoldError,
        format_many,
        format_report,
        gold_files,
        load_gold,
        load_predictions,
        score,
        score_many,
    )

    try:
        if len(args.gold) > 1 or len(gold_files(args.gold)) > 1:
            if args.article:
                raise GoldError("--article needs a single gold file")
            reports, summary = score_many(args.gold, args.pred)
            if args.json:
                data = {"total": summary, "articles": [r.to_dict() for r in reports]}
                print(json.dumps(data, indent=2, ensure_ascii=False))
            else:
                print(format_many(reports, summary))
            return 0
        gold = load_gold(gold_files(args.gold)[0])
        predictions = load_predictions(args.pred, article=args.article or gold.article)
    except GoldError as exc:
        raise CliError(str(exc), 2) from None
    report = score(gold, predictions)
    if args.json:
        print(json.dumps(report.to_dict(), indent=2, ensure_ascii=False))
    else:
        print(format_report(report))
    return 0
