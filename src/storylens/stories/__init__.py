"""Stories stage: assign articles to stories online and flag near-duplicates.

``StoryEngine(store).add(article)`` assigns one article; ``list_stories`` and ``get_story`` read
what was stored.
"""

from storylens.stories.engine import StoryEngine
from storylens.stories.listing import StoryDetail, StorySummary, get_story, list_stories

__all__ = ["StoryDetail", "StoryEngine", "StorySummary", "get_story", "list_stories"]
