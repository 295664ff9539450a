"""The store: same behaviour on SQLite and PostgreSQL, migrations that match the schema."""

from __future__ import annotations

import pytest

from rashomon import extract_file
from rashomon.ingest.records import FeedState
from rashomon.store import NewArticle, Store, StoreError

DEMO = sorted((__import__("pathlib").Path(__file__).resolve().parents[1] / "src/rashomon/examples/demo").iterdir())


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request, tmp_path):
    if request.param == "sqlite":
        s = Store.open(f"sqlite:///{tmp_path / 'news.db'}")
    else:
        s = Store.open(request.getfixturevalue("postgres_url"))
    yield s
    s.close()


def _new(i: int, event: str | None, *, copy_of: str | None = None, seen: str = "2026-01-0{}T10:00:00Z") -> NewArticle:
    article = extract_file(DEMO[i])
    article.id = f"a{i}"
    return NewArticle(
        id=f"a{i}",
        uri=str(DEMO[i]),
        article=article,
        content_hash=f"h{i}",
        seen=seen.format(i + 1),
        event_id=event,
        duplicate_of=copy_of,
        fingerprint=b"\x00\x01",
        representation=b"vec",
    )


def test_articles_round_trip_and_events_are_summarised(store):
    store.add_articles([_new(0, "ev-1"), _new(1, "ev-1"), _new(2, "ev-2")])
    assert store.count_articles() == 3
    assert store.known_uris([str(DEMO[0]), "nope"]) == {str(DEMO[0])}
    back = store.get_article("a0")
    assert back is not None and back.article.text == extract_file(DEMO[0]).text
    assert back.article.paragraphs == extract_file(DEMO[0]).paragraphs  # offsets survive
    events = store.list_events()
    assert [e.id for e in events] == ["ev-2", "ev-1"]  # newest first
    ev1 = store.get_event("ev-1")
    assert ev1 is not None and ev1.n_reports == 2 and ev1.first_seen == "2026-01-01T10:00:00Z"
    assert ev1.last_seen == "2026-01-02T10:00:00Z" and ev1.coverage is None
    assert [a.id for a in store.event_articles("ev-1")] == ["a0", "a1"]
    assert store.get_event("missing") is None


def test_search_matches_titles_and_outlets(store):
    store.add_articles([_new(0, "ev-1"), _new(2, "ev-2")])
    title = store.get_event("ev-1").title
    word = max(title.split(), key=len).strip(".,:;'\"").lower()
    hits = store.list_events(query=word)
    assert "ev-1" in [e.id for e in hits]
    assert store.count_events(query=word) == len(hits)
    assert store.list_events(query="zzzz-no-such-word") == []
    assert store.count_events() == 2


def test_report_cache_is_dropped_when_the_event_grows(store):
    store.add_articles([_new(0, "ev-1")])
    store.save_report("ev-1", {"claims": [{"coverage": "consensus"}, {"coverage": "unique"}]})
    assert store.get_event("ev-1").coverage == {"consensus": 1, "partial": 0, "unique": 1, "conflict": 0}
    assert store.get_report("ev-1")["claims"][0]["coverage"] == "consensus"
    store.add_articles([_new(1, "ev-1", copy_of="a0")])
    assert store.get_report("ev-1") is None
    assert store.get_event("ev-1").n_reports == 2


def test_a_batch_is_one_transaction(store):
    store.add_articles([_new(0, "ev-1")])
    with pytest.raises(Exception):
        store.add_articles([_new(1, "ev-1"), _new(0, "ev-1")])  # a0 again: unique uri violated
    assert store.count_articles() == 1  # a1 was not half-written
    assert store.get_event("ev-1").n_reports == 1


def test_feed_state_and_problems(store):
    assert store.add_feeds(["http://x/feed", "http://y/rss", "http://x/feed"]) == 2
    assert store.add_feeds(["http://x/feed"]) == 0
    state = FeedState(url="http://x/feed", etag='"abc"', failures=2, last_error="timed out", next_attempt="2026-01-01T00:00:00Z")
    store.save_feed_state(state)
    got = {s.url: s for s in store.feed_states()}
    assert got["http://x/feed"] == state and got["http://y/rss"].failures == 0
    store.add_problem("bad.html", "extract", "empty file")
    assert [(p.uri, p.message) for p in store.problems()] == [("bad.html", "empty file")]


def test_iter_articles_pages_through_everything(store):
    store.add_articles([_new(i, "ev-1") for i in range(len(DEMO))])
    assert [a.id for a in store.iter_articles(batch=2)] == [f"a{i}" for i in range(len(DEMO))]


def test_migrations_create_exactly_the_declared_schema(store):
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    from rashomon.store.schema import metadata

    assert store.schema_revision() == "0004"
    with store.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), metadata)
    assert diff == []


