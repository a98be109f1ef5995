"""``storylens bench stories``: event and storyline quality through ingest, speed, latency.

Quality goes through the path users take: the records are written as a JSONL file (``id``,
``title``, ``text``, ``published`` and ``site`` when the set has them) and as a folder of
plain-text files (title line, blank line, text: no metadata at all), read with
:func:`storylens.ingest.read_pages` and run through :func:`storylens.pipeline.ingest_items`
(extraction, storage and story assignment) into a temporary store, in published order (undated
records in input order) and shuffled. Events are scored against ``stories-dev.jsonl``'s
``cluster`` (also per sub-corpus, ECB+ and MMDS), storylines against ``storylines-dev.jsonl``'s
``storyline`` (with a two-fold cross-validation of the storyline threshold over its two topic
halves) and against ECB+ topics (two look-alike events per topic: a storyline-like grouping we
derive from the event labels), and for false chaining where events should mostly *not* link:
stories-dev's gold events and the README's synthetic feed (:func:`chaining_check`).

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
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import replace
from itertools import accumulate
from pathlib import Path
from typing import Any

from storylens.bench.history import write_history
from storylens.config import SETTINGS, StorySettings
from storylens.models import Article, Page
from storylens.store import Store
from storylens.stories import StoryEngine, list_stories
from storylens.stories.checks import event_time, iso_from_days

DEV_FILE = "stories-dev.jsonl"
STORYLINES_FILE = "storylines-dev.jsonl"
SENSITIVITY = (0.8, 1.2)
FEED_PER_DAY = 1_000
"""Synthetic feed rate: with a 7-day window about 7,000 articles are active at any time."""
LATENCY_SAMPLES = 300
FORMATS = ("jsonl", "text")
"""Input formats fed through ingest: a JSONL file with metadata, and a folder of plain-text
files (title line, blank line, text), which carries no metadata at all."""


def run(data_dir: Path, **opts: Any) -> dict[str, Any]:
    """Score events and storylines through the ingest path; with ``scale=[...]`` also time
    assignment at those store sizes."""
    settings = opts.get("settings") or SETTINGS.stories
    records = load_records(data_dir / DEV_FILE, limit=opts.get("limit"))
    result: dict[str, Any] = {"events": {}, "storylines": {}}
    for fmt in FORMATS:
        for order in ("published", "shuffled"):
            scored = ingest_run(_ordered(records, order), fmt, settings)
            result["events"][f"{fmt}_{order}"] = _event_scores(scored, records)
    result["events"]["subsets"] = _subset_scores(
        ingest_run(_ordered(records, "published"), "jsonl", settings), records
    )
    result["events"]["parts_alone"] = {
        f"{prefix}_{order}": _event_scores(
            ingest_run(_ordered(part, order), "jsonl", settings), part
        )
        for prefix, part in _parts(records).items()
        for order in ("published", "shuffled")
    }
    result["events"]["baseline_tfidf_average_link"] = tfidf_baseline(records)
    if not opts.get("quick"):
        result["events"]["sensitivity"] = {
            f"x{factor}": _event_scores(
                ingest_run(
                    records,
                    "jsonl",
                    replace(settings, join_threshold=settings.join_threshold * factor),
                ),
                records,
            )
            for factor in SENSITIVITY
        }
    lines_path = data_dir / STORYLINES_FILE
    if lines_path.is_file():
        lines = load_records(lines_path, limit=opts.get("limit"))
        for order in ("published", "shuffled"):
            scored = ingest_run(_ordered(lines, order), "jsonl", settings)
            result["storylines"][f"jsonl_{order}"] = _storyline_scores(scored, lines)
        result["storylines"]["cross_validated"] = storyline_cross_validation(lines, settings)
    published = ingest_run(_ordered(records, "published"), "jsonl", settings)
    result["storylines"]["ecb_topics"] = _ecb_topic_scores(published, records)
    result["storylines"]["false_chaining"] = {
        "stories_dev": {
            name: chaining_check(published, part, "cluster")
            for name, part in (*_parts(records).items(), ("all", records))
        },
        "synthetic_feed": synthetic_chaining(settings),
    }
    if opts.get("scale"):
        result["scale"] = [latency_at(size, settings) for size in opts["scale"]]
    return result


# quality ----------------------------------------------------------------------------------


def load_records(path: Path, limit: int | None = None) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        records = [json.loads(line) for line in handle if line.strip()]
    return records[:limit] if limit else records


def _ordered(records: list[dict[str, Any]], order: str) -> list[dict[str, Any]]:
    """Records by publication time (undated ones after, in input order), or shuffled (seed 0)."""
    if order == "shuffled":
        shuffled = list(records)
        random.Random(0).shuffle(shuffled)
        return shuffled

    def key(pair: tuple[int, dict[str, Any]]) -> tuple[int, float, int]:
        when = event_time(pair[1].get("published"))[0]
        return (0, when, pair[0]) if when is not None else (1, 0.0, pair[0])

    return [r for _, r in sorted(enumerate(records), key=key)]


def ingest_run(
    records: list[dict[str, Any]], fmt: str, settings: StorySettings
) -> dict[str, Any]:
    """Write ``records`` as users would give them (a JSONL file or a folder of text files),
    run :func:`storylens.pipeline.ingest_items` into a temporary store with ``settings``, and
    return each record's event and storyline (after every merge and split) with the speed."""
    from storylens.ingest import read_pages
    from storylens.pipeline import ingest_items

    with tempfile.TemporaryDirectory() as folder:
        source = _write_input(records, Path(folder), fmt)
        with Store(Path(folder) / "bench.db") as store:
            ids: dict[str, str] = {}

            def remember(items: Iterable[Any]) -> Iterator[Any]:
                for item in items:
                    if isinstance(item, Page):
                        ids[item.origin] = item.id
                    yield item

            started = time.perf_counter()
            report = ingest_items(
                store, remember(read_pages([str(source)])), settings=settings
            )
            elapsed = time.perf_counter() - started
            engine = StoryEngine(store, settings)
            events, storylines = {}, {}
            for outcome in report.outcomes:
                record_id = ids.get(outcome.origin, outcome.article_id)
                events[record_id] = engine.story_of(outcome.article_id)
                storylines[record_id] = engine.storyline_of(outcome.article_id)
            listed = list_stories(store, limit=5)
    return {
        "events": events,
        "storylines": storylines,
        "problems": len(report.problems),
        "articles_per_second": round(len(records) / elapsed, 1),
        "sample": [s.__dict__ for s in listed[:1]],
    }


