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
from storylens.web import api, pages
from storylens.web.context import WebContext
from storylens.web.ratelimit import RateLimit
from storylens.web.uploads import BodyLimit

STATIC_DIR = Path(__file__).parent / "static"
SECURITY_HEADERS = {
    # Scripts only from our own static files: even a missed escape could not run a script.
    b"content-security-policy": (
        b"default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        b"object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
    ),
    b"x-content-type-options": b"nosniff",
    b"referrer-policy": b"no-referrer",
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
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
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
    app.include_router(api.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    app.add_exception_handler(HTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_middleware(BodyLimit, limit=settings.max_upload_bytes)
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


def _plain_error(error: dict[str, Any]) -> str:
    """One validation error as a sentence a person can act on."""
    if error.get("type") == "json_invalid":
        reason = (error.get("ctx") or {}).get("error", "invalid")
        return f"request body is not valid JSON ({reason})"
    where = ".".join(str(p) for p in error.get("loc", ()) if p != "body") or "body"
    return f"{where}: {error.get('msg', 'invalid')}"


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