def test_bad_locations_are_named(tmp_path):
    with pytest.raises(StoreError, match="does not exist"):
        Store.open(f"sqlite:///{tmp_path / 'no' / 'such' / 'x.db'}")
    with pytest.raises(StoreError, match="127.0.0.1"):
        Store.open("postgresql://nobody@127.0.0.1:1/none")
    with pytest.raises(StoreError, match=r"is a folder, not a database file"):
        Store.open(str(tmp_path))  # said "unable to open database file"


def test_a_bare_path_means_sqlite(tmp_path):
    s = Store.open(str(tmp_path / "plain.db"))
    assert s.backend == "sqlite" and (tmp_path / "plain.db").exists()


def test_a_folded_event_moves_its_reports_and_disappears(store):
    store.add_articles([_new(0, "ev-1"), _new(1, "ev-2")])
    store.save_report("ev-2", {"claims": []})
    store.add_articles([_new(2, "ev-2")], merges={"ev-1": "ev-2"})
    assert store.get_event("ev-1") is None
    assert [a.id for a in store.event_articles("ev-2")] == ["a0", "a1", "a2"]
    assert store.get_event("ev-2").n_reports == 3 and store.get_report("ev-2") is None


def test_an_old_store_is_migrated_and_keeps_its_reports(tmp_path):
    """A store made by revision 0001 opens with today's code: the cached report's counts are
    filled in by migration 0002."""
    from alembic import command
    from alembic.config import Config

    from rashomon.store.store import MIGRATIONS

    old = Store.open(f"sqlite:///{tmp_path / 'old.db'}", migrate=False)
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    with old.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0001")
        conn.exec_driver_sql("INSERT INTO events (id, n_reports, n_outlets, outlets, languages, search_text) VALUES ('ev-1', 0, 0, '[]', '[]', '')")
        conn.exec_driver_sql(
            "INSERT INTO reports (event_id, report, generated_at) VALUES ('ev-1', '{\"claims\": [{\"coverage\": \"conflict\"}]}', 'x')"
        )
    old.close()
    new = Store.open(f"sqlite:///{tmp_path / 'old.db'}")
    assert new.schema_revision() == "0004"
    assert new.get_event("ev-1").coverage == {"consensus": 0, "partial": 0, "unique": 0, "conflict": 1}


def _timed(i: int, event: str, when: str | None) -> NewArticle:
    """Report ``a{i}`` (text of a demo file), placed by the event clusterer at ``when``."""
    row = _new(i % len(DEMO), event, seen=when or "2026-01-01T10:00:00Z")
    row.id = row.article.id = f"a{i}"
    row.uri = f"{row.uri}#{i}"
    row.event_time = when
    return row


