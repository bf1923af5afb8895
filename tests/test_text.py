"""The plain text backend: paragraphs, form-feed pages, decoding, legal acts."""

from __future__ import annotations

from pathlib import Path

import pytest

from nlp_pipeline.errors import InputError
from nlp_pipeline.ingest.text import decode_text, read_text_file
from nlp_pipeline.records import BlockKind, DocumentKind

DATA = Path(__file__).resolve().parent / "data"
DOC_ID = "2" * 64


def _read(path: Path):
    return read_text_file(path, path.read_bytes(), DOC_ID)


@pytest.fixture(scope="module")
def plain():
    return _read(DATA / "plain_report.txt")


@pytest.mark.parametrize(
    "text, kind, page, section",
    [
        ("Company climate note", BlockKind.HEADING, 1, ("Company climate note",)),
        ("We aim to cut emissions by 50% by 2030 compared with 2019. This is a continued line.", BlockKind.PARAGRAPH, 1, ("Company climate note",)),
        ("first bullet", BlockKind.LIST_ITEM, 1, ("Company climate note",)),
        ("second bullet", BlockKind.LIST_ITEM, 1, ("Company climate note",)),
        ("Second page", BlockKind.HEADING, 2, ("Second page",)),
        ("We will publish a transition plan.", BlockKind.PARAGRAPH, 2, ("Second page",)),
    ],
)
def test_whether_text_paragraphs_lists_and_pages_are_found(plain, text, kind, page, section):
    block = next(b for b in plain.blocks if b.text == text)
    assert (block.kind, block.page, block.section) == (kind, page, section)


def test_whether_form_feeds_count_pages(plain):
    assert plain.page_count == 2
    assert plain.title == "Company climate note"


LEGAL = """REGULATION (EU) 2024/1252 OF THE EUROPEAN PARLIAMENT AND OF THE COUNCIL
of 11 April 2024

Whereas:

(1) Raw materials are found at the beginning of all industrial value
chains.

HAVE ADOPTED THIS REGULATION:

Article 1
Subject matter and objectives
1. The general objective of this Regulation is to improve the functioning
of the internal market.
\f
2. To achieve the general objective, this Regulation lays down measures with the
aim of:
(a) strengthening the different stages of the strategic raw
materials value chain;
(b) increasing recycling.
"""


@pytest.mark.parametrize(
    "start, section, role, page",
    [
        ("(1) Raw materials are found at the beginning of all industrial value chains.", ("Recital (1)",), "recital", 1),
        ("Article 1", ("Article 1",), "article", 1),
        ("1. The general objective of this Regulation is to improve the functioning of the internal market.", ("Article 1", "1"), "article", 1),
        ("2. To achieve", ("Article 1", "2"), "article", 2),
        ("(a) strengthening the different stages of the strategic raw materials value chain;", ("Article 1", "2", "(a)"), "article", 2),
        ("(b) increasing recycling.", ("Article 1", "2", "(b)"), "article", 2),
    ],
)
def test_whether_a_text_act_gets_its_legal_structure(tmp_path, start, section, role, page):
    path = tmp_path / "crma.txt"
    path.write_text(LEGAL, encoding="utf-8")
    doc = _read(path)
    block = next(b for b in doc.blocks if b.text.startswith(start))
    assert (block.section, block.role, block.page) == (section, role, page)
    assert doc.kind is DocumentKind.LEGISLATION
    assert doc.title.startswith("REGULATION (EU) 2024/1252")


@pytest.mark.parametrize(
    "data, text",
    [
        ("plain".encode("utf-8"), "plain"),
        ("\ufeffwith BOM".encode("utf-8"), "with BOM"),
        ("caf\u00e9 \u2013 cp1252".encode("cp1252"), "caf\u00e9 \u2013 cp1252"),
    ],
)
def test_whether_common_encodings_are_decoded(data, text):
    assert decode_text(Path("x.txt"), data) == text


@pytest.mark.parametrize(
    "data",
    [b"\x00\x01\x02binary\x00", bytes([0x81, 0x8D, 0x8F, 0x90, 0x9D]) * 10, b"\x01\x02\x03\x04\x05\x06\x07\x08" * 20],
)
def test_whether_undecodable_bytes_are_refused_as_not_text(tmp_path, data):
    path = tmp_path / "bad.txt"
    path.write_bytes(data)
    with pytest.raises(InputError, match="not UTF-8 text") as info:
        _read(path)
    assert "\n" not in str(info.value) and str(path) in str(info.value)
