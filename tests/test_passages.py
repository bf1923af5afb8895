import pytest

from nlp_pipeline.records import Block, BlockKind, Document, DocumentKind
from nlp_pipeline.segment import SegmentationSettings, document_text, segment_document

DOC_ID = "f" * 64


def _document(blocks):
    return Document(
        id=DOC_ID,
        path="act.html",
        kind=DocumentKind.LEGISLATION,
        title="Act",
        blocks=tuple(
            Block(DOC_ID, i, text, page, section=section, kind=kind, role=role)
            for i, (text, page, section, kind, role) in enumerate(blocks)
        ),
        page_count=max(b[1] for b in blocks),
    )


ACT = _document(
    [
        ("Article 27", 3, ("Article 27",), BlockKind.HEADING, "article"),
        ("Member States shall lay down rules on penalties. They shall be effective.", 3, ("Article 27", "1"), BlockKind.PARAGRAPH, "article"),
        ("The maximum limit shall be not less than 5 % of net worldwide turnover.", 4, ("Article 27", "4"), BlockKind.PARAGRAPH, "article"),
        ("Article 29", 4, ("Article 29",), BlockKind.HEADING, "article"),
        ("A company can be held liable for damage caused to a person.", 4, ("Article 29", "1"), BlockKind.PARAGRAPH, "article"),
    ]
)


def test_whether_passages_never_cross_a_section_boundary():
    passages = segment_document(ACT)
    assert [p.section for p in passages] == [("Article 27", "1"), ("Article 27", "4"), ("Article 29", "1")]


def test_whether_a_passage_keeps_the_page_where_its_text_stands():
    passages = segment_document(ACT)
    assert [p.page_start for p in passages] == [3, 4, 4]


def test_whether_the_passage_id_is_the_document_hash_and_offset():
    text, _ = document_text(ACT)
    for passage in segment_document(ACT):
        assert passage.id == f"{DOC_ID[:12]}:{passage.char_start}"
        assert text[passage.char_start : passage.char_end] == passage.text


def test_whether_headings_are_context_not_passages():
    passages = segment_document(ACT)
    assert all(p.text not in ("Article 27", "Article 29") for p in passages)
    assert "Article 29" in passages[2].context_before


def test_whether_long_paragraphs_are_cut_into_several_passages():
    sentence = "The company shall report on its due diligence every year in its management report. "
    document = _document([(sentence * 12, 1, ("Article 16", "1"), BlockKind.PARAGRAPH, "article")])
    passages = segment_document(document, SegmentationSettings(max_words=60, max_sentences=4))
    assert len(passages) >= 3
    assert all(len(p.text.split()) <= 60 for p in passages)


def test_whether_a_passage_can_run_over_a_page_break_within_one_section():
    document = _document(
        [
            ("Suppliers must pay a living wage to all workers.", 1, ("Wages",), BlockKind.PARAGRAPH, ""),
            ("Overtime is paid at a premium rate.", 2, ("Wages",), BlockKind.PARAGRAPH, ""),
        ]
    )
    (passage,) = segment_document(document)
    assert (passage.page_start, passage.page_end) == (1, 2)
    assert passage.pages == "1-2"


def test_whether_a_lone_point_marker_joins_its_neighbour():
    document = _document(
        [
            ("(a)", 1, ("Article 2", "1", "(a)"), BlockKind.LIST_ITEM, "article"),
            ("the company had more than 1 000 employees on average;", 1, ("Article 2", "1", "(a)"), BlockKind.LIST_ITEM, "article"),
        ]
    )
    (passage,) = segment_document(document)
    assert passage.text.startswith("(a)")


def test_whether_a_passage_carries_the_title_its_section_path_leaves_out():
    titled = _document(
        [
            ("Article 27", 3, ("Article 27",), BlockKind.HEADING, "article"),
            ("Penalties", 3, ("Article 27",), BlockKind.HEADING, "article"),
            ("Member States shall lay down rules on penalties. They shall be effective.", 3, ("Article 27", "1"), BlockKind.PARAGRAPH, "article"),
            ("Article 28", 4, ("Article 28",), BlockKind.HEADING, "article"),
            ("The network shall facilitate cooperation between supervisory authorities.", 4, ("Article 28", "1"), BlockKind.PARAGRAPH, "article"),
        ]
    )
    assert [p.heading for p in segment_document(titled)] == ["Penalties", ""]


def _laid_out(blocks):
    """A report page's blocks with their boxes: (text, bbox)."""
    return Document(
        id=DOC_ID,
        path="report.pdf",
        kind=DocumentKind.REPORT,
        title="Report",
        blocks=tuple(
            Block(DOC_ID, i, text, 7, section=("Diversity",), kind=BlockKind.PARAGRAPH, bbox=bbox)
            for i, (text, bbox) in enumerate(blocks)
        ),
        page_count=7,
    )


def test_whether_a_sidebar_note_is_not_glued_to_the_chart_title_beside_it():
    # The layout of Manz 2023 p. 36: a chart's title in the main column, a goal in the narrow left margin
    # just below it; read in turn, they made one "sentence" of two boxes.
    document = _laid_out(
        [
            ("Women in the workforce", (112.0, 391.0, 214.0, 398.0)),
            ("Target", (46.0, 410.0, 60.0, 414.0)),
            ("Raise the share of women to one in four by 2030", (24.0, 417.0, 84.0, 437.0)),
        ]
    )
    texts = [p.text for p in segment_document(document)]
    assert texts == ["Women in the workforce", "Target Raise the share of women to one in four by 2030"]


def test_whether_fragments_in_one_column_still_join():
    document = _laid_out(
        [
            ("Target", (46.0, 410.0, 60.0, 414.0)),
            ("Raise the share of women to one in four by 2030", (24.0, 417.0, 84.0, 437.0)),
        ]
    )
    (passage,) = segment_document(document)
    assert passage.text == "Target Raise the share of women to one in four by 2030"


def test_whether_a_sentence_cut_at_the_foot_of_a_column_goes_on_at_the_head_of_the_next():
    # BHP's Climate Transition Action Plan 2021 p. 22: the sentence stops on "in" at the foot of the
    # left column and goes on with a year at the head of the right one.
    document = _laid_out(
        [
            ("The Board strengthened the link between executive remuneration and delivery of our climate"
             " change strategy in", (51.0, 781.0, 274.0, 799.0)),
            ("2020, with performance against operational emissions now representing 10 per cent of the scorecard.",
             (311.0, 55.0, 552.0, 83.0)),
        ]
    )
    (passage,) = segment_document(document)
    assert "strategy in 2020, with performance" in passage.text


@pytest.mark.parametrize(
    "rest, bbox",
    [
        ("Example of severity", (332.0, 81.0, 428.0, 92.0)),  # a box's title in the next column
        ("• Continue to refine and improve our responsible minerals programme.", (311.0, 55.0, 552.0, 83.0)),
        ("Technical expertise is preferred in the field of renewable energies and in finance.",
         (311.0, 800.0, 552.0, 820.0)),  # beside it, lower down: a box of its own
    ],
)
def test_whether_a_block_ending_on_a_bare_word_does_not_swallow_a_title_a_list_item_or_a_far_box(rest, bbox):
    document = _laid_out(
        [
            ("Quantitative information would, however, be of interest to the readers where a", (51.0, 781.0, 274.0, 799.0)),
            (rest, bbox),
        ]
    )
    assert len(segment_document(document)) == 2
