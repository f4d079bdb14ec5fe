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
        "  graphbuild extract a.txt -o rels.jsonl && graphbuild eval gold.json rels.jsonl --json\n"
        "  graphbuild eval eval/plover-gold.json --predict   # event records: extract and score",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "paths",
        metavar="GOLD... PRED",
        nargs="+",
        help="gold file (JSON), or several, or a folder of them (scored per article, then "
        "summed), then PRED: a build directory or relations.jsonl (none with --predict)",
    )
    parser.add_argument(
        "--predict",
        action="store_true",
        help="event gold file (eval/plover-gold.json): extract each record's sentence and score it",
    )
    parser.add_argument(
        "--model",
        metavar="NAME|PATH",
        help="spaCy pipeline for --predict (default: the shipped one)",
    )
    parser.add_argument(
        "--summary",
        action="store_true",
        help="event gold file: print the scores only, not each record's misses",
    )
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
    from ..eval_events import is_event_gold

    try:
        if args.predict or (len(args.paths) == 1 and is_event_gold(args.paths[0])):
            args.gold, args.pred = args.paths, None
        else:
            args.gold, args.pred = args.paths[:-1], args.paths[-1]
        if len(args.gold) == 1 and is_event_gold(args.gold[0]):
            return _run_event_eval(args)
        if args.predict:
            raise GoldError("--predict needs one event gold file (e.g. eval/plover-gold.json)")
        if not args.gold:
            raise GoldError("give a gold file and PRED (a build directory or relations.jsonl)")
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


def _run_event_eval(args) -> int:
    """An event gold file: score its records, predicted here or read from a build."""
    from ..eval import GoldError
    from ..eval_events import (
        event_report_json,
        format_event_report,
        load_event_gold,
        predict,
        predictions_from_build,
        score_events,
    )

    if not args.predict and not args.pred:
        raise GoldError(f"{args.gold[0]}: an event gold file needs --predict or PRED")
    event_gold = load_event_gold(args.gold[0])
    if args.predict:
        predictions = predict(event_gold, args.model)
    else:
        predictions = predictions_from_build(event_gold, args.pred)
    report = score_events(event_gold, predictions)
    if args.json:
        print(event_report_json(report))
    else:
        print(format_event_report(report, details=not args.summary))
    return 0
