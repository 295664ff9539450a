"""A loopback news site for ingest tests: feeds, article pages, robots.txt, and misbehaviour.

Tests must not touch the network, yet ingest is all about the network going wrong. This
module serves, on ``127.0.0.1`` and a free port, everything a test of feeds, fetching,
syndication or resume needs, and records every request so a test can assert *how* the
client behaved (a 304 used, a known article not fetched again, the per-host pause kept)::

    from feedserver import FeedServer, feed_server  # the fixture, for pytest

    def test_something(feed_server):
        url = feed_server.url(FeedServer.RSS)
        ...
        assert feed_server.count("/a/story") == 1

    with FeedServer(slow_delay=1.0) as site:   # or as a context manager
        site.route("/feeds/extra.xml", RSS_TEMPLATE, content_type=RSS_TYPE)

Routes served by default (bodies may contain ``{base}``, replaced by ``http://127.0.0.1:PORT``):

=========================  =====================================================================
``/robots.txt``            ``User-agent: *`` / ``Disallow: /private/``
``/feeds/rss.xml``         RSS 2.0: /a/story (absolute link) and /a/second (relative link)
``/feeds/atom.xml``        Atom: /amp/story (the same article as /a/story) and /a/third
``/feeds/rdf.xml``         RSS 1.0 (RDF): /a/second
``/feeds/syndicated.xml``  RSS listing one article under two URLs: /a/story and /amp/story
``/feeds/conditional.xml`` RSS with ETag ``"v1"`` and Last-Modified; 304 to a matching request
``/feeds/down.xml``        HTTP 500
``/feeds/slow.xml``        a good feed, but only after ``slow_delay`` seconds
``/feeds/malformed.xml``   broken XML without entries
``/feeds/not-a-feed.xml``  an HTML page served where the feed should be
``/feeds/empty.xml``       200 with an empty body
``/feeds/mixed.xml``       RSS whose items fail in turn: /a/third (fine), /private/story
                           (robots), /gone/story (404), /img/photo.jpg (an image)
``/private/feed.xml``      a feed robots.txt forbids
``/a/story``, ``/amp/story``  the same news article, byte for byte, under two URLs
``/a/second``, ``/a/third``, ``/private/story``  other articles
``/redirect/story``        301 to /a/story
=========================  =====================================================================

Anything else is a 404. :meth:`FeedServer.refused_url` gives a URL on a port nobody listens
on (connection refused: a feed that is down hard).
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

import pytest

RSS_TYPE = "application/rss+xml; charset=utf-8"
ATOM_TYPE = "application/atom+xml; charset=utf-8"
HTML_TYPE = "text/html; charset=utf-8"
CONDITIONAL_ETAG = '"v1"'
CONDITIONAL_LAST_MODIFIED = "Mon, 06 Jan 2025 10:00:00 GMT"

ROBOTS_TXT = "User-agent: *\nDisallow: /private/\n"

STORY_HTML = """<!DOCTYPE html><html><head><meta charset="utf-8">
<title>Bridge reopens after repairs | Valley Times</title></head>
<body><nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>Bridge reopens after repairs</h1>
<p>The old river bridge reopened to traffic on Monday after eight months of repairs, the city council said.</p>
<p>Engineers replaced the steel bearings and resurfaced the deck, at a cost of about 4 million, according to the council.</p>
<p>"It is good to have the town connected again," said the mayor, who cut a ribbon at the eastern end of the bridge.</p>
</article><footer><p>&copy; 2025 Valley Times</p></footer></body></html>"""

SECOND_HTML = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>Council votes on parking fees</title></head>
<body><article><h1>Council votes on parking fees</h1>
<p>The city council voted on Tuesday to raise parking fees in the centre by a fifth from March.</p>
<p>Shop owners said the change would keep customers away; the council said it would pay for bus lanes.</p>
</article></body></html>"""

THIRD_HTML = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>New school opens</title></head>
<body><article><h1>New school opens</h1>
<p>A new primary school opened in the east of the town on Wednesday with 240 pupils, the education office said.</p>
</article></body></html>"""

RSS_FEED = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Valley Times</title><link>{base}/</link><description>Local news</description>
<item><title>Bridge reopens after repairs</title><link>{base}/a/story</link><guid isPermaLink="false">vt-1</guid>
<pubDate>Mon, 06 Jan 2025 10:00:00 +0100</pubDate><description>The old river bridge reopened on Monday.</description></item>
<item><title>Council votes on parking fees</title><link>/a/second</link><guid isPermaLink="false">vt-2</guid>
<pubDate>Tue, 07 Jan 2025 08:30:00 GMT</pubDate><description>Fees rise by a fifth.</description></item>
</channel></rss>"""

