"""Targets and results as structured claims: metric, value, unit, years, scope and whose they are.

"Specific" (level 3) needs the company's own quantified or dated target or a
result it reports. A number in a passage is not enough: a scenario's
assumption ("under our 1.5°C scenario, nickel production will have to grow"),
a market statistic or a government's pledge ("Nationally Determined
Contributions") is context, not a commitment, and a year is a date, not a
quantity. So each sentence with a figure or a dated aim is read as one claim:
what is measured, how much, from which baseline year, by which target year,
for which scope, and whose figure it is.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from nlp_pipeline.records import ClaimKind, Fact, Owner, QuantifiedClaim
from nlp_pipeline.assess.patterns import clean, counts_instrument_parts

_YEAR = r"(?:19|20)\d{2}"
_FY = rf"(?:FY\s?|fiscal\s+(?:year\s+)?|financial\s+year\s+)?(?P<y>{_YEAR}|FY\d{{2}})"
TARGET_YEAR_RE = re.compile(
    rf"\b(?:by|before|until|no\s+later\s+than|not\s+later\s+than|by\s+the\s+end\s+of|in\s+time\s+for|target\s+year)\s+(?:the\s+end\s+of\s+)?"
    rf"(?:(?:calendar\s+)?year\s+)?{_FY}\b", re.IGNORECASE)
BASELINE_RE = re.compile(
    rf"\b(?:from|compared\s+(?:with|to)|vs\.?|versus|relative\s+to|against|below|over|on|since)\s+(?:a\s+|the\s+|our\s+|its\s+)?"
    rf"{_FY}(?:\s+(?:levels?|baseline|base\s+year|figures?))?\b|\b(?P<y2>{_YEAR})\s+(?:baseline|base\s+year)\b",
    re.IGNORECASE)
RESULT_YEAR_RE = re.compile(rf"\b(?:in|during|for|throughout|as\s+of|at\s+the\s+end\s+of)\s+(?:calendar\s+year\s+|fiscal\s+(?:year\s+)?)?{_FY}\b", re.IGNORECASE)
NUMBER_RE = re.compile(
    r"(?<![\w/.§#-])(?<!Article )(?<!Articles )(?<!point )(?<!paragraph )(?<!Annex )(?<!Scope )(?<!scope )(?<!Tier )(?<!tier )"
    r"(?<!ISO )(?<!SDG )(?<!Goal )(?<!Step )(?<!step )(?<!Table )(?<!Figure )(?<!page )(?<!Principle )(?<!Level )(?<!Part )(?<!No\. )"
    r"(?<!Rule )(?<!Item )(?<!Exhibit )(?<!Section )(?<!Form )(?<!Chapter )(?<!Appendix )(?<!Category )(?<!category )"
    # The number of a standard ("ISAE 3000", "GRI 305", "IFRS 9") names it; it measures nothing.
    r"(?<!ISAE )(?<!ISRE )(?<!ISRS )(?<!ISA )(?<!GRI )(?<!IFRS )(?<!IAS )(?<!ESRS )(?<!IEC )(?<!EN )(?<!DIN )(?<!ASTM )"
    r"(?<!OHSAS )(?<!ISAE\) )"
    r"(?P<n>\d{1,3}(?:[ ,]\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?![a-zA-Z]{1,2}\b-|\.\d|TGs?\b|tgs?\b|/7\b|\d)\s?(?P<unit>%|per\s?cent\b|percent\b|(?:million|billion|thousand)\b)?",
    re.IGNORECASE)
_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
           "november", "december")

# (The number pattern skips "3TG", the name of tin, tantalum, tungsten and gold, not a quantity.)
# Who a figure belongs to, by the words of its sentence; the first family that matches wins.
SCENARIO_RE = re.compile(
    r"\bscenarios?\b|\bpathways?\b|\bwould\s+(?:need|have)\s+to\b|\bwill\s+have\s+to\b|\bassum(?:e|es|ed|ing|ption)\b|\bprojected\b"
    r"|\bforecasts?\b|\bmodell?ed\b|\bIEA\b|\bIPCC\b|\bcarbon\s+budget\b"
    # A climate-risk analysis's estimate of what a risk would cost is no result of the company's.
    r"|\bBAU\b|\bbusiness[- ]as[- ]usual\b|\bfinancial\s+(?:impacts?|effects?)\s+(?:of|from)\b"
    r"|\b(?:transition|physical|market)\s+risks?\b|\bpotential\s+(?:costs?|losses|financial)\b", re.IGNORECASE)
THIRD_PARTY_RE = re.compile(
    r"\bNationally\s+Determined\s+Contributions?\b|\bNDCs?\b|\bgovernments?\b|\bcountries\b|\bthe\s+world(?:'s)?\b"
    r"|\bglobal\s+(?:demand|emissions|production|average|economy|population|market|supply)\b|\bmarket\s+(?:size|share|growth|demand|prices?)\b"
    r"|\bindustry[- ](?:wide|average)\b|\baccording\s+to\b|\bParis\s+Agreement\b|\bdemand\s+for\b|\bprices?\b"
    r"|\bthe\s+(?:EU|European\s+Union|Union|Commission)\b|\bnational\s+(?:targets?|goals?)\b|\bsector(?:'s)?\s+emissions\b"
    r"|\bshareholders?\b|\boutstanding\s+(?:common\s+)?stock\b|\bvoting\s+power\b"
    r"|\bstud(?:y|ies)\b|\bresearch(?:ers)?\b|\bscientists?\b|\bscientific\s+(?:evidence|literature|consensus)\b"
    # A law's rate, a city's target, an industry initiative's membership: figures of others.
    r"|\bstatutory\b|\bcity\s+of\b|\bmunicipal(?:ity|ities)?\b|\bRMI(?:'s)?\b"
    r"|\b(?:corporation|corporate|nominal|applicable|domestic)\s+(?:income\s+)?tax\s+rates?\b"
    r"|\bResponsible\s+(?:Minerals|Business)\s+(?:Initiative|Alliance)\b|\bmembers\s+(?:of|in)\s+the\b"
    # The words of a UN SDG target, closed by its number: the world's goal, quoted.
    r"|\(\d{1,2}\.(?:\d{1,2}|[a-c])\)\s*$", re.IGNORECASE)
# A figure the company asks a government or legislator to adopt is that policy's, not the company's own
# ("Apple called on European leaders to achieve targets of at least 55 percent ... by 2030").
ADVOCACY_RE = re.compile(
    r"\bcall(?:s|ed|ing)?\s+(?:on|upon|for)\b|\burg(?:e|es|ed|ing)\s+(?:the\s+)?(?:government|policymakers|policy\s*makers|regulators|legislators|leaders|lawmakers|congress|parliament|commission)\b"
    r"|\badvocat(?:e|es|ed|ing)\s+for\b|\blobb(?:y|ied|ies|ying)\s+for\b", re.IGNORECASE)
SUPPLIER_RE = re.compile(r"\bsuppliers?\b|\bsmelters?\b|\brefiners?\b|\bsupplier\s+(?:facilities|sites)\b|\bmanufacturing\s+partners\b",
                         re.IGNORECASE)
OWN_RE = re.compile(r"\b(?:we|our|us|ours)\b|\bthe\s+(?:company|group|corporation)\b(?!\s+tax)", re.IGNORECASE)
TARGET_WORDS_RE = re.compile(
    r"\b(?:target(?:s|ing|ed)?|goals?|aims?|aiming|ambitions?|commit(?:s|ted|ment)?|pledge[sd]?|plan(?:s|ned)?|intend(?:s|ed)?|will|shall"
    r"|strive|seek|objective|net[- ]zero|carbon[- ]neutral(?:ity)?)\b", re.IGNORECASE)
PAST_WORDS_RE = re.compile(
    r"\b(?:was|were|had|has|have|achieved|reached|reduced|increased|decreased|avoided|saved|completed|conducted|audited|"
    r"sent|shipped|collected|recycled|diverted|procured|generated|installed|trained|surveyed|identified|received|since)\b",
    re.IGNORECASE)
METRICS = (
    "scope 1 and 2 emissions", "greenhouse gas emissions", "ghg emissions", "carbon emissions", "emissions", "carbon footprint",
    "renewable electricity", "renewable energy", "clean electricity", "clean energy", "electricity", "energy",
    "water", "wastewater", "waste", "plastic", "packaging", "recycled content", "recycled materials", "recycled",
    "recycled or renewable", "materials", "material", "cobalt", "lithium", "tin", "tungsten", "tantalum", "gold", "rare earth", "aluminum", "aluminium", "copper",
    "smelters", "refiners", "suppliers", "audits",
    # As a noun's modifier the singular counts too: "a 100% 3TG supplier response rate", "smelter / refiner supply chain".
    "smelter", "refiner", "supplier", "assessments", "workers", "employees", "training", "grievances",
    "devices", "products", "repairs", "repair", "wages", "wage", "tax", "taxes", "co2", "co2e", "carbon",
    "women", "gender", "diversity", "injuries", "injury", "fatalities", "accidents", "incidents", "complaints",
    "closure", "rehabilitation", "community", "communities", "recovery", "reuse", "refurbish", "collection", "e-waste",
    "facilities", "sites", "mines", "minerals", "metals", "renewable", "efficiency", "intensity", "certified", "conformant",
    "reuse rate", "water withdrawal", "hours",
    # Electronics counted one by one: taken back, refurbished, donated, repaired.
    "laptops", "laptop", "computers", "pcs", "phones", "smartphones", "mobile phones", "tablets", "servers", "batteries",
    "equipment",
)
_METRIC_RE = re.compile(r"\b(?:" + "|".join(re.escape(m) for m in sorted(METRICS, key=len, reverse=True)) + r")\b", re.IGNORECASE)
# Money the company commits, donates or raises counts what it funds, whatever the cause is
# called ("committed $100,000, payable over two years, to support ... play space"): the
# amount given is the measure. Spending and investment are left out, since an annual
# report's capital expenditure is no commitment on any roadmap topic; so are the nouns
# "contribution" and "grant", which name pension payments, earnings and subsidies received.
_CURRENCY_BEFORE_RE = re.compile(r"(?:[$€£¥]|\b(?:US|C|CA|A|AU|NZ)\$|\b(?:USD|EUR|CAD|GBP|AUD|CHF|KRW|JPY)\s?)\s?$")
_GIVING_RE = re.compile(
    r"\b(?:commit(?:s|ted)?|pledg(?:e|es|ed)|donat(?:e|es|ed|ion|ions)|contribut(?:e|es|ed)|rais(?:e|es|ed)"
    r"|granted|sponsor(?:s|ed)?)\b", re.IGNORECASE)
FUNDING_METRIC = "funding"


def _funding(sentence: str, f_start: int, near: str) -> str:
    """The metric FUNDING_METRIC when the figure is money the company gives, else ""."""
    if f_start < 0 or not _CURRENCY_BEFORE_RE.search(sentence[max(0, f_start - 5): f_start]):
        return ""
    return FUNDING_METRIC if _GIVING_RE.search(near) else ""
SCOPE_RE = re.compile(
    r"\bscopes?\s+1(?:,?\s*2)?(?:,?\s*(?:and|&)\s*[23])?\b|\bscope\s+3\b|\boperational\b|\bvalue\s+chain\b|\bsupply\s+chain\b"
    r"|\bdirect\s+suppliers\b|\bfinal\s+assembly\s+sites?\b|\bdata\s+cent(?:er|re)s\b|\bcorporate\s+(?:operations|facilities)\b"
    r"|\bour\s+(?:operations|facilities|sites|products)\b", re.IGNORECASE)
# A sentence ends at . ; ! ? followed by a space and not inside a number ("1.5", "3.2 million"),
# and after the number of a UN SDG target that closes the target's own words in a report's SDG
# table ("By 2030, double the global rate of improvement in energy efficiency (7.3) SDG 8: ...").
# A converted report keeps its footnote markers after the full stop ("... of new and existing
# buildings.56 Together, ...", "... in 2023.57 Apple's Reno data center ..."): the sentence still ends there.
_SENTENCE_END = re.compile(r"(?<=[.;!?])\s+|\n+|(?<=\))\s+"
                           r"|(?:(?<=[A-Za-z%\]]\.)|(?<=\b(?:19|20)\d\d\.))\d{1,3}\s+(?=[A-Z])")
_SDG_TARGET_NUMBER_RE = re.compile(r"\(\d{1,2}\.(?:\d{1,2}|[a-c])\)$")


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence or clause-ending stretch of the text."""
    out, start = [], 0
    for m in _SENTENCE_END.finditer(text):
        if text[m.start() - 1] == ")" and not _SDG_TARGET_NUMBER_RE.search(text, max(0, m.start() - 8), m.start()):
            continue  # a closing bracket ends no sentence, unless it closes an SDG target's number
        if m.start() > start:
            out.append((start, m.start()))
        start = m.end()
    if start < len(text):
        out.append((start, len(text)))
    return out


