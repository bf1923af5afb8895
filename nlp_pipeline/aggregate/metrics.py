"""A standard's duty to disclose a measured quantity, read as a result on the topic it measures.

A voluntary standard that has a company disclose its energy use in MWh, its
waste in tonnes or the share of employees under collective agreements binds
no one, so the passage itself is a process (2). For the cell of the topic the
quantity measures, though, it asks for a result with its scope: once
reported it is a figure, which the guideline's level 3 reads as progress
reported. A yes/no or narrative disclosure ("whether", "how") names no
quantity and stays a process.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from nlp_pipeline.aggregate.list_points import LIST_POINT_RE, going_on
from nlp_pipeline.records import AnalysedPassage, DocumentKind, DutyType

# The level a passage has when it is an unenforced requirement of a standard.
UNENFORCED_REQUIREMENT = "strength.requirement_without_enforcement"
# A measured quantity: a unit, a share, a rate, a count or a total.
METRIC_RE = re.compile(
    r"\b(?:MWh|kWh|GWh|GJ|TJ|tCO2e?q?|tCO2-eq|tonnes|metric\s+tons|kilograms|cubic\s+met(?:re|er)s|hectares)\b"
    r"|\bpercentage\b|\brate\s+of\b|\b(?:total\s+)?number\s+of\b|\btotal\s+(?:annual\s+)?[a-z]+\b",
    re.IGNORECASE,
)
# A duty to say whether or how something is done, not to give a figure.
NARRATIVE_DUTY_RE = re.compile(r"\b(?:whether|how|describe|explain)\b", re.IGNORECASE)


def asked_metric(passage: AnalysedPassage, continues_duty: bool = False) -> str:
    """The measured quantity a standard's unenforced duty to disclose asks for ('' when none).

    A list point that goes on with such a duty ("shall disclose: (a) ...;
    (b) the total annual waste diverted to recycling") asks with its lead.
    """
    a = passage.assessment
    if passage.passage.doc_kind is not DocumentKind.INITIATIVE or a.strength != 2:
        return ""
    own = a.duty_type is DutyType.DISCLOSURE and any(r.rule == UNENFORCED_REQUIREMENT for r in a.reasons)
    # A list point with no modal verb of its own takes its lead's.
    inherited = continues_duty and not any(r.rule.startswith("modality.") for r in a.reasons)
    if not (own or inherited):
        return ""
    m = METRIC_RE.search(passage.passage.text)
    return m.group() if m else ""


def _disclosure_duty(passage: AnalysedPassage) -> bool:
    """A standard's own duty to disclose, the lead-in of the list points after it."""
    a = passage.assessment
    return (passage.passage.doc_kind is DocumentKind.INITIATIVE and a.duty_type is DutyType.DISCLOSURE
            and any(r.rule.startswith("modality.") for r in a.reasons) and a.strength >= 2)


def metric_continuations(passages: Sequence[AnalysedPassage]) -> frozenset[str]:
    """Ids of list points that go on with a standard's duty to disclose a measured quantity."""
    return going_on(passages, follows=lambda p: bool(LIST_POINT_RE.match(p.passage.text)), opens=_disclosure_duty)


def metric_on_topic(metric: str, terms: set[str], sentences: list[str]) -> bool:
    """Whether the quantity asked for is on the category whose words are `terms`.

    Off it only when the category's words all stand in yes/no or narrative
    duties of other sentences ("disclose whether it applies circular economy
    principles. ... disclose the total annual generation of waste": a figure
    on waste, a yes/no on circular models). Without words, it is on it.
    """
    if not terms:
        return True
    on_topic = [s.lower() for s in sentences if any(t in s.lower() for t in terms)]
    return not on_topic or any(metric.lower() in s or not NARRATIVE_DUTY_RE.search(s) for s in on_topic)
