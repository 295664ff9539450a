"""Render an event report (the JSON of ``docs/report-schema.md``) for a person to read.

``render_html`` gives one self-contained HTML page (inline CSS and a little vanilla JS, nothing
loaded from the network); ``render_markdown`` gives the same sections in compact form.

The report's texts are untrusted web content: every string reaches the page through Jinja's
autoescaping or ``markupsafe.escape``, and only ``http(s)`` links become clickable.
The renderer is lenient: missing fields, ``None`` values and out-of-range offsets are skipped,
never fatal.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup, escape

__all__ = ["render_html", "render_markdown", "COVERAGES"]

COVERAGES = ("conflict", "consensus", "partial", "unique")
COVERAGE_HELP = {
    "consensus": "stated by every source",
    "partial": "stated by more than one source",
    "unique": "stated by one source only",
    "conflict": "sources disagree on it",
}
_TEMPLATES = Path(__file__).parent / "templates"
_env: Environment | None = None


def _environment() -> Environment:
    global _env
    if _env is None:
        _env = Environment(
            loader=FileSystemLoader(str(_TEMPLATES)),
            autoescape=select_autoescape(enabled_extensions=("html", "j2"), default=True),
            trim_blocks=True,
            lstrip_blocks=True,
        )
    return _env


# --------------------------------------------------------------------------- helpers


def _slug(value: Any) -> str:
    """A string safe to use inside an HTML id / URL fragment."""
    return re.sub(r"[^A-Za-z0-9_-]+", "-", str(value)).strip("-") or "x"


def _natural_key(value: Any) -> list[Any]:
    return [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", str(value))]


def _str(value: Any) -> str:
    return "" if value is None else str(value)


def _as_list(value: Any) -> list:
    return value if isinstance(value, list) else []


def _as_dict(value: Any) -> dict:
    return value if isinstance(value, dict) else {}


def _int(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return None


def _short(text: str, limit: int = 22) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _safe_url(value: Any) -> str | None:
    text = _str(value).strip()
    return text if re.match(r"^https?://[^\s<>\"']+$", text, re.I) else None


def _base_of(src: dict) -> str:
    if src.get("offsets_into") == "original" and isinstance(src.get("original"), str):
        return src["original"]
    return _str(src.get("text"))


def _valid(start: Any, end: Any, length: int) -> tuple[int, int] | None:
    s, e = _int(start), _int(end)
    if s is None or e is None or s < 0 or e > length or s >= e:
        return None
    return s, e


def _coverage(claim: dict) -> str:
    cov = _str(claim.get("coverage")).lower()
    return cov if cov in COVERAGES else "unique"


# --------------------------------------------------------------------------- model prep


class _View:
    """Everything the templates need, computed once from the raw report dict."""

    def __init__(self, report: dict) -> None:
        report = report if isinstance(report, dict) else {}
        self.report = report
        self.event = _as_dict(report.get("event"))
        self.sources = [s for s in _as_list(report.get("sources")) if isinstance(s, dict) and s.get("id") is not None]
        self.source_by_id = {str(s["id"]): s for s in self.sources}
        self.claims = [c for c in _as_list(report.get("claims")) if isinstance(c, dict) and c.get("id") is not None]
        self.quotes = [q for q in _as_list(report.get("quotes")) if isinstance(q, dict)]
        framing = _as_dict(report.get("framing"))
        self.labels = [lb for lb in _as_list(framing.get("labels")) if isinstance(lb, dict)]
        self.loaded = [ld for ld in _as_list(framing.get("loaded")) if isinstance(ld, dict)]
        self.summary = [s for s in _as_list(report.get("summary")) if isinstance(s, dict)]
        self.claim_by_id = {str(c["id"]): c for c in self.claims}
        self.stated_by: dict[str, set[str]] = defaultdict(set)  # claim id -> sources stating it

        # short column labels for sources, unique
        self.short: dict[str, str] = {}
        used: set[str] = set()
        for src in self.sources:
            sid = str(src["id"])
            label = _short(_str(src.get("outlet")) or sid, 20)
            if label in used:
                label = _short(f"{label} ({sid})", 28)
            used.add(label)
            self.short[sid] = label

        # mention ids and anchors
        self.mentions_by: dict[tuple[str, str], list[dict]] = defaultdict(list)
        self.mention_anchor: dict[int, str] = {}
        seen_anchor: set[str] = set()
        for claim in self.claims:
            cid = str(claim["id"])
            for i, m in enumerate(_as_list(claim.get("mentions"))):
                if not isinstance(m, dict) or m.get("source") is None:
                    continue
                mid = _str(m.get("id")) or f"{m['source']}:{cid}-{i}"
                anchor = "m-" + _slug(mid)
                while anchor in seen_anchor:
                    anchor += "-x"
                seen_anchor.add(anchor)
                self.mention_anchor[id(m)] = anchor
                self.mentions_by[(cid, str(m["source"]))].append(m)
                self.stated_by[cid].add(str(m["source"]))
            self.stated_by[cid].update(str(s) for s in _as_list(claim.get("sources")))

        self.quote_anchor = {id(q): f"q-{i + 1}" for i, q in enumerate(self.quotes)}
        self.loaded_anchor = {id(ld): f"ld-{i + 1}" for i, ld in enumerate(self.loaded)}
        self.label_anchor: dict[int, str] = {}
        for a, lb in enumerate(self.labels):
            for sid, items in _as_dict(lb.get("by_source")).items():
                for k, item in enumerate(_as_list(items)):
                    if isinstance(item, dict):
                        self.label_anchor[id(item)] = f"lb-{a + 1}-{_slug(sid)}-{k + 1}"

    # -- header
    def header(self) -> dict:
        langs = [str(x) for x in _as_list(self.event.get("languages")) if x]
        if not langs:
            langs = sorted({_str(s.get("language")) for s in self.sources if s.get("language")})
        dates = sorted(_str(s.get("published"))[:10] for s in self.sources if s.get("published"))
        if not dates:
            date_range = "unknown"
        elif dates[0] == dates[-1]:
            date_range = dates[0]
        else:
            date_range = f"{dates[0]} – {dates[-1]}"
        copies = sum(1 for s in self.sources if s.get("copy_of"))
        n = len(self.sources) or _int(self.event.get("sources")) or 0
        title = _str(self.event.get("title")).strip()
        if not title:
            title = next((_str(s.get("title")) for s in self.sources if s.get("title")), "") or "Event report"
        counts = {cov: 0 for cov in COVERAGES}
        for c in self.claims:
            counts[_coverage(c)] += 1
        return {
            "title": title,
            "n_sources": n,
            "copies": copies,
            "independent": n - copies,
            "languages": langs,
            "date_range": date_range,
            "generated": _str(self.event.get("generated")),
            "version": _str(self.report.get("rashomon")),
            "counts": counts,
            "n_claims": len(self.claims),
        }

    # -- summary
    def summary_items(self) -> list[dict]:
        out = []
        for s in self.summary:
            cids = [str(c) for c in _as_list(s.get("claims"))]
            out.append({
                "text": _str(s.get("text")),
                "kind": _str(s.get("kind")),
                "claims": [
                    {"id": c, "anchor": "row-" + _slug(c), "known": c in self.claim_by_id,
                     "coverage": _coverage(self.claim_by_id[c]) if c in self.claim_by_id else ""}
                    for c in cids
                ],
            })
        return out

    # -- matrix
    def sorted_claims(self) -> list[dict]:
        order = {cov: i for i, cov in enumerate(COVERAGES)}

        def key(c: dict):
            cov = _coverage(c)
            n = len(self.stated_by[str(c["id"])])
            return (order[cov], -n if cov == "partial" else 0, _natural_key(c["id"]))

        return sorted(self.claims, key=key)

    def columns(self) -> list[dict]:
        cols = []
        for i, src in enumerate(self.sources):
            sid = str(src["id"])
            hover = [f"#{i + 1} · {sid}"]
            if src.get("outlet"):
                hover.append(_str(src.get("outlet")))
            if src.get("title"):
                hover.append(_str(src.get("title")))
            if src.get("published"):
                hover.append(_str(src.get("published")))
            if src.get("copy_of"):
                hover.append(f"copy of {src.get('copy_of')}")
            cols.append({
                "id": sid, "n": i + 1, "label": self.short[sid], "hover": "\n".join(hover),
                "anchor": "src-" + _slug(sid), "copy_of": _str(src.get("copy_of")),
            })
        return cols

    def rows(self) -> list[dict]:
        rows = []
        for claim in self.sorted_claims():
            cid = str(claim["id"])
            cov = _coverage(claim)
            stated = {str(s) for s in _as_list(claim.get("sources"))}
            values = {str(k): _str(v) for k, v in _as_dict(claim.get("values")).items()}
            cells = []
            for src in self.sources:
                sid = str(src["id"])
                ments = self.mentions_by.get((cid, sid), [])
                is_stated = sid in stated or bool(ments)
                title_bits = []
                if is_stated:
                    title_bits.append(f"{self.short[sid]} states {cid}")
                    if src.get("copy_of"):
                        title_bits.append(f"(syndicated copy of {src.get('copy_of')})")
                    if ments:
                        title_bits.append("“" + _short(_str(ments[0].get("text")), 160) + "”")
                cells.append({
                    "stated": is_stated,
                    "href": "#" + self.mention_anchor[id(ments[0])] if ments else "",
                    "count": len(ments),
                    "value": values.get(sid, ""),
                    "is_copy": bool(src.get("copy_of")),
                    "title": " ".join(title_bits) if is_stated else f"{self.short[sid]}: not stated",
                })
            n_src = len(self.stated_by[cid])
            rows.append({
                "id": cid, "anchor": "row-" + _slug(cid), "text": _str(claim.get("text")),
                "coverage": cov, "independent": claim.get("independent"), "n_sources": n_src,
                "reason": _str(claim.get("reason")),
                "vals": [{"source": self.short.get(k, k), "value": v} for k, v in values.items()],
                "cells": cells,
            })
        return rows

    # -- quotes
    def quote_rows(self) -> list[dict]:
        rows = []
        for q in self.quotes:
            sid = _str(q.get("source"))
            src = self.source_by_id.get(sid)
            ok = src is not None and _valid(q.get("start"), q.get("end"), len(_base_of(src))) is not None
            speaker = _str(q.get("speaker"))
            # ``who`` groups quotes by speaker; None names nobody (an unresolved "I"), and a
            # report from before ``who`` existed groups by the speaker as written
            who = _str(q.get("who")) if "who" in q else speaker
            rows.append({
                "speaker": speaker, "who": who, "shown": who or speaker,
                "cue": _str(q.get("cue")), "content": _str(q.get("content")),
                "kind": _str(q.get("kind")) or "direct", "source": sid, "source_label": self.short.get(sid, sid),
                "href": "#" + self.quote_anchor[id(q)] if ok else "",
                "claims": [{"id": str(c), "anchor": "row-" + _slug(c)} for c in _as_list(q.get("claims"))],
            })
        return rows

    def speaker_rows(self) -> list[dict]:
        """Who is heard: one row per speaker (``who``), with the outlets that quote them and
        how many statements, most widely heard first; each row holds its quotes."""
        groups: dict[str, list[dict]] = {}
        for row in self.quote_rows():
            groups.setdefault(row["who"].lower() or "(unnamed)", []).append(row)
        out = []
        for rows in groups.values():
            names = Counter(r["who"] for r in rows if r["who"])
            outlets = list(dict.fromkeys(r["source_label"] for r in rows))
            out.append({"who": names.most_common(1)[0][0] if names else "(unnamed)", "outlets": outlets, "quotes": rows})
        out.sort(key=lambda g: (-len(g["outlets"]), -len(g["quotes"]), g["who"].lower()))
        return out

    # -- framing
    def label_rows(self) -> list[dict]:
        rows = []
        for lb in self.labels:
            by_source = _as_dict(lb.get("by_source"))
            cells = []
            for src in self.sources:
                sid = str(src["id"])
                base_len = len(_base_of(src))
                items = []
                seen: dict[str, dict] = {}
                for item in _as_list(by_source.get(sid)):
                    if not isinstance(item, dict):
                        continue
                    text = _str(item.get("text"))
                    key = text.lower()
                    if key in seen:
                        seen[key]["count"] += 1
                        continue
                    ok = _valid(item.get("start"), item.get("end"), base_len) is not None
                    entry = {"text": text, "count": 1, "href": "#" + self.label_anchor[id(item)] if ok else ""}
                    seen[key] = entry
                    items.append(entry)
                cells.append(items)
            rows.append({"actor": _str(lb.get("actor")), "cells": cells})
        return rows

    def loaded_by_source(self) -> list[dict]:
        groups: dict[str, list[dict]] = defaultdict(list)
        for ld in self.loaded:
            sid = _str(ld.get("source"))
            src = self.source_by_id.get(sid)
            ok = src is not None and _valid(ld.get("start"), ld.get("end"), len(_base_of(src))) is not None
            groups[sid].append({"text": _str(ld.get("text")), "neutral": _str(ld.get("neutral")),
                                "href": "#" + self.loaded_anchor[id(ld)] if ok else ""})
        out = []
        for src in self.sources:
            sid = str(src["id"])
            out.append({"source": sid, "label": self.short[sid], "words": groups.pop(sid, [])})
        for sid, words in groups.items():  # loaded words for unknown sources: still shown
            out.append({"source": sid, "label": sid, "words": words})
        return out

    # -- sources
    def source_blocks(self) -> list[dict]:
        out = []
        for i, src in enumerate(self.sources):
            sid = str(src["id"])
            base = _base_of(src)
            is_original = src.get("offsets_into") == "original" and isinstance(src.get("original"), str)
            links = []
            for ln in _as_list(src.get("links")) or [x for x in _as_list(src.get("sources")) if isinstance(x, dict)]:
                if not isinstance(ln, dict):
                    continue
                links.append({"kind": _str(ln.get("kind")) or "url", "value": _str(ln.get("value")),
                              "url": _safe_url(ln.get("value"))})
            removed = [{"text": _str(r.get("text")), "reason": _str(r.get("reason")) or "removed"}
                       for r in _as_list(src.get("removed")) if isinstance(r, dict)]
            copy_of = _str(src.get("copy_of"))
            claim_ids = sorted({cid for (cid, s) in self.mentions_by if s == sid}, key=_natural_key)
            out.append({
                "id": sid, "n": i + 1, "anchor": "src-" + _slug(sid), "text_anchor": "text-" + _slug(sid),
                "label": self.short[sid],
                "title": _str(src.get("title")), "outlet": _str(src.get("outlet")), "author": _str(src.get("author")),
                "published": _str(src.get("published")), "language": _str(src.get("language")),
                "format": _str(src.get("format")), "path": _str(src.get("path")),
                "url": _safe_url(src.get("url")),
                "headline_check": self.headline_check(src),
                "copy_of": copy_of, "copy_label": self.short.get(copy_of, copy_of),
                "copy_anchor": "src-" + _slug(copy_of) if copy_of in self.source_by_id else "",
                "is_original": is_original, "links": links, "removed": removed,
                "n_removed_chars": sum(len(r["text"]) for r in removed),
                "claims": [{"id": c, "anchor": "row-" + _slug(c), "coverage": _coverage(self.claim_by_id[c])}
                           for c in claim_ids],
                "body": self.highlight(src, base, is_original),
                "chars": len(base),
            })
        return out

    def headline_check(self, src: dict) -> list[dict]:
        """How the other reports' bodies read this source's headline, grouped by stance."""
        check = src.get("headline_check")
        stances = check.get("stances") if isinstance(check, dict) else None
        if not isinstance(stances, dict):
            return []
        out = []
        for stance, label in (("agree", "bear it out"), ("discuss", "discuss it without taking a side"),
                              ("disagree", "dispute it"), ("unrelated", "are about something else")):
            readers = [sid for sid, v in stances.items() if v == stance and sid in self.short]
            if readers:
                out.append({"stance": stance, "label": label,
                            "sources": [{"label": self.short[r], "anchor": "src-" + _slug(r)} for r in readers]})
        return out

    def highlight(self, src: dict, base: str, is_original: bool) -> Markup:
        """The base text split at every span boundary, each piece escaped and wrapped.

        Spans may overlap or nest: each piece carries the classes of every span covering it,
        and the innermost (shortest) claim mention decides its colour and link. Anchors and
        claim markers are empty elements (markers draw their label with CSS), so the text
        content of the result is exactly ``base``.
        """
        sid = str(src["id"])
        n = len(base)
        spans: list[dict] = []  # {start, end, kind, ...}

        for claim in self.claims:
            cid = str(claim["id"])
            for m in self.mentions_by.get((cid, sid), []):
                se = _valid(m.get("start"), m.get("end"), n)
                if se:
                    spans.append({"start": se[0], "end": se[1], "kind": "mention", "claim": cid,
                                  "coverage": _coverage(claim), "anchor": self.mention_anchor[id(m)]})
        for q in self.quotes:
            if _str(q.get("source")) != sid:
                continue
            se = _valid(q.get("start"), q.get("end"), n)
            if se:
                spans.append({"start": se[0], "end": se[1], "kind": "quote", "anchor": self.quote_anchor[id(q)],
                              "title": f"quote ({_str(q.get('kind')) or 'direct'}) — {_str(q.get('speaker'))}"})
            se = _valid(q.get("speaker_start"), q.get("speaker_end"), n)
            if se:
                spans.append({"start": se[0], "end": se[1], "kind": "speaker", "title": "speaker"})
            se = _valid(q.get("cue_start"), q.get("cue_end"), n)
            if se:
                spans.append({"start": se[0], "end": se[1], "kind": "cue", "title": "attribution cue"})
        for ld in self.loaded:
            if _str(ld.get("source")) != sid:
                continue
            se = _valid(ld.get("start"), ld.get("end"), n)
            if se:
                neutral = _str(ld.get("neutral"))
                spans.append({"start": se[0], "end": se[1], "kind": "loaded", "anchor": self.loaded_anchor[id(ld)],
                              "title": "loaded word" + (f" (neutral: {neutral})" if neutral else "")})
        for lb in self.labels:
            for item in _as_list(_as_dict(lb.get("by_source")).get(sid)):
                if not isinstance(item, dict):
                    continue
                se = _valid(item.get("start"), item.get("end"), n)
                if se:
                    spans.append({"start": se[0], "end": se[1], "kind": "label", "anchor": self.label_anchor[id(item)],
                                  "title": f"label for {_str(lb.get('actor'))}"})
        for ln in _as_list(src.get("links")):
            if isinstance(ln, dict):
                se = _valid(ln.get("start"), ln.get("end"), n)
                if se:
                    spans.append({"start": se[0], "end": se[1], "kind": "link", "title": f"cites ({_str(ln.get('kind'))})"})
        if is_original:
            for r in _as_list(src.get("removed")):
                if isinstance(r, dict):
                    se = _valid(r.get("start"), r.get("end"), n)
                    if se:
                        spans.append({"start": se[0], "end": se[1], "kind": "removed",
                                      "title": f"dropped: {_str(r.get('reason')) or 'removed'}"})

        bounds = sorted({0, n} | {s["start"] for s in spans} | {s["end"] for s in spans})
        starts: dict[int, list[dict]] = defaultdict(list)
        ends: dict[int, list[dict]] = defaultdict(list)
        for s in spans:
            starts[s["start"]].append(s)
            ends[s["end"]].append(s)

        kind_class = {"quote": "q", "speaker": "spk", "cue": "cue", "loaded": "ld", "label": "lbl",
                      "link": "lnk", "removed": "rm"}
        parts: list[str] = []
        active: list[dict] = []
        for a, b in zip(bounds, bounds[1:]):
            # claim markers for mentions ending here (after their last character)
            for s in sorted(ends.get(a, []), key=lambda s: -s["start"]):
                if s["kind"] == "mention":
                    parts.append(
                        f'<a class="mref cov-{escape(s["coverage"])}" href="#row-{escape(_slug(s["claim"]))}"'
                        f' data-c="{escape(s["claim"])}" aria-label="claim {escape(s["claim"])}"></a>'
                    )
            active = [s for s in active if s["end"] > a] + starts.get(a, [])
            for s in sorted(starts.get(a, []), key=lambda s: -(s["end"] - s["start"])):
                if s.get("anchor"):
                    parts.append(f'<span class="anc" id="{escape(s["anchor"])}"></span>')
            piece = escape(base[a:b])
            if not active:
                parts.append(str(piece))
                continue
            classes: list[str] = []
            titles: list[str] = []
            marks: list[str] = []
            mentions = sorted((s for s in active if s["kind"] == "mention"), key=lambda s: (s["end"] - s["start"], s["claim"]))
            for s in active:
                cls = kind_class.get(s["kind"])
                if cls and cls not in classes:
                    classes.append(cls)
                if s.get("title") and s["title"] not in titles:
                    titles.append(s["title"])
                if s.get("anchor"):
                    marks.append(s["anchor"])
            href = ""
            if mentions:
                inner = mentions[0]
                classes = ["hl", f"cov-{inner['coverage']}"] + (["nest"] if len(mentions) > 1 else []) + classes
                titles = [", ".join(f"{m['claim']} ({m['coverage']})" for m in mentions)] + titles
                href = "#row-" + _slug(inner["claim"])
            attrs = f' class="{escape(" ".join(classes))}"'
            if titles:
                attrs += f' title="{escape(" · ".join(titles))}"'
            if marks:
                attrs += f' data-m="{escape(" ".join(marks))}"'
            if href:
                parts.append(f'<a{attrs} href="{escape(href)}">{piece}</a>')
            else:
                parts.append(f"<span{attrs}>{piece}</span>")
        for s in sorted(ends.get(n, []), key=lambda s: -s["start"]):
            if s["kind"] == "mention":
                parts.append(
                    f'<a class="mref cov-{escape(s["coverage"])}" href="#row-{escape(_slug(s["claim"]))}"'
                    f' data-c="{escape(s["claim"])}" aria-label="claim {escape(s["claim"])}"></a>'
                )
        return Markup("".join(parts))


# --------------------------------------------------------------------------- public API


def render_html(report: dict) -> str:
    """One self-contained, printable HTML page for the event report."""
    view = _View(report)
    template = _environment().get_template("report.html.j2")
    return template.render(
        h=view.header(),
        coverages=COVERAGES,
        coverage_help=COVERAGE_HELP,
        summary=view.summary_items(),
        columns=view.columns(),
        rows=view.rows(),
        speakers=view.speaker_rows(),
        label_rows=view.label_rows(),
        loaded=view.loaded_by_source(),
        sources=view.source_blocks(),
    )


def _md(text: Any) -> str:
    """Make untrusted text safe inside a Markdown table cell / line."""
    text = " ".join(_str(text).split())
    text = text.replace("\\", "\\\\").replace("|", "\\|")
    text = text.replace("<", "&lt;").replace(">", "&gt;")
    text = re.sub(r"([`*_\[\]])", r"\\\1", text)
    return text


def _md_table(head: list[str], rows: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(head) + " |", "|" + "|".join("---" for _ in head) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return lines


def render_markdown(report: dict) -> str:
    """The report's sections in compact Markdown (no source full texts)."""
    view = _View(report)
    h = view.header()
    out: list[str] = [f"# {_md(h['title'])}", ""]
    meta = [f"**Sources:** {h['n_sources']}"]
    if h["copies"]:
        meta[0] += f" ({h['independent']} independent, {h['copies']} syndicated cop{'y' if h['copies'] == 1 else 'ies'})"
    meta.append(f"**Languages:** {_md(', '.join(h['languages'])) or 'unknown'}")
    meta.append(f"**Dates:** {_md(h['date_range'])}")
    meta.append(f"**Claims:** {h['n_claims']} (" + ", ".join(f"{h['counts'][c]} {c}" for c in COVERAGES) + ")")
    out += [" · ".join(meta), ""]

    out += ["## Summary", ""]
    items = view.summary_items()
    if items:
        for item in items:
            refs = " ".join(f"[{_md(c['id'])}]" for c in item["claims"])
            out.append(f"- {_md(item['text'])}" + (f" {refs}" if refs else ""))
    else:
        out.append("_No summary._")
    out.append("")

    cols = view.columns()
    out += ["## Claims", ""]
    legend = ", ".join(f"S{c['n']} = {_md(c['label'])} (`" + c["id"].replace("`", "") + "`)" + (" — copy" if c["copy_of"] else "") for c in cols)
    if legend:
        out += [f"Sources: {legend}", ""]
    rows = []
    for r in view.rows():
        text = _md(r["text"])
        if r["coverage"] == "conflict":
            if r["reason"]:
                text += f" — _{_md(r['reason'])}_"
            if r["vals"]:
                text += " (" + "; ".join(f"{_md(v['source'])}: {_md(v['value'])}" for v in r["vals"]) + ")"
        stated = ", ".join(f"S{c['n']}" + ("·copy" if cell["is_copy"] else "")
                           for c, cell in zip(cols, r["cells"]) if cell["stated"])
        indep = r["independent"] if r["independent"] is not None else ""
        rows.append([_md(r["id"]), text, r["coverage"], str(indep), stated or "—"])
    if rows:
        out += _md_table(["ID", "Claim", "Coverage", "Indep.", "Sources"], rows)
    else:
        out.append("_No claims._")
    out.append("")

    out += ["## Quotes", ""]
    qrows = [[_md(q["shown"]), _md(q["cue"]), _md(q["content"]), _md(q["source_label"]), _md(q["kind"])]
             for g in view.speaker_rows() for q in g["quotes"]]
    if qrows:
        out += _md_table(["Speaker", "Cue", "Content", "Source", "Kind"], qrows)
    else:
        out.append("_No quotes._")
    out.append("")

    out += ["## Framing", ""]
    lrows = view.label_rows()
    if lrows:
        out += ["### Labels for actors", ""]
        out += _md_table(
            ["Actor"] + [_md(c["label"]) for c in cols],
            [[_md(r["actor"])] + ["; ".join(_md(i["text"]) + (f" ×{i['count']}" if i["count"] > 1 else "") for i in cell) or "—"
                                   for cell in r["cells"]] for r in lrows],
        )
        out.append("")
    loaded = [g for g in view.loaded_by_source() if g["words"]]
    if loaded:
        out += ["### Loaded words", ""]
        for g in loaded:
            words = ", ".join(f"“{_md(w['text'])}”" + (f" (neutral: {_md(w['neutral'])})" if w["neutral"] else "")
                              for w in g["words"])
            out.append(f"- **{_md(g['label'])}**: {words}")
        out.append("")
    if not lrows and not loaded:
        out += ["_No framing differences found._", ""]

    out += ["## Sources", ""]
    for s in view.source_blocks():
        head = f"{s['n']}. **{_md(s['outlet'] or s['id'])}**"
        if s["title"]:
            head += f" — {_md(s['title'])}"
        out.append(head)
        bits = ["id `" + s["id"].replace("`", "") + "`"]
        for key, name in (("author", "author"), ("published", "published"), ("language", "language"), ("format", "format")):
            if s[key]:
                bits.append(f"{name}: {_md(s[key])}")
        if s["copy_of"]:
            bits.append(f"**syndicated copy of {_md(s['copy_label'])}** (not independent)")
        if s["removed"]:
            bits.append(f"{len(s['removed'])} junk pieces dropped")
        out.append("   - " + " · ".join(bits))
        if s["links"]:
            out.append("   - cites: " + ", ".join(
                f"<{ln['url']}>" if ln["url"] else _md(ln["value"]) for ln in s["links"]))
        if s["claims"]:
            out.append("   - claims: " + ", ".join(_md(c["id"]) for c in s["claims"]))
    if not view.sources:
        out.append("_No sources._")
    out.append("")
    return "\n".join(out)
