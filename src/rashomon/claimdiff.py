"""Claim-pair relation: does claim B strengthen (or weaken) claim A?

Task ``claimdiff`` of ``EVAL.md``.  Every input row carries ``kind``
(``strengthen`` or ``weaken``), two claims taken from two reports of one event
(``claim_a`` from the report headed ``article_a``, ``claim_b`` from the one
headed ``article_b``; the ``article_*`` fields are headlines, not bodies), the
event's ``topic`` and ``date``.  The answer is ``relation`` = 1 when claim B
does what ``kind`` names to claim A (supports it / casts doubt on it), else 0.
In the dev data every claim pair is asked both ways (``kind``) and usually in
both orders, and for one pair "strengthen" and "weaken" are almost never both 1.

Model: a small gradient-boosting classifier over hand-built pair features
(:func:`claim_pair_features`), with ``kind`` as one feature so the trees learn
its interactions.  Some features are *relative to the file*: how a pair's
similarity ranks among the other pairs of the same topic in the same input,
and how close each claim sits to the other report's claims.  They need only
input fields of the other rows, never a label, so one call on a whole file
(the prediction contract) computes them the same way as training did.

Training recipe (dev data only, no download)::

    .venv/bin/python -m rashomon.claimdiff ../shared/eval/claimdiff_dev.jsonl

prints topic-grouped, seeded 5-fold cross-validation figures (model and a
``kind``-only baseline under the same folds), the model's within-kind macro-F1
/ AUC, and both rules' macro-F1 with the CV predictions reweighted to label
mixes (:data:`SHIFT_MIXES`) under which ``kind`` alone drops to ~0.67, as it
does on the held-out split -- on dev ``kind`` alone already scores ~0.79, so
the within-kind and shifted figures are the ones that tell content signal from
the label prior.  It then writes
``src/rashomon/models/claimdiff.joblib``.
"""

from __future__ import annotations

import json
import math
import re
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

import numpy as np

__all__ = [
    "ClaimDiffModel",
    "FEATURE_NAMES",
    "MODEL_PATH",
    "claim_pair_features",
    "predict_claimdiff",
    "score_claimdiff",
    "train_claimdiff",
]

MODEL_PATH = Path(__file__).parent / "models" / "claimdiff.joblib"
KINDS = ("strengthen", "weaken")
INPUT_FIELDS = ("kind", "claim_a", "claim_b")  # required; the rest may be missing

# Word families whose presence / imbalance between two claims hints at support
# or doubt.  Counted as whole words, case-insensitively.
_WORDS = {
    "neg": r"not|n't|never|no|nor|none|nothing|neither|without|denied|denies|deny|refused|refuses|rejected|rejects",
    "contrast": r"but|however|although|though|despite|yet|instead|whereas|while|nevertheless|still|even",
    "hedge": r"may|might|could|possibly|perhaps|reportedly|allegedly|alleged|apparently|likely|unlikely|suggest\w*|appear\w*|seem\w*|unclear|claim\w*",
    "say": r"said|says|say|told|according|stated|added|wrote|argued|argues|insisted|testified|tweeted",
    "accuse": r"accus\w*|blam\w*|criticiz\w*|condemn\w*|attack\w*|slam\w*|denounc\w*|dispute\w*|false\w*|lie|lies|lied|misleading|wrong",
    "intens": r"very|extremely|massive|huge|major|all|every|only|just|entire\w*|complete\w*|total\w*|significant\w*|dramatic\w*",
    "num": r"\d[\d,.]*",
}
_WORD_RE = {k: re.compile(rf"\b(?:{v})\b", re.IGNORECASE) for k, v in _WORDS.items()}
_QUOTE_RE = re.compile(r"[\"“”]")
# Doubt / dispute cues (phrases allowed) and plain negation, for the second word pass.
_DOUBT_RE = re.compile(
    r"\b(?:denied|denies|deny|denial|disputed?|disputes|no evidence|claim(?:s|ed)?|allegedly|alleged|"
    r"purported(?:ly)?|false(?:ly)?|misleading|unfounded|baseless|debunked|contradict\w*|refut\w*|rejected|"
    r"rejects|but|however|critics?|skeptic\w*|doubt\w*|questioned|insist\w*)\b", re.IGNORECASE)
