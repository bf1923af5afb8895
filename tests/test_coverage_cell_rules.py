"""How a cell picks its status from its passages, pinned on the texts where the expert-read set found it wrong.

EU law is quoted (Decision 2011/833/EU); company reports are read from
../shared/corpora through label references or the analyzed document, and the
tests skip when it is absent.
"""

import json
from pathlib import Path

import pytest

from nlp_pipeline.aggregate import coverage_cells
from nlp_pipeline.aggregate.coverage import in_financial_notes
from nlp_pipeline.assess import assess_passages
from nlp_pipeline.records import AnalysedPassage, Block, BlockKind, CategoryScore, CoverageStatus, Document, DocumentKind
from nlp_pipeline.taxonomy import load_taxonomy

from conftest import shared_file
from test_assess_support import analysed_document, law, passage, passage_holding, shared_reference

LABELLED = Path(__file__).resolve().parents[1] / "corpora" / "labelled"
APPLE = "company/apple_environmental_progress_report_2024.md"
INTEL = "extended/company_pdf/Intel_Form_SD_Conflict_Minerals_Report_CY2025.pdf"
IBM = "extended/company_pdf/IBM_Conflict_Minerals_Report_CY2024.pdf"
INTEL_HELDOUT = LABELLED / "heldout" / "intel-form-sd-conflict-minerals-report-cy2025.jsonl"

# Regulation (EU) 2017/821 (Conflict Minerals Regulation) and Directive (EU) 2024/1760 (CSDDD).
CMR_RECITAL_3 = ("(3) Human rights abuses are common in resource-rich conflict-affected and high-risk areas and may include "
                 "child labour, sexual violence, the disappearance of people, forced resettlement and the destruction of "
                 "ritually or culturally significant sites.")
CMR_ARTICLE_11_1 = ("1. Member State competent authorities shall be responsible for carrying out appropriate ex-post checks in "
                    "order to ensure that Union importers of minerals or metals comply with the obligations set out in Articles 4 to 7.")
CMR_ARTICLE_11_5 = ("5. In order to ensure clarity of tasks and consistency of action among Member State competent authorities, the "
                    "Commission shall prepare non-binding guidelines in the form of a handbook detailing the steps to be followed by "
                    "Member State competent authorities carrying out the ex-post checks referred to in paragraph 1. Those guidelines "
                    "shall include, as appropriate, templates of documents facilitating the implementation of this Regulation.")
CSDDD_ARTICLE_20_3 = ("3. The Commission may complement Member State support measures, building on existing Union action to support "
                      "due diligence in the Union and in third countries, and may devise new measures, including facilitation of "
                      "industry or multi-stakeholder initiatives to help companies fulfil their obligations.")


def _document(kind):
    return Document(id="d" * 64, path="x", kind=kind, title="x", blocks=(Block("d" * 64, 0, "x", 1),), page_count=1)


def _cell(passages, category_id, kind, score=0.84):
    """The cell of one category over passages the classifier put on it at `score`."""
    assessments = assess_passages(passages)
    analysed = [AnalysedPassage(p, (CategoryScore(category_id, score, True),), a) for p, a in zip(passages, assessments)]
    return next(c for c in coverage_cells(_document(kind), analysed, load_taxonomy()) if c.category_id == category_id)


def _report_cell(passage, assessment, category_id, score=0.84):
    """The cell of one category in a company report holding only this passage, assessed in its document."""
    analysed = AnalysedPassage(passage, (CategoryScore(category_id, score, True),), assessment)
    return next(c for c in coverage_cells(_document(DocumentKind.REPORT), [analysed], load_taxonomy())
                if c.category_id == category_id)


def _shared_passage(relative, key):
    """The passage of a ../shared/corpora document that holds `key`, with its assessment in the document."""
    passages, assessments = analysed_document(shared_file(relative))
    return next((p, a) for p, a in zip(passages, assessments) if key in p.text)


def _report_cell_holding(relative, key, category_id, strength):
    """The one-passage report cell of the ../shared/corpora passage holding `key`, its own strength checked first."""
    passage, rated = _shared_passage(relative, key)
    assert rated.strength == strength
    return _report_cell(passage, rated, category_id)


