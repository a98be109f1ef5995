"""``storylens bench stories``: clustering quality, speed, and assignment latency at scale.

Quality: ``stories-dev.jsonl`` fed once, in input order, through the same :class:`StoryEngine`
ingest uses (backed by a temporary SQLite store), scored with B-cubed and pairwise P/R/F1. The
join threshold is also run at ±20% and on a shuffled order, to show how fragile the score is.

Scale: latency of assigning one new article when the store already holds N articles. The store
is built from a synthetic feed (see :func:`synthetic_articles`): the history older than the
active window is written straight into the story tables (it is what a long-running store holds
and the engine never reads back), the last ``active_window_days`` are fed through the engine,
then a fresh engine is started on that store and the latency of each further ``add`` is timed.
"""

from __future__ import annotations

import json
import random
import resource
import tempfile
import time
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

from storylens.config import SETTINGS, StorySettings
from storylens.models import Article, Assignment, Page
from storylens.store import Store
from storylens.stories import StoryEngine
from storylens.stories.checks import event_time, iso_from_days
from storylens.stories.duplicates import signature, signature_bytes
from storylens.stories.engine import story_id_for
from storylens.stories.features import article_terms
from storylens.stories.storage import STORY_SCHEMA

DEV_FILE = "stories-dev.jsonl"
SENSITIVITY = (0.8, 1.2)
FEED_PER_DAY = 1_000
"""Synthetic feed rate: with a 7-day window about 7,000 articles are active at any time."""
LATENCY_SAMPLES = 300


def run(data_dir: Path, **opts: Any) -> dict[str, Any]:
    """Score the dev set; with ``scale=[...]`` also time assignment at those store sizes."""
    records = load_records(data_dir / DEV_FILE, limit=opts.get("limit"))
    settings = opts.get("settings") or SETTINGS.stories
    result = score_run(records, settings, with_store=True)
    result["articles_per_second_with_extraction"] = extraction_speed(records, settings)
    result["sensitivity"] = {
        f"x{factor}": _scores_only(
            score_run(records, replace(settings, join_threshold=settings.join_threshold * factor))
        )
        for factor in SENSITIVITY
    }
    shuffled = list(records)
    random.Random(0).shuffle(shuffled)
    result["shuffled_order"] = _scores_only(score_run(shuffled, settings))
    if opts.get("scale"):
        result["scale"] = [latency_at(size, settings) for size in opts["scale"]]
    return result


# quality ----------------------------------------------------------------------------------


def load_records(path: Path, limit: int | None = None) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        records = [json.loads(line) for line in handle if line.strip()]
    return records[:limit] if limit else records


def article_from_record(record: dict[str, Any]) -> Article:
    return Article(
        id=str(record["id"]),
        origin=f"{DEV_FILE}#{record['id']}",
        title=record.get("title") or "",
        body=record.get("text") or "",
        published=record.get("published"),
        site=record.get("source") or None,
    )


def score_run(
    records: list[dict[str, Any]], settings: StorySettings, *, with_store: bool = False
) -> dict[str, Any]:
    """Feed records once, in the given order, and score the final stories (after the merges
    and splits the engine made on its own as articles arrived)."""
    with tempfile.TemporaryDirectory() as folder:
        store = Store(Path(folder) / "bench.db") if with_store else None
        engine = StoryEngine(store, settings)
        started = time.perf_counter()
        articles = [article_from_record(r) for r in records]
        story_ids = [_add(engine, store, a).story_id for a in articles]
        elapsed = time.perf_counter() - started
        predicted = [
            engine.story_of(a.id) or engine.resolve(s)
            for a, s in zip(articles, story_ids, strict=True)
        ]
        if store is not None:
            store.close()
    gold = [str(r["cluster"]) for r in records]
    return {
        "bcubed": bcubed(gold, predicted),
        "pairwise": pairwise(gold, predicted),
        "articles": len(records),
        "stories": len(set(predicted)),
        "gold_stories": len(set(gold)),
        "articles_per_second": round(len(records) / elapsed, 1),
        "threshold": settings.join_threshold,
    }


