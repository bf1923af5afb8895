"""compare end to end: a draft-like variant of the CSDDD against the adopted excerpt, the output folder, the CLI."""

import json

import pytest
from typer.testing import CliRunner

from conftest import DATA
from nlp_pipeline.cli.main import app
from nlp_pipeline.compare import compare_versions
from nlp_pipeline.errors import InputError, OutputExistsError
from nlp_pipeline.report.comparison import COMPARISON_FILES, write_comparison
from nlp_pipeline.report.run_manifest import sha256_file

DRAFT = DATA / "compare" / "csddd_draft_variant.json"
ADOPTED = DATA / "compare" / "csddd_adopted_excerpt.json"
FORMATS = DATA / "compare" / "formats"
runner = CliRunner()


@pytest.fixture(scope="module")
def comparison():
    return compare_versions(DRAFT, ADOPTED)


def change_at(comparison, citation: str):
    return next(c for c in comparison.changes if citation in (c.old_citation, c.new_citation))


def test_whether_both_higher_adopted_thresholds_read_as_a_narrower_scope(comparison):
    change = change_at(comparison, "Article 2(1)(a)")
    assert [(e.type.value, e.summary) for e in change.effects] == [
        ("threshold_raised", "500 employees → 1 000 employees (fewer covered)"),
        ("threshold_raised", "EUR 150 000 000 → EUR 450 000 000 (fewer covered)")]
    assert change.severity == "major"


def test_whether_the_renumbered_penalties_article_is_one_renumbering_and_its_new_floor_a_sanction_added(comparison):
    renumbering = change_at(comparison, "Article 20")
    assert (renumbering.kind.value, renumbering.new_citation, renumbering.severity) == ("renumbered", "Article 27",
                                                                                       "minor")
    floor = change_at(comparison, "Article 27(4)")
    assert floor.old_citation == "Article 20(4)"
    assert [(e.type.value, e.severity) for e in floor.effects] == [("sanction_added", "major")]
    assert "not less than 5 %" in floor.effects[0].new_quote


def test_whether_unchanged_penalty_paragraphs_are_no_change_at_all(comparison):
    cited = {c.old_citation for c in comparison.changes} | {c.new_citation for c in comparison.changes}
    assert not cited & {"Article 27(1)", "Article 27(3)", "Article 20(1)", "Article 20(3)"}


def test_whether_the_new_liability_article_is_one_change_that_makes_remedy_newly_covered(comparison):
    change = change_at(comparison, "Article 29")
    assert change.kind.value == "added"
    assert {"new_article", "liability_added", "right_added"} <= {t.value for t in change.types}
    remedy = next(c for c in comparison.categories if c.category_id == "HR.GAP.REMEDY")
    assert remedy.direction == "newly_covered"
    assert remedy.new_evidence and all(ev.section.startswith("Article 29") for ev in remedy.new_evidence)


def test_whether_the_dropped_directors_duty_is_one_removed_article(comparison):
    change = change_at(comparison, "Article 25")
    assert change.kind.value == "removed" and change.severity == "major"
    assert [t.value for t in change.types] == ["removed_article", "duty_removed"]


def test_whether_milestone_verdicts_follow_the_category_changes(comparison):
    remedy = [m for m in comparison.milestones if m.category_id == "HR.GAP.REMEDY"]
    assert remedy and all(m.old_verdict == "not_addressed" and m.direction == "improved" for m in remedy)


def test_whether_the_counts_account_for_every_change(comparison):
    counts = comparison.counts()
    assert counts["changes"] == len(comparison.changes) == counts["major"] + counts["minor"]
    assert counts["unchanged_provisions"] <= counts["new_provisions"]


def test_whether_a_text_compared_with_itself_has_no_changes():
    same = compare_versions(ADOPTED, ADOPTED)
    assert same.changes == []
    assert {c.direction for c in same.categories} <= {"unchanged", "absent_in_both"}


def _pdf(source, target):
    import textwrap

    from reportlab import rl_config
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    rl_config.invariant = 1
    page = canvas.Canvas(str(target), pagesize=A4)
    y = A4[1] - 60
    for paragraph in source.read_text(encoding="utf-8").split("\n\n"):
        for line in textwrap.wrap(paragraph.strip(), 95):
            if y < 60:
                page.showPage()
                y = A4[1] - 60
            page.setFont("Helvetica", 9)
            page.drawString(50, y, line)
            y -= 12
        y -= 8
    page.save()
    return target


@pytest.mark.parametrize("other", ["act.md", "act.html", "act.txt", "act.pdf"])
def test_whether_the_same_act_in_another_format_compares_as_identical(other, tmp_path):
    path = _pdf(FORMATS / "act.txt", tmp_path / "act.pdf") if other.endswith(".pdf") else FORMATS / other
    result = compare_versions(FORMATS / "act.json", path)
    assert result.changes == [], [(c.citation, c.types) for c in result.changes]
    assert {c.direction for c in result.categories} <= {"unchanged", "absent_in_both"}
    assert {c.direction for c in result.milestones} <= {"unchanged"}


@pytest.mark.parametrize("bad", ["empty.txt", "corrupt.pdf", "notes.xyz", "compare", "missing.pdf"])
def test_whether_an_unreadable_version_is_named_with_its_reason(bad):
    with pytest.raises(InputError) as error:
        compare_versions(DATA / bad, ADOPTED)
    assert error.value.path.endswith(bad) and error.value.reason


