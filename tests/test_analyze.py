"""The event report: grouping across sources, coverage, conflicts, copies, languages, bad input."""

import json
import shutil
from pathlib import Path

import pytest

from rashomon.analyze import analyze, analyze_paths, find_copies, read_inputs
from rashomon.cli import main
from rashomon.gold import score_report

from conftest import ROOT, SEEDS

DEMO = ROOT / "src" / "rashomon" / "examples" / "demo"
DATA = ROOT / "tests" / "data"


def _base(source: dict) -> str:
    return source["original"] if source["offsets_into"] == "original" else source["text"]


def assert_offsets_hold(report: dict) -> None:
    """original[start:end] == text for every mention, quote and framing span."""
    bases = {s["id"]: _base(s) for s in report["sources"]}
    for claim in report["claims"]:
        for m in claim["mentions"]:
            assert bases[m["source"]][m["start"] : m["end"]] == m["text"]
    for q in report["quotes"]:
        assert bases[q["source"]][q["start"] : q["end"]] == q["content"]
    for span in report["framing"]["loaded"]:
        assert bases[span["source"]][span["start"] : span["end"]] == span["text"]
    for actor in report["framing"]["labels"]:
        for source, spans in actor["by_source"].items():
            for span in spans:
                assert bases[source][span["start"] : span["end"]] == span["text"]


def claim_with(report: dict, words: str) -> dict:
    """The claim group one of whose mentions contains these words."""
    found = [c for c in report["claims"] if any(words in m["text"] for m in c["mentions"])]
    assert found, f"no claim mentions {words!r}"
    return found[0]


@pytest.fixture(scope="module")
def seeds_report():
    if not SEEDS.exists():
        pytest.skip("../shared/seeds not present")
    report, failures = analyze_paths([str(SEEDS)])
    assert not failures
    return report


@pytest.fixture(scope="module")
def demo_report():
    report, failures = analyze_paths([str(DEMO)])
    assert not failures
    return report


def test_seeds_three_consensus_facts_with_all_five(seeds_report):
    five = sorted(p.stem for p in SEEDS.glob("*.txt"))
    consensus = [c for c in seeds_report["claims"] if c["coverage"] == "consensus"]
    assert len(consensus) >= 3
    for claim in consensus:
        assert claim["sources"] == five
    # the call, Russia's stance, the Russia–Iran cooperation
    assert claim_with(seeds_report, "50-minute telephone conversation")["coverage"] == "consensus"
    assert claim_with(seeds_report, "Moscow’s alliance with Iran")["coverage"] == "consensus"
    assert claim_with(seeds_report, "expressing dissatisfaction with its stance")["coverage"] == "consensus"


def test_seeds_partial_facts_grouped_across_exactly_their_outlets(seeds_report):
    cabinet = claim_with(seeds_report, "left the cabinet meeting")
    assert [s[:3] for s in cabinet["sources"]] == ["000", "003", "004"]
    assert cabinet["coverage"] == "partial"
    gratitude = claim_with(seeds_report, "expressed his gratitude to Russia")
    assert [s[:3] for s in gratitude["sources"]] == ["001", "002", "003"]
    any_country = claim_with(seeds_report, "any nation facing a terrorist attack")
    assert [s[:3] for s in any_country["sources"]] == ["000", "001", "003"]


def test_seeds_single_outlet_fact_stays_unique(seeds_report):
    blinken = claim_with(seeds_report, "Blinken said on Sunday")
    assert blinken["coverage"] == "unique" and [s[:3] for s in blinken["sources"]] == ["003"]
    lavrov = claim_with(seeds_report, "Lavrov indicated")
    assert lavrov["sources"] == [s for s in lavrov["sources"] if s.startswith("000")]


def test_seeds_no_false_conflict_and_offsets(seeds_report):
    assert not [c for c in seeds_report["claims"] if c["coverage"] == "conflict"]
    assert_offsets_hold(seeds_report)


def test_report_shape_follows_eval_contract(seeds_report):
    for key in ("sources", "claims", "quotes", "framing", "summary"):
        assert key in seeds_report
    source = seeds_report["sources"][0]
    for key in ("id", "title", "outlet", "published", "text", "removed", "links"):
        assert key in source
    claim = seeds_report["claims"][0]
    assert {"id", "text", "coverage", "mentions"} <= set(claim)
    assert claim["coverage"] in {"consensus", "partial", "unique", "conflict"}
    ids = {c["id"] for c in seeds_report["claims"]}
    for sentence in seeds_report["summary"]:
        assert sentence["claims"] and set(sentence["claims"]) <= ids
    json.dumps(seeds_report)  # serialisable as it is


def test_summary_says_each_thing_once(seeds_report):
    """A sentence stating two facts (a figure inside another fact) words neither of them in the
    summary when a plainer mention exists: no sentence is repeated."""
    import re

    texts = [re.sub(r" \(\d+ of \d+ sources\)\.$", ".", s["text"]) for s in seeds_report["summary"]]
    assert len(texts) == len(set(texts))


def test_wording_avoids_a_mention_that_states_another_fact_too():
    import numpy as np

    from rashomon.model import Claim
    from rashomon.summary import neutral_wording

    both = Claim("a:1", "a", 0, 60, "Netanyahu left his cabinet meeting to speak with Putin for 50 minutes.")
    plain = Claim("b:1", "b", 0, 40, "The telephone call lasted about 50 minutes.")
    sim = np.array([[2.0, 0.9], [0.9, 2.0]])
    assert neutral_wording([both, plain], sim, lambda c: 0.0) == both.text  # the more central
    assert neutral_wording([both, plain], sim, lambda c: 0.0, shared={"a:1"}) == plain.text


def test_wording_of_a_debunked_rumour_says_it_is_false():
    import numpy as np

    from rashomon.conflicts import calls_false
    from rashomon.model import Claim
    from rashomon.summary import neutral_wording

    relayed = Claim("a:1", "a", 0, 80, "TV personality Cesar Millan has died of a heart attack, reports the site noticiasunam.com.")
    hoax = Claim("b:1", "b", 0, 80, "A hoax report claimed that 'dog whisperer' Cesar Millan had died of heart attack.")
    read = Claim("c:1", "c", 0, 80, "In a report published by Unam Noticias, we read that Millan died of a heart attack.")
    sim = np.array([[2.0, 0.8, 0.9], [0.8, 2.0, 0.8], [0.9, 0.8, 2.0]])
    assert [calls_false(c.text) for c in (relayed, hoax, read)] == [False, True, False]
    assert neutral_wording([relayed, hoax, read], sim, lambda c: 0.0) == relayed.text  # the most central
    assert neutral_wording([relayed, hoax, read], sim, lambda c: 0.0, refuting={"b:1"}) == hoax.text


def test_wording_of_a_debunked_rumour_is_never_the_hoax_reports_own_telling():
    """Judd Nelson gold: the hoax report's "Although police have not yet released the man's
    identity, … confirmed that it was Nelson's condo …" was the summary's wording of a fact two
    of its three sources call false. Passed over: a plain telling from a source that calls
    nothing false. Kept: a debunker's own words and a teller's words that keep their distance."""
    from rashomon.analyze import _without_rumour_tellings
    from rashomon.model import Claim

    told = Claim("x:1", "b1359", 0, 90, "Although police have not yet released the man's identity, occupants of the 31-story high-rise confirmed it was his condo.")
    phony = Claim("y:1", "b1301", 0, 90, "The phony report mentions that Nelson died last night in his condo.")
    distant = Claim("x:2", "b1359", 0, 90, "Multiple unconfirmed reports say Nelson was found dead Saturday evening.")
    background = Claim("z:1", "b762", 0, 90, "Nelson rose to fame in the mid-1980s as a member of the Brat Pack.")
    mentions = [told, phony, distant, background]
    assert _without_rumour_tellings(mentions, [0, 1, 2, 3], frozenset({"b1301", "b762"})) == [1, 2, 3]


