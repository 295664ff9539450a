"""A sequence tagger for attribution cues: a CRF (CRFsuite) that tags the cue tokens of each
sentence (B/I/O) from the spaCy parse, trained on the PolNeAR dev file (``python -m
rashomon.quotes --train``). ``quotes`` uses its token marginals to check and extend the
rules' and the learned classifier's finds: a cue the tagger gives almost no chance is dropped,
a cue it tags wider or narrower takes its extent, and a cue it is sure of that nothing used
takes the learned candidate around it (see ``quotes._tagged``).

A second CRF of the same make tags the content of attributions (B/I/O per paragraph, so a
content may run over sentences), with the path up the parse to a cue word among its
features; ``quotes._tagged_content`` lets a sure tagged content replace a find's content.

The gold data gives cues as strings; each is placed at its occurrence nearest the gold
content (or source) of the same attribution (``gold_spans``)."""

from __future__ import annotations

import lzma
import re
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from .quotes import CONTENT_PATH, CUE_WORDS, _qid, _stem
from .quotes import TAGGER_PATH as MODEL_PATH

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Token

PARAMS = {"c1": 0.1, "c2": 0.01, "max_iterations": 100, "feature.possible_transitions": True}


def _shape(word: str) -> str:
    s = re.sub(r"[A-Z]", "X", word)
    s = re.sub(r"[a-z]", "x", s)
    s = re.sub(r"\d", "d", s)
    return re.sub(r"(.)\1+", r"\1\1", s)[:6]


def _token(tok: "Token", qid: list[int], cues: frozenset[str]) -> dict:
    w = tok.lower_
    kids = list(tok.children)
    f: dict = {
        "w": w, "l": _stem(w), "p": tok.pos_, "t": tok.tag_, "d": tok.dep_, "sh": _shape(tok.text),
        "hl": _stem(tok.head.lower_), "hd": tok.head.dep_, "hp": tok.head.pos_, "d|hp": tok.dep_ + "|" + tok.head.pos_,
        "q": qid[tok.i] >= 0, "cue": w in cues, "hcue": tok.head.i != tok.i and tok.head.lower_ in cues,
    }
    for d in sorted({c.dep_ for c in kids}):  # a fixed order: CRFsuite numbers features as met
        f["k_" + d] = True
    if tok.pos_ in ("VERB", "AUX"):
        f["comp"] = any(c.dep_ in ("ccomp", "xcomp") for c in kids)
        f["qchild"] = any(qid[c.i] >= 0 for c in kids if c.dep_ in ("ccomp", "dobj", "xcomp", "parataxis"))
        subj = next((c for c in kids if c.dep_ == "nsubj"), None)
        if subj is not None:
            f["s_ent"] = subj.ent_type_ or subj.pos_
    return f


def _sentence(base: list[dict]) -> list[dict[str, float]]:
    out = []
    n = len(base)
    for k in range(n):
        f = {"b": 1.0}
        for key, v in base[k].items():
            if isinstance(v, bool):
                if v:
                    f[key] = 1.0
            else:
                f[key + "=" + v] = 1.0
        for off in (-2, -1, 1, 2):
            m = k + off
            if 0 <= m < n:
                b = base[m]
                f["%d:w=%s" % (off, b["w"])] = 1.0
                f["%d:p=%s" % (off, b["p"])] = 1.0
                if abs(off) == 1:
                    f["%d:d=%s" % (off, b["d"])] = 1.0
                    f["%d:l=%s" % (off, b["l"])] = 1.0
                    if b["cue"]:
                        f["%d:cue" % off] = 1.0
            else:
                f["%d:edge" % off] = 1.0
        if k > 0:
            f["w-1|w=" + base[k - 1]["w"] + "|" + base[k]["w"]] = 1.0
        if k + 1 < n:
            f["w|w+1=" + base[k]["w"] + "|" + base[k + 1]["w"]] = 1.0
        out.append(f)
    return out


def token_features(text: str, doc: "Doc", cues: frozenset[str] = CUE_WORDS) -> list[dict]:
    """Each token's own features (word, stem, tags, dependency and head, quotation marks,
    complements, whether a cue word): what both taggers start from, so a caller running both
    builds them once."""
    qid = _qid(text, doc)
    return [_token(t, qid, cues) for t in doc]


def features(
    text: str, doc: "Doc", cues: frozenset[str] = CUE_WORDS, tokens: list[dict] | None = None
) -> list[tuple[int, int, list[dict]]]:
    """Per sentence: its token range and the features of each token (``tokens``, see
    :func:`token_features`, with its neighbours')."""
    tokens = tokens if tokens is not None else token_features(text, doc, cues)
    return [(s.start, s.end, _sentence(tokens[s.start : s.end])) for s in doc.sents]


