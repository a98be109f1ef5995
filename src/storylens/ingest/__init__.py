"""Ingest stage: read files, directories, globs and stdin into :class:`~storylens.models.Page`.

Formats (plain text, HTML, WARC, JSONL, any of them gzipped) and encodings are detected from
content. Problems come back as :class:`~storylens.models.InputProblem` items, never exceptions,
so one bad input does not stop a batch.
"""

from storylens.ingest.decode import DecodeError, decode_bytes, decode_page
from storylens.ingest.formats import detect_format, load_json
from storylens.ingest.readers import (
    expand_inputs,
    read_jsonl_input,
    read_jsonl_lines,
    read_jsonl_stream,
    read_pages,
)

__all__ = [
    "DecodeError",
    "decode_bytes",
    "decode_page",
    "detect_format",
    "expand_inputs",
    "load_json",
    "read_jsonl_input",
    "read_jsonl_lines",
    "read_jsonl_stream",
    "read_pages",
]
