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


def test_a_label_inside_quotation_marks_is_the_speakers_not_the_outlets():
    a = make_article("a", ["The war on Gaza went on. Iran's president accused Israel of the “genocide of a people” on Sunday."])
    b = make_article("b", ["Israel's war with Hamas went on, officials said on Sunday."])
    framing = compare_framing([a, b])
    war = [x for x in framing.labels if x.actor == "the war / conflict"]
    assert war, [x.actor for x in framing.labels]
    texts = [s.text for s in war[0].by_source.get("a", [])]
    assert any("war on Gaza" in t for t in texts)  # the writer's own words
    assert not any("genocide" in t for t in texts)  # the president's, quoted


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


def test_a_tabloids_label_for_a_leader_is_loaded_in_any_case():
    """Kim gold: "TYRANT Kim Jong-un is trying to …" and "The slippery despot …" led the
    summary, as no loaded word was found in them."""
    assert len(find_loaded("TYRANT Kim Jong-un is trying to boost his love life.")) == 1
    assert len(find_loaded("North Korea's despots and tyrants met the press.")) == 2


def test_a_loaded_word_inside_a_quotation_is_the_speakers_not_the_outlets():
    a = make_article("a", ["Netanyahu sternly rebuked the regime in Tehran.", "“They sternly rebuked us,” the minister said."])
    found = [s for s in compare_framing([a]).loaded if s.text.lower() == "sternly"]
    assert len(found) == 1 and found[0].start == a.base.index("sternly")  # the outlet's own, not the quoted one


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


def test_shipped_informational_model_flags_whole_paragraphs():
    from rashomon.framing import INF_FEATURES, load_inf_model

    model = load_inf_model()
    assert model is not None and model["features"] == list(INF_FEATURES)
    assert 0.0 < model["threshold"] < 1.0
    paras = [
        "The Senate passed the bill on Tuesday by a vote of 60 to 40.",
        "Critics have long accused the senator of hypocrisy, and last year he was forced to apologize.",
        "\"This is a disgrace,\" said one furious opponent, who called the vote a betrayal.",
    ]
    rows = [
        {"id": "a", "event": "e1", "title": "Senate passes bill", "main_event": "Senate passes bill", "paragraphs": paras},
        {"id": "b", "event": "e1", "title": "Bill passes", "main_event": "Senate passes bill", "paragraphs": paras[:1]},
    ]
    out = predict_framing(rows)
    assert [o["id"] for o in out] == ["a", "b"]
    for o, row in zip(out, rows):
        for s in o["spans"]:
            if s["bias"] == "inf":
                assert s["start"] == 0 and s["end"] == len(row["paragraphs"][s["paragraph"]])


def test_context_features_use_the_same_event_only():
    import numpy as np

    from rashomon.framing import INF_FEATURES, _inf_features

    shared = "Governor Smith signed the budget in Albany on Friday."
    rows = [
        {"event": "e1", "title": "t", "main_event": "budget signed", "paragraphs": [shared, "Zebras graze quietly in Kenya."]},
        {"event": "e1", "title": "t", "main_event": "budget signed", "paragraphs": [shared]},
        {"event": "e2", "title": "t", "main_event": "zebras", "paragraphs": ["Zebras graze quietly in Kenya."]},
    ]
    hand, ctx = _inf_features(rows)
    cov, sim = INF_FEATURES.index("cw_cov"), INF_FEATURES.index("sim_max")
    assert hand[0][0, cov] == 1.0 and hand[0][1, cov] == 0.0  # the zebra row of e2 is not context
    assert hand[0][0, sim] > 0.99 > hand[0][1, sim]
    assert hand[2][0, cov] == 0.0  # no sibling, no coverage
    assert [h.shape for h in hand] == [(2, len(INF_FEATURES)), (1, len(INF_FEATURES)), (1, len(INF_FEATURES))]
    assert np.allclose(ctx[2], 0.0, atol=1e-6)  # its own event mean


