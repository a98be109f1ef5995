"""Extract stage: :class:`~storylens.models.Page` in, clean :class:`~storylens.models.Article` out.

Plain-text dumps go through a line classifier (``extract.text``), HTML through trafilatura with
our own fallbacks (``extract.html``). Both report every dropped block in ``Article.removed``.
When several pages of one site are processed together, lines that recur across them are
treated as the site's template.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator

from storylens.config import SETTINGS
from storylens.models import TRUNCATED_REASON, Article, InputProblem, Page, Removed
from storylens.writing import word_count

_WORD = re.compile(r"\w+")
NO_ARTICLE_REASON = "no article found"
NO_ARTICLE_NOTE = "[no article text found on this page: every block looked like page furniture]"
THIN_TEXT_REASON = "too little text for an article beside page furniture"
NOT_FURNITURE = frozenset(
    {
        "byline",
        "date",
        "dateline/metadata",
        "metadata",
        "title repeated",
        "lead paragraph repeated",
        "paragraph repeated",
        "headline replaced by the title given with the page",
    }
)
"""Removal reasons of the article's own metadata and repeats: a page that lost only these still
holds an article however short (a one-line news item with its date)."""
TEMPLATE_WINDOW = 500
"""How many pages are held back at most to learn site templates before extracting them."""


def extract_page(page: Page, *, template_lines: frozenset[str] = frozenset()) -> Article:
    """Extract one page. Hints given with the page (title, published, site, language) win over
    guesses."""
    if page.kind == "html":
        from storylens.extract.html import extract_from_html

        result = extract_from_html(page.content, url=page.url, origin=page.origin)
        language = result.language
    else:
        from storylens.extract.text import bounded_text, extract_from_text

        text, truncation = bounded_text(page.content)
        result = extract_from_text(text, title_hint=page.title, template_lines=template_lines)
        result.removed.extend(truncation)
        language = result.language
    title = page.title or result.title
    removed = list(result.removed)
    paragraphs, cut = bounded_paragraphs([p for p in result.paragraphs if p.strip()])
    removed += cut
    if _holds_no_article(title or "", paragraphs, removed):
        removed += [Removed(p, THIN_TEXT_REASON) for p in paragraphs]
        removed.append(Removed(_no_article_note(paragraphs), NO_ARTICLE_REASON))
        paragraphs = []
    elif not paragraphs and _text_is_its_headline(title or "", page.content):
        paragraphs = [title.strip()]
    if page.title and result.title and result.title != page.title:
        removed.insert(
            0, Removed(result.title, "headline replaced by the title given with the page")
        )
    return Article(
        id=page.id,
        origin=page.origin,
        title=title or "",
        body="\n\n".join(paragraphs),
        published=page.published or result.published,
        byline=result.byline,
        site=page.site or result.site,
        url=page.url,
        language=page.language or language,
        content_hash=page.content_hash,
        removed=removed,
    )


def bounded_paragraphs(
    paragraphs: list[str], limit: int | None = None
) -> tuple[list[str], list[Removed]]:
    """The article's paragraphs up to ``limit`` characters (``SETTINGS.extract.max_text_chars``)
    and the note on the cut: an HTML page's markup is bounded (``extract.html``) but the text
    it holds can still be several times what the story's facts handle in seconds."""
    limit = limit or SETTINGS.extract.max_text_chars
    total = sum(len(p) for p in paragraphs)
    if total <= limit:
        return paragraphs, []
    kept: list[str] = []
    used = 0
    for paragraph in paragraphs:
        if used + len(paragraph) > limit:
            if not kept:
                kept.append(paragraph[:limit])
            break
        kept.append(paragraph)
        used += len(paragraph)
    note = (
        f"[page truncated: {total} characters of article text, cut to the first "
        f"{sum(len(p) for p in kept)} characters (at most {limit} are kept)]"
    )
    return kept, [Removed(note, TRUNCATED_REASON)]


def extraction_notes(article: Article) -> list[str]:
    """What the reader of the article should be told about it beside the article: a page cut
    to bound the work (its note is kept in ``removed``)."""
    return [r.text.strip("[]") for r in article.removed if r.reason == TRUNCATED_REASON]


