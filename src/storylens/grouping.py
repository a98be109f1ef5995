"""Items linked in pairs joined into groups (union-find), for every stage that groups
transitively: pages that share a site's template lines (extract), sentences aligned across
articles into one fact (compare, web). Near-linear in the pairs: path halving on every look-up.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterator
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)


class DisjointSets(Generic[K]):
    """Groups of keys; a key is its own group until :meth:`join` links it to another."""

    def __init__(self) -> None:
        self._parent: dict[K, K] = {}

    def root(self, key: K) -> K:
        """The key that stands for ``key``'s group (``key`` itself when never joined)."""
        parent = self._parent
        parent.setdefault(key, key)
        while parent[key] != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    def join(self, a: K, b: K) -> None:
        """Put ``a``'s group into ``b``'s."""
        b_root = self.root(b)
        self._parent[self.root(a)] = b_root

    def __iter__(self) -> Iterator[K]:
        """Every key looked up or joined so far, in the order first seen."""
        return iter(self._parent)
