"""Strength 0-4: combine the rule families into one explained level.

Rule text (laws, codes, standards) is read provision by provision: who the
decisive verb binds and what kind of provision it is (`provisions.py`), and,
in a law, whether the act's penalty, supervision or liability provisions reach
it (`reach.py`). Level 4 goes only to a duty of conduct or disclosure on
companies (or auditors) that an enforcement provision reaches, and to the
enforcement provisions themselves; permissions, definitions and procedures of
institutions never reach it; scope and exemption rules bind but oblige no one,
so they stop at 3; list points take the duty of their lead-in.

Reports are read claim by claim (`claims.py`): "specific" needs the company's
own quantified or dated target or result; a scenario's or a market's figures
are context. Structure then adjusts: a hedge lowers by one the clause it
qualifies, recitals and explanatory memoranda never exceed 2, definitions
exceed 2 only when they set an obligation. Every adjustment is a Reason.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Doc

from nlp_pipeline.records import (
    ROLE_INTERPRETATION, Addressee, Assessment, BlockKind, DocumentKind, DutyType, Fact, GapFlag, Modality, Passage, Polarity, QuantifiedClaim,
    Reason,
)
from nlp_pipeline.assess.claims import claims as read_claims
from nlp_pipeline.assess.claims import sentences
from nlp_pipeline.assess.enforcement import ACT_ENFORCEMENT, PASSAGE_ENFORCEMENT, attributes, enforcement
from nlp_pipeline.assess.explanations import reason
from nlp_pipeline.assess.hedges import VOIDING, hedges
from nlp_pipeline.assess.modality import modal_cues
from nlp_pipeline.assess.patterns import Hit, is_legislation, is_rule_text, overlaps
from nlp_pipeline.assess.polarity import PolarityReading, granted_exemptions, read_polarity
from nlp_pipeline.assess.procedures import procedures
from nlp_pipeline.assess.provisions import LIABILITY_EXPOSURE_RE, addressee_of, article_of, duty_type_of, is_list_point
from nlp_pipeline.assess.reach import EnforcementReach
from nlp_pipeline.assess.specificity import Specificity, specificity
from nlp_pipeline.assess.thresholds import thresholds

COMMITTING = ("binding", "prohibition", "past_action", "future_intent", "recommendation", "permission")
# Ties between equal levels go to the modality listed first.
PREFERENCE = {m: i for i, m in enumerate(COMMITTING)}
CONTENT_FACTS = frozenset({"threshold", "exemption", "penalty", "enforcement"})
NON_OPERATIVE_ROLES = frozenset({"recital", "definition"})
BINDING = frozenset({"binding", "prohibition"})
# Sections that explain a proposal rather than enact it.
EXPLANATORY_RE = re.compile(r"explanatory\s+memorandum|legislative\s+financial|(?<!non-)financial\s+(?:and\s+digital\s+)?statement",
                            re.IGNORECASE)
# Naming the supervisory authority is organisation, not yet a consequence.
CONSEQUENCES = ACT_ENFORCEMENT - {"supervisory_authority", "assurance"}
# A provision that sets a consequence up, rather than one that mentions it
# ("the Commission shall assess whether authorities should impose penalties").
SETS_CONSEQUENCE_RE = re.compile(
    r"\blay\s+down\s+(?:the\s+)?(?:rules\s+(?:on|applicable)|penalties|sanctions)|\bprovide\s+for\b[^.;]{0,60}\b(?:penalties|sanctions)\b"
    r"|\bimpose\s+(?:pecuniary\s+)?(?:penalties|fines|sanctions)\b|\b(?:penalties|sanctions|fines)\s+(?:shall|must)\b|\bheld\s+liable\b"
    r"|\bliable\s+for\b|\bright\s+to\s+(?:full\s+)?compensation\b|\bjointly\s+and\s+severally\b|\bpower\s+to\s+(?:order|impose)\b"
    r"|\border\s+the\s+(?:company|undertaking|operator)\b|\bnotice\s+of\s+remedial\s+action\b|\binjunctive\s+measures\b"
    r"|\bpublic\s+statement\s+indicating\b|\bconcerning\s+penalties\b"
    # Carrying out the checks of companies' compliance is enforcement itself.
    r"|\bcarry(?:ing)?\s+out\s+(?:appropriate\s+)?(?:ex[- ]post\s+)?checks\b|\bchecks\b[^.;]{0,60}\bshall\s+be\s+(?:conducted|carried\s+out)\b",
    re.IGNORECASE)
# "The Commission shall assess whether authorities should impose penalties": a review, not a penalty.
WEIGHS_WHETHER_RE = re.compile(r"\b(?:assess|examine|consider|review|evaluate)\w*\s+whether\b", re.IGNORECASE)
ENFORCEMENT_HEADING_RE = re.compile(r"penalt|sanction|liabilit|enforcement|infringement|powers\s+of", re.IGNORECASE)


@dataclass(frozen=True)
class Findings:
    """Everything the rule families found in one passage."""

    modal: tuple[Hit, ...]
    hedges: tuple[Hit, ...]
    specificity: Specificity
    legal_facts: tuple[Fact, ...]  # thresholds, exemptions, penalties, enforcement
    procedures: tuple[Hit, ...]
    chapeau: Hit | None = None  # a "shall" in the lead-in of a list this item belongs to
    polarity: PolarityReading = PolarityReading(Polarity.ESTABLISHES)
    claims: tuple[QuantifiedClaim, ...] = ()

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

    @property
    def own_claims(self) -> tuple[QuantifiedClaim, ...]:
        return tuple(c for c in self.claims if c.specific)


@dataclass(frozen=True)
class Provision:
    """How one passage of rule text reads: its decisive verb, whom it binds, what kind of provision it is."""

    cue: Hit | None
    addressee: Addressee = Addressee.UNSPECIFIED
    duty_type: DutyType = DutyType.NONE
    article: str | None = None
    inherited: bool = False  # the duty comes from the lead-in of the list the passage is a point of


_SHALL_RE = re.compile(r"\b(shall|must)\b(?!\s+not\s+apply)", re.IGNORECASE)


def _chapeau_in_context(passage: Passage) -> Hit | None:
    """A list item cut from its lead-in: the lead-in's "shall" in the text just before it."""
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
    if is_legislation(passage) and not any(h.label in BINDING for h in modal):
        chapeau = _chapeau_in_context(passage)
    # Targets and results are what a report claims; laws and standards state requirements.
    own_claims = read_claims(text) if passage.doc_kind in (DocumentKind.REPORT, DocumentKind.UNKNOWN) and not is_legislation(passage) else ()
    return Findings(modal, tuple(hedges(doc, text)), specificity(doc, text), legal, tuple(procedures(doc, text)),
                    chapeau, read_polarity(text, legal), own_claims)