def _year(match: re.Match | None) -> int | None:
    if not match:
        return None
    raw = match.groupdict().get("y") or match.groupdict().get("y2")
    if not raw:
        return None
    raw = raw.upper()
    if raw.startswith("FY") and len(raw) == 4:
        return 2000 + int(raw[2:])
    return int(raw[-4:])


def _figure(sentence: str) -> tuple[float | None, str, int, int]:
    """The first quantity of a sentence that is not a year, a date, a temperature or a label number."""
    labels = [m.span() for m in SCOPE_RE.finditer(sentence)] + [m.span() for m in LABEL_LIST_RE.finditer(sentence)]
    for m in NUMBER_RE.finditer(sentence):
        raw, unit = m.group("n"), (m.group("unit") or "").lower()
        if any(a <= m.start() < b for a, b in labels):
            continue  # "Scope 1 and 2" names a scope
        if sentence[m.end(): m.end() + 2].lstrip().startswith(("°", "ºC", "degree")):
            continue  # "1.5°C" is the temperature goal, not the company's figure
        if re.fullmatch(_YEAR, raw) and not unit:
            continue  # a year is a date
        if not unit and sentence[m.start() - 1: m.start()] in "([" and sentence[m.end(): m.end() + 1] in ")]" \
                and m.start() > 0 and m.end() < len(sentence):
            continue  # "(24)" or "[3]" refers to a note or numbers a point; it counts nothing
        if not unit and len(raw) <= 2 and sentence[m.end(): m.end() + 1] == ")":
            continue  # "Gender wage gap 1)": a footnote mark
        if not unit and _ORDINAL_RE.match(sentence, m.end()):
            continue  # "6th generation", "the 2nd largest": a rank, not an amount
        if not unit and _names_a_model(sentence, m.start()):
            continue  # "iPhone 7, introduced in 2016": a product's name
        if not unit and counts_instrument_parts(sentence, m.end("n")):
            continue  # "11 human rights policies": how a policy is built, not how far it went
        if not unit and len(raw) <= 2 and sentence[m.end("n"):].strip() == "." \
                and sentence[:m.start()].rstrip().endswith(")"):
            continue  # "... (welfare program, etc.) 3.": the number of the list's next item
        following = sentence[m.end(): m.end() + 12].strip().lower()
        if following.startswith(_MONTHS) or sentence[max(0, m.start() - 10): m.start()].lower().rstrip().endswith(_MONTHS):
            continue  # "31 December", "March 2024"
        try:
            value = float(raw.replace(" ", "").replace(",", ""))
        except ValueError:
            continue
        if unit.startswith("per") or unit == "%":
            unit = "%"
        elif unit in ("million", "billion", "thousand"):
            value *= {"million": 1e6, "billion": 1e9, "thousand": 1e3}[unit]
            unit = ""
        if not unit:
            word = re.match(r"\s*([A-Za-z][A-Za-z-]*)", sentence[m.end():])
            unit = word.group(1).lower() if word else ""
        return value, unit, m.start(), m.end()
    return None, "", -1, -1


