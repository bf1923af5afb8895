"""What a change to a provision does, typed: a threshold raised, "shall" turned into "should", a sanction gone.

Pure functions over the two sides of a change (their text and what the
assess stage found in it). Types are read from the words that changed:
- figures are compared as what they measure (quantities.py): headcounts,
  amounts, shares of turnover, periods, dates; the assess stage's facts say
  whether a figure is a threshold, a penalty or a deadline;
- modal verbs are ranked (shall, must > should, are encouraged to > may) and
  a change of rank softens or hardens the provision;
- enforcement, liability and exemption provisions appear or go as the assess
  stage's facts appear or go;
- a clause with a binding verb or a right that is put in or taken out adds
  or removes a duty or a right; definitions, addressees and scope clauses
  changed say so.
The classifier's scores decide nothing here: a raised threshold is major
whatever the passage is about.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cached_property

from nlp_pipeline.compare.quantities import Quantity, as_days, comparable, quantities
from nlp_pipeline.compare.wording import Difference, Token, clause_around, differences, span_text, tokens
from nlp_pipeline.records import Addressee, AnalysedPassage, ChangeEffect, ChangeType, DutyType, Fact, Modality

# -- one side of a change -------------------------------------------------------------


@dataclass(frozen=True)
class Side:
    """The provision(s) on one side of a change: their passages joined, and what assess found in them."""

    passages: tuple[AnalysedPassage, ...]
    categories: tuple[str, ...] = ()  # present categories after the stability rule
    heading: str = ""
    lead_in: str = ""  # for a point of a list: the words introducing the list, which carry its force

    @cached_property
    def text(self) -> str:
        return " ".join(p.text for p in self.passages)

    @cached_property
    def tokens(self) -> list[Token]:
        return tokens(self.text)

    @cached_property
    def facts(self) -> list[Fact]:
        """The assess stage's facts, their offsets moved into the joined text."""
        out, offset = [], 0
        for p in self.passages:
            out += [replace(f, start=f.start + offset, end=f.end + offset) for f in p.facts]
            offset += len(p.text) + 1
        return out

    @cached_property
    def quantities(self) -> list[Quantity]:
        return quantities(self.text)

    @property
    def enforcement(self) -> set[tuple[str, str]]:
        found = set()
        act = any(p.passage.role in ("article", "annex", "definition", "recital") for p in self.passages)
        for f in self.facts:
            if f.kind == "enforcement":
                # Verification and membership sanctions enforce a code or a standard, not an act.
                if not (act and f.attribute in SCHEME_ONLY):
                    found.add(("enforcement", f.attribute))
            elif f.kind == "penalty":
                found.add(("enforcement", "penalties"))
            elif f.kind == "exemption":
                found.add(("exemption", f.attribute))
        return found

    @property
    def modalities(self) -> set[Modality]:
        return {p.assessment.modality for p in self.passages}

    @property
    def duty_types(self) -> set[DutyType]:
        return {p.assessment.duty_type for p in self.passages} - {DutyType.NONE}

    @property
    def is_machinery(self) -> bool:
        """Entry into force, committees, delegated acts: how the act works, no one's obligation."""
        return bool(self.passages) and all(p.assessment.is_institutional_machinery for p in self.passages)

    @property
    def addressees(self) -> list[Addressee]:
        return [p.assessment.addressee for p in self.passages if p.assessment.addressee is not Addressee.UNSPECIFIED]

    @property
    def is_definition(self) -> bool:
        return any(p.passage.role == "definition" for p in self.passages) or bool(DEFINITION_RE.search(self.text)) \
            or DutyType.DEFINITION in self.duty_types

    @property
    def is_scope(self) -> bool:
        return "scope" in self.heading.lower() or bool(SCOPE_RE.search(self.text)) or DutyType.SCOPE in self.duty_types

    def clause(self, start: int, end: int) -> str:
        return clause_around(self.text, start, end)


# -- vocabularies ------------------------------------------------------------------------

