"""Read inputs (files, directories, globs, stdin) into :class:`Page` objects.

Every reader yields :class:`Page` or :class:`InputProblem`; a bad input never stops the batch.
"""

from __future__ import annotations

import codecs
import glob
import io
import os
import re
import sys
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import IO, Any
from urllib.parse import urlparse

from storylens.config import SETTINGS
from storylens.ingest.dates import json_type, published_iso
from storylens.ingest.decode import DecodeError, decode_page, is_gzip, too_many_nuls
from storylens.ingest.formats import detect_format, load_json
from storylens.ingest.sniff import NOT_A_PAGE, not_a_page_reason
from storylens.models import InputProblem, Page

STDIN = "-"
Item = Page | InputProblem
HEAD_BYTES = 65536
PAGE_CONTENT_TYPES = ("text/html", "application/xhtml", "text/plain")
_CHARSET = re.compile(r"charset\s*=\s*[\"']?([\w.:-]+)", re.I)


def expand_inputs(specs: Iterable[str]) -> Iterator[Path | str | InputProblem]:
    """Turn command-line specs into files: directories are walked, globs expanded, ``-`` kept."""
    for spec in specs:
        if spec == STDIN:
            yield STDIN
            continue
        path = Path(spec)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if _walked(p))
            if not found:
                yield InputProblem(display_path(spec), "directory holds no files")
            for file in found:
                yield file if file.exists() else _broken_link(file)
        elif path.is_file():
            yield path
        elif glob.has_magic(spec):
            matches = sorted(Path(p) for p in glob.glob(spec, recursive=True) if Path(p).is_file())
            if not matches:
                yield InputProblem(display_path(spec), "no file matches this pattern")
            yield from matches
        else:
            yield InputProblem(display_path(spec), "no such file or directory")


def _walked(path: Path) -> bool:
    """A file a folder walk reads: not hidden; a link that leads nowhere too (to be named)."""
    if path.name.startswith("."):
        return False
    return path.is_file() or (path.is_symlink() and not path.exists())


def _broken_link(path: Path) -> InputProblem:
    try:
        target = f" (it points to {display_path(os.readlink(path))}, which does not exist)"
    except OSError:
        target = ""
    return InputProblem(display_path(path), f"broken link{target}")


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
    origin = display_path(path)
    try:
        with path.open("rb") as handle:
            yield from read_stream(handle, origin, limit=limit, size=path.stat().st_size)
    except OSError as exc:
        yield InputProblem(origin, f"cannot read file ({exc.strerror or exc})")


def display_path(path: Path | str) -> str:
    """A path as text even when its name is not valid UTF-8 (such bytes show as ``\\xNN``)."""
    raw = os.fsencode(path)
    return raw.decode("utf-8", errors="backslashreplace")


def read_stream(
    handle: IO[bytes], origin: str, *, limit: int, size: int | None = None
) -> Iterator[Item]:
    """Dispatch on the detected format; containers (WARC, JSONL) stream record by record.

    Gzip is decompressed as a stream, so the page limit applies to each record, not the file;
    a cut archive is reported, never stored as a silent fragment.
    """
    head = handle.read(HEAD_BYTES)
    if not head:
        yield InputProblem(origin, "empty input")
        return
    stream: io.BufferedReader = io.BufferedReader(_Rejoined(head, handle), HEAD_BYTES)
    compressed = is_gzip(head)
    if compressed:
        stream = io.BufferedReader(_GunzipStream(stream), HEAD_BYTES)
        try:
            head = stream.peek(HEAD_BYTES) or stream.read(1)  # read(1): a cut before any byte
        except TruncatedInput as exc:
            yield InputProblem(origin, str(exc))
            return
        if not head:
            yield InputProblem(origin, "empty input (gzip of nothing)")
            return
    wide = _wide_unicode(head)
    if wide is not None:  # UTF-16/32 with a BOM: re-encode as UTF-8 so records stream as usual
        stream = io.BufferedReader(_Utf8Recoded(stream, wide), HEAD_BYTES)
        head = stream.peek(HEAD_BYTES)
        size = None
    reason = not_a_page_reason(head)
    if reason is not None:
        yield InputProblem(origin, reason)
        return
    fmt = detect_format(head[:HEAD_BYTES], origin)
    if fmt == "warc":
        yield from read_warc(stream, origin, limit=limit)
    elif fmt == "jsonl":
        yield from read_jsonl_stream(stream, origin, limit=limit)
    elif not compressed and size is not None and size > limit:
        yield InputProblem(origin, _too_large(size, limit))
    else:
        yield from _read_single(stream, origin, limit=limit)


