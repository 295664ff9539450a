"""Sentences and claim units: abbreviations, quotations, bullets, split clauses, exact offsets."""

from rashomon.claims import claim_units, split_sentences
from rashomon.extract import extract_text
from rashomon.nlp import english

PAGE = """Menu | News | Sport

Officials meet over river dam

• The U.S. delegation arrived on Dec. 8 at 9 a.m. and met the regional governor.

“We expressed our concern. We asked for an inspection of every gate,” the delegation said. The governor spoke with the envoy for an hour, criticizing the dam’s operator and calling for an independent inquiry.

Share this article
"""


def article():
    return extract_text(PAGE, id="page")


def test_sentences_respect_abbreviations_quotes_and_bullets():
    sentences = [s.text for s in split_sentences(article())]
    assert sentences[0] == "The U.S. delegation arrived on Dec. 8 at 9 a.m. and met the regional governor."
    assert sentences[1].startswith("“We expressed our concern. We asked") and sentences[1].endswith("the delegation said.")
    assert not any(s.startswith("•") for s in sentences)


def test_sentence_offsets_point_into_the_original():
    a = article()
    for s in split_sentences(a):
        assert PAGE[s.start : s.end] == s.text


def test_sentence_stating_several_things_is_cut_into_units():
    a = article()
    units = claim_units(a, english()(a.text))
    texts = [u.text for u in units]
    assert "The governor spoke with the envoy for an hour" in texts
    assert "criticizing the dam’s operator" in texts
    assert "calling for an independent inquiry." in texts
    cut = next(u for u in units if u.text == "criticizing the dam’s operator")
    assert cut.context == "The governor"  # the subject travels with the cut clause
    for u in units:
        assert PAGE[u.start : u.end] == u.text


def test_an_aside_is_not_cut_off_with_the_main_clauses_phrase():
    text = (
        "However, he extended gratitude to Moscow for its efforts in securing the release of an Israeli citizen, "
        "holding a Russian passport, from captivity in the Gaza Strip."
    )
    texts = [u.text for u in _units(text)]
    assert texts == [text]  # not "holding a Russian passport, from captivity …" on its own


def test_long_quotation_is_cut_at_its_own_sentences():
    a = article()
    texts = [u.text for u in claim_units(a, english()(a.text))]
    assert "“We expressed our concern." in texts or any(t.startswith("“We expressed our concern.") and "We asked" not in t for t in texts)


def test_without_a_parse_each_sentence_is_one_unit():
    a = article()
    assert [u.text for u in claim_units(a, None)] == [s.text for s in split_sentences(a) if len(s.text.split()) >= 4]


STORY = """Minister meets strikers

Maria Lopez met the striking dock workers on Monday at the port gate. She promised a new offer by Friday.

Union leader Tom Reyes said the offer must include pensions. Lopez told him that was impossible. She left before noon.

Lopez later met Reyes and his deputy at the union office. She called the talks useful.

"She has not listened to us," a worker said.
"""


def _units(text):
    a = extract_text(text, id="story")
    return claim_units(a, english()(a.text))


def test_he_or_she_is_resolved_to_the_person_just_named_as_subject():
    units = {u.text.rstrip("."): u for u in _units(STORY)}
    assert units["She promised a new offer by Friday"].antecedent == "Maria Lopez"
    # "him" is someone else: it says nothing about who Lopez is
    assert units["She left before noon"].antecedent == "Lopez"
    # another person was named beside the subject: "she" stays unresolved
    assert units["She called the talks useful"].antecedent is None
    # inside a quotation "she" is the speaker's, not the writer's
    quoted = next(u for t, u in units.items() if "has not listened" in t)
    assert quoted.antecedent is None


def test_pronoun_of_the_other_gender_is_not_resolved():
    units = {u.text.rstrip("."): u for u in _units("Title here\n\nJohn Carter said his team would win the final. She disagreed with the forecast.\n")}
    assert units["She disagreed with the forecast"].antecedent is None


def test_a_pronoun_that_may_mean_a_person_named_by_a_noun_is_not_resolved():
    """ISIS gold: "Adbulla told The Sun the woman was offered a seat … At first she thought
    they were being generous" read as "[Adbulla] thought …"."""
    story = (
        "Title here\n\nYasir Abdulla told The Sun the woman was offered a seat at the headquarters. "
        "At first she thought they were being generous.\n\n"
        "John Carter said his son would win the final. He called the team the best in years.\n"
    )
    units = {u.text.rstrip("."): u for u in _units(story)}
    assert units["At first she thought they were being generous"].antecedent is None
    assert units["He called the team the best in years"].antecedent == "John Carter"  # his: Carter is a he


