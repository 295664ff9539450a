"""Score the event report's claim groups against every hand-made gold at once.

    .venv/bin/python benchmarks/gold_events.py /tmp/ev      # writes the golds' inputs once
    .venv/bin/python benchmarks/golds_all.py /tmp/ev [--reports DIR] [GOLD ...]

Prints, per gold, the exact groups (facts whose predicted group has exactly the gold's
sources), source precision and recall (as ``benchmarks/analyze_gold.py`` reports them) and the
number of claim groups, then the total. The demo gold (``tests/data/demo_gold.json`` over the
bundled demo) and the seeds gold (``tests/data/seeds_gold.json`` over ``../shared/seeds``, when
present) come first, then every ``benchmarks/gold/<event>.json`` over ``INPUTS/<event>/*``.

Framing and the headline checks are switched off: they touch neither the claim groups, the
quotes nor the summary, and they are most of the time (about a minute for all 32 golds on the
2-core box, against some 25 with them). ``--reports DIR`` keeps each report as
``DIR/<gold>.json``, to diff groups, quotes and summaries between two versions of the code.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from rashomon.analyze import AnalysisOptions, analyze_paths
from rashomon.gold import score_report

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"


def golds(inputs: Path) -> dict[str, tuple[Path, list[str]]]:
    """Every gold with the input files it is scored on, by name."""
    found = {"demo": (ROOT / "tests" / "data" / "demo_gold.json", sorted(str(p) for p in (ROOT / "src" / "rashomon" / "examples" / "demo").iterdir()))}
    if SEEDS.is_dir():
        found["seeds"] = (ROOT / "tests" / "data" / "seeds_gold.json", sorted(str(p) for p in SEEDS.glob("*.txt")))
    for gold in sorted((ROOT / "benchmarks" / "gold").glob("*.json")):
        folder = inputs / gold.stem
        if folder.is_dir():
            found[gold.stem] = (gold, sorted(str(p) for p in folder.iterdir()))
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("inputs", type=Path, help="the folder benchmarks/gold_events.py wrote")
    parser.add_argument("names", nargs="*", help="only these golds (default: all)")
    parser.add_argument("--reports", type=Path, help="write each report to this folder")
    args = parser.parse_args()
    available = golds(args.inputs)
    missing = [n for n in args.names if n not in available]
    if missing:
        parser.error(f"no gold or no inputs for: {', '.join(missing)}")
    options = AnalysisOptions(framing=False, headline_checks=False)
    if args.reports:
        args.reports.mkdir(parents=True, exist_ok=True)
    exact = facts = 0
    for name in args.names or list(available):
        gold_path, paths = available[name]
        report, _ = analyze_paths(paths, options=options)
        if args.reports:
            (args.reports / f"{name}.json").write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
        score = score_report(report, json.loads(gold_path.read_text(encoding="utf-8")))
        hits = sum(row["exact"] for row in score["facts"])
        exact += hits
        facts += len(score["facts"])
        print(
            f"{name:40s} {hits:3d} of {len(score['facts']):2d} exact · P {score['source_precision']:.3f} "
            f"R {score['source_recall']:.3f} · {score['claims']} claim groups",
            flush=True,
        )
    print(f"total: {exact} of {facts} facts in exactly their gold sources' group")


if __name__ == "__main__":
    main()
