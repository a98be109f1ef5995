"""Common nouns of languages that capitalise every noun, told from names by word frequencies.

In German every noun is capitalised, so a capitalised word is no sign of a name (``Erdbeben``,
``Stärke``). Frequencies of the lower-cased word alone cannot tell them apart either
(``erdbeben`` and ``müller`` are both about zipf 4 to 5 in German), but where they are written
can: a name is written in every language's press (``Müller`` 3.4 in French, ``Merkel`` 3.9 in
Italian), a German noun almost only in German (``Erdbeben`` 0 elsewhere). An unknown long word
that ends in such a noun is a compound of it (``Lokführergewerkschaft``). Used by the story
features (``@`` names) and by quote speakers (``storylens.compare.quote_attribution``).
"""

from __future__ import annotations

import re
from functools import lru_cache

CAPITALISED_NOUN_LANGUAGES = frozenset({"de"})
"""Languages (ISO 639-1) that capitalise every noun and that wordfreq knows."""
WIDE_LANGUAGES = ("en", "de", "fr", "es", "it", "pt", "nl", "pl")
"""The other languages a name is expected to be written in."""
NAME_SPREAD = 2
"""For story names (``story_noun``), a word's frequency elsewhere is the mean over its two most
frequent other languages: a word German shares with one neighbour only (German and Dutch
``Kosten``, ``Achten``) is still a German word, a name is written in several. Quote speakers
keep ``common_noun``, the most frequent other language."""
NOUN_ZIPF = 3.0
NOUN_MARGIN = 2.0
"""A German word (or its stem without a plural or case ending) this frequent in German and
NOUN_MARGIN rarer in every other wide language is a common noun (``Spuren``, ``Millionen``),
not a first name (``Ursula``, ``Jürgen``, ``Otto`` are written across languages)."""
ACROSS_SPREAD = 3
ACROSS_MARGIN = 1.0
"""A word less than ACROSS_MARGIN more frequent in the language than on average in its
ACROSS_SPREAD most frequent other languages is written across languages (see
``written_across_languages``)."""
NOUN_ENDINGS = ("ern", "en", "er", "es", "e", "n", "s")
COMPOUND_TAIL_CHARS = 5
COMPOUND_HEAD_CHARS = 3
"""A word rarer than NOUN_ZIPF is a compound noun when it ends in a common noun of at least
COMPOUND_TAIL_CHARS letters after at least COMPOUND_HEAD_CHARS (``Notfahrplan``,
``Lehmziegeln``); shorter tails (``-mann``, ``-burg``) end surnames and towns too."""


def capitalises_nouns(language: str | None) -> bool:
    return language in CAPITALISED_NOUN_LANGUAGES


def frequency_elsewhere(word: str, language: str, spread: int = 1) -> float:
    """How frequent ``word`` is outside ``language``: the mean Zipf frequency of its ``spread``
    most frequent other languages of WIDE_LANGUAGES (1: the most frequent one). A word of one
    language is far more frequent there than this; a name is about as frequent."""
    from wordfreq import zipf_frequency

    others = sorted((zipf_frequency(word, o) for o in WIDE_LANGUAGES if o != language),
                    reverse=True)  # fmt: skip
    return sum(others[:spread]) / spread


@lru_cache(maxsize=65_536)
def common_noun(word: str, language: str) -> bool:
    """A common noun of a language that capitalises nouns, as written or without a plural or
    case ending (``Spuren``, ``Tieren`` -> ``Tier``): see NOUN_ZIPF. ``word`` is lower-case."""
    from wordfreq import zipf_frequency

    forms = [word] + [word[: -len(e)] for e in NOUN_ENDINGS if word.endswith(e) and
                      len(word) - len(e) >= 3]  # fmt: skip
    for form in forms:
        here = zipf_frequency(form, language)
        if here < NOUN_ZIPF:
            continue
        if here - frequency_elsewhere(form, language) >= NOUN_MARGIN:
            return True
    return False


@lru_cache(maxsize=65_536)
def _local_word(word: str, language: str) -> bool | None:
    """True when ``word`` is a word of the language only (NOUN_ZIPF frequent there, NOUN_MARGIN
    rarer in its NAME_SPREAD most frequent other languages on average), False when it is as
    frequent but written across languages (a name), None when it is too rare to say."""
    from wordfreq import zipf_frequency

    here = zipf_frequency(word, language)
    if here < NOUN_ZIPF:
        return None
    return here - frequency_elsewhere(word, language, NAME_SPREAD) >= NOUN_MARGIN


@lru_cache(maxsize=65_536)
def story_noun(word: str, language: str) -> bool:
    """A common noun for the story features' names: judged as written when the word is
    frequent (``_local_word``); only a rare word is judged by its stem (``Erdrutsche`` ->
    ``Erdrutsch``) or by the noun it ends in (``Lehmziegeln``), so a name written across
    languages keeps its stem's meaning out (``Müller`` is no ``Müll``, ``Fischer`` no
    ``Fisch``)."""
    known = _local_word(word, language)
    if known is not None:
        return known
    stems = [word[: -len(e)] for e in NOUN_ENDINGS if word.endswith(e) and len(word) - len(e) >= 3]
    return any(_local_word(s, language) for s in stems) or _compound_noun(word, language)


