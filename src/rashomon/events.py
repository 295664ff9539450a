"""Group news reports into events, one report at a time (the ``events`` task of EVAL.md).

A stream of reports arrives in time order; each new report either joins an event that is
already open or opens a new one.  Nothing needs the number of events.  Reports of one event
in different languages must meet, and two similar events (two celebrity rehab stays, two
earthquakes) must stay apart: the names, places, numbers and dates a report carries are what
tell them apart, so they weigh more than the general vocabulary.

Two steps, kept apart so that a database can store the first and replay the second:

``represent`` -- report -> :class:`ReportVector`
    Word counts (hashed, sublinear, unit length), the report's names and numbers (hashed),
    an embedding of its title and lead (multilingual e5 by default, so that languages meet)
    and its publication time.  It depends on nothing but the report and the encoder, so it
    is computed once and stored (:meth:`ReportVector.to_bytes`).

``place`` -- vector -> event id
    Scores the report against the open events it may belong to and joins the best one when
    the score clears :attr:`EventSettings.join_threshold`, or opens a new event.  The score
    is a weighted mean of three cosines against the event's running sums -- idf-weighted
    words, idf-weighted names and numbers, and the embedding (rescaled from e5's narrow
    band) -- nudged up when the report mentions a year the event's reports mention, and
    down when both mention years and none is shared.  Word and name weights use document
    frequencies counted over the reports placed so far, so an early report is weighed with
    what was known when it arrived.

Only events whose latest report is at most :attr:`EventSettings.window_days` older than the
new report can take it (a same-topic event months later is a new event), and candidates are
found through an inverted index of the report's most salient words and names plus a short
list of the most recently active events, so placing one report does not read every stored
event (``benchmarks/events_scaling.py`` measures it).

API::

    clusterer = EventClusterer(EventSettings())          # or EventClusterer() for defaults
    vectors = clusterer.represent(docs)                  # docs: dicts with text; maybe title, published
    event = clusterer.place("r1", vectors[0])            # -> "e0"; time from the vector
    clusterer.restore([(doc_id, event_id, vector, when), ...])   # rebuild from a store
    clusterer.assignments                                # {doc_id: event_id}
    clusterer.events                                     # {event_id: Event}

    cluster_events(docs, incremental=True)               # -> [event id per doc]; batch with False
    predict_events(rows)                                 # rows of EVAL.md -> [{event} | {error}]
    score_events(pred_rows, gold_rows)                   # B-cubed P/R/F1 and adjusted Rand index

A placement may also fold a small recent event (at most :attr:`EventSettings.absorb_size`
reports) into the event the report joined, when each of its reports now clears the
threshold against it: the first reports of a story often look apart until a later one ties
them.  ``clusterer.merged`` maps every folded event id to the event that took it, so a store
relabels those reports (``restore`` takes the final labels).

``cluster_events(docs, incremental=False)`` is the same method with hindsight: document
frequencies of the whole pool are known up front, and after the single pass every report
is taken out and placed again, against the finished events, until no report moves.

Stored vectors are only comparable under the same :attr:`EventSettings.encoder`; the
encoder's name travels in every vector and :meth:`EventClusterer.place` refuses a mismatch.
"""

from __future__ import annotations

import math
import re
import struct
import unicodedata
import zlib
from collections import Counter, OrderedDict, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone

import numpy as np

from rashomon.timeparse import read_time

__all__ = [
    "Event",
    "EventClusterer",
    "EventSettings",
    "ReportVector",
    "cluster_events",
    "predict_events",
    "report_text",
    "score_events",
]

DAY = 86_400.0

# --------------------------------------------------------------------------- settings


