"""``storylens export stories|articles|facts``: the store as JSONL or CSV for research pipelines.

Ids are stable: story and article ids are the store's own (a merged story's articles carry the
story they joined), and a fact's id is a hash of its story, kind and text, so re-running an
export on an unchanged store gives identical files. Lists (outlets, article ids) are JSON arrays
in JSONL and ``; ``-joined in CSV.
"""

from __future__ import annotations

import csv
import hashlib
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TextIO

import click

from storylens.cli.common import (
    db_option,
    fail,
    open_store,
    show_progress,
    stdout_is_utf8,
    warn,
)

STORY_FIELDS = ["story_id", "title", "lead", "lead_article_id", "articles", "outlets",
                "first_published", "last_published", "first_outlet", "languages",
                "article_ids"]  # fmt: skip
ARTICLE_FIELDS = ["article_id", "story_id", "outlet", "site", "url", "title", "published",
                  "byline", "language", "duplicate_of", "body"]  # fmt: skip
FACT_FIELDS = ["fact_id", "story_id", "kind", "text", "outlets", "article_ids", "source",
               "target", "sentences"]  # fmt: skip
BATCH = 200


def register(group: click.Group) -> None:
    group.add_command(export)


@click.command()
@click.argument("what", type=click.Choice(["stories", "articles", "facts"]))
@db_option
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv"]), default="jsonl",
              show_default=True)  # fmt: skip
@click.option("--output", "-o", default=None, help="Write here instead of stdout.",
              type=click.Path(dir_okay=False, allow_dash=True, path_type=Path))  # fmt: skip
@click.option("--story", "story_ids", multiple=True, help="Only this story (repeatable).")
@click.option("--max-articles", type=click.IntRange(min=2), default=200, show_default=True,
              help="facts: skip bigger stories (comparing them takes long).")  # fmt: skip
@click.option("--progress/--no-progress", default=None,
              help="Progress on stderr [default: when stderr is a terminal].")  # fmt: skip
def export(what: str, db: Path | None, fmt: str, output: Path | None, story_ids: tuple[str, ...],
           max_articles: int, progress: bool | None) -> None:  # fmt: skip
    """Write stories, articles or facts as JSONL or CSV.

    stories: one line per story with its outlets and publication span. articles: one line per
    stored article with its story and outlet. facts: per story, the statements several outlets
    share (kind "shared"), details they state differently ("conflict") and copied passages
    ("copy"), computed by comparing the story's articles.
    """
    with open_store(db) as store:
        ids = _requested_ids(store, story_ids) if story_ids else _all_story_ids(store)
        rows, fields = _rows(store, what, ids, max_articles, show_progress(progress))
        out = sys.stdout if output is None or str(output) == "-" else _open_output(output)
        try:
            count = _write(out, rows, fields, fmt)
        finally:
            if out is not sys.stdout:
                out.close()
    warn(f"{count} {what} exported" + (f" -> {output}" if output else ""))


def _open_output(path: Path) -> Any:
    """The output file, or a one-line error naming it (a missing folder, no permission)."""
    try:
        return path.open("w", encoding="utf-8", newline="")
    except OSError as exc:
        fail(f"{path}: cannot write the export ({exc.strerror or exc})")


def _rows(store: Any, what: str, ids: list[str], max_articles: int,
          progress: bool) -> tuple[Iterator[dict[str, Any]], list[str]]:  # fmt: skip
    if what == "stories":
        return _story_rows(store, ids), STORY_FIELDS
    if what == "articles":
        return _article_rows(store, ids), ARTICLE_FIELDS
    return _fact_rows(store, ids, max_articles, progress), FACT_FIELDS


def _requested_ids(store: Any, story_ids: tuple[str, ...]) -> list[str]:
    """The ``--story`` ids, merged ones resolved; an unknown id stops the export with an error
    (an empty file with exit status 0 reads as "this story has nothing")."""
    from storylens.stories import get_story

    found = []
    for story_id in story_ids:
        story = get_story(store, story_id)
        if story is None:
            fail(f"{story_id}: no such story in {store.target}")
        found.append(story.id)
    return list(dict.fromkeys(found))


def _all_story_ids(store: Any) -> list[str]:
    from storylens.store.ranking import has_story_tables

    if not has_story_tables(store):
        return []
    rows = store.conn.execute(
        "SELECT id FROM stories WHERE merged_into IS NULL ORDER BY first_seen, id"
    ).fetchall()
    return [r[0] for r in rows]


