"""HTML extraction on sets of other sites (``bench extract --part external --external DIR``).

``DIR`` holds JSONL files written by ``scripts/external_html_sets.py`` (one per set, e.g.
``readability.jsonl`` from Mozilla Readability's test pages and ``postlight.jsonl`` from
Postlight Parser's fixtures; evaluation only, never in the repository). Each line: ``id``,
``url``, ``html`` and whatever gold the set has: ``title``, ``byline``, ``published``,
``site``, ``lang``, and either ``body`` (a reference text) or ``body_start`` (the first words
of the article).

Every page goes through the path ``storylens extract``/``ingest`` take (``extract_page`` on a
``Page`` of kind ``html``). Scored per set, and per fixed half of the pages (``half_of``):

- metadata (title, byline, date, site, language, where the gold has one): precision, recall
  and accuracy (:class:`storylens.bench.extract_metadata.FieldScore`) with the metadata bench's
  rules — title: :func:`same_title` against any of the gold's :func:`title_variants`; byline:
  :func:`same_author`; date: :func:`same_published` (and ``date_any_zone``:
  :func:`same_day_in_some_zone`); site: :func:`same_site`; language: same
  primary subtag — for ours, ``trafilatura.extract_metadata`` and trivial baselines
  (``<title>`` as is, the first author meta tag, the first ISO date in the markup or the first
  date written on the visible page, ``og:site_name`` as is, the host name, ``<html lang>``);
- body with a reference text (``body``; for readability it is readability's OUTPUT, a reference
  extractor's choice, not human gold): token P/R/F1 of ours, ``trafilatura.extract`` default
  and "keep all visible text"; and the plain-text path: each page rendered to a dump by the
  extract bench's renderers, through ``extract_from_text``, beside "keep every line";
- body with first words (``body_start``): the share of pages whose body contains them
  (whitespace-normalised: ``exact``; as a sequence of lower-cased word tokens: ``words``).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable
from datetime import UTC, timedelta
from pathlib import Path

from storylens.bench.extract import (
    Corpus,
    DumpPage,
    available_renderers,
    normalise_space,
    output_for,
    raw_lines,
    render_blocks,
    same_site,
    same_title,
    score_corpus,
    text_metadata,
    tokens_of,
)
from storylens.bench.extract_metadata import (
    AUTHOR_META_NAMES,
    ISO_DAY_RE,
    FieldScore,
    aware_time,
    first_written_date,
    meta_values,
    same_author,
    same_published,
    title_variants,
)
from storylens.bench.metrics import TokenScore
from storylens.extract.language import detect_language, language_sample
from storylens.extract.text import non_empty_lines

FIELDS = ("title", "byline", "date", "date_any_zone", "site", "language")
GOLD_KEY = {"title": "title", "byline": "byline", "date": "published",
            "date_any_zone": "published", "site": "site", "language": "lang"}  # fmt: skip
HALVES = ("A", "B")

Found = dict[str, str | None]


def half_of(page_id: str) -> str:
    """``A`` or ``B`` by the first byte of the SHA-256 of the page id (fixed before any page
    was looked at): rules may only be changed looking at half ``A``'s failures."""
    return HALVES[hashlib.sha256(page_id.encode("utf-8")).digest()[0] % 2]


def primary_language(value: str) -> str:
    return re.split(r"[-_,;\s]", value.strip().lower())[0]


def same_language(found: str, gold: str) -> bool:
    return primary_language(found) == primary_language(gold)


def same_day_in_some_zone(found: str, gold: str) -> bool:
    """:func:`same_published`, or, when the gold is an instant with its offset and the value a
    bare day, that day is the gold instant's date somewhere between UTC-12 and UTC+14: Postlight
    writes local dates as UTC instants (a Tokyo page of 5 March is ``2019-03-04T15:00Z``)."""
    if same_published(found, gold):
        return True
    moment = aware_time(gold)
    if moment is None or aware_time(found) is not None:
        return False
    utc = moment.astimezone(UTC)
    days = {(utc + timedelta(hours=h)).date().isoformat() for h in (-12, 0, 14)}
    return found[:10] in days


def same_title_variant(found: str, gold: str) -> bool:
    return any(same_title(found, variant) for variant in title_variants(gold))


SAME: dict[str, Callable[[str, str], bool]] = {
    "title": same_title_variant,
    "byline": same_author,
    "date": same_published,
    "site": same_site,
    "language": same_language,
    "date_any_zone": same_day_in_some_zone,
}