def _add(engine: StoryEngine, store: Store | None, article: Article) -> Assignment:
    if store is None:
        return engine.add(article)
    with store.transaction():
        return engine.add(article)


def _scores_only(result: dict[str, Any]) -> dict[str, Any]:
    keys = ("threshold", "bcubed", "pairwise", "stories")
    return {k: result[k] for k in keys}


def extraction_speed(records: list[dict[str, Any]], settings: StorySettings) -> float | None:
    """Articles per second for extract (plain-text page) + assign, end to end."""
    try:
        from storylens.extract import extract_page
    except ImportError:
        return None
    engine = StoryEngine(None, settings)
    started = time.perf_counter()
    for r in records:
        content = (r.get("title") or "") + "\n\n" + (r.get("text") or "")
        page = Page(id=str(r["id"]), origin=DEV_FILE, kind="text", content=content)
        engine.add(extract_page(page))
    return round(len(records) / (time.perf_counter() - started), 1)


def bcubed(gold: list[str], predicted: list[str]) -> dict[str, float]:
    """B-cubed precision/recall/F1: per article, overlap of its gold and predicted clusters."""
    gold_sets, pred_sets = _members(gold), _members(predicted)
    precision = recall = 0.0
    for g, p in zip(gold, predicted, strict=True):
        shared = len(gold_sets[g] & pred_sets[p])
        precision += shared / len(pred_sets[p])
        recall += shared / len(gold_sets[g])
    n = len(gold) or 1
    return _prf(precision / n, recall / n)


def pairwise(gold: list[str], predicted: list[str]) -> dict[str, float]:
    """Pairwise P/R/F1 over all article pairs put together (predicted) or belonging together."""
    joint: dict[tuple[str, str], int] = defaultdict(int)
    for g, p in zip(gold, predicted, strict=True):
        joint[(g, p)] += 1
    true_pairs = sum(_pairs(c) for c in joint.values())
    pred_pairs = sum(_pairs(len(m)) for m in _members(predicted).values())
    gold_pairs = sum(_pairs(len(m)) for m in _members(gold).values())
    precision = true_pairs / pred_pairs if pred_pairs else 1.0
    recall = true_pairs / gold_pairs if gold_pairs else 1.0
    return _prf(precision, recall)


def _members(labels: list[str]) -> dict[str, set[int]]:
    groups: dict[str, set[int]] = defaultdict(set)
    for i, label in enumerate(labels):
        groups[label].add(i)
    return groups


def _pairs(n: int) -> int:
    return n * (n - 1) // 2


def _prf(precision: float, recall: float) -> dict[str, float]:
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"p": round(precision, 4), "r": round(recall, 4), "f1": round(f1, 4)}


# scale ------------------------------------------------------------------------------------


def synthetic_articles(
    count: int, *, seed: int = 7, start_day: float = 19_000.0
) -> Iterator[Article]:
    """A synthetic feed: events of 1-30 articles over a Zipf vocabulary, ``FEED_PER_DAY``
    articles a day. Each event has its own names, numbers and topic words; each article mixes
    them with background words, so retrieval and scoring do realistic amounts of work."""
    rng = random.Random(seed)
    vocabulary = [f"w{i}" for i in range(50_000)]
    weights = [1.0 / (i + 1) for i in range(len(vocabulary))]
    produced = 0
    while produced < count:
        event_words = rng.choices(vocabulary, weights=weights, k=40)
        names = [f"Name{rng.randrange(10**6)} Place{rng.randrange(10**5)}" for _ in range(3)]
        figure = str(rng.randrange(10, 10**5))
        for _ in range(min(rng.randint(1, 30), count - produced)):
            body_words = rng.choices(event_words, k=80) + rng.choices(vocabulary, weights, k=120)
            rng.shuffle(body_words)
            text = " ".join(body_words)
            body = f"{text}. In {names[0]} {figure} people met {names[1]}. {names[2]} said so."
            day = start_day + produced / FEED_PER_DAY
            yield Article(
                id=f"syn-{produced}",
                origin="synthetic",
                title=" ".join(event_words[:8]),
                body=body,
                published=iso_from_days(day),
                site=f"outlet{rng.randrange(200)}.example",
            )
            produced += 1


