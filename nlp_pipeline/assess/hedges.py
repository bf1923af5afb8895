"""Hedges and escape clauses: words that let the committed party out.

"Where appropriate", "to the extent possible" and their kin leave it to the
obliged party to decide whether the duty applies; the guideline lowers the
strength by one for them. "Subject to" is a hedge only when it makes the duty
depend on something the party controls or weighs ("subject to commercial
considerations", "subject to availability"); otherwise it points to another
provision ("subject to Article 5") or names who governs a scheme ("subject to
multi-stakeholder governance"), which qualifies nothing.
"""

from __future__ import annotations

from spacy.tokens import Doc

from nlp_pipeline.assess.patterns import Hit, PhraseRules

HEDGES: dict[str, tuple[str, list[str]]] = {
    "hedge.where_appropriate": ("hedge", ["where appropriate", "as appropriate", "if appropriate", "when appropriate", "where deemed appropriate"]),
    "hedge.to_the_extent_possible": ("hedge", [
        "to the extent possible", "to the extent feasible", "to the extent practicable",
        "to the extent reasonably possible", "insofar as possible", "in so far as possible",
    ]),
    "hedge.where_feasible": ("hedge", ["where feasible", "if feasible", "when feasible", "where possible", "if possible", "whenever possible",
                                       "where practicable", "where commercially viable", "if available", "where available"]),
    "hedge.confidentiality": ("hedge", ["with due regard for business confidentiality", "due regard for business confidentiality",
                                        "with due regard for business confidentiality and other competitive concerns"]),
    "hedge.as_far_as_possible": ("hedge", ["as far as possible", "as far as practicable", "as far as reasonably practicable", "as much as possible"]),
    "hedge.subject_to": ("hedge", ["subject to"]),
    "hedge.reasonable_efforts": ("hedge", [
        "reasonable efforts", "best efforts", "reasonable endeavours", "best endeavours",
        "commercially reasonable", "all reasonable steps", "reasonably practicable",
        "to the best of their knowledge and ability", "to the best of its knowledge and ability",
    ]),
    "hedge.where_relevant": ("hedge", ["where relevant", "if relevant", "when relevant", "as relevant"]),
    "hedge.if_necessary": ("hedge", ["if necessary", "where necessary", "when necessary", "as necessary", "if needed", "where needed"]),
    "hedge.where_legally_permitted": ("hedge", [
        "where legally permitted", "where permitted by law", "to the extent permitted by law",
        "to the extent permitted by applicable law", "where legally possible", "as permitted by law",
        "unless prohibited by law", "where permitted by local law", "where permitted by applicable law",
        "where permitted by national law", "to the extent permitted by local law", "to the extent permitted by national law",
        "as far as permitted by law", "insofar as permitted by law", "to the extent allowed by law", "where allowed by law",
        "where legally allowed", "where local law permits", "where national law permits",
    ]),
}

_MATCHER = PhraseRules(HEDGES)

# Hedges that can void the duty altogether (the guideline's examples). The
# others ("where appropriate", "where necessary") tailor a legal duty to the
# case and, in legislation, leave its force intact; in reports and codes,
# where no authority reads them narrowly, every hedge counts.
VOIDING = frozenset({
    "hedge.to_the_extent_possible", "hedge.where_feasible", "hedge.as_far_as_possible",
    "hedge.subject_to", "hedge.reasonable_efforts", "hedge.where_legally_permitted", "hedge.confidentiality",
})

# After "subject to", the words that make it an escape: the party's own weighing.
_DISCRETION = {
    "commercial", "business", "availability", "available", "feasibility", "feasible", "market", "markets", "cost", "costs",
    "economic", "budget", "budgetary", "resources", "capacity", "operational", "technical", "financial", "management",
    "our", "its", "their", "company", "company's", "applicable", "local", "prevailing", "practical", "practicability",
    "reasonable", "sufficient", "demand", "customer", "customers",
}


def _is_cross_reference(doc: Doc, hit: Hit) -> bool:
    span = doc.char_span(hit.start, hit.end)
    if span is None:
        return False
    following = [t.lower_ for t in doc[span.end : span.end + 4] if not t.is_space]
    words = [w for w in following if w not in {"the", "a", "an", "widespread", "continued", "sufficient"}]
    return not words or words[0] not in _DISCRETION


def hedges(doc: Doc, text: str) -> list[Hit]:
    return [
        h for h in _MATCHER(doc, text)
        if not (h.rule_id == "hedge.subject_to" and _is_cross_reference(doc, h))
    ]
