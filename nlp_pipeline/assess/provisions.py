"""Per-provision reading of rule text: who a provision binds and what kind of provision it is.

A law's "shall" means different things by whom it binds and what it asks:
"Member States shall ensure that companies identify adverse impacts" puts a
duty of conduct on companies; "Member States shall ensure that companies are
entitled to make use of appropriate resources" grants them a permission; "the
Commission shall adopt delegated acts" is a procedure of an institution;
"this Directive shall only apply if ..." sets scope; "Large undertakings shall
include in the management report information ..." is a duty to disclose. The
strength rules and the enforcement reach read these two facts, the addressee
and the duty type, rather than the modal verb alone.

List points carry no verb of their own ("(c) a description of the processes
put in place ..."): they take the duty of their lead-in ("shall contain all of
the following:"), which is found as the nearest earlier passage whose section
path is a prefix of theirs.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from nlp_pipeline.records import Addressee, BlockKind, DutyType, Passage
from nlp_pipeline.assess.patterns import Hit

ARTICLE_RE = re.compile(r"^Article\s+(\d+[a-z]*)\b", re.IGNORECASE)
_POINT_RE = re.compile(r"^\(?[0-9ivxlcdm]{1,6}\)|^\(?[a-z]{1,2}\)$", re.IGNORECASE)

_AUTHORITY = (r"Commission|European\s+Parliament|Council|Board|Agency|Authority|ESMA|EFRAG|European\s+Network"
              r"|(?:supervisory|competent|national|public)\s+authorit(?:y|ies)|contracting\s+authorit(?:y|ies)|authorit(?:y|ies)"
              r"|Network|Committee|the\s+Union|[Gg]overnments?|ESMA|EBA|EIOPA|[Ss]cheme\s+owners?|Chair"
              r"|[Gg]uidelines|[Gg]uidance|[Dd]elegated\s+acts?|[Ii]mplementing\s+acts?|[Hh]andbook")
_AUDITOR = r"statutory\s+auditors?|audit\s+firms?|auditors?|(?:independent\s+)?assurance\s+services?\s+providers?"
_COMPANY = (r"compan(?:y|ies)|undertakings?|operators?|importers?|economic\s+operators?|producers?|manufacturers?|suppliers?"
            r"|business\s+partners?|parent\s+(?:company|undertaking)|subsidiar(?:y|ies)|management|participants?|members?(?!\s+States?)"
            r"|issuers?|distributors?|smelters?|refiners?|branch(?:es)?|employers?|entit(?:y|ies)|recipients?|licensees?"
            # Whoever runs a project or puts goods on the market ("the project promoter",
            # "natural or legal persons placing on the market critical raw materials").
            r"|(?:project\s+)?promoters?|persons?\s+(?:that\s+|who\s+)?(?:plac(?:e|es|ing)|mak(?:e|es|ing)\s+available)\b")
_MEMBER_STATE = r"Member\s+States?"
SUBJECTS: tuple[tuple[Addressee, re.Pattern], ...] = (
    (Addressee.AUDITOR, re.compile(rf"\b(?:{_AUDITOR})\b", re.IGNORECASE)),
    (Addressee.COMPANY, re.compile(rf"\b(?:{_COMPANY})\b", re.IGNORECASE)),
    (Addressee.AUTHORITY, re.compile(rf"\b(?:{_AUTHORITY})\b")),
    (Addressee.MEMBER_STATE, re.compile(rf"\b{_MEMBER_STATE}\b")),
)
# "Member States shall ensure that companies ...": the duty is the companies'.
ENSURE_THAT_RE = re.compile(
    r"\b(?:shall|must|should)\s+(?:(?:ensure|require|guarantee|lay\s+down)(?:\s+that)?|provide\s+(?:that|for))\b[, ]*(?:where\b[^,]{0,120},\s*)?"
    r"(?:for\s+the\s+purposes?\s+of\b[^,]{0,200},\s*)?(?P<rest>.{0,200})", re.IGNORECASE | re.DOTALL)

DEFINITION_RE = re.compile(
    r"^\W*(?:\(\w{1,4}\)\s*)?[‘'\"“][^’'\"”]{2,80}[’'\"”]\s+(?:means|shall\s+mean|refers\s+to)\b"
    r"|\bshall\s+(?:qualify|be\s+considered|be\s+deemed|be\s+understood|be\s+regarded)\s+as\b"
    # "that economic activity shall be considered to significantly harm:" opens a list of criteria
    # that deem something so; it asks nothing of anyone.
    r"|\bshall\s+be\s+(?:considered|deemed|regarded)\s+to\s+(?:\w+\s+){0,2}\w+\s*:"
    # "The technical screening criteria ... shall also include criteria for ...": what a
    # classification contains, not a duty of whoever the criteria later classify.
    r"|^\W*(?:\d+\.\s+)?(?:The\s+)?(?:[\w-]+\s+){0,2}criteria\b[^.;:]{0,80}?\bshall\s+(?:also\s+)?include\s+criteria\b"
    # "The following shall be environmental objectives:" names things; it asks nothing of anyone.
    r"|\bthe\s+following\s+shall\s+be\s+(?!\w+ed\b)", re.IGNORECASE)
# Whoever is entitled decides whether it is a permission (a company may rely
# on others) or a right others hold against the duty bearer.
RIGHTS_HOLDERS_RE = re.compile(
    r"\b(?:complainants?|claimants?|persons?|stakeholders?|workers?|employees|representatives|trade\s+unions?|victims?"
    r"|individuals?|communities|rights[- ]holders?|consumers?|injured\s+part(?:y|ies)|natural\s+or\s+legal)\b", re.IGNORECASE)
PROCEDURE_RE = re.compile(
    r"\bdelegation\s+of\s+(?:the\s+)?power\b|\bexercise\s+of\s+the\s+delegation\b|\bcommittee\s+procedure\b"
    r"|\b(?:submitted|transmitted|presented)\s+to\s+the\s+European\s+Parliament\b|\breport\s+to\s+the\s+European\s+Parliament\b"
    r"|^\W*(?:\d+\.\s+)?(?:The|That|This|Such)\s+(?:review|report|evaluation|assessment)s?\s+shall\b"
    r"|\bassisted\s+by\s+a\s+committee\b|\bpower\s+to\s+adopt\b|\bshall\s+enter\s+into\s+force\b|\bis\s+addressed\s+to\s+the\s+Member\s+States\b"
    r"|\bshall\s+communicate\s+to\s+the\s+Commission\b|\breference\s+to\s+this\s+Directive\b", re.IGNORECASE)
EXEMPTION_RE = re.compile(
    r"\b(?:shall|does|do|will)\s+not\s+apply\b|\b(?:shall|may)\s+be\s+exempt(?:ed)?\b|\bexempt(?:ed)?\s+from\b"
    r"|\bby\s+way\s+of\s+derogation\b|\b(?:shall|is|are|be)\s+not\s+(?:be\s+)?(?:required|obliged)\s+to\b|\bshall\s+never\s+be\s+obliged\b"
    r"|\bcannot\s+be\s+held\s+liable\b|\bmay\s+choose\s+not\s+to\s+apply\b|\bto\s+be\s+omitted\b|\bmay\s+(?:be\s+omitted|omit)\b"
    r"|\bshall\s+not\s+be\s+subject\s+to\b", re.IGNORECASE)
SCOPE_RE = re.compile(
    r"\b(?:this|the\s+present)\s+(?:Directive|Regulation|Code|Standard|Article|Chapter)\s+(?:shall\s+)?(?:also\s+|only\s+)?(?:apply|applies)\b"
    r"|\bshall\s+(?:also\s+|only\s+)?apply\s+(?:to|if|where|only|from|as\s+from)\b|\bfalls?\s+within\s+(?:the|its)\s+scope\b"
    r"|\bshall\s+no\s+longer\s+apply\b", re.IGNORECASE)
PERMISSION_RE = re.compile(
    r"\b(?:are|is|be|shall\s+be)\s+(?:entitled|allowed|permitted|free|authorised|authorized|empowered)\s+to\b"
    r"|\bhave\s+the\s+(?:right|option|possibility)\s+to\b|\bmay\s+(?:choose|decide|opt)\b", re.IGNORECASE)
DISCLOSURE_RE = re.compile(
    r"\b(?:report|reports|reporting|disclose|disclosed|disclosure|disclosures|publish|published|publication|publicly\s+communicat\w*"
    r"|communicate\s+publicly|make\s+(?:publicly\s+)?available|made\s+(?:publicly\s+)?available|include\s+in\s+(?:the|its|their)\s+"
    r"(?:consolidated\s+)?management\s+report|management\s+report|annual\s+statement|sustainability\s+statement"
    r"|a\s+description\s+of|the\s+description\s+of|describe|describes|explain|explains|information\s+(?:on|about|necessary|referred\s+to|relating\s+to|regarding)|label(?:led|ling)?"
    r"|(?:footprint\s+)?declarations?"
    r"|(?:information|report|statement)\b[^.;]{0,80}\bshall\s+contain)\b",
    re.IGNORECASE)
LIABILITY_EXPOSURE_RE = re.compile(r"\bmay\s+(?:nevertheless\s+)?be\s+held\s+liable\b", re.IGNORECASE)


def article_of(passage: Passage) -> str | None:
    """The number of the innermost article a passage sits in ("19a" for an amended article of an amending act)."""
    for part in reversed(passage.section):
        m = ARTICLE_RE.match(part)
        if m:
            return m.group(1).lower()
    return None


def is_list_point(passage: Passage) -> bool:
    last = passage.section[-1] if passage.section else ""
    return passage.kind is BlockKind.LIST_ITEM or bool(_POINT_RE.match(last.strip()))


def list_leads(passages: Sequence[Passage]) -> list[int | None]:
    """For each list point, the index of its lead-in passage (None for other passages)."""
    last_at: dict[tuple[str, tuple[str, ...]], int] = {}
    out: list[int | None] = []
    for i, p in enumerate(passages):
        lead = None
        if is_list_point(p) and p.section:
            for depth in range(len(p.section) - 1, 0, -1):
                j = last_at.get((p.doc_id, p.section[:depth]))
                if j is not None:
                    lead = j
                    break
        out.append(lead)
        last_at[(p.doc_id, p.section)] = i
    return out


def _clause_before(text: str, at: int) -> str:
    return re.split(r"[.;:]\s", text[max(0, at - 240) : at])[-1]


# "... for which the Commission has adopted rules pursuant to paragraph 1 shall":
# a relative clause names someone who is not the subject.
RELATIVE_CLAUSE_RE = re.compile(r"\b(?:for|in|to|of|by|with|on|under)\s+which\b[^,]*|\bwhose\b[^,]*")


def _subject(clause: str, first: bool = False) -> Addressee | None:
    """The bearer named last before the verb (or, with `first`, first after "that"), outside relative clauses."""
    inside = [(m.start(), m.end()) for m in RELATIVE_CLAUSE_RE.finditer(clause)]
    best: tuple[int, Addressee] | None = None
    for addressee, pattern in SUBJECTS:
        for m in pattern.finditer(clause):
            if any(a <= m.start() < b for a, b in inside):
                continue
            if best is None or (m.start() < best[0] if first else m.start() > best[0]):
                best = (m.start(), addressee)
    return best[1] if best else None


PASSIVE_AGENT_RE = re.compile(r"^\s+(?:not\s+)?be\s+[a-z]+ed\b[^.;]{0,100}?\bby\s+(?:the\s+)?(?P<agent>.{0,60})", re.IGNORECASE)


def addressee_of(passage: Passage, cue: Hit | None) -> Addressee:
    """Who the decisive verb binds, read from the clause around it."""
    text = passage.text
    if cue is None or cue.start == cue.end == 0:
        return Addressee.UNSPECIFIED  # no verb of its own: a list point takes its lead-in's bearer
    passive = PASSIVE_AGENT_RE.match(text[cue.end:])
    if passive:
        agent = _subject(passive.group("agent")[:40])
        if agent is not None:
            return agent  # "information that shall be provided ... by the Member States"
    ensured = ENSURE_THAT_RE.match(text, cue.start)
    if ensured:
        # "shall require that each company empowers its representative to
        # receive communications from supervisory authorities": the subject
        # of the clause after "that" is the one named first.
        inner = _subject(ensured.group("rest")[:160], first=True)
        if inner is not None and inner is not Addressee.MEMBER_STATE:
            return inner
        if inner is None:
            # "Member States shall ensure that complaints may be submitted": the
            # State transposes a rule for others, not a procedure of its own.
            return Addressee.UNSPECIFIED
    subject = _subject(_clause_before(text, cue.start))
    if subject is not None:
        return subject
    # "That register shall be public", "Such applications shall be supported":
    # a duty with no bearer of its own stays with the bearer the passage began with.
    first = re.search(r"\b(?:shall|must|may)\b", text)
    if first and first.start() < cue.start:
        subject = _subject(_clause_before(text, first.start()))
        if subject is not None:
            return subject
    return Addressee.UNSPECIFIED


def _sentence_at(text: str, at: int) -> str:
    """The sentence a position falls in; a provision's other sentences may set other things."""
    start = max(text.rfind(". ", 0, at), text.rfind("; ", 0, at))
    end_dot, end_semi = text.find(". ", at), text.find("; ", at)
    ends = [e for e in (end_dot, end_semi) if e >= 0]
    return text[start + 1 if start >= 0 else 0 : (min(ends) + 1) if ends else len(text)]


