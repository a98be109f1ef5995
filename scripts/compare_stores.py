"""Row-for-row comparison of two SQLite stores (issue 10's speed work: same output, faster).

    PYTHONPATH=src python scripts/compare_stores.py BEFORE.db AFTER.db

Every table both stores have is compared as a sorted multiset of rows, leaving out the wall-clock
columns (``created_at``, ``updated_at``, ``ingested_at``): stories, their articles, members,
state, storylines, duplicates (``story_signatures``, ``story_articles.duplicate_of``), document
frequencies and stored facts. Prints one line per table and exits 1 when any differs.
"""

from __future__ import annotations

import sqlite3
import sys

CLOCK_COLUMNS = {"created_at", "updated_at", "ingested_at"}


def table_rows(conn: sqlite3.Connection, table: str) -> list[tuple]:
    """The table's rows without its wall-clock columns, sorted (row order is not output)."""
    columns = [row[1] for row in conn.execute(f"PRAGMA table_info({table})")]
    kept = [c for c in columns if c not in CLOCK_COLUMNS]
    rows = conn.execute(f"SELECT {', '.join(kept)} FROM {table}").fetchall()
    return sorted(rows, key=repr)


def tables(conn: sqlite3.Connection) -> set[str]:
    rows = conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
    return {row[0] for row in rows} - {"sqlite_sequence"}


def main(before: str, after: str) -> int:
    a, b = sqlite3.connect(before), sqlite3.connect(after)
    different = 0
    for table in sorted(tables(a) | tables(b)):
        if table not in tables(a) or table not in tables(b):
            print(f"{table}: only in {'after' if table in tables(b) else 'before'}")
            different += 1
            continue
        rows_a, rows_b = table_rows(a, table), table_rows(b, table)
        if rows_a == rows_b:
            print(f"{table}: identical ({len(rows_a)} rows)")
            continue
        different += 1
        only_a = len(set(rows_a) - set(rows_b))
        only_b = len(set(rows_b) - set(rows_a))
        print(f"{table}: DIFFERENT ({len(rows_a)} vs {len(rows_b)} rows; "
              f"{only_a} only before, {only_b} only after)")  # fmt: skip
    print("identical" if not different else f"{different} table(s) differ")
    return 1 if different else 0


if __name__ == "__main__":
    if len(sys.argv) != 3:
        raise SystemExit(__doc__)
    raise SystemExit(main(sys.argv[1], sys.argv[2]))
