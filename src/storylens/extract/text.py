"""Article extraction from plain-text page dumps (one block per line, no markup).

A learned line model (:mod:`storylens.extract.linemodel`) scores every line as article text or
not and picks the headline; a thin layer of explicit rules then handles what a careful editor
never gets wrong and a statistical model sometimes does (repeated titles and leads, photo
credits, teaser lists, widgets, site template lines) and gives every dropped line a reason.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

import numpy as np
from rapidfuzz import fuzz

from storylens.config import SETTINGS
from storylens.extract import lines as L
from storylens.extract.features import max_sum_segment
from storylens.extract.language import detect_language, language_sample, stop_words
from storylens.extract.layout import SINGLE_LINE_MAX_LINES
from storylens.extract.layout import page_lines as layout_lines
from storylens.extract.linemodel import LineModel, load_line_model
from storylens.extract.metadata_text import find_metadata
from storylens.extract.sitename import recurring_site
from storylens.extract.textmeta import page_site, rank_titles, title_text
from storylens.grouping import DisjointSets
from storylens.models import TRUNCATED_REASON, Removed

NEAR_DUPLICATE = 92.0
"""rapidfuzz ratio above which two lines count as the same text (small edits, punctuation)."""
TITLE_HINT_MATCH = 85.0
CLEAR_TITLE_MARGIN = 3.0
"""A site-template line is still the title if its headline score beats every other line's
by this factor (sites that repeat the headline in a recurring banner)."""
MAX_TITLE_WORDS = 40
MAX_CTA_WORDS = 12
MAX_TEASER_HEAD_WORDS = 25
TEASER_WINDOW = 4
"""Two truncated snippets at most this many lines apart make a teaser list."""

THIN_PAGE_WORDS = 60
"""A page whose model-kept lines hold fewer words than this gets the best-run fallback
(:func:`keep_best_run_of_thin_page`): articles are longer than that."""
FALLBACK_LEVEL = 0.5
"""The fallback reads the model's scores at this fraction of its threshold."""
FALLBACK_MIN_RUN_WORDS = 30
"""...and keeps a run only if it holds at least this many words (a run of prose, not a button)."""

MIN_BODY_BEFORE_COMMENTS = 3
"""Article lines that must precede a comments header for it to end the article."""
MAX_WORDS_ABOVE_HEADLINE = 0.2
"""Lines kept above the headline that hold at most this share of the words below it are all
page furniture; more than that, and the "headline" may be a subheading inside the article."""
SHORT_LINE_WORDS = 8
"""A line of at most this many words without a closing mark is a label, not a sentence."""
MIN_LINES_BEFORE_LABELS = 3
"""Short labels are taken off a body's end only while more lines than this remain: a very
short body (a brief, a tiny page) is left as it is."""
MIN_LINES_BETWEEN_FURNITURE = 4
"""Lines kept above the headline but parted from it by this many dropped lines (menus, sign-up
boxes) are not the article's prose running into a subheading."""
MAX_WORDS_CUT_OFF = 0.5
"""...as long as they hold at most this share of the words below it (else the "headline" may
sit below the article: a wrong pick, not a reason to drop the text above)."""
MIN_WIDGET_LINES = 2
"""A run of short lines ending a body, opened by a label, is widgets from this many lines on."""
MAX_FURNITURE_WORDS = 100
"""Full sentences kept right above the headline holding more words than this are article
prose, whatever their share of the words below: a teaser, a standfirst or a paywall note is
shorter, and on a long article a subheading taken for the headline has that much prose above
it. (Prose parted from the headline by dropped lines still goes: a sidebar's other story.)"""
LONG_PROSE_WORDS = 60
"""A full paragraph of this many words inside the article's span is kept whatever the line
model's score (:func:`keep_long_prose_inside`)."""

