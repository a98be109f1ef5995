"""py3langid's model read in memory (``storylens.languages``) is py3langid's own read."""

from __future__ import annotations

import io
import zipfile

import numpy as np
import py3langid
import pytest
from py3langid.langid import MODEL_DIR, MODEL_FILE
from py3langid.modelio import load_model

from storylens.languages import _language_model, _npz_arrays, language_identifier


def test_the_model_tables_equal_py3langids_own_read() -> None:
    ours, theirs = _language_model(), load_model(MODEL_DIR / MODEL_FILE)
    for mine, other in zip(ours, theirs, strict=True):
        if isinstance(mine, np.ndarray):
            assert mine.dtype == np.asarray(other).dtype
            assert np.array_equal(mine, other)
        else:
            assert type(mine) is type(other) and mine == other


@pytest.mark.parametrize(
    "text",
    ["The mayor opened the new bridge on Monday.", "Le maire a inauguré le pont lundi.",
     "Der Bürgermeister eröffnete am Montag die neue Brücke.", "市长周一为新桥揭幕。"],
)  # fmt: skip
def test_the_identifier_ranks_as_py3langids(text: str) -> None:
    assert language_identifier().rank(text) == py3langid.rank(text)
    assert language_identifier(norm_probs=True).classify(text)[0] == py3langid.classify(text)[0]


def test_npz_arrays_are_read_in_place_with_shape_order_and_type() -> None:
    buffer = io.BytesIO()
    wide = np.asfortranarray(np.arange(12, dtype=np.float16).reshape(3, 4))
    np.savez(buffer, wide=wide, names=np.array(["en", "fr"]), ids=np.arange(5, dtype=np.uint32))
    arrays = _npz_arrays(buffer.getvalue(), "test.npz")
    assert arrays["wide"].dtype == np.float16 and np.array_equal(arrays["wide"], wide)
    assert arrays["names"].tolist() == ["en", "fr"]
    assert arrays["ids"].tolist() == [0, 1, 2, 3, 4]


def test_a_compressed_npz_is_refused_by_name() -> None:
    buffer = io.BytesIO()
    np.savez_compressed(buffer, ids=np.arange(5))
    with pytest.raises(ValueError, match=r"ids\.npy"):
        _npz_arrays(buffer.getvalue(), "test.npz")
    assert zipfile.is_zipfile(io.BytesIO(buffer.getvalue()))


def _same_tables(ours: tuple, theirs: tuple) -> None:
    for mine, other in zip(ours, theirs, strict=True):
        if isinstance(mine, np.ndarray):
            assert mine.dtype == np.asarray(other).dtype and np.array_equal(mine, other)
        else:
            assert type(mine) is type(other) and mine == other


def test_the_model_decompressed_in_a_thread_gives_the_same_tables(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """``start_reading_language_model`` (ingest, before its workers fork): the tables come
    from the thread's bytes, the thread is waited for and forgotten once they are read."""
    from storylens import languages

    theirs = load_model(MODEL_DIR / MODEL_FILE)
    monkeypatch.setattr(languages, "_prefetch", None)
    languages._language_model.cache_clear()
    try:
        languages.start_reading_language_model()
        started = languages._prefetch
        assert started is not None
        languages.start_reading_language_model()  # a second call starts no second thread
        assert languages._prefetch is started
        _same_tables(languages._language_model(), theirs)
        assert languages._prefetch is None and not started.thread.is_alive()
        languages.start_reading_language_model()  # already read: nothing started
        assert languages._prefetch is None
    finally:  # later reads build one model and identifiers over it again
        languages._language_model.cache_clear()
        languages.language_identifier.cache_clear()


def test_a_failed_or_lost_prefetch_reads_the_model_where_it_is_needed(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A thread that failed (or is missing in a forked child) leaves no bytes: the model is
    read in place, as without the thread."""
    from storylens import languages

    def fail(self) -> None:  # type: ignore[no-untyped-def]
        self.data = None

    monkeypatch.setattr(languages._ModelPrefetch, "_read", fail)
    monkeypatch.setattr(languages, "_prefetch", None)
    languages._language_model.cache_clear()
    try:
        languages.start_reading_language_model()
        assert languages._prefetch is not None
        _same_tables(languages._language_model(), load_model(MODEL_DIR / MODEL_FILE))
    finally:  # later reads build one model and identifiers over it again
        languages._language_model.cache_clear()
        languages.language_identifier.cache_clear()
