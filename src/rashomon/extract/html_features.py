"""Numeric description of each block of a page, for the article/junk classifier.

Three kinds of evidence are combined, so that no single one decides:
- what trafilatura kept (the first opinion) and where that run of text lies in the page;
- the page's structure: the block's tag, the class/id words of its ancestors, the
  sectioning elements around it, link density, how much text its siblings carry;
- the words: length, sentence punctuation, capitals, digits, bullets, copyright marks.
Each block also sees the same few figures for its neighbours, because a story is a run of
paragraphs, and junk comes in runs too (lists of related stories, footers).
"""

from __future__ import annotations

import math
import re

import numpy as np

from .blocks import ATTRIBUTE_CUES, OWNER_TAGS, SECTION_TAGS, Block, block_words_in, text_trigrams

_SENTENCE_END = re.compile(r"[.!?…][\"'”’)]*$")
_BULLET = re.compile(r"^[\-–—•·*▪►|]")
_TIME_OR_DATE = re.compile(r"\b(\d{1,2}[:/.]\d{2}|\d{4}-\d{2}-\d{2}|(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d{1,2})\b", re.I)
_BOILER_MARKS = re.compile(r"©|\bcopyright\b|all rights reserved|\bcookies?\b|\bsubscribe\b|\bnewsletter\b|\bsign up\b|\blog ?in\b|\bshare\b|\bcomments?\b|\bread more\b|\badvertis", re.I)

CONTEXT_OFFSETS = (-3, -2, -1, 1, 2, 3)
FIRST_OPINION_COLUMN = 16  # in _own_features: share of the block found in trafilatura's text


def _own_features(block: Block, in_first_opinion: float, title_overlap: float) -> list[float]:
    text = block.text
    n = block.n_words
    n_chars = len(text)
    caps = sum(1 for w in text.split() if w[:1].isupper())
    digits = sum(ch.isdigit() for ch in text)
    feats = [
        math.log1p(n),
        math.log1p(n_chars),
        block.link_words / n if n else 0.0,
        1.0 if n and block.link_words >= n else 0.0,
        text.count(".") / (n + 1),
        text.count(",") / (n + 1),
        caps / (len(text.split()) or 1),
        digits / (n_chars or 1),
        1.0 if _SENTENCE_END.search(text) else 0.0,
        1.0 if _BULLET.match(text) else 0.0,
        1.0 if text.isupper() and n > 1 else 0.0,
        1.0 if _TIME_OR_DATE.search(text) else 0.0,
        1.0 if _BOILER_MARKS.search(text) else 0.0,
        1.0 if "http" in text or "www." in text else 0.0,
        1.0 if "@" in text else 0.0,
        sum(len(w) for w in block.words) / n if n else 0.0,
        in_first_opinion,
        title_overlap,
    ]
    feats += [1.0 if block.tag == t else 0.0 for t in OWNER_TAGS]
    feats.append(1.0 if block.tag in ("h5", "h6") else 0.0)
    feats += [1.0 if s in block.sections else 0.0 for s in SECTION_TAGS]
    feats += [1.0 / (1 + block.attr_cues[c]) if c in block.attr_cues else 0.0 for c in ATTRIBUTE_CUES]
    return feats


def _title_overlap(words: list[str], title_words: set[str]) -> float:
    if not words or not title_words:
        return 0.0
    ws = set(words)
    return len(ws & title_words) / len(ws | title_words)


def page_features(blocks: list[Block], first_opinion: str, title: str) -> np.ndarray:
    """One row of features per block; `first_opinion` is trafilatura's text for the page."""
    if not blocks:
        return np.zeros((0, feature_count()), dtype=np.float32)
    trigrams, padded = text_trigrams(first_opinion or "")
    title_words = set(re.findall(r"\w+", (title or "").lower()))
    coverage = [block_words_in(b.words, trigrams, padded) for b in blocks]
    own = [_own_features(b, c, _title_overlap(b.words, title_words)) for b, c in zip(blocks, coverage)]

    n = len(blocks)
    repeats: dict[str, int] = {}
    for b in blocks:
        repeats[b.text] = repeats.get(b.text, 0) + 1
    kept = [i for i, c in enumerate(coverage) if c >= 0.5]
    first, last = (kept[0], kept[-1]) if kept else (n, -1)
    total_words = sum(b.n_words for b in blocks) or 1
    kept_words = sum(blocks[i].n_words for i in kept)

    # Sibling paragraphs: how much text their shared container holds, and how much of it
    # the first opinion kept. Story paragraphs tend to share one big container.
    container_words: dict[int, int] = {}
    container_kept: dict[int, float] = {}
    for b, c in zip(blocks, coverage):
        container_words[b.container] = container_words.get(b.container, 0) + b.n_words
        container_kept[b.container] = container_kept.get(b.container, 0.0) + c * b.n_words

    # Nearest kept block, in blocks, before and after: runs matter more than single blocks.
    dist_prev = [0] * n
    dist_next = [0] * n
    last_seen = -10_000
    for i in range(n):
        if coverage[i] >= 0.5:
            last_seen = i
        dist_prev[i] = min(i - last_seen, 50)
    next_seen = 10_000 + n
    for i in range(n - 1, -1, -1):
        if coverage[i] >= 0.5:
            next_seen = i
        dist_next[i] = min(next_seen - i, 50)

    rows = []
    for i, b in enumerate(blocks):
        cw = container_words[b.container]
        row = list(own[i])
        row += [
            i / n,
            1.0 if i < first else 0.0,
            1.0 if i > last else 0.0,
            math.log1p(dist_prev[i]),
            math.log1p(dist_next[i]),
            math.log1p(cw),
            container_kept[b.container] / cw if cw else 0.0,
            b.n_words / total_words,
            kept_words / total_words,
            math.log1p(kept_words),
            math.log1p(repeats[b.text] - 1),
        ]
        for off in CONTEXT_OFFSETS:
            j = i + off
            if 0 <= j < n:
                nb = blocks[j]
                row += [
                    coverage[j],
                    math.log1p(nb.n_words),
                    nb.link_words / nb.n_words if nb.n_words else 0.0,
                    1.0 if nb.container == b.container else 0.0,
                    own[j][8],  # ends like a sentence
                ]
            else:
                row += [0.0, 0.0, 0.0, 0.0, 0.0]
        rows.append(row)
    return np.asarray(rows, dtype=np.float32)


def feature_count() -> int:
    own = 18 + len(OWNER_TAGS) + 1 + len(SECTION_TAGS) + len(ATTRIBUTE_CUES)
    return own + 11 + 5 * len(CONTEXT_OFFSETS)
