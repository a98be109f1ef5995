"""The JSON API and the server-rendered pages, through FastAPI's TestClient (no browser)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from storylens.config import WebSettings
from storylens.store import Store
from storylens.store.ranking import StoryFilters, rank_stories
from storylens.web import create_app
from storylens.web.annotate import Note, segment_paragraphs
from storylens.web.ratelimit import RateLimit, TokenBuckets

SMALL_LIMIT = 4096
NEW_PAGE = (
    "Volcano erupts near fishing village\n\n"
    "A volcano erupted on Tuesday near a fishing village, forcing hundreds of residents to leave "
    "their homes, local officials said. Ash fell over the harbour and boats stayed in port.\n\n"
    "Officials said nobody was hurt and shelters had opened in the nearby town.\n"
)
HOSTILE_TITLE = '<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2">'


def make_client(db: Path, **options: object) -> TestClient:
    return TestClient(create_app(db, **options))  # type: ignore[arg-type]


@pytest.fixture
def client(seeded_target: Path) -> Iterator[TestClient]:
    with make_client(seeded_target) as test_client:
        yield test_client


@pytest.fixture
def story_id(client: TestClient) -> str:
    stories = client.get("/api/stories").json()["stories"]
    return next(s["id"] for s in stories if s["articles"] == 2)


def article_count(db: Path) -> int:
    with Store(db) as store:
        return store.count_articles()


def assert_error(response, status: int, *words: str) -> dict:  # type: ignore[no-untyped-def]
    """Errors are JSON with a readable message and the status repeated in the body."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert body["status"] == status
    for word in words:
        assert word in body["error"].lower(), body
    return body


# stories ----------------------------------------------------------------------------------


def test_stories_lists_the_seed_story_with_both_articles(client: TestClient) -> None:
    body = client.get("/api/stories").json()
    assert [s["articles"] for s in body["stories"]] == [2]
    story = body["stories"][0]
    assert "Netanyahu" in story["title"]
    assert story["lead"]
    assert body["next_offset"] is None


def test_stories_search_and_paging(client: TestClient, seeded_target: Path) -> None:
    client.post("/api/ingest", files={"files": ("volcano.txt", NEW_PAGE.encode())})
    first = client.get("/api/stories", params={"limit": 1}).json()
    assert len(first["stories"]) == 1 and first["next_offset"] == 1
    second = client.get("/api/stories", params={"limit": 1, "offset": 1}).json()
    assert second["next_offset"] is None
    assert first["stories"][0]["id"] != second["stories"][0]["id"]
    found = client.get("/api/stories", params={"q": "volcano"}).json()["stories"]
    assert [s["title"] for s in found] == ["Volcano erupts near fishing village"]
    assert client.get("/api/stories", params={"q": "no such words"}).json()["stories"] == []


def test_search_finds_the_headline_shown_in_any_case(
    client: TestClient, seeded_target: Path
) -> None:
    # the seed story is shown under its second article's title; the stored title is the first's
    shown = client.get("/api/stories").json()["stories"][0]["title"]
    assert "troop exit" in shown
    for q in ("troop exit", "TROOP EXIT", "Remove All Foreign"):
        found = client.get("/api/stories", params={"q": q}).json()["stories"]
        assert [s["title"] for s in found] == [shown], q
    with Store(seeded_target) as store:
        ranked, total = rank_stories(store, StoryFilters(query="Troop Exit"))
        missing, none = rank_stories(store, StoryFilters(query="troop_exit"))
    assert total == 1 and ranked[0].title == shown
    assert (missing, none) == ([], 0)  # "_" is a letter here, not LIKE's wildcard


def test_stories_rejects_bad_paging(client: TestClient) -> None:
    body = assert_error(client.get("/api/stories", params={"limit": 0}), 422, "limit")
    assert body["details"]
    assert_error(client.get("/api/stories", params={"offset": "x"}), 422, "offset")


