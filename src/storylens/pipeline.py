"""The main job end to end: pages -> articles -> store -> stories.

The CLI and the web app both call :func:`ingest_items`, so both ingest the same way: each page
is stored together with its story assignment in one transaction, so a failure part-way leaves
every earlier page intact and no page half-stored.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from storylens.models import Assignment, Extracted, InputProblem, Page
from storylens.store import Store

if TYPE_CHECKING:
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


@dataclass
class IngestReport:
    outcomes: list[IngestOutcome] = field(default_factory=list)
    problems: list[InputProblem] = field(default_factory=list)

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
            "articles": [o.__dict__ for o in self.outcomes],
        }


def ingest_items(
    store: Store,
    items: Iterable[Page | InputProblem],
    *,
    on_item: Callable[[IngestOutcome | InputProblem], None] | None = None,
    workers: int | None = 1,
) -> IngestReport:
    """Extract (in ``workers`` processes, None: all cores), store and assign each page in input
    order; problems are collected, never raised."""
    from storylens.scale.parallel import extract_parallel

    extracted = extract_parallel(items, workers=workers)
    return store_extracted(store, extracted, on_item=on_item)


def store_extracted(
    store: Store,
    items: Iterable[Extracted | InputProblem],
    *,
    on_item: Callable[[IngestOutcome | InputProblem], None] | None = None,
) -> IngestReport:
    """Store and assign already-extracted pages in the order given (one assigner, so stories
    are the same whether extraction ran here, in worker processes or on a Dask cluster)."""
    from storylens.stories import StoryEngine

    engine = StoryEngine(store=store)
    report = IngestReport()
    for item in items:
        event: IngestOutcome | InputProblem
        event = item if isinstance(item, InputProblem) else _store_safely(store, engine, item)
        if isinstance(event, InputProblem):
            report.problems.append(event)
        else:
            report.outcomes.append(event)
        if on_item is not None:
            on_item(event)
    return report


def _store_safely(
    store: Store, engine: StoryEngine, item: Extracted
) -> IngestOutcome | InputProblem:
    """A failure while storing one page rolls back that page only and is reported."""
    try:
        return _store_one(store, engine, item)
    except Exception as exc:
        return InputProblem(item.page.origin, f"could not store ({type(exc).__name__}: {exc})")


def _store_one(store: Store, engine: StoryEngine, item: Extracted) -> IngestOutcome:
    """Store one article and its story assignment atomically."""
    page, article = item.page, item.article
    with store.transaction():
        added = store.add(page, article)
        if not added.added:
            return IngestOutcome(
                page.origin,
                added.article_id,
                added=False,
                duplicate_of=added.duplicate_of,
                note="already stored (same content)",
            )
        if added.article_id != article.id:
            article.id = added.article_id
        assignment: Assignment = engine.add(article, **_known_signature(item))
    return IngestOutcome(
        page.origin,
        article.id,
        added=True,
        duplicate_of=assignment.duplicate_of,
        story_id=assignment.story_id,
        note=assignment.note,
    )


def _known_signature(item: Extracted) -> dict[str, object]:
    """The MinHash computed where the page was extracted, if it was."""
    if not item.signed:
        return {}
    from storylens.stories.duplicates import signature_from_bytes

    return {"minhash": signature_from_bytes(item.signature) if item.signature else None}
