"""Bulk-load a synthetic history into the story tables, as the engine leaves it.

The scale figures need N articles stored before the measured ones, but only the last
``active_window_days`` of them are in the engine's active state: everything older has left
the active index, the duplicate index and the storyline index. Running all N through the
engine only to have them retire costs hours at 1M, so the history beyond the window is written
here straight into the tables the engine persists (``story_articles``, ``stories``,
``story_state`` with ``RETIRED``, ``story_df``, ``story_meta``) with the same columns and
values, in bulk: PostgreSQL ``COPY`` (psycopg ``cursor.copy``), SQLite ``executemany``. The
active window is then fed through the real engine on top of it (the caller does that).

What is not reproduced: the stories are fixed groups of ``HISTORY_STORY_SIZE`` consecutive
articles (not the engine's clustering), and no retired story belongs to a storyline.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from storylens.models import Article
from storylens.store import Store
from storylens.stories.checks import event_time
from storylens.stories.engine import story_id_for
from storylens.stories.features import article_terms
from storylens.stories.split import next_check
from storylens.stories.storage import RETIRED, STORY_SCHEMA, STORYLINE_SCHEMA

HISTORY_STORY_SIZE = 10
BATCH = 20_000

ARTICLE_COLUMNS = ("article_id", "story_id", "seq", "event_time", "published", "title", "site",
                   "duplicate_of", "similarity", "note")  # fmt: skip
STORY_COLUMNS = ("id", "title", "lead", "size", "first_seen", "last_seen", "dated_first",
                 "dated_last", "created_at", "updated_at", "outlets", "centroid")  # fmt: skip
STATE_COLUMNS = ("story_id", "seq", "state", "last_arrival", "next_check", "refresh_at",
                 "storyline", "line_check")  # fmt: skip


@dataclass
class _Group:
    """One history story being collected (consecutive articles)."""

    story_id: str
    seq: int
    title: str
    lead: str
    first: float
    published: str | None
    last: float = 0.0
    last_published: str | None = None
    last_arrival: int = 0
    size: int = 0
    sites: set[str] = field(default_factory=set)

    def story_row(self) -> tuple[Any, ...]:
        outlets = json.dumps(sorted(self.sites), ensure_ascii=False)
        return (self.story_id, self.title, self.lead, self.size, self.first, self.last,
                self.first, self.last, self.published or "", self.last_published or "",
                outlets, "{}")  # fmt: skip

    def state_row(self) -> tuple[Any, ...]:
        return (self.story_id, self.seq, RETIRED, self.last_arrival, next_check(self.size),
                0, None, 0)  # fmt: skip


def write_history(store: Store, articles: Iterable[Article], n: int) -> int:
    """Write ``n`` articles of ``articles`` as retired history into an empty story store;
    returns how many were written. Document frequencies count every article once per term,
    as the engine's ``record_article`` does."""
    store.ensure_schema(STORY_SCHEMA)
    store.ensure_schema(STORYLINE_SCHEMA)
    if store.conn.execute("SELECT COUNT(*) FROM story_articles").fetchone()[0]:
        raise ValueError(f"{store.target}: the bulk history goes into an empty story store")
    df: Counter[str] = Counter()
    written, stories, clock = 0, 0, None
    for articles_batch in _batches(articles, n):
        rows, groups = _rows(articles_batch, written, stories, df)
        written += len(rows)
        stories = groups[-1].seq if groups else stories
        clock = rows[-1][3] if rows else clock
        with store.transaction():
            _bulk(store, "story_articles", ARTICLE_COLUMNS, rows)
            _bulk(store, "stories", STORY_COLUMNS, [g.story_row() for g in groups])
            _bulk(store, "story_state", STATE_COLUMNS, [g.state_row() for g in groups])
    with store.transaction() as conn:
        _bulk(store, "story_df", ("term", "df"), list(df.items()))
        conn.executemany(
            "INSERT INTO story_meta (key, value) VALUES (?, ?) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            [("n_docs", str(written)), ("clock", "" if clock is None else repr(clock)),
             ("story_seq", str(stories))],
        )  # fmt: skip
    return written


def _batches(articles: Iterable[Article], n: int) -> Iterator[list[Article]]:
    """Batches that end on a story boundary, so a story's row is written once."""
    batch: list[Article] = []
    size = BATCH - BATCH % HISTORY_STORY_SIZE
    for index, article in enumerate(articles):
        if index >= n:
            break
        batch.append(article)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def _rows(
    batch: list[Article], done: int, stories: int, df: Counter[str]
) -> tuple[list[tuple[Any, ...]], list[_Group]]:
    rows: list[tuple[Any, ...]] = []
    groups: list[_Group] = []
    for offset, article in enumerate(batch):
        seq = done + offset + 1
        when = _day(article.published)
        if (seq - 1) % HISTORY_STORY_SIZE == 0:
            stories += 1
            groups.append(_Group(story_id_for(article.id), stories, article.title,
                                 article.body[:200], when, article.published))  # fmt: skip
        group = groups[-1]
        group.size += 1
        group.last, group.last_published, group.last_arrival = when, article.published, seq
        if article.site:
            group.sites.add(article.site)
        rows.append((article.id, group.story_id, seq, when, article.published, article.title,
                     article.site, None, 1.0, None))  # fmt: skip
        df.update(article_terms(article.title, article.body).counts.keys())
    return rows, groups


def _bulk(store: Store, table: str, columns: tuple[str, ...], rows: list[tuple[Any, ...]]) -> None:
    """``COPY`` on PostgreSQL, ``executemany`` on SQLite (both inside the open transaction)."""
    if not rows:
        return
    raw = getattr(store.conn, "raw", None)
    if raw is not None:
        with raw.cursor() as cursor, cursor.copy(
            f"COPY {table} ({', '.join(columns)}) FROM STDIN"
        ) as copy:
            for row in rows:
                copy.write_row(row)
        return
    marks = ",".join("?" * len(columns))
    store.conn.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", rows)


def _day(published: str | None) -> float:
    when, _ = event_time(published)
    return when if when is not None else 0.0
