"""The head in models/classifier is what `resourcing train` builds from corpora/labelled.

The card (categories, vocabulary, exemplar ids, training counts) must match
exactly; the weights must match to within float noise, because the embedding
table is rebuilt from the packaged MiniLM by whatever torch and transformers
the machine has, and their kernels differ in the last digits between releases.
"""

import json

import numpy as np
import pytest

from conftest import PROJECT_ROOT, SHARED_CORPORA
from nlp_pipeline.classify.shipped_model import train_from_labelled
from nlp_pipeline.taxonomy import load_taxonomy

SHIPPED = PROJECT_ROOT / "models" / "classifier"
# Measured between two library versions: at most 6e-4 on a weight; a real
# change of data or features moves weights by orders of magnitude more.
WEIGHT_TOLERANCE = 2e-3
# The calibration is an isotonic step curve: its knots jump when two training
# scores swap places by float noise, so it is compared as a function. Between
# a table built on two CPUs: mean 6e-5, at most 0.031 over one narrow step.
CALIBRATION_MEAN_TOLERANCE = 1e-3
CALIBRATION_MAX_TOLERANCE = 0.05
CALIBRATION_ARRAYS = {"calibration_x", "calibration_y"}


@pytest.mark.shared
def test_whether_training_rebuilds_the_shipped_head(tmp_path):
    if not SHARED_CORPORA.is_dir():
        pytest.skip("../shared/corpora is absent: the copyrighted labelled passages cannot be rebuilt")
    train_from_labelled(PROJECT_ROOT / "corpora" / "labelled", load_taxonomy(), tmp_path)
    card = json.loads((tmp_path / "hybrid.json").read_text())
    assert card == json.loads((SHIPPED / "hybrid.json").read_text())
    with np.load(tmp_path / "hybrid.npz") as rebuilt, np.load(SHIPPED / "hybrid.npz") as shipped:
        assert sorted(rebuilt.files) == sorted(shipped.files)
        for name in set(shipped.files) - CALIBRATION_ARRAYS:
            assert rebuilt[name].shape == shipped[name].shape, name
            assert np.allclose(rebuilt[name].astype(float), shipped[name].astype(float), atol=WEIGHT_TOLERANCE), name
        if CALIBRATION_ARRAYS <= set(shipped.files):
            scores = np.linspace(0.0, 1.0, 2001)
            gap = np.abs(np.interp(scores, rebuilt["calibration_x"], rebuilt["calibration_y"])
                         - np.interp(scores, shipped["calibration_x"], shipped["calibration_y"]))
            assert gap.mean() <= CALIBRATION_MEAN_TOLERANCE and gap.max() <= CALIBRATION_MAX_TOLERANCE
