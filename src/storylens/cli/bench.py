"""``storylens bench …``: measured quality and speed, never claimed."""

from __future__ import annotations

import importlib
import json
from pathlib import Path

import click

from storylens.config import default_bench_dir

data_option = click.option(
    "--data",
    "data_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Benchmark data folder [default: $STORYLENS_BENCH or ../shared/bench].",
)


def register(group: click.Group) -> None:
    group.add_command(bench)


@click.group()
def bench() -> None:
    """Run a benchmark and print its scores as JSON."""


def _run(module: str, data_dir: Path | None, **opts: object) -> None:
    folder = data_dir or default_bench_dir()
    if not folder.is_dir():
        raise click.ClickException(f"{folder}: benchmark data folder not found (use --data)")
    runner = importlib.import_module(f"storylens.bench.{module}")
    result = runner.run(folder, **{k: v for k, v in opts.items() if v is not None})
    click.echo(json.dumps(result, indent=2, ensure_ascii=False))


@bench.command("extract")
@data_option
@click.option("--limit", type=int, default=None, help="Only the first N pages of each set.")
@click.option("--html/--no-html", default=True, help="Score the HTML set too.")
@click.option("--text/--no-text", default=True, help="Score the plain-text set.")
@click.option(
    "--part",
    type=click.Choice(["body", "metadata", "republished", "clean", "external"]),
    default="body",
    show_default=True,
    help="body: article text (and metadata beside it); metadata: title, date, byline and "
    "site against each HTML page's declared metadata, tune and held-out sites apart; "
    "republished: reports republished by 12 outlets in 5 updates, through ingest; "
    "clean: clean articles (stories-dev, storylines-dev) kept whole by extraction; "
    "external: HTML pages of other sites (--external), never tuned on.",
)
@click.option(
    "--renderer",
    "renderers",
    multiple=True,
    help="With --part metadata: only these dump renderers (repeatable) [default: all].",
)
@click.option(
    "--external",
    type=click.Path(file_okay=False, exists=True, path_type=Path),
    default=None,
    help="With --part external: folder of JSONL sets from scripts/external_html_sets.py "
    "[default: <data>/external].",
)
def bench_extract(
    data_dir: Path | None,
    limit: int | None,
    html: bool,
    text: bool,
    part: str,
    renderers: tuple[str, ...],
    external: Path | None,
) -> None:
    """Extraction F1 on boilerplate-dev.jsonl (plain text) and html-extraction/ (HTML)."""
    if part == "metadata":
        _run("extract_metadata", data_dir, limit=limit, renderers=list(renderers) or None)
        return
    if part == "external":
        _run("external", data_dir, external=external, limit=limit, text=text)
        return
    if part in ("republished", "clean"):
        _run(part, data_dir, limit=limit)
        return
    _run("extract", data_dir, limit=limit, html=html, text=text)


@bench.command("stories")
@data_option
@click.option(
    "--scale",
    type=int,
    multiple=True,
    help="Also measure assignment latency with this many stored articles (repeatable).",
)
@click.option(
    "--external",
    type=click.Path(file_okay=False, exists=True, path_type=Path),
    default=None,
    help="Instead: false grouping on a diverse feed, the JSONL sets of HTML pages of other "
    "sites in this folder (from scripts/external_html_sets.py) ingested together.",
)
def bench_stories(data_dir: Path | None, scale: tuple[int, ...], external: Path | None) -> None:
    """Story clustering B-cubed/pairwise F1 on stories-dev.jsonl, speed and latency."""
    if external is not None:
        _run("diverse", data_dir, path=external)
        return
    _run("stories", data_dir, scale=list(scale) or None)


