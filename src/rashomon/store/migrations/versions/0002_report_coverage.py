"""Keep each cached event report's claim counts beside it, so the events page does not
parse every report (a 50-source report is megabytes of JSON) to draw its coverage bars.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23
"""

import json

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("reports") as batch:
        batch.add_column(sa.Column("coverage", sa.Text))
    conn = op.get_bind()
    reports = sa.table("reports", sa.column("event_id", sa.String), sa.column("report", sa.Text), sa.column("coverage", sa.Text))
    for event_id, text in list(conn.execute(sa.select(reports.c.event_id, reports.c.report))):
        counts = {"consensus": 0, "partial": 0, "unique": 0, "conflict": 0}
        for claim in json.loads(text).get("claims", []):
            if claim.get("coverage") in counts:
                counts[claim["coverage"]] += 1
        conn.execute(sa.update(reports).where(reports.c.event_id == event_id).values(coverage=json.dumps(counts)))


def downgrade() -> None:
    with op.batch_alter_table("reports") as batch:
        batch.drop_column("coverage")
