"""Scope thresholds and exemptions as structured Facts.

A law that binds only companies with more than 1 000 employees, or importers
above an annual volume, or that exempts recycled metal, leaves everyone below
or outside the line untouched. These Facts let aggregate count such clauses
as loopholes (HR.GAP.LOOPHOLES) instead of as coverage.
"""

from __future__ import annotations

import re

from nlp_pipeline.records import Fact
from nlp_pipeline.assess.patterns import clean, COMPARATOR, MONEY, NUM, comparator_of, money_value, overlaps, parse_number

HEADCOUNT_RE = re.compile(
    rf"(?P<comp>{COMPARATOR})\s+(?P<n>{NUM})\s+(?:[a-z-]+\s+){{0,2}}?(?:employees|workers|staff|persons employed|people)\b",
    re.IGNORECASE,
)
# "250 employees or more", and "750 or less employees" (EFRAG's wording of the ESRS phase-in).
HEADCOUNT_AFTER_RE = re.compile(
    rf"(?P<n>{NUM})\s+(?:(?:employees|workers|staff)\s+(?P<comp>or more|or fewer|or less)"
    rf"|(?P<comp_first>or more|or fewer|or less)\s+(?:employees|workers|staff))\b",
    re.IGNORECASE,
)
# EU acts put the comparator before the measure: "exceeding on their balance sheet dates the
# average number of 500 employees during the financial year".
HEADCOUNT_AVERAGE_RE = re.compile(
    rf"(?P<comp>(?:do\s+not\s+|does\s+not\s+|not\s+)?exceed(?:s|ing)?)\b[^.;:]{{0,60}}?\baverage\s+number\s+of\s+(?P<n>{NUM})\s+employees\b",
    re.IGNORECASE,
)
# What a money threshold measures, read from the words before the comparator.
MONEY_ATTRIBUTES = {
    "turnover": "turnover", "revenue": "turnover", "revenues": "turnover", "sales": "turnover",
    "royalties": "royalties", "balance sheet": "balance_sheet", "import": "import_value",
}
_MONEY_ATTR = "|".join(sorted(MONEY_ATTRIBUTES, key=len, reverse=True))
MONEY_THRESHOLD_RE = re.compile(
    rf"\b(?P<attr>{_MONEY_ATTR})\b[^.;:%]{{0,80}}?(?P<comp>{COMPARATOR})\s+(?P<money>{MONEY})",
    re.IGNORECASE,
)
_MASS = {"tonnes": "t", "tons": "t", "tonne": "t", "t": "t", "kg": "kg", "kilograms": "kg", "kilogram": "kg"}
VOLUME_THRESHOLD_RE = re.compile(
    rf"(?P<comp>{COMPARATOR})\s+(?P<n>{NUM})\s*(?P<unit>tonnes|tonne|tons|t|kg|kilograms|kilogram)\b",
    re.IGNORECASE,
)
VOLUME_REFERENCE_RE = re.compile(
    r"\b(?:annual\s+)?(?:import\s+)?volumes?\b[^.;]{0,100}?\bthresholds?\b|\bvolume\s+thresholds?\b",
    re.IGNORECASE,
)

EXEMPTION_GATES = {
    "non_application": "apply", "exemption": "exempt", "exception": "except", "recycled": ("recycl", "scrap"),
    "derogation": "derogat", "not_subject": ("subject", "excluded"),
}
EXEMPTIONS: dict[str, re.Pattern] = {
    "non_application": re.compile(r"\b(?:does|do|shall|will|should)\s+not\s+apply\s+to\b", re.IGNORECASE),
    "exemption": re.compile(r"\bexempt(?:ed|s|ion|ions)?\b", re.IGNORECASE),
    "exception": re.compile(r"\bwith the exception of\b|\bexcept(?:ing)? for\b", re.IGNORECASE),
    "recycled": re.compile(r"\brecycled\s+(?:sources?|metals?|materials?|minerals?)\b|\bscrap\b", re.IGNORECASE),
    "derogation": re.compile(r"\bby way of derogation\b|\bmay derogate\b", re.IGNORECASE),
    "not_subject": re.compile(r"\bshall not be subject to\b|\bexcluded from (?:the )?scope\b", re.IGNORECASE),
}


def _threshold(m: re.Match, text: str, group: str, **fields) -> Fact:
    start, end = m.span()
    return Fact(kind="threshold", text=text[start:end], start=start, end=end, **fields)


def thresholds(text: str) -> list[Fact]:
    search = clean(text)  # same offsets, no no-break spaces
    facts: list[Fact] = []
    low = search.lower()
    has_digit = any(c.isdigit() for c in search)
    headcount = has_digit and any(w in low for w in ("employ", "worker", "staff", "people", "persons"))
    for m in (HEADCOUNT_RE.finditer(search) if headcount else ()):
        facts.append(_threshold(m, text, "n", value=parse_number(m.group("n")), unit="employees",
                                attribute="employees", comparator=comparator_of(m.group("comp"))))
    for m in (HEADCOUNT_AFTER_RE.finditer(search) if headcount else ()):
        if not any(overlaps(*m.span(), f.start, f.end) for f in facts):
            comparator = m.group("comp") or m.group("comp_first")
            facts.append(_threshold(m, text, "n", value=parse_number(m.group("n")), unit="employees",
                                    attribute="employees", comparator=">=" if "more" in comparator.lower() else "<="))
    for m in (HEADCOUNT_AVERAGE_RE.finditer(search) if headcount else ()):
        if not any(overlaps(*m.span(), f.start, f.end) for f in facts):
            comparator = "<=" if m.group("comp").lower().startswith(("do", "not")) else ">"
            facts.append(_threshold(m, text, "n", value=parse_number(m.group("n")), unit="employees",
                                    attribute="employees", comparator=comparator))
    money = has_digit and any(w in low for w in ("eur", "€", "$", "£", "usd", "gbp"))
    for m in (MONEY_THRESHOLD_RE.finditer(search) if money else ()):
        amount = re.match(MONEY, m.group("money"), re.IGNORECASE)
        value, currency = money_value(amount)
        # The fact spans the measure and the amount, not the words between.
        start = m.start("attr")
        facts.append(Fact(kind="threshold", text=text[start:m.end()], start=start, end=m.end(), value=value,
                          unit=currency, attribute=MONEY_ATTRIBUTES[m.group("attr").lower()],
                          comparator=comparator_of(m.group("comp"))))
    if re.search(r"\bimport", search, re.IGNORECASE):
        for m in VOLUME_THRESHOLD_RE.finditer(search):
            facts.append(_threshold(m, text, "n", value=parse_number(m.group("n")), unit=_MASS[m.group("unit").lower()],
                                    attribute="import_volume", comparator=comparator_of(m.group("comp"))))
        if not any(f.attribute == "import_volume" for f in facts):
            for m in VOLUME_REFERENCE_RE.finditer(search):
                facts.append(_threshold(m, text, "", attribute="import_volume"))
    for attribute, pattern in EXEMPTIONS.items():
        gate = EXEMPTION_GATES[attribute]
        if not any(g in low for g in ((gate,) if isinstance(gate, str) else gate)):
            continue
        for m in pattern.finditer(search):
            facts.append(Fact(kind="exemption", text=text[m.start():m.end()], start=m.start(), end=m.end(), attribute=attribute))
    facts.sort(key=lambda f: (f.start, f.end))
    return facts
