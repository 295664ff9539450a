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
   the reader that newsrooms corroborated each other when they did not;
3. *figures*: a measured figure several sources state ("50 minutes", "a 50-minute call",
   "about 1,200 residents" / "roughly 1,200 people") is a fact of its own, often told inside
   a sentence that mainly says something else ("left the cabinet meeting to speak with Putin
   for 50 minutes"). The units stating one figure are grouped by the same links and complete
   linkage, with the shared figure counted as evidence (``figure_weight``); a unit keeps its
   other group too. Dates are not figures: an event's dates are shared by many of its facts.
   A *named thing* each of several sources names in one statement only ("the Red Cross", "a
   $43,000 Rolex watch" / "a $43,350 gold-plated men's Rolex watch") is such evidence too:
   a report names the Red Cross once when it tells the one thing the Red Cross has to do with
   the story. A name a source repeats (the story's people) is not; places are never. So is a
   *verb* each of several sources uses in one statement only, when those statements also name
   one thing in common ("its hosting of a Hamas delegation" / "hosting leaders of the Hamas
   terror group"; "Putin has repeatedly blamed the war on …" / "Putin … the United States was
   to blame"), with its own weight (``verb_weight``). So is an uncommon word several sources
   quote ("It is garbage, complete and utter lies," / "these attacks are garbage"), when the
   event never uses it outside quotation: two outlets quoting the same words report one
   remark.

Reports of one event share names and vocabulary, so the word overlap is weighted by how rare
each word is within the event. The multilingual model's cosines sit in a narrow high band;
they are shifted onto the English model's scale so the same settings serve both.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from rashomon.conflicts import quantities, tallies
from rashomon.model import Claim
from rashomon.nlp import MONTH, MONTH_NUMBERS, without_plural_s

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
    ``benchmarks/analyze_gold.py``) and checked on the seeds; in session 15 ``strong`` moved
    from 1.00 to 0.95 after a grid over all sixteen hand-made golds (exact groups 254 -> 257
    of 406, none lost; docs/benchmarks.md), the other settings sitting at or near their best.
    """

    link: float = 0.80
    strong: float = 0.95
    floor: float = 0.50
    average: float = 0.65
    lexical_weight: float = 0.5
    #: added to the similarity of two units that state the same measured figure or name the
    #: same thing, when grouping the units that do (see ``anchors``)
    figure_weight: float = 0.3
    #: added to the similarity of two units that use the same rare verb and name a thing in
    #: common (see ``anchors``), when grouping the units that do
    verb_weight: float = 0.3
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
        words.add(without_plural_s(tok))
    return frozenset(words)


_DATE = re.compile(rf"\b{MONTH}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?\b|\b\d{{1,2}}(?:st|nd|rd|th)?\s+{MONTH}\b", re.IGNORECASE)


_AGE = re.compile(r"\b\w+\s*-\s*years?\s*-\s*old\b|\baged\s+\d+", re.IGNORECASE)
#: a share: "7.5 percent", "7.5%", "12 per cent"
_PERCENT = re.compile(r"(?<![\w.,])(\d+(?:\.\d+)?)\s*(?:%|percent\b|per\s+cent\b)", re.IGNORECASE)


def figures(text: str) -> frozenset[str]:
    """The measured figures a unit states, as "value unit": "for 50 minutes", "a 50-minute
    call" -> "50 minute"; "1,200 residents", "1,200 people" -> "1200 people".

    The numbers are read as conflict detection reads them (``conflicts.quantities``: hours in
    minutes, residents and people as one count). Shares count too ("by 7.5 percent", "7.5%
    faster" -> "7.5 percent"): conflict detection leaves them out (a story gives many), but
    two sources giving one share most often tell one fact. So do tallies ("a 97-1 vote",
    "The final tally was 97-1." -> "97-1 tally"). Left out: calendar dates, ages ("a
    59-year-old woman" names a person in every fact about her) and counts of one or two
    ("one man", "two touchdowns": too common to tell one fact from another).
    """
    text = _AGE.sub(" ", _DATE.sub(" ", text))
    shares = {f"{float(m.group(1)):g} percent" for m in _PERCENT.finditer(text) if float(m.group(1)) >= 3}
    votes = {f"{t} tally" for t in tallies(text)}
    return frozenset(f"{q.value:g} {q.unit}" for q in quantities(text) if q.value >= 3) | shares | votes


def lexical_similarity(words: Sequence[frozenset[str]]) -> np.ndarray:
    """Tf-idf cosine of the units' content words (``content_words``), idf over this event's
    units (sublinear tf)."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    n = len(words)
    bags = [sorted(w) for w in words]
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
    words = [content_words(u.text) for u in units]
    sim = meaning + settings.lexical_weight * lexical_similarity(words)
    _together_when_verbatim(sim, units, settings)
    _apart_when_roles_swap(sim, units)
    _apart_when_chambers_differ(sim, units)
    _apart_when_speakers_differ(sim, units, words)
    np.fill_diagonal(sim, 2.0)

    links = _links(sim, sources, settings)
    figs = [anchors(u) for u in units]
    blocks = _figure_blocks(sim, figs, sources, settings, words)
    groups = _grow_groups(n, sim, links, settings, _figure_links(blocks), figs)
    groups = _second_mentions(groups, sim, sources, settings)
    groups = _figure_groups(groups, blocks, sources, settings)
    order = {id(g): min(g) for g in groups}
    groups.sort(key=lambda g: order[id(g)])
    return Alignment(groups, sim, background, links)


def _set_apart(sim: np.ndarray, keys: Sequence[object], clash: Callable[[Any, Any], bool]) -> None:
    """Zero the similarity between every two units whose keys clash (``None``: no key), both
    ways, so that no link or group joins them: the shared mechanism of the rules below."""
    by_key: dict[object, list[int]] = {}
    for i, key in enumerate(keys):
        if key is not None:
            by_key.setdefault(key, []).append(i)
    for a, members_a in by_key.items():
        for b, members_b in by_key.items():
            if clash(a, b):
                sim[np.ix_(members_a, members_b)] = 0.0


def _together_when_verbatim(sim: np.ndarray, units: Sequence[Claim], settings: AlignmentSettings) -> None:
    """Two sources giving the same words, word for word (case, punctuation and quotation
    marks aside), state one fact: their similarity is raised to ``strong``. The encoder reads
    the marks, so one justice's question set off in marks by one outlet and run on from a
    longer quotation by another ('"Well, which is it?"' / 'Well, which is it?”') scored
    0.77, and its words are all too common for the tf-idf term to lift it."""
    keys: dict[str, list[int]] = {}
    for i, unit in enumerate(units):
        words = _WORDS_ONLY.findall(unit.text.lower())
        if len(words) >= VERBATIM_WORDS:
            keys.setdefault(" ".join(words), []).append(i)
    for members in keys.values():
        for x, i in enumerate(members):
            for j in members[x + 1 :]:
                if units[i].source != units[j].source:
                    sim[i, j] = sim[j, i] = max(sim[i, j], settings.strong)


#: the fewest words two statements must share word for word to count as one (see
#: ``_together_when_verbatim``)
VERBATIM_WORDS = 3
_WORDS_ONLY = re.compile(r"\w+")


def _apart_when_roles_swap(sim: np.ndarray, units: Sequence[Claim]) -> None:
    """Two statements in which the same two named parties swap roles ("Trump lashed out at
    Cruz" / "Cruz lashed out at Trump") tell two facts, however alike their words: their
    similarity is set to zero, so no link or group joins them."""
    _set_apart(sim, [u.roles for u in units], lambda a, b: a == (b[1], b[0]))


#: the chamber of a legislature a statement is about: "the Senate intelligence committee",
#: "Sen. Richard Burr" / "the House panel", "Rep. Adam Schiff", "House Speaker", never "the
#: White House" (the executive) or a chamber of another parliament ("House of Lords")
_CHAMBERS = (
    ("senate", re.compile(r"\b(?:Senate|Senators?)\b|\bSen\.(?=\s[A-Z])")),
    ("house", re.compile(r"(?<!White )(?<!Opera )(?<!Court )\bHouse\b(?! of (?:Lords|Commons))|\bRep\.(?=\s[A-Z])|\bRepresentatives?\b(?! of\b)")),
    ("lords", re.compile(r"\bHouse of Lords\b|\bLords\b")),
    ("commons", re.compile(r"\bHouse of Commons\b|\bCommons\b")),
)


def chamber(text: str) -> str | None:
    """The one chamber of a legislature a statement names, if it names exactly one."""
    found = {name for name, pattern in _CHAMBERS if pattern.search(text)}
    return found.pop() if len(found) == 1 else None


def _apart_when_chambers_differ(sim: np.ndarray, units: Sequence[Claim]) -> None:
    """Two statements about different chambers ("the Senate committee subpoenaed Flynn's
    businesses" / "the House committee will subpoena Flynn") tell two acts, however alike
    their words: two chambers of one legislature do the same kinds of things (hold hearings,
    subpoena, pass a bill), so the name of the chamber is what tells the facts apart. A
    statement naming both chambers, or none, is left alone."""
    _set_apart(sim, [chamber(u.text) for u in units], lambda a, b: a != b)


def _apart_when_speakers_differ(sim: np.ndarray, units: Sequence[Claim], words: Sequence[frozenset[str]]) -> None:
    """Two people's words tell two facts ("“Release the Mueller report to the American
    public,” Warren wrote" / "Harris called for the report to be released “immediately”"),
    however alike: in an event where many speak, they say the same kind of thing. Unless the
    words are the same ones (most of the shorter statement's content words in the other):
    then two outlets give one remark to two speakers, a conflict the report must show. A
    speaker inside the other's name ("Clinton" / "Hillary Clinton", where a report names two
    Clintons) is the same voice. ``Claim.speaker`` names people only: an office or a body
    passes one fact on through several channels."""
    heard = [i for i, u in enumerate(units) if u.speaker]
    for x, i in enumerate(heard):
        for j in heard[x + 1 :]:
            a, b = units[i].speaker.lower(), units[j].speaker.lower()
            if a in b or b in a or units[i].source == units[j].source or same_words(words[i], words[j]):
                continue
            sim[i, j] = sim[j, i] = 0.0


def same_words(a: frozenset[str] | set[str], b: frozenset[str] | set[str]) -> bool:
    """Whether two statements or quotations give the same words, one perhaps only a part of
    the other: most (``SAME_REMARK_SHARE``) of the shorter one's words are in the other. The
    one test for "one remark" wherever speakers are compared (alignment here, the speaker
    conflict and a bare quotation's speaker in the event report)."""
    return bool(a and b) and len(a & b) >= SAME_REMARK_SHARE * min(len(a), len(b))


#: the share of the shorter statement's words the other must carry for the two to count as
#: one remark
SAME_REMARK_SHARE = 0.6


def _links(sim: np.ndarray, sources: np.ndarray, settings: AlignmentSettings) -> list[tuple[int, int, float]]:
    """Mutual best matches between every two sources, plus near-identical pairs.

    Vectorised over units: for every source, each unit's best match inside it; a link is a
    pair that picks each other. Cost O(n² ) once, whatever the number of sources.
    """
    names, source_of = np.unique(sources, return_inverse=True)
    n, k = len(sources), len(names)
    best_idx = np.zeros((n, k), dtype=np.int64)
    best_val = np.full((n, k), -np.inf, dtype=np.float32)
    rows = np.arange(n)
    for b in range(k):
        cols = np.flatnonzero(source_of == b)
        pick = sim[:, cols].argmax(axis=1)
        best_idx[:, b] = cols[pick]
        best_val[:, b] = sim[rows, cols[pick]]
    I = np.repeat(rows, k)
    B = np.tile(np.arange(k), n)
    J = best_idx.ravel()
    V = best_val.ravel()
    mutual = (B != source_of[I]) & (best_idx[J, source_of[I]] == I) & (V >= settings.link) & (I < J)
    found: dict[tuple[int, int], float] = {(int(i), int(j)): float(v) for i, j, v in zip(I[mutual], J[mutual], V[mutual])}
    cross = source_of[:, None] != source_of[None, :]
    strong_i, strong_j = np.nonzero(np.triu((sim >= settings.strong) & cross, k=1))
    for i, j in zip(strong_i, strong_j):
        found[(int(i), int(j))] = float(sim[i, j])
    return sorted(((i, j, s) for (i, j), s in found.items()), key=lambda x: (-x[2], x[0], x[1]))


#: prefix of a named thing among a unit's anchors (see ``anchors``)
NAMED = "named:"
#: prefix of a verb (its lemma) among a unit's anchors (see ``anchors``)
VERB = "verb:"


#: prefix of a word a unit quotes (``Claim.quoted``) among its anchors
QUOTED = "quoted:"


#: prefix of a calendar date ("10-17" for "October 17", "17 Oct.") among a unit's anchors
DATED = "date:"


#: a page's time stamp, not a day a fact names: "PUBLISHED: WEDNESDAY, MARCH 13, 2013, 2: 29
#: PM", "Monday, Sep 10, 2012 | Updated 9: 01 AM"
_STAMP = re.compile(r"\b(?:published|updated|posted)\b", re.IGNORECASE)
_STAMP_AFTER = re.compile(r"[,\s\d]*(?:\||\d{1,2}\s?:\s?\d{2})")


def dates(text: str) -> frozenset[str]:
    """The calendar days a unit names, as "month-day": "October 17", "17 Oct." -> "10-17";
    none from a page's time stamp."""
    if _STAMP.search(text):
        return frozenset()
    out = set()
    for m in _DATE.finditer(text):
        if _STAMP_AFTER.match(text, m.end()):
            continue
        words = re.findall(r"[A-Za-z]+|\d+", m.group(0))
        month = next((MONTH_NUMBERS[w.lower()] for w in words if w.lower() in MONTH_NUMBERS), None)
        day = next((int(w) for w in words if w.isdigit()), None)
        if month and day and 1 <= day <= 31:
            out.add(f"{month}-{day}")
    return frozenset(out)


def anchors(unit: Claim) -> frozenset[str]:
    """What can tie a unit to another source's statement of the same fact besides wording:
    the figures it states, the named things it mentions (``Claim.names``, prefixed
    ``NAMED``) and the verbs it uses (``Claim.verbs``, prefixed ``VERB``)."""
    return (
        figures(unit.text)
        | {NAMED + name for name in unit.names}
        | {VERB + verb for verb in unit.verbs}
        | {DATED + day for day in dates(unit.text)}
        | {QUOTED + word for word in unit.quoted}
    )


def _weight(anchor: str, settings: AlignmentSettings) -> float:
    """The evidence an anchor adds to the similarity of two units that share it."""
    return settings.verb_weight if anchor.startswith(VERB) else settings.figure_weight


def _by_figure(
    figs: Sequence[frozenset[str]], sources: np.ndarray, words: Sequence[frozenset[str]] = ()
) -> dict[str, list[int]]:
    """The units stating each figure, for the figures at least two sources state.

    A figure most of its sources repeat in several statements is the story's running
    subject ("an eight-year offer" in every other sentence of a transfer story), not one
    fact: it is left to the ordinary grouping. A named thing counts only where every source
    names it once: a name a report repeats is one of its subjects, in many of its facts; so is
    the event's subject by its full name (see ``_subjects``). A verb counts as a name does
    (each source uses it once: it is rare in the event), and only where all its statements
    also name one thing in common other than the event's subject ("Trump" in a story of his
    shutdown deal ties "would not sign anything without wall funding" to "prepared to sign a
    bill" no more than the verb alone would). A quoted word counts as a figure
    does, and only where the event never uses it outside those quotations (``words``: each
    unit's content words): "garbage" quoted by two outlets is one remark; "attacks" or
    "story", which the reports also use in their own words, tie nothing.
    """
    by_figure: dict[str, list[int]] = {}
    for unit, found in enumerate(figs):
        for figure in found:
            by_figure.setdefault(figure, []).append(unit)
    out = {}
    event_sources = len(set(sources.tolist()))
    subjects = _subjects(figs)
    for figure, members in sorted(by_figure.items()):
        per_source = Counter(sources[members].tolist())
        repeated = sum(c > 1 for c in per_source.values())
        if len(per_source) < 2:
            continue
        if figure.startswith(VERB):
            # the verb and a thing they name: "hosting leaders of the Hamas terror group" / "its
            # hosting of a Hamas delegation"; a verb alone ties statements on different things
            shared = frozenset.intersection(*(figs[m] for m in members))
            if repeated or not any(a.startswith(NAMED) and a not in subjects for a in shared):
                continue
        elif figure.startswith(DATED):
            # a day some sources name once ("a previous call on October 17"); the day most of
            # them name is the event's own ("elections on December 15"), in many of its facts
            if repeated or 2 * len(per_source) > event_sources:
                continue
        elif repeated if figure.startswith(NAMED) else 2 * repeated > len(per_source):
            continue
        elif figure in subjects:
            continue
        elif figure.startswith(QUOTED):
            word, quoting = figure[len(QUOTED):], set(members)
            if any(word in unit_words for unit, unit_words in enumerate(words) if unit not in quoting):
                continue  # the event's own word too, not only the quoted remark's
        out[figure] = members
    return out


def _subjects(figs: Sequence[frozenset[str]]) -> set[str]:
    """The event's subjects among the named things (``NAMED`` anchors): a name in more than a
    third of its statements. A full name counts as its last word where the event names that
    word alone too ("Rodney Constantine" once in each report, "Constantine" all through): the
    man is the subject, and his full name, given at first mention in whatever fact comes
    first, ties no two facts together."""
    names = {a for found in figs for a in found if a.startswith(NAMED)}

    def person(name: str) -> str:
        last = NAMED + name[len(NAMED) :].split()[-1]
        return last if last in names else name

    naming = Counter(p for found in figs for p in {person(a) for a in found if a.startswith(NAMED)})
    main = {p for p, count in naming.items() if count > len(figs) / 3}
    return {a for a in names if person(a) in main}


@dataclass
class _FigureBlock:
    """The units stating one figure, their similarity plus ``figure_weight``, and the links
    among them (indices into ``members``): read once, used by grouping and figure groups."""

    figure: str
    members: list[int]
    sim: np.ndarray
    links: list[tuple[int, int, float]]


def _figure_blocks(
    sim: np.ndarray,
    figs: Sequence[frozenset[str]],
    sources: np.ndarray,
    settings: AlignmentSettings,
    words: Sequence[frozenset[str]] = (),
) -> list[_FigureBlock]:
    """``words``: each unit's content words, which tell a word the event uses in its own
    telling from one only quoted (see ``_by_figure``)."""
    blocks = []
    for figure, members in _by_figure(figs, sources, words).items():
        sub = sim[np.ix_(members, members)] + _weight(figure, settings)
        blocks.append(_FigureBlock(figure, members, sub, _links(sub, sources[members], settings)))
    return blocks


def _figure_links(blocks: Sequence[_FigureBlock]) -> list[tuple[int, int, float, str]]:
    """Links among the units stating one figure, on the similarity plus ``figure_weight``."""
    return [(b.members[i], b.members[j], s, b.figure) for b in blocks for i, j, s in b.links]


def _grow_groups(
    n: int,
    sim: np.ndarray,
    links: list[tuple[int, int, float]],
    settings: AlignmentSettings,
    figure_links: Sequence[tuple[int, int, float, str]] = (),
    figs: Sequence[frozenset[str]] = (),
) -> list[list[int]]:
    """Merge along links, strongest first, under complete linkage at ``settings.floor``.

    A figure link (two units stating one figure, see ``_figure_links``) merges two groups only
    when every unit of both states that figure: the figure is what such a group says. A
    sentence that states the figure inside another fact joins the figure's group later, in
    ``_figure_groups``, and keeps its own.
    """
    group_of = list(range(n))
    members: dict[int, list[int]] = {i: [i] for i in range(n)}
    tagged = [(s, i, j, None) for i, j, s in links] + [(s, i, j, f) for i, j, s, f in figure_links]
    tagged.sort(key=lambda x: (-x[0], x[1], x[2]))
    for _, i, j, figure in tagged:
        gi, gj = group_of[i], group_of[j]
        if gi == gj:
            continue
        a, b = members[gi], members[gj]
        block = sim[np.ix_(a, b)]
        if figure is not None:
            if not all(figure in figs[k] for k in a + b):
                continue
            block = block + _weight(figure, settings)
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
    alone = sorted(g[0] for g in groups if len(g) == 1)
    shared = [g for g in groups if len(set(sources[g].tolist())) >= 2]
    joined: dict[int, list[int]] = {k: [] for k in range(len(shared))}
    if alone and shared:
        # a unit no other source matched one-to-one joins the group it is closest to on
        # average (average linkage), if no pair falls under the floor and that group
        # clearly beats the runner-up; one matrix product gives every unit-group mean
        n = len(sources)
        member = np.zeros((n, len(shared)), dtype=np.float32)
        for k, g in enumerate(shared):
            member[g, k] = 1.0
        names, source_of = np.unique(sources, return_inverse=True)
        has_source = np.zeros((len(names), len(shared)), dtype=bool)
        for k, g in enumerate(shared):
            has_source[source_of[g], k] = True
        rows = np.asarray(alone)
        means = (sim[rows] @ member) / member.sum(axis=0)
        means[has_source[source_of[rows]]] = -np.inf
        order = np.argsort(-means, axis=1)
        fits: list[tuple[float, int, int]] = []
        for r, unit in enumerate(rows):
            best = order[r, 0]
            first = means[r, best]
            second = means[r, order[r, 1]] if len(shared) > 1 else -np.inf
            if first >= settings.average and first - second >= 0.05 and sim[unit, shared[best]].min() >= settings.floor:
                fits.append((float(first), int(unit), int(best)))
        # one unit per source and group, the closest: four sentences of one report that each
        # fit a group on their own were never checked against each other ("prefer the word
        # freshman", "enjoyed being called first-year" …), and a report states a fact once
        for _, unit, best in sorted(fits, reverse=True):
            if all(sources[u] != sources[unit] for u in joined[best]):
                joined[best].append(unit)
    taken = {u for units_ in joined.values() for u in units_}
    out = [g for g in groups if not (len(g) == 1 and g[0] in taken) and len(set(sources[g].tolist())) < 2]
    if not shared:
        return sorted(out, key=min)
    # a sentence the parser could not cut states two facts: for every group and every
    # source missing from it, that source's closest unit joins when it is, on average, as
    # close as a link and no pair falls under the floor
    names, source_of = np.unique(sources, return_inverse=True)
    member = np.zeros((len(sources), len(shared)), dtype=np.float32)
    for k, g in enumerate(shared):
        member[g, k] = 1.0
    means = (sim @ member) / member.sum(axis=0)
    for k, group in enumerate(shared):
        present = set(sources[group].tolist()) | {sources[u] for u in joined[k]}
        extra = list(joined[k])
        candidates = np.flatnonzero((means[:, k] >= settings.link) & ~np.isin(sources, list(present)))
        best_of: dict[int, int] = {}
        for unit in candidates:
            b = source_of[unit]
            if b not in best_of or means[unit, k] > means[best_of[b], k]:
                best_of[b] = int(unit)
        for unit in best_of.values():
            if sim[unit, group].min() >= settings.floor:
                extra.append(unit)
        out.append(sorted(group + extra))
    out.sort(key=min)
    return out


def _figure_groups(
    groups: list[list[int]], blocks: Sequence[_FigureBlock], sources: np.ndarray, settings: AlignmentSettings
) -> list[list[int]]:
    """Add a group for each measured figure several sources state (see the module docstring).

    Among the units stating one figure, links and complete linkage run as for all units, on
    the similarity plus ``figure_weight``: the shared figure is evidence, the rest of the
    wording still has to fit (two units that give "3 days" for different things stay apart
    unless they are close otherwise). A figure group inside an existing group adds nothing;
    a group inside a figure group (the units that stated only the figure) gives way to it.
    """
    added: list[list[int]] = []
    for b in blocks:
        for part in _grow_groups(len(b.members), b.sim, b.links, settings):
            group = sorted(b.members[k] for k in part)
            if len(set(sources[group].tolist())) >= 2:
                added.append(group)
    out = [list(g) for g in groups]
    for group in added:
        if any(set(group) <= set(g) for g in out):
            continue
        out = [g for g in out if not set(g) < set(group)]
        out.append(group)
    return out
