"""Aggregate: coverage cells and milestone verdicts of one document, with their evidence."""

from nlp_pipeline.aggregate.coverage import DocumentReading, coverage_cells, read_for_category
from nlp_pipeline.aggregate.milestones import judge, milestone_cells, milestone_verdict

__all__ = ["DocumentReading", "coverage_cells", "judge", "milestone_cells", "milestone_verdict", "read_for_category"]
