"""``storylens bench scale --dask``: parallel and distributed ingest, measured.

Everything runs through the code users run: ``read_pages`` -> ``extract_parallel`` (what
``--workers`` uses), ``plan_partitions`` -> ``extract_on_dask`` (what ``--dask`` uses) and
``store_extracted`` (what both ingests store through).

- ``workers``: pages/s of plain text (boilerplate-dev.jsonl) and HTML (html-extraction/) with
  ``--workers 1`` and ``--workers 2``.
- ``dask_extraction``: the same pages on a LocalCluster of 1 and 2 workers (cluster start-up timed
  apart: a long-running cluster pays it once).
- ``simulated_cluster``: N = 1, 2, 4, 8 Dask worker processes on this machine's cores: the
  scaling curve, and per-core efficiency against one worker.
- ``stories``: stories-dev.jsonl ingested sequentially and with ``--dask local:2``; B-cubed of
  each against the gold events, and of the Dask stories against the sequential ones.
- ``stage_costs``: milliseconds per article of read, extract, MinHash signature, the facts and
  the engine's reading prepared for the assigner (ingest's workers do both), store + assign.
"""

from __future__ import annotations

import json
import os
import resource
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from storylens.bench.stories import bcubed
from storylens.compare import prepare_article_facts
from storylens.config import SETTINGS
from storylens.ingest import read_pages
from storylens.models import Extracted, InputProblem, Page
from storylens.pipeline import store_extracted
from storylens.pipeline.cluster import dask_client, extract_on_dask, plan_partitions
from storylens.pipeline.parallel import body_signature, default_workers, extract_parallel
from storylens.store import Store
from storylens.stories import StoryEngine, read_article

TEXT_FILE = "boilerplate-dev.jsonl"
HTML_DIR = "html-extraction/html"
STORIES_FILE = "stories-dev.jsonl"
TEXT_PARTITION_RECORDS = 25
"""Small parts so 310 text pages spread over the workers (throughput only, not exactness)."""
CLUSTER_SIZES = (1, 2, 4, 8)


