"""Scale out: extraction on every core (``parallel``) and ingest on a Dask cluster (``cluster``).

Python API::

    from storylens.scale.cluster import ingest_on_dask
    from storylens.store import Store

    with Store("news.db") as store:
        report = ingest_on_dask(store, ["crawl/*.jsonl"], "local:2")  # or "tcp://host:8786"

Both keep story assignment in one process, in input order, so the stories are those of a
sequential ingest. ``dask`` is imported only when a cluster is used.
"""