_NEG_RE = re.compile(r"\b(?:not|never|no|none|nothing|neither|nor|without)\b|n't\b", re.IGNORECASE)
_ACTOR_RE = re.compile(r"\b[A-Z][a-zA-Z'’.-]+(?:\s+[A-Z][a-zA-Z'’.-]+)*")
_NUMTOK_RE = re.compile(r"\d[\d,.]*%?")
_NAME_RE = re.compile(r"\b[A-Z][a-z]+(?:\s+[A-Z][a-z]+)*")


def _count_words(text: str) -> dict[str, int]:
    return {k: len(rx.findall(text)) for k, rx in _WORD_RE.items()}


def _names(text: str) -> set[str]:
    """Capitalised words not at the very start of the sentence (rough entities)."""
    out = set()
    for m in _NAME_RE.finditer(text):
        if m.start() == 0:
            continue
        out.update(m.group(0).lower().split())
    return out


def _actors(text: str) -> set[str]:
    """Words (3+ letters) of capitalised spans; a lone capitalised first word is skipped."""
    out = set()
    for m in _ACTOR_RE.finditer(text):
        words = [w.lower().strip("'’.") for w in m.group(0).split()]
        if m.start() == 0 and len(words) == 1:
            continue
        out.update(w for w in words if len(w) > 2)
    return out


def _num_tokens(text: str) -> set[str]:
    return {n.strip(".,").replace(",", "") for n in _NUMTOK_RE.findall(text)}


def _numbers(text: str) -> set[str]:
    return {n.strip(".,").replace(",", "") for n in _WORD_RE["num"].findall(text)}


FEATURE_NAMES: list[str] = []  # filled at import time below, in column order


def _feature_names() -> list[str]:
    names = ["kind_weaken"]
    names += ["cos_ab", "cos_a_headb", "cos_b_heada", "cos_a_heada", "cos_b_headb", "cos_heads", "cos_a_topic", "cos_b_topic"]
    names += ["cw_inter", "cw_jacc", "cw_cov_a", "cw_cov_b", "fuzz_set", "fuzz_partial", "len_a", "len_b", "len_ratio"]
    names += ["names_inter", "names_jacc", "nums_a", "nums_b", "nums_inter", "nums_only_one"]
    for k in _WORDS:
        if k == "num":
            continue
        names += [f"{k}_a", f"{k}_b", f"{k}_diff"]
    names += ["quote_a", "quote_b"]
    names += ["topic_rank_cos", "topic_z_cos", "topic_rank_cw", "topic_npairs"]
    names += ["a_max_other", "a_mean_other", "b_max_other", "b_mean_other", "ab_rank_in_a", "ab_rank_in_b"]
    names += ["actor_cov_a", "actor_cov_b", "actor_none_shared", "b_actors_in_heada", "a_actors_in_headb",
              "num_conflict", "doubt_a", "doubt_b", "doubt_diff", "neg2_a", "neg2_b", "neg2_diff",
              "neg_only_b", "doubt_only_b", "topic_mean_cos", "topic_max_cos", "cos_minus_topic_mean",
              "a_to_own_claims", "b_to_own_claims", "a_to_b_claims", "b_to_a_claims", "claims_centroids",
              "heada_topic", "headb_topic", "nclaims_a", "nclaims_b"]
    return names


FEATURE_NAMES.extend(_feature_names())


def _s(row: dict, key: str) -> str:
    v = row.get(key)
    return v if isinstance(v, str) else ""


#: The fuzzy string ratios read at most this many characters of each claim: their cost grows
#: with the product of the two lengths (a 50 kB "claim" took over ten minutes), and a claim is
#: a sentence (the dev claims are at most 347 characters, so their features are unchanged).
FUZZ_CHARS = 1000


