"""Turn an article into the weighted terms that tell one event from another.

Three kinds of evidence go into one sparse bag of terms:

- words of the title and body (stop words dropped), because the same event is told with
  the same vocabulary;
- named entities (runs of capitalised words inside a sentence) as whole phrases, because two
  rehab admissions share "rehab" but not "Tara Reid";
- numbers, years and dates, because two earthquakes share "magnitude" but not "7.2" or "2009".

Entities and numbers get their own namespace (``@`` and ``#``) so they never collide with plain
words, and an extra weight because they are the part of the text that names *this* event.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from storylens.nouns import (
    adjective_in_name,
    capitalises_nouns,
    determined_nouns,
    function_word,
    noun_not_name,
    written_across_languages,
)
from storylens.stories.language import stop_words

TITLE_WEIGHT = 2.0
"""Title words count this many times: a headline states the event in few words."""
ENTITY_WEIGHT = 3.0
NUMBER_WEIGHT = 2.0
EVIDENCE_SHARES: dict[str, float] = {"": 1 / 3, "@": 1 / 3, "#": 1 / 3}
"""Share of an article's similarity carried by each kind of evidence: what happened (words),
who and where (names), when and how many (numbers). Look-alike events share their words; what
tells them apart is the other two, so they get a fixed say however long the text is."""
MAX_BODY_CHARS = 20_000
"""Only the first part of a very long body is read: the event is stated early in news."""

STOP_WORDS = stop_words("en")

_WORD = re.compile(r"[^\W\d_][\w'’-]*[^\W_]|[^\W\d_]", re.UNICODE)
_NUMBER = re.compile(r"(?<![\w.])\d+(?:[.,]\d+)*(?![\w])")
_UPPER = "".join(
    chr(c) for c in (*range(0x41, 0x250), *range(0x370, 0x530)) if chr(c).isupper()
)
"""Capital letters of the Latin, Greek and Cyrillic scripts: names start with one of them."""
_ENTITY = re.compile(
    rf"\b[{_UPPER}][\w'’-]*[\w](?:[ \t]+(?:of[ \t]+)?[{_UPPER}][\w'’-]*[\w])*"
)
_SENTENCE_START = re.compile(r"(?:^|[.!?:;\"“”(]\s*|\n\s*)$")

MONTHS: dict[str, int] = {
    m: i
    for i, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for m in names
}


_WEEKDAYS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}


@dataclass(frozen=True)
class TermCounts:
    """Raw weighted counts of one article's terms, before IDF weighting."""

    counts: dict[str, float]
    word_count: int
    stop_ratio: float
    """Share of the language's stop words among all words."""


def article_terms(title: str, body: str, language: str | None = None) -> TermCounts:
    """Weighted term counts of a title and body (title counted ``TITLE_WEIGHT`` times), with
    the stop words of ``language`` dropped (English when None)."""
    body = body[:MAX_BODY_CHARS]
    stops_of = stop_words(language)
    english = language in (None, "en")
    counts: Counter[str] = Counter()
    body_words, stops = _add_words(counts, body, 1.0, stops_of, english)
    title_words, _ = _add_words(counts, title, TITLE_WEIGHT, stops_of, english)
    _add_entities(counts, title + "\n" + body, stops_of, english, language)
    _add_numbers(counts, title + "\n" + body)
    total = body_words + title_words
    return TermCounts(dict(counts), total, stops / total if total else 0.0)


def _add_words(
    counts: Counter[str], text: str, weight: float, stops_of: frozenset[str], english: bool
) -> tuple[int, int]:
    """Add content words; return (all words seen, stop words among them)."""
    seen = stops = 0
    for match in _WORD.finditer(text):
        word = _normalise_word(match.group(), english)
        seen += 1
        if word in stops_of or len(word) < 2:
            stops += 1
            continue
        counts[word] += weight
    return seen, stops


@lru_cache(maxsize=200_000)
def _normalise_word(word: str, english: bool = True) -> str:
    """Lower-case; in English also fold possessives and simple plurals so 'quake's'/'quakes'
    meet 'quake' (other languages inflect otherwise: their words are only lower-cased)."""
    word = word.lower().replace("’", "'")
    if not english:
        return word
    if word.endswith("'s"):
        word = word[:-2]
    if len(word) > 4 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    return word