def _read_single(stream: IO[bytes], origin: str, *, limit: int) -> Iterator[Item]:
    """One page (or one JSON document of article records) read whole, up to the limit."""
    try:
        data = stream.read(limit + 1)
        if len(data) <= limit:
            stream.read(1)  # at the end: raises if the input was cut, never keep a fragment
    except TruncatedInput as exc:
        yield InputProblem(origin, str(exc))
        return
    if len(data) > limit:
        yield InputProblem(origin, _too_large(len(data), limit))
        return
    if _looks_like_json_document(data, origin):
        yield from _read_json_document(data, origin, limit=limit)
        return
    yield from _page_from_bytes(data, origin, default_id=_id_from_origin(origin))


def _too_large(size: int, limit: int) -> str:
    return (
        f"page is {size / 1_048_576:.1f} MB, over the {limit / 1_048_576:.0f} MB limit "
        "(raise it with --max-page-mb)"
    )


def _page_from_bytes(
    data: bytes,
    origin: str,
    *,
    default_id: str,
    meta: dict[str, Any] | None = None,
    charset: str | None = None,
) -> Iterator[Item]:
    """A page from raw bytes; a decoding note (replaced bytes) follows the page as a warning."""
    try:
        decoded = decode_page(data, charset=charset)
    except DecodeError as exc:
        yield InputProblem(origin, str(exc))
        return
    page = _page_from_text(
        decoded.text, origin, default_id=default_id, meta=meta, encoding=decoded.encoding
    )
    yield page
    if decoded.problem and isinstance(page, Page):
        yield InputProblem(origin, f"stored, but {decoded.problem}", warning=True)


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
    text = text.replace("\x00", "")  # a JSON "\u0000": no page means one; PostgreSQL refuses it
    detected = detect_format(text[:HEAD_BYTES], origin)
    page_kind = kind or ("html" if detected == "html" else "text")
    url = _meta_field(meta, "url")
    site = _meta_field(meta, "site") or _host(url)
    return Page(
        id=str(meta.get("id") or default_id).replace("\x00", "") or default_id,
        origin=origin,
        kind=page_kind,  # type: ignore[arg-type]
        content=text,
        url=url,
        site=site,
        title=_meta_field(meta, "title"),
        published=_meta_field(meta, "published"),
        language=_language_code(_meta_field(meta, "language")),
        encoding=encoding,
    )


def _looks_like_json_document(data: bytes, origin: str) -> bool:
    start = data[:64].lstrip(b"\xef\xbb\xbf \t\r\n")
    return start[:1] in (b"{", b"[") or origin.lower().endswith(".json")


def _read_json_document(data: bytes, origin: str, *, limit: int) -> Iterator[Item]:
    """A JSON file: an article object or a list of them; JSON of anything else is refused.

    Text that merely starts with a bracket and is not JSON is read as a text page.
    """
    try:
        document = load_json(data)
    except (ValueError, UnicodeDecodeError) as exc:
        if origin.lower().endswith(".json"):
            yield InputProblem(origin, f"not valid JSON ({exc})")
        else:
            yield from _page_from_bytes(data, origin, default_id=_id_from_origin(origin))
        return
    records = document if isinstance(document, list) else [document]
    if not any(isinstance(r, dict) and _record_content(r)[0] is not None for r in records):
        yield InputProblem(
            origin,
            f"JSON {type(document).__name__} holds no article records "
            "(objects with a 'text' or 'html' string), not a page",
        )
        return
    for index, record in enumerate(records):
        where = origin if len(records) == 1 else f"{origin}#{index}"
        yield from _record_items(record, where, limit=limit)


