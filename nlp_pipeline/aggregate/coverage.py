"""Coverage cells of one document, from its analysed passages.

Pure functions: given what each passage is about and how strong it is (the
AnalysedPassage), say per category how far the document goes, which passages
prove it, and what narrows it. A document's cells depend on its own passages
only, so a corpus is aggregated one document at a time.

Per category a passage is read once more:

- its polarity for that category: a threshold, exemption or "best efforts"
  narrows whatever it is about; deregulation opposes any category; shareholder
  primacy only those the taxonomy says it opposes (`opposed_by`). Narrowing
  and opposing passages are evidence of a gap, never coverage;
- a duty to disclose or report covers only categories the taxonomy marks
  `covered_by_disclosure` (transparency, disclosure of due diligence results);
  elsewhere it shows that the topic must be reported on, not that it is done,
  so it counts at most as procedural there. A result the text reports having
  achieved is no such duty;
- an option or power ("may") obliges no one: at most aspirational;
- a standard's duty to disclose a measured quantity (energy in MWh, waste in
  tonnes, a share, a rate) counts as a result with its scope on the topic it
  measures, 3, while the passage itself stays a process (metrics.py);
- an independently verified result of the company's own (an assurance
  statement, a certified site) is a result reached, at most specific: the
  check makes the figures credible, it does not bind the company to the
  category's outcome;
- a limit a company report describes in its own programme (3TG only,
  smelters deemed conformant) narrows the cell at most as a process: the
  figures beside it count the programme, not the gap;
- where a report's own results stand beside a limit in how the programme
  counts them (sources counted conformant without a check), the limit is
  read on the categories the taxonomy says limits narrow (scope, loopholes),
  and the results stand on the others;
- the notes to a company's financial statements account for a topic as
  accounting standards require (a tax-rate reconciliation, a provision): at
  most a process, never the company's commitment;
- a company's own figures count on a category only when they measure it: not
  through words the category shares with the one the figure is placed on,
  and, where the taxonomy names `figure_subjects`, only when the figure's
  sentence or section names one (its own office waste is no collection of
  discarded electronics);
- a company report's own account is at most specific: the supplier contracts
  and audits it describes bind its suppliers, while nobody outside the company
  binds the company to them, as a law's penalties or a standard's audits do;
- a recital or an explanatory memorandum explains an act and enacts nothing:
  it shows the act speaks of a topic, not how far it goes, so it is listed as
  evidence but never sets the status of a law's cell;
- likewise a guidance's example or a standard's back matter (defined terms,
  a list of possible topics) only illustrates the topics it names
  (illustrations.py);
- in an amending act, a passage carrying an amendment weighs in the cell's
  polarity with what the amendment does to the act it amends (a provision
  deleted opposes, one cut back narrows: amendments.py), while its own
  wording still sets the status; so does a grant limited to the articles it
  names ("penalties applicable to infringements of Articles 5, 6 and 7"),
  which narrows the act's coverage while establishing what it grants.

The status is that of the strongest confidently classified establishing
passage that can set one. The cell's polarity says whether the strongest evidence narrows or
opposes: among the confident passages within one level of the highest
strength found, the non-establishing ones outnumber the establishing ones.
When the strongest evidence is a threshold or carve-out (or, in a law, a
repeal), the cell takes that provision's strength, and its polarity says it
is a gap: "binding and enforced, narrows" is a binding loophole, which every
report marks as such ("4-" in the matrices), never coverage.
"""

from __future__ import annotations

import re

from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

from nlp_pipeline.records import (
    Addressee,
    Assessment,
    AnalysedPassage,
    CoverageCell,
    BlockKind,
    CueMatch,
    CoverageStatus,
    Document,
    DocumentKind,
    DutyType,
    Evidence,
    GapFlag,
    KeyWords,
    Modality,
    OWN_FIGURE_RULES,
    Passage,
    Polarity,
    PracticeMatch,
    QuantifiedClaim,
    Reason,
)
from nlp_pipeline.aggregate.illustrations import SENTENCE_RE, example_continuations, illustrates
from nlp_pipeline.aggregate.metrics import asked_metric, metric_continuations, metric_on_topic
from nlp_pipeline.aggregate.amendments import AmendmentEffect, amendment_effects, worse
from nlp_pipeline.assess.explanations import reason
from nlp_pipeline.assess.polarity import limited_reach
from nlp_pipeline.assess.strength import is_explanatory, word_count
from nlp_pipeline.taxonomy import Category, Taxonomy, categories
from nlp_pipeline.taxonomy.cue_words import cue_pattern

