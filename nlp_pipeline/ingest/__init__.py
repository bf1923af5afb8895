"""Ingest: files of any supported format to Documents of Blocks."""

from nlp_pipeline.ingest.limits import IngestLimits, LimitExceeded
from nlp_pipeline.ingest.registry import declare_backend_modules, read_document, register_backend, supported_extensions

# One module per input format; each registers its backend when imported.
declare_backend_modules(
    "nlp_pipeline.ingest.html",
    "nlp_pipeline.ingest.json_sections",
    "nlp_pipeline.ingest.markdown",
    "nlp_pipeline.ingest.pdf",
    "nlp_pipeline.ingest.text",
)

__all__ = ["IngestLimits", "LimitExceeded", "read_document", "register_backend", "supported_extensions"]