def read_jsonl_input(
    handle: IO[bytes], origin: str, *, limit: int, max_lines: int | None = None
) -> Iterator[Item]:
    """A JSONL batch named as such (``extract --jsonl``, ``cluster``): gzipped or not, UTF-8 or
    UTF-16/32 with a byte-order mark, like any other input; a binary file is one problem, not
    one "not valid JSON" per line."""
    head = handle.read(HEAD_BYTES)
    if not head:
        yield InputProblem(origin, "empty input")
        return
    stream: io.BufferedReader = io.BufferedReader(_Rejoined(head, handle), HEAD_BYTES)
    if is_gzip(head):
        stream = io.BufferedReader(_GunzipStream(stream), HEAD_BYTES)
        try:
            head = stream.peek(HEAD_BYTES) or stream.read(1)
        except TruncatedInput as exc:
            yield InputProblem(origin, str(exc))
            return
    wide = _wide_unicode(head)
    if wide is not None:
        stream = io.BufferedReader(_Utf8Recoded(stream, wide), HEAD_BYTES)
        head = stream.peek(HEAD_BYTES)
    reason = not_a_page_reason(head)
    if reason is None and too_many_nuls(head):  # UTF-16/32 was recoded; a stray NUL is not binary
        reason = f"binary content (NUL bytes), {NOT_A_PAGE}"
    if reason is not None:
        yield InputProblem(origin, reason.replace(NOT_A_PAGE, "not JSONL"))
        return
    yield from read_jsonl_stream(stream, origin, limit=limit, max_lines=max_lines)


def read_jsonl_bytes(data: bytes, origin: str, *, limit: int) -> Iterator[Item]:
    """JSONL pages held in memory (see :func:`read_jsonl_stream`)."""
    yield from read_jsonl_stream(io.BytesIO(data), origin, limit=limit)


def read_jsonl_stream(
    stream: IO[bytes],
    origin: str,
    *,
    limit: int,
    first_line: int = 1,
    max_lines: int | None = None,
) -> Iterator[Item]:
    """JSONL pages streamed line by line: the limit holds per record, never for the file.

    A line over the limit is skipped without being held in memory and reported; a line with
    invalid UTF-8 is stored with the bad bytes replaced, and reported. ``first_line`` numbers the
    first line (a part of a file read on its own, e.g. by a Dask worker).
    """
    lineno = 0
    opening: list[InputProblem] | None = [] if first_line == 1 else None
    try:
        for lineno, line, too_long in _bounded_lines(stream, limit, first_line):
            if max_lines is not None and lineno >= first_line + max_lines:
                return
            where = f"{origin}:{lineno}"
            if too_long:
                yield InputProblem(where, f"record is over the {limit / 1_048_576:.0f} MB limit")
                continue
            if lineno == 1:
                line = line.removeprefix(codecs.BOM_UTF8)
            items = list(_jsonl_record(line, where, limit=limit))
            if not items:  # a blank line
                continue
            if opening is not None and _not_json(items[0]):
                opening.append(items[0])  # the file may not be JSONL at all: wait and see
                if len(opening) == NOT_JSONL_LINES:
                    yield _not_jsonl(origin, opening[0])
                    return
                continue
            if opening:
                yield from opening
            opening = None
            yield from items
        yield from opening or ()
    except TruncatedInput as exc:
        yield from opening or ()
        yield InputProblem(origin, f"{exc}; records after line {lineno} are missing")


NOT_JSONL_LINES = 5
"""A file given as JSONL whose first this many lines are not JSON is not JSONL: one problem
for the file, not one per line of a page."""


def _not_json(item: Item) -> bool:
    return isinstance(item, InputProblem) and item.message.startswith("line is not valid JSON")


def _not_jsonl(origin: str, first: InputProblem) -> InputProblem:
    why = first.message.removeprefix("line is not valid JSON ").strip("()")
    line = first.origin.rsplit(":", 1)[-1]
    return InputProblem(
        origin, f"not JSONL: none of its first {NOT_JSONL_LINES} lines is JSON (line {line}: {why})"
    )


