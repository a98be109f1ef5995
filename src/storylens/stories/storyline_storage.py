"""Storyline tables and queries: which storyline each event belongs to, and the listings.

An event's storyline lives in ``story_state.storyline`` (``stories/storage.py``); this module keeps
the storyline ids themselves (created when, merged into which) so an id given out once keeps
resolving after merges, and answers the storyline listings from the story tables.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from storylens.stories.checks import iso_from_days

if TYPE_CHECKING:
    from storylens.store import Store

STORYLINE_SCHEMA = """
CREATE TABLE IF NOT EXISTS storylines (
    id TEXT PRIMARY KEY,
    first_story TEXT NOT NULL,
    created_at TEXT NOT NULL,
    merged_into TEXT
);
CREATE INDEX IF NOT EXISTS storylines_merged ON storylines(merged_into);
"""


@dataclass(frozen=True)
class StorylineEvent:
    """One event of a storyline, as the timeline shows it."""

    story_id: str
    title: str
    articles: int
    outlets: list[str]
    first_seen: str | None
    last_seen: str | None
    lead: str


@dataclass(frozen=True)
class StorylineSummary:
    """A storyline: its events' count and articles, and the dated span they cover."""

    id: str
    title: str
    events: int
    articles: int
    outlets: list[str]
    first_seen: str | None
    last_seen: str | None


@dataclass(frozen=True)
class StorylineDetail(StorylineSummary):
    """A storyline with its events in time order (undated events last)."""

    timeline: list[StorylineEvent] = field(default_factory=list)
    merged_from: list[str] = field(default_factory=list)


def insert_storyline(store: Store, line_id: str, story_id: str) -> None:
    with store.transaction() as conn:
        conn.execute(
            "INSERT INTO storylines (id, first_story, created_at) VALUES (?, ?, ?) "
            "ON CONFLICT (id) DO NOTHING",
            (line_id, story_id, datetime.now(UTC).isoformat(timespec="seconds")),
        )


def merge_storyline_rows(store: Store, source: str, target: str) -> None:
    """Point ``source`` (and what pointed at it) at ``target``; relabel its events."""
    with store.transaction() as conn:
        conn.execute("UPDATE storylines SET merged_into = ? WHERE id = ?", (target, source))
        conn.execute(
            "UPDATE storylines SET merged_into = ? WHERE merged_into = ?", (target, source)
        )
        conn.execute("UPDATE story_state SET storyline = ? WHERE storyline = ?", (target, source))


def storyline_target(store: Store, line_id: str) -> str | None:
    row = store.conn.execute(
        "SELECT merged_into FROM storylines WHERE id = ?", (line_id,)
    ).fetchone()
    return row[0] if row else None


def resolve_storyline(store: Store, line_id: str) -> str | None:
    """The storyline an id stands for now (merged ids resolve), None when unknown."""
    _ensure(store)
    seen: set[str] = set()
    while line_id not in seen:
        seen.add(line_id)
        row = store.conn.execute(
            "SELECT merged_into FROM storylines WHERE id = ?", (line_id,)
        ).fetchone()
        if row is None:
            return None
        if row[0] is None:
            return line_id
        line_id = row[0]
    return None


def storyline_of_story(store: Store, story_id: str) -> str | None:
    """The storyline of a (surviving) story id."""
    _ensure(store)
    row = store.conn.execute(
        "SELECT storyline FROM story_state WHERE story_id = ?", (story_id,)
    ).fetchone()
    return resolve_storyline(store, row[0]) if row and row[0] else None


def query_storylines(
    store: Store, *, limit: int = 50, offset: int = 0, min_events: int = 1
) -> list[StorylineSummary]:
    """Storylines, latest dated activity first (then most articles)."""
    _ensure(store)
    rows = store.conn.execute(
        "SELECT t.storyline AS id, COUNT(*) AS events, SUM(s.size) AS articles, "
        "MIN(s.dated_first) AS first_date, MAX(s.dated_last) AS last_date, "
        "MAX(s.last_seen) AS seen "
        "FROM story_state t JOIN stories s ON s.id = t.story_id "
        "WHERE s.merged_into IS NULL AND t.storyline IS NOT NULL "
        "GROUP BY t.storyline HAVING COUNT(*) >= ? "
        "ORDER BY seen DESC, articles DESC, id LIMIT ? OFFSET ?",
        (min_events, limit, offset),
    ).fetchall()
    return [_summary(store, row["id"], _events(store, row["id"])) for row in rows]


def query_storyline(store: Store, line_id: str) -> StorylineDetail | None:
    """One storyline by id (merged ids resolve) with its events as a timeline."""
    resolved = resolve_storyline(store, line_id)
    if resolved is None:
        return None
    events = _events(store, resolved)
    merged = store.conn.execute(
        "SELECT id FROM storylines WHERE merged_into = ? ORDER BY id", (resolved,)
    ).fetchall()
    summary = _summary(store, resolved, events)
    return StorylineDetail(**summary.__dict__, timeline=events, merged_from=[m[0] for m in merged])


def _events(store: Store, line_id: str) -> list[StorylineEvent]:
    rows = store.conn.execute(
        "SELECT s.* FROM story_state t JOIN stories s ON s.id = t.story_id "
        "WHERE t.storyline = ? AND s.merged_into IS NULL "
        "ORDER BY CASE WHEN s.dated_first IS NULL THEN 1 ELSE 0 END, s.dated_first, t.seq",
        (line_id,),
    ).fetchall()
    return [
        StorylineEvent(
            story_id=row["id"],
            title=row["title"],
            articles=row["size"],
            outlets=json.loads(row["outlets"]),
            first_seen=iso_from_days(row["dated_first"]),
            last_seen=iso_from_days(row["dated_last"]),
            lead=row["lead"],
        )
        for row in rows
    ]


def _summary(store: Store, line_id: str, events: list[StorylineEvent]) -> StorylineSummary:
    """Title: the headline of the storyline's largest event (the earliest on a tie)."""
    main = max(events, key=lambda e: e.articles) if events else None
    outlets = sorted({o for e in events for o in e.outlets})
    firsts = [e.first_seen for e in events if e.first_seen]
    lasts = [e.last_seen for e in events if e.last_seen]
    return StorylineSummary(
        id=line_id,
        title=main.title if main else "",
        events=len(events),
        articles=sum(e.articles for e in events),
        outlets=outlets,
        first_seen=min(firsts) if firsts else None,
        last_seen=max(lasts) if lasts else None,
    )


def _ensure(store: Store) -> None:
    from storylens.stories.storage import STORY_SCHEMA

    store.ensure_schema(STORY_SCHEMA)
    store.ensure_schema(STORYLINE_SCHEMA)
