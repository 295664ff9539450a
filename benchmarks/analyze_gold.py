"""Score the event report on hand-made gold (the bundled demo event), fact by fact.

    .venv/bin/python benchmarks/analyze_gold.py [--gold tests/data/demo_gold.json] [INPUT ...]

Prints, per gold fact, the claim group that holds most of its gold mentions, that group's
sources against the gold sources, and its coverage against the gold coverage; then the
averages (source precision / recall, exact groups, coverage accuracy).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from rich.console import Console
from rich.table import Table

from rashomon.analyze import analyze_paths
from rashomon.gold import score_report

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("inputs", nargs="*", default=[str(ROOT / "src" / "rashomon" / "examples" / "demo")])
    parser.add_argument("--gold", default=str(ROOT / "tests" / "data" / "demo_gold.json"))
    args = parser.parse_args()
    report, _ = analyze_paths(args.inputs)
    score = score_report(report, json.loads(Path(args.gold).read_text()))
    table = Table(title=f"event report against {Path(args.gold).name}")
    for col in ("fact", "gold", "found", "P", "R", "exact"):
        table.add_column(col, overflow="fold")
    for row in score["facts"]:
        table.add_row(row["fact"][:60], row["gold_coverage"], str(row["coverage"]), f"{row['precision']:.2f}", f"{row['recall']:.2f}", "yes" if row["exact"] else "no")
    console = Console()
    console.print(table)
    console.print(
        f"source precision {score['source_precision']:.3f} · source recall {score['source_recall']:.3f} · "
        f"exact groups {score['exact_groups']:.2f} · coverage accuracy {score['coverage_accuracy']:.2f} · {score['claims']} claim groups"
    )


if __name__ == "__main__":
    main()
