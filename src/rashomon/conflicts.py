"""Conflicts: statements of the same fact that disagree on a slot.

No NLI model ships on PyPI, so contradiction comes from rules over statements that alignment
has already judged to state the same fact: a number counting the same thing, a weekday or a
date, a negation one side has and the other lacks, and (from quote attribution) who said it.
Precision first: a false conflict tells a reader that outlets contradict each other when they
do not, so hedged numbers ("about", "nearly", "more than") get room, and every conflict
carries a one-line reason naming the values. ``SlotChecker`` is the interface a real NLI model
could later implement.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from rashomon.model import Claim

_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "hundred": 100, "a hundred": 100, "dozen": 12, "a dozen": 12,
    "an": 1, "a": 1,
}
_SCALE = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
#: units that are the same quantity in other words: value in the first unit
_UNIT_ALIASES = {"hour": ("minute", 60), "hours": ("minute", 60), "minutes": ("minute", 1), "minute": ("minute", 1),
                 "days": ("day", 1), "day": ("day", 1), "weeks": ("day", 7), "week": ("day", 7)}
_APPROX = r"about|around|approximately|roughly|nearly|almost|some|an estimated|up to|close to|over|more than|at least|fewer than|less than|under"
_NUMBER = re.compile(
    rf"(?P<hedge>\b(?:{_APPROX})\s+)?"
    r"(?P<num>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|a dozen|dozen|a hundred|an|a)\b)"
    r"(?:\s+(?P<scale>hundred|thousand|million|billion))?"
    r"[\s-]+(?P<unit>[a-z]+)",
    re.IGNORECASE,
)
_WEEKDAY = re.compile(r"\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")
_MONTH_DAY = re.compile(
    r"\b(January|February|March|April|May|June|July|August|September|October|November|December)\s+(\d{1,2})\b"
    r"|\b(\d{1,2})\s+(January|February|March|April|May|June|July|August|September|October|November|December)\b"
)
#: words that negate without "not": "avoid harm" and "did not lead to harm" agree
_IMPLICIT_NEGATIVE = re.compile(r"\b(avoid\w*|prevent\w*|without|lack\w*|fail\w*|refus\w*|den(y|ied|ies)|unable|absence|instead)\b", re.IGNORECASE)
_NEGATION = re.compile(r"\b(not|n't|never|no longer|denied|denies|refused to)\b", re.IGNORECASE)
#: words after a number that do not name what is counted
_NOT_UNITS = {"were", "was", "are", "is", "have", "had", "has", "who", "which", "that", "had", "of", "and", "or", "to", "in", "on", "at", "the", "a", "an", "per", "percent", "times", "p", "am", "pm"}


@dataclass(frozen=True)
class Quantity:
    value: float
    unit: str
    hedge: str
    text: str


@dataclass(frozen=True)
class Disagreement:
    """Two mentions of one fact that state a slot differently."""

    slot: str
    values: dict[str, str]  # source -> what it says
    reason: str


class SlotChecker(Protocol):
    """Anything that can tell whether two statements of one fact contradict each other."""

    def __call__(self, a: Claim, b: Claim) -> Disagreement | None: ...


def quantities(text: str) -> list[Quantity]:
    """Numbers with the word they count ("300 workers", "about 50 minutes", "an hour")."""
    found = []
    for m in _NUMBER.finditer(text):
        raw = m.group("num").lower()
        unit = m.group("unit").lower()
        if unit in _NOT_UNITS:
            continue
        if raw in _NUMBER_WORDS:
            if raw in ("a", "an") and unit not in _UNIT_ALIASES:
                continue  # "a statement", "an attack": not a count
            value = float(_NUMBER_WORDS[raw])
        else:
            value = float(raw.replace(",", ""))
        if m.group("scale"):
            value *= _SCALE[m.group("scale").lower()]
        if 1900 <= value <= 2100 and not m.group("hedge"):
            continue  # a year
        base, factor = _UNIT_ALIASES.get(unit, (_singular(unit), 1))
        base = _SAME_COUNT.get(base, base)
        found.append(Quantity(value * factor, base, (m.group("hedge") or "").strip().lower(), m.group(0).strip()))
    return found


#: nouns that count the same thing: people, however an outlet calls them
_SAME_COUNT = {w: "people" for w in ("people", "resident", "person", "inhabitant", "villager", "civilian", "citizen", "householder", "local", "individual")}


def _singular(word: str) -> str:
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word


def _plural(unit: str) -> str:
    """'worker' -> 'workers', 'casualty' -> 'casualties'; 'people' stays."""
    if unit == "people":
        return unit
    if unit.endswith(("s", "x", "ch", "sh")):
        return unit + "es"
    if unit.endswith("y") and unit[-2:-1] not in "aeiou":
        return unit[:-1] + "ies"
    return unit + "s"


def _compatible(a: Quantity, b: Quantity) -> bool:
    """Could both numbers be true of the same thing, given how each is hedged?"""
    lo_a, hi_a = _range(a)
    lo_b, hi_b = _range(b)
    return lo_a <= hi_b and lo_b <= hi_a


def _range(q: Quantity) -> tuple[float, float]:
    v = q.value
    if q.hedge in ("more than", "over", "at least"):
        return v, float("inf")
    if q.hedge in ("fewer than", "less than", "under", "up to"):
        return 0.0, v
    if q.hedge:  # about, nearly, some …: a quarter either way
        return v * 0.75, v * 1.25
    return v * 0.97, v * 1.03  # rounding


def number_conflict(a: Claim, b: Claim) -> Disagreement | None:
    """Same counted thing, values that cannot both hold."""
    qa, qb = quantities(a.text), quantities(b.text)
    for x in qa:
        for y in qb:
            if x.unit == y.unit and not _compatible(x, y):
                # the same unit elsewhere in the other statement with a compatible value
                # means the two may be counting different things: stay silent
                if any(_compatible(x, z) for z in qb if z.unit == x.unit) or any(
                    _compatible(y, z) for z in qa if z.unit == y.unit
                ):
                    continue
                what = _plural(x.unit)
                return Disagreement(
                    f"number of {what}",
                    {a.source: x.text, b.source: y.text},
                    f"number of {what}: {x.text} ({a.source}) vs {y.text} ({b.source})",
                )
    return None


def day_conflict(a: Claim, b: Claim) -> Disagreement | None:
    """Different weekdays or calendar dates for the same fact."""
    wa, wb = set(_WEEKDAY.findall(a.text)), set(_WEEKDAY.findall(b.text))
    if len(wa) == 1 and len(wb) == 1 and wa != wb:
        x, y = wa.pop(), wb.pop()
        return Disagreement("day", {a.source: x, b.source: y}, f"day: {x} ({a.source}) vs {y} ({b.source})")
    da, db = _dates(a.text), _dates(b.text)
    if len(da) == 1 and len(db) == 1 and da != db:
        x, y = " ".join(da.pop()), " ".join(db.pop())
        return Disagreement("date", {a.source: x, b.source: y}, f"date: {x} ({a.source}) vs {y} ({b.source})")
    return None


def _dates(text: str) -> set[tuple[str, str]]:
    out = set()
    for m in _MONTH_DAY.finditer(text):
        month, day = (m.group(1), m.group(2)) if m.group(1) else (m.group(4), m.group(3))
        out.add((month, str(int(day))))
    return out


def negation_conflict(a: Claim, b: Claim) -> Disagreement | None:
    """One says a thing happened, the other that it did not, in otherwise shared words."""
    na, nb = bool(_NEGATION.search(a.text)), bool(_NEGATION.search(b.text))
    if na == nb or _IMPLICIT_NEGATIVE.search(a.text) or _IMPLICIT_NEGATIVE.search(b.text):
        return None
    wa, wb = _plain_words(a.text), _plain_words(b.text)
    if not wa or not wb or len(wa & wb) / min(len(wa), len(wb)) < 0.8:
        return None
    neg, pos = (a, b) if na else (b, a)
    return Disagreement(
        "negation", {neg.source: "denies", pos.source: "affirms"},
        f"negation: {neg.source} says it did not happen, {pos.source} says it did",
    )


def _plain_words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z]{3,}", text.lower()) if w not in {"not", "never", "the", "and", "that", "was", "were", "has", "have", "had", "did"}}


DEFAULT_CHECKS: tuple[SlotChecker, ...] = (number_conflict, day_conflict, negation_conflict)


def find_conflict(
    mentions: Sequence[Claim], copies: dict[str, str] | None = None, checks: Sequence[SlotChecker] = DEFAULT_CHECKS
) -> Disagreement | None:
    """The first disagreement between two independent sources among one group's mentions."""
    copies = copies or {}
    root = lambda s: copies.get(s, s)  # noqa: E731 - a copy and its original never conflict
    for i, a in enumerate(mentions):
        for b in mentions[i + 1 :]:
            if root(a.source) == root(b.source):
                continue
            for check in checks:
                found = check(a, b)
                if found is not None:
                    return found
    return None