def claim_pair_features(rows: list[dict], encoder: Any = None) -> np.ndarray:
    """Feature matrix, one row per input row, columns named by ``FEATURE_NAMES``.

    Per row (``a`` = claim_a, ``b`` = claim_b, heads = the two headlines):

    * ``kind_weaken``: 1 for a weaken question, 0 for strengthen.
    * MiniLM cosines: a~b, each claim against both headlines, headline~headline,
      each claim against the topic.
    * Lexical overlap: shared content words (count, Jaccard, share of each
      claim covered), rapidfuzz token-set and partial ratios, lengths.
    * Entities and numbers: shared capitalised words, numbers in each claim,
      shared numbers, numbers on only one side.
    * Word families per claim and their difference: negation, contrast,
      hedges, attribution verbs ("said"), accusation / dispute words,
      intensifiers; quotation marks.
    * File-relative (computed from the *input* fields of all rows passed in,
      never labels): rank and z-score of a~b among the distinct pairs of the
      same topic, rank of content-word overlap there, number of such pairs;
      for each claim its max / mean cosine to the claims of the other report
      seen in the file, and the rank of b among a's partners (and vice versa).
    * Second pass (:func:`_second_pass`): actor and number overlap /
      mismatch, doubt and negation cues, topic-level similarity, claim-to-
      report-centroid cosines, headline~topic.

    Rows are expected to have been validated (strings for the claims).
    """
    n = len(rows)
    if n == 0:
        return np.zeros((0, len(FEATURE_NAMES)), dtype=np.float32)
    if encoder is None:
        from rashomon.embed import english_encoder

        encoder = english_encoder()
    from rapidfuzz import fuzz

    from rashomon.align import content_words

    fields = ("claim_a", "claim_b", "article_a", "article_b", "topic")
    texts = sorted({_s(r, k) for r in rows for k in fields})
    index = {t: i for i, t in enumerate(texts)}
    emb = encoder.encode(texts)

    def col(key: str) -> np.ndarray:
        return emb[[index[_s(r, key)] for r in rows]]

    A, B, HA, HB, TP = (col(k) for k in fields)
    cos = lambda x, y: np.einsum("ij,ij->i", x, y)  # noqa: E731
    sims = np.c_[cos(A, B), cos(A, HB), cos(B, HA), cos(A, HA), cos(B, HB), cos(HA, HB), cos(A, TP), cos(B, TP)]

    cw_cache: dict[str, frozenset[str]] = {}
    wc_cache: dict[str, dict[str, int]] = {}

    def cw(t: str) -> frozenset[str]:
        if t not in cw_cache:
            cw_cache[t] = content_words(t)
        return cw_cache[t]

    def wc(t: str) -> dict[str, int]:
        if t not in wc_cache:
            wc_cache[t] = _count_words(t)
        return wc_cache[t]

    lex = np.zeros((n, len(FEATURE_NAMES) - 1 - sims.shape[1] - 10 - N_SECOND), dtype=np.float64)
    for i, r in enumerate(rows):
        a, b = _s(r, "claim_a"), _s(r, "claim_b")
        ca, cb = cw(a), cw(b)
        inter = len(ca & cb)
        la, lb = len(a.split()), len(b.split())
        na, nb = _names(a), _names(b)
        ua, ub = _numbers(a), _numbers(b)
        f = [inter, inter / max(1, len(ca | cb)), inter / max(1, len(ca)), inter / max(1, len(cb)),
             fuzz.token_set_ratio(a[:FUZZ_CHARS], b[:FUZZ_CHARS]) / 100,
             fuzz.partial_ratio(a[:FUZZ_CHARS], b[:FUZZ_CHARS]) / 100, la, lb, min(la, lb) / max(1, la, lb),
             len(na & nb), len(na & nb) / max(1, len(na | nb)), len(ua), len(ub), len(ua & ub), len(ua ^ ub)]
        wa, wb = wc(a), wc(b)
        for k in _WORDS:
            if k == "num":
                continue
            f += [wa[k], wb[k], abs(wa[k] - wb[k])]
        f += [len(_QUOTE_RE.findall(a)), len(_QUOTE_RE.findall(b))]
        lex[i] = f

    # --- file-relative features -------------------------------------------
    rel = np.zeros((n, 10), dtype=np.float64)
    pair_key = [frozenset((_s(r, "claim_a"), _s(r, "claim_b"))) for r in rows]
    by_topic: dict[str, dict[frozenset, tuple[float, float]]] = defaultdict(dict)
    for i, r in enumerate(rows):
        by_topic[_s(r, "topic")][pair_key[i]] = (sims[i, 0], lex[i, 1])
    topic_stats = {}
    for t, pairs in by_topic.items():
        c = np.array([v[0] for v in pairs.values()])
        j = np.array([v[1] for v in pairs.values()])
        topic_stats[t] = (np.sort(c), np.sort(j), c.mean(), c.std() + 1e-6, len(c))
    # claims of each report (headline) seen in the file
    claims_of: dict[str, set[str]] = defaultdict(set)
    for r in rows:
        claims_of[_s(r, "article_a")].add(_s(r, "claim_a"))
        claims_of[_s(r, "article_b")].add(_s(r, "claim_b"))
    other_cache: dict[tuple[str, str], tuple[float, float, np.ndarray]] = {}

    def other(claim: str, head: str) -> tuple[float, float, np.ndarray]:
        key = (claim, head)
        if key not in other_cache:
            peers = sorted(claims_of[head] - {claim})
            if peers:
                s = emb[[index[p] for p in peers]] @ emb[index[claim]]
                other_cache[key] = (float(s.max()), float(s.mean()), np.sort(s))
            else:
                other_cache[key] = (0.0, 0.0, np.zeros(1))
        return other_cache[key]

    for i, r in enumerate(rows):
        sc, sj, mu, sd, m = topic_stats[_s(r, "topic")]
        c, j = sims[i, 0], lex[i, 1]
        rank_c = np.searchsorted(sc, c, side="right") / m
        rank_j = np.searchsorted(sj, j, side="right") / m
        a_max, a_mean, a_sorted = other(_s(r, "claim_a"), _s(r, "article_b"))
        b_max, b_mean, b_sorted = other(_s(r, "claim_b"), _s(r, "article_a"))
        ra = np.searchsorted(a_sorted, c - 1e-6) / len(a_sorted)
        rb = np.searchsorted(b_sorted, c - 1e-6) / len(b_sorted)
        rel[i] = [rank_c, (c - mu) / sd, rank_j, math.log1p(m), a_max, a_mean, b_max, b_mean, ra, rb]

    ext = _second_pass(rows, emb, index, sims[:, 0], claims_of, by_topic)
    kind = np.array([1.0 if r.get("kind") == "weaken" else 0.0 for r in rows])
    X = np.c_[kind, sims, lex, rel, ext].astype(np.float32)
    assert X.shape[1] == len(FEATURE_NAMES), (X.shape, len(FEATURE_NAMES))
    return X


