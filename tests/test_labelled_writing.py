"""From an annotator's decisions to label lines: checked, all or nothing, round-tripped through the loader."""

import json
import shutil

import pytest

from nlp_pipeline.labelled import LabelError, load_labelled
from nlp_pipeline.labelled.candidates import document_candidates
from nlp_pipeline.labelled.writing import (
    apply_corrections,
    copyable,
    destination_of,
    parse_decision,
    write_decisions,
)
from tests.conftest import DATA

KNOWN = {"RP.CONFLICT_FREE", "HR.GAP.DUE_DILIGENCE", "CE.RECYCLED_CONTENT"}


@pytest.fixture
def world(tmp_path):
    """A shared corpus with a report and an EU act, their candidates, and an empty labelled folder."""
    shared = tmp_path / "corpora"
    (shared / "company").mkdir(parents=True)
    (shared / "eu_law").mkdir()
    shutil.copy(DATA / "report_with_pages.md", shared / "company" / "report.md")
    shutil.copy(DATA / "eurlex_act.html", shared / "eu_law" / "act.html")
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    files = {}
    for relative in ("company/report.md", "eu_law/act.html"):
        candidates = document_candidates(relative, shared).candidates
        path = scratch / f"{relative.split('/')[0]}.jsonl"
        path.write_text("".join(json.dumps(c.to_dict()) + "\n" for c in candidates))
        files[relative] = (path, candidates)
    labelled = tmp_path / "labelled"
    labelled.mkdir()
    return shared, scratch, labelled, files


def decisions_file(folder, rows, name="decisions.jsonl"):
    path = folder / name
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    return path


def decide(candidate, categories=(), strength=0, selection="random"):
    return {"candidate": candidate.id, "categories": list(categories), "strength": strength, "note": "n",
            "selection": selection}


def test_whether_decisions_become_lines_the_loader_reads(world):
    shared, scratch, labelled, files = world
    path, candidates = files["company/report.md"]
    rows = [decide(candidates[0], ["RP.CONFLICT_FREE"], 3), decide(candidates[1], selection="hard_negative")]
    out = labelled / "reports.jsonl"
    write_decisions(decisions_file(scratch, rows), [path], out, KNOWN, shared, labelled)
    loaded = load_labelled(out, known_categories=KNOWN, shared_corpora=shared)
    assert [p.id for p in loaded.passages] == [candidates[0].id, candidates[1].id]
    assert loaded.passages[0].text == candidates[0].text and loaded.passages[0].strength == 3
    first = [json.loads(line) for line in (labelled / "annotations" / "first" / "reports.jsonl").read_text().splitlines()]
    assert [r["id"] for r in first] == [candidates[0].id, candidates[1].id]


@pytest.mark.parametrize("relative, kept", [("company/report.md", False), ("eu_law/act.html", True)])
def test_whether_text_is_kept_only_for_eu_law(world, relative, kept):
    shared, scratch, labelled, files = world
    path, candidates = files[relative]
    out = labelled / "some.jsonl"
    write_decisions(decisions_file(scratch, [decide(candidates[2])]), [path], out, KNOWN, shared, labelled)
    line = json.loads(out.read_text())
    assert ("text" in line) is kept and line["sha1"] == candidates[2].sha1


@pytest.mark.parametrize(
    "change, message",
    [
        ({"categories": ["HR.NOT_A_CATEGORY"], "strength": 2}, "unknown category"),
        ({"categories": [], "strength": 2}, "no category must have strength 0"),
        ({"categories": ["RP.CONFLICT_FREE"], "strength": 0}, "strength 1-4"),
        ({"categories": ["RP.CONFLICT_FREE"], "strength": 5}, "integer 0-4"),
        ({"categories": ["RP.CONFLICT_FREE"], "strength": True}, "integer 0-4"),
        ({"categories": ["RP.CONFLICT_FREE", "RP.CONFLICT_FREE"], "strength": 2}, "listed twice"),
        ({"selection": "whatever"}, "'selection' must be one of"),
    ],
)
def test_whether_a_decision_breaking_a_rule_is_refused(change, message):
    record = {"candidate": "c-1", "categories": [], "strength": 0, "selection": "random", **change}
    with pytest.raises(LabelError, match=message):
        parse_decision(record, "d.jsonl:1", KNOWN, need_selection=True)


