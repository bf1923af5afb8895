"""`resourcing`: a thin command line over the library.

Every command parses options, calls one library function and prints; no
analysis logic lives here. Exit codes: 0 success, 1 some inputs failed (they
are listed), 2 usage or configuration error.
"""

from __future__ import annotations

import functools
import json
import logging
import sys
import warnings
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path
from typing import Optional

import typer
from typer.core import TyperGroup

from nlp_pipeline.errors import InputError, ResourcingError, TaxonomyError, UsageError


def _flags_as_flags(command, ctx):
    """Show an on/off option as `--overwrite`, not `--overwrite <bool>` (typer prints every type)."""
    help_option = command.get_help_option(ctx)
    for param in [*command.params, *([help_option] if help_option else [])]:
        if getattr(param, "is_flag", False):
            param.metavar = ""
    return command


class _Commands(TyperGroup):
    def get_command(self, ctx, name):
        command = super().get_command(ctx, name)
        return _flags_as_flags(command, ctx) if command is not None else None

    def format_help(self, ctx, formatter):
        _flags_as_flags(self, ctx)
        return super().format_help(ctx, formatter)


app = typer.Typer(cls=_Commands, add_completion=False, no_args_is_help=True,
                  help="Check EU laws, company reports and industry standards against the RE-SOURCING electronics roadmap.")
taxonomy_app = typer.Typer(cls=_Commands, no_args_is_help=True, help="Validate and browse taxonomy files.")
app.add_typer(taxonomy_app, name="taxonomy")

PROJECT_ROOT = Path(__file__).resolve().parents[2]
DEMO_CORPUS = PROJECT_ROOT / "corpora" / "demo"

TaxonomyOption = typer.Option(None, "--taxonomy", help="Taxonomy YAML file (default: taxonomies/roadmap.yaml).")
QuietOption = typer.Option(False, "--quiet", "-q", help="Print only errors and the output location.")
LogJsonOption = typer.Option(False, "--log-json", help="Write log records as JSON lines on stderr.")


def _import_spacy_without_torch() -> None:
    """Import spaCy with torch hidden: its thinc imports torch only to learn whether it is installed.

    That costs about two seconds of a journalist's five-second `check`, and no
    spaCy pipeline here runs on torch. Torch stays importable afterwards for
    the code that needs it (building the embedding table, the contextual encoder).
    """
    if "spacy" in sys.modules or "torch" in sys.modules:
        return
    sys.modules["torch"] = None  # type: ignore[assignment]  # makes `import torch` raise ImportError
    try:
        import spacy  # noqa: F401
    finally:
        del sys.modules["torch"]


def _configure(quiet: bool, log_json: bool) -> None:
    _import_spacy_without_torch()
    warnings.filterwarnings("ignore")
    handler = logging.StreamHandler(sys.stderr)
    if log_json:
        handler.setFormatter(_JsonFormatter())
    else:
        handler.setFormatter(_PlainFormatter())
    logging.basicConfig(level=logging.ERROR if quiet else logging.WARNING, handlers=[handler], force=True)
    # The library's own progress lines (a first run building the embedding
    # table) are worth a reader's eye; third-party info is not.
    logging.getLogger("nlp_pipeline").setLevel(logging.ERROR if quiet else logging.INFO)
    for noisy in ("transformers", "sentence_transformers", "huggingface_hub", "pdfminer"):
        logging.getLogger(noisy).setLevel(logging.ERROR)


class _PlainFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return f"{record.levelname.lower()}: {record.getMessage()}"


class _JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return json.dumps({"level": record.levelname, "logger": record.name, "message": record.getMessage()})


def reports_errors(command: Callable[..., None]) -> Callable[..., None]:
    """The one place a library error becomes a message and an exit code."""

    @functools.wraps(command)
    def run(*args, **kwargs) -> None:
        try:
            command(*args, **kwargs)
        except ResourcingError as error:
            typer.echo(f"error: {error}", err=True)
            raise typer.Exit(error.exit_code) from error

    return run


def _load_taxonomy(path: Optional[Path]):
    from nlp_pipeline.taxonomy import load_taxonomy

    return load_taxonomy(path)


