"""`rashomon ingest`: reports arrive, are extracted, linked to copies, grouped into events, stored.

The flow for every input item (a :class:`~rashomon.ingest.records.RawDocument`):

1. **skip** what the store already has (its ``uri``; for a local file also the relative
   path older stores hold, :func:`~rashomon.ingest.local.legacy_uri`): ingest is idempotent
   and a killed run resumes where it stopped;
2. **extract** the article (title, outlet, date, clean body); a bad item becomes a stored
   *problem* naming the input and the reason, and the run goes on;
3. **syndication**: an exact or near copy of an earlier report is linked to its original
   (:mod:`rashomon.syndication`) and joins the original's event, never counted as an
   independent report; the store is the copy index (each batch reads only the stored
   reports sharing a content hash or an LSH band with its own), so start-up reads no
   signatures and memory does not grow with the store;
4. **event clustering**: every original is placed, in time order, into an existing event or
   a new one (:mod:`rashomon.events`), across outlets and languages;
5. **store**: each batch is written in one transaction (:meth:`Store.add_articles`).

Model calls (the event representation) run once per batch, not once per report.
"""

from __future__ import annotations

import hashlib
import re
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from ..extract import InputError, extract
from ..extract.reading import DEFAULT_MAX_BYTES, control_share, decode_report
from ..model import Article
from ..store import NewArticle, Store, now_iso
from ..store.store import error_line
from .. import syndication
from ..timeparse import read_time
from .local import IngestProblem, legacy_uri
from .records import FeedState, RawDocument

BATCH_SIZE = 64
#: start-up restores events whose latest dated report is within the clusterer's window plus
#: this many days of the newest one (reports arriving a little out of order need no extra
#: read); an older report arriving later makes the ingestor read further back
RESTORE_MARGIN_DAYS = 7.0


@dataclass
class InputProblem:
    """An input item that could not be used; stored and reported, never silently dropped.

    ``stage`` says where it failed: ``read`` (the readers' :class:`IngestProblem` kinds,
    e.g. ``read:down``), ``extract`` or ``store``. Nothing here is remembered as done, so a
    later run tries the same input again.
    """

    uri: str
    problem: str
    stage: str = "read"

    @classmethod
    def from_reader(cls, problem: IngestProblem) -> "InputProblem":
        return cls(problem.source, problem.problem, f"read:{problem.kind}")


@dataclass
class IngestSummary:
    """What one ingest run did."""

    read: int = 0
    stored: int = 0
    already_stored: int = 0
    copies: int = 0
    new_events: int = 0
    events_touched: set[str] = field(default_factory=set)
    problems: list[InputProblem] = field(default_factory=list)
    feeds_polled: int = 0
    #: polled feeds that failed (down, slow, malformed): with nothing stored, the run failed
    feeds_failed: int = 0
    events_merged: int = 0
    seconds: float = 0.0
    #: wall time per stage (read, extract, copies, events, store): where a run's time goes
    stage_seconds: dict[str, float] = field(default_factory=dict)

    @property
    def failed(self) -> bool:
        """Every input failed: problems, and nothing stored, already stored or polled well.
        A run that stored some reports and skipped others did its job (with warnings)."""
        return bool(self.problems) and not self.stored and not self.already_stored and self.feeds_failed >= self.feeds_polled

    def _add(self, stage: str, seconds: float) -> None:
        self.stage_seconds[stage] = self.stage_seconds.get(stage, 0.0) + seconds

    def as_dict(self) -> dict[str, Any]:
        return {
            "read": self.read,
            "stored": self.stored,
            "already_stored": self.already_stored,
            "copies": self.copies,
            "new_events": self.new_events,
            "events_touched": len(self.events_touched),
            "feeds_polled": self.feeds_polled,
            "feeds_failed": self.feeds_failed,
            "events_merged": self.events_merged,
            "problems": [{"uri": p.uri, "stage": p.stage, "problem": p.problem} for p in self.problems],
            "seconds": round(self.seconds, 2),
            "stage_seconds": {k: round(v, 2) for k, v in self.stage_seconds.items()},
        }


def storable(text: str) -> str:
    """A name from the file system as text every store can hold: bytes that are not UTF-8
    (a latin-1 file name, ``caf\xe9.html``) become ``\xe9`` escapes, unique and readable,
    instead of failing the insert (and then the problem naming it) with UnicodeEncodeError."""
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        pass
    try:
        raw = text.encode("utf-8", "surrogateescape")  # how Python decoded the name's bytes
    except UnicodeEncodeError:
        raw = text.encode("utf-8", "surrogatepass")  # a lone surrogate from elsewhere
    return raw.decode("utf-8", "backslashreplace")


