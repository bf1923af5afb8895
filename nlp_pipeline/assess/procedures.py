"""Procedures: a policy, process or management system is described.

The guideline's level 2 ("we have a policy", "supplier code of conduct", "we
conduct audits") is about the existence of a process rather than a modal
verb, so it is its own rule family. It only lifts passages that would
otherwise be aspirational or descriptive.
"""

from __future__ import annotations

from spacy.tokens import Doc

from nlp_pipeline.assess.patterns import Hit, PhraseRules, Rules

PROCESS_TERMS: dict[str, tuple[str, list[str]]] = {
    "procedure.policy": ("procedure", [
        "our policy", "a policy", "human rights policy", "responsible sourcing policy", "responsible minerals policy",
        "conflict minerals policy", "environmental policy", "sourcing policy", "policy commitment", "policy statement",
    ]),
    "procedure.code_of_conduct": ("procedure", ["code of conduct", "supplier code", "supplier code of conduct", "responsible business alliance code"]),
    "procedure.management_system": ("procedure", ["management system", "management systems", "iso 14001", "iso 45001", "iso 50001"]),
    "procedure.due_diligence": ("procedure", [
        "our due diligence", "human rights due diligence", "supply chain due diligence", "due diligence process", "due diligence processes", "due diligence programme", "due diligence program",
        "due diligence framework", "oecd due diligence guidance", "five-step framework", "risk-based due diligence",
    ]),
    "procedure.risk_assessment": ("procedure", ["risk assessment", "risk assessments", "risk assessment process", "risk mapping", "self-assessment questionnaire", "self-assessment questionnaires", "saq"]),
    "procedure.audit": ("procedure", ["audit programme", "audit program", "supplier audits", "on-site audits", "social audits", "rmap", "responsible minerals assurance process", "audits"]),
    "procedure.training": ("procedure", ["training", "trainings", "capacity building"]),
    "procedure.grievance": ("procedure", ["grievance mechanism", "grievance mechanisms", "complaints procedure", "complaints mechanism", "whistleblowing", "hotline", "speak up"]),
    "procedure.corrective_action": ("procedure", ["corrective action plan", "corrective action plans", "corrective actions", "remediation plan"]),
}
_TERMS = PhraseRules(PROCESS_TERMS)

_PROCESS_VERBS = ["conduct", "conducts", "carry", "carries", "assess", "assesses", "monitor", "monitors", "require",
                  "requires", "engage", "engages", "audit", "audits", "maintain", "maintains", "operate", "operates",
                  "implement", "implements", "provide", "provides", "review", "reviews", "track", "tracks", "map", "maps"]
_VERBS = Rules({
    "procedure.we_do": ("procedure", [[{"LOWER": {"IN": ["we", "company", "group"]}}, {"LOWER": {"REGEX": r"^(also|regularly|continuously|[a-z]+ly)$"}, "OP": "?"}, {"LOWER": {"IN": _PROCESS_VERBS}}]]),
    "procedure.we_have": ("procedure", [[{"LOWER": "we"}, {"LOWER": {"IN": ["have", "maintain"]}}, {"LOWER": {"IN": ["a", "an", "our"]}}, {"IS_ALPHA": True, "OP": "{0,3}"}, {"LOWER": {"IN": ["policy", "process", "system", "programme", "program", "procedure", "mechanism", "framework"]}}]]),
})


def procedures(doc: Doc, text: str) -> list[Hit]:
    hits = _TERMS(doc, text) + _VERBS(doc, text)
    return sorted(hits, key=lambda h: h.start)
