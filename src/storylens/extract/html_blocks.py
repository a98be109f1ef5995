"""Visible text blocks of an HTML page, and why the ones left out of the article were dropped.

Extraction must never lose text silently: every visible block that did not make it into the
article body is reported with a reason inferred from where it sits in the page (a ``<nav>``, an
element whose class says "comments", a ``<figcaption>``...).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from lxml import etree
from lxml.html import HtmlElement

from storylens.models import Removed

INVISIBLE_TAGS = frozenset(
    {"head", "script", "style", "noscript", "template", "svg", "math", "iframe", "object"}
)
"""Elements whose text a reader never sees as page text."""

# fmt: off
BLOCK_TAGS = frozenset({
    "address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details",
    "dialog", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2",
    "h3", "h4", "h5", "h6", "header", "hgroup", "html", "li", "main", "menu", "nav", "ol", "p",
    "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
})
# fmt: on
"""Elements that start a new block of text; anything else is inline and joins its block."""

TOKEN = re.compile(r"\w+")

PARTIAL_MATCH_MIN_TOKENS = 8
"""Blocks this long count as kept when most of their words are in the body, even if the
extractor dropped a fragment (an inline ad, a link) from the middle of them."""
PARTIAL_MATCH_COVERAGE = 0.8


def _hint(pattern: str) -> re.Pattern[str]:
    """A class/id keyword pattern that does not fire inside longer words (``nav`` ≠ ``canvas``)."""
    return re.compile(rf"(?<![a-z])(?:{pattern})")


@dataclass(frozen=True)
class ReasonRule:
    """One way to recognise boilerplate from an element: its tag, ARIA role or class/id words."""

    reason: str
    tags: frozenset[str] = frozenset()
    roles: frozenset[str] = frozenset()
    hint: re.Pattern[str] | None = None


REASON_RULES: tuple[ReasonRule, ...] = (
    ReasonRule("comments", hint=_hint(r"comment|disqus|respond|discussion|replies")),
    ReasonRule("caption", tags=frozenset({"figcaption", "caption"}), hint=_hint(r"caption")),
    ReasonRule(
        "related content",
        hint=_hint(
            r"related|recommend|read-?more|more-?(?:stories|news|articles)|trending|"
            r"most-?(?:popular|read)|popular|outbrain|taboola|teaser|recirc|also-?read"
        ),
    ),
    ReasonRule("social sharing", hint=_hint(r"share|sharing|social|follow-?us")),
    ReasonRule("newsletter", hint=_hint(r"newsletter|subscri|sign-?up|signup")),
    ReasonRule("advertising", hint=_hint(r"ads?(?![a-z])|advert|sponsor|promo|donat|paywall")),
    ReasonRule("breadcrumb", hint=_hint(r"breadcrumb")),
    ReasonRule(
        "navigation",
        tags=frozenset({"nav", "menu"}),
        roles=frozenset({"navigation", "menu", "menubar"}),
        hint=_hint(r"nav(?:bar|igation)?(?![a-z])|menu|pagination|pager"),
    ),
    ReasonRule(
        "footer",
        tags=frozenset({"footer"}),
        roles=frozenset({"contentinfo"}),
        hint=_hint(r"footer"),
    ),
    ReasonRule(
        "header",
        tags=frozenset({"header"}),
        roles=frozenset({"banner"}),
        hint=_hint(r"header|masthead"),
    ),
    ReasonRule(
        "sidebar",
        tags=frozenset({"aside"}),
        roles=frozenset({"complementary"}),
        hint=_hint(r"sidebar|aside|widget|rail(?![a-z])"),
    ),
    ReasonRule(
        "metadata",
        tags=frozenset({"time", "address"}),
        hint=_hint(r"byline|author|dateline|timestamp|pubdate|published|tags?(?![a-z])"),
    ),
)
DEFAULT_REASON = "not main content"
REASON_CACHE_SIZE = 8192
_ANY_HINT = re.compile("|".join(r.hint.pattern for r in REASON_RULES if r.hint is not None))
_RULE_TAGS = frozenset(tag for rule in REASON_RULES for tag in rule.tags)


@dataclass(slots=True)
class TextBlock:
    """The text a block element shows itself, not counting nested blocks (they are their own).

    Not frozen: a page has hundreds of blocks, and a frozen dataclass sets each field through
    ``object.__setattr__``, about three times the cost of building a plain one. Nothing changes
    a block after the walk."""

    element: HtmlElement
    text: str
    tokens: tuple[str, ...]
    """Lower-cased words of ``text``, counted once: every later step compares blocks by them.
    A tuple of strings, which Python's garbage collector stops tracking: the blocks live through
    the page's trafilatura passes, and lists would be carried into (and make more frequent) the
    collector's full sweeps of the process."""
    key: str
    """The same words joined by single spaces, joined once: the form blocks are matched in."""


