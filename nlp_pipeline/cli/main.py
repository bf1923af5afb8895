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

from nlp_pipeline.errors import ResourcingError, TaxonomyError, UsageError

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Check EU laws, company reports and industry standards against the RE-SOURCING electronics roadmap.")
taxonomy_app = typer.Typer(no_args_is_help=True, help="Validate and browse taxonomy files.")
app.add_typer(taxonomy_app, name="taxonomy")

PROJECT_ROOT = Path(__file__).resolve().parents[2]
DEMO_CORPUS = PROJECT_ROOT / "corpora" / "demo"

TaxonomyOption = typer.Option(None, "--taxonomy", help="Taxonomy YAML file (default: taxonomies/roadmap.yaml).")
QuietOption = typer.Option(False, "--quiet", "-q", help="Print only errors and the output location.")
LogJsonOption = typer.Option(False, "--log-json", help="Write log records as JSON lines on stderr.")


def _configure(quiet: bool, log_json: bool) -> None:
    warnings.filterwarnings("ignore")
    handler = logging.StreamHandler(sys.stderr)
    if log_json:
        handler.setFormatter(_JsonFormatter())
    else:
        handler.setFormatter(logging.Formatter("%(levelname)s %(message)s"))
    logging.basicConfig(level=logging.ERROR if quiet else logging.WARNING, handlers=[handler], force=True)
    for noisy in ("transformers", "sentence_transformers", "huggingface_hub", "pdfminer"):
        logging.getLogger(noisy).setLevel(logging.ERROR)


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
                  overwrite: bool, quiet: bool, single: bool = False) -> None:
    from nlp_pipeline.pipeline import analyze, resolve_options
    from nlp_pipeline.report import write_reports
    from nlp_pipeline.report.base import check_output_folder
    from nlp_pipeline.report.terminal import corpus_matrix, document_findings, failures

    tax, chosen, kind = resolve_options(_load_taxonomy(taxonomy), classifier, kind)
    # Checked before the analysis too, so nobody waits minutes to be refused.
    check_output_folder(out, (), overwrite)
    started_at = datetime.now(timezone.utc)
    progress = None if quiet else (lambda message: typer.echo(f"  {message}", err=True))
    result = analyze(paths, taxonomy=tax, classifier=chosen, kind=kind, progress=progress)
    written = write_reports(result, out, overwrite=overwrite, started_at=started_at, taxonomy_path=taxonomy)
    if not quiet and result.analyses:
        typer.echo("")
        if single or len(result.analyses) == 1:
            typer.echo(document_findings(result, result.analyses[0].document.id))
        else:
            typer.echo(corpus_matrix(result))
    if result.failures:
        typer.echo(failures(result), err=True)
    typer.echo(f"\n{len(result.analyses)} document(s), {result.passage_count} passages; "
               f"{len(written)} files written to {out}")
    if result.failures:
        raise typer.Exit(1)


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
    out: Path = typer.Option(Path("check-output"), "--out", "-o", help="Output folder."),
    taxonomy: Optional[Path] = TaxonomyOption,
    kind: Optional[str] = typer.Option(None, help="Force the document kind."),
    overwrite: bool = typer.Option(False, "--overwrite"),
    quiet: bool = QuietOption,
    log_json: bool = LogJsonOption,
) -> None:
    """One document: which roadmap categories it covers, how strongly, and on which page."""
    _configure(quiet, log_json)
    _run_analysis([file], out, taxonomy, "hybrid", kind, overwrite, quiet, single=True)


@app.command()
@reports_errors
def demo(
    out: Path = typer.Option(Path("demo-output"), "--out", "-o", help="Output folder."),
    overwrite: bool = typer.Option(True, "--overwrite/--no-overwrite", help="Replace an earlier demo run."),
    quiet: bool = QuietOption,
) -> None:
    """The whole path on the bundled demo corpus (CSDDD, CSRD, CRMA from EUR-Lex)."""
    _configure(quiet, False)
    # The acts only: the folder's README is documentation, not a document to analyse.
    _run_analysis(sorted(DEMO_CORPUS.glob("*.html")), out, None, "hybrid", None, overwrite, quiet)


