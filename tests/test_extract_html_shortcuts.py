"""The HTML path's speed shortcuts give exactly what the plain computation gives (issue 9).

Each shortcut here was taken only because its result is provably the same: a cached word key,
a bound checked before counting, XPath queries rewritten for libxml2, parsing from bytes. Each
test compares the shortcut with the plain form it replaced, on input built to tell them apart
if the shortcut were wrong.
"""

from __future__ import annotations

from collections import Counter

from lxml import etree

from storylens.extract import html_metadata
from storylens.extract.html import _PARSER, extract_from_html, parse_html
from storylens.extract.html_blocks import (
    PARTIAL_MATCH_COVERAGE,
    KeptText,
    _hidden_elements,
    tokens,
    visible_blocks,
    words_key,
)

PARAGRAPHS = [
    f"Paragraph {n} of the report: the harbour authority said the repaired bridge would carry "
    f"traffic again this week, and engineers described the {n} stages of the work in detail."
    for n in range(1, 6)
]


def _page(body: str, head: str = "<title>Bridge report</title>") -> str:
    return f"<html><head>{head}</head><body>{body}</body></html>"


def test_word_keys_are_the_joined_words_whatever_was_asked_before() -> None:
    texts = ["Hello, World!", "hello world", "HELLO   world.", "Straße über Öl", "", "— …", "a_b c"]
    for text in texts + list(reversed(texts)):  # second round: every answer from the cache
        assert words_key(text) == " ".join(tokens(text))


def test_a_page_gives_the_same_result_after_other_pages() -> None:
    """The word-key cache outlives a page: another page read first must not change anything,
    even one whose blocks repeat this page's paragraphs with other case and punctuation."""
    article = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    page = _page(f"<nav><a href='/'>Home</a></nav><article><h1>Bridge</h1>{article}</article>")
    other = _page(
        "<div class='related'>" + "".join(f"<p>{p.upper()}!</p>" for p in PARAGRAPHS) + "</div>"
    )
    words_key.cache_clear()
    alone = extract_from_html(page)
    extract_from_html(other)
    after = extract_from_html(page)
    assert after == alone
    assert alone.paragraphs == PARAGRAPHS


def _plain_kept_body(paragraphs: list[str]) -> tuple[str, Counter[str]]:
    """How :class:`KeptText` indexed the body before it used cached word keys."""
    body_tokens = [t for p in paragraphs for t in tokens(p)]
    return f" {' '.join(body_tokens)} ", Counter(body_tokens)


def test_kept_text_indexes_the_body_as_the_plain_computation_did() -> None:
    paragraphs = ["Alpha beta", "— …", "", "Gamma, delta!", "beta beta"]
    kept = KeptText("Title", paragraphs)
    assert (kept._body, kept._counts) == _plain_kept_body(paragraphs)
    # a block across a paragraph without words still matches: no double space in the index
    assert kept.contains(["beta", "gamma"], "beta gamma")
    assert (KeptText("", [])._body, KeptText("", [])._counts) == _plain_kept_body([])


def _plain_mostly_present(kept: KeptText, block_tokens: list[str]) -> bool:
    present = sum((Counter(block_tokens) & kept._counts).values())
    return present >= PARTIAL_MATCH_COVERAGE * len(block_tokens)


def test_the_partial_match_bound_never_changes_the_answer() -> None:
    body = "one two three four five six seven eight nine ten eleven twelve"
    kept = KeptText("", [body])
    words = body.split()
    blocks = [
        [*words[:8], "x", "y"],  # 8 of 10 present: kept
        [*words[:7], "x", "y", "z"],  # 7 of 10: dropped by the bound
        [*["one"] * 9, "two"],  # all known, but "one" only once in the body: dropped by Counter
        words[:10],
        ["x"] * 12,
    ]
    answers = [kept._mostly_present(block) for block in blocks]
    assert answers == [_plain_mostly_present(kept, block) for block in blocks]
    assert answers == [True, False, False, True, False]


BYLINE_DECOYS = ["-by", "yl", "name", "bian", "style", "rename", "nameplate", "bia", "uthr"]


def _plain_byline_candidates() -> etree.XPath:
    """The candidate query with one ``contains`` per word, no gates, ``//`` paths."""

    def any_of(words: tuple[str, ...]) -> str:
        return " or ".join(f"contains(., '{word}')" for word in words)

    return etree.XPath(
        f"//@class[{any_of(html_metadata.BYLINE_CLASS_WORDS)}]/.."
        f" | //@id[{any_of(html_metadata.BYLINE_ID_WORDS)}]/.."
        " | //@rel[. = 'author']/.. | //@itemprop[contains(., 'author')]/.."
        " | //@data-testid[contains(., 'Author')]/.. | //@data-component[contains(., 'Byline')]/.."
        " | //author | //rel/.."
    )


def test_gated_byline_candidates_are_the_plain_ones() -> None:
    values = [*html_metadata.BYLINE_CLASS_WORDS, *BYLINE_DECOYS]
    values += [f"x-{word}-y" for word in html_metadata.BYLINE_CLASS_WORDS]
    body = "".join(f"<div class='{v}'><span id='{v}'>t</span></div>" for v in values)
    body += "<p><a rel='author'>A</a><span itemprop='author'>B</span><author>C</author></p>"
    root = parse_html(_page(body))
    assert root is not None
    found = html_metadata._BYLINE_CANDIDATES(root)
    assert found == _plain_byline_candidates()(root)
    assert len(found) > len(html_metadata.BYLINE_CLASS_WORDS)  # the page really has matches
    for words in (html_metadata.BYLINE_CLASS_WORDS, html_metadata.BYLINE_ID_WORDS):
        expression = html_metadata._any_of(words)
        assert all(f"'{word}'" in expression for word in words)


def test_hidden_elements_match_the_plain_query() -> None:
    body = (
        "<div hidden><p>a</p></div><div aria-hidden='true'>b</div><div aria-hidden='false'>c"
        "</div><span style='DISPLAY: none'>d</span><p style='color: red'>e<br>f</p>"
        "<table><tr><td>g</td></tr></table>"
    )
    root = parse_html(_page(body, head="<title>T</title><meta charset='utf-8'>"))
    assert root is not None
    plain = {
        value.getparent()
        for value in root.xpath("//@hidden|//@aria-hidden|//@style")
        if value.attrname == "hidden"
        or (value.attrname == "aria-hidden" and value == "true")
        or (value.attrname == "style" and "display:none" in value.replace(" ", "").lower())
    }
    assert _hidden_elements(root) == plain
    assert len(plain) == 3


def test_pages_parse_from_bytes_to_the_tree_a_string_gives() -> None:
    for head in ("<meta charset='iso-8859-1'>", "<meta charset='utf-16'>", ""):
        page = _page("<p>Müller sagt „Ja“ – 東京 😀 ü</p><p>Zweiter Absatz</p>", head=head)
        root = parse_html(page)
        assert root is not None
        expected = etree.fromstring(page, parser=_PARSER)
        assert etree.tostring(root, encoding="unicode") == etree.tostring(
            expected, encoding="unicode"
        )
        assert "Müller sagt „Ja“ – 東京 😀 ü" in root.text_content()


def test_blocks_come_in_document_order() -> None:
    root = parse_html(
        _page("<div>one<section><p>two</p>three<ul><li>four</li></ul></section>five</div><p>six</p>")
    )
    assert root is not None
    assert [b.text for b in visible_blocks(root)] == ["onefive", "three", "two", "four", "six"]