def latency_at(size: int, settings: StorySettings) -> dict[str, Any]:
    """p50/p99 latency of ``add`` with ``size`` articles already stored (see module doc)."""
    active = min(size, int(settings.active_window_days * FEED_PER_DAY))
    feed = synthetic_articles(size + LATENCY_SAMPLES)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "scale.db"
        with Store(path) as store:
            build_started = time.perf_counter()
            engine = StoryEngine(store, settings)
            _write_history(store, engine, feed, size - active)
            for article in _take(feed, active):
                with store.transaction():
                    engine.add(article)
            build_seconds = time.perf_counter() - build_started
        with Store(path) as store:
            load_started = time.perf_counter()
            engine = StoryEngine(store, settings)
            load_seconds = time.perf_counter() - load_started
            timings = []
            for article in feed:
                started = time.perf_counter()
                with store.transaction():
                    engine.add(article)
                timings.append((time.perf_counter() - started) * 1000)
            db_mb = path.stat().st_size / 1e6
            active_stories = len(engine.index)
    timings.sort()
    return {
        "stored_articles": size,
        "fed_through_engine": active,
        "build_seconds": round(build_seconds, 1),
        "restart_load_seconds": round(load_seconds, 2),
        "active_stories": active_stories,
        "p50_ms": round(timings[len(timings) // 2], 2),
        "p99_ms": round(timings[int(len(timings) * 0.99)], 2),
        "db_mb": round(db_mb, 1),
        "max_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }


def _take(feed: Iterator[Article], n: int) -> Iterable[Article]:
    for _ in range(n):
        yield next(feed)


def _write_history(store: Store, engine: StoryEngine, feed: Iterator[Article], n: int) -> None:
    """Write ``n`` old articles straight into the story tables, one story per 10 articles,
    as the engine would have left them (rows, signatures, document frequencies)."""
    store.ensure_schema(STORY_SCHEMA)
    batch: list[Article] = []
    for index, article in enumerate(_take(feed, n)):
        batch.append(article)
        if len(batch) == 5_000 or index == n - 1:
            _write_history_batch(store, batch)
            batch = []
    engine.df.n_docs = n
    with store.transaction() as conn:
        conn.execute(
            "INSERT INTO story_meta (key, value) VALUES ('n_docs', ?) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (str(n),),
        )


def _write_history_batch(store: Store, batch: list[Article]) -> None:
    rows, signatures = [], []
    terms: dict[str, int] = defaultdict(int)
    for article in batch:
        day = _day(article.published)
        story = story_id_for(article.id.rsplit("-", 1)[0] + str(int(article.id[4:]) // 10))
        seq = int(article.id[4:]) + 1
        rows.append((article.id, story, seq, day, article.published, article.title, article.site,
                     None, 1.0, None))  # fmt: skip
        minhash = signature(article.body)
        if minhash is not None:
            signatures.append((article.id, day, signature_bytes(minhash)))
        for term in article_terms(article.title, article.body).counts:
            terms[term] += 1
    with store.transaction() as conn:
        conn.executemany("INSERT INTO story_articles VALUES (?,?,?,?,?,?,?,?,?,?)", rows)
        conn.executemany("INSERT INTO story_signatures VALUES (?,?,?)", signatures)
        conn.executemany(
            "INSERT INTO story_df (term, df) VALUES (?, ?) "
            "ON CONFLICT(term) DO UPDATE SET df = story_df.df + excluded.df",
            list(terms.items()),
        )
        stories = {r[1]: r for r in rows}
        conn.executemany(
            "INSERT INTO stories (id, title, lead, size, first_seen, last_seen, "
            "created_at, updated_at, outlets, centroid) VALUES (?,?,?,10,?,?,?,?,'[]','{}') "
            "ON CONFLICT (id) DO NOTHING",
            [(s, r[5], "", r[3], r[3], r[4], r[4]) for s, r in stories.items()],
        )


def _day(published: str | None) -> float:
    when, _ = event_time(published)
    return when if when is not None else 0.0
