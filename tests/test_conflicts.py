"""Conflict rules: numbers, days, negation; hedges respected, precision first."""

from rashomon.conflicts import day_conflict, event_checks, find_conflict, negation_conflict, number_conflict, quantities, reported_conflict
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


def test_a_denial_conflicts_with_a_longer_report_of_the_act_it_denies():
    denial = claim("a", "Elon University has not banned the use of the word freshman")
    report = claim("b", "Elon University in North Carolina banned the word “freshman” from its website and student orientation")
    found = negation_conflict(denial, report)
    assert found is not None and found.values == {"a": "denies", "b": "affirms"}
    # the act the negation governs must be the other statement's: here "stop" is not
    other = claim("b", "Elon University in North Carolina uses the word “freshman” on its website and at student orientation")
    assert negation_conflict(claim("a", "Elon University has not stopped using the word freshman"), other) is None


def test_half_a_dozen_is_six():
    (tees,) = quantities("Naturally it has room for putting practice, with half a dozen tee boxes and a golf hole")
    assert (tees.value, tees.unit) == (6, "tee")
    assert number_conflict(claim("a", "It boasts six tee-off areas for a golf hole."), claim("b", "It has half a dozen tee boxes and a golf hole.")) is None


def test_copies_never_conflict_with_their_original():
    a, b = claim("a", "About 300 workers were evacuated."), claim("b", "About 900 workers were evacuated.")
    assert find_conflict([a, b]) is not None
    assert find_conflict([a, b], copies={"b": "a"}) is None


def test_dates_money_and_prepositions_are_not_counts():
    assert quantities("Fifteen of the 19 Sept. 11 hijackers were Saudi citizens") == []
    assert quantities("conservatives wanted to postpone the June 19 vote") == []
    (money,) = quantities("Trump requested $5.7 billion for construction of the wall")
    assert (money.value, money.unit, money.text) == (5.7e9, "dollar", "$5.7 billion")
    (tune,) = quantities("to the tune of $3.5 billion.")
    assert tune.value == 3.5e9
    (hyphen,) = quantities("a $5-million fine")
    assert (hyphen.value, hyphen.text) == (5e6, "$5-million")


def test_a_story_told_over_several_days_is_no_day_conflict():
    assert day_conflict(
        claim("a", "President Trump on Monday called the criminal case against Michael Flynn very unfair."),
        claim("b", "Flynn pleaded guilty on Friday for lying to the FBI."),
    ) is None


def test_the_day_something_was_reported_is_not_the_day_it_happened():
    """"On Monday some news sites reported on a hoax video" dates the reporting; the speech
    the video shows was on Friday. A trailing "officials said" leaves the fact its day."""
    speech = claim("a", "Putin was pooped on by a bird while giving a speech unveiling a monument in Moscow on Friday.")
    reported = claim("b", "On Monday some news sites reported on a hoax video of a bird pooping on Putin during his speech unveiling a monument in Moscow.")
    assert day_conflict(speech, reported) is None
    assert day_conflict(claim("a", "The gate failed on Tuesday, officials said."), claim("b", "The gate failed on Monday, officials said.")).slot == "day"
    assert day_conflict(claim("a", "Officials said Tuesday that the gate failed."), claim("b", "Officials said Monday that the gate failed.")) is None


def test_a_story_one_outlet_tells_as_fact_and_another_calls_a_hoax_is_a_conflict():
    from rashomon.conflicts import hoax_conflict

    fact = claim("a", "Russian President Vladimir Putin was pooped on by a bird while giving a speech in Moscow on Friday.")
    fake = claim("b", "A video of Vladimir Putin apparently being pooped on by a passing bird during a speech has proved to be a fake.")
    found = hoax_conflict(fact, fake)
    assert found is not None and found.values == {"b": "calls it false", "a": "tells it as fact"}
    # what a video seems to show is no statement of fact, and two debunkings agree
    video = claim("a", "A video appears to show a bird pooping on Putin during a speech in Moscow.")
    assert hoax_conflict(video, fake) is None
    assert hoax_conflict(claim("a", "The bird video of Putin's speech is a hoax."), fake) is None
    # quoting the false claim in the claimant's words reports it: no outlet tells it as fact
    false = claim("b", "Trump also falsely stated that the U.S. is “the only country in the world” that offers citizenship to those born here.")
    quoted = claim("a", "“We’re the only country in the world where a person comes in and has a baby, and the baby is essentially a citizen of the United States,” Mr. Trump told Axios.")
    assert hoax_conflict(quoted, false) is None


