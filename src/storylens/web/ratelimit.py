"""A small in-process token bucket per client address, for the write endpoints.

Ingest and compare are CPU-heavy; one client must not be able to keep the server busy for
everyone else. Reads are cheap and stay unlimited.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

MAX_TRACKED_CLIENTS = 10_000
"""Forget idle clients beyond this many so the table cannot grow without bound."""


@dataclass(frozen=True)
class RateLimit:
    """``burst`` requests at once, then ``per_second`` on average."""

    burst: int = 20
    per_second: float = 1.0


@dataclass
class _Bucket:
    tokens: float
    updated: float


class TokenBuckets:
    """One bucket per key; :meth:`take` says how long to wait when the bucket is empty."""

    def __init__(self, limit: RateLimit, clock: Callable[[], float] = time.monotonic) -> None:
        self.limit = limit
        self._clock = clock
        self._buckets: dict[str, _Bucket] = {}
        self._lock = threading.Lock()

    def take(self, key: str) -> float:
        """Spend one token for ``key``: 0.0 when allowed, else seconds until the next token."""
        now = self._clock()
        with self._lock:
            bucket = self._buckets.get(key)
            if bucket is None:
                self._forget_idle_if_full(now)
                bucket = self._buckets[key] = _Bucket(float(self.limit.burst), now)
            self._refill(bucket, now)
            if bucket.tokens >= 1.0:
                bucket.tokens -= 1.0
                return 0.0
            return (1.0 - bucket.tokens) / self.limit.per_second

    def _refill(self, bucket: _Bucket, now: float) -> None:
        gained = (now - bucket.updated) * self.limit.per_second
        bucket.tokens = min(float(self.limit.burst), bucket.tokens + gained)
        bucket.updated = now

    def _forget_idle_if_full(self, now: float) -> None:
        if len(self._buckets) < MAX_TRACKED_CLIENTS:
            return
        full_after = self.limit.burst / self.limit.per_second
        for key in [k for k, b in self._buckets.items() if now - b.updated >= full_after]:
            del self._buckets[key]
        if len(self._buckets) >= MAX_TRACKED_CLIENTS:  # a flood of addresses: start afresh
            self._buckets.clear()
