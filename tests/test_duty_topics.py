"""Provisions that address a category by what they require or grant (`duty_cues`, `addressed_by_narrowing`), on EU law.

The CSRD and the CSDDD are read from corpora/demo as analyze segments and
assesses them, with no classifier: whatever a category gets here, it gets from
the duty rule alone. The Conflict Minerals Regulation is read from
../shared/corpora and its test skips when that is absent.
"""

from dataclasses import replace
from pathlib import Path

import pytest

from nlp_pipeline.aggregate import coverage_cells, milestone_cells
from nlp_pipeline.aggregate.duty_topics import with_duty_topics
from nlp_pipeline.assess import assess_passages
from nlp_pipeline.records import (
    AnalysedPassage,
    Block,
    CoverageStatus,
    Document,
    DocumentKind,
    DutyType,
    MilestoneVerdict,
    Polarity,
    PracticeMatch,
)
from nlp_pipeline.taxonomy import load_taxonomy

from conftest import shared_file
from test_assess_support import analysed_document, law

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


@pytest.mark.parametrize("words", [
    "by assigning responsibility to senior management",  # Art 4(c)
    "reporting findings of the supply chain risk assessment to senior management",  # Art 5(1)(b)(i)
])
def test_whether_a_duty_to_put_due_diligence_under_senior_management_is_governance(words):
    # Both blind readings of the sixth set read the CMR's Art 4(c) and 5(1)(b) so: sustainability in how the
    # importer is governed, binding and enforced, though no directors' duty.
    passage = _holding(with_duty_topics(_unclassified(shared_file(CMR)), load_taxonomy()), words)
    assert "RP.CORPORATE_GOVERNANCE" in passage.categories


def _law_document():
    return Document(id="d" * 64, path="x", kind=DocumentKind.LEGISLATION, title="x", blocks=(Block("d" * 64, 0, "x", 1),),
                    page_count=1)


# Regulation (EU) 2017/821 (Conflict Minerals Regulation).
CMR_ARTICLE_1_3 = ("3. This Regulation shall not apply to Union importers of minerals or metals where their annual import volume "
                   "of each of the minerals or metals concerned is below the volume thresholds set out in Annex I. All volume "
                   "thresholds are set at a level that ensures that the vast majority, but no less than 95 %, of the total volumes "
                   "imported into the Union of each mineral and metal under the Combined Nomenclature code is subject to the "
                   "obligations of Union importers set out in this Regulation.")
CMR_ARTICLE_1_6 = "6. With the exception of Article 7(4), this Regulation shall not apply to recycled metals."
CMR_ARTICLE_6_2 = ("2. Union importers of metals shall be exempted from the obligation to carry out third-party audits pursuant "
                   "to paragraph 1 provided they make available substantive evidence, including third-party audit reports, "
                   "demonstrating that all smelters and refiners in their supply chain comply with this Regulation.")
CMR_ARTICLE_20_2 = "2. With the exception of the provisions referred to in paragraph 3, this Regulation shall apply from 9 July 2017."


def _ruled_categories(text, section):
    p = law(text, section=section)
    analysed = with_duty_topics([AnalysedPassage(p, (), assess_passages([p])[0])], load_taxonomy())
    return set(analysed[0].categories), analysed[0].assessment


def test_whether_an_acts_volume_threshold_is_a_loophole_and_a_limit_of_its_scope():
    categories, assessment = _ruled_categories(CMR_ARTICLE_1_3, ("Article 1", "3"))
    assert "threshold" in assessment.narrowing
    assert {"HR.GAP.SCOPE", "HR.GAP.LOOPHOLES"} <= categories


def test_whether_taking_recycled_metals_out_of_the_act_limits_its_coverage():
    categories, assessment = _ruled_categories(CMR_ARTICLE_1_6, ("Article 1", "6"))
    assert assessment.narrowing == ("non_application", "recycled_exemption")
    # The guideline tags a recycled-metal exemption as a loophole and as recycled content both.
    assert {"HR.GAP.SCOPE", "HR.GAP.LOOPHOLES", "CE.RECYCLED_CONTENT"} <= categories


