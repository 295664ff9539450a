"""Behaviour of the claimdiff task: scorer, predictions and bad rows."""

import numpy as np
import pytest

from rashomon.claimdiff import (
    FEATURE_NAMES,
    MODEL_PATH,
    ClaimDiffModel,
    claim_pair_features,
    predict_claimdiff,
    score_claimdiff,
)


def test_score_hand_example():
    gold = [
        {"id": "0", "kind": "strengthen", "relation": 1},
        {"id": "1", "kind": "strengthen", "relation": 0},
        {"id": "2", "kind": "weaken", "relation": 0},
        {"id": "3", "kind": "weaken", "relation": 1},
    ]
    pred = [
        {"id": "0", "relation": 1},
        {"id": "1", "relation": 1},
        {"id": "2", "relation": 0},
        {"id": "3", "error": "bad row"},  # no prediction counts as wrong
    ]
    s = score_claimdiff(pred, gold)
    # overall: y = 1 0 0 1, p = 1 1 0 0 -> class 1: tp1 fp1 fn1 -> 0.5; class 0: tp1 fp1 fn1 -> 0.5
    assert s["accuracy"] == 0.5
    assert s["macro_f1"] == 0.5
    assert s["missing"] == 1
    assert s["per_kind"]["strengthen"]["accuracy"] == 0.5
    assert s["per_kind"]["weaken"]["accuracy"] == 0.5
    # weaken: y = 0 1, p = 0 0 -> class 0 f1 = 2/3, class 1 f1 = 0
    assert s["per_kind"]["weaken"]["macro_f1"] == pytest.approx(1 / 3, abs=1e-4)


def test_score_perfect():
    gold = [{"id": str(i), "kind": k, "relation": r} for i, (k, r) in enumerate([("strengthen", 1), ("weaken", 0)])]
    s = score_claimdiff([{"id": g["id"], "relation": g["relation"]} for g in gold], gold)
    assert s["macro_f1"] == 1.0 and s["accuracy"] == 1.0


ROWS = [
    {"id": "a", "kind": "strengthen", "topic": "Bridge reopens", "date": "2024-01-01",
     "claim_a": "The bridge reopened to traffic on Monday after eight months of repairs.",
     "claim_b": "Cars crossed the river bridge again on Monday, the council said.",
     "article_a": "Bridge reopens after repairs", "article_b": "Town connected again as bridge opens"},
    {"id": "b", "kind": "weaken", "topic": "Bridge reopens", "date": "2024-01-01",
     "claim_a": "The bridge reopened to traffic on Monday after eight months of repairs.",
     "claim_b": "Engineers said the bridge was not safe and should stay closed.",
     "article_a": "Bridge reopens after repairs", "article_b": "Town connected again as bridge opens"},
    {"id": "c", "kind": "strengthen", "topic": "Bridge reopens",
     "claim_a": "Repairs cost about 4 million.", "claim_b": "Buses return to their routes on Wednesday."},
]


def test_features_shape():
    X = claim_pair_features(ROWS)
    assert X.shape == (3, len(FEATURE_NAMES))
    assert np.isfinite(X).all()


@pytest.mark.skipif(not MODEL_PATH.exists(), reason="model not trained")
def test_predict_returns_binary_relations():
    out = predict_claimdiff(ROWS)
    assert [o["id"] for o in out] == ["a", "b", "c"]
    assert all(o["relation"] in (0, 1) and "error" not in o for o in out)


@pytest.mark.skipif(not MODEL_PATH.exists(), reason="model not trained")
def test_bad_rows_get_errors_and_others_survive():
    bad = [
        {"id": "k", "kind": "maybe", "claim_a": "x", "claim_b": "y"},
        {"id": "m", "kind": "weaken", "claim_a": "Only one claim."},
        {"id": "n", "kind": "strengthen", "claim_a": 5, "claim_b": "y"},
        "not a row",
    ]
    out = predict_claimdiff(bad + ROWS[:1])
    assert len(out) == 5
    for o in out[:4]:
        assert "error" in o and "relation" not in o
    assert out[3]["id"] == "3"
    assert out[4]["id"] == "a" and out[4]["relation"] in (0, 1)


