"""How the cost of placing one report grows with the number of stored events.

Synthetic events (seeded): each has 2 reports of 34 words drawn from a Zipf vocabulary of
200,000 words plus 6 of its own 10 words, 4 of its own 6 names plus 2 common ones, and a
384-float embedding near the event's own direction; reports are a day apart over the last year.  The clusterer is rebuilt
with ``restore`` (as the store would), then 300 new reports are placed -- half retell a stored
event, half are new -- and the mean milliseconds per placement is printed.

Placement reads only the candidates that the inverted index of salient words and names (each
key keeps its 64 most recent events) and the recent-events list hand it, so the cost should
stay flat as events grow.  For contrast, "scan all" scores every stored event, as a clusterer
without an index would.

    .venv/bin/python benchmarks/events_scaling.py            # 100, 1k, 10k, 50k events
    .venv/bin/python benchmarks/events_scaling.py 100 1000   # other sizes
"""

from __future__ import annotations

import sys
import time

import numpy as np

from rashomon.events import DAY, EventClusterer, EventSettings, ReportVector

VOCAB = 200_000
DIM = 384
SETTINGS = EventSettings(encoder="synthetic")
START = 1_700_000_000.0


def _report(rng: np.random.Generator, event: int, base: np.ndarray, when: float) -> ReportVector:
    common_words = np.minimum(rng.zipf(1.3, 34), VOCAB).astype(np.uint32) + np.uint32(10)
    own_words = np.array([500_000_000 + event * 16 + i for i in rng.choice(10, 6, replace=False)], dtype=np.uint32)
    words = np.unique(np.concatenate([common_words, own_words]))
    own = np.array([1_000_000_000 + event * 8 + i for i in rng.choice(6, 4, replace=False)], dtype=np.uint32)
    common = rng.integers(1, 2_000, 2).astype(np.uint32) + np.uint32(2_000_000_000)
    names = np.unique(np.concatenate([own, common]))
    weights = rng.random(len(words)).astype(np.float32) + 0.5
    weights /= np.linalg.norm(weights)
    emb = base + 0.02 * rng.standard_normal(DIM).astype(np.float32)  # cosine ~0.93 within an event
    emb /= np.linalg.norm(emb)
    return ReportVector(np.concatenate([words, names]), np.concatenate([weights, np.full(len(names), 0.1, np.float32)]),
                        names, emb.astype(np.float16), when, "synthetic")  # fmt: skip


def build(n_events: int, seed: int = 0) -> tuple[EventClusterer, list[np.ndarray]]:
    rng = np.random.default_rng(seed)
    bases = []
    items = []
    for e in range(n_events):
        base = rng.standard_normal(DIM).astype(np.float32)
        bases.append(base / np.linalg.norm(base))
        when = START + (e / max(1, n_events)) * 365 * DAY
        for r in range(2):
            items.append((f"d{e}-{r}", f"e{e}", _report(rng, e, bases[-1], when + r * 3600), None))
    clusterer = EventClusterer(SETTINGS)
    clusterer.restore(items)
    return clusterer, bases


def measure(n_events: int, n_new: int = 300, seed: int = 1, scan_all: bool = False) -> tuple[float, float]:
    """(ms per placement, share of retold reports that joined their own event)."""
    clusterer, bases = build(n_events)
    rng = np.random.default_rng(seed)
    now = START + 365 * DAY
    new = []
    for i in range(n_new):
        if i % 2 == 0:  # retells one of the 5% most recent events (within the time window)
            e = int(n_events - 1 - rng.integers(0, max(1, n_events // 20)))
            new.append((f"n{i}", e, _report(rng, e, bases[e], now)))
        else:
            e = n_events + i
            base = rng.standard_normal(DIM).astype(np.float32)
            new.append((f"n{i}", None, _report(rng, e, base / np.linalg.norm(base), now)))
    if scan_all:
        clusterer.candidates = lambda vec, exclude=None: list(clusterer.events.values())  # type: ignore[method-assign]
    start = time.perf_counter()
    placed = [(e, clusterer.place(doc_id, vec)) for doc_id, e, vec in new]
    ms = 1000 * (time.perf_counter() - start) / n_new
    retold = [(e, got) for e, got in placed if e is not None]
    hits = sum(got == f"e{e}" for e, got in retold) / max(1, len(retold))
    return ms, hits


def main(argv: list[str]) -> int:
    sizes = [int(a) for a in argv] or [100, 1_000, 10_000, 50_000]
    print(f"{'events':>8} {'reports':>8} {'ms/placement':>13} {'retold joined':>14} {'scan all ms':>12}")
    for n in sizes:
        ms, hits = measure(n)
        scan = f"{measure(n, n_new=60, scan_all=True)[0]:12.2f}" if n <= 10_000 else f"{'(skipped)':>12}"
        print(f"{n:8d} {2 * n:8d} {ms:13.2f} {hits:14.2f} {scan}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
