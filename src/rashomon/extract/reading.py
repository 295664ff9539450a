"""Turn a file's bytes into text, or say clearly why they cannot be read as a report.

Pages arrive in every encoding the web has used. The order of trust is: a byte-order mark,
then UTF-8 (bytes that are valid UTF-8 are almost never anything else), then the charset the
page declares (when the bytes really decode with it), then a statistical guess
(charset-normalizer). A declared charset that the bytes contradict is a common fault of
saved pages, so it is checked rather than believed.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from charset_normalizer import from_bytes

DEFAULT_MAX_BYTES = 16 * 1024 * 1024

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
#: the first bytes of files that are not pages or text, and what each is (for messages:
#: "binary file (a PDF document)"); ingest's readers and extract share this one list
BINARY_SIGNATURES = (
    (b"%PDF", "a PDF document"),
    (b"\x89PNG", "a PNG image"),
    (b"GIF8", "a GIF image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"PK\x03\x04", "a ZIP archive"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\x7fELF", "an executable"),
)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_\-:.]+)""", re.I)
_HTML_SNIFF = re.compile(r"<!doctype html|<html[\s>]|<head[\s>]|<body[\s>]|<(p|div|article|meta|title)[\s>]", re.I)
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml", ".shtml", ".php", ".asp", ".aspx"})
TEXT_SUFFIXES = frozenset({".txt", ".text", ".md"})


class InputError(Exception):
    """A report that cannot be processed; the message names the file and the problem."""

    def __init__(self, path: str | Path, problem: str) -> None:
        self.path = str(path)
        self.problem = problem
        super().__init__(f"{self.path}: {problem}")


@dataclass(frozen=True)
class RawReport:
    """A report's decoded text and what kind of document it is."""

    path: str
    text: str
    format: Literal["html", "text"]
    encoding: str


def read_at_most(path: Path, max_bytes: int) -> bytes:
    """The file's bytes, but never more than ``max_bytes + 1`` (one past the limit, so the
    caller sees it was passed): a device or a pipe (``/dev/zero``) states no size and never
    ends, so the size ``stat`` gives is no bound."""
    with path.open("rb") as fh:
        return fh.read(max_bytes + 1)


