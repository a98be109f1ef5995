"""Pydantic models of the JSON API: they validate requests and document responses in OpenAPI."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field


class ErrorOut(BaseModel):
    """Every error of the API has this shape."""

    error: str = Field(description="What went wrong, in plain words.")
    status: int
    details: Any | None = Field(None, description="Per-field or per-file problems, if any.")


class StoryOut(BaseModel):
    id: str
    title: str
    articles: int = Field(description="Number of articles in the story.")
    outlets: list[str]
    first_seen: str | None = Field(description="ISO 8601; publication time when known.")
    last_seen: str | None
    lead: str


class StoryListOut(BaseModel):
    stories: list[StoryOut]
    q: str | None
    limit: int
    offset: int
    next_offset: int | None = Field(description="Offset of the next page, null on the last.")


class AssignmentOut(BaseModel):
    article_id: str
    story_id: str
    duplicate_of: str | None
    similarity: float
    note: str | None


class StoryDetailOut(StoryOut):
    article_ids: list[str]
    article_titles: list[str]
    assignments: list[AssignmentOut]
    merged_from: list[str]
    comparison: dict[str, Any] | None = Field(
        description="How the articles relate (null for a one-article story): facts (paged "
        "with facts_limit/facts_offset; each with its reports per article: same, partial with "
        "added/dropped words, or conflict), conflicts, coverage per article (facts, only-here, "
        "copied_from), quotes grouped by utterance, notes. Offsets are [start, end) into each "
        "article's body."
    )


class RemovedOut(BaseModel):
    text: str
    reason: str


class ArticleOut(BaseModel):
    id: str
    origin: str
    title: str
    body: str
    published: str | None
    byline: str | None
    site: str | None
    url: str | None
    language: str | None
    content_hash: str
    removed: list[RemovedOut] = Field(description="What extraction dropped, and why.")
    story_id: str | None


class ProblemOut(BaseModel):
    input: str
    error: str


class IngestedOut(BaseModel):
    origin: str
    article_id: str
    added: bool
    duplicate_of: str | None
    story_id: str | None
    note: str | None


class IngestOut(BaseModel):
    added: int
    unchanged: int
    problems: list[ProblemOut]
    skipped: list[ProblemOut] = Field(
        default_factory=list, description="Pages read but holding no article: not stored."
    )
    articles: list[IngestedOut]


class CompareIn(BaseModel):
    """Two texts to compare; offsets in the answer index these strings as given."""

    a: str = Field(description="First article text (its body).")
    b: str = Field(description="Second article text.")
    a_id: str = Field("a", max_length=200)
    b_id: str = Field("b", max_length=200)
