"""Title, publication date, byline and site against what each page's markup declares.

``storylens bench extract --part metadata``. Gold comes only from metadata a publisher writes
for machines — ``og:title``/``twitter:title``/JSON-LD ``headline``/``<title>``; JSON-LD or
``itemprop`` ``datePublished``, ``article:published_time`` and a few common date tags; JSON-LD
or ``<meta name=author>`` authors that are people; ``og:site_name`` or JSON-LD publisher — never
from a heuristic date finder, so the score does not reward agreeing with one.

Three paths are scored on every page of ``html-extraction/`` and ``snippets-dev/``:

- ``text/<renderer>``: the page rendered to a plain-text dump (the renderers of
  :mod:`storylens.bench.extract`; inscriptis is never trained on) through ``extract_page``;
- ``html``: the page as it is through ``extract_page`` (mostly reads that same markup);
- ``html-stripped``: the page without its ``<meta>`` tags and JSON-LD (visible page only), so
  title, date and byline must come from what a reader sees (a heading, a dateline).

Pages are split by a hash of their site into ``tune`` and ``held_out`` halves; rules are only
ever changed looking at ``tune`` pages, and both halves are reported (:func:`split_of`).
Per field: precision (right / values given on pages with gold), recall (right / pages with
gold) and accuracy (right, or nothing given where there is no gold, over all pages), per
language, beside trivial baselines: title = first non-empty line / longest of the first five
lines; date = first full date anywhere on the page; byline = none, or the first line that
parses as a byline; site = the first host name written on the page (``first_found``).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

from storylens.bench.extract import (
    HTML_DIR,
    SNIPPETS_DIR,
    available_renderers,
    iter_html_pages,
    iter_snippet_pages,
    render_blocks,
    same_byline,
    same_day,
    same_site,
    same_title,
)
from storylens.extract.language import detect_language, language_sample
from storylens.extract.lines import HOST_RE
from storylens.extract.metadata_text import find_dates, parse_byline, without_markdown
from storylens.extract.text import non_empty_lines

FIELDS = ("title", "date", "byline", "site")
DATE_META_NAMES = (
    "article:published_time", "og:article:published_time", "og:published_time",
    "datepublished", "publishdate", "publish-date", "publish_date", "pubdate",
    "article.published", "parsely-pub-date", "sailthru.date", "dc.date.issued",
    "dcterms.issued", "dc.date", "dcterms.created", "dc.date.created", "date",
    "cxenseparse:recs:publishtime",
)  # fmt: skip
"""Meta tags (``property``/``name``/``itemprop``) that declare the publication time, best first."""
AUTHOR_META_NAMES = ("author", "article:author", "parsely-author", "sailthru.author",
                     "dc.creator", "byl")  # fmt: skip
BASELINES = ("first_line", "longest_of_5", "first_found")
MIN_LANGUAGE_PAGES = 10
"""Languages with fewer pages are reported together as ``other``."""


@dataclass
class GoldPage:
    """One HTML page with the metadata its markup declares (``None`` where it declares none)."""

    id: str
    corpus: str
    html: str
    site_key: str
    titles: list[str] = field(default_factory=list)
    date: str | None = None
    bylines: list[str] = field(default_factory=list)
    site: str | None = None
    language: str = "unknown"

    def has(self, name: str) -> bool:
        return bool(self.gold(name))

    def gold(self, name: str) -> list[str]:
        return {
            "title": self.titles,
            "date": [self.date] if self.date else [],
            "byline": self.bylines,
            "site": [self.site] if self.site else [],
        }[name]


# --- gold from declared metadata ------------------------------------------------------------


def declared_metadata(page: GoldPage) -> None:
    """Fill ``page`` with the title, date, authors and site its markup declares."""
    from storylens.extract.html import parse_html

    root = parse_html(page.html)
    if root is None:
        return
    metas = meta_values(root)
    ld = json_ld_objects(root)
    titles = [metas.get(k) for k in ("og:title", "twitter:title")]
    titles += [obj.get("headline") for obj in ld if isinstance(obj.get("headline"), str)]
    html_title = root.xpath("string(//title)")
    titles.append(html_title)
    page.titles = unique(variant for t in titles if t for variant in title_variants(t))
    page.date = declared_date(metas, ld, root)
    page.bylines = declared_authors(metas, ld)
    site = metas.get("og:site_name") or next(
        (name for obj in ld if (name := publisher_name(obj))), None
    )
    page.site = " ".join(site.split()) if site else None
    lang = (root.get("lang") or "").strip()[:2].lower()
    page.language = lang if re.fullmatch(r"[a-z]{2}", lang) else page.language


def meta_values(root: object) -> dict[str, str]:
    """First ``content`` of every ``<meta>`` by lower-cased property, name or itemprop."""
    found: dict[str, str] = {}
    for meta in root.iter("meta"):  # type: ignore[attr-defined]
        content = (meta.get("content") or meta.get("datetime") or "").strip()
        for key in ("property", "name", "itemprop"):
            name = (meta.get(key) or "").strip().lower()
            if name and content and name not in found:
                found[name] = content
    for element in root.xpath("//*[@itemprop='datePublished']"):  # type: ignore[attr-defined]
        value = element.get("datetime") or element.get("content")
        if value and "datepublished" not in found:
            found["datepublished"] = value.strip()
    return found


def json_ld_objects(root: object) -> list[dict]:
    """Every JSON object in the page's JSON-LD scripts, ``@graph`` members included."""
    objects: list[dict] = []
    scripts = root.xpath("//script[@type='application/ld+json']/text()")  # type: ignore[attr-defined]
    for script in scripts:
        try:
            data = json.loads(script)
        except ValueError:
            continue
        stack = [data]
        while stack:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                objects.append(item)
                if isinstance(item.get("@graph"), list):
                    stack.extend(item["@graph"])
    return objects


