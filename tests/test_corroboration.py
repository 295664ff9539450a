"""Headlines read against the other reports' bodies (the stance model inside analyze)."""

from rashomon.corroboration import check_headlines
from rashomon.model import Article


def _article(aid: str, title: str | None, text: str, language: str = "en") -> Article:
    return Article(id=aid, path=f"{aid}.txt", text=text, paragraphs=[], offsets_into="text", format="text",
                   title=title, language=language)


DAM = (
    "The Kakhovka dam on the Dnipro river was destroyed early on Tuesday, flooding villages downstream. "
    "Officials said thousands of residents were evacuated from the flooded areas as water levels rose. "
    "Ukraine blamed Russian forces for blowing up the dam; Russia blamed Ukrainian shelling."
)
DENIAL = (
    "Officials denied on Tuesday that the Kakhovka dam had been destroyed, saying the reports were false. "
    "The dam is intact, a spokesman said, and no villages were flooded. The claims are fake, he added, "
    "and there was no evacuation."
)
FOOTBALL = (
    "Manchester United beat Chelsea 2-1 at Old Trafford on Sunday, with a late goal from the captain. "
    "The manager praised his players' spirit after a difficult month of injuries and defeats."
)


def test_each_headline_read_by_every_other_english_body():
    articles = [
        _article("a", "Kakhovka dam destroyed, villages flooded", DAM),
        _article("b", "Dam on the Dnipro blown up, thousands evacuated", DAM.replace("Tuesday", "Tuesday morning")),
        _article("c", None, FOOTBALL),
    ]
    checks = check_headlines(articles, ["a", "b", "c"])
    assert set(checks) == {"a", "b"}  # "c" has no headline to read
    assert set(checks["a"].stances) == {"b", "c"}  # never its own body
    assert checks["a"].stances["c"] == "unrelated"
    assert checks["a"].stances["b"] in {"agree", "discuss"}
    d = checks["a"].to_dict()
    assert d["stances"] == checks["a"].stances and "c" not in d["agreed_by"]


def test_only_independent_english_bodies_are_asked():
    articles = [
        _article("a", "Kakhovka dam destroyed, villages flooded", DAM),
        _article("copy", "Kakhovka dam destroyed, villages flooded", DAM),
        _article("de", "Staudamm zerstört", "Der Staudamm wurde am Dienstag zerstört.", language="de"),
        _article("d", "Kakhovka dam intact, officials say", DENIAL),
    ]
    checks = check_headlines(articles, ["a", "de", "d"])  # "copy" is a copy: not independent
    assert "copy" not in checks["a"].stances and "de" not in checks["a"].stances
    assert "de" not in checks  # a German headline is not read by an English model
    assert set(checks["copy"].stances) == {"a", "d"}


def test_pair_budget_caps_the_work():
    articles = [_article(str(i), f"Dam report {i}", DAM) for i in range(10)]
    checks = check_headlines(articles, [a.id for a in articles], max_pairs=20)
    assert all(len(c.stances) <= 2 for c in checks.values())