def _slug(text: str, limit: int = 24) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return slug[:limit].strip("-") or "report"


def article_id(doc: RawDocument) -> str:
    """A stable, readable id: where it came from plus a hash of its uri (same on every backend)."""
    host = urlparse(doc.url).netloc if doc.url else ""
    base = doc.outlet or (host[4:] if host.startswith("www.") else host) or Path(doc.uri.split("#")[0].split(":")[0]).stem
    return f"{_slug(base)}-{hashlib.sha1(doc.uri.encode('utf-8')).hexdigest()[:10]}"


def event_id_for(first_article: str) -> str:
    return "ev-" + hashlib.sha1(first_article.encode("utf-8")).hexdigest()[:12]


def extract_document(doc: RawDocument, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Article:
    """Extract one input item; raises InputError naming the item on bad input."""
    content = doc.content
    if isinstance(content, bytes):
        if len(content) > max_bytes:
            raise InputError(doc.uri, f"too large ({len(content):,} bytes; the limit is {max_bytes:,})")
        suffix = ".html" if doc.format == "html" else (".txt" if doc.format == "text" else Path(doc.uri.split("#")[0]).suffix)
        raw = decode_report(content, path=doc.uri, suffix=suffix)
    else:
        if not content or not content.strip():
            raise InputError(doc.uri, "empty report (no text)")
        if len(content) > max_bytes:
            raise InputError(doc.uri, f"too large ({len(content):,} characters; the limit is {max_bytes:,})")
        if control_share(content) > 0.05:  # text already decoded (a JSONL row): no byte check saw it
            raise InputError(doc.uri, "binary data, not text (control characters throughout)")
        # a lone surrogate (a JSON "\ud800" from a broken producer) is not Unicode: one U+FFFD, not the row
        raw = decode_report(content.encode("utf-8", errors="replace"), path=doc.uri, suffix=".html" if doc.format == "html" else ".txt")
        if doc.format in ("html", "text") and raw.format != doc.format:
            raw = replace(raw, format=doc.format)  # the caller knows better than a guess
    article = extract(raw, id=article_id(doc), url=doc.url)
    if doc.outlet:
        article.outlet = doc.outlet  # named by whoever supplied the row: better than a guess from the page
    for key in ("title", "published"):
        hint = getattr(doc, key)
        if hint and not getattr(article, key):
            setattr(article, key, hint)
    if doc.url and not article.url:
        article.url = doc.url
    if not article.text.strip():
        raise InputError(doc.uri, "no article text found on the page")
    return article


def _clock(article: Article, doc: RawDocument, fallback: str) -> str:
    """When the report appeared: its publication time, else when it was fetched, else now.
    A date that cannot be read (``10/12/2023``: day or month first?) is passed over."""
    for value in (article.published, doc.published, doc.fetched_at):
        stamp = _iso(value) if value else None
        if stamp:
            return stamp
    return fallback


def _event_time(article: Article, doc: RawDocument) -> str | None:
    """The time the event window may use: a stated publication time, or the fetch time of
    a feed item (it is news when fetched). A saved file's date is only when it was saved, so
    an undated saved report is placed by its content alone, with no window."""
    for value in (article.published, doc.published, doc.fetched_at if doc.feed else None):
        stamp = _iso(value) if value else None
        if stamp:
            return stamp
    return None


def _iso(value: str) -> str | None:
    """A date or time as ISO 8601 UTC to the second; None when :func:`~rashomon.timeparse.read_time`
    cannot read it with confidence (it never guesses whether the day or the month is first).
    A time with no zone is taken as UTC, a date alone as its midnight."""
    found = read_time(value)
    if found is None:
        return None
    parsed = found[0]
    if parsed.tzinfo is not None:
        try:
            parsed = parsed.astimezone(timezone.utc).replace(tzinfo=None)
        except (OverflowError, ValueError):  # year 1 minus an offset
            return None
    return parsed.replace(microsecond=0).isoformat() + "Z"


def _epoch_iso(seconds: float) -> str:
    return datetime.fromtimestamp(int(seconds), timezone.utc).replace(tzinfo=None).isoformat() + "Z"


def _calendar_iso(seconds: float) -> str | None:
    """:func:`_epoch_iso`, or None for a time no calendar holds (the caller then reads everything)."""
    try:
        return _epoch_iso(seconds)
    except (OverflowError, OSError, ValueError):
        return None


class Ingestor:
    """Ingest into one store. Holds the event index, rebuilt from the store once; the copy
    index is the store itself, read a batch at a time (:mod:`rashomon.syndication`).

    The event clusterer only lets an event take a report at most ``window_days`` after the
    event's latest dated report, so start-up restores only the events that can still take
    one: those whose latest dated report (``events.last_dated``) is within the window plus
    :data:`RESTORE_MARGIN_DAYS` of the newest stored one, and those with no dated report at
    all (the window never closes on them). A report older than that horizon makes the
    ingestor read the events it could join before placing it, and an undated report (the
    window does not apply to it, so it may join any event) the rest of the store, once.
    ``restore_all=True`` reads every stored report up front, as before.
    """

    def __init__(self, store: Store, *, batch_size: int = BATCH_SIZE, clusterer: Any | None = None, restore_all: bool = False) -> None:
        from ..events import DAY, EventClusterer, parse_time

        self.store = store
        self.batch_size = batch_size
        self.copies = syndication.SyndicationIndex(stored=store)
        self.clusterer = clusterer or EventClusterer()
        self._known_events: set[str] = set()
        self._event_of: dict[str, str] = {}  # the clusterer's label of a new event -> its stored id
        window = getattr(getattr(self.clusterer, "settings", None), "window_days", None)
        #: events whose latest dated report is at or after this (seconds) are restored, with
        #: every event that has no dated report; -inf once everything is
        self._horizon = -float("inf")
        self._reach = None if restore_all or window is None else (float(window) + RESTORE_MARGIN_DAYS) * DAY
        latest = parse_time(store.latest_event_time()) if self._reach is not None else None
        since = None if latest is None else _calendar_iso(latest - self._reach)
        #: document frequencies come from the store (kept for every report), not from the
        #: reports restored, so words weigh as they would after reading everything
        self._counted = False
        if since is None:  # everything: asked to, a clusterer with no window, or nothing dated
            self._restore(self._stored_representations(), older=False)
        else:
            self._horizon = latest - self._reach
            if hasattr(self.clusterer, "load_frequencies"):
                n, df = store.term_frequencies()
                if n:
                    self.clusterer.load_frequencies(df, n)
                    self._counted = True
            self._restore(self._stored_representations(since=since), older=False)
        self._merges_seen = len(getattr(self.clusterer, "merged", {}))

    def _stored_representations(self, **window: Any) -> Iterator[tuple[str, str, Any, str | None]]:
        from ..events import ReportVector

        held = getattr(self.clusterer, "assignments", {})
        for aid, eid, data, _seen in self.store.representations(**window):
            if data is not None and eid is not None and aid not in held:
                self._known_events.add(eid)
                yield aid, eid, ReportVector.from_bytes(data), None  # the time travels in the vector

    def _reach_back(self, vectors: Sequence[Any]) -> None:
        """Restore the stored events that the reports about to be placed could join and
        start-up left out: those within the window of an older report than any so far, or
        every one for an undated report."""
        if self._reach is None or self._horizon == -float("inf") or not vectors:
            return
        times = [getattr(v, "when", None) for v in vectors]
        horizon = -float("inf") if any(t is None for t in times) else min(times) - self._reach
        if horizon >= self._horizon:
            return
        window: dict[str, Any] = {"before": _epoch_iso(self._horizon), "undated": False}
        since = None if horizon == -float("inf") else _calendar_iso(horizon)
        if since is None:  # undated, or a date no calendar holds: everything before
            horizon = -float("inf")
        else:
            window["since"] = since
        self._restore(self._stored_representations(**window), older=True)
        self._horizon = horizon

    def _restore(self, items: Iterator[Any], *, older: bool) -> None:
        # counted: the clusterer took the store's frequencies (load_frequencies)
        self.clusterer.restore(items, older=older, counted=self._counted)

    def run(self, items: Iterable[RawDocument | IngestProblem | InputProblem], progress: Callable[[int], None] | None = None) -> IngestSummary:
        """Ingest a stream of input items; problems are stored and counted, never raised."""
        summary = IngestSummary()
        start = time.perf_counter()
        pending: list[RawDocument] = []
        items = iter(items)
        while True:
            t0 = time.perf_counter()
            try:
                item = next(items)
            except StopIteration:
                break
            finally:
                summary._add("read", time.perf_counter() - t0)
            if isinstance(item, IngestProblem):
                item = InputProblem.from_reader(item)
            if isinstance(item, (InputProblem, RawDocument)):
                item.uri = storable(item.uri)
            if isinstance(item, InputProblem):
                self._problem(summary, item)
                continue
            if isinstance(item, FeedState):
                # the articles a feed listed are stored before its new ETag is: a run killed
                # in between sees the feed as changed next time and loses nothing
                if pending:
                    self._batch(pending, summary)
                    pending = []
                self.store.save_feed_state(item)
                summary.feeds_polled += 1
                summary.feeds_failed += item.last_error is not None
                continue
            if not isinstance(item, RawDocument):
                continue
            summary.read += 1
            pending.append(item)
            if len(pending) >= self.batch_size:
                self._batch(pending, summary)
                pending = []
                if progress:
                    progress(summary.read)
        if pending:
            self._batch(pending, summary)
            if progress:
                progress(summary.read)
        summary.seconds = time.perf_counter() - start
        return summary

    def _problem(self, summary: IngestSummary, problem: InputProblem) -> None:
        summary.problems.append(problem)
        self.store.add_problem(problem.uri, problem.stage, problem.problem)

    def _batch(self, docs: Sequence[RawDocument], summary: IngestSummary) -> None:
        t0 = time.perf_counter()
        # a local file stored before uris were absolute is known under its relative path
        legacy = {d.uri: legacy_uri(d.uri) for d in docs}
        known = self.store.known_uris([d.uri for d in docs] + [u for u in legacy.values() if u])
        summary._add("store", time.perf_counter() - t0)
        t0 = time.perf_counter()
        fresh: list[tuple[RawDocument, Article, str]] = []
        seen_uris: set[str] = set()
        ingest_time = now_iso()
        for doc in docs:
            if doc.uri in known or legacy[doc.uri] in known or doc.uri in seen_uris:
                summary.already_stored += 1
                continue
            seen_uris.add(doc.uri)
            try:
                article = extract_document(doc)
            except InputError as exc:
                self._problem(summary, InputProblem(doc.uri, exc.problem, "extract"))
                continue
            except Exception as exc:  # a page that breaks a library must not stop the run
                self._problem(summary, InputProblem(doc.uri, f"extraction failed ({type(exc).__name__}: {exc})", "extract"))
                continue
            fresh.append((doc, article, _clock(article, doc, ingest_time)))
        summary._add("extract", time.perf_counter() - t0)
        if not fresh:
            return
        fresh.sort(key=lambda t: (t[2], t[1].id))  # the event clock: place in time order
        try:
            t0 = time.perf_counter()
            rows, originals = self._link_copies(fresh, summary)
            summary._add("copies", time.perf_counter() - t0)
            t0 = time.perf_counter()
            merges = self._place(rows, originals, summary)
            summary._add("events", time.perf_counter() - t0)
            t0 = time.perf_counter()
            self._store(rows, merges, summary)
            summary._add("store", time.perf_counter() - t0)
        finally:
            # once stored, the batch's reports are in the store's copy index; one that could
            # not be stored is forgotten with the rest, so no later report is linked to it
            self.copies.clear()

    def _link_copies(self, fresh: Sequence[tuple[RawDocument, Article, str]], summary: IngestSummary) -> tuple[list[NewArticle], list[tuple[int, str | None]]]:
        """The batch's rows, each copy linked to its original (stored, or earlier in the
        batch), and the originals to place: (row, the time the event clock may trust)."""
        rows: list[NewArticle] = []
        originals: list[tuple[int, str | None]] = []
        prints = [(syndication.content_hash(a.text), *syndication.fingerprint(a.text)) for _, a, _ in fresh]
        self.copies.look_up(prints)  # what the store holds that the batch could copy: a few queries
        for (doc, article, seen), (text_hash, signature, size) in zip(fresh, prints):
            match = self.copies.match(article.text, text_hash=text_hash, signature=signature, size=size)
            self.copies.add(article.id, text_hash=text_hash, signature=signature, size=size, original=match.original if match else None)
            row = NewArticle(
                id=article.id,
                uri=doc.uri,
                article=article,
                content_hash=text_hash,
                seen=seen,
                url=doc.url or article.url,
                fetched_at=doc.fetched_at,
                feed=doc.feed,
                duplicate_of=match.original if match else None,
                similarity=match.similarity if match else None,
                fingerprint=syndication.to_bytes(signature, size),
            )
            if match:
                summary.copies += 1
            else:
                originals.append((len(rows), _event_time(article, doc)))
            rows.append(row)
        return rows, originals

    def _store(self, rows: list[NewArticle], merges: dict[str, str], summary: IngestSummary) -> None:
        """Write the batch in one transaction, else one report at a time, reporting the rest."""
        try:
            self.store.add_articles(rows, merges)
        except Exception:  # keep what can be kept: store one by one, report the rest
            for row in rows:
                try:
                    self.store.add_articles([row])
                except Exception as one:
                    self._problem(summary, InputProblem(row.uri, f"could not store ({type(one).__name__}: {error_line(one)})", "store"))
                else:
                    summary.stored += 1
            return
        summary.stored += len(rows)

    def _store_id(self, label: str) -> str | None:
        return label if label in self._known_events else self._event_of.get(label)

    def _place(self, rows: list[NewArticle], originals: list[tuple[int, str | None]], summary: IngestSummary) -> dict[str, str]:
        """Originals are placed by the event clusterer (one batched model call); a copy joins
        its original's event. Returns the events the clusterer folded into others (old stored
        id -> new stored id), for the store to relabel."""
        docs = [{"id": rows[i].id, "text": rows[i].article.text, "title": rows[i].article.title, "published": when} for i, when in originals]
        vectors = self.clusterer.represent(docs) if docs else []
        self._reach_back(vectors)
        merges: dict[str, str] = {}
        for (i, when), vector in zip(originals, vectors):
            row = rows[i]
            label = self.clusterer.place(row.id, vector)
            event = self._store_id(label)
            if event is None:
                event = event_id_for(row.id)
                self._event_of[label] = event
                summary.new_events += 1
            row.event_id = event
            row.representation = vector.to_bytes()
            placed_at = getattr(vector, "when", when)  # the time the window judges it by
            counted_keys = getattr(self.clusterer, "counted_keys", None)
            row.terms = counted_keys(vector) if counted_keys else None
            row.event_time = _epoch_iso(placed_at) if isinstance(placed_at, (int, float)) else placed_at
            merges.update(self._new_merges())
        for row in rows:
            if row.duplicate_of and row.event_id is None:
                row.event_id = self._event_of_article(row.duplicate_of, rows)
            # reports of this batch, copies included, that sit in a folded event move with it
            if row.event_id in merges:
                row.event_id = merges[row.event_id]
            if row.event_id:
                summary.events_touched.add(row.event_id)
        summary.events_merged += len(merges)
        summary.events_touched -= set(merges)  # touched by an earlier batch, folded in this one
        return merges

    def _new_merges(self) -> dict[str, str]:
        """Folds the clusterer made since last asked, as stored event ids (chains resolved)."""
        merged = getattr(self.clusterer, "merged", {})
        items = list(merged.items())[self._merges_seen :]
        self._merges_seen = len(merged)
        out: dict[str, str] = {}
        for old_label, new_label in items:
            old, new = self._store_id(old_label), self._store_id(new_label)
            if old and new and old != new:
                out[old] = new
                for k, v in list(out.items()):
                    if v == old:
                        out[k] = new
        return out

    def _event_of_article(self, article: str, batch: Sequence[NewArticle]) -> str | None:
        for row in batch:
            if row.id == article:
                return row.event_id
        stored = self.store.get_article(article)
        return stored.event_id if stored else None


def ingest_documents(store: Store, items: Iterable[RawDocument | IngestProblem | InputProblem], **options: Any) -> IngestSummary:
    """Ingest any stream of input items into ``store``."""
    return Ingestor(store, **options).run(items)


def ingest_paths(store: Store, paths: Iterable[str | Path], *, progress: Callable[[int], None] | None = None, **options: Any) -> IngestSummary:
    """Ingest saved pages, folders, JSONL files and WARC archives (see :mod:`rashomon.ingest.local`)."""
    from .local import read_inputs

    return Ingestor(store, **options).run(read_inputs([str(p) for p in paths]), progress)


def ingest_feeds(
    store: Store,
    *,
    fetcher: Any | None = None,
    progress: Callable[[int], None] | None = None,
    **options: Any,
) -> IngestSummary:
    """Poll every registered feed that is due (see :meth:`Store.add_feeds`) once.

    Articles already stored are not fetched again; a feed that is down, slow or malformed is
    recorded with a growing back-off and the others go on.
    """
    from .feeds import poll_feeds
    from .fetch import Fetcher

    own = fetcher is None
    fetcher = fetcher or Fetcher()
    try:
        items = poll_feeds(store.feed_states(), fetcher, known_urls=lambda url: bool(store.known_urls([url])))
        return Ingestor(store, **options).run(items, progress)
    finally:
        if own:
            fetcher.close()