def _run_analysis(paths: list[Path], out: Path, taxonomy: Optional[Path], classifier: str, kind: Optional[str],
                  overwrite: bool, quiet: bool) -> None:
    from nlp_pipeline.pipeline import analyze, resolve_options
    from nlp_pipeline.report import write_reports
    from nlp_pipeline.report.base import check_output_folder
    from nlp_pipeline.report.terminal import corpus_matrix, failures

    tax, chosen, kind = resolve_options(_load_taxonomy(taxonomy), classifier, kind)
    # Checked before the analysis too, so nobody waits minutes to be refused.
    check_output_folder(out, (), overwrite)
    started_at = datetime.now(timezone.utc)
    progress = None if quiet else (lambda message: typer.echo(f"  {message}", err=True))
    result = analyze(paths, taxonomy=tax, classifier=chosen, kind=kind, progress=progress)
    written = write_reports(result, out, overwrite=overwrite, started_at=started_at, taxonomy_path=taxonomy)
    if not quiet and result.analyses:
        typer.echo("")
        if len(result.analyses) == 1:
            _print_check_summary(result, out)
        else:
            typer.echo(corpus_matrix(result))
    if result.failures:
        typer.echo(failures(result), err=True)
    typer.echo(_written_line(result, written, out))
    if result.failures:
        raise typer.Exit(1)


def _written_line(result, written: list[Path], out: Path) -> str:
    from nlp_pipeline.report.wording import plural

    return (f"\n{plural(len(result.analyses), 'document')}, {plural(result.passage_count, 'passage')}; "
            f"{plural(len(written), 'file')} written to {out}")


def _print_check_summary(result, out: Path) -> None:
    from rich.console import Console

    from nlp_pipeline.report.html import HTML_FILE
    from nlp_pipeline.report.terminal import check_summary, console_width

    console = Console(highlight=False)
    width = console_width(console)
    console.print(check_summary(result.analyses[0], result.taxonomy, out / HTML_FILE, width), width=width)


def _readable_document(file: Path):
    """The document `check` is asked about, read before any model is loaded: a bad input costs no wait."""
    from nlp_pipeline.ingest import read_document

    if file.is_dir():
        raise UsageError(f"{file}: is a folder; check reads one document (use `resourcing analyze {file} --out DIR` "
                         "for a folder)")
    try:
        return read_document(file)
    except InputError as error:
        # Nothing else to analyse: the whole command is unusable, not one input of many.
        raise UsageError(str(error)) from error


@app.command()
@reports_errors
def analyze(
    paths: list[Path] = typer.Argument(..., help="Files or folders (PDF, HTML, Markdown, text, JSON)."),
    out: Path = typer.Option(..., "--out", "-o", help="Output folder for passages, matrices and reports."),
    taxonomy: Optional[Path] = TaxonomyOption,
    classifier: str = typer.Option("hybrid", help="Classifier: hybrid, cues or similarity."),
    kind: Optional[str] = typer.Option(None, help="Force the document kind: legislation, report or initiative."),
    overwrite: bool = typer.Option(False, "--overwrite", help="Replace the reports of an earlier run in --out."),
    quiet: bool = QuietOption,
    log_json: bool = LogJsonOption,
) -> None:
    """Analyse files and folders: passages with pages, coverage, gaps and milestone matrices."""
    _configure(quiet, log_json)
    _run_analysis(paths, out, taxonomy, classifier, kind, overwrite, quiet)


@app.command()
@reports_errors
def check(
    file: Path = typer.Argument(..., help="One document, e.g. a company report PDF."),
    out: Optional[Path] = typer.Option(None, "--out", "-o", help="Output folder (default: NAME-check, after the file)."),
    taxonomy: Optional[Path] = TaxonomyOption,
    kind: Optional[str] = typer.Option(None, help="Force the document kind: legislation, report or initiative."),
    overwrite: bool = typer.Option(False, "--overwrite", help="Replace the reports of an earlier check in the folder."),
    quiet: bool = QuietOption,
    log_json: bool = LogJsonOption,
) -> None:
    """One document: which roadmap categories it covers, how strongly, on which page, and where it falls short."""
    _configure(quiet, log_json)
    from dataclasses import replace

    from nlp_pipeline.pipeline import AnalysisResult, StageTimer, analyse_document, resolve_options
    from nlp_pipeline.report import report_formats, write_reports
    from nlp_pipeline.report.base import check_output_folder

    out = out or Path(f"{file.stem}-check")
    timer = StageTimer()
    with timer.stage("ingest"):
        document = _readable_document(file)
    check_output_folder(out, (), overwrite)
    tax, chosen, kind = resolve_options(_load_taxonomy(taxonomy), "hybrid", kind)
    started_at = datetime.now(timezone.utc)
    if not quiet:
        typer.echo(f"  checking {document.name} ({document.page_count} page{'s' * (document.page_count != 1)})…",
                   err=True)
    analysis = analyse_document(replace(document, kind=kind) if kind else document, chosen, tax, timer)
    result = AnalysisResult(taxonomy=tax, classifier=chosen.describe(), analyses=[analysis], timings=timer.seconds)
    # A heatmap of one document is one column of the colours report.html
    # already shows, and drawing it costs a journalist two seconds.
    formats = [name for name in report_formats() if name != "heatmap"]
    written = write_reports(result, out, formats, overwrite=overwrite, started_at=started_at, taxonomy_path=taxonomy)
    if not quiet:
        typer.echo("")
        _print_check_summary(result, out)
    typer.echo(_written_line(result, written, out))