def _write_input(records: list[dict[str, Any]], folder: Path, fmt: str) -> Path:
    if fmt == "html":  # HTML pages as users give them in a JSONL batch
        path = folder / "input.jsonl"
        with path.open("w", encoding="utf-8") as handle:
            for r in records:
                line = {"id": str(r["id"]), "html": r["html"], "url": r.get("url")}
                handle.write(json.dumps(line, ensure_ascii=False) + "\n")
        return path
    if fmt == "jsonl":
        path = folder / "input.jsonl"
        with path.open("w", encoding="utf-8") as handle:
            for r in records:
                line = {"id": str(r["id"]), "title": r.get("title") or "", "text": r.get("text")}
                if r.get("published"):
                    line["published"] = r["published"]
                if r.get("source"):
                    line["site"] = r["source"]
                handle.write(json.dumps(line, ensure_ascii=False) + "\n")
        return path
    texts = folder / "texts"
    texts.mkdir()
    width = len(str(len(records)))
    for position, r in enumerate(records):
        name = f"{position:0{width}d}_{_safe_name(str(r['id']))}.txt"
        body = (r.get("title") or "").strip() + "\n\n" + (r.get("text") or "")
        (texts / name).write_text(body, encoding="utf-8")
    return texts


def _safe_name(text: str) -> str:
    return "".join(c if c.isalnum() or c in "-_" else "_" for c in text)[:80]


def _labels(
    scored: dict[str, Any], records: list[dict[str, Any]], level: str, label: str
) -> tuple[list[str], list[str]]:
    """Gold and predicted labels for the records that were stored. Text files are named
    ``<position>_<id>.txt`` and keyed by that stem; JSONL pages by their id."""
    by_id = {str(r["id"]): r for r in records}
    by_name = {_safe_name(str(r["id"])): r for r in records}
    gold, predicted = [], []
    for key, value in scored[level].items():
        record = by_id.get(key) or by_name.get(key.split("_", 1)[-1])
        if record is None or value is None:
            continue
        gold.append(str(record[label]))
        predicted.append(value)
    return gold, predicted


