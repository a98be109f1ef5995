"""Article extraction from HTML: trafilatura for body and metadata, plus an account of the rest.

trafilatura (favouring precision, comments excluded) measured best on the HTML benchmark; this
module adds what the pipeline needs around it: paragraphs kept apart, a headline repeated at the
top of the body removed, metadata fallbacks read from the page itself, bounded work on huge
pages, and every visible block that was not kept reported in ``removed`` with a reason.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import trafilatura
from lxml import etree
from lxml.html import (
    HtmlComment,
    HtmlElement,
    HtmlEntity,
    HTMLParser,
    HtmlProcessingInstruction,
    document_fromstring,
)
from trafilatura.settings import Document
from trafilatura.xml import xmltotxt

from storylens.extract.html_blocks import (
    TextBlock,
    dropped_prose_chars,
    removed_blocks,
    visible_blocks,
    words_key,
)
from storylens.extract.html_body import (
    lead_blocks,
    without_boxed_paragraphs,
    without_link_paragraphs,
)
from storylens.extract.html_byline import head_lines, visible_byline
from storylens.extract.html_metadata import declared_days, page_metadata
from storylens.extract.html_prune import removable_elements, taken_out
from storylens.extract.language import detect_language, language_sample
from storylens.extract.lines import is_credit_line, is_legal_line
from storylens.extract.metadata_text import dateline_date, update_dateline_date
from storylens.models import TRUNCATED_REASON, Removed
from storylens.writing import CHINESE_JAPANESE

LOGGER = logging.getLogger(__name__)

CAPTION_REASON = "caption"
"""The reason of a dropped photo caption or credit, as :data:`html_blocks.REASON_RULES` names it."""

MAX_HTML_CHARS = 1_000_000
"""Markup beyond this is cut before parsing: extraction time grows with page size (a 50 MB page
would otherwise take minutes), and article pages stay far below it once scripts are gone."""
SCRIPT_OR_STYLE_START = re.compile(r"<(script|style)\b[^>]*>", re.IGNORECASE)
JSON_LD_RE = re.compile(
    r"<script\b[^>]*ld\+json[^>]*>(.*?)</script", re.IGNORECASE | re.DOTALL
)
"""JSON-LD is kept by ``without_script_bodies`` (it carries the metadata) and counted apart from
the markup: a live blog's ``liveBlogUpdate`` list repeats all its posts and can outweigh the rest
of the page, whose article would otherwise be cut off (up to twice ``MAX_HTML_CHARS`` read)."""
XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)
NOT_XML_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
"""Characters no XML document may hold (as trafilatura's own loader strips them)."""


def _html_parser(encoding: str | None = None) -> HTMLParser:
    parser = HTMLParser(
        remove_comments=True,
        remove_pis=True,
        recover=True,
        huge_tree=False,
        collect_ids=False,
        encoding=encoding,
    )
    parser.set_element_class_lookup(
        etree.ElementDefaultClassLookup(
            element=HtmlElement,
            comment=HtmlComment,
            pi=HtmlProcessingInstruction,
            entity=HtmlEntity,
        )
    )
    return parser


_PARSER = _html_parser()
_UTF8_PARSER = _html_parser("utf-8")
"""Pages are parsed from their UTF-8 bytes with the encoding stated: a little faster than from
a ``str``, which lxml hands to libxml2 as UTF-16 or UCS-4 to convert (0.91 s instead of 0.95 s
over the 687 HTML benchmark pages, encoding included; the same tree on every one). A page that
cannot be encoded (lone surrogates) is parsed as ``str``, as before.
lxml.html's own class lookup calls back into Python for every element object it hands out
(to give form fields their own classes, which nothing here uses); this C-level lookup gives
the same ``HtmlElement`` everywhere and makes every walk of the tree, ours and trafilatura's
on its copy, about a tenth faster. Element ids are not indexed either (trafilatura's choice)."""
_TRAFILATURA_OPTIONS = {"include_comments": False, "favor_precision": True}
FALLBACK_MAX_ELEMENTS = 5000
"""Above this many elements only the first trafilatura pass runs: bounded work on huge pages
(the rule dates from the balanced second pass, whose readability and jusText steps slow down
quadratically on thousands of short blocks; kept so results on such pages stay as they were)."""
MAX_DATELINE_WORDS = 24
"""A line under the headline read for a dateline holds at most this many words (a byline,
a date, a reading time, a share label), not a paragraph that mentions a date."""
DATELINE_ABOVE_HEADLINE = 3
"""Lines right above the headline read for a dateline too ("News | 5 March 2019" over it)."""
SHORT_BODY_CHARS = 1000
"""Precision mode sometimes keeps only a stray notice of a real article; below this length
trafilatura's balanced mode, with its own comparison with readability and jusText, gets a
second look. It rarely changes a longer body..."""
NEAR_EMPTY_BODY_CHARS = 200
DROPPED_PROSE_FACTOR = 4.0
"""A body between these lengths gets the second look only when the prose blocks it left out hold
at least this many times its length. Chosen on html-extraction and the even half of
snippets-dev's sites (checked on the odd half): 74% less second-pass time there, the same
wins (BENCHMARKS.md, issue 9 round 4)."""
LONG_BODY_DROPPED_FACTOR = 4.0
"""A body of ``SHORT_BODY_CHARS`` or more gets the second look too when the prose left out is
this many times its length: the precise pass can stop at the article's first paragraphs of a
long article (a 150-word body, the other 800 words left out as 'prose')."""
FALLBACK_OPTIONS = {"favor_precision": False}
"""The second look. Cheaper ones were measured on both HTML benchmark sets (token F1
html-extraction / snippet F1 snippets-dev, CPU of the second passes): balanced with comparison
0.9766 / 0.9202, 2.1 s; recall without comparison 0.9784 / 0.9132, 0.7 s; recall with
comparison 0.9764 / 0.9158, 0.9 s; balanced without 0.9745 / 0.9129, 1.2 s; precise with
comparison 0.9763 / 0.9141, 1.6 s; none 0.9723 / 0.9009. Only the first stays ahead of
trafilatura's default on snippets-dev (0.9157), so it is kept despite its cost."""
MIN_LANGUAGE_SAMPLE = 200
MAX_SITE_NAME_WORDS = 7
"""A stated site name of more words is a headline, or a name with its slogan; of the latter the
part before the first separator is kept when it has at most ``SLOGAN_CUT_WORDS`` words, else
the page's host stands for the site."""
SLOGAN_CUT_WORDS = 4
MIN_HEADLINE_WORDS = 7
"""A stated site name equal to the page's title is its headline from this many words on (a
site's home or about page may well carry the site's short name as its title)."""
SITE_SEPARATOR = re.compile(r"\s+[|\-–—:·•]+\s+")
WORD_RE = re.compile(r"\w+")
_SOURCE_BREAK_RE = re.compile(r"\s*[\r\n]\s*")
_NO_SPACE_BREAK_RE = re.compile(
    f"(?<=[{CHINESE_JAPANESE}。、，！？])\\s*[\\r\\n]\\s*(?=[{CHINESE_JAPANESE}。、，！？])"
)
"""A source line break between two characters of a script written without spaces (Chinese,
Japanese): joined without a space."""
BODY_LANGUAGE_SAMPLE = 600
BODY_LANGUAGE_LINE = 150
"""The body's language is read from up to 600 characters, at most 150 of them from one line:
an article's prose outvotes a table row or a list of names among its longest lines."""
"""Characters of body text from which the identified language beats the declared one."""
FALLBACK_GAIN = 2.0
"""...and wins when it finds at least this many times more text."""


@dataclass
class HtmlExtraction:
    """What one HTML page yields: the article, its metadata and everything else on the page."""

    title: str
    paragraphs: list[str]
    removed: list[Removed] = field(default_factory=list)
    published: str | None = None
    byline: str | None = None
    site: str | None = None
    language: str | None = None

    @property
    def body(self) -> str:
        return "\n\n".join(self.paragraphs)


def extract_from_html(
    html: str, *, url: str | None = None, origin: str | None = None
) -> HtmlExtraction:
    """Read the article out of an already decoded HTML page; never raises on bad markup.
    ``origin`` (the input the page came from) names the page in logged warnings.

    The page is parsed once: trafilatura, its metadata steps and the removed-block listing all
    read that one tree (trafilatura works on its own copy, as it prunes what it reads).
    """
    html, truncation = _bounded(html)
    name = page_name(origin, url)
    root = parse_html(html, name=name)
    if root is None:
        return HtmlExtraction(title="", paragraphs=[], removed=truncation)
    document, blocks = _run_trafilatura(root, url, name)
    title = _title(document, root)
    paragraphs = _without_repeated_title(_paragraphs(document), title)
    paragraphs = lead_blocks(blocks, title, paragraphs) + paragraphs
    paragraphs = without_link_paragraphs(paragraphs, blocks)
    paragraphs = without_boxed_paragraphs(paragraphs, blocks)
    paragraphs, credits = _without_credit_lines(paragraphs)
    paragraphs = _without_legal_lines(paragraphs)
    language = _body_language(paragraphs, declared := _language(root)) or declared
    byline, published = _visible_metadata(root, blocks, title, paragraphs, document, language)
    return HtmlExtraction(
        title=title,
        paragraphs=paragraphs,
        removed=_named_captions(removed_blocks(blocks, title, paragraphs), credits) + truncation,
        published=published,
        byline=byline,
        site=_site(document, url, title),
        language=language,
    )


def _bounded(html: str) -> tuple[str, list[Removed]]:
    """Bound the work on oversized pages, noting any cut so nothing disappears without a trace.

    Inline scripts and styles make most of a big page and hold no article text, so they go
    first; only markup still beyond the limit is cut.
    """
    if len(html) <= MAX_HTML_CHARS:
        return html, []
    original_length = len(html)
    html = without_script_bodies(html)
    if len(html) <= MAX_HTML_CHARS:
        return html, []
    json_ld = sum(len(m[0]) for m in JSON_LD_RE.finditer(html))
    if len(html) - json_ld <= MAX_HTML_CHARS and json_ld <= MAX_HTML_CHARS:
        return html, []  # a live blog's JSON-LD repeats every post: bounded on its own
    note = (
        f"[page truncated: {original_length} characters of HTML, {len(html)} without scripts, "
        f"only the first {MAX_HTML_CHARS} read]"
    )
    return html[:MAX_HTML_CHARS], [Removed(note, TRUNCATED_REASON)]


def without_script_bodies(html: str) -> str:
    """Empty every script and style element except JSON-LD (it carries the article's metadata).

    One pass, no backtracking: an unclosed script swallows the rest of the page, as it does in
    a browser.
    """
    lowered = html.lower()
    parts: list[str] = []
    position = 0
    while (start := SCRIPT_OR_STYLE_START.search(html, position)) is not None:
        parts.append(html[position : start.end()])
        position = start.end()
        if "ld+json" in start.group(0).lower():
            continue
        close = lowered.find(f"</{start.group(1).lower()}", position)
        position = close if close >= 0 else len(html)
    parts.append(html[position:])
    return "".join(parts)


UNNAMED_PAGE = "page of unknown origin"


def page_name(origin: str | None, url: str | None) -> str:
    """How warnings name a page: the input it came from, else its URL."""
    if origin and url and url not in origin:
        return f"{origin} ({url})"
    return origin or url or UNNAMED_PAGE


def parse_html(html: str, *, name: str = UNNAMED_PAGE) -> HtmlElement | None:
    """Parse a decoded page; ``None`` when it holds no markup or text at all.

    The XML declaration goes first: lxml refuses a ``str`` that declares an encoding, and the
    caller has already decoded the page anyway. NUL and the other control characters XML does
    not allow are dropped: the parser keeps them, and one stray ``\x10`` in a paragraph made
    trafilatura give up on the whole page (an empty article).
    """
    html = NOT_XML_CHARACTERS.sub("", XML_DECLARATION.sub("", html, count=1))
    if not html.strip():
        return None
    try:
        return document_fromstring(html.encode("utf-8"), parser=_UTF8_PARSER)
    except UnicodeEncodeError:
        pass
    except (etree.ParserError, ValueError) as error:
        LOGGER.warning("%s: unparseable HTML: %s", name, error)
        return None
    try:
        return document_fromstring(html, parser=_PARSER)
    except (etree.ParserError, ValueError) as error:
        LOGGER.warning("%s: unparseable HTML: %s", name, error)
        return None


def _run_trafilatura(
    root: HtmlElement, url: str | None, name: str
) -> tuple[Document, list[TextBlock]]:
    """Body and metadata from trafilatura, the costly passes only where the cheap one falls short;
    and the page's visible blocks, walked once, for the second-pass decision and the listing.

    The precise pass without trafilatura's fallback comparison (readability, jusText) finds the
    article on most pages; only when that body is short and the page visibly holds more prose
    does the balanced mode run, with the comparison.
    """
    big = _element_count(root) > FALLBACK_MAX_ELEMENTS
    blocks: list[TextBlock] | None = None
    try:
        document = page_metadata(root, url, name=name)
        _without_code(root)
        blocks = visible_blocks(root)
        body = _precise_document(root, url)
        if not big and _worth_a_second_pass(_text(body), blocks):
            body = _longer_second_body(body, root, url)
        if body is not None:
            document.body, document.text = body.body, body.text
        return document, blocks
    except Exception:  # trafilatura on hostile markup: an empty article beats a crash
        LOGGER.exception("%s: trafilatura failed on the page", name)
        return Document(), blocks if blocks is not None else visible_blocks(root)


def _worth_a_second_pass(text: str, blocks: list[TextBlock]) -> bool:
    """Whether the precise body is short enough, and the page's dropped prose long enough, for
    the balanced pass to be likely to find the article the precise one missed.

    The balanced pass costs about a precise pass and a half; on a body of a few hundred
    characters it mostly returns the same text, unless the page holds several times that much
    prose (sentence-like blocks) outside it; so does a longer body, which only rarely has that
    much prose left beside it.
    """
    if len(text) < NEAR_EMPTY_BODY_CHARS:
        return True
    factor = DROPPED_PROSE_FACTOR if len(text) < SHORT_BODY_CHARS else LONG_BODY_DROPPED_FACTOR
    return dropped_prose_chars(blocks, text) > factor * len(text)


def _without_code(root: HtmlElement) -> None:
    """Empty the page's scripts (JSON-LD aside), drop its style sheets and inline SVG drawings,
    once the metadata is read and before trafilatura runs.

    trafilatura deletes all three, but only after copying the whole tree (two or three times per
    pass) and running its pruning XPath queries over every element, inline icons' hundreds of
    ``<path>`` elements included. Without them each copy and query is cheaper and the result the
    same (identical bodies on all 687 HTML benchmark pages). ``<noscript>`` stays (some pages hold
    their whole article there), and so do the other elements trafilatura deletes, such as
    ``<nav>`` or ``<footer>``: readability and jusText, in its second pass, read the raw tree.
    """
    for script in root.iter("script"):
        if "ld+json" not in (script.get("type") or ""):
            script.text = None
    etree.strip_elements(root, "style", "svg", with_tail=False)


def _text(document: Document | None) -> str:
    return (document.text or "") if document is not None else ""


def _trafilatura_document(root: HtmlElement, url: str | None, **options: bool) -> Document | None:
    found = trafilatura.bare_extraction(
        root, url=url, with_metadata=False, **{**_TRAFILATURA_OPTIONS, **options}
    )
    return found if isinstance(found, Document) else None


def _precise_document(root: HtmlElement, url: str | None) -> Document | None:
    """The precise pass, on the page without what its cleaning deletes anyway (``html_prune``):
    the same body, from smaller copies and queries; the page is whole again afterwards."""
    with taken_out(removable_elements(root)):
        return _trafilatura_document(root, url, fast=True)


def _longer_second_body(
    body: Document | None, root: HtmlElement, url: str | None
) -> Document | None:
    """Second opinion for a near-empty body: trafilatura without its precision bias."""
    second = _trafilatura_document(root, url, **FALLBACK_OPTIONS)
    if second is not None and len(_text(second)) > FALLBACK_GAIN * len(_text(body)):
        return second
    return body


def _element_count(root: HtmlElement) -> int:
    return int(root.xpath("count(//*)"))


def _paragraphs(document: Document) -> list[str]:
    """One paragraph per top-level element of the extracted body (paragraph, heading, list...)."""
    if document.body is None:
        return []
    paragraphs = []
    for element in document.body:
        _squash_source_breaks(element)
        lines = (line.strip() for line in xmltotxt(element, False).splitlines())
        text = "\n".join(line for line in lines if line)
        if text:
            paragraphs.append(text)
    return paragraphs


def _squash_source_breaks(element: etree._Element) -> None:
    """Turn the line breaks of the page's source inside a paragraph's text into spaces, as a
    browser shows them, so that only its ``<br>`` (trafilatura's ``<lb>``) and the element
    structure break lines: trafilatura trims the text of a ``<p>`` but not of a ``<div>`` or
    ``<span>`` it keeps as one, whose source wraps ("who in 2008, won the\nAfrica Movie Academy
    Award") would otherwise cut a sentence into lines. Code keeps its lines."""
    in_code = {node for code in element.iter("code", "pre") for node in code.iter()}
    for node in element.iter():
        if node.text and node not in in_code:
            node.text = _without_source_breaks(node.text)
        if node.tail and node is not element and node.getparent() not in in_code:
            node.tail = _without_source_breaks(node.tail)


def _without_source_breaks(text: str) -> str:
    if "\n" not in text and "\r" not in text:
        return text
    return _SOURCE_BREAK_RE.sub(" ", _NO_SPACE_BREAK_RE.sub("", text))


def _without_credit_lines(paragraphs: list[str]) -> tuple[list[str], set[str]]:
    """The body without one-line photo credits ("Foto: dpa", "Photo: AP") that sit among its
    paragraphs as plain ``<p>`` text (a ``<figcaption>`` is dropped by its tag already), and the
    credits dropped; the plain-text path's rule (:func:`~storylens.extract.lines.is_credit_line`).
    """
    credits = {p for p in paragraphs if "\n" not in p and is_credit_line(p)}
    if not credits:
        return paragraphs, credits
    return [p for p in paragraphs if p not in credits], credits


def _without_legal_lines(paragraphs: list[str]) -> list[str]:
    """The body without its short copyright and legal lines ("© 2013 Cable News Network. All
    rights reserved."), a line of a paragraph (under a ``<br>``) as well as a paragraph: the
    plain-text path's rule (:func:`~storylens.extract.lines.is_legal_line`) on the HTML body."""
    kept = []
    for paragraph in paragraphs:
        lines = paragraph.split("\n")
        prose = [line for line in lines if not is_legal_line(line)]
        if len(prose) == len(lines):
            kept.append(paragraph)
        elif prose:
            kept.append("\n".join(prose))
    return kept


def _named_captions(removed: list[Removed], credits: set[str]) -> list[Removed]:
    """The removed blocks, the credit lines among them under the reason a caption gets."""
    if not credits:
        return removed
    return [Removed(r.text, CAPTION_REASON) if r.text in credits else r for r in removed]


def _without_repeated_title(paragraphs: list[str], title: str) -> list[str]:
    """Drop the headline where the body opens by repeating it: the title field already holds it.

    Pages often carry it twice (an ``<h1>`` and a lead line), so every leading copy goes.
    """
    start = 0
    while start < len(paragraphs) and title and _same_words(paragraphs[start], title):
        start += 1
    return paragraphs[start:]


def _same_words(text: str, title: str) -> bool:
    return words_key(text) == words_key(title)


def _title(document: Document, root: HtmlElement) -> str:
    """trafilatura's title, else the page's ``<title>`` or first ``<h1>``."""
    if document.title:
        return document.title.strip()
    for path in ("//title", "//h1"):
        found = root.xpath(path)
        if found:
            text = " ".join(found[0].text_content().split())
            if text:
                return text
    return ""


def _visible_metadata(
    root: HtmlElement,
    blocks: list[TextBlock],
    title: str,
    paragraphs: list[str],
    document: Document,
    language: str | None,
) -> tuple[str | None, str | None]:
    """Byline and publication date where the markup and trafilatura's searches found none:
    from the lines between the headline and the first paragraph (:func:`head_lines`), read by
    the plain-text path's rules — a byline line, a dateline (not an update's date; also in
    the few lines right above the headline).

    The dateline also corrects a date htmldate found on a later day, unless the markup declares
    that day (:func:`declared_days`): a page is published before anything dated on it later
    (htmldate may read a sidebar's or the capture's date), and a dateline under the headline
    dates the article itself. A declared date stays: the publisher's own word (in its time
    zone, where the visible dateline may be in the reader's). Where no date is found at all, an
    update's dateline there ("Updated: Dec 15, 2016") is the guess: a page is revised on or
    after the day it is published, most often that same day."""
    if not paragraphs:
        return document.author or None, document.date or None
    byline = document.author or visible_byline(
        head_lines(blocks, title, paragraphs[0]),
        language=language,
        sites=(document.sitename, document.hostname),
    )
    around = [
        line
        for line in head_lines(blocks, title, paragraphs[0], before=DATELINE_ABOVE_HEADLINE)
        if len(line.split()) <= MAX_DATELINE_WORDS
    ]
    shown = next((day for line in around if (day := dateline_date(line, language))), None)
    published = document.date or shown
    if published and shown and shown[:10] < published[:10]:
        published = published if published[:10] in declared_days(root) else shown
    if not published:
        published = next(
            (day for line in around if (day := update_dateline_date(line, language))), None
        )
    return byline or None, published


def _site(document: Document, url: str | None, title: str = "") -> str | None:
    """The site's name when the page states it, else the host it came from. A stated "name"
    that is a headline or a sentence (pages copy ``og:title`` into ``og:site_name``) is no
    site's name, and a name with a slogan keeps its first part ("SW1.News - Nachrichten der
    Region ..."): see :func:`_site_name`."""
    named = _site_name(document.sitename, title) if document.sitename else None
    if named:
        return named
    if document.hostname:
        return document.hostname
    host = urlsplit(url).hostname if url else None
    return host.removeprefix("www.") if host else None


SOCIAL_HOSTS = ("twitter.com", "x.com", "facebook.com", "instagram.com", "youtube.com",
                "linkedin.com", "tiktok.com", "t.me")  # fmt: skip
"""A stated site "name" that is a profile on one of these is the outlet's account, not its name."""
COPYRIGHT_WORDS_RE = re.compile(
    r"\s*(?:(?:©|\(c\)|copyright)\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?)?|版权所有|著作権|"
    r"all rights reserved\.?|alle rechte vorbehalten\.?|"
    r"tous droits réservés\.?|todos los derechos reservados\.?)\s*",
    re.IGNORECASE,
)
"""Copyright words some pages put in their stated site name (``人民网版权所有``)."""


def _site_name(stated: str, title: str) -> str | None:
    """The stated name, unless it is a headline, a slogan's whole or a social profile's address
    (``https://twitter.com/anadoluajansi``); a site's own address stands for its host, and
    copyright words go (``人民网版权所有`` -> ``人民网``)."""
    cleaned = COPYRIGHT_WORDS_RE.sub(" ", stated)
    stated = cleaned.strip(" .,") if cleaned != stated else stated.strip()  # "e.V." keeps its dot
    if "://" in stated or stated.lower().startswith("www."):
        host = (urlsplit(stated if "://" in stated else f"//{stated}").hostname or "").lower()
        host = host.removeprefix("www.")
        return None if not host or host.endswith(SOCIAL_HOSTS) else host
    words = WORD_RE.findall(stated)
    if not words:
        return None
    if len(words) >= MIN_HEADLINE_WORDS and title and _same_words(stated, title):
        return None
    if len(words) <= MAX_SITE_NAME_WORDS:
        return stated
    first = SITE_SEPARATOR.split(stated, maxsplit=1)[0].strip()
    return first if first != stated and len(WORD_RE.findall(first)) <= SLOGAN_CUT_WORDS else None


def _body_language(paragraphs: list[str], declared: str | None) -> str | None:
    """The language the article is written in (py3langid), when there is enough text to tell;
    pages often declare their site's default language whatever the article's, so ``declared``
    only settles an unsure answer."""
    sample = language_sample(paragraphs, size=BODY_LANGUAGE_SAMPLE, per_line=BODY_LANGUAGE_LINE)
    if len(sample) < MIN_LANGUAGE_SAMPLE:
        return None
    return detect_language(sample, declared)


def _language(root: HtmlElement) -> str | None:
    """Primary language subtag declared by the page (``<html lang>`` or content-language meta)."""
    declared = root.get("lang") or root.get("{http://www.w3.org/XML/1998/namespace}lang")
    if not declared:
        metas = root.xpath(
            "//meta[translate(@http-equiv,'CONTENT-LANGUAGE','content-language')"
            "='content-language']/@content|//meta[@property='og:locale']/@content"
        )
        declared = metas[0] if metas else None
    if not declared:
        return None
    primary = re.split(r"[-_,;\s]", declared.strip().lower())[0]
    return primary if re.fullmatch(r"[a-z]{2,3}", primary) else None
