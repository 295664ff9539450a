"""Bad input gets a clear, one-line error naming the file; odd encodings come out right."""

import codecs

import pytest

from rashomon.extract import InputError, extract_file
from rashomon.extract.reading import decode_bytes, read_report


def test_missing_path(tmp_path):
    with pytest.raises(InputError, match="no such file") as err:
        read_report(tmp_path / "nope.html")
    assert "nope.html" in str(err.value)


def test_directory(tmp_path):
    with pytest.raises(InputError, match="is a directory"):
        read_report(tmp_path)


def test_empty_file(tmp_path):
    f = tmp_path / "empty.txt"
    f.write_bytes(b"")
    with pytest.raises(InputError, match="empty file") as err:
        read_report(f)
    assert str(err.value).startswith(str(f))


def test_whitespace_only_file(tmp_path):
    f = tmp_path / "blank.html"
    f.write_bytes(b"  \n\n\t ")
    with pytest.raises(InputError, match="only whitespace"):
        read_report(f)


@pytest.mark.parametrize(
    "data, what",
    [(b"\x89PNG\r\n\x1a\n" + bytes(200), "PNG"), (b"%PDF-1.7\n...", "PDF"), (bytes(range(256)) * 20, "NUL")],
)
def test_binary_file(tmp_path, data, what):
    f = tmp_path / "junk.html"
    f.write_bytes(data)
    with pytest.raises(InputError, match="binary file") as err:
        read_report(f)
    assert what in str(err.value) and "\n" not in str(err.value)


def test_one_list_of_binary_signatures_names_each_kind():
    from rashomon.extract.reading import BINARY_SIGNATURES, binary_signature

    assert binary_signature(b"%PDF-1.4\n") == "a PDF document"
    assert binary_signature(b"PK\x03\x04rest") == "a ZIP archive"
    assert binary_signature(b"\x1f\x8b\x08\x00") == "a gzip archive"
    assert binary_signature(b"<html><p>PDF</p></html>") is None and binary_signature(b"") is None
    for magic, what in BINARY_SIGNATURES:
        assert binary_signature(magic + b"...") == what
        with pytest.raises(InputError, match=f"binary file \\({what}\\)"):
            decode_bytes(magic + b"...")


def test_page_over_size_limit(tmp_path):
    f = tmp_path / "huge.html"
    para = b"<p>" + b"word " * 200 + b"</p>\n"
    with open(f, "wb") as fh:
        fh.write(b"<html><body>")
        while fh.tell() < 20 * 1024 * 1024:
            fh.write(para)
        fh.write(b"</body></html>")
    with pytest.raises(InputError, match="over the 16 MB limit") as err:
        read_report(f)
    assert "huge.html" in str(err.value)


def test_size_limit_can_be_raised(tmp_path, story_html):
    f = tmp_path / "story.html"
    f.write_text(story_html(), encoding="utf-8")
    with pytest.raises(InputError, match="limit"):
        read_report(f, max_bytes=100)
    assert read_report(f, max_bytes=10_000).format == "html"


def test_cp1251_with_declared_charset(tmp_path, story_html):
    f = tmp_path / "ru.html"
    f.write_bytes(story_html("Москве", '<meta charset="windows-1251">').encode("cp1251"))
    assert "Москве" in extract_file(f).text


def test_cp1251_without_declaration(tmp_path):
    text = "Мэр Москвы заявил в понедельник, что мост через реку откроется после ремонта. " * 20
    data = text.encode("cp1251")
    decoded, encoding = decode_bytes(data)
    assert decoded == text and encoding.replace("_", "").lower() in {"cp1251", "windows1251"}


def test_latin1_declared(tmp_path, story_html):
    f = tmp_path / "fr.html"
    f.write_bytes(story_html("Orléans", '<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">').encode("latin-1"))
    assert "Orléans" in extract_file(f).text


def test_wrong_declared_charset(tmp_path, story_html):
    """The page says UTF-8 but the bytes are windows-1251: the bytes win."""
    f = tmp_path / "wrong.html"
    f.write_bytes(story_html("Новгороде", '<meta charset="utf-8">').encode("cp1251"))
    assert "Новгороде" in extract_file(f).text


def test_utf16_with_bom(tmp_path, story_html):
    f = tmp_path / "u16.html"
    f.write_bytes(codecs.BOM_UTF16_LE + story_html("Zürich").encode("utf-16-le"))
    article = extract_file(f)
    assert "Zürich" in article.text and article.encoding == "utf-16"


def test_page_with_no_article(tmp_path):
    f = tmp_path / "nav.html"
    f.write_text("<html><body><nav><a href='/'>Home</a> <a href='/x'>About</a></nav></body></html>", encoding="utf-8")
    with pytest.raises(InputError, match="no article text"):
        extract_file(f)
