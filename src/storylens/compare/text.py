"""Word-level helpers shared by the comparison modules: tokens, stems, stop words.

The stop-word list doubles as a general word-frequency prior: these are the most frequent words of
English news, which carry no evidence that two sentences state the same fact. It matters most when
a comparison has too few sentences to estimate word rarity from the articles themselves.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache


def word_set(text: str) -> frozenset[str]:
    """A set of words written as one whitespace-separated string (readable long lists)."""
    return frozenset(text.split())


STOPWORDS = word_set(
    """a about above across after afterwards again against all almost alone along already also
    although always am among an and another any anyhow anyone anything anyway anywhere are around
    as at back be became because become becomes been before beforehand behind being below beside
    besides between beyond both but by can cannot could did do does doing done down due during
    each either else elsewhere enough even ever every everyone everything everywhere except few
    for former formerly from further had has have having he hence her here hereafter hereby herein
    hers herself him himself his how however i if in indeed into is it its itself just last
    latter least less made make many may me meanwhile might mine more moreover most mostly much
    must my myself namely neither never nevertheless next no nobody none noone nor not nothing now
    nowhere of off often on once one only onto or other others otherwise our ours ourselves out
    over own per perhaps please put rather re same see seem seemed seeming seems several she should
    since so some somehow someone something sometime sometimes somewhere still such than that the
    their theirs them themselves then thence there thereafter thereby therefore therein thereupon
    these they this those though through throughout thru thus to together too toward towards under
    until up upon us very via was we well were what whatever when whence whenever where whereafter
    whereas whereby wherein whereupon wherever whether which while whither who whoever whole whom
    whose why will with within without would yet you your yours yourself yourselves said says say
    saying told tell added according also s t don didn doesn isn wasn weren won wouldn couldn ve
    ll d m o mr mrs ms get got go going went new like just year years time day week"""
)

NUMBER_WORDS = {
    w: str(k)
    for k, w in enumerate(
        ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
    )
}
"""Spelled-out numbers count as numbers (checked for agreement), not as content evidence."""

_WORD_PART = re.compile(r"\w+")
_TOKEN = re.compile(r"\w+(?:[’'-]\w+)*|…|\.{3}|[^\w\s]")
_SUFFIXES = ("ings", "ing", "ed", "es", "s", "ly")
_PLAIN = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-"})


def normalize(text: str) -> str:
    """Text folded for comparison: NFKC, curly quotes and dashes made plain, lower case."""
    return unicodedata.normalize("NFKC", text).translate(_PLAIN).lower()


def words(text: str) -> list[str]:
    """Lower-cased words, hyphenated compounds and contractions split into their parts."""
    return _WORD_PART.findall(normalize(text))


def tokens(text: str) -> list[str]:
    """Words and punctuation marks in order, case kept: the units of a word-by-word diff."""
    return _TOKEN.findall(text)


@lru_cache(maxsize=100_000)
def stem(word: str) -> str:
    """A crude suffix-stripping stem: enough to let ``strikes`` meet ``strike``."""
    if word.isdigit() or len(word) <= 4:
        return word
    if word.endswith(("ies", "ied")) and len(word) > 5:
        return word[:-3] + "y"
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            word = word[: -len(suffix)]
            break
    return word[:-1] if word.endswith("e") and len(word) > 4 else word


def content_stems(text: str, found: list[str] | None = None) -> list[str]:
    """Stems of the words that carry content (stop words dropped); ``found``: the text's
    :func:`words` when the caller has them already."""
    return [
        stem(w)
        for w in (words(text) if found is None else found)
        if w not in STOPWORDS and w not in NUMBER_WORDS and (len(w) > 1 or w.isdigit())
    ]


def numbers(text: str, found: list[str] | None = None) -> set[str]:
    """Numbers written in the text: differing numbers are the classic look-alike negative."""
    digits = set(re.findall(r"\d+(?:[.,]\d+)*", text))
    spelled = words(text) if found is None else found
    return digits | {NUMBER_WORDS[w] for w in spelled if w in NUMBER_WORDS}


def stopword_share(text: str) -> float:
    """Share of words that are English stop words: low for text in other languages."""
    found = words(text)
    return sum(w in STOPWORDS for w in found) / len(found) if found else 0.0