def test_story_detail_carries_the_comparison(client: TestClient, story_id: str) -> None:
    body = client.get(f"/api/stories/{story_id}").json()
    assert len(body["article_ids"]) == 2
    comparison = body["comparison"]
    shared = [f for f in comparison["facts"] if f["articles"] == 2]
    assert shared, "the seeds share facts"
    assert {r["article_id"] for r in shared[0]["reports"]} == set(body["article_ids"])
    utterances = [q for q in comparison["quotes"] if len(q["articles"]) == 2]
    assert any(q["speaker"] == "Benjamin Netanyahu" for q in utterances)
    assert {"facts", "conflicts", "coverage", "quotes", "fact_count"} <= comparison.keys()
    page = client.get(f"/api/stories/{story_id}", params={"facts_limit": 1}).json()["comparison"]
    assert len(page["facts"]) == 1 and page["facts_next_offset"] == 1


def test_unknown_ids_are_404_with_a_message(client: TestClient) -> None:
    assert_error(client.get("/api/stories/s-nope"), 404, "no story", "s-nope")
    assert_error(client.get("/api/articles/nope"), 404, "no article", "nope")
    assert_error(client.get("/api/nothing-here"), 404, "nothing at")


def test_article_has_its_removed_text_and_story(client: TestClient, story_id: str) -> None:
    article_id = client.get(f"/api/stories/{story_id}").json()["article_ids"][0]
    body = client.get(f"/api/articles/{article_id}").json()
    assert body["story_id"] == story_id
    assert body["body"] and body["title"]
    assert body["removed"] and all(r["reason"] for r in body["removed"])


# ingest -----------------------------------------------------------------------------------


def test_ingest_stores_a_new_page_and_assigns_a_story(
    client: TestClient, seeded_target: Path
) -> None:
    response = client.post("/api/ingest", files={"files": ("volcano.txt", NEW_PAGE.encode())})
    assert response.status_code == 200, response.text
    report = response.json()
    assert report["added"] == 1 and report["problems"] == []
    assert report["articles"][0]["story_id"]
    assert article_count(seeded_target) == 3
    again = client.post("/api/ingest", files={"files": ("copy.txt", NEW_PAGE.encode())}).json()
    assert again["added"] == 0 and again["unchanged"] == 1
    assert article_count(seeded_target) == 3


def test_ingest_reports_a_bad_file_and_keeps_the_good_one(
    client: TestClient, seeded_target: Path
) -> None:
    files = [
        ("files", ("volcano.txt", NEW_PAGE.encode())),
        ("files", ("empty.txt", b"")),
    ]
    report = client.post("/api/ingest", files=files).json()
    assert report["added"] == 1
    assert [p["input"] for p in report["problems"]] == ["empty.txt"]


def test_ingest_streams_progress_lines(client: TestClient) -> None:
    response = client.post(
        "/api/ingest", params={"stream": "true"}, files={"files": ("v.txt", NEW_PAGE.encode())}
    )
    assert response.headers["content-type"].startswith("application/x-ndjson")
    events = [json.loads(line) for line in response.text.splitlines()]
    assert [e["event"] for e in events] == ["start", "item", "done"]
    assert events[1]["kind"] == "article" and events[-1]["added"] == 1


def test_oversized_upload_is_413_and_stores_nothing(seeded_target: Path) -> None:
    with make_client(seeded_target, settings=WebSettings(max_upload_bytes=SMALL_LIMIT)) as client:
        big = NEW_PAGE.encode() * 100
        response = client.post("/api/ingest", files={"files": ("big.txt", big)})
        assert_error(response, 413, "larger than", "4,096 bytes")
        assert_error(client.post("/api/compare", json={"a": "x" * SMALL_LIMIT, "b": "y"}), 413)
    assert article_count(seeded_target) == 2


def test_ingest_refuses_wrong_content_type_and_empty_uploads(
    client: TestClient, seeded_target: Path
) -> None:
    assert_error(client.post("/api/ingest", json={"files": []}), 415, "multipart")
    assert_error(client.post("/api/ingest", content=b"x", headers={"content-type": "text/plain"}),
                 415, "text/plain")  # fmt: skip
    assert_error(client.post("/api/ingest", data={"note": "no file"}), 415)
    assert_error(client.post("/api/ingest", files={"other": ("e.txt", b"")}), 422, "no page")
    binary = bytes(range(256)) * 64
    body = assert_error(
        client.post("/api/ingest", files={"files": ("junk.bin", binary)}), 422, "no page"
    )
    assert body["details"][0]["input"] == "junk.bin"
    assert article_count(seeded_target) == 2


