"""Keep each report's event time, each event's latest one and the document frequencies of
the clusterer's keys, so that ingest restores only the events that can still take a report
instead of every stored representation, and weighs words as if it had read them all.

``articles.event_time`` is the time the event clusterer placed the report by (None for
copies and undated reports); ``events.last_dated`` is the latest of its reports' (None when
none is dated: the time window never closes on such an event), indexed; ``event_terms``
holds, per word or name key, how many stored representations carry it (key -1: how many
representations there are).

Existing stores are filled in from each stored representation (the ``ReportVector`` layout:
header ``<3sBdIIIHH`` -- magic ``RV2``, has-time flag, seconds since the epoch, word, name
and embedding lengths, encoder-name length, years -- then the encoder name, word keys
``<u4``, word weights ``<f4``, name keys ``<u4``), a page at a time.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23
"""

import struct
from collections import Counter
from datetime import datetime, timezone

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

_HEAD = struct.Struct("<3sBdIIIHH")
_PAGE = 1000


def _read(blob: bytes | None) -> tuple[str | None, list[int]] | None:
    """(event time, counted keys) of a stored representation; None if it is not one."""
    if blob is None or len(blob) < _HEAD.size:
        return None
    blob = bytes(blob)
    magic, has_time, when, nw, nn, _ne, nenc, _ny = _HEAD.unpack_from(blob, 0)
    if magic != b"RV2":
        return None
    pos = _HEAD.size + nenc
    words = struct.unpack_from(f"<{nw}I", blob, pos)
    names = struct.unpack_from(f"<{nn}I", blob, pos + 8 * nw)
    stamp = None
    if has_time:
        try:
            stamp = datetime.fromtimestamp(int(when), timezone.utc).replace(tzinfo=None).isoformat() + "Z"
        except (OverflowError, OSError, ValueError):
            stamp = None
    return stamp, [*words, *names]


def upgrade() -> None:
    with op.batch_alter_table("articles") as batch:
        batch.add_column(sa.Column("event_time", sa.String(40)))
    with op.batch_alter_table("events") as batch:
        batch.add_column(sa.Column("last_dated", sa.String(40)))
    op.create_index("ix_events_last_dated", "events", ["last_dated"])
    op.create_table(
        "event_terms",
        sa.Column("key", sa.BigInteger, primary_key=True, autoincrement=False),
        sa.Column("df", sa.Integer, nullable=False),
    )

    conn = op.get_bind()
    articles = sa.table(
        "articles",
        sa.column("id", sa.String),
        sa.column("event_id", sa.String),
        sa.column("representation", sa.LargeBinary),
        sa.column("event_time", sa.String),
    )
    events = sa.table("events", sa.column("id", sa.String), sa.column("last_dated", sa.String))
    terms = sa.table("event_terms", sa.column("key", sa.BigInteger), sa.column("df", sa.Integer))
    df: Counter = Counter()
    counted = 0
    last = None
    while True:
        q = (
            sa.select(articles.c.id, articles.c.event_id, articles.c.representation)
            .where(articles.c.representation.is_not(None))
            .order_by(articles.c.id)
            .limit(_PAGE)
        )
        if last is not None:
            q = q.where(articles.c.id > last)
        rows = list(conn.execute(q))
        if not rows:
            break
        last = rows[-1][0]
        found = []
        for aid, event_id, blob in rows:
            vector = _read(blob)
            if vector is None:
                continue
            stamp, keys = vector
            if stamp:
                found.append({"aid": aid, "t": stamp})
            if event_id is not None:  # what a full restore counts
                df.update(keys)
                counted += 1
        if found:
            conn.execute(sa.update(articles).where(articles.c.id == sa.bindparam("aid")).values(event_time=sa.bindparam("t")), found)
    latest = sa.select(sa.func.max(articles.c.event_time)).where(articles.c.event_id == events.c.id).scalar_subquery()
    conn.execute(sa.update(events).values(last_dated=latest))
    if counted:
        df[-1] = counted
        items = [{"key": k, "df": v} for k, v in df.items()]
        for i in range(0, len(items), 5000):
            conn.execute(sa.insert(terms), items[i : i + 5000])


def downgrade() -> None:
    op.drop_table("event_terms")
    op.drop_index("ix_events_last_dated", "events")
    with op.batch_alter_table("events") as batch:
        batch.drop_column("last_dated")
    with op.batch_alter_table("articles") as batch:
        batch.drop_column("event_time")
