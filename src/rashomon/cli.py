"""The `rashomon` command: analyze, demo, extract, ingest, events, export, serve, predict, bench, train.

Each subcommand is a thin layer over the Python API; errors about input name the file and
the problem on one line, and a batch goes on past a bad file.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from dataclasses import asdict
from pathlib import Path

from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from . import __version__
from .terminal import clip

console = Console()
err_console = Console(stderr=True, soft_wrap=True)  # one error, one line, whatever the width
_TELL_STYLE = {"error": "red", "warning": "yellow", "note": "yellow", "skipped": "red"}


def _tell(kind: str, message: str, *, style: str | None = None) -> None:
    """One line to stderr: the kind ("error", "warning", …) in colour, then the message as
    written. File names, page text and library errors may hold "[…]", which rich would read
    as markup (eaten, or a crash on "[/quote]"), so the message is never parsed."""
    err_console.print(Text.assemble((kind, style or _TELL_STYLE.get(kind, "")), " ", message), highlight=False)


def _eval_file(name: str) -> Path:
    """Find a dev file of ../shared/eval (or $RASHOMON_EVAL_DIR)."""
    candidates = []
    if os.environ.get("RASHOMON_EVAL_DIR"):
        candidates.append(Path(os.environ["RASHOMON_EVAL_DIR"]))
    candidates += [Path.cwd().parent / "shared" / "eval", Path(__file__).resolve().parents[3] / "shared" / "eval"]
    for folder in candidates:
        if (folder / name).exists():
            return folder / name
    raise SystemExit(f"{name}: dev file not found (looked in {', '.join(map(str, candidates))}; set RASHOMON_EVAL_DIR)")


# ---------------------------------------------------------------- analyze / demo
def _write(path: str, text: str, what: str) -> None:
    if path == "-":
        sys.stdout.write(text + ("" if text.endswith("\n") else "\n"))
        return
    try:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        Path(path).write_text(text, encoding="utf-8")
    except OSError as exc:
        _cannot_write(path, exc)
    err_console.print(f"wrote {what} to {path}", highlight=False, markup=False)


def _cannot_write(path: str, exc: OSError) -> None:
    """One line naming the output file and why it cannot be written (a folder, no such
    folder, no permission, disk full), then exit 1: no traceback for a mistyped -o."""
    why = exc.strerror or str(exc)
    if isinstance(exc, (FileExistsError, NotADirectoryError)) and exc.filename not in (None, path):
        why = f"{exc.filename} is a file, not a folder"
    elif exc.filename not in (None, path):
        why += f": {exc.filename}"
    _tell("error", f"{path}: cannot write ({why})")
    raise SystemExit(1) from exc


def _run_analysis(inputs: list[str], quiet: bool):
    """Analyse with a progress display; returns (report, failures) or raises ValueError."""
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    from .analyze import analyze_paths

    with Progress(SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(), console=err_console, transient=True, disable=quiet) as bar:
        task = bar.add_task("reading reports")
        return analyze_paths(inputs, progress=lambda msg: bar.update(task, description=str(msg)))


def _emit_report(report: dict, args: argparse.Namespace) -> None:
    from .terminal import print_report

    if args.json:
        _write(args.json, json.dumps(report, ensure_ascii=False, indent=2), "the JSON report")
    if args.html:
        from .render import render_html

        _write(args.html, render_html(report), "the HTML report")
    if args.md:
        from .render import render_markdown

        _write(args.md, render_markdown(report), "the Markdown report")
    if not args.quiet and "-" not in (args.json, args.html, args.md):
        print_report(report, console)


def _open_store(db: str | None):
    from .store import Store, StoreError

    try:
        return Store.open(db)
    except StoreError as exc:
        _tell("error", str(exc))
        raise SystemExit(1) from exc


def cmd_analyze_event(args: argparse.Namespace) -> int:
    """The event report of a stored event (cached in the store until the event changes)."""
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    from .analyze import analyze_event
    from .store import StoreError

    store = _open_store(args.db)
    if store.get_event(args.event) is None:
        _tell("error", f"no event {args.event!r} in {store.url} (list them with `rashomon events`)")
        return 1
    try:
        with Progress(SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(), console=err_console, transient=True, disable=args.quiet) as bar:
            task = bar.add_task("reading stored reports")
            report = analyze_event(store, args.event, refresh=args.refresh, progress=lambda msg: bar.update(task, description=str(msg)))
    except StoreError as exc:  # e.g. a read-only store cannot cache the report
        _tell("error", str(exc))
        return 1
    for warning in report.get("warnings", []):
        _tell("warning", str(warning))
    _emit_report(report, args)
    return 0


def cmd_analyze(args: argparse.Namespace) -> int:
    if getattr(args, "event", None):
        if args.inputs:
            _tell("error", "give report files or --event ID, not both")
            return 2
        return cmd_analyze_event(args)
    if not args.inputs:
        _tell("error", "nothing to analyse: give report files, folders or globs, or --event ID")
        return 2
    try:
        report, failures = _run_analysis(args.inputs, args.quiet)
    except ValueError as exc:
        _tell("error", str(exc))
        return 1
    for f in failures:
        _tell("error", f"{f.path}: {f.problem}")
    for warning in report.get("warnings", []):
        _tell("warning", str(warning))
    if len(report["sources"]) < 2:
        _tell("note", "only one readable report: nothing to compare, every claim is unique")
    _emit_report(report, args)
    if failures:
        err_console.print(f"[red]{len(failures)} of {len(failures) + len(report['sources'])} inputs failed[/red]")
        return 1
    return 0


def demo_inputs() -> list[str]:
    """The bundled demo event's report files."""
    folder = Path(__file__).parent / "examples" / "demo"
    return [str(p) for p in sorted(folder.iterdir()) if p.suffix in (".txt", ".html")]


