"""Who said what: direct, indirect and institutional attributions, offsets, and the scorer."""

from __future__ import annotations

import pathlib

import pytest

from rashomon.model import Article, Paragraph
from rashomon.quotes import find_quotes, jaccard, predict_quotes, quote_spans, quoted_passages, score_quotes

SEEDS = pathlib.Path(__file__).parents[2] / "shared" / "seeds"


def article(*paragraphs: str, junk: str = "") -> Article:
    """An Article whose offsets index an 'original' with junk before each paragraph."""
    text = "\n\n".join(paragraphs)
    original = ""
    paras = []
    for p in paragraphs:
        original += junk
        paras.append(Paragraph(len(original), len(original) + len(p), p))
        original += p + "\n"
    return Article(
        id="t", path="t.txt", text=text, paragraphs=paras, offsets_into="original", format="text", original=original
    )


def quotes_by_content(a: Article):
    """The article's quotes, their offsets checked, and the same keyed by their words."""
    quotes = find_quotes(a)
    check_offsets(a, quotes)
    return quotes, {q.content: q for q in quotes}


def quoted(text: str) -> list[str]:
    """Each passage ``quoted_passages`` finds in ``text``, marks included, edges stripped."""
    return [text[a : b + 1].strip() for a, b in quoted_passages(text)]


def check_offsets(a: Article, quotes) -> None:
    for q in quotes:
        assert a.base[q.start : q.end] == q.content
        if q.cue_start is not None:
            assert a.base[q.cue_start : q.cue_end] == q.cue
        if q.speaker_start is not None:
            written = a.base[q.speaker_start : q.speaker_end]
            owner, _, rest = written.partition(" ")
            if written != q.speaker:  # "his office", shown as "Netanyahu's office"
                assert owner.lower() in ("his", "her")
                assert q.speaker.endswith("'s " + rest) and not q.speaker.lower().startswith(owner.lower() + " ")
            else:
                assert written == q.speaker


def heard(a: Article, words: str) -> list[str | None]:
    """Who each quote whose content holds ``words`` is heard from (offsets checked)."""
    quotes, _ = quotes_by_content(a)
    return [q.who for q in quotes if words in q.content]


def one(a: Article, cue: str):
    quotes = find_quotes(a)
    check_offsets(a, quotes)
    found = [q for q in quotes if q.cue.lower() == cue.lower()]
    assert len(found) == 1, quotes
    return found[0]


def test_direct_curly_quote_attribution_after():
    a = article("The bridge closed in March.", "“We will reopen the bridge before the spring,” the mayor said.", junk="MENU | ")
    q = one(a, "said")
    assert q.kind == "direct"
    assert q.speaker == "the mayor"
    assert q.content == "We will reopen the bridge before the spring"
    assert q.source == "t"


def test_direct_straight_quote_attribution_before():
    a = article('The mayor told reporters: "The bridge will reopen on Monday."')
    q = one(a, "told")
    assert q.kind == "direct"
    assert q.speaker == "The mayor"
    assert q.content == "The bridge will reopen on Monday"


def test_quote_spanning_two_sentences():
    a = article("“The talks were long. They were also useful,” the spokesman said.")
    q = one(a, "said")
    assert q.content == "The talks were long. They were also useful"
    assert q.speaker == "the spokesman"


def test_continued_quote_after_attribution():
    a = article("“The talks were long,” the spokesman said. “But they were useful and we will meet again.”")
    quotes = [q for q in find_quotes(a) if q.kind == "direct"]
    assert [q.content for q in quotes] == ["The talks were long", "But they were useful and we will meet again"]
    assert {q.speaker for q in quotes} == {"the spokesman"}


def test_indirect_speech():
    a = article("The foreign minister said that the talks had failed.")
    q = one(a, "said")
    assert q.kind == "indirect"
    assert q.speaker == "The foreign minister"
    assert q.content == "that the talks had failed"


def test_according_to():
    a = article("According to the ministry, the talks had failed after two days.")
    q = one(a, "according to")
    assert q.speaker == "the ministry"
    assert q.content == "the talks had failed after two days"


def test_institutional_sources():
    a = article(
        "Netanyahu’s office said that the call lasted about 50 minutes.",
        "In turn, the Kremlin reported that Putin expressed his dissatisfaction with the army.",
        "The Israeli leader voiced his anger, according to a statement issued by Netanyahu’s office.",
    )
    quotes = find_quotes(a)
    check_offsets(a, quotes)
    by_cue = {q.cue.lower(): q for q in quotes}
    assert by_cue["said"].speaker == "Netanyahu’s office"
    assert by_cue["reported"].speaker == "the Kremlin"
    assert by_cue["reported"].content == "that Putin expressed his dissatisfaction with the army"
    assert by_cue["according to"].speaker == "Netanyahu’s office"
    assert by_cue["according to"].content == "The Israeli leader voiced his anger"


def test_the_report_is_heard_from_whoever_the_text_last_said_reports():
    """Apple Watch gold (b369): "9to5Mac reports that the Apple Watch is set to ship … ¶
    According to the report, Apple will be sending representatives … In addition, the
    report states that …" showed "the report" as the source of both; it is 9to5Mac's, as a
    pronoun is its antecedent's. With no one said to report before, it stays "the report"."""
    a = article(
        "9to5Mac reports that the Apple Watch is set to ship in the U.S. by the end of March.",
        "According to the report, Apple will be sending representatives from its stores to Cupertino. "
        "In addition, the report states that Apple is finishing up work on the watch's software.",
    )
    quotes, _ = quotes_by_content(a)
    for cue in ("According to", "states"):
        q = one(a, cue)
        assert (q.speaker, q.who) == ("9to5Mac", "9to5Mac"), cue
        assert a.base[q.speaker_start : q.speaker_end] == "9to5Mac"
    a = article("According to the report, Apple will be sending representatives from its stores to Cupertino.")
    assert one(a, "According to").speaker == "the report"


def test_the_report_is_heard_from_the_source_a_named_according_to_gives():
    """Apple Watch gold (b940): "According to 9to5Mac, the watch could arrive by the end of
    March. ¶ …, according to the report." named "the report" as the source: it is 9to5Mac's.
    A described document ("according to the leaked transcript …") names no report."""
    a = article(
        "According to 9to5Mac, the highly anticipated wearable could arrive in the United States by the end of March.",
        "In particular, Apple is refining the product's battery and charging mechanism, according to the report.",
    )
    (q,) = [q for q in find_quotes(a) if "battery" in q.content]
    assert (q.speaker, q.who) == ("9to5Mac", "9to5Mac")
    assert a.base[q.speaker_start : q.speaker_end] == "9to5Mac"
    a = article(
        "Shipping slipped, according to the leaked transcript of a voice message shared by retail chief Angela Ahrendts.",
        "In particular, Apple is refining the product's battery, according to the report.",
    )
    (q,) = [q for q in find_quotes(a) if "battery" in q.content]
    assert q.speaker == "the report"


def test_a_pronoun_subject_of_a_clause_goes_on_with_the_same_pronoun_above_it():
    """Vicente Fox gold (NYT): "He suggested that Mr. Trump was only coming as part of a
    “desperate” strategy … and in explicit terms he urged Americans not to vote for him."
    gave the urging to Trump, the name nearest the second "he"; the "he" whose clause it
    continues is Fox's."""
    a = article(
        "Vicente Fox, Mexico’s president from 2000 to 2006, said on Wednesday that the invitation was a mistake.",
        "He suggested that Mr. Trump was only coming as part of a “desperate” strategy to improve his sagging "
        "poll numbers and in explicit terms he urged Americans not to vote for him.",
    )
    q = one(a, "urged")
    assert q.who == "Fox"


def test_a_he_after_someone_reported_saying_another_did_something_is_the_one_who_spoke():
    """Steele gold (Fox): "… DeMint … would not go that far but said Steele must apologize
    to the troops. ¶ “Chairman Steele needs to apologize …,” he said." gave DeMint's words to
    Steele, the subject of what DeMint said and the name nearest the "he"; so did Kristol's
    "though he said Steele tried to convince him otherwise. ¶ “I think it would be better if he
    went,” he said." A name the recogniser missed ("DeMint", read as an organisation) counts
    where the report named that person before."""
    a = article(
        'Speaking on "Fox News Sunday," Sen. Jim DeMint, R-S.C., would not go that far but said Steele must apologize to the troops.',
        '"Chairman Steele needs to apologize to our military, all the men and women who\'ve been fighting in Afghanistan," he said.',
        'DeMint, who said Afghanistan is a war the United States must win, said Steele needs to "refocus" on the November election.',
        'He called Steele\'s comments "unacceptable" and "inaccurate."',
        'Weekly Standard Editor Bill Kristol said on Sunday that Steele still needs to go -- though he said Steele tried to convince him otherwise.',
        '"I think it would be better if he went," he said.',
    )
    assert heard(a, "Chairman Steele needs") == ["DeMint"]
    assert heard(a, "unacceptable") == ["DeMint"]
    assert heard(a, "better if he went") == ["Kristol"]
    assert heard(a, "Steele tried to convince him") == ["Kristol"]


