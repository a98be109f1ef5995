"""Story tables and queries: everything the story engine persists, and the story listings.

The stories stage owns these tables and reaches them only through the store's interface
(portable SQL, ``?`` placeholders), so they live in SQLite or PostgreSQL alike.

The engine's state is kept so a restarted process reloads only the *active window*: story rows
carry their centroid (top terms), document frequencies are read term by term on demand, MinHash
signatures are read for recent articles only. No article body is ever re-read.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from typing import Any

from storylens.models import Assignment
from storylens.store import Store
from storylens.stories.checks import iso_from_days
from storylens.stories.index import CENTROID_TERMS, ActiveStory
from storylens.stories.listing import StoryDetail, StorySummary
from storylens.stories.repository import ArticleRecord, EngineMeta
from storylens.stories.vectors import prune

STORY_SCHEMA = """
CREATE TABLE IF NOT EXISTS stories (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    lead TEXT NOT NULL,
    size INTEGER NOT NULL,
    first_seen REAL NOT NULL,
    last_seen REAL NOT NULL,
    dated_first REAL,
    dated_last REAL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    outlets TEXT NOT NULL,
    centroid TEXT NOT NULL,
    merged_into TEXT
);
CREATE INDEX IF NOT EXISTS stories_last_seen ON stories(last_seen);
CREATE INDEX IF NOT EXISTS stories_updated ON stories(updated_at);
CREATE TABLE IF NOT EXISTS story_articles (
    article_id TEXT PRIMARY KEY,
    story_id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    event_time REAL NOT NULL,
    published TEXT,
    title TEXT NOT NULL,
    site TEXT,
    duplicate_of TEXT,
    similarity REAL NOT NULL,
    note TEXT
);
CREATE INDEX IF NOT EXISTS story_articles_story ON story_articles(story_id, event_time, seq);
CREATE UNIQUE INDEX IF NOT EXISTS story_articles_seq ON story_articles(seq);
CREATE TABLE IF NOT EXISTS story_signatures (
    article_id TEXT PRIMARY KEY,
    event_time REAL NOT NULL,
    signature BLOB NOT NULL
);
CREATE INDEX IF NOT EXISTS story_signatures_time ON story_signatures(event_time);
CREATE TABLE IF NOT EXISTS story_df (
    term TEXT PRIMARY KEY,
    df INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS story_meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
"""

SQLITE_MAX_PARAMS = 900


class StoreStoryRepository:
    """The engine's write-through persistence; every write joins the caller's transaction."""

    def __init__(self, store: Store) -> None:
        self.store = store
        store.ensure_schema(STORY_SCHEMA)

    def load_meta(self) -> EngineMeta:
        rows = dict(self.store.conn.execute("SELECT key, value FROM story_meta").fetchall())
        clock = rows.get("clock")
        return EngineMeta(int(rows.get("n_docs", 0)), float(clock) if clock else None)

    def load_df(self, terms: list[str]) -> dict[str, int]:
        found: dict[str, int] = {}
        for start in range(0, len(terms), SQLITE_MAX_PARAMS):
            chunk = terms[start : start + SQLITE_MAX_PARAMS]
            marks = ",".join("?" * len(chunk))
            found.update(
                self.store.conn.execute(
                    f"SELECT term, df FROM story_df WHERE term IN ({marks})", chunk
                ).fetchall()
            )
        return found

    def load_active(self, since: float | None) -> list[ActiveStory]:
        rows = self.store.conn.execute(
            "SELECT * FROM stories WHERE merged_into IS NULL AND last_seen >= ?",
            (since if since is not None else float("-inf"),),
        )
        return [_story_from_row(row) for row in rows]

    def load_signatures(self, since: float | None) -> Iterable[tuple[str, bytes]]:
        rows = self.store.conn.execute(
            "SELECT article_id, signature FROM story_signatures WHERE event_time >= ?",
            (since if since is not None else float("-inf"),),
        )
        return [(row[0], bytes(row[1])) for row in rows]

    def assignment_of(self, article_id: str) -> Assignment | None:
        row = self.store.conn.execute(
            "SELECT article_id, story_id, duplicate_of, similarity, note FROM story_articles "
            "WHERE article_id = ?",
            (article_id,),
        ).fetchone()
        return Assignment(*row) if row else None

    def merged_into(self, story_id: str) -> str | None:
        row = self.store.conn.execute(
            "SELECT merged_into FROM stories WHERE id = ?", (story_id,)
        ).fetchone()
        return row[0] if row else None

    def record_article(self, record: ArticleRecord, meta: EngineMeta) -> None:
        a = record.assignment
        with self.store.transaction() as conn:
            seq = _max_seq(conn) + 1  # under the writer lock: unique across processes
            conn.execute(
                "INSERT INTO story_articles (article_id, story_id, seq, event_time, published, "
                "title, site, duplicate_of, similarity, note) VALUES (?,?,?,?,?,?,?,?,?,?)",
                (a.article_id, a.story_id, seq, record.when, record.published,
                 record.title, record.site, a.duplicate_of, a.similarity, a.note),
            )  # fmt: skip
            if record.signature is not None:
                conn.execute(
                    "INSERT INTO story_signatures (article_id, event_time, signature) "
                    "VALUES (?, ?, ?) ON CONFLICT (article_id) DO UPDATE SET "
                    "event_time = excluded.event_time, signature = excluded.signature",
                    (a.article_id, record.when, record.signature),
                )
            conn.executemany(
                "INSERT INTO story_df (term, df) VALUES (?, 1) "
                "ON CONFLICT(term) DO UPDATE SET df = story_df.df + 1",
                [(t,) for t in record.terms],
            )
            conn.executemany(
                "INSERT INTO story_meta (key, value) VALUES (?, ?) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                [("n_docs", str(meta.n_docs)), ("clock", "" if meta.clock is None else
                                                  repr(meta.clock))],
            )  # fmt: skip

    def save_story(self, story: ActiveStory) -> None:
        now = _now()
        with self.store.transaction() as conn:
            conn.execute(
                "INSERT INTO stories (id, title, lead, size, first_seen, last_seen, dated_first, "
                "dated_last, created_at, updated_at, outlets, centroid) "
                "VALUES (?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT(id) DO UPDATE SET "
                "title=excluded.title, size=excluded.size, first_seen=excluded.first_seen, "
                "last_seen=excluded.last_seen, dated_first=excluded.dated_first, "
                "dated_last=excluded.dated_last, updated_at=excluded.updated_at, "
                "outlets=excluded.outlets, centroid=excluded.centroid",
                (story.id, story.title, story.lead, story.size, story.first_seen,
                 story.last_seen, story.dated_first, story.dated_last, now, now,
                 json.dumps(sorted(story.outlets), ensure_ascii=False),
                 _centroid_json(story)),
            )  # fmt: skip

    def mark_merged(self, source: str, target: str) -> None:
        """Point ``source`` at ``target`` and move its articles; the old id keeps resolving."""
        with self.store.transaction() as conn:
            conn.execute("UPDATE stories SET merged_into = ? WHERE id = ?", (target, source))
            conn.execute(
                "UPDATE stories SET merged_into = ? WHERE merged_into = ?", (target, source)
            )
            conn.execute(
                "UPDATE story_articles SET story_id = ? WHERE story_id = ?", (target, source)
            )

    def move_articles(self, article_ids: Sequence[str], target: str) -> None:
        """Re-home articles split off into a new story (rows not yet written are skipped)."""
        with self.store.transaction() as conn:
            conn.executemany(
                "UPDATE story_articles SET story_id = ? WHERE article_id = ?",
                [(target, article_id) for article_id in article_ids],
            )


SqliteStoryRepository = StoreStoryRepository
"""The former name, kept for callers written before the PostgreSQL backend."""


# listings ---------------------------------------------------------------------------------


def query_stories(
    store: Store, *, limit: int = 50, offset: int = 0, query: str | None = None
) -> list[StorySummary]:
    """Stories, newest activity first; ``query`` filters on title and lead (case-insensitive)."""
    store.ensure_schema(STORY_SCHEMA)
    sql = "SELECT * FROM stories WHERE merged_into IS NULL"
    params: list[object] = []
    if query:
        sql += " AND (LOWER(title) LIKE ? ESCAPE '\\' OR LOWER(lead) LIKE ? ESCAPE '\\')"
        pattern = "%" + _escape_like(query.lower()) + "%"
        params += [pattern, pattern]
    sql += " ORDER BY last_seen DESC, updated_at DESC, id LIMIT ? OFFSET ?"
    params += [limit, offset]
    return [_summary_from_row(row) for row in store.conn.execute(sql, params)]


def query_story(store: Store, story_id: str) -> StoryDetail | None:
    """A story with its articles in publication (then arrival) order; merged ids resolve."""
    store.ensure_schema(STORY_SCHEMA)
    row = _resolved_story_row(store.conn, story_id)
    if row is None:
        return None
    articles = store.conn.execute(
        "SELECT article_id, story_id, duplicate_of, similarity, note, title FROM story_articles "
        "WHERE story_id = ? ORDER BY event_time, seq",
        (row["id"],),
    ).fetchall()
    merged = store.conn.execute(
        "SELECT id FROM stories WHERE merged_into = ? ORDER BY id", (row["id"],)
    ).fetchall()
    summary = _summary_from_row(row)
    return StoryDetail(
        **summary.__dict__,
        article_ids=[a[0] for a in articles],
        assignments=[Assignment(*a[:5]) for a in articles],
        article_titles=[a[5] for a in articles],
        merged_from=[m[0] for m in merged],
    )


def _resolved_story_row(conn: Any, story_id: str) -> Any:
    seen: set[str] = set()
    while story_id not in seen:
        seen.add(story_id)
        row = conn.execute("SELECT * FROM stories WHERE id = ?", (story_id,)).fetchone()
        if row is None or row["merged_into"] is None:
            return row
        story_id = row["merged_into"]
    return None


def _summary_from_row(row: Any) -> StorySummary:
    dated = row["dated_first"] is not None
    return StorySummary(
        id=row["id"],
        title=row["title"],
        articles=row["size"],
        outlets=json.loads(row["outlets"]),
        first_seen=iso_from_days(row["dated_first"]) if dated else row["created_at"],
        last_seen=iso_from_days(row["dated_last"]) if dated else row["updated_at"],
        lead=row["lead"],
    )


def _story_from_row(row: Any) -> ActiveStory:
    return ActiveStory(
        id=row["id"],
        title=row["title"],
        lead=row["lead"],
        first_seen=row["first_seen"],
        last_seen=row["last_seen"],
        size=row["size"],
        centroid_sum=json.loads(row["centroid"]),
        outlets=set(json.loads(row["outlets"])),
        dated_first=row["dated_first"],
        dated_last=row["dated_last"],
    )


def _centroid_json(story: ActiveStory) -> str:
    kept = prune(story.centroid_sum, CENTROID_TERMS)
    return json.dumps({t: round(w, 5) for t, w in kept.items()}, ensure_ascii=False)


def _max_seq(conn: Any) -> int:
    return int(conn.execute("SELECT COALESCE(MAX(seq), 0) FROM story_articles").fetchone()[0])


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
