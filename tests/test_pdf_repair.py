"""Text repair of PDF lines (nlp_pipeline.ingest.pdf.repair): ligatures the text layer broke or split."""

from collections import Counter

import pytest

from nlp_pipeline.ingest.pdf.repair import BROKEN_GLYPH, repair_text

# How often the document writes each word: the repairs ask it, not a dictionary.
VOCAB = Counter({"efforts": 3, "eff": 1, "orts": 1, "officer": 2, "offsets": 2, "off": 5, "for": 9, "staff": 2, "and": 9})


@pytest.mark.parametrize("line, repaired", [
    (f"Chief Executive O{BROKEN_GLYPH} icer", "Chief Executive Officer"),  # a wide glyph, then a space
    (f"O{BROKEN_GLYPH}sets", "Offsets"),
    (f"the sta{BROKEN_GLYPH} and", "the staff and"),  # the glyph ends its word: the space stays
    ("our eff orts on", "our efforts on"),  # a space after a ligature inside a word written whole elsewhere
    ("a fi le", "a file"),
])
def test_whether_a_broken_or_split_ligature_is_made_whole(line, repaired):
    assert repair_text(line, VOCAB) == repaired


@pytest.mark.parametrize("line", ["off for the week", "the staff in charge", "off Ice"])
def test_whether_words_that_only_end_in_a_ligature_stay_apart(line):
    assert repair_text(line, VOCAB) == line


def test_whether_a_run_of_unmapped_glyphs_is_no_ligature():
    # Samsung 2025 p. 22: a form field in a font without a character map gives runs of control characters;
    # guessing a ligature for them made words that are on no page ("ȗfiǣǣ").
    assert "fi" not in repair_text(f"the {BROKEN_GLYPH * 5}x", VOCAB)
