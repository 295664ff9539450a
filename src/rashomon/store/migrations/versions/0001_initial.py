"""The first schema: events, articles, cached reports, feeds, problems.

Revision ID: 0001
Revises:
Create Date: 2026-11-23
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "events",
        sa.Column("id", sa.String(40), primary_key=True),
        sa.Column("title", sa.Text),
        sa.Column("first_seen", sa.String(40)),
        sa.Column("last_seen", sa.String(40)),
        sa.Column("n_reports", sa.Integer, nullable=False),
        sa.Column("n_outlets", sa.Integer, nullable=False),
        sa.Column("outlets", sa.Text, nullable=False),
        sa.Column("languages", sa.Text, nullable=False),
        sa.Column("search_text", sa.Text, nullable=False),
        sa.Column("updated_at", sa.String(40)),
    )
    op.create_index("ix_events_last_seen", "events", ["last_seen"])
    op.create_table(
        "articles",
        sa.Column("id", sa.String(80), primary_key=True),
        sa.Column("uri", sa.Text, nullable=False, unique=True),
        sa.Column("url", sa.Text),
        sa.Column("title", sa.Text),
        sa.Column("outlet", sa.Text),
        sa.Column("language", sa.String(16)),
        sa.Column("published", sa.String(40)),
        sa.Column("fetched_at", sa.String(40)),
        sa.Column("seen", sa.String(40)),
        sa.Column("feed", sa.Text),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("event_id", sa.String(40), sa.ForeignKey("events.id")),
        sa.Column("duplicate_of", sa.String(80)),
        sa.Column("similarity", sa.Float),
        sa.Column("fingerprint", sa.LargeBinary),
        sa.Column("representation", sa.LargeBinary),
        sa.Column("article", sa.Text, nullable=False),
        sa.Column("ingested_at", sa.String(40), nullable=False),
    )
    op.create_index("ix_articles_event", "articles", ["event_id"])
    op.create_index("ix_articles_content_hash", "articles", ["content_hash"])
    op.create_index("ix_articles_url", "articles", ["url"])
    op.create_table(
        "reports",
        sa.Column("event_id", sa.String(40), sa.ForeignKey("events.id"), primary_key=True),
        sa.Column("report", sa.Text, nullable=False),
        sa.Column("generated_at", sa.String(40), nullable=False),
    )
    op.create_table(
        "feeds",
        sa.Column("url", sa.Text, primary_key=True),
        sa.Column("etag", sa.Text),
        sa.Column("last_modified", sa.Text),
        sa.Column("failures", sa.Integer, nullable=False),
        sa.Column("next_attempt", sa.String(40)),
        sa.Column("last_error", sa.Text),
        sa.Column("last_ok", sa.String(40)),
    )
    op.create_table(
        "problems",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("uri", sa.Text, nullable=False),
        sa.Column("stage", sa.String(40), nullable=False),
        sa.Column("message", sa.Text, nullable=False),
        sa.Column("at", sa.String(40), nullable=False),
    )
    op.create_index("ix_problems_uri", "problems", ["uri"])


def downgrade() -> None:
    for name in ("problems", "feeds", "reports", "articles", "events"):
        op.drop_table(name)
