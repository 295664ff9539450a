"""An in-memory store with exactly the methods the web app uses (``rashomon.web.app.EventStore``).

The web tests that need no language models run against it: they pin what the pages and the
API show for given events and reports, fast, whatever the real store's storage does.
"""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rashomon.model import Article, Paragraph

SAMPLE = Path(__file__).parent / "data" / "sample_report.json"
HOSTILE = "<script>window.__pwned=1;alert('x')</script>"
HOSTILE_IMG = '<img src=x onerror="window.__pwned=1;alert(1)">'
HOSTILE_URL = "javascript:window.__pwned=1;alert(1)"


# the store's own records, so the fake cannot drift from them
from rashomon.store import EventSummary, StoredArticle  # noqa: E402


@dataclass
class FakeStore:
    events: list[EventSummary] = field(default_factory=list)
    articles: dict[str, list[StoredArticle]] = field(default_factory=dict)
    reports: dict[str, dict] = field(default_factory=dict)

    def _matching(self, query: str | None) -> list[EventSummary]:
        found = sorted(self.events, key=lambda e: e.last_seen or "", reverse=True)
        if query:
            words = query.lower().split()
            found = [e for e in found if all(w in f"{e.title or ''} {' '.join(e.outlets)}".lower() for w in words)]
        return found

    def list_events(self, query: str | None = None, limit: int = 50, offset: int = 0) -> list[EventSummary]:
        return self._matching(query)[offset : offset + limit]

    def count_events(self, query: str | None = None) -> int:
        return len(self._matching(query))

    def get_event(self, event_id: str) -> EventSummary | None:
        return next((e for e in self.events if e.id == event_id), None)

    def event_articles(self, event_id: str) -> list[StoredArticle]:
        return list(self.articles.get(event_id, []))

    def get_report(self, event_id: str) -> dict | None:
        return copy.deepcopy(self.reports.get(event_id))

    def save_report(self, event_id: str, report: dict) -> None:
        self.reports[event_id] = copy.deepcopy(report)
        event = self.get_event(event_id)
        if event is not None:
            event.coverage = coverage_of(report)


def coverage_of(report: dict) -> dict[str, int]:
    counts = {"consensus": 0, "partial": 0, "unique": 0, "conflict": 0}
    for claim in report.get("claims", []):
        counts[claim["coverage"]] = counts.get(claim["coverage"], 0) + 1
    return counts


def sample_report() -> dict:
    return json.loads(SAMPLE.read_text(encoding="utf-8"))


def article(id: str, text: str, outlet: str, title: str = "", url: str | None = None) -> Article:
    return Article(
        id=id, path=f"{id}.txt", text=text, paragraphs=[Paragraph(0, len(text), text)], offsets_into="text",
        format="text", title=title or None, outlet=outlet, published="2026-11-20", language="en", url=url,
    )


def hostile_report() -> dict:
    """The sample report with script, event-handler and javascript: payloads in every field a
    page shows; offsets stay valid, so the payloads also sit inside highlighted mentions."""
    bad = sample_report()
    payload = f"{HOSTILE} {HOSTILE_IMG} <a href=\"{HOSTILE_URL}\">click</a>"
    src = next(s for s in bad["sources"] if s["offsets_into"] == "text")
    src["text"] += "\n\n" + payload
    src["outlet"] = HOSTILE_IMG
    src["title"] = HOSTILE
    src["url"] = HOSTILE_URL
    src["links"].append({"kind": "url", "value": HOSTILE_URL, "start": None, "end": None})
    bad["claims"][0]["text"] = HOSTILE
    bad["claims"][0]["mentions"].append({
        "id": f"{src['id']}:99", "source": src["id"],
        "start": len(src["text"]) - len(payload), "end": len(src["text"]), "text": payload,
    })
    bad["quotes"][0]["content"] = HOSTILE_IMG
    bad["quotes"][0]["speaker"] = HOSTILE
    bad["summary"][0]["text"] = HOSTILE
    bad["event"]["title"] = HOSTILE_IMG
    bad["warnings"] = [HOSTILE]
    return bad


def fake_store(n_events: int = 3) -> FakeStore:
    """Events ``ev-0``… newest first; ``ev-0`` has the sample report and a stored copy."""
    store = FakeStore()
    report = sample_report()
    for i in range(n_events):
        day = 28 - (i % 27)
        store.events.append(EventSummary(
            id=f"ev-{i}", title=f"Dam gate failure {i}" if i else report["event"]["title"],
            first_seen=f"2026-10-{day:02d}T06:00:00", last_seen=f"2026-10-{day:02d}T18:{i % 60:02d}:00",
            n_reports=3 + i % 4, n_outlets=2 + i % 3, outlets=["Tessel Valley Herald", f"Outlet {i}"], languages=["en"],
        ))
    store.save_report("ev-0", report)
    originals = [s for s in report["sources"] if not s.get("copy_of")]
    store.articles["ev-0"] = [
        StoredArticle(s["id"], f"file:{s['id']}", s.get("url"), "ev-0", None,
                      article(s["id"], s["text"], s.get("outlet") or "", s.get("title") or ""))
        for s in originals
    ]
    store.articles["ev-0"].append(StoredArticle(
        "wire-copy", "file:wire-copy", "https://example.org/wire-copy", "ev-0", originals[0]["id"],
        article("wire-copy", originals[0]["text"], "Syndicate Daily", "Wire copy of the first report"),
    ))
    return store
