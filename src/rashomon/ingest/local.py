"""Readers for inputs already on disk: saved pages, folders of them, JSONL rows, and a dispatcher.

The convention shared by every ingest reader (this module, :mod:`rashomon.ingest.warc` and
:mod:`rashomon.ingest.feeds`): a reader is a generator that yields :class:`RawDocument` for
each report it could read and :class:`IngestProblem` for each one it could not, *in input
order*, and then goes on. Readers do not raise for bad input, a bad row, a binary file or a
truncated archive; the caller counts, reports and (for ``retry`` problems) tries again on a
later run. A problem's ``source`` names the place precisely: a file path, ``"rows.jsonl:12"``
(1-based line), ``"crawl.warc.gz@40960"`` (byte offset) or a URL.

A local file is named by its absolute, lexically normalised path (:func:`local_path`), in a
document's ``uri`` and in a problem's ``source`` alike: ``in/a.html`` typed in one folder,
``../in/a.html`` in another and ``/data/in/a.html`` are one page, stored once. Symbolic links
are kept as the user named them, not resolved. Stores written when the uri was the path as
typed are still recognised: see :func:`legacy_uri`.
"""

from __future__ import annotations

import gzip
import json
import os
import re
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from rashomon.extract.reading import binary_signature, looks_like_utf16, read_at_most
from rashomon.timeparse import read_time
from rashomon.ingest.records import RawDocument

PAGE_SUFFIXES = {".html": "html", ".htm": "html", ".xhtml": "html", ".txt": "text", ".text": "text", ".md": "text"}
JSONL_ENDINGS = (".jsonl", ".jsonl.gz", ".ndjson", ".ndjson.gz")
WARC_ENDINGS = (".warc", ".warc.gz", ".arc", ".arc.gz")
MAX_PAGE_BYTES = 10 * 1024 * 1024
#: the longest JSONL row read: a page at the limit, with room for JSON escaping (``\u00e9``,
#: ``\"``); a longer line (a 2 GB row, a gzip bomb) is a problem, never held in memory
MAX_ROW_BYTES = 4 * MAX_PAGE_BYTES
_SKIP_CHUNK = 1 << 16
_TEXT_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")


@dataclass
class IngestProblem:
    """One input that could not be read, and why, for the run report.

    ``kind`` sorts problems for counting: ``missing``, ``empty``, ``binary``, ``too-large``,
    ``unreadable``, ``bad-row``, ``truncated`` for local input; for feeds and pages the
    :class:`~rashomon.ingest.fetch.FetchResult` kinds (``down``, ``slow``, ``robots`` ...) and
    ``malformed`` / ``not-article``. ``retry`` is True when the same input may work on a later
    run (network trouble), so the caller must not remember it as done.
    """

    source: str
    problem: str
    kind: str = "unreadable"
    feed: str | None = None  # the feed an article URL came from
    retry: bool = False

    def __str__(self) -> str:
        return f"{self.source}: {self.problem}"


IngestItem = RawDocument | IngestProblem


def local_path(path: str | Path) -> Path:
    """A local input's name in uris and problems: absolute and lexically normalised
    (:func:`os.path.abspath`), so the same file typed relative from any folder, or absolute,
    is one input; a symbolic link is kept as named (not :meth:`Path.resolve`)."""
    try:
        return Path(os.path.abspath(path))
    except OSError:  # the working folder was removed under us: keep the name as typed
        return Path(path)


_SUFFIXED_URI = re.compile(r"(?is)^(.*\.(?:jsonl|ndjson)(?:\.gz)?)(:\d+)$|^(.*?\.w?arc(?:\.gz)?)(#.*)$")


def legacy_uri(uri: str) -> str | None:
    """The uri a local input was stored under before uris were absolute paths: the path
    relative to the current folder (:func:`os.path.relpath`) with the same ``":line"`` /
    ``"#record-id"`` suffix; None for a URL or any uri that is not an absolute path.

    Ingest counts a report as already stored when either form is (an older store holds
    ``in/a.html`` for what is now ``/data/in/a.html``)."""
    if not os.path.isabs(uri):
        return None
    m = _SUFFIXED_URI.match(uri)
    path, suffix = (m.group(1) or m.group(3), m.group(2) or m.group(4)) if m else (uri, "")
    try:
        return os.path.relpath(path) + suffix
    except (ValueError, OSError):  # another drive, or no working folder
        return None


