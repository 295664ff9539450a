import numpy as np

from rashomon.extract.classifier import RunClassifier, run_context


def test_run_context_shapes_and_edges():
    ctx = run_context(np.array([0.1, 0.9, 0.5], dtype=np.float32))
    assert ctx.shape == (3, 9)
    assert ctx[0, 3] == -1.0  # no block before the first
    assert np.isclose(ctx[1, 0], 0.9)


def test_learns_runs_and_round_trips(tmp_path):
    rng = np.random.default_rng(0)
    docs, labels = [], []
    for _ in range(40):
        n = 30
        y = np.zeros(n, bool)
        a = rng.integers(3, 12)
        y[a : a + 10] = True
        x = np.c_[y + rng.normal(0, 0.6, n), rng.normal(0, 1, n)].astype(np.float32)
        docs.append(x)
        labels.append(y)
    model = RunClassifier(max_iter=50, inner_folds=3).fit(docs[:30], labels[:30])
    acc = np.mean([((model.predict_proba(d) >= 0.5) == y).mean() for d, y in zip(docs[30:], labels[30:])])
    assert acc > 0.85
    model.save(tmp_path / "m.joblib")
    again = RunClassifier.load(tmp_path / "m.joblib")
    assert np.allclose(again.predict_proba(docs[31]), model.predict_proba(docs[31]))
    assert len(model.predict_proba(np.zeros((0, 2), np.float32))) == 0