def test_whether_the_output_folder_holds_every_file_with_its_hash_in_run_json(comparison, tmp_path):
    written = write_comparison(comparison, tmp_path / "out")
    names = sorted(p.name for p in written)
    assert names == sorted([*COMPARISON_FILES, "run.json"])
    manifest = json.loads((tmp_path / "out" / "run.json").read_text())
    assert manifest["command"] == "compare"
    assert [i["role"] for i in manifest["inputs"]] == ["old", "new"]
    hashes = {o["file"]: o["sha256"] for o in manifest["outputs"]}
    assert hashes == {name: sha256_file(tmp_path / "out" / name) for name in COMPARISON_FILES}
    lines = (tmp_path / "out" / "changes.jsonl").read_text().splitlines()
    assert len(lines) == len(comparison.changes)
    first = json.loads(lines[0])
    assert {"change", "severity", "types", "effects", "old_citation", "new_citation", "old", "new"} <= set(first)


def test_whether_the_memo_comes_first_with_quotes_and_articles(comparison, tmp_path):
    write_comparison(comparison, tmp_path)
    memo = (tmp_path / "memo.md").read_text()
    sections = ["## 1. New and removed chapters and articles", "## 2. Rights and duties added or removed",
                "## 3. Sanctions, liability and enforcement", "## 4. Thresholds, scope, exemptions and definitions",
                "## 5. Deadlines and periods", "## 6. Wording softened or hardened",
                "## Roadmap categories (operative provisions)", "## Every change"]
    assert [memo.index(s) for s in sections] == sorted(memo.index(s) for s in sections)
    scope = memo[memo.index("## 4."):memo.index("## 5.")]
    assert "**Article 2(1)(a)**" in scope and "old: “(a) the company had more than 500 employees" in scope
    assert "new: “(a) the company had more than 1 000 employees" in scope
    page = (tmp_path / "comparison.html").read_text()
    assert page.index('id="memo"') < page.index('id="categories"') < page.index('id="changes"')
    assert not any(p.passage.id in page for c in comparison.changes for p in c.old + c.new)


def test_whether_modified_provisions_carry_a_word_diff(comparison, tmp_path):
    write_comparison(comparison, tmp_path)
    records = [json.loads(line) for line in (tmp_path / "changes.jsonl").read_text().splitlines()]
    modified = [r for r in records if r["change"] == "modified"]
    assert modified and all({d["op"] for d in r["diff"]} >= {"equal"} for r in modified)
    assert any(d == {"op": "insert", "text": "1 000"} for r in modified for d in r["diff"])


def test_whether_an_earlier_comparison_is_never_overwritten_without_permission(comparison, tmp_path):
    write_comparison(comparison, tmp_path)
    before = (tmp_path / "run.json").read_bytes()
    with pytest.raises(OutputExistsError):
        write_comparison(comparison, tmp_path)
    assert (tmp_path / "run.json").read_bytes() == before
    write_comparison(comparison, tmp_path, overwrite=True)


def test_whether_the_html_shows_the_diff_and_escapes_document_text(tmp_path):
    old = tmp_path / "old.txt"
    new = tmp_path / "new.txt"
    old.write_text("Suppliers shall respect freedom of association.\n\nThe policy is reviewed <b>annually</b>.\n")
    new.write_text("Suppliers shall respect freedom of association.\n\n"
                   "The policy is reviewed <script>alert(1)</script> every two years.\n")
    write_comparison(compare_versions(old, new), tmp_path / "out")
    page = (tmp_path / "out" / "comparison.html").read_text()
    assert "<del>" in page and "<ins>" in page
    assert "<script" not in page and "&lt;script&gt;" in page


def test_whether_the_category_table_quotes_the_evidence_instead_of_listing_passage_ids(comparison, tmp_path):
    from bs4 import BeautifulSoup

    write_comparison(comparison, tmp_path / "out")
    soup = BeautifulSoup((tmp_path / "out" / "comparison.html").read_text(), "html.parser")
    quoted = soup.select("#categories td.quotes")
    assert quoted and any(td.blockquote for td in quoted)
    texts = [" ".join(p.text.split()) for v in (comparison.old, comparison.new) for p in v.passages]
    for td in quoted:
        if td.blockquote:
            quote = td.blockquote.get_text().strip("… ")
            assert any(quote in text for text in texts), quote
            assert td.a.get_text().startswith(("p. ", "Article", "Recital", "no section"))
    ids = {p.id for p in comparison.old.passages} | {p.id for p in comparison.new.passages}
    assert not any(i in td.get_text() for td in quoted for i in ids)


def test_whether_the_compare_command_prints_the_memo_and_exits_0(tmp_path):
    result = runner.invoke(app, ["compare", str(DRAFT), str(ADOPTED), "--out", str(tmp_path / "o")])
    assert result.exit_code == 0, result.output
    assert result.output.index("RIGHTS AND DUTIES ADDED OR REMOVED") < result.output.index("ROADMAP CATEGORIES")
    assert "500 employees → 1 000 employees" in result.output and "HR.GAP.REMEDY" in result.output
    assert (tmp_path / "o" / "memo.md").is_file()
    again = runner.invoke(app, ["compare", str(DRAFT), str(ADOPTED), "--out", str(tmp_path / "o")])
    assert again.exit_code == 2 and "refusing to overwrite" in again.output


def test_whether_the_compare_command_exits_1_naming_an_unreadable_file(tmp_path):
    result = runner.invoke(app, ["compare", str(DATA / "empty.txt"), str(ADOPTED), "--out", str(tmp_path / "o")])
    assert result.exit_code == 1
    assert "empty.txt" in result.output and "error:" in result.output
    assert not (tmp_path / "o").exists()
