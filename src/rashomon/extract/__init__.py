"""The extract stage: any saved page or pasted text becomes a clean, traceable Article.

One entry point, like trafilatura's ``extract()``::

    from rashomon.extract import extract_file
    article = extract_file("report.html")
    article.text, article.title, article.published, article.sources

HTML goes through ``html.read_page`` (trafilatura's first opinion, checked block by block);
plain text through ``plaintext`` (a line classifier for page junk). Both return the same
``Article`` record, with paragraph offsets into the original input for plain text and into
``Article.text`` for HTML.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..model import Article, CitedSource, Paragraph, RemovedPiece
from .blocks import PageParseError
from .metadata import cited_sources, dateline_names, find_date, outlet_from_url, parse_date
from .reading import DEFAULT_MAX_BYTES, InputError, RawReport, decode_report, read_report

__all__ = [
    "Article",
    "InputError",
    "extract",
    "extract_file",
    "extract_files",
    "extract_html",
    "extract_text",
    "ExtractFailure",
]

_CAPTION = re.compile(
    r"\((?:left|right|centre|center|l|r|top|bottom|pictured|file|archive)\)|\b(?:photo|image|picture)\s*(?:by\b|credit|:)|getty images|\bAP Photo\b",
    re.I,
)
_SENTENCE_END = re.compile(r"[.:;,][\"'”’»)]*$")
_BREADCRUMB = re.compile(r"[›»]| > | / | \| ")
#: a line that points away from the story: a related link under its label ("MORE: Man lifts
#: 80kg of bricks …", "SEE ALSO: 9 Ways To Reuse Your Old iPhone", "RELATED: …", "Read more:
#: …", "PHOTOS: Stars that got …") or the page's pointer to its video ("Scroll down for
#: video"). The label is set in capitals or opens the line in sentence case with a colon, as
#: pages print them; a story's own "Update:" or "More than 200 people …" is not one.
_RELATED_LINE = re.compile(
    r"^(?:(?:MORE|SEE ALSO|RELATED(?: (?:STORY|STORIES|ARTICLES?|CONTENT|COVERAGE|NEWS))?|READ MORE|READ ALSO|ALSO READ|READ|"
    r"PHOTOS|PHOTO GALLERY|VIDEOS?|WATCH|LISTEN|RECOMMENDED|DON'T MISS|TRENDING)\s*[:»|]"
    r"|(?:See also|Related(?: stories| articles?| coverage)?|Read more|Read also|Also read|More)\s*:"
    r"|Scroll down for (?:video|more|pictures|photos)\b)"
)
HEAD_LINES = 8
MIN_ARTICLE_WORDS = 10  # fewer than this, or nothing but links, is not a story  # metadata (title, date, byline) is looked for in the lines before the story


@lru_cache(maxsize=2)
def _text_model():
    from .classifier import RunClassifier
    from .html import MODEL_DIR

    path = MODEL_DIR / "text_lines.joblib"
    if not path.exists():
        raise FileNotFoundError(f"{path}: extraction model missing; rebuild it with `rashomon train extract`")
    return RunClassifier.load(path)


def _language(text: str) -> str | None:
    if len(text) < 20:
        return None
    import py3langid

    lang, _ = py3langid.classify(text[:5000])
    return lang


def extract_html(markup: str, *, id: str = "report", path: str = "", url: str | None = None) -> Article:
    """Extract the article of an HTML page; offsets point into the returned ``text``."""
    from .html import read_page

    try:
        reading = read_page(markup, url=url)
    except PageParseError as exc:
        raise InputError(path or id, f"not a readable HTML page ({exc})") from exc
    meta = reading.metadata
    paragraphs: list[Paragraph] = []
    removed: list[RemovedPiece] = []
    hrefs: list[str] = []
    parts: list[str] = []
    pos = 0
    for block, keep in zip(reading.blocks, reading.keep):
        if keep:
            if parts:
                pos += 2
            paragraphs.append(Paragraph(pos, pos + len(block.text), block.text))
            parts.append(block.text)
            pos += len(block.text)
            hrefs += block.hrefs
        else:
            removed.append(RemovedPiece(block.text, "boilerplate"))
    text = "\n\n".join(parts)
    kept = [b for b, k in zip(reading.blocks, reading.keep) if k]
    words = sum(b.n_words for b in kept)
    if words < MIN_ARTICLE_WORDS or sum(b.link_words for b in kept) > 0.8 * words:
        raise InputError(path or id, "no article text found (the page has no readable story, only links or a few words)")
    page_url = url or meta.get("url")
    return Article(
        id=id,
        path=path,
        text=text,
        paragraphs=paragraphs,
        offsets_into="text",
        format="html",
        title=meta.get("title") or None,
        outlet=meta.get("sitename") or (outlet_from_url(page_url) if page_url else None) or meta.get("hostname"),
        author=meta.get("author") or None,
        published=parse_date(meta["date"]) if meta.get("date") else None,
        language=meta.get("language") or _language(text),
        url=page_url,
        removed=removed,
        sources=[s for s in cited_sources(text, 0, hrefs) if not _same_site(s, page_url)],
    )


def _same_site(source: CitedSource, page_url: str | None) -> bool:
    """A page's links to its own site are navigation, not sources."""
    if source.kind != "url" or not page_url:
        return False
    return outlet_from_url(source.value) == outlet_from_url(page_url)


