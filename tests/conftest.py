import sys
from pathlib import Path

import pytest

PROJECT_ROOT = Path(__file__).resolve().parents[1]
SHARED = PROJECT_ROOT.parent / "shared"
SHARED_CORPORA = SHARED / "corpora"
DATA = Path(__file__).resolve().parent / "data"

if str(PROJECT_ROOT) not in sys.path:
    sys.path.insert(0, str(PROJECT_ROOT))


@pytest.fixture
def shared_corpora() -> Path:
    if not SHARED_CORPORA.is_dir():
        pytest.skip("../shared/corpora is absent: real-document tests need it")
    return SHARED_CORPORA


def shared_file(relative: str) -> Path:
    path = SHARED_CORPORA / relative
    if not path.exists():
        pytest.skip(f"../shared/corpora/{relative} is absent")
    return path
