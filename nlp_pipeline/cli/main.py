"""`resourcing`: a thin command line over the library.

Every command parses options, calls one library function and prints; no
analysis logic lives here. Exit codes: 0 success, 1 some inputs failed (they
are listed), 2 usage or configuration error.
"""

from __future__ import annotations

import json
import logging
import sys
import warnings
from datetime import datetime, timezone
from pathlib import Path
from typing import Optional

import typer

from nlp_pipeline.errors import TaxonomyError

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


def _load_taxonomy(path: Optional[Path]):
    from nlp_pipeline.taxonomy import load_taxonomy

    try:
        return load_taxonomy(path)
    except TaxonomyError as error:
        typer.echo(f"error: {error}", err=True)
        raise typer.Exit(2) from error


def _check_kind(kind: Optional[str]) -> None:
    from nlp_pipeline.records import DocumentKind

    allowed = [k.value for k in DocumentKind if k is not DocumentKind.UNKNOWN]
    if kind is not None and kind not in allowed:
        typer.echo(f"error: --kind {kind!r} is not a document kind (choose {', '.join(allowed)})", err=True)
        raise typer.Exit(2)


def _check_classifier(name: str) -> None:
    from nlp_pipeline.classify.base import classifier_names

    if name not in classifier_names():
        typer.echo(f"error: --classifier {name!r} is unknown (choose {', '.join(classifier_names())})", err=True)
        raise typer.Exit(2)


def _run_analysis(paths: list[Path], out: Path, taxonomy: Optional[Path], classifier: str, kind: Optional[str],
                  overwrite: bool, quiet: bool, single: bool = False) -> None:
    from nlp_pipeline.cli.summary import corpus_matrix, document_findings, failures
    from nlp_pipeline.pipeline import analyze
    from nlp_pipeline.report import OutputExistsError, write_reports
    from nlp_pipeline.report.base import MANIFEST_NAME

    _check_kind(kind)
    _check_classifier(classifier)
    tax = _load_taxonomy(taxonomy)
    if (out / MANIFEST_NAME).exists() and not overwrite:
        # Checked before the analysis too, so nobody waits minutes to be refused.
        typer.echo(f"error: {out} already holds an earlier run ({MANIFEST_NAME}); "
                   "choose another --out or pass --overwrite", err=True)
        raise typer.Exit(2)
    started_at = datetime.now(timezone.utc)
    progress = None if quiet else (lambda message: typer.echo(f"  {message}", err=True))
    result = analyze(paths, taxonomy=tax, classifier=classifier, kind=kind, progress=progress)
    try:
        written = write_reports(result, out, overwrite=overwrite, started_at=started_at, taxonomy_path=taxonomy)
    except (OutputExistsError, NotADirectoryError) as error:
        typer.echo(f"error: {error}", err=True)
        raise typer.Exit(2) from error
    if not quiet and result.documents:
        typer.echo("")
        if single or len(result.documents) == 1:
            typer.echo(document_findings(result, result.documents[0].id))
        else:
            typer.echo(corpus_matrix(result))
    if result.failures:
        typer.echo(failures(result), err=True)
    typer.echo(f"\n{len(result.documents)} document(s), {len(result.passages)} passages; "
               f"{len(written)} files written to {out}")
    if result.failures:
        raise typer.Exit(1)


@app.command()
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
    from nlp_pipeline.cli.summary import comparison_summary
    from nlp_pipeline.compare import compare_versions
    from nlp_pipeline.errors import InputError
    from nlp_pipeline.report import OutputExistsError
    from nlp_pipeline.report.base import check_output_folder
    from nlp_pipeline.report.comparison import COMPARISON_FILES, write_comparison

    _check_kind(kind)
    tax = _load_taxonomy(taxonomy)
    started_at = datetime.now(timezone.utc)
    try:
        # Refuse an occupied folder before the analysis, not after it.
        check_output_folder(out, COMPARISON_FILES, overwrite)
        comparison = compare_versions(old, new, taxonomy=tax, kind=kind)
        written = write_comparison(comparison, out, overwrite=overwrite, started_at=started_at, taxonomy_path=taxonomy)
    except InputError as error:
        typer.echo(f"error: {error}", err=True)
        raise typer.Exit(1) from error
    except (OutputExistsError, NotADirectoryError) as error:
        typer.echo(f"error: {error}", err=True)
        raise typer.Exit(2) from error
    if not quiet:
        typer.echo(comparison_summary(comparison))
    typer.echo(f"\n{len(written)} files written to {out}")


