"""The page as trafilatura's precise pass needs it: without the parts its cleaning deletes anyway.

trafilatura copies the tree it is given (three times in the precise pass) and runs its pruning
queries over all of it before its cleaning step deletes every ``aside``, ``footer``, ``nav``,
``figure``, ``noscript``, ``head``... (``trafilatura.settings.MANUALLY_CLEANED``): 40% of the
elements of the HTML benchmark pages. Here those elements are taken out of the page's one tree
for the length of the precise pass and put back exactly where they were afterwards: no copy of
our own, and the blocks, the removed-block listing and the balanced second pass (whose
readability and jusText steps read the raw page) see the whole page as before.

The pass gives the same body as on the whole page because an element is taken out only when
trafilatura's own steps would delete it whatever happened before:

- its tag is one trafilatura cleans that wraps many elements (:data:`BULKY_TAGS`), and it
  is not a ``figure`` holding a table, which trafilatura turns into a ``div``;
- it holds no ``<h1>`` (trafilatura keeps an infinite-scroll container that holds one);
- its tag never nests in itself on the page, and no element inside it whose tag trafilatura
  cleans earlier sits in one of its own tag: trafilatura deletes while iterating, and an
  element deleted with a same-tag element inside it ends that tag's iteration early, so later
  ones survive the cleaning (lxml's iterator moves into the detached subtree);
- it is not inside a ``<math>`` element (whose formula trafilatura rescues first);
- ``<head>`` goes only when none of its JSON-LD scripts names a forum post (the one thing in
  it trafilatura reads before deleting it).

Taking an element out merges its tail text into what precedes it, as trafilatura's
``delete_element`` does, and such deletions give the same tree in any order. The rules follow
trafilatura 2.3.1's ``trafilatura_sequence`` and ``tree_cleaning``; the tests
(``tests/test_extract_html_prune.py``) run the installed trafilatura on a page for each rule,
built so that breaking the rule changes the body, and the 687 HTML benchmark pages give the
same output field for field.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache

from lxml.html import HtmlElement
from trafilatura import settings as trafilatura_settings

BULKY_TAGS = (
    "aside", "footer", "nav", "figure", "noscript", "iframe", "menu", "picture", "video",
    "audio", "select", "object", "dialog", "fieldset", "map", "canvas", "embed",
)  # fmt: skip
"""The cleaned tags taken out: those that wrap many elements. Taking out every cleaned tag
(``button``, ``input``, ``time``, ``link``... too) saves no more pass time (-9.4% against
-9.6% on the 687 HTML benchmark pages) for five times the elements to move. Not among them:
``form`` (trafilatura keeps one that wraps the article), ``script`` (it looks there for forum
markup), ``math`` (it keeps the formula). ``head`` is taken out too, unless its JSON-LD names
a forum post (trafilatura keeps comment sections on forum pages)."""
FORUM_MARKUP = "DiscussionForumPosting"
"""What trafilatura looks for in JSON-LD scripts to tell a forum thread (``_forum_thread_page``)."""


@lru_cache(maxsize=4)
def _tags(cleaned: tuple[str, ...]) -> tuple[tuple[str, ...], dict[str, tuple[str, ...]]]:
    """The bulky tags trafilatura cleans, each with the tags it cleans before them. Keyed by
    trafilatura's list (``MANUALLY_CLEANED``), which its users may change; forms are left out
    of the order, being deleted separately from a list."""
    iterated = [tag for tag in cleaned if tag != "form"]
    bulky = tuple(tag for tag in BULKY_TAGS if tag in iterated)
    taken = (*bulky, "head") if "head" in iterated else bulky
    return bulky, {tag: tuple(iterated[: iterated.index(tag)]) for tag in taken}


def removable_elements(root: HtmlElement) -> list[HtmlElement]:
    """The outermost bulky elements trafilatura's precise pass deletes whatever else it does
    first, in document order (see the module docstring for the conditions)."""
    bulky, cleaned_before = _tags(tuple(trafilatura_settings.MANUALLY_CLEANED))
    head = _removable_head(root, cleaned_before.get("head"))
    found = list(root.iter(*bulky))
    if not found:
        return head
    nesting = {e.tag for e in found if next(e.iterancestors(e.tag), None) is not None}
    return head + [
        element
        for element in found
        if element.tag not in nesting
        and next(element.iterancestors(*bulky), None) is None
        and next(element.iter("h1"), None) is None
        and not (element.tag == "figure" and next(element.iter("table"), None) is not None)
        and next(element.iterancestors("math"), None) is None
        and not _holds_self_nesting(element, cleaned_before[element.tag])
    ]


def _removable_head(root: HtmlElement, cleaned_before: tuple[str, ...] | None) -> list[HtmlElement]:
    """The page's ``<head>`` when trafilatura cleans it and reads nothing in it first: its
    forum test reads every JSON-LD script, so a head whose JSON-LD names a forum post stays."""
    head = root.find("head")
    if head is None or cleaned_before is None:
        return []
    for script in head.iter("script"):
        if script.get("type") == "application/ld+json" and FORUM_MARKUP in (script.text or ""):
            return []
    if next(head.iter("h1"), None) is not None or _holds_self_nesting(head, cleaned_before):
        return []
    return [head]


def _holds_self_nesting(element: HtmlElement, tags: tuple[str, ...]) -> bool:
    """Whether an element of ``tags`` inside ``element`` sits inside another of its own tag.

    trafilatura cleans tag by tag, deleting while it iterates: deleting an element with one of
    its own tag inside ends that tag's iteration, and the rest of the page keeps the others.
    Those cleaned before ``element``'s tag must then be visited as they would be."""
    if not tags:
        return False
    return any(
        next(inner.iterancestors(inner.tag), None) is not None
        for inner in element.iterdescendants(*tags)
    )


_Taken = tuple[HtmlElement, HtmlElement, HtmlElement | None, str | None]
"""An element taken out: itself, its parent, the node before it then, and the text its tail
was merged into, as it was."""


@contextmanager
def taken_out(elements: list[HtmlElement]) -> Iterator[None]:
    """The page without ``elements`` (tails kept, as trafilatura deletes) while the block runs;
    afterwards the same tree as before, element objects and texts included."""
    taken: list[_Taken] = []
    try:
        for element in elements:
            taken.append(_take_out(element))
        yield
    finally:
        for element, parent, previous, merged_into in reversed(taken):
            if previous is None:
                parent.text = merged_into
                parent.insert(0, element)
            else:
                previous.tail = merged_into
                previous.addnext(element)


def _take_out(element: HtmlElement) -> _Taken:
    parent = element.getparent()
    previous = element.getprevious()
    tail = element.tail
    if previous is None:
        merged_into = parent.text
        if tail:
            parent.text = (merged_into or "") + tail
    else:
        merged_into = previous.tail
        if tail:
            previous.tail = (merged_into or "") + tail
    parent.remove(element)
    return element, parent, previous, merged_into
