import json
from pathlib import Path

import pytest

from nlp_pipeline.assess import assess_passages, assess_text
from nlp_pipeline.records import BlockKind, DocumentKind as K

from test_assess_support import law, passage, shared_reference

ENFORCEMENT = "Member States shall lay down the rules on penalties. The penalties shall be effective, proportionate and dissuasive."


def test_whether_an_operative_shall_is_4_only_in_an_act_with_enforcement():
    duty = "Companies shall identify actual and potential adverse impacts."
    with_penalties = assess_passages([law(duty), law(ENFORCEMENT, section=("Article 27", "1"), offset=500)])
    without = assess_passages([law(duty, doc_id="other")])
    assert with_penalties[0].strength == 4
    # A duty nobody enforces is procedural unless it is dated or quantified.
    assert without[0].strength == 2
    assert any(r.rule == "structure.enforced_act" for r in with_penalties[0].reasons)
    assert any(r.rule == "structure.no_enforcement_provision" for r in without[0].reasons)


def test_whether_enforcement_is_looked_up_per_document():
    passages = [law("Companies shall map their chain of activities.", doc_id="a"),
                law(ENFORCEMENT, doc_id="b", offset=10)]
    assert assess_passages(passages)[0].strength == 2


def test_whether_penalties_mentioned_only_in_recitals_do_not_enforce_the_act():
    passages = [law("Companies shall map their chain of activities."),
                law("Member States should provide for dissuasive penalties.", role="recital", section=("Recital 76",), offset=99)]
    assert assess_passages(passages)[0].strength == 2


@pytest.mark.parametrize("text", [
    "Companies shall carry out due diligence. Penalties shall be effective, proportionate and dissuasive.",
    "Member States should ensure that companies carry out due diligence, subject to penalties and civil liability.",
    "Companies must terminate business relationships; supervisory authorities shall impose fines of up to 5 % of net worldwide turnover.",
])
def test_whether_recitals_never_exceed_2(text):
    a = assess_text(text, K.LEGISLATION, "recital")
    assert 1 <= a.strength <= 2


def test_whether_a_commission_notice_retelling_an_enforced_duty_is_at_most_2():
    # A Commission Q&A in the project's words: it retells the duty beside the act's own penalties.
    retold = "Large undertakings shall include in their management report the information necessary to understand " \
             "their impacts on sustainability matters by 1 January 2025."
    (duty, _) = assess_passages([law(retold, role="interpretation", section=()),
                                 law(ENFORCEMENT, role="interpretation", section=(), offset=500)])
    assert duty.strength == 2
    assert "structure.interpretation_cap" in {r.rule for r in duty.reasons}


def test_whether_a_definition_without_an_obligation_is_at_most_2():
    a = assess_text("'business partner' means an entity with which the company has a commercial agreement; "
                    "it may be audited by a competent authority.", K.LEGISLATION, "definition")
    assert a.strength <= 2


@pytest.mark.parametrize("text,kind,role", [
    ("Sustainability Report 2023", K.REPORT, ""),
    ("CHAPTER III", K.LEGISLATION, "article"),
])
def test_whether_titles_are_0_and_descriptive(text, kind, role):
    a = assess_text(text, kind, role)
    assert (a.strength, a.modality) == (0, "descriptive")


@pytest.mark.parametrize("text,kind,role", [
    ("The Member State competent to regulate matters covered by this Directive is the Member State in which "
     "the company has its registered office.", K.LEGISLATION, "article"),
    ("At our final assembly sites, waste is sorted into twelve streams before it leaves the facility.", K.REPORT, ""),
])
def test_whether_text_without_a_committing_cue_is_described_practice_at_2(text, kind, role):
    # Whether such text is on topic at all is the classifier's call; the
    # pipeline reports strength 0 for passages with no category.
    a = assess_text(text, kind, role)
    assert (a.strength, a.modality) == (2, "descriptive")