def test_whether_an_exemption_of_other_materials_is_no_word_on_recycled_content():
    categories, assessment = _ruled_categories(CMR_ARTICLE_1_3, ("Article 1", "3"))
    assert "recycled_exemption" not in assessment.narrowing
    assert "CE.RECYCLED_CONTENT" not in categories


def test_whether_relief_from_one_obligation_is_a_loophole_not_a_scope_limit():
    # Art 6(2): importers sourcing from listed smelters need no third-party audit.
    categories, assessment = _ruled_categories(CMR_ARTICLE_6_2, ("Article 6", "2"))
    assert assessment.narrowing == ("exemption",)
    assert "HR.GAP.LOOPHOLES" in categories and "HR.GAP.SCOPE" not in categories


def test_whether_an_application_date_with_an_exception_for_other_provisions_grants_nothing():
    categories, assessment = _ruled_categories(CMR_ARTICLE_20_2, ("Article 20", "2"))
    assert assessment.polarity is Polarity.ESTABLISHES and not categories


def test_whether_the_scope_provision_of_a_reporting_act_binds_as_its_enforced_reporting_duties():
    # CSRD Art 1(1): the coordination measures "shall also apply" to insurers and
    # credit institutions; assurance and supervision reach the duty to report.
    passages, assessments = analysed_document(CSRD)
    at = next(i for i, p in enumerate(passages) if p.section == ("Article 1", "(1)", "3")
              and "shall also apply" in p.text)
    assert assessments[at].duty_type is DutyType.SCOPE
    assert assessments[at].strength == 4


def test_whether_the_conflict_minerals_regulation_is_binding_but_narrow_in_scope():
    from nlp_pipeline.classify.base import make_classifier
    from nlp_pipeline.pipeline import iter_analyses

    taxonomy = load_taxonomy()
    analysis = next(iter(iter_analyses([shared_file(CMR)], taxonomy, make_classifier("hybrid", taxonomy),
                                       kind=DocumentKind.LEGISLATION)))
    cell = next(c for c in analysis.coverage if c.category_id == "HR.GAP.SCOPE")
    # Art 1(8) brings by-products in; Art 1(3), (6) and (7) take small importers, recycled metals and old stocks out.
    assert (cell.status, cell.polarity) == (CoverageStatus.BINDING_ENFORCED, Polarity.NARROWS)


def test_whether_a_transition_plans_description_of_the_boards_role_is_procedural_governance():
    # CSDDD Art 22(1)(d): the plan "shall contain ... a description of the role of the
    # administrative, management and supervisory bodies": the role must be set out, no
    # director is bound to anything.
    from nlp_pipeline.aggregate import read_for_category
    from nlp_pipeline.taxonomy import category_index

    passages, assessments = analysed_document(CSDDD)
    at = next(i for i, p in enumerate(passages) if p.section == ("Article 22", "1", "(d)"))
    assert assessments[at].duty_type is DutyType.DISCLOSURE
    governance = category_index(load_taxonomy())["RP.CORPORATE_GOVERNANCE"]
    reading = read_for_category(AnalysedPassage(passages[at], (), assessments[at]), governance, score=0.9)
    assert reading.strength == 2
    # The plan itself stays a duty to act: "adopt and put into effect a transition plan".
    lead = next(i for i, p in enumerate(passages) if p.section == ("Article 22", "1") and "put into effect" in p.text)
    assert assessments[lead].duty_type is DutyType.CONDUCT


CMR_ARTICLE_17_2 = ("2. By 1 January 2023 and every three years thereafter, the Commission shall review the functioning and "
                    "effectiveness of this Regulation. That review shall take into account the impact of this Regulation on the "
                    "ground, including on the promotion and cost of responsible sourcing of the minerals within its scope from "
                    "conflict-affected and high-risk areas and the impact of this Regulation on Union economic operators, "
                    "including SMEs, as well as the accompanying measures outlined in the Joint Communication of 5 March 2014. "
                    "The Commission shall discuss the review report with the European Parliament and with the Council.")