def test_lines_without_a_stop_are_marked_as_headlines(seeds_dir):
    from rashomon.extract import extract_file

    a = extract_file(next(seeds_dir.glob("004_*.txt")))
    marks = {u.text: u.headline for u in claim_units(a, english()(a.text))}
    # the standfirst under the title is telegraphic; the story's sentences are prose
    assert marks["Premier holds 50-minute conversation with Russian leader"] is True
    assert not any(flag for text, flag in marks.items() if text.startswith("Netanyahu stepped out of his government"))


def test_a_pronoun_subject_is_marked_unless_resolved(seeds_dir):
    from rashomon.extract import extract_file

    a = extract_file(next(seeds_dir.glob("002_*.txt")))
    units = {u.text: u for u in claim_units(a, english()(a.text))}
    assert units["For about 50 minutes they exchanged mutual complaints."].pronoun_subject is True
    named = [u for t, u in units.items() if t.startswith("Netanyahu")]
    assert named and not any(u.pronoun_subject for u in named)


def test_a_wire_dateline_is_not_part_of_the_first_statement():
    page = (
        "Colorado defends its law\n\n"
        "Denver (AP) – Colorado's top law enforcement official promises to defend the state's law.\n\n"
        "WASHINGTON – Legally married same-sex couples will now be allowed to file joint returns.\n\n"
        "Netanyahu – who spoke for an hour – criticized the alliance with Iran on Sunday.\n\n"
        "NEW YORK—Joining a chorus of bishops, the faculty took the senator to task.\n\n"
        "U.S.-Backed rebels took the town after a week of fighting.\n\n"
        "WASHINGTON ― Democrats provided votes to fund the government on Monday.\n\n"  # HuffPost's bar
        "PROVO, Utah, Dec. 23 (UPI) -- A Utah man who chugged a quart of eggnog spent three days in hospital.\n"
    )
    a = extract_text(page, id="wire")
    texts = [u.text for u in claim_units(a, english()(a.text))]
    assert "Colorado's top law enforcement official promises to defend the state's law." in texts
    assert "Legally married same-sex couples will now be allowed to file joint returns." in texts
    assert any(t.startswith("Netanyahu – who spoke") for t in texts)  # a name and a dash is no dateline
    assert any(t.startswith("Joining a chorus of bishops") for t in texts)  # a dash with no space
    assert any(t.startswith("U.S.-Backed rebels") for t in texts)  # a hyphen is no dateline
    assert "Democrats provided votes to fund the government on Monday." in texts
    assert "A Utah man who chugged a quart of eggnog spent three days in hospital." in texts  # place, state, date
    for u in claim_units(a, english()(a.text)):
        assert page[u.start : u.end] == u.text


def test_an_agency_dateline_with_the_day_and_a_colon_is_not_part_of_the_statement():
    """Kim gold: "London, Nov 24 : Kim Jong-un has been guzzling …" (an Indian agency's style)
    opened the summary on its dateline."""
    page = (
        "Leader drinks rare wine\n\n"
        "London, Nov 24 : The leader has been drinking rare wine to improve his health, it has been reported.\n\n"
        "New Delhi, Jan. 5 (IANS): The minister opened a new bridge over the river on Monday.\n\n"
        "Smith: The bill will fail in the Senate next week, the senator told a radio station.\n"
    )
    texts = [u.text for u in _units(page)]
    assert "The leader has been drinking rare wine to improve his health, it has been reported." in texts
    assert "The minister opened a new bridge over the river on Monday." in texts
    assert any(t.startswith("Smith: The bill") for t in texts)  # no date: a speaker, not a dateline


