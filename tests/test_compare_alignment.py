"""Which provision continues which: structure first (article, paragraph, point), then content."""

from nlp_pipeline.compare.alignment import align_versions
from nlp_pipeline.compare.provisions import ARTICLE, TEXT, Provision

PENALTIES = ("Member States shall lay down the rules on penalties, including pecuniary penalties, applicable to "
             "infringements of the provisions of national law adopted pursuant to this Directive.")
LIABILITY = "Member States shall ensure that a company can be held liable for damage caused to a natural or legal person."
SCOPE = "This Directive shall apply to companies which had more than 1 000 employees on average."
DUTY = "Directors of companies shall take into account the consequences of their decisions for sustainability matters."


def units(*entries: tuple[tuple[str, ...], str], part: str = ARTICLE, titles: dict[str, str] | None = None) -> list[Provision]:
    out, seen = [], {}
    for k, (path, text) in enumerate(entries):
        seen[path] = seen.get(path, -1) + 1
        out.append(Provision(index=k, part=part, container=path[0] if part == ARTICLE else " > ".join(path),
                             path=path, occurrence=seen[path], passages=(k,), text=text,
                             heading=(titles or {}).get(path[0], "")))
    return out


def pairs(old, new, structured=True):
    return [(m.old, m.new, m.how) for m in align_versions(old, new, structured).matches]


def test_whether_a_renumbered_article_is_found_again_by_its_wording_and_its_references_read_in_the_new_numbers():
    old = units((("Article 2", "1"), SCOPE), (("Article 20", "1"), PENALTIES + " See Article 20."))
    new = units((("Article 2", "1"), SCOPE), (("Article 27", "1"), PENALTIES + " See Article 27."))
    result = align_versions(old, new, True)
    assert result.containers == {"Article 2": "Article 2", "Article 20": "Article 27"}
    assert result.article_numbers == {"20": "27"}
    assert [(m.old, m.new, m.similarity) for m in result.matches] == [((0,), (0,), 1.0), ((1,), (1,), 1.0)]


def test_whether_an_article_keeping_its_number_and_title_is_the_same_article_rewritten():
    titles = {"Article 4": "Level of harmonisation"}
    old = units((("Article 4", "1"), "Member States shall not introduce provisions diverging from Article 8."),
                titles=titles)
    new = units((("Article 4", "1"), "Without prejudice to Article 1, Member States shall not introduce, in their "
                                     "national law, obligations diverging from Articles 6 and 8 and Article 14."),
                titles=titles)
    assert pairs(old, new) == [((0,), (0,), "kept")]


def test_whether_the_same_point_wins_over_a_closer_wording_under_another_lead_in():
    old = units((("Article 5", "2"), "Member States shall apply those measures:"),
                (("Article 5", "2", "(a)"), "for financial years starting on or after 1 January 2024:"),
                (("Article 5", "2", "(a)", "(i)"), "to large undertakings exceeding the average number of 500 employees;"),
                (("Article 5", "2", "(b)"), "for financial years starting on or after 1 January 2025:"),
                (("Article 5", "2", "(b)", "(i)"), "to large undertakings, other than those referred to in point (a)(i);"))
    new = units((("Article 5", "2"), "Member States shall apply those measures:"),
                (("Article 5", "2", "(b)"), "for financial years starting on or after 1 January 2025:"),
                (("Article 5", "2", "(b)", "(i)"), "to large undertakings exceeding the average number of 1000 employees;"))
    assert pairs(old, new) == [((0,), (0,), "kept"), ((1,), (), "removed"), ((2,), (), "removed"),
                               ((3,), (1,), "kept"), ((4,), (2,), "kept")]


def test_whether_a_point_split_in_two_is_one_group():
    old = units((("Article 3", "2"), "The policy shall contain:"),
                (("Article 3", "2", "(a)"), "a description of the approach to due diligence and a code of conduct "
                                            "for the company and its subsidiaries;"),
                (("Article 3", "2", "(b)"), "a description of the processes put in place."))
    new = units((("Article 3", "2"), "The policy shall contain:"),
                (("Article 3", "2", "(a)"), "a description of the approach to due diligence;"),
                (("Article 3", "2", "(b)"), "a code of conduct for the company and its subsidiaries;"),
                (("Article 3", "2", "(c)"), "a description of the processes put in place."))
    assert pairs(old, new) == [((0,), (0,), "kept"), ((1,), (1, 2), "split"), ((2,), (3,), "kept")]


def test_whether_unrelated_provisions_are_added_and_removed_rather_than_forced_together():
    old = units((("Article 25", "1"), DUTY))
    new = units((("Article 29", "1"), LIABILITY))
    assert sorted(how for _, _, how in pairs(old, new)) == ["added", "removed"]


def test_whether_a_removed_provision_is_placed_where_it_used_to_be():
    old = units((("s",), SCOPE), (("s",), DUTY), (("s",), PENALTIES), part=TEXT)
    new = units((("s",), SCOPE), (("s",), PENALTIES), (("s",), LIABILITY), part=TEXT)
    assert pairs(old, new, structured=False) == [((0,), (0,), "kept"), ((1,), (), "removed"), ((2,), (1,), "kept"),
                                                 ((), (2,), "added")]


def test_whether_only_text_out_of_its_reading_order_is_moved():
    old = units((("a",), SCOPE), (("b",), DUTY), (("c",), PENALTIES), part=TEXT)
    new = units((("b",), DUTY), (("a",), SCOPE), (("c",), PENALTIES), part=TEXT)
    hows = {m.old: m.how for m in align_versions(old, new, False).matches}
    assert sorted(hows.values()) == ["kept", "kept", "moved"] and hows[(2,)] == "kept"
