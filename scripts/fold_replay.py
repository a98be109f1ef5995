"""CPU of the facts-fold process alone, replayed from one ingest (issue 10's A/B of the fold).

    PYTHONPATH=src python scripts/fold_replay.py record /tmp/x.db /tmp/tasks.pkl stories-dev.jsonl
    PYTHONPATH=src python scripts/fold_replay.py replay /tmp/x.db /tmp/tasks.pkl /tmp/scratch.db

``record`` runs ``storylens ingest --db DB INPUT --workers 2`` (through
``bench.ingest_speed.measure_ingest``, the ``ingest_throughput`` figure) and keeps every batch
the assigner hands its fold process, pickled as the fold process receives it. ``replay`` copies
DB to SCRATCH with the facts tables emptied and folds the recorded batches in order in this
process (``pipeline.folding.fold_task``, unpickling included), after loading what the fold
process inherits from the assigner, and prints CPU ms per article. The fold reads only the
stored articles (which never change) and its own tables, so the replay does the fold process's
work; one process and fixed input make it far steadier than a whole ingest on a busy machine.
Replay a tree's recording with the same tree's code; alternate two trees to compare them.
"""

from __future__ import annotations

import pickle
import shutil
import sqlite3
import sys
import time
from pathlib import Path


def record(db: str, tasks_file: str, source: str) -> None:
    from storylens.bench.ingest_speed import measure_ingest
    from storylens.pipeline import folding

    tasks: list[bytes] = []
    send = folding.FoldProcess.send

    def recording_send(self: folding.FoldProcess, task: folding.FoldTask | None) -> bool:
        if task is not None:
            tasks.append(pickle.dumps(task, pickle.HIGHEST_PROTOCOL))
        return send(self, task)

    folding.FoldProcess.send = recording_send  # type: ignore[method-assign]
    try:
        measure_ingest(Path(source), Path(db), 2)
    finally:
        folding.FoldProcess.send = send  # type: ignore[method-assign]
    Path(tasks_file).write_bytes(pickle.dumps(tasks, pickle.HIGHEST_PROTOCOL))
    print(f"{len(tasks)} batches, {sum(map(len, tasks)) // 1000} KB handed to the fold process")


def replay(db: str, tasks_file: str, scratch: str) -> None:
    from storylens.pipeline.folding import fold_task
    from storylens.pipeline.parallel import Work, _load_before_fork
    from storylens.store import open_store

    shutil.copy(db, scratch)
    with sqlite3.connect(scratch) as conn:
        conn.execute("DELETE FROM story_facts")
        conn.execute("DELETE FROM story_fact_articles")
        articles = conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
    tasks = pickle.loads(Path(tasks_file).read_bytes())
    _load_before_fork(Work(sign=True, facts=True, read=True), {"text"})  # what a fork inherits
    store = open_store(scratch)
    started = time.process_time()
    for blob in tasks:
        fold_task(store, pickle.loads(blob))
    spent = time.process_time() - started
    store.close()
    print(f"fold replay: {1000 * spent / max(articles, 1):.2f} CPU ms per article "
          f"({len(tasks)} batches, {articles} articles)")  # fmt: skip


if __name__ == "__main__":
    if len(sys.argv) != 5 or sys.argv[1] not in {"record", "replay"}:
        raise SystemExit(__doc__)
    (record if sys.argv[1] == "record" else replay)(*sys.argv[2:])
