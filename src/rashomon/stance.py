"""Stance of a news body towards a claim (headline): the FNC-1 ``stance`` task.

Each pair (claim, body) gets one of ``agree``, ``disagree``, ``discuss`` or ``unrelated``.

The model is two gradient-boosted tree stages (sklearn ``HistGradientBoostingClassifier``)
over a small, hand-built feature vector (see :func:`features`):

1. related vs unrelated, on every pair;
2. agree / disagree / discuss, on related pairs only, with class weights so that the rare
   ``disagree`` class is not drowned.

``P(unrelated) = p1`` and ``P(label) = (1 - p1) * p2(label)`` for the three related labels.
Stage 1 sees the relatedness and cue columns; stage 2 also sees stance extras (VADER polarity
of the claim against its closest body sentences, cue groups weighted by each sentence's
similarity to the claim, claim words negated in the body, and topic-independent refutation
evidence: strong refute words and phrases such as "hoax", "debunked", "not true", "no evidence"
in the sentences closest to the claim and near the claim's capitalised names, hedges and
negation in the claim against its closest sentences, whether the claim's numbers and names
occur in the body, and MiniLM "restatement contrasts": the claim is restated as refuted, as
confirmed and as merely reported, and each of the body's first 15 sentences is scored by its
MiniLM cosine with a restatement minus its cosine with the plain claim).  The label is the argmax with
``P(disagree)`` scaled by :data:`DISAGREE_BOOST` (chosen by grouped CV for macro-F1).

Everything but the restatement contrasts is lexical and fast: tf-idf cosines (idf learnt on the training bodies and
claims), word and bigram overlap, which body sentences are closest to the claim, and counts
of refuting / hedging / confirming words in those sentences, near the claim's words, and in
the claim itself.  The contrasts use the packaged English MiniLM (:func:`rashomon.embed.english_encoder`,
int8 ONNX): no network, no model hub, no spaCy.  Each body is processed once per call
however many claims it is paired with.

Training recipe (dev split only, seeded)::

    .venv/bin/python -m rashomon.stance            # CV figures, then fit on all and save
    # = train_stance(DEV, BODIES, "src/rashomon/models/stance.joblib", folds=5, seed=0)

Cross-validation is grouped by body (``GroupKFold`` on ``body_id``): no body is seen in
training and in test.  Claims do recur across bodies (the same headline is paired with many
bodies), so the figures are still somewhat optimistic for unseen topics; ``train_stance``
also reports a stricter split grouped by connected topic (claims and bodies linked by a
related pair).
"""

from __future__ import annotations

import gzip
import json
import re
import time
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from rashomon.nlp import vader

__all__ = [
    "LABELS",
    "StanceModel",
    "features",
    "feature_names",
    "predict_stance",
    "score_stance",
    "train_stance",
    "load_model",
    "MODEL_PATH",
]

LABELS = ("agree", "disagree", "discuss", "unrelated")
RELATED = ("agree", "disagree", "discuss")
MODEL_PATH = Path(__file__).parent / "models" / "stance.joblib"

_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
_SENT = re.compile(r"(?<=[.!?\"”])\s+(?=[A-Z0-9\"“'‘(])|\s*\n+\s*")
_STOP = frozenset(ENGLISH_STOP_WORDS) | {"said", "says", "according", "also", "told", "just", "new"}

# Cue words; each group is a count feature, and each word also its own count in the
# sentences closest to the claim.
REFUTE = (
    "fake", "fraud", "hoax", "false", "deny", "denies", "denied", "denial", "not", "despite",
    "nope", "doubt", "doubts", "bogus", "debunk", "debunked", "debunks", "pranks", "prank",
    "retract", "retracted", "rumor", "rumors", "rumour", "rumours", "satire", "satirical",
    "untrue", "misleading", "refute", "refuted", "refutes", "dismissed", "dismiss", "myth",
    "never", "no", "nothing", "baseless", "fabricated", "incorrect", "wrong", "claimed",
    "insists", "insisted", "contrary", "however", "actually", "truth", "fiction", "joke",
)
HEDGE = (
    "reportedly", "allegedly", "alleged", "claims", "claim", "claimed", "apparently", "may",
    "might", "could", "possibly", "possible", "perhaps", "rumored", "rumoured", "unconfirmed",
    "unverified", "suggest", "suggests", "suggested", "appears", "appear", "believed",
    "purportedly", "purported", "supposedly", "report", "reports", "reported", "according",
    "sources", "if", "whether", "unclear", "speculation", "seems", "likely",
)
AGREE = (
    "confirmed", "confirms", "confirm", "announced", "official", "officially", "revealed",
    "shows", "showed", "found", "video", "footage", "photos", "pictured", "indeed", "true",
    "evidence", "statement", "said", "told",
)
NEGATION = ("not", "no", "never", "n't", "nothing", "none", "nobody", "neither", "nor", "without")
_CUES = tuple(dict.fromkeys(REFUTE + HEDGE + AGREE + NEGATION))
_CUE_INDEX = {w: i for i, w in enumerate(_CUES)}
_GROUPS = {
    "refute": frozenset(REFUTE),
    "hedge": frozenset(HEDGE),
    "agree": frozenset(AGREE),
    "neg": frozenset(NEGATION),
}
_CLAIM_CUES = tuple(dict.fromkeys(REFUTE + NEGATION + HEDGE))
#: OpenMP threads for the tree models: on a loaded 2-core machine more threads than one
#: oversubscribe and make training several times slower.
THREADS = 1
_WINDOW = 8  # tokens either side of a cue word that count as "near"
_TOP = 3  # body sentences closest to the claim
#: tokens that negate what follows them (for "claim words negated in the body")
_NEGATORS = frozenset(NEGATION) | {"deny", "denies", "denied", "false", "fake", "hoax"}
#: P(disagree) is multiplied by this before the argmax over the related labels; chosen by
#: grouped CV on dev for macro-F1 (1.5: +0.007 macro-F1 for -0.1 FNC points grouped by body)
DISAGREE_BOOST = 1.5