def read_page(path: str | Path, *, max_bytes: int = MAX_PAGE_BYTES) -> IngestItem:
    """One saved page or text file as a RawDocument (content left as bytes for extract to decode).

    ``fetched_at`` is the file's modification time: the best guess at when it was saved.
    ``uri`` is the absolute path (:func:`local_path`).
    """
    p = local_path(path)
    try:
        size = p.stat().st_size
        if size > max_bytes:
            return IngestProblem(str(p), f"too large ({size:,} bytes; limit {max_bytes:,})", "too-large")
        data = read_at_most(p, max_bytes)
        if len(data) > max_bytes:
            return IngestProblem(str(p), f"too large (over {max_bytes:,} bytes, the limit)", "too-large")
    except FileNotFoundError:
        return IngestProblem(str(p), "no such file", "missing")
    except OSError as exc:
        return IngestProblem(str(p), f"cannot read: {exc.strerror or exc}", "unreadable")
    if not data.strip():
        return IngestProblem(str(p), "empty file" if not data else "empty file (only whitespace)", "empty")
    binary = _binary(data)
    if binary:
        return IngestProblem(str(p), f"{binary}, not a saved page", "binary")
    mtime = datetime.fromtimestamp(p.stat().st_mtime, timezone.utc).replace(microsecond=0)
    return RawDocument(
        uri=str(p),
        content=data,
        format=PAGE_SUFFIXES.get(p.suffix.lower()),
        fetched_at=mtime.isoformat().replace("+00:00", "Z"),
    )


def read_folder(path: str | Path) -> Iterator[IngestItem]:
    """Every saved page under a folder, recursively, in sorted path order.

    Hidden files and folders (``.git``, ``.DS_Store``) are skipped silently; a folder with no
    pages at all is a problem, since an empty batch usually means a wrong path.
    """
    root = local_path(path)
    if not root.is_dir():
        yield IngestProblem(str(root), "no such folder", "missing")
        return
    found = False
    for page in _page_files(root):
        found = True
        yield read_page(page)
    if not found:
        kinds = ", ".join(sorted(PAGE_SUFFIXES))
        yield IngestProblem(str(root), f"folder holds no saved pages ({kinds})", "empty")


def _page_files(root: Path) -> list[Path]:
    pages = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        for name in filenames:
            if not name.startswith(".") and Path(name).suffix.lower() in PAGE_SUFFIXES:
                pages.append(Path(dirpath) / name)
    return sorted(pages)


def read_jsonl(path: str | Path, *, max_row_bytes: int | None = None) -> Iterator[IngestItem]:
    """Rows of a .jsonl / .jsonl.gz file, one report each.

    A row is an object with ``html`` or ``text`` and optionally ``id``, ``url``, ``title``,
    ``published``, ``outlet`` (or ``source``), ``fetched_at``. A bad row (not JSON, not an
    object, no body) is a problem naming its line, and reading goes on with the next; a
    truncated gzip stops with a problem naming the last line read. ``uri`` is
    ``"<absolute path>:<line>"``.

    No line is read whole past ``max_row_bytes`` (default :data:`MAX_ROW_BYTES`): a longer
    one is a ``too-large`` problem, skipped in bounded chunks, and reading goes on with the
    next line; so a gzip bomb costs time, not memory.
    """
    p = local_path(path)
    limit = MAX_ROW_BYTES if max_row_bytes is None else max_row_bytes
    opener = gzip.open if p.name.lower().endswith(".gz") else open
    line_no = rows = 0
    try:
        with opener(p, "rb") as fh:
            while raw := fh.readline(limit + 1):
                line_no += 1
                if len(raw) > limit and not raw.endswith(b"\n"):  # more than `limit` bytes before the line ends
                    rows += 1
                    yield IngestProblem(f"{p}:{line_no}", f"row too large (over {limit:,} bytes)", "too-large")
                    while (rest := fh.readline(_SKIP_CHUNK)) and not rest.endswith(b"\n"):
                        pass
                elif raw.strip():
                    rows += 1
                    yield _jsonl_row(f"{p}:{line_no}", raw, first=line_no == 1)
        if not rows:  # an empty export usually means a wrong file or a failed job upstream
            yield IngestProblem(str(p), "empty file (no rows)", "empty")
    except FileNotFoundError:
        yield IngestProblem(str(p), "no such file", "missing")
    except (EOFError, zlib.error, gzip.BadGzipFile) as exc:
        yield IngestProblem(f"{p}:{line_no + 1}", f"compressed file is truncated or corrupt after line {line_no}: {exc}", "truncated")
    except OSError as exc:
        yield IngestProblem(str(p), f"cannot read: {exc.strerror or exc}", "unreadable")


