"""Polite HTTP fetching for ingest: one client, robots.txt, a pause per host, bounded bodies.

News sites are shared infrastructure: a comparison tool that polls dozens of outlets must
look like a well-behaved crawler, or it gets blocked and deserves to be. So :class:`Fetcher`

* names itself (``rashomon/0.1 (+news comparison)``) and asks each host's robots.txt first;
* waits ``min_delay`` seconds (or the host's ``Crawl-delay``, capped) between two requests to
  one host;
* sends ``If-None-Match`` / ``If-Modified-Since`` from a :class:`FeedState`, so an unchanged
  feed costs a 304 and no body;
* gives up on a slow server (connect, read and whole-request time limits) and on a body larger
  than ``max_bytes``, so one bad outlet cannot hang or swamp a run.

It never raises for network trouble: every call returns a :class:`FetchResult` whose ``error``
says what went wrong in one line and whose ``kind`` says which sort of trouble it was.

robots.txt follows RFC 9309, as the big crawlers do: a 4xx answer (no robots.txt, or it is
forbidden) means the site sets no rules, so everything is allowed; a 5xx answer, a timeout or
a refused connection means the site is *unreachable*, and a polite crawler then assumes
complete disallow for a while (``robots_retry`` seconds) instead of charging ahead. Those
results are transient (retried on a later run): ``kind="robots-unreachable"`` for a 5xx, and
``down`` / ``slow`` when the host did not answer at all, which the cached verdict then
applies to every page of that host for ``robots_retry`` seconds, so a dead outlet costs one
timeout per run rather than one per article.

:func:`update_state` and :func:`due` keep a feed's memory between runs: validators after a
success, an exponential back-off (capped at six hours) after failures.
"""

from __future__ import annotations

import time
import urllib.robotparser
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta, timezone
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin, urlsplit

import httpx

from rashomon.ingest.records import FeedState

USER_AGENT = "rashomon/0.1 (+news comparison)"
DEFAULT_MAX_BYTES = 10 * 1024 * 1024
#: RFC 9309 lets a crawler stop reading robots.txt after 500 KiB
ROBOTS_MAX_BYTES = 500 * 1024
REDIRECT_CODES = {301, 302, 303, 307, 308}

#: back-off after the first failure, doubled with each further one, never longer than the cap
BACKOFF_BASE_S = 300.0
BACKOFF_CAP_S = 6 * 3600.0

#: what ``FetchResult.kind`` may say
FAILURE_KINDS = ("down", "slow", "http", "robots", "robots-unreachable", "too-large", "redirects", "bad-url")


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


def iso_utc(moment: datetime) -> str:
    """ISO 8601 in UTC with a ``Z``, to the second: the form every ingest record uses."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def parse_iso(value: str | None) -> datetime | None:
    """An ISO 8601 time as an aware UTC datetime; None for None or junk (treated as 'now')."""
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment.replace(tzinfo=timezone.utc) if moment.tzinfo is None else moment.astimezone(timezone.utc)


@dataclass
class FetchResult:
    """What one GET produced. ``error`` is None on success (a 304 is a success too).

    ``kind`` names the trouble for a failed fetch: ``down`` (refused, reset, 5xx), ``slow``
    (timed out), ``http`` (other 4xx/unexpected status), ``robots`` (disallowed for us),
    ``robots-unreachable`` (robots.txt could not be read: we wait), ``too-large``,
    ``redirects`` (too many) or ``bad-url``.
    """

    url: str
    status: int | None = None
    content: bytes | None = None
    headers: dict[str, str] = field(default_factory=dict)
    final_url: str = ""
    not_modified: bool = False
    error: str | None = None
    kind: str | None = None
    elapsed: float = 0.0
    fetched_at: str = ""

    @property
    def ok(self) -> bool:
        return self.error is None

    @property
    def transient(self) -> bool:
        """True when the same request may well work later (network trouble, 5xx, 429)."""
        if self.ok:
            return False
        if self.kind in ("down", "slow", "robots-unreachable"):
            return True
        return self.status is not None and (self.status == 429 or self.status >= 500)

    @property
    def content_type(self) -> str:
        """The media type without parameters, lower-case ('' when the server sent none)."""
        return self.headers.get("content-type", "").split(";")[0].strip().lower()


@dataclass
class _HostRules:
    """A host's robots.txt verdict, cached so each host is asked once per run."""

    parser: urllib.robotparser.RobotFileParser | None  # None = every path allowed
    unreachable: str | None = None  # why robots.txt could not be read; then all is disallowed
    kind: str = "robots-unreachable"  # or "down" / "slow" when the host itself did not answer
    expires: float = float("inf")  # monotonic time after which to ask again


