"""Second chance for a story: re-cluster its members when it has grown, split it if it falls apart.

Online assignment decides on little evidence: the first articles of two look-alike events (two
earthquakes, two arrests of players of one team) can look closer to each other than they will
once each event has a few articles, and early IDF weights are poor. So when a story has grown by
half since it was last checked, its members are re-weighted with the IDF of *now* and clustered
with average linkage at the join threshold, as a batch run would cluster them. If they form more
than one group, the story splits. The check only looks at the story's own members (bounded by
``MAX_MEMBERS``), so it stays cheap and online.
"""

from __future__ import annotations

import numpy as np
from scipy.cluster.hierarchy import fcluster, linkage

from storylens.stories.vectors import DocumentFrequencies, SparseVector, dot, tfidf_unit_vector

MIN_SIZE = 4
"""Below this a story is too small to judge its cohesion."""
GROWTH = 1.25
"""A story is re-checked when it has grown by this factor since its last check."""
MAX_MEMBERS = 80
"""Larger stories are established; re-clustering them would cost O(n²) for little gain."""


def next_check(size: int) -> int:
    """The size at which a story that was just checked at ``size`` is checked again."""
    return max(MIN_SIZE, int(size * GROWTH) + 1)


def reweighted(
    members: dict[str, SparseVector], df: DocumentFrequencies
) -> dict[str, SparseVector]:
    """Members' unit TF-IDF vectors under the current IDF (their stored weights are raw tf)."""
    return {article_id: tfidf_unit_vector(w, df) for article_id, w in members.items()}


def cohesive_groups(vectors: dict[str, SparseVector], threshold: float) -> list[list[str]]:
    """Article ids grouped by average linkage cut at ``threshold``, largest group first."""
    ids = list(vectors)
    if len(ids) < 2:
        return [ids]
    distances = [
        1.0 - dot(vectors[ids[i]], vectors[ids[j]])
        for i in range(len(ids))
        for j in range(i + 1, len(ids))
    ]
    condensed = np.clip(np.asarray(distances), 0.0, None)
    labels = fcluster(linkage(condensed, "average"), 1.0 - threshold, "distance")
    groups: dict[int, list[str]] = {}
    for article_id, label in zip(ids, labels, strict=True):
        groups.setdefault(int(label), []).append(article_id)
    return sorted(groups.values(), key=len, reverse=True)


def centroid_of(vectors: list[SparseVector]) -> SparseVector:
    """Sum of unit vectors: what :class:`ActiveStory` keeps to compute average links."""
    total: SparseVector = {}
    for vector in vectors:
        for term, weight in vector.items():
            total[term] = total.get(term, 0.0) + weight
    return total
