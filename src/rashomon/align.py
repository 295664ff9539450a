"""Claim alignment: which statements of different sources state the same fact.

Two sources agree on a fact when one of their claim units paraphrases the other. The
similarity of two units blends a sentence embedding (the meaning) with the overlap of their
content words, names and numbers (the specifics: two sentences about the same call can be
close in meaning yet state different facts). Grouping is built so that it cannot chain:

1. *links*: between every pair of sources, a unit links to its best match in the other
   source when the two are each other's best match and similar enough, or when they are
   near-identical;
2. *groups* grow from the strongest link down, and two groups merge only when EVERY pair of
   their units from different sources is still similar (complete linkage). A chain A≈B≈C
   where A and C say different things therefore stays two groups: a false merge would tell
   the reader that newsrooms corroborated each other when they did not.

Reports of one event share names and vocabulary, so the word overlap is weighted by how rare
each word is within the event. The multilingual model's cosines sit in a narrow high band;
they are shifted onto the English model's scale so the same settings serve both.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from rashomon.model import Claim

_TOKEN = re.compile(r"[^\W_]+(?:[.,][0-9]+)*", re.UNICODE)
_EXTRA_STOP = {"said", "says", "according", "also", "told", "statement", "reported", "today"}
STOP_WORDS = frozenset(ENGLISH_STOP_WORDS) | _EXTRA_STOP


#: share of the room above the event background at which a multilingual cosine counts as
#: a full match (see ``rescale``)
MULTILINGUAL_PARAPHRASE_SHARE = 0.6


@dataclass(frozen=True)
class AlignmentSettings:
    """How similar two units must be to count as the same fact.

    The score is the sentence-embedding cosine plus ``lexical_weight`` times the tf-idf
    cosine of their content words (idf taken over the event's own units, so the names every
    report repeats weigh little and the specifics weigh much). ``link``: a mutual best match
    scoring this links two units. ``strong``: this links them even when one has a better
    match elsewhere (a source that repeats a fact). Two groups merge only when every pair of
    their units reaches ``floor`` and the pairs average ``average``: average linkage with a
    floor, which stops chaining. Set on the bundled demo event's hand-made gold (see
    ``benchmarks/analyze_gold.py``) and checked on the seeds.
    """

    link: float = 0.80
    strong: float = 1.00
    floor: float = 0.50
    average: float = 0.65
    lexical_weight: float = 0.5
    #: the cosine a typical English MiniLM pair of unrelated units from one event scores;
    #: other encoders' scores are shifted so their event background lands here
    reference_background: float = 0.30


@dataclass
class Alignment:
    """The result: groups of unit indices, and the blended similarity matrix behind them."""

    groups: list[list[int]]
    similarity: np.ndarray
    background: float
    links: list[tuple[int, int, float]] = field(default_factory=list)


def content_words(text: str) -> frozenset[str]:
    """Lower-cased content words and numbers of a unit, plural "s" dropped."""
    words = set()
    for tok in _TOKEN.findall(text.lower()):
        tok = tok.replace(",", "")
        if tok in STOP_WORDS or (len(tok) < 3 and not tok.isdigit()):
            continue
        if len(tok) > 4 and tok.endswith("s") and not tok.endswith("ss"):
            tok = tok[:-1]
        words.add(tok)
    return frozenset(words)


def lexical_similarity(units: Sequence[Claim]) -> np.ndarray:
    """Tf-idf cosine of content words, idf over this event's units (sublinear tf)."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    n = len(units)
    bags = [sorted(content_words(u.text)) for u in units]
    if not any(bags):
        return np.zeros((n, n), dtype=np.float32)
    vectors = TfidfVectorizer(analyzer=lambda bag: bag, sublinear_tf=True).fit_transform(bags)
    return (vectors @ vectors.T).toarray().astype(np.float32)


def rescale(cosine: np.ndarray, cross: np.ndarray, reference: float, english: bool) -> tuple[np.ndarray, float]:
    """Put an encoder's cosines on the English MiniLM scale the thresholds are set on.

    MiniLM scores are used as they are. A multilingual model whose scores crowd in a high
    band gets its event background (median cross-source cosine) mapped to ``reference``, and
    ``MULTILINGUAL_PARAPHRASE_SHARE`` of the room above it mapped onto the rest of the scale
    (e5 puts translations of one sentence at ~0.90–0.96 over a background of ~0.8).
    """
    values = cosine[cross]
    background = float(np.median(values)) if values.size else 0.0
    if english:
        return cosine, background
    # paraphrases (and translations) of one statement saturate well below 1 on such a
    # model: the upper part of the room above the background is stretched over the scale
    room = max(MULTILINGUAL_PARAPHRASE_SHARE * (1.0 - background), 1e-6)
    return reference + np.minimum(1.0, (cosine - background) / room) * (1.0 - reference), background


