"""The main job end to end: pages -> articles -> store -> stories.

The CLI and the web app both call :func:`ingest_items`, so both ingest the same way: extraction
runs outside any lock; then a small batch of pages is stored and assigned under the store's
writer lock, each page in its own savepoint, so a failure part-way leaves every other page intact
and no page half-stored.

Several processes may ingest into one store at once (SQLite or PostgreSQL). Story assignment
reads and updates state shared by the whole store, so it is serialised by the store-wide writer
lock, and a writer that finds (under the lock) that another one changed the story state since it
last looked reloads its engine from the store before assigning: the stories come out as one
process assigning the pages in the order the writers took the lock. The lock is held per batch
(``SETTINGS.store.assign_batch`` pages), not per page, so the reload is paid once per batch.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from storylens.config import SETTINGS
from storylens.extract import no_article_reason
from storylens.models import Article, Assignment, Extracted, InputProblem, Page
from storylens.store import Store

if TYPE_CHECKING:
    from storylens.config import StorySettings
    from storylens.pipeline.folding import Folder, FoldTask
    from storylens.stories import StoryEngine


@dataclass(frozen=True)
class IngestOutcome:
    """What happened to one page."""

    origin: str
    article_id: str
    added: bool
    duplicate_of: str | None = None
    story_id: str | None = None
    note: str | None = None
    title: str | None = None
    published: str | None = None
    """Publication time: given with the page, else read from it; ``None`` when unknown (never
    the time of ingest)."""
    byline: str | None = None
    site: str | None = None


@dataclass
class IngestReport:
    outcomes: list[IngestOutcome] = field(default_factory=list)
    problems: list[InputProblem] = field(default_factory=list)
    skipped: list[InputProblem] = field(default_factory=list)
    """Pages that hold no article (only navigation, a cookie notice...): not stored."""

    @property
    def added(self) -> int:
        return sum(1 for o in self.outcomes if o.added)

    @property
    def unchanged(self) -> int:
        return sum(1 for o in self.outcomes if not o.added)

    def to_dict(self) -> dict[str, object]:
        return {
            "added": self.added,
            "unchanged": self.unchanged,
            "problems": [{"input": p.origin, "error": p.message} for p in self.problems],
            "skipped": [{"input": p.origin, "error": p.message} for p in self.skipped],
            "articles": [o.__dict__ for o in self.outcomes],
        }


def ingest_items(
    store: Store,
    items: Iterable[Page | InputProblem],
    *,
    on_item: Callable[[IngestOutcome | InputProblem], None] | None = None,
    batch_size: int | None = None,
    workers: int | None = 1,
    settings: StorySettings | None = None,
) -> IngestReport:
    """Extract (in ``workers`` processes, None: all cores), store and assign each page in input
    order; problems are collected, never raised. ``settings`` overrides the story settings
    (benchmarks measure other thresholds). The near-duplicate signature, the facts fold's
    preparation and the story engine's reading of each article are computed beside its
    extraction, off the one assigner."""
    from storylens.pipeline.folding import Folder
    from storylens.pipeline.parallel import extract_parallel

    folder = Folder(store)
    extracted = extract_parallel(
        items, workers=workers, sign=True, facts=SETTINGS.store.fold_facts, read=True,
        before_pool=folder.start,
    )  # fmt: skip
    try:
        return store_extracted(
            store, extracted, on_item=on_item, batch_size=batch_size, settings=settings,
            folder=folder,
        )  # fmt: skip
    finally:
        folder.close()


@contextmanager
def batch_collection() -> Iterator[None]:
    """Collect garbage less often while a long batch (``storylens ingest``) runs in this
    process and the workers it forks: :data:`~storylens.config.StoreSettings.ingest_gc_threshold`.
    Collection is only deferred, never skipped; the thresholds are restored afterwards."""
    before = gc.get_threshold()
    gc.set_threshold(*SETTINGS.store.ingest_gc_threshold)
    try:
        yield
    finally:
        gc.set_threshold(*before)


def store_extracted(
    store: Store,
    items: Iterable[Extracted | InputProblem],
    *,
    on_item: Callable[[IngestOutcome | InputProblem], None] | None = None,
    batch_size: int | None = None,
    settings: StorySettings | None = None,
    folder: Folder | None = None,
) -> IngestReport:
    """Store and assign already-extracted pages in the order given (one assigner, so stories
    are the same whether extraction ran here, in worker processes or on a Dask cluster). The
    facts fold runs here, or in ``folder``'s process once it started (the same facts)."""
    assigner = Assigner(store, settings)
    report = IngestReport()
    size = batch_size or SETTINGS.store.assign_batch
    batch: list[Extracted | InputProblem] = []

    def flush() -> None:
        for event in _store_batch(store, assigner, batch, folder):
            if isinstance(event, InputProblem):
                (report.skipped if event.skipped else report.problems).append(event)
            else:
                report.outcomes.append(event)
            if on_item is not None:
                on_item(event)
        batch.clear()

    for item in items:
        batch.append(item)
        if len(batch) >= size:
            flush()
    flush()
    return report


