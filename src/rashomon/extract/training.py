"""Rebuild the extraction models from ../shared/eval/extract_aeb_dev.jsonl.gz.

Data: the dev split of the Article Extraction Benchmark (Zyte/Scrapinghub, 2019): each row
an HTML page and its gold article text. Labels come from aligning each block's words with
the gold words (difflib on word sequences): a block is article when at least half of its
words align. The gold text says nothing about where blocks start, so this is the honest
way to turn it into block labels.

Two models are built from the same pages:
- ``html_blocks``: blocks of the parsed page, with structure features;
- ``text_lines``: the same pages rendered as the plain text a person would copy from a
  browser (one line per block, blank lines at random between them), with text-only
  features. This is what lets pasted text with page junk be cleaned without markup.

Figures are always from cross-validation over pages (``cross_validate``); the shipped model
is then fit on all dev pages. Everything is seeded.
"""

from __future__ import annotations

import difflib
import gzip
import json
import random
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from sklearn.model_selection import KFold

from ..metrics import extraction_scores, page_match
from .classifier import RunClassifier

_WORD = re.compile(r"\w+")


def read_jsonl(path: str | Path) -> Iterator[dict]:
    opener = gzip.open if str(path).endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)


def align_labels(pieces: list[str], gold: str) -> list[float]:
    """Share of each piece's words that align with the gold text's words."""
    gold_words = _WORD.findall(gold.lower())
    words: list[str] = []
    owner: list[int] = []
    for i, piece in enumerate(pieces):
        w = _WORD.findall(piece.lower())
        words += w
        owner += [i] * len(w)
    hits = [0] * len(pieces)
    totals = [0] * len(pieces)
    for o in owner:
        totals[o] += 1
    matcher = difflib.SequenceMatcher(None, words, gold_words, autojunk=False)
    for a, _, size in matcher.get_matching_blocks():
        for k in range(a, a + size):
            hits[owner[k]] += 1
    return [h / t if t else 0.0 for h, t in zip(hits, totals)]


@dataclass
class Example:
    """One training page: features per piece, labels, the pieces' texts and the gold text."""

    features: np.ndarray
    labels: np.ndarray
    pieces: list[str]
    gold: str
    fallback: np.ndarray | None = None  # pieces trafilatura kept (HTML only)


def html_examples(rows: Iterable[dict]) -> list[Example]:
    """Pages described exactly as at extraction time (rashomon.extract.html.describe_page)."""
    from .html import describe_page
    from .html_features import FIRST_OPINION_COLUMN

    examples = []
    for row in rows:
        page = describe_page(row["html"], with_metadata=False)
        texts = [b.text for b in page.blocks]
        y = np.array(align_labels(texts, row["gold"])) >= 0.5
        examples.append(Example(page.features, y, texts, row["gold"], page.features[:, FIRST_OPINION_COLUMN] >= 0.5))
    return examples


def text_examples(rows: Iterable[dict], seed: int = 0) -> list[Example]:
    """Pages rendered as pasted text: one line per block, blank lines at random."""
    from .blocks import page_blocks, parse_html
    from .plaintext import line_features, split_lines

    rng = random.Random(seed)
    examples = []
    for row in rows:
        blocks = page_blocks(parse_html(row["html"]))
        rendered = render_as_pasted(blocks, rng)
        lines = split_lines(rendered)
        texts = [ln.text for ln in lines]
        x = line_features(lines, rendered)
        y = np.array(align_labels(texts, row["gold"])) >= 0.5
        examples.append(Example(x, y, texts, row["gold"]))
    return examples


def render_as_pasted(blocks, rng: random.Random) -> str:
    """What a person gets by selecting a whole page and pasting it: block per line.

    Some pastes keep a blank line between paragraphs and some do not, so both appear.
    """
    double = rng.random() < 0.5
    parts = []
    for b in blocks:
        parts.append(b.text)
        parts.append("\n\n" if (double or rng.random() < 0.15) else "\n")
    return "".join(parts)


def score_pieces(examples: list[Example], keeps: list[np.ndarray]) -> dict[str, float]:
    matches = [page_match(ex.gold, "\n".join(p for p, k in zip(ex.pieces, keep) if k)) for ex, keep in zip(examples, keeps)]
    return extraction_scores(matches)


def cross_validate(
    examples: list[Example],
    choose: Callable[[Example, np.ndarray, float], np.ndarray],
    folds: int = 5,
    seed: int = 0,
    threshold: float = 0.5,
) -> dict[str, float]:
    """Out-of-fold extraction scores: each page scored by a model that never saw it."""
    keeps: list[np.ndarray] = [np.zeros(0, bool)] * len(examples)
    for train_idx, test_idx in KFold(folds, shuffle=True, random_state=seed).split(np.arange(len(examples))):
        train = [examples[i] for i in train_idx if len(examples[i].labels)]
        model = RunClassifier(threshold=threshold, seed=seed).fit([e.features for e in train], [e.labels for e in train])
        for i in test_idx:
            ex = examples[i]
            keeps[i] = choose(ex, model.predict_proba(ex.features), threshold) if len(ex.labels) else np.zeros(0, bool)
    return score_pieces(examples, keeps)


def keep_html(ex: Example, proba: np.ndarray, threshold: float) -> np.ndarray:
    """The decision rashomon.extract.html makes, from cached features."""
    from .html import decide

    words = np.array([len(_WORD.findall(p)) for p in ex.pieces], dtype=float)
    return decide(proba, words, ex.fallback, threshold)


def keep_text(ex: Example, proba: np.ndarray, threshold: float) -> np.ndarray:
    """The decision rashomon.extract.extract_text makes, from cached features."""
    from . import story_lines

    return np.array(story_lines(list(ex.pieces), proba, threshold), dtype=bool)


def train(examples: list[Example], out: str | Path, *, seed: int = 0, meta: dict | None = None) -> RunClassifier:
    usable = [e for e in examples if len(e.labels)]
    model = RunClassifier(seed=seed, meta=meta or {}).fit([e.features for e in usable], [e.labels for e in usable])
    Path(out).parent.mkdir(parents=True, exist_ok=True)
    model.save(out)
    return model