EVIDENCE_PER_CELL = 5
# Out of fold, passages the head scores at 0.5 or more are on topic about half
# the time or better (0.80 above 0.7), those just over the passage threshold
# a third of the time. A cell's status is a claim about the whole document, so
# only confident passages set it; weaker ones are listed and count as a mention.
CONFIDENT_SCORE = 0.5
# What a reporting duty shows about a category it does not cover by itself.
DISCLOSURE_ONLY_CAP = 2
# What an option or a power shows: the topic is allowed for, nobody is bound.
PERMISSION_CAP = 1
# Wording that reports what was done: a reported result is coverage, not a duty to report.
REPORTED = frozenset({Modality.PAST_ACTION, Modality.DESCRIPTIVE})
# What an independently verified result shows about a category: a result
# reached (guideline: progress reported is 3). The assurer checks that the
# figures are right; nothing binds the company to the category's outcome.
VERIFIED_RESULT_CAP = 3
# The passage's level rests on the verification of the company's own data.
VERIFIED_RESULT_RULES = frozenset({"strength.verified_results"})
# What a company's own account shows on a category: a requirement it imposes or a
# result it reports, with its scope. The contracts and audits it describes bind
# its suppliers; nothing outside the company binds the company to them, so the
# cell of a report is never "binding and enforced" in the sense a law is.
COMPANY_ACCOUNT_CAP = 3
# What a limit a company report describes shows (3TG only, smelters deemed conformant): how it
# runs its programme, a process. Its figures count the programme (245 smelters), not the gap.
REPORTED_LIMIT_LEVEL = 2
# Limits in how a company's programme counts its results (sources counted conformant without a check),
# as against limits of what it covers (a threshold, an exemption).
COUNTING_LIMITS = frozenset({"deemed_conformant"})
# What a report shows on a category by naming a practice of the company's (`practice_cues`):
# the practice described, unless the passage's own figures make it more.
DESCRIBED_PRACTICE = 2
# What a passage shows on a category when its own figures are on another topic: a process.
FIGURES_ELSEWHERE_CAP = 2
# What the notes to a company's financial statements show on a category: the topic accounted
# for as accounting standards require (a tax-rate reconciliation, a provision), a process at most.
FINANCIAL_NOTES_CAP = 2
FINANCIAL_NOTES_RE = re.compile(
    r"^\s*notes\b.*\b(?:group|consolidated|financial|accounts)\b|\bnotes\s+to\s+the\s+(?:consolidated\s+)?(?:financial|accounts)",
    re.IGNORECASE)
# Caps that say what a passage counts lies outside the category's subject. (A figure on another of the
# passage's topics leaves the rest of the passage on this one: "labour standards (including freedom of
# association) ... target working time of 48 hours" still speaks to freedom of association.)
OFF_TOPIC_CAPS = frozenset({"coverage.figures_off_subject", "coverage.financial_notes"})
# The rules that make a report passage specific through the company's own figures.
FIGURE_RULES = OWN_FIGURE_RULES | {"strength.process_with_figures", "strength.time_bound_target"}
# Rules that make a passage specific without the company's figures.
SPECIFIC_WITHOUT_FIGURES = frozenset({"strength.published_list"})
# What a standard's duty to disclose a measured quantity shows on the topic it measures: a result with scope.
METRIC_DISCLOSURE_LEVEL = 3
# Flags that describe the cell as a whole, not one passage of it.
CELL_FLAGS = frozenset({GapFlag.ABSENT, GapFlag.NO_SANCTION})


@dataclass(frozen=True)
class CoverageCap:
    """A kind of passage that shows less about a category than its wording's strength: (rule, cap, when).

    `applies` reads the passage, the category and the passage's polarity on it.
    """

    rule: str
    cap: int
    applies: Callable[[AnalysedPassage, Category, Polarity], bool]


