"""IngestLimits: refusals that name the file, the limit and how to raise it; long text split safely."""

import sys
from pathlib import Path

import pytest

from nlp_pipeline.errors import InputError
from nlp_pipeline.ingest import IngestLimits, LimitExceeded, read_document
from nlp_pipeline.ingest.limits import MiB, check_pdf_streams
from nlp_pipeline.segment import segment_document
from nlp_pipeline.segment.sentences import CHUNK_CHARS, split_sentences

DATA = Path(__file__).resolve().parent / "data"
sys.path.insert(0, str(DATA))
from make_pdf_fixtures import write_deflate_bomb  # noqa: E402


def test_whether_the_default_limits_admit_the_project_fixtures():
    for name in ("two_column.pdf", "legal_act.pdf", "layout_defects.pdf", "plain_report.txt"):
        assert read_document(DATA / name, limits=IngestLimits()).blocks


@pytest.mark.parametrize("field", ["max_pages", "max_stream_bytes", "max_passage_chars", "max_seconds"])
def test_whether_a_limit_must_be_positive(field):
    with pytest.raises(ValueError, match=field):
        IngestLimits(**{field: 0})


def assert_one_line_refusal(error: LimitExceeded, path: Path, option: str) -> None:
    message = str(error)
    assert isinstance(error, InputError)
    assert "\n" not in message
    assert message.startswith(f"{path}: refused: ")
    assert f"raise it with {option}" in message


def test_whether_a_pdf_with_too_many_pages_is_refused_before_reading(tmp_path):
    path = DATA / "two_column.pdf"
    with pytest.raises(LimitExceeded) as caught:
        read_document(path, limits=IngestLimits(max_pages=2))
    assert_one_line_refusal(caught.value, path, "--max-pages")
    assert "3 pages (limit 2 pages per document" in str(caught.value)


def test_whether_a_text_with_too_many_pages_is_refused(tmp_path):
    path = tmp_path / "paged.txt"
    path.write_text("\f".join(f"Page {n} says something about due diligence." for n in range(1, 6)))
    with pytest.raises(LimitExceeded) as caught:
        read_document(path, limits=IngestLimits(max_pages=4))
    assert_one_line_refusal(caught.value, path, "--max-pages")


def test_whether_a_decompression_bomb_is_refused_by_name(tmp_path):
    path = tmp_path / "bomb.pdf"
    write_deflate_bomb(path, 3 * MiB)
    with pytest.raises(LimitExceeded) as caught:
        read_document(path, limits=IngestLimits(max_stream_bytes=1 * MiB))
    assert_one_line_refusal(caught.value, path, "--max-stream-bytes")
    assert "inflates past 1 MiB" in str(caught.value)


def test_whether_a_stream_under_the_limit_passes_the_check(tmp_path):
    path = tmp_path / "small.pdf"
    write_deflate_bomb(path, 512 * 1024)
    check_pdf_streams(path, path.read_bytes(), IngestLimits(max_stream_bytes=1 * MiB))


@pytest.mark.parametrize("cut", [0.3, 0.6, 0.95])
def test_whether_a_truncated_bomb_is_still_checked_without_error(tmp_path, cut):
    path = tmp_path / "cut.pdf"
    write_deflate_bomb(path, 2 * MiB)
    data = path.read_bytes()
    check_pdf_streams(path, data[: int(len(data) * cut)], IngestLimits(max_stream_bytes=4 * MiB))


def test_whether_a_document_over_its_time_is_refused():
    path = DATA / "two_column.pdf"
    with pytest.raises(LimitExceeded) as caught:
        read_document(path, limits=IngestLimits(max_seconds=1e-9))
    assert_one_line_refusal(caught.value, path, "--max-seconds")


def test_whether_a_sentence_longer_than_a_passage_is_cut_at_words(tmp_path):
    path = tmp_path / "long.txt"
    words = [f"word{n}" for n in range(3000)]  # about 26,000 characters, no full stop
    path.write_text("A heading\n\n" + " ".join(words) + "\n")
    limits = IngestLimits(max_passage_chars=1000)
    document = read_document(path, limits=limits)
    passages = segment_document(document, limits=limits)
    assert all(len(p.text) <= 1000 for p in passages)
    assert " ".join(p.text for p in passages).split() == words


def test_whether_text_longer_than_spacys_limit_is_split_into_sentences():
    sentence = "The supplier shall audit every smelter in its supply chain every year. "
    text = sentence * (2 * CHUNK_CHARS // len(sentence) + 3)
    spans = split_sentences(text)
    assert len(spans) == text.count(".")
    assert all(text[s:e] == sentence.strip() for s, e in spans)


def test_whether_a_single_line_of_two_megabytes_is_read_and_segmented(tmp_path):
    path = tmp_path / "one_line.txt"
    path.write_text(("Suppliers shall report their smelters, " * 52000).strip() + ".")
    passages = segment_document(read_document(path))
    assert passages and all(len(p.text) <= IngestLimits().max_passage_chars for p in passages)
