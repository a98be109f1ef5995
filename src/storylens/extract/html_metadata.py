"""Title, author, date, URL and site name of an HTML page, by trafilatura's own steps.

Reads the page's one parsed tree and never changes it. The costly step is trafilatura's byline
search (``extract_author``): it copies the whole tree, prunes it and runs regular expressions
over every element's classes. Here it runs unchanged on a *byline tree* instead: only the
elements its expressions could match (found by one cheap XPath query), each with a copy of its
subtree and a bare copy of its ancestors. Every element those expressions or their pruning can
look at is in that tree with the same tag, attributes, descendants and document order, so the
byline is the same; on the benchmark pages it is identical on all of them, at under a third of
the cost.
"""

from __future__ import annotations

import logging
import re
from copy import deepcopy

from lxml import etree
from lxml.html import HtmlElement
from trafilatura.metadata import (
    META_URL,
    examine_meta,
    extract_author,
    extract_domain,
    extract_meta_json,
    extract_sitename,
    extract_title,
    extract_url,
    find_date,
)
from trafilatura.settings import Document, set_date_params

from storylens.extract.html_byline import clean_byline
from storylens.extract.sitename import (
    TITLE_SEPARATOR_RE,
    UNSPACED_TITLE_SEPARATOR,
    brand_of,
    name_key,
    without_site_affix,
)
from storylens.writing import UNSPACED_CHAR_RE

LOGGER = logging.getLogger(__name__)

BYLINE_CLASS_WORDS = (
    "uthor", "yline", "byl", "BBL", "username", "screenname", "writer", "channel-name",
    "zuozhe", "bianji", "xiaobian", "submitted-by", "posted-by", "journalist-name",
)  # fmt: skip
"""Every class value trafilatura's byline expressions (``trafilatura.xpaths.AUTHOR_XPATHS``)
accept contains one of these (case as they spell it: ``[Aa]uthor`` -> ``uthor``)."""
BYLINE_ID_WORDS = ("uthor", "zuozhe", "bianji", "xiaobian")
"""Likewise for id values."""
BYLINE_ATTRIBUTES = ("class", "id", "rel", "itemprop", "data-testid", "data-component")
"""The attributes those expressions and their pruning step (``AUTHOR_DISCARD_XPATHS``) read."""


WORD_GATES = ("-by", "yl", "name", "bian")
"""Parts shared by several of those words and rare in class values: a value is tested for the
words of a group only when it holds their shared part. Each ``contains`` copies the value
inside libxml2, and most values match nothing, so this halves the cost of the search (8 tests
per value instead of 14) and finds exactly the same elements: a value that holds a word holds
every part of it."""


def _any_of(words: tuple[str, ...]) -> str:
    """XPath test that the context value contains one of ``words`` (see :data:`WORD_GATES`)."""
    tests: list[str] = []
    grouped: set[str] = set()
    for gate in WORD_GATES:
        group = [word for word in words if gate in word and word not in grouped]
        if len(group) > 1:
            grouped.update(group)
            tests.append(f"(contains(., '{gate}') and ({_contains_any(group)}))")
    rest = [word for word in words if word not in grouped]
    return " or ".join([*tests, _contains_any(rest)] if rest else tests)


def _contains_any(words: list[str]) -> str:
    return " or ".join(f"contains(., '{word}')" for word in words)


_BYLINE_CANDIDATES = etree.XPath(
    f"//@class[{_any_of(BYLINE_CLASS_WORDS)}]/.. | //@id[{_any_of(BYLINE_ID_WORDS)}]/.."
    " | //@rel[. = 'author']/.. | //@itemprop[contains(., 'author')]/.."
    " | //@data-testid[contains(., 'Author')]/.. | //@data-component[contains(., 'Byline')]/.."
    " | //author | //rel/.."
)
"""A superset of what the byline expressions can match, by plain ``contains`` tests on the
few attributes concerned (no regular expression, no per-element Python): results come in
document order."""
_PLAIN_TAG = re.compile(r"[A-Za-z][A-Za-z0-9-]*")


def page_metadata(root: HtmlElement, url: str | None, *, name: str) -> Document:
    """Title, author, date, URL and site name by trafilatura's own steps, and only those.
    ``name`` names the page in logged warnings (:func:`storylens.extract.html.page_name`).

    ``trafilatura.metadata.extract_metadata`` also collects categories, tags and a licence,
    which the pipeline does not use and which cost about a fifth of the metadata time.
    """
    document = examine_meta(root)
    if document.author and " " not in document.author:
        document.author = None  # a lone handle, not a name (trafilatura's rule)
    try:
        document = extract_meta_json(root, document)
    except Exception as error:  # trafilatura's JSON-LD reader on malformed data
        LOGGER.warning("%s: unreadable JSON-LD metadata: %s", name, error)
    guessed_title = not document.title
    document.title = document.title or extract_title(root)
    declared = bool(document.author)
    document.author = document.author or page_byline(root)
    document.url = document.url or extract_url(root, url)
    if document.url:
        document.hostname = extract_domain(document.url, fast=True)
    document.date = find_date(root, **{**set_date_params(False), "url": document.url})
    if guessed_title:
        sites = (document.sitename, document.hostname)
        document.title = _title_agreeing_with_tag(document.title, root, sites)
    document.title = _headline_of(document)
    declared_site = document.sitename
    document.sitename = _sitename(document, root)
    document.author = clean_byline(
        document.author,
        declared=declared,
        sites=(declared_site, document.sitename, document.hostname),
    )
    return document