def test_a_very_long_paragraph_is_split_as_pysbd_would_split_it():
    from rashomon.claims import SEGMENT_PIECE_CHARS, _pieces, _segmenter, segment

    sentences = [f"The board met the U.S. envoy on day {i} and said the gate would hold." for i in range(200)]
    paragraph = " ".join(sentences)  # one pasted paragraph, ~14,000 characters
    assert len(paragraph) > 2 * SEGMENT_PIECE_CHARS
    pieces = _pieces(paragraph)
    assert "".join(pieces) == paragraph and all(len(p) <= SEGMENT_PIECE_CHARS for p in pieces)
    assert all(p.rstrip().endswith("hold.") for p in pieces[:-1])  # cut at a sentence end, never "U.S. envoy"
    assert [s.strip() for s in segment(paragraph)] == [s.strip() for s in _segmenter("en").segment(paragraph)]
    assert len(segment(paragraph)) == 200


def test_claim_units_carry_their_verbs_as_lemmas():
    from rashomon.claims import verbs_used

    doc = english()("Its hosting of a Hamas delegation at a meeting raised eyebrows, Putin said, and he blamed the war on Washington.")
    verbs = verbs_used(doc[:])
    assert {"host", "raise", "blame"} <= verbs  # a gerund counts as its verb, a past form as its lemma
    assert "say" not in verbs and "meet" not in verbs and "meeting" not in verbs  # speech verbs and nouns are left out


def test_a_verb_in_a_clause_that_describes_someone_is_no_act_of_the_statement():
    from rashomon.claims import verbs_used
    from rashomon.nlp import english

    nlp = english()
    home = nlp("The 62-acre island was the former home of the golfer and his ex-wife, Elin Nordegren, to whom he was married for six years.")
    assert "marry" not in verbs_used(home[:])
    wedding = nlp("Woods married Elin Nordegren, a former model, in 2004.")
    assert "marry" in verbs_used(wedding[:])
    hosting = nlp("Russia has regularly criticized Israel while at the same time hosting leaders of the Hamas terror group.")
    assert {"criticize", "host"} <= verbs_used(hosting[:])


def test_someones_words_are_not_cut_into_clauses():
    """Qingdao gold: 'She said: "Up until a year ago we had a wonderful family and we thought
    …' was cut at "and", and the summary printed each half as a quotation of its own."""
    text = (
        "Parents try to sell their son\n\n"
        'She said: "Up until a year ago we had a wonderful family and we thought we had everything we could need.\n\n'
        "The governor spoke with the envoy for an hour, criticizing the operator and calling for an inquiry.\n\n"
        "“They were very adamant about using the correct terminology and stressed the importance of language,” she said.\n\n"
        "She said: 'We didn't kill anybody nor do I feel anybody should be killed.'"
    )
    texts = [u.text for u in _units(text)]
    assert 'She said: "Up until a year ago we had a wonderful family and we thought we had everything we could need.' in texts
    assert "“They were very adamant about using the correct terminology and stressed the importance of language,” she said." in texts
    assert "She said: 'We didn't kill anybody nor do I feel anybody should be killed." in texts
    # the writer's own sentence is still cut where it states two things
    assert "calling for an inquiry." in texts


def test_a_live_pages_update_stamp_is_not_part_of_the_statement():
    """Griffin gold: "UPDATE - May 30, 10 p.m.: Kathy Griffin issued a formal apology …" lost
    "UPDATE -" as a dateline and kept "May 30, 10 p.m.:" as the claim's opening words."""
    text = (
        "Griffin apologizes\n\n"
        "UPDATE - May 30, 10 p.m.: Kathy Griffin issued a formal apology for the images on Twitter.\n\n"
        "May 30, 5:20 p.m.: Griffin defended the photo in a statement to reporters.\n\n"
        "UPDATE: Griffin deleted the post on Wednesday morning.\n\n"
        "May 30 was a busy day for the comedian and her lawyers.\n\n"
        "Police said: Officers arrested five men on Tuesday night.\n\n"
        "Update A regional security expert reports drones were seen near Erbil.\n\n"
        "Update your browser to read the rest of this story."
    )
    texts = [u.text for u in _units(text)]
    assert texts == [
        "Kathy Griffin issued a formal apology for the images on Twitter.",
        "Griffin defended the photo in a statement to reporters.",
        "Griffin deleted the post on Wednesday morning.",
        "May 30 was a busy day for the comedian and her lawyers.",
        "Police said: Officers arrested five men on Tuesday night.",
        # drone gold: the label glued to the sentence when the page lost its markup
        "A regional security expert reports drones were seen near Erbil.",
        "Update your browser to read the rest of this story.",
    ]


