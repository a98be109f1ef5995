"""Issue 12 in the web app: no cross-site writes, only http(s) links, no server paths, JSON
errors for every status, bounded comparisons (time, memory, output, client hang-up) and single
flight for story comparisons. Real app, real store, real child processes."""

from __future__ import annotations

import json
import operator
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from storylens.config import WebSettings
from storylens.store import Store
from storylens.web import create_app
from storylens.web.bounded import BoundedRunner, ClientGone, Limits, WorkRefused
from storylens.web.cache import SingleFlightCache
from storylens.web.links import http_url, public_origin

PAGE = (
    "Volcano erupts near fishing village\n\n"
    "A volcano erupted on Tuesday near a fishing village, forcing hundreds of residents to leave "
    "their homes, local officials said. Ash fell over the harbour and boats stayed in port.\n\n"
    "Officials said nobody was hurt and shelters had opened in the nearby town.\n"
)
EVIL = "http://evil.example"


@pytest.fixture
def client(seeded_db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(seeded_db)) as test_client:
        yield test_client


def count(db: Path) -> int:
    with Store(db) as store:
        return store.count_articles()


def upload(name: str = "volcano.txt", data: str = PAGE) -> dict:
    return {"files": (name, data.encode(), "text/plain")}


# cross-site writes ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "headers",
    [{"Origin": EVIL}, {"Sec-Fetch-Site": "cross-site"}, {"Origin": "null"},
     {"Sec-Fetch-Site": "same-site", "Origin": "http://other.testserver"},
     {"Sec-Fetch-Site": "cross-site", "Origin": "http://testserver"}],
)  # fmt: skip
def test_cross_site_ingest_is_403_json_and_stores_nothing(
    client: TestClient, seeded_db: Path, headers: dict
) -> None:
    before = count(seeded_db)
    response = client.post("/api/ingest", files=upload(), headers=headers)
    assert response.status_code == 403
    assert response.json()["status"] == 403 and "cross-site" in response.json()["error"]
    assert count(seeded_db) == before


def test_cross_site_form_posts_are_refused_too(client: TestClient, seeded_db: Path) -> None:
    before = count(seeded_db)
    assert client.post("/add", files=upload(), headers={"Origin": EVIL}).status_code == 403
    compare = {"a": PAGE, "b": PAGE.replace("Tuesday", "Monday")}
    assert client.post("/api/compare", json=compare, headers={"Origin": EVIL}).status_code == 403
    assert count(seeded_db) == before


def test_same_origin_and_non_browser_writes_pass(client: TestClient, seeded_db: Path) -> None:
    same = {"Origin": "http://testserver", "Sec-Fetch-Site": "same-origin"}
    assert client.post("/api/ingest", files=upload(), headers=same).status_code == 200
    other = upload("other.txt", PAGE.replace("Tuesday", "Sunday, a day later,"))
    assert client.post("/api/ingest", files=other).status_code == 200  # curl: no Origin
    # what Chromium sends for a form on a no-referrer page: Origin null, but same-origin
    third = upload("third.txt", PAGE.replace("Tuesday", "Friday, three days later,"))
    browser = {"Origin": "null", "Sec-Fetch-Site": "same-origin"}
    assert client.post("/api/ingest", files=third, headers=browser).status_code == 200
    assert count(seeded_db) == 5


# links, paths and errors ----------------------------------------------------------------------


def test_only_http_links_are_rendered(client: TestClient) -> None:
    record = {"id": "jsurl", "text": PAGE, "url": "javascript:alert(document.cookie)"}
    files = {"files": ("batch.jsonl", json.dumps(record).encode(), "application/json")}
    added = client.post("/api/ingest", files=files).json()["articles"][0]
    html = client.get(f"/articles/{added['article_id']}").text
    assert "javascript:alert" in html  # shown as text ...
    assert 'href="javascript' not in html.lower()  # ... never as a link
    assert http_url(" JavaScript:alert(1)") is None and http_url("java\tscript:x") is None
    assert http_url("https://example.org/a?b=1") == "https://example.org/a?b=1"


def test_article_origin_is_a_base_name_not_a_server_path(client: TestClient) -> None:
    story = client.get("/api/stories").json()["stories"][0]
    detail = client.get(f"/api/stories/{story['id']}").json()
    article_id = detail["article_ids"][0]
    origin = client.get(f"/api/articles/{article_id}").json()["origin"]
    assert "/" not in origin and origin.endswith(".txt")
    page = client.get(f"/articles/{article_id}").text
    assert "/tests/fixtures/" not in page and str(Path(__file__).parent) not in page
    assert public_origin("/srv/data/batch.jsonl:12") == "batch.jsonl:12"


def test_huge_offset_is_a_json_4xx_not_a_plain_500(client: TestClient) -> None:
    response = client.get("/api/stories", params={"offset": 2**63})
    assert 400 <= response.status_code < 500
    assert response.headers["content-type"].startswith("application/json")
    assert response.json()["status"] == response.status_code


