"""A guidance's examples and a standard's back matter illustrate a topic; they do not set its cell.

And a standard's duty to disclose a measured quantity counts as a result on the topic it measures.

Pinned on EFRAG IG 1 (materiality assessment implementation guidance, 2024)
and the EFRAG VSME (2024), read from ../shared/corpora by file and page; the
tests skip when it is absent. No text of either is kept here beyond a few
words used to find a passage.
"""

import pytest

from nlp_pipeline.aggregate import coverage_cells
from nlp_pipeline.aggregate.illustrations import only_in_examples
from nlp_pipeline.records import (
    AnalysedPassage,
    Block,
    CategoryScore,
    CoverageStatus,
    CueMatch,
    Document,
    DocumentKind,
    KeyWords,
)
from nlp_pipeline.taxonomy import load_taxonomy

from conftest import shared_file
from test_assess_support import analysed_document

IG1 = "extended/industry/EFRAG_IG1_Materiality_Assessment_Implementation_Guidance_2024.pdf"
VSME = "extended/industry/EFRAG_VSME_Standard_2024.pdf"


def _document():
    return Document(id="d" * 64, path="x", kind=DocumentKind.INITIATIVE, title="x", blocks=(Block("d" * 64, 0, "x", 1),),
                    page_count=1)


def _cell(document, chosen, category_id, cues=()):
    """The cell of one category when the classifier puts only the chosen passages on it, on these cue terms."""
    passages, assessments = document
    evidence = tuple(CueMatch(c) for c in cues)
    analysed = [AnalysedPassage(p, (CategoryScore(category_id, 0.84, i in chosen, evidence),), a)
                for i, (p, a) in enumerate(zip(passages, assessments))]
    return next(c for c in coverage_cells(_document(), analysed, load_taxonomy()) if c.category_id == category_id)


def _at(document, page, opening):
    passages, _ = document
    return next(i for i, p in enumerate(passages) if p.page_start == page and p.text.lstrip().startswith(opening))


@pytest.fixture(scope="module")
def ig1():
    return analysed_document(shared_file(IG1))


@pytest.fixture(scope="module")
def vsme():
    return analysed_document(shared_file(VSME))


def test_whether_a_list_point_going_on_with_a_guidances_examples_only_mentions_its_topic(ig1):
    # IG 1 p. 38: after "Examples of such cases include", point (c) names an energy producer
    # lowering the cost of renewable energy. The guidance asks nothing about renewable energy.
    i = _at(ig1, 38, "(c) for a positive impact")
    cell = _cell(ig1, {i}, "CE.RENEWABLE_ENERGY")
    assert cell.status is CoverageStatus.MENTIONED
    assert any(r.rule == "coverage.illustrates" for r in cell.evidence[0].reasons)


def test_whether_a_topic_named_only_after_such_as_in_a_guidance_example_is_a_mention(ig1):
    # IG 1 p. 38: "Another example of contributing to an impact is ... such as by changing requirements to suppliers".
    passages, _ = ig1
    i = _at(ig1, 38, "Another example of contributing")
    assert only_in_examples(passages[i].text, ["suppliers"])
    assert _cell(ig1, {i}, "RP.PROCUREMENT", cues=["suppliers"]).status is CoverageStatus.MENTIONED


def test_whether_a_requirement_naming_its_topic_outside_the_example_still_covers_it(ig1):
    # The same guidance, p. 26: the Accounting Directive makes Member States require informing workers'
    # representatives; the "for example" in that passage is about consulting stakeholders.
    passages, _ = ig1
    i = next(k for k, p in enumerate(passages) if p.page_start == 26 and "Social dialogue with workers" in p.text)
    assert not only_in_examples(passages[i].text, ["workers' representatives", "social dialogue"])


def test_whether_a_standards_list_of_possible_sustainability_issues_does_not_set_a_cell(vsme):
    # VSME Appendix B lists possible sustainability issues, health and safety among them (p. 49-50).
    passages, _ = vsme
    appendix = {i for i, p in enumerate(passages) if "Appendix B" in " ".join(p.section)}
    assert appendix
    cell = _cell(vsme, appendix, "RP.WORKER_PROTECTION")
    assert cell.status is CoverageStatus.MENTIONED


def _holding(document, page, words):
    passages, _ = document
    return next(i for i, p in enumerate(passages) if p.page_start == page and words in p.text)