@dataclass(frozen=True)
class EventSettings:
    """Knobs of the clusterer; the defaults are the ones chosen on the ECB+ dev file.

    The weights say how much each kind of evidence counts in the join score; they are
    renormalised over the kinds a report actually has (a report without an embedding is
    scored on words and names alone).
    """

    #: "average": a report's score is its mean similarity to the event's reports (a sprawling
    #: event scores low, so it does not swallow its neighbours); "centroid": similarity to the
    #: event's normalised centre (kinder to big, diverse stories)
    linkage: str = "centroid"
    #: join the best event when its score reaches this, otherwise open a new event
    join_threshold: float = 0.20
    #: weight of the word cosine (idf-weighted, report against the event's word centroid)
    word_weight: float = 1.0
    #: weight of the names-and-numbers cosine: what tells two similar events apart
    name_weight: float = 0.25
    #: weight of the embedding cosine (rescaled, see ``embedding_floor``)
    embedding_weight: float = 2.0
    #: added to the score when the report and the event mention the same year, taken off when
    #: both mention years and none is shared: two similar events are usually years apart
    year_weight: float = 0.1
    year_bonus: float = 0.1
    #: e5 cosines of unrelated texts sit near 0.8-0.88; cosines are mapped from [floor, 1] to [0, 1]
    embedding_floor: float = 0.88
    #: "e5" (multilingual, default), "minilm" (English only, faster) or "none" (no embedding)
    encoder: str = "e5"
    #: characters of title + lead given to the encoder: the event is named at the top
    lead_chars: int = 300
    #: the first words of a report (title and lead, where the event is named) count this much
    #: more than the rest of its words
    lead_words: int = 40
    lead_boost: float = 1.0
    #: words are cut to this many characters (a crude stemmer that also merges inflections)
    stem_chars: int = 6
    #: an event whose latest report is older than this cannot take a new report
    window_days: float = 30.0
    #: salient words/names of a report used to look up candidate events
    lookup_keys: int = 12
    #: events kept per index key (the most recent ones) and events scored per report
    postings_cap: int = 64
    max_candidates: int = 40
    #: the most recently active events are always candidates (catches cross-script reports)
    recent_events: int = 32
    #: word centroids are cut back to their heaviest terms past this size
    max_event_terms: int = 600
    #: after a report joins an event, small recent events (at most this many reports) whose
    #: reports all clear the threshold against the grown event are folded into it: a story
    #: whose first reports looked apart is made one (0 turns this off); see ``merged``
    absorb_size: int = 2
    #: re-placement sweeps of the batch mode
    batch_sweeps: int = 5


# --------------------------------------------------------------------------- text features

_URL = re.compile(r"^\s*https?\s*:\s*/\s*/\s*\S+(?:\s+(?:[a-z0-9_./?=&%#:~+-]+|[A-Z0-9]{12,}))*", re.UNICODE)
_TOKEN = re.compile(r"[^\W_]+(?:['’.][^\W_]+)*", re.UNICODE)
_NUMBER = re.compile(r"\d")
_SENTENCE_END = re.compile(r"[.!?。！？:\"”]\s*$")
_URL_WORDS = {"http", "https", "www", "com", "html", "htm", "php", "asp", "aspx", "org", "net", "co", "uk", "index"}
_MONTHS = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
    "sep", "sept", "oct", "nov", "dec", "monday", "tuesday", "wednesday", "thursday",
    "friday", "saturday", "sunday",
}  # fmt: skip


def _stopwords() -> frozenset[str]:
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    extra = {"said", "says", "say", "told", "according", "reported", "report", "reports", "news", "new",
             "year", "years", "old", "just", "like", "also", "would", "could", "one", "two", "time",
             "people", "percent", "week", "day", "today", "yesterday", "published", "updated", "pm", "am",
             "et", "gmt", "est", "pst", "edt", "pdt", "utc", "ap", "reuters", "afp"}  # fmt: skip
    return frozenset(ENGLISH_STOP_WORDS | extra | _URL_WORDS | _MONTHS)


_STOP = _stopwords()


def _key(kind: str, token: str) -> int:
    """Stable 32-bit hash of a token; ``kind`` keeps words and names apart."""
    return zlib.crc32(f"{kind}:{token}".encode("utf-8"))


def report_text(doc: dict) -> str:
    """Title and text of a report as one string, title first (unless the text already opens with it).

    A leading URL (ECB+ documents start with their address) is dropped: it names the site,
    not the event.
    """
    title = doc.get("title")
    text = doc.get("text")
    title = title.strip() if isinstance(title, str) else ""
    text = text.strip() if isinstance(text, str) else ""
    text = _URL.sub("", text).strip() if text.lower().startswith("http") else text
    if title and not text.startswith(title[:40]):
        text = f"{title}. {text}" if text else title
    return unicodedata.normalize("NFKC", text or title)


def _lead(text: str, n: int) -> str:
    if len(text) <= n:
        return text
    cut = text[:n]
    space = cut.rfind(" ")
    return cut[:space] if space > n // 2 else cut


def _is_title_case(tokens: list[str]) -> bool:
    """Headlines In Title Case make every word look like a name."""
    alpha = [t for t in tokens if t[0].isalpha() and t.lower() not in _STOP]
    return len(alpha) >= 3 and sum(t[0].isupper() for t in alpha) >= 0.8 * len(alpha)


_YEAR = re.compile(r"\b(?:19[5-9]\d|20[0-4]\d)\b")


def _years(text: str) -> list[int]:
    """Years a report mentions (1950-2049), sorted."""
    return sorted({int(y) for y in _YEAR.findall(text)})


