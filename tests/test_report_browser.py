"""report.html in a real browser: the summary shows, a cell unfolds to all its passages, a page link opens the PDF.

Runs headless Chromium (Debian's package) through Playwright on the report
`check` wrote for a shared company PDF, and saves a screenshot of the page
under test-artifacts/ (or $RESOURCING_TEST_ARTIFACTS) for a person to look at.
Skipped, with the reason, where no browser or no Playwright can be had.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest

from conftest import PROJECT_ROOT

CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
ARTIFACTS = Path(os.environ.get("RESOURCING_TEST_ARTIFACTS", PROJECT_ROOT / "test-artifacts"))

pytestmark = [pytest.mark.shared, pytest.mark.browser]


def _chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if not found:
        pytest.skip("no Chromium on this machine (Debian: apt-get install chromium)")
    return found


@pytest.fixture(scope="module")
def browser_page(checked_company_report, tmp_path_factory):
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install playwright)")
    executable = _chromium()
    profile = tmp_path_factory.mktemp("chromium-profile")
    with sync_api.sync_playwright() as playwright:
        try:
            browser = playwright.chromium.launch_persistent_context(
                str(profile), executable_path=executable, headless=True, args=CHROMIUM_FLAGS,
                viewport={"width": 1280, "height": 900})
        except sync_api.Error as error:
            pytest.skip(f"Chromium would not start: {str(error).splitlines()[0]}")
        page = browser.new_page()
        printed, out, pdf = checked_company_report
        page.goto((out / "report.html").as_uri())
        yield page, out, pdf
        browser.close()


def test_whether_the_summary_is_the_first_thing_a_reader_sees(browser_page):
    page, out, pdf = browser_page
    summary = page.locator("div.summary").first
    assert summary.is_visible()
    assert summary.bounding_box()["y"] < 900  # above the fold of a laptop screen
    text = summary.inner_text()
    assert "In brief" in text and "addresses" in text and "does not address" in text
    assert page.locator("ol.strongest > li").count() == 3
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "report-summary.png"))


def test_whether_a_cell_unfolds_to_every_passage_behind_it(browser_page):
    page, out, pdf = browser_page
    results = json.loads((out / "results.json").read_text(encoding="utf-8"))
    counts = {c["category_id"]: c["passage_count"] for c in results["coverage"]}
    busiest = max(counts, key=counts.get)
    assert counts[busiest] > 5, "the test needs a cell with folded passages"
    page.locator(f"table.coverage td.cell a[href$='-{busiest}']").click()
    block = page.locator(f"[id$='-{busiest}'].evidence")
    visible = block.locator("ol.passages > li")
    assert visible.count() == 5 and visible.first.is_visible()
    folded = block.locator("details.more > ol > li")
    assert not folded.first.is_visible()
    block.locator("details.more > summary").click()
    assert folded.first.is_visible()
    assert visible.count() + folded.count() == counts[busiest]
    block.screenshot(path=str(ARTIFACTS / "report-evidence.png"))


def test_whether_a_page_link_opens_the_source_pdf_at_that_page(browser_page):
    import pypdfium2

    page, out, pdf = browser_page
    link = page.locator("div.summary a.page").first
    href = link.get_attribute("href")
    assert not urlparse(href).scheme, "links are relative, so the folder can move with its source"
    resolved = urlparse(link.evaluate("a => a.href"))
    assert resolved.scheme == "file" and Path(unquote(resolved.path)).resolve() == pdf.resolve()
    number = int(resolved.fragment.removeprefix("page="))
    assert 1 <= number <= len(pypdfium2.PdfDocument(str(pdf)))
    assert link.inner_text().startswith(f"p. {number}")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "report-full.png"), full_page=True)
