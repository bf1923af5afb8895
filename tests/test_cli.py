"""The command line: exit codes, output files, the classify format."""

import json

import pytest
from typer.testing import CliRunner

from conftest import DATA, PROJECT_ROOT
from nlp_pipeline.cli.main import app

runner = CliRunner()


def test_whether_analyze_writes_the_output_folder_and_exits_1_when_some_inputs_failed(tmp_path):
    out = tmp_path / "out"
    result = runner.invoke(app, ["analyze", str(DATA / "eurlex_act.html"), str(DATA / "corrupt.pdf"),
                                 "--out", str(out), "--quiet"])
    assert result.exit_code == 1, result.output
    assert "corrupt.pdf: not a readable PDF" in result.output
    for name in ("passages.jsonl", "coverage.csv", "milestones.csv", "gaps.csv", "results.json", "run.json"):
        assert (out / name).exists(), name
    first = json.loads((out / "passages.jsonl").read_text().splitlines()[0])
    assert {"page", "section", "text"} <= set(first)


def test_whether_an_earlier_run_is_never_overwritten_without_permission(tmp_path):
    out = tmp_path / "out"
    args = ["analyze", str(DATA / "plain_report.txt"), "--out", str(out), "--quiet"]
    assert runner.invoke(app, args).exit_code == 0
    before = (out / "run.json").read_text()
    refused = runner.invoke(app, args)
    assert refused.exit_code == 2
    assert "--overwrite" in refused.output
    assert (out / "run.json").read_text() == before
    assert runner.invoke(app, args + ["--overwrite"]).exit_code == 0


def test_whether_classify_reads_and_writes_the_evaluation_format(tmp_path):
    source = tmp_path / "in.jsonl"
    rows = [
        {"id": "a", "text": "Member States shall lay down the rules on penalties applicable to infringements, "
                            "including pecuniary penalties based on net worldwide turnover.", "kind": "legislation"},
        {"id": "b", "text": "For the purposes of this Regulation, 'day' means a calendar day."},
    ]
    source.write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    target = tmp_path / "out.jsonl"
    result = runner.invoke(app, ["classify", str(source), "--output", str(target)])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in target.read_text().splitlines()]
    assert [line["id"] for line in lines] == ["a", "b"]
    for line in lines:
        assert set(line) == {"id", "categories", "strength"}
        assert 0 <= line["strength"] <= 4
        for category in line["categories"]:
            assert set(category) == {"id", "score"} and 0 <= category["score"] <= 1
    assert lines[1]["categories"] == [] and lines[1]["strength"] == 0


@pytest.mark.parametrize("content, message", [("not json\n", "not valid JSON"), ('{"id": 1}\n', '"text"')])
def test_whether_classify_rejects_malformed_input_with_the_line_number(tmp_path, content, message):
    source = tmp_path / "in.jsonl"
    source.write_text(content)
    result = runner.invoke(app, ["classify", str(source), "--output", str(tmp_path / "o.jsonl")])
    assert result.exit_code == 2
    assert message in result.output and "in.jsonl:1" in result.output


def test_whether_taxonomy_validate_accepts_the_shipped_file_and_names_problems_in_a_bad_one():
    ok = runner.invoke(app, ["taxonomy", "validate", str(PROJECT_ROOT / "taxonomies" / "roadmap.yaml")])
    assert ok.exit_code == 0 and "38 categories" in ok.output
    bad = runner.invoke(app, ["taxonomy", "validate", str(DATA / "taxonomies" / "duplicate_category_id.yaml")])
    assert bad.exit_code == 2 and "duplicate category id" in bad.output


def test_whether_taxonomy_show_prints_a_category_with_its_milestones():
    result = runner.invoke(app, ["taxonomy", "show", "HR.GAP.SANCTIONS"])
    assert result.exit_code == 0
    assert "Insufficient sanctions" in result.output and "HR.2025.SANCTIONS" in result.output


def test_whether_an_unknown_taxonomy_id_is_a_usage_error():
    assert runner.invoke(app, ["taxonomy", "show", "NOPE.NOTHING"]).exit_code == 2


def test_whether_a_malformed_user_taxonomy_stops_analyze_with_exit_2(tmp_path):
    result = runner.invoke(app, ["analyze", str(DATA / "plain_report.txt"), "--out", str(tmp_path / "o"),
                                 "--taxonomy", str(DATA / "taxonomies" / "bad_yaml_syntax.yaml")])
    assert result.exit_code == 2
    assert "bad_yaml_syntax.yaml" in result.output


def test_whether_classify_reads_section_and_heading_as_context(tmp_path):
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps({"id": "p", "text": "Member States shall lay down the rules applicable to infringements.",
                                  "kind": "legislation", "section": "Article 27 > 1", "heading": "Penalties"}) + "\n"
                      + json.dumps({"id": "q", "text": "Some text.", "section": 5}) + "\n")
    result = runner.invoke(app, ["classify", str(source), "--output", str(tmp_path / "out.jsonl")])
    assert result.exit_code == 2 and "in.jsonl:2" in result.output


