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

_DIGIT = re.compile(r"\d")
CONTEXT_OFFSETS = (-3, -2, -1, 1, 2, 3)
FIRST_OPINION_COLUMN = 16  # in _text_features: share of the block found in trafilatura's text


_TEXT_COLUMNS = 18
_TAG_COLUMN = {t: _TEXT_COLUMNS + i for i, t in enumerate(OWNER_TAGS)}
_TAG_COLUMN.update({"h5": _TEXT_COLUMNS + len(OWNER_TAGS), "h6": _TEXT_COLUMNS + len(OWNER_TAGS)})
_SECTION_COLUMN = {t: _TEXT_COLUMNS + len(OWNER_TAGS) + 1 + i for i, t in enumerate(SECTION_TAGS)}
_CUE_COLUMN = {c: _TEXT_COLUMNS + len(OWNER_TAGS) + 1 + len(SECTION_TAGS) + i for i, c in enumerate(ATTRIBUTE_CUES)}
OWN_COUNT = _TEXT_COLUMNS + len(OWNER_TAGS) + 1 + len(SECTION_TAGS) + len(ATTRIBUTE_CUES)


def _text_features(block: Block, in_first_opinion: float, title_overlap: float) -> list[float]:
    text = block.text
    n = block.n_words
    n_chars = len(text)
    tokens = text.split()
    caps = sum(1 for w in tokens if w[:1].isupper())
    return [
        math.log1p(n),
        math.log1p(n_chars),
        block.link_words / n if n else 0.0,
        1.0 if n and block.link_words >= n else 0.0,
        text.count(".") / (n + 1),
        text.count(",") / (n + 1),
        caps / (len(tokens) or 1),
        len(_DIGIT.findall(text)) / (n_chars or 1),
        1.0 if _SENTENCE_END.search(text[-6:]) else 0.0,
        1.0 if _BULLET.match(text) else 0.0,
        1.0 if n > 1 and text.isupper() else 0.0,
        # dates and boilerplate phrases matter in short blocks: look at the start only
        1.0 if _TIME_OR_DATE.search(text[:160]) else 0.0,
        1.0 if _BOILER_MARKS.search(text[:160]) else 0.0,
        1.0 if "http" in text or "www." in text else 0.0,
        1.0 if "@" in text else 0.0,
        sum(map(len, block.words)) / n if n else 0.0,
        in_first_opinion,
        title_overlap,
    ]


def _own_matrix(blocks: list[Block], coverage: list[float], title_words: set[str]) -> np.ndarray:
    """Text features, then one-hot owner tag, sections, and class/id cues (nearer = larger)."""
    own = np.zeros((len(blocks), OWN_COUNT), dtype=np.float64)
    for i, (b, c) in enumerate(zip(blocks, coverage)):
        own[i, :_TEXT_COLUMNS] = _text_features(b, c, _title_overlap(b.words, title_words))
        col = _TAG_COLUMN.get(b.tag)
        if col is not None:
            own[i, col] = 1.0
        for section in b.sections:
            own[i, _SECTION_COLUMN[section]] = 1.0
        for cue, distance in b.attr_cues.items():
            own[i, _CUE_COLUMN[cue]] = 1.0 / (1 + distance)
    return own


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
    own_m = _own_matrix(blocks, coverage, title_words)

    n = len(blocks)
    cov = np.asarray(coverage, dtype=np.float64)
    nw = np.fromiter((b.n_words for b in blocks), dtype=np.float64, count=n)
    links = np.fromiter((b.link_words for b in blocks), dtype=np.float64, count=n)
    containers = [b.container for b in blocks]
    repeats: dict[str, int] = {}
    for b in blocks:
        repeats[b.text] = repeats.get(b.text, 0) + 1
    kept = cov >= 0.5
    idx = np.arange(n)
    kept_idx = idx[kept]
    first, last = (kept_idx[0], kept_idx[-1]) if len(kept_idx) else (n, -1)
    total_words = nw.sum() or 1.0
    kept_words = nw[kept].sum()

    # Sibling paragraphs: how much text their shared container holds, and how much of it
    # the first opinion kept. Story paragraphs tend to share one big container.
    container_words: dict[int, float] = {}
    container_kept: dict[int, float] = {}
    for c, w, k in zip(containers, nw.tolist(), (cov * nw).tolist()):
        container_words[c] = container_words.get(c, 0.0) + w
        container_kept[c] = container_kept.get(c, 0.0) + k
    cw = np.array([container_words[c] for c in containers])
    ck = np.array([container_kept[c] for c in containers])

    # Nearest kept block, in blocks, before and after: runs matter more than single blocks.
    last_seen = np.maximum.accumulate(np.where(kept, idx, -10_000))
    next_seen = np.minimum.accumulate(np.where(kept, idx, 10_000 + n)[::-1])[::-1]
    dist_prev = np.minimum(idx - last_seen, 50)
    dist_next = np.minimum(next_seen - idx, 50)

    page = np.column_stack(
        [
            idx / n,
            (idx < first).astype(float),
            (idx > last).astype(float),
            np.log1p(dist_prev),
            np.log1p(dist_next),
            np.log1p(cw),
            np.divide(ck, cw, out=np.zeros(n), where=cw > 0),
            nw / total_words,
            np.full(n, kept_words / total_words),
            np.full(n, math.log1p(kept_words)),
            np.log1p(np.array([repeats[b.text] - 1 for b in blocks], dtype=float)),
        ]
    )
    link_share = np.divide(links, nw, out=np.zeros(n), where=nw > 0)
    neighbour = np.column_stack([cov, np.log1p(nw), link_share, np.zeros(n), own_m[:, 8]])
    container_ids = np.unique(np.asarray(containers, dtype=np.int64), return_inverse=True)[1]
    context = []
    for off in CONTEXT_OFFSETS:
        shifted = np.zeros_like(neighbour)
        same = np.zeros(n)
        if abs(off) < n:  # a page shorter than the offset has no such neighbour (and a
            # negative slice end would wrap round: a two-block page once failed here)
            src = slice(max(off, 0), n + min(off, 0))
            dst = slice(max(-off, 0), n - max(off, 0))
            shifted[dst] = neighbour[src]
            same[dst] = container_ids[src] == container_ids[dst]
        shifted[:, 3] = same
        context.append(shifted)
    return np.hstack([own_m, page, *context]).astype(np.float32)


def feature_count() -> int:
    return OWN_COUNT + 11 + 5 * len(CONTEXT_OFFSETS)