def test_a_pages_kicker_label_is_not_part_of_the_statement():
    """Judd Nelson gold: "BREAKING NEWS: Sources are reporting that …" gave the summary a
    sentence that opened on the page's label. The label goes, after a dateline too; a story
    that speaks of breaking news keeps its words."""
    text = (
        "Actor found dead\n\n"
        "BREAKING NEWS: Sources are reporting that the actor has been found dead at age 55.\n\n"
        "WASHINGTON (AP) — BREAKING: The House voted on Friday to send the bill back to committee.\n\n"
        "JUST IN: Officials tell reporters that the airport has reopened after the storm.\n\n"
        "Breaking news is what the site said it was doing on Sunday morning."
    )
    texts = [u.text for u in _units(text)]
    assert texts == [
        "Sources are reporting that the actor has been found dead at age 55.",
        "The House voted on Friday to send the bill back to committee.",
        "Officials tell reporters that the airport has reopened after the storm.",
        "Breaking news is what the site said it was doing on Sunday morning.",
    ]


def test_a_statement_repeated_word_for_word_is_one_claim():
    """Qingdao gold: b1176 carries its photo caption under three pictures; the three copies
    were three mentions of one report in one group."""
    caption = "CEN   Mum Meng Xiangyan has gone onto the street to try and raise the money for her daughter."
    text = "\n\n".join(["Parents try to sell their son", caption, "She stood on the street for four hours with a sign.", caption, caption.replace("   ", " ")])
    texts = [u.text for u in _units(text)]
    assert texts == [caption, "She stood on the street for four hours with a sign."]


def test_a_phrase_without_a_finite_verb_is_marked_no_sentence():
    """The source's words, but nothing a summary can print alone: a phrase with no finite verb
    (a caption, or what a sentence splitter left of "…, with Inslee and Murray banning
    travel") and a clause opening on a participle whose only finite
    verb belongs to its "since" clause. A sentence the small parser roots on a noun, or a
    past tense it tags as a participle, is still a sentence."""
    text = (
        "Indiana law backlash grows\n\n"
        "Gov. Jay Inslee and Mayor Ed Murray banning government-funded travel to Indiana.\n\n"
        "Lawmakers have been defending and trying to explain the law ever since the governor signed it into law on Thursday. "
        "Following the concussion, a subsequent blood clot developed in her brain. "
        "President Trump assailed Democrats and a television comedian on Wednesday in his latest Twitter blasts.\n"
    )
    finite = {u.text.rstrip("."): u.finite for u in _units(text)}
    assert finite["Gov. Jay Inslee and Mayor Ed Murray banning government-funded travel to Indiana"] is False
    assert finite["trying to explain the law ever since the governor signed it into law on Thursday"] is False
    assert finite["Lawmakers have been defending"] is True
    assert finite["Following the concussion, a subsequent blood clot developed in her brain"] is True
    assert finite["President Trump assailed Democrats and a television comedian on Wednesday in his latest Twitter blasts"] is True


def test_a_state_abbreviation_before_a_title_ends_no_sentence():
    from rashomon.claims import segment

    text = ("The backlash grew Monday, with Wash. Gov. Jay Inslee and Seattle Mayor Ed Murray banning travel. "
            "Republicans urged Ariz. Gov. Jan Brewer to veto the bill. He moved to Wash. Then he left.")
    assert segment(text) == [
        "The backlash grew Monday, with Wash. Gov. Jay Inslee and Seattle Mayor Ed Murray banning travel. ",
        "Republicans urged Ariz. Gov. Jan Brewer to veto the bill. ",
        "He moved to Wash. ",
        "Then he left.",
    ]



def test_a_closing_mark_ends_the_sentence_whose_words_it_closes():
    """Huma Abedin gold (Fox): a tweet quoted over four paragraphs closes with 'Jail!” Trump
    tweeted early Tuesday.', and pysbd, which saw no opening mark in that paragraph, cut it
    as "Jail!" and "” Trump tweeted early Tuesday.": the claim began with a stray mark. The
    mark ends the sentence it closes; an attribution in lower case after it stays with it."""
    from rashomon.claims import segment

    assert segment("Jail!” Trump tweeted early Tuesday.") == ["Jail!” ", "Trump tweeted early Tuesday."]
    assert segment("Is it over?” he asked. Then he left.") == ["Is it over?” he asked. ", "Then he left."]
    # a paired quotation, and an apostrophe opening a word after a space, are as pysbd cut them
    assert segment("“It is over.” Trump left the room.") == ["“It is over.” ", "Trump left the room."]
    assert segment("He said it. ’Tis the season.") == ["He said it. ", "’Tis the season."]

