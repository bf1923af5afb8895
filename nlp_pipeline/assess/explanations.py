"""Each assess rule in words a reader understands, attached to every Reason it gives.

A reader of a cell sees the rule id, the words it fired on and this sentence,
so a verdict can be checked without reading the code. Rules without their own
sentence fall back to their family's ("modality.", "hedge." ...).
"""

from __future__ import annotations

from nlp_pipeline.records import Reason

RULE_EXPLANATIONS: dict[str, str] = {
    # strength of a committing cue
    "structure.audited_standard": "a requirement of a standard whose own verification scheme checks it and grades breaches",
    "strength.enforceable_requirement": "the requirement names its own verification or consequence",
    "strength.specific_requirement": "a requirement with a number, date or frequency but no verification or consequence",
    "strength.requirement_without_enforcement": "a requirement with no verification or consequence named",
    "structure.enforcement_provision": "the duty is the act's own enforcement (penalties, liability), which makes the other duties bite",
    "structure.institutional_duty": "a duty of an institution or Member State, which no penalty reaches",
    "structure.enforced_act": "a duty in an act whose penalty, supervision or liability provisions apply",
    "structure.no_enforcement_provision": "a duty in an act that names no penalties, authority or liability",
    "strength.verified_results": "results reported with figures and independent verification",
    "strength.results_with_numbers": "past action reported with figures",
    "strength.process_reported": "past action reported without figures",
    "strength.time_bound_target": "an intention with a deadline",
    "strength.quantified_intent": "an intention with a number but no deadline",
    "strength.open_intent": "an intention with no date or number",
    "structure.recital_should": "a recital describing the duty the articles impose",
    "strength.process_with_figures": "a process disclosed with figures",
    "structure.operative_provision": "an operative provision setting a threshold, exemption, penalty or enforcement",
    "strength.results_with_figures": "results reported with figures",
    "strength.projected_target": "a projected target with a date",
    "structure.operative_text": "operative legal text with no committing verb",
    "strength.described_practice": "practice described without a committing verb",
    "structure.recital_cap": "recitals explain the law and bind no one, so they are at most 2",
    "structure.definition_cap": "a definition without an obligation is at most 2",
    "structure.chapeau_shall": "a list point takes its force from the 'shall' of its lead-in",
    # gap flags
    "gap.threshold_exemption": "a threshold or exemption lets some actors out",
    "gap.scope_limited": "the commitment is limited to part of the value chain or of the materials",
}
FAMILY_EXPLANATIONS: dict[str, str] = {
    "modality": "the verb form that sets how binding the sentence is",
    "hedge": "a hedge that qualifies the commitment and lowers it by one level",
    "procedure": "a policy, process or management system is described",
    "scope": "names what the commitment covers",
    "enforcement": "an enforcement provision: penalty, supervision, liability or verification",
    "threshold": "a size or volume threshold",
}


def explain(rule: str) -> str:
    return RULE_EXPLANATIONS.get(rule) or FAMILY_EXPLANATIONS.get(rule.split(".", 1)[0], "")


def reason(rule: str, span: str = "") -> Reason:
    """A Reason with the rule's explanation filled in."""
    return Reason(rule, span, explain(rule))
