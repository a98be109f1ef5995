"""Published date, byline and site read from the short metadata lines of a plain-text page.

Only short lines are considered (a dateline, "By Jane Doe", "www.chinaview.cn 2007-11-24
16:23:08"): a date inside a body sentence is part of the story, not page metadata.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone, tzinfo
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
NEWS_AGENCIES = (
    r"Reuters|AP|AFP|Associated Press|Bloomberg|Xinhua|UPI|dpa|DPA|PA|EFE|ANSA|APA|KNA|epd|SID|"
    r"sda|SDA|Keystone-SDA|Europa Press|Anadolu Ajansı|Kyodo|Yonhap|TASS|Belga|ANP|NTB|Ritzau|"
    r"PAP|ČTK|CTK|MTI|Lusa"
)
"""News agencies, which sign articles alone or beside a writer ("Von dpa", "Par Le Figaro et
AFP", "Von Anna Müller mit AP")."""
NEWS_AGENCY = rf"(?:{NEWS_AGENCIES})(?:\s*/\s*(?:{NEWS_AGENCIES}))*"
BYLINE_NAMES_RE = re.compile(
    rf"(?:{CAPITALISED_NAME}|{NEWS_AGENCY})(?:\s*(?:,|&|\band\b|\bund\b|\bet\b|\by\b|\bi\b|"
    rf"\be\b|\ben\b|\boch\b)\s*(?:{CAPITALISED_NAME}|{NEWS_AGENCY}))*"
)
"""What may follow another language's byline word: people's names and news agencies."""
ENGLISH_BYLINE_RE = re.compile(r"^(?:by|written by|story by|words by)\s", re.IGNORECASE)
NAME_AGENCY_RE = re.compile(rf"^({NAME_RE})\s*[,|/-]\s*(.+)$")
BYLINE_WORDS = r"von|par|por|di|door|av|przez|af"
""""By" in other languages: the word before a writer's name (in a byline, and where a page
names its writer again: :data:`AUTHOR_BEFORE_RE`)."""
AUTHOR_LABELS = (
    r"authors?|autor(?:in|en|es|ka|zy|ři)?|auteure?s?|autore|autori|autorid|författare|"
    r"forfatter(?:e)?|höfundur|yazar(?:lar)?|szerző|kirjoittaja|автор(?:ы)?"
)
"""Labels that put a writer's name after them ("Autor:", "Auteure", "Autori:", "Författare:",
"Yazar:", "Автор:"), singular and plural, in the languages of the stop-word lists we read."""
BYLINE_PREFIX_RE = re.compile(
    rf"^(?:(?:by|written by|story by|words by|{BYLINE_WORDS})\b(?:\s*:)?|(?-i:by(?=[{UPPER}]))|"
    rf"(?:{AUTHOR_LABELS}|auteur|text|texte|texto|tekst|redakcja)\s*:)\s*",
    re.IGNORECASE,
)
""""By", "Von", "Par", "Por", "Di", "Door", "Av", "Przez", and "Autor:"-style labels; a
lower-case "by" printed against the name ("byJane Doe") too."""
BYLINE_TAIL_RE = re.compile(
    rf"\s*(?:[,|(@]|\s[-–—]+(?:\s|$)|\bupdated\b|\bposted\b|\bpublished\b|\bon\s+\w+day\b"
    rf"|\s(?:with|mit|avec|con|met|med)\s+(?:{NEWS_AGENCIES})\b"
    r"|\s(?:(?:on\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}"
    r"(?:st|nd|rd|th)?\s+)?(?:at\s+)?\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?(?:\s|$)).*$",
    re.IGNORECASE,
)
"""What follows the name on a byline: a separator, an update note, an agency the writer worked
with ("Von Anna Müller mit AP"), or a day and clock time without a year ("By Erin Cunningham
March 18 at 3:57 PM", "By Jane Doe 10:05 AM ET")."""
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
    r"^\W*(?:(?:first |originally )?published|updated|posted|last (?:updated|modified)|date|"
    r"released?|erschienen|eingetragen|"
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
    r"(?<![\d.])(?:(?:(?P<ymd_y>(?:19|20)\d{2})[-/.](?P<ymd_m>\d{1,2})[-/.](?P<ymd_d>\d{1,2})"
    r"|(?P<dmy_d>\d{1,2})\\?\.\s?(?P<dmy_m>\d{1,2})\.\s?(?P<dmy_y>(?:19|20)\d{2})"
    r"|(?P<sl_a>\d{1,2})/(?P<sl_b>\d{1,2})/(?P<sl_y>(?:19|20)?\d{2}))(?![\d.]\d)"
    r"|(?P<cjk_y>(?:19|20)\d{2})\s?年\s?(?P<cjk_m>\d{1,2})\s?月\s?(?P<cjk_d>\d{1,2})\s?日)"
)
"""Numeric dates: 2026-12-02 (and 2026/12/02), 02.12.2026 (day first, as in most of Europe),
2026年12月2日, and 12/02/2026 (month first unless the first number cannot be a month). 日
closes a CJK date, so a clock time may follow it unspaced (``2019年3月2日09:18``)."""
WORD_DATE_RE = re.compile(
    r"(?:(?<!\w)(?P<day>\d{1,2})(?:\\?\.)?(?:\s+de)?\s+(?P<month>[^\W\d_]{3,}\.?),?(?:\s+de)?\s+"
    r"(?P<year>(?:19|20)\d{2})"
    r"|(?<![^\W\d_])(?P<month2>[^\W\d_]{3,}\.?)\s+(?P<day2>\d{1,2})(?:st|nd|rd|th|\.)?,?\s+"
    r"(?P<year2>(?:19|20)\d{2}))(?!\d)"
)
"""A day, a month name in any language and a year: "2. Dezember 2026", "2 décembre 2026",
"2 de diciembre de 2026", "December 2, 2026". The month word is checked by dateparser. A
Markdown dump escapes a number that opens a line ("2\\. Dezember 2026"): read as written. A
month name may follow a digit unspaced: two datelines run together ("December 10, 2021April 9,
2019") when their elements are printed without a space between."""
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
    month_first = language in (None, "en")
    found = [
        DateMatch(m.start(), m.end(), d)
        for m in NUMERIC_DATE_RE.finditer(line)
        if (d := numeric_date(m, month_first)) is not None
    ]
    if any(ch.isalpha() for ch in line):
        for m in WORD_DATE_RE.finditer(line):
            overlaps = any(f.start < m.end() and m.start() < f.end for f in found)
            text = m.group(0).replace("\\", "")
            if not overlaps and (d := word_date(text, language)) is not None:
                found.append(DateMatch(m.start(), m.end(), d))
    return sorted(found, key=lambda f: f.start)


