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
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

from rashomon.model import Claim
from rashomon.nlp import MONTH, MONTH_NAME, MONTH_NUMBERS, WEEKDAY_NAME, outside_quotes

_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "hundred": 100, "a hundred": 100, "dozen": 12, "a dozen": 12, "half a dozen": 6,
    "an": 1, "a": 1,
}
_SCALE = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
#: units that are the same quantity in other words: value in the first unit
_UNIT_ALIASES = {"hour": ("minute", 60), "hours": ("minute", 60), "minutes": ("minute", 1), "minute": ("minute", 1),
                 "days": ("day", 1), "day": ("day", 1), "weeks": ("day", 7), "week": ("day", 7)}
_APPROX = r"about|around|approximately|roughly|nearly|almost|some|an estimated|up to|close to|over|more than|at least|fewer than|less than|under"
_NUMBER = re.compile(
    rf"(?P<hedge>\b(?:{_APPROX})\s+)?(?P<money>\$\s?)?"
    r"(?P<num>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|half a dozen|a dozen|dozen|a hundred|an|a)\b)"
    r"(?:\s+(?P<scale>hundred|thousand|million|billion))?"
    r"(?:[\s-]+(?P<unit>[a-z]+))?",
    re.IGNORECASE,
)
_WEEKDAY = re.compile(rf"\b({WEEKDAY_NAME})\b")
_MONTH_DAY = re.compile(rf"\b({MONTH_NAME})\s+(\d{{1,2}})\b|\b(\d{{1,2}})\s+({MONTH_NAME})\b")
#: words that negate without "not": "avoid harm" and "did not lead to harm" agree
_IMPLICIT_NEGATIVE = re.compile(r"\b(avoid\w*|prevent\w*|without|lack\w*|fail\w*|refus\w*|den(y|ied|ies)|unable|absence|instead)\b", re.IGNORECASE)
_NEGATION = re.compile(r"\b(not|n['’]t|never|no longer|denied|denies|refused to)\b", re.IGNORECASE)
#: a negation that says something did not happen (not "should not", an opinion, nor "not a
#: spot at a bar" / "not the objective", which set one thing against another)
_FACT_NEGATION = re.compile(
    r"\b(?:(?:do|does|did|is|are|was|were|has|have|had|will|can)\s+not\b(?!\s+(?:a|an|the|only|just)\b)"
    r"|(?:do|does|did|is|are|was|were|has|have|had|wo|ca)n['’]t\b|never\b|no longer\b|denied\b|denies\b|refused to\b)",
    re.IGNORECASE,
)
#: words after a number that do not name what is counted
_NOT_UNITS = {
    "were", "was", "are", "is", "have", "had", "has", "who", "which", "that", "of", "and", "or", "to", "in", "on",
    "at", "the", "a", "an", "per", "percent", "times", "p", "am", "pm", "for", "from", "with", "by", "as", "into",
    "than", "after", "before", "since", "until", "worth", "each", "more", "less", "other", "this", "last",
    "next", "hundred", "thousand", "million", "billion", "trillion", "th", "st", "nd", "rd", "s",
}
_TIME_REFERENCE = re.compile(r"\s+(?:earlier|later|ago|after|before|since|prior|from now)\b", re.IGNORECASE)
_BARE_NUMBER = re.compile(r"(?<![\w.,])\d{1,3}(?:,\d{3})+(?![\w,])|(?<![\w.,])\d+(?:\.\d+)?(?![\w,])")
#: a month before a number makes it a date ("Sept. 11 hijackers", "the June 19 vote")
_MONTH_BEFORE = re.compile(rf"\b{MONTH}\.?\s*$")


