"""Planning a corpus: what is analysed, what is left out and why, and what a metadata manifest says."""

from __future__ import annotations

import shutil

import pytest

from conftest import DATA
from nlp_pipeline.corpus import plan_corpus, read_manifest
from nlp_pipeline.errors import UsageError
from nlp_pipeline.records import DocumentKind


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "corpus"
    (folder / "sub").mkdir(parents=True)
    shutil.copy(DATA / "plain_report.txt", folder / "a.txt")
    shutil.copy(DATA / "eurlex_act.html", folder / "sub" / "act.html")
    for n in range(3):
        shutil.copy(DATA / "plain_report.txt", folder / f"copy{n}.txt")
    (folder / "deck.pptx").write_bytes(b"PK\x03\x04")
    (folder / ".DS_Store").write_bytes(b"\0")
    (folder / "gone.txt").symlink_to(folder / "missing.txt")
    (folder / "sub" / "up").symlink_to(folder)
    (folder / "self.txt").symlink_to(folder / "self.txt")
    return folder


def test_whether_every_file_left_out_is_named_with_its_reason(corpus):
    plan = plan_corpus([corpus])
    assert [p.rsplit("/", 1)[-1] for p in (f.path for f in plan.files)] == ["a.txt", "act.html"]
    reasons = {s.path.rsplit("/", 1)[-1]: s.reason for s in plan.skipped}
    assert {name for name in reasons if name.startswith("copy")} == {"copy0.txt", "copy1.txt", "copy2.txt"}
    assert all(reasons[f"copy{n}.txt"] == f"same content as {corpus / 'a.txt'}" for n in range(3))
    assert reasons["deck.pptx"] == "unsupported format '.pptx'"
    assert reasons["gone.txt"].startswith("broken link")
    assert reasons["self.txt"] == "symbolic-link loop"
    assert "symbolic-link loop" in reasons["up"]
    assert ".DS_Store" not in reasons


def test_whether_files_get_their_content_hash_as_document_id(corpus):
    import hashlib

    plan = plan_corpus([corpus / "a.txt"])
    assert plan.files[0].doc_id == hashlib.sha256((corpus / "a.txt").read_bytes()).hexdigest()


@pytest.mark.parametrize("inputs, words", [
    (["nothing.pdf"], "nothing.pdf: file not found"),
    (["deck.pptx"], "deck.pptx: unsupported format '.pptx' (supported:"),
    (["empty"], "empty: folder holds no supported files"),
])
def test_whether_nothing_to_analyse_is_a_usage_error_naming_each_input(corpus, inputs, words):
    (corpus / "empty").mkdir()
    with pytest.raises(UsageError, match="nothing to analyse") as raised:
        plan_corpus([corpus / name for name in inputs])
    assert words in str(raised.value)


def test_whether_the_manifest_beside_the_corpus_gives_each_file_its_metadata(corpus):
    (corpus / "metadata.csv").write_text(
        "file,kind,issuer,year,language\na.txt,report,Example Corp,2023,en\nsub/act.html,legislation,EU,2024,\n")
    plan = plan_corpus([corpus])
    by_name = {f.path.rsplit("/", 1)[-1]: f.metadata for f in plan.files}
    assert by_name["a.txt"].kind is DocumentKind.REPORT and by_name["a.txt"].issuer == "Example Corp"
    assert by_name["act.html"].year == 2024 and by_name["act.html"].language == ""
    assert "metadata.csv" not in {s.path.rsplit("/", 1)[-1] for s in plan.skipped}


@pytest.mark.parametrize("row, words", [("a.txt,memo,,,\n", "kind 'memo'"), ("a.txt,,,19x5,\n", "year '19x5'")])
def test_whether_a_bad_manifest_row_is_named_with_its_line(tmp_path, row, words):
    manifest = tmp_path / "metadata.csv"
    manifest.write_text("file,kind,issuer,year,language\n" + row)
    with pytest.raises(UsageError, match=f"metadata.csv:2: {words}"):
        read_manifest(manifest)


def test_whether_the_manifest_and_detection_reach_the_analysed_document(corpus):
    from nlp_pipeline.pipeline import analyze

    (corpus / "metadata.csv").write_text("file,issuer,year\na.txt,Example Corp,2021\n")
    result = analyze([corpus], classifier="cues")
    document = next(d for d in result.documents if d.name == "a.txt")
    assert (document.issuer, document.year) == ("Example Corp", 2021)