COVERAGE_CAPS: tuple[CoverageCap, ...] = (
    CoverageCap("coverage.disclosure_only", DISCLOSURE_ONLY_CAP,
                lambda p, c, _: p.assessment.duty_type is DutyType.DISCLOSURE and p.assessment.modality not in REPORTED
                and not c.covered_by_disclosure and not discloses_metric(p, c) and not written_into_supply_contracts(p)),
    CoverageCap("coverage.permission", PERMISSION_CAP, lambda p, c, _: p.assessment.duty_type is DutyType.PERMISSION),
    CoverageCap("coverage.verified_result", VERIFIED_RESULT_CAP,
                lambda p, c, _: any(r.rule in VERIFIED_RESULT_RULES for r in p.assessment.reasons)),
    CoverageCap("coverage.figures_elsewhere", FIGURES_ELSEWHERE_CAP, lambda p, c, _: figures_on_another_topic(p, c)),
    CoverageCap("coverage.figures_off_subject", FIGURES_ELSEWHERE_CAP, lambda p, c, _: figures_off_subject(p, c)),
    CoverageCap("coverage.financial_notes", FINANCIAL_NOTES_CAP,
                lambda p, c, _: p.passage.doc_kind is DocumentKind.REPORT and in_financial_notes(p.passage)),
    CoverageCap("coverage.reported_limit", REPORTED_LIMIT_LEVEL,
                lambda p, c, polarity: polarity is Polarity.NARROWS and p.passage.doc_kind is DocumentKind.REPORT),
    CoverageCap("coverage.company_account", COMPANY_ACCOUNT_CAP,
                lambda p, c, _: p.passage.doc_kind is DocumentKind.REPORT),
)


# "We also continued to incorporate our responsible minerals supplier requirements (i.e., that suppliers must
# report 100% of their supply chain ...) into the terms and conditions of our purchase orders and supplier
# agreements" (Micron 2025): what suppliers must report to the company is a term of its purchasing, not the
# company's duty to report on a topic.
_SUPPLY_CONTRACT_RE = re.compile(
    r"\b(?:purchase\s+orders?|purchasing\s+(?:terms|conditions|agreements?|contracts?)|supplier\s+(?:agreements?|contracts?)"
    r"|supply\s+(?:agreements?|contracts?)|terms\s+and\s+conditions\s+of\s+(?:our\s+)?(?:purchase|supply|supplier))\b", re.IGNORECASE)
_SUPPLIERS_REPORT_RE = re.compile(
    r"\bsuppliers?\s+(?:must|shall|will|are\s+(?:required|obliged|obligated|expected)\s+to|to)\s+(?:report|disclose|provide|submit)\b",
    re.IGNORECASE)


def written_into_supply_contracts(passage: AnalysedPassage) -> bool:
    """Whether a company report's duty to disclose is its suppliers' reporting, written into its supply contracts."""
    text = passage.passage.text
    return (passage.passage.doc_kind is DocumentKind.REPORT and bool(_SUPPLY_CONTRACT_RE.search(text))
            and bool(_SUPPLIERS_REPORT_RE.search(text)))


def results_beside_limit(passage: AnalysedPassage, category: Category) -> bool:
    """Whether a report passage gives the company's own results beside a limit its category does not address.

    IBM's "as part of the due diligence process for 245 SORs ... 94 % conformant;
    SORs using only recycled or scrap material are also added to the conformant
    category": the count is a result of its due diligence, while counting
    unvalidated sources as conformant is a loophole. The limit narrows the
    categories the taxonomy says limits narrow (scope, loopholes); elsewhere the results stand.
    """
    a = passage.assessment
    if passage.passage.doc_kind is not DocumentKind.REPORT or a.strength < 3:
        return False
    if not {r.rule for r in a.reasons} & FIGURE_RULES or not set(a.narrowing) <= COUNTING_LIMITS:
        return False
    return not reads_limits(category)


def reads_limits(category: Category) -> bool:
    """Whether the taxonomy says what narrows this category (scope, loopholes): a limit is evidence there."""
    return bool(category.addressed_by_narrowing or category.narrowed_by) or _practices_narrow(category)


def _practices_narrow(category: Category) -> bool:
    return category.practice_cues is not None and category.practice_cues.polarity == Polarity.NARROWS.value