@dataclass
class _HeadFacts:
    title: int | None = None
    published: str | None = None
    author: str | None = None
    removed: dict[int, str] | None = None


def extract_text(original: str, *, id: str = "report", path: str = "") -> Article:
    """Extract the story from text pasted from a page; offsets point into `original`."""
    from .plaintext import PROSE_WORDS, line_features, split_lines

    lines = split_lines(original)
    if not lines:
        raise InputError(path or id, "empty file (no visible text)")
    model = _text_model()
    chance = model.predict_proba(line_features(lines, original))
    keep = story_lines([ln.text for ln in lines], chance, model.threshold)
    reasons: dict[int, str] = {}

    # Head: the lines before the first kept prose line hold the title, the date and the byline.
    first_story = next((i for i, ln in enumerate(lines) if keep[i] and len(ln.text.split()) >= PROSE_WORDS), len(lines))
    head = range(min(first_story, HEAD_LINES) if first_story else 0)
    published = author = outlet = url = None
    title_index = None
    for i in head:
        text = lines[i].text
        if url is None and title_index is None and _ADDRESS.fullmatch(text):
            # the page's own address, pasted above its headline: where the report is from,
            # not a source it cites
            url, outlet = text, outlet_from_url(text)
            reasons[i] = "address"
            continue
        found = find_date(text)
        if found and (published is None or len(text.split()) <= 12):
            published = published or found.iso
            named_author, named_outlet = dateline_names(text, found)
            author, outlet = author or named_author, outlet or named_outlet
            reasons[i] = "dateline"
            continue
        if _CAPTION.search(text):
            reasons[i] = "caption"
            continue
        if title_index is None and _headline_like(text):
            title_index = i
            reasons[i] = "title"
    if author is None:
        author = next((a for i in head if (a := dateline_names(lines[i].text, None)[0])), None)
    if author is None:  # a wire credit after the story: "(Reporting by Lena Markov; Editing by …)"
        author = next((m.group(1) for ln in lines if (m := _WIRE_CREDIT.search(ln.text))), None)
    title = lines[title_index].text if title_index is not None else None
    for i, ln in enumerate(lines):
        if title and i != title_index and ln.text == title:
            reasons[i] = "title"
        elif i not in reasons and _ADDRESS.fullmatch(ln.text):
            reasons[i] = "link"
        elif i not in reasons and _RELATED_LINE.match(ln.text):
            reasons[i] = "related"
    _trim_tail(lines, keep, reasons)
    bio_author = _author_bio(lines, keep, reasons)
    author = author or bio_author

    paragraphs: list[Paragraph] = []
    removed: list[RemovedPiece] = []
    sources: list[CitedSource] = []
    for i, ln in enumerate(lines):
        if keep[i] and i not in reasons:
            paragraphs.append(Paragraph(ln.start, ln.end, ln.text))
        else:
            removed.append(RemovedPiece(ln.text, reasons.get(i, "boilerplate"), ln.start, ln.end))
        if keep[i] or reasons.get(i) == "link":
            sources += cited_sources(ln.text, ln.start)
    if not paragraphs and any(_is_prose(ln.text) for ln in lines):
        # a bare text with no page around it (one long paragraph, a feed's body) is outside
        # the classifier's training: its prose lines are the story
        paragraphs = [Paragraph(ln.start, ln.end, ln.text) for ln in lines if _is_prose(ln.text)]
        removed = [RemovedPiece(ln.text, "boilerplate", ln.start, ln.end) for ln in lines if not _is_prose(ln.text)]
    if not paragraphs and len(lines) == 1 and _lone_report(lines[0].text):
        # one line and nothing around it: a feed item's lead or a headline-only row, not junk
        paragraphs, removed = [Paragraph(lines[0].start, lines[0].end, lines[0].text)], []
    text = "\n\n".join(p.text for p in paragraphs)
    if not text.strip():
        raise InputError(path or id, "no article text found (every line looks like page junk)")
    return Article(
        id=id,
        path=path,
        text=text,
        paragraphs=paragraphs,
        offsets_into="original",
        format="text",
        title=title,
        outlet=outlet,
        author=author,
        published=published,
        language=_language(text),
        url=url,
        removed=removed,
        sources=_dedupe(sources),
        original=original,
    )