CMR_ARTICLE_17_1 = ("1. By 30 June each year, Member States shall submit to the Commission a report on the implementation of this "
                    "Regulation and, in particular, on notices of remedial action issued by their competent authorities.")


def test_whether_a_dated_review_clause_of_the_commission_raises_the_legal_framework():
    categories, assessment = _ruled_categories(CMR_ARTICLE_17_2, ("Article 17", "2"))
    assert "RP.LEGAL_FRAMEWORK" in categories
    assert assessment.strength == 3  # dated: specific, as the expert read it


def test_whether_member_states_reporting_on_implementation_is_no_review_clause():
    categories, _ = _ruled_categories(CMR_ARTICLE_17_1, ("Article 17", "1"))
    assert "RP.LEGAL_FRAMEWORK" not in categories


def test_whether_act_and_object_must_meet_in_one_binding_clause():
    from nlp_pipeline.aggregate.duty_topics import duty_match

    from nlp_pipeline.taxonomy import categories

    transparency = next(c for c in categories(load_taxonomy()) if c.id == "RP.TRANSPARENCY")
    # The object in a sentence that binds no one, the act in another.
    assert duty_match("Obtaining value chain data can be hard for small suppliers. The undertaking shall disclose its "
                      "energy consumption.", transparency) is None
    # Act, then object, in one duty.
    assert duty_match("The undertaking shall disclose the smelters and refiners in its supply chain.", transparency)
    # A list point binds through its lead-in.
    assert duty_match("(a) map their own operations and those of their business partners;", transparency)
    # "chain of custody" names act and object at once.
    assert duty_match("Participants shall exercise due diligence on the chain of custody of the tin they use.", transparency)


# -- practices a company report names (`practice_cues`) ------------------------------------

MICRON = "extended/company/Micron_Conflict_Minerals_Report_CY2025.html"
IBM = "extended/company_pdf/IBM_Conflict_Minerals_Report_CY2024.pdf"


def _report():
    return Document(id="d" * 64, path="x", kind=DocumentKind.REPORT, title="x", blocks=(Block("d" * 64, 0, "x", 1),),
                    page_count=1)


def _categories_of(text):
    """The categories the practice rule alone puts a report sentence on (the project's own wording)."""
    from test_assess_support import passage

    (assessment,) = assess_passages([passage(text)])
    (analysed,) = with_duty_topics((AnalysedPassage(passage(text), (), assessment),), load_taxonomy())
    return set(analysed.categories)


def test_whether_removing_non_conformant_smelters_reports_a_sanction():
    assert "HR.GAP.SANCTIONS" in _categories_of(
        "Smelters that fail to become conformant are removed from our supply chain within six months.")


def test_whether_an_it_security_contract_termination_is_no_sanction():
    # Not a consequence for suppliers: an information-security rule for visitors and partner companies.
    assert "HR.GAP.SANCTIONS" not in _categories_of(
        "Visitors and partner companies must follow our security rules from the start to the termination of a contract.")


def test_whether_being_many_levels_removed_from_the_smelters_is_no_sanction():
    # The wording of conflict-minerals filings (Sonos 2025, p. 2), in the project's words: the distance to the
    # smelters, not a smelter removed.
    assert "HR.GAP.SANCTIONS" not in _categories_of(
        "As a downstream company we are many levels removed from the smelters and refiners in our supply chain.")


def test_whether_a_helpline_for_raising_concerns_is_an_avenue_for_remedy():
    assert "HR.GAP.REMEDY" in _categories_of(
        "Our ethics helpline is open to workers and suppliers, who can use it to report concerns about conflict minerals.")