def _practice_named(passage: AnalysedPassage, category: Category) -> PracticeMatch | None:
    """The practice of the category's `practice_cues` that put the passage on it, if one did."""
    score = passage.category_score(category.id)
    return next((e for e in score.evidence if isinstance(e, PracticeMatch)), None) if score else None


def in_financial_notes(passage: Passage) -> bool:
    """Whether the passage stands in the notes to the financial statements of an annual report."""
    return any(FINANCIAL_NOTES_RE.search(heading) for heading in passage.section)


def reported_practice_level(passage: AnalysedPassage, category: Category) -> tuple[int, str] | None:
    """The level of a report passage on a category only a practice rule put it on, and the practice named.

    "This team reports to IBM's Chief Procurement Officer" is governance a
    company describes: a process (2), though the passage's other sentence is
    only "highly committed" (1) or sets suppliers a dated requirement (3)
    that is about something else. The company's own figures keep their level
    ("two smelters became non-conformant; we told suppliers to cease sourcing
    from them"). None when the classifier also put the passage there: it read
    the whole.
    """
    score = passage.category_score(category.id)
    if score is None or not score.evidence or not all(isinstance(e, PracticeMatch) for e in score.evidence):
        return None
    a = passage.assessment
    rules = {r.rule for r in a.reasons}
    if a.strength >= DESCRIBED_PRACTICE and rules & (FIGURE_RULES | VERIFIED_RESULT_RULES) \
            and (rules & (OWN_FIGURE_RULES | VERIFIED_RESULT_RULES) or _figures_name_practice(a, score.evidence)):
        return None
    return DESCRIBED_PRACTICE, f"{score.evidence[0].act} {score.evidence[0].object}"


def _figures_name_practice(assessment: Assessment, practices: Sequence[PracticeMatch]) -> bool:
    """Whether a process's figures are the practice's: a sentence carrying one names it.

    A process described beside the company's figures is specific through
    them, and they may count something else: "IBM has received CMRTs from
    100 percent of our in-scope suppliers" counts replies to a survey, not
    the reporting line in the sentence before it.
    """
    figures = [c.text.lower() for c in assessment.claims if c.specific and c.text]
    words = {w.lower() for m in practices for w in (m.act, m.object) if w}
    return any(w in f for f in figures for w in words)


def practice_narrows(passage: AnalysedPassage, category: Category) -> bool:
    """Whether the passage names a practice of the company's that the category's `practice_cues` say narrows it.

    "We excluded suppliers who did not report the use of 3TG minerals" is the
    company's own account of a limit of its due diligence: whatever else the
    passage says, on this category it is gap evidence.
    """
    return _practices_narrow(category) and _practice_named(passage, category) is not None


def discloses_metric(passage: AnalysedPassage, category: Category, continues_duty: bool = False) -> str:
    """The quantity a standard's duty to disclose asks for on this category ('' when none: metrics.py)."""
    metric = asked_metric(passage, continues_duty)
    if not metric:
        return ""
    sentences = [m.group() for m in SENTENCE_RE.finditer(passage.passage.text)]
    return metric if metric_on_topic(metric, _illustration_terms(passage, category.id), sentences) else ""


def figures_on_another_topic(passage: AnalysedPassage, category: Category) -> bool:
    """Whether the passage is specific only through figures on another topic than this category.

    "We designed an alloy of 100 % recycled aluminium ... and we have
    improved our ability to track materials": the figure makes the passage
    specific on recycled content, while on traceability it reports a process.
    Read through the words that put the passage on the category (its cue
    terms and the word model's words): when none of them is in a sentence
    that carries the company's own figure, the figure is about something else;
    words it shares with every category the figure is placed on do not count.
    The figure must also be placed on another category of the passage (its
    metric is among that category's words): a figure nobody can place keeps
    the passage's level, as does a category without such words.
    """
    figures = _specific_only_through_figures(passage)
    if not figures:
        return False
    terms = _topic_terms(passage, category.id)
    if not terms:
        return False
    others = [_topic_terms(passage, s.category_id) for s in passage.scores if s.present and s.category_id != category.id]

    def elsewhere(claim: QuantifiedClaim) -> bool:
        placed = [o for o in others if claim.metric and claim.metric in o]
        if claim.metric in terms or not placed:
            return False
        # Words this category shares with every one the figure is placed on ("devices" on
        # repair and on collection alike) cannot say which of them the figure measures.
        own = terms - set.intersection(*placed)
        return not any(w in claim.text.lower() for w in own)

    # Each figure must be placed: off this category, and on another of the passage's.
    return all(elsewhere(c) for c in figures)


