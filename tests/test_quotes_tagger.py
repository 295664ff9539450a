"""The cue tagger (a CRF over the parse): gold cues placed in the text, BIO labels, and how
its chances check, extend and add to the extractor's finds; the content tagger and how it
corrects a find's content."""

from __future__ import annotations

from dataclasses import replace

import pytest

from rashomon.quotes import _Attribution, _char_range, _tagged

pytest.importorskip("pycrfsuite")


@pytest.fixture(scope="module")
def nlp():
    from rashomon.nlp import english

    return english()


def test_gold_cue_is_placed_at_the_occurrence_nearest_its_content(nlp):
    from rashomon.quote_tagger import gold_spans, labels, tag_spans

    text = "Ann said the roads were closed. Later Bob said that the bridge would open on Monday."
    doc = nlp(text)
    row = {"text": text, "attributions": [
        {"source": "Bob", "cue": "said", "content": "the bridge would open on Monday"},
        {"source": "Ann", "cue": "", "content": "x"},
    ]}
    spans, unplaced = gold_spans(row, doc)
    assert unplaced == 1  # the empty cue
    ((i, j),) = spans
    assert doc[i - 1].text == "Bob" and doc[i:j].text == "said"
    lab = labels(len(doc), spans)
    assert lab[i] == "B" and lab.count("B") == 1 and "I" not in lab
    assert tag_spans(["O", "B", "I", "O", "I", "B"], 10) == [(11, 13), (14, 15), (15, 16)]


def test_tagged_drops_extends_and_adds(nlp):
    text = (
        "Critics are specifically focused on the cost. Nobody ever saw the plan. "
        "The mayor came out in support of the plan. Putin expressed his readiness to help."
    )
    doc = nlp(text)
    tok = {t.text: t.i for t in doc}
    focused, saw, came, expressed = tok["focused"], tok["saw"], tok["came"], tok["expressed"]

    def att(i, j):
        return _Attribution(None, _char_range(doc, i, j), _char_range(doc, j, j + 2), "indirect")

    found = [att(focused, focused + 1), att(saw, saw + 1), att(expressed, expressed + 1)]
    rest = [(0.1, att(came, came + 1)), (0.05, att(came, came + 2))]
    marg = [0.0] * len(doc)
    for t in range(tok["are"], tok["on"] + 1):
        marg[t] = 0.9
    for t in range(came, tok["of"] + 1):
        marg[t] = 0.8
    spans = [(tok["are"], tok["on"] + 1), (came, tok["of"] + 1)]
    out = _tagged(doc, found, rest, marg, spans)
    cues = sorted(text[a.cue[0] : a.cue[1]] for a in out)
    # "saw" has no chance of being a cue: dropped; "focused" takes the tagged extent; the
    # tagged "came out in support of" takes the likelier learned candidate under it; a stated
    # position ("expressed his readiness") stays whatever the tagger says
    assert cues == ["are specifically focused on", "came out in support of", "expressed"]
    added = next(a for a in out if text[a.cue[0] : a.cue[1]].startswith("came"))
    assert added.content == rest[0][1].content


@pytest.mark.parametrize(
    ("loader", "method", "tagged", "untagged"),
    [("cue_tagger", "tag", "said", "talks"), ("content_tagger", "tag_content", "talks", "minister")],
)
def test_shipped_taggers_tag_their_part_of_a_report(nlp, loader, method, tagged, untagged):
    """The cue tagger tags the speech verb, the content tagger the reported clause."""
    from rashomon import quote_tagger

    tagger = getattr(quote_tagger, loader)()
    if tagger is None:
        pytest.skip(f"no {loader} model")
    text = "The minister said on Monday that the talks had failed."
    doc = nlp(text)
    marg, spans = getattr(tagger, method)(text, doc)
    hit = next(t.i for t in doc if t.text == tagged)
    assert marg[hit] > 0.5 and any(a <= hit < b for a, b in spans)
    assert marg[next(t.i for t in doc if t.text == untagged)] < 0.5


def test_a_sure_tagged_cue_without_candidates_takes_speaker_and_content_from_the_parse(nlp):
    text = "One activist tweeted: the mayor should resign now."
    doc = nlp(text)
    tok = {t.text: t.i for t in doc}
    marg = [0.0] * len(doc)
    marg[tok["tweeted"]] = marg[tok[":"]] = 0.9
    out = _tagged(doc, [], [], marg, [(tok["tweeted"], tok[":"] + 1)])
    (att,) = out
    assert text[att.cue[0] : att.cue[1]] == "tweeted:"
    assert text[att.speaker[0] : att.speaker[1]] == "One activist"
    assert text[att.content[0] : att.content[1]] == "the mayor should resign now"
    assert att.learned and not att.named  # scored, never shown in the report


