"""Issue 12's defects, each on a page of tests/data/layout_defects.pdf (made by make_pdf_fixtures.py).

The real pages where each defect was found are pinned in test_pdf_real_pages.py.
"""

import re
from pathlib import Path

import pytest

from nlp_pipeline.ingest.pdf import read_pdf
from nlp_pipeline.records import BlockKind
from nlp_pipeline.segment import segment_document

DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(scope="module")
def document():
    path = DATA / "layout_defects.pdf"
    return read_pdf(path, path.read_bytes(), "d" * 64)


@pytest.fixture(scope="module")
def passages(document):
    return segment_document(document)


def on_page(document, page):
    return [b for b in document.blocks if b.page == page]


def block_starting(document, prefix):
    return next(b for b in document.blocks if b.text.startswith(prefix))


def test_whether_chart_ticks_and_legend_are_figure_text_not_prose(document, passages):
    figure = {b.text for b in on_page(document, 2) if b.kind is BlockKind.FIGURE}
    assert {"35", "30", "0", "2012", "2050", "Scope 1 emissions", "Scope 2 emissions"} <= figure
    assert "Figure 1: Emissions to 2050" in figure
    chart_words = re.compile(r"^(\d{1,4}|Scope \d emissions|Figure 1.*)$")
    assert not [p.text for p in passages if p.page_start == 2 and chart_words.match(p.text)]
    text = " ".join(p.text for p in passages if p.page_start == 2)
    assert "C1 marks the chart page" in text and "C2 follows the chart" in text


@pytest.mark.parametrize("callout, label", [("$6.8 Billion", "Total Assets"), ("1.3 million ft", "development pipeline")])
def test_whether_a_callout_and_its_label_are_figure_text_never_a_heading(document, callout, label):
    kinds = {b.text: b.kind for b in on_page(document, 3)}
    assert kinds[callout] is BlockKind.FIGURE
    assert kinds[label] is BlockKind.FIGURE
    assert not any(callout in part or label in part for b in document.blocks for part in b.section)


def test_whether_boxes_written_out_of_order_are_read_left_column_first(document):
    prose = [b.text[:2] for b in on_page(document, 3) if b.kind.is_prose]
    assert prose == ["B1", "B2", "B3"]


def test_whether_a_table_is_one_block_with_its_caption_and_cells(document, passages):
    tables = [b for b in document.blocks if b.kind is BlockKind.TABLE]
    assert len(tables) == 1
    (table,) = tables
    assert table.cells == (
        ("Committee", "Members", "Meetings"), ("Audit", "4", "6"), ("Governance", "3", "5"),
        ("Investment", "5", "4"), ("Sustainability", "4", "3"),
    )
    assert table.text.startswith("Table 1: Board committees in 2024")
    (passage,) = [p for p in passages if p.kind is BlockKind.TABLE]
    assert passage.cells == table.cells and passage.text.startswith("Table 1:")
    assert not [p for p in passages if p.kind is not BlockKind.TABLE and re.search(r"\bAudit 4 6\b|Governance 3 5", p.text)]


def test_whether_a_footnote_marker_is_set_apart_from_its_year_and_linked_to_its_note(document, passages):
    block = block_starting(document, "F1")
    assert "by 2030 [1] and" in block.text and "20301" not in block.text
    (note,) = block.notes
    assert note.startswith("1 Compared with our emissions in the base year 2019")
    footnote = block_starting(document, "1 Compared")
    assert footnote.kind is BlockKind.FOOTNOTE
    passage = next(p for p in passages if "F1 We will" in p.text)
    assert passage.notes == (note,)
    assert not [p for p in passages if "Compared with our emissions" in p.text]


def test_whether_a_run_in_label_stays_at_the_start_of_its_paragraph(document):
    block = block_starting(document, "Energy efficiency:")
    assert block.kind is BlockKind.PARAGRAPH
    assert block.label == "Energy efficiency:"
    assert block.text.startswith("Energy efficiency: R1 we replaced the lighting")
    assert not any("Energy efficiency" in part for b in document.blocks for part in b.section)


def test_whether_line_end_hyphens_join_a_split_word_and_keep_a_compound(document):
    block = block_starting(document, "H1")
    assert "full compliance with" in block.text
    assert "the Non-Landlord sites" in block.text


@pytest.mark.parametrize(
    "hidden",
    ["Invisible words", "FSC logo here", "Printer to place", "Lorem ipsum", "beyond the trimmed edge"],
)
def test_whether_text_nobody_can_see_is_dropped(document, hidden):
    assert not [b.text for b in document.blocks if hidden in b.text]


def test_whether_the_visible_text_after_hidden_text_is_kept(document):
    assert block_starting(document, "V1 is visible").kind is BlockKind.PARAGRAPH


def test_whether_a_cover_slogan_is_no_section_of_the_report(document):
    cover = "Together for a cleaner tomorrow"
    assert block_starting(document, cover).kind is BlockKind.HEADING
    assert not any(cover in b.section for b in document.blocks)
    assert block_starting(document, "S1").section == ("Our climate targets",)


def test_whether_a_short_standfirst_sentence_is_not_a_heading(document):
    standfirst = block_starting(document, "We aim to halve emissions")
    assert standfirst.kind is BlockKind.PARAGRAPH
    assert block_starting(document, "S1").section == ("Our climate targets",)


@pytest.mark.parametrize("page, printed", [(2, "2"), (4, "4"), (6, "6")])
def test_whether_blocks_carry_the_printed_page_number(document, page, printed):
    assert {b.page_label for b in on_page(document, page) if b.kind.is_prose} == {printed}


@pytest.mark.shared
def test_whether_a_question_headings_second_line_stays_out_of_its_answer():
    from conftest import shared_file
    from nlp_pipeline.ingest import read_document

    faq = read_document(shared_file("extended/eu_law/Commission_draft_Notice_FAQs_CSRD_ESRS_2024-08.pdf"))
    tail = next(b for b in faq.blocks if b.text.startswith("information as a consequence of the CSRD and ESRS?"))
    assert tail.kind is BlockKind.HEADING
    answer = next(p for p in segment_document(faq) if "Paragraphs 132 and 133 of ESRS 1" in p.text)
    assert answer.text.startswith("Paragraphs 132 and 133")
