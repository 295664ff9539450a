"""How the event report's cost grows with the number of reports.

    .venv/bin/python benchmarks/analyze_scaling.py [--sizes 10 50 200]

Reports are ECB+ dev texts (../shared/eval/events_ecbplus_dev.jsonl), taken topic by topic so
10 reports are one event and 50 or 200 pool a few events: the cost does not depend on whether
the reports truly agree, only on how many claim units they hold. Each size runs in a fresh
process (models loaded cold, then the figure without the load) and prints seconds per stage.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EVENTS = ROOT.parent / "shared" / "eval" / "events_ecbplus_dev.jsonl"


def one_run(size: int) -> dict:
    """Analyse ``size`` ECB+ reports in this process; stage times from the progress hook."""
    t0 = time.perf_counter()
    from rashomon.analyze import analyze
    from rashomon.extract import extract
    from rashomon.extract.reading import RawReport

    rows = [json.loads(line) for line in EVENTS.open()]
    rows.sort(key=lambda r: (int(r["topic"]), r["id"]))
    rows = rows[:size]
    t_import = time.perf_counter()
    from rashomon.extract.reading import InputError

    articles, skipped = [], 0
    for r in rows:
        try:
            articles.append(extract(RawReport(path=r["id"], text=r["text"], format="text", encoding="utf-8"), id=r["id"]))
        except InputError:
            skipped += 1  # reported in the output, as a batch job should
    t_extract = time.perf_counter()
    marks: list[tuple[str, float]] = []
    report = analyze(articles, progress=lambda step: marks.append((step, time.perf_counter())))
    t_end = time.perf_counter()
    stages = {"import": t_import - t0, "extract": t_extract - t_import}
    points = marks + [("end", t_end)]
    for (step, at), (_, nxt) in zip(points, points[1:]):
        stages[step] = stages.get(step, 0.0) + nxt - at
    return {
        "reports": len(articles),
        "skipped": skipped,
        "claim_units": report["stats"]["claim_units"],
        "claims": len(report["claims"]),
        "total_s": t_end - t0,
        "stages_s": {k: round(v, 3) for k, v in stages.items()},
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 50, 200])
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(one_run(args.one)))
        return
    print(f"{'reports':>7} {'skip':>4} {'units':>6} {'claims':>6} {'total s':>8} {'peak MB':>8}  stages (s)")
    for size in args.sizes:
        out = subprocess.run([sys.executable, __file__, "--one", str(size)], capture_output=True, text=True, check=True)
        r = json.loads(out.stdout.strip().splitlines()[-1])
        stages = ", ".join(f"{k} {v:.2f}" for k, v in r["stages_s"].items())
        print(f"{r['reports']:>7} {r['skipped']:>4} {r['claim_units']:>6} {r['claims']:>6} {r['total_s']:>8.2f} {r['peak_rss_mb']:>8.0f}  {stages}")


if __name__ == "__main__":
    main()
