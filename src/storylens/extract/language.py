"""The language of a page and its function words, for features that must not assume English.

py3langid (model inside the package, offline) names the language; jusText's stoplists (about
100 languages, shipped with jusText) give its function words. Prose is dense in function words
in every language that has them, menus and headings are not: that is what the line model uses.
"""

from __future__ import annotations

from functools import lru_cache

SAMPLE_CHARS = 300
"""Characters of the page's longest lines given to the identifier: enough for a stable answer,
little enough to cost well under a millisecond."""
MIN_SAMPLE_CHARS = 20

ISO_TO_JUSTEXT = {
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
    "new": "Newar", "no": "Norwegian_Bokmal", "nb": "Norwegian_Bokmal",
    "nn": "Norwegian_Nynorsk", "oc": "Occitan", "fa": "Persian", "pms": "Piedmontese",
    "pl": "Polish", "pt": "Portuguese", "qu": "Quechua", "ro": "Romanian", "ru": "Russian",
    "sr": "Serbian", "sh": "Serbo_Croatian", "scn": "Sicilian", "sk": "Slovak",
    "sl": "Slovenian", "es": "Spanish", "su": "Sundanese", "sw": "Swahili", "sv": "Swedish",
    "tl": "Tagalog", "ta": "Tamil", "te": "Telugu", "tr": "Turkish", "tk": "Turkmen",
    "uk": "Ukrainian", "ur": "Urdu", "uz": "Uzbek", "vi": "Vietnamese", "vo": "Volapuk",
    "wa": "Walloon", "war": "Waray_Waray", "cy": "Welsh", "fy": "West_Frisian",
    "pnb": "Western_Panjabi", "yo": "Yoruba",
}  # fmt: skip
"""ISO 639 codes (as py3langid returns them) to the names of jusText's stoplists."""


def language_sample(lines: list[str]) -> str:
    """The longest lines of a page, up to :data:`SAMPLE_CHARS`: prose, not menu words."""
    picked: list[str] = []
    size = 0
    for line in sorted(lines, key=len, reverse=True):
        picked.append(line)
        size += len(line)
        if size >= SAMPLE_CHARS:
            break
    return " ".join(picked)[:SAMPLE_CHARS]


def detect_language(text: str) -> str | None:
    """ISO 639 code of ``text``'s language, or ``None`` when there is too little text to tell."""
    if len(text.strip()) < MIN_SAMPLE_CHARS:
        return None
    import py3langid

    code, _score = py3langid.classify(text)
    return None if code == "zxx" else code


@lru_cache(maxsize=128)
def stop_words(language: str | None) -> frozenset[str]:
    """jusText's lower-cased stop words for ``language``; empty when it has no list."""
    name = ISO_TO_JUSTEXT.get(language or "")
    if name is None:
        return frozenset()
    import justext

    return frozenset(word.lower() for word in justext.get_stoplist(name))