class Assigner:
    """The story engine of one writer, reloaded when another writer changed the story state.

    Call :meth:`sync` first in each store transaction (the writer lock), then :meth:`engine`
    for each page and :meth:`changed` once if anything was assigned.
    """

    def __init__(self, store: Store, settings: StorySettings | None = None) -> None:
        self.store = store
        self.settings = settings
        self._engine: StoryEngine | None = None
        self._version: int | None = None
        self.reloads = 0

    def sync(self) -> None:
        """Under the writer lock: drop the engine if another writer changed the story state
        since this one last looked (nobody else can change it until the lock is released)."""
        version = self.store.state_version()
        if version != self._version:
            self._engine = None
        self._version = version

    def engine(self) -> StoryEngine:
        """The engine, loaded from the store when there is none current."""
        from storylens.stories import StoryEngine

        if self._engine is None:
            self._engine = StoryEngine(store=self.store, settings=self.settings)
            self.reloads += 1
        return self._engine

    def changed(self) -> None:
        """This writer changed the story state: count it, so other writers reload."""
        self._version = self.store.bump_state_version()

    def forget(self) -> None:
        """The in-memory engine may be half-updated (a page failed): reload before next use."""
        self._engine = None


def _store_batch(
    store: Store,
    assigner: Assigner,
    batch: list[Extracted | InputProblem],
    folder: Folder | None = None,
) -> list[IngestOutcome | InputProblem]:
    """Store and assign a batch under one hold of the writer lock, page by page; then fold
    the new articles into their stories' facts (here, in the same transaction, or in the
    folder's process once the batch committed)."""
    pending = [item for item in batch if not isinstance(item, InputProblem)]
    if not pending:
        return list(batch)  # type: ignore[arg-type]
    events: list[IngestOutcome | InputProblem] = []
    task: FoldTask | None = None
    child = folder.process if folder is not None else None
    try:
        with store.transaction():
            assigner.sync()
            added: dict[str, Extracted] = {}
            for item in batch:
                if isinstance(item, InputProblem):
                    events.append(item)
                    continue
                if (reason := no_article_reason(item.article)) is not None:
                    events.append(_no_article(item.article, reason))
                    continue
                event = _store_safely(store, assigner, item)
                if isinstance(event, IngestOutcome) and event.added:
                    added[event.article_id] = item
                events.append(event)
            if added:
                assigner.changed()
                if child is None:
                    _fold_facts(store, events, added)
                else:
                    task = _fold_task(store, events, added)
    except Exception as exc:  # the batch did not commit: every page in it is reported
        assigner.forget()
        message = f"could not store ({type(exc).__name__}: {exc})"
        return [
            item if isinstance(item, InputProblem) else InputProblem(item.page.origin, message)
            for item in batch
        ]
    if task is not None and folder is not None:
        folder.fold(task)
    return events


