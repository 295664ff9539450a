"""Clean text pasted from a web page: which lines are the story, which are page junk.

There is no markup to lean on, so each line is described by what a reader sees: its length,
whether it ends like a sentence, capitals and digits, bullets and links, blank lines around
it, where it lies relative to the bulk of the prose, and the same for its neighbours. The
classifier (``models/text_lines.joblib``) is trained on the dev pages of the Article
Extraction Benchmark rendered as pasted text (see ``training.text_examples``), never on the
seeds or a list of their junk strings.

Lines keep their character offsets into the ORIGINAL input, so every paragraph of the
cleaned article points back to the exact characters it came from.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

import numpy as np

_WORD = re.compile(r"\w+")
_SENTENCE_END = re.compile(r"[.!?…:;][\"'”’»)\]]*$")
_BULLET = re.compile(r"^[\-–—•·*▪►|>]")
_URL_ONLY = re.compile(r"^(https?://|www\.)\S+$", re.I)
_URL = re.compile(r"https?://|www\.", re.I)
_NUMBER_ONLY = re.compile(r"^[\d\s.,:/()+\-–]+$")
_DATE_OR_TIME = re.compile(
    r"\b(\d{1,2}:\d{2}|\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{2,4}|"
    r"(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d{1,2}|\d{1,2} (jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec))",
    re.I,
)
_QUOTE = re.compile(r"[\"“”«»„]")
_BOILER_MARKS = re.compile(
    r"©|\bcopyright\b|all rights reserved|\bcookies?\b|\bsubscribe\b|\bnewsletter\b|\bsign up\b|\blog ?in\b|"
    r"\bshare\b|\bcomments?\b|\breply\b|\bread more\b|\badvertis|\bclick\b|\bfollow us\b",
    re.I,
)
PROSE_WORDS = 12  # a line this long that ends like a sentence counts as prose
CONTEXT_OFFSETS = (-3, -2, -1, 1, 2, 3)


@dataclass(frozen=True)
class Line:
    """A non-blank line: ``original[start:end] == text`` (surrounding spaces excluded)."""

    start: int
    end: int
    text: str
    blank_before: bool
    indent: int


def split_lines(original: str) -> list[Line]:
    """Non-blank lines of the input with their exact offsets; blank lines become flags."""
    lines: list[Line] = []
    pos = 0
    blank = True
    for raw in original.splitlines(keepends=True):
        body = raw.rstrip("\r\n")
        stripped = body.strip()
        if stripped:
            lead = len(body) - len(body.lstrip())
            start = pos + lead
            lines.append(Line(start, start + len(stripped), stripped, blank, lead))
            blank = False
        else:
            blank = True
        pos += len(raw)
    return lines


def _is_prose(text: str, words: int) -> bool:
    return words >= PROSE_WORDS and bool(_SENTENCE_END.search(text))


def _own(line: Line, words: list[str], repeats: int) -> list[float]:
    text = line.text
    n = len(words)
    tokens = text.split()
    long_tokens = [t for t in tokens if len(t) > 3]
    return [
        math.log1p(n),
        math.log1p(len(text)),
        text.count(".") / (n + 1),
        text.count(",") / (n + 1),
        sum(1 for t in tokens if t[:1].isupper()) / (len(tokens) or 1),
        sum(1 for t in long_tokens if t[:1].isupper()) / (len(long_tokens) or 1),
        sum(ch.isdigit() for ch in text) / (len(text) or 1),
        1.0 if _SENTENCE_END.search(text) else 0.0,
        1.0 if text.endswith(("?", "!")) else 0.0,
        1.0 if _BULLET.match(text) else 0.0,
        1.0 if text.isupper() and n > 1 else 0.0,
        1.0 if _DATE_OR_TIME.search(text) else 0.0,
        1.0 if _BOILER_MARKS.search(text) else 0.0,
        1.0 if _URL_ONLY.match(text) else 0.0,
        1.0 if _URL.search(text) else 0.0,
        1.0 if _NUMBER_ONLY.match(text) else 0.0,
        1.0 if "@" in text else 0.0,
        1.0 if _QUOTE.search(text) else 0.0,
        sum(len(w) for w in words) / n if n else 0.0,
        math.log1p(repeats - 1),
        1.0 if line.blank_before else 0.0,
        min(line.indent, 8) / 8,
    ]


OWN_COUNT = 22
ENDS_LIKE_SENTENCE = 7  # column of _own


def line_features(lines: list[Line], original: str) -> np.ndarray:
    """One row of features per line."""
    n = len(lines)
    if n == 0:
        return np.zeros((0, feature_count()), dtype=np.float32)
    words = [_WORD.findall(ln.text.lower()) for ln in lines]
    counts: dict[str, int] = {}
    for ln in lines:
        counts[ln.text] = counts.get(ln.text, 0) + 1
    own = [_own(ln, w, counts[ln.text]) for ln, w in zip(lines, words)]
    prose = [_is_prose(ln.text, len(w)) for ln, w in zip(lines, words)]
    prose_words = np.array([len(w) if p else 0 for w, p in zip(words, prose)], dtype=float)
    total_prose = prose_words.sum() or 1.0
    before = np.concatenate([[0.0], np.cumsum(prose_words)[:-1]]) / total_prose
    longest = max(len(w) for w in words) or 1

    dist_prev = [0] * n
    dist_next = [0] * n
    seen = -10_000
    for i in range(n):
        if prose[i]:
            seen = i
        dist_prev[i] = min(i - seen, 50)
    seen = 10_000 + n
    for i in range(n - 1, -1, -1):
        if prose[i]:
            seen = i
        dist_next[i] = min(seen - i, 50)

    rows = []
    for i in range(n):
        row = list(own[i])
        row += [
            i / n,
            lines[i].start / (len(original) or 1),
            before[i],
            1.0 if prose[i] else 0.0,
            math.log1p(dist_prev[i]),
            math.log1p(dist_next[i]),
            len(words[i]) / longest,
            math.log1p(total_prose),
        ]
        for off in CONTEXT_OFFSETS:
            j = i + off
            if 0 <= j < n:
                row += [math.log1p(len(words[j])), own[j][ENDS_LIKE_SENTENCE], 1.0 if prose[j] else 0.0, own[j][20]]
            else:
                row += [-1.0, -1.0, -1.0, -1.0]
        rows.append(row)
    return np.asarray(rows, dtype=np.float32)


def feature_count() -> int:
    return OWN_COUNT + 8 + 4 * len(CONTEXT_OFFSETS)


def is_prose(text: str) -> bool:
    """A line that is sentences: long enough, and ending like a sentence or holding several.

    Used only when the line classifier keeps nothing, e.g. a bare story with no page around
    it ("… were laughing at her. (c) tPC" still reads as prose).
    """
    words = len(text.split())
    return _is_prose(text, words) or (words >= 2 * PROSE_WORDS and len(re.findall(r"[.!?][\"”’)]?\s+[A-Z\"“]", text)) >= 2)
