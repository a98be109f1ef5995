"""Sentence alignment across the articles of a story.

Candidates come from a sparse TF-IDF product (only sentence pairs sharing a content word ever get
a score, so cost follows word overlap, not the square of the sentence count); each candidate is
then judged by the trained sentence-pair judge (``judge.py``: same / partial / different) and
checked for conflicting details (``conflicts.py``). IDF for candidate search is computed over the
story's own sentences, floored for tiny inputs.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

import numpy as np
from rapidfuzz import fuzz
from rapidfuzz.distance import LCSseq
from scipy import sparse

from storylens.compare.conflicts import Clash, find_clashes
from storylens.compare.judge import (
    Judged,
    JudgeModel,
    Prepared,
    judge_pairs_unless_different,
    load_model,
    may_relate,
    prepare,
)
from storylens.compare.model import AlignKind
from storylens.compare.reuse import mark_paraphrase_copies
from storylens.compare.text import content_stems, numbers, words
from storylens.config import SETTINGS

VERBATIM_RATIO = 0.85
"""Character similarity of two whole sentences above which one is a copy of the other."""
CONTAINED_RATIO = 0.92
"""Similarity of the shorter sentence to its best-matching part of the longer (copied part)."""
CANDIDATE_MIN = SETTINGS.compare.candidate_min
"""TF-IDF cosine below which a pair is not even scored."""
REWORDED_RATIO = 0.7
"""Character similarity above which a sentence judged the same is a lightly reworded copy."""
CONFLICT_MIN = 0.5
"""Content overlap two sentences need before a differing detail is a conflict, not another fact."""
MAX_CANDIDATES = 20
"""A sentence is judged against at most this many later look-alikes (most similar first), so many
articles repeating one sentence cost linear, not quadratic, time."""
KEEP_RELATIVE = SETTINGS.compare.keep_relative
"""A sentence keeps only matches scoring at least this share of its best match in that article."""


@dataclass(frozen=True)
class SentenceItem:
    """A sentence ready for alignment: where it is and what content it carries."""

    doc: int
    index: int
    start: int
    end: int
    text: str
    stems: tuple[str, ...]
    folded: str
    numbers: frozenset[str]
    prepared: Prepared


@dataclass(frozen=True)
class Alignment:
    i: int
    j: int
    kind: AlignKind
    score: float
    coverage_i: float
    coverage_j: float
    copied: bool = False
    p_same: float = 0.0
    clashes: tuple[Clash, ...] = ()


def make_item(
    doc: int, index: int, start: int, end: int, text: str, language: str | None = None
) -> SentenceItem:
    """A sentence of one article, prepared for the aligner and the judge (its words read in
    the article's ``language``)."""
    found = words(text)  # folded once, shared by the stems, the folded text and the numbers
    return SentenceItem(
        doc=doc,
        index=index,
        start=start,
        end=end,
        text=text,
        stems=tuple(content_stems(text, found)),
        folded=" ".join(found),
        numbers=frozenset(numbers(text, found)),
        prepared=prepare(text, language),
    )


def align(items: list[SentenceItem]) -> list[Alignment]:
    """Aligned pairs (i < j, indices into ``items``) of sentences from different articles."""
    if len(items) < 2:
        return []
    weights = story_weights(items)
    candidates = _candidates(items, _tfidf(items, weights))
    verdicts = _verdicts(items, candidates)
    judged: dict[tuple[str, str], Alignment | None] = {}
    found = []
    for i, j in candidates:
        key = (items[i].text, items[j].text)
        if key in judged:  # wire copies repeat sentences: judge each distinct pair once
            alignment = judged[key]
            alignment = alignment and replace(alignment, i=i, j=j)
        else:
            verdict = verdicts.get((i, j))  # None: the judge can only call it "different"
            alignment = verdict and score_pair(items[i], items[j], verdict, weights, i, j)
            judged[key] = alignment
        if alignment is not None:
            found.append(alignment)
    return mark_paraphrase_copies(items, _keep_best(items, found))


def _verdicts(
    items: list[SentenceItem], candidates: list[tuple[int, int]]
) -> dict[tuple[int, int], Judged]:
    """The judge's verdict on each distinct candidate pair (by its two texts: the first pair of
    a repeated one) that it could call anything but "different", all judged in one call
    (:func:`judge_pairs_unless_different`: a pair it calls "different" is left out, as
    :func:`score_pair` drops it, so pairs the words already decide skip the word alignment)."""
    first: dict[tuple[str, str], tuple[int, int]] = {}
    for i, j in candidates:
        first.setdefault((items[i].text, items[j].text), (i, j))
    pairs = [(i, j) for i, j in first.values() if may_relate(items[i].prepared, items[j].prepared)]
    verdicts = judge_pairs_unless_different(
        [(items[i].prepared, items[j].prepared) for i, j in pairs], aligning_model()
    )
    return {pair: v for pair, v in zip(pairs, verdicts, strict=True) if v is not None}


def story_weights(items: list[SentenceItem]) -> dict[str, float]:
    """IDF of each stem over the story's sentences, floored so few sentences still rank words."""
    df: dict[str, int] = {}
    for item in items:
        for s in set(item.stems):
            df[s] = df.get(s, 0) + 1
    n = max(len(items), 20)
    return {s: math.log((n + 1) / (count + 1)) + 1.0 for s, count in df.items()}


def _tfidf(items: list[SentenceItem], weights: dict[str, float]) -> sparse.csr_matrix:
    vocab = {s: k for k, s in enumerate(weights)}
    rows, cols, vals = [], [], []
    for r, item in enumerate(items):
        for s in set(item.stems):
            rows.append(r)
            cols.append(vocab[s])
            vals.append(weights[s])
    matrix = sparse.csr_matrix((vals, (rows, cols)), shape=(len(items), len(vocab)))
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sparse.csr_matrix(sparse.diags(1.0 / norms) @ matrix)


def _candidates(items: list[SentenceItem], matrix: sparse.csr_matrix) -> list[tuple[int, int]]:
    """Pairs from different articles whose TF-IDF cosine passes the candidate floor."""
    sims = (matrix @ matrix.T).tocoo()  # the upper triangle taken below (what sparse.triu
    docs = np.array([it.doc for it in items])  # does, without building a second matrix)
    keep = (sims.row < sims.col) & (sims.data >= CANDIDATE_MIN) & (docs[sims.row] != docs[sims.col])
    rows, cols, data = sims.row[keep], sims.col[keep], sims.data[keep]
    order = np.lexsort((-data, rows))  # by sentence, most similar first
    rows, cols = rows[order], cols[order]
    rank = np.arange(len(rows)) - np.searchsorted(rows, rows)  # position within its sentence
    keep = rank < MAX_CANDIDATES
    return list(zip(rows[keep].tolist(), cols[keep].tolist(), strict=True))


def score_pair(
    a: SentenceItem, b: SentenceItem, verdict: Judged, weights: dict[str, float], i: int, j: int
) -> Alignment | None:
    """Whether two sentences state the same thing (the trained judge's ``verdict``), how
    closely, and where they disagree (None: they state different things)."""
    if verdict.outcome == "different":
        return None
    overlap = content_overlap(a, b, weights)
    ratio = fuzz.ratio(a.folded, b.folded) / 100.0
    clashes = tuple(find_clashes(a.text, b.text)) if verdict.overlap >= CONFLICT_MIN else ()
    copied = not clashes and (ratio >= VERBATIM_RATIO or _contained_copy(a, b) or (
        verdict.outcome == "same" and ratio >= REWORDED_RATIO
    ))
    kind: AlignKind = "partial"
    if verdict.outcome == "same" and not clashes:
        kind = "verbatim" if ratio >= VERBATIM_RATIO else "paraphrase"
    score = max(verdict.p_same, overlap.cosine) if kind != "partial" else overlap.cosine
    return Alignment(
        i, j, kind, score, overlap.cov_a, overlap.cov_b, copied, verdict.p_same, clashes
    )


_THRESHOLDED: dict[int, tuple[JudgeModel, JudgeModel]] = {}


def aligning_model() -> JudgeModel:
    """The judge in use, deciding "partial" at ``config.CompareSettings.partial_threshold``
    (where a shared stated fact begins) rather than at its trained model's default."""
    model = load_model()
    if model.related is None:
        return model
    cached = _THRESHOLDED.get(id(model))
    if cached is None or cached[0] is not model:
        related = replace(model.related, threshold=SETTINGS.compare.partial_threshold)
        cached = (model, replace(model, related=related))
        _THRESHOLDED[id(model)] = cached
    return cached[1]


@dataclass(frozen=True)
class Overlap:
    cosine: float
    cov_a: float
    cov_b: float
    shared_words: int


def content_overlap(a: SentenceItem, b: SentenceItem, weights: dict[str, float]) -> Overlap:
    """TF-IDF cosine of the two sentences' content stems, and the share of each covered."""
    sa, sb = set(a.stems), set(b.stems)
    shared = sa & sb
    if not shared:
        return Overlap(0.0, 0.0, 0.0, 0)
    wa, qa = _weight_sums(sa, weights)
    wb, qb = _weight_sums(sb, weights)
    ws, qs = _weight_sums(shared, weights)
    return Overlap(qs / math.sqrt(qa * qb), ws / wa, ws / wb, len(shared))


def _weight_sums(stems: set[str], weights: dict[str, float]) -> tuple[float, float]:
    """Sum of the stems' weights and of their squares (1 for a stem without one), in the
    set's order: one pass for both sums, the same additions as two."""
    total = squares = 0.0
    for s in stems:
        w = weights.get(s, 1.0)
        total += w
        squares += w**2
    return total, squares


def _contained_copy(a: SentenceItem, b: SentenceItem) -> bool:
    """Whether the shorter sentence (8+ words) appears nearly word for word inside the longer."""
    short, long_ = (a, b) if len(a.folded) <= len(b.folded) else (b, a)
    if len(short.folded.split()) < 8 or not may_contain(short.folded, long_.folded):
        return False
    score = fuzz.partial_ratio(short.folded, long_.folded, score_cutoff=_CONTAINED_CUTOFF)
    return score / 100.0 >= CONTAINED_RATIO


def may_contain(short: str, long_: str) -> bool:
    """False when ``partial_ratio`` cannot reach :data:`_CONTAINED_CUTOFF`: each of its scores
    is ``2 L / (m + n)`` for a part of one text against the other, where one side is whole
    (length ``n``, the shorter text's) and ``L``, their longest common subsequence, is at most
    ``T``, the two whole texts' (a part has no more in common than the whole) and at most the
    other side's length, so the score is at most ``2 T / (n + T)``. ``T`` costs one
    bit-parallel pass (~2 us; ``partial_ratio`` ~40 us), and most pairs fail it."""
    common = LCSseq.similarity(short, long_)
    return 2 * common / (len(short) + common) * 100 >= _CONTAINED_CUTOFF - 1.0


_CONTAINED_CUTOFF = CONTAINED_RATIO * 100 - 0.1
"""rapidfuzz stops early below this score (0 then): a little under the threshold, so every score
that can pass comes back exactly as without the cut-off (about twice as fast)."""


def _keep_best(items: list[SentenceItem], found: list[Alignment]) -> list[Alignment]:
    """Drop a sentence's weak matches when it has a much better one in the same other article."""
    best: dict[tuple[int, int], float] = {}
    for a in found:
        for mine, other in ((a.i, a.j), (a.j, a.i)):
            key = (mine, items[other].doc)
            best[key] = max(best.get(key, 0.0), a.score)
    return [
        a
        for a in found
        if a.score >= KEEP_RELATIVE * best[(a.i, items[a.j].doc)]
        or a.score >= KEEP_RELATIVE * best[(a.j, items[a.i].doc)]
    ]