# ---------------------------------------------------------------------------
# The provision a passage of rule text is
# ---------------------------------------------------------------------------


def _decisive(f: Findings) -> Hit | None:
    """The cue that decides what the provision is: a duty before a permission before advice."""
    ranked = sorted(f.committing(), key=lambda h: (PREFERENCE[h.label], h.start))
    return ranked[0] if ranked else None


# A list point that is itself something to set out: "(d) a description of the
# role of the administrative, management and supervisory bodies".
DESCRIPTION_ITEM_RE = re.compile(
    r"^\W*(?:\(?[a-z0-9]{1,5}\)\s*)?(?:an?\s+)?(?:description|explanation|summary|overview)\s+(?:and\s+\w+\s+)?of\b",
    re.IGNORECASE)


def content_item_type(passage: Passage, lead_type: DutyType) -> DutyType:
    """The duty of a list point without a verb of its own: its lead-in's, unless it is an item to describe.

    A plan or policy a company must adopt ("The design of the transition plan
    ... shall contain:") is conduct, but a point that asks for a description
    in it shows only that the topic must be set out, as a duty to report does:
    the CSDDD's transition plan must describe the board's role, which binds
    no director to anything.
    """
    if lead_type is DutyType.CONDUCT and DESCRIPTION_ITEM_RE.match(passage.text):
        return DutyType.DISCLOSURE
    return lead_type


# "(ii) ... and other adverse impacts which the undertaking is required to identify pursuant to other Union
# requirements" (CSRD Article 19a(2)(f)(ii)): the duty the relative clause names is another act's, and
# what the point asks is still what its lead-in asks, here to report.
_RELATIVE_BEFORE_RE = re.compile(r"\b(?:which|that|whom|who)\b[^,;:.()]{0,60}$", re.IGNORECASE)


def _in_relative_clause(text: str, cue: Hit) -> bool:
    return bool(_RELATIVE_BEFORE_RE.search(text[max(0, cue.start - 80):cue.start]))


def read_provision(passage: Passage, f: Findings, lead: Provision | None, before: Provision | None = None) -> Provision:
    """The provision a passage of rule text is; a list point without a verb of its own takes its lead-in's.

    `before` is the previous passage of the same article paragraph: "The
    report shall be transmitted ..." names no bearer because the sentence
    before it did.
    """
    own = _decisive(f)
    enforcing = bool(f.enforcement_attributes() & ACT_ENFORCEMENT)
    article = article_of(passage)
    own_binding = own is not None and own.label in BINDING and not (lead is not None and _in_relative_clause(passage.text, own))
    if lead is not None and lead.cue is not None and not own_binding and is_list_point(passage):
        kind = duty_type_of(passage, None, lead.addressee, enforcing)
        if kind in (DutyType.NONE, DutyType.DISCLOSURE, DutyType.CONDUCT, DutyType.PERMISSION):
            kind = content_item_type(passage, lead.duty_type)
        cue = Hit("structure.chapeau_shall", lead.cue.label, 0, 0, lead.cue.text)
        return Provision(cue, lead.addressee, kind, article, inherited=True)
    cue = own if own is not None else f.chapeau
    addressee = addressee_of(passage, cue)
    if passage.role == "annex" and addressee not in (Addressee.COMPANY, Addressee.AUDITOR):
        # An annex binds through the articles that refer to it, not by itself.
        return Provision(cue, addressee, DutyType.DEFINITION, article_of(passage), inherited=cue is not None and cue is f.chapeau)
    if addressee is Addressee.UNSPECIFIED and before is not None and is_legislation(passage):
        addressee = before.addressee
    if addressee is Addressee.UNSPECIFIED and passage.doc_kind is DocumentKind.REPORT and not is_legislation(passage):
        addressee = Addressee.COMPANY  # a report's commitments are its author's
    return Provision(cue, addressee, duty_type_of(passage, cue, addressee, enforcing), article,
                     inherited=cue is not None and cue is f.chapeau)


# ---------------------------------------------------------------------------
# Level rules: (passage, findings, provision, reach, cue) -> (level, extra reasons)
# ---------------------------------------------------------------------------

LevelRule = Callable[[Passage, Findings, Provision, EnforcementReach, Hit], tuple[int, list[Reason]]]


def _dated_or_quantified(f: Findings) -> bool:
    return f.specificity.has_number or f.specificity.has_deadline


def _institutional(p: Provision, f: Findings) -> tuple[int, list[Reason]]:
    # No penalty reaches the Commission or a Member State: their duties are
    # specific when dated or quantified, procedural otherwise.
    who = p.addressee.words
    if _dated_or_quantified(f):
        return 3, [reason("structure.institutional_duty", f"{who}, dated or quantified")]
    return 2, [reason("structure.institutional_duty", f"{who}, no date or number")]


# The companies' duties a scope or exemption provision says who bears.
GOVERNED_DUTIES = (DutyType.CONDUCT, DutyType.DISCLOSURE)


