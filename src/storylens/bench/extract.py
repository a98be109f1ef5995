"""Extraction benchmark: plain-text pages (boilerplate-dev) and HTML pages (html-extraction).

Both are scored with the token-multiset P/R/F1 of :mod:`storylens.bench.metrics` and timed, so
``storylens bench extract`` reports quality and pages per second side by side.
"""

from __future__ import annotations

import gzip
import json
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from storylens.bench.metrics import TokenScore
from storylens.extract.metadata_text import site_of_page
from storylens.extract.text import TextExtraction, extract_from_text, find_template_lines
from storylens.extract.text import non_empty_lines as page_lines_of

PLAINTEXT_FILE = "boilerplate-dev.jsonl"
HTML_DIR = "html-extraction"
GOLD_LABELS = frozenset({1, 2})
"""Line classes that make up the article: 1 headline, 2 article text."""


class Stopwatch:
    """Wall-clock and CPU time of a block, as pages per second.

    Wall-clock speed depends on what else the machine runs; CPU seconds of this process
    measure the extractor's own cost per core, which is what the speed target is about.
    """

    def __init__(self, pages: int) -> None:
        self.pages = pages
        self.wall = self.cpu = 0.0

    def __enter__(self) -> Stopwatch:
        self._wall, self._cpu = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *exc: object) -> None:
        self.wall = time.perf_counter() - self._wall
        self.cpu = time.process_time() - self._cpu

    def rates(self) -> dict[str, float]:
        return {
            "pages_per_second": round(self.pages / max(self.wall, 1e-9), 1),
            "pages_per_cpu_second": round(self.pages / max(self.cpu, 1e-9), 1),
        }


@dataclass(frozen=True)
class LabelledPage:
    id: str
    text: str
    labels: list[int]

    @property
    def gold_text(self) -> str:
        lines = page_lines_of(self.text)
        if len(lines) != len(self.labels):
            raise ValueError(
                f"page {self.id}: {len(self.labels)} labels for {len(lines)} non-empty lines"
            )
        pairs = zip(lines, self.labels, strict=True)
        return "\n".join(line for line, label in pairs if label in GOLD_LABELS)


def read_labelled_pages(path: Path, limit: int | None = None) -> list[LabelledPage]:
    """Pages of a boilerplate JSONL file (``id``, ``text``, ``labels`` per line)."""
    pages = []
    with path.open(encoding="utf-8") as handle:
        for number, raw in enumerate(handle, 1):
            if not raw.strip():
                continue
            try:
                row = json.loads(raw)
                pages.append(LabelledPage(str(row["id"]), row["text"], list(row["labels"])))
            except (json.JSONDecodeError, KeyError, TypeError) as exc:
                raise ValueError(f"{path}:{number}: not a labelled page ({exc})") from exc
            if limit is not None and len(pages) >= limit:
                break
    return pages


def extracted_text(extraction: TextExtraction) -> str:
    return "\n".join([extraction.title, *extraction.paragraphs])


def site_templates(texts: list[str], min_pages: int = 3) -> list[frozenset[str]]:
    """For each page, template lines of the OTHER pages of its site (site = host on the page).

    Pages without a recognisable host get no templates; leaving the page itself out keeps its
    own text from being counted as "recurring".
    """
    sites = [site_of_page(page_lines_of(text)) for text in texts]
    by_site: dict[str, list[int]] = defaultdict(list)
    for i, site in enumerate(sites):
        if site:
            by_site[site].append(i)
    templates: list[frozenset[str]] = [frozenset()] * len(texts)
    for members in by_site.values():
        if len(members) <= min_pages:
            continue
        for i in members:
            others = [texts[j] for j in members if j != i]
            templates[i] = find_template_lines(others, min_pages)
    return templates


def score_plaintext(
    pages: list[LabelledPage],
    extract: Callable[..., TextExtraction] = extract_from_text,
) -> dict[str, float | int]:
    """Token P/R/F1 of title+body against lines labelled headline or article text."""
    templates = site_templates([page.text for page in pages])
    with Stopwatch(len(pages)) as watch:
        outputs = [
            extract(page.text, template_lines=template)
            for page, template in zip(pages, templates, strict=True)
        ]
    score = TokenScore()
    for page, output in zip(pages, outputs, strict=True):
        score.add(extracted_text(output), page.gold_text)
    return {**score.as_dict(), **watch.rates()}


def iter_html_pages(directory: Path, limit: int | None) -> Iterator[tuple[str, str, str]]:
    """(hash, html, gold articleBody) for each gzipped page with ground truth."""
    truth = json.loads((directory / "ground-truth.json").read_text(encoding="utf-8"))
    count = 0
    for path in sorted((directory / "html").glob("*.html.gz")):
        key = path.name.removesuffix(".html.gz")
        if key not in truth:
            continue
        raw = gzip.decompress(path.read_bytes())
        yield key, raw.decode("utf-8", errors="replace"), truth[key].get("articleBody") or ""
        count += 1
        if limit is not None and count >= limit:
            return


def score_html(directory: Path, limit: int | None = None) -> dict[str, float | int | str]:
    """Body text from ``extract_from_html`` against ``articleBody`` (which has no title)."""
    try:
        from storylens.extract.html import extract_from_html
    except ImportError as exc:
        return {"error": f"storylens.extract.html not available: {exc}"}
    pages = list(iter_html_pages(directory, limit))
    with Stopwatch(len(pages)) as watch:
        outputs = [extract_from_html(html) for _key, html, _gold in pages]
    score = TokenScore()
    for (_key, _html, gold), output in zip(pages, outputs, strict=True):
        score.add("\n".join(output.paragraphs), gold)
    return {**score.as_dict(), **watch.rates()}


def run(data_dir: Path, *, html: bool = True, text: bool = True, limit: int | None = None) -> dict:
    """Score both extractors; each mode maps to precision, recall, f1, pages, pages_per_second.

    Returns ``{"plaintext": {...}, "html": {...}}`` with only the requested modes.
    """
    data_dir = Path(data_dir)
    results: dict[str, dict] = {}
    if text:
        path = data_dir / PLAINTEXT_FILE
        if not path.is_file():
            raise FileNotFoundError(f"{path}: plain-text benchmark file not found")
        results["plaintext"] = score_plaintext(read_labelled_pages(path, limit))
    if html:
        directory = data_dir / HTML_DIR
        if not (directory / "ground-truth.json").is_file():
            raise FileNotFoundError(f"{directory}: ground-truth.json not found")
        results["html"] = score_html(directory, limit)
    return results
