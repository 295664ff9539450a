"""The store: every ingested report, its event, copies, cached reports and feed state.

One class, :class:`Store`, over SQLAlchemy Core, so the same code runs on SQLite (the
default: one file, zero set-up) and PostgreSQL (``postgresql://…`` for a team). Opening a
store brings its schema up to date with the Alembic migrations shipped in this package.

Writes come in batches (:meth:`Store.add_articles`), each one transaction: a killed ingest
loses at most the batch it was writing, never anything already stored, and the next run
skips every ``uri`` already present (:meth:`Store.known_uris`), so ingest is idempotent.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import Engine, and_, bindparam, create_engine, delete, event, func, insert, or_, select, update
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError

from .. import syndication
from ..ingest.records import FeedState
from ..model import Article
from . import schema
from .schema import articles, copy_bands, event_terms, events, feeds, problems, reports

#: the SQLite file used when no --db is given (or $RASHOMON_DB)
DEFAULT_DB_FILE = "rashomon.db"
MIGRATIONS = Path(__file__).resolve().parent / "migrations"
#: words of an event search that are matched; more narrow nothing a person would notice
MAX_QUERY_WORDS = 32
_V = TypeVar("_V")


class StoreError(Exception):
    """A store cannot be opened or used; the message names the database and the problem."""


class StoredRowError(StoreError):
    """A stored report that cannot be read back (its record damaged, or written in a shape
    this version does not know); it names the report, so a batch can skip it and go on."""

    def __init__(self, store: str, article_id: str, uri: str, exc: Exception) -> None:
        self.article_id = article_id
        self.uri = uri
        super().__init__(f"{store}: stored report {article_id} ({uri}) cannot be read ({type(exc).__name__}: {error_line(exc)})")


def error_line(exc: BaseException) -> str:
    """A database error in one line: the driver's message, without SQLAlchemy's echo of the
    statement and its parameters (a whole article) or its link to the docs."""
    inner = getattr(exc, "orig", None) or exc
    lines = str(inner).strip().splitlines()
    return lines[0] if lines else type(inner).__name__


def now_iso() -> str:
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def default_url() -> str:
    """``$RASHOMON_DB`` when set, else ``sqlite:///rashomon.db`` in the working folder."""
    return os.environ.get("RASHOMON_DB") or f"sqlite:///{DEFAULT_DB_FILE}"


def normalise_url(url: str | None) -> str:
    """Accept a bare file path for SQLite, and plain ``postgresql://`` for psycopg 3."""
    url = url or default_url()
    if "://" not in url:
        return f"sqlite:///{Path(url).expanduser()}"
    if url.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg://" + url.split("://", 1)[1]
    return url


@dataclass
class EventSummary:
    """One event as the events page lists it."""

    id: str
    title: str | None
    first_seen: str | None
    last_seen: str | None
    n_reports: int
    n_outlets: int
    outlets: list[str] = field(default_factory=list)
    languages: list[str] = field(default_factory=list)
    #: claim counts by coverage once an event report is stored, else None
    coverage: dict[str, int] | None = None


@dataclass
class StoredArticle:
    """A stored report: the Article record and where it sits (event, original if a copy)."""

    id: str
    uri: str
    url: str | None
    event_id: str | None
    duplicate_of: str | None
    article: Article
    similarity: float | None = None
    published: str | None = None
    seen: str | None = None


@dataclass
class NewArticle:
    """What ingest hands the store for one report."""

    id: str
    uri: str
    article: Article
    content_hash: str
    seen: str
    url: str | None = None
    fetched_at: str | None = None
    feed: str | None = None
    event_id: str | None = None
    duplicate_of: str | None = None
    similarity: float | None = None
    fingerprint: bytes | None = None
    representation: bytes | None = None
    #: the time the event clusterer placed it by (ISO 8601), None for copies and undated reports
    event_time: str | None = None
    #: the keys it adds to the clusterer's document frequencies (with its representation)
    terms: Sequence[int] | None = None


@dataclass
class Problem:
    uri: str
    stage: str
    message: str
    at: str


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    """WAL lets the web app read while ingest writes; foreign keys are off by default in SQLite."""
    cur = dbapi_connection.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.close()


