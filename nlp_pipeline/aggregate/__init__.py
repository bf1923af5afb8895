"""Aggregate: coverage, gap and milestone matrices with their evidence."""

from nlp_pipeline.aggregate.coverage import coverage_cells, milestone_cells, milestone_verdict

__all__ = ["coverage_cells", "milestone_cells", "milestone_verdict"]
