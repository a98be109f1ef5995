"""Ingest on a Dask cluster: read -> extract -> near-duplicate signatures and the facts fold's
preparation on the workers, story assignment in one place.

The client plans *partitions* (a group of small files, a range of records of an uncompressed
JSONL file, or a byte range of a big WARC file) without loading any input; each worker opens its
partition's files itself, reads only its range, extracts the pages and computes their MinHash
signatures. The client keeps a bounded number of partitions in flight and consumes their
results strictly in input order, feeding one story assigner that stores through the same code
as ``storylens ingest`` (:func:`storylens.pipeline.store_extracted`). So the stories are those
of a sequential ingest of the same input, a failed partition (after Dask's retries) is reported
by its input name, and a re-run after a crash stores nothing twice (the store recognises pages
by content hash).

``dask`` is imported only here, and only when a cluster is used.
"""

from __future__ import annotations

import logging
import os
import zlib
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from storylens.config import SETTINGS
from storylens.extract import TEMPLATE_WINDOW
from storylens.ingest import detect_format, expand_inputs
from storylens.ingest.readers import (
    next_warc_record,
    read_file,
    read_jsonl_stream,
    read_warc_range,
)
from storylens.models import Extracted, InputProblem, Page
from storylens.pipeline.core import IngestOutcome, IngestReport, store_extracted
from storylens.pipeline.parallel import default_workers, extract_windowed
from storylens.store import Store

if TYPE_CHECKING:
    from distributed import Client, Future

PARTITION_RECORDS = TEMPLATE_WINDOW
"""Uncompressed JSONL files are cut every this many records. At the site-template window (the
default) each part learns templates from exactly the pages a sequential run would; smaller parts
spread a small file over more workers at the cost of that exactness."""
WARC_PARTITION_BYTES = 64 * 1_048_576
"""WARC files larger than this are read in byte ranges of this size, by record start."""
FILES_PER_PARTITION = 16
SMALL_FILE_BYTES = 4 * 1_048_576
RETRIES = 2
"""Dask re-runs a failed partition this many times before it is reported."""
HEAD_BYTES = 65536


@dataclass(frozen=True)
class Partition:
    """One unit of work for a Dask worker: a whole file, the lines of a JSONL file in the byte
    range ``[start, end)`` (``first_line`` numbers the first of them, as a sequential read does),
    or the records of a big WARC file that start in that range."""

    path: str
    start: int = 0
    end: int | None = None
    first_line: int = 1
    kind: str = "jsonl"
    """``jsonl`` (a range of lines) or ``warc`` (the records that start in the range)."""
    more_files: tuple[str, ...] = ()
    """Further whole files read after ``path`` in the same task (small files are grouped, so
    a folder of single pages is not one task per page)."""

    @property
    def name(self) -> str:
        if self.more_files:
            return f"{self.path} (and the {len(self.more_files)} files after it)"
        if self.end is None:
            return self.path
        if self.kind == "warc":
            return f"{self.path} (bytes {self.start}-{self.end})"
        return f"{self.path} (bytes {self.start}-{self.end}, from line {self.first_line})"


# planning (client) -------------------------------------------------------------------------


def plan_partitions(
    specs: Iterable[str],
    *,
    partition_records: int = PARTITION_RECORDS,
    warc_partition_bytes: int = WARC_PARTITION_BYTES,
    files_per_partition: int = FILES_PER_PARTITION,
) -> Iterator[Partition | InputProblem]:
    """Partitions for the given files, directories and globs, in input order; consecutive small
    files (single pages) are grouped ``files_per_partition`` at a time."""
    group: list[str] = []
    for target in expand_inputs(specs):
        if isinstance(target, InputProblem):
            parts: Iterable[Partition | InputProblem] = [target]
        elif target == "-":
            parts = [InputProblem("<stdin>", "Dask workers cannot read stdin: give files")]
        else:
            path = Path(target)
            parts = _file_partitions(path, max(1, partition_records), warc_partition_bytes)
        for part in parts:
            if isinstance(part, Partition) and part.end is None and _small(part.path):
                group.append(part.path)
                if len(group) >= files_per_partition:
                    yield _grouped(group)
                    group = []
                continue
            if group:  # keep input order: the files before this part go first
                yield _grouped(group)
                group = []
            yield part
    if group:
        yield _grouped(group)


