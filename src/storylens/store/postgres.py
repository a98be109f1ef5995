"""PostgreSQL backend: several ingest and serve processes, on one machine or many, one database.

Connections come from one psycopg pool per database and process (the web app opens a store per
worker thread; they share it). Portable SQL is translated on the way (``dialect``). Writers
serialise on a transaction-level advisory lock, so assignment sees the shared story state whole;
readers never wait for it.
"""

from __future__ import annotations

import atexit
import re
import threading
from collections.abc import Iterable, Sequence
from typing import Any

import psycopg
from psycopg.rows import RowMaker
from psycopg_pool import ConnectionPool

from storylens.config import SETTINGS
from storylens.store.base import Store, StoreError
from storylens.store.dialect import created_table, pg_ddl, pg_query

WRITER_LOCK = 0x73746F7279  # "story": one key per database (advisory locks are per database)
SCHEMA_LOCK = 0x736368656D  # "schem"
SCHEMES = ("postgresql://", "postgres://")


def is_postgres_target(target: object) -> bool:
    return isinstance(target, str) and target.startswith(SCHEMES)


def redacted(url: str) -> str:
    """The URL without its password, fit for messages and logs."""
    return re.sub(r"(//[^:/@]+):[^@/]*@", r"\1:***@", url)


class Row(tuple):  # type: ignore[type-arg]
    """A result row that answers to ``row[0]`` and ``row["name"]`` like ``sqlite3.Row``."""

    _index: dict[str, int]

    def __getitem__(self, key: Any) -> Any:  # type: ignore[override]
        if isinstance(key, str):
            return tuple.__getitem__(self, self._index[key])
        return tuple.__getitem__(self, key)

    def keys(self) -> list[str]:
        return list(self._index)


def _row_factory(cursor: Any) -> RowMaker[Row]:
    names = [c.name for c in cursor.description] if cursor.description else []
    index = {name: i for i, name in enumerate(names)}

    def make(values: Sequence[Any]) -> Row:
        row = Row(values)
        row._index = index
        return row

    return make


class PgConnection:
    """``store.conn`` for PostgreSQL: takes the portable SQL the SQLite connection takes."""

    def __init__(self, raw: psycopg.Connection[Any]) -> None:
        self.raw = raw

    def execute(self, sql: str, params: Sequence[Any] | None = None) -> psycopg.Cursor[Any]:
        cursor = self.raw.cursor(row_factory=_row_factory)
        if params:
            cursor.execute(pg_query(sql), tuple(params))  # type: ignore[arg-type]
        else:
            cursor.execute(sql)  # type: ignore[arg-type]
        return cursor

    def executemany(self, sql: str, params: Iterable[Sequence[Any]]) -> psycopg.Cursor[Any]:
        cursor = self.raw.cursor(row_factory=_row_factory)
        rows = [tuple(p) for p in params]
        if rows:
            cursor.executemany(pg_query(sql), rows)  # type: ignore[arg-type]
        return cursor


_pools: dict[str, ConnectionPool[Any]] = {}
_pools_lock = threading.Lock()


def pool_for(url: str) -> ConnectionPool[Any]:
    """This process's connection pool for ``url`` (made on first use, checked at once)."""
    with _pools_lock:
        pool = _pools.get(url)
        if pool is None:
            _check_reachable(url)
            pool = ConnectionPool(
                url,
                min_size=1,
                max_size=SETTINGS.store.pg_pool_size,
                kwargs={"autocommit": True},
                reset=_reset,
                timeout=SETTINGS.store.pg_connect_wait_seconds,
                open=True,
                name=f"storylens {redacted(url)}",
            )
            _pools[url] = pool
        return pool


def close_pool(url: str) -> None:
    """Close this process's connections to ``url`` (e.g. before using it as a template)."""
    with _pools_lock:
        pool = _pools.pop(url, None)
    if pool is not None:
        pool.close()


