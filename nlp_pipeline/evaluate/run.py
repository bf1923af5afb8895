"""`evaluate`: the whole measurement of the classifier and the strength rules, as one report.

Document-grouped cross-validation (cue-only, similarity-only, hybrid), the
ranking bound, figures by kind of document and per category, commitment
strength against a modal-verb baseline, the annotators' ceiling, and the
held-out passages. Held-out passages are classified and assessed through
exactly the path `analyze` uses (the passage led by its section and heading,
one document's passages assessed together), so the figure describes what a
user gets.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from collections.abc import Sequence
from typing import Any

import numpy as np

from nlp_pipeline.evaluate.agreement import annotator_agreement
from nlp_pipeline.evaluate.classification import METHODS, MIN_SUPPORT, cross_validate
from nlp_pipeline.classify.calibration import reliability
from nlp_pipeline.evaluate.expert_read import (
    DEFAULT_EXPERT_READ,
    EXPERT_PAIRS,
    FURTHER_EXPERT_SETS,
    ExpertSet,
    expert_pair_report,
    expert_read_report,
)
from nlp_pipeline.evaluate.metrics import (
    known_count_predictions,
    macro_f1,
    micro_f1,
    precision_at,
    top_category_precision,
    top_confusions,
)
from nlp_pipeline.evaluate.strength import analyze_path_report, evaluate_strength
from nlp_pipeline.labelled import load_labelled
from nlp_pipeline.taxonomy import Taxonomy, categories


@dataclass(frozen=True)
class EvaluationReport:
    """What `resourcing evaluate` prints (`text`) and writes with --json (`figures`)."""

    lines: tuple[str, ...]
    figures: dict[str, Any] = field(default_factory=dict)

    def text(self) -> str:
        return "\n".join(self.lines)


def evaluate(labelled: Path, taxonomy: Taxonomy, folds: int = 5, heldout: Path | None = None,
             expert_read: Path | None = DEFAULT_EXPERT_READ, with_learning_curve: bool = False,
             further_sets: Sequence[ExpertSet] = FURTHER_EXPERT_SETS) -> EvaluationReport:
    known = {c.id for c in categories(taxonomy)}
    data = load_labelled(labelled, known_categories=known)
    passages = data.passages
    report = cross_validate(passages, taxonomy, folds=folds)
    lines = [
        f"{len(passages)} labelled passages from {report.documents} documents"
        + (f" ({len(data.unresolved)} unresolved: ../shared/corpora absent?)" if data.unresolved else "")
        + f"; {report.folds} folds grouped by document",
        "",
        "Category classification (out of fold; macro over categories with >= "
        f"{MIN_SUPPORT} positives)",
        f"  {'':<24}" + "".join(f"{m:>12}" for m in METHODS),
    ]
    summary = report.summary()
    for metric in ("micro_f1", "macro_f1", "macro_f1_all"):
        lines.append(f"  {metric:<24}" + "".join(f"{summary[m][metric]:>12.3f}" for m in METHODS))
    ceiling = annotator_agreement([c.id for c in categories(taxonomy)], min_support=MIN_SUPPORT)
    if ceiling is not None:
        lines.append(f"  {'two blind annotators':<24}{'':>24}{ceiling.micro_f1:>12.3f}  micro-F1 / "
                     f"{ceiling.macro_f1:.3f} macro-F1 on {ceiling.passages} passages (the human ceiling)")
    hybrid = report.results["hybrid"]
    bound = known_count_predictions(hybrid.scores, report.truth)
    ranking = {
        "top_category_precision": top_category_precision(hybrid.scores, report.truth),
        "known_count_micro_f1": micro_f1(bound, report.truth),
        "known_count_macro_f1": macro_f1(bound, report.truth, min_support=MIN_SUPPORT),
    }
    lines.append(f"  hybrid ranking: the top category is right on {ranking['top_category_precision']:.0%} of on-topic "
                 f"passages; told how many categories each passage has and taking that many from the top, it would reach "
                 f"{ranking['known_count_micro_f1']:.3f} / {ranking['known_count_macro_f1']:.3f}")
    lines += ["", "By document kind (micro-F1 / macro-F1)"]
    by_kind = report.by_kind()
    for kind, figures in by_kind.items():
        cells = "".join(f"{figures[m]['micro_f1']:>7.3f}/{figures[m]['macro_f1']:<5.3f}" for m in METHODS)
        lines.append(f"  {kind + ' (' + str(figures['hybrid']['passages']) + ')':<24}{cells}")
    lines += ["", "Hybrid per category", f"  {'category':<28}{'support':>8}{'P':>7}{'R':>7}{'F1':>7}"]
    per_category = []
    for cid, counts in report.per_category("hybrid"):
        lines.append(f"  {cid:<28}{counts.support:>8}{counts.precision:>7.2f}{counts.recall:>7.2f}{counts.f1:>7.2f}")
        per_category.append({"category_id": cid, "support": counts.support, "precision": counts.precision,
                             "recall": counts.recall, "f1": counts.f1})

    lines += ["", "Calibration of the hybrid's scores, out of fold (share of categories right per score band)"]
    calibration = []
    for low, high, cells, right in reliability(hybrid.scores, report.truth):
        if cells:
            lines.append(f"  {low:.1f}-{high:.1f}  {cells:>7} cells  {right:.2f} right")
            calibration.append({"low": low, "high": high, "cells": cells, "right": right})
    precision, count = precision_at(hybrid.scores, report.truth, 0.5)
    lines.append(f"  at 0.5 or more: {precision:.2f} right ({count} cells)")
    lines += ["", "The ten most frequent confusions, out of fold (what the passage was about -> what the hybrid said)"]
    confusions = top_confusions(hybrid.predicted, report.truth, report.category_ids)
    for real, wrong, n in confusions:
        lines.append(f"  {n:>5}  {real:<28} -> {wrong}")

    gold = evaluate_strength(passages)
    hybrid_topic = report.results["hybrid"].predicted.any(axis=1)
    end_to_end = evaluate_strength(passages, topic_mask=hybrid_topic)
    lines += ["", "Commitment strength 0-4 (exact / within one): assess rules vs modal-verb-only baseline"]
    strength_rows = []
    for label, source in (("gold topic", gold), ("hybrid topic, out of fold", end_to_end)):
        for name, n, exact, within, b_exact, b_within in source.rows():
            lines.append(f"  {label + ': ' + name:<48}{n:>5}   rules {exact:.3f} / {within:.3f}   "
                         f"baseline {b_exact:.3f} / {b_within:.3f}")
            strength_rows.append({"relevance": label, "subset": name, "passages": n, "exact": exact,
                                  "within_one": within, "baseline_exact": b_exact, "baseline_within_one": b_within})
    if ceiling is not None:
        lines.append(f"  {'two blind annotators (both on topic)':<48}{ceiling.both_on_topic:>5}   "
                     f"agree {ceiling.strength_exact:.3f} / {ceiling.strength_within_one:.3f}")
    heldout_figures = None
    if heldout is not None and heldout.exists():
        heldout_lines, heldout_figures = _heldout(heldout, taxonomy, known, {p.group for p in passages})
        lines += heldout_lines
    expert_lines, expert_figures = expert_read_report(taxonomy, expert_read) if expert_read else ([], None)
    lines += ["", *expert_lines]
    # The sets after the first, from the most tuned on to the least.
    further_figures: dict[str, Any] = {}
    for expert_set in further_sets:
        set_lines, further_figures[expert_set.key] = expert_read_report(taxonomy, expert_set.path, expert_set.title)
        lines += set_lines
    if expert_read:
        for pair in EXPERT_PAIRS:
            pair_lines, further_figures[pair.key] = expert_pair_report(taxonomy, pair)
            lines += pair_lines
    figures = {
        "passages": len(passages),
        "documents": report.documents,
        "folds": report.folds,
        "classification": summary,
        "hybrid_ranking": ranking,
        "by_kind": by_kind,
        "per_category": per_category,
        "strength": strength_rows,
        "positives": {cid: int(n) for cid, n in zip(report.category_ids, np.sum(report.truth, axis=0))},
        "annotator_agreement": ceiling.__dict__ if ceiling is not None else None,
        "heldout": heldout_figures,
        "expert_read": expert_figures,
        **further_figures,
        "calibration": calibration,
        "precision_at_0.5": precision,
        "confusions": [{"true": r, "predicted": w, "count": n} for r, w, n in confusions],
    }
    if with_learning_curve:
        from nlp_pipeline.evaluate.learning_curve import learning_curve

        points = learning_curve(passages, taxonomy)
        lines += ["", "Learning curve (3 document-grouped folds; hybrid trained on a share of each fold's training "
                      "documents)", f"  {'documents':>10}{'passages':>10}{'micro-F1':>10}{'macro-F1':>10}"]
        lines += [f"  {p.documents:>10}{p.passages:>10}{p.micro_f1:>10.3f}{p.macro_f1:>10.3f}" for p in points]
        figures["learning_curve"] = [p.__dict__ for p in points]
    return EvaluationReport(tuple(lines), figures)


def _heldout(path: Path, taxonomy: Taxonomy, known: set[str], trained_documents: set[str]) -> tuple[list[str], dict]:
    """Passages labelled without sight of the rules, the other labels or any model; never trained on.

    Two kinds of held-out passage: new passages of documents the classifier
    was trained on, and passages of documents held out entirely (the honest
    test of a document nobody labelled for training). Both are scored by the
    shipped classifier through analyze's path (the passage with its section
    and heading), and assessed one document at a time.
    """
    from nlp_pipeline.classify.base import make_classifier
    from nlp_pipeline.classify.training import training_set

    data = load_labelled(path, known_categories=known)
    passages = data.passages
    classifier = make_classifier("hybrid", taxonomy)
    scores = classifier.score_passages([p.as_passage(i) for i, p in enumerate(passages)]).values
    predicted = scores >= classifier.thresholds
    truth = training_set(passages, taxonomy).labels
    unseen = np.array([p.group not in trained_documents for p in passages])
    kinds = np.array([p.doc_kind.value for p in passages])
    lines = ["", f"Held-out passages ({len(passages)}; never trained on; labelled without sight of the rules, "
                 "the other labels or any model)",
             f"  {'subset':<44}{'passages':>9}{'micro-F1':>10}{'macro-F1':>10}{'P@0.5':>8}"]
    figures: dict[str, Any] = {"passages": len(passages), "subsets": []}
    subsets = [("all", np.ones(len(passages), dtype=bool)),
               ("documents held out entirely", unseen), ("new passages of training documents", ~unseen)]
    subsets += [(f"held-out documents, kind={k}", unseen & (kinds == k)) for k in sorted(set(kinds[unseen]))]
    for name, mask in subsets:
        if not mask.any():
            continue
        precision, count = precision_at(scores[mask], truth[mask], 0.5)
        micro, macro = micro_f1(predicted[mask], truth[mask]), macro_f1(predicted[mask], truth[mask], min_support=3)
        lines.append(f"  {name:<44}{int(mask.sum()):>9}{micro:>10.3f}{macro:>10.3f}{precision:>8.2f}")
        figures["subsets"].append({"subset": name, "passages": int(mask.sum()), "micro_f1": micro,
                                   "macro_f1_min3": macro, "precision_at_0.5": precision, "cells_at_0.5": count})
    lines.append("  (macro over categories with >= 3 positives in the subset; P@0.5: share of categories scored "
                 "0.5 or more that are right)")
    strength_lines, rows, located = analyze_path_report(passages)
    lines += strength_lines
    figures["strength"] = rows
    figures["strength_located"] = located
    return lines, figures


def predicted_categories(rows, category_ids: list[str]) -> np.ndarray:
    """(n, k) bool: which categories the classifier put each passage in."""
    index = {cid: j for j, cid in enumerate(category_ids)}
    predicted = np.zeros((len(rows), len(category_ids)), dtype=bool)
    for i, row in enumerate(rows):
        for score in row:
            if score.present:
                predicted[i, index[score.category_id]] = True
    return predicted