def test_task_rows_join_a_quote_to_the_quotes_that_continue_it():
    from rashomon.quotes import _task_rows

    text = "“The talks were long,” the spokesman said. Asked again, “But they were useful.”\n\n“Next.” Bob said."
    said = text.index("said")
    first = _Attribution((23, 36), (said, said + 4), (1, 20), "direct")
    asked = text.index("Asked")
    other = _Attribution(None, (asked, asked + 5), (asked + 6, asked + 11), "indirect")
    (row, _) = _task_rows(text, [first, other])
    assert row["content"] == text[1 : text.index("useful") + 6]  # not across the paragraph
    # two parts of one speech with the same cue are one attribution, with a find between
    second = _Attribution((23, 36), (said, said + 4), (text.index("But"), text.index("useful") + 6), "direct")
    rows = _task_rows(text, [_Attribution((23, 36), (said, said + 4), (1, 20), "direct"), other, second])
    assert [r["content"] for r in rows if r["cue"] == "said"] == [text[1 : text.index("useful") + 6]]


def test_gold_content_joined_from_pieces_is_placed_over_them(nlp):
    from rashomon.quote_tagger import content_features, gold_content_spans

    text = '"The plan will fail," the mayor said. "It costs far too much and helps nobody."\n\nShe left.'
    doc = nlp(text)
    row = {"text": text, "attributions": [
        {"source": "the mayor", "cue": "said",
         "content": '"The plan will fail," "It costs far too much and helps nobody."'},
    ]}
    ((i, j),) = gold_content_spans(row, doc)
    assert doc[i:j].text.startswith('"The plan') and doc[i:j].text.endswith('nobody."')
    paras = content_features(text, doc)
    assert len(paras) == 2 and paras[0][0] == 0 and doc[paras[1][0]].text == "She"


def test_tagged_content_takes_a_sure_lone_content(nlp):
    from rashomon.quotes import _tagged_content

    text = "The mayor said that the plan will fail next year. Ann warned that costs would rise."
    doc = nlp(text)
    tok = {t.text: t.i for t in doc}
    said, warned = tok["said"], tok["warned"]
    mayor = _Attribution(_char_range(doc, 0, 2), _char_range(doc, said, said + 1),
                         _char_range(doc, said + 1, tok["fail"] + 1), "indirect")
    ann = _Attribution(_char_range(doc, warned - 1, warned), _char_range(doc, warned, warned + 1),
                       _char_range(doc, warned + 1, tok["costs"] + 1), "indirect")
    marg = [0.0] * len(doc)
    for t in range(said + 1, tok["year"] + 1):
        marg[t] = 0.95
    for t in range(warned + 1, tok["rise"] + 1):
        marg[t] = 0.6  # not sure enough
    spans = [(said + 1, tok["year"] + 1), (warned + 1, tok["rise"] + 1)]
    out = _tagged_content(doc, [mayor, ann], marg, spans)
    assert text[slice(*out[0].content)] == "that the plan will fail next year"
    assert text[slice(*out[1].content)] == "that costs"
    # a tagged content that holds another find's content is not taken
    inner = _Attribution(None, _char_range(doc, tok["will"], tok["will"] + 1),
                         _char_range(doc, tok["fail"], tok["year"] + 1), "indirect")
    mayor = replace(mayor, content=_char_range(doc, said + 1, tok["fail"] + 1))
    out = _tagged_content(doc, [mayor, inner], marg, spans)
    assert text[slice(*out[0].content)] == "that the plan will fail"


def test_tagged_content_fills_an_empty_content_next_to_the_cue(nlp):
    from rashomon.quotes import _tagged_content

    text = "Ann tweeted: the plan is dead. Bob left early today."
    doc = nlp(text)
    tok = {t.text: t.i for t in doc}
    cue = _char_range(doc, tok["tweeted"], tok["tweeted"] + 1)
    ann = _Attribution(_char_range(doc, 0, 1), cue, (cue[1], cue[1]), "indirect")
    marg = [0.0] * len(doc)
    for t in range(tok["the"], tok["dead"] + 1):
        marg[t] = 0.8
    for t in range(tok["left"], tok["today"] + 1):
        marg[t] = 0.99  # sure, but in another sentence
    spans = [(tok["the"], tok["dead"] + 1), (tok["left"], tok["today"] + 1)]
    (out,) = _tagged_content(doc, [ann], marg, spans)
    assert text[slice(*out.content)] == "the plan is dead"
    (out,) = _tagged_content(doc, [replace(ann, content=(cue[1], cue[1]))], marg, spans[1:])
    assert out.content == (cue[1], cue[1])