def test_a_source_debunks_in_its_own_words_and_a_building_storey_keeps_no_distance():
    """Border gold: HuffPost quoting a senator's "a fabricated national emergency" and the NYT
    quoting "It's a fake question" made both debunkers of a story no one called a hoax.
    Judd Nelson gold: "the 31-story West Hollywood high-rise" read as a statement about a
    story, so the hoax report's own telling seemed to keep its distance."""
    from rashomon.conflicts import debunking_sources, keeps_distance

    units = [
        claim("hpo", "“If Trump declares a fabricated national emergency, we won’t only call his bluff,” Schumer said."),
        claim("nyt", "“It’s a fake question.”"),
        claim("b805", "Nelson's 'death' was reported by Foxnews.es, a hoax website with no tie to the network."),
    ]
    assert debunking_sources(units) == {"b805"}
    assert not keeps_distance("Occupants of the 31-story West Hollywood high-rise have confirmed that it was his condo.")
    assert keeps_distance("Sources are reporting that the actor has been found dead.")
    assert keeps_distance("The story claimed that he had died.")


def test_negation_must_deny_what_happened():
    # a contrast ("not X, Y") and an opinion ("should not") deny nothing the other side affirms
    assert negation_conflict(claim("a", "That is not the objective, man is the objective."), claim("b", "Man is the objective.")) is None
    assert negation_conflict(claim("a", "Dress like you deserve respect, not a spot at a bar."), claim("b", "Dress like you deserve respect.")) is None
    assert negation_conflict(
        claim("a", "it should not happen that he comes here with a smile on his face."), claim("b", "He comes here with a smile on his face.")
    ) is None
    # a fragment inside a longer sentence whose own clause is negated
    assert negation_conflict(
        claim("a", "citing the Fifth Amendment's protections against self-incrimination."),
        claim("b", "Citing the Fifth Amendment right against self-incrimination, Flynn's lawyer said on Monday that Flynn would not comply with subpoenas from the committee."),
    ) is None


def test_sums_of_money_and_counts_given_elsewhere_do_not_conflict():
    # two sums in one story pay for different things
    assert number_conflict(
        claim("a", "Obama has cut $716 billion from Medicare."), claim("b", "His plan would cut Medicare by $800 billion.")
    ) is None
    # the other report gives the same count, without its noun
    assert number_conflict(
        claim("a", "Still, the police did make 47 arrests overnight."),
        claim("b", "Johnson said there were six arrests Wednesday, compared to 47 the previous night."),
    ) is None
    # "a day earlier" says when, not how long
    assert number_conflict(
        claim("a", "Trump agreed to reopen the government for three weeks."),
        claim("b", "Trump will reopen the government, despite a day earlier saying he would not cave."),
    ) is None
    assert number_conflict(claim("a", "about 50,000 pages of emails were delivered"), claim("b", "it received 55,000 pages of emails")) is None
    assert number_conflict(claim("a", "Roberts administered the 38-word oath."), claim("b", "Trump took the 35-word oath.")) is not None


def test_a_curly_apostrophe_negates_like_a_straight_one():
    assert negation_conflict(
        claim("a", "“If somebody tells you how to exercise discretion,” he said, “you don’t have discretion.”"),
        claim("b", "\"If somebody tells you how to exercise discretion, you don't have discretion,\" he said."),
    ) is None
    assert negation_conflict(
        claim("a", "“I didn’t need to do this, but I’d rather do it much faster,” he said."), claim("b", "“But I’d rather do it much faster.”")
    ) is None


def test_a_source_does_not_contradict_a_count_it_gives_itself():
    """b59 of the Tiger gold: its "water area of around 500 acres" counts the water, its
    "62-acre island" the island; against another report's "62-acre haven" it is no conflict."""
    from rashomon.conflicts import stated_counts

    water = claim("b59", "The island also includes two small islands with a water area of around 500 acres.")
    haven = claim("b1322", "The 62-acre haven features a villa and a landing strip.")
    assert number_conflict(haven, water) is not None  # alone, the statements look like a conflict
    stated = stated_counts([water, claim("b59", "The 62-acre island was the former home of Woods."), haven])
    assert number_conflict(haven, water, stated) is None
    assert find_conflict([haven, water], checks=event_checks(stated)) is None
    # a report that gives only its own figure still contradicts
    stated = stated_counts([claim("a", "About 1,200 residents were moved out."), claim("b", "More than 2,000 people were forced to flee.")])
    assert number_conflict(claim("a", "About 1,200 residents were moved out."), claim("b", "More than 2,000 people were forced to flee."), stated) is not None


