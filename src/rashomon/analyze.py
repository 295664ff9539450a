"""The event report: many reports of one event in, the claim-by-source picture out.

``analyze(articles)`` runs the stages over already extracted articles; ``analyze_paths``
reads and extracts files, folders, globs and JSONL records first. Every stage takes records
and returns records; this module only wires them together and writes the JSON report whose
shape ``docs/report-schema.md`` documents.

Cost per event: one spaCy parse per English article (shared by claim units, quotes and
framing), one batched embedding call over all claim units, and one similarity matrix.
"""

from __future__ import annotations

import glob
import gzip
import json
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field, replace
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import numpy as np

from rashomon import __version__
from rashomon.align import AlignmentSettings, align_claims, same_words
from rashomon.claims import claim_units, opens_on_a_bare_verb
from rashomon.conflicts import calls_false, debunking_sources, event_checks, find_conflict, keeps_distance, related_conflicts, stated_counts
from rashomon.extract import ExtractFailure, extract, extract_files
from rashomon.extract.reading import InputError, RawReport
from rashomon.model import Article, Claim, Quote
from rashomon.nlp import family_name, outside_quotes
from rashomon.summary import attributed, rank_wordings, readable_reason, statement_text, tidy, write_summary

#: Word 5-gram overlap above which two reports are copies of one text (syndication).
COPY_OVERLAP = 0.6
#: a source is read up to this many characters of cleaned text (about 16,000 words, past the
#: longest features): the parser refuses a million, and a pasted book would take minutes and
#: gigabytes (315,000 characters took 61 s and 1.8 GB)
MAX_REPORT_CHARS = 100_000
REPORT_SUFFIXES = {".html", ".htm", ".txt", ".text", ".md", ".xhtml"}

Progress = Callable[[str], None]


@dataclass
class AnalysisInput:
    """What reading the inputs produced: articles, and the inputs that failed and why."""

    articles: list[Article] = field(default_factory=list)
    failures: list[ExtractFailure] = field(default_factory=list)


def expand_inputs(inputs: Iterable[str]) -> list[Path]:
    """Files named directly, the report files inside folders, and glob matches, in order.

    A name that matches nothing is kept, so reading it fails with a clear message rather
    than vanishing from the batch.
    """
    out: list[Path] = []
    for item in inputs:
        path = Path(item)
        if path.is_dir():
            out.extend(sorted(p for p in path.iterdir() if p.is_file() and (p.suffix.lower() in REPORT_SUFFIXES or _is_jsonl(p))))
        elif any(ch in item for ch in "*?[") and not path.exists():
            matches = sorted(Path(p) for p in glob.glob(item))
            out.extend(matches if matches else [path])
        else:
            out.append(path)
    return out


def _is_jsonl(path: Path) -> bool:
    name = path.name.lower()
    return name.endswith((".jsonl", ".jsonl.gz", ".ndjson"))


def read_inputs(inputs: Iterable[str], progress: Progress | None = None) -> AnalysisInput:
    """Extract every report; a bad file or row is recorded as a failure and the rest go on."""
    result = AnalysisInput()
    inputs = list(inputs)
    for item in inputs:
        if Path(item).is_dir() and not expand_inputs([item]):
            suffixes = ", ".join(sorted(REPORT_SUFFIXES | {".jsonl"}))
            result.failures.append(ExtractFailure(item, f"folder holds no report files ({suffixes})"))
    files, records = [], []
    for path in expand_inputs(inputs):
        (records if _is_jsonl(path) and path.is_file() else files).append(path)
    for item in extract_files(files):
        if isinstance(item, ExtractFailure):
            result.failures.append(item)
        else:
            result.articles.append(item)
        if progress:
            progress(getattr(item, "id", None) or item.path)
    for path in records:
        for item in _read_records(path):
            (result.failures if isinstance(item, ExtractFailure) else result.articles).append(item)
            if progress:
                progress(getattr(item, "id", None) or item.path)
    _unique_ids(result.articles)
    return result


def _read_records(path: Path) -> Iterable[Article | ExtractFailure]:
    """Rows of a JSONL file: {id, html} or {id, text}, optionally url/title/outlet/published."""
    opener = gzip.open if path.name.lower().endswith(".gz") else open
    try:
        with opener(path, "rt", encoding="utf-8") as fh:
            lines = list(fh)
    except (OSError, UnicodeDecodeError) as exc:
        yield ExtractFailure(str(path), f"cannot read JSONL: {exc}")
        return
    for n, line in enumerate(lines, 1):
        where = f"{path}:{n}"
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            body = row.get("html") if row.get("html") else row.get("text")
            if not isinstance(body, str) or not body.strip():
                raise InputError(where, "row has no 'html' or 'text' field with content")
            fmt = "html" if row.get("html") else "text"
            raw = RawReport(path=where, text=body, format=fmt, encoding="utf-8")
            article = extract(raw, id=str(row.get("id") or f"{path.stem}-{n}"), url=row.get("url"))
            for key in ("title", "outlet", "published", "author"):
                if row.get(key) and not getattr(article, key):
                    setattr(article, key, str(row[key]))
            yield article
        except InputError as exc:
            yield ExtractFailure(where, exc.problem)
        except (ValueError, TypeError, AttributeError) as exc:
            yield ExtractFailure(where, f"bad row: {exc}")


