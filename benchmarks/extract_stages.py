"""Time each step of HTML extraction on the AEB dev pages (prints ms per page per step).

    python benchmarks/extract_stages.py [PATH]
"""

import sys
import time
from pathlib import Path

import trafilatura

from rashomon.extract.blocks import page_blocks, parse_html
from rashomon.extract.html import FIRST_OPINION, load_block_model, page_title
from rashomon.extract.html_features import page_features
from rashomon.extract.training import read_jsonl

path = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("../shared/eval/extract_aeb_dev.jsonl.gz")
rows = list(read_jsonl(path))
model = load_block_model()
steps = dict.fromkeys(["parse", "blocks", "trafilatura", "features", "classify (one page a call)", "trafilatura alone (string)"], 0.0)
all_features = []
for row in rows:
    t0 = time.perf_counter()
    doc = parse_html(row["html"])
    t1 = time.perf_counter()
    blocks = page_blocks(doc)
    title = page_title(doc)
    t2 = time.perf_counter()
    first = trafilatura.extract(doc, **FIRST_OPINION) or ""
    t3 = time.perf_counter()
    x = page_features(blocks, first, title)
    t4 = time.perf_counter()
    model.predict_proba(x)
    all_features.append(x)
    t5 = time.perf_counter()
    trafilatura.extract(row["html"])
    t6 = time.perf_counter()
    for k, dt in zip(steps, (t1 - t0, t2 - t1, t3 - t2, t4 - t3, t5 - t4, t6 - t5)):
        steps[k] += dt
n = len(rows)
t0 = time.perf_counter()
for i in range(0, n, 32):
    model.predict_proba_many(all_features[i : i + 32])
steps["classify (32 pages a call)"] = time.perf_counter() - t0
for k, v in steps.items():
    print(f"{k:28s} {1000 * v / n:7.2f} ms/page   {v / n * 1000:7.1f} s per 1,000 pages")
