import pytest

from nlp_pipeline.compare.alignment import align_passages, normalised, word_diff, word_similarity
from nlp_pipeline.records import BlockKind, Passage


def passage(text: str, section: tuple[str, ...] = (), heading: str = "", at: int = 0, doc: str = "d" * 12) -> Passage:
    return Passage(id=f"{doc}:{at}", doc_id=doc, text=text, page_start=1, page_end=1, section=section,
                   kind=BlockKind.PARAGRAPH, char_start=at, char_end=at + len(text), heading=heading)


PENALTIES = ("Member States shall lay down the rules on penalties, including pecuniary penalties, applicable to "
             "infringements of the provisions of national law adopted pursuant to this Directive.")
LIABILITY = "Member States shall ensure that a company can be held liable for damage caused to a natural or legal person."
SCOPE = "This Directive shall apply to companies which had more than 1 000 employees on average."
DUTY = "Directors of companies shall take into account the consequences of their decisions for sustainability matters."


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("1.   Member States shall act.", "1. Member States shall act."),
        ("(a) the company’s turnover;", "the company's turnover;"),
        ("Member\u00a0States  shall\nact.", "member states shall act."),
    ],
)
def test_whether_numbering_quotes_and_spacing_do_not_count_as_a_change(a, b):
    assert normalised(a) == normalised(b)


def test_whether_a_renumbered_article_is_found_again_by_its_wording():
    old = [passage(SCOPE, ("Article 2", "1"), "Scope"), passage(PENALTIES, ("Article 20", "1"), "Penalties", at=100)]
    new = [passage(SCOPE, ("Article 2", "1"), "Scope"), passage(PENALTIES, ("Article 27", "1"), "Penalties", at=100)]
    pairs = align_passages(old, new)
    assert [(p.old, p.new) for p in pairs] == [(0, 0), (1, 1)]
    assert all(p.similarity == 1.0 for p in pairs)


def test_whether_a_reworded_paragraph_is_matched_with_the_share_of_wording_kept():
    reworded = SCOPE.replace("1 000", "500")
    pairs = align_passages([passage(SCOPE)], [passage(reworded)])
    assert [(p.old, p.new) for p in pairs] == [(0, 0)]
    assert 0.8 < pairs[0].similarity < 1.0


def test_whether_unrelated_passages_are_added_and_removed_rather_than_forced_together():
    pairs = align_passages([passage(DUTY)], [passage(LIABILITY)])
    assert sorted(p.kind for p in pairs) == ["added", "removed"]


def test_whether_a_removed_passage_is_placed_where_it_used_to_be():
    old = [passage(SCOPE), passage(DUTY, at=100), passage(PENALTIES, at=200)]
    new = [passage(SCOPE), passage(PENALTIES, at=100), passage(LIABILITY, at=200)]
    pairs = align_passages(old, new)
    assert [(p.old, p.new) for p in pairs] == [(0, 0), (1, None), (2, 1), (None, 2)]


def test_whether_repeated_wording_is_paired_in_order_of_appearance():
    text = "Member States shall ensure that the information is made public."
    old = [passage(text, ("Article 5",)), passage(text, ("Article 9",), at=100)]
    new = [passage(text, ("Article 6",)), passage(text, ("Article 10",), at=100)]
    assert [(p.old, p.new) for p in align_passages(old, new)] == [(0, 0), (1, 1)]


def test_whether_a_shared_title_decides_between_two_nearly_equally_close_candidates():
    base = "Member States shall ensure that the supervisory authority publishes its decisions"
    old = [passage(base + " on penalties.", ("Article 20", "5"), "Penalties")]
    new = [passage(base + " on penalties and concerns.", ("Article 26", "4"), "Substantiated concerns"),
           passage(base + " about penalties.", ("Article 27", "5"), "Penalties", at=100)]
    pairs = align_passages(old, new)
    assert (0, 1) in [(p.old, p.new) for p in pairs]


def test_whether_a_shared_title_never_matches_passages_that_say_different_things():
    old = [passage(DUTY, ("Article 20", "1"), "Penalties")]
    new = [passage(LIABILITY, ("Article 27", "1"), "Penalties")]
    assert sorted(p.kind for p in align_passages(old, new)) == ["added", "removed"]


@pytest.mark.parametrize(("old", "new"), [([], []), ([passage(SCOPE)], []), ([], [passage(SCOPE)])])
def test_whether_an_empty_side_leaves_every_passage_added_or_removed(old, new):
    pairs = align_passages(old, new)
    assert len(pairs) == len(old) + len(new)
    assert all(p.kind != "matched" for p in pairs)


def test_whether_the_word_diff_rebuilds_both_texts():
    old, new = SCOPE, SCOPE.replace("more than 1 000", "at least 500")
    runs = word_diff(old, new)
    assert " ".join(t for op, t in runs if op != "insert") == old
    assert " ".join(t for op, t in runs if op != "delete") == new
    assert ("insert", "at least 500") in runs


def test_whether_word_similarity_is_one_for_the_same_wording_and_low_for_different_wording():
    assert word_similarity(SCOPE, "1. " + SCOPE) == 1.0
    assert word_similarity(SCOPE, LIABILITY) < 0.5
