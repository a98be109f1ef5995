"""Turn a comparison into marked-up columns: each article body cut into annotated segments.

The comparison gives character spans (``[start, end)`` into each body) for shared sentences,
sentences only one article has, copied passages, commentary, quotes and credits. Spans may
overlap or nest, so every body is cut at every span boundary and each piece carries the set of
annotations covering it; templates then render a piece as one flat element (no nesting to break).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from itertools import pairwise

from storylens.compare import Comparison
from storylens.grouping import best_link_groups

Key = tuple[str, int, int]
"""(article id, start, end): one sentence of one article."""
PALETTE_SIZE = 8
"""Shared groups cycle through this many colours (``hue-0`` … ``hue-7`` in the stylesheet)."""


@dataclass
class Note:
    """One annotation over a span of an article body."""

    start: int
    end: int
    kind: str
    """``shared``, ``only``, ``partly``, ``copied``, ``commentary``, ``quote`` or ``credit``."""
    group: int | None = None
    label: str = ""
    """Plain-language explanation, shown as a tooltip and to screen readers."""
    tag: str = ""
    """A short visible label printed after the span (commentary, copied)."""


@dataclass
class Segment:
    """A run of text with the annotations that cover all of it."""

    text: str
    notes: list[Note] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    """Labels of annotations that end here."""

    @property
    def classes(self) -> str:
        names = sorted({n.kind for n in self.notes})
        hue = self.group
        if hue is not None:
            names.append(f"hue-{hue % PALETTE_SIZE}")
        return " ".join(names)

    @property
    def group(self) -> int | None:
        return next((n.group for n in self.notes if n.group is not None), None)

    @property
    def shared(self) -> bool:
        return any(n.kind == "shared" for n in self.notes)

    @property
    def title(self) -> str:
        return "; ".join(dict.fromkeys(n.label for n in self.notes if n.label))


def shared_groups(comparison: Comparison) -> dict[Key, int]:
    """Sentences that state the same fact, across all articles, numbered in reading order.

    Aligned pairs are joined along each sentence's best link to each other article
    (:func:`best_link_groups`), so with many articles one fact is one group even when each
    article was aligned only with some of the others, and weak partial links do not chain
    every shared sentence into one colour.
    """
    sets = best_link_groups(
        (
            ((f.a.article_id, f.a.start, f.a.end), (f.b.article_id, f.b.start, f.b.end), f.score)
            for f in comparison.shared
        ),
        source=lambda key: key[0],
    )
    order = {a.id: i for i, a in enumerate(comparison.articles)}
    numbers: dict[Key, int] = {}
    groups: dict[Key, int] = {}
    for key in sorted(sets, key=lambda k: (order.get(k[0], 0), k[1])):
        groups[key] = numbers.setdefault(sets.root(key), len(numbers))
    return groups


def article_notes(comparison: Comparison, names: dict[str, str]) -> dict[str, list[Note]]:
    """Every annotation of every article, keyed by article id; ``names`` maps ids to outlets."""
    notes: dict[str, list[Note]] = defaultdict(list)
    _add_shared(comparison, names, notes)
    _add_only(comparison, notes)
    _add_copied(comparison, names, notes)
    for item in comparison.commentary:
        span = item.span
        label = "commentary: " + ", ".join(item.cues) if item.cues else "commentary"
        notes[span.article_id].append(
            Note(span.start, span.end, "commentary", label=label, tag="commentary")
        )
    for match in comparison.quotes:
        for quote in (match.a, match.b):
            who = quote.speaker or "unknown speaker"
            notes[quote.article_id].append(
                Note(quote.start, quote.end, "quote", label=f"quote ({who}, {match.kind})")
            )
    for credit in comparison.credits:
        notes[credit.article_id].append(
            Note(credit.start, credit.end, "credit", label=f"credited source: {credit.name}")
        )
    return notes


def _add_shared(comparison: Comparison, names: dict[str, str], notes: dict[str, list[Note]]):
    groups = shared_groups(comparison)
    partners: dict[Key, set[str]] = defaultdict(set)
    kinds: dict[Key, set[str]] = defaultdict(set)
    for fact in comparison.shared:
        a = (fact.a.article_id, fact.a.start, fact.a.end)
        b = (fact.b.article_id, fact.b.start, fact.b.end)
        partners[a].add(b[0])
        partners[b].add(a[0])
        kinds[a].add(fact.kind)
        kinds[b].add(fact.kind)
    for key, group in groups.items():
        others = ", ".join(sorted(names.get(p, p) for p in partners[key]))
        how = "/".join(sorted(kinds[key]))
        label = f"shared fact {group + 1} ({how}), also in {others}"
        notes[key[0]].append(Note(key[1], key[2], "shared", group=group, label=label))


def _add_only(comparison: Comparison, notes: dict[str, list[Note]]) -> None:
    for article_id, items in comparison.only.items():
        for item in items:
            if item.partly:
                adds = ", ".join(item.unsupported[:8])
                label = f"partly unique: only this outlet says {adds}"
                notes[article_id].append(Note(item.start, item.end, "partly", label=label))
            else:
                label = "only in this outlet"
                notes[article_id].append(Note(item.start, item.end, "only", label=label))


def _add_copied(comparison: Comparison, names: dict[str, str], notes: dict[str, list[Note]]):
    for reuse in comparison.reuse:
        for span_a, span_b in reuse.passages:
            for span, other in ((span_a, span_b.article_id), (span_b, span_a.article_id)):
                label, tag = _copy_label(reuse.source_id, span.article_id, names.get(other, other))
                notes[span.article_id].append(
                    Note(span.start, span.end, "copied", label=label, tag=tag)
                )


def _copy_label(source_id: str | None, article_id: str, other: str) -> tuple[str, str]:
    if source_id is None:
        return f"passage also found word for word in {other}", "copied"
    if source_id == article_id:
        return f"copied by {other}", "copied by " + other
    return f"copied from {other}", "copied from " + other


def segment_paragraphs(body: str, notes: list[Note]) -> list[list[Segment]]:
    """The body as paragraphs (split at blank lines) of annotated segments."""
    paragraphs = []
    for start, end in _paragraph_spans(body):
        inside = [n for n in notes if n.start < end and n.end > start]
        paragraphs.append(_segments(body, start, end, inside))
    return paragraphs


def _paragraph_spans(body: str) -> list[tuple[int, int]]:
    spans, position = [], 0
    for chunk in body.split("\n\n"):
        stripped = chunk.strip()
        if stripped:
            lead = position + chunk.index(stripped[0])
            spans.append((lead, lead + len(stripped)))
        position += len(chunk) + 2
    return spans


def _segments(body: str, start: int, end: int, notes: list[Note]) -> list[Segment]:
    cuts = sorted({start, end} | {max(start, min(end, p)) for n in notes for p in (n.start, n.end)})
    segments: list[Segment] = []
    for left, right in pairwise(cuts):
        covering = [n for n in notes if n.start <= left and n.end >= right]
        ending = [n.tag for n in covering if n.tag and n.end == right]
        previous = segments[-1] if segments else None
        if previous and not previous.tags and _same(previous.notes, covering):
            previous.text += body[left:right]
            previous.tags = ending
        else:
            segments.append(Segment(body[left:right], covering, ending))
    return segments


def _same(a: list[Note], b: list[Note]) -> bool:
    return [id(n) for n in a] == [id(n) for n in b]