def _features(text: str, stem_chars: int, lead_words: int = 0, lead_boost: float = 0.0) -> tuple[Counter, set[str]]:
    """(word counts, names and numbers) of a text.

    Names are capitalised words that do not open a sentence (all capitalised words in a
    Title Case headline, where that rule says nothing, are left to the word channel);
    numbers are kept whole (``93.87``, ``2013``) because a count, a score or a year is what
    separates two otherwise similar events.
    """
    matches = list(_TOKEN.finditer(text))
    tokens = [m.group(0) for m in matches]
    title_case = _is_title_case(tokens[:20])
    words: Counter = Counter()
    names: set[str] = set()
    prev_end = 0
    for i, (m, tok) in enumerate(zip(matches, tokens)):
        one = 1.0 + (lead_boost if i < lead_words else 0.0)
        low = tok.lower().replace("’", "'")
        gap = text[prev_end : m.start()]
        prev_end = m.end()
        if _NUMBER.search(low):
            if low.isdigit() and len(low) == 1:
                continue
            names.add(low.rstrip("."))
            words[low] += one
            continue
        if low in _STOP or len(low) < 2:
            continue
        stem = low[:stem_chars] if stem_chars else low
        words[stem] += one
        if tok[0].isupper() and not title_case and len(tok) > 1:
            starts_sentence = m.start() == 0 or bool(_SENTENCE_END.search(text[max(0, m.start() - 3) : m.start()])) or "\n" in gap
            if not starts_sentence:
                names.add(low.rstrip("."))
    return words, names


# --------------------------------------------------------------------------- records


@dataclass
class ReportVector:
    """What the clusterer keeps of one report: enough to place it, or rebuild its event,
    without reading or encoding the report again.

    ``words`` are hashed word stems with sublinear counts scaled to unit length (document
    frequencies are applied at placement, from the clusterer's running counts); ``names``
    are hashed names and numbers; ``embedding`` is the unit-length title-and-lead
    embedding (float16 to halve storage; None with ``encoder="none"``); ``when`` is the
    publication time in seconds since the epoch (None when unknown: then the report is
    placed in arrival order and the time window does not apply).
    """

    word_keys: np.ndarray  # uint32, sorted
    word_weights: np.ndarray  # float32, unit L2 norm
    name_keys: np.ndarray  # uint32, sorted
    embedding: np.ndarray | None  # float16
    when: float | None = None
    encoder: str = "none"
    years: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.uint16))  # years mentioned

    _MAGIC = b"RV2"

    def to_bytes(self) -> bytes:
        """Compact binary form for a database column; :meth:`from_bytes` reads it back."""
        enc = self.encoder.encode("utf-8")
        emb = b"" if self.embedding is None else np.asarray(self.embedding, dtype="<f2").tobytes()
        head = struct.pack(
            "<3sBdIIIHH",
            self._MAGIC,
            int(self.when is not None),
            self.when if self.when is not None else 0.0,
            len(self.word_keys),
            len(self.name_keys),
            0 if self.embedding is None else len(self.embedding),
            len(enc),
            len(self.years),
        )
        return b"".join(
            (
                head,
                enc,
                np.asarray(self.word_keys, dtype="<u4").tobytes(),
                np.asarray(self.word_weights, dtype="<f4").tobytes(),
                np.asarray(self.name_keys, dtype="<u4").tobytes(),
                emb,
                np.asarray(self.years, dtype="<u2").tobytes(),
            )
        )

    @classmethod
    def from_bytes(cls, blob: bytes) -> "ReportVector":
        fmt = "<3sBdIIIHH"
        magic, has_when, when, nw, nn, ne, nenc, ny = struct.unpack_from(fmt, blob, 0)
        if magic != cls._MAGIC:
            raise ValueError("not a ReportVector blob")
        pos = struct.calcsize(fmt)
        enc = blob[pos : pos + nenc].decode("utf-8")
        pos += nenc

        def take(dtype: str, n: int, size: int) -> np.ndarray:
            nonlocal pos
            arr = np.frombuffer(blob, dtype=dtype, count=n, offset=pos).copy()
            pos += n * size
            return arr

        wk = take("<u4", nw, 4).astype(np.uint32)
        ww = take("<f4", nw, 4).astype(np.float32)
        nk = take("<u4", nn, 4).astype(np.uint32)
        emb = take("<f2", ne, 2).astype(np.float16) if ne else None
        years = take("<u2", ny, 2).astype(np.uint16)
        return cls(wk, ww, nk, emb, when if has_when else None, enc, years)


@dataclass
class Event:
    """One event as the clusterer sees it: sums over its reports, never the reports themselves.

    Sums (not means) make joining O(report size); the cosines divide by the norms.
    """

    id: str
    size: int = 0
    first: float | None = None
    last: float | None = None
    words: dict[int, float] = field(default_factory=dict)
    names: Counter = field(default_factory=Counter)
    embedding: np.ndarray | None = None  # float32 sum of member embeddings
    years: Counter = field(default_factory=Counter)  # year -> members that mention it
    dated: int = 0  # members that mention any year
    touched: int = 0  # placement counter at the latest join (recency without timestamps)
    word_norms: float = 0.0  # sum of members' idf-weighted word norms (average linkage)
    name_norms: float = 0.0