BINDING, RECOMMENDATION, PERMISSION = 3, 2, 1
# Longest first: "shall not" before "shall", "are encouraged to" before "encouraged".
MODALS: tuple[tuple[tuple[str, ...], int], ...] = tuple(sorted([
    (("shall", "not"), BINDING), (("must", "not"), BINDING), (("shall",), BINDING), (("must",), BINDING),
    (("is", "required", "to"), BINDING), (("are", "required", "to"), BINDING), (("is", "obliged", "to"), BINDING),
    (("are", "obliged", "to"), BINDING), (("has", "to"), BINDING), (("have", "to"), BINDING),
    (("should",), RECOMMENDATION), (("are", "encouraged", "to"), RECOMMENDATION),
    (("is", "encouraged", "to"), RECOMMENDATION), (("encouraged",), RECOMMENDATION), (("encourage",), RECOMMENDATION),
    (("endeavour", "to"), RECOMMENDATION), (("endeavour",), RECOMMENDATION), (("strive", "to"), RECOMMENDATION),
    (("are", "invited", "to"), RECOMMENDATION), (("is", "invited", "to"), RECOMMENDATION),
    (("is", "recommended"), RECOMMENDATION), (("are", "recommended"), RECOMMENDATION),
    (("may", "not"), BINDING), (("may",), PERMISSION), (("can",), PERMISSION), (("is", "allowed", "to"), PERMISSION),
    (("are", "allowed", "to"), PERMISSION),
], key=lambda item: -len(item[0])))
MODAL_WORDS = {"shall": "binding", "must": "binding", "should": "recommendation", "may": "permission"}
# Words that qualify a duty so that it binds less.
HEDGES: tuple[tuple[str, ...], ...] = tuple(tuple(h.split()) for h in (
    "where appropriate", "where possible", "where relevant", "where necessary", "where feasible", "where reasonable",
    "to the extent possible", "as far as possible", "if appropriate", "as appropriate", "reasonable efforts",
    "best efforts", "to the extent appropriate", "where applicable", "as a general rule",
))
NARROWING = frozenset({"only", "solely", "exclusively", "direct"})
RIGHT_RE = re.compile(
    r"\b(?:right to|rights? of|entitled to|shall have the right|may (?:submit|lodge|bring)"
    r"|be able to (?:submit|lodge|bring)|access to (?:justice|remedy|remedies))\b",
    re.IGNORECASE,
)
DEFINITION_RE = re.compile(r"^\W*[‘'\"“][^’'\"”]{1,80}[’'\"”]\s+(?:means|shall\s+mean)\b", re.IGNORECASE)
SCOPE_RE = re.compile(r"\b(?:shall|does|do|should)\s+(?:not\s+)?(?:also\s+)?apply\s+to\b", re.IGNORECASE)
SAVING_RE = re.compile(
    r"\bshall\s+(?:not\s+)?(?:be\s+without\s+prejudice|not\s+(?:affect|preclude|prejudice|limit|constitute)"
    r"|enter\s+into\s+force|apply\s+from)\b|\bis addressed to\b",
    re.IGNORECASE,
)
ADDRESSEE_RE = re.compile(
    r"\b(Member States?|the Commission|the Council|compan(?:y|ies)|undertakings?|supervisory authorit(?:y|ies)"
    r"|competent authorit(?:y|ies)|directors|auditors?|the Network|the European Parliament|issuers?|operators?"
    r"|importers?|natural or legal persons?|persons?)(?:\s+(?:concerned|referred to in [^,;.]{1,40}|also|then|first))?"
    r"\s*,?\s+(?:shall|must|should|may|are encouraged|is encouraged|are required|is required)\b",
    re.IGNORECASE,
)
SCHEME_ONLY = frozenset({"third_party_verification", "membership_sanction", "graded_audit_finding"})
LIABILITY_LIMIT_RE = re.compile(
    r"\b(?:shall|does|do|will|cannot|can)\s+not\s+(?:trigger|give rise to|entail|lead to|result in)\b[^.;]{0,60}\bliab"
    r"|\b(?:shall|can|may)\s*not\s+be\s+held\s+liable\b|\bcannot\s+be\s+held\s+liable\b",
    re.IGNORECASE,
)
PENALTY_CONTEXT = re.compile(r"\b(?:penalt|fine|sanction)", re.IGNORECASE)
ENFORCEMENT_TYPES = {
    "civil_liability": (ChangeType.LIABILITY_ADDED, ChangeType.LIABILITY_REMOVED),
    "penalties": (ChangeType.SANCTION_ADDED, ChangeType.SANCTION_REMOVED),
}
FACT_WORDS = {
    "civil_liability": "civil liability", "supervisory_authority": "supervision by an authority",
    "penalties": "penalties", "compliance_checks": "compliance checks by authorities", "remedial_action": "remedial action", "injunction": "injunctive measures",
    "public_naming": "public statement naming the company", "market_measures": "market measures",
    "third_party_verification": "third-party verification", "contract_termination": "termination of the relationship",
    "membership_sanction": "membership sanction", "graded_audit_finding": "graded audit findings",
}


