"""Ingest readers: polite fetching, feeds, WARC archives, folders and JSONL, all offline.

Network tests talk only to the loopback server in ``feedserver.py``.
"""

from __future__ import annotations

import gzip
import io
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from feedserver import (
    ATOM_FEED,
    CONDITIONAL_ETAG,
    CONDITIONAL_LAST_MODIFIED,
    RDF_FEED,
    RSS_FEED,
    RSS_TYPE,
    STORY_HTML,
    FeedServer,
    feed_server,  # noqa: F401  (the fixture)
    rss,
)
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from rashomon.ingest.feeds import FeedEntry, FeedError, poll_feeds, read_feed
from rashomon.ingest.fetch import (
    BACKOFF_CAP_S,
    Fetcher,
    FetchResult,
    backoff_seconds,
    due,
    parse_iso,
    update_state,
)
from rashomon.ingest.local import IngestProblem, read_folder, read_inputs, read_jsonl, read_page
from rashomon.ingest.records import FeedState, RawDocument
from rashomon.ingest.warc import read_warc

NOW = datetime(2025, 1, 10, 12, 0, tzinfo=timezone.utc)


@pytest.fixture
def fetcher():
    with Fetcher(min_delay=0, timeout=0.5, trust_env=False) as client:
        yield client


def split(events):
    """(documents, problems, states, entries) from a reader's or poller's output."""
    events = list(events)
    pick = lambda kind: [e for e in events if isinstance(e, kind)]  # noqa: E731
    return pick(RawDocument), pick(IngestProblem), pick(FeedState), pick(FeedEntry)


# -- Fetcher ---------------------------------------------------------------------------------


def test_fetch_names_itself_and_reads_robots_once(feed_server, fetcher):
    first = fetcher.fetch(feed_server.url(FeedServer.STORY))
    second = fetcher.fetch(feed_server.url("/a/second"))
    assert first.ok and first.status == 200 and first.content == STORY_HTML.encode()
    assert first.content_type == "text/html" and first.final_url == feed_server.url(FeedServer.STORY)
    assert first.fetched_at.endswith("Z") and first.elapsed >= 0
    assert second.ok
    assert feed_server.count("/robots.txt") == 1
    assert feed_server.requests(FeedServer.STORY)[0].headers["user-agent"] == "rashomon/0.1 (+news comparison)"


def test_fetch_reports_server_errors_and_refused_connections(feed_server, fetcher):
    down = fetcher.fetch(feed_server.url(FeedServer.DOWN))
    assert (down.ok, down.status, down.kind, down.transient) == (False, 500, "down", True)
    assert "HTTP 500" in down.error and down.content is None
    refused = fetcher.fetch(FeedServer.refused_url())
    assert refused.kind == "down" and refused.status is None and refused.transient
    missing = fetcher.fetch(feed_server.url("/no/such/page"))
    assert missing.kind == "http" and missing.status == 404 and not missing.transient
    assert fetcher.fetch("ftp://example.org/feed").kind == "bad-url"


def test_slow_server_times_out_instead_of_hanging(feed_server, fetcher):
    started = time.monotonic()
    slow = fetcher.fetch(feed_server.url(FeedServer.SLOW))
    assert slow.kind == "slow" and slow.transient and "timed out" in slow.error
    assert time.monotonic() - started < 1.5  # the server answers only after 2 s


def test_robots_disallow_is_honoured_and_the_page_not_requested(feed_server, fetcher):
    result = fetcher.fetch(feed_server.url("/private/story"))
    assert (result.ok, result.kind) == (False, "robots")
    assert feed_server.count("/private/story") == 0
    assert Fetcher(respect_robots=False, min_delay=0, trust_env=False).fetch(feed_server.url("/private/story")).ok


def test_missing_robots_allows_everything(fetcher):
    with FeedServer(robots=None) as site:
        assert fetcher.fetch(site.url("/private/story")).ok
        assert site.statuses("/robots.txt") == [404]


def test_robots_server_error_means_wait_and_is_asked_once(fetcher):
    with FeedServer() as site:
        site.route("/robots.txt", "oops", status=503)
        first = fetcher.fetch(site.url(FeedServer.STORY))
        second = fetcher.fetch(site.url("/a/second"))
        assert first.kind == second.kind == "robots-unreachable" and first.transient
        assert site.count(FeedServer.STORY) == 0 and site.count("/robots.txt") == 1


