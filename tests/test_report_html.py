"""report.html: self-contained, every verdict linked to its evidence, all text escaped."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup
from report_sample import ACT_ID, HOSTILE, sample_result

from nlp_pipeline.report.html import render_html
from nlp_pipeline.taxonomy import categories


@pytest.fixture(scope="module")
def result():
    return sample_result()


@pytest.fixture(scope="module")
def page(result):
    return render_html(result)


@pytest.fixture(scope="module")
def soup(page):
    return BeautifulSoup(page, "html.parser")


def _cells(soup, table_class):
    return [td for table in soup.select(f"table.{table_class}") for td in table.select("td.cell")]


@pytest.mark.parametrize("table_class", ["matrix", "coverage"])
def test_whether_every_non_absent_cell_links_to_its_evidence_with_the_page(result, soup, table_class):
    covered = [c for c in result.coverage if c.status.value != "absent"]
    linked = [td for td in _cells(soup, table_class) if td.a]
    assert len(linked) == len(covered)
    for td in linked:
        target = soup.find(id=td.a["href"].removeprefix("#"))
        assert target is not None, td.a["href"]
        pages = re.findall(r"p\. ([\d-]+)", target.get_text())
        assert pages, f"no page in the evidence of {td.a['href']}"
        assert f"p. {pages[0]}" in td["title"]


def test_whether_absent_cells_carry_no_link(soup):
    absent = [td for td in _cells(soup, "matrix") if "absent" in td["title"]]
    assert absent and not any(td.a for td in absent)


def test_whether_an_evidence_list_shows_quote_page_section_passage_strength_and_rules(result, soup):
    cell = next(c for c in result.coverage if c.doc_id == ACT_ID and c.category_id == "HR.GAP.SANCTIONS")
    block = soup.find(id=f"ev-{ACT_ID[:12]}-HR.GAP.SANCTIONS")
    text = block.get_text(" ")
    evidence = cell.evidence[0]
    assert evidence.quote in block.blockquote.get_text()
    for expected in ("p. 9", "Article 27 > 1", evidence.passage_id, "enforcement.penalty: penalties"):
        assert expected in text
    assert block.find("b", string="4") is not None  # the strength


def test_whether_the_corpus_matrix_puts_documents_side_by_side(result, soup):
    matrix = soup.select_one("#corpus table.matrix")
    assert [th.get_text() for th in matrix.select("th.doc")] == ["example_act.html", "example report.pdf"]
    assert len(matrix.select("th.cat")) == len(categories(result.taxonomy))


def test_whether_the_milestone_table_shows_expected_observed_verdict_and_provenance(result, soup):
    table = soup.select("table.milestones")[0]
    headers = [th.get_text() for th in table.select("thead th")]
    assert headers[4:8] == ["Expected", "Observed", "Verdict", "Provenance"]
    rows = table.select("tbody tr")
    assert len(rows) == len([m for m in result.milestones if m.doc_id == ACT_ID])
    sanctions = [r for r in rows if "HR.GAP.SANCTIONS" in r.get_text()]
    assert sanctions and all(r.a and "p. 9" in r.a.get_text() for r in sanctions)


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
    assert not re.search(r"(src|href)\s*=\s*\"(?!#)", page)
    assert "@import" not in page and "url(" not in page


def test_whether_every_link_resolves_to_one_anchor(soup):
    ids = [t["id"] for t in soup.find_all(id=True)]
    assert len(ids) == len(set(ids))
    assert all(a["href"].removeprefix("#") in ids for a in soup.find_all("a"))
