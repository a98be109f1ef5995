"""Numeric features of every line of a plain-text page, for the learned line model.

The features mirror what a reader uses to tell an article from page furniture: how long and
sentence-like a line is, what its neighbours look like, whether it sits inside the longest run of
prose on the page (the "article core"), and tell-tale patterns (captions, teasers, menus).
Everything is computed with numpy over the whole page at once so a page costs milliseconds.
"""

from __future__ import annotations

import re
import string
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
    return names + list(CONTEXT_FEATURES)


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
    """Raw counts for one line; ratios are formed for the whole page at once in numpy."""
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


def base_features(page: list[L.LineFacts], stop_words: frozenset[str]) -> np.ndarray:
    """Columns of ``BASE_FEATURES`` except the duplicate flags, for all lines of a page."""
    counts = np.array([line_counts(f.text, f.tokens, stop_words) for f in page], dtype=float)
    flags = {
        name: column
        for name, column in zip(
            FLAG_FEATURES, np.array([read_flags(f) for f in page], dtype=float).T, strict=True
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
    return np.column_stack([np.asarray(columns[name], dtype=float) for name in BASE_FEATURES[:-2]])


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


def shifted(column: np.ndarray, offset: int) -> np.ndarray:
    """``column`` moved by ``offset`` lines (value of line i+offset at i), zero past the edges."""
    out = np.zeros_like(column)
    if offset > 0:
        out[:-offset] = column[offset:]
    elif offset < 0:
        out[-offset:] = column[:offset]
    else:
        out[:] = column
    return out


def window_mean(column: np.ndarray, radius: int) -> np.ndarray:
    padded = np.concatenate([np.zeros(1), np.cumsum(column)])
    n = len(column)
    idx = np.arange(n)
    lo = np.clip(idx - radius, 0, n)
    hi = np.clip(idx + radius + 1, 0, n)
    return (padded[hi] - padded[lo]) / np.maximum(hi - lo, 1)


def page_features(page: list[L.LineFacts], stop_words: frozenset[str] = frozenset()) -> np.ndarray:
    """Feature matrix (lines x ``feature_names()``) for the non-empty lines of one page.

    ``stop_words`` are the function words of the page's language (empty when it has no list).
    """
    if not page:
        return np.zeros((0, len(feature_names())))
    base = base_features(page, stop_words)
    earlier, later = duplicate_flags([facts.key for facts in page])
    base = np.column_stack([base, earlier, later])
    column = {name: base[:, i] for i, name in enumerate(BASE_FEATURES)}
    neighbours = [
        shifted(column[name], offset) for offset in NEIGHBOUR_OFFSETS for name in NEIGHBOUR_FEATURES
    ]
    word_counts = np.array([facts.n_words for facts in page], dtype=float)
    context = context_features(word_counts, column)
    relative = page_relative_features(word_counts, column)
    return np.column_stack([base, *neighbours, context, relative])


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
        stop_level = float(np.average(stop[prose], weights=weights))
        sentence_share = float(np.average(column["sentence_end"][prose], weights=weights))
        long_words = float(np.percentile(word_counts[prose], 75))
    else:
        stop_level, sentence_share, long_words = float(stop.mean()), 0.0, PROSE_WORDS
    return np.column_stack(
        [
            stop - stop_level,
            np.log1p(word_counts) - np.log1p(long_words),
            np.full(len(word_counts), sentence_share),
        ]
    )


def context_features(word_counts: np.ndarray, column: dict[str, np.ndarray]) -> np.ndarray:
    """Where the line sits on the page relative to the article core and section headers."""
    n = len(word_counts)
    idx = np.arange(n, dtype=float)
    start, end = article_core(word_counts, column["sentence_end"])
    dist = np.where(idx < start, start - idx, np.where(idx > end, idx - end, 0.0))
    long_line = (word_counts >= 15).astype(float)
    after_comments = np.cumsum(column["comment_marker"]) - column["comment_marker"] > 0
    after_related = np.cumsum(column["related_header"]) - column["related_header"] > 0
    return np.column_stack(
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