def test_a_person_named_as_the_owner_of_the_speaker_is_not_the_speaker():
    """Judd Nelson gold: "Nelson's agent Gregg Klein denied the report" and "Nelson's longtime
    manager Jean-Pierre Henraux told the Times …" were heard from Nelson; Flynn gold: "Flynn's
    lawyer said …" from Flynn. The name after the owner speaks, and an owned role that names
    no one is shown as written; an office stays the owner's office."""
    a = article(
        "Actor Judd Nelson is alive, his representatives said on Sunday after a hoax report spread online.",
        "Nelson's agent Gregg Klein denied the report to the Los Angeles Times on Sunday afternoon.",
        "Nelson's longtime manager Jean-Pierre Henraux told the Times that the actor doesn't even live at the reported address.",
        "Nelson's lawyer said that the actor would not comment on the report.",
        "Netanyahu's office said that the call lasted about fifty minutes.",
    )
    assert heard(a, "doesn't even live") == ["Henraux"]
    assert heard(a, "would not comment") == ["Nelson's lawyer"]
    assert heard(a, "lasted about fifty minutes") == ["Netanyahu's office"]


def test_a_document_of_a_document_is_its_authors():
    """Apple Watch gold (b1409): "…, according to the leaked transcript of a voice message
    shared by retail chief Angela Ahrendts with retail employees." was heard from "a voice
    message"; the message's author is the source."""
    a = article(
        "By November, reports were tipping a springtime ship date, according to the leaked transcript of a "
        "voice message shared by retail chief Angela Ahrendts with retail employees."
    )
    q = one(a, "according to")
    assert (q.who, q.speaker) == ("Ahrendts", "retail chief Angela Ahrendts")
    # a document with no author stated stays the source
    assert one(article("The talks failed, according to the transcript of a message."), "according to").speaker == "a message"


def test_pronoun_speaker_resolved_to_preceding_person():
    a = article("Angela Merkel arrived in Paris on Monday.", "She said that Europe must stand together.")
    q = one(a, "said")
    assert q.speaker == "Angela Merkel"
    assert a.base[q.speaker_start : q.speaker_end] == "Angela Merkel"


def test_he_or_she_goes_on_with_the_subject_not_a_name_in_the_object():
    """Griffin gold: Melania Trump's words were given to Ms. Griffin (named after her, inside
    the object), Shields's to the actress in the photo he took."""
    a = article(
        "In a statement later in the day, the first lady, Melania Trump, questioned Ms. Griffin’s sanity.",
        "“As a mother, a wife, and a human being, that photo is very disturbing,” she said.",
    )
    assert one(a, "said").speaker == "Melania Trump"
    a = article(
        "This is hardly the first time that Tyler Shields has caused an uproar.",
        "He previously received death threats over a photo he took of actress Heather Morris with bruises on her face.",
        "“I can't speak for her, but I know she loves to stir the pot,” he said.",
    )
    assert one(a, "said").speaker == "Tyler Shields"


def test_he_after_the_president_and_a_name_beside_him_is_not_that_name():
    """Inauguration gold: "The president addressed a packed crowd …, after taking the oath of
    office along with Vice President Mike Pence." made the next four "he said" Pence's. The
    president goes on; this report never names him with the title, so the "he" is heard as
    the role (session 26; a bare "he" before), and "the new president" is nobody the report
    names "Vice President"."""
    a = article(
        "Donald Trump assumed the nation’s highest office Friday as the 45th president.",
        "In a succinct speech, the new president told Americans they will “never be ignored again.”",
        "The president addressed a packed crowd on a drizzly day, after taking the oath of office along with Vice President Mike Pence.",
        "“When you open your heart to patriotism, there is no room for prejudice,” he said.",
    )
    quotes = find_quotes(a)
    said = [q for q in quotes if q.cue == "said"]
    assert [(q.speaker, q.who, q.person) for q in said] == [("The president", "the president", False)]
    assert [q.who for q in quotes if q.cue == "told"] == ["the new president"]
    check_offsets(a, quotes)


def test_the_latter_as_speaker_is_the_person_named_before():
    a = article("Officials met Angela Merkel in Paris on Monday, and the latter said that Europe must stand together.")
    q = one(a, "said")
    assert q.speaker == "Angela Merkel"


def test_his_office_is_shown_as_the_named_persons_office():
    a = article("Benjamin Netanyahu spoke to Vladimir Putin on Sunday.", "His office said that the call lasted 50 minutes.")
    q = one(a, "said")
    assert q.speaker == "Benjamin Netanyahu's office"  # resolved as "he" is: the subject before it
    assert a.base[q.speaker_start : q.speaker_end] == "His office"  # offsets keep the words written


def test_his_wife_is_not_his_office():
    """Qingdao gold: "His wife's sign read: '…'" was shown as said by "Xinggui's office"."""
    a = article(
        "She and her husband, Zhou Xinggui, are both migrant workers.",
        'His wife\'s sign read: "Please buy my daughter. My husband is waiting for surgery fees."',
    )
    q = one(a, "read")
    assert q.who == "Zhou's wife's sign"  # Zhou Xinggui: family name first


def test_his_office_without_a_name_is_kept():
    a = article("The weather was bad. His office said that the road was closed.")
    assert one(a, "said").speaker == "His office"


def test_pronoun_kept_without_a_name():
    a = article("The weather was bad. He said that the road was closed.")
    q = one(a, "said")
    assert q.speaker == "He"


def test_no_quote_without_a_cue():
    a = article("The bridge, a “symbol of the town”, reopened on Monday after repairs.")
    assert find_quotes(a) == []


def test_quote_spans_ignore_apostrophes():
    text = "It’s the mayor’s ‘best plan’ yet, he said. “Yes,” she said."
    spans = [text[a + 1 : b] for a, b in quote_spans(text)]
    assert spans == ["best plan", "Yes,"]


def test_shared_parse_gives_same_result():
    from rashomon.nlp import english

    a = article("“We are ready to help,” the Kremlin said.")
    assert find_quotes(a, english()(a.text)) == find_quotes(a)


@pytest.mark.skipif(not SEEDS.exists(), reason="../shared/seeds not present")
def test_offsets_invariant_on_seeds():
    from rashomon import extract_file

    speakers = set()
    heard: dict[str, set[str]] = {}
    for path in sorted(SEEDS.glob("*.txt")):
        a = extract_file(path)
        quotes = find_quotes(a)
        check_offsets(a, quotes)
        for q in quotes:
            assert q.source == a.id
            assert q.kind in ("direct", "indirect")
            assert q.content and q.speaker and q.cue
            speakers.add(q.speaker)
            heard.setdefault(q.who, set()).add(a.id[:3])
    assert "Netanyahu’s office" in speakers
    assert any(s.lower() == "the kremlin" for s in speakers)
    # who is heard, through which outlets (file stems: the seeds carry no outlet names)
    assert heard["Netanyahu"] >= {"000", "001", "002", "003"}
    assert heard["Netanyahu's office"] >= {"000", "002", "003", "004"}  # "his office" in 004
    assert heard["Putin"] >= {"000", "002"}
    assert heard["Lavrov"] == {"000"}
    assert heard["the Kremlin"] >= {"002", "003"}


def test_predict_quotes_rows_and_errors():
    out = predict_quotes([{"id": "a", "text": "The minister said that the talks had failed."}, {"id": "b"}])
    by_id = {r["id"]: r for r in out}
    assert "error" in by_id["b"]
    (att,) = by_id["a"]["attributions"]
    text = "The minister said that the talks had failed."
    assert att["source"] == "The minister" and att["cue"] == "said"
    assert text[att["start"] : att["end"]] == att["content"]


def test_score_quotes_on_a_tiny_example():
    gold = [
        {
            "id": "1",
            "attributions": [
                {"source": "the mayor", "cue": "said", "content": "the bridge will reopen on Monday"},
                {"source": "officials", "cue": "told", "content": "repairs cost four million"},
            ],
        },
        {"id": "2", "attributions": [{"source": "she", "cue": "added", "content": "nobody was hurt"}]},
    ]
    pred = [
        {
            "id": "1",
            "attributions": [
                # source and cue match; content Jaccard 4/6 >= 0.5
                {"source": "The Mayor", "cue": "said", "content": "the bridge will reopen"},
                # nothing matches
                {"source": "the council", "cue": "announced", "content": "a new parking fee"},
            ],
        },
        {"id": "2", "error": "boom"},
    ]
    assert jaccard("the bridge will reopen", "the bridge will reopen on Monday") == pytest.approx(4 / 6)
    res = score_quotes(pred, gold)
    for role in ("source", "cue", "content"):
        assert res[role]["tp"] == 1
        assert res[role]["precision"] == pytest.approx(1 / 2)
        assert res[role]["recall"] == pytest.approx(1 / 3)
        assert res[role]["f1"] == pytest.approx(0.4)
    assert res["errors"] == 1
    assert res["rows"] == 2
    # one gold span is matched at most once
    dup = [{"id": "1", "attributions": [{"source": "the mayor", "cue": "said", "content": "x y"}] * 2}]
    assert score_quotes(dup, gold[:1])["source"]["tp"] == 1


