"""Neutral summary of three reports (NeuS): scorer, choice of the shared plain fact, bad rows."""

from __future__ import annotations

import pytest

from rashomon.neutral import (
    NeutralSettings,
    _own_rouge,
    lead_baseline,
    loaded_share,
    neutral_summary,
    predict_neutral,
    rouge_f1,
    score_neutral,
    split_source,
)

SOURCES = [
    "TITLE=> Council approves new bridge budget. ARTICLE=> The city council approved a budget of 4 million "
    "for the new river bridge on Monday. Construction is set to begin in the spring.",
    "TITLE=> Corrupt council shamelessly rams through disastrous bridge scheme. ARTICLE=> In a shameful, "
    "outrageous vote, the corrupt council brazenly rammed through a disastrous bridge scheme. Critics "
    "called it a scandalous waste.",
    "TITLE=> City council votes for bridge budget. ARTICLE=> The city council voted on Monday to approve a "
    "4 million budget for the river bridge. The mayor said work could start next year.",
]


def test_rouge_on_a_hand_example():
    # pred tokens: the cat sat ; gold tokens: the cat sat down
    r1, r2, rl = _own_rouge("The cat sat.", "the cat sat down")
    assert r1 == pytest.approx(2 * 1 * 0.75 / 1.75)  # P 3/3, R 3/4
    assert r2 == pytest.approx(2 * 1 * (2 / 3) / (1 + 2 / 3))  # P 2/2, R 2/3
    assert rl == pytest.approx(r1)
    assert _own_rouge("", "the cat") == (0.0, 0.0, 0.0)
    assert rouge_f1("The cat sat.", "the cat sat down") == pytest.approx((r1, r2, rl))


def test_own_rouge_matches_rouge_score_when_installed():
    pytest.importorskip("rouge_score")
    from rouge_score import rouge_scorer

    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeL"], use_stemmer=False)
    pred, gold = SOURCES[0], SOURCES[2]
    s = scorer.score(gold, pred)
    assert _own_rouge(pred, gold) == pytest.approx((s["rouge1"].fmeasure, s["rouge2"].fmeasure, s["rougeL"].fmeasure))


def test_score_neutral_averages_and_counts_loaded_words():
    gold = [
        {"id": "a", "sources": ["TITLE=> x. ARTICLE=> a brutal attack", "TITLE=> y. ARTICLE=> an attack"], "target": "the cat sat down"},
        {"id": "b", "sources": ["TITLE=> x. ARTICLE=> y", "TITLE=> y. ARTICLE=> z"], "target": "a dog"},
    ]
    pred = [{"id": "a", "summary": "the cat sat down"}, {"id": "b", "error": "boom"}]
    m = score_neutral(pred, gold)
    assert m["count"] == 2 and m["errors"] == 1
    assert m["rouge1"] == pytest.approx(0.5) and m["rougeL"] == pytest.approx(0.5)
    assert m["loaded_share"] == 0.0
    assert m["loaded_share_sources"]["0"] > m["loaded_share_sources"]["1"] == 0.0


def test_split_source():
    title, sents = split_source(SOURCES[0])
    assert title == "Council approves new bridge budget"
    assert len(sents) == 2 and sents[0].startswith("The city council approved")
    assert split_source("Just text. No markers.")[0] == ""
    assert lead_baseline(SOURCES, 0, 1) == (
        "TITLE=> Council approves new bridge budget. ARTICLE=> The city council approved a budget of 4 million "
        "for the new river bridge on Monday."
    )


def test_summary_prefers_the_shared_fact_and_avoids_loaded_wording():
    summary = neutral_summary(SOURCES, NeutralSettings(budget=30))
    assert summary.startswith("TITLE=> ") and " ARTICLE=> " in summary
    title, article = summary[len("TITLE=> ") :].split(" ARTICLE=> ")
    assert "Corrupt" not in title and "shameful" not in article and "brazenly" not in article
    assert "4 million" in article.split(". ")[0]  # the fact two sources share comes first
    assert "rammed" not in article and "scandalous" not in article
    assert loaded_share(summary)[0] < loaded_share(SOURCES[1])[0]
    assert loaded_share(summary)[0] == 0


def test_bad_row_gives_error_and_the_rest_go_on():
    rows = [
        {"id": "ok", "sources": SOURCES},
        {"id": "none", "sources": None},
        {"id": "empty", "sources": ["", "  "]},
        {"id": "missing"},
    ]
    out = predict_neutral(rows)
    assert [r["id"] for r in out] == ["ok", "none", "empty", "missing"]
    assert "summary" in out[0] and "error" not in out[0]
    assert all("error" in r and "summary" not in r for r in out[1:])


def test_one_source_or_no_title_still_summarises():
    assert neutral_summary(["A bridge opened on Monday. It cost 4 million."]).startswith("TITLE=> . ARTICLE=> A bridge")


def test_compression_drops_loaded_adverbs_only():
    from rashomon.neutral import _compress

    assert _compress("Police brutally dispersed the crowd on Monday.") == "Police dispersed the crowd on Monday."
    assert _compress("Police dispersed the crowd on Monday.") == "Police dispersed the crowd on Monday."


