"""Ingest: files of any supported format to Documents of Blocks."""

from nlp_pipeline.ingest.limits import IngestLimits, LimitExceeded
from nlp_pipeline.ingest.registry import read_document, register_backend, supported_extensions

__all__ = ["IngestLimits", "LimitExceeded", "read_document", "register_backend", "supported_extensions"]
