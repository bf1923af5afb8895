"""compare end to end on a draft-like variant of the CSDDD and the adopted excerpt (tests/data/compare)."""

import json

import pytest
from typer.testing import CliRunner

from conftest import DATA, shared_file
from nlp_pipeline.cli.main import app
from nlp_pipeline.compare import compare_versions
from nlp_pipeline.errors import InputError, OutputExistsError
from nlp_pipeline.report.comparison import COMPARISON_FILES, write_comparison
from nlp_pipeline.report.run_manifest import sha256_file

DRAFT = DATA / "compare" / "csddd_draft_variant.json"
ADOPTED = DATA / "compare" / "csddd_adopted_excerpt.json"
runner = CliRunner()


@pytest.fixture(scope="module")
def comparison():
    return compare_versions(DRAFT, ADOPTED)


def changes_at(comparison, section_start: str):
    return [c for c in comparison.changes
            if c.new_passage is not None and c.new_passage.section_path.startswith(section_start)
            or c.new_passage is None and c.old_passage.section_path.startswith(section_start)]


def test_whether_the_higher_adopted_thresholds_read_as_a_narrower_scope(comparison):
    [change] = changes_at(comparison, "Article 2 > 1 > (a)")
    readings = {(f.attribute, f.direction, f.reading) for f in change.facts}
    assert readings == {("employees", "raised", "scope narrowed"), ("turnover", "raised", "scope narrowed")}
    assert (change.old_passage.section, change.new_passage.section) == (("Article 2", "1", "(a)"),) * 2


def test_whether_the_renumbered_penalties_article_is_matched_and_its_turnover_floor_found(comparison):
    [change] = changes_at(comparison, "Article 27 > 4")
    assert change.kind == "modified"
    assert change.old_passage.section_path == "Article 20 > 4"
    penalty = next(f for f in change.facts if f.kind == "penalty")
    assert (penalty.direction, penalty.reading, penalty.new.value) == ("added", "sanction added", 5.0)


def test_whether_the_unchanged_penalty_paragraphs_are_moves_that_alter_nothing(comparison):
    moved = changes_at(comparison, "Article 27 > 1") + changes_at(comparison, "Article 27 > 3")
    assert moved and all(c.kind == "moved" and c.severity == "minor" for c in moved)


def test_whether_the_new_civil_liability_article_makes_remedy_newly_covered(comparison):
    added = changes_at(comparison, "Article 29")
    assert added and all(c.kind == "added" for c in added)
    assert any(f.reading == "enforcement added" for c in added for f in c.facts)
    remedy = next(c for c in comparison.categories if c.category_id == "HR.GAP.REMEDY")
    assert remedy.direction == "newly_covered"
    assert remedy.new_evidence and all(ev.section.startswith("Article 29") for ev in remedy.new_evidence)
    assert not remedy.old_evidence


def test_whether_the_dropped_directors_duty_is_a_removal(comparison):
    [change] = changes_at(comparison, "Article 25")
    assert change.kind == "removed" and change.severity == "major"
    assert change.categories and all(s.direction == "dropped" for s in change.categories)


def test_whether_milestone_verdicts_follow_the_category_changes(comparison):
    remedy = [m for m in comparison.milestones if m.category_id == "HR.GAP.REMEDY"]
    assert remedy and all(m.old_verdict == "not_addressed" and m.direction == "improved" for m in remedy)


def test_whether_the_counts_account_for_every_passage(comparison):
    counts = comparison.counts()
    assert counts["unchanged"] + counts["moved"] + counts["modified"] + counts["removed"] == counts["old_passages"]
    assert counts["unchanged"] + counts["moved"] + counts["modified"] + counts["added"] == counts["new_passages"]


def test_whether_a_text_compared_with_itself_has_no_changes():
    same = compare_versions(ADOPTED, ADOPTED)
    assert same.changes == []
    assert {c.direction for c in same.categories} <= {"unchanged", "absent_in_both"}


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
    assert {"change", "severity", "old", "new", "categories", "facts"} <= set(first)


def test_whether_modified_passages_carry_a_word_diff(comparison, tmp_path):
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


def test_whether_the_compare_command_prints_the_category_view_and_exits_0(tmp_path):
    result = runner.invoke(app, ["compare", str(DRAFT), str(ADOPTED), "--out", str(tmp_path / "o")])
    assert result.exit_code == 0, result.output
    assert "HR.GAP.REMEDY" in result.output and "newly_covered" in result.output
    assert "scope narrowed" in result.output
    again = runner.invoke(app, ["compare", str(DRAFT), str(ADOPTED), "--out", str(tmp_path / "o")])
    assert again.exit_code == 2 and "refusing to overwrite" in again.output


def test_whether_the_compare_command_exits_1_naming_an_unreadable_file(tmp_path):
    result = runner.invoke(app, ["compare", str(DATA / "empty.txt"), str(ADOPTED), "--out", str(tmp_path / "o")])
    assert result.exit_code == 1
    assert "empty.txt" in result.output and "error:" in result.output
    assert not (tmp_path / "o").exists()


def test_whether_one_act_in_two_formats_aligns_almost_entirely():
    # The CSRD as a JSON seed and as the Official Journal PDF: the same act,
    # so nearly every passage must find its counterpart.
    comparison = compare_versions(shared_file("eu_law/csrd_articles_recitals.json"),
                                  shared_file("eu_law/csrd_2022_2464_oj.pdf"))
    counts = comparison.counts()
    assert counts["removed"] <= 0.02 * counts["old_passages"]
    assert counts["unchanged"] + counts["moved"] >= 0.75 * counts["old_passages"]


def test_whether_the_package_offers_compare_beside_analyze():
    import nlp_pipeline

    assert nlp_pipeline.compare_versions(ADOPTED, ADOPTED).changes == []
