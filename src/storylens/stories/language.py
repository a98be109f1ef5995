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

JUSTEXT_NAMES: dict[str, str] = {
    "af": "Afrikaans", "sq": "Albanian", "ar": "Arabic", "an": "Aragonese", "hy": "Armenian",
    "ast": "Asturian", "az": "Azerbaijani", "eu": "Basque", "be": "Belarusian", "bn": "Bengali",
    "bs": "Bosnian", "br": "Breton", "bg": "Bulgarian", "ca": "Catalan", "ceb": "Cebuano",
    "cv": "Chuvash", "hr": "Croatian", "cs": "Czech", "da": "Danish", "nl": "Dutch",
    "en": "English", "eo": "Esperanto", "et": "Estonian", "fi": "Finnish", "fr": "French",
    "gl": "Galician", "ka": "Georgian", "de": "German", "el": "Greek", "gu": "Gujarati",
    "ht": "Haitian", "he": "Hebrew", "hi": "Hindi", "hu": "Hungarian", "is": "Icelandic",
    "io": "Ido", "ig": "Igbo", "id": "Indonesian", "ga": "Irish", "it": "Italian",
    "jv": "Javanese", "kn": "Kannada", "kk": "Kazakh", "ko": "Korean", "ku": "Kurdish",
    "ky": "Kyrgyz", "la": "Latin", "lv": "Latvian", "lt": "Lithuanian", "lmo": "Lombard",
    "nds": "Low_Saxon", "lb": "Luxembourgish", "mk": "Macedonian", "ms": "Malay",
    "ml": "Malayalam", "mt": "Maltese", "mr": "Marathi", "nap": "Neapolitan", "ne": "Nepali",
    "new": "Newar", "nb": "Norwegian_Bokmal", "no": "Norwegian_Bokmal",
    "nn": "Norwegian_Nynorsk", "oc": "Occitan", "fa": "Persian", "pms": "Piedmontese",
    "pl": "Polish", "pt": "Portuguese", "qu": "Quechua", "ro": "Romanian", "ru": "Russian",
    "sr": "Serbian", "sh": "Serbo_Croatian", "scn": "Sicilian", "sk": "Slovak",
    "sl": "Slovenian", "es": "Spanish", "su": "Sundanese", "sw": "Swahili", "sv": "Swedish",
    "tl": "Tagalog", "ta": "Tamil", "te": "Telugu", "tr": "Turkish", "tk": "Turkmen",
    "uk": "Ukrainian", "ur": "Urdu", "uz": "Uzbek", "vi": "Vietnamese", "vo": "Volapuk",
    "wa": "Walloon", "war": "Waray_Waray", "cy": "Welsh", "fy": "West_Frisian",
    "pnb": "Western_Panjabi", "yo": "Yoruba",
}  # fmt: skip
"""ISO 639 codes (as py3langid and ``<html lang>`` give them) to jusText's list names."""


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
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


@lru_cache(maxsize=128)
def stop_words(language: str | None) -> frozenset[str]:
    """Lower-cased stop words of ``language`` (English when unknown: the common case)."""
    if language in (None, "en"):
        return frozenset(ENGLISH_STOP_WORDS) | WEB_NOISE | ENGLISH_EXTRA
    name = JUSTEXT_NAMES.get(language)
    if name is None:
        return WEB_NOISE
    import justext

    return frozenset(w.lower() for w in justext.get_stoplist(name)) | WEB_NOISE


def has_stop_words(language: str | None) -> bool:
    return language in (None, "en") or language in JUSTEXT_NAMES
