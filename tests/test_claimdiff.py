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
