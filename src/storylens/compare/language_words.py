"""How the comparison reads the words of a language: stop words, rarity, names, negations.

The sentence judge was built on English: its stop words and word rarities (wordfreq) are
English ones. Read that way, a German sentence's ``und``, ``dass``, ``die`` are rare content
words and every capitalised noun is a name, so two German sentences sharing only their function
words and a verb looked like reports of one fact. Here each language reads with its own stop
words (jusText's lists, about 100 languages, English's kept beside them for quoted English),
its own word frequencies (wordfreq, about 40 languages; English where it has none) and its own
negations; German nouns are told from names by ``storylens.nouns``. English (and an unknown
language) reads exactly as before.
"""

from __future__ import annotations

from functools import lru_cache

from storylens.compare.text import STOPWORDS, word_set
from storylens.languages import frequency_languages, frequent_words, justext_stop_words

ENGLISH = "en"
NEGATIONS = {
    "de": "nicht kein keine keinen keinem keiner keines nie niemals niemand nichts ohne",
    "fr": "ne n pas jamais aucun aucune personne rien sans ni",
    "es": "no nunca jamás ningún ninguno ninguna nadie nada sin ni",
    "it": "non mai nessuno nessuna niente nulla senza né",
    "pt": "não nunca jamais nenhum nenhuma ninguém nada sem nem",
    "nl": "niet geen nooit niemand niets zonder noch",
    "pl": "nie nigdy żaden żadna żadne nikt nic bez ani",
    "sv": "inte ej aldrig ingen inget inga ingenting utan",
    "da": "ikke aldrig ingen intet ingenting uden",
    "no": "ikke aldri ingen intet ingenting uten",
    "nb": "ikke aldri ingen intet ingenting uten",
    "cs": "ne nikdy žádný žádná žádné nikdo nic bez",
    "ru": "не нет никогда никто ничего без ни",
}
"""Words that negate a statement, per language (the English ones are the judge's own)."""

NUMBER_WORDS = {
    "de": "zwei drei vier fünf sechs sieben acht neun zehn elf zwölf",
    "fr": "deux trois quatre cinq six - huit neuf dix onze douze",
    "es": "dos tres cuatro cinco seis siete ocho nueve diez once doce",
    "it": "due tre quattro cinque - sette - nove dieci undici dodici",
    "pt": "dois/duas três quatro cinco seis sete oito nove dez onze doze",
    "nl": "twee drie vier vijf zes zeven acht negen tien elf twaalf",
    "pl": "dwa/dwie trzy cztery pięć sześć siedem osiem dziewięć dziesięć jedenaście dwanaście",
    "sv": "två tre fyra fem sex sju åtta nio tio elva tolv",
    "da": "to tre fire fem seks syv otte ni ti elleve tolv",
    "no": "to tre fire fem seks sju åtte ni ti elleve tolv",
    "nb": "to tre fire fem seks sju åtte ni ti elleve tolv",
}
"""Spelled-out numbers from two to twelve, per language, in order (``a/b``: two forms; ``-``:
left out). One is left out everywhere: it is also the indefinite article (``ein``, ``un``,
``uno``); so are French ``sept`` (the month's abbreviation), Italian ``sei`` (you are) and
``otto`` (a name). Read as figures, as the judge reads English ``two`` ... ``ten``."""


READ_BY_CHARACTERS = frozenset({"zh", "ja", "ko", "th"})
"""Languages the judge reads by character pairs whatever the language (``compare.text``):
their reading is the one it was built with, kept as it is."""


def reading_language(language: str | None) -> str | None:
    """The language a text's words are read in: None for English, an unknown language or one
    read by characters (the judge's own reading), else its ISO 639-1 code."""
    if not language:
        return None
    code = language.lower().split("-")[0].split("_")[0]
    return None if code == ENGLISH or code in READ_BY_CHARACTERS else code


@lru_cache(maxsize=128)
def stop_words(language: str | None) -> frozenset[str]:
    """English stop words, plus the language's own for any other language: jusText's list and
    its most frequent words (``storylens.languages.frequent_words``)."""
    if language is None:
        return STOPWORDS
    return STOPWORDS | justext_stop_words(language) | frequent_words(language)


@lru_cache(maxsize=128)
def negations(language: str | None) -> frozenset[str]:
    """The language's negating words (empty for English: the judge's own list applies)."""
    return word_set(NEGATIONS.get(language or "", ""))


@lru_cache(maxsize=128)
def number_words(language: str | None) -> dict[str, str]:
    """The language's spelled-out numbers (:data:`NUMBER_WORDS`), each with its figure."""
    found = {}
    for value, forms in enumerate(NUMBER_WORDS.get(language or "", "").split(), start=2):
        found.update((form, str(value)) for form in forms.split("/") if form != "-")
    return found


def frequency_language(language: str | None) -> str:
    """The wordfreq list a language's word rarity is read from (English when it has none)."""
    if language is not None and language in frequency_languages():
        return language
    return ENGLISH