@pytest.mark.parametrize("text, engages", [
    # The project's words after SMA's 2023 report (p. 32, 34) and Manz AG's 2023 report (p. 18, 40): dialogue with
    # its own workers or with the communities around its sites is company-level engagement of rights holders.
    ("In the reporting year the Managing Board held works meetings and a dialogue with employees at all sites.", True),
    ("We engage with the communities around our plants before each expansion and record their concerns.", True),
    # Investor and customer relations are not (the guideline leaves them out of the category).
    ("We held a dialogue with investors and analysts and engaged customers at trade fairs.", False),
    ("Employees completed safety training in the reporting year.", False),
    # Engagement with an alliance that supports communities far away, and a company-law procedure on employee
    # involvement, consult nobody (after Dell's 2018 report, p. 10, and Viscom's 2023 report, p. 20).
    ("Through our engagement with an industry alliance we support projects that benefit local communities in the "
     "region.", False),
    ("The employee involvement proceedings under the act on European companies must be completed first.", False),
])
def test_whether_dialogue_with_its_workers_or_neighbours_is_engagement_of_rights_holders(text, engages):
    assert ("HR.ENGAGEMENT" in _categories_of(text)) is engages


@pytest.mark.parametrize("text, purchases", [
    # The project's words after BHP's 2020 climate change report (p. 9, 32) and Micron's 2025 filing (p. 4).
    ("We established four new renewable power purchase agreements for our copper operations.", True),
    ("We issued a first tender for gas-fuelled bulk carriers to cut the emissions of the vessels we charter.", True),
    ("Our responsible minerals requirements are part of the terms and conditions of our purchase orders with suppliers.", True),
    # Terms of sale and a customer's order are no purchasing of the company's.
    ("Customers may cancel an order under our general terms and conditions of sale.", False),
])
def test_whether_what_its_purchase_orders_contracts_and_tenders_require_is_responsible_procurement(text, purchases):
    assert ("RP.PROCUREMENT" in _categories_of(text)) is purchases


def test_whether_a_reports_helpline_and_removals_are_read_in_a_real_filing():
    # Micron's 2025 conflict minerals report, section 2.2.1: the ethics and compliance helpline "can be used
    # to report issues relating to conflict minerals"; smelters failing to become conformant are "targeted for
    # removal" from its supply chain. No classifier: the practice rule alone.
    analysed = with_duty_topics(_unclassified(shared_file(MICRON), DocumentKind.REPORT), load_taxonomy())
    assert "HR.GAP.REMEDY" in _holding(analysed, "compliance helpline").categories
    assert "HR.GAP.SANCTIONS" in _holding(analysed, "targeted for removal").categories


def test_whether_a_contents_row_naming_a_grievance_mechanism_is_no_avenue_for_remedy():
    assert "HR.GAP.REMEDY" not in _categories_of("6. Grievance Mechanism | 7")


def test_whether_transitioning_away_from_a_non_conformant_smelter_reports_a_sanction():
    # The wording of conflict-minerals filings (IBM CY2024, p. 3), in the project's words.
    assert "HR.GAP.SANCTIONS" in _categories_of(
        "We worked with suppliers to transition away from using the non-conformant SOR in our supply chain.")


@pytest.mark.parametrize("text", [
    # The wording of conflict-minerals filings (IBM CY2024 p. 1, Microsoft 2025 p. 4), in the project's words.
    "The responsible minerals team sits in Global Procurement and reports to our Chief Procurement Officer.",
    "Our Director of Supply Chain Responsibility sponsors the cross-functional team that runs the programme.",
    "Progress is reviewed by the board's sustainability committee every quarter.",
])
def test_whether_who_answers_for_a_reports_programme_is_corporate_governance(text):
    assert "RP.CORPORATE_GOVERNANCE" in _categories_of(text)


def test_whether_an_executive_summary_is_no_governance():
    assert "RP.CORPORATE_GOVERNANCE" not in _categories_of(
        "The executive summary of this report lists the smelters we surveyed in 2024.")


