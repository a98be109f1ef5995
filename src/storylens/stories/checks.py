"""Checks on incoming articles that the engine reports as notes instead of failing on.

Bad input is normal input: an article without text, without a title, with a date that cannot be
read or lies in the future, or in another language is still assigned somewhere, and the
assignment says what was odd about it.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

SECONDS_PER_DAY = 86_400.0
FUTURE_TOLERANCE = timedelta(days=1)
"""Time zones and clock skew: a date up to a day ahead is not called 'in the future'."""


def event_time(
    published: str | None, now: datetime | None = None
) -> tuple[float | None, str | None]:
    """Publication time in days since the epoch, or None with a note saying why it is unusable."""
    if not published or not published.strip():
        return None, None
    from dateutil import parser as date_parser  # here: listing stories never parses dates

    try:
        moment = date_parser.parse(published)
    except (ValueError, OverflowError) as exc:
        return None, f"unparseable published date {published!r} ignored ({exc.__class__.__name__})"
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    if moment > (now or datetime.now(UTC)) + FUTURE_TOLERANCE:
        return None, f"published date {published!r} is in the future; ignored"
    return moment.timestamp() / SECONDS_PER_DAY, None


def iso_from_days(days: float | None) -> str | None:
    if days is None:
        return None
    return datetime.fromtimestamp(days * SECONDS_PER_DAY, UTC).isoformat(timespec="seconds")


def language_note(language: str | None) -> str | None:
    """A note when the article's language has no stop-word list (its words all count, so
    it is grouped less reliably); every language with a list is handled like English."""
    from storylens.stories.language import has_stop_words

    if language is None or has_stop_words(language):
        return None
    return f"language {language!r} has no stop-word list: grouped on all its words"