def _add_entities(
    counts: Counter[str],
    text: str,
    stops_of: frozenset[str],
    english: bool,
    language: str | None = None,
) -> None:
    """Capitalised phrases not at a sentence start: names of people, places, organisations.
    Where every noun is capitalised (German), common nouns are no names (see ``_name_words``)."""
    runs = [_entity_words(text, match, stops_of) for match in _ENTITY.finditer(text)]
    names = [words for words, _ in runs]
    if capitalises_nouns(language):
        names = _name_words(runs, language or "", text, stops_of)
    for words in names:
        if words:
            phrase = "_".join(_normalise_word(w, english) for w in words)
            counts["@" + phrase] += ENTITY_WEIGHT


def _entity_words(
    text: str, match: re.Match[str], stops_of: frozenset[str]
) -> tuple[list[str], bool]:
    """The words of a capitalised run that may name something, and whether the run opens a
    sentence: a lone word opening a sentence and a run's opening stop word say nothing; nor do
    stop words, months and weekdays alone."""
    words = match.group().split()
    opens = bool(_SENTENCE_START.search(text[max(0, match.start() - 3) : match.start()]))
    if opens:
        words = words[1:] if words[0].lower() in stops_of or len(words) == 1 else words
    if len(words) == 1:
        words = [w for w in words if not _not_a_name(w.lower(), stops_of)]
    return words, opens


def _name_words(
    runs: list[tuple[list[str], bool]], language: str, text: str, stops_of: frozenset[str]
) -> list[list[str]]:
    """Runs without their common nouns, in a language that capitalises nouns: a run's leading
    stop words and nouns are dropped (``Präsidentin Dina Boluarte``, ``Region Arequipa``); a
    run that an adjective opens inside a sentence stays whole (``Deutschen Bahn``: adjectives
    are capitalised only in names); a lone noun is no name (``Erdbeben``, or any word the text
    writes after a determiner: ``dem Beben``, but not ``die Ukraine``) unless the text
    introduced it as the last word of a longer name (``Claus Weselsky`` ... ``Weselsky``) or
    of a run inside a sentence (``Polizei Magdeburg``: a noun written right before a
    capitalised word is its title or kind, not a noun of its own).
    Frequencies alone would drop German places and people known only to German readers
    (``Magdeburg``, ``Weselsky``: as rare elsewhere as ``Polizei``)."""
    after_determiner = determined_nouns(text, language)

    def noun(word: str) -> bool:
        return word.lower() in stops_of or noun_not_name(word, language)

    def stop(word: str) -> bool:
        return function_word(word, language)

    def whole(words: list[str], opens: bool) -> bool:
        return bool(words) and not opens and adjective_in_name(words[0], language) and not any(
            map(stop, words)
        )

    kept = [_without_leading_nouns(words, noun, whole(words, opens)) for words, opens in runs]
    introduced = {words[-1] for words in kept if len(words) > 1} | {
        words[-1] for words, opens in runs if len(words) > 1 and not opens and not stop(words[-1])
    }

    def lone_name(word: str) -> bool:
        determined = word in after_determiner and not written_across_languages(word, language)
        return word in introduced or not (noun(word) or determined)

    return [w for w in kept if len(w) > 1 or (w and lone_name(w[0]))]


def _without_leading_nouns(
    words: list[str], noun: Callable[[str], bool], whole: bool
) -> list[str]:
    """A run without its leading nouns and stop words; a run that leaves one noun is dropped,
    unless ``whole`` (an adjective opens it inside a sentence: kept as written)."""
    rest = words
    while len(rest) > 1 and noun(rest[0]):
        rest = rest[1:]
    if len(words) > 1 and len(rest) == 1 and noun(rest[0]):
        return words if whole else []
    return rest


def _add_numbers(counts: Counter[str], text: str) -> None:
    """Numbers as written (commas dropped), years and 'month day' dates as their own terms."""
    for match in _NUMBER.finditer(text):
        number = match.group().replace(",", "")
        if len(number) == 1:
            continue
        counts["#" + number] += NUMBER_WEIGHT
    for match in re.finditer(r"\b([A-Za-z]{3,9})\.?\s+(\d{1,2})\b", text):
        month = MONTHS.get(match.group(1).lower())
        if month:
            counts[f"#d{month}-{int(match.group(2))}"] += NUMBER_WEIGHT


def evidence_kind(term: str) -> str:
    """The namespace of a term: ``@`` names, ``#`` numbers and dates, ``""`` words."""
    return term[0] if term[:1] in ("@", "#") else ""


def sublinear(counts: dict[str, float]) -> dict[str, float]:
    """1 + log(tf): a word repeated ten times is stronger evidence, not ten times stronger."""
    return {t: 1.0 + math.log(c) if c >= 1 else c for t, c in counts.items()}


def _not_a_name(word: str, stops_of: frozenset[str]) -> bool:
    return word in stops_of or word in MONTHS or word in _WEEKDAYS
