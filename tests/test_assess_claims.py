"""Targets and results as claims: whose figure it is decides whether it is specific."""

import pytest

from conftest import SHARED_CORPORA
from nlp_pipeline.assess import assess_passages, assess_text
from nlp_pipeline.assess.claims import claims
from nlp_pipeline.records import ClaimKind, Owner

from test_assess_support import analysed_document, passage, passage_holding, shared_reference

BHP_2020 = "company_pdf/BHP_Climate_Change_Report_2020.pdf"
TARGET_30_PERCENT = ({"file": BHP_2020, "page": 26, "start": 244, "end": 616}, "af2d16dffb1e")
GLOSSARY_NDC = ({"file": BHP_2020, "page": 45, "start": 3264, "end": 3654}, "8108fcb302cf")


@pytest.fixture(scope="module")
def bhp_2020():
    if not (SHARED_CORPORA / BHP_2020).exists():
        pytest.skip(f"../shared/corpora/{BHP_2020} is absent")
    return analysed_document(SHARED_CORPORA / BHP_2020)


@pytest.mark.shared
def test_whether_a_30_percent_cut_from_fy2020_by_fy2030_is_specific(bhp_2020):
    passages, assessments = bhp_2020
    a = assessments[passage_holding(passages, shared_reference(*TARGET_30_PERCENT))]
    target = next(c for c in a.claims if c.value == 30)
    assert (target.kind, target.owner, target.unit, target.baseline_year, target.target_year) == (
        ClaimKind.TARGET, Owner.COMPANY, "%", 2020, 2030)
    assert a.strength == 3


@pytest.mark.shared
def test_whether_a_glossary_naming_nationally_determined_contributions_is_not_specific(bhp_2020):
    passages, assessments = bhp_2020
    a = assessments[passage_holding(passages, shared_reference(*GLOSSARY_NDC))]
    assert a.strength <= 2
    assert not any(c.specific for c in a.claims)


@pytest.mark.parametrize("text,owner,specific", [
    ("We aim to reduce Scope 1 and 2 emissions by at least 30 % from FY2020 by 2030.", Owner.COMPANY, True),
    ("Under our 1.5°C scenario, nickel production will have to grow fourfold by 2050, by 250 %.", Owner.SCENARIO, False),
    ("Countries' Nationally Determined Contributions cover 90 % of global emissions.", Owner.THIRD_PARTY, False),
    ("As of March 2024, 320 suppliers committed to renewable electricity for our production.", Owner.COMPANY, True),
    # A climate-risk table's estimate of a risk's cost (wording of the project's own, after Samsung SDS 2024).
    ("Transition risks | Higher energy costs as the power sector moves to renewable energy | KRW 700 billion | "
     "cost of the renewable energy needed to cover our remaining BAU emissions", Owner.SCENARIO, False),
    # Others' figures in a report (the project's words, after the review of IBM and SMA Solar, 2026-12-07):
    # an initiative's membership, a law's rate, a city's target.
    ("We supported the RMI, which has over 500 members, in accrediting RMAP auditors.", Owner.THIRD_PARTY, False),
    ("The statutory corporate tax rate of 15 % applies to the German companies.", Owner.THIRD_PARTY, False),
    ("The city of Kassel aims for 100 % renewable energy by 2030.", Owner.THIRD_PARTY, False),
    # A call on governments at a climate conference (SMA Solar 2023, PDF p. 33-34, in the project's words).
    ("Our CEO joined other companies to call for a tripling of global renewable energy capacity by 2030.",
     Owner.THIRD_PARTY, False),
    ("The corporation tax rate of 15 % and the solidarity surcharge of 5.5 % are applied.", Owner.THIRD_PARTY, False),
])
def test_whether_a_figure_belongs_to_the_company_or_is_context(text, owner, specific):
    (claim,) = claims(text)
    assert (claim.owner, claim.specific) == (owner, specific)


