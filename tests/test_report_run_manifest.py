"""run.json: versions, hashes, time and failures of the run that made a folder."""

from __future__ import annotations

import hashlib
import json
from datetime import datetime, timezone

import pytest
from report_sample import sample_result

from nlp_pipeline.report import write_reports
from nlp_pipeline.classify.base import make_classifier
from nlp_pipeline.report.run_manifest import taxonomy_record, tool_version
from nlp_pipeline.taxonomy import DEFAULT_TAXONOMY


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    out = tmp_path_factory.mktemp("run")
    started = datetime(2026, 1, 2, 3, 4, 5, tzinfo=timezone.utc)
    write_reports(sample_result(), out, ["csv"], started_at=started)
    return json.loads((out / "run.json").read_text()), out


def test_whether_the_taxonomy_is_identified_by_version_and_file_hash(run):
    manifest, _ = run
    taxonomy = manifest["taxonomy"]
    assert (taxonomy["id"], taxonomy["version"]) == ("RESOURCING.EEE", "1.14.0")
    assert taxonomy["file_sha256"] == hashlib.sha256(DEFAULT_TAXONOMY.read_bytes()).hexdigest()
    assert len(taxonomy["content_sha256"]) == 64


def test_whether_inputs_are_listed_with_their_sha256(run):
    manifest, _ = run
    result = sample_result()
    assert [(i["path"], i["sha256"]) for i in manifest["inputs"]] == [(d.path, d.id) for d in result.documents]
    assert [i["passages"] for i in manifest["inputs"]] == [3, 3]


def test_whether_time_timings_and_failures_are_recorded(run):
    manifest, _ = run
    assert manifest["started_at"] == "2026-01-02T03:04:05+00:00" and not manifest["started_at_estimated"]
    assert datetime.fromisoformat(manifest["finished_at"]) > datetime.fromisoformat(manifest["started_at"])
    assert manifest["timings_s"] == {"ingest": 0.5, "classify": 0.25, "assess": 0.125}
    assert manifest["failures"] == [{"path": "inputs/broken <1>.pdf", "reason": 'not a PDF: starts with "<html>" & more',
                                     "stage": "ingest", "error_type": "InputError"}]


def test_whether_outputs_are_hashed(run):
    manifest, out = run
    for output in manifest["outputs"]:
        assert output["sha256"] == hashlib.sha256((out / output["file"]).read_bytes()).hexdigest()


def test_whether_the_tool_version_is_known():
    assert tool_version() != "unknown"


def test_whether_a_user_taxonomy_file_is_hashed(tmp_path):
    copy = tmp_path / "mine.yaml"
    copy.write_bytes(DEFAULT_TAXONOMY.read_bytes() + b"\n# my edit\n")
    record = taxonomy_record(sample_result().taxonomy, copy)
    assert record["file"] == str(copy)
    assert record["file_sha256"] == hashlib.sha256(copy.read_bytes()).hexdigest()


@pytest.mark.parametrize("name", ["cues", "similarity", "hybrid"])
def test_whether_the_classifier_is_named_with_a_fingerprint_only_when_a_model_exists(name):
    record = make_classifier(name, sample_result().taxonomy).describe().to_dict()
    assert record["name"] == name
    if record["model_fingerprint"] is not None:
        assert name == "hybrid" and record["model_files"]
