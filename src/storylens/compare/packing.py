"""A compact pickled form of a prepared sentence (:class:`~storylens.compare.judge.Prepared`).

Ingest prepares every sentence of an article for the facts fold in an extraction worker and
sends it to the one story assigner (``compare.facts.FactUnit``). Pickled as it is, a sentence is
a dozen small tuples, frozensets and numpy arrays (its static embedding and word vectors), about
7 KB, and unpickling the ~17 sentences of an article cost the assigner more than a millisecond.
Here the word lists travel as one joined string each, the floats as one ``array('d')`` buffer
and the arrays as raw bytes, so unpickling is a few splits and buffer views: the same values, to
the bit. A list whose words might not survive the join (one holding the separator) travels as
it is.
"""

from __future__ import annotations

import pickle
from array import array
from collections.abc import Iterator, Sequence
from typing import Any

import numpy as np

from storylens.compare.judge import Prepared

SEP = " "
"""Joins a word list: no token, stem or figure the judge makes holds a space (they are runs
of non-space characters); :func:`pack_words` checks it anyway."""
FIELDS = ("text", "folded", "tokens", "content", "weights", "numbers", "names", "weekdays",
          "negated")  # fmt: skip
""":class:`Prepared`'s fields, in the order packed."""

Words = str | tuple[str, ...] | None


def pack_words(words: tuple[str, ...] | frozenset[str]) -> Words:
    """The words joined by :data:`SEP` (None: no words), or the tuple itself when a word holds
    the separator (the join would not split back into the same words)."""
    if not words:
        return None
    joined = SEP.join(words)
    if joined.count(SEP) != len(words) - 1:
        return tuple(words)
    return joined


def unpack_words(packed: Words) -> tuple[str, ...]:
    if packed is None:
        return ()
    if isinstance(packed, tuple):
        return packed
    return tuple(packed.split(SEP))


def pack_floats(values: tuple[float, ...]) -> bytes:
    return array("d", values).tobytes()


def unpack_floats(packed: bytes) -> tuple[float, ...]:
    values = array("d")
    values.frombytes(packed)
    return tuple(values.tolist())


def pack_array(values: np.ndarray) -> tuple[str, tuple[int, ...], bytes]:
    return values.dtype.str, values.shape, np.ascontiguousarray(values).tobytes()


def unpack_array(packed: tuple[str, tuple[int, ...], bytes]) -> np.ndarray:
    """The array (a read-only view of the pickled bytes: the judge never writes into it)."""
    dtype, shape, data = packed
    return np.frombuffer(data, dtype=dtype).reshape(shape)


def pack_prepared(prepared: Prepared) -> tuple[Any, ...]:
    """What :func:`unpack_prepared` rebuilds ``prepared`` from, with the readings computed so
    far (the embedding and word vectors packed, any other one as it is)."""
    state = dict(vars(prepared))
    text, folded, tokens, content, weights, numbers, names, weekdays, negated = (
        state.pop(name) for name in FIELDS
    )
    vector = state.pop("vector", None)
    aligned = state.pop("aligned_words", None)
    return (
        text,
        folded,
        pack_words(tokens),
        pack_words(content),
        pack_floats(weights),
        pack_words(numbers),
        pack_words(names),
        pack_words(weekdays),
        negated,
        None if vector is None else pack_array(vector),
        None if aligned is None else (
            pack_words(aligned[0]), pack_array(aligned[1]), pack_array(aligned[2])
        ),
        state or None,
    )  # fmt: skip


def unpack_prepared(packed: tuple[Any, ...]) -> Prepared:
    """The prepared sentence :func:`pack_prepared` packed, equal field for field."""
    (text, folded, tokens, content, weights, numbers, names, weekdays, negated, vector, aligned,
     rest) = packed  # fmt: skip
    prepared = object.__new__(Prepared)
    state = vars(prepared)
    state.update(
        text=text,
        folded=folded,
        tokens=unpack_words(tokens),
        content=unpack_words(content),
        weights=unpack_floats(weights),
        numbers=frozenset(unpack_words(numbers)),
        names=frozenset(unpack_words(names)),
        weekdays=frozenset(unpack_words(weekdays)),
        negated=negated,
    )
    if vector is not None:
        state["vector"] = unpack_array(vector)
    if aligned is not None:
        words, weights_array, vectors = aligned
        state["aligned_words"] = (
            unpack_words(words), unpack_array(weights_array), unpack_array(vectors)
        )  # fmt: skip
    if rest:
        state.update(rest)
    return prepared


class ShippedUnits(Sequence[Any]):
    """An article's fact units (``compare.facts.FactUnit``) that cross processes as one pickled
    blob, unpickled only where they are read: ingest's assigner receives every article's units
    from an extraction worker and passes them on to its fold process untouched (the fold
    process reads them), so it neither unpickles nor pickles them again."""

    __slots__ = ("_blob", "_units")

    def __init__(self, units: Sequence[Any] = (), blob: bytes | None = None) -> None:
        self._units: tuple[Any, ...] | None = None if blob is not None else tuple(units)
        self._blob = blob

    def _loaded(self) -> tuple[Any, ...]:
        if self._units is None:
            self._units = pickle.loads(self._blob)  # type: ignore[arg-type]
        return self._units

    @property
    def loaded(self) -> bool:
        """Whether the units were unpickled here (or made here)."""
        return self._units is not None

    def __len__(self) -> int:
        return len(self._loaded())

    def __getitem__(self, k: Any) -> Any:
        return self._loaded()[k]

    def __iter__(self) -> Iterator[Any]:
        return iter(self._loaded())

    def __eq__(self, other: object) -> bool:
        if isinstance(other, ShippedUnits):
            return self._loaded() == other._loaded()
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __reduce__(self) -> tuple[Any, ...]:
        blob = self._blob
        if blob is None:
            blob = pickle.dumps(self._units, pickle.HIGHEST_PROTOCOL)
        return (_shipped_units, (blob,))


def _shipped_units(blob: bytes) -> ShippedUnits:
    return ShippedUnits(blob=blob)