def test_wording_names_the_person_rather_than_leaving_him_a_pronoun():
    import numpy as np

    from rashomon.model import Claim
    from rashomon.summary import neutral_wording

    bare = Claim("a:1", "a", 0, 90, 'Strong criticism was directed at what he termed "dangerous cooperation" with Iran.')
    named = Claim("b:1", "b", 0, 90, "The Prime Minister criticized the dangerous cooperation with Iran, his office said .")
    sim = np.array([[2.0, 0.9], [0.9, 2.0]])
    # "his" points back inside the sentence; "he" in the other asks who
    assert neutral_wording([bare, named], sim, lambda c: 0.0) == (
        "The Prime Minister criticized the dangerous cooperation with Iran, his office said."
    )


def test_wording_passes_over_the_latter():
    import numpy as np

    from rashomon.model import Claim
    from rashomon.summary import neutral_wording

    latter = Claim("a:1", "a", 0, 90, "According to his office, the latter expressed his dissatisfaction with Russia's stance at the UN.")
    named = Claim("b:1", "b", 0, 90, "Netanyahu expressed dissatisfaction with Russia's stance at the UN.")
    sim = np.array([[2.0, 0.9], [0.9, 2.0]])
    # "the latter" names nobody once the sentence stands alone in a summary
    assert neutral_wording([latter, named], sim, lambda c: 0.0) == named.text
    assert neutral_wording([named, latter], sim, lambda c: 0.0) == named.text


def test_wording_prefers_prose_to_a_headline():
    import numpy as np

    from rashomon.model import Claim
    from rashomon.summary import neutral_wording

    deck = Claim("a:1", "a", 0, 60, "Premier holds 50-minute conversation with Russian leader", headline=True)
    prose = Claim("b:1", "b", 0, 40, "The call lasted about 50 minutes.")
    sim = np.array([[2.0, 0.9], [0.9, 2.0]])
    assert neutral_wording([deck, prose], sim, lambda c: 0.0) == prose.text
    assert neutral_wording([deck], sim[:1, :1], lambda c: 0.0) == deck.text + "."  # the only wording left


def test_wording_passes_over_a_quoted_fragment():
    import numpy as np

    from rashomon.model import Claim
    from rashomon.summary import neutral_wording

    fragment = Claim("a:1", "a", 0, 80, "“fully accept my responsibility for the improper decisions and mistakes I have made.”")
    whole = Claim("b:1", "b", 0, 90, "The former congressman said he fully accepts responsibility for the decisions and mistakes he made.")
    sim = np.array([[2.0, 0.9], [0.9, 2.0]])
    # the quotation starts mid-sentence ("… and “fully accept …”"): it does not stand alone
    assert neutral_wording([fragment, whole], sim, lambda c: 0.0) == whole.text


def test_summary_puts_consensus_first_and_counts_partial(seeds_report):
    kinds = [s["kind"] for s in seeds_report["summary"]]
    assert kinds[0] == "consensus"
    assert kinds == sorted(kinds, key=["consensus", "partial", "conflict"].index)
    partial = [s for s in seeds_report["summary"] if s["kind"] == "partial"]
    assert partial and all("of 5 sources" in s["text"] for s in partial)


def test_quotes_include_institutional_sources(seeds_report):
    speakers = {q["speaker"] for q in seeds_report["quotes"]}
    assert any("office" in s.lower() for s in speakers)
    assert any("kremlin" in s.lower() for s in speakers)
    offices = {q["source"] for q in seeds_report["quotes"] if q["speaker"].replace("’", "'") == "Netanyahu's office"}
    assert len(offices) >= 3  # one outlet writes "his office": shown as whose office it is
    assert not any(s.lower().startswith("his ") for s in speakers)


def test_demo_matches_its_hand_made_gold(demo_report):
    gold = json.loads((DATA / "demo_gold.json").read_text())
    score = score_report(demo_report, gold)
    # reached 2026-11-23: source precision 1.000, recall 0.800, exact groups 0.50
    assert score["source_precision"] >= 0.95
    assert score["source_recall"] >= 0.78
    assert_offsets_hold(demo_report)


def test_seeds_match_their_hand_made_gold(seeds_report):
    # tests/data/seeds_gold.json: 20 facts written by hand from the five seed texts (session
    # 6); reached 2026-11-24 (session 11, shared verbs and days as evidence): source precision
    # 1.000, recall 0.904, exact groups 0.75, coverage accuracy 0.90 (0.829 / 0.65 / 0.75 before)
    gold = json.loads((DATA / "seeds_gold.json").read_text())
    score = score_report(seeds_report, gold)
    assert all(row["located"] == len(row["gold_sources"]) for row in score["facts"])
    assert score["source_precision"] >= 0.95
    assert score["source_recall"] >= 0.88
    assert score["exact_groups"] >= 0.7
    assert score["coverage_accuracy"] >= 0.85
    # the 50-minute call: stated inside other sentences by two outlets, alone by two others
    duration = next(r for r in score["facts"] if r["fact"] == "The call lasted about 50 minutes")
    assert duration["exact"] and duration["coverage"] == "consensus"


def test_demo_conflict_on_the_evacuation_count(demo_report):
    conflicts = [c for c in demo_report["claims"] if c["coverage"] == "conflict"]
    assert len(conflicts) == 1
    conflict = conflicts[0]
    assert "2,000" in conflict["reason"] and "1,200" in conflict["reason"]
    assert "04-daily-beacon" in conflict["values"]
    assert any(s["kind"] == "conflict" for s in demo_report["summary"])


def test_demo_sentence_stating_two_things_is_split(demo_report):
    inquiry = claim_with(demo_report, "calling for an independent inquiry")
    maintenance = claim_with(demo_report, "criticising its botched maintenance")
    assert inquiry["id"] != maintenance["id"]
    assert "04-daily-beacon" in inquiry["sources"] and len(inquiry["sources"]) > 1


def test_one_source_everything_unique():
    report, _ = analyze_paths([str(DEMO / "01-tessel-herald.txt")])
    assert len(report["sources"]) == 1
    assert {c["coverage"] for c in report["claims"]} == {"unique"}


def test_syndicated_copies_are_flagged_not_counted(tmp_path):
    for name in ("01-tessel-herald.txt", "03-riverline.txt"):
        shutil.copy(DEMO / name, tmp_path / name)
    shutil.copy(DEMO / "01-tessel-herald.txt", tmp_path / "06-wire-copy.txt")
    report, _ = analyze_paths([str(tmp_path)])
    by_id = {s["id"]: s for s in report["sources"]}
    assert by_id["06-wire-copy"]["copy_of"] == "01-tessel-herald"
    assert by_id["03-riverline"]["copy_of"] is None
    for claim in report["claims"]:
        if set(claim["sources"]) == {"01-tessel-herald", "06-wire-copy"}:
            assert claim["independent"] == 1 and claim["coverage"] == "unique"
    consensus = [c for c in report["claims"] if c["coverage"] == "consensus"]
    assert consensus and all("03-riverline" in c["sources"] for c in consensus)