def _set_by(cell, rule):
    return any(r.rule == rule for r in cell.evidence[0].reasons)


def _heldout_reference(label_id):
    row = next(json.loads(line) for line in INTEL_HELDOUT.read_text(encoding="utf-8").splitlines()
               if json.loads(line)["id"] == label_id)
    return shared_reference(row["source"], row["sha1"])


def test_whether_a_recital_alone_leaves_a_laws_cell_a_mention():
    recital = law(CMR_RECITAL_3, role="recital", section=("Recital (3)",))
    cell = _cell([recital], "RP.WORKER_PROTECTION", DocumentKind.LEGISLATION)
    # Child labour named among abuses in conflict areas: the act speaks of it and regulates nothing on it.
    assert cell.status is CoverageStatus.MENTIONED
    assert cell.evidence and any(r.rule == "coverage.explains_law" for r in cell.evidence[0].reasons)


def test_whether_an_article_still_sets_the_cell_beside_a_recital_and_leads_the_evidence():
    recital = law(CMR_RECITAL_3, role="recital", section=("Recital (3)",))
    article = law(CMR_ARTICLE_11_1, section=("Article 11", "1"), offset=500)
    cell = _cell([recital, article], "HR.GAP.IMPLEMENTATION", DocumentKind.LEGISLATION)
    assert cell.status is CoverageStatus.BINDING_ENFORCED
    assert cell.evidence[0].section == "Article 11 > 1"


def test_whether_a_power_granted_to_the_commission_counts_at_most_as_aspirational():
    article = law(CSDDD_ARTICLE_20_3, section=("Article 20", "3"))
    cell = _cell([article], "X.THIRD_COUNTRY_DIALOGUE", DocumentKind.LEGISLATION)
    assert cell.status is CoverageStatus.ASPIRATIONAL
    assert any(r.rule == "coverage.permission" for r in cell.evidence[0].reasons)


def test_whether_authorities_carrying_out_compliance_checks_is_enforcement_itself():
    checks = law(CMR_ARTICLE_11_1, section=("Article 11", "1"))
    handbook = law(CMR_ARTICLE_11_5, section=("Article 11", "5"), offset=300)
    rated_checks, rated_handbook = assess_passages([checks, handbook])
    assert rated_checks.strength == 4
    assert any(r.rule == "structure.enforcement_provision" for r in rated_checks.reasons)
    # The Commission's handbook for those checks is a procedure of the institutions, not a check.
    assert rated_handbook.strength == 2


def test_whether_a_reported_survey_result_is_specific_coverage_not_a_duty_to_report():
    text = _heldout_reference("intel-form-sd-conflict-minerals-report-cy2025-247")
    survey = passage(text, DocumentKind.REPORT, section=("Intel Responsible Minerals Sourcing Initiative",))
    # Ten further minerals surveyed, 68 % of suppliers answered: the programme's scope, reported as done.
    assert _cell([survey], "HR.GAP.SCOPE", DocumentKind.REPORT).status is CoverageStatus.SPECIFIC


def test_whether_3tg_is_a_name_and_not_a_figure_that_makes_a_passage_specific():
    text = _heldout_reference("intel-form-sd-conflict-minerals-report-cy2025-248")
    (rated,) = assess_passages([passage(text, DocumentKind.REPORT)])
    assert not rated.claims
    assert rated.strength <= 2  # next steps and an ultimate goal: the held-out label is 1


@pytest.fixture(scope="module")
def apple():
    return analysed_document(shared_file(APPLE))


def _holding(apple, key):
    passages, assessments = apple
    i = next(k for k, p in enumerate(passages) if key in p.text)
    return passages[i], assessments[i]


def test_whether_relying_on_industry_audit_programs_does_not_make_a_supplier_requirement_enforced(apple):
    passages, assessments = apple
    source = {"file": APPLE, "start": 71339, "end": 72132}
    i = passage_holding(passages, shared_reference(source, "04a70dd499ef"))
    # "We require our suppliers ..." with 100 % of smelters assessed, beside work with third-party audit programs.
    assert assessments[i].strength == 3
    assert not any(r.rule == "strength.enforceable_requirement" for r in assessments[i].reasons)


