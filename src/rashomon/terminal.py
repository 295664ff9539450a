"""The event report in a terminal: summary, claims × sources, conflicts, quotes, framing."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.table import Table

COVERAGE_STYLE = {"consensus": "green", "partial": "cyan", "unique": "yellow", "conflict": "bold red"}
MARK = {"consensus": "●", "partial": "●", "unique": "◆", "conflict": "✖"}


def _label(source: dict) -> str:
    return escape(source.get("outlet") or source["id"])


def clip(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters, with an ellipsis when something was cut."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def print_report(report: dict[str, Any], console: Console | None = None, *, max_claims: int = 40) -> None:
    """Print a readable view of a report dict (the JSON the `analyze` command writes).

    Everything taken from the reports is escaped: rich reads "[…]" as markup, and pasted
    pages carry brackets ("[/quote]" from a forum, "[sic]") that would be eaten or crash."""
    console = console or Console()
    event = report["event"]
    sources = report["sources"]
    console.rule(f"[bold]{escape(event['title'])}[/bold]")
    span = " – ".join(d for d in (event.get("first_published"), event.get("last_published")) if d)
    console.print(f"{event['sources']} sources · languages {', '.join(event['languages'])}" + (f" · {span}" if span else ""))

    table = Table(title="Sources", title_justify="left", show_lines=False)
    for col in ("#", "id", "outlet", "published", "title", "words", "note"):
        table.add_column(col, overflow="fold")
    for n, s in enumerate(sources, 1):
        note = f"copy of {s['copy_of']}" if s.get("copy_of") else ""
        table.add_row(str(n), escape(s["id"]), escape(s.get("outlet") or "—"), escape((s.get("published") or "—")[:16]), escape(clip(s.get("title") or "—", 60)), str(len(s["text"].split())), escape(note))
    console.print(table)

    if report.get("summary"):
        console.print("[bold]Neutral summary[/bold]")
        for sent in report["summary"]:
            style = COVERAGE_STYLE.get(sent.get("kind", ""), "")
            console.print(f"  • [{style}]{escape(sent['text'])}[/{style}] [dim]\\[{escape(', '.join(sent['claims']))}][/dim]")

    claims = report["claims"]
    shown = [c for c in claims if len(c["sources"]) > 1 or c["coverage"] == "conflict"]
    hidden_unique = len(claims) - len(shown)
    matrix = Table(title=f"Claims × sources ({len(claims)} claims; {hidden_unique} unique ones not listed, see --json/--html)", title_justify="left")
    matrix.add_column("claim", style="dim")
    matrix.add_column("coverage")
    matrix.add_column("statement", overflow="fold", ratio=3)
    for n, _ in enumerate(sources, 1):
        matrix.add_column(str(n), justify="center")
    for c in shown[:max_claims]:
        style = COVERAGE_STYLE[c["coverage"]]
        cells = [f"[{style}]{MARK[c['coverage']]}[/{style}]" if s["id"] in c["sources"] else "[dim]·[/dim]" for s in sources]
        statement = escape(c["text"]) + (f"\n[red]{escape(c['reason'])}[/red]" if c.get("reason") else "")
        matrix.add_row(escape(c["id"]), f"[{style}]{c['coverage']}[/{style}]", statement, *cells)
    console.print(matrix)

    if report.get("quotes"):
        from .render import _View  # noqa: PLC2701 - the renderer's view groups quotes for every output

        groups = _View(report).speaker_rows()
        wt = Table(title="Who is heard", title_justify="left")
        for col in ("speaker", "quoted by", "statements"):
            wt.add_column(col, overflow="fold")
        label = {s["id"]: escape(s.get("outlet") or f"#{n}") for n, s in enumerate(sources, 1)}  # as in the Sources table
        for g in groups:
            outlets = list(dict.fromkeys(label.get(q["source"], escape(q["source"])) for q in g["quotes"]))
            wt.add_row(escape(g["who"]), ", ".join(outlets), str(len(g["quotes"])))
        console.print(wt)
        qt = Table(title="Who said what", title_justify="left")
        for col in ("speaker", "cue", "content", "source"):
            qt.add_column(col, overflow="fold")
        for q in [q for g in groups for q in g["quotes"]][:30]:
            qt.add_row(escape(q["shown"]), escape(q["cue"]), escape(clip(q["content"], 159)), label.get(q["source"], escape(q["source"])))
        console.print(qt)

    framing = report.get("framing") or {}
    if framing.get("labels"):
        ft = Table(title="How outlets label the same actors", title_justify="left")
        ft.add_column("actor")
        for n, _ in enumerate(sources, 1):
            ft.add_column(str(n), overflow="fold")
        for actor in framing["labels"][:8]:
            by = actor["by_source"]
            ft.add_row(escape(actor["actor"]), *[escape("; ".join(dict.fromkeys(x["text"] for x in by.get(s["id"], [])))) or "[dim]—[/dim]" for s in sources])
        console.print(ft)
    if framing.get("loaded"):
        words: dict[str, list[str]] = {}
        for span in framing["loaded"]:
            words.setdefault(span["source"], []).append(span["text"])
        console.print("[bold]Loaded words[/bold]")
        for s in sources:
            if s["id"] in words:
                console.print(f"  {_label(s)}: {escape(', '.join(dict.fromkeys(words[s['id']])))}")
