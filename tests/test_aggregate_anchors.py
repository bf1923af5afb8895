"""A passage on a category with `anchors` must name its subject (aggregate/anchors.py)."""

import pytest

from nlp_pipeline.aggregate.anchors import anchored_topics
from nlp_pipeline.assess import assess_passages
from nlp_pipeline.records import AnalysedPassage, CategoryScore, DocumentKind, DutyMatch
from nlp_pipeline.taxonomy import load_taxonomy

from test_assess_support import passage


def _on(text, category_id, evidence=()):
    p = passage(text, doc_kind=DocumentKind.REPORT)
    (a,) = assess_passages([p])
    (out,) = anchored_topics((AnalysedPassage(p, (CategoryScore(category_id, 0.8, True, evidence),), a),), load_taxonomy())
    return category_id in out.categories


# A passage the classifier put on a category whose subject it does not name is taken off it.
OFF_SUBJECT = [
    # The project's words, after BHP's Climate Change Report 2020, p. 39.
    pytest.param("Our risk framework requires risk identification: new and emerging risks are identified and each is "
                 "assigned an owner, assessed and reviewed.", "HR.GAP.DUE_DILIGENCE",
                 id="an enterprise risk framework is no due diligence"),
    # After BHP 2020, p. 37: a review of its associations' positions on climate change policy.
    pytest.param("We published our first industry association review in 2017 to identify material differences between "
                 "our positions on climate change policy and those of our member associations.", "RP.LEGAL_FRAMEWORK",
                 id="a review of industry associations names no legal framework"),
    # The project's words after two annual reports' financial tables: none of the figures is a tax.
    pytest.param("Operating profit declined by EUR 1.6 million year on year to EUR 6.6 million.", "RP.TAX",
                 id="operating profit is no tax"),
    pytest.param("Local community | Donations | KRW million | 2,701 | 2,837 | 3,292", "RP.TAX", id="donations are no tax"),
    pytest.param("The company develops and sells high-quality inspection systems for industrial production.", "CE.REPAIR",
                 id="an inspection system's quality is no repair"),
    # The project's words after Manz's 2023 report, p. 27 (a goal box on its plants' fresh water).
    pytest.param("Goal: continuously reduce fresh water consumption per revenue compared to the previous year.",
                 "CE.DEMAND_REDUCTION", id="water used at own sites is no demand reduction"),
    pytest.param("Our sites cut energy consumption by 4 % through LED lighting.", "CE.DEMAND_REDUCTION",
                 id="energy used at own sites is no demand reduction"),
    # After CT REIT's 2022 report, p. 14: low-flow equipment names water fixtures, not electronics.
    pytest.param("Upgrades may include changing water fixtures to low flow equipment to improve water use efficiency.",
                 "CE.DEMAND_REDUCTION", id="low-flow water equipment is no device"),
    # The project's words after Samsung SDS's 2024 report: water used and saved at its data centres.
    pytest.param("Water consumption at our data centres fell by 8 % after we reused cooling water.", "CE.BIODIVERSITY",
                 id="water used at own sites names no ecosystem"),
    # The RBA Code v8.0.1, section D (business ethics), in the project's words.
    pytest.param("Standards of fair business, advertising and competition shall be upheld.", "CE.MARKETING",
                 id="fair advertising is no marketing that drives replacement"),
    # The project's words after Manz's 2023 report, p. 40.
    pytest.param("Our academy will continue to offer workshops on culture and change, and all locations can access "
                 "global and local training programs on one learning platform.", "RP.LOCAL_DEVELOPMENT",
                 id="staff training at the company's own academy is no local development"),
    # The project's words after Apple's 2024 report, p. 21.
    pytest.param("In 2023 all eligible products received an ENERGY STAR rating and EPEAT Gold registration.",
                 "CE.WARNING_LABELS", id="an energy or eco rating is no lifespan label"),
    # The project's words after the Commission's 2024 draft FAQ notice on the CSRD, question 3.
    pytest.param("The average number of employees is calculated in annual work units; part-time staff are counted as "
                 "fractions of a unit.", "RP.WORKER_PROTECTION", id="counting staff for a threshold is no worker protection"),
    # The project's words after Microsoft's 2025 conflict minerals report, its closing commitments.
    pytest.param("We are expanding our knowledge about cobalt and other critical raw materials to source raw materials "
                 "responsibly across our hardware supply chains.", "CE.RECYCLED_CONTENT",
                 id="learning about critical raw materials is no recycled content"),
    # The RBA Code v8.0.1, C.6 (hazardous substances): chemicals managed at work, not discarded equipment.
    pytest.param("Chemicals, waste, and other materials posing a hazard to humans or the environment shall be identified, "
                 "labeled, and managed to ensure their safe handling, movement, storage, use, recycling or reuse, and "
                 "disposal.", "CE.COLLECTION_RECYCLING", id="a factory's hazardous chemicals are no end-of-life equipment"),
]

