"""The shipped hybrid head on clear cases, its storage, and its training."""

from __future__ import annotations

import json

import numpy as np
import pytest

from nlp_pipeline.classify.base import make_classifier
from nlp_pipeline.classify.hybrid import MODEL_DIR, FeatureBuilder, HybridHead
from nlp_pipeline.classify.training import fit_hybrid, training_set
from nlp_pipeline.labelled import DEFAULT_LABELLED, LabelError, load_labelled
from nlp_pipeline.records import CueMatch
from nlp_pipeline.taxonomy import categories, load_taxonomy

pytestmark = pytest.mark.model  # the static table is distilled from MiniLM on first use

CLEAR_CASES = {
    "penalty clause": (
        "Member States shall lay down the rules on penalties, including pecuniary penalties, applicable to "
        "infringements of national provisions adopted pursuant to this Directive. The penalties shall be effective, "
        "proportionate and dissuasive, with a maximum of not less than 5 % of the net worldwide turnover.",
        "HR.GAP.SANCTIONS",
    ),
    "grievance mechanism": (
        "Companies shall provide the possibility for persons and organisations to submit complaints where they have "
        "legitimate concerns regarding adverse impacts, and shall establish a fair, publicly available, accessible "
        "and transparent grievance mechanism for handling such complaints.",
        "HR.GAP.REMEDY",
    ),
    "repairability requirement": (
        "Manufacturers shall ensure that smartphones and tablets are designed for repairability: spare parts such as "
        "batteries and displays shall be available to professional repairers for at least seven years, together "
        "with repair and maintenance information.",
        "CE.REPAIR",
    ),
    "recycled cobalt target": (
        "By 2025 we will use 100 percent recycled cobalt in all Apple-designed batteries, increasing the recycled "
        "content of our products.",
        "CE.RECYCLED_CONTENT",
    ),
}

BOILERPLATE = [
    "For the purposes of this Regulation, the following definitions apply: (1) 'month' means a period of 30 days; "
    "(2) 'day' means a calendar day.",
    "This Directive shall enter into force on the twentieth day following that of its publication in the "
    "Official Journal of the European Union.",
]


@pytest.fixture(scope="module")
def taxonomy():
    return load_taxonomy()


@pytest.fixture(scope="module")
def shipped(taxonomy):
    classifier = make_classifier("hybrid", taxonomy)
    if not classifier.is_trained:
        pytest.fail("models/classifier/hybrid.npz is missing or stale: run the training")
    return classifier


@pytest.mark.parametrize("case", sorted(CLEAR_CASES))
def test_whether_the_shipped_head_finds_the_category_of_a_clear_passage(shipped, case):
    text, expected = CLEAR_CASES[case]
    found = shipped.classify_texts([text])[0]
    assert found and found[0].category_id == expected, [(c.category_id, round(c.score, 2)) for c in found]


@pytest.mark.parametrize("text", BOILERPLATE)
def test_whether_boilerplate_gets_no_category(shipped, text):
    assert shipped.classify_texts([text])[0] == []


def test_whether_each_predicted_category_carries_evidence(shipped):
    text, expected = CLEAR_CASES["penalty clause"]
    top = shipped.classify_texts([text])[0][0]
    assert top.present and any(isinstance(e, CueMatch) for e in top.evidence)


def test_whether_a_saved_head_loads_back_identically(shipped, tmp_path):
    head = shipped.head
    head.save(tmp_path)
    again = HybridHead.load(tmp_path)
    assert again.category_ids == head.category_ids and again.exemplar_ids == head.exemplar_ids
    for name in ("coef", "intercept", "mean", "scale", "thresholds", "trained", "exemplar_labels"):
        np.testing.assert_allclose(getattr(again, name), getattr(head, name), rtol=1e-6)


def test_whether_a_head_for_another_taxonomy_is_refused(taxonomy, shipped, tmp_path):
    shipped.head.save(tmp_path)
    card = json.loads((tmp_path / "hybrid.json").read_text())
    card["category_ids"] = list(reversed(card["category_ids"]))
    (tmp_path / "hybrid.json").write_text(json.dumps(card))
    assert not make_classifier("hybrid", taxonomy, model_dir=tmp_path).is_trained


def test_whether_training_twice_gives_identical_arrays(taxonomy):
    # EU law labels carry their own text, so this needs no shared corpora.
    data = load_labelled(DEFAULT_LABELLED / "eu_law.jsonl", known_categories={c.id for c in categories(taxonomy)})
    examples = training_set(data.passages, taxonomy)
    first = fit_hybrid(examples, taxonomy, FeatureBuilder(taxonomy))
    second = fit_hybrid(examples, taxonomy, FeatureBuilder(taxonomy))
    for name in ("coef", "intercept", "mean", "scale", "thresholds", "exemplars"):
        assert np.array_equal(getattr(first, name), getattr(second, name)), name


def test_whether_labels_with_unknown_categories_are_rejected(taxonomy, tmp_path):
    row = {"id": "x-1", "doc_kind": "legislation", "text": "Some text.", "source": {"file": "eu_law/x.json"},
           "categories": ["HR.NOT_A_CATEGORY"], "strength": 2}
    path = tmp_path / "bad.jsonl"
    path.write_text(json.dumps(row) + "\n")
    with pytest.raises(LabelError, match="unknown category"):
        load_labelled(path, known_categories={c.id for c in categories(taxonomy)})


def test_whether_the_shipped_head_matches_the_shipped_taxonomy(taxonomy):
    head = HybridHead.load(MODEL_DIR)
    assert head.category_ids == [c.id for c in categories(taxonomy)]
