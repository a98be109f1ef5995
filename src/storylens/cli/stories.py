"""CLI commands of the stories family: ``stories``, ``storylines``, ``show`` and ``cluster``."""

from __future__ import annotations

import sys
from dataclasses import asdict, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from storylens.cli.common import db_option, emit_json, fail, open_store, warn
from storylens.config import SETTINGS
from storylens.config import db_target as _target
from storylens.models import Article, Assignment, InputProblem, Page

if TYPE_CHECKING:  # imported where used: listing stories must not load the engine or compare
    from storylens.compare import StoryComparison
    from storylens.stories import StoryEngine


def register(group: click.Group) -> None:
    """Attach this module's commands to the main group."""
    for command in (stories_command, storylines_command, show_command, cluster_command):
        group.add_command(command)


@click.command("stories")
@db_option
@click.option("--limit", type=click.IntRange(min=1), default=50, show_default=True,
              help="Stories to show.")  # fmt: skip
@click.option("--offset", type=click.IntRange(min=0), default=0, show_default=True,
              help="Stories to skip (for the next page).")  # fmt: skip
@click.option("--query", "-q", default=None,
              help="Only stories with this in a headline, lead or article title.")  # fmt: skip
@click.option("--outlet", default=None, help="Only stories with an article of this outlet.")
@click.option("--language", default=None, help="Only stories with an article in this language.")
@click.option("--since", default=None, help="Only stories active on or after this ISO date.")
@click.option("--until", default=None, help="Only stories that began on or before this date.")
@click.option("--sort", type=click.Choice(["weight", "recent"]), default="weight",
              show_default=True, help="weight: outlets and articles, fading with age "
              "(as on the web page); recent: last activity first.")  # fmt: skip
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list instead of a table.")
def stories_command(
    db: Path | None, limit: int, offset: int, query: str | None, outlet: str | None,
    language: str | None, since: str | None, until: str | None, sort: str, as_json: bool,
) -> None:  # fmt: skip
    """List stories, biggest and newest first: outlets, articles and publication span."""
    from storylens.cli.table import echo_table, footer
    from storylens.store.ranking import StoryFilters, check_filters, rank_stories

    filters = StoryFilters(query=query, outlet=outlet, language=language, since=since,
                           until=until)  # fmt: skip
    for problem in check_filters(filters):
        raise click.BadParameter(problem.split(": ", 1)[1], param_hint=f"--{problem.split(':')[0]}")
    with open_store(db) as store:
        found, total = rank_stories(store, filters, limit=limit, offset=offset, sort=sort)
    if as_json:
        emit_json([s.to_dict() for s in found])
        return
    rows = [
        (s.id, str(s.articles), str(len(s.outlets)), _span(s.first_published, s.last_published),
         _some(s.outlets), s.title or "(untitled)")
        for s in found
    ]  # fmt: skip
    headers = ("STORY", "ARTICLES", "OUTLETS", "PUBLISHED", "OUTLET NAMES", "HEADLINE")
    echo_table(headers, rows, flex=5, note=footer(len(found), offset, total, "stories"))


@click.command("storylines")
@click.argument("storyline_id", required=False)
@db_option
@click.option("--limit", type=click.IntRange(min=1), default=50, show_default=True,
              help="Storylines to show.")  # fmt: skip
@click.option("--offset", type=click.IntRange(min=0), default=0, show_default=True,
              help="Storylines to skip (for the next page).")  # fmt: skip
