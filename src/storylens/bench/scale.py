"""``storylens bench scale``: several writers on one store, and the store at scale.

Each figure is one function registered in :data:`FIGURES` (``--only NAME`` picks some); they
run the commands users run (``storylens ingest``/``serve`` as real subprocesses) or the same
pipeline code, against SQLite files and PostgreSQL databases:

- ``concurrent_ingest``: ``stories-dev.jsonl`` split round-robin into 4 parts, ingested by 4
  concurrent ``storylens ingest`` processes into one store (PostgreSQL and SQLite); every
  article must be stored once, and B-cubed F1 is compared with one sequential SQLite ingest of
  the whole file.
- ``assignment_latency``: p50/p99 of storing + assigning one article (writer lock, state check,
  engine, commit) with N synthetic articles already stored in PostgreSQL (``--scale N``;
  ``--backend sqlite`` for a SQLite file instead).
- ``ingest_throughput``: one ``storylens ingest --workers 2`` of ``stories-dev.jsonl`` into
  SQLite: articles/s end to end, CPU ms per article of each stage, load average.
- ``api_under_ingest``: story API latency (list and one story) from a ``storylens serve`` on
  that database while a ``storylens ingest`` writes into it.

PostgreSQL: ``--pg URL`` names a server (its databases are created and dropped here, kept with
``--keep`` for inspection); without
it a throwaway cluster is started with ``scripts/pg_test_cluster.sh`` and removed afterwards.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from storylens.bench.stories import (
    DEV_FILE,
    FEED_PER_DAY,
    bcubed,
    load_records,
    synthetic_articles,
)
from storylens.config import SETTINGS
from storylens.store import Store, open_store

MAIN = "from storylens.cli.main import main; main()"
LATENCY_SAMPLES = 300
API_SECONDS = 60
LIVE_ARTICLES = 3_000


@dataclass
class ScaleRun:
    """What the figures share: the data, a PostgreSQL server, a scratch folder."""

    data_dir: Path
    pg_server: str
    work: Path
    scale: list[int] = field(default_factory=list)
    workers: int = 4
    backends: list[str] = field(default_factory=lambda: ["postgresql"])
    """Where ``assignment_latency`` builds its stores (``api_under_ingest`` uses the last)."""
    databases: list[str] = field(default_factory=list)
    scaled_database: str | None = None
    """The largest database built by ``assignment_latency`` (reused by later figures)."""

    def new_database(self, name: str) -> str:
        import psycopg

        db = f"bench_{name}_{os.getpid()}"
        with psycopg.connect(self.pg_server, autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {db}")  # type: ignore[arg-type]
            conn.execute(f"CREATE DATABASE {db}")  # type: ignore[arg-type]
        self.databases.append(db)
        return self.database_url(db)

    def database_url(self, db: str) -> str:
        return self.pg_server.rsplit("/", 1)[0] + "/" + db


Figure = Callable[[ScaleRun], dict[str, Any]]
FIGURES: dict[str, Figure] = {}


def figure(name: str) -> Callable[[Figure], Figure]:
    """Register a figure of ``bench scale`` (other modules add theirs the same way)."""

    def register(func: Figure) -> Figure:
        FIGURES[name] = func
        return func

    return register


def run(data_dir: Path, **opts: Any) -> dict[str, Any]:
    only = opts.get("only") or list(FIGURES)
    unknown = [name for name in only if name not in FIGURES]
    if unknown:
        raise ValueError(f"unknown figure(s) {unknown}; known: {sorted(FIGURES)}")
    work = Path(tempfile.mkdtemp(prefix="storylens-scale-"))
    result: dict[str, Any] = {"cpus": os.cpu_count(), "load_average": os.getloadavg()[0]}
    try:
        with postgres_server(opts.get("pg")) as server:
            ctx = ScaleRun(data_dir, server, work, list(opts.get("scale") or [10_000]),
                           int(opts.get("workers") or 4),
                           list(opts.get("backends") or ["postgresql"]))  # fmt: skip
            for name in only:
                started = time.perf_counter()
                result[name] = FIGURES[name](ctx)
                result[name]["seconds"] = round(time.perf_counter() - started, 1)
            if opts.get("keep"):
                result["kept_databases"] = [ctx.database_url(db) for db in ctx.databases]
            else:
                _drop_databases(ctx)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return result


# PostgreSQL server ------------------------------------------------------------------------


@contextmanager
def postgres_server(url: str | None) -> Iterator[str]:
    """The given server, or a throwaway local cluster for the length of the benchmark."""
    if url:
        yield url
        return
    script = _cluster_script()
    folder = tempfile.mkdtemp(prefix="storylens-pg-")
    started = subprocess.run(["bash", str(script), "start", folder], capture_output=True,
                             text=True, check=False)  # fmt: skip
    if started.returncode != 0:
        shutil.rmtree(folder, ignore_errors=True)
        raise RuntimeError(f"could not start PostgreSQL: {started.stderr.strip()[-300:]}")
    try:
        yield started.stdout.strip().splitlines()[-1]
    finally:
        from storylens.store.postgres import close_all_pools

        close_all_pools()
        subprocess.run(["bash", str(script), "stop", folder], check=False)


def _cluster_script() -> Path:
    for base in (Path.cwd(), *Path(__file__).resolve().parents):
        candidate = base / "scripts" / "pg_test_cluster.sh"
        if candidate.is_file():
            return candidate
    raise RuntimeError("no scripts/pg_test_cluster.sh here: give a server with --pg URL")


def _drop_databases(ctx: ScaleRun) -> None:
    import psycopg

    from storylens.store.postgres import close_all_pools

    close_all_pools()
    with psycopg.connect(ctx.pg_server, autocommit=True) as conn:
        for db in ctx.databases:
            with suppress(psycopg.Error):
                conn.execute(f"DROP DATABASE IF EXISTS {db}")  # type: ignore[arg-type]


# concurrent ingest ------------------------------------------------------------------------


@figure("concurrent_ingest")
def concurrent_ingest(ctx: ScaleRun) -> dict[str, Any]:
    """N concurrent ``storylens ingest`` processes vs one sequential SQLite ingest."""
    records = load_records(ctx.data_dir / DEV_FILE)
    whole = _write_jsonl(ctx.work / "all.jsonl", records)
    parts = [_write_jsonl(ctx.work / f"part-{i}.jsonl", records[i :: ctx.workers])
             for i in range(ctx.workers)]  # fmt: skip
    gold = {str(r["id"]): str(r["cluster"]) for r in records}
    sequential = ctx.work / "sequential.db"
    seconds = _ingest_processes(sequential, [whole])
    baseline = _store_outcome(sequential, gold)
    result: dict[str, Any] = {
        "articles": len(records),
        "workers": ctx.workers,
        "split": "round-robin by input line",
        "sequential_sqlite": {**baseline.summary(), "seconds": seconds},
    }
    for backend in ("postgresql", "sqlite"):
        target = ctx.new_database("concurrent") if backend == "postgresql" else str(
            ctx.work / "concurrent.db"
        )
        seconds = _ingest_processes(target, parts)
        outcome = _store_outcome(target, gold)
        result[f"concurrent_{backend}"] = {
            **outcome.summary(),
            "seconds": seconds,
            "bcubed_f1_delta": round(outcome.f1 - baseline.f1, 4),
            "agreement_with_sequential_bcubed_f1": outcome.agreement(baseline),
        }
    return result


def _write_jsonl(path: Path, records: list[dict[str, Any]]) -> Path:
    keep = ("id", "title", "text", "source", "published")
    with path.open("w", encoding="utf-8") as handle:
        for record in records:
            fields = {k: record[k] for k in keep if record.get(k) is not None}
            handle.write(json.dumps(fields, ensure_ascii=False) + "\n")
    return path


def _ingest_processes(target: str | Path, inputs: list[Path]) -> float:
    """Run one ``storylens ingest`` per input, all at once; wall seconds until all are done."""
    started = time.perf_counter()
    procs = [_spawn("ingest", "--db", str(target), str(path)) for path in inputs]
    for proc in procs:
        _, err = proc.communicate()
        if proc.returncode != 0:
            raise RuntimeError(f"storylens ingest {target} failed: {err.strip()[-500:]}")
    return round(time.perf_counter() - started, 1)


def _spawn(*args: str, stdout: Any = subprocess.PIPE) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": _source_path()}
    return subprocess.Popen([sys.executable, "-c", MAIN, *args], env=env, text=True,
                            stdout=stdout, stderr=subprocess.PIPE)  # fmt: skip


def _source_path() -> str:
    here = str(Path(__file__).resolve().parents[2])
    return os.pathsep.join(p for p in (here, os.environ.get("PYTHONPATH")) if p)


@dataclass
class StoreOutcome:
    """The final stories of a store, article by article, and the integrity checks."""

    stories: dict[str, str]
    gold: dict[str, str]
    checks: dict[str, int]

    @property
    def f1(self) -> float:
        ids = sorted(self.stories)
        return bcubed([self.gold[i] for i in ids], [self.stories[i] for i in ids])["f1"]

    def agreement(self, other: StoreOutcome) -> float:
        """B-cubed F1 of this clustering against another one (1.0: the same stories)."""
        ids = sorted(set(self.stories) & set(other.stories))
        return bcubed([other.stories[i] for i in ids], [self.stories[i] for i in ids])["f1"]

    def summary(self) -> dict[str, Any]:
        ids = sorted(self.stories)
        scores = bcubed([self.gold[i] for i in ids], [self.stories[i] for i in ids])
        return {"bcubed": scores, "stories": len(set(self.stories.values())), **self.checks}


def _store_outcome(target: str | Path, gold: dict[str, str]) -> StoreOutcome:
    with open_store(target, readonly=True) as store:
        conn = store.conn
        merged = dict(
            conn.execute("SELECT id, merged_into FROM stories WHERE merged_into IS NOT NULL")
        )
        rows = conn.execute("SELECT article_id, story_id, seq FROM story_articles").fetchall()
        meta = dict(conn.execute("SELECT key, value FROM story_meta").fetchall())
        checks = {
            "stored_articles": store.count_articles(),
            "distinct_content_hashes": _one(conn, "SELECT COUNT(DISTINCT content_hash) FROM pages"),
            "assigned": len(rows),
            "distinct_seq": len({r[2] for r in rows}),
            "engine_n_docs": int(meta.get("n_docs", 0)),
        }
    stories = {str(r[0]): _resolve(str(r[1]), merged) for r in rows if str(r[0]) in gold}
    return StoreOutcome(stories, gold, checks)


def _one(conn: Any, sql: str) -> int:
    return int(conn.execute(sql).fetchone()[0])


def _resolve(story: str, merged: dict[str, str]) -> str:
    seen = {story}
    while (target := merged.get(story)) is not None and target not in seen:
        seen.add(target)
        story = target
    return story


# end-to-end ingest speed ----------------------------------------------------------------------


@figure("ingest_throughput")
def ingest_throughput(ctx: ScaleRun) -> dict[str, Any]:
    """``storylens ingest --workers 2`` of stories-dev.jsonl into SQLite: articles/s, CPU per
    article by stage (assigner and extraction workers) and the load average (issue 10)."""
    from storylens.bench.ingest_speed import measure_ingest

    return measure_ingest(ctx.data_dir / DEV_FILE, ctx.work / "throughput.db", workers=2)


# assignment latency in PostgreSQL ---------------------------------------------------------


@figure("assignment_latency")
def assignment_latency(ctx: ScaleRun) -> dict[str, Any]:
    """Store + assign latency with N synthetic articles stored in PostgreSQL (or SQLite)."""
    return {
        backend: [_latency_at(ctx, size, backend) for size in ctx.scale]
        for backend in ctx.backends
    }


def _latency_at(ctx: ScaleRun, size: int, backend: str = "postgresql") -> dict[str, Any]:
    from storylens.bench.history import write_history
    from storylens.pipeline.core import Assigner

    settings = SETTINGS.stories
    url = ctx.new_database(f"n{size}") if backend == "postgresql" else str(
        ctx.work / f"n{size}.db"
    )
    active = min(size, int(settings.active_window_days * FEED_PER_DAY))
    feed = synthetic_articles(size + LATENCY_SAMPLES)
    build_started = time.perf_counter()
    with Store(url) as store:
        write_history(store, feed, size - active)
        history_seconds = time.perf_counter() - build_started
        assigner = Assigner(store)
        for _ in range(active):
            _assign_one(store, assigner, next(feed))
    build_seconds = time.perf_counter() - build_started
    with Store(url) as store:
        assigner = Assigner(store)
        load_started = time.perf_counter()
        with store.transaction():
            assigner.sync()
            assigner.engine()
        load_seconds = time.perf_counter() - load_started
        timings = []
        for article in feed:
            started = time.perf_counter()
            _assign_one(store, assigner, article)
            timings.append((time.perf_counter() - started) * 1000)
        db_mb = _database_bytes(store, url) / 1e6
    ctx.scaled_database = url
    timings.sort()
    return {
        "stored_articles": size,
        "fed_through_engine": active,
        "build_seconds": round(build_seconds, 1),
        "history_bulk_seconds": round(history_seconds, 1),
        "restart_load_seconds": round(load_seconds, 2),
        "p50_ms": round(timings[len(timings) // 2], 2),
        "p99_ms": round(timings[int(len(timings) * 0.99)], 2),
        "db_mb": round(db_mb, 1),
    }


def _database_bytes(store: Store, url: str) -> int:
    if store.dialect == "postgresql":
        return _one(store.conn, "SELECT pg_database_size(current_database())")
    return sum(p.stat().st_size for p in Path(url).parent.glob(Path(url).name + "*"))


def _assign_one(store: Store, assigner: Any, article: Any) -> None:
    """What ingest does per article once extracted: lock, state check, assign, commit."""
    with store.transaction():
        assigner.sync()
        assigner.engine().add(article)
        assigner.changed()


# story API while an ingest runs -----------------------------------------------------------


@figure("api_under_ingest")
def api_under_ingest(ctx: ScaleRun) -> dict[str, Any]:
    """Story API latency from ``storylens serve`` on the largest store of
    ``assignment_latency`` (PostgreSQL unless ``--backend sqlite``) while ``ingest`` writes."""
    url = ctx.scaled_database or _dev_database(ctx)
    live = ctx.work / "live.jsonl"
    _write_live_feed(live, skip=max(ctx.scale or [0]) + LATENCY_SAMPLES)
    port = _free_port()
    server = _spawn("serve", "--db", url, "--port", str(port), stdout=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(base, server)
        story_ids = [s["id"] for s in _get_json(f"{base}/api/stories?limit=50")["stories"]]
        assigned_before = _assigned(url)
        ingest = _spawn("ingest", "--db", url, str(live))
        lists, singles = _poll_api(base, story_ids, ingest)
        _, err = ingest.communicate()
        if ingest.returncode != 0:
            raise RuntimeError(f"ingest during the API test failed: {err.strip()[-300:]}")
    finally:
        server.terminate()
        server.wait(timeout=30)
    return {
        "assigned_articles_before": assigned_before,
        "ingested_meanwhile": _assigned(url) - assigned_before,
        "list_requests": len(lists),
        "list_p50_ms": _percentile(lists, 0.5),
        "list_p99_ms": _percentile(lists, 0.99),
        "story_requests": len(singles),
        "story_p50_ms": _percentile(singles, 0.5),
        "story_p99_ms": _percentile(singles, 0.99),
    }


def _dev_database(ctx: ScaleRun) -> str:
    url = ctx.new_database("dev")
    records = load_records(ctx.data_dir / DEV_FILE)
    _ingest_processes(url, [_write_jsonl(ctx.work / "dev.jsonl", records)])
    return url


def _write_live_feed(path: Path, *, skip: int) -> None:
    """Synthetic articles that continue the stored feed's timeline (its days, other events:
    another seed, so the stored articles need not be generated again), with fresh ids."""
    start_day = 19_000.0 + skip / FEED_PER_DAY
    feed = synthetic_articles(LIVE_ARTICLES, seed=8, start_day=start_day)
    with path.open("w", encoding="utf-8") as handle:
        for n, article in enumerate(feed, start=skip):
            live = replace(article, id=f"live-{n}")
            fields = {"id": live.id, "title": live.title, "text": live.body,
                      "source": live.site, "published": live.published}  # fmt: skip
            handle.write(json.dumps(fields) + "\n")


def _poll_api(
    base: str, story_ids: list[str], ingest: subprocess.Popen[str]
) -> tuple[list[float], list[float]]:
    """Alternate list and story requests until the ingest ends (or ``API_SECONDS``)."""
    rng = random.Random(1)
    lists: list[float] = []
    singles: list[float] = []
    deadline = time.monotonic() + API_SECONDS
    while ingest.poll() is None and time.monotonic() < deadline:
        lists.append(_timed(f"{base}/api/stories?limit=20"))
        if story_ids:
            singles.append(_timed(f"{base}/api/stories/{rng.choice(story_ids)}"))
    if ingest.poll() is None:
        ingest.wait()
    return lists, singles


def _timed(url: str) -> float:
    started = time.perf_counter()
    with urllib.request.urlopen(url, timeout=60) as response:
        response.read()
    return (time.perf_counter() - started) * 1000


def _get_json(url: str) -> Any:
    with urllib.request.urlopen(url, timeout=60) as response:
        return json.loads(response.read())


def _wait_until_up(base: str, server: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if server.poll() is not None:
            error = server.stderr.read() if server.stderr else ""
            raise RuntimeError(f"storylens serve exited: {error[-300:]}")
        with suppress(OSError):
            _get_json(f"{base}/api/stories?limit=1")
            return
        time.sleep(0.5)
    raise RuntimeError("storylens serve did not answer within 120 s")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _assigned(url: str) -> int:
    """Articles the story tables hold (the synthetic history is written there only)."""
    with open_store(url, readonly=True) as store:
        return _one(store.conn, "SELECT COUNT(*) FROM story_articles")


def _percentile(values: list[float], q: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, int(len(ordered) * q))], 1)
