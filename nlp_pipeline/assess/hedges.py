"""Hedges and escape clauses: words that let the committed party out.

"Where appropriate", "to the extent possible" and their kin leave it to the
obliged party to decide whether the duty applies; the guideline lowers the
strength by one for them. "Subject to" is a hedge only when it makes the duty
depend on something the party controls ("subject to commercial
considerations"); in laws it mostly points to another provision ("subject to
Article 5"), which qualifies nothing.
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
    "hedge.where_feasible": ("hedge", ["where feasible", "if feasible", "when feasible", "where possible", "if possible", "whenever possible", "where practicable", "where commercially viable"]),
    "hedge.as_far_as_possible": ("hedge", ["as far as possible", "as far as practicable", "as far as reasonably practicable", "as much as possible"]),
    "hedge.subject_to": ("hedge", ["subject to"]),
    "hedge.reasonable_efforts": ("hedge", [
        "reasonable efforts", "best efforts", "reasonable endeavours", "best endeavours",
        "commercially reasonable", "all reasonable steps", "reasonably practicable",
    ]),
    "hedge.where_relevant": ("hedge", ["where relevant", "if relevant", "when relevant", "as relevant"]),
    "hedge.if_necessary": ("hedge", ["if necessary", "where necessary", "when necessary", "as necessary", "if needed", "where needed"]),
    "hedge.where_legally_permitted": ("hedge", [
        "where legally permitted", "where permitted by law", "to the extent permitted by law",
        "to the extent permitted by applicable law", "where legally possible", "as permitted by law",
        "unless prohibited by law",
    ]),
}

_MATCHER = PhraseRules(HEDGES)

# Hedges that can void the duty altogether (the guideline's examples). The
# others ("where appropriate", "where necessary") tailor a legal duty to the
# case and, in legislation, leave its force intact; in reports and codes,
# where no authority reads them narrowly, every hedge counts.
VOIDING = frozenset({
    "hedge.to_the_extent_possible", "hedge.where_feasible", "hedge.as_far_as_possible",
    "hedge.subject_to", "hedge.reasonable_efforts", "hedge.where_legally_permitted",
})

# After "subject to", these words mean a cross-reference, not an escape.
_CROSS_REFERENCE = {
    "article", "articles", "paragraph", "paragraphs", "point", "points", "this", "these",
    "regulation", "directive", "chapter", "section", "annex", "subparagraph", "sub-paragraph",
    "decision", "title", "union", "national", "penalties", "supervision",
}
_CROSS_REFERENCE_AFTER_THE = {
    "condition", "conditions", "provisions", "requirements", "rules", "obligations",
    "procedure", "procedures", "provision", "requirement", "obligation", "approval",
    "scrutiny", "limits", "limitations", "exemption", "exemptions", "same",
}


def _is_cross_reference(doc: Doc, hit: Hit) -> bool:
    span = doc.char_span(hit.start, hit.end)
    if span is None:
        return False
    following = [t.lower_ for t in doc[span.end : span.end + 3] if not t.is_space]
    if not following:
        return True
    if following[0] in _CROSS_REFERENCE:
        return True
    return following[0] == "the" and len(following) > 1 and following[1] in _CROSS_REFERENCE_AFTER_THE


def hedges(doc: Doc, text: str) -> list[Hit]:
    return [
        h for h in _MATCHER(doc, text)
        if not (h.rule_id == "hedge.subject_to" and _is_cross_reference(doc, h))
    ]