def _legal_duty(passage: Passage, f: Findings, p: Provision, reach: EnforcementReach, cue: Hit) -> tuple[int, list[Reason]]:
    """A 'shall' of a law, by the kind of provision and whether enforcement reaches it."""
    kind = p.duty_type
    if kind is DutyType.DEFINITION:
        return 2, [reason("structure.definition", "a definition binds no one")]
    if kind is DutyType.PERMISSION:
        return 2, [reason("structure.permission", "an entitlement or option granted, not a duty")]
    if kind is DutyType.PROCEDURE:
        if p.addressee in (Addressee.AUTHORITY, Addressee.MEMBER_STATE):
            return _institutional(p, f)
        return 2, [reason("structure.procedure", "a procedure of the institutions (delegated acts, committees, entry into force)")]
    if kind in (DutyType.SCOPE, DutyType.EXEMPTION):
        # A rule on who the duties bind binds as they do: enforced where they
        # are, whether they are duties to act or, in a reporting act (the
        # CSRD, whose assurance and supervision reach the duty to report), to report.
        reaching = [r for duty in GOVERNED_DUTIES for r in reach.reaching(p.article, Addressee.COMPANY, duty)]
        if reaching:
            return 4, [reason("structure.scope_of_enforced_duties", f"{kind.words}; {reach.summary(reaching)}")]
        return 3, [reason("structure.scope_provision", f"{kind.words}")]
    own_consequences = sorted(f.enforcement_attributes() & CONSEQUENCES)
    sets_up = (SETS_CONSEQUENCE_RE.search(passage.text) or ENFORCEMENT_HEADING_RE.search(passage.heading)) \
        and not WEIGHS_WHETHER_RE.search(passage.text)
    if kind is DutyType.ENFORCEMENT and own_consequences and reach.enforced and sets_up:
        # "Member States shall lay down penalties", "a company can be held
        # liable": the provision is the consequence that makes the duties bite.
        return 4, [reason("structure.enforcement_provision", ", ".join(own_consequences))]
    if p.addressee in (Addressee.AUTHORITY, Addressee.MEMBER_STATE):
        return _institutional(p, f)
    bearer = Addressee.COMPANY if p.addressee is Addressee.UNSPECIFIED else p.addressee
    duty = DutyType.CONDUCT if kind in (DutyType.NONE, DutyType.ENFORCEMENT) else kind
    reaching = reach.reaching(p.article, bearer, duty)
    if reaching:
        return 4, [reason("structure.enforced_act", reach.summary(reaching))]
    amended = reach.amended_reaching(passage.section[0], p.article, bearer, duty) if passage.section else []
    if amended:
        return 4, [reason("structure.amended_act_enforced", reach.summary(amended))]
    # A binding duty no provision enforces: specific when dated or quantified, procedural otherwise.
    level = 3 if _dated_or_quantified(f) or f.specificity.has_frequency else 2
    inherited = reach.inherited_reaching(bearer, duty)
    if inherited:
        return level, [reason("structure.parent_enforcement", reach.summary(inherited))]
    if reach.enforced:
        return level, [reason("structure.not_reached", f"{duty.words} of {bearer.words}, Article {p.article or '?'}; "
                                                       f"the act's enforcement reaches {reach.summary()}")]
    return level, [reason("structure.no_enforcement_provision", "the act names no penalties, authority or liability")]


# Whom a company's contract must bind for it to enforce a supply-chain requirement.
_SUPPLY_CHAIN_RE = re.compile(
    r"\b(?:suppliers?|sub-?suppliers?|smelters?|refiners?|contractors?|subcontractors?|business\s+partners?|vendors?"
    r"|labou?r\s+agen(?:ts|cies)|recruit(?:ers|ment\s+agencies)|purchase\s+orders?|supply\s+chain)\b", re.IGNORECASE)


def _standard_or_report_duty(passage: Passage, f: Findings, p: Provision, reach: EnforcementReach, cue: Hit) -> tuple[int, list[Reason]]:
    # Codes of conduct and reports state requirements; they bind only where
    # verification or a consequence applies.
    if p.duty_type is DutyType.DEFINITION:
        return 2, [reason("structure.definition", "a definition binds no one")]
    if passage.doc_kind is DocumentKind.INITIATIVE and reach.enforced:
        # An audited standard's "shall" is checked by its own verification
        # scheme and graded as a non-conformance when breached.
        return 4, [reason("structure.audited_standard", reach.summary())]
    own = sorted(attributes(_enforcing_facts(passage, f)) & PASSAGE_ENFORCEMENT)
    if own == ["contractual_obligation"] and not _SUPPLY_CHAIN_RE.search(passage.text):
        # A contract that binds the company to its customers or its board to its pay
        # rules ("the Managing Board is required to invest 40 % ... in shares") enforces
        # nothing the company asks of its supply chain.
        own = []
    if own and passage.doc_kind is DocumentKind.REPORT:
        # A company's requirement on its suppliers with a contract or an
        # independent check behind it. A guidance that describes audits
        # ("auditors must be independent") is not enforced by describing them.
        return 4, [reason("strength.enforceable_requirement", ", ".join(own))]
    if _requirement_states_figure(passage.text, f, cue):
        return 3, [reason("strength.specific_requirement", "number, date or frequency stated")]
    return 2, [reason("strength.requirement_without_enforcement", "no verification or consequence named")]


def _requirement_states_figure(text: str, f: Findings, cue: Hit) -> bool:
    """Whether the requirement's own sentence (or the list it opens) states a number, date or frequency.

    "Suppliers ... are required to transition those SORs" is no more specific
    because the next sentence counts the CMRTs received (IBM 2024, p. 4): a
    figure makes a requirement specific only where it says how much, by when
    or how often of that requirement.
    """
    return any(x.kind in ("quantity", "deadline", "frequency") for x in _in_cue_sentence(text, f.specificity.facts, cue))


def _in_cue_sentence(text: str, facts: tuple[Fact, ...], cue: Hit) -> list[Fact]:
    """The facts in the sentence of the cue, or in the list that sentence opens."""
    if cue.start == cue.end:  # a lead-in's duty: the whole point is what it requires
        return list(facts)
    # A line break inside a paragraph ends no sentence here (guidance PDFs break every line).
    for start, end in sentences(text.replace("\n", " ")):
        if start <= cue.start < end:
            if text[start:end].rstrip().endswith(":"):
                end = len(text)  # a requirement that opens a list goes on in its points
            return [x for x in facts if start <= x.start < end]
    return list(facts)