def test_whether_nothing_is_written_when_one_decision_fails(world):
    shared, scratch, labelled, files = world
    path, candidates = files["company/report.md"]
    rows = [decide(candidates[0]), decide(candidates[1], ["NOPE"], 2), {**decide(candidates[0]), "note": "again"},
            {"candidate": "no-such-candidate", "categories": [], "strength": 0, "selection": "random"}]
    out = labelled / "reports.jsonl"
    with pytest.raises(LabelError) as error:
        write_decisions(decisions_file(scratch, rows), [path], out, KNOWN, shared, labelled)
    assert "decisions.jsonl:2" in str(error.value) and "already decided" in str(error.value)
    assert "no-such-candidate is in none of the candidate files" in str(error.value)
    assert not out.exists() and not (labelled / "annotations").exists()


def test_whether_an_id_already_labelled_anywhere_is_refused(world):
    shared, scratch, labelled, files = world
    path, candidates = files["company/report.md"]
    write_decisions(decisions_file(scratch, [decide(candidates[0])]), [path], labelled / "a.jsonl", KNOWN, shared, labelled)
    before = (labelled / "a.jsonl").read_text()
    with pytest.raises(LabelError, match="already in a.jsonl"):
        write_decisions(decisions_file(scratch, [decide(candidates[0])]), [path], labelled / "heldout" / "b.jsonl",
                        KNOWN, shared, labelled)
    assert (labelled / "a.jsonl").read_text() == before


def test_whether_a_stale_candidates_file_is_caught_by_the_round_trip(world):
    shared, scratch, labelled, files = world
    path, candidates = files["company/report.md"]
    stale = [json.loads(line) for line in path.read_text().splitlines()]
    stale[0]["source"]["start"] += 3  # the document moved under the candidates
    path.write_text("".join(json.dumps(r) + "\n" for r in stale))
    with pytest.raises(LabelError, match="does not match its sha1|differs"):
        write_decisions(decisions_file(scratch, [decide(candidates[0])]), [path], labelled / "a.jsonl", KNOWN, shared, labelled)
    assert not (labelled / "a.jsonl").exists()


def test_whether_second_annotation_and_adjudication_keep_ids_and_labels_only(world):
    shared, scratch, labelled, files = world
    path, candidates = files["company/report.md"]
    gold = labelled / "reports.jsonl"
    write_decisions(decisions_file(scratch, [decide(candidates[0], ["RP.CONFLICT_FREE"], 2)]), [path], gold, KNOWN, shared, labelled)
    second = labelled / "annotations" / "second" / "reports.jsonl"
    blind = {"candidate": candidates[0].id, "categories": ["HR.GAP.DUE_DILIGENCE"], "strength": 3}
    write_decisions(decisions_file(scratch, [blind], "second.jsonl"), [path], second, KNOWN, shared, labelled)
    assert set(json.loads(second.read_text())) == {"id", "categories", "strength", "note"}
    settled = {"candidate": candidates[0].id, "categories": ["RP.CONFLICT_FREE", "HR.GAP.DUE_DILIGENCE"], "strength": 2,
               "note": "both"}
    adjudication = labelled / "annotations" / "adjudication" / "reports.jsonl"
    write_decisions(decisions_file(scratch, [settled], "adj.jsonl"), [], adjudication, KNOWN, shared, labelled)
    (passage,) = load_labelled(gold, known_categories=KNOWN, shared_corpora=shared).passages
    assert passage.categories == ("RP.CONFLICT_FREE", "HR.GAP.DUE_DILIGENCE") and passage.note == "both"
    first = json.loads((labelled / "annotations" / "first" / "reports.jsonl").read_text())
    assert first["categories"] == ["RP.CONFLICT_FREE"]  # the first annotation survives adjudication


