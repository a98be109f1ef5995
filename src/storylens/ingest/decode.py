"""Bytes to text: detect the encoding exactly, report every byte that had to be replaced.

Nothing is decoded silently wrong: a stray invalid byte in a UTF-8 page is replaced and reported
(the rest stays UTF-8, no mojibake), a page that declares its charset is read with it, and only
then does a statistical guess (charset-normalizer) decide.
"""

from __future__ import annotations

import codecs
import re
import zlib
from dataclasses import dataclass

from charset_normalizer import from_bytes

BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
GZIP_MAGIC = b"\x1f\x8b"
ASCII = bytes(range(128))
REPLACEMENT_UTF8 = "\ufffd".encode()
GUESS_SAMPLE_BYTES = 1_000_000
_DECLARED_CHARSET = re.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{2,40})""", re.I
)


class DecodeError(ValueError):
    """The bytes are not text we can read (binary, or no encoding fits)."""


@dataclass(frozen=True)
class Decoded:
    """Decoded text, the encoding used, and a note when bytes had to be replaced."""

    text: str
    encoding: str
    problem: str | None = None


def maybe_gunzip(data: bytes, *, limit: int) -> bytes:
    """Decompress gzip data held in memory; a cut or corrupt archive is an error, never a fragment.

    More than ``limit`` bytes out is an error too, so a small bomb cannot exhaust memory.
    """
    if not data.startswith(GZIP_MAGIC):
        return data
    decompressor = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        out = decompressor.decompress(data, limit + 1)
    except zlib.error as exc:
        raise DecodeError(f"corrupt gzip data ({exc})") from exc
    if len(out) > limit:
        raise DecodeError(f"gzip content is over the {limit / 1_048_576:.0f} MB page limit")
    if not decompressor.eof:
        raise DecodeError(f"truncated gzip file (cut short after {len(out):,} bytes of content)")
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
    """Decode page bytes, returning ``(text, encoding)`` (see :func:`decode_page`)."""
    decoded = decode_page(data)
    return decoded.text, decoded.encoding


def decode_page(data: bytes, *, charset: str | None = None) -> Decoded:
    """Decode page bytes exactly, or say which bytes were replaced.

    Order: a byte-order mark, then UTF-8 (most of the web; kept when invalid bytes are rare
    among valid multi-byte characters), then the charset the page declares, then
    charset-normalizer's statistical guess. ``charset`` (from an HTTP header, say) comes before
    the page's own declaration. NUL bytes in every other byte are UTF-16 without its BOM; a
    few stray NULs are removed (and reported); more mean binary.
    """
    for bom, name in BOMS:
        if data.startswith(bom):
            return _without_nuls(_decode_with(data, name))
    head = data[:8192]
    if b"\x00" in head:
        wide = bomless_utf16(head)
        if wide is not None and not _looks_binary((decoded := _decode_with(data, wide)).text):
            return _without_nuls(decoded)
        if too_many_nuls(head):
            raise DecodeError("binary content (NUL bytes), not a text, HTML, WARC or JSONL page")
    try:
        decoded = Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError as exc:
        decoded = _decode_non_utf8(data, exc, charset)
    if _looks_binary(decoded.text):
        raise DecodeError("binary content (control characters), not a text page")
    return _without_nuls(decoded)


STRAY_NULS = 8
"""NUL bytes a text page may hold in its first 8 KB (more than this or 0.2% of it: binary).
Scrapers leave the odd NUL in real pages; random bytes hold one in 256."""


def too_many_nuls(head: bytes) -> bool:
    """More NUL bytes than a text page holds by accident (:data:`STRAY_NULS`): binary."""
    return head[:8192].count(b"\x00") > max(STRAY_NULS, len(head[:8192]) // 500)


def bomless_utf16(head: bytes) -> str | None:
    """``utf-16-le``/``utf-16-be`` when the NULs sit in every other byte, as in UTF-16 text of a
    Latin script written without its byte-order mark (a Windows export); else None."""
    pairs = len(head) // 2
    if pairs < 8:
        return None
    odd, even = head[1 : 2 * pairs : 2].count(0), head[0 : 2 * pairs : 2].count(0)
    if odd >= 0.7 * pairs and even <= 0.05 * pairs:
        return "utf-16-le"
    if even >= 0.7 * pairs and odd <= 0.05 * pairs:
        return "utf-16-be"
    return None


def _without_nuls(decoded: Decoded) -> Decoded:
    """The text without NUL characters (no page means one; PostgreSQL refuses them), said."""
    count = decoded.text.count("\x00")
    if not count:
        return decoded
    note = f"{count} NUL byte{'s' if count != 1 else ''} removed"
    problem = f"{decoded.problem}; {note}" if decoded.problem else note
    return Decoded(decoded.text.replace("\x00", ""), decoded.encoding, problem)


def _decode_non_utf8(data: bytes, error: UnicodeDecodeError, charset: str | None) -> Decoded:
    if _mostly_utf8(data):
        return _decode_with(data, "utf-8", first_bad=error.start)
    for declared in (_known_codec(charset), _declared_charset(data)):
        if declared is None:
            continue
        try:
            return Decoded(data.decode(declared), declared)
        except UnicodeDecodeError:
            pass
    guess = _guessed_encoding(data[:GUESS_SAMPLE_BYTES])
    if guess is None:
        raise DecodeError("binary content or unknown text encoding") from None
    return _decode_with(data, guess)


WEB_USAGE_ORDER = (
    "cp1252", "latin_1", "iso8859_15", "cp1251", "shift_jis", "cp932", "euc_kr", "cp949",
    "gb18030", "gbk", "gb2312", "euc_jp", "big5", "iso8859_2", "cp1250", "iso8859_9", "cp1254",
    "cp1256", "cp1253", "iso8859_7", "cp874", "koi8_r", "cp1255", "cp1257", "iso8859_13",
)  # fmt: skip
"""Legacy encodings by how often web pages use them, most used first (the W3Techs order)."""


def _guessed_encoding(sample: bytes) -> str | None:
    """charset-normalizer's best guess; among guesses it scores exactly alike, the most used.

    Short Western text often scores the same in cp1252 and cp1250 (and charset-normalizer then
    keeps the first it tried, cp1250), which turns an English "naïve" into "naďve": a tie is
    settled by which encoding pages actually use.
    """
    results = from_bytes(sample)
    best = results.best()
    if best is None or best.encoding is None:
        return None
    tied = [
        m.encoding
        for m in results
        if m.encoding and m.chaos == best.chaos and m.coherence == best.coherence
    ]
    return min(tied, key=_usage_rank, default=best.encoding)


def _usage_rank(encoding: str) -> int:
    return WEB_USAGE_ORDER.index(encoding) if encoding in WEB_USAGE_ORDER else len(WEB_USAGE_ORDER)


def _decode_with(data: bytes, encoding: str, *, first_bad: int | None = None) -> Decoded:
    """Decode strictly if possible, else replace and count what was replaced."""
    try:
        return Decoded(data.decode(encoding), encoding)
    except UnicodeDecodeError as exc:
        first_bad = exc.start if first_bad is None else first_bad
    text = data.decode(encoding, errors="replace")
    replaced = text.count("\ufffd") - data.count(REPLACEMENT_UTF8)
    count = max(1, replaced)
    problem = (
        f"{count} invalid {encoding} byte sequence{'s' if count != 1 else ''} replaced with "
        f"U+FFFD (first at byte {first_bad:,}); the rest decoded as {encoding}"
    )
    return Decoded(text, encoding, problem)


def _mostly_utf8(data: bytes) -> bool:
    """UTF-8 with a few bad bytes: valid multi-byte characters clearly outnumber invalid bytes."""
    non_ascii = len(data.translate(None, ASCII))
    invalid = data.decode("utf-8", errors="replace").count("\ufffd") - data.count(REPLACEMENT_UTF8)
    valid_non_ascii = non_ascii - invalid
    return valid_non_ascii >= 2 * max(invalid, 1)


def _declared_charset(data: bytes) -> str | None:
    """The charset an HTML page declares in a ``<meta>`` tag, if Python knows it."""
    match = _DECLARED_CHARSET.search(data[:4096])
    if match is None:
        return None
    return _known_codec(match.group(1).decode("ascii", errors="replace"))


def _known_codec(name: str | None) -> str | None:
    if not name:
        return None
    try:
        return codecs.lookup(name.strip().strip("\"'")).name
    except LookupError:
        return None