# -- the modal verbs of a text -----------------------------------------------------------


@dataclass(frozen=True)
class _Phrase:
    words: tuple[str, ...]
    rank: int
    start: int  # token index
    end: int


def _phrases(found: Sequence[Token], vocabulary: Sequence[tuple[tuple[str, ...], int]]) -> list[_Phrase]:
    norms = [t.norm for t in found]
    out, k = [], 0
    while k < len(norms):
        for words_, rank in vocabulary:
            if tuple(norms[k:k + len(words_)]) == words_:
                out.append(_Phrase(words_, rank, k, k + len(words_)))
                k += len(words_)
                break
        else:
            k += 1
    return out


def _touched(phrases: Sequence[_Phrase], start: int, end: int) -> list[_Phrase]:
    if start == end:
        return []
    return [p for p in phrases if p.start < end and p.end > start]


# -- effects of a modified provision ---------------------------------------------------------


def modified_effects(old: Side, new: Side, categories: Sequence[str]) -> list[ChangeEffect]:
    """Every typed effect of rewording a provision, in the order the reader should see them."""
    found = differences(old.tokens, new.tokens)
    if not found:
        return []
    effects: list[ChangeEffect] = []
    effects += figure_effects(old, new, found, categories)
    effects += enforcement_effects(old, new, categories)
    effects += modality_effects(old, new, found, categories)
    effects += clause_effects(old, new, found, categories, effects)
    effects += addressee_effects(old, new, found, categories)
    if old.is_definition and new.is_definition:
        effects.append(_quoted(ChangeType.DEFINITION_CHANGED, "definition reworded", old, new, found[0], categories))
    elif not effects and (old.is_scope or new.is_scope):
        effects.append(_quoted(ChangeType.SCOPE_CHANGED, "scope provision reworded", old, new, found[0], categories))
    return _distinct(effects)


def _quoted(kind: ChangeType, summary: str, old: Side, new: Side, d: Difference,
            categories: Sequence[str]) -> ChangeEffect:
    o = span_text(old.text, old.tokens, d.old_start, d.old_end)
    n = span_text(new.text, new.tokens, d.new_start, d.new_end)
    return ChangeEffect(kind, summary, old.clause(*o), new.clause(*n), tuple(categories))


def _distinct(effects: list[ChangeEffect]) -> list[ChangeEffect]:
    """One effect per thing said: the same type on overlapping words is said once, and a duty
    added or removed is not said again where a more specific effect already quotes its clause."""
    out: list[ChangeEffect] = []
    for e in effects:
        generic = e.type in (ChangeType.DUTY_ADDED, ChangeType.DUTY_REMOVED)
        if any(_overlap(e, x) and ((x.type is e.type and (generic or x.summary == e.summary))
                                   or (generic and x.severity == "major")) for x in out):
            continue
        out.append(e)
    return out


def _overlap(a: ChangeEffect, b: ChangeEffect) -> bool:
    def words_(text: str) -> set[str]:
        return {t.norm for t in tokens(text)}

    for x, y in ((a.old_quote, b.old_quote), (a.new_quote, b.new_quote)):
        wx, wy = words_(x), words_(y)
        if wx and wy and len(wx & wy) >= 0.5 * min(len(wx), len(wy)):
            return True
    return False


def _fact_kind(side: Side, q: Quantity) -> str:
    """What a figure is: the assess stage's fact where one covers it, else what the words around it say."""
    for f in side.facts:
        if f.kind in ("threshold", "penalty", "deadline") and f.start < q.end and f.end > q.start:
            return "deadline" if f.kind == "deadline" and q.dimension not in ("period",) else f.kind
    if q.dimension in ("date", "year"):
        return "deadline" if q.deadline else "date"
    if q.dimension == "period":
        return "period"
    if q.dimension in ("money", "percent"):
        return "penalty" if PENALTY_CONTEXT.search(side.text[max(0, q.start - 160):q.end + 80]) else "threshold"
    if q.dimension == "count":
        return "threshold"
    return "figure"


