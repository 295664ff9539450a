"""What keeps the web app safe to point at hostile news pages and to open to a team.

Three plain ASGI middlewares, outermost first in ``app.py``:

- ``SecurityHeaders``: a Content-Security-Policy that lets only our own static script and
  stylesheet run. Reports are untrusted web content; escaping is the first defence and the
  policy is the second, so a slip in one template still cannot run a page's script.
- ``TokenGate``: when the server is reachable beyond loopback, every request must carry
  the team's token (``Authorization: Bearer``, or ``?token=`` once, which becomes a cookie).
- ``BodyLimit``: uploads larger than the limit are refused with 413 before they are parsed,
  so a huge paste cannot exhaust memory.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any
from urllib.parse import parse_qsl, urlencode

from markupsafe import escape
from starlette.exceptions import HTTPException

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

#: only our own files: no inline script, no inline style, no plug-ins, no framing, and forms
#: post back to us only
CONTENT_SECURITY_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
SECURITY_HEADERS = {
    "content-security-policy": CONTENT_SECURITY_POLICY,
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
    "cross-origin-opener-policy": "same-origin",
}
COOKIE_NAME = "rashomon_session"


def _is_api(scope: Scope) -> bool:
    path = scope.get("path", "")
    return path.startswith("/api/") or path == "/openapi.json"


async def _respond(send: Send, status: int, body: bytes, content_type: str, extra: list[tuple[bytes, bytes]] | None = None) -> None:
    headers = [(b"content-type", content_type.encode()), (b"content-length", str(len(body)).encode())]
    headers += [(k.encode(), v.encode()) for k, v in SECURITY_HEADERS.items()]
    await send({"type": "http.response.start", "status": status, "headers": headers + (extra or [])})
    await send({"type": "http.response.body", "body": body})


async def plain_error(scope: Scope, send: Send, status: int, title: str, message: str) -> None:
    """An error before the app runs: JSON for the API, a small self-contained page for people."""
    if _is_api(scope):
        await _respond(send, status, json.dumps({"detail": message}).encode(), "application/json")
        return
    page = (
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>"
        f"{escape(title)} · Rashomon</title><link rel=\"stylesheet\" href=\"/static/app.css\"></head>"
        f"<body><main class=\"narrow\"><h1>{escape(title)}</h1><p class=\"error-message\">{escape(message)}</p>"
        "<p><a href=\"/analyze\">Back to Analyze</a></p></main></body></html>"
    )
    await _respond(send, status, page.encode(), "text/html; charset=utf-8")


class SecurityHeaders:
    """Adds the CSP and its companions to every HTTP response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = [(k, v) for k, v in message.get("headers", []) if k.decode().lower() not in SECURITY_HEADERS]
                headers += [(k.encode(), v.encode()) for k, v in SECURITY_HEADERS.items()]
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, with_headers)


def session_value(token: str) -> str:
    """What the cookie holds: a keyed digest, so a leaked cookie jar does not leak the token."""
    return hmac.new(token.encode(), b"rashomon-web-session", hashlib.sha256).hexdigest()


class TokenGate:
    """Refuses every request that does not carry the token (when one is set).

    A browser opens ``/?token=…`` once; the answer sets an HttpOnly, SameSite=Strict cookie
    and redirects to the same address without the token, so it stays out of history and
    logs. Scripts send ``Authorization: Bearer …``.
    """

    def __init__(self, app: ASGIApp, token: str | None) -> None:
        self.app = app
        self.token = token
        self.session = session_value(token) if token else ""

    def _bearer_ok(self, scope: Scope) -> bool:
        for key, value in scope.get("headers", []):
            if key == b"authorization":
                scheme, _, given = value.decode("latin-1").partition(" ")
                if scheme.lower() == "bearer" and hmac.compare_digest(given.strip().encode(), self.token.encode()):
                    return True
        return False

    def _cookie_ok(self, scope: Scope) -> bool:
        for key, value in scope.get("headers", []):
            if key == b"cookie":
                for part in value.decode("latin-1").split(";"):
                    name, _, given = part.strip().partition("=")
                    if name == COOKIE_NAME and hmac.compare_digest(given.encode(), self.session.encode()):
                        return True
        return False

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not self.token:
            await self.app(scope, receive, send)
            return
        if self._bearer_ok(scope) or self._cookie_ok(scope):
            await self.app(scope, receive, send)
            return
        query = parse_qsl(scope.get("query_string", b"").decode("latin-1"), keep_blank_values=True)
        given = next((v for k, v in query if k == "token"), None)
        if given is not None and hmac.compare_digest(given.encode(), self.token.encode()):
            rest = urlencode([(k, v) for k, v in query if k != "token"])
            location = scope.get("path", "/") + (f"?{rest}" if rest else "")
            cookie = f"{COOKIE_NAME}={self.session}; Path=/; HttpOnly; SameSite=Strict"
            await _respond(send, 303, b"", "text/plain", [(b"location", location.encode()), (b"set-cookie", cookie.encode())])
            return
        await plain_error(
            scope, send, 401, "Token needed",
            "This Rashomon server is shared: open it with ?token=… once, or send Authorization: Bearer ….",
        )


class BodyLimit:
    """413 for a request body over ``max_bytes``: by its Content-Length, or while it streams."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    def message(self, size: int | None) -> str:
        limit = _megabytes(self.max_bytes)
        if size is None:
            return f"The upload is over the {limit} limit for one analysis. Send fewer or smaller reports."
        return f"The upload is {_megabytes(size)}, over the {limit} limit for one analysis. Send fewer or smaller reports."

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = next((v for k, v in scope.get("headers", []) if k == b"content-length"), None)
        if declared is not None and declared.isdigit() and int(declared) > self.max_bytes:
            await plain_error(scope, send, 413, "Upload too large", self.message(int(declared)))
            return
        seen = 0

        async def counting_receive() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_bytes:
                    # raised inside the endpoint's read, so the app's own error pages answer it
                    raise HTTPException(413, self.message(None))
            return message

        await self.app(scope, counting_receive, send)


def _megabytes(size: int) -> str:
    if size < 1024 * 1024:
        return f"{size / 1024:.0f} KB"
    return f"{size / (1024 * 1024):.1f} MB".replace(".0 MB", " MB")
