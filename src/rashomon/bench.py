"""`rashomon bench TASK`: run predict on a dev file and print the metrics of ../shared/EVAL.md.

Benchmarks print numbers; they never assert. Speed is measured on the same pages as quality,
and the plain baseline (trafilatura alone) can be scored beside it on the same machine.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from rich.console import Console
from rich.table import Table

from .extract.training import read_jsonl
from .metrics import extraction_scores, page_match

DEV_FILES = {
    "extract": "extract_aeb_dev.jsonl.gz",
    "quotes": "quotes_polnear_dev.jsonl",
    "framing": "framing_basil_dev.jsonl",
    "pairs": "pairs_semeval_dev.jsonl",
    "stance": "stance_fnc1_dev.jsonl.gz",
    "claimdiff": "claimdiff_dev.jsonl",
    "neutral": "neutral_neus_dev.jsonl",
    "events": "events_ecbplus_dev.jsonl",
}
#: input fields per task (EVAL.md): gold fields never reach predict
INPUT_FIELDS = {
    "pairs": ("id", "lang1", "lang2", "text1", "text2"),
    "stance": ("id", "claim", "body"),
    "claimdiff": ("id", "kind", "claim_a", "claim_b", "article_a", "article_b", "topic", "date"),
    "neutral": ("id", "sources"),
    # `event` is the gold label and `topic` is derived from it: neither may reach predict
    "events": ("id", "title", "text", "source", "published"),
}


def run_bench(task: str, *, data: Path | None, limit: int | None, baseline: bool, console: Console, eval_file: Callable[[str], Path]) -> int:
    if task not in DEV_FILES:
        raise SystemExit(f"bench: unknown task {task!r} (available: {', '.join(DEV_FILES)})")
    path = data or eval_file(DEV_FILES[task])
    rows = list(read_jsonl(path))[:limit]
    for n, row in enumerate(rows):
        row.setdefault("id", str(n))
    if task == "quotes":
        return bench_quotes(rows, path, console)
    if task == "framing":
        return bench_framing(rows, path, console)
    if task == "events":
        return bench_events(rows, path, console)
    if task in INPUT_FIELDS:
        if task == "stance":
            from .stance import load_dev

            rows = load_dev(path, path.with_name(path.name.replace("_dev.jsonl", "_dev_bodies.jsonl")))[:limit]
        return bench_relation(task, rows, path, console)
    return bench_extract(rows, path, baseline, console)


def _role_table(title: str, scores: dict[str, dict[str, float]], roles: list[str]) -> Table:
    table = Table(title=title)
    for col in ("role", "precision", "recall", "F1"):
        table.add_column(col, justify="right" if col != "role" else "left")
    for role in roles:
        s = scores[role]
        table.add_row(role, f"{s['precision']:.3f}", f"{s['recall']:.3f}", f"{s['f1']:.3f}")
    return table


def bench_quotes(rows: list[dict], path: Path, console: Console) -> int:
    """Quote attribution on PolNeAr dev: per-role P/R/F1 with token-Jaccard matching."""
    from .predict import BATCH_SIZE, predict_quotes
    from .quotes import score_quotes

    inputs = [{"id": r["id"], "text": r["text"]} for r in rows]  # gold never reaches predict
    start = time.perf_counter()
    preds = []
    for i in range(0, len(inputs), BATCH_SIZE):
        batch = inputs[i : i + BATCH_SIZE]
        preds += [{**out, "id": r["id"]} for r, out in zip(batch, predict_quotes(batch))]
    seconds = time.perf_counter() - start
    scores = score_quotes(preds, rows)
    console.print(_role_table(f"quotes on {path.name} ({len(rows)} rows)", scores, ["source", "cue", "content"]))
    console.print(f"{len(rows) / seconds:.1f} rows/s ({1000 * seconds / max(1, len(rows)):.0f} ms/row) on this machine")
    return 0


#: events a framing bench needs before it cross-validates (5 outer folds by event, each
#: fitting its paragraph model with inner folds of its own training events)
MIN_FRAMING_CV_EVENTS = 20


def bench_framing(rows: list[dict], path: Path, console: Console) -> int:
    """Framing on BASIL dev: lexical spans (token F1) and informational paragraphs (F1).

    The loaded-word lexicon and the informational paragraph model are learned from this dev
    file, so the in-sample figure flatters; the held-out one rebuilds the lexicon and refits the
    model (threshold from inner folds) per fold of events.
    """
    from .framing import cross_validate, score_framing
    from .predict import predict_framing

    fields = ("id", "event", "outlet", "title", "main_event", "paragraphs")
    inputs = [{k: r[k] for k in fields if k in r} for r in rows]
    start = time.perf_counter()
    preds = [{**out, "id": r["id"]} for r, out in zip(inputs, predict_framing(inputs))]
    seconds = time.perf_counter() - start
    scores = score_framing(preds, rows)
    console.print(_role_table(f"framing on {path.name} ({len(rows)} rows), in-sample", scores, ["lex", "inf"]))
    events = len({r.get("event") for r in rows})
    if events >= MIN_FRAMING_CV_EVENTS:
        held_out = cross_validate(rows)
        console.print(_role_table("framing, held out (5 folds by event: lexicon and paragraph model refit per fold)", held_out, ["lex", "inf"]))
    else:  # five outer folds, each with inner folds for its threshold, need events to split
        console.print(f"held-out figures skipped: {events} events, at least {MIN_FRAMING_CV_EVENTS} needed for 5 folds by event")
    console.print(f"{1000 * seconds / max(1, len(rows)):.1f} ms/row on this machine")
    return 0


def _time_pages(rows: list[dict], extract: Callable[[list[dict]], list[str]]) -> tuple[dict[str, float], float]:
    start = time.perf_counter()
    outputs = extract(rows)
    elapsed = time.perf_counter() - start
    scores = extraction_scores([page_match(r["gold"], out) for r, out in zip(rows, outputs)])
    return scores, elapsed


def bench_extract(rows: list[dict], path: Path, baseline: bool, console: Console) -> int:
    import trafilatura

    from .extract.html import load_block_model
    from .predict import BATCH_SIZE, predict_extract

    load_block_model()  # load once, outside the timing

    def rashomon(rows: list[dict]) -> list[str]:
        """Exactly what `rashomon predict extract` does: batches of BATCH_SIZE pages."""
        out = []
        for i in range(0, len(rows), BATCH_SIZE):
            out += [r.get("text", "") for r in predict_extract(rows[i : i + BATCH_SIZE])]
        return out

    systems: list[tuple[str, Callable[[list[dict]], list[str]]]] = [("rashomon", rashomon)]
    if baseline:
        systems.append(("trafilatura 2.3.1 default", lambda rows: [trafilatura.extract(r["html"]) or "" for r in rows]))
    table = Table(title=f"extract on {path.name} ({len(rows)} pages)")
    for col in ("system", "F1", "precision", "recall", "pages/s", "ms/page"):
        table.add_column(col, justify="right" if col != "system" else "left")
    for name, fn in systems:
        scores, elapsed = _time_pages(rows, fn)
        table.add_row(
            name,
            f"{scores['f1']:.4f}",
            f"{scores['precision']:.4f}",
            f"{scores['recall']:.4f}",
            f"{len(rows) / elapsed:.1f}",
            f"{1000 * elapsed / len(rows):.1f}",
        )
    console.print(table)
    console.print("[dim]F1 here is on pages the shipped model was trained on; the honest figure is the cross-validated one from `rashomon train extract`.[/dim]")
    return 0


def bench_relation(task: str, rows: list[dict], path: Path, console: Console) -> int:
    """pairs / stance / claimdiff: run exactly what `rashomon predict` runs, then score.

    The shipped models are trained on these dev rows, so this is a training-set figure; the
    honest one is the cross-validated figure its `train_*` recipe prints.
    """
    from .predict import BATCH_SIZE, TASK_BATCH, TASKS

    inputs = [{k: r[k] for k in INPUT_FIELDS[task] if k in r} for r in rows]
    size = TASK_BATCH.get(task, BATCH_SIZE)
    start = time.perf_counter()
    preds = []
    for i in range(0, len(inputs), size):
        batch = inputs[i : i + size]
        preds += [{**out, "id": r["id"]} for r, out in zip(batch, TASKS[task](batch))]
    seconds = time.perf_counter() - start
    module = __import__(f"rashomon.{task}", fromlist=[f"score_{task}"])
    scores = getattr(module, f"score_{task}")(preds, rows)
    trained = "shipped model (trained on these rows)" if task != "neutral" else "knobs tuned on rows 0-499"
    console.print(f"[bold]{task}[/bold] on {path.name} ({len(rows)} rows), {trained}:")
    console.print({k: v for k, v in scores.items() if not isinstance(v, (list, dict))} | {k: v for k, v in scores.items() if isinstance(v, dict) and len(str(v)) < 400})
    console.print(f"{len(rows) / seconds:.1f} rows/s on this machine ({seconds:.1f} s)")
    console.print(f"[dim]honest figures: cross-validated, printed by python -m rashomon.{task} (see docs/benchmarks.md)[/dim]")
    return 0


def bench_events(rows: list[dict], path: Path, console: Console) -> int:
    """Event clustering on ECB+ dev: exactly what `rashomon predict events` runs, then B-cubed and ARI.

    The knobs were chosen on this file; the held-out estimate (tune on odd topics, score on
    even ones and back) and the ablations are printed by ``benchmarks/events_dev.py``.
    """
    from .events import EventClusterer, cluster_events, report_text, score_events
    from .predict import predict_events

    inputs = [{k: r[k] for k in INPUT_FIELDS["events"] if k in r} for r in rows]
    start = time.perf_counter()
    preds = [{**out, "id": r["id"]} for r, out in zip(inputs, predict_events(inputs))]
    seconds = time.perf_counter() - start
    # the same reports arriving one by one, as `rashomon ingest` places them (vectors reused)
    docs = [{k: r.get(k) for k in ("title", "text", "published")} for r in inputs]
    usable = [i for i, d in enumerate(docs) if report_text(d).strip()]
    vectors = EventClusterer().represent([docs[i] for i in usable])
    live = dict(zip(usable, cluster_events([docs[i] for i in usable], incremental=True, vectors=vectors)))
    stream = [{"id": r["id"], "event": live[i]} for i, r in enumerate(inputs) if i in live]
    table = Table(title=f"events on {path.name} ({len(rows)} reports, one pool)")
    for col in ("mode", "B-cubed P", "B-cubed R", "B-cubed F1", "ARI", "events (gold)", "events (predicted)"):
        table.add_column(col, justify="right")
    for mode, s in (("batch (rashomon predict)", score_events(preds, rows)), ("incremental (rashomon ingest)", score_events(stream, rows))):
        table.add_row(
            mode,
            f"{s['bcubed_precision']:.3f}",
            f"{s['bcubed_recall']:.3f}",
            f"{s['bcubed_f1']:.3f}",
            f"{s['ari']:.3f}",
            str(s["events_gold"]),
            str(s["events_predicted"]),
        )
    console.print(table)
    console.print(f"{len(rows) / seconds:.1f} reports/s on this machine ({seconds:.1f} s, encoding included)")
    console.print("[dim]settings chosen on this file; held-out split figures: python benchmarks/events_dev.py[/dim]")
    return 0
