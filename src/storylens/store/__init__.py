"""Store stage: the embedded SQLite database behind ingest, stories, the CLI and the web app."""

from storylens.store.sqlite import AddResult, Store, StoreError

__all__ = ["AddResult", "Store", "StoreError"]
