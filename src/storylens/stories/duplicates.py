"""Near-duplicate detection (the same text republished, e.g. wire copy) with MinHash-LSH.

Shingles are runs of words of the cleaned body, so a republished text with a changed headline,
byline or a few edited words still shares most of them. LSH finds candidates in sub-linear time;
the Jaccard estimate from the two signatures and their shingle counts decides. Two texts are
near-duplicates when they are nearly the same text (Jaccard) *or* when nearly all of the shorter
one lies inside the longer one (containment): a wire copy trimmed to fit, or an update that
appends paragraphs to the report, is still that report.
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
    """The MinHash of a body, or None when the body is too short to judge. Its ``shingles``
    attribute holds how many shingles the body had (for containment)."""
    items = shingles(text)
    if len(items) < MIN_SHINGLES:
        return None
    minhash = MinHash(num_perm=NUM_PERM, scheme=SCHEME, permutations=_permutations())
    minhash.update_batch(list(items))
    minhash.shingles = len(items)
    return minhash


@lru_cache(maxsize=1)
def _permutations() -> object:
    """The hash permutations of ``NUM_PERM``/``SCHEME`` (seed 1), drawn once: datasketch would
    draw the same ones again for every signature."""
    return MinHash(num_perm=NUM_PERM, scheme=SCHEME).permutations


def signature_bytes(minhash: MinHash) -> bytes:
    """The hash values, then the shingle count when known (stores written before the count
    was kept hold the hash values alone; both forms are read back)."""
    values = minhash.hashvalues.astype(np.uint64)
    count = getattr(minhash, "shingles", None)
    if count is not None:
        values = np.append(values, np.uint64(count))
    return values.tobytes()


def signature_from_bytes(data: bytes) -> MinHash:
    values = np.frombuffer(data, dtype=np.uint64)
    minhash = MinHash(
        num_perm=NUM_PERM,
        hashvalues=values[:NUM_PERM],
        scheme=SCHEME,
        permutations=_permutations(),  # else datasketch draws them again for every signature
    )
    if len(values) > NUM_PERM:
        minhash.shingles = int(values[NUM_PERM])
    return minhash


def containment(jaccard: float, first: MinHash, second: MinHash) -> float | None:
    """Share of the shorter text's shingles found in the longer one, from the Jaccard estimate
    and both shingle counts (|A n B| = J (|A| + |B|) / (1 + J)); None when a count is unknown."""
    a, b = getattr(first, "shingles", None), getattr(second, "shingles", None)
    if not a or not b:
        return None
    return min(1.0, jaccard * (a + b) / (1.0 + jaccard) / min(a, b))


class DuplicateIndex:
    """Signatures of the active window's articles, queried for an earlier near-copy.

    ``threshold`` is the Jaccard above which two texts are near-duplicates; ``contained`` (None:
    not used) the share of the shorter text inside the longer one above which they are too. The
    LSH looks for candidates down to ``candidates_from`` (a 70% trim of a text has a Jaccard of
    0.7 with it), and each candidate is then judged on its estimate."""

    def __init__(
        self,
        threshold: float,
        contained: float | None = None,
        candidates_from: float | None = None,
    ) -> None:
        self.threshold = threshold
        self.contained = contained
        lsh_threshold = min(threshold, candidates_from or threshold)
        self._lsh = MinHashLSH(threshold=lsh_threshold, num_perm=NUM_PERM)
        self._signatures: dict[str, MinHash] = {}
        self._arrivals: dict[str, int] = {}
        """When each indexed article was stored: ties go to the earliest (see :meth:`find`)."""

    def __len__(self) -> int:
        return len(self._signatures)

    def find(self, minhash: MinHash) -> tuple[str, float] | None:
        """The most similar indexed article at or above the threshold, with its Jaccard.

        Equally similar ones (copies of one wire text) give way to the earliest stored, then
        the smallest id: the LSH returns its candidates in an order that depends on Python's
        string hashing, which changes from one run to the next."""
        best: tuple[float, int, str] | None = None
        for key in self._lsh.query(minhash):
            other = self._signatures[key]
            jaccard = minhash.jaccard(other)
            if not self._is_copy(jaccard, minhash, other):
                continue
            rank = (-jaccard, self._arrivals[key], key)
            if best is None or rank < best:
                best = rank
        return (best[2], -best[0]) if best is not None else None

    def _is_copy(self, jaccard: float, first: MinHash, second: MinHash) -> bool:
        if jaccard >= self.threshold:
            return True
        if self.contained is None:
            return False
        inside = containment(jaccard, first, second)
        return inside is not None and inside >= self.contained

    def add(self, article_id: str, minhash: MinHash, arrival: int | None = None) -> None:
        """Index an article's signature; ``arrival`` is when it was stored (the store's
        arrival number), by default the order of the calls."""
        if article_id in self._signatures:
            return
        self._lsh.insert(article_id, minhash)
        self._signatures[article_id] = minhash
        self._arrivals[article_id] = len(self._signatures) if arrival is None else arrival

    def remove(self, article_id: str) -> None:
        if self._signatures.pop(article_id, None) is not None:
            self._lsh.remove(article_id)
            del self._arrivals[article_id]