# bounded comparisons --------------------------------------------------------------------------


def test_compare_refuses_a_text_over_the_length_limit(seeded_db: Path) -> None:
    settings = WebSettings(max_compare_chars=1000)
    with TestClient(create_app(seeded_db, settings=settings)) as client:
        response = client.post("/api/compare", json={"a": "x" * 1001, "b": "short"})
    assert response.status_code == 413 and "1,000 character limit" in response.json()["error"]


def test_compare_over_the_time_limit_is_a_clear_422(seeded_db: Path) -> None:
    settings = WebSettings(compare_seconds=0.001)
    paragraph = 'The mayor said "we will rebuild the bridge," Reuters reported. Costs doubled.\n\n'
    a = paragraph * 3000  # far more than a millisecond of work however fast comparing gets
    started = time.monotonic()
    with TestClient(create_app(seeded_db, settings=settings)) as client:
        response = client.post("/api/compare", json={"a": a, "b": a.replace("doubled", "rose")})
    assert response.status_code == 422
    assert "longer than the 0.001 s limit" in response.json()["error"]
    assert time.monotonic() - started < 20


def run(runner: BoundedRunner, func, *args, **kwargs):  # type: ignore[no-untyped-def]
    import asyncio

    return asyncio.run(runner.run(func, *args, **kwargs))


def test_runner_kills_work_past_its_deadline() -> None:
    runner = BoundedRunner(Limits(seconds=0.3, max_rss_bytes=1 << 30, max_output_bytes=1 << 20))
    started = time.monotonic()
    with pytest.raises(WorkRefused) as refused:
        run(runner, time.sleep, 30)
    assert refused.value.status == 422 and time.monotonic() - started < 10


def test_runner_kills_work_over_its_memory_limit() -> None:
    limits = Limits(seconds=30, max_rss_bytes=200 << 20, max_output_bytes=2 << 30)
    with pytest.raises(WorkRefused) as refused:
        run(BoundedRunner(limits), operator.mul, "x", 1_500_000_000)
    assert refused.value.status == 422 and "memory" in refused.value.message


def test_runner_refuses_an_output_over_its_limit_and_returns_small_ones() -> None:
    runner = BoundedRunner(Limits(seconds=30, max_rss_bytes=1 << 30, max_output_bytes=10_000))
    assert run(runner, operator.mul, "ab", 3) == "ababab"
    with pytest.raises(WorkRefused) as refused:
        run(runner, operator.mul, "x", 50_000)
    assert refused.value.status == 422 and "over the" in refused.value.message


def test_runner_stops_work_when_the_client_leaves() -> None:
    runner = BoundedRunner(Limits(seconds=60, max_rss_bytes=1 << 30, max_output_bytes=1 << 20))
    started = time.monotonic()

    async def gone_after_a_moment() -> bool:
        return time.monotonic() - started > 0.3

    with pytest.raises(ClientGone):
        run(runner, time.sleep, 30, is_disconnected=gone_after_a_moment)
    assert time.monotonic() - started < 10


# single flight --------------------------------------------------------------------------------


def test_concurrent_misses_compute_once() -> None:
    cache = SingleFlightCache(max_items=4)
    calls = []

    def slow() -> str:
        calls.append(1)
        time.sleep(0.3)
        return "value"

    results: list[str] = []
    threads = [
        threading.Thread(target=lambda: results.append(cache.get_or_compute("k", slow)))
        for _ in range(20)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == ["value"] * 20 and len(calls) == 1 and cache.computed == 1


def test_cache_is_bounded_by_cost() -> None:
    cache = SingleFlightCache(max_items=100, max_cost=10)
    for key in range(5):
        cache.get_or_compute(key, lambda: b"1234", cost=len)
    assert len(cache) == 2
    cache.get_or_compute("huge", lambda: b"x" * 11, cost=len)
    assert "huge" not in [k for k in cache._items]


def test_cache_entries_expire_after_max_age() -> None:
    cache = SingleFlightCache(max_age=0.2)
    values = iter(["old", "new"])
    assert cache.get_or_compute("k", lambda: next(values)) == "old"
    assert cache.get_or_compute("k", lambda: next(values)) == "old"
    time.sleep(0.25)
    assert cache.get_or_compute("k", lambda: next(values)) == "new" and len(cache) == 1


def test_story_is_compared_and_rendered_once_for_concurrent_readers(client: TestClient) -> None:
    story = next(s for s in client.get("/api/stories").json()["stories"] if s["articles"] == 2)
    statuses: list[int] = []

    def read(path: str) -> None:
        statuses.append(client.get(path).status_code)

    paths = [f"/stories/{story['id']}", f"/api/stories/{story['id']}"] * 8
    threads = [threading.Thread(target=read, args=(p,)) for p in paths]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert statuses == [200] * len(paths)
    app = client.app
    assert app.state.ctx.comparisons.computed == 1  # type: ignore[attr-defined]
    assert app.state.rendered.computed == 2  # type: ignore[attr-defined]