def test_model_roundtrip(tmp_path):
    rng = np.random.default_rng(0)
    X = rng.normal(size=(200, len(FEATURE_NAMES))).astype(np.float32)
    y = (X[:, 1] > 0).astype(int)
    m = ClaimDiffModel(max_iter=20).fit(X, y)
    path = m.save(tmp_path / "m.joblib")
    m2 = ClaimDiffModel.load(path)
    assert (m2.predict(X) == m.predict(X)).all()
    assert predict_claimdiff([], model=m2) == []


def test_second_pass_cues():
    from rashomon.claimdiff import FEATURE_NAMES as N

    rows = [
        {"id": "x", "kind": "weaken", "topic": "Budget vote",
         "claim_a": "Senator Warren said the plan costs 40 billion dollars.",
         "claim_b": "The treasury denied that, saying there is no evidence it costs 25 billion.",
         "article_a": "Warren attacks budget plan", "article_b": "Treasury defends budget"},
        {"id": "y", "kind": "strengthen", "topic": "Budget vote",
         "claim_a": "Senator Warren said the plan costs 40 billion dollars.",
         "claim_b": "On Monday Senator Warren repeated that the plan would cost 40 billion.",
         "article_a": "Warren attacks budget plan", "article_b": "Treasury defends budget"},
    ]
    X = claim_pair_features(rows)
    col = {n: i for i, n in enumerate(N)}
    assert X[0, col["num_conflict"]] == 1 and X[1, col["num_conflict"]] == 0
    assert X[0, col["doubt_only_b"]] == 1 and X[1, col["doubt_only_b"]] == 0
    assert X[0, col["doubt_b"]] >= 2  # "denied", "no evidence"
    assert X[1, col["actor_cov_a"]] == 1.0 and X[0, col["actor_cov_a"]] == 0.0
    assert X[0, col["actor_none_shared"]] == 1 and X[1, col["actor_none_shared"]] == 0
    # a file-relative topic figure is shared by the topic's rows
    assert X[0, col["topic_mean_cos"]] == pytest.approx(X[1, col["topic_mean_cos"]])
    assert X[0, col["nclaims_b"]] == 2


def test_shift_weights_reach_target_mix():
    from rashomon.claimdiff import shift_weights

    kinds = ["strengthen"] * 6 + ["weaken"] * 6
    y = np.array([1, 1, 1, 1, 0, 0] + [0, 0, 0, 0, 0, 1])
    w = shift_weights(kinds, y, (0.5, 0.25, 0.25))
    share = lambda k, v: w[[i for i in range(12) if kinds[i] == k and y[i] == v]].sum() / w.sum()  # noqa: E731
    assert share("strengthen", 1) == pytest.approx(0.25)
    assert share("strengthen", 0) == pytest.approx(0.25)
    assert share("weaken", 1) == pytest.approx(0.125)
    assert share("weaken", 0) == pytest.approx(0.375)


def test_shift_report_kind_only_drops_under_shift():
    from rashomon.claimdiff import shift_report

    # dev-like cells: (s,1) 1287, (s,0) 570, (w,1) 197, (w,0) 1660
    kinds = ["strengthen"] * 1857 + ["weaken"] * 1857
    y = np.array([1] * 1287 + [0] * 570 + [1] * 197 + [0] * 1660)
    base = np.array([1] * 1857 + [0] * 1857)
    rep = shift_report(kinds, y, y.astype(float), y, base)
    assert rep["within_kind"]["weaken"] == {"macro_f1": 1.0, "auc": 1.0}
    for figs in rep["shifted_macro_f1"].values():
        assert 0.64 < figs["kind_only"] < 0.69
        assert figs["model"] == 1.0