# Topic-independent refutation evidence (stance extras): strong refute words and phrases,
# hedges, negations, numbers and capitalised names, matched on the raw text.
_STRONG = re.compile(
    r"\b(hoax\w*|fake\w*|false\w*|debunk\w*|satir\w*|spoof\w*|parody|parodies|photoshop\w*|doctored|"
    r"fabricat\w*|untrue|rumou?rs?|myths?|bogus|pranks?|prankster|den(?:y|ies|ied|ial)|dismiss\w*|refut\w*|"
    r"retract\w*|baseless|unfounded|misleading|made[ -]up|not true|no evidence|no truth|no proof|never happened|"
    r"not real|isn't true|wasn't true|no such|scam\w*|conspiracy|urban legend|snopes|clarif\w*|inaccurate|"
    r"erroneous\w*|mistaken\w*)\b", re.I)
_HEDGE_RE = re.compile(
    r"\b(reportedly|allegedly|alleged|claims?|claimed|may|might|could|rumou?red|report|reports|says|said|"
    r"purported\w*|apparently|possibly|believed|appears?|suspected|feared|unconfirmed)\b", re.I)
_NUM = re.compile(r"\b\d[\d,.]*\b")
_NEG_RE = re.compile(r"\b(not|no|never|n't|nothing|none|without|neither|nor)\b|n't\b", re.I)
_CAP = re.compile(r"\b[A-Z][a-zA-Z]{2,}\b")
_CAP_STOP = frozenset({"the", "this", "that", "new", "man", "woman"})
#: body sentences the MiniLM restatement contrasts read (embedding them is the cost)
_EMBED_SENTS = 15
#: the claim restated as refuted, as confirmed and as merely reported (stance extras)
_TEMPLATES = {
    "refuted": "{} is a hoax: the story is false, fake and was debunked.",
    "confirmed": "It is confirmed and true: {}.",
    "reported": "Reports claim that {}, but it is unconfirmed and unclear.",
}


def _polarity(text: str) -> float:
    return float(vader().polarity_scores(text[:400])["compound"])


def _tokens(text: str) -> list[str]:
    toks = _WORD.findall(text.lower().replace("’", "'"))
    out = []
    for t in toks:
        if t.endswith("n't"):
            out.extend((t[:-3], "n't"))
        else:
            out.append(t)
    return out


def _content(tokens: Iterable[str]) -> list[str]:
    return [_stem(t) for t in tokens if t not in _STOP and (len(t) > 2 or t.isdigit())]


@lru_cache(maxsize=200_000)
def _stem(t: str) -> str:
    """A crude suffix strip, so that "denies"/"denied"/"deny" share a feature of overlap."""
    for suf in ("ing", "ed", "es", "s"):
        if len(t) > len(suf) + 3 and t.endswith(suf):
            return t[: -len(suf)]
    return t


def _sentences(body: str) -> list[str]:
    sents = [s.strip() for s in _SENT.split(body) if s and s.strip()]
    return sents or [body.strip() or ""]


def _bigrams(words: Sequence[str]) -> set[tuple[str, str]]:
    return set(zip(words, words[1:]))