def test_whether_evaluate_prints_the_three_methods_the_ceiling_and_the_heldout_figures(tmp_path):
    # EU-law labels keep their text, so this runs without ../shared.
    labelled = PROJECT_ROOT / "corpora" / "labelled"
    result = runner.invoke(app, ["evaluate", str(labelled / "eu_law.jsonl"), "--folds", "3",
                                 "--heldout", str(labelled / "heldout" / "eu_law.jsonl"),
                                 "--expert-read", str(PROJECT_ROOT / "tests" / "data" / "expert_read" / "csddd_2024_1760.jsonl"),
                                 "--json", str(tmp_path / "figures.json")])
    assert result.exit_code == 0, result.output
    for expected in ("cues", "similarity", "hybrid", "two blind annotators", "Held-out passages", "baseline",
                     "through the analyze path", "Expert-read set"):
        assert expected in result.output
    figures = json.loads((tmp_path / "figures.json").read_text())
    assert figures["folds"] == 3 and figures["heldout"]["passages"] > 0
    assert figures["expert_read"]["cells"]["n"] > 0 and figures["expert_read"]["milestones"]["n"] > 0


@pytest.mark.parametrize("lines", [3, 40])
def test_whether_train_builds_a_loadable_head_from_a_small_labelled_file(tmp_path, lines):
    # EU-law label lines keep their text, so a user-sized subset needs nothing from ../shared.
    from nlp_pipeline.classify.hybrid import HybridHead

    source = PROJECT_ROOT / "corpora" / "labelled" / "eu_law.jsonl"
    subset = tmp_path / "mine.jsonl"
    subset.write_text("".join(source.read_text(encoding="utf-8").splitlines(keepends=True)[:lines]), encoding="utf-8")
    result = runner.invoke(app, ["train", "--labelled", str(subset), "--out", str(tmp_path / "model")])
    assert result.exit_code == 0, result.output
    head = HybridHead.load(tmp_path / "model")
    assert head.card["passages"] == lines


@pytest.mark.parametrize(
    ("command", "message"),
    [
        (["analyze", str(DATA / "plain_report.txt"), "--kind", "novel"], "--kind 'novel' is not a document kind"),
        (["check", str(DATA / "plain_report.txt"), "--kind", "novel"], "--kind 'novel' is not a document kind"),
        (["analyze", str(DATA / "plain_report.txt"), "--classifier", "oracle"], "--classifier 'oracle' is unknown"),
        (["compare", str(DATA / "plain_report.txt"), str(DATA / "plain_report.txt"), "--kind", "novel"],
         "--kind 'novel' is not a document kind"),
    ],
)
def test_whether_a_bad_option_value_is_a_one_line_usage_error(tmp_path, command, message):
    result = runner.invoke(app, [*command, "--out", str(tmp_path / "o")])
    assert result.exit_code == 2
    assert message in result.output
    assert "Traceback" not in result.output and not (tmp_path / "o").exists()


@pytest.mark.parametrize(
    "command",
    [["evaluate", "/nonexistent/labels"], ["train", "--labelled", "/nonexistent/labels.jsonl"]],
)
def test_whether_missing_labelled_data_is_a_one_line_usage_error(tmp_path, command):
    result = runner.invoke(app, [*command] + (["--out", str(tmp_path / "m")] if command[0] == "train" else []))
    assert result.exit_code == 2
    assert "error: /nonexistent/labels" in result.output and "file not found" in result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize("typed", ["hr.gap.sanctions", "HR.GAP.SANCTIONS", " Hr.Gap.Sanctions "])
def test_whether_taxonomy_show_takes_an_id_in_any_case(typed):
    result = runner.invoke(app, ["taxonomy", "show", typed])
    assert result.exit_code == 0 and "Insufficient sanctions" in result.output


@pytest.mark.parametrize("typed, suggested", [("HR.GAP.SANCTION", "HR.GAP.SANCTIONS"), ("sanctions", "HR.GAP.SANCTIONS"),
                                              ("CE.REPAIRS", "CE.REPAIR")])
def test_whether_an_unknown_taxonomy_id_gets_a_suggestion(typed, suggested):
    result = runner.invoke(app, ["taxonomy", "show", typed])
    assert result.exit_code == 2 and "did you mean" in result.output and suggested in result.output


def test_whether_the_category_list_counts_milestones_in_agreeing_plurals():
    output = runner.invoke(app, ["taxonomy", "show"]).output
    assert "(1 milestones)" not in output and ("(1 milestone)" in output or "(2 milestones)" in output)


@pytest.mark.parametrize("command", [["analyze"], ["check"], ["demo"], ["compare"], ["taxonomy", "show"], []])
def test_whether_help_shows_on_off_options_as_flags(command):
    import os

    result = runner.invoke(app, [*command, "--help"], env={**os.environ, "COLUMNS": "120"})
    assert result.exit_code == 0 and "--help" in result.output
    assert "<bool>" not in result.output


def test_whether_demo_refuses_to_overwrite_an_earlier_demo(tmp_path, monkeypatch):
    out = tmp_path / "demo-output"
    out.mkdir()
    (out / "run.json").write_text("{}")
    result = runner.invoke(app, ["demo", "--out", str(out), "--quiet"])
    assert result.exit_code == 2 and "--overwrite" in result.output
    assert (out / "run.json").read_text() == "{}"


def test_whether_taxonomy_show_prints_what_a_milestone_asks():
    result = runner.invoke(app, ["taxonomy", "show", "RP.2030.LIVING_WAGE"])
    assert result.exit_code == 0
    assert "asks (core): living wages paid: living wage*" in result.output
    assert "asks: checked independently" in result.output
