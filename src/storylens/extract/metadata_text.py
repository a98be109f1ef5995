"""Published date, byline and site read from the short metadata lines of a plain-text page.

Only short lines are considered (a dateline, "By Jane Doe", "www.chinaview.cn 2007-11-24
16:23:08"): a date inside a body sentence is part of the story, not page metadata.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache

import numpy as np
from dateutil import parser as date_parser

from storylens.extract import lines as L

MAX_METADATA_WORDS = 16
AGENCY_RE = re.compile(
    r"\b(?:Reuters|AP|AFP|Associated Press|Bloomberg|Xinhua|UPI|dpa|PA|CNN|BBC|"
    r"(?:staff|senior|special)?\s*(?:writer|reporter|correspondent|editor))\b",
    re.IGNORECASE,
)
NAME_RE = r"[A-Z][\w'’.-]+(?:\s+(?:[A-Z][\w'’.-]*|de|van|von|da|al|bin|la|le)){1,3}"
UPPER = "A-ZÀ-ÖØ-ÞĀ-ŽА-ЯΑ-Ω"
CAPITALISED_NAME = (
    rf"[{UPPER}][\w'’-]*\.?(?:[ -](?:[{UPPER}][\w'’-]*\.?|de|del|van|von|der|da|di|du|dos|al|"
    r"bin|la|le|y)){1,4}"
)
CAPITALISED_NAMES_RE = re.compile(
    rf"{CAPITALISED_NAME}(?:\s*(?:,|&|\band\b|\bund\b|\bet\b|\by\b|\bi\b|\be\b|\ben\b|\boch\b)"
    rf"\s*{CAPITALISED_NAME})*"
)
"""One to three people's names, each two to five capitalised words ("Anna Müller und Jan
Nowak"): what other languages' bylines ("Von", "Par", "Por") must hold, since those words also
open ordinary sentences."""
ENGLISH_BYLINE_RE = re.compile(r"^(?:by|written by|story by|words by)\s", re.IGNORECASE)
NAME_AGENCY_RE = re.compile(rf"^({NAME_RE})\s*[,|/-]\s*(.+)$")
BYLINE_PREFIX_RE = re.compile(
    r"^(?:by|written by|story by|words by|von|par|por|di|door|av|przez|af|"
    r"(?:author|autor|autorin|auteure?|autore|auteur|text|texte|texto|tekst|redakcja)\s*:)\s*",
    re.IGNORECASE,
)
""""By", "Von", "Par", "Por", "Di", "Door", "Av", "Przez", and "Autor:"-style labels."""
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
    r"^\W*(?:published|updated|posted|last (?:updated|modified)|date|released?|"
    r"veröffentlicht|aktualisiert|erstellt|stand|datum|publié|mis à jour|modifié|"
    r"publicado|actualizado|fecha|pubblicato|aggiornato|opublikowano|aktualizacja|data|"
    r"gepubliceerd|bijgewerkt|publicerad|uppdaterad|julkaistu|publikováno|"
    r"опубликовано|обновлено)\b",
    re.IGNORECASE,
)
SITE_LINE_RE = re.compile(rf"^\s*(?:source\s*:\s*)?{L.HOST_RE.pattern}", re.IGNORECASE)


@dataclass
class PageMetadata:
    published: str | None = None
    byline: str | None = None
    site: str | None = None
    lines: set[int] = field(default_factory=set)
    """Indexes of the lines the metadata was read from (they are dropped from the body)."""


NUMERIC_DATE_RE = re.compile(
    r"(?<![\d.])(?:(?P<ymd_y>(?:19|20)\d{2})[-/.](?P<ymd_m>\d{1,2})[-/.](?P<ymd_d>\d{1,2})"
    r"|(?P<dmy_d>\d{1,2})\.\s?(?P<dmy_m>\d{1,2})\.\s?(?P<dmy_y>(?:19|20)\d{2})"
    r"|(?P<cjk_y>(?:19|20)\d{2})\s?年\s?(?P<cjk_m>\d{1,2})\s?月\s?(?P<cjk_d>\d{1,2})\s?日"
    r"|(?P<sl_a>\d{1,2})/(?P<sl_b>\d{1,2})/(?P<sl_y>(?:19|20)?\d{2}))(?![\d.]\d)"
)
"""Numeric dates: 2026-12-02 (and 2026/12/02), 02.12.2026 (day first, as in most of Europe),
2026年12月2日, and 12/02/2026 (month first unless the first number cannot be a month)."""
WORD_DATE_RE = re.compile(
    r"(?<!\w)(?:(?P<day>\d{1,2})\.?(?:\s+de)?\s+(?P<month>[^\W\d_]{3,}\.?),?(?:\s+de)?\s+"
    r"(?P<year>(?:19|20)\d{2})"
    r"|(?P<month2>[^\W\d_]{3,}\.?)\s+(?P<day2>\d{1,2})(?:st|nd|rd|th|\.)?,?\s+"
    r"(?P<year2>(?:19|20)\d{2}))(?!\d)"
)
"""A day, a month name in any language and a year: "2. Dezember 2026", "2 décembre 2026",
"2 de diciembre de 2026", "December 2, 2026". The month word is checked by dateparser."""
DATEPARSER_SETTINGS = {
    "STRICT_PARSING": True,
    "REQUIRE_PARTS": ["day", "month", "year"],
    "PREFER_DATES_FROM": "past",
}


@dataclass(frozen=True)
class DateMatch:
    start: int
    end: int
    day: date


def find_dates(line: str, language: str | None = None) -> list[DateMatch]:
    """Every full date (day, month, year) written in ``line``, numeric or with a month name.

    A year alone or a month and year is never a date here: a publication date names its day.
    """
    found = [
        DateMatch(m.start(), m.end(), d)
        for m in NUMERIC_DATE_RE.finditer(line)
        if (d := numeric_date(m)) is not None
    ]
    if any(ch.isalpha() for ch in line):
        for m in WORD_DATE_RE.finditer(line):
            overlaps = any(f.start < m.end() and m.start() < f.end for f in found)
            if not overlaps and (d := word_date(m.group(0), language)) is not None:
                found.append(DateMatch(m.start(), m.end(), d))
    return sorted(found, key=lambda f: f.start)


def numeric_date(match: re.Match[str]) -> date | None:
    groups = match.groupdict()
    for prefix in ("ymd", "dmy", "cjk"):
        if groups[f"{prefix}_y"]:
            return checked_date(groups[f"{prefix}_y"], groups[f"{prefix}_m"], groups[f"{prefix}_d"])
    a, b, year = groups["sl_a"], groups["sl_b"], groups["sl_y"]
    year = year if len(year) == 4 else f"20{year}"
    if int(a) > 12:
        return checked_date(year, b, a)
    return checked_date(year, a, b)


def checked_date(year: str, month: str, day: str) -> date | None:
    try:
        found = date(int(year), int(month), int(day))
    except ValueError:
        return None
    return found if MIN_YEAR <= found.year <= MAX_YEAR else None


MIN_YEAR, MAX_YEAR = 1990, 2100


@lru_cache(maxsize=4096)
def word_date(text: str, language: str | None) -> date | None:
    """The date of "2. Dezember 2026"-like text: English by dateutil, others by dateparser
    restricted to the page's language (and English), so no language guessing runs per call."""
    if L.DATE_RE.fullmatch(text.rstrip(",")):
        try:
            parsed = date_parser.parse(text, default=datetime(2000, 1, 1))
        except (ValueError, OverflowError):
            parsed = None
        if parsed is not None and MIN_YEAR <= parsed.year <= MAX_YEAR:
            return parsed.date()
    languages = ["en"] if not language or language == "en" else [language, "en"]
    try:
        parsed = dateparser_parse(text, languages)
    except Exception:  # an unsupported language code or odd text: no date
        return None
    if parsed is None or not MIN_YEAR <= parsed.year <= MAX_YEAR:
        return None
    return parsed.date()


