"""Reading request bodies safely: size limit, then content type, then parsing.

:class:`BodyLimit` counts the body while it streams in, so an oversized upload is refused (413)
before it is parsed or stored, whatever the client claimed in ``Content-Length``.
"""

from __future__ import annotations

from fastapi import Request
from starlette.datastructures import FormData, UploadFile
from starlette.formparsers import MultiPartException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from storylens.web.services import ServiceError, Upload, safe_filename

MAX_FORM_FIELDS = 50


def megabytes(size: int) -> str:
    return f"{size / 1_048_576:.1f} MB" if size >= 1_048_576 else f"{size:,} bytes"


class BodyLimit:
    """ASGI middleware: reading more than ``limit`` body bytes raises a 413 error.

    The error is raised where the body is read (inside the endpoint), so the app's own error
    handlers answer it: JSON for the API, an HTML page for forms.
    """

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = _declared_length(scope)
        received = 0

        async def limited_receive() -> Message:
            nonlocal received
            if declared is not None and declared > self.limit:
                raise too_large(self.limit)
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.limit:
                    raise too_large(self.limit)
            return message

        await self.app(scope, limited_receive, send)


def _declared_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", []):
        if name == b"content-length":
            return int(value) if value.isdigit() else None
    return None


def too_large(limit: int) -> ServiceError:
    return ServiceError(413, f"upload is larger than the {megabytes(limit)} limit")


def require_multipart(request: Request) -> None:
    """415 unless the request is a multipart form (how browsers and curl -F upload files)."""
    content_type = request.headers.get("content-type", "")
    if not content_type.lower().startswith("multipart/form-data"):
        shown = content_type.split(";")[0] or "none"
        raise ServiceError(
            415, f"expected a multipart/form-data upload, got content type {shown!r}"
        )


async def read_form(request: Request, *, limit: int, max_files: int) -> FormData:
    """The multipart form of a request; malformed forms are a 400."""
    require_multipart(request)
    try:
        return await request.form(
            max_files=max_files, max_fields=MAX_FORM_FIELDS, max_part_size=limit
        )
    except MultiPartException as exc:
        raise ServiceError(400, f"malformed multipart upload ({exc.message})") from exc


async def uploaded_files(form: FormData, *, names: tuple[str, ...] | None = None) -> list[Upload]:
    """The files of a form (all file fields, or only those named), empty file inputs skipped."""
    uploads = []
    for position, (name, value) in enumerate(form.multi_items(), start=1):
        if not isinstance(value, UploadFile) or (names and name not in names):
            continue
        data = await value.read()
        if not value.filename and not data:
            continue  # an empty <input type=file> in a browser form
        uploads.append(Upload(safe_filename(value.filename, f"upload-{position}"), data))
    return uploads


def form_text(form: FormData, name: str) -> str:
    value = form.get(name)
    return value if isinstance(value, str) else ""
