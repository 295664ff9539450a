"""rashomon.align: the figures that count as evidence that two statements give one fact."""

import numpy as np

from rashomon.align import NAMED, VERB, AlignmentSettings, _by_figure, _figure_blocks, _figure_groups, align_claims, anchors, figures
from rashomon.model import Claim


def test_a_figure_reads_the_same_however_written():
    assert figures("Netanyahu left his cabinet meeting to speak with Putin for 50 minutes.") == {"50 minute"}
    assert figures("engaged in a 50-minute telephone conversation") == {"50 minute"}
    assert figures("About 1,200 residents were moved out") == figures("roughly 1,200 people from the area")


def test_dates_ages_and_counts_of_one_or_two_are_not_figures():
    assert not figures("the Hamas attack on October 7 does not justify")
    assert not figures("a previous call on 17 October")
    assert not figures("a 59 - year - old woman was struck")
    assert not figures("One man was shot and killed, two touchdowns")
    assert not figures("a damning 2023 safety report")


def test_a_figure_group_adds_the_sentences_that_state_it_inside_another_fact():
    # units 0 and 1: one fact, stated with the figure by source a only; units 2 and 3: the
    # figure alone, in sources b and c; unit 4: unrelated
    sources = np.array(["a", "b", "b", "c", "c"])
    sim = np.array(
        [
            [2.0, 0.9, 0.6, 0.6, 0.1],
            [0.9, 2.0, 0.3, 0.3, 0.1],
            [0.6, 0.3, 2.0, 0.7, 0.1],
            [0.6, 0.3, 0.7, 2.0, 0.1],
            [0.1, 0.1, 0.1, 0.1, 2.0],
        ],
        dtype=np.float32,
    )
    figs = [frozenset({"50 minute"}), frozenset(), frozenset({"50 minute"}), frozenset({"50 minute"}), frozenset()]
    settings = AlignmentSettings()
    groups = _figure_groups([[0, 1], [2, 3], [4]], _figure_blocks(sim, figs, sources, settings), sources, settings)
    assert sorted(groups) == [[0, 1], [0, 2, 3], [4]]


def test_a_thing_each_source_names_once_ties_its_statements():
    """ "a $43,000 Rolex watch" / "a $43,350 gold-plated men's Rolex watch": the one Rolex of the
    story, in two list sentences that the wording alone keeps apart (similarity 0.6 < link)."""
    fox = Claim("fox:0", "fox", 0, 60, "He bought a $43,350 gold-plated men's Rolex watch and furniture.", names=frozenset({"rolex"}))
    hpo = Claim("hpo:0", "hpo", 0, 60, "Purchases included Bruce Lee memorabilia and a $43,000 Rolex watch.", names=frozenset({"rolex"}))
    other = Claim("hpo:1", "hpo", 0, 40, "The judge set the sentencing for June 28.", names=frozenset({"wilkins"}))
    more = [Claim(f"fox:{k}", "fox", 0, 40, "Jackson resigned from Congress in November.", names=frozenset({"jackson"})) for k in (1, 2, 3, 4)]
    assert NAMED + "rolex" in anchors(fox)
    v = np.eye(7, dtype=np.float32)
    v[1, :2] = (0.6, 0.8)  # cosine 0.6
    tied = align_claims([fox, hpo, other, *more], v)
    assert [0, 1] in tied.groups
    unnamed = [Claim(c.id, c.source, c.start, c.end, c.text) for c in (fox, hpo, other, *more)]
    assert [0, 1] not in align_claims(unnamed, v).groups  # without the name they stay apart


def test_the_subjects_full_name_at_first_mention_ties_nothing():
    """Monday gold: each report names "Rodney Constantine" once, in whatever fact it tells
    first, and "Constantine" all through; the full name tied the police's wanted post to
    their word that he had turned himself in."""
    full, surname, other = NAMED + "rodney constantine", NAMED + "constantine", NAMED + "rnc"
    figs = [frozenset({full}), frozenset({surname}), frozenset({other}), frozenset({surname}),
            frozenset({full}), frozenset({surname}), frozenset({other}), frozenset()]
    sources = np.array(list("aaaabbbb"))
    assert full not in _by_figure(figs, sources)  # "constantine" in 5 of 8 statements, as himself
    alone = [frozenset({full})] + [frozenset()] * 3
    assert _by_figure(alone + alone, sources) == {full: [0, 4]}  # a name given once is a thing in one fact


