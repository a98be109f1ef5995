"""Numeric features of every line of a plain-text page, for the learned line model.

The features mirror what a reader uses to tell an article from page furniture: how long and
sentence-like a line is, what its neighbours look like, whether it sits inside the longest run of
prose on the page (the "article core"), and tell-tale patterns (captions, teasers, menus).
Everything is computed with numpy over the whole page at once so a page costs milliseconds.
"""

from __future__ import annotations

import re
import string
from functools import lru_cache
from operator import attrgetter

import numpy as np

from storylens.extract import lines as L

RULE_FLAGS = (
    "number_only",
    "caption",
    "call_to_action",
    "newsletter",
    "related_header",
    "copyright",
    "comment_marker",
    "byline",
    "date",
    "menu",
)
"""The rule tests of :class:`~storylens.extract.lines.LineFacts` the model reads as 0/1
features, in the order of the shipped model's columns (both lists below hold them)."""
BASE_FEATURES = (
    "log_words",
    "log_chars",
    "words_le3",
    "words_4_9",
    "words_10_19",
    "words_20_39",
    "words_ge40",
    "sentence_end",
    "ellipsis_end",
    "truncated",
    "stop_ratio",
    "cap_ratio",
    "digit_ratio",
    "punct_ratio",
    "comma_rate",
    "upper_ratio",
    *RULE_FLAGS,
    "quote",
    "colon_end",
    "bullet_start",
    "has_stoplist",
    "dup_earlier",
    "dup_later",
)
SHORT_RUN_FEATURES = ("short_run", "short_run_edge")
"""Menu shape without words: how many short non-sentence lines stand in a row with this one."""
NEIGHBOUR_FEATURES = ("log_words", "sentence_end", "stop_ratio", "cap_ratio", "ellipsis_end")
NEIGHBOUR_OFFSETS = (-2, -1, 1, 2)
CONTEXT_FEATURES = (
    "rel_pos",
    "in_core",
    "before_core",
    "after_core",
    "log_dist_core",
    "long_share_3",
    "long_share_10",
    "page_word_share",
    "after_comments_header",
    "after_related_header",
    "stop_vs_page",
    "words_vs_page",
    "page_sentence_share",
)
BULLET_RE = re.compile(r"^\s*(?:[*•·▪►>#+-]|\d{1,2}[.)])\s")
"""List items and headings as text renderers mark them (``* item``, ``# Heading``, ``1. item``)."""
QUOTE_RE = re.compile("[\"“”'‘’«»]")
DIGIT_RE = re.compile(r"\d")
PUNCT_RE = re.compile(r"[^\w\s]|_")
ASCII_DIGITS = string.digits.encode()
ASCII_UPPER = string.ascii_uppercase.encode()
ASCII_PUNCT = bytes(c for c in range(128) if PUNCT_RE.match(chr(c)))


def feature_names() -> list[str]:
    names = list(BASE_FEATURES)
    for offset in NEIGHBOUR_OFFSETS:
        names += [f"{name}@{offset:+d}" for name in NEIGHBOUR_FEATURES]
    return names + list(CONTEXT_FEATURES) + list(SHORT_RUN_FEATURES)


N_FEATURES = len(feature_names())
NEIGHBOUR_COLUMNS = [BASE_FEATURES.index(name) for name in NEIGHBOUR_FEATURES]


FLAG_FEATURES = ("sentence_end", "ellipsis_end", "truncated", *RULE_FLAGS)
read_flags = attrgetter(*FLAG_FEATURES)


def char_counts(line: str) -> tuple[int, int, int]:
    """Digits, upper-case letters and punctuation in ``line`` (byte-level fast path for ASCII)."""
    if line.isascii():
        raw = line.encode("ascii")
        size = len(raw)
        return (
            size - len(raw.translate(None, ASCII_DIGITS)),
            size - len(raw.translate(None, ASCII_UPPER)),
            size - len(raw.translate(None, ASCII_PUNCT)),
        )
    return (
        len(DIGIT_RE.findall(line)),
        len(L.UPPER_RE.findall(line)),
        len(PUNCT_RE.findall(line)),
    )