def cmd_demo(args: argparse.Namespace) -> int:
    args.inputs = demo_inputs()
    if args.html is None:
        args.html = "report.html"
    err_console.print(f"analysing the bundled demo event: {len(args.inputs)} reports of a dam spillway failure", highlight=False)
    return cmd_analyze(args)


# ---------------------------------------------------------------- ingest / events / export
def _print_ingest(summary, store) -> None:
    table = Table(title=f"ingest into {store.url}", show_header=False)
    table.add_column(style="bold")
    table.add_column(justify="right")
    d = summary.as_dict()
    for key in ("read", "stored", "already_stored", "copies", "new_events", "events_merged", "events_touched", "feeds_polled"):
        table.add_row(key.replace("_", " "), str(d[key]))
    rate = d["stored"] / summary.seconds if summary.seconds else 0.0
    table.add_row("time", f"{summary.seconds:.1f} s ({rate:.1f} reports/s)")
    console.print(table)
    for p in summary.problems[:50]:
        _tell("skipped", f"{p.uri}: {p.problem}", style="red")
    if len(summary.problems) > 50:
        err_console.print(f"… and {len(summary.problems) - 50} more problems (all kept in the store: `rashomon events --problems`)")


def _feed_urls(args: argparse.Namespace) -> list[str] | None:
    """The --feed and --feeds-file URLs, or None (the error said) when one cannot be used:
    a typo registered as a feed would be polled, and fail, on every later run."""
    from .ingest.fetch import is_http_url

    feeds = list(args.feed or [])
    if args.feeds_file:
        try:
            text = Path(args.feeds_file).read_text(encoding="utf-8-sig")
        except OSError as exc:
            _tell("error", f"{args.feeds_file}: cannot read the feed list ({exc.strerror or exc})")
            return None
        except UnicodeDecodeError as exc:
            _tell("error", f"{args.feeds_file}: not a feed list (not UTF-8 text: {exc.reason} at byte {exc.start})")
            return None
        feeds += [line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    bad = [url for url in feeds if not is_http_url(url)]
    for url in bad:
        where = f"{args.feeds_file}: " if url not in (args.feed or []) and args.feeds_file else ""
        _tell("error", f"{where}{url!r} is not an http(s) feed URL; nothing was registered")
    return None if bad else [url.strip() for url in feeds]


def _warn_skipped(summary) -> None:
    """One line after the problems: how many inputs were skipped against how many stored."""
    if summary.failed:
        _tell("error", f"nothing ingested: all {len(summary.problems)} input(s) failed (listed above)")
    elif summary.problems:
        err_console.print(
            f"[yellow]warning[/yellow] {len(summary.problems)} input(s) skipped, {summary.stored} stored, "
            f"{summary.already_stored} already stored; every problem is kept (`rashomon events --problems`)",
            highlight=False,
        )


def cmd_ingest(args: argparse.Namespace) -> int:
    from .store import StoreError

    store = _open_store(args.db)
    feeds = _feed_urls(args)
    if feeds is None:
        return 2
    try:
        return _ingest(args, store, feeds)
    except StoreError as exc:  # the store itself failed (read-only, locked, disk full): stop
        _tell("error", f"{exc}; every batch stored before it is kept, and a re-run resumes")
        return 1


def _ingest(args: argparse.Namespace, store, feeds: list[str]) -> int:
    import time

    from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    from .ingest.pipeline import Ingestor, ingest_feeds

    if feeds:
        added = store.add_feeds(feeds)
        err_console.print(f"{added} new feed(s) registered; {len(store.feed_states())} in the store", highlight=False)
    if not args.inputs and not store.feed_states():
        _tell("error", "nothing to ingest: give files, folders, JSONL or WARC files, or --feed URL")
        return 2
    skipped = failed = 0
    while True:
        with Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                      console=err_console, transient=True, disable=args.quiet) as bar:
            task = bar.add_task("ingesting", total=None)
            tick = lambda n: bar.update(task, completed=n)  # noqa: E731
            summaries = []
            if args.inputs:
                from .ingest.local import read_inputs

                summaries.append(Ingestor(store, batch_size=args.batch_size).run(read_inputs(args.inputs), tick))
                _print_ingest(summaries[-1], store)
            if store.feed_states():
                bar.update(task, description="polling feeds", completed=0)
                summaries.append(ingest_feeds(store, progress=tick, batch_size=args.batch_size))
                _print_ingest(summaries[-1], store)
        for summary in summaries:
            _warn_skipped(summary)
            skipped += len(summary.problems)
            failed += summary.failed
        if not args.watch:
            break
        args.inputs = []  # files are read once; feeds are polled again
        err_console.print(f"next poll in {args.watch:.0f} s (Ctrl-C to stop)")
        time.sleep(args.watch)
    return 1 if failed or (skipped and args.strict) else 0