_ORDINAL_RE = re.compile(r"(?:st|nd|rd|th)\b", re.IGNORECASE)
# A product line written in camel case ("iPhone 7", "iPad 10", "eBook 3"): the number names a model.
# (A capitalised word before a number is not enough: table rows read "Cobalt 49", "Sourcing 123".)
_CAMEL_NAME_RE = re.compile(r"\b[a-z]+[A-Z][A-Za-z]*\s$")


def _names_a_model(sentence: str, start: int) -> bool:
    return bool(_CAMEL_NAME_RE.search(sentence[max(0, start - 40): start]))


# Numbered things named by their numbers: "steps 2 and 3 of the OECD Guidance", "Articles 5, 6 and 7",
# "SDGs 8 and 12". (A single "Step 2" is already no figure; the list after a plural is not either.)
LABEL_LIST_RE = re.compile(
    r"\b(?:steps|articles|chapters|sections|principles|goals|SDGs|tiers|annex(?:es)?|figures|tables|pages|levels|"
    r"phases|stages|categories|paragraphs|points|items|rules|standards|GRI)\s+\d+(?:\s*(?:,|and|&|or|to|-|–)\s*\d+)*",
    re.IGNORECASE)

_COMMITMENT_WORDS = r"\b(?:target|goal|commit|aim|pledge|ambition|objective)"
COMMITMENT_RE = re.compile(_COMMITMENT_WORDS, re.IGNORECASE)
OWN_TARGET_RE = re.compile(r"\b(?:we|our)\b[^.;]{0,40}" + _COMMITMENT_WORDS, re.IGNORECASE)


