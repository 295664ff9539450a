"""Keep each report's event time and each event's latest one, so that ingest restores only
the events that can still take a report instead of every stored representation.

``articles.event_time`` is the time the event clusterer placed the report by (None for
copies and undated reports); ``events.last_dated`` is the latest of its reports' (None when
none is dated: the time window never closes on such an event), indexed.

Existing stores are filled in from the time in each stored representation's header (the
``ReportVector`` layout ``<3sBd``: magic ``RV2``, has-time flag, seconds since the epoch),
reading 12 bytes per report, a page at a time.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23
"""

import struct
from datetime import datetime, timezone

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

_HEAD = struct.Struct("<3sBd")
_PAGE = 2000


def _event_time(head: bytes | None) -> str | None:
    if head is None or len(head) < _HEAD.size:
        return None
    magic, has_time, when = _HEAD.unpack_from(bytes(head), 0)
    if magic != b"RV2" or not has_time:
        return None
    try:
        stamp = datetime.fromtimestamp(int(when), timezone.utc)
    except (OverflowError, OSError, ValueError):
        return None
    return stamp.replace(tzinfo=None).isoformat() + "Z"


def upgrade() -> None:
    with op.batch_alter_table("articles") as batch:
        batch.add_column(sa.Column("event_time", sa.String(40)))
    with op.batch_alter_table("events") as batch:
        batch.add_column(sa.Column("last_dated", sa.String(40)))
    op.create_index("ix_events_last_dated", "events", ["last_dated"])

    conn = op.get_bind()
    articles = sa.table(
        "articles",
        sa.column("id", sa.String),
        sa.column("event_id", sa.String),
        sa.column("representation", sa.LargeBinary),
        sa.column("event_time", sa.String),
    )
    events = sa.table("events", sa.column("id", sa.String), sa.column("last_dated", sa.String))
    last = None
    while True:
        q = (
            sa.select(articles.c.id, sa.func.substr(articles.c.representation, 1, _HEAD.size))
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
        found = [{"aid": aid, "t": t} for aid, head in rows if (t := _event_time(head))]
        if found:
            conn.execute(sa.update(articles).where(articles.c.id == sa.bindparam("aid")).values(event_time=sa.bindparam("t")), found)
    latest = sa.select(sa.func.max(articles.c.event_time)).where(articles.c.event_id == events.c.id).scalar_subquery()
    conn.execute(sa.update(events).values(last_dated=latest))


def downgrade() -> None:
    op.drop_index("ix_events_last_dated", "events")
    with op.batch_alter_table("events") as batch:
        batch.drop_column("last_dated")
    with op.batch_alter_table("articles") as batch:
        batch.drop_column("event_time")