class _Body:
    """Everything about one body that does not depend on the claim (computed once)."""

    __slots__ = ("n_sent", "words", "word_set", "bigrams", "lead_set", "sent_sets", "vec", "sent_vecs",
                 "lead_vec", "cue_sent", "cue_body", "cue_pos", "n_tokens", "sent_group", "length",
                 "sent_pol", "sent_negated", "sent_negators", "negated", "first_refute", "qmarks", "quotes",
                 "strong", "hedge", "neg", "n_words", "nums", "caps", "lead_caps", "strong_caps", "strong_pos",
                 "lead_sents")

    def __init__(self, body: str, vectorizer) -> None:
        sents = _sentences(body)
        self.lead_sents = sents[:_EMBED_SENTS]  # what the MiniLM restatement contrasts read
        self.n_sent = len(sents)
        sent_tokens = [_tokens(s) for s in sents]
        sent_words = [_content(t) for t in sent_tokens]
        self.words = [w for ws in sent_words for w in ws]
        self.word_set = frozenset(self.words)
        self.bigrams = _bigrams(self.words)
        self.lead_set = frozenset(w for ws in sent_words[:2] for w in ws)
        self.sent_sets = [frozenset(ws) for ws in sent_words]
        docs = [" ".join(ws) for ws in sent_words]
        mats = vectorizer.transform([" ".join(self.words), " ".join(w for ws in sent_words[:3] for w in ws)] + docs)
        self.vec, self.lead_vec, self.sent_vecs = mats[0], mats[1], mats[2:]
        # cue-word counts per sentence (n_sent x n_cues) and group counts per sentence
        cue = np.zeros((self.n_sent, len(_CUES)), dtype=np.float32)
        group = np.zeros((self.n_sent, len(_GROUPS)), dtype=np.float32)
        # positions of cue words with the content words around them, per group
        self.cue_pos: dict[str, list[frozenset[str]]] = {g: [] for g in _GROUPS}
        for i, toks in enumerate(sent_tokens):
            for j, t in enumerate(toks):
                k = _CUE_INDEX.get(t)
                if k is None:
                    continue
                cue[i, k] += 1
                window = None
                for gi, (g, words) in enumerate(_GROUPS.items()):
                    if t in words:
                        group[i, gi] += 1
                        if window is None:
                            window = frozenset(_content(toks[max(0, j - _WINDOW): j + _WINDOW + 1]))
                        self.cue_pos[g].append(window)
        self.cue_sent = cue
        self.cue_body = np.log1p(cue.sum(axis=0))
        self.sent_group = group
        self.n_tokens = sum(len(t) for t in sent_tokens)
        self.length = len(body)
        self.sent_pol = np.array([_polarity(x) for x in sents], dtype=np.float32)
        # content words within 4 tokens after a negator, per sentence
        negated = []
        for toks in sent_tokens:
            ws: set[str] = set()
            for j, t in enumerate(toks):
                if t in _NEGATORS:
                    ws.update(_content(toks[j + 1: j + 5]))
            negated.append(frozenset(ws))
        self.sent_negated = negated
        self.sent_negators = np.array([sum(t in _NEGATORS for t in toks) for toks in sent_tokens], dtype=np.float32)
        self.negated = frozenset().union(*negated)
        ref = np.flatnonzero(group[:, 0] > 0)
        self.first_refute = ref[0] / max(1, self.n_sent - 1) if len(ref) else 1.5
        self.qmarks = body.count("?")
        self.quotes = sum(body.count(q) for q in '"“”') / 2
        self.strong = np.array([len(_STRONG.findall(x)) for x in sents], dtype=np.float32)
        self.hedge = np.array([len(_HEDGE_RE.findall(x)) for x in sents], dtype=np.float32)
        self.neg = np.array([bool(_NEG_RE.search(x)) for x in sents], dtype=np.float32)
        self.n_words = max(1, len(body.split()))
        self.nums = frozenset(_NUM.findall(body))
        self.caps = frozenset(w.lower() for w in _CAP.findall(body))
        self.lead_caps = frozenset(w.lower() for w in _CAP.findall(" ".join(sents[:2])))
        self.strong_caps = frozenset(w.lower() for x, k in zip(sents, self.strong) if k > 0 for w in _CAP.findall(x))
        self.strong_pos = np.flatnonzero(self.strong > 0)


class _Claim:
    __slots__ = ("words", "word_set", "bigrams", "vec", "cues", "group", "question", "n_tokens", "pol",
                 "strong", "hedge", "neg", "nums", "caps")

    def __init__(self, claim: str, vectorizer) -> None:
        toks = _tokens(claim)
        self.words = _content(toks)
        self.word_set = frozenset(self.words)
        self.bigrams = _bigrams(self.words)
        self.vec = vectorizer.transform([" ".join(self.words)])[0]
        self.group = np.array([sum(t in g for t in toks) for g in _GROUPS.values()], dtype=np.float32)
        self.question = float("?" in claim)
        ts = set(toks)
        self.cues = np.array([w in ts for w in _CLAIM_CUES], dtype=np.float32)
        self.n_tokens = len(toks)
        self.pol = _polarity(claim)
        self.strong = len(_STRONG.findall(claim))
        self.hedge = len(_HEDGE_RE.findall(claim))
        self.neg = float(bool(_NEG_RE.search(claim)))
        self.nums = frozenset(_NUM.findall(claim))
        self.caps = frozenset(w.lower() for w in _CAP.findall(claim)) - _CAP_STOP


def feature_names() -> list[str]:
    """Names of the columns :func:`features` returns, in order."""
    names = [
        "cos_body", "cos_lead", "cos_sent_max", "cos_sent_top3", "cos_sent_argmax_pos",
        "overlap_claim", "overlap_jaccard", "overlap_lead", "overlap_sent_max", "bigram_overlap",
        "n_shared", "claim_words", "body_tokens_log", "body_sents_log",
    ]
    for g in _GROUPS:
        names += [f"{g}_body_rate", f"{g}_top", f"{g}_lead", f"{g}_near_claim", f"{g}_claim"]
    names += ["refute_claim_x_body", "claim_question", "claim_tokens"]
    names += [f"cue_top_{w}" for w in _CUES]
    names += [f"cue_body_{w}" for w in _CUES]
    names += [f"cue_claim_{w}" for w in _CLAIM_CUES]
    names += _STANCE_EXTRA
    return names