@pytest.mark.parametrize("text,level", [
    ("By 26 July 2026, Member States shall inform the Commission of the names of the supervisory authorities.", 3),
    ("The Commission shall establish and keep up-to-date a register of recognised schemes. "
     "That register shall be made publicly available on a free-access website.", 2),
    ("Member States shall lay down the rules on penalties applicable to infringements of this Directive. "
     "The penalties provided for shall be effective, proportionate and dissuasive.", 4),
])
def test_whether_duties_on_institutions_are_4_only_when_they_are_the_enforcement(text, level):
    companies = "Companies shall identify adverse impacts. Supervisory authorities may impose penalties on companies."
    a = assess_passages([law(companies, offset=0), law(text, offset=1)])[1]
    assert a.strength == level, a.reasons


@pytest.mark.parametrize("text,level,modality", [
    ("In 2023 we audited 120 suppliers and 45 smelters.", 3, "past_action"),
    ("We conducted supplier audits.", 2, "past_action"),
    ("We have a human rights policy and a supplier code of conduct.", 2, "descriptive"),
    ("We strive to respect human rights.", 1, "recommendation"),
    ("We expect our suppliers to respect human rights.", 1, "recommendation"),
    ("By 2030 we plan to source 100% renewable electricity.", 3, "future_intent"),
    ("We will establish a grievance mechanism.", 1, "future_intent"),
])
def test_whether_report_statements_get_the_scale_level(text, level, modality):
    a = assess_text(text, K.REPORT)
    assert (a.strength, a.modality) == (level, modality)


def test_whether_future_intent_without_a_date_is_flagged():
    assert "no_deadline" in assess_text("We will expand audits to our cobalt refiners.", K.REPORT).gap_flags
    assert "no_deadline" not in assess_text("We will expand audits to our cobalt refiners by 2026.", K.REPORT).gap_flags


@pytest.mark.parametrize("text", [
    "We require only our tier-1 suppliers to sign the code.",
    "By 2025 all 3TG smelters in our supply chain will be RMAP conformant.",
    "Our due diligence covers our direct suppliers.",
])
def test_whether_narrow_scope_is_flagged(text):
    assert "scope_limited" in assess_text(text, K.REPORT).gap_flags


@pytest.mark.parametrize("text", [
    # Tesla's 2025 filing (p. 3) and Micron's (p. 2): "only" keeps out what falls short; it makes the duty stricter.
    "We work to integrate sustainability into our value chain and are committed to sourcing only responsibly produced materials.",
    "We require that Micron suppliers may only use Conformant smelters and refiners.",
])
def test_whether_only_the_compliant_is_no_narrow_scope(text):
    assert "scope_limited" not in assess_text(text, K.REPORT).gap_flags


def test_whether_value_chain_wide_scope_is_not_flagged():
    assert "scope_limited" not in assess_text("We map cobalt, mica and graphite across all tiers by 2026.", K.REPORT).gap_flags


def test_whether_a_list_item_takes_its_force_from_the_lead_in():
    item = passage("(a) identify and assess adverse impacts;", K.LEGISLATION, "article", ("Article 8", "2", "(a)"),
                   "law", 0, BlockKind.LIST_ITEM, context_before="Member States shall ensure that companies take appropriate measures to:")
    a = assess_passages([item, law(ENFORCEMENT, section=("Article 27", "1"), offset=900)])[0]
    assert a.strength == 4 and a.modality == "binding"


def test_whether_every_assessment_explains_itself_with_rule_ids():
    a = assess_text("In 2023 we audited 120 suppliers.", K.REPORT)
    assert a.reasons and all(r.rule and r.explanation for r in a.reasons)
    assert a.reasons[0].rule == "modality.we_did"


def test_whether_assessments_come_back_one_per_passage_in_order():
    ps = [passage(t, offset=i) for i, t in enumerate(["We strive.", "Report 2023", "In 2023 we audited 120 suppliers."])]
    assert [a.passage_id for a in assess_passages(ps)] == [p.id for p in ps]


def test_whether_non_passages_are_refused():
    with pytest.raises(TypeError):
        assess_passages(["just a string"])


def test_whether_assessments_serialise():
    d = assess_text("Companies shall, where appropriate, act.", K.LEGISLATION, "article").to_dict()
    assert d["hedges"][0]["text"] == "where appropriate"


def test_whether_a_duty_on_the_commission_is_not_reached_by_company_penalties():
    passages = [law("By 26 January 2027, the Commission shall adopt guidelines on due diligence."),
                law(ENFORCEMENT, section=("Article 27", "1"), offset=300)]
    a = assess_passages(passages)[0]
    assert a.strength == 3
    assert any(r.rule == "structure.institutional_duty" for r in a.reasons)


