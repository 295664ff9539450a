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
