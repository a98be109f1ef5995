"""``storylens extract`` and ``storylens ingest``: pages in, clean articles out or stored."""

from __future__ import annotations

import sys
import textwrap
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click

from storylens.cli.common import db_option, emit_json, fail, open_store, show_progress, warn
from storylens.compare import article_quotes
from storylens.config import SETTINGS
from storylens.extract import no_article_reason
from storylens.ingest import read_jsonl_input, read_pages
from storylens.models import Article, Extracted, InputProblem, Page
from storylens.pipeline import IngestOutcome, batch_collection, ingest_items, store_extracted
from storylens.pipeline.parallel import extract_parallel

max_page_option = click.option(
    "--max-page-mb",
    type=click.FloatRange(min=0.001),
    default=SETTINGS.ingest.max_page_bytes / 1_048_576,
    show_default=True,
    help="Refuse pages larger than this.",
)


workers_option = click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=None,
    help="Extraction processes [default: all cores; 1 extracts in this process].",
)
dask_option = click.option(
    "--dask",
    "dask_scheduler",
    metavar="ADDRESS|local[:N]",
    default=None,
    help="Read and extract on a Dask cluster: a scheduler address (tcp://host:8786) or "
    "local:N to start N local worker processes. Stories are still assigned here, in order.",
)

partition_option = click.option(
    "--partition-records",
    type=click.IntRange(min=1),
    default=500,
    show_default=True,
    help="With --dask: JSONL files are cut into parts of this many records (500 keeps site "
    "templates learned exactly as in a run without --dask).",
)


def register(group: click.Group) -> None:
    group.add_command(extract)
    group.add_command(ingest)


@click.command()
@click.argument("paths", nargs=-1)
@click.option("--json", "as_json", is_flag=True, help="One JSON object per article.")
@click.option(
    "--jsonl",
    "jsonl_path",
    type=click.Path(allow_dash=True),
    help="Batch mode: lines {id, text|html, url?, site?}; '-' reads stdin. Implies JSON output.",
)
@click.option("--show-removed", is_flag=True, help="Also list removed lines (human output).")
@max_page_option
@workers_option
@dask_option
@partition_option
def extract(
    paths: tuple[str, ...],
    as_json: bool,
    jsonl_path: str | None,
    show_removed: bool,
    max_page_mb: float,
    workers: int | None,
    dask_scheduler: str | None,
    partition_records: int,
) -> None:
    """Print the article extracted from each page (text, HTML, WARC or JSONL, gzipped or not)."""
    limit = int(max_page_mb * 1_048_576)
    if jsonl_path is None and not paths:
        raise click.UsageError("give PATH... or --jsonl FILE (use - for stdin)")
    ok = failed = 0
    dask = (dask_scheduler, partition_records) if dask_scheduler else None
    as_json = as_json or bool(jsonl_path)
    for extracted in _extracted(paths, jsonl_path, limit, workers, dask, quotes=as_json):
        result = extracted if isinstance(extracted, InputProblem) else extracted.article
        if isinstance(result, InputProblem) and result.warning:
            warn(str(result))  # about the page just printed: stderr only, one line out per input
            continue
        if isinstance(result, InputProblem):
            failed += 1
            warn(str(result))
            if jsonl_path:
                emit_json({"id": result.record_id, "path": result.origin, "error": result.message})
            continue
        ok += 1
        if as_json:
            emit_json(article_json(result, quotes=extracted.quotes))  # type: ignore[union-attr]
        else:
            click.echo(render_article(result, show_removed=show_removed))
    _exit_status(ok, failed)


def _extracted(
    paths: tuple[str, ...],
    jsonl_path: str | None,
    limit: int,
    workers: int | None,
    dask: tuple[str, int] | None,
    *,
    quotes: bool = False,
) -> Iterator[Extracted | InputProblem]:
    """Extracted pages in input order: in worker processes, or on a Dask cluster; with
    ``quotes`` each article's quotations are found there too, beside its extraction."""
    if dask:
        from storylens.pipeline.cluster import extract_on_dask, plan_partitions

        specs = [jsonl_path] if jsonl_path else list(paths)
        parts = plan_partitions(specs, partition_records=dask[1])
        with _dask_session(dask[0]) as client:
            yield from extract_on_dask(
                client, parts, max_page_bytes=limit, sign=False, quotes=quotes
            )
        return
    items = (
        _jsonl_items(jsonl_path, limit) if jsonl_path else read_pages(paths, max_page_bytes=limit)
    )
    yield from extract_parallel(items, workers=workers, quotes=quotes)


@contextmanager
def _dask_session(scheduler: str) -> Iterator[Any]:
    """A Dask client, or a one-line error naming the scheduler."""
    from storylens.pipeline.cluster import dask_client

    try:
        session = dask_client(scheduler)
        client = session.__enter__()
    except (OSError, ValueError, TimeoutError) as exc:
        fail(f"{scheduler}: cannot use this Dask scheduler ({exc})")
    try:
        yield client
    finally:
        session.__exit__(None, None, None)


