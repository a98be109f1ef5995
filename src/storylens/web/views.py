"""View models for the pages: plain data the templates only have to lay out.

Keeping layout decisions (outlet names, colours, timeline positions, quote variants) here keeps
the templates simple and lets tests check them without a browser.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from storylens.compare import Comparison
from storylens.compare.model import DiffOp, QuoteMatch
from storylens.models import Article
from storylens.store.outlets import outlet_name as name_of_outlet
from storylens.store.outlets import outlet_names
from storylens.timestamps import parse_time
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
    days_only = any(a.published and len(a.published) <= 10 for a in articles if times[a.id])
    return entries, _span_text(first, last, days_only)


def _span_text(first: datetime | None, last: datetime | None, days_only: bool = False) -> str:
    """How long the story took to be reported; by calendar day when some outlet gives only a
    date (its midnight is no publication time: "within the hour" would be made up)."""
    if first is None or last is None:
        return ""
    if days_only:
        days = (last.date() - first.date()).days
        if days == 0:
            return f"all published on {first.strftime('%-d %b %Y')}"
        return f"published over {days + 1} days"
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
    variants: list[tuple[str, str, str, list[DiffOp]]]
    """(outlet, kind, quoted words, word-level edits against the fullest version) per version
    that is not word for word the fullest one (a fragment has no edits listed)."""


@dataclass
class OutletRow:
    """One outlet's part in the story, all its articles together (an outlet that updated its
    report three times is one row, not three)."""

    outlet: str
    colour: int
    article_id: str
    """The outlet's first article in the story (the row links to it)."""
    articles: int
    facts: int
    """Distinct facts any of its articles reports."""
    only: int
    """Facts no other outlet reports."""
    conflicts: int
    copied: str
    """Sentences copied from other outlets, by source outlet."""
    own_updates: int
    """Sentences re-used from the outlet's own earlier articles (its updates, not copying)."""
    credits: list[str]


@dataclass
class CoverageView:
    outlets: list[tuple[str, int, str, int]]
    """(outlet, colour, first article id, articles) per column: one column per outlet, in the
    order each first appears in the story."""
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
    """The story comparison as a facts x outlets grid plus conflicts, quotes and reuse. An
    outlet's several articles (updates, follow-ups) share one column and one row: a 60-article
    story from 18 outlets reads as 18 columns."""
    names = unique_names(articles)
    group = outlet_groups(articles)
    order = list(dict.fromkeys(group[a.id] for a in articles))
    colours = {outlet: i % OUTLET_COLOURS for i, outlet in enumerate(order)}
    members: dict[str, list[str]] = {outlet: [] for outlet in order}
    for a in articles:
        members[group[a.id]].append(a.id)
    column = {outlet: k for k, outlet in enumerate(order)}
    shared = [f for f in comparison.ranked_facts() if len(set(f.article_ids)) > 1]
    published = {a.id: a.published for a in articles}
    rows = [_fact_row(f, names, group, column, published) for f in shared[:FACT_ROWS]]
    only = _facts_only_in(comparison.facts, group)
    groups = sorted(comparison.quotes, key=lambda g: -len(g.article_ids))
    return CoverageView(
        outlets=[(o, colours[o], members[o][0], len(members[o])) for o in order],
        rows=rows,
        hidden_facts=max(0, len(shared) - FACT_ROWS),
        only_counts=sorted(((o, only[o]) for o in order if only.get(o)), key=lambda x: -x[1]),
        conflicts=_conflict_groups(comparison.conflicts, names)[:100],
        utterances=[_utterance(g, group) for g in groups[:QUOTE_GROUPS]],
        hidden_utterances=max(0, len(groups) - QUOTE_GROUPS),
        per_outlet=_outlet_rows(comparison, group, members, colours, only),
        fact_count=len(comparison.facts),
        notes=list(comparison.notes),
    )


def outlet_groups(articles: list[Article]) -> dict[str, str]:
    """Outlet per article id. Articles of no known outlet are each their own ("unnamed
    outlet", "unnamed outlet (2)"): nothing says they come from one source."""
    return outlet_names((a.id, a.site, a.url) for a in articles)


def _facts_only_in(facts, group: dict[str, str]) -> dict[str, int]:  # type: ignore[no-untyped-def]
    """Per outlet, the facts that no other outlet reports."""
    only: dict[str, int] = {}
    for fact in facts:
        outlets = {group.get(aid, aid) for aid in fact.article_ids}
        if len(outlets) == 1:
            outlet = outlets.pop()
            only[outlet] = only.get(outlet, 0) + 1
    return only


