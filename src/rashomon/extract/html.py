"""Extract the article from an HTML page: trafilatura's opinion, checked block by block.

The page is parsed once. Its blocks are described (structure, words, neighbours) before
trafilatura runs on the same tree, then trafilatura's text becomes one more feature of each
block, and the trained classifier (``models/html_blocks.joblib``) decides what is article.
When the classifier keeps far less than trafilatura did, the page is unlike the training
pages and trafilatura's own choice is kept: a safety net, not a second model.
"""

from __future__ import annotations

import re

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
import trafilatura

from .blocks import Block, PageParseError, page_blocks, parse_html
from .classifier import RunClassifier
from .html_features import FIRST_OPINION_COLUMN, page_features

MODEL_DIR = Path(__file__).parent / "models"
HTML_MODEL = MODEL_DIR / "html_blocks.joblib"
# trafilatura's favour-precision mode without comments gave the best first opinion on the
# dev pages (see docs/benchmarks.md); recall is the classifier's job.
FIRST_OPINION = dict(include_comments=False, favor_precision=True, include_tables=True, fast=True)
FALLBACK_SHARE = 0.3


@dataclass
class PageReading:
    """A page's blocks, which of them are article, and trafilatura's metadata for it."""

    blocks: list[Block]
    keep: np.ndarray
    first_opinion: str
    metadata: dict


@lru_cache(maxsize=4)
def load_block_model(path: str = str(HTML_MODEL)) -> RunClassifier:
    if not Path(path).exists():
        raise FileNotFoundError(f"{path}: extraction model missing; rebuild it with `rashomon train extract`")
    return RunClassifier.load(path)


def page_title(doc) -> str:
    """The page's own headline, read before trafilatura modifies the tree."""
    for xpath in ('//meta[@property="og:title"]/@content', "//title/text()", "//h1//text()"):
        found = doc.xpath(xpath)
        if found:
            return " ".join(str(found[0]).split())
    return ""


_TIMESTAMP = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}")


def page_timestamp(doc) -> str | None:
    """The publication time a page states in its meta tags ("2026-06-09T07:30:00+01:00").

    htmldate keeps only the day; a reader comparing reports of one event wants the hour.
    """
    for xpath in (
        '//meta[@property="article:published_time"]/@content',
        '//meta[@itemprop="datePublished"]/@content',
        '//meta[@name="pubdate"]/@content',
        "//time[@datetime]/@datetime",
    ):
        for value in doc.xpath(xpath):
            value = str(value).strip()
            if _TIMESTAMP.match(value):
                return value
    return None


@dataclass
class PageDescription:
    """A page before the classifier has looked at it."""

    blocks: list[Block]
    features: np.ndarray
    first_opinion: str
    metadata: dict


#: the most text blocks a page may have. The dev pages of the Article Extraction Benchmark have
#: at most 518 (median 163); a 7 MB table page of 200,000 rows took 86 s and 2.5 GB to read
MAX_PAGE_BLOCKS = 20_000


def describe_page(markup: str, *, url: str | None = None, with_metadata: bool = True) -> PageDescription:
    """Parse once, cut into blocks, ask trafilatura, describe. Raises PageParseError on non-HTML, or on a page of more than ``MAX_PAGE_BLOCKS`` blocks."""
    doc = parse_html(markup)
    blocks = page_blocks(doc)
    if len(blocks) > MAX_PAGE_BLOCKS:
        raise PageParseError(
            f"{len(blocks):,} blocks of text, more than any article page has (limit {MAX_PAGE_BLOCKS:,}): a table or a data dump"
        )
    title = page_title(doc)
    stamp = page_timestamp(doc) if with_metadata else None
    result = trafilatura.bare_extraction(doc, url=url, with_metadata=with_metadata, **FIRST_OPINION)
    metadata = result.as_dict() if result is not None else {}
    first_opinion = metadata.get("text") or ""
    if not metadata.get("title"):
        metadata["title"] = title
    if stamp and (not metadata.get("date") or stamp.startswith(str(metadata["date"])[:10])):
        metadata["date"] = stamp  # the same day, with the time of day the page states
    return PageDescription(blocks, page_features(blocks, first_opinion, title), first_opinion, metadata)


def read_page(markup: str, *, url: str | None = None, with_metadata: bool = True, model: RunClassifier | None = None) -> PageReading:
    """Describe one page and decide which of its blocks are the article."""
    return classify_pages([describe_page(markup, url=url, with_metadata=with_metadata)], model)[0]


def classify_pages(pages: list[PageDescription], model: RunClassifier | None = None) -> list[PageReading]:
    """Decide for several described pages with one classifier call (cheaper than one per page)."""
    model = model or load_block_model()
    scores = model.predict_proba_many([p.features for p in pages])
    readings = []
    for page, proba in zip(pages, scores):
        words = np.array([b.n_words for b in page.blocks], dtype=float)
        first = page.features[:, FIRST_OPINION_COLUMN] >= 0.5 if len(page.blocks) else np.zeros(0, bool)
        keep = decide(proba, words, first, model.threshold)
        readings.append(PageReading(page.blocks, keep, page.first_opinion, page.metadata))
    return readings


def decide(proba: np.ndarray, words: np.ndarray, first_opinion: np.ndarray, threshold: float) -> np.ndarray:
    """Keep what scores above the threshold, unless that is under FALLBACK_SHARE of what
    trafilatura kept: then the page is unlike the training pages and both are kept."""
    keep = proba >= threshold
    if words[keep].sum() < FALLBACK_SHARE * words[first_opinion].sum():
        keep = keep | first_opinion
    return keep


def article_text(reading: PageReading, separator: str = "\n\n") -> str:
    return separator.join(b.text for b, k in zip(reading.blocks, reading.keep) if k)
