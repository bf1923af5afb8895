"""Reading any file: the right backend by extension, one-line errors for bad files."""

from __future__ import annotations

from pathlib import Path

import pytest

from nlp_pipeline.errors import InputError
from nlp_pipeline.ingest.registry import read_document, supported_extensions
from nlp_pipeline.records import DocumentKind

DATA = Path(__file__).resolve().parent / "data"


@pytest.mark.parametrize(
    "name, reason",
    [
        ("empty.txt", "file is empty"),
        ("notes.xyz", "unsupported format '.xyz'"),
        ("does_not_exist.html", "file not found"),
    ],
)
def test_whether_bad_files_give_a_one_line_error_naming_the_file(name, reason):
    path = DATA / name
    with pytest.raises(InputError) as info:
        read_document(path)
    message = str(info.value)
    assert reason in message
    assert str(path) in message
    assert "\n" not in message


def test_whether_a_folder_is_refused(tmp_path):
    with pytest.raises(InputError, match="folder"):
        read_document(tmp_path)


@pytest.mark.parametrize("ext", ["html", "htm", "md", "markdown", "txt", "json", "pdf"])
def test_whether_each_format_has_a_backend(ext):
    assert ext in supported_extensions()


@pytest.mark.parametrize(
    "name, kind",
    [
        ("eurlex_act.html", DocumentKind.LEGISLATION),
        ("report_with_pages.md", DocumentKind.REPORT),
        ("plain_report.txt", DocumentKind.REPORT),
    ],
)
def test_whether_fixtures_are_read_through_the_registry(name, kind):
    doc = read_document(DATA / name)
    assert doc.kind is kind
    assert doc.blocks and doc.id == doc.blocks[0].doc_id
    assert len(doc.id) == 64


def test_whether_the_same_bytes_give_the_same_document_id(tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("Same words.\n", encoding="utf-8")
    b.write_text("Same words.\n", encoding="utf-8")
    assert read_document(a).id == read_document(b).id


def test_whether_whitespace_only_files_count_as_empty(tmp_path):
    path = tmp_path / "blank.md"
    path.write_text("  \n\n\t\n", encoding="utf-8")
    with pytest.raises(InputError, match="empty"):
        read_document(path)
