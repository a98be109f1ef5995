"""Read-only views of stored stories for the CLI, the web API and comparison."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from storylens.models import Assignment

if TYPE_CHECKING:
    from storylens.store import Store
    from storylens.stories.storyline_storage import StorylineDetail, StorylineSummary


@dataclass(frozen=True)
class StorySummary:
    """One line of the story list: times are ISO 8601 publication times of its dated articles
    (None when no article of the story had a date: never the time it was ingested)."""

    id: str
    title: str
    articles: int
    outlets: list[str]
    first_seen: str | None
    last_seen: str | None
    lead: str


@dataclass(frozen=True)
class StoryDetail(StorySummary):
    """A story with its articles in publication (then arrival) order."""

    article_ids: list[str] = field(default_factory=list)
    assignments: list[Assignment] = field(default_factory=list)
    article_titles: list[str] = field(default_factory=list)
    merged_from: list[str] = field(default_factory=list)
    """Ids of stories merged into this one (they still resolve here)."""
    storyline: str | None = None
    """The storyline this event belongs to (``storylens storylines ID``)."""


def list_stories(
    store: Store, *, limit: int = 50, offset: int = 0, query: str | None = None
) -> list[StorySummary]:
    """Stories, newest activity first; ``query`` matches the headline, lead or an
    article title (case-insensitive)."""
    from storylens.stories.storage import query_stories

    return query_stories(store, limit=limit, offset=offset, query=query)


def get_story(store: Store, story_id: str) -> StoryDetail | None:
    """One story by id (a merged story's id resolves to the story it joined), or None."""
    from storylens.stories.storage import query_story

    return query_story(store, story_id)


def list_storylines(
    store: Store, *, limit: int = 50, offset: int = 0, min_events: int = 1
) -> list[StorylineSummary]:
    """Storylines, latest activity first; ``min_events=2`` keeps those that developed."""
    from storylens.stories.storyline_storage import query_storylines

    return query_storylines(store, limit=limit, offset=offset, min_events=min_events)


def get_storyline(store: Store, line_id: str) -> StorylineDetail | None:
    """One storyline with its events as a timeline (merged ids resolve), or None."""
    from storylens.stories.storyline_storage import query_storyline

    return query_storyline(store, line_id)
