"""The JSON API under ``/api``: stories, articles, ingest and compare."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import Response, StreamingResponse

from storylens.stories import list_stories
from storylens.web import services
from storylens.web.deps import context, limit_writes, rendered, require_json, runner
from storylens.web.links import public_origin
from storylens.web.schemas import (
    ArticleOut,
    CompareIn,
    ErrorOut,
    IngestOut,
    StoryDetailOut,
    StoryListOut,
)
from storylens.web.uploads import read_form, uploaded_files

MAX_PAGE_SIZE = 200
MAX_OFFSET = 10_000_000
"""Paging further than this is refused with a 422 (a huge offset overflowed SQLite: a 500)."""


def _errors(*codes: int) -> dict[int | str, dict[str, Any]]:
    return {code: {"model": ErrorOut} for code in codes}


router = APIRouter(prefix="/api", tags=["api"])

UPLOAD_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "required": ["files"],
                    "properties": {
                        "files": {
                            "type": "array",
                            "items": {"type": "string", "format": "binary"},
                            "description": "Text, HTML, WARC or JSONL files (gzip allowed).",
                        }
                    },
                }
            }
        },
    }
}


@router.get("/stories", response_model=StoryListOut, responses=_errors(422))
def get_stories(
    request: Request,
    q: str | None = Query(None, max_length=200, description="Words in a headline, lead or title."),
    limit: int = Query(20, ge=1, le=MAX_PAGE_SIZE),
    offset: int = Query(0, ge=0, le=MAX_OFFSET),
) -> dict[str, Any]:
    """Stories, newest activity first, with search and paging."""
    store = context(request).store()
    found = list_stories(store, limit=limit + 1, offset=offset, query=q or None)
    more = len(found) > limit
    return {
        "stories": [asdict(s) for s in found[:limit]],
        "q": q,
        "limit": limit,
        "offset": offset,
        "next_offset": offset + limit if more else None,
    }


@router.get("/front", responses=_errors(422))
def get_front(
    request: Request,
    q: str = Query("", max_length=200, description="Words in a headline, lead or title."),
    outlet: str = Query("", max_length=200, description="Outlet name or domain."),
    lang: str = Query("", max_length=20, description="Language code, e.g. en."),
    since: str = Query("", max_length=32, description="YYYY-MM-DD: active on or after."),
    until: str = Query("", max_length=32, description="YYYY-MM-DD: began on or before."),
    by: str = Query("", max_length=60, description="Registry column for coverage."),
    page: int = Query(1, ge=1, le=100_000),
) -> dict[str, Any]:
    """The front page as JSON: stories ranked by weight with summaries and coverage."""
    from storylens.store.ranking import StoryFilters
    from storylens.web.front import front_dict, front_page, glance_worker

    filters = StoryFilters.from_form(q, outlet, lang, since, until)
    view = front_page(context(request).store(), filters, page=page, by=by or None,
                      worker=glance_worker(request))  # fmt: skip
    return front_dict(view)


@router.get("/stories/{story_id}", response_model=StoryDetailOut, responses=_errors(404))
def get_story_detail(
    request: Request,
    story_id: str,
    facts_limit: int = Query(100, ge=1, le=1000, description="Facts per page, widest first."),
    facts_offset: int = Query(0, ge=0),
) -> Response:
    """One story with its articles and their comparison: facts x outlets (paged), conflicts,
    quotes grouped by utterance, per-article coverage and who copied whom."""
    ctx = context(request)
    store = ctx.store()
    story = services.require_story(store, story_id)
    body = services.story_json(ctx, rendered(request), store, story,
                               limit=facts_limit, offset=facts_offset)  # fmt: skip
    return Response(body, media_type="application/json")


@router.get("/articles/{article_id}", response_model=ArticleOut, responses=_errors(404))
def get_article(request: Request, article_id: str) -> dict[str, Any]:
    """The cleaned article, with everything extraction removed and why."""
    store = context(request).store()
    article = services.require_article(store, article_id)
    return {
        **article.to_dict(),
        "origin": public_origin(article.origin),
        "story_id": services.story_of_article(store, article_id),
    }


@router.post(
    "/ingest",
    response_model=IngestOut,
    responses={
        **_errors(400, 413, 415, 422, 429),
        200: {
            "content": {"application/x-ndjson": {}},
            "description": "The ingest report; with stream=true, one JSON line per page.",
        },
    },
    openapi_extra=UPLOAD_BODY,
    dependencies=[Depends(limit_writes)],
)
async def post_ingest(
    request: Request,
    stream: bool = Query(False, description="Stream progress as JSON lines."),
) -> Any:
    """Ingest uploaded files into the store and assign them to stories.

    A request refused as a whole (too large, wrong type, nothing readable) stores nothing; a bad
    file among good ones is reported under ``problems`` while the others are stored.
    """
    ctx = context(request)
    form = await read_form(request, limit=ctx.settings.max_upload_bytes, max_files=ctx.max_files)
    uploads = await uploaded_files(form)
    if not uploads:
        raise services.ServiceError(422, "no files in the upload (send them as field 'files')")
    items = await run_in_threadpool(  # decoding 20 MB must not block the event loop
        services.read_uploads, uploads, page_limit=ctx.settings.max_upload_bytes
    )
    if stream:
        lines = services.stream_ingest(ctx, items)
        first = await run_in_threadpool(next, lines)  # errors before any line get a status code
        return StreamingResponse(_chain(first, lines), media_type="application/x-ndjson")
    report = await run_in_threadpool(services.ingest, ctx, items)
    return report.to_dict()


def _chain(first: str, rest: Any) -> Any:
    yield first
    yield from rest


@router.post(
    "/compare",
    responses=_errors(413, 415, 422, 429),
    dependencies=[Depends(require_json), Depends(limit_writes)],
)
async def post_compare(request: Request, texts: CompareIn) -> Response:
    """Compare two texts without storing anything; same result shape as a story comparison.

    Bounded: each text up to ``max_compare_chars`` (413), and the work runs in a child process
    killed after ``compare_seconds`` or ``compare_max_rss_mb`` (422) or when the client leaves.
    """
    if texts.a_id == texts.b_id:
        raise services.ServiceError(422, "a_id and b_id must differ")
    limit = context(request).settings.max_compare_chars
    services.check_compare_text("a", texts.a, limit)
    services.check_compare_text("b", texts.b, limit)
    body = await services.run_bounded(
        runner(request), request, services.compare_json,
        texts.a, texts.b, texts.a_id, texts.b_id, what="comparing these texts",
    )  # fmt: skip
    return Response(body, media_type="application/json")
