"""The web app through its HTTP interface: pages, JSON API, limits, escaping and the token.

Most tests run against the in-memory store of ``webfake`` (no language models, fast); the
analysis tests run the real pipeline on small texts.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from fastapi.testclient import TestClient
from webfake import HOSTILE, HOSTILE_URL, fake_store, hostile_report, sample_report

from rashomon.web import create_app
from rashomon.web.pages import cell_runs, coverage_bar
from rashomon.web.security import COOKIE_NAME
from rashomon.web.server import ServeError, check_settings, is_loopback
from rashomon.web.uploads import display_name, split_pasted

TOKEN = "team-token-0123456789abcdef"

REPORT_A = """Bridge in Merrow reopens after repairs

The old river bridge in Merrow reopened to traffic on Monday after eight months of repairs, the city council said.
Engineers replaced the steel bearings at a cost of about 4 million euros, according to the council.
Mayor Lena Brandt cut a ribbon at the eastern end of the bridge.
"""
REPORT_B = """Merrow bridge open again

The Merrow river bridge reopened on Monday after repairs that took eight months, the council said.
The repairs cost about 5 million euros, the council's figures show.
Buses will return to their usual routes from Wednesday, the transport company said.
"""


@pytest.fixture
def store():
    return fake_store(30)


@pytest.fixture
def client(store):
    return TestClient(create_app(store))


class _Tags(HTMLParser):
    """Every start tag with its attributes, to check what the browser would treat as markup."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def _tags(html: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = _Tags()
    parser.feed(html)
    parser.close()
    return parser.tags


# --------------------------------------------------------------------------- events page


def test_events_page_lists_newest_first_with_coverage(client, store):
    html = client.get("/").text
    titles = re.findall(r'class="event-title" href="/events/([^"]+)"', html)
    newest = [e.id for e in sorted(store.events, key=lambda e: e.last_seen, reverse=True)[:25]]
    assert titles == newest
    assert "30 events" in html
    assert 'class="covbar"' in html  # ev-0 has a stored report: its stacked bar is drawn
    assert "2 consensus" in html and "1 conflict" in html
    assert "not analysed yet" in html  # the others have none yet


def test_events_page_search_and_pagination(client):
    page1 = client.get("/").text
    assert "page 1 of 2" in page1 and 'href="/?page=2"' in page1
    page2 = client.get("/?page=2").text
    assert "page 2 of 2" in page2 and len(re.findall('class="event-item"', page2)) == 5
    found = client.get("/", params={"q": "failure 12"}).text
    assert re.findall(r'href="/events/([^"]+)"', found) == ["ev-12"]
    assert client.get("/", params={"q": "no such words"}).text.count("No event matches") == 1


def test_an_empty_store_says_how_to_fill_it():
    from webfake import FakeStore

    html = TestClient(create_app(FakeStore())).get("/").text
    assert "No events are stored yet" in html and "rashomon ingest" in html


def test_coverage_bar_segments_fill_the_bar():
    bar = coverage_bar({"consensus": 2, "partial": 1, "unique": 0, "conflict": 1})
    assert [s.coverage for s in bar] == ["consensus", "partial", "conflict"]
    assert bar[0].x == 0 and abs(sum(s.width for s in bar) - 100) < 1e-6
    assert coverage_bar(None) == [] and coverage_bar({"consensus": 0}) == []


# --------------------------------------------------------------------------- event page


def test_event_page_shows_matrix_texts_quotes_framing_and_summary(client):
    report = sample_report()
    html = client.get("/events/ev-0").text
    for claim in report["claims"]:
        assert f'data-claim="{claim["id"]}" data-anchors="' in html  # one matrix row per claim
    filled = html.count('<td class="cell cov-')
    empty = sum(int(n) for n in re.findall(r'<td class="gap" colspan="(\d+)"></td>', html))
    assert filled + empty == len(report["claims"]) * len(report["sources"]) and filled and empty
    assert "cell cov-conflict stated differs" in html  # the conflicting cells show each value
    # texts side by side: a pane per original; the syndicated copy folded under its original
    assert html.count('<article class="pane"') == 2
    assert "1 syndicated copy of this report" not in html  # 1 in the report + 1 stored
    assert "2 syndicated copies of this report" in html
    assert "Wire copy of the first report" in html
    assert "Quotes by speaker" in html and "quoted by" in html
    assert "How each outlet names the actors" in html and "Loaded words" in html
    assert re.search(r'class="cref cov-\w+" href="#row-c1" data-claim="c1"', html)  # summary cites c1


