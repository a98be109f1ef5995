"""Tell the input format from content, not only from the file name."""

from __future__ import annotations

import json
import re
from typing import Any, Literal

Format = Literal["warc", "jsonl", "html", "text"]

_HTML_START = re.compile(
    r"^\s*(<\?xml[^>]*>\s*)?(<!--.*?-->\s*)*<(!doctype\s+html|html|head|body)\b", re.I | re.S
)
_HTML_TAG = re.compile(
    r"</?(p|div|span|a|br|li|ul|table|td|h[1-6]|article|section|meta|title|script)\b[^>]*>", re.I
)


def detect_format(head: bytes | str, name: str = "") -> Format:
    """Guess the format of an input from its first bytes, using the name only to break ties."""
    text = head.decode("utf-8", errors="replace") if isinstance(head, bytes) else head
    stripped = text.lstrip("\ufeff \t\r\n")
    if stripped.startswith("WARC/"):
        return "warc"
    if stripped.startswith("{") and _first_line_is_json(stripped):
        return "jsonl"
    if _HTML_START.match(stripped):
        return "html"
    tags = len(_HTML_TAG.findall(stripped[:20000]))
    if tags >= 5 or (tags and name.lower().endswith((".html", ".htm", ".xhtml"))):
        return "html"
    if name.lower().endswith((".jsonl", ".ndjson")) and stripped.startswith("{"):
        return "jsonl"
    return "text"


def load_json(text: str | bytes) -> Any:
    """``json.loads``, with JSON nested too deeply for Python's parser (``[[[[...``, a few
    thousand levels) reported as invalid JSON like any other, not a crash of the batch."""
    try:
        return json.loads(text)
    except RecursionError:
        doc = text if isinstance(text, str) else text[:100].decode("utf-8", "replace")
        raise json.JSONDecodeError("nested too deeply", doc, 0) from None


def _first_line_is_json(text: str) -> bool:
    first = text.split("\n", 1)[0].strip()
    try:
        return isinstance(load_json(first), dict)
    except ValueError:
        # A first record spread over several lines is not JSONL; a very long, cut sample is.
        return len(first) >= 8000