def _unique_ids(articles: list[Article]) -> None:
    """Two inputs named alike (a.txt, a.html) would share an id: number the later ones."""
    seen: dict[str, int] = {}
    for a in articles:
        if a.id in seen:
            seen[a.id] += 1
            a.id = f"{a.id}-{seen[a.id]}"
        else:
            seen[a.id] = 1


# ---------------------------------------------------------------------------- copies


def _shingles(text: str, n: int = 5) -> set[int]:
    words = re.findall(r"\w+", text.lower())
    return {hash(tuple(words[i : i + n])) for i in range(max(0, len(words) - n + 1))}


def find_copies(articles: Sequence[Article], threshold: float = COPY_OVERLAP) -> dict[str, str]:
    """Syndicated copies: article id -> the id of the report it copies (the earliest one).

    Two reports whose word 5-grams overlap beyond ``threshold`` (of the shorter one) are one
    text run twice; a copy repeats its original, it does not confirm it.
    """
    shingles = [_shingles(a.text) for a in articles]
    order = sorted(range(len(articles)), key=lambda i: (articles[i].published or "9999", i))
    copy_of: dict[str, str] = {}
    for pos, i in enumerate(order):
        for j in order[:pos]:
            if articles[j].id in copy_of:
                continue
            a, b = shingles[i], shingles[j]
            if a and b and len(a & b) / min(len(a), len(b)) >= threshold:
                copy_of[articles[i].id] = articles[j].id
                break
    return copy_of


# ---------------------------------------------------------------------------- analysis


@dataclass
class AnalysisOptions:
    alignment: AlignmentSettings = field(default_factory=AlignmentSettings)
    quotes: bool = True
    framing: bool = True
    #: read every source's headline against the other sources' bodies with the stance model
    #: (``headline_check`` on a source; see ``rashomon.corroboration``)
    headline_checks: bool = True


def analyze(
    articles: Sequence[Article],
    options: AnalysisOptions | None = None,
    progress: Progress | None = None,
    known_copies: dict[str, str] | None = None,
) -> dict[str, Any]:
    """The event report for articles that cover one event (see docs/report-schema.md).

    ``known_copies`` (copy id -> original id) adds syndicated copies found earlier, e.g. by
    ingest over the whole store, to the ones found among these articles.
    """
    options = options or AnalysisOptions()
    articles = list(articles)
    if not articles:
        raise ValueError("no readable reports to analyse")
    step = progress or (lambda _msg: None)

    warnings: list[str] = []
    for i, a in enumerate(articles):
        if len(a.text) > MAX_REPORT_CHARS:
            articles[i] = a.truncated(MAX_REPORT_CHARS)
            warnings.append(
                f"{a.path or a.id}: the cleaned text is {len(a.text):,} characters; the report reads "
                f"the first {len(articles[i].text):,} (a news report is rarely a tenth of that)"
            )
    step("checking the reports cover one event")
    closest = same_event_scores(articles)
    off_event = {a.id for a in articles if closest.get(a.id, 1.0) > OFF_EVENT}
    for a in articles:
        if a.id in off_event:
            warnings.append(
                f"{a.path or a.id}: seems to report a different event (closest report scores "
                f"{closest[a.id]:.1f} on 1 = same event … 4 = unrelated); not counted against consensus"
            )
    step("parsing")
    docs = _parse(articles)
    copies = find_copies(articles)
    present = {a.id for a in articles}
    for copy, original in (known_copies or {}).items():
        if copy in present and original in present and copy != original:
            copies.setdefault(copy, original)

    step("claim units")
    units: list[Claim] = []
    for article in articles:
        units.extend(claim_units(article, docs.get(article.id)))

    step("embedding")
    from rashomon.embed import encoder_for

    encoder = encoder_for(a.language for a in articles)
    vectors = encoder.encode([_as_statement(u) for u in units]) if units else np.zeros((0, 1), dtype=np.float32)
    english = encoder.name.lower().startswith("all-minilm")

    quotes: list[Quote] = []
    if options.quotes:
        step("quotes")
        quotes = _quotes(articles, docs, warnings)
        units = _with_speakers(units, quotes)

    step("aligning")
    alignment = align_claims(units, vectors, options.alignment, english=english)

    framing: dict[str, Any] = {"labels": [], "loaded": []}
    loadedness = _loadedness(articles)
    if options.framing:
        step("framing")
        framing = _framing(articles, docs, warnings)

    step("report")
    on_event = [a.id for a in articles if a.id not in off_event]
    groups = _claim_groups(articles, units, alignment, copies, quotes, loadedness, on_event)
    names = {a.id: a.outlet for a in articles if a.outlet}
    for g in groups:  # a reason is read by people: outlets, not file ids (``values`` keeps the ids)
        if g.get("reason"):
            g["reason"] = readable_reason(g["reason"], names)
    headline_checks: dict[str, dict[str, Any]] = {}
    if options.headline_checks and len(on_event) > 1:
        step("checking headlines against the other reports")
        headline_checks = _headline_checks(articles, [s for s in on_event if s not in copies], warnings)
    summary = write_summary(groups, _independent_count(on_event, copies))
    return {
        "rashomon": __version__,
        "event": _event_header(articles, groups),
        "sources": [
            _source_dict(a, copies.get(a.id))
            | {
                "same_event": closest.get(a.id),
                "off_event": a.id in off_event,
                "headline_check": headline_checks.get(a.id),
            }
            for a in articles
        ],
        "claims": groups,
        "quotes": [_quote_dict(q, groups) for q in quotes],
        "framing": framing,
        "summary": [s.to_dict() for s in summary],
        "stats": {"claim_units": len(units), "encoder": encoder.name, "background_similarity": round(alignment.background, 3)},
        "warnings": warnings,
    }


