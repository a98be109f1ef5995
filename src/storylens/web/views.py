"""View models for the pages: plain data the templates only have to lay out.

Keeping layout decisions (outlet names, colours, timeline positions, quote variants) here keeps
the templates simple and lets tests check them without a browser.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime

from storylens.compare import Comparison
from storylens.compare.model import DiffOp, QuoteMatch
from storylens.models import Article
from storylens.store.outlets import outlet_name as name_of_outlet
from storylens.web.annotate import Segment, article_notes, segment_paragraphs

OUTLET_COLOURS = 6
"""Columns cycle through this many outlet tints (``outlet-0`` … in the stylesheet)."""


@dataclass
class Column:
    """One article shown as a column of the side-by-side view."""

    article_id: str
    outlet: str
    title: str
    published: str | None
    url: str | None
    byline: str | None
    colour: int
    paragraphs: list[list[Segment]]
    shared_count: int = 0
    only_count: int = 0
    linkable: bool = True
    """Whether the article has its own page (stored articles do, pasted texts do not)."""


@dataclass
class TimelineEntry:
    outlet: str
    article_id: str
    colour: int
    when: str | None
    label: str
    position: float | None
    """Percent along the story's time span; None when the article has no date."""


@dataclass
class QuoteRow:
    speaker: str
    kind: str
    versions: list[tuple[str, str]]
    """(outlet, quoted words) per article quoting it."""
    variants: list[DiffOp]


@dataclass
class ReuseRow:
    summary: str
    evidence: list[str]
    passages: int


@dataclass
class SideBySide:
    """Everything the side-by-side view shows."""

    columns: list[Column]
    timeline: list[TimelineEntry]
    quotes: list[QuoteRow]
    lone_quotes: list[QuoteRow]
    reuse: list[ReuseRow]
    credits: list[tuple[str, int, list[str]]]
    """(outlet, colour, credited sources) per article."""
    notes: list[str]
    shared_groups: int = 0
    timeline_span: str = ""
    outlet_names: dict[str, str] = field(default_factory=dict)


def outlet_name(article: Article) -> str:
    """The name readers know the outlet by: its site, else the URL's domain; never an id."""
    return name_of_outlet(article.site, article.url)


def unique_names(articles: list[Article]) -> dict[str, str]:
    """Outlet names per article id; a second article of one outlet gets ``(2)`` appended."""
    names: dict[str, str] = {}
    seen: dict[str, int] = {}
    for article in articles:
        base = outlet_name(article)
        seen[base] = seen.get(base, 0) + 1
        names[article.id] = base if seen[base] == 1 else f"{base} ({seen[base]})"
    return names


def side_by_side(
    articles: list[Article], comparison: Comparison, *, linkable: bool = True
) -> SideBySide:
    """The comparison laid out as columns plus the tables under them."""
    names = unique_names(articles)
    colours = {a.id: i % OUTLET_COLOURS for i, a in enumerate(articles)}
    notes = article_notes(comparison, names)
    columns = [
        _column(a, names[a.id], colours[a.id], notes.get(a.id, []), linkable) for a in articles
    ]
    timeline, span = build_timeline(articles, names, colours)
    quotes = [_quote_row(m, names) for m in comparison.quotes]
    groups = {n.group for ns in notes.values() for n in ns if n.group is not None}
    return SideBySide(
        columns=columns,
        timeline=timeline,
        quotes=quotes,
        lone_quotes=[
            QuoteRow(
                q.speaker or "unknown", "only here", [(names.get(q.article_id, ""), q.text)], []
            )
            for q in comparison.unmatched_quotes
        ],
        reuse=[_reuse_row(r, names) for r in comparison.reuse],
        credits=[(names[a.id], colours[a.id], _credited(comparison, a.id)) for a in articles],
        notes=list(comparison.notes),
        shared_groups=len(groups),
        timeline_span=span,
        outlet_names=names,
    )