def test_whether_governance_a_report_describes_shows_a_process_whatever_else_its_passage_says():
    # IBM's 2024 filing, PDF p. 1 and p. 4: the team's reporting line sits beside "highly committed" (1) in
    # one passage, and beside a dated requirement on suppliers (3) in another; on governance both describe
    # who answers for the programme, a process.
    analysed = with_duty_topics(_unclassified(shared_file(IBM), DocumentKind.REPORT), load_taxonomy())
    for key in ("reports to IBM", "reported to IBM Global Procurement executives"):
        held = _holding(analysed, key)
        assert "RP.CORPORATE_GOVERNANCE" in held.categories
        (cell,) = [c for c in coverage_cells(_report(), [held], load_taxonomy()) if c.category_id == "RP.CORPORATE_GOVERNANCE"]
        assert cell.status is CoverageStatus.PROCEDURAL
        assert any(r.rule == "coverage.reported_practice" for r in cell.evidence[0].reasons)


# -- limits of a company's own due diligence (`practice_cues` with polarity narrows) ---------------

MICROSOFT = "extended/company/Microsoft_Conflict_Minerals_Report_2025.html"
SAMSUNG_SDS = "extended/company/Samsung_SDS_Sustainability_Report_2024.md"
SMA = "extended/company_pdf/SMA_Solar_Technology_Annual_Report_2023.pdf"


def _cell_of(analysed_passage, category_id):
    (cell,) = [c for c in coverage_cells(_report(), [analysed_passage], load_taxonomy()) if c.category_id == category_id]
    return cell


def _ruled_report_sentence(text):
    from test_assess_support import passage

    (assessment,) = assess_passages([passage(text)])
    (analysed,) = with_duty_topics((AnalysedPassage(passage(text), (), assessment),), load_taxonomy())
    return analysed


@pytest.mark.parametrize("text, category_id", [
    # The project's words for what reports say of their own programmes (SMA Solar annual report 2023,
    # PDF p. 45; Cisco's 2025 Form SD, p. 5).
    ("Our supplier risk analysis is limited to direct suppliers of production material.", "HR.GAP.SCOPE"),
    ("Logistics and service suppliers were excluded from the country of origin inquiry.", "HR.GAP.SCOPE"),
    # Samsung SDS 2024, supply chain ESG; Microsoft 2025 CMR, p. 7 and p. 10.
    ("Suppliers rated excellent are exempted from the on-site inspection in the following year.", "HR.GAP.LOOPHOLES"),
    ("We excluded suppliers who did not report the use of 3TG in their products.", "HR.GAP.LOOPHOLES"),
    ("The other smelters were reasonably believed to source from outside the Covered Countries.", "HR.GAP.LOOPHOLES"),
])
def test_whether_a_limit_a_report_states_of_its_own_due_diligence_narrows_the_gap_category(text, category_id):
    analysed = _ruled_report_sentence(text)
    assert category_id in analysed.categories
    cell = _cell_of(analysed, category_id)
    assert (cell.status, cell.polarity) == (CoverageStatus.PROCEDURAL, Polarity.NARROWS)
    # The practice rule put it there, whatever other wording of the sentence also narrows.
    assert any(isinstance(e, PracticeMatch) for e in analysed.category_score(category_id).evidence)


@pytest.mark.parametrize("text", [
    # A list that is open, a sanction, a limit of the financial audit, a generic "only".
    "Our due diligence includes, but is not limited to, surveying suppliers and reviewing smelter audits.",
    "Smelters that refuse an audit are excluded from our supply chain.",
    "This audit extends only to the transfer of the financial statements into the electronic reporting format.",
    "We work only with suppliers who share our values.",
    "Our safety policy applies not only to our employees and suppliers but to every visitor.",
])
def test_whether_wording_that_only_looks_like_a_limit_of_due_diligence_is_no_gap(text):
    assert not {"HR.GAP.SCOPE", "HR.GAP.LOOPHOLES"} & _categories_of(text)