def test_malformed_multipart_is_400(client: TestClient) -> None:
    response = client.post(
        "/api/ingest",
        content=b"--nope\r\nnot a part",
        headers={"content-type": "multipart/form-data; boundary=xyz"},
    )
    assert response.status_code in (400, 422), response.text
    assert response.json()["error"]


def test_uploaded_file_names_cannot_carry_paths(client: TestClient) -> None:
    report = client.post(
        "/api/ingest", files={"files": ("../../etc/volcano.txt", NEW_PAGE.encode())}
    ).json()
    assert report["articles"][0]["origin"] == "volcano.txt"


# compare ----------------------------------------------------------------------------------


def test_compare_two_texts(client: TestClient, seed_paths: list[Path]) -> None:
    a, b = (p.read_text(encoding="utf-8") for p in seed_paths)
    response = client.post("/api/compare", json={"a": a, "b": b})
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["shared"]
    first = body["shared"][0]["a"]
    assert a[first["start"] : first["end"]] == first["text"], "offsets index the text as sent"


def test_compare_bad_requests(client: TestClient) -> None:
    json_type = {"content-type": "application/json"}
    assert_error(
        client.post("/api/compare", content=b'{"a": "x",', headers=json_type), 422, "not valid json"
    )
    assert_error(
        client.post("/api/compare", content=b'{"a": "x", "b": "y"}',
                    headers={"content-type": "text/plain"}),
        415, "application/json",
    )  # fmt: skip
    assert_error(client.post("/api/compare", json={"a": "only one"}), 422, "b", "field required")
    assert_error(client.post("/api/compare", json={"a": 1, "b": "y"}), 422, "a")
    assert_error(client.post("/api/compare", json={"a": "x", "b": "y", "b_id": "a"}), 422)


def test_write_endpoints_are_rate_limited_per_client(seeded_target: Path) -> None:
    with make_client(seeded_target, rate_limit=RateLimit(burst=2, per_second=0.01)) as client:
        for _ in range(2):
            assert client.post("/api/compare", json={"a": "x", "b": "y"}).status_code == 200
        response = client.post("/api/compare", json={"a": "x", "b": "y"})
        assert_error(response, 429, "too many")
        assert int(response.headers["retry-after"]) >= 1
        assert client.get("/api/stories").status_code == 200, "reads are not limited"


def test_token_bucket_refills_over_time() -> None:
    now = [0.0]
    buckets = TokenBuckets(RateLimit(burst=1, per_second=2.0), clock=lambda: now[0])
    assert buckets.take("a") == 0.0
    assert buckets.take("a") == pytest.approx(0.5)
    assert buckets.take("b") == 0.0, "each client has its own bucket"
    now[0] = 0.5
    assert buckets.take("a") == 0.0


# OpenAPI and pages ------------------------------------------------------------------------


