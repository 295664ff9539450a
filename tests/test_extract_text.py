"""Pasted text: page junk goes, every story sentence stays, offsets point into the original."""

import pytest

from rashomon.extract import extract_file

from conftest import EXAMPLES

# What a reader of each seed sees as page junk, and a sentence of the story to keep.
SEED_JUNK = {
    "000_f5cabbfb14a91b2e": ["Share your opinion", "Sun 10 Dec 2023 4:15 pm"],
    "001_1ba3a4fa101ebfa7": ["In World", "Pyongyang went loud", "Leave a review", "Russia on Tuesday denounced Moldova"],
    "002_1f32c85c1ede9fba": ["Yuri Kobzar20:37"],
    "003_206243f07794290f": ["Source link", "Leave a Reply"],
    "004_2e4380b8a9f79264": ["The_Rooster", "No.20053536", "Anonymous 12/10/23"],
}
SEED_STORY = {
    "000_f5cabbfb14a91b2e": ["Netanyahu left his cabinet meeting to speak with Putin for 50 minutes.", "called for international monitoring on the ground in Gaza"],
    "001_1ba3a4fa101ebfa7": ["Strong criticism was directed at what he termed", "This diplomatic exchange follows a previous call on October 17"],
    "002_1f32c85c1ede9fba": ["For about 50 minutes they exchanged mutual complaints.", "Netanyahu also asked Russia to put pressure on the Red Cross"],
    "003_206243f07794290f": ["According to the Times of Israel, Netanyahu temporarily left the cabinet meeting", "Hamas attacked Israel on Saturday, October 7."],
    "004_2e4380b8a9f79264": ["Netanyahu stepped out of his government’s weekly cabinet meeting", "Vladimir Putin and Benjamin Netanyahu agreed to continue contacts."],
}


@pytest.mark.parametrize("seed", sorted(SEED_JUNK))
def test_seed_junk_removed_and_story_kept(seeds_dir, seed):
    a = extract_file(seeds_dir / f"{seed}.txt")
    for junk in SEED_JUNK[seed]:
        assert junk not in a.text, junk
    for sentence in SEED_STORY[seed]:
        assert sentence in a.text, sentence


def test_every_story_line_of_the_seeds_is_kept(seeds_dir):
    """No line of 12 words or more that ends like a sentence is lost, outside the known related-story list."""
    for path in sorted(seeds_dir.glob("*.txt")):
        a = extract_file(path)
        related = [r.text for r in a.removed if r.reason == "boilerplate" and len(r.text.split()) >= 12 and r.text.rstrip("”\"’)").endswith((".", "!", "?"))]
        if path.stem == "001_1ba3a4fa101ebfa7":
            assert len(related) == 4  # the four "In World" teasers
        else:
            assert related == [], (path.name, related)


def test_seed_metadata(seeds_dir):
    got = {p.stem: extract_file(p) for p in sorted(seeds_dir.glob("*.txt"))}
    assert got["000_f5cabbfb14a91b2e"].title == "“A hot call.” This is what Netanyahu said to Putin"
    assert got["000_f5cabbfb14a91b2e"].published == "2023-12-10T16:15"
    assert got["001_1ba3a4fa101ebfa7"].title == "Netanyahu and Putin Discuss Middle East Tensions in Lengthy Phone Call"
    assert got["002_1f32c85c1ede9fba"].published == "2023-12-10"
    assert got["002_1f32c85c1ede9fba"].author == "Yuri Kobzar"
    assert got["003_206243f07794290f"].title.startswith("In a conversation with Putin, Netanyahu criticized")
    assert got["004_2e4380b8a9f79264"].published == "2023-12-11"
    assert got["004_2e4380b8a9f79264"].title == "Netanyahu flogs Putin over Gaza war stance and blossoming Iran ties"
    cited = {s.value for s in got["004_2e4380b8a9f79264"].sources}
    assert "http://en.kremlin.ru/events/president/news/72947" in cited
    assert any("timesofisrael.com" in c for c in cited)
    assert "Times of Israel" in {s.value for s in got["003_206243f07794290f"].sources}


def test_offsets_point_into_the_original(seeds_dir):
    for path in sorted(seeds_dir.glob("*.txt")):
        a = extract_file(path)
        original = path.read_text(encoding="utf-8")
        assert a.offsets_into == "original"
        for span in [*a.paragraphs, *a.removed]:
            assert original[span.start : span.end] == span.text
        for s in a.sources:
            if s.start is not None:
                assert original[s.start : s.end] == s.value


