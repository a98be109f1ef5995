"""``storylens compare``: how two or more accounts of one story relate."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import click

from storylens.cli.common import db_option, emit_json, fail, store_target, warn
from storylens.extract import extract_pages
from storylens.ingest import load_json, read_pages
from storylens.models import Article, InputProblem
from storylens.store import StoreError, StoreMissing, describe, open_store

if TYPE_CHECKING:
    from storylens.compare import Comparison


def register(group: click.Group) -> None:
    group.add_command(compare)


@click.command()
@click.argument("inputs", nargs=-1)
@db_option
@click.option("--json", "as_json", is_flag=True, help="One JSON object instead of text.")
@click.option(
    "--jsonl",
    "pairs_path",
    type=click.Path(allow_dash=True),
    help="Batch mode: lines {id, a, b} with article texts; one result line per pair.",
)
@click.option("--color/--no-color", default=None, help="Colour [default: when stdout is a tty].")
def compare(
    inputs: tuple[str, ...],
    db: Path | None,
    as_json: bool,
    pairs_path: str | None,
    color: bool | None,
) -> None:
    """Compare articles: INPUTS are files, stored article ids, or '-' for stdin."""
    from storylens.compare import compare_articles, render_text

    if pairs_path is not None:
        _compare_pairs(pairs_path)
        return
    if len(inputs) < 2:
        raise click.UsageError("compare needs two or more inputs (files, stored ids or '-')")
    if inputs.count("-") > 1:
        raise click.UsageError("'-' (stdin) can be given only once: it can be read only once")
    articles = [load_article(spec, db) for spec in inputs]
    comparison = compare_articles(articles)
    if as_json:
        emit_json(comparison.to_dict())
    else:
        use_color = sys.stdout.isatty() if color is None else color
        click.echo(render_text(comparison, color=use_color), color=use_color)


def load_article(spec: str, db: Path | None) -> Article:
    """A file or stdin is extracted like ingest would; anything else is looked up in the store."""
    if spec == "-" or Path(spec).exists():
        for item in extract_pages(read_pages([spec])):
            if isinstance(item, InputProblem):
                fail(str(item))
            return item  # type: ignore[return-value]
        fail(f"{spec}: no article could be read")
    store_path = store_target(db)
    try:
        store = open_store(store_path, readonly=True)
    except StoreMissing:
        fail(f"{spec}: no such file, and no store at {describe(store_path)} to look the id up in")
    except StoreError as exc:
        fail(str(exc))
    with store:
        article = store.get_article(spec)
    if article is None:
        fail(f"{spec}: no such file, and no article with this id in {describe(store_path)}")
    return article  # type: ignore[return-value]


def _compare_pairs(pairs_path: str) -> None:
    """One result line per input line; a bad line gets an error line and the batch goes on."""
    from storylens.compare import compare_texts

    ok = failed = 0
    with click.open_file(pairs_path, encoding="utf-8", errors="replace") as handle:
        for lineno, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            pair_id, error, result = _compare_line(line, compare_texts)
            if error:
                failed += 1
                warn(f"{pairs_path}:{lineno}: {error}")
                emit_json({"id": pair_id, "error": error})
            else:
                ok += 1
                emit_json({"id": pair_id, **result})
    if ok == 0 and failed:
        sys.exit(1)


def _compare_line(
    line: str, compare_texts: Callable[..., Comparison]
) -> tuple[object, str | None, dict[str, object]]:
    try:
        record = load_json(line)
    except ValueError as exc:
        return None, f"line is not valid JSON ({exc})", {}
    if not isinstance(record, dict):
        return None, "expected a JSON object with id, a, b", {}
    pair_id, a, b = record.get("id"), record.get("a"), record.get("b")
    if not isinstance(a, str) or not isinstance(b, str):
        return pair_id, "fields 'a' and 'b' must both be strings", {}
    comparison = compare_texts(a, b, a_id="a", b_id="b")
    return pair_id, None, comparison.to_dict()
