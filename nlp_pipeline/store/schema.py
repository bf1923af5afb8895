"""The tables of a result store, and how each record maps to a row.

A row holds the fields researchers filter and join on as typed columns, and
every other field of the record, as the codec encodes it, in `extra` (JSON),
so each record is rebuilt exactly. Passage-level tables are keyed by
(doc_id, seq), seq being the passage's position in its document; document
tables by doc_id, the sha256 of the file's bytes.
"""

from __future__ import annotations

SCHEMA_VERSION = "1"

TABLES: dict[str, str] = {
    "store_info": "key VARCHAR PRIMARY KEY, value VARCHAR",
    "runs": (
        "run_id INTEGER PRIMARY KEY, command VARCHAR, status VARCHAR, started_at TIMESTAMPTZ, "
        "finished_at TIMESTAMPTZ, tool_version VARCHAR, text_version VARCHAR, analysis_version VARCHAR, "
        "taxonomy_id VARCHAR, taxonomy_version VARCHAR, taxonomy_sha256 VARCHAR, classifier VARCHAR, "
        "model_fingerprint VARCHAR, parameters JSON, counts JSON, taxonomy JSON, classifier_info JSON"
    ),
    "files": "path VARCHAR PRIMARY KEY, doc_id VARCHAR, bytes BIGINT, run_id INTEGER",
    "documents": (
        "doc_id VARCHAR PRIMARY KEY, path VARCHAR, name VARCHAR, kind VARCHAR, title VARCHAR, issuer VARCHAR, "
        "year INTEGER, language VARCHAR, pages INTEGER, blocks INTEGER, passages INTEGER, text_key VARCHAR, "
        "analysis_version VARCHAR, run_id INTEGER, analysed_at TIMESTAMPTZ, seconds JSON, peak_memory_mb DOUBLE, "
        "extra JSON"
    ),
    "passages": (
        "doc_id VARCHAR, seq INTEGER, passage_id VARCHAR, page_start INTEGER, page_end INTEGER, "
        "page_label VARCHAR, section VARCHAR[], heading VARCHAR, kind VARCHAR, role VARCHAR, char_start INTEGER, "
        "char_end INTEGER, text VARCHAR, extra JSON, PRIMARY KEY (doc_id, seq)"
    ),
    "predictions": (
        "doc_id VARCHAR, seq INTEGER, passage_id VARCHAR, rank INTEGER, category_id VARCHAR, score DOUBLE, "
        "present BOOLEAN, evidence JSON, PRIMARY KEY (doc_id, seq, rank)"
    ),
    "assessments": (
        "doc_id VARCHAR, seq INTEGER, passage_id VARCHAR, strength INTEGER, wording_strength INTEGER, "
        "modality VARCHAR, addressee VARCHAR, duty_type VARCHAR, polarity VARCHAR, gap_flags VARCHAR[], extra JSON, "
        "PRIMARY KEY (doc_id, seq)"
    ),
    "coverage": (
        "doc_id VARCHAR, position INTEGER, category_id VARCHAR, status VARCHAR, strength INTEGER, best_score DOUBLE, "
        "passage_count INTEGER, gap_flags VARCHAR[], extra JSON, PRIMARY KEY (doc_id, category_id)"
    ),
    "milestones": (
        "doc_id VARCHAR, position INTEGER, milestone_id VARCHAR, category_id VARCHAR, year INTEGER, expected INTEGER, "
        "observed INTEGER, verdict VARCHAR, provenance VARCHAR, extra JSON, PRIMARY KEY (doc_id, milestone_id)"
    ),
    "failures": (
        "path VARCHAR PRIMARY KEY, doc_id VARCHAR, stage VARCHAR, error_type VARCHAR, reason VARCHAR, "
        "traceback VARCHAR, text_key VARCHAR, analysis_version VARCHAR, limits_key VARCHAR, run_id INTEGER, "
        "failed_at TIMESTAMPTZ"
    ),
}

# The tables holding one document's results: replaced together, in one transaction.
DOCUMENT_TABLES = ("documents", "passages", "predictions", "assessments", "coverage", "milestones")

# Record field -> column, per table; fields not named here go to `extra`.
DOCUMENT_COLUMNS = {"id": "doc_id", "path": "path", "kind": "kind", "title": "title", "issuer": "issuer",
                    "year": "year", "language": "language", "page_count": "pages", "block_count": "blocks"}
PASSAGE_COLUMNS = {"id": "passage_id", "page_start": "page_start", "page_end": "page_end",
                   "page_label": "page_label", "section": "section", "heading": "heading", "kind": "kind",
                   "role": "role", "char_start": "char_start", "char_end": "char_end", "text": "text"}
ASSESSMENT_COLUMNS = {"strength": "wording_strength", "modality": "modality", "addressee": "addressee",
                      "duty_type": "duty_type", "polarity": "polarity", "gap_flags": "gap_flags"}
COVERAGE_COLUMNS = {"category_id": "category_id", "status": "status", "strength": "strength",
                    "best_score": "best_score", "passage_count": "passage_count", "gap_flags": "gap_flags"}
MILESTONE_COLUMNS = {"milestone_id": "milestone_id", "category_id": "category_id", "year": "year",
                     "expected": "expected", "observed": "observed", "verdict": "verdict",
                     "provenance": "provenance"}

# What `resourcing export` writes, and the order that makes two exports comparable.
EXPORT_ORDER = {
    "runs": "run_id",
    "files": "path",
    "documents": "doc_id",
    "passages": "doc_id, seq",
    "predictions": "doc_id, seq, rank",
    "assessments": "doc_id, seq",
    "coverage": "doc_id, category_id",
    "milestones": "doc_id, milestone_id",
    "failures": "path",
}