def test_bundled_pasted_example():
    a = extract_file(EXAMPLES / "harbour-fire-pasted.txt")
    assert a.title == "Grain terminal fire in Port Elling, workers evacuated"
    assert a.outlet == "Coastal Wire"
    assert a.published.startswith("2026-03-14")
    assert "Hundreds of workers were evacuated" in a.text
    for junk in ("Reply  Quote  Report", "Share this thread", "Port News Forum", "No.88412"):
        assert junk not in a.text
    assert [s.value for s in a.sources] == ["https://www.coastalwire.example/2026/03/14/port-elling-fire"]


def test_wire_credit_after_the_story_names_the_author():
    from rashomon.extract import extract_text

    page = (
        "Floodgate fails at river dam\n\n"
        "A spillway gate failed early on Tuesday, sending water into the lower town and forcing hundreds from their homes.\n\n"
        "Officials said the dam's operator would inspect the other gates in the basin before the end of the week.\n\n"
        "(Reporting by Lena Markov; editing by Paul Sandor)\n"
    )
    assert extract_text(page).author == "Lena Markov"


def test_a_one_line_report_is_kept_whole():
    """A feed item's lead or a headline-only row has nothing around it: it is the report."""
    from rashomon.extract import extract_text

    line = 'Islamic State, in video titled "A Message to America," beheads American journalist James Foley'
    article = extract_text(line)
    assert article.text == line and article.paragraphs[0].start == 0
    with pytest.raises(Exception):
        extract_text("Home | News | Sport")


def test_the_note_on_the_writer_after_the_story_is_a_byline_not_a_claim():
    from rashomon.extract import extract_text

    original = (
        "Elon drops 'freshman'\n\n"
        "Elon University in North Carolina has stopped using the word freshman on its website and at student orientation, "
        "according to a report by a student website.\n\n"
        "No public announcement was made about the word switch, and administrators relied largely on word of mouth.\n\n"
        "— Katherine Timpf is a reporter at National Review Online.\n"
    )
    article = extract_text(original, id="nro")
    assert "Timpf" not in article.text
    assert article.author == "Katherine Timpf"
    assert [r.reason for r in article.removed if "Timpf" in r.text] == ["byline"]
    assert all(original[r.start : r.end] == r.text for r in article.removed)


def test_related_links_under_their_label_are_dropped_with_their_reason():
    """A related story linked in the middle of a paste ("MORE: …", "SEE ALSO: …") and the
    page's pointer to its video are not the story: they would be grouped as claims. A
    story's own "More than 200 …" or "Update: …" stays."""
    from rashomon.extract import extract_text

    original = (
        "Actor robbed after meeting woman at bar\n\n"
        "A television actor was drugged at a sauna in Moscow and woke up the next day at a bus stop, police said on Monday.\n\n"
        "Scroll down for video\n\n"
        "He told the police that he had met a young woman at a bar after a performance at a small theatre.\n\n"
        "MORE: Man lifts 80kg of bricks with his teeth, swings them around\n\n"
        "SEE ALSO:  9 Ways To Reuse Your Old iPhone Now That You've Got The iPhone 6\n\n"
        "More than 200 people have written to the theatre since the news broke on Tuesday morning, its director said.\n\n"
        "Update: The police said on Tuesday that two people had been questioned about the case and later released.\n"
    )
    article = extract_text(original, id="b831")
    assert "MORE:" not in article.text and "SEE ALSO" not in article.text and "Scroll down" not in article.text
    assert "More than 200 people" in article.text and "Update: The police" in article.text
    related = [r for r in article.removed if r.reason == "related"]
    assert [r.text.split()[0] for r in related] == ["Scroll", "MORE:", "SEE"]
    assert all(original[r.start : r.end] == r.text for r in related)


def test_a_lead_with_no_headline_above_it_is_kept():
    """A whole sentence just under the line classifier's threshold (0.48 on an FNC-1 body whose
    first line is its lead) is kept when the story prose follows it; a caption or a line with
    page-furniture words is not, nor a sentence far under the threshold."""
    from rashomon.extract import keep_near_misses

    lead = "A luxury island previously owned by Tiger Woods, the golfer, is up for sale."
    story = "The 62-acre island, in Lake Mälaren, Sweden, was the former home of the winner and his ex-wife."
    caption = "Tiger Woods with ex-wife Elin Nordegren in 2010 (Reuters)"
    share = "Share this story with your friends and sign up for our free daily newsletter today."
    texts = [lead, story, caption, share, story]
    keep = keep_near_misses(texts, [0.476, 0.94, 0.45, 0.45, 0.99], [False, True, False, False, True], 0.5)
    assert keep == [True, True, False, False, True]
    assert keep_near_misses([lead, story], [0.2, 0.94], [False, True], 0.5) == [False, True]