@app.command()
@reports_errors
def demo(
    out: Path = typer.Option(Path("demo-output"), "--out", "-o", help="Output folder."),
    overwrite: bool = typer.Option(False, "--overwrite", help="Replace the reports of an earlier demo run."),
    quiet: bool = QuietOption,
) -> None:
    """The whole path on the bundled demo corpus (CSDDD, CSRD, CRMA from EUR-Lex)."""
    _configure(quiet, False)
    _run_analysis([DEMO_CORPUS], out, None, "hybrid", None, overwrite, quiet)


@app.command()
@reports_errors
def compare(
    old: Path = typer.Argument(..., help="The earlier version or the base act, e.g. a proposal, an act in force, "
                                         "last year's report."),
    new: Path = typer.Argument(..., help="The later version, e.g. the adopted act or this year's report, or an act "
                                         "amending OLD (its instructions are applied to OLD first)."),
    out: Path = typer.Option(..., "--out", "-o", help="Output folder for the memo, the changes and the category view."),
    taxonomy: Optional[Path] = TaxonomyOption,
    kind: Optional[str] = typer.Option(None, help="Force the document kind of both: legislation, report or initiative."),
    overwrite: bool = typer.Option(False, "--overwrite", help="Replace the files of an earlier comparison in --out."),
    quiet: bool = QuietOption,
    log_json: bool = LogJsonOption,
) -> None:
    """Two versions of a text: a memo of the duties, rights, sanctions, thresholds and wording that changed, and where."""
    _configure(quiet, log_json)
    from nlp_pipeline.compare import compare_versions
    from nlp_pipeline.report.base import check_output_folder
    from nlp_pipeline.report.comparison import PLANNED_FILES, memo_text, write_comparison

    tax = _load_taxonomy(taxonomy)
    started_at = datetime.now(timezone.utc)
    # Refuse an occupied folder before the analysis, not after it.
    check_output_folder(out, PLANNED_FILES, overwrite)
    comparison = compare_versions(old, new, taxonomy=tax, kind=kind)
    written = write_comparison(comparison, out, overwrite=overwrite, started_at=started_at, taxonomy_path=taxonomy)
    if not quiet:
        typer.echo(memo_text(comparison))
    typer.echo(f"\n{len(written)} files written to {out} (start with {out / 'memo.md'})")


@app.command()
@reports_errors
def classify(
    input: Path = typer.Argument(..., help='JSONL: {"id": ..., "text": ..., "kind": "legislation"|"report"|"initiative"}'),
    output: Path = typer.Option(..., "--output", "-o", help='JSONL: {"id", "categories": [{"id", "score"}], "strength"}'),
    taxonomy: Optional[Path] = TaxonomyOption,
    explain: bool = typer.Option(False, "--explain", help="Add the cue terms or exemplar behind each category."),
) -> None:
    """Classify arbitrary passages (the evaluation interface)."""
    _configure(True, False)
    from nlp_pipeline.classify.passages_io import classify_jsonl

    count = classify_jsonl(input, output, _load_taxonomy(taxonomy), explain=explain)
    typer.echo(f"{count} passages classified into {output}", err=True)