def test_a_stated_position_without_a_speech_verb():
    """News reports positions as "X expressed his readiness to …": the speaker is X."""
    a = article("In response, Putin expressed his readiness to contribute to a peaceful settlement between Israel and Hamas.")
    q = one(a, "expressed")
    assert q.speaker == "Putin" and q.kind == "indirect"
    assert q.content == "his readiness to contribute to a peaceful settlement between Israel and Hamas"
    b = article("The cells expressed the protein at high levels during the trial.")
    assert not [x for x in find_quotes(b) if x.cue == "expressed"]


def test_learned_cue_beyond_speech_verbs():
    # "criticized" is no rule cue word; the learned cue classifier adds it
    a = article("Senator Maria Lopez criticized the governor for his handling of the state budget.")
    q = one(a, "criticized")
    assert q.speaker == "Senator Maria Lopez"
    assert "the governor" in q.content


def test_rules_alone_without_the_learned_cues():
    from rashomon.nlp import english
    from rashomon.quotes import _row_attributions

    text = "Senator Maria Lopez criticized the governor for his handling of the state budget."
    doc = english()(text)
    assert _row_attributions(text, doc, learned=False) == []


def test_conjunct_verb_takes_the_subject_of_the_main_clause():
    """The parser hangs "accused" on the subordinate "is waging"; the speaker is Putin."""
    a = article(
        "Putin held the West responsible for the crisis in the Gaza Strip, as Israel is waging a war on Gaza,"
        " and accused the United States of wanting to spread chaos in the Middle East."
    )
    found = [q for q in find_quotes(a) if q.cue == "accused"]
    assert found and all(q.speaker == "Putin" for q in found)


def test_a_possessor_is_no_speaker():
    from rashomon.nlp import english
    from rashomon.quotes import _subject

    doc = english()("The government reveals Netanyahu's expressed dissatisfaction with Russia's stance.")
    verb = next(t for t in doc if t.text == "expressed")
    assert _subject(verb) is None


def test_report_keeps_only_attested_cues_for_learned_finds():
    """Events and topics ("attacked Israel", "launched an operation") are no quotes in the report."""
    a = article(
        "Hamas attacked Israel on Saturday, October 7.",
        "Israel launched a military operation in the Gaza Strip, which is under the control of the group.",
        "Putin commented on this attack only on the third day.",
    )
    assert find_quotes(a) == []


def test_cue_support_smooths_rare_words():
    from rashomon.quotes import _CueModel

    m = _CueModel(None, None, 0.25, {"": (100, 1000), "accus": (60, 100), "attack": (30, 100), "rul": (3, 6)})
    assert m.attested("accused") and not m.attested("attacked")
    assert not m.attested("ruled")  # 3 of 6, but too few to trust
    assert not m.attested("unseen")



def test_headline_speaker_colon():
    out = predict_quotes([
        {"id": "h", "text": "Graham: Trump's Hateful Rhetoric Destroying the Party's Chance to Win.\n\nSenator Lindsey Graham spoke on Sunday."},
        {"id": "b", "text": "BREAKING: Storm Closes the Bridge for Two Days.\n\nThe bridge was closed on Monday."},
    ])
    by_id = {r["id"]: r["attributions"] for r in out}
    (att,) = [a for a in by_id["h"] if a["cue"] == ":"]
    assert att["source"] == "Graham"
    assert att["content"].startswith("Trump's Hateful Rhetoric")
    assert not [a for a in by_id["b"] if a["cue"] == ":"]


def test_cue_keeps_its_auxiliaries_and_adverbs():
    a = article("The minister has repeatedly said that the talks had failed.")
    (q,) = find_quotes(a)
    assert q.cue == "has repeatedly said"
    assert q.content == "that the talks had failed"
    # an adverb on that adverb comes too: the drone gold's cue was cut to "far suggests"
    (q,) = find_quotes(article("The evidence thus far suggests that the drone is acquiring imagery."))
    assert q.cue == "thus far suggests"


def test_quote_continues_after_a_described_speaker():
    text = (
        "“We are meeting our benchmarks,” said Anna Adams, a spokeswoman for the committee raising funds for the event."
        " “We have every expectation that the city will put on a very successful convention.”"
    )
    (att,) = [a for a in predict_quotes([{"id": "c", "text": text}])[0]["attributions"] if a["cue"] == "said"]
    assert att["source"].startswith("Anna Adams")
    assert att["content"].startswith("We are meeting") and att["content"].endswith("very successful convention")


def test_two_apostrophes_are_quotation_marks():
    text = "''Bernie seemed more transparent than her,'' said Ann Lee, a voter. It's Bob's car."
    assert [text[a + 1 : b].strip("'") for a, b in quote_spans(text)] == ["Bernie seemed more transparent than her,"]
    (att,) = predict_quotes([{"id": "q", "text": text}])[0]["attributions"]
    assert att["source"].startswith("Ann Lee")
    assert att["content"] == "Bernie seemed more transparent than her"


def test_content_on_both_sides_of_an_interrupting_attribution():
    text = "The plan, he said, will fail because nobody supports it."
    (att,) = [a for a in predict_quotes([{"id": "s", "text": text}])[0]["attributions"] if a["cue"] == "said"]
    assert att["source"] == "he"
    assert att["content"].startswith("The plan") and att["content"].endswith("nobody supports it")


def test_learned_content_drops_the_setting_after_the_complement():
    from rashomon.nlp import english
    from rashomon.quotes import _row_candidates

    text = "Trump also criticized Clinton during a rally Friday in Hartford."
    _, cands = _row_candidates({"text": text, "attributions": []}, english()(text))
    (att,) = [a for _, a, _ in cands if text[a.cue[0] : a.cue[1]].endswith("criticized")]
    assert text[att.content[0] : att.content[1]] == "Clinton"
    assert "during a rally" in text[att.wide[0] : att.wide[1]]


def test_task_source_is_written_whole_while_the_report_shows_the_speaker():
    text = "Mike Nellis, who served as the campaign's digital director, said that the money came from small donors."
    (att,) = [a for a in predict_quotes([{"id": "w", "text": text}])[0]["attributions"] if a["cue"] == "said"]
    # the task writes the source as the sentence does (PolNeAR's annotators take the whole phrase)
    assert att["source"] == "Mike Nellis, who served as the campaign's digital director"
    (q,) = [q for q in find_quotes(article(text)) if q.cue == "said"]
    assert q.speaker == "Mike Nellis"  # the report keeps the short speaker


def test_relative_pronoun_source_is_who_and_the_report_shows_its_antecedent():
    text = "The plan was backed by Senator Anna Price, who said that the state could not wait any longer."
    (att,) = [a for a in predict_quotes([{"id": "r", "text": text}])[0]["attributions"] if a["cue"] == "said"]
    assert att["source"] == "who"
    a = article(text)
    (q,) = [q for q in find_quotes(a) if q.cue == "said"]
    assert q.speaker == "Senator Anna Price"
    assert a.base[q.speaker_start : q.speaker_end] == "Senator Anna Price"


def test_subject_of_a_controlled_verb_is_its_heads():
    from rashomon.nlp import english
    from rashomon.quotes import _subject

    doc = english()("The senator seemed to indicate that he would run. They urged the governor to reject the bill.")
    by_word = {t.text: t for t in doc}
    assert _subject(by_word["indicate"]).text == "senator"
    assert _subject(by_word["reject"]).text == "governor"  # the object of "urged" is the one who rejects


def test_report_needs_a_speaker_not_just_any_pronoun():
    a = article("Putin and Netanyahu have known each other for years. Both have ruled their countries for quite a long time.")
    assert not [q for q in find_quotes(a) if q.speaker.lower() == "both"]


def test_who_names_a_speaker_the_same_way_however_the_outlet_wrote_them():
    a = article(
        "Israeli Prime Minister Benjamin Netanyahu spoke with Vladimir Putin on Sunday.",
        "The Prime Minister said that the call lasted 50 minutes.",
        "Netanyahu told reporters that Israel would not stop.",
        "The press service of Netanyahu said that the talks were tense.",
        "The Kremlin said that the focus was on Gaza.",
    )
    who = {q.speaker: q.who for q in find_quotes(a)}
    assert who["The Prime Minister"] == "Netanyahu"  # the one person the article gives that title
    assert who["Netanyahu"] == "Netanyahu"
    assert who["The press service of Netanyahu"] == "Netanyahu's office"
    assert who["The Kremlin"] == "the Kremlin"


def test_who_keeps_full_names_when_two_people_share_a_surname():
    a = article("Hillary Clinton said that she would win. Bill Clinton said that the race was close.")
    assert sorted(q.who for q in find_quotes(a)) == ["Bill Clinton", "Hillary Clinton"]


def test_who_leaves_a_role_two_people_could_hold():
    a = article(
        "President Joe Biden met President Emmanuel Macron in Paris.",
        "The President said that the alliance was strong.",
    )
    (q,) = [q for q in find_quotes(a) if q.cue == "said"]
    assert q.who == "the President"


