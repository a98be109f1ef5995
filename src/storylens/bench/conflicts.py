"""Benchmark of reported conflicts on hand-labelled sentence pairs (data/compare-conflicts.jsonl).

Each labelled case is two sentences of two articles about one event (stories-dev), labelled
``conflict`` (they report one fact and disagree on a number, date, name or negation),
``no_conflict`` (look-alike figures that agree or are about different things) or ``ambiguous``
(ignored). The detector is run three ways, as users meet it:

- ``pair``: the two sentences alone through ``compare_texts`` (batch mode, ``compare --jsonl``);
- ``articles``: the two whole articles through ``compare_articles`` (``compare A B --json``),
  a conflict counted for the case when it lies between the two labelled sentences;
- ``story``: the two whole articles through ``compare_story`` (the story API and page), a
  conflict counted when a fact's reports from the two labelled sentences carry one.

Precision and recall are over the labelled cases; conflicts the article and story paths report
elsewhere in those article pairs are counted and listed (``unlabelled``) for reading, not scored;
``all_events`` lists every conflict ``compare_story`` reports over all stories-dev events (read
by hand for BENCHMARKS.md: an estimate of precision on real output, whatever the labels).
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from pathlib import Path
from typing import Any

from storylens.bench.metrics import prf
from storylens.compare import compare_articles, compare_story, compare_texts
from storylens.models import Article

LABELS = Path(__file__).parent / "data" / "compare-conflicts.jsonl"
PATHS = ("pair", "articles", "story")


def run_conflicts(stories: Path, label_path: Path = LABELS) -> dict[str, Any]:
    """Precision and recall of reported conflicts on the labelled cases, per path."""
    rows = _load_rows(stories)
    cases = _load_cases(label_path, rows)
    counts = {path: {"tp": 0, "fp": 0, "fn": 0, "tn": 0} for path in PATHS}
    misses: dict[str, list[str]] = defaultdict(list)
    unlabelled: dict[str, list[str]] = defaultdict(list)
    by_pair: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for case in cases:
        by_pair[(case["a"], case["b"])].append(case)
    for (a_id, b_id), items in sorted(by_pair.items()):
        a, b = _article(rows[a_id]), _article(rows[b_id])
        found = {
            "pair": [_pair_conflict(rows, c) for c in items],
            "articles": _article_conflicts(a, b, items, unlabelled["articles"]),
            "story": _story_conflicts(a, b, items, unlabelled["story"]),
        }
        for path, predicted in found.items():
            for case, hit in zip(items, predicted, strict=True):
                if case["label"] == "ambiguous":
                    continue  # neither way; a conflict reported there is not "unlabelled"
                actual = case["label"] == "conflict"
                key = ("tp" if actual else "fp") if hit else ("fn" if actual else "tn")
                counts[path][key] += 1
                if hit != actual:
                    misses[path].append(f"{key}: {case['note']}")
    return {
        "all_events": _all_events(rows),
        "cases": len(cases),
        "labels": dict(sorted(_label_counts(cases).items())),
        **{path: _scores(counts[path], misses[path]) for path in PATHS},
        "unlabelled": {path: unlabelled[path] for path in ("articles", "story")},
    }


def _all_events(rows: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """Every conflict the story comparison reports over every stories-dev event, for reading:
    an estimate of precision on real output that does not depend on how cases were picked."""
    events: dict[str, list[Article]] = defaultdict(list)
    for row in rows.values():
        if row["text"].strip():
            events[row["cluster"]].append(_article(row))
    found = []
    for event, articles in sorted(events.items()):
        for fact, conflict in compare_story(articles).conflicts:
            found.append(f"{event} {conflict.kind}: {conflict.first_text!r} / {conflict.text!r} "
                         f"in {fact.first.text[:80]!r}")  # fmt: skip
    return {"events": len(events), "reported": len(found), "conflicts": found}


def _scores(c: dict[str, int], misses: list[str]) -> dict[str, Any]:
    precision, recall, f1 = prf(c["tp"], c["tp"] + c["fp"], c["tp"] + c["fn"])
    return {
        "precision": round(precision, 3) if c["tp"] + c["fp"] else None,
        "recall": round(recall, 3),
        "f1": round(f1, 3),
        **c,
        "errors": misses,
    }


def _pair_conflict(rows: dict[str, dict[str, Any]], case: dict[str, Any]) -> bool:
    a_text = rows[case["a"]]["text"][slice(*case["a_span"])]
    b_text = rows[case["b"]]["text"][slice(*case["b_span"])]
    return bool(compare_texts(a_text, b_text).conflicts)


def _article_conflicts(
    a: Article, b: Article, cases: list[dict[str, Any]], unlabelled: list[str]
) -> list[bool]:
    hits = [False] * len(cases)
    for conflict in compare_articles([a, b]).conflicts:
        spans = {conflict.a.article_id: conflict.a, conflict.b.article_id: conflict.b}
        matched = _matching(cases, spans[a.id].start, spans[a.id].end,
                            spans[b.id].start, spans[b.id].end)  # fmt: skip
        for k in matched:
            hits[k] = True
        if not matched:
            unlabelled.append(f"{a.id}/{b.id}: {conflict.a.text!r} / {conflict.b.text!r}")
    return hits


def _story_conflicts(
    a: Article, b: Article, cases: list[dict[str, Any]], unlabelled: list[str]
) -> list[bool]:
    hits = [False] * len(cases)
    for _, conflict in compare_story([a, b]).conflicts:
        sides = {conflict.first_article_id: (conflict.first_start, conflict.first_end),
                 conflict.article_id: (conflict.start, conflict.end)}  # fmt: skip
        if len(sides) < 2:
            continue
        matched = _matching(cases, *sides[a.id], *sides[b.id])
        for k in matched:
            hits[k] = True
        if not matched:
            unlabelled.append(f"{a.id}/{b.id}: {conflict.first_text!r} / {conflict.text!r}")
    return hits


def _matching(cases: list[dict[str, Any]], a0: int, a1: int, b0: int, b1: int) -> list[int]:
    """Cases whose labelled sentences hold the two reported spans."""
    return [
        k
        for k, c in enumerate(cases)
        if _overlap(c["a_span"], a0, a1) and _overlap(c["b_span"], b0, b1)
    ]


def _overlap(span: list[int], start: int, end: int) -> bool:
    return span[0] < end and start < span[1]


def _load_rows(path: Path) -> dict[str, dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        return {row["id"]: row for row in map(json.loads, handle)}


def _load_cases(path: Path, rows: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    """The labelled cases, checking each span still holds the labelled sentence."""
    cases = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            case = json.loads(line)
            for side in ("a", "b"):
                text = rows[case[side]]["text"][slice(*case[f"{side}_span"])]
                if hashlib.sha1(text.encode("utf-8")).hexdigest()[:10] != case[f"{side}_sha1"]:
                    raise ValueError(f"{path}: span of {case[side]} no longer matches its hash")
            cases.append(case)
    return cases


def _label_counts(cases: list[dict[str, Any]]) -> dict[str, int]:
    counts: dict[str, int] = defaultdict(int)
    for case in cases:
        counts[case["label"]] += 1
    return counts


def _article(row: dict[str, Any]) -> Article:
    return Article(id=row["id"], origin=row["id"], title=row.get("title") or "", body=row["text"])