def test_whether_a_target_the_company_urges_on_legislators_is_not_its_own(apple):
    _, rated = _holding(apple, "2020 (EU)")
    figures = [c for c in rated.claims if c.value == 55]
    assert figures and all(c.owner == "third_party" for c in figures)
    assert not any(r.rule == "strength.own_target" for r in rated.reasons)


def test_whether_a_certificates_list_of_certification_bodies_is_not_a_published_sourcing_list(apple):
    _, rated = _holding(apple, "IQNet Partners")
    assert not any(r.rule == "strength.published_list" for r in rated.reasons)


def test_whether_an_acts_exceeding_the_average_number_of_employees_is_a_headcount_threshold():
    # Directive (EU) 2022/2464, Article 5(2)(a)(i): the first wave of undertakings, by headcount.
    text = ("(i) to large undertakings within the meaning of Article 3(4) of Directive 2013/34/EU which are public-interest "
            "entities as defined in point (1) of Article 2 of that Directive exceeding on their balance sheet dates the "
            "average number of 500 employees during the financial year;")
    (rated,) = assess_passages([law(text, section=("Article 5", "2", "(a)", "(i)"))])
    (fact,) = [f for f in rated.facts if f.kind == "threshold"]
    assert (fact.attribute, fact.comparator, fact.value) == ("employees", ">", 500)
    assert rated.polarity == "narrows"


def test_whether_an_independently_verified_result_shows_a_specific_cell_not_a_binding_one(apple):
    # Apple EPR 2024, the end notes: sites certified zero waste to landfill by a third party.
    # The check makes the result credible; nothing binds the company on waste.
    passages, assessments = apple
    verified, rated = next((p, a) for p, a in zip(passages, assessments) if "UL 2799" in p.text and p.section[0] == "End notes")
    assert any(r.rule == "strength.verified_results" for r in rated.reasons)
    cell = _report_cell(verified, rated, "CE.WASTE_PREVENTION")
    assert cell.status is CoverageStatus.SPECIFIC
    assert any(r.rule == "coverage.verified_result" for r in cell.evidence[0].reasons)


def test_whether_a_company_report_cell_stops_at_specific_even_on_its_enforced_supplier_contracts():
    # Intel Form SD CY2025, PDF p. 6 ("Design of Responsible Minerals Program"): sourcing requirements in
    # the standard supplier contract. The passage is rated 4 (a requirement with a contract behind it);
    # in the matrix the company's own account stays "specific": nothing outside the company binds it.
    cell = _report_cell_holding(INTEL, "standard template for supplier contracts", "RP.TRANSPARENCY", strength=4)
    assert cell.status is CoverageStatus.SPECIFIC
    assert _set_by(cell, "coverage.company_account")


def test_whether_a_limit_a_report_describes_narrows_its_cell_as_a_process():
    # IBM's 2024 filing, PDF p. 4-5: of its 245 SORs, those active in other schemes and those using only
    # recycled or scrap material are added to the conformant category. The 245 counts the programme; the
    # loophole is how the programme is run (both blind readings of the fourth fresh set: procedural, narrows).
    passage, rated = _shared_passage(IBM, "as part of the due diligence process for 245 SORs")
    assert rated.strength == 3 and rated.polarity == "narrows"
    cell = _report_cell(passage, rated, "HR.GAP.LOOPHOLES")
    assert (cell.status, cell.polarity.value) == (CoverageStatus.PROCEDURAL, "narrows")
    assert any(r.rule == "coverage.reported_limit" for r in cell.evidence[0].reasons)


