import pytest

from nlp_pipeline.classify.context import split_section, topic_context, topic_text


@pytest.mark.parametrize("section,heading,expected", [
    (("Article 27", "1"), "Penalties", "Article 27 Penalties"),
    (("Article 1", "(4)", "Article 19a", "2", "(a)"), "", "Article 1 > Article 19a"),
    (("A. Labor", "A6 Freedom of Association"), "", "A. Labor > A6 Freedom of Association"),
    (("Reflections",), "Reflections", "Reflections"),
    ((), "", ""),
])
def test_whether_numbering_is_dropped_and_the_title_kept(section, heading, expected):
    assert topic_context(section, heading) == expected


def test_whether_the_context_leads_the_text_and_bare_text_stays_bare():
    assert topic_text("Member States shall lay down penalties.", ("Article 27", "1"), "Penalties") == (
        "Article 27 Penalties. Member States shall lay down penalties.")
    assert topic_text("We repair devices.") == "We repair devices."


@pytest.mark.parametrize("given,expected", [
    ("Article 27 > 1", ("Article 27", "1")),
    (["Annex I", "Part 1"], ("Annex I", "Part 1")),
    ("", ()),
])
def test_whether_a_section_is_read_as_a_string_or_a_list(given, expected):
    assert split_section(given) == expected
