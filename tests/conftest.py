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


COMPANY_PDF = "company_pdf/CostCo_Climate_Action_Plan.pdf"
TAXONOMY_REGULATION = "extended/eu_law/EU_Taxonomy_Regulation_2020_852.pdf"


@pytest.fixture(scope="session")
def taxonomy_regulation():
    """The EU Taxonomy Regulation's passages and assessments, read as `analyze` reads them."""
    from test_assess_support import analysed_document

    return analysed_document(shared_file(TAXONOMY_REGULATION))


@pytest.fixture(scope="session")
def checked_company_report(tmp_path_factory):
    """`resourcing check` run as a user runs it, in a 100-column terminal, on a shared company PDF.

    Returns (the printed summary, the output folder, the PDF). One run serves
    the terminal and browser tests: a check loads the classifier, which takes
    a few seconds.
    """
    import os
    import subprocess

    pdf = shared_file(COMPANY_PDF)
    out = tmp_path_factory.mktemp("check") / "costco-check"
    env = {**os.environ, "COLUMNS": "100", "PYTHONPATH": str(PROJECT_ROOT)}
    done = subprocess.run([sys.executable, "-m", "nlp_pipeline.cli.main", "check", str(pdf), "--out", str(out)],
                          capture_output=True, text=True, env=env, cwd=PROJECT_ROOT, timeout=300)
    assert done.returncode == 0, done.stderr
    return done.stdout, out, pdf