def figures_off_subject(passage: AnalysedPassage, category: Category) -> bool:
    """Whether the passage's own figures count something outside what the category is about.

    A table row "General waste | Recycled | Tonnes | 95.3" under "Waste
    Management" is the company's own office waste; collection and recycling
    in the roadmap's sense is of discarded electronics. The category's
    `figure_subjects` say what its figures must be about: when neither the
    sentence carrying a figure nor the passage's section names one of them,
    the passage describes a process there, not a result.
    """
    if not category.figure_subjects:
        return False
    figures = _specific_only_through_figures(passage)
    if not figures:
        return False
    subject = cue_pattern(tuple(category.figure_subjects))
    # What a figure measures may be named by its sentence, its section or the claim's metric
    # (money the company gives is "funding", whatever the cause is called).
    places = [c.text for c in figures] + [c.metric for c in figures] + [passage.passage.section_path]
    return not any(subject.search(place) for place in places)


def _specific_only_through_figures(passage: AnalysedPassage) -> list[QuantifiedClaim]:
    """The company's own figures that alone make the passage specific ([] when something else does)."""
    a = passage.assessment
    figures = [c for c in a.claims if c.specific and c.text]
    rules = {r.rule for r in a.reasons}
    # A published smelter or supplier list is specific by itself, whatever its figures count.
    if a.strength != 3 or not figures or not rules & FIGURE_RULES or rules & SPECIFIC_WITHOUT_FIGURES:
        return []
    return figures


def _illustration_terms(passage: AnalysedPassage, category_id: str,
                        common_words: frozenset[str] = frozenset()) -> set[str]:
    """The category's cue terms in the passage, else the word model's words less the document's own vocabulary.

    The cue terms name the topic; the word model's words also carry the
    document's own vocabulary ("undertaking", "impacts" in a guidance on
    materiality), which stands outside any example and would hide one.
    """
    score = passage.category_score(category_id)
    cues = {e.term.lower() for e in (score.evidence if score else ()) if isinstance(e, CueMatch)}
    return cues or _topic_terms(passage, category_id) - common_words


# A word in this share of a document's passages is its own vocabulary, not a topic.
COMMON_WORD_SHARE = 0.25
WORD_RE = re.compile(r"[a-z][a-z'’-]+")


def common_words(passages: Sequence[AnalysedPassage], share: float = COMMON_WORD_SHARE) -> frozenset[str]:
    """The words found in at least this share of the document's passages."""
    counts: Counter[str] = Counter()
    for p in passages:
        counts.update(set(WORD_RE.findall(p.passage.text.lower())))
    least = share * len(passages)
    return frozenset(w for w, n in counts.items() if n >= least)


def _topic_terms(passage: AnalysedPassage, category_id: str) -> set[str]:
    """The words that put the passage on a category: its cue terms and the word model's words."""
    score = passage.category_score(category_id)
    terms: set[str] = set()
    for e in score.evidence if score else ():
        if isinstance(e, CueMatch):
            terms.add(e.term.lower())
        elif isinstance(e, KeyWords):
            terms.update(w.lower() for w in e.words)
    return terms


@dataclass(frozen=True)
class CategoryReading:
    """One passage read for one category."""

    passage: AnalysedPassage
    score: float
    strength: int
    polarity: Polarity
    reasons: tuple[Reason, ...] = ()
    sets_status: bool = True  # False for passages that explain a law rather than enact it
    effect: Polarity = Polarity.ESTABLISHES  # what the amendment it carries does to the amended act

    @property
    def held_off_topic(self) -> bool:
        """Whether its level here was held down because what it counts is another topic's."""
        return any(r.rule in OFF_TOPIC_CAPS for r in self.reasons)

    @property
    def confident(self) -> bool:
        return self.score >= CONFIDENT_SCORE

    @property
    def weighs(self) -> Polarity:
        """The polarity it adds to the cell's: its own, or the amendment's when that takes more away."""
        return worse(self.polarity, self.effect)

    def evidence(self, category_id: str) -> Evidence:
        return Evidence.of(self.passage, category_id, strength=self.strength, polarity=self.polarity,
                           extra_reasons=self.reasons)