# "We work with third-party audit programs": an industry scheme that audits
# smelters, not a check of the company's own requirement (relying on RMAP,
# LBMA or RJC audits is a process, never an enforced requirement by itself).
_SCHEME_AFTER_RE = re.compile(r"\s*(?:programs?|programmes?|schemes?)\b", re.IGNORECASE)


def _enforcing_facts(passage: Passage, f: Findings) -> tuple[Fact, ...]:
    """The passage's enforcement facts, without third-party audits that name an industry scheme."""
    return tuple(x for x in f.legal_facts
                 if not (x.attribute == "third_party_verification" and _SCHEME_AFTER_RE.match(passage.text, x.end)))


def _binding(passage: Passage, f: Findings, p: Provision, reach: EnforcementReach, cue: Hit) -> tuple[int, list[Reason]]:
    if is_legislation(passage) or passage.doc_kind is DocumentKind.UNKNOWN:
        return _legal_duty(passage, f, p, reach, cue)
    return _standard_or_report_duty(passage, f, p, reach, cue)


def _past_action(passage: Passage, f: Findings, p: Provision, reach: EnforcementReach, cue: Hit) -> tuple[int, list[Reason]]:
    results = [c for c in f.own_claims if c.kind.value == "result"] or list(f.own_claims)
    if results:
        if _verified_own(passage, f):
            return 4, [reason("strength.verified_results", "independent assurance of the company's own data")]
        return 3, [reason("strength.own_result", _claim_words(results[0]))]
    return 2, [reason("strength.process_reported", "past action without the company's own figures")]


def _future_intent(passage: Passage, f: Findings, p: Provision, reach: EnforcementReach, cue: Hit) -> tuple[int, list[Reason]]:
    dated = [c for c in f.own_claims if c.target_year is not None]
    own = _in_cue_sentence(passage.text, f.specificity.facts, cue)
    if dated or (any(x.kind == "deadline" for x in own) and not f.claims):
        return 3, [reason("strength.time_bound_target", _claim_words(dated[0]) if dated else "deadline stated")]
    if f.own_claims or (any(x.kind == "quantity" for x in own) and not f.claims):
        return 2, [reason("strength.quantified_intent", "number without deadline")]
    if passage.doc_kind is DocumentKind.INITIATIVE and not is_legislation(passage):
        # A guidance or standard has no "we" of its own to intend anything:
        # its first person is the model policy it hands companies to adopt
        # ("We will not tolerate ..."), a policy text, so procedural.
        return 2, [reason("structure.model_policy", "the wording of a policy the text proposes for adoption")]
    return 1, [reason("strength.open_intent", "no date or number of its own")]


def _recommendation(passage: Passage, f: Findings, p: Provision, reach: EnforcementReach, cue: Hit) -> tuple[int, list[Reason]]:
    # "should" is how recitals state the duties the articles then impose.
    if passage.role == "recital":
        return 2, [reason("structure.recital_should", "recital describes the duty")]
    # A memorandum's "should" and "aims to" describe what the law does or is
    # for, as a recital's do; they are not the author's own aspiration.
    if is_legislation(passage) and is_explanatory(passage):
        return 2, [reason("structure.memorandum_should", "the memorandum describes the law")]
    # A due-diligence guidance states the practice it expects with "should"
    # ("companies should suspend engagement ... for a minimum of three months"):
    # a described process, not its author's aspiration. A standard that audits
    # its own "shall" (graded findings, membership sanctions) keeps "should"
    # for what it only recommends.
    if passage.doc_kind is DocumentKind.INITIATIVE and not is_legislation(passage) and cue.text.lower() == "should" \
            and not reach.enforced:
        # With a period or a frequency ("demonstrate measurable improvement
        # within six months") the expected practice is time-bound: specific.
        # A year in a guidance is mostly another body's benchmark ("the SBTi
        # recommends -42 % by 2030"), so only a period counts.
        own = _in_cue_sentence(passage.text, f.specificity.facts, cue)
        if any(x.kind == "deadline" and x.attribute == "period" or x.kind == "frequency" for x in own):
            return 3, [reason("structure.guidance_should_dated", "the guidance sets a period or frequency for the practice it expects")]
        return 2, [reason("structure.guidance_should", "the guidance describes the practice it expects")]
    if passage.doc_kind is DocumentKind.REPORT and cue.text.lower().startswith("should") and not _OWN_SUBJECT_RE.search(
            passage.text, _sentence_start(passage.text, cue.start), cue.start):
        # "Emissions reductions should not cause negative externalities", "the 10-K should not be considered
        # part of this report": a report's "should" of a criterion or of others states how things are to be,
        # not the company's own hope.
        return 2, [reason("structure.criterion_should", "a 'should' of a criterion or of others, not the company's own")]
    return 1, []


_OWN_SUBJECT_RE = re.compile(r"\b(?:we|our|us)\b", re.IGNORECASE)


def _sentence_start(text: str, at: int) -> int:
    return max(text.rfind(". ", 0, at), text.rfind("; ", 0, at), text.rfind(": ", 0, at)) + 1


# "The undertaking may disclose ...", "may also distinguish ...", "may, for
# example, refer to ...": a standard's invitation to report more than it
# requires is voluntary, as "we encourage" is.
OPTIONAL_DISCLOSURE_RE = re.compile(
    r"\s*,?\s*(?:also\s+|additionally\s+|further\s+|voluntarily\s+|for\s+(?:example|instance),?\s+)?"
    r"(?:disclose|provide|explain|specify|describe|report|refer|present|consider|distinguish|indicate|illustrate)\b",
    re.IGNORECASE)


