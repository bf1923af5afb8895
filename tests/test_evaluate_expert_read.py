"""The expert-read set and how agreement with it is counted."""

import json

import pytest

from nlp_pipeline.errors import LabelError
from nlp_pipeline.evaluate.expert_read import (
    DEFAULT_EXPERT_READ,
    DEFAULT_EXPERT_READ_HELDOUT,
    FURTHER_EXPERT_SETS,
    PROJECT_ROOT,
    Comparison,
    ExpertVerdict,
    load_expert_read,
)
from nlp_pipeline.taxonomy import load_taxonomy


@pytest.fixture(scope="module")
def verdicts():
    return load_expert_read(DEFAULT_EXPERT_READ, load_taxonomy())


def test_whether_the_set_is_as_large_and_varied_as_the_issue_asks(verdicts):
    cells = [v for v in verdicts if v.type == "cell"]
    milestone_verdicts = [v for v in verdicts if v.type == "milestone"]
    documents = {v.file for v in verdicts}
    assert len(cells) >= 150 and len(milestone_verdicts) >= 60 and len(documents) >= 8
    assert {v.doc_kind for v in verdicts} == {"legislation", "report", "initiative"}
    assert any("/extended/" in f for f in documents)
    assert all(v.reason and (v.where or v.verdict in ("absent", "not_applicable", "not_addressed")) for v in verdicts)


def test_whether_third_party_documents_are_kept_by_reference_only():
    for file in DEFAULT_EXPERT_READ.glob("*.jsonl"):
        for line in file.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            assert set(row) <= {"file", "source_sha256", "doc_kind", "type", "id", "status", "polarity", "verdict",
                                "reason", "where"}
            assert ("file" in row) != ("source_sha256" in row)


@pytest.mark.shared
def test_whether_a_verdict_names_a_third_party_report_by_its_content():
    import hashlib

    from conftest import SHARED_CORPORA
    from nlp_pipeline.evaluate.expert_read import shared_document

    report = SHARED_CORPORA / "company_pdf" / "CostCo_Climate_Action_Plan.pdf"
    if not report.is_file():
        pytest.skip("../shared/corpora is absent")
    sha = hashlib.sha256(report.read_bytes()).hexdigest()
    assert shared_document(sha) == "../shared/corpora/company_pdf/CostCo_Climate_Action_Plan.pdf"
    # A document the corpus does not hold stays a content reference, counted as not found.
    assert shared_document("0" * 64) == "sha256:" + "0" * 64


def _cell(status, polarity="establishes"):
    return ExpertVerdict("f", "report", "cell", "HR.GAP.SCOPE", status, polarity)


@pytest.mark.parametrize("expert,tool,agrees", [
    (_cell("absent"), Comparison(_cell("absent"), "mentioned", "narrows"), True),
    (_cell("specific"), Comparison(_cell("specific"), "specific", "establishes"), True),
    (_cell("specific", "narrows"), Comparison(_cell("specific", "narrows"), "specific", "establishes"), False),
    (_cell("procedural"), Comparison(_cell("procedural"), "specific", "establishes"), False),
])
def test_whether_cell_agreement_treats_absent_and_mentioned_alike_and_needs_the_polarity(expert, tool, agrees):
    assert tool.agrees is agrees


@pytest.mark.parametrize("expert,tool,agrees", [
    ("not_addressed", "not_met", True),
    ("committed", "met", False),
    ("not_applicable", "not_applicable", True),
])
def test_whether_milestone_agreement_treats_not_addressed_and_not_met_alike(expert, tool, agrees):
    verdict = ExpertVerdict("f", "report", "milestone", "HR.2025.SCOPE", expert)
    assert Comparison(verdict, tool).agrees is agrees


def test_whether_an_unknown_id_is_refused_with_its_line(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps({"file": "x", "doc_kind": "report", "type": "cell", "id": "HR.NOPE",
                               "status": "absent", "reason": "r"}) + "\n")
    with pytest.raises(LabelError, match="bad.jsonl:1: unknown cell id HR.NOPE"):
        load_expert_read(bad, load_taxonomy())


