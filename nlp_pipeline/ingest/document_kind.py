"""Guess whether a document is legislation, a company report or an industry initiative.

The guess only sets defaults (recital caps, wording of the report); a user can
always override it with --kind.
"""

from __future__ import annotations

import re

from nlp_pipeline.records import DocumentKind

# An act names itself and has a preamble; guidance and reports that cite acts
# ("Directive (EU) 2022/2464" on every page) have only the first.
_ACT_STRUCTURE = re.compile(
    r"\bHave adopted this\b|\bWhereas:|\bTHE EUROPEAN PARLIAMENT AND THE COUNCIL\b|\bHaving regard to the Treaty\b"
    r"|\bArticle\s+1\b.{0,40}\bSubject matter\b",
    re.IGNORECASE | re.DOTALL,
)
_LEGISLATION = re.compile(
    r"\b(DIRECTIVE|REGULATION|DECISION)\s+\(EU\)|\bHave adopted this\b|\bOfficial Journal of the European Union\b"
    r"|\bWhereas:|\bTHE EUROPEAN PARLIAMENT AND THE COUNCIL\b|\bArticle\s+1\b.{0,40}\bSubject matter\b",
    re.IGNORECASE | re.DOTALL,
)
_INITIATIVE = re.compile(
    r"\b(Code of Conduct|Validated Assessment|VAP Standard|member companies|Responsible Business Alliance"
    r"|Responsible Minerals Initiative|participants? shall)\b",
    re.IGNORECASE,
)


def guess_document_kind(text: str) -> DocumentKind:
    head = text[:20000]
    if len(_LEGISLATION.findall(head)) >= 2 and _ACT_STRUCTURE.search(head):
        return DocumentKind.LEGISLATION
    if len(_INITIATIVE.findall(head)) >= 3:
        return DocumentKind.INITIATIVE
    return DocumentKind.REPORT