_MOVED = {
    "threshold": (ChangeType.THRESHOLD_RAISED, ChangeType.THRESHOLD_LOWERED),
    "figure": (ChangeType.THRESHOLD_RAISED, ChangeType.THRESHOLD_LOWERED),
    "penalty": (ChangeType.SANCTION_RAISED, ChangeType.SANCTION_LOWERED),
    "deadline": (ChangeType.DEADLINE_POSTPONED, ChangeType.DEADLINE_BROUGHT_FORWARD),
    "date": (ChangeType.DEADLINE_POSTPONED, ChangeType.DEADLINE_BROUGHT_FORWARD),
    "period": (ChangeType.PERIOD_LENGTHENED, ChangeType.PERIOD_SHORTENED),
}
_APPEARED = {
    "threshold": (ChangeType.THRESHOLD_ADDED, ChangeType.THRESHOLD_REMOVED),
    "penalty": (ChangeType.SANCTION_ADDED, ChangeType.SANCTION_REMOVED),
    "deadline": (ChangeType.DEADLINE_ADDED, ChangeType.DEADLINE_REMOVED),
    "period": (ChangeType.DEADLINE_ADDED, ChangeType.DEADLINE_REMOVED),
}
_FLOORS, _CAPS = frozenset({">", ">="}), frozenset({"<", "<="})


def figure_effects(old: Side, new: Side, found: Sequence[Difference], categories: Sequence[str]) -> list[ChangeEffect]:
    """Figures that differ between the two sides, compared as what they measure.

    Figures are paired first by the words just before them ("adopt and
    publish, by"), so a date keeps its role when a sentence is rebuilt
    around it; then figures present on both sides are set aside, so one
    restructured sentence does not pair a date with the wrong one; what
    remains is paired by what it measures, in reading order.
    """
    def key(q: Quantity) -> tuple:
        return q.dimension, q.unit, q.value, q.comparator

    olds, news = list(old.quantities), list(new.quantities)
    pairs: list[tuple[Quantity, Quantity]] = []
    for q in list(olds):
        lead = _lead(old, q)
        partner = next((r for r in news if lead and _lead(new, r) == lead and comparable(q, r)), None)
        if partner is not None:
            olds.remove(q)
            news.remove(partner)
            if key(q) != key(partner):
                pairs.append((q, partner))
    for q in list(olds):
        same = next((r for r in news if key(r) == key(q)), None)
        if same is not None:
            olds.remove(q)
            news.remove(same)
    for q in list(olds):
        partner = next((r for r in news if comparable(q, r)), None)
        if partner is not None:
            olds.remove(q)
            news.remove(partner)
            pairs.append((q, partner))
    effects = []
    for was, now in sorted(pairs, key=lambda pair: pair[1].start):
        effect = _moved_figure(old, new, was, now, categories)
        if effect:
            effects.append(effect)
    for was in olds:
        kind = _fact_kind(old, was)
        if kind in _APPEARED:
            effects.append(ChangeEffect(_APPEARED[kind][1], f"{_noun(kind)} removed: {was.text}",
                                        old.clause(was.start, was.end), "", tuple(categories)))
    for now in news:
        kind = _fact_kind(new, now)
        if kind in _APPEARED:
            effects.append(ChangeEffect(_APPEARED[kind][0], f"{_noun(kind)} added: {now.text}", "",
                                        new.clause(now.start, now.end), tuple(categories)))
    return effects


_LEAD_WORDS = re.compile(r"[^\W\d_]{2,}")


def _lead(side: Side, q: Quantity, width: int = 3) -> tuple[str, ...]:
    """The last words before a figure in its clause: what the figure is for ("adopt and publish by")."""
    before = re.split(r"[.;:]\s", side.text[max(0, q.start - 120):q.start])[-1]
    return tuple(w.lower() for w in _LEAD_WORDS.findall(before)[-width:])


def _noun(kind: str) -> str:
    return {"period": "time limit", "penalty": "sanction", "figure": "figure"}.get(kind, kind)


