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

import sys
from pathlib import Path

from output_dumps import diff, write_dump


def bench_pages(bench: Path) -> list[tuple[str, str]]:
    """(name, decoded HTML) of every page of both HTML corpora, in the bench's order."""
    from storylens.bench.extract import HTML_DIR, iter_html_pages, iter_snippet_pages

    pages = [(f"html/{key}", html) for key, html, _gold in iter_html_pages(bench / HTML_DIR, None)]
    pages += [
        (f"snippets/{p.id}", p.html or "") for p in iter_snippet_pages(bench / "snippets-dev", None)
    ]
    return pages


def dump(out: Path, bench: Path) -> None:
    from storylens.models import Page

    pages = [
        (name, Page(id=name, origin=name, kind="html", content=html), frozenset[str]())
        for name, html in bench_pages(bench)
    ]
    write_dump(out, pages)


if __name__ == "__main__":
    command, *args = sys.argv[1:]
    if command == "dump":
        dump(Path(args[0]), Path(args[1]) if len(args) > 1 else Path("/work/shared/bench"))
    elif command == "diff":
        sys.exit(diff(Path(args[0]), Path(args[1])))
    else:
        sys.exit(__doc__)
