"""Benchmark of the comparison stage: sentence alignment quality and speed on stories-dev.

Quality: precision, recall and F1 of predicted shared sentence pairs against the hand labels in
``data/compare-labels.jsonl`` (article ids plus character spans; the bench text itself stays
outside the repository). A predicted pair matches a label when both of its sentences overlap the
labelled spans. Positives (verbatim, paraphrase, partial) were labelled exhaustively for each
labelled article pair, so any other predicted pair counts as a false positive, except pairs
labelled ``ambiguous``, which count neither way.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

from storylens.bench.metrics import prf
from storylens.compare import compare_articles, compare_texts
from storylens.models import Article

LABELS = Path(__file__).parent / "data" / "compare-labels.jsonl"
POSITIVE = {"verbatim", "paraphrase", "partial"}


def run(data_dir: Path, **opts: Any) -> dict[str, Any]:
    """Scores and speeds; ``labels`` overrides the label file, ``repeat`` the timing rounds."""
    rows = _load_rows(Path(data_dir) / "stories-dev.jsonl")
    pairs, labels = _load_labels(Path(opts.get("labels", LABELS)), rows)
    counts = {"tp": 0, "fp": 0, "fn": 0}
    for a_id, b_id in pairs:
        _score_pair(rows[a_id], rows[b_id], labels[(a_id, b_id)], counts)
    return {
        **_rounded_prf(counts["tp"], counts["fp"], counts["fn"]),
        "pairs": len(pairs),
        "labels": dict(sorted(_label_counts(labels).items())),
        "counts": counts,
        "isolated_pairs": _score_isolated(rows, labels),
        "speed": _speed(rows, int(opts.get("repeat", 3))),
    }


def _rounded_prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    precision, recall, f1 = prf(tp, tp + fp, tp + fn)
    return {"precision": round(precision, 3), "recall": round(recall, 3), "f1": round(f1, 3)}


def _load_rows(path: Path) -> dict[str, dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        return {row["id"]: row for row in map(json.loads, handle)}


def _load_labels(
    path: Path, rows: dict[str, dict[str, Any]]
) -> tuple[list[tuple[str, str]], dict[tuple[str, str], list[dict[str, Any]]]]:
    """Labelled article pairs and their labels, checking each span still holds its sentence."""
    pairs: list[tuple[str, str]] = []
    labels: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            item = json.loads(line)
            key = (item["a"], item["b"])
            if item["type"] == "pair":
                pairs.append(key)
                continue
            for side in ("a", "b"):
                start, end = item[f"{side}_span"]
                text = rows[item[side]]["text"][start:end]
                if _short_hash(text) != item[f"{side}_sha1"]:
                    raise ValueError(f"{path}: span of {item[side]} no longer matches its hash")
            labels[key].append(item)
    return pairs, labels


def _short_hash(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:10]


def _article(row: dict[str, Any]) -> Article:
    return Article(id=row["id"], origin=row["id"], title=row.get("title") or "", body=row["text"])


def _overlaps(start: int, end: int, span: list[int]) -> bool:
    return start < span[1] and span[0] < end


def _score_pair(
    a: dict[str, Any], b: dict[str, Any], labels: list[dict[str, Any]], counts: dict[str, int]
) -> None:
    comparison = compare_articles([_article(a), _article(b)])
    found: set[int] = set()
    for fact in comparison.shared:
        x, y = (fact.a, fact.b) if fact.a.article_id == a["id"] else (fact.b, fact.a)
        hits = [
            k
            for k, lab in enumerate(labels)
            if _overlaps(x.start, x.end, lab["a_span"]) and _overlaps(y.start, y.end, lab["b_span"])
        ]
        kinds = {labels[k]["label"] for k in hits}
        if kinds & POSITIVE:
            counts["tp"] += 1
            found.update(k for k in hits if labels[k]["label"] in POSITIVE)
        elif "ambiguous" not in kinds:
            counts["fp"] += 1
    counts["fn"] += sum(
        1 for k, lab in enumerate(labels) if lab["label"] in POSITIVE and k not in found
    )


def _score_isolated(
    rows: dict[str, dict[str, Any]], labels: dict[tuple[str, str], list[dict[str, Any]]]
) -> dict[str, float | int]:
    """Each labelled sentence pair on its own through ``compare_texts``, as batch mode sees it.

    A pair is predicted shared when the comparison aligns its two sentences; positives are the
    verbatim/paraphrase/partial labels, negatives the look-alike ``different`` ones.
    """
    tp = fp = fn = tn = 0
    for (a_id, b_id), items in labels.items():
        for item in items:
            if item["label"] == "ambiguous":
                continue
            a_text = rows[a_id]["text"][slice(*item["a_span"])]
            b_text = rows[b_id]["text"][slice(*item["b_span"])]
            predicted = bool(compare_texts(a_text, b_text).shared)
            actual = item["label"] in POSITIVE
            tp += predicted and actual
            fp += predicted and not actual
            fn += actual and not predicted
            tn += not predicted and not actual
    return {
        **_rounded_prf(tp, fp, fn),
        "tp": tp,
        "fp": fp,
        "fn": fn,
        "tn": tn,
    }


def _label_counts(labels: dict[tuple[str, str], list[dict[str, Any]]]) -> dict[str, int]:
    counts: dict[str, int] = defaultdict(int)
    for items in labels.values():
        for item in items:
            counts[item["label"]] += 1
    return counts


def _speed(rows: dict[str, dict[str, Any]], repeat: int) -> dict[str, float]:
    """Comparisons per second: two ~800-word articles, and a 20-article story."""
    articles = [_article(r) for r in rows.values() if r["text"].strip()]
    by_cluster: dict[str, list[Article]] = defaultdict(list)
    for row, article in zip((r for r in rows.values() if r["text"].strip()), articles, strict=True):
        by_cluster[row["cluster"]].append(article)
    long_pair = sorted(articles, key=lambda a: abs(len(a.body.split()) - 800))[:2]
    story = max(by_cluster.values(), key=len)
    story = (story + [a for a in articles if a not in story])[:20]
    return {
        "pair_800_words_per_s": round(_rate(long_pair, repeat), 2),
        "story_20_articles_per_s": round(_rate(story, repeat), 2),
    }


def _rate(articles: list[Article], repeat: int) -> float:
    compare_articles(articles)
    start = time.perf_counter()
    for _ in range(repeat):
        compare_articles(articles)
    return repeat / (time.perf_counter() - start)