def test_the_pages_own_address_above_its_headline_names_the_report_not_a_source():
    """A report pasted with its address first: the address is where it is from (url,
    outlet), not a source it cites; an address inside the story is still cited."""
    from rashomon.extract import extract_text

    page = (
        "https://www.bbc.co.uk/news/world-123456\n\n"
        "Floodgate fails at river dam\n\n"
        "A spillway gate failed early on Tuesday, sending water into the lower town and forcing hundreds from their homes.\n\n"
        "Officials said the dam's operator would inspect the other gates in the basin before the end of the week.\n\n"
        "The operator's statement is at https://example.org/dam-statement and was read out at the town hall.\n"
    )
    article = extract_text(page)
    assert article.url == "https://www.bbc.co.uk/news/world-123456" and article.outlet == "bbc.co.uk"
    assert article.title == "Floodgate fails at river dam" and "bbc" not in article.text
    assert [s.value for s in article.sources if "http" in s.value] == ["https://example.org/dam-statement"]
    assert [r.reason for r in article.removed if "bbc" in r.text] == ["address"]


def test_a_report_pasted_clean_keeps_its_closing_paragraphs():
    """A report handed over clean, its last lines short sentences: the classifier, trained on
    whole pages whose last lines are a footer, put them under its threshold; sentences that
    run on from the story are the story. The headline above it stays out."""
    from rashomon.extract import extract_text

    paras = [
        "Harbour Town Council Approves New Flood Wall After Long Debate",
        "HARBOUR TOWN — The town council voted on Tuesday night to build a flood wall along the river, ending a debate that had run for three years.",
        "The wall, which will cost about 12 million pounds, is meant to protect some 400 homes that flooded twice last winter, officials said.",
    ]
    paras += [
        f"Residents who spoke at the meeting described water reaching their kitchens, and several asked the council to act before storm number {k}."
        for k in range(14)
    ]
    closing = [
        "The mayor spoke last.",
        "She thanked the residents who had come.",
        "Work on the wall will begin in the spring.",
        "It is expected to take two years.",
        "Not everyone was pleased.",
        "A farmer upstream said the wall would send the water onto his fields.",
        "“We will be the ones who drown,” he said.",
    ]
    article = extract_text("\n\n".join(paras + closing) + "\n", id="clean")
    assert [r.text for r in article.removed] == [paras[0]]
    assert all(line in article.text for line in closing)


def test_sentences_run_on_from_the_story_but_not_past_page_furniture():
    """The rule alone: a run of sentences joins the story it touches, forward and backward;
    a headline in title case, a line with a page-furniture word or a label ends the run."""
    from rashomon.extract import keep_story_runs

    story = "The council voted on Tuesday night to build a flood wall along the river."
    texts = [
        "Council Approves New Flood Wall After Long Debate.",  # title case: a headline
        "The vote came after three years.",  # runs back into the story
        story,
        "Not everyone was pleased.",  # runs on from the story
        "Share this story with your friends.",  # page furniture ends the run
        "A farmer upstream was angry.",
        "Related",
        "Another town voted for a wall last year.",
    ]
    keep = [False, False, True, False, False, False, False, False]
    assert keep_story_runs(texts, keep) == [False, True, True, True, False, False, False, False]


def test_an_everyday_furniture_word_in_a_story_sentence_does_not_end_the_run():
    """"share" and "comment" are page furniture in "Share this story" but story words in "the
    people did not share in the wealth" (a NYT inauguration report lost its closing lines to
    that word). One such word in a sentence of some length that does not open with it is
    prose; a short line, a line opening with the command, or one piling up furniture words
    still ends the run."""
    from rashomon.extract import keep_story_runs

    story = "The council voted on Tuesday night to build a flood wall along the river."
    texts = [
        story,
        "Farmers said the town flourished but they did not share in the wealth.",
        "A spokesman for the mayor declined to comment on the vote.",
        "The wall will take two years to build.",
        "Share this story with your friends on Facebook.",
        "The mayor will speak on Friday about the new wall.",
    ]
    keep = [True, False, False, False, False, False]
    assert keep_story_runs(texts, keep) == [True, True, True, True, False, False]
    furniture = ["Please share and leave your comments below the story.", "Nobody would share it."]
    for line in furniture:
        got = keep_story_runs([story, line, "The wall will take two years to build."], [True, False, False])
        assert got == [True, False, False], line
