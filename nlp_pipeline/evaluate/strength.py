"""How well the assess rules reproduce the labelled commitment strength.

The rules are not trained, so no fold can leak into them; the figures are
still reported per document kind, and beside a modal-verb-only baseline so a
reader can see what the structure-aware rules add. Held-out passages are also
scored through the path `analyze` takes (`analyze_path_strengths`): found in
their whole document, assessed with all its other passages.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from nlp_pipeline.assess import assess_passages
from nlp_pipeline.evaluate.metrics import strength_accuracy
from nlp_pipeline.labelled import LabelledPassage

_BINDING = re.compile(r"\b(shall|must|is required to|are required to)\b", re.IGNORECASE)
_SOFT = re.compile(r"\b(should|may|aim|aims|strive|encourage|endeavour|seek)\b", re.IGNORECASE)


def modal_baseline(text: str) -> int:
    """The naive reading: 'shall' is binding, 'should' is soft, anything else is a process."""
    if _BINDING.search(text):
        return 4
    if _SOFT.search(text):
        return 1
    return 2


@dataclass
class StrengthReport:
    truth: np.ndarray
    rules: np.ndarray
    baseline: np.ndarray
    kinds: list[str]
    relevant: np.ndarray  # passages with at least one labelled category

    def rows(self) -> list[tuple[str, int, float, float, float, float]]:
        """(subset, n, rules exact, rules within one, baseline exact, baseline within one)."""
        kinds = np.array(self.kinds)
        subsets = [("all passages", np.ones(len(self.truth), dtype=bool)), ("on-topic passages", self.relevant)]
        subsets += [(f"kind={k}", kinds == k) for k in sorted(set(self.kinds))]
        out = []
        for name, mask in subsets:
            exact, within = strength_accuracy(self.rules[mask], self.truth[mask])
            b_exact, b_within = strength_accuracy(self.baseline[mask], self.truth[mask])
            out.append((name, int(mask.sum()), exact, within, b_exact, b_within))
        return out


def evaluate_strength(passages: Sequence[LabelledPassage], topic_mask: np.ndarray | None = None) -> StrengthReport:
    """Strength of each labelled passage; `topic_mask` says which passages are on topic.

    With no mask the gold categories decide relevance (this isolates the
    assess stage); pass the classifier's out-of-fold predictions to measure
    the two stages together.
    """
    records = [p.as_passage(i) for i, p in enumerate(passages)]
    assessed = assess_passages(records)
    truth = np.array([p.strength for p in passages])
    relevant = np.array([bool(p.categories) for p in passages]) if topic_mask is None else topic_mask
    rules = np.array([a.strength for a in assessed]) * relevant
    baseline = np.array([modal_baseline(p.text) for p in passages]) * relevant
    return StrengthReport(truth, rules, baseline, [p.doc_kind.value for p in passages],
                          np.array([bool(p.categories) for p in passages]))


# ---------------------------------------------------------------------------
# Through the analyze path: the labelled passage found in its whole document
# ---------------------------------------------------------------------------


@dataclass
class AnalyzePathStrength:
    """Strength of labelled passages as `analyze` gives it, with how many were found in their document."""

    report: StrengthReport
    found: int
    fallback: int  # not found in the document as ingested: assessed alone, as before
    missing_documents: list[str]


def _skeleton(text: str) -> str:
    return "".join(ch.lower() for ch in text if ch.isalnum())


def _locate(needle: str, haystack: str) -> tuple[int, int] | None:
    """Where a labelled text sits in a document's passages, allowing for ingest's changes at its edges."""
    if len(needle) < 12:
        return None
    at = haystack.find(needle)
    if at >= 0:
        return at, at + len(needle)
    head, tail = needle[:40], needle[-40:]
    start = haystack.find(head)
    if start >= 0:
        end = haystack.find(tail, start)
        if 0 <= end - start <= 2 * len(needle):
            return start, end + len(tail)
        return start, start + len(needle)
    end = haystack.find(tail)
    if end >= 0:
        return max(0, end + len(tail) - len(needle)), end + len(tail)
    return None


def analyze_path_strengths(passages: Sequence[LabelledPassage], shared: Path | None = None) -> AnalyzePathStrength:
    """Each labelled passage's strength as `analyze` rates it inside its whole document.

    The document is ingested and segmented as `analyze` does and all its
    passages are assessed together (the act's enforcement reach, list points
    with their lead-in), with the labelled kind of document as `--kind`. The
    labelled text is found among the analyze passages by its letters and
    digits; the analyze passage holding most of it gives its strength. A labelled
    passage that cannot be found is assessed alone and counted as a fallback.
    """
    from dataclasses import replace

    from nlp_pipeline.errors import InputError
    from nlp_pipeline.ingest import read_document
    from nlp_pipeline.labelled import DEFAULT_SHARED_CORPORA
    from nlp_pipeline.segment import segment_document

    shared = Path(shared) if shared else DEFAULT_SHARED_CORPORA
    by_file: dict[str, list[int]] = {}
    for i, p in enumerate(passages):
        by_file.setdefault(p.source_file, []).append(i)
    rules = np.zeros(len(passages), dtype=int)
    located = np.zeros(len(passages), dtype=bool)
    missing: list[str] = []
    for file, indices in by_file.items():
        path = shared / file
        if not path.is_file():
            missing.append(file)
            continue
        try:
            document = replace(read_document(path), kind=passages[indices[0]].doc_kind)
            segmented = segment_document(document)
        except (InputError, UnicodeError) as error:
            # The document cannot go through analyze (a user would see it fail too): say so, score alone.
            missing.append(f"{file} ({type(error).__name__})")
            continue
        assessed = assess_passages(segmented)
        skeletons = [_skeleton(p.text) for p in segmented]
        starts, position = [], 0
        for s in skeletons:
            starts.append(position)
            position += len(s)
        haystack = "".join(skeletons)
        for i in indices:
            span = _locate(_skeleton(passages[i].text), haystack)
            if span is None:
                continue
            overlap = {k: min(span[1], a + len(s)) - max(span[0], a)
                       for k, (a, s) in enumerate(zip(starts, skeletons)) if a < span[1] and a + len(s) > span[0]}
            if overlap:
                # The analyze passage holding most of the labelled text; the stronger one on a tie.
                best = max(overlap, key=lambda k: (overlap[k], assessed[k].strength))
                rules[i] = assessed[best].strength
                located[i] = True
    alone = [i for i in range(len(passages)) if not located[i]]
    if alone:
        for i, a in zip(alone, assess_passages([passages[i].as_passage(i) for i in alone])):
            rules[i] = a.strength
    truth = np.array([p.strength for p in passages])
    relevant = np.array([bool(p.categories) for p in passages])
    baseline = np.array([modal_baseline(p.text) for p in passages]) * relevant
    report = StrengthReport(truth, rules * relevant, baseline, [p.doc_kind.value for p in passages], relevant)
    return AnalyzePathStrength(report, int(located.sum()), len(alone), missing)


def analyze_path_report(passages: Sequence[LabelledPassage]) -> tuple[list[str], list[dict], dict]:
    """Lines and figures for `resourcing evaluate`: held-out strength through the analyze path, per kind of document."""
    result = analyze_path_strengths(passages)
    lines = [f"  strength through the analyze path (found in their document: {result.found}, "
             f"assessed alone: {result.fallback}"
             + (f"; not analysable: {', '.join(result.missing_documents)}" if result.missing_documents else "") + ")"]
    rows = []
    for name, n, exact, within, b_exact, b_within in result.report.rows():
        lines.append(f"  {'gold topic: ' + name:<48}{n:>5}   rules {exact:.3f} / {within:.3f}   "
                     f"baseline {b_exact:.3f} / {b_within:.3f}")
        rows.append({"subset": name, "passages": n, "exact": exact, "within_one": within,
                     "baseline_exact": b_exact, "baseline_within_one": b_within})
    return lines, rows, {"found": result.found, "assessed_alone": result.fallback,
                         "not_analysable": result.missing_documents}