def no_article_found(article: Article) -> bool:
    """Extraction found no article on the page (see :func:`extract_page`): storing it would make
    a story of a menu or a cookie notice."""
    return no_article_reason(article) is not None


def no_article_reason(article: Article) -> str | None:
    """Why extraction found no article on the page ("every block looked like page furniture"),
    None when it found one."""
    if article.body:
        return None
    for removed in article.removed:
        if removed.reason == NO_ARTICLE_REASON:
            return removed.text.strip("[]").split(": ", 1)[-1]
    return None


def _holds_no_article(title: str, paragraphs: list[str], removed: list[Removed]) -> bool:
    """No article: nothing at all, only page furniture, or one short paragraph beside furniture
    (a cookie notice's sentence on a settings page). A record whose whole text is its headline
    is still an article (a one-line news item): nothing on it was furniture."""
    furniture = any(r.text.strip() and r.reason not in NOT_FURNITURE for r in removed)
    if not paragraphs:
        return furniture or not title.strip()
    thin = len(paragraphs) == 1 and word_count(paragraphs[0]) < SETTINGS.extract.min_article_words
    return thin and furniture


def _text_is_its_headline(title: str, content: str) -> bool:
    """A one-line news item: its only sentence was taken as the headline (or dropped as the
    headline's repeat), so the body would be empty although the text says something. That
    sentence is then its body too, so what reads the body (the facts, quotes, the story's lead)
    sees the item's text."""
    words = _WORD.findall(title.lower())
    return bool(words) and " ".join(words) in " ".join(_WORD.findall(content.lower()))


def _no_article_note(paragraphs: list[str]) -> str:
    if not paragraphs:
        return NO_ARTICLE_NOTE
    return (
        f"[no article text found on this page: only {word_count(paragraphs[0])} words of text "
        "beside page furniture]"
    )


def extract_pages(items: Iterable[Page | InputProblem]) -> Iterator[Article | InputProblem]:
    """Extract a stream of pages in order, learning site templates from pages of one site.

    Pages are buffered in windows of :data:`TEMPLATE_WINDOW` so memory stays bounded on huge
    batches; problems pass through untouched, in their place.
    """
    window: list[Page | InputProblem] = []
    for item in items:
        window.append(item)
        if len(window) >= TEMPLATE_WINDOW:
            yield from _extract_window(window)
            window = []
    if window:
        yield from _extract_window(window)


def _extract_window(window: list[Page | InputProblem]) -> Iterator[Article | InputProblem]:
    templates = _site_templates([item for item in window if isinstance(item, Page)])
    for item in window:
        if isinstance(item, InputProblem):
            yield item
            continue
        try:
            yield extract_page(item, template_lines=templates.get(_site_key(item), frozenset()))
        except Exception as exc:  # one broken page must not stop the batch
            yield InputProblem(item.origin, f"extraction failed ({type(exc).__name__}: {exc})")


def _site_key(page: Page) -> str | None:
    return page.site.lower() if page.site else None


def _site_templates(pages: list[Page]) -> dict[str | None, frozenset[str]]:
    """Template lines per site, for plain-text pages whose site is known."""
    from storylens.extract.text import bounded_text, find_template_lines

    min_pages = SETTINGS.extract.min_site_pages_for_templates
    by_site: dict[str, dict[str, None]] = defaultdict(dict)
    for page in pages:
        key = _site_key(page)
        if key and page.kind == "text":
            text = bounded_text(page.content)[0]  # the text its page is extracted from
            by_site[key][text] = None  # copies of one page must not look like a template
    return {
        site: find_template_lines(list(texts), min_pages=min_pages)
        for site, texts in by_site.items()
        if len(texts) >= min_pages
    }


def window_templates(window: list[Page | InputProblem]) -> list[frozenset[str]]:
    """The template lines each item of one window is extracted with (empty for problems).

    Lets a caller extract the pages of a window in several processes with exactly the result
    :func:`extract_pages` gives for the same window.
    """
    templates = _site_templates([item for item in window if isinstance(item, Page)])
    return [
        templates.get(_site_key(item), frozenset()) if isinstance(item, Page) else frozenset()
        for item in window
    ]


__all__ = [
    "TEMPLATE_WINDOW",
    "extract_page",
    "extract_pages",
    "extraction_notes",
    "no_article_found",
    "no_article_reason",
    "window_templates",
]