def test_matrix_rows_merge_runs_of_unstated_cells():
    a, b = {"stated": True, "id": "a"}, {"stated": True, "id": "b"}
    off = {"stated": False}
    assert cell_runs([off, off, a, off, b, b, off]) == [2, a, 1, b, b, 1]
    assert cell_runs([a]) == [a] and cell_runs([off] * 3) == [3]


def test_event_page_mentions_are_linked_both_ways(client):
    html = client.get("/events/ev-0").text
    row = re.search(r'data-claim="c1" data-anchors="([^"]+)"', html)
    anchors = row.group(1).split()
    assert len(anchors) >= 2
    for anchor in anchors:
        assert f'id="{anchor}"' in html  # every mention has its place in a source text
        assert re.search(rf'data-m="[^"]*\b{re.escape(anchor)}\b[^"]*" href="#row-c1"', html)


def test_event_page_computes_the_report_once_on_first_view(store):
    store.reports.pop("ev-3", None)
    calls = []

    def analyzer(s, event_id):
        calls.append(event_id)
        report = sample_report()
        s.save_report(event_id, report)
        return report

    client = TestClient(create_app(store, analyzer=analyzer))
    assert client.get("/events/ev-3").status_code == 200
    assert client.get("/events/ev-3").status_code == 200
    assert calls == ["ev-3"]
    assert client.get("/api/events/ev-3").json()["event"]["coverage"]["conflict"] == 1


def test_an_event_that_cannot_be_analysed_says_why(store):
    def analyzer(s, event_id):
        raise ValueError("no readable reports to analyse")

    client = TestClient(create_app(store, analyzer=analyzer))
    page = client.get("/events/ev-2")
    assert page.status_code == 422 and "could not be analysed: no readable reports" in page.text
    assert client.get("/api/events/ev-2/report").status_code == 422


def test_unknown_event_is_404_page_and_json(client):
    page = client.get("/events/nope")
    assert page.status_code == 404 and "No event with id" in page.text and "text/html" in page.headers["content-type"]
    api = client.get("/api/events/nope/report")
    assert api.status_code == 404 and "No event with id" in api.json()["detail"]


# --------------------------------------------------------------------------- JSON API


def test_api_lists_searches_and_pages_events(client):
    data = client.get("/api/events", params={"limit": 10, "offset": 5}).json()
    assert data["total"] == 30 and len(data["events"]) == 10 and data["offset"] == 5
    found = client.get("/api/events", params={"q": "failure 14"}).json()
    assert [e["id"] for e in found["events"]] == ["ev-14"]
    assert client.get("/api/events", params={"limit": 1000}).status_code == 422


def test_api_event_detail_and_report(client):
    detail = client.get("/api/events/ev-0").json()
    assert detail["event"]["coverage"] == {"consensus": 2, "partial": 3, "unique": 3, "conflict": 1}
    copies = [a for a in detail["articles"] if a["duplicate_of"]]
    assert [a["id"] for a in copies] == ["wire-copy"]
    report = client.get("/api/events/ev-0/report").json()
    assert report == {**sample_report(), **{k: report[k] for k in report if k not in sample_report()}}


def test_openapi_describes_the_api(client):
    spec = client.get("/openapi.json").json()
    assert {"/api/events", "/api/events/{event_id}", "/api/events/{event_id}/report", "/api/analyze"} <= set(spec["paths"])
    assert not any(p.startswith("/events") or p == "/" for p in spec["paths"])  # pages are not API
    assert {"EventPage", "EventDetail", "Report", "ReportClaim"} <= set(spec["components"]["schemas"])
    body = spec["paths"]["/api/analyze"]["post"]["requestBody"]["content"]
    assert "multipart/form-data" in body


# --------------------------------------------------------------------------- safety


def test_hostile_report_is_shown_as_text(store):
    store.save_report("ev-1", hostile_report())
    html = TestClient(create_app(store)).get("/events/ev-1").text
    tags = _tags(html)
    scripts = [a for t, a in tags if t == "script"]
    assert scripts == [{"src": scripts[0]["src"], "defer": None}] and scripts[0]["src"].startswith("/static/app.js")
    assert not any(k.startswith("on") for _, attrs in tags for k in attrs)
    assert not any((attrs.get("href") or "").lower().startswith("javascript:") for _, attrs in tags)
    assert not any(t == "img" for t, _ in tags)
    assert "&lt;script&gt;window.__pwned=1" in html
    assert HOSTILE_URL in html  # shown, as text
    assert HOSTILE not in html


