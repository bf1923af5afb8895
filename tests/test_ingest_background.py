"""Reading one document in a forked process while the models load (what `check` does)."""

from __future__ import annotations

import pytest

from conftest import DATA
from nlp_pipeline.errors import InputError
from nlp_pipeline.ingest import read_document
from nlp_pipeline.ingest.background import DocumentReading, read_in_background


@pytest.mark.parametrize("name", ["two_column.pdf", "legal_act.pdf", "plain_report.txt", "report_with_pages.md"])
def test_whether_a_document_read_in_the_background_is_the_one_read_here(name):
    reading = read_in_background(DATA / name)
    document = reading.result()
    assert document == read_document(DATA / name)
    assert reading.seconds > 0


@pytest.mark.parametrize(
    "name, reason",
    [("missing.pdf", "file not found"), ("corrupt.pdf", "not a readable PDF"), ("encrypted.pdf", "encrypted"),
     ("notes.xyz", "unsupported format"), ("empty.txt", "empty")],
)
def test_whether_a_bad_file_is_refused_before_any_reading_starts(name, reason):
    with pytest.raises(InputError, match=reason):
        read_in_background(DATA / name)


def test_whether_a_file_refused_only_once_read_gives_its_reason_from_the_result():
    reading = read_in_background(DATA / "image_only.pdf")
    with pytest.raises(InputError, match="no text layer"):
        reading.result()


def test_whether_a_cancelled_reading_leaves_no_process_behind():
    reading = read_in_background(DATA / "two_column.pdf")
    reading.cancel()
    process = getattr(reading, "_process", None)
    assert process is None or not process.is_alive()


def test_whether_without_fork_the_document_is_read_when_asked(monkeypatch):
    monkeypatch.setattr("nlp_pipeline.ingest.background._can_fork", lambda: False)
    reading = read_in_background(DATA / "plain_report.txt")
    assert type(reading) is DocumentReading
    assert reading.result() == read_document(DATA / "plain_report.txt")
