"""Shared CLI plumbing: the ``--db`` option, JSON output, one-line errors on stderr."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from storylens.config import DB_ENV, default_db_path
from storylens.store import Store, StoreError

F = TypeVar("F", bound=Callable[..., Any])


def db_option(func: F) -> F:
    """``--db PATH``: the store file (default ``$STORYLENS_DB`` or ``./storylens.db``)."""
    return click.option(
        "--db",
        "db",
        type=click.Path(dir_okay=False, path_type=Path),
        default=None,
        help=f"SQLite store file [default: ${DB_ENV} or ./storylens.db]",
    )(func)


def open_store(db: Path | None) -> Store:
    """Open the store or exit with a one-line error naming the file."""
    path = db or default_db_path()
    try:
        return Store(path)
    except StoreError as exc:
        fail(str(exc))
        raise  # unreachable, keeps type checkers calm


def emit_json(obj: Any) -> None:
    """One JSON document per line on stdout (JSONL when called repeatedly)."""
    sys.stdout.write(json.dumps(obj, ensure_ascii=False, default=str) + "\n")


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