def numeric_date(match: re.Match[str], month_first: bool = True) -> date | None:
    """The date of a numeric match; ``01/02/2026`` is 2 January in English (US usage) and
    1 February in the other languages, unless one reading is impossible."""
    groups = match.groupdict()
    for prefix in ("ymd", "dmy", "cjk"):
        if groups[f"{prefix}_y"]:
            return checked_date(groups[f"{prefix}_y"], groups[f"{prefix}_m"], groups[f"{prefix}_d"])
    a, b, year = groups["sl_a"], groups["sl_b"], groups["sl_y"]
    year = year if len(year) == 4 else f"20{year}"
    if int(a) > 12 or (not month_first and int(b) <= 12):
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
    return iso_of(line, dates[0]) if dates else None


def iso_of(line: str, found: DateMatch) -> str:
    """ISO 8601 for one date of ``line``, with the clock time written right after it and its
    time zone when one is named ("10:31 pm CST" -> ``...T22:31:00-06:00``)."""
    time_match = L.TIME_RE.search(line, found.end)
    if time_match is None or time_match.start() - found.end > 4:
        time_match = clock_before(line, found)
    if time_match is not None:
        try:
            clock = date_parser.parse(time_match.group(0), default=datetime(2000, 1, 1))
        except (ValueError, OverflowError):
            return found.day.isoformat()
        moment = datetime.combine(found.day, clock.time())
        zone = TIME_ZONE_RE.match(line, time_match.end())
        if zone is not None and (tz := time_zone(zone[1])) is not None:
            moment = moment.replace(tzinfo=tz)
        return moment.isoformat()
    return found.day.isoformat()


def clock_before(line: str, found: DateMatch) -> re.Match[str] | None:
    """A clock time written just before the date, with at most a weekday and its time zone
    between ("Published 11:26 pm EST, Tuesday, November 19, 2019")."""
    before = [m for m in L.TIME_RE.finditer(line, 0, found.start)]
    if not before:
        return None
    last = before[-1]
    zone = TIME_ZONE_RE.match(line, last.end())
    gap = line[zone.end() if zone else last.end() : found.start]
    return last if len(L.words(gap)) <= 1 and len(gap) <= 16 else None


TIME_ZONE_RE = re.compile(
    r"\s*\(?((?:UTC|GMT)(?:\s*[+-]\s*\d{1,2}(?::?\d{2})?)?|[ECMP][SD]?T|HST|CES?T|MES?Z|BST|JST|"
    r"AE[SD]T|[+-]\d{2}:?\d{2})\b"
)
ZONE_NAMES = {
    "ET": "America/New_York", "CT": "America/Chicago", "MT": "America/Denver",
    "PT": "America/Los_Angeles", "CET": "Europe/Berlin", "CEST": "Europe/Berlin",
    "MEZ": "Europe/Berlin", "MESZ": "Europe/Berlin", "BST": "Europe/London",
    "JST": "Asia/Tokyo", "AEST": "Australia/Sydney", "AEDT": "Australia/Sydney",
}  # fmt: skip
"""Zones named by abbreviations that shift with daylight saving: the zone knows the offset."""
FIXED_OFFSETS = {"EST": -5, "EDT": -4, "CST": -6, "CDT": -5, "MST": -7, "MDT": -6, "PST": -8,
                 "PDT": -7, "HST": -10}  # fmt: skip


def time_zone(name: str) -> tzinfo | None:
    """The time zone a dateline names after its clock time; ``None`` when unknown."""
    name = name.replace(" ", "")
    if name in FIXED_OFFSETS:
        return timezone(timedelta(hours=FIXED_OFFSETS[name]))
    if name in ZONE_NAMES:
        try:
            from zoneinfo import ZoneInfo

            return ZoneInfo(ZONE_NAMES[name])
        except (ImportError, KeyError, OSError):  # no time zone data installed
            return None
    offset = re.fullmatch(r"(?:UTC|GMT)?([+-])?(\d{1,2})?:?(\d{2})?", name)
    if offset is None:
        return None
    sign = -1 if offset[1] == "-" else 1
    hours, minutes = int(offset[2] or 0), int(offset[3] or 0)
    if hours > 14 or minutes >= 60:
        return None
    return timezone(sign * timedelta(hours=hours, minutes=minutes))


def parse_byline(line: str, language: str | None = None) -> str | None:
    """The author named by "By Jane Doe ...", "Jane Doe, Reuters", or a dated byline
    ("By Jane Doe November 19, 2019, 07:47 PM", "Jane Doe - Nov 19, 2019", "Monday November
    18, 2019 by Jane Doe")."""
    stripped = line.strip()
    if any(map(str.isdigit, stripped)) and (dates := find_dates(stripped, language)):
        name = dated_byline(stripped, dates, language)
    else:
        name = undated_byline(stripped)
    return name or segmented_byline(stripped, language) or name_before_age(stripped, language)