N_SECOND = 26  # columns from _second_pass, the last ones of FEATURE_NAMES


def _second_pass(rows: list[dict], emb: np.ndarray, index: dict[str, int], cos_ab: np.ndarray,
                 claims_of: dict[str, set[str]], by_topic: dict) -> np.ndarray:
    """Actors, numbers, doubt / negation cues, topic-level and report-level context.

    * Actors (words of capitalised spans): share of each claim's actors the
      other claim names, no shared actor at all, claim B naming actors of
      headline A and vice versa; numbers on both sides with none in common.
    * Doubt cues ("denied", "no evidence", "allegedly", "but" ...) and plain
      negation per claim, their difference, "only in B" flags.
    * Topic context (label-free, from the rows passed in): mean and max a~b
      cosine over the topic's distinct pairs and this pair's distance from the
      mean; each claim against the centroid of its own report's claims and of
      the other report's claims, centroid~centroid; headline~topic cosines;
      number of claims seen per report.
    """
    centroid = {h: emb[[index[c] for c in sorted(cs)]].mean(0) for h, cs in claims_of.items()}
    tstat = {t: (float(np.mean([v[0] for v in pairs.values()])), float(np.max([v[0] for v in pairs.values()])))
             for t, pairs in by_topic.items()}
    out = np.zeros((len(rows), N_SECOND), dtype=np.float64)
    for i, r in enumerate(rows):
        a, b = _s(r, "claim_a"), _s(r, "claim_b")
        ha, hb, tp = _s(r, "article_a"), _s(r, "article_b"), _s(r, "topic")
        na, nb, nha, nhb = _actors(a), _actors(b), _actors(ha), _actors(hb)
        ua, ub = _num_tokens(a), _num_tokens(b)
        da, db = len(_DOUBT_RE.findall(a)), len(_DOUBT_RE.findall(b))
        ga, gb = len(_NEG_RE.findall(a)), len(_NEG_RE.findall(b))
        ca, cb = centroid[ha], centroid[hb]
        ea, eb = emb[index[a]], emb[index[b]]
        mean_t, max_t = tstat[tp]
        out[i] = [
            len(na & nb) / max(1, len(na)), len(na & nb) / max(1, len(nb)), float(bool(na) and not na & nb),
            len(nb & nha) / max(1, len(nb)), len(na & nhb) / max(1, len(na)),
            float(bool(ua) and bool(ub) and not ua & ub),
            da, db, db - da, ga, gb, gb - ga, float(gb > 0 and ga == 0), float(db > 0 and da == 0),
            mean_t, max_t, cos_ab[i] - mean_t,
            float(ea @ ca), float(eb @ cb), float(ea @ cb), float(eb @ ca), float(ca @ cb),
            float(emb[index[ha]] @ emb[index[tp]]), float(emb[index[hb]] @ emb[index[tp]]),
            len(claims_of[ha]), len(claims_of[hb]),
        ]
    return out


