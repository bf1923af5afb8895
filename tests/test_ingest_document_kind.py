"""The guess of a document's kind, which decides whose milestones it is judged against."""

import re

import pytest

from conftest import shared_file
from nlp_pipeline.ingest import read_document
from nlp_pipeline.ingest.document_kind import guess_document_kind
from nlp_pipeline.records import DocumentKind

WE = "We report our progress. Our suppliers are audited and we publish the results every year. " * 20
CITING = ("The Responsible Minerals Initiative, the Responsible Business Alliance Code of Conduct and the "
          "Responsible Minerals Initiative's RMAP guide the programme. ")


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("EXPLANATORY MEMORANDUM\n1. CONTEXT OF THE PROPOSAL\nReasons for and objectives of the proposal ...",
         DocumentKind.LEGISLATION),
        ("Brussels, 26.2.2025\nProposal for a\nDIRECTIVE OF THE EUROPEAN PARLIAMENT AND OF THE COUNCIL amending ...",
         DocumentKind.LEGISLATION),
        (CITING * 3 + WE, DocumentKind.REPORT),
        ("Conflict Minerals Report of Example Inc. prepared pursuant to Rule 13p-1. " + CITING * 3,
         DocumentKind.REPORT),
        ("Disclaimer. This implementation guidance is non-authoritative and accompanies the standards.",
         DocumentKind.INITIATIVE),
        ("RESPONSIBLE BUSINESS ALLIANCE CODE OF CONDUCT. Participants shall uphold the human rights of workers.",
         DocumentKind.INITIATIVE),
        ("We support the Proposal for a Directive of the European Parliament and of the Council on due diligence. "
         + WE, DocumentKind.REPORT),
        ("DRAFT COMMISSION NOTICE\non the interpretation of certain legal provisions of the Accounting Directive. "
         "This set of frequently asked questions clarifies ...", DocumentKind.LEGISLATION),
        ("European Commission - Questions and answers\nWhy is the Commission adopting reporting standards? " + WE,
         DocumentKind.LEGISLATION),
        ("Implementation guidance published by EFRAG. Contents: 1. Introduction; 5. Frequently asked questions; "
         "the European Commission asked EFRAG ...", DocumentKind.INITIATIVE),
    ],
    ids=["proposal-memorandum", "proposal-title", "company-citing-initiatives", "sec-filing", "guidance",
         "code-of-conduct", "report-quoting-a-proposal", "commission-notice", "commission-q-and-a",
         "guidance-with-faqs"],
)
def test_whether_the_kind_follows_who_speaks_and_what_the_text_calls_itself(text, kind):
    assert guess_document_kind(text) is kind


@pytest.mark.shared
@pytest.mark.parametrize(
    ("relative", "kind"),
    [
        ("extended/company/AMD_Conflict_Minerals_Report_CY2024.html", DocumentKind.REPORT),
        ("extended/company/Sonos_Conflict_Minerals_Report_2025.html", DocumentKind.REPORT),
        ("extended/company_pdf/Tesla_Form_SD_Conflict_Minerals_Report_CY2025.pdf", DocumentKind.REPORT),
        ("extended/company_pdf/Scolmore_Group_Conflict_Minerals_Policy_v2.2_2026.pdf", DocumentKind.REPORT),
        ("extended/eu_law/COM_2025_81_Omnibus_I_CSRD_CSDDD_amendment_proposal.txt", DocumentKind.LEGISLATION),
        # Labelled as a report; the Commission speaks for the EU, so its Q&A is judged on EU milestones.
        ("extended/eu_law/Commission_QA_Adoption_of_ESRS_2023-07-31.pdf", DocumentKind.LEGISLATION),
        ("extended/eu_law/Commission_draft_Notice_FAQs_CSRD_ESRS_2024-08.pdf", DocumentKind.LEGISLATION),
        ("extended/industry/RBA_Code_of_Conduct_v8.0.1_2025.pdf", DocumentKind.INITIATIVE),
        ("extended/industry/EFRAG_IG2_Value_Chain_Implementation_Guidance_2024.pdf", DocumentKind.INITIATIVE),
    ],
)
def test_whether_a_shared_document_gets_the_kind_its_labels_give_it(relative, kind):
    # The kinds are those of the project's labelled passages (corpora/labelled): the guess was wrong on 12 of
    # the 35 shared documents it is asked about before it listened for a company's own voice.
    assert read_document(shared_file(relative)).kind is kind


@pytest.mark.shared
@pytest.mark.parametrize("relative", [
    "extended/eu_law/Commission_draft_Notice_FAQs_CSRD_ESRS_2024-08.pdf",
    "extended/eu_law/Commission_QA_Adoption_of_ESRS_2023-07-31.pdf",
])
def test_whether_every_block_of_a_commission_notice_or_q_and_a_explains_the_law(relative):
    from nlp_pipeline.records import ROLE_INTERPRETATION

    document = read_document(shared_file(relative))
    assert document.explains_law
    assert {b.role for b in document.blocks} == {ROLE_INTERPRETATION}
    # laid out as the prose it is: no article structure read into its numbered questions
    assert not any(re.fullmatch(r"Article \d+[a-z]?", part) for b in document.blocks for part in b.section)


@pytest.mark.shared
@pytest.mark.parametrize("relative", [
    "extended/eu_law/EU_Conflict_Minerals_Regulation_2017_821.pdf",
    "extended/eu_law/COM_2025_81_Omnibus_I_CSRD_CSDDD_amendment_proposal.txt",
    "extended/industry/EFRAG_IG1_Materiality_Assessment_Implementation_Guidance_2024.pdf",
])
def test_whether_an_act_a_proposal_or_a_guidance_is_no_commission_interpretation(relative):
    from nlp_pipeline.records import ROLE_INTERPRETATION

    assert ROLE_INTERPRETATION not in {b.role for b in read_document(shared_file(relative)).blocks}
