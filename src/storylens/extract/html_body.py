"""Corrections to trafilatura's body: the lead it pruned, the link lines and furniture boxes it
kept.

trafilatura's precise mode prunes every ``<header>`` and every element whose class says
"teaser", and news sites put the lead paragraph (and the standfirst under the headline) in
exactly those places: ``<header><p class="lead">``, ``<div class="article-intro"><p
class="article-teaser">``. A lead is taken back when it sits where a lead sits and says so:
prose between the page's headline and the first block of the kept body, inside the element that
holds both (the article), inside the article's own ``<header>`` or marked as the lead, intro or
summary by its own class or a wrapper's below the article, and not inside anything that names
itself a caption, byline, share bar, menu or ad.
"""

from __future__ import annotations

import re

from lxml.html import HtmlElement

from storylens.extract.html_blocks import (
    SENTENCE_END,
    TextBlock,
    reason_of_element,
    tokens,
    words_key,
)

LEAD_MIN_WORDS = 12
"""A lead is a sentence or more; bylines, dates, kickers and "3 min read" lines are shorter."""
UNENDED_LEAD_MIN_WORDS = 20
"""A lead normally ends like a sentence; one that does not (some sites drop the full stop of
their standfirst) needs this many words, far more than a kicker or a headline has."""
LEAD_MAX_BLOCKS = 3
"""Leads are one to three blocks; a longer run between headline and body is a teaser list."""
OPENING_MIN_WORDS = 6
"""The body's first block is found by its words: a block with at least this many words (or the
whole first paragraph, if shorter) that the first paragraph holds, or that holds the first
paragraph's opening words. Shorter blocks ("Anzeige", a menu item) match anywhere."""
HEADLINE_TAGS = frozenset({"h1"})
HEADLINE_MIN_WORDS = 4
HEADLINE_TITLE_SHARE = 0.6
"""The headline is the ``<h1>`` or the block that repeats the title; titles often carry the
site's name before or after the headline ("Headline - La Tercera"), so a block of at least
these many words and this share of the title that opens or closes it counts too."""
LEAD_TAGS = frozenset({"header"})
"""The article's own ``<header>`` (below the element holding headline and body) holds the
headline, the byline and the standfirst; prose there is the standfirst."""
NOT_LEAD_REASONS = frozenset(
    {"comments", "caption", "social sharing", "newsletter", "advertising", "breadcrumb",
     "navigation", "footer", "sidebar", "metadata"}
)  # fmt: skip
"""What an element between the lead and the article may say about itself without disqualifying
it: "header" (the article's own header) and "related content" ("teaser", the lead's usual
class) may; the rest name page furniture."""
LEAD_HINT = re.compile(
    r"(?<![a-z])(?:lead|lede|intro|teaser|excerpt|einleitung|vorspann|chapo|chapeau|entradilla"
    r"|preface|abstract|sub-?head|subtitle|dek(?![a-z])|standfirst|summary|description)"
)
"""Class/id words that name the article's opening paragraph or its standfirst. The standfirst
("dek", "subtitle", "summary") is display copy that some article bodies (schema.org
``articleBody``) leave out, but it is the outlet's own summary of the story, written as prose,
and readers see it as the article's opening (BENCHMARKS.md, HTML round 5)."""


def lead_blocks(blocks: list[TextBlock], title: str, paragraphs: list[str]) -> list[str]:
    """Texts of the lead blocks missing from ``paragraphs``, in page order (usually none)."""
    if not paragraphs:
        return []
    title_tokens = tuple(tokens(title))
    opening_key = words_key(paragraphs[0])
    opening_tokens = opening_key.split(" ") if opening_key else []
    opening = f" {opening_key} "
    start = f" {' '.join(opening_tokens[:OPENING_MIN_WORDS])} "
    needed = min(OPENING_MIN_WORDS, len(opening_tokens))
    headline: HtmlElement | None = None
    between: list[TextBlock] = []
    first_kept: HtmlElement | None = None
    for block in blocks:
        block_tokens = block.tokens
        if not block_tokens:
            continue
        if block.element.tag in HEADLINE_TAGS or _repeats_title(block_tokens, title_tokens):
            headline, between = block.element, []
            continue
        key = f" {block.key} "
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


def _repeats_title(block_tokens: tuple[str, ...], title_tokens: tuple[str, ...]) -> bool:
    """The block is the title, or the title without the site name before or after it."""
    if block_tokens == title_tokens:
        return True
    size = len(block_tokens)
    if size < HEADLINE_MIN_WORDS or size < HEADLINE_TITLE_SHARE * len(title_tokens):
        return False
    return title_tokens[:size] == block_tokens or title_tokens[-size:] == block_tokens


def _reads_as_lead(block: TextBlock, article: HtmlElement) -> bool:
    size = len(block.tokens)
    if size < LEAD_MIN_WORDS:
        return False
    if size < UNENDED_LEAD_MIN_WORDS and not block.text.endswith(SENTENCE_END):
        return False
    named_lead = False
    current: HtmlElement | None = block.element
    while current is not None and current is not article:
        if reason_of_element(current) in NOT_LEAD_REASONS:
            return False
        named_lead = named_lead or current.tag in LEAD_TAGS or _names_lead(current)
        current = current.getparent()
    return current is article and named_lead


def _names_lead(element: HtmlElement) -> bool:
    words = f"{element.get('class') or ''} {element.get('id') or ''}".lower()
    return LEAD_HINT.search(words) is not None


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
    pointers = _pointer_keys(blocks, {words_key(p) for p in paragraphs})
    if not pointers:
        return paragraphs
    return [p for p in paragraphs if words_key(p) not in pointers]