def _small(path: str) -> bool:
    try:
        return os.path.getsize(path) <= SMALL_FILE_BYTES
    except OSError:
        return False


def _grouped(paths: list[str]) -> Partition:
    return Partition(paths[0], more_files=tuple(paths[1:]))


def _file_partitions(
    path: Path, records: int, warc_bytes: int
) -> Iterator[Partition | InputProblem]:
    """A JSONL file is cut by records, a big WARC by byte ranges; anything else (one page, a
    gzipped JSONL) is one partition."""
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            head = handle.read(HEAD_BYTES)
    except OSError as exc:
        yield InputProblem(str(path), f"cannot read file ({exc.strerror or exc})")
        return
    kind = _format(head, path)
    if kind == "warc" and size > warc_bytes:
        for start in range(0, size, warc_bytes):
            yield Partition(str(path), start, min(size, start + warc_bytes), kind="warc")
    elif kind == "jsonl" and head[:2] != b"\x1f\x8b":
        yield from _jsonl_ranges(path, records)
    else:
        yield Partition(str(path))


def _format(head: bytes, path: Path) -> str:
    if head[:2] == b"\x1f\x8b":
        try:
            head = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, HEAD_BYTES)
        except zlib.error:
            return "unknown"
    return detect_format(head.decode("utf-8", errors="replace"), str(path))


def _jsonl_ranges(path: Path, records: int) -> Iterator[Partition]:
    """Byte ranges of ``records`` non-empty lines each, found in one streaming pass."""
    start, first_line, count, offset = 0, 1, 0, 0
    with path.open("rb") as handle:
        for line_no, line in enumerate(handle, start=1):
            offset += len(line)
            if line.strip():
                count += 1
            if count == records:
                yield Partition(str(path), start, offset, first_line)
                start, first_line, count = offset, line_no + 1, 0
    if start == 0:
        yield Partition(str(path))  # a small file: read whole, as a sequential run does
    elif count:
        yield Partition(str(path), start, offset, first_line)


# work (Dask worker) ------------------------------------------------------------------------


def read_partition(partition: Partition, *, limit: int) -> Iterator[Page | InputProblem]:
    """The pages of one partition, read from its file by the worker itself."""
    if partition.end is None:
        for path in (partition.path, *partition.more_files):
            yield from read_file(Path(path), limit=limit)
        return
    if partition.kind == "warc":
        yield from _read_warc_part(partition, limit=limit)
        return
    try:
        with open(partition.path, "rb") as handle:
            handle.seek(partition.start)
            part = _Range(handle, partition.end)
            yield from read_jsonl_stream(
                part, partition.path, limit=limit, first_line=partition.first_line  # type: ignore[arg-type]
            )
    except OSError as exc:
        yield InputProblem(partition.name, f"cannot read file ({exc.strerror or exc})")


def _read_warc_part(partition: Partition, *, limit: int) -> Iterator[Page | InputProblem]:
    end = partition.end or 0
    try:
        with open(partition.path, "rb") as handle:
            first = next_warc_record(handle, partition.start, end)
            if first is None:
                return  # no record starts here: the part lies inside one long record
            handle.seek(first)
            yield from read_warc_range(
                handle, partition.path, start=partition.start, end=end, limit=limit
            )
    except OSError as exc:
        yield InputProblem(partition.name, f"cannot read file ({exc.strerror or exc})")


class _Range:
    """The lines of a file up to byte ``end`` (parts are cut at line ends)."""

    def __init__(self, handle: Any, end: int) -> None:
        self._handle, self._end = handle, end

    def readline(self, size: int = -1) -> bytes:
        if self._handle.tell() >= self._end:
            return b""
        return self._handle.readline(size)


