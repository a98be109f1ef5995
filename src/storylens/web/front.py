"""The front page's data: ranked stories, their summaries at a glance, and their coverage.

Summaries come from a story's comparison, which can take seconds for a big story, so the page
never computes one while a reader waits: it shows stored summaries and hands missing ones to one
background thread (``GlanceWorker``); the next load shows them. Opening a story stores its
summary too, since the story page computes the comparison anyway.
"""

from __future__ import annotations

import queue
import threading
from dataclasses import asdict, dataclass, field
from typing import Any

from storylens.compare.summary import glance, story_facts
from storylens.store.base import Store
from storylens.store.coverage import (
    MIN_OUTLETS,
    USUAL_SHARE,
    Bar,
    coverage_bars,
    not_covered_by,
    usual_outlets,
)
from storylens.store.glance import articles_key, load_glances, save_glance
from storylens.store.outlets import OutletMatcher, load_outlets, registry_columns
from storylens.store.ranking import RankedStory, StoryFilters, check_filters, rank_stories

STORIES_PER_PAGE = 20
MAX_GLANCE_ARTICLES = 200
"""Stories bigger than this get no summary on the front page (their page still compares)."""


@dataclass
class Card:
    """One story on the front page."""

    story: RankedStory
    glance: dict[str, Any] | None
    pending: bool
    bars: list[Bar] = field(default_factory=list)
    not_covered: list[str] = field(default_factory=list)

    @property
    def more_outlets(self) -> int:
        return max(len(self.story.outlets) - 8, 0)


@dataclass
class FrontPage:
    cards: list[Card]
    total: int
    filters: StoryFilters
    page: int
    by: str | None
    columns: list[str]
    languages: list[str]
    outlet_names: list[str]
    registered: int
    usual: list[str]
    problems: list[str] = field(default_factory=list)
    missing: list[tuple[str, list[str]]] = field(default_factory=list)
    """Stories whose summary is not stored yet: (story id, article ids)."""
    min_outlets: int = MIN_OUTLETS
    usual_share: float = USUAL_SHARE

    @property
    def has_next(self) -> bool:
        return self.page * STORIES_PER_PAGE < self.total

    @property
    def first_rank(self) -> int:
        return (self.page - 1) * STORIES_PER_PAGE + 1


def _unknown_column(by: str | None, columns: list[str]) -> list[str]:
    """A ``by`` that names no registry column is said, not silently replaced."""
    if not by or by in columns:
        return []
    if not columns:
        return [f"by: {by!r}: no outlet registry is imported, so coverage is not grouped"]
    shown = ", ".join(columns)
    return [f"by: {by!r} is not a registry column ({shown}); coverage by {columns[0]} is shown"]


def front_page(
    store: Store, filters: StoryFilters, *, page: int, by: str | None, worker: GlanceWorker | None
) -> FrontPage:
    """Everything the front page shows; missing summaries go to ``worker`` (or pass None and
    hand ``missing`` to it once the response is sent, so the page never shares the CPU with
    the first summaries)."""
    offset = (page - 1) * STORIES_PER_PAGE
    ranked, total = rank_stories(store, filters, limit=STORIES_PER_PAGE, offset=offset)
    keys = {s.id: articles_key([m.article_id for m in s.members]) for s in ranked}
    stored = load_glances(store, keys)
    registry = load_outlets(store)
    columns = registry_columns(registry)
    column = by if by in columns else (columns[0] if columns else None)
    matcher = OutletMatcher(registry) if registry else None
    usual = usual_outlets(store, matcher) if matcher and ranked else []
    cards, missing = [], []
    for story in ranked:
        summary = stored.get(story.id)
        wanted = summary is None and 2 <= story.articles <= MAX_GLANCE_ARTICLES
        if wanted:
            missing.append((story.id, [m.article_id for m in story.members]))
        cards.append(_card(story, summary, wanted, matcher, column, usual))
    view = FrontPage(
        cards=cards,
        total=total,
        filters=filters,
        page=page,
        by=column,
        columns=columns,
        languages=_languages(store),
        outlet_names=_outlet_names(store),
        registered=len(registry),
        usual=usual,
        problems=check_filters(filters) + _unknown_column(by, columns),
        missing=missing,
    )
    if worker is not None:
        worker.request_many(missing)
    return view