@pytest.mark.parametrize("text", [
    "This report covers the year ended 31 December 2023 under Rule 13p-1 and ISO 14001.",
    "Scope 3 emissions are reported for tier 2 suppliers.",
    # An assurance practitioner's standard (Manz AG 2023, p. 70, in the project's words) and a reporting standard.
    "We conducted our engagement in accordance with International Standard on Assurance Engagements (ISAE) 3000 (Revised).",
    "Emissions are reported in accordance with GRI 305 and IFRS S2.",
    "We implement steps 2 and 3 of the OECD Guidance with our suppliers.",
    # Round the clock and a footnote mark (the project's words, after Samsung SDS 2024).
    "Employees can report bullying or harassment through a 24/7 channel.",
    "Gender wage gap 1) | Gender wage gap 1)",
    # A product's model and a rank (the project's words, after Apple's 2024 report, p. 41 and 44).
    "As of April 2024, iPhone 7, introduced in 2016, still had trade-in value.",
    "The iPad mini (6th generation) supports battery replacement.",
    "We are the 2nd largest buyer of clean electricity in the region.",
    # A footnote mark in square brackets (Dell's 2018 sourcing report, p. 3, in the project's words).
    "These minerals, often called conflict minerals, [3] could come from mines that fund armed groups.",
    # The parts of a policy or questionnaire, and a list's next item (the project's words, after Samsung SDS 2024).
    "To protect employees' human rights we developed and implemented 11 human rights policies.",
    "We adopt 4 key principles for fair trade with our suppliers.",
    "Suppliers answer 45 questions in the self-check every year.",
    "Prohibition of forced labour (work visas checked, etc.) 2.",
])
def test_whether_dates_and_numbered_labels_are_not_figures(text):
    assert not any(c.value is not None for c in claims(text))


def test_whether_a_quoted_sdg_target_is_the_worlds_goal_not_the_companys():
    # An SDG table as Manz AG's 2023 report lays it out (p. 17): the UN target's words, its number, then
    # the next goal's heading and the company's own text, with no full stop between them.
    text = ("By 2030, double the global rate of improvement in energy efficiency (7.3) SDG 8: Decent work and "
            "economic growth As a responsible employer, we are committed to ensuring decent work.")
    (claim,) = claims(text)
    assert claim.owner is Owner.THIRD_PARTY and claim.target_year == 2030
    assert assess_text(text, "report").strength < 3


@pytest.mark.parametrize("text,owner", [
    # The wording of an annual report's tax note (SMA Solar 2023, PDF p. 144), in the project's words.
    ("The overall tax rate of the group's parent company is thus 32.4 % (2022: 32.7 %).", Owner.THIRD_PARTY),
    ("The average trade tax rate to be applied at the parent company was 16.6 %.", Owner.THIRD_PARTY),
    ("Our effective tax rate was 16.6 % in 2023.", Owner.COMPANY),
    ("We paid EUR 12 million in income taxes in Germany in 2023.", Owner.COMPANY),
])
def test_whether_a_tax_rate_the_law_sets_is_no_tax_the_company_paid(text, owner):
    assert claims(text)[0].owner is owner


def test_whether_the_companys_own_target_in_an_sdg_table_stays_its_own():
    (claim,) = claims("SDG 13: Climate action (13.2) We aim to cut our Scope 1 and 2 emissions by 42 % by 2030.")
    assert claim.owner is Owner.COMPANY and claim.value == 42


@pytest.mark.parametrize("text,value", [
    ("Responsible minerals | EMRT survey | No. of smelters | Cobalt 49", 49),
    ("Windows 11 devices ship with 30 % recycled plastic.", 11),
])
def test_whether_a_count_after_a_capitalised_word_stays_a_figure(text, value):
    # A table row names its line by a capitalised word, so only a camel-case product name makes a model.
    assert claims(text)[0].value == value


@pytest.mark.parametrize("text,level", [
    ("We aim to reduce Scope 1 and 2 emissions by at least 30 % from FY2020 by 2030.", 3),
    ("We aim, where feasible, to reduce Scope 1 and 2 emissions by 30 % by 2030.", 2),
    ("We will cut emissions by 30 % by 2030 and, where feasible, support our suppliers.", 3),
])
def test_whether_a_hedge_lowers_only_the_clause_it_qualifies(text, level):
    assert assess_text(text, "report").strength == level