#: a line that is only a web address
_ADDRESS = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)


_WIRE_CREDIT = re.compile(r"\(?\bReporting by ((?:[A-Z][\w.'’-]+ ?){1,4}?)(?:;|,| and |\)|$)")


def _is_prose(text: str) -> bool:
    from .plaintext import is_prose

    return is_prose(text)


def _lone_report(text: str) -> bool:
    """A single line that can stand as a whole report: a sentence or headline of 6+ words."""
    return len(text.split()) >= 6 and not _BREADCRUMB.search(text) and "http" not in text


def _headline_like(text: str) -> bool:
    """A line that can be a headline: a few words, not a sentence, not a breadcrumb or link."""
    return 4 <= len(text.split()) <= 30 and not _SENTENCE_END.search(text) and not _BREADCRUMB.search(text) and "http" not in text


def story_lines(texts: list[str], chance, threshold: float) -> list[bool]:
    """Which lines of a paste are the story, from the line classifier's chances: those at or
    over its threshold, near misses beside the story (:func:`keep_near_misses`) and sentences
    that run on from it (:func:`keep_story_runs`). The one decision ``extract_text`` makes and
    the training recipe's cross-validation scores."""
    return keep_story_runs(texts, keep_near_misses(texts, chance, list(chance >= threshold), threshold))


#: how far under the line classifier's threshold a sentence beside the story may be and still
#: be kept (see :func:`keep_near_misses`)
NEAR_MISS = 0.1


def keep_near_misses(texts: list[str], chance, keep: list[bool], threshold: float) -> list[bool]:
    """A whole sentence the classifier scored just under its threshold is kept when the line
    after it is story prose it kept: a lead with no headline above it ("A luxury island
    previously owned by Tiger Woods … is up for sale.", 0.48) reads like a page's first line
    to the classifier, but a sentence that runs into the story is the story. No line that
    carries a page-furniture word ("subscribe", "share", "©") is rescued."""
    from .plaintext import _BOILER_MARKS, PROSE_WORDS

    keep = list(keep)
    for i in range(len(texts) - 2, -1, -1):
        text, nxt = texts[i], texts[i + 1]
        if (
            not keep[i]
            and chance[i] >= threshold - NEAR_MISS
            and keep[i + 1]
            and len(nxt.split()) >= PROSE_WORDS
            and _is_prose(text)
            and not _BOILER_MARKS.search(text)
        ):
            keep[i] = True
    return keep


#: the fewest words a sentence beside the story needs to join it (see :func:`keep_story_runs`)
STORY_RUN_WORDS = 4


def keep_story_runs(texts: list[str], keep: list[bool]) -> list[bool]:
    """Sentences that run on from the story are the story, however low the classifier put
    them: it learned from whole pages, where the last lines are a footer and the first a
    menu, so a report pasted clean lost its lead and its closing paragraphs (a NYT report of
    an inauguration lost its last eleven, the speech). Going forward from each sentence the
    classifier kept, then backward, each line that is a sentence of a few words or more, not
    set in title case and no page furniture (:func:`_furniture`: "Share this story",
    "©"), joins the story; the first line that is not (a headline, a "Related" label, a byline) ends the
    run. A related link or a comment set apart from the story by such a line stays out.
    Cross-validated on the dev pages (docs/benchmarks.md) it gains a little on whole pages
    pasted and more on pastes cut to the story."""
    from .plaintext import _SENTENCE_END

    keep = list(keep)
    n = len(texts)

    def sentence(text: str) -> bool:
        return (
            len(text.split()) >= STORY_RUN_WORDS
            and bool(_SENTENCE_END.search(text))
            and not _furniture(text)
            and not text.isupper()
            and not _title_case(text)
        )

    story = [keep[i] and sentence(texts[i]) for i in range(n)]
    for i in list(range(n)) + list(range(n - 1, -1, -1)):  # forward, then backward
        touches_story = (i > 0 and story[i - 1]) or (i + 1 < n and story[i + 1])
        if not keep[i] and touches_story and sentence(texts[i]):
            keep[i] = story[i] = True
    return keep


