"""What the web pages show, computed from an event report and the store's records.

The report renderer (``rashomon.render``) already turns a report into escaped, highlighted
pieces: the claims × sources matrix, the highlighted source texts, quotes and framing. The
web pages reuse its view object and only rearrange: source texts side by side, syndicated
copies folded under their original, quotes grouped by speaker, events as a list. All text
reaches the page through Jinja autoescaping or the renderer's ``markupsafe`` escaping.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from typing import Any, Protocol

from rashomon.render import COVERAGE_HELP, COVERAGES
from rashomon.render import _View as ReportView  # noqa: PLC2701 - the renderer's view is the shared model of a report page

#: the order coverage segments are stacked in a bar: agreement first, conflict last
BAR_ORDER = ("consensus", "partial", "unique", "conflict")
_HTTP_URL = re.compile(r"^https?://[^\s<>\"']+$", re.IGNORECASE)


class EventLike(Protocol):
    """The fields of the store's EventSummary that the pages read."""

    id: str
    title: str | None
    first_seen: str | None
    last_seen: str | None
    n_reports: int
    n_outlets: int
    outlets: list[str]
    languages: list[str]
    coverage: dict[str, int] | None


def safe_url(value: Any) -> str | None:
    """Only http(s) addresses become links; ``javascript:`` and friends stay text."""
    text = "" if value is None else str(value).strip()
    return text if _HTTP_URL.match(text) else None


def short_date(value: str | None) -> str:
    """``2026-11-23T08:15:00+00:00`` → ``2026-11-23 08:15``: enough to order a news day."""
    if not value:
        return "unknown"
    text = str(value).replace("T", " ")
    return text[:16] if len(text) > 10 else text


@dataclass(frozen=True)
class BarSegment:
    coverage: str
    count: int
    x: float
    width: float


def coverage_bar(coverage: dict[str, int] | None) -> list[BarSegment]:
    """Segments of a 100-wide stacked bar; empty when the event has no stored report yet."""
    if not coverage:
        return []
    counts = {cov: max(0, int(coverage.get(cov, 0) or 0)) for cov in BAR_ORDER}
    total = sum(counts.values())
    if not total:
        return []
    out, x = [], 0.0
    for cov in BAR_ORDER:
        if counts[cov]:
            width = 100.0 * counts[cov] / total
            out.append(BarSegment(cov, counts[cov], round(x, 3), round(width, 3)))
            x += width
    return out


def event_row(event: EventLike) -> dict[str, Any]:
    """One line of the events page."""
    outlets = list(event.outlets or [])
    return {
        "id": event.id,
        "title": event.title or "Untitled event",
        "first_seen": short_date(event.first_seen),
        "last_seen": short_date(event.last_seen),
        "n_reports": event.n_reports,
        "n_outlets": event.n_outlets,
        "outlets": outlets[:6],
        "more_outlets": max(0, len(outlets) - 6),
        "languages": list(event.languages or []),
        "bar": coverage_bar(event.coverage),
        "coverage": event.coverage or {},
    }


@dataclass
class Pager:
    """Where a page of a newest-first list sits, and the links to its neighbours."""

    page: int
    per_page: int
    total: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.per_page

    @property
    def newer(self) -> int | None:
        return self.page - 1 if self.page > 1 else None

    @property
    def older(self) -> int | None:
        return self.page + 1 if self.page < self.pages else None


# ------------------------------------------------------------------------- event page


@dataclass
class StoredCopy:
    """A syndicated copy the store folded away before analysis: shown, not counted."""

    id: str
    outlet: str
    title: str
    url: str | None
    published: str
    text: str


def stored_copies(report_ids: set[str], stored: list[Any]) -> tuple[dict[str, list[StoredCopy]], list[StoredCopy]]:
    """The store's syndicated copies by the report source they copy, and any whose original
    is not in the report (shown apart rather than dropped).

    ``duplicate_of`` names the original's store id; the report names sources by the
    article's own id, which may differ, so both are tried. A copy the analysis read is a
    report source already (with ``copy_of``) and is folded from there, not twice.
    """
    article_id = {sa.id: getattr(sa.article, "id", sa.id) for sa in stored}
    folded: dict[str, list[StoredCopy]] = defaultdict(list)
    loose: list[StoredCopy] = []
    for sa in stored:
        if not sa.duplicate_of or sa.id in report_ids or article_id[sa.id] in report_ids:
            continue
        a = sa.article
        copy = StoredCopy(
            id=str(sa.id),
            outlet=a.outlet or "",
            title=a.title or "",
            url=safe_url(sa.url or a.url),
            published=a.published or "",
            text=a.text or "",
        )
        original = next((k for k in (article_id.get(sa.duplicate_of), sa.duplicate_of) if k in report_ids), None)
        if original is None:
            loose.append(copy)
        else:
            folded[original].append(copy)
    return dict(folded), loose


