"""Amending acts: instructions read, applied to the act they amend, and every one not applied said so."""

import pytest

from compare_acts import write_act
from conftest import shared_file
from nlp_pipeline.compare import compare_versions
from nlp_pipeline.compare.amendment import Target, choose_act, consolidate, read_amending_act
from nlp_pipeline.ingest import read_document
from nlp_pipeline.report.comparison import memo_markdown

BASE = {
    "1": ("Subject matter", ["This Directive lays down rules on due diligence obligations for companies."]),
    "2": ("Scope", ["1. This Directive shall apply to companies which had more than 1 000 employees on average."]),
    "3": ("Due diligence policy", ["1. Companies shall adopt a due diligence policy.",
                                   "2. The policy shall contain all of the following:",
                                   "(a) a description of the company's approach;",
                                   "(b) a code of conduct;",
                                   "(c) a description of the processes put in place."]),
    "4": ("Reporting", ["1. Companies shall report on the matters covered by this Directive.",
                        "2. The report shall be published on the company's website."]),
    "5": ("Penalties", ["1. Member States shall lay down the rules on penalties applicable to infringements."]),
    "6": ("Civil liability", ["1. Member States shall ensure that a company can be held liable for damage caused "
                              "to a natural or legal person."]),
    "7": ("Entry into force", ["This Directive shall enter into force on the twentieth day following that of its "
                               "publication."]),
}
AMENDING = """Proposal for a
DIRECTIVE OF THE EUROPEAN PARLIAMENT AND OF THE COUNCIL
amending Directive (EU) 2099/1 as regards certain due diligence requirements
THE EUROPEAN PARLIAMENT AND THE COUNCIL OF THE EUROPEAN UNION,
Whereas:
(1) The burden on companies should be reduced.
HAVE ADOPTED THIS DIRECTIVE:
Article 1
Amendments to Directive (EU) 2099/1
Directive (EU) 2099/1 is amended as follows:
(1)\tArticle 2 is replaced by the following:
‘Article 2
Scope
1.\tThis Directive shall apply to companies which had more than 5 000 employees on average.’;
(2)\tArticle 3 is amended as follows:
(a)\tin paragraph 2, point (b) is deleted;
(b)\tthe following paragraph 3 is added:
‘3.\tCompanies shall review the policy at least every 24 months.’;
(3)\tin Article 4, paragraph 1 is replaced by the following:
‘1.\tCompanies are encouraged to report on the matters covered by this Directive.’;
(4)\tArticle 6 is deleted;
(5)\tthe following Article 6a is inserted:
‘Article 6a
Review
The Commission shall review this Directive by 31 December 2030.’;
(6)\tin Article 9, paragraph 2 is deleted.
Article 2
Amendments to Directive 2006/43/EC
In Directive 2006/43/EC, Article 26a is deleted.
Article 3
Entry into force
This Directive shall enter into force on the twentieth day following that of its publication.
Done at Brussels,
"""


@pytest.fixture
def files(tmp_path):
    base = write_act(tmp_path / "base.txt", BASE)
    amending = tmp_path / "amending.txt"
    amending.write_text(AMENDING, encoding="utf-8")
    return base, amending


def test_whether_the_instructions_are_read_with_the_nesting_the_drafting_uses(files):
    _, amending = files
    act = read_amending_act(read_document(amending), amending)
    assert act.acts == ["2099/1", "2006/43"]
    read = [(i.action, i.target) for i in act.instructions if i.act == "2099/1"]
    assert read == [
        ("replace", Target(article="2", is_article=True)),
        ("delete", Target(article="3", paragraphs=("2",), points=("b",))),
        ("add", Target(article="3", paragraphs=("3",))),
        ("replace", Target(article="4", paragraphs=("1",))),
        ("delete", Target(article="6", is_article=True)),
        ("insert", Target(article="6a", is_article=True)),
        ("delete", Target(article="9", paragraphs=("2",))),
    ]
    assert act.instructions[0].new_text == ("Article 2", "Scope",
                                            "1. This Directive shall apply to companies which had more than 5 000 "
                                            "employees on average.")
    assert act.title.startswith("DIRECTIVE OF THE EUROPEAN PARLIAMENT") and "amending Directive (EU) 2099/1" in act.title


