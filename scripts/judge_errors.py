"""Where the judge loses: aligned-fact misses by stage, and MSRP pairs lost between the judge's
probability and ``compare_texts``' decision (BENCHMARKS.md "Comparison", error analysis).

Aligned facts (labelled story pairs, the judge retrained without the scored article pair, 5
folds as ``storylens bench compare --part alignment``): each labelled sentence pair is either
predicted by ``compare_articles``, never a candidate (TF-IDF cosine under the floor), judged
"different", or dropped by the keep-best rule; predicted pairs that match no positive label are
split into labelled look-alikes (``different``) and unlabelled pairs. It also prints how the
never-candidate pairs would fare if every sentence pair were judged (the ceiling of a better
candidate search for this judge).

MSRP (``--msrp``, ~2 minutes): 10-fold CV as the bench; for the pairs the judge calls "same"
that ``compare_texts`` does not, which rule stopped them (a conflicting detail, too little
overlap, too few shared words), and the path's accuracy with the judge's threshold chosen by
nested CV.

    PYTHONPATH=src python scripts/judge_errors.py [--bench DIR] [--msrp] [--show N]
"""

from __future__ import annotations

import argparse
import random
from collections import Counter
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.model_selection import StratifiedKFold

from storylens.bench.compare import (
    LABELS,
    POSITIVE,
    _load_labels,
    _load_rows,
    _overlaps,
)
from storylens.compare import align as aligner
from storylens.compare import compare_texts
from storylens.compare.conflicts import find_clashes
from storylens.compare.judge import (
    FEATURES,
    PARTIAL_MIN_SHARED,
    SAME_MIN_OVERLAP,
    feature_row,
    judge,
    prepare,
    using_model,
)
from storylens.compare.sentences import is_page_furniture, split_sentences
from storylens.compare.training import (
    RELATED_LABELS,
    fit_model,
    matrix,
    msrp_pairs,
    story_pairs,
)
from storylens.config import default_bench_dir


def article_items(rows: dict[str, dict[str, Any]], ids: tuple[str, str]) -> list[Any]:
    """The sentence items ``compare_articles`` aligns for two articles."""
    return [
        aligner.make_item(doc, k, s.start, s.end, s.text)
        for doc, article_id in enumerate(ids)
        for k, s in enumerate(split_sentences(rows[article_id]["text"]))
        if not is_page_furniture(s.text)
    ]


def label_status(items: list[Any], label: dict[str, Any], candidates: set, predicted: set,
                 model: Any) -> tuple[str, float]:
    """What became of one labelled sentence pair, and the "shares a fact" probability."""
    side_a = [i for i, it in enumerate(items)
              if it.doc == 0 and _overlaps(it.start, it.end, label["a_span"])]
    side_b = [j for j, it in enumerate(items)
              if it.doc == 1 and _overlaps(it.start, it.end, label["b_span"])]
    if not side_a or not side_b:
        return "page furniture", 0.0
    status, related = "not a candidate", 0.0
    for i in side_a:
        for j in side_b:
            row = feature_row(items[i].prepared, items[j].prepared)
            related = max(related, model.related.p_same(row))
            if (i, j) in predicted:
                status = "predicted"
            elif (i, j) in candidates and status != "predicted":
                verdict = judge(items[i].prepared, items[j].prepared, model)
                status = "judged different" if verdict.outcome == "different" else "kept out"
    return status, related


def judge_the_rest(items: list[Any], labels: list[dict[str, Any]], candidates: set, model: Any,
                   opened: Counter) -> None:
    """Judge every cross-article pair the candidate search skipped, by its label (positive,
    labelled different, unlabelled): the ceiling of a wider candidate search for this judge."""
    for i, a in enumerate(items):
        for j, b in enumerate(items):
            if a.doc != 0 or b.doc != 1 or (i, j) in candidates:
                continue
            kinds = {lab["label"] for lab in labels
                     if _overlaps(a.start, a.end, lab["a_span"])
                     and _overlaps(b.start, b.end, lab["b_span"])}
            kind = ("positive" if kinds & POSITIVE else "ambiguous" if "ambiguous" in kinds
                    else "different" if kinds else "unlabelled")
            opened[kind, judge(a.prepared, b.prepared, model).outcome != "different"] += 1


