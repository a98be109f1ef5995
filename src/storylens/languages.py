"""Stop words for any language, and the language identifier, shared by every stage that must
not assume English.

jusText ships stoplists for about 100 languages (offline, inside the package); py3langid and
``<html lang>`` name languages by ISO 639 code. This maps one to the other. py3langid's model
(inside its package) is read once per process for every stage that identifies languages.
"""

from __future__ import annotations

from functools import lru_cache

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
"""ISO 639 codes (as py3langid and ``<html lang>`` give them) to jusText's stoplist names."""


@lru_cache(maxsize=128)
def justext_stop_words(language: str | None) -> frozenset[str]:
    """jusText's lower-cased stop words for ``language``; empty when it has no list."""
    name = ISO_TO_JUSTEXT.get(language or "")
    if name is None:
        return frozenset()
    import justext

    return frozenset(word.lower() for word in justext.get_stoplist(name))


@lru_cache(maxsize=2)
def language_identifier(norm_probs: bool = False):  # type: ignore[no-untyped-def]
    """py3langid's identifier for its shipped model, as ``py3langid.classify`` uses it
    (``norm_probs=False``: raw scores) or with probabilities (``True``). Both share one read of
    the model: reading it (LZMA, ~30 MB of tables) costs ~1.4 s of CPU, and extraction, the
    story engine and the comparison each used to read their own copy, so every ingest worker
    read it again after the fork."""
    from py3langid.langid import LanguageIdentifier

    ptc, pc, classes, nextmove, row, output = _language_model()
    return LanguageIdentifier(
        ptc, pc, list(classes), nextmove, output, norm_probs=norm_probs, tk_row=row
    )


@lru_cache(maxsize=1)
def _language_model() -> tuple:
    """The tables of py3langid's shipped model, as ``LanguageIdentifier.from_model_file`` reads
    them (identifiers only read them, so one copy serves several)."""
    import numpy as np
    from py3langid.langid import MODEL_DIR, MODEL_FILE
    from py3langid.modelio import load_model

    ptc, pc, classes, nextmove, row, output = load_model(MODEL_DIR / MODEL_FILE)
    return np.asarray(ptc), np.asarray(pc), classes, nextmove, row, output
