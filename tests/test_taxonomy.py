import os
import re
import unicodedata
from pathlib import Path

import pytest
import yaml

from nlp_pipeline.errors import TaxonomyError
from nlp_pipeline.taxonomy import (
    DEFAULT_TAXONOMY,
    categories,
    category_index,
    load_taxonomy,
    milestones,
    target_of,
)

ROADMAP_DIR = Path(__file__).resolve().parents[1].parent / "shared" / "roadmap"
REFERENCE = ROADMAP_DIR / "taxonomy_reference.yaml"
EXECUTIVE_SUMMARY = ROADMAP_DIR / "executive_summary.md"
BAD = Path(__file__).resolve().parent / "data" / "taxonomies"

# The reference ids, kept here so the check still runs where ../shared is absent.
REFERENCE_IDS = {
    "HR": [
        "HR.GAP.DUE_DILIGENCE", "HR.GAP.SCOPE", "HR.GAP.LOOPHOLES", "HR.GAP.SANCTIONS",
        "HR.GAP.IMPLEMENTATION", "HR.GAP.REMEDY", "HR.GAP.DD_QUALITY",
        "HR.ENGAGEMENT", "HR.LEGAL_REACH", "HR.BUSINESS_MODEL",
    ],
    "CE": [
        "CE.ENERGY_EFFICIENCY", "CE.RENEWABLE_ENERGY", "CE.DEMAND_REDUCTION", "CE.BIODIVERSITY",
        "CE.PRODUCT_LIFETIME", "CE.MARKETING", "CE.WARNING_LABELS", "CE.WASTE_PREVENTION",
        "CE.REPAIR", "CE.COLLECTION_RECYCLING", "CE.RECYCLED_CONTENT", "CE.BUSINESS_MODEL",
    ],
    "RP": [
        "RP.WORKER_PROTECTION", "RP.FREEDOM_OF_ASSOCIATION", "RP.RIGHT_TO_KNOW", "RP.LIVING_WAGE",
        "RP.CONFLICT_FREE", "RP.TRANSPARENCY", "RP.TAX", "RP.PROCUREMENT", "RP.LOCAL_DEVELOPMENT",
        "RP.COMMUNITIES_ENVIRONMENT", "RP.LEGAL_FRAMEWORK", "RP.CORPORATE_GOVERNANCE",
    ],
    "X": ["X.PUBLIC_ENGAGEMENT", "X.THIRD_COUNTRY_DIALOGUE", "X.CIVIL_SOCIETY_ROLE", "X.POLICY_COHERENCE"],
}


@pytest.fixture(scope="module")
def roadmap():
    return load_taxonomy()


@pytest.fixture(scope="module")
def reference():
    if not REFERENCE.is_file():
        pytest.skip("../shared/roadmap/taxonomy_reference.yaml is absent")
    return yaml.safe_load(REFERENCE.read_text(encoding="utf-8"))


def _reference_milestones(reference) -> dict[str, dict]:
    return {
        m["id"]: m
        for target in reference["targets"]
        for category in target["categories"]
        for m in category.get("milestones", [])
    }


def _reference_categories(reference) -> dict[str, dict]:
    return {c["id"]: c for target in reference["targets"] for c in target["categories"]}


# --- the shipped roadmap taxonomy -------------------------------------------


def test_whether_the_default_taxonomy_is_the_shipped_roadmap_file(roadmap):
    assert DEFAULT_TAXONOMY.name == "roadmap.yaml"
    assert roadmap.meta.id == "RESOURCING.EEE"
    assert roadmap.meta.version == "1.14.0"
    assert roadmap.meta.source and roadmap.meta.licence


def test_whether_the_shipped_file_has_exactly_the_38_reference_ids_under_their_targets(roadmap):
    expected = {cid: target for target, ids in REFERENCE_IDS.items() for cid in ids}
    assert len(expected) == 38
    assert target_of(roadmap) == expected


def test_whether_the_shipped_ids_match_the_research_reference_when_present(roadmap, reference):
    assert set(category_index(roadmap)) == set(_reference_categories(reference))
    assert {m.id for _, m in milestones(roadmap)} == set(_reference_milestones(reference))


