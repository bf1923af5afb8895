import pytest

from nlp_pipeline.assess import assess_text
from nlp_pipeline.assess.patterns import make_doc
from nlp_pipeline.assess.procedures import procedures
from nlp_pipeline.records import DocumentKind as K


@pytest.mark.parametrize("text", [
    "We have a responsible minerals policy.",
    "All suppliers sign our supplier code of conduct.",
    "We conduct risk assessments of smelters.",
    "Workers can use a grievance mechanism.",
])
def test_whether_policies_and_processes_are_found(text):
    assert procedures(make_doc(text), text)


def test_whether_a_described_process_is_procedural():
    assert assess_text("We conduct risk assessments of our smelters.", K.REPORT).strength == 2


def test_whether_a_process_with_figures_is_specific():
    assert assess_text("Our supplier code of conduct was signed by 95% of suppliers.", K.REPORT).strength == 3
