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
# A Commission proposal opens with its explanatory memorandum; the act itself
# ("Proposal for a DIRECTIVE OF THE EUROPEAN PARLIAMENT ...") may come pages later.
# The title is matched in capitals, as the Commission prints it, so that a
# report quoting "the Proposal for a Directive of the European Parliament ..."
# stays a report.
_PROPOSAL = re.compile(
    r"\bProposal\s+for\s+an?\s+(DIRECTIVE|REGULATION|DECISION)\s+OF\s+THE\s+EUROPEAN\s+PARLIAMENT\b"
    r"|^\W*EXPLANATORY MEMORANDUM\b.{0,400}\b(PROPOSAL|proposal)\b",
    re.DOTALL,
)
# A company speaks for itself ("we", "our"); an SEC conflict-minerals filing
# says what it is. Both cite the RBA, the RMI and the OECD guidance often, so
# they are read before the initiative words.
_COMPANY_VOICE = re.compile(r"\b(we|our|us)\b", re.IGNORECASE)
_COMPANY_VOICE_PER_1000_WORDS = 10
_SEC_FILING = re.compile(r"\bForm SD\b|\bConflict Minerals Report\b|\bRule 13p-1\b")
# What a standard or guidance calls itself near its start.
_STANDARD_OPENING = re.compile(
    r"\b(implementation guidance|Due Diligence Guidance|Code of Conduct|VAP Standard|Voluntary standard"
    r"|published by EFRAG|Validated Assessment)\b",
    re.IGNORECASE,
)
_OPENING_CHARS = 1000
# The Commission explaining EU law names what it is in its first lines: "DRAFT
# COMMISSION NOTICE on the interpretation of ...", "European Commission -
# Questions and answers". A guidance or report only cites such texts later.
_EU_INTERPRETATION = re.compile(
    r"\bCommission\s+Notice\b|\bCommunication\s+from\s+the\s+Commission\b"
    r"|\bCommission\b.{0,80}\bQuestions\s+and\s+answers\b|\bFrequently\s+asked\s+questions\b.{0,200}\bCommission\b",
    re.IGNORECASE | re.DOTALL,
)
_TITLE_CHARS = 400
_INITIATIVE = re.compile(
    r"\b(Code of Conduct|Validated Assessment|VAP Standard|member companies|Responsible Business Alliance"
    r"|Responsible Minerals Initiative|participants? shall)\b",
    re.IGNORECASE,
)


def explains_eu_law(text: str) -> bool:
    """Whether the text is the Commission explaining EU law (a notice, Q&A or communication), not an act.

    It speaks for the EU, so it is read as legislation, but enacts nothing:
    its "shall" retells a duty an act sets.
    """
    title = text[:_TITLE_CHARS]
    return bool(_EU_INTERPRETATION.search(title)) and not _STANDARD_OPENING.search(title) \
        and not _ACT_STRUCTURE.search(text[:20000]) and not _PROPOSAL.search(text)


def guess_document_kind(text: str) -> DocumentKind:
    head = text[:20000]
    if len(_LEGISLATION.findall(head)) >= 2 and _ACT_STRUCTURE.search(head) or _PROPOSAL.search(text):
        return DocumentKind.LEGISLATION
    if explains_eu_law(text):
        return DocumentKind.LEGISLATION
    words = len(head.split()) or 1
    if _SEC_FILING.search(head) or 1000 * len(_COMPANY_VOICE.findall(head)) / words >= _COMPANY_VOICE_PER_1000_WORDS:
        return DocumentKind.REPORT
    if len(_INITIATIVE.findall(head)) >= 3 or _STANDARD_OPENING.search(head[:_OPENING_CHARS]):
        return DocumentKind.INITIATIVE
    return DocumentKind.REPORT