def test_a_dateline_is_no_speaker_and_an_unresolved_i_is_nobody():
    from rashomon.extract import extract_text
    from rashomon.quotes import find_quotes

    page = (
        "Colorado defends its law\n\n"
        "Denver (AP) – Colorado's top law enforcement official promises to vigorously defend the state's historic law "
        "legalizing marijuana after Nebraska and Oklahoma asked the U.S. Supreme Court to declare it unconstitutional, "
        "saying the drug is freely flowing into neighboring states.\n\n"
        "“I think it shows they are on the wrong side of history,” I said to myself.\n"
    )
    a = extract_text(page, id="wire")
    quotes = find_quotes(a)
    assert not any(q.speaker.startswith("Denver") for q in quotes)
    assert all(q.who != "I" for q in quotes)


def test_a_plea_and_an_update_stamp_are_no_quotes():
    """Pleading guilty is a legal act (the content would start inside the cue), an
    "UPDATE 2:52 p.m." line is not a speaker, and an "Update" label glued to the sentence
    is no part of one (drone gold)."""
    a = article(
        "Former Rep. Jesse Jackson Jr. pleaded guilty in a federal courtroom Wednesday morning to using campaign funds to buy personal items.",
        "UPDATE 2:52 p.m. Court documents revealed that expenses charged by Jackson to his campaign included $4,272.78 on the National Museum.",
        "Jackson said he had never been more clear in his life.",
    )
    quotes = find_quotes(a)
    assert not any(q.content.startswith("guilty") for q in quotes)
    glued = article(
        "A third option is that the United States is now flying drones from an airbase in Iraqi Kurdistan.",
        "Update A regional security expert reports Predator drones were seen operating in the civilian airport near Erbil.",
    )
    assert [q.speaker for q in find_quotes(glued)] == ["A regional security expert"]
    assert not any("2:52" in q.speaker for q in quotes)
    assert any(q.cue == "said" and q.content.startswith("he had never") for q in quotes)


def test_copies_of_one_article_fall_in_one_fold():
    from rashomon.quotes import _folds, _same_article

    rows = [{"id": str(i), "text": t} for i, t in enumerate(["a", "b", "a", "c", "d", "a", "e", "b"])]
    folds = _folds(list(range(len(rows))), 3, 0, _same_article(rows))
    assert sorted(i for f in folds for i in f) == list(range(len(rows)))
    for copies in ([0, 2, 5], [1, 7]):
        assert sum(any(i in f for i in copies) for f in folds) == 1  # all copies in one fold


def test_an_age_is_no_part_of_the_speaker():
    a = article("“For years I lived off my campaign,” Mr. Jackson, 47, said in response to questions from the judge.")
    q = one(a, "said")
    assert q.speaker == "Mr. Jackson"
    assert q.content == "For years I lived off my campaign"


def test_an_unresolved_it_is_nobody_to_show():
    a = article(
        "The parliament passes laws and amends the constitution.",
        "It also considers issues the appointment and dismissal of the chief of the Supreme Court.",
    )
    assert not [q for q in find_quotes(a) if q.speaker.lower() == "it"]


def test_a_question_word_is_nobody_to_show():
    """Bachmann gold (Fox): O'Neill's quoted question "Who has ever called a man 'The King of
    Rage?'" was shown as a quote by "Who"."""
    a = article(
        "Terry O'Neill said the cover is sexist.",
        "\"Who has ever called a man 'The King of Rage?'",
        "They are basically casting her as a nut job,\" O'Neill said.",
    )
    assert not [q for q in find_quotes(a) if q.speaker.lower() == "who"]


def test_he_after_someone_else_spoke_is_not_the_person_named_before():
    """ "Tyson Glover" is read as an organisation, "the student" is not named: the "he" or "she"
    after them is theirs, not the last person's the recogniser found."""
    a = article(
        "“I get the intentions behind it,” Foreman said. “Everyone is on the same totem pole, but I don’t mind either way.”",
        "Sophomore Tyson Glover spent his first semester at Elon in the GAP program and said he enjoyed being called  "
        "first-year rather than freshman. He said it made his transition into college easier.",
    )
    quotes = find_quotes(a)
    easier = [q for q in quotes if "transition" in q.content]
    assert easier and all(q.speaker != "Foreman" for q in easier)
    b = article(
        "“We still use ‘freshman’ when it refers to traditional students who come right out of high school,” Anderson said.",
        "The student who wrote the original story said she became curious when she was writing a story for the school "
        "newspaper and her editor changed the word “freshman” to first-year.”",
        "She said she was surprised her story got as much attention as it did and hopes it didn’t put the school in a bad light.",
    )
    surprised = [q for q in find_quotes(b) if "surprised" in q.content]
    assert surprised and all(q.speaker != "Anderson" for q in surprised)
    c = article("Netanyahu left the cabinet meeting. The call lasted 50 minutes. He said Israel would not stop.")
    assert [q.speaker for q in find_quotes(c) if "not stop" in q.content] == ["Netanyahu"]  # no one else spoke


def test_a_quoted_title_inside_the_speakers_description_is_no_quote():
    a = article(
        "Leigh-Anne Royster, director of Elon’s “Inclusive Community Wellbeing,” said in an email that the term is outdated."
    )
    assert not [q for q in find_quotes(a) if q.content == "Inclusive Community Wellbeing"]


def test_a_chinese_name_in_chinese_order_is_shown_by_its_family_name():
    """Qingdao gold: Meng Xiangyan's words were shown as "Xiangyan said" (her given name)."""
    from rashomon.nlp import english, family_name, name_key

    assert family_name(["Meng", "Xiangyan"]) == "Meng" and family_name(["Xi", "Jinping"]) == "Xi"
    assert family_name(["Vladimir", "Putin"]) == "Putin" and family_name(["Bruce", "Lee"]) == "Lee"
    assert family_name(["Yu", "Darvish"]) == "Darvish"  # a Chinese family name before a name that is not pinyin
    # a word the recogniser took in before the name ("CEN   Mum Meng Xiangyan has gone …")
    assert family_name(["Mum", "Meng", "Xiangyan"]) == "Meng" and family_name(["President", "Xi", "Jinping"]) == "Xi"
    assert family_name(["Mary", "Ann", "Lee"]) == "Lee"
    a = article(
        "Mum Meng Xiangyan, 29, faced a terrible choice in Qingdao.",
        "“Up until a year ago we had a wonderful family,” Meng Xiangyan said.",
    )
    assert one(a, "said").who == "Meng"
    doc = english()("Meng Xiangyan spoke to Vladimir Putin.")
    assert sorted(name_key(e) for e in doc.ents if e.label_ == "PERSON") == ["meng", "putin"]


def test_a_named_spokesman_is_the_man_and_said_in_a_name_is_no_cue():
    """Gaza dams gold: "spokesman Muhammad al-Midana warned" was shown as "al-Midana's office",
    and the "Said" of "Brigadier General Said Al-Saudi" was read as the verb (speaker
    "Brigadier General")."""
    a = article("Civil defense spokesman Muhammad Midana warned that further harm could be caused by the floods.")
    assert one(a, "warned").who == "Midana"
    a = article("Netanyahu's office said that the call lasted 50 minutes.")
    assert one(a, "said").who == "Netanyahu's office"
    # a rank between the title and the name (drone gold: "Kirby's office")
    a = article("Planes fly 60 flights a day over Iraq, according to Pentagon spokesman Rear Adm. John Kirby.")
    assert one(a, "according to").who == "Kirby"
    # an office in the description after the name (NAACP gold: "Shelton's office")
    a = article(
        'The final version "calls on all people of good will to repudiate the racist element," said '
        "Hilary Shelton, director of the NAACP's Washington bureau."
    )
    assert one(a, "said").who == "Shelton"
    a = article("Netanyahu's spokesman, Ofir Gendelman, said that the call lasted 50 minutes.")
    assert one(a, "said").who == "Netanyahu's office"
    a = article(
        "Brigadier General Said Al-Saudi, chief of the civil defence agency in Gaza, told Al Jazeera: "
        '"More than 40 homes were flooded."'
    )
    quotes = find_quotes(a)
    assert [q.cue for q in quotes] == ["told"]


