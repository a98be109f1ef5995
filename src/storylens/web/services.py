"""What the API and the pages do, apart from HTTP: read stories, compare, ingest uploads.

Both routers call these functions, so the JSON API and the web page always agree.
"""

from __future__ import annotations

import hashlib
import io
import json
import queue
import threading
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from pathlib import PurePath
from typing import Any

from starlette.exceptions import HTTPException
from starlette.requests import Request

from storylens.compare import compare_texts
from storylens.compare.storage import update_story_facts
from storylens.compare.story import StoryComparison, compare_story
from storylens.extract import extract_page
from storylens.ingest.formats import detect_format
from storylens.ingest.readers import read_stream
from storylens.models import Article, InputProblem, Page
from storylens.pipeline import IngestOutcome, IngestReport, ingest_items
from storylens.store import Store
from storylens.stories import StoryDetail, get_story
from storylens.web.bounded import BoundedRunner, ClientGone, WorkRefused
from storylens.web.cache import SingleFlightCache
from storylens.web.context import WebContext

Item = Page | InputProblem


class ServiceError(HTTPException):
    """A request that cannot be served, with the HTTP status that says why."""

    def __init__(self, status: int, message: str, details: Any = None) -> None:
        super().__init__(status, message)
        self.message = message
        self.details = details


@dataclass(frozen=True)
class Upload:
    """One uploaded file, already read (the request size limit bounds it)."""

    filename: str
    data: bytes


# stories ----------------------------------------------------------------------------------


def require_story(store: Store, story_id: str) -> StoryDetail:
    story = get_story(store, story_id)
    if story is None:
        raise ServiceError(404, f"no story with id {story_id!r}")
    return story


def require_article(store: Store, article_id: str) -> Article:
    article = store.get_article(article_id)
    if article is None:
        raise ServiceError(404, f"no article with id {article_id!r}")
    return article


def story_articles(store: Store, story: StoryDetail) -> list[Article]:
    """The story's stored articles in the story's order (ids the store lost are skipped)."""
    return store.get_articles(story.article_ids)


def story_comparison(
    ctx: WebContext, story_id: str, articles: list[Article]
) -> StoryComparison | None:
    """The story's facts x outlets comparison: stored facts, new articles folded in (linear in
    the story), cached in memory until the story's article list changes.

    Single flight: concurrent requests for one story wait for one computation.
    """
    if len(articles) < 2:
        return None
    key = (story_id, *(a.id for a in articles))

    def compute() -> StoryComparison:
        index = update_story_facts(ctx.store(), story_id, articles)
        return compare_story(articles, index)

    return ctx.comparisons.get_or_compute(key, compute)


def story_key(kind: str, story: StoryDetail, *extra: str) -> tuple[str, ...]:
    """Cache key of a rendered story: changes whenever anything shown of the story changes."""
    digest = hashlib.sha256(json.dumps(asdict(story), sort_keys=True, default=str).encode())
    return (kind, story.id, digest.hexdigest(), *extra)


def story_json(
    ctx: WebContext,
    cache: SingleFlightCache,
    store: Store,
    story: StoryDetail,
    *,
    limit: int = 100,
    offset: int = 0,
) -> bytes:
    """The story with one page of its comparison's facts as JSON bytes, rendered once and
    shared by every reader."""

    def build() -> bytes:
        comparison = story_comparison(ctx, story.id, story_articles(store, story))
        data = comparison.to_dict(limit=limit, offset=offset) if comparison else None
        return json.dumps({**asdict(story), "comparison": data}, ensure_ascii=False).encode()

    key = story_key("json", story, str(limit), str(offset))
    return cache.get_or_compute(key, build, cost=len)


def cached_bytes(
    cache: SingleFlightCache, key: tuple[str, ...], build: Callable[[], bytes]
) -> bytes:
    """``build()`` once per key however many requests ask at the same time."""
    return cache.get_or_compute(key, build, cost=len)


def story_of_article(store: Store, article_id: str) -> str | None:
    """The story an article was assigned to, if the story engine has seen it."""
    from storylens.stories.storage import StoreStoryRepository

    assignment = StoreStoryRepository(store).assignment_of(article_id)
    return assignment.story_id if assignment else None


# uploads and ingest -----------------------------------------------------------------------


def safe_filename(name: str | None, fallback: str) -> str:
    """The file's base name only: a client-chosen path must not leak into ids or origins."""
    base = PurePath((name or "").replace("\\", "/")).name.strip()
    return base or fallback


def read_uploads(uploads: list[Upload], *, page_limit: int) -> list[Item]:
    """Every page (or problem) in the uploaded files, in upload order."""
    items: list[Item] = []
    for upload in uploads:
        items.extend(
            read_stream(
                io.BytesIO(upload.data), upload.filename, limit=page_limit, size=len(upload.data)
            )
        )
    return items


def ingest(ctx: WebContext, items: list[Item]) -> IngestReport:
    """Ingest pages as the CLI does; refuses an upload in which no page could be read."""
    require_some_page(items)
    with ctx.writer() as store:
        return ingest_items(store, items)


