"""Ingest start-up: how long ``Ingestor(store)`` takes, and how much memory it takes, as the
store grows.

Builds SQLite stores of N synthetic stored reports (seeded; events of 4 reports a few hours
apart, event starts spread evenly over ``--span-days``, default three years), each with a
synthetic event representation (the shape ``benchmarks/events_scaling.py`` uses: ~40 word
keys, 6 names, a 384-float embedding), a MinHash signature and a ~3 kB article record, then
opens each store in a fresh Python process and times ``Ingestor(store, ...)``: the copy
index plus the event clusterer. Every 50th stored report is a "wire story" (its own random
words, with its real content hash and MinHash signature), so new copies of it can be found.

Two ways of rebuilding the clusterer are compared where the code has both:

* ``all``: every stored representation is read and replayed (``restore_all=True``; what
  every version before the time-window restore did);
* ``window``: only events whose latest dated report is within the event window (plus a
  margin) of the newest one, and events with no dated report, are read (the default).

Each line prints the start-up seconds, the part of it spent reading and replaying the event
representations (``events s``), the time reading the stored document frequencies takes
(``df s``, window only, measured again afterwards), the time the copy index alone takes to
build as this version's ``Ingestor`` builds it (``copies s``, measured again in the same
process afterwards: reading every stored signature into memory before the store held the
copy index, nothing since), the peak RSS growth of the process during start-up (MB), and how
many reports and events the clusterer holds afterwards.

Then (``window`` only) it ingests ``--place`` batches of 64 new reports into the store: per
batch 8 exact and 8 near copies (new lede and footer) of stored wire stories, years old, and
48 new stories, with a stand-in encoder. ``place ms`` is the copy stage per report (content
hash, signature, finding the original), ``store ms`` the batch's write per report (with its
band keys since the store holds the copy index), ``batch/s`` reports per second of the whole
ingest, ``copies`` how many of the batch were linked (should be 16 a batch). Placement should
cost about the same whatever the size of the store.
Nothing here asserts; it prints numbers.

    .venv/bin/python benchmarks/ingest_startup.py            # 1k, 5k, 20k reports
    .venv/bin/python benchmarks/ingest_startup.py --quick    # 500, 2k
    .venv/bin/python benchmarks/ingest_startup.py --sizes 1000 50000
"""

from __future__ import annotations

import argparse
import inspect
import json
import resource
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

import numpy as np

DIM = 384
ENCODER = "synthetic"
START = datetime(2023, 11, 23, tzinfo=timezone.utc).timestamp()
PER_EVENT = 4
WIRE_EVERY = 50
BATCH = 64


def wire_text(i: int) -> str:
    """Stored report ``i``'s own story: 150 random words (seeded by ``i``)."""
    rng = np.random.default_rng(1_000_000 + i)
    return " ".join(f"w{k}" for k in rng.integers(0, 50_000, 150))