def read_sets(directory: Path, limit: int | None = None) -> dict[str, list[dict]]:
    sets: dict[str, list[dict]] = {}
    for path in sorted(Path(directory).glob("*.jsonl")):
        with path.open(encoding="utf-8") as handle:
            rows = [json.loads(line) for line in handle if line.strip()]
        if not rows or not all("html" in row and "id" in row for row in rows):
            continue  # not a set of HTML pages (a folder may hold other JSONL files)
        sets[path.stem] = rows[:limit] if limit else rows
    if not sets:
        raise FileNotFoundError(f"{directory}: no *.jsonl sets (run scripts/external_html_sets.py)")
    return sets


# --- extractors -----------------------------------------------------------------------------


def ours(row: dict) -> tuple[str, Found]:
    """The path users take: a ``Page`` of kind ``html`` through ``extract_page``."""
    from storylens.extract import extract_page
    from storylens.models import Page

    article = extract_page(
        Page(id=row["id"], origin="bench", kind="html", content=row["html"], url=row.get("url"))
    )
    return article.body, {
        "title": article.title or None,
        "byline": article.byline,
        "date": article.published,
        "site": article.site,
        "language": article.language,
    }


def trafilatura_body(row: dict) -> str:
    import trafilatura

    return trafilatura.extract(row["html"], url=row.get("url")) or ""


def trafilatura_metadata(row: dict) -> Found:
    import trafilatura

    try:
        doc = trafilatura.extract_metadata(row["html"], default_url=row.get("url"))
    except Exception:  # its own failure on odd markup counts as nothing found
        doc = None
    if doc is None:
        return dict.fromkeys(("title", "byline", "date", "site"))
    return {"title": doc.title, "byline": doc.author, "date": doc.date, "site": doc.sitename}
    # no language: extract_metadata does not read it


def baseline_metadata(row: dict, visible: str) -> dict[str, Found]:
    """Trivial guesses (see the module docstring)."""
    from storylens.extract.html import parse_html

    root = parse_html(row["html"])
    metas = meta_values(root) if root is not None else {}
    title = " ".join(root.xpath("string(//title)").split()) if root is not None else ""
    author = next((metas[k] for k in AUTHOR_META_NAMES if metas.get(k)), None)
    iso = ISO_DAY_RE.search(row["html"])
    lines = non_empty_lines(visible)
    written = first_written_date(lines, detect_language(language_sample(lines)))
    host = re.sub(r"^https?://(www\.)?", "", row.get("url") or "").split("/")[0] or None
    lang = (root.get("lang") or None) if root is not None else None
    return {
        "title_tag": {"title": title or None},
        "first_meta_author": {"byline": author},
        "first_iso_date_in_markup": {"date": f"{iso[1]}-{iso[2]}-{iso[3]}" if iso else None},
        "first_written_date": {"date": written},
        "og_site_name": {"site": metas.get("og:site_name")},
        "host_name": {"site": host},
        "html_lang": {"language": lang},
    }


# --- scoring --------------------------------------------------------------------------------


def gold_of(row: dict, name: str) -> list[str]:
    value = row.get(GOLD_KEY[name])
    return [value] if value else []


def field_scores(rows: list[dict], found: list[Found]) -> dict[str, dict]:
    """Per field, only on pages whose gold has it (precision, recall, accuracy); the date
    twice: :func:`same_published` and :func:`same_day_in_some_zone`."""
    report: dict[str, dict] = {}
    found = [{**v, "date_any_zone": v["date"]} if "date" in v else v for v in found]
    for name in FIELDS:
        if not any(name in values for values in found):
            continue
        score = FieldScore()
        for row, values in zip(rows, found, strict=True):
            if gold_of(row, name) and name in values:
                score.add(gold_of(row, name), values[name], SAME[name])
        if score.pages:
            result = score.as_dict()
            report[name] = {k: result[k] for k in ("with_gold", "given", "right", "precision",
                                                   "recall")}  # fmt: skip
            report[name]["accuracy"] = result["recall"]
    return report


def starts_found(rows: list[dict], bodies: list[str]) -> dict[str, float | int]:
    pages = exact = words = 0
    for row, body in zip(rows, bodies, strict=True):
        start = row.get("body_start")
        if not start:
            continue
        pages += 1
        exact += normalise_space(start) in normalise_space(body)
        wanted = " ".join(tokens_of(start))
        words += bool(wanted) and f" {wanted} " in f" {' '.join(tokens_of(body))} "
    return {
        "pages": pages,
        "exact": round(exact / pages, 3) if pages else 0.0,
        "words": round(words / pages, 3) if pages else 0.0,
    }