def test_whether_a_figure_on_one_topic_does_not_make_the_passage_specific_on_another(apple):
    # Apple EPR 2024, "Prioritizing our efforts": an alloy of wholly recycled aluminium (the company's figure)
    # beside better tracking of materials (no figure). Scores and words as the shipped classifier gives them.
    from nlp_pipeline.records import CueMatch, KeyWords

    passages, assessments = apple
    found, rated = next((p, a) for p, a in zip(passages, assessments)
                        if "track key materials" in p.text and "Prioritizing our efforts" in p.section)
    scores = (CategoryScore("CE.RECYCLED_CONTENT", 0.98, True,
                            (CueMatch("recycled content"), KeyWords(("recycled", "recycled content", "content")))),
              CategoryScore("RP.TRANSPARENCY", 0.55, True,
                            (CueMatch("traceability"), KeyWords(("traceability", "supply", "supply chain")))))
    cells = {c.category_id: c for c in coverage_cells(_document(DocumentKind.REPORT), [AnalysedPassage(found, scores, rated)],
                                                       load_taxonomy())}
    assert rated.strength == 3
    assert cells["CE.RECYCLED_CONTENT"].status is CoverageStatus.SPECIFIC
    assert cells["RP.TRANSPARENCY"].status is CoverageStatus.PROCEDURAL
    assert any(r.rule == "coverage.figures_elsewhere" for r in cells["RP.TRANSPARENCY"].evidence[0].reasons)


CMR = "extended/eu_law/EU_Conflict_Minerals_Regulation_2017_821.pdf"


def _cell_of_chosen(document, chosen, category_id, kind):
    """The cell when the classifier puts only the chosen passages of a whole document on the category."""
    passages, assessments = document
    analysed = [AnalysedPassage(p, (CategoryScore(category_id, 0.84, i in chosen),), a)
                for i, (p, a) in enumerate(zip(passages, assessments))]
    return next(c for c in coverage_cells(_document(kind), analysed, load_taxonomy()) if c.category_id == category_id)


def test_whether_a_laws_binding_threshold_is_a_binding_carve_out_not_a_mention():
    # CMR Article 1(3): the Regulation does not apply to importers below the Annex I volume thresholds.
    # Enforced like the duties it limits, it is "binding and enforced, narrows": a binding loophole.
    document = analysed_document(shared_file(CMR))
    passages, _ = document
    i = next(k for k, p in enumerate(passages) if p.section[:2] == ("Article 1", "3"))
    cell = _cell_of_chosen(document, {i}, "HR.GAP.LOOPHOLES", DocumentKind.LEGISLATION)
    assert cell.status is CoverageStatus.BINDING_ENFORCED
    assert cell.polarity.value == "narrows"


def test_whether_a_companys_stance_against_the_roadmap_stays_a_mention():
    # Shareholder primacy in a report opposes HR.BUSINESS_MODEL; it is a stance, not a commitment of any strength.
    # The project's own wording.
    stance = passage("Our board runs the company to maximise long-term shareholder value.", doc_kind=DocumentKind.REPORT)
    cell = _cell([stance], "HR.BUSINESS_MODEL", DocumentKind.REPORT)
    assert cell.polarity.value == "opposes"
    assert cell.status is CoverageStatus.MENTIONED


STOP_THE_CLOCK = "extended/eu_law/COM_2025_80_Stop_the_clock_proposal.txt"


def test_whether_a_cell_whose_strongest_evidence_narrows_takes_that_evidences_strength():
    # COM(2025) 80: the new CSDDD Article 37(1) dates, each "from 26 July 2028 as regards companies ... with
    # more than 3 000 employees", are dated thresholds (3); the CSRD amendment instructions beside them bind
    # nothing by their words (2) and, by the act's reasons, postpone. The cell is as strong as its thresholds,
    # and says it narrows.
    from nlp_pipeline.ingest import read_document
    from nlp_pipeline.segment import segment_document

    act = read_document(shared_file(STOP_THE_CLOCK))
    passages = segment_document(act)
    # As the classifier put them on scope: the CSRD instructions and the CSDDD dates, not the lead-in.
    operative = [p.section[:1] == ("Article 1",) or (p.section[:1] == ("Article 2",) and "as regards" in p.text)
                 for p in passages]
    analysed = [AnalysedPassage(p, (CategoryScore("HR.GAP.SCOPE", 0.84, chosen),), a)
                for p, a, chosen in zip(passages, assess_passages(passages), operative)]
    cell = next(c for c in coverage_cells(act, analysed, load_taxonomy()) if c.category_id == "HR.GAP.SCOPE")
    assert cell.polarity.value == "narrows"
    assert cell.status is CoverageStatus.SPECIFIC