def _jsonl_items(jsonl_path: str, limit: int) -> Iterator[Page | InputProblem]:
    if jsonl_path == "-":
        yield from read_jsonl_input(sys.stdin.buffer, "<stdin>", limit=limit)
        return
    path = Path(jsonl_path)
    try:
        with path.open("rb") as handle:
            yield from read_jsonl_input(handle, str(path), limit=limit)
    except OSError as exc:
        yield InputProblem(str(path), f"cannot read file ({exc.strerror or exc})")


def article_json(
    article: Article, *, quotes: list[dict[str, Any]] | None = None
) -> dict[str, object]:
    """The JSON shape of an extracted article (stable keys, see README); ``quotes`` when they
    were already found (in an extraction worker), else found here."""
    return {
        "id": article.id,
        "path": article.origin,
        "title": article.title,
        "body": article.body,
        "published": article.published,
        "byline": article.byline,
        "site": article.site,
        "url": article.url,
        "language": article.language,
        "removed": [{"text": r.text, "reason": r.reason} for r in article.removed],
        "quotes": article_quotes(article) if quotes is None else quotes,
    }


def render_article(article: Article, *, show_removed: bool = False) -> str:
    """Human-readable article: a header, the wrapped body, and a removed-lines summary."""
    rule = click.style("─" * 72, dim=True)
    meta = [
        f"{label}: {value}"
        for label, value in (
            ("Published", article.published),
            ("By", article.byline),
            ("Site", article.site),
        )
        if value
    ]
    lines = [rule, click.style(article.origin, dim=True), click.style(article.title, bold=True)]
    lines += [click.style(m, fg="cyan") for m in meta]
    if (reason := no_article_reason(article)) is not None:
        lines.append(click.style(f"No article found ({reason}).", fg="yellow"))
    lines.append("")
    for paragraph in article.paragraphs:
        lines.append(textwrap.fill(paragraph, width=88))
        lines.append("")
    if show_removed:
        for removed in article.removed:
            snippet = textwrap.shorten(removed.text, width=70, placeholder="…")
            lines.append(click.style(f"  - [{removed.reason}] {snippet}", dim=True))
    else:
        lines.append(
            click.style(
                f"({len(article.removed)} lines removed; --show-removed lists them)", dim=True
            )
        )
    return "\n".join(lines)


@click.command()
@click.argument("paths", nargs=-1, required=True)
@db_option
@click.option(
    "--progress/--no-progress",
    default=None,
    help="Progress bar on stderr [default: when stderr is a terminal].",
)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON line per page.")
@max_page_option
@workers_option
@dask_option
@partition_option
def ingest(
    paths: tuple[str, ...],
    db: Path | None,
    progress: bool | None,
    as_json: bool,
    max_page_mb: float,
    workers: int | None,
    dask_scheduler: str | None,
    partition_records: int,
) -> None:
    """Store pages (files, directories, globs, '-') and assign each to a story."""
    limit = int(max_page_mb * 1_048_576)
    store = open_store(db, create=True, readonly=False)
    with _progress_bar(show_progress(progress)) as bar, batch_collection():

        def on_item(event: IngestOutcome | InputProblem) -> None:
            bar.update(1)
            if isinstance(event, InputProblem):
                bar.write(f"storylens: {event}", file=sys.stderr)
            elif as_json:
                emit_json(event.__dict__)

        if dask_scheduler:
            from storylens.pipeline.cluster import extract_on_dask, plan_partitions

            with _dask_session(dask_scheduler) as client:
                report = store_extracted(
                    store,
                    extract_on_dask(
                        client,
                        plan_partitions(paths, partition_records=partition_records),
                        max_page_bytes=limit,
                    ),
                    on_item=on_item,
                )
        else:
            items = read_pages(paths, max_page_bytes=limit)
            report = ingest_items(store, items, on_item=on_item, workers=workers)
    store.close()
    failed = sum(1 for p in report.problems if not p.warning)
    notes = len(report.problems) - failed
    warn(
        f"{_count(report.added, 'new article')}, {report.unchanged} already stored, "
        f"{_count(failed, 'problem')}" + (f", {_count(notes, 'note')}" if notes else "")
        + _skipped_summary(report.skipped) + f" -> {store.target}"
    )
    _exit_status(len(report.outcomes), failed)


def _skipped_summary(skipped: list[InputProblem], named: int = 3) -> str:
    """", 2 pages without an article (a.html, b.txt)": the pages not stored, by name."""
    if not skipped:
        return ""
    names = [Path(p.origin).name or p.origin for p in skipped[:named]]
    more = f" and {len(skipped) - named} more" if len(skipped) > named else ""
    noun = "page" if len(skipped) == 1 else "pages"
    return f", {len(skipped)} {noun} without an article ({', '.join(names)}{more})"


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _progress_bar(enabled: bool):  # type: ignore[no-untyped-def]
    from tqdm import tqdm

    return tqdm(unit="page", disable=not enabled, file=sys.stderr, dynamic_ncols=True)


def _exit_status(ok: int, failed: int) -> None:
    """Non-zero only when nothing at all could be processed."""
    if ok == 0 and failed > 0:
        sys.exit(1)
