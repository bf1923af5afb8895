"""RE-SOURCING roadmap analyzer: documents in, evidence-backed coverage and gap matrices out.

    import nlp_pipeline
    result = nlp_pipeline.analyze(["report.pdf"])
    for analysis in result.analyses:          # one DocumentAnalysis per document
        for passage in analysis.passages:     # AnalysedPassage: text, page, categories, strength, reasons
            ...
    from nlp_pipeline.report.tables import coverage_table, passage_table   # pandas frames
    comparison = nlp_pipeline.compare_versions("draft.pdf", "adopted.pdf")
"""

from __future__ import annotations

__version__ = "0.1.0"
__all__ = ["analyze", "compare_versions", "__version__"]


def analyze(paths, **options):
    """Analyse files and folders; see nlp_pipeline.pipeline.analyze for the options."""
    # Imported here so that `import nlp_pipeline` stays cheap.
    from nlp_pipeline.pipeline import analyze as run

    return run(paths, **options)


def compare_versions(old, new, **options):
    """Two versions of a text in roadmap terms; see nlp_pipeline.compare.compare_versions for the options."""
    from nlp_pipeline.compare import compare_versions as run

    return run(old, new, **options)
