"""The blind second-annotation sample and the spread sample annotators draw from a document."""

import json
import math
import shutil
from collections import Counter

import pytest

from nlp_pipeline.labelled.sampling import (
    draw_sample,
    second_annotation_candidates,
    spread_sample,
    stratum,
)
from tests.conftest import DATA


def records(n_docs=3, per_doc=37):
    rows = []
    for d in range(n_docs):
        for i in range(per_doc):
            rows.append({"id": f"doc{d}-{i}", "source": {"file": f"company/doc{d}.pdf"},
                         "categories": ["X"] if i % 3 else [], "strength": 2 if i % 3 else 0})
    return rows


@pytest.mark.parametrize("fraction", [0.2, 0.25, 0.5])
def test_whether_every_stratum_gets_at_least_its_share(fraction):
    rows = records()
    drawn = Counter(stratum(r) for r in draw_sample(rows, fraction, seed=13))
    for name, size in Counter(stratum(r) for r in rows).items():
        assert drawn[name] == math.ceil(fraction * size)


def test_whether_the_same_seed_draws_the_same_sample_whatever_the_input_order():
    rows = records()
    first = [r["id"] for r in draw_sample(rows, 0.2, seed=13)]
    assert [r["id"] for r in draw_sample(list(reversed(rows)), 0.2, seed=13)] == first
    assert [r["id"] for r in draw_sample(rows, 0.2, seed=14)] != first


def test_whether_the_second_annotator_sees_text_but_no_labels(tmp_path):
    shared = tmp_path / "corpora"
    (shared / "company").mkdir(parents=True)
    shutil.copy(DATA / "plain_report.txt", shared / "company" / "note.txt")
    text = (shared / "company" / "note.txt").read_text()
    start = text.index("We aim")
    line = {"id": "note-1", "doc_kind": "report", "source": {"file": "company/note.txt", "start": start, "end": start + 20},
            "sha1": "", "section": "S", "categories": ["CE.RENEWABLE_ENERGY"], "strength": 3, "note": "secret",
            "selection": "random"}
    from nlp_pipeline.labelled import text_hash

    line["sha1"] = text_hash(text[start : start + 20])
    labels = tmp_path / "labels.jsonl"
    labels.write_text(json.dumps(line) + "\n")
    (candidate,) = second_annotation_candidates([labels], 0.2, 13, shared)
    assert candidate["candidate"] == "note-1" and candidate["text"] == text[start : start + 20]
    assert not {"categories", "strength", "note", "selection"} & set(candidate)
    assert second_annotation_candidates([labels], 0.2, 13, shared, exclude={"note-1"}) == []


def test_whether_a_spread_sample_reaches_every_stretch_of_the_document():
    items = list(range(1000))
    picks = spread_sample(items, 10, seed=1)
    assert [p // 100 for p in picks] == list(range(10))
    assert spread_sample(items, 10, seed=1) == picks
    assert spread_sample(items[:5], 10, seed=1) == items[:5]
