"""Numbers with their units, and dates as dates, so two versions compare what the figures mean.

"1 000 employees" and "3 000 employees" compare as headcounts, "EUR 450
million" and "EUR 450 000 000" as the same amount, "every 12 months" and
"every 5 years" as periods in days, "26 July 2027" and "26 July 2029" as days
on the calendar. A number that cites something ("Article 20", "OJ L 322",
"Directive 2013/34/EU", "point (14)") is not a quantity.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from nlp_pipeline.assess.patterns import COMPARATOR, WORD_NUMBERS, comparator_of

MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
     "december"], start=1)}
_MONTH = "|".join(m.capitalize() for m in MONTHS)
_NUM = r"\d{1,3}(?:[ \u00a0\u202f,]\d{3})+(?![\d,.]\d)|\d+(?:[.,]\d+)?"
_WORD_NUM = "|".join(sorted(WORD_NUMBERS, key=len, reverse=True))
_MULTIPLIERS = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "bn": 1e9, "mn": 1e6, "m": 1e6}
_COUNTED = {
    "employees": "employees", "employee": "employees", "workers": "employees", "staff": "employees",
    "persons employed": "employees", "m²": "m2", "m2": "m2", "square metres": "m2", "square meters": "m2",
    "tonnes": "t", "tonne": "t", "tons": "t", "kg": "kg", "kilograms": "kg",
}
_DAYS = {"day": 1, "days": 1, "week": 7, "weeks": 7, "month": 30.44, "months": 30.44, "year": 365.25, "years": 365.25}

_DATE_RE = re.compile(
    rf"\b(?P<d>\d{{1,2}})\s+(?P<m>{_MONTH})\s+(?P<y>(?:19|20)\d{{2}})\b"
    rf"|\b(?P<m2>{_MONTH})\s+(?P<y2>(?:19|20)\d{{2}})\b"
    r"|\b(?P<d3>\d{1,2})\.(?P<m3>\d{1,2})\.(?P<y3>(?:19|20)\d{2})\b",
)
_MONEY_RE = re.compile(
    rf"(?:EUR|€|USD|\$|GBP|£)\s?(?P<n>{_NUM})(?:\s?(?P<mult>thousand|million|billion|bn|mn)\b)?"
    rf"|(?P<n2>{_NUM})(?:\s?(?P<mult2>thousand|million|billion))?\s?(?:euros?|EUR)\b",
    re.IGNORECASE,
)
# "5 % of the net worldwide turnover": what the share is of belongs to the figure.
_PERCENT_RE = re.compile(rf"(?P<n>{_NUM})\s?(?:%|per\s?cent\b|percent\b)(?:\s+of\s+(?:the\s+|its\s+|their\s+)?"
                         r"(?:(?:net|total|annual|worldwide|global|consolidated)\s+){0,3}(?:turnover|revenue|income))?",
                         re.IGNORECASE)
_PERIOD_RE = re.compile(rf"\b(?P<n>{_NUM}|{_WORD_NUM})\s+(?P<unit>days?|weeks?|months?|years?)\b", re.IGNORECASE)
_COUNT_RE = re.compile(
    rf"(?P<n>{_NUM})\s?(?P<unit>persons employed|employees|employee|workers|staff|m²|m2\b|square metres|square meters"
    r"|tonnes|tonne|tons|kg\b|kilograms)",
    re.IGNORECASE,
)
_YEAR_RE = re.compile(r"\b(?:by|until|before|after|from|in|as from|as of|end of|not later than|no later than)\s+"
                      r"(?P<y>(?:19|20)\d{2})\b(?!\s*/)", re.IGNORECASE)
# Numbers that name something rather than measure it.
_CITATION_BEFORE = re.compile(
    r"(?:Articles?|paragraphs?|points?|subparagraphs?|Annex(?:es)?|Recitals?|Chapter|Section|No|OJ\s+[LC]|p\.|pp\.|"
    r"Directive|Regulation|Decision|L|C|\(EU\)|\(EC\)|and|or|to|,)\s*\(?$",
    re.IGNORECASE,
)
_DEADLINE_BEFORE = re.compile(
    r"\b(?:by|until|before|after|from|as from|as of|starting on|on or after|not later than|no later than|later than|"
    r"at the latest by|with effect from|applies? from|apply from|preceding|up to|on)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_ACT_CITATION_BEFORE = re.compile(r"(?:\d{2,4}/\d+(?:/E[UC])?|Council|Parliament)\s+of\s+$", re.IGNORECASE)


@dataclass(frozen=True)
class Quantity:
    """A figure as it is meant: what it measures (`dimension`), in which unit, its value, and where it stands."""

    dimension: str  # date, period, money, percent, count, year, number
    unit: str  # EUR, %, days, employees, m2, t ...; "" for a date
    value: float  # a date as its ordinal day; money in units of its currency; a period in days
    text: str
    start: int
    end: int
    comparator: str = ""  # the comparator written before it: ">", ">=", "<", "<=", "" if none
    deadline: bool = False  # a date or year after "by", "from", "until", ...

    @property
    def key(self) -> tuple[str, str]:
        return self.dimension, self.unit

    def shown(self) -> str:
        return self.text


def _number(raw: str) -> float | None:
    raw = raw.strip().lower()
    if raw in WORD_NUMBERS:
        return float(WORD_NUMBERS[raw])
    raw = re.sub(r"(?<=\d)[ \u00a0\u202f,](?=\d{3})", "", raw)
    try:
        return float(raw.replace(",", "."))
    except ValueError:
        return None


def _comparator(text: str, start: int) -> str:
    m = re.search(rf"(?:{COMPARATOR})\s*(?:of\s+)?(?:EUR\s+|€\s*)?$", text[max(0, start - 40):start], re.IGNORECASE)
    if not m:
        return ""
    phrase = re.sub(r"\s*(?:of\s+)?(?:EUR\s+|€\s*)?$", "", m.group(), flags=re.IGNORECASE)
    return comparator_of(phrase, "")


def quantities(text: str) -> list[Quantity]:
    """Every figure of the text that measures something, left to right, none overlapping."""
    found: list[Quantity] = []
    taken: list[tuple[int, int]] = []

    def free(start: int, end: int) -> bool:
        return all(end <= a or start >= b for a, b in taken)

    def add(q: Quantity) -> None:
        found.append(q)
        taken.append((q.start, q.end))

    for m in _DATE_RE.finditer(text):
        day, month, year = _date_parts(m)
        try:
            value = float(dt.date(year, month, day).toordinal())
        except ValueError:
            continue
        before = text[max(0, m.start() - 40):m.start()]
        add(Quantity("date", "", value, m.group(), m.start(), m.end(),
                     deadline=bool(_DEADLINE_BEFORE.search(before)) and not _ACT_CITATION_BEFORE.search(before)))
    for m in _MONEY_RE.finditer(text):
        if not free(*m.span()):
            continue
        value = _number(m.group("n") or m.group("n2"))
        if value is None:
            continue
        value *= _MULTIPLIERS.get((m.group("mult") or m.group("mult2") or "").lower(), 1.0)
        add(Quantity("money", "EUR" if re.search(r"EUR|€|euro", m.group(), re.I) else m.group()[:1], value,
                     m.group(), m.start(), m.end(), _comparator(text, m.start())))
    for m in _PERCENT_RE.finditer(text):
        value = _number(m.group("n"))
        if value is not None and free(*m.span()):
            unit = "% of turnover" if re.search(r"turnover|revenue|income", m.group(), re.I) else "%"
            add(Quantity("percent", unit, value, m.group(), m.start(), m.end(), _comparator(text, m.start())))
    for m in _PERIOD_RE.finditer(text):
        value = _number(m.group("n"))
        if value is not None and free(*m.span()):
            days = value * _DAYS[m.group("unit").lower()]
            add(Quantity("period", "days", days, m.group(), m.start(), m.end(), _comparator(text, m.start())))
    for m in _COUNT_RE.finditer(text):
        value = _number(m.group("n"))
        if value is not None and free(*m.span()):
            add(Quantity("count", _COUNTED[m.group("unit").lower()], value, m.group(), m.start(), m.end(),
                         _comparator(text, m.start())))
    for m in _YEAR_RE.finditer(text):
        span = m.span("y")
        if free(*span):
            add(Quantity("year", "", float(m.group("y")), m.group("y"), span[0], span[1], deadline=True))
    for m in re.finditer(_NUM, text):
        if not free(*m.span()) or _CITATION_BEFORE.search(text[max(0, m.start() - 12):m.start()]):
            continue
        if re.match(r"[/(]|\s*/", text[m.end():m.end() + 2]) or text[m.start() - 1:m.start()] in "/.(":
            continue  # 2013/34, 3(4), 26.7
        value = _number(m.group())
        if value is not None:
            add(Quantity("number", "", value, m.group(), m.start(), m.end(), _comparator(text, m.start())))
    found.sort(key=lambda q: q.start)
    return found


def _date_parts(m: re.Match) -> tuple[int, int, int]:
    if m.group("y"):
        return int(m.group("d")), MONTHS[m.group("m").lower()], int(m.group("y"))
    if m.group("y2"):
        return 1, MONTHS[m.group("m2").lower()], int(m.group("y2"))
    return int(m.group("d3")), int(m.group("m3")), int(m.group("y3"))


def comparable(a: Quantity, b: Quantity) -> bool:
    """Whether the two figures measure the same thing, so one can be said to be higher."""
    if a.dimension in ("date", "year") and b.dimension in ("date", "year"):
        return True
    return a.key == b.key


def as_days(q: Quantity) -> float:
    """A date or a bare year as a day on the calendar (a year as its first day)."""
    if q.dimension == "year":
        return float(dt.date(int(q.value), 1, 1).toordinal())
    return q.value
