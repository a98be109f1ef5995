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
SURE = 0.9
"""Probability from which the identifier's answer stands against the page's declared language."""
DECLARED_RANKS = 3
"""The declared language wins an unsure answer when it is among the identifier's top 3."""


def language_sample(
    lines: list[str], size: int = SAMPLE_CHARS, per_line: int | None = None
) -> str:
    """The longest lines of a page, up to ``size`` characters: prose, not menu words. A block
    holding several lines (a list, a reference section) counts line by line, or its length
    alone would make it the sample.

    With ``per_line``, lines are taken by their length in words that do not start with a
    capital (a list of names or a table row has few of those, prose in any language many) and
    no line gives more than ``per_line`` characters, so such a line cannot make the sample."""
    picked: list[str] = []
    used = 0
    single = [part for line in lines for part in line.split("\n") if part.strip()]
    order = len
    if per_line and single:
        per_line = max(per_line, size // len(single))  # a short page gives what it has
        order = _prose_length
    for line in sorted(single, key=order, reverse=True):
        part = line[:per_line] if per_line else line
        picked.append(part)
        used += len(part)
        if used >= size:
            break
    return " ".join(picked)[:size]


def _prose_length(line: str) -> int:
    """Characters of ``line`` in words not written with a leading capital (scripts without
    case count whole)."""
    return sum(len(word) for word in line.split() if not word[0].isupper())


def detect_language(text: str, declared: str | None = None) -> str | None:
    """ISO 639 code of ``text``'s language, or ``None`` when there is too little text to tell.

    ``declared`` (the language the page states) wins when the identifier is unsure between
    it and another: py3langid knows ~100 languages and calls a short Spanish sample
    Extremaduran or an English list of names Luxembourgish, while a page whose text is really
    in another language than it declares (an English article on a German site) is read with
    confidence."""
    if len(text.strip()) < MIN_SAMPLE_CHARS:
        return None
    if declared:
        ranked = language_identifier(norm_probs=True).rank(text)[:DECLARED_RANKS]
        code, probability = ranked[0]
        if code != declared and probability < SURE and declared in {c for c, _ in ranked}:
            return declared
    else:
        code, _score = language_identifier(norm_probs=False).classify(text)
    return None if code == "zxx" else code
