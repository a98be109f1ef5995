"""Benchmark of the web layer: story page load time and stories-endpoint throughput.

A store is built from ``stories-dev.jsonl``: one 20-article story (the largest gold event, put
together on purpose so its size is fixed: this measures the web layer, not clustering) plus the
rest of the file ingested normally so the story list is realistic. ``storylens serve`` then runs
in a subprocess on a free loopback port and is measured from this process:

- story page: time to the full HTML, cold (comparison computed) and warm (cached); and, when
  /usr/bin/chromium is present, the browser's load event (HTML, CSS, JS, layout) cold and warm;
- ``GET /api/stories``: requests per second with a fixed number of requests over a few
  keep-alive connections, plus latency percentiles.

Then the front page as a new user meets it (issue 14): the synthetic newsroom feed
(``bench/synthetic.py``: 300 articles from 20 outlets, one story of 60) is ingested through the
same pipeline as ``storylens ingest``, its outlet registry imported, and a second server measures
the front page cold (first load: ranking, coverage, summaries not yet computed), the time until
the background summaries of the first page are all stored, the front page warm (summaries
shown), and the 60-article story page cold (comparison computed) and warm.

Loopback only and bounded: nothing leaves the machine and the request count is fixed.
"""

from __future__ import annotations

import http.client
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from storylens.config import StorySettings
from storylens.extract import extract_pages
from storylens.ingest import read_jsonl_lines
from storylens.models import Article, Page
from storylens.pipeline import ingest_items
from storylens.store import Store
from storylens.stories import StoryEngine, get_story, list_stories

HOST = "127.0.0.1"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]  # fmt: skip
MAX_REQUESTS = 20_000
"""Upper bound on the load test, whatever is asked: this is a benchmark, not a stress tool."""


def run(data_dir: Path, **opts: Any) -> dict[str, Any]:
    """Build the store, start the server, measure; options: story_size, requests, concurrency,
    warm_loads, background (ingest the rest of the file), browser (use chromium if present)."""
    story_size = int(opts.get("story_size", 20))
    requests = min(int(opts.get("requests", 2000)), MAX_REQUESTS)
    concurrency = max(1, min(int(opts.get("concurrency", 8)), 64))
    warm_loads = int(opts.get("warm_loads", 20))
    newsroom = measure_newsroom(warm_loads) if opts.get("newsroom", True) else None
    if opts.get("newsroom_only"):
        return {"newsroom": newsroom, "machine": _machine()}
    with tempfile.TemporaryDirectory(prefix="storylens-bench-web-") as tmp:
        db = Path(tmp) / "bench.db"
        built = build_store(Path(data_dir) / "stories-dev.jsonl", db, story_size,
                            background=bool(opts.get("background", True)))  # fmt: skip
        port = free_port()
        server = start_server(db, port)
        try:
            wait_until_up(port)
            page = measure_story_page(port, built["story_id"], warm_loads)
            if opts.get("browser", True) and CHROMIUM.exists():
                page["browser"] = measure_in_browser(port, built["story_id"], warm_loads)
            throughput = measure_stories_endpoint(port, requests, concurrency)
        finally:
            server.terminate()
            server.wait(timeout=10)
    return {
        "store": built,
        "story_page": page,
        "stories_endpoint": throughput,
        "newsroom": newsroom,
        "machine": _machine(),
    }


def _machine() -> dict[str, Any]:
    return {"cpus": os.cpu_count(), "python": sys.version.split()[0]}


# the front page on the synthetic newsroom (issue 14) -----------------------------------------

SUMMARY_TIMEOUT = 300.0


