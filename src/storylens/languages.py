"""Stop words for any language, and the language identifier, shared by every stage that must
not assume English.

jusText ships stoplists for about 100 languages (offline, inside the package); py3langid and
``<html lang>`` name languages by ISO 639 code. This maps one to the other. py3langid's model
(inside its package) is read once per process for every stage that identifies languages.
"""

from __future__ import annotations

import threading
from functools import lru_cache
from pathlib import Path

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


FREQUENT_WORDS = 150
"""A language's most frequent words (wordfreq) that are stop words too: jusText's lists are
drawn from encyclopedia text and lack the words of reported speech (German ``wir``, ``habe``,
``sagt``, ``jetzt``), which news shares across any two stories."""
OWN_TOKENIZER = frozenset({"ja", "ko", "zh"})
"""wordfreq reads these only through MeCab or jieba (not installed)."""


@lru_cache(maxsize=1)
def frequency_languages() -> frozenset[str]:
    """Languages wordfreq gives word frequencies for here (less :data:`OWN_TOKENIZER`)."""
    from wordfreq import available_languages

    return frozenset(available_languages()) - OWN_TOKENIZER


@lru_cache(maxsize=128)
def frequent_words(language: str | None) -> frozenset[str]:
    """The language's :data:`FREQUENT_WORDS` most frequent words (no figures); none when
    wordfreq has no list for it (:func:`frequency_languages`)."""
    from wordfreq import top_n_list

    if language not in frequency_languages():
        return frozenset()
    return frozenset(w for w in top_n_list(language, FREQUENT_WORDS) if w.isalpha())


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


class _ModelPrefetch:
    """py3langid's model file read and decompressed in a thread of its own."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.data: bytes | None = None
        self.thread = threading.Thread(target=self._read, name="storylens-langid", daemon=True)
        self.thread.start()

    def _read(self) -> None:
        import lzma

        try:
            self.data = lzma.decompress(self.path.read_bytes())
        except Exception:  # read again where it is needed, which reports what is wrong
            self.data = None


_prefetch: _ModelPrefetch | None = None


def start_reading_language_model() -> None:
    """Start decompressing py3langid's model in a background thread, for a caller about to
    load other things before it identifies a language (``storylens ingest`` before its
    workers fork): LZMA releases the GIL, so its ~0.5 s of CPU runs beside the caller's on a
    second core instead of before it. :func:`language_identifier` waits for the thread;
    call that before forking (the workers need it anyway). Does nothing once read."""
    global _prefetch
    if _prefetch is not None or _language_model.cache_info().currsize:
        return
    from py3langid.langid import MODEL_DIR, MODEL_FILE

    _prefetch = _ModelPrefetch(MODEL_DIR / MODEL_FILE)


def _prefetched_model(path: Path) -> bytes | None:
    """The decompressed model from :func:`start_reading_language_model`'s thread (waited
    for), or None when none was started for this file, it failed, or this process was forked
    while it ran (the thread is not in the child)."""
    global _prefetch
    prefetch, _prefetch = _prefetch, None
    if prefetch is None or prefetch.path != path:
        return None
    prefetch.thread.join()
    return prefetch.data


@lru_cache(maxsize=1)
def _language_model() -> tuple:
    """The tables of py3langid's shipped model, as ``LanguageIdentifier.from_model_file`` reads
    them (identifiers only read them, so one copy serves several). Read as py3langid's
    ``load_model`` does, except that the LZMA stream is decompressed in memory and the arrays
    are read from it in place: ``load_model`` first writes the ~68 MB it decompresses to a
    temporary file, which cost ~0.7 s of system CPU per ingest."""
    import lzma

    import numpy as np
    from py3langid.langid import MODEL_DIR, MODEL_FILE
    from py3langid.modelio import _to_array

    path = MODEL_DIR / MODEL_FILE
    try:
        data = _prefetched_model(path)
        arrays = _npz_arrays(lzma.decompress(path.read_bytes()) if data is None else data, path)
    except ValueError:  # a layout read here does not know: py3langid reads it (and says why)
        from py3langid.modelio import load_model

        ptc, pc, classes, nextmove, row, output = load_model(path)
        return np.asarray(ptc), np.asarray(pc), classes, nextmove, row, output
    missing = {"nextmove_row", "out_feat"}.difference(arrays)
    if missing:
        raise ValueError(f"{path}: unsupported model layout, missing {sorted(missing)}")
    return (
        np.array(arrays["ptc"]), np.array(arrays["pc"]), arrays["classes"].tolist(),
        _to_array(arrays["nextmove"]), _to_array(arrays["nextmove_row"]),
        arrays["out_feat"].tolist(),
    )  # fmt: skip


def _npz_arrays(data: bytes, origin: object) -> dict:
    """The arrays of an uncompressed ``.npz`` held in memory, as views of ``data`` (no copy):
    ``np.load`` on a file-like object copies each array out of it."""
    import io
    import zipfile

    arrays = {}
    view = memoryview(data)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for info in archive.infolist():
            if info.compress_type != zipfile.ZIP_STORED or not info.filename.endswith(".npy"):
                raise ValueError(f"{origin}: {info.filename} is not a stored .npy array")
            arrays[info.filename[:-4]] = _npy_view(view, _member_offset(data, info), origin)
    return arrays


def _member_offset(data: bytes, info: object) -> int:
    """Where a stored zip member's bytes start: after its local header, whose name and extra
    field lengths may differ from the central directory's."""
    import struct

    start = info.header_offset  # type: ignore[attr-defined]
    name_length, extra_length = struct.unpack_from("<HH", data, start + 26)
    return start + 30 + name_length + extra_length


def _npy_view(view: memoryview, offset: int, origin: object):  # type: ignore[no-untyped-def]
    """One ``.npy`` array starting at ``offset``, as a read-only view of ``view``."""
    import io

    import numpy as np
    from numpy.lib import format as npy

    header = io.BytesIO(view[offset : offset + 65536 + 16])
    version = npy.read_magic(header)
    read_header = npy.read_array_header_1_0 if version == (1, 0) else npy.read_array_header_2_0
    shape, fortran, dtype = read_header(header)
    if dtype.hasobject:
        raise ValueError(f"{origin}: an array of Python objects is not read")
    count = int(np.prod(shape, dtype=np.int64))
    array = np.frombuffer(view, dtype=dtype, count=count, offset=offset + header.tell())
    return array.reshape(shape, order="F" if fortran else "C")
