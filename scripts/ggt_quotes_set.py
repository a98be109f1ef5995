"""Convert the GenderGapTracker English quote evaluation set into a quotes-dev-shaped JSONL.

Where the data comes from: the GenderGapTracker project (Discourse Processing Lab, Simon Fraser
University; github.com/sfu-discourse-lab/GenderGapTracker) published, at commit fe82ba2, the 98
articles it evaluates its quote extractor on (Canadian outlets, Dec 2018 - Feb 2019: CBC News,
CTV News, The Globe and Mail, Global News, HuffPost Canada, National Post, Toronto Star; 14 each):

- ``NLP/evaluation/src/rawtext.zip``: each article's body text (``rawtext/<id>.txt``), the text
  its extractor reads;
- ``NLP/evaluation/src/eval/AnnotationTable_byArticle_withReplacementArticles.xlsx``: one row per
  article with the human annotation in column ``quotations`` (a JSON list of {quote, speaker,
  verb, quote_index, speaker_index, verb_index, reference}; ``reference`` is the speaker's full
  name, also for pronouns and for quotes with no speaker in their sentence).

Licence status: the repository is GPL-3.0; the articles belong to their outlets. The data is
used here for evaluation only: the JSONL is written outside the project and never committed or
shipped, and nothing in storylens is trained on it.

Conversion. The annotation's character indices refer to a copy of the text with different
paragraph separators, so each quote and speaker is located by its text in the raw text (the
occurrence nearest to where its index points, scaled by the two texts' lengths). Output rows:
``id``, ``outlet``, ``url``, ``article_type``, ``text`` and ``attributions``:
{content, content_spans, source (the speaker mention as annotated, "" when none), source_span,
cue, direct, reference}. ``direct`` is set as quotes-dev sets it: the content opens with a
quotation mark (GGT also annotates indirect speech, "X said that ..."; those stay as indirect
attributions: scored for precision, not for recall or speaker). Quotes whose text is not found
are dropped and counted on stderr. Two flaws of the sheet are repaired: an ``_id`` missing its
parenthesis and one quotation list written as two lists run together.

    PYTHONPATH=src python scripts/ggt_quotes_set.py \\
        /work/.mirror/sfu-discourse-lab+GenderGapTracker/repo \\
        --out /work/scratch/external/ggt-quotes.jsonl
    PYTHONPATH=src python scripts/ggt_quotes_set.py --xlsx TABLE.xlsx --rawtext rawtext.zip --out F
"""

from __future__ import annotations

import argparse
import io
import json
import re
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

from lxml import etree

COMMIT = "fe82ba2"
XLSX = "NLP/evaluation/src/eval/AnnotationTable_byArticle_withReplacementArticles.xlsx"
RAWTEXT = "NLP/evaluation/src/rawtext.zip"
_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_QUOTE_MARKS = "\"“”„«»‘’'"
_ID = re.compile(r"[0-9a-f]{24}(?![0-9a-f])")
_INDEX = re.compile(r"\(\s*(\d+)\s*,\s*(\d+)\s*\)")


def read_sheet(data: bytes) -> list[dict[str, str]]:
    """The first worksheet of an xlsx as dicts keyed by the header row (shared and inline
    strings, numbers as their text)."""
    with zipfile.ZipFile(io.BytesIO(data)) as book:
        names = set(book.namelist())
        strings = []
        if "xl/sharedStrings.xml" in names:
            shared = etree.fromstring(book.read("xl/sharedStrings.xml"))
            strings = ["".join(si.itertext()) for si in shared.iter(f"{_NS}si")]
        sheet = etree.fromstring(book.read("xl/worksheets/sheet1.xml"))
    rows: list[dict[str, str]] = []
    for row in sheet.iter(f"{_NS}row"):
        cells = {}
        for cell in row.iter(f"{_NS}c"):
            column = re.match(r"[A-Z]+", cell.get("r", "")).group()  # type: ignore[union-attr]
            kind = cell.get("t")
            value = cell.find(f"{_NS}v")
            if kind == "s" and value is not None:
                cells[column] = strings[int(value.text or 0)]
            elif kind == "inlineStr":
                cells[column] = "".join(cell.find(f"{_NS}is").itertext())  # type: ignore[union-attr]
            elif value is not None:
                cells[column] = value.text or ""
        rows.append(cells)
    if not rows:
        return []
    header = rows[0]
    return [{header[c]: v for c, v in r.items() if c in header} for r in rows[1:]]


