"""Polarity: does a passage establish coverage, narrow it, or pull against the roadmap?

A threshold, an exemption or a "best efforts" clause is binding text, but what
it binds is a way out: it is evidence of a gap, never coverage. Shareholder
primacy and deregulation ("the specific, EU-wide liability regime ... should
be removed") run against the roadmap's direction. The rules here find the
words that grant a narrowing or express an opposing stance; references to a
narrowing made elsewhere ("without prejudice to the exemption provided for in
paragraph 2", "with the exception of point (14)") grant nothing and are left
out.

Which categories an opposing family runs against is data: deregulation runs
against every category (`OpposingFamily.universal`), shareholder primacy only
against those whose taxonomy entry lists it in `opposed_by`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from nlp_pipeline.records import Fact, OpposingFamily, Polarity, Reason
from nlp_pipeline.assess.explanations import reason
from nlp_pipeline.assess.patterns import clean

# What an exemption fact must not be followed or preceded by to be granted here.
_REFERENCE_AFTER = re.compile(r"^\s*(?:referred to|provided for|laid down|set out|granted)\b", re.IGNORECASE)
_REFERENCE_BEFORE = re.compile(r"(?:without prejudice to|subject to|notwithstanding|in accordance with)\s+(?:the\s+)?$", re.IGNORECASE)
# "with the exception of the provisions referred to in paragraph 3" points at other text too.
_CROSS_REFERENCE_AFTER = re.compile(
    r"^\s*(?:points?|paragraphs?|subparagraphs?|articles?|annex(?:es)?|sections?|\(\w{1,4}\)|(?:the\s+)?provisions?\s+referred\s+to\b)",
    re.IGNORECASE)

# An amending act's instruction deleting a provision ("in Article 29, paragraph 1 is deleted"): a whole
# article or paragraph deleted takes a provision out of the act it amends (deregulation); a point,
# subparagraph or sentence deleted leaves the provision there with less in it (a narrowing). A subject
# that is no provision ("personal data shall be deleted") is a duty, not a deletion.
_LABELS = r"(?:\s+(?:\d{1,3}[a-z]{0,3}|\([a-z0-9]{1,5}\))(?:\s*(?:,|and|to)\s*(?:\d{1,3}[a-z]{0,3}|\([a-z0-9]{1,5}\)))*)?"
DELETED_PROVISION = rf"\b(?:articles?|paragraphs?|annex(?:es)?|chapters?|sections?){_LABELS}\s*,?\s+(?:is|are)\s+deleted\b"
DELETED_PART = rf"\b(?:points?|subparagraphs?|sentences?|indents?){_LABELS}\s*,?\s+(?:is|are)\s+deleted\b"

# Narrowings a passage grants in its own words, by kind.
NARROWING: dict[str, re.Pattern] = {
    "applicability_condition": re.compile(
        r"\bshall\s+(?:only|solely)\s+apply\b|\bshall\s+apply\s+only\b|\bonly\s+apply\s+(?:if|where|to)\b"
        r"|\bshall\s+no\s+longer\s+apply\b"
        # The US rule retold: due diligence is owed only for minerals not from recycled or scrap sources.
        r"|\bnot\s+(?:be\s+)?(?:solely\s+)?(?:originate\s+|come\s+)?from\s+recycled\s+or\s+scrap\b[^.;]{0,160}?\bmust\s+(?:exercise|conduct)\s+due\s+diligence\b"
        r"|\bmust\s+(?:exercise|conduct)\s+due\s+diligence\b[^.;]{0,160}?\bnot\s+(?:be\s+)?(?:solely\s+)?(?:originate\s+|come\s+)?from\s+recycled\s+or\s+scrap\b",
        re.IGNORECASE),
    "not_required": re.compile(
        r"\b(?:shall|is|are|be)\s+not\s+(?:be\s+)?(?:required|obliged|obligated)\s+to\b|\bnot\s+be\s+obliged\s+to\b"
        r"|\bshall\s+never\s+be\s+obliged\s+to\b|\bis\s+not\s+obliged\s+to\b|\bare\s+not\s+obliged\s+to\b"
        r"|\bmay\s+choose\s+not\s+to\s+apply\b|\bto\s+be\s+omitted\b|\bmay\s+be\s+omitted\b"
        # A standard or act saying what it leaves out: "the ESRS do not impose due diligence processes".
        r"|\b(?:ESRS|standards?|(?:this|the)\s+(?:Standard|Directive|Regulation|Code))(?:\s+\d+)?\s+(?:do|does)\s+not\s+"
        r"(?:mandate|impose|require|prescribe)\b", re.IGNORECASE),
    "liability_carve_out": re.compile(
        r"\bcannot\s+be\s+held\s+liable\b|\bshall\s+not\s+be\s+(?:held\s+)?liable\b|\bshall\s+not\s+trigger\b[^.;]{0,40}\bliability\b"
        r"|\bnot\s+intended\s+to\s+create\b[^.;]{0,60}\brights\b", re.IGNORECASE),
    "confidentiality": re.compile(
        r"\btrade\s+secrets?\b|\b(?:business|commercial)\s+confidentiality\b|\bcommercially\s+sensitive\b"
        r"|\bcompetitive\s+concerns\b|\bconfidential\s+business\s+information\b|\bseriously\s+prejudicial\b", re.IGNORECASE),
    "best_efforts": re.compile(
        r"\b(?:best|reasonable)\s+(?:efforts?|endeavou?rs?)\b|\bto\s+the\s+best\s+of\s+(?:their|its|our)\s+knowledge\s+and\s+ability\b",
        re.IGNORECASE),
    "limitation": re.compile(
        r"\b(?:limit|limits|limiting|limited|restrict|restricts|restricting|restricted|narrow|narrowing)\s+"
        r"(?:the\s+)?(?:(?:due\s+diligence|information|reporting)\s+)?(?:obligations?|duty|duties|scope|requirements?|requests?|measures|due\s+diligence|notion|stages"
        r"|value[- ]chain\s+information)\b"
        r"|\bonly\s+at\s+the\s+level\s+of\s+direct\b|\bcap(?:ped)?\s+on\s+(?:the\s+)?(?:information|value[- ]chain)\b",
        re.IGNORECASE),
    "part_deleted": re.compile(DELETED_PART, re.IGNORECASE),
    # A smelter counted conformant without being checked: recycled or scrap sources "added to the
    # conformant category", members "deemed conflict-free". A lower bar, a loophole.
    "deemed_conformant": re.compile(
        r"\b(?:recycled|scrap)\b[^.;]{0,120}?\b(?:added\s+to|included\s+in|counted\s+(?:as|in)|considered|deemed|designate[sd]?\s+as)"
        r"\b[^.;]{0,40}?\b(?:conformant|conflict[- ]free)\b"
        r"|\b(?:considered|deemed|presumed|treated\s+as|counted\s+as)\s+(?:to\s+be\s+)?(?:conformant|conflict[- ]free)\b",
        re.IGNORECASE),
    # Recycled or scrap metal taken out of the duties ("This Regulation shall not apply to recycled metals",
    # CMR Art 1(6)): a loophole, and what the act says of recycled metal as a source (the guideline tags both).
    "recycled_exemption": re.compile(
        r"\b(?:shall|does|do|will)\s+not\s+apply\s+to\s+(?:\w+\s+){0,3}?(?:recycled|scrap)\b"
        r"|\b(?:recycled|scrap)\s+(?:metals?|materials?|sources?)\b[^.;]{0,40}\b(?:shall\s+be\s+|are\s+|is\s+)?exempt(?:ed)?\b",
        re.IGNORECASE),
    # A date put off delays a duty without taking it away: a carve-out in time.
    "postponement": re.compile(
        r"\bpostpon\w+|\bdefer(?:s|red|ral|ring)?\b[^.;]{0,40}\b(?:application|date|deadline)", re.IGNORECASE),
}
NARROWING_GATES = {
    "applicability_condition": ("apply", "recycled or scrap"), "not_required": ("not", "omit", "never"), "liability_carve_out": ("liab", "rights"),
    "confidentiality": ("secret", "confidential", "sensitive", "competitive", "prejudicial"),
    "best_efforts": ("effort", "endeavo", "best of"), "limitation": ("limit", "restrict", "narrow", "only at", "cap"),
    "part_deleted": ("deleted",), "postponement": ("postpon", "defer"),
    "deemed_conformant": ("conformant", "conflict-free", "conflict free"),
    "recycled_exemption": ("recycled", "scrap"),
}

# A grant that reaches only the articles it names: "penalties applicable to
# infringements of Articles 5, 6 and 7" (Taxonomy Regulation Art 22) sets
# penalties, and sets none for the rest of the act, where "infringements of
# national provisions adopted pursuant to this Directive" reach all of it. It
# establishes what it grants and narrows the act's coverage at once.
LIMITED_REACH_RE = re.compile(
    r"\b(?:penalt(?:y|ies)|sanctions?)\s+(?:\w+\s+){0,3}?applicable\s+to\s+(?:the\s+)?infringements?\s+of\s+Articles?\s+\d+"
    r"(?:\s*(?:,|and)\s*\d+)*", re.IGNORECASE)


def limited_reach(text: str) -> str | None:
    """The words of a grant limited to the articles it names, or None."""
    m = LIMITED_REACH_RE.search(clean(text))
    return m.group(0) if m else None


# What a text says it takes away: a provision deleted or removed, a duty limited, a date put off.
# Said of an amendment by an amending act's reasons, it is what the amendment
# does to the act it amends (aggregate/amendments.py); said of a law or a
# policy in general, it is deregulation. An amending act's own instructions
# ("paragraph 1 is deleted") are read above, by what they delete.
TAKES_AWAY: dict[str, re.Pattern] = {
    "removal": re.compile(
        r"\bdelet(?:e|es|ing)\s+(?:the\s+|this\s+|that\s+)?(?:paragraph|point|article|requirement|review|specific|obligation|duty)"
        r"|\bremov(?:e|es|ing)\s+(?:the\s+)?['‘\"“]?(?:duty|obligation|requirement|specific|minimum|regime|review|aspects)"
        r"|\brepeal(?:s|ing)?\s+(?:the\s+)?(?:paragraph|point|article|requirement|obligation|duty)"
        r"|\bshould\s+be\s+(?:removed|deleted|repealed)\b", re.IGNORECASE),
    "limitation": NARROWING["limitation"],
    "reduction": re.compile(
        r"\breduc(?:e|es|ing|tion\s+of)\s+(?:the\s+)?(?:scope|number\s+of\s+(?:undertakings|companies|entities))\b"
        r"|\b(?:should|shall)\s+be\s+reduced\s+to\b", re.IGNORECASE),
    "postponement": NARROWING["postponement"],
}
TAKES_AWAY_GATES = {"removal": ("delet", "remov", "repeal"), "limitation": NARROWING_GATES["limitation"],
                    "reduction": ("reduc",), "postponement": ("postpon", "defer")}

OPPOSING: dict[OpposingFamily, re.Pattern] = {
    OpposingFamily.SHAREHOLDER_PRIMACY: re.compile(
        # A trust's unitholders and a corporation's stockholders are its shareholders.
        r"\b(?:share|unit|stock)holder\s+(?:value|returns?|primacy)\b|\breturns?\s+to\s+(?:share|unit|stock)holders\b"
        r"|\b(?:best|long-term)\s+interests?\s+of\s+(?:our\s+|its\s+)?(?:share|unit|stock)holders\b"
        r"|\bmaximi[sz]e\s+(?:profits?|returns)\b"
        # A strategy whose end is "long-term value and high returns" puts the owners' return first.
        r"|\bvalue\s+and\s+(?:high|higher|the\s+highest)\s+returns\b",
        re.IGNORECASE),
    OpposingFamily.DEREGULATION: re.compile(
        r"\b(?:reduce|reduces|reducing|reduction\s+of|cut|cutting|lighten|alleviate|relieve|relieving)\b[^.;]{0,40}\bburdens?\b"
        r"|\bburden\s+reduction\b|\bsimplification\b|\bderegulat\w*"
        rf"|{DELETED_PROVISION}|{TAKES_AWAY['removal'].pattern}",
        re.IGNORECASE),
}
OPPOSING_GATES = {
    OpposingFamily.SHAREHOLDER_PRIMACY: ("holder", "maximi", "returns"),
    OpposingFamily.DEREGULATION: ("burden", "simplif", "deregul", "delet", "remov", "repeal"),
}


@dataclass(frozen=True)
class PolarityReading:
    polarity: Polarity
    narrowing: tuple[str, ...] = ()  # kinds of narrowing granted
    opposing: tuple[str, ...] = ()  # opposing families found
    reasons: tuple[Reason, ...] = ()


def granted_exemptions(text: str, facts: tuple[Fact, ...]) -> list[Fact]:
    """Threshold and exemption facts the passage itself sets, not those it only refers to."""
    out = []
    for f in facts:
        if f.kind == "threshold":
            out.append(f)
        elif f.kind == "exemption":
            before, after = text[max(0, f.start - 40) : f.start], text[f.end : f.end + 40]
            if _REFERENCE_BEFORE.search(before) or _REFERENCE_AFTER.match(after):
                continue
            if f.attribute == "exception" and _CROSS_REFERENCE_AFTER.match(after):
                continue
            out.append(f)
    return out


# Exemption wordings that take a class out of the act or provision altogether
# ("This Regulation shall not apply to recycled metals"): a limit of its
# coverage, where other exemptions relieve someone of one obligation.
NON_APPLICATION = frozenset({"non_application", "not_subject"})


def grant_kind(granted: list[Fact]) -> tuple[str, Fact]:
    """What kind of narrowing the granted facts make, with the fact that shows it.

    A threshold decides it wherever it stands ("shall not apply to importers
    whose volume is below ..." draws a line); then a non-application; else an exemption.
    """
    for kind, chosen in (("threshold", [f for f in granted if f.kind == "threshold"]),
                         ("non_application", [f for f in granted if f.attribute in NON_APPLICATION])):
        if chosen:
            return kind, chosen[0]
    return "exemption", granted[0]


def read_polarity(text: str, legal_facts: tuple[Fact, ...]) -> PolarityReading:
    search = clean(text)
    low = search.lower()
    reasons: list[Reason] = []
    narrowing: list[str] = []
    granted = granted_exemptions(search, legal_facts)
    if granted:
        kind, fact = grant_kind(granted)
        narrowing.append(kind)
        reasons.append(reason(f"polarity.{kind}", fact.text))
    for kind, pattern in NARROWING.items():
        if not any(g in low for g in NARROWING_GATES[kind]):
            continue
        m = pattern.search(search)
        if m:
            narrowing.append(kind)
            reasons.append(reason(f"polarity.{kind}", text[m.start():m.end()]))
    opposing: list[str] = []
    for family, pattern in OPPOSING.items():
        if not any(g in low for g in OPPOSING_GATES[family]):
            continue
        m = pattern.search(search)
        if m:
            opposing.append(family.value)
            reasons.append(reason(f"polarity.{family.value}", text[m.start():m.end()]))
    if opposing:
        polarity = Polarity.OPPOSES
    elif narrowing:
        polarity = Polarity.NARROWS
    else:
        polarity = Polarity.ESTABLISHES
    return PolarityReading(polarity, tuple(dict.fromkeys(narrowing)), tuple(opposing), tuple(reasons))


def takes_away(text: str) -> list[tuple[str, str]]:
    """What the text says is taken away, as (kind, the words saying it); empty when it says nothing of the sort."""
    search = clean(text)
    low = search.lower()
    found = []
    for kind, pattern in TAKES_AWAY.items():
        if not any(g in low for g in TAKES_AWAY_GATES[kind]):
            continue
        m = pattern.search(search)
        if m:
            found.append((kind, search[m.start():m.end()]))
    return found