def dateparser_parse(text: str, languages: list[str]) -> datetime | None:
    import dateparser

    supported = [code for code in languages if code in supported_languages()]
    if not supported:
        return None
    return dateparser.parse(text, languages=supported, settings=DATEPARSER_SETTINGS)


@lru_cache(maxsize=1)
def supported_languages() -> frozenset[str]:
    from dateparser.languages.loader import default_loader

    return frozenset(default_loader.get_locale_map().keys())


def parse_date(line: str, language: str | None = None) -> str | None:
    """ISO 8601 for the first date in ``line``: a datetime when a clock time sits next to it."""
    dates = find_dates(line, language)
    if not dates:
        return None
    first = dates[0]
    time_match = L.TIME_RE.search(line, first.end)
    if time_match is not None and time_match.start() - first.end <= 4:
        try:
            clock = date_parser.parse(time_match.group(0), default=datetime(2000, 1, 1))
        except (ValueError, OverflowError):
            return first.day.isoformat()
        return datetime.combine(first.day, clock.time()).isoformat()
    return first.day.isoformat()


def parse_byline(line: str, language: str | None = None) -> str | None:
    """The author named by "By Jane Doe ...", "Jane Doe, Reuters", or a dated byline
    ("By Jane Doe November 19, 2019, 07:47 PM", "Jane Doe - Nov 19, 2019", "Monday November
    18, 2019 by Jane Doe")."""
    stripped = line.strip()
    if any(ch.isdigit() for ch in stripped) and (dates := find_dates(stripped, language)):
        return dated_byline(stripped, dates)
    return undated_byline(stripped)


