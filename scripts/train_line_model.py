"""Train the plain-text line model shipped in src/storylens/extract/model/line_model.json.

    .venv/bin/python scripts/train_line_model.py [--data ../shared/bench] [--no-loco]
        [--out src/storylens/extract/model/line_model.json]

Corpora (see storylens.bench.extract): boilerplate-dev (line labels), html-extraction and
snippets-dev rendered to plain-text dumps by every available renderer (line labels derived from
articleBody / the with-without snippets; lines the snippets say nothing about carry no weight).

Reports leave-one-corpus-out scores first: for each source corpus, the model is fitted on the
other sources only and the whole extractor (rules included) is scored on every rendering of the
held-out one, next to "keep every line". Dumps of the renderers in ``HELD_OUT_RENDERERS``
(inscriptis) are never trained on, only scored. Then fits on everything else and writes the
weights as JSON. Deterministic: the same data gives the same file.
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
    HELD_OUT_RENDERERS,
    Corpus,
    DumpPage,
    keep_every_line,
    load_corpora,
    normalise_space,
    raw_lines,
    same_title,
    score_corpus,
)
from storylens.bench.metrics import TOKEN_RE
from storylens.config import default_bench_dir
from storylens.extract.features import page_features
from storylens.extract.language import detect_language, language_sample, stop_words
from storylens.extract.linemodel import (
    LineModel,
    Logistic,
    stage2_features,
    stage3_features,
    title_features,
)
from storylens.extract.lines import describe_page
from storylens.extract.text import non_empty_lines

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_OUT = ROOT / "src/storylens/extract/model/line_model.json"
CONTENT_LABELS = (1, 2)
TITLE_LABEL = 1
UNKNOWN = -1
C_CONTENT = 0.5
C_TITLE = 0.5
INNER_FOLDS = 5
THRESHOLDS = np.round(np.arange(0.2, 0.71, 0.025), 3)
NEAR_BEST_F1 = 0.002
"""Thresholds within this much out-of-fold F1 of the best count as equally good (the curve's
plateau); 0.001 and 0.005 give about the same cuts."""
LONG_LINE_TOKENS = 6
SHORT_LINE_GAP = 40
"""A short line counts as article text only if it is found in the gold right after the
previous article line (within this many characters): short words occur everywhere."""
COVERAGE = 0.8
MIN_SNIPPET_OVERLAP = 20


def gold_tokens(text: str) -> list[str]:
    return TOKEN_RE.findall(text.lower())


def labels_from_gold(lines: list[str], gold: str) -> np.ndarray:
    """1 for lines found in the gold text (in order), 0 for the rest."""
    gold_words = gold_tokens(gold)
    haystack = f" {' '.join(gold_words)} "
    vocabulary = set(gold_words)
    cursor = 0
    labels = np.zeros(len(lines), dtype=int)
    for i, line in enumerate(lines):
        words = gold_tokens(line)
        if not words:
            continue
        key = f" {' '.join(words)} "
        found = haystack.find(key, cursor)
        if len(words) >= LONG_LINE_TOKENS:
            covered = sum(w in vocabulary for w in words) / len(words)
            labels[i] = found >= 0 or covered >= COVERAGE
        else:
            labels[i] = found >= 0 and found - cursor <= SHORT_LINE_GAP
        if labels[i] and found >= 0:
            cursor = found + len(key) - 1
    return labels


def labels_from_snippets(lines: list[str], page: DumpPage) -> np.ndarray:
    """1 where a line holds (or is part of) a ``with`` snippet, 0 for ``without``, else unknown."""
    with_ = [normalise_space(s) for s in page.with_ if s.strip()]
    without = [normalise_space(s) for s in page.without if s.strip()]
    labels = np.full(len(lines), UNKNOWN, dtype=int)
    for i, line in enumerate(lines):
        text = normalise_space(line)
        if any(_overlaps(text, s) for s in with_):
            labels[i] = 1
        elif any(_overlaps(text, s) for s in without):
            labels[i] = 0
    return labels


def _overlaps(line: str, snippet: str) -> bool:
    return snippet in line or (len(line) >= MIN_SNIPPET_OVERLAP and line in snippet)


def title_labels(lines: list[str], gold_title: str | None) -> np.ndarray:
    """1 for the first line that states the page's headline (as its HTML gives it), 0 for the
    others; all unknown when no line does."""
    labels = np.full(len(lines), UNKNOWN)
    if not gold_title:
        return labels
    for i, line in enumerate(lines):
        if len(line) <= 4 * len(gold_title) and same_title(line, gold_title):
            labels[:] = 0
            labels[i] = 1
            return labels
    return labels


class PageData:
    """One page's features, targets and line weights."""

    def __init__(self, page: DumpPage, corpus: Corpus) -> None:
        lines = non_empty_lines(page.text)
        facts = describe_page(lines)
        language = detect_language(language_sample(lines))
        self.x1 = page_features(facts, stop_words(language))
        self.tokens = np.array([f.n_words for f in facts], dtype=float)
        self.title = np.full(len(lines), UNKNOWN)
        if page.labels is not None and raw_lines(page.text) == lines:
            labels = np.asarray(page.labels)
            self.content = np.isin(labels, CONTENT_LABELS).astype(int)
            self.title = (labels == TITLE_LABEL).astype(int)
        else:
            if corpus.score == "snippets":
                self.content = labels_from_snippets(lines, page)
            else:
                self.content = labels_from_gold(lines, page.gold_text)
            self.title = title_labels(lines, page.gold_title)
        self.source = corpus.source
        self.weight = 1.0