SCENARIO_LOWER_CARBON_VIEW = ({"file": BHP_2020, "page": 17, "start": 145, "end": 732}, "3f53fa3df0cd")
NOTE_MARKER_24 = ({"file": BHP_2020, "page": 35, "start": 1342, "end": 1615}, "b09ae8c2f7ed")


@pytest.mark.shared
def test_whether_the_sentences_of_a_scenario_description_stay_the_scenarios(bhp_2020):
    # "The Lower Carbon View ... assumes ..." then "Power: wind and solar grow to ... by 2050": the
    # 2050 figure is the scenario's, not a target of BHP's.
    passages, assessments = bhp_2020
    a = assessments[passage_holding(passages, shared_reference(*SCENARIO_LOWER_CARBON_VIEW))]
    dated = [c for c in a.claims if c.target_year == 2050]
    assert dated and all(c.owner is Owner.SCENARIO for c in dated)
    assert not any(c.specific for c in a.claims)


@pytest.mark.shared
def test_whether_a_note_number_in_brackets_is_no_result(bhp_2020):
    passages, assessments = bhp_2020
    a = assessments[passage_holding(passages, shared_reference(*NOTE_MARKER_24))]
    assert not any(c.value == 24 for c in a.claims)
    assert a.strength <= 2


def test_whether_a_scenario_frame_does_not_take_a_later_stated_target():
    found = claims("Under the 1.5°C scenario, demand for copper grows. BHP targets a 30% cut in emissions by 2030.")
    assert [c.owner for c in found if c.value == 30] == [Owner.COMPANY]


STUDIES_30_PERCENT = ({"file": BHP_2020, "page": 34, "start": 161, "end": 440}, "047530d07017")


@pytest.mark.shared
def test_whether_what_studies_have_shown_is_not_the_companys_figure(bhp_2020):
    passages, assessments = bhp_2020
    a = assessments[passage_holding(passages, shared_reference(*STUDIES_30_PERCENT))]
    assert all(c.owner is not Owner.COMPANY for c in a.claims if c.value == 30)


def test_whether_a_ghg_protocol_category_number_is_no_figure():
    found = claims("Energy efficiency certifications can help us to reduce our Scope 3 Category 11 emissions footprint.")
    assert not any(c.value == 11 for c in found)


BHP_CTAP_PROVISION = ({"file": "company_pdf/BHP_Climate_Transition_Action_Plan.pdf", "page": 20, "start": 5431, "end": 5580},
                      "863f44fc81fc")


def test_whether_a_figure_at_the_end_of_a_relative_clause_measures_the_noun_the_clause_hangs_on():
    # Our own sentence: the figure sits far from "rehabilitation", across the relative clause.
    (claim,) = claims("Our provision for site rehabilitation, which at year end stood, as the annual accounts show, at $2 billion.")
    assert claim.metric == "rehabilitation" and claim.specific


def test_whether_a_reported_closure_provision_is_the_companys_specific_result():
    # BHP Climate Transition Action Plan, p. 20: the closure and rehabilitation provision, a figure the label rates 3.
    from conftest import shared_file

    passages, assessments = analysed_document(shared_file(BHP_CTAP_PROVISION[0]["file"]))
    rated = assessments[passage_holding(passages, shared_reference(*BHP_CTAP_PROVISION))]
    assert any(c.specific and c.metric in ("closure", "rehabilitation") for c in rated.claims)
    assert rated.strength == 3


def test_whether_a_short_table_row_with_the_companys_own_figure_is_a_reported_result():
    # An ESG data table's row (the project's words): short, but the company's own reported figure.
    from nlp_pipeline.records import BlockKind

    row = assess_passages([passage("Taxes | Income tax paid | EUR thousand | 1,250 | 1,180", kind=BlockKind.TABLE)])[0]
    assert row.strength == 3
    label = assess_passages([passage("Taxes | Income tax paid | EUR thousand", kind=BlockKind.TABLE)])[0]
    assert label.strength == 0
    # Topics and the pages they are on: no unit, no figure.
    contents = assess_passages([passage("Climate | 14 ; Water | 18 ; Waste | 22", kind=BlockKind.TABLE)])[0]
    assert contents.strength == 0