@click.option("--all", "with_single", is_flag=True, help="Also storylines of a single event.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
def storylines_command(
    storyline_id: str | None,
    db: Path | None,
    limit: int,
    offset: int,
    with_single: bool,
    as_json: bool,
) -> None:
    """List storylines (events linked over weeks or months), or the timeline of one."""
    from storylens.stories import get_storyline, list_storylines

    with open_store(db) as store:
        if storyline_id is not None:
            line = get_storyline(store, storyline_id)
            if line is None:
                fail(f"{storyline_id}: no such storyline in {store.path}")
                return
            if as_json:
                emit_json(asdict(line))
                return
            click.echo(f"{line.id}  {line.title}\n{line.events} events, {line.articles} "
                       f"articles, {_day(line.first_seen)}..{_day(line.last_seen)}")  # fmt: skip
            for event in line.timeline:
                span = f"{_day(event.first_seen)}..{_day(event.last_seen)}"
                click.echo(f"  {span}  {event.story_id}  {event.articles:>4} art.  "
                           f"{event.title[:80]}")  # fmt: skip
            return
        found = list_storylines(
            store, limit=limit, offset=offset, min_events=1 if with_single else 2
        )
    if as_json:
        emit_json([asdict(s) for s in found])
        return
    for line in found:
        span = f"{_day(line.first_seen)}..{_day(line.last_seen)}"
        click.echo(f"{line.id}  {line.events:>3} ev. {line.articles:>4} art.  {span}  "
                   f"{line.title[:80]}")  # fmt: skip


@click.command("show")
@click.argument("story_id")
@db_option
@click.option("--json", "as_json", is_flag=True, help="Print the story as JSON.")
@click.option("--compare", "with_compare", is_flag=True, help="Compare the story's articles.")
@click.option("--color/--no-color", default=None, help="Colour [default: when stdout is a tty].")
def show_command(
    story_id: str, db: Path | None, as_json: bool, with_compare: bool, color: bool | None
) -> None:
    """List the articles of STORY_ID (merged story ids resolve to the surviving story)."""
    from storylens.compare.render import render_story_text
    from storylens.stories import get_story

    with open_store(db) as store:
        story = get_story(store, story_id)
        if story is None:
            fail(f"{story_id}: no such story in {store.target}{_article_hint(store, story_id)}")
            return
        comparison = _compare_story(store, story.id, story.article_ids) if with_compare else None
        if as_json:
            emit_json(
                {**asdict(story), **({"compare": comparison.to_dict()} if comparison else {})}
            )
            return
        span = (f"published {story.first_seen} .. {story.last_seen}" if story.first_seen
                else "publication dates unknown")  # fmt: skip
        click.echo(f"{story.id}  {story.title}\n{story.articles} articles, {span}; "
                   f"outlets: {', '.join(story.outlets) or 'not named by the pages'}")  # fmt: skip
        if story.storyline:
            click.echo(f"storyline: {story.storyline} (storylens storylines {story.storyline})")
        for assignment, title in zip(story.assignments, story.article_titles, strict=True):
            flag = f"  (copy of {assignment.duplicate_of})" if assignment.duplicate_of else ""
            click.echo(f"  {assignment.article_id}  {title[:90]}{flag}")
        if comparison is not None:
            use_color = sys.stdout.isatty() if color is None else color
            click.echo("")
            click.echo(render_story_text(comparison, color=use_color), color=use_color)


def _compare_story(store: Any, story_id: str, article_ids: list[str]) -> StoryComparison | None:
    """The story's facts x articles comparison (stored facts, new articles folded in); a
    one-article story has nothing to compare."""
    from storylens.compare import compare_story
    from storylens.compare.storage import update_story_facts

    articles = store.get_articles(article_ids)
    if len(articles) < 2:
        warn("a story with one article has nothing to compare")
        return None
    return compare_story(articles, update_story_facts(store, story_id, articles))


def _article_hint(store: Any, some_id: str) -> str:
    """When the id is an article's, which story to show instead (ids look alike)."""
    row = store.conn.execute(
        "SELECT story_id FROM story_articles WHERE article_id = ?", (some_id,)
    ).fetchone()
    return f" ({some_id} is an article: storylens show {row[0]})" if row else ""


@click.command("cluster")
@click.argument("input_file", type=click.File("rb"))
@click.option("--db", default=None, callback=lambda c, p, v: v and _target(v), metavar="PATH|URL",
              help="Persist stories in this store (default: work in memory).")  # fmt: skip
@click.option("--limit", type=click.IntRange(min=1), default=None,
              help="Only the first N input lines.")  # fmt: skip
def cluster_command(input_file: Any, db: Path | None, limit: int | None) -> None:
    """Group the pages of a JSONL file into stories (events) and storylines; one JSON line per
    input, in input order, with its `story` and `storyline`.

    Lines have ``id`` and ``text`` (or ``html``), optionally ``title``, ``source``/``site`` and
    ``published``. Pages are assigned in ``published`` order where given, else input order.
    INPUT_FILE may be gzipped; ``-`` reads stdin.
    """
    from storylens.stories import StoryEngine

    items = _read_items(input_file, input_file.name, max_lines=limit)
    store = open_store(db, create=True, readonly=False) if db else None
    engine = StoryEngine(store, SETTINGS.stories)
    results: dict[int, dict[str, Any]] = {}
    for position in _assignment_order(items):
        results[position] = _cluster_one(engine, store, items[position])
    skipped = 0
    for position in range(len(items)):
        result = results[position]
        internal = result.pop("_internal", None)
        skipped += bool(result.pop("_skipped", False))
        result["story"] = engine.resolve(result["story"]) if result.get("story") else None
        result["storyline"] = engine.storyline_of(internal) if internal else None
        emit_json(result)
    if store is not None:
        store.close()
    failed = sum(1 for r in results.values() if r.get("error")) - skipped
    if failed and failed == len(results):
        sys.exit(1)  # nothing could be clustered (pages without an article are no failure)


def _read_items(handle: Any, origin: str, max_lines: int | None) -> list[Page | InputProblem]:
    """The input's pages and problems, gzipped or not; notes on pages that were read (a field
    ignored, bytes replaced) go to stderr, so the output keeps one line per input."""
    from storylens.ingest import read_jsonl_input

    limit = SETTINGS.ingest.max_page_bytes
    items: list[Page | InputProblem] = []
    for item in read_jsonl_input(handle, origin, limit=limit, max_lines=max_lines):
        if isinstance(item, InputProblem) and item.warning:
            warn(str(item))
        else:
            items.append(item)
    return items


def _assignment_order(items: list[Page | InputProblem]) -> list[int]:
    """Dated pages by publication time, then undated ones, each group in input order."""

    from storylens.stories.checks import event_time

    def key(position: int) -> tuple[int, float, int]:
        item = items[position]
        when = event_time(item.published)[0] if isinstance(item, Page) else None
        return (0, when, position) if when is not None else (1, 0.0, position)

    return sorted(range(len(items)), key=key)


def _cluster_one(engine: StoryEngine, store: Any, item: Page | InputProblem) -> dict[str, Any]:
    if isinstance(item, InputProblem):
        warn(str(item))
        return {"id": item.record_id, "origin": item.origin, "story": None, "error": item.message}
    from storylens.extract import no_article_reason

    article, note = _extract(item)
    if (reason := no_article_reason(article)) is not None:
        warn(f"{item.origin}: no article found ({reason}); not clustered")
        return {"id": item.id, "origin": item.origin, "story": None,
                "error": f"no article found ({reason})", "_skipped": True}  # fmt: skip
    internal = _unique_id(engine, article)
    try:
        assignment = _assign(engine, store, replace(article, id=internal))
    except Exception as exc:  # one bad page must not stop the batch
        warn(f"{item.origin}: could not assign ({exc})")
        return {"id": item.id, "story": None, "error": f"could not assign: {exc}"}
    return _result_line(item.id, internal, assignment, note)


def _extract(page: Page) -> tuple[Article, str | None]:
    """The page's article; a page the extractor cannot read is kept with its raw text."""
    try:
        from storylens.extract import extract_page

        article = extract_page(page)
    except Exception as exc:  # extraction bugs or odd pages: keep the page, say why
        article = Article(id=page.id, origin=page.origin, title=page.title or "",
                          body=page.content, published=page.published, site=page.site)  # fmt: skip
        return article, f"extraction failed ({exc.__class__.__name__}); raw text used"
    return article, None


def _unique_id(engine: StoryEngine, article: Article) -> str:
    """The article id, or ``id~N`` when the input repeats an id already assigned."""
    candidate, n = article.id, 1
    while engine.repo.assignment_of(candidate) is not None:
        n += 1
        candidate = f"{article.id}~{n}"
    return candidate


def _assign(engine: StoryEngine, store: Any, article: Article) -> Assignment:
    if store is None:
        return engine.add(article)
    with store.transaction():
        return engine.add(article)


def _result_line(
    input_id: str, internal: str, assignment: Assignment, extract_note: str | None
) -> dict[str, Any]:
    notes = [n for n in (extract_note, assignment.note) if n]
    if internal != input_id:
        notes.insert(0, f"duplicate id in input: assigned as {internal!r}")
    line: dict[str, Any] = {"id": input_id, "story": assignment.story_id, "_internal": internal}
    if assignment.duplicate_of:
        line["duplicate_of"] = assignment.duplicate_of
    line["similarity"] = assignment.similarity
    if notes:
        line["note"] = "; ".join(notes)
    return line


def _some(names: list[str], shown: int = 2) -> str:
    """The first few outlet names and how many more (the headline keeps the table's width)."""
    more = f" +{len(names) - shown}" if len(names) > shown else ""
    return ", ".join(names[:shown]) + more or "-"


def _span(first: str | None, last: str | None) -> str:
    """Publication days of a story (``?`` when no article gives a date)."""
    if not first:
        return "?"
    a, b = first[:10], (last or first)[:10]
    return a if a == b else f"{a}..{b}"


def _day(iso: str | None) -> str:
    return (iso or "?")[:10]