def _scores(gold: list[str], predicted: list[str]) -> dict[str, Any]:
    return {
        "bcubed": bcubed(gold, predicted),
        "pairwise": pairwise(gold, predicted),
        "articles": len(gold),
        "predicted": len(set(predicted)),
        "gold": len(set(gold)),
    }


def _event_scores(scored: dict[str, Any], records: list[dict[str, Any]]) -> dict[str, Any]:
    result = _scores(*_labels(scored, records, "events", "cluster"))
    result["articles_per_second"] = scored["articles_per_second"]
    result["problems"] = scored["problems"]
    return result


def _subset_scores(scored: dict[str, Any], records: list[dict[str, Any]]) -> dict[str, Any]:
    """Scores per sub-corpus (ECB+ and MMDS ids), each clustered together with the other."""
    out = {}
    for prefix in ("ecb", "mmd"):
        subset = [r for r in records if str(r["id"]).startswith(prefix)]
        if subset:
            out[prefix] = _scores(*_labels(scored, subset, "events", "cluster"))
    return out


def _parts(records: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """The sub-corpora, each run alone: ECB+ (settings were tuned on it) and MMDS (held out)."""
    parts = {p: [r for r in records if str(r["id"]).startswith(p)] for p in ("ecb", "mmd")}
    return {p: part for p, part in parts.items() if part}


def _storyline_scores(scored: dict[str, Any], records: list[dict[str, Any]]) -> dict[str, Any]:
    result = {
        "storylines": _scores(*_labels(scored, records, "storylines", "storyline")),
        "events_vs_storylines": _scores(*_labels(scored, records, "events", "storyline")),
        "articles_per_second": scored["articles_per_second"],
    }
    return result


STORYLINE_GRID = (0.04, 0.05, 0.06, 0.07, 0.08, 0.10, 0.12)
"""Storyline thresholds tried in the cross-validation."""


def storyline_cross_validation(
    records: list[dict[str, Any]], settings: StorySettings
) -> dict[str, Any]:
    """Two-fold cross-validation of ``storyline_threshold`` over the two topic halves of the
    storylines set (``topic``): the threshold best on one half is scored on the other. The
    whole set is ingested once per threshold; each half is scored on its own articles."""
    halves = sorted({str(r.get("topic")) for r in records})
    by_half = {h: [r for r in records if str(r.get("topic")) == h] for h in halves}
    grid: dict[float, dict[str, float]] = {}
    for threshold in STORYLINE_GRID:
        scored = ingest_run(
            _ordered(records, "published"),
            "jsonl",
            replace(settings, storyline_threshold=threshold),
        )
        grid[threshold] = {
            h: _scores(*_labels(scored, by_half[h], "storylines", "storyline"))["bcubed"]["f1"]
            for h in halves
        }
    folds = {}
    for tune in halves:
        for report in halves:
            if report != tune:
                top = max(grid[t][tune] for t in STORYLINE_GRID)
                tied = [t for t in STORYLINE_GRID if grid[t][tune] == top]
                best = tied[(len(tied) - 1) // 2]  # the middle of a plateau of equal scores
                folds[f"tune_{tune}_report_{report}"] = {
                    "threshold": best,
                    "f1": grid[best][report],
                    "articles": len(by_half[report]),
                }
    return {"grid": {str(t): v for t, v in grid.items()}, "folds": folds}


def _ecb_topic_scores(scored: dict[str, Any], records: list[dict[str, Any]]) -> dict[str, Any]:
    """ECB+ topics as storylines of our own making: each topic pairs two similar events
    (``ecb-1-ecb`` and ``ecb-1-ecbplus``), so a storyline level that links look-alike events
    of one topic scores high here; events must still keep them apart."""
    subset = [dict(r, topic=str(r["cluster"]).rsplit("-", 1)[0]) for r in records
              if str(r["id"]).startswith("ecb")]  # fmt: skip
    return {
        "storylines": _scores(*_labels(scored, subset, "storylines", "topic")),
        "events_vs_topics": _scores(*_labels(scored, subset, "events", "topic")),
    }


def chaining_check(
    scored: dict[str, Any], records: list[dict[str, Any]], label: str
) -> dict[str, Any]:
    """False chaining where storylines should mostly *not* link: ``label`` holds events (gold
    or generated), and most events of such a set are unrelated. Reports how many storylines the
    events end in, the largest storyline (articles, share, distinct gold events) and the
    pairwise precision of "same storyline" against the gold *events*: a lower bound of the
    storylines' precision (a pair across two events of one real storyline counts as wrong),
    so 1 - it bounds the false chaining from above. With one storyline per event it equals
    the events' own pairwise precision, the ceiling to compare with."""
    gold, lines = _labels(scored, records, "storylines", label)
    _, events = _labels(scored, records, "events", label)
    members: dict[str, set[str]] = defaultdict(set)
    for g, line in zip(gold, lines, strict=True):
        members[line].add(g)
    sizes = Counter(lines)
    largest = max(sizes, key=sizes.__getitem__) if sizes else None
    return {
        "articles": len(gold),
        "gold_events": len(set(gold)),
        "events": len(set(events)),
        "storylines": len(sizes),
        "largest_storyline_articles": sizes[largest] if largest else 0,
        "largest_storyline_share": round(sizes[largest] / len(gold), 3) if largest else 0.0,
        "largest_storyline_gold_events": len(members[largest]) if largest else 0,
        "most_gold_events_in_one_storyline": max((len(m) for m in members.values()), default=0),
        "pairwise_precision_vs_gold_events": pairwise(gold, lines)["p"],
        "events_pairwise_precision": pairwise(gold, events)["p"],
    }


def synthetic_chaining(settings: StorySettings) -> dict[str, Any]:
    """The README's synthetic newsroom feed through ingest: 300 articles of unrelated events
    (each its own town, people and body; one big event), gold events from the record ids."""
    from storylens.bench.synthetic import newsroom_feed

    records = [
        dict(r, source=r["site"], event=str(r["id"]).split("-", 1)[1].rsplit("-", 1)[0])
        for r in newsroom_feed()
    ]
    return chaining_check(ingest_run(records, "jsonl", settings), records, "event")


BASELINE_GRID = (0.70, 0.75, 0.80, 0.85, 0.90)
"""Cosine distances tried as the cut of the baseline's average-link dendrogram."""


def tfidf_baseline(records: list[dict[str, Any]]) -> dict[str, Any]:
    """A trivial batch baseline beside ours: TF-IDF (sublinear tf, English stop words) of title
    and text, average-link agglomerative clustering on cosine distance, cut at the distance
    best on the ECB+ part and reported on the MMDS part (held out) and on all records. It sees
    every article at once (not online) and reads the records' text as given (no extraction)."""
    from sklearn.cluster import AgglomerativeClustering
    from sklearn.feature_extraction.text import TfidfVectorizer

    def clustered(subset: list[dict[str, Any]], distance: float) -> dict[str, Any]:
        texts = [f"{r.get('title') or ''}\n{r.get('text') or ''}" for r in subset]
        vectors = TfidfVectorizer(sublinear_tf=True, stop_words="english").fit_transform(texts)
        distances = 1.0 - (vectors @ vectors.T).toarray()
        labels = AgglomerativeClustering(
            n_clusters=None, metric="precomputed", linkage="average",
            distance_threshold=distance,
        ).fit_predict(distances.clip(0.0, None))
        return _scores([str(r["cluster"]) for r in subset], [str(x) for x in labels])

    parts = _parts(records)
    if "ecb" not in parts:
        return {}
    grid = {d: clustered(parts["ecb"], d)["bcubed"]["f1"] for d in BASELINE_GRID}
    chosen = max(BASELINE_GRID, key=grid.__getitem__)
    out: dict[str, Any] = {"distance": chosen, "ecb_grid": {str(d): f for d, f in grid.items()}}
    for name, subset in (*parts.items(), ("all", records)):
        out[name] = clustered(subset, chosen)
    return out


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
    # cumulative once: ``choices(weights=...)`` would re-add all 50,000 per call (same draws)
    cum = list(accumulate(1.0 / (i + 1) for i in range(len(vocabulary))))
    produced = 0
    while produced < count:
        event_words = rng.choices(vocabulary, cum_weights=cum, k=40)
        names = [f"Name{rng.randrange(10**6)} Place{rng.randrange(10**5)}" for _ in range(3)]
        figure = str(rng.randrange(10, 10**5))
        for _ in range(min(rng.randint(1, 30), count - produced)):
            body_words = rng.choices(event_words, k=80)
            body_words += rng.choices(vocabulary, cum_weights=cum, k=120)
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
            write_history(store, feed, size - active)
            engine = StoryEngine(store, settings)
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
