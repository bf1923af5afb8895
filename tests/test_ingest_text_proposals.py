"""Plain-text Commission proposals: one paragraph per line, a memorandum before the act, unnumbered recitals."""

from __future__ import annotations

import pytest

from conftest import DATA, SHARED_CORPORA
from nlp_pipeline.ingest import read_document
from nlp_pipeline.ingest.text import lines_are_paragraphs
from nlp_pipeline.records import BlockKind, DocumentKind

PROPOSAL = DATA / "proposal_one_paragraph_per_line.txt"
OMNIBUS = SHARED_CORPORA / "extended" / "eu_law" / "COM_2025_81_Omnibus_I_CSRD_CSDDD_amendment_proposal.txt"


def test_whether_lines_that_run_past_any_printed_line_are_read_as_paragraphs():
    assert lines_are_paragraphs(PROPOSAL.read_text(encoding="utf-8"))
    assert not lines_are_paragraphs((DATA / "plain_report.txt").read_text(encoding="utf-8"))


def test_whether_a_proposal_keeps_its_memorandum_recitals_and_articles_apart():
    document = read_document(PROPOSAL)
    assert document.kind is DocumentKind.LEGISLATION
    assert document.title.startswith("Proposal for a DIRECTIVE OF THE EUROPEAN PARLIAMENT AND OF THE COUNCIL amending")
    memorandum = [b for b in document.blocks if b.section[:1] == ("Explanatory memorandum",)]
    # "Article 1 amends ..." in the memorandum explains the proposal; it opens no article.
    assert any(b.text.startswith("Article 1 amends") for b in memorandum)
    assert all(b.role == "" for b in memorandum)
    recitals = [b for b in document.blocks if b.role == "recital"]
    assert [b.section for b in recitals] == [("Recital (1)",), ("Recital (2)",), ("Recital (3)",)]
    duty = next(b for b in document.blocks if b.text.startswith("1. Member States shall bring into force"))
    assert (duty.section, duty.role, duty.kind) == (("Article 2", "1"), "article", BlockKind.PARAGRAPH)


@pytest.mark.shared
def test_whether_the_omnibus_proposal_text_reads_as_an_act_not_seven_paragraphs():
    if not OMNIBUS.exists():
        pytest.skip(f"{OMNIBUS} is absent")
    document = read_document(OMNIBUS)
    roles = [b.role for b in document.blocks]
    assert roles.count("recital") >= 30
    assert {b.section[0] for b in document.blocks if b.role == "article"} >= {f"Article {n}" for n in range(1, 8)}
    assert max(len(b.text) for b in document.blocks) < 6000
    assert document.title.startswith("Proposal for a DIRECTIVE")
