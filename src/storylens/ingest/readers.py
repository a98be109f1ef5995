"""Read inputs (files, directories, globs, stdin) into :class:`Page` objects.

Every reader yields :class:`Page` or :class:`InputProblem`; a bad input never stops the batch.
"""

from __future__ import annotations

import glob
import io
import json
import os
import re
import sys
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any
from urllib.parse import urlparse

from storylens.config import SETTINGS
from storylens.ingest.decode import DecodeError, decode_bytes, is_gzip, maybe_gunzip
from storylens.ingest.formats import detect_format
from storylens.models import InputProblem, Page

STDIN = "-"
Item = Page | InputProblem
HEAD_BYTES = 65536
PAGE_CONTENT_TYPES = ("text/html", "application/xhtml", "text/plain")


def expand_inputs(specs: Iterable[str]) -> Iterator[Path | str | InputProblem]:
    """Turn command-line specs into files: directories are walked, globs expanded, ``-`` kept."""
    for spec in specs:
        if spec == STDIN:
            yield STDIN
            continue
        path = Path(spec)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith("."))
            if not found:
                yield InputProblem(spec, "directory holds no files")
            yield from found
        elif path.is_file():
            yield path
        elif glob.has_magic(spec):
            matches = sorted(Path(p) for p in glob.glob(spec, recursive=True) if Path(p).is_file())
            if not matches:
                yield InputProblem(spec, "no file matches this pattern")
            yield from matches
        else:
            yield InputProblem(spec, "no such file or directory")


def read_pages(specs: Iterable[str], *, max_page_bytes: int | None = None) -> Iterator[Item]:
    """Read every page behind the given specs, in order."""
    limit = max_page_bytes or SETTINGS.ingest.max_page_bytes
    for target in expand_inputs(specs):
        if isinstance(target, InputProblem):
            yield target
        elif target == STDIN:
            yield from read_stream(sys.stdin.buffer, "<stdin>", limit=limit)
        else:
            yield from read_file(Path(target), limit=limit)


def read_file(path: Path, *, limit: int) -> Iterator[Item]:
    """Read one file of any supported format."""
    origin = str(path)
    try:
        with path.open("rb") as handle:
            yield from read_stream(handle, origin, limit=limit, size=path.stat().st_size)
    except OSError as exc:
        yield InputProblem(origin, f"cannot read file ({exc.strerror or exc})")


def read_stream(
    handle: IO[bytes], origin: str, *, limit: int, size: int | None = None
) -> Iterator[Item]:
    """Dispatch on the detected format; containers (WARC, JSONL) stream record by record."""
    head = handle.read(HEAD_BYTES)
    if not head:
        yield InputProblem(origin, "empty input")
        return
    sniff = head
    if is_gzip(head):
        try:
            sniff = maybe_gunzip(head, limit=limit)
        except DecodeError:
            sniff = b""  # a cut gzip header: decide once the whole thing is read
    fmt = detect_format(sniff[:HEAD_BYTES], origin)
    rest = _Rejoined(head, handle)
    if fmt == "warc":
        yield from read_warc(rest, origin, limit=limit)
        return
    if is_gzip(head):
        data = rest.read(limit * 20 + 1)
    else:
        if size is not None and size > limit:
            yield InputProblem(origin, _too_large(size, limit))
            return
        data = rest.read(limit + 1)
    try:
        data = maybe_gunzip(data, limit=limit if fmt != "jsonl" else limit * 20)
    except DecodeError as exc:
        yield InputProblem(origin, str(exc))
        return
    if fmt == "jsonl":
        yield from read_jsonl_bytes(data, origin, limit=limit)
        return
    if len(data) > limit:
        yield InputProblem(origin, _too_large(len(data), limit))
        return
    yield from _page_from_bytes(data, origin, default_id=_id_from_origin(origin))


def _too_large(size: int, limit: int) -> str:
    return (
        f"page is {size / 1_048_576:.1f} MB, over the {limit / 1_048_576:.0f} MB limit "
        "(raise it with --max-page-mb)"
    )


def _page_from_bytes(
    data: bytes, origin: str, *, default_id: str, meta: dict[str, Any] | None = None
) -> Iterator[Item]:
    try:
        text, encoding = decode_bytes(data)
    except DecodeError as exc:
        yield InputProblem(origin, str(exc))
        return
    yield _page_from_text(text, origin, default_id=default_id, meta=meta, encoding=encoding)


