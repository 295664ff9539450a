"""Running the web app: the checks ``rashomon serve`` makes before it listens.

A newsroom's stored reports and its analysis server are not for the open internet: bound to
anything but loopback, the server needs a token (``--token`` or ``RASHOMON_TOKEN``) and will
not start without one.
"""

from __future__ import annotations

import ipaddress
import os
import secrets

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
TOKEN_ENV = "RASHOMON_TOKEN"


class ServeError(ValueError):
    """A setting the server refuses to start with; the message says what to change."""


def is_loopback(host: str) -> bool:
    """True for addresses only this machine can reach (127.0.0.0/8, ::1, localhost)."""
    name = host.strip().strip("[]").lower()
    if name == "localhost":
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False  # a host name may resolve anywhere: treat it as exposed


def check_settings(host: str, token: str | None) -> str | None:
    """The token to require, or None on loopback without one; raises ServeError when the
    server would be reachable by others with no token."""
    token = (token or "").strip() or None
    if token is not None and len(token) < 16:
        raise ServeError("the token is too short: use at least 16 characters (for example: " + secrets.token_urlsafe(24) + ")")
    if token is None and not is_loopback(host):
        raise ServeError(
            f"refusing to listen on {host} without a token: anyone who can reach it could read the stored "
            f"reports. Pass --token (or set {TOKEN_ENV}), for example --token {secrets.token_urlsafe(24)}"
        )
    return token


def check_limits(port: int, max_upload_mb: float | None) -> None:
    """Raise ServeError for a port no socket can bind or an upload limit that refuses
    everything; checked before the store is opened, so the message is the first thing said."""
    if not 0 <= port <= 65535:
        raise ServeError(f"port {port} is out of range: use 1 to 65535 (or 0 for any free port)")
    if max_upload_mb is not None and max_upload_mb < 0:
        raise ServeError(f"--max-upload-mb {max_upload_mb:g} is negative: give the largest upload to accept, in MB")


def serve(
    host: str = DEFAULT_HOST,
    port: int = DEFAULT_PORT,
    db: str | None = None,
    token: str | None = None,
    max_upload_mb: float | None = None,
) -> None:
    """Open the store at ``db`` (SQLite file or postgresql:// URL) and serve until stopped."""
    import uvicorn

    from rashomon.store import Store, StoreError
    from rashomon.web.app import DEFAULT_MAX_UPLOAD_BYTES, create_app

    token = check_settings(host, token if token is not None else os.environ.get(TOKEN_ENV))
    check_limits(port, max_upload_mb)
    limit = int(max_upload_mb * 1024 * 1024) if max_upload_mb else DEFAULT_MAX_UPLOAD_BYTES
    try:
        store = Store.open(db)
    except StoreError as exc:  # a --db that is a folder, not a database, unreachable: one line
        raise ServeError(str(exc)) from exc
    app = create_app(store, token=token, max_upload_bytes=limit)
    shown = f"[{host}]" if ":" in host else host
    print(f"Rashomon on http://{shown}:{port}/" + ("?token=…  (the token you gave)" if token else ""), flush=True)
    uvicorn.run(app, host=host, port=port, log_level="warning", server_header=False, proxy_headers=False)
