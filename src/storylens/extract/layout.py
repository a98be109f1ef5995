"""Lines of a plain-text dump as blocks of text, whatever tool made the dump.

Block renderers write one paragraph per line; ``lynx -dump``, ``w3m -dump``, html2text and mail
clients wrap paragraphs at a fixed width, so one paragraph becomes several short lines that look
like menu items to a line classifier. This module re-joins such hard-wrapped lines (a line that
is full up to the page's wrap width continues on the next line) and splits a dump that has no
line breaks at all into sentences, so the classifier always sees blocks of text.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from storylens.writing import CHINESE_JAPANESE

MIN_WRAPPED_LINES = 5
"""Full-width lines a page needs before it counts as hard-wrapped."""
FULL_LINE_SLACK = 20
"""A line within this many characters of the wrap width may be a wrapped one."""
MIN_WRAP_WIDTH = 40
MAX_WRAP_WIDTH = 200
WRAPPED_SHARE = 0.5
"""Share of the page's longer lines that must end near the wrap width."""
OVER_PENALTY = 3
"""A line past a candidate wrap width counts against it this many times a line within it."""
NEXT_WORD_SLACK = 2
TABLE_CELL = " | "
PREFORMATTED_INDENTS = ("    ", "\t")
LIST_OR_HEADING_RE = re.compile(r"^(?:[*•·▪►#+>|-]|\d{1,3}[.)]|\[\d+\])\s")
SINGLE_LINE_MIN_WORDS = 120
"""A page of at most :data:`SINGLE_LINE_MAX_LINES` lines this long is a dump whose line breaks
were lost; it is cut into sentences."""
SINGLE_LINE_MAX_LINES = 3
SENTENCE_SPLIT_RE = re.compile(r"(?<=[.!?。！？؟।])[\"'”’»)\]]*\s+|(?<=[。！？])")


def page_lines(text: str) -> list[str]:
    """The non-empty blocks of ``text``: wrapped paragraphs joined, run-on dumps split."""
    raw = [line.rstrip() for line in text.splitlines()]
    width = wrap_width([line for line in raw if not is_preformatted(line)]) or wrap_width(raw)
    lines = unwrap(raw, width) if width else [line.strip() for line in raw if line.strip()]
    if len(lines) <= SINGLE_LINE_MAX_LINES and any(
        len(line.split()) >= SINGLE_LINE_MIN_WORDS for line in lines
    ):
        lines = [part for line in lines for part in split_sentences(line)]
    return lines


def wrap_width(raw: list[str]) -> int | None:
    """The column a hard-wrapped dump was wrapped at, or ``None`` for a block-per-line dump.

    In a wrapped dump most longer lines end just short of one width and few go past it (an
    unbreakable word, a menu without spaces); in a block dump line lengths spread widely, so no
    such width exists. The width is the one with most lines just short of it, less a penalty
    for each line past it.
    """
    lengths = sorted(
        len(text)
        for text in map(str.strip, raw)
        if len(text) >= MIN_WRAP_WIDTH and not is_unwrapped_kind(text)
    )
    if len(lengths) < MIN_WRAPPED_LINES:
        return None
    best, best_score, best_near = None, 0, 0
    for width in sorted(set(lengths)):
        if width > MAX_WRAP_WIDTH:
            break
        near = bisect_right(lengths, width) - bisect_left(lengths, width - FULL_LINE_SLACK)
        over = len(lengths) - bisect_right(lengths, width)
        score = near - OVER_PENALTY * over
        if score > best_score:
            best, best_score, best_near = width, score, near
    if best is None or best_near < MIN_WRAPPED_LINES or best_near < WRAPPED_SHARE * len(lengths):
        return None
    return best


def is_preformatted(line: str) -> bool:
    """A line indented like a code block (four spaces or a tab: Markdown's preformatted text,
    html2text's ``<pre>``): a page of code keeps its own line lengths, long ones past the wrap
    width among them, and would hide the width of the prose around it."""
    return line.startswith(PREFORMATTED_INDENTS)


def is_unwrapped_kind(text: str) -> bool:
    """List items, headings and table rows: renderers that wrap paragraphs often leave these
    long (html2text does), so their lengths say nothing about the wrap width."""
    return LIST_OR_HEADING_RE.match(text) is not None or TABLE_CELL in text


def unwrap(raw: list[str], width: int) -> list[str]:
    """Join each line that was full (the next line's first word would not have fitted on it)
    with the line after it; blank lines, list items and headings always start a new block."""
    blocks: list[str] = []
    current: list[str] = []
    for line, after in zip(raw, [*raw[1:], ""], strict=True):
        text = line.strip()
        if not text:
            _flush(current, blocks)
            continue
        current.append(text)
        following = after.strip()
        if not following or LIST_OR_HEADING_RE.match(following):
            _flush(current, blocks)
            continue
        next_word = following.split(maxsplit=1)[0]
        if len(text) + 1 + len(next_word) <= width - NEXT_WORD_SLACK:
            _flush(current, blocks)
    _flush(current, blocks)
    return blocks


def _flush(current: list[str], blocks: list[str]) -> None:
    if current:
        blocks.append(_join(current))
        current.clear()


def _join(parts: list[str]) -> str:
    """Join wrapped pieces; scripts without spaces join without one, and so does a word that
    the renderer broke after its hyphen ("VW-" / "Händler": html2text and ``lynx`` wrap there)."""
    text = parts[0]
    for part in parts[1:]:
        if _no_space_script(text[-1]) and _no_space_script(part[0]):
            glue = ""
        else:
            glue = "" if _broken_at_hyphen(text, part) else " "
        text = f"{text}{glue}{part}"
    return text


def _broken_at_hyphen(text: str, part: str) -> bool:
    """``text`` ends in a word's hyphen ("Kriegswaffen-") and ``part`` goes on with letters."""
    return len(text) >= 2 and text[-1] == "-" and text[-2].isalpha() and part[0].isalpha()


_NO_SPACE_CHAR = re.compile(f"[{CHINESE_JAPANESE}。、，！？]")


def _no_space_script(char: str) -> bool:
    return _NO_SPACE_CHAR.match(char) is not None


def split_sentences(line: str) -> list[str]:
    return [part.strip() for part in SENTENCE_SPLIT_RE.split(line) if part and part.strip()]