#: a determiner before "one" makes it a pronoun ("the one found in the iPhone 5S")
_THE_BEFORE = re.compile(r"\b(?:the|this|that|which)\s+$", re.IGNORECASE)


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
        if m.group("unit") is None and not m.group("money"):
            continue  # a bare number: nothing says what it counts
        if raw[0].isdigit() and text[m.start("num") - 1 : m.start("num")].isalpha():
            continue  # part of a code or a model name: "the Broadcom BCM43342 found in", "A380s"
        if raw[0].isdigit() and (t := tallies(text[max(0, m.start("num") - 5) : m.end("num")])) and t[-1].endswith(raw):
            continue  # the loser's side of a tally: "a 97-1 vote" counts no "1 vote"
        if raw == "one" and _THE_BEFORE.search(text, 0, m.start("num")):
            continue  # "the one found in the iPhone 5S": a pronoun, not a count
        if _TIME_REFERENCE.match(text, m.end()):
            continue  # "a day earlier", "three weeks ago": when, not how long
        unit = (m.group("unit") or "").lower()
        said = m.group(0).strip()
        scale = (m.group("scale") or "").lower()
        if m.group("money"):
            # "$5.7 billion for the wall": what is counted is money (the word after is not),
            # "$5-million" its scale
            if not scale and unit in _SCALE:
                scale = unit
            said = text[m.start() : m.end("scale") if m.group("scale") else m.end("unit") if scale else m.end("num")].strip()
            unit = "dollar"
        elif unit in _NOT_UNITS or unit in MONTH_NUMBERS or _MONTH_BEFORE.search(text, 0, m.start("num")):
            continue
        if raw in _NUMBER_WORDS:
            if raw in ("a", "an") and unit not in _UNIT_ALIASES:
                continue  # "a statement", "an attack": not a count
            value = float(_NUMBER_WORDS[raw])
        else:
            value = float(raw.replace(",", ""))
        if scale:
            value *= _SCALE[scale]
        if 1900 <= value <= 2100 and not m.group("hedge"):
            continue  # a year
        base, factor = _UNIT_ALIASES.get(unit, (_singular(unit), 1))
        base = _SAME_COUNT.get(base, base)
        found.append(Quantity(value * factor, base, (m.group("hedge") or "").strip().lower(), said))
    return found


#: a vote or a score written as two counts, the larger first ("a 97-1 vote", "voted 348-77",
#: "a 5–4 ruling"); a range is written the other way ("10-15 people")
_TALLY = re.compile(r"(?<![\d,.$–-])(\d{1,3})\s?[-–]\s?(\d{1,3})(?![\d%]|[,.]\d|\s?[-–]\s?\d)")


def tallies(text: str) -> list[str]:
    """The tallies in ``text``, in order ("The final tally was 97-1." -> ["97-1"])."""
    return [f"{m.group(1)}-{m.group(2)}" for m in _TALLY.finditer(text) if int(m.group(1)) > int(m.group(2))]


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


def stated_counts(claims: Sequence[Claim], copies: Mapping[str, str] | None = None) -> dict[str, list[Quantity]]:
    """Every count each source gives anywhere in its report, by source id: what
    :func:`number_conflict` reads to tell a contradiction from a count of something else. A
    syndicated copy and its original (``copies``: copy -> original) are one report: each
    is given the counts of both."""
    copies = copies or {}
    pooled: dict[str, list[Quantity]] = {}
    for c in claims:
        pooled.setdefault(copies.get(c.source, c.source), []).extend(quantities(c.text))
    return {c.source: pooled[copies.get(c.source, c.source)] for c in claims}


