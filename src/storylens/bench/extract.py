"""Extraction benchmark: plain-text dumps from several renderers, and HTML beside trafilatura.

Corpora (``../shared/bench``):

- ``boilerplate-dev``: plain-text pages with a class per line (token P/R/F1 of title + body).
- ``html-extraction``: HTML with ``articleBody``; its pages are also rendered to plain-text dumps
  by every available renderer and scored on the plain-text path (token P/R/F1 of the body).
- ``snippets-dev``: multilingual HTML with ``with``/``without`` snippets (snippet P/R/F1, as
  trafilatura scores itself); rendered to dumps the same way.

Renderers: ``blocks`` (one visible block per line, our lxml walk, like the seeds),
``html2text`` (a widely used HTML-to-text converter, hard-wrapped at 78 columns like
``lynx -dump``) and ``inscriptis`` (a browser-like text layout with indented lists and table
columns). The line model is trained on the first two only (:data:`HELD_OUT_RENDERERS`), so
inscriptis dumps measure the plain-text path on a renderer it has never seen.
Every plain-text figure sits next to "keep every line", and the run checks that no corpus is
worse than that baseline. The HTML path runs next to ``trafilatura.extract`` with its default
settings, in the same process, for quality and speed.
"""

from __future__ import annotations

import gzip
import json
import os
import re
import time
import zlib
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from rapidfuzz import fuzz

from storylens.bench.metrics import TokenScore
from storylens.extract.language import detect_language
from storylens.extract.lines import HOST_RE
from storylens.extract.metadata_text import find_dates, parse_byline, parse_date, site_of_page
from storylens.extract.text import TextExtraction, extract_from_text, find_template_lines
from storylens.extract.text import non_empty_lines as page_lines_of

PLAINTEXT_FILE = "boilerplate-dev.jsonl"
HTML_DIR = "html-extraction"
SNIPPETS_DIR = "snippets-dev"
GOLD_LABELS = frozenset({1, 2})
"""Line classes that make up the article: 1 headline, 2 article text."""
TITLE_LABEL = 1
HTML2TEXT_WIDTH = 78
HELD_OUT_RENDERERS = frozenset({"inscriptis"})
"""Renderers whose dumps are only ever scored, never trained on (scripts/train_line_model.py)."""
TITLE_MATCH = 90.0
"""rapidfuzz ratio of normalised titles above which an extracted title counts as right."""


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
        self.wall += time.perf_counter() - self._wall
        self.cpu += time.process_time() - self._cpu

    def rates(self) -> dict[str, float]:
        return {
            "pages_per_second": round(self.pages / max(self.wall, 1e-9), 1),
            "pages_per_cpu_second": round(self.pages / max(self.cpu, 1e-9), 1),
        }


@dataclass
class SnippetScore:
    """trafilatura's evaluation: ``with`` snippets found are true positives, missed ones false
    negatives; ``without`` snippets found are false positives. Summed over pages."""

    tp: int = 0
    fn: int = 0
    fp: int = 0
    pages: int = 0

    def add(self, output: str, with_: list[str], without: list[str]) -> None:
        text = normalise_space(output)
        for snippet in with_:
            if normalise_space(snippet) in text:
                self.tp += 1
            else:
                self.fn += 1
        self.fp += sum(normalise_space(s) in text for s in without)
        self.pages += 1

    def as_dict(self) -> dict[str, float | int]:
        precision = self.tp / max(self.tp + self.fp, 1)
        recall = self.tp / max(self.tp + self.fn, 1)
        f1 = 2 * precision * recall / max(precision + recall, 1e-9)
        return {
            "precision": round(precision, 4),
            "recall": round(recall, 4),
            "f1": round(f1, 4),
            "pages": self.pages,
        }


def normalise_space(text: str) -> str:
    return " ".join(text.split())