def test_a_name_a_source_repeats_is_no_evidence_but_a_figure_may_be():
    sources = np.array(["a", "a", "b", "c"])
    named = [frozenset({NAMED + "putin"})] * 4  # source a names Putin twice: one of its subjects
    assert _by_figure(named, sources) == {}
    counted = [frozenset({"50 minute"})] * 4  # a figure repeated by one source of three still counts
    assert _by_figure(counted, sources) == {"50 minute": [0, 1, 2, 3]}


def test_claim_units_carry_the_named_things_they_mention():
    from rashomon.claims import claim_units
    from rashomon.model import Article, Paragraph
    from rashomon.nlp import english

    text = "Netanyahu asked Vladimir Putin to press the Red Cross for access to the hostages in Gaza."
    article = Article(id="a", path="a.txt", text=text, paragraphs=[Paragraph(0, len(text), text)], offsets_into="original", format="text", original=text)
    units = claim_units(article, english()(text))
    names = set().union(*(u.names for u in units))
    assert {"putin", "red cross"} <= names  # a person by surname, an organisation whole
    assert "gaza" not in names  # a place sets the scene of many facts



def test_an_acronym_is_one_name_with_or_without_full_stops():
    """The New York Times writes "N.C.A.A." where others write "NCAA": one organisation, one
    key, so a named-thing anchor and framing's actor rows can join the two outlets. A dotted
    two-letter acronym ("U.N.") still names a thing."""
    from rashomon.claims import named_things
    from rashomon.nlp import english, name_key

    nlp = english()
    dotted = nlp("In a statement, the N.C.A.A. president said the organization was concerned.")
    plain = nlp("The NCAA, whose headquarters is in Indianapolis, has expressed concern.")
    key = {name_key(e) for e in dotted.ents if "N.C.A.A." in e.text}
    assert key == {name_key(e) for e in plain.ents if "NCAA" in e.text} == {"ncaa"}
    assert "un" in named_things(nlp("The U.N. said on Friday that aid was blocked.")[:])

def test_a_rare_verb_ties_two_statements_that_name_one_thing():
    """ "its hosting of a Hamas delegation" / "while hosting leaders of the Hamas terror group":
    the one verb "host" each source uses once, about a thing both name (Hamas, named all
    through the story: no evidence alone), while the wording keeps them apart (cosine 0.5).
    Unless the thing is the event's subject, named in more than a third of its statements:
    "Trump" ties "would not sign anything" to "prepared to sign a bill" no more than "sign" does."""
    a = Claim("a:0", "a", 0, 60, "Its hosting of a Hamas delegation raised eyebrows in Israel.", names=frozenset({"hamas"}), verbs=frozenset({"host", "raise"}))
    b = Claim("b:0", "b", 0, 90, "Russia criticized Israel while at the same time hosting leaders of the Hamas terror group.", names=frozenset({"hamas"}), verbs=frozenset({"criticize", "host"}))
    other = Claim("b:1", "b", 0, 40, "Hamas fighters attacked southern Israel on October 7.", names=frozenset({"hamas"}), verbs=frozenset({"attack"}))
    rest = [Claim(f"{s}:{k}", s, 0, 30, f"Statement {k} about something else.", names=frozenset({"israel"})) for s in "ab" for k in range(2, 5)]
    assert VERB + "host" in anchors(a)
    v = np.eye(9, dtype=np.float32)
    v[1, :2] = (0.5, 0.866)
    event = [a, b, other, *rest]  # Hamas in 3 of 9 statements
    assert [0, 1] in align_claims(event, v).groups
    unnamed = [Claim(c.id, c.source, c.start, c.end, c.text, verbs=c.verbs) for c in event]
    assert [0, 1] not in align_claims(unnamed, v).groups  # the verb alone is not enough
    plain = [Claim(c.id, c.source, c.start, c.end, c.text, names=c.names) for c in event]
    assert [0, 1] not in align_claims(plain, v).groups  # nor the name every source repeats
    assert [0, 1] not in align_claims([a, b, other], v[:3, :3]).groups  # Hamas in every statement