# --------------------------------------------------------------------------- clusterer


def parse_time(value) -> float | None:
    """Seconds since the epoch from a date/time string (see :func:`rashomon.timeparse.read_time`)
    or a number; None if unreadable or ambiguous."""
    if value is None or value == "":
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        v = float(value)
        return v / 1000.0 if v > 1e11 else v  # milliseconds (the news aggregator's habit)
    if not isinstance(value, str):
        return None
    s = value.strip()
    if s.isdigit():
        return parse_time(int(s))
    found = read_time(s)  # never guesses whether "10/12/2023" is December or October
    if found is None:
        return None
    dt = found[0]
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=timezone.utc)
    return dt.timestamp()


class EventClusterer:
    """Places reports into events, one at a time; see the module docstring for the API."""

    def __init__(self, settings: EventSettings | None = None, encoder=None) -> None:
        self.settings = settings or EventSettings()
        self._encoder = encoder
        self.events: dict[str, Event] = {}
        self.assignments: dict[str, str] = {}
        self._vectors: dict[str, ReportVector] = {}
        self._df: Counter = Counter()  # key -> reports placed that carry it (words and names share it)
        self._n = 0  # reports counted in _df
        self._frozen_idf = False  # batch mode: document frequencies of the whole pool, fixed
        self._next = 0
        self._clock = 0
        self._postings: dict[int, OrderedDict] = defaultdict(OrderedDict)  # key -> event ids, oldest first
        self._recent: OrderedDict[str, None] = OrderedDict()
        self._norm_cache: dict[str, tuple[tuple[int, int], int, float, float]] = {}
        self._member_norms: dict[str, tuple[float, float]] = {}
        self._members: dict[str, dict[str, None]] = defaultdict(dict)
        #: event id -> the event it was folded into (see ``EventSettings.absorb_size``)
        self.merged: dict[str, str] = {}

    # ------------------------------------------------------------------ representation
    @property
    def encoder_name(self) -> str:
        return self.settings.encoder

    def _get_encoder(self):
        if self._encoder is None and self.settings.encoder != "none":
            from .embed import english_encoder, multilingual_encoder

            makers = {"e5": multilingual_encoder, "minilm": english_encoder}
            if self.settings.encoder not in makers:
                raise ValueError(f"unknown encoder {self.settings.encoder!r}: pass encoder= or use e5, minilm, none")
            self._encoder = makers[self.settings.encoder]()
        return self._encoder

    def represent(self, docs: Sequence[dict]) -> list[ReportVector]:
        """One :class:`ReportVector` per doc (dicts with ``text``; maybe ``title``, ``published``).

        Only ``title``, ``text`` and ``published`` are read.  All embeddings of the call are
        computed in one encoder batch.
        """
        s = self.settings
        texts = [report_text(d) for d in docs]
        embeddings = None
        encoder = self._get_encoder()
        if encoder is not None and texts:
            embeddings = encoder.encode([_lead(t, s.lead_chars) for t in texts])
        out = []
        for i, (doc, text) in enumerate(zip(docs, texts)):
            words, names = _features(text, s.stem_chars, s.lead_words, s.lead_boost)
            wk = {}
            for w, c in words.items():
                k = _key("w", w)
                wk[k] = wk.get(k, 0.0) + 1.0 + math.log(c)  # sublinear: c >= 1
            keys = np.array(sorted(wk), dtype=np.uint32)
            weights = np.array([wk[k] for k in keys.tolist()], dtype=np.float32)
            norm = float(np.linalg.norm(weights))
            if norm:
                weights /= norm
            nk = np.array(sorted({_key("n", n) for n in names}), dtype=np.uint32)
            emb = None if embeddings is None else embeddings[i].astype(np.float16)
            years = np.array(_years(text), dtype=np.uint16)
            out.append(ReportVector(keys, weights, nk, emb, parse_time(doc.get("published")), s.encoder, years))
        return out

    # ------------------------------------------------------------------ weights
    def _idf(self, key: int) -> float:
        return math.log((self._n + 1) / (self._df.get(key, 0) + 1)) + 1.0

    @staticmethod
    def counted_keys(vec: ReportVector) -> list[int]:
        """The keys a placed report adds to the document frequencies (one each occurrence)."""
        return vec.word_keys.tolist() + vec.name_keys.tolist()

    def _count(self, vec: ReportVector, sign: int = 1) -> None:
        if self._frozen_idf:
            return
        df = self._df
        for k in self.counted_keys(vec):
            df[k] += sign
        self._n += sign

    def _own_norms(self, vec: ReportVector) -> tuple[float, float]:
        """idf-weighted norms of one report's words and names, with the weights of now."""
        idf = self._idf
        wn = math.sqrt(sum((w * idf(k)) ** 2 for k, w in zip(vec.word_keys.tolist(), vec.word_weights.tolist())))
        nn = math.sqrt(sum(idf(k) ** 2 for k in vec.name_keys.tolist()))
        return wn, nn

    def _event_norms(self, ev: Event) -> tuple[float, float]:
        """idf-weighted norms of an event's word and name sums, cached until it or N changes much."""
        hit = self._norm_cache.get(ev.id)
        if hit and hit[0] == (ev.touched, ev.size) and (self._frozen_idf or hit[1] * 1.05 >= self._n):
            return hit[2], hit[3]
        idf = self._idf
        wn = math.sqrt(sum((v * idf(k)) ** 2 for k, v in ev.words.items()))
        nn = math.sqrt(sum((c * idf(k)) ** 2 for k, c in ev.names.items()))
        self._norm_cache[ev.id] = ((ev.touched, ev.size), self._n, wn, nn)
        return wn, nn

    # ------------------------------------------------------------------ scoring
    def _query(self, vec: ReportVector) -> tuple[dict[int, float], float, dict[int, float], float]:
        idf = self._idf
        qw = {k: w * idf(k) ** 2 for k, w in zip(vec.word_keys.tolist(), vec.word_weights.tolist())}
        qwn = math.sqrt(sum((w * idf(k)) ** 2 for k, w in zip(vec.word_keys.tolist(), vec.word_weights.tolist())))
        qn = {k: idf(k) ** 2 for k in vec.name_keys.tolist()}
        qnn = math.sqrt(sum(idf(k) ** 2 for k in vec.name_keys.tolist()))
        return qw, qwn, qn, qnn

    def score(self, vec: ReportVector, ev: Event, query=None) -> float:
        """Join score of a report against an event, in [0, 1]-ish: the weighted mean of the
        word cosine, the name cosine and the rescaled embedding cosine."""
        s = self.settings
        qw, qwn, qn, qnn = query or self._query(vec)
        if s.linkage == "average":
            wn, nn = ev.word_norms, ev.name_norms
        else:
            wn, nn = self._event_norms(ev)
        total = weight = 0.0
        if qwn and wn:
            words = ev.words
            total += s.word_weight * sum(v * words.get(k, 0.0) for k, v in qw.items()) / (qwn * wn)
            weight += s.word_weight
        if qnn and nn:
            names = ev.names
            total += s.name_weight * sum(v * names.get(k, 0) for k, v in qn.items()) / (qnn * nn)
            weight += s.name_weight
        elif qnn or nn:  # one side names things, the other names nothing: weak evidence against
            weight += s.name_weight * 0.5
        if vec.embedding is not None and ev.embedding is not None and s.embedding_weight:
            norm = ev.size if s.linkage == "average" else max(float(np.linalg.norm(ev.embedding)), 1e-9)
            c = float(vec.embedding.astype(np.float32) @ ev.embedding) / norm
            total += s.embedding_weight * max(0.0, (c - s.embedding_floor) / (1.0 - s.embedding_floor))
            weight += s.embedding_weight
        base = total / weight if weight else 0.0
        if len(vec.years) and ev.dated:
            share = max(ev.years.get(int(y), 0) for y in vec.years) / ev.dated
            base += s.year_bonus * share - s.year_weight * (1.0 - share)
        return base

    def _salient(self, vec: ReportVector, n: int, seen_only: bool) -> list[int]:
        """The report's keys with the highest idf x weight (names count a little more).

        ``seen_only`` keeps keys other reports carry too (look-ups: a key only this report
        has finds nothing); for the index's postings rare keys are kept, since later
        reports may share them.
        """
        df = self._df
        keys = [(self._idf(k) * 1.2, k) for k in vec.name_keys.tolist()]
        keys += [(self._idf(k) * (0.5 + w), k) for k, w in zip(vec.word_keys.tolist(), vec.word_weights.tolist())]
        keys.sort(reverse=True)
        out: list[int] = []
        for _, k in keys:
            if k in out or (seen_only and df.get(k, 0) < 2):
                continue
            out.append(k)
            if len(out) >= n:
                break
        return out

    def _in_window(self, ev: Event, when: float | None) -> bool:
        if when is None or ev.last is None:
            return True
        window = self.settings.window_days * DAY
        return ev.first - window <= when <= ev.last + window

    def candidates(self, vec: ReportVector, exclude: str | None = None) -> list[Event]:
        """Events worth scoring: index hits on salient keys (rarest keys count most) and the
        most recently active events, within the time window."""
        s = self.settings
        votes: Counter = Counter()
        for k in self._salient(vec, s.lookup_keys, seen_only=True):
            posting = self._postings.get(k)
            if not posting:
                continue
            w = self._idf(k)
            for eid in reversed(posting):  # newest first
                votes[eid] += w
        ids = [eid for eid, _ in votes.most_common(s.max_candidates)]
        seen = set(ids)
        for eid in reversed(self._recent):
            if eid not in seen:
                ids.append(eid)
                seen.add(eid)
        out = []
        for eid in ids:
            ev = self.events.get(eid)
            if ev is not None and eid != exclude and self._in_window(ev, vec.when):
                out.append(ev)
        return out

    # ------------------------------------------------------------------ placement
    def _check(self, vec: ReportVector) -> None:
        if vec.encoder != self.settings.encoder:
            raise ValueError(f"vector made with encoder {vec.encoder!r}, clusterer uses {self.settings.encoder!r}")

    def best_event(self, vec: ReportVector, exclude: str | None = None) -> tuple[Event | None, float]:
        query = self._query(vec)
        best, best_score = None, -1.0
        for ev in self.candidates(vec, exclude):
            sc = self.score(vec, ev, query)
            if sc > best_score:
                best, best_score = ev, sc
        return best, best_score

    def place(self, doc_id: str, vector: ReportVector, when: float | None = None) -> str:
        """Put one report into the best open event, or open a new one; returns the event id.

        ``when`` overrides ``vector.when``.  Placing an id again first takes it out of its
        old event.
        """
        self._check(vector)
        if when is not None:
            vector = replace(vector, when=float(when))
        if doc_id in self.assignments:
            self._remove(doc_id)
        self._count(vector)
        query = self._query(vector)
        scored = [(self.score(vector, cand, query), cand) for cand in self.candidates(vector)]
        ev, sc = max(scored, key=lambda x: x[0], default=(None, None))[::-1] if scored else (None, -1.0)
        if ev is None or sc < self.settings.join_threshold:
            ev = self._open()
            self._join(ev, doc_id, vector)
            return ev.id
        self._join(ev, doc_id, vector)
        if self.settings.absorb_size:
            self._absorb(ev, [c for s_, c in scored if c is not ev and c.size <= self.settings.absorb_size])
        return ev.id

    def _absorb(self, ev: Event, small: list[Event]) -> None:
        """Fold small events into ``ev`` when each of their reports would join it now."""
        th = self.settings.join_threshold
        for other in small:
            if other.id not in self.events:
                continue
            docs = list(self._members[other.id])
            if all(self.score(self._vectors[d], ev) >= th for d in docs):
                for d in docs:
                    vec = self._vectors[d]
                    self._remove(d)
                    self._join(ev, d, vec)
                    if not self._frozen_idf:
                        self._count(vec)
                self.merged[other.id] = ev.id

    def load_frequencies(self, df: dict[int, int], n: int) -> None:
        """Take document frequencies counted elsewhere (a store keeps them for every report it
        holds), so that a partial :meth:`restore` with ``counted=True`` weighs words exactly
        as a full one would."""
        self._df = Counter(df)
        self._n = int(n)
        self._norm_cache.clear()

    def restore(
        self, items: Iterable[tuple[str, str, ReportVector, float | None]], *, older: bool = False, counted: bool = False
    ) -> None:
        """Rebuild events from stored ``(doc_id, event_id, vector, when)`` without re-encoding.

        Items should come in the order they were placed (by ``when``, then arrival); new
        event ids continue after the largest restored one.  A store need not restore every
        event: one that can no longer take a report (its latest report is more than
        ``window_days`` before any report still to come) changes nothing but document
        frequencies.  ``older=True`` adds events older than the ones already held (a store
        restoring further back when an older report arrives): they rank behind those in the
        index's postings and the recent-events list, as if they had been restored first.
        ``counted=True``: the items are already in the document frequencies (see
        :meth:`load_frequencies`).
        """
        if not older:
            self._restore(items, counted)
            return
        postings, recent = self._postings, self._recent
        self._postings, self._recent = defaultdict(OrderedDict), OrderedDict()
        try:
            self._restore(items, counted)
        finally:
            early_postings, early_recent = self._postings, self._recent
            self._postings, self._recent = postings, recent
            cap = self.settings.postings_cap
            for key, early in early_postings.items():
                later = postings.get(key)
                if later:
                    for eid in later:
                        early.pop(eid, None)
                        early[eid] = None
                while len(early) > cap:
                    early.popitem(last=False)
                postings[key] = early
            for eid in recent:
                early_recent.pop(eid, None)
                early_recent[eid] = None
            while len(early_recent) > self.settings.recent_events:
                early_recent.popitem(last=False)
            self._recent = early_recent

    def _restore(self, items: Iterable[tuple[str, str, ReportVector, float | None]], counted: bool = False) -> None:
        for doc_id, event_id, vector, when in items:
            self._check(vector)
            if when is not None:
                vector = replace(vector, when=float(when))
            if not counted:
                self._count(vector)
            ev = self.events.get(event_id)
            if ev is None:
                ev = self.events[event_id] = Event(event_id)
                m = re.fullmatch(r"e(\d+)", event_id)
                if m:
                    self._next = max(self._next, int(m.group(1)) + 1)
            self._join(ev, doc_id, vector)

    def _open(self) -> Event:
        eid = f"e{self._next}"
        self._next += 1
        ev = self.events[eid] = Event(eid)
        return ev

    def _join(self, ev: Event, doc_id: str, vec: ReportVector) -> None:
        s = self.settings
        self._clock += 1
        ev.size += 1
        ev.touched = self._clock
        if vec.when is not None:
            ev.first = vec.when if ev.first is None else min(ev.first, vec.when)
            ev.last = vec.when if ev.last is None else max(ev.last, vec.when)
        words = ev.words
        for k, w in zip(vec.word_keys.tolist(), vec.word_weights.tolist()):
            words[k] = words.get(k, 0.0) + w
        if len(words) > 2 * s.max_event_terms:
            keep = sorted(words.items(), key=lambda kv: -kv[1])[: s.max_event_terms]
            ev.words = dict(keep)
        ev.names.update(vec.name_keys.tolist())
        norms = self._own_norms(vec)
        self._member_norms[doc_id] = norms
        ev.word_norms += norms[0]
        ev.name_norms += norms[1]
        if len(vec.years):
            ev.years.update(vec.years.tolist())
            ev.dated += 1
        if vec.embedding is not None:
            e = vec.embedding.astype(np.float32)
            ev.embedding = e.copy() if ev.embedding is None else ev.embedding + e
        self.assignments[doc_id] = ev.id
        self._vectors[doc_id] = vec
        self._members[ev.id][doc_id] = None
        for k in self._salient(vec, 2 * s.lookup_keys, seen_only=False):
            posting = self._postings[k]
            posting.pop(ev.id, None)
            posting[ev.id] = None
            if len(posting) > s.postings_cap:
                posting.popitem(last=False)
        self._recent.pop(ev.id, None)
        self._recent[ev.id] = None
        if len(self._recent) > s.recent_events:
            self._recent.popitem(last=False)

    def _remove(self, doc_id: str) -> None:
        """Take a report out of its event (batch sweeps, or a report placed twice)."""
        eid = self.assignments.pop(doc_id)
        vec = self._vectors.pop(doc_id)
        ev = self.events[eid]
        ev.size -= 1
        self._count(vec, -1)
        self._members[eid].pop(doc_id, None)
        wn, nn = self._member_norms.pop(doc_id, (0.0, 0.0))
        ev.word_norms -= wn
        ev.name_norms -= nn
        if ev.size <= 0:
            del self.events[eid]
            self._members.pop(eid, None)
            self._recent.pop(eid, None)
            self._norm_cache.pop(eid, None)
            return
        for k, w in zip(vec.word_keys.tolist(), vec.word_weights.tolist()):
            if k in ev.words:
                v = ev.words[k] - w
                if v > 1e-6:
                    ev.words[k] = v
                else:
                    del ev.words[k]
        ev.names.subtract(vec.name_keys.tolist())
        ev.names += Counter()  # drop zeros
        if len(vec.years):
            ev.years.subtract(vec.years.tolist())
            ev.years += Counter()
            ev.dated -= 1
        if vec.embedding is not None and ev.embedding is not None:
            ev.embedding = ev.embedding - vec.embedding.astype(np.float32)

    # ------------------------------------------------------------------ batch
    def freeze_frequencies(self, vectors: Iterable[ReportVector]) -> None:
        """Batch mode: count document frequencies over the whole pool once, and keep them."""
        self._df = Counter()
        self._n = 0
        self._frozen_idf = False
        for v in vectors:
            self._count(v)
        self._frozen_idf = True
        self._norm_cache.clear()

    def sweep(self) -> int:
        """Take every report out and place it again against the other events; returns moves."""
        moves = 0
        for doc_id in list(self.assignments):
            old = self.assignments[doc_id]
            vec = self._vectors[doc_id]
            self._remove(doc_id)
            ev, sc = self.best_event(vec)
            if ev is None or sc < self.settings.join_threshold:
                # stay alone if the old event is gone, or go back to it
                ev = self.events.get(old) or self._open_with_id(old)
            self._join(ev, doc_id, vec)
            if self._frozen_idf is False:
                self._count(vec)
            moves += ev.id != old
        return moves

    def _open_with_id(self, eid: str) -> Event:
        ev = self.events[eid] = Event(eid)
        return ev


