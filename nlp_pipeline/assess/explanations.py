"""Each assess rule in words a reader understands, attached to every Reason it gives.

A reader of a cell sees the rule id, the words it fired on and this sentence,
so a verdict can be checked without reading the code. Rules without their own
sentence fall back to their family's ("modality.", "hedge." ...).
"""

from __future__ import annotations

from nlp_pipeline.records import Reason

RULE_EXPLANATIONS: dict[str, str] = {
    # strength of a committing cue
    "structure.audited_standard": "a requirement of a code or standard that binds its participants as a condition of taking part, or that its own verification scheme checks",
    "strength.enforceable_requirement": "the requirement names its own verification or consequence",
    "strength.specific_requirement": "a requirement with a number, date or frequency but no verification or consequence",
    "strength.requirement_without_enforcement": "a requirement with no verification or consequence named",
    "structure.enforcement_provision": "the duty is the act's own enforcement (penalties, liability), which makes the other duties bite",
    "structure.institutional_duty": "a duty of an institution or Member State, which no penalty reaches",
    "structure.enforced_act": "a duty of conduct or disclosure on companies that the act's penalty, supervision or liability provisions reach",
    "structure.no_enforcement_provision": "a duty in an act that names no penalties, authority or liability",
    "structure.not_reached": "a duty the act's penalty, supervision and liability provisions do not reach, so it is not enforced",
    "structure.definition": "a definition states what a word means and obliges no one, so it is at most 2",
    "structure.permission": "a permission or entitlement lets someone act but obliges no one, so it is never 4",
    "structure.procedure": "a procedure of the EU institutions (delegated acts, committees, entry into force), which no penalty reaches",
    "structure.criterion_should": "in a report, a 'should' of a criterion or of others states how things are to be, a process, not the company's own hope",
    "structure.standard_carve_out": "a standard's carve-out from its own requirements: one of its rules, specific when dated or quantified",
    "structure.scope_provision": "a binding rule on who or what the duties cover, or who is exempt, in an act whose enforcement does not reach those duties",
    "structure.scope_of_enforced_duties": "a binding rule on who or what enforced duties cover, or who is exempt from them; whether it narrows coverage is its polarity",
    "structure.memorandum_cap": "an explanatory memorandum explains a proposal and enacts nothing, so it is at most 2",
    "structure.guidance_should_dated": "a practice a guidance expects within a stated period or at a stated frequency: time-bound, so specific",
    "structure.model_policy": "a first-person commitment in a guidance or standard is the model policy it proposes for companies to adopt: a policy, procedural",
    "strength.verified_results": "results reported with figures and independent verification",
    "strength.results_with_numbers": "past action reported with figures",
    "strength.process_reported": "past action reported without the company's own figures",
    "strength.time_bound_target": "an intention with a deadline",
    "strength.quantified_intent": "an intention with a number but no deadline",
    "strength.open_intent": "an intention with no date or number",
    "structure.recital_should": "a recital describing the duty the articles impose",
    "strength.process_with_figures": "a process disclosed with figures",
    "structure.operative_provision": "an operative provision setting a threshold, exemption, penalty or enforcement",
    "strength.own_result": "a result the company reports with its own figures",
    "strength.own_target": "the company's own quantified or dated target",
    "strength.published_list": "a published list of named smelters, refiners or suppliers",
    "structure.graded_finding": "the standard grades a breach of this requirement as a finding, its own consequence",
    "strength.context_figures": "figures of a scenario, a market or a third party are context, not the company's commitment",
    "structure.operative_text": "operative legal text with no committing verb",
    "strength.described_practice": "practice described without a committing verb",
    "structure.recital_cap": "recitals explain the law and bind no one, so they are at most 2",
    "structure.amended_act_enforced": "the provision is inserted into an act whose penalties or supervision reach it (the amending act's text becomes that act's own)",
    "structure.parent_enforcement": "the act this delegated or implementing act is adopted under reaches the duty with its penalties; the passage names none, so it is scored by its own words (the guideline's rule), with that enforcement noted",
    "structure.question": "a question asks and binds no one; the answer after it says what is required or done",
    "structure.interpretation_cap": "a Commission notice or Q&A explains a law and enacts nothing (only the act binds, only the Court interprets it), so it is at most 2",
    "structure.definition_cap": "a definition without an obligation is at most 2",
    "structure.chapeau_shall": "a list point takes its force from the 'shall' of its lead-in",
    # gap flags
    "gap.threshold_exemption": "a threshold or exemption lets some actors out",
    "gap.scope_limited": "the commitment is limited to part of the value chain or of the materials",
    "gap.no_deadline": "an intention with no date attached",
    # polarity: narrowing and opposing passages are evidence of a gap, never coverage
    "polarity.threshold": "a size or volume threshold narrows who is covered",
    "polarity.exemption": "an exemption or carve-out narrows who or what is covered",
    "polarity.non_application": "the act or provision does not apply to a class of actors or materials: its coverage stops there",
    "polarity.applicability_condition": "a condition on when the rules apply at all narrows them",
    "polarity.not_required": "a party is told it need not act or disclose, which narrows the duty",
    "polarity.liability_carve_out": "a carve-out from liability or from enforceable rights narrows the protection",
    "polarity.confidentiality": "confidentiality or trade secrets let information be withheld",
    "polarity.best_efforts": "'best efforts' turns a duty of result into one of effort, which narrows it",
    "polarity.limitation": "the text limits a duty or its scope",
    "polarity.part_deleted": "an amending act deletes part of a provision, which stays with less in it",
    "polarity.recycled_exemption": "recycled or scrap metal is taken out of the duties: a loophole, and the act's word on recycled metal as a source",
    "coverage.limited_reach": "the provision reaches only the articles it names, none of the rest of the act, so it narrows the act's coverage",
    "polarity.shareholder_primacy": "shareholder value put first runs against a rights-first business model",
    "polarity.deregulation": "burden reduction, deleted protections or postponement run against the roadmap's direction",
    # coverage cells
    "coverage.disclosure_only": "a duty to report on this topic shows it must be reported on, not that it is done, so at most 2 here",
    "coverage.figures_elsewhere": "the passage's own figures measure another of its topics; on this one it describes a process, so at most 2 here",
    "coverage.figures_off_subject": ("the passage's own figures count something outside this topic's subject (the company's own "
                                     "waste, say, not discarded electronics); on it the passage describes a process, so at most 2 here"),
    "coverage.financial_notes": ("the notes to the financial statements account for the topic as accounting standards "
                                 "require (a tax-rate reconciliation, a provision); that is no commitment of the company's, so at most 2 here"),
    "coverage.verified_result": "an independently verified result shows a result reached, not a binding commitment on this topic, so at most 3 here",
    "coverage.reported_practice": "the report names this practice of the company's (who answers for the programme, a sanction, a channel): a process it describes, specific only with its own figure in the same sentence",
    "coverage.results_beside_limit": ("the company's own results stand on this topic; the limit beside them is read on the scope and loophole topics, "
                                      "not here"),
    "coverage.reported_limit": "a limit the company describes in its own programme (3TG only, smelters counted conformant without a check) shows how it runs that programme, a process; its figures count the programme, not the gap, so at most 2 here",
    "coverage.company_account": "a company's own account of the contracts and checks it imposes is not enforced on the company by anyone outside it, so a report's cell is at most specific (3)",
    "coverage.permission": "an option or power granted obliges no one, so it shows at most intent on this topic",
    "coverage.explains_law": "a recital or explanatory memorandum explains the act and enacts nothing, so it cannot set how far the act goes",
    "coverage.quantified_disclosure": "a standard's duty to disclose a measured quantity on this topic (a unit, share, rate or count) asks for a result with its scope, so 3 here",
    "coverage.illustrates": "a guidance's example or a standard's glossary or topic list names the topic to illustrate, it asks nothing about it, so it is a mention",
    "coverage.narrows": "the strongest evidence on this category narrows coverage",
    "coverage.opposes": "the strongest evidence on this category runs against the roadmap",
    # amending acts: what an amendment does to the act it amends
    "amendment.deletes_provision": "the amending act deletes a whole provision of the act it amends, taking it out",
    "amendment.deletes_part": "the amending act deletes part of a provision, which stays in the act it amends with less in it",
    "amendment.reasons_narrow": "the amending act's own reasons say this amendment takes something away, so the rewritten provision is narrower",
    # milestone verdicts
    "milestone.not_applicable": "the milestone speaks of texts of another actor, so this kind of document cannot meet it",
    "milestone.not_addressed": "the document does not address the milestone's category",
    # The first reason reads the parts; a rule after it (an outcome, an end state, a scope limit) may still
    # set the verdict, and a reader who sees "met" and then "not met" must know which one stands.
    "milestone.met": "read part by part, the coverage reaches the strength the milestone expects; a rule listed after this one sets the final verdict",
    "milestone.partly_met": "read part by part, the coverage is one level short of what the milestone expects, or speaks to only part of what it asks; a rule listed after this one sets the final verdict",
    "milestone.off_topic": "the document covers the category, but none of its passages speaks to what this milestone asks",
    "milestone.not_met": "the coverage falls short of what the milestone expects",
    "milestone.narrowed": "the strongest evidence narrows or opposes what the milestone asks, so it is not met",
    "milestone.scope_limited": "the deciding evidence covers only part of the chain or of the materials, so at most partly met",
    "milestone.disclosed_figure": "a figure the standard asks to be disclosed shows the topic is reported, not pursued: a process toward the milestone",
    "coverage.practice_narrows": "the report names a limit of the company's own due diligence (suppliers, tiers or audits left out, exempted or taken on trust): on this category it is gap evidence, so it narrows",
    "coverage.narrowed_by_flag": "the passage's own limit (to 3TG, to first-tier suppliers, to part of the chain) is a limit of this category: it narrows",
    "milestone.end_state_process": "toward a 2050 end state a company report shows a step only by its own result or target; a process it describes is none, so not met",
    "milestone.commitment_in_part": "the company's targets take in the milestone's parts one by one; no one commitment covers all it asks, so partly met",
    "milestone.not_measured": "the milestone asks for a measured change; the passages that speak to it describe a process or policy without a figure, so not met",
    "milestone.results_only": "a company's results are steps toward an outcome or a 2050 end state; only its own target commits it, so partly met",
    "milestone.undated_target": "a target without a date commits to no milestone's year: a process toward it",
    "milestone.recitals_only": "the act speaks of the category only in recitals or its explanatory memorandum, and no provision takes it up, so it takes no step toward the milestone",
    "milestone.explains_only": "a part of what the milestone asks is spoken to only in a recital or explanatory memorandum, which explains an act and enacts nothing, so at most partly met",
    "milestone.outcome": "an outcome reached in practice: text can show a mandate or commitment toward it, never that it is reached, so at most 'committed'",
    "milestone.end_state": "a 2050 end state: text can show a commitment toward it, never that it is reached, so at most 'committed'",
}
FAMILY_EXPLANATIONS: dict[str, str] = {
    "modality": "the verb form that sets how binding the sentence is",
    "hedge": "a hedge that qualifies the commitment and lowers it by one level",
    "procedure": "a policy, process or management system is described",
    "scope": "names what the commitment covers",
    "enforcement": "an enforcement provision: penalty, supervision, liability or verification",
    "threshold": "a size or volume threshold",
    "polarity": "the passage narrows coverage or runs against the roadmap",
    "milestone": "how the milestone verdict was reached",
}


def explain(rule: str) -> str:
    return RULE_EXPLANATIONS.get(rule) or FAMILY_EXPLANATIONS.get(rule.split(".", 1)[0], "")


def reason(rule: str, span: str = "") -> Reason:
    """A Reason with the rule's explanation filled in."""
    return Reason(rule, span, explain(rule))
