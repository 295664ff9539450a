"""Framing: actor labels across sources, loaded words, offsets, and the BASIL scorer."""

from __future__ import annotations

import pathlib

import pytest

from rashomon.framing import compare_framing, find_loaded, predict_framing, score_framing
from rashomon.model import Article, Paragraph

SEEDS = pathlib.Path(__file__).parents[2] / "shared" / "seeds"


def make_article(id: str, paragraphs: list[str], prefix: str = "") -> Article:
    """An article whose offsets point into an 'original' with junk before each paragraph."""
    original, paras = "", []
    for p in paragraphs:
        original += prefix
        paras.append(Paragraph(len(original), len(original) + len(p), p))
        original += p + "\n"
    return Article(
        id=id, path=f"{id}.txt", text="\n\n".join(paragraphs), paragraphs=paras,
        offsets_into="original", format="text", original=original,
    )


def check_offsets(articles: list[Article], framing) -> None:
    by_id = {a.id: a for a in articles}
    for span in framing.spans():
        assert by_id[span.source].base[span.start : span.end] == span.text


def test_labels_for_one_actor_across_two_sources():
    a = make_article("a", ["Prime Minister Benjamin Netanyahu spoke with Russian leader Vladimir Putin on Sunday."], "JUNK ")
    b = make_article("b", ["Israeli Prime Minister Benjamin Netanyahu spoke with Russian President Vladimir Putin on Sunday."])
    framing = compare_framing([a, b])
    check_offsets([a, b], framing)
    putin = [x for x in framing.labels if "Putin" in x.actor]
    assert putin, [x.actor for x in framing.labels]
    texts = {src: [s.text for s in spans] for src, spans in putin[0].by_source.items()}
    assert any("leader" in t for t in texts["a"])
    assert any("President" in t for t in texts["b"])
    assert all(s.kind == "label" for spans in putin[0].by_source.values() for s in spans)


def test_same_labels_are_not_reported():
    text = "Russian President Vladimir Putin spoke on Sunday."
    a, b = make_article("a", [text]), make_article("b", [text])
    framing = compare_framing([a, b])
    assert not [x for x in framing.labels if "Putin" in x.actor]


def test_loaded_word_with_offsets():
    a = make_article("a", ["The talks were held on Monday.", "Netanyahu sternly rebuked the regime in Tehran."], "xx ")
    framing = compare_framing([a])
    words = {s.text.lower(): s for s in framing.loaded}
    assert "sternly" in words
    s = words["sternly"]
    assert s.kind == "loaded" and s.source == "a"
    assert a.base[s.start : s.end] == "sternly"
    assert s.start == a.base.index("sternly")


def test_neutral_text_has_no_loaded_words():
    a = make_article("a", ["The meeting took place on Tuesday in the capital.", "Officials said the talks lasted an hour."])
    assert compare_framing([a]).loaded == []
    assert find_loaded("The committee met on Tuesday and published its report.") == []


@pytest.mark.skipif(not SEEDS.is_dir(), reason="shared seeds not present")
def test_offsets_invariant_on_seeds():
    from rashomon import extract_file

    articles = [extract_file(p) for p in sorted(SEEDS.glob("*.txt"))]
    framing = compare_framing(articles)
    check_offsets(articles, framing)
    assert framing.labels and framing.loaded
    for actor in framing.labels:
        assert len(actor.by_source) >= 2 and actor.difference > 0


def test_scorer_on_tiny_example():
    gold = [{
        "id": "r1",
        "paragraphs": ["He angrily slammed the plan.", "\"It is bad,\" she said.", "Nothing here."],
        "bias_spans": [
            {"id": "p0", "bias": "lex", "start": 3, "end": 18, "txt": "angrily slammed"},
            {"id": "p1", "bias": "inf", "start": 0, "end": 22, "txt": "\"It is bad,\" she said."},
        ],
    }]
    pred = [{"id": "r1", "spans": [
        {"paragraph": 0, "start": 11, "end": 18, "bias": "lex"},  # 'slammed': 1 of 2 gold tokens
        {"paragraph": 2, "start": 0, "end": 7, "bias": "lex"},    # 'Nothing': a false positive
        {"paragraph": 1, "start": 0, "end": 5, "bias": "inf"},
        {"paragraph": 2, "start": 0, "end": 5, "bias": "inf"},
    ]}]
    scores = score_framing(pred, gold)
    assert scores["lex"] == {"precision": 0.5, "recall": 0.5, "f1": 0.5}
    assert scores["inf"] == {"precision": 0.5, "recall": 1.0, "f1": 0.6667}
    assert score_framing(predict_framing([{"id": "r1", "paragraphs": gold[0]["paragraphs"]}]), gold)["rows"] == 1


def test_predict_framing_bad_row_gives_error():
    out = predict_framing([{"id": "x", "paragraphs": None}, {"id": "y", "paragraphs": ["A scathing review."]}])
    assert out[0]["id"] == "x" and "error" in out[0]
    assert out[1]["id"] == "y" and any(s["bias"] == "lex" for s in out[1]["spans"])
