"""TF-IDF weights of texts over a fixed vocabulary, in plain numpy.

At prediction time the word model and the relevance gate only need the
weights of a handful of texts over the vocabulary they were trained with;
scikit-learn and scipy cost more than a second and a half to import, on
every `check`. This reproduces scikit-learn's TfidfVectorizer exactly for
the settings the word model trains with (lower-cased `\\b\\w\\w+\\b` tokens,
stop words removed before word pairs are formed, sublinear term frequency,
l2-normalised rows); a test pins the equality.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

TOKEN = re.compile(r"(?u)\b\w\w+\b")


def terms(text: str, stop_words: frozenset[str], ngrams: tuple[int, int] = (1, 2)) -> list[str]:
    tokens = [t for t in TOKEN.findall(text.lower()) if t not in stop_words]
    low, high = ngrams
    out: list[str] = list(tokens) if low == 1 else []
    for n in range(max(low, 2), high + 1):
        out.extend(" ".join(tokens[i: i + n]) for i in range(len(tokens) - n + 1))
    return out


@dataclass(frozen=True)
class TermWeights:
    """Rows of sparse weights: row i holds data[indptr[i]:indptr[i+1]] at columns indices[...]."""

    indptr: np.ndarray
    indices: np.ndarray
    data: np.ndarray
    columns: int

    @property
    def shape(self) -> tuple[int, int]:
        return (len(self.indptr) - 1, self.columns)

    def dot(self, matrix: np.ndarray) -> np.ndarray:
        """(n, v) @ (v, ...) without materialising the dense rows."""
        rows = np.repeat(np.arange(self.shape[0]), np.diff(self.indptr))
        contributions = self.data[:, None] * matrix[self.indices].reshape(len(self.indices), -1)
        out = np.zeros((self.shape[0], contributions.shape[1]))
        np.add.at(out, rows, contributions)
        return out.reshape((self.shape[0],) + matrix.shape[1:])

    def row(self, i: int) -> tuple[np.ndarray, np.ndarray]:
        """(columns, weights) of row i."""
        start, end = self.indptr[i], self.indptr[i + 1]
        return self.indices[start:end], self.data[start:end]

    def to_csr(self):
        from scipy.sparse import csr_matrix

        return csr_matrix((self.data, self.indices, self.indptr), shape=self.shape)


def term_weights(texts: Sequence[str], index: dict[str, int], idf: np.ndarray, stop_words: frozenset[str]
                 ) -> TermWeights:
    indptr, indices, data = [0], [], []
    for text in texts:
        counts = Counter(t for t in terms(text, stop_words) if t in index)
        columns = sorted(index[t] for t in counts)
        reverse = {index[t]: c for t, c in counts.items()}
        weights = np.array([(1.0 + math.log(reverse[col])) * idf[col] for col in columns])
        norm = float(np.sqrt(np.sum(weights ** 2))) if len(weights) else 0.0
        if norm > 0:
            weights = weights / norm
        indices.extend(columns)
        data.extend(weights.tolist())
        indptr.append(len(indices))
    return TermWeights(np.asarray(indptr, dtype=np.int64), np.asarray(indices, dtype=np.int64),
                       np.asarray(data, dtype=np.float64), len(idf))
