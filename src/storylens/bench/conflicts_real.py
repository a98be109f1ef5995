"""Precision of the conflicts users actually see, on whole corpora (compare-conflicts-real).

The labelled cases of ``compare-conflicts.jsonl`` were picked from look-alike sentence pairs, so
they do not say how often a conflict shown on a story page is right. Here each corpus is run the
way a user runs it: ``storylens ingest FILE.jsonl`` into a fresh SQLite store (stories grouped by
the system, facts folded at ingest), then every story of two or more articles compared as
``storylens show ID --compare --json`` does. Every conflict produced is looked up in the
hand-labelled file by its two articles, the SHA-1 of its two sentences and its two spans' text
(order-free), so labels survive changes in extraction offsets and fact order.

Per corpus: conflicts produced, how many are labelled ``right`` / ``wrong`` / ``ambiguous``,
precision = right / (right + wrong), the ``right`` labels no longer produced (``lost``: a rule
that drops true conflicts shows up here), and every unlabelled conflict listed for reading (a
labeller adds them; precision is over labelled ones only, so unlabelled ones are reported next
to it). ``stories-dev`` is the corpus the rules were tuned on; ``quotes-dev`` and
``storylines-dev`` were held out from the first round of rules and read for the second
(BENCHMARKS.md, "Comparison", says which numbers are which). ``before`` is the precision of the
code the labels were started with (every conflict it reported is labelled, ``seen_in: main``).
"""

from __future__ import annotations

import hashlib
import json
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

from storylens.compare import compare_story
from storylens.compare.storage import update_story_facts
from storylens.store import Store
from storylens.stories import get_story, list_stories

REAL_LABELS = Path(__file__).parent / "data" / "compare-conflicts-real.jsonl"
CORPORA = {
    "stories-dev": ("stories-dev.jsonl", "tuned on (rounds 1 and 2)"),
    "quotes-dev": ("quotes-dev.jsonl", "held out in round 1, read for round 2"),
    "storylines-dev": ("storylines-dev.jsonl", "held out in round 1, read for round 2"),
}
"""Corpus -> (file in the bench folder, how it was used while writing the rules)."""
Key = tuple[frozenset[tuple[str, str, str]], str]


def run_real_conflicts(
    data_dir: Path, label_path: Path = REAL_LABELS, corpora: list[str] | None = None
) -> dict[str, Any]:
    """Produced conflicts per corpus scored against the hand labels of real output."""
    labels = load_labels(label_path)
    result: dict[str, Any] = {}
    for name in corpora or list(CORPORA):
        file_name, role = CORPORA[name]
        path = Path(data_dir) / file_name
        if not path.exists():
            result[name] = {"skipped": f"{path}: not found"}
            continue
        produced = harvest(path)
        result[name] = {"role": role, **score(produced, labels.get(name, {}))}
    return result


def harvest(path: Path) -> list[dict[str, Any]]:
    """Every conflict ``show --compare`` reports after ``ingest`` of ``path`` into a new store."""
    from storylens.ingest import read_pages
    from storylens.pipeline import ingest_items

    found: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory() as folder, Store(Path(folder) / "real.db") as store:
        ingest_items(store, read_pages([str(path)]), workers=1)
        for summary in list_stories(store, limit=1 << 30):
            story = get_story(store, summary.id)
            if story is None or len(story.article_ids) < 2:
                continue
            articles = store.get_articles(story.article_ids)
            comparison = compare_story(articles, update_story_facts(store, story.id, articles))
            for fact in comparison.facts:
                for report in fact.reports:
                    found.extend(
                        _record(story.id, fact.first.text, report.text, c)
                        for c in report.conflicts
                    )
    return found


def _record(story_id: str, first: str, text: str, conflict: Any) -> dict[str, Any]:
    return {
        "story": story_id,
        "kind": conflict.kind,
        "a": conflict.first_article_id,
        "a_sentence_sha1": sentence_hash(first),
        "a_text": conflict.first_text,
        "b": conflict.article_id,
        "b_sentence_sha1": sentence_hash(text),
        "b_text": conflict.text,
        "a_sentence": first,
        "b_sentence": text,
    }


def sentence_hash(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:10]


def key_of(row: dict[str, Any]) -> Key:
    """Order-free identity of a conflict: both sides' article, sentence hash and span text."""
    sides = frozenset(
        (row[s], row[f"{s}_sentence_sha1"], row[f"{s}_text"]) for s in ("a", "b")
    )
    return sides, row["kind"]


def load_labels(path: Path) -> dict[str, dict[Key, dict[str, Any]]]:
    """Corpus -> conflict key -> label line."""
    labels: dict[str, dict[Key, dict[str, Any]]] = {}
    if not path.exists():
        return labels
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            row = json.loads(line)
            if row.get("label") not in {"right", "wrong", "ambiguous"}:
                raise ValueError(f"{path}:{number}: label must be right, wrong or ambiguous")
            labels.setdefault(row["corpus"], {})[key_of(row)] = row
    return labels


def score(produced: list[dict[str, Any]], labels: dict[Key, dict[str, Any]]) -> dict[str, Any]:
    """Precision over the produced conflicts that carry a label; lost right ones; unlabelled."""
    counts: Counter[str] = Counter()
    seen: set[Key] = set()
    wrong, unlabelled = [], []
    for row in produced:
        key = key_of(row)
        seen.add(key)
        label = labels.get(key)
        if label is None:
            counts["unlabelled"] += 1
            unlabelled.append(_show(row))
            continue
        counts[label["label"]] += 1
        if label["label"] == "wrong":
            wrong.append(f"{_show(row)} -- {label.get('reason', '')}")
    decided = counts["right"] + counts["wrong"]
    lost = [
        f"{row['a_text']!r} / {row['b_text']!r} ({row['a']}, {row['b']})"
        for key, row in labels.items()
        if row["label"] == "right" and key not in seen
    ]
    return {
        "produced": len(produced),
        "before": _before(labels),
        "right": counts["right"],
        "wrong": counts["wrong"],
        "ambiguous": counts["ambiguous"],
        "unlabelled": counts["unlabelled"],
        "precision": round(counts["right"] / decided, 3) if decided else None,
        "labelled_right": sum(r["label"] == "right" for r in labels.values()),
        "right_lost": lost,
        "wrong_produced": wrong,
        "unlabelled_conflicts": unlabelled,
    }


def _before(labels: dict[Key, dict[str, Any]]) -> dict[str, Any]:
    """Precision of the code this file was started with (``seen_in: main``: every conflict it
    reported was labelled), the baseline the rules are measured against."""
    seen = [r["label"] for r in labels.values() if r.get("seen_in") == "main"]
    right, wrong = seen.count("right"), seen.count("wrong")
    return {
        "produced": len(seen),
        "right": right,
        "wrong": wrong,
        "precision": round(right / (right + wrong), 3) if right + wrong else None,
    }


def _show(row: dict[str, Any]) -> str:
    return (
        f"{row['kind']} {row['a_text']!r} / {row['b_text']!r} ({row['a']} / {row['b']}): "
        f"{row['a_sentence'][:100]!r} / {row['b_sentence'][:100]!r}"
    )
