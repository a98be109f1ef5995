"""Extraction on every core: pages go to worker processes in chunks, results come back in order.

The main process reads the input, learns each window's site templates (exactly as
:func:`storylens.extract.extract_pages` does) and sends chunks of pages with their template lines
to a process pool; it keeps only a bounded number of chunks in flight, so memory stays bounded on
any input. Results are yielded in input order, problems in their place, so the story assignment
that follows (one assigner, in the main process) sees the same order as a single-process run.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from itertools import chain, islice
from typing import Any

from storylens.extract import TEMPLATE_WINDOW, extract_page, extraction_notes, window_templates
from storylens.models import Article, Extracted, InputProblem, Page, PreparedFacts

CHUNK_PAGES = 16
"""Pages sent to a worker at once: large enough to spread pickling and task overhead thin,
small enough that both cores stay busy on a window of a few hundred pages."""
CHUNKS_IN_FLIGHT_PER_WORKER = 4
"""How far reading may run ahead of the workers (bounds memory)."""

Task = tuple[Page, frozenset[str]]
Quotes = list[dict[str, Any]]
Result = tuple[
    Article | InputProblem, bytes | None, bool, PreparedFacts | None, Quotes | None, object | None
]


def default_workers() -> int:
    """All cores this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


def extract_parallel(
    items: Iterable[Page | InputProblem],
    *,
    workers: int | None = None,
    sign: bool = False,
    facts: bool = False,
    quotes: bool = False,
    read: bool = False,
    chunk_pages: int = CHUNK_PAGES,
    before_pool: Callable[[], object] | None = None,
) -> Iterator[Extracted | InputProblem]:
    """Extract pages in ``workers`` processes (1: in this process), yielding in input order.

    With ``sign`` the body's near-duplicate signature is computed beside the extraction, with
    ``facts`` the article is prepared for the facts fold there
    (``compare.prepare_article_facts``), and with ``read`` the story engine's reading of it
    (``stories.read_article``: language and term counts), so the one story assigner does not
    have to; with ``quotes`` its quotations are found there (``compare.article_quotes``), so
    ``extract --json`` does not find them all in the one process that prints.
    ``before_pool`` is called when workers are about to start (after the models they share are
    loaded, before any thread does): ingest forks its facts-fold process there.
    """
    work = Work(sign, facts, quotes, read)
    workers = default_workers() if workers is None else max(1, workers)
    windows = _windows(items)
    first = next(windows, [])
    rest = next(windows, None)
    if workers == 1 or (rest is None and len(first) <= chunk_pages):
        # one process, or too few pages to be worth starting workers
        for window in chain([first], [rest] if rest else [], windows):
            for chunk in _chunks(window, chunk_pages):
                tasks = [t for t in chunk if not isinstance(t, InputProblem)]
                yield from _pair(chunk, extract_chunk(tasks, work))
        return
    ahead = chain([first], [rest] if rest else [], windows)
    _load_before_fork(work, {slot[0].kind for slot in first if not isinstance(slot, InputProblem)})
    if before_pool is not None:
        before_pool()
    yield from _extract_in_pool(ahead, workers, work, chunk_pages)


@dataclass(frozen=True)
class Work:
    """What a worker computes beside the extraction: the near-duplicate signature (``sign``),
    the article prepared for the facts fold (``facts``), its quotations (``quotes``) and the
    story engine's reading of it (``read``)."""

    sign: bool = False
    facts: bool = False
    quotes: bool = False
    read: bool = False


def extract_chunk(tasks: list[Task], work: Work) -> list[Result]:
    """Worker side: extract each page with its site's template lines; one failure is one problem."""
    results: list[Result] = []
    for page, templates in tasks:
        try:
            article = extract_page(page, template_lines=templates)
        except Exception as exc:  # one broken page must not stop the batch
            problem = InputProblem(page.origin, f"extraction failed ({type(exc).__name__}: {exc})")
            results.append(_failed(problem))
            continue
        signature = body_signature(article) if work.sign else None
        facts = _prepared_facts(article, work.facts)
        results.append(
            (article, signature, work.sign, facts, _quotes(article, work.quotes),
             _reading(article, work.read))
        )  # fmt: skip
    return results