@bench.command("compare")
@data_option
@click.option(
    "--part",
    "parts",
    multiple=True,
    type=click.Choice(
        ["alignment", "conflicts", "conflicts-real", "conflicts-written", "reuse",
         "reuse-paraphrase", "msrp", "quotes", "quotes-multilingual", "commentary", "story",
         "speed", "cjk", "languages"]
    ),
    help="Only these sections (repeatable) [default: all but conflicts-written, "
    "reuse-paraphrase].",
)
@click.option(
    "--quotes-file",
    type=click.Path(dir_okay=False, exists=True, path_type=Path),
    default=None,
    help="Only score quotes on this file in the quotes-dev shape (an outside held-out set, e.g. "
    "from scripts/ggt_quotes_set.py), with the trivial baselines beside.",
)
def bench_compare(
    data_dir: Path | None, parts: tuple[str, ...], quotes_file: Path | None
) -> None:
    """Judge (MSRP 10-fold CV), labelled story pairs and conflicts, quotes (quotes-dev and the
    hand-made multilingual set), 60/200-article story API and page, comparisons per second."""
    if quotes_file is not None:
        _run("quotes_external", data_dir, path=quotes_file)
        return
    _run("compare", data_dir, parts=list(parts) or None)


@bench.command("web")
@data_option
@click.option("--front-only", is_flag=True,
              help="Only the front page and 60-article story on the synthetic newsroom "
              "(needs no benchmark data).")  # fmt: skip
def bench_web(data_dir: Path | None, front_only: bool) -> None:
    """Page load times (front page, story pages) and API requests per second (loopback)."""
    if front_only:
        from storylens.bench.web import measure_newsroom

        click.echo(json.dumps({"newsroom": measure_newsroom(20)}, indent=2))
        return
    _run("web", data_dir)


@bench.command("cli")
@click.option("--runs", type=click.IntRange(3, 100), default=10, show_default=True)
def bench_cli(runs: int) -> None:
    """Start-up time of storylens --help and stories against a bare Python start."""
    from storylens.bench.cli import run_cli_bench

    click.echo(json.dumps(run_cli_bench(runs), indent=2))


@bench.command("scale")
@data_option
@click.option("--pg", default=None, metavar="URL",
              help="PostgreSQL server to use (databases are created and dropped); "
              "default: a throwaway local cluster.")  # fmt: skip
@click.option("--scale", type=int, multiple=True,
              help="Stored articles for the latency figure (repeatable) [default: 10000].",
              )  # fmt: skip
@click.option("--workers", type=int, default=4, show_default=True,
              help="Concurrent ingest processes.")  # fmt: skip
@click.option("--only", multiple=True, help="Only these figures (repeatable).")
@click.option("--backend", "backends", multiple=True, type=click.Choice(["postgresql", "sqlite"]),
              help="Where assignment_latency builds its stores (repeatable; api_under_ingest "
              "serves the last) [default: postgresql].")  # fmt: skip
@click.option("--keep", is_flag=True,
              help="Keep the PostgreSQL databases made (to inspect them; with --pg).")  # fmt: skip
@click.option(
    "--dask",
    "dask_figures",
    is_flag=True,
    help="Instead: parallel (--workers) and Dask ingest figures (throughput, scaling curve, "
    "stories vs a sequential ingest).",
)
@click.option("--limit", type=int, default=None, help="With --dask: only the first N HTML pages.")
def bench_scale(
    data_dir: Path | None, pg: str | None, scale: tuple[int, ...], workers: int,
    only: tuple[str, ...], backends: tuple[str, ...], keep: bool, dask_figures: bool,
    limit: int | None,
) -> None:  # fmt: skip
    """Several writers on one store (SQLite, PostgreSQL) and PostgreSQL at scale; with --dask,
    parallel and distributed ingest."""
    if dask_figures:
        _run("scale_dask", data_dir, limit=limit)
        return
    if keep and not pg:
        raise click.UsageError("--keep needs --pg URL (a throwaway cluster is removed anyway)")
    _run("scale", data_dir, pg=pg, scale=list(scale) or None, workers=workers,
         only=list(only) or None, backends=list(backends) or None, keep=keep)  # fmt: skip


@bench.command("duplicates")
@data_option
@click.option("--sample", type=int, default=None,
              help="Originals republished per sub-corpus [default: 120].")
def bench_duplicates(data_dir: Path | None, sample: int | None) -> None:
    """Near-duplicate flags on republished copies (made from stories-dev.jsonl) through ingest."""
    _run("duplicates", data_dir, sample=sample)
