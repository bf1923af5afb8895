"""Rebuild the classifier head that ships in models/classifier, from the labelled data."""

from __future__ import annotations

from pathlib import Path

from nlp_pipeline.classify.hybrid import FeatureBuilder, HybridHead
from nlp_pipeline.classify.training import fit_hybrid, training_set
from nlp_pipeline.labelled import LabelError, load_labelled
from nlp_pipeline.taxonomy import Taxonomy, categories


def train_from_labelled(labelled: Path, taxonomy: Taxonomy, out: Path, encoder: str = "static") -> HybridHead:
    data = load_labelled(labelled, known_categories={c.id for c in categories(taxonomy)})
    if data.unresolved:
        # A head trained on part of the data would not be the shipped one.
        raise LabelError(
            f"{len(data.unresolved)} labelled passages could not be rebuilt (is ../shared/corpora present?)"
        )
    head = fit_hybrid(training_set(data.passages, taxonomy), taxonomy, FeatureBuilder(taxonomy, encoder), encoder)
    head.save(Path(out))
    return head
