"""The tables of the store, described once with SQLAlchemy Core.

The same description serves SQLite (one file, zero set-up) and PostgreSQL (a team's shared
database); the migrations under ``migrations/`` create exactly these tables, and a test
checks that the two agree.
"""

from __future__ import annotations

from sqlalchemy import BigInteger, Column, Float, ForeignKey, Index, Integer, LargeBinary, MetaData, String, Table, Text

metadata = MetaData()

#: one happening, as a group of stored reports; the counts are kept up to date by ingest so
#: the events page never has to aggregate every article
events = Table(
    "events",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("title", Text),
    Column("first_seen", String(40)),  # ISO 8601, earliest report (published, else fetched)
    Column("last_seen", String(40)),
    Column("n_reports", Integer, nullable=False, default=0),
    Column("n_outlets", Integer, nullable=False, default=0),
    Column("outlets", Text, nullable=False, default="[]"),  # JSON list
    Column("languages", Text, nullable=False, default="[]"),  # JSON list
    Column("search_text", Text, nullable=False, default=""),  # lower-cased titles and outlets
    Column("updated_at", String(40)),
    #: ISO 8601, the latest event time (``articles.event_time``) of its reports; NULL when
    #: none has one, so the clusterer's time window does not apply to it (migration 0003).
    #: Ingest restores only events that can still take a report (see ``Store.representations``)
    Column("last_dated", String(40)),
    Index("ix_events_last_seen", "last_seen"),
    Index("ix_events_last_dated", "last_dated"),
)

#: one report as extracted; ``article`` holds the whole Article record as JSON so a stored
#: report is never parsed from its page again
articles = Table(
    "articles",
    metadata,
    Column("id", String(80), primary_key=True),
    Column("uri", Text, nullable=False, unique=True),  # where it came from; the resume key
    Column("url", Text),
    Column("title", Text),
    Column("outlet", Text),
    Column("language", String(16)),
    Column("published", String(40)),
    Column("fetched_at", String(40)),
    Column("seen", String(40)),  # published, else fetched_at, else ingest time: the event clock
    Column("feed", Text),
    Column("content_hash", String(64), nullable=False),
    Column("event_id", String(40), ForeignKey("events.id")),
    Column("duplicate_of", String(80)),  # the original, when this is a syndicated copy
    Column("similarity", Float),  # to that original
    Column("fingerprint", LargeBinary),  # MinHash signature, to rebuild the copy index
    Column("representation", LargeBinary),  # event-clustering representation
    Column("article", Text, nullable=False),  # Article.to_dict(include_original=True) as JSON
    Column("ingested_at", String(40), nullable=False),
    #: ISO 8601, the time the event clusterer placed this report by (its representation's
    #: time): a stated publication time, or a feed item's fetch time; NULL for copies and for
    #: undated reports, which the time window does not apply to (migration 0003)
    Column("event_time", String(40)),
    Index("ix_articles_event", "event_id"),
    Index("ix_articles_content_hash", "content_hash"),
    Index("ix_articles_url", "url"),
)

#: the copy index: one row per LSH band of each stored report's MinHash signature (the band
#: number and its hash values, see ``syndication.band_keys``; none for reports too short to
#: be near copies), written in the same transaction as the report, so placing a new report
#: reads only the stored reports that share one of its bands instead of every signature
#: (migration 0004). Copies have rows too: a new copy may be closest to an earlier copy.
copy_bands = Table(
    "copy_bands",
    metadata,
    Column("key", LargeBinary, primary_key=True),
    Column("article_id", String(80), ForeignKey("articles.id"), primary_key=True),
)

#: document frequencies of the event clusterer's word and name keys over every stored report
#: with a representation (key -1 holds how many reports that is), kept by ingest in the same
#: transaction as the reports, so a start-up that restores only recent events still weighs
#: words as if it had read them all (migration 0003)
event_terms = Table(
    "event_terms",
    metadata,
    Column("key", BigInteger, primary_key=True, autoincrement=False),
    Column("df", Integer, nullable=False),
)

#: the cached event report; dropped whenever its event gains a report
reports = Table(
    "reports",
    metadata,
    Column("event_id", String(40), ForeignKey("events.id"), primary_key=True),
    Column("report", Text, nullable=False),
    Column("generated_at", String(40), nullable=False),
    Column("coverage", Text),  # JSON claim counts by coverage (migration 0002)
)

#: what ingest remembers about each feed (conditional GET, back-off)
feeds = Table(
    "feeds",
    metadata,
    Column("url", Text, primary_key=True),
    Column("etag", Text),
    Column("last_modified", Text),
    Column("failures", Integer, nullable=False, default=0),
    Column("next_attempt", String(40)),
    Column("last_error", Text),
    Column("last_ok", String(40)),
)

#: inputs ingest could not use, with the reason: reported, never silently dropped
problems = Table(
    "problems",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("uri", Text, nullable=False),
    Column("stage", String(40), nullable=False),
    Column("message", Text, nullable=False),
    Column("at", String(40), nullable=False),
    Index("ix_problems_uri", "uri"),
)