def _permission(passage: Passage, f: Findings, p: Provision, reach: EnforcementReach, cue: Hit) -> tuple[int, list[Reason]]:
    # An option a law grants is a rule of the law, if not a duty; elsewhere "may" is intent at most.
    if is_legislation(passage) and passage.role not in ("recital", "definition") and not is_explanatory(passage):
        if p.duty_type is DutyType.EXEMPTION and p.addressee in (Addressee.COMPANY, Addressee.UNSPECIFIED) and not p.inherited:
            # "The undertaking may omit ... for the first year", "it may be exempted from carrying out the
            # obligations": a carve-out from companies' duties binds as a "shall not apply" does. Its
            # points ("may limit their reporting to: (c) ...") list what is still reported, no carve-out.
            return _legal_duty(passage, f, p, reach, cue)
        if LIABILITY_EXPOSURE_RE.search(passage.text):
            # "Companies that have participated in industry initiatives ... may nevertheless be held
            # liable": no option granted, but the liability the act keeps, as "can be held liable" is.
            return _legal_duty(passage, f, p, reach, cue)
        if p.addressee in (Addressee.COMPANY, Addressee.UNSPECIFIED) and OPTIONAL_DISCLOSURE_RE.match(passage.text, cue.end):
            return 1, [reason("structure.optional_disclosure", "the law invites more than it requires; reporting it is voluntary")]
        return 2, [reason("structure.permission", "an option or power the law grants, obliging no one")]
    if passage.doc_kind is DocumentKind.INITIATIVE and p.duty_type is DutyType.EXEMPTION \
            and p.addressee in (Addressee.COMPANY, Addressee.UNSPECIFIED) and not p.inherited:
        # "The disclosure requirements for ESRS S2 ... may be omitted for the first two years by undertakings
        # that have 750 or less employees": a standard's carve-out from its own requirements is one of its
        # rules, dated or quantified like them, and binds as they do.
        return _standard_carve_out(f, reach)
    if is_legislation(passage) and passage.role != "recital" and is_explanatory(passage):
        # "This will allow the Commission to address issues that may arise": a memorandum describing the law.
        return 2, [reason("structure.memorandum_should", "the memorandum describes the law")]
    return 1, [reason("structure.permission", "'may' grants an option, it obliges no one")]


def _standard_carve_out(f: Findings, reach: EnforcementReach) -> tuple[int, list[Reason]]:
    if reach.enforced:
        return 4, [reason("structure.audited_standard", reach.summary())]
    spec = f.specificity
    if spec.has_number or spec.has_deadline or any(x.kind == "threshold" for x in f.legal_facts):
        return 3, [reason("structure.standard_carve_out", "dated or quantified")]
    return 2, [reason("structure.standard_carve_out", "no date or number")]


# "Do not immediately de-source when priority non-conformance or similar are discovered" (RBA VAP E4):
# findings in suppliers' facilities are what the requirement is about, not how its own breach is graded.
_SITUATION_BEFORE_RE = re.compile(r"\b(?:when|if|after|where|once|until|whether)\b[^.;:]{0,40}$", re.IGNORECASE)
_SITUATION_AFTER_RE = re.compile(r"^[^.;:]{0,30}\b(?:are|is|were|was|have\s+been|has\s+been)\s+(?:discovered|identified|found|detected|raised)\b",
                                 re.IGNORECASE)


def _finding_as_situation(text: str, finding: Fact) -> bool:
    """Whether a graded finding is named as something found, in a condition, rather than as this requirement's grading."""
    return bool(_SITUATION_BEFORE_RE.search(text[max(0, finding.start - 60):finding.start])
                or _SITUATION_AFTER_RE.match(text[finding.end:finding.end + 60]))


LEVEL_RULES: dict[str, LevelRule] = {
    "binding": _binding,
    "prohibition": _binding,
    "past_action": _past_action,
    "future_intent": _future_intent,
    "recommendation": _recommendation,
    "permission": _permission,
}


def _claim_words(c: QuantifiedClaim) -> str:
    parts = [c.kind.value, c.metric or "figure"]
    if c.value is not None:
        parts.append(f"{c.value:g}{' ' + c.unit if c.unit and c.unit != '%' else c.unit}")
    if c.baseline_year:
        parts.append(f"from {c.baseline_year}")
    if c.target_year:
        parts.append(f"by {c.target_year}")
    if c.scope:
        parts.append(f"({c.scope})")
    return " ".join(parts)


# ---------------------------------------------------------------------------
# Passages with no committing cue: results, described practice, or nothing
# ---------------------------------------------------------------------------

_WORD_RE = re.compile(r"[A-Za-z]{2,}")
MIN_WORDS = 8


# A clause cut from its sentence, as a figure's labels or a title's second line read: it opens
# with a lowercase linking word and ends without a stop ("that enable the execution of our
# business strategy culture and capabilities", "of Minerals from Conflict-Affected ... Areas").
_CUT_CLAUSE_RE = re.compile(r"^(?:that|which|who|whose|and|or|but|of|to|for|with|by|from|in|on|as|than)\b")
_CLOSED_RE = re.compile(r"[.;:!?)\]”\"]$")
MAX_CUT_CLAUSE_WORDS = 20


def word_count(text: str) -> int:
    """Words of two letters or more: what a passage says, less numbers, marks and initials."""
    return len(_WORD_RE.findall(text))


def is_fragment(text: str) -> bool:
    """Fewer words than a sentence that commits to anything (a heading, a contents row, a label), or a clause cut from one."""
    words = word_count(text)
    if words < MIN_WORDS:
        return True
    stripped = text.strip()
    return (words < MAX_CUT_CLAUSE_WORDS and bool(_CUT_CLAUSE_RE.match(stripped))
            and not _CLOSED_RE.search(stripped) and not any(ch.isdigit() for ch in stripped))
