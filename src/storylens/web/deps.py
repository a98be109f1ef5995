"""Request dependencies shared by the API and the pages."""

from __future__ import annotations

import math

from fastapi import Request

from storylens.web.bounded import BoundedRunner
from storylens.web.cache import SingleFlightCache
from storylens.web.context import WebContext
from storylens.web.services import ServiceError


def context(request: Request) -> WebContext:
    return request.app.state.ctx


def runner(request: Request) -> BoundedRunner:
    """Runs pasted comparisons in killable child processes under time and memory limits."""
    return request.app.state.runner


def rendered(request: Request) -> SingleFlightCache:
    """Rendered story pages and JSON, shared by concurrent readers."""
    return request.app.state.rendered


def client_key(request: Request) -> str:
    """The client's address: the unit the write rate limit counts per."""
    return request.client.host if request.client else "unknown"


def limit_writes(request: Request) -> None:
    """429 with ``Retry-After`` when this client has used up its write budget."""
    wait = context(request).buckets.take(client_key(request))
    if wait > 0:
        seconds = max(1, math.ceil(wait))
        error = ServiceError(429, f"too many write requests; try again in {seconds} s")
        error.headers = {"Retry-After": str(seconds)}
        raise error


def require_json(request: Request) -> None:
    """415 unless the body is declared as JSON (checked before the body is parsed)."""
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type != "application/json" and not content_type.endswith("+json"):
        shown = content_type or "none"
        raise ServiceError(415, f"expected content type application/json, got {shown!r}")