def cmd_events(args: argparse.Namespace) -> int:
    store = _open_store(args.db)
    if args.problems:
        problems = store.problems(limit=args.limit)
        table = Table(title=f"problems in {store.url} (newest first)")
        for col in ("when", "stage", "input", "problem"):
            table.add_column(col, overflow="fold")
        for p in problems:
            table.add_row(p.at, p.stage, escape(p.uri), escape(p.message))
        console.print(table)
        return 0
    events = store.list_events(query=args.query, limit=args.limit, offset=args.offset)
    total = store.count_events(args.query)
    if args.json:
        _write(args.json, json.dumps([asdict(e) for e in events], ensure_ascii=False, indent=2), "the events")
        return 0
    title = f"{total} event(s) in {store.url}" + (f" matching {args.query!r}" if args.query else "")
    table = Table(title=title)
    table.add_column("event", no_wrap=True)
    table.add_column("title", ratio=1, min_width=20)
    for col in ("reports", "outlets"):
        table.add_column(col, justify="right")
    for col in ("lang", "first seen", "last seen", "claims c/p/u/x"):
        table.add_column(col, no_wrap=True)
    for e in events:
        cov = e.coverage
        claims = f"{cov['consensus']}/{cov['partial']}/{cov['unique']}/{cov['conflict']}" if cov else "—"
        table.add_row(escape(e.id), escape(e.title or "—"), str(e.n_reports), str(e.n_outlets), ", ".join(e.languages) or "—",
                      (e.first_seen or "—")[:10], (e.last_seen or "—")[:10], claims)
    console.print(table)
    if total > args.offset + len(events):
        console.print(f"[dim]{total - args.offset - len(events)} more: --offset {args.offset + len(events)}[/dim]")
    console.print("[dim]rashomon analyze --event ID: the event report of one event[/dim]")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from .store import StoreError
    from .store.export import export

    store = _open_store(args.db)
    fmt = args.format or ("csv" if (args.output or "").endswith(".csv") else "jsonl")
    skipped: list[StoreError] = []  # stored reports that cannot be read: left out, named
    try:
        if args.output in (None, "-"):
            try:
                n = export(store, sys.stdout, what=args.what, fmt=fmt, skip=skipped.append)
                sys.stdout.flush()
            except BrokenPipeError:  # `rashomon export | head`: the reader has all it wanted
                os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # no second error at exit
                return 1
        else:
            try:
                Path(args.output).parent.mkdir(parents=True, exist_ok=True)
                with open(args.output, "w", encoding="utf-8", newline="") as fh:
                    n = export(store, fh, what=args.what, fmt=fmt, skip=skipped.append)
            except OSError as exc:
                _cannot_write(args.output, exc)
    except StoreError as exc:
        _tell("error", str(exc))
        return 1
    for exc in skipped:
        _tell("skipped", str(exc), style="yellow")
    err_console.print(f"exported {n} {args.what} as {fmt}" + (f" to {args.output}" if args.output not in (None, "-") else ""), highlight=False, markup=False)
    if skipped:
        _tell("warning", f"{len(skipped)} stored report(s) could not be read and were left out")
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from .web.server import ServeError, serve

    try:
        serve(args.host, args.port, args.db, args.token, args.max_upload_mb)
    except ServeError as exc:
        _tell("error", str(exc))
        return 2
    return 0


