"""The storage seam: one small interface over SQLite (embedded default) and PostgreSQL.

Every stage talks to a :class:`Store` the same way: ``store.conn.execute(sql, params)`` with
``?`` placeholders and portable SQL, ``store.transaction()`` for all-or-nothing writes,
``store.ensure_schema(ddl)`` for the tables a stage owns. The backends differ only in how they
connect, lock and translate (``storylens.store.dialect``).

Writes are serialised store-wide: a transaction holds the store's writer lock from its first
statement (SQLite ``BEGIN IMMEDIATE``; PostgreSQL ``pg_advisory_xact_lock``), so several
processes can write one store and each sees the others' work whole. Story assignment needs
exactly that: it reads and updates shared state (document frequencies, active stories), and two
assigners working on stale copies corrupt it. ``state_version``/``bump_state_version`` let a
writer see, under the lock, whether someone else changed that state since it last looked.
"""

from __future__ import annotations

import json
import threading
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from itertools import count
from typing import Any, ClassVar, Protocol

from storylens.models import Article, Page, Removed
from storylens.store import schema
from storylens.store.dialect import created_table, split_statements

ID_BATCH = 500
"""Ids looked up per ``IN (...)`` query (SQLite allows 32,766 parameters; PostgreSQL 65,535)."""


class StoreError(RuntimeError):
    """The store cannot be opened or used: missing, foreign, newer, unreachable or read-only."""


class StoreMissing(StoreError):
    """There is no storylens store at the target (and this command does not create one)."""


class Cursor(Protocol):
    def fetchone(self) -> Any: ...
    def fetchall(self) -> list[Any]: ...
    def __iter__(self) -> Iterator[Any]: ...


class Connection(Protocol):
    """What stages may call on ``store.conn``; rows answer to ``row[0]`` and ``row["name"]``."""

    def execute(self, sql: str, params: Any = ...) -> Cursor: ...
    def executemany(self, sql: str, params: Any) -> Any: ...


@dataclass(frozen=True)
class AddResult:
    """What happened to one page on ingest."""

    article_id: str
    added: bool
    duplicate_of: str | None = None


_savepoints = count(1)