BYLINE_SEGMENT_RE = re.compile(r"\s*[|·•]\s*|\s+/{1,2}\s+")
MAX_BYLINE_SEGMENTS = 5
RELATIVE_AGE_RE = re.compile(
    r"(?<!\d)\d{1,2}\s*(?:seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?)(?:\s+ago)?$",
    re.IGNORECASE,
)
"""How long ago an article was posted ("2 minutes ago", "7 hours"), as pages print it after the
writer's name."""


def segmented_byline(line: str, language: str | None = None) -> str | None:
    """The writer among the parts of a dateline ("Jane Doe · CBC News · Posted: Aug 8, 2024",
    "3. Mai 2024 • Anna Müller • 3 Minuten", "Do 25.04.24 | 14:07 Uhr | Von Anna Müller"):
    a part that is a byline, else the first part that is only a person's name, when another
    part dates the line (a name among a menu's parts is no writer)."""
    if not BYLINE_SEGMENT_RE.search(line):
        return None
    parts = [part.strip() for part in BYLINE_SEGMENT_RE.split(line) if part.strip()]
    if not 2 <= len(parts) <= MAX_BYLINE_SEGMENTS:
        return None
    dating = [dates_the_line(part, language) for part in parts]
    if not any(dating):
        return None
    others = [part for part, dated in zip(parts, dating, strict=True) if not dated]
    for part in others:
        if name := undated_byline(part):
            return name
    return next((part for part in others if is_name_line(part, language)), None)


def dates_the_line(part: str, language: str | None) -> bool:
    """A dateline's part: a date, a clock time, an age ("5 hours ago") or a date's label."""
    if DATELINE_PREFIX_RE.match(part):
        return True
    if not DIGIT_RE.search(part):
        return False
    return bool(
        L.TIME_RE.search(part) or RELATIVE_AGE_RE.search(part) or find_dates(part, language)
    )


def name_before_age(line: str, language: str | None = None) -> str | None:
    """A person's name and how long ago the article was posted, often printed without a space
    between ("Jane Doe2 hours ago", "Jane Doe 7 hours")."""
    age = RELATIVE_AGE_RE.search(line) if DIGIT_RE.search(line) else None
    if age is None:
        return None
    name = line[: age.start()].strip(SEGMENT_EDGE)
    return name if is_name_line(name, language) else None


def undated_byline(stripped: str) -> str | None:
    prefix = BYLINE_PREFIX_RE.match(stripped)
    if prefix:
        name = BYLINE_TAIL_RE.sub("", stripped[prefix.end() :]).strip()
        if name and name.split()[0].lower().rstrip(".") in weekday_names(None):
            return None  # "By Saturday, at least 6,000 sites …": a time, not a person
        if ENGLISH_BYLINE_RE.match(stripped):
            return name if PERSON_NAME_RE.fullmatch(name) else None
        return name if BYLINE_NAMES_RE.fullmatch(name) else None
    match = NAME_AGENCY_RE.match(stripped)
    if (
        match
        and AGENCY_RE.search(match.group(2))
        and len(L.words(stripped)) <= 10
        and not COPYRIGHT_RE.search(stripped)  # "Jane Doe, skier. © AFP": a caption's credit
    ):
        return match.group(1).strip()
    role = NAME_ROLE_RE.match(stripped) if len(stripped) <= 80 else None
    if role and len(L.words(stripped)) <= NAME_ROLE_WORDS:
        return role.group(1).strip()
    lead_in = LEAD_IN_BYLINE_RE.match(stripped) if len(stripped) <= 80 else None
    if (
        lead_in
        and not (CREDIT_RE.match(stripped) or CHECKER_RE.match(stripped))
        and (name := undated_byline(lead_in["by"]))
    ):
        return name if CAPITALISED_NAMES_RE.fullmatch(name) else None
    return None


NAME_ROLE_RE = re.compile(
    rf"^({CAPITALISED_NAME}?)(?:\s*[,|/–—-]\s*(?i:(?:senior|staff|chief|contributing|deputy|"
    r"freie[rn]?|free-?lance)\s+)?|\s+(?i:senior|staff|chief|contributing|deputy|freie[rn]?|"
    r"free-?lance)\s+)(?i:writer|reporter|contributor|columnist|editor|"
    r"correspondent|journalist(?:in)?|redakteur(?:in)?|korrespondent(?:in)?|autor(?:in)?|"
    r"journaliste|rédact(?:eur|rice)|périodiste|periodista|redactor(?:a)?|corresponsal|"
    r"giornalista|redattore|redattrice|dziennikar(?:z|ka)|verslaggever|redacteur)\b"
)
"""A name and the writer's role after it ("Bruce Y. Lee Senior Contributor", "Anna Müller,
Redakteurin", "Ana García, periodista"): a byline without "By". The role follows a comma or
dash, or has its rank ("Senior"): "Latest News Editor" names no one."""
NAME_ROLE_WORDS = 8
DATED_BYLINE_OTHER_WORDS = 3
"""Words besides the name, the date and the clock a "Jane Doe - Nov 19, 2019" line may hold."""
SEGMENT_EDGE = " \t-–—|/·•,:;"
DATE_LEAD_IN_RE = re.compile(r"\s+(?:on|am|le|el|il|em|w|op|den|der|at|um|vom|du|del)$", re.I)
"""The word that leads into the date ("By Jane Doe on", "Von Anna Müller am")."""