def test_conditional_get_uses_etag_and_last_modified(feed_server, fetcher):
    url = feed_server.url(FeedServer.CONDITIONAL)
    fresh = fetcher.fetch(url, FeedState(url))
    assert fresh.status == 200 and fresh.headers["etag"] == CONDITIONAL_ETAG
    state = update_state(FeedState(url), fresh, now=NOW)
    assert (state.etag, state.last_modified) == (CONDITIONAL_ETAG, CONDITIONAL_LAST_MODIFIED)
    again = fetcher.fetch(url, state)
    assert again.ok and again.not_modified and again.content is None
    assert feed_server.requests(FeedServer.CONDITIONAL)[-1].headers["if-none-match"] == CONDITIONAL_ETAG
    by_date = fetcher.fetch(url, FeedState(url, last_modified=CONDITIONAL_LAST_MODIFIED))
    assert by_date.not_modified
    assert feed_server.statuses(FeedServer.CONDITIONAL) == [200, 304, 304]
    kept = update_state(state, again, now=NOW)
    assert (kept.etag, kept.last_modified, kept.failures) == (CONDITIONAL_ETAG, CONDITIONAL_LAST_MODIFIED, 0)


def test_body_over_the_limit_is_refused(feed_server):
    with Fetcher(min_delay=0, max_bytes=100, trust_env=False) as small:
        result = small.fetch(feed_server.url(FeedServer.STORY))
    assert result.kind == "too-large" and result.content is None and "too large" in result.error


def test_redirects_are_followed_but_limited(feed_server, fetcher):
    moved = fetcher.fetch(feed_server.url("/redirect/story"))
    assert moved.ok and moved.final_url == feed_server.url(FeedServer.STORY) and moved.url.endswith("/redirect/story")
    with Fetcher(min_delay=0, max_redirects=0, trust_env=False) as strict:
        assert strict.fetch(feed_server.url("/redirect/story")).kind == "redirects"


def test_requests_to_one_host_are_spaced(feed_server):
    with Fetcher(min_delay=0.25, trust_env=False) as polite:
        polite.fetch(feed_server.url(FeedServer.STORY))
        polite.fetch(feed_server.url("/a/second"))
    times = [h.at for h in feed_server.hits]  # robots.txt, story, second
    assert len(times) == 3
    assert all(b - a >= 0.24 for a, b in zip(times, times[1:]))


# -- feed state ------------------------------------------------------------------------------


def test_failures_back_off_exponentially_up_to_a_cap():
    state = FeedState("http://example.org/feed", etag='"old"')
    failed = FetchResult("http://example.org/feed", error="cannot connect", kind="down")
    waits = []
    for _ in range(10):
        state = update_state(state, failed, now=NOW)
        waits.append((parse_iso(state.next_attempt) - NOW).total_seconds())
    assert state.failures == 10 and state.last_error == "cannot connect" and state.etag == '"old"'
    assert waits[:3] == [300, 600, 1200] and waits[-1] == BACKOFF_CAP_S == backoff_seconds(50)
    assert not due(state, NOW) and due(state, NOW + timedelta(hours=7))
    ok = update_state(state, FetchResult(state.url, status=200, content=b"x", headers={"etag": '"new"'}), now=NOW)
    assert (ok.failures, ok.last_error, ok.next_attempt, ok.etag) == (0, None, None, '"new"')
    assert ok.last_ok == "2025-01-10T12:00:00Z" and due(ok, NOW)


def test_retry_after_and_parse_errors_count_as_failures():
    busy = FetchResult("u", status=429, error="HTTP 429", kind="http", headers={"retry-after": "3600"})
    assert busy.transient
    state = update_state(FeedState("u"), busy, now=NOW)
    assert parse_iso(state.next_attempt) == NOW + timedelta(hours=1)
    garbled = update_state(FeedState("u"), FetchResult("u", status=200, content=b"junk"), error="malformed feed", now=NOW)
    assert garbled.failures == 1 and garbled.last_error == "malformed feed"
    assert due(FeedState("u")) and due(FeedState("u", next_attempt="not a time"))


# -- read_feed -------------------------------------------------------------------------------


