"""The `classify` interface: passages in as JSONL, categories and strength out.

Outside evaluations call exactly this, so the formats are fixed:
in  {"id": ..., "text": ..., "kind": "legislation" | "report" | "initiative"}  (kind optional;
    optional "section": "Article 27 > 1" or a list, and "heading": "Penalties", which the
    classifier reads as context when given)
out {"id": ..., "categories": [{"id": CATEGORY_ID, "score": float}], "strength": 0-4}
`categories` lists only the categories predicted present; strength is 0 when
none is.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

from nlp_pipeline.assess import assess_passages
from nlp_pipeline.classify.base import make_classifier
from nlp_pipeline.classify.context import split_section
from nlp_pipeline.errors import PassageFormatError
from nlp_pipeline.records import BlockKind, DocumentKind, Passage
from nlp_pipeline.taxonomy import Taxonomy

BATCH = 512




MAX_TEXT_CHARS = 100_000


def read_passages(path: Path, allow_duplicate_ids: bool = False, max_chars: int = MAX_TEXT_CHARS) -> Iterator[dict]:
    """The input rows, checked line by line; any problem is a PassageFormatError naming the file and line."""
    path = Path(path)
    seen: dict[object, int] = {}
    with path.open("rb") as handle:
        for number, raw in enumerate(handle, start=1):
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                raise PassageFormatError(f"{path}:{number}: not UTF-8 text (byte {exc.start + 1} of the line)") from exc
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                raise PassageFormatError(f"{path}:{number}: not valid JSON ({exc.msg})") from exc
            except RecursionError as exc:
                raise PassageFormatError(f"{path}:{number}: JSON nested too deeply") from exc
            if not isinstance(row, dict) or "id" not in row or not isinstance(row.get("text"), str):
                raise PassageFormatError(f'{path}:{number}: each line needs "id" and a string "text"')
            if not isinstance(row["id"], (str, int)) or isinstance(row["id"], bool):
                raise PassageFormatError(f'{path}:{number}: "id" must be a string or a number')
            if row["id"] in seen and not allow_duplicate_ids:
                raise PassageFormatError(f"{path}:{number}: id {row['id']!r} already used on line {seen[row['id']]} "
                                         "(ids must be unique; --allow-duplicate-ids accepts them)")
            seen.setdefault(row["id"], number)
            if len(row["text"]) > max_chars:
                raise PassageFormatError(f'{path}:{number}: "text" has {len(row["text"]):,} characters, more than a '
                                         f"passage may have ({max_chars:,}; split it, or raise --max-chars)")
            kind = row.get("kind") or "unknown"
            if kind not in {k.value for k in DocumentKind}:
                raise PassageFormatError(f"{path}:{number}: unknown kind {kind!r} (legislation, report, initiative)")
            section = row.get("section") or []
            heading = row.get("heading") or ""
            if not isinstance(section, (str, list)) or not isinstance(heading, str):
                raise PassageFormatError(f'{path}:{number}: "section" must be a string or a list, "heading" a string')
            yield {"id": row["id"], "text": row["text"], "kind": kind, "section": split_section(section),
                   "heading": heading}


def check_paths(source: Path, target: Path) -> None:
    """Refuse, before any work, an input that is not a file or an output that cannot be written."""
    source, target = Path(source), Path(target)
    if not source.exists():
        raise PassageFormatError(f"{source}: file not found")
    if not source.is_file():
        raise PassageFormatError(f"{source}: is a folder, not a JSONL file")
    if target.is_dir():
        raise PassageFormatError(f"{target}: is a folder; --output names the JSONL file to write")
    parent = target.absolute().parent
    if not parent.is_dir():
        raise PassageFormatError(f"{target}: the folder it would go in ({parent}) does not exist")
    if not os.access(parent, os.W_OK | os.X_OK):
        raise PassageFormatError(f"{target}: cannot write in {parent} (read-only or no permission)")


def classify_jsonl(source: Path, target: Path, taxonomy: Taxonomy, explain: bool = False,
                   classifier_name: str = "hybrid", allow_duplicate_ids: bool = False,
                   max_chars: int = MAX_TEXT_CHARS) -> int:
    check_paths(source, target)
    rows = list(read_passages(source, allow_duplicate_ids, max_chars))
    classifier = make_classifier(classifier_name, taxonomy)
    handle, temp = tempfile.mkstemp(dir=Path(target).absolute().parent, prefix=f".{Path(target).name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            for start in range(0, len(rows), BATCH):
                batch = rows[start : start + BATCH]
                passages = [_passage(row, start + i) for i, row in enumerate(batch)]
                predictions = classifier.classify(passages)
                # Each bare passage is its own document: no act-wide enforcement context.
                assessments = assess_passages(passages)
                for row, scores, assessment in zip(batch, predictions, assessments):
                    out.write(json.dumps(_line(row, scores, assessment, explain), ensure_ascii=False) + "\n")
        os.chmod(temp, 0o666 & ~_umask())
        os.replace(temp, target)
    except OSError as exc:
        raise PassageFormatError(f"{target}: cannot be written ({exc.strerror or exc}); nothing was changed") from exc
    finally:
        if os.path.exists(temp):
            os.unlink(temp)
    return len(rows)


def _line(row: dict, scores, assessment, explain: bool) -> dict:
    present = [s for s in scores if s.present]
    line = {
        "id": row["id"],
        "categories": [{"id": s.category_id, "score": round(s.score, 4)} for s in present],
        "strength": assessment.strength if present else 0,
    }
    if explain:
        line["evidence"] = {s.category_id: [e.to_dict() for e in s.evidence] for s in present}
        line["reasons"] = [r.to_dict() for r in assessment.reasons]
    return line


def _umask() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return umask


def _passage(row: dict, index: int) -> Passage:
    text = row["text"]
    return Passage(
        id=f"input{index}:0", doc_id=f"input{index}", text=text, page_start=1, page_end=1, section=row["section"],
        kind=BlockKind.PARAGRAPH, char_start=0, char_end=len(text), doc_kind=DocumentKind(row["kind"]),
        heading=row["heading"],
    )
