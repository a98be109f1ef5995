"""The facts fold of an ingest in a process of its own, beside the story assigner.

Folding a batch's new articles into their stories' stored facts (``compare.storage``) costs
the one assigner process more than the story engine itself, and no other work waits for it:
nothing the assigner decides reads the facts. With extraction workers (``ingest --workers``)
and a SQLite store, the assigner therefore hands each committed batch's fold to a child process
forked beside the workers, and goes on with the next batch while the child folds.

The stored facts are the same as when the assigner folds: the child gets each batch's stories
as the assigner saw them in that batch's transaction (their ids, the ids merged into them,
their articles), folds the batches in order, reads and judges outside the store's writer
lock and writes each batch's facts in one short transaction. The facts of a batch commit a
little after its stories; a fold that fails (or a child that dies) leaves the pages and
stories stored, and the first reader of such a story folds it, as before.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import queue
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from storylens.models import Article, PreparedFacts

if TYPE_CHECKING:
    from multiprocessing.process import BaseProcess
    from multiprocessing.queues import Queue

    from storylens.store import Store

TASKS_IN_FLIGHT = 4
"""Batches handed over but not yet folded before the assigner waits (bounds memory)."""
PUT_WAIT_SECONDS = 1.0
"""How often a waiting assigner looks whether the child is still there."""

log = logging.getLogger(__name__)


@dataclass
class FoldTask:
    """One committed batch's fold: ``stories`` as (story id, ids merged into it, its article
    ids) in the order the batch touched them; ``known`` the batch's new articles with the
    facts prepared where they were extracted."""

    stories: list[tuple[str, tuple[str, ...], list[str]]] = field(default_factory=list)
    known: dict[str, tuple[Article, PreparedFacts | None]] = field(default_factory=dict)


def fold_task(store: Store, task: FoldTask) -> None:
    """Fold one batch into the stored facts: the same facts as folding each story in the
    batch's transaction, with the reading and judging done before taking the writer lock."""
    from storylens.compare.storage import plan_fold, plan_forget, write_fold

    plans = []
    done: set[str] = set()
    for story_id, gone, article_ids in task.stories:
        plans += [plan_forget(store, other) for other in gone]
        if story_id not in done:  # several of the batch's stories merged into one: the
            done.add(story_id)  # assigner's second fold of it would find nothing new
            plans.append(plan_fold(store, story_id, article_ids, task.known))
    with store.transaction():
        for plan in plans:
            write_fold(store, plan)


class FoldProcess:
    """A child process folding the batches :meth:`send` hands it, in order."""

    def __init__(self, target: str) -> None:
        context = multiprocessing.get_context("fork")
        self._tasks: Queue[FoldTask | None] = context.Queue(maxsize=TASKS_IN_FLIGHT)
        self._process: BaseProcess = context.Process(
            target=_fold_loop, args=(target, self._tasks, os.getpid()), daemon=True
        )
        self._process.start()

    def send(self, task: FoldTask | None) -> bool:
        """Hand over a batch (None: no more), waiting while :data:`TASKS_IN_FLIGHT` are; False
        when the child is gone (killed: its batches in flight are folded with the story's
        next fold, or by the first reader)."""
        while self._process.is_alive():
            try:
                self._tasks.put(task, timeout=PUT_WAIT_SECONDS)
                return True
            except queue.Full:
                continue
        return False

    def close(self) -> None:
        """Wait until every batch handed over is folded, then end the child."""
        if not self.send(None):
            self._tasks.cancel_join_thread()  # nobody will read what is still buffered
        self._tasks.close()
        self._process.join()
        if self._process.exitcode:
            log.warning("the story facts process ended with exit code %s; readers fold the "
                        "stories it did not", self._process.exitcode)  # fmt: skip


class Folder:
    """Where an ingest's facts fold runs: in the assigner (the default) or, once
    :meth:`start` was called, in a :class:`FoldProcess`."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.process: FoldProcess | None = None

    def start(self) -> None:
        """Fork the child now (call before other threads start: the extraction pool's), when
        the store is one another process can open (:func:`_shareable`)."""
        from storylens.config import SETTINGS

        if self.process is not None or not SETTINGS.store.fold_facts or not _shareable(self.store):
            return
        try:
            self.process = FoldProcess(str(self.store.target))
        except (OSError, ValueError) as exc:  # no fork here, or no process to spare: fold here
            log.warning("folding story facts in the assigner (%s: %s)", type(exc).__name__, exc)

    def fold(self, task: FoldTask) -> None:
        """Fold a committed batch: in the child, or here when it is gone."""
        if self.process is not None and self.process.send(task):
            return
        if self.process is not None:
            log.warning("the story facts process is gone; folding in the assigner")
            self.process = None
        try:
            fold_task(self.store, task)
        except Exception as exc:  # the pages stay stored; readers fold the story later
            log.warning("could not store story facts (%s: %s)", type(exc).__name__, exc)

    def close(self) -> None:
        if self.process is not None:
            self.process.close()
            self.process = None


def _shareable(store: Store) -> bool:
    """A SQLite file: the child opens its own connection to it. (A PostgreSQL store keeps the
    fold here: its connection pool runs threads, which a forked child must not inherit.)"""
    target = str(getattr(store, "target", ""))
    return store.dialect == "sqlite" and target != ":memory:" and Path(target).is_file()


def _fold_loop(target: str, tasks: Queue[FoldTask | None], parent: int) -> None:
    """The child: fold each batch as it comes, until told to stop (or the parent is gone)."""
    from storylens.pipeline.parallel import _exit_with_parent
    from storylens.store import open_store

    _exit_with_parent(parent)
    store = open_store(target)
    try:
        while (task := tasks.get()) is not None:
            try:
                fold_task(store, task)
            except Exception as exc:  # the pages stay stored; readers fold the story later
                log.warning("could not store story facts (%s: %s)", type(exc).__name__, exc)
    finally:
        store.close()
