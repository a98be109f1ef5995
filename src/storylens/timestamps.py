"""ISO 8601 publication times as aware datetimes, for every stage that compares or sorts them
(ingest checks a stated time, compare orders reports, store ranks stories, web lays out a
timeline): one reading of ``Z`` and of times without an offset (taken as UTC)."""

from __future__ import annotations

from datetime import UTC, datetime


def parse_time(value: str | None) -> datetime | None:
    """An ISO 8601 time as an aware datetime (naive times are taken as UTC), else None."""
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
