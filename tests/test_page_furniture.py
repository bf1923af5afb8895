import pytest

from nlp_pipeline.ingest.page_furniture import (
    furniture_flags,
    furniture_key,
    is_page_number,
    printed_page_number,
    running_keys,
)

OJ_RECTO = "16.12.2022 EN Official Journal of the European Union L 322/{n}"
OJ_VERSO = "L 322/{n} EN Official Journal of the European Union 16.12.2022"


def oj_header(n: int) -> str:
    return (OJ_RECTO if n % 2 else OJ_VERSO).format(n=n)


def test_whether_recto_and_verso_headers_share_a_key():
    assert furniture_key(oj_header(15)) == furniture_key(oj_header(16))


def test_whether_the_key_ignores_the_page_number():
    assert furniture_key("Page 3 of 40") == furniture_key("Page 12 of 40")


@pytest.mark.parametrize("text", ["12", "- 12 -", "Page 12", "page 3 of 40", "12 / 40", "xii", " 7 "])
def test_whether_a_bare_page_number_is_recognised(text):
    assert is_page_number(text)


@pytest.mark.parametrize("text", ["Scope 3 emissions", "2030 targets", "Article 12", "Page 12 shows the targets", ""])
def test_whether_text_with_a_number_is_not_taken_for_a_page_number(text):
    assert not is_page_number(text)


def test_whether_alternating_official_journal_headers_are_running_lines():
    bands = [[oj_header(n), f"Heading unique to page {chr(65 + n)}"] for n in range(15, 23)]
    flags = furniture_flags(bands)
    assert all(page[0] for page in flags)
    assert not any(page[1] for page in flags)


def test_whether_a_line_repeated_at_different_heights_is_not_a_running_line():
    # The last line of a footnote ("p. 1).") recurs at the page foot, never at one height.
    bands = [["p. 1)."] for _ in range(8)]
    positions = [[40.0 + 9 * i] for i in range(8)]
    assert not any(flag for page in furniture_flags(bands, positions) for flag in page)
    assert all(flag for page in furniture_flags(bands, [[40.0]] * 8) for flag in page)


def test_whether_a_line_on_too_few_pages_is_kept():
    bands = [["Governance"]] + [["Other heading " + chr(65 + i)] for i in range(9)]
    assert running_keys(bands) == {}


def test_whether_a_single_page_has_no_running_lines():
    assert running_keys([["Report title"]]) == {}


@pytest.mark.parametrize(
    "furniture, label",
    [
        ([oj_header(15)], "15"),
        ([oj_header(16)], "16"),
        (["Page 7"], "7"),
        (["Page 7 of 30"], "7"),
        (["12"], "12"),
        (["10 Example Climate Report 2020"], "10"),
        (["Example Climate Report 2020 3"], "3"),
        (["Example Climate Report 2020"], ""),
        (["Example Climate Report", "2020"], ""),
        ([], ""),
    ],
)
def test_whether_the_printed_page_number_is_read_from_the_furniture(furniture, label):
    assert printed_page_number(furniture) == label