def process_partition(
    partition: Partition,
    limit: int,
    sign: bool = True,
    facts: bool = False,
    quotes: bool = False,
) -> list[Extracted | InputProblem]:
    """Read, extract and sign one partition, with ``facts`` prepare its articles for the facts
    fold and with ``quotes`` find their quotations (runs on a Dask worker)."""
    pages = read_partition(partition, limit=limit)
    return list(extract_windowed(pages, sign=sign, facts=facts, quotes=quotes))


# driving (client) --------------------------------------------------------------------------


@contextmanager
def dask_client(scheduler: str) -> Iterator[Client]:
    """A client for ``local[:N]`` (a LocalCluster of N one-thread worker processes, started
    here and stopped afterwards) or for a running scheduler's address."""
    from distributed import Client, LocalCluster

    if scheduler == "local" or scheduler.startswith("local:"):
        workers = _local_workers(scheduler)
        with (
            LocalCluster(
                n_workers=workers,
                threads_per_worker=1,
                processes=True,
                dashboard_address=None,
                # no dashboard; its health endpoints on a free port, never a fixed one
                scheduler_kwargs={"dashboard_address": "127.0.0.1:0"},
                silence_logs=logging.CRITICAL,  # shutdown chatter is not the user's problem
            ) as cluster,
            Client(cluster) as client,
        ):
            yield client
        return
    with Client(scheduler, timeout="30s") as client:
        yield client


def _local_workers(scheduler: str) -> int:
    _, _, count = scheduler.partition(":")
    if not count:
        return default_workers()
    if not count.isdigit() or int(count) < 1:
        raise ValueError(f"{scheduler!r}: expected local or local:N with N >= 1")
    return int(count)


def extract_on_dask(
    client: Client,
    partitions: Iterable[Partition | InputProblem],
    *,
    max_page_bytes: int | None = None,
    sign: bool = True,
    facts: bool = False,
    quotes: bool = False,
    retries: int = RETRIES,
    in_flight: int | None = None,
) -> Iterator[Extracted | InputProblem]:
    """Extract every partition on the cluster; results in input order, a bounded number of
    partitions in flight (memory stays bounded on any input). ``sign``, ``facts``, ``quotes``: see
    :func:`storylens.pipeline.parallel.extract_parallel`."""
    limit = max_page_bytes or SETTINGS.ingest.max_page_bytes
    workers = max(1, len(client.scheduler_info().get("workers", {})))
    window = in_flight or 2 * workers + 1
    pending: deque[tuple[Partition | InputProblem, Future | None]] = deque()
    for part in partitions:
        future = None
        if isinstance(part, Partition):
            future = client.submit(
                process_partition, part, limit, sign, facts, quotes, retries=retries, pure=False
            )
        pending.append((part, future))
        while len(pending) >= window:
            yield from _results(*pending.popleft(), retries=retries)
    while pending:
        yield from _results(*pending.popleft(), retries=retries)


def _results(
    part: Partition | InputProblem, future: Future | None, *, retries: int
) -> Iterator[Extracted | InputProblem]:
    if isinstance(part, InputProblem) or future is None:
        yield part  # type: ignore[misc]
        return
    try:
        results = future.result()
    except Exception as exc:
        yield InputProblem(
            part.name, f"partition failed after {retries} retries ({type(exc).__name__}: {exc})"
        )
        return
    finally:
        future.release()
    yield from results


def ingest_on_dask(
    store: Store,
    specs: Iterable[str],
    scheduler: str,
    *,
    max_page_bytes: int | None = None,
    partition_records: int = PARTITION_RECORDS,
    on_item: Callable[[IngestOutcome | InputProblem], None] | None = None,
) -> IngestReport:
    """``storylens ingest --dask``: extract on the cluster, assign and store here, in order."""
    with dask_client(scheduler) as client:
        extracted = extract_on_dask(
            client,
            plan_partitions(specs, partition_records=partition_records),
            max_page_bytes=max_page_bytes,
            facts=SETTINGS.store.fold_facts,
        )
        return store_extracted(store, extracted, on_item=on_item)