# ---------------------------------------------------------------- extract
def cmd_extract(args: argparse.Namespace) -> int:
    from .extract import ExtractFailure, extract_files

    articles = []
    failures: list[ExtractFailure] = []
    for result in extract_files(args.files, max_bytes=args.max_bytes):
        if isinstance(result, ExtractFailure):
            failures.append(result)
            _tell("error", f"{result.path}: {result.problem}")
            continue
        articles.append(result)
        if not args.quiet and args.json != "-":
            _print_article(result)
    if args.json:
        records = [a.to_dict() for a in articles]
        payload = json.dumps(records, ensure_ascii=False, indent=2)
        if args.json == "-":
            sys.stdout.write(payload + "\n")
        else:
            Path(args.json).write_text(payload, encoding="utf-8")
            console.print(f"wrote {len(records)} article records to {args.json}", markup=False)
    if failures:
        err_console.print(f"[red]{len(failures)} of {len(failures) + len(articles)} files failed:[/red]")
        for f in failures:
            err_console.print(f"  {f.path}: {f.problem}", highlight=False, markup=False)
        return 1
    return 0


def _print_article(article) -> None:
    table = Table(show_header=False, box=None, padding=(0, 1))
    table.add_column(style="bold cyan", no_wrap=True)
    table.add_column()
    words = len(article.text.split())
    for label, value in (
        ("title", article.title),
        ("outlet", article.outlet),
        ("published", article.published),
        ("author", article.author),
        ("language", article.language),
        ("body", f"{words} words in {len(article.paragraphs)} paragraphs ({article.format}, offsets into {article.offsets_into})"),
        ("removed", _removed_summary(article.removed)),
        ("cites", ", ".join(s.value for s in article.sources) or None),
    ):
        table.add_row(label, escape(value) if value else "[dim]—[/dim]")
    console.rule(f"[bold]{escape(article.id)}[/bold]  [dim]{escape(str(article.path))}[/dim]")
    console.print(table)
    if article.paragraphs:
        console.print(f"[dim]{escape(clip(article.paragraphs[0].text, 200))}[/dim]")