def test_a_clause_that_continues_a_verb_keeps_its_subject_for_a_reader():
    text = (
        "Title here\n\nGeorgy Myakinkin, 31, works at the airport in St Petersburg. He was then allowed to get "
        "dressed and leave, but later realised the video had been leaked.\n\nThe family have sold their "
        "apartment and everything in it and are now living in a tiny flat close to where the therapies are "
        "being carried out.\n"
    )
    units = {u.text.rstrip("."): u for u in _units(text)}
    later = next(u for t, u in units.items() if t.startswith("later realised"))
    assert later.shared_subject == "Georgy Myakinkin" and later.context is None
    living = next(u for t, u in units.items() if t.startswith("are now living"))
    assert living.shared_subject == "The family"
    # a unit with its own subject, or the one that opens the sentence, borrows nothing
    assert all(u.shared_subject is None for t, u in units.items() if not t.startswith(("later", "are now")))


def test_a_summary_names_who_a_continuing_clause_is_about():
    from rashomon.summary import statement_text, tidy

    text = "Title here\n\nThe family have sold their apartment and everything in it and are now living in a tiny flat.\n"
    living = next(u for u in _units(text) if u.text.startswith("are now"))
    assert tidy(statement_text(living)) == "[The family] are now living in a tiny flat."


def test_a_clause_that_opens_on_more_than_its_verb_borrows_no_subject():
    # the small model reads "floodwater" as the object of "by": no subject, but not one to borrow
    text = (
        "Title here\n\nThe river rose quickly, and by daybreak floodwater had spread through the Millbank "
        "district, where some streets were submerged almost to the height of car roofs.\n"
    )
    assert all(u.shared_subject is None for u in _units(text))


def test_a_clause_after_another_subjects_clause_borrows_no_subject():
    # "suggests" continues "it's sexist" (the word is what suggests), though the parse may
    # hang it on "banned": a wrong name in brackets would misquote the university
    text = (
        "Title here\n\nElon University in North Carolina banned the word “freshman” from its website and student "
        "orientation, claiming it’s sexist and suggests that the young women might make good rape victims.\n"
    )
    assert all(u.shared_subject is None for u in _units(text))


def test_a_continuing_clause_names_the_person_an_apposition_gives():
    text = (
        "Title here\n\nDeputy US Ambassador to the UN, Robert Wood, called the resolution unbalanced and said "
        "that it will not lead to positive changes on the ground.\n"
    )
    said = next(u for u in _units(text) if u.text.startswith("said"))
    assert said.shared_subject == "Robert Wood"


def test_a_verb_joined_by_no_word_or_mark_is_not_cut_off():
    # the small parser reads "come" as a second verb of "have": with no "and" or comma
    # before it, it is a misparse, and cutting there would split "the main building" from
    # its verb
    text = (
        "Title here\n\nHowever, potential buyers will have to bring their own clubs as the main building does not "
        "come with furnishing.\n"
    )
    assert [u.text for u in _units(text)] == [
        "However, potential buyers will have to bring their own clubs as the main building does not come with furnishing."
    ]


def test_a_second_verb_after_an_and_the_parse_hung_elsewhere_starts_at_the_and():
    text = (
        "Title here\n\nNordegren learned during Thanksgiving 2009 that Woods had been cheating on her, and soon "
        "after, his very public one-man SUV crash revealed their marital problems to the world.\n"
    )
    assert [u.text for u in _units(text)] == [
        "Nordegren learned during Thanksgiving 2009 that Woods had been cheating on her",
        "soon after, his very public one-man SUV crash revealed their marital problems to the world.",
    ]


def test_a_hyphenated_verb_is_not_cut_at_its_hyphen():
    text = (
        "Title here\n\nRussia is ready to provide all possible assistance to alleviate the suffering of civilians "
        "and de-escalate the conflict.\n"
    )
    assert len(_units(text)) == 1