def undated_byline(stripped: str) -> str | None:
    prefix = BYLINE_PREFIX_RE.match(stripped)
    if prefix:
        name = BYLINE_TAIL_RE.sub("", stripped[prefix.end() :]).strip()
        if ENGLISH_BYLINE_RE.match(stripped):
            return name if PERSON_NAME_RE.fullmatch(name) else None
        return name if CAPITALISED_NAMES_RE.fullmatch(name) else None
    match = NAME_AGENCY_RE.match(stripped)
    if match and AGENCY_RE.search(match.group(2)) and len(L.words(stripped)) <= 10:
        return match.group(1).strip()
    return None


DATED_BYLINE_OTHER_WORDS = 3
"""Words besides the name, the date and the clock a "Jane Doe - Nov 19, 2019" line may hold."""
SEGMENT_EDGE = " \t-–—|/·•,:;"
DATE_LEAD_IN_RE = re.compile(r"\s+(?:on|am|le|el|il|em|w|op|den|der|at|um|vom|du|del)$", re.I)
"""The word that leads into the date ("By Jane Doe on", "Von Anna Müller am")."""


def dated_byline(line: str, dates: list[DateMatch]) -> str | None:
    """A byline on the dateline: the text before or after the date read as a byline, or a
    bare name (or news agency) right before the date with little else on the line."""
    first, last = dates[0], dates[-1]
    before = DATE_LEAD_IN_RE.sub("", line[: first.start].strip(SEGMENT_EDGE)).strip(SEGMENT_EDGE)
    after = L.TIME_RE.sub(" ", line[last.end :]).strip(SEGMENT_EDGE)
    if before and (name := undated_byline(before)):
        return name
    by_after = re.search(r"(?:^|\s)by\s", after, re.IGNORECASE)
    if by_after and (name := undated_byline(after[by_after.start() :].strip())):
        return name
    other_words = len(L.words(after)) - len(L.words(" ".join(L.TIME_RE.findall(after))))
    bare = CAPITALISED_NAMES_RE.fullmatch(before) or AGENCY_RE.fullmatch(before)
    if bare and other_words <= DATED_BYLINE_OTHER_WORDS:
        return before
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


