"""The rendered report: one offline HTML document, escaped, anchored, and a Markdown digest."""

from __future__ import annotations

import copy
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from rashomon.render import render_html, render_markdown

SAMPLE = Path(__file__).parent / "data" / "sample_report.json"
INJECT = "<script>alert('x')</script>"


@pytest.fixture
def report() -> dict:
    return json.loads(SAMPLE.read_text(encoding="utf-8"))


def _base(src: dict) -> str:
    return src["original"] if src["offsets_into"] == "original" else src["text"]


class _Doc(HTMLParser):
    """Collects tags, ids and the text content of every element with an id."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.ids: list[str] = []
        self.stack: list[str | None] = []
        self.texts: dict[str, list[str]] = {}
        self.open_ids: list[str] = []

    VOID = {"meta", "br", "input", "link", "img", "hr", "source", "wbr", "area", "base", "col", "embed", "track"}

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.append((tag, a))
        if "id" in a:
            self.ids.append(a["id"])
        if tag in self.VOID:
            return
        el_id = a.get("id")
        self.stack.append(el_id)
        if el_id is not None:
            self.texts[el_id] = []
            self.open_ids.append(el_id)

    def handle_endtag(self, tag):
        if tag in self.VOID or not self.stack:
            return
        el_id = self.stack.pop()
        if el_id is not None and self.open_ids and self.open_ids[-1] == el_id:
            self.open_ids.pop()

    def handle_data(self, data):
        for el_id in self.open_ids:
            self.texts[el_id].append(data)

    def text_of(self, el_id: str) -> str:
        return "".join(self.texts[el_id])


def _parse(html: str) -> _Doc:
    doc = _Doc()
    doc.feed(html)
    doc.close()
    return doc


def test_sample_offsets_are_exact(report):
    sources = {s["id"]: s for s in report["sources"]}
    for claim in report["claims"]:
        for m in claim["mentions"]:
            assert _base(sources[m["source"]])[m["start"]:m["end"]] == m["text"]
    for q in report["quotes"]:
        base = _base(sources[q["source"]])
        assert base[q["start"]:q["end"]] == q["content"]
        assert base[q["speaker_start"]:q["speaker_end"]] == q["speaker"]
        assert base[q["cue_start"]:q["cue_end"]] == q["cue"]
    for lb in report["framing"]["labels"]:
        for sid, items in lb["by_source"].items():
            for it in items:
                assert _base(sources[sid])[it["start"]:it["end"]] == it["text"]
    for ld in report["framing"]["loaded"]:
        assert _base(sources[ld["source"]])[ld["start"]:ld["end"]] == ld["text"]
    for s in report["sources"]:
        for r in s["removed"]:
            if r["start"] is not None:
                assert s["original"][r["start"]:r["end"]] == r["text"]
    assert {c["coverage"] for c in report["claims"]} == {"consensus", "partial", "unique", "conflict"}
    assert any(s["copy_of"] for s in report["sources"])


def test_html_is_one_offline_document(report):
    html = render_html(report)
    assert html.lstrip().lower().startswith("<!doctype html>")
    assert html.lower().count("<html") == 1 and html.lower().count("</html>") == 1
    assert html.lower().count("<body") == 1
    doc = _parse(html)
    for tag, attrs in doc.tags:
        if tag in {"script", "link", "img", "iframe", "source", "video", "audio", "embed", "object", "style"}:
            for key in ("src", "href", "data", "srcset"):
                assert key not in attrs, f"<{tag} {key}=...> loads something"
        if tag == "a" and "href" in attrs:
            href = attrs["href"]
            assert href.startswith("#") or re.match(r"https?://", href), href
    assert tag_count(doc, "link") == 0 and tag_count(doc, "img") == 0
    assert not re.search(r"@import|url\(\s*['\"]?(https?:)?//", html, re.I)
    # the only outbound links are the URLs the sources cite
    cited = {ln["value"] for s in report["sources"] for ln in s["links"] if ln["kind"] == "url"}
    outbound = {a["href"] for t, a in doc.tags if t == "a" and a.get("href", "").startswith("http")}
    assert outbound <= cited


def tag_count(doc: _Doc, name: str) -> int:
    return sum(1 for t, _ in doc.tags if t == name)


def test_html_has_every_claim_and_source(report):
    html = render_html(report)
    doc = _parse(html)
    ids = set(doc.ids)
    assert len(doc.ids) == len(ids), "duplicate element ids"
    for claim in report["claims"]:
        assert claim["id"] in html
        assert f"row-{claim['id']}" in ids
    for src in report["sources"]:
        assert src["id"] in html
        assert f"src-{src['id']}" in ids


def test_matrix_sort_order(report):
    html = render_html(report)
    order = re.findall(r'<tr id="row-[^"]+" data-coverage="([a-z]+)"', html)
    assert len(order) == len(report["claims"])
    rank = {"conflict": 0, "consensus": 1, "partial": 2, "unique": 3}
    assert [rank[c] for c in order] == sorted(rank[c] for c in order)


def test_mention_anchors_exist(report):
    html = render_html(report)
    ids = set(_parse(html).ids)
    for claim in report["claims"]:
        for m in claim["mentions"]:
            anchor = "m-" + re.sub(r"[^A-Za-z0-9_-]+", "-", m["id"]).strip("-")
            assert anchor in ids, anchor
            assert f'href="#{anchor}"' in html  # the matrix cell links to it


def test_source_text_appears_once_in_full(report):
    html = render_html(report)
    doc = _parse(html)
    for src in report["sources"]:
        assert doc.text_of(f"text-{src['id']}") == _base(src)


def test_removed_junk_is_shown_struck_and_copies_marked(report):
    html = render_html(report)
    plain = next(s for s in report["sources"] if s["offsets_into"] == "original" and not s["copy_of"])
    junk = plain["removed"][0]["text"]
    section = re.search(rf'<div class="srctext" id="text-{plain["id"]}".*?</div>', html, re.S).group(0)
    assert 'class="rm"' in section
    assert "Home | World" in junk and "Home | World" in section
    assert "syndicated copy" in html
    assert "is-copy" in html


def test_untrusted_text_is_escaped(report):
    bad = copy.deepcopy(report)
    html_src = next(s for s in bad["sources"] if s["offsets_into"] == "text")
    html_src["text"] += "\n\n" + INJECT  # appended: existing offsets stay valid
    html_src["outlet"] = INJECT
    html_src["links"].append({"kind": "url", "value": "javascript:alert(1)", "start": None, "end": None})
    bad["claims"][0]["text"] = INJECT
    bad["claims"][0]["mentions"].append({
        "id": f"{html_src['id']}:99", "source": html_src["id"],
        "start": len(html_src["text"]) - len(INJECT), "end": len(html_src["text"]), "text": INJECT,
    })
    bad["quotes"][0]["content"] = INJECT
    bad["summary"][0]["text"] = INJECT
    bad["event"]["title"] = INJECT
    out = render_html(bad)
    assert "<script>alert" not in out
    assert "&lt;script&gt;alert(" in out
    assert 'href="javascript:' not in out
    assert out.count("<script>") == 1  # our own inline script only
    doc = _parse(out)
    assert doc.text_of(f"text-{html_src['id']}") == html_src["text"]
    md = render_markdown(bad)
    assert "<script>" not in md


def test_overlapping_and_bad_spans_do_not_crash():
    base = "Junk <b>&</b> line\n\nAlpha said: “Bravo charlie delta echo.” Foxtrot & golf <i>hotel</i>.\n"
    sid = "010_overlap"

    def sp(a, b):
        return {"start": a, "end": b, "text": base[a:b]}

    mentions = [
        {"id": f"{sid}:1", "source": sid, **sp(20, 60)},
        {"id": f"{sid}:2", "source": sid, **sp(35, 80)},  # crosses the first
        {"id": f"{sid}:3", "source": sid, **sp(40, 45)},  # nested in both
        {"id": f"{sid}:4", "source": sid, "start": 70, "end": 9999, "text": "out of range"},
        {"id": f"{sid}:5", "source": sid, "start": 30, "end": 30, "text": ""},
    ]
    report = {
        "event": {"title": "Overlap", "sources": 1, "languages": ["en"]},
        "sources": [{"id": sid, "format": "text", "offsets_into": "original", "original": base,
                     "text": base[20:].strip(), "removed": [{"text": base[0:18], "reason": "boilerplate", "start": 0, "end": 18}],
                     "links": [], "copy_of": None, "outlet": None, "published": None}],
        "claims": [
            {"id": "c1", "text": "A", "coverage": "unique", "sources": [sid], "independent": 1, "mentions": mentions[:2]},
            {"id": "c2", "text": "B", "coverage": "conflict", "sources": [sid], "independent": 1,
             "reason": "differs", "values": {sid: "x"}, "mentions": mentions[2:]},
        ],
        "quotes": [{"source": sid, "speaker": "Alpha", "cue": "said", "content": base[33:57], "kind": "direct",
                    "start": 31, "end": 58, "speaker_start": 20, "speaker_end": 25, "cue_start": 26, "cue_end": 30}],
        "framing": {"labels": [{"actor": "Alpha", "by_source": {sid: [sp(20, 25), sp(15, 28)]}}],
                    "loaded": [{"source": sid, "neutral": None, **sp(38, 50)}, {"source": sid, "neutral": "x", **sp(0, 7)}]},
        "summary": [{"text": "s", "claims": ["c1", "c9"], "kind": "partial"}],
    }
    html = render_html(report)
    doc = _parse(html)
    assert doc.text_of(f"text-{sid}") == base
    for anchor in ("m-010_overlap-1", "m-010_overlap-2", "m-010_overlap-3"):
        assert anchor in doc.ids
    assert render_markdown(report)


def test_empty_report_renders():
    assert "<!DOCTYPE html>" in render_html({})
    assert render_markdown({}).startswith("# ")
    assert render_html({"sources": [{"id": "x", "text": None}], "claims": [{"id": "c1", "mentions": [None]}]})


def test_markdown_has_claims_table(report):
    md = render_markdown(report)
    for heading in ("## Summary", "## Claims", "## Quotes", "## Framing", "## Sources"):
        assert heading in md
    assert "| ID | Claim | Coverage | Indep. | Sources |" in md
    for claim in report["claims"]:
        assert re.search(rf"^\| {re.escape(claim['id'])} \|.*\| {claim['coverage']} \|", md, re.M), claim["id"]
    # no source full texts
    for src in report["sources"]:
        assert src["text"][200:400] not in md


def test_headline_checks_shown_with_disputes_marked(report):
    r = copy.deepcopy(report)
    first, second = r["sources"][0], r["sources"][1]
    first["headline_check"] = {"stances": {second["id"]: "disagree", "no-such-source": "agree"}}
    html = render_html(r)
    assert "dispute it" in html and 'class="hl-check st-disagree"' in html
    assert "no-such-source" not in html  # a reader that is not in the report is not linked
    del first["headline_check"]
    assert 'class="hl-check' not in render_html(r)


def test_quotes_are_grouped_by_who_is_heard(report):
    r = copy.deepcopy(report)
    for q in r["quotes"]:
        q["who"] = "Netanyahu's office" if "office" in q["speaker"] else q["speaker"]
    html = render_html(r)
    doc = _parse(html)
    assert "Who is heard" in html
    offices = [q for q in r["quotes"] if q["who"] == "Netanyahu's office"]
    assert len({q["speaker"] for q in offices}) == 2  # "Netanyahu’s office" and "his office"
    # one row for the office, quoted by every outlet that carries it, with all its statements
    row = re.search(r"<tr><td><a href=\"#who-(\d+)\">Netanyahu&#39;s office</a></td><td>([^<]*)</td><td>(\d+)</td></tr>", html)
    assert row is not None and int(row.group(3)) == len(offices)
    assert f"who-{row.group(1)}" in doc.ids
    assert "as written: his office" in html
    md = render_markdown(r)
    assert md.count("| Netanyahu's office |") == len(offices)


def test_a_speaker_who_names_nobody_is_unnamed_not_merged(report):
    from rashomon.render import _View

    r = copy.deepcopy(report)
    first, second = r["quotes"][0], r["quotes"][1]
    for q in (first, second):
        q["speaker"], q["who"] = "I", None  # an unresolved "I" in two reports
    groups = {g["who"]: g for g in _View(r).speaker_rows()}
    assert "I" not in groups and len(groups["(unnamed)"]["quotes"]) >= 2
    shown = [row["shown"] for g in groups.values() for row in g["quotes"] if row["speaker"] == "I"]
    assert shown and set(shown) == {"I"}  # each quote still shows its speaker as written
    del first["who"]  # a report from before ``who``: grouped by the speaker as written
    assert any(g["who"] == "I" for g in _View(r).speaker_rows())