def balance_sources(data: list[PageData]) -> None:
    """Each source corpus gets the same total weight, whatever its size or renderings."""
    totals: dict[str, float] = {}
    for d in data:
        totals[d.source] = totals.get(d.source, 0.0) + float(
            ((1.0 + d.tokens) * (d.content != UNKNOWN)).sum()
        )
    for d in data:
        d.weight = 1e5 / max(totals[d.source], 1.0)


def fit_logistic(x: np.ndarray, y: np.ndarray, weight: np.ndarray, c: float) -> Logistic:
    """Standardise, fit, and return plain arrays (no sklearn object is shipped)."""
    known = weight > 0
    x, y, weight = x[known], y[known], weight[known]
    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale < 1e-9] = 1.0
    clf = LogisticRegression(C=c, max_iter=5000)
    clf.fit((x - mean) / scale, y, sample_weight=weight)
    return Logistic(mean, scale, clf.coef_[0].copy(), float(clf.intercept_[0]))


def content_weight(data: list[PageData]) -> np.ndarray:
    """Lines weigh by their token count, as in the score; unknown lines weigh nothing."""
    return np.concatenate([d.weight * (1.0 + d.tokens) * (d.content != UNKNOWN) for d in data])


def content_target(data: list[PageData]) -> np.ndarray:
    return np.concatenate([np.maximum(d.content, 0) for d in data])


def fit_stage1(data: list[PageData]) -> Logistic:
    x = np.vstack([d.x1 for d in data])
    return fit_logistic(x, content_target(data), content_weight(data), C_CONTENT)


def fit_stage2(data: list[PageData], p1: list[np.ndarray]) -> Logistic:
    x = np.vstack([stage2_features(d.x1, p) for d, p in zip(data, p1, strict=True)])
    return fit_logistic(x, content_target(data), content_weight(data), C_CONTENT)


def fit_stage3(data: list[PageData], p2: list[np.ndarray]) -> Logistic:
    x = np.vstack([stage3_features(d.x1, p) for d, p in zip(data, p2, strict=True)])
    return fit_logistic(x, content_target(data), content_weight(data), C_CONTENT)


def inner_folds(n: int) -> list[tuple[np.ndarray, np.ndarray]]:
    groups = np.arange(n)
    return list(GroupKFold(n_splits=min(INNER_FOLDS, n)).split(groups, groups=groups))


def out_of_fold_scores(
    data: list[PageData],
) -> tuple[list[np.ndarray], list[np.ndarray], list[np.ndarray]]:
    """Stage-1, stage-2 and stage-3 scores of each page from models that did not see it."""
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
    p3: list[np.ndarray] = [np.zeros(0)] * len(data)
    for train, test in inner_folds(len(data)):
        model = fit_stage3([data[i] for i in train], [p2[i] for i in train])
        for i in test:
            p3[i] = model.predict(stage3_features(data[i].x1, p2[i]))
    return p1, p2, p3


def best_threshold(data: list[PageData], p2: list[np.ndarray]) -> float:
    """The cut on stage-2 scores: the middle of the thresholds whose out-of-fold weighted token
    F1 is within ``NEAR_BEST_F1`` of the best.

    The F1 curve is flat near its top, so its argmax jumps by up to 0.1 between refits on
    slightly different pages (and moves held-out figures by up to ±0.012); the middle of the
    near-best range moves a third as much or less.
    """
    return middle_of_near_best(threshold_f1_curve(data, p2))