def number_conflict(
    a: Claim, b: Claim, stated: Mapping[str, Sequence[Quantity]] | None = None, max_ratio: float | None = None
) -> Disagreement | None:
    """Same counted thing, values that cannot both hold.

    Sums of money are read (alignment uses them as evidence) but never conflict: a story
    names many sums, and two of them are no contradiction without knowing what each pays
    for. Nor does a count the other statement also gives, even bare ("six arrests
    Wednesday, compared to 47 the previous night" against "47 arrests overnight"). With
    ``stated`` (:func:`stated_counts` over the event), nor does a count whose source gives
    the other side's figure itself elsewhere in its report: its own number counts something
    else ("a water area of around 500 acres" in a report that also has "the 62-acre
    island"), or updates the figure it also gives. With ``max_ratio``, nor do two values
    further apart than that factor: used for statements alignment kept apart, where "most
    sitcoms ran 25 minutes" and "nearly 2 minutes over a full episode" time two things.
    """
    qa, qb = quantities(a.text), quantities(b.text)
    stated = stated or {}
    for x in qa:
        for y in qb:
            if x.unit == y.unit and x.unit != "dollar" and not _compatible(x, y):
                if max_ratio is not None and max(x.value, y.value) > max_ratio * max(min(x.value, y.value), 1e-9):
                    continue
                if x.value in _bare_values(b.text) or y.value in _bare_values(a.text):
                    continue
                # the same unit elsewhere in the other statement (or, with ``stated``, in the
                # other report) with a compatible value means the two may be counting
                # different things: stay silent
                if any(_compatible(x, z) for z in (*qb, *stated.get(b.source, ())) if z.unit == x.unit) or any(
                    _compatible(y, z) for z in (*qa, *stated.get(a.source, ())) if z.unit == y.unit
                ):
                    continue
                what = _plural(x.unit)
                return Disagreement(
                    f"number of {what}",
                    {a.source: x.text, b.source: y.text},
                    f"number of {what}: {x.text} ({a.source}) vs {y.text} ({b.source})",
                )
    return None


def _bare_values(text: str) -> set[float]:
    return {float(n.replace(",", "")) for n in _BARE_NUMBER.findall(text)}


#: a weekday that dates someone's telling, not the fact told: "On Monday some news sites
#: reported on a hoax video …", "officials said Tuesday", "told reporters on Friday"
_TELLING = frozenset("said says told reported reports announced wrote tweeted posted published confirmed stated".split())
_WORDS = re.compile(r"[\w’'-]+")


def _fact_weekdays(text: str) -> set[str]:
    """The weekdays a statement gives for what it tells: one tied to a reporting verb (at
    most three words before the weekday or four after it, no punctuation between) dates a
    report or a remark and is left out; "The gate failed on Tuesday, officials said" keeps
    its Tuesday."""
    return {m.group(1) for m in _WEEKDAY.finditer(text) if not _dates_a_telling(text, m)}


def _dates_a_telling(text: str, m: re.Match[str]) -> bool:
    """Whether the day or date at ``m`` is tied to a reporting verb (at most three words
    before it or four after it, no punctuation between): it dates a report or a remark."""
    before = re.split(r"[,;:.!?()—–]", text[: m.start()])[-1]
    after = re.split(r"[,;:.!?()—–]", text[m.end() :])[0]
    near = _WORDS.findall(before)[-3:] + _WORDS.findall(after)[:4]
    return any(w in _TELLING for w in near)


def day_conflict(a: Claim, b: Claim) -> Disagreement | None:
    """Different weekdays or calendar dates for the same fact.

    A story spans days ("Trump on Monday called the case unfair" / "Flynn pleaded guilty on
    Friday"), so the two statements must also share most of their words: the same thing
    done, told with another day. Names do not count there (two sentences about Steele can
    tell two things that happened to him).
    """
    if _overlap(a.text, b.text) < 0.5:
        return None
    wa, wb = _fact_weekdays(a.text), _fact_weekdays(b.text)
    if len(wa) == 1 and len(wb) == 1 and wa != wb:
        x, y = wa.pop(), wb.pop()
        return Disagreement("day", {a.source: x, b.source: y}, f"day: {x} ({a.source}) vs {y} ({b.source})")
    da, db = _dates(a.text), _dates(b.text)
    if len(da) == 1 and len(db) == 1 and da != db:
        x, y = " ".join(da.pop()), " ".join(db.pop())
        return Disagreement("date", {a.source: x, b.source: y}, f"date: {x} ({a.source}) vs {y} ({b.source})")
    return None