def run(data_dir: Path, **opts: Any) -> dict[str, Any]:
    text = data_dir / TEXT_FILE
    html = sorted(str(p) for p in (data_dir / HTML_DIR).glob("*"))
    limit = opts.get("limit")
    if limit:
        html = html[:limit]
    cores = default_workers()
    result: dict[str, Any] = {
        "cores": cores,
        "load_average_at_start": [round(x, 2) for x in os.getloadavg()],
        "workers": {
            kind: {f"workers_{n}": _pages_per_second(lambda n=n, s=specs: _pool(s, n))
                   for n in (1, 2)}
            for kind, specs in (("text", [str(text)]), ("html", html))
        },
    }
    result["dask_extraction"] = {
        kind: {f"local_{n}": _dask_throughput(specs, n, records) for n in (1, 2)}
        for kind, specs, records in (
            ("text", [str(text)], TEXT_PARTITION_RECORDS),
            ("html", html, 500),
        )
    }
    for kind, runs in result["dask_extraction"].items():
        one, two = runs["local_1"]["pages_per_second"], runs["local_2"]["pages_per_second"]
        runs["speedup_2_vs_1"] = round(two / one, 2) if one else None
        result["workers"][kind]["speedup_2_vs_1"] = round(
            result["workers"][kind]["workers_2"]["pages_per_second"]
            / result["workers"][kind]["workers_1"]["pages_per_second"],
            2,
        )
    for group in (*result["workers"].values(), *result["dask_extraction"].values()):
        for name, figures in group.items():
            if isinstance(figures, dict):
                figures["idle_machine_pages_per_second_projected"] = _projected(
                    figures, int(name.rsplit("_", 1)[1]), cores
                )
    result["simulated_cluster"] = _scaling_curve(html, cores)
    result["stories"] = _stories_agreement(data_dir / STORIES_FILE)
    result["stage_costs_ms_per_article"] = _stage_costs(data_dir / STORIES_FILE, html)
    result["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
    return result


# throughput ----------------------------------------------------------------------------------


def _pool(specs: list[str], workers: int) -> Iterator[Extracted | InputProblem]:
    return extract_parallel(read_pages(specs), workers=workers)


def _pages_per_second(
    produce: Callable[[], Iterator[Extracted | InputProblem]],
    remote_cpu: Callable[[], float] = lambda: 0.0,
) -> dict[str, Any]:
    """Wall-clock rate, and CPU seconds spent per page by every process involved (this one,
    its reaped children, and ``remote_cpu``: the Dask workers). On a shared machine the wall
    rate depends on what else runs; the CPU per page does much less."""
    cpu_before, remote_before = _cpu_here(), remote_cpu()
    started = time.perf_counter()
    pages = sum(1 for item in produce() if isinstance(item, Extracted))
    elapsed = time.perf_counter() - started
    cpu = _cpu_here() - cpu_before + remote_cpu() - remote_before
    return {
        "pages": pages,
        "seconds": round(elapsed, 2),
        "pages_per_second": _rate(pages, elapsed),
        "cpu_ms_per_page": round(1000 * cpu / pages, 2) if pages else None,
    }


def _cpu_here() -> float:
    """CPU seconds of this process and of its children that have ended."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _warm_up() -> None:
    import storylens.extract.html
    import storylens.extract.text
    import storylens.stories.duplicates  # noqa: F401


def _worker_cpu() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    return own.ru_utime + own.ru_stime


def _dask_throughput(specs: list[str], workers: int, records: int) -> dict[str, Any]:
    started = time.perf_counter()
    with dask_client(f"local:{workers}") as client:
        client.wait_for_workers(workers)
        client.run(_warm_up)  # a long-running cluster has its extractors imported already
        startup = time.perf_counter() - started
        parts = plan_partitions(specs, partition_records=records)

        def remote_cpu() -> float:
            return float(sum(client.run(_worker_cpu).values()))

        figures = _pages_per_second(lambda: extract_on_dask(client, parts, sign=False), remote_cpu)
    figures["cluster_start_seconds"] = round(startup, 2)
    return figures


def _scaling_curve(html: list[str], cores: int) -> dict[str, Any]:
    """N worker processes share this machine's cores: beyond ``cores`` the curve shows the cost
    of oversubscription, not the gain a real cluster of N machines would have."""
    curve = {f"workers_{n}": _dask_throughput(html, n, 500) for n in CLUSTER_SIZES}
    base = curve["workers_1"]["pages_per_second"]
    for n in CLUSTER_SIZES:
        point = curve[f"workers_{n}"]
        point["speedup"] = round(point["pages_per_second"] / base, 2) if base else None
        point["efficiency_per_used_core"] = (
            round(point["speedup"] / min(n, cores), 2) if point["speedup"] else None
        )
    return {"pages": "html-extraction (HTML)", "cores": cores, "curve": curve}


# stories -------------------------------------------------------------------------------------


def _stories_agreement(path: Path) -> dict[str, Any]:
    gold = {str(r["id"]): str(r["cluster"]) for r in _records(path)}
    with tempfile.TemporaryDirectory() as folder:
        runs: dict[str, Any] = {}
        for name, produce in (
            ("sequential", lambda: extract_parallel(read_pages([str(path)]), workers=1)),
            ("dask_local_2", None),
        ):
            db = Path(folder) / f"{name}.db"
            started = time.perf_counter()
            with Store(db) as store:
                if produce is None:
                    with dask_client("local:2") as client:
                        report = store_extracted(
                            store, extract_on_dask(client, plan_partitions([str(path)]))
                        )
                else:
                    report = store_extracted(store, produce())
                elapsed = time.perf_counter() - started
                engine = StoryEngine(store=store)
                labels = {o.article_id: engine.story_of(o.article_id) or "" for o in
                          report.outcomes}
            runs[name] = {"articles": len(labels), "seconds": round(elapsed, 2), "labels": labels}
    ids = [i for i in gold if i in runs["sequential"]["labels"]]
    out: dict[str, Any] = {"articles": len(ids)}
    for name, run_ in runs.items():
        predicted = [run_["labels"].get(i, f"missing-{i}") for i in ids]
        out[name] = {
            "bcubed_vs_gold": bcubed([gold[i] for i in ids], predicted),
            "stories": len(set(predicted)),
            "seconds_with_cluster_start": run_["seconds"],
        }
    sequential = [runs["sequential"]["labels"][i] for i in ids]
    on_dask = [runs["dask_local_2"]["labels"].get(i, f"missing-{i}") for i in ids]
    out["dask_vs_sequential_bcubed"] = bcubed(sequential, on_dask)
    f1 = [out[name]["bcubed_vs_gold"]["f1"] for name in ("sequential", "dask_local_2")]
    out["bcubed_f1_difference"] = round(abs(f1[1] - f1[0]), 4)
    return out


def _records(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


# stage costs ---------------------------------------------------------------------------------


def _stage_costs(stories: Path, html: list[str]) -> dict[str, Any]:
    """One process, one stage at a time, so each figure is that stage alone."""
    costs: dict[str, Any] = {}
    for kind, specs in (("text", [str(stories)]), ("html", html)):
        started = time.perf_counter()
        pages = [p for p in read_pages(specs) if isinstance(p, Page)]
        read = time.perf_counter() - started
        started = time.perf_counter()
        extracted = [e for e in extract_parallel(pages, workers=1) if isinstance(e, Extracted)]
        extract = time.perf_counter() - started
        started = time.perf_counter()
        signed = [
            Extracted(e.page, e.article, body_signature(e.article), True) for e in extracted
        ]
        sign = time.perf_counter() - started
        started = time.perf_counter()  # what ingest's workers also prepare for the assigner
        signed = [
            Extracted(e.page, e.article, e.signature, True,
                      prepare_article_facts(e.article) if SETTINGS.store.fold_facts else None,
                      reading=read_article(e.article))
            for e in signed
        ]  # fmt: skip
        prepare = time.perf_counter() - started
        with tempfile.TemporaryDirectory() as folder, Store(Path(folder) / "c.db") as store:
            started = time.perf_counter()
            store_extracted(store, signed)
            assign = time.perf_counter() - started
        n = max(1, len(pages))
        costs[kind] = {
            "articles": len(pages),
            "read": _ms(read, n),
            "extract": _ms(extract, n),
            "minhash_signature": _ms(sign, n),
            "facts_and_reading_for_the_assigner": _ms(prepare, n),
            "store_and_assign": _ms(assign, n),
        }
    return costs


def _projected(figures: dict[str, Any], workers: int, cores: int) -> float | None:
    """Pages/s if each of ``min(workers, cores)`` cores were ours alone: the measured CPU per
    page (workers, the main process, pickling, scheduling) spread over those cores. A projection
    from measured CPU time, for a machine shared with other jobs; the wall figure beside it is
    what was seen."""
    cpu = figures.get("cpu_ms_per_page")
    return round(min(workers, cores) * 1000 / cpu, 1) if cpu else None


def _ms(seconds: float, n: int) -> float:
    return round(1000 * seconds / n, 3)


def _rate(count: int, seconds: float) -> float:
    return round(count / seconds, 1) if seconds else 0.0
