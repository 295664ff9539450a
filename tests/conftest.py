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


@pytest.fixture(scope="session")
def postgres_server():
    """A PostgreSQL server for the session (see tests/pgserver.py), or a skip."""
    import os
    import sys

    sys.path.insert(0, str(Path(__file__).parent))
    from pgserver import PostgresServer, find_bin

    if os.environ.get("RASHOMON_TEST_PG"):
        yield None  # an existing server: tests use $RASHOMON_TEST_PG directly
        return
    if not find_bin("initdb"):
        if os.environ.get("RASHOMON_REQUIRE_PG"):
            pytest.fail("PostgreSQL is required ($RASHOMON_REQUIRE_PG) but initdb is not installed")
        pytest.skip("PostgreSQL server binaries not installed (apt-get install postgresql)")
    server = PostgresServer().start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def postgres_url(postgres_server, request):
    """A fresh, empty database on the test server."""
    import os
    import re

    if postgres_server is None:
        return os.environ["RASHOMON_TEST_PG"]
    name = "t_" + re.sub(r"[^a-z0-9]+", "_", request.node.name.lower())[:50]
    return postgres_server.new_database(name)