def test_whether_a_correction_re_decides_an_adjudicated_line_and_extends_its_trail(world):
    shared, scratch, labelled, files = world
    path, candidates = files["company/report.md"]
    gold = labelled / "reports.jsonl"
    write_decisions(decisions_file(scratch, [decide(candidates[0], ["HR.GAP.DUE_DILIGENCE"], 2)]), [path], gold, KNOWN,
                    shared, labelled)
    adjudication = labelled / "annotations" / "adjudication" / "reports.jsonl"
    settled = {"candidate": candidates[0].id, "categories": ["HR.GAP.DUE_DILIGENCE"], "strength": 3, "note": "adj"}
    write_decisions(decisions_file(scratch, [settled], "adj.jsonl"), [], adjudication, KNOWN, shared, labelled)
    with pytest.raises(LabelError, match="already in"):  # one adjudication per passage through write_decisions
        write_decisions(decisions_file(scratch, [settled], "again.jsonl"), [], adjudication, KNOWN, shared, labelled)
    fix = {"id": candidates[0].id, "categories": ["HR.GAP.DUE_DILIGENCE", "RP.CONFLICT_FREE"], "strength": 3,
           "note": "consistency: routing"}
    apply_corrections(decisions_file(scratch, [fix], "fix.jsonl"), KNOWN, shared, labelled)
    (passage,) = load_labelled(gold, known_categories=KNOWN, shared_corpora=shared).passages
    assert passage.categories == ("HR.GAP.DUE_DILIGENCE", "RP.CONFLICT_FREE") and passage.note == "consistency: routing"
    trail = [json.loads(line)["note"] for line in adjudication.read_text().splitlines()]
    assert trail == ["adj", "consistency: routing"]


@pytest.mark.parametrize(
    "fix, problem",
    [({"categories": ["RP.CONFLICT_FREE"], "strength": 0, "note": "x"}, "strength 1-4"),
     ({"categories": ["RP.NOT_A_CATEGORY"], "strength": 2, "note": "x"}, "unknown category"),
     ({"categories": ["RP.CONFLICT_FREE"], "strength": 2, "note": " "}, "needs a note"),
     ({"id": "nowhere-1", "categories": [], "strength": 0, "note": "x"}, "in no gold file")],
)
def test_whether_a_faulty_correction_writes_nothing(world, fix, problem):
    shared, scratch, labelled, files = world
    path, candidates = files["company/report.md"]
    gold = labelled / "reports.jsonl"
    write_decisions(decisions_file(scratch, [decide(candidates[0], ["RP.CONFLICT_FREE"], 2)]), [path], gold, KNOWN,
                    shared, labelled)
    before = gold.read_text()
    with pytest.raises(LabelError, match=problem):
        apply_corrections(decisions_file(scratch, [{"id": candidates[0].id, **fix}], "fix.jsonl"), KNOWN, shared, labelled)
    assert gold.read_text() == before and not (labelled / "annotations" / "adjudication").exists()


def test_whether_a_second_annotation_needs_a_first(world):
    shared, scratch, labelled, files = world
    path, candidates = files["company/report.md"]
    second = labelled / "annotations" / "second" / "reports.jsonl"
    with pytest.raises(LabelError, match="no first annotation"):
        write_decisions(decisions_file(scratch, [decide(candidates[0])]), [path], second, KNOWN, shared, labelled)


@pytest.mark.parametrize("where", ["elsewhere/x.jsonl", "annotations/first/x.jsonl", "x.json"])
def test_whether_files_outside_the_label_folders_are_refused(tmp_path, where):
    with pytest.raises(LabelError):
        destination_of(tmp_path / where, tmp_path)


@pytest.mark.parametrize(
    "relative, expected",
    [("eu_law/csddd.json", True), ("extended/eu_law/COM_2025_81.txt", True), ("extended/company/x.html", False),
     ("industry/rba.json", False)],
)
def test_whether_only_eu_legal_texts_may_be_copied(relative, expected):
    assert copyable(relative) is expected