def _n_rel() -> int:
    """Stage 1 (related vs unrelated) sees the first columns only, not the stance extras."""
    return len(feature_names()) - len(_STANCE_EXTRA)


#: stance-only columns, after the ones stage 1 uses
_STANCE_EXTRA = [
    "pol_claim", "pol_best", "pol_top3", "pol_weighted", "pol_lead", "pol_diff", "pol_prod", "pol_neg_share_top",
    "refute_weighted", "refute_maxcos", "hedge_weighted", "hedge_maxcos", "agree_weighted", "agree_maxcos",
    "neg_weighted", "neg_maxcos", "negated_claim_words", "negated_claim_words_top", "best_has_refute",
    "best_has_neg", "first_refute_pos", "body_qmarks_log", "body_quotes_log", "cos_best_minus_mean",
    # strong refutation evidence, hedges, negation mismatch, numbers and names
    "strong_body_rate", "strong_lead", "strong_top", "strong_weighted", "strong_maxcos", "strong_first_pos",
    "strong_near_names", "claim_strong", "claim_hedge", "claim_qmark", "claim_neg", "claim_x_body_strong",
    "claim_numbers", "claim_numbers_in_body", "claim_names", "claim_names_in_body", "claim_names_in_lead",
    "neg_mismatch_top", "neg_mismatch_best", "hedge_phrase_body_rate", "hedge_phrase_top", "strong_share_similar",
]
#: MiniLM restatement contrasts, per template: cos(sentence, restated claim) - cos(sentence, claim)
#: at the sentence closest to the claim (by MiniLM), the mean over the three closest, the most
#: over the first sentences, and the mean over the first two
_EMB_EXTRA = [f"emb_{t}_{w}" for t in _TEMPLATES for w in ("best", "top3", "max", "lead")]
_STANCE_EXTRA += _EMB_EXTRA


def features(pairs: Sequence[tuple[str, str]], vectorizer=None) -> np.ndarray:
    """Feature matrix ``(len(pairs), len(feature_names()))`` for (claim, body) pairs.

    Columns (float32; see :func:`feature_names`):

    * relatedness: tf-idf cosine of the claim with the whole body, with its first three
      sentences, with its closest sentence and the mean of its three closest, and where that
      closest sentence sits (0 = first, 1 = last); share of the claim's content words found in
      the body, the Jaccard of both word sets, claim words in the first two sentences and in
      the best-matching sentence, share of the claim's bigrams in the body; counts and sizes;
    * stance, per cue group (refute, hedge, agree, negation): cues per body token, cues in the
      three sentences closest to the claim, in the first two sentences, cue occurrences with
      a claim word within 8 tokens, and cues in the claim itself; a refute-in-claim x
      refute-near-claim interaction, whether the claim is a question;
    * one count per cue word in the three closest sentences, and in the whole body (log1p);
      whether each refute / negation / hedge cue word is in the claim;
    * stance extras (stage 2 only; see :data:`_STANCE_EXTRA`), the last 12 being the MiniLM
      restatement contrasts of :func:`_contrast_columns`.

    ``vectorizer`` is a fitted tf-idf over content words (what :class:`StanceModel` holds);
    without one, a vectorizer is fitted on the pairs' own texts.  Each distinct body and
    claim is processed once.
    """
    if vectorizer is None:
        vectorizer = _fit_vectorizer([c for c, _ in pairs], [b for _, b in pairs])
    bodies: dict[str, _Body] = {}
    claims: dict[str, _Claim] = {}
    n_feat = len(feature_names())
    X = np.zeros((len(pairs), n_feat), dtype=np.float32)
    # group row indices by body so claim-vs-sentence cosines are one sparse product per body
    by_body: dict[str, list[int]] = {}
    for i, (claim, body) in enumerate(pairs):
        by_body.setdefault(body, []).append(i)
    for body, idx in by_body.items():
        b = bodies.get(body) or bodies.setdefault(body, _Body(body, vectorizer))
        cs = []
        for i in idx:
            claim = pairs[i][0]
            c = claims.get(claim)
            if c is None:
                c = claims[claim] = _Claim(claim, vectorizer)
            cs.append(c)
        import scipy.sparse as sp

        C = sp.vstack([c.vec for c in cs])
        cos_sent = (C @ b.sent_vecs.T).toarray()  # (k, n_sent)
        cos_body = (C @ b.vec.T).toarray().ravel()
        cos_lead = (C @ b.lead_vec.T).toarray().ravel()
        for r, (i, c) in enumerate(zip(idx, cs)):
            X[i] = _pair_row(c, b, cos_sent[r], cos_body[r], cos_lead[r], n_feat)
    if len(pairs):
        X[:, n_feat - len(_EMB_EXTRA):] = _contrast_columns(pairs, {text: b.lead_sents for text, b in bodies.items()})
    return X