def test_rss_entries_have_absolute_links_and_utc_times():
    entries = read_feed(RSS_FEED.replace("{base}", "http://news.test").encode(), "http://news.test/feeds/rss.xml")
    assert [e.link for e in entries] == ["http://news.test/a/story", "http://news.test/a/second"]
    first = entries[0]
    assert first.published == "2025-01-06T09:00:00Z"  # +0100 in the feed
    assert (first.title, first.guid, first.feed_title) == ("Bridge reopens after repairs", "vt-1", "Valley Times")
    assert first.summary == "The old river bridge reopened on Monday."


def test_atom_and_rdf_feeds_parse():
    atom = read_feed(ATOM_FEED.replace("{base}", "http://news.test").encode(), "http://news.test/feeds/atom.xml")
    assert [e.link for e in atom] == ["http://news.test/amp/story", "http://news.test/a/third"]
    assert atom[1].published == "2025-01-08T10:15:00Z"  # only <updated>, at +02:00
    rdf = read_feed(RDF_FEED.replace("{base}", "http://news.test").encode(), "http://news.test/feeds/rdf.xml")
    assert [(e.link, e.published) for e in rdf] == [("http://news.test/a/second", "2025-01-07T08:30:00Z")]


@pytest.mark.parametrize(
    ("body", "why"),
    [
        (b"", "empty body"),
        (b"<!DOCTYPE html><html><body><p>Moved</p></body></html>", "HTML page"),
        (b'<?xml version="1.0"?><rss version="2.0"><channel><title>Broken</titl', "malformed feed"),
        (b"just some words", "malformed feed"),
    ],
)
def test_unusable_feed_bodies_raise_a_clear_error(body, why):
    with pytest.raises(FeedError, match=why) as caught:
        read_feed(body, "http://news.test/feed")
    assert caught.value.feed_url == "http://news.test/feed"


@pytest.mark.parametrize("declared", ["", ' encoding="utf-16"'])
@pytest.mark.parametrize("encoding, bom", [("utf-16-le", b"\xff\xfe"), ("utf-16-be", b"\xfe\xff")])
def test_a_utf16_feed_with_a_byte_order_mark_is_read(declared, encoding, bom):
    body = RSS_FEED.replace("{base}", "http://news.test").replace('<?xml version="1.0" encoding="utf-8"?>', f'<?xml version="1.0"{declared}?>')
    entries = read_feed(bom + body.encode(encoding), "http://news.test/feed")  # "malformed feed" without a declared encoding
    assert [e.link for e in entries] == ["http://news.test/a/story", "http://news.test/a/second"]


def test_an_empty_but_valid_feed_has_no_entries():
    assert read_feed(rss().replace("{base}", "http://news.test").encode(), "http://news.test/feed") == []


# -- poll_feeds ------------------------------------------------------------------------------


def test_poll_fetches_new_articles_with_entry_hints(feed_server, fetcher):
    feed = feed_server.url(FeedServer.RSS)
    docs, problems, states, _ = split(poll_feeds([FeedState(feed)], fetcher, now=NOW))
    assert problems == []
    assert [d.uri for d in docs] == [feed_server.url("/a/story"), feed_server.url("/a/second")]
    story = docs[0]
    assert (story.format, story.url, story.feed, story.content) == ("html", story.uri, feed, STORY_HTML.encode())
    assert (story.title, story.published) == ("Bridge reopens after repairs", "2025-01-06T09:00:00Z")
    assert story.meta["summary"] == "The old river bridge reopened on Monday." and story.fetched_at
    assert len(states) == 1 and states[0].failures == 0 and states[0].last_ok


def test_one_bad_feed_never_stops_the_others(feed_server, fetcher):
    bad = [FeedServer.DOWN, FeedServer.SLOW, FeedServer.MALFORMED, FeedServer.NOT_A_FEED, FeedServer.EMPTY, FeedServer.PRIVATE_FEED]
    feeds = [feed_server.url(p) for p in bad] + [FeedServer.refused_url(), feed_server.url(FeedServer.ATOM)]
    docs, problems, states, _ = split(poll_feeds([FeedState(u) for u in feeds], fetcher, now=NOW))
    kinds = {p.source: p.kind for p in problems}
    assert [kinds[u] for u in feeds[:-1]] == ["down", "slow", "malformed", "malformed", "malformed", "robots", "down"]
    assert "HTML page" in next(p.problem for p in problems if p.source == feeds[3])
    assert [s.url for s in states] == feeds
    assert all(s.failures == 1 and s.next_attempt and s.last_error for s in states[:-1])
    assert states[-1].failures == 0
    assert [d.uri for d in docs] == [feed_server.url("/amp/story"), feed_server.url("/a/third")]