def alignment_errors(bench: Path, show: int) -> None:
    rows = _load_rows(bench / "stories-dev.jsonl")
    pairs, labels = _load_labels(LABELS, rows)
    x, y = matrix(msrp_pairs(bench / "msrp-train.tsv"))
    statuses: Counter = Counter()
    unlabelled_fp = 0
    opened: Counter = Counter()
    examples: dict[str, list[str]] = {"look-alike predicted": [], "positive never a candidate": []}
    for fold in range(5):
        held = {p for k, p in enumerate(pairs) if k % 5 == fold}
        skip = story_pairs(bench / "stories-dev.jsonl", LABELS, skip=held, positive=RELATED_LABELS)
        with using_model(fit_model(x, y, *matrix(skip))):
            model = aligner.aligning_model()
            for ids in sorted(held):
                items = article_items(rows, ids)
                tfidf = aligner._tfidf(items, aligner.story_weights(items))
                candidates = set(aligner._candidates(items, tfidf))
                predicted = {(a.i, a.j) for a in aligner.align(items)}
                matched = set()
                for label in labels[ids]:
                    if label["label"] == "ambiguous":
                        continue
                    status, related = label_status(items, label, candidates, predicted, model)
                    kind = "positive" if label["label"] in POSITIVE else "different"
                    statuses[kind, status] += 1
                    text = (f"  [{related:.2f}] {rows[ids[0]]['text'][slice(*label['a_span'])]}"
                            f"\n         {rows[ids[1]]['text'][slice(*label['b_span'])]}")
                    if kind == "different" and status == "predicted":
                        examples["look-alike predicted"].append(text)
                    if kind == "positive" and status == "not a candidate":
                        examples["positive never a candidate"].append(text)
                for i, j in predicted:
                    matched.update(
                        (i, j) for lab in labels[ids]
                        if _overlaps(items[i].start, items[i].end, lab["a_span"])
                        and _overlaps(items[j].start, items[j].end, lab["b_span"])
                    )
                unlabelled_fp += len(predicted - matched)
                judge_the_rest(items, labels[ids], candidates, model, opened)
    print("labelled sentence pairs by outcome (5-fold, judge retrained without the pair):")
    for (kind, status), count in sorted(statuses.items()):
        print(f"  {kind:9s} {status:17s} {count}")
    print(f"  predicted pairs overlapping no label (false positives): {unlabelled_fp}")
    print("sentence pairs under the candidate floor that the same judge would align, if judged:")
    for (kind, aligned), count in sorted(opened.items()):
        print(f"  {kind:10s} {'aligned' if aligned else 'not aligned':11s} {count}")
    for name, found in examples.items():
        print(f"{name} (random {min(show, len(found))} of {len(found)}, [P(shares a fact)]):")
        for text in random.Random(0).sample(found, min(show, len(found))):
            print(text)


def msrp_gap(bench: Path) -> None:
    """Judge-alone vs ``compare_texts`` accuracy, and what stops the judge's "same" pairs."""
    pairs = msrp_pairs(bench / "msrp-train.tsv")
    x, y = matrix(pairs)
    related = matrix(story_pairs(bench / "stories-dev.jsonl", LABELS, positive=RELATED_LABELS))
    p = np.zeros(len(y))
    passes = np.zeros(len(y), dtype=bool)
    fold_of = np.zeros(len(y), dtype=int)
    splits = StratifiedKFold(10, shuffle=True, random_state=13).split(x, y)
    for fold, (train, test) in enumerate(splits):
        model = fit_model(x[train], y[train], *related)
        with using_model(replace(model, threshold=0.0)):  # the path's other rules alone
            for k in test:
                shared = compare_texts(*pairs[k][:2]).to_dict()["shared"]
                passes[k] = any(s["kind"] != "partial" for s in shared)
                p[k], fold_of[k] = model.p_same(x[k]), fold
    print(f"MSRP judge alone (P >= 0.5): {((p >= 0.5) == y).mean():.4f}; "
          f"compare_texts: {(((p >= 0.5) & passes) == y).mean():.4f}")
    stopped = Counter(
        (_stopping_rule(*pairs[k][:2]), int(y[k])) for k in np.where((p >= 0.5) & ~passes)[0]
    )
    for (rule, label), count in sorted(stopped.items()):
        print(f"  judged same, not same on the path: {rule:28s} label {label}: {count}")
    grid = np.round(np.arange(0.3, 0.71, 0.02), 2)
    correct = 0
    chosen = []
    for fold in range(10):
        train = fold_of != fold
        best = max(grid, key=lambda t: ((((p[train] >= t) & passes[train]) == y[train]).mean(),
                                        -abs(t - 0.5)))
        chosen.append(float(best))
        correct += int((((p[~train] >= best) & passes[~train]) == y[~train]).sum())
    print(f"compare_texts with the threshold chosen on the other nine folds: "
          f"{correct / len(y):.4f} (thresholds {sorted(set(chosen))})")


def _stopping_rule(a: str, b: str) -> str:
    """Which of the path's rules keeps a pair the judge calls "same" from being "same"."""
    pa, pb = prepare(a), prepare(b)
    row = feature_row(pa, pb)
    overlap = max(row[FEATURES.index("soft_min")], row[FEATURES.index("cov_min")])
    rules = []
    if len(set(pa.content) & set(pb.content)) < PARTIAL_MIN_SHARED:
        rules.append("few shared words")
    if overlap < SAME_MIN_OVERLAP:
        rules.append("overlap under 0.3")
    if overlap >= aligner.CONFLICT_MIN and list(find_clashes(a, b)):
        rules.append("conflicting detail")
    return " + ".join(rules) or "other"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bench", type=Path, default=default_bench_dir())
    parser.add_argument("--msrp", action="store_true")
    parser.add_argument("--show", type=int, default=5)
    args = parser.parse_args()
    alignment_errors(args.bench, args.show)
    if args.msrp:
        msrp_gap(args.bench)


if __name__ == "__main__":
    main()
