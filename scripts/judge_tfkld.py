"""MSRP 10-fold CV accuracy of the judge with TF-KLD features (Ji & Eisenstein 2013,
"Discriminative Improvements to Distributional Sentence Similarity"): a measurement of a
direction tried for issue 11, not a shipped path.

Each term (lower-cased word, optionally its bigrams) is weighted by the KL divergence between
the Bernoulli "the term is in both sentences, given it is in either" of paraphrase and of
non-paraphrase pairs (additive smoothing ``--smooth``; terms seen in fewer than ``--min-count``
training pairs dropped), fitted on the nine training folds only. The TF-KLD weighted
term-sentence matrix of the training sentences (``--extra N``: plus N unlabelled sentences of
stories-dev) is factorised (truncated SVD, or NMF with ``--nmf``) into ``--k`` dimensions; a pair
is then ``--parts`` of: ``sum`` u+v, ``diff`` |u-v|, ``prod`` u*v, ``cos`` the TF-KLD cosine of
the raw term vectors and the cosine in the latent space. These are scored alone
(``--latent-only``) or added to the shipped judge's inputs (lexical and word-alignment features,
8 + 8 components of the static embedding pair), standardised L2 logistic regression, the same
folds as ``storylens bench compare --part msrp`` (StratifiedKFold(10, shuffle, seed 13)).

    PYTHONPATH=src python scripts/judge_tfkld.py [--bench DIR] [--parts sum,diff] [--k 100]
"""

from __future__ import annotations

import argparse
import itertools
import json
import math
import time
from collections import Counter
from pathlib import Path

import numpy as np
import scipy.sparse as sp
from sklearn.decomposition import NMF, TruncatedSVD
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold
from sklearn.preprocessing import StandardScaler, normalize

from storylens.compare.judge import FEATURES, prepare
from storylens.compare.sentences import split_sentences
from storylens.compare.training import _project, fit_projection, matrix, msrp_pairs
from storylens.config import default_bench_dir

Terms = Counter


def terms(text: str, bigrams: bool) -> Terms:
    """Lower-cased word and figure tokens (punctuation dropped), and their bigrams if asked."""
    words = [t for t in prepare(text).tokens if t[0].isalnum()]
    found = Counter(words)
    if bigrams:
        found.update(f"{p}_{q}" for p, q in itertools.pairwise(words))
    return found


def kld_weights(
    left: list[Terms], right: list[Terms], y: np.ndarray, smooth: float, min_count: int
) -> dict[str, float]:
    """KL(p || q) per term, p and q the smoothed shares of paraphrase and non-paraphrase pairs
    having the term on both sides among those having it on either."""
    counts: dict[str, list[int]] = {}
    for a, b, label in zip(left, right, y, strict=True):
        for term in a.keys() | b.keys():
            c = counts.setdefault(term, [0, 0, 0, 0])
            base = 0 if label else 2
            c[base] += term in a and term in b
            c[base + 1] += 1
    weights = {}
    for term, (pos_shared, pos, neg_shared, neg) in counts.items():
        if pos + neg < min_count:
            continue
        p = (pos_shared + smooth) / (pos + 2 * smooth)
        q = (neg_shared + smooth) / (neg + 2 * smooth)
        weights[term] = p * math.log(p / q) + (1 - p) * math.log((1 - p) / (1 - q))
    return weights


def weighted_matrix(rows: list[Terms], vocab: dict[str, int], weight: np.ndarray) -> sp.csr_matrix:
    """Term frequency times the term's weight, one row per sentence."""
    data, row_ids, col_ids = [], [], []
    for r, found in enumerate(rows):
        for term, n in found.items():
            j = vocab.get(term)
            if j is not None:
                row_ids.append(r)
                col_ids.append(j)
                data.append(n * weight[j])
    return sp.csr_matrix((data, (row_ids, col_ids)), shape=(len(rows), len(vocab)))


def cross_fitted(
    left: list[Terms], right: list[Terms], y: np.ndarray, train: np.ndarray, test: np.ndarray,
    extra: list[Terms], args: argparse.Namespace,
) -> np.ndarray:
    """TF-KLD pair features of every pair: the test pairs' from weights fitted on all of
    ``train``; each training pair's from weights fitted on the other ``--cross`` inner folds of
    ``train`` (weights fitted on a pair's own label make its features look more telling than they
    are on unseen pairs, and the classifier over-trusts them); ``--cross 0``: no cross-fitting."""
    if not args.cross:
        return pair_features(left, right, y, train, np.arange(len(y)), extra, args)
    first = pair_features(left, right, y, train, test, extra, args)
    found = np.zeros((len(y), first.shape[1]))
    found[test] = first
    inner = StratifiedKFold(args.cross, shuffle=True, random_state=7)
    for fit_rows, apply_rows in inner.split(train, y[train]):
        found[train[apply_rows]] = pair_features(left, right, y, train[fit_rows],
                                                 train[apply_rows], extra, args)
    return found