REASON_TEMPLATE = "site template line (recurs across site pages)"
REASON_TITLE_REPEATED = "title repeated"
REASON_LEAD_REPEATED = "lead paragraph repeated"
REASON_PARAGRAPH_REPEATED = "paragraph repeated"
REASON_NUMBER = "donation widget / number-only line"
REASON_CAPTION = "photo caption/credit"
REASON_NEWSLETTER = "newsletter box"
REASON_CTA = "call to action"
REASON_RELATED_HEADER = "related-content header"
REASON_COPYRIGHT = "copyright/legal line"
REASON_TEASER = "related-story teaser"
REASON_SNIPPET = "truncated teaser snippet"
REASON_METADATA = "dateline/metadata"
REASON_COMMENT = "comment"
REASON_MENU = "navigation/menu"
REASON_SHORT = "short non-sentence line"
REASON_HEADLINE_LIST = "headline of another story"
REASON_MODEL = "outside the article text (line classifier)"
REASON_ABOVE_HEADLINE = "above the headline (page furniture)"
REASON_WIDGETS = "after the article: a run of short widget lines"
REASON_CODE = "script/style code"
CODE_NEIGHBOURHOOD = 2


@dataclass
class TextExtraction:
    title: str
    paragraphs: list[str]
    removed: list[Removed]
    published: str | None = None
    byline: str | None = None
    site: str | None = None
    language: str | None = None


@dataclass
class _Page:
    """Working state for one page: its lines, the model's scores and the decisions so far."""

    facts: list[L.LineFacts]
    body_score: np.ndarray
    title_score: np.ndarray
    keep: list[bool]
    """Whether each line is kept (a list: rules read and set it line by line, which costs
    several times more on a numpy array)."""
    reasons: dict[int, str] = field(default_factory=dict)
    title_index: int | None = None
    lines: list[str] = field(init=False)
    keys: list[str] = field(init=False)

    def __post_init__(self) -> None:
        self.lines = [facts.text for facts in self.facts]
        self.keys = [facts.key for facts in self.facts]

    def drop(self, i: int, reason: str) -> None:
        """Drop line ``i`` with ``reason`` unless an earlier rule already explained it."""
        self.keep[i] = False
        self.reasons.setdefault(i, reason)

    def kept(self) -> list[int]:
        return [i for i, keep in enumerate(self.keep) if keep and i != self.title_index]


def non_empty_lines(text: str) -> list[str]:
    """The page's blocks of text: hard-wrapped lines re-joined (see :mod:`extract.layout`)."""
    return layout_lines(text)


def extract_from_text(
    text: str,
    *,
    title_hint: str | None = None,
    template_lines: frozenset[str] = frozenset(),
    model: LineModel | None = None,
) -> TextExtraction:
    """Title, body paragraphs, metadata and the dropped lines (with reasons) of one page.

    ``template_lines`` are normalised lines seen across other pages of the same site
    (:func:`find_template_lines`); ``model`` replaces the shipped line model (for training).
    """
    page_lines = non_empty_lines(text)
    code = [L.looks_like_code(line) for line in page_lines]
    language = detect_language(language_sample(without_code(page_lines, code)))
    facts = L.describe_page(page_lines)
    model = model or load_line_model()
    body_score, title_score = model.score(facts, stop_words(language))
    page = _Page(
        facts=facts,
        body_score=body_score,
        title_score=title_score,
        keep=(body_score >= model.threshold).tolist(),
    )
    keep_best_run_of_thin_page(page, model.threshold)
    drop_forced_boilerplate(page, template_lines)
    drop_code_outside_article(page, code)
    if not is_run_on(text, page_lines) or title_hint:
        choose_title(page, title_hint)
    drop_teaser_lists(page)
    drop_repeats(page)
    drop_comment_section(page)
    keep_long_prose_inside(page)
    meta = find_metadata(
        page_lines, page.kept(), language, page.title_index, [f.n_words for f in facts]
    )
    for i in meta.lines:
        if i != page.title_index:
            page.keep[i] = False
            page.reasons[i] = REASON_METADATA
    drop_above_headline(page, headline_given=bool(title_hint))
    drop_unfinished_ending(page)
    explain_model_drops(page)
    title = title_text(page_lines[page.title_index]) if page.title_index is not None else ""
    title = title or title_hint or ""
    return TextExtraction(
        title=title.strip(),
        paragraphs=[page_lines[i] for i in page.kept()],
        removed=[
            Removed(page_lines[i], page.reasons[i])
            for i in range(len(page_lines))
            if i != page.title_index and not page.keep[i]
        ],
        published=meta.published,
        byline=meta.byline,
        site=meta.site
        or recurring_site(page_lines, page.kept())
        or page_site(page_lines, page.title_index),
        language=language,
    )