@dataclass
class DumpPage:
    """One plain-text page with whatever gold it has: line labels, a gold text or snippets."""

    id: str
    text: str
    labels: list[int] | None = None
    gold: str | None = None
    with_: list[str] = field(default_factory=list)
    without: list[str] = field(default_factory=list)
    html: str | None = None
    meta: dict[str, str] = field(default_factory=dict)
    """Title, date and site the page's HTML states (``<h1>``/og:title, htmldate, og:site_name)."""
    url: str | None = None

    @property
    def gold_text(self) -> str:
        if self.labels is None:
            return self.gold or ""
        lines = raw_lines(self.text)
        if len(lines) != len(self.labels):
            raise ValueError(
                f"page {self.id}: {len(self.labels)} labels for {len(lines)} non-empty lines"
            )
        pairs = zip(lines, self.labels, strict=True)
        return "\n".join(line for line, label in pairs if label in GOLD_LABELS)

    @property
    def gold_title(self) -> str | None:
        if self.labels is None:
            return self.meta.get("title")
        for line, label in zip(raw_lines(self.text), self.labels, strict=True):
            if label == TITLE_LABEL:
                return line
        return None


LabelledPage = DumpPage
"""Older name, kept for callers of the boilerplate-dev reader."""


@dataclass
class Corpus:
    """Pages of one source rendered one way; ``score`` says how output is compared to gold."""

    name: str
    source: str
    pages: list[DumpPage]
    score: str  # "tokens+title", "tokens" or "snippets"
    renderer: str = ""
    """The HTML-to-text renderer that made the dumps ("" for corpora that are text already)."""


def raw_lines(text: str) -> list[str]:
    """Non-empty lines exactly as written (the unit boilerplate-dev's labels refer to)."""
    return [line.strip() for line in text.splitlines() if line.strip()]


def read_labelled_pages(path: Path, limit: int | None = None) -> list[DumpPage]:
    """Pages of a boilerplate JSONL file (``id``, ``text``, ``labels`` per line)."""
    pages = []
    with path.open(encoding="utf-8") as handle:
        for number, raw in enumerate(handle, 1):
            if not raw.strip():
                continue
            try:
                row = json.loads(raw)
                pages.append(DumpPage(str(row["id"]), row["text"], labels=list(row["labels"])))
            except (json.JSONDecodeError, KeyError, TypeError) as exc:
                raise ValueError(f"{path}:{number}: not a labelled page ({exc})") from exc
            if limit is not None and len(pages) >= limit:
                break
    return pages


def iter_html_pages(directory: Path, limit: int | None) -> Iterator[tuple[str, str, str]]:
    """(hash, html, gold articleBody) for each gzipped page with ground truth."""
    truth = json.loads((directory / "ground-truth.json").read_text(encoding="utf-8"))
    count = 0
    for path in sorted((directory / "html").glob("*.html.gz")):
        key = path.name.removesuffix(".html.gz")
        if key not in truth:
            continue
        yield key, read_gzipped(path), truth[key].get("articleBody") or ""
        count += 1
        if limit is not None and count >= limit:
            return


def read_gzipped(path: Path) -> str:
    """A stored page decoded as ``storylens ingest`` decodes it (UTF-8, else the charset the
    page declares, else a statistical guess), so both extractors read the text users get.

    Decoding every page as UTF-8 turned the legacy-encoded ones (20 of snippets-dev, 4 of
    html-extraction) into replacement characters, which no extractor can match to the gold."""
    from storylens.ingest.decode import DecodeError, decode_page

    data = gzip.decompress(path.read_bytes())
    try:
        return decode_page(data).text
    except DecodeError:
        return data.decode("utf-8", errors="replace")


def iter_snippet_pages(directory: Path, limit: int | None) -> Iterator[DumpPage]:
    """snippets-dev pages as :class:`DumpPage` with their HTML and snippets (no text yet)."""
    snippets = json.loads((directory / "snippets.json").read_text(encoding="utf-8"))
    count = 0
    for name in sorted(snippets):
        path = directory / "pages" / name
        if not path.is_file():
            continue
        entry = snippets[name]
        yield DumpPage(
            name.removesuffix(".html.gz"),
            "",
            with_=list(entry.get("with") or []),
            without=list(entry.get("without") or []),
            html=read_gzipped(path),
            url=entry.get("url"),
        )
        count += 1
        if limit is not None and count >= limit:
            return


