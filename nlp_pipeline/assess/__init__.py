"""assess stage: how strong is each commitment in a passage, for whom, and in which direction.

    assess_passages(passages) -> [Assessment, ...]   # one per passage, same order
    assess_text(text, doc_kind=..., role=...) -> Assessment

Rule-based and deterministic: a blank spaCy tokenizer with Matcher and
PhraseMatcher rules, plus expressions for numbers. Every Assessment carries
the rule ids and spans that decided it. Whole documents must be passed
together: an act's enforcement provisions (penalties, supervisory authority,
civil liability) and what each of them reaches are read across all its
passages first, list points are read with their lead-in, and only then is
each provision rated.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace

from nlp_pipeline.records import ROLE_INTERPRETATION, Addressee, Assessment, BlockKind, DocumentKind, Passage
from nlp_pipeline.assess.enforcement import ACT_ENFORCEMENT, SCHEME_ENFORCEMENT, provided
from nlp_pipeline.assess.patterns import is_legislation, is_rule_text, make_docs
from nlp_pipeline.assess.provisions import article_of, list_leads
from nlp_pipeline.assess.parent_acts import amended_acts, parent_act
from nlp_pipeline.assess.reach import EnforcementReach, act_reach
from nlp_pipeline.assess.strength import Findings, Provision, collect, is_explanatory, rate, read_provision

__all__ = ["assess_passages", "assess_text", "enforcement_reach"]

# Which enforcement provisions count for which kind of document. An
# initiative's "shall" is enforced when the standard provides its own
# independent verification or membership sanctions; a supplier's termination
# clause in one passage does not lift the rest. Reports are judged passage by
# passage (see strength._standard_or_report_duty).
ENFORCING_ATTRIBUTES: dict[DocumentKind, frozenset[str]] = {
    DocumentKind.LEGISLATION: ACT_ENFORCEMENT,
    # A guidance that recommends independent audits does not enforce itself; a
    # standard that grades breaches or binds its participants does.
    DocumentKind.INITIATIVE: frozenset({"membership_sanction", "graded_audit_finding"}),
    DocumentKind.UNKNOWN: ACT_ENFORCEMENT | SCHEME_ENFORCEMENT,
    DocumentKind.REPORT: frozenset(),
}


def _kind(passage: Passage) -> DocumentKind:
    return DocumentKind.LEGISLATION if is_legislation(passage) else passage.doc_kind


def enforcement_reach(passages: Sequence[Passage], findings: Sequence[Findings]) -> dict[str, EnforcementReach]:
    """Per document id, its enforcement provisions and what each reaches."""
    by_doc: dict[str, list[int]] = defaultdict(list)
    for i, p in enumerate(passages):
        by_doc[p.doc_id].append(i)
    out = {}
    for doc_id, indices in by_doc.items():
        ps = [passages[i] for i in indices]
        # A law read without its article structure (plain text a backend could
        # not parse) is read as a whole: its enforcement reaches all of it.
        structured = any(article_of(p) is not None for p in ps)
        own = act_reach(
            ps,
            [provided(passages[i].text, findings[i].enforcement_attributes()) for i in indices],
            [ENFORCING_ATTRIBUTES.get(_kind(p), frozenset()) for p in ps],
            # Recitals, definitions and memoranda explain enforcement; only operative text provides it,
            # and in a law only its articles.
            [p.role not in ("recital", "definition", ROLE_INTERPRETATION) and not is_explanatory(p)
             and (not is_legislation(p) or not structured or article_of(p) is not None) for p in ps],
            by_provision=structured,
        )
        # A delegated act has no penalties of its own; the act it supplements may reach its duties.
        parent = parent_act(ps) if not own.enforced and any(_kind(p) is DocumentKind.LEGISLATION for p in ps) else None
        if parent is not None:
            own = EnforcementReach(own.provisions, parent.reach())
        # An amending act's inserted text is the amended act's, and that act's enforcement reaches it.
        amended = amended_acts(ps) if any(_kind(p) is DocumentKind.LEGISLATION for p in ps) else {}
        if amended:
            own = replace(own, amended=tuple((label, a.reach) for label, a in amended.items()))
        out[doc_id] = own
    return out


def assess_passages(passages: Sequence[Passage]) -> list[Assessment]:
    """One Assessment per passage, in order; pass each document's passages together."""
    passages = list(passages)
    for p in passages:
        if not isinstance(p, Passage):
            raise TypeError(f"assess_passages expects Passage records, got {type(p).__name__}")
    findings = [collect(p, doc) for p, doc in zip(passages, make_docs(p.text for p in passages))]
    reach = enforcement_reach(passages, findings)
    leads = list_leads(passages)
    provisions: list[Provision] = []
    previous: dict[tuple[str, tuple[str, ...]], Provision] = {}
    for p, f, lead in zip(passages, findings, leads):
        lead_provision = provisions[lead] if lead is not None and is_rule_text(p) else None
        provision = read_provision(p, f, lead_provision, previous.get((p.doc_id, p.section[:1])) if p.section else None)
        provisions.append(provision)
        if p.section and provision.addressee is not Addressee.UNSPECIFIED:
            previous[(p.doc_id, p.section[:1])] = provision
    return [rate(p, f, prov, reach[p.doc_id]) for p, f, prov in zip(passages, findings, provisions)]


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
