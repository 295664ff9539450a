"""An editor's checklist over the event report's summary, on events we never tuned on.

    .venv/bin/python benchmarks/summary_checks.py [--limit N] [--show]

There is no gold summary for the BASIL triplets (three outlets' reports of one event, dev
file of the framing task), but some faults need no gold: a sentence that opens with a
pronoun the reader cannot resolve, a quotation with no speaker, "we" or "I" outside any
quotation marks (someone's words passed off as the writer's), a wire dateline, a clause
cut from its sentence ("[X] making more arrests"), a phrase that is no sentence (no
finite verb: "Inslee and Murray banning travel to Indiana."), a reporting verb that takes a side
("claimed"), an over-long sentence, and an event left with no summary at all. Each report
is built from the title and paragraphs as plain text, the way a pasted report arrives.
Prints the count of each fault per 100 summary sentences, and with ``--show`` the
sentences behind them.
"""

from __future__ import annotations

import argparse
import json
import re
import time
from collections import Counter, defaultdict
from pathlib import Path

from rich.console import Console
from rich.progress import Progress
from rich.table import Table

from rashomon.analyze import analyze
from rashomon.extract import extract_text

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT.parent / "shared" / "eval" / "framing_basil_dev.jsonl"

_MARKS = "\"“”„«»"
CHECKS: dict[str, re.Pattern | None] = {
    "pronoun opening": re.compile(
        r"^(?:He|She|They|It|This|These|Those|We|I)\b|^(?:Its|Their|His|Her)\b(?! [\w-]+(?: [\w-]+)?, (?:[A-Z][\w.'’-]* )*[A-Z])"
    ),  # or an owner it does not name: "Its hosting …" (but "His wife, Sandra Jackson, …")
    "quotation, no speaker": None,  # computed below
    "first person outside quotes": re.compile(r"\b(?:(?<![.\w])I(?!\.)|[Ww]e|us|[Oo]ur|[Mm]y)\b"),
    "dateline": re.compile(r"^[A-Z][\w.'’ ]{1,30}?(?:\s*\([A-Za-z. ]{2,20}\))?\s*(?:[–—―-]{1,2}\s|[–—―](?=[A-Z]))"),
    "cut clause": re.compile(r"^\[[^\]]+\] \w+ing\b"),
    "phrase, no sentence": None,  # computed below: no finite verb, or a participle as its root
    "sided reporting verb": re.compile(r"\b(?:claim(?:s|ed)?|insist(?:s|ed)?|admit(?:s|ted)?|concede[sd]?|alleged?)\b", re.I),
    "over 45 words": None,
}


def _outside(text: str) -> str:
    """The text less its quotations: double marks, and single marks where they are no
    apostrophes ("says 'I feel badly for General Flynn."; session 12: the summary now writes
    such a sentence as it stands, so the checklist reads those marks too)."""
    text = re.sub(r"[\"“„«][^\"”»]*[\"”»]", " ", text)
    return re.sub(r"(?<!\w)['‘](?=[A-Za-z]).*?(?:['’](?!\w)|$)", " ", text)


def _no_sentence(text: str) -> bool:
    """Whether the parse finds no sentence in ``text``: no finite verb at all ("Gov. Jay
    Inslee and Mayor Ed Murray banning travel to Indiana."), or a participle at the root
    with no subject or auxiliary of its own ("Trying to explain the law ever since the
    governor signed it": its finite verb is the "since" clause's)."""
    from rashomon.nlp import english

    doc = english()(text)
    subject = ("nsubj", "nsubjpass", "aux", "auxpass")
    bare = any(t.dep_ == "ROOT" and t.tag_ in ("VBG", "VBN") and not any(c.dep_ in subject for c in t.children) for t in doc)
    finite = any(
        t.tag_ in ("VBD", "VBZ", "VBP", "MD") or (t.tag_ == "VB" and t.dep_ == "ROOT")
        or (t.tag_ in ("VBN", "VB") and any(c.dep_ == "nsubj" for c in t.children))
        for t in doc
    )
    return bare or not finite


def faults(sentence: str) -> list[str]:
    """The checklist items one summary sentence fails."""
    text = re.sub(r" \(\d+ of \d+ sources\)\.$", ".", sentence)
    text = text.removeprefix("Sources differ on this: ")
    own = _outside(text)
    found = []
    for name, pattern in CHECKS.items():
        if name == "quotation, no speaker":
            hit = any(m in text for m in _MARKS) and len(own.split()) < 2
        elif name == "over 45 words":
            hit = len(text.split()) > 45
        elif name == "phrase, no sentence":
            hit = _no_sentence(text)
        elif name == "first person outside quotes":
            hit = bool(pattern.search(own))
        elif name == "dateline":
            hit = bool(pattern.match(text)) and (re.split(r"\s*[–—-]", text, maxsplit=1)[0].isupper() or "(" in text[:40])
        else:
            hit = bool(pattern.search(text))
        if hit:
            found.append(name)
    return found


def events(limit: int | None) -> list[tuple[str, list[dict]]]:
    grouped: dict[str, list[dict]] = defaultdict(list)
    with DEV.open(encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            grouped[row["event"]].append(row)
    items = sorted(grouped.items())
    return items[:limit] if limit else items


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--limit", type=int, default=None, help="first N events (sorted by id)")
    parser.add_argument("--show", action="store_true", help="print the sentences that fail a check")
    args = parser.parse_args()
    console = Console()
    counts: Counter[str] = Counter()
    shown: list[tuple[str, str]] = []
    sentences = empty = 0
    chosen = events(args.limit)
    start = time.perf_counter()
    with Progress(console=console, transient=True) as progress:
        task = progress.add_task("analysing events", total=len(chosen))
        for event_id, rows in chosen:
            articles = [
                extract_text(r["title"] + "\n\n" + "\n\n".join(r["paragraphs"]), id=f"{r['outlet']}", path=f"{event_id}/{r['outlet']}")
                for r in rows
            ]
            report = analyze(articles)
            summary = [s["text"] for s in report["summary"]]
            empty += not summary
            for s in summary:
                sentences += 1
                for name in faults(s):
                    counts[name] += 1
                    shown.append((name, s))
            progress.advance(task)
    elapsed = time.perf_counter() - start
    table = Table(title=f"summary checklist: {len(chosen)} BASIL events, {sentences} summary sentences")
    table.add_column("fault")
    table.add_column("sentences", justify="right")
    table.add_column("per 100", justify="right")
    for name in CHECKS:
        table.add_row(name, str(counts[name]), f"{100 * counts[name] / max(1, sentences):.1f}")
    table.add_row("events with no summary", str(empty), f"{100 * empty / max(1, len(chosen)):.1f} per 100 events")
    console.print(table)
    flawed = len({s for _, s in shown})
    console.print(f"sentences with any fault: {flawed} of {sentences} ({100 * flawed / max(1, sentences):.1f} %); {elapsed:.0f} s")
    if args.show:
        for name, s in sorted(shown):
            console.print(f"[bold]{name}[/bold]: {s}", highlight=False)


if __name__ == "__main__":
    main()