@app.command()
@reports_errors
def train(
    labelled: Path = typer.Option(PROJECT_ROOT / "corpora" / "labelled", help="Labelled passages (.jsonl or folder)."),
    out: Optional[Path] = typer.Option(None, help="Model folder (default: models/classifier)."),
    taxonomy: Optional[Path] = TaxonomyOption,
) -> None:
    """Rebuild the hybrid classifier head shipped in models/ from the labelled passages."""
    _configure(False, False)
    from nlp_pipeline.classify.hybrid import MODEL_DIR
    from nlp_pipeline.classify.shipped_model import train_from_labelled

    head = train_from_labelled(labelled, _load_taxonomy(taxonomy), out or MODEL_DIR)
    typer.echo(f"trained on {head.card['passages']} passages from {head.card['documents']} documents; "
               f"{int(head.trained.sum())} categories with a supervised head; saved to {out or MODEL_DIR}")


@app.command()
@reports_errors
def evaluate(
    labelled: Path = typer.Argument(PROJECT_ROOT / "corpora" / "labelled", help="Labelled passages (.jsonl or folder)."),
    folds: int = typer.Option(5, help="Document-grouped folds."),
    taxonomy: Optional[Path] = TaxonomyOption,
    json_out: Optional[Path] = typer.Option(None, "--json", help="Also write the figures as JSON."),
    heldout: Optional[Path] = typer.Option(
        PROJECT_ROOT / "corpora" / "labelled" / "heldout", help="Held-out labelled passages, scored but never trained on."),
    expert_read: Optional[Path] = typer.Option(
        PROJECT_ROOT / "tests" / "data" / "expert_read", help="Expert-read cells and milestone verdicts to compare with."),
) -> None:
    """Document-grouped cross-validation: cue-only, similarity-only and hybrid, plus strength accuracy."""
    _configure(True, False)
    from nlp_pipeline.evaluate.run import evaluate as run_evaluation

    report = run_evaluation(labelled, _load_taxonomy(taxonomy), folds, heldout, expert_read)
    typer.echo(report.text())
    if json_out:
        json_out.write_text(json.dumps(report.figures, indent=1) + "\n", encoding="utf-8")


@taxonomy_app.command("validate")
def taxonomy_validate(file: Path = typer.Argument(..., help="Taxonomy YAML file.")) -> None:
    """Check a taxonomy file against the schema; every problem is named with its node."""
    from nlp_pipeline.taxonomy import categories, load_taxonomy, milestones

    try:
        tax = load_taxonomy(file)
    except TaxonomyError as error:
        typer.echo(f"invalid: {error.path}", err=True)
        for problem in error.problems:
            typer.echo(f"  {problem}", err=True)
        raise typer.Exit(2) from error
    typer.echo(f"valid: {file} ({tax.meta.id} {tax.meta.version}): {len(tax.targets)} targets, "
               f"{len(categories(tax))} categories, {len(milestones(tax))} milestones")


@taxonomy_app.command("show")
@reports_errors
def taxonomy_show(
    category_id: Optional[str] = typer.Argument(None, help="A category or milestone id (any case); omit to list all."),
    taxonomy: Optional[Path] = TaxonomyOption,
) -> None:
    """List the categories, or show one category (definition, cues, milestones) or milestone."""
    from nlp_pipeline.report.wording import plural
    from nlp_pipeline.taxonomy import find_node

    tax = _load_taxonomy(taxonomy)
    if category_id is None:
        for target in tax.targets:
            typer.echo(f"{target.id}  {target.label}")
            for category in target.categories:
                typer.echo(f"  {category.id:<28} {category.label}  ({plural(len(category.milestones), 'milestone')})")
        return
    category, milestone = find_node(tax, category_id)
    if milestone is None:
        typer.echo(f"{category.id}: {category.label}\n\n{category.definition}\n")
        typer.echo("cues: " + "; ".join(category.cues))
        for note in category.excludes:
            typer.echo(f"not this: {note}")
        for m in category.milestones:
            typer.echo(f"\n{m.id} ({m.year}, {', '.join(m.actors)}, expects strength {m.expected_strength}, "
                       f"{m.provenance}): {m.statement}")
        return
    typer.echo(f"{milestone.id} under {category.id} ({milestone.year}, {milestone.provenance})\n{milestone.statement}")
    if milestone.roadmap_quote:
        typer.echo(f'roadmap: "{milestone.roadmap_quote}"')


def main() -> None:  # pragma: no cover
    app()


if __name__ == "__main__":  # pragma: no cover
    app()