#: page-furniture words that are also everyday verbs and nouns of a story ("did not share in
#: the wealth", "declined to comment")
_PROSE_MARKS = frozenset({"share", "comment", "comments", "reply"})


#: the fewest words a sentence holding one such word needs to read as prose
FURNITURE_WORDS = 8


def _furniture(text: str) -> bool:
    """Does a line carry a page-furniture word ("Share this article", "Comments (12)", "©")?
    One everyday word of the kind in a long sentence that does not open with it is prose: a
    furniture line is short, opens with its command, or piles up several such words."""
    from .plaintext import _BOILER_MARKS

    marks = [m.lower() for m in _BOILER_MARKS.findall(text)]
    if not marks:
        return False
    words = text.split()
    return not (
        len(marks) == 1
        and marks[0] in _PROSE_MARKS
        and len(words) >= FURNITURE_WORDS
        and words[0].strip("\"“‘'").lower() != marks[0]
    )


def _title_case(text: str) -> bool:
    """A headline set in title case ("Gay Marriages Get Recognition From the I.R.S."): most of
    its longer words capitalised, where a sentence capitalises only names."""
    long_words = [w for w in text.split() if len(w) > 3]
    return len(long_words) >= 2 and sum(w[:1].isupper() for w in long_words) >= 0.7 * len(long_words)


def _trim_tail(lines, keep: list[bool], reasons: dict[int, str]) -> None:
    """Short non-sentences after the last story paragraph are page furniture
    ("Share your opinion", "Related"), whatever the line classifier thought of them."""
    from .plaintext import PROSE_WORDS

    last = max((i for i, ln in enumerate(lines) if keep[i] and len(ln.text.split()) >= PROSE_WORDS), default=None)
    if last is None:
        return
    for i in range(last + 1, len(lines)):
        text = lines[i].text
        if keep[i] and i not in reasons and len(text.split()) < 8 and not _SENTENCE_END.search(text.rstrip("!?")) and not text.endswith(("!", "?")):
            reasons[i] = "boilerplate"


#: the note on the writer that closes many stories: "— Katherine Timpf is a reporter at
#: National Review Online.", "Jane Doe is a senior correspondent for …"
_AUTHOR_BIO = re.compile(
    r"^[—–-]*\s*((?:[A-Z][\w.'’-]+ ){1,3}[A-Z][\w.'’-]+) (?:is|was) (?:a|an|the) (?:[\w-]+ ){0,4}?"
    r"(?:reporter|writer|correspondent|editor|columnist|contributor|journalist|producer|fellow|author|intern|analyst)\b"
)


def _author_bio(lines, keep: list[bool], reasons: dict[int, str]) -> str | None:
    """The note on the writer among the last lines of the story: not the story (it would be
    grouped as a claim: "X is a reporter at National Review Online"), but who wrote it."""
    kept = [i for i, ln in enumerate(lines) if keep[i] and i not in reasons]
    for i in kept[-2:]:
        text = lines[i].text
        m = _AUTHOR_BIO.match(text)
        if m and len(text.split()) <= 30:
            reasons[i] = "byline"
            return m.group(1)
    return None


def _dedupe(sources: list[CitedSource]) -> list[CitedSource]:
    seen: set[tuple[str, str]] = set()
    out = []
    for s in sources:
        key = (s.kind, s.value.lower())
        if key not in seen:
            seen.add(key)
            out.append(s)
    return out


def extract(raw: RawReport, *, id: str | None = None, url: str | None = None) -> Article:
    """Extract one decoded report."""
    rid = id or Path(raw.path).stem
    if raw.format == "html":
        article = extract_html(raw.text, id=rid, path=raw.path, url=url)
    else:
        article = extract_text(raw.text, id=rid, path=raw.path)
    article.encoding = raw.encoding
    return article


def extract_file(path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Article:
    """Read, decode and extract one file; raises InputError naming the file on bad input."""
    return extract(read_report(path, max_bytes=max_bytes))


def extract_bytes(data: bytes, *, id: str = "report", suffix: str = "") -> Article:
    return extract(decode_report(data, path=id, suffix=suffix), id=id)


@dataclass
class ExtractFailure:
    path: str
    problem: str


def extract_files(paths: Iterable[str | Path], *, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Article | ExtractFailure]:
    """Extract many files; a bad file yields an ExtractFailure and the batch goes on."""
    for p in paths:
        try:
            yield extract_file(p, max_bytes=max_bytes)
        except InputError as exc:
            yield ExtractFailure(exc.path, exc.problem)
        except Exception as exc:  # a page that breaks a library must not stop the batch
            yield ExtractFailure(str(p), f"extraction failed ({type(exc).__name__}: {exc})")
