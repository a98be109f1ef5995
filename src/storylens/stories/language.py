"""The language of an article and the stop words to drop for it.

Stop words are what every text of a language shares and no event owns: they must go before
TF-IDF, in the article's own language. The language is the one extraction found
(``Article.language``), else py3langid's guess from the text (its model ships inside the
package). Stop-word lists are jusText's (100 languages, inside the package); English keeps the
list the engine was tuned with. A language without a list keeps all its words: IDF still
weighs its common ones down.
"""

from __future__ import annotations

from functools import lru_cache

from storylens.languages import ISO_TO_JUSTEXT, justext_stop_words
from storylens.stories.stopwords import ENGLISH_STOP_WORDS

DETECT_CHARS = 600
"""Enough text for a confident guess (the same guesses as 2,000 chars on the dev set, at a
third of the time); more only costs time."""
MIN_CONFIDENCE = 0.5
"""Below this probability the guess is not trusted and the text is read as English."""
WEB_NOISE = frozenset(
    {"http", "https", "www", "com", "html", "htm", "php", "org", "net", "co", "uk"}
)
ENGLISH_EXTRA = frozenset({"said", "says", "told", "just"})



def language_of(declared: str | None, text: str) -> str | None:
    """The primary language subtag declared for the article, else the one py3langid finds."""
    if declared and declared.strip():
        return declared.strip().lower().replace("_", "-").split("-", 1)[0] or None
    sample = text[:DETECT_CHARS]
    if not any(ch.isalpha() for ch in sample):
        return None
    code, probability = _identifier().classify(sample)
    return str(code) if code and probability >= MIN_CONFIDENCE else None


@lru_cache(maxsize=1)
def _identifier():  # type: ignore[no-untyped-def]
    """py3langid's model (inside the package), loaded once, with normalised probabilities."""
    from storylens.languages import language_identifier

    return language_identifier(norm_probs=True)


@lru_cache(maxsize=128)
def stop_words(language: str | None) -> frozenset[str]:
    """Lower-cased stop words of ``language`` (English when unknown: the common case)."""
    if language in (None, "en"):
        return frozenset(ENGLISH_STOP_WORDS) | WEB_NOISE | ENGLISH_EXTRA
    return justext_stop_words(language) | WEB_NOISE


def has_stop_words(language: str | None) -> bool:
    return language in (None, "en") or language in ISO_TO_JUSTEXT