def _bounded_lines(
    stream: IO[bytes], limit: int, first_line: int = 1
) -> Iterator[tuple[int, bytes, bool]]:
    """``(line number, line, too long)``; a too-long line is drained, not kept."""
    lineno = first_line - 1
    while True:
        line = stream.readline(limit + 1)
        if not line:
            return
        lineno += 1
        if not line.endswith(b"\n") and len(line) <= limit and hasattr(stream, "peek"):
            stream.peek(1)  # a last line without newline: raises here if the input was cut
        if len(line) > limit and not line.endswith(b"\n"):
            while line and not line.endswith(b"\n"):
                line = stream.readline(1_048_576)
            yield lineno, b"", True
            continue
        yield lineno, line, False


def _jsonl_record(line: bytes, where: str, *, limit: int) -> Iterator[Item]:
    if not line.strip():
        return
    nuls = line.count(b"\x00")  # a raw NUL is invalid JSON: a stray one would cost the record
    line = line.replace(b"\x00", b"") if nuls else line
    try:
        text, note = line.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        text = line.decode("utf-8", errors="replace")
        note = f"invalid UTF-8 byte at column {exc.start + 1} replaced with U+FFFD"
    if nuls:
        removed = f"{nuls} NUL byte{'s' if nuls != 1 else ''} removed"
        note = f"{note}; {removed}" if note else removed
    try:
        record = load_json(text)
    except ValueError as exc:
        yield InputProblem(where, f"line is not valid JSON ({exc.msg} at column {exc.colno})")
        return
    items = list(_record_items(record, where, limit=limit))
    yield from items
    if note and isinstance(items[0], Page):
        yield InputProblem(where, f"stored, but {note}", warning=True)


def read_jsonl_lines(lines: Iterable[str], origin: str, *, limit: int) -> Iterator[Item]:
    """JSONL pages from lines already decoded (one object per line with ``text`` or ``html``)."""
    for lineno, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        where = f"{origin}:{lineno}"
        try:
            record = load_json(line)
        except ValueError as exc:
            yield InputProblem(where, f"line is not valid JSON ({exc.msg} at column {exc.colno})")
            continue
        yield from _record_items(record, where, limit=limit)


def _record_items(record: Any, where: str, *, limit: int) -> Iterator[Item]:
    """The page of one input record, then a warning for each of its fields that was not used."""
    if not isinstance(record, dict):
        yield InputProblem(where, f"expected a JSON object, got {json_type(record)}")
        return
    content, kind = _record_content(record)
    meta, notes = _usable_fields(record)
    given_id = meta.get("id")
    if content is None:
        message = "object has no article string ('text', 'html', 'body', 'maintext', 'content')"
        yield InputProblem(where, message, record_id=given_id)
        return
    if len(content) > limit:
        yield InputProblem(where, _too_large(len(content), limit), record_id=given_id)
        return
    page = _page_from_text(
        content, where, default_id=given_id or where.rsplit("/", 1)[-1], meta=meta, kind=kind
    )
    if isinstance(page, InputProblem):
        page = replace(page, record_id=given_id)
    yield page
    if isinstance(page, Page):
        for note in notes:
            yield InputProblem(where, f"stored, but {note}", warning=True)


def _usable_fields(record: dict[str, Any]) -> tuple[dict[str, str], list[str]]:
    """A record's metadata as text under storylens' own names (the first of each field's
    :data:`META_FIELDS` names that the record gives), ``published`` as ISO 8601; notes name
    what was dropped.

    An object or array where text belongs (``"site": {...}``) would otherwise be shown as
    Python's repr, as an outlet name or a headline.
    """
    meta: dict[str, str] = {}
    notes: list[str] = []
    for field, names in META_FIELDS.items():
        if field in ("text", "published"):
            continue
        for name in names:
            value = record.get(name)
            if value is None:
                continue
            if isinstance(value, str) or (
                isinstance(value, (int, float)) and not isinstance(value, bool)
            ):
                meta[field] = str(value)
                break
            notes.append(f"{name!r} is {json_type(value)}, not text: ignored")
    given = next((record[n] for n in META_FIELDS["published"] if record.get(n) is not None), None)
    published, note = published_iso(given)
    if published:
        meta["published"] = published
    if note:
        notes.append(note)
    return meta, notes


