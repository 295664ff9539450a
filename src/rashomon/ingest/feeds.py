"""News feeds: parse RSS/Atom, and poll a list of feeds into article pages.

:func:`read_feed` turns a feed document into :class:`FeedEntry` records (absolute links, UTC
times). :func:`poll_feeds` is the loop ``rashomon ingest`` runs: for each feed that is due it
fetches the feed (conditionally, so an unchanged feed costs a 304), fetches each *new* entry's
article page, and yields, in order, what happened:

* :class:`RawDocument` for each article page fetched (``uri`` = the page's final URL, the entry's
  title and time as hints, the entry's summary only in ``meta["summary"]``);
* :class:`IngestProblem` for each feed or article that failed (``down``, ``slow``, ``robots``,
  ``malformed``, ``not-article`` ...), with ``retry`` set when a later run may succeed;
* the feed's updated :class:`FeedState`, last, once per polled feed, for the store to save.

One feed failing never stops the others, and no network trouble is raised.

Why a failed article is *not* replaced by the entry's summary: a two-line teaser stored as the
report would be compared as if it were the outlet's full account (its omissions counted as
real omissions), and the real page would never be fetched, since its URL would then be known.
Instead the failure is reported and, when it is transient, the feed's validators are held
back, so the next run gets the whole feed again (not a 304) and retries the missing pages;
pages already stored are skipped by ``known_urls``.
"""

from __future__ import annotations

import calendar
import codecs
import re
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import datetime, timezone
from urllib.parse import urldefrag, urljoin

import feedparser

from rashomon.ingest.fetch import Fetcher, FetchResult, due, iso_utc, update_state
from rashomon.ingest.local import IngestProblem
from rashomon.ingest.records import FeedState, RawDocument

#: media types an article page may have; anything else (PDF, image, video) is not a report
ARTICLE_TYPES = {"text/html": "html", "application/xhtml+xml": "html", "text/plain": "text", "": None}


class FeedError(Exception):
    """A feed body that is not a usable RSS/Atom document; the message says why."""

    def __init__(self, feed_url: str, problem: str) -> None:
        self.feed_url = feed_url
        self.problem = problem
        super().__init__(f"{feed_url}: {problem}")


@dataclass
class FeedEntry:
    """One item of a feed: where the article is and what the feed says about it."""

    link: str | None  # absolute, without #fragment; None when the entry has no usable link
    title: str | None = None
    published: str | None = None  # ISO 8601 UTC, when the feed gave a parseable time
    summary: str | None = None  # the feed's teaser (may be HTML); never the article itself
    guid: str | None = None
    author: str | None = None
    feed_url: str | None = None
    feed_title: str | None = None


#: what :func:`poll_feeds` yields
FeedEvent = RawDocument | FeedEntry | IngestProblem | FeedState


def read_feed(content: bytes | str, feed_url: str) -> list[FeedEntry]:
    """Parse an RSS 0.9x/1.0/2.0 or Atom document; raise :class:`FeedError` when it is not one.

    feedparser is lenient by design (``bozo``): a slightly broken feed that still yields
    entries is accepted, as readers accept it; a body with no entries that is broken, empty or
    not a feed at all (an HTML error page served at the feed URL) is an error. A well-formed
    feed with no items is simply empty.
    """
    if isinstance(content, str):
        content = content.encode("utf-8")
    content = _utf16_as_utf8(content)
    if not content.strip():
        raise FeedError(feed_url, "malformed feed: empty body")
    try:
        parsed = feedparser.parse(content, response_headers={"content-location": feed_url})
    except Exception as exc:  # feedparser should not raise, but a feed must not stop a run
        raise FeedError(feed_url, f"malformed feed: {exc}") from exc
    if not parsed.entries:
        problem = parsed.get("bozo_exception") if parsed.bozo else None
        if isinstance(problem, _HARMLESS):
            problem = None  # feedparser's complaints about HTTP headers we did not pass
        if not parsed.version:
            head = content.lstrip()[:500].lower()
            if b"<html" in head or b"<!doctype html" in head:
                raise FeedError(feed_url, "malformed feed: an HTML page, not RSS or Atom")
            raise FeedError(feed_url, f"malformed feed: {_one_line(problem) if problem else 'not RSS or Atom'}")
        if problem is not None:
            raise FeedError(feed_url, f"malformed feed: {_one_line(problem)}")
    feed_title = _clean(parsed.feed.get("title"))
    return [_entry(e, feed_url, feed_title) for e in parsed.entries]


_HARMLESS = (feedparser.NonXMLContentType, feedparser.CharacterEncodingOverride)
_XML_ENCODING = re.compile(r"""^(\s*<\?xml[^>]*?)\s+encoding\s*=\s*["'][^"']*["']""")


def _utf16_as_utf8(content: bytes) -> bytes:
    """A UTF-16 feed with a byte-order mark, as UTF-8. XML lets the mark alone name the
    encoding, but feedparser then reads the bytes as UTF-8 and calls the feed malformed."""
    if not content.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return content
    try:
        text = content.decode("utf-16")
    except UnicodeDecodeError:
        return content  # not really UTF-16: let the parser say what is wrong
    return _XML_ENCODING.sub(r"\1", text, count=1).encode("utf-8")


def _one_line(problem: object) -> str:
    return " ".join(str(problem).split())[:200] or type(problem).__name__


