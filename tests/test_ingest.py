"""`rashomon ingest` end to end: store, copies, events, feeds, resume, both databases."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from feedserver import FeedServer, feed_server  # noqa: F401  (the fixture)

from rashomon.ingest.fetch import Fetcher
from rashomon.ingest.pipeline import Ingestor, ingest_feeds, ingest_paths
from rashomon.store import Store

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "src" / "rashomon" / "examples" / "demo"
SEEDS = ROOT.parent / "shared" / "seeds"


def _two_events(tmp_path: Path) -> Path:
    """The demo dam event and the seeds' phone call, plus a wire copy of one demo report."""
    folder = tmp_path / "in"
    shutil.copytree(DEMO, folder / "dam")
    if SEEDS.exists():
        shutil.copytree(SEEDS, folder / "call")
    first = sorted((folder / "dam").glob("*.txt"))[0]
    (folder / "dam" / "zz-wire-copy.txt").write_text("Republished from the wire\n\n" + first.read_text(encoding="utf-8"), encoding="utf-8")
    return folder


def _grouping(store: Store) -> set[frozenset[str]]:
    """Events as sets of input file names: comparable across stores and backends."""
    out = set()
    for e in store.list_events(limit=1000):
        out.add(frozenset(Path(a.uri).name for a in store.event_articles(e.id)))
    return out


@pytest.fixture
def sqlite_store(tmp_path):
    s = Store.open(f"sqlite:///{tmp_path / 'news.db'}")
    yield s
    s.close()


def test_folder_ingest_groups_events_links_copies_and_is_idempotent(tmp_path, sqlite_store):
    folder = _two_events(tmp_path)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "junk.html").write_bytes(b"\x00\x01\x02PK\x03\x04" * 40)
    first = ingest_paths(sqlite_store, [folder])
    n_reports = len(list(DEMO.iterdir())) + 1 + (len(list(SEEDS.iterdir())) if SEEDS.exists() else 0)
    assert first.stored == n_reports
    assert first.copies == 1
    assert {Path(p.uri).name for p in first.problems} == {"empty.txt", "junk.html"}
    assert {p.uri.rsplit("/", 1)[-1] for p in sqlite_store.problems()} == {"empty.txt", "junk.html"}

    groups = _grouping(sqlite_store)
    dam = {p.name for p in (folder / "dam").iterdir()}
    assert frozenset(dam) in groups  # the five reports and the copy: one event
    if SEEDS.exists():
        assert frozenset(p.name for p in SEEDS.iterdir()) in groups
        assert len(groups) == 2

    copy = next(a for a in sqlite_store.iter_articles() if a.uri.endswith("zz-wire-copy.txt"))
    original = sqlite_store.get_article(copy.duplicate_of)
    assert original is not None and original.uri.endswith(sorted(p.name for p in (folder / "dam").glob("*.txt"))[0])
    assert original.event_id == copy.event_id

    again = ingest_paths(sqlite_store, [folder])
    assert again.stored == 0 and again.already_stored == n_reports
    assert sqlite_store.count_articles() == n_reports


def test_stored_event_report_counts_a_copy_once(tmp_path, sqlite_store):
    from rashomon.analyze import analyze_event

    folder = tmp_path / "dam"
    shutil.copytree(DEMO, folder)
    first = sorted(folder.glob("*.txt"))[0]
    (folder / "zz-copy.txt").write_text("From the wire\n\n" + first.read_text(encoding="utf-8"), encoding="utf-8")
    ingest_paths(sqlite_store, [folder])
    [event] = sqlite_store.list_events()
    report = analyze_event(sqlite_store, event.id)
    import re

    copies = [s for s in report["sources"] if s["copy_of"]]
    assert len(copies) == 1
    copy_path = next(a.uri for a in sqlite_store.event_articles(event.id) if a.id == copies[0]["id"])
    assert copy_path.endswith("zz-copy.txt")
    assert report["event"]["id"] == event.id
    for claim in report["claims"]:
        assert claim["independent"] <= len(report["sources"]) - 1
    for sentence in report["summary"]:  # "N of M sources" counts independent sources only
        for n, m in re.findall(r"\((\d+) of (\d+) sources\)", sentence["text"]):
            assert int(m) == len(report["sources"]) - 1 and int(n) <= int(m)
    assert sqlite_store.get_report(event.id) == report  # cached
    assert sqlite_store.get_event(event.id).coverage is not None


