"""The language of a page and its function words, for features that must not assume English.

py3langid (model inside the package, offline) names the language; jusText's stoplists (about
100 languages, shipped with jusText) give its function words. Prose is dense in function words
in every language that has them, menus and headings are not: that is what the line model uses.
"""

from __future__ import annotations

from storylens.languages import justext_stop_words as stop_words
from storylens.languages import language_identifier

__all__ = ["detect_language", "language_sample", "stop_words"]

SAMPLE_CHARS = 300
"""Characters of the page's longest lines given to the identifier: enough for a stable answer,
little enough to cost well under a millisecond."""
MIN_SAMPLE_CHARS = 20


def language_sample(lines: list[str]) -> str:
    """The longest lines of a page, up to :data:`SAMPLE_CHARS`: prose, not menu words. A block
    holding several lines (a list, a reference section) counts line by line, or its length
    alone would make it the sample."""
    picked: list[str] = []
    size = 0
    single = [part for line in lines for part in line.split("\n")]
    for line in sorted(single, key=len, reverse=True):
        picked.append(line)
        size += len(line)
        if size >= SAMPLE_CHARS:
            break
    return " ".join(picked)[:SAMPLE_CHARS]


def detect_language(text: str) -> str | None:
    """ISO 639 code of ``text``'s language, or ``None`` when there is too little text to tell."""
    if len(text.strip()) < MIN_SAMPLE_CHARS:
        return None
    code, _score = language_identifier(norm_probs=False).classify(text)
    return None if code == "zxx" else code