def related_conflicts(
    groups: Sequence[Sequence[int]],
    units: Sequence[Claim],
    similarity,
    copies: dict[str, str] | None = None,
    related: float = 0.5,
) -> list[tuple[int, int, Disagreement]]:
    """Pairs of groups that state one fact with numbers that cannot both hold.

    Two reports that disagree on a count ("about 1,200 residents were moved out" against
    "more than 2,000 people were forced to flee") often word the rest differently too, so
    alignment keeps them apart. Groups whose mentions are related (mean similarity at least
    ``related``) and count the same thing with incompatible values are one fact in conflict.
    """
    copies = copies or {}
    with_numbers = [(gi, g) for gi, g in enumerate(groups) if any(quantities(units[i].text) for i in g)]
    found = []
    for pos, (gi, a) in enumerate(with_numbers):
        for gj, b in with_numbers[pos + 1 :]:
            sources_a = {copies.get(units[i].source, units[i].source) for i in a}
            sources_b = {copies.get(units[i].source, units[i].source) for i in b}
            if not sources_b - sources_a or not sources_a - sources_b:
                continue
            block = similarity[list(a)][:, list(b)]
            if float(block.mean()) < related:
                continue
            for i in a:
                for j in b:
                    if copies.get(units[i].source, units[i].source) == copies.get(units[j].source, units[j].source):
                        continue
                    d = number_conflict(units[i], units[j])
                    if d is not None:
                        found.append((gi, gj, d))
                        break
                else:
                    continue
                break
    return found