def _as_statement(unit: Claim) -> str:
    """The text to embed: a cut clause gets its sentence's subject back."""
    return f"{unit.context} {unit.text}" if unit.context else unit.text


#: a report whose closest other report scores above this (1 = same event … 4 = unrelated,
#: the SemEval-2022 task 8 scale of the pairs model) is flagged as off the event
OFF_EVENT = 3.0
#: past this many reports, each is compared with this many others only
SAME_EVENT_SAMPLE = 20


def same_event_scores(articles: Sequence[Article]) -> dict[str, float]:
    """For every report, how close the closest other report is to covering the same event.

    Uses the same-event model of ``rashomon.pairs`` (1 = same event … 4 = unrelated). With
    fewer than three reports nobody can be the odd one out, so nothing is scored.
    """
    if len(articles) < 3:
        return {}
    from rashomon.pairs import predict_pairs

    pairs: set[tuple[int, int]] = set()
    for i in range(len(articles)):
        others = [j for j in range(len(articles)) if j != i][:SAME_EVENT_SAMPLE]
        pairs.update((min(i, j), max(i, j)) for j in others)
    index = sorted(pairs)
    rows = [
        {
            "id": f"{i}-{j}",
            "lang1": articles[i].language or "en",
            "lang2": articles[j].language or "en",
            "text1": f"{articles[i].title or ''}\n{articles[i].text}",
            "text2": f"{articles[j].title or ''}\n{articles[j].text}",
        }
        for i, j in index
    ]
    closest: dict[str, float] = {}
    for (i, j), out in zip(index, predict_pairs(rows)):
        if "overall" not in out:
            continue
        for k in (i, j):
            key = articles[k].id
            closest[key] = min(closest.get(key, 4.0), float(out["overall"]))
    return closest


def _parse(articles: Sequence[Article]) -> dict[str, Any]:
    """One spaCy parse per English article, batched; other languages go unparsed."""
    english = [a for a in articles if (a.language or "en").startswith("en")]
    if not english:
        return {}
    from rashomon.nlp import english as load

    nlp = load()
    return {a.id: doc for a, doc in zip(english, nlp.pipe([a.text for a in english], batch_size=16))}


def _quotes(articles: Sequence[Article], docs: dict[str, Any], warnings: list[str]) -> list[Quote]:
    """Quotes of every English article; one article that breaks the rules is skipped, noted."""
    from rashomon.quotes import find_quotes

    out: list[Quote] = []
    for a in articles:
        if a.id not in docs:
            continue
        try:
            out.extend(find_quotes(a, docs[a.id]))
        except Exception as exc:  # noqa: BLE001 - one report must not sink the event report
            warnings.append(f"{a.path or a.id}: quotes skipped ({type(exc).__name__}: {exc})")
    return out


def _with_speakers(units: list[Claim], quotes: Sequence[Quote]) -> list[Claim]:
    """Each unit with the person whose words it gives (``Claim.speaker``): a quote of its own
    report that covers most of it (60 %) and names one person as the speaker. An office, a
    body or an outlet ("Netanyahu's office", "the Israeli government", "the Times of Israel")
    is a channel, not a speaker: one fact reaches outlets through several."""
    by_source: dict[str, list[Quote]] = {}
    for q in quotes:
        if q.person and q.who:
            by_source.setdefault(q.source, []).append(q)
    out = []
    for u in units:
        heard = _innermost_first(q for q in by_source.get(u.source, ()) if _covers(q, u))
        out.append(replace(u, speaker=heard[0].who) if heard else u)
    return out


def _innermost_first(quotes: Iterable[Quote]) -> list[Quote]:
    """Quotes over one claim's words, the narrowest words first: in "The Daily Mail reports
    that one eyewitness, Ludmila Hristoforova, told a local television station, “The
    creature was big …”" the outlet's report holds her words, and the words are hers."""
    return sorted(quotes, key=lambda q: q.end - q.start)


def _covers(quote: Quote, claim: Claim) -> bool:
    """Whether a quote's words cover most of a claim (``_HEARD_SHARE`` of its characters), so
    that the claim gives that speaker's words; the caller checks they are in one report."""
    return min(quote.end, claim.end) - max(quote.start, claim.start) >= _HEARD_SHARE * max(1, claim.end - claim.start)