def html_metadata(html: str) -> dict[str, str]:
    """What the page's own markup says: headline (first ``<h1>``, else og:title), publication
    date (htmldate, metadata only) and site name (og:site_name). Gold for the metadata fields."""
    import htmldate

    from storylens.extract.html import parse_html

    root = parse_html(html)
    if root is None:
        return {}
    found: dict[str, str] = {}
    h1 = root.xpath("//h1")
    title = " ".join(h1[0].text_content().split()) if h1 else ""
    og_title = root.xpath("//meta[@property='og:title']/@content")
    title = title or (" ".join(og_title[0].split()) if og_title else "")
    if title:
        found["title"] = title
    try:
        date = htmldate.find_date(root, extensive_search=False, original_date=True)
    except Exception:  # htmldate on odd markup: no gold date for this page
        date = None
    if date:
        found["date"] = date
    site = root.xpath("//meta[@property='og:site_name']/@content")
    if site and site[0].strip():
        found["site"] = site[0].strip()
    if author := html_author(html):
        found["byline"] = author
    return found


def html_author(html: str) -> str | None:
    """The author the page's markup names (trafilatura's metadata: meta tags, JSON-LD, bylines
    in the markup); gold for the byline field. None when it names no one."""
    import trafilatura

    try:
        metadata = trafilatura.extract_metadata(html)
    except Exception:  # odd markup: no gold byline for this page
        return None
    return metadata.author if metadata is not None and metadata.author else None


# --- renderers: HTML to plain-text dumps -------------------------------------------------------


def render_blocks(html: str) -> str:
    """One visible block of text per line, in page order (our own lxml walk)."""
    from storylens.extract.html import parse_html
    from storylens.extract.html_blocks import visible_blocks

    root = parse_html(html)
    if root is None:
        return ""
    return "\n".join(block.text for block in visible_blocks(root))


def render_html2text(html: str) -> str:
    """html2text's Markdown-like text, hard-wrapped at 78 columns; links and images left out.

    ``unicode_snob`` keeps letters as they are: by default html2text turns entity-encoded ones
    into ASCII look-alikes, which drops words no extractor can restore (snippet recall of
    keeping every line on snippets-dev: 0.918 with the default, 0.965 with it)."""
    import html2text

    converter = html2text.HTML2Text()
    converter.ignore_links = True
    converter.ignore_images = True
    converter.ignore_emphasis = True
    converter.body_width = HTML2TEXT_WIDTH
    converter.unicode_snob = True  # else entity-encoded letters become ASCII (&auml; -> a)
    try:
        return converter.handle(html)
    except Exception:  # a renderer crash on odd markup gives an empty dump, not a failed run
        return ""


def render_inscriptis(html: str) -> str:
    """inscriptis's text view of the page: blocks on their own lines, lists indented with
    bullets, table cells side by side in columns."""
    from inscriptis import get_text

    try:
        return get_text(html)
    except Exception:  # a renderer crash on odd markup gives an empty dump, not a failed run
        return ""


def available_renderers() -> dict[str, Callable[[str], str]]:
    """Renderers installed here; a missing optional one is skipped with a note."""
    renderers: dict[str, Callable[[str], str]] = {"blocks": render_blocks}
    optional = {"html2text": render_html2text, "inscriptis": render_inscriptis}
    for name, render in optional.items():
        try:
            __import__(name)
        except ImportError:
            print(f"bench extract: {name} not installed, skipping that renderer")
            continue
        renderers[name] = render
    return renderers


# --- corpora -----------------------------------------------------------------------------------


