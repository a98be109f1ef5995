"""Stories stage: assign articles to stories online and flag near-duplicates.

``StoryEngine(store).add(article)`` assigns one article to an event (a story) and its event to a
storyline; ``list_stories``/``get_story`` and ``list_storylines``/``get_storyline`` read what was
stored. Names are imported on first use, so reading a listing does not load the engine
(numpy, datasketch) and a quick ``storylens stories`` stays fast.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from storylens.stories.engine import StoryEngine, read_article
    from storylens.stories.listing import (
        StoryDetail,
        StorySummary,
        get_story,
        get_storyline,
        list_stories,
        list_storylines,
    )

_PUBLIC = {
    "StoryEngine": "storylens.stories.engine",
    "read_article": "storylens.stories.engine",
    "StoryDetail": "storylens.stories.listing",
    "StorySummary": "storylens.stories.listing",
    "get_story": "storylens.stories.listing",
    "get_storyline": "storylens.stories.listing",
    "list_stories": "storylens.stories.listing",
    "list_storylines": "storylens.stories.listing",
}

__all__ = [
    "StoryDetail",
    "StoryEngine",
    "StorySummary",
    "get_story",
    "get_storyline",
    "list_stories",
    "list_storylines",
    "read_article",
]


def __getattr__(name: str) -> Any:
    if name in _PUBLIC:
        return getattr(importlib.import_module(_PUBLIC[name]), name)
    raise AttributeError(f"module 'storylens.stories' has no attribute {name!r}")
