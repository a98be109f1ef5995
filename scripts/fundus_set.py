"""Convert fundus's parser test pages into a JSONL set for ``storylens bench extract --part
external`` (a held-out check: no storylens rule was written looking at these pages).

Source (read from a bare git mirror with ``git show``; nothing is downloaded here): **fundus**,
https://github.com/flairNLP/fundus, MIT License, commit 18da6e53 (2026-08-05).
``tests/resources/parser/test_data/<country>/<Publisher>_<YYYY_MM_DD>.html.gz`` are saved
article pages of news sites in 40+ countries (2023-2026); ``<Publisher>.json`` holds, per
parser version (``V1``, ``V1_1``, ``V2`` ...), what fundus's hand-written per-site parser must
extract from that version's page: ``title``, ``authors``, ``publishing_date``, ``body``
(``summary``, ``sections[{headline, paragraphs}]``), ``topics``; ``meta.info`` gives each page's
URL. The gold is checked by people writing the parsers (a parser's output, fixed in a test).

Rules, fixed before scoring:

- **which gold belongs to which page**: fundus picks the version by the page's crawl date; here,
  without fundus's code, each page takes the version whose body paragraphs occur most often
  (whitespace-normalised substrings) in the page's text; a page whose best version has under
  half of its paragraphs in the page is skipped ("no matching gold");
- **gold body** = summary, then each section's headline and paragraphs, one per line; a page
  with no gold body is skipped ("no gold body");
- **byline** = the authors joined with ", "; **published** = ``publishing_date`` as written;
  no site gold (fundus has none);
- **language** = the page's ``<html lang>`` primary subtag, else the country's main language
  (``COUNTRY_LANGUAGE``; none for a country with several);
- skips are counted in ``fundus.stats.json`` beside the set.

The data is for evaluation only: write it OUTSIDE the repository (default
``/work/scratch/fundus/sets``) and never commit it.

Usage: ``python scripts/fundus_set.py [--fundus GITDIR] [--out DIR]``.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
from collections import Counter
from pathlib import Path

from external_html_sets import (  # scripts/: the same bare-mirror readers, and the set writer
    git_ls,
    git_show,
    refuse_repository,
    write,
)

DEFAULT_FUNDUS = Path("/work/.mirror/flairNLP+fundus/repo")
DEFAULT_OUT = Path("/work/scratch/fundus/sets")
TEST_DATA = "tests/resources/parser/test_data"
MIN_PARAGRAPHS_FOUND = 0.5
HTML_NAME_RE = re.compile(r"^(?P<publisher>.+)_(?P<date>\d{4}_\d{2}_\d{2})\.html\.gz$")
COUNTRY_LANGUAGE = {
    "at": "de", "au": "en", "ca": "en", "cn": "zh", "cz": "cs", "de": "de", "dk": "da",
    "es": "es", "fr": "fr", "id": "id", "isl": "is", "it": "it", "jp": "ja", "kr": "ko",
    "li": "de", "lt": "lt", "mx": "es", "no": "no", "pl": "pl", "pt": "pt", "py": "es",
    "ru": "ru", "se": "sv", "tr": "tr", "tw": "zh", "ua": "uk", "uk": "en", "us": "en",
    "vn": "vi", "za": "en", "na": "en", "ls": "en",
}  # fmt: skip


def squash(text: str) -> str:
    return " ".join(text.split())


def page_text(html: str) -> str:
    """All text of the page, whitespace-squashed (for finding gold paragraphs in it)."""
    import lxml.html

    try:
        root = lxml.html.fromstring(html)
    except Exception:  # an unparsable page holds no findable paragraph
        return ""
    for element in root.iter("script", "style"):
        element.drop_tree()
    return squash(root.text_content())


def gold_lines(version: dict) -> list[str]:
    """Summary, then each section's headline and paragraphs (fundus's body order)."""
    body = version.get("body") or {}
    lines = list(body.get("summary") or [])
    for section in body.get("sections") or []:
        lines += list(section.get("headline") or []) + list(section.get("paragraphs") or [])
    return [squash(line) for line in lines if squash(line)]


def share_found(version: dict, text: str) -> float:
    paragraphs = [squash(p) for s in (version.get("body") or {}).get("sections") or []
                  for p in s.get("paragraphs") or [] if squash(p)]  # fmt: skip
    paragraphs = paragraphs or gold_lines(version)
    if not paragraphs:
        return 0.0
    return sum(p in text for p in paragraphs) / len(paragraphs)


def html_language(html: str) -> str | None:
    match = re.search(r"<html\b[^>]*?\blang=[\"']?([A-Za-z]{2,3})", html[:5000], re.I)
    return match[1].lower() if match else None


def country_rows(repo: Path, country: str, stats: Counter[str]) -> list[dict]:
    base = f"{TEST_DATA}/{country}"
    meta_raw = git_show(repo, f"{base}/meta.info")
    meta = json.loads(meta_raw) if meta_raw else {}
    rows = []
    for name in git_ls(repo, base):
        match = HTML_NAME_RE.match(name)
        if match is None:
            continue
        stats["pages"] += 1
        gold_raw = git_show(repo, f"{base}/{match['publisher']}.json")
        data = git_show(repo, f"{base}/{name}")
        if not gold_raw or data is None:
            stats["skipped: no gold file"] += 1
            continue
        html = gzip.decompress(data).decode("utf-8", errors="replace")
        text = page_text(html)
        versions = json.loads(gold_raw)
        shares = {key: share_found(value, text) for key, value in versions.items()}
        best = max(shares, key=lambda key: shares[key], default=None)
        if best is None or not gold_lines(versions[best]):
            stats["skipped: no gold body"] += 1
            continue
        if shares[best] < MIN_PARAGRAPHS_FOUND:
            stats["skipped: no matching gold"] += 1
            continue
        gold = versions[best]
        authors = [squash(a) for a in gold.get("authors") or [] if squash(a)]
        rows.append({
            "id": f"fundus/{country}/{name.removesuffix('.html.gz')}",
            "set": "fundus",
            "country": country,
            "gold_version": best,
            "url": (meta.get(name) or {}).get("url"),
            "html": html,
            "title": squash(gold.get("title") or "") or None,
            "byline": ", ".join(authors) or None,
            "published": gold.get("publishing_date") or None,
            "site": None,
            "lang": html_language(html) or COUNTRY_LANGUAGE.get(country),
            "body": "\n".join(gold_lines(gold)),
        })  # fmt: skip
    return rows


def build(repo: Path) -> tuple[list[dict], dict]:
    stats: Counter[str] = Counter()
    rows = []
    for country in git_ls(repo, TEST_DATA):
        rows += country_rows(repo, country, stats)
    languages = Counter(row["lang"] or "?" for row in rows)
    return rows, {"kept": len(rows), **stats, "languages": dict(languages.most_common())}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--fundus", type=Path, default=DEFAULT_FUNDUS, help="fundus git dir")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output folder")
    args = parser.parse_args(argv)
    refuse_repository(parser, args.out)
    write(*build(args.fundus), args.out, "fundus")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