# A published list of named smelters, refiners or suppliers: names with legal
# suffixes beside the metals they process ("Metalor Technologies S.A. SWITZERLAND Gold").
_ENTITY_SUFFIX_RE = re.compile(r"\b(?:Ltd|Limited|Co|Inc|GmbH|AG|S\.A|SA|LLC|Corporation|Corp|Pvt|Bhd|Tbk|S\.p\.A|N\.V|B\.V|K\.K|PLC|Refinery|Smelter)\b")
_SOURCING_WORDS_RE = re.compile(r"\b(?:smelters?|refiner(?:s|y|ies)?|suppliers?|mines?)\b", re.IGNORECASE)
_METAL_RE = re.compile(r"\b(?:Gold|Tin|Tantalum|Tungsten|Cobalt|Mica|Lithium|Nickel|Copper)\b")
# An independent check of the company's own data or statements (an assurance statement).
_OWN_WORDS_RE = re.compile(r"\b(?:we|our|its|us)\b", re.IGNORECASE)
_VERIFIED_OWN_RE = re.compile(
    r"\b(?:assurance|verification|audit)\s+of\s+(?:its|our|their)\b[^.;]{0,60}\b(?:data|figures|inventory|report|reporting|statement|emissions|taxes|program|programme)\b"
    r"|\b(?:we|our)\b[^.;]{0,80}\b(?:assured|audited|verified)\s+(?:annually\s+)?by\s+(?:an?\s+)?(?:independent|third[- ]party|external)"
    # "Third-party verified 3TG" or smelters: a scheme's audit of the material's sources, not of the company's data.
    r"|\b(?:all\s+)?third[- ]party\s+verified\b(?!\s+(?:3TGs?|minerals?|metals?|gold|tin|tantalum|tungsten|cobalt|smelters?"
    r"|refiners?|SORs?|sources?|materials?)\b)|\bindependently\s+(?:assured|verified)\s+(?:our|its)\b",
    re.IGNORECASE)


def _verified_own(passage: Passage, f: Findings) -> bool:
    """An independent check of the company's own data, figures or statements (not of its suppliers')."""
    return (passage.doc_kind is DocumentKind.REPORT and not is_legislation(passage)
            and "third_party_verification" in f.enforcement_attributes()
            and bool(_VERIFIED_OWN_RE.search(passage.text)) and bool(_OWN_WORDS_RE.search(passage.text)))


# A smelter list's row: "Gold | L'Orfebre S.A.** | ANDORRA", "Tin | Aurubis Beerse | BELGIUM | CID002773".
_LIST_ROW_RE = re.compile(r"^\s*(?:Gold|Tin|Tantalum|Tungsten|Cobalt|Mica)\s*\|")
_SMELTER_ID_RE = re.compile(r"\bCID\d{6}\b")


def _list_row(passage: Passage) -> bool:
    """A table row of a published list of smelters or refiners: the metal, then a named facility."""
    return (passage.kind is BlockKind.TABLE and bool(_LIST_ROW_RE.match(passage.text))
            and bool(_ENTITY_SUFFIX_RE.search(passage.text) or _SMELTER_ID_RE.search(passage.text)))


def _published_list(passage: Passage, f: Findings) -> bool:
    if is_rule_text(passage) or f.committing():
        return False
    suffixes = len(_ENTITY_SUFFIX_RE.findall(passage.text))
    # Without a metal or a smelter, a list of firms is not a sourcing list
    # (a certificate's list of certification bodies, a list of advisers).
    sourcing = _METAL_RE.search(passage.text) or _SOURCING_WORDS_RE.search(passage.text)
    return bool(sourcing) and suffixes >= 1 and suffixes + len(_METAL_RE.findall(passage.text)) >= 3


# Units a report measures in: a data table's unit column, a chart's legend.
_UNITS = r"%|per\s?cent|t|tons?|tonnes?|tco2-?e?q?|kt|mt|mwh|gwh|kwh|gj|tj|m3|m³|kg|km|eur|usd|€|\$"
# A data table's unit column: what makes "Complaints | Cases | 11" a figure and "Water | 18" a page number.
_UNIT_CELL_RE = re.compile(
    rf"(?:^|\|)\s*(?:{_UNITS}|krw|jpy|cny|cases|number|no\.|persons?|people|hours|days)"
    r"(?:\s+(?:million|thousand|billion|mn|m|k|bn))?\s*(?:\||$)",
    re.IGNORECASE | re.MULTILINE)


def _data_row(passage: Passage, f: Findings) -> bool:
    """A table row reporting the company's own figure in a stated unit ("Taxes | Cash tax paid | KRW | 188,515").

    Short, yet a result; a row of topics and page numbers ("Climate | 14 ; Water | 18") has no unit.
    """
    return (passage.kind is BlockKind.TABLE and any(c.kind.value == "result" for c in f.own_claims)
            and bool(_UNIT_CELL_RE.search(passage.text)))


# Fewer words than this, with no closing stop, and a report's text is a chart's legend or a caption.
MAX_LABEL_WORDS = 15
_CLOSING_STOP_RE = re.compile(r"[.!?:;][)\]”\"']?$")
# What a chart measures, in its unit: "in t/EUR million", "in MWh", "in %".
_MEASURE_RE = re.compile(rf"\bin\s+(?:{_UNITS}|liters?|litres?)(?=[\s/,;)]|$)", re.IGNORECASE)


def _label(passage: Passage) -> bool:
    """A chart's legend or axis title read as a paragraph: a unit, no sentence, so no practice.

    "Relative per revenues in t/EUR million revenues compared to the previous
    year" (Manz 2023 p. 26) names what a chart measures; it describes nothing
    the company does.
    """
    text = passage.text.strip()
    return (passage.kind is not BlockKind.TABLE and word_count(text) < MAX_LABEL_WORDS
            and not _CLOSING_STOP_RE.search(text) and bool(_MEASURE_RE.search(text)))


