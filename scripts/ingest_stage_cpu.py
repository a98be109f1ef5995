"""CPU time per article of each stage of a real ``storylens ingest`` (issue 10's speed work).

    PYTHONPATH=src python scripts/ingest_stage_cpu.py /tmp/x.db ../shared/bench/stories-dev.jsonl
    STORYLENS_FOLD_FACTS=0 PYTHONPATH=src python scripts/ingest_stage_cpu.py /tmp/x.db ...

Runs ``storylens ingest --db DB INPUT [options]`` in this process with ``time.process_time``
around the assigner's stages (``Store.add``, ``StoryEngine.add``, the facts fold) and reads the
extraction workers' CPU from ``RUSAGE_CHILDREN``: CPU per article does not depend on the other
jobs sharing the machine the way wall-clock rates do (it still moves some under heavy load).
The database file is replaced.
"""

from __future__ import annotations

import os
import resource
import sys
import time
from collections.abc import Callable
from typing import Any

from storylens.cli.main import cli
from storylens.pipeline import core
from storylens.store import Store
from storylens.stories import engine

CPU: dict[str, float] = {"store.add": 0.0, "engine.add": 0.0, "facts fold": 0.0}


def timed(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        started = time.process_time()
        try:
            return function(*args, **kwargs)
        finally:
            CPU[name] += time.process_time() - started

    return wrapper


def main(db: str, source: str, *options: str) -> None:
    core._fold_facts = timed("facts fold", core._fold_facts)  # type: ignore[assignment]
    engine.StoryEngine.add = timed("engine.add", engine.StoryEngine.add)  # type: ignore[method-assign]
    Store.add = timed("store.add", Store.add)  # type: ignore[method-assign]
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(db + suffix):
            os.remove(db + suffix)
    wall, cpu = time.perf_counter(), time.process_time()
    report = cli(["ingest", "--db", db, "--json", source, *options], standalone_mode=False)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    del report
    with Store(db) as store:
        articles = store.count_articles()
    workers = resource.getrusage(resource.RUSAGE_CHILDREN)
    per = 1000.0 / max(articles, 1)
    print(f"{articles} articles, wall {wall:.1f} s = {articles / wall:.0f} articles/s, "
          f"load average {os.getloadavg()[0]:.1f}", file=sys.stderr)  # fmt: skip
    print(f"assigner process CPU {cpu * per:.2f} ms/article", file=sys.stderr)
    for name, seconds in CPU.items():
        print(f"  {name}: {seconds * per:.2f} ms/article", file=sys.stderr)
    print(f"  rest: {(cpu - sum(CPU.values())) * per:.2f} ms/article", file=sys.stderr)
    print(f"extraction workers CPU {(workers.ru_utime + workers.ru_stime) * per:.2f} ms/article",
          file=sys.stderr)  # fmt: skip


if __name__ == "__main__":
    if len(sys.argv) < 3:
        raise SystemExit(__doc__)
    main(*sys.argv[1:])