class Store(ABC):
    """A storylens store. ``Store(target)`` picks the backend: a ``postgresql://`` URL or a
    SQLite file path. Safe to share across threads (one connection, serialised)."""

    dialect: ClassVar[str]
    target: str
    """Where the store is, fit to show (a path, or a URL without its password)."""
    readonly: bool
    conn: Connection
    wait_notice: Callable[[str], None] | None = None
    """Called once when a write has to wait for another writer (the CLI prints it)."""

    def __new__(cls, target: object = None, **kwargs: Any) -> Store:
        if cls is Store:
            from storylens.store.factory import backend_for

            cls = backend_for(target)
        return super().__new__(cls)

    def __init__(self, target: object, *, create: bool = True, readonly: bool = False) -> None:
        self.readonly = readonly
        self._lock = threading.RLock()
        self._in_transaction = False
        self._ensured: set[str] = set()
        self._ddl_in_transaction = False
        """True once a schema was created inside the current transaction (not yet committed)."""
        self._tables: set[str] | None = None

    # backend hooks ------------------------------------------------------------------------

    @abstractmethod
    def close(self) -> None: ...

    @abstractmethod
    def _begin_locked(self) -> None:
        """Start a transaction holding the store-wide writer lock."""

    @abstractmethod
    def _commit(self) -> None: ...

    @abstractmethod
    def _rollback(self) -> None: ...

    @abstractmethod
    def table_names(self) -> set[str]:
        """Tables (and views) in the store, lower-case."""

    @abstractmethod
    def index_names(self) -> set[str]: ...

    @abstractmethod
    def _execute_ddl(self, statement: str) -> None: ...

    @abstractmethod
    def _create_temp_table(self, statement: str) -> None:
        """An empty session-private copy of a missing table (read-only stores)."""

    @abstractmethod
    def schema_version(self) -> int: ...

    @abstractmethod
    def _write_schema_version(self, version: int) -> None: ...

    @abstractmethod
    def _migration_lock(self) -> None:
        """Inside a transaction: keep other processes out while the schema changes."""

    # opening ------------------------------------------------------------------------------

    def _check_and_migrate(self, *, create: bool, can_write: bool) -> None:
        """Refuse foreign, newer or missing stores; bring older ones up to date."""
        tables = self.table_names()
        version = self.schema_version()
        if version > schema.SCHEMA_VERSION:
            raise StoreError(
                f"{self.target}: made by a newer storylens (schema version {version}; this "
                f"version reads up to {schema.SCHEMA_VERSION}): upgrade storylens to open it"
            )
        if not tables:
            if not create:
                raise StoreMissing(
                    f"{self.target}: no storylens store here (create one with "
                    f"`storylens ingest --db {self.target} PAGES...`)"
                )
        elif version == 0 and not schema.looks_like_ours(tables, self._columns):
            shown = ", ".join(sorted(tables)[:5])
            raise StoreError(
                f"{self.target}: not a storylens store (it has other tables: {shown}); "
                "left untouched"
            )
        if version < schema.SCHEMA_VERSION and can_write:
            self._migrate()

    def _migrate(self) -> None:
        with self._raw_transaction():
            self._migration_lock()
            version = self.schema_version()  # again, under the lock: another process may have
            for step in range(version + 1, schema.SCHEMA_VERSION + 1):
                schema.MIGRATIONS[step](self)
            if version < schema.SCHEMA_VERSION:
                self._write_schema_version(schema.SCHEMA_VERSION)
        self._tables = None

    def _columns(self, table: str) -> set[str]:
        cursor = self.conn.execute(f"SELECT * FROM {table} LIMIT 0")
        return {d[0].lower() for d in cursor.description}  # type: ignore[attr-defined]

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # schema -------------------------------------------------------------------------------

    def ensure_schema(self, ddl: str) -> None:
        """Create the missing tables and indexes of a stage's DDL (portable SQL); idempotent.

        A read-only store gets empty session-private tables instead, so a read of a table the
        store never had answers "nothing" rather than failing.
        """
        if ddl in self._ensured:
            return
        with self._lock:
            tables, indexes = self._known_tables(), self.index_names()
            missing = [s for s in split_statements(ddl) if _is_missing(s, tables, indexes)]
            if self.readonly:
                for statement in missing:
                    if created_table(statement):
                        self._create_temp_table(statement)
            elif missing:
                self._ddl_in_transaction = self._in_transaction
                with self._raw_transaction():
                    self._migration_lock()
                    for statement in missing:
                        self._execute_ddl(statement)
            self._tables = None
            # inside a transaction that created tables, a rollback could undo the creation;
            # tables that were all there before it (no DDL ran in it) stay whatever happens
            if not self._in_transaction or not (missing or self._ddl_in_transaction):
                self._ensured.add(ddl)

    def _known_tables(self) -> set[str]:
        if self._tables is None:
            self._tables = self.table_names()
        return self._tables

    # transactions -------------------------------------------------------------------------

    @contextmanager
    def transaction(self) -> Iterator[Connection]:
        """All-or-nothing writes under the store-wide writer lock; nested use joins the outer
        transaction (use :meth:`savepoint` to make a nested part undoable alone)."""
        if self.readonly:
            raise StoreError(f"{self.target}: opened read-only, cannot write")
        with self._raw_transaction() as conn:
            yield conn

    @contextmanager
    def _raw_transaction(self) -> Iterator[Connection]:
        with self._lock:
            if self._in_transaction:
                yield self.conn
                return
            self._begin_locked()
            self._in_transaction = True
            self._ddl_in_transaction = False
            try:
                yield self.conn
            except BaseException:
                self._in_transaction = False
                self._rollback()
                raise
            self._in_transaction = False
            self._commit()

    @property
    def in_transaction(self) -> bool:
        return self._in_transaction

    @contextmanager
    def savepoint(self) -> Iterator[Connection]:
        """A nested part of a transaction that rolls back alone when it fails."""
        with self.transaction() as conn:
            name = f"sl_{next(_savepoints)}"
            conn.execute(f"SAVEPOINT {name}")
            try:
                yield conn
            except BaseException:
                conn.execute(f"ROLLBACK TO SAVEPOINT {name}")
                conn.execute(f"RELEASE SAVEPOINT {name}")
                raise
            conn.execute(f"RELEASE SAVEPOINT {name}")

    def state_version(self, name: str = "stories") -> int:
        """How many times writers changed the shared state ``name`` (see the module doc)."""
        row = self.conn.execute(
            "SELECT version FROM store_state WHERE name = ?", (name,)
        ).fetchone()
        return int(row[0]) if row else 0

    def bump_state_version(self, name: str = "stories") -> int:
        """Record a change of shared state ``name``; call inside the writing transaction."""
        with self.transaction() as conn:
            conn.execute(
                "INSERT INTO store_state (name, version) VALUES (?, 1) "
                "ON CONFLICT (name) DO UPDATE SET version = store_state.version + 1",
                (name,),
            )
            return self.state_version(name)

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
                (article_id, page.origin, page.kind, page.content_hash, page.content, page.url,
                 page.encoding, _now()),
            )  # fmt: skip
            conn.execute(
                "INSERT INTO articles (id, title, body, published, byline, site, url, language, "
                "removed) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (article_id, article.title, article.body, article.published, article.byline,
                 article.site, article.url, article.language,
                 json.dumps([r.__dict__ for r in article.removed], ensure_ascii=False)),
            )  # fmt: skip
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

    def languages_of(self, article_ids: list[str]) -> dict[str, str | None]:
        """Each stored article's language (None when unknown); unknown ids are left out."""
        found: dict[str, str | None] = {}
        for k in range(0, len(article_ids), ID_BATCH):
            batch = list(article_ids[k : k + ID_BATCH])
            marks = ", ".join("?" for _ in batch)
            rows = self.conn.execute(
                f"SELECT id, language FROM articles WHERE id IN ({marks})", batch
            ).fetchall()
            found.update((row[0], row[1]) for row in rows)
        return found

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


def _is_missing(statement: str, tables: set[str], indexes: set[str]) -> bool:
    table = created_table(statement)
    if table is not None:
        return table not in tables
    index = schema.created_index(statement)
    return index is None or index not in indexes


def _article_from_row(row: Any) -> Article:
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