_LOWER = "translate({}, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')"
_META_KEY = _LOWER.format("concat(@name, ' ', @property, ' ', @itemprop)")
_DECLARED_DATES = etree.XPath(
    f"//meta[contains({_META_KEY}, 'pub') or contains({_META_KEY}, 'created')"
    f" or (contains({_META_KEY}, 'date') and not(contains({_META_KEY}, 'update'))"
    f" and not(contains({_META_KEY}, 'modif')))]/@content"
    " | //time[@pubdate or @itemprop = 'datePublished']/@datetime"
    " | //*[@itemprop = 'datePublished']/@content"
    " | //script[contains(@type, 'ld+json')][contains(., 'datePublished')]/text()"
)
"""Where markup declares a page's publication date: a meta tag naming a publication, creation
or plain date (not an update's: ``article:modified_time``), a ``<time pubdate>`` or
``datePublished`` microdata property, JSON-LD ``datePublished``."""
_DECLARED_DAY_RE = re.compile(r"(?:\"datePublished\"\s*:\s*\"|^\s*)((?:19|20)\d\d-\d\d-\d\d)")


def declared_days(root: HtmlElement) -> set[str]:
    """The publication days the markup states (:data:`_DECLARED_DATES`, ``YYYY-MM-DD``): a date
    htmldate found on one of them is the publisher's own, not a guess from the page's text and
    links (a sidebar's date, the day the page was saved)."""
    return {
        match[1]
        for value in _DECLARED_DATES(root)
        for match in _DECLARED_DAY_RE.finditer(str(value))
    }


TITLE_PART_RE = re.compile(rf"{TITLE_SEPARATOR_RE.pattern}|{UNSPACED_TITLE_SEPARATOR}")
"""Where a ``<title>`` joins its headline and the site's name: the spaced separators of
:data:`storylens.extract.sitename.TITLE_SEPARATOR_RE`, and the bars, underscores and
full-width colons Chinese and Japanese titles put without spaces (``…_科技_腾讯网``)."""
MIN_TITLE_TAG_WORDS = 3
AGREEING_SHARE = 0.5
MIN_TITLE_WORD = 3


def _title_agreeing_with_tag(
    title: str | None, root: HtmlElement, sites: tuple[str | None, ...] = ()
) -> str | None:
    """A headline guessed from the page's headings (the markup declares none), checked
    against its ``<title>``: a lone ``<h1>`` can be a section's name, a newsletter box or a
    logo ("Latest in Gear", "Get Slate in your inbox.", "POLITICO Politico Logo"). When the
    guess shares no word with any part of the ``<title>`` but those naming the site (``sites``:
    its declared name, its host) — a headline and its ``<title>`` are often worded apart, but
    not in wholly other words — the first ``<h1>``/``<h2>`` sharing half its words with the
    ``<title>``'s longest such part, and half of that part's, wins; else that part itself. A
    ``<title>`` whose longest part has under three words, or none, settles nothing."""
    tag = " ".join(root.xpath("string(//title)").split())
    site_keys = {name_key(site) for site in sites if site}
    site_keys |= {name_key(brand_of(site)) for site in sites if site and "." in site}
    parts = [
        part.strip()
        for part in TITLE_PART_RE.split(tag)
        if part.strip() and not any(key and name_key(part) in key for key in site_keys)
    ]
    core = max(parts, key=_title_words_count, default="")
    core_words = _title_words(core)
    if len(core_words) < MIN_TITLE_TAG_WORDS or not title:
        return title
    if any(_title_words(title) & _title_words(part) for part in parts):
        return title
    for heading in root.iter("h1", "h2"):
        text = " ".join(heading.text_content().split())
        words = _title_words(text)
        if (
            len(words) >= 2
            and _share(words, core_words) >= AGREEING_SHARE
            and _share(core_words, words) >= AGREEING_SHARE
        ):
            return text
    return core


def _title_words(text: str) -> set[str]:
    """Lower-cased words of three letters or more (not "in", "of"); pairs of characters for
    scripts written without spaces."""
    found: set[str] = set()
    for word in re.findall(r"\w+", text.lower()):
        if UNSPACED_CHAR_RE.search(word) and len(word) > 1:
            found.update(word[i : i + 2] for i in range(len(word) - 1))
        elif len(word) >= MIN_TITLE_WORD:
            found.add(word)
    return found


def _title_words_count(text: str) -> int:
    return len(_title_words(text))


def _share(words: set[str], others: set[str]) -> float:
    return len(words & others) / len(words) if words else 0.0


