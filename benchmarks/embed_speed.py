"""Cold load time, throughput and peak memory of the two packaged encoders.

    python benchmarks/embed_speed.py            # both, each in a fresh process
    python benchmarks/embed_speed.py english    # one, in this process

Each encoder runs in its own child process so that the load time is really
cold (imports included) and the peak RSS belongs to that encoder alone.
Batches are ~200 distinct news-like sentences of ~30 words, so the memo
never helps except in the "memo hit" line.
"""

from __future__ import annotations

import random
import resource
import subprocess
import sys
import time

N = 200


def sentences(n: int, seed: int) -> list[str]:
    """``n`` distinct ~30-word news sentences (fixed seed, no network, no files)."""
    rng = random.Random(seed)
    who = ["The city council", "A police spokesman", "The finance minister", "Local residents",
           "The company's chief executive", "Witnesses at the scene", "The regional health authority",
           "Opposition lawmakers", "A court in the capital", "The national weather service"]
    verb = ["said on Monday that", "confirmed late on Tuesday that", "told reporters that",
            "warned in a statement that", "announced on Friday that", "denied reports that"]
    what = ["the old river bridge would reopen to traffic after eight months of repairs",
            "three people had been injured when a bus left the road near the station",
            "interest rates would rise by a quarter of a percentage point next month",
            "the factory would cut about 400 jobs as demand for its products fell",
            "heavy rain had flooded dozens of homes in the low-lying eastern districts",
            "the election would go ahead as planned despite the recent protests",
            "the new hospital wing had cost far more than the original estimate"]
    tail = ["according to figures released by officials", "though no further details were given",
            "and that an investigation was under way", "adding that the decision was final",
            "while critics called the plan unrealistic", "citing people familiar with the matter"]
    out: set[str] = set()
    while len(out) < n:
        out.add(f"{rng.choice(who)} {rng.choice(verb)} {rng.choice(what)}, {rng.choice(tail)}, "
                f"in a move affecting {rng.randint(2, 9999)} people across {rng.randint(2, 40)} towns.")
    return sorted(out)


def rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def run_one(which: str) -> None:
    batch1, batch2 = sentences(N, 1), sentences(N, 2)
    rss0 = rss_mib()
    t0 = time.perf_counter()
    from rashomon.embed import THREADS, english_encoder, multilingual_encoder

    enc = {"english": english_encoder, "multilingual": multilingual_encoder}[which]()
    load = time.perf_counter() - t0
    t1 = time.perf_counter()
    enc.encode(batch1)
    first = time.perf_counter() - t1
    t2, c2 = time.perf_counter(), time.process_time()
    enc.encode(batch2)
    warm, cpu = time.perf_counter() - t2, time.process_time() - c2
    t3 = time.perf_counter()
    enc.encode(batch1 + batch2)
    hit = time.perf_counter() - t3
    words = sum(len(s.split()) for s in batch1) / N
    print(f"{enc.name:32s} threads={THREADS}  cold load {load * 1000:7.0f} ms  "
          f"first batch {N / first:6.0f} sent/s  warm {N / warm:6.0f} sent/s  "
          f"({cpu / N * 1000:.1f} ms CPU/sentence)  memo hit {2 * N / hit:8.0f} sent/s  (~{words:.0f} words/sentence)  "
          f"peak RSS {rss_mib():5.0f} MiB (+{rss_mib() - rss0:.0f} over interpreter)")


def main() -> None:
    if len(sys.argv) > 1:
        run_one(sys.argv[1])
        return
    for which in ("english", "multilingual"):
        subprocess.run([sys.executable, __file__, which], check=True)


if __name__ == "__main__":
    main()
