"""Train the plain-text line model shipped in src/storylens/extract/model/line_model.json.

    .venv/bin/python scripts/train_line_model.py [--data ../shared/bench/boilerplate-dev.jsonl]
        [--folds 5] [--no-cv] [--out src/storylens/extract/model/line_model.json]

Fits the stacked logistic regressions of storylens.extract.linemodel on every labelled line,
reports the page-grouped cross-validated extraction score (whole pipeline, rules included: the
number to trust for unseen pages) and the in-sample score, then writes the weights as JSON.
Deterministic: the same data gives the same file.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold

from storylens.bench.extract import (
    LabelledPage,
    extracted_text,
    read_labelled_pages,
    site_templates,
)
from storylens.bench.metrics import TokenScore
from storylens.config import default_bench_dir
from storylens.extract.features import page_features
from storylens.extract.linemodel import (
    LineModel,
    Logistic,
    stage2_features,
    title_features,
)
from storylens.extract.lines import describe_page
from storylens.extract.text import extract_from_text, non_empty_lines

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_OUT = ROOT / "src/storylens/extract/model/line_model.json"
CONTENT_LABELS = (1, 2)
TITLE_LABEL = 1
C_CONTENT = 0.5
C_TITLE = 0.5
INNER_FOLDS = 5
THRESHOLDS = np.round(np.arange(0.2, 0.71, 0.025), 3)


class PageData:
    """One page's features, targets and token weights."""

    def __init__(self, page: LabelledPage) -> None:
        lines = non_empty_lines(page.text)
        labels = np.asarray(page.labels)
        facts = describe_page(lines)
        self.x1 = page_features(facts)
        self.content = np.isin(labels, CONTENT_LABELS).astype(int)
        self.title = (labels == TITLE_LABEL).astype(int)
        self.tokens = np.array([f.n_words for f in facts], dtype=float)


def fit_logistic(x: np.ndarray, y: np.ndarray, weight: np.ndarray, c: float) -> Logistic:
    """Standardise, fit, and return plain arrays (no sklearn object is shipped)."""
    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale < 1e-9] = 1.0
    clf = LogisticRegression(C=c, max_iter=5000)
    clf.fit((x - mean) / scale, y, sample_weight=weight)
    return Logistic(mean, scale, clf.coef_[0].copy(), float(clf.intercept_[0]))


def content_weight(data: list[PageData]) -> np.ndarray:
    """Lines weigh by their token count, as in the score; short lines keep a floor weight."""
    return np.concatenate([1.0 + d.tokens for d in data])


def fit_stage1(data: list[PageData]) -> Logistic:
    x = np.vstack([d.x1 for d in data])
    y = np.concatenate([d.content for d in data])
    return fit_logistic(x, y, content_weight(data), C_CONTENT)


def fit_stage2(data: list[PageData], p1: list[np.ndarray]) -> Logistic:
    x = np.vstack([stage2_features(d.x1, p) for d, p in zip(data, p1, strict=True)])
    y = np.concatenate([d.content for d in data])
    return fit_logistic(x, y, content_weight(data), C_CONTENT)


def inner_folds(n: int) -> list[tuple[np.ndarray, np.ndarray]]:
    groups = np.arange(n)
    return list(GroupKFold(n_splits=min(INNER_FOLDS, n)).split(groups, groups=groups))


def out_of_fold_scores(data: list[PageData]) -> tuple[list[np.ndarray], list[np.ndarray]]:
    """Stage-1 and stage-2 scores of each page from models that did not see it."""
    p1: list[np.ndarray] = [np.zeros(0)] * len(data)
    for train, test in inner_folds(len(data)):
        model = fit_stage1([data[i] for i in train])
        for i in test:
            p1[i] = model.predict(data[i].x1)
    p2: list[np.ndarray] = [np.zeros(0)] * len(data)
    for train, test in inner_folds(len(data)):
        model = fit_stage2([data[i] for i in train], [p1[i] for i in train])
        for i in test:
            p2[i] = model.predict(stage2_features(data[i].x1, p1[i]))
    return p1, p2


def best_threshold(data: list[PageData], p2: list[np.ndarray]) -> float:
    """The cut on stage-2 scores with the best token-weighted F1 over out-of-fold lines."""
    y = np.concatenate([d.content for d in data]).astype(bool)
    tokens = np.concatenate([d.tokens for d in data])
    scores = np.concatenate(p2)
    best, best_f1 = 0.5, -1.0
    for threshold in THRESHOLDS:
        chosen = scores >= threshold
        matched = tokens[chosen & y].sum()
        precision = matched / max(tokens[chosen].sum(), 1)
        recall = matched / max(tokens[y].sum(), 1)
        f1 = 2 * precision * recall / max(precision + recall, 1e-9)
        if f1 > best_f1:
            best, best_f1 = float(threshold), f1
    return best


def train(pages: list[LabelledPage]) -> LineModel:
    data = [PageData(page) for page in pages]
    p1, p2 = out_of_fold_scores(data)
    stage1 = fit_stage1(data)
    stage2 = fit_stage2(data, p1)
    x_title = np.vstack([title_features(d.x1, p) for d, p in zip(data, p2, strict=True)])
    y_title = np.concatenate([d.title for d in data])
    title = fit_logistic(x_title, y_title, np.ones(len(y_title)), C_TITLE)
    return LineModel(stage1, stage2, title, best_threshold(data, p2))


def evaluate(pages: list[LabelledPage], model: LineModel) -> TokenScore:
    """Whole-pipeline score (model + rules + templates), as ``storylens bench extract``."""
    templates = site_templates([page.text for page in pages])
    score = TokenScore()
    for page, template in zip(pages, templates, strict=True):
        extraction = extract_from_text(page.text, template_lines=template, model=model)
        score.add(extracted_text(extraction), page.gold_text)
    return score


def cross_validate(pages: list[LabelledPage], folds: int) -> TokenScore:
    """Pooled score over held-out folds; pages are the groups, so no page is seen twice."""
    total = TokenScore()
    groups = np.arange(len(pages))
    for train_idx, test_idx in GroupKFold(n_splits=folds).split(groups, groups=groups):
        model = train([pages[i] for i in train_idx])
        fold = evaluate([pages[i] for i in test_idx], model)
        print(f"  fold: F1 {fold.f1:.4f} ({fold.pages} pages)", file=sys.stderr)
        total.matched += fold.matched
        total.predicted += fold.predicted
        total.gold += fold.gold
        total.pages += fold.pages
    return total


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=default_bench_dir() / "boilerplate-dev.jsonl")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--no-cv", action="store_true", help="skip cross-validation")
    args = parser.parse_args(argv)

    pages = read_labelled_pages(args.data)
    report: dict[str, dict] = {}
    if not args.no_cv:
        cv = cross_validate(pages, args.folds)
        report[f"cross_validated_{args.folds}fold"] = cv.as_dict()
    model = train(pages)
    report["in_sample"] = evaluate(pages, model).as_dict()
    report["threshold"] = {"value": model.threshold}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(model.to_json(), separators=(",", ":")) + "\n", "utf-8")
    print(json.dumps(report, indent=2))
    print(f"wrote {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