def duty_type_of(passage: Passage, cue: Hit | None, addressee: Addressee, enforcing: bool) -> DutyType:
    """What kind of provision the passage is; `enforcing` says it names penalties, liability or supervision."""
    text = passage.text
    own = _sentence_at(text, cue.start) if cue is not None and cue.end > 0 else text
    if passage.role == "definition" or DEFINITION_RE.search(text):
        return DutyType.DEFINITION
    if passage.role == "annex" and addressee not in (Addressee.COMPANY, Addressee.AUDITOR):
        # An annex lists the rights, conventions or criteria the articles refer to; it binds through them.
        return DutyType.DEFINITION
    if PROCEDURE_RE.search(own):
        return DutyType.PROCEDURE
    if LIABILITY_EXPOSURE_RE.search(own):
        return DutyType.ENFORCEMENT
    if EXEMPTION_RE.search(own):
        return DutyType.EXEMPTION
    if SCOPE_RE.search(own):
        return DutyType.SCOPE
    if enforcing:
        return DutyType.ENFORCEMENT
    if cue is not None and cue.label == "permission" or _permission_to_bearer(own):
        return DutyType.PERMISSION
    if cue is None:
        return DutyType.NONE
    if addressee in (Addressee.AUTHORITY, Addressee.MEMBER_STATE):
        return DutyType.PROCEDURE
    if DISCLOSURE_RE.search(text):
        return DutyType.DISCLOSURE
    return DutyType.CONDUCT


def _permission_to_bearer(text: str) -> bool:
    """An entitlement of the duty bearer itself; entitlements of complainants or workers are rights against it."""
    m = PERMISSION_RE.search(text)
    if not m or _binds_after(text):
        return False
    return not RIGHTS_HOLDERS_RE.search(text[max(0, m.start() - 80) : m.start()])


def _binds_after(text: str) -> bool:
    """A permission clause followed by a duty of its own ("may participate ...; they shall monitor ...")."""
    m = PERMISSION_RE.search(text)
    return bool(m and re.search(r"\b(?:shall|must)\s+(?!be\s+(?:entitled|allowed|permitted))\w", text[m.end():]))