def _page_from_text(
    text: str,
    origin: str,
    *,
    default_id: str,
    meta: dict[str, Any] | None = None,
    encoding: str | None = None,
    kind: str | None = None,
) -> Page | InputProblem:
    if not text.strip():
        return InputProblem(origin, "no text in input (empty or whitespace only)")
    meta = meta or {}
    detected = detect_format(text[:HEAD_BYTES], origin)
    page_kind = kind or ("html" if detected == "html" else "text")
    url = _str_or_none(meta.get("url"))
    site = _str_or_none(meta.get("site") or meta.get("source")) or _host(url)
    return Page(
        id=str(meta.get("id") or default_id),
        origin=origin,
        kind=page_kind,  # type: ignore[arg-type]
        content=text,
        url=url,
        site=site,
        title=_str_or_none(meta.get("title")),
        published=_str_or_none(meta.get("published")),
        encoding=encoding,
    )


def read_jsonl_bytes(data: bytes, origin: str, *, limit: int) -> Iterator[Item]:
    """JSONL pages: one object per line with ``id`` and ``text`` or ``html``."""
    try:
        text, _ = decode_bytes(data)
    except DecodeError as exc:
        yield InputProblem(origin, str(exc))
        return
    yield from read_jsonl_lines(io.StringIO(text), origin, limit=limit)


def read_jsonl_lines(
    lines: Iterable[str], origin: str, *, limit: int, first_line: int = 1
) -> Iterator[Item]:
    """JSONL records; ``first_line`` numbers the first line (a part of a file read on its own)."""
    for lineno, line in enumerate(lines, start=first_line):
        if not line.strip():
            continue
        where = f"{origin}:{lineno}"
        try:
            record = json.loads(line)
        except ValueError as exc:
            yield InputProblem(where, f"line is not valid JSON ({exc.msg} at column {exc.colno})")
            continue
        yield _page_from_record(record, where, limit=limit)


def _page_from_record(record: Any, where: str, *, limit: int) -> Item:
    if not isinstance(record, dict):
        return InputProblem(where, f"expected a JSON object, got {type(record).__name__}")
    content, kind = _record_content(record)
    if content is None:
        return InputProblem(where, "object has neither a 'text' nor an 'html' string")
    if len(content) > limit:
        return InputProblem(where, _too_large(len(content), limit))
    record_id = record.get("id")
    if record_id is None:
        record_id = where.rsplit("/", 1)[-1]
    return _page_from_text(content, where, default_id=str(record_id), meta=record, kind=kind)


def _record_content(record: dict[str, Any]) -> tuple[str | None, str | None]:
    html, text = record.get("html"), record.get("text")
    if isinstance(html, str) and html.strip():
        return html, "html"
    if isinstance(text, str):
        return text, None
    return None, None


def read_warc(handle: IO[bytes], origin: str, *, limit: int) -> Iterator[Item]:
    """HTML and text responses from a WARC file; a truncated archive keeps what was read."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    count = 0
    try:
        for record in ArchiveIterator(handle):
            page = _page_from_warc_record(record, origin, count, limit=limit)
            if page is not None:
                count += 1
                yield page
    except (ArchiveLoadFailed, OSError, EOFError, ValueError, zlib.error) as exc:
        yield InputProblem(origin, f"truncated or corrupt WARC after {count} pages ({exc})")
        return
    if count == 0:
        yield InputProblem(origin, "WARC file holds no HTML or text responses")


def read_warc_range(
    handle: IO[bytes], origin: str, *, start: int, end: int, limit: int
) -> Iterator[Item]:
    """The pages of the WARC records that *start* in the byte range ``[start, end)`` of a file, so
    that a big WARC can be read in parts by different workers. ``handle`` is positioned at the
    first record at or after ``start`` (see :func:`next_warc_record`); pages are named by their
    record's byte offset (``path@b<offset>``), which every part knows without reading the others."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    records = ArchiveIterator(handle)
    try:
        for record in records:
            offset = records.offset  # where this record starts in the file (seekable handle)
            if offset >= end:
                return
            page = _page_from_warc_record(record, origin, f"b{offset}", limit=limit)
            if page is not None:
                yield page
    except (ArchiveLoadFailed, OSError, EOFError, ValueError, zlib.error) as exc:
        yield InputProblem(f"{origin}@b{start}", f"truncated or corrupt WARC part ({exc})")