def owner_of(sentence: str) -> Owner:
    """Whose figure the sentence gives: a stated own target outranks the scenario it is aligned with.

    A report speaks of its author: a figure is the company's unless the
    sentence gives it to a scenario, a third party or the suppliers.
    """
    own_target = OWN_TARGET_RE.search(sentence)
    if SCENARIO_RE.search(sentence) and not own_target:
        return Owner.SCENARIO
    if ADVOCACY_RE.search(sentence) and not own_target and not SUPPLIER_RE.search(sentence):
        return Owner.THIRD_PARTY
    if OWN_RE.search(sentence):
        return Owner.COMPANY
    if THIRD_PARTY_RE.search(sentence):
        return Owner.THIRD_PARTY
    if SUPPLIER_RE.search(sentence):
        return Owner.SUPPLIERS
    return Owner.COMPANY


# "our provision for site rehabilitation, which at year end stood, as the
# annual accounts show, at $2 billion": the figure is the value of the noun
# the relative clause hangs on, however far the clause carries it.
_RELATIVE_VALUE_RE = re.compile(
    r",\s+(?:which|that)\s+(?:[\w-]+\s+){0,3}?(?:stands?|stood|amounts?|amounted|totals?|totalled|totaled|reached|came)\b",
    re.IGNORECASE)