@pytest.mark.parametrize("text,narrows", [
    # The project's words: a programme confined to 3TG limits scope; one that names cobalt and mica reaches beyond.
    ("Our conflict minerals programme covers only tin, tantalum, tungsten and gold (3TG) in our products.", True),
    ("Our responsible minerals programme covers 3TG, cobalt and mica across our supply chain.", False),
])
def test_whether_a_programme_confined_to_3tg_narrows_scope(text, narrows):
    cell = _cell([passage(text, doc_kind=DocumentKind.REPORT)], "HR.GAP.SCOPE", DocumentKind.REPORT)
    assert (cell.polarity.value == "narrows") is narrows


def test_whether_a_passage_that_says_something_is_quoted_before_an_equally_strong_lead_in():
    # The project's words after CT REIT's 2022 ESG report (p. 26): the lead-in's table is not part of the quote.
    lead_in = passage("We engage regularly with our stakeholders; the main forms of engagement include:", offset=0)
    content = passage("We held quarterly meetings with the workers' committee at each site on safety concerns.", offset=100)
    cell = _cell([lead_in, content], "HR.ENGAGEMENT", DocumentKind.REPORT)
    assert cell.evidence[0].passage_id == content.id


@pytest.mark.parametrize("kind", [BlockKind.TABLE, BlockKind.PARAGRAPH])
def test_whether_a_sentence_is_quoted_before_an_equally_strong_table_row_or_fragment(kind):
    thin = passage("Works council | consultation of employee representatives | every site", offset=0, kind=kind) \
        if kind is BlockKind.TABLE else passage("We consult the works council at every site.", offset=0)
    sentence = passage("We consult the works council of every site before changes to shifts, and the "
                       "employee representatives take part in the annual review of working conditions.", offset=100)
    cell = _cell([thin, sentence], "HR.ENGAGEMENT", DocumentKind.REPORT)
    assert len({e.strength for e in cell.evidence}) == 1
    assert cell.evidence[0].passage_id == sentence.id


def test_whether_a_specific_cell_quotes_the_companys_own_result_before_a_process_told_with_numbers():
    # The project's words after Skyworks' 2025 filing, p. 2-3: a blind judge preferred the quote of the
    # result 13 times to 5 over 18 cells where this changed the quote.
    process = passage("We rely on our suppliers for origin data. Our due diligence measures include an audit of 12 "
                      "suppliers each year against the RMI lists.", offset=0)
    result = passage("In 2025 we confirmed that 100% of the smelters our suppliers identified were conformant to "
                     "an independent audit programme.", offset=200)
    cell = _cell([process, result], "RP.CONFLICT_FREE", DocumentKind.REPORT)
    assert {e.passage_id: e.strength for e in cell.evidence} == {process.id: 3, result.id: 3}
    assert cell.evidence[0].passage_id == result.id


MANZ = "extended/company_pdf/Manz_AG_Sustainability_Report_2023.pdf"


def test_whether_water_and_energy_saved_at_the_companys_sites_do_not_make_demand_reduction_specific():
    # Manz 2023, p. 23-24: water use down more than 15 %, absolute energy use down 9.3 %. Every expert set
    # reads such savings as efficiency; demand reduction counts materials and devices used.
    cell = _report_cell_holding(MANZ, "Absolute energy consumption across the Manz Group decreased", "CE.DEMAND_REDUCTION", 3)
    assert cell.status is not CoverageStatus.SPECIFIC
    assert _set_by(cell, "coverage.figures_off_subject")


SMA = "extended/company_pdf/SMA_Solar_Technology_Annual_Report_2023.pdf"


def test_whether_a_companys_own_waste_figures_do_not_make_collection_of_electronics_specific():
    # SMA's 2023 annual report, PDF p. 53: the recycling rate of the group's own waste and its share of
    # hazardous waste. Collection and recycling in the roadmap's sense is of discarded electronics, so on
    # that category the passage describes waste handling, a process (both blind readings of the fourth fresh set).
    own_waste = "the recycling rate was slightly lower than in the previous year"
    cell = _report_cell_holding(SMA, own_waste, "CE.COLLECTION_RECYCLING", strength=3)
    assert cell.status is CoverageStatus.PROCEDURAL
    assert _set_by(cell, "coverage.figures_off_subject")
    assert _report_cell_holding(SMA, own_waste, "CE.WASTE_PREVENTION", strength=3).status is CoverageStatus.SPECIFIC


