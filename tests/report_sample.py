"""A small AnalysisResult built from records, for the report tests.

Two documents (an act and a company report), a handful of passages with
hostile text (markup, quotes, a leading "="), real aggregation over the
shipped taxonomy and one failed file. No third-party text is used.
"""

from __future__ import annotations

import hashlib

from nlp_pipeline.aggregate import coverage_cells, milestone_cells
from nlp_pipeline.pipeline import AnalysisResult, Failure
from nlp_pipeline.records import (
    AnalysedPassage,
    Assessment,
    BlockKind,
    CategoryScore,
    ClassifierInfo,
    CueMatch,
    Document,
    DocumentAnalysis,
    DocumentKind,
    Fact,
    NearestExemplar,
    Passage,
    Reason,
    Span,
)
from nlp_pipeline.taxonomy import load_taxonomy

ACT_ID = hashlib.sha256(b"example act").hexdigest()
REPORT_ID = hashlib.sha256(b"example report").hexdigest()
HOSTILE = 'Suppliers <script>alert("x")</script> & "partners" must <b>report</b>.'


def _passage(doc: Document, start: int, text: str, pages: tuple[int, int], section: tuple[str, ...],
             label: str = "", role: str = "") -> Passage:
    return Passage(
        id=f"{doc.id[:12]}:{start}",
        doc_id=doc.id,
        text=text,
        page_start=pages[0],
        page_end=pages[1],
        section=section,
        kind=BlockKind.PARAGRAPH,
        char_start=start,
        char_end=start + len(text),
        page_label=label,
        role=role,
        doc_kind=doc.kind,
    )


def sample_result() -> AnalysisResult:
    taxonomy = load_taxonomy()
    act = Document(ACT_ID, "inputs/example_act.html", DocumentKind.LEGISLATION, "Example Act <2024>", (), 12,
                   issuer="EU", year=2024)
    report = Document(REPORT_ID, "inputs/example report.pdf", DocumentKind.REPORT, 'Report "2023" & more', (), 40,
                      issuer="Example Co", year=2023, warnings=("page 7 could not be read",))
    passages = [
        _passage(act, 0, "Member States shall lay down rules on penalties, including fines of up to 5 % of "
                 "net worldwide turnover, by 26 July 2027.", (9, 9), ("Article 27", "1"), "9", "article"),
        _passage(act, 400, "Companies shall carry out risk-based due diligence across their chain of "
                 "activities.", (4, 5), ("Article 5",), "4", "article"),
        _passage(act, 900, "(12) Companies should engage with affected stakeholders.", (2, 2), ("Recital (12)",),
                 "", "recital"),
        _passage(report, 0, "We aim to increase recycled content in our products where feasible.", (14, 14),
                 ("Circularity", "Materials"), "xiv"),
        _passage(report, 300, HOSTILE, (22, 23), ("Supply chain <Tier 1>",), "22"),
        _passage(report, 700, "=SUM(A1:A3) is how we count audits; 120 smelters were audited in 2023.\n"
                 "Line two of the passage.", (30, 30), ("Audits",), "30"),
    ]
    a, b, c, d, e_, f = passages
    scores = {
        a.id: [CategoryScore("HR.GAP.SANCTIONS", 0.91, True, (CueMatch("penalties"), CueMatch("fines"))),
               CategoryScore("CE.REPAIR", 0.12, False)],
        b.id: [CategoryScore("HR.GAP.DUE_DILIGENCE", 0.88, True, (CueMatch("due diligence"), NearestExemplar("dd-3")))],
        c.id: [CategoryScore("HR.ENGAGEMENT", 0.7, True, (CueMatch("stakeholders"),))],
        d.id: [CategoryScore("CE.RECYCLED_CONTENT", 0.8, True, (CueMatch("recycled content"),))],
        e_.id: [CategoryScore("RP.TRANSPARENCY", 0.66, True, (CueMatch("report"),)),
                CategoryScore("HR.GAP.DUE_DILIGENCE", 0.55, True, ())],
        f.id: [CategoryScore("RP.CONFLICT_FREE", 0.75, True, (CueMatch("smelters"), CueMatch("audited")))],
    }
    assessments = {
        a.id: Assessment(a.id, 4, "binding", facts=(
            Fact("penalty", "fines of up to 5 % of net worldwide turnover", 45, 92, 5.0, "%", "share_of_turnover"),
            Fact("deadline", "by 26 July 2027", 94, 109, 2027.0, "year"),
        ), reasons=(Reason('modality.shall', 'shall'), Reason('enforcement.penalty', 'penalties'))),
        b.id: Assessment(b.id, 3, "binding", reasons=(Reason('modality.shall', 'shall'),)),
        c.id: Assessment(c.id, 2, "recommendation", reasons=(Reason('structure.recital_cap', 'recitals are at most 2'),)),
        d.id: Assessment(d.id, 1, "future_intent", hedges=(Span(54, 67, "where feasible", "hedge"),),
                         reasons=(Reason('modality.aim', 'aim'), Reason('hedge.where_feasible', 'where feasible (-1)')),
                         gap_flags=("hedged",)),
        e_.id: Assessment(e_.id, 2, "binding", reasons=(Reason('modality.must', 'must <b>"report"</b>'),)),
        f.id: Assessment(f.id, 3, "past_action",
                         facts=(Fact("quantity", "120 smelters", 37, 49, 120.0, "smelters"),),
                         reasons=(Reason('specificity.quantity', '120 smelters'),)),
    }
    analyses = []
    for document in (act, report):
        analysed = tuple(AnalysedPassage(p, tuple(scores[p.id]), assessments[p.id])
                         for p in passages if p.doc_id == document.id)
        cells = coverage_cells(document, analysed, taxonomy)
        analyses.append(DocumentAnalysis(document, analysed, cells, milestone_cells(cells, taxonomy)))
    return AnalysisResult(
        taxonomy=taxonomy,
        classifier=ClassifierInfo("cues"),
        analyses=analyses,
        failures=[Failure("inputs/broken <1>.pdf", 'not a PDF: starts with "<html>" & more')],
        timings={"ingest": 0.5, "classify": 0.25, "assess": 0.125},
    )


def empty_result() -> AnalysisResult:
    """Every input failed: the reports must still be well-formed."""
    return AnalysisResult(
        taxonomy=load_taxonomy(),
        classifier=ClassifierInfo("cues"),
        failures=[Failure("inputs/a.pdf", "encrypted PDF")],
    )