def _dates(text: str) -> set[tuple[str, str]]:
    """The calendar dates a statement gives for what it tells; one that dates a report or a
    remark ("ITAR-TASS reported September 26") is left out, as for weekdays."""
    out = set()
    for m in _MONTH_DAY.finditer(text):
        if _dates_a_telling(text, m):
            continue
        month, day = (m.group(1), m.group(2)) if m.group(1) else (m.group(4), m.group(3))
        out.add((month, str(int(day))))
    return out


def negation_conflict(a: Claim, b: Claim) -> Disagreement | None:
    """One says a thing happened, the other that it did not, in otherwise shared words.

    Only a negation of what happened counts (see ``_FACT_NEGATION``), the other statement
    has no negation at all, the shared words are most of both statements, and the words the
    negation governs are the other statement's too: a short fragment inside a longer
    sentence with a negated clause of its own is no contradiction.
    """
    na, nb = bool(_FACT_NEGATION.search(a.text)), bool(_FACT_NEGATION.search(b.text))
    if na == nb or _IMPLICIT_NEGATIVE.search(a.text) or _IMPLICIT_NEGATIVE.search(b.text):
        return None
    if _NEGATION.search((b if na else a).text):
        return None  # the affirming side negates too ("not the objective"): no clean opposite
    wa, wb = _plain_words(a.text), _plain_words(b.text)
    (neg, pos), pos_words = ((a, b), wb) if na else ((b, a), wa)
    m = _FACT_NEGATION.search(neg.text)
    negated = [w for w in re.findall(r"[a-z]{3,}", neg.text[m.end() :].lower()) if w not in _FILLER][:4]
    # the denied act itself in the other statement ("has not banned" / "banned the word …")
    # lets the longer statement carry more besides: where it is named, a third of it will do
    whole = 0.34 if negated and negated[0] in pos_words else 0.5
    if not wa or not wb or len(wa & wb) / min(len(wa), len(wb)) < 0.8 or len(wa & wb) / max(len(wa), len(wb)) < whole:
        return None
    if negated and sum(w in pos_words for w in negated) * 2 <= len(negated):
        return None  # "I didn't need to do this, but I'd rather …": the other side says the rest
    return Disagreement(
        "negation", {neg.source: "denies", pos.source: "affirms"},
        f"negation: {neg.source} says it did not happen, {pos.source} says it did",
    )


#: a statement that calls what it reports false ("has proved to be a fake", "a hoax video")
_REFUTED = re.compile(r"\b(?:fakes?|faked|hoax(?:es)?|doctored|debunked|fabricated|photoshopped|falsely|phony|not real|never happened)\b", re.IGNORECASE)
#: a statement that keeps its distance from what it reports: it tells of a claim, a report,
#: a rumour or a picture, not of the thing as fact (not the "story" of a "31-story" building)
_DISTANCED = re.compile(
    r"(?<![\w-])(?:appear\w*|apparent\w*|reportedly|purported\w*|alleged\w*|claim\w*|seem\w*|rumou?r\w*|suppos\w*"
    r"|reports?|reported|reporting|according|mention\w*|unconfirmed|articles?|stor(?:y|ies)|posts?|sites?"
    r"|videos?|footage|photos?|pictures?|images?|clips?)\b",
    re.IGNORECASE,
)


def calls_false(text: str) -> bool:
    """Whether a statement calls what it reports false ("A hoax report claimed …", "has proved
    to be a fake")."""
    return bool(_REFUTED.search(text))


def keeps_distance(text: str) -> bool:
    """Whether a statement tells of a claim, a report or a picture rather than of the thing
    as fact ("Sources are reporting that …", "Multiple unconfirmed reports say …")."""
    return bool(_DISTANCED.search(text))