def _contrast_columns(pairs: Sequence[tuple[str, str]], lead_sents: dict[str, list[str]]) -> np.ndarray:
    """The MiniLM restatement contrasts (:data:`_EMB_EXTRA`), one row per pair.

    Each distinct claim is embedded plain and once per template, each distinct body's first
    :data:`_EMBED_SENTS` sentences (``lead_sents``, split once by ``_Body``) once; all in a
    single encoder call.
    """
    from rashomon.embed import english_encoder

    claims = list(dict.fromkeys(c for c, _ in pairs))
    bodies = list(dict.fromkeys(b for _, b in pairs))
    sents = [lead_sents[b] for b in bodies]
    restated = [t.format(c.rstrip(" .?!")) for t in _TEMPLATES.values() for c in claims]
    flat = [s for ss in sents for s in ss]
    V = english_encoder().encode(claims + restated + flat)
    n_c, n_t = len(claims), len(_TEMPLATES)
    C = V[:n_c]
    T = V[n_c: n_c * (1 + n_t)].reshape(n_t, n_c, -1)
    B = V[n_c * (1 + n_t):]
    c_idx = {c: i for i, c in enumerate(claims)}
    spans, start = {}, 0
    for b, ss in zip(bodies, sents):
        spans[b] = (start, start + len(ss))
        start += len(ss)
    out = np.zeros((len(pairs), len(_EMB_EXTRA)), dtype=np.float32)
    for i, (claim, body) in enumerate(pairs):
        j = c_idx[claim]
        a, z = spans[body]
        sb = B[a:z]
        cs = sb @ C[j]
        top = np.argsort(-cs, kind="stable")[:_TOP]
        d = sb @ T[:, j].T - cs[:, None]  # (n_sent, n_templates)
        out[i] = np.stack([d[top[0]], d[top].mean(axis=0), d.max(axis=0), d[:2].mean(axis=0)], axis=1).ravel()
    return out


def _pair_row(c: _Claim, b: _Body, cs: np.ndarray, cos_body: float, cos_lead: float, n_feat: int) -> np.ndarray:
    row = np.zeros(n_feat, dtype=np.float32)
    n_c = max(1, len(c.word_set))
    shared = c.word_set & b.word_set
    order = np.argsort(-cs, kind="stable")
    top = order[:_TOP]
    best = int(order[0])
    row[0] = cos_body
    row[1] = cos_lead
    row[2] = cs[best]
    row[3] = float(cs[top].mean())
    row[4] = best / max(1, b.n_sent - 1)
    row[5] = len(shared) / n_c
    row[6] = len(shared) / max(1, len(c.word_set | b.word_set))
    row[7] = len(c.word_set & b.lead_set) / n_c
    row[8] = len(c.word_set & b.sent_sets[best]) / n_c
    row[9] = len(c.bigrams & b.bigrams) / max(1, len(c.bigrams))
    row[10] = len(shared)
    row[11] = len(c.word_set)
    row[12] = np.log1p(b.n_tokens)
    row[13] = np.log1p(b.n_sent)
    k = 14
    top_groups = b.sent_group[top].sum(axis=0)
    lead_groups = b.sent_group[:2].sum(axis=0)
    for gi, g in enumerate(_GROUPS):
        windows = b.cue_pos[g]
        near = sum(1 for w in windows if not c.word_set.isdisjoint(w))
        row[k] = b.sent_group[:, gi].sum() / max(1, b.n_tokens) * 100
        row[k + 1] = top_groups[gi]
        row[k + 2] = lead_groups[gi]
        row[k + 3] = near
        row[k + 4] = c.group[gi]
        k += 5
    row[k] = float(c.group[0] > 0) * 2 - 1 if top_groups[0] == 0 else (float(c.group[0] > 0) * 2 - 1) * top_groups[0]
    row[k + 1] = c.question
    row[k + 2] = c.n_tokens
    k += 3
    n_cues = len(_CUES)
    row[k: k + n_cues] = b.cue_sent[top].sum(axis=0)
    row[k + n_cues: k + 2 * n_cues] = b.cue_body
    k += 2 * n_cues
    row[k: k + len(c.cues)] = c.cues
    k += len(c.cues)
    # stance extras: polarity of the claim vs the closest sentences, cue groups weighted by
    # each sentence's similarity to the claim, claim words negated in the body
    pol_top = float(b.sent_pol[top].mean())
    w = cs / (cs.sum() + 1e-6)
    ext = [c.pol, b.sent_pol[best], pol_top, float((w * b.sent_pol).sum()), b.sent_pol[0], c.pol - pol_top,
           c.pol * pol_top, float((b.sent_pol[top] < -0.3).mean())]
    for counts in (b.sent_group[:, 0], b.sent_group[:, 1], b.sent_group[:, 2], b.sent_negators):
        has = counts > 0
        ext += [float((w * counts).sum()), float(cs[has].max()) if has.any() else 0.0]
    neg_top = frozenset().union(*(b.sent_negated[t] for t in top))
    ext += [len(c.word_set & b.negated) / n_c, len(c.word_set & neg_top) / n_c,
            float(b.sent_group[best, 0] > 0), float(b.sent_negators[best] > 0), b.first_refute,
            np.log1p(b.qmarks), np.log1p(b.quotes), float(cs[best] - cs.mean())]
    n_caps = max(1, len(c.caps))
    similar = cs >= max(0.15, cs[best] * 0.5)
    sp = b.strong_pos
    ext += [b.strong.sum() / b.n_words * 100, b.strong[:2].sum(), b.strong[top].sum(), float((w * b.strong).sum()),
            float(cs[sp].max()) if len(sp) else 0.0, sp[0] / max(1, b.n_sent - 1) if len(sp) else 1.5,
            len(c.caps & b.strong_caps) / n_caps, c.strong, c.hedge, c.question, c.neg,
            (float(c.strong > 0) * 2 - 1) if b.strong.sum() > 0 else 0.0,
            len(c.nums), len(c.nums & b.nums) / len(c.nums) if c.nums else -1.0, len(c.caps),
            len(c.caps & b.caps) / n_caps, len(c.caps & b.lead_caps) / n_caps,
            float((np.abs(b.neg[top] - c.neg) * cs[top]).sum()), float(abs(b.neg[best] - c.neg)),
            b.hedge.sum() / b.n_words * 100, b.hedge[top].sum(),
            float((b.strong[similar] > 0).mean()) if similar.any() else 0.0]
    row[k: k + len(ext)] = ext  # the MiniLM contrasts after these are filled in by features()
    return row


