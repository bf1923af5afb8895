"""Aggregate: coverage, gap and milestone matrices with their evidence."""

from nlp_pipeline.aggregate.coverage import coverage_matrix, milestone_matrix, milestone_verdict

__all__ = ["coverage_matrix", "milestone_matrix", "milestone_verdict"]
