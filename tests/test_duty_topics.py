"""A duty that addresses a category by what it requires (`duty_cues` in the taxonomy), pinned on EU law.

The CSRD and the CSDDD are read from corpora/demo as analyze segments and
assesses them, with no classifier: whatever a category gets here, it gets from
the duty rule alone. The Conflict Minerals Regulation is read from
../shared/corpora and its test skips when that is absent.
"""

from dataclasses import replace
from pathlib import Path

from nlp_pipeline.aggregate import coverage_cells, milestone_cells
from nlp_pipeline.aggregate.duty_topics import with_duty_topics
from nlp_pipeline.records import AnalysedPassage, Block, CoverageStatus, Document, DocumentKind, MilestoneVerdict
from nlp_pipeline.taxonomy import load_taxonomy

from conftest import shared_file
from test_assess_support import analysed_document

DEMO = Path(__file__).resolve().parents[1] / "corpora" / "demo"
CSRD = DEMO / "csrd_2022_2464.html"
CSDDD = DEMO / "csddd_2024_1760.html"
CMR = "extended/eu_law/EU_Conflict_Minerals_Regulation_2017_821.pdf"


def _unclassified(path, kind=DocumentKind.LEGISLATION):
    """The document's passages with their assessments and no classifier scores."""
    passages, assessments = analysed_document(path)
    return tuple(AnalysedPassage(replace(p, doc_kind=kind), (), a) for p, a in zip(passages, assessments))


def _holding(analysed, words):
    return next(p for p in analysed if words in p.text.replace("\u2019", "'"))


def _on_transparency(analysed, words):
    taxonomy = load_taxonomy()
    passage = _holding(with_duty_topics(analysed, taxonomy), words)
    return "RP.TRANSPARENCY" in passage.categories


def test_whether_the_csrd_duty_to_report_on_the_value_chain_is_supply_chain_transparency():
    # Art 19a(3) of Directive 2013/34/EU as inserted: the sustainability
    # statement "shall contain information about ... its value chain,
    # including ... its business relationships and its supply chain".
    taxonomy = load_taxonomy()
    analysed = with_duty_topics(_unclassified(CSRD), taxonomy)
    assert "RP.TRANSPARENCY" in _holding(analysed, "shall contain information about the undertaking's own operations").categories
    cells = coverage_cells(_law_document(), analysed, taxonomy)
    cell = next(c for c in cells if c.category_id == "RP.TRANSPARENCY")
    assert cell.status is CoverageStatus.BINDING_ENFORCED
    assert "duty:information about + value chain" in [str(e) for p in analysed for s in p.scores
                                                       if s.category_id == "RP.TRANSPARENCY" for e in s.evidence]
    verdict = next(m for m in milestone_cells(cells, taxonomy, analysed) if m.milestone_id == "RP.2025.TRANSPARENCY")
    assert verdict.verdict is MilestoneVerdict.MET


def test_whether_the_csddd_duty_to_map_business_partners_is_supply_chain_transparency():
    # Art 8(2)(a): companies shall "map their own operations ... and ... those
    # of their business partners": mapping past the first tier.
    assert _on_transparency(_unclassified(CSDDD), "(a) map their own operations")


def test_whether_a_recital_on_the_value_chain_enacts_no_transparency_duty():
    # Recital (33) says the same of reported information in "should".
    assert not _on_transparency(_unclassified(CSRD), "Reported sustainability information should also take into account")


def test_whether_a_company_report_is_left_to_the_classifier():
    # The same words in a report describe a company's programme, not a duty laid on it.
    assert not _on_transparency(_unclassified(CSRD, DocumentKind.REPORT), "shall contain information about the undertaking's own operations")


def test_whether_reporting_to_senior_management_is_no_disclosure_along_the_chain():
    analysed = _unclassified(shared_file(CMR))
    # Art 5(1)(b)(i): internal reporting of the risk assessment's findings.
    assert not _on_transparency(analysed, "reporting findings of the supply chain risk assessment to senior management")
    # Art 7(3): public annual reporting on supply chain due diligence.
    assert _on_transparency(analysed, "publicly report as widely as possible")


def _law_document():
    return Document(id="d" * 64, path="x", kind=DocumentKind.LEGISLATION, title="x", blocks=(Block("d" * 64, 0, "x", 1),),
                    page_count=1)