@atexit.register
def close_all_pools() -> None:
    """Close this process's connections to every server (at exit, and before dropping the
    databases a benchmark made)."""
    for url in list(_pools):
        close_pool(url)


def _reset(conn: psycopg.Connection[Any]) -> None:
    """A connection goes back to the pool clean: no temp tables, no session settings
    (not ``DISCARD ALL``: it would drop the statements psycopg prepared and still uses)."""
    conn.execute("DISCARD TEMP")
    conn.execute("RESET ALL")


def _check_reachable(url: str) -> None:
    try:
        psycopg.connect(url, connect_timeout=10).close()
    except psycopg.Error as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise StoreError(f"{redacted(url)}: cannot connect to PostgreSQL ({first})") from exc


class PostgresStore(Store):
    dialect = "postgresql"

    def __init__(self, url: str, *, create: bool = True, readonly: bool = False) -> None:
        super().__init__(url, create=create, readonly=readonly)
        self.url = url
        self.target = redacted(url)
        self._pool = pool_for(url)
        self._raw = self._pool.getconn()
        self.conn = PgConnection(self._raw)  # type: ignore[assignment]
        try:
            self._check_and_migrate(create=create, can_write=True)
        except psycopg.Error as exc:
            self.close()
            raise StoreError(f"{self.target}: not a usable storylens database ({exc})") from exc
        except BaseException:
            self.close()
            raise

    def close(self) -> None:
        raw, self._raw = self._raw, None
        if raw is None:
            return
        if self._in_transaction:
            raw.execute("ROLLBACK")
            self._in_transaction = False
        self._pool.putconn(raw)

    # transactions -------------------------------------------------------------------------

    def _begin_locked(self) -> None:
        self.conn.execute("BEGIN")
        got = self.conn.execute(f"SELECT pg_try_advisory_xact_lock({WRITER_LOCK})").fetchone()[0]
        if not got:
            if self.wait_notice is not None:
                self.wait_notice(f"{self.target}: waiting for another writer to finish")
            self.conn.execute(f"SELECT pg_advisory_xact_lock({WRITER_LOCK})")

    def _commit(self) -> None:
        self.conn.execute("COMMIT")

    def _rollback(self) -> None:
        self.conn.execute("ROLLBACK")

    def _migration_lock(self) -> None:
        self.conn.execute(f"SELECT pg_advisory_xact_lock({SCHEMA_LOCK})")

    # schema -------------------------------------------------------------------------------

    def table_names(self) -> set[str]:
        rows = self.conn.execute(
            "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE c.relkind IN ('r', 'v', 'p') AND "
            "(n.nspname = current_schema() OR n.oid = pg_my_temp_schema())"
        ).fetchall()
        return {row[0].lower() for row in rows}

    def index_names(self) -> set[str]:
        rows = self.conn.execute(
            "SELECT indexname FROM pg_indexes WHERE schemaname = current_schema()"
        ).fetchall()
        return {row[0].lower() for row in rows}

    def _execute_ddl(self, statement: str) -> None:
        self.conn.execute(pg_ddl(statement))

    def _create_temp_table(self, statement: str) -> None:
        table = created_table(statement)
        _, _, rest = pg_ddl(statement).partition("(")
        rest = re.sub(r"\s+REFERENCES\s+\w+\s*\([^)]*\)", "", rest)
        self.conn.execute(f"CREATE TEMP TABLE IF NOT EXISTS {table} ({rest}")

    def schema_version(self) -> int:
        if "store_state" not in self.table_names():
            return 0
        row = self.conn.execute("SELECT version FROM store_state WHERE name = 'schema'").fetchone()
        return int(row[0]) if row else 0

    def _write_schema_version(self, version: int) -> None:
        self.conn.execute(
            "INSERT INTO store_state (name, version) VALUES ('schema', ?) "
            "ON CONFLICT (name) DO UPDATE SET version = excluded.version",
            (version,),
        )