def _moved_figure(old: Side, new: Side, was: Quantity, now: Quantity, categories: Sequence[str]) -> ChangeEffect | None:
    kind = _fact_kind(old, was)
    if kind not in _MOVED:
        kind = _fact_kind(new, now)
    if kind not in _MOVED:
        return None
    quotes = (old.clause(was.start, was.end), new.clause(now.start, now.end))
    a = as_days(was) if was.dimension in ("date", "year") else was.value
    b = as_days(now) if now.dimension in ("date", "year") else now.value
    if a == b:
        if was.comparator == now.comparator or not (was.comparator and now.comparator):
            return None
        # "not less than 5 %" -> "not more than 5 %": a floor became a cap.
        if kind == "penalty" and was.comparator in _FLOORS and now.comparator in _CAPS:
            return ChangeEffect(ChangeType.SANCTION_LOWERED, f"minimum {was.text} became a maximum", *quotes,
                                tuple(categories))
        if kind == "penalty" and was.comparator in _CAPS and now.comparator in _FLOORS:
            return ChangeEffect(ChangeType.SANCTION_RAISED, f"maximum {was.text} became a minimum", *quotes,
                                tuple(categories))
        return ChangeEffect(ChangeType.SCOPE_CHANGED, f"{was.text}: comparison changed", *quotes, tuple(categories))
    up, down = _MOVED[kind]
    summary = f"{was.text} → {now.text}"
    reading = _threshold_reading(kind, was, b > a)
    return ChangeEffect(up if b > a else down, summary + (f" ({reading})" if reading else ""), *quotes,
                        tuple(categories))


def _threshold_reading(kind: str, was: Quantity, raised: bool) -> str:
    if kind != "threshold":
        return ""
    if was.comparator in _FLOORS:
        return "fewer covered" if raised else "more covered"
    if was.comparator in _CAPS:
        return "more left out" if raised else "fewer left out"
    return ""


# Naming an authority in a reworded provision organises enforcement; it adds none.
_MENTIONS = frozenset({("enforcement", "supervisory_authority")})


def enforcement_effects(old: Side, new: Side, categories: Sequence[str]) -> list[ChangeEffect]:
    """Enforcement, liability and exemption provisions that appear or go."""
    effects = []
    for key in sorted(new.enforcement - old.enforcement - _MENTIONS):
        effects.append(_presence(key, new, added=True, categories=categories))
    for key in sorted(old.enforcement - new.enforcement - _MENTIONS):
        effects.append(_presence(key, old, added=False, categories=categories))
    return effects


def _presence(key: tuple[str, str], side: Side, added: bool, categories: Sequence[str]) -> ChangeEffect:
    kind, attribute = key
    if kind == "exemption":
        change = ChangeType.EXEMPTION_ADDED if added else ChangeType.EXEMPTION_REMOVED
        words_ = f"exemption ({attribute.replace('_', ' ')})"
    else:
        change = ENFORCEMENT_TYPES.get(attribute, (ChangeType.ENFORCEMENT_ADDED, ChangeType.ENFORCEMENT_REMOVED))[
            0 if added else 1]
        words_ = FACT_WORDS.get(attribute, attribute.replace("_", " "))
    fact = next((f for f in side.facts if (f.kind == kind or (kind == "enforcement" and f.kind == "penalty"))
                 and (f.attribute == attribute or (attribute == "penalties" and f.kind == "penalty"))), None)
    quote = side.clause(fact.start, fact.end) if fact else side.text[:320]
    summary = f"{words_} {'added' if added else 'removed'}"
    return ChangeEffect(change, summary, "" if added else quote, quote if added else "", tuple(categories))


def modality_effects(old: Side, new: Side, found: Sequence[Difference], categories: Sequence[str]) -> list[ChangeEffect]:
    """A modal verb replaced by a weaker or stronger one, or a hedge put in or taken out."""
    effects = []
    old_modals, new_modals = _phrases(old.tokens, MODALS), _phrases(new.tokens, MODALS)
    old_hedges, new_hedges = _phrases(old.tokens, [(h, 0) for h in HEDGES]), _phrases(new.tokens, [(h, 0) for h in HEDGES])
    for d in found:
        was = _touched(old_modals, d.old_start, d.old_end)
        now = _touched(new_modals, d.new_start, d.new_end)
        if was and now:
            a, b = max(p.rank for p in was), max(p.rank for p in now)
            if a != b:
                kind = ChangeType.MODALITY_SOFTENED if b < a else ChangeType.MODALITY_HARDENED
                summary = f"“{' '.join(_strongest(was).words)}” → “{' '.join(_strongest(now).words)}”"
                effects.append(_quoted(kind, summary, old, new, d, categories))
        for hedge in _touched(new_hedges, d.new_start, d.new_end):
            if not any(h.words == hedge.words for h in old_hedges):
                effects.append(_quoted(ChangeType.MODALITY_SOFTENED, f"qualified by “{' '.join(hedge.words)}”",
                                       old, new, d, categories))
        for hedge in _touched(old_hedges, d.old_start, d.old_end):
            if not any(h.words == hedge.words for h in new_hedges):
                effects.append(_quoted(ChangeType.MODALITY_HARDENED, f"qualifier “{' '.join(hedge.words)}” removed",
                                       old, new, d, categories))
        put_in = {t.norm for t in new.tokens[d.new_start:d.new_end]}
        taken_out = {t.norm for t in old.tokens[d.old_start:d.old_end]}
        narrowing_in = sorted((put_in - taken_out) & NARROWING)
        narrowing_out = sorted((taken_out - put_in) & NARROWING)
        if narrowing_in and not _negated(new.tokens, d.new_start):
            effects.append(_quoted(ChangeType.SCOPE_NARROWED, f"“{narrowing_in[0]}” added", old, new, d, categories))
        if narrowing_out:
            effects.append(_quoted(ChangeType.SCOPE_WIDENED, f"“{narrowing_out[0]}” removed", old, new, d, categories))
    return effects


