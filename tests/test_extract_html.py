"""HTML pages: the story is kept, the page furniture dropped, metadata and cited sources read."""

import pytest

from rashomon.extract import extract_file
from rashomon.extract.reading import InputError

from conftest import EXAMPLES


def test_bundled_page_keeps_story_and_drops_junk():
    a = extract_file(EXAMPLES / "harbour-fire.html")
    assert a.format == "html" and a.offsets_into == "text"
    assert a.title == "Fire at Port Elling grain terminal forces evacuation of 300 workers"
    assert a.outlet == "The Elling Courier"
    assert a.author == "Maren Holt"
    assert a.published and a.published.startswith("2026-03-14")
    assert a.language == "en"
    for sentence in (
        "A fire broke out at the grain terminal in Port Elling early on Saturday",
        "Two workers were treated for smoke inhalation",
        "Mayor Ruth Okafor called the fire",
    ):
        assert sentence in a.text
    for junk in ("Leave a comment", "All rights reserved", "Council approves budget", "Share on Facebook", "harbourwatcher"):
        assert junk not in a.text
        assert any(junk in r.text for r in a.removed)
    assert "https://stats.example.org/ports/2025" in [s.value for s in a.sources]


def test_paragraph_offsets_point_into_text():
    a = extract_file(EXAMPLES / "harbour-fire.html")
    assert len(a.paragraphs) >= 5
    for p in a.paragraphs:
        assert a.text[p.start : p.end] == p.text


def test_same_story_in_two_encodings_gives_same_text(tmp_path, story_html):
    page = story_html("Orléans", '<meta charset="windows-1252">')
    (tmp_path / "a.html").write_bytes(page.encode("cp1252"))
    (tmp_path / "b.html").write_bytes(page.replace("windows-1252", "utf-8").encode("utf-8"))
    assert extract_file(tmp_path / "a.html").text == extract_file(tmp_path / "b.html").text


def test_markup_without_html_extension_is_read_as_html(tmp_path, story_html):
    f = tmp_path / "saved_page"
    f.write_text(story_html(), encoding="utf-8")
    a = extract_file(f)
    assert a.format == "html" and "old river bridge" in a.text and "Council votes" not in a.text


def test_publication_time_kept_from_meta_tags(story_html):
    from rashomon.extract import extract_html

    meta = '<meta charset="utf-8"><meta property="article:published_time" content="2026-06-09T07:30:00+01:00">'
    article = extract_html(story_html(meta=meta))
    assert article.published == "2026-06-09T07:30"


def test_pages_of_one_to_four_blocks_are_read(tmp_path):
    """Short pages have fewer blocks than the classifier's context reaches (±3): a two-block
    page once failed with a broadcast error."""
    paragraphs = [
        "The harbour fire burned for six hours before crews brought it under control on Tuesday night.",
        "Officials said no one was hurt, and the cause of the fire is still under investigation.",
        "The port will reopen on Thursday, the harbour master said in a statement to reporters.",
    ]
    for k in range(4):
        body = "".join(f"<p>{p}</p>" for p in paragraphs[:k])
        page = tmp_path / f"short{k}.html"
        page.write_text(f"<html><body><h1>Harbour fire put out</h1>{body}</body></html>", encoding="utf-8")
        if not k:  # a heading alone is no story: a clear error, not a crash
            with pytest.raises(InputError, match="no article text"):
                extract_file(page)
            continue
        assert paragraphs[0][:40] in extract_file(page).text


def test_a_table_of_a_hundred_thousand_rows_is_refused_not_read_for_minutes(tmp_path):
    rows = "".join(f"<tr><td>cell {i}</td></tr>" for i in range(25_000))
    page = tmp_path / "dump.html"
    page.write_text(f"<html><body><h1>Data</h1><table>{rows}</table></body></html>", encoding="utf-8")
    with pytest.raises(InputError, match="blocks of text"):
        extract_file(page)