def test_a_verb_a_source_repeats_or_that_names_nothing_in_common_is_no_evidence():
    sources = np.array(["a", "a", "b"])
    host = [frozenset({VERB + "host", NAMED + "hamas"})] * 3  # source a uses "host" twice
    assert _by_figure(host, sources[[0, 2, 1]]) == {}
    assert VERB + "host" not in _by_figure(host, sources)
    apart = [frozenset({VERB + "host", NAMED + "hamas"}), frozenset({VERB + "host", NAMED + "un"})]
    assert _by_figure(apart, np.array(["a", "b"])) == {}
    together = [frozenset({VERB + "host", NAMED + "hamas"}), frozenset({VERB + "host", NAMED + "hamas", NAMED + "un"})]
    others = [frozenset({NAMED + "israel"})] * 5
    assert _by_figure(together + others, np.array(list("ab") + list("ababa"))) == {NAMED + "hamas": [0, 1], VERB + "host": [0, 1]}
    assert VERB + "host" not in _by_figure(together, np.array(["a", "b"]))  # Hamas is the event's subject


def test_a_day_few_sources_name_once_ties_their_statements():
    """ "a previous call on October 17" / "their first conversation since last October 17": a
    day two of five sources name once is the fact's; the day most sources name is the event's
    own, and a page's time stamp names no fact."""
    from rashomon.align import DATED, dates

    assert dates("This diplomatic exchange follows a previous call on October 17, during which") == {"10-17"}
    assert dates("They last spoke on 17 Oct. about hostages") == {"10-17"}
    assert dates("PUBLISHED: WEDNESDAY, MARCH 13, 2013, 2: 29 PM Protesters gathered") == frozenset()
    assert dates("Monday, Sep 10, 2012 | Updated 9: 01 AM EDT The trial began") == frozenset()
    day = DATED + "10-17"
    five = np.array(["a", "b", "c", "d", "e"])
    two_of_five = [frozenset({day}), frozenset({day}), frozenset(), frozenset(), frozenset()]
    assert _by_figure(two_of_five, five) == {day: [0, 1]}
    three_of_five = [frozenset({day})] * 3 + [frozenset(), frozenset()]
    assert _by_figure(three_of_five, five) == {}  # most sources: the event's own day
    twice = [frozenset({day}), frozenset({day}), frozenset({day}), frozenset(), frozenset(), frozenset()]
    assert _by_figure(twice, np.array(["a", "a", "b", "c", "d", "e"])) == {}  # a source names it twice
    a = Claim("a:0", "a", 0, 70, "This diplomatic exchange follows a previous call on October 17.")
    b = Claim("b:0", "b", 0, 70, "This is their first conversation since last October 17.")
    rest = [Claim(f"{s}:0", s, 0, 30, f"Talks in {s} went on for hours.") for s in "cde"]
    v = np.eye(5, dtype=np.float32)
    v[1] = [0.55, 0.835, 0.0, 0.0, 0.0]
    assert [0, 1] in align_claims([a, b, *rest], v).groups
    undated = [Claim(c.id, c.source, c.start, c.end, c.text.replace("October 17", "then")) for c in (a, b)]
    assert [0, 1] not in align_claims([*undated, *rest], v).groups  # the wording alone keeps them apart


def test_a_report_joins_a_group_once_through_the_closest_of_its_lone_sentences():
    """Lone sentences of one report that each fit a group on their own were never checked
    against each other: four of them joined one group ("prefer the word freshman", "enjoyed
    being called first-year" …). Only the closest joins."""
    from rashomon.align import _second_mentions

    sources = np.array(["a", "b", "c", "c"])
    sim = np.array(
        [
            [2.0, 0.9, 0.75, 0.70],
            [0.9, 2.0, 0.74, 0.72],
            [0.75, 0.74, 2.0, 0.45],
            [0.70, 0.72, 0.45, 2.0],
        ],
        dtype=np.float32,
    )
    groups = _second_mentions([[0, 1], [2], [3]], sim, sources, AlignmentSettings())
    assert [0, 1, 2] in groups and [3] in groups  # not [0, 1, 2, 3]: 2 and 3 sit under the floor


def test_claim_units_carry_the_uncommon_words_they_quote():
    from rashomon.claims import claim_units
    from rashomon.model import Article, Paragraph
    from rashomon.nlp import english

    text = '"I want to be crystal clear: these attacks are garbage," Cruz said Friday in a statement.'
    article = Article(id="a", path="a.txt", text=text, paragraphs=[Paragraph(0, len(text), text)], offsets_into="original", format="text", original=text)
    quoted = set().union(*(u.quoted for u in claim_units(article, english()(text))))
    assert "garbage" in quoted
    assert "attack" not in quoted  # too common in English to tell one remark from another
    assert "statement" not in quoted and "friday" not in quoted  # the writer's words, not the quote's