def line_counts(line: str, tokens: list[str], stop_words: frozenset[str]) -> tuple[float, ...]:
    """Raw counts for one line (the columns of :data:`COUNT_COLUMNS`); ratios are formed for
    the whole page at once in numpy."""
    return (
        len(tokens),
        len(line),
        *char_counts(line),
        line.count(" "),
        line.count(","),
        L.stop_word_ratio(tokens, stop_words),
        L.capitalised_ratio(tokens),
        QUOTE_RE.search(line) is not None,
        line.endswith(":"),
        BULLET_RE.match(line) is not None,
    )


COUNT_COLUMNS = (
    "n_words", "n_chars", "digits", "upper", "punct", "spaces", "commas", "stop", "cap", "quote",
    "colon", "bullet",
)  # fmt: skip


def page_counts(page: list[L.LineFacts], stop_words: frozenset[str]) -> np.ndarray:
    """:func:`line_counts` of every line (lines x :data:`COUNT_COLUMNS`). The character counts
    of the ASCII lines (most lines of most pages) are taken for all of them at once in numpy
    (:func:`ascii_char_counts`): counting in Python per line and per word cost more than
    anything else in a page's features. Other lines are counted one by one."""
    is_ascii = [facts.text.isascii() for facts in page]
    if page and all(is_ascii):
        return ascii_line_counts(page, stop_words)
    counts = np.empty((len(page), len(COUNT_COLUMNS)))
    ascii_rows = [i for i, ascii in enumerate(is_ascii) if ascii]
    other_rows = [i for i, ascii in enumerate(is_ascii) if not ascii]
    if other_rows:
        counts[other_rows] = [
            line_counts(page[i].text, page[i].tokens, stop_words) for i in other_rows
        ]
    if ascii_rows:
        counts[ascii_rows] = ascii_line_counts([page[i] for i in ascii_rows], stop_words)
    return counts


def ascii_line_counts(lines: list[L.LineFacts], stop_words: frozenset[str]) -> np.ndarray:
    """:func:`line_counts` of ASCII lines, the character counts found in numpy. Each column
    is filled from a list of plain numbers (a list of tuples costs numpy more to read), and
    the stop-word ratio reads the lower-cased words off the line's key (on an ASCII line,
    its words lower-cased and joined by spaces)."""
    chars = ascii_char_counts([facts.text for facts in lines])
    n = len(lines)
    out = np.empty((n, len(COUNT_COLUMNS)))
    out[:, 0] = [facts.n_words for facts in lines]
    out[:, 1] = [len(facts.text) for facts in lines]
    if stop_words:  # L.stop_word_ratio(facts.tokens, stop_words)
        is_stop = stop_words.__contains__
        out[:, 7] = [
            sum(map(is_stop, facts.key.split())) / facts.n_words if facts.n_words else 0.0
            for facts in lines
        ]
    else:
        out[:, 7] = 0.0
    out[:, 10] = [facts.text.endswith(":") for facts in lines]
    out[:, 11] = [BULLET_RE.match(facts.text) is not None for facts in lines]
    out[:, [2, 3, 4, 5, 6]] = chars[:, :5]
    upper_initials, alpha_initials = chars[:, 6], chars[:, 7]
    out[:, 8] = np.divide(upper_initials, alpha_initials, out=np.zeros(n), where=alpha_initials > 0)
    out[:, 9] = chars[:, 5] > 0
    return out


def _ascii_classes() -> np.ndarray:
    """For each byte, a 0/1 column per count of :func:`ascii_char_counts` (the same tests
    :func:`line_counts` makes: ``ASCII_*`` bytes, ``str.count``, :data:`QUOTE_RE`): digits,
    upper-case letters, punctuation, spaces, commas, quote marks, and for a word's first
    character whether it is upper-case and whether it is a letter."""
    table = np.zeros((256, 8), dtype=np.uint8)
    for code in range(128):
        char = chr(code)
        table[code] = (
            code in ASCII_DIGITS,
            code in ASCII_UPPER,
            code in ASCII_PUNCT,
            char == " ",
            char == ",",
            QUOTE_RE.match(char) is not None,
            code in ASCII_UPPER,
            code in L.ASCII_LETTERS,
        )
    return table


ASCII_CLASSES = _ascii_classes()
ASCII_WORD_CHARS = np.array(
    [code < 128 and L.ASCII_WORD_RE.match(chr(code)) is not None for code in range(256)]
)


