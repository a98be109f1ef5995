"""``open_store``: one way in for every command and the web app, whichever the backend."""

from __future__ import annotations

from pathlib import Path

from storylens.store.base import Store


def is_postgres_target(target: object) -> bool:
    return isinstance(target, str) and target.startswith(("postgresql://", "postgres://"))


def backend_for(target: object) -> type[Store]:
    """PostgreSQL for a ``postgresql://`` URL, SQLite for anything else (a file path)."""
    if is_postgres_target(target):
        from storylens.store.postgres import PostgresStore

        return PostgresStore
    from storylens.store.sqlite import SqliteStore

    return SqliteStore


def open_store(target: str | Path, *, create: bool = False, readonly: bool = False) -> Store:
    """Open a store. Read commands pass ``readonly=True`` (nothing is created or changed);
    only writers that may start a new store (``ingest``) pass ``create=True``.

    Raises ``StoreMissing`` when there is no store and ``create`` is false, ``StoreError`` for
    a foreign database, a newer schema, or a server that cannot be reached.
    """
    backend = backend_for(str(target) if isinstance(target, str) else target)
    return backend(target, create=create, readonly=readonly)  # type: ignore[arg-type]


def describe(target: str | Path) -> str:
    """A store target fit to show (PostgreSQL URLs lose their password)."""
    if not is_postgres_target(str(target)):
        return str(target)
    from storylens.store.postgres import redacted

    return redacted(str(target))