class Store:
    """A Rashomon database. Open with :meth:`open`; close with :meth:`close` (or ``with``)."""

    def __init__(self, engine: Engine, url: str) -> None:
        self.engine = engine
        self.url = url

    # -- opening -------------------------------------------------------------------------

    @classmethod
    def open(cls, url: str | None = None, *, migrate: bool = True) -> "Store":
        """Open (creating if needed) the store at ``url`` and bring its schema up to date."""
        url = normalise_url(url)
        shown = make_url(url).render_as_string(hide_password=True)
        try:
            if url.startswith("sqlite:///") and url != "sqlite:///:memory:":
                # a URI filename (``file:news.db?mode=ro&uri=true``) names its file before the '?'
                name = url[len("sqlite:///") :]
                name = name[len("file:") :].split("?")[0] if name.startswith("file:") else name
                folder = Path(name).expanduser().parent
                if not folder.exists():
                    raise StoreError(f"{shown}: folder {folder} does not exist")
                if Path(name).expanduser().is_dir():
                    raise StoreError(f"{shown}: {name} is a folder, not a database file (give a file in it, e.g. {Path(name) / DEFAULT_DB_FILE})")
            engine = create_engine(url, future=True, pool_pre_ping=True)
            if engine.dialect.name == "sqlite":
                event.listen(engine, "connect", _sqlite_pragmas)
            store = cls(engine, shown)
            if migrate:
                store.migrate()
            return store
        except StoreError:
            raise
        except Exception as exc:  # driver errors differ by backend; name the database
            raise StoreError(f"{shown}: cannot open the store ({type(exc).__name__}: {str(exc).splitlines()[0]})") from exc

    def migrate(self) -> None:
        """Run the shipped Alembic migrations up to the newest revision."""
        from alembic import command
        from alembic.config import Config

        cfg = Config()
        cfg.set_main_option("script_location", str(MIGRATIONS))
        with self.engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")

    def schema_revision(self) -> str | None:
        with self.engine.connect() as conn:
            from alembic.runtime.migration import MigrationContext

            return MigrationContext.configure(conn).get_current_revision()

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    @property
    def backend(self) -> str:
        return self.engine.dialect.name

    @contextmanager
    def _writing(self) -> Iterator[None]:
        """A write the database itself refuses (read-only, locked, disk full, connection
        lost) becomes a StoreError naming the store, so a command stops with one line
        instead of a traceback; errors about one row (a constraint) pass unchanged."""
        try:
            yield
        except OperationalError as exc:
            raise StoreError(f"{self.url}: cannot write to the store ({error_line(exc)})") from exc

    # -- writing -------------------------------------------------------------------------

    def known_uris(self, uris: Iterable[str]) -> set[str]:
        """Which of these inputs are stored already (the resume check)."""
        found: set[str] = set()
        with self.engine.connect() as conn:
            for chunk in _chunks(uris):
                found.update(conn.execute(select(articles.c.uri).where(articles.c.uri.in_(chunk))).scalars())
        return found

    def has_uri(self, uri: str) -> bool:
        return bool(self.known_uris([uri]))

    def known_urls(self, urls: Iterable[str]) -> set[str]:
        """Which of these page addresses are stored already, as a page's URL or as its uri."""
        found: set[str] = set()
        with self.engine.connect() as conn:
            for chunk in _chunks(u for u in urls if u):
                found.update(conn.execute(select(articles.c.url).where(articles.c.url.in_(chunk))).scalars())
                found.update(conn.execute(select(articles.c.uri).where(articles.c.uri.in_(chunk))).scalars())
        return found

    def add_articles(self, batch: Sequence[NewArticle], merges: dict[str, str] | None = None) -> None:
        """Store a batch of reports and refresh the events they touch, in one transaction.

        ``merges`` (old event id -> the event that absorbed it) moves stored reports of events
        the clusterer folded into another while placing this batch, and drops the old events.
        """
        merges = {old: new for old, new in (merges or {}).items() if old != new}
        if not batch and not merges:
            return
        stamp = now_iso()
        rows = [
            {
                "id": a.id,
                "uri": a.uri,
                "url": a.url,
                "title": a.article.title,
                "outlet": a.article.outlet,
                "language": a.article.language,
                "published": a.article.published,
                "fetched_at": a.fetched_at,
                "seen": a.seen,
                "feed": a.feed,
                "content_hash": a.content_hash,
                "event_id": a.event_id,
                "duplicate_of": a.duplicate_of,
                "similarity": a.similarity,
                "fingerprint": a.fingerprint,
                "representation": a.representation,
                "event_time": a.event_time,
                "article": json.dumps(a.article.to_dict(include_original=True), ensure_ascii=False),
                "ingested_at": stamp,
            }
            for a in batch
        ]
        touched = sorted({a.event_id for a in batch if a.event_id} | set(merges.values()))
        with self._writing(), self.engine.begin() as conn:
            existing = set(conn.execute(select(events.c.id).where(events.c.id.in_(touched))).scalars()) if touched else set()
            missing = [e for e in touched if e not in existing]
            if missing:
                conn.execute(insert(events), [_empty_event(e) for e in missing])
            if rows:
                conn.execute(insert(articles), rows)
                self._add_bands(conn, batch)
            self._count_terms(conn, [a.terms for a in batch if a.terms is not None and a.representation is not None and a.event_id])
            for old, new in merges.items():
                conn.execute(update(articles).where(articles.c.event_id == old).values(event_id=new))
                conn.execute(delete(reports).where(reports.c.event_id == old))
                conn.execute(delete(events).where(events.c.id == old))
            self._refresh_events(conn, touched)

    def _add_bands(self, conn, batch: Sequence[NewArticle]) -> None:
        """Index the reports' signatures for copy look-ups (:meth:`copy_candidates`), in the
        transaction that stores them: a report is findable exactly when it is stored."""
        bands = [{"key": key, "article_id": a.id} for a in batch for key in syndication.stored_band_keys(a.fingerprint)]
        for i in range(0, len(bands), 5000):
            conn.execute(insert(copy_bands), bands[i : i + 5000])

    def _count_terms(self, conn, per_report: Sequence[Sequence[int]]) -> None:
        """Add the reports' keys to the stored document frequencies (key -1: the reports)."""
        if not per_report:
            return
        counts: Counter = Counter()
        for keys in per_report:
            counts.update(int(k) for k in keys)
        counts[-1] += len(per_report)
        values = [{"key": k, "df": n} for k, n in counts.items()]
        name = conn.dialect.name
        if name in ("sqlite", "postgresql"):
            if name == "sqlite":
                from sqlalchemy.dialects.sqlite import insert as upsert
            else:
                from sqlalchemy.dialects.postgresql import insert as upsert
            stmt = upsert(event_terms)
            stmt = stmt.on_conflict_do_update(index_elements=[event_terms.c.key], set_={"df": event_terms.c.df + stmt.excluded.df})
            for i in range(0, len(values), 5000):
                conn.execute(stmt, values[i : i + 5000])
            return
        have: set[int] = set()
        for chunk in _chunks(list(counts)):
            have.update(conn.execute(select(event_terms.c.key).where(event_terms.c.key.in_(chunk))).scalars())
        new = [v for v in values if v["key"] not in have]
        if new:
            conn.execute(insert(event_terms), new)
        old = [{"k": v["key"], "n": v["df"]} for v in values if v["key"] in have]
        if old:
            conn.execute(update(event_terms).where(event_terms.c.key == bindparam("k")).values(df=event_terms.c.df + bindparam("n")), old)

    def term_frequencies(self) -> tuple[int, dict[int, int]]:
        """(reports counted, key -> how many of them carry it): the event clusterer's document
        frequencies over every stored representation, without reading one."""
        with self.engine.connect() as conn:
            df = {int(k): int(n) for k, n in conn.execute(select(event_terms.c.key, event_terms.c.df))}
        return df.pop(-1, 0), df

    def _refresh_events(self, conn, event_ids: Sequence[str]) -> None:
        """Recompute the listed events' counts, dates and title from their reports; drop
        their cached event reports (they no longer cover every source)."""
        if not event_ids:
            return
        conn.execute(delete(reports).where(reports.c.event_id.in_(event_ids)))
        q = select(
            articles.c.event_id, articles.c.title, articles.c.outlet, articles.c.language, articles.c.seen, articles.c.duplicate_of,
            articles.c.published, articles.c.event_time,
        ).where(articles.c.event_id.in_(event_ids))
        grouped: dict[str, list[Any]] = {}
        for row in conn.execute(q):
            grouped.setdefault(row.event_id, []).append(row)
        stamp = now_iso()
        for eid, rows in grouped.items():
            rows.sort(key=lambda r: (r.seen or ""))
            outlets = sorted({r.outlet for r in rows if r.outlet})
            languages = sorted({r.language for r in rows if r.language})
            # an undated saved page's clock is only when it was saved: use dated reports when any
            seen = [r.seen for r in rows if r.seen and r.published] or [r.seen for r in rows if r.seen]
            title = next((r.title for r in rows if r.title and not r.duplicate_of), None) or next((r.title for r in rows if r.title), None)
            search = " ".join(sorted({(r.title or "").lower() for r in rows} | {o.lower() for o in outlets}))
            dated = [r.event_time for r in rows if r.event_time]
            conn.execute(
                update(events)
                .where(events.c.id == eid)
                .values(
                    title=title,
                    first_seen=min(seen) if seen else None,
                    last_seen=max(seen) if seen else None,
                    last_dated=max(dated) if dated else None,
                    n_reports=len(rows),
                    n_outlets=len(outlets),
                    outlets=json.dumps(outlets, ensure_ascii=False),
                    languages=json.dumps(languages),
                    search_text=search[:20000],
                    updated_at=stamp,
                )
            )

    def add_problem(self, uri: str, stage: str, message: str) -> None:
        with self._writing(), self.engine.begin() as conn:
            conn.execute(insert(problems).values(uri=uri, stage=stage, message=message[:2000], at=now_iso()))

    def problems(self, limit: int = 1000) -> list[Problem]:
        with self.engine.connect() as conn:
            rows = conn.execute(select(problems).order_by(problems.c.id.desc()).limit(limit))
            return [Problem(r.uri, r.stage, r.message, r.at) for r in rows]

    # -- feeds ---------------------------------------------------------------------------

    def add_feeds(self, urls: Iterable[str]) -> int:
        """Register feeds to poll; returns how many were new."""
        urls = list(dict.fromkeys(u.strip() for u in urls if u.strip()))
        with self._writing(), self.engine.begin() as conn:
            have = set(conn.execute(select(feeds.c.url).where(feeds.c.url.in_(urls))).scalars()) if urls else set()
            new = [{"url": u, "failures": 0} for u in urls if u not in have]
            if new:
                conn.execute(insert(feeds), new)
        return len(new)

    def feed_states(self) -> list[FeedState]:
        with self.engine.connect() as conn:
            rows = conn.execute(select(feeds).order_by(feeds.c.url))
            return [
                FeedState(
                    url=r.url,
                    etag=r.etag,
                    last_modified=r.last_modified,
                    failures=r.failures or 0,
                    next_attempt=r.next_attempt,
                    last_error=r.last_error,
                    last_ok=r.last_ok,
                )
                for r in rows
            ]

    def save_feed_state(self, state: FeedState) -> None:
        values = {
            "etag": state.etag,
            "last_modified": state.last_modified,
            "failures": state.failures,
            "next_attempt": state.next_attempt,
            "last_error": state.last_error,
            "last_ok": state.last_ok,
        }
        with self._writing(), self.engine.begin() as conn:
            done = conn.execute(update(feeds).where(feeds.c.url == state.url).values(**values)).rowcount
            if not done:
                conn.execute(insert(feeds).values(url=state.url, **values))

    # -- what the clustering and copy indexes are rebuilt from ---------------------------

    def representations(
        self, *, since: str | None = None, before: str | None = None, undated: bool = True
    ) -> Iterator[tuple[str, str | None, bytes | None, str | None]]:
        """(article id, event id, representation, seen) in event-clock order.

        With no arguments, every stored report. With ``since`` and/or ``before`` (ISO 8601),
        only the reports of events whose latest event time (``events.last_dated``, indexed)
        is at or after ``since`` and before ``before``, plus, when ``undated``, those of
        events with no dated report (the time window never closes on them): ingest
        restores only the events that can still take a new report, not the whole store.
        """
        q = select(articles.c.id, articles.c.event_id, articles.c.representation, articles.c.seen)
        if since is None and before is None:
            with self.engine.connect() as conn:
                for r in conn.execute(q.order_by(articles.c.seen, articles.c.id)):
                    yield r.id, r.event_id, r.representation, r.seen
            return
        # two indexed look-ups (events by last_dated, their reports by event_id) rather than
        # one join, so no planner without fresh statistics can choose to scan every article
        dated = [events.c.last_dated >= since] if since is not None else []
        if before is not None:
            dated.append(events.c.last_dated < before)
        with self.engine.connect() as conn:
            wanted = list(conn.execute(select(events.c.id).where(and_(*dated))).scalars())
            if undated:
                wanted += conn.execute(select(events.c.id).where(events.c.last_dated.is_(None))).scalars()
            rows = []
            for chunk in _chunks(wanted):
                rows += conn.execute(q.where(articles.c.event_id.in_(chunk))).all()
        rows.sort(key=lambda r: (r.seen or "", r.id))  # event-clock order, as the full read
        for r in rows:
            yield r.id, r.event_id, r.representation, r.seen

    def latest_event_time(self) -> str | None:
        """The latest event time of any stored report (ISO 8601), None when none is dated."""
        with self.engine.connect() as conn:
            return conn.execute(select(func.max(events.c.last_dated))).scalar_one()

    def fingerprints(self) -> Iterator[tuple[str, str, bytes | None, str | None]]:
        """(article id, content hash, MinHash signature, duplicate_of) of every stored
        report, originals before their copies (ingest order): an in-memory copy index of the
        whole store (ingest looks up :meth:`copy_candidates` instead)."""
        with self.engine.connect() as conn:
            q = select(articles.c.id, articles.c.content_hash, articles.c.fingerprint, articles.c.duplicate_of).order_by(
                articles.c.ingested_at, articles.c.duplicate_of.is_not(None), articles.c.id
            )
            for r in conn.execute(q):
                yield r.id, r.content_hash, r.fingerprint, r.duplicate_of

    def copy_candidates(self, hashes: Iterable[str], bands: Iterable[bytes]) -> list[tuple[str, str, bytes | None, str | None]]:
        """(article id, content hash, MinHash signature, duplicate_of) of the stored reports
        with one of these content hashes or LSH band keys (``copy_bands``), originals before
        their copies (ingest order): what a new report could copy, read through indexes
        whatever the size of the store (see :mod:`rashomon.syndication`)."""
        cols = (articles.c.id, articles.c.content_hash, articles.c.fingerprint, articles.c.duplicate_of, articles.c.ingested_at)
        found: dict[str, Any] = {}
        with self.engine.connect() as conn:
            for chunk in _chunks(hashes):
                found.update((r.id, r) for r in conn.execute(select(*cols).where(articles.c.content_hash.in_(chunk))))
            ids: set[str] = set()
            for chunk in _chunks(bands):
                ids.update(conn.execute(select(copy_bands.c.article_id).where(copy_bands.c.key.in_(chunk))).scalars())
            for chunk in _chunks(sorted(ids - set(found))):
                found.update((r.id, r) for r in conn.execute(select(*cols).where(articles.c.id.in_(chunk))))
        rows = sorted(found.values(), key=lambda r: (r.ingested_at, r.duplicate_of is not None, r.id))
        return [(r.id, r.content_hash, r.fingerprint, r.duplicate_of) for r in rows]

    # -- reading -------------------------------------------------------------------------

    def count_articles(self) -> int:
        with self.engine.connect() as conn:
            return conn.execute(select(func.count()).select_from(articles)).scalar_one()

    def _event_filter(self, query: str | None):
        """Every word must match; only the first :data:`MAX_QUERY_WORDS` distinct words are
        used (a pasted paragraph passed SQLite's expression depth limit: an error, a 500)."""
        if not query or not query.strip():
            return None
        terms = list(dict.fromkeys(t for t in query.lower().split() if t))[:MAX_QUERY_WORDS]
        return [or_(events.c.search_text.contains(t, autoescape=True), events.c.id == t) for t in terms]

    def list_events(self, query: str | None = None, limit: int = 50, offset: int = 0) -> list[EventSummary]:
        """Events newest first (by the latest report's time); ``query`` matches every word
        against the event's report titles and outlets."""
        q = select(events).order_by(events.c.last_seen.desc(), events.c.id).limit(limit).offset(offset)
        where = self._event_filter(query)
        if where:
            q = q.where(*where)
        with self.engine.connect() as conn:
            rows = list(conn.execute(q))
            coverage = self._coverage(conn, [r.id for r in rows])
        return [_summary(r, coverage.get(r.id)) for r in rows]

    def count_events(self, query: str | None = None) -> int:
        q = select(func.count()).select_from(events)
        where = self._event_filter(query)
        if where:
            q = q.where(*where)
        with self.engine.connect() as conn:
            return conn.execute(q).scalar_one()

    def get_event(self, event_id: str) -> EventSummary | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(events).where(events.c.id == event_id)).first()
            if row is None:
                return None
            return _summary(row, self._coverage(conn, [event_id]).get(event_id))

    def _coverage(self, conn, event_ids: Sequence[str]) -> dict[str, dict[str, int]]:
        if not event_ids:
            return {}
        q = select(reports.c.event_id, reports.c.coverage).where(reports.c.event_id.in_(event_ids))
        return {eid: json.loads(text) for eid, text in conn.execute(q) if text}

    def event_articles(self, event_id: str) -> list[StoredArticle]:
        """The event's reports in event-clock order; copies carry ``duplicate_of``."""
        with self.engine.connect() as conn:
            q = select(articles).where(articles.c.event_id == event_id).order_by(articles.c.seen, articles.c.id)
            return [self._stored(r) for r in conn.execute(q)]

    def event_article_ids(self, event_id: str) -> list[str]:
        """The ids of :meth:`event_articles`, in the same order, without reading a record."""
        with self.engine.connect() as conn:
            q = select(articles.c.id).where(articles.c.event_id == event_id).order_by(articles.c.seen, articles.c.id)
            return list(conn.execute(q).scalars())

    def get_article(self, article_id: str) -> StoredArticle | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(articles).where(articles.c.id == article_id)).first()
            return self._stored(row) if row is not None else None

    def iter_articles(self, batch: int = 500, *, skip: Callable[[StoredRowError], None] | None = None) -> Iterator[StoredArticle]:
        """Every stored report, in event-clock order, read in pages (for export). With
        ``skip``, a report that cannot be read is handed to it and the rest still come."""
        last: tuple[str, str] | None = None
        while True:
            q = select(articles).order_by(articles.c.seen, articles.c.id).limit(batch)
            if last is not None:
                q = q.where(or_(articles.c.seen > last[0], (articles.c.seen == last[0]) & (articles.c.id > last[1])))
            with self.engine.connect() as conn:
                rows = list(conn.execute(q))
            if not rows:
                return
            for r in rows:
                try:
                    stored = self._stored(r)
                except StoredRowError as exc:
                    if skip is None:
                        raise
                    skip(exc)
                    continue
                yield stored
            last = (rows[-1].seen or "", rows[-1].id)

    def _stored(self, row) -> StoredArticle:
        try:
            return _stored(row)
        except (ValueError, TypeError, KeyError, AttributeError) as exc:  # JSON damaged, or fields this version lacks
            raise StoredRowError(self.url, row.id, row.uri, exc) from exc

    def get_report(self, event_id: str) -> dict | None:
        with self.engine.connect() as conn:
            text = conn.execute(select(reports.c.report).where(reports.c.event_id == event_id)).scalar_one_or_none()
        return json.loads(text) if text else None

    def save_report(self, event_id: str, report: dict) -> None:
        text = json.dumps(report, ensure_ascii=False)
        with self._writing(), self.engine.begin() as conn:
            conn.execute(delete(reports).where(reports.c.event_id == event_id))
            conn.execute(
                insert(reports).values(event_id=event_id, report=text, generated_at=now_iso(), coverage=json.dumps(coverage_counts(report)))
            )