@pytest.mark.parametrize("text,level", [
    # The project's words, after SMA Solar 2023 p. 103: a contract that binds the company to its customers.
    ("Under its service contracts, SMA is obligated to repair or replace devices for ten years.", 2),
    # A supplier contract with a consequence in it is enforceable.
    ("Suppliers must sign our Supplier Code of Conduct as part of their contracts; violations may lead to "
     "contract termination.", 4),
])
def test_whether_only_a_contract_binding_the_supply_chain_enforces_a_report_requirement(text, level):
    (a,) = assess_passages([passage(text)])
    assert a.strength == level


@pytest.mark.parametrize("text", [
    "We continue to expand our knowledge about 3TGs, cobalt and other minerals in our devices.",
    "Suppliers of 3TG must source from conformant smelters.",
])
def test_whether_the_3_of_3tg_is_no_figure(text):
    assert claims(text) == ()


@pytest.mark.parametrize("text, funding", [
    # The project's own words: money the company pledges, donates or raises is what it measures.
    ("In 2021 the trust committed $100,000, payable over two years, to support the construction of play spaces.", True),
    ("Through our efforts, we were able to raise nearly $120,000 for three local charities.", True),
    ("Since 2011 we have contributed more than US$70 million to conservation with our partners.", True),
    # Spending, earnings, pensions and a third party's bond are no funding the company gives.
    ("We invested EUR 30 million in new production capacity in 2023.", False),
    ("The company pays a contribution of €50 a month to the company pension plan.", False),
    ("The development bank issued a forests bond in 2016, raising US$150 million.", False),
    ("Revenue rose to $2.1 billion in 2023.", False),
])
def test_whether_money_the_company_gives_is_its_own_figure(text, funding):
    found = claims(text)
    assert any(c.metric == "funding" and c.specific for c in found) is funding


@pytest.mark.parametrize(
    "text, first",
    [
        ("We saved over 75,000 metric tons of CO2e in 2023.57 Apple's Reno data center cools its servers "
         "with outside air whenever possible.", "We saved over 75,000 metric tons of CO2e in 2023."),
        ("Adjustments were made to new and existing buildings.56 Together, these initiatives will avoid "
         "27,000 metric tons.", "Adjustments were made to new and existing buildings."),
        ("Costs were 3.5 Million. Growth followed.", "Costs were 3.5 Million."),
    ],
)
def test_whether_a_footnote_marker_after_a_full_stop_still_ends_the_sentence(text, first):
    from nlp_pipeline.assess.claims import sentences

    start, end = sentences(text)[0]
    assert text[start:end] == first


def test_whether_a_hedge_in_the_next_sentence_after_a_footnote_marker_leaves_a_result_specific():
    # "whenever possible" qualifies the data centre's cooling, not the tonnes saved before the marker.
    text = ("Combined with ongoing energy savings from past years, we saved over 75,000 metric tons of CO2e in "
            "2023.57 Apple's Reno data center takes advantage of the mild climate by cooling its servers with "
            "outside air whenever possible.")
    assert assess_text(text).strength == 3


@pytest.mark.parametrize("text", [
    "We audited 45 suppliers in 2023.",
    "Our 3 policies now cover 120 suppliers.",
    "Fatalities at our sites were 2.",
])
def test_whether_counts_of_what_a_policy_reaches_are_still_figures(text):
    assert any(c.value is not None for c in claims(text))


@pytest.mark.parametrize(
    "text, owner",
    [
        # BHP's CTAP 2021 p. 21: an industry association's principles, taken up by "These".
        ("Working with the Australian Petroleum Production and Exploration Association to update its climate change"
         " policy principles. These provide explicit support for achieving net zero emissions by 2050.",
         Owner.THIRD_PARTY),
        # "This" takes up what "we" do with the association: the target stays the company's.
        ("We work with the Fair Labor Association on wages. This includes paying living wages to all workers by 2025.",
         Owner.COMPANY),
    ],
)
def test_whether_a_pronoun_takes_up_the_body_the_sentence_before_named(text, owner):
    (claim,) = claims(text)
    assert claim.owner is owner