def test_an_and_between_two_names_does_not_start_a_clause():
    # "doing" is read as a second verb of "is", and "and" joins "Canada" to "a number"
    text = (
        "Title here\n\nThe U.S. is not the only country to grant birthright citizenship, with Canada and a number of "
        "Latin American countries also doing so, but the issue has long been a contentious one in the U.S.\n"
    )
    assert not any(u.text.endswith("with Canada") for u in _units(text))


def test_a_page_header_run_into_the_story_is_no_statement():
    """ECB+ gold: texts open on the page's address, the headline and its time stamp, all on
    the story's first line; the summary led with "Html Electoral districts established …
    4 October 2013, 18: 07 (GMT+05: 00) Regarding the election …"."""
    text = (
        "http: / / en. trend. az / regions / casia / turkmenistan / 2197642. html Electoral districts "
        "established in Turkmenistan due to parliamentary elections 4 October 2013, 18: 07 (GMT+05: 00) "
        "Regarding the election of deputies of the Turkmen Mejlis, a decision was taken on establishment "
        "of electoral districts. The campaign will start on October 5, 2013."
    )
    sentences = [s.text for s in split_sentences(extract_text(text, id="t"))]
    assert sentences[0].startswith("Regarding the election of deputies")
    assert not any("http" in s or "html" in s.lower() or "18: 07" in s for s in sentences)
    # a second time later in the story is the story's, not the page's
    text = (
        "https://example.com/news/2013/09/quake.html Strong quake hits Iran Updated 11 / 27 / 2005 3: 41 PM "
        "The quake struck at 10: 22 AM on Sunday, officials said. Ten people died."
    )
    sentences = [s.text for s in split_sentences(extract_text(text, id="t"))]
    assert sentences[0] == "The quake struck at 10: 22 AM on Sunday, officials said."
    # no address: nothing is cut
    text = "Electoral districts were set up on 4 October 2013, 18: 07. The campaign starts soon."
    assert split_sentences(extract_text(text, id="t"))[0].text.startswith("Electoral districts")


def test_a_verb_offered_as_another_possibility_is_not_cut_off():
    """Border-emergency gold: "…furloughed or working without pay." came out as two units,
    the second "or working without pay."; "or" offers an alternative, no fact of its own."""
    text = (
        "Title here\n\nThe shutdown left more than 800,000 federal employees and contractors furloughed or working "
        "without pay.\n\nThe report asked whether the campaign colluded or coordinated with the Russian government.\n"
    )
    assert [u.text for u in _units(text)] == [
        "The shutdown left more than 800,000 federal employees and contractors furloughed or working without pay.",
        "The report asked whether the campaign colluded or coordinated with the Russian government.",
    ]


def test_what_did_not_happen_is_not_cut_off_after_rather_than():
    """Magic-mushrooms gold: "… grew naturally in the palace grounds rather than having been
    planted there." came out as "… rather" and "than having been planted there."; "rather
    than" names what did not happen, no fact of its own."""
    text = (
        "Title here\n\nIt is understood that the mushrooms grew naturally in the palace grounds rather than having "
        "been planted there.\n\nThe company chose to settle rather than fight the case in court for years.\n"
    )
    assert [u.text for u in _units(text)] == [
        "It is understood that the mushrooms grew naturally in the palace grounds rather than having been planted "
        "there.",
        "The company chose to settle rather than fight the case in court for years.",
    ]


def test_a_person_named_by_first_name_alone_is_given_back_the_full_name():
    """Magic-mushrooms gold: "TV gardener Alan Titchmarsh …" then "Presenter Alan told The Sun
    …": a summary printed "“…,” [Alan] said". The full name given before goes in; a first
    name shared by two people named before stays as written."""
    text = (
        "Title here\n\nTV gardener Alan Titchmarsh filmed a show in the palace garden last year.\n\n"
        "Presenter Alan told The Sun the find was a surprise. He said he would not eat it.\n"
    )
    units = {u.text.rstrip("."): u for u in _units(text)}
    assert units["He said he would not eat it"].antecedent == "Alan Titchmarsh"
    two = (
        "Title here\n\nAlan Titchmarsh and Alan Jones filmed a show in the palace garden last year.\n\n"
        "Presenter Alan told The Sun the find was a surprise. He said he would not eat it.\n"
    )
    units = {u.text.rstrip("."): u for u in _units(two)}
    assert units["He said he would not eat it"].antecedent in ("Alan", None)
