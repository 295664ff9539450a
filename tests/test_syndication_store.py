"""The copy index in the store links exactly the originals the in-memory index links.

Ingest reads only the stored reports that share a content hash or an LSH band with the
batch it places (``copy_bands``); before, every stored signature was held in memory. The
reference here is that old path, kept in :class:`SyndicationIndex` for use without a store:
the same inputs, in the same runs and batches, must give every report the same original and
the same similarity, on SQLite and PostgreSQL.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

import pytest

from rashomon import syndication
from rashomon.events import EventClusterer, EventSettings
from rashomon.ingest.pipeline import Ingestor
from rashomon.ingest.records import RawDocument
from rashomon.store import Store
from rashomon.syndication import SyndicationIndex

_SYLLABLES = ["ka", "lo", "mi", "ter", "van", "so", "ru", "den", "pa", "qui", "bel", "tor", "ne", "shi", "gar", "ul", "fen", "do"]


def _vocabulary(rng: random.Random, n: int = 1500) -> list[str]:
    words = {"".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(1, 3))) for _ in range(n * 2)}
    return sorted(words)[:n]


@dataclass
class Item:
    """One input report: its name (the uri), text, publication time and what it is."""

    name: str
    text: str
    published: str
    kind: str


def _mutate(rng: random.Random, words: list[str], vocab: list[str], rate: float) -> list[str]:
    """Replace about ``rate`` of the words: each replaced word breaks up to 5 shingles, so
    rates of 2-12 % put the estimated Jaccard on both sides of the 0.6 threshold."""
    return [rng.choice(vocab) if rng.random() < rate else w for w in words]


def wire_fixture(seed: int = 7) -> list[list[Item]]:
    """Three runs of input: wire stories and their exact copies (re-spaced, re-cased), near
    copies (a new lede and footer, edits at rates either side of the threshold, a trimmed
    ending), copies of copies, copies arriving years after their original, unrelated
    stories sharing a quote, and texts too short to be near copies."""
    rng = random.Random(seed)
    vocab = _vocabulary(rng)
    quote = "the minister said the situation remained under control and that help was on its way".split()
    stories = []
    for i in range(40):
        words = [rng.choice(vocab) for _ in range(rng.randint(60, 160))]
        if i % 4 == 0:  # unrelated stories that quote the same sentence
            cut = rng.randint(10, len(words) - 10)
            words = words[:cut] + quote + words[cut:]
        stories.append(words)

    def item(name: str, words: list[str], year: int, kind: str) -> Item:
        return Item(name, " ".join(words), f"{year}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}T{rng.randint(10, 23)}:00:00Z", kind)

    runs: list[list[Item]] = [[], [], []]
    for i, words in enumerate(stories):
        run = i % 2  # originals in the first two runs; later copies reach back to them
        runs[run].append(item(f"s{i}", words, 2021 + run, "original"))
        if i % 3 == 0:
            runs[run].append(item(f"s{i}-exact", [w.upper() for w in words], 2021 + run, "exact"))
        if i % 3 == 1:
            runs[2].append(item(f"s{i}-wire", ["from", "the", "wire", "service", *words, "all", "rights", "reserved", "by", "the", "agency"], 2026, "near"))
        for k, rate in enumerate((0.02, 0.05, 0.08, 0.12)):
            if (i + k) % 3 == 0:
                runs[rng.randint(run, 2)].append(item(f"s{i}-edit{k}", _mutate(rng, words, vocab, rate), 2021 + rng.randint(0, 5), "edit"))
        if i % 5 == 2:  # a copy of a copy: closer to the copy than to the original
            first = _mutate(rng, words, vocab, 0.05)
            second = _mutate(rng, first, vocab, 0.05)
            runs[run].append(item(f"s{i}-copy", first, 2021 + run, "chain"))
            runs[2].append(item(f"s{i}-copy-of-copy", second, 2027, "chain"))
        if i % 7 == 0:
            runs[2].append(item(f"s{i}-trimmed", words[: int(len(words) * 0.7)], 2025, "trimmed"))
    for i in range(6):  # short texts: only exact copies count
        words = [rng.choice(vocab) for _ in range(8)]
        runs[0].append(item(f"short{i}", words, 2021, "short"))
        runs[2].append(item(f"short{i}-again", words, 2026, "short"))
        runs[1].append(item(f"short{i}-edited", words[:-1] + ["different"], 2022, "short"))
    for run in runs:
        rng.shuffle(run)
    return runs


def _docs(items: list[Item]) -> list[RawDocument]:
    return [RawDocument(uri=f"wire://{it.name}", content=it.text, format="text", title=it.name, published=it.published) for it in items]


def _ingestor(store: Store, *, in_memory: bool) -> Ingestor:
    ingestor = Ingestor(store, batch_size=5, clusterer=EventClusterer(EventSettings(encoder="none")))
    if in_memory:  # what ingest did before the store held the copy index
        ingestor.copies = SyndicationIndex()
        ingestor.copies.restore(store.fingerprints())
    return ingestor


def _links(store: Store) -> dict[str, tuple[str | None, float | None]]:
    """uri -> (the uri of its original, similarity): comparable across stores."""
    stored = list(store.iter_articles())
    uri = {a.id: a.uri for a in stored}
    return {a.uri: (uri.get(a.duplicate_of, a.duplicate_of), a.similarity) for a in stored}


@pytest.fixture(params=["sqlite", "postgresql"])
def backend_url(request, tmp_path):
    return f"sqlite:///{tmp_path / 'copies.db'}" if request.param == "sqlite" else request.getfixturevalue("postgres_url")


def test_the_store_links_the_same_originals_as_the_in_memory_index(tmp_path, backend_url):
    runs = wire_fixture()
    with Store.open(f"sqlite:///{tmp_path / 'reference.db'}") as reference, Store.open(backend_url) as store:
        for items in runs:  # a restart between runs: each store is read again
            _ingestor(reference, in_memory=True).run(_docs(items))
            _ingestor(store, in_memory=False).run(_docs(items))
        expected, got = _links(reference), _links(store)
    assert got == expected
    # the fixture exercises what it claims to
    kinds = {f"wire://{it.name}": it.kind for run in runs for it in run}
    linked = {uri: link for uri, link in expected.items() if link[0]}
    exact = [uri for uri, (_, sim) in linked.items() if sim == 1.0]
    near = [uri for uri, (_, sim) in linked.items() if sim < 1.0]
    assert len(exact) >= 10 and len(near) >= 15
    assert any(kinds[u] == "short" for u in exact) and not any(kinds[u] == "short" for u in near)
    assert any(kinds[u] == "edit" for u in near) and any(kinds[u] == "edit" and u not in linked for u in kinds)
    assert {kinds[u] for u in near} >= {"near", "edit", "chain", "trimmed"}
    story = lambda uri: uri.split("//")[1].split("-")[0]  # noqa: E731
    assert all(story(u) == story(original) for u, (original, _) in linked.items())  # a shared quote links nothing


def test_a_copy_of_a_copy_is_found_through_the_copy(tmp_path, backend_url):
    """The stored copy, not its original, is the only report close enough to the new one:
    copies have band keys too, and the link goes to the root."""
    rng = random.Random(3)
    vocab = _vocabulary(rng)
    words = [rng.choice(vocab) for _ in range(120)]
    while True:
        first, second = _mutate(rng, words, vocab, 0.05), None
        second = _mutate(rng, first, vocab, 0.05)
        sig = {name: syndication.fingerprint(" ".join(w))[0] for name, w in (("o", words), ("c1", first), ("c2", second))}
        if sig["c2"].jaccard(sig["o"]) < syndication.NEAR_COPY <= min(sig["c2"].jaccard(sig["c1"]), sig["c1"].jaccard(sig["o"])):
            break
    items = [Item("original", " ".join(words), "2020-01-01T10:00:00Z", ""), Item("copy", " ".join(first), "2020-01-02T10:00:00Z", "")]
    later = [Item("copy-of-copy", " ".join(second), "2026-01-01T10:00:00Z", "")]
    with Store.open(backend_url) as store:
        _ingestor(store, in_memory=False).run(_docs(items))
        _ingestor(store, in_memory=False).run(_docs(later))
        links = _links(store)
    assert links["wire://copy"][0] == "wire://original"
    assert links["wire://copy-of-copy"] == ("wire://original", round(sig["c2"].jaccard(sig["c1"]), 3))


def test_start_up_reads_no_signature_and_a_batch_reads_only_its_candidates(tmp_path):
    """Memory holds the batch being placed and what the store gave for it, then nothing."""
    runs = wire_fixture()
    with Store.open(f"sqlite:///{tmp_path / 'copies.db'}") as store:
        _ingestor(store, in_memory=False).run(_docs(runs[0] + runs[1]))
        asked: list[tuple[list[str], list[bytes]]] = []
        read: list[str] = []
        candidates = store.copy_candidates

        def spy(hashes, bands):
            asked.append((list(hashes), list(bands)))
            rows = candidates(hashes, bands)
            read.extend(r[0] for r in rows)
            return rows

        store.copy_candidates = spy  # type: ignore[method-assign]
        ingestor = _ingestor(store, in_memory=False)
        assert len(ingestor.copies) == 0 and not asked
        ingestor.run(_docs(runs[2][:5]))
        assert len(ingestor.copies) == 0  # forgotten once stored
        assert len(asked) <= 2  # one look-up of hashes, one of bands, for the whole batch
        assert 0 < len(set(read)) < store.count_articles() // 4


def test_without_a_store_the_index_holds_everything(tmp_path):
    """``SyndicationIndex()`` alone (files given on the command line, tests) works as before:
    clear() forgets nothing, match() asks no store."""
    index = SyndicationIndex()
    text = " ".join(f"word{i}" for i in range(40))
    sig, size = syndication.fingerprint(text)
    index.add("a", text_hash=syndication.content_hash(text), signature=sig, size=size)
    index.clear()
    assert index.match(text.upper()) == syndication.CopyMatch("a", 1.0, True)
    near = index.match(text.replace("word39", "other"))
    assert near is not None and near.original == "a" and not near.exact
    with pytest.raises(ValueError):
        SyndicationIndex(0.8, stored=Store.open(f"sqlite:///{tmp_path / 'x.db'}"))
