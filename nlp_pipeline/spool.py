"""A run's passages on disk, one document at a time, for the writers that need them after the analysis.

A corpus run keeps each document's summary in memory and appends its
AnalysedPassages here; a writer reads one document's passages back when it
gets to it. The records go through pickle unchanged, so what is read back is
exactly what the analysis produced. The file is the run's own scratch space
and is deleted with it.
"""

from __future__ import annotations

import pickle
from pathlib import Path

from nlp_pipeline.records import AnalysedPassage


class PassageSpool:
    def __init__(self, path: str | Path):
        self.path = Path(path)
        self._stream = open(self.path, "w+b")  # noqa: SIM115 - open for the run's lifetime, closed by close()
        self._index: dict[str, tuple[int, int]] = {}

    def add(self, doc_id: str, passages: tuple[AnalysedPassage, ...]) -> None:
        data = pickle.dumps(passages, protocol=pickle.HIGHEST_PROTOCOL)
        self._stream.seek(0, 2)
        self._index[doc_id] = (self._stream.tell(), len(data))
        self._stream.write(data)

    def passages(self, doc_id: str) -> tuple[AnalysedPassage, ...]:
        offset, size = self._index[doc_id]
        self._stream.flush()
        self._stream.seek(offset)
        return pickle.loads(self._stream.read(size))  # noqa: S301 - written by this run, read by it alone

    def close(self) -> None:
        if not self._stream.closed:
            self._stream.close()
        self.path.unlink(missing_ok=True)
