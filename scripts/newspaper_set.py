"""Convert newspaper4k's test pages into a JSONL set for ``storylens bench extract --part
external`` (a held-out check: no storylens rule was written looking at these pages).

Source (read from a bare git mirror with ``git show``; nothing is downloaded here):
**newspaper4k**, https://github.com/AndyTheFactory/newspaper4k, MIT License, commit 540bff3e
(2026-04-08). ``tests/data/html/<name>.html`` are saved pages (CNN, Time, Wired, Chinese,
Japanese, Arabic, Thai, Burmese, Latvian, Spanish ... news sites, 2005-2023);
``tests/data/txt/<name>.txt`` is the article text newspaper4k's tests expect its extractor to
give for that page; ``tests/data/metadata/<name>.json`` what they expect for ``title``,
``authors``, ``publish_date``, ``language`` (and more), checked by ``test_known_websites`` and
``test_language_articles``. These are **newspaper4k's own output fixed in its tests** (like
Readability's expected pages): a reference extractor's choice, not human gold. Its tests say so
of one page: the Latvian text misses the article's lead ("known issue").

Rules, fixed before scoring:

- a page without an expected text is skipped ("no expected text": site front pages, redirects,
  an RSS file); a page whose HTML is byte-identical to an earlier page's (by name) is skipped
  ("duplicate page");
- **body** = the expected text; **title** = ``title``; **published** = the day (first ten
  characters) of ``publish_date``, which is what newspaper4k's test compares; **language** =
  ``language`` of the metadata, else the language ``language_article_fixture`` in its
  ``tests/conftest.py`` gives the page; **url** = ``url`` of the metadata, else the fixture's;
- no byline gold: newspaper4k's expected ``authors`` are its own guesses and some are plainly
  not names (a share button's host, "Print", "on December"); they are kept as
  ``byline_newspaper4k`` (unscored) for reading; no site gold;
- skips are counted in ``newspaper4k.stats.json`` beside the set.

The data is for evaluation only: write it OUTSIDE the repository (default
``/work/scratch/np4k/sets``) and never commit it.

Usage: ``python scripts/newspaper_set.py [--newspaper GITDIR] [--out DIR]``.
"""

from __future__ import annotations

import argparse
import ast
import json
from collections import Counter
from pathlib import Path

from external_html_sets import (  # scripts/: the bare-mirror readers, and the set writer
    decode,
    git_ls,
    git_show,
    refuse_repository,
    write,
)

DEFAULT_NEWSPAPER = Path("/work/.mirror/AndyTheFactory+newspaper4k/repo")
DEFAULT_OUT = Path("/work/scratch/np4k/sets")
DATA = "tests/data"
CONFTEST = "tests/conftest.py"
LANGUAGE_FIXTURE = "language_article_fixture"


def squash(text: str) -> str:
    return " ".join(text.split())


def fixture_pages(conftest: str) -> dict[str, tuple[str, str]]:
    """``{name: (url, language)}`` from the literal list the language fixture returns."""
    for node in ast.walk(ast.parse(conftest)):
        if isinstance(node, ast.FunctionDef) and node.name == LANGUAGE_FIXTURE:
            for statement in node.body:
                if isinstance(statement, ast.Return) and statement.value is not None:
                    entries = ast.literal_eval(statement.value)
                    return {name: (url, lang) for name, url, lang in entries}
    return {}


def page_row(name: str, html: str, text: str, meta: dict, fixture: tuple[str, str] | None) -> dict:
    """One set row from a page, its expected text and its expected metadata (may be empty)."""
    url, fixture_lang = fixture or (None, None)
    authors = [squash(a) for a in meta.get("authors") or [] if squash(a)]
    published = meta.get("publish_date")
    return {
        "id": f"newspaper4k/{name}",
        "set": "newspaper4k",
        "url": meta.get("url") or url,
        "html": html,
        "title": squash(meta.get("title") or "") or None,
        "byline": None,
        "byline_newspaper4k": ", ".join(authors) or None,
        "published": published[:10] if published else None,
        "site": None,
        "lang": meta.get("language") or fixture_lang or None,
        "body": "\n".join(squash(line) for line in text.splitlines() if squash(line)),
    }


def build(repo: Path) -> tuple[list[dict], dict]:
    stats: Counter[str] = Counter()
    fixtures = fixture_pages(decode(git_show(repo, CONFTEST) or b""))
    rows, seen = [], set()
    for file_name in sorted(git_ls(repo, f"{DATA}/html")):
        name = file_name.removesuffix(".html")
        stats["pages"] += 1
        data = git_show(repo, f"{DATA}/html/{file_name}") or b""
        text = git_show(repo, f"{DATA}/txt/{name}.txt")
        if not text or not text.strip():
            stats["skipped: no expected text"] += 1
            continue
        if data in seen:
            stats["skipped: duplicate page"] += 1
            continue
        seen.add(data)
        meta_raw = git_show(repo, f"{DATA}/metadata/{name}.json")
        meta = json.loads(meta_raw) if meta_raw else {}
        rows.append(page_row(name, decode(data), decode(text), meta, fixtures.get(name)))
    languages = Counter(row["lang"] or "?" for row in rows)
    return rows, {"kept": len(rows), **stats, "languages": dict(languages.most_common())}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--newspaper", type=Path, default=DEFAULT_NEWSPAPER, help="git dir")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output folder")
    args = parser.parse_args(argv)
    refuse_repository(parser, args.out)
    write(*build(args.newspaper), args.out, "newspaper4k")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
