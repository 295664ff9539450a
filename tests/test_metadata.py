import pytest

from rashomon.extract.metadata import cited_sources, dateline_names, find_date


@pytest.mark.parametrize(
    "line, iso",
    [
        ("Sun 10 Dec 2023 4:15 pm - Jerusalem Time", "2023-12-10T16:15"),
        (" date 2023-12-10 Yuri Kobzar20:37, 12/10/23", "2023-12-10"),
        ("20:37, 12/10/23", "2023-12-10T20:37"),
        ("Dec 11, 2023", "2023-12-11"),
        ("Anonymous 12/10/23 (Sun) 14:23:38 3f220b (10) No.20053536", "2023-12-10T14:23"),
        ("Published March 3rd, 2024 at 9:05 am", "2024-03-03T09:05"),
        ("14.03.2026, 10:15", "2026-03-14T10:15"),
    ],
)
def test_dates_written_in_text(line, iso):
    assert find_date(line).iso == iso


def test_no_date():
    assert find_date("The minister spoke for 50 minutes on Sunday.") is None


def test_author_and_outlet_on_a_dateline():
    line = " date 2023-12-10 Yuri Kobzar20:37, 12/10/23"
    assert dateline_names(line, find_date(line)) == ("Yuri Kobzar", None)
    line = "Sun 10 Dec 2023 4:15 pm - Jerusalem Time"
    assert dateline_names(line, find_date(line)) == (None, None)  # a time zone, not a name
    line = "Saturday 14 March 2026 — Coastal Wire"
    assert dateline_names(line, find_date(line)) == (None, "Coastal Wire")
    assert dateline_names("By Jane Doe", None) == ("Jane Doe", None)


def test_cited_outlets_and_urls():
    text = "According to the Times of Israel, the call lasted an hour. According to a statement from his office, it went well. See http://en.kremlin.ru/events/president/news/72947."
    found = {(s.kind, s.value) for s in cited_sources(text)}
    assert ("outlet", "Times of Israel") in found
    assert ("url", "http://en.kremlin.ru/events/president/news/72947") in found
    assert not any("statement" in v or "office" in v for _, v in found)
    for s in cited_sources(text, base=100):
        assert text[s.start - 100 : s.end - 100] == s.value


def test_forum_post_header_names_no_author():
    from rashomon.extract.metadata import dateline_names, find_date

    line = "Anonymous 06/09/26 (Tue) 14:12:44 No.4417"
    assert dateline_names(line, find_date(line)) == (None, None)