def test_whether_a_take_back_figure_keeps_collection_specific():
    text = "In 2023 we collected 1,240 tonnes of e-waste from our customers through our take-back scheme."
    found = passage(text, section=("Product end of life",))
    rated = assess_passages([found])[0]
    assert rated.strength == 3
    assert _report_cell(found, rated, "CE.COLLECTION_RECYCLING").status is CoverageStatus.SPECIFIC


def test_whether_a_repair_figure_is_placed_on_repair_not_on_collection_through_the_words_both_share():
    # SMA, PDF p. 56: 97.4 % of repairs at the repair centre succeed. The word model put the passage on
    # collection through "devices", "components" and "product", words repair shares except "components",
    # which the figure's sentence does not name: the figure measures repair.
    from nlp_pipeline.records import CueMatch, KeyWords

    found, rated = _shared_passage(SMA, "the success rate of repairs carried out at the Repair Center")
    scores = (CategoryScore("CE.REPAIR", 0.84, True, (CueMatch("repairs"), KeyWords(("repair", "devices", "product")))),
              CategoryScore("CE.COLLECTION_RECYCLING", 0.5, True, (KeyWords(("devices", "components", "product")),)))
    cells = {c.category_id: c for c in coverage_cells(_document(DocumentKind.REPORT), [AnalysedPassage(found, scores, rated)],
                                                       load_taxonomy())}
    assert rated.strength == 3
    assert cells["CE.REPAIR"].status is CoverageStatus.SPECIFIC
    assert any(r.rule == "coverage.figures_elsewhere" for r in cells["CE.COLLECTION_RECYCLING"].evidence[0].reasons)


def test_whether_a_tax_rate_in_the_notes_to_the_financial_statements_is_accounting_not_a_commitment():
    # SMA, notes to the consolidated statements, "7. Income taxes": the reconciliation to the group's
    # effective tax rate, which accounting standards require of every group. Both blind readings of the
    # fourth fresh set: tax is a process in this report (a compliance system, no country-by-country data).
    cell = _report_cell_holding(SMA, "The effects of deviations between the relevant tax rates", "RP.TAX", strength=3)
    assert "NOTES SMA GROUP" in cell.evidence[0].section
    assert cell.status is CoverageStatus.PROCEDURAL
    assert _set_by(cell, "coverage.financial_notes")


@pytest.mark.parametrize("heading, notes", [
    ("NOTES SMA GROUP", True),
    ("Notes to the Consolidated Financial Statements", True),
    ("Notes to the accounts", True),
    ("Notes", False),  # a report's own end notes and sources
    ("Combined non-financial statement", False),
    ("Footnotes on methodology", False),
])
def test_whether_the_notes_to_financial_statements_are_told_from_other_notes(heading, notes):
    assert in_financial_notes(passage("x", section=(heading, "7. Income taxes"))) is notes


def test_whether_results_beside_a_counting_loophole_stand_on_due_diligence_quality():
    # IBM's 2024 filing, PDF p. 4-5: 245 SORs assessed, 94 % conformant, and sources using only recycled or
    # scrap material added to the conformant category. The counting rule is the loophole (read on
    # HR.GAP.LOOPHOLES, where the cell narrows); the aggregate results are what both blind readings of the
    # fourth fresh set took as specific evidence of due-diligence quality.
    passage, rated = _shared_passage(IBM, "as part of the due diligence process for 245 SORs")
    quality = _report_cell(passage, rated, "HR.GAP.DD_QUALITY")
    assert (quality.status, quality.polarity.value) == (CoverageStatus.SPECIFIC, "establishes")
    assert any(r.rule == "coverage.results_beside_limit" for r in quality.evidence[0].reasons)
    loophole = _report_cell(passage, rated, "HR.GAP.LOOPHOLES")
    assert loophole.polarity.value == "narrows"


