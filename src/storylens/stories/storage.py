"""Story tables and queries: everything the story engine persists, and the story listings.

The stories stage owns these tables and reaches them only through the store's interface
(portable SQL, ``?`` placeholders), so they live in SQLite or PostgreSQL alike.

The engine's whole in-memory state is kept, so a restarted process reloads exactly what the last
one held (and a resumed or split run gives the same stories as one run): story rows carry their
centroid, ``story_state`` their runtime state (active or not, creation order, when they are due
for a check, their storyline), ``story_members`` what an active story remembers of its articles
for re-clustering, ``story_signatures`` the MinHash signatures still in the duplicate index.
Document frequencies are read term by term on demand. No article body is ever re-read.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any, NamedTuple

from storylens.models import Assignment
from storylens.store import Store
from storylens.store.ranking import story_headline, story_search
from storylens.stories.checks import iso_from_days
from storylens.stories.index import ActiveStory, Member
from storylens.stories.listing import StoryDetail, StorySummary
from storylens.stories.repository import ArticleRecord, EngineMeta
from storylens.stories.storyline_storage import (
    STORYLINE_SCHEMA,
    insert_storyline,
    merge_storyline_rows,
    storyline_of_story,
    storyline_target,
)

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
CREATE INDEX IF NOT EXISTS stories_merged ON stories(merged_into);
-- the listings (merged_into IS NULL, newest last_seen first) read the newest stories in index
-- order: with stories_merged alone SQLite sorted every story on each request
CREATE INDEX IF NOT EXISTS stories_live_recent ON stories(merged_into, last_seen);
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
CREATE TABLE IF NOT EXISTS story_state (
    story_id TEXT PRIMARY KEY,
    seq INTEGER NOT NULL,
    state INTEGER NOT NULL,
    last_arrival INTEGER NOT NULL,
    next_check INTEGER NOT NULL,
    refresh_at INTEGER NOT NULL,
    storyline TEXT,
    line_check INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS story_state_state ON story_state(state);
CREATE INDEX IF NOT EXISTS story_state_storyline ON story_state(storyline);
CREATE TABLE IF NOT EXISTS story_members (
    article_id TEXT PRIMARY KEY,
    story_id TEXT NOT NULL,
    pos INTEGER NOT NULL,
    title TEXT NOT NULL,
    lead TEXT NOT NULL,
    when_days REAL NOT NULL,
    date_days REAL,
    site TEXT,
    weights TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS story_members_story ON story_members(story_id, pos);
CREATE TABLE IF NOT EXISTS story_meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
"""

SQLITE_MAX_PARAMS = 900
ACTIVE, LINKABLE, RETIRED = 2, 1, 0
"""``story_state.state``: in the engine's active index (and the storyline index), in the
storyline index only, in neither."""