def test_whether_recycled_content_in_a_report_is_not_a_loophole():
    a = assess_text("In 2023, 22% of the materials shipped in our products came from recycled sources.", K.REPORT)
    assert "threshold_exemption" not in a.gap_flags and a.strength == 3


def test_whether_reported_results_without_a_modal_verb_are_specific():
    a = assess_text("Our energy efficiency program avoided 41 million kilowatt-hours of electricity in 2023.", K.REPORT)
    assert a.strength == 3 and any(r.rule == "strength.own_result" for r in a.reasons)


@pytest.mark.parametrize("text", [
    # Electronics counted one by one (the project's words, after Samsung SDS 2024 and Dell 2018).
    "In 2023, we donated 360 refurbished laptops to children's centres.",
    "Our take-back programme collected 12,400 used phones last year.",
])
def test_whether_counted_devices_are_the_companys_result(text):
    a = assess_text(text, K.REPORT)
    assert a.strength == 3 and any(r.rule == "strength.own_result" for r in a.reasons)


MEMORANDUM = ("Explanatory memorandum", "Corporate Sustainability Due Diligence Directive")


@pytest.mark.parametrize("text", [
    # COM(2025) 81 'Omnibus I', explanatory memorandum (EU law).
    "Where the assessment confirms the likelihood or existence of the adverse impact, it should be deemed to have been "
    "identified. In addition, a company should seek to ensure that its code of conduct is followed throughout the chain "
    "of activities (contractual cascading).",
    "The CSDDD entered into force on 25 July 2024. It aims to ensure that companies operating in the EU single market "
    "contribute to attaining the European Union's broader ambition to transition towards a sustainable and climate-neutral economy.",
])
def test_whether_a_memorandums_should_or_aim_describes_the_law_at_level_2(text):
    a = assess_passages([law(text, role="", section=MEMORANDUM)])[0]
    assert a.strength == 2
    assert any(r.rule == "structure.memorandum_should" for r in a.reasons)


# Delegated Regulation (EU) 2023/2772 (ESRS), Appendix C and ESRS E1 AR 31; Directive (EU) 2024/1760 Article 2(3).
ESRS_PHASE_IN = ("Undertakings or groups not exceeding on their balance sheet dates the average number of 750 employees during "
                 "the financial year (on a consolidated basis where applicable) may omit the datapoints on scope 3 emissions and "
                 "total GHG emissions for the first year of preparation of their sustainability statement.")


def test_whether_a_phase_in_that_lets_undertakings_omit_datapoints_is_a_carve_out_not_an_option():
    a = assess_passages([law(ESRS_PHASE_IN, role="", section=("Appendix C",))])[0]
    assert a.strength == 3  # a dated, quantified exemption; the act names no penalties of its own


@pytest.mark.parametrize("text, level", [
    # EFRAG's value-chain implementation guidance (IG 2), retelling the ESRS phase-in: dated and quantified.
    ("Similarly, the disclosure requirements for ESRS S2 Workers in the value chain, ESRS S3 Affected communities and "
     "ESRS S4 Consumers and end-users may be omitted for the first two years by undertakings that have 750 or less "
     "employees during the financial year.", 3),
    ("Members with a single site may be exempted from the management-system requirements of this section.", 2),
])
def test_whether_a_standards_carve_out_from_its_own_requirements_is_one_of_its_rules(text, level):
    a = assess_text(text, doc_kind=K.INITIATIVE)
    assert a.strength == level
    assert not any(r.rule == "structure.permission" for r in a.reasons)


def test_whether_an_exemption_from_enforced_obligations_granted_by_may_binds_as_they_do():
    exemption = ("3. Where the ultimate parent company has as its main activity the holding of shares in operational "
                 "subsidiaries and does not engage in taking management, operational or financial decisions affecting the "
                 "group or one or more of its subsidiaries, it may be exempted from carrying out the obligations under this "
                 "Directive.")
    act = [law(exemption, section=("Article 2", "3")),
           law(ENFORCEMENT.replace("penalties.", "penalties applicable to infringements of this Directive."),
               section=("Article 27", "1"), offset=len(exemption) + 1)]
    assert assess_passages(act)[0].strength == 4


