import numpy as np

from rashomon.stance import StanceModel, feature_names, features

CLAIM = "Giant squid washes up on beach in Oregon"
AGREE_BODY = (
    "A giant squid washed up on a beach in Oregon on Monday, officials confirmed. "
    "Marine biologists confirmed the animal was a giant squid and took samples from the beach."
)
DENY_BODY = (
    "Photos of a giant squid on an Oregon beach are fake, officials said. "
    "The story is a hoax: no squid washed up in Oregon, the wildlife department denied the reports."
)


def test_stance_extras_see_refutation_near_the_claim():
    X = features([(CLAIM, AGREE_BODY), (CLAIM, DENY_BODY)])
    names = feature_names()
    assert len(set(names)) == len(names)
    col = {n: names.index(n) for n in ("refute_weighted", "negated_claim_words", "best_has_refute")}
    for c in col.values():
        assert X[1, c] > X[0, c]


def test_decide_disagree_boost():
    p = np.array([[0.0, 0.30, 0.35, 0.35]])
    assert StanceModel.decide(p, disagree_boost=1.0) == ["discuss"]
    assert StanceModel.decide(p, disagree_boost=1.5) == ["disagree"]
    assert StanceModel.decide(np.array([[0.1, 0.1, 0.1, 0.7]])) == ["unrelated"]


def test_strong_refutation_and_detail_features():
    names = feature_names()
    col = {n: names.index(n) for n in ("strong_weighted", "strong_top", "strong_near_names", "claim_numbers_in_body",
                                       "claim_names_in_body", "claim_hedge", "claim_qmark")}
    claim = "Oregon officials say 300 squid washed up on a beach"
    other_numbers = "Officials in Oregon counted 12 squid on the beach, not 300 as first reported... "
    X = features([(claim, AGREE_BODY), (claim, DENY_BODY), ("Giant squid reportedly seen in Oregon?", AGREE_BODY)])
    # the denial body carries strong refutation near the claim's names; the agreeing one none
    assert X[1, col["strong_weighted"]] > 0 and X[0, col["strong_weighted"]] == 0
    assert X[1, col["strong_top"]] > X[0, col["strong_top"]]
    assert X[1, col["strong_near_names"]] > 0 and X[0, col["strong_near_names"]] == 0
    # 300 appears in neither body; Oregon does
    assert X[0, col["claim_numbers_in_body"]] == 0
    assert X[0, col["claim_names_in_body"]] == 1.0
    # a claim without numbers gets the -1 marker; hedged question claims are flagged
    assert X[2, col["claim_numbers_in_body"]] == -1.0
    assert X[2, col["claim_hedge"]] >= 1 and X[2, col["claim_qmark"]] == 1.0 and X[0, col["claim_qmark"]] == 0.0
    X2 = features([(claim, other_numbers + AGREE_BODY)])
    assert X2[0, col["claim_numbers_in_body"]] == 1.0


def test_minilm_restatement_contrasts():
    names = feature_names()
    col = {w: names.index(f"emb_refuted_{w}") for w in ("best", "top3", "max", "lead")}
    assert names[-12:] == [n for n in names if n.startswith("emb_")]
    X = features([(CLAIM, AGREE_BODY), (CLAIM, DENY_BODY), (CLAIM, "One sentence only")])
    assert np.isfinite(X).all()
    # the denial body reads closer to "the claim is a hoax" than to the claim; the agreeing one less so
    for c in col.values():
        assert X[1, c] > X[0, c]
    # a body with one sentence: best = top3 = max = lead
    assert X[2, col["best"]] == X[2, col["top3"]] == X[2, col["max"]] == X[2, col["lead"]]