def dated_byline(line: str, dates: list[DateMatch], language: str | None = None) -> str | None:
    """A byline on the dateline: the text before or after the date read as a byline, or a
    bare name (or news agency) right before the date with little else on the line."""
    first, last = dates[0], dates[-1]
    before = lead_in_removed(line[: first.start], language)
    after = L.TIME_RE.sub(" ", line[last.end :]).strip(SEGMENT_EDGE)
    if before and (name := undated_byline(before)):
        return name
    by_after = BYLINE_WORD_RE.search(after)
    if by_after and (name := undated_byline(after[by_after.start() :].strip())):
        return name
    other_words = len(L.words(after)) - len(L.words(" ".join(L.TIME_RE.findall(after))))
    bare = not DATELINE_PREFIX_RE.match(before) and (
        CAPITALISED_NAMES_RE.fullmatch(before) or AGENCY_RE.fullmatch(before)
    )
    if bare and other_words <= DATED_BYLINE_OTHER_WORDS:
        return before
    separated = re.match(r"\s*(?://|[|·•–—,-])", line[last.end :]) is not None
    if not before and separated and CAPITALISED_NAMES_RE.fullmatch(after):
        return after  # "21. Jan 2022 // Dominik Ricker"
    return None


EMAIL_RE = re.compile(r"\s*\S+@\S+\.\w+")
"""An author's e-mail address beside the name ("Jane Doe jane.doe@example.com | 3 May")."""


def lead_in_removed(before: str, language: str | None) -> str:
    """The text before a date without the words leading into it: "on", "am", a weekday
    ("By Jane Doe Monday, November 18" -> "By Jane Doe"), and without an e-mail address."""
    before = EMAIL_RE.sub(" ", before) if "@" in before else before
    before = DATE_LEAD_IN_RE.sub("", before.strip(SEGMENT_EDGE)).strip(SEGMENT_EDGE)
    last = before.rsplit(None, 1)
    if len(last) == 2 and last[1].lower().rstrip(".") in date_filler_words(language):
        before = DATE_LEAD_IN_RE.sub("", last[0].strip(SEGMENT_EDGE)).strip(SEGMENT_EDGE)
    return before


BYLINE_WORD_RE = re.compile(r"(?:^|\s)(?:by|von|par|por|di|door|przez|av|af)\s", re.IGNORECASE)
"""The word that introduces an author after a date ("... 3. November 2023 von Anna Müller")."""
LEAD_IN_BYLINE_RE = re.compile(
    rf"^[{UPPER}]\w*(?:\s+\w+){{0,2}}\s+(?P<by>(?:by|von|par|por|di|door|przez|av|af)\s.+)$"
)
"""A short lead-in before the byline word: "Eine Analyse von Anna Müller", "Ein Kommentar von
…", "Un reportage par …", "A column by …"."""
CREDIT_RE = re.compile(
    r"^(?:photo|foto|bild|image|picture|video|illustration|grafik|graphic|theme|design|powered|"
    r"translat|übersetz|traduc|cover|map|karte|chart)",
    re.IGNORECASE,
)
"""Lead-ins of credits for pictures, translations or the site's design, not of the article."""
CHECKER_RE = re.compile(
    r"^(?:(?:medically\s+)?reviewed|verified|fact[- ]?checked|edited|geprüft|überprüft|"
    r"lektoriert|redigiert|vérifié|relu|revisado|verificado|editado)\b",
    re.IGNORECASE,
)
"""Lead-ins of the people who checked or edited the article ("Reviewed by", "Fact checked
by"), not of its writer."""


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


def words_besides_dates(line: str, dates: list[DateMatch], language: str | None = None) -> int:
    """Words of ``line`` outside its dates and clock times, leaving out the words that only
    dress a date up (weekdays, "at", "Uhr", "a las"): "Miércoles, 4 de Mayo de 2022 a las
    07:46hrs." is as plain a dateline as "4 May 2022"."""
    starts = [0, *[d.end for d in dates]]
    ends = [*[d.start for d in dates], len(line)]
    rest = " ".join(line[start:end] for start, end in zip(starts, ends, strict=True))
    filler = date_filler_words(language)
    return sum(w.lower() not in filler for w in L.words(CLOCK_RE.sub(" ", rest)))


CLOCK_RE = re.compile(
    r"\b\d{1,2}[:h]\d{2}(?::\d{2})?\s*(?:[ap]\.?\s?m\.?|hrs?\b|h\b|uhr\b)?|"
    r"\b\d{1,2}\s?[ap]\.?m\b\.?",
    re.IGNORECASE,
)
"""A clock time as datelines write it: "14:03", "07:46hrs", "2:00 a. m.", "10h30", "9 pm"."""
DATE_FILLER = frozenset(
    {"at", "on", "um", "uhr", "am", "pm", "a", "las", "à", "alle", "ore", "om", "kl", "klo",
     "o", "godz", "godz.", "hrs", "hr", "h", "le", "el", "il", "den", "der", "vom", "du", "de",
     "del", "às", "horas", "gmt", "utc", "et", "pt", "ct", "est", "edt", "pst", "pdt", "cet",
     "cest", "bst", "mez", "mesz"}
)  # fmt: skip
"""Words that lead into or follow a date or clock time in datelines of several languages."""


@lru_cache(maxsize=64)
def date_filler_words(language: str | None) -> frozenset[str]:
    """:data:`DATE_FILLER` and the weekday names of English and the page's language."""
    return DATE_FILLER | weekday_names(language)


@lru_cache(maxsize=64)
def weekday_names(language: str | None) -> frozenset[str]:
    """Weekday names and their abbreviations, lower-cased, in English and the page's language
    (from dateparser's locale tables, so every language it knows is covered)."""
    from dateparser.languages.loader import default_loader

    from storylens.languages import justext_stop_words

    words: set[str] = set()
    for code in {"en", language or "en"}:
        if code not in supported_languages():
            continue
        info = default_loader.get_locale(code).info
        stop = justext_stop_words(code)  # "Die" abbreviates Dienstag but is mostly an article
        for day in WEEKDAYS:
            names = (name.lower().rstrip(".") for name in info.get(day, []))
            words.update(name for name in names if len(name) > 2 and name not in stop)
    return frozenset(words)


WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def dateline_date(
    line: str, language: str | None, max_other_words: int = 6, *, publication: bool = True
) -> str | None:
    """The publication date of a dateline (see :func:`dateline_candidate`) as ISO 8601.
    ``publication=False`` accepts any dateline (an update's too): the line is metadata
    either way."""
    found = dateline_candidate(line, language, max_other_words, publication=publication)
    return found[0] if found else None


def update_dateline_date(line: str, language: str | None) -> str | None:
    """The date of a line that opens with an update label and its date ("Updated: Dec 15,
    2016 2:57 PM UTC", "最終更新日：2019年4月2日 …"), as ISO 8601; whatever follows the date
    (an office's name) does not matter, the label makes the line metadata. A page is revised on
    or after the day it is published, most often that same day: where a page shows no other
    date near its headline, this is the best guess of its publication date left."""
    if not DIGIT_RE.search(line) or COPYRIGHT_RE.search(line) or HANDLE_RE.search(line):
        return None
    dates = find_dates(line, language)
    if not dates or is_future(dates[0]) or len(line[: dates[0].start]) > UPDATE_LABEL_CHARS:
        return None
    return iso_of(line, dates[0]) if is_update_date(line, dates[0]) else None


UPDATE_LABEL_CHARS = 24
"""How far into its line an update label's date may start ("Last updated on:")."""


PLAIN_DATELINE_WORDS = 2
"""Other words a dateline may hold and still count as plain (a weekday, "at", "Uhr")."""


def dateline_candidate(
    line: str, language: str | None, max_other_words: int = 6, *, publication: bool = True
) -> tuple[str, int] | None:
    """A dateline's date and how many other words stand beside it (0 after a label or a
    byline): a date with little else around it ("Published: 16 December 2007", "Stand:
    02.12.2026, 14:03 Uhr"), in its own ``|``-separated part ("28.04.2021 - 07:18 | Quelle: dpa
    | Lesedauer 4 min."), or after a label or a byline ("By Jane Doe, Staff Writer
    2019-11-19T12:48:14Z"), unlike a sentence or heading that mentions one.

    Dates labelled as updates ("Updated Nov 13", "aktualisiert am") and dates after tomorrow are
    never publication dates; of the rest, the earliest is (a page is published before it is
    revised: "Last updated 4 Jun 2020, originally created 17 Jun 2019"). Copyright notices and
    embedded social posts ("— Jane Doe (@jane) November 1, 2019") date something else."""
    if not DIGIT_RE.search(line) or COPYRIGHT_RE.search(line) or HANDLE_RE.search(line):
        return None
    dates = [
        d
        for d in find_dates(line, language)
        if not publication or (not is_update_date(line, d) and not is_future(d))
    ]
    if not dates:
        return None
    chosen = min(dates, key=lambda d: d.day)
    if DATELINE_PREFIX_RE.match(line) is not None or BYLINE_PREFIX_RE.match(line) is not None:
        return iso_of(line, chosen), 0
    other_words = other_words_near(line, chosen, dates, language)
    return (iso_of(line, chosen), other_words) if other_words <= max_other_words else None


DIGIT_RE = re.compile(r"\d")
HANDLE_RE = re.compile(r"\(@\w+\)")
"""A social-media handle in brackets: the attribution line of an embedded post."""
COPYRIGHT_RE = re.compile(r"©|\(c\)\s*(?:19|20)\d\d|\bcopyright\b", re.IGNORECASE)
"""A copyright notice's years name no publication day."""
UPDATE_WORD_RE = re.compile(
    r"(?:\bupdated?|\bmodified|\brevised|\bedited|aktualisiert|aktualisierung|geändert|"
    r"\bactualizad[oa]|\bactualización|mis à jour|mise à jour|\bmodifié|\baggiornat[oa]|"
    r"\baggiornamento|\bzaktualizowan[oa]|\baktualizacja|\bbijgewerkt|\buppdaterad|"
    r"\bopdateret|\boppdatert|\bpäivitetty|\baktualizováno|\batualizad[oa]|обновлено|"
    r"更新)\W*(?:\w+\W+){0,2}$",
    re.IGNORECASE,
)
"""An update label right before a date ("Updated on", "aktualisiert am", "Last updated:")."""
SEGMENT_SPLIT_RE = re.compile(r"\s[|•·]\s|\s{3,}")


def is_update_date(line: str, found: DateMatch) -> bool:
    """The date follows an update label within its part of the line."""
    before = SEGMENT_SPLIT_RE.split(line[: found.start])[-1]
    before = re.split(r"\d", before)[-1] if any(c.isdigit() for c in before) else before
    return UPDATE_WORD_RE.search(before) is not None


def is_future(found: DateMatch) -> bool:
    """After tomorrow (any time zone): an event's date or a typo, not a publication date."""
    return found.day > date.today() + timedelta(days=1)


def other_words_near(
    line: str, chosen: DateMatch, dates: list[DateMatch], language: str | None = None
) -> int:
    """Words besides dates and times in the ``|``-separated part of the line holding the date."""
    start = end = 0
    for part in SEGMENT_SPLIT_RE.finditer(line):
        if part.end() <= chosen.start:
            start = part.end()
        elif part.start() >= chosen.end:
            end = part.start()
            break
    end = end or len(line)
    inside = [
        DateMatch(d.start - start, d.end - start, d.day)
        for d in dates
        if d.start >= start and d.end <= end
    ]
    return words_besides_dates(line[start:end], inside, language)


def is_dateline(line: str, max_other_words: int = 6, language: str | None = None) -> bool:
    return dateline_date(line, language, max_other_words, publication=False) is not None