@lru_cache(maxsize=65_536)
def written_across_languages(word: str, language: str) -> bool:
    """A capitalised word about as frequent in its ACROSS_SPREAD most frequent other languages
    as in ``language`` (``Ukraine``, ``Nato``, ``Mac``): a name even where the text gives it
    an article (``die Ukraine``). A German noun that only looks like a word of one other
    language (``Beben``, Spanish "they drink"; ``Nacht``, Dutch) is not."""
    from wordfreq import zipf_frequency

    lowered = word.lower()
    here = zipf_frequency(lowered, language)
    return here - frequency_elsewhere(lowered, language, ACROSS_SPREAD) < ACROSS_MARGIN


@lru_cache(maxsize=65_536)
def noun_not_name(word: str, language: str) -> bool:
    """A capitalised word (as written) that is a common noun, or a compound or hyphenated run
    of common nouns (``Stunden-Woche``), in a language that capitalises nouns. Acronyms
    (``GDL``) and hyphenated words with a name in them (``Colca-Tal``) are names."""
    if not capitalises_nouns(language) or word.isupper():
        return False
    parts = [p for p in word.lower().split("-") if p]
    return bool(parts) and all(story_noun(p, language) for p in parts)


def _compound_noun(word: str, language: str) -> bool:
    """An unknown word ending in a common noun: see COMPOUND_TAIL_CHARS."""
    from wordfreq import zipf_frequency

    if len(word) < COMPOUND_HEAD_CHARS + COMPOUND_TAIL_CHARS:
        return False
    if zipf_frequency(word, language) >= NOUN_ZIPF:
        return False
    last_head = len(word) - COMPOUND_TAIL_CHARS
    return any(
        _local_word(word[i:], language) for i in range(COMPOUND_HEAD_CHARS, last_head + 1)
    )


DETERMINERS: dict[str, frozenset[str]] = {
    "de": frozenset({
        "der", "die", "das", "den", "dem", "des", "ein", "eine", "einen", "einem", "einer",
        "eines", "im", "am", "vom", "zum", "zur", "beim", "ins", "kein", "keine", "keinen",
        "keinem", "keiner", "dieser", "diese", "dieses", "diesem", "diesen", "jeder", "jede",
        "jedes", "jedem", "jeden", "sein", "seine", "seinen", "seinem", "seiner", "ihr", "ihre",
        "ihren", "ihrem", "ihrer", "unser", "unsere", "unseren", "alle", "allen", "mehrere",
        "mehreren", "viele", "vielen", "einige", "einigen",
    })
}  # fmt: skip
"""Words that open a noun phrase: a capitalised word right after them is a common noun (``nach
dem Beben``), or a name that takes an article (``die Türkei``), which frequencies already count
as German words. Not after adjectives: ``das vereinbarten Scholz und Tusk`` reads as one."""
PRONOUNS: dict[str, frozenset[str]] = {
    "de": frozenset({
        "sie", "ihr", "ihre", "ihren", "ihrem", "ihrer", "ihnen", "ich", "wir", "du", "er", "es",
        "man",
    })
}  # fmt: skip
"""Pronouns written capitalised mid-sentence (the polite ``Sie``, ``Ihre``): never in a name."""

ADJECTIVE_IN_NAME = {
    "de": re.compile(r"(?:(?:sch|lich|ig|t)(?:e|en|er|es|em)|er)$", re.IGNORECASE)
}
"""An adjective's ending: capitalised inside a sentence only in a name (``Deutschen Bahn``,
``Vereinigten Staaten``, ``Magdeburger Hafen``), so it may open a name of nouns."""


@lru_cache(maxsize=8)
def _determined(language: str) -> re.Pattern[str] | None:
    words = DETERMINERS.get(language)
    if not words:
        return None
    alternatives = "|".join(sorted(words, key=len, reverse=True))
    return re.compile(
        rf"(?<![\w-])(?i:{alternatives})\s+([A-ZÄÖÜ][\w'’-]*\w)(?![\w-])"
    )


def determined_nouns(text: str, language: str | None) -> frozenset[str]:
    """Capitalised words the text writes after a determiner (``dem Beben``), as written."""
    pattern = _determined(language or "")
    if pattern is None:
        return frozenset()
    return frozenset(m.group(1) for m in pattern.finditer(text) if not m.group(1).isupper())


def function_word(word: str, language: str | None) -> bool:
    """A determiner or pronoun of ``language`` (any case): it opens a noun phrase or stands
    for one, so a run holding it is no name of nouns alone (``Ihre Hände``)."""
    lowered = word.lower()
    code = language or ""
    return lowered in DETERMINERS.get(code, ()) or lowered in PRONOUNS.get(code, ())


def adjective_in_name(word: str, language: str | None) -> bool:
    pattern = ADJECTIVE_IN_NAME.get(language or "")
    return bool(pattern and pattern.search(word))