def tokens(text: str) -> list[str]:
    return TOKEN.findall(text.lower())


WORDS_KEY_CACHE_SIZE = 4096


@lru_cache(maxsize=WORDS_KEY_CACHE_SIZE)
def words_key(text: str) -> str:
    """``text``'s lower-cased words joined by single spaces, the form paragraphs are compared in.

    A kept paragraph is compared in five steps (repeated title, lead, link lines, boxes,
    removed blocks); remembered by its text, it is split into words once, not five times (a
    sixth of the listing's time). A pure function of an immutable string: nothing can go stale.
    """
    return " ".join(tokens(text))


_HIDING_ATTRIBUTES = etree.XPath("//@hidden|//@aria-hidden|//@style")


def _hidden_elements(root: HtmlElement) -> set[HtmlElement]:
    """Elements hidden from readers (``hidden``, ``aria-hidden``, inline ``display:none``...),
    found from one XPath query for the few attributes that can hide, not element by element."""
    hidden = set()
    for value in _HIDING_ATTRIBUTES(root):
        name = value.attrname
        if name == "style":
            style = value.replace(" ", "").lower()
            if "display:none" not in style and "visibility:hidden" not in style:
                continue
        elif name == "aria-hidden" and value != "true":
            continue
        hidden.add(value.getparent())
    return hidden


def visible_blocks(root: HtmlElement) -> list[TextBlock]:
    """All visible text blocks in document order.

    Walks the tree without recursion (deep, broken pages must not overflow the stack): inline
    text and tails go into the nearest enclosing block, ``<br>`` becomes a space. Each block
    takes its place in the result when it opens and gets its text when it closes, so the
    blocks come out in document order without sorting.
    """
    slots: list[TextBlock | None] = [None]
    stack: list[tuple[int, HtmlElement, list[str]]] = [(0, root, [])]
    parts = stack[0][2]
    hidden = _hidden_elements(root)
    walker = etree.iterwalk(root, events=("start", "end"))
    for event, element in walker:
        if event == "start":
            tag = element.tag
            if tag.__class__ is not str or tag in INVISIBLE_TAGS or (hidden and element in hidden):
                walker.skip_subtree()
                continue
            if tag in BLOCK_TAGS and element is not root:
                parts = []
                stack.append((len(slots), element, parts))
                slots.append(None)
            text = element.text
            if text:
                parts.append(text)
            if tag == "br":
                parts.append(" ")
            continue
        if len(stack) > 1 and stack[-1][1] is element:
            _close_block(stack.pop(), slots)
            parts = stack[-1][2]
        if element is not root:
            tail = element.tail
            if tail:
                parts.append(tail)
    _close_block(stack[0], slots)
    return [block for block in slots if block is not None]


def _close_block(entry: tuple[int, HtmlElement, list[str]], slots: list[TextBlock | None]) -> None:
    slot, element, parts = entry
    if not parts:  # a wrapper whose text all sits in nested blocks
        return
    text = " ".join("".join(parts).split())
    if text:
        words = tokens(text)
        slots[slot] = TextBlock(element, text, tuple(words), " ".join(words))


def reason_for(
    element: HtmlElement,
    main_containers: set[HtmlElement],
    cache: dict[HtmlElement, str],
) -> str:
    """Why a block was dropped, read from the nearest element (itself or an ancestor) that says so.

    The walk stops at elements that also hold kept article text: a wrapper's class such as
    ``has-sidebar`` or ``page-header`` says nothing about a block inside the main content.
    ``cache`` remembers the answer for every element walked through, as sibling blocks share
    their ancestors: the next block stops at the first ancestor already answered.
    """
    path: list[HtmlElement] = []
    reason = DEFAULT_REASON
    current: HtmlElement | None = element
    while current is not None and current not in main_containers:
        known = cache.get(current)
        if known is not None:
            reason = known
            break
        path.append(current)
        own = reason_of_element(current)
        if own:
            reason = own
            break
        current = current.getparent()
    for walked in path:
        cache[walked] = reason
    return reason


def reason_of_element(element: HtmlElement) -> str | None:
    """What the element says it is, from its tag, ARIA role and class/id words (or ``None``)."""
    tag = element.tag
    if tag.__class__ is not str:
        tag = ""
    get = element.get
    role, classes, ident = get("role"), get("class"), get("id")
    if not classes and not ident and role is None and tag not in _RULE_TAGS:
        return None  # most elements: nothing to read
    return _reason_of(tag, role or "", f"{classes or ''} {ident or ''}")


