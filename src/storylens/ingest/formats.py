"""Tell the input format from content, not only from the file name."""

from __future__ import annotations

import json
import re
from typing import Literal

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


def _first_line_is_json(text: str) -> bool:
    first = text.split("\n", 1)[0].strip()
    try:
        return isinstance(json.loads(first), dict)
    except ValueError:
        # A first record spread over several lines is not JSONL; a very long, cut sample is.
        return len(first) >= 8000