def debunking_sources(units: Sequence[Claim]) -> frozenset[str]:
    """The sources that call something in the event a fake or a hoax anywhere in their
    report, in their own words: none of them tells the rumour as fact (see
    :func:`hoax_conflict`). A source that quotes someone calling a thing fake ("“It's a fake
    question.”", a senator's "a fabricated national emergency") debunks nothing itself."""
    return frozenset(u.source for u in units if calls_false(outside_quotes(u.text)))


def hoax_conflict(a: Claim, b: Claim, debunkers: frozenset[str] | None = None) -> Disagreement | None:
    """One calls the thing a fake or a hoax, the other tells it as fact ("A video of Putin
    apparently being pooped on by a bird has proved to be a fake" / "Putin was pooped on by a
    bird while giving a speech"): the rumour stories outlets debunk while others repeat them.

    The telling side must state the thing plainly: no distance (a claim, a report, what a
    video seems to show), no negation, and (with ``debunkers``, :func:`debunking_sources`)
    from a source that calls nothing in the event a fake. The two must share at least three
    lower-case words (the act, not only the names), outside the telling side's quotation
    marks: a source that quotes the false claim in the claimant's words ("“We're the only
    country in the world …,” Mr. Trump told Axios") reports it, it does not tell it. They
    already state one fact by the alignment's reading.
    """
    ra, rb = bool(_REFUTED.search(a.text)), bool(_REFUTED.search(b.text))
    if ra == rb:
        return None
    refuting, telling = (a, b) if ra else (b, a)
    if telling.source in (debunkers or ()) or _DISTANCED.search(telling.text) or _NEGATION.search(telling.text):
        return None
    if len(_lower_words(refuting.text) & _lower_words(outside_quotes(telling.text))) < 3:
        return None  # the shared words are someone's, quoted: the outlet reports them, not tells them
    return Disagreement(
        "hoax", {refuting.source: "calls it false", telling.source: "tells it as fact"},
        f"hoax: {refuting.source} says it is false, {telling.source} tells it as fact",
    )


#: glue words a lower-case word test reads past, besides ``_FILLER``
_STOP = frozenset("with from into during while about after before this that their there which what when".split())


def _lower_words(text: str) -> set[str]:
    """Words written in lower case (no names), three letters or more, less the glue words."""
    return {w for w in re.findall(r"\b[a-z]{3,}\b", text) if w not in _FILLER and w not in _STOP}


#: words a negation test reads past: the negation itself and the glue around what it denies
_FILLER = frozenset({"not", "never", "the", "and", "that", "was", "were", "has", "have", "had", "did"})


def _plain_words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z]{3,}", text.lower()) if w not in _FILLER}


_DAY_WORDS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())


def _overlap(a: str, b: str) -> float:
    """Shared plain words as a share of the shorter statement's (days and names left out)."""
    wa, wb = _common_words(a) - _DAY_WORDS, _common_words(b) - _DAY_WORDS
    return len(wa & wb) / min(len(wa), len(wb)) if wa and wb else 0.0


DEFAULT_CHECKS: tuple[SlotChecker, ...] = (number_conflict, day_conflict, negation_conflict, hoax_conflict)


#: where one statement turns from one account to another ("…; Private Islands Online says …")
_ACCOUNT_BREAK = re.compile(r";|,?\s+\b(?:while|whereas|but)\b", re.IGNORECASE)
#: a clause that says whose figure it gives
_ACCOUNT_CUE = re.compile(
    r"\b(?:says?|said|put|puts|pegs?|pegged|estimates?|estimated|reports?|reported|claims?|claimed|counts?|counted|"
    r"lists?|listed|gives?|gave|states?|stated|told|according to)\b",
    re.IGNORECASE,
)


