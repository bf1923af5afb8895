"""heatmap.png and heatmap.svg: documents x categories, readable at corpus size."""

from __future__ import annotations

import hashlib
from dataclasses import replace

import pytest
from report_sample import empty_result, sample_result

from nlp_pipeline.aggregate import coverage_cells
from nlp_pipeline.records import DocumentAnalysis
from nlp_pipeline.report.base import ReportContext
from nlp_pipeline.report.heatmap import heatmap_figure, write_heatmap
from nlp_pipeline.taxonomy import categories


def _many_documents(n: int):
    result = sample_result()
    docs = [
        replace(result.documents[i % 2], id=hashlib.sha256(str(i).encode()).hexdigest(),
                path=f"inputs/a_rather_long_company_report_name_{i:02d}.pdf")
        for i in range(n)
    ]
    result.analyses = [DocumentAnalysis(d, (), coverage_cells(d, (), result.taxonomy), ()) for d in docs]
    return result


@pytest.mark.parametrize("build", [sample_result, empty_result], ids=["two_documents", "no_document"])
def test_whether_png_and_svg_are_written(tmp_path, build):
    png, svg = write_heatmap(build(), tmp_path, ReportContext())
    assert png.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    assert b"<svg" in svg.read_bytes()[:2000]


def test_whether_every_category_is_labelled_by_its_name_under_a_plain_title_with_a_legend(tmp_path):
    from html import escape

    from nlp_pipeline.report.heatmap import CATEGORY_LIMIT
    from nlp_pipeline.report.wording import shorten

    result = sample_result()
    _, svg = write_heatmap(result, tmp_path, ReportContext())
    text = svg.read_text()
    assert all(escape(shorten(c.label, CATEGORY_LIMIT), quote=False) in text for c in categories(result.taxonomy))
    assert "HR.GAP" not in text
    assert "How firmly 2 documents commit on each category of the electronics roadmap" in text
    assert "4 binding and enforced" in text and "mentioned, no commitment" in text
    assert "example_act.html" in text


def test_whether_the_svg_is_reproducible(tmp_path):
    result = sample_result()
    svgs = []
    for name in ("first", "second"):
        (tmp_path / name).mkdir()
        svgs.append(write_heatmap(result, tmp_path / name, ReportContext())[1].read_bytes())
    assert svgs[0] == svgs[1]


@pytest.mark.parametrize("n", [1, 20])
def test_whether_rows_and_columns_keep_a_readable_size(n):
    result = _many_documents(n)
    figure = heatmap_figure(result)
    width, height = figure.get_size_inches()
    rows = len(categories(result.taxonomy))
    assert height / rows >= 0.2  # inches per category row: room for a 7.5 pt label
    assert width >= 5 + 0.5 * n  # room for category names plus about half an inch per document
    assert width <= 16 and height <= 14  # still fits a screen or an A3 page


@pytest.mark.parametrize(
    "name, expected",
    [
        ("short.pdf", "short.pdf"),
        ("a_rather_long_company_report_name_07.pdf", "a_rather_long…port_name_07.pdf"),
    ],
)
def test_whether_long_document_names_keep_their_distinguishing_end(name, expected):
    from nlp_pipeline.report.heatmap import NAME_LIMIT, _short

    assert _short(name) == expected and len(_short(name)) <= NAME_LIMIT
