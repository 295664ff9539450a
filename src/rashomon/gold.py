"""Score an event report against hand-made gold: which facts were grouped across which sources.

Gold (see ``tests/data/demo_gold.json``) lists facts, each with the exact words every source
uses to state it. A fact counts as found for a source when a claim mention of that source
overlaps those words; the fact's *predicted group* is the claim group holding the most of
its gold mentions. Per fact we compare that group's sources with the gold sources (precision,
recall, exact match) and its coverage label with the gold one.
"""

from __future__ import annotations

from typing import Any


def _locate(base: str, needle: str) -> tuple[int, int] | None:
    i = base.find(needle)
    if i < 0:
        return None
    return i, i + len(needle)


def _base(source: dict) -> str:
    return source["original"] if source.get("offsets_into") == "original" else source["text"]


def score_report(report: dict[str, Any], gold: dict[str, Any]) -> dict[str, Any]:
    """Per-fact and overall agreement of a report with gold facts."""
    sources = {s["id"]: s for s in report["sources"]}
    rows = []
    for fact in gold["facts"]:
        votes: dict[str, int] = {}
        located = 0
        for source_id, words in fact["mentions"].items():
            if source_id not in sources:
                continue
            span = _locate(_base(sources[source_id]), words)
            if span is None:
                continue
            located += 1
            for claim in report["claims"]:
                if any(m["source"] == source_id and m["start"] < span[1] and span[0] < m["end"] for m in claim["mentions"]):
                    votes[claim["id"]] = votes.get(claim["id"], 0) + 1
        gold_sources = set(fact["mentions"])
        best = max(votes, key=votes.get) if votes else None
        claim = next((c for c in report["claims"] if c["id"] == best), None)
        predicted = set(claim["sources"]) if claim else set()
        hit = len(predicted & gold_sources)
        rows.append({
            "fact": fact["fact"],
            "gold_coverage": fact["coverage"],
            "coverage": claim["coverage"] if claim else None,
            "claim": best,
            "gold_sources": sorted(gold_sources),
            "sources": sorted(predicted),
            "precision": hit / len(predicted) if predicted else 0.0,
            "recall": hit / len(gold_sources) if gold_sources else 0.0,
            "exact": predicted == gold_sources,
            "located": located,
        })
    n = max(1, len(rows))
    return {
        "facts": rows,
        "source_precision": sum(r["precision"] for r in rows) / n,
        "source_recall": sum(r["recall"] for r in rows) / n,
        "exact_groups": sum(r["exact"] for r in rows) / n,
        "coverage_accuracy": sum(r["coverage"] == r["gold_coverage"] for r in rows) / n,
        "claims": len(report["claims"]),
    }