#: the share of a unit a quote must cover for the unit to give that speaker's words
_HEARD_SHARE = 0.6


def _framing(articles: Sequence[Article], docs: dict[str, Any], warnings: list[str]) -> dict[str, Any]:
    from rashomon.framing import compare_framing

    english = [a for a in articles if a.id in docs]
    if not english:
        return {"labels": [], "loaded": []}
    try:
        return compare_framing(english, [docs[a.id] for a in english]).to_dict()
    except Exception as exc:  # noqa: BLE001
        warnings.append(f"framing skipped ({type(exc).__name__}: {exc})")
        return {"labels": [], "loaded": []}


def _loadedness(articles: Sequence[Article]) -> Callable[[Claim], float]:
    """How loaded a statement's wording is: its own loaded words, and its outlet's habit.

    Loaded words per ten words of the statement, plus the outlet's loaded words per hundred
    words of its whole report: between two plain-looking wordings, the one from the outlet
    that writes "chaos" and "terrified" elsewhere is the less safe choice. A report in a
    language other than the event's main one costs more, so a reader gets one language.
    """
    from rashomon.framing import find_loaded, load_lexicon

    lexicon = load_lexicon()
    habit = {a.id: 100.0 * len(find_loaded(a.text, lexicon)) / max(1, len(a.text.split())) for a in articles}

    # in a mixed-language event, the wording is taken in the language most reports use
    languages = [a.language or "en" for a in articles]
    main_language = max(sorted(set(languages)), key=lambda lang: (languages.count(lang), lang == "en"))
    foreign = {a.id for a in articles if (a.language or "en") != main_language}

    def score(claim: Claim) -> float:
        words = max(1, len(claim.text.split()))
        return 10.0 * len(find_loaded(claim.text, lexicon)) / words + habit.get(claim.source, 0.0) + (1.0 if claim.source in foreign else 0.0)

    return score


def _independent_count(source_ids: Iterable[str], copies: dict[str, str]) -> int:
    return len({copies.get(s, s) for s in source_ids})


def _claim_groups(
    articles: Sequence[Article],
    units: Sequence[Claim],
    alignment,
    copies: dict[str, str],
    quotes: Sequence[Quote],
    loadedness: Callable[[Claim], float],
    on_event: Sequence[str],
) -> list[dict[str, Any]]:
    """Claim groups as report dicts: wording, coverage, conflicts, mentions; reading order.

    Consensus means every independent source that covers the event (``on_event``).
    """
    total = _independent_count(on_event, copies)
    on_event_set = set(on_event)
    quoted = _someones_passages(articles, quotes)  # to tell someone's words from the writer's
    rank = {u.id: i for i, u in enumerate(units)}
    position = {a.id: i for i, a in enumerate(articles)}
    member_groups = [list(g) for g in alignment.groups]
    forced: dict[int, Any] = {}
    stated = stated_counts(units, copies)  # every count each source gives: see conflicts.number_conflict
    debunkers = debunking_sources(units)
    checks = event_checks(stated, debunkers)
    for gi, gj, disagreement in related_conflicts(member_groups, units, alignment.similarity, copies, stated=stated):
        if member_groups[gi] and member_groups[gj]:
            member_groups[gi] = sorted(member_groups[gi] + member_groups[gj])
            member_groups[gj] = []
            forced[id(member_groups[gi])] = disagreement
    relative = _relative_positions(units)
    ordered = sorted(
        [g for g in member_groups if g],
        key=lambda g: (-len({units[i].source for i in g}), min(relative[i] for i in g)),
    )
    # a unit in two groups states two facts (a figure inside another fact, see align): as one
    # group's wording it would repeat the other's
    shared = {units[i].id for i, c in Counter(i for g in ordered for i in g).items() if c > 1}
    groups = []
    for n, members in enumerate(ordered, 1):
        mentions = sorted((units[i] for i in members), key=lambda u: (position[u.source], u.start))
        sources = sorted({m.source for m in mentions}, key=position.get)
        independent = _independent_count([x for x in sources if x in on_event_set], copies) or _independent_count(sources, copies)
        sub = alignment.similarity[np.ix_([rank[m.id] for m in mentions], [rank[m.id] for m in mentions])]
        disagreement = forced.get(id(members)) or find_conflict(mentions, copies, checks) or _speaker_conflict(mentions, quotes, copies)
        if disagreement is not None:
            coverage = "conflict"
        elif independent >= total and total > 1:
            coverage = "consensus"
        elif independent > 1:
            coverage = "partial"
        else:
            coverage = "unique"
        # where most of the group's sources call the story false, a wording that says so, and
        # never the rumour as its teller put it
        debunked = 2 * len(set(sources) & debunkers) > len(sources)
        refuting = {m.id for m in mentions if calls_false(m.text)} if debunked else set()
        ranked = rank_wordings(mentions, sub, loadedness, shared, refuting)
        if refuting:
            ranked = _without_rumour_tellings(mentions, ranked, debunkers)
        if ranked:
            text, unfit = _wording([mentions[i] for i in ranked], quotes, quoted)
        else:
            text, unfit = tidy(statement_text(mentions[0])), "told as fact only by a source the others call false"
        group: dict[str, Any] = {
            "id": f"c{n}",
            "text": text,
            "coverage": coverage,
            "sources": sources,
            "independent": independent,
            "reason": disagreement.reason if disagreement else None,
            "mentions": [{"id": m.id, "source": m.source, "start": m.start, "end": m.end, "text": m.text} for m in mentions],
        }
        if disagreement is not None:
            group["values"] = disagreement.values
        if unfit:
            group["summary_skip"] = unfit
        groups.append(group)
    return groups