@app.command()
@reports_errors
def compare(
    old: Path = typer.Argument(..., help="The earlier version, e.g. a proposal or last year's report."),
    new: Path = typer.Argument(..., help="The later version, e.g. the adopted act or this year's report."),
    out: Path = typer.Option(..., "--out", "-o", help="Output folder for the changes and the category view."),
    taxonomy: Optional[Path] = TaxonomyOption,
    kind: Optional[str] = typer.Option(None, help="Force the document kind of both: legislation, report or initiative."),
    overwrite: bool = typer.Option(False, "--overwrite", help="Replace the files of an earlier comparison in --out."),
    quiet: bool = QuietOption,
    log_json: bool = LogJsonOption,
) -> None:
    """Two versions of a text: which commitments were added, dropped, strengthened or weakened, and where."""
    _configure(quiet, log_json)
    from nlp_pipeline.compare import compare_versions
    from nlp_pipeline.report.base import check_output_folder
    from nlp_pipeline.report.comparison import COMPARISON_FILES, write_comparison
    from nlp_pipeline.report.terminal import comparison_summary

    tax = _load_taxonomy(taxonomy)
    started_at = datetime.now(timezone.utc)
    # Refuse an occupied folder before the analysis, not after it.
    check_output_folder(out, COMPARISON_FILES, overwrite)
    comparison = compare_versions(old, new, taxonomy=tax, kind=kind)
    written = write_comparison(comparison, out, overwrite=overwrite, started_at=started_at, taxonomy_path=taxonomy)
    if not quiet:
        typer.echo(comparison_summary(comparison))
    typer.echo(f"\n{len(written)} files written to {out}")


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
    learning_curve: bool = typer.Option(False, "--learning-curve",
                                        help="Also train on shares of the documents and print how F1 grows (slow)."),
) -> None:
    """Document-grouped cross-validation: cue-only, similarity-only and hybrid, plus strength accuracy."""
    _configure(True, False)
    from nlp_pipeline.evaluate.run import evaluate as run_evaluation

    report = run_evaluation(labelled, _load_taxonomy(taxonomy), folds, heldout, with_learning_curve=learning_curve)
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
    category_id: Optional[str] = typer.Argument(None, help="A category or milestone id; omit to list all."),
    taxonomy: Optional[Path] = TaxonomyOption,
) -> None:
    """List the categories, or show one category (definition, cues, milestones)."""
    from nlp_pipeline.taxonomy import category_index, milestones

    tax = _load_taxonomy(taxonomy)
    if category_id is None:
        for target in tax.targets:
            typer.echo(f"{target.id}  {target.label}")
            for category in target.categories:
                typer.echo(f"  {category.id:<28} {category.label}  ({len(category.milestones)} milestones)")
        return
    index = category_index(tax)
    if category_id in index:
        category = index[category_id]
        typer.echo(f"{category.id}: {category.label}\n\n{category.definition}\n")
        typer.echo("cues: " + "; ".join(category.cues))
        for note in category.excludes:
            typer.echo(f"not this: {note}")
        for m in category.milestones:
            typer.echo(f"\n{m.id} ({m.year}, {', '.join(m.actors)}, expects strength {m.expected_strength}, "
                       f"{m.provenance}): {m.statement}")
        return
    for category, milestone in milestones(tax):
        if milestone.id == category_id:
            typer.echo(f"{milestone.id} under {category.id} ({milestone.year}, {milestone.provenance})\n{milestone.statement}")
            if milestone.roadmap_quote:
                typer.echo(f'roadmap: "{milestone.roadmap_quote}"')
            return
    raise UsageError(f"no category or milestone '{category_id}' in {tax.meta.id}")


def main() -> None:  # pragma: no cover
    app()


if __name__ == "__main__":  # pragma: no cover
    app()
