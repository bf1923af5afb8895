"""report.html: a summary first, statuses in words, every passage one click away, all text escaped."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path
from urllib.parse import unquote

import pytest
from bs4 import BeautifulSoup
from report_sample import ACT_ID, HOSTILE, REPORT_ID, sample_result

from nlp_pipeline.aggregate import coverage_cells, milestone_cells
from nlp_pipeline.records import AnalysedPassage, Assessment, CategoryScore, DocumentAnalysis, MilestoneVerdict, Reason
from nlp_pipeline.report.html import SHOWN_PASSAGES, render_html
from nlp_pipeline.taxonomy import categories


@pytest.fixture(scope="module")
def result():
    return sample_result()


@pytest.fixture(scope="module")
def out_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("out")


@pytest.fixture(scope="module")
def page(result, out_dir):
    return render_html(result, out_dir=out_dir)


@pytest.fixture(scope="module")
def soup(page):
    return BeautifulSoup(page, "html.parser")


def _cells(soup, table_class):
    return [td for table in soup.select(f"table.{table_class}") for td in table.select("td.cell")]


def _with_many_passages(count: int):
    """The sample with `count` passages on HR.GAP.SANCTIONS in the act."""
    result = sample_result()
    analysis = result.analyses[0]
    template = analysis.passages[0]
    extra = []
    for n in range(1, count):
        passage = replace(template.passage, id=f"{ACT_ID[:12]}:{5000 + n}", char_start=5000 + n,
                          text=f"Penalty rule number {n} shall apply.", page_start=10 + n, page_end=10 + n,
                          page_label=str(8 + n))
        extra.append(AnalysedPassage(passage, (CategoryScore("HR.GAP.SANCTIONS", 0.6, True),),
                                     Assessment(passage.id, 2, "binding", reasons=(Reason("modality.shall", "shall"),))))
    passages = (*analysis.passages, *extra)
    cells = coverage_cells(analysis.document, passages, result.taxonomy)
    result.analyses[0] = DocumentAnalysis(analysis.document, passages, cells, milestone_cells(cells, result.taxonomy))
    return result


def test_whether_each_document_opens_on_its_summary(soup):
    section = soup.select_one(f"#doc-{ACT_ID[:12]}")
    first = section.find(["div", "table", "h3"], recursive=False)
    assert "summary" in first["class"]
    text = first.get_text(" ")
    assert "addresses" in text and "does not address" in text
    # The act covers two categories in its articles; its recital on stakeholders is a mention, not a finding.
    assert len(first.select("ol.strongest > li")) == 2 and first.select("ol.weakest > li")


def test_whether_the_summary_quotes_its_strongest_finding_with_a_page_link(soup, out_dir):
    strongest = soup.select_one(f"#summary-{ACT_ID[:12]} ol.strongest > li")
    assert "Insufficient sanctions" in strongest.get_text() and "binding and enforced (4 of 4)" in strongest.get_text()
    assert strongest.blockquote.get_text().startswith("Member States shall lay down rules on penalties")
    link = strongest.select_one("a.page")
    assert link.get_text() == "p. 9" and link["href"].endswith("example_act.html")  # HTML has no page to open at


@pytest.mark.parametrize("table_class", ["matrix", "coverage"])
def test_whether_every_covered_cell_links_to_its_evidence(result, soup, table_class):
    covered = [c for c in result.coverage if c.status.value != "absent"]
    linked = [td for td in _cells(soup, table_class) if td.a]
    assert len(linked) == len(covered)
    for td in linked:
        target = soup.find(id=td.a["href"].removeprefix("#"))
        assert target is not None, td.a["href"]
        assert target.select("a.page"), f"no page link in the evidence of {td.a['href']}"


def test_whether_statuses_read_as_words_not_numbers(soup):
    words = {td.get_text() for td in _cells(soup, "coverage")}
    assert "mentioned, no commitment" in words or "aspirational (1 of 4)" in words
    assert not words & {"0", "1", "2", "3", "4"}
    assert "not addressed" in words


def test_whether_the_colour_scale_is_explained(soup):
    legend = soup.select_one("details.legend")
    assert legend.select("li .chip") and "binding and enforced (4 of 4)" in legend.get_text()
    assert "penalties" in legend.get_text()  # the scale's own description of level 4


def test_whether_absent_cells_carry_no_link(soup):
    absent = [td for td in _cells(soup, "matrix") if td.get_text() == "–"]
    assert absent and not any(td.a for td in absent)


def test_whether_an_evidence_item_shows_quote_page_section_strength_rules_and_passage(result, soup):
    cell = next(c for c in result.coverage if c.doc_id == ACT_ID and c.category_id == "HR.GAP.SANCTIONS")
    block = soup.find(id=f"ev-{ACT_ID[:12]}-HR.GAP.SANCTIONS")
    item = block.select_one("ol.passages > li")
    evidence = cell.evidence[0]
    assert item.blockquote.get_text() == evidence.quote
    text = item.get_text(" ")
    for expected in ("p. 9", "Article 27 > 1", evidence.passage_id, "strength 4 of 4", "“penalties”"):
        assert expected in text


def test_whether_a_printed_page_that_differs_is_named(soup):
    links = [a.get_text() for a in soup.select(f"#doc-{REPORT_ID[:12]} a.page")]
    assert "p. 14 (printed xiv)" in links


def test_whether_every_passage_of_a_cell_is_in_the_page_the_rest_folded(out_dir):
    count = SHOWN_PASSAGES + 4
    page = BeautifulSoup(render_html(_with_many_passages(count), out_dir=out_dir), "html.parser")
    block = page.find(id=f"ev-{ACT_ID[:12]}-HR.GAP.SANCTIONS")
    shown = block.select("ol.passages > li")
    folded = block.select("details.more > ol > li")
    assert len(shown) == SHOWN_PASSAGES and len(shown) + len(folded) == count
    assert "Show the other 4 passages" in block.details.summary.get_text()


def test_whether_page_links_lead_to_the_pdf_at_its_page(result, soup, out_dir):
    report = result.documents[1]
    links = soup.find(id=f"ev-{REPORT_ID[:12]}-CE.RECYCLED_CONTENT").select("a.page")
    path, fragment = links[0]["href"].split("#")
    assert not re.match(r"^[a-z]+:|^/", path)  # relative, so the folder can move with its source
    assert (out_dir / unquote(path)).resolve() == Path(report.path).resolve()
    assert fragment == "page=14" and links[0].get_text() == "p. 14 (printed xiv)"


def test_whether_the_corpus_matrix_puts_documents_side_by_side(result, soup):
    matrix = soup.select_one("#corpus table.matrix")
    assert [th.get_text() for th in matrix.select("th.doc")] == ["example_act.html", "example report.pdf"]
    assert len(matrix.select("th.cat")) == len(categories(result.taxonomy))


def test_whether_the_milestone_table_shows_expectation_finding_and_verdict_in_words(result, soup):
    table = soup.select_one(f"#doc-{ACT_ID[:12]} table.milestones")
    headers = [th.get_text() for th in table.select("thead th")]
    assert headers == ["Year", "Milestone", "Category", "Expects", "Found", "Verdict", "Evidence"]
    rows = table.select("tbody tr")
    # Milestones addressed to other actors are counted under the table, not listed in it.
    applicable = [m for m in result.milestones if m.doc_id == ACT_ID and m.verdict is not MilestoneVerdict.NOT_APPLICABLE]
    assert 0 < len(rows) == len(applicable)
    # The verdict in words, then (after a line break) why.
    assert {str(r.select("td")[5].contents[0]).strip() for r in rows} <= {
        v.words for v in MilestoneVerdict if v is not MilestoneVerdict.NOT_APPLICABLE}


def test_whether_failures_are_listed_with_their_reason(soup):
    failures = soup.select_one("#failures table")
    assert failures.get_text(" ").split() == "File Reason inputs/broken <1>.pdf not a PDF: starts with \"<html>\" & more".split()


@pytest.mark.parametrize(
    "raw",
    [HOSTILE, "<script>", 'Report "2023" & more', "Example Act <2024>", "Supply chain <Tier 1>", "<b>\"report\"</b>"],
)
def test_whether_document_text_is_escaped(page, raw):
    assert raw not in page


def test_whether_escaped_text_reads_back_as_written(soup):
    assert HOSTILE in soup.get_text()
    assert soup.find("script") is None
    assert not any(q.find("b") for q in soup.find_all("blockquote"))  # the passage's <b> stayed text


def test_whether_the_page_is_self_contained(soup, page):
    assert not soup.find_all(["script", "link", "img", "iframe"])
    assert not re.search(r"(src|href)\s*=\s*\"[a-z]+:", page)  # no http:, file: or data: address
    assert "@import" not in page and "url(" not in page


def test_whether_every_anchor_link_resolves_to_one_element(soup):
    ids = [t["id"] for t in soup.find_all(id=True)]
    assert len(ids) == len(set(ids))
    internal = [a["href"] for a in soup.find_all("a") if a["href"].startswith("#")]
    assert internal and all(href.removeprefix("#") in ids for href in internal)


def test_whether_a_report_of_one_document_names_it_in_the_title(out_dir):
    result = sample_result()
    result.analyses = result.analyses[1:]
    page = BeautifulSoup(render_html(result, out_dir=out_dir), "html.parser")
    assert page.h1.get_text() == "example report.pdf against the electronics roadmap"
    assert page.find(id="corpus") is None