def _without_rumour_tellings(mentions: Sequence[Claim], ranked: list[int], debunkers: frozenset[str]) -> list[int]:
    """The wordings a summary may use for a fact most of whose sources call false: not one
    from a source that calls nothing false and tells the thing plainly (the hoax report's own
    "Although police have not yet released the man's identity, … confirmed that it was
    Nelson's condo"), which the summary would print as fact. A debunking source's plain words
    are its own (background it holds true), and a teller's words that keep their distance
    ("Sources are reporting that …") say only that it was reported."""
    return [i for i in ranked if mentions[i].source in debunkers or keeps_distance(mentions[i].text)]


def _someones_passages(articles: Sequence[Article], quotes: Sequence[Quote]) -> dict[str, list[tuple[int, int]]]:
    """Source id -> the spans of its base text that give someone's words: passages in
    quotation marks, and the block quotations whose marks a page lost (the paragraph after
    "The Comcast agent then allegedly told the customer:", a direct quote to the quotes stage)."""
    from rashomon.quotes import quoted_passages

    quoted = {a.id: quoted_passages(a.base) for a in articles}
    for q in quotes:
        if q.kind == "direct" and q.source in quoted:
            quoted[q.source].append((q.start, q.end))
    return quoted


def _wording(ranked: Sequence[Claim], quotes: Sequence[Quote], quoted: dict[str, list[tuple[int, int]]]) -> tuple[str, str | None]:
    """A group's text from its mentions (best wording first), and why a summary cannot use
    it (``None`` when it can).

    The best wording that is the writer's own statement, or that names its speaker, is taken
    as written. A wording that is someone's words (inside quotation marks in its source, only
    a quotation, or "we" / "I" outside any marks, as in a quotation that runs over several
    paragraphs) and says nothing of who spoke gets the speaker the quotes stage found for it
    or for another mention of the same words: '“These families finally have access …,”
    Griffin said.'. A wording whose subject is a "he", "she" or "they" the claim finder could
    not resolve, at its start or after an opening phrase ("At first she thought …"), or that
    opens on an "Its", "Their", "His" or "Her" (whose?), is passed over, and so are a
    participle clause cut from its sentence
    ("[Agencies] making more arrests") and a question; so is one that opens on an "It" or
    "This" pointing back ("It lasted about 50 minutes": what did?), but not an "it" that
    points forward ("It is not clear whether …"); and so is the writer's aside to the reader
    ("If you needed another reason to hate Comcast, …"). When no wording is left, the best one
    stays as written and the reason comes back with it, so the summary leaves the group out.
    """
    problem = None
    for chosen in ranked:
        stated = statement_text(chosen)
        text = tidy(stated)
        if (chosen.context and _PARTICIPLE.match(chosen.text)) or opens_on_a_bare_verb(stated) or not chosen.finite or _THAT_QUOTED.match(stated):
            problem = problem or "a clause cut from its sentence"
            continue  # "[Agencies] making more arrests", "… and ensure the campus does not …": no sentence
        if _QUOTE_MARK_END.sub("", text).endswith("?"):
            problem = problem or "a question, not a statement"
            continue  # "Do you fully support the Obama agenda?" states nothing
        if (chosen.pronoun_subject and _WHO_PRONOUN.match(outside_quotes(text).lstrip())) or _WHOSE_PRONOUN.match(text):
            problem = problem or "a statement whose subject the report names only as a pronoun"
            continue  # who "he" or "they" is is in the sentences before; a guess could mislead
        if _someones_words(chosen, text, quoted.get(chosen.source, [])):
            who = _speaker_of(chosen, ranked, quotes, quoted)
            if who is None:
                problem = problem or "a quotation whose speaker no stage found"
                continue
            return attributed(stated, who), None  # untidied: its case tells a fragment
        if _READER.search(outside_quotes(text)):
            problem = problem or "the writer talking to the reader"
            continue  # "If you needed another reason to hate Comcast, they’ve just given it to you"
        if _THING_PRONOUN.match(text) and not _EXTRAPOSED.match(text):
            problem = problem or "a statement whose subject the report names only as a pronoun"
            continue  # "It lasted about 50 minutes" reads only after the sentence about the call
        return text, None
    return tidy(statement_text(ranked[0])), problem


def _someones_words(claim: Claim, text: str, quoted: Sequence[tuple[int, int]]) -> bool:
    """Whether a wording gives someone's words without saying whose."""
    own = outside_quotes(text)
    inside = any(a <= claim.start and claim.end <= b + 1 for a, b in quoted)
    opens = claim.text.lstrip()[:1] in "\"“„«" and len(own.split()) == len(text.split())  # mark never closed
    return inside or opens or len(own.split()) < 2 or bool(_FIRST_PERSON.search(own))


