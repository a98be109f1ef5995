"""What every request handler shares: the store, the limits, and a cache of comparisons.

Read connections are kept one per worker thread, opened read-only (SQLite in WAL mode and
PostgreSQL both let readers go on while a writer works); writes use a private connection and are
serialised by one lock in this process and by the store's writer lock across processes.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from storylens.config import SETTINGS, WebSettings
from storylens.store import Store, open_store
from storylens.web.cache import SingleFlightCache
from storylens.web.ratelimit import RateLimit, TokenBuckets

MAX_FILES_PER_UPLOAD = 200


@dataclass
class WebContext:
    """Shared state of one app instance."""

    db_path: str | Path
    """The store: a SQLite file or a ``postgresql://`` URL."""
    settings: WebSettings = field(default_factory=lambda: SETTINGS.web)
    rate_limit: RateLimit = field(default_factory=RateLimit)
    max_files: int = MAX_FILES_PER_UPLOAD
    comparisons: SingleFlightCache = field(default_factory=SingleFlightCache)
    """Story comparisons; ``create_app`` sizes it (``COMPARISONS_KEPT``, ``ARTICLES_KEPT``)."""
    write_lock: threading.Lock = field(default_factory=threading.Lock)
    _local: threading.local = field(default_factory=threading.local)
    _opened: list[Store] = field(default_factory=list)
    _opened_lock: threading.Lock = field(default_factory=threading.Lock)

    def __post_init__(self) -> None:
        self.buckets = TokenBuckets(self.rate_limit)

    def create_if_missing(self) -> None:
        """An app started on a new SQLite path makes the store (``serve`` refuses that
        earlier; the Python API keeps the convenience)."""
        if not isinstance(self.db_path, Path) or not self.db_path.exists():
            open_store(self.db_path, create=True).close()

    def store(self) -> Store:
        """This thread's read-only connection to the store, opened on first use."""
        store = getattr(self._local, "store", None)
        if store is None:
            store = self._local.store = open_store(self.db_path, readonly=True)
            with self._opened_lock:
                self._opened.append(store)
        return store

    @contextmanager
    def writer(self) -> Iterator[Store]:
        """A private connection for one write job, under the write lock.

        Private because a streamed ingest may hop between worker threads.
        """
        with self.write_lock, open_store(self.db_path) as store:
            yield store

    def close(self) -> None:
        with self._opened_lock:
            for store in self._opened:
                store.close()
            self._opened.clear()