def test_whether_an_acts_exemption_from_audits_is_left_to_the_law_rules():
    # A law's exemption is read by `addressed_by_narrowing`, not as a company's practice.
    from test_assess_support import law as law_passage

    text = "Union importers shall be exempted from the obligation to carry out third-party audits of their suppliers."
    (assessment,) = assess_passages([law_passage(text)])
    passage = AnalysedPassage(law_passage(text), (), assessment)
    from nlp_pipeline.aggregate.duty_topics import practice_match

    taxonomy = load_taxonomy()
    loopholes = next(c for t in taxonomy.targets for c in t.categories if c.id == "HR.GAP.LOOPHOLES")
    assert practice_match(passage, loopholes) is not None  # the words are there ...
    (ruled,) = with_duty_topics((passage,), taxonomy)
    assert all(not isinstance(e, PracticeMatch) for s in ruled.scores for e in s.evidence)  # ... but no practice rule reads a law


@pytest.mark.parametrize("path, key", [
    # Microsoft's 2025 conflict minerals report, p. 7: suppliers reporting no 3TG are left out of the review.
    (MICROSOFT, "excluded suppliers who did not report"),
    # Samsung SDS's 2024 report, supply chain ESG: well-rated suppliers are spared next year's on-site inspection.
    (SAMSUNG_SDS, "exemptions from on-site inspections"),
])
def test_whether_a_real_reports_own_loophole_is_read_as_one(path, key):
    analysed = with_duty_topics(_unclassified(shared_file(path), DocumentKind.REPORT), load_taxonomy())
    held = _holding(analysed, key)
    assert "HR.GAP.LOOPHOLES" in held.categories
    assert _cell_of(held, "HR.GAP.LOOPHOLES").polarity is Polarity.NARROWS


def test_whether_reaching_indirect_suppliers_only_on_substantiated_knowledge_limits_the_scope():
    # SMA Solar's 2023 annual report, PDF p. 45: the risk analysis covers direct suppliers of direct material,
    # indirect suppliers only once there is substantiated knowledge of a possible violation (the German
    # supply chain act's limit).
    analysed = with_duty_topics(_unclassified(shared_file(SMA), DocumentKind.REPORT), load_taxonomy())
    held = _holding(analysed, "by indirect suppliers, we integrate them into the risk analysis")
    assert "HR.GAP.SCOPE" in held.categories
    cell = _cell_of(held, "HR.GAP.SCOPE")
    assert (cell.status, cell.polarity) == (CoverageStatus.PROCEDURAL, Polarity.NARROWS)


def test_whether_a_practice_polarity_must_be_one_the_cell_knows():
    from pydantic import ValidationError

    from nlp_pipeline.taxonomy.schema import PracticeCues

    assert PracticeCues(acts=["exempt*"], objects=["audit*"], polarity="narrows").polarity == "narrows"
    with pytest.raises(ValidationError):
        PracticeCues(acts=["exempt*"], objects=["audit*"], polarity="opposes")


@pytest.mark.parametrize("text,on", [
    # Manz 2023, p. 61, in the project's words: the company's own design for a long life.
    ("Most of our machines are designed for a very long service life and keep their resale value.", True),
    ("Our devices are built to last, which keeps materials in use longer.", True),
    # Another body's requirement names no practice of the company's.
    ("The delegated act asks for products designed for high durability.", False),
])
def test_whether_a_report_designing_for_a_long_life_addresses_product_lifetime(text, on):
    assert ("CE.PRODUCT_LIFETIME" in _categories_of(text)) is on


@pytest.mark.parametrize("text,on", [
    # Manz 2023, p. 40, in the project's words: a standing body the workforce elects.
    ("The employee representatives at our German site are elected by the workforce and speak for all staff.", True),
    ("Members of the supervisory board are elected by the shareholders' meeting.", False),
])
def test_whether_representatives_the_workforce_elects_are_engagement(text, on):
    assert ("HR.ENGAGEMENT" in _categories_of(text)) is on