def read_for_category(passage: AnalysedPassage, category: Category, score: float | None = None,
                      amendment: AmendmentEffect | None = None, continues_example: bool = False,
                      continues_duty: bool = False, common: frozenset[str] = frozenset()) -> CategoryReading:
    """The passage's strength and polarity for one category, with the reasons that changed them."""
    a = passage.assessment
    if amendment is not None and amendment.own is not None:
        # An amending act's instruction says what changes in another act, which the effect weighs;
        # the passage's own polarity is that of its new wording.
        a = replace(a, opposing=amendment.own.opposing, narrowing=amendment.own.narrowing)
    strength = a.strength
    extra: list[Reason] = []
    polarity = a.polarity_for(category.opposed_by)
    if polarity is Polarity.NARROWS and results_beside_limit(passage, category):
        # The figures count the programme on this topic; the limit is a loophole, read on the loophole's category.
        polarity = Polarity.ESTABLISHES
        extra.append(reason("coverage.results_beside_limit", ", ".join(a.narrowing)))
    narrowing_flags = [f.value for f in passage.gap_flags if f.value in category.narrowed_by]
    if polarity is Polarity.ESTABLISHES and narrowing_flags:
        polarity = Polarity.NARROWS
        extra.append(reason("coverage.narrowed_by_flag", ", ".join(narrowing_flags)))
    if polarity is Polarity.ESTABLISHES and practice_narrows(passage, category):
        polarity = Polarity.NARROWS
        named = _practice_named(passage, category)
        extra.append(reason("coverage.practice_narrows", f"{named.act} {named.object}"))
    if polarity is Polarity.OPPOSES:
        extra.append(reason("coverage.opposes", ", ".join(a.opposing)))
    practice = reported_practice_level(passage, category)
    if practice is not None and practice[0] != strength:
        extra.append(reason("coverage.reported_practice", f"{practice[1]}: {strength} -> {practice[0]}"))
        strength = practice[0]
    metric = discloses_metric(passage, category, continues_duty)
    if metric:
        extra.append(reason("coverage.quantified_disclosure", f"{metric}: {strength} -> {METRIC_DISCLOSURE_LEVEL}"))
        strength = METRIC_DISCLOSURE_LEVEL
    for cap in COVERAGE_CAPS:
        if strength > cap.cap and cap.applies(passage, category, polarity):
            extra.append(reason(cap.rule, f"{strength} -> {cap.cap} for {category.id}"))
            strength = cap.cap
    explains = explains_law(passage)
    if explains:
        extra.append(reason("coverage.explains_law", passage.passage.section_path or passage.passage.role))
    illustration = illustrates(passage, _illustration_terms(passage, category.id, common), continues_example,
                               assurance_counts=category.evidenced_by_assurance) \
        or auditors_duty(passage, counts=category.shown_by_auditors_duties)
    if illustration:
        extra.append(reason("coverage.illustrates", illustration))
    effect = Polarity.ESTABLISHES
    if amendment is not None:
        effect = amendment.polarity
        extra.extend(amendment.reasons)
    limited = limited_reach(passage.passage.text)
    if limited:
        # Its own wording still sets the status; what it leaves out weighs in the cell's polarity.
        effect = worse(effect, Polarity.NARROWS)
        extra.append(reason("coverage.limited_reach", limited))
    return CategoryReading(passage, passage.score(category.id) if score is None else score, strength, polarity, tuple(extra),
                           sets_status=not (explains or illustration), effect=effect)


def auditors_duty(passage: AnalysedPassage, counts: bool) -> str:
    """Why a law's duty on statutory auditors says nothing of the category ('' when it may).

    The CSRD's Article 3 amends the Audit Directive: what auditors must do
    and the sanctions "without prejudice to their civil liability regimes"
    bind the auditors, and say how the companies' reports are checked, not
    how companies' duties are implemented or remedied. Only a category the
    taxonomy says they show (`shown_by_auditors_duties`: sanctions, the
    quality of due diligence) is shown by them.
    """
    if counts or passage.passage.doc_kind is not DocumentKind.LEGISLATION:
        return ""
    if passage.assessment.addressee is not Addressee.AUDITOR:
        return ""
    return "a duty of statutory auditors: how reports are checked, not what companies must do"