def pair_features(
    left: list[Terms], right: list[Terms], y: np.ndarray, train: np.ndarray, rows: np.ndarray,
    extra: list[Terms], args: argparse.Namespace,
) -> np.ndarray:
    """The asked TF-KLD pair features of the pairs ``rows``, weights and factorisation fitted on
    the pairs ``train`` (and the unlabelled ``extra`` sentences) only."""
    weights = kld_weights([left[i] for i in train], [right[i] for i in train], y[train],
                          args.smooth, args.min_count)
    vocab = {t: j for j, t in enumerate(weights)}
    weight = np.array(list(weights.values()))
    fitted = weighted_matrix([left[i] for i in train] + [right[i] for i in train] + extra,
                             vocab, weight)
    factor = (NMF(args.k, init="nndsvd", max_iter=300, random_state=0) if args.nmf
              else TruncatedSVD(args.k, random_state=0)).fit(fitted)
    raw_u = weighted_matrix([left[i] for i in rows], vocab, weight)
    raw_v = weighted_matrix([right[i] for i in rows], vocab, weight)
    u, v = factor.transform(raw_u), factor.transform(raw_v)
    unit_u, unit_v = normalize(u), normalize(v)
    raw_cos = np.asarray(normalize(raw_u).multiply(normalize(raw_v)).sum(axis=1)).ravel()
    if args.unit:
        u, v = unit_u, unit_v
    parts = {"sum": u + v, "diff": np.abs(u - v), "prod": u * v,
             "cos": np.c_[raw_cos, (unit_u * unit_v).sum(axis=1)]}
    return np.hstack([parts[p] for p in args.parts.split(",")])


def unlabelled_sentences(bench: Path, limit: int) -> list[str]:
    """The first ``limit`` sentences of stories-dev articles (no labels read)."""
    found: list[str] = []
    with (bench / "stories-dev.jsonl").open(encoding="utf-8") as handle:
        for row in map(json.loads, handle):
            found += [s.text for s in split_sentences(row["text"])]
            if len(found) >= limit:
                break
    return found[:limit]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bench", type=Path, default=default_bench_dir())
    parser.add_argument("--k", type=int, default=100)
    parser.add_argument("--parts", default="sum,diff")
    parser.add_argument("--bigrams", action="store_true")
    parser.add_argument("--nmf", action="store_true")
    parser.add_argument("--unit", action="store_true", help="unit-length latent vectors")
    parser.add_argument("--smooth", type=float, default=1.0)
    parser.add_argument("--min-count", type=int, default=3)
    parser.add_argument("--extra", type=int, default=0)
    parser.add_argument("--latent-only", action="store_true")
    parser.add_argument("--cross", type=int, default=3, help="inner folds (0: none)")
    args = parser.parse_args()
    started = time.perf_counter()
    msrp = msrp_pairs(args.bench / "msrp-train.tsv")
    x, y = matrix(msrp)
    left = [terms(a, args.bigrams) for a, _, _ in msrp]
    right = [terms(b, args.bigrams) for _, b, _ in msrp]
    extra = [terms(s, args.bigrams) for s in unlabelled_sentences(args.bench, args.extra)]
    n = len(FEATURES)
    shipped, with_tfkld = [], []
    for train, test in StratifiedKFold(10, shuffle=True, random_state=13).split(x, y):
        base = np.hstack([x[:, 1:n], _project(x[:, n:], fit_projection(x[train, n:], 8))])
        added = cross_fitted(left, right, y, train, test, extra, args)
        for inputs, scores in ((base, shipped),
                               (added if args.latent_only else np.hstack([base, added]),
                                with_tfkld)):
            scaler = StandardScaler().fit(inputs[train])
            model = LogisticRegression(max_iter=3000).fit(scaler.transform(inputs[train]),
                                                          y[train])
            scores.append((model.predict(scaler.transform(inputs[test])) == y[test]).mean())
    options = {k: v for k, v in vars(args).items() if k != "bench"}
    print(f"shipped inputs {np.mean(shipped):.4f}  with TF-KLD {np.mean(with_tfkld):.4f}  "
          f"majority {max(y.mean(), 1 - y.mean()):.4f}  {options}  "
          f"{time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