class ClaimDiffModel:
    """Gradient boosting over :func:`claim_pair_features`; threshold 0.5."""

    def __init__(self, seed: int = 0, **params: Any) -> None:
        self.seed = seed
        self.params = {"max_iter": 100, "learning_rate": 0.05, "max_depth": 3,
                       "min_samples_leaf": 80, **params}
        self.clf = None
        self.feature_names = list(FEATURE_NAMES)

    def _make(self):
        from sklearn.ensemble import HistGradientBoostingClassifier

        return HistGradientBoostingClassifier(random_state=self.seed, **self.params)

    def fit(self, X: np.ndarray, y: np.ndarray) -> "ClaimDiffModel":
        self.clf = self._make().fit(X, np.asarray(y, dtype=int))
        return self

    def predict_proba(self, X: np.ndarray) -> np.ndarray:
        if self.clf is None:
            raise RuntimeError("ClaimDiffModel is not fitted")
        if len(X) == 0:
            return np.zeros(0)
        return self.clf.predict_proba(X)[:, 1]

    def predict(self, X: np.ndarray) -> np.ndarray:
        return (self.predict_proba(X) >= 0.5).astype(int)

    def save(self, path: str | Path = MODEL_PATH) -> Path:
        import joblib

        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        joblib.dump({"clf": self.clf, "params": self.params, "seed": self.seed,
                     "feature_names": self.feature_names}, path, compress=3)
        return path

    @classmethod
    def load(cls, path: str | Path = MODEL_PATH) -> "ClaimDiffModel":
        import joblib

        payload = joblib.load(path)
        if payload.get("feature_names") != FEATURE_NAMES:
            raise ValueError(f"{path}: model was trained on other features; retrain it")
        model = cls(seed=payload["seed"], **payload["params"])
        model.clf = payload["clf"]
        return model


_MODEL_CACHE: dict[str, ClaimDiffModel] = {}


def _row_error(row: Any) -> str | None:
    if not isinstance(row, dict):
        return "row is not an object"
    if row.get("kind") not in KINDS:
        return f"kind must be one of {KINDS}, got {row.get('kind')!r}"
    for k in ("claim_a", "claim_b"):
        if not isinstance(row.get(k), str) or not row[k].strip():
            return f"missing or empty {k}"
    for k in ("article_a", "article_b", "topic"):
        if row.get(k) is not None and not isinstance(row.get(k), str):
            return f"{k} must be a string"
    return None


def predict_claimdiff(rows: list[dict], model: ClaimDiffModel | str | Path | None = None,
                      encoder: Any = None) -> list[dict]:
    """``[{id, relation}]`` for each input row, in input order.

    A row that lacks a usable ``kind`` / claim gets ``{id, error}`` instead and
    does not stop the others.  Rows without ``id`` get their 0-based position.
    Pass the whole file at once: some features compare a pair with the other
    pairs of its topic.
    """
    if not isinstance(model, ClaimDiffModel):
        path = str(model or MODEL_PATH)
        if path not in _MODEL_CACHE:
            _MODEL_CACHE[path] = ClaimDiffModel.load(path)
        model = _MODEL_CACHE[path]
    out: list[dict] = []
    good: list[int] = []
    for i, r in enumerate(rows):
        rid = r.get("id", str(i)) if isinstance(r, dict) else str(i)
        rid = str(rid)
        err = _row_error(r)
        out.append({"id": rid, "error": err} if err else {"id": rid})
        if not err:
            good.append(i)
    if good:
        try:
            X = claim_pair_features([rows[i] for i in good], encoder=encoder)
            pred = model.predict(X)
            for i, p in zip(good, pred):
                out[i]["relation"] = int(p)
        except Exception as exc:  # one broken batch must not lose the file
            for i in good:
                out[i] = {"id": out[i]["id"], "error": f"{type(exc).__name__}: {exc}"}
    return out


def _macro_f1(y: list[int], p: list[int]) -> float:
    f1s = []
    for c in (0, 1):
        tp = sum(1 for a, b in zip(y, p) if a == c and b == c)
        fp = sum(1 for a, b in zip(y, p) if a != c and b == c)
        fn = sum(1 for a, b in zip(y, p) if a == c and b != c)
        f1s.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return sum(f1s) / 2


