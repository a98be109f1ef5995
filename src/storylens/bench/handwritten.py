"""Hand-written item sets shipped with the bench (``bench/data/*.jsonl``): one made-up event per
line, each role (``original``, ``copy``, ``a``, ``b`` ...) one outlet's report of it, with its
``split`` (tune / held_out) fixed in the file before any scoring."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from storylens.models import Article


def read_items(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def item_article(item: dict[str, Any], role: str) -> Article:
    """One report of an item as an :class:`Article` (id ``<item>-<role>``, site = its outlet)."""
    part = item[role]
    return Article(
        id=f"{item['id']}-{role}",
        origin=part["origin"],
        title=part["title"],
        body=part["body"],
        published=part["published"],
        site=part["origin"],
        language=item.get("language"),
    )
