"""Ingest: files of any supported format to Documents of Blocks."""

from nlp_pipeline.ingest.limits import IngestLimits, LimitExceeded
from nlp_pipeline.ingest.registry import (
    declare_backend_module,
    read_document,
    register_backend,
    supported_extensions,
)

# One module per input format; each registers its backend when imported, and
# only the one a file needs is imported.
declare_backend_module("nlp_pipeline.ingest.html", "html", "htm", "xhtml")
declare_backend_module("nlp_pipeline.ingest.json_sections", "json")
declare_backend_module("nlp_pipeline.ingest.markdown", "md", "markdown")
declare_backend_module("nlp_pipeline.ingest.pdf", "pdf")
declare_backend_module("nlp_pipeline.ingest.text", "txt", "text")

__all__ = ["IngestLimits", "LimitExceeded", "read_document", "register_backend", "supported_extensions"]
