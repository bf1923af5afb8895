"""The Markdown backend: heading trail, lists, tables, page anchors, clean text."""

from __future__ import annotations

from pathlib import Path

import pytest

from nlp_pipeline.ingest.markdown import read_markdown_file, strip_inline
from nlp_pipeline.records import BlockKind, DocumentKind

DATA = Path(__file__).resolve().parent / "data"
DOC_ID = "1" * 64


@pytest.fixture(scope="module")
def report():
    path = DATA / "report_with_pages.md"
    return read_markdown_file(path, path.read_bytes(), DOC_ID)


def _block(doc, start):
    return next(b for b in doc.blocks if b.text.startswith(start))


TOP = "Supplier Responsibility Report 2024"
APPROACH = (TOP, "Our approach to responsible minerals")


@pytest.mark.parametrize(
    "start, section, kind, page",
    [
        (TOP, (TOP,), BlockKind.HEADING, 1),
        ("Our approach to responsible minerals", APPROACH, BlockKind.HEADING, 2),
        ("We require all smelters", APPROACH, BlockKind.PARAGRAPH, 2),
        ("We mapped 100%", APPROACH, BlockKind.LIST_ITEM, 2),
        ("We removed 12 smelters that were unwilling to participate in or complete an audit.", APPROACH, BlockKind.LIST_ITEM, 2),
        ("Numbered commitments", APPROACH, BlockKind.LIST_ITEM, 2),
        ("Recycling targets", APPROACH + ("Recycling targets",), BlockKind.HEADING, 3),
        ("Material | 2023 | Target 2030", APPROACH + ("Recycling targets",), BlockKind.TABLE, 3),
        ("Recycled cobalt | 56% | 100%", APPROACH + ("Recycling targets",), BlockKind.TABLE, 3),
        ("We plan to use only recycled cobalt", APPROACH + ("Recycling targets",), BlockKind.PARAGRAPH, 3),
        ("Text under a second", (TOP, "Engagement"), BlockKind.PARAGRAPH, 3),
        ("Measured by mass", (TOP, "Engagement"), BlockKind.FOOTNOTE, 3),
    ],
)
def test_whether_markdown_blocks_get_section_kind_and_page(report, start, section, kind, page):
    block = _block(report, start)
    assert (block.section, block.kind, block.page) == (section, kind, page)


def test_whether_the_report_has_its_title_kind_and_pages(report):
    assert report.title == TOP
    assert report.kind is DocumentKind.REPORT
    assert report.page_count == 3


@pytest.mark.parametrize("residue", ["](", "**", "<span", "[^1]", "|---"])
def test_whether_markdown_syntax_is_stripped(report, residue):
    assert not any(residue in b.text for b in report.blocks)


@pytest.mark.parametrize(
    "raw, clean",
    [
        ("**bold** and *emphasis* and _under_", "bold and emphasis and under"),
        ("[link text](http://x.org) and ![alt](img.png)", "link text and alt"),
        ("`code` &amp; <br> entities", "code & entities"),
        ("snake_case_word stays", "snake_case_word stays"),
        ("***both***", "both"),
        ("<!-- image -->", ""),
        ("before <!-- a converter's note --> after", "before after"),
    ],
)
def test_whether_inline_syntax_becomes_plain_words(raw, clean):
    assert strip_inline(raw) == clean


@pytest.mark.shared
def test_whether_the_apple_report_pages_follow_its_anchors(shared_corpora):
    path = shared_corpora / "company" / "apple_environmental_progress_report_2024.md"
    doc = read_markdown_file(path, path.read_bytes(), DOC_ID)
    pages = [b.page for b in doc.blocks]
    assert pages == sorted(pages)
    assert doc.page_count > 80
    assert doc.kind is DocumentKind.REPORT
    assert not any("<span" in b.text or "](#page" in b.text for b in doc.blocks)


@pytest.mark.shared
def test_whether_a_converters_picture_marker_is_no_passage(shared_corpora):
    path = shared_corpora / "extended" / "company" / "Samsung_SDS_Sustainability_Report_2024.md"
    doc = read_markdown_file(path, path.read_bytes(), DOC_ID)
    assert "<!-- image -->" in path.read_text(encoding="utf-8")
    assert not any("<!--" in b.text for b in doc.blocks)