def test_every_answer_carries_the_content_security_policy(client):
    for url in ("/", "/events/ev-0", "/events/nope", "/analyze", "/api/events", "/static/app.css"):
        csp = client.get(url).headers["content-security-policy"]
        assert "script-src 'self'" in csp and "'unsafe-inline'" not in csp and "default-src 'none'" in csp
    assert client.get("/").headers["x-content-type-options"] == "nosniff"


def test_token_gate(store):
    client = TestClient(create_app(store, token=TOKEN), follow_redirects=False)
    assert client.get("/").status_code == 401
    assert client.get("/api/events").json()["detail"].startswith("This Rashomon server is shared")
    assert client.get("/static/app.js").status_code == 401
    assert client.get("/?token=wrong").status_code == 401
    assert client.get("/api/events", headers={"Authorization": "Bearer wrong"}).status_code == 401
    assert client.get("/api/events", headers={"Authorization": f"Bearer {TOKEN}"}).status_code == 200
    first = client.get(f"/?q=dam&token={TOKEN}")
    assert first.status_code == 303 and first.headers["location"] == "/?q=dam"
    cookie = first.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie and TOKEN not in cookie
    assert client.get("/").status_code == 200  # the cookie carries on
    assert client.get("/events/ev-0").status_code == 200
    client.cookies.clear()
    client.cookies.set(COOKIE_NAME, "forged")
    assert client.get("/").status_code == 401


def test_serve_refuses_to_listen_beyond_loopback_without_a_token():
    assert is_loopback("127.0.0.1") and is_loopback("localhost") and is_loopback("::1")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.5") and not is_loopback("newsroom.example")
    assert check_settings("127.0.0.1", None) is None
    with pytest.raises(ServeError, match="without a token"):
        check_settings("0.0.0.0", None)
    with pytest.raises(ServeError, match="too short"):
        check_settings("0.0.0.0", "short")
    assert check_settings("0.0.0.0", TOKEN) == TOKEN


# --------------------------------------------------------------------------- analyze


def test_analyze_form_page(client):
    html = client.get("/analyze").text
    assert 'enctype="multipart/form-data"' in html and 'name="files"' in html and 'name="text"' in html


def test_upload_over_the_limit_is_413_with_a_clear_message(store):
    client = TestClient(create_app(store, max_upload_bytes=10_000))
    big = ("x" * 20_000).encode()
    page = client.post("/analyze", files={"files": ("big.txt", big, "text/plain")})
    assert page.status_code == 413
    assert "over the 10 KB limit" in page.text and "text/html" in page.headers["content-type"]
    api = client.post("/api/analyze", files={"files": ("big.txt", big, "text/plain")})
    assert api.status_code == 413 and "limit" in api.json()["detail"]


def test_upload_limit_holds_without_a_content_length(store):
    client = TestClient(create_app(store, max_upload_bytes=10_000))

    def chunks():
        for _ in range(30):
            yield b"y" * 1000

    r = client.post("/api/analyze", content=chunks(), headers={"content-type": "multipart/form-data; boundary=zz"})
    assert r.status_code == 413


def test_empty_and_binary_uploads_are_named_in_the_error(client):
    png = b"\x89PNG\r\n\x1a\n" + bytes(range(256))
    r = client.post("/analyze", files=[("files", ("empty.txt", b"", "text/plain")), ("files", ("photo.png", png, "image/png"))])
    assert r.status_code == 400
    assert "empty.txt: empty file" in r.text and "photo.png: binary file (a PNG image)" in r.text
    nul = b"\x00\x01\x02" * 50
    r = client.post("/api/analyze", files={"files": ("../../etc/<b>evil.txt", nul, "text/plain")})
    assert r.status_code == 400 and "Some reports could not be read: <b>evil.txt: binary file" in r.json()["detail"]
    page = client.post("/analyze", files={"files": ("<b>evil.txt", nul, "text/plain")}).text
    assert "&lt;b&gt;evil.txt: binary file" in page and "<b>evil" not in page
    nothing = client.post("/analyze", data={"text": "  "})
    assert nothing.status_code == 400 and "Paste at least one report" in nothing.text


def test_pasted_reports_split_on_dashes_and_names_are_cleaned():
    assert split_pasted("one\n---\ntwo\n  -----  \nthree\n---\n") == ["one", "two", "three"]
    assert split_pasted("a line with --- inside") == ["a line with --- inside"]
    assert display_name("C:\\Users\\me\\story.html", 1) == "story.html"
    assert display_name("", 3) == "upload-3"


