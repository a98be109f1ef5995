"""Conflicts on hand-written article pairs with planted conflicts and planted non-conflicts.

``data/conflict-cases.jsonl`` holds 40 fictional events, each reported by two outlets (English,
German, French, Spanish). Each item lists the conflicts written into the pair (kind number, date,
name, negation or place; the two differing substrings) and look-alikes that are *not* conflicts
(the same day written two ways, rounding, unit conversions, a running tally raised by a later
article, another entity's figure in the same frame, synonyms, a figure attributed to another
source). The split (``tune`` / ``held_out``) is fixed in the file.

Each pair is run as users meet it:

- ``articles``: ``compare_articles([a, b])`` (what ``compare A B --json`` gives);
- ``story``: ``compare_story([a, b])`` (the story API and page).

A produced conflict *matches* a planted one when its span in each article overlaps that
article's planted substring; for a planted negation, whose produced spans are a negation word
and a word of the other sentence (``No`` / ``group``), when its spans lie in the two sentences
holding the planted substrings. Per split and path: planted conflicts found (recall), produced
conflicts that match a planted one (precision; produced conflicts that match none count as
false, whether or not they hit a planted non-conflict), and planted non-conflicts hit by a
produced conflict. The trivial baseline beside it: every pair of differing figures (digit runs)
in two sentences the same path aligned (a ``shared`` item pairwise, two reports of one fact in
the story) is a conflict.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from storylens.bench.handwritten import item_article, read_items
from storylens.compare import compare_articles, compare_story
from storylens.compare.sentences import split_sentences
from storylens.models import Article

DATA = Path(__file__).parent / "data" / "conflict-cases.jsonl"
SPLITS = ("tune", "held_out")
PATHS = ("articles", "story")
FIGURE = re.compile(r"\d+(?:[.,:]\d+)*")

Spans = tuple[tuple[int, int], tuple[int, int]]
"""A produced conflict: its span in article A's body and in article B's body."""


def load_items(path: Path = DATA) -> list[dict[str, Any]]:
    return read_items(path)


article = item_article
"""One report of an item as an :class:`Article` (``bench.handwritten.item_article``)."""


def planted_spans(item: dict[str, Any], group: str) -> list[Spans]:
    """The planted entries of ``group`` (``conflicts`` / ``non_conflicts``) as body offsets;
    each substring must occur exactly once in its article. A planted negation stands for its
    two whole sentences."""
    out = []
    for entry in item[group]:
        spans = []
        for role in ("a", "b"):
            body, text = item[role]["body"], entry[role]
            if body.count(text) != 1:
                raise ValueError(
                    f"{item['id']}: {text!r} occurs {body.count(text)} times in {role}"
                )
            start = body.index(text)
            span = (start, start + len(text))
            if entry.get("kind") == "negation":
                span = next(((s.start, s.end) for s in split_sentences(body)
                             if s.start <= start < s.end), span)  # fmt: skip
            spans.append(span)
        out.append((spans[0], spans[1]))
    return out


def run_conflicts_written(
    path: Path = DATA, splits: Sequence[str] = SPLITS, details: bool = True
) -> dict[str, Any]:
    """Recall, precision and false conflicts on planted non-conflicts, per split and path."""
    items = [i for i in load_items(path) if i["split"] in splits]
    per_item = [score_item(item) for item in items]
    result: dict[str, Any] = {}
    for split in splits:
        rows = [r for r in per_item if r["split"] == split]
        result[split] = {"items": len(rows), **_summary(rows)}
        if details:
            result[split]["misses"] = {p: [m for r in rows for m in r[p]["missed"]] for p in PATHS}
            result[split]["false"] = {
                p: [m for r in rows for m in r[p]["false"]] for p in (*PATHS, *_baselines())
            }
    return result


def _baselines() -> tuple[str, ...]:
    return tuple(f"baseline_{p}" for p in PATHS)


def score_item(item: dict[str, Any]) -> dict[str, Any]:
    a, b = article(item, "a"), article(item, "b")
    produced, aligned = _articles_path(a, b)
    story, story_aligned = _story_path(a, b)
    found = {
        "articles": produced,
        "story": story,
        "baseline_articles": _baseline(a.body, b.body, aligned),
        "baseline_story": _baseline(a.body, b.body, story_aligned),
    }
    row: dict[str, Any] = {"id": item["id"], "split": item["split"], "language": item["language"]}
    for name, conflicts in found.items():
        row[name] = match(item, conflicts)
    return row


def match(item: dict[str, Any], produced: Iterable[Spans]) -> dict[str, Any]:
    """Which planted conflicts the produced ones find, and which produced ones are false."""
    planted = planted_spans(item, "conflicts")
    decoys = planted_spans(item, "non_conflicts")
    found = [False] * len(planted)
    hit = [False] * len(decoys)
    right = 0
    false: list[str] = []
    a_body, b_body = item["a"]["body"], item["b"]["body"]
    for spans in produced:
        matched = [k for k, p in enumerate(planted) if _hits(p, spans)]
        for k in matched:
            found[k] = True
        if matched:
            right += 1
            continue
        decoy = [k for k, d in enumerate(decoys) if _hits(d, spans)]
        for k in decoy:
            hit[k] = True
        case = item["non_conflicts"][decoy[0]]["case"] if decoy else "unplanted"
        false.append(f"{item['id']} {case}: {a_body[slice(*spans[0])]!r} / "
                     f"{b_body[slice(*spans[1])]!r}")  # fmt: skip
    missed = [
        f"{item['id']} {c['kind']}: {c['a']!r} / {c['b']!r}"
        for c, f in zip(item["conflicts"], found, strict=True)
        if not f
    ]
    return {
        "planted": len(planted),
        "found": sum(found),
        "found_kinds": [c["kind"] for c, f in zip(item["conflicts"], found, strict=True) if f],
        "kinds": [c["kind"] for c in item["conflicts"]],
        "produced": right + len(false),
        "right": right,
        "non_conflicts": len(decoys),
        "non_conflicts_hit": sum(hit),
        "missed": missed,
        "false": false,
    }


def _hits(planted: Spans, produced: Spans) -> bool:
    return all(p[0] < q[1] and q[0] < p[1] for p, q in zip(planted, produced, strict=True))


def _articles_path(a: Article, b: Article) -> tuple[list[Spans], list[Spans]]:
    """Conflicts and aligned sentence pairs of ``compare_articles`` (``compare A B --json``)."""
    comparison = compare_articles([a, b])
    conflicts = []
    for c in comparison.conflicts:
        side = {c.a.article_id: c.a, c.b.article_id: c.b}
        conflicts.append(((side[a.id].start, side[a.id].end), (side[b.id].start, side[b.id].end)))
    aligned = []
    for s in comparison.shared:
        side = {s.a.article_id: s.a, s.b.article_id: s.b}
        if len(side) == 2:
            aligned.append(((side[a.id].start, side[a.id].end), (side[b.id].start, side[b.id].end)))
    return conflicts, aligned


def _story_path(a: Article, b: Article) -> tuple[list[Spans], list[Spans]]:
    """Conflicts and report pairs of one fact in ``compare_story`` (the story API)."""
    story = compare_story([a, b])
    conflicts = []
    for _, c in story.conflicts:
        side = {c.first_article_id: (c.first_start, c.first_end), c.article_id: (c.start, c.end)}
        if len(side) == 2:
            conflicts.append((side[a.id], side[b.id]))
    aligned = []
    for fact in story.facts:
        in_a = [(r.start, r.end) for r in fact.reports if r.article_id == a.id]
        in_b = [(r.start, r.end) for r in fact.reports if r.article_id == b.id]
        aligned.extend((x, y) for x in in_a for y in in_b)
    return conflicts, aligned


def _baseline(a_body: str, b_body: str, aligned: list[Spans]) -> list[Spans]:
    """Every differing figure of one aligned sentence against every differing figure of the
    other (a figure is a digit run; it differs when the other sentence lacks it)."""
    out = []
    for (a0, a1), (b0, b1) in aligned:
        a_fig = [(m.start() + a0, m.end() + a0, m.group()) for m in FIGURE.finditer(a_body[a0:a1])]
        b_fig = [(m.start() + b0, m.end() + b0, m.group()) for m in FIGURE.finditer(b_body[b0:b1])]
        a_set, b_set = {f[2] for f in a_fig}, {f[2] for f in b_fig}
        a_diff = [f for f in a_fig if f[2] not in b_set]
        b_diff = [f for f in b_fig if f[2] not in a_set]
        out.extend(((x[0], x[1]), (y[0], y[1])) for x in a_diff for y in b_diff)
    return out


def _summary(rows: list[dict[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name in (*PATHS, *_baselines()):
        cells = [r[name] for r in rows]
        planted = sum(c["planted"] for c in cells)
        found = sum(c["found"] for c in cells)
        produced = sum(c["produced"] for c in cells)
        right = sum(c["right"] for c in cells)
        decoys = sum(c["non_conflicts"] for c in cells)
        kinds = Counter(k for c in cells for k in c["kinds"])
        found_kinds = Counter(k for c in cells for k in c["found_kinds"])
        out[name] = {
            "recall": round(found / planted, 3) if planted else None,
            "found": found,
            "planted": planted,
            "precision": round(right / produced, 3) if produced else None,
            "right": right,
            "produced": produced,
            "non_conflicts_hit": sum(c["non_conflicts_hit"] for c in cells),
            "non_conflicts": decoys,
            "found_by_kind": {k: f"{found_kinds[k]}/{n}" for k, n in sorted(kinds.items())},
        }
    return out