def test_known_articles_are_not_fetched_again(feed_server, fetcher):
    story = feed_server.url(FeedServer.STORY)
    docs, _, _, _ = split(poll_feeds([FeedState(feed_server.url(FeedServer.RSS))], fetcher, known_urls={story}.__contains__))
    assert [d.uri for d in docs] == [feed_server.url("/a/second")]
    assert feed_server.count(FeedServer.STORY) == 0


def test_one_article_under_two_urls_arrives_twice_for_dedup(feed_server, fetcher):
    feeds = [FeedState(feed_server.url(FeedServer.SYNDICATED)), FeedState(feed_server.url(FeedServer.RSS))]
    docs, problems, _, _ = split(poll_feeds(feeds, fetcher))
    assert problems == []
    by_uri = {d.uri: d for d in docs}
    assert by_uri[feed_server.url("/a/story")].content == by_uri[feed_server.url("/amp/story")].content
    # the RSS feed lists /a/story again: fetched once per run all the same
    assert feed_server.count(FeedServer.STORY) == 1 and len(docs) == 3


def test_unchanged_feed_costs_a_304_and_nothing_else(feed_server, fetcher):
    state = FeedState(feed_server.url(FeedServer.CONDITIONAL))
    docs, _, (state,), _ = split(poll_feeds([state], fetcher))
    assert len(docs) == 2 and state.etag == CONDITIONAL_ETAG
    feed_server.clear()
    docs, problems, (after,), _ = split(poll_feeds([state], fetcher))
    assert docs == [] and problems == [] and after.etag == CONDITIONAL_ETAG and after.failures == 0
    assert feed_server.statuses(FeedServer.CONDITIONAL) == [304]
    assert feed_server.count(FeedServer.STORY) == 0


def test_article_failures_are_reported_per_url(feed_server, fetcher):
    feed = feed_server.url(FeedServer.MIXED)
    docs, problems, (state,), _ = split(poll_feeds([FeedState(feed)], fetcher))
    assert [d.uri for d in docs] == [feed_server.url("/a/third")]
    assert [(p.source, p.kind, p.retry) for p in problems] == [
        (feed_server.url("/private/story"), "robots", False),
        (feed_server.url("/gone/story"), "http", False),
        (feed_server.url("/img/photo.jpg"), "not-article", False),
    ]
    assert all(p.feed == feed for p in problems) and state.failures == 0


def test_a_transient_article_failure_is_retried_next_run(feed_server, fetcher):
    feed_server.route("/feeds/flaky.xml", rss(("Storm closes port", "{base}/flaky/story")), content_type=RSS_TYPE, etag='"f1"')
    feed_server.route("/flaky/story", "busy", status=503)
    state = FeedState(feed_server.url("/feeds/flaky.xml"))
    docs, problems, (state,), _ = split(poll_feeds([state], fetcher))
    assert docs == [] and problems[0].retry and problems[0].kind == "down"
    assert state.etag is None  # held back, so the next run re-reads the feed instead of a 304
    feed_server.route("/flaky/story", STORY_HTML)
    docs, problems, (state,), _ = split(poll_feeds([state], fetcher))
    assert [d.uri for d in docs] == [feed_server.url("/flaky/story")] and problems == []
    assert state.etag == '"f1"'


def test_without_article_fetching_entries_are_yielded(feed_server, fetcher):
    _, _, _, entries = split(poll_feeds([FeedState(feed_server.url(FeedServer.RSS))], fetcher, fetch_articles=False))
    assert [e.link for e in entries] == [feed_server.url("/a/story"), feed_server.url("/a/second")]
    assert feed_server.count(FeedServer.STORY) == 0


