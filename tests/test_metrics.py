import numpy as np

from nlp_pipeline.evaluate.metrics import macro_f1, micro_f1, per_category, strength_accuracy


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
