"""Milestone verdicts: judged only where they apply, outcomes and end states at most committed, always explained."""

import pytest

from conftest import SHARED_CORPORA
from nlp_pipeline.aggregate import milestone_cells
from nlp_pipeline.records import (
    CoverageCell, CoverageStatus, DocumentKind, Evidence, GapFlag, MilestoneVerdict, Polarity,
)
from nlp_pipeline.taxonomy import load_taxonomy, milestones

DOC = "d" * 64


@pytest.fixture(scope="module")
def taxonomy():
    return load_taxonomy()


def _evidence(flags=()):
    return Evidence("d:0", "1", "Article 1", 0.9, 4, "text", gap_flags=tuple(flags))


def strongest_cells(taxonomy, kind, polarity=Polarity.ESTABLISHES, flags=()):
    """Every category binding and enforced: the most a text could show."""
    return [CoverageCell(DOC, c.id, CoverageStatus.BINDING_ENFORCED, 4, (_evidence(flags),), polarity=polarity, doc_kind=kind)
            for t in taxonomy.targets for c in t.categories]


def _judged_kinds(taxonomy, milestone):
    kinds = {a.id: set(a.document_kinds) for a in taxonomy.actors}
    return set().union(*(kinds[a] for a in milestone.judged_actors))


@pytest.mark.parametrize("kind", [DocumentKind.REPORT, DocumentKind.INITIATIVE])
def test_whether_a_company_text_meets_no_milestone_written_for_eu_law(taxonomy, kind):
    verdicts = {m.milestone_id: m for m in milestone_cells(strongest_cells(taxonomy, kind), taxonomy)}
    eu_only = [m for _, m in milestones(taxonomy) if kind.value not in _judged_kinds(taxonomy, m)]
    assert eu_only, "the taxonomy names milestones judged on EU law only"
    for m in eu_only:
        cell = verdicts[m.id]
        assert cell.verdict is MilestoneVerdict.NOT_APPLICABLE and not cell.evidence, m.id
        assert cell.reasons[0].rule == "milestone.not_applicable"
    assert verdicts["HR.2025.DUE_DILIGENCE"].verdict is MilestoneVerdict.NOT_APPLICABLE
    assert verdicts["RP.2025.PROCUREMENT"].verdict is MilestoneVerdict.NOT_APPLICABLE


@pytest.mark.parametrize("kind", [DocumentKind.LEGISLATION, DocumentKind.REPORT, DocumentKind.INITIATIVE])
def test_whether_no_2050_milestone_is_met_by_text(taxonomy, kind):
    for cell in milestone_cells(strongest_cells(taxonomy, kind), taxonomy):
        if cell.year == 2050:
            assert cell.verdict in (MilestoneVerdict.COMMITTED, MilestoneVerdict.NOT_APPLICABLE), cell.milestone_id


def test_whether_outcomes_are_at_most_committed_and_say_so(taxonomy):
    cells = {m.milestone_id: m for m in milestone_cells(strongest_cells(taxonomy, DocumentKind.LEGISLATION), taxonomy)}
    remedy = cells["HR.2030.REMEDY"]  # claimants can in practice win redress
    assert remedy.kind == "outcome" and remedy.verdict is MilestoneVerdict.COMMITTED
    assert "never that it is reached" in remedy.explanation
    assert cells["HR.2025.DUE_DILIGENCE"].verdict is MilestoneVerdict.MET  # a mandate the law itself sets
    assert all(m.evidence for m in cells.values() if m.verdict is not MilestoneVerdict.NOT_APPLICABLE)


def test_whether_narrowing_evidence_meets_no_milestone(taxonomy):
    cells = strongest_cells(taxonomy, DocumentKind.LEGISLATION, polarity=Polarity.NARROWS)
    loopholes = next(m for m in milestone_cells(cells, taxonomy) if m.milestone_id == "HR.2025.LOOPHOLES")
    assert loopholes.verdict is MilestoneVerdict.NOT_MET
    assert loopholes.reasons[0].rule == "milestone.narrowed"


def test_whether_evidence_limited_to_part_of_the_chain_meets_a_milestone_only_in_part(taxonomy):
    cells = strongest_cells(taxonomy, DocumentKind.LEGISLATION, flags=(GapFlag.SCOPE_LIMITED,))
    conflict = next(m for m in milestone_cells(cells, taxonomy) if m.milestone_id == "RP.2025.CONFLICT_FREE")
    assert conflict.verdict is MilestoneVerdict.PARTLY_MET
    assert any(r.rule == "milestone.scope_limited" for r in conflict.reasons)


SONOS = "extended/company/Sonos_Conflict_Minerals_Report_2025.html"


@pytest.mark.shared
def test_whether_a_real_company_report_meets_no_eu_only_milestone(taxonomy):
    if not (SHARED_CORPORA / SONOS).exists():
        pytest.skip(f"../shared/corpora/{SONOS} is absent")
    from nlp_pipeline.pipeline import analyze

    analysis = analyze([SHARED_CORPORA / SONOS], taxonomy=taxonomy, kind="report").analyses[0]
    judged = {m.id: _judged_kinds(taxonomy, m) for _, m in milestones(taxonomy)}
    for cell in analysis.milestones:
        if "report" not in judged[cell.milestone_id]:
            assert cell.verdict is MilestoneVerdict.NOT_APPLICABLE, cell.milestone_id
        if cell.year == 2050:
            assert cell.verdict is not MilestoneVerdict.MET
