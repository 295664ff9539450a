"""Metrics of ../shared/EVAL.md, written once and used by `rashomon bench` and the trainers."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

_TOKEN = re.compile(r"\w+")


def shingles(text: str, n: int = 4) -> Counter:
    """Multiset of lowercased word n-grams; a text shorter than n gives one short shingle."""
    tokens = _TOKEN.findall((text or "").lower())
    return Counter(tuple(tokens[i : i + n]) for i in range(max(1, len(tokens) - n + 1)) if tokens[i : i + n])


@dataclass(frozen=True)
class PageMatch:
    """True positive, false positive and false negative shares of one page's shingles."""

    tp: float
    fp: float
    fn: float

    @property
    def precision(self) -> float:
        if self.fp == self.fn == 0:
            return 1.0
        return 0.0 if self.tp == self.fp == 0 else self.tp / (self.tp + self.fp)

    @property
    def recall(self) -> float:
        if self.fp == self.fn == 0:
            return 1.0
        return 0.0 if self.tp == self.fn == 0 else self.tp / (self.tp + self.fn)


def page_match(gold: str, predicted: str) -> PageMatch:
    """Compare one page's extracted text with its gold text (the AEB's shingle matching)."""
    g, p = shingles(gold), shingles(predicted)
    tp = sum((g & p).values())
    fp = sum((p - g).values())
    fn = sum((g - p).values())
    total = tp + fp + fn
    if total:
        tp, fp, fn = tp / total, fp / total, fn / total
    return PageMatch(tp, fp, fn)


def extraction_scores(matches: list[PageMatch]) -> dict[str, float]:
    """Precision and recall averaged over pages, F1 the harmonic mean of the two averages."""
    ps = [m.precision for m in matches if m.tp + m.fp > 0]
    rs = [m.recall for m in matches if m.tp + m.fn > 0]
    p = sum(ps) / len(ps) if ps else 0.0
    r = sum(rs) / len(rs) if rs else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return {"f1": f1, "precision": p, "recall": r, "pages": float(len(matches))}
