"""Ingest throughput: read + extract + copies + events + store for N saved articles.

Builds a JSONL file of real news text from the dev files in ../shared/eval (181 AEB HTML
pages with their junk, 535 ECB+ articles, 1,669 FNC-1 bodies, then NeuS reports: short
title + lead items), gives each row a publication time spread over a year in input order,
and ingests it into a fresh SQLite store (or --db), printing articles/s, the time per stage
and the peak memory. Nothing here asserts; it prints numbers.

    .venv/bin/python benchmarks/ingest_throughput.py --n 10000
"""

from __future__ import annotations

import argparse
import gzip
import json
import resource
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

EVAL = Path(__file__).resolve().parents[2] / "shared" / "eval"


def corpus(n: int) -> list[dict]:
    rows: list[dict] = []
    with gzip.open(EVAL / "extract_aeb_dev.jsonl.gz", "rt", encoding="utf-8") as fh:
        rows += [{"id": f"aeb-{r['id']}", "html": r["html"]} for r in map(json.loads, fh)]
    with open(EVAL / "events_ecbplus_dev.jsonl", encoding="utf-8") as fh:
        rows += [{"id": f"ecb-{r['id']}", "text": r["text"]} for r in map(json.loads, fh)]
    with gzip.open(EVAL / "stance_fnc1_dev_bodies.jsonl.gz", "rt", encoding="utf-8") as fh:
        rows += [{"id": f"fnc-{r['body_id']}", "text": r["body"]} for r in map(json.loads, fh)]
    with open(EVAL / "neutral_neus_dev.jsonl", encoding="utf-8") as fh:
        for r in map(json.loads, fh):
            for k, src in enumerate(r["sources"]):
                title, _, body = src.partition("ARTICLE=>")
                rows.append({"id": f"neus-{r['id']}-{k}", "title": title.replace("TITLE=>", "").strip(), "text": body.strip() or title})
            if len(rows) >= n:
                break
    rows = rows[:n]
    start = datetime(2025, 1, 1, tzinfo=timezone.utc)
    step = timedelta(days=365) / max(1, len(rows))
    for i, row in enumerate(rows):
        row["published"] = (start + i * step).replace(microsecond=0).isoformat().replace("+00:00", "Z")
    return rows


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=10_000)
    ap.add_argument("--db", help="store URL (default: a fresh SQLite file in a temp folder)")
    ap.add_argument("--batch-size", type=int, default=64)
    args = ap.parse_args()

    from rashomon.ingest.local import read_inputs
    from rashomon.ingest.pipeline import Ingestor
    from rashomon.store import Store

    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "articles.jsonl"
        rows = corpus(args.n)
        with open(data, "w", encoding="utf-8") as fh:
            for row in rows:
                fh.write(json.dumps(row, ensure_ascii=False) + "\n")
        size_mb = data.stat().st_size / 1e6
        store = Store.open(args.db or f"sqlite:///{Path(tmp) / 'bench.db'}")
        t0 = time.perf_counter()
        ingestor = Ingestor(store, batch_size=args.batch_size)
        setup = time.perf_counter() - t0
        summary = ingestor.run(read_inputs([str(data)]))
        total = time.perf_counter() - t0
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"input: {len(rows)} rows, {size_mb:.1f} MB JSONL ({sum('html' in r for r in rows)} HTML pages)")
        print(f"stored {summary.stored}, copies {summary.copies}, events {store.count_events()}, problems {len(summary.problems)}")
        print(f"total {total:.1f} s (set-up {setup:.1f} s) -> {summary.stored / total:.1f} articles/s; peak RSS {peak_mb:.0f} MB")
        for stage, seconds in sorted(summary.stage_seconds.items(), key=lambda kv: -kv[1]):
            print(f"  {stage:8s} {seconds:8.1f} s  {1000 * seconds / max(1, summary.read):7.2f} ms/article  {seconds / max(1, summary.read) * 1000:7.0f} s per 1,000")
        store.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