def test_whether_each_instruction_is_applied_or_reported_with_its_reason(files):
    base, amending = files
    act = read_amending_act(read_document(amending), amending)
    document = read_document(base)
    number, basis = choose_act(document, act)
    assert (number, basis) == ("2099/1", "the act number in the base's title")
    consolidated, report = consolidate(document, act, number, basis)
    assert [o.applied for o in report.outcomes] == [True, True, True, True, True, True, False]
    assert report.not_applied[0].detail == "the base act has no Article 9"
    assert report.other_acts == {"2006/43": 1}
    text = report.consolidated_text
    assert "more than 5 000 employees" in text and "(b) a code of conduct" not in text
    assert "3. Companies shall review the policy" in text and "Article 6a" in text and "Civil liability" not in text
    assert text.index("Article 5") < text.index("Article 6a") < text.index("Article 7")
    assert any("Article 9" in w for w in consolidated.warnings)


def test_whether_the_base_is_compared_with_the_consolidated_act(files):
    base, amending = files
    result = compare_versions(base, amending)
    found = {(c.citation, t.value) for c in result.changes for t in c.types}
    assert {("Article 2(1)", "threshold_raised"), ("Article 3(2)(b)", "duty_removed"), ("Article 3(3)", "duty_added"),
            ("Article 4(1)", "modality_softened"), ("Article 6", "liability_removed"),
            ("Article 6a", "new_article")} <= found
    memo = memo_markdown(result)
    assert "1 of 7 instruction(s)" not in memo and "6 of 7 instruction(s) for 2099/1 applied" in memo
    assert "NOT APPLIED: “(6) in Article 9, paragraph 2 is deleted.”" in memo


def test_whether_an_act_amending_other_acts_is_compared_as_a_version_when_it_does_not_amend_the_base(files, tmp_path):
    _, amending = files
    other = write_act(tmp_path / "other.txt", {"1": ("Subject matter", ["This Directive concerns fisheries."]),
                                               "2": ("Scope", ["It applies to vessels."])})
    text = (tmp_path / "other.txt").read_text().replace("2099/1", "2099/7")
    other.write_text(text)
    result = compare_versions(other, amending)
    assert result.amendment is None and "none of them reads as other.txt" in result.notes[0]


@pytest.mark.shared
@pytest.mark.parametrize(
    ("base", "act", "applied", "expected"),
    [
        ("eu_law/csddd_articles_recitals.json", "2024/1760", 22, {
            ("Article 29(1)", "liability_removed"), ("Article 27(4)", "sanction_removed"),
            ("Article 8(5)", "threshold_added"), ("Article 15", "period_lengthened"),
            ("Article 3(1)(n)", "definition_changed"), ("Article 8(2)(b)", "scope_narrowed"),
            ("Article 10(6)", "enforcement_removed"), ("Article 29(3)(d)", "right_removed")}),
        ("eu_law/csrd_articles_recitals.json", "2022/2464", 8, {
            ("Article 5(2), first subparagraph, point (b)(i)", "threshold_added"),
            ("Article 5(2), third subparagraph, point (b)(i)", "threshold_added"),
            ("Article 5(2), first subparagraph, point (a)", "deadline_removed")}),
    ],
)
def test_whether_the_omnibus_proposal_is_applied_to_the_act_it_amends(base, act, applied, expected):
    omnibus = shared_file("extended/eu_law/COM_2025_81_Omnibus_I_CSRD_CSDDD_amendment_proposal.txt")
    result = compare_versions(shared_file(base), omnibus)
    assert result.amendment.act == act
    assert len(result.amendment.applied) == applied and not result.amendment.not_applied
    found = {(c.citation, t.value) for c in result.changes for t in c.types}
    assert expected <= found