def test_feeds_backing_off_are_not_polled(feed_server, fetcher):
    later = (datetime.now(timezone.utc) + timedelta(hours=1)).isoformat()
    events = list(poll_feeds([FeedState(feed_server.url(FeedServer.RSS), failures=2, next_attempt=later)], fetcher))
    assert events == [] and feed_server.hits == []


# -- WARC ------------------------------------------------------------------------------------


def _warc(path: Path, *, gzip_records: bool = True) -> list[str]:
    """A small crawl: two pages, a 404, an image, a request, a gzip+chunked page and a resource."""
    ids = []
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=gzip_records)

        def response(url, body, status="200 OK", ctype="text/html; charset=utf-8", extra=()):
            headers = StatusAndHeaders(status, [("Content-Type", ctype), *extra], protocol="HTTP/1.1")
            record = writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers,
                                               warc_headers_dict={"WARC-Date": "2025-01-06T09:30:00Z"})
            writer.write_record(record)
            return record.rec_headers.get_header("WARC-Record-ID")

        ids.append(response("http://news.test/a/story", STORY_HTML.encode()))
        response("http://news.test/gone", b"<html>not found</html>", status="404 Not Found")
        response("http://news.test/logo.png", b"\x89PNG....", ctype="image/png")
        writer.write_record(writer.create_warc_record("http://news.test/a/story", "request", payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n")))
        packed = gzip.compress(b"<html><body><p>Council votes</p></body></html>")
        chunked = b"%x\r\n%s\r\n0\r\n\r\n" % (len(packed), packed)
        ids.append(response("http://news.test/a/second", chunked,
                            extra=[("Content-Encoding", "gzip"), ("Transfer-Encoding", "chunked")]))
        resource = writer.create_warc_record("http://news.test/saved", "resource", payload=io.BytesIO(b"<html><p>Saved page</p></html>"),
                                             warc_content_type="text/html")
        writer.write_record(resource)
        ids.append(resource.rec_headers.get_header("WARC-Record-ID"))
    return ids


@pytest.mark.parametrize("gz", [True, False])
def test_warc_round_trip_keeps_html_pages_only(tmp_path, gz):
    path = tmp_path / ("crawl.warc.gz" if gz else "crawl.warc")
    ids = _warc(path, gzip_records=gz)
    docs, problems, _, _ = split(read_warc(path))
    assert problems == []
    assert [d.uri for d in docs] == [f"{path}#{i}" for i in ids]
    story, second, saved = docs
    assert (story.url, story.fetched_at, story.format, story.content) == ("http://news.test/a/story", "2025-01-06T09:30:00Z", "html", STORY_HTML.encode())
    assert second.content == b"<html><body><p>Council votes</p></body></html>"  # de-chunked and gunzipped
    assert saved.url == "http://news.test/saved" and saved.content == b"<html><p>Saved page</p></html>"


@pytest.mark.parametrize("gz", [True, False])
@pytest.mark.parametrize("lost", [12, 40, 120])  # in the last page's body, its headers, or between
def test_truncated_warc_yields_what_it_read_then_names_the_offset(tmp_path, gz, lost):
    whole = tmp_path / "whole.warc"
    _warc(whole, gzip_records=gz)
    data = whole.read_bytes()
    cut = tmp_path / ("cut.warc.gz" if gz else "cut.warc")
    cut.write_bytes(data[: len(data) - lost])
    docs, problems, _, _ = split(read_warc(cut))
    assert [d.url for d in docs] == ["http://news.test/a/story", "http://news.test/a/second"]
    (problem,) = problems
    assert problem.kind == "truncated" and str(cut) in problem.problem and "byte offset" in problem.problem
    offset = int(problem.source.rsplit("@", 1)[1])
    assert 0 < offset < len(data)


def test_junk_named_warc_is_a_problem_not_a_crash(tmp_path):
    junk = tmp_path / "notes.warc"
    junk.write_text("these are my notes, not an archive\n")
    docs, problems, _, _ = split(read_warc(junk))
    assert docs == [] and problems[0].source == f"{junk}@0"
    assert split(read_warc(tmp_path / "absent.warc.gz"))[1][0].kind == "missing"


# -- folders, JSONL, dispatch ----------------------------------------------------------------


def _folder(root: Path) -> Path:
    (root / "2025" / "jan").mkdir(parents=True)
    (root / ".git").mkdir()
    (root / "b-story.html").write_text(STORY_HTML, encoding="utf-8")
    (root / "2025" / "jan" / "a-brief.txt").write_text("BRIDGE REOPENS\n\nThe bridge reopened on Monday.\n", encoding="utf-8")
    (root / "2025" / "page.xhtml").write_text("<html><body><p>Council</p></body></html>", encoding="utf-8")
    (root / ".hidden.html").write_text(STORY_HTML, encoding="utf-8")
    (root / ".git" / "index.html").write_text(STORY_HTML, encoding="utf-8")
    (root / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0")
    (root / "empty.htm").write_bytes(b"")
    (root / "scan.html").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    return root


def test_folder_reader_walks_sorted_and_reports_bad_files(tmp_path):
    root = _folder(tmp_path / "saved")
    docs, problems, _, _ = split(read_folder(root))
    assert [Path(d.uri).relative_to(root).as_posix() for d in docs] == ["2025/jan/a-brief.txt", "2025/page.xhtml", "b-story.html"]
    assert [d.format for d in docs] == ["text", "html", "html"]
    assert docs[2].content == STORY_HTML.encode() and docs[2].fetched_at.endswith("Z")
    assert [(Path(p.source).name, p.kind) for p in problems] == [("empty.htm", "empty"), ("scan.html", "binary")]


def test_folder_without_pages_and_missing_folder_are_problems(tmp_path):
    (tmp_path / "nothing").mkdir()
    assert [p.kind for p in read_folder(tmp_path / "nothing")] == ["empty"]
    assert [p.kind for p in read_folder(tmp_path / "nowhere")] == ["missing"]


JSONL_ROWS = [
    b'{"id": "vt-1", "url": "http://news.test/a/story", "html": "<p>Bridge</p>", "title": "Bridge", "published": "2025-01-06", "source": "Valley Times"}',
    b"this is not json",
    b"",
    b'["a", "list"]',
    b'{"id": "x", "title": "no body"}',
    b'{"text": "caf\xe9 not utf-8"}',
    b'{"text": "The council voted on Tuesday.", "outlet": "Gazette"}',
]


@pytest.mark.parametrize("name", ["rows.jsonl", "rows.jsonl.gz"])
def test_jsonl_rows_become_documents_and_bad_lines_are_named(tmp_path, name):
    path = tmp_path / name
    data = b"\n".join(JSONL_ROWS) + b"\n"
    path.write_bytes(gzip.compress(data) if name.endswith(".gz") else data)
    docs, problems, _, _ = split(read_jsonl(path))
    assert [d.uri for d in docs] == [f"{path}:1", f"{path}:7"]
    first, last = docs
    assert (first.format, first.url, first.title, first.published, first.outlet, first.meta) == (
        "html", "http://news.test/a/story", "Bridge", "2025-01-06", "Valley Times", {"id": "vt-1"})
    assert (last.format, last.content, last.outlet) == ("text", "The council voted on Tuesday.", "Gazette")
    assert [p.source.rsplit(":", 1)[1] for p in problems] == ["2", "4", "5", "6"]
    assert "not JSON" in problems[0].problem and "not an object" in problems[1].problem
    assert "no 'html' or 'text'" in problems[2].problem and "UTF-8" in problems[3].problem


def test_truncated_jsonl_gz_keeps_rows_read_before_the_damage(tmp_path):
    rows = b"".join(b'{"text": "Row %d of the wire feed."}\n' % i for i in range(200))
    packed = gzip.compress(rows)
    path = tmp_path / "wire.jsonl.gz"
    path.write_bytes(packed[: len(packed) // 2])
    docs, problems, _, _ = split(read_jsonl(path))
    assert problems[-1].kind == "truncated" and len(docs) < 200
    assert problems[-1].source == f"{path}:{len(docs) + 1}"


@pytest.mark.parametrize("name", ["rows.jsonl", "rows.jsonl.gz"])
def test_a_jsonl_row_over_the_limit_is_a_problem_and_reading_goes_on(tmp_path, monkeypatch, name):
    import rashomon.ingest.local as local

    monkeypatch.setattr(local, "MAX_ROW_BYTES", 200, raising=False)
    fits = b'{"text": "%s"}' % (b"a" * (200 - 12))  # 200 bytes exactly: read
    data = b"\n".join([b'{"text": "Row one."}', b'{"text": "%s"}' % (b"x" * 5000), fits, b'{"text": "Row four."}', b"y" * 201])
    path = tmp_path / name
    path.write_bytes(gzip.compress(data) if name.endswith(".gz") else data)
    docs, problems, _, _ = split(read_jsonl(path))
    assert len(fits) == 200 and [d.uri for d in docs] == [f"{path}:1", f"{path}:3", f"{path}:4"]
    assert [(p.source, p.kind, p.problem) for p in problems] == [
        (f"{path}:2", "too-large", "row too large (over 200 bytes)"),
        (f"{path}:5", "too-large", "row too large (over 200 bytes)"),  # the last line, with no newline
    ]


def test_a_gzip_bomb_row_is_skipped_without_reading_it_into_memory(tmp_path, monkeypatch):
    import tracemalloc
    import zlib

    import rashomon.ingest.local as local

    monkeypatch.setattr(local, "MAX_ROW_BYTES", 100_000, raising=False)
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)  # gzip framing
    bomb = [packer.compress(b'{"text": "Row one."}\n{"text": "')]
    bomb += [packer.compress(b"x" * (1 << 20)) for _ in range(48)]  # one 48 MB line, 50 KB packed
    bomb.append(packer.compress(b'"}\n{"text": "Row three."}\n') + packer.flush())
    path = tmp_path / "bomb.jsonl.gz"
    path.write_bytes(b"".join(bomb))
    tracemalloc.start()
    try:
        docs, problems, _, _ = split(read_jsonl(path))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert [d.content for d in docs] == ["Row one.", "Row three."]
    assert [(p.source, p.kind) for p in problems] == [(f"{path}:2", "too-large")]
    assert peak < 8 * (1 << 20)  # reading the line whole took 48 MB and more


def test_read_inputs_dispatches_by_kind(tmp_path):
    root = _folder(tmp_path / "saved")
    warc = tmp_path / "crawl.warc.gz"
    _warc(warc)
    rows = tmp_path / "rows.jsonl"
    rows.write_bytes(JSONL_ROWS[0] + b"\n")
    page = tmp_path / "single.html"
    page.write_text(STORY_HTML, encoding="utf-8")
    docs, problems, _, _ = split(read_inputs([root, warc, rows, page, tmp_path / "missing.html"]))
    assert len(docs) == 3 + 3 + 1 + 1
    assert docs[-1].uri == str(page) and docs[-2].uri == f"{rows}:1" and docs[3].uri.startswith(f"{warc}#")
    assert [p.kind for p in problems] == ["empty", "binary", "missing"]


@pytest.mark.parametrize("name, data", [("rows.jsonl", b""), ("blank.jsonl", b"\n  \n"), ("rows.jsonl.gz", gzip.compress(b"")),
                                        ("crawl.warc", b""), ("crawl.warc.gz", b"")])
def test_an_empty_jsonl_or_warc_file_is_a_problem_not_silence(tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data)
    docs, problems, _, _ = split(read_inputs([path]))
    assert docs == [] and [(p.source, p.kind) for p in problems] == [(str(path), "empty")]
    assert problems[0].problem.startswith("empty file")


def test_jsonl_fields_of_the_wrong_type_are_named_or_ignored(tmp_path):
    path = tmp_path / "rows.jsonl"
    path.write_bytes(b'{"text": 12345}\n{"html": ["<p>a</p>"], "text": null}\nnull\n'
                     b'{"text": "The council voted on Tuesday.", "title": ["x"], "outlet": {"n": 1}, "url": true, "published": 20250106}\n')
    docs, problems, _, _ = split(read_jsonl(path))
    assert [p.problem for p in problems] == [
        "row's 'text' is a JSON number, not a string",
        "row's 'html' is a JSON array, not a string",
        "row is a JSON null, not an object",
    ]
    (doc,) = docs
    assert (doc.title, doc.outlet, doc.url, doc.published) == (None, None, None, "20250106")  # not "['x']" or "{'n': 1}"


@pytest.mark.parametrize("written, stored", [
    ("Tue, 10 Dec 2023 16:15:00 GMT", "2023-12-10T16:15:00Z"),  # RFC 2822, as feeds and mail write it
    ("Sun, 10 Dec 2023 11:15:00 -0500", "2023-12-10T16:15:00Z"),
    ("2023-12-10T16:15:00+02:00", "2023-12-10T14:15:00Z"),  # in UTC, as the feed reader stores times
    ("2023-12-10T16:15:00.250Z", "2023-12-10T16:15:00Z"),
    ("2023-12-10", "2023-12-10"),  # a date alone stays a date
    ("Dec 10, 2023", "2023-12-10"),
    ("Sunday, December 10, 2023 at 4:15 PM", "2023-12-10T16:15:00"),  # no zone given: none invented
    ("2023/12/10", "2023-12-10"),
    ("13/12/2023", "2023-12-13"),  # only one order is a date
    ("10/12/2023", "10/12/2023"),  # 10 December or October 12: kept as written, not guessed
    ("10.12.23", "10.12.23"),
    ("March 2023", "March 2023"),  # no day
    ("Tue", "Tue"),
    ("10 Dec 2023 16:15 EST", "10 Dec 2023 16:15 EST"),  # a zone dateutil does not know: the hour would be wrong
    ("yesterday", "yesterday"),
    ("99999999999999999999", "99999999999999999999"),
    ("2023-13-45", "2023-13-45"),
    ("", None),
])
def test_jsonl_published_is_stored_as_iso_8601_when_it_can_be_read(tmp_path, written, stored):
    import json

    path = tmp_path / "rows.jsonl"
    path.write_text(json.dumps({"text": "The council voted on Tuesday.", "published": written}) + "\n", encoding="utf-8")
    (doc,) = read_jsonl(path)
    assert doc.published == stored


def test_jsonl_fetched_at_is_read_as_published_is(tmp_path):
    import json

    path = tmp_path / "rows.jsonl"
    path.write_text(json.dumps({"text": "The council voted on Tuesday.", "fetched_at": "Sun, 10 Dec 2023 11:15:00 -0500"}) + "\n", encoding="utf-8")
    (doc,) = read_jsonl(path)
    assert doc.fetched_at == "2023-12-10T16:15:00Z"  # RawDocument.fetched_at is ISO 8601 in UTC


def test_a_utf16_page_without_a_byte_order_mark_is_read_not_called_binary(tmp_path):
    page = tmp_path / "bericht.txt"
    page.write_bytes("Die Brücke über den Fluss wird am Montag geschlossen, sagte der Bürgermeister. ".encode("utf-16-le") * 5)
    assert isinstance(read_page(page), RawDocument)  # `rashomon extract` reads it; ingest said "binary file"
    junk = tmp_path / "junk.html"
    junk.write_bytes(bytes(range(256)) * 4)
    assert read_page(junk).kind == "binary"


@pytest.mark.parametrize("data, what", [
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "a PDF document"),
    (b"PK\x03\x04\x14\x00\x06\x00", "a ZIP archive"),  # a .docx saved as .html
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "a PNG image"),
    (bytes(range(256)) * 4, "contains NUL bytes"),
])
def test_ingest_and_extract_name_the_same_kind_of_binary_file(tmp_path, data, what):
    from rashomon.extract.reading import InputError, read_report

    page = tmp_path / "report.html"
    page.write_bytes(data)
    problem = read_page(page)
    assert (problem.kind, problem.problem) == ("binary", f"binary file ({what}), not a saved page")
    with pytest.raises(InputError) as err:
        read_report(page)
    assert err.value.problem == f"binary file ({what}), not a web page or text"


def _fifo_of(path: Path, data: bytes) -> Path:
    """A named pipe that serves ``data``: it states size 0, as a device or a process substitution does."""
    import os
    import threading

    os.mkfifo(path)

    def write() -> None:
        try:
            with open(path, "wb") as fh:
                fh.write(data)
        except BrokenPipeError:  # the reader stopped at its limit
            pass

    threading.Thread(target=write, daemon=True).start()
    return path


def test_a_page_that_states_no_size_is_read_only_up_to_the_limit(tmp_path):
    pipe = _fifo_of(tmp_path / "page.txt", b"The council met on Tuesday. " * 400)  # /dev/zero filled memory
    problem = read_page(pipe, max_bytes=1000)
    assert isinstance(problem, IngestProblem) and problem.kind == "too-large" and "over 1,000 bytes" in problem.problem
