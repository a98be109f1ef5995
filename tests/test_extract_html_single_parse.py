"""HTML extraction parses each page once, walks it once, and finds bylines on a small tree.

These guard the speed work of issue 9: if a change hands trafilatura the markup instead of the
tree, re-parses the page for metadata or walks it again to list removed blocks, a test here
fails; the byline tree must give exactly trafilatura's own byline.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import lxml.etree
import pytest
from trafilatura.metadata import extract_author
from trafilatura.settings import Document
from trafilatura.xpaths import AUTHOR_DISCARD_XPATHS, AUTHOR_XPATHS

from storylens.extract import extract_page, extract_pages, html_metadata
from storylens.extract import html as html_extract
from storylens.extract.html import extract_from_html, parse_html
from storylens.ingest import read_pages
from storylens.models import Page

PARAGRAPHS = [
    f"Paragraph {n} of the report: the harbour authority said the repaired bridge would carry "
    f"traffic again this week, and engineers described the {n} stages of the work in detail."
    for n in range(1, 12)
]
LONG_PAGE = (
    "<html><head><title>Bridge report</title></head><body><nav><a href='/'>Home</a></nav>"
    f"<article><h1>Bridge report</h1>{''.join(f'<p>{p}</p>' for p in PARAGRAPHS)}</article>"
    "<footer>Contact the newsroom</footer></body></html>"
)
SHORT_PAGE = (
    "<html><body><nav><a href='/'>Home</a></nav><article><p>"
    "The council approved the new budget on Monday after a long debate about schools."
    "</p></article></body></html>"
)
PARSERS = ("fromstring", "HTML", "XML", "parse")
"""Every lxml entry point that turns markup into a tree (lxml.html's helpers call these)."""


def record_parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Patch lxml's parsing functions to note what each call parsed."""
    parsed: list[str] = []

    def counting(real: Callable) -> Callable:
        def parse(source, *args, **kwargs):  # type: ignore[no-untyped-def]
            text = source.decode("utf-8", "replace") if isinstance(source, bytes) else source
            parsed.append(text if isinstance(text, str) else repr(text))
            return real(source, *args, **kwargs)

        return parse

    for name in PARSERS:
        monkeypatch.setattr(lxml.etree, name, counting(getattr(lxml.etree, name)))
    return parsed


def test_a_page_is_parsed_once_on_the_user_path(monkeypatch: pytest.MonkeyPatch) -> None:
    parsed = record_parses(monkeypatch)
    article = extract_page(Page(id="p", origin="p.html", kind="html", content=LONG_PAGE))
    assert article.body.split("\n\n") == PARAGRAPHS  # the page really went through
    assert len(parsed) == 1, f"the page was parsed {len(parsed)} times"


def test_ingested_files_are_parsed_once_each(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """From files on disk through ingest (format and encoding sniffing) to articles."""
    (tmp_path / "a.html").write_text(LONG_PAGE, encoding="utf-8")
    (tmp_path / "b.html").write_text(SHORT_PAGE.replace("<html>", "<html lang='en'>"), "utf-8")
    parsed = record_parses(monkeypatch)
    articles = list(extract_pages(read_pages([str(tmp_path / "a.html"), str(tmp_path / "b.html")])))
    assert [type(a).__name__ for a in articles] == ["Article", "Article"]
    assert sum("<nav>" in text for text in parsed) == 2


def test_the_fallback_pass_does_not_parse_the_page_again(monkeypatch: pytest.MonkeyPatch) -> None:
    """trafilatura's readability step parses its own small summary; never the page itself."""
    parsed = record_parses(monkeypatch)
    result = extract_from_html(SHORT_PAGE)
    assert "approved the new budget" in result.body
    assert sum("<nav>" in text for text in parsed) == 1


def test_removed_blocks_come_from_one_walk_of_the_tree(monkeypatch: pytest.MonkeyPatch) -> None:
    walks = []
    real = html_extract.visible_blocks

    def counting(root):  # type: ignore[no-untyped-def]
        walks.append(root)
        return real(root)

    monkeypatch.setattr(html_extract, "visible_blocks", counting)
    result = extract_from_html(LONG_PAGE)
    assert len(walks) == 1
    assert {item.text for item in result.removed} >= {"Home", "Contact the newsroom"}


def test_hidden_elements_are_neither_kept_nor_listed() -> None:
    page = (
        "<html><body><article>"
        f"{''.join(f'<p>{p}</p>' for p in PARAGRAPHS[:6])}"
        '<div style="DISPLAY: None">Secret promotion one</div>'
        '<div style="color:red; visibility : hidden">Secret promotion two</div>'
        "<div hidden>Secret promotion three</div>"
        '<div aria-hidden="true">Secret promotion four</div>'
        '<aside aria-hidden="false"><p>Visible reader poll</p></aside>'
        "</article></body></html>"
    )
    result = extract_from_html(page)
    shown = result.body + " ".join(item.text for item in result.removed)
    assert "Secret promotion" not in shown
    assert "Visible reader poll" in shown


BYLINE_PAGES = {
    "class byline": '<div class="meta"><p class="byline">By Jane Roe</p></div>',
    "a sidebar's author box is pruned": (
        '<div class="sidebar"><span class="author">Sidebar Person</span></div>'
        '<span class="author-name">Jane Roe</span>'
    ),
    "a figure inside the byline is pruned, its tail kept": (
        '<div class="post-author">Jane <figure>Photo: Agency</figure>Roe</div>'
    ),
    "nested candidates": (
        '<div class="author-box"><div class="inner"><a rel="author" href="/j">Jane Roe</a>'
        '</div><span class="writer">Someone Else</span></div>'
    ),
    "rel author link": '<p>Words <a rel="author" href="/j">John Smith</a></p>',
    "author element": "<section><author>Anna Berg</author></section>",
    "itemprop": '<span itemprop="author"><span itemprop="name">Ola Nordmann</span></span>',
    "odd tags and attributes around it": (
        '<o:p><div xmlns:og="http://ogp.me/ns#" class="column"><span class="byl">'
        "Pat Doe</span></div></o:p>"
    ),
    "too long for a byline, then a real one": (
        f'<div class="author">{"word " * 40}</div><h4 class="byline">Kim Lee</h4>'
    ),
}


@pytest.mark.parametrize("name", sorted(BYLINE_PAGES))
def test_byline_tree_gives_trafilaturas_own_byline(name: str) -> None:
    page = (
        "<html><head><title>T</title></head><body><h1>Headline</h1>"
        f"{BYLINE_PAGES[name]}<p>{PARAGRAPHS[0]}</p></body></html>"
    )
    root = parse_html(page)
    assert root is not None
    expected = extract_author(root)
    assert expected  # each page states a byline trafilatura finds
    assert html_metadata.page_byline(root) == expected


def test_a_page_without_byline_markup_skips_the_search(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = []
    monkeypatch.setattr(html_metadata, "extract_author", lambda tree: calls.append(tree))
    root = parse_html(LONG_PAGE)
    assert root is not None
    assert html_metadata.page_byline(root) is None
    assert calls == []


def _literal_variants(literal: str) -> list[str]:
    """Spellings a regular-expression literal such as ``[Aa]uthor`` or ``author-?name`` takes."""
    variants = [literal.replace("?", "").lstrip("^").rstrip("$")]
    while any("[" in variant for variant in variants):
        expanded = []
        for variant in variants:
            match = re.search(r"\[([^\]]+)\]", variant)
            if match is None:
                expanded.append(variant)
                continue
            expanded += [variant[: match.start()] + c + variant[match.end() :] for c in match[1]]
        variants = expanded
    return variants


def test_byline_candidates_cover_trafilaturas_expressions() -> None:
    """If trafilatura's byline expressions gain a word or an attribute, this fails first."""
    words = (*html_metadata.BYLINE_CLASS_WORDS, *html_metadata.BYLINE_ID_WORDS)
    matched_otherwise = {"me"}  # rel='me' child elements: the //rel/.. branch
    for expression in AUTHOR_XPATHS:
        for literal in re.findall(r"'([^']*)'", expression.path):
            for alternative in literal.split("|"):
                for spelling in _literal_variants(alternative):
                    assert spelling in matched_otherwise or any(w in spelling for w in words), (
                        f"byline word {spelling!r} is not among the candidate words"
                    )
    for expression in (*AUTHOR_XPATHS, *AUTHOR_DISCARD_XPATHS):
        for attribute in re.findall(r"@([\w-]+)", expression.path):
            assert attribute in html_metadata.BYLINE_ATTRIBUTES


def _document(text: str) -> Document:
    document = Document()
    document.text = text
    return document


@pytest.mark.parametrize(
    ("first", "second", "kept"),
    [
        ("Subscribe to read.", "The full report. " * 20, "second"),  # much longer: taken
        ("A short but complete notice of the council.", "A short notice, and a menu.", "first"),
        ("", "Anything at all.", "second"),
        ("Some forty characters of body text here.", "", "first"),
    ],
)
def test_the_second_pass_replaces_a_body_only_when_it_finds_much_more(
    monkeypatch: pytest.MonkeyPatch, first: str, second: str, kept: str
) -> None:
    calls = []

    def second_pass(root, url, **options):  # type: ignore[no-untyped-def]
        calls.append(options)
        return _document(second)

    monkeypatch.setattr(html_extract, "_trafilatura_document", second_pass)
    chosen = html_extract._longer_second_body(_document(first), parse_html(SHORT_PAGE), None)
    assert calls == [html_extract.FALLBACK_OPTIONS]
    assert chosen is not None
    assert chosen.text == (second if kept == "second" else first)
    longer = len(second) > html_extract.FALLBACK_GAIN * len(first)
    assert (kept == "second") == longer
