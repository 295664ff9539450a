import numpy as np
import pytest

from rashomon import stance
from rashomon.stance import LABELS, StanceModel, feature_names, features, predict_stance, score_stance

CLAIM = "Giant squid washes up on beach in Oregon"
AGREE_BODY = (
    "A giant squid washed up on a beach in Oregon on Monday, officials confirmed.\n\n"
    "The squid, which measured nearly ten metres, was found by a jogger at dawn. "
    "Marine biologists confirmed the animal was a giant squid and took samples from the beach."
)
DENY_BODY = (
    "Photos of a giant squid on an Oregon beach are fake, officials said.\n\n"
    "The story is a hoax: no squid washed up in Oregon. The pictures were doctored and "
    "the claim is false, the state's wildlife department denied the reports."
)
UNRELATED_BODY = (
    "The city council approved a new budget for road repairs on Tuesday. "
    "Parking fees will rise next year, and two bus routes will change in the spring."
)


def test_score_hand_example():
    gold = [
        {"id": "0", "stance": "agree"},
        {"id": "1", "stance": "discuss"},
        {"id": "2", "stance": "unrelated"},
        {"id": "3", "stance": "disagree"},
    ]
    pred = [
        {"id": "0", "stance": "agree"},  # 0.25 + 0.75
        {"id": "1", "stance": "agree"},  # related right, class wrong: 0.25
        {"id": "2", "stance": "unrelated"},  # 0.25
        {"id": "3", "stance": "unrelated"},  # 0
    ]
    s = score_stance(pred, gold)
    best = 1 + 1 + 0.25 + 1
    assert s["fnc_score"] == pytest.approx(100 * (1 + 0.25 + 0.25) / best)
    assert s["f1"]["agree"] == pytest.approx(2 / 3)  # precision 1/2, recall 1
    assert s["f1"]["discuss"] == 0.0 and s["f1"]["disagree"] == 0.0
    assert s["f1"]["unrelated"] == pytest.approx(2 / 3)  # precision 1/2, recall 1
    assert s["macro_f1"] == pytest.approx((2 / 3 + 2 / 3) / 4)
    assert s["confusion"]["labels"] == list(LABELS)
    assert s["confusion"]["matrix"][3][3] == 1 and s["confusion"]["matrix"][2][0] == 1


def test_score_perfect_and_missing():
    gold = [{"id": str(i), "stance": lab} for i, lab in enumerate(LABELS)]
    assert score_stance(gold, gold)["fnc_score"] == pytest.approx(100.0)
    s = score_stance([{"id": "0", "error": "boom"}], gold)
    assert s["fnc_score"] == 0.0 and s["missing"] == 4


def test_features_shape():
    pairs = [(CLAIM, AGREE_BODY), (CLAIM, DENY_BODY), (CLAIM, UNRELATED_BODY), ("Another claim", AGREE_BODY)]
    X = features(pairs)
    assert X.shape == (4, len(feature_names()))
    assert X.dtype == np.float32 and np.isfinite(X).all()
    cos = feature_names().index("cos_body")
    assert X[0, cos] > X[2, cos]  # the squid body is closer to the squid claim than the council one


@pytest.fixture(scope="module")
def model():
    if not stance.MODEL_PATH.exists():
        pytest.skip("shipped stance model not trained")
    return StanceModel.load(stance.MODEL_PATH)


def test_predict_rows(model):
    rows = [
        {"id": "a", "claim": CLAIM, "body": AGREE_BODY},
        {"id": "d", "claim": CLAIM, "body": DENY_BODY},
        {"id": "u", "claim": CLAIM, "body": UNRELATED_BODY},
        {"id": "e1", "claim": CLAIM, "body": ""},
        {"id": "e2", "claim": None, "body": AGREE_BODY},
        {"id": "e3"},
    ]
    out = predict_stance(rows, model)
    assert [o["id"] for o in out] == ["a", "d", "u", "e1", "e2", "e3"]
    for o in out[:3]:
        assert o["stance"] in LABELS and "error" not in o
    for o in out[3:]:
        assert "error" in o and "stance" not in o
    assert out[2]["stance"] == "unrelated"
    assert out[0]["stance"] != "unrelated"
    assert out[1]["stance"] != "unrelated"


def test_fit_predict_proba_roundtrip(tmp_path):
    pairs = [(CLAIM, AGREE_BODY), (CLAIM, DENY_BODY), (CLAIM, UNRELATED_BODY)] * 30
    labels = ["agree", "disagree", "unrelated"] * 30
    m = StanceModel(max_iter=5).fit(pairs, labels)
    p = m.predict_proba(pairs[:3])
    assert p.shape == (3, 4) and np.allclose(p.sum(axis=1), 1.0)
    m.save(tmp_path / "m.joblib")
    m2 = StanceModel.load(tmp_path / "m.joblib")
    assert m2.predict(pairs[:3]) == m.predict(pairs[:3])