def test_copy_detection_ignores_shared_quotes():
    articles = read_inputs([str(DEMO)]).articles
    assert find_copies(articles) == {}


def test_two_languages_grouped_across(tmp_path):
    report, _ = analyze_paths([str(DATA / "bilingual")])
    assert report["event"]["languages"] == ["en", "fr"]
    veyra = claim_with(report, "Veyra Hydro, said a hydraulic fault")
    assert veyra["sources"] == ["flood-en", "flood-fr"]
    farm = claim_with(report, "ministre de l'Agriculture")
    assert farm["coverage"] == "unique"
    assert_offsets_hold(report)


def test_bad_inputs_reported_and_rest_analysed(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "junk.html").write_bytes(bytes(range(256)) * 40)
    inputs = [str(DEMO / "01-tessel-herald.txt"), str(DEMO / "03-riverline.txt"), str(tmp_path / "empty.txt"), str(tmp_path / "junk.html"), str(tmp_path / "gone.txt")]
    report, failures = analyze_paths(inputs)
    assert [s["id"] for s in report["sources"]] == ["01-tessel-herald", "03-riverline"]
    problems = {Path(f.path).name: f.problem for f in failures}
    assert set(problems) == {"empty.txt", "junk.html", "gone.txt"}
    assert "empty" in problems["empty.txt"]
    assert report["failures"]


def test_nothing_readable_is_a_clear_error(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    with pytest.raises(ValueError, match="empty.txt"):
        analyze_paths([str(tmp_path / "empty.txt")])
    with pytest.raises(ValueError):
        analyze([])


def test_jsonl_records_as_input(tmp_path):
    rows = [
        {"id": "herald", "text": (DEMO / "01-tessel-herald.txt").read_text()},
        {"id": "beacon", "html": (DEMO / "04-daily-beacon.html").read_text()},
        {"id": "broken"},
    ]
    path = tmp_path / "reports.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n{not json\n")
    report, failures = analyze_paths([str(path)])
    assert [s["id"] for s in report["sources"]] == ["herald", "beacon"]
    assert len(failures) == 2 and all(str(path) in f.path for f in failures)


def test_cli_analyze_writes_every_format_and_exit_status(tmp_path, capsys):
    out = tmp_path / "r"
    code = main(["analyze", str(DEMO / "01-tessel-herald.txt"), str(DEMO / "02-aske-gazette.html"), "--json", f"{out}.json", "--html", f"{out}.html", "--md", f"{out}.md"])
    assert code == 0
    report = json.loads(Path(f"{out}.json").read_text())
    html = Path(f"{out}.html").read_text()
    assert html.startswith("<!DOCTYPE html>") and report["claims"][0]["id"] in html
    assert "| " in Path(f"{out}.md").read_text()
    assert "Claims × sources" in capsys.readouterr().out
    (tmp_path / "empty.txt").write_bytes(b"")
    assert main(["analyze", str(DEMO / "01-tessel-herald.txt"), str(tmp_path / "empty.txt"), "-q"]) == 1


