"""Two corrections to trafilatura's body: the lead paragraph it pruned, the link lines it kept.

trafilatura's precise mode prunes every ``<header>`` and every element whose class says
"teaser", and news sites put the lead paragraph in exactly those places: ``<header><p
class="lead">``, ``<div class="article-intro"><p class="article-teaser">``. A lead is taken back
when it sits where a lead sits and says so: prose between the page's headline and the first
block of the kept body, inside the element that holds both (the article), marked as the lead or
intro by its own class or a wrapper's below the article, and not inside anything that names
itself a caption, byline, share bar, menu or ad.
"""

from __future__ import annotations

import re

from lxml.html import HtmlElement

from storylens.extract.html_blocks import SENTENCE_END, TextBlock, reason_of_element, tokens

LEAD_MIN_WORDS = 12
"""A lead is a sentence or more; bylines, dates, kickers and "3 min read" lines are shorter."""
LEAD_MAX_BLOCKS = 3
"""Leads are one to three blocks; a longer run between headline and body is a teaser list."""
OPENING_MIN_WORDS = 6
"""The body's first block is found by its words: a block with at least this many words (or the
whole first paragraph, if shorter) that the first paragraph holds, or that holds the first
paragraph's opening words. Shorter blocks ("Anzeige", a menu item) match anywhere."""
HEADLINE_TAGS = frozenset({"h1"})
NOT_LEAD_REASONS = frozenset(
    {"comments", "caption", "social sharing", "newsletter", "advertising", "breadcrumb",
     "navigation", "footer", "sidebar", "metadata"}
)  # fmt: skip
"""What an element between the lead and the article may say about itself without disqualifying
it: "header" (the article's own header) and "related content" ("teaser", the lead's usual
class) may; the rest name page furniture."""
LEAD_HINT = re.compile(
    r"(?<![a-z])(?:lead|lede|intro|teaser|excerpt|einleitung|vorspann|chapo|chapeau|entradilla)"
)
"""Class/id words that name the article's opening paragraph. Not "dek", "summary", "subtitle"
or "standfirst": those name display copy under the headline, which article bodies (schema.org
``articleBody``) leave out, while the lead is the body's first paragraph set apart."""


def lead_blocks(blocks: list[TextBlock], title: str, paragraphs: list[str]) -> list[str]:
    """Texts of the lead blocks missing from ``paragraphs``, in page order (usually none)."""
    if not paragraphs:
        return []
    title_tokens = tokens(title)
    opening_tokens = tokens(paragraphs[0])
    opening = f" {' '.join(opening_tokens)} "
    start = f" {' '.join(opening_tokens[:OPENING_MIN_WORDS])} "
    needed = min(OPENING_MIN_WORDS, len(opening_tokens))
    headline: HtmlElement | None = None
    between: list[TextBlock] = []
    first_kept: HtmlElement | None = None
    for block in blocks:
        block_tokens = block.tokens
        if not block_tokens:
            continue
        if block.element.tag in HEADLINE_TAGS or block_tokens == title_tokens:
            headline, between = block.element, []
            continue
        key = f" {' '.join(block_tokens)} "
        if len(block_tokens) >= needed and (key in opening or start in key):
            first_kept = block.element
            break
        between.append(block)
    if headline is None or first_kept is None or not between:
        return []
    article = _common_ancestor(headline, first_kept)
    if article is None:
        return []
    leads = [b for b in between if _reads_as_lead(b, article)]
    return [b.text for b in leads] if len(leads) <= LEAD_MAX_BLOCKS else []


def _reads_as_lead(block: TextBlock, article: HtmlElement) -> bool:
    if len(block.tokens) < LEAD_MIN_WORDS or not block.text.endswith(SENTENCE_END):
        return False
    named_lead = False
    current: HtmlElement | None = block.element
    while current is not None and current is not article:
        if reason_of_element(current) in NOT_LEAD_REASONS:
            return False
        words = f"{current.get('class') or ''} {current.get('id') or ''}".lower()
        named_lead = named_lead or LEAD_HINT.search(words) is not None
        current = current.getparent()
    return current is article and named_lead


def _common_ancestor(first: HtmlElement, second: HtmlElement) -> HtmlElement | None:
    ancestors = set(first.iterancestors())
    ancestors.add(first)
    for element in second.iterancestors():
        if element in ancestors:
            return element
    return None


LINK_BLOCK_SHARE = 0.9
"""A paragraph is a pointer to another page when links hold this much of its text (after a
short label such as "Read more:", "Lesen Sie auch:", "LE PUEDE INTERESAR:")."""
LINK_MIN_WORDS = 4
"""...and the linked part has this many words that are not numbers: a linked e-mail address,
a date or a one-word link ("Impressum") is not a teaser."""
LABEL_MAX_WORDS = 4
LINK_PARAGRAPH_TAGS = frozenset({"p", "div", "span", "strong", "b", "em"})
"""Headings and list items made of links are usually the article's own table of contents."""


def without_link_paragraphs(paragraphs: list[str], blocks: list[TextBlock]) -> list[str]:
    """The body without paragraphs that only point to other articles.

    Sites put "Read more: <headline of another story>" lines between the paragraphs of an
    article; trafilatura keeps them, as they sit inside the article's container.
    """
    pointers = _pointer_keys(blocks, {" ".join(tokens(p)) for p in paragraphs})
    if not pointers:
        return paragraphs
    return [p for p in paragraphs if " ".join(tokens(p)) not in pointers]


def _pointer_keys(blocks: list[TextBlock], kept_keys: set[str]) -> set[str]:
    found = set()
    for block in blocks:
        element = block.element
        if element.tag not in LINK_PARAGRAPH_TAGS or len(block.tokens) < LINK_MIN_WORDS:
            continue
        key = " ".join(block.tokens)
        if key in kept_keys and element.find(".//a") is not None and _points_elsewhere(block):
            found.add(key)
    return found


def _points_elsewhere(block: TextBlock) -> bool:
    text = block.text
    label, colon, rest = text.partition(":")
    if colon and len(tokens(label)) <= LABEL_MAX_WORDS and rest.strip():
        text = rest
    words = [t for t in tokens(text) if not t.isdigit()]
    if len(words) < LINK_MIN_WORDS:
        return False
    linked = " ".join(" ".join(a.text_content().split()) for a in block.element.iter("a"))
    return len(linked) >= LINK_BLOCK_SHARE * len(text.strip())
