from rashomon.metrics import extraction_scores, page_match


def test_identical_text_scores_one():
    m = page_match("The council met on Monday to vote.", "the council met on monday, to vote")
    assert (m.precision, m.recall) == (1.0, 1.0)


def test_extra_text_lowers_precision_only():
    gold = "one two three four five six"
    m = page_match(gold, gold + " menu home about contact")
    assert m.recall == 1.0 and 0 < m.precision < 1


def test_empty_prediction():
    m = page_match("one two three four five", "")
    assert m.recall == 0.0
    s = extraction_scores([m, page_match("a b c d e", "a b c d e")])
    assert s["recall"] == 0.5 and s["precision"] == 1.0  # an empty prediction has no precision to average