def load_corpora(data_dir: Path, limit: int | None = None) -> list[Corpus]:
    """boilerplate-dev as it is, html-extraction and snippets-dev once per renderer."""
    corpora = [
        Corpus(
            "boilerplate-dev",
            "boilerplate-dev",
            read_labelled_pages(data_dir / PLAINTEXT_FILE, limit),
            "tokens+title",
        )
    ]
    html_pages = optional_html_pages(data_dir, limit)
    snippet_pages = optional_snippet_pages(data_dir, limit)
    html_meta = {key: html_metadata(html) for key, html, _gold in html_pages}
    for page in snippet_pages:
        page.meta = html_metadata(page.html or "")
    for renderer, render in available_renderers().items():
        if not html_pages:
            continue
        corpora.append(
            Corpus(
                f"html-extraction/{renderer}",
                "html-extraction",
                [
                    DumpPage(key, render(html), gold=gold, meta=html_meta[key])
                    for key, html, gold in html_pages
                ],
                "tokens",
                renderer,
            )
        )
        if not snippet_pages:
            continue
        corpora.append(
            Corpus(
                f"snippets-dev/{renderer}",
                "snippets-dev",
                [
                    DumpPage(
                        p.id, render(p.html or ""), with_=p.with_, without=p.without, meta=p.meta
                    )
                    for p in snippet_pages
                ],
                "snippets",
                renderer,
            )
        )
    return corpora


def optional_html_pages(data_dir: Path, limit: int | None) -> list[tuple[str, str, str]]:
    if not (data_dir / HTML_DIR / "ground-truth.json").is_file():
        print(f"bench extract: no {HTML_DIR}/ground-truth.json in {data_dir}, skipping it")
        return []
    return list(iter_html_pages(data_dir / HTML_DIR, limit))


def optional_snippet_pages(data_dir: Path, limit: int | None) -> list[DumpPage]:
    if not (data_dir / SNIPPETS_DIR / "snippets.json").is_file():
        print(f"bench extract: no {SNIPPETS_DIR}/snippets.json in {data_dir}, skipping it")
        return []
    return list(iter_snippet_pages(data_dir / SNIPPETS_DIR, limit))


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


def output_for(corpus: Corpus, extraction: TextExtraction) -> str:
    """What is compared to the gold: title + body where the gold has the headline."""
    if corpus.score == "tokens":
        return "\n".join(extraction.paragraphs)
    return extracted_text(extraction)


def score_outputs(corpus: Corpus, outputs: list[str]) -> dict[str, float | int]:
    if corpus.score == "snippets":
        snippets = SnippetScore()
        for page, output in zip(corpus.pages, outputs, strict=True):
            snippets.add(output, page.with_, page.without)
        return snippets.as_dict()
    score = TokenScore()
    for page, output in zip(corpus.pages, outputs, strict=True):
        score.add(output, page.gold_text)
    return score.as_dict()


def score_corpus(
    corpus: Corpus, extract: Callable[..., TextExtraction] = extract_from_text, **options: object
) -> tuple[dict[str, float | int], list[TextExtraction]]:
    """The plain-text path on one corpus (templates from other pages of each site), timed."""
    templates = site_templates([page.text for page in corpus.pages])
    with Stopwatch(len(corpus.pages)) as watch:
        extractions = [
            extract(page.text, template_lines=template, **options)
            for page, template in zip(corpus.pages, templates, strict=True)
        ]
    result = score_outputs(corpus, [output_for(corpus, e) for e in extractions])
    return {**result, **watch.rates()}, extractions


def keep_every_line(corpus: Corpus) -> dict[str, float | int]:
    return score_outputs(corpus, ["\n".join(raw_lines(page.text)) for page in corpus.pages])


METADATA_FIELDS = ("title", "date", "byline", "site")


def metadata_accuracy(
    pages: list[DumpPage],
    found: list[dict[str, str | None]],
    baseline: list[dict[str, str | None]] | None = None,
) -> dict:
    """Per field, on the pages whose gold has it: right, wrong (a different value) and missing
    (nothing found), next to a trivial baseline's right and wrong counts when one is given.

    ``visible`` counts the pages whose dump shows the gold value at all (a rendered page may
    not print its date or author), and ``right_of_visible`` the right ones among them.
    Title: same words (or rapidfuzz ratio >= 90); date: same calendar day; byline: the names
    share most of their words; site: one name contains the other once spaces, dots and case
    are ignored (``www.bbc.co.uk`` ~ ``BBC``).
    """
    report: dict[str, dict[str, float | int]] = {}
    for name in METADATA_FIELDS:
        same = SAME_VALUE[name]
        counts = {"pages": 0, "right": 0, "wrong": 0, "missing": 0, "visible": 0}
        counts |= {"right_of_visible": 0, "baseline_right": 0, "baseline_wrong": 0}
        for k, (page, values) in enumerate(zip(pages, found, strict=True)):
            gold = page.gold_title if name == "title" else page.meta.get(name)
            if not gold:
                continue
            counts["pages"] += 1
            value = values.get(name)
            right = bool(value) and same(value or "", gold)
            counts["right" if right else "wrong" if value else "missing"] += 1
            if page.text and shows_value(name, page.text, gold):
                counts["visible"] += 1
                counts["right_of_visible"] += right
            if baseline is not None:
                guess = baseline[k].get(name)
                guess_right = bool(guess) and same(guess or "", gold)
                counts["baseline_right"] += guess_right
                counts["baseline_wrong"] += bool(guess) and not guess_right
        if counts["pages"]:
            if baseline is None:
                del counts["baseline_right"], counts["baseline_wrong"]
            if not any(page.text for page in pages):
                del counts["visible"], counts["right_of_visible"]
            report[name] = {**counts, "accuracy": round(counts["right"] / counts["pages"], 4)}
    return report