def require_some_page(items: list[Item]) -> None:
    """An upload with nothing readable is an error (422), and nothing is stored."""
    if any(isinstance(item, Page) for item in items):
        return
    problems = [problem_dict(p) for p in items if isinstance(p, InputProblem)]
    first = problems[0]["error"] if problems else "no pages"
    raise ServiceError(422, f"no page could be read from the upload ({first})", problems)


def stream_ingest(ctx: WebContext, items: list[Item]) -> Iterator[str]:
    """Ingest while yielding one JSON line per page, so a browser can show progress.

    The work runs in its own thread and keeps going if the client leaves, so an ingest is never
    cut short half-way.
    """
    require_some_page(items)
    events: queue.Queue[dict[str, Any] | None] = queue.Queue()
    total = sum(1 for item in items if isinstance(item, Page))
    counter = iter(range(1, len(items) + 1))

    def on_item(event: IngestOutcome | InputProblem) -> None:
        events.put({"event": "item", "done": next(counter), **item_dict(event)})

    def work() -> None:
        try:
            with ctx.writer() as store:
                report = ingest_items(store, items, on_item=on_item)
            events.put({"event": "done", **report.to_dict()})
        except Exception as exc:  # reported in the stream: the status line is already sent
            events.put({"event": "error", "error": f"ingest failed ({type(exc).__name__})"})
        finally:
            events.put(None)

    threading.Thread(target=work, name="storylens-ingest", daemon=True).start()
    yield _line({"event": "start", "pages": total, "items": len(items)})
    while (event := events.get()) is not None:
        yield _line(event)


def item_dict(event: IngestOutcome | InputProblem) -> dict[str, Any]:
    if isinstance(event, InputProblem):
        return {"kind": "skipped" if event.skipped else "problem", **problem_dict(event)}
    return {"kind": "article", **asdict(event)}


def problem_dict(problem: InputProblem) -> dict[str, str]:
    return {"input": problem.origin, "error": problem.message}


def _line(obj: dict[str, Any]) -> str:
    return json.dumps(obj, ensure_ascii=False) + "\n"


# comparing texts and saved pages ------------------------------------------------------------


def check_compare_text(name: str, text: str, limit: int) -> None:
    """413 for a text longer than the compare limit, before any work starts."""
    if len(text) > limit:
        raise ServiceError(
            413, f"text {name} is {len(text):,} characters, over the {limit:,} character limit"
        )


def compare_json(a: str, b: str, a_id: str, b_id: str) -> bytes:
    """Compare two texts and serialise the result (runs in a bounded child process)."""
    result = compare_texts(a, b, a_id=a_id, b_id=b_id).to_dict()
    return json.dumps(result, ensure_ascii=False).encode("utf-8")


async def run_bounded(
    runner: BoundedRunner, request: Request, func: Callable[..., Any], *args: Any, what: str
) -> Any:
    """``func(*args)`` under the runner's time and memory limits, killed if the client leaves."""
    try:
        return await runner.run(func, *args, is_disconnected=request.is_disconnected, what=what)
    except ClientGone:
        raise ServiceError(499, "the client closed the request; its work was stopped") from None
    except WorkRefused as exc:
        error = ServiceError(exc.status, exc.message)
        if exc.retry_after:
            error.headers = {"Retry-After": str(exc.retry_after)}
        raise error from None


def pasted_article(article_id: str, label: str, text: str, *, clean: bool = False) -> Article:
    """Pasted text as an article; with ``clean``, a whole pasted page is extracted first.

    Extraction that leaves nothing (a short clean paste can look like page furniture) falls back
    to the text as pasted: the user asked to compare what they pasted.
    """
    body = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    if clean:
        article = _extract_pasted(article_id, label, body)
        if article is not None:
            return article
    if "\n\n" not in body:
        body = body.replace("\n", "\n\n")
    return Article(id=article_id, origin=label, title="", body=body)


def _extract_pasted(article_id: str, label: str, text: str) -> Article | None:
    kind = "html" if detect_format(text[:65536], label) == "html" else "text"
    page = Page(id=article_id, origin=label, kind=kind, content=text)  # type: ignore[arg-type]
    try:
        article = extract_page(page)
    except Exception:  # fall back to the pasted text rather than fail the comparison
        return None
    return article if article.body.strip() else None


def uploaded_article(article_id: str, upload: Upload, *, page_limit: int) -> Article:
    """A saved page (text, HTML, ...) extracted like ingest would, without storing it."""
    for item in read_uploads([upload], page_limit=page_limit):
        if isinstance(item, InputProblem):
            raise ServiceError(422, str(item))
        try:
            article = extract_page(item)
        except Exception as exc:  # a page the extractor chokes on is the input's problem here
            raise ServiceError(422, f"{item.origin}: extraction failed ({exc})") from exc
        article.id = article_id
        return article
    raise ServiceError(422, f"{upload.filename}: no page could be read")
