"""The optional outlet registry, stored beside the articles.

Outlet names themselves follow one rule for every stage (:mod:`storylens.outlets`). The
registry (``storylens outlets import outlets.csv``) adds what the pages cannot say: country,
language, owner and any columns a user keeps (a leaning, a region...). storylens ships no
registry and no ratings: every value in it is the user's.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from storylens.outlets import UNNAMED_OUTLET, domain_of, outlet_name, outlet_names

__all__ = ["UNNAMED_OUTLET", "domain_of", "outlet_name", "outlet_names"]

if TYPE_CHECKING:
    from storylens.store.base import Store

OUTLET_SCHEMA = """
CREATE TABLE IF NOT EXISTS outlets (
    name TEXT PRIMARY KEY,
    domains TEXT NOT NULL,
    country TEXT,
    language TEXT,
    owner TEXT,
    extra TEXT NOT NULL
);
"""
CORE_COLUMNS = ("name", "domains", "country", "language", "owner")


class RegistryError(ValueError):
    """The registry file cannot be read; the message names the file and the line."""


@dataclass(frozen=True)
class Outlet:
    """One registered outlet; ``extra`` holds the user's own columns (e.g. ``leaning``)."""

    name: str
    domains: list[str]
    country: str | None = None
    language: str | None = None
    owner: str | None = None
    extra: dict[str, str] = field(default_factory=dict)

    def value(self, column: str) -> str | None:
        """The value of a core or user column, None when empty."""
        if column in ("country", "language", "owner"):
            return getattr(self, column) or None
        return self.extra.get(column) or None


# the registry ------------------------------------------------------------------------------


def read_registry_csv(path: Path) -> list[Outlet]:
    """Outlets from a CSV with a header: ``name`` required, ``domains`` separated by ``;`` or
    spaces, ``country``, ``language``, ``owner`` optional, any other column kept as is."""
    import csv

    try:
        with path.open(newline="", encoding="utf-8-sig") as handle:
            rows = list(csv.DictReader(handle))
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise RegistryError(f"{path}: cannot read the outlet registry ({exc})") from exc
    if not rows or "name" not in rows[0]:
        raise RegistryError(f"{path}: needs a header line with a 'name' column")
    outlets = []
    for line, row in enumerate(rows, start=2):
        name = (row.get("name") or "").strip()
        if not name:
            raise RegistryError(f"{path}:{line}: empty outlet name")
        outlets.append(_outlet_from_row(row, name))
    return outlets


def _outlet_from_row(row: dict[str, str | None], name: str) -> Outlet:
    raw_domains = (row.get("domains") or "").replace(";", " ").replace(",", " ").split()
    domains = [d for d in (domain_of(x.lower()) for x in raw_domains) if d]
    extra = {
        k.strip(): (v or "").strip()
        for k, v in row.items()
        if k and k.strip() not in CORE_COLUMNS and (v or "").strip()
    }
    return Outlet(
        name=name,
        domains=domains,
        country=(row.get("country") or "").strip() or None,
        language=(row.get("language") or "").strip() or None,
        owner=(row.get("owner") or "").strip() or None,
        extra=extra,
    )


def save_outlets(store: Store, outlets: Iterable[Outlet]) -> int:
    """Insert or update outlets by name, in one transaction; returns how many were written."""
    store.ensure_schema(OUTLET_SCHEMA)
    count = 0
    with store.transaction() as conn:
        for outlet in outlets:
            conn.execute(
                "INSERT INTO outlets (name, domains, country, language, owner, extra) "
                "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (name) DO UPDATE SET "
                "domains = excluded.domains, country = excluded.country, "
                "language = excluded.language, owner = excluded.owner, extra = excluded.extra",
                (outlet.name, json.dumps(outlet.domains), outlet.country, outlet.language,
                 outlet.owner, json.dumps(outlet.extra, ensure_ascii=False)),
            )  # fmt: skip
            count += 1
    return count


def table_exists(store: Store, table: str) -> bool:
    """Whether a table exists (reads must never create tables)."""
    return table.lower() in store.table_names()


def load_outlets(store: Store) -> list[Outlet]:
    """Every registered outlet, by name (none when no registry was imported)."""
    if not table_exists(store, "outlets"):
        return []
    rows = store.conn.execute(
        "SELECT name, domains, country, language, owner, extra FROM outlets ORDER BY name"
    ).fetchall()
    return [
        Outlet(r[0], json.loads(r[1]), r[2], r[3], r[4], json.loads(r[5])) for r in rows
    ]


def registry_columns(outlets: list[Outlet]) -> list[str]:
    """Columns coverage can be grouped by: the core ones in use, then the user's own."""
    core = [c for c in ("country", "language", "owner") if any(o.value(c) for o in outlets)]
    extra = sorted({k for o in outlets for k in o.extra})
    return core + extra


class OutletMatcher:
    """Finds the registered outlet of an article by its URL's domain or its site name."""

    def __init__(self, outlets: list[Outlet]) -> None:
        self.outlets = outlets
        self._by_domain = {d: o for o in outlets for d in o.domains}
        self._by_name = {o.name.casefold(): o for o in outlets}
        for outlet in outlets:
            for domain in outlet.domains:
                self._by_name.setdefault(domain.casefold(), outlet)

    def match(self, site: str | None, url: str | None) -> Outlet | None:
        domain = domain_of(url)
        while domain:
            if domain in self._by_domain:
                return self._by_domain[domain]
            domain = domain.partition(".")[2] if domain.count(".") > 1 else None
        return self._by_name.get((site or "").strip().casefold())
