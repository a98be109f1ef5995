"""The store's own tables, its schema version, and the migrations from older versions.

The version lives in ``PRAGMA user_version`` (SQLite) or the ``store_state`` row ``schema``
(PostgreSQL). Version 0 is a store made before versions existed. Opening a store applies every
migration above its version, in order, in one transaction under the migration lock, so an older
store opens in newer code; a store with a higher version than :data:`SCHEMA_VERSION` is refused.

To change a table in a released schema: bump :data:`SCHEMA_VERSION` and add a function to
:data:`MIGRATIONS` that takes the store (portable SQL through ``store.conn``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from storylens.store.base import Store

SCHEMA_VERSION = 1

BASE_SCHEMA = """
CREATE TABLE IF NOT EXISTS pages (
    id TEXT PRIMARY KEY,
    origin TEXT NOT NULL,
    kind TEXT NOT NULL,
    content_hash TEXT NOT NULL UNIQUE,
    content TEXT NOT NULL,
    url TEXT,
    encoding TEXT,
    ingested_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS articles (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE REFERENCES pages(id),
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    published TEXT,
    byline TEXT,
    site TEXT,
    url TEXT,
    language TEXT,
    removed TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS articles_published ON articles(published);
CREATE INDEX IF NOT EXISTS articles_site ON articles(site);
CREATE TABLE IF NOT EXISTS store_state (
    name TEXT PRIMARY KEY,
    version INTEGER NOT NULL
);
"""

OUR_TABLES = {"pages": {"id", "content_hash", "content"}, "articles": {"seq", "id", "body"}}
"""Tables (and some of their columns) only a storylens store has: how an unversioned store
made by an older storylens is told apart from somebody else's database."""

_CREATE_INDEX = re.compile(
    r"^\s*CREATE\s+(?:UNIQUE\s+)?INDEX\s+(?:IF\s+NOT\s+EXISTS\s+)?([\w\"]+)", re.IGNORECASE
)


def looks_like_ours(tables: set[str], columns: Callable[[str], set[str]]) -> bool:
    """Whether an unversioned database is a storylens store (pre-versioning)."""
    return all(t in tables and needed <= columns(t) for t, needed in OUR_TABLES.items())


def created_index(statement: str) -> str | None:
    match = _CREATE_INDEX.match(re.sub(r"--[^\n]*", "", statement))
    return match.group(1).strip('"').lower() if match else None


def _v1_base_tables(store: Store) -> None:
    """Version 1: the base tables, the writers' state counters, and unique story sequence
    numbers (stores written by concurrent ingests before version 1 can hold duplicates)."""
    for statement in _statements(BASE_SCHEMA):
        store._execute_ddl(statement)
    if "story_articles" in store.table_names():
        _renumber_duplicate_seqs(store)


def _renumber_duplicate_seqs(store: Store) -> None:
    conn = store.conn
    duplicated = conn.execute(
        "SELECT COUNT(*) FROM (SELECT seq FROM story_articles GROUP BY seq HAVING COUNT(*) > 1) d"
    ).fetchone()[0]
    if not duplicated:
        return
    rows = conn.execute("SELECT article_id FROM story_articles ORDER BY seq, article_id").fetchall()
    conn.executemany(
        "UPDATE story_articles SET seq = ? WHERE article_id = ?",
        [(-n, row[0]) for n, row in enumerate(rows, start=1)],
    )
    conn.execute("UPDATE story_articles SET seq = -seq")


def _statements(ddl: str) -> list[str]:
    from storylens.store.dialect import split_statements

    return split_statements(ddl)


MIGRATIONS: dict[int, Callable[[Store], None]] = {1: _v1_base_tables}
