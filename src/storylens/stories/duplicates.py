"""Near-duplicate detection (the same text republished, e.g. wire copy) with MinHash-LSH.

Shingles are runs of words of the cleaned body, so a republished text with a changed headline,
byline or a few edited words still shares most of them. LSH finds candidates in sub-linear time;
the Jaccard estimate from the two signatures decides.
"""

from __future__ import annotations

import re
from functools import lru_cache

import numpy as np
from datasketch import MinHash, MinHashLSH

NUM_PERM = 64
SCHEME = "affine32"
"""Hashing scheme, stated explicitly so stored signatures stay comparable across versions."""
SHINGLE_WORDS = 4
MIN_SHINGLES = 8
"""Texts shorter than this many shingles are too short to call anything a copy of them."""

MAX_SHINGLE_CHARS = 200_000
"""Only the start of a body is shingled: far longer than any article, and it keeps a huge page
from costing seconds and gigabytes here (the MinHash of 8 M shingles decides nothing more)."""

_WORD = re.compile(r"\w+", re.UNICODE)


def shingles(text: str) -> set[bytes]:
    words = _WORD.findall(text[:MAX_SHINGLE_CHARS].lower())
    return {
        " ".join(words[i : i + SHINGLE_WORDS]).encode("utf-8")
        for i in range(max(0, len(words) - SHINGLE_WORDS + 1))
    }


def signature(text: str) -> MinHash | None:
    """The MinHash of a body, or None when the body is too short to judge."""
    items = shingles(text)
    if len(items) < MIN_SHINGLES:
        return None
    minhash = MinHash(num_perm=NUM_PERM, scheme=SCHEME, permutations=_permutations())
    minhash.update_batch(list(items))
    return minhash


@lru_cache(maxsize=1)
def _permutations() -> object:
    """The hash permutations of ``NUM_PERM``/``SCHEME`` (seed 1), drawn once: datasketch would
    draw the same ones again for every signature."""
    return MinHash(num_perm=NUM_PERM, scheme=SCHEME).permutations


def signature_bytes(minhash: MinHash) -> bytes:
    return minhash.hashvalues.astype(np.uint64).tobytes()


def signature_from_bytes(data: bytes) -> MinHash:
    values = np.frombuffer(data, dtype=np.uint64)
    return MinHash(num_perm=NUM_PERM, hashvalues=values, scheme=SCHEME)


class DuplicateIndex:
    """Signatures of the active window's articles, queried for an earlier near-copy."""

    def __init__(self, threshold: float) -> None:
        self.threshold = threshold
        self._lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
        self._signatures: dict[str, MinHash] = {}

    def __len__(self) -> int:
        return len(self._signatures)

    def find(self, minhash: MinHash) -> tuple[str, float] | None:
        """The most similar indexed article at or above the threshold, with its Jaccard."""
        best: tuple[str, float] | None = None
        for key in self._lsh.query(minhash):
            jaccard = minhash.jaccard(self._signatures[key])
            if jaccard >= self.threshold and (best is None or jaccard > best[1]):
                best = (key, jaccard)
        return best

    def add(self, article_id: str, minhash: MinHash) -> None:
        if article_id in self._signatures:
            return
        self._lsh.insert(article_id, minhash)
        self._signatures[article_id] = minhash

    def remove(self, article_id: str) -> None:
        if self._signatures.pop(article_id, None) is not None:
            self._lsh.remove(article_id)