def is_pure_metadata(line: str, language: str | None = None) -> bool:
    """A line that is nothing but a byline or a dateline, even if it sits inside the body."""
    if BYLINE_PREFIX_RE.match(line.strip()) and parse_byline(line):  # the cheap test first
        return True
    return is_dateline(line, max_other_words=3, language=language)


def find_metadata(
    page_lines: list[str],
    body: list[int],
    language: str | None = None,
    title_index: int | None = None,
    word_counts: list[int] | None = None,
) -> PageMetadata:
    """Metadata from short non-body lines, preferring those nearest the headline or the start
    of the article (bylines and datelines sit between the two, or just around them). A plain
    dateline (a label or byline and a date, or a date alone) beats a nearer line that also
    says other things ("Source: Defense Ministry, October 25, 2019"). ``word_counts``: the
    lines' word counts when the caller has them (``len(words(line))``)."""
    meta = PageMetadata()
    page_lines = without_markdown(page_lines)
    anchors = [body[0] if body else 0]
    if title_index is not None:
        anchors.append(title_index)
    body_set = set(body)
    datelines: list[tuple[int, int, int, str]] = []
    index = np.arange(len(page_lines))
    distance = np.min(np.abs(index[:, None] - np.asarray(anchors)[None, :]), axis=1)
    distances = distance.tolist()
    for i in np.argsort(distance, kind="stable").tolist():
        line = page_lines[i]
        near = distances[i] <= NEAR_ARTICLE
        if not (near or "." in line) or not metadata_sized(
            line, None if word_counts is None else word_counts[i]
        ):
            continue
        below_title = title_index is not None and 0 < i - title_index <= BELOW_TITLE
        in_body = i in body_set and not is_pure_metadata(line, language)
        if in_body and not (below_title and not sentence_like(line)):
            continue  # a body line under the headline is read for its date only
        used = False
        if not in_body and meta.site is None and (site := parse_site(line, i < SITE_HEAD_LINES)):
            meta.site, used = site, True
        wants_byline = not in_body and meta.byline is None and near
        if wants_byline and (byline := parse_byline(line, language)):
            meta.byline, used = byline, True
        found = dateline_candidate(line, language) if near else None
        if found is None and below_title:
            found = opening_date(line, language)
        if found:
            datelines.append((int(found[1] > PLAIN_DATELINE_WORDS), len(datelines), i, found[0]))
        elif near and not used and not in_body and is_dateline(line, language=language):
            used = True  # an update's dateline: metadata, not article text
        if used:
            meta.lines.add(i)
    if datelines:
        _tier, _order, i, meta.published = min(datelines)
        meta.lines.add(i)
        if meta.byline is None:
            meta.byline = name_beside(page_lines, i, body_set, language)
    if meta.published is None:
        meta.published = header_dateline(page_lines, anchors, language)
    if meta.published is None and (labelled := labelled_dateline(page_lines, language)):
        i, meta.published = labelled
        if meta.byline is None and BYLINE_PREFIX_RE.match(page_lines[i]):
            meta.byline = parse_byline(page_lines[i], language)
    if meta.published is None and (first := first_date_written(page_lines, language)):
        i, meta.published = first
        if meta.byline is None and min(abs(i - a) for a in anchors) <= 2 * NEAR_ARTICLE:
            meta.byline = name_beside(page_lines, i, body_set, language, sides=(-1,))
    if meta.byline is None:
        meta.byline = labelled_name(page_lines, anchors, body_set, language)
    if meta.byline is None:
        meta.byline = vouched_name(page_lines, anchors, body_set, language)
    return meta


def first_date_written(page_lines: list[str], language: str | None) -> tuple[int, str] | None:
    """The last resort: the first date the page writes, when no dateline near the article, in
    the header or with a label was found. A page's first date is most often its own (a
    dateline 13 lines down, under a lead and a summary box; "-Aktualisiert am 28.04.2023"):
    on fundus's modern pages this trivial guess beat the path that gave no date (BENCHMARKS.md,
    session 14). Only on a short line that is no sentence (a date in the story's prose dates
    what it tells), and neither an update's date nor a date still to come."""
    for i, line in enumerate(page_lines):
        if not DIGIT_RE.search(line) or sentence_like(line) or not metadata_sized(line):
            continue
        found = find_dates(line, language)
        dates = [d for d in found if not is_future(d) and not is_update_date(line, d)]
        if dates:
            return i, iso_of(line, dates[0])
    return None


BELOW_TITLE = 3
"""Lines under the headline where a dateline may stand beside other page furniture."""
SENTENCE_WORDS = 8


def sentence_like(line: str) -> bool:
    """Ends like a sentence and is long enough to be one (not "Miércoles ... 07:46hrs.")."""
    return line.rstrip().endswith((".", "!", "?", "…")) and len(L.words(line)) > SENTENCE_WORDS


def opening_date(line: str, language: str | None) -> tuple[str, int] | None:
    """A line under the headline that opens with its date, whatever follows (the author, the
    sections: "21/06/2014 Tony Carter All, Books, Kit Reviews"), as a dateline of the
    second tier; a sentence that opens with a date is not one."""
    opens_with_digit = DIGIT_RE.match(line.lstrip(SEGMENT_EDGE)) is not None
    if not opens_with_digit or sentence_like(line) or COPYRIGHT_RE.search(line):
        return None
    dates = find_dates(line, language)
    if not dates or line[: dates[0].start].strip(SEGMENT_EDGE) or is_future(dates[0]):
        return None
    return iso_of(line, dates[0]), PLAIN_DATELINE_WORDS + 1


MARKDOWN_RE = re.compile(r"^(?:[#*>+-]+\s+)+|\\(?=[^\w\s])")
"""Markdown marks around metadata in html2text-like dumps: "### By Jane Doe", "* Von Anna
Müller", "Jane Doe \\- Nov 19, 2019" (a heading, a list item, an escaped dash)."""