def test_a_quotation_run_over_paragraphs_is_someones_words_to_its_closing_mark():
    """Mueller gold: writers who open a quotation in one paragraph and close it two later,
    with no mark opening the paragraphs between, still quote those paragraphs; the closing
    paragraph's "No one … is above the law.”" had been printed as the writer's own words."""
    text = (
        "Gillibrand also chimed in, demanding that the “Mueller report must be made public.\n\n"
        "Not just a letter from someone appointed by Trump to protect himself—all of it.\n\n"
        "The President works for the people, and he is not above the law.”\n\n"
        "Warren agreed."
    )
    found = quoted(text)
    assert "Not just a letter from someone appointed by Trump to protect himself—all of it." in found
    assert "The President works for the people, and he is not above the law.”" in found
    assert not any("Warren" in f for f in found)
    # a quotation closed in its own paragraph, one with mixed marks, and a straight mark
    # closing a quotation are not left open: the paragraphs after them stay the writer's
    for closed in (
        '"Southern Israel does not have any dams,” COGAT said.',
        "He said “it is over” and left.",
        'The talks ended, raising questions."',
    ):
        text = closed + "\n\nThe flood closed the main road.\n\nOfficials said “the water is falling.”"
        assert not any("main road" in f for f in quoted(text)), closed
    # a mark that nothing closes within eight paragraphs puts nothing after it in anyone's mouth
    stray = "He called it “a disgrace.\n\n" + "The writer's own words.\n\n" * 8 + "The end.”"
    assert not any("writer's own" in f for f in quoted(stray))
    # but a quotation of five paragraphs, one sentence each, is whole (Ginsburg gold, Fox:
    # her CNN remarks, '"He has no consistency about him. ¶ He says whatever comes into his
    # head … ¶ … ¶ The press seems to be very gentle with him on that," she said.')
    five = (
        'She doubled down, telling CNN: “He is a faker.”\n\n"He has no consistency about him.\n\n'
        "He says whatever comes into his head at the moment.\n\nHe really has an ego.\n\n"
        "How has he gotten away with not turning over his tax returns?\n\n"
        'The press seems to be very gentle with him on that," she said.\n\nTrump responded Tuesday.'
    )
    found = quoted(five)
    assert "He says whatever comes into his head at the moment." in found
    assert "How has he gotten away with not turning over his tax returns?" in found
    assert not any("Trump responded" in f for f in found)


def test_a_quotation_over_paragraphs_is_heard_whole_through_the_cue_that_closes_it():
    """Ginsburg gold (Fox): '“I can’t imagine … with Donald Trump as our president. ¶ For the
    country, it could be four years. ¶ For the court, … contemplate that,” she said.' was
    heard as Trump's: the quote finder read marks paragraph by paragraph, so the name inside
    the first paragraph was the nearest person before "she", and only the closing clause was
    found. Every piece is now hers, heard through the cue that closes the quotation; a
    speaker named too far after the close for the direct rule ("…,” Senate Minority Whip
    Dick Durbin, D-Ill., told the outlet.") hears the piece before as well."""
    a = article(
        "Justice Ruth Bader Ginsburg has criticized the presumptive nominee.",
        "The liberal justice had kicked off the storm with comments published Saturday.",
        "“I can’t imagine what the country would be with Donald Trump as our president.",
        "For the country, it could be four years.",
        "For the court, it could be -- I don’t even want to contemplate that,” she said.",
        "“She may have got out over her skis a little bit.",
        "It’s very unusual,” Senate Minority Whip Dick Durbin, D-Ill., told the outlet.",
        junk="MENU | ",
    )
    quotes, by_content = quotes_by_content(a)
    for words in (
        "I can’t imagine what the country would be with Donald Trump as our president",
        "For the country, it could be four years",
        "For the court, it could be -- I don’t even want to contemplate that",
    ):
        q = by_content[words]
        assert (q.who, q.cue, q.kind) == ("Ginsburg", "said", "direct"), words
    for words in ("She may have got out over her skis a little bit", "It’s very unusual"):
        assert (by_content[words].who, by_content[words].cue) == ("Durbin", "told"), words
    assert not any(q.who == "Trump" for q in quotes)
    # the task rows keep to marks closed within a paragraph, as PolNeAR's annotators mostly did
    rows = predict_quotes([{"id": "r", "text": a.text}])[0]["attributions"]
    assert not any((r.get("content") or "").startswith("For the country") for r in rows)


def test_a_pronoun_after_an_unnamed_subject_names_no_one_and_a_titled_surname_is_the_person():
    """Brokaw gold: after "One longtime NBC employee who has worked with Williams … calling
    him …", the employee's '“Oh, the fireworks …,” he said.' was heard as Williams, the name
    inside the sentence's object. Mother-son gold: "Fearless Mr Abdulla, speaking after …,
    said:" (the recogniser saw no name there) was heard as the words as written, not as
    Abdulla, whom the report names in full."""
    a = article(
        "Brian Williams apologized on the air.",
        "One longtime NBC employee who has worked with Williams on several occasions had a few dirty words for him.",
        "“Oh, the fireworks that are going off inside,” he said.",
    )
    assert one(a, "said").who is None
    # a named subject still goes on: the name is the sentence's subject
    a = article(
        "Tom Brokaw has worked with Williams on several occasions.",
        "“Oh, the fireworks that are going off inside,” he said.",
    )
    assert one(a, "said").who == "Brokaw"
    a = article(
        "Yasir Abdulla left his home in Yorkshire to fight.",
        "Fearless Mr Abdulla, speaking after temporarily returning to his family home in Keighley, West Yorkshire, said: "
        "\"IS are very good at making people scared.\"",
    )
    q = one(a, "said:")
    assert (q.who, q.person) == ("Abdulla", True)


def test_straight_single_marks_quote_where_a_paragraph_has_no_double_ones():
    """Yeti gold (b1624), as British papers print quotations: "Eyewitness Ludmila
    Hristoforova who spoke to local television said: 'The creature was big, … but not a
    bear. From the door we've seen something big and shaggy.'" was read as indirect speech,
    its words cut at the first stop. Apostrophes inside words and after a plural stay
    apostrophes, and a paragraph with double marks keeps its single ones as they are."""
    a = article(
        "The footage was filmed in Russia.",
        "Eyewitness Ludmila Hristoforova who spoke to local television said: 'The creature was big, "
        "looking like a bear, but not a bear. From the door we've seen something big and shaggy.'",
    )
    q = one(a, "said:")
    assert (q.who, q.kind) == ("Hristoforova", "direct")
    assert q.content.endswith("something big and shaggy")
    a = article("'The creature was big, looking like a bear,' Ludmila Hristoforova said.")
    assert (one(a, "said").kind, one(a, "said").content) == ("direct", "The creature was big, looking like a bear")
    for plain in ("Police said the officers' cars were damaged.", "He played rock 'n' roll in the '90s."):
        assert quote_spans(plain) == [], plain
    assert quote_spans("He said \"it was 'fine' then\" and left.") == [(8, 27)]


def test_a_quotation_in_single_marks_runs_over_paragraphs_as_a_double_one_does():
    """Yeti gold (b1624): "Homeowner Andrei Kazarian said: 'I heard footsteps … inside the
    house. ¶ 'Although we didn't see anyone we saw its huge footprints. …" follows the news
    convention in single marks (each paragraph opens, only the last closes). The run-on
    reader knew double marks only, so the first paragraph was indirect speech and the
    second no one's. A closing mark after a stop ends a quotation opened paragraphs before;
    an apostrophe ("didn't", "the officers' cars") neither opens nor closes one."""
    a = article(
        "The footage was filmed in Russia.",
        "Homeowner Andrei Kazarian said: 'I heard footsteps and we were pretty sure there was no one else around.",
        "'Although we didn't see anyone we saw its huge footprints. They were five to six centimetres deep.'",
        "The plaster cast has been handed to local scientists.",
    )
    quotes, by_content = quotes_by_content(a)
    for words in (
        "I heard footsteps and we were pretty sure there was no one else around",
        "Although we didn't see anyone we saw its huge footprints. They were five to six centimetres deep",
    ):
        q = by_content[words]
        assert (q.who, q.kind) == ("Kazarian", "direct"), words
    assert not any("plaster cast" in q.content for q in quotes)

    closed_later = "He wrote: 'The vote was close.\n\nWe lost by six.\n\nThe officers' cars were gone.'\n\nPolice left."
    found = quoted(closed_later)
    assert "We lost by six." in found and "The officers' cars were gone.'" in found
    assert not any("Police left" in f for f in found)
    # an apostrophe after a plural ends no quotation: the paragraphs after a stray opener stay the writer's
    stray = "He played rock 'n' roll.\n\nShe said 'it was over.\n\nThe fans' bus left.\n\nThe end."
    assert not any("bus left" in f or "The end" in f for f in quoted(stray))


def test_a_name_after_a_noun_subject_is_the_speaker():
    """Yeti gold (b760): in "Another homeowner Andrei Kazarian said: “…”" the parser makes
    both "homeowner" and "Kazarian" subjects of "said", and the speaker was "Another
    homeowner", which the summary printed as '“…,” Another homeowner said.'."""
    a = article('Another homeowner Andrei Kazarian said: "I heard footsteps and we were pretty sure there was no one else around."')
    q = one(a, "said:")
    assert (q.who, q.speaker) == ("Kazarian", "Andrei Kazarian")
    # a noun subject with no name after it stays the speaker
    assert one(article('A local homeowner said: "I heard footsteps in the snow."'), "said:").who == "A local homeowner"