def test_whether_a_cell_quotes_a_passage_on_its_subject_before_one_held_down_for_counting_something_else():
    # SMA, PDF p. 53 and 57: its own waste's recycling rate (held to a process on collection of electronics)
    # and its registration with the German WEEE register for the take-back of its devices. Both procedural;
    # the quote is the one about discarded electronics, whatever the classifier scored higher.
    own_waste, rated_waste = _shared_passage(SMA, "the recycling rate was slightly lower than in the previous year")
    register, rated_register = _shared_passage(SMA, "register also coordinates the provision of containers")
    analysed = [AnalysedPassage(own_waste, (CategoryScore("CE.COLLECTION_RECYCLING", 0.92, True),), rated_waste),
                AnalysedPassage(register, (CategoryScore("CE.COLLECTION_RECYCLING", 0.84, True),), rated_register)]
    cell = next(c for c in coverage_cells(_document(DocumentKind.REPORT), analysed, load_taxonomy())
                if c.category_id == "CE.COLLECTION_RECYCLING")
    assert cell.status is CoverageStatus.PROCEDURAL
    assert cell.evidence[0].passage_id == register.id



CT_REIT = "company_pdf/CT_REIT_2022_ESG_Report.pdf"


@pytest.mark.parametrize("key, category_id", [
    # CT REIT's 2022 ESG report, p. 17: the honey an on-site beehive yields is no count of people engaged,
    # nor of value kept where goods are made; p. 16: an employee volunteering allowance buys nothing locally.
    ("urban beekeeping program", "X.PUBLIC_ENGAGEMENT"),
    ("urban beekeeping program", "RP.LOCAL_DEVELOPMENT"),
    ("volunteering our time, skills and expertise", "RP.LOCAL_DEVELOPMENT"),
    # p. 25: the share of its own trustees and staff who signed its code of conduct is no purchasing result;
    # p. 24: a board's gender target is governance, not governance tied to sustainability. Both blind readings
    # of fresh5 call the two cells a process or less.
    ("annual sign-off of the Code of Conduct", "RP.PROCUREMENT"),
    ("comprised of at least 30% women", "RP.CORPORATE_GOVERNANCE"),
])
def test_whether_a_figure_outside_the_categorys_subject_leaves_a_community_programme_a_process(key, category_id):
    cell = _report_cell_holding(CT_REIT, key, category_id, strength=3)
    assert cell.status is CoverageStatus.PROCEDURAL
    assert _set_by(cell, "coverage.figures_off_subject")


@pytest.mark.shared
@pytest.mark.parametrize("relative, key, category_id", [
    # BHP's 2020 climate report, p. 34: verified carbon units bought from forest projects. Buying is local
    # development only when it is local; both blind readings of fresh5 call BHP's cell a process.
    ("company_pdf/BHP_Climate_Change_Report_2020.pdf", "additional verified carbon units", "RP.LOCAL_DEVELOPMENT"),
    # Samsung SDS's 2024 report, its table of the gender wage gap (100 % each year): equal pay between
    # groups, not pay measured against a decent level. The dev3 expert reading calls the cell procedural.
    ("extended/company/Samsung_SDS_Sustainability_Report_2024.md", "Gender wage gap 1)", "RP.LIVING_WAGE"),
    # BHP's 2020 climate report, p. 25: the footnote that almost all its energy use lies outside the UK
    # measures where energy is used, not that less is used; both fresh5 readings call the cell a process or less.
    ("company_pdf/BHP_Climate_Change_Report_2020.pdf", "Over 99.9 per cent of BHP", "CE.ENERGY_EFFICIENCY"),
    # Viscom's 2023 annual report, p. 56: its electricity use, beside the sentence that the effectiveness of its
    # conflict-minerals measures cannot be verified, says nothing of what due diligence found or disclosed.
    ("extended/company_pdf/Viscom_SE_Annual_Report_2023.pdf", "Total electricity consumption in 2023 amounted",
     "HR.GAP.DD_QUALITY"),
])
def test_whether_a_figure_on_another_subject_leaves_the_category_a_process(relative, key, category_id):
    cell = _report_cell_holding(relative, key, category_id, strength=3)
    assert cell.status is CoverageStatus.PROCEDURAL
    assert _set_by(cell, "coverage.figures_off_subject")


@pytest.mark.shared
def test_whether_a_fall_in_the_companys_own_energy_use_keeps_energy_efficiency_specific():
    # Manz 2023, p. 24-25: absolute energy consumption down 9.3 % on the year, the company's own result.
    cell = _report_cell_holding(MANZ, "Absolute energy consumption across the Manz Group decreased",
                                "CE.ENERGY_EFFICIENCY", strength=3)
    assert cell.status is CoverageStatus.SPECIFIC
    assert not _set_by(cell, "coverage.figures_off_subject")


