"""The numpy TF-IDF the word model predicts with is scikit-learn's, to the last bit that matters."""

import numpy as np
import pytest

from nlp_pipeline.classify.term_weights import terms
from nlp_pipeline.classify.word_model import WordModel

TEXTS = [
    "Member States shall lay down rules on penalties applicable to infringements of this Directive.",
    "Companies shall identify and assess actual and potential adverse human rights impacts in their chain of activities.",
    "We audit smelters and refiners of tin, tantalum, tungsten and gold (3TG) in our supply chain every year.",
    "The grievance mechanism is open to workers, trade unions and civil society organisations.",
    "Ünïcode “quotes” — it's CO2-eq, e.g. 3TG; IT'S tin/tantalum and the the the.",
    "",
]


@pytest.fixture(scope="module")
def model():
    labels = np.array([[1, 0], [1, 0], [0, 1], [1, 1], [0, 1], [0, 0]], dtype=bool)
    return WordModel.fit(TEXTS * 3, np.vstack([labels] * 3))


def test_whether_the_weights_equal_scikit_learns(model):
    from sklearn.feature_extraction.text import TfidfVectorizer

    reference = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, stop_words="english",
                                vocabulary={t: i for i, t in enumerate(model.vocabulary)})
    reference.fit(["placeholder"])
    reference.idf_ = model.idf
    expected = reference.transform(TEXTS).toarray()
    assert np.abs(model.features(TEXTS).to_csr().toarray() - expected).max() < 1e-12


def test_whether_word_pairs_are_formed_after_stop_words_are_removed():
    assert terms("the penalties of the Directive", frozenset({"the", "of"})) == [
        "penalties", "directive", "penalties directive"]


def test_whether_prediction_needs_no_scikit_learn(model, monkeypatch):
    import builtins

    real = builtins.__import__

    def refuse(name, *args, **kwargs):
        if name.startswith(("sklearn", "scipy")):
            raise ImportError(f"{name} imported at prediction time")
        return real(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", refuse)
    scores = model.scores(TEXTS)
    assert scores.shape == (len(TEXTS), 2) and np.isfinite(scores).all()