def test_one_report_passing_on_two_accounts_of_a_count_is_a_conflict():
    listing = claim("b1546", "The Vladi listing pegs the property at about 62 acres; Private Islands Online says its about 82 acres.")
    found = reported_conflict(listing)
    assert found is not None and found.slot == "number of acres"
    assert "about 62 acres" in found.reason and "about 82 acres" in found.reason and "(b1546)" in found.reason
    assert find_conflict([listing]) is not None
    crowd = claim("x", "Police put the crowd at 3,000 people while organisers said 10,000 people came.")
    assert reported_conflict(crowd) is not None
    # two counts of different things, or with no one giving them, are no dispute
    assert reported_conflict(claim("x", "Six arrests were made Wednesday, compared to 47 arrests the previous night.")) is None
    assert reported_conflict(claim("x", "The island has 62 acres; its water area is about 500 acres.")) is None
    assert reported_conflict(claim("x", "Police said about 3,000 people marched; organisers said 3,000 people came.")) is None


def test_a_syndicated_copy_gives_the_counts_of_its_original():
    """Qingdao gold: b1196 (a copy of b1176) names only the other mother's "one-year-old
    daughter"; b1176 gives Meng's "29-year-old", so b171's "29-year-old Meng" is no conflict."""
    from rashomon.conflicts import stated_counts

    daughter = claim("b1196", "Ni Qiong was photographed roadside with a sign to sell her one-year-old daughter.")
    meng = claim("b171", "Horrifying photos show 29-year-old Meng Xiangyan on the streets.")
    units = [daughter, claim("b1176", "He stood beside his 29-year-old mum, Meng Xiangyan."), meng]
    assert number_conflict(daughter, meng, stated_counts(units)) is not None
    assert number_conflict(daughter, meng, stated_counts(units, {"b1196": "b1176"})) is None


def test_a_model_number_or_the_pronoun_one_is_no_count():
    """ "the Broadcom BCM43342 found in the iPhone 5s" against "the one found in the iPhone 5S"
    read as 43342 against one "found": a code is no number, "the one" no count."""
    assert quantities("a wireless combination chip similar to the Broadcom BCM43342 found in the iPhone 5s") == []
    assert quantities("a wireless chip similar to the one found in the iPhone 5S") == []
    assert [q.value for q in quantities("One man was found dead and an A380 carried 500 passengers")] == [1.0, 500.0]


def test_a_reason_names_the_outlets_on_both_sides():
    from rashomon.summary import readable_reason

    names = {"b1030": "The Independent", "b1174": "Daily Star", "b103": "Other"}
    assert readable_reason("hoax: b1030 says it is false, b1174 tells it as fact", names) == (
        "hoax: The Independent says it is false, Daily Star tells it as fact"
    )
    assert readable_reason("day: Friday (b1174) vs Monday (b1030)", names) == "day: Friday (Daily Star) vs Monday (The Independent)"


def test_related_statements_with_numbers_of_another_order_are_no_conflict():
    """Statements alignment kept apart are joined as a conflict only for counts within a
    small factor: a sitcom's 25 minutes and 2 minutes gained time two different things."""
    import numpy as np

    from rashomon.conflicts import related_conflicts

    units = [
        claim("a", "These shows were meant to air at a time when most sitcoms ran 25 minutes."),
        claim("b", "This amounts to nearly 2 minutes over the course of a full episode."),
        claim("a", "About 1,200 residents were moved out."),
        claim("b", "More than 2,000 people were forced to flee."),
    ]
    similarity = np.full((4, 4), 0.6)
    assert related_conflicts([[0], [1]], units, similarity) == []
    (found,) = related_conflicts([[2], [3]], units, similarity)
    assert found[:2] == (0, 1) and found[2].slot == "number of people"


def test_a_date_that_dates_a_report_is_no_date_conflict():
    """ECB+ gold: "elections … scheduled for December 15 … will be held on a two-party basis"
    against "its parliamentary elections will have two parties, ITAR-TASS reported September
    26" was shown as a date conflict; September 26 is when the agency told it."""
    scheduled = claim("a", "Parliamentary elections scheduled for December 15 will have two parties for the first time.")
    reported = claim("b", "Parliamentary elections will have two parties for the first time, ITAR-TASS reported September 26.")
    assert day_conflict(scheduled, reported) is None
    held = claim("b", "Parliamentary elections held on September 26 will have two parties for the first time.")
    assert day_conflict(scheduled, held).slot == "date"


def test_a_tally_counts_no_votes_of_its_own():
    """“a 97-1 vote” is one vote's outcome, not a count of “1 vote” that another source's
    “348-77 vote” could contradict."""
    assert quantities("This followed a 97-1 vote hours earlier in the Senate.") == []
    assert [q.text for q in quantities("About 10-15 people were hurt.")] == ["15 people"]