def test_representations_since_reads_only_events_that_can_still_take_a_report(store):
    """``events.last_dated`` is the latest event time of an event's reports (None when none
    has one); a window read takes the events in range plus, unless told not to, the undated."""
    store.add_articles([_timed(0, "ev-old", "2024-03-01T10:00:00Z"), _timed(1, "ev-old", "2024-03-02T10:00:00Z")])
    store.add_articles([_timed(2, "ev-new", "2026-06-01T10:00:00Z"), _timed(3, "ev-undated", None)])
    store.add_articles([_new(4, "ev-new", copy_of="a2", seen="2026-06-09T10:00:00Z")])  # a copy: no event time
    assert store.latest_event_time() == "2026-06-01T10:00:00Z"
    ids = lambda **w: {aid for aid, *_ in store.representations(**w)}  # noqa: E731
    assert ids() == {"a0", "a1", "a2", "a3", "a4"}
    assert ids(since="2026-05-01T00:00:00Z") == {"a2", "a3", "a4"}  # the whole event, its copy too
    assert ids(since="2024-03-02T10:00:00Z") == {"a0", "a1", "a2", "a3", "a4"}  # at the bound counts
    assert ids(since="2024-03-02T10:00:01Z") == {"a2", "a3", "a4"}
    assert ids(since="2024-01-01T00:00:00Z", before="2026-05-01T00:00:00Z", undated=False) == {"a0", "a1"}
    assert ids(before="2026-06-01T10:00:00Z", undated=False) == {"a0", "a1"}
    store.add_articles([_timed(5, "ev-old", "2026-06-02T10:00:00Z")])
    assert ids(since="2026-05-01T00:00:00Z") == {"a0", "a1", "a2", "a3", "a4", "a5"}  # the old event came back
    assert store.latest_event_time() == "2026-06-02T10:00:00Z"
    store.add_articles([_timed(6, "ev-new", None)], merges={"ev-old": "ev-new"})
    assert store.get_event("ev-old") is None
    assert ids(since="2026-06-02T10:00:00Z", undated=False) == {"a0", "a1", "a2", "a4", "a5", "a6"}


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_migration_0003_fills_event_times_from_stored_representations(backend, tmp_path, request):
    """A store made before event times were kept opens with today's code: each report's time
    is read from its stored representation, each event's latest one from its reports."""
    import sqlalchemy as sa
    from alembic import command
    from alembic.config import Config

    from rashomon.events import EventClusterer, EventSettings
    from rashomon.store.store import MIGRATIONS

    url = f"sqlite:///{tmp_path / 'old.db'}" if backend == "sqlite" else request.getfixturevalue("postgres_url")
    clusterer = EventClusterer(EventSettings(encoder="none"))
    dated, undated = clusterer.represent([{"text": "Dam fails", "published": "2024-03-01T10:30:00Z"}, {"text": "Dam fails again"}])
    old = Store.open(url, migrate=False)
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    with old.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0002")
        for eid in ("ev-1", "ev-2", "ev-3"):
            conn.exec_driver_sql(
                f"INSERT INTO events (id, n_reports, n_outlets, outlets, languages, search_text) VALUES ('{eid}', 0, 0, '[]', '[]', '')"
            )
        cols = ("id", "uri", "content_hash", "event_id", "representation", "article", "ingested_at")
        table = sa.table("articles", *(sa.column(c) for c in cols))
        rows = [("a1", "ev-1", dated.to_bytes()), ("a2", "ev-2", undated.to_bytes()), ("a3", "ev-3", b"not a vector"), ("a4", "ev-1", None)]
        conn.execute(sa.insert(table), [dict(zip(cols, (aid, aid, "h", eid, blob, "{}", "x"))) for aid, eid, blob in rows])
    old.close()
    with Store.open(url) as new:
        assert new.schema_revision() == "0004"
        with new.engine.connect() as conn:
            times = dict(conn.exec_driver_sql("SELECT id, event_time FROM articles").all())
            last = dict(conn.exec_driver_sql("SELECT id, last_dated FROM events").all())
        assert times == {"a1": "2024-03-01T10:30:00Z", "a2": None, "a3": None, "a4": None}
        assert last == {"ev-1": "2024-03-01T10:30:00Z", "ev-2": None, "ev-3": None}
        assert new.latest_event_time() == "2024-03-01T10:30:00Z"
        df = {}
        for vector in (dated, undated):
            for k in EventClusterer.counted_keys(vector):
                df[k] = df.get(k, 0) + 1
        assert new.term_frequencies() == (2, df)


def test_document_frequencies_are_kept_with_the_reports(store):
    """Each stored original's keys are counted in the same transaction; copies are not."""
    assert store.term_frequencies() == (0, {})
    first, second = _timed(0, "ev-1", "2026-06-01T10:00:00Z"), _timed(1, "ev-1", "2026-06-01T11:00:00Z")
    first.terms, second.terms = [7, 8, 2**32 - 1], [8, 9]
    store.add_articles([first, second])
    copy = _new(4, "ev-1", copy_of="a0")
    copy.representation = None
    copy.terms = [7]
    store.add_articles([copy])
    assert store.term_frequencies() == (2, {7: 1, 8: 2, 9: 1, 2**32 - 1: 1})
    third = _timed(2, "ev-2", None)
    third.terms = [9, 9, 10]
    store.add_articles([third])
    assert store.term_frequencies() == (3, {7: 1, 8: 2, 9: 3, 10: 1, 2**32 - 1: 1})
    with pytest.raises(Exception):
        bad = _timed(3, "ev-2", None)
        bad.terms = [11]
        store.add_articles([bad, _timed(0, "ev-2", None)])  # a0 again: the batch fails whole
    assert store.term_frequencies()[0] == 3


def _signed(i: int, text: str, *, copy_of: str | None = None) -> NewArticle:
    """Report ``a{i}`` with ``text``'s content hash and MinHash signature, as ingest stores it."""
    from rashomon import syndication

    row = _new(i % len(DEMO), "ev-1", copy_of=copy_of)
    row.id = row.article.id = f"a{i}"
    row.uri = f"{row.uri}#{i}"
    row.content_hash = syndication.content_hash(text)
    row.fingerprint = syndication.to_bytes(*syndication.fingerprint(text))
    return row


_LONG = " ".join(f"word{i}" for i in range(60))


