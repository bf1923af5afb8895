"""The project's own labelled passages, and how their text is found again.

Labels live in `corpora/labelled/*.jsonl`, one passage per line:

    {"id": "csddd-a27-1",
     "doc_kind": "legislation" | "report" | "initiative",
     "source": {"file": "eu_law/csddd_articles_recitals.json",   # relative to ../shared/corpora
                "json_path": ["articles", 26, "text"],            # JSON files only
                "page": 12,                                       # PDF files only, 1-based
                "extract": "html_text",                           # HTML: offsets into the extracted text
                "start": 0, "end": 512},                          # offsets into that text
     "text": "...",          # kept only for EU law; rebuilt from ../shared otherwise
     "sha1": "0a1b2c3d4e5f", # first 12 hex of sha1(normalised text), checks the rebuild
     "section": "Article 27 > 1", "heading": "Penalties",  # heading: title the section leaves out
     "role": "article" | "recital" | "",
     "block_kind": "paragraph" | "list_item" | "table" | "footnote" | "",   # optional
     "categories": ["HR.GAP.SANCTIONS"], "strength": 4, "note": "why, briefly",
     "selection": "random" | "sought" | "hard_negative"}                   # optional

How a reference is followed for each format is in `nlp_pipeline/labelled/sources.py`.

Third-party documents are copyrighted, so for them the repository holds only
the reference; the text is read from ../shared/corpora at load time and the
passage is reported as unresolved when that folder is absent.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from nlp_pipeline.classify.context import split_section
from nlp_pipeline.errors import LabelError
from nlp_pipeline.labelled.jsonl import jsonl_files, numbered_records
from nlp_pipeline.labelled.sources import SourceError, resolve_source, source_text
from nlp_pipeline.records import BlockKind, DocumentKind, Passage

__all__ = [
    "DEFAULT_LABELLED", "DEFAULT_SHARED_CORPORA", "LabelError", "LabelledPassage", "LabelledSet",
    "load_labelled", "normalise", "resolve_source", "source_text", "text_hash",
]

PROJECT_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_LABELLED = PROJECT_ROOT / "corpora" / "labelled"
DEFAULT_SHARED_CORPORA = PROJECT_ROOT.parent / "shared" / "corpora"




def normalise(text: str) -> str:
    return " ".join(text.split())


def text_hash(text: str) -> str:
    return hashlib.sha1(normalise(text).encode("utf-8")).hexdigest()[:12]


@dataclass(frozen=True)
class LabelledPassage:
    id: str
    text: str
    categories: tuple[str, ...]
    strength: int
    doc_kind: DocumentKind
    source_file: str
    section: str = ""
    role: str = ""
    note: str = ""
    heading: str = ""  # the article title for EU law, where `section` holds only its number

    @property
    def group(self) -> str:
        """Cross-validation group: passages of one document never straddle folds."""
        return self.source_file

    def as_passage(self, index: int) -> Passage:
        """The passage as `analyze` would hand it to classify and assess.

        The document id is the source file, so passages of one document are
        assessed together, as an act's articles are under its penalty regime.
        """
        return Passage(
            id=f"{self.group}:{index}", doc_id=self.group, text=self.text, page_start=1, page_end=1,
            section=split_section(self.section), kind=BlockKind.PARAGRAPH, char_start=0, char_end=len(self.text),
            role=self.role, doc_kind=self.doc_kind, heading=self.heading,
        )


@dataclass
class LabelledSet:
    passages: list[LabelledPassage]
    unresolved: list[str] = field(default_factory=list)  # ids whose text could not be rebuilt


def load_labelled(
    path: str | Path | None = None,
    known_categories: set[str] | None = None,
    shared_corpora: str | Path | None = None,
) -> LabelledSet:
    """Load every labelled passage under `path` (a .jsonl file or a folder)."""
    path = Path(path) if path else DEFAULT_LABELLED
    if not path.exists():
        raise LabelError(f"{path}: file not found")
    files = jsonl_files(path)
    if not files:
        raise LabelError(f"{path}: no .jsonl label files found")
    shared = Path(shared_corpora) if shared_corpora else DEFAULT_SHARED_CORPORA
    result = LabelledSet(passages=[])
    seen: set[str] = set()
    for file in files:
        for where, row in numbered_records(file):
            passage = _parse(row, where, known_categories, shared)
            if passage is None:
                result.unresolved.append(row.get("id", where))
                continue
            if passage.id in seen:
                raise LabelError(f"{where}: duplicate passage id {passage.id}")
            seen.add(passage.id)
            result.passages.append(passage)
    return result


def _parse(
    row: dict[str, Any], where: str, known: set[str] | None, shared: Path
) -> LabelledPassage | None:
    for key in ("id", "categories", "strength", "source"):
        if key not in row:
            raise LabelError(f"{where}: missing field '{key}'")
    categories = tuple(row["categories"])
    if known is not None:
        unknown = [c for c in categories if c not in known]
        if unknown:
            raise LabelError(f"{where}: unknown category id(s) {unknown} in passage {row['id']}")
    strength = row["strength"]
    if not isinstance(strength, int) or not 0 <= strength <= 4:
        raise LabelError(f"{where}: strength must be an integer 0-4, got {strength!r}")
    if not categories and strength != 0:
        raise LabelError(f"{where}: a passage with no category must have strength 0")
    text = row.get("text")
    if not text:
        try:
            text = resolve_source(row["source"], shared)
        except SourceError as exc:
            raise LabelError(f"{where}: {exc}") from exc
        if text is None:
            return None
        expected = row.get("sha1")
        if expected and text_hash(text) != expected:
            raise LabelError(
                f"{where}: text rebuilt from {row['source'].get('file')} does not match its sha1 "
                "(the shared file or the extractor changed)"
            )
    try:
        kind = DocumentKind(row.get("doc_kind", "unknown"))
    except ValueError as exc:
        raise LabelError(f"{where}: unknown doc_kind {row.get('doc_kind')!r}") from exc
    return LabelledPassage(
        id=str(row["id"]),
        text=normalise(text),
        categories=categories,
        strength=strength,
        doc_kind=kind,
        source_file=row["source"].get("file", ""),
        section=row.get("section", ""),
        role=row.get("role", ""),
        note=row.get("note", ""),
        heading=row.get("heading", ""),
    )