# "We supported the RMI, which has over 500 members": the figure is the relative clause's, and so its noun's.
_RELATIVE_HAS_RE = re.compile(
    r",\s+(?:which|that|who)\s+(?:now\s+)?(?:has|have|had|includes?|included|comprises?|comprised|counts?|counted|represents?|represented|numbers?)\b",
    re.IGNORECASE)


def _relative_head(sentence: str, figure_start: int, relative: re.Pattern) -> str:
    """The words just before the last relative clause ahead of the figure: the noun the clause hangs on."""
    if figure_start < 0:
        return ""
    relatives = list(relative.finditer(sentence, 0, figure_start))
    if not relatives:
        return ""
    head = relatives[-1].start()
    return sentence[max(0, head - 60):head]


# "The overall tax rate of the group's parent company is thus 32.4 %", "the average trade tax rate to be
# applied was 16.60 %": rates the law sets, summed for the accounts' tax reconciliation, not tax the
# company paid anywhere. A rate the company's own results give is said to be its effective rate.
_TAX_RATE_RE = re.compile(r"\btax\s+rates?\b", re.IGNORECASE)
_EFFECTIVE_RE = re.compile(r"\beffective\b", re.IGNORECASE)


def _a_tax_rate(sentence: str, figure_start: int) -> bool:
    """Whether the figure is a tax rate the law sets (named just before it), not an effective rate."""
    if figure_start < 0:
        return False
    before = sentence[max(0, figure_start - 80): figure_start]
    rates = list(_TAX_RATE_RE.finditer(before))
    return bool(rates) and not _EFFECTIVE_RE.search(before[max(0, rates[-1].start() - 30): rates[-1].start()])


def _of_another(sentence: str, figure_start: int) -> bool:
    """Whether the figure sits in a relative clause that hangs on a third party's name."""
    return bool(THIRD_PARTY_RE.search(_relative_head(sentence, figure_start, _RELATIVE_HAS_RE)))