@pytest.mark.parametrize("text", [
    "When disclosing information required by paragraph 29 the undertaking may provide additional intensity ratios based on "
    "other denominators.",
    "If disclosing a transition plan, the undertaking may, for example, refer to the following targets from the EU "
    "Biodiversity Strategy for 2030:",
])
def test_whether_a_standards_invitation_to_disclose_more_is_voluntary(text):
    a = assess_passages([law(text, role="", section=())])[0]
    assert a.strength == 1
    assert any(r.rule == "structure.optional_disclosure" for r in a.reasons)


@pytest.mark.parametrize("text", [
    # The project's own wording, in the manner of a due-diligence guidance (no third-party text).
    "Participating companies should map the smelters in their cobalt supply chain and review that map with their "
    "suppliers before placing new orders.",
])
def test_whether_a_guidance_should_describes_the_expected_practice_at_level_2(text):
    a = assess_text(text, doc_kind=K.INITIATIVE)
    assert a.strength == 2
    assert any(r.rule == "structure.guidance_should" for r in a.reasons)
    # A company's own "should" in a report stays an aspiration.
    assert assess_text("We should map the smelters in our cobalt supply chain.", doc_kind=K.REPORT).strength < 2
    # So does a "should" beside requirements the standard audits and grades itself.
    audited = [passage(text, K.INITIATIVE, doc_id="std"),
               passage("A breach of this requirement is recorded as a major non-conformance and must be closed within 90 days.",
                       K.INITIATIVE, doc_id="std", offset=len(text) + 1)]
    assert assess_passages(audited)[0].strength == 1


def _shared_passages(relative, kind):
    """Passages of a ../shared/corpora document, assessed as `analyze` does; skips when it is absent."""
    from conftest import SHARED_CORPORA
    from nlp_pipeline.pipeline import analyze

    if not (SHARED_CORPORA / relative).exists():
        pytest.skip(f"../shared/corpora/{relative} is absent")
    analysed = analyze([SHARED_CORPORA / relative], kind=kind).analyses[0].passages
    return [a.passage for a in analysed], [a.assessment for a in analysed]


def test_whether_a_voluntarily_adopted_code_without_verification_binds_no_one():
    # The RBA Code "may be voluntarily adopted"; adopting it is a condition of
    # becoming a participant, but the Code names only self-evaluations, no
    # independent verification and no consequence: its "shall" is a requirement
    # (2, or 3 when quantified), not "binding and enforced".
    passages, assessments = _shared_passages("extended/industry/RBA_Code_of_Conduct_v8.0.1_2025.pdf", K.INITIATIVE)
    shall = [a for p, a in zip(passages, assessments) if " shall " in f" {p.text} " and a.strength > 0]
    assert len(shall) > 30
    assert max(a.strength for a in shall) <= 3
    assert not any(r.rule == "structure.audited_standard" for a in shall for r in a.reasons)


def test_whether_an_audit_standard_that_grades_breaches_enforces_its_shall():
    passages, assessments = _shared_passages("industry/rba_vap_standard_v8.0.2.json", K.INITIATIVE)
    audited = [a for a in assessments if any(r.rule == "structure.audited_standard" for r in a.reasons)]
    # Hedged requirements still lose a level; the rest are binding and enforced.
    assert len([a for a in audited if a.strength == 4]) > 10


OECD_LABELS = Path(__file__).resolve().parents[1] / "corpora" / "labelled" / "oecd-due-diligence-guidance-minerals-3rd-ed-2016.jsonl"


def _oecd_label(label_id):
    """A labelled passage of the OECD minerals guidance, read from ../shared/corpora by its reference."""
    row = next(json.loads(line) for line in OECD_LABELS.read_text(encoding="utf-8").splitlines()
               if json.loads(line)["id"] == label_id)
    return shared_reference(row["source"], row["sha1"]), row["strength"]


@pytest.mark.parametrize("label_id", ["oecd-due-diligence-guidance-minerals-3rd-ed-2016-530",   # improvement within six months
                                      "oecd-due-diligence-guidance-minerals-3rd-ed-2016-556"])  # suspend if none within six months
