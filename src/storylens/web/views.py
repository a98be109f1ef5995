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
    conflicts: list[ConflictRow] = field(default_factory=list)


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
        conflicts=[_pair_conflict(c, names) for c in comparison.conflicts],
    )


def _pair_conflict(conflict, names: dict[str, str]) -> ConflictRow:  # type: ignore[no-untyped-def]
    """A two-article conflict as the story view shows one: the first article's version first."""
    return ConflictRow(
        [conflict.kind],
        conflict.a_sentence.text,
        [
            (conflict.a.text, [names.get(conflict.a.article_id, conflict.a.article_id)]),
            (conflict.b.text, [names.get(conflict.b.article_id, conflict.b.article_id)]),
        ],
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
    speaker = match.speaker or "unknown speaker"
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


# story coverage view (facts x outlets) -------------------------------------------------------

SIDE_BY_SIDE_MAX = 4
"""Stories up to this many articles also get the full-text columns; larger ones the grid only."""
FACT_ROWS = 120
"""Facts shown on the page (widest first); the API pages through all of them."""
QUOTE_GROUPS = 40
RELATION_MARK = {"first": "●", "same": "●", "partial": "◐", "conflict": "✕"}


@dataclass
class FactCell:
    relation: str
    mark: str
    title: str


@dataclass
class FactRow:
    fact_id: int
    text: str
    first_outlet: str
    outlets: int
    """Distinct outlets reporting the fact (an outlet's second article is not another outlet)."""
    articles: int
    cells: list[FactCell | None]
    conflict: bool
    details: list[str]


@dataclass
class ConflictRow:
    """One fact reported with differing details: each version and the outlets giving it."""

    kinds: list[str]
    sentence: str
    versions: list[tuple[str, list[str]]]
    """(the differing words, outlets giving them), the first report's version first."""


@dataclass
class UtteranceRow:
    speaker: str
    text: str
    outlets: list[str]
    variants: list[tuple[str, str, str]]
    """(outlet, kind, quoted words) per version that is not word for word the fullest one."""


@dataclass
class OutletRow:
    outlet: str
    colour: int
    article_id: str
    facts: int
    only: int
    conflicts: int
    copied: str
    credits: list[str]


@dataclass
class CoverageView:
    outlets: list[tuple[str, int, str]]
    """(outlet, colour, article id) per column, in story order."""
    rows: list[FactRow]
    hidden_facts: int
    only_counts: list[tuple[str, int]]
    conflicts: list[ConflictRow]
    utterances: list[UtteranceRow]
    hidden_utterances: int
    per_outlet: list[OutletRow]
    fact_count: int
    notes: list[str]


def coverage_view(articles: list[Article], comparison) -> CoverageView:  # type: ignore[no-untyped-def]
    """The story comparison as a facts x outlets grid plus conflicts, quotes and reuse."""
    names = unique_names(articles)
    colours = {a.id: i % OUTLET_COLOURS for i, a in enumerate(articles)}
    column = {a.id: k for k, a in enumerate(articles)}
    shared = [f for f in comparison.ranked_facts() if len(set(f.article_ids)) > 1]
    published = {a.id: a.published for a in articles}
    bases = {a.id: outlet_name(a) for a in articles}
    rows = [_fact_row(f, names, bases, column, published) for f in shared[:FACT_ROWS]]
    only: dict[str, int] = {}
    for c in comparison.coverage:
        only[c.article_id] = c.only
    groups = sorted(comparison.quotes, key=lambda g: -len(g.article_ids))
    return CoverageView(
        outlets=[(names[a.id], colours[a.id], a.id) for a in articles],
        rows=rows,
        hidden_facts=max(0, len(shared) - FACT_ROWS),
        only_counts=sorted(
            ((names[a.id], only[a.id]) for a in articles if only.get(a.id)), key=lambda x: -x[1]
        ),
        conflicts=_conflict_groups(comparison.conflicts, names)[:100],
        utterances=[_utterance(g, names) for g in groups[:QUOTE_GROUPS]],
        hidden_utterances=max(0, len(groups) - QUOTE_GROUPS),
        per_outlet=[_outlet_row(c, names, colours) for c in comparison.coverage],
        fact_count=len(comparison.facts),
        notes=list(comparison.notes),
    )


def _fact_row(  # type: ignore[no-untyped-def]
    fact, names: dict[str, str], bases: dict[str, str], column: dict[str, int], published
) -> FactRow:
    cells: list[FactCell | None] = [None] * len(column)
    details = []
    for report in fact.reports:
        k = column.get(report.article_id)
        if k is None or cells[k] is not None:
            continue
        outlet = names.get(report.article_id, report.article_id)
        title = f"{outlet}: {report.text}"
        if report.relation == "partial" and (report.added or report.dropped):
            note = _added_dropped(report.added, report.dropped)
            title += f" ({note})"
            details.append(f"{outlet} {note}")
        for c in report.conflicts:
            details.append(f"{outlet} says “{c.text}” where {names.get(c.first_article_id)} "
                           f"says “{c.first_text}”")
        cells[k] = FactCell(report.relation, RELATION_MARK[report.relation], title)
    return FactRow(
        fact.id,
        fact.first.text,
        names.get(fact.first_reported_by(published), fact.first.article_id),
        len({bases.get(r.article_id, r.article_id) for r in fact.reports}),
        len({r.article_id for r in fact.reports}),
        cells,
        any(r.conflicts for r in fact.reports),
        details[:6],
    )


def _added_dropped(added: list[str], dropped: list[str]) -> str:
    parts = []
    if added:
        parts.append("adds " + ", ".join(added[:6]))
    if dropped:
        parts.append("leaves out " + ", ".join(dropped[:6]))
    return "; ".join(parts)


def _conflict_groups(pairs, names: dict[str, str]) -> list[ConflictRow]:  # type: ignore[no-untyped-def]
    """Conflicts grouped by fact: one row per fact, one entry per differing version."""
    rows: dict[int, ConflictRow] = {}
    for fact, conflict in pairs:
        row = rows.get(fact.id)
        if row is None:
            first = names.get(conflict.first_article_id, conflict.first_article_id)
            row = rows[fact.id] = ConflictRow([], fact.first.text, [(conflict.first_text, [first])])
        if conflict.kind not in row.kinds:
            row.kinds.append(conflict.kind)
        outlet = names.get(conflict.article_id, conflict.article_id)
        for value, outlets in row.versions:
            if value == conflict.text:
                if outlet not in outlets:
                    outlets.append(outlet)
                break
        else:
            row.versions.append((conflict.text, [outlet]))
    return list(rows.values())


def _utterance(group, names: dict[str, str]) -> UtteranceRow:  # type: ignore[no-untyped-def]
    outlets = list(dict.fromkeys(names.get(v.article_id, v.article_id) for v in group.variants))
    variants = [
        (names.get(v.article_id, v.article_id), v.kind, v.text)
        for v in group.variants
        if v.kind != "same"
    ]
    return UtteranceRow(group.speaker or "unknown speaker", group.text, outlets, variants[:8])


def _outlet_row(coverage, names: dict[str, str], colours: dict[str, int]) -> OutletRow:  # type: ignore[no-untyped-def]
    copied = ", ".join(
        f"{n} sentence{'s' if n != 1 else ''} from {names.get(src, src)}"
        for src, n in list(coverage.copied_from.items())[:3]
    )
    return OutletRow(
        names.get(coverage.article_id, coverage.article_id),
        colours.get(coverage.article_id, 0),
        coverage.article_id,
        coverage.facts,
        coverage.only,
        coverage.conflicts,
        copied,
        coverage.credits,
    )


@dataclass
class TimelineView:
    """The timeline alone, for stories too large for the side-by-side columns."""

    timeline: list[TimelineEntry]
    timeline_span: str


def story_timeline(articles: list[Article]) -> TimelineView:
    names = unique_names(articles)
    colours = {a.id: i % OUTLET_COLOURS for i, a in enumerate(articles)}
    entries, span = build_timeline(articles, names, colours)
    return TimelineView(entries, span)