def test_whether_targets_are_numbered_as_in_the_roadmap(roadmap):
    assert [(t.id, t.number) for t in roadmap.targets] == [("HR", 1), ("CE", 2), ("RP", 3), ("X", None)]


def test_whether_the_strength_scale_names_the_five_levels(roadmap):
    assert [(s.level, s.code) for s in roadmap.strength_scale] == [
        (0, "ABSENT"), (1, "ASPIRATIONAL"), (2, "PROCEDURAL"), (3, "SPECIFIC"), (4, "BINDING_ENFORCED"),
    ]


def test_whether_only_the_seven_human_rights_gaps_are_flagged_as_roadmap_gaps(roadmap):
    flagged = [c.id for c in categories(roadmap) if c.roadmap_gap]
    assert flagged == REFERENCE_IDS["HR"][:7]


@pytest.mark.parametrize("category_id", [cid for ids in REFERENCE_IDS.values() for cid in ids])
def test_whether_every_category_has_a_definition_and_10_to_25_lower_case_cues(roadmap, category_id):
    category = category_index(roadmap)[category_id]
    assert len(category.definition) >= 120
    assert 10 <= len(category.cues) <= 25
    assert all(cue == cue.lower() and cue.strip() == cue for cue in category.cues)
    assert len(set(category.cues)) == len(category.cues), "duplicate cue"


def test_whether_every_exclude_note_routes_somewhere(roadmap):
    for category in categories(roadmap):
        for note in category.excludes:
            assert "->" in note, f"{category.id}: '{note}' has no '-> TARGET' routing"


def test_whether_every_milestone_year_is_a_roadmap_horizon(roadmap):
    for category, milestone in milestones(roadmap):
        assert milestone.year in (2025, 2030, 2050), milestone.id
        assert milestone.id.split(".")[0] == target_of(roadmap)[category.id], milestone.id


def test_whether_roadmap_milestones_carry_a_quote_and_derived_ones_a_basis(roadmap):
    for _, milestone in milestones(roadmap):
        if milestone.provenance == "roadmap":
            assert milestone.roadmap_quote and not milestone.basis, milestone.id
        else:
            assert milestone.basis and not milestone.roadmap_quote, milestone.id


def test_whether_milestone_provenance_actors_and_quotes_follow_the_reference(roadmap, reference):
    ref = _reference_milestones(reference)
    for _, milestone in milestones(roadmap):
        source = ref[milestone.id]
        expected_provenance = "roadmap" if source["provenance"] in ("RM_EXEC", "RS_WEB") else "derived"
        assert milestone.provenance == expected_provenance, milestone.id
        assert milestone.year == source["year"], milestone.id
        assert set(milestone.actors) == {r["actor"] for r in source["recommendations"]}, milestone.id
        if milestone.provenance == "roadmap":
            assert milestone.roadmap_quote == source["roadmap_quote"], milestone.id


def _plain(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).replace("\u2019", "'")
    return " ".join(text.split())


def test_whether_every_roadmap_quote_is_verbatim_in_the_executive_summary(roadmap):
    if not EXECUTIVE_SUMMARY.is_file():
        pytest.skip("../shared/roadmap/executive_summary.md is absent")
    summary = _plain(EXECUTIVE_SUMMARY.read_text(encoding="utf-8"))
    for _, milestone in milestones(roadmap):
        if milestone.provenance == "roadmap":
            assert _plain(milestone.roadmap_quote) in summary, milestone.id


def _word_runs(text: str, n: int) -> set[tuple[str, ...]]:
    words = re.findall(r"\w+", text.lower())
    return {tuple(words[i : i + n]) for i in range(len(words) - n + 1)}