def test_a_he_after_a_surname_the_recogniser_missed_is_that_person_and_people_are_marked():
    """Flynn gold: "“…,” Schiff told reporters. ¶ “…,” he added." left the "he" unresolved
    (no PERSON entity on "Schiff" there); the report named "Rep. Adam Schiff" before, so the
    surname is his. ``Quote.person`` tells one person by name from an office or a body."""
    a = article(
        "Rep. Adam Schiff, the ranking Democrat on the committee, said on Wednesday that the committee is ready.",
        "The subpoenas “will be designed to maximize our chance of getting the information that we need,” Schiff told reporters at a breakfast hosted by the Christian Science Monitor.",
        "“We need to use whatever compulsory mechanism necessary to get the information,” he added.",
    )
    added = one(a, "added")
    assert added.who == "Schiff" and added.person
    a = article("“The call lasted 50 minutes,” Netanyahu's office said.")
    said = one(a, "said")
    assert said.who == "Netanyahu's office" and not said.person
    # someone not named as a person before stays unresolved: a wrong name misleads more
    a = article(
        "Rep. Adam Schiff said on Wednesday that the committee is ready.",
        "“We will act,” the committee's chairman told reporters at a breakfast.",
        "“We need the information,” he added.",
    )
    assert one(a, "added").who is None


def test_a_paragraph_wholly_quoted_goes_on_with_the_speaker_of_the_paragraph_before():
    """Mueller gold: after "“As Donald Trump said, ’Let it come out,’” Mr. Sanders wrote on
    Twitter." the next paragraphs are one quotation with no cue ("“I call on … ¶ No one,
    including the president, is above the law.”"); by the news convention they are Sanders's
    words, and the quotes stage had given them no speaker."""
    a = article(
        "Senator Bernie Sanders joined the call on Friday.",
        "“As Donald Trump said, ’Let it come out,’” Mr. Sanders wrote on Twitter.",
        "“I call on the administration to make the full report public as soon as possible.",
        "No one, including the president, is above the law.”",
        "“The voters will decide this,” a White House official said.",
        "“It has been a long week for everyone here.”",
        "Ms. Warren said “it is time” and left the room.",
        "“Nobody expected the vote to be so close tonight.”",
        junk="MENU | ",
    )
    quotes, by_content = quotes_by_content(a)
    for words in (
        "I call on the administration to make the full report public as soon as possible",
        "No one, including the president, is above the law",
    ):
        q = by_content[words]
        assert (q.speaker, q.who, q.cue, q.kind) == ("Mr. Sanders", "Sanders", "wrote on Twitter", "direct")
        assert q.cue_start == next(q.cue_start for q in quotes if q.content.startswith("As Donald Trump said"))
    assert by_content["It has been a long week for everyone here"].speaker == "a White House official"
    # a paragraph whose quotation is not its last words names nobody for the next one
    assert [q.content for q in quotes if q.speaker == "Ms. Warren"] == ["it is time"]


def test_a_quotation_the_parse_hangs_on_the_speakers_name_is_not_part_of_the_speaker():
    """Eggnog gold: in "“Everyone knows I'm pretty competitive,” Ryan Roche of Lehi, Utah,
    told ABC News today, …" the parser hung the quotation on "Roche" as a clausal
    complement; the speaker's phrase took it in, and the quote was dropped as a quoted title
    inside the speaker's description."""
    a = article(
        "A Utah man was rushed to the hospital after a contest at an office party.",
        "“Everyone knows I'm pretty competitive,” Ryan Roche of Lehi, Utah, told ABC News today, "
        "explaining how his colleagues talked him into participating.",
    )
    q = one(a, "told")
    assert q.content == "Everyone knows I'm pretty competitive"
    assert q.speaker == "Ryan Roche of Lehi, Utah"


def test_who_is_heard_leaves_out_a_description_after_the_name():
    """Schumer gold: the summary printed “…,” Democracy for America, just one of several such
    groups said — ``who`` is the name without the description the writer hung on it."""
    a = article(
        "“Today’s cave by most Senate Democrats was a stunning display of cowardice,” said "
        "Democracy for America, just one of several such groups bashing Schumer on Monday."
    )
    q = one(a, "said")
    assert q.speaker == "Democracy for America, just one of several such groups"
    assert q.who == "Democracy for America"


def test_a_he_goes_with_a_subject_named_before_not_a_name_inside_a_business_name():
    """Eggnog gold: "There was a Ruth's Chris Steak House gift card on the line, so Roche faced
    off against two co-workers. ¶ “I pretty much poured it down,” he said." gave the quote to
    "Chris Steak" (a person to the recogniser) and the report showed a false speaker conflict.
    A name that only begins a longer one is no person, and a subject whose surname the report
    gave a person before ("Ryan Roche") is that person though tagged otherwise here."""
    a = article(
        "Ryan Roche won an eggnog-chugging contest at his office party in Utah this month.",
        "There was a Ruth's Chris Steak House gift card on the line, so Roche faced off against two other co-workers.",
        "“I pretty much poured it down,” he said.",
    )
    q = one(a, "said")
    assert q.who == "Roche"
    # not a subject in a clause after the sentence's own subject, a person
    a = article(
        "Donald Trump was sworn in as president on Friday.",
        "Democratic nominee Hillary Clinton attended and tweeted shortly before Trump took the oath that she came to honor our democracy.",
        "“I will never stop believing in our country and its future,” she wrote.",
    )
    assert one(a, "wrote").who == "Clinton"


def test_a_named_person_with_a_describing_word_is_that_person():
    """Eggnog gold: "… but the competitive Roche just couldn't walk away" was heard as "the
    competitive Roche", a speaker apart from Roche; a role ("the President") is not a name."""
    a = article(
        "Ryan Roche won an eggnog-chugging contest at his office party in Utah this month.",
        "The competitive Roche said he could not walk away from the contest.",
        "The White House said that the president would not comment.",
    )
    who = {q.speaker: (q.who, q.person) for q in find_quotes(a)}
    assert who["The competitive Roche"] == ("Roche", True)
    assert who["The White House"] == ("the White House", False)


def test_a_he_after_a_plural_speaker_is_the_person_named_before():
    """Eggnog gold: "…, the doctors told him. ¶ “They pretty much had to wheelchair me in,” he
    said." left "he" unresolved, as if the doctors had been someone who could be "he"."""
    a = article(
        "Ryan Roche won an eggnog-chugging contest at his office party in Utah this month.",
        "Roche had aspirated the eggnog to his lungs, the doctors told him.",
        "“They pretty much had to wheelchair me in,” he said.",
    )
    assert one(a, "said").who == "Roche"


def test_a_paragraph_introduced_with_a_cue_and_a_colon_is_the_speakers_block_quotation():
    """Comcast gold: “The Comcast agent then allegedly told the customer: ¶ Users who try to
    use anonymity … aren’t so-to-speak legal.” The page lost the block quotation's marks, and
    the report took the agent's words for the outlet's own statement."""
    a = article(
        "The next day the customer called Comcast and spoke to another agent. The Comcast agent then allegedly told the customer:",
        "Users who try to use anonymity are usually doing things that aren’t so-to-speak legal. We have the right to terminate your account.",
        "Trump responded to the allegations in a statement on Friday afternoon:",
        "“I had absolutely nothing to do with it, did not know about it, and have not read it.”",
        "Here are the facts:",
        "Comcast does not monitor the browser software of its customers.",
        "The senator wrote on Facebook:",
        "“These attacks are garbage,” his spokesman said on Friday.",
    )
    quotes = find_quotes(a)
    by_content = {q.content.split()[0]: q for q in quotes}
    agent = by_content["Users"]
    assert (agent.speaker, agent.cue, agent.kind) == ("The Comcast agent", "then allegedly told", "direct")
    assert agent.content.endswith("We have the right to terminate your account")  # the whole paragraph
    assert by_content["I"].who == "Trump"
    assert "Comcast" not in by_content  # no cue before the colon: the outlet's own statement
    # the role a "his" goes back to: the senator, whom this report never names
    assert [q.speaker for q in quotes if q.content.startswith("These attacks")] == ["The senator's spokesman"]


def test_a_she_is_not_a_man_the_report_titles_mr():
    """ISIS gold: with a plural subject no longer in the way, “… and said she should have some
    food …” went to Mr Adbulla, who was telling the story."""
    a = article(
        "Mr Adbulla described what happened to an old Kurdish woman from a nearby tribe.",
        "The IS men told the woman to sit down. She asked to see her son.",
    )
    assert [q.who for q in find_quotes(a) if q.cue == "asked"] in ([], [None])
    # a surname two people share: "Mr. Trump" says nothing of Melania Trump
    a = article(
        "Mr. Trump called the photo disgusting on Wednesday.",
        "First lady Melania Trump spoke to reporters at the White House on Wednesday.",
        "“As a mother, a wife, and a human being, that photo is very disturbing,” she said.",
    )
    assert one(a, "said").who == "Trump"


