"""The typed records that flow between Rashomon's stages.

Every stage takes records and returns records. Offsets are always character offsets into
the text a person can open: the ORIGINAL input file for plain-text reports, the cleaned
``Article.text`` for HTML reports (an HTML page's markup is not something a reader can
point into). ``Article.offsets_into`` says which one applies, so a later stage never has to
guess, and ``original[start:end] == text`` holds for every span.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field, replace
from typing import Any, Literal

#: a sentence end: a stop, closing marks, space and a capital ("the U.S. government" is no
#: end), or a CJK full stop
_SENTENCE_END = re.compile(r"[.!?…][\"”’')\]]*\s+(?=[A-Z\"“‘'(\[])|[。！？][\"”’')\]」』]*")


def sentence_cut(text: str, limit: int) -> int:
    """Where to cut ``text`` to keep at most ``limit`` characters: after the last sentence end
    inside them, else after the last space, else 0 (nowhere fit to cut)."""
    window = text[:limit]
    ends = [m.end() for m in _SENTENCE_END.finditer(window)]
    return ends[-1] if ends else window.rfind(" ") + 1

OffsetBase = Literal["original", "text"]
Coverage = Literal["consensus", "partial", "unique", "conflict"]


@dataclass(frozen=True)
class Span:
    """A stretch of characters, ``[start, end)``, and the text it covers."""

    start: int
    end: int
    text: str

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"bad span [{self.start}, {self.end})")


@dataclass(frozen=True)
class Paragraph(Span):
    """One paragraph of the cleaned article."""


@dataclass(frozen=True)
class RemovedPiece:
    """A piece of page junk that extraction dropped, and why (``boilerplate``, ``title``, ``dateline``,
    ``caption``, ``link``, ``byline``: the note on the writer after the story; ``related``: a
    link to another story under its label, "MORE: …", "SEE ALSO: …").

    For plain text the offsets point into the original input; an HTML page's junk has no
    place in the cleaned text, so there they are None.
    """

    text: str
    reason: str = "boilerplate"
    start: int | None = None
    end: int | None = None


@dataclass(frozen=True)
class CitedSource:
    """A source the report itself cites: a URL it links or prints, or an outlet it names."""

    kind: Literal["url", "outlet"]
    value: str
    start: int | None = None  # offset of the mention, where the report states it in its text
    end: int | None = None


@dataclass
class Article:
    """One report, extracted: metadata, clean body, what was removed, and what it cites."""

    id: str
    path: str
    text: str
    paragraphs: list[Paragraph]
    offsets_into: OffsetBase
    format: Literal["html", "text"]
    title: str | None = None
    outlet: str | None = None
    author: str | None = None
    published: str | None = None  # ISO 8601: a date, or a date and time
    language: str | None = None
    url: str | None = None
    removed: list[RemovedPiece] = field(default_factory=list)
    sources: list[CitedSource] = field(default_factory=list)
    original: str | None = None  # the decoded input, kept for plain text so offsets can be checked
    encoding: str | None = None

    @property
    def base(self) -> str:
        """The text this article's offsets index into (original input, or the cleaned text)."""
        base = self.original if self.offsets_into == "original" else self.text
        if base is None:
            raise ValueError(f"{self.id}: offsets refer to the original input, which is not kept")
        return base

    def locate(self, start: int, end: int) -> tuple[int, int]:
        """Map a ``[start, end)`` span of ``text`` to offsets in ``base``.

        ``text`` is the paragraphs joined by blank lines, so a span inside one paragraph maps
        by that paragraph's shift. Stages work on ``text`` and report spans through this, which
        keeps ``base[start:end] == text[start:end]`` true for every mention they emit.
        """
        pos = 0
        for para in self.paragraphs:
            stop = pos + len(para.text)
            if pos <= start and end <= stop:
                return para.start + (start - pos), para.start + (end - pos)
            pos = stop + 2
        raise ValueError(f"{self.id}: span [{start}, {end}) crosses a paragraph boundary of the cleaned text")

    def truncated(self, max_chars: int) -> "Article":
        """This article read up to about ``max_chars`` characters of ``text``: whole
        paragraphs while they fit, the next one cut after its last sentence end that fits
        (else at a space). Paragraph offsets are kept, so every span still maps into
        ``base``; an article within the limit comes back as it is."""
        if len(self.text) <= max_chars:
            return self
        kept: list[Paragraph] = []
        used = 0
        for para in self.paragraphs:
            room = max_chars - used
            if len(para.text) <= room:
                kept.append(para)
                used += len(para.text) + 2
                continue
            cut = sentence_cut(para.text, room)
            if cut > 0:
                piece = para.text[:cut].rstrip()
                kept.append(Paragraph(para.start, para.start + len(piece), piece))
            break
        return replace(self, text="\n\n".join(p.text for p in kept), paragraphs=kept)

    def span_text(self, start: int, end: int) -> str:
        """The characters an offset pair points at, in whichever text the offsets refer to."""
        base = self.original if self.offsets_into == "original" else self.text
        if base is None:
            raise ValueError(f"{self.id}: offsets refer to the original input, which is not kept")
        return base[start:end]

    def to_dict(self, *, include_original: bool = False) -> dict[str, Any]:
        data = asdict(self)
        if not include_original:
            data.pop("original", None)
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Article":
        """The inverse of ``to_dict(include_original=True)``: a stored article comes back
        whole, so nothing stored is ever parsed from its page again."""
        data = dict(data)
        data["paragraphs"] = [Paragraph(**p) for p in data.get("paragraphs") or []]
        data["removed"] = [RemovedPiece(**r) for r in data.get("removed") or []]
        data["sources"] = [CitedSource(**c) for c in data.get("sources") or []]
        known = set(cls.__dataclass_fields__)
        return cls(**{k: v for k, v in data.items() if k in known})


