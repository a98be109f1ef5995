"""SQLite persistence: raw pages, extracted articles, and a schema later stages extend.

One file, WAL journal, every write in a transaction so a failed batch leaves the store as it was.
Other stages add their tables through :meth:`Store.ensure_schema` rather than editing this one.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from storylens.models import Article, Page, Removed

SCHEMA = """
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
"""


class StoreError(RuntimeError):
    """The store file cannot be opened or is not a storylens database."""


@dataclass(frozen=True)
class AddResult:
    """What happened to one page on ingest."""

    article_id: str
    added: bool
    duplicate_of: str | None = None


class Store:
    """The embedded store. Safe to share across threads (one connection, serialised)."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._lock = threading.RLock()
        try:
            self.conn = sqlite3.connect(
                str(self.path), check_same_thread=False, isolation_level=None, timeout=30
            )
            self.conn.row_factory = sqlite3.Row
            self.conn.execute("PRAGMA journal_mode=WAL")
            self.conn.execute("PRAGMA foreign_keys=ON")
            self.conn.execute("PRAGMA synchronous=NORMAL")
            self.ensure_schema(SCHEMA)
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}: not a usable storylens database ({exc})") from exc

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def ensure_schema(self, ddl: str) -> None:
        """Create tables and indexes if missing; idempotent, used by every stage's storage."""
        with self._lock:
            self.conn.executescript(ddl)

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """All-or-nothing writes; nested use joins the outer transaction."""
        with self._lock:
            if self.conn.in_transaction:
                yield self.conn
                return
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                yield self.conn
            except BaseException:
                self.conn.execute("ROLLBACK")
                raise
            self.conn.execute("COMMIT")

    # pages and articles -------------------------------------------------------------------

    def find_by_hash(self, content_hash: str) -> str | None:
        row = self.conn.execute(
            "SELECT id FROM pages WHERE content_hash = ?", (content_hash,)
        ).fetchone()
        return row["id"] if row else None

    def has_article(self, article_id: str) -> bool:
        row = self.conn.execute("SELECT 1 FROM pages WHERE id = ?", (article_id,)).fetchone()
        return row is not None

    def free_id(self, wanted: str, content_hash: str) -> str:
        """``wanted`` if unused, else ``wanted~<hash prefix>``: ids stay unique and stable."""
        if not self.has_article(wanted):
            return wanted
        return f"{wanted}~{content_hash[:8]}"

    def add(self, page: Page, article: Article) -> AddResult:
        """Store a page and its article unless the same content is already stored."""
        with self.transaction() as conn:
            existing = self.find_by_hash(page.content_hash)
            if existing is not None:
                return AddResult(existing, added=False, duplicate_of=existing)
            article_id = self.free_id(article.id, page.content_hash)
            conn.execute(
                "INSERT INTO pages (id, origin, kind, content_hash, content, url, encoding, "
                "ingested_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    article_id,
                    page.origin,
                    page.kind,
                    page.content_hash,
                    page.content,
                    page.url,
                    page.encoding,
                    _now(),
                ),
            )
            conn.execute(
                "INSERT INTO articles (id, title, body, published, byline, site, url, language, "
                "removed) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    article_id,
                    article.title,
                    article.body,
                    article.published,
                    article.byline,
                    article.site,
                    article.url,
                    article.language,
                    json.dumps([r.__dict__ for r in article.removed], ensure_ascii=False),
                ),
            )
        return AddResult(article_id, added=True)

    def get_article(self, article_id: str) -> Article | None:
        row = self.conn.execute(
            "SELECT a.*, p.origin, p.content_hash FROM articles a JOIN pages p ON p.id = a.id "
            "WHERE a.id = ?",
            (article_id,),
        ).fetchone()
        return _article_from_row(row) if row else None

    def get_articles(self, article_ids: list[str]) -> list[Article]:
        """The stored articles for these ids, in the given order; unknown ids are skipped."""
        return [a for a in map(self.get_article, article_ids) if a is not None]

    def get_page_content(self, article_id: str) -> str | None:
        row = self.conn.execute("SELECT content FROM pages WHERE id = ?", (article_id,)).fetchone()
        return row["content"] if row else None

    def iter_articles(self, *, after_seq: int = 0) -> Iterator[Article]:
        """Articles in ingest order (``seq``), optionally only those added after a point."""
        cursor = self.conn.execute(
            "SELECT a.*, p.origin, p.content_hash FROM articles a JOIN pages p ON p.id = a.id "
            "WHERE a.seq > ? ORDER BY a.seq",
            (after_seq,),
        )
        for row in cursor:
            yield _article_from_row(row)

    def count_articles(self) -> int:
        return int(self.conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0])


def _article_from_row(row: sqlite3.Row) -> Article:
    return Article(
        id=row["id"],
        origin=row["origin"],
        title=row["title"],
        body=row["body"],
        published=row["published"],
        byline=row["byline"],
        site=row["site"],
        url=row["url"],
        language=row["language"],
        content_hash=row["content_hash"],
        removed=[Removed(**r) for r in json.loads(row["removed"])],
    )


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
