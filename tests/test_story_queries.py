"""The story views read by index, so their cost does not grow with the stories stored (issue 10).

At 1M stored articles (100,000 stories) one full pass over ``stories`` costs ~100 ms: the story
page's merged-from lookup did that on PostgreSQL before ``stories_merged``, and on SQLite every
story list sorted all stories before ``stories_live_recent``. SQLite's plan does not depend on
the data (no ANALYZE statistics), so a small store shows the plan a big one gets: every
statement the views issue is captured and its ``EXPLAIN QUERY PLAN`` checked.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from storylens.bench.history import HISTORY_STORY_SIZE, write_history
from storylens.bench.stories import synthetic_articles
from storylens.store import Store
from storylens.store.ranking import rank_stories
from storylens.stories import get_story, list_stories

STORY_TABLES = ("stories", "story_articles", "story_state")


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store(tmp_path / "stories.db") as opened:
        write_history(opened, synthetic_articles(30 * HISTORY_STORY_SIZE), 30 * HISTORY_STORY_SIZE)
    with Store(tmp_path / "stories.db", readonly=True) as reader:
        yield reader


@contextmanager
def captured(conn: sqlite3.Connection) -> Iterator[list[str]]:
    """The SQL the connection runs meanwhile, with its parameters filled in."""
    seen: list[str] = []
    conn.set_trace_callback(seen.append)
    try:
        yield seen
    finally:
        conn.set_trace_callback(None)


def full_passes(conn: sqlite3.Connection, statements: list[str]) -> list[str]:
    """Plan steps that read a whole story table, or sort every candidate row before taking a
    page of them (``LIMIT``), with their statement."""
    found = []
    for sql in statements:
        if not sql.lstrip().upper().startswith("SELECT") or not _reads_story_table(sql):
            continue
        paged = " LIMIT " in sql.upper()
        for step in (row[3] for row in conn.execute(f"EXPLAIN QUERY PLAN {sql}")):
            whole_table = step.startswith("SCAN ")  # in table or index order, all of it
            full_sort = paged and step == "USE TEMP B-TREE FOR ORDER BY"
            if whole_table or full_sort:
                found.append(f"{step}: {sql}")
    return found


def _reads_story_table(sql: str) -> bool:
    words = sql.replace(",", " ").split()
    return any(table in words for table in STORY_TABLES)


VIEWS: dict[str, Callable[[Store, str], object]] = {
    "story page (get_story)": lambda store, story_id: get_story(store, story_id),
    "story list (list_stories)": lambda store, _id: list_stories(store, limit=20),
    "front page (rank_stories)": lambda store, _id: rank_stories(store, limit=20),
}


@pytest.mark.parametrize("view", sorted(VIEWS))
def test_story_views_read_stories_by_index_not_by_a_full_pass(store: Store, view: str) -> None:
    conn = store.conn
    assert isinstance(conn, sqlite3.Connection)
    story_id = conn.execute("SELECT id FROM stories ORDER BY last_seen LIMIT 1").fetchone()[0]
    VIEWS[view](store, story_id)  # the first call creates nothing in a read-only store: warm up
    with captured(conn) as statements:
        shown = VIEWS[view](store, story_id)
    assert shown
    assert any(_reads_story_table(sql) for sql in statements)
    assert full_passes(conn, statements) == []


@pytest.mark.parametrize(
    ("dropped", "view", "expected"),
    [
        (("stories_merged", "stories_live_recent"), "story page (get_story)", "merged_into = "),
        (("stories_live_recent",), "story list (list_stories)", "LIMIT"),
        (("stories_live_recent",), "front page (rank_stories)", "LIMIT"),
    ],
)
def test_the_check_sees_the_full_pass_each_index_prevents(
    tmp_path: Path, dropped: tuple[str, ...], view: str, expected: str
) -> None:
    """Without ``stories_merged`` the story page's merged-from lookup reads every story;
    without ``stories_live_recent`` a page of the listings sorts every story first."""
    with Store(tmp_path / "stories.db") as store:
        write_history(store, synthetic_articles(50), 50)
        for index in dropped:
            store.conn.execute(f"DROP INDEX {index}")
        story_id = store.conn.execute("SELECT id FROM stories LIMIT 1").fetchone()[0]
        conn = store.conn
        assert isinstance(conn, sqlite3.Connection)
        with captured(conn) as statements:
            VIEWS[view](store, story_id)
        assert any(expected in step for step in full_passes(conn, statements))
