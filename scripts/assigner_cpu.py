"""CPU per article of the assigner alone, on fixed worker results (issue 10's A/B of the
store + assign + facts-fold half of ingest, less moved by other jobs than a whole ingest).

    PYTHONPATH=src python scripts/assigner_cpu.py extract stories-dev.jsonl /tmp/results.pkl
    PYTHONPATH=src python scripts/assigner_cpu.py assign /tmp/results.pkl /tmp/x.db

``extract`` runs the workers' part in this process (extraction, MinHash, facts preparation, the
engine's reading, as ``storylens ingest`` asks its pool for) and pickles the results; ``assign``
feeds them, unpickled chunk by chunk as the pool's results arrive, through
``pipeline.store_extracted`` (inside ``batch_collection`` when the tree has it), with the stage
timers of ``storylens bench scale --only ingest_throughput``, and prints CPU ms per article.
Run ``assign`` with the same pickle in two trees to compare them.
"""

from __future__ import annotations

import contextlib
import pickle
import sys
import time
from collections.abc import Iterator
from pathlib import Path

CHUNK = 16


def extract(source: str, out: str) -> None:
    from storylens.ingest import read_pages
    from storylens.pipeline.parallel import extract_parallel

    pages = list(read_pages([source], max_page_bytes=50_000_000))
    started = time.process_time()
    results = list(extract_parallel(pages, workers=1, sign=True, facts=True, read=True))
    spent = time.process_time() - started
    Path(out).write_bytes(pickle.dumps(results, protocol=pickle.HIGHEST_PROTOCOL))
    print(f"workers' part: {1000 * spent / len(pages):.2f} CPU ms per page ({len(pages)} pages)")


def assign(results: str, db: str) -> None:
    from storylens.bench.ingest_speed import _stage_timers
    from storylens.pipeline import core
    from storylens.store import Store

    for suffix in ("", "-wal", "-shm"):
        Path(db + suffix).unlink(missing_ok=True)
    items = pickle.loads(Path(results).read_bytes())
    chunks = [pickle.dumps(items[k : k + CHUNK]) for k in range(0, len(items), CHUNK)]
    del items

    def stream() -> Iterator[object]:
        for chunk in chunks:
            yield from pickle.loads(chunk)

    collection = getattr(core, "batch_collection", contextlib.nullcontext)()
    store = Store(db)
    with collection, _stage_timers() as stages:
        started = time.process_time()
        report = core.store_extracted(store, stream())  # type: ignore[arg-type]
        spent = time.process_time() - started
    store.close()
    per = 1000 / max(report.added, 1)
    parts = " ".join(f"{name}={seconds * per:.2f}" for name, seconds in stages.items())
    print(f"assigner {spent * per:.2f} CPU ms per article: {parts} "
          f"rest={(spent - sum(stages.values())) * per:.2f}")  # fmt: skip


if __name__ == "__main__":
    if len(sys.argv) != 4 or sys.argv[1] not in {"extract", "assign"}:
        raise SystemExit(__doc__)
    (extract if sys.argv[1] == "extract" else assign)(sys.argv[2], sys.argv[3])