class StoreStoryRepository:
    """The engine's write-through persistence; every write joins the caller's transaction."""

    def __init__(self, store: Store) -> None:
        self.store = store
        store.ensure_schema(STORY_SCHEMA)
        store.ensure_schema(STORYLINE_SCHEMA)
        self._member_pos = int(
            store.conn.execute("SELECT COALESCE(MAX(pos), 0) FROM story_members").fetchone()[0]
        )

    def load_meta(self) -> EngineMeta:
        rows = dict(self.store.conn.execute("SELECT key, value FROM story_meta").fetchall())
        clock = rows.get("clock")
        return EngineMeta(
            int(rows.get("n_docs", 0)),
            float(clock) if clock else None,
            int(rows.get("story_seq", 0)),
        )

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
        """The stories the last engine held active, in creation order, with their members.
        (A store written before ``story_state`` existed: stories seen since ``since``.)"""
        rows = self.store.conn.execute(
            "SELECT s.*, t.seq AS t_seq, t.last_arrival, t.next_check, t.refresh_at, "
            "t.storyline, t.line_check FROM stories s LEFT JOIN story_state t "
            "ON t.story_id = s.id WHERE s.merged_into IS NULL AND "
            "(t.state = ? OR (t.state IS NULL AND s.last_seen >= ?)) ORDER BY t.seq, s.id",
            (ACTIVE, since if since is not None else float("-inf")),
        ).fetchall()
        stories = [_story_from_row(row) for row in rows]
        by_id = {story.id: story for story in stories}
        for start in range(0, len(stories), SQLITE_MAX_PARAMS):
            chunk = [s.id for s in stories[start : start + SQLITE_MAX_PARAMS]]
            marks = ",".join("?" * len(chunk))
            for row in self.store.conn.execute(
                f"SELECT * FROM story_members WHERE story_id IN ({marks}) ORDER BY pos", chunk
            ):
                by_id[row["story_id"]].members[row["article_id"]] = _member_from_row(row)
        return stories

    def load_linkable(self) -> list[ActiveStory]:
        """Retired events still in the storyline index, in creation order."""
        rows = self.store.conn.execute(
            "SELECT s.*, t.seq AS t_seq, t.last_arrival, t.next_check, t.refresh_at, "
            "t.storyline, t.line_check FROM stories s JOIN story_state t ON t.story_id = s.id "
            "WHERE s.merged_into IS NULL AND t.state = ? ORDER BY t.seq",
            (LINKABLE,),
        )
        return [_story_from_row(row) for row in rows]

    def load_signatures(self, since: float | None) -> Iterable[tuple[str, bytes, float, int]]:
        """Signatures still in the duplicate index (retired ones are deleted), with the time
        and arrival number of their article."""
        rows = self.store.conn.execute(
            "SELECT g.article_id, g.signature, g.event_time, COALESCE(a.seq, 0) "
            "FROM story_signatures g LEFT JOIN story_articles a ON a.article_id = g.article_id "
            "ORDER BY a.seq"
        )
        return [(row[0], bytes(row[1]), row[2], row[3]) for row in rows]

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
                                                  repr(meta.clock)),
                 ("story_seq", str(meta.story_seq))],
            )  # fmt: skip

    def save_story(self, story: ActiveStory) -> None:
        now = _now()
        with self.store.transaction() as conn:
            conn.execute(
                "INSERT INTO stories (id, title, lead, size, first_seen, last_seen, dated_first, "
                "dated_last, created_at, updated_at, outlets, centroid) "
                "VALUES (?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT(id) DO UPDATE SET "
                "title=excluded.title, lead=excluded.lead, size=excluded.size, "
                "first_seen=excluded.first_seen, "
                "last_seen=excluded.last_seen, dated_first=excluded.dated_first, "
                "dated_last=excluded.dated_last, updated_at=excluded.updated_at, "
                "outlets=excluded.outlets, centroid=excluded.centroid",
                (story.id, story.title, story.lead, story.size, story.first_seen,
                 story.last_seen, story.dated_first, story.dated_last, now, now,
                 json.dumps(sorted(story.outlets), ensure_ascii=False),
                 _centroid_json(story)),
            )  # fmt: skip
            conn.execute(
                "INSERT INTO story_state (story_id, seq, state, last_arrival, next_check, "
                "refresh_at, storyline, line_check) VALUES (?,?,?,?,?,?,?,?) "
                "ON CONFLICT (story_id) DO UPDATE SET state = excluded.state, "
                "last_arrival = excluded.last_arrival, next_check = excluded.next_check, "
                "refresh_at = excluded.refresh_at, storyline = excluded.storyline, "
                "line_check = excluded.line_check",
                (story.id, story.seq, ACTIVE, story.last_arrival, story.next_check,
                 story.refresh_at, story.storyline, story.line_check),
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
            conn.execute("DELETE FROM story_state WHERE story_id = ?", (source,))
            moved = conn.execute(
                "SELECT article_id FROM story_members WHERE story_id = ? ORDER BY pos", (source,)
            ).fetchall()
            conn.executemany(
                "UPDATE story_members SET story_id = ?, pos = ? WHERE article_id = ?",
                [(target, self._next_pos(), row[0]) for row in moved],
            )

    def move_articles(self, article_ids: Sequence[str], target: str) -> None:
        """Re-home articles split off into a new story (rows not yet written are skipped)."""
        with self.store.transaction() as conn:
            conn.executemany(
                "UPDATE story_articles SET story_id = ? WHERE article_id = ?",
                [(target, article_id) for article_id in article_ids],
            )
            conn.executemany(
                "UPDATE story_members SET story_id = ? WHERE article_id = ?",
                [(target, article_id) for article_id in article_ids],
            )

    def add_member(self, story_id: str, article_id: str, member: Member) -> None:
        with self.store.transaction() as conn:
            conn.execute(
                "INSERT INTO story_members (article_id, story_id, pos, title, lead, when_days, "
                "date_days, site, weights) VALUES (?,?,?,?,?,?,?,?,?) ON CONFLICT (article_id) "
                "DO UPDATE SET story_id = excluded.story_id, pos = excluded.pos",
                (article_id, story_id, self._next_pos(), member.title, member.lead,
                 member.when, member.date, member.site,
                 json.dumps(member.weights, ensure_ascii=False)),
            )  # fmt: skip

    def drop_members(self, story_id: str) -> None:
        with self.store.transaction() as conn:
            conn.execute("DELETE FROM story_members WHERE story_id = ?", (story_id,))

    def retire(self, story_ids: Sequence[str], signature_ids: Sequence[str]) -> None:
        """Stories left the active index (still linkable), signatures the duplicate index."""
        with self.store.transaction() as conn:
            conn.executemany(
                "UPDATE story_state SET state = ? WHERE story_id = ?",
                [(LINKABLE, s) for s in story_ids],
            )
            conn.executemany(
                "DELETE FROM story_members WHERE story_id = ?", [(s,) for s in story_ids]
            )
            conn.executemany(
                "DELETE FROM story_signatures WHERE article_id = ?",
                [(a,) for a in signature_ids],
            )

    def retire_from_storylines(self, story_ids: Sequence[str]) -> None:
        with self.store.transaction() as conn:
            conn.executemany(
                "UPDATE story_state SET state = ? WHERE story_id = ?",
                [(RETIRED, s) for s in story_ids],
            )

    def new_storyline(self, line_id: str, story_id: str) -> None:
        insert_storyline(self.store, line_id, story_id)

    def merge_storylines(self, source: str, target: str) -> None:
        merge_storyline_rows(self.store, source, target)

    def storyline_of(self, story_id: str) -> str | None:
        row = self.store.conn.execute(
            "SELECT storyline FROM story_state WHERE story_id = ?", (story_id,)
        ).fetchone()
        return row[0] if row else None

    def storyline_merged_into(self, line_id: str) -> str | None:
        return storyline_target(self.store, line_id)

    def _next_pos(self) -> int:
        self._member_pos += 1
        return self._member_pos


SqliteStoryRepository = StoreStoryRepository
"""The former name, kept for callers written before the PostgreSQL backend."""


# listings ---------------------------------------------------------------------------------


def query_stories(
    store: Store, *, limit: int = 50, offset: int = 0, query: str | None = None
) -> list[StorySummary]:
    """Stories, newest activity first; ``query`` filters on the headline, lead and article
    titles (case-insensitive, :func:`storylens.store.ranking.story_search`)."""
    store.ensure_schema(STORY_SCHEMA)
    sql = "SELECT * FROM stories s WHERE s.merged_into IS NULL"
    params: list[object] = []
    if query:
        condition, params = story_search(query)
        sql += f" AND {condition}"
    sql += " ORDER BY s.last_seen DESC, s.updated_at DESC, s.id LIMIT ? OFFSET ?"
    params += [limit, offset]
    summaries = [_summary_from_row(row) for row in store.conn.execute(sql, params)]
    members = _headline_candidates(store, [s.id for s in summaries])
    return [
        replace(s, title=story_headline(members.get(s.id, []), s.title)[1]) for s in summaries
    ]


def _headline_candidates(store: Store, story_ids: list[str]) -> dict[str, list[_Headed]]:
    """Each story's articles as its headline is chosen, in publication (then arrival) order."""
    found: dict[str, list[_Headed]] = {}
    for start in range(0, len(story_ids), 500):
        chunk = story_ids[start : start + 500]
        rows = store.conn.execute(
            "SELECT story_id, article_id, title, duplicate_of FROM story_articles "
            f"WHERE story_id IN ({','.join('?' * len(chunk))}) "
            "ORDER BY story_id, event_time, seq",
            chunk,
        )
        for row in rows:
            found.setdefault(row[0], []).append(_Headed(row[1], row[2] or "", row[3]))
    return found


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
    _lead_id, title = story_headline(
        [_Headed(a[0], a[5] or "", a[2]) for a in articles], summary.title
    )
    return StoryDetail(
        **replace(summary, title=title).__dict__,
        article_ids=[a[0] for a in articles],
        assignments=[Assignment(*a[:5]) for a in articles],
        article_titles=[a[5] for a in articles],
        merged_from=[m[0] for m in merged],
        storyline=storyline_of_story(store, row["id"]),
    )


class _Headed(NamedTuple):
    """A story's article as its headline is chosen (:func:`story_headline`)."""

    article_id: str
    title: str
    duplicate_of: str | None


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
        first_seen=iso_from_days(row["dated_first"]) if dated else None,
        last_seen=iso_from_days(row["dated_last"]) if dated else None,
        lead=row["lead"],
    )


def _member_from_row(row: Any) -> Member:
    return Member(
        title=row["title"],
        lead=row["lead"],
        when=row["when_days"],
        date=row["date_days"],
        site=row["site"],
        weights=json.loads(row["weights"]),
    )


def _story_from_row(row: Any) -> ActiveStory:
    """An active or linkable story with its runtime state (``story_state`` joined as ``t``)."""
    state: dict[str, Any] = {
        name: row[name] or 0 for name in ("last_arrival", "next_check", "refresh_at", "line_check")
    }
    state["seq"] = row["t_seq"] or 0
    state["storyline"] = row["storyline"]
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
        **state,
    )


def _centroid_json(story: ActiveStory) -> str:
    """The centroid exactly as held in memory (a reloaded engine must score the same)."""
    return json.dumps(story.centroid_sum, ensure_ascii=False)


def _max_seq(conn: Any) -> int:
    return int(conn.execute("SELECT COALESCE(MAX(seq), 0) FROM story_articles").fetchone()[0])


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