def test_fit_inf_model_learns_a_planted_signal():
    from rashomon.framing import fit_inf_model, predict_framing as run

    rows = []
    for ev in range(8):
        for outlet in ("fox", "nyt", "hpo"):
            paras = [f"The council of town {ev} approved the new road plan on Monday.",
                     f"\"We are outraged and disgusted,\" a furious neighbour of town {ev} shouted.",
                     f"Work on the road in town {ev} starts in May."]
            rows.append({"id": f"{ev}{outlet}", "event": f"e{ev}", "outlet": outlet, "title": "Road plan",
                         "main_event": "Council approves road plan", "paragraphs": paras,
                         "bias_spans": [{"id": "p1", "bias": "inf", "start": 0, "end": len(paras[1])}]})
    model = fit_inf_model(rows)
    out = run([{k: v for k, v in r.items() if k != "bias_spans"} for r in rows[:3]], inf_model=model)
    flagged = {(o["id"], s["paragraph"]) for o in out for s in o["spans"] if s["bias"] == "inf"}
    assert {(r["id"], 1) for r in rows[:3]} <= flagged
    assert not any(p in (0, 2) for _, p in flagged)


def test_predict_framing_falls_back_to_quotes_without_model(monkeypatch):
    import rashomon.framing as framing

    monkeypatch.setattr(framing, "load_inf_model", lambda: None)
    out = framing.predict_framing([{"id": "r", "paragraphs": ["Plain fact.", "\"Quoted,\" he said."]}])
    assert [s["paragraph"] for s in out[0]["spans"] if s["bias"] == "inf"] == [1]


def test_a_campaign_or_operation_names_a_war_only_when_military():
    from rashomon.framing import _event_ranges
    from rashomon.nlp import english

    nlp = english()

    def war(text: str) -> list[str]:
        doc = nlp(text)
        return [doc[lo:hi].text for name, lo, hi in _event_ranges(doc) if name == "the war / conflict"]

    assert war("Israel launched a military operation in Gaza.") == ["military operation"]
    assert war("The 2008 campaign was long and costly.") == []
    assert war("The police operation ended at noon.") == []


def test_namesakes_get_their_own_labels():
    from rashomon.framing import _Mention, _split_namesakes

    def mention(source, name, start):
        return (_Mention(source, "person:cheney", name, "PERSON", start, start + len(name), frozenset()), [])

    by_key = {"person:cheney": [mention("a", "Dick Cheney", 0), mention("a", "Liz Cheney", 50), mention("a", "Cheney", 90), mention("b", "Liz Cheney", 0)]}
    _split_namesakes(by_key)
    assert sorted(by_key) == ["person:cheney dick", "person:cheney liz"]
    # report a names both: its bare "Cheney" could be either, so it is left out
    assert [(m.source, m.name) for m, _ in by_key["person:cheney liz"]] == [("a", "Liz Cheney"), ("b", "Liz Cheney")]
    assert [m.name for m, _ in by_key["person:cheney dick"]] == ["Dick Cheney"]
    # a report that names one of them in full: its bare surname is that one
    only = {"person:cheney": [mention("a", "Dick Cheney", 0), mention("b", "Liz Cheney", 0), mention("b", "Cheney", 40)]}
    _split_namesakes(only)
    assert [m.name for m, _ in only["person:cheney liz"]] == ["Liz Cheney", "Cheney"]
    # a son and his father of one name: "Jr." tells them apart
    family = {"person:jackson": [mention("a", "Jesse Jackson Jr.", 0), mention("a", "Rev. Jesse Jackson", 60), mention("b", "Jesse L. Jackson Jr.", 0)]}
    _split_namesakes(family)
    assert sorted(family) == ["person:jackson jesse", "person:jackson jesse jr"]
    assert len(family["person:jackson jesse jr"]) == 2
    one = {"person:putin": [mention("a", "Vladimir Putin", 0), mention("b", "Putin", 0)]}
    _split_namesakes(one)
    assert list(one) == ["person:putin"]