def without_markdown(page_lines: list[str]) -> list[str]:
    """The lines without their Markdown marks (lines without any stay as they are)."""
    return [
        MARKDOWN_RE.sub("", line) if line[:1] in "#*>+-" or "\\" in line else line
        for line in page_lines
    ]


def name_beside(
    page_lines: list[str],
    dateline: int,
    body: set[int],
    language: str | None,
    sides: tuple[int, ...] = (-1, 1),
) -> str | None:
    """A line that is only a person's name right above or below the dateline ("Jane Doe" /
    "3 December 2019"), perhaps with the writer's role after it ("Jane Doe Parliamentary
    editor"), or only a news agency ("dpa"): the byline of pages that write it without "By".
    Not a role, a digit or a word of the page's menus ("Gesundheit Angst" beside "Musik" /
    "Gesundheit"). ``sides``: the lines looked at, as offsets from the dateline."""
    menu: set[str] | None = None
    for j in (dateline + side for side in sides):
        if not 0 <= j < len(page_lines) or j in body:
            continue
        line = page_lines[j].strip()
        if NEWS_AGENCY_LINE_RE.fullmatch(line):
            return line  # "dpa" / "28.04.2023 | 17:52 Uhr"
        name = line if is_name_line(line, language) else name_before_role(line, language)
        if name is None or name.isupper():
            continue
        menu = menu_words(page_lines) if menu is None else menu
        if not any(w.lower().strip(".,") in menu for w in name.split()):
            return name
    return None


NEWS_AGENCY_LINE_RE = re.compile(NEWS_AGENCY)
ROLE_RE = re.compile(
    r"(?:[\w-]+\s+){0,2}(?i:writer|reporter|contributor|columnist|editor|correspondent|"
    r"journalist(?:in)?|redakteur(?:in)?|korrespondent(?:in)?|journaliste|rédact(?:eur|rice)|"
    r"periodista|corresponsal|redactor(?:a)?|giornalista|redattore|redattrice|reporterin)\s*$"
)
"""The writer's role, with up to two words before it ("Parliamentary editor", "Redakteurin",
"Travel News Reporter")."""
ROLE_SPLIT_RE = re.compile(r"\s*[,|/–—-]\s*|\s+|(?<=[a-zà-ÿ])(?=[A-ZÀ-Þ])")
"""Where a name may end and its role begin: a separator, a space, or a capital printed against
the name ("Jane DoeTravel News Reporter")."""


def name_before_role(line: str, language: str | None, labelled: bool = False) -> str | None:
    """The name of a "name and role" line ("Jane Doe Parliamentary editor"): the shortest
    start that is a person's name and leaves only a role (the longest would take the role's
    first words for the surname)."""
    for split in ROLE_SPLIT_RE.finditer(line):
        name, rest = line[: split.start()], line[split.end() :]
        if name and rest and ROLE_RE.fullmatch(rest) and is_name_line(name, language, labelled):
            return name
    return None


BYLINE_LABEL_LINE_RE = re.compile(
    rf"^(?:[{UPPER}]\w*\s+)?(?P<by>by|{BYLINE_WORDS})\s*:?$|"
    rf"^(?:{AUTHOR_LABELS}|author of the article)\s*:?$",
    re.IGNORECASE,
)
"""A line that is only "By", "Von", "Kommentar von", "Autor:" or "Author of the article:": a
page that prints the label and the name as two blocks."""


def labelled_name(
    page_lines: list[str], anchors: list[int], body: set[int], language: str | None
) -> str | None:
    """The name on the line after a "By" / "Von" line near the headline or the article's
    start, or right before or after an author label ("Jane Doe" / "Author of the article:")."""
    low, high = max(min(anchors) - NEAR_ARTICLE, 0), max(anchors) + NEAR_ARTICLE
    for i in range(low, min(high + 1, len(page_lines))):
        label = BYLINE_LABEL_LINE_RE.match(page_lines[i].strip())
        if label is None:
            continue
        sides = (i + 1,) if label["by"] else (i + 1, i - 1)
        for j in sides:
            inside = 0 <= j < len(page_lines) and j not in body
            if inside and (name := name_at_start(page_lines[j], language)):
                return name
    return None


def name_at_start(line: str, language: str | None) -> str | None:
    """The line as a person's name, without a role or an age printed after it ("Jane Doe0",
    "Jane DoeTravel News Reporter", "Jane Doe 2 hours ago")."""
    line = line.strip()
    if DATELINE_PREFIX_RE.match(line):
        return None  # "Published Jun 04, 2026": a dateline, not a name and a number
    before_digit = re.split(r"\s*\d", line, maxsplit=1)[0]
    for name in (line, before_digit):
        if name and not name.isupper() and is_name_line(name, language, labelled=True):
            return name
    name = name_before_role(line, language, labelled=True)
    return name if name and not name.isupper() else None


def menu_words(page_lines: list[str]) -> set[str]:
    """The lines (lower case) that are one word standing next to another one-word line: a
    menu's run of items ("Musik" / "Gesundheit" / "Genuss"), not a name's words (a site's name
    alone at the top is no run)."""
    one = [len(line.split()) == 1 for line in page_lines] + [False]
    return {
        line.strip().lower()
        for i, line in enumerate(page_lines)
        if one[i] and ((i > 0 and one[i - 1]) or one[i + 1])
    }


