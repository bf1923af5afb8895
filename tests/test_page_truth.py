"""The page-truth set (scripts/build_page_truth.py) holds what the issue asks, and no third-party text."""

import json
import sys
from pathlib import Path

import pytest

from conftest import SHARED_CORPORA

TRUTH = Path(__file__).resolve().parent / "data" / "page_truth.json"
KINDS = {"heading", "paragraph", "list_item", "table", "footnote", "figure", "toc", "furniture"}


@pytest.fixture(scope="module")
def truth():
    return json.loads(TRUTH.read_text(encoding="utf-8"))


def test_whether_the_truth_covers_enough_documents_pages_and_sentences(truth):
    documents = truth["documents"]
    assert len(documents) >= 8
    assert sum(d["file"].startswith("extended/") for d in documents) >= 4
    assert sum(len(d["pages"]) for d in documents) >= 60
    assert sum(len(d["sentences"]) for d in documents) >= 300


def test_whether_the_truth_holds_references_not_text(truth):
    for document in truth["documents"]:
        assert len(document["sha256"]) == 64
        for page in document["pages"]:
            assert page["blocks"]
            assert all(set(b) == {"kind", "bbox"} and b["kind"] in KINDS and len(b["bbox"]) == 4 for b in page["blocks"])
        assert all(set(s) == {"page", "start", "end", "sha1"} for s in document["sentences"])


@pytest.mark.shared
def test_whether_the_truth_sentences_resolve_on_the_shared_files(truth):
    if not SHARED_CORPORA.is_dir():
        pytest.skip("../shared/corpora is absent: the truth's documents cannot be read")
    import hashlib

    import pypdfium2 as pdfium

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))
    from build_page_truth import sentence_hash

    for document in truth["documents"][:3]:
        path = SHARED_CORPORA / document["file"]
        assert hashlib.sha256(path.read_bytes()).hexdigest() == document["sha256"]
        pdf = pdfium.PdfDocument(str(path))
        for sentence in document["sentences"][:20]:
            text = pdf[sentence["page"] - 1].get_textpage().get_text_range()
            assert sentence_hash(text[sentence["start"] : sentence["end"]]) == sentence["sha1"]
        pdf.close()


@pytest.mark.parametrize("layer, repaired", [
    ("the mainte\ufffenance costs", ["the", "maintenance", "costs"]),  # a soft hyphen at a break
    ("sales of taxonomy\ufffecompliant activities", ["taxonomy", "compliant", "activities"]),  # a compound's own
    ("previous\tyear\u2019s\tfi\tgures\tin", ["s", "figures", "in"]),  # a ligature's gap
])
def test_whether_the_benchmark_finds_a_repaired_word_in_the_page(layer, repaired):
    # benchmarks/bench_page_truth.py: order scrambled is judged against every reading of the text layer.
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))
    from bench_page_truth import readings

    grams = {g for words in readings(layer) for g in zip(words, words[1:], words[2:])}
    assert tuple(repaired) in grams


def test_whether_the_benchmark_still_sees_words_out_of_order():
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))
    from bench_page_truth import readings

    grams = {g for words in readings("the mainte\ufffenance costs rose") for g in zip(words, words[1:], words[2:])}
    assert ("costs", "the", "maintenance") not in grams and ("maintenance", "rose", "costs") not in grams