RELATION_RANK = {"conflict": 0, "first": 1, "same": 2, "partial": 3}
"""Which of an outlet's reports its grid cell shows: a conflict is never hidden behind an
agreeing update."""
CELL_TITLE_REPORTS = 4


def _fact_row(  # type: ignore[no-untyped-def]
    fact, names: dict[str, str], group: dict[str, str], column: dict[str, int], published
) -> FactRow:
    """One grid row: per outlet column, the strongest relation among its articles' reports,
    and each report's words in the cell's tooltip."""
    shown: dict[int, str] = {}
    titles: dict[int, list[str]] = {}
    details = []
    for report in fact.reports:
        k = column.get(group.get(report.article_id, ""))
        if k is None:
            continue
        outlet = names.get(report.article_id, report.article_id)
        title = f"{outlet}: {report.text}"
        if report.relation == "partial" and (report.added or report.dropped):
            note = _added_dropped(report.added, report.dropped)
            title += f" ({note})"
            details.append(f"{outlet} {note}")
        for c in report.conflicts:
            details.append(
                f"{outlet} says “{c.text}” where {names.get(c.first_article_id)} "
                f"says “{c.first_text}”"
            )
        relation = "conflict" if report.conflicts else report.relation
        if k not in shown or RELATION_RANK[relation] < RELATION_RANK[shown[k]]:
            shown[k] = relation
        titles.setdefault(k, []).append(title)
    cells: list[FactCell | None] = [None] * len(column)
    for k, relation in shown.items():
        lines = titles[k]
        more = len(lines) - CELL_TITLE_REPORTS
        text = "\n".join(lines[:CELL_TITLE_REPORTS]) + (f"\n… {more} more" if more > 0 else "")
        cells[k] = FactCell(relation, RELATION_MARK[relation], text)
    return FactRow(
        fact.id,
        fact.first.text,
        names.get(fact.first_reported_by(published), fact.first.article_id),
        len({group.get(r.article_id, r.article_id) for r in fact.reports}),
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


def _utterance(quote_group, group: dict[str, str]) -> UtteranceRow:  # type: ignore[no-untyped-def]
    """One utterance: the outlets carrying it (an outlet's updates count once) and the
    versions that are not word for word the fullest one."""
    variants = quote_group.variants
    outlets = list(dict.fromkeys(group.get(v.article_id, v.article_id) for v in variants))
    differing: dict[tuple[str, str, str], list[DiffOp]] = {}
    for v in variants:
        if v.kind != "same":
            differing.setdefault((group.get(v.article_id, v.article_id), v.kind, v.text), v.diff)
    rows = [(*key, diff) for key, diff in differing.items()]
    speaker = quote_group.speaker or "unknown speaker"
    return UtteranceRow(speaker, quote_group.text, outlets, rows[:8])


COPIED_SOURCES_SHOWN = 3


def _outlet_rows(  # type: ignore[no-untyped-def]
    comparison,
    group: dict[str, str],
    members: dict[str, list[str]],
    colours: dict[str, int],
    only: dict[str, int],
) -> list[OutletRow]:
    """Per outlet: its facts, conflicts, what it copied from which other outlet, what it
    re-used of its own earlier articles, and whom it credits."""
    facts: dict[str, set[int]] = {o: set() for o in members}
    for fact in comparison.facts:
        for aid in set(fact.article_ids):
            if aid in group:
                facts[group[aid]].add(fact.id)
    coverage = {c.article_id: c for c in comparison.coverage}
    rows = []
    for outlet, ids in members.items():
        copied: dict[str, int] = {}
        own = conflicts = 0
        credits: list[str] = []
        for aid in ids:
            c = coverage.get(aid)
            if c is None:
                continue
            conflicts += c.conflicts
            credits.extend(x for x in c.credits if x not in credits)
            for source, n in c.copied_from.items():
                origin = group.get(source, source)
                if origin == outlet:
                    own += n
                else:
                    copied[origin] = copied.get(origin, 0) + n
        rows.append(OutletRow(
            outlet, colours[outlet], ids[0], len(ids), len(facts[outlet]), only.get(outlet, 0),
            conflicts, _copied_text(copied), own, credits,
        ))  # fmt: skip
    return rows


def _copied_text(copied: dict[str, int]) -> str:
    ranked = sorted(copied.items(), key=lambda kv: -kv[1])
    text = ", ".join(
        f"{n} sentence{'s' if n != 1 else ''} from {source}"
        for source, n in ranked[:COPIED_SOURCES_SHOWN]
    )
    more = len(ranked) - COPIED_SOURCES_SHOWN
    return text + (f" and from {more} more outlet{'s' if more != 1 else ''}" if more > 0 else "")


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
