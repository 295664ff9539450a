"""`rashomon export`: the stored reports and events as JSONL or CSV, streamed.

JSONL carries every field (the whole Article record per report, offsets included); CSV is
the flat view a spreadsheet or pandas opens: one row per report, or one row per event.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterator
from typing import IO

from .store import Store, StoredRowError

ARTICLE_COLUMNS = ["id", "event_id", "duplicate_of", "similarity", "uri", "url", "outlet", "title", "author", "published", "seen", "language", "text"]
EVENT_COLUMNS = ["id", "title", "first_seen", "last_seen", "n_reports", "n_outlets", "outlets", "languages"]


def article_rows(store: Store, skip: Callable[[StoredRowError], None] | None = None) -> Iterator[dict]:
    for s in store.iter_articles(skip=skip):
        a = s.article
        yield {
            "id": s.id,
            "event_id": s.event_id,
            "duplicate_of": s.duplicate_of,
            "similarity": s.similarity,
            "uri": s.uri,
            "url": s.url,
            "outlet": a.outlet,
            "title": a.title,
            "author": a.author,
            "published": a.published,
            "seen": s.seen,
            "language": a.language,
            "text": a.text,
            "article": a.to_dict(include_original=True),
        }


def event_rows(store: Store, page: int = 500) -> Iterator[dict]:
    offset = 0
    while True:
        events = store.list_events(limit=page, offset=offset)
        if not events:
            return
        for e in events:
            yield {
                "id": e.id,
                "title": e.title,
                "first_seen": e.first_seen,
                "last_seen": e.last_seen,
                "n_reports": e.n_reports,
                "n_outlets": e.n_outlets,
                "outlets": e.outlets,
                "languages": e.languages,
                "coverage": e.coverage,
                "articles": store.event_article_ids(e.id),  # ids only: no record parsed
            }
        offset += page


def export(store: Store, out: IO[str], *, what: str = "articles", fmt: str = "jsonl",
           skip: Callable[[StoredRowError], None] | None = None) -> int:
    """Write ``what`` ("articles" or "events") as ``fmt`` ("jsonl" or "csv"); returns rows written.

    ``skip`` receives each stored report that cannot be read, and the export goes on
    without it; without ``skip`` the first one stops it (raises StoredRowError)."""
    rows = article_rows(store, skip) if what == "articles" else event_rows(store)
    columns = ARTICLE_COLUMNS if what == "articles" else EVENT_COLUMNS
    n = 0
    if fmt == "jsonl":
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
            n += 1
        return n
    writer = csv.DictWriter(out, fieldnames=columns, extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        flat = {k: ("; ".join(v) if isinstance(v, list) else v) for k, v in row.items() if k in columns}
        writer.writerow(flat)
        n += 1
    return n
