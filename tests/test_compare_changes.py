import pytest

from nlp_pipeline.compare.alignment import AlignedPair
from nlp_pipeline.compare.changes import (
    COMMITMENT_FACTS,
    coverage_direction,
    fact_shifts,
    passage_changes,
)
from nlp_pipeline.records import (
    AnalysedPassage,
    Assessment,
    DocumentAnalysis,
    BlockKind,
    CategoryScore,
    CoverageStatus,
    Document,
    DocumentKind,
    Fact,
    Passage,
)


def fact(kind: str, attribute: str, value: float | None = None, comparator: str = "", unit: str = "") -> Fact:
    return Fact(kind=kind, text=f"{kind} {value}", start=0, end=1, value=value, unit=unit, attribute=attribute,
                comparator=comparator)


@pytest.mark.parametrize(
    ("old", "new", "direction", "reading"),
    [
        ([fact("threshold", "employees", 500, ">")], [fact("threshold", "employees", 1000, ">")], "raised",
         "scope narrowed"),
        ([fact("threshold", "employees", 1000, ">")], [fact("threshold", "employees", 250, ">")], "lowered",
         "scope widened"),
        ([fact("exemption", "exemption"), fact("threshold", "employees", 50, "<")],
         [fact("exemption", "exemption"), fact("threshold", "employees", 250, "<")], "raised", "scope narrowed"),
        ([], [fact("penalty", "share_of_turnover", 5, ">=", "%")], "added", "sanction added"),
        ([fact("penalty", "share_of_turnover", 5, ">=", "%")], [fact("penalty", "share_of_turnover", 3, ">=", "%")],
         "lowered", "sanctions lowered"),
        ([fact("deadline", "start", 2027)], [fact("deadline", "start", 2029)], "later", "deadline postponed"),
        ([fact("deadline", "start", 2029)], [fact("deadline", "start", 2027)], "earlier", "deadline brought forward"),
        ([], [fact("exemption", "exemption")], "added", "exemption added (possible loophole)"),
        ([fact("enforcement", "civil_liability")], [], "removed", "enforcement removed"),
    ],
)
def test_whether_a_moved_fact_is_read_in_roadmap_terms(old, new, direction, reading):
    shifts = fact_shifts(old, new)
    assert [(s.direction, s.reading) for s in shifts] == [(direction, reading)]


def test_whether_an_unchanged_fact_is_no_shift():
    same = [fact("threshold", "employees", 1000, ">"), fact("enforcement", "penalties")]
    assert fact_shifts(same, list(same)) == ()


def test_whether_one_provision_mentioned_three_times_is_one_shift():
    liability = [fact("enforcement", "civil_liability")] * 3
    assert len(fact_shifts([], liability)) == 1


def test_whether_quantities_are_left_out_where_only_commitment_facts_count():
    citation = [fact("quantity", "count", 176)]
    assert fact_shifts([], citation, COMMITMENT_FACTS) == ()
    assert len(fact_shifts([], citation)) == 1


@pytest.mark.parametrize(
    ("was", "now", "direction"),
    [
        (CoverageStatus.ABSENT, CoverageStatus.ABSENT, "absent_in_both"),
        (CoverageStatus.ABSENT, CoverageStatus.PROCEDURAL, "newly_covered"),
        (CoverageStatus.SPECIFIC, CoverageStatus.ABSENT, "no_longer_covered"),
        (CoverageStatus.ASPIRATIONAL, CoverageStatus.BINDING_ENFORCED, "strengthened"),
        (CoverageStatus.BINDING_ENFORCED, CoverageStatus.MENTIONED, "weakened"),
        (CoverageStatus.SPECIFIC, CoverageStatus.SPECIFIC, "unchanged"),
    ],
)
def test_whether_coverage_direction_follows_the_status_scale(was, now, direction):
    assert coverage_direction(was, now) == direction


def version(doc: str, texts: list[str], scores: list[dict[str, float]], strengths: list[int],
            sections: list[tuple[str, ...]] | None = None) -> DocumentAnalysis:
    document = Document(id=doc * 12, path=f"{doc}.txt", kind=DocumentKind.LEGISLATION, title=doc, blocks=(),
                        page_count=1)
    passages = []
    for n, text in enumerate(texts):
        p = Passage(id=f"{doc * 12}:{n}", doc_id=document.id, text=text, page_start=1, page_end=1,
                    section=(sections or [()] * len(texts))[n], kind=BlockKind.PARAGRAPH, char_start=n,
                    char_end=n + len(text))
        passages.append(AnalysedPassage(p, tuple(CategoryScore(c, s, s >= 0.3) for c, s in scores[n].items()),
                                        Assessment(p.id, strengths[n], "binding")))
    return DocumentAnalysis(document, tuple(passages), (), ())


def test_whether_a_stronger_commitment_on_the_same_topic_is_strengthened():
    old = version("a", ["Companies should consider remedy."], [{"HR.GAP.REMEDY": 0.8}], [1])
    new = version("b", ["Companies shall provide remedy."], [{"HR.GAP.REMEDY": 0.9}], [3])
    [change] = passage_changes([AlignedPair(0, 0, 0.6)], old, new)
    assert change.kind == "modified" and change.severity == "major"
    assert [(s.category_id, s.direction, s.old_strength, s.new_strength) for s in change.categories] == [
        ("HR.GAP.REMEDY", "strengthened", 1, 3)]


def test_whether_a_category_crossing_the_threshold_by_a_hair_is_noise_not_a_change():
    old = version("a", ["Companies shall report annually."], [{"RP.TRANSPARENCY": 0.28}], [3])
    new = version("b", ["Companies shall report every year."], [{"RP.TRANSPARENCY": 0.31}], [3])
    [change] = passage_changes([AlignedPair(0, 0, 0.8)], old, new)
    assert change.categories == () and change.severity == "minor"


def test_whether_moved_wording_keeps_its_commitment_whatever_the_new_number_does_to_the_scores():
    text = "Member States shall lay down the rules on penalties."
    old = version("a", [text], [{"HR.GAP.SANCTIONS": 0.9, "HR.GAP.IMPLEMENTATION": 0.5}], [4], [("Article 20",)])
    new = version("b", [text], [{"HR.GAP.SANCTIONS": 0.9}], [4], [("Article 27",)])
    [change] = passage_changes([AlignedPair(0, 0, 1.0)], old, new)
    assert change.kind == "moved" and change.severity == "minor"


def test_whether_identical_wording_in_the_same_place_is_not_reported():
    old = version("a", ["Same words."], [{}], [0], [("Article 1",)])
    new = version("b", ["Same words."], [{}], [0], [("Article 1",)])
    assert passage_changes([AlignedPair(0, 0, 1.0)], old, new) == []


def test_whether_a_removed_passage_drops_its_categories():
    old = version("a", ["Directors shall take sustainability into account."], [{"RP.CORPORATE_GOVERNANCE": 0.7}], [4])
    new = version("b", [], [], [])
    [change] = passage_changes([AlignedPair(0, None, 0.0)], old, new)
    assert change.kind == "removed"
    assert [(s.category_id, s.direction) for s in change.categories] == [("RP.CORPORATE_GOVERNANCE", "dropped")]
