"""Published date, byline and site read from the short metadata lines of a plain-text page.

Only short lines are considered (a dateline, "By Jane Doe", "www.chinaview.cn 2007-11-24
16:23:08"): a date inside a body sentence is part of the story, not page metadata.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime

from dateutil import parser as date_parser

from storylens.extract import lines as L

MAX_METADATA_WORDS = 16
AGENCY_RE = re.compile(
    r"\b(?:Reuters|AP|AFP|Associated Press|Bloomberg|Xinhua|UPI|dpa|PA|CNN|BBC|"
    r"(?:staff|senior|special)?\s*(?:writer|reporter|correspondent|editor))\b",
    re.IGNORECASE,
)
NAME_RE = r"[A-Z][\w'’.-]+(?:\s+(?:[A-Z][\w'’.-]*|de|van|von|da|al|bin|la|le)){1,3}"
NAME_AGENCY_RE = re.compile(rf"^({NAME_RE})\s*[,|/-]\s*(.+)$")
BYLINE_PREFIX_RE = re.compile(r"^(?:by|written by|story by|words by)\s+", re.IGNORECASE)
BYLINE_TAIL_RE = re.compile(
    r"\s*(?:[,|(]|\s[-–—]+(?:\s|$)|\bupdated\b|\bposted\b|\bpublished\b|\bon\s+\w+day\b).*$",
    re.IGNORECASE,
)
PERSON_NAME_RE = re.compile(r"[A-Z][\w'’.-]*(?:\s+(?:[^\W\d][\w'’.-]*|&)){0,6}")
SHARING_HOSTS = frozenset(
    {"del.icio.us", "digg.com", "facebook.com", "twitter.com", "reddit.com", "stumbleupon.com",
     "newsvine.com", "technorati.com", "furl.net", "google.com", "yahoo.com", "myspace.com"}
)  # fmt: skip
"""Hosts of share buttons and portals, which name where a link goes, not the page's site."""
SITE_HEAD_LINES = 10
NEAR_ARTICLE = 12
"""Bylines and datelines sit within this many lines of the article's first paragraph."""
DATELINE_PREFIX_RE = re.compile(
    r"^\W*(?:published|updated|posted|last (?:updated|modified)|date|released?)\b", re.IGNORECASE
)
SITE_LINE_RE = re.compile(rf"^\s*(?:source\s*:\s*)?{L.HOST_RE.pattern}", re.IGNORECASE)


@dataclass
class PageMetadata:
    published: str | None = None
    byline: str | None = None
    site: str | None = None
    lines: set[int] = field(default_factory=set)
    """Indexes of the lines the metadata was read from (they are dropped from the body)."""


def parse_date(line: str) -> str | None:
    """ISO 8601 for the first date in ``line``: a datetime when a clock time sits next to it."""
    match = L.DATE_RE.search(line)
    if match is None:
        return None
    text = match.group(0)
    time_match = L.TIME_RE.search(line, match.end())
    has_time = time_match is not None and time_match.start() - match.end() <= 4
    if has_time:
        text = f"{text} {time_match.group(0)}"
    try:
        parsed = date_parser.parse(text, default=datetime(2000, 1, 1))
    except (ValueError, OverflowError):
        return None
    if not 1990 <= parsed.year <= 2100:
        return None
    return parsed.isoformat() if has_time else parsed.date().isoformat()


def parse_byline(line: str) -> str | None:
    """The author named by "By Jane Doe ..." or "Jane Doe, Reuters"."""
    stripped = line.strip()
    prefix = BYLINE_PREFIX_RE.match(stripped)
    if prefix:
        name = BYLINE_TAIL_RE.sub("", stripped[prefix.end() :]).strip()
        return name if PERSON_NAME_RE.fullmatch(name) else None
    match = NAME_AGENCY_RE.match(stripped)
    if match and AGENCY_RE.search(match.group(2)) and len(L.words(stripped)) <= 10:
        return match.group(1).strip()
    return None


def parse_site(line: str, near_top: bool = False) -> str | None:
    """The page's own host from a line that is just a host, lower-cased.

    Dated host lines ("www.chinaview.cn 2007-11-24 16:23:08") count anywhere; a bare
    "www." host only near the top of the page (elsewhere it is more likely a link or an ad).
    """
    match = SITE_LINE_RE.match(line)
    if match is None:
        return None
    host = match.group(1).lower()
    rest = line[match.end() :]
    dated = L.has_date(rest) and len(L.words(L.TIME_RE.sub(" ", L.DATE_RE.sub(" ", rest)))) <= 3
    bare = not L.words(rest) and host.startswith("www.") and near_top
    if host.removeprefix("www.") in SHARING_HOSTS or not (dated or bare):
        return None
    return host


def words_besides_dates(line: str) -> int:
    return len(L.words(L.TIME_RE.sub(" ", L.DATE_RE.sub(" ", line))))


def is_dateline(line: str, max_other_words: int = 6) -> bool:
    """A date with little else around it ("Published: 16 December 2007", "Sat Dec 29, 10:10
    AM ET"), unlike a sentence or heading that happens to mention a date."""
    if not L.has_date(line):
        return False
    return DATELINE_PREFIX_RE.match(line) is not None or (
        words_besides_dates(line) <= max_other_words
    )


def is_pure_metadata(line: str) -> bool:
    """A line that is nothing but a byline or a dateline, even if it sits inside the body."""
    if parse_byline(line) and BYLINE_PREFIX_RE.match(line.strip()):
        return True
    return is_dateline(line, max_other_words=3)


def find_metadata(page_lines: list[str], body: list[int]) -> PageMetadata:
    """Metadata from short non-body lines, preferring those nearest the start of the article."""
    meta = PageMetadata()
    anchor = body[0] if body else 0
    body_set = set(body)
    order = sorted(range(len(page_lines)), key=lambda i: abs(i - anchor))
    for i in order:
        line = page_lines[i]
        near = abs(i - anchor) <= NEAR_ARTICLE
        if not (near or "." in line) or len(L.words(line)) > MAX_METADATA_WORDS:
            continue
        if i in body_set and not is_pure_metadata(line):
            continue
        used = False
        if meta.site is None and (site := parse_site(line, i < SITE_HEAD_LINES)):
            meta.site, used = site, True
        if meta.byline is None and near and (byline := parse_byline(line)):
            meta.byline, used = byline, True
        if meta.published is None and near and is_dateline(line) and (date := parse_date(line)):
            meta.published, used = date, True
        if used:
            meta.lines.add(i)
    return meta


def site_of_page(page_lines: list[str]) -> str | None:
    """The first host a short line of the page starts with: cheap grouping of pages by site."""
    for i, line in enumerate(page_lines):
        if len(L.words(line)) <= MAX_METADATA_WORDS and (
            site := parse_site(line, i < SITE_HEAD_LINES)
        ):
            return site
    return None
