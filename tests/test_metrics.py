import numpy as np

from nlp_pipeline.evaluate.metrics import (
    known_count_predictions,
    macro_f1,
    micro_f1,
    per_category,
    strength_accuracy,
    top_category_precision,
)


def test_whether_every_missed_label_counts_as_a_false_negative():
    truth = np.array([[True, False], [True, True]])
    predicted = np.array([[False, False], [True, True]])
    first, second = per_category(predicted, truth)
    assert (first.tp, first.fp, first.fn) == (1, 0, 1)
    assert second.f1 == 1.0


def test_whether_macro_f1_ignores_categories_below_the_support_floor():
    truth = np.array([[True, True], [True, False], [False, False]])
    predicted = np.array([[True, False], [True, False], [False, False]])
    assert macro_f1(predicted, truth, min_support=2) == 1.0
    assert macro_f1(predicted, truth, min_support=1) == 0.5
    assert 0 < micro_f1(predicted, truth) < 1


def test_whether_strength_accuracy_counts_exact_and_within_one():
    exact, within = strength_accuracy(np.array([0, 2, 4, 1]), np.array([0, 3, 2, 1]))
    assert exact == 0.5 and within == 0.75


def test_whether_top_category_precision_counts_only_on_topic_passages():
    scores = np.array([[0.9, 0.1], [0.2, 0.8], [0.7, 0.3]])
    truth = np.array([[True, False], [True, False], [False, False]])
    assert top_category_precision(scores, truth) == 0.5


def test_whether_known_count_predictions_take_as_many_top_categories_as_the_passage_has():
    scores = np.array([[0.9, 0.5, 0.1], [0.2, 0.3, 0.4]])
    truth = np.array([[False, True, True], [False, False, False]])
    assert known_count_predictions(scores, truth).tolist() == [[True, True, False], [False, False, False]]
