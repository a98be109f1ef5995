"""Shared by ``html_outputs.py`` and ``text_outputs.py``: dump every field ``extract_page`` gives
for a list of pages, and diff two dumps field by field (CPU seconds left out)."""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Sequence
from pathlib import Path

OUTPUT_FIELDS = ("title", "body", "published", "byline", "site", "language", "removed")

# (name, Page, template lines)
Item = tuple[str, object, frozenset[str]]


def write_dump(out: Path, pages: Sequence[Item]) -> None:
    """One JSON line per page: its output fields, every removed block with its reason, and the
    CPU seconds ``extract_page`` took (the first page is extracted once beforehand to warm up)."""
    from storylens.extract import extract_page

    extract_page(pages[0][1])  # type: ignore[arg-type]
    total = 0.0
    with out.open("w", encoding="utf-8") as handle:
        for name, page, lines in pages:
            started = time.process_time()
            article = extract_page(page, template_lines=lines)  # type: ignore[arg-type]
            cpu = time.process_time() - started
            total += cpu
            record = {
                field: getattr(article, field) for field in OUTPUT_FIELDS if field != "removed"
            }
            record["removed"] = [[r.text, r.reason] for r in article.removed]
            handle.write(json.dumps({"page": name, **record, "cpu": round(cpu, 5)}) + "\n")
    print(f"{len(pages)} pages, {total:.2f} CPU s in extract_page", file=sys.stderr)


def read(path: Path) -> dict[str, dict]:
    with path.open(encoding="utf-8") as handle:
        return {(row := json.loads(line))["page"]: row for line in handle}


def diff(before_path: Path, after_path: Path) -> int:
    """Print each differing field of two dumps; 1 when there is any, else 0."""
    before, after = read(before_path), read(after_path)
    differences = 0
    for name in sorted(before.keys() | after.keys()):
        if name not in before or name not in after:
            print(f"{name}: only in {'after' if name not in before else 'before'}")
            differences += 1
            continue
        for field in OUTPUT_FIELDS:
            if before[name].get(field) != after[name].get(field):
                differences += 1
                print(
                    f"{name}: {field} differs:\n  before {before[name].get(field)!r:.300}"
                    f"\n  after  {after[name].get(field)!r:.300}"
                )
    cpu = [sum(row["cpu"] for row in rows.values()) for rows in (before, after)]
    print(
        f"{len(after)} pages, {differences} differing fields; "
        f"CPU in extract_page {cpu[0]:.2f} s -> {cpu[1]:.2f} s (separate runs)"
    )
    return 1 if differences else 0