def _fold_task(
    store: Store, events: list[IngestOutcome | InputProblem], added: dict[str, Extracted]
) -> FoldTask | None:
    """What :func:`_fold_facts` would fold, for the folder's process: the batch's stories as
    they stand in this transaction, and its new articles with their prepared facts."""
    if not SETTINGS.store.fold_facts:
        return None
    from storylens.pipeline.folding import FoldTask
    from storylens.stories import get_story

    task = FoldTask(known={aid: (item.article, item.facts) for aid, item in added.items()})
    story_ids = [e.story_id for e in events if isinstance(e, IngestOutcome) and e.added]
    for story_id in dict.fromkeys(s for s in story_ids if s):
        story = get_story(store, story_id)
        if story is not None:
            gone = tuple(sorted({story_id, *story.merged_from} - {story.id}))
            task.stories.append((story.id, gone, list(story.article_ids)))
    return task


def _no_article(article: Article, reason: str) -> InputProblem:
    """A page without an article is reported with extraction's reason, not stored."""
    return InputProblem(article.origin, f"no article found ({reason}); not stored", skipped=True)


def _fold_facts(
    store: Store, events: list[IngestOutcome | InputProblem], added: dict[str, Extracted]
) -> None:
    """Fold the batch's new articles into their stories' stored facts, in a savepoint of the
    batch's transaction: the facts commit with the stories, and a failure here leaves the
    pages stored (the first reader of the story folds them instead). ``added`` (article id ->
    what was stored) hands the fold the articles and their facts prepared at extraction."""
    from storylens.compare.storage import fold_story, forget_story

    try:
        task = _fold_task(store, events, added)
        if task is None:
            return
        with store.savepoint():
            for story_id, gone, article_ids in task.stories:
                for other in gone:
                    forget_story(store, other)
                fold_story(store, story_id, article_ids, task.known)
    except Exception as exc:  # the pages stay stored; readers fold the story later
        import logging

        logging.getLogger(__name__).warning("could not store story facts (%s: %s)",
                                            type(exc).__name__, exc)


def _store_safely(
    store: Store, assigner: Assigner, item: Extracted
) -> IngestOutcome | InputProblem:
    """A failure while storing one page rolls back that page only and is reported."""
    try:
        with store.savepoint():
            return _store_one(store, assigner.engine(), item)
    except Exception as exc:
        assigner.forget()
        return InputProblem(item.page.origin, f"could not store ({type(exc).__name__}: {exc})")


def _store_one(store: Store, engine: StoryEngine, item: Extracted) -> IngestOutcome:
    """Store one article and its story assignment (inside the caller's transaction)."""
    page, article = item.page, item.article
    added = store.add(page, article)
    if not added.added:  # the stored article, in the story it is in now
        return IngestOutcome(
            page.origin,
            added.article_id,
            added=False,
            duplicate_of=None if _is_itself(added.article_id, page) else added.article_id,
            story_id=engine.story_of(added.article_id),
            note="already stored (same content)",
            **_article_metadata(article),
        )
    if added.article_id != article.id:
        article.id = added.article_id
    assignment: Assignment = engine.add(
        article, reading=item.reading, **_known_signature(item)  # type: ignore[arg-type]
    )
    return IngestOutcome(
        page.origin,
        article.id,
        added=True,
        duplicate_of=assignment.duplicate_of,
        story_id=assignment.story_id,
        note=assignment.note,
        **_article_metadata(article),
    )


def _is_itself(stored_id: str, page: Page) -> bool:
    """The stored article with this content is this very input read again (its id, or the id
    ``Store.free_id`` gave it), not another input that carries the same text."""
    return stored_id in (page.id, f"{page.id}~{page.content_hash[:8]}")


def _article_metadata(article: Article) -> dict[str, str | None]:
    """What was read about the page, for the caller's report (``ingest --json``)."""
    return {
        "title": article.title or None,
        "published": article.published,
        "byline": article.byline,
        "site": article.site,
    }


def _known_signature(item: Extracted) -> dict[str, object]:
    """The MinHash computed where the page was extracted, if it was."""
    if not item.signed:
        return {}
    from storylens.stories.duplicates import signature_from_bytes

    return {"minhash": signature_from_bytes(item.signature) if item.signature else None}