def test_openapi_describes_every_endpoint(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    paths = spec["paths"]
    assert {"/api/stories", "/api/stories/{story_id}", "/api/articles/{article_id}"} <= set(paths)
    assert "multipart/form-data" in paths["/api/ingest"]["post"]["requestBody"]["content"]
    assert "application/json" in paths["/api/compare"]["post"]["requestBody"]["content"]
    assert "/" not in paths, "pages stay out of the API description"


def test_pages_render_the_seed_story(client: TestClient, story_id: str) -> None:
    front = client.get("/")
    assert front.status_code == 200 and f"/stories/{story_id}" in front.text
    story = client.get(f"/stories/{story_id}")
    assert story.status_code == 200
    assert story.text.count('class="column ') == 2
    assert 'class="fact-grid"' in story.text and "Who reports what" in story.text
    assert "one row per utterance" in story.text
    assert "<mark" in story.text and "data-group" in story.text
    assert "Benjamin Netanyahu" in story.text
    # each section once: the pair's own conflicts, quotes and credits tables are the compare
    # page's; here the story's sections already show them
    for heading in ('id="conflicts-h"', 'id="utter-h"', 'id="outlets-h"', 'id="reuse-h"'):
        assert story.text.count(heading) == 1, heading
    for pair_only in ('id="pair-conflicts-h"', 'id="quotes-h"', 'id="credits-h"'):
        assert pair_only not in story.text, pair_only
    # the utterance table shows a variant's word-level edits ("towards" -> "toward")
    edits = story.text.split('class="diff variant-edits"', 1)[1].split("</ul>", 1)[0]
    assert "<del>towards</del>" in edits and "<ins>toward</ins>" in edits
    # the seeds share several facts, each its own colour: weak partial links do not chain
    # every shared sentence into one group
    assert len(set(re.findall(r'data-group="(\d+)"', story.text))) >= 3
    assert "content-security-policy" in story.headers
    missing = client.get("/stories/s-nope")
    assert missing.status_code == 404 and "no story" in missing.text


def test_pages_escape_article_text(client: TestClient) -> None:
    record = {"id": "hostile", "title": HOSTILE_TITLE, "text": NEW_PAGE}
    data = json.dumps(record).encode()
    report = client.post("/api/ingest", files={"files": ("h.jsonl", data)}).json()
    assert report["added"] == 1, report
    page = client.get("/articles/hostile").text
    assert "<script>window.__pwned" not in page and "<img src=x" not in page
    assert "&lt;script&gt;window.__pwned" in page


def test_compare_page_from_pasted_text_stores_nothing(
    client: TestClient, seeded_target: Path, seed_paths: list[Path]
) -> None:
    a, b = (p.read_text(encoding="utf-8") for p in seed_paths)
    response = client.post(
        "/compare", files={"text_a": (None, a), "text_b": (None, b), "label_a": (None, "Left")}
    )
    assert response.status_code == 200, response.text
    assert response.text.count('class="column ') == 2 and "Left" in response.text
    assert article_count(seeded_target) == 2
    empty = client.post("/compare", files={"text_a": (None, a), "text_b": (None, "")})
    assert empty.status_code == 422 and "paste a text" in empty.text


def test_add_page_without_javascript(client: TestClient, seeded_target: Path) -> None:
    response = client.post("/add", files={"files": ("volcano.txt", NEW_PAGE.encode())})
    assert response.status_code == 200 and "1 added" in response.text
    assert article_count(seeded_target) == 3


def test_article_page_shows_what_was_removed(client: TestClient, story_id: str) -> None:
    article_id = client.get(f"/api/stories/{story_id}").json()["article_ids"][0]
    page = client.get(f"/articles/{article_id}").text
    assert "<details" in page and "What extraction removed" in page


# segmenting bodies for highlighting --------------------------------------------------------


def test_segments_cover_each_paragraph_exactly() -> None:
    body = "One two. Three four.\n\nFive six seven."
    notes = [Note(0, 8, "shared", group=0), Note(4, 20, "commentary", tag="commentary")]
    paragraphs = segment_paragraphs(body, notes)
    assert ["".join(s.text for s in p) for p in paragraphs] == [
        "One two. Three four.",
        "Five six seven.",
    ]
    first = paragraphs[0]
    assert [s.text for s in first] == ["One ", "two.", " Three four."]
    assert first[1].group == 0 and "commentary" in first[1].classes
    assert first[-1].tags == ["commentary"]


# the serve command ------------------------------------------------------------------------


def test_serve_refuses_a_public_address_without_the_flag(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from storylens.cli.main import cli
    from storylens.cli.serve import is_loopback

    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.5")
    result = CliRunner().invoke(cli, ["serve", "--db", str(tmp_path / "s.db"), "--host", "0.0.0.0"])
    assert result.exit_code != 0
    assert "--allow-remote" in result.output
    assert not (tmp_path / "s.db").exists(), "nothing is created when refusing"


def test_compare_page_lists_conflicts(client: TestClient) -> None:
    """The pasted-text page shows the conflicts `compare --json` reports, both versions."""
    a = "A magnitude 5.8 earthquake struck the region of Calabria on Sunday morning."
    b = "A magnitude 6.1 earthquake struck the region of Calabria on Sunday morning."
    form = {"text_a": a, "text_b": b, "label_a": "Daily", "label_b": "Herald"}
    as_browser_sends_it = {"unused": ("", b"", "application/octet-stream")}  # multipart
    response = client.post("/compare", data=form, files=as_browser_sends_it)
    assert response.status_code == 200, response.text
    section = response.text.split('id="pair-conflicts-h"', 1)[1].split("</section>", 1)[0]
    assert "1 fact reported differently" in section
    assert "<del>5.8</del>" in section and "<ins>6.1</ins>" in section
    assert "Daily" in section and "Herald" in section
