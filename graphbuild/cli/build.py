"""``graphbuild build`` and ``graphbuild extract``."""

from __future__ import annotations

import argparse
import json
import os
import signal
import sys
from pathlib import Path

from .common import CliError, progress
from .neo4j import add_connection_options, add_load_options, check_connection

ORDER = 10

INPUT_HELP = "files, folders (read recursively), globs such as 'news/**/*.jsonl', or - for stdin"


def add_input_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("inputs", nargs="+", metavar="INPUT", help=INPUT_HELP)
    parser.add_argument(
        "--model",
        metavar="NAME|PATH",
        help="spaCy pipeline to use instead of the shipped one (also $GRAPHBUILD_MODEL)",
    )
    parser.add_argument(
        "--workers", type=int, metavar="N", help="extraction processes (default: all cores)"
    )
    parser.add_argument(
        "--date", metavar="YYYY-MM-DD", help="date for articles whose source gives none"
    )
    parser.add_argument(
        "--fields",
        metavar="NAME=FIELD,...",
        help="JSON field names when they differ from text,title,date,url,source "
        "(e.g. text=body,date=published_at; dots reach nested fields)",
    )
    parser.add_argument(
        "--any-language", action="store_true", help="do not skip texts that do not look English"
    )


def add_engine_options(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group(
        "engine (see docs/scaling.md)",
        "INPUTs may be fsspec URLs (s3://, gs://, file://) with --engine dask; "
        "DIR is a local folder",
    )
    group.add_argument(
        "--engine",
        choices=["local", "dask"],
        default="local",
        help="local: --workers processes here (default); dask: a Dask cluster "
        "(pip install 'graphbuild[dask]')",
    )
    group.add_argument(
        "--scheduler",
        metavar="tcp://HOST:PORT",
        help="the Dask scheduler to use (default: a LocalCluster of --workers processes here)",
    )
    group.add_argument(
        "--work",
        metavar="DIR|URL",
        help="where Dask workers write shard results, reachable by every worker and by "
        "this machine (default DIR/.shards); kept until the build commits, so a re-run resumes",
    )
    group.add_argument(
        "--shard-size",
        type=float,
        metavar="MB",
        help="input megabytes per Dask task (default 16): large JSONL files are cut into ranges",
    )


def register(subparsers) -> None:
    build = subparsers.add_parser(
        "build",
        help="extract articles into a graph directory (JSONL, embedded Cypher store, RDF, GraphML, HTML)",
        description="Extract relations from articles and merge them into the graph in DIR.\n\n"
        "Re-running on the same inputs changes nothing; new inputs are added to what DIR holds.\n"
        "DIR gets articles.jsonl, actors.jsonl, relations.jsonl, mentions.jsonl, build.json,\n"
        "graph.lbug (Cypher: graphbuild query DIR ...), graph.ttl (RDF), graph.graphml and graph.html.",
        epilog="examples:\n"
        "  graphbuild build seeds/ --out kg\n"
        "  graphbuild build 'feeds/*.xml' dump.jsonl --out kg --fields text=body --workers 2\n"
        "  cat article.txt | graphbuild build - --out kg --date 2024-02-24\n"
        "  graphbuild build news/ --out kg --neo4j    # also load into $NEO4J_URI\n"
        "  graphbuild build s3://bucket/news/ --out kg --engine dask --scheduler tcp://10.0.0.5:8786",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_input_options(build)
    build.add_argument(
        "--out", "-o", required=True, metavar="DIR", help="build directory (created if missing)"
    )
    build.add_argument(
        "--skip",
        action="append",
        default=[],
        choices=["store", "rdf", "graphml", "html"],
        help="do not write this derived output (repeatable)",
    )
    build.add_argument(
        "--wait",
        action="store_true",
        help="if another run is writing DIR, wait instead of refusing",
    )
    build.add_argument(
        "--neo4j",
        action="store_true",
        help="also load the result into Neo4j (see 'graphbuild neo4j load --help')",
    )
    add_engine_options(build)
    add_connection_options(build)
    add_load_options(build)
    build.set_defaults(run=run_build)

    extract = subparsers.add_parser(
        "extract",
        help="stream relation records as JSON Lines, without building a graph",
        description="Extract relations and write one JSON object per line (stdout by default).",
        epilog="example:\n  graphbuild extract seeds/ | jq -c '{s: .subject.name, f: .family, o: .object.name}'",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_input_options(extract)
    extract.add_argument("-o", "--output", metavar="FILE", help="write here instead of stdout")
    extract.set_defaults(run=run_extract)


def read_options(args):
    from ..ingest import FieldMap, ReadOptions
    from ..ingest.dates import parse_date

    try:
        fields = FieldMap.parse(args.fields)
    except ValueError as exc:
        raise CliError(str(exc), 2) from None
    date = None
    if args.date:
        date = parse_date(args.date)
        if date is None:
            raise CliError(f"--date {args.date!r} is not a date (use YYYY-MM-DD)", 2)
    return ReadOptions(fields=fields, default_date=date, check_language=not args.any_language)


def _check_inputs(inputs, problems, engine: str = "local") -> None:
    """Refuse before any work when an input path does not exist (URLs: the Dask engine checks)."""
    from ..ingest import resolve_inputs

    urls = [i for i in inputs if "://" in i]
    if urls and engine != "dask":
        raise CliError(f"{urls[0]}: URL inputs need --engine dask (see docs/scaling.md)", 2)
    if "-" in inputs and engine == "dask":
        raise CliError("stdin (-) cannot be split into shards: use --engine local", 2)
    resolve_inputs([i for i in inputs if i != "-" and "://" not in i], problems)
    if problems.fatal:
        raise CliError("; ".join(str(p) for p in problems.items if p.fatal), 2)


def _check_workers(args) -> None:
    if args.workers is not None and args.workers < 1:
        raise CliError("--workers must be at least 1", 2)


def _check_out(out: str) -> None:
    """Refuse before any work when --out cannot be a folder (a file, or under a file).

    Nothing is created here: a run that finds no articles leaves no directory behind.
    """
    path = Path(out).absolute()
    existing = next(p for p in (path, *path.parents) if p.exists())
    if not existing.is_dir():
        reason = "File exists" if existing == path else "Not a directory"
    elif not os.access(existing, os.W_OK | os.X_OK):
        reason = "Permission denied"
    else:
        return
    raise CliError(f"--out {out}: cannot be the build folder ({reason})", 2)


def run_build(args) -> int:
    from ..builddir import DirectoryBusy
    from ..builder import BuildReport, NoArticles, build
    from ..engines import EngineUnavailable
    from ..ingest import Problems
    from ..nlp import ModelError

    _check_workers(args)
    _check_inputs(args.inputs, Problems(echo=False), args.engine)
    engine = _engine(args)
    if args.neo4j:
        check_connection(args)  # a bad connection fails before DIR is touched
    _check_out(args.out)
    report = BuildReport(Path(args.out))
    _interrupt_on_sigterm()
    try:
        build(
            args.inputs,
            args.out,
            workers=args.workers,
            model=args.model,
            options=read_options(args),
            skip_outputs=args.skip,
            wait=args.wait,
            progress=lambda results: progress(results, args, "extracting"),
            report=report,
            engine=engine,
        )
    except DirectoryBusy as exc:
        raise CliError(str(exc), 3) from None
    except EngineUnavailable as exc:
        raise CliError(str(exc), 2) from None
    except ModelError as exc:
        raise CliError(str(exc), 2) from None
    except NoArticles as exc:
        _print_problems(report.problems)
        raise CliError(str(exc), 1) from None
    if args.neo4j:
        from .neo4j import load_into_neo4j

        load_into_neo4j(args, Path(args.out))
    _print_problems(report.problems)
    print(report.summary(), file=sys.stderr)
    if report.articles_read == 0 and report.problems.items:
        return 1
    return 0


def _interrupt_on_sigterm() -> None:
    """SIGTERM (``kill``, a stopped container or job) ends a build like Ctrl-C: the staged
    files are removed and DIR is left as it was, instead of a staging folder behind."""
    owner = os.getpid()

    def handler(signum, frame):
        if os.getpid() != owner:  # a forked extraction worker: die as it would have
            signal.signal(signal.SIGTERM, signal.SIG_DFL)
            os.kill(os.getpid(), signal.SIGTERM)
            return
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, handler)


def _engine(args):
    """The extraction engine the options ask for; a missing extra is one line, exit 2."""
    from ..engines import EngineUnavailable, make_engine

    if args.engine == "local":
        if args.scheduler or args.work or args.shard_size:
            raise CliError("--scheduler, --work and --shard-size go with --engine dask", 2)
        return make_engine("local", workers=args.workers, model=args.model)
    if args.shard_size is not None and args.shard_size <= 0:
        raise CliError("--shard-size must be more than 0", 2)
    try:
        return make_engine(
            "dask",
            scheduler=args.scheduler,
            workers=args.workers,
            model=args.model,
            work=args.work,
            shard_bytes=int(args.shard_size * 2**20) if args.shard_size else None,
        )
    except EngineUnavailable as exc:
        raise CliError(str(exc), 2) from None


def _print_problems(problems) -> None:
    bad = problems.bad_inputs()
    if bad:
        print(f"{len(bad)} inputs had problems (see warnings above):", file=sys.stderr)
        for where in bad[:50]:
            print(f"  {where}", file=sys.stderr)
        if len(bad) > 50:
            print(f"  ... and {len(bad) - 50} more", file=sys.stderr)


def run_extract(args) -> int:
    from ..ingest import Problems, read_inputs
    from ..nlp import ModelError
    from ..pipeline import extract_articles

    _check_workers(args)
    problems = Problems()
    _check_inputs(args.inputs, Problems(echo=False))
    target = Path(args.output) if args.output else None
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp") if target else None
    try:
        out = open(tmp, "w", encoding="utf-8") if tmp else sys.stdout
    except OSError as exc:
        raise CliError(f"-o {args.output}: cannot write there ({exc.strerror})", 2) from None
    count = read = 0
    seen: set[str] = set()
    try:
        articles = (
            a
            for a in read_inputs(args.inputs, problems, read_options(args))
            if not (a.id in seen or seen.add(a.id))
        )
        for result in progress(
            extract_articles(articles, model=args.model, workers=args.workers), args, "extracting"
        ):
            read += 1
            for rel in result.relations:
                out.write(json.dumps(rel, ensure_ascii=False) + "\n")
                count += 1
            if out is sys.stdout:
                out.flush()
    except ModelError as exc:
        raise CliError(str(exc), 2) from None
    except BaseException:
        if tmp:
            out.close()
            tmp.unlink(missing_ok=True)
        raise
    if tmp:
        out.close()
        if read:
            os.replace(tmp, target)
        else:  # no articles: no output file, like build's empty input
            tmp.unlink()
    _print_problems(problems)
    print(f"{read} articles, {count} relations", file=sys.stderr)
    return 1 if read == 0 and problems.items else 0