def test_cli_demo_writes_report_html(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(["demo", "-q"]) == 0
    html = (tmp_path / "report.html").read_text()
    assert "Brannock" in html and "conflict" in html


def test_a_stage_that_breaks_on_one_report_is_noted_not_fatal(monkeypatch):
    import rashomon.quotes

    def broken(article, doc=None):
        if article.id == "03-riverline":
            raise RuntimeError("parser fell over")
        return []

    monkeypatch.setattr(rashomon.quotes, "find_quotes", broken)
    report, _ = analyze_paths([str(DEMO / "01-tessel-herald.txt"), str(DEMO / "03-riverline.txt")])
    assert len(report["sources"]) == 2 and report["claims"]
    assert any("03-riverline" in w and "parser fell over" in w for w in report["warnings"])


def test_a_report_of_another_event_is_flagged_and_does_not_block_consensus(tmp_path):
    if not SEEDS.exists():
        pytest.skip("../shared/seeds not present")
    other = tmp_path / "other-event.txt"
    other.write_text((DEMO / "01-tessel-herald.txt").read_text())
    report, _ = analyze_paths([str(SEEDS), str(other)])
    flagged = {s["id"]: s["off_event"] for s in report["sources"]}
    assert flagged["other-event"] is True
    assert not any(v for k, v in flagged.items() if k != "other-event")
    assert any("other-event" in w and "different event" in w for w in report["warnings"])
    assert sum(c["coverage"] == "consensus" for c in report["claims"]) >= 3


def test_empty_folder_is_named_in_the_error(tmp_path):
    with pytest.raises(ValueError, match="folder holds no report files"):
        analyze_paths([str(tmp_path)])


def test_seeds_headlines_read_by_the_other_reports(seeds_report):
    ids = [s["id"] for s in seeds_report["sources"]]
    checked = [s for s in seeds_report["sources"] if s["title"]]
    assert checked
    for s in checked:
        stances = s["headline_check"]["stances"]
        assert set(stances) == set(ids) - {s["id"]}
        assert "unrelated" not in stances.values()  # all five report the same call


def test_a_role_or_an_institution_is_not_a_personal_name_for_who_said_it():
    from rashomon.analyze import _personal_name

    assert _personal_name("Ilse Darrow") and _personal_name("Prime Minister Benjamin Netanyahu")
    assert not _personal_name("The Prime Minister")  # whoever holds the office
    assert not _personal_name("Netanyahu's office") and not _personal_name("the Kremlin")


def test_a_quotation_gets_its_speaker_or_stays_out_of_the_summary():
    from rashomon.analyze import _wording
    from rashomon.model import Claim, Quote
    from rashomon.summary import write_summary

    text = 'He added, “These families finally have access to crucial tax benefits.”\n\n“These families finally have access to crucial tax benefits.”'
    first_end = text.index("\n")
    second = text.index("“", first_end)
    quoted = {"a": [(10, first_end - 1)], "b": [(second, len(text) - 1)]}
    bare = Claim("b:1", "b", second, len(text), text[second:])
    with_pronoun = Claim("a:1", "a", 0, first_end, text[:first_end])
    griffin = Quote("a", "Chad Griffin", "added", "These families …", 11, first_end - 2, who="Griffin", cue_start=3, cue_end=8)
    # the bare quotation is the better wording; the other report's quote says whose it is
    assert _wording([bare, with_pronoun], [griffin], quoted) == (
        "“These families finally have access to crucial tax benefits,” Griffin said.", None
    )
    # with no speaker found anywhere, the best wording is kept but marked
    assert _wording([bare], [], quoted) == (
        "“These families finally have access to crucial tax benefits.”", "a quotation whose speaker no stage found"
    )
    # "we" outside any marks is someone's words too (a quotation over several paragraphs)
    we = Claim("c:1", "c", 0, 40, "We will vigorously defend the law in court.")
    assert _wording([we], [], {})[1] == "a quotation whose speaker no stage found"
    cia = Claim("c:2", "c", 0, 40, "E-mails showed a fight at the highest levels of the C.I.A.")
    assert _wording([cia], [], {}) == (cia.text, None)  # initials are not "I"
    cut = Claim("c:3", "c", 0, 30, "making more marijuana arrests", context="Law enforcement agencies")
    assert _wording([cut], [], {}) == ("[Law enforcement agencies] making more marijuana arrests.", "a clause cut from its sentence")
    asked = Claim("c:4", "c", 0, 30, "Do you fully support the Obama agenda?")
    assert _wording([asked], [], {})[1] == "a question, not a statement"
    groups = [
        {"id": "c1", "text": "The court ruled on Monday.", "coverage": "consensus", "sources": ["a", "b"]},
        {"id": "c2", "text": "We will defend it.", "coverage": "consensus", "sources": ["a", "b"], "summary_skip": "a quotation whose speaker no stage found"},
    ]
    assert [s.text for s in write_summary(groups, 2)] == ["The court ruled on Monday."]


def test_a_wording_that_opens_on_an_unresolved_pronoun_is_passed_over():
    from rashomon.analyze import _wording
    from rashomon.model import Claim

    bare = Claim("a:1", "a", 0, 40, "He pointed to a group of 544 store managers.", pronoun_subject=True)
    named = Claim("b:1", "b", 0, 40, "Lawyers for the company pointed to 544 store managers.")
    assert _wording([bare, named], [], {}) == (named.text, None)
    assert _wording([bare], [], {})[1] == "a statement whose subject the report names only as a pronoun"
    it = Claim("c:1", "c", 0, 30, "It lasted about 50 minutes.", pronoun_subject=True)
    assert _wording([it], [], {})[1] == "a statement whose subject the report names only as a pronoun"  # what lasted?
    call = Claim("d:1", "d", 0, 40, "The call lasted 50 minutes, the Kremlin said.")
    assert _wording([it, call], [], {}) == (call.text, None)  # but a wording that names it reads alone
    week = Claim("f:1", "f", 0, 40, "This week the council approved the repairs.")
    assert _wording([week, call], [], {}) == (week.text, None)  # "This week" names what it speaks of
    this = Claim("g:1", "g", 0, 40, "This is the first such call since October.")
    assert _wording([this, call], [], {}) == (call.text, None)
    unclear = Claim("e:1", "e", 0, 40, "It is not clear whether the talks will resume.")
    assert _wording([unclear, call], [], {}) == (unclear.text, None)  # an "it" that points forward
    whose = Claim("h:1", "h", 0, 60, "Its hosting of a Hamas delegation raised eyebrows in Israel.")
    hosted = Claim("i:1", "i", 0, 60, "Russia has hosted leaders of the Hamas group.")
    assert _wording([whose, hosted], [], {}) == (hosted.text, None)  # whose hosting?
    assert _wording([whose], [], {})[1] == "a statement whose subject the report names only as a pronoun"
    wife = Claim("j:1", "j", 0, 60, "His wife, Sandra Jackson, is expected to plead guilty on Wednesday.")
    assert _wording([wife, hosted], [], {}) == (wife.text, None)  # named right after


def test_who_said_it_needs_the_same_words_from_two_named_people():
    from rashomon.analyze import _speaker_conflict
    from rashomon.model import Claim, Quote

    words = "We will rebuild every house in the valley before winter"
    a = Claim("a:1", "a", 0, 80, f"“{words},” Ilse Darrow said.")
    b = Claim("b:1", "b", 0, 80, f"“{words},” Tom Brandt said.")
    qa = Quote("a", "Ilse Darrow", "said", words, 1, 55)
    qb = Quote("b", "Tom Brandt", "said", words, 1, 55)
    found = _speaker_conflict([a, b], [qa, qb], {})
    assert found is not None and found.values == {"a": "Ilse Darrow", "b": "Tom Brandt"}
    other = Quote("b", "Tom Brandt", "said", "The dam was inspected last spring and found sound", 1, 55)
    assert _speaker_conflict([a, b], [qa, other], {}) is None  # two people, two statements
    assert _speaker_conflict([a, b], [qa, qb], {"b": "a"}) is None  # a copy repeats its original
    single = Quote("b", "Brandt", "said", words, 1, 55)
    assert _speaker_conflict([a, b], [qa, single], {}) is None  # a surname alone may be anyone
    # magic-mushrooms gold: "Mr Titchmarsh asks Professor Crawley if the fungi is edible, to
    # which he replies: “That depends what you mean.”" is an exchange, not Titchmarsh's words
    asked = Quote("a", "Alan Titchmarsh", "asks", f"Professor Tom Brandt if it is edible, to which he replies: {words}", 1, 55)
    assert _speaker_conflict([a, b], [asked, qb], {}) is None


def test_a_run_on_no_cut_can_shorten_stays_out_of_the_summary_and_the_next_fact_comes_in():
    from rashomon.summary import MAX_PARTIAL, UNREADABLE_WORDS, write_summary

    run_on = (
        "The 45 year old trainer, born in De la Cruz, Sinaloa, who made a name for himself with his "
        "incredible rehabilitation and training technics wit dogs, duty in which he professionally "
        "wrote three books on the topic \"Cesar's way\" \"Be the pack leader\" and \"Member of the "
        "family\", he reach worldwide popularity with his TV series \"The dog Whisperer\", this name "
        "would be the new way people knew him, he died this morning in Santa Clarita hospital in California."
    )
    assert len(run_on.split()) > UNREADABLE_WORDS
    facts = [
        "The mayor demanded a full inquiry into the dam.",
        "Engineers inspected the broken gate overnight.",
        "Farmers downstream lost their spring harvest.",
        "The utility promised compensation to every household.",
        "Schools in three villages stayed closed on Wednesday.",
        "Police closed the river road to traffic.",
        "Volunteers filled sandbags near the church.",
        "The regional governor visited the shelters.",
        "Insurers estimated the damage at two million euros.",
    ]
    groups = [{"id": "c0", "text": run_on, "coverage": "partial", "sources": ["a", "b", "c"], "independent": 3}] + [
        {"id": f"c{k + 1}", "text": t, "coverage": "partial", "sources": ["a", "b"], "independent": 2} for k, t in enumerate(facts)
    ]
    summary = write_summary(groups, 3)
    assert "c0" not in [c for s in summary for c in s.claims]
    assert [s.claims for s in summary] == [[f"c{k + 1}"] for k in range(MAX_PARTIAL)]
    assert all(len(s.text.split()) <= UNREADABLE_WORDS for s in summary)


def test_summary_leaves_out_a_fact_an_earlier_sentence_already_states():
    from rashomon.summary import write_summary

    groups = [
        {"id": "c1", "text": "Netanyahu left his cabinet meeting to speak with Putin for 50 minutes.", "coverage": "consensus", "sources": ["a", "b", "c"]},
        {"id": "c2", "text": "According to the Times of Israel, Netanyahu temporarily left the cabinet meeting to speak with Putin.", "coverage": "partial", "sources": ["a", "b"]},
        {"id": "c3", "text": "Netanyahu asked Putin to press the Red Cross for access to the hostages.", "coverage": "partial", "sources": ["a", "c"]},
    ]
    assert [s.claims for s in write_summary(groups, 3)] == [["c1"], ["c3"]]


def test_summary_keeps_the_fuller_of_two_sentences_that_say_one_thing():
    """Comcast gold: “We respect customer privacy and security,” Comcast said, came first in
    reading order, then the same words running on to “… with a valid court order”."""
    from rashomon.summary import write_summary

    groups = [
        {"id": "c1", "text": "“We respect customer privacy and security,” Comcast said.", "coverage": "consensus", "sources": ["a", "b"]},
        {"id": "c2", "text": "“We respect customer privacy and security and would only investigate an account with a court order,” Comcast said.", "coverage": "consensus", "sources": ["a", "b"]},
        {"id": "c3", "text": "Comcast customers said the company asked which sites they visited.", "coverage": "consensus", "sources": ["a", "b"]},
    ]
    assert [s.claims for s in write_summary(groups, 2)] == [["c2"], ["c3"]]


def test_the_writers_aside_to_the_reader_is_no_summary_sentence():
    from rashomon.analyze import _wording
    from rashomon.model import Claim

    aside = Claim("a:1", "a", 0, 90, "If you needed another reason to hate Comcast, they’ve just given it to you.")
    assert _wording([aside], [], {})[1] == "the writer talking to the reader"
    plain = Claim("b:1", "b", 0, 60, "Comcast said it does not monitor what its customers browse.")
    assert _wording([aside, plain], [], {}) == (plain.text, None)
    quoted = Claim("c:1", "c", 0, 60, "“Thank you for contacting Comcast,” the agent told the customer.")
    assert _wording([quoted], [], {}) == (quoted.text, None)  # "you" inside someone's words


def test_the_event_is_named_by_the_fact_most_sources_share():
    from rashomon.analyze import _event_title

    groups = [
        {"id": "c1", "text": "Two outlets say the gate was old.", "coverage": "partial", "sources": ["a", "b"]},
        {"id": "c2", "text": "We will rebuild.", "coverage": "consensus", "sources": ["a", "b", "c"], "summary_skip": "a quotation whose speaker no stage found"},
        {"id": "c3", "text": "The dam's gate failed on Tuesday.", "coverage": "consensus", "sources": ["a", "b", "c"]},
        {"id": "c4", "text": "The river rose on Tuesday.", "coverage": "consensus", "sources": ["a", "b", "c"]},
    ]
    assert _event_title([], groups) == "The dam's gate failed on Tuesday."


def test_the_event_is_not_named_by_what_someone_said():
    """Griffin gold: the only facts all three outlets shared were her apology's words, and
    the event was titled '"I went too far and I was wrong," [Griffin] said.'"""
    from types import SimpleNamespace

    from rashomon.analyze import _event_title

    groups = [
        {"id": "c1", "text": "\"I went too far and I was wrong,\" [Griffin] said.", "coverage": "consensus", "sources": ["a", "b", "c"]},
        {"id": "c2", "text": "Medics say that the child is suffering from leukemia.", "coverage": "consensus", "sources": ["a", "b", "c"]},
        {"id": "c3", "text": "“I understand how it offends people,” she said.", "coverage": "partial", "sources": ["a", "b"]},
    ]
    heads = ["Kathy Griffin apologizes for photo shoot with bloodied Trump mask", "Kathy Griffin Apologizes For Images Of Bloodied Trump Head", "Trump Lashes Out at Kathy Griffin"]
    articles = [SimpleNamespace(title=t) for t in heads]
    assert _event_title(articles, groups) == heads[1]
    groups.append({"id": "c4", "text": "Griffin posed with a bloodied mask of Trump.", "coverage": "partial", "sources": ["a", "b"]})
    assert _event_title(articles, groups) == "Griffin posed with a bloodied mask of Trump."


def test_of_two_facts_as_widely_shared_the_lead_names_the_event():
    """Tiger gold: "Elsewhere on the grounds are six golf tee boxes." (one report's first
    sentence, the others' sixth to tenth) was the title over "A luxe Viking island owned by …
    Tiger Woods, is up for sale." (every report's first or second)."""
    from rashomon.analyze import _event_title

    def group(gid, text, ids):
        return {"id": gid, "text": text, "coverage": "partial", "sources": sorted({i.split(":")[0] for i in ids}), "mentions": [{"id": i} for i in ids]}

    groups = [
        group("c1", "Elsewhere on the grounds are six golf tee boxes.", ["a:0", "b:6", "c:9"]),
        group("c2", "A luxe island owned by Tiger Woods is up for sale.", ["a:0", "b:1", "c:0"]),
        group("c3", "The island has a villa.", ["a:12", "b:12", "c:12"]),
    ]
    assert _event_title([], groups) == "A luxe island owned by Tiger Woods is up for sale."


def test_long_summary_sentence_loses_its_asides_not_its_statement():
    from rashomon.summary import compress

    long = (
        "Carrying a folder of maps and flanked by two engineers in orange vests, Mayor Ilse Darrow "
        "met the board of Veyra Hydro, which has run the dam since 1998, and Karl Boden, then the "
        "chief inspector of the water board, to demand a full inquiry into the failure of the gate."
    )
    short = compress(long, limit=30)
    assert short.startswith("Mayor Ilse Darrow met the board of Veyra Hydro")  # the opening clause went first
    assert short.endswith("to demand a full inquiry into the failure of the gate.")
    assert len(short.split()) <= 30
    assert "Karl Boden" in short  # a name stays; only what describes it may go
    assert "which has run the dam" not in compress(long, limit=20)
    # the default limit (45 words): the longest aside alone brings it under, the rest stays
    assert compress(long) == long[long.index("Mayor"):]
    assert compress(short) == short  # within the limit: as written


def test_compress_never_cuts_inside_quotation_marks_or_a_name():
    from rashomon.summary import compress

    quoted = (
        "“The gate, which we inspected in May, failed because the company, Veyra Hydro, ignored every "
        "warning we sent,” said the mayor, Ilse Darrow, at a press conference on Tuesday evening in "
        "the town hall of Lower Aske."
    )
    out = compress(quoted, limit=20)
    assert out.startswith("“The gate, which we inspected in May, failed because the company, Veyra Hydro,")
    assert "Ilse Darrow" in out  # "the mayor, Ilse Darrow": the name is not an aside


def test_summary_cuts_the_asides_of_a_long_partial_fact_and_still_cites_it():
    from rashomon.summary import LONG_SENTENCE_WORDS, write_summary

    text = (
        "Carrying a folder of maps and flanked by two engineers in orange vests, Mayor Ilse Darrow "
        "met the board of Veyra Hydro, which has run the dam since 1998, to demand a full inquiry "
        "into the failure of the gate on Tuesday."
    )
    groups = [{"id": "c1", "text": text, "coverage": "partial", "sources": ["a", "b"], "independent": 2}]
    [sentence] = write_summary(groups, 3)
    assert sentence.claims == ["c1"]
    assert sentence.text.startswith("Mayor Ilse Darrow met the board of Veyra Hydro")
    assert sentence.text.endswith("(2 of 3 sources).")
    assert len(sentence.text.split()) <= LONG_SENTENCE_WORDS


def test_an_overlong_report_is_read_up_to_the_limit_with_a_warning(monkeypatch):
    from rashomon import analyze as analyze_module
    from rashomon.extract import extract_text

    paragraphs = [f"Officials said on day {i} that the dam at Brannock held after the storm. Engineers agreed." for i in range(40)]
    page = "Dam holds after storm\n\n" + "\n\n".join(paragraphs) + "\n"
    article = extract_text(page, id="long", path="long.txt")
    cut = article.truncated(1000)
    assert len(cut.text) <= 1000 and cut.text == "\n\n".join(p.text for p in cut.paragraphs)
    assert cut.text.endswith("agreed.") or cut.text.endswith("storm.")  # a sentence end, not mid-word
    for para in cut.paragraphs:  # offsets still point into the original input
        assert page[para.start : para.end] == para.text
    assert article.truncated(10**6) is article

    monkeypatch.setattr(analyze_module, "MAX_REPORT_CHARS", 1000)
    other = extract_text("Dam holds\n\nThe dam at Brannock held after the storm, officials said on Tuesday.\n", id="short", path="short.txt")
    report = analyze([article, other])
    assert any("long.txt" in w and "reads the first" in w for w in report["warnings"])
    for claim in report["claims"]:
        for m in claim["mentions"]:
            assert m["source"] != "long" or (page[m["start"] : m["end"]] == m["text"] and m["end"] <= 1100)


def test_a_summary_sentence_drops_a_later_that_points_back():
    from rashomon.summary import tidy

    assert tidy("Later, Netanyahu and Putin had their first telephone conversation since the attack") == (
        "Netanyahu and Putin had their first telephone conversation since the attack."
    )
    assert tidy("Later in the day she pleaded guilty to a tax charge.") == "Later in the day she pleaded guilty to a tax charge."


def test_a_sentence_credited_to_several_sources_drops_an_aside_only_one_carries():
    from rashomon.summary import shared_only, write_summary

    text = "Netanyahu and Putin had their first telephone conversation since the Hamas attack, which was apparently very unfriendly."
    others = ["This is their first conversation since last October 17.", "This exchange follows a previous call on October 17."]
    assert shared_only(text, others) == "Netanyahu and Putin had their first telephone conversation since the Hamas attack."
    assert shared_only(text, others + ["The call was unfriendly, aides said."]) == text  # another source carries it
    wife = "His wife, Sandra Jackson, who resigned from the city council, is expected to plead guilty on Wednesday."
    assert shared_only(wife, ["Sandra Jackson will plead guilty on Wednesday."]) == (
        "His wife, Sandra Jackson, is expected to plead guilty on Wednesday."  # the appositive keeps its comma
    )
    opening = "Critics note that in many of the states with similar laws, including Illinois, sexual orientation is protected."
    assert shared_only(opening, ["Critics say sexual orientation is protected."]) == (
        "Critics note that in many of the states with similar laws, sexual orientation is protected."  # the phrase's comma stays
    )
    whose = "The harshest reaction came to the Steele, whose spokesman, it should be noted, tried to clarify the comment."
    assert shared_only(whose, ["Steele clarified the comment."]) == whose  # no cut that leaves nonsense
    group = {
        "id": "c1", "text": text, "coverage": "partial", "sources": ["a", "b"], "independent": 2,
        "mentions": [{"source": "a", "text": text}, {"source": "b", "text": others[0]}],
    }
    (sentence,) = write_summary([group], 3)
    assert "unfriendly" not in sentence.text and sentence.text.endswith("(2 of 3 sources).")


def test_a_clause_cut_after_and_is_no_wording_unless_it_has_its_own_subject():
    from rashomon.analyze import _wording
    from rashomon.model import Claim
    from rashomon.summary import tidy

    cut = Claim("a:1", "a", 0, 80, "ensure the campus does not promote sexist stereotypes for female students.")
    whole = Claim("b:1", "b", 0, 90, "The change was done to ensure the campus did not promote sexist stereotypes.")
    assert _wording([cut, whole], [], {}) == (whole.text, None)
    assert _wording([cut], [], {})[1] == "a clause cut from its sentence"
    absolute = Claim("d:1", "d", 0, 70, "Gov. Jay Inslee and Mayor Ed Murray banning travel to Indiana.", finite=False)
    banned = Claim("e:1", "e", 0, 70, "Washington Gov. Jay Inslee announced Monday that he would ban state-funded travel to Indiana.")
    assert _wording([absolute, banned], [], {}) == (banned.text, None)  # a phrase, not a sentence
    clause = Claim("c:1", "c", 0, 60, "water from the reservoir poured down the Tessel River into Lower Aske.")
    assert _wording([clause], [], {}) == ("Water from the reservoir poured down the Tessel River into Lower Aske.", None)
    assert tidy("There are some students who prefer freshman to first year, though.") == (
        "There are some students who prefer freshman to first year."
    )


def test_a_clause_cut_after_and_on_an_inflected_verb_is_no_wording():
    """Actor gold (b831): "He woke up the next day … and noticed blood on his trousers." gave
    the summary "Noticed blood on his trousers.": a past form ("noticed"), a verb after an
    adverb ("quickly changed his mind", Goldfish gold) or a negated auxiliary ("certainly
    don't make faces") opens a clause that lost its subject, as "ensure …" does. A noun in
    the same spelling ("costs rose sharply") is a whole clause that lost its capital."""
    from rashomon.analyze import _wording
    from rashomon.claims import opens_on_a_bare_verb
    from rashomon.model import Claim

    for cut in ("noticed blood on his trousers.", "quickly changed his mind.", "certainly don't make faces.", "took the money.", "apply for the grant."):
        assert opens_on_a_bare_verb(cut), cut
    for whole in ("costs rose sharply.", "water from the reservoir poured down.", "building collapsed.", "only three people came."):
        assert not opens_on_a_bare_verb(whole), whole
    cut = Claim("a:1", "a", 0, 40, "noticed blood on his trousers.")
    whole = Claim("b:1", "b", 0, 90, "Nikolaev woke up next day at a bus stop, feeling acute pain, and with blood on his trousers.")
    assert _wording([cut, whole], [], {}) == (whole.text, None)
    assert _wording([cut], [], {})[1] == "a clause cut from its sentence"
    # someone's words cut from the verb that reports them: whose they are is elsewhere
    quoted = Claim("c:1", "c", 0, 80, "that 'it was done like proper surgery by someone with a medical education'.")
    plain = Claim("d:1", "d", 0, 80, "that the operation had been done by a medical professional.")
    assert _wording([quoted, plain], [], {}) == ("The operation had been done by a medical professional.", None)
    assert _wording([quoted], [], {})[1] == "a clause cut from its sentence"


def test_a_quotation_that_lost_what_stood_before_its_comma_reads_without_it():
    """Vicente Fox gold (HuffPost): the embedded tweet '“@realDonaldTrump, I invited you …'
    reached the text as '“, I invited you …', and the summary printed '“, I invited you to
    come and apologize to all Mexicans,” Fox said.'"""
    from rashomon.summary import attributed, tidy

    assert attributed("“, I invited you to come and apologize to all Mexicans.", "Fox") == (
        "“I invited you to come and apologize to all Mexicans,” Fox said."
    )
    assert tidy(", the ministry said on Monday.") == "The ministry said on Monday."
    assert tidy("“... and then he left.”") == "“... and then he left.”"


def test_words_from_inside_a_quoted_sentence_follow_the_speaker_in_lower_case():
    from rashomon.analyze import _wording
    from rashomon.model import Claim, Quote
    from rashomon.summary import attributed

    assert attributed("after his divorce he doesn’t need an island in Sweden any more.”", "Rollinger") == (
        "Rollinger said “after his divorce he doesn’t need an island in Sweden any more”."
    )
    assert attributed("“These families finally have access to help,”", "Griffin") == "“These families finally have access to help,” Griffin said."
    # a stop inside a quotation within the quotation goes, so the comma does not follow it
    assert attributed("“It is not covered because of the words 'subject to the jurisdiction thereof.'”", "Pence") == (
        "“It is not covered because of the words 'subject to the jurisdiction thereof',” Pence said."
    )
    # a comma closing the inner quotation goes the same way: no ",'," before the speaker
    assert attributed(
        "We felt the time had come to say, 'It's time to make sure they don't tolerate bigots among their members,'\"", "Jealous"
    ) == "“We felt the time had come to say, 'It's time to make sure they don't tolerate bigots among their members',” Jealous said."
    assert attributed("make sure they don't tolerate bigots among their members,'\"", "Jealous") == (
        "Jealous said “make sure they don't tolerate bigots among their members'”."
    )
    text = "after his divorce he doesn't need an island in Sweden anymore."
    fragment = Claim("a:1", "a", 10, 10 + len(text), text)
    quote = Quote(source="a", speaker="Rollinger", cue="said", content=text, start=10, end=10 + len(text), kind="direct")
    worded, problem = _wording([fragment], [quote], {"a": [(9, 10 + len(text))]})
    assert problem is None and worded.startswith("Rollinger said “after his divorce")


def test_words_in_single_marks_or_a_quotation_left_open_are_not_the_writers():
    """Qingdao gold: "She said: 'Up until a year ago we had a wonderful family …" (single
    straight marks; the quotation runs on into the next paragraph) read as the writer's "we",
    so the sentence that names its speaker was wrapped as a quotation with the speaker added:
    '“[Meng Xiangyan] said: 'Up until …,” Meng said.'"""
    from rashomon.nlp import outside_quotes

    assert outside_quotes("She said: 'Up until a year ago we had a wonderful family.").split() == ["She", "said:"]
    assert outside_quotes('She said: "Up until a year ago we had a wonderful family').split() == ["She", "said:"]
    assert outside_quotes("'It still wasn't enough, and now we are hoping,' she said.").split() == ["she", "said."]
    # apostrophes are no quotation marks
    assert outside_quotes("The players' union said we'd lose in the '90s.") == "The players' union said we'd lose in the '90s."


def test_wording_is_judged_by_how_close_it_is_to_the_other_outlets():
    """A report's second sentence in a group is close to its first, which says nothing of what
    the sources share: "Apple's watch is still in prototype right now" (b) sat near its own
    report's "The reveal of the Apple Watch was unusual" and so outranked "The Apple Watch was
    announced earlier this month", the wording closest to the other outlets."""
    import numpy as np

    from rashomon.model import Claim
    from rashomon.summary import neutral_wording

    announced = Claim("a:1", "a", 0, 50, "The Apple Watch was announced earlier this month.")
    reveal = Claim("b:1", "b", 0, 60, "The reveal of the Apple Watch was unusual for Cupertino.")
    prototype = Claim("b:2", "b", 61, 110, "Apple's watch is still in prototype right now.")
    unveiled = Claim("c:1", "c", 0, 60, "Apple unveiled its first smartwatch earlier this month.")
    sim = np.array(
        [[2.0, 0.6, 0.6, 0.8], [0.6, 2.0, 0.95, 0.6], [0.6, 0.95, 2.0, 0.6], [0.8, 0.6, 0.6, 2.0]]
    )
    assert neutral_wording([announced, reveal, prototype, unveiled], sim, lambda c: 0.0) == announced.text


def test_a_that_pointing_back_is_kept_and_passed_over():
    """ "However, that would contradict Apple, …": dropping "that" with the opener left "Would
    contradict Apple …", a fragment that no longer lost as a pronoun start; a "that" opening a
    clause cut from its sentence still goes."""
    import numpy as np

    from rashomon.model import Claim
    from rashomon.summary import neutral_wording, tidy

    assert tidy("However, that would contradict Apple, which stated that the Watch needs an iPhone.") == (
        "That would contradict Apple, which stated that the Watch needs an iPhone."
    )
    assert tidy("that the Kremlin called for talks") == "The Kremlin called for talks."
    back = Claim("a:1", "a", 0, 80, "However, that would contradict Apple, which stated that the Watch needs an iPhone for GPS.")
    plain = Claim("b:1", "b", 0, 80, "The chip includes a GPS radio, which is at odds with Apple's announcement.")
    sim = np.array([[2.0, 0.9], [0.9, 2.0]])
    assert neutral_wording([back, plain], sim, lambda c: 0.0) == plain.text


def test_a_quotation_takes_its_speaker_only_from_mentions_that_give_the_same_words():
    """Birthright gold: a bare quotation from Michael Anton's op-ed ("An executive order could
    specify …") sat in one group with another outlet's "He said he wants to use an executive
    order …", whose quote is Trump's; the summary printed '“An executive order could specify
    …,” Trump said.'. The quotation's own speaker is unknown, so the next wording is taken."""
    from rashomon.analyze import _wording
    from rashomon.model import Claim, Quote

    op_ed = "“An executive order could specify to federal agencies that the children of noncitizens are not citizens.”"
    bare = Claim("nyt:1", "nyt", 0, len(op_ed), op_ed)
    told = "He said he wants to use an executive order to end the practice for children of illegal immigrant parents."
    trump = Claim("fox:1", "fox", 0, len(told), told, antecedent="Trump")
    said = Quote("fox", "Trump", "said", told[8:], 8, len(told), who="Trump", kind="indirect")
    worded, problem = _wording([bare, trump], [said], {"nyt": [(0, len(op_ed) - 1)]})
    assert problem is None and "could specify" not in worded and worded.startswith("[Trump] said he wants")
    # the same words quoted by another outlet do tell whose they are
    echoed = "He said: “An executive order could specify to federal agencies that the children of noncitizens are not citizens.”"
    anton = Claim("wsj:1", "wsj", 0, len(echoed), echoed)
    heard = Quote("wsj", "Anton", "said", op_ed.strip("“”"), 10, len(echoed), who="Anton")
    worded, problem = _wording([bare, anton], [heard], {"nyt": [(0, len(op_ed) - 1)]})
    assert problem is None and worded.endswith("Anton said.")


def test_a_quotation_is_not_heard_as_the_person_it_quotes():
    """Kim gold: "‘One senior official said that Kim was drinking many bottles …’" (an
    ex-pat's words, run on from the paragraph before) took the official found inside it as
    its speaker, and the summary printed '“One senior official said that Kim …,” One senior
    official said.'."""
    from rashomon.analyze import _wording
    from rashomon.model import Claim, Quote

    line = "‘One senior official said that the minister was drinking a lot to help his health.’"
    relayed = Claim("a:1", "a", 0, len(line), line)
    inner = Quote("a", "One senior official", "said", line[26:-1], 26, len(line) - 1, kind="indirect", cue_start=21, cue_end=25)
    worded, problem = _wording([relayed], [inner], {"a": [(0, len(line) - 1)]})
    assert problem == "a quotation whose speaker no stage found"
    # the same words in the writer's own voice name their speaker as written
    plain = line.strip("‘’")
    told = Claim("b:1", "b", 0, len(plain), plain)
    own = Quote("b", "One senior official", "said", plain[25:], 25, len(plain), kind="indirect", cue_start=20, cue_end=24)
    assert _wording([told], [own], {"b": []}) == (plain, None)
    # a quotation whose speaker sits outside it is still heard as that speaker
    said = "“The minister was drinking a lot to help his health,” said Kim Lee."
    quote = Claim("c:1", "c", 0, 53, said[:53])
    lee = Quote("c", "Kim Lee", "said", said[1:51], 1, 51, who="Lee", cue_start=54, cue_end=58)
    assert _wording([quote], [lee], {"c": [(0, 52)]}) == ("“The minister was drinking a lot to help his health,” Lee said.", None)


def test_a_quotation_left_open_is_closed_not_read_as_the_writers_words():
    """Airport gold: 'According to news.com.au, he said: "I returned back to the airport …'
    (the quotation runs on into the next sentence) lost its lone mark, so its "I" read as
    the writer's and the whole sentence was wrapped as a quotation: '“According to
    news.com.au, [Georgy Myakinkin] said: I returned …,” Myakinkin said.'."""
    from rashomon.analyze import _wording
    from rashomon.model import Claim, Quote
    from rashomon.summary import attributed, tidy

    assert tidy('He said: "I returned back to the airport') == 'He said: "I returned back to the airport."'
    assert tidy("She added, “We spent all of our savings.") == "She added, “We spent all of our savings.”"
    assert tidy("fully accept the responsibility.”") == "Fully accept the responsibility."  # cut at its start: mark goes
    # single marks, as British papers print a quotation (ISIS gold); "wasn't" has an apostrophe, no mark
    assert tidy("Mr Abdulla told The Sun: ‘She was determined to find her son") == "Mr Abdulla told The Sun: ‘She was determined to find her son.’"
    assert tidy("He told The Sun: 'It wasn't enough, we are hoping.") == "He told The Sun: 'It wasn't enough, we are hoping.'"
    assert tidy("He told The Sun: 'It wasn't enough,' and left.") == "He told The Sun: 'It wasn't enough,' and left."
    text = 'According to news.com.au, he said: "I returned back to the airport when I was stopped and asked to remove my belt.'
    claim = Claim("b:1", "b", 0, len(text), text, antecedent="Georgy Myakinkin")
    quote = Quote("b", "he", "said", text[37:], 37, len(text), who="Myakinkin")
    assert _wording([claim], [quote], {}) == (
        'According to news.com.au, [Georgy Myakinkin] said: "I returned back to the airport when I was stopped and asked to remove my belt."',
        None,
    )
    # a single mark opening a quotation that runs on (British style) gives way to the double marks
    assert attributed("'Up until a year ago we had a wonderful family.", "Meng") == "“Up until a year ago we had a wonderful family,” Meng said."
    assert attributed("'It still wasn't enough,' she said.", "Meng").startswith("“'It still")  # closed: left as it is
    # eBay gold: the writer's comment is no part of the fact; "…,” too." ends on its stop;
    # "eBay" keeps its spelling at the start of a sentence
    assert tidy("It’s interesting that eBay’s New Technology Group will also be developing solutions for CarPlay.") == (
        "eBay’s New Technology Group will also be developing solutions for CarPlay."
    )
    assert tidy("Interestingly, that chip includes a GPS radio.") == "That chip includes a GPS radio."
    assert tidy("The Group will be “exploring other opportunities within the Apple ecosystem,” too.") == (
        "The Group will be “exploring other opportunities within the Apple ecosystem.”"
    )
    # a closing mark before a comma or stop closes it too: the opening mark stays with its closer
    assert attributed("‘Enough’, the mother said.", "Meng").startswith("“‘Enough’,")
    assert attributed("'Enough'. Then they left.", "Meng").startswith("“'Enough'.")


def test_a_thin_summary_gets_the_lead_the_other_reports_carry_in_their_own_words():
    """Schumer shutdown gold: three reports lead on the same vote in different words, so
    alignment left each lead on its own and the summary was one partial sentence."""
    from rashomon.summary import write_summary

    def group(gid, text, coverage, mentions):
        return {"id": gid, "text": text, "coverage": coverage, "sources": sorted({m.split(":")[0] for m in mentions}),
                "mentions": [{"id": m, "source": m.split(":")[0], "text": text} for m in mentions]}

    hpo_lead = "Democrats provided votes to fund the government on Monday in exchange for an immigration vote."
    groups = [
        group("c1", hpo_lead, "unique", ["hpo:0"]),
        group("c2", "Senate Democrats voted Monday to end the government shutdown, enraging liberals.", "unique", ["nyt:0"]),
        group("c3", "Liberal groups slammed the deal on the immigration vote for the Democrats.", "partial", ["fox:2", "hpo:1"]),
        group("c4", "“We cannot rely on empty promises,” the group said of the vote on Monday.", "unique", ["fox:0"]),
        group("c5", "Schumer's support among Democrats had turned by Monday after the vote to fund the government.", "unique", ["fox:7"]),
    ]
    summary = write_summary(groups, 3)
    assert [(s.kind, s.claims) for s in summary] == [("lead", ["c1"]), ("partial", ["c3"])]
    assert summary[0].text == hpo_lead[:-1] + " (1 of 3 sources)."
    sided = [dict(groups[0], text=hpo_lead.replace("provided", "admitted they provided"))] + groups[1:]
    assert [s.claims for s in write_summary(sided, 3)][0] != ["c1"]  # one outlet's "admitted" is no lead for all
    # a lead the other reports do not carry, or a summary that already says enough, gets none
    alone = [group("c1", "A gate at the dam failed before dawn.", "unique", ["a:0"]), group("c2", "Police counted the damage in town.", "unique", ["b:0"])]
    assert write_summary(alone, 2) == []
    facts = ["Democrats provided the votes in the Senate.", "The government reopens on Tuesday morning.", "Immigration talks resume next month."]
    enough = [group(f"c{i + 10}", text, "partial", ["nyt:5", "fox:5"]) for i, text in enumerate(facts)]
    assert [s.kind for s in write_summary(groups[:1] + enough, 3)] == ["partial"] * 3


def test_a_he_or_she_subject_after_an_opening_phrase_is_no_wording_for_the_summary():
    """ISIS gold: "At first she thought they were being generous …" (she: the mother, not
    the man named before) reached the summary with a "she" no reader can place."""
    from rashomon.analyze import _wording
    from rashomon.model import Claim

    text = "At first she thought they were being generous, but then they revealed the meat."
    bare = Claim("b:1", "b", 0, len(text), text, pronoun_subject=True)
    assert _wording([bare], [], {})[1] == "a statement whose subject the report names only as a pronoun"
    named = "At first the mother thought they were being generous."
    other = Claim("c:1", "c", 0, len(named), named)
    assert _wording([bare, other], [], {}) == (named, None)
    # a pronoun further in is no subject of the statement's opening
    later = Claim("d:1", "d", 0, 60, "On Monday the White House said that she would run.", pronoun_subject=False)
    assert _wording([later], [], {}) == (later.text, None)


def test_a_block_quotation_that_lost_its_marks_is_someones_words_in_the_summary():
    """Comcast gold: the summary printed a Comcast agent's words ("Users who try to use
    anonymity … aren't so-to-speak legal") and a clause cut after "and" ("Would only
    investigate …") as plain statements of fact."""
    from rashomon.analyze import _someones_passages, _wording
    from rashomon.extract import extract_text
    from rashomon.model import Claim
    from rashomon.quotes import find_quotes

    text = (
        "Comcast and Tor\n\nThe next day the customer called Comcast and spoke to another agent named Kelly. "
        "The Comcast agent then allegedly told the customer:\n\n"
        "Users who try to use anonymity are usually doing things that aren't so-to-speak legal.\n"
    )
    a = extract_text(text, id="b1008")
    start = a.base.index("Users")
    users = Claim("b1008:2", "b1008", start, len(a.base.rstrip()), a.base[start:].rstrip())
    quoted = _someones_passages([a], find_quotes(a))
    assert _wording([users], find_quotes(a), quoted)[0] == (
        "“Users who try to use anonymity are usually doing things that aren't so-to-speak legal,” the Comcast agent said."
    )
    assert _wording([users], [], {})[1] is None  # without the quotes stage, the writer's own words
    cut = Claim("c:1", "c", 0, 60, "would only investigate an account with a valid court order")
    assert _wording([cut], [], {})[1] == "a clause cut from its sentence"
