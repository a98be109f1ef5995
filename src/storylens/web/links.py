"""What the pages may show of untrusted metadata: only web links, never server paths."""

from __future__ import annotations

import posixpath
from urllib.parse import urlsplit

LINK_SCHEMES = ("http", "https")


def http_url(value: str | None) -> str | None:
    """``value`` when it is an absolute http(s) URL, else ``None`` (a ``javascript:`` or
    ``data:`` url from a page's metadata must never become a link)."""
    if not value:
        return None
    text = value.strip()
    if any(ord(ch) < 33 for ch in text):
        return None  # browsers drop tabs/newlines inside schemes: refuse rather than guess
    try:
        parts = urlsplit(text)
    except ValueError:
        return None
    if parts.scheme.lower() not in LINK_SCHEMES or not parts.netloc:
        return None
    return text


def public_origin(origin: str | None) -> str:
    """Where an article came from, without the server's directories: the file's base name
    (with any ``:line`` or ``@record`` suffix), ``<stdin>`` and upload names as they are."""
    if not origin:
        return ""
    return posixpath.basename(origin.replace("\\", "/")) or origin
