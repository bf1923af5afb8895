import pytest

from nlp_pipeline.segment.sentences import split_sentences


def _sentences(text):
    return [text[s:e] for s, e in split_sentences(text)]


@pytest.mark.parametrize(
    "text",
    [
        "See Art. 5(1) of Regulation (EU) No. 1907/2006 on chemicals.",
        "As set out in para. 3 and pp. 12-14, cf. the annex, e.g. the list.",
        "The company, i.e. the parent, reports to Apple Inc. every year.",
    ],
)
def test_whether_legal_abbreviations_do_not_end_a_sentence(text):
    assert _sentences(text) == [text]


def test_whether_enumerated_points_start_their_own_sentence_with_the_bracket():
    text = "Member States shall ensure that: (a) the company reports; (b) the authority checks; and (c) penalties apply."
    sentences = _sentences(text)
    assert sentences[1].startswith("(a)")
    assert sentences[2].startswith("(b)")
    assert sentences[3].startswith("(c)")
    assert not any(s.endswith("(") for s in sentences)


def test_whether_a_reference_to_a_point_inside_a_sentence_is_not_split():
    text = "The thresholds referred to in point (a) of paragraph 1 shall apply."
    assert _sentences(text) == [text]


def test_whether_the_last_of_a_list_of_points_cited_does_not_open_a_point():
    # The Omnibus I proposal COM(2025) 81, new first subparagraph of Article 22(1) of Directive (EU) 2024/1760:
    # "(c), adopt" was read as a point, cutting the duty from its addressees.
    text = ("Member States shall ensure that companies referred to in Article 2(1), points (a), (b) and (c), and "
            "Article 2(2), points (a), (b) and (c), adopt a transition plan for climate change mitigation.")
    assert _sentences(text) == [text]
    # A point after "; and" still opens one.
    assert _sentences("Member States shall: (a) report; and (b) notify.")[-1] == "(b) notify."


def test_whether_ordinary_sentences_are_split():
    assert len(_sentences("We audit suppliers. We publish the results. Workers can complain.")) == 3