def _removed_summary(removed) -> str:
    """'9 pieces: 5 boilerplate, 2 dateline, 1 title, 1 link' — what kind of junk went."""
    if not removed:
        return "nothing"
    counts: dict[str, int] = {}
    for r in removed:
        counts[r.reason] = counts.get(r.reason, 0) + 1
    kinds = ", ".join(f"{n} {reason}" for reason, n in sorted(counts.items(), key=lambda kv: -kv[1]))
    return f"{len(removed)} pieces: {kinds}"


# ---------------------------------------------------------------- predict
def cmd_predict(args: argparse.Namespace) -> int:
    from .predict import TASKS, run_predict

    if args.task not in TASKS:
        raise SystemExit(f"predict: unknown task {args.task!r} (available: {', '.join(sorted(TASKS))})")
    summary = run_predict(args.task, args.input, args.output, resume=args.resume, show_progress=not args.quiet)
    def rows(n: int) -> str:
        return f"{n:,} row{'' if n == 1 else 's'}"

    console.print(
        f"{args.task}: wrote {rows(summary.written)} to {escape(str(args.output))}"
        + (f", skipped {summary.skipped:,} already there" if summary.skipped else "")
        + (f", [red]{rows(summary.errors)} with errors[/red]" if summary.errors else "")
    )
    return 0


# ---------------------------------------------------------------- bench
def cmd_bench(args: argparse.Namespace) -> int:
    from .bench import run_bench

    data = Path(args.data) if args.data else None
    return run_bench(args.task, data=data, limit=args.limit, baseline=args.baseline, console=console, eval_file=_eval_file)


# ---------------------------------------------------------------- train
def cmd_train(args: argparse.Namespace) -> int:
    from .extract.train_cli import train_extract

    if args.task != "extract":
        raise SystemExit(f"train: unknown task {args.task!r} (available: extract)")
    data = Path(args.data) if args.data else _eval_file("extract_aeb_dev.jsonl.gz")
    train_extract(data, cv=not args.no_cv, console=console)
    return 0


def _report_outputs(p: argparse.ArgumentParser) -> None:
    p.add_argument("--json", metavar="OUT", help="write the JSON report ('-' for stdout)")
    p.add_argument("--html", metavar="OUT", help="write a self-contained HTML report")
    p.add_argument("--md", metavar="OUT", help="write a Markdown report")
    p.add_argument("-q", "--quiet", action="store_true", help="no terminal view or progress")