def test_two_outlets_quoting_one_uncommon_word_report_one_remark():
    """ "It is garbage, complete and utter lies," / "these attacks are garbage": two outlets
    quote one remark of Cruz's; the wording alone keeps them apart (cosine 0.5). A word the
    event also uses in its own words ("the story") is no such evidence."""
    from rashomon.align import QUOTED

    fox = Claim("fox:0", "fox", 0, 60, "“It is garbage, complete and utter lies,” Cruz said about the article.", quoted=frozenset({"garbage", "complete", "utter"}))
    hpo = Claim("hpo:0", "hpo", 0, 60, '"I want to be crystal clear: these attacks are garbage," Cruz said Friday.', quoted=frozenset({"crystal", "garbage"}))
    other = Claim("hpo:1", "hpo", 0, 40, "The tabloid published a story earlier this week.")
    assert QUOTED + "garbage" in anchors(fox)
    v = np.array([[1.0, 0.0, 0.0], [0.5, 0.866, 0.0], [0.0, 0.0, 1.0]], dtype=np.float32)
    assert [0, 1] in align_claims([fox, hpo, other], v).groups
    plain = [Claim(c.id, c.source, c.start, c.end, c.text) for c in (fox, hpo, other)]
    assert [0, 1] not in align_claims(plain, v).groups  # without the quoted word they stay apart
    own_words = Claim("hpo:1", "hpo", 0, 40, "The tabloid called the claims garbage earlier this week.")
    assert [0, 1] not in align_claims([fox, hpo, own_words], v).groups  # "garbage" is the event's own word too


def test_claim_units_know_who_acts_on_whom_unless_the_act_is_mutual():
    from rashomon.claims import named_roles
    from rashomon.nlp import english

    nlp = english()
    assert named_roles(nlp("An angry Trump lashed out at Cruz on Twitter.")[:]) == ("trump", "cruz")
    assert named_roles(nlp("Sen. Ted Cruz on Friday lashed out at Donald Trump.")[:]) == ("cruz", "trump")
    assert named_roles(nlp("Putin spoke with Netanyahu for 50 minutes.")[:]) is None  # one call, whoever is named first
    assert named_roles(nlp("Putin met Netanyahu in Moscow.")[:]) is None


def test_statements_whose_parties_swap_roles_are_two_facts():
    """ "An angry Trump lashed out at Cruz" / "Cruz lashed out at Donald Trump": alike in every
    word, yet two facts; the same roles stay one."""
    trump = Claim("fox:0", "fox", 0, 40, "An angry Trump lashed out at Cruz on Twitter.", roles=("trump", "cruz"))
    cruz = Claim("hpo:0", "hpo", 0, 50, "Sen. Ted Cruz on Friday lashed out at Donald Trump.", roles=("cruz", "trump"))
    v = np.array([[1.0, 0.0], [0.95, 0.312]], dtype=np.float32)
    assert [0, 1] not in align_claims([trump, cruz], v).groups
    again = Claim("hpo:0", "hpo", 0, 50, "Donald Trump on Friday lashed out at Sen. Ted Cruz.", roles=("trump", "cruz"))
    assert [0, 1] in align_claims([trump, again], v).groups


def test_statements_about_different_chambers_are_two_facts():
    """ "the Senate committee subpoenaed Flynn's businesses" / "the House committee will
    subpoena Flynn": near in meaning, two acts; the same chamber, or a statement naming
    both, stays joinable. The White House is no chamber."""
    from rashomon.align import chamber

    assert chamber("The leaders of the Senate intelligence committee said Tuesday") == "senate"
    assert chamber("Rep. Adam Schiff said the House panel would act") == "house"
    assert chamber("a White House spokesman declined to comment") is None
    assert chamber("the bill passed the House and now goes to the Senate") is None
    senate = Claim("fox:0", "fox", 0, 60, "The Senate intelligence committee subpoenaed two of Flynn's businesses.")
    house = Claim("nyt:0", "nyt", 0, 60, "The House intelligence committee will subpoena two of Flynn's businesses.")
    v = np.array([[1.0, 0.0], [0.95, 0.312]], dtype=np.float32)
    assert [0, 1] not in align_claims([senate, house], v).groups
    panel = Claim("nyt:0", "nyt", 0, 60, "The Senate panel subpoenaed two of Flynn's businesses on Tuesday.")
    assert [0, 1] in align_claims([senate, panel], v).groups


