"""False grouping on a diverse feed (``storylens bench stories --external DIR``).

A feed of unrelated pages from many sites should leave almost every page an event of its own
and link almost no events into storylines. ``DIR`` holds the JSONL sets of HTML pages that
``scripts/external_html_sets.py`` writes (pages of other sites that no rule was written for).
All pages of all sets go through ingest together (``bench.stories.ingest_run``, the path users
take), in input order and shuffled, and the run reports every group of two or more pages:
events (with the article pairs they join) and storylines (with their events). There is no
gold: most groups are false, some are one event reported twice; the lists are for reading.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Any

from storylens.bench.external import read_sets
from storylens.bench.stories import _ordered, ingest_run
from storylens.config import SETTINGS, StorySettings


def run(data_dir: Path, path: Path, **_: Any) -> dict[str, Any]:
    """Entry point of ``storylens bench stories --external DIR``."""
    records = read_pages(Path(path))
    settings = SETTINGS.stories
    return {
        "pages": len(records),
        "input_order": grouping(records, settings),
        "shuffled": grouping(_ordered(records, "shuffled"), settings),
    }


def read_pages(directory: Path) -> list[dict[str, Any]]:
    """Every HTML page of the JSONL sets in ``directory`` (``id``, ``html``, ``url``, ``title``),
    read as ``bench extract --part external`` reads them."""
    return [row for rows in read_sets(directory).values() for row in rows]


def grouping(records: list[dict[str, Any]], settings: StorySettings) -> dict[str, Any]:
    """Groups of two or more pages at the event and the storyline level."""
    scored = ingest_run(records, "html", settings)
    titles = {str(r["id"]): r.get("title") or "" for r in records}
    events = _groups(scored["events"])
    lines = _groups(scored["storylines"])
    return {
        "articles": len(scored["events"]),
        "events": len(set(scored["events"].values())),
        "events_of_2_or_more": len(events),
        "article_pairs_in_one_event": sum(len(m) * (len(m) - 1) // 2 for m in events),
        "storylines": len(set(scored["storylines"].values())),
        "storylines_of_2_or_more_events": sum(
            1 for m in lines if len({scored["events"][a] for a in m}) > 1
        ),
        "event_groups": [[titles.get(a, a)[:80] for a in m] for m in events],
        "storyline_groups": [
            [titles.get(a, a)[:80] for a in m]
            for m in lines
            if len({scored["events"][a] for a in m}) > 1
        ],
    }


def _groups(assigned: dict[str, str | None]) -> list[list[str]]:
    members: dict[str, list[str]] = defaultdict(list)
    for record_id, group in assigned.items():
        if group is not None:
            members[group].append(record_id)
    return sorted((sorted(m) for m in members.values() if len(m) > 1), key=len, reverse=True)