def test_statement_text_names_who_a_pronoun_or_a_cut_clause_is_about():
    from rashomon.model import Claim
    from rashomon.summary import statement_text, tidy

    resolved = Claim("a:1", "a", 0, 10, "However, he extended gratitude to Moscow", antecedent="Netanyahu")
    assert tidy(statement_text(resolved)) == "[Netanyahu] extended gratitude to Moscow."
    cut = Claim("a:2", "a", 0, 10, "called for monitoring in Gaza.", context="Lavrov")
    assert statement_text(cut) == "[Lavrov] called for monitoring in Gaza."
    whole = Claim("a:3", "a", 0, 10, "Lavrov spoke on Monday.", context="Lavrov")
    assert statement_text(whole) == "Lavrov spoke on Monday."


def test_tidy_closes_a_quotation_cut_before_its_attribution():
    from rashomon.summary import tidy

    assert tidy("He “expressed his dissatisfaction with the delegates,”") == "He “expressed his dissatisfaction with the delegates.”"
    assert tidy("The talks were frank, the office said") == "The talks were frank, the office said."


def test_tidy_drops_the_dash_a_statement_was_cut_at():
    """Brokaw gold (b1156): "… came back from his Iraq expedition — and an insider said …" is
    two statements; the first kept its dash and the summary printed "expedition — (2 of 4
    sources)."."""
    from rashomon.summary import tidy

    assert tidy("Brokaw, 74, was still the anchor when Williams came back from his Iraq expedition —") == (
        "Brokaw, 74, was still the anchor when Williams came back from his Iraq expedition."
    )
    assert tidy("The vote was 97-1 --") == "The vote was 97-1."
    assert tidy("He backed the pro-Kremlin party") == "He backed the pro-Kremlin party."  # hyphens inside words stay


def test_tidy_drops_an_opener_that_points_back_at_an_unseen_sentence():
    """Brokaw gold (b33): "In it, Williams described how …" followed "… when Williams filed his
    initial report"; the summary showed the "it" without the report it stood for."""
    from rashomon.summary import tidy

    assert tidy("In it, Williams described how he was traveling in a group of helicopters.") == (
        "Williams described how he was traveling in a group of helicopters."
    )
    assert tidy("As a result, the talks ended.") == "The talks ended."
    # a phrase that names its own time or thing stays
    assert tidy("In that year, he won the seat.") == "In that year, he won the seat."
    assert tidy("In this case the court ruled for her.") == "In this case the court ruled for her."


def test_tidy_opens_a_quotation_that_began_before_the_sentence():
    """Bachmann gold (Fox): a quotation running over three paragraphs ends '… a nut job,"
    O'Neill said …'. The sentence's one mark used to be dropped, which printed O'Neill's words
    as the writer's; the seeds' "…,” Netanyahu's office said" lost its marks the same way."""
    from rashomon.summary import tidy

    assert tidy("They are basically casting her as a nut job,\" O'Neill said to The Daily Caller.") == (
        "\"They are basically casting her as a nut job,\" O'Neill said to The Daily Caller."
    )
    assert tidy("The Prime Minister criticized the cooperation,” Netanyahu’s office said") == (
        "“The Prime Minister criticized the cooperation,” Netanyahu’s office said."
    )
    assert tidy("Why now?” she asked") == "“Why now?” she asked."
    # no speaker after the mark: a quotation cut at its start, whose words may be a fragment
    assert tidy("fully accept the responsibility.”") == "Fully accept the responsibility."
    # a quoted word inside the sentence is balanced: nothing to open
    assert tidy("It was “great,” he said") == "It was “great,” he said."


def test_wording_prefers_said_to_a_verb_that_takes_a_side():
    import numpy as np

    from rashomon.model import Claim
    from rashomon.summary import neutral_wording

    doubted = Claim("a:1", "a", 0, 60, "Netanyahu claimed that any country would respond with force.")
    plain = Claim("b:1", "b", 0, 60, "Netanyahu said any nation facing such an attack would respond with force.")
    sim = np.array([[2.0, 0.9], [0.9, 2.0]])
    assert neutral_wording([doubted, plain], sim, lambda c: 0.0) == plain.text


def test_tidy_drops_an_also_that_points_back_at_an_unseen_sentence():
    from rashomon.summary import tidy

    assert tidy("Netanyahu also urged pressure on the Red Cross") == "Netanyahu urged pressure on the Red Cross."
    assert tidy("The Prime Minister also asked Russia to help.") == "The Prime Minister asked Russia to help."
    assert tidy("The also-ran lost.") == "The also-ran lost."
    assert tidy("Critics said the plan also fails the poor.") == "Critics said the plan also fails the poor."


def test_tidy_drops_openers_that_set_a_sentence_against_one_not_shown():
    from rashomon.summary import tidy

    assert tidy("Still, the White House said the e-mails were released in full.") == (
        "The White House said the e-mails were released in full."
    )
    assert tidy("Nevertheless the agency kept its forecast.") == "The agency kept its forecast."
    assert tidy("Still unclear is who leaked the video.") == "Still unclear is who leaked the video."
    assert tidy("Yet to be decided is the date.") == "Yet to be decided is the date."
