"""The JSON API's response shapes, so ``/openapi.json`` tells a client exactly what it gets.

The report models follow ``docs/report-schema.md``. They allow extra fields: the report grows
(a new stage adds a key) faster than this file, and a client should still receive it.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

Coverage = Literal["consensus", "partial", "unique", "conflict"]


class _Open(BaseModel):
    model_config = ConfigDict(extra="allow")


class CoverageCounts(BaseModel):
    """How many claim groups of the event each coverage level holds."""

    consensus: int = 0
    partial: int = 0
    unique: int = 0
    conflict: int = 0


class EventOut(BaseModel):
    """One event as the events list shows it."""

    id: str
    title: str | None = None
    first_seen: str | None = None
    last_seen: str | None = None
    n_reports: int = 0
    n_outlets: int = 0
    outlets: list[str] = Field(default_factory=list)
    languages: list[str] = Field(default_factory=list)
    coverage: CoverageCounts | None = Field(None, description="claim groups per coverage level, once a report is stored")


class EventPage(BaseModel):
    """A page of events, newest first."""

    total: int
    limit: int
    offset: int
    query: str | None = None
    events: list[EventOut]


class ArticleOut(BaseModel):
    """A stored report of an event; ``duplicate_of`` names the original of a syndicated copy."""

    id: str
    url: str | None = Field(None, description="the report's address, only when it is http(s)")
    title: str | None = None
    outlet: str | None = None
    published: str | None = None
    language: str | None = None
    duplicate_of: str | None = None


class EventDetail(BaseModel):
    event: EventOut
    articles: list[ArticleOut]


class Mention(_Open):
    id: str | None = None
    source: str
    start: int | None = None
    end: int | None = None
    text: str | None = None


class ReportClaim(_Open):
    id: str
    text: str
    coverage: Coverage
    sources: list[str] = Field(default_factory=list)
    independent: int | None = None
    reason: str | None = None
    values: dict[str, Any] | None = None
    mentions: list[Mention] = Field(default_factory=list)


class ReportSource(_Open):
    id: str
    title: str | None = None
    outlet: str | None = None
    author: str | None = None
    published: str | None = None
    language: str | None = None
    url: str | None = None
    format: str | None = None
    offsets_into: str | None = None
    text: str = ""
    copy_of: str | None = None


class ReportQuote(_Open):
    source: str
    speaker: str | None = None
    who: str | None = Field(None, description="the speaker named one way across the event (quotes are grouped by it)")
    cue: str | None = None
    content: str | None = None
    kind: str | None = None
    start: int | None = None
    end: int | None = None
    claims: list[str] = Field(default_factory=list)


class Framing(_Open):
    labels: list[dict[str, Any]] = Field(default_factory=list)
    loaded: list[dict[str, Any]] = Field(default_factory=list)


class SummarySentence(_Open):
    text: str
    claims: list[str] = Field(default_factory=list)
    kind: str | None = None


class EventHeader(_Open):
    title: str | None = None
    sources: int | None = None
    languages: list[str] = Field(default_factory=list)


class Report(_Open):
    """The event report, as ``rashomon analyze --json`` writes it (docs/report-schema.md)."""

    rashomon: str | None = None
    event: EventHeader = Field(default_factory=EventHeader)
    sources: list[ReportSource] = Field(default_factory=list)
    claims: list[ReportClaim] = Field(default_factory=list)
    quotes: list[ReportQuote] = Field(default_factory=list)
    framing: Framing = Field(default_factory=Framing)
    summary: list[SummarySentence] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)


class Problem(BaseModel):
    """Why a request was refused, in words a person can act on."""

    detail: str