def title_variants(title: str) -> list[str]:
    """The declared title; without a leading or trailing ``Site |`` / ``| Site`` part; and its
    longest part (``Site » Blog » Headline``)."""
    text = " ".join(title.split())
    parts = [p.strip() for p in AFFIX_SPLIT_RE.split(text) if p.strip()]
    if len(parts) < 2:
        return [text]
    joiners = AFFIX_SPLIT_RE.findall(text)
    without_last = "".join(p + j for p, j in zip(parts[:-2], joiners, strict=False)) + parts[-2]
    without_first = text[text.index(joiners[0]) + len(joiners[0]) :]
    variants = [text, max(parts, key=len)]
    if n_words(without_last) > n_words(parts[-1]):
        variants.append(without_last.strip())
    if n_words(without_first) > n_words(parts[0]):
        variants.append(without_first.strip())
    return unique(variants)


def n_words(text: str) -> int:
    return len(re.findall(r"\w+", text))


AFFIX_SPLIT_RE = re.compile(r"\s+(?:[|–—·»:]|-{1,2}|::)\s+")


ISO_DAY_RE = re.compile(r"((?:19|20)\d{2})-?(\d{2})-?(\d{2})")


def declared_date(metas: dict[str, str], ld: list[dict], root: object) -> str | None:
    """The publication day the markup declares: JSON-LD ``datePublished`` of an article, else
    the first known meta tag, else a ``<time pubdate>``; ISO ``YYYY-MM-DD``."""
    values = [obj.get("datePublished") for obj in ld if is_article(obj)]
    values += [obj.get("datePublished") for obj in ld]
    values += [metas.get(name) for name in DATE_META_NAMES]
    values += root.xpath("//time[@pubdate]/@datetime")  # type: ignore[attr-defined]
    for value in values:
        if isinstance(value, str) and (match := ISO_DAY_RE.search(value)):
            day = f"{match[1]}-{match[2]}-{match[3]}"
            if "01" <= match[2] <= "12" and "01" <= match[3] <= "31":
                moment = aware_time(value.strip())
                return moment.isoformat() if moment is not None else day
    return None


def aware_time(value: str) -> datetime | None:
    """A datetime with its offset (``...Z``, ``+02:00``), or ``None`` without one."""
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else None


def same_published(found: str, gold: str) -> bool:
    """Same calendar day: in UTC when both say their offset, else as written."""
    a, b = aware_time(found), aware_time(gold)
    if a is not None and b is not None:
        return a.astimezone(UTC).date() == b.astimezone(UTC).date()
    return same_day(found, gold)


def is_article(obj: dict) -> bool:
    kind = obj.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    return any(isinstance(k, str) and ("Article" in k or k == "BlogPosting") for k in kinds)


def declared_authors(metas: dict[str, str], ld: list[dict]) -> list[str]:
    """People the markup names as authors (organisations and URLs left out)."""
    names: list[str] = []
    for obj in ld:
        if is_article(obj):
            names += person_names(obj.get("author"))
    for key in AUTHOR_META_NAMES:
        value = metas.get(key, "")
        if value and "://" not in value and not value.startswith("@"):
            names.append(value)
    return unique(" ".join(n.split()) for n in names if re.search(r"\w", n))


def person_names(author: object) -> list[str]:
    items = author if isinstance(author, list) else [author]
    names = []
    for item in items:
        if isinstance(item, str):
            names.append(item)
        elif (
            isinstance(item, dict)
            and item.get("@type") != "Organization"
            and isinstance(item.get("name"), str)
        ):
            names.append(item["name"])
    return names