class Fetcher:
    """A polite, bounded HTTP client for feeds and article pages (see the module docstring).

    Use as a context manager, or call :meth:`close`. ``transport`` lets tests plug in an
    ``httpx.MockTransport``; ``trust_env=False`` ignores proxy settings from the environment.
    """

    def __init__(
        self,
        *,
        user_agent: str = USER_AGENT,
        timeout: float = 10.0,
        connect_timeout: float | None = None,
        total_timeout: float = 60.0,
        min_delay: float = 1.0,
        max_bytes: int = DEFAULT_MAX_BYTES,
        max_redirects: int = 5,
        respect_robots: bool = True,
        max_crawl_delay: float = 30.0,
        robots_retry: float = 300.0,
        trust_env: bool = True,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.user_agent = user_agent
        self.total_timeout = total_timeout
        self.min_delay = min_delay
        self.max_bytes = max_bytes
        self.max_redirects = max_redirects
        self.respect_robots = respect_robots
        self.max_crawl_delay = max_crawl_delay
        self.robots_retry = robots_retry
        self._client = httpx.Client(
            headers={"User-Agent": user_agent},
            timeout=httpx.Timeout(timeout, connect=connect_timeout if connect_timeout is not None else timeout),
            follow_redirects=False,
            trust_env=trust_env,
            transport=transport,
        )
        self._last_request: dict[str, float] = {}  # origin -> monotonic time the last request ended
        self._rules: dict[str, _HostRules] = {}

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._client.close()

    # -- the one public request --------------------------------------------------------

    def fetch(self, url: str, state: FeedState | None = None) -> FetchResult:
        """GET ``url`` politely; conditional when ``state`` carries validators. Never raises."""
        started = time.monotonic()
        result = self._fetch(url, state, started)
        result.elapsed = time.monotonic() - started
        result.fetched_at = iso_utc(utc_now())
        return result

    def _fetch(self, url: str, state: FeedState | None, started: float) -> FetchResult:
        headers = _conditional_headers(state)
        current = url
        for _hop in range(self.max_redirects + 1):
            origin = _origin(current)
            if origin is None:
                return FetchResult(url, final_url=current, error=f"not an http(s) URL: {current!r}", kind="bad-url")
            refusal = self._robots_refusal(origin, current)
            if refusal is not None:
                return replace(refusal, url=url)
            try:
                outcome = self._get(url, current, origin, headers, started)
            except httpx.TimeoutException:
                return FetchResult(url, final_url=current, error=f"timed out after {time.monotonic() - started:.1f} s", kind="slow")
            except (httpx.HTTPError, httpx.InvalidURL, httpx.StreamError, OSError, ValueError) as exc:
                return FetchResult(url, final_url=current, error=f"cannot connect: {_one_line(exc)}", kind="down")
            if isinstance(outcome, FetchResult):
                return outcome
            current = outcome  # a redirect target
        return FetchResult(url, final_url=current, error=f"more than {self.max_redirects} redirects", kind="redirects")

    def _get(self, url: str, current: str, origin: str, headers: dict[str, str], started: float) -> FetchResult | str:
        """One request: a finished result, or the absolute URL a redirect points to."""
        self._wait_turn(origin)
        try:
            with self._client.stream("GET", current, headers=headers) as resp:
                found = FetchResult(url, status=resp.status_code, headers=_plain_headers(resp.headers), final_url=str(resp.url))
                location = resp.headers.get("location")
                if resp.status_code in REDIRECT_CODES and location:
                    return urljoin(str(resp.url), location)
                if resp.status_code == 304 and headers:
                    found.not_modified = True
                    return found
                if resp.status_code >= 300 or resp.status_code < 200:
                    found.kind = "down" if resp.status_code >= 500 else "http"
                    found.error = f"HTTP {resp.status_code} {resp.reason_phrase}".strip()
                    return found
                declared = _int(resp.headers.get("content-length"))
                if declared is not None and declared > self.max_bytes:
                    return _too_large(found, self.max_bytes)
                body = bytearray()
                for chunk in resp.iter_bytes():
                    body += chunk
                    if len(body) > self.max_bytes:
                        return _too_large(found, self.max_bytes)
                    if time.monotonic() - started > self.total_timeout:
                        found.kind, found.error = "slow", f"still sending after {self.total_timeout:.0f} s"
                        return found
                found.content = bytes(body)
                return found
        finally:
            self._last_request[origin] = time.monotonic()

    # -- politeness ----------------------------------------------------------------------

    def _wait_turn(self, origin: str) -> None:
        """Sleep until this host's pause since our last request to it has passed."""
        last = self._last_request.get(origin)
        if last is None:
            return
        wait = last + self._delay_for(origin) - time.monotonic()
        if wait > 0:
            time.sleep(wait)

    def _delay_for(self, origin: str) -> float:
        rules = self._rules.get(origin)
        crawl_delay = None
        if rules is not None and rules.parser is not None:
            crawl_delay = rules.parser.crawl_delay(self.user_agent)
        return max(self.min_delay, min(float(crawl_delay or 0), self.max_crawl_delay))

    def _robots_refusal(self, origin: str, url: str) -> FetchResult | None:
        """None when robots.txt lets us fetch ``url``; otherwise the refusal as a result."""
        if not self.respect_robots:
            return None
        rules = self._rules.get(origin)
        if rules is None or rules.expires < time.monotonic():
            rules = self._rules[origin] = self._read_robots(origin)
        if rules.unreachable is not None:
            return FetchResult(url, final_url=url, error=f"robots.txt unreachable ({rules.unreachable}); not fetching until it answers", kind=rules.kind)
        if rules.parser is not None and not rules.parser.can_fetch(self.user_agent, url):
            return FetchResult(url, final_url=url, error="disallowed by robots.txt", kind="robots")
        return None

    def _read_robots(self, origin: str) -> _HostRules:
        """Ask a host for robots.txt once, through the same client (and the same pause)."""
        retry_at = time.monotonic() + self.robots_retry
        self._wait_turn(origin)
        try:
            with self._client.stream("GET", origin + "/robots.txt", follow_redirects=True) as resp:
                if resp.status_code >= 500:
                    return _HostRules(None, unreachable=f"HTTP {resp.status_code}", expires=retry_at)
                if resp.status_code >= 300:  # 4xx, or redirects that led nowhere: no rules
                    return _HostRules(None)
                body = bytearray()
                for chunk in resp.iter_bytes():
                    body += chunk
                    if len(body) >= ROBOTS_MAX_BYTES:
                        break
        except httpx.TimeoutException:
            return _HostRules(None, unreachable="timed out", kind="slow", expires=retry_at)
        except (httpx.HTTPError, httpx.InvalidURL, httpx.StreamError, OSError, ValueError) as exc:
            return _HostRules(None, unreachable=f"cannot connect: {_one_line(exc)}", kind="down", expires=retry_at)
        finally:
            self._last_request[origin] = time.monotonic()
        parser = urllib.robotparser.RobotFileParser(origin + "/robots.txt")
        parser.parse(bytes(body[:ROBOTS_MAX_BYTES]).decode("utf-8", errors="replace").splitlines())
        return _HostRules(parser)


# -- a feed's memory between runs ----------------------------------------------------------


def backoff_seconds(failures: int) -> float:
    """How long to leave a feed alone after ``failures`` failures in a row: 5 min, 10, 20 ... 6 h."""
    if failures <= 0:
        return 0.0
    return min(BACKOFF_CAP_S, BACKOFF_BASE_S * 2 ** min(failures - 1, 32))


def update_state(
    state: FeedState,
    result: FetchResult,
    *,
    error: str | None = None,
    now: datetime | None = None,
    poll_interval: float = 0.0,
) -> FeedState:
    """The feed's state after ``result``; a new record, ``state`` is left as it was.

    Success (200 or 304): validators from the response (a 304 keeps the old ones unless it sends
    new), no failures, ``last_ok`` = now, next poll after ``poll_interval`` seconds (0 = any
    time). Failure (a failed fetch, or ``error`` when the body was unusable, e.g. a malformed
    feed): failures + 1, ``last_error``, and ``next_attempt`` pushed back by :func:`backoff_seconds`
    or the server's ``Retry-After``, whichever is longer (still capped). Validators are kept
    on failure, so a broken body is not mistaken for the current version.
    """
    now = now or utc_now()
    problem = error or result.error
    if problem is None:
        return replace(
            state,
            etag=result.headers.get("etag") or (state.etag if result.not_modified else None),
            last_modified=result.headers.get("last-modified") or (state.last_modified if result.not_modified else None),
            failures=0,
            next_attempt=iso_utc(now + timedelta(seconds=poll_interval)) if poll_interval > 0 else None,
            last_error=None,
            last_ok=iso_utc(now),
        )
    failures = state.failures + 1
    wait = max(backoff_seconds(failures), min(_retry_after(result, now), BACKOFF_CAP_S))
    return replace(
        state,
        failures=failures,
        next_attempt=iso_utc(now + timedelta(seconds=wait)),
        last_error=problem,
    )


def due(state: FeedState, now: datetime | None = None) -> bool:
    """Whether the feed may be polled now (no ``next_attempt``, or it has passed)."""
    at = parse_iso(state.next_attempt)
    return at is None or at <= (now or utc_now())


# -- small helpers ------------------------------------------------------------------------


def _conditional_headers(state: FeedState | None) -> dict[str, str]:
    headers: dict[str, str] = {}
    if state is not None and state.etag:
        headers["If-None-Match"] = state.etag
    if state is not None and state.last_modified:
        headers["If-Modified-Since"] = state.last_modified
    return headers


def is_http_url(url: str) -> bool:
    """Whether ``url`` is an absolute http(s) address: anything else can never be fetched,
    so a feed list checks it before a typo is registered and polled for ever."""
    return _origin(url.strip()) is not None


def _origin(url: str) -> str | None:
    """``scheme://host[:port]``, the unit robots.txt and the per-host pause apply to."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}"


def _plain_headers(headers: httpx.Headers) -> dict[str, str]:
    return {k.lower(): v for k, v in headers.items()}


def _too_large(found: FetchResult, limit: int) -> FetchResult:
    found.kind, found.error, found.content = "too-large", f"too large: body over {limit:,} bytes", None
    return found


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


def _retry_after(result: FetchResult, now: datetime) -> float:
    """Seconds the server asked us to wait (Retry-After as seconds or an HTTP date); 0 if none."""
    value = result.headers.get("retry-after", "").strip()
    if not value:
        return 0.0
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return 0.0
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return max(0.0, (when - now).total_seconds())


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text[:300]
