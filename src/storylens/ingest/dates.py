"""The ``published`` an input record gives, as ISO 8601, or a note saying why it is not used.

Pipelines write publication times in many forms: ISO 8601, RSS's RFC 2822
("Tue, 02 Dec 2025 10:00:00 GMT"), Unix seconds or milliseconds (as numbers or digit strings).
Stored raw, anything but ISO sorts wrongly beside ISO and the story engine cannot read epochs,
so each is turned into ISO 8601 here; a value that is no date, or a numeric date that reads
both day-first and month-first ("02/12/2025"), is dropped with a note, and the date the page
itself states is used instead.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime

from storylens.timestamps import parse_time

EPOCH_DIGITS = re.compile(r"^\d{9,13}(?:\.\d+)?$")
YEAR = re.compile(r"(?<!\d)(?:1[89]|2[01])\d\d(?!\d)")
"""A free-form date must name its year: dateutil fills a missing one with this year's."""
MILLISECONDS_FROM = 100_000_000_000
"""An epoch number at least this big counts milliseconds (as seconds it lies past year 5000)."""
FALLBACK = "the date the page states is used instead"


FUTURE_SLACK = timedelta(days=2)
"""How far past now a stated publication time may lie (time zones, embargoed copy); later is
an input error ("3019-01-01"), which would sort the story ahead of every other for ever."""


def published_iso(value: object) -> tuple[str | None, str | None]:
    """``(ISO 8601 or None, note or None)`` for a record's ``published`` value."""
    iso, note = _as_iso(value)
    moment = parse_time(iso)
    if moment is not None and moment > datetime.now(UTC) + FUTURE_SLACK:
        return None, f"'published' {iso[:25]!r} lies in the future: {FALLBACK}"
    return iso, note


def _as_iso(value: object) -> tuple[str | None, str | None]:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None, None
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        return None, f"'published' is {json_type(value)}, not a date: {FALLBACK}"
    text = str(value).strip()
    if EPOCH_DIGITS.match(text):
        return _from_epoch(float(text))
    if _is_iso(text):
        return text, None
    parsed = _rfc2822(text) or _unambiguous(text)
    if isinstance(parsed, datetime):
        return parsed.isoformat(), None
    why = parsed or "is not a date"
    return None, f"'published' {text[:60]!r} {why}: {FALLBACK}"


def _from_epoch(seconds: float) -> tuple[str | None, str | None]:
    if seconds >= MILLISECONDS_FROM:
        seconds /= 1000
    try:
        moment = datetime.fromtimestamp(seconds, UTC)
    except (OverflowError, OSError, ValueError):
        return None, f"'published' {seconds!r} is out of range as a Unix time: {FALLBACK}"
    return moment.isoformat(timespec="seconds"), None


def _is_iso(text: str) -> bool:
    return parse_time(text) is not None


def _rfc2822(text: str) -> datetime | None:
    try:
        return parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None


def _unambiguous(text: str) -> datetime | str | None:
    """A date dateutil reads the same day-first and month-first; else why not (or None)."""
    from dateutil import parser as date_parser

    if not YEAR.search(text):
        return None
    try:
        month_first = date_parser.parse(text)
        day_first = date_parser.parse(text, dayfirst=True)
    except (ValueError, OverflowError):
        return None
    if month_first != day_first:
        return "reads both day-first and month-first"
    return month_first


def json_type(value: object) -> str:
    """A value's type in JSON's words (whoever reads the error wrote JSON, not Python)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    names = {dict: "an object", list: "an array", str: "a string"}
    return names.get(type(value), type(value).__name__)