def _read_text(tmp_path, text):
    path = tmp_path / "converted.md"
    path.write_text(text, encoding="utf-8")
    return read_markdown_file(path, path.read_bytes(), DOC_ID)


@pytest.mark.parametrize(
    "note",
    [
        'Image /page/3/Picture/22 description: {\n "image\\_description": "The image shows a phone with energy tips."\n}',
        "Below is the representation of the provided image:",
        "It seems the image provided depicts the rear view of a phone. However, no text is visible in the image to convert.",
        "Upon analyzing the provided image, it appears to depict a metallic structure.",
        "```\n{\"chart\": \"renewable energy 66%\"}\n```",
    ],
)
def test_whether_what_a_converter_wrote_about_an_image_is_no_prose(tmp_path, note):
    doc = _read_text(tmp_path, f"# Energy\n\nWe cut energy use by 10% in 2023.\n\n{note}\n\nWe buy renewable power.\n")
    prose = [b.text for b in doc.blocks if b.kind.is_prose]
    assert prose == ["We cut energy use by 10% in 2023.", "We buy renewable power."]
    assert any(b.kind is BlockKind.FIGURE for b in doc.blocks)


def test_whether_a_fence_never_closed_leaves_the_rest_of_the_report_as_it_reads(tmp_path):
    doc = _read_text(tmp_path, "# Certificate\n\n```\nA logo\n\n# Report notes\n\nWe report by the GRI standards.\n")
    notes = next(b for b in doc.blocks if b.text.startswith("We report"))
    assert notes.kind is BlockKind.PARAGRAPH
    assert notes.section == ("Report notes",)


def _paged_by_numbers(at_head: bool, pages: int = 10) -> str:
    # The shape docling leaves when it flattens a report: each page's printed number as a lone line.
    parts = []
    for n in range(2, 2 + pages):
        body = f"## Topic {n}\n\nWe describe page {n} of the report in a sentence or two of prose."
        parts += [f"{n:02d}", body] if at_head else [body, f"{n:02d}"]
    return "\n\n".join(parts) + "\n"


@pytest.mark.parametrize("at_head", [True, False])
def test_whether_printed_page_numbers_left_as_text_give_the_pages(tmp_path, at_head):
    doc = _read_text(tmp_path, _paged_by_numbers(at_head))
    page_of = {b.text: b.page for b in doc.blocks if b.text.startswith("We describe")}
    # Printed at the head a number opens its page; printed at the foot it closes it. Either way each
    # page's text is on the page its number names.
    assert page_of == {f"We describe page {n} of the report in a sentence or two of prose.": n for n in range(2, 12)}
    # The numbers are the pages' labels, not text.
    assert not any(b.text.strip().isdigit() for b in doc.blocks)


def test_whether_a_few_lone_numbers_are_no_page_numbers(tmp_path):
    doc = _read_text(tmp_path, "# Results\n\n12\n\nWe cut energy use.\n\n40\n\nWe buy renewable power.\n")
    assert {b.page for b in doc.blocks} == {1}
    assert any(b.text == "12" for b in doc.blocks)


@pytest.mark.shared
def test_whether_the_samsung_sds_report_reads_its_printed_page_numbers(shared_corpora):
    path = shared_corpora / "extended" / "company" / "Samsung_SDS_Sustainability_Report_2024.md"
    doc = read_markdown_file(path, path.read_bytes(), DOC_ID)
    about = next(b for b in doc.blocks if b.text == "ABOUT THIS REPORT")
    assert about.page == 2
    assert doc.page_count > 100


@pytest.mark.parametrize("raw, clean", [
    ("Total Scope 1, 2 emissions | tCO$_{2}$eq | 101,882", "Total Scope 1, 2 emissions | tCO2eq | 101,882"),
    ("water withdrawn in m$^{3}$", "water withdrawn in m3"),
    ("fees of $5 and $6", "fees of $5 and $6"),
])
def test_whether_a_converters_latex_sub_and_superscripts_read_as_printed(raw, clean):
    # Samsung SDS's 2024 report as docling wrote it: "tCO$_{2}$eq" 60 times.
    assert strip_inline(raw) == clean