def test_whether_a_standards_duty_to_disclose_energy_use_in_mwh_is_specific(vsme):
    # VSME p. 9, B3 paragraph 29: total energy consumption in MWh, broken down.
    # The passage stays a process (the training labels rate it 2); the energy cell reads the figure asked for as 3.
    _, assessments = vsme
    i = _holding(vsme, 9, "total energy consumption in MWh")
    assert assessments[i].strength == 2
    cell = _cell(vsme, {i}, "CE.ENERGY_EFFICIENCY", cues=["energy consumption"])
    assert cell.status is CoverageStatus.SPECIFIC
    assert any(r.rule == "coverage.quantified_disclosure" for r in cell.evidence[0].reasons)


def test_whether_a_yes_no_disclosure_beside_a_waste_figure_stays_a_process_for_circular_models(vsme):
    # VSME p. 10, B7 paragraphs 37-38: whether circular economy principles apply (yes/no), then waste in total.
    i = _holding(vsme, 10, "circular economy principles")
    assert _cell(vsme, {i}, "CE.WASTE_PREVENTION", cues=["waste"]).status is CoverageStatus.SPECIFIC
    assert _cell(vsme, {i}, "CE.BUSINESS_MODEL", cues=["circular economy"]).status is CoverageStatus.PROCEDURAL


def test_whether_a_guidances_narrative_disclosure_is_no_quantified_metric(ig1):
    # IG 1 p. 26: Member States require informing workers' representatives; nothing is measured.
    i = _holding(ig1, 26, "Social dialogue with workers")
    cell = _cell(ig1, {i}, "RP.FREEDOM_OF_ASSOCIATION")
    assert cell.status is CoverageStatus.PROCEDURAL
    assert not any(r.rule == "coverage.quantified_disclosure" for r in cell.evidence[0].reasons)


def test_whether_a_list_point_going_on_with_a_duty_to_disclose_asks_its_figure_too(vsme):
    # VSME p. 10, B7 paragraph 38(b): the total annual waste diverted to recycling or reuse, a point of the
    # "shall disclose" before it; it has no verb of its own.
    passages, _ = vsme
    i = next(k for k, p in enumerate(passages) if p.page_start == 10 and p.text.lstrip().startswith("(b) the total annual waste"))
    cell = _cell(vsme, {i}, "CE.COLLECTION_RECYCLING", cues=["recycling"])
    assert cell.status is CoverageStatus.SPECIFIC


def test_whether_a_guidances_table_of_topics_only_mentions_them(ig1):
    # IG 1 p. 15: the table of ESRS topics, subtopics and sub-subtopics (child labour, forced labour, ...).
    passages, _ = ig1
    i = next(k for k, p in enumerate(passages) if p.page_start == 15 and p.kind.value == "table" and "Child labour" in p.text)
    cell = _cell(ig1, {i}, "RP.WORKER_PROTECTION", cues=["child labour"])
    assert cell.status is CoverageStatus.MENTIONED
    assert any(r.rule == "coverage.illustrates" for r in cell.evidence[0].reasons)


def _milestone(document, chosen, category_id, milestone_id, cues=()):
    """The verdict on one milestone when the classifier puts only the chosen passages on its category."""
    from nlp_pipeline.aggregate import DocumentReading, milestone_cells

    passages, assessments = document
    evidence = tuple(CueMatch(c) for c in cues)
    analysed = [AnalysedPassage(p, (CategoryScore(category_id, 0.84, i in chosen, evidence),), a)
                for i, (p, a) in enumerate(zip(passages, assessments))]
    reading = DocumentReading.of(analysed)
    cells = coverage_cells(_document(), analysed, load_taxonomy(), reading=reading)
    return next(m for m in milestone_cells(cells, load_taxonomy(), analysed, reading) if m.milestone_id == milestone_id)


def test_whether_the_case_after_an_inline_examples_heading_only_mentions_its_topic(ig1):
    # IG 1 p. 48-49: "Examples on disaggregation criteria" runs on inside a paragraph; the garment
    # undertaking paying below adequate wages in one country is the example's case, in the next list item.
    i = _holding(ig1, 49, "below the adequate wages")
    cell = _cell(ig1, {i}, "RP.LIVING_WAGE", cues=["adequate wages"])
    assert cell.status is CoverageStatus.MENTIONED
    assert any(r.rule == "coverage.illustrates" for r in cell.evidence[0].reasons)