def measure_newsroom(warm_loads: int) -> dict[str, Any]:
    """Front page and the 60-article story page, cold and warm, over ``storylens serve``."""
    from storylens.bench.synthetic import newsroom_feed, registry_csv
    from storylens.store.outlets import read_registry_csv, save_outlets

    with tempfile.TemporaryDirectory(prefix="storylens-bench-front-") as tmp:
        db, registry = Path(tmp) / "newsroom.db", Path(tmp) / "outlets.csv"
        lines = [json.dumps(r) for r in newsroom_feed()]
        registry_csv(registry)
        started = time.perf_counter()
        with Store(db) as store:
            report = ingest_items(store, read_jsonl_lines(lines, "feed.jsonl", limit=10_000_000))
            save_outlets(store, read_registry_csv(registry))
            big = store.conn.execute(
                "SELECT id, size FROM stories WHERE merged_into IS NULL ORDER BY size DESC"
            ).fetchone()
        seconds = round(time.perf_counter() - started, 2)
        built = {"articles": report.added, "ingest_seconds": seconds,
                 "big_story_articles": big["size"]}  # fmt: skip
        port = free_port()
        server = start_server(db, port)
        try:
            wait_until_up(port)
            conn = http.client.HTTPConnection(HOST, port, timeout=300)
            front = _front_page(conn, warm_loads)
            story = _timed_page(conn, f"/stories/{big['id']}", warm_loads)
            conn.close()
        finally:
            server.terminate()
            server.wait(timeout=10)
    return {"store": built, "front_page": front, "story_page_60": story}


def _front_page(conn: http.client.HTTPConnection, warm_loads: int) -> dict[str, Any]:
    status, size, cold = get(conn, "/")
    if status != 200:
        raise RuntimeError(f"front page answered {status}")
    started = time.perf_counter()
    while b"glance-pending" in _body(conn, "/"):
        if time.perf_counter() - started > SUMMARY_TIMEOUT:
            raise RuntimeError("front-page summaries not stored within the timeout")
        time.sleep(0.5)
    summaries = time.perf_counter() - started
    warm = [get(conn, "/")[2] for _ in range(warm_loads)]
    return {"html_bytes": size, "cold_ms": _ms(cold),
            "summaries_ready_s": round(summaries, 2),
            "warm_median_ms": _ms(statistics.median(warm)),
            "warm_p95_ms": _ms(_percentile(warm, 95))}  # fmt: skip


def _timed_page(conn: http.client.HTTPConnection, path: str, warm_loads: int) -> dict[str, Any]:
    status, size, cold = get(conn, path)
    if status != 200:
        raise RuntimeError(f"{path} answered {status}")
    warm = [get(conn, path)[2] for _ in range(warm_loads)]
    return {"html_bytes": size, "cold_ms": _ms(cold),
            "warm_median_ms": _ms(statistics.median(warm)),
            "warm_p95_ms": _ms(_percentile(warm, 95))}  # fmt: skip


def _body(conn: http.client.HTTPConnection, path: str) -> bytes:
    conn.request("GET", path)
    return conn.getresponse().read()


# building the store -------------------------------------------------------------------------


def build_store(path: Path, db: Path, story_size: int, *, background: bool) -> dict[str, Any]:
    if not path.is_file():
        raise FileNotFoundError(f"{path}: stories-dev.jsonl not found (see the bench README)")
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    cluster = Counter(r["cluster"] for r in rows).most_common(1)[0][0]
    chosen = [r for r in rows if r["cluster"] == cluster]
    rest = [r for r in rows if r["cluster"] != cluster]
    started = time.perf_counter()
    with Store(db) as store:
        story_id = _one_story(store, chosen, story_size)
        if background:
            lines = [json.dumps(r) for r in rest]
            ingest_items(store, read_jsonl_lines(lines, "stories-dev.jsonl", limit=10_000_000))
        stories = len(list_stories(store, limit=100_000))
        articles = store.count_articles()
        size = next(s.articles for s in list_stories(store, limit=100_000) if s.id == story_id)
    return {
        "articles": articles,
        "stories": stories,
        "story_id": story_id,
        "story_articles": size,
        "build_seconds": round(time.perf_counter() - started, 2),
    }


def _one_story(store: Store, rows: list[dict[str, Any]], size: int) -> str:
    """Store rows until one story holds ``size`` articles; the engine joins whatever it can
    (threshold 0, no cut into parts: this measures comparison, not clustering). Rows already
    stored (the file repeats a few texts) are skipped."""
    engine = StoryEngine(store, StorySettings(join_threshold=0.0, part_threshold=0.0))
    lines = [json.dumps(r) for r in rows]
    pages = list(read_jsonl_lines(lines, "story.jsonl", limit=10_000_000))
    sizes: Counter[str] = Counter()
    for page, article in zip(pages, extract_pages(pages), strict=True):
        if isinstance(page, Page) and isinstance(article, Article):
            story_id = _store_one(store, engine, page, article)
            if story_id is not None:
                sizes[story_id] += 1
        if sizes and max(sizes.values()) >= size:
            break
    story = get_story(store, sizes.most_common(1)[0][0])
    assert story is not None
    return story.id