# --------------------------------------------------------------------------- whole pools


def _time_order(vectors: Sequence[ReportVector]) -> list[int]:
    """Indices in publication order; reports without a time keep their place among the rest
    (sorted stably by the time of the latest dated report before them)."""
    keyed = []
    last = -math.inf
    for i, v in enumerate(vectors):
        if v.when is not None:
            last = v.when
        keyed.append((v.when if v.when is not None else last, i))
    return [i for _, i in sorted(keyed)]


def cluster_events(
    docs: Sequence[dict],
    incremental: bool = True,
    settings: EventSettings | None = None,
    encoder=None,
    vectors: Sequence[ReportVector] | None = None,
) -> list[str]:
    """Event id per doc, in input order.

    ``incremental=True``: one pass in publication order (input order where ``published`` is
    missing), document frequencies counted as reports arrive -- what a live feed does.
    ``incremental=False``: the same placement with the whole pool's frequencies known up
    front, then sweeps that place every report again until none moves.  ``vectors`` skips
    :meth:`EventClusterer.represent` (e.g. to compare settings on one encoding).
    """
    clusterer = EventClusterer(settings, encoder=encoder)
    if vectors is None:
        vectors = clusterer.represent(docs)
    ids = [str(i) for i in range(len(vectors))]
    order = _time_order(vectors)
    if not incremental:
        clusterer.freeze_frequencies(vectors)
    for i in order:
        clusterer.place(ids[i], vectors[i])
    if not incremental:
        for _ in range(clusterer.settings.batch_sweeps):
            if not clusterer.sweep():
                break
    return [clusterer.assignments[i] for i in ids]