def _speaker_of(
    chosen: Claim, mentions: Sequence[Claim], quotes: Sequence[Quote], quoted: dict[str, list[tuple[int, int]]]
) -> str | None:
    """Who the quotes stage heard saying the words of ``chosen``: in its own report, or in
    another mention whose quote gives the same words (another outlet quoting them, a copy).

    A quote in another mention that says something else is no witness: in the birthright
    gold a bare quotation from a conservative's op-ed sat in one group with "He said he wants
    to use an executive order …", and took Trump as its speaker. A pronoun or a lowercase
    speaker ("it appears", "officials") does not tell a reader who. Nor does a quote told
    inside the mention's own quoted words (``quoted``, see :func:`_someones_passages`): in
    "‘One senior official said that Kim was drinking …’" someone else speaks, and the
    official is whom they quote, so '“One senior official said …,” One senior official said.'
    would name the wrong one twice.

    Of the quotes that give the words, the narrowest speaks (:func:`_innermost_first`); in
    another mention it may reach past the mention's end ("The Daily Mail reports that one
    eyewitness … told a local television station, “The creature was big …. From the door
    …”": the sentence ends inside her quotation, which the outlet's report covers).
    """
    from rashomon.quotes import PERSONAL_PRONOUNS

    said = _words_of(chosen.text)
    witnesses: list[tuple[float, str]] = []
    for m in [chosen, *(m for m in mentions if m is not chosen)]:
        for q in _innermost_first(q for q in quotes if q.source == m.source):
            who = q.who or q.speaker
            if not who or who.lower() in PERSONAL_PRONOUNS or who.islower():
                continue
            if _told_inside(q, m, quoted.get(m.source, [])):
                continue
            if m is chosen:
                if _covers(q, m):
                    return who
            elif q.start < m.end and m.start < q.end and same_words(said, (words := _words_of(q.content))):
                witnesses.append((len(said & words) / (len(said | words) or 1), who))
    # the quote that gives most of the words: "It's not Obama's war." (DeMint, on Fox), in one
    # group with Kristol's "Needless to say, the war … was not 'a war of Obama's choosing'",
    # is a weaker witness than another outlet's quote of Kristol's whole sentence
    return max(witnesses, key=lambda w: w[0])[1] if witnesses else None


def _told_inside(quote: Quote, mention: Claim, quoted: Sequence[tuple[int, int]]) -> bool:
    """Whether ``quote``'s cue sits inside ``mention`` and inside quotation marks there: the
    mention quotes someone who quotes the quote's speaker."""
    if quote.cue_start is None or not mention.start <= quote.cue_start < mention.end:
        return False
    return any(a <= quote.cue_start and quote.cue_end <= b + 1 for a, b in quoted)


def _words_of(text: str) -> set[str]:
    """Words of three letters or more, lower case: enough to tell the same quotation."""
    return set(re.findall(r"[a-z]{3,}", text.lower()))


def _headline_checks(articles: Sequence[Article], independent: Sequence[str], warnings: list[str]) -> dict[str, dict[str, Any]]:
    """Source id -> how the other bodies read its headline (``HeadlineCheck.to_dict``)."""
    from rashomon.corroboration import check_headlines

    try:
        checks = check_headlines(articles, independent)
    except Exception as exc:  # a model that breaks must not lose the report
        warnings.append(f"checking headlines failed ({type(exc).__name__}: {exc}); the report has no headline checks")
        return {}
    return {sid: c.to_dict() for sid, c in checks.items()}


def _relative_positions(units: Sequence[Claim]) -> list[float]:
    """Where each unit sits in its source, 0 (top) to 1 (bottom): facts near the top lead."""
    counts: dict[str, int] = {}
    for u in units:
        counts[u.source] = counts.get(u.source, 0) + 1
    seen: dict[str, int] = {}
    out = []
    for u in units:
        out.append(seen.get(u.source, 0) / max(1, counts[u.source]))
        seen[u.source] = seen.get(u.source, 0) + 1
    return out


def _speaker_conflict(mentions: Sequence[Claim], quotes: Sequence[Quote], copies: dict[str, str]):
    """The same words attributed to different named speakers by independent sources.

    The words must be the same (most of the shorter quote's words in the other): a group of
    related statements holds different people saying different things, which is no conflict.
    """
    from rashomon.conflicts import Disagreement

    heard: list[tuple[str, str, set[str]]] = []  # (source, speaker, the words attributed)
    for m in mentions:
        for q in quotes:
            if q.source == m.source and q.start < m.end and m.start < q.end and _personal_name(q.speaker):
                heard.append((copies.get(m.source, m.source), q.speaker, _words_of(q.content)))
                break
    for i, (sa, pa, wa) in enumerate(heard):
        for sb, pb, wb in heard[i + 1 :]:
            if sa == sb or _same_speaker(pa, pb) or not wa or not wb:
                continue
            if _names(pb, wa) or _names(pa, wb):
                continue  # "Titchmarsh asks Crawley if …, to which he replies: “…”": one speaker's
                # words name the other, so they tell an exchange, not the words alone
            if same_words(wa, wb):  # the same words, two speakers
                return Disagreement("speaker", {sa: pa, sb: pb}, f"who said it: {pa} ({sa}) vs {pb} ({sb})")
    return None