def publisher_name(obj: dict) -> str | None:
    publisher = obj.get("publisher")
    if isinstance(publisher, dict) and isinstance(publisher.get("name"), str):
        return publisher["name"]
    return None


def unique(values: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(v for v in values if v))


# --- pages and the split --------------------------------------------------------------------


def site_key_of(url: str | None, html: str) -> str:
    """The page's registered site (host without ``www.``), from its URL or canonical link."""
    host = urlsplit(url).hostname if url and "://" in url else None
    if not host:
        match = re.search(
            r"<(?:link[^>]+rel=[\"']canonical[\"'][^>]+href|meta[^>]+property=[\"']og:url[\"']"
            r"[^>]+content)=[\"'](https?://[^\"'/]+)",
            html[:200_000],
            re.IGNORECASE,
        )
        host = urlsplit(match[1]).hostname if match else None
    if not host and url and "::" in url:  # snippets-dev names pages "hard::host-slug.html"
        host = url.split("::", 1)[1].split("-", 1)[0]
    return (host or "").lower().removeprefix("www.")


def split_of(site_key: str) -> str:
    """``tune`` or ``held_out`` by a hash of the site: every page of a site lands in one half,
    so held-out pages are of sites no rule was written looking at."""
    digest = hashlib.sha256(site_key.encode("utf-8")).digest()
    return "tune" if digest[0] % 2 == 0 else "held_out"


def load_gold_pages(data_dir: Path, limit: int | None = None) -> list[GoldPage]:
    pages: list[GoldPage] = []
    if (data_dir / HTML_DIR / "ground-truth.json").is_file():
        truth = json.loads((data_dir / HTML_DIR / "ground-truth.json").read_text("utf-8"))
        for key, html, _body in iter_html_pages(data_dir / HTML_DIR, limit):
            url = truth[key].get("url")
            pages.append(GoldPage(key, "html-extraction", html, site_key_of(url, html)))
    if (data_dir / SNIPPETS_DIR / "snippets.json").is_file():
        snippets = json.loads((data_dir / SNIPPETS_DIR / "snippets.json").read_text("utf-8"))
        for page in iter_snippet_pages(data_dir / SNIPPETS_DIR, limit):
            url = snippets[f"{page.id}.html.gz"].get("url")
            html = page.html or ""
            pages.append(GoldPage(page.id, "snippets-dev", html, site_key_of(url, html)))
    for page in pages:
        declared_metadata(page)
        if page.language == "unknown":
            page.language = detect_language(language_sample(non_empty_lines(
                render_blocks(page.html)))) or "unknown"  # fmt: skip
    return pages


# --- what each path finds -------------------------------------------------------------------

Found = dict[str, str | None]
STRIP_RE = re.compile(
    r"<meta\b[^>]*>|<script[^>]*application/ld\+json[^>]*>.*?</script>", re.IGNORECASE | re.DOTALL
)


def strip_declared_metadata(html: str) -> str:
    """The page without ``<meta>`` tags and JSON-LD: what a reader sees, plus ``<title>``."""
    return STRIP_RE.sub("", html)


def extracted(content: str, kind: str) -> Found:
    """Title, date, byline and site by the path users run (``extract_page``)."""
    from storylens.extract import extract_page
    from storylens.models import Page

    article = extract_page(Page(id="bench", origin="bench", kind=kind, content=content))  # type: ignore[arg-type]
    return {
        "title": article.title or None,
        "date": article.published,
        "byline": article.byline,
        "site": article.site,
    }


def first_written_date(lines: list[str], language: str | None) -> str | None:
    """The trivial date baseline: the first date written on the page's lines (ISO day)."""
    return next(
        (found[0].day.isoformat() for line in lines if any(c.isdigit() for c in line)
         if (found := find_dates(line, language))),
        None,
    )  # fmt: skip


def baselines(text: str) -> dict[str, Found]:
    """Trivial guesses from a text dump (see the module docstring)."""
    lines = non_empty_lines(text)
    language = detect_language(language_sample(lines))
    first_date = first_written_date(lines, language)
    head = lines[:5]
    byline = next(  # the lines as find_metadata reads them (Markdown marks off)
        (b for line in without_markdown(lines) if (b := parse_byline(line, language))), None
    )
    host = next((m.group(1) for line in lines if (m := HOST_RE.search(line))), None)
    return {
        "first_line": {"title": lines[0] if lines else None, "date": first_date, "byline": None},
        "longest_of_5": {"title": max(head, key=len) if head else None, "date": first_date},
        "first_found": {"byline": byline, "site": host},
    }


