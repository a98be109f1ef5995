"""Storylines on the web: ``/api/storylines[/{id}]`` and the ``/storylines[/{id}]`` pages.

A storyline page is a timeline of its events, oldest first, each linking to its story page.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from storylens.stories import get_storyline, list_storylines
from storylens.web.deps import context
from storylens.web.pages import render
from storylens.web.services import ServiceError

MAX_PAGE_SIZE = 200
STORYLINES_PER_PAGE = 20

api_router = APIRouter(prefix="/api", tags=["api"])
page_router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)


@api_router.get("/storylines")
def get_storylines(
    request: Request,
    limit: int = Query(20, ge=1, le=MAX_PAGE_SIZE),
    offset: int = Query(0, ge=0, le=2**31),
    min_events: int = Query(2, ge=1, le=1000, description="1 also lists one-event storylines."),
) -> dict[str, Any]:
    """Storylines (events linked over weeks or months), latest activity first, with paging."""
    store = context(request).store()
    found = list_storylines(store, limit=limit + 1, offset=offset, min_events=min_events)
    return {
        "storylines": [asdict(s) for s in found[:limit]],
        "limit": limit,
        "offset": offset,
        "next_offset": offset + limit if len(found) > limit else None,
    }


@api_router.get("/storylines/{storyline_id}")
def get_storyline_detail(request: Request, storyline_id: str) -> dict[str, Any]:
    """One storyline with its events as a timeline (a merged id answers with the survivor)."""
    return asdict(_require(request, storyline_id))


@page_router.get("/storylines")
def storylines_page(request: Request, page: int = Query(1, ge=1, le=100_000)) -> Response:
    store = context(request).store()
    offset = (page - 1) * STORYLINES_PER_PAGE
    found = list_storylines(store, limit=STORYLINES_PER_PAGE + 1, offset=offset, min_events=2)
    return render(
        request,
        "storylines.html",
        storylines=found[:STORYLINES_PER_PAGE],
        page=page,
        per_page=STORYLINES_PER_PAGE,
        has_next=len(found) > STORYLINES_PER_PAGE,
    )


@page_router.get("/storylines/{storyline_id}")
def storyline_page(request: Request, storyline_id: str) -> Response:
    line = _require(request, storyline_id)
    if line.id != storyline_id:  # merged: send readers to the storyline it joined
        return RedirectResponse(request.url_for("storyline_page", storyline_id=line.id), 308)
    return render(request, "storyline.html", line=line)


def _require(request: Request, storyline_id: str) -> Any:
    line = get_storyline(context(request).store(), storyline_id)
    if line is None:
        raise ServiceError(404, f"no storyline with id {storyline_id!r}")
    return line
