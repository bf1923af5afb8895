"""What a stored result depends on, as fingerprints a re-run compares.

A document's rows are kept while their inputs are unchanged: its bytes (the
document id), the code and limits that read and segment it (`text`), and the
code, taxonomy and model that classify, assess and aggregate its passages
(`analysis`). A changed taxonomy or model changes only `analysis`: the stored
passages are classified again without reading the file. The code counts by
its source files, so a development checkout that edits a stage recomputes
what that stage produced; a release recomputes everything once.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass
from functools import cache
from pathlib import Path

from nlp_pipeline.corpus import DocumentMetadata
from nlp_pipeline.ingest import IngestLimits
from nlp_pipeline.records import ClassifierInfo, DocumentKind
from nlp_pipeline.taxonomy import Taxonomy

PACKAGE = Path(__file__).resolve().parents[1]
# What reading a file into passages runs through.
TEXT_CODE = ("ingest", "segment", "metadata.py", "records.py")
# What turns passages into predictions, assessments and cells.
ANALYSIS_CODE = ("classify", "assess", "aggregate", "taxonomy", "pipeline.py")


@cache
def code_fingerprint(parts: tuple[str, ...]) -> str:
    digest = hashlib.sha256()
    for part in parts:
        root = PACKAGE / part
        files = sorted(root.rglob("*.py")) if root.is_dir() else [root]
        for file in files:
            digest.update(file.relative_to(PACKAGE).as_posix().encode())
            digest.update(file.read_bytes())
    return digest.hexdigest()


def taxonomy_fingerprint(taxonomy: Taxonomy) -> str:
    canonical = json.dumps(taxonomy.model_dump(mode="json"), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _digest(*parts: object) -> str:
    return hashlib.sha256("\n".join(str(p) for p in parts).encode("utf-8")).hexdigest()[:32]


@dataclass(frozen=True)
class Versions:
    """The fingerprints of one run's settings."""

    tool: str
    text: str
    analysis: str
    taxonomy: str
    classifier: str

    @classmethod
    def of(cls, tool: str, taxonomy: Taxonomy, classifier: ClassifierInfo, limits: IngestLimits) -> Versions:
        text = _digest(tool, code_fingerprint(TEXT_CODE), limits.max_passage_chars)
        model = _digest(classifier.name, classifier.fingerprint, classifier.model_files)
        tax = taxonomy_fingerprint(taxonomy)
        return cls(tool, text, _digest(text, code_fingerprint(ANALYSIS_CODE), tax, model), tax, model)

    def text_key(self, metadata: DocumentMetadata, kind: DocumentKind | None) -> str:
        """A document's text key: the run's text version and what the manifest or --kind say of it."""
        return _digest(self.text, json.dumps(asdict(metadata), default=str, sort_keys=True), kind)


def limits_key(limits: IngestLimits, run_limits: object) -> str:
    """The limits a failure was met under: raising one retries the documents it stopped."""
    return _digest(json.dumps(asdict(limits), sort_keys=True), json.dumps(asdict(run_limits), sort_keys=True))
