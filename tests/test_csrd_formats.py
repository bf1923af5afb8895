"""The same text gives the same passages whatever its format: the CSRD as JSON and as its Official Journal PDF.

EU law may be copied, but these tests read both from ../shared/corpora and
skip when it is absent. Footnote markers are left out of the comparison:
EUR-Lex numbers the footnotes of an amending act's quoted articles "(*1)",
"(*2)" ... through the act, while the Official Journal prints "(*)", "(**)"
... per quotation.
"""

import re
from functools import lru_cache

import pytest

from conftest import shared_file
from nlp_pipeline.ingest import read_document
from nlp_pipeline.segment import segment_document

pytestmark = pytest.mark.shared

_MARKER = re.compile(r"\s?\(\*+\d*\)")


def words(text: str) -> str:
    return " ".join(_MARKER.sub("", text.replace("\u00a0", " ")).split())


@lru_cache(maxsize=None)
def passages(relative: str):
    return segment_document(read_document(shared_file(relative)))


def structured(passage) -> bool:
    return bool(passage.section) and passage.section[0].startswith(("Article", "Recital", "Annex"))


def test_whether_the_json_passages_are_found_word_for_word_in_the_pdf_under_the_same_section():
    json_passages = [p for p in passages("eu_law/csrd_articles_recitals.json") if structured(p)]
    pdf_by_section: dict[tuple[str, ...], list[str]] = {}
    for p in passages("eu_law/csrd_2022_2464_oj.pdf"):
        pdf_by_section.setdefault(p.section, []).append(words(p.text))
    found = [p for p in json_passages if any(words(p.text) in text for text in pdf_by_section.get(p.section, []))]
    assert len(json_passages) > 600
    assert len(found) >= 0.95 * len(json_passages), len(found) / len(json_passages)


def test_whether_no_pdf_recital_holds_footnote_text():
    recitals = [p for p in passages("eu_law/csrd_2022_2464_oj.pdf") if p.role == "recital"]
    assert len(recitals) >= 85
    # A footnote gives, after its marker, an act with its full date or a reference to the Journal.
    footnote = re.compile(
        r"\(\d{1,3}\)\s+(OJ [CL] \d|Position of the European Parliament"
        r"|(Council |Commission )?(Delegated |Implementing )?(Directive|Regulation|Decision|Recommendation)"
        r" [^()]{0,80}? of \d{1,2} \w+ \d{4})"
    )
    # The recital's own number opens it; a footnote would follow inside.
    assert not [p.text for p in recitals if footnote.search(p.text, 5)]
