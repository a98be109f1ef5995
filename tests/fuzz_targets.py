"""Fuzz targets over the readers and extractors (issue 12), shared by the brief run in the tests
(``tests/test_fuzz.py``) and the long run of ``scripts/fuzz.py``.

Each target takes raw bytes, as an attacker or a broken crawler would supply them, and checks
what must hold for any input: no exception escapes, every item is a page or a named problem,
and extraction of any page read gives an article (or a reported problem), never a crash.
"""

from __future__ import annotations

import gzip
import io
from typing import Any

from storylens.extract import extract_page, extract_pages
from storylens.ingest.decode import DecodeError, decode_page
from storylens.ingest.formats import detect_format
from storylens.ingest.readers import read_stream
from storylens.models import Article, InputProblem, Page

LIMIT = 64 * 1024
PREFIXES = (
    b"",
    b"<html><head><title>T</title></head><body><p>",
    b'{"id": "x", "text": "',
    b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 40\r\n\r\n",
    b"\xef\xbb\xbf",
    b"%PDF-1.4\n",
)
MARKUP = "<>/p \n\"{}:ab\\é"
"""Characters that make up markup and JSON, so generated pages look like pages more often."""


def page_bytes(max_size: int, markup: str = MARKUP) -> Any:
    """A hypothesis strategy of input files: a known format's opening, then raw bytes, any
    text, or markup-like text (up to half of ``max_size``)."""
    from hypothesis import strategies as st

    return st.builds(
        lambda prefix, body: prefix + body,
        st.sampled_from(PREFIXES),
        st.one_of(
            st.binary(max_size=max_size),
            st.text(max_size=max_size).map(lambda t: t.encode("utf-8", "surrogatepass")),
            st.text(alphabet=markup, max_size=max_size // 2).map(str.encode),
        ),
    )


def read_all(data: bytes, name: str = "fuzz.txt") -> list[Page | InputProblem]:
    """Target 1: the readers on any bytes (plain and gzipped)."""
    items = list(read_stream(io.BytesIO(data), name, limit=LIMIT))
    items += list(read_stream(io.BytesIO(gzip.compress(data)), name + ".gz", limit=LIMIT))
    for item in items:
        assert isinstance(item, Page | InputProblem), item
        if isinstance(item, Page):
            assert item.content.strip() and len(item.content) <= LIMIT * 4
        else:
            assert item.origin.startswith(name) and item.message
    return items


def decode_any(data: bytes) -> None:
    """Target 2: decoding either gives text (and says what it replaced) or a DecodeError."""
    try:
        decoded = decode_page(data)
    except DecodeError:
        return
    assert isinstance(decoded.text, str)
    if "\ufffd" in decoded.text and "\ufffd".encode() not in data:
        assert decoded.problem, "a replacement character appeared without a reported problem"
    detect_format(data[:4096], "x")


def extract_any(data: bytes) -> None:
    """Target 3: every page the readers produce can be extracted without an exception."""
    for item in read_stream(io.BytesIO(data), "fuzz.html", limit=LIMIT):
        if isinstance(item, Page):
            article = extract_page(item)
            assert isinstance(article, Article) and isinstance(article.body, str)
    results = list(extract_pages(read_stream(io.BytesIO(data), "fuzz.txt", limit=LIMIT)))
    assert all(isinstance(r, Article | InputProblem) for r in results)


TARGETS = {"read": read_all, "decode": decode_any, "extract": extract_any}