def test_whether_the_held_out_set_covers_all_three_kinds_on_documents_the_first_set_does_not_hold(verdicts):
    heldout = load_expert_read(DEFAULT_EXPERT_READ_HELDOUT, load_taxonomy())
    assert {v.doc_kind for v in heldout} == {"legislation", "report", "initiative"}
    assert sum(v.type == "cell" for v in heldout) >= 45 and sum(v.type == "milestone" for v in heldout) >= 45
    assert not {v.file for v in heldout} & {v.file for v in verdicts}
    for file in DEFAULT_EXPERT_READ_HELDOUT.glob("*.jsonl"):
        for line in file.read_text(encoding="utf-8").splitlines():
            # A third-party document is named by its content (`source_sha256`) in place of its path.
            assert set(json.loads(line)) <= {"file", "source_sha256", "doc_kind", "type", "id", "status", "polarity",
                                             "verdict", "reason", "where"}


def _row(type_, id_, verdict, polarity="establishes"):
    row = {"file": "x.pdf", "doc_kind": "report", "type": type_, "id": id_, "reason": "r", "where": "p. 1"}
    row.update({"status": verdict, "polarity": polarity} if type_ == "cell" else {"verdict": verdict})
    return json.dumps(row)


def test_whether_two_experts_are_compared_on_the_items_both_judged_as_the_analyzer_is(tmp_path):
    from nlp_pipeline.evaluate.expert_read import expert_pair_agreement

    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir(), second.mkdir()
    (first / "x.jsonl").write_text("\n".join([
        _row("cell", "HR.GAP.SCOPE", "procedural", "narrows"), _row("cell", "HR.GAP.REMEDY", "absent"),
        _row("milestone", "HR.2025.REMEDY", "not_met"), _row("milestone", "HR.2025.SCOPE", "not_applicable")]) + "\n")
    (second / "x.jsonl").write_text("\n".join([
        _row("cell", "HR.GAP.SCOPE", "procedural"), _row("cell", "HR.GAP.REMEDY", "mentioned"),
        _row("milestone", "HR.2025.REMEDY", "not_addressed")]) + "\n")
    pair = expert_pair_agreement(first, second, load_taxonomy())
    # The polarity differs on scope; absent and mentioned, not met and not addressed, are the same claim;
    # the milestone only the first judged is left out.
    assert pair.share("cell") == (1, 2) and pair.share("milestone") == (1, 1)


def test_whether_the_second_experts_items_are_the_first_readings_items():
    from nlp_pipeline.evaluate.expert_read import (
        DEFAULT_EXPERT_READ_DEV2, DEFAULT_EXPERT_READ_DEV3, DEFAULT_EXPERT_READ_SECOND, expert_pair_agreement,
    )

    taxonomy = load_taxonomy()
    second = load_expert_read(DEFAULT_EXPERT_READ_SECOND, taxonomy)
    pair = expert_pair_agreement([DEFAULT_EXPERT_READ, DEFAULT_EXPERT_READ_DEV2, DEFAULT_EXPERT_READ_DEV3],
                                 DEFAULT_EXPERT_READ_SECOND, taxonomy)
    # Every item the second expert judged was judged by a first reading, so the ceiling is counted on all of them.
    assert len(pair.comparisons) == len(second) == 176


@pytest.mark.parametrize("expert_set", FURTHER_EXPERT_SETS, ids=lambda s: s.key)
def test_whether_every_further_expert_set_reads_against_the_taxonomy_with_one_verdict_per_item(expert_set):
    read = load_expert_read(expert_set.path, load_taxonomy())
    items = [(v.file, v.type, v.id) for v in read]
    assert len(items) == len(set(items))
    assert all(v.reason for v in read)
    # Documents are named from the repository root, as `resourcing evaluate` opens them; a third-party
    # report named by its content stands under "sha256:..." where ../shared/corpora is absent.
    assert all(v.file.startswith(("../shared/", "corpora/", "sha256:")) for v in read)
    if (PROJECT_ROOT / "../shared/corpora").exists():
        assert all((PROJECT_ROOT / v.file).exists() for v in read)