def _fit_vectorizer(claims: Sequence[str], bodies: Sequence[str]):
    from sklearn.feature_extraction.text import TfidfVectorizer

    docs = [" ".join(_content(_tokens(t))) for t in dict.fromkeys(list(bodies) + list(claims))]
    vec = TfidfVectorizer(analyzer=str.split, sublinear_tf=True, min_df=2, dtype=np.float32)
    vec.fit(docs)
    return vec


class StanceModel:
    """Two-stage gradient boosting over :func:`features`.

    ``fit(pairs, labels)`` with pairs of (claim, body) and labels from :data:`LABELS`;
    ``predict_proba(pairs)`` gives ``(n, 4)`` columns in :data:`LABELS` order;
    ``predict(pairs)`` the argmax labels.  ``save(path)`` / ``StanceModel.load(path)`` use joblib.
    """

    def __init__(self, seed: int = 0, disagree_weight: float = 8.0, agree_weight: float = 2.0,
                 max_iter: int = 150, learning_rate: float = 0.1, max_leaf_nodes: int = 31) -> None:
        self.seed = seed
        self.disagree_weight = disagree_weight
        self.agree_weight = agree_weight
        self.max_iter = max_iter
        self.learning_rate = learning_rate
        self.max_leaf_nodes = max_leaf_nodes
        self.vectorizer = None
        self.related_clf = None
        self.stance_clf = None

    def _gb(self):
        from sklearn.ensemble import HistGradientBoostingClassifier

        return HistGradientBoostingClassifier(
            max_iter=self.max_iter, learning_rate=self.learning_rate, max_leaf_nodes=self.max_leaf_nodes,
            l2_regularization=1.0, min_samples_leaf=40, random_state=self.seed, early_stopping=False,
        )

    def features(self, pairs: Sequence[tuple[str, str]]) -> np.ndarray:
        return features(pairs, self.vectorizer)

    def fit(self, pairs: Sequence[tuple[str, str]], labels: Sequence[str], X: np.ndarray | None = None) -> "StanceModel":
        if self.vectorizer is None:
            self.vectorizer = _fit_vectorizer([c for c, _ in pairs], [b for _, b in pairs])
        if X is None:
            X = self.features(pairs)
        return self.fit_features(X, labels)

    def fit_features(self, X: np.ndarray, labels: Sequence[str]) -> "StanceModel":
        from threadpoolctl import threadpool_limits

        with threadpool_limits(THREADS):
            return self._fit_features(X, labels)

    def _fit_features(self, X: np.ndarray, labels: Sequence[str]) -> "StanceModel":
        y = np.asarray(labels)
        related = y != "unrelated"
        self.related_clf = self._gb().fit(X[:, :_n_rel()], related.astype(int))
        weights = {"agree": self.agree_weight, "disagree": self.disagree_weight, "discuss": 1.0}
        yr = y[related]
        sw = np.array([weights[v] for v in yr], dtype=np.float64)
        self.stance_clf = self._gb().fit(X[related], yr, sample_weight=sw)
        return self

    def proba_features(self, X: np.ndarray) -> np.ndarray:
        from threadpoolctl import threadpool_limits

        with threadpool_limits(THREADS):
            p_rel = self.related_clf.predict_proba(X[:, :_n_rel()])[:, 1]
            p2 = self.stance_clf.predict_proba(X)
        cols = list(self.stance_clf.classes_)
        out = np.zeros((len(X), 4), dtype=np.float64)
        for j, lab in enumerate(RELATED):
            if lab in cols:  # a class absent from the training labels keeps probability 0
                out[:, j] = p_rel * p2[:, cols.index(lab)]
        out[:, 3] = 1 - p_rel
        return out

    def predict_proba(self, pairs: Sequence[tuple[str, str]]) -> np.ndarray:
        return self.proba_features(self.features(pairs))

    @staticmethod
    def decide(proba: np.ndarray, disagree_boost: float = DISAGREE_BOOST) -> list[str]:
        """Unrelated when P(unrelated) > 0.5, else the likeliest related label, with
        P(disagree) scaled by ``disagree_boost`` first (the rare class gets a lower bar)."""
        rel = proba[:, 3] <= 0.5
        boost = np.array([1.0, disagree_boost, 1.0])
        best = (proba[:, :3] * boost).argmax(axis=1)
        return [LABELS[b] if r else "unrelated" for b, r in zip(best, rel)]

    def predict(self, pairs: Sequence[tuple[str, str]]) -> list[str]:
        return self.decide(self.predict_proba(pairs))

    def save(self, path: str | Path) -> None:
        import joblib

        Path(path).parent.mkdir(parents=True, exist_ok=True)
        joblib.dump(self, path, compress=3)

    @classmethod
    def load(cls, path: str | Path = MODEL_PATH) -> "StanceModel":
        import joblib

        model = joblib.load(path)
        if not isinstance(model, cls):
            raise TypeError(f"{path} does not hold a StanceModel")
        return model


