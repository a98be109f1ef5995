"""Word-level helpers shared by the comparison modules: tokens, stems, stop words.

The stop-word list doubles as a general word-frequency prior: these are the most frequent words of
English news, which carry no evidence that two sentences state the same fact. It matters most when
a comparison has too few sentences to estimate word rarity from the articles themselves.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from storylens.writing import CHINESE_JAPANESE, HANGUL, ITERATION_MARK, THAI


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

UNSPACED = THAI + ITERATION_MARK + CHINESE_JAPANESE + HANGUL
"""Scripts written without spaces between words (or, in Korean, with particles glued to the
word): a regex character class. Their runs are compared by overlapping character pairs."""
UNSPACED_RUN = re.compile(f"[{UNSPACED}]+")
_WORD_PART = re.compile(rf"[{UNSPACED}]+|[^\W{UNSPACED}]+")
_ASCII_WORD = re.compile(r"\w+")
"""What :data:`_WORD_PART` finds in ASCII text (no character of :data:`UNSPACED` there, and
:func:`split_unspaced` then leaves the words as they are)."""
_TOKEN = re.compile(r"\w+(?:[’'-]\w+)*|…|\.{3}|[^\w\s]")
_SUFFIXES = ("ings", "ing", "ed", "es", "s", "ly")
_PLAIN = (("’", "'"), ("‘", "'"), ("“", '"'), ("”", '"'), ("–", "-"), ("—", "-"))
"""Curly quotes and dashes with their plain forms (no plain form is replaced again)."""


def normalize(text: str) -> str:
    """Text folded for comparison: NFKC, curly quotes and dashes made plain, lower case.
    One ``str.replace`` per mark: ~100x faster than ``str.translate`` with a table of
    non-ASCII marks (~0.3 ms an 800-word article; every sentence is folded)."""
    text = unicodedata.normalize("NFKC", text)
    for mark, plain in _PLAIN:
        text = text.replace(mark, plain)
    return text.lower()


def words(text: str) -> list[str]:
    """Lower-cased words, hyphenated compounds and contractions split into their parts; a run
    of a script without spaces gives its character pairs (:func:`char_bigrams`)."""
    folded = normalize(text)
    if folded.isascii():  # no script without spaces here: _ASCII_WORD, ~2x faster
        return _ASCII_WORD.findall(folded)
    found = _WORD_PART.findall(folded)
    return split_unspaced(found) if UNSPACED_RUN.search(text) else found


def char_bigrams(run: str) -> list[str]:
    """Overlapping character pairs of a run of Chinese, Japanese, Korean or Thai (the run itself
    when it is one character): with no spaces to find words by, two sentences saying the same
    thing share most of their pairs, and unrelated ones few (the standard fallback of search
    engines for these scripts)."""
    return [run] if len(run) < 2 else [run[k : k + 2] for k in range(len(run) - 1)]


def split_unspaced(tokens: list[str]) -> list[str]:
    """``tokens`` with every run of a script without spaces replaced by its character pairs."""
    if not any(UNSPACED_RUN.match(t) for t in tokens):
        return tokens
    out: list[str] = []
    for tok in tokens:
        if UNSPACED_RUN.match(tok):
            out.extend(char_bigrams(tok))
        else:
            out.append(tok)
    return out


def is_unspaced(token: str) -> bool:
    """Whether a token (a character pair) is of a script written without spaces."""
    return UNSPACED_RUN.match(token) is not None


UNKNOWN_CHAR_ZIPF = 2.0
"""Zipf frequency given to a character none of the word lists has (a rare one)."""


def unspaced_weight(pair: str) -> float:
    """Rarity of a character pair, like :func:`storylens.compare.judge.word_weight` for words:
    8 minus the mean Zipf frequency of its characters as words of Chinese, Japanese or Korean
    (the highest of the three), so pairs holding a particle or a function character
    (的, の, 에) weigh little and pairs of rare characters much."""
    table = _char_zipf()
    zipfs = [table.get(ch, UNKNOWN_CHAR_ZIPF) for ch in pair]
    return max(0.5, 8.0 - sum(zipfs) / len(zipfs))


@lru_cache(maxsize=1)
def _char_zipf() -> dict[str, float]:
    """Zipf frequency of each single character in ``wordfreq``'s Chinese, Japanese and Korean
    word lists (shipped with the package: no download); read on the first such text only."""
    import math

    from wordfreq import get_frequency_dict

    table: dict[str, float] = {}
    for lang in ("zh", "ja", "ko"):
        for word, freq in get_frequency_dict(lang).items():
            if len(word) == 1 and freq > 0:
                zipf = math.log10(freq) + 9.0
                table[word] = max(table.get(word, 0.0), zipf)
    return table

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


@lru_cache(maxsize=100_000)
def word_stems(word: str) -> tuple[str, ...]:
    """:func:`content_stems` of one whitespace-separated word, cached: the only-in check asks
    it of every word of every aligned sentence, and a story repeats its words."""
    return tuple(content_stems(word))


_FIGURE = re.compile(r"\d+(?:[.,]\d+)*")


def numbers(text: str, found: list[str] | None = None) -> set[str]:
    """Numbers written in the text: differing numbers are the classic look-alike negative."""
    digits = set(_FIGURE.findall(text))
    spelled = words(text) if found is None else found
    return digits | {NUMBER_WORDS[w] for w in spelled if w in NUMBER_WORDS}


def stopword_share(text: str) -> float:
    """Share of words that are English stop words: low for text in other languages."""
    found = words(text)
    return sum(map(STOPWORDS.__contains__, found)) / len(found) if found else 0.0