def predict_events(
    rows: list[dict], settings: EventSettings | None = None, encoder=None, incremental: bool = False
) -> list[dict]:
    """``[{event}]`` per row (the whole list is one pool), ``{error}`` for a row without text.

    Only ``title``, ``text`` and ``published`` are read: never ``event`` or ``topic``. A
    pool is known whole before the first placement, so it is grouped in batch (the same
    placement, then sweeps that move reports that now fit another event better; see
    :func:`cluster_events`); ``incremental=True`` gives what a live feed (``rashomon
    ingest``) produces from the same reports arriving one by one.
    """
    out: list[dict] = [{} for _ in rows]
    good: list[int] = []
    docs: list[dict] = []
    for i, row in enumerate(rows):
        if not isinstance(row, dict):
            out[i] = {"error": "row is not an object"}
            continue
        doc = {k: row.get(k) for k in ("title", "text", "published")}
        if not report_text(doc).strip():
            out[i] = {"error": "row has no text or title"}
            continue
        good.append(i)
        docs.append(doc)
    if docs:
        labels = cluster_events(docs, incremental=incremental, settings=settings, encoder=encoder)
        for i, label in zip(good, labels):
            out[i] = {"event": label}
    return out


# --------------------------------------------------------------------------- scoring


def score_events(pred_rows: Iterable[dict], gold_rows: Iterable[dict]) -> dict:
    """B-cubed precision / recall / F1 and adjusted Rand index of predicted ``event`` labels.

    Matched by ``id``; a gold row with no usable prediction (absent or error row) counts as
    a singleton event of its own, so a missing answer costs recall, never crashes.
    B-cubed: for each report, precision is the share of its predicted event that shares its
    gold event, recall the share of its gold event that shares its predicted event; both
    averaged over reports.
    """
    from sklearn.metrics import adjusted_rand_score

    pred = {str(p.get("id")): p.get("event") for p in pred_rows if "error" not in p and p.get("event") is not None}
    gold_ids, gold, predicted = [], [], []
    missing = 0
    for g in gold_rows:
        gid = str(g.get("id"))
        gold_ids.append(gid)
        gold.append(str(g["event"]))
        if gid in pred:
            predicted.append(f"p:{pred[gid]}")
        else:
            missing += 1
            predicted.append(f"missing:{gid}")
    n = len(gold)
    if not n:
        return {"bcubed_precision": 0.0, "bcubed_recall": 0.0, "bcubed_f1": 0.0, "ari": 0.0, "count": 0, "missing": 0}
    pair = Counter(zip(gold, predicted))
    g_size = Counter(gold)
    p_size = Counter(predicted)
    precision = sum(c * c / p_size[p] for (g, p), c in pair.items()) / n
    recall = sum(c * c / g_size[g] for (g, p), c in pair.items()) / n
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "bcubed_precision": precision,
        "bcubed_recall": recall,
        "bcubed_f1": f1,
        "ari": float(adjusted_rand_score(gold, predicted)),
        "count": n,
        "missing": missing,
        "events_gold": len(g_size),
        "events_predicted": len(p_size),
    }