def without_code(page_lines: list[str], code: list[bool]) -> list[str]:
    """The page's lines but those of script or style code (``code``: :func:`storylens.extract.
    lines.looks_like_code` of each), whose long minified lines would otherwise make the language
    sample (read as Latin, say); all lines when that leaves none."""
    return [line for line, is_code in zip(page_lines, code, strict=True) if not is_code] or (
        page_lines
    )


def bounded_text(text: str, limit: int | None = None) -> tuple[str, list[Removed]]:
    """The page cut to its first ``limit`` characters (``SETTINGS.extract.max_text_chars``),
    at the last line break before the limit when there is one, and the note on the cut.

    Bounds the work on huge dumps; the article stands at the top of its page, so the cut
    keeps it, and the note (reason :data:`TRUNCATED_REASON`) tells the reader what was left.
    """
    limit = limit or SETTINGS.extract.max_text_chars
    if len(text) <= limit:
        return text, []
    line_break = text.rfind("\n", 0, limit + 1)
    cut = text[: line_break if line_break > limit // 2 else limit]
    note = (
        f"[page truncated: {len(text)} characters of text, cut to the first {len(cut)} "
        f"characters (at most {limit} are read)]"
    )
    return cut, [Removed(note, TRUNCATED_REASON)]


def is_run_on(text: str, page_lines: list[str]) -> bool:
    """A dump whose line breaks were lost (cut into sentences): no line there is a headline."""
    return text.count("\n") < SINGLE_LINE_MAX_LINES and len(page_lines) > SINGLE_LINE_MAX_LINES


def forced_reason(line: str | L.LineFacts) -> str | None:
    """Reasons that hold whatever the model says: these lines are never article prose."""
    facts = line if isinstance(line, L.LineFacts) else L.describe(line.strip())
    n_words = facts.n_words
    if facts.number_only:
        return REASON_NUMBER
    if facts.caption:
        return REASON_CAPTION
    if n_words <= 6 and facts.newsletter:
        return REASON_NEWSLETTER
    if n_words <= MAX_CTA_WORDS and facts.call_to_action:
        return REASON_CTA
    if n_words <= 8 and facts.related_header:
        return REASON_RELATED_HEADER
    if n_words <= L.MAX_LEGAL_LINE_WORDS and facts.copyright:
        return REASON_COPYRIGHT
    return None


def keep_best_run_of_thin_page(page: _Page, threshold: float) -> None:
    """A page where the model keeps (almost) nothing still has an article when it holds a run
    of prose: keep the run with the most article-like words by the model's score, read at a
    lower cut (non-news pages - a recipe, a shop, a forum post - score low everywhere)."""
    counts = [facts.n_words for facts in page.facts]
    kept_words = sum(n for n, keep in zip(counts, page.keep, strict=True) if keep)
    if not counts or kept_words >= THIN_PAGE_WORDS:
        return
    level = FALLBACK_LEVEL * threshold
    words = np.array(counts, dtype=float)
    start, end = max_sum_segment((page.body_score - level) * (1.0 + words))
    if sum(counts[start : end + 1]) < FALLBACK_MIN_RUN_WORDS:
        return
    for i in range(start, end + 1):
        page.keep[i] = page.keep[i] or bool(page.body_score[i] >= level)


def drop_forced_boilerplate(page: _Page, template_lines: frozenset[str]) -> None:
    for i, facts in enumerate(page.facts):
        if facts.key and facts.key in template_lines:
            page.drop(i, REASON_TEMPLATE)
        elif reason := forced_reason(facts):
            page.drop(i, reason)


def drop_code_outside_article(page: _Page, code: list[bool]) -> None:
    """Script or style code above or below the article (:func:`storylens.extract.lines.
    looks_like_code`), which some dumps keep from a page's scripts, and the pieces of it that the
    dump's wrapping cut off ("function", "sticky-footer-bar .oes-sp-float-"): a line that is no
    full sentence, with code within :data:`CODE_NEIGHBOURHOOD` lines above and below, or right
    beside code and holding a code mark itself. Code between the article's first and last kept
    full sentences stays for the line model to judge: a programming article shows its code
    samples there (kept pieces of a script are no sentences, so they do not stretch the span).
    ``code``: :func:`storylens.extract.lines.looks_like_code` of each line."""
    if not any(code):
        return
    prose = [i for i in page.kept() if not code[i] and is_full_sentence(page.facts[i])]
    start, end = (prose[0], prose[-1]) if prose else (len(code), -1)
    near = CODE_NEIGHBOURHOOD
    for i, facts in enumerate(page.facts):
        if start <= i <= end:
            continue
        if code[i]:
            page.drop(i, REASON_CODE)
            continue
        if i in page.reasons or is_full_sentence(facts):
            continue
        above, below = any(code[max(0, i - near) : i]), any(code[i + 1 : i + 1 + near])
        beside = (i > 0 and code[i - 1]) or (i + 1 < len(code) and code[i + 1])
        if (above and below) or (beside and L.CODE_MARK_RE.search(facts.text)):
            page.drop(i, REASON_CODE)


def choose_title(page: _Page, title_hint: str | None) -> None:
    """The headline line: the one matching ``title_hint``, else the model's best candidate.

    A repeated headline is taken at its first occurrence; the copies are dropped later.
    """
    index = title_line_from_hint(page, title_hint) if title_hint else None
    if index is None and not title_hint:
        index = best_title_candidate(page)
    if index is None:
        return
    first_copy = page.keys.index(page.keys[index]) if page.keys[index] else index
    page.title_index = first_copy
    page.reasons.pop(first_copy, None)


def title_line_from_hint(page: _Page, title_hint: str) -> int | None:
    hint = L.normalise(title_hint)
    best, best_score = None, TITLE_HINT_MATCH
    for i, key in enumerate(page.keys):
        if page.facts[i].n_words > MAX_TITLE_WORDS:
            continue
        score = 100.0 if key == hint else fuzz.ratio(key, hint)
        if score >= best_score and (best is None or score > best_score):
            best, best_score = i, score
    return best


def title_eligible(page: _Page) -> tuple[np.ndarray, np.ndarray]:
    """Lines that may be the headline (short enough, not boilerplate), and which of them are
    site-template lines (those qualify only when clearly the headline)."""
    reasons = page.reasons
    template = [reasons.get(i) == REASON_TEMPLATE for i in range(len(page.facts))]
    eligible = [
        1 <= facts.n_words <= MAX_TITLE_WORDS and (i not in reasons or template[i])
        for i, facts in enumerate(page.facts)
    ]  # lists first: setting numpy arrays item by item costs several times more
    return np.array(eligible, dtype=bool), np.array(template, dtype=bool)


def best_title_candidate(page: _Page) -> int | None:
    """The best headline candidate: the model's score re-ranked by page cues
    (:func:`storylens.extract.textmeta.rank_titles`).

    A site-template line qualifies only when the model clearly prefers it to every other line.
    """
    eligible, template = title_eligible(page)
    ranked = rank_titles(page.facts, page.title_score, page.keep, eligible)
    if not ranked:
        return None
    best = ranked[0][0]
    if template[best]:
        rest = np.where(template | ~eligible, -1.0, page.title_score)
        if rest.max() >= 0 and page.title_score[best] < CLEAR_TITLE_MARGIN * rest.max():
            return next((i for i, _score in ranked if not template[i]), best)
    return best


def drop_above_headline(page: _Page, headline_given: bool) -> None:
    """Lines kept above the headline (a teaser, a breadcrumb, a paywall or newsletter note)
    are the page's furniture: a news article starts at its headline.

    Dates and bylines up there were read as metadata before this runs. When the lines above
    hold more than a small share of the words (:data:`MAX_WORDS_ABOVE_HEADLINE`), the
    "headline" may be a subheading inside the article: then only the short or unfinished lines
    right above it go, up to the first full sentence. A headline matched to the title given
    with the page may be a copy of it further down (after the lead): full sentences stay then.
    Prose above a subheading runs up to it; lines kept above a block of dropped lines
    (:data:`MIN_LINES_BETWEEN_FURNITURE`) are cut off from the article and go whatever their size.
    """
    t = page.title_index
    if t is None:
        return
    above = [i for i in range(t) if page.keep[i]]
    if not above:
        return
    counts = [facts.n_words for facts in page.facts]
    below = sum(counts[i] for i in range(t + 1, len(counts)) if page.keep[i])
    words_above = sum(counts[i] for i in above)
    sentence_words = sum(counts[i] for i in above if is_full_sentence(page.facts[i]))
    near_top = (
        words_above <= MAX_WORDS_ABOVE_HEADLINE * below and sentence_words <= MAX_FURNITURE_WORDS
    )
    may_cut_off = words_above <= MAX_WORDS_CUT_OFF * below
    cut_off, below_i = False, t
    for i in reversed(above):
        cut_off = cut_off or (may_cut_off and below_i - i - 1 >= MIN_LINES_BETWEEN_FURNITURE)
        below_i = i
        if is_full_sentence(page.facts[i]):
            if not (near_top or cut_off):
                return  # the prose of an article above one of its subheadings
            if headline_given:
                continue
        page.drop(i, REASON_ABOVE_HEADLINE)


def drop_unfinished_ending(page: _Page) -> None:
    """A body does not end on a short unfinished line ("Send to e-mail:", "Print this"):
    such lines after the last paragraph are the page's widgets. When the short lines that end
    the body *start* with such a label, the short sentences after it belong to the widgets too
    ("Print this" / "No comments yet." / "Log in to comment."); a short closing sentence right
    after the last paragraph stays."""
    kept = page.kept()
    tail = widget_tail(page, kept)
    for i in tail:
        page.drop(i, REASON_WIDGETS)
    kept = kept[: len(kept) - len(tail)]
    while len(kept) > MIN_LINES_BEFORE_LABELS and is_short_label(page.facts[kept[-1]]):
        page.drop(kept.pop(), REASON_SHORT)


def widget_tail(page: _Page, kept: list[int]) -> list[int]:
    """The run of short lines (at most SHORT_LINE_WORDS words) ending the body, when it holds
    at least MIN_WIDGET_LINES lines and its first line is a short label; else none."""
    start = len(kept)
    while start > 0 and page.facts[kept[start - 1]].n_words <= SHORT_LINE_WORDS:
        start -= 1
    run = kept[start:]
    if (
        len(run) < MIN_WIDGET_LINES
        or start < MIN_LINES_BEFORE_LABELS
        or not is_short_label(page.facts[run[0]])
    ):
        return []
    return run


def is_full_sentence(facts: L.LineFacts) -> bool:
    return facts.sentence_end and facts.n_words > SHORT_LINE_WORDS


def is_short_label(facts: L.LineFacts) -> bool:
    return not facts.sentence_end and facts.n_words <= SHORT_LINE_WORDS


def drop_teaser_lists(page: _Page) -> None:
    """Teaser lists: truncated snippets ("... As...") near each other, each under a headline."""
    snippets = [i for i, facts in enumerate(page.facts) if facts.truncated]
    for pos, i in enumerate(snippets):
        near = [j for j in snippets[max(0, pos - 1) : pos + 2] if j != i]
        in_list = any(abs(j - i) <= TEASER_WINDOW for j in near)
        if not in_list:
            if not page.keep[i]:
                page.reasons.setdefault(i, REASON_SNIPPET)
            continue
        page.drop(i, REASON_SNIPPET)
        head = i - 1
        if head >= 0 and head != page.title_index and looks_like_teaser_head(page.lines[head]):
            page.drop(head, REASON_TEASER)


def looks_like_teaser_head(line: str) -> bool:
    n_words = len(L.words(line))
    return 2 <= n_words <= MAX_TEASER_HEAD_WORDS and not line.rstrip().endswith(".")


def drop_repeats(page: _Page) -> None:
    """Copies of the title anywhere, and a paragraph repeated right after itself."""
    title_key = page.keys[page.title_index] if page.title_index is not None else None
    paragraphs_before = 0
    for i in range(len(page.lines)):
        if i == page.title_index:
            continue
        if title_key and is_same_text(page.keys[i], title_key):
            page.drop(i, REASON_TITLE_REPEATED)
        elif page.keep[i] and i > 0 and is_same_text(page.keys[i], page.keys[i - 1]):
            lead = paragraphs_before == 1
            page.drop(i, REASON_LEAD_REPEATED if lead else REASON_PARAGRAPH_REPEATED)
        paragraphs_before += bool(page.keep[i])


def drop_comment_section(page: _Page) -> None:
    """Everything kept after a comments header that follows the article is readers' comments
    (a header followed by a bare number is a count's label: :func:`is_count_label`)."""
    body_seen = 0
    for i, facts in enumerate(page.facts):
        if (
            body_seen >= MIN_BODY_BEFORE_COMMENTS
            and L.starts_comment_section(L.without_marks(facts.text), facts.n_words)
            and not is_count_label(page, i)
        ):
            for j in range(i, len(page.facts)):
                if page.keep[j] and j != page.title_index:
                    page.drop(j, REASON_COMMENT)
            page.reasons.setdefault(i, REASON_COMMENT)
            return
        if page.keep[i] and i != page.title_index:
            body_seen += 1


def keep_long_prose_inside(page: _Page) -> None:
    """Keep a long full paragraph the line model scored out when it lies between kept article
    lines and no rule dropped it: review and guide pages put their prose between product boxes
    (names, prices, spec lists) and teaser lists, whose context pulls the model's score of a
    100-word paragraph under the threshold; page furniture is rarely that long a paragraph."""
    kept = page.kept()
    if len(kept) < 2:
        return
    for i in range(kept[0] + 1, kept[-1]):
        facts = page.facts[i]
        if (
            not page.keep[i]
            and i not in page.reasons
            and i != page.title_index
            and facts.n_words >= LONG_PROSE_WORDS
            and is_full_sentence(facts)
        ):
            page.keep[i] = True


def is_count_label(page: _Page, i: int) -> bool:
    """Line ``i`` is the label of a number on the next line ("Comments:" / "1664" in a work's
    stats list, a count shown beside a button): it heads no section."""
    return i + 1 < len(page.facts) and page.facts[i + 1].number_only


def is_same_text(a: str, b: str) -> bool:
    if not a or not b:
        return False
    if a == b:
        return True
    shorter, longer = (len(a), len(b)) if len(a) <= len(b) else (len(b), len(a))
    return shorter >= 0.9 * longer and fuzz.ratio(a, b) >= NEAR_DUPLICATE


def explain_model_drops(page: _Page) -> None:
    """A human-readable reason for each line the model dropped without a rule firing."""
    kept = page.kept()
    start = kept[0] if kept else len(page.lines)
    end = kept[-1] if kept else -1
    in_comments = False
    for i, facts in enumerate(page.facts):
        in_comments = in_comments or facts.comments_header
        if page.keep[i] or i == page.title_index or i in page.reasons:
            continue
        page.reasons[i] = reason_for_dropped(facts, in_comments and i > end, i < start, i > end)


def reason_for_dropped(facts: L.LineFacts, in_comments: bool, before: bool, after: bool) -> str:
    n_words = facts.n_words
    if in_comments or facts.comment_marker:
        return REASON_COMMENT
    if facts.menu:
        return REASON_MENU
    if facts.truncated:
        return REASON_SNIPPET
    if (facts.date and n_words <= 12) or facts.byline:
        return REASON_METADATA
    if n_words <= 4 and not facts.sentence_end:
        return REASON_MENU if before or after else REASON_SHORT
    headline_like = L.capitalised_ratio(facts.tokens) >= 0.5
    if after and headline_like and looks_like_teaser_head(facts.text):
        return REASON_HEADLINE_LIST
    if is_short_label(facts):
        return REASON_SHORT
    return REASON_MODEL


def find_template_lines(pages: list[str], min_pages: int = 3) -> frozenset[str]:
    """Lines (normalised) that recur across pages of >= ``min_pages`` different stories of one
    site: the site's template.

    Pages of one story (updates of a report, wire copies, the same page fetched twice) share
    their paragraphs; counted as separate pages those paragraphs would look like a template
    and the article would be removed from every copy. So pages are first grouped into stories
    (:func:`story_groups`) and a line counts once per story.
    """
    page_keys = [{key for key in map(L.normalise, non_empty_lines(text)) if key} for text in pages]
    groups = story_groups(page_keys)
    stories_with: dict[str, set[int]] = {}
    for keys, group in zip(page_keys, groups, strict=True):
        for key in keys:
            stories_with.setdefault(key, set()).add(group)
    return frozenset(key for key, found in stories_with.items() if len(found) >= min_pages)


STORY_LINE_WORDS = 8
"""Lines at least this long are prose that identifies a story (menus and buttons are shorter)."""
SAME_STORY_SHARE = 0.5
"""Two pages tell the same story when the prose lines they share hold this share of the words
of the shorter page's prose, and are at least :data:`MIN_SHARED_PROSE` lines: a site's long
template lines (a footer, a newsletter blurb) are few and short next to an article's paragraphs."""
MIN_SHARED_PROSE = 2
MIN_PART_PAGES = 2
"""A group of pages is cut into its stories only when at least two stories of this many pages
each come out of it (:func:`_stories_within`)."""


def story_groups(page_keys: list[set[str]]) -> list[int]:
    """A story number per page: pages sharing most of their prose are one story (union-find).

    A site whose frame holds much prose (teasers, captions, paywall notes) makes pages of
    different stories share "most of their prose" through the frame alone; such a group is cut
    into its stories when, leaving out the lines every page of the group holds, it falls apart
    into two or more stories of several pages each (:func:`_stories_within`).

    Shared prose lines are found through an index of lines to pages, so the work grows with the
    number of (line, page) pairs that actually recur, not with all pairs of pages.
    """
    prose = [
        {key: key.count(" ") + 1 for key in keys if key.count(" ") + 1 >= STORY_LINE_WORDS}
        for keys in page_keys
    ]
    sets = _same_story_sets(prose)
    groups: dict[int, list[int]] = {}
    for i in range(len(page_keys)):
        groups.setdefault(sets.root(i), []).append(i)
    story = list(range(len(page_keys)))
    for members in groups.values():
        for part in _stories_within(members, prose):
            for i in part:
                story[i] = part[0]
    return story


def _same_story_sets(
    prose: list[dict[str, int]], min_lines: int = MIN_SHARED_PROSE
) -> DisjointSets[int]:
    """Pages joined when their shared prose lines are at least ``min_lines`` and hold
    :data:`SAME_STORY_SHARE` of the shorter page's prose words."""
    mass = [sum(words.values()) for words in prose]
    pages_with: dict[str, list[int]] = {}
    for i, words in enumerate(prose):
        for key in words:
            pages_with.setdefault(key, []).append(i)
    shared_lines: Counter[tuple[int, int]] = Counter()
    shared_words: Counter[tuple[int, int]] = Counter()
    for key, members in pages_with.items():
        size = key.count(" ") + 1
        for a_pos, a in enumerate(members):
            for b in members[a_pos + 1 :]:
                shared_lines[(a, b)] += 1
                shared_words[(a, b)] += size
    sets: DisjointSets[int] = DisjointSets()
    for pair, count in shared_lines.items():
        a, b = pair
        if count >= min_lines and shared_words[pair] >= SAME_STORY_SHARE * min(
            mass[a], mass[b]
        ):
            sets.join(a, b)
    return sets


def _stories_within(members: list[int], prose: list[dict[str, int]]) -> list[list[int]]:
    """The stories of one group of pages: the group itself, or, when the prose left after
    taking out the lines all its pages share (the frame, or a story's first paragraphs) joins
    into two or more parts of at least two pages each, those parts, with every other page a
    story of its own.

    Updates of one story never split this way: what is left of them after their common lead
    is the later paragraphs, shared along one chain of updates; only pages of different stories
    form separate parts."""
    if len(members) < 2 * MIN_PART_PAGES:
        return [members]
    common = set.intersection(*(set(prose[i]) for i in members))
    if not common:
        return [members]
    rest = [{k: w for k, w in prose[i].items() if k not in common} for i in members]
    sets = _same_story_sets(rest, min_lines=1)  # the group already shares the frame
    parts: dict[int, list[int]] = {}
    for position, page in enumerate(members):
        parts.setdefault(sets.root(position), []).append(page)
    if sum(len(part) >= MIN_PART_PAGES for part in parts.values()) < 2:
        return [members]
    return list(parts.values())
