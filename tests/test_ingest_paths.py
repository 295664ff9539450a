"""`rashomon ingest` of local files: one file is one input however its path was typed."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from rashomon.ingest.local import read_inputs
from rashomon.ingest.pipeline import Ingestor, ingest_paths
from rashomon.ingest.records import RawDocument
from rashomon.store import Store

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "src" / "rashomon" / "examples" / "demo"


@pytest.fixture
def store(tmp_path):
    s = Store.open(f"sqlite:///{tmp_path / 'news.db'}")
    yield s
    s.close()


def _inputs(work: Path) -> tuple[Path, Path]:
    """A folder of three demo reports and a JSONL file of one more, under ``work``."""
    import json

    folder = work / "in"
    folder.mkdir(parents=True)
    reports = sorted(DEMO.iterdir())
    for p in reports[:3]:
        shutil.copy(p, folder / p.name)
    rows = work / "rows.jsonl"
    rows.write_text(json.dumps({"text": reports[4].read_text(encoding="utf-8")}) + "\n", encoding="utf-8")
    return folder, rows


def test_a_file_typed_relative_absolute_or_from_another_folder_is_stored_once(tmp_path, store, monkeypatch):
    work = tmp_path / "work"
    folder, rows = _inputs(work)
    monkeypatch.chdir(work)
    first = ingest_paths(store, ["in", "./rows.jsonl"])
    assert (first.stored, first.already_stored, first.problems) == (4, 0, [])
    uris = sorted(a.uri for a in store.iter_articles())
    assert uris == sorted([str(p) for p in folder.iterdir()] + [f"{rows}:1"])  # absolute, whatever was typed

    again = ingest_paths(store, [str(folder), str(rows)])
    assert (again.stored, again.already_stored) == (0, 4)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    third = ingest_paths(store, ["../work/in", "../work/in/../rows.jsonl"])
    assert (third.stored, third.already_stored, third.copies) == (0, 4, 0)
    assert store.count_articles() == 4 and sorted(a.uri for a in store.iter_articles()) == uris


def test_a_symlinked_folder_keeps_the_name_it_was_given(tmp_path, monkeypatch):
    folder, _ = _inputs(tmp_path / "work")
    link = tmp_path / "link"
    link.symlink_to(folder, target_is_directory=True)
    monkeypatch.chdir(tmp_path)
    uris = [d.uri for d in read_inputs(["link"])]
    assert uris and all(u.startswith(f"{link}/") for u in uris)


def test_problems_name_the_absolute_path(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "empty.txt").write_bytes(b"")
    problems = list(read_inputs(["missing.html", "empty.txt", "nowhere/rows.jsonl"]))
    assert [(p.source, p.kind) for p in problems] == [
        (str(tmp_path / "missing.html"), "missing"),
        (str(tmp_path / "empty.txt"), "empty"),
        (str(tmp_path / "nowhere" / "rows.jsonl"), "missing"),
    ]


def test_a_store_written_with_relative_uris_is_recognised(tmp_path, store, monkeypatch):
    """Before uris were absolute, ``rashomon ingest in`` stored ``in/<name>`` and
    ``rows.jsonl:1``; those reports are already stored, not stored again under new ids."""
    work = tmp_path / "work"
    folder, rows = _inputs(work)
    monkeypatch.chdir(work)
    names = sorted(p.name for p in folder.iterdir())
    old = [RawDocument(uri=f"in/{names[0]}", content=(folder / names[0]).read_bytes(), format="text"),
           RawDocument(uri="rows.jsonl:1", content=__import__("json").loads(rows.read_text(encoding="utf-8"))["text"], format="text")]
    assert Ingestor(store).run(old).stored == 2

    summary = ingest_paths(store, [str(folder), str(rows)])
    assert (summary.stored, summary.already_stored) == (2, 2)
    assert store.count_articles() == 4
    stored = {a.uri for a in store.iter_articles()}
    assert stored == {f"in/{names[0]}", "rows.jsonl:1", str(folder / names[1]), str(folder / names[2])}


@pytest.mark.parametrize("uri, legacy", [
    ("{cwd}/in/a.html", "in/a.html"),
    ("{cwd}/rows.jsonl:12", "rows.jsonl:12"),
    ("{cwd}/sub/rows.ndjson.gz:3", "sub/rows.ndjson.gz:3"),
    ("{cwd}/crawl.warc.gz#<urn:uuid:1/2>", "crawl.warc.gz#<urn:uuid:1/2>"),  # the record id is not a path
    ("{up}/other/a.html", "../other/a.html"),
    ("https://news.test/a", None),
    ("in/a.html", None),
])
def test_legacy_uri_is_the_relative_path_with_the_same_suffix(tmp_path, monkeypatch, uri, legacy):
    from rashomon.ingest.local import legacy_uri

    cwd = tmp_path / "here"
    cwd.mkdir()
    monkeypatch.chdir(cwd)
    assert legacy_uri(uri.format(cwd=cwd, up=tmp_path)) == legacy