def test_sqlite_and_postgresql_give_the_same_events(tmp_path, sqlite_store, postgres_url):
    folder = _two_events(tmp_path)
    ingest_paths(sqlite_store, [folder])
    with Store.open(postgres_url) as pg:
        ingest_paths(pg, [folder])
        assert pg.backend == "postgresql"
        assert _grouping(pg) == _grouping(sqlite_store)
        assert [e.id for e in pg.list_events()] == [e.id for e in sqlite_store.list_events()]
        assert [(a.id, a.duplicate_of) for a in pg.iter_articles()] == [(a.id, a.duplicate_of) for a in sqlite_store.iter_articles()]


def test_restart_rebuilds_the_indexes_from_the_store(tmp_path, sqlite_store):
    """A report arriving in a later run joins the event stored by an earlier one, and a copy
    of a stored report is recognised without re-reading any text."""
    folder = tmp_path / "dam"
    shutil.copytree(DEMO, folder)
    later = sorted(folder.glob("*.html"))[-1]
    held_back = tmp_path / later.name
    later.rename(held_back)
    copy = tmp_path / "copy.txt"
    copy.write_text("Via the wire\n\n" + sorted(folder.glob("*.txt"))[0].read_text(encoding="utf-8"), encoding="utf-8")
    ingest_paths(sqlite_store, [folder])
    assert sqlite_store.count_events() == 1
    second = ingest_paths(sqlite_store, [held_back, copy])
    assert second.stored == 2 and second.copies == 1 and second.new_events == 0
    assert sqlite_store.count_events() == 1


def test_feeds_down_slow_malformed_and_one_story_under_two_urls(feed_server, sqlite_store):  # noqa: F811
    feeds = [
        feed_server.url("/feeds/syndicated.xml"),
        feed_server.url("/feeds/down.xml"),
        feed_server.url("/feeds/slow.xml"),
        feed_server.url("/feeds/malformed.xml"),
        FeedServer.refused_url(),
    ]
    sqlite_store.add_feeds(feeds)
    with Fetcher(min_delay=0, timeout=0.5, trust_env=False) as fetcher:
        summary = ingest_feeds(sqlite_store, fetcher=fetcher)
    stored = {a.url: a for a in sqlite_store.iter_articles()}
    story, amp = feed_server.url("/a/story"), feed_server.url("/amp/story")
    assert set(stored) == {story, amp}
    assert sum(1 for a in stored.values() if a.duplicate_of) == 1  # the same story twice: one copy
    assert stored[story].event_id == stored[amp].event_id
    failed = {p.uri for p in summary.problems}
    assert {feeds[1], feeds[2], feeds[3], feeds[4]} <= failed
    states = {s.url: s for s in sqlite_store.feed_states()}
    assert states[feeds[0]].failures == 0 and states[feeds[0]].last_ok
    for url in feeds[1:]:
        assert states[url].failures == 1 and states[url].last_error and states[url].next_attempt

    # a second poll: failing feeds are backing off, the good one's stories are not fetched again
    feed_server.clear()
    with Fetcher(min_delay=0, timeout=0.5, trust_env=False) as fetcher:
        again = ingest_feeds(sqlite_store, fetcher=fetcher)
    assert again.stored == 0
    assert feed_server.count("/a/story") == 0 and feed_server.count("/amp/story") == 0
    assert feed_server.count("/feeds/down.xml") == 0  # not due yet