def _column(article: Article, name: str, colour: int, notes: list, linkable: bool) -> Column:
    return Column(
        article_id=article.id,
        outlet=name,
        title=article.title,
        published=article.published,
        url=article.url,
        byline=article.byline,
        colour=colour,
        paragraphs=segment_paragraphs(article.body, notes),
        shared_count=len({(n.start, n.end) for n in notes if n.kind == "shared"}),
        only_count=len({(n.start, n.end) for n in notes if n.kind == "only"}),
        linkable=linkable,
    )


def _credited(comparison: Comparison, article_id: str) -> list[str]:
    return sorted({c.name for c in comparison.credits if c.article_id == article_id})


def _quote_row(match: QuoteMatch, names: dict[str, str]) -> QuoteRow:
    speaker = match.a.speaker or match.b.speaker or "unknown speaker"
    versions = [(names.get(q.article_id, q.article_id), q.text) for q in (match.a, match.b)]
    return QuoteRow(speaker, match.kind, versions, list(match.diff))


def _reuse_row(reuse, names: dict[str, str]) -> ReuseRow:
    a, b = names.get(reuse.a_id, reuse.a_id), names.get(reuse.b_id, reuse.b_id)
    count = len(reuse.passages)
    sentences = f"{count} sentence{'s' if count != 1 else ''}"
    if reuse.source_id and reuse.target_id:
        source = names.get(reuse.source_id, reuse.source_id)
        target = names.get(reuse.target_id, reuse.target_id)
        summary = f"{target} copied {sentences} from {source}"
    else:
        summary = f"{a} and {b} share {sentences} word for word (who copied whom is unclear)"
    summary += f" — {reuse.share_of_a:.0%} of {a}, {reuse.share_of_b:.0%} of {b}"
    return ReuseRow(summary, list(reuse.direction_evidence), count)


def parse_time(value: str | None) -> datetime | None:
    """An ISO 8601 time as an aware datetime (naive times are taken as UTC), else None."""
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def human_time(value: str | None) -> str:
    """``3 Mar 2019, 14:05`` (the time left out when the source gives a date only)."""
    parsed = parse_time(value)
    if parsed is None:
        return value or "date unknown"
    if value and len(value) <= 10:
        return parsed.strftime("%-d %b %Y")
    return parsed.strftime("%-d %b %Y, %H:%M")


def build_timeline(
    articles: list[Article], names: dict[str, str], colours: dict[str, int]
) -> tuple[list[TimelineEntry], str]:
    """When each outlet published, placed along the story's span (undated ones listed last)."""
    times = {a.id: parse_time(a.published) for a in articles}
    dated = [t for t in times.values() if t is not None]
    first, last = (min(dated), max(dated)) if dated else (None, None)
    width = (last - first).total_seconds() if first and last else 0.0
    entries = []
    for article in sorted(articles, key=lambda a: (times[a.id] is None, times[a.id] or 0)):
        when = times[article.id]
        position = None
        if when is not None and first is not None:
            position = 0.0 if width == 0 else 100.0 * (when - first).total_seconds() / width
        entries.append(
            TimelineEntry(
                outlet=names[article.id],
                article_id=article.id,
                colour=colours[article.id],
                when=article.published,
                label=human_time(article.published),
                position=position,
            )
        )
    return entries, _span_text(first, last)


def _span_text(first: datetime | None, last: datetime | None) -> str:
    if first is None or last is None:
        return ""
    hours = (last - first).total_seconds() / 3600
    if hours < 1:
        return "all published within the hour"
    if hours < 48:
        return f"published over {hours:.0f} hours"
    return f"published over {hours / 24:.0f} days"


def time_span(first: str | None, last: str | None) -> str:
    """A story's span for the front page: one day, or ``first – last``."""
    start, end = parse_time(first), parse_time(last)
    if start is None or end is None:
        return human_time(first or last) if (first or last) else "date unknown"
    if start.date() == end.date():
        return start.strftime("%-d %b %Y")
    return f"{start.strftime('%-d %b')} – {end.strftime('%-d %b %Y')}"
