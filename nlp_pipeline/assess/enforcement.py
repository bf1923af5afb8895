"""Enforcement: penalties, authorities, liability, verification, termination.

Binding words are only as strong as what happens when they are broken. This
module finds the consequences a passage names (as Facts, with amounts where
given); `reach.py` reads which duties each enforcement provision of an act
applies to, since the guideline gives an operative "shall" level 4 only where
penalties, supervisory authorities or civil liability reach it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from nlp_pipeline.records import Fact
from nlp_pipeline.assess.patterns import clean, COMPARATOR, MONEY, NUM, comparator_of, money_value, parse_number

SHARE_OF_TURNOVER_RE = re.compile(
    rf"(?:(?P<comp>{COMPARATOR})\s+)?(?P<n>{NUM})\s?(?:%|per\s?cent\b|percent\b)\s+of\s+(?:the\s+|its\s+|their\s+|a\s+company's\s+|the\s+company's\s+)?"
    r"(?:(?:total|annual|net|worldwide|global|consolidated|Union)\s+)*(?:turnover|revenue)",
    re.IGNORECASE,
)
FINE_AMOUNT_RE = re.compile(
    rf"\b(?:fines?|penalt(?:y|ies)|sanctions?)\b[^.;%]{{0,60}}?(?:(?P<comp>{COMPARATOR})\s+)?(?P<money>{MONEY})",
    re.IGNORECASE,
)

# attribute -> expressions. Matched over the cleaned passage text.
ENFORCEMENT: dict[str, re.Pattern] = {
    "civil_liability": re.compile(
        r"\bliable\s+for\s+(?:the\s+)?damages?\b|\bheld\s+liable\b|\bcivil\s+liability\b|\bfull\s+compensation\b"
        r"|\bright\s+to\s+(?:full\s+)?compensation\b|\bjointly\s+and\s+severally\s+liable\b|\bliable\s+jointly\s+and\s+severally\b"
        r"|\bactions?\s+for\s+damages\b",
        re.IGNORECASE,
    ),
    "supervisory_authority": re.compile(
        r"\bsupervisory\s+authorit(?:y|ies)\b|\bcompetent\s+authorit(?:y|ies)\b|\bmarket\s+surveillance\s+authorit(?:y|ies)\b",
        re.IGNORECASE,
    ),
    "penalties": re.compile(
        r"\beffective,\s+proportionate\s+and\s+dissuasive\b|\bpecuniary\s+penalt(?:y|ies)\b|\bpenalt(?:y|ies)\b|\bfines?(?=\s+(?:of|up\s+to|for)\b)"
        r"|\brules\s+applicable\s+to\s+infringements\b",
        re.IGNORECASE,
    ),
    # Authorities checking companies' compliance (the CMR's ex-post checks, on-the-spot inspections).
    # An authority's power to investigate (the CSDDD's Article 25(1)) is such a check.
    "compliance_checks": re.compile(r"\bex[- ]post\s+checks?\b|\bon[- ]the[- ]spot\s+(?:checks?|inspections?)\b"
                                    r"|\b(?:carry\s+out|conduct|initiate)\s+(?:investigations|inspections)\b", re.IGNORECASE),
    "remedial_action": re.compile(r"\bnotices?\s+of\s+remedial\s+action\b|\bremedial\s+measures?\s+(?:ordered|imposed)\b", re.IGNORECASE),
    "injunction": re.compile(r"\binjunct(?:ive|ion|ions)\b|\bcease\s+(?:the\s+)?infringements?\b", re.IGNORECASE),
    "public_naming": re.compile(r"\bpublic\s+statement\s+indicating\b|\bpublicly\s+nam(?:e|ed|ing)\b|\bnaming\s+and\s+shaming\b", re.IGNORECASE),
    "market_measures": re.compile(
        r"\bwithdraw(?:al|n)?\b[^.;]{0,40}\bfrom\s+the\s+(?:Union\s+)?market\b|\bexclu(?:sion|ded)\s+from\s+public\s+(?:procurement|contracts)\b|\bmarket\s+ban\b",
        re.IGNORECASE,
    ),
    "third_party_verification": re.compile(
        r"\b(?:independent\s+)?third[- ]party\s+(?:verification|verified|audits?|audited|assurance|certification)\b"
        r"|\bindependent(?:ly)?\s+(?:audit(?:s|ed|ors?)?|verif(?:ied|ication)|assur(?:ed|ance))\b|\bexternal(?:ly)?\s+(?:assurance|assured|verified|verification)\b",
        re.IGNORECASE,
    ),
    "contract_termination": re.compile(
        r"\bterminat(?:e|es|ed|ing|ion\s+of)\s+(?:the\s+|our\s+|its\s+|their\s+|a\s+)?(?:business\s+)?(?:contracts?|relationships?|agreements?)\b"
        r"|\bcontract\s+termination\b|\bsuspend(?:ing|ed|s)?\s+or\s+terminat|\bsuspension\s+or\s+termination\b|\bdisengage(?:ment)?\b",
        re.IGNORECASE,
    ),
    "membership_sanction": re.compile(r"\b(?:suspension|expulsion|exclusion)\s+(?:from|of)\s+(?:the\s+)?(?:membership|initiative|programme|program|members?)\b", re.IGNORECASE),
    # An audit standard grades breaches; a graded finding is its consequence.
    # A contract that obliges the other party: enforceable in the courts.
    "contractual_obligation": re.compile(
        r"\bcontracts?\b[^.;]{0,120}\b(?:obligated|obliged|required|bound)\s+to\b|\bcontractual(?:ly)?\s+(?:obligat\w+|bound|required|binding)\b"
        r"|\b(?:contract|purchase\s+order)\s+(?:terms|clauses?)\s+(?:require|oblige)",
        re.IGNORECASE,
    ),
    # A code whose adopters are bound to it as a condition of taking part.
    "membership_condition": re.compile(
        r"\bto\s+(?:adopt\s+the\s+code\s+and\s+)?become\s+a\s+(?:participant|member)\b|\bas\s+a\s+condition\s+of\s+(?:membership|participation)\b"
        r"|\bmembers?\s+(?:are|is|shall\s+be)\s+required\s+to\s+(?:comply|adopt|conform)\b",
        re.IGNORECASE,
    ),
    # Statutory assurance of what undertakings report (the CSRD's limited
    # assurance engagement) checks their duties to report.
    "assurance": re.compile(
        r"\b(?:limited|reasonable)\s+assurance\s+engagement\b|\bassurance\s+of\s+(?:the\s+)?(?:annual\s+and\s+consolidated\s+)?sustainability\s+reporting\b",
        re.IGNORECASE,
    ),
    "graded_audit_finding": re.compile(
        r"\b(?:major|minor|priority)\s+non-?conformances?\b|\bsevere\s+findings?\b|\bclosure\s+audits?\b"
        r"|\bnon-?conformances?\s+(?:is|are)\s+(?:rated|graded)\b"
        # "it is a non-conformance to the RBA Code of Conduct albeit a lesser one": the breach graded.
        r"|\b(?:is|are|constitutes?)\s+(?:an?\s+)?(?:\w+\s+)?non-?conformances?\s+(?:to|with|of|against)\b"
        # The audit standard's list of what must never be found ("Serious conditions to ensure do not occur").
        r"|\bserious\s+conditions\s+(?:that\s+will\s+result|to\s+ensure\s+do\s+not\s+occur)\b",
        re.IGNORECASE,
    ),
}

# Cheap substring gates: a pattern runs only on passages holding its key
# word, which keeps the expressions off most text.
GATES: dict[str, tuple[str, ...]] = {
    "civil_liability": ("liab", "compensation", "damages"),
    "supervisory_authority": ("authorit",),
    "penalties": ("penalt", "dissuasive", "fine", "infringement"),
    "compliance_checks": ("check", "inspection", "investigation"),
    "remedial_action": ("remedial",),
    "injunction": ("injunct", "cease"),
    "public_naming": ("public statement", "publicly nam", "naming"),
    "market_measures": ("market", "procurement", "public contracts"),
    "third_party_verification": ("third", "independent", "external"),
    "contract_termination": ("terminat", "disengage"),
    "membership_sanction": ("suspension", "expulsion", "exclusion"),
    "graded_audit_finding": ("conformance", "finding", "closure", "serious conditions"),
    "assurance": ("assurance",),
    "contractual_obligation": ("contract",),
    "membership_condition": ("participant", "member"),
}

# What makes an act's "shall" enforceable, by kind of text. Laws: public
# enforcement or liability. Codes and standards: verification with
# consequences for their members or suppliers.
ACT_ENFORCEMENT = frozenset({"civil_liability", "supervisory_authority", "penalties", "remedial_action", "injunction", "public_naming",
                             "market_measures", "assurance", "compliance_checks"})
SCHEME_ENFORCEMENT = frozenset({"third_party_verification", "contract_termination", "membership_sanction", "penalties"})
# What makes a single report passage enforceable on its own.
PASSAGE_ENFORCEMENT = frozenset({"third_party_verification", "contract_termination", "membership_sanction", "contractual_obligation"})


# Naming an authority or a penalty is not yet enforcing anything: "inform the
# competent supervisory authority", "the competent authorities shall cooperate",
# "the total amount of fines, penalties and compensation" (a datapoint to
# report), "work exacted under the menace of any penalty" (a definition). An
# act's provision enforces when it gives authorities supervision, monitoring,
# investigation or powers over compliance, or sets penalties up.
PROVIDES: dict[str, re.Pattern] = {
    "supervisory_authority": re.compile(
        r"\bsupervis(?:e|es|ing)\b|\bsupervision\s+of\b|\bmonitor(?:s|ing)?\s+(?:the\s+)?compliance\b|\binvestigat\w+"
        r"|\binspections?\b|\bpowers?\b|\bcompetent\s+to\s+enforce\b|\benforcement\s+action\b|\bfailure\s+to\s+comply\b",
        re.IGNORECASE),
    "penalties": re.compile(
        r"\beffective,\s+proportionate\s+and\s+dissuasive\b|\bpecuniary\s+penalt|\brules\s+applicable\s+to\s+infringements\b"
        r"|\b(?:lay\s+down|provide\s+for|impos\w+)\b[^.;]{0,80}\b(?:penalt\w+|fines?|sanctions?)\b"
        r"|\b(?:penalt\w+|fines|sanctions)\b[^.;]{0,60}\b(?:shall|must|imposed|applicable\s+to\s+infringements)\b",
        re.IGNORECASE),
}


def provided(text: str, found: set[str]) -> set[str]:
    """The enforcement attributes a passage provides, not merely names (see PROVIDES)."""
    search = clean(text)
    return {a for a in found if a not in PROVIDES or PROVIDES[a].search(search)}


def penalties(text: str) -> list[Fact]:
    search = clean(text)  # same offsets, no no-break spaces
    facts = []
    low = search.lower()
    if not any(g in low for g in ("%", "per cent", "percent", "fine", "penalt", "sanction")):
        return facts
    for m in SHARE_OF_TURNOVER_RE.finditer(search):
        facts.append(Fact(kind="penalty", text=text[m.start():m.end()], start=m.start(), end=m.end(), value=parse_number(m.group("n")),
                          unit="%", attribute="share_of_turnover", comparator=comparator_of(m.group("comp"))))
    for m in FINE_AMOUNT_RE.finditer(search):
        money = re.match(MONEY, m.group("money"), re.IGNORECASE)
        value, currency = money_value(money)
        facts.append(Fact(kind="penalty", text=text[m.start():m.end()], start=m.start(), end=m.end(), value=value, unit=currency,
                          attribute="amount", comparator=comparator_of(m.group("comp"))))
    return facts


def enforcement(text: str) -> list[Fact]:
    search = clean(text)  # same offsets, no no-break spaces
    facts = penalties(text)
    low = search.lower()
    for attribute, pattern in ENFORCEMENT.items():
        if not any(g in low for g in GATES[attribute]):
            continue
        for m in pattern.finditer(search):
            facts.append(Fact(kind="enforcement", text=text[m.start():m.end()], start=m.start(), end=m.end(), attribute=attribute))
    facts.sort(key=lambda f: (f.start, f.end))
    return facts


def attributes(facts: Iterable[Fact]) -> set[str]:
    found = set()
    for f in facts:
        if f.kind == "penalty":
            found.add("penalties")
        elif f.kind == "enforcement":
            found.add(f.attribute)
    return found
