"""The main job end to end: pages -> articles -> store -> stories.

The CLI and the web app both call :func:`ingest_items`, so both ingest the same way: each page
is stored together with its story assignment in one transaction, so a failure part-way leaves
every earlier page intact and no page half-stored.
"""

from __future__ import annotations

from collections import defaultdict, deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from storylens.extract import extract_pages
from storylens.models import Article, Assignment, InputProblem, Page
from storylens.store import Store

if TYPE_CHECKING:
    from storylens.config import StorySettings
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
    settings: StorySettings | None = None,
) -> IngestReport:
    """Extract, store and assign each page; problems are collected, never raised.
    ``settings`` overrides the story settings (benchmarks measure other thresholds)."""
    from storylens.stories import StoryEngine

    engine = StoryEngine(store=store, settings=settings)
    report = IngestReport()
    pages: dict[str, deque[Page]] = defaultdict(deque)

    def remember(stream: Iterable[Page | InputProblem]) -> Iterable[Page | InputProblem]:
        for item in stream:
            if isinstance(item, Page):
                pages[item.origin].append(item)
            yield item

    for result in extract_pages(remember(items)):
        if isinstance(result, InputProblem):
            if pages.get(result.origin):
                pages[result.origin].popleft()  # the page whose extraction failed
            report.problems.append(result)
            event: IngestOutcome | InputProblem = result
        else:
            event = _store_safely(store, engine, pages[result.origin].popleft(), result)
            if isinstance(event, InputProblem):
                report.problems.append(event)
            else:
                report.outcomes.append(event)
        if on_item is not None:
            on_item(event)
    return report


def _store_safely(
    store: Store, engine: StoryEngine, page: Page, article: Article
) -> IngestOutcome | InputProblem:
    """A failure while storing one page rolls back that page only and is reported."""
    try:
        return _store_one(store, engine, page, article)
    except Exception as exc:
        return InputProblem(page.origin, f"could not store ({type(exc).__name__}: {exc})")


def _store_one(store: Store, engine: StoryEngine, page: Page, article: Article) -> IngestOutcome:
    """Store one article and its story assignment atomically."""
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
        assignment: Assignment = engine.add(article)
    return IngestOutcome(
        page.origin,
        article.id,
        added=True,
        duplicate_of=assignment.duplicate_of,
        story_id=assignment.story_id,
        note=assignment.note,
    )
