"""The command line: readable output, a batch that survives bad files, predict that resumes."""

import gzip
import json
import subprocess
import sys

from rashomon.cli import main

from conftest import EXAMPLES


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "rashomon.cli", *args], capture_output=True, text=True, timeout=300)


def test_extract_batch_reports_failures_and_keeps_going(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    out = tmp_path / "articles.json"
    result = run_cli("extract", str(EXAMPLES / "harbour-fire.html"), str(empty), str(tmp_path / "missing.html"), str(tmp_path), str(EXAMPLES / "harbour-fire-pasted.txt"), "--json", str(out))
    assert result.returncode == 1
    assert f"{empty}: empty file" in result.stderr
    assert "missing.html: no such file" in result.stderr
    assert "is a directory" in result.stderr
    assert "3 of 5 files failed" in result.stderr
    records = json.loads(out.read_text())
    assert [r["id"] for r in records] == ["harbour-fire", "harbour-fire-pasted"]
    assert records[0]["title"].startswith("Fire at Port Elling")


def test_extract_success_exit_zero_and_summary(capsys):
    assert main(["extract", str(EXAMPLES / "harbour-fire.html")]) == 0
    shown = capsys.readouterr().out
    assert "harbour-fire" in shown and "The Elling Courier" in shown and "2026-03-14" in shown


def test_predict_extract_bad_rows_and_resume(tmp_path):
    page = (EXAMPLES / "harbour-fire.html").read_text(encoding="utf-8")
    inp = tmp_path / "in.jsonl.gz"
    with gzip.open(inp, "wt", encoding="utf-8") as fh:
        fh.write(json.dumps({"id": "a", "html": page}) + "\n")
        fh.write(json.dumps({"id": "b"}) + "\n")  # no html
        fh.write("{not json\n")
        fh.write(json.dumps({"id": "d", "html": page.replace("Port Elling", "Harwick")}) + "\n")
    out = tmp_path / "out.jsonl"
    assert main(["predict", "extract", str(inp), "-o", str(out), "-q"]) == 0
    rows = {r["id"]: r for r in map(json.loads, out.read_text().splitlines())}
    assert set(rows) == {"a", "b", "2", "d"}
    assert "A fire broke out" in rows["a"]["text"] and "Harwick" in rows["d"]["text"]
    assert "error" in rows["b"] and "not JSON" in rows["2"]["error"]

    # a run killed mid-write: one finished row and a cut line; --resume finishes the rest
    lines = out.read_text().splitlines()
    first_good = next(line for line in lines if '"id": "a"' in line)
    out.write_text(first_good + "\n" + '{"id": "d", "te')
    assert main(["predict", "extract", str(inp), "-o", str(out), "--resume", "-q"]) == 0
    again = [json.loads(line) for line in out.read_text().splitlines()]
    assert sorted(r["id"] for r in again) == ["2", "a", "b", "d"]
    assert [r["id"] for r in again].count("a") == 1


def test_predict_unknown_task(tmp_path):
    result = run_cli("predict", "nope", str(tmp_path / "x.jsonl"), "-o", str(tmp_path / "y.jsonl"))
    assert result.returncode != 0 and "unknown task" in result.stderr


def test_predict_quotes_answers_each_row_with_its_own_text(tmp_path):
    inp = tmp_path / "in.jsonl"
    rows = [
        {"id": "nil", "text": None},  # a failure first must not shift the answers after it
        {"id": "a", "text": 'The mayor said the dam "was never inspected" after the storm.'},
        {"id": "b"},
        {"id": "c", "text": "Police said no one was hurt in the fire at the harbour."},
    ]
    inp.write_text("".join(json.dumps(r) + "\n" for r in rows))
    out = tmp_path / "out.jsonl"
    assert main(["predict", "quotes", str(inp), "-o", str(out), "-q"]) == 0
    got = {r["id"]: r for r in map(json.loads, out.read_text().splitlines())}
    assert "error" in got["nil"] and "error" in got["b"]
    assert any("inspected" in a["content"] for a in got["a"]["attributions"])
    assert any("hurt" in a["content"] for a in got["c"]["attributions"])


def test_predict_falls_back_to_row_by_row_when_a_task_answers_out_of_order(tmp_path, monkeypatch):
    from rashomon import predict

    def shuffled(rows):  # answers every row, but a batch comes back reversed
        return [{"id": r["id"], "echo": r["text"]} for r in rows][::-1]

    monkeypatch.setitem(predict.TASKS, "quotes", shuffled)
    inp = tmp_path / "in.jsonl"
    inp.write_text("".join(json.dumps({"id": k, "text": f"text of {k}"}) + "\n" for k in "xyz"))
    out = tmp_path / "out.jsonl"
    predict.run_predict("quotes", inp, out, show_progress=False)
    got = [json.loads(line) for line in out.read_text().splitlines()]
    assert [(r["id"], r["echo"]) for r in got] == [("x", "text of x"), ("y", "text of y"), ("z", "text of z")]


# -- ingest / events / export: bad input and bad places are one line, never a traceback ----------

REPORT = EXAMPLES / "harbour-fire.html"


def test_export_and_events_to_a_place_that_cannot_be_written_name_it(tmp_path):
    db = str(tmp_path / "news.db")
    not_a_folder = tmp_path / "report.html"
    not_a_folder.write_text("x", encoding="utf-8")
    for args, target in (
        (["export", "-o", str(not_a_folder / "out.jsonl")], f"{not_a_folder} is a file, not a folder"),
        (["export", "-o", str(tmp_path)], "Is a directory"),
        (["events", "--json", str(not_a_folder / "events.json")], f"{not_a_folder} is a file, not a folder"),
    ):
        result = run_cli(*args, "--db", db)
        assert result.returncode == 1, result.stderr
        assert "Traceback" not in result.stderr and "cannot write" in result.stderr and target in result.stderr


def test_ingest_fails_when_every_input_fails_and_warns_when_some_do(tmp_path):
    db = str(tmp_path / "news.db")
    empty = tmp_path / "empty.html"
    empty.write_bytes(b"")
    assert main(["ingest", str(empty), str(tmp_path / "missing.html"), "--db", db, "-q"]) == 1
    assert main(["ingest", str(empty), str(REPORT), "--db", db, "-q"]) == 0  # one stored, one skipped
    assert main(["ingest", str(empty), str(REPORT), "--db", db, "-q", "--strict"]) == 1
    result = run_cli("ingest", str(empty), "--db", db, "-q")
    assert result.returncode == 1 and "nothing ingested" in result.stderr and f"{empty}: empty file" in result.stderr


def test_feed_urls_that_cannot_be_fetched_are_refused_before_registering(tmp_path):
    from rashomon.store import Store

    db = str(tmp_path / "news.db")
    junk = tmp_path / "feeds.txt"
    junk.write_bytes(b"\x89PNG\r\n\x1a\n\xd4\xff" + bytes(range(256)))
    listed = tmp_path / "list.txt"
    listed.write_text("# our feeds\nhttps://news.test/rss.xml\nnews.test/atom\n", encoding="utf-8")
    for args, said in (
        (["--feed", "notaurl"], "'notaurl' is not an http(s) feed URL"),
        (["--feeds-file", str(junk)], f"{junk}: not a feed list (not UTF-8"),
        (["--feeds-file", str(listed)], f"{listed}: 'news.test/atom' is not an http(s) feed URL"),
    ):
        result = run_cli("ingest", *args, "--db", db, "-q")
        assert result.returncode == 2 and "Traceback" not in result.stderr and said in result.stderr
    with Store.open(db) as store:
        assert store.feed_states() == []  # not even the good one of a list with a typo


def test_ingest_into_a_store_that_cannot_be_written_stops_with_one_line(tmp_path):
    from rashomon.store import Store

    db = tmp_path / "news.db"
    assert main(["ingest", str(REPORT), "--db", str(db), "-q"]) == 0
    second = tmp_path / "second.txt"
    second.write_text((EXAMPLES / "harbour-fire-pasted.txt").read_text(encoding="utf-8"), encoding="utf-8")
    read_only = f"sqlite:///file:{db}?mode=ro&uri=true"
    result = run_cli("ingest", str(second), str(tmp_path / "missing.html"), "--db", read_only, "-q")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "cannot write to the store (attempt to write a readonly database)" in result.stderr
    with Store.open(str(db)) as store:
        assert store.count_articles() == 1  # what was stored before is kept


def test_export_skips_a_damaged_stored_report_and_analyze_event_names_it(tmp_path):
    import sqlite3

    db = tmp_path / "news.db"
    assert main(["ingest", str(REPORT), str(EXAMPLES / "harbour-fire-pasted.txt"), "--db", str(db), "-q"]) == 0
    with sqlite3.connect(db) as conn:
        (damaged, event), *_ = conn.execute("SELECT id, event_id FROM articles ORDER BY id").fetchall()
        conn.execute("UPDATE articles SET article = '{broken' WHERE id = ?", (damaged,))
    out = tmp_path / "articles.jsonl"
    result = run_cli("export", "-o", str(out), "--db", str(db))
    assert result.returncode == 0 and "Traceback" not in result.stderr
    assert f"stored report {damaged} (" in result.stderr and "1 stored report(s) could not be read" in result.stderr
    assert len(out.read_text(encoding="utf-8").splitlines()) == 1  # the other one is exported
    assert run_cli("export", "events", "-o", str(tmp_path / "events.csv"), "--db", str(db)).returncode == 0
    result = run_cli("analyze", "--event", event, "--db", str(db), "-q")
    assert result.returncode == 1 and "Traceback" not in result.stderr and f"stored report {damaged} (" in result.stderr


def test_events_refuses_a_negative_limit_or_offset(tmp_path):
    result = run_cli("events", "--offset", "-5", "--db", str(tmp_path / "news.db"))  # SQLite took it, PostgreSQL raised
    assert result.returncode == 2 and "argument --offset: -5 is negative" in result.stderr and "Traceback" not in result.stderr


def test_extract_reads_a_file_that_states_no_size_only_up_to_the_limit(tmp_path):
    from test_ingest_readers import _fifo_of

    pipe = _fifo_of(tmp_path / "page.txt", b"The council met on Tuesday. " * 400)  # /dev/zero filled memory
    result = run_cli("extract", str(pipe), "--max-bytes", "1000", "-q")
    assert result.returncode == 1 and f"{pipe}: file is over the 1,000-byte limit" in result.stderr


def test_brackets_in_reports_and_file_names_are_printed_as_written(tmp_path, capsys):
    # rich reads "[…]" as markup: a forum's "[/quote]" crashed the terminal report, and a
    # "[draft]" in a file name vanished from the messages
    body = (
        "[quote]The harbour warehouse fire started at 2 a.m. on Monday, firefighters said.[/quote] "
        "Crews from three stations fought the blaze for six hours [sic], the fire chief said.\n\n"
        "Two workers were taken to hospital with smoke injuries, officials said on Monday.\n"
    )
    a = tmp_path / "[draft] harbour.txt"
    a.write_text("Fire at the harbour [/b]\n\n" + body, encoding="utf-8")
    b = tmp_path / "other.txt"
    b.write_text("Warehouse blaze [update]\n\n" + body.replace("six", "seven"), encoding="utf-8")
    assert main(["analyze", str(a), str(b), "--json", str(tmp_path / "out.json")]) == 0
    out, err = capsys.readouterr()
    assert "[/quote]" in out or "[sic]" in out
    assert "[draft]" in out  # the source's id, in the sources table
    assert main(["analyze", str(tmp_path / "[missing].txt")]) != 0
    assert "[missing].txt" in capsys.readouterr().err
