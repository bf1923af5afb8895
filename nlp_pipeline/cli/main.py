"""`resourcing`: a thin command line over the library.

Every command parses options, calls one library function and prints; no
analysis logic lives here. Exit codes: 0 success, 1 some inputs failed (they
are listed), 2 usage or configuration error (nothing written), 3 a bug (the
message says so; --debug shows the traceback), 130 interrupted (Ctrl-C).
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

import click
import typer
from typer.core import TyperGroup

from nlp_pipeline.errors import EXIT_INTERRUPTED, ResourcingError, TaxonomyError, UsageError

EXIT_BUG = 3

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


def _configure(quiet: bool, log_json: bool, debug: bool = False, import_spacy: bool = True) -> None:
    if import_spacy:
        _import_spacy_without_torch()
    warnings.filterwarnings("ignore")
    handler = logging.StreamHandler(sys.stderr)
    if log_json:
        handler.setFormatter(_JsonFormatter())
    else:
        handler.setFormatter(_PlainFormatter())
    logging.basicConfig(level=logging.ERROR if quiet else logging.WARNING, handlers=[handler], force=True)
    # The JSON log is for scripts: it carries every failure, with its traceback.
    logging.getLogger("resourcing").setLevel(logging.INFO if log_json else logging.WARNING)
    # The library's own progress lines (a first run building the embedding
    # table) are worth a reader's eye; third-party info is not.
    logging.getLogger("nlp_pipeline").setLevel(logging.ERROR if quiet else logging.INFO)
    for noisy in ("transformers", "sentence_transformers", "huggingface_hub", "pdfminer", "distributed", "tornado"):
        logging.getLogger(noisy).setLevel(logging.ERROR)
    _DEBUG[0] = debug


_DEBUG = [False]


class _PlainFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return f"{record.levelname.lower()}: {record.getMessage()}"


class _JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {"level": record.levelname, "logger": record.name, "message": record.getMessage()}
        for extra in ("failure", "event"):
            if hasattr(record, extra):
                entry[extra] = getattr(record, extra)
        return json.dumps(entry, ensure_ascii=False)


def reports_errors(command: Callable[..., None]) -> Callable[..., None]:
    """The one place a library error, an interrupt or a bug becomes a message and an exit code."""

    @functools.wraps(command)
    def run(*args, **kwargs) -> None:
        try:
            command(*args, **kwargs)
        except ResourcingError as error:
            typer.echo(f"error: {error}", err=True)
            raise typer.Exit(error.exit_code) from error
        except KeyboardInterrupt as interrupt:
            typer.echo("interrupted", err=True)
            raise typer.Exit(EXIT_INTERRUPTED) from interrupt
        except (typer.Exit, typer.Abort, click.exceptions.ClickException):
            raise
        except Exception as error:  # noqa: BLE001 - a bug: one line unless --debug asked for the traceback
            if _DEBUG[0]:
                raise
            typer.echo(f"error: unexpected {type(error).__name__}: {error} (a bug; rerun with --debug for the "
                       "traceback and report it)", err=True)
            raise typer.Exit(EXIT_BUG) from error

    return run


def _load_taxonomy(path: Optional[Path]):
    from nlp_pipeline.assess.parent_acts import eu_acts
    from nlp_pipeline.taxonomy import load_taxonomy

    taxonomy = load_taxonomy(path)
    # The list of EU acts assess reads: a malformed one is refused once, at the start, not once per document.
    eu_acts()
    return taxonomy


# -- options shared by the commands that analyse documents ---------------------------------

WorkersOption = typer.Option(1, "--workers", "-j", min=0,
                             help="Worker processes (0: in this process, without the memory limit).")
MaxPagesOption = typer.Option(5_000, "--max-pages", min=1, help="Refuse a document with more pages.")
MaxStreamBytesOption = typer.Option(128 * 1024 * 1024, "--max-stream-bytes", min=1,
                                    help="Refuse a PDF whose content stream inflates past this many bytes.")
MaxPassageCharsOption = typer.Option(4_000, "--max-passage-chars", min=100,
                                     help="Split longer text into passages of at most this many characters.")
MaxSecondsOption = typer.Option(600.0, "--max-seconds", min=1, help="Stop a document after this many seconds.")
MaxMemoryOption = typer.Option(4096, "--max-memory", min=64,
                               help="Stop a document that needs more memory (MB) than its worker's own.")
MetadataOption = typer.Option(None, "--metadata",
                              help="CSV manifest (file,kind,issuer,year,language,title); default: metadata.csv "
                                   "in each input folder.")
DebugOption = typer.Option(False, "--debug", help="Show the traceback of failures that are bugs.")


def _limits(max_pages: int, max_stream_bytes: int, max_passage_chars: int, max_seconds: float, max_memory: int):
    from nlp_pipeline.ingest import IngestLimits
    from nlp_pipeline.runner import RunLimits

    return (IngestLimits(max_pages=max_pages, max_stream_bytes=max_stream_bytes,
                         max_passage_chars=max_passage_chars, max_seconds=max_seconds),
            RunLimits(max_seconds=max_seconds, max_memory=max_memory))


def _run_analysis(paths: list[Path], out: Path, taxonomy: Optional[Path], classifier: str, kind: Optional[str],
                  overwrite: bool, quiet: bool, workers: int = 1, limits=None,
                  metadata: Optional[Path] = None, formats: Optional[str] = None) -> None:
    from nlp_pipeline.batch import analyze_to_folder
    from nlp_pipeline.pipeline import resolve_options
    from nlp_pipeline.report.terminal import corpus_matrix, failures, skipped

    tax, chosen, kind = resolve_options(_load_taxonomy(taxonomy), classifier, kind)
    ingest_limits, run_limits = limits or (None, None)
    progress = None if quiet else (lambda message: typer.echo(f"  {message}", err=True))
    # A run of one document prints its whole analysis; a corpus run keeps only summaries.
    first: list = []
    result = analyze_to_folder(paths, out, tax, chosen, kind=kind, taxonomy_path=taxonomy, limits=ingest_limits,
                               run_limits=run_limits, workers=workers, manifest=metadata, overwrite=overwrite,
                               formats=formats, progress=progress,
                               on_analysis=lambda analysis: first.append(analysis) if len(first) < 2 else None)
    if not quiet and result.analyses:
        typer.echo("")
        if len(result.analyses) == 1:
            _print_check_summary(first[0], result.taxonomy, out)
        else:
            typer.echo(corpus_matrix(result))
    if result.skipped and not quiet:
        typer.echo(skipped(result), err=True)
    if result.failures:
        typer.echo(failures(result, debug=_DEBUG[0]), err=True)
    typer.echo(_written_line(result, out))
    if result.failures:
        raise typer.Exit(1)


def _written_line(result, out: Path) -> str:
    from nlp_pipeline.report.wording import plural

    return (f"\n{plural(len(result.analyses), 'document')}, {plural(result.passage_count, 'passage')}; "
            f"written to {out}")


def _print_check_summary(analysis, taxonomy, out: Path) -> None:
    from rich.console import Console

    from nlp_pipeline.report.html import HTML_FILE
    from nlp_pipeline.report.terminal import check_summary, console_width

    console = Console(highlight=False)
    width = console_width(console)
    console.print(check_summary(analysis, taxonomy, out / HTML_FILE, width), width=width)


@app.command()
@reports_errors
def analyze(
    paths: list[Path] = typer.Argument(..., help="Files or folders (PDF, HTML, Markdown, text, JSON)."),
    out: Path = typer.Option(..., "--out", "-o", help="Output folder for passages, matrices and reports."),
    taxonomy: Optional[Path] = TaxonomyOption,
    classifier: str = typer.Option("hybrid", help="Classifier: hybrid, cues or similarity."),
    kind: Optional[str] = typer.Option(None, help="Force the document kind: legislation, report or initiative."),
    overwrite: bool = typer.Option(False, "--overwrite", help="Replace the reports of an earlier run in --out."),
    workers: int = WorkersOption,
    metadata: Optional[Path] = MetadataOption,
    max_pages: int = MaxPagesOption,
    max_stream_bytes: int = MaxStreamBytesOption,
    max_passage_chars: int = MaxPassageCharsOption,
    max_seconds: float = MaxSecondsOption,
    max_memory: int = MaxMemoryOption,
    quiet: bool = QuietOption,
    log_json: bool = LogJsonOption,
    debug: bool = DebugOption,
) -> None:
    """Analyse files and folders: passages with pages, coverage, gaps and milestone matrices."""
    _configure(quiet, log_json, debug)
    _run_analysis(paths, out, taxonomy, classifier, kind, overwrite, quiet, workers=workers, metadata=metadata,
                  limits=_limits(max_pages, max_stream_bytes, max_passage_chars, max_seconds, max_memory))


@app.command()
@reports_errors
def check(
    file: Path = typer.Argument(..., help="One document, e.g. a company report PDF."),
    out: Optional[Path] = typer.Option(None, "--out", "-o", help="Output folder (default: NAME-check, after the file)."),
    taxonomy: Optional[Path] = TaxonomyOption,
    kind: Optional[str] = typer.Option(None, help="Force the document kind: legislation, report or initiative."),
    overwrite: bool = typer.Option(False, "--overwrite", help="Replace the reports of an earlier check in the folder."),
    max_pages: int = MaxPagesOption,
    max_stream_bytes: int = MaxStreamBytesOption,
    max_passage_chars: int = MaxPassageCharsOption,
    max_seconds: float = MaxSecondsOption,
    max_memory: int = MaxMemoryOption,
    quiet: bool = QuietOption,
    log_json: bool = LogJsonOption,
    debug: bool = DebugOption,
) -> None:
    """One document: which roadmap categories it covers, how strongly, on which page, and where it falls short."""
    _configure(quiet, log_json, debug, import_spacy=False)
    from nlp_pipeline.errors import InputError
    from nlp_pipeline.ingest.background import read_in_background

    if file.is_dir():
        raise UsageError(f"{file}: is a folder; check reads one document (use `resourcing analyze {file} --out DIR` "
                         "for a folder)")
    ingest_limits, _ = _limits(max_pages, max_stream_bytes, max_passage_chars, max_seconds, max_memory)
    try:
        # Refuses a bad file at once; the reading itself runs on the other
        # core while spaCy and the classifier load here.
        reading = read_in_background(file, ingest_limits)
    except InputError as error:
        raise UsageError(str(error)) from error
    _import_spacy_without_torch()
    from nlp_pipeline.batch import check_document
    from nlp_pipeline.report import report_formats
    from nlp_pipeline.report.wording import plural

    out = out or Path(f"{file.stem}-check")
    # A heatmap of one document is one column of the colours report.html
    # already shows, and drawing it costs a journalist two seconds.
    formats = ",".join(name for name in report_formats() if name != "heatmap")
    announce = None if quiet else (lambda d: typer.echo(f"  checking {d.name} ({plural(d.page_count, 'page')})…",
                                                        err=True))
    try:
        result, analysis = check_document(reading, out, _load_taxonomy(taxonomy), kind=kind, taxonomy_path=taxonomy,
                                          overwrite=overwrite, formats=formats, on_read=announce)
    except InputError as error:
        # Nothing else to analyse: the whole command is unusable, not one input of many.
        raise UsageError(str(error)) from error
    if not quiet:
        typer.echo("")
        _print_check_summary(analysis, result.taxonomy, out)
    typer.echo(_written_line(result, out))


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


StoreArgument = typer.Argument(..., help="A result store (DuckDB file) made by `resourcing batch`.")


@app.command()
@reports_errors
def batch(
    paths: list[Path] = typer.Argument(..., help="Files or folders of the corpus."),
    store: Path = typer.Option(Path("resourcing.duckdb"), "--store", "-s", help="The result store (DuckDB file)."),
    workers: int = typer.Option(1, "--workers", "-j", min=1, help="Worker processes (local) or, for a "
                                "LocalCluster started by --engine dask without --scheduler, Dask workers."),
    engine: str = typer.Option("local", "--engine", help="local (worker processes) or dask (a cluster)."),
    scheduler: Optional[str] = typer.Option(None, "--scheduler", help="Dask scheduler address, tcp://HOST:PORT."),
    taxonomy: Optional[Path] = TaxonomyOption,
    classifier: str = typer.Option("hybrid", help="Classifier: hybrid, cues or similarity."),
    kind: Optional[str] = typer.Option(None, help="Force the document kind of every file."),
    metadata: Optional[Path] = MetadataOption,
    retry_failed: bool = typer.Option(False, "--retry-failed", help="Try again files that failed under the same "
                                      "versions and limits."),
    max_pages: int = MaxPagesOption,
    max_stream_bytes: int = MaxStreamBytesOption,
    max_passage_chars: int = MaxPassageCharsOption,
    max_seconds: float = MaxSecondsOption,
    max_memory: int = MaxMemoryOption,
    quiet: bool = QuietOption,
    log_json: bool = LogJsonOption,
    debug: bool = DebugOption,
) -> None:
    """A corpus into a result store: incremental, resumable, in parallel; failures recorded with their reason."""
    _configure(quiet, log_json, debug)
    from nlp_pipeline.batch import run_batch
    from nlp_pipeline.batch.progress import JsonProgress, QuietProgress, RichProgress, status_line
    from nlp_pipeline.pipeline import resolve_options

    tax, chosen, kind = resolve_options(_load_taxonomy(taxonomy), classifier, kind)
    ingest_limits, run_limits = _limits(max_pages, max_stream_bytes, max_passage_chars, max_seconds, max_memory)
    display = JsonProgress() if log_json else QuietProgress() if quiet else RichProgress()
    try:
        result = run_batch(paths, store, tax, chosen, kind=kind, limits=ingest_limits, run_limits=run_limits,
                           workers=workers, engine=engine, scheduler=scheduler, manifest=metadata,
                           retry_failed=retry_failed, observe=display)
    finally:
        display.close()
    counts = result.progress
    if result.skipped and not quiet:
        typer.echo(f"{len(result.skipped)} file(s) skipped: " + "; ".join(str(s) for s in result.skipped[:5])
                   + (" …" if len(result.skipped) > 5 else ""), err=True)
    typer.echo(f"{status_line(counts)}\nrun {result.run_id}: {counts.analysed} analysed, {counts.reclassified} "
               f"re-classified from stored passages, {counts.unchanged} unchanged, {counts.failed} failed, "
               f"{counts.failed_before} failed before; store {store}")
    if result.failures or counts.failed_before:
        raise typer.Exit(1)


@app.command()
@reports_errors
def query(
    store: Path = StoreArgument,
    sql: str = typer.Argument(..., help='SQL over the tables documents, passages, predictions, assessments, '
                              'coverage, milestones, failures, files, runs.'),
    csv_out: bool = typer.Option(False, "--csv", help="Print CSV instead of an aligned table."),
) -> None:
    """Run SQL on a result store and print the rows."""
    _configure(True, False)
    from nlp_pipeline.report.tables import csv_text
    from nlp_pipeline.store import ResultStore

    with ResultStore(store, read_only=True) as opened:
        frame = opened.query(sql)
    typer.echo(csv_text(frame).rstrip("\n") if csv_out else frame.to_string(index=False, max_colwidth=80))


@app.command()
@reports_errors
def export(
    store: Path = StoreArgument,
    out: Path = typer.Option(..., "--out", "-o", help="Output folder: one file per table."),
    file_format: str = typer.Option("parquet", "--format", help="parquet or csv."),
    overwrite: bool = typer.Option(False, "--overwrite", help="Replace an earlier export in --out."),
) -> None:
    """Every table of a result store as Parquet or CSV files."""
    _configure(True, False)
    from nlp_pipeline.batch import export_store

    written = export_store(store, out, file_format, overwrite)
    typer.echo(f"{len(written)} tables written to {out}")


@app.command()
@reports_errors
def report(
    store: Path = StoreArgument,
    out: Path = typer.Option(..., "--out", "-o", help="Output folder for the matrices and reports."),
    overwrite: bool = typer.Option(False, "--overwrite", help="Replace the reports of an earlier run in --out."),
    quiet: bool = QuietOption,
) -> None:
    """The reports `analyze` writes (matrices, passages, HTML, XLSX, heatmap), from a result store alone."""
    _configure(quiet, False)
    from nlp_pipeline.batch import report_from_store
    from nlp_pipeline.report.terminal import corpus_matrix

    result = report_from_store(store, out, overwrite=overwrite)
    if not quiet and result.analyses:
        typer.echo(corpus_matrix(result))
    typer.echo(f"\n{len(result.analyses)} document(s), {result.passage_count} passages; written to {out}")


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
    allow_duplicate_ids: bool = typer.Option(False, "--allow-duplicate-ids", help="Accept an id used twice."),
    max_chars: int = typer.Option(100_000, "--max-chars", min=1, help="Refuse a passage text longer than this."),
) -> None:
    """Classify arbitrary passages (the evaluation interface)."""
    _configure(True, False)
    from nlp_pipeline.classify.passages_io import classify_jsonl

    count = classify_jsonl(input, output, _load_taxonomy(taxonomy), explain=explain,
                           allow_duplicate_ids=allow_duplicate_ids, max_chars=max_chars)
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
    expert_set: Optional[list[Path]] = typer.Option(
        None, "--expert-set",
        help="A further expert-read set to compare with (repeatable; default: the project's development, held-out "
             "and fresh sets under tests/data/)."),
    learning_curve: bool = typer.Option(False, "--learning-curve",
                                        help="Also train on shares of the documents and print how F1 grows (slow)."),
) -> None:
    """Document-grouped cross-validation: cue-only, similarity-only and hybrid, plus strength accuracy."""
    _configure(True, False)
    from nlp_pipeline.evaluate.run import evaluate as run_evaluation

    from nlp_pipeline.evaluate.expert_read import FURTHER_EXPERT_SETS, ExpertSet

    further = (tuple(ExpertSet(p.name, p, f"Expert-read set {p.name}") for p in expert_set) if expert_set
               else FURTHER_EXPERT_SETS)
    report = run_evaluation(labelled, _load_taxonomy(taxonomy), folds, heldout, expert_read,
                            with_learning_curve=learning_curve, further_sets=further)
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
    for ask in milestone.asks:
        typer.echo(f"asks{' (core)' if ask.core else ''}: {ask.part}: " + "; ".join(ask.cues))


def main() -> None:  # pragma: no cover
    app()


if __name__ == "__main__":  # pragma: no cover
    app()
