"""Where Rashomon keeps what it ingested: SQLite by default, PostgreSQL for a team.

>>> from rashomon.store import Store
>>> store = Store.open("sqlite:///news.db")      # or "postgresql://user@host/db", or None
>>> store.list_events(query="dam")
"""

from .store import (
    DEFAULT_DB_FILE,
    EventSummary,
    NewArticle,
    Problem,
    Store,
    StoreError,
    StoredArticle,
    StoredRowError,
    default_url,
    now_iso,
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
]