META_FIELDS: dict[str, tuple[str, ...]] = {
    "id": ("id",),
    "text": ("text", "body", "maintext", "content"),
    "url": ("url", "link"),
    "site": ("site", "source", "source_domain", "outlet", "domain"),
    "title": ("title", "headline"),
    "published": (
        "published", "published_at", "date_publish", "datePublished", "publish_date", "pubDate",
        "date",
    ),
    "language": ("language", "lang", "inLanguage"),
}  # fmt: skip
"""Names JSON records give each field, first found wins: storylens' own, then those of common
crawlers' output (news-please: ``maintext``, ``date_publish``, ``source_domain``; schema.org:
``datePublished``, ``inLanguage``)."""


def _meta_field(meta: dict[str, Any], field: str) -> str | None:
    for key in META_FIELDS[field]:
        value = _str_or_none(meta.get(key))
        if value and (value := value.replace("\x00", "")):
            return value
    return None


def _language_code(value: str | None) -> str | None:
    """``en-US``, ``EN``, ``pt_BR`` -> ``en``, ``pt``; anything that is not a language tag ->
    None (extraction then identifies the language)."""
    if not value:
        return None
    primary = re.split(r"[-_]", value.strip())[0].lower()
    return primary if re.fullmatch(r"[a-z]{2,3}", primary) else None


def _record_content(record: dict[str, Any]) -> tuple[str | None, str | None]:
    html = record.get("html")
    if isinstance(html, str) and html.strip():
        return html, "html"
    text = next((record[k] for k in META_FIELDS["text"] if isinstance(record.get(k), str)), None)
    return (text, None) if text is not None else (None, None)