def _headline_of(document: Document) -> str | None:
    """The title without the site name it often carries (``Headline | LA Weekly``): only a
    name the page declares (``og:site_name``, JSON-LD) or its host counts, never one guessed
    from the title itself."""
    if not document.title:
        return document.title
    declared = (document.sitename or "").lstrip("@")
    hosts = [document.hostname] if document.hostname else []
    title = _without_stated_name(document.title, declared)
    title = without_site_affix(title, [declared] if declared else [], hosts)
    return _without_site_section(title, declared)


NAME_JOINER_RE = re.compile(r"\s*[|:：]\s*|\s+(?:[–—·»•~*]|-{1,2}|::)\s+")
"""What may join a declared site name, written out whole, to the headline (``Site | Slogan:
Headline``: a colon too, unlike :data:`TITLE_SEPARATOR_RE`, since the whole name is known)."""
MAX_SECTION_WORDS = 2
"""Words a section name adds to the site's (``CNN Politics``, ``BBC Sport``)."""


def _without_stated_name(title: str, declared: str) -> str:
    """The title without the declared site name written out whole, slogan and all, before or
    after it (``LinkNaija | Nigeria's popular news platform: Headline``): a name that long is
    left alone by :func:`without_site_affix` (it could be a headline), but a title that spells it
    verbatim and goes on with two words or more past a separator names the site there."""
    name = " ".join(declared.split())
    text = " ".join(title.split())
    if len(name.split()) < 2 or len(text) <= len(name):
        return title
    lower, key = text.lower(), name.lower()
    if lower.startswith(key) and (joint := NAME_JOINER_RE.match(text, len(name))):
        rest = text[joint.end() :]
    elif lower.endswith(key) and (joint := _joint_before(text, len(text) - len(name))):
        rest = text[: joint.start()]
    else:
        return title
    return rest if len(rest.split()) >= 2 and joint.group().strip() else title


def _joint_before(text: str, end: int) -> re.Match[str] | None:
    found = [m for m in NAME_JOINER_RE.finditer(text, 0, end) if m.end() == end]
    return found[-1] if found else None


def _without_site_section(title: str, declared: str) -> str:
    """The title without a last part that is the declared site name and a section's name after
    it (``Headline | CNN Politics``, ``Headline - BBC Sport``): the name must open the part as
    whole words, followed by at most :data:`MAX_SECTION_WORDS` more."""
    name = declared.lower().split()
    separators = list(TITLE_SEPARATOR_RE.finditer(title)) if name else []
    if not separators:
        return title
    last = separators[-1]
    part = title[last.end() :].lower().split()
    headline = title[: last.start()].strip()
    section = part[len(name) :]
    if part[: len(name)] == name and 0 < len(section) <= MAX_SECTION_WORDS:
        return headline if len(headline.split()) >= 2 else title
    return title


def page_byline(root: HtmlElement) -> str | None:
    """trafilatura's byline search, run on the page's byline tree (see the module docstring)."""
    try:
        tree = byline_tree(root)
    except ValueError as error:  # a tag or attribute value lxml will not copy: search it all
        LOGGER.debug("byline tree not built (%s); searching the whole page", error)
        tree = root
    return extract_author(tree) if tree is not None else None


def byline_tree(root: HtmlElement) -> etree._Element | None:
    """The elements the byline search can look at, in a new small tree; ``None`` if none.

    Each candidate comes with its whole subtree (its text, and anything inside that the
    search prunes); its ancestors come as bare elements with their tag and the attributes the
    search reads, so pruning an ancestor still removes the candidate. ``root`` is not changed.
    """
    candidates = _BYLINE_CANDIDATES(root)
    if not candidates:
        return None
    if any(candidate is root for candidate in candidates):
        return root  # the whole page is a candidate: nothing smaller to search
    tree = _bare_copy(root, None)
    copies: dict[HtmlElement, etree._Element] = {root: tree}
    taken: set[HtmlElement] = set()
    for candidate in candidates:
        ancestors = list(candidate.iterancestors())
        if any(ancestor in taken for ancestor in ancestors):
            continue  # already inside a copied subtree
        taken.add(candidate)
        for ancestor in reversed(ancestors):
            if ancestor not in copies:
                copies[ancestor] = _bare_copy(ancestor, copies[ancestor.getparent()])
        copies[candidate.getparent()].append(deepcopy(candidate))
    return tree


def _bare_copy(element: HtmlElement, parent: etree._Element | None) -> etree._Element:
    """An element with the same tag and the attributes the byline search reads, no content.

    Tags the XML element factory refuses (``o:p``...) become a neutral name: the search only
    singles out ordinary HTML tags.
    """
    tag = element.tag if isinstance(element.tag, str) else ""
    tag = tag if _PLAIN_TAG.fullmatch(tag) else "x-ancestor"
    attributes = {key: value for key in BYLINE_ATTRIBUTES if (value := element.get(key))}
    if parent is None:
        return etree.Element(tag, attributes)
    return etree.SubElement(parent, tag, attributes)


def _sitename(document: Document, root: HtmlElement) -> str | None:
    """trafilatura's site-name rules: declared name without a leading @, else from the URL."""
    name = (document.sitename or extract_sitename(root) or "").lstrip("@")
    if name:
        return name if "." in name or name[0].isupper() else name.title()
    match = META_URL.match(document.url) if document.url else None
    return match[1] if match else None
