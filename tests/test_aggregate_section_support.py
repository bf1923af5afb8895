"""Section support: a report's section carries its topic to a passage scoring just under the confident score."""

import pytest

from conftest import shared_file
from nlp_pipeline.aggregate.coverage import CONFIDENT_SCORE
from nlp_pipeline.aggregate.section_support import SUPPORTED_SCORE, with_section_support
from nlp_pipeline.records import (
    AnalysedPassage, Assessment, BlockKind, CategoryScore, DocumentKind, DutyMatch, Modality, Passage, SectionSupport,
)

CATEGORY = "CE.WASTE_PREVENTION"


def _passage(i, text, score, kind=DocumentKind.REPORT, section=("Environment", "Waste"), evidence=()):
    passage = Passage(f"d:{i}", "d", text, 26, 26, section, BlockKind.PARAGRAPH, 100 * i, 100 * i + len(text),
                      doc_kind=kind)
    return AnalysedPassage(passage, (CategoryScore(CATEGORY, score, True, evidence),),
                           Assessment(passage.id, 0, Modality.DESCRIPTIVE))


# Manz AG's sustainability report 2023 (p. 26), in the project's words.
GOAL = "Goal: continuously decrease waste volume per revenue compared to the previous year."
RESULT = "Waste in relation to total revenues decreased by 21.2 % to 2.06 metric tons per EUR million."


def test_whether_a_result_under_a_confidently_read_goal_takes_the_sections_topic():
    goal, result = with_section_support([_passage(0, GOAL, 0.79), _passage(1, RESULT, 0.44)])
    raised = result.scores[0]
    assert raised.score == CONFIDENT_SCORE
    assert SectionSupport("Environment > Waste", "d:0") in raised.evidence
    assert goal.scores[0].score == 0.79


@pytest.mark.parametrize("case,passages", [
    ("weaker than the supported score", [_passage(0, GOAL, 0.79), _passage(1, RESULT, SUPPORTED_SCORE - 0.05)]),
    ("another section", [_passage(0, GOAL, 0.79, section=("Energy",)), _passage(1, RESULT, 0.44)]),
    ("no section at all", [_passage(0, GOAL, 0.79, section=()), _passage(1, RESULT, 0.44, section=())]),
    ("a law's article", [_passage(0, GOAL, 0.79, kind=DocumentKind.LEGISLATION),
                         _passage(1, RESULT, 0.44, kind=DocumentKind.LEGISLATION)]),
    ("a rule, not the classifier, put the other passage there",
     [_passage(0, GOAL, CONFIDENT_SCORE, evidence=(DutyMatch("decrease", "waste"),)), _passage(1, RESULT, 0.44)]),
])
def test_whether_a_weak_passage_stays_where_the_classifier_put_it(case, passages):
    assert with_section_support(passages)[1].scores[0].score < CONFIDENT_SCORE, case


def test_whether_a_passage_supports_no_one_but_others():
    (alone,) = with_section_support([_passage(0, RESULT, 0.44)])
    assert alone.scores[0].score == 0.44


@pytest.mark.shared
def test_whether_manzs_waste_result_makes_its_waste_cell_specific():
    from nlp_pipeline.pipeline import analyze
    from nlp_pipeline.records import CoverageStatus

    manz = shared_file("extended/company_pdf/Manz_AG_Sustainability_Report_2023.pdf")
    analysis = analyze([manz], kind="report").analyses[0]
    cell = next(c for c in analysis.coverage if c.category_id == CATEGORY)
    assert cell.status is CoverageStatus.SPECIFIC
    assert "21.2" in cell.evidence[0].quote