def explains_law(passage: AnalysedPassage) -> bool:
    """A recital or explanatory memorandum of an act: it gives the act's reasons and enacts nothing."""
    return passage.passage.doc_kind is DocumentKind.LEGISLATION and is_explanatory(passage.passage)


@dataclass(frozen=True)
class DocumentReading:
    """What reading a passage for a category takes from the rest of its document.

    The amendments each passage carries, the list points that go on with an
    example or with a duty to disclose a figure, and the document's own
    vocabulary. Cells and milestones read passages through the same one.
    """

    amendments: dict[str, AmendmentEffect] = field(default_factory=dict)
    continues_example: frozenset[str] = frozenset()
    continues_duty: frozenset[str] = frozenset()
    vocabulary: frozenset[str] = frozenset()

    @classmethod
    def of(cls, passages: Sequence[AnalysedPassage], document: Document | None = None) -> DocumentReading:
        return cls(amendment_effects(document, passages) if document is not None else {},
                   example_continuations(passages), metric_continuations(passages), common_words(passages))

    def read(self, passage: AnalysedPassage, category: Category) -> CategoryReading:
        return read_for_category(passage, category, amendment=self.amendments.get(passage.id),
                                 continues_example=passage.id in self.continues_example,
                                 continues_duty=passage.id in self.continues_duty, common=self.vocabulary)


def coverage_cells(
    document: Document,
    passages: Sequence[AnalysedPassage],
    taxonomy: Taxonomy,
    confident_score: float = CONFIDENT_SCORE,
    reading: DocumentReading | None = None,
) -> tuple[CoverageCell, ...]:
    """One cell per category of the taxonomy, in taxonomy order."""
    by_category: dict[str, list[AnalysedPassage]] = defaultdict(list)
    for passage in passages:
        for category_id in passage.categories:
            by_category[category_id].append(passage)
    enforced = has_enforcement(passages)
    reading = reading or DocumentReading.of(passages, document)
    return tuple(
        coverage_cell(document, category, by_category.get(category.id, []), enforced, confident_score, reading)
        for category in categories(taxonomy)
    )


def coverage_cell(document: Document, category: Category, found: Sequence[AnalysedPassage], has_enforcement: bool,
                  confident_score: float = CONFIDENT_SCORE, reading: DocumentReading | None = None) -> CoverageCell:
    if not found:
        return CoverageCell(document.id, category.id, CoverageStatus.ABSENT, 0, gap_flags=(GapFlag.ABSENT,),
                            doc_kind=document.kind)
    reading = reading or DocumentReading()
    readings = [reading.read(p, category) for p in found]
    confident = [r for r in readings if r.score >= confident_score]
    covering = [r for r in confident if r.polarity.covers and r.sets_status]
    polarity = cell_polarity(confident or readings)
    if binds_as_written(polarity, document.kind):
        # The strongest evidence is a gap: the cell says how binding the carve-out is, and its polarity that it is one.
        covering += [r for r in confident if r.sets_status and r.weighs is polarity and not r.polarity.covers]
    strength = max((r.strength for r in covering), default=0)
    # The quote is the passage that decides the cell: confident, able to set a status, strongest.
    # Of equally strong passages, one that says something is quoted before a lead-in ("Our stakeholders
    # include:") whose list or table a reader of the quote would not see, and one on the topic before one
    # held down because its figures measure something else (a plant's waste under collection of e-waste),
    # and a sentence before a table row, a definition or a few words cut from a list: on 17 cells where
    # this changed the quote, a blind reader preferred the new quote 11 times and the old one 5 times.
    # Last, the company's own result or target before a process told with numbers: on 18 cells where
    # this changed the quote, a blind judge preferred the new quote 13 times and the old one 5 times.
    ranked = sorted(readings, key=lambda r: (r.score < confident_score, not r.sets_status, -r.strength,
                                             r.weighs is not polarity, is_lead_in(r.passage.passage.text),
                                             r.held_off_topic, is_thin(r.passage.passage),
                                             not states_own_figures(r), -r.score))
    evidence = tuple(r.evidence(category.id) for r in ranked[:EVIDENCE_PER_CELL])
    quote_flags = set(evidence[0].gap_flags)
    cell_flags: set[GapFlag] = set()
    if document.kind is DocumentKind.LEGISLATION and not has_enforcement:
        cell_flags.add(GapFlag.NO_SANCTION)
    # Acts set application dates in their final provisions, not per duty, so
    # a missing deadline is a finding only for commitments.
    if document.kind is not DocumentKind.LEGISLATION and covering and not any(
        fact.kind == "deadline" for r in covering for fact in r.passage.facts
    ) and not any(c.target_year for r in covering for c in r.passage.assessment.claims):
        cell_flags.add(GapFlag.NO_DEADLINE)
    quote_id = evidence[0].passage_id
    elsewhere = {flag for r in readings if r.passage.id != quote_id for flag in r.passage.gap_flags}
    return CoverageCell(
        doc_id=document.id,
        category_id=category.id,
        status=CoverageStatus.of_strength(strength) if covering else CoverageStatus.MENTIONED,
        strength=strength,
        evidence=evidence,
        gap_flags=_sorted(cell_flags | quote_flags),
        best_score=max(r.score for r in readings),
        passage_count=len(found),
        polarity=polarity,
        flags_elsewhere=_sorted(elsewhere - quote_flags - cell_flags),
        doc_kind=document.kind,
    )