ATOM_FEED = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Valley Times mobile</title><id>urn:vt:mobile</id>
<updated>2025-01-08T09:00:00Z</updated><link rel="self" href="{base}/feeds/atom.xml"/>
<entry><title>Bridge reopens after repairs</title><id>urn:vt:amp:1</id><link rel="alternate" href="{base}/amp/story"/>
<updated>2025-01-06T09:00:00Z</updated><published>2025-01-06T09:00:00Z</published><summary>The bridge is open again.</summary></entry>
<entry><title>New school opens</title><id>urn:vt:amp:3</id><link rel="alternate" href="{base}/a/third"/>
<updated>2025-01-08T12:15:00+02:00</updated><summary>240 pupils.</summary></entry>
</feed>"""

RDF_FEED = """<?xml version="1.0" encoding="utf-8"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
 xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="{base}/feeds/rdf.xml"><title>Valley Times (RDF)</title><link>{base}/</link>
<description>Local news</description><items><rdf:Seq><rdf:li resource="{base}/a/second"/></rdf:Seq></items></channel>
<item rdf:about="{base}/a/second"><title>Council votes on parking fees</title><link>{base}/a/second</link>
<dc:date>2025-01-07T08:30:00Z</dc:date><description>Fees rise by a fifth.</description></item>
</rdf:RDF>"""


def rss(*items: tuple[str, str], title: str = "Valley Times") -> str:
    """A small RSS 2.0 feed of (title, link) items; links may use ``{base}``."""
    body = "".join(
        f"<item><title>{t}</title><link>{link}</link><guid isPermaLink=\"false\">{link}</guid></item>" for t, link in items
    )
    return (
        f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>{title}</title>'
        f"<link>{{base}}/</link><description>news</description>{body}</channel></rss>"
    )


@dataclass
class Route:
    """How the server answers one path."""

    body: bytes | str = b""
    status: int = 200
    content_type: str = HTML_TYPE
    headers: dict[str, str] = field(default_factory=dict)
    etag: str | None = None  # with etag / last_modified the route answers conditional GETs with 304
    last_modified: str | None = None
    delay: float = 0.0  # seconds to wait before answering


@dataclass
class Hit:
    """One request the server received."""

    path: str  # with the query string
    method: str
    headers: dict[str, str]  # lower-case names
    status: int
    at: float  # time.monotonic() when it arrived


class FeedServer:
    """A threaded loopback HTTP server with the routes above; see the module docstring."""

    RSS = "/feeds/rss.xml"
    ATOM = "/feeds/atom.xml"
    RDF = "/feeds/rdf.xml"
    SYNDICATED = "/feeds/syndicated.xml"
    CONDITIONAL = "/feeds/conditional.xml"
    DOWN = "/feeds/down.xml"
    SLOW = "/feeds/slow.xml"
    MALFORMED = "/feeds/malformed.xml"
    NOT_A_FEED = "/feeds/not-a-feed.xml"
    EMPTY = "/feeds/empty.xml"
    MIXED = "/feeds/mixed.xml"
    PRIVATE_FEED = "/private/feed.xml"
    STORY = "/a/story"
    AMP_STORY = "/amp/story"

    def __init__(self, *, slow_delay: float = 2.0, robots: str | None = ROBOTS_TXT) -> None:
        self.slow_delay = slow_delay
        self.routes: dict[str, Route] = _default_routes(slow_delay, robots)
        self.hits: list[Hit] = []
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._httpd: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None
        self.base = ""

    # -- life cycle ------------------------------------------------------------------------

    def start(self) -> FeedServer:
        self._httpd = _Server(("127.0.0.1", 0), _handler_for(self))
        self.base = f"http://127.0.0.1:{self._httpd.server_address[1]}"
        self._thread = threading.Thread(target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stopping.set()  # wakes slow handlers
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
            self._httpd = None

    def __enter__(self) -> FeedServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- what tests use ---------------------------------------------------------------------

    def url(self, path: str) -> str:
        return self.base + path

    def route(self, path: str, body: bytes | str = b"", **options) -> Route:
        """Add or replace a route; options are :class:`Route` fields."""
        self.routes[path] = Route(body=body, **options)
        return self.routes[path]

    def count(self, path: str) -> int:
        """How many requests asked for ``path`` (query strings ignored)."""
        return len(self.requests(path))

    def requests(self, path: str) -> list[Hit]:
        with self._lock:
            return [h for h in self.hits if urlsplit(h.path).path == path]

    def statuses(self, path: str) -> list[int]:
        return [h.status for h in self.requests(path)]

    def clear(self) -> None:
        """Forget the requests so far (e.g. between a first and a second run)."""
        with self._lock:
            self.hits.clear()

    @staticmethod
    def refused_url(path: str = "/feeds/rss.xml") -> str:
        """A URL on a loopback port nobody listens on: connecting is refused at once."""
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
            sock.bind(("127.0.0.1", 0))
            port = sock.getsockname()[1]
        return f"http://127.0.0.1:{port}{path}"

    # -- answering ---------------------------------------------------------------------------

    def _answer(self, handler: BaseHTTPRequestHandler) -> None:
        path = urlsplit(handler.path).path
        route = self.routes.get(path) or Route(body="<html><body><h1>Not found</h1></body></html>", status=404)
        headers = {k.lower(): v for k, v in handler.headers.items()}
        status = 304 if _not_modified(route, headers) else route.status
        with self._lock:
            self.hits.append(Hit(handler.path, handler.command, headers, status, time.monotonic()))
        if route.delay and self._stopping.wait(route.delay):
            return
        body = route.body.replace("{base}", self.base).encode("utf-8") if isinstance(route.body, str) else route.body
        handler.send_response(status)
        handler.send_header("Content-Type", route.content_type)
        for name, value in route.headers.items():
            handler.send_header(name, value.replace("{base}", self.base))
        if route.etag:
            handler.send_header("ETag", route.etag)
        if route.last_modified:
            handler.send_header("Last-Modified", route.last_modified)
        handler.send_header("Content-Length", "0" if status == 304 else str(len(body)))
        handler.end_headers()
        if status != 304 and handler.command != "HEAD":
            handler.wfile.write(body)


def _not_modified(route: Route, headers: dict[str, str]) -> bool:
    """RFC 9110: If-None-Match wins over If-Modified-Since when both are sent."""
    if route.status != 200 or not (route.etag or route.last_modified):
        return False
    if "if-none-match" in headers:
        tags = {t.strip().removeprefix("W/") for t in headers["if-none-match"].split(",")}
        return bool(route.etag) and (route.etag.removeprefix("W/") in tags or "*" in tags)
    return bool(route.last_modified) and headers.get("if-modified-since") == route.last_modified


def _default_routes(slow_delay: float, robots: str | None) -> dict[str, Route]:
    routes = {
        FeedServer.RSS: Route(RSS_FEED, content_type=RSS_TYPE),
        FeedServer.ATOM: Route(ATOM_FEED, content_type=ATOM_TYPE),
        FeedServer.RDF: Route(RDF_FEED, content_type="application/rdf+xml; charset=utf-8"),
        FeedServer.SYNDICATED: Route(rss(("Bridge reopens after repairs", "{base}/a/story"), ("Bridge reopens (mobile)", "{base}/amp/story")), content_type=RSS_TYPE),
        FeedServer.CONDITIONAL: Route(RSS_FEED, content_type=RSS_TYPE, etag=CONDITIONAL_ETAG, last_modified=CONDITIONAL_LAST_MODIFIED),
        FeedServer.DOWN: Route("<html><body>Internal Server Error</body></html>", status=500),
        FeedServer.SLOW: Route(RSS_FEED, content_type=RSS_TYPE, delay=slow_delay),
        FeedServer.MALFORMED: Route('<?xml version="1.0"?><rss version="2.0"><channel><title>Broken</titl', content_type=RSS_TYPE),
        FeedServer.NOT_A_FEED: Route("<!DOCTYPE html><html><head><title>Valley Times</title></head><body><p>Our feeds have moved.</p></body></html>", content_type=HTML_TYPE),
        FeedServer.EMPTY: Route(b"", content_type=RSS_TYPE),
        FeedServer.MIXED: Route(
            rss(("New school opens", "{base}/a/third"), ("Members only", "{base}/private/story"),
                ("Removed story", "{base}/gone/story"), ("Photo of the day", "{base}/img/photo.jpg")),
            content_type=RSS_TYPE,
        ),
        FeedServer.PRIVATE_FEED: Route(RSS_FEED, content_type=RSS_TYPE),
        FeedServer.STORY: Route(STORY_HTML),
        FeedServer.AMP_STORY: Route(STORY_HTML),
        "/a/second": Route(SECOND_HTML),
        "/a/third": Route(THIRD_HTML),
        "/private/story": Route(STORY_HTML),
        "/img/photo.jpg": Route(b"\xff\xd8\xff\xe0" + bytes(64), content_type="image/jpeg"),
        "/redirect/story": Route(b"", status=301, headers={"Location": "{base}/a/story"}),
    }
    if robots is not None:
        routes["/robots.txt"] = Route(robots, content_type="text/plain; charset=utf-8")
    return routes


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address) -> None:  # noqa: ANN001
        """A client that gave up (timeout) leaves a broken pipe: not worth a traceback."""


def _handler_for(site: FeedServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        server_version = "ValleyTimes/1.0"

        def do_GET(self) -> None:  # noqa: N802
            site._answer(self)

        def do_HEAD(self) -> None:  # noqa: N802
            site._answer(self)

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002
            pass

    return Handler


@pytest.fixture
def feed_server() -> Iterator[FeedServer]:
    """A running :class:`FeedServer` with a 2 s slow feed (use a client timeout under that)."""
    with FeedServer(slow_delay=2.0) as server:
        yield server
