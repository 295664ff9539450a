"""`rashomon train extract`: rebuild both extraction models and print cross-validated figures."""

from __future__ import annotations

import time
from pathlib import Path

from rich.console import Console

from .html import HTML_MODEL, MODEL_DIR
from .training import cross_validate, html_examples, keep_html, keep_text, read_jsonl, text_examples, train


def train_extract(data: Path, *, cv: bool = True, console: Console) -> dict[str, dict[str, float]]:
    rows = list(read_jsonl(data))
    figures: dict[str, dict[str, float]] = {}
    for name, build, keep, out in (
        ("html_blocks", html_examples, keep_html, HTML_MODEL),
        ("text_lines", text_examples, keep_text, MODEL_DIR / "text_lines.joblib"),
    ):
        start = time.perf_counter()
        with console.status(f"{name}: describing {len(rows)} pages"):
            examples = build(rows)
        if cv:
            with console.status(f"{name}: 5-fold cross-validation over pages"):
                figures[name] = cross_validate(examples, keep)
            f = figures[name]
            console.print(f"{name}: 5-fold CV over pages  F1 {f['f1']:.4f}  P {f['precision']:.4f}  R {f['recall']:.4f}")
        with console.status(f"{name}: fitting on all {len(rows)} pages"):
            train(examples, out, meta={"data": str(Path(data).name), "pages": len(rows), "cv": figures.get(name)})
        console.print(f"{name}: wrote {out} ({out.stat().st_size / 1e6:.1f} MB) in {time.perf_counter() - start:.0f} s")
    return figures
