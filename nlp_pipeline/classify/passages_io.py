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
from collections.abc import Iterator
from pathlib import Path

from nlp_pipeline.assess import assess_passages
from nlp_pipeline.classify.base import make_classifier
from nlp_pipeline.classify.context import split_section
from nlp_pipeline.errors import PassageFormatError
from nlp_pipeline.records import BlockKind, DocumentKind, Passage
from nlp_pipeline.taxonomy import Taxonomy

BATCH = 512




def read_passages(path: Path) -> Iterator[dict]:
    with Path(path).open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                raise PassageFormatError(f"{path}:{number}: not valid JSON ({exc.msg})") from exc
            if not isinstance(row, dict) or "id" not in row or not isinstance(row.get("text"), str):
                raise PassageFormatError(f'{path}:{number}: each line needs "id" and a string "text"')
            kind = row.get("kind") or "unknown"
            if kind not in {k.value for k in DocumentKind}:
                raise PassageFormatError(f"{path}:{number}: unknown kind {kind!r} (legislation, report, initiative)")
            section = row.get("section") or []
            heading = row.get("heading") or ""
            if not isinstance(section, (str, list)) or not isinstance(heading, str):
                raise PassageFormatError(f'{path}:{number}: "section" must be a string or a list, "heading" a string')
            yield {"id": row["id"], "text": row["text"], "kind": kind, "section": split_section(section),
                   "heading": heading}


def classify_jsonl(source: Path, target: Path, taxonomy: Taxonomy, explain: bool = False,
                   classifier_name: str = "hybrid") -> int:
    if not Path(source).exists():
        raise PassageFormatError(f"{source}: file not found")
    rows = list(read_passages(source))
    classifier = make_classifier(classifier_name, taxonomy)
    tmp = Path(target).with_suffix(Path(target).suffix + ".tmp")
    with tmp.open("w", encoding="utf-8") as out:
        for start in range(0, len(rows), BATCH):
            batch = rows[start : start + BATCH]
            passages = [_passage(row, start + i) for i, row in enumerate(batch)]
            predictions = classifier.classify(passages)
            # Each bare passage is its own document: no act-wide enforcement context.
            assessments = assess_passages(passages)
            for row, scores, assessment in zip(batch, predictions, assessments):
                present = [s for s in scores if s.present]
                line = {
                    "id": row["id"],
                    "categories": [{"id": s.category_id, "score": round(s.score, 4)} for s in present],
                    "strength": assessment.strength if present else 0,
                }
                if explain:
                    line["evidence"] = {s.category_id: list(s.evidence) for s in present}
                    line["reasons"] = list(assessment.reasons)
                out.write(json.dumps(line, ensure_ascii=False) + "\n")
    tmp.replace(target)
    return len(rows)


def _passage(row: dict, index: int) -> Passage:
    text = row["text"]
    return Passage(
        id=f"input{index}:0", doc_id=f"input{index}", text=text, page_start=1, page_end=1, section=row["section"],
        kind=BlockKind.PARAGRAPH, char_start=0, char_end=len(text), doc_kind=DocumentKind(row["kind"]),
        heading=row["heading"],
    )
