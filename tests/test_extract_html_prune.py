"""trafilatura's precise pass gives the same body on the page without the elements its cleaning
deletes anyway (``extract.html_prune``, issue 9 speed), and the page is whole again afterwards.

Each page below is built so that taking out one more element than the rules allow changes the
body: the test shows that change with a naive take-out, and that the real one gives trafilatura's
own result.
"""

from __future__ import annotations

from lxml import etree
from lxml.html import HtmlElement

from storylens.extract.html import _precise_document, _trafilatura_document, parse_html
from storylens.extract.html_prune import removable_elements, taken_out

STORY = " ".join(
    f"Sentence {n} of the council report explains how the new bridge toll is spent on repairs."
    for n in range(6)
)
OTHER = " ".join(
    f"Line {n} of another long story about the harbour festival and its many visiting boats."
    for n in range(6)
)


def _body(root: HtmlElement, elements: list[HtmlElement] | None = None) -> tuple | None:
    """The precise pass's text and body tree, on the page without ``elements`` if given."""
    with taken_out(elements or []):
        document = _trafilatura_document(root, None, fast=True)
    return None if document is None else (document.text, etree.tostring(document.body))


def _same_as_plain_pass_but_not_naive(html: str, naive: list[str]) -> None:
    root = parse_html(html)
    assert root is not None
    plain = _body(root)
    naive_elements = [e for e in root.iter(*naive) if next(e.iterancestors(*naive), None) is None]
    assert _body(root, naive_elements) != plain  # the page can tell a wrong take-out
    document = _precise_document(root, None)
    assert document is not None and plain is not None
    assert (document.text, etree.tostring(document.body)) == plain


def test_the_page_is_whole_again_after_the_pass() -> None:
    html = (
        "<html><head><title>t</title></head><body>a<aside>side</aside>b<p>p</p>c<nav>n</nav>"
        "<footer>f</footer>d<div><figure><img src='x.jpg'></figure>e</div></body></html>"
    )
    root = parse_html(html)
    assert root is not None
    before = etree.tostring(root)
    elements = removable_elements(root)
    assert [e.tag for e in elements] == ["head", "aside", "nav", "footer", "figure"]
    with taken_out(elements):
        assert etree.tostring(root) == (
            b"<html><body>ab<p>p</p>cd<div>e</div></body></html>"
        )  # tails merged where trafilatura's delete_element puts them
    assert etree.tostring(root) == before
    assert all(element.getroottree().getroot() is root for element in elements)


def test_the_page_is_whole_again_when_the_pass_fails() -> None:
    root = parse_html(f"<html><body><aside>side</aside>tail<p>{STORY}</p></body></html>")
    assert root is not None
    before = etree.tostring(root)
    try:
        with taken_out(removable_elements(root)):
            raise RuntimeError("trafilatura broke")
    except RuntimeError:
        pass
    assert etree.tostring(root) == before


def test_an_element_holding_the_headline_stays() -> None:
    """trafilatura keeps an infinite-scroll container when it holds an ``<h1>``."""
    _same_as_plain_pass_but_not_naive(
        f"<html><body><div class='infinite-scroll'><nav><h1>Bridge</h1></nav><p>{STORY}</p>"
        "</div></body></html>",
        ["nav"],
    )


def test_a_tag_nesting_in_itself_stays() -> None:
    """A nested aside ends trafilatura's aside cleaning: the next aside survives it."""
    _same_as_plain_pass_but_not_naive(
        "<html><body><aside><aside><p>x</p></aside></aside>"
        f"<div><aside><p>{OTHER}</p></aside></div></body></html>",
        ["aside"],
    )


def test_an_element_holding_an_earlier_cleaned_nesting_stays() -> None:
    """Nested asides inside a nav: asides are cleaned before navs, so the nav must be there
    when they are, or the later aside would be deleted instead of surviving."""
    _same_as_plain_pass_but_not_naive(
        "<html><body><nav><aside><aside><p>x</p></aside></aside></nav>"
        f"<div><aside><p>{OTHER}</p></aside></div></body></html>",
        ["nav"],
    )


def test_a_figure_holding_a_table_stays() -> None:
    """trafilatura turns such a figure into a ``div`` and keeps its table."""
    _same_as_plain_pass_but_not_naive(
        f"<html><body><figure><table><tr><td>{STORY}</td></tr></table></figure></body></html>",
        ["figure"],
    )


def test_furniture_around_an_article_goes_with_the_same_body() -> None:
    html = (
        "<html><body><nav><a href='/'>Home</a><a href='/world'>World</a></nav>"
        f"<article><h1>Bridge</h1><p>{STORY}</p><figure><img src='a.jpg'><figcaption>Photo"
        f"</figcaption></figure>after<p>{OTHER}</p></article><aside><p>Most read: {OTHER}</p>"
        "</aside><footer>Imprint</footer></body></html>"
    )
    root = parse_html(html)
    assert root is not None
    assert {e.tag for e in removable_elements(root)} == {"nav", "figure", "aside", "footer"}
    document = _precise_document(root, None)
    assert document is not None
    assert (document.text, etree.tostring(document.body)) == _body(root)
    assert STORY in document.text and "Most read" not in document.text


def test_an_element_inside_a_formula_stays() -> None:
    """trafilatura rescues a formula's TeX source from inside ``<math>`` before it cleans."""
    _same_as_plain_pass_but_not_naive(
        f"<html><body><article><p>{STORY} The toll is <math><semantics><mi>t</mi><noscript>"
        "<annotation encoding='application/x-tex'>t = 2x</annotation></noscript></semantics>"
        f"</math> per car.</p><p>{OTHER}</p></article></body></html>",
        ["noscript"],
    )


def test_a_head_naming_a_forum_post_stays() -> None:
    """trafilatura keeps comment lists on forum pages, which it tells from their JSON-LD."""
    forum = '{"@context": "https://schema.org", "@type": "DiscussionForumPosting"}'
    _same_as_plain_pass_but_not_naive(
        f"<html><head><script type='application/ld+json'>{forum}</script></head><body>"
        f"<article><p>{STORY}</p><dl class='comment-list'><dd><p>{OTHER}</p></dd></dl>"
        "</article></body></html>",
        ["head"],
    )


def test_a_plain_head_goes() -> None:
    root = parse_html(
        "<html><head><title>t</title><meta name='a' content='b'>"
        '<script type=\'application/ld+json\'>{"@type": "NewsArticle"}</script></head>'
        f"<body><p>{STORY}</p></body></html>"
    )
    assert root is not None
    assert [e.tag for e in removable_elements(root)] == ["head"]
