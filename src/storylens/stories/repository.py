"""Where the story engine keeps what must outlive one run.

The engine works on in-memory state (active stories, postings, signatures, document frequencies)
and writes every change through a repository. :class:`MemoryRepository` keeps it in dicts for
batch runs without a store; ``storylens.stories.storage.StoreStoryRepository`` keeps it in the
store so
a restarted process picks up the active window without re-reading any article.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Protocol

from storylens.models import Assignment
from storylens.stories.index import ActiveStory, Member


@dataclass(frozen=True)
class ArticleRecord:
    """What the engine persists per article besides its assignment."""

    assignment: Assignment
    when: float
    published: str | None
    title: str
    site: str | None
    terms: Sequence[str]
    signature: bytes | None


@dataclass(frozen=True)
class EngineMeta:
    n_docs: int = 0
    clock: float | None = None
    story_seq: int = 0


class StoryRepository(Protocol):
    def load_meta(self) -> EngineMeta: ...
    def load_df(self, terms: list[str]) -> dict[str, int]: ...
    def load_active(self, since: float | None) -> list[ActiveStory]: ...
    def load_signatures(
        self, since: float | None
    ) -> Iterable[tuple[str, bytes, float, int]]: ...
    def load_linkable(self) -> list[ActiveStory]: ...
    def assignment_of(self, article_id: str) -> Assignment | None: ...
    def merged_into(self, story_id: str) -> str | None: ...
    def record_article(self, record: ArticleRecord, meta: EngineMeta) -> None: ...
    def save_story(self, story: ActiveStory) -> None: ...
    def mark_merged(self, source: str, target: str) -> None: ...
    def move_articles(self, article_ids: Sequence[str], target: str) -> None: ...
    def add_member(self, story_id: str, article_id: str, member: Member) -> None: ...
    def drop_members(self, story_id: str) -> None: ...
    def retire(self, story_ids: Sequence[str], signature_ids: Sequence[str]) -> None: ...
    def retire_from_storylines(self, story_ids: Sequence[str]) -> None: ...
    def new_storyline(self, line_id: str, story_id: str) -> None: ...
    def merge_storylines(self, source: str, target: str) -> None: ...
    def storyline_of(self, story_id: str) -> str | None: ...
    def storyline_merged_into(self, line_id: str) -> str | None: ...


class MemoryRepository:
    """Repository for runs without a store: nothing to load, everything kept in dicts."""

    def __init__(self) -> None:
        self.assignments: dict[str, Assignment] = {}
        self.stories: dict[str, ActiveStory] = {}
        self.merges: dict[str, str] = {}
        self.line_merges: dict[str, str] = {}
        self.lines: dict[str, str] = {}

    def load_meta(self) -> EngineMeta:
        return EngineMeta()

    def load_df(self, terms: list[str]) -> dict[str, int]:
        return {}

    def load_active(self, since: float | None) -> list[ActiveStory]:
        return []

    def load_signatures(self, since: float | None) -> Iterable[tuple[str, bytes, float, int]]:
        return []

    def load_linkable(self) -> list[ActiveStory]:
        return []

    def assignment_of(self, article_id: str) -> Assignment | None:
        return self.assignments.get(article_id)

    def merged_into(self, story_id: str) -> str | None:
        return self.merges.get(story_id)

    def record_article(self, record: ArticleRecord, meta: EngineMeta) -> None:
        self.assignments[record.assignment.article_id] = record.assignment

    def save_story(self, story: ActiveStory) -> None:
        self.stories[story.id] = story
        if story.storyline is not None:
            self.lines[story.id] = story.storyline

    def mark_merged(self, source: str, target: str) -> None:
        self.merges[source] = target
        self.stories.pop(source, None)

    def move_articles(self, article_ids: Sequence[str], target: str) -> None:
        for article_id in article_ids:
            if (old := self.assignments.get(article_id)) is not None:
                self.assignments[article_id] = replace(old, story_id=target)

    def add_member(self, story_id: str, article_id: str, member: Member) -> None:
        return None

    def drop_members(self, story_id: str) -> None:
        return None

    def retire(self, story_ids: Sequence[str], signature_ids: Sequence[str]) -> None:
        return None

    def retire_from_storylines(self, story_ids: Sequence[str]) -> None:
        return None

    def new_storyline(self, line_id: str, story_id: str) -> None:
        return None

    def merge_storylines(self, source: str, target: str) -> None:
        self.line_merges[source] = target
        for story_id, line in self.lines.items():
            if line == source:
                self.lines[story_id] = target

    def storyline_of(self, story_id: str) -> str | None:
        return self.lines.get(story_id)

    def storyline_merged_into(self, line_id: str) -> str | None:
        return self.line_merges.get(line_id)