def test_whether_a_guidance_should_with_a_period_is_specific(label_id):
    text, labelled = _oecd_label(label_id)
    (rated,) = assess_passages([passage(text, K.INITIATIVE)])
    assert rated.strength == labelled == 3
    assert any(r.rule == "structure.guidance_should_dated" for r in rated.reasons)


def test_whether_a_guidance_should_without_a_period_stays_procedural():
    # Our paraphrase of a guidance step: what is expected, with no period or frequency.
    (rated,) = assess_passages([passage("Companies should review the information gathered in Step 1 and target their "
                                        "risk assessment on the suppliers that carry red flags.", K.INITIATIVE)])
    assert rated.strength == 2


def test_whether_a_guidances_model_policy_in_the_first_person_is_a_policy_not_an_open_intent():
    # OECD minerals guidance, Annex II para 13: "We will ensure that all taxes ... are paid", the model policy's wording.
    text, labelled = _oecd_label("oecd-due-diligence-guidance-minerals-3rd-ed-2016-109")
    (guidance,) = assess_passages([passage(text, K.INITIATIVE)])
    assert guidance.strength == labelled == 2
    assert any(r.rule == "structure.model_policy" for r in guidance.reasons)
    # The same words in a company's own report are its intent, undated: aspirational.
    (report,) = assess_passages([passage(text, K.REPORT)])
    assert report.strength == 1


@pytest.mark.parametrize("text,kind", [
    # A Commission FAQ's question and a report's heading, in the project's words.
    ("40) Which authorities are in charge of supervising compliance with the sustainability reporting rules?", K.LEGISLATION),
    ("Which undertakings must report under the standards, and from when?", K.LEGISLATION),
    ("How do we make sure our suppliers respect human rights?", K.REPORT),
])
def test_whether_a_question_binds_no_one(text, kind):
    a = assess_text(text, kind)
    assert a.strength == 0
    assert [r.rule for r in a.reasons] == ["structure.question"]


def test_whether_a_question_with_its_answer_is_read_by_the_answer():
    a = assess_text("What happens if the parent does not provide the opinion? The subsidiary shall publish a statement "
                    "saying so.", K.LEGISLATION)
    assert a.strength >= 2 and "structure.question" not in {r.rule for r in a.reasons}


def test_whether_a_guidances_checklist_question_is_a_check_it_asks_for():
    # OECD Annex I style, in the project's words: the question is what a company is to find out.
    a = assess_text("a) What was the point of export, and are there reports of bribes paid to conceal the origin?",
                    K.INITIATIVE)
    assert "structure.question" not in {r.rule for r in a.reasons}


def test_whether_material_verified_by_a_scheme_is_no_assurance_of_the_companys_own_results():
    # IBM's 2024 conflict minerals report, PDF p. 4: RMI's membership lets downstream companies use more
    # "third-party verified 3TG". The scheme audits the smelters; nothing checks IBM's own figures.
    from conftest import shared_file
    from test_assess_support import analysed_document

    passages, assessments = analysed_document(shared_file("extended/company_pdf/IBM_Conflict_Minerals_Report_CY2024.pdf"))
    rated = next(a for p, a in zip(passages, assessments) if "third-party verified 3TG" in p.text)
    assert not any(r.rule == "strength.verified_results" for r in rated.reasons)
    assert rated.strength == 2


@pytest.mark.parametrize("text", [
    "Our Scope 1 and 2 emissions for 2023 were third-party verified by an accredited body.",
    "Our emissions inventory is independently verified by a third party each year.",
])
def test_whether_the_companys_own_verified_figures_still_count_as_assured(text):
    assert any(r.rule == "strength.verified_results" for r in assess_text(text, "report").reasons)


@pytest.mark.parametrize("text, level", [
    # A figure's labels or a title's second line, cut from their sentence (BHP 2020 p. 14, the OECD
    # guidance's running title), in the project's words: they commit to nothing.
    ("that support the delivery of our operating strategy people and partnerships", 0),
    ("of Metals from Fragile and Conflict-Ridden Regions around the World", 0),
    # A whole sentence that happens to open with a linking word is still read.
    ("To reduce waste, we operate a take-back programme for all our devices in Europe.", 2),
])
def test_whether_a_clause_cut_from_its_sentence_commits_to_nothing(text, level):
    assert assess_text(text, K.REPORT).strength == level


