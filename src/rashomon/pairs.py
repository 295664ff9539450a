"""Do two news reports cover the same event?  (the ``pairs`` task of EVAL.md)

SemEval-2022 task 8: each row holds two articles (``text1``, ``text2``, maybe
in different languages, ``lang1`` / ``lang2``); the answer is ``overall`` on
the task's scale, 1 = same event ... 4 = unrelated, scored by Pearson r.

The model is a small gradient-boosted regressor over a handful of similarity
features (see :func:`pair_features`): multilingual-e5 cosines of the opening
of each article, lexical overlap that survives translation (names, numbers,
character n-grams), the cosine of whole-text static token vectors distilled
from e5 (:mod:`rashomon.token_vectors`: e5 itself reads only the openings)
and shape features (lengths, same language).  It is
trained on the dev split only; the recipe is :func:`train_pairs`, run as::

    .venv/bin/python -m rashomon.pairs          # retrain + print CV figures

which writes ``src/rashomon/models/pairs.joblib``.

Speed: e5 (4-bit, 2 threads) reads roughly 5,000 characters a second, so it
only sees the first :data:`HEAD_CHARS` characters of each article (the title
and lead, where the event is named), :data:`CJK_HEAD_CHARS` when the opening
is mostly Chinese / Japanese / Korean (one CJK character costs e5 about two
tokens, a Latin one a third of that); each distinct article is embedded once
per call, however many rows share it.

Language centring: e5 vectors carry a strong language component, so two
unrelated articles in one language sit closer than a report and its
translation.  The model stores each language's mean e5 vector over the dev
articles (:attr:`SameEventModel.centres`); ``e5_head_lang`` is the cosine
after subtracting each article's language mean (the mean over all languages
for a language the dev split lacks).  Group CV re-estimates the means on the
training folds only.  ``static_lang`` does the same with the static
token vectors (:attr:`SameEventModel.static_centres`).  Group CV, seeds 0-2
(2026-11-24): 0.727 / 0.718 / 0.730 without it (en-en 0.832, cross-lingual
0.651), 0.732 / 0.728 / 0.741 with it (en-en 0.849, cross-lingual 0.660);
seeds 0-9: 0.721 -> 0.729, every seed better.  It costs about a millisecond
of CPU per article, and the table loads in ~0.4 s once per process.
"""

from __future__ import annotations

import json
import math
import re
import sys
import unicodedata
from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy as np

__all__ = [
    "FEATURE_NAMES",
    "MODEL_PATH",
    "SameEventModel",
    "pair_features",
    "predict_pairs",
    "score_pairs",
    "train_pairs",
]

#: Where the shipped regressor lives.
MODEL_PATH = Path(__file__).parent / "models" / "pairs.joblib"

#: Dev split the shipped model is trained on (seen from the repo root).
DEV_PATH = Path(__file__).resolve().parents[2].parent / "shared" / "eval" / "pairs_semeval_dev.jsonl"

#: Characters of each article's opening given to e5 (the title, which the
#: data glues to the body, and the start of the lead).  Longer heads score
#: better (CV r 0.644 at 100, 0.656 at 250, 0.694 at 500 characters in an
#: older feature set; with the current one, seeds 0-2: 0.715 at 100/50,
#: 0.710 at 90/45, 0.709 at 85/40) but e5's cost grows with them: 100/50 uses
#: 92 % of the e5 tokens of the old 100-character heads, too close to the
#: 20 pairs/s floor on 2 cores; 90/45 uses 85 %.
HEAD_CHARS = 90

#: The same for an opening that is mostly CJK (one CJK character costs e5
#: about two tokens, so this is about the same token count as HEAD_CHARS).
CJK_HEAD_CHARS = 45

#: Second e5 window: characters SECOND_WINDOW[0]..SECOND_WINDOW[1] of an
#: article (halved for a CJK opening), the rest of the lead after the head.
#: Only the articles of rows whose first-pass prediction falls in
#: :data:`GATE` are embedded a second time (see :func:`predict_pairs`).
SECOND_WINDOW = (90, 250)

#: First-pass predictions in this band (inclusive) get the second pass.  On
#: the dev split about 17 % of rows, whose distinct articles add ~30 % to
#: the e5 characters of the heads.  Group CV, seeds 0-2, windows 90-250:
#: band 2.0-2.6 0.722 (first pass alone 0.710), 1.9-2.7 0.721, 2.0-2.8
#: 0.720, 2.4-2.8 0.713, every row 0.732 (+175 % e5 characters); a 90-170
#: window: 0.712 at 2.0-2.6.  Not shipped (``--second-pass`` trains it): e5
#: costs a fixed ~1.5 s CPU per call on 2 busy cores besides ~0.4 ms a
#: character, so the extra call per 32-row batch made the dev bench use
#: ~12 % more CPU than the one-pass model (and ~30 % more than the one-pass
#: model with single-threaded tree prediction), too near the 20 pairs/s floor.
GATE = (2.0, 2.6)

_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")