def _names(speaker: str, words: set[str]) -> bool:
    """Whether words attributed to one person name another (by family name)."""
    return family_name(speaker.split()).lower() in words


#: the first person outside quotation marks: a speaker's words, not the writer's
_FIRST_PERSON = re.compile(r"\b(?:(?<![.\w])I(?!\.)|[Ww]e|us|[Oo]ur|[Mm]y)\b")
#: "you" outside quotation marks in the writer's own statement: an aside to the reader, an
#: opinion or advice, not what happened
_READER = re.compile(r"\b(?:[Yy]ou|[Yy]our|[Yy]ours|[Yy]ourself)\b")
_PARTICIPLE = re.compile(r"[a-z]+ing\b")
#: someone's quoted words cut from the verb that reports them ("he was told that … and
#: that 'it was done like proper surgery …'"): whose words they are is in another clause
_THAT_QUOTED = re.compile(r"that\s+[\"“‘']")
_QUOTE_MARK_END = re.compile(r"[\"”’']+$")
#: a "he", "she" or "they" among a wording's first words outside quotation marks: its
#: subject when the claim finder marked the subject a pronoun ("He criticized …", "At first
#: she thought …"); inside a quotation it is the speaker's word ("“But they had killed him …,”
#: Mr Abdulla said"), as the speaker said it
_WHO_PRONOUN = re.compile(r"^(?:\S+\s+){0,4}?(?:[Hh]e|[Ss]he|[Tt]hey)\b")
#: a subject owned by someone the sentence does not name ("Its hosting of a Hamas delegation
#: raised eyebrows": whose?); the claim finder resolves no possessive. "His wife, Sandra
#: Jackson, …" names who it speaks of
_WHOSE_PRONOUN = re.compile(r"(?:Its|Their|His|Her)\b(?! [\w-]+(?: [\w-]+)?, (?:[A-Z][\w.'’-]* )*[A-Z])")
#: a subject that points back at a thing or a fact told before ("It lasted …", "This is …");
#: "This week, …" or "These families …" name what they speak of
_THING_PRONOUN = re.compile(
    r"It\b(?![-–—])|(?:This|These|Those) (?:is|was|are|were|has|have|had|will|would|could|can|may|might|must|"
    r"should|comes|came|means|meant|marks|marked|follows|followed|includes|included)\b"
)
#: "It is unclear whether …", "It was not until …", "It's time to …": an "it" that points
#: forward to the clause it opens, so the sentence reads alone
_EXTRAPOSED = re.compile(
    r"It(?:['’]s| is| was| has been| had been| will be| would be| remains| seems| seemed| appears| appeared)"
    r"(?: not)?(?: \w+ly)?(?: \w+)?(?: \w+)? (?:that|to|whether|if|how|what|when|why|who|until)\b"
)


_INSTITUTIONAL = re.compile(
    r"\b(office|government|ministry|minister's|department|service|statement|spokes\w*|kremlin|white house|"
    r"side|council|agency|police|army|military|officials?|authorit\w*|company|board|press|media|sources?)\b|'s\b|’s\b",
    re.IGNORECASE,
)


def _personal_name(speaker: str | None) -> bool:
    """A person named in full ("Ilse Darrow"): only such speakers can contradict each other.

    "Netanyahu's office" and "the Israeli government" are two names for one voice, so an
    institution never makes a who-said-it conflict; nor does a role with an article ("The
    Prime Minister"), which names whoever holds it.
    """
    if not speaker or _INSTITUTIONAL.search(speaker):
        return False
    words = speaker.split()
    if words[0].lower() in ("the", "a", "an"):
        return False
    return 2 <= len(words) <= 4 and all(w[:1].isupper() for w in words)


def _same_speaker(a: str, b: str) -> bool:
    wa, wb = set(re.findall(r"\w+", a.lower())), set(re.findall(r"\w+", b.lower()))
    return bool(wa & wb - {"the", "s", "office", "of", "a", "said"})


def _last_statements(groups: Sequence[dict]) -> dict[str, int]:
    """Source id -> the number of its last statement in any group (ids are ``source:n``)."""
    last: dict[str, int] = {}
    for g in groups:
        for m in g.get("mentions", ()):
            source, _, n = m["id"].rpartition(":")
            last[source] = max(last.get(source, 0), int(n))
    return last


def _depth(group: dict, last: dict[str, int]) -> float:
    """How far down its reports a group is first told: for each source its earliest mention,
    0 for the report's first statement to 1 for its last (``last``: see
    :func:`_last_statements`), averaged over the sources."""
    first: dict[str, int] = {}
    for m in group.get("mentions", ()):
        source, _, n = m["id"].rpartition(":")
        first[source] = min(first.get(source, int(n)), int(n))
    return sum(n / max(last[source], 1) for source, n in first.items()) / len(first) if first else 0.0


