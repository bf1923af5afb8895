import numpy as np
import pytest

from nlp_pipeline.classify.hybrid import MODEL_DIR, HybridHead
from nlp_pipeline.classify.word_model import WordModel, out_of_fold_scores

TEXTS = [
    "Workers may file a grievance through the grievance mechanism.",
    "A grievance mechanism is open to affected communities.",
    "The grievance procedure offers remedy to workers.",
    "Spare parts are available for seven years for repair.",
    "Repair manuals and spare parts are provided to repairers.",
    "Independent repairers get spare parts and repair information.",
]
LABELS = np.array([[1, 0], [1, 0], [1, 0], [0, 1], [0, 1], [0, 1]], dtype=bool)
GROUPS = ["a", "b", "c", "a", "b", "c"]


def test_whether_a_categorys_own_words_raise_its_score():
    model = WordModel.fit(TEXTS, LABELS)
    scores = model.scores(["Complaints go to the grievance mechanism.", "We stock spare parts for repair."])
    assert scores[0, 0] > scores[0, 1] and scores[1, 1] > scores[1, 0]


def test_whether_a_category_with_too_few_positives_scores_zero():
    labels = np.column_stack([LABELS[:, 0], np.zeros(len(TEXTS), dtype=bool)])
    model = WordModel.fit(TEXTS, labels)
    assert not model.fitted[1] and model.scores(TEXTS)[:, 1].max() == 0.0


def test_whether_out_of_fold_scores_never_come_from_the_passages_own_document():
    # "zebra" appears only in document a: a model that saw document a would lean on it.
    texts = TEXTS + ["zebra grievance zebra", "zebra zebra repair"]
    labels = np.vstack([LABELS, [[1, 0], [0, 1]]])
    groups = GROUPS + ["a", "a"]
    oof = out_of_fold_scores(texts, labels, groups, folds=3)
    held_out_model = WordModel.fit([t for t, g in zip(texts, groups) if g != "a"],
                                   labels[[g != "a" for g in groups]])
    assert np.allclose(oof[-2:], held_out_model.scores(texts[-2:]))


def test_whether_the_shipped_head_carries_its_word_model():
    head = HybridHead.load(MODEL_DIR)
    if head.word_model is None:
        pytest.fail("models/classifier has no word model: run `resourcing train`")
    scores = head.word_model.scores(["Companies shall provide a grievance mechanism for affected persons."])
    assert scores.shape == (1, len(head.category_ids))
    assert head.category_ids[int(np.argmax(scores))] == "HR.GAP.REMEDY"


@pytest.mark.parametrize("texts", [["one passage only"], ["alpha beta", "gamma delta"]])
def test_whether_too_little_text_gives_a_model_that_scores_zero(texts):
    labels = np.ones((len(texts), 2), dtype=bool)
    model = WordModel.fit(texts, labels)
    assert model.vocabulary == [] and model.scores(["alpha"]).tolist() == [[0.0, 0.0]]


def test_whether_the_words_that_raised_a_score_are_named():
    model = WordModel.fit(TEXTS, LABELS)
    features = model.features(["Complaints go to the grievance mechanism."])
    assert "grievance" in " ".join(model.key_terms(features, 0, 0))
    assert not any("grievance" in term for term in model.key_terms(features, 0, 1))
