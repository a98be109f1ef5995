"""SQLite backend: one file, WAL journal, the embedded default.

The writer lock is SQLite's own: ``BEGIN IMMEDIATE`` takes the file's write lock for the whole
transaction, so concurrent ingests queue (a waiting writer is told once) while readers go on in
WAL mode. An existing file is inspected before anything is changed in it: somebody else's
database, a store from a newer storylens, or a file that is no database is refused untouched.
"""

from __future__ import annotations

import os
import sqlite3
import time
from pathlib import Path
from urllib.parse import quote

from storylens.config import SETTINGS
from storylens.store.base import AddResult, Store, StoreError, StoreMissing
from storylens.store.dialect import created_table

__all__ = ["AddResult", "SqliteStore", "Store", "StoreError"]

FIRST_WAIT_MS = 200
"""How long a writer waits quietly for the lock before it says it is waiting."""


class SqliteStore(Store):
    dialect = "sqlite"

    def __init__(self, path: str | Path, *, create: bool = True, readonly: bool = False) -> None:
        super().__init__(path, create=create, readonly=readonly)
        self.path = Path(path)
        self.target = str(self.path)
        if not self.path.exists() and (readonly or not create):
            raise StoreMissing(
                f"{self.path}: no storylens store here (create one with "
                f"`storylens ingest --db {self.path} PAGES...`)"
            )
        self.conn = self._connect()
        try:
            can_write = not readonly or os.access(self.path, os.W_OK)
            self._check_and_migrate(create=create, can_write=can_write and not readonly)
            if not readonly:
                self.conn.execute("PRAGMA journal_mode=WAL")
                self.conn.execute("PRAGMA synchronous=NORMAL")
            elif can_write and self.schema_version() < _latest():
                self._upgrade_with_writer()
        except sqlite3.DatabaseError as exc:
            self.conn.close()
            raise StoreError(f"{self.path}: not a usable storylens database ({exc})") from exc
        except BaseException:
            self.conn.close()
            raise

    def _connect(self) -> sqlite3.Connection:
        timeout = SETTINGS.store.writer_wait_seconds
        try:
            if self.readonly:
                conn = _open_readonly(self.path, timeout)
            else:
                conn = sqlite3.connect(
                    str(self.path), check_same_thread=False, isolation_level=None, timeout=timeout
                )
            conn.row_factory = sqlite3.Row
            conn.execute("PRAGMA foreign_keys=ON")
            conn.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}: not a usable storylens database ({exc})") from exc
        return conn

    def _upgrade_with_writer(self) -> None:
        """An older store opened read-only is upgraded once through a writable connection
        (when the file is writable), so the read code only ever sees the current schema."""
        SqliteStore(self.path, create=False).close()
        self._tables = None

    def close(self) -> None:
        self.conn.close()

    # transactions -------------------------------------------------------------------------

    def _begin_locked(self) -> None:
        self.conn.execute(f"PRAGMA busy_timeout={FIRST_WAIT_MS}")
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) and "busy" not in str(exc):
                raise
            if self.wait_notice is not None:
                self.wait_notice(f"{self.path}: waiting for another writer to finish")
            self._begin_waiting()
        finally:
            self.conn.execute(f"PRAGMA busy_timeout={SETTINGS.store.writer_wait_seconds * 1000}")

    def _begin_waiting(self) -> None:
        deadline = time.monotonic() + SETTINGS.store.writer_wait_seconds
        self.conn.execute(f"PRAGMA busy_timeout={SETTINGS.store.writer_wait_seconds * 1000}")
        while True:
            try:
                self.conn.execute("BEGIN IMMEDIATE")
                return
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) or time.monotonic() > deadline:
                    message = f"{self.path}: another writer held the store too long"
                    raise StoreError(message) from exc

    def _commit(self) -> None:
        self.conn.execute("COMMIT")

    def _rollback(self) -> None:
        self.conn.execute("ROLLBACK")

    def _migration_lock(self) -> None:
        """``BEGIN IMMEDIATE`` already keeps every other writer out."""

    # schema -------------------------------------------------------------------------------

    def table_names(self) -> set[str]:
        rows = self.conn.execute(
            "SELECT name FROM sqlite_master WHERE type IN ('table', 'view') "
            "UNION SELECT name FROM sqlite_temp_master WHERE type = 'table'"
        ).fetchall()
        return {row[0].lower() for row in rows if not row[0].startswith("sqlite_")}

    def index_names(self) -> set[str]:
        rows = self.conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'")
        return {row[0].lower() for row in rows}

    def _execute_ddl(self, statement: str) -> None:
        self.conn.execute(statement)

    def _create_temp_table(self, statement: str) -> None:
        table = created_table(statement)
        _, _, rest = statement.partition("(")
        self.conn.execute(f"CREATE TEMP TABLE IF NOT EXISTS {table} ({rest}")

    def schema_version(self) -> int:
        return int(self.conn.execute("PRAGMA user_version").fetchone()[0])

    def _write_schema_version(self, version: int) -> None:
        self.conn.execute(f"PRAGMA user_version = {int(version)}")


def _latest() -> int:
    from storylens.store.schema import SCHEMA_VERSION

    return SCHEMA_VERSION


def _open_readonly(path: Path, timeout: float) -> sqlite3.Connection:
    """Read-only, also for a file (or folder) we may not write: then as immutable, since the
    WAL index cannot be created next to it."""
    uri = f"file:{quote(str(path.resolve()))}?mode=ro"
    for suffix in ("", "&immutable=1"):
        conn = sqlite3.connect(
            uri + suffix, uri=True, check_same_thread=False, isolation_level=None, timeout=timeout
        )
        try:
            conn.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
            return conn
        except sqlite3.OperationalError:
            conn.close()
            if suffix:
                raise
    raise AssertionError("unreachable")