def _failed(problem: InputProblem) -> Result:
    """A page's result when its extraction failed: the problem in the article's place."""
    return (problem, None, False, None, None, None)


def body_signature(article: Article) -> bytes | None:
    """The near-duplicate MinHash of the body as the story engine computes it, as bytes."""
    from storylens.stories.duplicates import signature, signature_bytes

    minhash = signature((article.body or "").strip())
    return None if minhash is None else signature_bytes(minhash)


def _load_before_fork(work: Work, kinds: Iterable[str] = ()) -> None:
    """Load what the workers need (the language identifier; the MinHash permutations; the
    judge's word frequencies and static embedding; for each page kind of the first window
    (``kinds``), what extracting such a page loads: the stop lists and the line model for
    plain text) once here, before the workers fork and inherit it: this process needs most
    of it for the story assignment and the facts fold anyway, and each worker would
    otherwise spend its own CPU loading a copy (the extractor's part: ~65 ms a worker)."""
    from storylens.languages import language_identifier, start_reading_language_model

    start_reading_language_model()  # decompressed beside the loads that do not need it
    probe = Article("", "", "", "Loaded once before the workers start.")
    if work.sign:
        body_signature(probe)
    _prepared_facts(probe, work.facts)
    language_identifier(norm_probs=False)  # extraction names the language of most pages
    for kind in sorted(kinds):
        _extract_probe(kind)
    _quotes(probe, work.quotes)
    _reading(probe, work.read)


PROBE_TEXT = (
    "Loaded once before the workers start.\n\n"
    "The council said on Tuesday that the new bridge would open next spring, after two years "
    "of work on the river crossing.\n\nResidents welcomed the news."
)


def _extract_probe(kind: str) -> None:
    """Extract one small page of this kind, for what extraction loads on its first page."""
    body = PROBE_TEXT if kind != "html" else "<p>" + PROBE_TEXT.replace("\n\n", "</p><p>") + "</p>"
    try:
        extract_page(Page("probe", "probe", kind, body))  # type: ignore[arg-type]
    except Exception:  # nothing lost: a worker loads it on its first page, and reports there
        return


def _reading(article: Article, wanted: bool) -> object | None:
    """The story engine's reading of the article, or None when not wanted or it failed (the
    engine then reads it itself, and reports what is wrong)."""
    if not wanted:
        return None
    from storylens.stories import read_article

    try:
        return read_article(article)
    except Exception:  # the assigner reads it again and reports the failure with the page
        return None


def _prepared_facts(article: Article, wanted: bool) -> PreparedFacts | None:
    """The article prepared for the facts fold, or None when not wanted or it failed (the fold
    then prepares it itself, and reports what is wrong)."""
    if not wanted:
        return None
    from storylens.compare import prepare_article_facts

    try:
        return prepare_article_facts(article)
    except Exception:  # the assigner prepares it again and the fold handles the failure
        return None


def _quotes(article: Article, wanted: bool) -> Quotes | None:
    """The article's quotations, or None when not wanted or it failed (the printer then finds
    them itself, and reports what is wrong)."""
    if not wanted:
        return None
    from storylens.compare import article_quotes

    try:
        return article_quotes(article)
    except Exception:  # found again where the article is printed, which reports the failure
        return None


def extract_windowed(
    items: Iterable[Page | InputProblem],
    *,
    sign: bool = False,
    facts: bool = False,
    quotes: bool = False,
) -> Iterator[Extracted | InputProblem]:
    """In-process extraction with the same windows and templates as the pool (used on Dask)."""
    return extract_parallel(items, workers=1, sign=sign, facts=facts, quotes=quotes)


# internals ---------------------------------------------------------------------------------

Slot = Task | InputProblem