def glance_worker(request: Any) -> GlanceWorker:
    """The app's one background summariser, started on first use."""
    state = request.app.state
    if getattr(state, "glance_worker", None) is None:
        state.glance_worker = GlanceWorker(state.ctx.db_path)
    return state.glance_worker


RANKING_RULE = ("weight = (outlets + articles / 4) x 0.5 ** (days quiet before the newest story "
                "in view / 2)")  # fmt: skip


def front_dict(view: FrontPage) -> dict[str, Any]:
    """The front page as JSON: the same stories, summaries and coverage the page shows."""
    return {
        "total": view.total,
        "page": view.page,
        "next_page": view.page + 1 if view.has_next else None,
        "ranking": RANKING_RULE,
        "coverage_by": view.by,
        "problems": view.problems,
        "stories": [_card_dict(card) for card in view.cards],
    }


def _card_dict(card: Card) -> dict[str, Any]:
    return {
        **card.story.to_dict(),
        "summary": card.glance,
        "summary_pending": card.pending,
        "coverage": [asdict(b) for b in card.bars],
        "not_covered_by": card.not_covered,
    }


def _card(
    story: RankedStory,
    summary: dict[str, Any] | None,
    pending: bool,
    matcher: OutletMatcher | None,
    column: str | None,
    usual: list[str],
) -> Card:
    card = Card(story=story, glance=summary, pending=pending)
    if matcher is not None and column is not None:
        pairs = [(m.outlet, m.url) for m in story.members]
        card.bars = coverage_bars(pairs, matcher, column)
        if len(story.outlets) >= MIN_OUTLETS:
            card.not_covered = not_covered_by(pairs, matcher, usual)
    return card


def _languages(store: Store) -> list[str]:
    rows = store.conn.execute(
        "SELECT DISTINCT language FROM articles WHERE language IS NOT NULL LIMIT 60"
    ).fetchall()
    return sorted({r[0] for r in rows if r[0]})


def _outlet_names(store: Store) -> list[str]:
    rows = store.conn.execute(
        "SELECT DISTINCT site FROM articles WHERE site IS NOT NULL LIMIT 500"
    ).fetchall()
    return sorted({r[0] for r in rows if r[0]}, key=str.casefold)


class GlanceWorker:
    """One background thread computing missing summaries, one story at a time, each once."""

    def __init__(self, db_path: Any) -> None:
        self.db_path = db_path
        self._queue: queue.Queue[Any] = queue.Queue()
        self._queued: set[tuple[str, str]] = set()
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None

    def request(self, story_id: str, article_ids: list[str]) -> None:
        key = (story_id, articles_key(article_ids))
        with self._lock:
            if key in self._queued:
                return
            self._queued.add(key)
        self._start()
        self._queue.put((story_id, article_ids, None))

    def request_many(self, stories: list[tuple[str, list[str]]]) -> None:
        for story_id, article_ids in stories:
            self.request(story_id, article_ids)

    def keep(self, story_id: str, articles: list[Any], comparison: Any) -> None:
        """Store the summary of a comparison a story page has just computed (in the background,
        so a page never waits on a store another process is writing to)."""
        ids = [a.id for a in articles]
        key = (story_id, articles_key(ids))
        with self._lock:
            if key in self._queued:
                return
            self._queued.add(key)
        summary = glance(story_facts(story_id, articles, comparison))
        self._start()
        self._queue.put((story_id, ids, summary))

    def _start(self) -> None:
        with self._lock:
            if self._thread is None:
                self._thread = threading.Thread(
                    target=self._run, name="storylens-glance", daemon=True
                )
                self._thread.start()

    def wait_idle(self, timeout: float = 60.0) -> bool:
        """Block until every requested summary is stored (for tests and benchmarks)."""
        if self._thread is None:
            return True
        done = threading.Event()
        self._queue.put(done)  # seen by the thread once everything queued before it is done
        return done.wait(timeout)

    def _run(self) -> None:
        with Store(self.db_path) as store:
            while True:
                item = self._queue.get()
                if isinstance(item, threading.Event):
                    item.set()
                    continue
                story_id, article_ids, summary = item
                try:
                    if summary is None:
                        articles = store.get_articles(article_ids)
                        summary = glance(story_facts(story_id, articles, store=store))
                    save_glance(store, story_id, articles_key(article_ids), summary)
                except Exception:  # a failed summary leaves the card without one; never fatal
                    continue