def _entry(raw: dict, feed_url: str, feed_title: str | None) -> FeedEntry:
    guid = _clean(raw.get("id"))
    link = _clean(raw.get("link"))
    if not link and guid and guid.startswith(("http://", "https://")):
        link = guid  # an RSS <guid> is a permalink unless it says otherwise
    if link:
        link = urldefrag(urljoin(feed_url, link))[0]
        if not link.startswith(("http://", "https://")):
            link = None
    summary = raw.get("summary")
    return FeedEntry(
        link=link,
        title=_clean(raw.get("title")),
        published=_entry_time(raw),
        summary=summary if isinstance(summary, str) and summary.strip() else None,
        guid=guid,
        author=_clean(raw.get("author")),
        feed_url=feed_url,
        feed_title=feed_title,
    )


def _entry_time(raw: dict) -> str | None:
    """feedparser gives times as UTC struct_time; published first, then updated."""
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = raw.get(key)
        if isinstance(value, time.struct_time):
            try:
                return iso_utc(datetime.fromtimestamp(calendar.timegm(value), timezone.utc))
            except (OverflowError, ValueError, OSError):
                continue
    return None


def _clean(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    text = " ".join(value.split())
    return text or None


# -- polling ---------------------------------------------------------------------------------


def poll_feeds(
    feed_states: Iterable[FeedState],
    fetcher: Fetcher,
    *,
    fetch_articles: bool = True,
    known_urls: Callable[[str], bool] | None = None,
    now: datetime | None = None,
) -> Iterator[FeedEvent]:
    """Poll every due feed and yield its new articles, its problems, then its new state.

    Feeds not :func:`due` (backing off) are skipped without a word. ``known_urls(url)`` says
    whether an article is already stored; those are not fetched again, and neither is a URL
    listed by two feeds in this run. With ``fetch_articles=False`` the new entries are yielded
    as :class:`FeedEntry` (nothing fetched beyond the feeds), e.g. for a dry run.
    """
    known = known_urls or (lambda _url: False)
    seen: set[str] = set()
    for state in feed_states:
        if due(state, now):
            yield from _poll_feed(state, fetcher, fetch_articles, known, seen)


def _poll_feed(
    state: FeedState,
    fetcher: Fetcher,
    fetch_articles: bool,
    known: Callable[[str], bool],
    seen: set[str],
) -> Iterator[FeedEvent]:
    result = fetcher.fetch(state.url, state)
    if not result.ok:
        yield IngestProblem(state.url, f"feed {result.error}", result.kind or "down", feed=state.url, retry=result.transient)
        yield update_state(state, result)
        return
    if result.not_modified:
        yield update_state(state, result)
        return
    try:
        entries = read_feed(result.content or b"", result.final_url or state.url)
    except FeedError as exc:
        yield IngestProblem(state.url, exc.problem, "malformed", feed=state.url)
        yield update_state(state, result, error=exc.problem)
        return
    unlinked = sum(1 for e in entries if not e.link)
    if unlinked:
        yield IngestProblem(state.url, f"{unlinked} of {len(entries)} feed entries have no article link", "malformed", feed=state.url)
    retry_later = False
    for entry in entries:
        if not entry.link or entry.link in seen or known(entry.link):
            continue
        seen.add(entry.link)
        if not fetch_articles:
            yield entry
            continue
        item = _article(entry, fetcher, state.url, known, seen)
        if isinstance(item, IngestProblem) and item.retry:
            retry_later = True
        if item is not None:
            yield item
    new_state = update_state(state, result)
    if retry_later:  # keep the old validators: next run re-reads the feed and retries the pages
        new_state = replace(new_state, etag=state.etag, last_modified=state.last_modified)
    yield new_state


def _article(
    entry: FeedEntry,
    fetcher: Fetcher,
    feed_url: str,
    known: Callable[[str], bool],
    seen: set[str],
) -> RawDocument | IngestProblem | None:
    """Fetch one entry's page; None when it redirected to a page we already have."""
    assert entry.link is not None
    page = fetcher.fetch(entry.link)
    if not page.ok:
        return IngestProblem(entry.link, f"article not fetched: {page.error}", page.kind or "down", feed=feed_url, retry=page.transient)
    final = page.final_url or entry.link
    if final != entry.link:
        if final in seen or known(final):
            return None
        seen.add(final)
    if not (page.content or b"").strip():  # most likely a server hiccup: try again next run
        return IngestProblem(entry.link, "article page is empty", "empty", feed=feed_url, retry=True)
    fmt = _article_format(page)
    if fmt is False:
        return IngestProblem(entry.link, f"not an article page (content type {page.content_type})", "not-article", feed=feed_url)
    return RawDocument(
        uri=final,
        content=page.content or b"",
        format=fmt,
        url=final,
        fetched_at=page.fetched_at,
        feed=feed_url,
        title=entry.title,
        published=entry.published,
        meta=_entry_meta(entry, page),
    )


def _article_format(page: FetchResult) -> str | None | bool:
    """'html' / 'text', None to let extract decide, False when the page is not a report."""
    ctype = page.content_type
    if ctype in ARTICLE_TYPES:
        return ARTICLE_TYPES[ctype]
    return "html" if ctype.endswith("html") else False


def _entry_meta(entry: FeedEntry, page: FetchResult) -> dict:
    meta = {"entry_link": entry.link, "guid": entry.guid, "summary": entry.summary, "author": entry.author,
            "feed_title": entry.feed_title, "content_type": page.content_type or None}
    return {k: v for k, v in meta.items() if v}