AUTHOR_BEFORE_RE = re.compile(
    rf"(?:^|\W)(?:by|{BYLINE_WORDS}|write to|more from|mehr von|plus de|más de|contact|kontakt|"
    rf"{AUTHOR_LABELS})\W*$",
    re.IGNORECASE,
)
AUTHOR_AFTER_RE = re.compile(
    r"^\W*(?:['’]s\s+)?(?:(?:most\s+)?recent|latest|stories|articles|posts|follow|folgen)\b",
    re.IGNORECASE,
)
"""Words right around an author's name where a page names its writer again: "Reporting by
…", "Write to … at", "…'s Most Recent Stories", "Mehr von …", "find more by …"."""
NAME_LINE_WORDS = (2, 4)
ROLE_WORD_RE = re.compile(
    r"\b(?i:writer|reporter|contributor|columnist|editor|correspondent|moderator|journalist|"
    r"redakteur|korrespondent|journaliste|periodista)",
)
"""A writer's role ("Political Editor", "Forum Moderator"): not a person's name (a desk such as
"Redaktion" may be the declared author, so it is not here)."""


def vouched_name(
    page_lines: list[str], anchors: list[int], body: set[int], language: str | None
) -> str | None:
    """A line that is only a person's name near the headline or the article's start, when the
    page names the same person again beside an author word ("Jane Doe" under the headline,
    "More from Jane Doe" or "Write to Jane Doe at" further down). A lone name line is too
    often a section heading ("Latin America") to be taken on its own."""
    low, high = min(anchors) - NEAR_ARTICLE, max(anchors) + NEAR_ARTICLE
    lowered: list[str] = []
    for i in range(max(low, 0), min(high + 1, len(page_lines))):
        name = page_lines[i].strip()
        if i in body or not is_name_line(name, language):
            continue
        key = name.lower()
        lowered = lowered or [line.lower() if len(line) < 300 else "" for line in page_lines]
        for j, other in enumerate(lowered):
            if j != i and key in other and named_as_author(other, other.find(key), key):
                return name
    return None


def named_as_author(line: str, at: int, key: str) -> bool:
    """The name found at ``at`` in ``line`` stands right after or before an author word."""
    return at >= 0 and (
        AUTHOR_BEFORE_RE.search(line[:at]) is not None
        or AUTHOR_AFTER_RE.match(line[at + len(key) :]) is not None
    )


def is_name_line(name: str, language: str | None, labelled: bool = False) -> bool:
    """Two to four capitalised words, none a stop word, a digit or a writer's role: how a
    person's name looks.

    ``labelled``: a "By" or "Author" label vouches for the line. Then a name's particle ("de",
    "van") and a stop word that is a common first name may stand in it: the stop-word lists are
    lists of frequent words and hold "James", "David", "Michael"; only a word as frequent as
    a function word (:data:`FUNCTION_WORD_ZIPF`) still rules the line out."""
    words = name.split()
    if not NAME_LINE_WORDS[0] <= len(words) <= NAME_LINE_WORDS[1]:
        return False
    if DIGIT_RE.search(name) or not CAPITALISED_NAMES_RE.fullmatch(name):
        return False
    if ROLE_WORD_RE.search(name) or AUTHOR_AFTER_RE.match(name):
        return False  # "Political Editor", "Recent Posts"
    stop = stop_words_with_english(language)
    found = [w.lower().strip(".,") for w in words if w.lower().strip(".,") in stop]
    if labelled:
        found = [w for w in found if w not in NAME_PARTICLES and is_function_word(w, language)]
    return not found


FUNCTION_WORD_ZIPF = 5.5
"""Word frequency (Zipf scale) from which a stop word is a function word ("für" 6.9, "more"
6.4), not a first name that frequency lists also hold ("James" 5.1, "John" 5.4)."""
NAME_PARTICLES = frozenset({"de", "del", "van", "von", "der", "da", "di", "du", "dos", "al",
                            "bin", "la", "le", "y"})  # fmt: skip
"""Lower-case words inside a name (:data:`CAPITALISED_NAME`): "Michelle de Oliveira"."""


def is_function_word(word: str, language: str | None) -> bool:
    from wordfreq import zipf_frequency

    return zipf_frequency(word, language or "en") >= FUNCTION_WORD_ZIPF or (
        zipf_frequency(word, "en") >= FUNCTION_WORD_ZIPF
    )


@lru_cache(maxsize=16)
def stop_words_with_english(language: str | None) -> frozenset[str]:
    from storylens.languages import justext_stop_words

    return justext_stop_words(language) | justext_stop_words("en")


def labelled_dateline(page_lines: list[str], language: str | None) -> tuple[int, str] | None:
    """The first dateline anywhere that says what it dates ("Published: 3 December 2019",
    "Veröffentlicht am ...", "By Jane Doe Nov 18, 2019"): the label vouches for it far from
    the headline too. Its line number and its date."""
    for i, line in enumerate(page_lines):
        if (
            (DATELINE_PREFIX_RE.match(line) or BYLINE_PREFIX_RE.match(line))
            and DIGIT_RE.search(line)
            and metadata_sized(line)
            and (found := dateline_date(line, language))
        ):
            return i, found
    return None


def metadata_sized(line: str, n_words: int | None = None) -> bool:
    """Short enough for a metadata line; a labelled dateline ("Published: ... | Updated: ...")
    or one of ``|``-separated parts ("28.04.2021 | Quelle: dpa | Lesedauer 4 min.") may be twice
    as long. ``n_words``: ``len(words(line))`` when the caller has it."""
    if line.count(" ") > 3 * MAX_METADATA_WORDS:  # cheap screen: long prose is never metadata
        return False
    n_words = len(L.words(line)) if n_words is None else n_words
    if n_words <= MAX_METADATA_WORDS:
        return True
    return n_words <= 2 * MAX_METADATA_WORDS and (
        DATELINE_PREFIX_RE.match(line) is not None
        or SEGMENT_SPLIT_RE.search(line) is not None
        or (
            BYLINE_PREFIX_RE.match(line) is not None
            and DIGIT_RE.search(line) is not None
            and parse_byline(line) is not None  # a dated byline, not "By Tuesday, …"
        )
    )


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
