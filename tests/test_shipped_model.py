"""The head in models/classifier is exactly what `resourcing train` builds from corpora/labelled."""

import filecmp

import pytest

from conftest import PROJECT_ROOT, SHARED_CORPORA
from nlp_pipeline.classify.shipped_model import train_from_labelled
from nlp_pipeline.taxonomy import load_taxonomy

SHIPPED = PROJECT_ROOT / "models" / "classifier"


@pytest.mark.shared
def test_whether_training_rebuilds_the_shipped_head_byte_for_byte(tmp_path):
    if not SHARED_CORPORA.is_dir():
        pytest.skip("../shared/corpora is absent: the copyrighted labelled passages cannot be rebuilt")
    train_from_labelled(PROJECT_ROOT / "corpora" / "labelled", load_taxonomy(), tmp_path)
    for name in ("hybrid.npz", "hybrid.json"):
        assert filecmp.cmp(tmp_path / name, SHIPPED / name, shallow=False), name