def test_whether_a_milestone_reads_a_list_item_going_on_with_an_example_as_the_cell_does(ig1):
    i = _holding(ig1, 49, "below the adequate wages")
    verdict = _milestone(ig1, {i}, "RP.LIVING_WAGE", "RP.2025.LIVING_WAGE", cues=["adequate wages"])
    assert verdict.verdict.value == "not_met"


def test_whether_a_sentence_announcing_examples_hands_the_rest_of_the_passage_to_them():
    from nlp_pipeline.aggregate.illustrations import only_in_examples

    # The wording of IG 1 p. 53 and p. 13, cut short.
    assert only_in_examples("This is further illustrated as follows. (a) For an accident, such as an oil spill, "
                            "the undertaking is expected to consider pollution.", ["pollution"])
    assert only_in_examples("The examples on next page include negative and positive impacts. (a) An oil and gas "
                            "undertaking identifies a material impact on indigenous people.", ["indigenous people"])
    assert not only_in_examples("Undertakings shall disclose pollution. For example, emissions to air.", ["pollution"])


def test_whether_the_documents_own_vocabulary_does_not_hide_an_example(ig1):
    # IG 1 p. 38: "For example, several factories locally release harmful emissions ... affect the quality of
    # the air in the local community". The word model's words include "undertaking", which this guidance uses
    # in most of its paragraphs and which stands outside the example.
    passages, _ = ig1
    i = _holding(ig1, 38, "several factories locally release")
    words = KeyWords(("harmful", "community", "undertaking"))
    analysed = [AnalysedPassage(p, (CategoryScore("RP.COMMUNITIES_ENVIRONMENT", 0.84, k == i, (words,)),), a)
                for k, (p, a) in enumerate(zip(*ig1))]
    cell = next(c for c in coverage_cells(_document(), analysed, load_taxonomy())
                if c.category_id == "RP.COMMUNITIES_ENVIRONMENT")
    assert cell.status is CoverageStatus.MENTIONED


def test_whether_a_disclosed_figure_is_a_process_toward_a_milestone(vsme):
    # VSME p. 10, B10: the percentage of employees covered by collective bargaining agreements. The cell
    # reads the figure asked for as specific; toward "more workers ... covered by collective agreements"
    # the standard asks it to be reported, not raised: a process, which is no step toward a measured
    # change (the dev2 expert: "coverage reported, no aim to raise it").
    i = _holding(vsme, 10, "collective bargaining agreements")
    assert _cell(vsme, {i}, "RP.FREEDOM_OF_ASSOCIATION", cues=["collective bargaining"]).status is CoverageStatus.SPECIFIC
    verdict = _milestone(vsme, {i}, "RP.FREEDOM_OF_ASSOCIATION", "RP.2030.FREEDOM_OF_ASSOCIATION",
                         cues=["collective bargaining"])
    assert verdict.verdict.value == "not_met"
    assert "milestone.not_measured" in {r.rule for r in verdict.reasons}
    assert "collective bargaining" in verdict.evidence[0].quote


BHP_2020 = "company_pdf/BHP_Climate_Change_Report_2020.pdf"


def test_whether_a_reports_glossary_only_mentions_the_topics_it_defines():
    # BHP Climate Change Report 2020, p. 45: the glossary's "HSEC Health, Safety, Environment and Community".
    report = analysed_document(shared_file(BHP_2020))
    passages, _ = report
    i = next(k for k, p in enumerate(passages) if p.page_start == 45 and p.text.lstrip().startswith("HSEC"))
    assert passages[i].doc_kind is DocumentKind.REPORT
    cell = _cell(report, {i}, "RP.WORKER_PROTECTION", cues=["health"])
    assert cell.status is CoverageStatus.MENTIONED
    assert any(r.rule == "coverage.illustrates" for r in cell.evidence[0].reasons)


SMA_2023 = "extended/company_pdf/SMA_Solar_Technology_Annual_Report_2023.pdf"


@pytest.fixture(scope="module")
def sma():
    return analysed_document(shared_file(SMA_2023))