def _claim_anchors(view: ReportView) -> dict[str, list[str]]:
    """Per claim, the anchors of its mentions: the page script highlights every piece of
    source text that carries one of them (``data-m``)."""
    anchors: dict[str, list[str]] = {}
    for claim in view.claims:
        cid = str(claim["id"])
        anchors[cid] = [
            view.mention_anchor[id(m)]
            for m in claim.get("mentions") or []
            if isinstance(m, dict) and id(m) in view.mention_anchor
        ]
    return anchors


def cell_runs(cells: list[dict]) -> list[dict | int]:
    """A matrix row as its stated cells and, between them, the number of sources that do not
    state the claim.

    Most claims are stated by a few of many sources; one ``colspan`` cell per gap instead of
    one cell per source keeps a 50-source matrix a fraction of the size for the browser.
    """
    runs: list[dict | int] = []
    for cell in cells:
        if cell["stated"]:
            runs.append(cell)
        elif runs and isinstance(runs[-1], int):
            runs[-1] += 1
        else:
            runs.append(1)
    return runs


def _quote_groups(view: ReportView) -> list[dict[str, Any]]:
    """Quotes by speaker (the report's ``who``: "Netanyahu" however each outlet wrote him),
    then outlet: who is heard, and through how many outlets."""
    out = []
    for g in view.speaker_rows():
        rows = sorted(g["quotes"], key=lambda r: (r["source_label"].lower(), r["content"]))
        out.append({"speaker": g["who"], "outlets": sorted(set(g["outlets"])), "quotes": rows})
    return out


def _framing(view: ReportView, columns: list[dict]) -> dict[str, Any]:
    """Labels per actor per outlet (only outlets that label someone), loaded words per outlet."""
    label_rows = view.label_rows()
    used = [i for i in range(len(columns)) if any(r["cells"][i] for r in label_rows)]
    loaded = view.loaded_by_source()
    return {
        "label_columns": [columns[i] for i in used],
        "label_rows": [{"actor": r["actor"], "cells": [r["cells"][i] for i in used]} for r in label_rows],
        "loaded": [g for g in loaded if g["words"]],
        "plain": [g["label"] for g in loaded if not g["words"]],
    }


def _panes(view: ReportView, folded: dict[str, list[StoredCopy]]) -> list[dict[str, Any]]:
    """Source texts as side-by-side panes; a syndicated copy sits folded inside its original."""
    blocks = view.source_blocks()
    by_id = {b["id"]: b for b in blocks}
    copies: dict[str, list[dict]] = defaultdict(list)
    panes = []
    for b in blocks:
        if b["copy_of"] and b["copy_of"] in by_id:
            copies[b["copy_of"]].append(b)
        else:
            panes.append(b)
    for pane in panes:
        pane["report_copies"] = copies.get(pane["id"], [])
        pane["stored_copies"] = folded.get(pane["id"], [])
        pane["n_copies"] = len(pane["report_copies"]) + len(pane["stored_copies"])
    return panes


def report_context(report: dict[str, Any], stored: list[Any] | None = None) -> dict[str, Any]:
    """Everything the event page template needs from one report (and the store's copies)."""
    view = ReportView(report)
    header = view.header()
    columns = view.columns()
    folded, loose = stored_copies({str(s["id"]) for s in view.sources}, stored or [])
    anchors = _claim_anchors(view)
    rows = view.rows()
    for row in rows:
        row["anchors"] = " ".join(anchors.get(row["id"], []))
        row["runs"] = cell_runs(row["cells"])
    header["stored_copies"] = sum(len(v) for v in folded.values()) + len(loose)
    header["bar"] = coverage_bar(header["counts"])
    return {
        "h": header,
        "coverages": COVERAGES,
        "coverage_help": COVERAGE_HELP,
        "summary": view.summary_items(),
        "columns": columns,
        "rows": rows,
        "quote_groups": _quote_groups(view),
        "framing": _framing(view, columns),
        "panes": _panes(view, folded),
        "loose_copies": loose,
        "warnings": [str(w) for w in report.get("warnings") or [] if w],
        "failures": [f for f in report.get("failures") or [] if isinstance(f, dict)],
    }