def _windows(items: Iterable[Page | InputProblem]) -> Iterator[list[Slot]]:
    """Windows of :data:`TEMPLATE_WINDOW` items, each page paired with its template lines."""
    iterator = iter(items)
    while window := list(islice(iterator, TEMPLATE_WINDOW)):
        templates = window_templates(window)
        yield [
            item if isinstance(item, InputProblem) else (item, lines)
            for item, lines in zip(window, templates, strict=True)
        ]


def _chunks(window: list[Slot], size: int) -> Iterator[list[Slot]]:
    for start in range(0, len(window), size):
        yield window[start : start + size]


def _pair(chunk: list[Slot], results: list[Result]) -> Iterator[Extracted | InputProblem]:
    """Put each result back beside its page; input problems keep their place."""
    done = iter(results)
    for slot in chunk:
        if isinstance(slot, InputProblem):
            yield slot
            continue
        article, signature, signed, facts, quotes, reading = next(done)
        if isinstance(article, InputProblem):
            yield article
        else:
            yield Extracted(slot[0], article, signature, signed, facts, quotes, reading)
            for note in extraction_notes(article):  # after the page, as decoding notes are
                yield InputProblem(article.origin, note, warning=True)


def _extract_in_pool(
    windows: Iterable[list[Slot]], workers: int, work: Work, chunk_pages: int
) -> Iterator[Extracted | InputProblem]:
    pending: deque[tuple[list[Slot], Future[list[Result]]]] = deque()
    limit = workers * CHUNKS_IN_FLIGHT_PER_WORKER
    pool = _new_pool(workers)
    try:
        for window in windows:
            for chunk in _chunks(window, chunk_pages):
                tasks = [t for t in chunk if not isinstance(t, InputProblem)]
                pending.append((chunk, pool.submit(extract_chunk, tasks, work)))  # type: ignore[arg-type]
                while len(pending) >= limit:
                    chunk_done, future = pending.popleft()
                    results, pool = _collect(chunk_done, future, pool, workers)
                    yield from _pair(chunk_done, results)
        while pending:
            chunk_done, future = pending.popleft()
            results, pool = _collect(chunk_done, future, pool, workers)
            yield from _pair(chunk_done, results)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _collect(
    chunk: list[Slot], future: Future[list[Result]], pool: ProcessPoolExecutor, workers: int
) -> tuple[list[Result], ProcessPoolExecutor]:
    """The chunk's results; a crashed worker turns its pages into problems and the pool restarts."""
    try:
        return future.result(), pool
    except Exception as exc:
        reason = f"extraction worker failed ({type(exc).__name__}: {exc})"
        failed: list[Result] = [
            _failed(InputProblem(slot[0].origin, reason))
            for slot in chunk
            if not isinstance(slot, InputProblem)
        ]
        if getattr(pool, "_broken", False):
            pool.shutdown(wait=False, cancel_futures=True)
            pool = _new_pool(workers)
        return failed, pool


def _new_pool(workers: int) -> ProcessPoolExecutor:
    """Workers forked from this process: they start at once, and callers' scripts need no
    ``if __name__ == "__main__"`` guard (spawn where fork is missing). Each worker imports an
    extractor (trafilatura for HTML) only when it first meets a page of that kind."""
    try:
        context = multiprocessing.get_context("fork")
    except ValueError:  # no fork on this platform
        context = multiprocessing.get_context("spawn")
    return ProcessPoolExecutor(
        max_workers=workers,
        mp_context=context,
        initializer=_exit_with_parent,
        initargs=(os.getpid(),),
    )


PARENT_CHECK_SECONDS = 1.0
"""How often a worker looks whether the process that started it is still there."""


def _exit_with_parent(parent: int) -> None:
    """Make this worker end when its parent does. A parent killed outright (``kill -9``, the
    out-of-memory killer) cannot shut its pool down, and its forked workers would otherwise wait
    for work forever: the task queue's other ends live on in the sibling workers."""
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(PARENT_CHECK_SECONDS)
    os._exit(1)