# Fewer words than this and a passage is a label or a list's fragment, not a statement.
THIN_WORDS = 15


def is_thin(passage: Passage) -> bool:
    """A table row, a definition or a few words: a reader of the quote learns less from it than from a sentence."""
    return (passage.kind is BlockKind.TABLE or passage.role == "definition"
            or word_count(passage.text) < THIN_WORDS)


def is_lead_in(text: str) -> bool:
    """Whether the passage ends by announcing a list or table that follows it."""
    return text.rstrip().endswith(":")


# A specific cell quotes the company's own result or target before a process described with numbers
# ("relies on its suppliers ... included 100 % of suppliers surveyed").
def states_own_figures(reading: CategoryReading) -> bool:
    """Whether the passage's level rests on the company's own result or target."""
    return reading.strength >= 3 and any(r.rule in OWN_FIGURE_RULES for r in reading.passage.assessment.reasons)


def binds_as_written(polarity: Polarity, kind: DocumentKind) -> bool:
    """Whether gap evidence keeps its own strength in the cell.

    A threshold or exemption binds as the provision it is (a law's carve-out
    enforced like its duties is "binding and enforced, narrows"), and so does
    a law's repeal; a company's statement against the roadmap's direction is
    a stance, not a commitment, so it is only mentioned.
    """
    return polarity is Polarity.NARROWS or (polarity is Polarity.OPPOSES and kind is DocumentKind.LEGISLATION)


def cell_polarity(readings: Sequence[CategoryReading]) -> Polarity:
    """Narrows or opposes when the strongest evidence does: near the top strength, gap passages outnumber the others.

    "Near" is within one level, so a hedged carve-out still counts beside the
    duty it qualifies.
    """
    if not readings:
        return Polarity.ESTABLISHES
    top = max(r.strength for r in readings)
    at_top = Counter(r.weighs for r in readings if r.strength >= top - 1)
    gaps = at_top[Polarity.NARROWS] + at_top[Polarity.OPPOSES]
    if gaps > at_top[Polarity.ESTABLISHES]:
        return Polarity.OPPOSES if at_top[Polarity.OPPOSES] >= at_top[Polarity.NARROWS] else Polarity.NARROWS
    return Polarity.ESTABLISHES


def _sorted(flags: set[GapFlag]) -> tuple[GapFlag, ...]:
    return tuple(sorted(flags, key=lambda f: f.value))


def has_enforcement(passages: Sequence[AnalysedPassage]) -> bool:
    """Whether the document's operative text provides penalties or other enforcement, or the act it supplements does."""
    return any(
        fact.kind in ("penalty", "enforcement")
        for p in passages
        if p.passage.role != "recital"
        for fact in p.facts
    ) or any(r.rule == "structure.parent_enforcement" for p in passages for r in p.assessment.reasons)
