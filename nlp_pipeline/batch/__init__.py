"""Corpus runs: an analysis streamed into an output folder, and batches kept in a result store.

`analyze_to_folder` is what `resourcing analyze` runs (and `check_document` what `check` runs): the corpus
planned, each document analysed by the one work unit (in worker processes
under the limits), its passages streamed to passages.jsonl and its summary
kept for the matrices, the folder moved into place when complete.
`run_batch` (batch.run) is `resourcing batch`: the same work unit, with every
finished document committed to a DuckDB store, so a run can be resumed and
re-run incrementally.
"""

from nlp_pipeline.batch.folder import analyze_to_folder, check_document
from nlp_pipeline.batch.reading import export_store, report_from_store
from nlp_pipeline.batch.run import run_batch

__all__ = ["analyze_to_folder", "check_document", "export_store", "report_from_store", "run_batch"]