def _pointer_keys(blocks: list[TextBlock], kept_keys: set[str]) -> set[str]:
    """Words of the kept paragraphs that the page only shows as pointers: a lead that a teaser
    elsewhere on the page repeats as a link is still the article's own text."""
    found: set[str] = set()
    plain: set[str] = set()
    for block in blocks:
        element = block.element
        if len(block.tokens) < LINK_MIN_WORDS:
            continue
        key = block.key
        if key not in kept_keys:
            continue
        if (
            element.tag in LINK_PARAGRAPH_TAGS
            and element.find(".//a") is not None
            and _points_elsewhere(block)
        ):
            found.add(key)
        else:
            plain.add(key)
    return found - plain


def _points_elsewhere(block: TextBlock) -> bool:
    text = block.text
    label, colon, rest = text.partition(":")
    if colon and len(tokens(label)) <= LABEL_MAX_WORDS and rest.strip():
        text = rest
    elif (heading := _bold_label(block.element)) and text.startswith(heading):
        text = text[len(heading) :]
    words = [t for t in tokens(text) if not t.isdigit()]
    if len(words) < LINK_MIN_WORDS:
        return False
    linked = " ".join(" ".join(a.text_content().split()) for a in block.element.iter("a"))
    return len(linked) >= LINK_BLOCK_SHARE * len(text.strip())


LABEL_TAGS = frozenset({"strong", "b"})
LABEL_MAX_CHARS = 40
"""A bold label is counted in space-separated words and characters: scripts without spaces
(Thai, Chinese) split into many tokens."""


def _bold_label(element: HtmlElement) -> str | None:
    """The bold words that open a paragraph as its label, unlinked and without a colon
    (``<p><strong>Related stories</strong><br><a>...</a><br><a>...</a></p>``, in any language):
    no more than a colon's label, they do not count against the links' share."""
    if (element.text or "").strip() or not len(element):
        return None
    first = element[0]
    if first.tag not in LABEL_TAGS or first.find(".//a") is not None:
        return None
    label = " ".join(first.text_content().split())
    short = len(label.split()) <= LABEL_MAX_WORDS and len(label) <= LABEL_MAX_CHARS
    return label if label and short else None


BOX_REASONS = frozenset(
    {"comments", "newsletter", "related content", "social sharing", "advertising", "sidebar",
     "breadcrumb", "footer"}
)  # fmt: skip
"""What a box inside the article may call itself to have its paragraphs dropped. Not
"navigation": step lists of recipes and guides are called that."""
BOX_MAX_SHARE = 0.25
"""A box holds at most this share of the kept text; an element that holds more is a wrapper of
the article itself, whatever its class says (``l-prm-roundup``, ``teaser_blog_text``)."""


def without_boxed_paragraphs(paragraphs: list[str], blocks: list[TextBlock]) -> list[str]:
    """The body without paragraphs that sit in a small box of page furniture inside the article:
    a newsletter form, a related-stories card, a comment, named so by its class or id.

    trafilatura keeps them when the box sits inside the article's container. Whether an element
    is a box or the article's wrapper is told by how much of the kept text it holds; classes
    naming a lead or teaser never make a box (they name the lead on many sites). The same goes
    for a class repeated on many small elements: ``<p class="paywall">`` on each paragraph
    behind a paywall, ``<div class="... paywalled">`` on each block of the article marks the
    article's own text, which no box holds more than ``BOX_MAX_SHARE`` of.
    """
    keys = [words_key(p) for p in paragraphs]
    kept_keys = set(keys)
    kept = [b for b in blocks if b.tokens and b.key in kept_keys]
    if len(kept) < 2:
        return paragraphs
    held = _kept_chars_per_element(kept)
    limit = BOX_MAX_SHARE * sum(len(block.text) for block in kept)
    article_marks = _article_wide_marks(kept, held, limit)
    boxed: set[str] = set()
    plain: set[str] = set()
    for block in kept:
        key = block.key
        (boxed if _in_small_box(block.element, held, limit, article_marks) else plain).add(key)
    drop = boxed - plain  # the same words shown outside any box stay
    if not drop:
        return paragraphs
    return [p for p, key in zip(paragraphs, keys, strict=True) if key not in drop]


def _kept_chars_per_element(kept: list[TextBlock]) -> dict[HtmlElement, int]:
    held: dict[HtmlElement, int] = {}
    for block in kept:
        size = len(block.text)
        held[block.element] = held.get(block.element, 0) + size
        for ancestor in block.element.iterancestors():
            held[ancestor] = held.get(ancestor, 0) + size
    return held


def _mark(element: HtmlElement) -> tuple[str, str]:
    return str(element.tag), " ".join((element.get("class") or "").split())


def _article_wide_marks(
    kept: list[TextBlock], held: dict[HtmlElement, int], limit: float
) -> frozenset[tuple[str, str]]:
    """Tag-and-class pairs of furniture-named elements that together hold more of the kept text
    than one box may: the article's own blocks, however small each is."""
    boxes = {
        element
        for block in kept
        for element in (block.element, *block.element.iterancestors())
        if reason_of_element(element) in BOX_REASONS
    }
    totals: dict[tuple[str, str], int] = {}
    for box in boxes:
        mark = _mark(box)
        totals[mark] = totals.get(mark, 0) + held[box]
    return frozenset(mark for mark, total in totals.items() if total > limit)


def _in_small_box(
    element: HtmlElement,
    held: dict[HtmlElement, int],
    limit: float,
    article_marks: frozenset[tuple[str, str]],
) -> bool:
    current: HtmlElement | None = element
    while current is not None and held.get(current, 0) <= limit:
        if (
            reason_of_element(current) in BOX_REASONS
            and not _names_lead(current)
            and _mark(current) not in article_marks
        ):
            return True
        current = current.getparent()
    return False