def score_claimdiff(pred_rows: list[dict], gold_rows: list[dict]) -> dict:
    """Macro-F1 (classes 0 and 1) and accuracy against gold ``relation``, overall and per kind.

    Rows are matched by ``id`` (gold rows without ``id`` take their line
    number).  A gold row with no valid prediction (missing, error, not 0/1)
    counts as wrong: it is scored as the opposite of the gold label.
    """
    pred = {}
    for r in pred_rows:
        rel = r.get("relation")
        if rel in (0, 1) and not isinstance(rel, bool):
            pred[str(r.get("id"))] = int(rel)
    ys: dict[str, tuple[list[int], list[int]]] = defaultdict(lambda: ([], []))
    missing = 0
    for i, g in enumerate(gold_rows):
        gid = str(g.get("id", i))
        y = int(g["relation"])
        p = pred.get(gid)
        if p is None:
            missing += 1
            p = 1 - y
        for key in ("all", str(g.get("kind"))):
            ys[key][0].append(y)
            ys[key][1].append(p)
    result: dict[str, Any] = {"n": len(gold_rows), "missing": missing}
    for key, (y, p) in ys.items():
        acc = sum(a == b for a, b in zip(y, p)) / len(y)
        stats = {"macro_f1": round(_macro_f1(y, p), 4), "accuracy": round(acc, 4), "n": len(y)}
        if key == "all":
            result.update({"macro_f1": stats["macro_f1"], "accuracy": stats["accuracy"]})
        else:
            result.setdefault("per_kind", {})[key] = stats
    return result


def _read_jsonl(path: str | Path) -> list[dict]:
    import gzip

    path = Path(path)
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh if line.strip()]
    for i, r in enumerate(rows):
        r.setdefault("id", str(i))
    return rows


#: Plausible held-out mixes of pair types (support, contradict, neither) under
#: which the ``kind``-only rule scores macro-F1 ~0.66-0.67 (as reported for the
#: held-out split) instead of dev's 0.79.  A pair type fixes both kinds' labels:
#: support = (strengthen 1, weaken 0), contradict = (0, 1), neither = (0, 0).
SHIFT_MIXES = {
    "sup.55/con.20/neu.25": (0.55, 0.20, 0.25),
    "sup.45/con.10/neu.45": (0.45, 0.10, 0.45),
    "sup.60/con.25/neu.15": (0.60, 0.25, 0.15),
}


def _weighted_macro_f1(y: np.ndarray, p: np.ndarray, w: np.ndarray) -> float:
    from sklearn.metrics import f1_score

    return float(f1_score(y, p, labels=[0, 1], average="macro", sample_weight=w, zero_division=0))


def shift_weights(kinds: list[str], y: np.ndarray, mix: tuple[float, float, float]) -> np.ndarray:
    """Row weights that turn the (kind, relation) cells of ``y`` into the cells of a pair-type mix.

    ``mix`` = shares of support / contradict / neither pairs; every pair is
    assumed asked both ways, so the target cells are strengthen-1 = sup/2,
    strengthen-0 = (con+neu)/2, weaken-1 = con/2, weaken-0 = (sup+neu)/2.
    Weighting CV predictions this way estimates scores under that label mix
    (within-cell behaviour kept as observed).
    """
    sup, con, neu = mix
    target = {("strengthen", 1): sup / 2, ("strengthen", 0): (con + neu) / 2,
              ("weaken", 1): con / 2, ("weaken", 0): (sup + neu) / 2}
    cells = list(zip(kinds, (int(v) for v in y)))
    count: dict[tuple[str, int], int] = defaultdict(int)
    for c in cells:
        count[c] += 1
    n = len(cells)
    return np.array([target[c] / (count[c] / n) if c in target else 1.0 for c in cells])


