"""End-to-end speed of ``storylens ingest``: articles/s, and CPU per article of each stage.

The command users run (``storylens ingest --db DB INPUT --workers N``) runs in this process, with
``time.process_time`` around the assigner's stages (``Store.add``, ``StoryEngine.add``, the facts
fold or its hand-over to the fold process; the rest is reading, unpickling the workers' results
and start-up), and the extraction workers' and the fold process's CPU read from
``RUSAGE_CHILDREN`` (the pool's processes, waited for when it shuts down; the fold process,
waited for after them). Wall-clock rates on a machine shared with other jobs mostly say how
much CPU the kernel gave us, so the load average at start and end is reported beside them,
and CPU per article, which moves far less with the load, beside both.
"""

from __future__ import annotations

import os
import resource
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

STAGES = ("store_add", "engine_add", "facts_fold", "fold_handover")
"""``facts_fold``: the fold in the assigner (``--workers 1``); ``fold_handover``: what the
assigner does to hand a batch's fold to the fold process (``--workers N``)."""


def measure_ingest(source: Path, db: Path, workers: int | None = 2) -> dict[str, Any]:
    """Run ``storylens ingest --db DB SOURCE --workers N`` here (``db`` is replaced) and return
    wall clock, articles/s, CPU ms per article by stage, and the load average."""
    from storylens.cli.main import cli
    from storylens.store import Store

    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    options = [] if workers is None else ["--workers", str(workers)]
    load_start = os.getloadavg()
    children = _children_cpu()
    with _stage_timers() as stages, _fold_process_cpu() as fold_cpu:
        wall, cpu = time.perf_counter(), time.process_time()
        cli(["ingest", "--db", str(db), "--no-progress", str(source), *options],
            standalone_mode=False)  # fmt: skip
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    workers_cpu = _children_cpu() - children - fold_cpu[0]
    with Store(db) as store:
        articles = store.count_articles()
    per = 1000.0 / max(articles, 1)
    assigner = {name: round(seconds * per, 2) for name, seconds in stages.items()}
    assigner["rest"] = round((cpu - sum(stages.values())) * per, 2)
    return {
        "command": f"storylens ingest --db DB {source.name} {' '.join(options)}".strip(),
        "articles": articles,
        "wall_seconds": round(wall, 2),
        "articles_per_second": round(articles / wall, 1) if wall else None,
        "assigner_cpu_ms_per_article": round(cpu * per, 2),
        "assigner_stages_cpu_ms_per_article": assigner,
        "store_and_assign_cpu_ms_per_article": round(
            (stages["store_add"] + stages["engine_add"] + stages["facts_fold"]) * per, 2
        ),
        "workers_cpu_ms_per_article": round(workers_cpu * per, 2),
        "fold_process_cpu_ms_per_article": round(fold_cpu[0] * per, 2),
        "total_cpu_ms_per_article": round((cpu + workers_cpu + fold_cpu[0]) * per, 2),
        "load_average_start": [round(x, 2) for x in load_start],
        "load_average_end": [round(x, 2) for x in os.getloadavg()],
    }


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


@contextmanager
def _fold_process_cpu() -> Iterator[list[float]]:
    """CPU seconds of the facts-fold process (``pipeline.folding``) while the block runs: the
    children's CPU gained while it is waited for (the extraction workers were reaped before)."""
    from storylens.pipeline.folding import FoldProcess

    spent = [0.0]
    close = FoldProcess.close

    def timed_close(self: FoldProcess) -> None:
        before = _children_cpu()
        close(self)
        spent[0] += _children_cpu() - before

    FoldProcess.close = timed_close  # type: ignore[method-assign]
    try:
        yield spent
    finally:
        FoldProcess.close = close  # type: ignore[method-assign]


@contextmanager
def _stage_timers() -> Iterator[dict[str, float]]:
    """CPU seconds spent in each assigner stage while the block runs (the stages' functions
    are wrapped for the block only)."""
    from storylens.pipeline import core
    from storylens.store import Store
    from storylens.stories import engine

    spent = dict.fromkeys(STAGES, 0.0)
    targets = (
        (Store, "add", "store_add"),
        (engine.StoryEngine, "add", "engine_add"),
        (core, "_fold_facts", "facts_fold"),
        (core, "_fold_task", "fold_handover"),
    )
    originals = [(owner, attr, getattr(owner, attr)) for owner, attr, _ in targets]
    try:
        for (owner, attr, stage), (_, _, function) in zip(targets, originals, strict=True):
            setattr(owner, attr, _timed(spent, stage, function))
        yield spent
    finally:
        for owner, attr, function in originals:
            setattr(owner, attr, function)


def _timed(spent: dict[str, float], stage: str, function: Callable[..., Any]) -> Callable[..., Any]:
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        started = time.process_time()
        try:
            return function(*args, **kwargs)
        finally:
            spent[stage] += time.process_time() - started

    return wrapper