def ascii_char_counts(texts: list[str]) -> np.ndarray:
    """Per ASCII line: digits, upper-case letters, punctuation, spaces, commas, quote marks,
    and the upper-case and alphabetic initials of its words (what
    :func:`storylens.extract.lines.capitalised_ratio` counts), all lines at once: the lines
    joined, each closed by a line break (in no class, nor a word character), a row of
    :data:`ASCII_CLASSES` per byte, summed per line."""
    if not texts:
        return np.zeros((0, 8))
    joined = np.frombuffer(("\n".join(texts) + "\n").encode("ascii"), dtype=np.uint8)
    classes = ASCII_CLASSES[joined]
    word = ASCII_WORD_CHARS[joined]
    initial = word.copy()
    initial[1:] &= ~word[:-1]  # a word's first character
    classes[:, 6:] &= initial[:, None]
    lengths = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))
    starts = np.cumsum(lengths + 1) - lengths - 1
    return np.add.reduceat(classes, starts, axis=0, dtype=np.int64).astype(float)


def base_features(page: list[L.LineFacts], stop_words: frozenset[str]) -> np.ndarray:
    """Columns of ``BASE_FEATURES`` except the duplicate flags, for all lines of a page."""
    counts = page_counts(page, stop_words)
    flags = {
        name: column
        for name, column in zip(
            FLAG_FEATURES,
            np.array([read_flags(f) for f in page], dtype=bool).astype(float).T,  # bools: faster
            strict=True,
        )
    }
    n_words, n_chars, digits, upper, punct, spaces, commas, stop, cap, quote, colon, bullet = (
        counts.T
    )
    n_chars = np.maximum(n_chars, 1)
    letters = np.maximum(n_chars - digits - punct - spaces, 0)
    columns = {
        "log_words": np.log1p(n_words),
        "log_chars": np.log1p(n_chars),
        "words_le3": n_words <= 3,
        "words_4_9": (n_words >= 4) & (n_words <= 9),
        "words_10_19": (n_words >= 10) & (n_words <= 19),
        "words_20_39": (n_words >= 20) & (n_words <= 39),
        "words_ge40": n_words >= 40,
        "sentence_end": flags["sentence_end"],
        "ellipsis_end": flags["ellipsis_end"],
        "truncated": flags["truncated"],
        "stop_ratio": stop,
        "cap_ratio": cap,
        "digit_ratio": digits / n_chars,
        "punct_ratio": punct / n_chars,
        "comma_rate": commas / np.maximum(n_words, 1),
        "upper_ratio": upper / np.maximum(letters, 1),
        "number_only": flags["number_only"],
        "caption": flags["caption"],
        "call_to_action": flags["call_to_action"],
        "newsletter": flags["newsletter"],
        "related_header": flags["related_header"],
        "copyright": flags["copyright"],
        "comment_marker": flags["comment_marker"],
        "byline": flags["byline"],
        "date": flags["date"],
        "menu": flags["menu"],
        "quote": quote,
        "colon_end": colon,
        "bullet_start": bullet,
        "has_stoplist": np.full(len(page), float(bool(stop_words))),
    }
    return stack_columns([columns[name] for name in BASE_FEATURES[:-2]])