def words_besides_dates(line: str, dates: list[DateMatch]) -> int:
    starts = [0, *[d.end for d in dates]]
    ends = [*[d.start for d in dates], len(line)]
    rest = " ".join(line[start:end] for start, end in zip(starts, ends, strict=True))
    return len(L.words(L.TIME_RE.sub(" ", rest)))


def dateline_date(line: str, language: str | None, max_other_words: int = 6) -> str | None:
    """The date of a dateline: a date with little else around it ("Published: 16 December
    2007", "Stand: 02.12.2026, 14:03 Uhr") or after a label or a byline ("By Jane Doe, Staff
    Writer 2019-11-19T12:48:14Z"), unlike a sentence or heading that mentions one."""
    if not any(ch.isdigit() for ch in line):
        return None
    dates = find_dates(line, language)
    if not dates:
        return None
    prefixed = (
        DATELINE_PREFIX_RE.match(line) is not None or BYLINE_PREFIX_RE.match(line) is not None
    )
    if prefixed or words_besides_dates(line, dates) <= max_other_words:
        return parse_date(line, language)
    return None


def is_dateline(line: str, max_other_words: int = 6, language: str | None = None) -> bool:
    return dateline_date(line, language, max_other_words) is not None


def is_pure_metadata(line: str, language: str | None = None) -> bool:
    """A line that is nothing but a byline or a dateline, even if it sits inside the body."""
    if parse_byline(line) and BYLINE_PREFIX_RE.match(line.strip()):
        return True
    return is_dateline(line, max_other_words=3, language=language)


def find_metadata(
    page_lines: list[str],
    body: list[int],
    language: str | None = None,
    title_index: int | None = None,
) -> PageMetadata:
    """Metadata from short non-body lines, preferring those nearest the headline or the start
    of the article (bylines and datelines sit between the two, or just around them)."""
    meta = PageMetadata()
    anchors = [body[0] if body else 0]
    if title_index is not None:
        anchors.append(title_index)
    body_set = set(body)
    index = np.arange(len(page_lines))
    distance = np.min(np.abs(index[:, None] - np.asarray(anchors)[None, :]), axis=1)
    for i in np.argsort(distance, kind="stable").tolist():
        line = page_lines[i]
        near = bool(distance[i] <= NEAR_ARTICLE)
        if not (near or "." in line) or not metadata_sized(line):
            continue
        if i in body_set and not is_pure_metadata(line, language):
            continue
        used = False
        if meta.site is None and (site := parse_site(line, i < SITE_HEAD_LINES)):
            meta.site, used = site, True
        if meta.byline is None and near and (byline := parse_byline(line, language)):
            meta.byline, used = byline, True
        if meta.published is None and near and (found := dateline_date(line, language)):
            meta.published, used = found, True
        if used:
            meta.lines.add(i)
    if meta.published is None:
        meta.published = header_dateline(page_lines, anchors, language)
    return meta


def metadata_sized(line: str) -> bool:
    """Short enough for a metadata line; a labelled dateline ("Published: ... | Updated: ...")
    may be twice as long."""
    if line.count(" ") > 3 * MAX_METADATA_WORDS:  # cheap screen: long prose is never metadata
        return False
    n_words = len(L.words(line))
    if n_words <= MAX_METADATA_WORDS:
        return True
    return n_words <= 2 * MAX_METADATA_WORDS and DATELINE_PREFIX_RE.match(line) is not None


def header_dateline(
    page_lines: list[str], anchors: list[int], language: str | None
) -> str | None:
    """The first dateline above the headline and the article: a page header's date when no
    dateline sits near the article itself."""
    for line in page_lines[: min(anchors)]:
        if len(L.words(line)) <= MAX_METADATA_WORDS and (found := dateline_date(line, language)):
            return found
    return None


def site_of_page(page_lines: list[str]) -> str | None:
    """The first host a short line of the page starts with: cheap grouping of pages by site."""
    for i, line in enumerate(page_lines):
        if len(L.words(line)) <= MAX_METADATA_WORDS and (
            site := parse_site(line, i < SITE_HEAD_LINES)
        ):
            return site
    return None
