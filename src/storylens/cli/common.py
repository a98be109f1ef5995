"""Shared CLI plumbing: the ``--db`` option, JSON output, one-line errors on stderr."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from storylens.config import DB_ENV, db_target, default_db_target
from storylens.store import Store, StoreError
from storylens.store import open_store as _open_store

F = TypeVar("F", bound=Callable[..., Any])


def _to_target(ctx: click.Context, param: click.Parameter, value: str | None) -> Any:
    return None if value is None else db_target(value)


def db_option(func: F) -> F:
    """``--db PATH|URL``: a SQLite file or ``postgresql://user@host:port/dbname``
    (default ``$STORYLENS_DB`` or ``./storylens.db``)."""
    return click.option(
        "--db",
        "db",
        type=str,
        default=None,
        callback=_to_target,
        metavar="PATH|URL",
        help=f"Store: SQLite file or postgresql://user@host:port/dbname "
        f"[default: ${DB_ENV} or ./storylens.db]",
    )(func)


def store_target(db: str | Path | None) -> str | Path:
    """The ``--db`` value, or the default store."""
    return db if db is not None else default_db_target()


def open_store(
    db: str | Path | None, *, create: bool = False, readonly: bool = True
) -> Store:
    """Open the store or exit with a one-line error naming it.

    Read commands take the default (read-only, never create: a missing store is an error and
    nothing is made); ``ingest`` asks for ``create=True, readonly=False``.
    """
    target = store_target(db)
    try:
        store = _open_store(target, create=create, readonly=readonly)
    except StoreError as exc:
        fail(str(exc))
        raise  # unreachable, keeps type checkers calm
    store.wait_notice = warn
    return store


def emit_json(obj: Any) -> None:
    """One JSON document per line on stdout (JSONL when called repeatedly)."""
    sys.stdout.write(json_line(obj))


def json_line(obj: Any) -> str:
    """A JSON line in the output's encoding: UTF-8 as is, else non-ASCII as ``\\u`` escapes
    (still the same JSON, where writing it raw would stop with UnicodeEncodeError)."""
    return json.dumps(obj, ensure_ascii=not stdout_is_utf8(), default=str) + "\n"


def stdout_is_utf8() -> bool:
    encoding = (getattr(sys.stdout, "encoding", None) or "utf-8").lower().replace("_", "-")
    return encoding in ("utf-8", "utf8", "utf-8-sig")


def tolerate_narrow_output() -> None:
    """Human output to a stream that cannot encode every character (a latin-1 or ASCII
    locale) shows ``\\u`` escapes for those characters instead of a traceback."""
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", None) or "utf-8").lower().replace("_", "-")
        if encoding not in ("utf-8", "utf8") and hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")


def warn(message: str) -> None:
    """A one-line problem report on stderr; processing goes on."""
    click.echo(f"storylens: {message}", err=True)


def fail(message: str, code: int = 1) -> None:
    """Stop with a one-line error on stderr."""
    warn(message)
    sys.exit(code)


def show_progress(explicit: bool | None) -> bool:
    """Progress bars by default only when stderr is a terminal (quiet in pipes and CI)."""
    return sys.stderr.isatty() if explicit is None else explicit
