"""Segment: Documents to Passages (sentences grouped within one section)."""

from nlp_pipeline.segment.passages import SegmentationSettings, document_text, segment_document
from nlp_pipeline.segment.sentences import split_sentences

__all__ = ["SegmentationSettings", "document_text", "segment_document", "split_sentences"]
