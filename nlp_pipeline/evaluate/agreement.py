"""How far two independent annotators agree: the ceiling for any classifier.

The labelled passages were annotated twice, blind (corpora/labelled/annotations/
first and second), before the disagreements were adjudicated into the gold
files. Agreement is scored like a classifier, one annotator standing in for
the truth; F1 is symmetric, so it does not matter which.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from nlp_pipeline.evaluate.metrics import macro_f1, micro_f1, strength_accuracy
from nlp_pipeline.labelled import LabelError
from nlp_pipeline.labelled.jsonl import jsonl_files, numbered_records

ANNOTATIONS = Path(__file__).resolve().parents[2] / "corpora" / "labelled" / "annotations"


@dataclass(frozen=True)
class Annotation:
    """One annotator's decision on one passage."""

    passage_id: str
    categories: frozenset[str]
    strength: int


@dataclass(frozen=True)
class Agreement:
    passages: int
    micro_f1: float
    macro_f1: float  # over categories with at least `min_support` positives from the first annotator
    strength_exact: float  # on passages both annotators put on topic
    strength_within_one: float
    both_on_topic: int


def read_annotations(folder: Path) -> dict[str, Annotation]:
    """Every `{"id", "categories", "strength"}` line of the .jsonl files in `folder` (or of one .jsonl file)."""
    found: dict[str, Annotation] = {}
    for path in jsonl_files(folder):
        for where, record in numbered_records(path):
            try:
                found[record["id"]] = Annotation(record["id"], frozenset(record["categories"]), int(record["strength"]))
            except (KeyError, TypeError, ValueError) as error:
                raise LabelError(f"{where}: not an annotation line ({error})") from error
    return found


def agreement(first: dict[str, Annotation], second: dict[str, Annotation], category_ids: list[str],
              min_support: int = 8) -> Agreement:
    """Agreement on the passages both annotated."""
    shared = sorted(set(first) & set(second))
    index = {cid: j for j, cid in enumerate(category_ids)}
    a = np.zeros((len(shared), len(category_ids)), dtype=bool)
    b = np.zeros_like(a)
    for i, passage_id in enumerate(shared):
        for cid in first[passage_id].categories:
            a[i, index[cid]] = True
        for cid in second[passage_id].categories:
            b[i, index[cid]] = True
    strengths_a = np.array([first[p].strength for p in shared], dtype=int)
    strengths_b = np.array([second[p].strength for p in shared], dtype=int)
    on_topic = (strengths_a > 0) & (strengths_b > 0)
    exact, within = strength_accuracy(strengths_b[on_topic], strengths_a[on_topic])
    return Agreement(
        passages=len(shared),
        micro_f1=micro_f1(b, a),
        macro_f1=macro_f1(b, a, min_support=min_support),
        strength_exact=exact,
        strength_within_one=within,
        both_on_topic=int(on_topic.sum()),
    )


def annotator_agreement(category_ids: list[str], folder: Path = ANNOTATIONS, min_support: int = 8) -> Agreement | None:
    """Agreement between the first and second annotation under `folder`, if both exist."""
    first, second = Path(folder) / "first", Path(folder) / "second"
    if not (first.is_dir() and second.is_dir()):
        return None
    return agreement(read_annotations(first), read_annotations(second), category_ids, min_support)


def agreement_by_file(category_ids: list[str], folder: Path = ANNOTATIONS,
                      min_support: int = 8) -> dict[str, Agreement]:
    """Agreement per annotation file name present in both first/ and second/ (one labelling batch each)."""
    first, second = Path(folder) / "first", Path(folder) / "second"
    if not (first.is_dir() and second.is_dir()):
        return {}
    result: dict[str, Agreement] = {}
    for path in sorted(second.glob("*.jsonl")):
        if (first / path.name).exists():
            a, b = read_annotations(first / path.name), read_annotations(path)
            if set(a) & set(b):
                result[path.name] = agreement(a, b, category_ids, min_support)
    return result