def test_whether_definitions_and_statements_are_not_copied_from_the_reference(roadmap, reference):
    # Eight words in a row is past what shared legal terms and facts explain.
    ref_categories = _reference_categories(reference)
    ref_milestones = _reference_milestones(reference)
    for category in categories(roadmap):
        shared = _word_runs(category.definition, 8) & _word_runs(ref_categories[category.id]["definition"], 8)
        assert not shared, f"{category.id}: {[' '.join(run) for run in shared]}"
    for _, milestone in milestones(roadmap):
        shared = _word_runs(milestone.statement, 8) & _word_runs(ref_milestones[milestone.id]["statement"], 8)
        assert not shared, f"{milestone.id}: {[' '.join(run) for run in shared]}"


@pytest.mark.parametrize(
    "milestone_id, strength",
    [
        ("HR.2025.SANCTIONS", 4),  # EU legal obligation with enforcement
        ("HR.2025.REMEDY", 4),
        ("HR.2025.DUE_DILIGENCE", 4),
        ("RP.2030.TAX", 3),  # published, dated plans
        ("CE.2025.COLLECTION_RECYCLING", 3),  # quantified targets
        ("X.2030.THIRD_COUNTRY_DIALOGUE", 2),  # a process milestone
    ],
)
def test_whether_expected_strength_follows_the_kind_of_milestone(roadmap, milestone_id, strength):
    found = {m.id: m for _, m in milestones(roadmap)}
    assert found[milestone_id].expected_strength == strength


def test_whether_a_category_describes_itself_by_label_and_definition(roadmap):
    sanctions = category_index(roadmap)["HR.GAP.SANCTIONS"]
    assert sanctions.description().startswith("Insufficient sanctions. ")


# --- user-written taxonomies --------------------------------------------------


def test_whether_a_minimal_user_taxonomy_loads():
    taxonomy = load_taxonomy(BAD / "valid_minimal.yaml")
    assert [c.id for c in categories(taxonomy)] == ["HR.GAP.SANCTIONS", "HR.GAP.REMEDY"]
    assert [m.id for _, m in milestones(taxonomy)] == ["HR.2025.SANCTIONS"]


@pytest.mark.parametrize(
    "file_name, offending_node",
    [
        ("duplicate_category_id.yaml", "targets[X].categories[HR.GAP.SANCTIONS]: duplicate category id"),
        ("unknown_actor.yaml", "targets[HR].categories[HR.GAP.SANCTIONS].milestones[HR.2025.SANCTIONS].actors: unknown actor(s) ['NGO']"),
        ("bad_yaml_syntax.yaml", "not valid YAML at line 25"),
        ("missing_cues.yaml", "targets[HR].categories[HR.GAP.SANCTIONS].cues: Field required"),
        ("strength_out_of_range.yaml", "targets[HR].categories[HR.GAP.SANCTIONS].milestones[HR.2025.SANCTIONS].expected_strength"),
        ("strength_level_out_of_range.yaml", "strength_scale[BINDING_ENFORCED].level"),
        ("unknown_exclude.yaml", "targets[HR].categories[HR.GAP.SANCTIONS].excludes[0]: refers to unknown category HR.GAP.COMPENSATION"),
        ("unknown_exclude_with_digits.yaml", "excludes[0]: refers to unknown category HR2.REMEDY"),
        ("milestone_year_mismatch.yaml", "milestones[HR.2025.SANCTIONS].year: 2030 does not match"),
        ("not_a_mapping.yaml", "top level must be a mapping"),
        ("unknown_judged_actor.yaml", "milestones[HR.2025.SANCTIONS].judged_on: unknown actor(s) ['CITIZENS']"),
        ("unknown_milestone_kind.yaml", "milestones[HR.2025.SANCTIONS].kind"),
        ("milestone_ask_without_cues.yaml", "milestones[HR.2025.SANCTIONS].asks[0].cues"),
        ("milestone_ask_bad_cue.yaml", "milestones[HR.2025.SANCTIONS].asks[0].cues"),
        ("duty_cues_unknown_bearer.yaml", "targets[HR].categories[HR.GAP.SANCTIONS].duty_cues.bearers"),
        ("unknown_narrowing_kind.yaml", "targets[HR].categories[HR.GAP.SANCTIONS].addressed_by_narrowing"),
    ],
)
def test_whether_a_malformed_taxonomy_is_rejected_naming_file_and_node(file_name, offending_node):
    path = BAD / file_name
    with pytest.raises(TaxonomyError) as caught:
        load_taxonomy(path)
    message = str(caught.value)
    assert message.startswith(str(path.resolve()))
    assert offending_node in message
    assert any(offending_node in problem for problem in caught.value.problems)


