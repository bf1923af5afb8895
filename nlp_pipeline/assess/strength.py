"""Strength 0-4: combine the rule families into one explained level.

Each committing cue proposes a level through the registry LEVEL_RULES, keyed
by its modality; the highest proposal wins and names the rule that decided
it. Structure then adjusts: hedges lower by one, recitals never exceed 2,
definitions exceed 2 only when they set an obligation. An operative "shall"
reaches 4 only when the act it belongs to has enforcement provisions, which
is why the caller passes the act's EnforcementProfile in.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Doc

from nlp_pipeline.records import Assessment, BlockKind, DocumentKind, Fact, GapFlag, Modality, Passage, Reason
from nlp_pipeline.assess.enforcement import ACT_ENFORCEMENT, PASSAGE_ENFORCEMENT, EnforcementProfile, attributes, enforcement
from nlp_pipeline.assess.explanations import reason
from nlp_pipeline.assess.hedges import VOIDING, hedges
from nlp_pipeline.assess.modality import modal_cues
from nlp_pipeline.assess.patterns import Hit, is_legislation, overlaps
from nlp_pipeline.assess.procedures import procedures
from nlp_pipeline.assess.specificity import Specificity, specificity
from nlp_pipeline.assess.thresholds import thresholds

COMMITTING = ("binding", "prohibition", "past_action", "future_intent", "recommendation", "permission")
# Ties between equal levels go to the modality listed first.
PREFERENCE = {m: i for i, m in enumerate(COMMITTING)}
CONTENT_FACTS = frozenset({"threshold", "exemption", "penalty", "enforcement"})
NON_OPERATIVE_ROLES = frozenset({"recital", "definition"})


@dataclass(frozen=True)
class Findings:
    """Everything the rule families found in one passage."""

    modal: tuple[Hit, ...]
    hedges: tuple[Hit, ...]
    specificity: Specificity
    legal_facts: tuple[Fact, ...]  # thresholds, exemptions, penalties, enforcement
    procedures: tuple[Hit, ...]
    chapeau: Hit | None = None  # a "shall" in the lead-in of a list this item belongs to

    @property
    def facts(self) -> tuple[Fact, ...]:
        # A number inside a threshold or penalty is reported once, as that.
        legal = [f for f in self.legal_facts if f.kind in {"threshold", "penalty"}]
        kept = [f for f in self.specificity.facts
                if not (f.kind == "quantity" and any(overlaps(f.start, f.end, g.start, g.end) for g in legal))]
        return tuple(sorted(kept + list(self.legal_facts), key=lambda f: (f.start, f.end, f.kind)))

    def enforcement_attributes(self) -> set[str]:
        return attributes(self.legal_facts)

    def committing(self) -> list[Hit]:
        return [h for h in self.modal if h.label in COMMITTING]


_SHALL_RE = re.compile(r"\b(shall|must)\b(?!\s+not\s+apply)", re.IGNORECASE)


def _chapeau(passage: Passage) -> Hit | None:
    """A list item of a law takes its force from the lead-in sentence before it."""
    is_item = passage.kind is BlockKind.LIST_ITEM or passage.text.lstrip().startswith("(")
    if not is_item or not passage.context_before:
        return None
    lead_in = passage.context_before[-300:]
    m = None
    for m in _SHALL_RE.finditer(lead_in):
        pass
    if m is None:
        return None
    return Hit("structure.chapeau_shall", "binding", 0, 0, m.group())


def collect(passage: Passage, doc: Doc) -> Findings:
    text = passage.text
    modal = tuple(modal_cues(doc, passage))
    found = thresholds(text)
    if not is_legislation(passage):
        # Recycled content is an achievement in a report, a loophole only in law.
        found = [x for x in found if x.attribute != "recycled"]
    legal = tuple(sorted(found + enforcement(text), key=lambda f: (f.start, f.end)))
    chapeau = None
    if is_legislation(passage) and not any(h.label in {"binding", "prohibition"} for h in modal):
        chapeau = _chapeau(passage)
    return Findings(modal, tuple(hedges(doc, text)), specificity(doc, text), legal, tuple(procedures(doc, text)), chapeau)


# ---------------------------------------------------------------------------
# Level rules: (passage, findings, act profile, cue) -> (level, extra reasons)
# ---------------------------------------------------------------------------

LevelRule = Callable[[Passage, Findings, EnforcementProfile, Hit], tuple[int, list[Reason]]]


# Duties on EU institutions (adopt guidelines, delegated acts, reports) are
# not reached by penalties or liability, which bind companies.
_INSTITUTION_RE = re.compile(
    r"\b(?:the\s+)?(?:Commission|Board|Council|European Parliament|Agency|Authority|guidelines|guidance|delegated acts?|implementing acts?)\s*(?:,[^,.;]{0,120},\s*)?$",
    re.IGNORECASE,
)
_MEMBER_STATES_RE = re.compile(r"\bMember States?\s*(?:,[^,.;]{0,120},\s*)?$", re.IGNORECASE)
_DUTY_BEARERS_RE = re.compile(r"\b(?:compan(?:y|ies)|undertakings?|operators?|importers?|economic operators?|producers?|manufacturers?|suppliers?)\b", re.IGNORECASE)


def _clause_before(text: str, at: int) -> str:
    return re.split(r"[.;:]\s", text[max(0, at - 200) : at])[-1]


def _institution_before(text: str, at: int) -> str | None:
    sentence = _clause_before(text, at)
    m = _INSTITUTION_RE.search(sentence)
    if m:
        return m.group().strip(" ,")
    m = _MEMBER_STATES_RE.search(sentence)
    if m and not _DUTY_BEARERS_RE.search(text[at : at + 300]):
        return m.group().strip(" ,")
    return None


def _addressed_to_institution(p: Passage, cue: Hit) -> str | None:
    own = _institution_before(p.text, cue.start)
    if own:
        return own
    if _DUTY_BEARERS_RE.search(_clause_before(p.text, cue.start)):
        return None
    # "That register shall be public", "They shall communicate": a duty with
    # no bearer of its own stays with the institution the passage began with.
    first = _SHALL_RE.search(p.text)
    if first and first.start() < cue.start:
        return _institution_before(p.text, first.start())
    return None


def _binding(p: Passage, f: Findings, act: EnforcementProfile, cue: Hit) -> tuple[int, list[Reason]]:
    # Codes of conduct and reports state requirements; they bind only where
    # the passage itself names verification or a consequence.
    if p.doc_kind is DocumentKind.INITIATIVE and not is_legislation(p) and act.enforced:
        # An audited standard's "shall" is checked by its own verification
        # scheme and graded as a non-conformance when breached.
        return 4, [reason("structure.audited_standard", f"{act.summary()}")]
    if p.doc_kind in (DocumentKind.REPORT, DocumentKind.INITIATIVE) and not is_legislation(p):
        own = sorted(f.enforcement_attributes() & PASSAGE_ENFORCEMENT)
        if own:
            return 4, [reason("strength.enforceable_requirement", f"{', '.join(own)}")]
        spec = f.specificity
        if spec.has_number or spec.has_deadline or spec.has_frequency:
            return 3, [reason("strength.specific_requirement", "number, date or frequency stated")]
        return 2, [reason("strength.requirement_without_enforcement", "no verification or consequence named")]
    institution = _addressed_to_institution(p, cue)
    # Naming the supervisory authority is organisation, not yet a consequence.
    own_enforcement = sorted(f.enforcement_attributes() & (ACT_ENFORCEMENT - {"supervisory_authority"}))
    if institution and own_enforcement and act.enforced:
        # "Member States shall lay down penalties": the duty is the act's own
        # enforcement, which is what makes the companies' duties bite.
        return 4, [reason("structure.enforcement_provision", f"{', '.join(own_enforcement)}")]
    if institution:
        # No penalty reaches the Commission or a Member State: their duties
        # are specific when dated or quantified, procedural otherwise.
        spec = f.specificity
        if spec.has_number or spec.has_deadline:
            return 3, [reason("structure.institutional_duty", f"{institution}, dated or quantified")]
        return 2, [reason("structure.institutional_duty", f"{institution}, no date or number")]
    if act.enforced:
        return 4, [reason("structure.enforced_act", f"{act.summary()}")]
    return 3, [reason("structure.no_enforcement_provision", "the act names no penalties, authority or liability")]


def _past_action(p: Passage, f: Findings, act: EnforcementProfile, cue: Hit) -> tuple[int, list[Reason]]:
    if f.specificity.has_number:
        own = sorted(f.enforcement_attributes() & PASSAGE_ENFORCEMENT)
        if own:
            return 4, [reason("strength.verified_results", f"{', '.join(own)}")]
        return 3, [reason("strength.results_with_numbers", "past action reported with figures")]
    return 2, [reason("strength.process_reported", "past action without figures")]


def _future_intent(p: Passage, f: Findings, act: EnforcementProfile, cue: Hit) -> tuple[int, list[Reason]]:
    if f.specificity.has_deadline:
        return 3, [reason("strength.time_bound_target", "deadline stated")]
    if f.specificity.has_number:
        return 2, [reason("strength.quantified_intent", "number without deadline")]
    return 1, [reason("strength.open_intent", "no date or number")]


def _recommendation(p: Passage, f: Findings, act: EnforcementProfile, cue: Hit) -> tuple[int, list[Reason]]:
    # "should" is how recitals state the duties the articles then impose.
    if p.role == "recital":
        return 2, [reason("structure.recital_should", "recital describes the duty")]
    return 1, []


def _permission(p: Passage, f: Findings, act: EnforcementProfile, cue: Hit) -> tuple[int, list[Reason]]:
    return 1, []


LEVEL_RULES: dict[str, LevelRule] = {
    "binding": _binding,
    "prohibition": _binding,
    "past_action": _past_action,
    "future_intent": _future_intent,
    "recommendation": _recommendation,
    "permission": _permission,
}


# ---------------------------------------------------------------------------
# Passages with no committing cue: results, described practice, or nothing
# ---------------------------------------------------------------------------

_REPORTED_RE = re.compile(r"\b[a-z]{2,}[^e\W]ed\b|\b(?:since|as of|in|during|by the end of)\s+(?:FY\s?|calendar year\s+|[A-Z][a-z]+\s+)?(?:19|20)\d{2}\b", re.IGNORECASE)
_WORD_RE = re.compile(r"[A-Za-z]{2,}")
MIN_WORDS = 8


def _described(p: Passage, f: Findings) -> tuple[int, str, list[Reason]]:
    """Level for a passage without committing cues, with its modality and reasons."""
    if p.kind is BlockKind.HEADING or len(_WORD_RE.findall(p.text)) < MIN_WORDS:
        return 0, "descriptive", []
    spec = f.specificity
    forecast = [h for h in f.modal if h.label in {"predictive", "uncertainty"}]
    if not is_legislation(p) and spec.has_number:
        reported = _REPORTED_RE.search(p.text)
        if reported:
            return 3, "past_action", [reason("strength.results_with_figures", f"{reported.group()}")]
        if forecast and spec.has_deadline:
            return 3, "future_intent", [reason("strength.projected_target", f"{forecast[0].text} ... {_first(spec, 'deadline')}")]
    # Whether the passage is on topic at all is the classifier's call; what
    # it describes without a committing cue is practice or operative text.
    rule = "structure.operative_text" if is_legislation(p) else "strength.described_practice"
    return 2, "descriptive", [reason(rule, "no committing cue")]


def _first(spec: Specificity, kind: str) -> str:
    return next((x.text for x in spec.facts if x.kind == kind), "")


# ---------------------------------------------------------------------------
# Gap flags
# ---------------------------------------------------------------------------

_RESTRICTOR_RE = re.compile(r"(?<!not )\b(?:only|solely|exclusively|limited to|restricted to)\b", re.IGNORECASE)
NARROW_TIERS = frozenset({"tier 1", "tier-1", "tier one", "first tier", "first-tier", "direct suppliers", "direct business partners"})
BROAD_SCOPE = frozenset({"all tiers", "beyond tier 1", "beyond tier-1", "sub-tier suppliers", "indirect suppliers",
                         "indirect business partners", "all minerals", "minerals and metals", "chain of activities"})
THREE_TG = frozenset({"tin", "tantalum", "tungsten", "gold"})


def _scope_limited(text: str, spec: Specificity) -> str | None:
    m = _RESTRICTOR_RE.search(text)
    if m:
        return m.group()
    names = {s.text.lower() for s in spec.scope()}
    if names & BROAD_SCOPE:
        return None
    if names & NARROW_TIERS:
        return sorted(names & NARROW_TIERS)[0]
    materials = {s.text.lower() for s in spec.scope("material")}
    if materials & {"3tg", "conflict minerals"} or (materials and materials <= THREE_TG and len(materials) >= 3):
        return "3TG"
    return None


def gap_flags(text: str, f: Findings, modality: str) -> tuple[tuple[GapFlag, ...], list[Reason]]:
    flags, reasons = [], []
    if f.hedges:
        flags.append(GapFlag.HEDGED)
    loophole = [x for x in f.legal_facts if x.kind in {"threshold", "exemption"}]
    if loophole:
        flags.append(GapFlag.THRESHOLD_EXEMPTION)
        reasons.extend(reason("gap.threshold_exemption", f"{x.text}") for x in loophole[:3])
    limited = _scope_limited(text, f.specificity)
    if limited:
        flags.append(GapFlag.SCOPE_LIMITED)
        reasons.append(reason("gap.scope_limited", f"{limited}"))
    if modality == "future_intent" and not f.specificity.has_deadline:
        flags.append(GapFlag.NO_DEADLINE)
    return tuple(flags), reasons


# ---------------------------------------------------------------------------
# Rating
# ---------------------------------------------------------------------------


def rate(passage: Passage, f: Findings, act: EnforcementProfile) -> Assessment:
    cues = f.committing() + ([f.chapeau] if f.chapeau else [])
    best: tuple[int, int, Hit, list[Reason]] | None = None  # (level, -preference, cue, reasons)
    for cue in cues:
        level, extra = LEVEL_RULES[cue.label](passage, f, act, cue)
        key = (level, -PREFERENCE[cue.label])
        if best is None or key > best[:2]:
            best = (level, -PREFERENCE[cue.label], cue, extra)

    level, modality, reasons = 0, "descriptive", []
    if best is not None:
        level, modality = best[0], best[2].label
        reasons = [best[2].reason, *best[3]]

    legislation = is_legislation(passage)
    # A process promised for later is not yet a process: "we will set up a
    # grievance mechanism" stays an open intent.
    if not legislation and f.procedures and modality != "future_intent":
        proc_level = 3 if f.specificity.has_number else 2
        if proc_level > level:
            level = proc_level
            reasons.append(f.procedures[0].reason)
            if proc_level == 3:
                reasons.append(reason("strength.process_with_figures", "quantified process disclosure"))
    content = [x for x in f.legal_facts if x.kind in CONTENT_FACTS]
    if legislation and passage.role not in NON_OPERATIVE_ROLES and content and level < 2:
        level = 2
        reasons.append(reason("structure.operative_provision", f"{content[0].text}"))

    if level == 0:
        level, modality, extra = _described(passage, f)
        reasons.extend(extra)
    if level == 0:
        # Nothing commits anyone: forecasts, doubts, titles, boilerplate.
        noted = [h.reason for h in f.modal]
        return Assessment(passage.id, 0, Modality.DESCRIPTIVE, hedges=tuple(h.to_span() for h in f.hedges),
                          facts=f.facts, reasons=tuple(noted[:3]))

    lowering = [h for h in f.hedges if not legislation or h.rule_id in VOIDING]
    if lowering and level >= 2:
        level -= 1
        reasons.append(reason(lowering[0].rule_id, f"{lowering[0].text} (-1)"))
    if passage.role == "recital" and level > 2:
        level = 2
        reasons.append(reason("structure.recital_cap", "recitals are at most 2"))
    if passage.role == "definition" and level > 2 and modality not in {"binding", "prohibition"}:
        level = 2
        reasons.append(reason("structure.definition_cap", "a definition without an obligation is at most 2"))

    flags, flag_reasons = gap_flags(passage.text, f, modality)
    return Assessment(
        passage_id=passage.id,
        strength=level,
        modality=Modality(modality),
        hedges=tuple(h.to_span() for h in f.hedges),
        facts=f.facts,
        reasons=tuple(reasons + flag_reasons),
        gap_flags=flags,
    )