def shows_value(name: str, text: str, gold: str) -> bool:
    """Whether the dump shows the gold value somewhere (so a text extractor could find it)."""
    if name == "date":
        return any(
            same_day(found.day.isoformat(), gold)
            for line in page_lines_of(text)
            if any(ch.isdigit() for ch in line)
            for found in find_dates(line, detect_language(line))
        )
    wanted = " ".join(tokens_of(gold))
    return bool(wanted) and wanted in " ".join(tokens_of(text))


def same_byline(found: str, gold: str) -> bool:
    """The names share at least half the words of the shorter one (``Jane Doe`` ~ ``Doe``
    fails, ``Jane Doe`` ~ ``Jane Doe; John Roe`` holds)."""
    a, b = set(tokens_of(found)), set(tokens_of(gold))
    return bool(a and b) and len(a & b) >= 0.5 * min(len(a), len(b)) and len(a & b) >= 1


def text_baseline(text: str, language: str | None) -> dict[str, str | None]:
    """Trivial guesses from a dump: the first non-empty line as title, the first date written
    anywhere, the first "By ..." line, the first host name."""
    lines = page_lines_of(text)
    date = next((parse_date(line, language) for line in lines if find_dates(line, language)), None)
    byline = next((b for line in lines if (b := parse_byline(line))), None)
    host = next((m.group(1) for line in lines if (m := HOST_RE.search(line))), None)
    return {"title": lines[0] if lines else None, "date": date, "byline": byline, "site": host}


def same_day(found: str, gold: str) -> bool:
    return found[:10] == gold[:10]


def same_site(found: str, gold: str) -> bool:
    a = re.sub(r"[^a-z0-9]", "", found.lower().removeprefix("www."))
    b = re.sub(r"[^a-z0-9]", "", gold.lower().removeprefix("www."))
    return bool(a and b) and (a in b or b in a)


def text_metadata(extraction: TextExtraction) -> dict[str, str | None]:
    return {
        "title": extraction.title,
        "date": extraction.published,
        "byline": extraction.byline,
        "site": extraction.site,
    }


def same_title(found: str, gold: str) -> bool:
    a, b = " ".join(tokens_of(found)), " ".join(tokens_of(gold))
    return bool(a) and (a == b or fuzz.ratio(a, b) >= TITLE_MATCH)


SAME_VALUE: dict[str, Callable[[str, str], bool]] = {
    "title": same_title,
    "date": same_day,
    "byline": same_byline,
    "site": same_site,
}