def _ranked(store: Any, ids: list[str]) -> Iterator[Any]:
    from storylens.store.ranking import ranked_by_ids

    for start in range(0, len(ids), BATCH):
        yield from ranked_by_ids(store, ids[start : start + BATCH])


def _story_rows(store: Any, ids: list[str]) -> Iterator[dict[str, Any]]:
    for story in _ranked(store, ids):
        yield {
            "story_id": story.id,
            "title": story.title,
            "lead": story.lead,
            "lead_article_id": story.lead_article_id,
            "articles": story.articles,
            "outlets": story.outlets,
            "first_published": story.first_published,
            "last_published": story.last_published,
            "first_outlet": story.first_outlet,
            "languages": story.languages,
            "article_ids": [m.article_id for m in story.members],
        }


def _article_rows(store: Any, ids: list[str]) -> Iterator[dict[str, Any]]:
    for story in _ranked(store, ids):
        outlets = {m.article_id: m for m in story.members}
        for article in store.get_articles(list(outlets)):
            member = outlets[article.id]
            yield {
                "article_id": article.id,
                "story_id": story.id,
                "outlet": member.outlet,
                "site": article.site,
                "url": article.url,
                "title": article.title,
                "published": article.published,
                "byline": article.byline,
                "language": article.language,
                "duplicate_of": member.duplicate_of,
                "body": article.body,
            }


def _fact_rows(store: Any, ids: list[str], max_articles: int,
               progress: bool) -> Iterator[dict[str, Any]]:  # fmt: skip
    from tqdm import tqdm

    from storylens.compare.summary import story_facts

    for story in tqdm(list(_ranked(store, ids)), unit="story", disable=not progress,
                      file=sys.stderr):  # fmt: skip
        if story.articles < 2:
            continue
        if story.articles > max_articles:
            warn(f"{story.id}: {story.articles} articles, skipped (--max-articles {max_articles})")
            continue
        articles = store.get_articles([m.article_id for m in story.members])
        try:
            facts = story_facts(story.id, articles)
        except Exception as exc:  # one story the comparison fails on must not stop the export
            warn(f"{story.id}: comparison failed ({type(exc).__name__}: {exc}); skipped")
            continue
        yield from _fact_dicts(story.id, facts)


def _fact_dicts(story_id: str, facts: Any) -> Iterator[dict[str, Any]]:
    """The story's facts as rows; a repeated id (same kind and text) gets ``-2``, ``-3``..."""
    seen: dict[str, int] = {}
    for row in _fact_rows_of(story_id, facts):
        seen[row["fact_id"]] = seen.get(row["fact_id"], 0) + 1
        if seen[row["fact_id"]] > 1:
            row["fact_id"] += f"-{seen[row['fact_id']]}"
        yield row


def _fact_rows_of(story_id: str, facts: Any) -> Iterator[dict[str, Any]]:
    for fact in facts.facts:
        yield _fact(story_id, "shared", fact.text, fact.outlets, fact.article_ids)
    for conflict in facts.conflicts:
        yield _fact(story_id, "conflict", conflict.text, conflict.outlets, [])
    for copy in facts.copies:
        text = f"{copy.target or copy.outlets[1]} <- {copy.source or copy.outlets[0]}"
        row = _fact(story_id, "copy", text, copy.outlets, [])
        yield {**row, "source": copy.source, "target": copy.target, "sentences": copy.sentences}


def _fact(story_id: str, kind: str, text: str, outlets: list[str],
          article_ids: list[str]) -> dict[str, Any]:  # fmt: skip
    digest = hashlib.sha1(f"{story_id}\n{kind}\n{text}".encode()).hexdigest()[:16]
    return {"fact_id": f"f-{digest}", "story_id": story_id, "kind": kind, "text": text,
            "outlets": outlets, "article_ids": article_ids, "source": None, "target": None,
            "sentences": None}  # fmt: skip


def _write(out: TextIO, rows: Iterator[dict[str, Any]], fields: list[str], fmt: str) -> int:
    count = 0
    if fmt == "jsonl":
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=out is sys.stdout and not stdout_is_utf8())
                      + "\n")  # fmt: skip
            count += 1
        return count
    writer = csv.DictWriter(out, fieldnames=fields, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: "; ".join(v) if isinstance(v, list) else v for k, v in row.items()})
        count += 1
    return count
