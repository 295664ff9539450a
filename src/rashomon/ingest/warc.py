"""Read news pages out of WARC (and ARC) web archives.

Archives are how crawls are kept and shared (Common Crawl, Internet Archive, our own
``wget --warc-file``), so ``rashomon ingest crawl.warc.gz`` must take them directly.
:func:`read_warc` yields one :class:`RawDocument` per archived HTML page: ``response`` records
whose HTTP status is 200 and whose content type is HTML, and ``resource`` records of HTML (or
plain text). Requests, metadata, revisits, redirects, errors, images and scripts are skipped
without comment: an archive is mostly those, and they are not reports.

It follows the convention of every ingest reader (see :mod:`rashomon.ingest.local`): it does
not raise for bad input. A truncated or corrupt archive yields every page read before the
damage and then one :class:`IngestProblem` (kind ``truncated``) whose ``source`` is
``"<path>@<byte offset>"`` and whose message names the file and the offset where reading
stopped, so a person can cut or re-download the archive. warcio reads truncated data
silently, so the reader checks each record's length against its ``Content-Length`` and the
end of the last record against the file size.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator
from warcio.recordloader import ArcWarcRecord

from rashomon.ingest.fetch import iso_utc, parse_iso
from rashomon.ingest.local import MAX_PAGE_BYTES, IngestItem, IngestProblem, local_path
from rashomon.ingest.records import RawDocument

_CHUNK = 1 << 16


def read_warc(path: str | Path, *, max_bytes: int = MAX_PAGE_BYTES) -> Iterator[IngestItem]:
    """The HTML pages in a .warc / .warc.gz / .arc / .arc.gz file, in archive order.

    ``uri`` is ``"<absolute path>#<WARC-Record-ID>"`` (unique and stable, so a resumed run can
    skip it), ``url`` the WARC-Target-URI, ``fetched_at`` the WARC-Date, ``content`` the HTTP
    payload with chunked and gzip transfer coding already removed.
    """
    p = local_path(path)
    try:
        fh = p.open("rb")
    except FileNotFoundError:
        yield IngestProblem(str(p), "no such file", "missing")
        return
    except OSError as exc:
        yield IngestProblem(str(p), f"cannot read: {exc.strerror or exc}", "unreadable")
        return
    with fh:
        size = p.stat().st_size
        if not size:  # warcio reads nothing from it without a word
            yield IngestProblem(str(p), "empty file (no archive records)", "empty")
            return
        end = 0  # byte offset just past the last record read whole
        records = ArchiveIterator(fh, arc2warc=True)
        try:
            for record in records:
                if not _declared_length(record):
                    yield _damaged(p, end, "a record without a valid Content-Length (cut short, or not a WARC file)")
                    return
                item, complete = _page(p, records, record, max_bytes)
                offset = records.get_record_offset()
                if not complete:
                    yield _damaged(p, offset, "its last record is cut short")
                    return
                end = offset + records.get_record_length()
                if item is not None:
                    yield item
        except Exception as exc:  # warcio signals corrupt input with assorted exception types
            yield _damaged(p, end, " ".join(str(exc).split())[:200] or type(exc).__name__)
            return
        if end < size and not _only_padding(fh, end, size):
            yield _damaged(p, end, "the data after the last complete record is cut short or not a record")


def _page(path: Path, records: ArchiveIterator, record: ArcWarcRecord, max_bytes: int) -> tuple[IngestItem | None, bool]:
    """(the record as a page or a problem, or None when it is not a page; whether it was whole)."""
    wanted = _page_format(record)
    content = record.content_stream().read(max_bytes + 1) if wanted else b""
    complete = _drain(record)
    if not wanted or not complete:
        return None, complete
    headers = record.rec_headers
    record_id = headers.get_header("WARC-Record-ID") or f"@{records.get_record_offset()}"
    uri = f"{path}#{record_id}"
    url = headers.get_header("WARC-Target-URI")
    if len(content) > max_bytes:
        return IngestProblem(uri, f"page {url} is too large (over {max_bytes:,} bytes)", "too-large"), True
    if not content.strip():
        return None, True
    date = headers.get_header("WARC-Date")
    moment = parse_iso(date)
    return RawDocument(
        uri=uri,
        content=content,
        format=wanted,
        url=url,
        fetched_at=iso_utc(moment) if moment else date,
        meta={"warc_record_id": record_id, "content_type": _content_type(record)},
    ), True


def _page_format(record: ArcWarcRecord) -> str | None:
    """'html' / 'text' for a record that holds a news page, None for everything else."""
    ctype = _content_type(record)
    if record.rec_type == "response":
        if record.http_headers is None or record.http_headers.get_statuscode() != "200":
            return None
        return "html" if "html" in ctype else None
    if record.rec_type == "resource":
        if "html" in ctype:
            return "html"
        return "text" if ctype == "text/plain" else None
    return None


def _content_type(record: ArcWarcRecord) -> str:
    if record.rec_type == "response" and record.http_headers is not None:
        value = record.http_headers.get_header("Content-Type") or ""
    else:
        value = record.rec_headers.get_header("Content-Type") or ""
    return value.split(";")[0].strip().lower()


def _declared_length(record: ArcWarcRecord) -> bool:
    """Whether the record states its length; warcio quietly reads a header block cut short."""
    value = record.rec_headers.get_header("Content-Length") or record.rec_headers.get_header("length") or ""
    return value.strip().isdigit()


def _drain(record: ArcWarcRecord) -> bool:
    """Read the rest of the record; False when the archive ends before its Content-Length."""
    raw = record.raw_stream
    while raw.read(_CHUNK):
        pass
    return getattr(raw, "limit", 0) <= 0


def _only_padding(fh, start: int, size: int) -> bool:
    """Whether the bytes after the last record are just the blank lines that end records."""
    if size - start > 64:
        return False
    fh.seek(start)
    return not fh.read().strip()


def _damaged(path: Path, offset: int, why: str) -> IngestProblem:
    return IngestProblem(
        f"{path}@{offset}",
        f"archive {path} is truncated or corrupt at byte offset {offset}: {why}; pages before it were read",
        "truncated",
    )
