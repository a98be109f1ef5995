"""Outlet names: the registered domain of a site or URL, so every page of one outlet agrees.

``www.bbc.co.uk``, ``news.bbc.co.uk`` and ``https://www.bbc.co.uk/news/x`` are all ``bbc.co.uk``.
The public-suffix list ships inside the ``tld`` package (read offline).
"""

from __future__ import annotations

import re
from functools import lru_cache

from tld import get_fld

_HOST = re.compile(
    r"^(?:[a-z][a-z0-9+.-]*://)?([^/\s:?#]+\.[^/\s:?#]+)(?::\d+)?(?:[/?#].*)?$", re.IGNORECASE
)


@lru_cache(maxsize=4096)
def registered_domain(site_or_url: str) -> str | None:
    """The registered domain of a host name or URL, None when it is neither (a plain name
    such as "The Times" stays the caller's to use)."""
    text = site_or_url.strip().lower()
    match = _HOST.match(text)
    if not match or " " in text:
        return None
    host = match.group(1).rstrip(".")
    found = get_fld(host, fix_protocol=True, fail_silently=True)
    return found or None
