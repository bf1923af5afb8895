import json

import pytest

from nlp_pipeline.evaluate.agreement import (
    Annotation,
    agreement,
    agreement_by_file,
    annotator_agreement,
    read_annotations,
)
from nlp_pipeline.labelled import LabelError
from nlp_pipeline.taxonomy import categories, load_taxonomy

IDS = ["A", "B", "C"]


def annotation(pid, cats, strength):
    return Annotation(pid, frozenset(cats), strength)


def test_whether_identical_annotations_agree_perfectly():
    same = {"p1": annotation("p1", ["A"], 4), "p2": annotation("p2", ["B", "C"], 2), "p3": annotation("p3", [], 0)}
    result = agreement(same, same, IDS, min_support=1)
    assert (result.micro_f1, result.macro_f1, result.strength_exact, result.strength_within_one) == (1.0, 1.0, 1.0, 1.0)
    assert result.both_on_topic == 2


def test_whether_disagreement_is_scored_like_a_classifier():
    first = {"p1": annotation("p1", ["A"], 4), "p2": annotation("p2", ["B"], 2)}
    second = {"p1": annotation("p1", ["A", "B"], 2), "p2": annotation("p2", [], 0)}
    result = agreement(first, second, IDS, min_support=1)
    # tp=1 (A on p1), fp=1 (B on p1), fn=1 (B on p2): micro-F1 = 2/4.
    assert result.micro_f1 == pytest.approx(0.5)
    assert result.both_on_topic == 1 and result.strength_exact == 0.0 and result.strength_within_one == 0.0


def test_whether_only_passages_both_annotated_are_compared():
    first = {"p1": annotation("p1", ["A"], 4), "only-first": annotation("only-first", ["B"], 2)}
    second = {"p1": annotation("p1", ["A"], 4)}
    assert agreement(first, second, IDS, min_support=1).passages == 1


def test_whether_a_broken_annotation_line_names_its_file(tmp_path):
    (tmp_path / "part.jsonl").write_text('{"id": "p1", "categories": ["A"]}\n', encoding="utf-8")
    with pytest.raises(LabelError, match=r"part.jsonl:1"):
        read_annotations(tmp_path)


def test_whether_the_projects_two_blind_annotations_are_measured():
    ids = [c.id for c in categories(load_taxonomy())]
    result = annotator_agreement(ids)
    assert result is not None and result.passages >= 600
    assert 0.0 < result.micro_f1 < 1.0


def test_whether_missing_annotation_folders_give_no_figure(tmp_path):
    assert annotator_agreement(IDS, tmp_path) is None


def test_whether_annotation_files_hold_no_passage_text():
    # Second annotations cover copyrighted sources: ids and labels only.
    from nlp_pipeline.evaluate.agreement import ANNOTATIONS

    for path in ANNOTATIONS.rglob("*.jsonl"):
        for line in path.read_text(encoding="utf-8").splitlines():
            assert "text" not in json.loads(line), path


def test_whether_agreement_is_reported_per_labelling_batch(tmp_path):
    for side, rows in {
        "first": {"a.jsonl": [("p1", ["A"], 2), ("p2", [], 0)], "b.jsonl": [("q1", ["B"], 3)]},
        "second": {"a.jsonl": [("p1", ["A"], 2), ("p2", [], 0)], "b.jsonl": [("q1", ["C"], 3)]},
    }.items():
        (tmp_path / side).mkdir()
        for name, lines in rows.items():
            (tmp_path / side / name).write_text(
                "".join(json.dumps({"id": i, "categories": c, "strength": s}) + "\n" for i, c, s in lines)
            )
    per_file = agreement_by_file(IDS, tmp_path, min_support=1)
    assert per_file["a.jsonl"].micro_f1 == 1.0 and per_file["a.jsonl"].passages == 2
    assert per_file["b.jsonl"].micro_f1 == 0.0
    assert read_annotations(tmp_path / "first" / "b.jsonl").keys() == {"q1"}