@app.command()
def classify(
    input: Path = typer.Argument(..., help='JSONL: {"id": ..., "text": ..., "kind": "legislation"|"report"|"initiative"}'),
    output: Path = typer.Option(..., "--output", "-o", help='JSONL: {"id", "categories": [{"id", "score"}], "strength"}'),
    taxonomy: Optional[Path] = TaxonomyOption,
    explain: bool = typer.Option(False, "--explain", help="Add the cue terms or exemplar behind each category."),
) -> None:
    """Classify arbitrary passages (the evaluation interface)."""
    _configure(True, False)
    from nlp_pipeline.classify.passages_io import PassageFormatError, classify_jsonl

    tax = _load_taxonomy(taxonomy)
    try:
        count = classify_jsonl(input, output, tax, explain=explain)
    except PassageFormatError as error:
        typer.echo(f"error: {error}", err=True)
        raise typer.Exit(2) from error
    typer.echo(f"{count} passages classified into {output}", err=True)


@app.command()
def train(
    labelled: Path = typer.Option(PROJECT_ROOT / "corpora" / "labelled", help="Labelled passages (.jsonl or folder)."),
    out: Optional[Path] = typer.Option(None, help="Model folder (default: models/classifier)."),
    taxonomy: Optional[Path] = TaxonomyOption,
) -> None:
    """Rebuild the hybrid classifier head shipped in models/ from the labelled passages."""
    _configure(False, False)
    from nlp_pipeline.classify.hybrid import MODEL_DIR
    from nlp_pipeline.classify.shipped_model import train_from_labelled

    from nlp_pipeline.labelled import LabelError

    tax = _load_taxonomy(taxonomy)
    try:
        head = train_from_labelled(labelled, tax, out or MODEL_DIR)
    except LabelError as error:
        typer.echo(f"error: {error}", err=True)
        raise typer.Exit(2) from error
    typer.echo(f"trained on {head.card['passages']} passages from {head.card['documents']} documents; "
               f"{int(head.trained.sum())} categories with a supervised head; saved to {out or MODEL_DIR}")


@app.command()
def evaluate(
    labelled: Path = typer.Argument(PROJECT_ROOT / "corpora" / "labelled", help="Labelled passages (.jsonl or folder)."),
    folds: int = typer.Option(5, help="Document-grouped folds."),
    taxonomy: Optional[Path] = TaxonomyOption,
    json_out: Optional[Path] = typer.Option(None, "--json", help="Also write the figures as JSON."),
    heldout: Optional[Path] = typer.Option(
        PROJECT_ROOT / "corpora" / "labelled" / "heldout", help="Held-out labelled passages, scored but never trained on."),
) -> None:
    """Document-grouped cross-validation: cue-only, similarity-only and hybrid, plus strength accuracy."""
    _configure(True, False)
    from nlp_pipeline.cli.evaluation_tables import run_evaluation

    from nlp_pipeline.labelled import LabelError

    tax = _load_taxonomy(taxonomy)
    try:
        text, figures = run_evaluation(labelled, tax, folds, heldout)
    except LabelError as error:
        typer.echo(f"error: {error}", err=True)
        raise typer.Exit(2) from error
    typer.echo(text)
    if json_out:
        json_out.write_text(json.dumps(figures, indent=1) + "\n", encoding="utf-8")


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
    typer.echo(f"error: no category or milestone '{category_id}' in {tax.meta.id}", err=True)
    raise typer.Exit(2)


def main() -> None:  # pragma: no cover
    app()


if __name__ == "__main__":  # pragma: no cover
    app()
