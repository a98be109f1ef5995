"""Second chance for a story: re-cluster its members when it has grown, split it if it falls apart.

Online assignment decides on little evidence: the first articles of two look-alike events (two
earthquakes, two arrests of players of one team) can look closer to each other than they will
once each event has a few articles, and early IDF weights are poor. So when a story has grown by
half since it was last checked, its members are re-weighted with the IDF of *now* and clustered
with average linkage at the join threshold, as a batch run would cluster them. If they form more
than one group, the story splits. Look-alike events that were joined one article at a time link
just above the join threshold, so the check also cuts where two parts of ``min_part`` articles
each link below ``part_threshold`` (see :func:`cohesive_groups`), unless both parts were
published over the same days: fragments of one event are reported together, look-alike events
months or years apart. The check only looks at the
story's own members (bounded by ``MAX_MEMBERS``), so it stays cheap and online.
"""

from __future__ import annotations

import numpy as np
from scipy.cluster.hierarchy import ClusterNode, fcluster, linkage, to_tree
from scipy.spatial.distance import squareform

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


def cohesive_groups(
    vectors: dict[str, SparseVector],
    threshold: float,
    part_threshold: float | None = None,
    min_part: int = 0,
    dates: dict[str, float | None] | None = None,
) -> list[list[str]]:
    """Article ids grouped by average linkage cut at ``threshold``, largest group first.

    With ``part_threshold`` (above ``threshold``) a group is also cut where two sub-groups of at
    least ``min_part`` articles each link below it: two look-alike events that were joined one
    article at a time form two such parts, while a lone outlier of an event stays. Given the
    articles' ``dates`` (days; None: undated), two such sub-groups whose dated spans overlap
    are not cut this way (:func:`same_time`)."""
    ids = list(vectors)
    if len(ids) < 2:
        return [ids]
    distances = [
        1.0 - dot(vectors[ids[i]], vectors[ids[j]])
        for i in range(len(ids))
        for j in range(i + 1, len(ids))
    ]
    condensed = np.clip(np.asarray(distances), 0.0, None)
    tree = linkage(condensed, "average")
    if part_threshold is None or min_part < 1:
        labels = fcluster(tree, 1.0 - threshold, "distance")
        groups: dict[int, list[str]] = {}
        for article_id, label in zip(ids, labels, strict=True):
            groups.setdefault(int(label), []).append(article_id)
        return sorted(groups.values(), key=len, reverse=True)
    distance = squareform(condensed)
    cuts = (1.0 - threshold, 1.0 - part_threshold)
    spans = _Spans(None if dates is None else [dates.get(i) for i in ids])
    parts = _cut(to_tree(tree), cuts, min_part, distance, spans)
    return sorted(([ids[i] for i in sorted(part)] for part in parts), key=len, reverse=True)


class _Spans:
    """The articles' dates (by leaf), to tell whether two dendrogram nodes are of one time."""

    def __init__(self, dates: list[float | None] | None) -> None:
        self.dates = dates

    def same_time(self, a: ClusterNode, b: ClusterNode) -> bool:
        if self.dates is None:
            return False
        return same_time(_span(a, self.dates), _span(b, self.dates))


def _span(node: ClusterNode, dates: list[float | None]) -> tuple[float, float] | None:
    """First and last date of a node's dated articles (None: none is dated)."""
    found = [d for i in node.pre_order() if (d := dates[i]) is not None]
    return (min(found), max(found)) if found else None


def same_time(a: tuple[float, float] | None, b: tuple[float, float] | None) -> bool:
    """True when two dated spans (first, last day) overlap: both sides were reported over the
    same days. False when either side is undated (no evidence either way)."""
    if a is None or b is None:
        return False
    return a[0] <= b[1] and b[0] <= a[1]


def _cut(
    node: ClusterNode,
    cuts: tuple[float, float],
    min_part: int,
    distance: np.ndarray,
    spans: _Spans,
) -> list[list[int]]:
    """The groups under ``node``: split where a merge lies above the first cut, or above the
    second when both sides hold at least ``min_part`` articles and were not published over the
    same days. Where one side is smaller (a loose report that joined last), the larger side may
    still hold two parts; the smaller side's articles then go to the part they are closest to."""
    if node.is_leaf():
        return [[node.id]]
    cut, part_cut = cuts
    left, right = node.get_left(), node.get_right()
    if node.dist > cut or (
        node.dist > part_cut
        and min(left.get_count(), right.get_count()) >= min_part
        and not spans.same_time(left, right)
    ):
        return _cut(left, cuts, min_part, distance, spans) + _cut(
            right, cuts, min_part, distance, spans
        )
    if node.dist <= part_cut:
        return [node.pre_order()]
    big, small = (left, right) if left.get_count() >= right.get_count() else (right, left)
    parts = _cut(big, cuts, min_part, distance, spans)
    if len(parts) == 1:
        return [node.pre_order()]
    for leaf in small.pre_order():
        closest = min(parts, key=lambda part: float(distance[leaf, part].mean()))
        closest.append(leaf)
    return parts


def centroid_of(vectors: list[SparseVector]) -> SparseVector:
    """Sum of unit vectors: what :class:`ActiveStory` keeps to compute average links."""
    total: SparseVector = {}
    for vector in vectors:
        for term, weight in vector.items():
            total[term] = total.get(term, 0.0) + weight
    return total
