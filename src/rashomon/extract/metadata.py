"""Metadata a report states about itself, and the sources it cites.

HTML pages state most of it in markup (meta tags, JSON-LD), which trafilatura and htmldate
read. Pasted text states it in words near the top: "Sun 10 Dec 2023 4:15 pm",
"date 2023-12-10", "20:37, 12/10/23", "Dec 11, 2023", a headline line, a byline. Cited
sources are the URLs a report prints or links and the outlets it names as its source
("according to the Times of Israel").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlparse

from dateutil import parser as date_parser

from ..model import CitedSource

_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_DAY = r"(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?"
_TIME = r"\d{1,2}:\d{2}(?::\d{2})?(?:\s*[ap]\.?m\.?)?"
# Each pattern finds one way of writing a date; they are tried in order, most explicit first.
DATE_PATTERNS = [
    re.compile(rf"\b\d{{4}}-\d{{2}}-\d{{2}}(?:[T ]{_TIME})?", re.I),
    re.compile(rf"\b(?:{_DAY}\s+)?\d{{1,2}}\s+{_MONTH},?\s+\d{{4}}(?:,?\s+(?:at\s+)?{_TIME})?", re.I),
    re.compile(rf"\b(?:{_DAY}\s+)?{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}(?:,?\s+(?:at\s+)?{_TIME})?", re.I),
    re.compile(rf"\b(?:{_TIME},?\s+)?\d{{1,2}}/\d{{1,2}}/\d{{2,4}}(?:\s+\((?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\))?(?:\s+{_TIME})?", re.I),
    re.compile(rf"\b\d{{1,2}}\.\d{{1,2}}\.\d{{4}}(?:,?\s+{_TIME})?", re.I),
]
_TIME_IN = re.compile(_TIME, re.I)
_URL = re.compile(r"""(?:https?://|www\.)[^\s<>"'“”)\]]+""", re.I)
_BYLINE = re.compile(r"^(?:by|written by|author:?)\s+([A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){0,3})", re.I)
_NAME = re.compile(r"[A-Z][a-z'’-]+(?:\s+[A-Z][a-z'’-]+){1,2}")

# Words that mark a name as a news organisation. Used only to tell an outlet cited as a
# source ("according to the Times of Israel") from a person or an office.
OUTLET_WORDS = frozenset(
    "times post news press agency journal gazette herald tribune telegraph guardian daily weekly "
    "radio tv television channel broadcasting network wire chronicle observer independent monitor "
    "reuters ap afp tass ria interfax bloomberg bbc cnn nbc cbs abc fox msnbc npr pbs aljazeera "
    "jazeera haaretz ynet kommersant izvestia vedomosti xinhua kyodo yonhap dpa ansa efe "
    "axios politico vox wired economist newsweek forbes magazine review insider".split()
)
_CITE = re.compile(
    r"(?i:according to|reported by|citing|cited by|as reported by|quoted by|told)\s+(?:the\s+)?"
    r"((?:[A-Z][\w&'’.-]*|of|the)(?:\s+(?:[A-Z][\w&'’.-]*|of|the))*)"
)
_REPORTED = re.compile(r"((?:The\s+)?[A-Z][\w&'’.-]*(?:\s+(?:[A-Z][\w&'’.-]*|of))*)\s+(?:reported|reports|wrote|writes)\b")


@dataclass(frozen=True)
class FoundDate:
    iso: str
    start: int
    end: int


def find_date(text: str, *, dayfirst: bool = False) -> FoundDate | None:
    """The first date written in `text`, as ISO 8601 (with the time when one is given)."""
    best: tuple[int, re.Match] | None = None
    for pattern in DATE_PATTERNS:
        m = pattern.search(text)
        if m and (best is None or m.start() < best[1].start()):
            best = (0, m)
    if best is None:
        return None
    m = best[1]
    iso = parse_date(m.group(0), dayfirst=dayfirst)
    return FoundDate(iso, m.start(), m.end()) if iso else None


def parse_date(value: str, *, dayfirst: bool = False) -> str | None:
    """ISO 8601 for a written date, or None; a two-digit slash date is read month first."""
    cleaned = re.sub(r"\((?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\)", " ", value, flags=re.I)
    cleaned = cleaned.replace(" at ", " ").strip(" ,")
    try:
        dt = date_parser.parse(cleaned, dayfirst=dayfirst, fuzzy=True)
    except (ValueError, OverflowError, date_parser.ParserError):
        return None
    if not 1990 <= dt.year <= datetime.now().year + 1:
        return None
    has_time = bool(_TIME_IN.search(value))
    return dt.replace(tzinfo=None).isoformat(timespec="minutes") if has_time else dt.date().isoformat()


def dateline_names(line: str, date: FoundDate | None) -> tuple[str | None, str | None]:
    """(author, outlet) named on a byline ("By Jane Doe") or on the date line beside the date.

    A name that looks like a news organisation ("— Coastal Wire") is the outlet; a time
    zone ("Jerusalem Time") is neither.
    """
    m = _BYLINE.match(line.strip())
    if m:
        return m.group(1).strip(), None
    if date is None:
        return None, None
    rest = (line[: date.start] + " " + line[date.end :]).strip()
    rest = re.sub(r"^(?:date|published|updated|posted)\b:?", "", rest, flags=re.I).strip()
    rest = re.sub(r"[\d:/,|•·—–-]+", " ", rest)
    # a forum post header ("Anonymous 06/09/26 (Tue) 14:12:44 No.4417") names no author
    rest = re.sub(r"\b(?:Anonymous|No\.?)(?=\s|$)|\((?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)\)", " ", rest)
    author = outlet = None
    for name in _NAME.findall(rest):
        if re.search(r"\b(?:time|timezone)$", name, re.I) or re.match(_DAY, name, re.I) or re.match(_MONTH, name, re.I):
            continue
        if looks_like_outlet(name):
            outlet = outlet or name
        else:
            author = author or name
    return author, outlet


def looks_like_outlet(name: str) -> bool:
    words = [w.strip(".’'").lower() for w in name.split()]
    return any(w in OUTLET_WORDS for w in words) or (name.isupper() and 2 <= len(name) <= 6)


def outlet_from_url(url: str) -> str | None:
    host = urlparse(url if "://" in url else f"http://{url}").hostname or ""
    host = host.lower()
    for prefix in ("www.", "en.", "m.", "amp."):
        if host.startswith(prefix):
            host = host[len(prefix) :]
    return host or None


def cited_sources(text: str, base: int = 0, hrefs: list[str] | None = None) -> list[CitedSource]:
    """URLs printed in or linked from the text, and outlets it names as its sources.

    Offsets are into `text` shifted by `base`, so callers can point them into the original.
    """
    found: list[CitedSource] = []
    seen: set[tuple[str, str]] = set()

    def add(kind: str, value: str, start: int | None, end: int | None) -> None:
        key = (kind, value.lower())
        if key not in seen:
            seen.add(key)
            found.append(CitedSource(kind, value, start, end))  # type: ignore[arg-type]

    for m in _URL.finditer(text):
        url = m.group(0).rstrip(".,;:")
        add("url", url, base + m.start(), base + m.start() + len(url))
    for href in hrefs or []:
        if href.startswith(("http://", "https://")):
            add("url", href, None, None)
    for pattern in (_CITE, _REPORTED):
        for m in pattern.finditer(text):
            name = _trim_name(m.group(1))
            if name and looks_like_outlet(name):
                start = base + m.start(1) + m.group(1).find(name)
                add("outlet", name, start, start + len(name))
    return found


def _trim_name(name: str) -> str:
    words = name.split()
    while words and words[-1] in ("of", "the"):
        words.pop()
    while words and words[0] in ("of", "the", "The"):
        words.pop(0)
    return " ".join(words)