def _iso(t: float) -> str:
    return datetime.fromtimestamp(t, timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def _vector(rng: np.random.Generator, event: int, base: np.ndarray, when: float):
    from rashomon.events import ReportVector

    common = np.minimum(rng.zipf(1.3, 34), 200_000).astype(np.uint32) + np.uint32(10)
    own = np.array([500_000_000 + event * 16 + i for i in rng.choice(10, 6, replace=False)], dtype=np.uint32)
    words = np.unique(np.concatenate([common, own]))
    names = np.unique(np.array([1_000_000_000 + event * 8 + i for i in range(6)], dtype=np.uint32))
    weights = rng.random(len(words)).astype(np.float32) + 0.5
    weights /= np.linalg.norm(weights)
    emb = base + 0.02 * rng.standard_normal(DIM).astype(np.float32)
    emb /= np.linalg.norm(emb)
    return ReportVector(words, weights, names, emb.astype(np.float16), when, ENCODER)


def build(url: str, n: int, span_days: float, seed: int = 0) -> None:
    """A store of ``n`` reports in ``n / 4`` events, written straight through the store API."""
    from rashomon import syndication
    from rashomon.ingest.pipeline import event_id_for
    from rashomon.model import Article
    from rashomon.store import NewArticle, Store

    rng = np.random.default_rng(seed)
    filler = ("The council said the works would continue through the week while engineers inspect the site. " * 32).strip()
    fields = inspect.signature(NewArticle).parameters  # older versions keep neither time nor terms
    n_events = max(1, n // PER_EVENT)
    with Store.open(url) as store:
        batch = []
        for e in range(n_events):
            base = rng.standard_normal(DIM).astype(np.float32)
            base /= np.linalg.norm(base)
            start = START + (e / n_events) * span_days * 86_400
            eid = event_id_for(f"syn-{e}-0")
            for r in range(PER_EVENT):
                i = e * PER_EVENT + r
                if i >= n:
                    break
                when = start + r * 3 * 3600
                seen = _iso(when)
                text = wire_text(i) if i % WIRE_EVERY == 0 else f"Report {i} on event {e}. {filler}"
                article = Article(id=f"syn-{e}-{r}", path=f"syn/{i}.txt", text=text, paragraphs=[],
                                  offsets_into="text", format="text", title=f"Event {e} report {r}", published=seen)  # fmt: skip
                if i % WIRE_EVERY == 0:
                    signature = syndication.to_bytes(*syndication.fingerprint(text))
                else:  # the filler texts would all be copies of each other: a random signature
                    signature = np.concatenate([[100], rng.integers(0, 2**32, 64)]).astype(np.uint64).tobytes()
                vector = _vector(rng, e, base, when)
                extra = {"event_time": seen} if "event_time" in fields else {}
                if "terms" in fields:
                    extra["terms"] = vector.word_keys.tolist() + vector.name_keys.tolist()
                batch.append(NewArticle(id=article.id, uri=f"syn://{i}", article=article, content_hash=syndication.content_hash(text), seen=seen,
                                        event_id=eid, fingerprint=signature, representation=vector.to_bytes(), **extra))  # fmt: skip
            if len(batch) >= 500:
                store.add_articles(batch)
                batch = []
        if batch:
            store.add_articles(batch)


def _rss_mb() -> float:
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


class StandInEncoder:
    """Random unit vectors: placement cost without a model."""

    dim = DIM

    def encode(self, texts):
        rng = np.random.default_rng(len(texts))
        out = rng.standard_normal((len(texts), DIM)).astype(np.float32)
        return out / np.linalg.norm(out, axis=1, keepdims=True)


def new_reports(n_stored: int, batches: int) -> list[list]:
    """``batches`` batches of new reports: per batch 8 exact and 8 near copies of stored wire
    stories, and 48 new stories."""
    from rashomon.ingest.records import RawDocument

    rng = np.random.default_rng(99)
    wires = list(range(0, n_stored, WIRE_EVERY))
    out = []
    for b in range(batches):
        docs = []
        for k in range(BATCH):
            if k < 16:
                i = int(rng.choice(wires))
                text = wire_text(i) if k < 8 else f"From the wire service. {wire_text(i)} All rights reserved by the agency."
            else:
                text = wire_text(10_000_000 + b * BATCH + k)
            docs.append(RawDocument(uri=f"new://{b}/{k}", content=text, format="text", title=f"new {b} {k}", published="2026-11-23T10:00:00Z"))
        out.append(docs)
    return out


def place(ingestor, store, batches: int) -> dict:
    """Ingest ``batches`` batches of new reports; per-report copy and store stage times."""
    n = store.count_articles()
    reports = copies = 0
    stages: dict[str, float] = {}
    t0 = time.perf_counter()
    for docs in new_reports(n, batches):
        summary = ingestor.run(docs)
        reports += summary.stored
        copies += summary.copies
        for stage, seconds in summary.stage_seconds.items():
            stages[stage] = stages.get(stage, 0.0) + seconds
    seconds = time.perf_counter() - t0
    return {"place_ms": 1000 * stages.get("copies", 0.0) / max(1, reports), "store_ms": 1000 * stages.get("store", 0.0) / max(1, reports),
            "batch_rate": reports / seconds, "copies_per_batch": copies / max(1, batches)}  # fmt: skip


def _copy_index_seconds(store) -> float:
    """Build the copy index as this version's Ingestor does."""
    from rashomon import syndication

    t0 = time.perf_counter()
    if "stored" in inspect.signature(syndication.SyndicationIndex).parameters:
        syndication.SyndicationIndex(stored=store)
    else:
        syndication.SyndicationIndex().restore(store.fingerprints())
    return time.perf_counter() - t0


def measure(url: str, mode: str, batches: int = 0) -> dict:
    """One start-up, in this (fresh) process, then ``batches`` batches placed."""
    from rashomon.events import EventClusterer, EventSettings
    from rashomon.ingest.pipeline import Ingestor
    from rashomon.store import Store

    class TimedClusterer(EventClusterer):
        spent = 0.0

        def restore(self, items, **kw):  # the store read happens here too: items is a generator
            t0 = time.perf_counter()
            super().restore(items, **kw)
            TimedClusterer.spent += time.perf_counter() - t0

    store = Store.open(url)
    clusterer = TimedClusterer(EventSettings(encoder=ENCODER), encoder=StandInEncoder())
    options = {"restore_all": True} if mode == "all" and "restore_all" in inspect.signature(Ingestor).parameters else {}
    before = _rss_mb()
    t0 = time.perf_counter()
    ingestor = Ingestor(store, clusterer=clusterer, **options)
    seconds = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    copies = _copy_index_seconds(store)
    t0 = time.perf_counter()
    if mode == "window" and hasattr(store, "term_frequencies"):
        store.term_frequencies()
    df_s = time.perf_counter() - t0
    out = {"seconds": seconds, "rss_mb": peak - before, "copies_s": copies, "events_s": TimedClusterer.spent, "df_s": df_s,
           "reports": len(ingestor.clusterer.assignments), "events": len(ingestor.clusterer.events)}  # fmt: skip
    if batches:
        out.update(place(ingestor, store, batches))
    store.close()
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="*", default=[1_000, 5_000, 20_000])
    ap.add_argument("--quick", action="store_true", help="500 and 2,000 reports only")
    ap.add_argument("--span-days", type=float, default=3 * 365.0)
    ap.add_argument("--place", type=int, default=4, help="batches of 64 new reports placed after start-up (window mode; 0: none)")
    ap.add_argument("--measure", nargs=3, metavar=("URL", "MODE", "BATCHES"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.measure:
        url, mode, batches = args.measure
        print(json.dumps(measure(url, mode, int(batches))))
        return 0

    from rashomon.ingest.pipeline import Ingestor

    modes = ["all", "window"] if "restore_all" in inspect.signature(Ingestor).parameters else ["all"]
    sizes = [500, 2_000] if args.quick else args.sizes
    print(f"reports spread over {args.span_days:.0f} days, {PER_EVENT} per event; modes: {', '.join(modes)}")
    print(f"{'reports':>8} {'mode':>7} {'start-up s':>10} {'events s':>9} {'df s':>6} {'copies s':>9} {'RSS +MB':>8} {'restored':>9} {'events':>7}"
          f" {'place ms':>9} {'store ms':>9} {'batch/s':>8} {'copies':>7}")  # fmt: skip
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            url = f"sqlite:///{Path(tmp) / f'store-{n}.db'}"
            build(url, n, args.span_days)
            for mode in modes:
                batches = args.place if mode == modes[-1] else 0  # it adds to the store: last
                res = subprocess.run([sys.executable, __file__, "--measure", url, mode, str(batches)], capture_output=True, text=True, check=True)
                r = json.loads(res.stdout.strip().splitlines()[-1])
                placed = (f" {r['place_ms']:>9.2f} {r['store_ms']:>9.2f} {r['batch_rate']:>8.0f} {r['copies_per_batch']:>7.1f}" if batches else "")
                print(f"{n:>8} {mode:>7} {r['seconds']:>10.2f} {r['events_s']:>9.2f} {r['df_s']:>6.2f} {r['copies_s']:>9.2f} {r['rss_mb']:>8.1f} {r['reports']:>9} {r['events']:>7}{placed}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
