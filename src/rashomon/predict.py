"""`rashomon predict TASK IN -o OUT`: the prediction contract of ../shared/EVAL.md.

One call handles a whole JSONL file. A row that breaks is written with an ``error`` field
and the run goes on. Output is appended and flushed row by row, so a killed run keeps what
it wrote, and ``resume=True`` skips the ids already in OUT.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn


def predict_extract(rows: list[dict]) -> list[dict]:
    """id, html -> id, text (the main article text); pages are classified in one batch."""
    from .extract.html import article_text, classify_pages, describe_page

    results: list[dict] = [{} for _ in rows]
    described = []
    for i, row in enumerate(rows):
        html = row.get("html")
        try:
            if not isinstance(html, str) or not html.strip():
                raise ValueError("row has no html")
            described.append((i, describe_page(html, with_metadata=False)))
        except Exception as exc:  # one bad page must not stop the batch
            results[i] = {"error": f"{type(exc).__name__}: {exc}"}
    readings = classify_pages([d for _, d in described]) if described else []
    for (i, _), reading in zip(described, readings):
        results[i] = {"text": article_text(reading, separator="\n")}
    return results


# Each task maps a batch of input rows to one output dict per row, in input order (an
# ``error`` key on failure; an ``id`` key, when there is one, is checked against the row's).
def predict_quotes(rows: list[dict]) -> list[dict]:
    """id, text -> attributions [{source, cue, content, start, end}] (see rashomon.quotes)."""
    from .quotes import predict_quotes as run

    return run(rows)


def predict_framing(rows: list[dict]) -> list[dict]:
    """BASIL rows -> spans [{paragraph, start, end, bias}] (see rashomon.framing)."""
    from .framing import predict_framing as run

    return run(rows)


def predict_stance(rows: list[dict]) -> list[dict]:
    """id, claim, body -> stance: agree / disagree / discuss / unrelated (see rashomon.stance)."""
    from .stance import predict_stance as run

    return run(rows)


def predict_pairs(rows: list[dict]) -> list[dict]:
    """id, lang1, lang2, text1, text2 -> overall, 1 (same event) … 4 (see rashomon.pairs)."""
    from .pairs import predict_pairs as run

    return run(rows)


def predict_claimdiff(rows: list[dict]) -> list[dict]:
    """ClaimDiff rows -> relation 0/1 (see rashomon.claimdiff)."""
    from .claimdiff import predict_claimdiff as run

    return run(rows)


def predict_neutral(rows: list[dict]) -> list[dict]:
    """id, sources (three reports) -> summary, extractive and least-loaded (see rashomon.neutral)."""
    from .neutral import predict_neutral as run

    return run(rows)


def predict_events(rows: list[dict]) -> list[dict]:
    """id, text (maybe title, published) -> event; the whole file is one pool (see rashomon.events)."""
    from .events import predict_events as run

    return run(rows)


TASKS: dict[str, Callable[[list[dict]], list[dict]]] = {
    "extract": predict_extract,
    "quotes": predict_quotes,
    "framing": predict_framing,
    "pairs": predict_pairs,
    "stance": predict_stance,
    "claimdiff": predict_claimdiff,
    "neutral": predict_neutral,
    "events": predict_events,
}
BATCH_SIZE = 32
#: rows per call where a task gains from seeing more at once: stance featurises each distinct
#: body once per call; claimdiff compares a pair with the other pairs of its topic; framing
#: judges each article against the other outlets' reports of its event (a batch must not cut
#: an event); events: the whole file is one pool
TASK_BATCH = {"stance": 4096, "claimdiff": 1_000_000, "framing": 1_000_000, "events": 10_000_000}


@dataclass
class PredictSummary:
    written: int = 0
    skipped: int = 0
    errors: int = 0


def _rows(path: str | Path) -> Iterator[tuple[int, dict | None, str | None]]:
    """(line number, row, problem) for every line; a line that is not JSON is a problem, not a crash."""
    import gzip

    opener = gzip.open if str(path).endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8", errors="replace") as fh:
        for n, line in enumerate(fh):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                yield n, None, f"line {n + 1} is not JSON ({exc.msg})"
                continue
            yield n, row if isinstance(row, dict) else None, None if isinstance(row, dict) else f"line {n + 1} is not an object"


def _finished_rows(path: Path) -> list[dict]:
    """Rows of an earlier run worth keeping: parsed, with an id, without an error.

    A run killed mid-write leaves a cut last line; it is not JSON, so it is dropped here.
    """
    if not path.exists():
        return []
    return [row for _, row, _ in _rows(path) if row and "id" in row and "error" not in row]


def _aligned(batch: list[tuple[str, dict]], outputs: list[dict]) -> bool:
    """Whether ``outputs`` answer ``batch`` row for row: as many, and each output that names
    an id names its row's (a task that wrote its failures first would otherwise give every
    later row its neighbour's answer)."""
    if len(outputs) != len(batch):
        return False
    return all(
        "id" not in row or "id" not in out or str(out["id"]) == str(row["id"])
        for (_, row), out in zip(batch, outputs)
    )


def run_predict(task: str, input_path: str | Path, output_path: str | Path, *, resume: bool = False, show_progress: bool = True) -> PredictSummary:
    if not Path(input_path).exists():
        raise SystemExit(f"{input_path}: no such file")
    predict = TASKS[task]
    out = Path(output_path)
    kept = _finished_rows(out) if resume else []
    done = {str(r["id"]) for r in kept}
    if resume and out.exists():
        # keep finished rows; error rows and a cut last line are tried again
        out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in kept), encoding="utf-8")
    total = sum(1 for _ in _rows(input_path))
    summary = PredictSummary(skipped=len(done))
    columns = (TextColumn(f"predict {task}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), TimeRemainingColumn())
    with open(out, "a" if resume else "w", encoding="utf-8") as fh, Progress(*columns, disable=not show_progress, transient=True) as progress:
        bar = progress.add_task(task, total=total)
        batch: list[tuple[str, dict]] = []

        def flush() -> None:
            try:
                outputs = predict([row for _, row in batch])
                if not _aligned(batch, outputs):
                    raise RuntimeError(f"{task}: outputs do not line up with their rows")
            except Exception:  # a batch that breaks is retried row by row
                outputs = []
                for _, row in batch:
                    try:
                        [output] = predict([row])
                        outputs.append(output)
                    except Exception as row_exc:
                        outputs.append({"error": f"{type(row_exc).__name__}: {row_exc}"})
            for (rid, _), output in zip(batch, outputs):
                write({"id": rid, **{k: v for k, v in output.items() if k != "id"}})
            progress.advance(bar, len(batch))
            batch.clear()

        def write(result: dict) -> None:
            summary.errors += "error" in result
            summary.written += 1
            fh.write(json.dumps(result, ensure_ascii=False) + "\n")
            fh.flush()

        for n, row, problem in _rows(input_path):
            rid = str(row["id"]) if row and "id" in row else str(n)
            if rid in done:
                progress.advance(bar)
                continue
            if problem or row is None:
                write({"id": rid, "error": problem})
                progress.advance(bar)
                continue
            batch.append((rid, row))
            if len(batch) >= TASK_BATCH.get(task, BATCH_SIZE):
                flush()
        if batch:
            flush()
    return summary
