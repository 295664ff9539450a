"""Index stored reports for copy look-ups: ``copy_bands`` holds the LSH band keys of each
report's MinHash signature, so ingest finds the reports a new one could copy through an
index instead of reading every stored signature into memory at start-up.

A key is the band number (one byte) and the band's 6 hash values as big-endian uint32: 10
bands of 6 of the 64 values, the banding datasketch picks for a Jaccard threshold of 0.6
(``syndication.BANDS``, ``ROWS``, ``band_keys``; a test checks that the two agree).

Existing stores are filled in from each stored signature (``syndication.to_bytes``: the
shingle count, then 64 hash values, each a native uint64), a page at a time. Reports with
fewer than 12 shingles get no rows (too short to be near copies), nor do bytes that are no
signature.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23
"""

import numpy as np
import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

_BANDS, _ROWS, _NUM_PERM, _MIN_SHINGLES = 10, 6, 64, 12
_PAGE = 1000


def _keys(blob: bytes | None) -> list[bytes]:
    """The band keys of a stored signature; none if it is too short a text or no signature."""
    if blob is None or len(blob) != 8 * (1 + _NUM_PERM):
        return []
    values = np.frombuffer(bytes(blob), dtype=np.uint64)
    size, bands = int(values[0]), values[1 : 1 + _BANDS * _ROWS]
    if size < _MIN_SHINGLES or int(bands.max()) >= 2**32:
        return []
    rows = bands.astype(">u4").reshape(_BANDS, _ROWS)
    return [bytes([band]) + rows[band].tobytes() for band in range(_BANDS)]


def upgrade() -> None:
    op.create_table(
        "copy_bands",
        sa.Column("key", sa.LargeBinary, primary_key=True),
        sa.Column("article_id", sa.String(80), sa.ForeignKey("articles.id"), primary_key=True),
    )
    conn = op.get_bind()
    articles = sa.table("articles", sa.column("id", sa.String), sa.column("fingerprint", sa.LargeBinary))
    bands = sa.table("copy_bands", sa.column("key", sa.LargeBinary), sa.column("article_id", sa.String))
    last = None
    while True:
        q = sa.select(articles.c.id, articles.c.fingerprint).where(articles.c.fingerprint.is_not(None)).order_by(articles.c.id).limit(_PAGE)
        if last is not None:
            q = q.where(articles.c.id > last)
        rows = list(conn.execute(q))
        if not rows:
            break
        last = rows[-1][0]
        found = [{"key": key, "article_id": aid} for aid, blob in rows for key in _keys(blob)]
        if found:
            conn.execute(sa.insert(bands), found)


def downgrade() -> None:
    op.drop_table("copy_bands")