def test_two_speakers_calls_for_the_same_thing_are_two_facts():
    """Mueller gold: Warren's and Harris's demands that the report be released were one
    group, worded alike; two people's words are two facts. The same remark given to two
    speakers stays joinable (a conflict to show), and so does one voice named two ways."""
    warren = Claim("fox:0", "fox", 0, 60, "“Release the full Mueller report to the American public now,” Warren wrote.", speaker="Warren")
    harris = Claim("nyt:0", "nyt", 0, 60, "Harris called on Barr to release the full Mueller report to the public.", speaker="Harris")
    v = np.array([[1.0, 0.0], [0.95, 0.312]], dtype=np.float32)
    assert [0, 1] not in align_claims([warren, harris], v).groups
    writer = Claim("nyt:0", "nyt", 0, 60, "Democrats want the full Mueller report released to the public now.")
    assert [0, 1] in align_claims([warren, writer], v).groups  # no speaker: the rule says nothing
    same = Claim("nyt:0", "nyt", 0, 60, "“Release the full Mueller report to the American public now,” Harris wrote.", speaker="Harris")
    assert [0, 1] in align_claims([warren, same], v).groups
    office = Claim("nyt:0", "nyt", 0, 60, "Warren's office called for the full Mueller report to go to the public.", speaker="Warren's office")
    assert [0, 1] in align_claims([warren, office], v).groups


def test_a_share_is_a_figure_however_written():
    """ "by 7.5 percent", "7.5% faster", "a full 7.5 per cent": one share, evidence that two
    sources tell one fact; shares under 3 are too common to tell facts apart."""
    for text in ("TBS speeds up its Seinfeld reruns by 7.5 percent", "episodes run 7.5% faster", "a full 7.5 per cent"):
        assert "7.5 percent" in figures(text)
    assert not any(f.endswith("percent") for f in figures("prices rose 2% in May"))


def test_a_unit_takes_its_speaker_only_from_a_quote_of_one_person():
    """Seeds: "Netanyahu's office", "the Israeli government" and "the press service" carry one
    fact to different outlets; only a person's words set a unit apart from another's."""
    from rashomon.analyze import _with_speakers
    from rashomon.model import Quote

    said = "Attorney General Barr — release the Mueller report to the American public"
    text = f"“{said},” Warren wrote."
    unit = Claim("fox:0", "fox", 0, len(text), text)
    person = Quote("fox", "Warren", "wrote", said, 1, 1 + len(said), who="Warren", person=True)
    office = Quote("fox", "Warren's office", "wrote", said, 1, 1 + len(said), who="Warren's office", person=False)
    assert _with_speakers([unit], [person])[0].speaker == "Warren"
    assert _with_speakers([unit], [office])[0].speaker is None
    elsewhere = Quote("nyt", "Warren", "wrote", said, 1, 1 + len(said), who="Warren", person=True)
    assert _with_speakers([unit], [elsewhere])[0].speaker is None  # another report's quote


def test_words_quoted_inside_a_report_of_them_are_the_inner_speakers():
    """Yeti gold (b606): "The Daily Mail reports that one eyewitness, Ludmila Hristoforova,
    told a local television station, “The creature was big …”" holds two quotes over her
    words, the outlet's report and hers; the summary printed '“The creature was big, looking
    like a bear, but not a bear,” the Daily Mail said.'. The narrowest quote is the speaker."""
    from rashomon.analyze import _speaker_of, _with_speakers
    from rashomon.model import Quote

    said = "The creature was big, looking like a bear, but not a bear."
    text = f"The Daily Mail reports that one eyewitness, Ludmila Hristoforova, told a local television station, “{said}”"
    at = text.index(said)
    unit = Claim("b606:0", "b606", at, at + len(said), said)
    outer = Quote("b606", "The Daily Mail", "reports", text[23:], 23, len(text), who="the Daily Mail", person=True)
    inner = Quote("b606", "Ludmila Hristoforova", "told", said, at, at + len(said), who="Hristoforova", person=True)
    for quotes in ([outer, inner], [inner, outer]):
        assert _with_speakers([unit], quotes)[0].speaker == "Hristoforova"
        assert _speaker_of(unit, [unit], quotes, {}) == "Hristoforova"
    # the summary's wording is another outlet's bare quotation; in this outlet the mention is
    # the whole sentence, which ends inside her longer quotation
    more = " From the door we have seen something big and shaggy."
    whole = Claim("b606:1", "b606", 0, len(text), text)
    outer = Quote("b606", "The Daily Mail", "reports", text[23:], 23, len(text), who="the Daily Mail", person=True)
    inner = Quote("b606", "Ludmila Hristoforova", "told", said + more, at, at + len(said + more), who="Hristoforova", person=True)
    bare = Claim("b739:0", "b739", 0, len(said) + 2, f"“{said}”")
    assert _speaker_of(bare, [bare, whole], [outer, inner], {}) == "Hristoforova"