def align_claims(
    units: Sequence[Claim],
    embeddings: np.ndarray,
    settings: AlignmentSettings = AlignmentSettings(),
    *,
    english: bool = True,
) -> Alignment:
    """Group claim units that state the same fact; each group is a list of unit indices.

    ``embeddings`` are L2-normalised rows, one per unit; ``english`` says they come from the
    English model (else they are rescaled, see ``rescale``). Units of one source can share a group
    (a report that states a fact twice) but only through links to other sources.
    """
    n = len(units)
    if n == 0:
        return Alignment([], np.zeros((0, 0), dtype=np.float32), 0.0)
    sources = np.array([u.source for u in units])
    cross = sources[:, None] != sources[None, :]
    vectors = np.asarray(embeddings, dtype=np.float32)
    meaning, background = rescale(vectors @ vectors.T, cross, settings.reference_background, english)
    sim = meaning + settings.lexical_weight * lexical_similarity(units)
    np.fill_diagonal(sim, 2.0)

    links = _links(sim, sources, settings)
    groups = _grow_groups(n, sim, links, settings)
    groups = _second_mentions(groups, sim, sources, settings)
    order = {id(g): min(g) for g in groups}
    groups.sort(key=lambda g: order[id(g)])
    return Alignment(groups, sim, background, links)


def _links(sim: np.ndarray, sources: np.ndarray, settings: AlignmentSettings) -> list[tuple[int, int, float]]:
    """Mutual best matches between every two sources, plus near-identical pairs."""
    names = sorted(set(sources.tolist()))
    index = {s: np.flatnonzero(sources == s) for s in names}
    found: dict[tuple[int, int], float] = {}
    for a_pos, a in enumerate(names):
        for b in names[a_pos + 1 :]:
            ia, ib = index[a], index[b]
            block = sim[np.ix_(ia, ib)]
            best_b = block.argmax(axis=1)
            best_a = block.argmax(axis=0)
            for row, col in enumerate(best_b):
                score = float(block[row, col])
                if best_a[col] == row and score >= settings.link:
                    found[(int(ia[row]), int(ib[col]))] = score
            strong_rows, strong_cols = np.nonzero(block >= settings.strong)
            for row, col in zip(strong_rows, strong_cols):
                found[(int(ia[row]), int(ib[col]))] = float(block[row, col])
    return sorted(((i, j, s) for (i, j), s in found.items()), key=lambda x: -x[2])


def _grow_groups(
    n: int, sim: np.ndarray, links: list[tuple[int, int, float]], settings: AlignmentSettings
) -> list[list[int]]:
    """Merge along links, strongest first, under complete linkage at ``settings.floor``."""
    group_of = list(range(n))
    members: dict[int, list[int]] = {i: [i] for i in range(n)}
    for i, j, _ in links:
        gi, gj = group_of[i], group_of[j]
        if gi == gj:
            continue
        a, b = members[gi], members[gj]
        block = sim[np.ix_(a, b)]
        if block.min() < settings.floor or block.mean() < settings.average:
            continue
        keep, drop = (gi, gj) if len(a) >= len(b) else (gj, gi)
        for k in members[drop]:
            group_of[k] = keep
        members[keep] = members[keep] + members.pop(drop)
    return [sorted(m) for m in members.values()]


def _second_mentions(
    groups: list[list[int]], sim: np.ndarray, sources: np.ndarray, settings: AlignmentSettings
) -> list[list[int]]:
    """Let units that no one-to-one link placed join the group they state.

    A clause cut from its sentence ("expressing dissatisfaction with its stance") is often
    nobody's mutual best match, yet close to a whole group on average: it joins the group
    it fits best, if clearly best.

    A sentence the parser could not cut ("left the cabinet meeting to speak with Putin for 50
    minutes") states two facts but was grouped with one. For every multi-source group and
    every source missing from it, that source's best unit joins when it is, on average, as
    close to the group as a link and no pair falls under the floor.
    """
    alone = {g[0] for g in groups if len(g) == 1}
    shared = [g for g in groups if len(set(sources[g].tolist())) >= 2]
    joined: dict[int, list[int]] = {id(g): [] for g in shared}
    # a unit no other source matched one-to-one joins the group it is closest to on
    # average (average linkage at the floor), if that group clearly beats the runner-up
    for unit in sorted(alone):
        fits = []
        for group in shared:
            if sources[unit] in set(sources[group].tolist()):
                continue
            row = sim[unit, group]
            fits.append((float(row.mean()), float(row.min()), group))
        fits.sort(key=lambda f: -f[0])
        if fits and fits[0][0] >= settings.average and fits[0][1] >= settings.floor and (
            len(fits) == 1 or fits[0][0] - fits[1][0] >= 0.05
        ):
            joined[id(fits[0][2])].append(unit)
    out = []
    for group in groups:
        if len(group) == 1 and any(group[0] in v for v in joined.values()):
            continue
        if id(group) not in joined:
            out.append(group)
            continue
        present = set(sources[group].tolist()) | {sources[u] for u in joined[id(group)]}
        extra = list(joined[id(group)])
        for source in sorted(set(sources.tolist()) - present):
            candidates = np.flatnonzero(sources == source)
            block = sim[np.ix_(candidates, group)]
            best = int(block.mean(axis=1).argmax())
            if block[best].mean() >= settings.link and block[best].min() >= settings.floor:
                extra.append(int(candidates[best]))
        out.append(sorted(group + extra))
    return out
