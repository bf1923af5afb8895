"""Candidate passages: what analyze reads, pinned to label references that rebuild the same words."""

import json
import shutil

import pytest

from nlp_pipeline.labelled import resolve_source, text_hash
from nlp_pipeline.labelled.candidates import (
    document_candidates,
    document_slug,
    existing_overlaps,
    heading_like,
    is_furniture,
    kind_of_file,
    skeleton,
)
from tests.conftest import DATA, shared_file

GLOSSARY = """Annual Report 2024

Contents
Letter from the CEO
Our supply chain
Glossary

Our supply chain

We audit all smelters every year. We publish the list of smelters on our website. Our suppliers must
sign the code of conduct before the first order. Workers may raise grievances through a hotline that is
run by an independent
organisation.

Glossary

CMRT: Conflict Minerals Reporting Template, a form for smelter data.
RMI: Responsible Minerals Initiative, an industry association.
"""


@pytest.fixture
def shared(tmp_path):
    folder = tmp_path / "corpora"
    (folder / "company").mkdir(parents=True)
    (folder / "eu_law").mkdir()
    shutil.copy(DATA / "report_with_pages.md", folder / "company" / "Report_2024.md")
    shutil.copy(DATA / "legal_act.pdf", folder / "eu_law" / "act.pdf")
    shutil.copy(DATA / "eurlex_act.html", folder / "eu_law" / "act.html")
    (folder / "company" / "annual.txt").write_text(GLOSSARY, encoding="utf-8")
    return folder


FILES = ["company/Report_2024.md", "eu_law/act.pdf", "eu_law/act.html", "company/annual.txt"]


@pytest.mark.parametrize("relative", FILES)
def test_whether_every_candidate_rebuilds_from_its_reference(shared, relative):
    report = document_candidates(relative, shared)
    assert report.candidates
    for candidate in report.candidates:
        assert text_hash(resolve_source(candidate.source, shared)) == candidate.sha1 == text_hash(candidate.text)


@pytest.mark.parametrize("relative", FILES)
def test_whether_candidate_ids_are_the_document_slug_and_a_running_number(shared, relative):
    ids = [c.id for c in document_candidates(relative, shared).candidates]
    slug = document_slug(relative)
    assert ids == [f"{slug}-{n}" for n in range(1, len(ids) + 1)]
    assert ids == [c.id for c in document_candidates(relative, shared).candidates]  # stable


def test_whether_analyze_passages_keep_their_section_and_heading(shared):
    report = document_candidates("eu_law/act.html", shared)
    anchored = [c for c in report.candidates if c.anchored]
    assert len(anchored) >= len(report.candidates) * 0.8
    assert any(c.section.startswith("Article") for c in anchored)
    assert all(c.doc_kind == "legislation" for c in report.candidates)


def test_whether_markdown_tables_stay_candidates_with_their_heading(shared):
    candidates = document_candidates("company/Report_2024.md", shared).candidates
    table = next(c for c in candidates if "Recycled cobalt" in c.text)
    assert table.block_kind == "table" and "Recycling targets" in table.section


def test_whether_contents_and_glossaries_are_kept_as_candidates(shared):
    candidates = document_candidates("company/annual.txt", shared).candidates
    texts = [c.text for c in candidates]
    assert any("Letter from the CEO" in t for t in texts)  # the table of contents
    assert any(t.startswith("CMRT:") for t in texts)  # the glossary
    assert not any(t in ("Contents", "Glossary", "Our supply chain") for t in texts)  # lone titles are not passages


def test_whether_candidates_are_a_few_sentences_not_pages(shared):
    for relative in FILES:
        for candidate in document_candidates(relative, shared).candidates:
            assert 3 <= len(candidate.text.split()) <= 200, candidate.text


@pytest.mark.parametrize(
    "line, expected",
    [("3. Reasonable Country of Origin Inquiry", True), ("## Waste", True), ("Overview of Tesla", True),
     ("We audit all smelters every year.", False), ("run by an independent", False), ("| a | b |", False)],
)
def test_whether_title_lines_are_told_from_running_text(line, expected):
    assert heading_like(line) is expected


def test_whether_anchoring_ignores_layout_but_not_words():
    assert skeleton("recy-\r\ncling  ﬁrms | 12").chars == skeleton("recycling firms 12").chars
    assert skeleton("[link](https://x.org) text", mask_markup=True).chars == "linktext"


@pytest.mark.parametrize(
    "relative, kind",
    [("extended/eu_law/x.pdf", "legislation"), ("industry/y.json", "initiative"), ("company_pdf/z.pdf", "report")],
)
def test_whether_the_folder_gives_the_document_kind(relative, kind):
    assert kind_of_file(relative).value == kind


def test_whether_candidates_overlapping_existing_labels_are_marked(shared, tmp_path):
    candidates = document_candidates("company/annual.txt", shared).candidates
    first = candidates[1]
    labelled = tmp_path / "labelled"
    labelled.mkdir()
    start = first.source["start"]
    line = {"id": "old-1", "source": {"file": "company/annual.txt", "start": start, "end": start + 5},
            "categories": [], "strength": 0}
    (labelled / "done.jsonl").write_text(json.dumps(line) + "\n")
    assert existing_overlaps(candidates, labelled) == {first.id: ["old-1"]}


# -- a real document --------------------------------------------------------------


def test_whether_a_real_conflict_minerals_report_is_mostly_analyze_passages():
    path = shared_file("extended/company_pdf/IBM_Conflict_Minerals_Report_CY2024.pdf")
    shared = path.parents[2]
    report = document_candidates("extended/company_pdf/IBM_Conflict_Minerals_Report_CY2024.pdf", shared)
    # Since issue 12, tables are one table passage (cells joined by " | ", which the raw text does not
    # hold in that form), and footnotes and figure text are no passages: those regions come back as cuts.
    assert not report.ingest_error and len(report.candidates) >= 30
    assert report.anchored >= 0.65 * len(report.candidates)
    assert report.candidates[0].text.startswith("INTERNATIONAL BUSINESS MACHINES")  # the cover page is kept
    for candidate in report.candidates:
        assert text_hash(resolve_source(candidate.source, shared)) == candidate.sha1


@pytest.mark.parametrize(
    "line, expected",
    [("12", True), ("Page 3 of 48", True), ("May 2024 Page 19 of 48", True), ("May 2024 we audited 12 smelters", False)],
)
def test_whether_running_footers_joined_on_one_line_are_furniture(line, expected):
    assert is_furniture(line, {"May 2024", "Page 19 of 48"}) is expected
