"""Event clustering on the dev data: quality, ablations, held-out split, baseline and speed.

Sets (all from ../shared/eval, all dev):

* ``ecb full``  -- events_ecbplus_dev.jsonl as given (535 reports, 46 events in 23 topics).
* ``ecb head``  -- the same reports cut to a headline: the first sentence (leading URL
  dropped), at most 15 words.  Stands in for the news-aggregator set we have no dev data for.
* ``basil``     -- the 150 headlines of framing_basil_dev.jsonl (50 events x 3 outlets, dated).
* ``neus``      -- headlines of 300 events of neutral_neus_dev.jsonl (3 outlets each, seeded
  sample), many of them about the same people.

Only ``text`` (and ``published`` for basil) reach the clusterer; ``event``/``topic`` are read
only to score.  The baseline is TF-IDF (English stop words, sublinear tf) + average-link
agglomerative clustering with a cosine-distance threshold; its threshold is chosen on each
set itself (an optimistic baseline) and, in the split, on the tuning half only.

Split: the knobs (join threshold, name and embedding weights) are chosen on odd ECB+ topics
(mean F1 of ``ecb full`` and ``ecb head``) and scored on even topics, then the other way round.

    .venv/bin/python benchmarks/events_dev.py            # everything (~5 min on 2 cores)
    .venv/bin/python benchmarks/events_dev.py --quick    # no ablations, no split
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import re
import sys
import time
from dataclasses import replace
from pathlib import Path

import numpy as np

from rashomon.events import EventClusterer, EventSettings, cluster_events, report_text, score_events

EVAL = Path(__file__).resolve().parents[2] / "shared" / "eval"
_SENT = re.compile(r'(?<=[a-z0-9)"”])[.!?](?=\s+[A-Z"“])')


def headline(text: str, words: int = 15) -> str:
    """First sentence of a report, at most ``words`` words: what an aggregator row carries."""
    t = report_text({"text": text})
    m = _SENT.search(t)
    return " ".join((t[: m.start() + 1] if m else t).split()[:words])


def load_sets() -> dict[str, list[dict]]:
    ecb = [json.loads(line) for line in open(EVAL / "events_ecbplus_dev.jsonl", encoding="utf-8")]
    sets = {
        "ecb full": [{"id": r["id"], "text": r["text"], "event": r["event"], "topic": r["topic"]} for r in ecb],
        "ecb head": [{"id": r["id"], "text": headline(r["text"]), "event": r["event"], "topic": r["topic"]} for r in ecb],
    }
    basil = [json.loads(line) for line in open(EVAL / "framing_basil_dev.jsonl", encoding="utf-8")]
    rows = [{"id": str(i), "text": r["title"], "published": r["date"], "event": r["event"]} for i, r in enumerate(basil)]
    sets["basil"] = sorted(rows, key=lambda r: r["published"])
    neus = [json.loads(line) for line in open(EVAL / "neutral_neus_dev.jsonl", encoding="utf-8")]
    random.Random(0).shuffle(neus)
    rows = []
    for r in neus[:300]:
        sources = r["sources"] if isinstance(r["sources"], list) else json.loads(r["sources"])
        for j, src in enumerate(sources):
            m = re.match(r"TITLE=>\s*(.*?)\.?\s*ARTICLE=>", src, re.S)
            rows.append({"id": f"{r['id']}-{j}", "text": (m.group(1) if m else src[:100]).strip(), "event": r["id"]})
    random.Random(0).shuffle(rows)
    sets["neus"] = rows
    return sets


def inputs(rows: list[dict]) -> list[dict]:
    return [{k: r[k] for k in ("text", "title", "published") if k in r} for r in rows]


def run(rows, vectors, settings, incremental=True, subset=None) -> dict:
    idx = range(len(rows)) if subset is None else subset
    labels = cluster_events([], incremental=incremental, settings=settings, vectors=[vectors[i] for i in idx])
    return score_events([{"id": rows[i]["id"], "event": lab} for i, lab in zip(idx, labels)], [rows[i] for i in idx])


def baseline(rows, threshold, subset=None) -> dict:
    from sklearn.cluster import AgglomerativeClustering
    from sklearn.feature_extraction.text import TfidfVectorizer

    idx = list(range(len(rows)) if subset is None else subset)
    X = TfidfVectorizer(stop_words="english", sublinear_tf=True).fit_transform([report_text(rows[i]) for i in idx])
    D = np.clip(1.0 - (X @ X.T).toarray(), 0.0, None)
    np.fill_diagonal(D, 0.0)
    labels = AgglomerativeClustering(n_clusters=None, metric="precomputed", linkage="average", distance_threshold=threshold).fit_predict(D)
    return score_events([{"id": rows[i]["id"], "event": int(lab)} for i, lab in zip(idx, labels)], [rows[i] for i in idx])


BASELINE_THRESHOLDS = [0.6, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95]


def best_baseline(rows, subset=None) -> tuple[float, dict]:
    return max(((t, baseline(rows, t, subset)) for t in BASELINE_THRESHOLDS), key=lambda x: x[1]["bcubed_f1"])


def fmt(s: dict) -> str:
    return f"{s['bcubed_f1']:.3f} (P {s['bcubed_precision']:.2f} R {s['bcubed_recall']:.2f} ARI {s['ari']:.2f})"


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true")
    args = ap.parse_args(argv)
    default = EventSettings()
    print(f"settings: {default}")
    sets = load_sets()

    clusterer = EventClusterer(default)
    clusterer.represent([{"text": "warm up"}])
    vectors = {}
    for name, rows in sets.items():
        start = time.perf_counter()
        vectors[name] = clusterer.represent(inputs(rows))
        rep = time.perf_counter() - start
        start = time.perf_counter()
        placer = EventClusterer(default)
        for i, v in enumerate(vectors[name]):
            placer.place(str(i), v)
        place = time.perf_counter() - start
        print(f"speed {name}: represent {len(rows) / rep:.1f} reports/s, place {len(rows) / place:.0f} reports/s, "
              f"both {len(rows) / (rep + place):.1f} reports/s")  # fmt: skip

    print("\n== dev figures (default settings) ==")
    for name, rows in sets.items():
        inc = run(rows, vectors[name], default, True)
        bat = run(rows, vectors[name], default, False)
        t, base = best_baseline(rows)
        print(f"{name:9s} incremental {fmt(inc)} | batch {fmt(bat)} | baseline@{t} {fmt(base)} | "
              f"gold {inc['events_gold']} ev, predicted {inc['events_predicted']}")  # fmt: skip
    base_ecb = {name: baseline(sets[name], 0.85) for name in sets}
    print("baseline at one threshold (0.85, best on ecb full): " + ", ".join(f"{n} {s['bcubed_f1']:.3f}" for n, s in base_ecb.items()))
    if args.quick:
        return 0

    print("\n== what each kind of evidence adds (incremental, default threshold re-tuned per row on ecb full+head) ==")
    variants = {
        "words only": dict(name_weight=0.0, embedding_weight=0.0, year_weight=0.0, year_bonus=0.0),
        "+ names": dict(embedding_weight=0.0, year_weight=0.0, year_bonus=0.0),
        "+ embedding": dict(year_weight=0.0, year_bonus=0.0),
        "+ years (default)": {},
    }
    for label, knobs in variants.items():
        best = None
        for th in [0.08, 0.1, 0.12, 0.14, 0.16, 0.18, 0.2, 0.25, 0.3]:
            st = replace(default, join_threshold=th, **knobs)
            res = {n: run(sets[n], vectors[n], st)["bcubed_f1"] for n in sets}
            key = (res["ecb full"] + res["ecb head"]) / 2
            if best is None or key > best[0]:
                best = (key, th, res)
        print(f"{label:18s} threshold {best[1]:.2f}: " + ", ".join(f"{n} {f:.3f}" for n, f in best[2].items()))

    print("\n== held-out split: tune on one half of the ECB+ topics, score on the other ==")
    topics = sorted({r["topic"] for r in sets["ecb full"]}, key=int)
    halves = {"odd": [t for t in topics if int(t) % 2], "even": [t for t in topics if not int(t) % 2]}
    grid = list(itertools.product([0.1, 0.12, 0.14, 0.16, 0.18, 0.2, 0.25], [0.25, 0.5, 1.0], [1.0, 2.0, 3.0]))
    for tune, test in (("odd", "even"), ("even", "odd")):
        sub = {h: [i for i, r in enumerate(sets["ecb full"]) if r["topic"] in halves[h]] for h in halves}

        def objective(st, half):
            return np.mean([run(sets[n], vectors[n], st, True, sub[half])["bcubed_f1"] for n in ("ecb full", "ecb head")])

        scored = [(objective(replace(default, join_threshold=th, name_weight=nw, embedding_weight=ew), tune), th, nw, ew) for th, nw, ew in grid]
        _, th, nw, ew = max(scored)
        st = replace(default, join_threshold=th, name_weight=nw, embedding_weight=ew)
        out = []
        for n in ("ecb full", "ecb head"):
            inc = run(sets[n], vectors[n], st, True, sub[test])
            bat = run(sets[n], vectors[n], st, False, sub[test])
            bt, _ = best_baseline(sets[n], sub[tune])
            base = baseline(sets[n], bt, sub[test])
            out.append(f"{n}: incremental {inc['bcubed_f1']:.3f} batch {bat['bcubed_f1']:.3f} baseline {base['bcubed_f1']:.3f} (threshold {bt})")
        print(f"tuned on {tune} (threshold {th}, names {nw}, embedding {ew}) -> {test}: " + "; ".join(out))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