def test_a_one_letter_label_is_no_label():
    from rashomon.framing import _label_ranges
    from rashomon.nlp import english

    doc = english()("Liz Cheney, R, announced a run for the Senate, and Mike Enzi, the incumbent senator, answered.")
    labels = {e.text: [doc[lo:hi].text for lo, hi in _label_ranges(doc, e)] for e in doc.ents if e.label_ == "PERSON"}
    assert "R" not in labels.get("Liz Cheney", [])


def test_an_appositive_list_or_a_participle_is_no_label():
    from rashomon.framing import _label_ranges
    from rashomon.nlp import english

    nlp = english()

    def labels(text):
        doc = nlp(text)
        return {e.text: [doc[lo:hi].text for lo, hi in _label_ranges(doc, e)] for e in doc.ents if e.label_ == "PERSON"}

    worn = labels("Jackson, dressed in a blue tie, blue shirt and a blue suit, looked back in the direction of his father.")
    assert not any("dressed" in x for x in worn.get("Jackson", []))
    family = labels("Mr. Jackson’s father, the Rev. Jesse L. Jackson, his mother and several brothers and sisters accompanied him.")
    assert not any("mother" in x for x in family.get("Jesse L. Jackson", []))
    kept = labels("Benjamin Netanyahu, Israel's prime minister, spoke with Vladimir Putin on Sunday.")
    assert any("prime minister" in x for x in kept.get("Benjamin Netanyahu", []))


def test_a_name_beside_a_relative_clause_is_labelled_by_the_noun_it_describes():
    from rashomon.framing import _label_ranges
    from rashomon.nlp import english

    doc = english()("The embattled utility that runs the dam, Veyra Hydro, blamed a mechanical breakdown.")
    ent = next(e for e in doc.ents if e.text == "Veyra Hydro")
    labels = [doc[lo:hi].text for lo, hi in _label_ranges(doc, ent)]
    assert labels == ["embattled utility that runs the dam"], labels  # not "dam"


def test_a_row_shows_a_difference_in_labels_not_one_outlets_plain_description():
    plain = [
        make_article("a", ["The Israeli government said on Sunday that talks would go on."]),
        make_article("b", ["The Israeli government said the talks would go on."]),
        make_article("c", ["Israelis held in Gaza were not freed on Sunday."]),
    ]
    assert not [x for x in compare_framing(plain).labels if x.kind == "NORP"]
    judged = [
        make_article("a", ["The Hamas terror group released two hostages on Sunday."]),
        make_article("b", ["Hamas released two hostages on Sunday."]),
    ]
    rows = [x for x in compare_framing(judged).labels if x.actor == "Hamas"]
    assert rows and [s.text for s in rows[0].by_source["a"]] == ["Hamas terror group"] and rows[0].by_source["b"] == []


def test_an_appositive_is_set_off_and_ends_at_its_noun():
    from rashomon.framing import _label_ranges
    from rashomon.nlp import english

    nlp = english()

    def labels(text, name):
        doc = nlp(text)
        return [doc[lo:hi].text for e in doc.ents if e.text == name for lo, hi in _label_ranges(doc, e)]

    # the parser hangs a piece of a longer name it split on a noun: no comma, no appositive
    split = "The vote will be held on a two-party basis, a message from the Central Commission for Elections and Referenda of Turkmenistan said."
    assert labels(split, "Referenda") == []
    namely = "Up till then, the only political organisation, namely the Democratic Party, was headed by the president."
    assert labels(namely, "the Democratic Party") == ["only political organisation"]


def test_a_loaded_word_in_a_quotation_over_several_paragraphs_is_the_speakers():
    """The news convention: each paragraph of a long quotation opens with a mark, only the
    last closes. The agent's "beautiful" is hers, not the outlet's."""
    a = make_article("a", [
        "Sabine Rollinger, of the agency listing the island, described it.",
        "\"This is a unique private island. It includes beautiful lush parks and striking lake views.",
        "\"Also on the island is a landing strip for propeller planes,\" she said.",
        "The island is in a beautiful lake, the outlet wrote.",
    ])
    found = [(s.start, s.text) for s in compare_framing([a]).loaded if s.text.lower() == "beautiful"]
    assert len(found) == 1 and found[0][0] > a.base.index("The island is in")  # only the outlet's own
