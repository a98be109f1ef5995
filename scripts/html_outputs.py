"""Every field the HTML path gives for every HTML bench page, to prove a speed change kept output.

    PYTHONPATH=src python scripts/html_outputs.py dump OUT.jsonl [BENCH_DIR]
    PYTHONPATH=src python scripts/html_outputs.py diff BEFORE.jsonl AFTER.jsonl

``dump`` runs each page of html-extraction and snippets-dev (BENCH_DIR, by default
/work/shared/bench) through ``extract_page`` (the path ``storylens bench extract --html`` and
users take) and writes one JSON line per page: title, body, date, byline, site, language and
every removed block with its reason, plus the page's CPU seconds. ``diff`` compares two dumps
field by field (CPU left out), prints each difference and exits 1 when there is any.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

OUTPUT_FIELDS = ("title", "body", "published", "byline", "site", "language", "removed")


def bench_pages(bench: Path) -> list[tuple[str, str]]:
    """(name, decoded HTML) of every page of both HTML corpora, in the bench's order."""
    from storylens.bench.extract import HTML_DIR, iter_html_pages, iter_snippet_pages

    pages = [(f"html/{key}", html) for key, html, _gold in iter_html_pages(bench / HTML_DIR, None)]
    pages += [
        (f"snippets/{p.id}", p.html or "") for p in iter_snippet_pages(bench / "snippets-dev", None)
    ]
    return pages


def dump(out: Path, bench: Path) -> None:
    from storylens.extract import extract_page
    from storylens.models import Page

    pages = bench_pages(bench)
    extract_page(Page(id="warm", origin="warm", kind="html", content=pages[0][1]))
    total = 0.0
    with out.open("w", encoding="utf-8") as handle:
        for name, html in pages:
            started = time.process_time()
            article = extract_page(Page(id=name, origin=name, kind="html", content=html))
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


if __name__ == "__main__":
    command, *args = sys.argv[1:]
    if command == "dump":
        dump(Path(args[0]), Path(args[1]) if len(args) > 1 else Path("/work/shared/bench"))
    elif command == "diff":
        sys.exit(diff(Path(args[0]), Path(args[1])))
    else:
        sys.exit(__doc__)