def _described(passage: Passage, f: Findings) -> tuple[int, str, list[Reason]]:
    """Level for a passage without committing cues, with its modality and reasons."""
    if passage.kind is BlockKind.HEADING or (is_fragment(passage.text) and not _data_row(passage, f)
                                             and not _list_row(passage)):
        return 0, "descriptive", []
    if _published_list(passage, f) or _list_row(passage):
        return 3, "descriptive", [reason("strength.published_list", "named smelters, refiners or suppliers")]
    if not is_legislation(passage):
        own = f.own_claims
        if not own and _label(passage):
            return 0, "descriptive", []
        results = [c for c in own if c.kind.value == "result"]
        if results:
            return 3, "past_action", [reason("strength.own_result", _claim_words(results[0]))]
        if own:
            return 3, "future_intent", [reason("strength.own_target", _claim_words(own[0]))]
        if f.claims:
            context = f.claims[0]
            return 2, "descriptive", [reason("strength.context_figures", f"{context.owner.words}: {context.text[:80]}")]
    # Whether the passage is on topic at all is the classifier's call; what
    # it describes without a committing cue is practice or operative text.
    rule = "structure.operative_text" if is_legislation(passage) else "strength.described_practice"
    return 2, "descriptive", [reason(rule, "no committing cue")]


# ---------------------------------------------------------------------------
# Gap flags
# ---------------------------------------------------------------------------

_RESTRICTOR_RE = re.compile(r"(?<!not )\b(?:only|solely|exclusively|limited to|restricted to)\b", re.IGNORECASE)
NARROW_TIERS = frozenset({"tier 1", "tier-1", "tier one", "first tier", "first-tier", "direct suppliers", "direct business partners"})
BROAD_SCOPE = frozenset({"all tiers", "beyond tier 1", "beyond tier-1", "sub-tier suppliers", "indirect suppliers",
                         "indirect business partners", "all minerals", "minerals and metals", "chain of activities"})
THREE_TG = frozenset({"tin", "tantalum", "tungsten", "gold"})
BEYOND_3TG_RE = re.compile(r"\b(?:cobalt|mica|lithium|graphite|nickel|copper|3TG\s*\+\s*C|3TG\+C)\b", re.IGNORECASE)


# "committed to sourcing only responsibly produced materials" (Tesla 2025), "suppliers may only use Conformant
# smelters" (Micron 2025): "only" that keeps out what falls short of a standard makes the requirement
# stricter; it limits no scope.
_ONLY_THE_COMPLIANT_RE = re.compile(
    r"(?:only|solely|exclusively)\s+(?:(?:source|sourcing|sourced|use|using|used|buy|buying|purchase|procure|procuring)\s+)?"
    r"(?:\w+\s+)?(?:from\s+)?(?:(?:smelters|refiners|sors|suppliers|materials|minerals)\s+(?:that|which)\s+(?:are|have\s+been)\s+)?"
    r"(?:responsibly|conformant|certified|validated|conflict[- ]free|rmap|audited|ethically|compliant)\b", re.IGNORECASE)


def _scope_limited(text: str, spec: Specificity) -> str | None:
    m = next((r for r in _RESTRICTOR_RE.finditer(text) if not _ONLY_THE_COMPLIANT_RE.match(text, r.start())), None)
    if m:
        return m.group()
    names = {s.text.lower() for s in spec.scope()}
    if names & BROAD_SCOPE:
        return None
    if names & NARROW_TIERS:
        return sorted(names & NARROW_TIERS)[0]
    materials = {s.text.lower() for s in spec.scope("material")}
    # A programme that names cobalt or mica beside 3TG reaches beyond it.
    beyond = materials - THREE_TG - {"3tg", "conflict minerals"} or BEYOND_3TG_RE.search(text)
    if not beyond and (materials & {"3tg", "conflict minerals"} or (materials and materials <= THREE_TG and len(materials) >= 3)):
        return "3TG"
    return None


def gap_flags(text: str, f: Findings, modality: str) -> tuple[tuple[GapFlag, ...], list[Reason]]:
    flags, reasons = [], []
    if f.hedges:
        flags.append(GapFlag.HEDGED)
    loophole = granted_exemptions(text, f.legal_facts)
    if loophole:
        flags.append(GapFlag.THRESHOLD_EXEMPTION)
        reasons.extend(reason("gap.threshold_exemption", f"{x.text}") for x in loophole[:3])
    limited = _scope_limited(text, f.specificity)
    if limited:
        flags.append(GapFlag.SCOPE_LIMITED)
        reasons.append(reason("gap.scope_limited", f"{limited}"))
    dated = f.specificity.has_deadline or any(c.target_year for c in f.claims)
    if modality == "future_intent" and not dated:
        flags.append(GapFlag.NO_DEADLINE)
        reasons.append(reason("gap.no_deadline", "an intention without a date"))
    return tuple(flags), reasons


# ---------------------------------------------------------------------------
# Rating
# ---------------------------------------------------------------------------


def _clause_of(text: str, at: int) -> tuple[int, int]:
    """The clause a position falls in: sentences, split again at ', and', ', but', ';'."""
    for s, e in sentences(text):
        if s <= at < e or (at == e and e == len(text)):
            breaks = [s] + [s + m.start() for m in re.finditer(r",\s+(?:and|but|while|whereas|or)\b|\s+(?:and|but|or),\s|;\s", text[s:e])] + [e]
            for a, b in zip(breaks, breaks[1:]):
                if a <= at < b:
                    return a, b
            return s, e
    return 0, len(text)


def _lowering_hedge(passage: Passage, f: Findings, decisive: tuple[int, int] | None) -> Hit | None:
    """The hedge that qualifies the decisive clause; in law only those that can void a duty."""
    candidates = [h for h in f.hedges if not is_legislation(passage) or h.rule_id in VOIDING]
    if decisive is None or decisive[0] == decisive[1] == 0:
        return candidates[0] if candidates else None  # a lead-in's duty: the point's own hedges qualify it
    start, end = _clause_of(passage.text, decisive[0])
    for h in candidates:
        if start <= h.start < end or (decisive[0] <= h.start <= decisive[1]):
            return h
    return None


def is_explanatory(passage: Passage) -> bool:
    """Recitals and explanatory memoranda explain a law; they enact nothing."""
    return passage.role == "recital" or any(EXPLANATORY_RE.search(s) for s in (*passage.section, passage.heading))


