"""The documented pairs from ../shared/corpora: every edit found as documented, nothing else; formats alike."""

import sys

import pytest

from conftest import DATA, shared_file
from nlp_pipeline.compare import compare_versions

sys.path.insert(0, str(DATA / "compare"))
from pairs import build_csddd_pair, expected_changes, score_changes  # noqa: E402

pytestmark = pytest.mark.shared


def test_whether_every_documented_edit_of_the_csddd_is_found_with_its_type_and_nothing_else(tmp_path):
    shared_file("eu_law/csddd_articles_recitals.json")
    old, new = build_csddd_pair(tmp_path)
    result = compare_versions(old, new)
    score = score_changes(result.changes, expected_changes())
    assert not score["missing"] and not score["wrong"], (score["missing"], {
        k: (c.kind.value, c.severity, [t.value for t in c.types]) for k, c in score["wrong"].items()})
    assert score["spurious"] == [], [(c.citation, [t.value for t in c.types]) for c in score["spurious"]]


def test_whether_the_csrd_as_json_and_as_its_official_journal_pdf_are_the_same_act():
    result = compare_versions(shared_file("eu_law/csrd_articles_recitals.json"),
                              shared_file("eu_law/csrd_2022_2464_oj.pdf"))
    assert [(c.kind.value, c.old_citation, c.new_citation) for c in result.changes] == []
    assert {c.direction for c in result.categories} <= {"unchanged", "absent_in_both"}
    assert result.amendment is None
