"""Refuse inputs that are not pages (PDFs, images, archives, office files, media) by content.

The file name is not trusted: a PNG called ``story.html`` is still a PNG. Detection uses the
``filetype`` library's magic-number matchers on the first bytes.
"""

from __future__ import annotations

import filetype

_KIND_NAMES = {
    "application/pdf": "a PDF document",
    "application/zip": "a ZIP archive",
    "application/epub+zip": "an EPUB book",
    "application/x-tar": "a TAR archive",
    "application/x-rar-compressed": "a RAR archive",
    "application/x-7z-compressed": "a 7-Zip archive",
    "application/x-bzip2": "a bzip2 archive",
    "application/x-xz": "an xz archive",
    "application/x-lzip": "an lzip archive",
    "application/zstd": "a zstd archive",
    "application/msword": "a Word document",
    "application/vnd.ms-excel": "an Excel spreadsheet",
    "application/vnd.ms-powerpoint": "a PowerPoint file",
    "application/rtf": "an RTF document",
    "application/x-sqlite3": "an SQLite database",
    "application/x-executable": "a program (ELF executable)",
    "application/wasm": "a WebAssembly module",
}
_CATEGORY_NAMES = (
    (filetype.is_image, "an image"),
    (filetype.is_video, "a video"),
    (filetype.is_audio, "an audio file"),
    (filetype.is_font, "a font"),
    (filetype.is_archive, "an archive"),
    (filetype.is_document, "an office document"),
)
_OFFICE_PREFIXES = ("application/vnd.openxmlformats", "application/vnd.oasis.opendocument")
NOT_A_PAGE = "not a text, HTML, WARC or JSONL page"
GZIP_MIME = "application/gzip"


def not_a_page_reason(head: bytes) -> str | None:
    """Why these first bytes cannot be a page (``None`` when they may be one).

    Gzip is not refused here: the readers decompress it and sniff what is inside.
    """
    if not head:
        return None
    kind = filetype.guess(head)
    if kind is None or kind.mime == GZIP_MIME:
        return None
    return f"{_describe(kind.mime, head)} ({kind.mime}), {NOT_A_PAGE}"


def _describe(mime: str, head: bytes) -> str:
    if mime in _KIND_NAMES:
        return _KIND_NAMES[mime]
    if mime.startswith(_OFFICE_PREFIXES):
        return "an office document"
    for test, name in _CATEGORY_NAMES:
        if test(head):
            return name
    return "a binary file"