def shift_report(kinds: list[str], y: np.ndarray, prob: np.ndarray, pred: np.ndarray,
                 base_pred: np.ndarray) -> dict:
    """Within-kind macro-F1 / AUC and macro-F1 reweighted to :data:`SHIFT_MIXES`."""
    from sklearn.metrics import roc_auc_score

    kinds_a = np.asarray(kinds)
    out: dict[str, Any] = {"within_kind": {}, "shifted_macro_f1": {}}
    for k in KINDS:
        m = kinds_a == k
        if m.sum() == 0:
            continue
        auc = float(roc_auc_score(y[m], prob[m])) if len(set(y[m].tolist())) == 2 else None
        out["within_kind"][k] = {"macro_f1": round(_weighted_macro_f1(y[m], pred[m], np.ones(m.sum())), 4),
                                 "auc": None if auc is None else round(auc, 4)}
    for name, mix in SHIFT_MIXES.items():
        w = shift_weights(kinds, y, mix)
        out["shifted_macro_f1"][name] = {"model": round(_weighted_macro_f1(y, pred, w), 4),
                                         "kind_only": round(_weighted_macro_f1(y, base_pred, w), 4)}
    return out


def _groups(rows: list[dict]) -> list[str]:
    """Fold groups: the topic (one event, two reports, all their claims)."""
    return [_s(r, "topic") or _s(r, "article_a") for r in rows]


def train_claimdiff(dev_path: str | Path, out_path: str | Path | None = MODEL_PATH,
                    folds: int = 5, seed: int = 0, **params: Any) -> dict:
    """Cross-validate, then fit on all of ``dev_path`` and save to ``out_path``.

    Folds are seeded and grouped by topic, so no event has claims on both
    sides of a split; features are computed per fold side from that side's
    rows only (the file-relative ones included), as at prediction time.
    Returns the CV scores of the model and of a ``kind``-only baseline
    (strengthen -> 1, weaken -> 0, i.e. each kind's majority label learnt on
    the training folds) under the same folds, and (``shift``) the model's
    within-kind macro-F1 / AUC and both rules' macro-F1 with the CV
    predictions reweighted to the label mixes of :data:`SHIFT_MIXES`.  ``out_path=None`` skips the fit.
    """
    from sklearn.model_selection import GroupKFold

    from rashomon.embed import english_encoder

    rows = _read_jsonl(dev_path)
    y = np.array([int(r["relation"]) for r in rows])
    groups = _groups(rows)
    encoder = english_encoder()
    cv_pred: list[dict] = []
    base_pred: list[dict] = []
    prob = np.zeros(len(rows))
    splitter = GroupKFold(n_splits=folds, shuffle=True, random_state=seed)
    for tr, te in splitter.split(np.zeros(len(rows)), y, groups):
        tr_rows = [rows[i] for i in tr]
        te_rows = [rows[i] for i in te]
        model = ClaimDiffModel(seed=seed, **params).fit(claim_pair_features(tr_rows, encoder), y[tr])
        prob[te] = model.predict_proba(claim_pair_features(te_rows, encoder))
        cv_pred += predict_claimdiff(te_rows, model=model, encoder=encoder)
        majority = {k: int(round(np.mean([y[i] for i in tr if rows[i]["kind"] == k]))) for k in KINDS}
        base_pred += [{"id": r["id"], "relation": majority[r["kind"]]} for r in te_rows]
    result = {"folds": folds, "seed": seed, "grouped_by": "topic",
              "cv": score_claimdiff(cv_pred, rows), "kind_only_cv": score_claimdiff(base_pred, rows)}
    order = {r["id"]: i for i, r in enumerate(rows)}
    pred = np.zeros(len(rows), dtype=int)
    base = np.zeros(len(rows), dtype=int)
    for p_rows, arr in ((cv_pred, pred), (base_pred, base)):
        for r in p_rows:
            arr[order[r["id"]]] = r.get("relation", 0)
    result["shift"] = shift_report([r["kind"] for r in rows], y, prob, pred, base)
    if out_path is not None:
        model = ClaimDiffModel(seed=seed, **params).fit(claim_pair_features(rows, encoder), y)
        saved = model.save(out_path)
        result["model_path"] = str(saved)
        result["model_bytes"] = saved.stat().st_size
    return result


def main(argv: list[str] | None = None) -> int:
    import argparse

    ap = argparse.ArgumentParser(prog="python -m rashomon.claimdiff", description=__doc__.splitlines()[0])
    ap.add_argument("dev", nargs="?", default=str(Path(__file__).resolve().parents[3] / "shared" / "eval" / "claimdiff_dev.jsonl"))
    ap.add_argument("-o", "--out", default=str(MODEL_PATH))
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--cv-only", action="store_true", help="report CV figures, do not write the model")
    args = ap.parse_args(argv)
    res = train_claimdiff(args.dev, None if args.cv_only else args.out, folds=args.folds, seed=args.seed)
    print(json.dumps(res, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
