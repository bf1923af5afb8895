"""assess stage: how strong is each commitment in a passage.

    assess_passages(passages) -> [Assessment, ...]   # one per passage, same order
    assess_text(text, doc_kind=..., role=...) -> Assessment

Rule-based and deterministic: a blank spaCy tokenizer with Matcher and
PhraseMatcher rules, plus expressions for numbers. Every Assessment carries
the rule ids and spans that decided it. Whole documents must be passed
together: an act's enforcement provisions (penalties, supervisory authority,
civil liability) are found first across all its passages, and only then is
each "shall" rated 4 (enforced) or 3 (not).
"""

from __future__ import annotations

from collections.abc import Sequence

from nlp_pipeline.records import Assessment, BlockKind, DocumentKind, Passage
from nlp_pipeline.assess.enforcement import ACT_ENFORCEMENT, SCHEME_ENFORCEMENT, EnforcementProfile
from nlp_pipeline.assess.patterns import is_legislation, make_docs
from nlp_pipeline.assess.strength import NON_OPERATIVE_ROLES, Findings, collect, rate

__all__ = ["assess_passages", "assess_text", "act_enforcement"]

# Which enforcement provisions count for which kind of document. An
# initiative's "shall" is enforced when the standard provides its own
# independent verification or membership sanctions; a supplier's termination
# clause in one passage does not lift the rest. Reports are judged passage by
# passage (see strength._binding).
ENFORCING_ATTRIBUTES: dict[DocumentKind, frozenset[str]] = {
    DocumentKind.LEGISLATION: ACT_ENFORCEMENT,
    DocumentKind.INITIATIVE: frozenset({"third_party_verification", "membership_sanction", "graded_audit_finding"}),
    DocumentKind.UNKNOWN: ACT_ENFORCEMENT | SCHEME_ENFORCEMENT,
    DocumentKind.REPORT: frozenset(),
}


def _counts_as_provision(passage: Passage) -> bool:
    # Recitals and definitions explain enforcement; only operative text provides it.
    return passage.role not in NON_OPERATIVE_ROLES


def act_enforcement(passages: Sequence[Passage], findings: Sequence[Findings]) -> dict[str, EnforcementProfile]:
    """Per document id, the enforcement provisions its operative passages contain."""
    found: dict[str, list[tuple[str, str, str]]] = {}
    for p, f in zip(passages, findings):
        kind = DocumentKind.LEGISLATION if is_legislation(p) else p.doc_kind
        wanted = ENFORCING_ATTRIBUTES.get(kind, frozenset())
        provisions = found.setdefault(p.doc_id, [])
        if not _counts_as_provision(p):
            continue
        for attribute in sorted(f.enforcement_attributes() & wanted):
            provisions.append((attribute, p.id, p.section[0] if p.section else ""))
    return {doc_id: EnforcementProfile(tuple(v)) for doc_id, v in found.items()}


def assess_passages(passages: Sequence[Passage]) -> list[Assessment]:
    """One Assessment per passage, in order; pass each document's passages together."""
    passages = list(passages)
    for p in passages:
        if not isinstance(p, Passage):
            raise TypeError(f"assess_passages expects Passage records, got {type(p).__name__}")
    findings = [collect(p, doc) for p, doc in zip(passages, make_docs(p.text for p in passages))]
    profiles = act_enforcement(passages, findings)
    return [rate(p, f, profiles.get(p.doc_id, EnforcementProfile())) for p, f in zip(passages, findings)]


def assess_text(
    text: str,
    doc_kind: DocumentKind | str = DocumentKind.UNKNOWN,
    role: str = "",
    section: Sequence[str] = (),
    passage_id: str = "text:0",
) -> Assessment:
    """Assess one bare string as a document of its own (its own enforcement only)."""
    kind = DocumentKind(doc_kind) if not isinstance(doc_kind, DocumentKind) else doc_kind
    doc_id = passage_id.split(":", 1)[0]
    passage = Passage(
        id=passage_id, doc_id=doc_id, text=text, page_start=1, page_end=1, section=tuple(section),
        kind=BlockKind.PARAGRAPH, char_start=0, char_end=len(text), role=role, doc_kind=kind,
    )
    return assess_passages([passage])[0]