def read_texts(data: bytes) -> dict[str, str]:
    """Article id -> body text from rawtext.zip (``rawtext/<id>.txt``)."""
    texts = {}
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in archive.namelist():
            found = _ID.search(name.rsplit("/", 1)[-1])
            if found and name.endswith(".txt"):
                texts[found.group()] = archive.read(name).decode("utf-8")
    return texts


def parse_quotations(cell: str) -> list[dict[str, Any]]:
    """The annotation's JSON list; two lists run together (``}\\n[\\n{``) are joined."""
    if not cell or not cell.strip():
        return []
    try:
        return json.loads(cell, strict=False)
    except json.JSONDecodeError:
        return json.loads(re.sub(r"\}\s*\[\s*\{", "}, {", cell), strict=False)


def _locate(text: str, needle: str, near: float) -> int | None:
    """Start of the occurrence of ``needle`` in ``text`` nearest to ``near``."""
    if not needle:
        return None
    starts = [m.start() for m in re.finditer(re.escape(needle), text)]
    return min(starts, key=lambda s: abs(s - near)) if starts else None


def convert(rows: list[dict[str, str]], texts: dict[str, str]) -> tuple[list[dict], dict]:
    """Rows of the annotation sheet and the raw texts -> quotes-dev-shaped records, and counts
    of what was kept and dropped."""
    records = []
    stats = {"articles": 0, "no_text": 0, "quotes": 0, "not_found": 0, "direct": 0}
    for row in rows:
        found = _ID.search(row.get("_id", ""))
        if not found:
            continue
        article_id = found.group()
        text = texts.get(article_id)
        if text is None:
            stats["no_text"] += 1
            continue
        annotated_text = row.get("articleBodyText") or text
        scale = len(text) / max(1, len(annotated_text))
        attributions = []
        seen = set()
        for quote in parse_quotations(row.get("quotations", "")):
            content = (quote.get("quote") or "").strip()
            index = _INDEX.search(quote.get("quote_index") or "")
            key = (content, quote.get("quote_index"))
            if key in seen:
                continue
            seen.add(key)
            stats["quotes"] += 1
            near = int(index.group(1)) * scale if index else 0.0
            start = _locate(text, content, near)
            if start is None:
                stats["not_found"] += 1
                continue
            speaker = (quote.get("speaker") or "").strip()
            speaker_index = _INDEX.search(quote.get("speaker_index") or "")
            source_span = None
            if speaker:
                offset = int(speaker_index.group(1)) - int(index.group(1)) if (
                    speaker_index and index) else 0  # fmt: skip
                at = _locate(text, speaker, start + offset)
                source_span = [at, at + len(speaker)] if at is not None else None
            direct = content[:1] in _QUOTE_MARKS
            stats["direct"] += direct
            attributions.append({
                "content": content,
                "content_spans": [[start, start + len(content)]],
                "source": speaker,
                "source_span": source_span,
                "cue": (quote.get("verb") or "").strip(),
                "direct": direct,
                "reference": (quote.get("reference") or "").strip(),
            })  # fmt: skip
        attributions.sort(key=lambda a: a["content_spans"][0][0])
        stats["articles"] += 1
        records.append({
            "id": article_id,
            "outlet": (row.get("outlet") or "").strip(),
            "url": row.get("articleURL") or "",
            "article_type": (row.get("articleType") or "").strip(),
            "text": text,
            "attributions": attributions,
        })  # fmt: skip
    return records, stats


def _from_repo(repo: Path, commit: str, path: str) -> bytes:
    return subprocess.run(
        ["git", "-C", str(repo), "show", f"{commit}:{path}"], check=True, capture_output=True
    ).stdout


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("repo", nargs="?", type=Path, help="GenderGapTracker git dir (bare ok)")
    parser.add_argument("--commit", default=COMMIT)
    parser.add_argument("--xlsx", type=Path, help="the annotation table, instead of the repo")
    parser.add_argument("--rawtext", type=Path, help="rawtext.zip, instead of the repo")
    parser.add_argument("--out", type=Path, required=True, help="JSONL to write (outside the repo)")
    args = parser.parse_args(argv)
    if args.xlsx and args.rawtext:
        sheet, raw = args.xlsx.read_bytes(), args.rawtext.read_bytes()
    elif args.repo:
        sheet = _from_repo(args.repo, args.commit, XLSX)
        raw = _from_repo(args.repo, args.commit, RAWTEXT)
    else:
        parser.error("give the repository or both --xlsx and --rawtext")
    records, stats = convert(read_sheet(sheet), read_texts(raw))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("w", encoding="utf-8") as handle:
        for record in records:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    print(json.dumps(stats), file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
