"""Stored story summaries ("at a glance"): a small JSON document per story.

A summary is computed from a story's comparison, which is too slow to redo for every story on
every front-page load; it is stored with a key of the story's article ids, so a summary goes
stale by itself when an article joins the story.
"""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from storylens.store.base import Store

GLANCE_SCHEMA = """
CREATE TABLE IF NOT EXISTS story_glance (
    story_id TEXT PRIMARY KEY,
    articles_key TEXT NOT NULL,
    summary TEXT NOT NULL,
    computed_at TEXT NOT NULL
);
"""


def articles_key(article_ids: list[str]) -> str:
    """A short fingerprint of the exact set of articles a summary was computed from."""
    return hashlib.sha1("\n".join(sorted(article_ids)).encode()).hexdigest()[:16]


def load_glances(store: Store, wanted: dict[str, str]) -> dict[str, dict[str, Any]]:
    """Stored summaries of ``{story_id: articles_key}`` that are still current."""
    from storylens.store.outlets import table_exists

    found: dict[str, dict[str, Any]] = {}
    if not table_exists(store, "story_glance"):
        return found
    ids = list(wanted)
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        marks = ",".join("?" * len(chunk))
        rows = store.conn.execute(
            f"SELECT story_id, articles_key, summary FROM story_glance WHERE story_id IN ({marks})",
            chunk,
        )
        for story_id, key, summary in rows:
            if wanted.get(story_id) == key:
                found[story_id] = json.loads(summary)
    return found


def save_glance(store: Store, story_id: str, key: str, summary: dict[str, Any]) -> None:
    store.ensure_schema(GLANCE_SCHEMA)
    now = datetime.now(UTC).isoformat(timespec="seconds")
    with store.transaction() as conn:
        conn.execute(
            "INSERT INTO story_glance (story_id, articles_key, summary, computed_at) "
            "VALUES (?, ?, ?, ?) ON CONFLICT (story_id) DO UPDATE SET "
            "articles_key = excluded.articles_key, summary = excluded.summary, "
            "computed_at = excluded.computed_at",
            (story_id, key, json.dumps(summary, ensure_ascii=False), now),
        )