def _path(tok: "Token", cues: frozenset[str]) -> tuple[str | None, int]:
    """Up the parse (at most 8 steps) to the first cue word: the dependency of the token just
    under it and the steps taken; (None, steps) when no cue word is met."""
    cur, n = tok, 0
    while cur.head.i != cur.i and n < 8:
        if cur.head.lower_ in cues:
            return cur.dep_, n
        cur, n = cur.head, n + 1
    return None, n


def content_features(
    text: str, doc: "Doc", cues: frozenset[str] = CUE_WORDS, tokens: list[dict] | None = None
) -> list[tuple[int, int, list[dict]]]:
    """Per paragraph (split at whitespace tokens holding a newline): its token range and the
    features of each token for the content tagger: the cue tagger's (``tokens``, copied, see
    :func:`token_features`), the path up to a cue word, sentence edges, entity, quotation
    marks three tokens away."""
    base = [dict(b) for b in (tokens if tokens is not None else token_features(text, doc, cues))]
    for t, b in zip(doc, base):
        dep, n = _path(t, cues)
        if dep is not None:
            b["pc=" + dep] = True
            b["pcn"] = str(min(n, 4))
        b["sst"] = bool(t.is_sent_start)
        b["ss_end"] = t.i + 1 < len(doc) and bool(doc[t.i + 1].is_sent_start)
        b["ent"] = t.ent_iob_ + t.ent_type_ if t.ent_type_ else "O"
    paras, start = [], 0
    for t in doc:
        if t.is_space and "\n" in t.text:
            if t.i > start:
                paras.append((start, t.i))
            start = t.i + 1
    if start < len(doc):
        paras.append((start, len(doc)))
    out = []
    for i, j in paras:
        f = _sentence(base[i:j])
        for k in range(j - i):
            for off in (-3, 3):
                m = k + off
                if 0 <= m < j - i and base[i + m]["q"]:
                    f[k]["%dq" % off] = 1.0
        out.append((i, j, f))
    return out


def _occurrences(text: str, s: str) -> list[tuple[int, int]]:
    out = []
    k = text.find(s) if s else -1
    while k >= 0:
        out.append((k, k + len(s)))
        k = text.find(s, k + 1)
    return out


def _gap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, max(a[0], b[0]) - min(a[1], b[1]))


def gold_spans(row: dict, doc: "Doc") -> tuple[list[tuple[int, int]], int]:
    """Token ranges of the row's gold cues, each at its occurrence nearest the gold content
    (or source); and how many gold cues could not be placed (empty or not in the text)."""
    text = row["text"]
    spans, unplaced = [], 0
    for g in row.get("attributions") or []:
        if not isinstance(g, dict):
            continue
        occ = _occurrences(text, (g.get("cue") or "").strip())
        if not occ:
            unplaced += 1
            continue
        content, source = (g.get("content") or "").strip(), (g.get("source") or "").strip()
        anchors = _occurrences(text, content) or _occurrences(text, source)
        best = min(occ, key=lambda o: (min(_gap(o, a) for a in anchors), o[0])) if anchors else occ[0]
        span = doc.char_span(best[0], best[1], alignment_mode="expand")
        if span is None or not len(span):
            unplaced += 1
            continue
        spans.append((span.start, span.end))
    return spans, unplaced


def _place_content(text: str, content: str) -> list[tuple[int, int]]:
    """Where a gold content lies in ``text``; one that the gold joined from pieces ("A," "B.")
    runs from its longest prefix found to its longest suffix found after it."""
    content = content.strip()
    if not content:
        return []
    occ = _occurrences(text, content)
    if occ:
        return occ
    words = content.split()
    if len(words) < 4:
        return []
    pre = next((p for n in range(len(words) - 1, 1, -1) if text.find(p := " ".join(words[:n])) >= 0), None)
    suf = next((p for n in range(len(words) - 1, 1, -1) if text.find(p := " ".join(words[-n:])) >= 0), None)
    if not pre or not suf:
        return []
    out = []
    ends = _occurrences(text, suf)
    for a, _ in _occurrences(text, pre):
        after = [(x, y) for x, y in ends if x >= a and y - a < len(content) + 300]
        if after:
            out.append((a, after[0][1]))
    return out


def gold_content_spans(row: dict, doc: "Doc") -> list[tuple[int, int]]:
    """Token ranges of the row's gold contents, each at its occurrence nearest its cue."""
    text = row["text"]
    out = []
    for g in row.get("attributions") or []:
        if not isinstance(g, dict):
            continue
        occ = _place_content(text, g.get("content") or "")
        if not occ:
            continue
        anchors = _occurrences(text, (g.get("cue") or "").strip()) or occ
        best = min(occ, key=lambda o: (min(_gap(o, a) for a in anchors), o[0]))
        span = doc.char_span(best[0], best[1], alignment_mode="expand")
        if span is not None and len(span):
            out.append((span.start, span.end))
    return out