def tokens_of(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def score_plaintext(corpora: list[Corpus]) -> dict[str, dict]:
    """Every corpus on the plain-text path, its keep-every-line baseline and the check."""
    results: dict[str, dict] = {}
    total_pages = total_wall = 0.0
    for corpus in corpora:
        scored, extractions = score_corpus(corpus)
        baseline = keep_every_line(corpus)
        scored["keep_every_line_f1"] = baseline["f1"]
        scored["beats_keep_every_line"] = scored["f1"] > baseline["f1"]
        if corpus.renderer in HELD_OUT_RENDERERS:
            scored["renderer_never_trained_on"] = True
        scored["metadata"] = metadata_accuracy(
            corpus.pages,
            [text_metadata(e) for e in extractions],
            [
                text_baseline(page.text, e.language)
                for page, e in zip(corpus.pages, extractions, strict=True)
            ],
        )
        scored["metadata_found"] = metadata_found(extractions)
        results[corpus.name] = scored
        total_pages += len(corpus.pages)
        total_wall += len(corpus.pages) / max(scored["pages_per_second"], 1e-9)
    results["all_corpora_beat_keep_every_line"] = all(
        r["beats_keep_every_line"] for r in results.values() if isinstance(r, dict)
    )
    results["pages_per_second_overall"] = round(total_pages / max(total_wall, 1e-9), 1)
    return results


def metadata_found(extractions: list[TextExtraction]) -> dict[str, int]:
    return {
        "published": sum(e.published is not None for e in extractions),
        "byline": sum(e.byline is not None for e in extractions),
        "site": sum(e.site is not None for e in extractions),
        "language": sum(e.language is not None for e in extractions),
    }


# --- HTML ----------------------------------------------------------------------------------------


HtmlOutput = tuple[str, dict[str, str | None]]


def trafilatura_default(html: str) -> HtmlOutput:
    """``trafilatura.extract`` with its default settings: the reference point."""
    import trafilatura

    return trafilatura.extract(html) or "", {}


def ours_html(html: str) -> HtmlOutput:
    """The path users take: a :class:`Page` of kind ``html`` through ``extract_page``."""
    from storylens.extract import extract_page
    from storylens.models import Page

    article = extract_page(Page(id="bench", origin="bench", kind="html", content=html))
    return article.body, {
        "title": article.title,
        "date": article.published,
        "byline": article.byline,
        "site": article.site,
    }


def score_html_corpus(
    pages: list[DumpPage], extractors: dict[str, Callable[[str], HtmlOutput]], snippets: bool
) -> dict[str, dict[str, object]]:
    """Body quality (token or snippet score), metadata per field and speed of each extractor.

    The extractors take turns page by page, so both see the same load on a shared machine:
    their CPU-time ratio is then a fair comparison even when the absolute rates drift.
    """
    outputs: dict[str, list[HtmlOutput]] = {name: [] for name in extractors}
    watches = {name: Stopwatch(len(pages)) for name in extractors}
    if pages:
        for extract in extractors.values():  # warm-up: lazy model loads are not per-page speed
            extract(pages[0].html or "")
    for page in pages:
        for name, extract in extractors.items():
            with watches[name]:
                outputs[name].append(extract(page.html or ""))
    corpus = Corpus("", "", pages, "snippets" if snippets else "tokens")
    groups = snippet_groups(pages) if snippets else {}
    results: dict[str, dict[str, object]] = {}
    for name, found in outputs.items():
        result: dict[str, object] = {
            **score_outputs(corpus, [text for text, _meta in found]),
            **watches[name].rates(),
        }
        if groups:
            result["groups"] = {
                group: score_snippet_subset(pages, [found[i][0] for i in members], members)
                for group, members in groups.items()
            }
        if any(meta for _text, meta in found):
            result["metadata"] = metadata_accuracy(pages, [meta for _text, meta in found])
        results[name] = result
    return results


MAIN_SNIPPET_LANGUAGES = ("de", "en", "es", "fr", "pl")
"""Languages with at least ten snippets-dev pages; the rest are scored together as "other"."""


def snippet_groups(pages: list[DumpPage]) -> dict[str, list[int]]:
    """Page indices per language of the gold snippets (py3langid) and per half of the sites.

    The halves split by a checksum of the page's host name (``even``/``odd``), so every page of
    a site falls in one half: rules chosen while looking at one half are checked on the other.
    """
    groups: dict[str, list[int]] = defaultdict(list)
    for index, page in enumerate(pages):
        language = detect_language(" ".join(page.with_)[:2000]) if page.with_ else None
        language = language if language in MAIN_SNIPPET_LANGUAGES else "other"
        groups[f"language:{language}"].append(index)
        groups[f"sites:{site_half(page.url or page.id)}"].append(index)
    return dict(sorted(groups.items()))


def site_half(url: str) -> str:
    """``even`` or ``odd``: the CRC-32 of the host name (``hard::host-name.html`` ids included)."""
    if url.startswith("hard::"):
        host = url.removeprefix("hard::").split("-")[0]
    else:
        host = urlsplit(url).hostname or url
    return "even" if zlib.crc32(host.removeprefix("www.").encode()) % 2 == 0 else "odd"


def score_snippet_subset(
    pages: list[DumpPage], outputs: list[str], members: list[int]
) -> dict[str, float | int]:
    score = SnippetScore()
    for index, output in zip(members, outputs, strict=True):
        score.add(output, pages[index].with_, pages[index].without)
    return score.as_dict()


def score_html(data_dir: Path, limit: int | None = None) -> dict[str, dict]:
    """Our HTML path and trafilatura's default on both HTML corpora, quality and speed."""
    html_pages = [
        DumpPage(key, "", gold=gold, html=html, meta=html_metadata(html))
        for key, html, gold in iter_html_pages(data_dir / HTML_DIR, limit)
    ]
    snippet_pages = optional_snippet_pages(data_dir, limit)
    for page in snippet_pages:
        page.meta = html_metadata(page.html or "")
    extractors = {"storylens": ours_html, "trafilatura_default": trafilatura_default}
    results: dict[str, dict] = {}
    load_before = os.getloadavg()[0]
    for corpus_name, pages, snippets in (
        ("html-extraction", html_pages, False),
        ("snippets-dev", snippet_pages, True),
    ):
        if pages:
            for name, result in score_html_corpus(pages, extractors, snippets).items():
                results[f"{corpus_name}/{name}"] = result
    results["checks"] = html_checks(results)
    results["checks"]["load_average_1min"] = [round(load_before, 2), round(os.getloadavg()[0], 2)]
    return results


def html_checks(results: dict[str, dict]) -> dict[str, object]:
    """The targets: snippet F1 margin over trafilatura, html-extraction F1, relative speed."""
    ours, theirs = "storylens", "trafilatura_default"
    checks: dict[str, object] = {
        "html_extraction_f1_at_least_0.975": results[f"html-extraction/{ours}"]["f1"] >= 0.975,
    }
    if f"snippets-dev/{ours}" in results:
        margin = results[f"snippets-dev/{ours}"]["f1"] - results[f"snippets-dev/{theirs}"]["f1"]
        checks["snippets_f1_margin_over_trafilatura"] = round(margin, 4)
        checks["snippets_margin_at_least_0.02"] = margin >= 0.02
        ours_groups = results[f"snippets-dev/{ours}"].get("groups", {})
        theirs_groups = results[f"snippets-dev/{theirs}"].get("groups", {})
        checks["snippets_margin_by_group"] = {
            group: round(score["f1"] - theirs_groups[group]["f1"], 4)
            for group, score in ours_groups.items()
        }
    corpora = [k.split("/")[0] for k in results if k.endswith(f"/{ours}")]
    seconds = {
        who: sum(
            results[f"{c}/{who}"]["pages"] / results[f"{c}/{who}"]["pages_per_cpu_second"]
            for c in corpora
        )
        for who in (ours, theirs)
    }
    checks["cpu_speed_ratio_to_trafilatura"] = round(seconds[theirs] / seconds[ours], 3)
    return checks


def run(data_dir: Path, *, html: bool = True, text: bool = True, limit: int | None = None) -> dict:
    """Score the plain-text path on every corpus dump and the HTML path beside trafilatura.

    Returns ``{"plaintext": {corpus: {...}}, "html": {...}}`` with only the requested modes.
    """
    data_dir = Path(data_dir)
    required = [data_dir / PLAINTEXT_FILE] if text else []
    required += [data_dir / HTML_DIR / "ground-truth.json"] if html else []
    for path in required:
        if not path.is_file():
            raise FileNotFoundError(f"{path}: benchmark file not found")
    results: dict[str, dict] = {}
    if text:
        results["plaintext"] = score_plaintext(load_corpora(data_dir, limit))
    if html:
        results["html"] = score_html(data_dir, limit)
    return results