def middle_of_near_best(f1: np.ndarray) -> float:
    """The mean of the ``THRESHOLDS`` whose F1 is within ``NEAR_BEST_F1`` of the curve's top."""
    near_best = THRESHOLDS[f1 >= f1.max() - NEAR_BEST_F1]
    return round(float(near_best.mean()), 4)


def threshold_f1_curve(data: list[PageData], p2: list[np.ndarray]) -> np.ndarray:
    """Weighted token F1 over out-of-fold lines at each of ``THRESHOLDS``."""
    known = np.concatenate([d.content != UNKNOWN for d in data])
    y = content_target(data).astype(bool)[known]
    tokens = content_weight(data)[known]
    scores = np.concatenate(p2)[known]
    f1 = np.zeros(len(THRESHOLDS))
    for k, threshold in enumerate(THRESHOLDS):
        chosen = scores >= threshold
        matched = tokens[chosen & y].sum()
        precision = matched / max(tokens[chosen].sum(), 1e-9)
        recall = matched / max(tokens[y].sum(), 1e-9)
        f1[k] = 2 * precision * recall / max(precision + recall, 1e-9)
    return f1


def title_weight(data: list[PageData], page: PageData) -> np.ndarray:
    """Headline lines: each source with title labels weighs the same in total, so exact
    labels (boilerplate-dev) are not outvoted by the headlines read from rendered pages' HTML."""
    known_in_source = sum(
        int((d.title != UNKNOWN).sum()) for d in data if d.source == page.source
    )
    return (page.title != UNKNOWN) * (1e4 / max(known_in_source, 1))


def train(data: list[PageData]) -> LineModel:
    balance_sources(data)
    p1, p2, p3 = out_of_fold_scores(data)
    stage1 = fit_stage1(data)
    stage2 = fit_stage2(data, p1)
    stage3 = fit_stage3(data, p2)
    x_title = np.vstack([title_features(d.x1, p) for d, p in zip(data, p2, strict=True)])
    y_title = np.concatenate([np.maximum(d.title, 0) for d in data])
    w_title = np.concatenate([title_weight(data, d) for d in data])
    title = fit_logistic(x_title, y_title, w_title, C_TITLE)
    return LineModel(stage1, stage2, title, best_threshold(data, p3), stage3)


def leave_one_corpus_out(corpora: list[Corpus], data: dict[str, list[PageData]]) -> dict:
    """Fit without each source corpus, score the whole extractor on its renderings."""
    report: dict[str, dict] = {}
    for source in sorted({c.source for c in corpora}):
        train_data = [d for c in trainable(corpora) if c.source != source for d in data[c.name]]
        model = train(train_data)
        fitted_on = sorted({c.source for c in corpora if c.source != source})
        for corpus in corpora:
            if corpus.source != source:
                continue
            scored, _ = score_corpus(corpus, model=model)
            baseline = keep_every_line(corpus)
            report[corpus.name] = {
                "fitted_on": fitted_on,
                **{k: scored[k] for k in ("precision", "recall", "f1", "pages")},
                "keep_every_line_f1": baseline["f1"],
                "beats_keep_every_line": scored["f1"] > baseline["f1"],
            }
            print(f"  held out {corpus.name}: {report[corpus.name]}", file=sys.stderr)
    return report


def trainable(corpora: list[Corpus]) -> list[Corpus]:
    """Corpora the model may be fitted on: not the held-out renderers' dumps."""
    return [c for c in corpora if c.renderer not in HELD_OUT_RENDERERS]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=default_bench_dir())
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--no-loco", action="store_true", help="skip leave-one-corpus-out")
    args = parser.parse_args(argv)

    corpora = load_corpora(args.data)
    data = {c.name: [PageData(page, c) for page in c.pages] for c in corpora}
    report: dict[str, object] = {}
    if not args.no_loco:
        report["leave_one_corpus_out"] = leave_one_corpus_out(corpora, data)
    model = train([d for c in trainable(corpora) for d in data[c.name]])
    report["threshold"] = model.threshold
    report["fitted_on"] = [c.name for c in trainable(corpora)]
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(model.to_json(), separators=(",", ":")) + "\n", "utf-8")
    print(json.dumps(report, indent=2))
    print(f"wrote {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