_WORD = re.compile(r"\w+", re.UNICODE)
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_CAPITAL = re.compile(r"\b[^\W\d_][\w'-]*", re.UNICODE)
_SENTENCE_END = re.compile(r"[.!?。！？]\s")
#: Web addresses, @handles and #hashtags (an outlet's or a police press office's sign-off).
_LINK = re.compile(r"https?://\S+|www\.\S+|@\w{2,}|#\w{2,}")

#: Characters at the end of an article compared for ``tail_gain``: where an
#: outlet's boilerplate (sign-off, contact lines, "follow us on ...") sits.
#: Group CV, seeds 0-2 (2026-11-23): without ``tail_gain`` / ``link_shared``
#: 0.710; ``tail_gain`` alone 0.720 (150 characters 0.721, 500 0.713);
#: ``link_shared`` alone 0.718 (7 dev rows share one, mostly German police
#: press offices: different incidents, 2.5-4); both 0.725 (en-en 0.832,
#: cross-lingual 0.651).  Cost: ~0.3 s CPU over the 1,257 dev articles.
TAIL_CHARS = 300

FEATURE_NAMES = (
    "e5_head",  # e5 cosine of the first HEAD_CHARS characters
    "e5_head_lang",  # the same after subtracting each article's language mean e5 vector
    "char_cos",  # cosine of character 2-4-gram counts (whole texts, sublinear tf)
    "char_cos_head",  # the same over the first 400 characters
    "word_cos",  # cosine of lowercased word counts (sublinear tf)
    "stem_cos",  # the same over 5-character word prefixes (a crude stemmer)
    "stem_cos_head",  # stem_cos over the first 200 characters
    "name_jaccard",  # Jaccard of capitalised words (names survive translation)
    "name_overlap",  # shared capitalised words / the smaller set
    "name_shared",  # log(1 + shared capitalised words)
    "num_jaccard",  # Jaccard of numbers
    "num_shared",  # log(1 + shared numbers)
    "year_overlap",  # shared years / the smaller set (-1 when either has none)
    "len_min",  # log chars of the shorter text
    "len_ratio",  # shorter / longer length
    "same_lang",  # 1 when lang1 == lang2
    "both_en",  # 1 when both are English
    "tail_gain",  # char n-gram cosine of the last TAIL_CHARS characters minus char_cos_head
    "link_shared",  # log(1 + shared web addresses / @handles / #hashtags)
    "static_lang",  # cosine of whole-text static e5 token vectors (token_vectors), language-centred
)

#: Features of the second pass: FEATURE_NAMES plus e5 cosines that use the
#: second window (all language-centred like ``e5_head_lang``).
SECOND_FEATURE_NAMES = FEATURE_NAMES + (
    "e5_second_lang",  # cosine of the two second windows
    "e5_cross_max",  # max over the 2x2 head/second-window cosines
    "e5_cross_mean",  # their mean
    "e5_pool_lang",  # cosine of head + second window (summed centred vectors)
)


# --------------------------------------------------------------------------- features


def _head(text: str, n: int) -> str:
    """The first ``n`` characters, cut at a word boundary when one is near."""
    if len(text) <= n:
        return text
    cut = text[:n]
    space = cut.rfind(" ")
    return cut[:space] if space > n // 2 else cut


def _e5_head(text: str) -> str:
    """What e5 sees of an article: :data:`HEAD_CHARS`, or :data:`CJK_HEAD_CHARS` for CJK."""
    head = _head(text, HEAD_CHARS)
    if len(_CJK.findall(head)) * 3 > len(head):
        return _head(text, CJK_HEAD_CHARS)
    return head


def _is_cjk(text: str) -> bool:
    head = _head(text, HEAD_CHARS)
    return len(_CJK.findall(head)) * 3 > len(head)


def _e5_second(text: str) -> str:
    """The second e5 window (:data:`SECOND_WINDOW`), cut to whole words; the head when empty."""
    a, b = SECOND_WINDOW
    cjk = _is_cjk(text)
    if cjk:
        a, b = a // 2, b // 2
    s = text[a:b]
    if not cjk:
        space = s.find(" ")
        if 0 <= space < 20:  # drop the partial first word
            s = s[space + 1 :]
        space = s.rfind(" ")
        if space > len(s) // 2:
            s = s[:space]
    return s if s.strip() else _e5_head(text)