#: a wording that passes on someone's words: it opens on a quotation mark or says who said it
_ATTRIBUTED = re.compile(r"^\W*[\"“‘']|\b(?:said|says|say|told|according to)\b", re.IGNORECASE)


def _event_title(articles: Sequence[Article], groups: Sequence[dict]) -> str:
    """Name the event by the fact most sources share, in its neutral wording.

    The fact must be the writers' own statement: what someone said about the event (a
    quotation, "Medics say that …") is no name for it, however many outlets carry it.
    Headlines are where outlets frame hardest ("DAM CHAOS"), so they are the fallback: with
    no such shared fact, the headline sharing most words with the others.
    """
    shared = [
        g for g in groups
        if len(g["sources"]) > 1 and g["coverage"] != "conflict" and not g.get("summary_skip") and not _ATTRIBUTED.search(g["text"])
    ]
    from rashomon.align import content_words

    titles = [a.title for a in articles if a.title]
    if shared:
        # ties: the fact told nearest the top of its reports (the lead), then the earliest
        last = _last_statements(groups)
        return min(shared, key=lambda g: (-len(set(g["sources"])), _depth(g, last)))["text"]
    if titles:
        words = [content_words(t) for t in titles]

        def centrality(i: int) -> float:
            return sum(len(words[i] & w) / max(1, len(words[i] | w)) for j, w in enumerate(words) if j != i)

        return titles[max(range(len(titles)), key=centrality)]
    return groups[0]["text"] if groups else "Untitled event"


def _event_header(articles: Sequence[Article], groups: Sequence[dict]) -> dict[str, Any]:
    dates = sorted(a.published[:10] for a in articles if a.published)
    return {
        "title": _event_title(articles, groups),
        "sources": len(articles),
        "languages": sorted({a.language or "unknown" for a in articles}),
        "first_published": dates[0] if dates else None,
        "last_published": dates[-1] if dates else None,
        "generated": datetime.now(timezone.utc).isoformat(timespec="seconds"),
    }


def _source_dict(article: Article, copy_of: str | None) -> dict[str, Any]:
    data = {
        "id": article.id,
        "path": article.path,
        "format": article.format,
        "offsets_into": article.offsets_into,
        "title": article.title,
        "outlet": article.outlet,
        "author": article.author,
        "published": article.published,
        "language": article.language,
        "url": article.url,
        "text": article.text,
        "removed": [asdict(r) for r in article.removed],
        "links": [asdict(s) for s in article.sources],
        "copy_of": copy_of,
    }
    if article.offsets_into == "original":
        data["original"] = article.original
    return data


def _quote_dict(quote: Quote, groups: Sequence[dict]) -> dict[str, Any]:
    data = asdict(quote)
    data["claims"] = [
        g["id"]
        for g in groups
        if any(m["source"] == quote.source and m["start"] < quote.end and quote.start < m["end"] for m in g["mentions"])
    ]
    return data


def analyze_paths(
    inputs: Iterable[str], options: AnalysisOptions | None = None, progress: Progress | None = None
) -> tuple[dict[str, Any], list[ExtractFailure]]:
    """Read, extract and analyse; returns the report and the inputs that could not be read."""
    read = read_inputs(inputs, progress)
    if not read.articles:
        problems = "; ".join(f"{f.path}: {f.problem}" for f in read.failures) or "no inputs"
        raise ValueError(f"no readable reports to analyse ({problems})")
    report = analyze(read.articles, options, progress)
    report["failures"] = [{"path": f.path, "problem": f.problem} for f in read.failures]
    return report, read.failures


#: the most reports one stored event's analysis reads: originals first, then copies
MAX_EVENT_SOURCES = 80


def analyze_event(store: Any, event_id: str, *, refresh: bool = False, options: AnalysisOptions | None = None,
                  progress: Progress | None = None) -> dict[str, Any]:
    """The event report of a stored event, cached in the store until the event changes.

    Syndicated copies the store linked at ingest are passed on as copies, so they never
    count as independent confirmation. Raises KeyError for an unknown event.
    """
    if not refresh:
        cached = store.get_report(event_id)
        if cached is not None:
            return cached
    if store.get_event(event_id) is None:
        raise KeyError(f"no event {event_id!r} in {store.url}")
    stored = store.event_articles(event_id)
    originals = [s for s in stored if not s.duplicate_of]
    copies = [s for s in stored if s.duplicate_of]
    chosen = (originals + copies)[:MAX_EVENT_SOURCES]
    articles = [s.article for s in chosen]
    for s, a in zip(chosen, articles):
        a.id = s.id
    report = analyze(articles, options, progress, known_copies={s.id: s.duplicate_of for s in copies if s.duplicate_of})
    report["event"]["id"] = event_id
    if len(stored) > len(chosen):
        report.setdefault("warnings", []).append(
            f"event has {len(stored)} reports; the first {len(chosen)} (originals first) were analysed"
        )
    from rashomon.store import StoreError

    try:
        store.save_report(event_id, report)
    except StoreError as exc:  # the report is done: a store that refuses to cache it must not lose it
        report.setdefault("warnings", []).append(f"the report was not cached in the store ({exc}); it is computed again next time")
    return report
