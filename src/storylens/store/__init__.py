"""Store stage: where pages, articles and every stage's tables live (SQLite or PostgreSQL).

``open_store(target)`` (or ``Store(target)``) picks the backend from the target: a
``postgresql://user@host:port/dbname`` URL or a SQLite file path. See ``storylens.store.base``
for the interface every stage uses and how concurrent writers are serialised.
"""

from storylens.store.base import AddResult, Store, StoreError, StoreMissing
from storylens.store.factory import describe, open_store

__all__ = ["AddResult", "Store", "StoreError", "StoreMissing", "describe", "open_store"]
