"""A passage on a category with `anchors` must name its subject (aggregate/anchors.py)."""

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


def test_whether_an_enterprise_risk_framework_is_no_due_diligence():
    # The project's words, after BHP's Climate Change Report 2020, p. 39.
    assert not _on("Our risk framework requires risk identification: new and emerging risks are identified and "
                   "each is assigned an owner, assessed and reviewed.", "HR.GAP.DUE_DILIGENCE")
    assert _on("We identify and assess human rights risks at our suppliers' sites every year.", "HR.GAP.DUE_DILIGENCE")


def test_whether_a_review_of_industry_associations_names_no_legal_framework():
    # After BHP 2020, p. 37: a review of its associations' positions on climate change policy.
    assert not _on("We published our first industry association review in 2017 to identify material differences "
                   "between our positions on climate change policy and those of our member associations.",
                   "RP.LEGAL_FRAMEWORK")
    assert _on("We support binding EU legislation that gives all companies the same obligations.", "RP.LEGAL_FRAMEWORK")


def test_whether_a_passage_a_duty_rule_put_on_the_category_keeps_it():
    assert _on("The Commission shall review this Regulation.", "RP.LEGAL_FRAMEWORK")
    assert _on("Each is assessed and reviewed by the risk owner.", "HR.GAP.DUE_DILIGENCE", (DutyMatch("review", "x"),))


def test_whether_operating_profit_or_donations_are_no_tax():
    # The project's words after two annual reports' financial tables: none of the figures is a tax.
    assert not _on("Operating profit declined by EUR 1.6 million year on year to EUR 6.6 million.", "RP.TAX")
    assert not _on("Local community | Donations | KRW million | 2,701 | 2,837 | 3,292", "RP.TAX")
    assert _on("We paid EUR 12 million in corporate income taxes, reported country by country.", "RP.TAX")


def test_whether_an_inspection_systems_quality_is_no_repair():
    assert not _on("The company develops and sells high-quality inspection systems for industrial production.", "CE.REPAIR")
    assert _on("We offer spare parts for seven years after a model's last sale.", "CE.REPAIR")


def test_whether_water_or_energy_used_at_own_sites_is_no_demand_reduction():
    # The project's words after Manz's 2023 report, p. 27 (a goal box on its plants' fresh water).
    assert not _on("Goal: continuously reduce fresh water consumption per revenue compared to the previous year.",
                   "CE.DEMAND_REDUCTION")
    assert not _on("Our sites cut energy consumption by 4 % through LED lighting.", "CE.DEMAND_REDUCTION")
    # After CT REIT's 2022 report, p. 14: low-flow equipment names water fixtures, not electronics.
    assert not _on("Upgrades may include changing water fixtures to low flow equipment to improve water use efficiency.",
                   "CE.DEMAND_REDUCTION")
    assert _on("We aim to halve the raw materials used per device by 2030.", "CE.DEMAND_REDUCTION")
    assert _on("Customers can rent equipment instead of buying it.", "CE.DEMAND_REDUCTION")


def test_whether_water_used_at_own_sites_names_no_ecosystem():
    # The project's words after Samsung SDS's 2024 report: water used and saved at its data centres.
    assert not _on("Water consumption at our data centres fell by 8 % after we reused cooling water.", "CE.BIODIVERSITY")
    assert _on("Where minerals are mined, suppliers must restore land and avoid protected areas.", "CE.BIODIVERSITY")
    assert _on("We assess our impacts on biodiversity at every site.", "CE.BIODIVERSITY")


def test_whether_fair_advertising_in_a_code_of_business_ethics_is_no_marketing_that_drives_replacement():
    # The RBA Code v8.0.1, section D (business ethics), in the project's words.
    assert not _on("Standards of fair business, advertising and competition shall be upheld.", "CE.MARKETING")
    assert _on("We will not run trade-in campaigns that push customers to replace phones that still work.",
               "CE.MARKETING")
    assert _on("Traders shall not make generic environmental claims that mislead consumers.", "CE.MARKETING")


def test_whether_staff_training_at_the_companys_own_academy_is_no_local_development():
    # The project's words after Manz's 2023 report, p. 40.
    assert not _on("Our academy will continue to offer workshops on culture and change, and all locations can "
                   "access global and local training programs on one learning platform.", "RP.LOCAL_DEVELOPMENT")
    assert _on("We buy from local suppliers near our plants in Slovakia.", "RP.LOCAL_DEVELOPMENT")
    assert _on("We donated EUR 20,000 to schools in the communities around our sites.", "RP.LOCAL_DEVELOPMENT")


def test_whether_an_energy_or_eco_rating_is_no_lifespan_label():
    # The project's words after Apple's 2024 report, p. 21.
    assert not _on("In 2023 all eligible products received an ENERGY STAR rating and EPEAT Gold registration.",
                   "CE.WARNING_LABELS")
    assert _on("Each phone's label shows its repairability class and the years of software updates.",
               "CE.WARNING_LABELS")


def test_whether_counting_staff_for_a_size_threshold_is_no_worker_protection():
    # The project's words after the Commission's 2024 draft FAQ notice on the CSRD, question 3.
    assert not _on("The average number of employees is calculated in annual work units; part-time staff are "
                   "counted as fractions of a unit.", "RP.WORKER_PROTECTION")
    assert _on("Suppliers shall not charge recruitment fees to migrant workers.", "RP.WORKER_PROTECTION")
    assert _on("The lost-time injury rate at our plants fell to 1.2.", "RP.WORKER_PROTECTION")


def test_whether_learning_about_critical_raw_materials_is_no_recycled_content():
    # The project's words after Microsoft's 2025 conflict minerals report, its closing commitments.
    assert not _on("We are expanding our knowledge about cobalt and other critical raw materials to source "
                   "raw materials responsibly across our hardware supply chains.", "CE.RECYCLED_CONTENT")
    assert _on("In 2024, 99 % of the tin in our solder came from recycled sources.", "CE.RECYCLED_CONTENT")
    assert _on("Secondary raw materials shall make up at least 16 % of the cobalt in each battery.", "CE.RECYCLED_CONTENT")
