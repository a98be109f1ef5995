"""Plain-text tables for the CLI: a header line, aligned columns, and an "N of M" footer."""

from __future__ import annotations

import os
import unicodedata
from collections.abc import Sequence

import click

MIN_FLEX = 12


def render_table(headers: Sequence[str], rows: Sequence[Sequence[str]], *, flex: int = -1,
                 width: int | None = None) -> str:  # fmt: skip
    """Columns padded to their widest cell; on a terminal the ``flex`` column is cut to fit."""
    width = width or _terminal_width()
    cells = [[str(c) for c in headers], *[[_one_line(c) for c in row] for row in rows]]
    widths = [max(display_width(r[i]) for r in cells) for i in range(len(headers))]
    flex = flex % len(headers)
    fixed = sum(w for i, w in enumerate(widths) if i != flex) + 2 * (len(headers) - 1)
    widths[flex] = max(MIN_FLEX, min(widths[flex], width - fixed))
    lines = []
    for row in cells:
        parts = [_fit(c, widths[i]) for i, c in enumerate(row)]
        lines.append("  ".join(parts).rstrip())
    return "\n".join(lines)


def footer(shown: int, offset: int, total: int, noun: str) -> str:
    """``Showing 1-50 of 240 stories`` with the flag that pages on, or ``No stories``."""
    if total == 0:
        return f"No {noun}."
    if shown == 0:
        return f"None shown: offset {offset} is past the last of {total} {noun}."
    text = f"Showing {offset + 1}-{offset + shown} of {total} {noun}"
    if offset + shown < total:
        text += f" (next: --offset {offset + shown})"
    return text + "."


def echo_table(headers: Sequence[str], rows: Sequence[Sequence[str]], *, flex: int = -1,
               note: str | None = None) -> None:  # fmt: skip
    if rows:
        click.echo(render_table(headers, rows, flex=flex))
    if note:
        click.echo(note)


def _terminal_width() -> int:
    """``$COLUMNS`` or the terminal's width; no limit when output goes to a pipe or a file."""
    try:
        return int(os.environ.get("COLUMNS") or os.get_terminal_size().columns)
    except (OSError, ValueError):
        return 1_000_000


def _one_line(value: object) -> str:
    return " ".join(str(value).split())


def display_width(text: str) -> int:
    """Columns ``text`` takes in a terminal: Chinese, Japanese and Korean characters take two,
    combining marks none, so columns after a CJK outlet name or headline still line up."""
    return sum(_char_width(c) for c in text)


def _char_width(char: str) -> int:
    if unicodedata.combining(char):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def _fit(text: str, width: int) -> str:
    """``text`` cut with an ellipsis or padded to exactly ``width`` terminal columns."""
    used = display_width(text)
    if used <= width:
        return text + " " * (width - used)
    kept, room = [], max(width - 1, 0)
    for char in text:
        room -= _char_width(char)
        if room < 0:
            break
        kept.append(char)
    cut = "".join(kept) + "…"
    return cut + " " * (width - display_width(cut))
