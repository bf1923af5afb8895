"""Specificity: the numbers, dates, frequencies and named scope of a passage.

What separates a level-3 commitment from a level-2 process is that it says
how much, by when, how often, and for which tiers, materials or products.
Numbers are read with expressions over the text (the tokenizer splits
"450 000 000" and "€40 million" unevenly); named scope with a PhraseMatcher.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc

from nlp_pipeline.records import Fact
from nlp_pipeline.assess.patterns import (
    clean,
    counts_instrument_parts,
    MONEY_RE,
    NUM,
    WORD_NUM,
    Hit,
    PhraseRules,
    fact_from_match,
    money_value,
    overlaps,
    parse_number,
)

_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
_YEAR = r"(?:19|20)\d{2}"
_DATE = rf"(?:\d{{1,2}}\s+{_MONTH}\s+{_YEAR}|{_MONTH}\s+{_YEAR}|(?:FY\s?)?{_YEAR})"
_UNIT_OF_TIME = r"(?:days?|weeks?|months?|years?)"

DEADLINE_RE = re.compile(
    rf"\b(?P<prep>by|before|no later than|not later than|until|from|as from|as of|starting(?:\s+(?:in|from|on))?|commencing(?:\s+(?:in|from|on))?|beginning(?:\s+(?:in|from|on))?|effective(?:\s+(?:from|on))?|by the end of|end of)\s+(?:the\s+end\s+of\s+)?(?P<date>{_DATE})\b",
    re.IGNORECASE,
)
WITHIN_RE = re.compile(rf"\b(?:within|(?:no|not)\s+later\s+than)\s+(?P<n>{NUM}|{WORD_NUM})\s+(?P<unit>{_UNIT_OF_TIME})\b", re.IGNORECASE)
FREQUENCY_RE = re.compile(
    rf"\b(?:(?:at\s+least\s+)?(?:once\s+)?every\s+(?P<n>{NUM}|{WORD_NUM})?\s*(?P<unit>{_UNIT_OF_TIME})"
    r"|(?P<word>annually|yearly|quarterly|monthly|biannually|bi-annually|semi-annually|biennially)"
    r"|(?:at\s+least\s+)?once\s+a\s+(?P<per>year|month|quarter)"
    r"|on\s+an?\s+(?P<basis>annual|yearly|quarterly|monthly)\s+basis)\b",
    re.IGNORECASE,
)
PERCENT_RE = re.compile(rf"(?<![\w/.])(?P<n>{NUM})\s?(?:%|per\s?cent\b|percent\b)", re.IGNORECASE)
# A count or measure: a number followed by what is counted. The look-behind
# keeps out "Article 27", "point (1)", "(EU) 2024/1760" and footnote marks.
COUNTED = (
    r"employees|workers|staff|persons|people|suppliers|smelters|refiners|sites|factories|"
    r"facilities|mines|audits|assessments|tonnes|tons|t|kg|kilograms|kt|mt|MWh|GWh|kWh|TWh|"
    r"hours|products|devices|units|members|companies|cases|grievances|complaints|"
    r"participants|countries|partners|trainings|sessions|smartphones|batteries|laptops"
)
# Labels that are numbered ("Scope 3", "tier 2", "ISO 14001", "Step 4") name a thing, they count nothing.
_LABELS = r"(?<!Scope )(?<!scope )(?<!Tier )(?<!tier )(?<!ISO )(?<!SDG )(?<!Step )(?<!step )(?<!Table )(?<!Figure )(?<!page )(?<!Principle )(?<!Goal )(?<!Level )"
QUANTITY_RE = re.compile(
    rf"(?<![\w/(.§-])(?<!Article )(?<!Articles )(?<!point )(?<!paragraph )(?<!Annex )(?<!No ){_LABELS}"
    rf"(?P<n>{NUM}|{WORD_NUM})\s+(?:[\w-]+\s+)?(?P<unit>{COUNTED})\b",
    re.IGNORECASE,
)
# Any other measured amount: "41 million kilowatt-hours", "750 acres".
GENERIC_QUANTITY_RE = re.compile(
    rf"(?<![\w/(.§-])(?<!Article )(?<!Articles )(?<!point )(?<!paragraph )(?<!Annex )(?<!No )(?<!Part )(?<!Section )(?<!Paragraph )(?<!Point )(?<!Recital )(?<!recital )(?<!Chapter ){_LABELS}"
    rf"(?P<n>{NUM})(?:\s?(?P<mult>million|billion|thousand))?\s+(?P<unit>[A-Za-z][A-Za-z-]+)\b"
)
# A day before a month is a date, not a quantity ("31 December").
_NOT_UNITS = frozenset({"january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
                        "november", "december", "of", "and", "or", "to", "the", "a", "an", "in", "on", "at", "by", "for", "with", "from", "as", "is", "are", "was", "were", "which", "that"})
_MULTIPLY = {"million": 1e6, "billion": 1e9, "thousand": 1e3}
YEAR_RE = re.compile(rf"(?<![\w/])(?:in|during|since|for)\s+(?:FY\s?)?{_YEAR}\b", re.IGNORECASE)

SCOPE: dict[str, tuple[str, list[str]]] = {
    "scope.tier": ("tier", [
        "tier 1", "tier-1", "tier one", "first tier", "first-tier", "tier 2", "tier-2", "tier two",
        "second-tier", "tier 3", "tier-3", "direct suppliers", "direct business partners",
        "indirect suppliers", "indirect business partners", "all tiers", "beyond tier 1",
        "beyond tier-1", "sub-tier suppliers", "upstream", "downstream", "chain of activities",
        "value chain",
    ]),
    "scope.material": ("material", [
        "cobalt", "3tg", "tin", "tantalum", "tungsten", "gold", "mica", "lithium", "nickel",
        "graphite", "copper", "aluminium", "aluminum", "bauxite", "rare earths", "rare earth elements",
        "conflict minerals", "critical raw materials", "manganese", "palladium", "silver", "zinc",
        "all minerals", "minerals and metals",
    ]),
    "scope.product": ("product_group", [
        "smartphones", "smartphone", "mobile phones", "batteries", "battery", "laptops", "laptop",
        "tablets", "servers", "displays", "printers", "electronic equipment", "ict products",
        "electrical and electronic equipment", "eee", "semiconductors", "consumer electronics",
        "data centres", "data centers",
    ]),
}
_SCOPE = PhraseRules(SCOPE)


@dataclass(frozen=True)
class Specificity:
    facts: tuple[Fact, ...]
    hits: tuple[Hit, ...]
    dated: bool  # names a year the action happened in ("in 2023")

    @property
    def has_deadline(self) -> bool:
        return any(f.kind == "deadline" for f in self.facts)

    @property
    def has_number(self) -> bool:
        return any(f.kind == "quantity" for f in self.facts)

    @property
    def has_frequency(self) -> bool:
        return any(f.kind == "frequency" for f in self.facts)

    def scope(self, attribute: str | None = None) -> list[Fact]:
        return [f for f in self.facts if f.kind == "scope" and (attribute is None or f.attribute == attribute)]


def _inside_a_name(m: re.Match[str]) -> bool:
    """A number before a capitalised word is a footnote mark or part of a name ("Responsible Business 2 Alliance"),
    not an amount: units of measure are written in lower case or as symbols ("750 acres", "41 GWh")."""
    unit = m.group("unit")
    return unit[0].isupper() and not unit.isupper() and not m.group("mult")


def _spelled_only(doc: Doc, text: str, search: str) -> Specificity:
    facts: list[Fact] = []
    for m in WITHIN_RE.finditer(search):
        facts.append(fact_from_match("deadline", m, text, value=parse_number(m.group("n")), unit=_time_unit(m.group("unit")), attribute="period"))
    for m in FREQUENCY_RE.finditer(search):
        if _free(facts, *m.span()):
            facts.append(fact_from_match("frequency", m, text, value=parse_number(m.group("n")) if m.group("n") else None,
                                         unit=_time_unit(m.group("unit")) if m.group("unit") else "", attribute="frequency"))
    for m in QUANTITY_RE.finditer(search):
        if _free(facts, *m.span()):
            facts.append(fact_from_match("quantity", m, text, value=parse_number(m.group("n")), unit=m.group("unit").lower(), attribute="count"))
    return _with_scope(doc, text, facts, dated=False)


def _with_scope(doc: Doc, text: str, facts: list[Fact], dated: bool) -> Specificity:
    scope_hits = _SCOPE(doc, text)
    facts = facts + [Fact(kind="scope", text=h.text, start=h.start, end=h.end, attribute=h.label) for h in scope_hits]
    facts.sort(key=lambda f: (f.start, f.end))
    hits = [Hit(f"specificity.{f.kind}", f.kind, f.start, f.end, f.text) for f in facts if f.kind != "scope"]
    return Specificity(tuple(facts), tuple(hits) + tuple(scope_hits), dated)


def _free(facts: list[Fact], start: int, end: int) -> bool:
    return not any(overlaps(start, end, f.start, f.end) for f in facts)


def _time_unit(unit: str) -> str:
    unit = unit.lower()
    return unit if unit.endswith("s") else unit + "s"


def specificity(doc: Doc, text: str) -> Specificity:
    search = clean(text)  # same offsets, no no-break spaces
    facts: list[Fact] = []
    if not any(c.isdigit() for c in search):
        # Only spelled-out periods and frequencies can occur without a digit.
        return _spelled_only(doc, text, search)
    for m in DEADLINE_RE.finditer(search):
        year = re.search(_YEAR, m.group("date"))
        prep = m.group("prep").lower()
        facts.append(fact_from_match(
            "deadline", m, text, value=float(year.group()) if year else None, unit="year",
            attribute="start" if prep.startswith(("from", "as from", "as of", "starting", "commencing", "beginning", "effective")) else "deadline",
        ))
    for m in WITHIN_RE.finditer(search):
        facts.append(fact_from_match("deadline", m, text, value=parse_number(m.group("n")), unit=_time_unit(m.group("unit")), attribute="period"))
    for m in FREQUENCY_RE.finditer(search):
        if not _free(facts, *m.span()):
            continue
        facts.append(fact_from_match("frequency", m, text, value=parse_number(m.group("n")) if m.group("n") else None,
                                     unit=_time_unit(m.group("unit")) if m.group("unit") else "", attribute="frequency"))
    for m in PERCENT_RE.finditer(search):
        facts.append(fact_from_match("quantity", m, text, value=parse_number(m.group("n")), unit="%", attribute="percentage"))
    for m in MONEY_RE.finditer(search):
        if _free(facts, *m.span()):
            value, currency = money_value(m)
            facts.append(fact_from_match("quantity", m, text, value=value, unit=currency, attribute="money"))
    for m in QUANTITY_RE.finditer(search):
        if _free(facts, *m.span()):
            facts.append(fact_from_match("quantity", m, text, value=parse_number(m.group("n")), unit=m.group("unit").lower(), attribute="count"))
    for m in GENERIC_QUANTITY_RE.finditer(search):
        n = m.group("n")
        is_year = re.fullmatch(r"(?:19|20)\d{2}", n) is not None
        if is_year or m.group("unit").lower() in _NOT_UNITS or _inside_a_name(m) or not _free(facts, *m.span()) \
                or counts_instrument_parts(search, m.end("n")):
            continue
        value = parse_number(n)
        if value is not None and m.group("mult"):
            value *= _MULTIPLY[m.group("mult").lower()]
        facts.append(fact_from_match("quantity", m, text, value=value, unit=m.group("unit").lower(), attribute="amount"))
    return _with_scope(doc, text, facts, bool(YEAR_RE.search(search)))
