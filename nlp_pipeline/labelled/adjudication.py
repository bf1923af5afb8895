"""What an adjudicator reads: the passages on which the two blind annotations differ."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from nlp_pipeline.labelled import LabelError, resolve_source
from nlp_pipeline.labelled.jsonl import read_jsonl


def disagreements(first: Path, second: Path, gold: list[Path], shared: Path) -> list[dict[str, Any]]:
    """Each passage both annotated with different categories or strength: text, context and both decisions."""
    a = {str(r["id"]): r for _, r in read_jsonl(first)}
    b = {str(r["id"]): r for _, r in read_jsonl(second)}
    lines = {str(r["id"]): r for file in gold for _, r in read_jsonl(file)}
    result = []
    for passage_id in sorted(set(a) & set(b)):
        x, y = a[passage_id], b[passage_id]
        if set(x["categories"]) == set(y["categories"]) and x["strength"] == y["strength"]:
            continue
        line = lines.get(passage_id)
        if line is None:
            raise LabelError(f"{passage_id}: in {first.name} but in no gold file")
        text = line.get("text") or resolve_source(line["source"], shared)
        if text is None:
            raise LabelError(f"{passage_id}: cannot rebuild its text from {shared}")
        result.append({
            "candidate": passage_id,
            "page": line["source"].get("page"),
            "section": line.get("section", ""),
            "heading": line.get("heading", ""),
            "text": " ".join(text.split()),
            "A": {k: x.get(k) for k in ("categories", "strength", "note")},
            "B": {k: y.get(k) for k in ("categories", "strength", "note")},
        })
    return result