def _chunks(values: Iterable[_V], size: int = 500) -> Iterator[list[_V]]:
    """Distinct values in lists short enough for one ``IN (…)`` on every backend."""
    distinct = list(dict.fromkeys(values))
    for i in range(0, len(distinct), size):
        yield distinct[i : i + size]


def coverage_counts(report: dict) -> dict[str, int]:
    """How many of the report's claims are consensus, partial, unique, conflict."""
    counts = {"consensus": 0, "partial": 0, "unique": 0, "conflict": 0}
    for claim in report.get("claims", []):
        kind = claim.get("coverage")
        if kind in counts:
            counts[kind] += 1
    return counts


def _empty_event(event_id: str) -> dict[str, Any]:
    return {
        "id": event_id,
        "n_reports": 0,
        "n_outlets": 0,
        "outlets": "[]",
        "languages": "[]",
        "search_text": "",
        "updated_at": now_iso(),
    }


def _summary(row, coverage: dict[str, int] | None) -> EventSummary:
    return EventSummary(
        id=row.id,
        title=row.title,
        first_seen=row.first_seen,
        last_seen=row.last_seen,
        n_reports=row.n_reports,
        n_outlets=row.n_outlets,
        outlets=json.loads(row.outlets or "[]"),
        languages=json.loads(row.languages or "[]"),
        coverage=coverage,
    )


def _stored(row) -> StoredArticle:
    return StoredArticle(
        id=row.id,
        uri=row.uri,
        url=row.url,
        event_id=row.event_id,
        duplicate_of=row.duplicate_of,
        article=Article.from_dict(json.loads(row.article)),
        similarity=row.similarity,
        published=row.published,
        seen=row.seen,
    )


__all__ = [
    "DEFAULT_DB_FILE",
    "EventSummary",
    "NewArticle",
    "Problem",
    "Store",
    "StoreError",
    "StoredArticle",
    "StoredRowError",
    "default_url",
    "now_iso",
    "schema",
]
