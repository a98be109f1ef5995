"""The FastAPI application: JSON API under ``/api``, pages everywhere else, one store behind both.

``create_app(db_path)`` builds a fresh app; ``storylens serve`` runs it with uvicorn.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from storylens import __version__
from storylens.config import SETTINGS, WebSettings, db_target
from storylens.web import api, pages, storylines
from storylens.web.bounded import BoundedRunner, Limits
from storylens.web.cache import SingleFlightCache
from storylens.web.context import WebContext
from storylens.web.ratelimit import RateLimit
from storylens.web.uploads import BodyLimit

COMPARISONS_KEPT = 64
ARTICLES_KEPT = 5_000
"""Story comparisons kept in memory, by count and by the articles they cover."""
STATIC_DIR = Path(__file__).parent / "static"
SECURITY_HEADERS = {
    # Scripts only from our own static files: even a missed escape could not run a script.
    b"content-security-policy": (
        b"default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        b"object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
    ),
    b"x-content-type-options": b"nosniff",
    # Same-origin requests keep their Origin (``no-referrer`` made browsers send ``null``, which
    # the cross-site check must refuse); other sites still never see a referrer.
    b"referrer-policy": b"same-origin",
}


def create_app(
    db_path: str | Path,
    *,
    settings: WebSettings | None = None,
    rate_limit: RateLimit | None = None,
) -> FastAPI:
    """A new app serving the store at ``db_path`` (a SQLite file, created if missing, or a
    ``postgresql://`` URL)."""
    settings = settings or SETTINGS.web
    ctx = WebContext(db_target(db_path), settings=settings, rate_limit=rate_limit or RateLimit())
    ctx.create_if_missing()
    ctx.store()  # open the store now: a bad store fails at start, not per request

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.runner.warm_up()
        yield
        ctx.close()

    app = FastAPI(
        title="storylens",
        version=__version__,
        description="Stories from many outlets, compared side by side. Errors are JSON objects "
        "with `error` (a message) and `status`.",
        docs_url=None,  # Swagger UI loads from a CDN; the description is at /openapi.json
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.ctx = ctx
    ctx.comparisons = SingleFlightCache(max_items=COMPARISONS_KEPT, max_cost=ARTICLES_KEPT)
    app.state.rendered = SingleFlightCache(
        max_cost=settings.story_cache_mb << 20, max_age=settings.story_cache_seconds
    )
    app.state.runner = BoundedRunner(
        Limits(
            seconds=settings.compare_seconds,
            max_rss_bytes=settings.compare_max_rss_mb << 20,
            max_output_bytes=settings.compare_max_output_mb << 20,
            slots=settings.compare_slots,
        )
    )
    app.include_router(api.router)
    app.include_router(storylines.api_router)
    app.include_router(pages.router)
    app.include_router(storylines.page_router)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    app.add_exception_handler(HTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(Exception, _unexpected_error)
    app.add_middleware(BodyLimit, limit=settings.max_upload_bytes)
    app.add_middleware(SameOriginWrites)
    app.add_middleware(SecurityHeaders)
    return app


def wants_json(request: Request) -> bool:
    """API paths answer errors in JSON; pages answer with an HTML error page."""
    return request.url.path.startswith("/api") or request.url.path == "/openapi.json"


def error_response(
    request: Request, status: int, message: str, details: Any = None, headers: Any = None
) -> Response:
    if wants_json(request):
        body = {"error": message, "status": status, "details": details}
        return JSONResponse(body, status_code=status, headers=headers)
    return pages.render(request, "error.html", status, status=status, message=message)


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    message = str(exc.detail)
    if exc.status_code == 404 and message == "Not Found":
        message = f"nothing at {request.url.path}"
    elif exc.status_code == 405:
        message = f"{request.method} is not allowed on {request.url.path}"
    details = getattr(exc, "details", None)
    return error_response(request, exc.status_code, message, details, exc.headers)


async def _validation_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    errors = [_plain_error(e) for e in exc.errors()]
    return error_response(request, 422, "; ".join(errors), errors)


async def _unexpected_error(request: Request, exc: Exception) -> Response:
    """A bug or an unforeseen input still answers in the API's error shape, never plain text."""
    message = f"internal error ({type(exc).__name__}); the server log has the details"
    return error_response(request, 500, message)


def _plain_error(error: dict[str, Any]) -> str:
    """One validation error as a sentence a person can act on."""
    if error.get("type") == "json_invalid":
        reason = (error.get("ctx") or {}).get("error", "invalid")
        return f"request body is not valid JSON ({reason})"
    where = ".".join(str(p) for p in error.get("loc", ()) if p != "body") or "body"
    return f"{where}: {error.get('msg', 'invalid')}"


SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
SAME_ORIGIN_FETCH = frozenset({"same-origin", "none"})
DEFAULT_PORTS = {"http": "80", "https": "443"}


class SameOriginWrites:
    """Refuses cross-site writes (CSRF): any request that is not GET/HEAD/OPTIONS must come
    from this site's own pages or from a non-browser client.

    Browsers label every request: ``Sec-Fetch-Site`` (modern ones) and ``Origin`` (on every
    POST). A request whose labels name another site gets a 403 JSON error before any body is
    read. Clients that send neither header (curl, scripts, the CLI's tests) are not browsers
    acting for a user and are let through. ``POST /api/compare`` is checked as well: it stores
    nothing, but costs CPU that another site must not spend.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["method"] not in SAFE_METHODS:
            reason = cross_site_reason(_headers(scope))
            if reason is not None:
                body = {"error": f"cross-site request refused: {reason}", "status": 403,
                        "details": None}  # fmt: skip
                await JSONResponse(body, status_code=403)(scope, receive, send)
                return
        await self.app(scope, receive, send)


def _headers(scope: Scope) -> dict[str, str]:
    return {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}


def cross_site_reason(headers: dict[str, str]) -> str | None:
    """Why a write with these headers comes from another site, or None when it does not.

    ``Sec-Fetch-Site`` decides when present (the browser sets it and pages cannot); only older
    browsers without it are judged by ``Origin``, which must name this server.
    """
    fetch_site = headers.get("sec-fetch-site", "").strip().lower()
    if fetch_site:
        return None if fetch_site in SAME_ORIGIN_FETCH else f"Sec-Fetch-Site is {fetch_site!r}"
    origin = headers.get("origin")
    if origin is None:
        return None
    host = headers.get("host", "")
    if _origin_host(origin) != _normal_host(host, "http") or not host:
        return f"Origin {origin!r} is not this server ({host or 'no Host header'})"
    return None


def _origin_host(origin: str) -> str | None:
    """``host:port`` of an Origin header (``null`` and malformed origins give None)."""
    scheme, sep, rest = origin.strip().partition("://")
    if not sep or scheme.lower() not in DEFAULT_PORTS or not rest or "/" in rest:
        return None
    return _normal_host(rest, scheme.lower())


def _normal_host(host: str, scheme: str) -> str:
    host = host.strip().lower()
    default = DEFAULT_PORTS.get(scheme, "")
    if host.endswith(f":{default}") and not host.endswith("]"):
        host = host[: -len(default) - 1]
    return host


class SecurityHeaders:
    """Adds the security headers to every response (pure ASGI, so streaming is untouched)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {k.lower() for k, _ in message.get("headers", [])}
                extra = [(k, v) for k, v in SECURITY_HEADERS.items() if k not in present]
                message["headers"] = [*message.get("headers", []), *extra]
            await send(message)

        await self.app(scope, receive, send_with_headers)
