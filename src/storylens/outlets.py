"""Outlet names, one rule for every stage: the site the input or page gives, else the URL's
registered domain, so every page of one outlet agrees and no file id ever stands for an outlet.

``www.bbc.co.uk``, ``news.bbc.co.uk`` and ``https://www.bbc.co.uk/news/x`` are all ``bbc.co.uk``;
a site given as a name ("The Times") stays as it is. The public-suffix list ships inside the
``tld`` package (read offline).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from urllib.parse import urlparse

from tld import get_fld

UNNAMED_OUTLET = "unnamed outlet"
"""Shown when neither the input nor the page names the outlet and there is no URL."""

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


@lru_cache(maxsize=65_536)
def domain_of(url: str | None) -> str | None:
    """``www.example.com/x`` -> ``example.com``; None when the URL has no host."""
    if not url:
        return None
    host = urlparse(url if "//" in url else f"//{url}").hostname
    return host.removeprefix("www.") if host else None


def outlet_of(site: str | None, url: str | None) -> str | None:
    """The outlet a site or URL names: a host name becomes its registered domain, a plain name
    stays; None when neither says anything."""
    site = (site or "").strip()
    if site:
        return registered_domain(site) or site
    return registered_domain(url or "") or domain_of(url)


def outlet_name(site: str | None, url: str | None) -> str:
    """What readers call the outlet (:func:`outlet_of`, else "unnamed outlet")."""
    return outlet_of(site, url) or UNNAMED_OUTLET


def outlet_names(articles: Iterable[tuple[str, str | None, str | None]]) -> dict[str, str]:
    """Outlet names of ``(article_id, site, url)`` triples; articles of no known outlet each
    count as their own ("unnamed outlet", "unnamed outlet (2)"...): they may differ."""
    names: dict[str, str] = {}
    unnamed = 0
    for article_id, site, url in articles:
        name = outlet_name(site, url)
        if name == UNNAMED_OUTLET:
            unnamed += 1
            name = UNNAMED_OUTLET if unnamed == 1 else f"{UNNAMED_OUTLET} ({unnamed})"
        names[article_id] = name
    return names