@lru_cache(maxsize=REASON_CACHE_SIZE)
def _reason_of(tag: str, role: str, words: str) -> str | None:
    """Sibling blocks, list items and repeated cards share their class words: the rules run
    (and the words are lower-cased) once per distinct (tag, role, words), not once per
    element."""
    role, words = role.lower(), words.lower()
    if tag not in _RULE_TAGS and not role and not _ANY_HINT.search(words):
        return None
    for rule in REASON_RULES:
        if tag in rule.tags or role in rule.roles:
            return rule.reason
        if rule.hint is not None and rule.hint.search(words):
            return rule.reason
    return None


class KeptText:
    """The kept article text (title and body), indexed for "is this block in it?" questions.

    Blocks are asked about in page order, which is also body order, so each search starts where
    the previous match ended: a long article costs one pass, not one pass per block.
    """

    def __init__(self, title: str, paragraphs: Iterable[str]) -> None:
        body = " ".join(key for key in map(words_key, paragraphs) if key)
        self._body = f" {body} "
        self._counts = Counter(body.split(" ") if body else ())
        self._vocabulary = self._counts.keys()
        self._title = words_key(title)
        self._cursor = 0

    def is_title(self, block_key: str) -> bool:
        return bool(self._title) and block_key == self._title

    def contains(self, block_tokens: tuple[str, ...], block_key: str) -> bool:
        """True when the block's words appear in the body: verbatim, or mostly for long blocks.

        ``block_key`` is the words joined by single spaces (:attr:`TextBlock.key`)."""
        if not self._vocabulary >= set(block_tokens):
            return self._mostly_present(block_tokens)
        key = f" {block_key} "
        found = self._body.find(key, self._cursor)
        if found < 0:
            found = self._body.find(key, 0, self._cursor + len(key))
        if found >= 0:
            self._cursor = found + len(key) - 1
            return True
        return self._mostly_present(block_tokens)

    def _mostly_present(self, block_tokens: tuple[str, ...]) -> bool:
        """Long blocks count as kept when the extractor only trimmed a fragment from them."""
        if len(block_tokens) < PARTIAL_MATCH_MIN_TOKENS:
            return False
        needed = PARTIAL_MATCH_COVERAGE * len(block_tokens)
        counts = self._counts
        if sum(1 for token in block_tokens if token in counts) < needed:
            return False  # even every known word counted in full is too few (most boilerplate)
        present = sum((Counter(block_tokens) & counts).values())
        return present >= needed


PROSE_MIN_WORDS = 10
SENTENCE_END = (".", "!", "?", "…", ":", '"', "“", "”", "»", "«", ")", "。", "！", "？")


def is_prose(block: TextBlock) -> bool:
    """A block that reads like article text: a sentence of some length, ending like one."""
    return len(block.tokens) >= PROSE_MIN_WORDS and block.text.endswith(SENTENCE_END)


def dropped_prose_chars(blocks: list[TextBlock], body: str) -> int:
    """Characters of prose blocks the body does not hold: how much article-like text is left."""
    kept = KeptText("", [body])
    return sum(
        len(block.text)
        for block in blocks
        if is_prose(block) and not kept.contains(block.tokens, block.key)
    )


def removed_blocks(
    blocks: list[TextBlock], title: str, paragraphs: list[str]
) -> list[Removed]:
    """Every visible block not kept as title or body, once, with the reason it was dropped.

    ``blocks`` are the page's :func:`visible_blocks`, walked once per page by the caller: the
    listing compares them with the kept text and never walks or parses the page again.
    """
    kept = KeptText(title, paragraphs)
    dropped: list[TextBlock] = []
    main_containers: set[HtmlElement] = set()
    for block in blocks:
        if not block.tokens or kept.is_title(block.key):
            continue
        if kept.contains(block.tokens, block.key):
            _add_ancestors(block.element, main_containers)
        else:
            dropped.append(block)
    cache: dict[HtmlElement, str] = {}
    reasons = {(b.text, reason_for(b.element, main_containers, cache)): None for b in dropped}
    return [Removed(text, reason) for text, reason in reasons]


def _add_ancestors(element: HtmlElement, found: set[HtmlElement]) -> None:
    """Add the strict ancestors (the kept block itself may carry a hint meant for its own text
    only); stops at the first one already there, as its own ancestors are then there too."""
    parent = element.getparent()
    while parent is not None and parent not in found:
        found.add(parent)
        parent = parent.getparent()