def token_scores(rows: list[dict], bodies: list[str]) -> dict[str, float | int]:
    score = TokenScore()
    for row, body in zip(rows, bodies, strict=True):
        if row.get("body"):
            score.add(body, row["body"])
    return {
        "pages": score.pages,
        "precision": round(score.precision, 4),
        "recall": round(score.recall, 4),
        "f1": round(score.f1, 4),
    }


def plain_text_path(rows: list[dict], halves: dict[str, list[int]]) -> dict[str, dict]:
    """Each page rendered to a dump by each renderer, through the plain-text path
    (``extract_from_text``), beside keep-every-line; per part of ``halves``."""
    results: dict[str, dict] = {part: {} for part in halves}
    for renderer, render in available_renderers().items():
        pages = [DumpPage(row["id"], render(row["html"]), gold=row.get("body")) for row in rows]
        corpus = Corpus(f"external/{renderer}", "external", pages, "tokens", renderer)
        _scored, extractions = score_corpus(corpus)
        bodies = [output_for(corpus, e) for e in extractions]
        every_line = ["\n".join(raw_lines(page.text)) for page in pages]
        meta = [dict(text_metadata(e), language=e.language) for e in extractions]
        for part, members in halves.items():
            sub = [rows[i] for i in members]
            results[part][renderer] = {
                "tokens": token_scores(sub, [bodies[i] for i in members]),
                "keep_every_line": token_scores(sub, [every_line[i] for i in members]),
                "metadata": field_scores(sub, [meta[i] for i in members]),
            }
    return results


def language_group(row: dict) -> str | None:
    """``en`` or ``other`` by the gold's language; ``None`` when the set gives none."""
    lang = row.get("lang")
    return None if not lang else ("en" if primary_language(lang) == "en" else "other")


def parts_of(rows: list[dict]) -> dict[str, list[int]]:
    """All pages, each half, and, when the set gives languages, English and the rest (all
    pages and per half): a multilingual set's score is not mostly its English pages'."""
    parts = {"all": list(range(len(rows)))}
    for half in HALVES:
        parts[f"half_{half}"] = [i for i, row in enumerate(rows) if half_of(row["id"]) == half]
    groups = [language_group(row) for row in rows]
    if len({group for group in groups if group}) > 1:
        for group in ("en", "other"):
            for part in ("all", *(f"half_{half}" for half in HALVES)):
                parts[f"{part}/{group}"] = [i for i in parts[part] if groups[i] == group]
    return parts


def score_set(rows: list[dict], text_path: bool) -> dict[str, dict]:
    """Everything for one set, on all pages and on each half."""
    outputs = [ours(row) for row in rows]
    traf_bodies = [trafilatura_body(row) for row in rows]
    visible = [render_blocks(row["html"]) for row in rows]
    traf_meta = [trafilatura_metadata(row) for row in rows]
    trivial = [baseline_metadata(row, text) for row, text in zip(rows, visible, strict=True)]
    halves = parts_of(rows)
    result: dict[str, dict] = {}
    for part, members in halves.items():
        sub = [rows[i] for i in members]
        bodies = {
            "storylens": [outputs[i][0] for i in members],
            "trafilatura_default": [traf_bodies[i] for i in members],
            "keep_all_visible_text": [visible[i] for i in members],
        }
        entry: dict[str, object] = {"pages": len(sub)}
        if any(row.get("body") for row in sub):
            entry["body_tokens"] = {who: token_scores(sub, b) for who, b in bodies.items()}
        if any(row.get("body_start") for row in sub):
            entry["body_start_found"] = {who: starts_found(sub, b) for who, b in bodies.items()}
        metadata = {
            "storylens": field_scores(sub, [outputs[i][1] for i in members]),
            "trafilatura_extract_metadata": field_scores(sub, [traf_meta[i] for i in members]),
        }
        for name in trivial[0] if trivial else {}:
            metadata[f"baseline:{name}"] = field_scores(sub, [trivial[i][name] for i in members])
        entry["metadata"] = metadata
        result[part] = entry
    if text_path and any(row.get("body") for row in rows):
        for part, scored in plain_text_path(rows, halves).items():
            result[part]["plain_text_path"] = scored
    return result


def run(
    data_dir: Path, external: Path | None = None, limit: int | None = None, text: bool = True
) -> dict:
    """Score every set in ``external`` (default ``<data_dir>/external``)."""
    directory = Path(external) if external else Path(data_dir) / "external"
    return {name: score_set(rows, text) for name, rows in read_sets(directory, limit).items()}