def _count(text: str) -> int:
    """A --limit or --offset: a whole number, 0 or more (SQLite reads -1 as 'no limit' and
    PostgreSQL refuses it, so a negative one is an error here, on every backend)."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"{value} is negative: give 0 or more")
    return value


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="rashomon", description="See how the news agrees and differs.")
    parser.add_argument("--version", action="version", version=f"rashomon {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    db_help = "the store: a SQLite file or URL, or postgresql://user@host/db (default $RASHOMON_DB or ./rashomon.db)"
    p = sub.add_parser("analyze", help="the event report: where reports of one event agree, differ and conflict")
    p.add_argument("inputs", nargs="*", help="report files (HTML or text), folders, globs, or JSONL records")
    p.add_argument("--event", metavar="ID", help="analyse a stored event instead (see `rashomon events`)")
    p.add_argument("--db", help=db_help)
    p.add_argument("--refresh", action="store_true", help="with --event: recompute even if a report is cached")
    _report_outputs(p)
    p.set_defaults(func=cmd_analyze)

    p = sub.add_parser("ingest", help="store reports from files, folders, JSONL, WARC archives and feeds, grouped into events")
    p.add_argument("inputs", nargs="*", help="saved pages, folders, .jsonl(.gz), .warc(.gz)")
    p.add_argument("--feed", action="append", metavar="URL", help="an RSS/Atom feed to register and poll (repeatable)")
    p.add_argument("--feeds-file", metavar="FILE", help="a file of feed URLs, one per line")
    p.add_argument("--watch", type=float, metavar="SECONDS", help="keep polling the feeds every SECONDS")
    p.add_argument("--db", help=db_help)
    p.add_argument("--strict", action="store_true", help="exit 1 when any input was skipped")
    p.add_argument("--batch-size", type=int, default=64, help="reports per transaction and per model call (default 64)")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress display")
    p.set_defaults(func=cmd_ingest)

    p = sub.add_parser("events", help="list the stored events, newest first")
    p.add_argument("-s", "--query", help="only events whose titles or outlets contain every word")
    p.add_argument("--limit", type=_count, default=30)
    p.add_argument("--offset", type=_count, default=0)
    p.add_argument("--json", metavar="OUT", help="write the list as JSON ('-' for stdout)")
    p.add_argument("--problems", action="store_true", help="list the inputs ingest skipped, and why")
    p.add_argument("--db", help=db_help)
    p.set_defaults(func=cmd_events)

    p = sub.add_parser("serve", help="the web app: stored events, event reports, analysis of pasted or uploaded reports")
    p.add_argument("--host", default="127.0.0.1", help="beyond loopback a --token is required")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument("--db", help=db_help)
    p.add_argument("--token", help="required token, 16+ characters (or set RASHOMON_TOKEN: not visible in ps)")
    p.add_argument("--max-upload-mb", type=float, default=8.0, help="largest upload accepted (default 8 MB)")
    p.set_defaults(func=cmd_serve)

    p = sub.add_parser("export", help="write the stored reports or events as JSONL or CSV")
    p.add_argument("what", nargs="?", choices=["articles", "events"], default="articles")
    p.add_argument("-o", "--output", help="output file (default stdout); .csv means CSV")
    p.add_argument("--format", choices=["jsonl", "csv"])
    p.add_argument("--db", help=db_help)
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("demo", help="analyse the bundled demo event into report.html")
    _report_outputs(p)
    p.set_defaults(func=cmd_demo)

    p = sub.add_parser("extract", help="extract articles from saved pages or pasted text")
    p.add_argument("files", nargs="+", help="HTML or plain-text report files")
    p.add_argument("--json", metavar="OUT", help="write the article records as JSON ('-' for stdout)")
    p.add_argument("--max-bytes", type=int, default=16 * 1024 * 1024, help="largest page accepted (default 16 MB)")
    p.add_argument("-q", "--quiet", action="store_true", help="no per-article summary")
    p.set_defaults(func=cmd_extract)

    p = sub.add_parser("predict", help="run a stage over a JSONL file as ../shared/EVAL.md specifies")
    p.add_argument("task")
    p.add_argument("input")
    p.add_argument("-o", "--output", required=True)
    p.add_argument("--resume", action="store_true", help="keep rows already in OUTPUT and add the missing ones")
    p.add_argument("-q", "--quiet", action="store_true")
    p.set_defaults(func=cmd_predict)

    p = sub.add_parser("bench", help="score a stage on its dev file and print the metrics")
    p.add_argument("task")
    p.add_argument("--data", help="dev file (default: ../shared/eval/…)")
    p.add_argument("--limit", type=int, help="only the first N rows")
    p.add_argument("--baseline", action="store_true", help="also score the plain baseline (trafilatura alone)")
    p.set_defaults(func=cmd_bench)

    p = sub.add_parser("train", help="rebuild a shipped model from its dev data")
    p.add_argument("task")
    p.add_argument("--data")
    p.add_argument("--no-cv", action="store_true", help="skip the cross-validated figures")
    p.set_defaults(func=cmd_train)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except KeyboardInterrupt:
        err_console.print("interrupted")
        return 130


if __name__ == "__main__":
    sys.exit(main())
