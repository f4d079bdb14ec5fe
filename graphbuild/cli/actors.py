"""``graphbuild actors``: look up, extend and try out the actors knowledge base."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .common import CliError

ORDER = 60


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "actors",
        help="the actors knowledge base: look up names and offices, import actors, tag a text",
        description="The knowledge base of countries, organisations, armed groups and leaders\n"
        "that mentions are linked to. Your own additions live in $GRAPHBUILD_KB\n"
        "(default ~/.local/share/graphbuild/kb); see docs/actors.md.",
        epilog="examples:\n"
        "  graphbuild actors lookup Putin --date 2010-01-01\n"
        "  graphbuild actors who head_of_state 'United States' --date 2015-06-01\n"
        "  graphbuild actors import wikidata-ministers.csv --type Person\n"
        "  graphbuild actors tag article.txt --date 2023-03-20\n"
        "  graphbuild actors score eval/dev/gold /tmp/devkg",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    commands = parser.add_subparsers(dest="actors_command", metavar="ACTION")
    parser.set_defaults(run=lambda args: _usage(parser))

    lookup = commands.add_parser("lookup", help="actors with this name or alias, and their offices")
    lookup.add_argument("name", metavar="NAME")
    lookup.add_argument("--date", metavar="YYYY-MM-DD", help="show the role held on this date")
    lookup.add_argument("--json", action="store_true", help="one JSON object per actor")
    lookup.set_defaults(run=run_lookup)

    who = commands.add_parser(
        "who", help="who held an office of a country or organisation on a date"
    )
    who.add_argument(
        "office",
        metavar="OFFICE",
        help="head_of_state, head_of_government, leader, "
        "foreign_minister, defence_minister, vice_president, crown_prince or head",
    )
    who.add_argument("body", metavar="BODY", help="country or organisation (name or alias)")
    who.add_argument("--date", required=True, metavar="YYYY-MM-DD")
    who.set_defaults(run=run_who)

    importer = commands.add_parser(
        "import",
        help="merge actors from a CSV/JSON file (e.g. a Wikidata query export) into your KB",
        description="Columns (any case): item/wikidata (Q-id or entity URL), itemLabel/name,\n"
        "itemAltLabel/aliases (| or comma separated), type (Person, Country, Organization,\n"
        "ArmedGroup, Group, or a Wikidata class label such as 'human'), country, role, gender.\n"
        "Same Wikidata id, or same name and type, counts as the same actor: aliases are merged.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    importer.add_argument(
        "file", metavar="FILE", help=".csv, .tsv, .json (list or SPARQL results), .jsonl"
    )
    importer.add_argument(
        "--type",
        default="Organization",
        metavar="TYPE",
        help="type for rows that give none (default: Organization)",
    )
    importer.add_argument(
        "--kb", metavar="DIR", help="user KB folder (default: first of $GRAPHBUILD_KB)"
    )
    importer.set_defaults(run=run_import)

    tag = commands.add_parser("tag", help="parse a text file and list the actor mentions found")
    tag.add_argument("file", metavar="FILE", help="a plain-text article, or - for stdin")
    tag.add_argument("--date", metavar="YYYY-MM-DD", help="the article's date (resolves titles)")
    tag.add_argument(
        "--model", metavar="NAME|PATH", help="spaCy pipeline (default: the shipped one)"
    )
    tag.set_defaults(run=run_tag)

    score = commands.add_parser(
        "score",
        help="compare a build's actors with the actors of article gold files",
        description="For each gold file (or each *.json in a folder), the article it names is\n"
        "looked up in the build directory: gold actors found, missed, found under another\n"
        "id or country, and spurious actors (see eval/dev/README.md).",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    score.add_argument("gold", metavar="GOLD", nargs="+", help="gold files or folders of them")
    score.add_argument("build", metavar="DIR", help="build directory (graphbuild build --out DIR)")
    score.add_argument("--json", action="store_true", help="print the report as JSON")
    score.set_defaults(run=run_score)


def _usage(parser) -> int:
    parser.print_help()
    return 2


def _date(value: str | None) -> str | None:
    if value is None:
        return None
    from ..ingest.dates import parse_date

    date = parse_date(value)
    if date is None:
        raise CliError(f"--date {value!r} is not a date (use YYYY-MM-DD)", 2)
    return date


def _kb():
    from ..actors import KnowledgeBase, KnowledgeBaseError

    try:
        return KnowledgeBase.load_default()
    except KnowledgeBaseError as exc:
        raise CliError(str(exc)) from None


def run_lookup(args) -> int:
    kb = _kb()
    date = _date(args.date)
    found = kb.find_all(args.name)
    if not found:
        print(f"no actor is called {args.name!r}", file=sys.stderr)
        return 1
    for actor in found:
        tenures = sorted(kb.person_tenures.get(actor.id, ()), key=lambda t: t.start)
        if args.json:
            record = actor.to_dict()
            record["role"] = kb.role_on(actor.id, date) or actor.role
            record["offices"] = [
                {
                    "body": kb.actors[t.body_id].name,
                    "office": t.office,
                    "start": t.start,
                    "end": t.end,
                }
                for t in tenures
            ]
            print(json.dumps(record, ensure_ascii=False))
            continue
        where = f", {actor.country}" if actor.country else ""
        print(f"{actor.id}\t{actor.name} ({actor.type}{where})")
        if actor.aliases:
            print(f"  aliases: {', '.join(actor.aliases)}")
        for tenure in tenures:
            body = kb.actors[tenure.body_id].name
            print(f"  {tenure.office} of {body}: {tenure.start} to {tenure.end or 'now'}")
        if date:
            print(f"  on {date}: {kb.role_on(actor.id, date) or 'no known office'}")
    return 0


def run_who(args) -> int:
    from ..actors.kb import OFFICES

    kb = _kb()
    if args.office not in OFFICES:
        raise CliError(f"office {args.office!r} is not one of {', '.join(OFFICES)}", 2)
    body = kb.find_body(args.body)
    if body is None:
        raise CliError(f"{args.body!r} is not a country or organisation in the knowledge base", 2)
    date = _date(args.date)
    holder = (
        kb.leader(body.id, date)
        if args.office == "leader"
        else kb.holder(body.id, args.office, date)
    )
    if holder is None:
        print(f"no known {args.office} of {body.name} on {date}", file=sys.stderr)
        return 1
    print(f"{holder}\t{kb.actors[holder].name}")
    return 0


def run_import(args) -> int:
    from ..actors.importer import ActorImportError, import_actors
    from ..actors.kb import default_user_kb_dir, user_kb_dirs

    source = Path(args.file)
    if not source.is_file():
        raise CliError(f"{source}: no such file", 2)
    target = Path(args.kb) if args.kb else (user_kb_dirs() or [default_user_kb_dir()])[0]
    try:
        report = import_actors(source, target, args.type)
    except (ActorImportError, OSError) as exc:
        raise CliError(str(exc)) from None
    for problem in report.problems[:50]:
        print(f"warning: {problem}", file=sys.stderr)
    if len(report.problems) > 50:
        print(f"warning: ... and {len(report.problems) - 50} more rows skipped", file=sys.stderr)
    print(report.summary(), file=sys.stderr)
    return 0 if report.added + report.merged + report.unchanged or not report.problems else 1


def run_tag(args) -> int:
    from ..actors import find_actors
    from ..nlp import ModelError, load_pipeline

    if args.file == "-":
        text = sys.stdin.read()
    else:
        try:
            text = Path(args.file).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise CliError(f"{args.file}: cannot read ({exc})", 2) from None
    date = _date(args.date)
    try:
        nlp = load_pipeline(args.model)
    except ModelError as exc:
        raise CliError(str(exc), 2) from None
    found = find_actors(nlp(text), _kb(), date)
    for mention in found.mentions:
        actor = found.actors[mention.actor_id]
        print(
            f"{mention.start}\t{mention.end}\t{mention.how}\t{mention.text}\t{actor.id}\t"
            f"{actor.name}\t{mention.sector or '-'}"
        )
    return 0


def run_score(args) -> int:
    from ..actors.scoring import ScoringError, format_report, score_build

    files: list[Path] = []
    for name in args.gold:
        path = Path(name)
        if path.is_dir():
            files.extend(sorted(path.glob("*.json")))
        elif path.is_file():
            files.append(path)
        else:
            raise CliError(f"{path}: no such file or folder", 2)
    if not files:
        raise CliError("no gold files (*.json) found", 2)
    try:
        report = score_build(files, Path(args.build))
    except ScoringError as exc:
        raise CliError(str(exc), 2) from None
    if args.json:
        print(json.dumps(report.to_dict(), indent=2, ensure_ascii=False))
    else:
        print(format_report(report))
    return 0
