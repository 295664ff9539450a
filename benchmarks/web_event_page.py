"""How long the web app takes to serve the event page of a stored 50-source event.

    .venv/bin/python benchmarks/web_event_page.py [--sources 50] [--rows-per-source 1] [--runs 10]

Sources are ECB+ dev texts (../shared/eval/events_ecbplus_dev.jsonl), taken topic by topic as
in ``analyze_scaling.py``; ``--rows-per-source 3`` joins three texts of a topic into one source
for article-length sources (more claims, more highlighted mentions per page). They are stored
as one event in a fresh SQLite store, analysed once (the first view's cost, cached by
``analyze_event``), and then the page is requested ``--runs`` times through the ASGI app.
The target: under a second per view once the report is stored.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EVENTS = ROOT.parent / "shared" / "eval" / "events_ecbplus_dev.jsonl"
EVENT_ID = "ev-bench"


def _sources(n: int, per_source: int) -> list[tuple[str, str]]:
    """``n`` (id, text) pairs; each text joins ``per_source`` ECB+ rows of one topic."""
    rows = [json.loads(line) for line in EVENTS.open(encoding="utf-8")]
    rows.sort(key=lambda r: (int(r["topic"]), r["id"]))
    by_topic: dict[str, list[dict]] = {}
    for r in rows:
        by_topic.setdefault(r["topic"], []).append(r)
    out: list[tuple[str, str]] = []
    for topic_rows in by_topic.values():
        for i in range(0, len(topic_rows) - per_source + 1, per_source):
            chunk = topic_rows[i : i + per_source]
            out.append((chunk[0]["id"].replace(".xml", ""), "\n\n".join(r["text"] for r in chunk)))
            if len(out) == n:
                return out
    return out


def build_store(folder: Path, n: int, per_source: int):
    """A SQLite store holding one event of ``n`` sources, not yet analysed."""
    from rashomon.extract import extract
    from rashomon.extract.reading import InputError, RawReport
    from rashomon.store import Store
    from rashomon.store.store import NewArticle

    store = Store.open(f"sqlite:///{folder / 'bench.db'}")
    batch = []
    for k, (sid, text) in enumerate(_sources(n, per_source)):
        try:
            article = extract(RawReport(path=sid, text=text, format="text", encoding="utf-8"), id=sid)
        except InputError:
            continue
        article.outlet = article.outlet or f"Outlet {k + 1}"
        seen = f"2026-11-{1 + k % 28:02d}T{k % 24:02d}:00:00Z"
        batch.append(NewArticle(id=sid, uri=f"bench:{sid}", article=article, seen=seen, event_id=EVENT_ID,
                                content_hash=hashlib.sha256(text.encode()).hexdigest()))
    store.add_articles(batch, new_events=[EVENT_ID])
    return store


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sources", type=int, default=50)
    parser.add_argument("--rows-per-source", type=int, default=1)
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--browser", action="store_true", help="also time the page in headless Chromium (/usr/bin/chromium)")
    args = parser.parse_args()
    if not EVENTS.exists():
        print(f"needs {EVENTS} (the shared ECB+ dev file)", file=sys.stderr)
        return 2

    from fastapi.testclient import TestClient

    from rashomon.analyze import analyze_event
    from rashomon.web import create_app
    from rashomon.web.pages import report_context

    with tempfile.TemporaryDirectory() as tmp:
        store = build_store(Path(tmp), args.sources, args.rows_per_source)
        t0 = time.perf_counter()
        report = analyze_event(store, EVENT_ID)
        analyse_s = time.perf_counter() - t0
        client = TestClient(create_app(store))
        first = client.get(f"/events/{EVENT_ID}")
        assert first.status_code == 200, first.text[:500]

        views = []
        for _ in range(args.runs):
            t = time.perf_counter()
            r = client.get(f"/events/{EVENT_ID}")
            views.append(time.perf_counter() - t)
            assert r.status_code == 200

        # where a view's time goes
        t = time.perf_counter()
        stored = store.get_report(EVENT_ID)
        load_s = time.perf_counter() - t
        t = time.perf_counter()
        context = report_context(stored, store.event_articles(EVENT_ID))
        context_s = time.perf_counter() - t
        app = client.app
        web = app.state.web
        t = time.perf_counter()
        web.env.get_template("event.html.j2").render(event=None, **context)
        template_s = time.perf_counter() - t
        browser = _browser_times(app, args.runs) if args.browser else None
        store.close()

    mentions = sum(len(c.get("mentions", [])) for c in report["claims"])
    print(f"sources: {len(report['sources'])}  claims: {len(report['claims'])}  mentions: {mentions}  "
          f"quotes: {len(report['quotes'])}  page: {len(first.content) / 1024:.0f} KB")
    print(f"first view (analysis, then cached): {analyse_s:.1f} s")
    print(f"stored view over {args.runs} runs: median {statistics.median(views) * 1000:.0f} ms, "
          f"max {max(views) * 1000:.0f} ms")
    print(f"  load report {load_s * 1000:.0f} ms · build view {context_s * 1000:.0f} ms · "
          f"template {template_s * 1000:.0f} ms")
    if browser:
        print(f"in headless Chromium, navigation to load event: median {statistics.median(browser) * 1000:.0f} ms, "
              f"max {max(browser) * 1000:.0f} ms")
    return 0


def _browser_times(app, runs: int) -> list[float]:
    """Seconds from navigation start to the load event (parsed, laid out, page script run),
    by the browser's Navigation Timing, for a page served by uvicorn on loopback."""
    import socket
    import threading

    import uvicorn
    from playwright.sync_api import sync_playwright

    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    url = f"http://127.0.0.1:{sock.getsockname()[1]}/events/{EVENT_ID}"
    times = []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"])
            page = browser.new_page(viewport={"width": 1400, "height": 950})
            page.goto(url)
            for _ in range(runs):
                page.goto(url)
                page.wait_for_selector("html[data-ready='1']", state="attached")
                # the browser's own clock: navigation start to the load event (script run)
                times.append(page.evaluate("performance.getEntriesByType('navigation')[0].loadEventEnd") / 1000)
            browser.close()
    finally:
        server.should_exit = True
        thread.join(10)
    return times


if __name__ == "__main__":
    sys.exit(main())
