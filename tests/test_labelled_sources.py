"""Label references for every format of ../shared/corpora: HTML, Markdown, plain text, JSON, PDF."""

import json
import shutil

import pytest

from nlp_pipeline.labelled import LabelError, load_labelled, resolve_source, text_hash
from nlp_pipeline.labelled.sources import (
    SourceError,
    html_text,
    source_text,
    source_units,
)
from tests.conftest import DATA, shared_file

# Inline runs (<font>, <span>) split words and sentences the way EDGAR filings do.
FILING = """<html><head><title>Document</title><script>var x = "never shown";</script></head><body>
<div><font style="font-weight:700">Conflict Minerals </font><font>Report</font></div>
<div><font>We sur</font><font>veyed 100% of our suppliers.</font>  <b>All</b> responded.</div>
<table><tr><td>Metal</td><td></td><td>Smelters</td></tr><tr><td>Tin</td><td>&nbsp;</td><td>12</td></tr></table>
<!-- a comment --><p>Last&nbsp;line</p></body></html>"""


def test_whether_html_text_keeps_inline_runs_together_and_blocks_apart():
    assert html_text(FILING).splitlines() == [
        "Conflict Minerals Report",
        "We surveyed 100% of our suppliers. All responded.",
        "Metal | Smelters",
        "Tin | 12",
        "Last line",
    ]


def test_whether_html_text_leaves_out_scripts_titles_and_comments():
    text = html_text(FILING)
    assert "never shown" not in text and "Document" not in text and "comment" not in text


@pytest.fixture
def shared(tmp_path):
    folder = tmp_path / "corpora"
    (folder / "company").mkdir(parents=True)
    (folder / "eu_law").mkdir()
    (folder / "company" / "filing.html").write_text(FILING, encoding="utf-8")
    shutil.copy(DATA / "report_with_pages.md", folder / "company" / "report.md")
    shutil.copy(DATA / "plain_report.txt", folder / "company" / "note.txt")
    shutil.copy(DATA / "legal_act.pdf", folder / "eu_law" / "act.pdf")
    (folder / "eu_law" / "act.json").write_text(json.dumps({"articles": [{"title": "Scope", "text": "This Directive applies to companies."}]}), encoding="utf-8")
    return folder


@pytest.mark.parametrize(
    "file, words",
    [
        ("company/filing.html", "We surveyed 100% of our suppliers."),
        ("company/report.md", "We plan to use only recycled cobalt in batteries by 2025."),
        ("company/note.txt", "We will publish a transition plan."),
        ("eu_law/act.json", "This Directive applies to companies."),
    ],
)
def test_whether_a_reference_rebuilds_exactly_the_words_it_points_at(shared, file, words):
    units = list(source_units(file, shared))
    unit = next(u for u in units if words in u.text)
    start = unit.text.index(words)
    reference = {**unit.reference, "start": start, "end": start + len(words)}
    assert resolve_source(reference, shared) == words


def test_whether_html_references_name_their_extraction(shared):
    (unit,) = source_units("company/filing.html", shared)
    assert unit.reference == {"file": "company/filing.html", "extract": "html_text"}


def test_whether_html_without_an_extract_mode_keeps_raw_offsets(shared):
    # Labels written before extraction modes existed must not move.
    assert resolve_source({"file": "company/filing.html", "start": 0, "end": 6}, shared) == "<html>"


def test_whether_pdf_references_are_one_page_each(shared):
    units = list(source_units("eu_law/act.pdf", shared))
    assert [u.page for u in units] == list(range(1, len(units) + 1))
    assert all(u.text == source_text(u.reference, shared) for u in units)


@pytest.mark.parametrize(
    "reference, reason",
    [
        ({"file": "company/filing.html", "extract": "pdf_magic", "start": 0, "end": 5}, "unknown extract mode"),
        ({"file": "eu_law/act.pdf", "page": 99, "start": 0, "end": 5}, "out of range"),
        ({"file": "eu_law/act.json", "json_path": ["articles", 7, "text"], "start": 0, "end": 5}, "not found"),
    ],
)
def test_whether_a_broken_reference_is_named_with_its_line(shared, tmp_path, reference, reason):
    with pytest.raises(SourceError, match=reason):
        resolve_source(reference, shared)
    labels = tmp_path / "labels.jsonl"
    labels.write_text(json.dumps({"id": "x", "categories": [], "strength": 0, "source": reference}) + "\n")
    with pytest.raises(LabelError, match=rf"labels.jsonl:1: .*{reason}"):
        load_labelled(labels, shared_corpora=shared)


def test_whether_an_html_label_round_trips_through_the_loader(shared, tmp_path):
    (unit,) = source_units("company/filing.html", shared)
    start = unit.text.index("Tin | 12")
    source = {**unit.reference, "start": start, "end": start + 8}
    labels = tmp_path / "labels.jsonl"
    labels.write_text(json.dumps({"id": "h1", "doc_kind": "report", "source": source, "sha1": text_hash("Tin | 12"),
                                  "categories": [], "strength": 0}) + "\n")
    (passage,) = load_labelled(labels, shared_corpora=shared).passages
    assert passage.text == "Tin | 12"


# -- the real documents -----------------------------------------------------------

EXTENDED_HTML = [
    "extended/company/AMD_Conflict_Minerals_Report_CY2024.html",
    "extended/company/Sonos_Conflict_Minerals_Report_2025.html",
    "extended/company/Microsoft_Conflict_Minerals_Report_2025.html",
]


@pytest.mark.parametrize("relative", EXTENDED_HTML)
def test_whether_real_filings_extract_to_readable_lines(relative):
    path = shared_file(relative)
    text = html_text(path.read_text(encoding="utf-8"))
    assert "Conflict Minerals" in text and "<" not in text[:2000]
    assert html_text(path.read_text(encoding="utf-8")) == text  # deterministic


def test_whether_teslas_pdf_page_text_separates_words():
    # The manifest warns that Tesla's PDF separates words with tabs; pypdfium2's text gives spaces and line ends.
    path = shared_file("extended/company_pdf/Tesla_Form_SD_Conflict_Minerals_Report_CY2025.pdf")
    shared = path.parents[2]
    units = list(source_units("extended/company_pdf/Tesla_Form_SD_Conflict_Minerals_Report_CY2025.pdf", shared))
    assert len(units) == 10
    page = next(u.text for u in units if "Reasonable Country of Origin Inquiry" in u.text)
    assert "\t" not in page and "Reasonable Country of Origin Inquiry" in " ".join(page.split())
