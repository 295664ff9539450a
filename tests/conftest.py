from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"
EXAMPLES = ROOT / "examples"

STORY_HTML = """<!DOCTYPE html><html><head>{meta}<title>Bridge reopens after repairs | Valley Times</title></head>
<body><nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>
<article><h1>Bridge reopens after repairs</h1>
<p>The old river bridge in {town} reopened to traffic on Monday after eight months of repairs, the city council said.</p>
<p>Engineers replaced the steel bearings and resurfaced the deck, at a cost of about 4 million, according to the council's figures.</p>
<p>"It is good to have the town connected again," said the mayor, who cut a ribbon at the eastern end of the bridge.</p>
<p>Buses will return to their usual routes from Wednesday, the transport company said in a statement.</p>
</article>
<aside class="related"><h3>Related</h3><ul><li><a href="/a">Council votes on parking fees</a></li><li><a href="/b">New school opens</a></li></ul></aside>
<footer><p>© 2026 Valley Times. All rights reserved.</p></footer></body></html>"""


@pytest.fixture
def story_html():
    def make(town: str = "Zürich", meta: str = '<meta charset="utf-8">') -> str:
        return STORY_HTML.format(town=town, meta=meta)

    return make


@pytest.fixture
def seeds_dir():
    if not SEEDS.exists():
        pytest.skip("../shared/seeds not present")
    return SEEDS