def same_author(found: str, gold: str) -> bool:
    """Names that share most words, or the same letters once spaces go (a declared handle
    ``janedoe`` is the visible ``Jane Doe``)."""
    joined = ["".join(re.findall(r"\w+", name.lower())) for name in (found, gold)]
    return same_byline(found, gold) or (bool(joined[0]) and joined[0] == joined[1])


SAME: dict[str, Callable[[str, str], bool]] = {
    "title": same_title,
    "date": same_published,
    "byline": same_author,
    "site": same_site,
}


# --- scores ---------------------------------------------------------------------------------


@dataclass
class FieldScore:
    pages: int = 0
    gold: int = 0
    given: int = 0
    right: int = 0
    right_unknown: int = 0
    """Pages without gold where nothing was given."""
    given_without_gold: int = 0

    def add(self, gold: list[str], value: str | None, same: Callable[[str, str], bool]) -> None:
        self.pages += 1
        if not gold:
            self.right_unknown += value is None
            self.given_without_gold += value is not None
            return
        self.gold += 1
        if value:
            self.given += 1
            self.right += any(same(value, g) for g in gold)

    def as_dict(self) -> dict[str, float | int]:
        return {
            "pages": self.pages,
            "with_gold": self.gold,
            "given": self.given,
            "right": self.right,
            "precision": round(self.right / self.given, 3) if self.given else None,
            "recall": round(self.right / self.gold, 3) if self.gold else None,
            "accuracy": round((self.right + self.right_unknown) / self.pages, 3),
            "given_without_gold": self.given_without_gold,
        }


def score(
    pages: list[GoldPage], found: list[Found], splits: list[str]
) -> dict[str, dict[str, dict]]:
    """``{split: {field: {"all": ..., "<lang>": ...}}}`` for one path or baseline."""
    languages = language_groups(pages)
    table: dict[str, dict[str, dict[str, FieldScore]]] = {}
    for page, values, split in zip(pages, found, splits, strict=True):
        for name in FIELDS:
            if name not in values:
                continue
            for part in (split, "all"):
                per_language = table.setdefault(part, {}).setdefault(name, {})
                for group in ("all", languages[page.language]):
                    per_language.setdefault(group, FieldScore()).add(
                        page.gold(name), values[name], SAME[name]
                    )
    return {
        part: {
            name: {group: s.as_dict() for group, s in sorted(groups.items())}
            for name, groups in fields.items()
        }
        for part, fields in table.items()
    }


def language_groups(pages: list[GoldPage]) -> dict[str, str]:
    counts: dict[str, int] = {}
    for page in pages:
        counts[page.language] = counts.get(page.language, 0) + 1
    return {lang: lang if n >= MIN_LANGUAGE_PAGES else "other" for lang, n in counts.items()}


def run(data_dir: Path, limit: int | None = None, renderers: list[str] | None = None) -> dict:
    """Every path and baseline on every page with gold, split into tune and held-out halves."""
    pages = load_gold_pages(Path(data_dir), limit)
    splits = [split_of(p.site_key) for p in pages]
    results: dict[str, dict] = {
        "pages": {part: corpus_counts(pages, splits, part) for part in ("tune", "held_out")},
        "with_gold": {name: sum(p.has(name) for p in pages) for name in FIELDS},
    }
    chosen = available_renderers()
    if renderers:
        chosen = {k: v for k, v in chosen.items() if k in renderers}
    paths: dict[str, dict] = {}
    for renderer, render in chosen.items():
        dumps = [render(p.html) for p in pages]
        paths[f"text/{renderer}"] = score(pages, [extracted(d, "text") for d in dumps], splits)
        for name, guess in trivial(dumps).items():
            paths[f"text/{renderer}/baseline_{name}"] = score(pages, guess, splits)
    paths["html"] = score(pages, [extracted(p.html, "html") for p in pages], splits)
    stripped = [strip_declared_metadata(p.html) for p in pages]
    paths["html-stripped"] = score(pages, [extracted(h, "html") for h in stripped], splits)
    for name, guess in trivial([render_blocks(h) for h in stripped]).items():
        paths[f"html-stripped/baseline_{name}"] = score(pages, guess, splits)
    results["paths"] = paths
    return results


def corpus_counts(pages: list[GoldPage], splits: list[str], part: str) -> dict[str, int]:
    counts = {"html-extraction": 0, "snippets-dev": 0}
    for page, split in zip(pages, splits, strict=True):
        if split == part:
            counts[page.corpus] += 1
    return counts


def trivial(dumps: list[str]) -> dict[str, list[Found]]:
    guesses = [baselines(d) for d in dumps]
    return {name: [g[name] for g in guesses] for name in BASELINES}
