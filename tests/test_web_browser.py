"""The web app in a real headless Chromium: what a reader sees and can click.

The server runs with uvicorn in a thread on a free loopback port. The stored event is the
bundled demo, ingested into a fresh SQLite store, plus one syndicated copy of a demo report.
Skipped only when Debian's Chromium (/usr/bin/chromium) is missing, and failed instead when
``RASHOMON_REQUIRE_BROWSER=1`` (CI installs Chromium and sets it).

Screenshots go to a temporary artefact folder (``RASHOMON_WEB_ARTIFACTS`` to choose it), and
the event page's also to ``docs/screenshots/`` when ``RASHOMON_UPDATE_SCREENSHOTS=1``.
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
if not CHROMIUM.exists():
    _why = "Debian's Chromium is not installed at /usr/bin/chromium (apt-get install chromium)"
    if os.environ.get("RASHOMON_REQUIRE_BROWSER") == "1":  # CI installs it: missing is a failure there
        pytest.fail(_why, pytrace=False)
    pytest.skip(_why, allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")

import uvicorn  # noqa: E402
from webfake import HOSTILE, HOSTILE_IMG, fake_store, hostile_report  # noqa: E402

from rashomon.web import create_app  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "src" / "rashomon" / "examples" / "demo"
DOC_SHOTS = ROOT / "docs" / "screenshots"
CHROMIUM_ARGS = [
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--no-default-browser-check", "--mute-audio",
]
WATCH = """
window.__cspViolations = 0;
document.addEventListener("securitypolicyviolation", function () { window.__cspViolations += 1; });
"""

HOSTILE_TXT = f"""Hostile Herald

Dam report with a payload {HOSTILE}

The spillway gate at Brannock Dam failed on Tuesday, officials said {HOSTILE_IMG}.
Read more <a href="javascript:window.__pwned=1">here</a> and <svg onload="window.__pwned=1"></svg>.
About 1,200 people were evacuated from Lower Aske, police said.
"""


@contextmanager
def serving(app) -> Iterator[str]:
    """Run ``app`` on a free 127.0.0.1 port in a thread; yields its base URL."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the web server did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    finally:
        server.should_exit = True
        thread.join(10)
        sock.close()


@pytest.fixture(scope="module")
def artifacts(tmp_path_factory) -> Path:
    chosen = os.environ.get("RASHOMON_WEB_ARTIFACTS")
    folder = Path(chosen) if chosen else tmp_path_factory.mktemp("web-artifacts")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture(scope="module")
def demo_store(tmp_path_factory):
    """The demo event in a real SQLite store, with a syndicated copy of the Riverline report."""
    from rashomon.ingest.pipeline import ingest_paths
    from rashomon.store import Store

    folder = tmp_path_factory.mktemp("demo-store")
    reports = folder / "reports"
    shutil.copytree(DEMO, reports)
    body = (reports / "03-riverline.txt").read_text(encoding="utf-8").split("4 min read", 1)[1].split("Share this:")[0]
    (reports / "06-valley-post.txt").write_text(
        "Valley Post\n\nQuestions over Brannock Dam maintenance after spillway failure\n\n"
        "By Oskar Vale (Riverline News)\nWednesday 10 June 2026 · Valley Post\n" + body,
        encoding="utf-8",
    )
    store = Store.open(f"sqlite:///{folder / 'rashomon.db'}")
    summary = ingest_paths(store, [str(reports)])
    assert summary.stored == 6 and summary.copies == 1 and len(store.list_events()) == 1
    yield store
    store.close()


@pytest.fixture(scope="module")
def base_url(demo_store) -> Iterator[str]:
    with serving(create_app(demo_store)) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 950}, service_workers="block")
    context.add_init_script(WATCH)
    page = context.new_page()
    page.dialogs = []  # every alert/confirm/prompt a page opens lands here (and is dismissed)
    page.on("dialog", lambda d: (page.dialogs.append(d.message), d.dismiss()))
    page.errors = []
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    page.set_default_timeout(60_000)  # the first view of an event runs the analysis
    yield page
    context.close()


def _shot(page, artifacts: Path, name: str, height: int | None = None) -> None:
    """A screenshot of the viewport, or of the page's top ``height`` pixels."""
    if height:
        page.screenshot(path=str(artifacts / name), full_page=True, clip={"x": 0, "y": 0, "width": 1400, "height": height})
    else:
        page.screenshot(path=str(artifacts / name))
    if os.environ.get("RASHOMON_UPDATE_SCREENSHOTS") == "1" and name.startswith("event-page"):
        DOC_SHOTS.mkdir(parents=True, exist_ok=True)
        shutil.copy(artifacts / name, DOC_SHOTS / name)


def test_events_page_and_opening_an_event(page, base_url, demo_store):
    page.goto(base_url + "/")
    link = page.locator("a.event-title")
    assert link.count() == 1
    assert "6 outlets" in page.locator(".event-item").inner_text().replace("\n", " ")
    page.fill("#q", "brannock")
    page.click("form.search button")
    assert page.locator("a.event-title").count() == 1
    page.fill("#q", "no-such-outlet-anywhere")
    page.click("form.search button")
    assert page.locator("a.event-title").count() == 0
    page.goto(base_url + "/")
    page.click("a.event-title")
    page.wait_for_selector("table.matrix")
    assert page.locator(".strip .pane").count() == 5  # the copy is folded, not a sixth column
    copies = page.locator("details.copies")
    assert copies.count() == 1 and "Valley Post" not in copies.inner_text()  # folded
    copies.locator("summary").click()
    assert "Valley Post" in copies.inner_text() and "Brannock Dam" in copies.inner_text()
    assert not page.errors


