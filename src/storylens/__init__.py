"""storylens: turn raw news pages from many outlets into stories, compared side by side.

The public API is small; each name lives in the module of its pipeline stage and is imported on
first use, so ``import storylens`` stays cheap::

    from storylens import read_pages, extract_pages, Store, ingest_items, compare_articles
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

_PUBLIC = {
    "read_pages": "storylens.ingest",
    "extract_page": "storylens.extract",
    "extract_pages": "storylens.extract",
    "Store": "storylens.store",
    "ingest_items": "storylens.pipeline",
    "StoryEngine": "storylens.stories",
    "list_stories": "storylens.stories",
    "get_story": "storylens.stories",
    "compare_articles": "storylens.compare",
    "compare_texts": "storylens.compare",
    "Page": "storylens.models",
    "Article": "storylens.models",
    "Removed": "storylens.models",
    "Assignment": "storylens.models",
    "InputProblem": "storylens.models",
}

__all__ = ["__version__", *_PUBLIC]


def __getattr__(name: str) -> Any:
    if name in _PUBLIC:
        return getattr(importlib.import_module(_PUBLIC[name]), name)
    raise AttributeError(f"module 'storylens' has no attribute {name!r}")
