"""Training the sentence-pair judge: data readers, features matrix, fit, JSON weights.

Used by ``scripts/train_judge.py`` (which writes the shipped weights) and by ``storylens bench
compare`` (which retrains per fold to report MSRP 10-fold cross-validated accuracy).
"""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.decomposition import PCA
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import StandardScaler

from storylens.compare.judge import FEATURES, JudgeModel, feature_row, model_from_dict, prepare

Pair = tuple[str, str, int]
EMBED_COMPONENTS = 8
"""Principal components kept of ``|u - v|`` and of ``u * v`` (8 + 8 inputs; 10-fold CV on MSRP,
judge alone: 4 -> 0.780, 8 -> 0.780, 16 -> 0.774, none 0.7745)."""
RELATED_FEATURES = FEATURES.index("embed_cosine")
RELATED_COMPONENTS = 0
"""The "shares a fact" model, fitted on ~400 story pairs, reads the lexical features only (the
first ``RELATED_FEATURES``), no embedding: with the alignment features its aligned-fact F1 (round
3 labels, ``bench compare --part alignment``) was 0.783 against 0.791, with 8 + 8 vector
components too (round 2 labels) 0.771 against 0.781."""
REGULARISATION = 1.0
"""Inverse L2 strength of the logistic model (flat between 0.1 and 10 in 10-fold CV)."""
SAME_LABELS = {"verbatim", "paraphrase"}
RELATED_LABELS = frozenset({"verbatim", "paraphrase", "partial"})


def msrp_pairs(path: Path) -> list[Pair]:
    """(sentence 1, sentence 2, label) rows of an MSRP tsv file (1 = same meaning)."""
    rows = []
    with path.open(encoding="utf-8-sig") as handle:
        reader = csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        next(reader)
        for row in reader:
            if len(row) == 5 and row[0] in {"0", "1"}:
                rows.append((row[3], row[4], int(row[0])))
    return rows


def story_pairs(
    stories: Path,
    labels: Path,
    skip: set[tuple[str, str]] | None = None,
    positive: frozenset[str] = frozenset(SAME_LABELS),
) -> list[Pair]:
    """Labelled story sentence pairs (text a, text b, same?); ambiguous ones left out, and the
    article pairs in ``skip`` (held out for scoring)."""
    if not stories.exists() or not labels.exists():
        return []
    with stories.open(encoding="utf-8") as handle:
        texts = {row["id"]: row["text"] for row in map(json.loads, handle)}
    rows = []
    with labels.open(encoding="utf-8") as handle:
        for item in map(json.loads, handle):
            if item.get("type") != "label" or item["label"] == "ambiguous":
                continue
            if skip and (item["a"], item["b"]) in skip:
                continue
            a = texts[item["a"]][slice(*item["a_span"])]
            b = texts[item["b"]][slice(*item["b_span"])]
            rows.append((a, b, int(item["label"] in positive)))
    return rows


def matrix(rows: list[Pair]) -> tuple[np.ndarray, np.ndarray]:
    """Feature matrix and labels of sentence pairs."""
    if not rows:
        return np.zeros((0, len(FEATURES))), np.zeros(0, dtype=int)
    x = np.array([feature_row(prepare(a), prepare(b)) for a, b, _ in rows])
    return x, np.array([label for _, _, label in rows])


def fit(
    x: np.ndarray, y: np.ndarray, components: int = EMBED_COMPONENTS, used: int | None = None
) -> dict[str, Any]:
    """Standardised L2 logistic regression on the features (the first ``used`` of them; the
    others get weight 0) and the principal components of the pair vectors (fitted on these rows
    only), in the JSON form the package loads."""
    n = len(FEATURES)
    used = used or n
    projection = fit_projection(x[:, n:], components) if components else None
    inputs = x[:, 1:used]
    if projection:
        inputs = np.hstack([inputs, _project(x[:, n:], projection)])
    scaler = StandardScaler().fit(inputs)
    model = LogisticRegression(C=REGULARISATION, max_iter=2000)
    model.fit(scaler.transform(inputs), y)
    unused = [0.0] * (n - used)
    return {
        "features": list(FEATURES),
        "mean": [0.0, *scaler.mean_[: used - 1].tolist(), *unused,
                 *scaler.mean_[used - 1 :].tolist()],
        "scale": [1.0, *scaler.scale_[: used - 1].tolist(), *[1.0] * (n - used),
                  *scaler.scale_[used - 1 :].tolist()],
        "coef": [0.0, *model.coef_[0][: used - 1].tolist(), *unused,
                 *model.coef_[0][used - 1 :].tolist()],
        "intercept": float(model.intercept_[0]),
        "threshold": 0.5,
        "projection": projection,
    }


def fit_projection(raw: np.ndarray, components: int) -> dict[str, Any]:
    """PCA of ``|u - v|`` and of ``u * v`` separately, as one block-diagonal matrix."""
    half = raw.shape[1] // 2
    k = min(components, len(raw) - 1, half)
    components = np.zeros((2 * k, 2 * half))
    mean = np.zeros(2 * half)
    for part in range(2):
        cols = slice(part * half, (part + 1) * half)
        pca = PCA(k, random_state=0).fit(raw[:, cols])
        components[part * k : (part + 1) * k, cols] = pca.components_
        mean[cols] = pca.mean_
    return {"mean": mean.tolist(), "components": components.tolist()}


def _project(raw: np.ndarray, projection: dict[str, Any]) -> np.ndarray:
    return (raw - np.array(projection["mean"])) @ np.array(projection["components"]).T


def fit_both(
    x: np.ndarray, y: np.ndarray, xr: np.ndarray, yr: np.ndarray
) -> dict[str, Any]:
    """The "same" model on (x, y) and, when there are story labels, the "shares a fact" model
    on (xr, yr), as one JSON object."""
    data = fit(x, y)
    if len(yr) and len(set(yr.tolist())) == 2:
        related = fit(xr, yr, RELATED_COMPONENTS, RELATED_FEATURES)
        del related["features"]
        data["related"] = related
    return data


def fit_model(
    x: np.ndarray, y: np.ndarray, xr: np.ndarray | None = None, yr: np.ndarray | None = None
) -> JudgeModel:
    if xr is None or yr is None:
        return model_from_dict(fit(x, y))
    return model_from_dict(fit_both(x, y, xr, yr))
