"""The records that flow through ingest: what arrived, and what we know about each feed.

Ingest reads many kinds of input (feeds, saved pages, JSONL, WARC archives); each reader
yields :class:`RawDocument` records, so everything downstream (extract, syndication, event
clustering, the store) sees one shape whatever the input was.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class RawDocument:
    """One report as it arrived, before extraction.

    ``uri`` names where it came from and is unique per input item, so a resumed run can skip
    what it already stored: a URL, a file's absolute path, ``"/data/archive.warc.gz#<WARC-Record-ID>"``
    or ``"/data/rows.jsonl:12"`` (line number, 1-based).
    """

    uri: str
    content: bytes | str
    #: "html" or "text"; None lets extract decide from the content
    format: str | None = None
    url: str | None = None  # the page's own address, when known
    fetched_at: str | None = None  # ISO 8601, UTC
    feed: str | None = None  # the feed URL it was found through
    title: str | None = None  # hints from a feed entry or a JSONL row; extract may do better
    published: str | None = None
    outlet: str | None = None
    meta: dict = field(default_factory=dict)


@dataclass
class FeedState:
    """What ingest remembers about one feed between runs (persisted by the store).

    Conditional GET uses ``etag`` / ``last_modified``; a feed that fails is retried after
    ``next_attempt`` with a back-off that grows with ``failures``.
    """

    url: str
    etag: str | None = None
    last_modified: str | None = None
    failures: int = 0
    next_attempt: str | None = None  # ISO 8601 UTC; None = now
    last_error: str | None = None
    last_ok: str | None = None