def test_whether_a_missing_file_is_reported_as_not_found(tmp_path):
    with pytest.raises(TaxonomyError, match="file not found"):
        load_taxonomy(tmp_path / "nowhere.yaml")


def test_whether_an_edited_file_is_read_again_rather_than_served_from_cache(tmp_path):
    path = tmp_path / "mine.yaml"
    text = (BAD / "valid_minimal.yaml").read_text(encoding="utf-8")
    path.write_text(text, encoding="utf-8")
    assert load_taxonomy(path).meta.version == "0.0.1"
    path.write_text(text.replace("version: 0.0.1", "version: 0.0.2"), encoding="utf-8")
    # Make sure the modification time moves even on coarse-grained filesystems.
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    assert load_taxonomy(path).meta.version == "0.0.2"


def test_whether_every_2050_milestone_is_an_end_state_text_cannot_show_reached(roadmap):
    for _, milestone in milestones(roadmap):
        if milestone.year == 2050:
            assert milestone.kind == "end_state", milestone.id


def test_whether_milestones_are_judged_on_declared_actors_with_kinds_of_document(roadmap):
    kinds = {a.id: a.document_kinds for a in roadmap.actors}
    assert kinds["EU"] == ["legislation"] and kinds["IND"] == ["report", "initiative"] and kinds["CSO"] == []
    for _, milestone in milestones(roadmap):
        assert set(milestone.judged_actors) <= set(kinds), milestone.id
    by_id = {m.id: m for _, m in milestones(roadmap)}
    # "EU law obliges companies ..." speaks of the EU's texts, though industry has a recommendation under it.
    assert by_id["HR.2025.DUE_DILIGENCE"].judged_actors == ["EU"] and "IND" in by_id["HR.2025.DUE_DILIGENCE"].actors
    assert by_id["RP.2025.PROCUREMENT"].judged_actors == ["EU"]


def test_whether_only_disclosure_categories_are_covered_by_a_duty_to_report(roadmap):
    covered = {c.id for c in categories(roadmap) if c.covered_by_disclosure}
    assert covered == {"HR.GAP.DD_QUALITY", "RP.TRANSPARENCY", "RP.TAX", "CE.WARNING_LABELS"}
    assert category_index(roadmap)["HR.BUSINESS_MODEL"].opposed_by == ["shareholder_primacy"]


def test_whether_every_roadmap_milestone_says_what_it_asks(roadmap):
    """A milestone asks more than its category covers ("directors are legally bound" under governance), so each says which parts."""
    for _, milestone in milestones(roadmap):
        assert milestone.asks, milestone.id
        parts = [ask.part for ask in milestone.asks]
        assert len(parts) == len(set(parts)), milestone.id
        for ask in milestone.asks:
            assert ask.cues and all(cue == cue.lower() for cue in ask.cues), (milestone.id, ask.part)
    by_id = {m.id: m for _, m in milestones(roadmap)}
    living_wage = by_id["RP.2030.LIVING_WAGE"]  # "living wages are paid ... and checked independently"
    assert [a.core for a in living_wage.asks] == [True, False]


def test_whether_the_taxonomy_names_every_narrowing_the_assess_stage_grants():
    from typing import get_args

    from nlp_pipeline.assess.polarity import NARROWING
    from nlp_pipeline.taxonomy.schema import NarrowingKind

    assert set(get_args(NarrowingKind)) == set(NARROWING) | {"threshold", "exemption", "non_application"}


def test_whether_duty_cue_bearers_are_the_addressees_the_assess_stage_names():
    from typing import get_args

    from nlp_pipeline.records import Addressee
    from nlp_pipeline.taxonomy.schema import DutyBearer

    assert set(get_args(DutyBearer)) == {a.value for a in Addressee} - {"unspecified"}