def _norm(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


def _char_counts(text: str) -> dict[str, float]:
    """Sublinear-tf counts of character 2-4-grams of the lowercased text."""
    t = " " + re.sub(r"\s+", " ", text.lower()) + " "
    counts: dict[str, int] = {}
    for n in (2, 3, 4):
        for i in range(len(t) - n + 1):
            g = t[i : i + n]
            counts[g] = counts.get(g, 0) + 1
    return {g: 1.0 + math.log(c) for g, c in counts.items()}


def _word_counts(text: str) -> dict[str, float]:
    counts: dict[str, int] = {}
    for w in _WORD.findall(text.lower()):
        counts[w] = counts.get(w, 0) + 1
    return {w: 1.0 + math.log(c) for w, c in counts.items()}


def _stem_counts(text: str, k: int = 5) -> dict[str, float]:
    """Sublinear-tf counts of the first ``k`` characters of words of 3+ characters.

    Inflected languages (de, pl, ru, tr) spell one name or noun several ways;
    cutting words to a prefix merges most of them.
    """
    counts: dict[str, int] = {}
    for w in _WORD.findall(text.lower()):
        if len(w) >= 3:
            w = w[:k]
            counts[w] = counts.get(w, 0) + 1
    return {w: 1.0 + math.log(c) for w, c in counts.items()}


def _cos(a: dict[str, float], b: dict[str, float]) -> float:
    if not a or not b:
        return 0.0
    if len(a) > len(b):
        a, b = b, a
    dot = sum(v * b.get(k, 0.0) for k, v in a.items())
    na = math.sqrt(sum(v * v for v in a.values()))
    nb = math.sqrt(sum(v * v for v in b.values()))
    return dot / (na * nb) if na and nb else 0.0


def _names(text: str) -> set[str]:
    """Capitalised words that do not open a sentence, lowercased."""
    out = set()
    for m in _CAPITAL.finditer(text):
        w = m.group(0)
        if not w[0].isupper() or len(w) < 2:
            continue
        start = m.start()
        before = text[max(0, start - 2) : start]
        if start == 0 or _SENTENCE_END.match(before) or before.strip() in (".", "!", "?"):
            continue
        out.add(w.lower())
    return out


def _links(text: str) -> set[str]:
    """Web addresses, @handles and #hashtags, lowercased, trailing punctuation dropped."""
    return {m.group(0).lower().rstrip(".,)") for m in _LINK.finditer(text)}


def _numbers(text: str) -> set[str]:
    return {m.group(0).replace(",", ".") for m in _NUMBER.finditer(text)}


class _Article:
    """Per-article features computed once, however many rows share it."""

    __slots__ = (
        "text", "chars", "chars_head", "chars_tail", "words", "stems", "stems_head", "names", "numbers", "years",
        "links",
    )

    def __init__(self, text: str) -> None:
        self.text = text
        self.chars = _char_counts(text)
        self.chars_head = _char_counts(_head(text, 400))
        self.words = _word_counts(text)
        self.stems = _stem_counts(text)
        self.stems_head = _stem_counts(_head(text, 200))
        self.names = _names(text)
        self.numbers = _numbers(text)
        self.years = set(_YEAR.findall(text))
        self.chars_tail = _char_counts(text[-TAIL_CHARS:])
        self.links = _links(text)


def _jaccard(a: set, b: set) -> float:
    return len(a & b) / len(a | b) if a or b else 0.0


def _overlap(a: set, b: set, empty: float = 0.0) -> float:
    return len(a & b) / min(len(a), len(b)) if a and b else empty


def _check_row(row: dict) -> tuple[str, str, str, str]:
    """(text1, text2, lang1, lang2) of a row, or ValueError saying what is wrong."""
    if not isinstance(row, dict):
        raise ValueError("row is not an object")
    t1, t2 = row.get("text1"), row.get("text2")
    if not isinstance(t1, str) or not isinstance(t2, str):
        raise ValueError("text1 and text2 must be strings")
    if not t1.strip() or not t2.strip():
        raise ValueError("text1 or text2 is empty")
    l1, l2 = row.get("lang1"), row.get("lang2")
    l1 = l1.strip().lower() if isinstance(l1, str) else ""
    l2 = l2.strip().lower() if isinstance(l2, str) else ""
    return _norm(t1), _norm(t2), l1, l2


class _Parts:
    """What the features of a batch of rows are built from (kept for fold-wise centring)."""

    __slots__ = ("X", "vecs", "langs", "i", "j", "texts", "second", "static")

    def __init__(self, X, vecs, langs, i, j, texts=(), static=None) -> None:
        self.X, self.vecs, self.langs, self.i, self.j = X, vecs, langs, i, j
        self.texts = list(texts)  # the distinct articles, in ``vecs`` order
        #: whole-text static token vectors (:mod:`rashomon.token_vectors`), rows as ``vecs``
        self.static = np.zeros((len(vecs), 1), np.float32) if static is None else static
        self.second: np.ndarray | None = None  # second-window vectors (rows: as vecs)

    def embed_second(self, encoder, which: np.ndarray | None = None) -> None:
        """Second-window e5 vectors of the articles ``which`` (default: all)."""
        which = np.arange(len(self.texts)) if which is None else np.asarray(which, dtype=int)
        if self.second is None:
            self.second = np.zeros_like(self.vecs)
        if len(which):
            vecs = encoder.encode([_e5_second(self.texts[k]) for k in which])
            self.second[which] = np.asarray(vecs, dtype=np.float32)


def _centres(vecs: np.ndarray, langs: Sequence[str], mask: np.ndarray | None = None) -> dict[str, np.ndarray]:
    """Mean e5 vector per language (``""``: over all articles), over ``mask``-ed articles."""
    mask = np.ones(len(vecs), bool) if mask is None else mask
    langs = np.asarray(langs, dtype=object)
    out = {"": vecs[mask].mean(axis=0).astype(np.float32)}
    for lang in sorted(set(langs[mask]) - {""}):
        sel = mask & (langs == lang)
        out[lang] = vecs[sel].mean(axis=0).astype(np.float32)
    return out


def _centred(vecs: np.ndarray, langs: Sequence[str], centres: dict[str, np.ndarray] | None) -> np.ndarray:
    """Unit vectors after subtracting each article's language centre (as is without centres)."""
    if not centres:
        return vecs
    glob = centres[""]
    v = vecs - np.stack([centres.get(lang, glob) for lang in langs])
    return v / np.maximum(np.linalg.norm(v, axis=1, keepdims=True), 1e-12)


def _lang_cos(parts: _Parts, centres: dict[str, np.ndarray] | None, vecs: np.ndarray | None = None) -> np.ndarray:
    """``e5_head_lang`` per row: cosine after subtracting each article's language centre.

    ``vecs`` (default: the e5 head vectors ``parts.vecs``) may be other
    per-article vectors with their own ``centres`` (``static_lang``).
    """
    v = _centred(parts.vecs if vecs is None else vecs, parts.langs, centres)
    return np.einsum("ij,ij->i", v[parts.i], v[parts.j])


def _assemble_second(
    parts: _Parts,
    rows: np.ndarray,
    centres: dict | None,
    second_centres: dict | None,
    static_centres: dict | None = None,
) -> np.ndarray:
    """:data:`SECOND_FEATURE_NAMES` for the rows ``rows`` (their articles' second vectors must be set)."""
    rows = np.asarray(rows, dtype=int)
    X = _assemble(parts, centres, static_centres)[rows]
    h = _centred(parts.vecs, parts.langs, centres)
    w = _centred(parts.second, parts.langs, second_centres)
    i, j = parts.i[rows], parts.j[rows]

    def cos(a, b):
        return np.einsum("ij,ij->i", a, b)

    cross = np.stack([cos(h[i], h[j]), cos(h[i], w[j]), cos(w[i], h[j]), cos(w[i], w[j])])
    pool = h + w
    pool = pool / np.maximum(np.linalg.norm(pool, axis=1, keepdims=True), 1e-12)
    extra = np.column_stack([cross[3], cross.max(axis=0), cross.mean(axis=0), cos(pool[i], pool[j])])
    return np.hstack([X, extra])


def _gated(pred: np.ndarray) -> np.ndarray:
    return (pred >= GATE[0]) & (pred <= GATE[1])


def _assemble(
    parts: _Parts, centres: dict[str, np.ndarray] | None, static_centres: dict[str, np.ndarray] | None = None
) -> np.ndarray:
    """The feature matrix: ``parts.X`` with the language-centred cosines filled in."""
    X = parts.X.copy()
    if len(X):
        X[:, FEATURE_NAMES.index("e5_head_lang")] = _lang_cos(parts, centres)
        X[:, FEATURE_NAMES.index("static_lang")] = _lang_cos(parts, static_centres, parts.static)
    return X


def _shipped_centres() -> tuple[dict[str, np.ndarray] | None, dict[str, np.ndarray] | None]:
    """The shipped model's e5 and static-vector language centres, (None, None) without one."""
    try:
        model = _default_model()
    except (OSError, ValueError):  # no shipped model yet, or an outdated one
        return None, None
    return model.centres, model.static_centres


def pair_features(
    rows: Sequence[dict],
    encoder=None,
    centres: dict[str, np.ndarray] | None = None,
    static_centres: dict[str, np.ndarray] | None = None,
) -> np.ndarray:
    """Feature matrix ``(len(rows), len(FEATURE_NAMES))`` for article pairs.

    Each row needs ``text1`` and ``text2`` (non-empty strings); ``lang1`` /
    ``lang2`` are optional (unknown counts as different from anything but
    itself).  Gold fields are never read.  Columns, in :data:`FEATURE_NAMES`
    order:

    * the **e5 cosine** of the articles' openings (the first
      :data:`HEAD_CHARS` characters: title and start of the lead) --
      multilingual, so it works across languages;
    * **character n-gram** cosines (whole text and first 400 characters),
      a **word** cosine and **word-prefix** cosines (5-character prefixes,
      whole text and first 200 characters) -- strong within a language,
      weaker but alive across Latin-script languages (names, numbers,
      cognates);
    * **names and numbers** -- Jaccard / overlap / shared counts of
      capitalised words, numbers and years, which survive translation;
    * **shape** -- log length of the shorter text, length ratio, same-language
      and both-English flags;
    * **shared boilerplate** -- how much more alike the articles' last
      :data:`TAIL_CHARS` characters are than their openings (``tail_gain``),
      and shared web addresses / @handles / #hashtags (``link_shared``): two
      reports from one outlet or press office share a sign-off, which lifts
      the lexical cosines of pairs that cover different events;
    * **whole-text static vectors** -- ``static_lang``, the cosine of the
      two articles' mean static e5 token vectors
      (:mod:`rashomon.token_vectors`) over the whole text, language-centred:
      it reads what e5 itself has no time for.

    ``e5_head_lang`` subtracts the language centres ``centres`` and
    ``static_lang`` the centres ``static_centres`` (defaults: the shipped
    model's; without any they are plain cosines).

    Raises ValueError on a malformed row; :func:`predict_pairs` checks rows
    one by one first.  ``encoder`` defaults to
    :func:`rashomon.embed.multilingual_encoder`.
    """
    parts = _pair_parts(rows, encoder)
    shipped = _shipped_centres() if centres is None or static_centres is None else (None, None)
    return _assemble(
        parts,
        centres if centres is not None else shipped[0],
        static_centres if static_centres is not None else shipped[1],
    )


def _pair_parts(rows: Sequence[dict], encoder=None) -> _Parts:
    """Features of :func:`pair_features` with the centred cosines left blank, and the vectors."""
    checked = [_check_row(r) for r in rows]
    X = np.zeros((len(rows), len(FEATURE_NAMES)), dtype=np.float64)
    if not rows:
        return _Parts(X, np.zeros((0, 1), np.float32), [], np.zeros(0, int), np.zeros(0, int), [])
    if encoder is None:
        from .embed import multilingual_encoder

        encoder = multilingual_encoder()

    uniq = list(dict.fromkeys(t for c in checked for t in c[:2]))
    index = {t: i for i, t in enumerate(uniq)}
    vecs = np.asarray(encoder.encode([_e5_head(t) for t in uniq]), dtype=np.float32)
    from .token_vectors import token_vectors

    static = token_vectors().embed(uniq)
    arts = [_Article(t) for t in uniq]
    # An article's language: the first row that names it decides.
    langs = [""] * len(uniq)
    for t1, t2, l1, l2 in checked:
        for t, lang in ((t1, l1), (t2, l2)):
            if not langs[index[t]]:
                langs[index[t]] = lang
    ii = np.array([index[c[0]] for c in checked])
    jj = np.array([index[c[1]] for c in checked])

    for k, (t1, t2, l1, l2) in enumerate(checked):
        i, j = index[t1], index[t2]
        a, b = arts[i], arts[j]
        n1, n2 = len(t1), len(t2)
        shared_names = len(a.names & b.names)
        char_head = _cos(a.chars_head, b.chars_head)
        X[k] = (
            float(vecs[i] @ vecs[j]),
            0.0,  # e5_head_lang: filled by _assemble
            _cos(a.chars, b.chars),
            char_head,
            _cos(a.words, b.words),
            _cos(a.stems, b.stems),
            _cos(a.stems_head, b.stems_head),
            _jaccard(a.names, b.names),
            _overlap(a.names, b.names),
            math.log1p(shared_names),
            _jaccard(a.numbers, b.numbers),
            math.log1p(len(a.numbers & b.numbers)),
            _overlap(a.years, b.years, empty=-1.0),
            math.log(min(n1, n2)),
            min(n1, n2) / max(n1, n2),
            float(l1 == l2 and l1 != ""),
            float(l1 == l2 == "en"),
            _cos(a.chars_tail, b.chars_tail) - char_head,
            math.log1p(len(a.links & b.links)),
            0.0,  # static_lang: filled by _assemble
        )
    return _Parts(X, vecs, langs, ii, jj, uniq, static)


# --------------------------------------------------------------------------- model


class SameEventModel:
    """Average of a gradient-boosted regressor and an RBF SVR, :func:`pair_features` to ``overall``.

    The average beats either alone in group CV (seeds 0-2, scratch runs
    with 100-character heads: GBM 0.704, SVR ~0.69, the average 0.716-0.721).
    GBM settings re-checked with the current features (more iterations,
    8-leaf trees, stronger L2): none better than these.  ``params`` go to the GBM.
    ``centres`` (language -> mean e5 vector) are set by :func:`train_pairs`
    and used by :func:`pair_features` for ``e5_head_lang``.  ``predict``
    clips to the task's range [1, 4].  ``save`` / ``load`` use joblib; the
    file also records the feature names and head sizes it was trained with,
    and ``load`` refuses a file whose features differ.
    """

    def __init__(self, **params) -> None:
        from sklearn.ensemble import HistGradientBoostingRegressor

        defaults = dict(
            # Small trees: 641 training rows.  Chosen among five settings by
            # seeded group CV before the word-prefix features were added (this
            # one: 0.684 / 0.674 / 0.673 over seeds 0-2; 15-leaf trees at lr
            # 0.04: 0.644).
            max_iter=150,
            learning_rate=0.05,
            max_leaf_nodes=5,
            min_samples_leaf=30,
            l2_regularization=1.0,
            random_state=0,
        )
        defaults.update(params)
        self.params = defaults
        self.regressor = HistGradientBoostingRegressor(**defaults)
        self.svr = self._make_svr()
        self.centres: dict[str, np.ndarray] | None = None
        #: language -> mean whole-text static vector, for ``static_lang``
        self.static_centres: dict[str, np.ndarray] | None = None
        #: Second pass (see :data:`GATE`): a model over SECOND_FEATURE_NAMES and
        #: the language centres of the second-window vectors; None: first pass only.
        self.second: SameEventModel | None = None
        self.second_centres: dict[str, np.ndarray] | None = None
        self.meta: dict = {}

    @staticmethod
    def _make_svr():
        from sklearn.pipeline import make_pipeline
        from sklearn.preprocessing import StandardScaler
        from sklearn.svm import SVR

        # C and epsilon: C 1 / 3, epsilon 0.3 / 0.5 all within 0.002 r in group CV.
        return make_pipeline(StandardScaler(), SVR(C=1.0, epsilon=0.3))

    def fit(self, X: np.ndarray, y: Sequence[float]) -> "SameEventModel":
        X = np.asarray(X, dtype=np.float64)
        y = np.asarray(y, dtype=np.float64)
        self.regressor.fit(X, y)
        self.svr.fit(X, y)
        return self

    def predict(self, X: np.ndarray) -> np.ndarray:
        X = np.asarray(X, dtype=np.float64)
        if len(X) == 0:
            return np.zeros(0)
        from threadpoolctl import threadpool_limits

        # One OpenMP thread for the boosted trees: a 32-row batch is far too
        # small to share, and two threads' barriers per tree (150 trees) cost
        # ~50 ms a batch on 2 busy cores against ~9 ms on one.
        with threadpool_limits(1, user_api="openmp"):
            gbm = self.regressor.predict(X)
        return np.clip((gbm + self.svr.predict(X)) / 2.0, 1.0, 4.0)

    def save(self, path: str | Path = MODEL_PATH) -> Path:
        import joblib

        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        payload = {
            "regressor": self.regressor,
            "svr": self.svr,
            "centres": self.centres,
            "static_centres": self.static_centres,
            "params": self.params,
            "features": list(FEATURE_NAMES),
            "head_chars": [HEAD_CHARS, CJK_HEAD_CHARS],
            "meta": self.meta,
        }
        if self.second is not None:
            payload["second"] = {
                "regressor": self.second.regressor,
                "svr": self.second.svr,
                "params": self.second.params,
                "centres": self.second_centres,
                "features": list(SECOND_FEATURE_NAMES),
                "window": list(SECOND_WINDOW),
                "gate": list(GATE),
            }
        joblib.dump(payload, path, compress=3)
        return path

    @classmethod
    def load(cls, path: str | Path = MODEL_PATH) -> "SameEventModel":
        import joblib

        payload = joblib.load(Path(path))
        if (
            payload.get("features") != list(FEATURE_NAMES)
            or payload.get("head_chars") != [HEAD_CHARS, CJK_HEAD_CHARS]
            or "svr" not in payload
        ):
            raise ValueError(f"{path} was trained with other features; retrain: python -m rashomon.pairs")
        model = cls.__new__(cls)
        model.params = payload["params"]
        model.regressor = payload["regressor"]
        model.svr = payload["svr"]
        model.centres = payload.get("centres")
        model.static_centres = payload.get("static_centres")
        model.meta = payload.get("meta", {})
        model.second, model.second_centres = None, None
        second = payload.get("second")
        if second is not None:
            if (
                second.get("features") != list(SECOND_FEATURE_NAMES)
                or second.get("window") != list(SECOND_WINDOW)
                or second.get("gate") != list(GATE)
            ):
                raise ValueError(f"{path} was trained with another second pass; retrain: python -m rashomon.pairs")
            model.second = cls.__new__(cls)
            model.second.params = second["params"]
            model.second.regressor = second["regressor"]
            model.second.svr = second["svr"]
            model.second.centres, model.second.second, model.second.second_centres = None, None, None
            model.second.static_centres = None
            model.second.meta = {}
            model.second_centres = second["centres"]
        return model


_LOADED: SameEventModel | None = None


def _default_model() -> SameEventModel:
    global _LOADED
    if _LOADED is None:
        _LOADED = SameEventModel.load(MODEL_PATH)
    return _LOADED


def predict_pairs(rows: list[dict], model: SameEventModel | None = None, encoder=None) -> list[dict]:
    """``[{id, overall}]`` for pair rows, ``overall`` a float in [1, 4].

    A row that is not an object, or lacks a non-empty ``text1`` / ``text2``,
    gives ``{id, error}`` instead; the other rows are unaffected.  Output
    order follows input order.

    Two passes: every row is scored from the heads; rows scored inside
    :data:`GATE` are scored again by ``model.second`` after e5 reads the
    second window (:data:`SECOND_WINDOW`) of their articles, each distinct
    article once.
    """
    out: list[dict] = []
    good: list[int] = []
    for k, row in enumerate(rows):
        rid = row.get("id") if isinstance(row, dict) else None
        rid = str(rid) if rid is not None else str(k)
        try:
            _check_row(row)
        except ValueError as err:
            out.append({"id": rid, "error": str(err)})
            continue
        out.append({"id": rid})
        good.append(k)
    if good:
        model = model or _default_model()
        if encoder is None:
            from .embed import multilingual_encoder

            encoder = multilingual_encoder()
        parts = _pair_parts([rows[k] for k in good], encoder)
        scores = _predict_parts(model, parts, encoder)
        for k, s in zip(good, scores):
            out[k]["overall"] = round(float(s), 4)
    return out


def _predict_parts(model: SameEventModel, parts: _Parts, encoder=None) -> np.ndarray:
    """Both passes over ``parts``; ``encoder`` (when given) embeds the gated articles' second windows."""
    scores = model.predict(_assemble(parts, model.centres, model.static_centres))
    if model.second is None or not len(scores):
        return scores
    gated = np.flatnonzero(_gated(scores))
    if not len(gated):
        return scores
    if encoder is not None:
        need = np.unique(np.concatenate([parts.i[gated], parts.j[gated]]))
        parts.embed_second(encoder, need)
    X2 = _assemble_second(parts, gated, model.centres, model.second_centres, model.static_centres)
    scores = scores.copy()
    scores[gated] = model.second.predict(X2)
    return scores


# --------------------------------------------------------------------------- scoring


def _pearson(x: Sequence[float], y: Sequence[float]) -> float:
    x = np.asarray(x, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    if len(x) < 2 or x.std() == 0 or y.std() == 0:
        return float("nan")
    return float(np.corrcoef(x, y)[0, 1])


def score_pairs(pred_rows: Iterable[dict], gold_rows: Iterable[dict]) -> dict:
    """Pearson r of predicted against gold ``overall``, matched by ``id``.

    Returns ``{"pearson": r, "count": n, "missing": m, "by_lang": {"en-en":
    {"pearson", "count"}, ...}, "cross_lingual": {...}}``.  A gold row with no
    usable prediction (absent, error row, non-numeric) counts in ``missing``
    and is left out of r; r is NaN with fewer than two rows or no variance.
    Language pairs are written ``lang1-lang2`` as given.
    """
    pred: dict[str, float] = {}
    for p in pred_rows:
        v = p.get("overall")
        if isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v):
            pred[str(p.get("id"))] = float(v)
    xs, ys, langs = [], [], []
    missing = 0
    for g in gold_rows:
        gid = str(g.get("id"))
        if gid not in pred:
            missing += 1
            continue
        xs.append(pred[gid])
        ys.append(float(g["overall"]))
        langs.append(f"{g.get('lang1', '?')}-{g.get('lang2', '?')}")
    by_lang: dict[str, dict] = {}
    for lp in sorted(set(langs)):
        idx = [i for i, v in enumerate(langs) if v == lp]
        by_lang[lp] = {"pearson": _pearson([xs[i] for i in idx], [ys[i] for i in idx]), "count": len(idx)}
    cross = [i for i, v in enumerate(langs) if v.split("-", 1)[0] != v.split("-", 1)[1]]
    return {
        "pearson": _pearson(xs, ys),
        "count": len(xs),
        "missing": missing,
        "by_lang": by_lang,
        "cross_lingual": {"pearson": _pearson([xs[i] for i in cross], [ys[i] for i in cross]), "count": len(cross)},
    }


# --------------------------------------------------------------------------- training


def _read_jsonl(path: str | Path) -> list[dict]:
    import gzip

    path = Path(path)
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def _article_groups(rows: Sequence[dict]) -> np.ndarray:
    """Group id per row: rows linked through a shared article share a group.

    Used for group K-fold, so no article is in both a training and a test fold.
    """
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for r in rows:
        a, b = find(r["text1"]), find(r["text2"])
        if a != b:
            parent[a] = b
    roots: dict[str, int] = {}
    return np.array([roots.setdefault(find(r["text1"]), len(roots)) for r in rows])


def cross_validate(
    rows: Sequence[dict], X: np.ndarray | _Parts, folds: int = 5, seed: int = 0, **params
) -> dict:
    """Seeded group K-fold predictions on ``rows`` and their :func:`score_pairs`.

    ``X`` is a feature matrix, or the :class:`_Parts` of ``rows``: then the
    language centres of ``e5_head_lang`` are estimated on each fold's
    training articles only.
    """
    parts = X if isinstance(X, _Parts) else None
    two_pass = parts is not None and parts.second is not None
    from sklearn.model_selection import GroupKFold

    y = np.array([float(r["overall"]) for r in rows])
    groups = _article_groups(rows)
    # Shuffle group ids with the seed: GroupKFold itself is deterministic.
    rng = np.random.default_rng(seed)
    perm = rng.permutation(groups.max() + 1)
    groups = perm[groups]
    oof = np.zeros(len(rows))
    gated = np.zeros(len(rows), bool)
    for train, test in GroupKFold(n_splits=folds).split(np.zeros(len(rows)), y, groups):
        if parts is not None:
            seen = np.zeros(len(parts.vecs), bool)
            seen[parts.i[train]] = seen[parts.j[train]] = True
            centres = _centres(parts.vecs, parts.langs, seen)
            static_centres = _centres(parts.static, parts.langs, seen)
            X = _assemble(parts, centres, static_centres)
        model = SameEventModel(**params).fit(X[train], y[train])
        if two_pass:
            model.centres, model.static_centres = centres, static_centres
            model.second_centres = _centres(parts.second, parts.langs, seen)
            X2 = _assemble_second(parts, train, centres, model.second_centres, static_centres)
            model.second = SameEventModel(**params).fit(X2, y[train])
            sub = _Parts(
                parts.X[test], parts.vecs, parts.langs, parts.i[test], parts.j[test], parts.texts, parts.static
            )
            sub.second = parts.second
            oof[test] = _predict_parts(model, sub)
            gated[test] = _gated(model.predict(X[test]))
        else:
            oof[test] = model.predict(X[test])
    preds = [{"id": r["id"], "overall": float(p)} for r, p in zip(rows, oof)]
    scores = score_pairs(preds, rows)
    if two_pass:
        arts = np.unique(np.concatenate([parts.i[gated], parts.j[gated]]))
        scores["second_pass"] = {
            "rows": int(gated.sum()),
            "articles": len(arts),
            "e5_chars": sum(len(_e5_second(parts.texts[k])) for k in arts),
            "head_e5_chars": sum(len(_e5_head(t)) for t in parts.texts),
        }
    return scores


def train_pairs(
    dev_path: str | Path = DEV_PATH,
    out_path: str | Path = MODEL_PATH,
    folds: int = 5,
    seed: int = 0,
    second_pass: bool = False,
) -> dict:
    """Cross-validate on the dev split, then fit on all of it and save.

    Returns the CV scores of :func:`score_pairs` (out-of-fold predictions of
    seeded group K-fold; an article never sits in both the training and the
    test side of a fold) plus ``model_path`` and ``rows``.  Only ``text1``,
    ``text2``, ``lang1``, ``lang2`` feed the features; ``overall`` is the
    target; no other gold field is read.  ``second_pass`` also trains the
    gated second pass (:data:`GATE`); the shipped model has none (see
    :data:`GATE` for why).
    """
    from .embed import multilingual_encoder

    rows = [r for r in _read_jsonl(dev_path) if "overall" in r]
    parts = _pair_parts(rows)
    if second_pass:
        parts.embed_second(multilingual_encoder())  # every article: the second pass trains on all rows
    scores = cross_validate(rows, parts, folds=folds, seed=seed)
    centres = _centres(parts.vecs, parts.langs)
    static_centres = _centres(parts.static, parts.langs)
    y = [float(r["overall"]) for r in rows]
    model = SameEventModel().fit(_assemble(parts, centres, static_centres), y)
    model.centres, model.static_centres = centres, static_centres
    if second_pass:
        model.second_centres = _centres(parts.second, parts.langs)
        X2 = _assemble_second(parts, np.arange(len(rows)), centres, model.second_centres, static_centres)
        model.second = SameEventModel().fit(X2, y)
    model.meta = {
        "trained_on": Path(dev_path).name,
        "rows": len(rows),
        "cv_folds": folds,
        "cv_seed": seed,
        "cv_pearson": scores["pearson"],
    }
    path = model.save(out_path)
    return {**scores, "model_path": str(path), "rows": len(rows)}


def _main(argv: list[str]) -> int:
    import argparse

    ap = argparse.ArgumentParser(prog="python -m rashomon.pairs", description=__doc__.split("\n")[0])
    ap.add_argument("--dev", default=str(DEV_PATH))
    ap.add_argument("--out", default=str(MODEL_PATH))
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--seeds", type=int, default=1, help="also report CV for seeds 0..N-1 (no refit)")
    ap.add_argument("--second-pass", action="store_true", help="also train the gated second pass (see GATE)")
    args = ap.parse_args(argv)
    res = train_pairs(args.dev, args.out, folds=args.folds, seed=args.seed, second_pass=args.second_pass)
    en = res["by_lang"].get("en-en", {})
    print(f"rows {res['rows']}  {args.folds}-fold group CV (seed {args.seed})")
    print(f"overall Pearson      {res['pearson']:.3f}  (n={res['count']})")
    print(f"en-en Pearson        {en.get('pearson', float('nan')):.3f}  (n={en.get('count', 0)})")
    print(f"cross-lingual Pearson {res['cross_lingual']['pearson']:.3f}  (n={res['cross_lingual']['count']})")
    for lp, s in res["by_lang"].items():
        print(f"  {lp:6s} {s['pearson']:.3f}  (n={s['count']})")
    sp = res.get("second_pass")
    if sp:
        print(
            f"second pass: {sp['rows']} rows, {sp['articles']} articles, {sp['e5_chars']} e5 chars"
            f" (+{100 * sp['e5_chars'] / sp['head_e5_chars']:.0f} % over the heads' {sp['head_e5_chars']})"
        )
    print(f"model -> {res['model_path']} ({Path(res['model_path']).stat().st_size} bytes)")
    if args.seeds > 1:
        from .embed import multilingual_encoder

        rows = [r for r in _read_jsonl(args.dev) if "overall" in r]
        parts = _pair_parts(rows)  # e5 vectors come from the encoder's memo
        if args.second_pass:
            parts.embed_second(multilingual_encoder())
        for seed in range(args.seeds):
            s = cross_validate(rows, parts, folds=args.folds, seed=seed)
            print(
                f"seed {seed}: overall {s['pearson']:.3f}  en-en {s['by_lang']['en-en']['pearson']:.3f}"
                f"  cross-lingual {s['cross_lingual']['pearson']:.3f}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(_main(sys.argv[1:]))
