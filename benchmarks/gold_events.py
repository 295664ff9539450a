"""Write the reports of the held-out gold events as plain-text files, one folder per event.

    .venv/bin/python benchmarks/gold_events.py OUTDIR

Writes OUTDIR/<event>/<source>.txt for the events whose hand-made gold lives in
``benchmarks/gold/<event>.json`` (the gold's ``sources`` are these file names without ``.txt``):

* ``ecb_11_plus``: ECB+ event ``11_plus`` (Turkmenistan's December 2013 parliamentary
  elections), five documents from ``events_ecbplus_dev.jsonl``; each file is the document's
  text as is, named by its ECB+ id without ``.xml``.
* ``basil_jackson_plea``: BASIL event ``f506aafc-…`` (Jesse Jackson Jr. pleads guilty,
  20 February 2013), three outlets from ``framing_basil_dev.jsonl``; each file is the title,
  a blank line, then the paragraphs joined by blank lines, named by the outlet (``fox``,
  ``hpo``, ``nyt``).

Reads only the two dev files; the output is the same on every run.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

EVAL = Path("/work/shared/eval")
ECB_FILE = EVAL / "events_ecbplus_dev.jsonl"
BASIL_FILE = EVAL / "framing_basil_dev.jsonl"

ECB_EVENTS = {"ecb_11_plus": "11_plus"}
BASIL_EVENTS = {"basil_jackson_plea": "f506aafc-8b43-427a-936e-bbd1ef33e076"}


def _rows(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def event_texts() -> dict[str, dict[str, str]]:
    """{event name: {source id: text}} for every gold event."""
    out: dict[str, dict[str, str]] = {}
    ecb = _rows(ECB_FILE)
    for name, label in ECB_EVENTS.items():
        docs = {r["id"].removesuffix(".xml"): r["text"] for r in ecb if r["event"] == label}
        out[name] = dict(sorted(docs.items()))
    basil = _rows(BASIL_FILE)
    for name, label in BASIL_EVENTS.items():
        docs = {}
        for r in basil:
            if r["event"] != label:
                continue
            body = "\n\n".join(p.strip() for p in r["paragraphs"] if p.strip())
            docs[r["outlet"].lower()] = f"{r['title'].strip()}\n\n{body}\n"
        out[name] = dict(sorted(docs.items()))
    return out


def main() -> None:
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    root = Path(sys.argv[1])
    for name, docs in event_texts().items():
        folder = root / name
        folder.mkdir(parents=True, exist_ok=True)
        for stale in folder.glob("*.txt"):
            if stale.stem not in docs:
                stale.unlink()
        for source, text in docs.items():
            (folder / f"{source}.txt").write_text(text, encoding="utf-8")
        print(f"{folder}: {len(docs)} reports ({', '.join(docs)})")


if __name__ == "__main__":
    main()