def test_analyze_two_reports(client):
    """Real analysis: two uploaded reports of one event give their report (page and API)."""
    files = [("files", ("merrow-a.txt", REPORT_A.encode(), "text/plain")), ("files", ("merrow-b.txt", REPORT_B.encode(), "text/plain"))]
    report = client.post("/api/analyze", files=files).json()
    assert [s["id"] for s in report["sources"]] == ["merrow-a", "merrow-b"]
    assert report["claims"] and {c["coverage"] for c in report["claims"]} <= {"consensus", "partial", "unique", "conflict"}
    page = client.post("/analyze", data={"text": REPORT_A + "\n---\n" + REPORT_B})
    assert page.status_code == 200
    assert page.text.count('<article class="pane"') == 2 and "your reports (not stored)" in page.text


def test_event_page_shows_how_other_reports_read_each_headline(store):
    report = sample_report()
    first, second = report["sources"][0], report["sources"][1]
    first["headline_check"] = {"stances": {second["id"]: "disagree"}}
    store.save_report("ev-0", report)
    html = TestClient(create_app(store)).get("/events/ev-0").text
    assert 'class="hl-check st-disagree"' in html and "dispute it" in html


# --------------------------------------------------------------------------- failures are answers


def test_a_page_or_offset_past_any_store_is_a_4xx_not_a_500(tmp_path):
    from rashomon.store import Store

    with Store.open(f"sqlite:///{tmp_path / 'news.db'}") as real:
        client = TestClient(create_app(real), raise_server_exceptions=False)
        page = client.get("/?page=" + "9" * 30)  # SQLite raised OverflowError on the offset
        assert page.status_code == 400 and "Bad address" in page.text
        api = client.get("/api/events?offset=" + "9" * 20)
        assert api.status_code == 422 and api.json()["detail"][0]["loc"] == ["query", "offset"]
        assert client.get("/?page=3").status_code == 200  # past the last page: just no events


def test_an_analysis_that_breaks_a_model_or_the_store_is_a_readable_answer(store, monkeypatch):
    from rashomon.store import StoreError

    def crash(s, event_id):
        raise RuntimeError("model blew up\non two lines")

    client = TestClient(create_app(store, analyzer=crash), raise_server_exceptions=False)
    page = client.get("/events/ev-2")
    assert page.status_code == 422 and "RuntimeError: model blew up on two lines" in page.text
    detail = client.get("/api/events/ev-2/report").json()["detail"]
    assert detail.startswith("This event's reports could not be analysed (RuntimeError")

    def read_only(s, event_id):
        raise StoreError("sqlite:///news.db: cannot write to the store (attempt to write a readonly database)")

    client = TestClient(create_app(store, analyzer=read_only), raise_server_exceptions=False)
    api = client.get("/api/events/ev-2/report")
    assert api.status_code == 503 and "readonly database" in api.json()["detail"]

    import rashomon.analyze

    monkeypatch.setattr(rashomon.analyze, "analyze", lambda *args, **kwargs: crash(None, None))
    client = TestClient(create_app(store), raise_server_exceptions=False)
    r = client.post("/api/analyze", data={"text": REPORT_A + "\n---\n" + REPORT_B})
    assert r.status_code == 400 and "could not be analysed (RuntimeError: model blew up" in r.json()["detail"]


def test_a_store_failure_under_a_page_is_a_named_503(store, monkeypatch):
    from rashomon.store import StoredRowError

    def damaged(event_id):
        raise StoredRowError("sqlite:///news.db", "a1", "rows.jsonl:3", ValueError("Expecting value"))

    monkeypatch.setattr(store, "event_articles", damaged)
    client = TestClient(create_app(store), raise_server_exceptions=False)
    page = client.get("/events/ev-1")
    assert page.status_code == 503 and "stored report a1 (rows.jsonl:3) cannot be read" in page.text
    api = client.get("/api/events/ev-1")
    assert api.status_code == 503 and "stored report a1" in api.json()["detail"]


@pytest.mark.parametrize("args, said", [
    (["--db", "{tmp}"], "is a folder, not a database file"),
    (["--port", "99999"], "port 99999 is out of range"),
    (["--max-upload-mb", "-1"], "--max-upload-mb -1 is negative"),
])
def test_serve_refuses_bad_settings_in_one_line(tmp_path, capsys, monkeypatch, args, said):
    import uvicorn

    from rashomon.cli import main

    monkeypatch.setattr(uvicorn, "run", lambda *a, **k: pytest.fail("the server started"))
    db = ["--db", str(tmp_path / "news.db")] if "--db" not in args else []
    assert main(["serve", *[a.format(tmp=tmp_path) for a in args], *db]) == 2  # a traceback before
    err = capsys.readouterr().err
    assert said in err and "Traceback" not in err
