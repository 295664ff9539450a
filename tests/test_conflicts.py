"""Conflict rules: numbers, days, negation; hedges respected, precision first."""

from rashomon.conflicts import day_conflict, find_conflict, negation_conflict, number_conflict, quantities
from rashomon.model import Claim


def claim(source: str, text: str) -> Claim:
    return Claim(f"{source}:0", source, 0, len(text), text)


def test_quantities_read_counts_units_and_hedges():
    (q,) = quantities("about 300 workers were evacuated")
    assert (q.value, q.unit, q.hedge) == (300, "worker", "about")
    (hour,) = quantities("spoke for nearly an hour")
    assert (hour.value, hour.unit) == (60, "minute")
    (residents,) = quantities("More than 2,000 residents fled")
    assert (residents.value, residents.unit, residents.hedge) == (2000, "people", "more than")
    assert quantities("a statement issued in 2023") == []


def test_incompatible_counts_conflict_with_reason():
    found = number_conflict(claim("a", "About 1,200 residents were moved out."), claim("b", "More than 2,000 people were forced to flee."))
    assert found is not None
    assert found.reason == "number of people: About 1,200 residents (a) vs More than 2,000 people (b)"
    assert found.values == {"a": "About 1,200 residents", "b": "More than 2,000 people"}


def test_hedged_numbers_that_can_both_hold_do_not_conflict():
    assert number_conflict(claim("a", "a 50-minute phone call"), claim("b", "spoke for nearly an hour")) is None
    assert number_conflict(claim("a", "more than 1,200 people died"), claim("b", "1,400 people died")) is None
    assert number_conflict(claim("a", "300 workers"), claim("b", "300 workers")) is None


def test_different_days_conflict():
    assert day_conflict(claim("a", "The gate failed on Tuesday."), claim("b", "The gate failed on Monday.")).slot == "day"
    assert day_conflict(claim("a", "talks on December 10"), claim("b", "talks on 8 December")).slot == "date"
    assert day_conflict(claim("a", "talks on December 10"), claim("b", "talks on 10 December")) is None


def test_negation_needs_shared_words_and_no_implicit_negative():
    assert negation_conflict(claim("a", "The company confirmed the gate was inspected last year."), claim("b", "The company confirmed the gate was not inspected last year.")) is not None
    # "avoid harm" and "did not lead to harm" say the same thing
    assert negation_conflict(
        claim("a", "it is important that countering threats did not lead to grave consequences for civilians"),
        claim("b", "it is important to avoid grave consequences for civilians while countering threats"),
    ) is None


def test_copies_never_conflict_with_their_original():
    a, b = claim("a", "About 300 workers were evacuated."), claim("b", "About 900 workers were evacuated.")
    assert find_conflict([a, b]) is not None
    assert find_conflict([a, b], copies={"b": "a"}) is None