@pytest.mark.shared
@pytest.mark.parametrize("key", [
    # Intel's 2025 Form SD, p. 9-10: 17 facilities its due diligence found not conformant, what the checks found;
    # p. 9: the 215 smelters it names, what it discloses of the chain (the category's "keeping quiet about
    # suppliers, smelters" is the gap; the milestone it carries is that supply chains are fully transparent).
    "we identified 17 smelter and refiner facilities",
    "an aggregate of 215 operational smelters",
])
def test_whether_what_due_diligence_found_or_disclosed_keeps_its_quality_specific(key):
    cell = _report_cell_holding(INTEL, key, "HR.GAP.DD_QUALITY", strength=3)
    assert cell.status is CoverageStatus.SPECIFIC
    assert not _set_by(cell, "coverage.figures_off_subject")


@pytest.mark.shared
def test_whether_money_pledged_to_the_communities_it_works_in_makes_local_development_specific():
    # CT REIT's 2022 ESG report, p. 16: a two-year funding pledge for inclusive play spaces in the
    # communities where the trust operates. Two blind readings call the cell specific on it.
    cell = _report_cell_holding(CT_REIT, "payable over two years", "RP.LOCAL_DEVELOPMENT", strength=3)
    assert cell.status is CoverageStatus.SPECIFIC
    assert not _set_by(cell, "coverage.figures_off_subject")



@pytest.mark.parametrize("text, status", [
    # Micron's 2025 filing: what suppliers must report is a term of its purchase orders, a purchasing measure.
    ("We also continued to incorporate our responsible minerals supplier requirements (i.e., that suppliers must "
     "report 100% of their supply chain and only source from Conformant smelters and refiners) into the terms and "
     "conditions of our purchase orders and supplier agreements.", CoverageStatus.SPECIFIC),
    # A standard's duty to disclose supplier relationships shows only that they must be reported on.
    ("The undertaking shall disclose 100% of its supplier relationships and its payment practices.", CoverageStatus.PROCEDURAL),
])
def test_whether_what_suppliers_must_report_under_purchase_orders_is_a_purchasing_measure(text, status):
    kind = DocumentKind.REPORT if "purchase orders" in text else DocumentKind.INITIATIVE
    assert _cell([passage(text, kind)], "RP.PROCUREMENT", kind).status is status


@pytest.mark.parametrize("text, status", [
    # The count of smelters suppliers named maps the chain (Tesla's 2025 filing, p. 10, in the project's words) ...
    ("In 2025 our suppliers identified more than 330 unique smelters and refiners across all CMRT responses we received.",
     CoverageStatus.PROCEDURAL),
    # ... their conformance says how clean of conflict the sourcing is (Skyworks' 2025 filing, p. 3).
    ("In 2025 we had a 100% 3TG supplier response rate, and our smelter supply chain was 100% conformant to the RMAP.",
     CoverageStatus.SPECIFIC),
])
def test_whether_a_count_of_smelters_named_is_no_conflict_free_result(text, status):
    assert _cell([passage(text, DocumentKind.REPORT)], "RP.CONFLICT_FREE", DocumentKind.REPORT).status is status


def test_whether_a_process_specific_through_its_figures_is_quoted_from_the_figure():
    # The project's words after Skyworks' 2025 filing, p. 3. Over 15 quotes this moved on the shared
    # documents, two blind judges preferred the figure's sentence 13 and 12 times, the old opening 2 and 3.
    text = ("The facilities we believe process our minerals are listed in Annex A. Our due diligence follows a "
            "documented policy. In 2025, 100% of the smelters our suppliers named were conformant to an "
            "independent audit programme.")
    cell = _cell([passage(text)], "RP.CONFLICT_FREE", DocumentKind.REPORT)
    (evidence,) = cell.evidence
    assert evidence.strength == 3
    assert any(r.rule == "strength.process_with_figures" for r in evidence.reasons)
    assert evidence.focus[0].startswith("In 2025, 100% of the smelters")
