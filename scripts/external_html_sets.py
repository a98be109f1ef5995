"""Convert two public HTML test-page sets into JSONL files for ``storylens bench extract
--part external`` (a held-out check: no storylens rule was written looking at these sites).

Sources (read from bare git mirrors with ``git show``; nothing is downloaded here):

- **readability** — Mozilla's Readability.js test pages, https://github.com/mozilla/readability
  (``test/test-pages/<name>/{source.html,expected.html,expected-metadata.json}``), Apache
  License 2.0. ``expected.html`` is readability's own OUTPUT (a reference extractor's choice,
  not human gold); ``expected-metadata.json`` gives title, byline, siteName, lang and
  publishedTime as readability finds them. Most pages there are real saved pages of news and
  blog sites; the rest are tiny hand-written pages testing one readability feature (``ol``,
  ``replace-brs``, ``rtl-1`` ...). Written rule, fixed before scoring: a page is kept when its
  ``source.html`` is at least ``MIN_SOURCE_BYTES`` (10,000) bytes — every feature page is under
  4 kB, every saved site page above 10 kB.
- **postlight** — Postlight Parser's (formerly Mercury) fixtures,
  https://github.com/postlight/parser (``fixtures/<domain>.html`` with
  ``src/extractors/custom/<domain>/index.test.js``), dual-licensed MIT / Apache-2.0
  (``LICENSE-MIT``, ``LICENSE-APACHE``). Gold is what the tests assert, checked by people
  writing per-site extractors: title, author, date_published and the first words of the
  content (``excerptContent(..., N)``). Only the test's first case (its ``url =`` line and first
  fixture) is read; ``assert.equal`` values are taken only when they are plain JS string
  literals (quotes, backticks without ``${``, ``+`` concatenation) or ``null``; everything else
  is skipped and counted in ``<set>.stats.json``.

The data is for evaluation only: write it OUTSIDE the repository (default
``/work/scratch/htmlheld/sets``) and never commit it.

Usage: ``python scripts/external_html_sets.py [--readability GITDIR] [--postlight GITDIR]
[--out DIR]``.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

MIN_SOURCE_BYTES = 10_000
DEFAULT_READABILITY = Path("/work/.mirror/mozilla+readability/repo")
DEFAULT_POSTLIGHT = Path("/work/.mirror/postlight+parser/repo")
DEFAULT_OUT = Path("/work/scratch/htmlheld/sets")

# --- git ----------------------------------------------------------------------------------------


def git_show(repo: Path, path: str) -> bytes | None:
    done = subprocess.run(
        ["git", "-C", str(repo), "show", f"HEAD:{path}"], capture_output=True, check=False
    )
    return done.stdout if done.returncode == 0 else None


def git_ls(repo: Path, path: str) -> list[str]:
    done = subprocess.run(
        ["git", "-C", str(repo), "ls-tree", "--name-only", f"HEAD:{path}"],
        capture_output=True,
        text=True,
        check=False,
    )
    return done.stdout.split() if done.returncode == 0 else []


def decode(data: bytes) -> str:
    return data.decode("utf-8", errors="replace")


# --- JS string literals -------------------------------------------------------------------------

JS_STRING = r"""'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|`(?:[^`\\$]|\\.|\$(?!\{))*`"""
JS_VALUE_RE = re.compile(rf"\s*(null|(?:{JS_STRING})(?:\s*\+\s*(?:{JS_STRING}))*)\s*\)", re.S)
ASSERT_RE = re.compile(r"assert\.equal\(\s*([A-Za-z_$][\w$]*)\s*,")
URL_RE = re.compile(rf"\burl\s*=\s*((?:{JS_STRING})(?:\s*\+\s*(?:{JS_STRING}))*)", re.S)
FIXTURE_RE = re.compile(r"readFileSync\(\s*['\"`]\./fixtures/([^'\"`]+)['\"`]")
EXCERPT_RE = re.compile(r"(?:const|let|var)\s+([A-Za-z_$][\w$]*)\s*=\s*excerptContent\(")
ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "b": "\b", "f": "\f", "v": "\v", "0": "\0"}


def js_unescape(body: str) -> str:
    """The value of a JS string literal's inside (``\\'``, ``\\n``, ``\\u00e9``, ``\\u{1F600}``)."""

    def one(match: re.Match[str]) -> str:
        seq = match[1]
        if seq[0] == "u":
            return chr(int(seq[2:-1] if seq[1] == "{" else seq[1:], 16))
        if seq[0] == "x":
            return chr(int(seq[1:], 16))
        if seq == "\n":  # line continuation
            return ""
        return ESCAPES.get(seq, seq)

    return re.sub(r"\\(u\{[0-9a-fA-F]+\}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|.)", one, body, flags=re.S)


def js_literal_value(source: str) -> str | None:
    """``'a' + "b"`` -> ``ab``; ``None`` for ``null``."""
    if source.strip() == "null":
        return None
    parts = re.findall(JS_STRING, source, re.S)
    return "".join(js_unescape(part[1:-1]) for part in parts)