def test_a_quotation_an_outlet_reports_is_the_words_of_the_one_it_reports_on():
    """Comcast gold: “One Comcast representative, identified only as Kelly, warned a customer
    over his use of Tor software, DeepDotWeb reports: ¶ Users who try to use anonymity …” gave
    the representative's words to DeepDotWeb, and the report printed “…,” DeepDotWeb said."""
    a = article(
        "One Comcast representative, identified only as Kelly, warned a customer over his use of Tor software, DeepDotWeb reports:",
        "Users who try to use anonymity are usually doing things that aren’t so-to-speak legal. We have the right to terminate your account.",
    )
    [q] = [q for q in find_quotes(a) if q.content.startswith("Users")]
    assert (q.speaker, q.cue, q.who) == ("Kelly", "warned", "Kelly")
    # the same, with the quotation in the sentence (Monday gold: the summary printed “I was
    # just been honest about turning in Monday morn that's all!” CBC said)
    b = article('Constantine responded again, CBC reported: "Look just letting everyone know this ain\'t a joke or intended !!!! I was just been honest about turning in Monday morn that\'s all !!!!"')
    [q] = [q for q in find_quotes(b) if q.content.startswith("Look")]
    assert (q.who, q.cue) == ("Constantine", "responded")
    # one man's two remarks (a PolNeAR row): the second "said" reports no one else's words
    c = article("He said he had not seen the violent episode in Fayetteville, and when asked whether he was encouraging his supporters' fury, he said, ''I hope not, no way.''")
    found = {q.content[:12]: q for q in find_quotes(c)}
    assert found["I hope not, "].cue_start == c.text.index("he said, ''") + 3
    assert "he had not s" in found


def test_a_described_speaker_the_sentence_names_is_shown_by_the_name():
    a = article(
        "The next day the customer spoke to another agent named Kelly who reiterated that Comcast does not want its customers using Tor.",
        "A spokesman, identified as John Smith, said the company would appeal the ruling.",
        "A spokesman for the ministry said the talks would resume on Monday.",
    )
    # (the report names a person by the surname once it knows it)
    assert sorted(q.who for q in find_quotes(a)) == ["A spokesman for the ministry", "Kelly", "Smith"]


def test_a_verb_with_an_object_of_its_own_does_not_report_the_clause_before_it():
    """Comcast gold: “If you needed another reason to hate Comcast, … they’ve just given it to
    you: they’ve declared war on Tor Browser.” was a quote of “they” (cue “declared”)."""
    a = article(
        "If you needed another reason to hate Comcast, the most hated company in America, they’ve just given it to you: they’ve declared war on Tor Browser.",
        "The deal will stand, the minister told reporters on Monday.",
    )
    quotes = find_quotes(a)
    assert [q.cue for q in quotes] == ["told"]


def test_no_one_is_named_the_speaker_inside_their_own_words():
    """Bachmann gold (Fox): a quotation that runs on from the paragraph before has no opening
    mark of its own, so "she" took the nearest name, Howard Dean, who sits inside her words."""
    a = article(
        "Terry O'Neill said the cover is sexist.",
        "\"The 'Queen of Rage' is something you apply to wrestlers or somebody who is crazy.",
        "They didn't even do this to Howard Dean when he had his famous scream,\" she said.",
    )
    q = next(q for q in find_quotes(a) if "Howard Dean" in q.content)
    assert q.speaker == "Terry O'Neill"


def test_a_first_name_alone_is_heard_as_the_person_named_in_full():
    """Mushrooms gold (b1305): "Presenter Alan told The Sun …" after "Alan Titchmarsh" was heard
    as "Alan", so the event's speakers listed one man twice (Griffin's "Kathy", Abdulla's
    "Yasir" too)."""
    a = article(
        "Celebrity gardener Alan Titchmarsh spotted the mushrooms while filming.",
        "Presenter Alan told The Sun he was surprised to find the plants.",
    )
    assert one(a, "told").who == "Titchmarsh"
    # two people of that first name: no one to choose
    b = article(
        "Alan Titchmarsh and Alan Jones spotted the mushrooms while filming.",
        "Presenter Alan told The Sun he was surprised to find the plants.",
    )
    assert one(b, "told").who == "Alan"


def test_quoted_words_at_the_end_of_a_quote_keep_their_closing_mark():
    """Elon gold: "… more comfortable with the term “freshman.”" was shown as '… the term
    “freshman', a quotation opened and never closed (one quote in twelve across the golds)."""
    a = article(
        "Smith said they were more comfortable with the term “freshman.”",
        'Williams said that two of the helicopters had been hit, "including the one I was in."',
    )
    quotes = find_quotes(a)
    check_offsets(a, quotes)
    assert [q.content for q in quotes] == [
        "they were more comfortable with the term “freshman.”",
        'that two of the helicopters had been hit, "including the one I was in."',
    ]


def test_a_scene_a_picture_shows_is_no_quote_but_a_finding_it_shows_is():
    """Bachmann gold: "The cover shows Bachmann standing against a stark blue background" was a
    quote of "The cover"; Cruz's "The photo features Mrs. Trump …" too."""
    a = article(
        "The cover shows Bachmann standing against a stark blue background.",
        "The photo features Mrs. Trump sprawled out on a fur rug.",
        "The documents show the Clintons have paid $43 million in federal taxes.",
        "The review showed that many changes were made to the talking points.",
        "A comparison with the footage shows it to be a hoax.",
    )
    assert sorted(q.cue for q in find_quotes(a)) == ["show", "showed", "shows"]


def test_a_he_after_a_role_that_spoke_is_that_role():
    """Border gold (NYT): "On point after point, the president insisted that he would be proved
    correct. ¶ “People said, ‘Trump is crazy,’” he said" left the "he" bare."""
    a = article(
        "Mr. Trump’s assertions were replete with misinformation, said Paul D. Ryan.",
        "On point after point, the president insisted that he would be proved correct.",
        "“People said, ‘Trump is crazy,’” he said at one point.",
    )
    quotes = find_quotes(a)
    check_offsets(a, quotes)
    q = next(q for q in quotes if q.content.startswith("People"))
    assert (q.speaker, q.who) == ("the president", "the president")


def test_the_governor_is_the_one_named_gov_and_a_former_president_is_not_the_president():
    """Indiana gold (NYT): "Gov. Mike Pence" then "the governor said" was heard as "the
    governor"; "former President Barack Obama" made "the president" two people."""
    a = article(
        "Gov. Mike Pence signed the law on Thursday.",
        "The governor said he expected legislation clarifying the law.",
        "Donald Trump spoke after former President Barack Obama left.",
        "President Donald Trump took the oath.",
        "The president said the time for empty talk is over.",
    )
    assert [q.who for q in find_quotes(a)] == ["Pence", "Trump"]


def test_a_cue_inside_someones_quoted_words_is_their_talk_not_a_quote():
    """NAACP gold: in Jealous's quotation, run over two paragraphs, "we’re saying stand up and
    say enough is enough" was shown as a quote of its own with no speaker."""
    a = article(
        "He added: “Knowing that the consequence of silence is violence in these times, we’re saying stand up and say enough is enough.",
        "They need to make clear that there is no place for the bigots in the Tea Party movement.”",
        junk="MENU ",
    )
    quotes = find_quotes(a)
    check_offsets(a, quotes)
    # both paragraphs are his, heard through his cue; "we’re saying" inside them is no cue
    assert [q.cue for q in quotes] == ["added:", "added:"]
    assert quotes[1].content == "They need to make clear that there is no place for the bigots in the Tea Party movement"
    # a cue outside the marks still reports: the quotation is only the words between them
    a = article("“We are leaving,” the mayor said, and officials said the dam would hold.")
    assert sorted(q.cue for q in find_quotes(a)) == ["said", "said"]


def test_who_is_heard_leaves_out_an_embedded_posts_handle_and_invisible_marks():
    """Millan gold: a tweet's "Kerem Soyyilmaz \u200f@keremsoyyilmaz said:" was heard as the
    name with a direction mark and the handle."""
    a = article('Fans were quick to react. Kerem Soyyilmaz \u200f@keremsoyyilmaz said: "Rest in peace beautiful man, this is sooo early."')
    q = one(a, "said:")
    assert q.speaker == "Kerem Soyyilmaz \u200f@keremsoyyilmaz"  # the report's words, as written
    assert q.who == "Kerem Soyyilmaz"
    a = article('Fans were quick to react. @AmyL618 said: "It\'s a hoax right?"')
    assert one(a, "said:").who == "@AmyL618"  # a handle alone is all the report gives
    # the recogniser may take the handle into the name: "Aimee \u200f@AmyL618" is Aimee
    a = article("Fans were quick to react.", "Another fan, Aimee \u200f@AmyL618, said: It is a hoax right?")
    assert one(a, "said").who == "Aimee"


def test_a_pronoun_inside_a_quoted_story_is_a_person_that_story_names():
    """Millan gold: a report quoting a hoax story (“… was given by his wife Jahira Dar in a
    news conference, where she said to the media, '…'”) heard the widow's words as Millan's:
    the only names looked at were those outside quotation marks."""
    a = article(
        "The fake report about the singer Paul Grant spread fast on Monday.",
        "It stated that",
        "\"the sad news of Grant's death was given by his sister Maria Lopez in a news "
        "conference, a couple of hours ago, where she said to the media, 'I hope you can understand our loss, and I would appreciate "
        "if you can give us our space.'\"",
    )
    assert one(a, "said").who == "Lopez"
    # a pronoun outside quotation marks still skips names inside them
    a = article(
        "Paul Grant spoke on Monday.",
        "\"Maria Lopez was never my manager,\" he said.",
    )
    assert one(a, "said").who == "Grant"