def duplicate_flags(keys: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """Whether each line repeats an earlier one, and whether a later line repeats it."""
    n = len(keys)
    earlier = np.zeros(n)
    later = np.zeros(n)
    first_seen: dict[str, int] = {}
    for i, key in enumerate(keys):
        if not key:
            continue
        if key in first_seen:
            earlier[i] = 1.0
            later[first_seen[key]] = 1.0
        else:
            first_seen[key] = i
    return earlier, later


def article_core(word_counts: np.ndarray, sentence_end: np.ndarray) -> tuple[int, int]:
    """The run of lines with the most prose (maximum-sum segment of a per-line prose score).

    Long sentence-like lines score positive, short furniture negative, so the best segment is
    the contiguous block a reader would call "the article".
    """
    return max_sum_segment(np.minimum(word_counts, 60) * (0.5 + 0.5 * sentence_end) - 8.0)


def max_sum_segment(score: np.ndarray) -> tuple[int, int]:
    """First and last index of the contiguous run with the largest sum (Kadane)."""
    best, best_start, best_end = -np.inf, 0, -1
    running, start = 0.0, 0
    for i, value in enumerate(score.tolist()):  # Python floats: same doubles, faster steps
        if running <= 0:
            running, start = value, i
        else:
            running += value
        if running > best:
            best, best_start, best_end = running, start, i
    return best_start, best_end


def stack_columns(parts: list[np.ndarray]) -> np.ndarray:
    """``np.column_stack(parts)`` as floats (parts: columns, or blocks of columns, of one
    page), filled into one array: the same matrix, at half the cost on a page's few lines."""
    blocks = [part if part.ndim == 2 else part[:, None] for part in parts]
    out = np.empty((len(parts[0]), sum(block.shape[1] for block in blocks)))
    start = 0
    for block in blocks:
        out[:, start : start + block.shape[1]] = block
        start += block.shape[1]
    return out


def shifted(column: np.ndarray, offset: int) -> np.ndarray:
    """``column`` moved by ``offset`` lines (value of line i+offset at i), zero past the edges."""
    out = np.zeros(column.shape, column.dtype)  # np.zeros_like's checks cost more on a page
    if offset > 0:
        out[:-offset] = column[offset:]
    elif offset < 0:
        out[-offset:] = column[:offset]
    else:
        out[:] = column
    return out


def window_mean(column: np.ndarray, radius: int) -> np.ndarray:
    """Mean of ``column`` over the lines within ``radius`` of each line (fewer at the edges)."""
    padded = np.concatenate([np.zeros(1), np.cumsum(column)])
    lo, hi, size = window_bounds(len(column), radius)
    return (padded[hi] - padded[lo]) / size


@lru_cache(maxsize=32)
def window_bounds(n: int, radius: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """First and past-the-last line of each line's window, and its size (at least 1): one
    page's scoring asks for the same few radii again and again (read-only arrays)."""
    idx = np.arange(n)
    lo = np.maximum(idx - radius, 0)  # np.clip's bounds, without its (costlier) checks
    hi = np.minimum(idx + radius + 1, n)
    size = np.maximum(hi - lo, 1)
    for array in (lo, hi, size):
        array.flags.writeable = False
    return lo, hi, size


def page_features(page: list[L.LineFacts], stop_words: frozenset[str] = frozenset()) -> np.ndarray:
    """Feature matrix (lines x ``feature_names()``) for the non-empty lines of one page.

    ``stop_words`` are the function words of the page's language (empty when it has no list).
    The parts are written into one matrix: the base columns, then the neighbours' columns a
    block of :data:`NEIGHBOUR_FEATURES` per offset (each block :func:`shifted`), then the
    context, page-relative and menu-shape columns.
    """
    if not page:
        return np.zeros((0, len(feature_names())))
    n, n_base = len(page), len(BASE_FEATURES)
    out = np.empty((n, N_FEATURES))
    out[:, : n_base - 2] = base_features(page, stop_words)
    out[:, n_base - 2], out[:, n_base - 1] = duplicate_flags([facts.key for facts in page])
    base = out[:, :n_base]
    column = {name: base[:, i] for i, name in enumerate(BASE_FEATURES)}
    own = base[:, NEIGHBOUR_COLUMNS]
    width = len(NEIGHBOUR_FEATURES)
    for k, offset in enumerate(NEIGHBOUR_OFFSETS):
        block = out[:, n_base + k * width : n_base + (k + 1) * width]
        block[:] = 0.0  # shifted(column, offset) for the block's columns at once
        if offset > 0:
            block[:-offset] = own[offset:]
        else:
            block[-offset:] = own[:offset]
    start = n_base + len(NEIGHBOUR_OFFSETS) * width
    word_counts = np.array([facts.n_words for facts in page], dtype=float)
    for part in (
        context_features(word_counts, column),
        page_relative_features(word_counts, column),
        short_run_features(word_counts, column["sentence_end"]),
    ):
        out[:, start : start + part.shape[1]] = part
        start += part.shape[1]
    return out


SHORT_LINE_WORDS = 4
"""A line of at most this many words that does not end like a sentence is menu-shaped."""


def short_run_features(word_counts: np.ndarray, sentence_end: np.ndarray) -> np.ndarray:
    """For a menu-shaped line: the log length of the run of menu-shaped lines it stands in, and
    whether it is the run's last line (the menu item right above a headline); 0 otherwise.

    A menu is several short lines without sentence punctuation in a row in any language ("Home",
    "News", "Sign in" or "الرئيسية", "تسجيل الدخول"); a sub-heading is one such line between
    paragraphs. Read from line shapes only, so it needs no word lists."""
    short = (word_counts <= SHORT_LINE_WORDS) & (sentence_end == 0)
    n = len(short)
    run = np.zeros(n)
    last = np.zeros(n)
    edges = np.flatnonzero(np.diff(np.concatenate([[0], short.astype(np.int8), [0]])))
    for start, end in zip(edges[::2].tolist(), edges[1::2].tolist(), strict=True):
        run[start:end] = end - start
        last[end - 1] = end - start > 1
    return stack_columns([np.log1p(run), last])


PROSE_WORDS = 10
"""Lines at least this long are the page's prose sample for page-relative features."""


def page_relative_features(word_counts: np.ndarray, column: dict[str, np.ndarray]) -> np.ndarray:
    """The line against its own page: stop-word density and length relative to the page's
    prose, and how much of the page's prose ends like sentences. Absolute densities differ by
    language and dump style; a menu is sparse in function words next to *its* page's text."""
    prose = word_counts >= PROSE_WORDS
    stop = column["stop_ratio"]
    if prose.any():
        weights = word_counts[prose]
        total = weights.sum()  # np.average's arithmetic, without its checks
        stop_level = float((stop[prose] * weights).sum() / total)
        sentence_share = float((column["sentence_end"][prose] * weights).sum() / total)
        long_words = upper_quartile(weights)
    else:
        stop_level, sentence_share, long_words = float(stop.mean()), 0.0, PROSE_WORDS
    return stack_columns(
        [
            stop - stop_level,
            np.log1p(word_counts) - np.log1p(long_words),
            np.full(len(word_counts), sentence_share),
        ]
    )


def upper_quartile(counts: np.ndarray) -> float:
    """``np.percentile(counts, 75)`` (linear interpolation) of whole numbers, in a tenth of the
    time: the interpolation weight is a multiple of 1/4, so the arithmetic is exact and gives
    numpy's answer to the bit."""
    ordered = sorted(counts.tolist())
    position = (len(ordered) - 1) * 0.75
    below = int(position)
    weight = position - below
    if weight == 0.0:
        return ordered[below]
    return ordered[below] + (ordered[below + 1] - ordered[below]) * weight


PROSE_LINE_WORDS = 15
"""A line of at least this many words that ends like a sentence is a paragraph of prose."""
MIN_PROSE_ABOVE_HEADER = 40
"""Words of such paragraphs a page must show above a comments or related-content header before
the header can open a section that follows an article."""


def after_header(header: np.ndarray, prose_above: np.ndarray) -> np.ndarray:
    """Lines below a section header (comments, related content) that has some prose above it
    (``prose_above``: words of full paragraphs above each line). A header with no article text
    above it (a comment-count link under the headline, a "You may also like" rail before the
    text) opens no section the article follows; counted, it marked the whole article below it
    as "after the comments" or "after related links"."""
    opening = np.where(prose_above >= MIN_PROSE_ABOVE_HEADER, header, 0.0)
    return np.cumsum(opening) - opening > 0


def context_features(word_counts: np.ndarray, column: dict[str, np.ndarray]) -> np.ndarray:
    """Where the line sits on the page relative to the article core and section headers."""
    n = len(word_counts)
    idx = np.arange(n, dtype=float)
    start, end = article_core(word_counts, column["sentence_end"])
    dist = np.where(idx < start, start - idx, np.where(idx > end, idx - end, 0.0))
    long_line = (word_counts >= 15).astype(float)
    prose = np.where(
        (word_counts >= PROSE_LINE_WORDS) & (column["sentence_end"] > 0), word_counts, 0.0
    )
    prose_above = np.cumsum(prose) - prose
    after_comments = after_header(column["comment_marker"], prose_above)
    after_related = after_header(column["related_header"], prose_above)
    return stack_columns(
        [
            idx / max(n - 1, 1),
            (dist == 0).astype(float),
            (idx < start).astype(float),
            (idx > end).astype(float),
            np.log1p(dist),
            window_mean(long_line, 3),
            window_mean(long_line, 10),
            word_counts / max(word_counts.sum(), 1.0),
            after_comments.astype(float),
            after_related.astype(float),
        ]
    )
