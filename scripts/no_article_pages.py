"""Which bench pages extraction calls "no article found" (and so ingest does not store).

Usage: PYTHONPATH=src python scripts/no_article_pages.py [BENCH_DIR]

Reads the benchmark corpora the way users give them (JSONL records, gzipped HTML files) through
``read_pages`` and ``extract_pages`` and prints, per corpus, how many pages hold no article and
which. Nothing is written; the data stays in BENCH_DIR (default ../shared/bench).
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

from storylens.extract import extract_pages, no_article_reason
from storylens.ingest import read_pages
from storylens.models import Article


def _as_jsonl(source: Path, target: Path, fields: tuple[str, ...]) -> Path:
    with target.open("w", encoding="utf-8") as handle:
        for line in source.open(encoding="utf-8"):
            record = json.loads(line)
            handle.write(json.dumps({k: record[k] for k in fields if record.get(k)}) + "\n")
    return target


def report(name: str, paths: list[str]) -> None:
    articles = [a for a in extract_pages(read_pages(paths)) if isinstance(a, Article)]
    empty = [(a.origin, a.title[:60], no_article_reason(a)) for a in articles
             if no_article_reason(a)]  # fmt: skip
    print(f"{name}: {len(empty)} of {len(articles)} pages hold no article")
    for origin, title, reason in empty:
        print(f"    {Path(origin).name}  {title!r}: {reason}")


def main() -> None:
    bench = Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/bench")
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        for corpus, fields in (
            ("stories-dev.jsonl", ("id", "title", "text")),
            ("storylines-dev.jsonl", ("id", "title", "text")),
            ("boilerplate-dev.jsonl", ("id", "text")),
        ):
            report(corpus, [str(_as_jsonl(bench / corpus, tmp / corpus, fields))])
    report("html-extraction", [str(bench / "html-extraction" / "html")])
    report("snippets-dev", [str(bench / "snippets-dev" / "pages")])


if __name__ == "__main__":
    main()