# The same categories' passages that name their subject stay on them.
ON_SUBJECT = [
    pytest.param("We identify and assess human rights risks at our suppliers' sites every year.", "HR.GAP.DUE_DILIGENCE",
                 id="due diligence on suppliers"),
    pytest.param("We support binding EU legislation that gives all companies the same obligations.", "RP.LEGAL_FRAMEWORK",
                 id="support for binding legislation"),
    pytest.param("We paid EUR 12 million in corporate income taxes, reported country by country.", "RP.TAX",
                 id="taxes paid country by country"),
    pytest.param("We offer spare parts for seven years after a model's last sale.", "CE.REPAIR", id="spare parts"),
    pytest.param("We aim to halve the raw materials used per device by 2030.", "CE.DEMAND_REDUCTION",
                 id="raw materials per device"),
    pytest.param("Customers can rent equipment instead of buying it.", "CE.DEMAND_REDUCTION", id="renting instead of buying"),
    pytest.param("Where minerals are mined, suppliers must restore land and avoid protected areas.", "CE.BIODIVERSITY",
                 id="land restored where minerals are mined"),
    pytest.param("We assess our impacts on biodiversity at every site.", "CE.BIODIVERSITY", id="biodiversity assessed"),
    pytest.param("We will not run trade-in campaigns that push customers to replace phones that still work.",
                 "CE.MARKETING", id="trade-in campaigns"),
    pytest.param("Traders shall not make generic environmental claims that mislead consumers.", "CE.MARKETING",
                 id="misleading environmental claims"),
    pytest.param("We buy from local suppliers near our plants in Slovakia.", "RP.LOCAL_DEVELOPMENT", id="local suppliers"),
    pytest.param("We donated EUR 20,000 to schools in the communities around our sites.", "RP.LOCAL_DEVELOPMENT",
                 id="donations to local schools"),
    pytest.param("Each phone's label shows its repairability class and the years of software updates.",
                 "CE.WARNING_LABELS", id="a repairability label"),
    pytest.param("Suppliers shall not charge recruitment fees to migrant workers.", "RP.WORKER_PROTECTION",
                 id="no recruitment fees"),
    pytest.param("The lost-time injury rate at our plants fell to 1.2.", "RP.WORKER_PROTECTION", id="injury rate"),
    pytest.param("In 2024, 99 % of the tin in our solder came from recycled sources.", "CE.RECYCLED_CONTENT",
                 id="recycled tin"),
    pytest.param("Secondary raw materials shall make up at least 16 % of the cobalt in each battery.", "CE.RECYCLED_CONTENT",
                 id="a minimum share of secondary cobalt"),
    pytest.param("Customers can return used phones to any store, and we recycle them with certified partners.",
                 "CE.COLLECTION_RECYCLING", id="used phones taken back"),
    pytest.param("Member States shall achieve a separate collection rate of 65 % for waste electrical equipment.",
                 "CE.COLLECTION_RECYCLING", id="a collection rate"),
]


@pytest.mark.parametrize("text, category_id", OFF_SUBJECT)
def test_whether_a_passage_that_does_not_name_the_categorys_subject_is_taken_off_it(text, category_id):
    assert not _on(text, category_id)


@pytest.mark.parametrize("text, category_id", ON_SUBJECT)
def test_whether_a_passage_that_names_the_categorys_subject_stays_on_it(text, category_id):
    assert _on(text, category_id)


def test_whether_a_passage_a_duty_rule_put_on_the_category_keeps_it():
    assert _on("The Commission shall review this Regulation.", "RP.LEGAL_FRAMEWORK")
    assert _on("Each is assessed and reviewed by the risk owner.", "HR.GAP.DUE_DILIGENCE", (DutyMatch("review", "x"),))