@pytest.mark.parametrize("text, level", [
    # BHP's 2020 climate report, p. 35: offset-integrity criteria, then the strategy BHP adopted.
    ("Environmental and social integrity: emissions reductions should not cause negative externalities. "
     "Our Carbon Offset strategy, developed in FY2020, is designed to address these issues.", 2),
    ("The information in the annual report on Form 10-K should not be considered part of this report.", 2),
    # The company's own "should" stays its hope.
    ("We should be able to source all our electricity from renewable sources in time.", 1),
])
def test_whether_a_reports_should_of_a_criterion_is_not_the_companys_hope(text, level):
    assert assess_text(text, doc_kind=K.REPORT).strength == level


@pytest.mark.parametrize("row, level", [
    # Rows of the smelter lists in AMD's and Skyworks' conflict minerals reports.
    ("Gold | L'Orfebre S.A.** | ANDORRA", 3),
    ("Tin | Aurubis Beerse | BELGIUM | CID002773", 3),
    # A country list names no facility; a metal's total is a figure, not a list.
    ("Albania | Eswatini | Luxembourg | Saudi Arabia", 0),
])
def test_whether_a_row_of_a_published_smelter_list_is_the_list(row, level):
    a = assess_passages([passage(row, doc_kind=K.REPORT, kind=BlockKind.TABLE)])[0]
    assert a.strength == level


@pytest.mark.parametrize("text, level", [
    # Manz 2023 p. 26: a chart's legend, read as a paragraph once the running title no longer followed it.
    ("Relative per revenues in t/EUR million revenues compared to the previous year", 0),
    ("Absolute energy consumption in MWh for the Group's production sites", 0),
    # A short list of programmes describes practice (the labels say so), and a sentence is no legend.
    ("Family medicine primary care and vaccinations Post-examination health management Health promotion programs", 2),
    ("We measure our waste in t per EUR million of revenues.", 2),
])
def test_whether_a_charts_legend_describes_no_practice(text, level):
    assert assess_text(text, doc_kind=K.REPORT).strength == level


@pytest.mark.parametrize("text,level", [
    # Our paraphrase of IBM's 2024 filing (p. 4): the figure counts survey replies, not what suppliers must do.
    ("Suppliers are required to move non-conformant smelters out of our products. Progress is reported to "
     "executives. Reporting templates came from 100 percent of suppliers.", 2),
    ("Suppliers whose smelters are not progressing toward conformance are required to move those smelters out of "
     "our products. Our supply base spans 40 countries.", 2),
    ("Suppliers are required to move non-conformant smelters out of our products within 6 months.", 3),
    ("Suppliers are required to report the following each year: their smelters and 100 percent of their "
     "sourcing countries.", 3),
])
def test_whether_a_requirement_is_specific_only_through_a_figure_of_its_own_sentence(text, level):
    a = assess_text(text, K.REPORT)
    assert a.strength == level
    assert any(r.rule == ("strength.specific_requirement" if level == 3 else "strength.requirement_without_enforcement")
               for r in a.reasons)


def test_whether_an_intent_is_quantified_only_by_a_number_of_its_own_sentence():
    # Our paraphrase of BHP's 2021 action plan (p. 9): the "3" names an emission scope two sentences on.
    a = assess_text("As reporting improves, we will seek to improve our own reporting. Our calculation methodology "
                    "for Scope 1, 2 and 3 GHG emissions is available online.", K.REPORT)
    assert a.strength == 1
    assert any(r.rule == "strength.open_intent" for r in a.reasons)


@pytest.mark.parametrize("text,graded", [
    # Our paraphrases of the RBA VAP's supplier-responsibility criteria (E4).
    ("Do not immediately de-source when priority non-conformances are discovered at a supplier; build and apply "
     "leverage first.", False),
    ("A process is in place to follow up suppliers. NOTE: if major non-conformances are identified, a corrective "
     "action plan is agreed.", False),
    ("Serious conditions that will result in a severe finding: suppliers are not told of the Code.", True),
    ("A legal non-conformance is rated a major non-conformance.", True),
])
def test_whether_a_finding_named_as_a_situation_is_not_the_criterions_own_grading(text, graded):
    (rated,) = assess_passages([passage(text, K.INITIATIVE)])
    assert any(r.rule == "structure.graded_finding" for r in rated.reasons) is graded
