"""Taxonomy: the roadmap's categories and milestones, as validated data."""

from nlp_pipeline.taxonomy.loader import (
    DEFAULT_TAXONOMY,
    categories,
    category_index,
    find_node,
    load_taxonomy,
    milestones,
    target_of,
)
from nlp_pipeline.taxonomy.schema import Category, Milestone, MilestoneAsk, Taxonomy

__all__ = [
    "DEFAULT_TAXONOMY",
    "Category",
    "Milestone",
    "MilestoneAsk",
    "Taxonomy",
    "categories",
    "category_index",
    "find_node",
    "load_taxonomy",
    "milestones",
    "target_of",
]