def parse_test_js(text: str) -> tuple[dict[str, str | None], Counter[str]]:
    """The first test case of a postlight ``index.test.js``: ``url``, ``fixture`` and the
    asserted ``title``, ``author``, ``date_published`` and ``content_start`` (the first words
    of the content). Values that are not plain literals are skipped and counted."""
    skipped: Counter[str] = Counter()
    found: dict[str, str | None] = {}
    # the first case ends where a second fixture is read
    fixtures = list(FIXTURE_RE.finditer(text))
    end = fixtures[1].start() if len(fixtures) > 1 else len(text)
    if fixtures:
        found["fixture"] = fixtures[0][1]
    first = text[:end]
    if (url := URL_RE.search(first)) is not None:
        found["url"] = js_literal_value(url[1])
    content_names = set(EXCERPT_RE.findall(first))
    fields = {"title": "title", "author": "author", "date_published": "date_published"}
    fields |= {name: "content_start" for name in content_names}
    for match in ASSERT_RE.finditer(first):
        field = fields.get(match[1])
        if field is None:
            continue
        value = JS_VALUE_RE.match(first, match.end())
        if value is None:
            skipped[field] += 1
            continue
        if field not in found:
            found[field] = js_literal_value(value[1])
    return found, skipped


# --- readability ----------------------------------------------------------------------------------


def html_text(html: str) -> str:
    """Visible text of an HTML fragment, one line per block element."""
    import lxml.html

    if not html.strip():
        return ""
    root = lxml.html.fromstring(html)
    for element in root.iter("script", "style"):
        element.drop_tree()
    blocks = "p|div|h1|h2|h3|h4|h5|h6|li|tr|pre|blockquote|figcaption|section|article|td|dt|dd"
    for element in root.iter():
        if isinstance(element.tag, str) and re.fullmatch(blocks, element.tag):
            element.tail = "\n" + (element.tail or "")
        if element.tag == "br":
            element.tail = "\n" + (element.tail or "")
    lines = (" ".join(line.split()) for line in root.text_content().splitlines())
    return "\n".join(line for line in lines if line)


def declared_url(html: str) -> str | None:
    match = re.search(
        r"<(?:link[^>]+rel=[\"']canonical[\"'][^>]+href|meta[^>]+property=[\"']og:url[\"']"
        r"[^>]+content)=[\"'](https?://[^\"']+)",
        html[:300_000],
        re.IGNORECASE,
    )
    return match[1] if match else None


def readability_rows(repo: Path) -> tuple[list[dict], dict]:
    rows: list[dict] = []
    stats: Counter[str] = Counter()
    excluded: list[str] = []
    for name in git_ls(repo, "test/test-pages"):
        base = f"test/test-pages/{name}"
        source = git_show(repo, f"{base}/source.html")
        if source is None:
            stats["no_source"] += 1
            continue
        if len(source) < MIN_SOURCE_BYTES:
            excluded.append(name)
            continue
        html = decode(source)
        meta_raw = git_show(repo, f"{base}/expected-metadata.json")
        meta = json.loads(meta_raw) if meta_raw else {}
        expected = git_show(repo, f"{base}/expected.html")
        rows.append({
            "id": f"readability/{name}",
            "set": "readability",
            "url": declared_url(html),
            "html": html,
            "title": meta.get("title") or None,
            "byline": meta.get("byline") or None,
            "published": meta.get("publishedTime") or None,
            "site": meta.get("siteName") or None,
            "lang": meta.get("lang") or None,
            "body": html_text(decode(expected)) if expected else None,
        })  # fmt: skip
    return rows, {"pages": len(rows), "excluded_feature_pages": excluded, **stats}


# --- postlight ----------------------------------------------------------------------------------


def postlight_rows(repo: Path) -> tuple[list[dict], dict]:
    rows: list[dict] = []
    skipped: Counter[str] = Counter()
    problems: list[str] = []
    for domain in git_ls(repo, "src/extractors/custom"):
        test = git_show(repo, f"src/extractors/custom/{domain}/index.test.js")
        if test is None:
            problems.append(f"{domain}: no index.test.js")
            continue
        found, missed = parse_test_js(decode(test))
        skipped.update(missed)
        fixture = found.get("fixture")
        source = git_show(repo, f"fixtures/{fixture}") if fixture else None
        if source is None:
            problems.append(f"{domain}: fixture {fixture!r} not found")
            continue
        rows.append({
            "id": f"postlight/{fixture}",
            "set": "postlight",
            "url": found.get("url"),
            "html": decode(source),
            "title": found.get("title"),
            "byline": found.get("author"),
            "published": found.get("date_published"),
            "site": None,
            "lang": None,
            "body_start": found.get("content_start"),
        })  # fmt: skip
    stats = {
        "pages": len(rows),
        "skipped_assertions": dict(skipped),
        "pages_skipped": problems,
        "with_gold": {
            key: sum(bool(r[key]) for r in rows)
            for key in ("url", "title", "byline", "published", "body_start")
        },
    }
    return rows, stats


def write(rows: list[dict], stats: dict, out: Path, name: str) -> None:
    out.mkdir(parents=True, exist_ok=True)
    with (out / f"{name}.jsonl").open("w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    (out / f"{name}.stats.json").write_text(json.dumps(stats, indent=2) + "\n", "utf-8")
    print(f"{name}: {len(rows)} pages -> {out / f'{name}.jsonl'}", file=sys.stderr)


def refuse_repository(parser: argparse.ArgumentParser, out: Path) -> None:
    """Stop when ``out`` lies inside this repository: the sets quote other projects' pages and
    are for evaluation only."""
    if out.resolve().is_relative_to(Path(__file__).resolve().parents[1]):
        parser.error("write the data outside the repository (it is for evaluation only)")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--readability", type=Path, default=DEFAULT_READABILITY)
    parser.add_argument("--postlight", type=Path, default=DEFAULT_POSTLIGHT)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    refuse_repository(parser, args.out)
    write(*readability_rows(args.readability), args.out, "readability")
    write(*postlight_rows(args.postlight), args.out, "postlight")


if __name__ == "__main__":
    main()
