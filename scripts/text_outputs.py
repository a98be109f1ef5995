"""Every field the plain-text path gives for every text bench page, to prove a speed change kept
output (the plain-text twin of ``scripts/html_outputs.py``).

    PYTHONPATH=src python scripts/text_outputs.py dump OUT.jsonl [BENCH_DIR or PAGES.pickle]
    PYTHONPATH=src python scripts/text_outputs.py diff BEFORE.jsonl AFTER.jsonl
    PYTHONPATH=src python scripts/text_outputs.py pages PAGES.pickle [BENCH_DIR]

``pages`` renders the pages once (about a minute: html2text and inscriptis on ~700 HTML pages)
and stores them; ``dump OUT.jsonl PAGES.pickle`` then reads them from there.

``dump`` runs through ``extract_page`` (the path ``storylens extract``/``ingest`` take for text):

- the corpora of ``storylens bench extract``'s plain-text part: boilerplate-dev, and
  html-extraction and snippets-dev rendered by every installed renderer (blocks, html2text,
  inscriptis), each page with the template lines the bench gives it (other pages of its site);
- stories-dev and storylines-dev as ``storylens ingest`` reads them (``read_pages``: title,
  date and site hints given with the record; site templates learned per window).

It writes one JSON line per page: title, body, date, byline, site, language and every removed
block with its reason, plus the page's CPU seconds. ``diff`` compares two dumps field by field
(CPU left out), prints each difference and exits 1 when there is any.
"""

from __future__ import annotations

import pickle
import sys
from pathlib import Path

from output_dumps import diff, write_dump

OUTPUT_FIELDS = ("title", "body", "published", "byline", "site", "language", "removed")
INGEST_FILES = ("stories-dev.jsonl", "storylines-dev.jsonl")
BENCH = Path("/work/shared/bench")


def bench_pages(bench: Path) -> list[tuple[str, object, frozenset[str]]]:
    """(name, Page, template lines) of every plain-text page, in a fixed order."""
    from storylens.bench.extract import load_corpora, site_templates
    from storylens.extract import window_templates
    from storylens.ingest import read_pages
    from storylens.models import Page

    pages: list[tuple[str, object, frozenset[str]]] = []
    for corpus in load_corpora(bench):
        templates = site_templates([page.text for page in corpus.pages])
        for page, lines in zip(corpus.pages, templates, strict=True):
            name = f"{corpus.name}/{page.id}"
            pages.append((name, Page(id=name, origin=name, kind="text", content=page.text), lines))
    for file in INGEST_FILES:
        read = [p for p in read_pages([str(bench / file)]) if isinstance(p, Page)]
        for page, lines in zip(read, window_templates(list(read)), strict=True):
            pages.append((f"{file}/{page.id}", page, lines))
    return pages


def load_pages(source: Path) -> list[tuple[str, object, frozenset[str]]]:
    """The pages of a bench folder, or as stored by the ``pages`` command."""
    if source.is_file():
        with source.open("rb") as handle:
            return pickle.load(handle)
    return bench_pages(source)


def dump(out: Path, source: Path) -> None:
    write_dump(out, load_pages(source))


if __name__ == "__main__":
    command, *args = sys.argv[1:]
    if command == "dump":
        dump(Path(args[0]), Path(args[1]) if len(args) > 1 else BENCH)
    elif command == "pages":
        with Path(args[0]).open("wb") as handle:
            pickle.dump(bench_pages(Path(args[1]) if len(args) > 1 else BENCH), handle)
    elif command == "diff":
        sys.exit(diff(Path(args[0]), Path(args[1])))
    else:
        sys.exit(__doc__)
