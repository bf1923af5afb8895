"""The whole path on the project's own small fixtures, and on the real documents when present."""

from pathlib import Path

import pytest

from conftest import DATA, shared_file
from nlp_pipeline.pipeline import analyze
from nlp_pipeline.report.tables import coverage_table, passage_table

BAD_INPUTS = {
    "empty.txt": "file is empty",
    "corrupt.pdf": "not a readable PDF",
    "encrypted.pdf": "encrypted",
    "image_only.pdf": "no text layer",
    "notes.xyz": "unsupported format",
}


@pytest.fixture(scope="module")
def fixture_run():
    return analyze([DATA / "eurlex_act.html", DATA / "report_with_pages.md", DATA / "two_column.pdf"]
                   + [DATA / name for name in BAD_INPUTS])


def test_whether_a_batch_goes_on_past_bad_files_and_lists_each_with_its_reason(fixture_run):
    assert len(fixture_run.documents) == 3
    reasons = {f.path.rsplit("/", 1)[-1]: f.reason for f in fixture_run.failures}
    assert set(reasons) == set(BAD_INPUTS)
    for name, reason in BAD_INPUTS.items():
        assert reason in reasons[name]
        assert "\n" not in reasons[name]


def test_whether_every_passage_carries_its_page_section_and_predictions(fixture_run):
    frame = passage_table(fixture_run)
    assert len(frame) == len(fixture_run.passages) > 0
    assert frame["page"].str.len().min() > 0
    assert set(frame.columns) >= {"passage_id", "page", "section", "categories", "scores", "strength"}


def test_whether_the_coverage_table_has_one_row_per_document_and_category(fixture_run):
    frame = coverage_table(fixture_run)
    assert len(frame) == 3 * 38
    covered = frame[frame.status != "absent"]
    assert not covered.empty
    assert (covered.top_passage_id != "").all()
    assert (covered.top_evidence_pages != "").all()


def test_whether_the_act_fixture_reads_as_legislation_with_article_sections(fixture_run):
    act = next(d for d in fixture_run.documents if d.name == "eurlex_act.html")
    sections = [p.passage.section_path for p in fixture_run.passages if p.doc_id == act.id]
    assert act.kind.value == "legislation"
    assert any(s.startswith("Article ") for s in sections)


def test_whether_a_missing_path_among_good_ones_is_a_failure_not_a_crash(tmp_path):
    result = analyze([tmp_path / "nothing-here.pdf", DATA / "plain_report.txt"], classifier="cues")
    assert [f.reason for f in result.failures] == ["file not found"]
    assert [d.name for d in result.documents] == ["plain_report.txt"]


def test_whether_nothing_to_analyse_is_a_usage_error_naming_the_path(tmp_path):
    from nlp_pipeline.errors import UsageError

    with pytest.raises(UsageError, match="nothing-here.pdf: file not found"):
        analyze([tmp_path / "nothing-here.pdf"], classifier="cues")


@pytest.mark.shared
def test_whether_csrd_pdf_passages_keep_pages_articles_and_drop_running_headers():
    result = analyze([shared_file("eu_law/csrd_2022_2464_oj.pdf")])
    (document,) = result.documents
    passages = [p.passage for p in result.passages if p.doc_id == document.id]
    assert not [p for p in passages if "L 322/" in p.text]
    assert any(h.startswith("L 322/") or "L 322/" in h for h in document.headers_removed)
    operative = [p for p in passages if p.role == "article"]
    assert operative and all(p.section and p.section[0].startswith("Article") for p in operative)
    assert {p.page_start for p in passages} <= set(range(1, document.page_count + 1))


@pytest.mark.shared
def test_whether_each_pdf_passage_stands_on_the_page_it_names():
    import pypdfium2

    path = shared_file("company_pdf/BHP_Climate_Transition_Action_Plan.pdf")
    result = analyze([path])
    pdf = pypdfium2.PdfDocument(str(path))
    page_words = {i + 1: set(pdf[i].get_textpage().get_text_range().split()) for i in range(len(pdf))}
    checked = 0
    for passage in [p.passage for p in result.passages][::7]:
        words = [w for w in passage.text.split() if len(w) > 6][:5]
        if not words:
            continue
        pages = range(passage.page_start, passage.page_end + 1)
        assert any(sum(w in page_words[p] for w in words) >= len(words) // 2 + 1 for p in pages), passage.id
        checked += 1
    assert checked > 10


@pytest.mark.parametrize(
    "relative, wanted",
    [("act.html", True), ("sub/report.pdf", True), ("README.md", False), ("readme.txt", False),
     ("MANIFEST.md", False), ("LICENSE.txt", False), ("CHANGELOG.md", False), (".hidden/a.pdf", False),
     (".notes.md", False), ("~$report.docx.txt", False), ("readme_analysis.md", True)],
)
def test_whether_a_folder_scan_skips_notes_beside_the_corpus(tmp_path, relative, wanted):
    from nlp_pipeline.corpus import plan_corpus

    path = tmp_path / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    # Distinct texts, so no file is skipped as a copy of another.
    path.write_text(f"Companies shall carry out due diligence ({relative}).")
    (tmp_path / "keep.txt").write_text("Companies shall carry out due diligence.")
    plan = plan_corpus([tmp_path])
    files = {Path(f.path) for f in plan.files}
    assert (path in files) is wanted and tmp_path / "keep.txt" in files and not plan.failures
    if not wanted and not relative.startswith("."):
        # Hidden files and folders are passed over without a word, as a shell listing does.
        assert any(Path(s.path) == path and "note beside the corpus" in s.reason for s in plan.skipped)


def test_whether_a_note_named_on_the_command_line_is_still_read(tmp_path):
    from nlp_pipeline.corpus import plan_corpus

    note = tmp_path / "README.md"
    note.write_text("# Notes")
    plan = plan_corpus([note])
    assert [Path(f.path) for f in plan.files] == [note] and not plan.skipped