def test_a_killed_ingest_resumes_without_loss_or_duplicates(tmp_path):
    folder = tmp_path / "many"
    folder.mkdir()
    texts = [p.read_text(encoding="utf-8") for p in sorted(DEMO.glob("*.txt"))]
    n = 90
    for i in range(n):
        (folder / f"r{i:03d}.txt").write_text(f"Update {i}: the council met again on day {i} of the repairs.\n\n" + texts[i % len(texts)].replace("1,200", f"{1000 + i}"), encoding="utf-8")
    db = tmp_path / "resume.db"
    cmd = [sys.executable, "-m", "rashomon.cli", "ingest", str(folder), "--db", str(db), "--batch-size", "2", "-q"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    stored_before_kill = 0
    deadline = time.time() + 120
    try:
        while time.time() < deadline and proc.poll() is None:
            if db.exists():
                with Store.open(str(db), migrate=False) as probe:
                    try:
                        stored_before_kill = probe.count_articles()
                    except Exception:
                        stored_before_kill = 0
                if stored_before_kill >= 4:
                    break
            time.sleep(0.05)
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.wait(timeout=30)
    with Store.open(str(db)) as store:
        kept = store.count_articles()
        assert 4 <= kept < n, "the run was not killed mid-way"
        summary = Ingestor(store).run(__import__("rashomon.ingest.local", fromlist=["read_inputs"]).read_inputs([str(folder)]))
        assert summary.already_stored == kept
        assert store.count_articles() == n
        assert len({a.uri for a in store.iter_articles()}) == n


def test_jsonl_rows_with_text_or_html_and_a_bad_row(tmp_path, sqlite_store):
    import json

    texts = [p.read_text(encoding="utf-8") for p in sorted(DEMO.glob("*.txt"))]
    html = next(DEMO.glob("*.html")).read_text(encoding="utf-8")
    rows = [
        json.dumps({"id": "t1", "text": texts[0], "published": "2026-06-09T10:00:00Z", "outlet": "Wire A"}),
        "{not json",
        json.dumps({"id": "h1", "html": html, "url": "https://example.org/dam"}),
        json.dumps({"id": "t2", "text": texts[1], "title": "Spillway fails"}),
    ]
    path = tmp_path / "rows.jsonl"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    summary = ingest_paths(sqlite_store, [path])
    assert summary.stored == 3
    assert [p.uri for p in summary.problems] == [f"{path}:2"]
    stored = {a.uri: a for a in sqlite_store.iter_articles()}
    assert stored[f"{path}:1"].article.outlet == "Wire A"
    assert stored[f"{path}:1"].published.startswith("2026-06-09")
    assert stored[f"{path}:3"].url == "https://example.org/dam"
    assert sqlite_store.count_events() == 1


def test_jsonl_publication_times_are_stored_in_iso_and_set_the_event_clock(tmp_path, sqlite_store):
    """A row's ``published`` as a feed or a mail header writes it is stored as ISO 8601 and
    places the report in time; one that cannot be read (day or month first?) is kept as
    written, and the report is placed by its fetch time, not by the time of the run."""
    import json

    rows = [
        {"id": "r1", "text": "The dam spillway failed overnight and the valley towns were evacuated.", "published": "Tue, 10 Dec 2023 16:15:00 GMT"},
        {"id": "r2", "text": "Engineers inspected the bridge over the river and closed it to lorries.", "published": "10/12/2023",
         "fetched_at": "2023-12-11T08:00:00Z"},
    ]
    path = tmp_path / "rows.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    summary = ingest_paths(sqlite_store, [path])
    assert summary.stored == 2 and not summary.problems
    stored = {a.uri: a for a in sqlite_store.iter_articles()}
    first, second = stored[f"{path}:1"], stored[f"{path}:2"]
    assert (first.published, first.seen) == ("2023-12-10T16:15:00Z", "2023-12-10T16:15:00Z")
    assert (second.published, second.seen) == ("10/12/2023", "2023-12-11T08:00:00Z")
    assert sqlite_store.latest_event_time() == "2023-12-10T16:15:00Z"


class _FoldingClusterer:
    """Opens an event per report, then folds the first event into the third report's."""

    def __init__(self):
        self.merged: dict[str, str] = {}
        self.n = 0

    def restore(self, items, *, older=False, counted=False):
        list(items)

    def represent(self, docs):
        class V:
            def to_bytes(self):
                return b"v"

        return [V() for _ in docs]

    def place(self, doc_id, vector, when=None):
        self.n += 1
        if self.n == 3:
            self.merged["e1"] = "e2"
            return "e2"
        return f"e{self.n}"


def test_events_the_clusterer_folds_are_relabelled_in_the_store(tmp_path, sqlite_store):
    folder = tmp_path / "three"
    folder.mkdir()
    for i, p in enumerate(sorted(DEMO.glob("*.txt"))[:3]):
        shutil.copy(p, folder / f"{i}.txt")
    summary = Ingestor(sqlite_store, batch_size=2, clusterer=_FoldingClusterer()).run(
        __import__("rashomon.ingest.local", fromlist=["read_inputs"]).read_inputs([str(folder)])
    )
    assert summary.events_merged == 1
    [event] = sqlite_store.list_events()
    assert event.n_reports == 3


def test_a_warc_archive_is_ingested_with_its_urls(tmp_path, sqlite_store):
    import io

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    archive = tmp_path / "crawl.warc.gz"
    pages = sorted(DEMO.glob("*.html"))
    with open(archive, "wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for i, page in enumerate(pages):
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            record = writer.create_warc_record(f"https://news{i}.example/dam", "response", payload=io.BytesIO(page.read_bytes()), http_headers=headers)
            writer.write_record(record)
    summary = ingest_paths(sqlite_store, [archive])
    assert summary.stored == len(pages) and not summary.problems
    assert {a.url for a in sqlite_store.iter_articles()} == {f"https://news{i}.example/dam" for i in range(len(pages))}
    assert ingest_paths(sqlite_store, [archive]).already_stored == len(pages)


# ------------------------------------------------------------ start-up reads only what can still matter

QUAKE = [
    "A 6.1 magnitude earthquake struck Qeshm island off southern Iran on Sunday, killing 10 people and injuring dozens, officials said.",
    "Ten people were killed when a magnitude 6.1 earthquake hit Iran's Qeshm island on Sunday, state media said, with dozens hurt.",
]
REHAB_LATER = "Lindsay Lohan left the Betty Ford Center in Rancho Mirage on Friday, her stay over, according to lawyer Shawn Holley."
QUAKE_AGAIN = "The magnitude 6.1 earthquake on Qeshm island in southern Iran killed 10 people on Sunday and injured dozens, Iranian officials said."
LOHAN = [
    "Lindsay Lohan checked into the Betty Ford Center on Thursday to begin a 90-day court-ordered stay, her lawyer Shawn Holley said.",
    "Lohan has entered the Betty Ford Center in Rancho Mirage for her 90-day court-mandated rehab, lawyer Shawn Holley confirmed.",
]


def _rows_file(path: Path, rows: list[tuple[str, str, str | None]]) -> Path:
    """A JSONL file of (title, text, published) rows."""
    import json

    with open(path, "w", encoding="utf-8") as fh:
        for title, text, published in rows:
            fh.write(json.dumps({"id": title, "title": title, "text": text, **({"published": published} if published else {})}) + "\n")
    return path


def _titled_grouping(store: Store) -> set[frozenset[str]]:
    return {frozenset(a.article.title for a in store.event_articles(e.id)) for e in store.list_events(limit=1000)}


def _plain_ingestor(store: Store, **options) -> Ingestor:
    from rashomon.events import EventClusterer, EventSettings

    return Ingestor(store, clusterer=EventClusterer(EventSettings(encoder="none")), **options)


def _ingest(ingestor: Ingestor, path: Path):
    from rashomon.ingest.local import read_inputs

    return ingestor.run(read_inputs([str(path)]))


#: a quake in March 2024, a rehab stay in June 2026 (far outside the 30-day window of each other)
HISTORY = [
    ("quake-1", QUAKE[0], "2024-03-03T09:00:00Z"),
    ("quake-2", QUAKE[1], "2024-03-03T11:00:00Z"),
    ("rehab-1", LOHAN[0], "2026-06-04T09:00:00Z"),
    ("rehab-2", LOHAN[1], "2026-06-04T12:00:00Z"),
]


@pytest.fixture(params=["sqlite", "postgresql"])
def any_store(request, tmp_path):
    url = f"sqlite:///{tmp_path / 'restart.db'}" if request.param == "sqlite" else request.getfixturevalue("postgres_url")
    s = Store.open(url)
    yield s
    s.close()


@pytest.mark.parametrize(
    "later",
    [
        pytest.param(("quake-3", QUAKE_AGAIN, "2026-06-05T09:00:00Z"), id="same-topic-two-years-on"),
        pytest.param(("quake-3", QUAKE_AGAIN, "2024-03-04T09:00:00Z"), id="back-dated-report"),
        pytest.param(("quake-3", QUAKE_AGAIN, None), id="undated-report"),
    ],
)
def test_a_restart_reads_only_recent_events_and_places_like_an_uninterrupted_run(tmp_path, any_store, later):
    """Start-up restores only the events that can still take a report; a later report is
    placed exactly as one run that never stopped would place it: on the old topic two years
    on it opens a new event (the old one is out of the window), back-dated to the old event's
    days it joins it (read on demand), undated it may join any event (the rest is read)."""
    history = _rows_file(tmp_path / "history.jsonl", HISTORY)
    more = _rows_file(tmp_path / "later.jsonl", [later])

    with Store.open(f"sqlite:///{tmp_path / 'one-run.db'}") as one_run:  # the reference: no restart
        _ingest(_plain_ingestor(one_run), _rows_file(tmp_path / "all.jsonl", [*HISTORY, later]))
        expected = _titled_grouping(one_run)

    _ingest(_plain_ingestor(any_store), history)
    assert _titled_grouping(any_store) == {frozenset({"quake-1", "quake-2"}), frozenset({"rehab-1", "rehab-2"})}
    restarted = _plain_ingestor(any_store)
    held = {any_store.get_article(a).article.title for a in restarted.clusterer.assignments}
    assert held == {"rehab-1", "rehab-2"}  # the 2024 quake cannot take a report from June 2026 on
    summary = _ingest(restarted, more)
    assert summary.stored == 1
    assert _titled_grouping(any_store) == expected
    quake = next(g for g in expected if "quake-3" in g)
    assert quake == ({"quake-3"} if later[2] == "2026-06-05T09:00:00Z" else {"quake-1", "quake-2", "quake-3"})
    everything = _plain_ingestor(any_store, restore_all=True)
    assert len(everything.clusterer.assignments) == 5
    # words weigh as after reading everything: the store keeps the document frequencies
    assert restarted.clusterer._n == everything.clusterer._n == 5
    assert restarted.clusterer._df == everything.clusterer._df
    assert any_store.term_frequencies() == (5, {k: n for k, n in everything.clusterer._df.items() if n})


def test_an_event_with_no_dated_report_is_always_restored(tmp_path, any_store):
    """The window never closes on an event none of whose reports has a time: it is restored
    however old the store's dated events are."""
    _ingest(_plain_ingestor(any_store), _rows_file(tmp_path / "a.jsonl", [("quake-undated", QUAKE[0], None), *HISTORY[2:]]))
    _ingest(_plain_ingestor(any_store), _rows_file(tmp_path / "b.jsonl", [("rehab-3", REHAB_LATER, "2027-01-04T09:00:00Z")]))
    restarted = _plain_ingestor(any_store)
    held = {any_store.get_article(a).article.title for a in restarted.clusterer.assignments}
    assert held == {"quake-undated", "rehab-3"}
    _ingest(restarted, _rows_file(tmp_path / "c.jsonl", [("quake-3", QUAKE_AGAIN, "2027-01-05T09:00:00Z")]))
    assert frozenset({"quake-undated", "quake-3"}) in _titled_grouping(any_store)


def test_jsonl_text_of_control_characters_is_skipped_and_a_lone_surrogate_is_not_fatal(tmp_path, sqlite_store):
    import json

    texts = [p.read_text(encoding="utf-8") for p in sorted(DEMO.glob("*.txt"))]
    rows = [
        json.dumps({"id": "junk", "text": "\x00\x01\x02 " * 50}),  # passed the UTF-16 sniff and was stored
        json.dumps({"id": "t1", "text": texts[0] + " \ud800"}),  # a broken producer's lone surrogate
    ]
    path = tmp_path / "rows.jsonl"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    summary = ingest_paths(sqlite_store, [path])
    assert [(p.uri, p.problem) for p in summary.problems] == [(f"{path}:1", "binary data, not text (control characters throughout)")]
    assert [a.uri for a in sqlite_store.iter_articles()] == [f"{path}:2"]


def test_a_file_name_that_is_not_utf8_is_stored_and_resumed_not_a_crash(tmp_path, sqlite_store):
    folder = tmp_path / "saved"
    folder.mkdir()
    first = sorted(DEMO.glob("*.txt"))[0]
    (Path(os.fsdecode(bytes(folder) + b"/caf\xe9.txt"))).write_bytes(first.read_bytes())  # a latin-1 name
    (Path(os.fsdecode(bytes(folder) + b"/vide\xff.txt"))).write_bytes(b"")
    summary = ingest_paths(sqlite_store, [folder])  # UnicodeEncodeError from the store, twice, before
    assert summary.stored == 1 and [p.uri for p in summary.problems] == [f"{folder}/vide\\xff.txt"]
    assert [a.uri for a in sqlite_store.iter_articles()] == [f"{folder}/caf\\xe9.txt"]
    assert ingest_paths(sqlite_store, [folder]).already_stored == 1


def test_a_store_that_cannot_cache_the_report_still_returns_it(tmp_path, sqlite_store, monkeypatch):
    from rashomon.analyze import AnalysisOptions, analyze_event
    from rashomon.store import StoreError

    folder = tmp_path / "dam"
    shutil.copytree(DEMO, folder)
    ingest_paths(sqlite_store, [folder])
    [event] = sqlite_store.list_events()

    def refuse(*_args, **_kwargs):
        raise StoreError(f"{sqlite_store.url}: cannot write to the store (attempt to write a readonly database)")

    monkeypatch.setattr(sqlite_store, "save_report", refuse)
    report = analyze_event(sqlite_store, event.id, options=AnalysisOptions(quotes=False, framing=False, headline_checks=False))
    assert report["claims"] and report["event"]["id"] == event.id
    assert any("not cached" in w for w in report["warnings"])
