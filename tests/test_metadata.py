"""Year and language read from a document's name and text."""

import pytest

from nlp_pipeline.metadata import detect_language, detect_year
from nlp_pipeline.records import Document, DocumentKind


@pytest.mark.parametrize("path, title, year", [
    ("corpus/Intel_Form_SD_Conflict_Minerals_Report_CY2025.pdf", "", 2025),
    ("corpus/csrd_2022_2464_oj.pdf", "", 2022),
    ("corpus/rba_vap_standard_v8.0.2.json", "Validated Assessment Program 2025", 2025),
    ("corpus/rba_vap_standard_v8.0.2.json", "", None),
])
def test_whether_the_year_comes_from_the_name_then_the_title(path, title, year):
    document = Document("x" * 64, path, DocumentKind.REPORT, title, (), 1)
    assert detect_year(document) == year


@pytest.mark.parametrize("text, language", [
    ("The company shall report on the due diligence of its suppliers and on the risks that are found in the "
     "supply chain of tin, tantalum, tungsten and gold, which it has identified with the help of its auditors. " * 3,
     "en"),
    ("Das Unternehmen ist verpflichtet, die Sorgfaltspflichten in der Lieferkette zu erfüllen und die Risiken, "
     "die sich aus der Beschaffung von Zinn, Tantal und Gold ergeben, in einem Bericht darzustellen. Es ist "
     "auch für die Lieferanten und für die Schmelzen in der Kette verantwortlich, die nicht auditiert sind. " * 2,
     "de"),
    ("Too short to tell.", None),
])
def test_whether_the_language_is_the_one_whose_common_words_dominate(text, language):
    assert detect_language(text) == language