def test_copy_candidates_are_found_by_hash_or_band_through_indexes(store):
    """Each stored signature's band keys are written with the report; a look-up returns the
    reports sharing a hash or a band, originals before copies, and nothing else."""
    from rashomon import syndication

    near = _LONG.replace("word59", "changed")
    store.add_articles([_signed(0, _LONG), _signed(1, "too short to index"), _signed(2, "unrelated " + _LONG[::-1])])
    store.add_articles([_signed(3, near, copy_of="a0")])
    with pytest.raises(Exception):  # a failed batch leaves no band keys behind
        store.add_articles([_signed(4, _LONG + " more"), _signed(0, _LONG)])
    sig, _ = syndication.fingerprint(_LONG)
    by_band = store.copy_candidates([], syndication.band_keys(sig))
    assert [(r[0], r[3]) for r in by_band] == [("a0", None), ("a3", "a0")]
    assert by_band[0][2] == syndication.to_bytes(*syndication.fingerprint(_LONG))
    assert [r[0] for r in store.copy_candidates([syndication.content_hash("Too  SHORT to index")], [])] == ["a1"]
    assert store.copy_candidates([syndication.content_hash("nothing stored")], [b"\x00nothing"]) == []
    with store.engine.connect() as conn:
        indexed = sorted(conn.exec_driver_sql("SELECT DISTINCT article_id FROM copy_bands").scalars())
    assert indexed == ["a0", "a2", "a3"]  # not the short one, nothing of the failed batch


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_migration_0004_indexes_every_stored_signature(backend, tmp_path, request):
    """A store made before the copy index opens with today's code: the band keys of every
    stored signature are written, exactly as ingest writes them."""
    import sqlalchemy as sa
    from alembic import command
    from alembic.config import Config

    from rashomon import syndication
    from rashomon.store.store import MIGRATIONS

    url = f"sqlite:///{tmp_path / 'old.db'}" if backend == "sqlite" else request.getfixturevalue("postgres_url")
    texts = {f"a{i}": " ".join(f"w{(i * 7 + j) % 97}" for j in range(30 + i)) for i in range(1, 1200, 47)}
    blobs = {aid: syndication.to_bytes(*syndication.fingerprint(t)) for aid, t in texts.items()}
    blobs.update({"short": syndication.to_bytes(*syndication.fingerprint("a few words")), "junk": b"\x00\x01", "none": None})
    old = Store.open(url, migrate=False)
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    with old.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0003")
        cols = ("id", "uri", "content_hash", "fingerprint", "article", "ingested_at")
        table = sa.table("articles", *(sa.column(c) for c in cols))
        conn.execute(sa.insert(table), [dict(zip(cols, (aid, aid, "h", blob, "{}", "x"))) for aid, blob in blobs.items()])
    old.close()
    with Store.open(url) as new:
        assert new.schema_revision() == "0004"
        with new.engine.connect() as conn:
            got = sorted((bytes(k), a) for k, a in conn.exec_driver_sql("SELECT key, article_id FROM copy_bands"))
    expected = sorted((k, aid) for aid, blob in blobs.items() for k in syndication.stored_band_keys(blob))
    assert got == expected and len(expected) == syndication.BANDS * len(texts)


def test_a_store_that_refuses_writes_raises_store_error_naming_it(tmp_path):
    path = tmp_path / "news.db"
    Store.open(str(path)).close()
    with Store.open(f"sqlite:///file:{path}?mode=ro&uri=true") as read_only:  # an absolute URI filename opens
        assert read_only.count_articles() == 0  # reading works
        with pytest.raises(StoreError, match=r"news\.db.*: cannot write to the store \(attempt to write a readonly database\)$"):
            read_only.add_problem("page.html", "read:empty", "empty file")


def test_a_damaged_stored_report_is_named_and_can_be_skipped(tmp_path):
    import sqlite3

    from rashomon.store import StoredRowError

    path = tmp_path / "news.db"
    with Store.open(str(path)) as store:
        store.add_articles([_new(0, "ev-1"), _new(1, "ev-1", seen="2026-01-0{}T11:00:00Z")])
    with sqlite3.connect(path) as db:  # a record cut short (or written in a shape this version lacks)
        db.execute("UPDATE articles SET article = '{\"paragraphs\": [{\"bogus\": 1}]}' WHERE id = 'a1'")
    with Store.open(str(path)) as store:
        with pytest.raises(StoredRowError, match=rf"stored report a1 \({DEMO[1]}\) cannot be read \(TypeError"):
            store.event_articles("ev-1")
        skipped = []
        assert [a.id for a in store.iter_articles(skip=skipped.append)] == ["a0"]
        assert [e.article_id for e in skipped] == ["a1"]
        assert store.event_article_ids("ev-1") == ["a0", "a1"]


def test_a_search_of_thousands_of_words_is_answered_not_an_error(store):
    store.add_articles([_new(0, "ev-1")])
    title = store.get_event("ev-1").title
    pasted = " ".join([*title.split(), *(f"w{i}" for i in range(3000))])  # SQLite: expression tree too large
    assert store.count_events(title) == 1
    assert store.list_events(pasted) == [] and store.count_events(pasted) == 0
