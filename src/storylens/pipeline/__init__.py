"""The main job end to end: pages -> articles -> store -> stories, on one core, every core or
a Dask cluster.

- ``core``: :func:`ingest_items` and :func:`store_extracted`, used by the CLI and the web app;
  each page is stored with its story assignment in one transaction.
- ``parallel``: extraction in a process pool, results in input order (``--workers N``).
- ``cluster``: read and extract on a Dask cluster (``--dask``), :func:`ingest_on_dask`.

All three keep story assignment in one process, in input order, so the stories are those of a
sequential ingest. ``dask`` is imported only when a cluster is used::

    from storylens.pipeline import ingest_on_dask
    from storylens.store import Store

    with Store("news.db") as store:
        report = ingest_on_dask(store, ["crawl/*.jsonl"], "local:2")  # or "tcp://host:8786"
"""

from __future__ import annotations

from typing import Any

from storylens.pipeline.core import (
    IngestOutcome,
    IngestReport,
    batch_collection,
    ingest_items,
    store_extracted,
)

__all__ = [
    "IngestOutcome",
    "IngestReport",
    "batch_collection",
    "ingest_items",
    "ingest_on_dask",
    "store_extracted",
]


def __getattr__(name: str) -> Any:
    if name == "ingest_on_dask":
        from storylens.pipeline.cluster import ingest_on_dask

        return ingest_on_dask
    raise AttributeError(name)