@lru_cache(maxsize=1)
def load_model(path: str = str(MODEL_PATH)) -> StanceModel:
    """The shipped model, loaded once per process."""
    return StanceModel.load(path)


def predict_stance(rows: list[dict], model: StanceModel | None = None) -> list[dict]:
    """Rows {id, claim, body} -> {id, stance}; a row without a usable claim or body -> {id, error}.

    The whole batch is featurised at once, so each distinct body is processed once.
    """
    out: list[dict] = [{} for _ in rows]
    good: list[int] = []
    pairs: list[tuple[str, str]] = []
    for i, row in enumerate(rows):
        rid = row.get("id") if isinstance(row, dict) else None
        out[i] = {"id": rid}
        if not isinstance(row, dict):
            out[i]["error"] = "row is not an object"
            continue
        claim, body = row.get("claim"), row.get("body")
        if not isinstance(claim, str) or not claim.strip():
            out[i]["error"] = "row has no claim"
        elif not isinstance(body, str) or not body.strip():
            out[i]["error"] = "row has no body"
        else:
            good.append(i)
            pairs.append((claim, body))
    if pairs:
        model = model or load_model()
        try:
            labels = model.predict(pairs)
        except Exception:  # featurise one by one, so a single bad pair cannot sink the batch
            labels = []
            for p in pairs:
                try:
                    labels.append(model.predict([p])[0])
                except Exception as exc:
                    labels.append(exc)
        for i, lab in zip(good, labels):
            if isinstance(lab, Exception):
                out[i]["error"] = f"{type(lab).__name__}: {lab}"
            else:
                out[i]["stance"] = lab
    return out


def score_stance(pred_rows: Iterable[dict], gold_rows: Iterable[dict]) -> dict:
    """FNC-1 score (as % of the best possible), macro-F1 over the four classes, per-class F1
    and the confusion matrix (rows gold, columns predicted, in :data:`LABELS` order).

    FNC weighting: +0.25 when related/unrelated is right; +0.75 more when a related gold pair
    gets its exact label.  The best possible is that score for the gold labels themselves.
    A gold row without a valid prediction (missing, or an ``error`` row) scores zero, is
    counted in ``missing`` and stays out of the confusion matrix and the F1s.
    """
    pred = {str(r.get("id")): r.get("stance") for r in pred_rows if isinstance(r, dict)}
    idx = {lab: i for i, lab in enumerate(LABELS)}
    conf = np.zeros((4, 4), dtype=np.int64)
    score = best = 0.0
    missing = 0
    n = 0
    for g in gold_rows:
        gl = g["stance"]
        n += 1
        best += 0.25 if gl == "unrelated" else 1.0
        p = pred.get(str(g.get("id")))
        if p not in idx:
            missing += 1
            continue
        conf[idx[gl], idx[p]] += 1
        if (gl == "unrelated") == (p == "unrelated"):
            score += 0.25
            if gl != "unrelated" and gl == p:
                score += 0.75
    f1 = {}
    for lab, i in idx.items():
        tp = conf[i, i]
        prec = tp / conf[:, i].sum() if conf[:, i].sum() else 0.0
        rec = tp / (conf[i].sum() + 0) if conf[i].sum() else 0.0
        f1[lab] = float(2 * prec * rec / (prec + rec)) if prec + rec else 0.0
    return {
        "fnc_score": 100.0 * score / best if best else 0.0,
        "macro_f1": float(np.mean(list(f1.values()))),
        "f1": f1,
        "accuracy": float(np.trace(conf) / n) if n else 0.0,
        "confusion": {"labels": list(LABELS), "matrix": conf.tolist()},
        "rows": n,
        "missing": missing,
    }


