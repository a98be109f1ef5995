"""Stories stage: assign articles to stories online and flag near-duplicates.

``StoryEngine(store).add(article)`` assigns one article to an event (a story) and its event to a
storyline; ``list_stories``/``get_story`` and ``list_storylines``/``get_storyline`` read what was
stored.
"""

from storylens.stories.engine import StoryEngine
from storylens.stories.listing import (
    StoryDetail,
    StorySummary,
    get_story,
    get_storyline,
    list_stories,
    list_storylines,
)

__all__ = [
    "StoryDetail",
    "StoryEngine",
    "StorySummary",
    "get_story",
    "get_storyline",
    "list_stories",
    "list_storylines",
]