def _metric_of_relative(sentence: str, figure_start: int) -> re.Match | None:
    """The metric a figure measures when a relative clause ('X, which stands at ...') puts it far from its noun."""
    return _METRIC_RE.search(_relative_head(sentence, figure_start, _RELATIVE_VALUE_RE))


# "Working with the Australian Petroleum Production and Exploration Association to update its climate
# change policy principles. These provide explicit support for achieving net zero emissions by 2050"
# (BHP's CTAP p. 21): the pronoun takes up what the sentence before named, here another body's principles.
_PRONOUN_SUBJECT_RE = re.compile(r"^\W*(?:These|Those|They|Their|Its|It|Such)\b")
_ORGANISATION_RE = re.compile(
    r"\b[A-Z][\w&'’-]*(?:\s+(?:of|and|for|on|[A-Z][\w&'’-]*))*\s+(?:Association|Council|Alliance|Initiative|Coalition"
    r"|Forum|Institute|Chamber|Federation|Agency|Organi[sz]ation|Foundation|Partnership|Society|Dialogue|Network)\b")


def _speaks_of_the_organisation_before(sentence: str, previous: str) -> bool:
    """Whether a pronoun-led sentence that names no owner takes up another body the sentence before named."""
    return (bool(_PRONOUN_SUBJECT_RE.match(sentence)) and not OWN_RE.search(sentence)
            and not OWN_RE.search(previous) and bool(_ORGANISATION_RE.search(previous)))


def claims(text: str, counted: Iterable[Fact] = ()) -> tuple[QuantifiedClaim, ...]:
    """One claim per sentence that states a figure or a dated aim.

    A scenario is described over several sentences ("The Lower Carbon View
    assumes ... Power: wind and solar grow to over half of generation by
    2050"): once a sentence of the passage frames a scenario, the sentences
    after it that name no owner of their own stay the scenario's.
    """
    search = clean(text)
    out: list[QuantifiedClaim] = []
    in_scenario = False
    previous = ""
    for s_start, s_end in sentences(search):
        sentence = search[s_start:s_end]
        owner = owner_of(sentence)
        if owner is Owner.COMPANY and _speaks_of_the_organisation_before(sentence, previous):
            owner = Owner.THIRD_PARTY
        previous = sentence
        if owner is Owner.SCENARIO:
            in_scenario = True
        elif in_scenario and owner is Owner.COMPANY and not (OWN_RE.search(sentence) or COMMITMENT_RE.search(sentence)):
            owner = Owner.SCENARIO
        value, unit, f_start, f_end = _figure(sentence)
        if owner is Owner.COMPANY and (_of_another(sentence, f_start) or _a_tax_rate(sentence, f_start)):
            owner = Owner.THIRD_PARTY
        target = TARGET_YEAR_RE.search(sentence)
        if value is None and target is None:
            continue
        baseline = BASELINE_RE.search(sentence)
        target_year = _year(target)
        baseline_year = _year(baseline)
        if baseline_year is not None and baseline_year == target_year:
            baseline_year = None
        future = target is not None or bool(TARGET_WORDS_RE.search(sentence))
        past = bool(PAST_WORDS_RE.search(sentence) or RESULT_YEAR_RE.search(sentence))
        kind = ClaimKind.TARGET if future and not (past and target is None and not TARGET_WORDS_RE.search(sentence)) else ClaimKind.RESULT
        if kind is ClaimKind.TARGET and target is None and not TARGET_WORDS_RE.search(sentence):
            kind = ClaimKind.RESULT
        # The metric is what the figure counts: named next to it, not anywhere in the sentence.
        near = sentence[max(0, f_start - 60): f_end + 80] if f_start >= 0 else sentence
        metric = _METRIC_RE.search(near) or _metric_of_relative(sentence, f_start)
        metric_words = metric.group().lower() if metric else _funding(sentence, f_start, near)
        scope = SCOPE_RE.search(sentence)
        start = s_start + (f_start if f_start >= 0 else target.start())
        end = s_start + (f_end if f_end >= 0 else target.end())
        out.append(QuantifiedClaim(
            kind=kind, text=text[s_start:s_end].strip(), start=start, end=end,
            owner=owner, metric=metric_words,
            value=value, unit=unit, baseline_year=baseline_year, target_year=target_year,
            scope=scope.group() if scope else "",
        ))
    return tuple(out)