@dataclass(frozen=True)
class Sentence(Span):
    """A sentence of one source, with offsets like every other span of that source."""

    source: str = ""


@dataclass
class Claim:
    """One statement a source makes (a sentence or a part of one)."""

    id: str
    source: str
    start: int
    end: int
    text: str
    #: for a unit cut from a longer sentence without its own subject: that sentence's
    #: subject ("Netanyahu" for "criticizing Moscow's alliance with Iran"), used to compare
    #: the unit with other sources' statements; not part of the span
    context: str | None = None
    #: for a unit whose subject is "he" or "she": the person it refers to (the person who was
    #: the subject of the nearest sentence before it), so a summary that quotes the unit
    #: alone can say who; ``None`` when no such person is near
    antecedent: str | None = None
    #: cut from a line that ends without a stop: a headline, standfirst, caption or list
    #: item, written in telegraphic style ("Premier holds 50-minute conversation with
    #: Russian leader"); true to its source, but not how a summary sentence reads
    headline: bool = False
    #: for a unit whose own verb continues a verb before it in its sentence and so has no
    #: subject of its own ("… and are now living in a tiny flat", "…, but later realised the
    #: video had been leaked"): that verb's subject as a reader needs it ("The family"), or
    #: the person its "he"/"she" stands for. Only for reading the unit alone, as a summary
    #: does; alignment compares the unit's own words (and ``context``), which is measured to
    #: group better than words borrowed from a neighbouring clause
    shared_subject: str | None = None
    #: the unit's own main subject is a pronoun left unresolved ("For about 50 minutes they
    #: exchanged …"): read alone, as in a summary, it does not say who
    pronoun_subject: bool = False
    #: the named things the statement mentions, as lower-case keys: people by surname
    #: ("putin"), organisations, products, buildings, works, events and laws by their whole
    #: name ("red cross", "best buy"); places and dates are left out (they set the scene of
    #: many facts). Empty when no parse was at hand. Alignment reads them as evidence.
    names: frozenset[str] = frozenset()
    #: the verbs the statement uses, as lemmas ("blamed" -> "blame", "its hosting of" ->
    #: "host"), less speech verbs and light verbs ("say", "make"). Empty when no parse was at
    #: hand. Alignment reads a verb few statements of an event use as evidence.
    verbs: frozenset[str] = frozenset()
    #: the uncommon content words the statement carries inside quotation marks, lower case,
    #: plural "s" dropped ("these attacks are garbage" -> "garbage"; "attacks" is too common
    #: in English): two outlets quoting the same words report the same remark. Empty when no
    #: parse was at hand.
    quoted: frozenset[str] = frozenset()
    #: who acts on whom, when both are named: (the main verb's subject, its object or the
    #: object of its preposition) as name keys ("Trump lashed out at Cruz" -> ("trump",
    #: "cruz")); ``None`` otherwise. Two statements with the roles swapped tell two facts.
    roles: tuple[str, str] | None = None
    #: the statement's own clause has a finite verb ("Inslee banned travel", "Pence has been
    #: defending the law"); false for a phrase cut from its sentence ("Inslee and Murray
    #: banning travel to Indiana", "trying to explain the law ever since …"), which is the
    #: source's words but no sentence a summary can print. True when no parse was at hand.
    finite: bool = True
    #: the person whose words the statement gives, when the quotes stage heard one person
    #: by name in it (``Quote.who`` where ``Quote.person``: "Sanders", "Warren"); ``None``
    #: for the writer's own statements, for an office, a body or an outlet, and for a
    #: speaker known only as "he" or "officials". Two people's calls for the same thing are
    #: two facts, however alike their words.
    speaker: str | None = None


@dataclass
class ClaimGroup:
    """Statements from several sources that say the same thing."""

    id: str
    text: str
    coverage: Coverage
    claims: list[Claim] = field(default_factory=list)
    reason: str | None = None  # for a conflict: the one-line reason


@dataclass
class Quote:
    """Who said what, through which outlet.

    ``start``/``end`` locate the content (the words attributed); the speaker and cue carry
    their own offsets where the text states them, so a reader can jump to either.
    """

    source: str
    speaker: str
    cue: str
    content: str
    start: int
    end: int
    kind: Literal["direct", "indirect"] = "direct"
    speaker_start: int | None = None
    speaker_end: int | None = None
    cue_start: int | None = None
    cue_end: int | None = None
    #: who is heard, named the same way in every report of an event ("Netanyahu" for "Israeli
    #: Prime Minister Benjamin Netanyahu", "he" and "The Prime Minister"; "Netanyahu's office"
    #: for "his office" and "the press service of Netanyahu"), to group quotes by speaker
    who: str | None = None
    #: ``who`` is one person by name ("Warren"), not an office, a body, a role or an outlet
    #: ("Netanyahu's office", "the Kremlin", "the Times of Israel"): two people's words are
    #: two statements, while one fact reaches outlets through several channels
    person: bool = False


@dataclass
class FramingSpan:
    """A loaded word or a label an outlet gives an actor."""

    source: str
    start: int
    end: int
    text: str
    kind: Literal["loaded", "label"]
    target: str | None = None


@dataclass
class Event:
    """Reports that cover one happening."""

    id: str
    article_ids: list[str] = field(default_factory=list)
    first_seen: str | None = None
    last_seen: str | None = None


@dataclass
class Report:
    """The event report: sources, claim groups, quotes, framing and a neutral summary."""

    sources: list[Article]
    claims: list[ClaimGroup] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    framing: list[FramingSpan] = field(default_factory=list)
    summary: list[dict[str, Any]] = field(default_factory=list)
