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
copy points to the root).

Without a store (``analyze`` on files, tests) the index holds every report in memory. With
one (``rashomon ingest``), the store is the index: it keeps each report's content hash
(indexed) and the LSH band keys of its signature (``copy_bands``, written in the same
transaction as the report), so a new report reads only the stored reports that share its
hash or one of its bands, never every signature. Memory then holds just the batch being
placed and what was read for it; a stored copy of any age is still found, and the reports
found are exactly those the in-memory index would find (the band keys are the very bytes
the LSH compares).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

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
#: a stored signature: the shingle count, then NUM_PERM hash values, each uint64
SIGNATURE_BYTES = 8 * (1 + NUM_PERM)


def _lsh(threshold: float) -> MinHashLSH:
    return MinHashLSH(threshold=threshold, num_perm=NUM_PERM)


#: the LSH banding datasketch picks for NEAR_COPY: BANDS bands of ROWS hash values (10 x 6;
#: the last NUM_PERM - BANDS * ROWS values are in no band). The store's ``copy_bands`` were
#: written with it: migration 0004 repeats these numbers, and changing them needs a migration
#: that rewrites the table.
BANDS, ROWS = _lsh(NEAR_COPY).b, _lsh(NEAR_COPY).r


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


def band_keys(signature: MinHash) -> list[bytes]:
    """The signature's LSH band keys, for the store's ``copy_bands``: the band number (one
    byte), then the band's ROWS hash values as big-endian uint32 (SCHEME's values are 32-bit).

    Two signatures share a key exactly when datasketch's LSH would bucket them together in
    that band: the key is the band's values themselves, not a hash of them, so a store
    look-up finds the same candidates as the in-memory index, collisions included.
    """
    values = np.asarray(signature.hashvalues[: BANDS * ROWS], dtype=np.uint64)
    if values.size and int(values.max()) >= 2**32:
        raise ValueError(f"hash values wider than 32 bits: not a {SCHEME} signature")
    rows = values.astype(">u4").reshape(BANDS, ROWS)
    return [bytes([band]) + rows[band].tobytes() for band in range(BANDS)]


def stored_band_keys(data: bytes | None) -> list[bytes]:
    """Band keys of a stored signature (:func:`to_bytes`); none for a report too short to be a
    near copy (the LSH never holds it) or for bytes that are no SCHEME signature."""
    if data is None or len(data) != SIGNATURE_BYTES:
        return []
    signature, size = from_bytes(bytes(data))
    if size < MIN_SHINGLES or int(signature.hashvalues.max()) >= 2**32:
        return []
    return band_keys(signature)


@dataclass
class CopyMatch:
    """The report this one copies (the root original) and the estimated similarity."""

    original: str
    similarity: float
    exact: bool


#: a stored report as the index reads it: (id, content hash, stored signature, duplicate_of)
StoredReport = tuple[str, str, "bytes | None", "str | None"]


class CopyStore(Protocol):
    """Where stored reports are looked up (:class:`rashomon.store.Store`)."""

    def copy_candidates(self, hashes: Iterable[str], bands: Iterable[bytes]) -> Iterable[StoredReport]:
        """Stored reports with one of these content hashes or band keys, originals before their
        copies (ingest order)."""
        ...


class SyndicationIndex:
    """Earlier reports, indexed so a new one finds the report it copies in about constant time.

    ``stored``: a store that answers for every report it holds (see the module docstring);
    memory then holds only what :meth:`clear` has not yet dropped. Without it, every report
    :meth:`add` was given stays in memory.
    """

    def __init__(self, threshold: float = NEAR_COPY, *, stored: CopyStore | None = None) -> None:
        self.threshold = threshold
        self.stored = stored
        self._reset()
        if stored is not None and (self._lsh.b, self._lsh.r) != (BANDS, ROWS):
            raise ValueError(f"the store's band keys are for threshold {NEAR_COPY}; got {threshold}")

    def _reset(self) -> None:
        self._lsh = _lsh(self.threshold)
        self._signatures: dict[str, MinHash] = {}
        self._root: dict[str, str] = {}  # report id -> its original (itself when original)
        self._by_hash: dict[str, str] = {}
        #: hashes and band keys the store was asked about since the last clear(): what it
        #: holds for them is in memory now
        self._asked_hashes: set[str] = set()
        self._asked_bands: set[bytes] = set()

    def __len__(self) -> int:
        return len(self._root)

    def root_of(self, report_id: str) -> str:
        return self._root.get(report_id, report_id)

    def match(self, text: str, *, text_hash: str | None = None, signature: MinHash | None = None, size: int | None = None) -> CopyMatch | None:
        """The earlier report this text copies, if any (does not add it)."""
        text_hash = text_hash or content_hash(text)
        if self.stored is not None:
            if signature is None:
                signature, size = fingerprint(text)
            self.look_up([(text_hash, signature, size or 0)])
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

    def restore(self, items: Iterable[StoredReport]) -> None:
        """Hold stored reports: (report id, content hash, stored signature, duplicate_of), in
        ingest order. Without a store behind, pass every stored report to rebuild the index."""
        for report_id, text_hash, data, original in items:
            mh, size = from_bytes(data) if data else (None, 0)
            self.add(report_id, text_hash=text_hash, signature=mh, size=size, original=original)

    def look_up(self, reports: Sequence[tuple[str, MinHash | None, int]]) -> None:
        """Read from the store what reports about to be matched, (content hash, signature,
        shingle count), could copy: the stored reports with the same hash, and for those the
        store has no exact copy of, the ones sharing a band. One call for a batch makes a few
        queries in all; :meth:`match` asks for anything not read yet by itself."""
        if self.stored is None:
            return
        hashes = {h for h, _, _ in reports if h not in self._asked_hashes}
        if hashes:
            self.restore(self.stored.copy_candidates(sorted(hashes), []))
            self._asked_hashes |= hashes
        bands: set[bytes] = set()
        for text_hash, signature, size in reports:
            if text_hash not in self._by_hash and signature is not None and size >= MIN_SHINGLES:
                bands.update(band_keys(signature))
        bands -= self._asked_bands
        if bands:
            self.restore(self.stored.copy_candidates([], sorted(bands)))
            self._asked_bands |= bands

    def clear(self) -> None:
        """Forget what is held once the store has it (after a batch is written): the store
        answers for it from then on, so memory does not grow with the store. Without a store
        behind, nothing is forgotten: memory is the whole index."""
        if self.stored is not None:
            self._reset()