def _strongest(phrases: Sequence[_Phrase]) -> _Phrase:
    return max(phrases, key=lambda p: p.rank)


def _negated(found: Sequence[Token], at: int) -> bool:
    return at > 0 and found[at - 1].norm == "not"


# A clause, not a word swap: this many words put in or taken out.
CLAUSE_WORDS = 6


def clause_effects(old: Side, new: Side, found: Sequence[Difference], categories: Sequence[str],
                   so_far: Sequence[ChangeEffect]) -> list[ChangeEffect]:
    """Clauses that put in or take out a duty or a right."""
    effects = []
    for d in found:
        old_words = d.old_end - d.old_start
        new_words = d.new_end - d.new_start
        was_modal = _phrases(old.tokens[d.old_start:d.old_end], MODALS)
        now_modal = _phrases(new.tokens[d.new_start:d.new_end], MODALS)
        o = span_text(old.text, old.tokens, d.old_start, d.old_end)
        n = span_text(new.text, new.tokens, d.new_start, d.new_end)
        old_piece, new_piece = old.text[o[0]:o[1]], new.text[n[0]:n[1]]
        if new_words >= CLAUSE_WORDS and RIGHT_RE.search(new_piece) and not RIGHT_RE.search(old_piece):
            effects.append(ChangeEffect(ChangeType.RIGHT_ADDED, "right added", "", new.clause(*n), tuple(categories)))
        elif old_words >= CLAUSE_WORDS and RIGHT_RE.search(old_piece) and not RIGHT_RE.search(new_piece):
            effects.append(ChangeEffect(ChangeType.RIGHT_REMOVED, "right removed", old.clause(*o), "", tuple(categories)))
        # "the mere fact of continuing ... shall not trigger the company's liability": a shield, not a duty.
        if new_words >= CLAUSE_WORDS and LIABILITY_LIMIT_RE.search(new_piece) and not LIABILITY_LIMIT_RE.search(old_piece):
            effects.append(ChangeEffect(ChangeType.LIABILITY_REMOVED, "liability limited", "", new.clause(*n),
                                        tuple(categories)))
            continue
        if old_words >= CLAUSE_WORDS and LIABILITY_LIMIT_RE.search(old_piece) and not LIABILITY_LIMIT_RE.search(new_piece):
            effects.append(ChangeEffect(ChangeType.LIABILITY_ADDED, "limit on liability removed", old.clause(*o), "",
                                        tuple(categories)))
            continue
        binding_in = [p for p in now_modal if p.rank == BINDING]
        binding_out = [p for p in was_modal if p.rank == BINDING]
        if new_words >= CLAUSE_WORDS and binding_in and not was_modal and not SAVING_RE.search(new_piece):
            effects.append(ChangeEffect(ChangeType.DUTY_ADDED, "obligation added", "", new.clause(*n), tuple(categories)))
        if old_words >= CLAUSE_WORDS and binding_out and not now_modal and not SAVING_RE.search(old_piece):
            effects.append(ChangeEffect(ChangeType.DUTY_REMOVED, "obligation removed", old.clause(*o), "",
                                        tuple(categories)))
    return effects