def test_a_hyphenated_speaker_is_one_word():
    """Kim gold: "One South Korean ex-pat said, ‘…’" was heard as "One South Korean ex": the
    tokenizer splits the word at its hyphen and the parse takes each piece for a subject."""
    a = article("Kim is said to be unhappy. One South Korean ex-pat said, ‘The elite in the country joke that he is too big.’")
    assert one(a, "said").who == "One South Korean ex-pat"
    # the rest of the phrase may hang on the second piece: "of the firm, Ann Lee" on "founder"
    a = article("The co-founder of the firm, Ann Lee, told reporters the deal was off.")
    q = one(a, "told")
    assert (q.speaker, q.who) == ("The co-founder of the firm, Ann Lee", "Lee")


def test_a_relative_clause_after_the_object_is_not_what_was_said():
    """Arizona gold: "Brewer announced her decision to veto legislation on Wednesday that would
    have allowed businesses to …" was heard as Brewer saying "that would have allowed …": the
    parse hung the object's relative clause on "announced"."""
    a = article(
        "Gov. Jan Brewer (R) announced her decision to veto legislation on Wednesday that would "
        "have allowed businesses to refuse service to anyone on religious grounds."
    )
    assert all(not q.content.startswith("that would") for q in find_quotes(a))
    # "said that …" with no object keeps its clause
    a = article("The minister told reporters on Monday that the bill would fail in the Senate.")
    assert one(a, "told").content == "that the bill would fail in the Senate"


def test_a_speaker_as_written_keeps_its_brackets_and_drops_a_counting_word():
    """Arizona gold: "Arizona Gov. Jan Brewer (R)" was shown as "… Brewer (R", and "major
    corporations like Marriott, Apple and American Airlines all wrote …" kept the "all"."""
    a = article('Arizona Gov. Jan Brewer (R) said, "The bill does not address a present concern."')
    assert one(a, "said").speaker == "Arizona Gov. Jan Brewer (R)"
    a = article(
        "The governor got many letters.",
        "Major corporations like Marriott, Apple and American Airlines all wrote to the governor "
        "and expressed their opposition.",
    )
    assert one(a, "expressed").speaker == "Major corporations like Marriott, Apple and American Airlines"


def test_an_editors_bracketed_letter_opens_the_quoted_words():
    """Arizona gold: 'stating, "[W]e have heard loud and clear …' gave "W]e have heard …"."""
    a = article('The host committee came out against the bill on Monday, stating, "[W]e have heard loud and clear from our stakeholders that this would hurt growth."')
    assert one(a, "stating").content.startswith("[W]e have heard")


def test_a_task_source_keeps_the_bracket_it_opened():
    """PolNeAR task rows wrote "Sen. Bernie Sanders (I-Vt" for "Sen. Bernie Sanders (I-Vt.)
    said …": the source as written drops trailing stops but not a bracket it opened."""
    text = "Sen. Bernie Sanders (I-Vt.) said that the bill would hurt working families."
    (att,) = [a for a in predict_quotes([{"id": "b", "text": text}])[0]["attributions"] if a["cue"] == "said"]
    assert att["source"] == "Sen. Bernie Sanders (I-Vt.)"


def test_a_posting_service_is_never_who_she_is():
    """GOP-aide gold: the small recogniser read "Twitter" as a person in "describes herself
    on Twitter as …", and the "she wrote" after it was heard as Twitter."""
    a = article(
        "Enter Ms. Lauten, a former party aide who describes herself on Twitter as loving cats and all things pink.",
        "“I get you’re both in those awful teen years, but try showing a little class,” she wrote above a picture.",
    )
    q = one(a, "wrote")
    assert q.who == "Lauten" and q.person


def test_a_person_the_speaker_is_only_about_is_not_the_speaker():
    """Kayla Mueller gold: "A 2007 article about Mueller from the same local newspaper said
    …" was heard as Mueller; a name after a preposition in the speaker's words is not who
    speaks, while a title with "of" before a name still is."""
    a = article(
        "A 2007 article about Mueller from the same local newspaper said she was a student at Northern Arizona University.",
        "Former Secretary of State Hillary Clinton said the plan would fail.",
    )
    quotes = find_quotes(a)
    article_q = next(q for q in quotes if q.speaker.startswith("A 2007 article"))
    assert (article_q.who, article_q.person) == ("A 2007 article about Mueller from the same local newspaper", False)
    clinton = next(q for q in quotes if "Clinton" in q.speaker)
    assert (clinton.who, clinton.person) == ("Clinton", True)
    # a relative "who" speaks for a person, wherever the parse hung it (Walmart gold)
    a = article("The argument also drew the ire of Justice Antonin Scalia who said he was whipsawed by the claims.")
    assert (one(a, "said").who, one(a, "said").person) == ("Scalia", True)


def test_a_setting_before_the_cue_is_not_what_was_said():
    """GOP-aide gold: "In a letter to Sasha and Malia posted on her website, Ms. Davis
    recalled …" gave the letter phrase as Davis's words (the parse hangs "posted" on the
    cue as a clause); a clause before its cue is content only with a subject of its own."""
    a = article(
        "In a letter to Sasha and Malia posted on her website, Ms. Davis recalled being criticized by a reporter "
        "decades ago for the outfit she wore to a reception.",
        "The plan will fail, the senator said.",
    )
    quotes = find_quotes(a)
    assert not any(q.content.startswith("In a letter") for q in quotes)
    assert one(a, "said").content == "The plan will fail"


def test_a_speaker_phrase_that_holds_its_own_root_ends_the_walk():
    """The walk up from a name inside the speaker's words stops at the sentence's root (a
    first form compared spaCy tokens by identity and never stopped on the Gaza dams gold)."""
    from rashomon.nlp import english
    from rashomon.quotes import _Speakers

    text = "John Smith said the dams were opened."
    doc = english()(text)
    assert not _Speakers(text, doc)._named_in_passing(0, len(text))  # the subject, no preposition
    text = "A friend of John Smith said the dams were opened."
    assert _Speakers(text, english()(text))._named_in_passing(0, len(text))


def test_a_person_named_by_age_alone_goes_on_with_the_person_told_of():
    """Kayla Mueller gold: "The 26-year-old told the paper that …" is Mueller's, as a "she"
    there would be; with a noun after the age ("The 50-year-old man") it may be someone new."""
    a = article(
        "Kayla Mueller had been working in Turkey assisting Syrian refugees.",
        "The 26-year-old told the paper that she was drawn to help with the situation in Syria.",
        "The 50-year-old man said that he had fallen from the roof.",
    )
    assert (one(a, "told").who, one(a, "told").person) == ("Mueller", True)
    assert one(a, "said").who == "the 50-year-old man"


def test_a_name_spelled_like_a_bare_contraction_is_one_word():
    """Apple Watch gold (b1409): "Apple Chief Designer Jony Ive spoke about …, saying that he
    unequivocally believes …" was heard from "I": spaCy's tokenizer split "Ive" as "I've"
    written without its apostrophe. Edited copy writes contractions with one, so "Ive", "wed"
    and "Id" stay words; "cannot" and contractions with their apostrophe still split."""
    from rashomon.nlp import english

    a = article("Apple Chief Designer Jony Ive spoke about the watch at a recent event, saying that he believes it will help millions.")
    assert one(a, "saying").who == "Ive"
    nlp = english()
    assert [t.text for t in nlp("The couple wed in 2010.")][2] == "wed"
    assert [t.text for t in nlp("I cannot say; I've said it.")] == ["I", "can", "not", "say", ";", "I", "'ve", "said", "it", "."]


def test_a_quotation_whose_last_piece_is_one_word_is_heard_through_its_cue():
    """Huma Abedin gold (Fox): a tweet quoted over four paragraphs, '“Crooked Hillary
    Clinton’s top aide … protocols. ¶ She put Classified Passwords … ¶ Remember sailors
    pictures on the submarine? ¶ Jail!” Trump tweeted early Tuesday.', was no one's: the
    last piece, one word, was too short to be a quote, and with it went the cue the other
    pieces are heard through."""
    a = article(
        "President Trump went after Huma Abedin on Tuesday.",
        "“Crooked Hillary Clinton’s top aide, Huma Abedin, has been accused of disregarding basic security protocols.",
        "She put Classified Passwords into the hands of foreign agents.",
        "Jail!” Trump tweeted early Tuesday.",
    )
    quotes, by_content = quotes_by_content(a)
    for words in (
        "Crooked Hillary Clinton’s top aide, Huma Abedin, has been accused of disregarding basic security protocols",
        "She put Classified Passwords into the hands of foreign agents",
    ):
        assert (by_content[words].who, by_content[words].cue, by_content[words].kind) == ("Trump", "tweeted", "direct")
    assert "Jail!" not in by_content  # one word is no quote to show