def reported_conflict(claim: Claim) -> Disagreement | None:
    """One statement that gives two parties' figures for the same count, and they cannot
    both hold ("The Vladi listing pegs the property at about 62 acres; Private Islands Online
    says its about 82 acres", "police put the crowd at 3,000 while organisers said 10,000
    people came").

    The report passes on a dispute it found: the clauses on either side of the turn (a
    semicolon, "while", "whereas", "but") must each say whose figure it is (a verb of
    saying or estimating, "according to"), and each give its own count; the two figures
    differ beyond rounding (a hedge gives no room: the report sets them against each other).
    Sums of money stay out, as in :func:`number_conflict`.
    """
    for m in _ACCOUNT_BREAK.finditer(claim.text):
        left, right = claim.text[: m.start()], claim.text[m.end() :]
        if not (_ACCOUNT_CUE.search(left) and _ACCOUNT_CUE.search(right)):
            continue
        ql, qr = quantities(left), quantities(right)
        for x in ql:
            for y in qr:
                if x.unit == y.unit and x.unit != "dollar" and not _same_figure(x, y):
                    if any(_same_figure(x, z) for z in qr if z.unit == x.unit) or any(_same_figure(y, z) for z in ql if z.unit == y.unit):
                        continue
                    what = _plural(x.unit)
                    return Disagreement(
                        f"number of {what}",
                        {claim.source: f"{x.text} / {y.text}"},
                        f"number of {what}: {x.text} vs {y.text}, two accounts one report gives ({claim.source})",
                    )
    return None


def _same_figure(a: Quantity, b: Quantity) -> bool:
    """Two figures set side by side as two accounts are the same only up to rounding: a
    hedge ("about") gives no room here, the report has told us they differ."""
    return abs(a.value - b.value) <= 0.03 * max(a.value, b.value)


def event_checks(stated: Mapping[str, Sequence[Quantity]], debunkers: frozenset[str] = frozenset()) -> tuple[SlotChecker, ...]:
    """The checks for one event's groups: :data:`DEFAULT_CHECKS` with the number check told
    every count each source gives (``stated``: :func:`stated_counts` over the event) and the
    hoax check which sources debunk (``debunkers``: :func:`debunking_sources`); the others as
    they are, in the same order."""
    told: dict[SlotChecker, SlotChecker] = {
        number_conflict: lambda a, b: number_conflict(a, b, stated),
        hoax_conflict: lambda a, b: hoax_conflict(a, b, debunkers),
    }
    return tuple(told.get(check, check) for check in DEFAULT_CHECKS)


def find_conflict(
    mentions: Sequence[Claim], copies: dict[str, str] | None = None, checks: Sequence[SlotChecker] = DEFAULT_CHECKS
) -> Disagreement | None:
    """The first disagreement between two independent sources among one group's mentions;
    else a dispute one mention passes on itself (:func:`reported_conflict`)."""
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
    for m in mentions:
        found = reported_conflict(m)
        if found is not None:
            return found
    return None


def related_conflicts(
    groups: Sequence[Sequence[int]],
    units: Sequence[Claim],
    similarity,
    copies: dict[str, str] | None = None,
    related: float = 0.5,
    stated: Mapping[str, Sequence[Quantity]] | None = None,
    max_ratio: float = 5.0,
) -> list[tuple[int, int, Disagreement]]:
    """Pairs of groups that state one fact with numbers that cannot both hold.

    Two reports that disagree on a count ("about 1,200 residents were moved out" against
    "more than 2,000 people were forced to flee") often word the rest differently too, so
    alignment keeps them apart. Groups whose mentions are related (mean similarity at least
    ``related``) and count the same thing with incompatible values are one fact in conflict.
    ``stated`` is passed to :func:`number_conflict`. Values more than ``max_ratio`` apart
    count different things: reports that disagree on one count stay within a small factor
    of each other (1,200 against 2,000; 62 acres against 82), while a loosely related
    statement's number is often of another order (a 25-minute sitcom, 2 minutes gained).
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
                    d = number_conflict(units[i], units[j], stated, max_ratio)
                    if d is not None:
                        found.append((gi, gj, d))
                        break
                else:
                    continue
                break
    return found


def _common_words(text: str) -> set[str]:
    """Plain words written in lower case: what was done, not who did it."""
    return _plain_words(" ".join(w for w in text.split() if not w[:1].isupper()))