def read_report(path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> RawReport:
    """Read one report file; raises InputError with a one-line reason when it cannot."""
    p = Path(path)
    if not p.exists():
        raise InputError(p, "no such file")
    if p.is_dir():
        raise InputError(p, "is a directory, not a report file (pass the files inside it, or a glob)")
    try:
        size = p.stat().st_size
        if size > max_bytes:
            raise InputError(
                p, f"file is {size / 1_048_576:.1f} MB, over the {max_bytes / 1_048_576:.0f} MB limit for one page (raise it with --max-bytes)"
            )
        data = read_at_most(p, max_bytes)
    except OSError as exc:
        raise InputError(p, f"cannot be read ({exc.strerror or exc})") from exc
    if len(data) > max_bytes:
        raise InputError(p, f"file is over the {max_bytes:,}-byte limit for one page (raise it with --max-bytes)")
    return decode_report(data, path=str(p), suffix=p.suffix.lower())


def decode_report(data: bytes, *, path: str = "<input>", suffix: str = "") -> RawReport:
    """Decode bytes and decide whether they are an HTML page or plain text."""
    if not data.strip():
        raise InputError(path, "empty file" if not data else "empty file (only whitespace)")
    text, encoding = decode_bytes(data, path=path)
    if not text.strip():
        raise InputError(path, "empty file (no visible text)")
    return RawReport(path=path, text=text, format=guess_format(text, suffix), encoding=encoding)


def decode_bytes(data: bytes, *, path: str = "<input>") -> tuple[str, str]:
    """Return (text, encoding used)."""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(enc), enc
            except UnicodeDecodeError as exc:
                raise InputError(path, f"starts with a {enc} byte-order mark but does not decode as {enc}") from exc
    head = data[:8192]
    what = binary_signature(head)
    if what:
        raise InputError(path, f"binary file ({what}), not a web page or text")
    if b"\x00" in head and not looks_like_utf16(head):
        raise InputError(path, "binary file (contains NUL bytes), not a web page or text")

    # Valid UTF-8 with multi-byte characters is almost never anything else, whatever the page
    # declares; after that, the declared charset, if the bytes decode with it.
    candidates = ["utf-8"]
    declared = _declared_charset(head)
    if declared:
        candidates.append(declared)
    for enc in candidates:
        try:
            return data.decode(enc), enc
        except (UnicodeDecodeError, LookupError):
            continue
    guess = _guess_encoding(data)
    if guess:
        text = data.decode(guess, errors="replace")
        if control_share(text) < 0.05:
            return text, guess
    raise InputError(path, "binary file or unknown encoding: the bytes do not read as text in any encoding")


# Encodings tried when a page neither is UTF-8 nor decodes with what it declares; the
# detector's own guess is added in front. Sparse non-ASCII text (one Cyrillic name in an
# English page) fools detectors, so each candidate is judged by how plausible its words are.
_CANDIDATES = ("cp1252", "cp1251", "cp1250", "iso8859_15", "cp1253", "cp1254", "cp1255", "cp1256", "cp1257", "koi8_r", "gb18030", "cp932", "euc_kr", "big5")
_WORD = re.compile(r"\w+")
_SCRIPT_GROUPS = {"HIRAGANA": "CJK", "KATAKANA": "CJK", "HANGUL": "CJK", "CJK": "CJK"}


def _guess_encoding(data: bytes) -> str | None:
    sample = data[:200_000]
    detected = from_bytes(sample).best()
    candidates = ([detected.encoding] if detected and detected.encoding else []) + [c for c in _CANDIDATES]
    best, best_score = None, -1.0
    for enc in candidates:
        try:
            text = sample.decode(enc)
        except (UnicodeDecodeError, LookupError):
            continue
        score = _plausibility(text)
        if score > best_score:
            best, best_score = enc, score
    return best


def _plausibility(text: str) -> float:
    """Share of non-ASCII words that look like real words: letters of one script, and, in
    Latin script, mostly plain letters (mojibake of Cyrillic in cp1252 is all accents)."""
    import unicodedata

    words = [w for w in _WORD.findall(text) if not w.isascii()]
    if not words:
        return 1.0
    good = 0
    for w in words:
        if not w.isalpha():
            continue
        scripts = set()
        for ch in w:
            name = unicodedata.name(ch, "UNKNOWN").split()[0]
            scripts.add(_SCRIPT_GROUPS.get(name, name))
        if len(scripts) != 1:
            continue
        if scripts == {"LATIN"} and sum(not ch.isascii() for ch in w) > len(w) / 2:
            continue
        good += 1
    return good / len(words)


def binary_signature(data: bytes) -> str | None:
    """What kind of binary file the bytes start like ("a PDF document", "a ZIP archive"),
    from :data:`BINARY_SIGNATURES`; None when they start like none of them."""
    for magic, what in BINARY_SIGNATURES:
        if data.startswith(magic):
            return what
    return None


def looks_like_utf16(head: bytes) -> bool:
    """UTF-16 text without a BOM: every other byte is NUL for Latin text."""
    if len(head) < 4:
        return False
    even = head[0::2].count(0)
    odd = head[1::2].count(0)
    half = len(head) // 2
    return max(even, odd) > 0.4 * half and min(even, odd) < 0.05 * half


def _declared_charset(head: bytes) -> str | None:
    m = _META_CHARSET.search(head)
    if not m:
        return None
    name = m.group(1).decode("ascii", "ignore").strip().lower()
    try:
        codecs.lookup(name)
    except LookupError:
        return None
    # Browsers read a declared latin-1 as windows-1252; so do we.
    return "cp1252" if name in ("iso-8859-1", "latin-1", "latin1", "us-ascii", "ascii") else name


def control_share(text: str) -> float:
    if not text:
        return 1.0
    sample = text[:20_000]
    bad = sum(1 for ch in sample if (ord(ch) < 32 and ch not in "\t\n\r\f") or ch == "\ufffd")
    return bad / len(sample)


def guess_format(text: str, suffix: str = "") -> Literal["html", "text"]:
    """HTML by extension, else by looking for document markup near the top."""
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix in TEXT_SUFFIXES:
        return "text"
    head = text[:4096]
    return "html" if _HTML_SNIFF.search(head) and head.count("<") >= 3 else "text"
