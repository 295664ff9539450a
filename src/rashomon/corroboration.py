"""Does each report's body bear out the other reports' headlines?

A headline is where an outlet frames hardest, and it is the one line most readers see.
Whether the other outlets' reports back it up is exactly the question the stance model
(``rashomon.stance``) was trained on: FNC-1 pairs a headline with a body and asks whether
the body agrees with it, disagrees, discusses it without taking a side, or is unrelated.
Here every source's headline is read against every other independent source's body.

What the report gains: a headline that other bodies *disagree* with is a framing claim the
rest of the coverage does not support; one that most bodies only *discuss* goes further
than they do; an *unrelated* verdict points at a report about another event.

Why not per claim: we tried asking, for each claim only some sources state, the stance of
each other body towards it and the claim-relation model (``rashomon.claimdiff``) about the
closest statement of that body.  Inside one event every body is on topic, and the two
models called most such statements supportive: of the 64 the seeds got labelled "supports"
(both models agreeing), about a third did support the claim by our reading.  So neither
is used per claim until it is measured to help (docs/benchmarks.md).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from rashomon.model import Article

__all__ = ["MAX_HEADLINE_PAIRS", "HeadlineCheck", "check_headlines"]

#: at most this many (headline, body) pairs go to the stance model per event: a 45-source
#: event, all pairs; beyond that each headline is read against the first bodies only
MAX_HEADLINE_PAIRS = 2000


@dataclass
class HeadlineCheck:
    """How the other sources' bodies read one source's headline."""

    source: str
    headline: str
    #: other source id -> "agree" | "disagree" | "discuss" | "unrelated"
    stances: dict[str, str] = field(default_factory=dict)

    def sources_with(self, stance: str) -> list[str]:
        return [s for s, v in self.stances.items() if v == stance]

    def to_dict(self) -> dict[str, Any]:
        return {
            "stances": dict(self.stances),
            "agreed_by": self.sources_with("agree"),
            "disputed_by": self.sources_with("disagree"),
        }


def _english(article: Article) -> bool:
    return (article.language or "en").startswith("en")


def check_headlines(
    articles: Sequence[Article], independent: Sequence[str], max_pairs: int = MAX_HEADLINE_PAIRS
) -> dict[str, HeadlineCheck]:
    """A :class:`HeadlineCheck` per source with a headline, read by the other bodies.

    ``independent`` lists the sources whose bodies are asked: on the event, not copies (a
    copy would echo its original). Only English headlines and bodies are read: the stance
    model was trained on English news.
    """
    from rashomon.stance import predict_stance

    by_id = {a.id: a for a in articles}
    readers = [s for s in independent if s in by_id and _english(by_id[s]) and by_id[s].text.strip()]
    per_headline = max(1, max_pairs // max(1, len(articles)))
    rows: list[dict] = []
    keys: list[tuple[str, str]] = []
    for a in articles:
        if not a.title or not a.title.strip() or not _english(a):
            continue
        for s in [s for s in readers if s != a.id][:per_headline]:
            rows.append({"id": str(len(rows)), "claim": a.title, "body": by_id[s].text})
            keys.append((a.id, s))
    checks: dict[str, HeadlineCheck] = {}
    if not rows:
        return checks
    for (headline_of, reader), pred in zip(keys, predict_stance(rows)):
        if "stance" in pred:
            check = checks.setdefault(headline_of, HeadlineCheck(headline_of, by_id[headline_of].title or ""))
            check.stances[reader] = pred["stance"]
    return checks