def _store_one(store: Store, engine: StoryEngine, page: Page, article: Article) -> str | None:
    with store.transaction():
        added = store.add(page, article)
        if not added.added:
            return None
        article.id = added.article_id
        return engine.add(article).story_id


# the server ---------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def start_server(db: Path, port: int) -> subprocess.Popen[bytes]:
    """``storylens serve`` as a user would run it, in its own process."""
    command = [sys.executable, "-c", "from storylens.cli.main import main; main()", "serve",
               "--db", str(db), "--host", HOST, "--port", str(port)]  # fmt: skip
    return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def wait_until_up(port: int, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection((HOST, port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"server on port {port} did not start within {timeout:.0f} s")


# measurements -------------------------------------------------------------------------------


def get(conn: http.client.HTTPConnection, path: str) -> tuple[int, int, float]:
    """One GET on a kept-alive connection: status, body bytes, seconds."""
    started = time.perf_counter()
    conn.request("GET", path)
    response = conn.getresponse()
    body = response.read()
    return response.status, len(body), time.perf_counter() - started


def measure_story_page(port: int, story_id: str, warm_loads: int) -> dict[str, Any]:
    conn = http.client.HTTPConnection(HOST, port, timeout=120)
    status, size, cold = get(conn, f"/stories/{story_id}")
    if status != 200:
        raise RuntimeError(f"story page answered {status}")
    warm = [get(conn, f"/stories/{story_id}")[2] for _ in range(warm_loads)]
    api_cold = get(conn, f"/api/stories/{story_id}")[2]
    conn.close()
    return {
        "html_bytes": size,
        "cold_ms": _ms(cold),
        "warm_median_ms": _ms(statistics.median(warm)),
        "warm_p95_ms": _ms(_percentile(warm, 95)),
        "api_detail_ms": _ms(api_cold),
    }


def measure_in_browser(port: int, story_id: str, loads: int) -> dict[str, Any]:
    """The load event in headless chromium: HTML, stylesheet, script, layout."""
    from playwright.sync_api import sync_playwright

    url = f"http://{HOST}:{port}/stories/{story_id}"
    timings = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        for _ in range(max(2, loads // 4)):
            page.goto(url, wait_until="load")
            timings.append(
                page.evaluate(
                    "() => { const n = performance.getEntriesByType('navigation')[0];"
                    " return n.loadEventEnd - n.startTime; }"
                )
            )
        browser.close()
    return {"load_event_first_ms": round(timings[0], 1),
            "load_event_median_ms": round(statistics.median(timings[1:]), 1)}  # fmt: skip


def measure_stories_endpoint(port: int, requests: int, concurrency: int) -> dict[str, Any]:
    """Fixed number of GET /api/stories over ``concurrency`` keep-alive connections."""
    share = [requests // concurrency + (1 if i < requests % concurrency else 0)
             for i in range(concurrency)]  # fmt: skip

    def worker(count: int) -> list[float]:
        conn = http.client.HTTPConnection(HOST, port, timeout=60)
        latencies = []
        for _ in range(count):
            status, _, seconds = get(conn, "/api/stories?limit=20")
            if status != 200:
                raise RuntimeError(f"/api/stories answered {status}")
            latencies.append(seconds)
        conn.close()
        return latencies

    started = time.perf_counter()
    with ThreadPoolExecutor(concurrency) as pool:
        latencies = [x for part in pool.map(worker, share) for x in part]
    elapsed = time.perf_counter() - started
    return {
        "requests": requests,
        "concurrency": concurrency,
        "seconds": round(elapsed, 2),
        "requests_per_second": round(requests / elapsed, 1),
        "latency_p50_ms": _ms(statistics.median(latencies)),
        "latency_p95_ms": _ms(_percentile(latencies, 95)),
    }


def _percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1)))]


def _ms(seconds: float) -> float:
    return round(seconds * 1000, 1)