def _jsonl_row(where: str, raw: bytes, *, first: bool) -> IngestItem:
    if first and raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        row = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        return IngestProblem(where, f"not UTF-8: {exc.reason} at byte {exc.start}", "bad-row")
    except json.JSONDecodeError as exc:
        return IngestProblem(where, f"not JSON: {exc.msg} (column {exc.colno})", "bad-row")
    if not isinstance(row, dict):
        return IngestProblem(where, f"row is a JSON {_json_type(row)}, not an object", "bad-row")
    html, text = row.get("html"), row.get("text")
    if isinstance(html, str) and html.strip():
        body, fmt = html, "html"
    elif isinstance(text, str) and text.strip():
        body, fmt = text, "text"
    else:
        wrong = [f"'{key}' is a JSON {_json_type(value)}, not a string" for key, value in (("html", html), ("text", text))
                 if value is not None and not isinstance(value, str)]
        return IngestProblem(where, f"row's {'; '.join(wrong)}" if wrong else "row has no 'html' or 'text' field with content", "bad-row")
    meta = {"id": str(row["id"])} if row.get("id") not in (None, "") else {}
    return RawDocument(
        uri=where,
        content=body,
        format=fmt,
        url=_str_or_none(row.get("url")),
        fetched_at=_row_published(row.get("fetched_at")),  # read by the same rule: ISO where it can be read
        title=_str_or_none(row.get("title")),
        published=_row_published(row.get("published")),
        outlet=_str_or_none(row.get("outlet") or row.get("source")),
        meta=meta,
    )


def read_inputs(paths: Iterable[str | Path]) -> Iterator[IngestItem]:
    """Read each input by its type: a folder, a WARC/ARC archive, a JSONL file, or one page."""
    from rashomon.ingest.warc import read_warc  # warc imports IngestProblem from here

    for item in paths:
        p = local_path(item)
        name = p.name.lower()
        if p.is_dir():
            yield from read_folder(p)
        elif not p.exists():
            yield IngestProblem(str(p), "no such file or folder", "missing")
        elif name.endswith(WARC_ENDINGS):
            yield from read_warc(p)
        elif name.endswith(JSONL_ENDINGS):
            yield from read_jsonl(p)
        else:
            yield read_page(p)


def _binary(data: bytes) -> str | None:
    """Why the bytes are not a page ("binary file (a PDF document)"), or None: a known
    file signature (:data:`~rashomon.extract.reading.BINARY_SIGNATURES`), or NUL bytes near
    the start that no UTF-16 text explains."""
    head = data[:8192]
    if head.startswith(_TEXT_BOMS):
        return None
    what = binary_signature(head)
    if what:
        return f"binary file ({what})"
    if b"\x00" in head and not looks_like_utf16(head):
        return "binary file (contains NUL bytes)"
    return None


def normalise_published(value: str | None) -> str | None:
    """A JSONL row's ``published`` in ISO 8601, the way feeds store it: a moment with a
    zone in UTC (``2023-12-10T14:15:00Z``), a date alone as ``2023-12-10``, a time with no
    zone without one; the value as written when :func:`read_time` cannot read it."""
    found = read_time(value)
    if found is None:
        return value
    moment, has_time = found
    if not has_time:
        return moment.date().isoformat()
    if moment.tzinfo is None:
        return moment.replace(microsecond=0).isoformat()
    return moment.astimezone(timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def _row_published(value: object) -> str | None:
    """A row's ``published``: a string read as a date (:func:`normalise_published`), a
    number (20250106? seconds since 1970?) kept as written."""
    text = _str_or_none(value)
    return normalise_published(text) if isinstance(value, str) else text


def _str_or_none(value: object) -> str | None:
    """A row's hint as text; a list, object or boolean where a name or date belongs is
    ignored, not stored as its Python spelling (an outlet called "{'n': 1}")."""
    if value is None or value == "" or isinstance(value, bool) or not isinstance(value, (str, int, float)):
        return None
    return str(value)


def _json_type(value: object) -> str:
    names = {bool: "boolean", int: "number", float: "number", str: "string", list: "array", dict: "object", type(None): "null"}
    return names.get(type(value), type(value).__name__)
