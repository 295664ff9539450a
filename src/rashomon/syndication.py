"""Syndication: the same story republished by many outlets is one source, not many.

A wire story (AP, Reuters, AFP) runs on dozens of sites with a new headline, a trimmed
ending or an extra paragraph. Counting each copy as independent confirmation would make a
single agency look like a consensus, so every stored report is checked against the ones
before it:

* exact copies: the same clean text (a hash), e.g. one article served under two URLs;
* near copies: word 5-gram shingles, a MinHash signature, and an LSH index (datasketch)
  that finds earlier reports whose estimated Jaccard similarity is at least
  :data:`NEAR_COPY`, without comparing against every stored report.

A copy is linked to the *original*, the earliest stored report of that text (a copy of a
copy points to the root). Signatures are kept in the store, so the index is rebuilt on the
next run without re-reading any text.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
from datasketch import MinHash, MinHashLSH

#: estimated Jaccard of word 5-gram shingles at or above which a report is a copy: a wire
#: story with a new headline and one extra paragraph stays well above it; two outlets'
#: own write-ups of one event (shared quotes, different prose) stay far below
NEAR_COPY = 0.6
NUM_PERM = 64
SHINGLE = 5
#: the hashing scheme, named so stored signatures stay comparable across datasketch releases
SCHEME = "affine32"
#: below this many shingles a text is too short to call a near copy (only exact copies count)
MIN_SHINGLES = 12
_WORD = re.compile(r"\w+", re.UNICODE)


def content_hash(text: str) -> str:
    """Hash of the clean text with spacing and case folded: equal for exact copies."""
    words = _WORD.findall(text.lower())
    return hashlib.sha256(" ".join(words).encode("utf-8")).hexdigest()


def shingles(text: str, n: int = SHINGLE) -> set[bytes]:
    words = _WORD.findall(text.lower())
    if len(words) < n:
        return {" ".join(words).encode("utf-8")} if words else set()
    return {" ".join(words[i : i + n]).encode("utf-8") for i in range(len(words) - n + 1)}


def fingerprint(text: str) -> tuple[MinHash, int]:
    """The MinHash signature of a text and how many shingles it has."""
    sh = shingles(text)
    mh = MinHash(num_perm=NUM_PERM, seed=1, scheme=SCHEME)
    if sh:
        mh.update_batch(list(sh))
    return mh, len(sh)


def to_bytes(mh: MinHash, size: int) -> bytes:
    """Signature plus shingle count, for the store."""
    return np.asarray([size], dtype=np.uint64).tobytes() + mh.hashvalues.astype(np.uint64).tobytes()


def from_bytes(data: bytes) -> tuple[MinHash, int]:
    values = np.frombuffer(data, dtype=np.uint64)
    return MinHash(num_perm=NUM_PERM, seed=1, hashvalues=values[1:].copy(), scheme=SCHEME), int(values[0])


@dataclass
class CopyMatch:
    """The report this one copies (the root original) and the estimated similarity."""

    original: str
    similarity: float
    exact: bool


class SyndicationIndex:
    """Earlier reports, indexed so a new one finds the report it copies in about constant time."""

    def __init__(self, threshold: float = NEAR_COPY) -> None:
        self.threshold = threshold
        self._lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
        self._signatures: dict[str, MinHash] = {}
        self._root: dict[str, str] = {}  # report id -> its original (itself when original)
        self._by_hash: dict[str, str] = {}

    def __len__(self) -> int:
        return len(self._root)

    def root_of(self, report_id: str) -> str:
        return self._root.get(report_id, report_id)

    def match(self, text: str, *, text_hash: str | None = None, signature: MinHash | None = None, size: int | None = None) -> CopyMatch | None:
        """The earlier report this text copies, if any (does not add it)."""
        text_hash = text_hash or content_hash(text)
        if text_hash in self._by_hash:
            return CopyMatch(self.root_of(self._by_hash[text_hash]), 1.0, True)
        if signature is None:
            signature, size = fingerprint(text)
        if (size or 0) < MIN_SHINGLES:
            return None
        best: tuple[float, str] | None = None
        for other in self._lsh.query(signature):
            sim = signature.jaccard(self._signatures[other])
            if sim >= self.threshold and (best is None or (sim, other) > best):
                best = (sim, other)
        if best is None:
            return None
        return CopyMatch(self.root_of(best[1]), round(best[0], 3), False)

    def add(self, report_id: str, *, text_hash: str, signature: MinHash | None, size: int, original: str | None = None) -> None:
        """Index a report; ``original`` is what it copies (None for an original)."""
        if report_id in self._root:
            return
        self._root[report_id] = self.root_of(original) if original else report_id
        self._by_hash.setdefault(text_hash, report_id)
        if signature is not None and size >= MIN_SHINGLES:
            self._signatures[report_id] = signature
            self._lsh.insert(report_id, signature)

    def restore(self, items: Iterable[tuple[str, str, bytes | None, str | None]]) -> None:
        """Rebuild from the store: (report id, content hash, stored signature, duplicate_of)."""
        for report_id, text_hash, data, original in items:
            mh, size = from_bytes(data) if data else (None, 0)
            self.add(report_id, text_hash=text_hash, signature=mh, size=size, original=original)