def test_clicking_a_claim_highlights_it_in_every_source(page, base_url, demo_store, artifacts):
    event = demo_store.list_events()[0]
    page.goto(f"{base_url}/events/{event.id}")
    page.wait_for_selector("html[data-ready='1']")
    report = demo_store.get_report(event.id)
    originals = {s["id"] for s in report["sources"] if not s.get("copy_of")}
    claim = max(report["claims"], key=lambda c: len(set(c["sources"]) & originals))
    stating = sorted(set(claim["sources"]) & originals)
    assert len(stating) >= 3
    _shot(page, artifacts, "event-page.png", height=1700)

    page.click(f"tr[data-claim='{claim['id']}'] a.pick")
    page.wait_for_selector("#claimbar:not([hidden])")
    assert page.inner_text("#claimbar .cb-id") == claim["id"]
    lit = page.evaluate(
        """() => Array.from(document.querySelectorAll('.strip .pane')).filter(p =>
               Array.from(p.querySelectorAll('.hl.sel')).some(el => !el.closest('details:not([open])'))
           ).map(p => p.dataset.src).sort()"""
    )
    assert lit == stating
    # each pane has scrolled so its highlighted sentence is in view
    for sid in stating:
        in_view = page.evaluate(
            """(sid) => { const p = document.querySelector(`.pane[data-src="${sid}"]`);
                 const el = Array.from(p.querySelectorAll('.hl.sel')).find(e => !e.closest('details:not([open])'));
                 const a = p.getBoundingClientRect(), b = el.getBoundingClientRect();
                 return b.bottom > a.top && b.top < a.bottom; }""",
            sid,
        )
        assert in_view, f"{sid}: the claim's sentence is not scrolled into view"
    _shot(page, artifacts, "event-page-claim.png")

    # the other way: a highlighted sentence picks its claim
    other = next(c for c in report["claims"] if c["id"] != claim["id"] and set(c["sources"]) & originals)
    sid = sorted(set(other["sources"]) & originals)[0]
    row_anchor = f"#row-{other['id']}"
    page.locator(f".pane[data-src='{sid}'] a.hl[href='{row_anchor}']").first.click()
    assert page.inner_text("#claimbar .cb-id") == other["id"]
    assert page.locator(f"tr[data-claim='{other['id']}'].sel-row").count() == 1
    assert not page.errors and not page.dialogs


def test_uploading_two_reports_gives_their_report(page, base_url, tmp_path):
    first, second = tmp_path / "herald.txt", tmp_path / "beacon.html"
    first.write_bytes((DEMO / "01-tessel-herald.txt").read_bytes())
    second.write_bytes((DEMO / "04-daily-beacon.html").read_bytes())
    page.goto(base_url + "/analyze")
    page.set_input_files("#files", [str(first), str(second)])
    page.click("button[type=submit]")
    page.wait_for_selector("table.matrix")
    assert "your reports (not stored)" in page.inner_text("header.event-head")
    assert page.locator(".strip .pane").count() == 2
    assert page.locator("table.matrix tbody tr").count() > 3
    assert not page.errors


def test_empty_upload_shows_an_error_naming_the_file(page, base_url, tmp_path):
    empty = tmp_path / "blank.txt"
    empty.write_bytes(b"")
    page.goto(base_url + "/analyze")
    page.set_input_files("#files", [str(empty)])
    page.click("button[type=submit]")
    page.wait_for_selector(".problems")
    assert "blank.txt: empty file" in page.inner_text(".problems")


def _assert_inert(page) -> None:
    assert page.dialogs == []
    assert page.evaluate("window.__pwned") is None
    assert page.evaluate("window.__cspViolations") == 0  # nothing even tried to run
    assert page.locator(".srctext img, .srctext svg, .srctext script").count() == 0


def test_hostile_stored_report_is_text_and_runs_nothing(page, artifacts):
    store = fake_store(2)
    store.save_report("ev-1", hostile_report())
    with serving(create_app(store)) as url:
        page.goto(url + "/")
        page.goto(url + "/events/ev-1")
        page.wait_for_selector("html[data-ready='1']")
        assert page.inner_text("h1") == HOSTILE_IMG
        assert HOSTILE in page.inner_text(".strip")
        page.click("tr[data-claim='c1'] a.pick")  # the claim bar copies the hostile text as text
        assert page.inner_text("#claimbar .cb-text") == HOSTILE
        page.get_by_text("click").first.click()  # the javascript: "link" is plain text
        page.wait_for_timeout(200)
        _assert_inert(page)
        _shot(page, artifacts, "hostile-report.png")


def test_hostile_upload_is_text_and_runs_nothing(page, base_url, tmp_path):
    hostile = tmp_path / "hostile.txt"
    hostile.write_text(HOSTILE_TXT, encoding="utf-8")
    page.goto(base_url + "/analyze")
    page.set_input_files("#files", [str(hostile), str(DEMO / "01-tessel-herald.txt")])
    page.click("button[type=submit]")
    page.wait_for_selector(".strip .pane")
    assert "<script>" in page.inner_text(".strip")
    _assert_inert(page)