def next_warc_record(handle: IO[bytes], start: int, end: int) -> int | None:
    """The offset of the first WARC record that starts in ``[start, end)``, None if none does.

    A record starts with ``WARC/1.x`` at a line start, or (gzipped WARC, one gzip member per
    record) with a gzip header whose content begins with ``WARC/``; candidates are checked, so a
    byte pattern inside a payload is not taken for a record."""
    if start == 0:
        return 0
    position = start
    while position < end:
        handle.seek(position)
        block = handle.read(WARC_SCAN_BLOCK + 16)
        if not block:
            return None
        for candidate in _warc_candidates(block):
            if position + candidate >= end:
                return None
            if _looks_like_record(handle, position + candidate):
                return position + candidate
        position += WARC_SCAN_BLOCK
    return None


WARC_SCAN_BLOCK = 1 << 20
_WARC_HEADER = re.compile(rb"WARC/1\.[01]\r\n(?:[A-Za-z-]+: [^\r\n]*\r\n)*?WARC-Type: ")


def _warc_candidates(block: bytes) -> list[int]:
    found = list(_find_all(block, b"\x1f\x8b\x08"))
    found += [i + 1 for i in _find_all(block, b"\nWARC/1.")]
    if block.startswith(b"WARC/1."):
        found.append(0)
    return sorted(found)


def _find_all(data: bytes, needle: bytes) -> Iterator[int]:
    index = data.find(needle)
    while index >= 0:
        yield index
        index = data.find(needle, index + 1)


def _looks_like_record(handle: IO[bytes], offset: int) -> bool:
    handle.seek(offset)
    sample = handle.read(8192)
    if sample.startswith(b"WARC/1."):
        return _WARC_HEADER.match(sample) is not None
    try:
        return zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(sample).startswith(b"WARC/")
    except zlib.error:
        return False


def _page_from_warc_record(
    record: Any, origin: str, index: int | str, *, limit: int
) -> Item | None:
    if record.rec_type not in ("response", "resource"):
        return None
    content_type = _warc_content_type(record)
    if content_type and not content_type.startswith(PAGE_CONTENT_TYPES):
        return None
    uri = record.rec_headers.get_header("WARC-Target-URI")
    where = f"{origin}@{index}"
    payload = record.content_stream().read(limit + 1)
    if len(payload) > limit:
        return InputProblem(where, _too_large(len(payload), limit))
    if getattr(record.raw_stream, "limit", 0) > 0:
        raise EOFError(f"record {index} is cut short")
    if not payload.strip():
        return None
    meta = {"url": uri, "id": f"{_id_from_origin(origin)}-{index}"}
    pages = list(_page_from_bytes(payload, where, default_id=meta["id"], meta=meta))
    return pages[0] if pages else None


def _warc_content_type(record: Any) -> str:
    if record.http_headers is not None:
        return (record.http_headers.get_header("Content-Type") or "").lower()
    return (record.rec_headers.get_header("Content-Type") or "").lower()


class _Rejoined(io.RawIOBase):
    """A stream that replays the sniffed head before the rest of the handle."""

    def __init__(self, head: bytes, rest: IO[bytes]) -> None:
        self._head = io.BytesIO(head)
        self._rest = rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        data = self._head.read(len(buffer)) or self._rest.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)

    def read(self, size: int = -1) -> bytes:
        head = self._head.read(size if size >= 0 else -1)
        if size >= 0 and len(head) >= size:
            return head
        remaining = -1 if size < 0 else size - len(head)
        return head + (self._rest.read(remaining) or b"")


def _id_from_origin(origin: str) -> str:
    name = os.path.basename(origin) or "stdin"
    for suffix in (".gz", ".html", ".htm", ".txt", ".warc", ".jsonl", ".json"):
        if name.lower().endswith(suffix):
            name = name[: -len(suffix)]
    return name.strip("<>") or "page"


def _host(url: str | None) -> str | None:
    if not url:
        return None
    host = urlparse(url).hostname or ""
    return host.removeprefix("www.") or None


def _str_or_none(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None
