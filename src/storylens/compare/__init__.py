"""Comparison stage: how the articles of one story relate.

``compare_articles`` takes :class:`~storylens.models.Article` objects and returns a plain
:class:`Comparison`: shared facts (aligned sentences), what only one article says, copied passages
with their direction, quotations with speakers and variants, commentary, and credited sources.
Every item points at its article and at character offsets into that article's ``body``.
``prepare_article_facts`` is the part of folding an article into its story's stored facts that
needs the article alone: ingest computes it where the article is extracted.
"""

from storylens.compare.facts import prepare_article_facts
from storylens.compare.model import Comparison
from storylens.compare.pipeline import (
    article_commentary,
    article_quotes,
    compare_articles,
    compare_texts,
)
from storylens.compare.render import render_text
from storylens.compare.story import StoryComparison, compare_story

__all__ = [
    "Comparison",
    "StoryComparison",
    "article_commentary",
    "article_quotes",
    "compare_articles",
    "compare_story",
    "compare_texts",
    "prepare_article_facts",
    "render_text",
]