def load_dev(dev_path: str | Path, bodies_path: str | Path) -> list[dict]:
    """Dev rows as {id, claim, body, body_id, stance}; id = 0-based line number."""

    def opener(p):
        return gzip.open(p, "rt", encoding="utf-8") if str(p).endswith(".gz") else open(p, encoding="utf-8")

    with opener(bodies_path) as fh:
        bodies = {(r := json.loads(line))["body_id"]: r["body"] for line in fh if line.strip()}
    rows = []
    with opener(dev_path) as fh:
        for n, line in enumerate(fh):
            if not line.strip():
                continue
            r = json.loads(line)
            rows.append({"id": str(n), "claim": r["claim"], "body": bodies[r["body_id"]],
                         "body_id": r["body_id"], "stance": r["stance"]})
    return rows


def _topic_groups(rows: list[dict]) -> np.ndarray:
    """Connected components of claims and bodies linked by a related pair (one topic each)."""
    parent: dict = {}

    def find(x):
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for r in rows:
        a, b = ("c", r["claim"]), ("b", r["body_id"])
        find(a), find(b)
        if r["stance"] != "unrelated":
            parent[find(a)] = find(b)
    roots = [find(("b", r["body_id"])) for r in rows]
    ids = {root: i for i, root in enumerate(dict.fromkeys(roots))}
    return np.array([ids[r] for r in roots])


def _cv(model_args: dict, X: np.ndarray, rows: list[dict], groups: np.ndarray, folds: int, seed: int) -> dict:
    from sklearn.model_selection import GroupKFold

    y = np.array([r["stance"] for r in rows])
    pred = np.empty(len(rows), dtype=object)
    try:
        splitter = GroupKFold(n_splits=folds, shuffle=True, random_state=seed)
    except TypeError:  # older sklearn: deterministic, no shuffle
        splitter = GroupKFold(n_splits=folds)
    for tr, te in splitter.split(X, y, groups):
        m = StanceModel(seed=seed, **model_args).fit_features(X[tr], y[tr])
        pred[te] = StanceModel.decide(m.proba_features(X[te]))
    return score_stance([{"id": r["id"], "stance": p} for r, p in zip(rows, pred)], rows)


def train_stance(dev_path: str | Path, bodies_path: str | Path, out_path: str | Path = MODEL_PATH,
                 folds: int = 5, seed: int = 0, model_args: dict | None = None, strict: bool = True) -> dict:
    """Cross-validate (grouped by body, seeded), then fit on the whole dev split and save.

    The tf-idf idf is learnt once on all dev texts (unsupervised, no labels) and shared by the
    folds.  Returns {"cv_body": scores, "cv_topic": scores (if strict), "model_path", "model_bytes",
    "feature_seconds", "rows"}.
    """
    model_args = model_args or {}
    rows = load_dev(dev_path, bodies_path)
    pairs = [(r["claim"], r["body"]) for r in rows]
    model = StanceModel(seed=seed, **model_args)
    model.vectorizer = _fit_vectorizer([c for c, _ in pairs], [b for _, b in pairs])
    t = time.perf_counter()
    X = model.features(pairs)
    feat_s = time.perf_counter() - t
    report: dict = {"rows": len(rows), "feature_seconds": round(feat_s, 1)}
    report["cv_body"] = _cv(model_args, X, rows, np.array([r["body_id"] for r in rows]), folds, seed)
    if strict:
        report["cv_topic"] = _cv(model_args, X, rows, _topic_groups(rows), folds, seed)
    model.fit_features(X, [r["stance"] for r in rows])
    if out_path:
        model.save(out_path)
        report["model_path"] = str(out_path)
        report["model_bytes"] = Path(out_path).stat().st_size
    return report


def _print_scores(name: str, s: dict) -> None:
    f1 = "  ".join(f"{k} {v:.3f}" for k, v in s["f1"].items())
    print(f"{name}: FNC {s['fnc_score']:.1f} %  macro-F1 {s['macro_f1']:.3f}  acc {s['accuracy']:.3f}  | {f1}")
    print("  confusion (gold rows x pred cols, " + "/".join(LABELS) + "):")
    for lab, line in zip(LABELS, s["confusion"]["matrix"]):
        print(f"    {lab:>9} {line}")


if __name__ == "__main__":
    import argparse

    shared = Path(__file__).resolve().parents[2].parent / "shared" / "eval"
    ap = argparse.ArgumentParser(description="Train the stance model on the FNC-1 dev split.")
    ap.add_argument("--dev", default=str(shared / "stance_fnc1_dev.jsonl.gz"))
    ap.add_argument("--bodies", default=str(shared / "stance_fnc1_dev_bodies.jsonl.gz"))
    ap.add_argument("--out", default=str(MODEL_PATH))
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--no-strict", action="store_true", help="skip the topic-grouped CV")
    args = ap.parse_args()
    # run through the importable module, so the pickle names rashomon.stance.StanceModel, not __main__
    from rashomon.stance import train_stance as _train

    rep = _train(args.dev, args.bodies, args.out, folds=args.folds, seed=args.seed, strict=not args.no_strict)
    print(f"{rep['rows']} rows, features in {rep['feature_seconds']} s")
    _print_scores(f"CV grouped by body ({args.folds} folds, seed {args.seed})", rep["cv_body"])
    if "cv_topic" in rep:
        _print_scores("CV grouped by topic (stricter)", rep["cv_topic"])
    print(f"saved {rep['model_path']} ({rep['model_bytes'] / 1e6:.2f} MB)")