def test_the_quote_giving_most_of_the_words_names_the_speaker():
    """Steele gold: Fox's “It's not Obama's war.” (DeMint) sat in one group with Kristol's
    “Needless to say, the war in Afghanistan was not ‘a war of Obama's choosing.’” from
    HuffPost and the NYT; the summary printed Kristol's sentence as DeMint's, the first
    mention whose quote shared its few words. The NYT's quote of the whole sentence speaks."""
    from rashomon.analyze import _speaker_of
    from rashomon.model import Quote

    fox_text = "It's not Obama's war."
    fox = Claim("fox:0", "fox", 0, len(fox_text), fox_text)
    bare = Claim("hpo:0", "hpo", 0, 80, "“Needless to say, the war in Afghanistan was not “a war of Obama’s choosing.”")
    nyt_text = "He added, “Needless to say, the war in Afghanistan was not ‘a war of Obama’s choosing.’"
    nyt = Claim("nyt:0", "nyt", 0, len(nyt_text), nyt_text)
    quotes = [
        Quote("fox", "he", "said", fox_text, 0, len(fox_text), who="DeMint", person=True),
        Quote("nyt", "He", "added", nyt_text[11:], 11, len(nyt_text), who="Kristol", person=True),
    ]
    assert _speaker_of(bare, [fox, bare, nyt], quotes, {}) == "Kristol"


def test_every_stage_spells_a_month_the_same_way():
    """Alignment's dates, conflicts' dates and a page's update stamp read one list of month
    spellings (``nlp.MONTH_NUMBERS``), so "Sept. 11" is a date to each of them."""
    from rashomon.align import dates
    from rashomon.claims import _UPDATE_STAMP
    from rashomon.conflicts import quantities
    from rashomon.nlp import MONTH_NUMBERS

    for spelling, number in MONTH_NUMBERS.items():
        assert dates(f"The vote was held on {spelling.capitalize()}. 9 in the capital") == {f"{number}-9"}
        assert dates(f"The vote was held on 9 {spelling} in the capital") == {f"{number}-9"}
        assert not quantities(f"the {spelling.capitalize()} 9 vote")  # a date, not nine of something
    assert _UPDATE_STAMP.match("Sept. 4, 10 p.m.: The count went on.")
    assert not _UPDATE_STAMP.match("Mayor 10: The count went on.")  # a month's name begins no other word


def test_a_tally_is_a_figure_and_a_range_is_not_one():
    """Veto gold: “This followed a 97-1 vote hours earlier in the Senate.” and “The final
    tally was 97-1.” state one fact; the first was read as a count of “1 vote”."""
    assert figures("This followed a 97-1 vote hours earlier in the Senate.") == {"97-1 tally"}
    assert figures("The final tally was 97-1.") == {"97-1 tally"}
    assert figures("The House voted 348–77 to override it.") == {"348-77 tally"}
    assert figures("Between 10-15 people were hurt.") == {"15 people"}  # a range, the smaller first
    assert not any(f.endswith("tally") for f in figures("Scores of 1-0-1 and 3-2.5 odds."))


def test_the_same_words_in_two_sources_are_one_fact_whatever_the_marks():
    """Wal-Mart gold: Scalia's '"Well, which is it?"' set off by one outlet and 'Well, which
    is it?”' closing a longer quotation in another scored 0.77 through the encoder, which
    reads the marks, and its words are too common for tf-idf: two lone facts. Word for word
    the same in two sources is one fact; nearly the same words are left to the scores."""
    hpo = Claim("hpo:0", "hpo", 0, 20, '"Well, which is it?"')
    nyt = Claim("nyt:0", "nyt", 0, 19, "Well, which is it?”")
    v = np.array([[1.0, 0.0], [0.77, 0.638]], dtype=np.float32)
    assert [0, 1] in align_claims([hpo, nyt], v).groups
    other = Claim("nyt:0", "nyt", 0, 19, "Well, which one is it?”")
    assert [0, 1] not in align_claims([hpo, other], v).groups
