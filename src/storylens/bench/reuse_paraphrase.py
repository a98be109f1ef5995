"""Paraphrased reuse: hand-written rewrite-desk copies and independent reports of one event.

``data/reuse-paraphrases.jsonl`` holds 24 fictional articles, each with a copy reworded sentence
by sentence the way an outlet rewrites a wire story (published later) and an independent report
written from the same facts. Per split (``tune`` / ``held_out``, fixed in the file):

- copies: reuse found with the right direction (source = original) pairwise
  (``compare_articles([original, copy]).reuse``) and in the story comparison of all three
  articles (``coverage[copy].copied_from`` names the original), and the copied share of the copy;
- independent reports: false reuse, pairwise (any reuse between original and independent report)
  and in the story (any ``copied_from`` entry to or from the independent report).

Two trivial baselines stand beside it: (i) any sentence equal after normalising case and
punctuation; (ii) word 5-gram containment of the later article in the earlier at or above a
threshold chosen on ``tune``. Direction for both baselines is publication order.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from storylens.bench.handwritten import item_article, read_items
from storylens.compare import compare_articles, compare_story
from storylens.compare.sentences import split_sentences
from storylens.models import Article

DATA = Path(__file__).parent / "data" / "reuse-paraphrases.jsonl"
ROLES = ("original", "copy", "independent")
SPLITS = ("tune", "held_out")


def load_items(path: Path = DATA) -> list[dict[str, Any]]:
    return read_items(path)


article = item_article
"""One report of an item as an :class:`Article` (``bench.handwritten.item_article``)."""


def run_reuse_paraphrase(path: Path = DATA) -> dict[str, Any]:
    items = load_items(path)
    per_item = [_score_item(item) for item in items]
    threshold = _pick_threshold([r for r in per_item if r["split"] == "tune"])
    result: dict[str, Any] = {"ngram_threshold_chosen_on_tune": threshold}
    for split in SPLITS:
        rows = [r for r in per_item if r["split"] == split]
        result[split] = _summary(rows, threshold)
    result["items"] = [
        {k: v for k, v in r.items() if k not in ("ngram_copy", "ngram_independent")}
        for r in per_item
    ]
    return result


def _score_item(item: dict[str, Any]) -> dict[str, Any]:
    orig, copy, indep = (article(item, role) for role in ROLES)
    copy_reuse = compare_articles([orig, copy]).reuse
    found = [r for r in copy_reuse if r.source_id == orig.id and r.target_id == copy.id]
    share = max(
        (r.share_of_b if r.b_id == copy.id else r.share_of_a for r in copy_reuse), default=0.0
    )
    indep_reuse = compare_articles([orig, indep]).reuse
    coverage = {c.article_id: c for c in compare_story([orig, copy, indep]).coverage}
    story_copy = coverage[copy.id].copied_from.get(orig.id, 0) > 0
    story_false = bool(coverage[indep.id].copied_from) or any(
        indep.id in coverage[a.id].copied_from for a in (orig, copy)
    )
    return {
        "id": item["id"],
        "split": item["split"],
        "language": item.get("language"),
        "pairwise_copy_found": bool(found),
        "pairwise_copy_any_reuse": bool(copy_reuse),
        "copied_share_of_copy": round(share, 3),
        "story_copy_found": story_copy,
        "pairwise_independent_reuse": bool(indep_reuse),
        "story_independent_reuse": story_false,
        "sentence_baseline_copy": _same_sentence(orig, copy),
        "sentence_baseline_independent": _same_sentence(orig, indep),
        "ngram_copy": _containment(orig, copy),
        "ngram_independent": _containment(orig, indep),
    }


def _summary(rows: list[dict[str, Any]], threshold: float) -> dict[str, Any]:
    n = len(rows)

    def rate(key: str) -> float:
        return round(sum(bool(r[key]) for r in rows) / n, 3) if n else 0.0

    return {
        "items": n,
        "copy_pairwise_reuse_with_direction": rate("pairwise_copy_found"),
        "copy_story_copied_from": rate("story_copy_found"),
        "copy_mean_copied_share": round(sum(r["copied_share_of_copy"] for r in rows) / n, 3)
        if n
        else 0.0,
        "independent_pairwise_false_reuse": rate("pairwise_independent_reuse"),
        "independent_story_false_reuse": rate("story_independent_reuse"),
        "baseline_same_sentence": {
            "copy_found": rate("sentence_baseline_copy"),
            "independent_false_reuse": rate("sentence_baseline_independent"),
        },
        "baseline_5gram_containment": {
            "copy_found": round(sum(r["ngram_copy"] >= threshold for r in rows) / n, 3),
            "independent_false_reuse": round(
                sum(r["ngram_independent"] >= threshold for r in rows) / n, 3
            ),
            "copy_mean": round(sum(r["ngram_copy"] for r in rows) / n, 3),
            "independent_mean": round(sum(r["ngram_independent"] for r in rows) / n, 3),
        },
    }


def _pick_threshold(rows: list[dict[str, Any]]) -> float:
    """The 5-gram containment threshold with the most right calls on ``rows`` (copies at or
    above, independent reports below); ties go to the highest threshold."""
    candidates = sorted({r["ngram_copy"] for r in rows} | {r["ngram_independent"] for r in rows})
    best, best_right = 1.0, -1
    for t in candidates:
        if t <= 0:
            continue
        right = sum(r["ngram_copy"] >= t for r in rows) + sum(
            r["ngram_independent"] < t for r in rows
        )
        if right >= best_right:
            best, best_right = t, right
    return best


def _norm(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text.lower()).split())


def _same_sentence(a: Article, b: Article) -> bool:
    """Baseline (i): any sentence of one equal to a sentence of the other after normalising."""
    seen = {_norm(s.text) for s in split_sentences(a.body)}
    return any(_norm(s.text) in seen for s in split_sentences(b.body) if _norm(s.text))


def _grams(text: str, n: int = 5) -> set[tuple[str, ...]]:
    w = _norm(text).split()
    return {tuple(w[i : i + n]) for i in range(len(w) - n + 1)}


def _containment(earlier: Article, later: Article) -> float:
    """Baseline (ii): share of the later article's word 5-grams found in the earlier one."""
    if (later.published or "") < (earlier.published or ""):
        earlier, later = later, earlier
    g_later = _grams(later.body)
    return round(len(g_later & _grams(earlier.body)) / len(g_later), 3) if g_later else 0.0
