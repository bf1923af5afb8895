"""The HTML backend: generic pages by headings, EUR-Lex acts by their legal structure."""

from __future__ import annotations

from pathlib import Path

import pytest

from nlp_pipeline.errors import InputError
from nlp_pipeline.ingest.html import read_html_file
from nlp_pipeline.records import BlockKind, DocumentKind

DATA = Path(__file__).resolve().parent / "data"
DOC_ID = "0" * 64


def _read(path: Path):
    return read_html_file(path, path.read_bytes(), DOC_ID)


def _write(tmp_path: Path, body: str, name: str = "page.html") -> Path:
    path = tmp_path / name
    path.write_text(body, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def act():
    return _read(DATA / "eurlex_act.html")


def _block(doc, start: str):
    return next(b for b in doc.blocks if b.text.startswith(start))


@pytest.mark.parametrize(
    "start, section, role, kind",
    [
        ("DIRECTIVE (EU) 2024/1760", (), "", BlockKind.HEADING),
        ("(1) As stated in Article 2", ("Recital (1)",), "recital", BlockKind.PARAGRAPH),
        ("(2) Companies should", ("Recital (2)",), "recital", BlockKind.PARAGRAPH),
        ("Article 2", ("Article 2",), "article", BlockKind.HEADING),
        ("Scope", ("Article 2",), "article", BlockKind.HEADING),
        ("1. This Directive shall apply", ("Article 2", "1"), "article", BlockKind.PARAGRAPH),
        ("(a) the company had more than 1 000 employees", ("Article 2", "1", "(a)"), "article", BlockKind.LIST_ITEM),
        ("(i) in the last financial year", ("Article 2", "1", "(b)", "(i)"), "article", BlockKind.LIST_ITEM),
        ("2. This Directive shall also apply", ("Article 2", "2"), "article", BlockKind.PARAGRAPH),
        ("4. The maximum limit of pecuniary penalties", ("Article 27", "4"), "article", BlockKind.PARAGRAPH),
        ("Civil liability of companies", ("Article 29",), "article", BlockKind.HEADING),
        ("(1) OJ C 443", (), "", BlockKind.FOOTNOTE),
    ],
)
def test_whether_an_eurlex_act_gets_its_citations(act, start, section, role, kind):
    block = _block(act, start)
    assert (block.section, block.role, block.kind) == (section, role, kind)


def test_whether_an_eurlex_act_is_legislation_with_its_title(act):
    assert act.kind is DocumentKind.LEGISLATION
    assert act.title.startswith("Directive (EU) 2024/1760")
    assert {b.page for b in act.blocks} == {1}
    assert {b.page_label for b in act.blocks} == {""}


@pytest.mark.parametrize("furniture", ["must not appear", "EUR-Lex menu", "Copyright notice furniture", ".oj-normal"])
def test_whether_page_furniture_is_dropped(act, furniture):
    assert not any(furniture in b.text for b in act.blocks)


def test_whether_block_indexes_follow_reading_order(act):
    assert [b.index for b in act.blocks] == list(range(len(act.blocks)))
    assert all(b.doc_id == DOC_ID for b in act.blocks)


GENERIC = """<html><head><title>Cobalt sourcing update</title></head><body>
<nav><a href="/">Home</a></nav>
<h1>Cobalt sourcing update</h1>
<p>We audit <b>all</b> cobalt refiners.</p>
<h2>Targets</h2>
<ul><li>Use 100% recycled cobalt by 2025.</li><li>Publish our smelter list.</li></ul>
<h3>Data</h3>
<table><tr><th>Year</th><th>Refiners audited</th></tr><tr><td>2023</td><td>97%</td></tr></table>
<h2>Remedy</h2>
<div>Loose text in a div.</div>
<p class="footnote">1. Audits by RMI.</p>
</body></html>"""


@pytest.mark.parametrize(
    "text, section, kind",
    [
        ("Cobalt sourcing update", ("Cobalt sourcing update",), BlockKind.HEADING),
        ("We audit all cobalt refiners.", ("Cobalt sourcing update",), BlockKind.PARAGRAPH),
        ("Use 100% recycled cobalt by 2025.", ("Cobalt sourcing update", "Targets"), BlockKind.LIST_ITEM),
        ("Year | Refiners audited", ("Cobalt sourcing update", "Targets", "Data"), BlockKind.TABLE),
        ("2023 | 97%", ("Cobalt sourcing update", "Targets", "Data"), BlockKind.TABLE),
        ("Loose text in a div.", ("Cobalt sourcing update", "Remedy"), BlockKind.PARAGRAPH),
        ("1. Audits by RMI.", ("Cobalt sourcing update", "Remedy"), BlockKind.FOOTNOTE),
    ],
)
def test_whether_generic_html_gets_a_heading_trail(tmp_path, text, section, kind):
    doc = _read(_write(tmp_path, GENERIC))
    block = next(b for b in doc.blocks if b.text == text)
    assert (block.section, block.kind) == (section, kind)
    assert doc.title == "Cobalt sourcing update"
    assert doc.kind is DocumentKind.REPORT
    assert not any("Home" == b.text for b in doc.blocks)


@pytest.mark.parametrize(
    "body, reason",
    [
        ("<html><body><script>x()</script><nav>menu</nav></body></html>", "no text"),
        ("<html><body>   </body></html>", "no text"),
    ],
)
def test_whether_html_without_text_is_refused(tmp_path, body, reason):
    with pytest.raises(InputError, match=reason):
        _read(_write(tmp_path, body))


def test_whether_windows_1252_html_is_still_read(tmp_path):
    path = tmp_path / "old.html"
    path.write_bytes("<html><body><p>Caf\u00e9 supply chain \u2013 audits</p></body></html>".encode("cp1252"))
    assert _read(path).blocks[0].text == "Caf\u00e9 supply chain \u2013 audits"


# -- the shipped demo corpus ----------------------------------------------------

DEMO = Path(__file__).resolve().parents[1] / "corpora" / "demo"
DEMO_ACTS = {
    "csddd_2024_1760.html": (39, 99),
    "csrd_2022_2464.html": (8, 84),
    "crma_2024_1252.html": (49, 74),
}


@pytest.fixture(scope="module")
def demo_docs():
    return {name: _read(DEMO / name) for name in DEMO_ACTS}


@pytest.mark.parametrize("name", sorted(DEMO_ACTS))
def test_whether_each_demo_act_keeps_every_article_number_and_recital(demo_docs, name):
    doc = demo_docs[name]
    articles, recitals = DEMO_ACTS[name]
    assert doc.kind is DocumentKind.LEGISLATION
    article_sections = {b.section[0] for b in doc.blocks if b.role in ("article", "definition") and b.section}
    assert {f"Article {n}" for n in range(1, articles + 1)} <= article_sections
    recital_sections = {b.section for b in doc.blocks if b.role == "recital"}
    assert recital_sections == {(f"Recital ({n})",) for n in range(1, recitals + 1)}


@pytest.mark.parametrize(
    "article, words",
    [
        (("Article 2", "1", "(a)"), "more than 1 000 employees"),
        (("Article 2", "1", "(a)"), "EUR 450 000 000"),
        (("Article 27",), "Penalties"),
        (("Article 27",), "5 % of the net worldwide turnover"),
        (("Article 29",), "Civil liability"),
        (("Article 29",), "full compensation"),
    ],
)
def test_whether_the_csddd_demo_carries_thresholds_penalties_and_liability(demo_docs, article, words):
    doc = demo_docs["csddd_2024_1760.html"]
    texts = " ".join(b.text for b in doc.blocks if b.section[: len(article)] == article)
    assert words in texts


def test_whether_the_csrd_demo_nests_inserted_articles_under_article_1(demo_docs):
    sections = {b.section[:3] for b in demo_docs["csrd_2022_2464.html"].blocks if len(b.section) >= 3}
    assert ("Article 1", "(4)", "Article 19a") in sections


def test_whether_the_demo_corpus_is_rebuilt_byte_for_byte(tmp_path):
    import importlib.util
    import sys

    shared = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "eu_law"
    if not shared.is_dir():
        pytest.skip("../shared/corpora/eu_law is absent: cannot rebuild the demo corpus")
    spec = importlib.util.spec_from_file_location("build_demo_corpus", DEMO.parents[1] / "scripts" / "build_demo_corpus.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the script loads
    spec.loader.exec_module(module)
    for path in module.build(shared, tmp_path):
        assert path.read_bytes() == (DEMO / path.name).read_bytes(), path.name


def test_whether_bold_lines_are_headings_on_a_page_without_h_tags(tmp_path):
    # The shape of an SEC filing's HTML: every line a div, titles set bold by style.
    page = _write(tmp_path, """<html><body>
      <div><span style="font-weight:700">Due Diligence Measures</span></div>
      <div><span style="font-weight:400">We surveyed our suppliers with the industry template.</span></div>
      <div><b>Results</b></div>
      <div><span>Most smelters were conformant.</span> <b>Bold words inside a sentence.</b></div>
      <div><span style="font-weight:bold">A bold lead-in that ends like a sentence.</span></div>
    </body></html>""")
    doc = _read(page)
    assert [b.text for b in doc.blocks if b.kind is BlockKind.HEADING] == ["Due Diligence Measures", "Results"]
    assert _block(doc, "We surveyed").section == ("Due Diligence Measures",)
    assert _block(doc, "Most smelters").section == ("Results",)


def test_whether_a_numbered_title_set_in_italics_is_a_sub_heading(tmp_path):
    # The shape of Sonos's 2025 filing: "2." in plain type, the step's title underlined and in italics,
    # lettered points under it. A numbered sentence in plain type stays a paragraph.
    page = _write(tmp_path, """<html><body>
      <div><span style="font-weight:700">Due Diligence Measures</span></div>
      <div><span>1.</span><span style="font-style:italic;text-decoration:underline">Step One:</span><span
        style="font-style:italic"> “Establish strong company management systems”</span></div>
      <div><span>e. We have a mechanism to report violations of our policy</span></div>
      <div><span>2.</span><span style="font-style:italic">Step Two: “Identify and assess risk”</span></div>
      <div><span>a. For 2025, we sent requests to 148 suppliers.</span></div>
      <div><span>3.</span><span> We will expand the programme</span></div>
    </body></html>""")
    doc = _read(page)
    headings = [(b.text, b.section) for b in doc.blocks if b.kind is BlockKind.HEADING]
    assert [h for h, _ in headings] == ["Due Diligence Measures", "1. Step One: “Establish strong company management systems”",
                                         "2. Step Two: “Identify and assess risk”"]
    assert _block(doc, "e. We have a mechanism").section[-1].startswith("1. Step One")
    assert _block(doc, "a. For 2025").section[-1].startswith("2. Step Two")
    assert _block(doc, "3. We will expand").kind is BlockKind.PARAGRAPH


def test_whether_bold_lines_stay_paragraphs_where_the_page_marks_headings(tmp_path):
    page = _write(tmp_path, "<html><body><h1>Report</h1><p><b>Key figures</b></p><p>Text.</p></body></html>")
    doc = _read(page)
    assert _block(doc, "Key figures").kind is BlockKind.PARAGRAPH


def test_whether_a_conflict_minerals_filing_keeps_its_sections():
    from conftest import SHARED_CORPORA

    path = SHARED_CORPORA / "extended" / "company" / "Sonos_Conflict_Minerals_Report_2025.html"
    if not path.exists():
        pytest.skip("../shared/corpora is absent")
    doc = _read(path)
    sections = {b.section[-1] for b in doc.blocks if b.section}
    assert {"Due Diligence Measures", "Reasonable Country of Origin Inquiry Information"} <= sections


SEC_FILING = """<html><body>
  <div><span style="font-weight:700">Due Diligence Measures</span></div>
  <div><span>We require suppliers</span><span style="font-size:6.5pt;position:relative;top:-3.5pt">5</span>
       <span> to source from conformant smelters. Our code is based on the Responsible Business</span></div>
  <div style="text-align:center"><span>2</span></div>
  <hr style="page-break-after:always">
  <div><span>Alliance standard, which every supplier signs.</span></div>
  <div style="text-align:center"><span>3</span></div>
  <hr style="page-break-after:always">
  <div><span>An annex.</span></div>
</body></html>"""


def test_whether_print_page_breaks_give_pages_and_their_printed_numbers(tmp_path):
    doc = _read(_write(tmp_path, SEC_FILING))
    assert [(b.page, b.page_label) for b in doc.blocks if b.kind is BlockKind.PARAGRAPH] == [
        (1, "2"), (2, "3"), (3, "")]
    # The printed numbers label their pages; they are not text.
    assert not any(b.text in ("2", "3") for b in doc.blocks)


def test_whether_the_last_pages_printed_number_labels_it_and_is_no_passage(tmp_path):
    # Micron's 2025 filing ends on its appendix page "B-2", with no page break after it.
    filing = SEC_FILING.replace("<div><span>An annex.</span></div>",
                                '<div><span>An annex.</span></div><div style="text-align:center"><span>B-2</span></div>')
    doc = _read(_write(tmp_path, filing))
    assert _block(doc, "An annex").page_label == "B-2"
    assert not any(b.text == "B-2" for b in doc.blocks)


def test_whether_raised_footnote_marks_are_not_read_into_the_sentence(tmp_path):
    doc = _read(_write(tmp_path, SEC_FILING))
    assert "We require suppliers to source" in _block(doc, "We require").text


def test_whether_a_sentence_cut_by_a_print_page_break_is_one_passage(tmp_path):
    from nlp_pipeline.segment import segment_document

    passages = segment_document(_read(_write(tmp_path, SEC_FILING)))
    (cut,) = [p for p in passages if "Responsible Business" in p.text]
    assert "Responsible Business Alliance standard" in cut.text
    assert cut.pages.startswith("1-")


@pytest.mark.parametrize("placeholder", ["Document", "Untitled document", "Microsoft Word - cmr_2025.docx", "ex101.htm"])
def test_whether_a_placeholder_page_title_gives_way_to_the_documents_own_heading(tmp_path, placeholder):
    # SEC exhibits (Sonos' 2025 filing among them) are often titled "Document" by the tool that wrote them.
    page = (f"<html><head><title>{placeholder}</title></head><body><h1>Conflict Minerals Report</h1>"
            "<p>We surveyed our suppliers on tin, tantalum, tungsten and gold.</p></body></html>")
    assert _read(_write(tmp_path, page)).title == "Conflict Minerals Report"


# The shape of a financial printer's SEC exhibit: a running title atop every printed page, part and
# section titles set as a number cell beside a bold title cell, bullets as a bullet cell beside the text.
SEC_EXHIBIT = """<html><body>
  <p><b>Contents</b></p>
  <table><tr><td><p>I.&#8195;Introduction</p></td><td>2</td></tr>
         <tr><td><p>II.&#8195;Due Diligence Framework</p></td><td>3</td></tr></table>
  <hr style="page-break-after:always">
  <p>EXHIBIT 1.01 &#8211; ACME CORPORATION CONFLICT MINERALS REPORT</p>
  <table><tr><td><b>I.</b></td><td><p><b>Introduction </b></p></td></tr></table>
  <p>This report covers the products we made in 2025.</p>
  <hr style="page-break-after:always">
  <p>EXHIBIT 1.01 &#8211; ACME CORPORATION CONFLICT MINERALS REPORT</p>
  <table><tr><td><b>II.</b></td><td><p><b>Due Diligence Framework </b></p></td></tr></table>
  <table><tr><td>&nbsp;</td><td><b>1.</b></td><td><p><b><i>Company Policies</i></b></p></td></tr></table>
  <p>Our policy requires all in-scope suppliers to:</p>
  <table><tr><td>&nbsp;</td><td>&#8226;</td><td><p>Adopt a sourcing policy for raw materials.</p></td></tr></table>
  <hr style="page-break-after:always">
  <p>EXHIBIT 1.01 &#8211; ACME CORPORATION CONFLICT MINERALS REPORT</p>
  <p>We survey our suppliers each year.</p>
</body></html>"""


def test_whether_a_filings_numbered_titles_laid_out_as_tables_are_its_sections(tmp_path):
    doc = _read(_write(tmp_path, SEC_EXHIBIT))
    assert _block(doc, "This report covers").section == ("I. Introduction",)
    assert _block(doc, "Our policy requires").section == ("1. Company Policies",)
    assert _block(doc, "We survey").section == ("1. Company Policies",)
    (bullet,) = [b for b in doc.blocks if "Adopt a sourcing policy" in b.text]
    assert (bullet.kind, bullet.page) == (BlockKind.LIST_ITEM, 3)


def test_whether_a_filings_running_title_is_dropped_from_every_page(tmp_path):
    doc = _read(_write(tmp_path, SEC_EXHIBIT))
    assert not any("EXHIBIT 1.01" in b.text for b in doc.blocks)
    # A table of contents is a table: its rows are kept as they stand.
    assert any(b.kind is BlockKind.TABLE and "Introduction" in b.text for b in doc.blocks)