def read_warc(handle: IO[bytes], origin: str, *, limit: int) -> Iterator[Item]:
    """HTML and text responses from a WARC file; a truncated archive keeps what was read."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    count = 0
    records = ArchiveIterator(handle)
    last = None
    try:
        for last in records:
            items = _items_from_warc_record(last, origin, count, limit=limit)
            if items:
                count += 1
                yield from items
        if _last_record_cut(records, last):
            raise EOFError("its last record is cut short")
    except (ArchiveLoadFailed, OSError, EOFError, ValueError, zlib.error) as exc:
        yield InputProblem(origin, f"truncated or corrupt WARC after {_count_pages(count)} ({exc})")
        return
    except Exception as exc:  # warcio fails in many ways on a malformed header (found by fuzzing)
        yield InputProblem(
            origin,
            f"corrupt WARC after {_count_pages(count)}: a record header could not be parsed "
            f"({type(exc).__name__}: {exc})",
        )
        return
    try:
        handle.read(1)  # warcio stops quietly at a record cut in its header
    except TruncatedInput as exc:
        yield InputProblem(origin, f"truncated or corrupt WARC after {_count_pages(count)} ({exc})")
        return
    if count == 0:
        yield InputProblem(origin, "WARC file holds no HTML or text responses")


def _last_record_cut(records: Any, last: Any) -> bool:
    """warcio ends quietly at a record cut in its header (it yields a record without the
    Content-Length every WARC record has, or has read only its first line) or in a record we
    skip (an image, a request): its unread length is left over."""
    if records.next_line:
        return True
    if last is None:
        return False
    return getattr(last, "length", 0) is None or getattr(last.raw_stream, "limit", 0) > 0


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
            yield from _items_from_warc_record(record, origin, f"b{offset}", limit=limit)
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


def _items_from_warc_record(
    record: Any, origin: str, index: int | str, *, limit: int
) -> list[Item]:
    if record.rec_type not in ("response", "resource") or not _http_success(record):
        return []
    content_type = _warc_content_type(record)
    if content_type and not content_type.startswith(PAGE_CONTENT_TYPES):
        return []
    uri = record.rec_headers.get_header("WARC-Target-URI")
    where = f"{origin}@{index}"
    payload = record.content_stream().read(limit + 1)
    if len(payload) > limit:
        return [InputProblem(where, _too_large(len(payload), limit))]
    if getattr(record.raw_stream, "limit", 0) > 0:
        raise EOFError(f"record {index} is cut short")
    if not payload.strip():
        return []
    meta = {"url": uri, "id": f"{_id_from_origin(origin)}-{index}"}
    declared = _CHARSET.search(content_type)
    charset = declared.group(1) if declared else None
    items = _page_from_bytes(payload, where, default_id=meta["id"], meta=meta, charset=charset)
    return list(items)


def _http_success(record: Any) -> bool:
    """A 2xx response (or no HTTP status at all): a 404 page, a redirect or a server error
    page a crawler saved is not an article."""
    if record.http_headers is None:
        return True
    status = (record.http_headers.get_statuscode() or "").strip()
    return not status.isdigit() or status.startswith("2")


def _warc_content_type(record: Any) -> str:
    if record.http_headers is not None:
        return (record.http_headers.get_header("Content-Type") or "").lower()
    return (record.rec_headers.get_header("Content-Type") or "").lower()


class TruncatedInput(EOFError):
    """A compressed input that ends early or is corrupt part-way."""


class _GunzipStream(io.RawIOBase):
    """Gzip decompressed as a stream (concatenated members too).

    Everything that can be decompressed is delivered first; only then does a cut archive raise
    :class:`TruncatedInput`, so the records before the cut are kept and the cut is reported.
    """

    def __init__(self, raw: IO[bytes]) -> None:
        self._raw = raw
        self._decompressor = zlib.decompressobj(16 + zlib.MAX_WBITS)
        self._pending = b""
        self._carry = b""
        self._finished = False
        self._between_members = False
        self.problem: TruncatedInput | None = None
        """The cut or corruption met, raised once everything before it was read."""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        """Decompressed bytes; at a cut, first an end of stream, then the error on the next read.

        ``BufferedReader.read(n)`` calls this several times and drops what it gathered when one
        call raises, so raising at once would lose every record before the cut.
        """
        if self.problem is not None and not self._pending:
            raise self.problem
        size = len(buffer)
        try:
            while not self._pending and not self._finished:
                self._pending = self._inflate(size)
        except TruncatedInput as exc:
            self.problem = exc
        data, self._pending = self._pending[:size], self._pending[size:]
        buffer[: len(data)] = data
        return len(data)

    def _inflate(self, size: int) -> bytes:
        chunk = self._decompressor.unconsumed_tail or self._carry or self._raw.read(HEAD_BYTES)
        self._carry = b""
        if self._between_members:
            chunk = chunk.lstrip(b"\x00")  # zero padding after the last member is allowed
            if not chunk:
                self._finished = not self._raw_has_more()
                return b""
            self._between_members = False
        if not chunk:
            self._finished = True
            raise TruncatedInput("truncated gzip file (it ends before its end marker)")
        try:
            out = self._decompressor.decompress(chunk, size)
        except zlib.error as exc:
            self._finished = True
            raise TruncatedInput(f"corrupt gzip data ({exc})") from None
        if self._decompressor.eof:  # a member ended: another may follow (concatenated gzip)
            self._carry = self._decompressor.unused_data
            self._decompressor = zlib.decompressobj(16 + zlib.MAX_WBITS)
            self._between_members = True
        return out

    def _raw_has_more(self) -> bool:
        self._carry = self._raw.read(HEAD_BYTES)
        return bool(self._carry)


def _wide_unicode(head: bytes) -> str | None:
    """``utf-16`` or ``utf-32`` when the input starts with such a byte-order mark."""
    if head.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return "utf-32"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    return None


class _Utf8Recoded(io.RawIOBase):
    """A UTF-16/32 byte stream read back as UTF-8 (invalid units become U+FFFD)."""

    def __init__(self, raw: IO[bytes], encoding: str) -> None:
        self._text = io.TextIOWrapper(raw, encoding=encoding, errors="replace", newline="")
        self._pending = b""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        if not self._pending:
            self._pending = self._text.read(len(buffer) // 4 or 1).encode("utf-8")
        data, self._pending = self._pending[: len(buffer)], self._pending[len(buffer) :]
        buffer[: len(data)] = data
        return len(data)


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


def _count_pages(count: int) -> str:
    return f"{count} page" if count == 1 else f"{count} pages"
