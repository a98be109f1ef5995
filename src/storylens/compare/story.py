"""The comparison of a whole story, any size: facts x outlets, conflicts, quotes, who copied whom.

Everything here grows with the story's sentences and quotes, not with its pairs of articles:
facts come from :class:`~storylens.compare.facts.FactIndex` (incremental; pass the stored index to
fold in only new articles), quotes are grouped by utterance, reuse is summarised per article from
the facts' copied reports. ``to_dict`` pages the facts (``limit``/``offset``), biggest first.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import asdict, dataclass, field
from typing import Any

from storylens.compare.commentary import find_commentary
from storylens.compare.credits import find_credits
from storylens.compare.facts import Conflict, Fact, FactIndex, build_facts, who_copied_whom
from storylens.compare.model import ArticleInfo
from storylens.compare.quotes import QuoteGroup, find_quotes, group_quotes
from storylens.compare.sentences import split_sentences
from storylens.models import Article

FACT_PAGE = 100
"""Facts per page of the story API (most widely reported first)."""
QUOTE_PAGE = 100


@dataclass
class Coverage:
    """One article's part in the story: what it reports, what only it has, what it copied."""

    article_id: str
    facts: int
    only: int
    conflicts: int
    copied_from: dict[str, int] = field(default_factory=dict)
    """Source article id -> sentences this article copied from it: (nearly) word for word, or
    reworded in a rewritten copy (:func:`storylens.compare.reuse.rewritten_reports`)."""
    credits: list[str] = field(default_factory=list)
    commentary: int = 0


@dataclass
class StoryComparison:
    articles: list[ArticleInfo]
    facts: list[Fact]
    coverage: list[Coverage]
    quotes: list[QuoteGroup]
    notes: list[str] = field(default_factory=list)

    @property
    def conflicts(self) -> list[tuple[Fact, Conflict]]:
        return [(f, c) for f in self.facts for r in f.reports for c in r.conflicts]

    def ranked_facts(self) -> list[Fact]:
        """Facts most outlets report first, conflicts before agreement, then story order."""
        return sorted(
            self.facts,
            key=lambda f: (-len(f.reports), -sum(len(r.conflicts) for r in f.reports), f.id),
        )

    def to_dict(
        self, *, limit: int = FACT_PAGE, offset: int = 0, quote_limit: int = QUOTE_PAGE
    ) -> dict[str, Any]:
        ranked = self.ranked_facts()
        page = ranked[offset : offset + limit]
        published = {a.id: a.published for a in self.articles}
        quotes = sorted(self.quotes, key=lambda g: -len(g.article_ids))
        return {
            "articles": [asdict(a) for a in self.articles],
            "offsets": "character offsets [start, end) into each article's body string",
            "fact_count": len(self.facts),
            "facts_offset": offset,
            "facts_limit": limit,
            "facts_next_offset": offset + limit if offset + limit < len(ranked) else None,
            "facts": [f.to_dict(published) for f in page],
            "conflicts": [{"fact_id": f.id, **asdict(c)} for f, c in self.conflicts],
            "coverage": [asdict(c) for c in self.coverage],
            "quote_count": len(self.quotes),
            "quotes": [_quote_dict(g) for g in quotes[:quote_limit]],
            "notes": list(self.notes),
        }


def _quote_dict(group: QuoteGroup) -> dict[str, Any]:
    return {
        "text": group.text,
        "speaker": group.speaker,
        "articles": group.article_ids,
        "variants": [asdict(v) for v in group.variants],
    }


def compare_story(articles: list[Article], index: FactIndex | None = None) -> StoryComparison:
    """The story-level comparison; ``index`` holds facts already built (only new articles added)."""
    index = build_facts(articles, index)
    known = {a.id for a in articles}
    facts = [f for f in index.facts if f.first.article_id in known]
    quotes = []
    credits: dict[str, list[str]] = {}
    commentary: dict[str, int] = {}
    infos = []
    for article in articles:
        sentences = split_sentences(article.body)
        infos.append(
            ArticleInfo(article.id, article.title, article.site, article.published, len(sentences))
        )
        quotes.extend(find_quotes(article.id, article.body, sentences, article.language))
        credits[article.id] = sorted({c.name for c in find_credits(article.id, article.body)})
        commentary[article.id] = len(find_commentary(article.id, sentences, article.language))
    coverage = _coverage(articles, facts, credits, commentary)
    notes = [] if len(articles) >= 2 else ["one article: every fact is only in it"]
    return StoryComparison(infos, facts, coverage, group_quotes(quotes), notes)


def _coverage(
    articles: list[Article],
    facts: list[Fact],
    credits: dict[str, list[str]],
    commentary: dict[str, int],
) -> list[Coverage]:
    reported: dict[str, int] = defaultdict(int)
    only: dict[str, int] = defaultdict(int)
    conflicts: dict[str, int] = defaultdict(int)
    for fact in facts:
        ids = set(fact.article_ids)
        for aid in ids:
            reported[aid] += 1
        if len(ids) == 1:
            only[fact.first.article_id] += 1
        for report in fact.reports:
            if report.conflicts:
                conflicts[report.article_id] += len(report.conflicts)
    copied: dict[str, dict[str, int]] = defaultdict(dict)
    for (source, target), count in who_copied_whom(facts).items():
        copied[target][source] = count
    return [
        Coverage(
            a.id,
            reported[a.id],
            only[a.id],
            conflicts[a.id],
            dict(sorted(copied[a.id].items(), key=lambda kv: -kv[1])),
            credits.get(a.id, []),
            commentary.get(a.id, 0),
        )
        for a in articles
    ]
