"""Bytes to text: detect the encoding, refuse binary junk with a reason."""

from __future__ import annotations

import codecs
import zlib

from charset_normalizer import from_bytes

BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
GZIP_MAGIC = b"\x1f\x8b"


class DecodeError(ValueError):
    """The bytes are not text we can read (binary, or no encoding fits)."""


def maybe_gunzip(data: bytes, *, limit: int) -> bytes:
    """Transparently decompress gzip input (``.html.gz``, ``.warc.gz`` are common in crawls).

    Truncated archives keep what could be read; more than ``limit`` bytes is an error so a
    small bomb cannot exhaust memory.
    """
    if not data.startswith(GZIP_MAGIC):
        return data
    decompressor = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        out = decompressor.decompress(data, limit + 1)
    except zlib.error as exc:
        raise DecodeError(f"corrupt gzip data ({exc})") from exc
    if len(out) > limit:
        raise DecodeError(f"gzip content is over the {limit // (1024 * 1024)} MB page limit")
    return out


def is_gzip(data: bytes) -> bool:
    return data.startswith(GZIP_MAGIC)


def _looks_binary(text: str) -> bool:
    """Text with many control characters is binary that merely decoded."""
    sample = text[:8192]
    if not sample:
        return False
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\n\r\f\v")
    return controls / len(sample) > 0.02


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode page bytes, returning ``(text, encoding)``.

    Order: a byte-order mark, then strict UTF-8 (most of the web), then charset-normalizer's
    statistical guess. NUL bytes without a UTF-16/32 BOM mean binary.
    """
    for bom, name in BOMS:
        if data.startswith(bom):
            return data.decode(name, errors="replace"), name
    if b"\x00" in data[:8192]:
        raise DecodeError("binary content (NUL bytes), not a text, HTML, WARC or JSONL page")
    try:
        text, encoding = data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        best = from_bytes(data[:1_000_000]).best()
        if best is None or best.encoding is None:
            raise DecodeError("binary content or unknown text encoding") from None
        encoding = best.encoding
        text = data.decode(encoding, errors="replace")
    if _looks_binary(text):
        raise DecodeError("binary content (control characters), not a text page")
    return text, encoding