# Sentence ends: a full stop, question or exclamation mark before the next sentence's capital or number.
_SENTENCE_END_RE = re.compile(r"(?<=[.?!])\s+(?=[A-Z0-9(\u2018\u201c\"'])")


def asks_only(text: str) -> bool:
    """Whether the passage only asks ("40) Which authorities are in charge of supervising compliance ...?").

    A Q&A's question names a topic and binds no one; the answer after it says
    what is required or done (the labels put such questions at 0). A
    guidance's questions are another thing: "What was the point of export?"
    is a check it asks a company to make, so `rate` reads them as it reads
    any of its requirements.
    """
    sentences = [s for s in _SENTENCE_END_RE.split(text.strip()) if s.strip()]
    return bool(sentences) and all(s.rstrip().endswith("?") for s in sentences)


def rate(passage: Passage, f: Findings, provision: Provision, reach: EnforcementReach) -> Assessment:
    if passage.doc_kind is not DocumentKind.INITIATIVE and asks_only(passage.text):
        return Assessment(passage.id, 0, Modality.DESCRIPTIVE, facts=f.facts,
                          reasons=(reason("structure.question", passage.text.strip()[:60]),),
                          addressee=provision.addressee, duty_type=provision.duty_type, claims=f.claims)
    cues = f.committing() + ([provision.cue] if provision.inherited and provision.cue else [])
    best: tuple[int, int, Hit, list[Reason]] | None = None  # (level, -preference, cue, reasons)
    for cue in cues:
        level, extra = LEVEL_RULES[cue.label](passage, f, provision, reach, cue)
        key = (level, -PREFERENCE[cue.label])
        if best is None or key > best[:2]:
            best = (level, -PREFERENCE[cue.label], cue, extra)

    level, modality, reasons = 0, "descriptive", []
    decisive: tuple[int, int] | None = None
    if best is not None:
        level, modality = best[0], best[2].label
        reasons = [best[2].reason, *best[3]]
        decisive = (best[2].start, best[2].end)

    legislation = is_legislation(passage)
    # A process promised for later is not yet a process: "we will set up a
    # grievance mechanism" stays an open intent.
    if not legislation and f.procedures and modality != "future_intent":
        proc_level = 3 if f.own_claims else 2
        if proc_level > level:
            level = proc_level
            reasons.append(f.procedures[0].reason)
            if proc_level == 3:
                reasons.append(reason("strength.process_with_figures", _claim_words(f.own_claims[0])))
    # The company's own dated or quantified target or result is specific
    # whatever verb carries it ("we aim to cut Scope 1 and 2 by 30 % by 2030").
    if not legislation and f.own_claims and 0 < level < 3 and modality in {"recommendation", "future_intent", "descriptive"}:
        claim = f.own_claims[0]
        level = 3
        reasons.append(reason("strength.own_target" if claim.kind.value == "target" else "strength.own_result",
                              _claim_words(claim)))
        decisive = (claim.start, claim.end)
    if _verified_own(passage, f) and level < 4:
        level = 4
        reasons.append(reason("strength.verified_results", "independent assurance of the company's own data"))
    graded = [x for x in f.legal_facts if x.attribute == "graded_audit_finding" and not _finding_as_situation(passage.text, x)]
    if passage.doc_kind is DocumentKind.INITIATIVE and not legislation and graded and level < 4:
        # The standard grades the breach: the requirement carries its consequence.
        level = 4
        reasons.append(reason("structure.graded_finding", graded[0].text))
        modality = "binding" if modality == "descriptive" else modality
    content = [x for x in f.legal_facts if x.kind in CONTENT_FACTS]
    if legislation and passage.role not in NON_OPERATIVE_ROLES and content and level < 2:
        level = 2
        reasons.append(reason("structure.operative_provision", f"{content[0].text}"))

    if level == 0:
        level, modality, extra = _described(passage, f)
        reasons.extend(extra)
        if f.own_claims and level == 3:
            decisive = (f.own_claims[0].start, f.own_claims[0].end)
    if level == 0:
        # Nothing commits anyone: forecasts, doubts, titles, boilerplate.
        noted = [h.reason for h in f.modal]
        return Assessment(passage.id, 0, Modality.DESCRIPTIVE, hedges=tuple(h.to_span() for h in f.hedges),
                          facts=f.facts, reasons=tuple(noted[:3] + list(f.polarity.reasons)),
                          addressee=provision.addressee, duty_type=provision.duty_type, polarity=f.polarity.polarity,
                          claims=f.claims, opposing=f.polarity.opposing, narrowing=f.polarity.narrowing)

    hedge = _lowering_hedge(passage, f, decisive)
    if hedge is not None and level >= 2:
        level -= 1
        reasons.append(reason(hedge.rule_id, f"{hedge.text} (-1)"))
    if is_explanatory(passage) and level > 2:
        level = 2
        rule = "structure.recital_cap" if passage.role == "recital" else "structure.memorandum_cap"
        reasons.append(reason(rule, "explains the law, at most 2"))
    if passage.role == ROLE_INTERPRETATION and level > 2:
        # The Commission's reading of a law retells its duties; only the act binds, and only a court interprets it.
        level = 2
        reasons.append(reason("structure.interpretation_cap", "the Commission explains the law here, at most 2"))
    if passage.role == "definition" and level > 2 and modality not in BINDING:
        level = 2
        reasons.append(reason("structure.definition_cap", "a definition without an obligation is at most 2"))

    flags, flag_reasons = gap_flags(passage.text, f, modality)
    return Assessment(
        passage_id=passage.id,
        strength=level,
        modality=Modality(modality),
        hedges=tuple(h.to_span() for h in f.hedges),
        facts=f.facts,
        reasons=tuple(reasons + list(f.polarity.reasons) + flag_reasons),
        gap_flags=flags,
        addressee=provision.addressee,
        duty_type=provision.duty_type,
        polarity=f.polarity.polarity,
        claims=f.claims,
        opposing=f.polarity.opposing,
        narrowing=f.polarity.narrowing,
    )