def addressee_effects(old: Side, new: Side, found: Sequence[Difference], categories: Sequence[str]) -> list[ChangeEffect]:
    """Whom the provision binds, where the words naming them changed and the old addressee is bound no more."""
    was, now = _addressee(old), _addressee(new)
    if not was or not now or was[0] == now[0] or was[0] in _subjects(new):
        return []
    changed = set()
    for d in found:
        changed.update(t.norm for t in old.tokens[d.old_start:d.old_end])
        changed.update(t.norm for t in new.tokens[d.new_start:d.new_end])
    if not (set(was[0].split()) | set(now[0].split())) & changed:
        return []
    return [ChangeEffect(ChangeType.ADDRESSEE_CHANGED, f"now addressed to {now[0]} (was {was[0]})",
                         old.clause(was[1], was[1] + 1),
                         new.clause(now[1], now[1] + 1), tuple(categories))]


_CANONICAL = {"member state": "member states", "company": "companies", "undertaking": "undertakings",
              "competent authority": "competent authorities", "supervisory authority": "supervisory authorities",
              "natural or legal person": "natural or legal persons", "person": "persons"}


def _subjects(side: Side) -> set[str]:
    return {_CANONICAL.get(m.group(1).lower(), m.group(1).lower()) for m in ADDRESSEE_RE.finditer(side.text)}


def _addressee(side: Side) -> tuple[str, int] | None:
    if side.addressees:
        first = side.addressees[0]
        m = ADDRESSEE_RE.search(side.text)
        return first.value.replace("_", " "), (m.start() if m else 0)
    m = ADDRESSEE_RE.search(side.text)
    if not m:
        return None
    word = m.group(1).lower()
    return _CANONICAL.get(word, word), m.start()


# -- a provision added or removed as a whole -------------------------------------------------


def provision_effects(side: Side, added: bool, categories: Sequence[str]) -> list[ChangeEffect]:
    """What a provision that appeared (or went) brings (or takes away)."""
    quote = side.text
    effects: list[ChangeEffect] = []

    def effect(pair: tuple[ChangeType, ChangeType], summary: str, text: str = "") -> None:
        shown = text or quote
        effects.append(ChangeEffect(pair[0] if added else pair[1], summary, "" if added else shown,
                                    shown if added else "", tuple(categories)))

    if side.is_definition:
        effect((ChangeType.DEFINITION_ADDED, ChangeType.DEFINITION_REMOVED), "definition " + ("added" if added else "removed"))
        return effects
    by_clause: dict[tuple[str, str], list[str]] = {}
    for q in side.quantities:
        kind = _fact_kind(side, q)
        if kind in ("threshold", "penalty", "deadline"):
            by_clause.setdefault((kind, side.clause(q.start, q.end)), []).append(q.text)
    for (kind, clause), figures in by_clause.items():
        noun = _noun(kind) + ("s" if len(figures) > 1 else "")
        effect(_APPEARED[kind], f"{noun} {'added' if added else 'removed'}: {', '.join(figures)}", clause)
    for key in sorted(side.enforcement):
        e = _presence(key, side, added, categories)
        if not any(x.type is e.type for x in effects):
            effects.append(e)
    if RIGHT_RE.search(side.text):
        effect((ChangeType.RIGHT_ADDED, ChangeType.RIGHT_REMOVED), "right " + ("added" if added else "removed"))
    specific = bool(effects)
    if not specific and _binds(side):
        effect((ChangeType.DUTY_ADDED, ChangeType.DUTY_REMOVED), "obligation " + ("added" if added else "removed"))
    if not effects:
        effect((ChangeType.TEXT_ADDED, ChangeType.TEXT_REMOVED), "text " + ("added" if added else "removed"))
    return effects


def _binds(side: Side) -> bool:
    if side.is_machinery:
        return False
    if side.duty_types & {DutyType.CONDUCT, DutyType.DISCLOSURE, DutyType.PROCEDURE}:
        return True
    if side.duty_types and not side.duty_types & {DutyType.CONDUCT, DutyType.DISCLOSURE, DutyType.PROCEDURE}:
        return False
    # A point takes the force of the words introducing its list ("... shall take place at the following stages:").
    if side.lead_in and any(p.rank == BINDING for p in _phrases(tokens(side.lead_in), MODALS)):
        return not SAVING_RE.search(side.lead_in)
    binding = side.modalities & {Modality.BINDING, Modality.PROHIBITION}
    return bool(binding) and not SAVING_RE.search(side.text)