def labels(n: int, spans: list[tuple[int, int]]) -> list[str]:
    """B/I/O per token; of overlapping gold cues the longest wins."""
    lab = ["O"] * n
    for i, j in sorted(spans, key=lambda s: s[0] - s[1]):
        if any(lab[t] != "O" for t in range(i, j)):
            continue
        lab[i] = "B"
        for t in range(i + 1, j):
            lab[t] = "I"
    return lab


def tag_spans(tags: list[str], offset: int = 0) -> list[tuple[int, int]]:
    """Token ranges of the tagged cues (an I without a B starts one)."""
    out, start = [], None
    for k, t in enumerate(list(tags) + ["O"]):
        if t in ("B", "O") or start is None:
            if start is not None:
                out.append((offset + start, offset + k))
                start = None
            if t in ("B", "I"):
                start = k
    return out


def fit(seqs: list[list[tuple]]) -> bytes:
    """The CRF fit on ``seqs`` (per row: [(start, end, ItemSequence, labels)]), as CRFsuite's
    own model bytes (lbfgs, no randomness; CRFsuite writes to a file, read back here)."""
    import tempfile

    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=False)
    for row in seqs:
        for _, _, x, y in row:
            trainer.append(x, y)
    trainer.set_params(PARAMS)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "cues.crf"
        trainer.train(str(path))
        return path.read_bytes()


def row_seqs(row: dict, doc: "Doc", cues: frozenset[str] = CUE_WORDS) -> tuple[list[tuple], int]:
    """Training sequences of one dev row and its count of unplaced gold cues."""
    import pycrfsuite

    spans, unplaced = gold_spans(row, doc)
    lab = labels(len(doc), spans)
    return [(i, j, pycrfsuite.ItemSequence(f), lab[i:j]) for i, j, f in features(row["text"], doc, cues)], unplaced


def content_seqs(row: dict, doc: "Doc", cues: frozenset[str] = CUE_WORDS) -> list[tuple]:
    """Training sequences of one dev row for the content tagger."""
    import pycrfsuite

    lab = labels(len(doc), gold_content_spans(row, doc))
    return [(i, j, pycrfsuite.ItemSequence(f), lab[i:j]) for i, j, f in content_features(row["text"], doc, cues)]


class RoleTagger:
    """A fitted CRF for one attribution role: per token, the chance it is part of that role's
    span (a cue for the cue tagger, a content for the content tagger), and the tagged spans.
    Both taggers are this class; only their model and their features differ."""

    def __init__(self, model: bytes):
        import pycrfsuite

        self._model = model  # the tagger reads this buffer in place: it must outlive it
        self._tagger = pycrfsuite.Tagger()
        self._tagger.open_inmemory(model)

    @classmethod
    def from_file(cls, path: Path | str) -> "RoleTagger":
        data = Path(path).read_bytes()
        return cls(lzma.decompress(data) if str(path).endswith(".xz") else data)

    def tag_seqs(self, seqs, n: int) -> tuple[list[float], list[tuple[int, int]]]:
        """``seqs``: [(start, end, features or ItemSequence, ...)] covering ``n`` tokens."""
        tg = self._tagger
        marg = [0.0] * n
        spans: list[tuple[int, int]] = []
        for s in seqs:
            i, j, x = s[0], s[1], s[2]
            tags = tg.tag(x)
            spans += tag_spans(tags, i)
            for k in range(j - i):
                marg[i + k] = 1.0 - tg.marginal("O", k)
        return marg, spans

    def tag(
        self, text: str, doc: "Doc", cues: frozenset[str] = CUE_WORDS, tokens: list[dict] | None = None
    ) -> tuple[list[float], list[tuple[int, int]]]:
        return self.tag_seqs(features(text, doc, cues, tokens), len(doc))

    def tag_content(
        self, text: str, doc: "Doc", cues: frozenset[str] = CUE_WORDS, tokens: list[dict] | None = None
    ) -> tuple[list[float], list[tuple[int, int]]]:
        return self.tag_seqs(content_features(text, doc, cues, tokens), len(doc))


def save(model: bytes, path: Path | str = MODEL_PATH) -> None:
    """Compress CRFsuite model bytes (see :func:`fit`) into the shipped ``.xz``."""
    Path(path).write_bytes(lzma.compress(model, preset=6))


def _shipped(path: Path) -> "RoleTagger | None":
    """A shipped tagger; without the file (or without python-crfsuite), None."""
    if not path.exists():
        return None
    try:
        return RoleTagger.from_file(path)
    except ImportError:  # pragma: no cover
        return None


@lru_cache(maxsize=1)
def cue_tagger() -> "RoleTagger | None":
    """The shipped cue tagger, or None (see :func:`_shipped`)."""
    return _shipped(MODEL_PATH)


@lru_cache(maxsize=1)
def content_tagger() -> "RoleTagger | None":
    """The shipped content tagger, or None (see :func:`_shipped`)."""
    return _shipped(CONTENT_PATH)
