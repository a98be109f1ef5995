"""Online TF-IDF: document frequencies that grow as articles arrive, sparse vectors as dicts.

The IDF of a term is computed from the articles seen *so far*, never from the whole dataset, so
an article's vector depends only on what came before it (the same in a live feed and a replay).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable

from storylens.stories.features import EVIDENCE_SHARES, evidence_kind

SparseVector = dict[str, float]

EVIDENCE_FLOOR_TERMS = 9.0
"""Names or numbers carry their full share of a similarity only with at least the weight of
this many rare terms: a lone shared year or day of the month is not agreement on the event."""

DfLoader = Callable[[list[str]], dict[str, int]]
"""Fetches stored document frequencies for terms not yet in memory (absent terms are 0)."""


class DocumentFrequencies:
    """Running document frequencies; terms unknown in memory are fetched lazily from a loader."""

    def __init__(self, n_docs: int = 0, loader: DfLoader | None = None) -> None:
        self.n_docs = n_docs
        self._df: dict[str, int] = {}
        self._loader = loader

    def observe(self, terms: Iterable[str]) -> list[str]:
        """Count one new document containing ``terms``; return them for persistence."""
        terms = list(terms)
        self.ensure_loaded(terms)
        for term in terms:
            self._df[term] += 1
        self.n_docs += 1
        return terms

    def idf(self, term: str) -> float:
        """Smoothed IDF (as scikit-learn's ``smooth_idf``) from the documents seen so far."""
        return math.log((1 + self.n_docs) / (1 + self._df.get(term, 0))) + 1.0

    def weighted(self, weights: dict[str, float]) -> dict[str, float]:
        """``weights`` times their :meth:`idf` (one call per article, not one per term)."""
        known, log = self._df.get, math.log
        top = log(1 + self.n_docs) + 1.0
        return {t: w * (top - log(1 + known(t, 0))) for t, w in weights.items()}

    def max_idf(self) -> float:
        """The IDF of a term no document has had yet: the weight of the rarest evidence."""
        return math.log(1 + self.n_docs) + 1.0

    def df(self, term: str) -> int:
        return self._df.get(term, 0)

    def ensure_loaded(self, terms: Iterable[str]) -> None:
        """Fetch the stored counts of terms not in memory yet (a restarted engine re-weighting
        what it remembers must see the same counts the last one had)."""
        missing = [t for t in terms if t not in self._df]
        if not missing:
            return
        stored = self._loader(missing) if self._loader else {}
        for term in missing:
            self._df[term] = stored.get(term, 0)


def tfidf_unit_vector(weights: dict[str, float], df: DocumentFrequencies) -> SparseVector:
    """TF-IDF weights scaled to unit length (empty input gives an empty vector).

    Each kind of evidence (words, names, numbers: see
    :data:`~storylens.stories.features.EVIDENCE_SHARES`) is first given its own share of the
    length, so the cosine of two articles is the share-weighted sum of their per-kind cosines:
    a long text full of topic words cannot drown the few names and numbers that tell one event
    from a look-alike.
    """
    df.ensure_loaded(weights)
    vector = df.weighted(weights)
    return normalise(shared_by_kind(vector, math.sqrt(EVIDENCE_FLOOR_TERMS) * df.max_idf()))


def shared_by_kind(vector: SparseVector, floor: float) -> SparseVector:
    """Scale each kind of term to length sqrt(its share). A name or number kind lighter than
    ``floor`` is scaled as if it had that length, so two articles that share their only number
    (a year, a day of the month) do not count as agreeing on everything numbers say. Kinds the
    text lacks are left out; the final normalisation gives the present kinds their weight."""
    kinds = {t: evidence_kind(t) for t in vector}
    norms: dict[str, float] = {}
    for term, weight in vector.items():
        kind = kinds[term]
        norms[kind] = norms.get(kind, 0.0) + weight * weight
    scale = {
        kind: math.sqrt(EVIDENCE_SHARES[kind]) / max(math.sqrt(norm), floor if kind else 0.0)
        for kind, norm in norms.items()
        if norm
    }
    return {t: w * scale[kinds[t]] for t, w in vector.items() if kinds[t] in scale}


def normalise(vector: SparseVector) -> SparseVector:
    norm = math.sqrt(sum(w * w for w in vector.values()))
    return {t: w / norm for t, w in vector.items()} if norm else {}


def dot(a: SparseVector, b: SparseVector) -> float:
    """Sparse dot product, iterating over the shorter vector."""
    if len(a) > len(b):
        a, b = b, a
    return sum(w * b[t] for t, w in a.items() if t in b)


def add_into(target: SparseVector, vector: SparseVector, scale: float = 1.0) -> None:
    for term, weight in vector.items():
        target[term] = target.get(term, 0.0) + weight * scale


def top_terms(vector: SparseVector, k: int) -> list[str]:
    """The ``k`` heaviest terms: the ones worth indexing and querying."""
    if len(vector) <= k:
        return sorted(vector, key=vector.__getitem__, reverse=True)
    return sorted(vector, key=vector.__getitem__, reverse=True)[:k]


def prune(vector: SparseVector, k: int) -> SparseVector:
    """Keep the ``k`` heaviest terms: bounds a story's memory whatever its size."""
    if len(vector) <= k:
        return vector
    return {t: vector[t] for t in top_terms(vector, k)}