def _report_cell(document, chosen, category_id):
    passages, assessments = document
    analysed = [AnalysedPassage(p, (CategoryScore(category_id, 0.84, i in chosen),), a)
                for i, (p, a) in enumerate(zip(passages, assessments))]
    report = Document(id="d" * 64, path="x", kind=DocumentKind.REPORT, title="x", blocks=(Block("d" * 64, 0, "x", 1),),
                      page_count=1)
    return next(c for c in coverage_cells(report, analysed, load_taxonomy()) if c.category_id == category_id)


def _in_section(document, page, words):
    passages, _ = document
    return next(i for i, p in enumerate(passages) if p.page_start == page and words in p.section_path)


def test_whether_the_auditors_report_on_the_pay_report_shows_nothing_the_company_does(sma):
    # SMA Solar 2023, p. 187: the auditor's "Responsibilities of the auditor" for the remuneration report.
    i = _in_section(sma, 187, "Responsibilities of the auditor")
    for category_id in ("HR.GAP.DD_QUALITY", "RP.TRANSPARENCY"):
        cell = _report_cell(sma, {i}, category_id)
        assert cell.status is CoverageStatus.MENTIONED
        assert any(r.rule == "coverage.illustrates" for r in cell.evidence[0].reasons)


def test_whether_an_assurance_report_on_the_non_financial_statement_shows_its_results_were_checked(sma):
    # SMA Solar 2023, p. 175: limited assurance on the combined non-financial statement. It is evidence for the
    # category that takes assurance as evidence (HR.GAP.DD_QUALITY: evidenced_by_assurance), and only there.
    i = _in_section(sma, 175, "Responsibility of the auditor")
    assert _report_cell(sma, {i}, "HR.GAP.DD_QUALITY").status is CoverageStatus.PROCEDURAL
    assert _report_cell(sma, {i}, "RP.CORPORATE_GOVERNANCE").status is CoverageStatus.MENTIONED


CT_REIT_2022 = "company_pdf/CT_REIT_2022_ESG_Report.pdf"
BHP_2020 = "company_pdf/BHP_Climate_Change_Report_2020.pdf"


@pytest.mark.parametrize("relative, page, words", [
    # CT REIT 2022, p. 6: limited assurance on selected figures of its environmental data appendix.
    (CT_REIT_2022, 6, "third-party limited assurance with respect to certain"),
    # BHP 2020, p. 43: the practitioner's procedures on the climate report's metrics and scenarios.
    (BHP_2020, 43, "Undertaking analytical procedures of the Metrics"),
])
def test_whether_assurance_of_climate_or_environmental_figures_is_no_check_of_due_diligence(relative, page, words):
    # Both blind readings of the fresh5 set read each as a mention of due diligence quality.
    document = analysed_document(shared_file(relative))
    cell = _report_cell(document, {_holding(document, page, words)}, "HR.GAP.DD_QUALITY")
    assert cell.status is CoverageStatus.MENTIONED
    assert any(r.rule == "coverage.illustrates" for r in cell.evidence[0].reasons)


def test_whether_a_reports_gri_index_only_mentions_its_topics(sma):
    # SMA Solar 2023, p. 76: a GRI index row on occupational health and safety.
    i = _in_section(sma, 76, "GRI Index")
    assert _report_cell(sma, {i}, "RP.WORKER_PROTECTION").status is CoverageStatus.MENTIONED


def _report_cell_of(text):
    from nlp_pipeline.assess import assess_passages
    from test_assess_support import passage

    p = passage(text, DocumentKind.REPORT, section=("Climate",))
    (a,) = assess_passages([p])
    return a, _report_cell(([p], [a]), {0}, "CE.RENEWABLE_ENERGY")


def test_whether_a_report_passage_standing_on_others_figures_only_mentions_its_topic():
    # A climate-risk table row, in the project's words.
    a, cell = _report_cell_of("Market risk: higher energy costs as the grid moves to renewable power, estimated at "
                              "EUR 12 million a year under the transition scenario.")
    assert any(r.rule == "strength.context_figures" and r.span.startswith("scenario") for r in a.reasons)
    assert cell.status is CoverageStatus.MENTIONED
    assert any(r.rule == "coverage.illustrates" for r in cell.evidence[0].reasons)


def test_whether_the_companys_own_figure_still_sets_its_cell():
    _, cell = _report_cell_of("In 2023 our sites drew 64 % of their electricity from renewable sources.")
    assert cell.status is CoverageStatus.SPECIFIC
