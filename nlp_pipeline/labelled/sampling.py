"""The blind second annotation: which labelled passages are labelled again.

A reproducible, stratified sample: passages are grouped by document and by
whether the first annotator gave them a category, and at least `fraction` of
each group is drawn (rounded up) with a generator seeded by `seed` and the
group's name. Strata keep one long document or the many negatives from
filling the sample; the seed makes it the same sample on every machine.

The second annotator gets the passages as candidates (text, section, heading,
page) and never the first labels or notes.
"""

from __future__ import annotations

import math
import random
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from nlp_pipeline.labelled import LabelError, resolve_source, text_hash
from nlp_pipeline.labelled.writing import read_jsonl

CANDIDATE_FIELDS = ("doc_kind", "source", "sha1", "section", "heading", "role", "block_kind")


def stratum(record: dict[str, Any]) -> str:
    return f"{record['source'].get('file', '')}|{'on' if record.get('categories') else 'off'}"


def draw_sample(records: list[dict[str, Any]], fraction: float, seed: int) -> list[dict[str, Any]]:
    """At least `fraction` of every stratum, the same draw for the same input and seed."""
    if not 0 < fraction <= 1:
        raise ValueError(f"fraction must be in (0, 1], got {fraction}")
    groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for record in records:
        groups[stratum(record)].append(record)
    chosen: list[dict[str, Any]] = []
    for name in sorted(groups):
        members = sorted(groups[name], key=lambda r: str(r["id"]))
        count = math.ceil(fraction * len(members))
        chosen.extend(random.Random(f"{seed}|{name}").sample(members, count))
    return sorted(chosen, key=lambda r: str(r["id"]))


def second_annotation_candidates(
    label_files: Iterable[Path], fraction: float, seed: int, shared: Path, exclude: set[str] = frozenset()
) -> list[dict[str, Any]]:
    """Candidate lines (text included, labels left out) for a blind second annotation of `label_files`."""
    records = []
    for file in label_files:
        for where, record in read_jsonl(file):
            if "source" not in record or "id" not in record:
                raise LabelError(f"{where}: not a label line")
            if str(record["id"]) not in exclude:
                records.append(record)
    lines = []
    for record in draw_sample(records, fraction, seed):
        text = record.get("text") or resolve_source(record["source"], shared)
        if text is None:
            raise LabelError(f"{record['id']}: cannot rebuild its text from {shared}")
        if text_hash(text) != record.get("sha1", text_hash(text)):
            raise LabelError(f"{record['id']}: rebuilt text does not match its sha1")
        line = {"candidate": record["id"], **{k: record[k] for k in CANDIDATE_FIELDS if k in record}}
        line["page"] = record["source"].get("page")
        line["text"] = " ".join(text.split())
        lines.append(line)
    return lines


def spread_sample(items: list[Any], count: int, seed: int | str) -> list[Any]:
    """`count` items spread over the whole sequence: one drawn at random from each of `count` equal stretches.

    A plain random sample of a report can miss whole chapters; this one
    reaches the cover, the body and the appendices alike, and is the same for
    the same seed.
    """
    if count <= 0 or not items:
        return []
    if count >= len(items):
        return list(items)
    rng = random.Random(f"{seed}")
    bounds = [round(i * len(items) / count) for i in range(count + 1)]
    return [items[rng.randrange(bounds[i], bounds[i + 1])] for i in range(count)]
