"""Which provisions an act's enforcement actually reaches.

The guideline gives an operative "shall" level 4 only when a penalty,
supervision or civil-liability provision applies to it. An act's enforcement
provisions say what they apply to: "infringements of the provisions of
national law adopted pursuant to this Directive" (the whole act), "the
obligations laid down in Articles 7 to 16 and Article 22" (those articles),
"sanctions in respect of statutory auditors" (the auditors' duties),
"assurance of sustainability reporting" (the duties to report). This module
reads that reach once per document, provision by provision (an article's
paragraph with its list points, since "Articles 10 and 11" often sit in a
point under the liability lead-in), so each duty is checked against the
provisions that reach it.

Standards and codes have no articles: a standard's own verification scheme
or membership sanctions reach all of its requirements.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from nlp_pipeline.records import Addressee, DutyType, Passage

_ARTICLE_LIST = re.compile(
    r"\bArticles?\s+(?P<list>\d+[a-z]?(?:\s*\(\d+\))?(?:\s*(?:,|and|or|to)\s*(?:Article\s+)?\d+[a-z]?(?:\s*\(\d+\))?)*)",
    re.IGNORECASE)
_NUMBER = re.compile(r"(\d+)([a-z]?)")
WHOLE_ACT_RE = re.compile(
    r"\b(?:infringements?\s+of|breach(?:es)?\s+of|compliance\s+with|(?:application|implementation)\s+of|adopted\s+pursuant\s+to"
    r"|adopted\s+in\s+accordance\s+with|adopted\s+in\s+implementation\s+of|obligations?\s+(?:set\s+out|laid\s+down|provided\s+for)\s+in"
    r"|requirements\s+of|resulting\s+from)\s+(?:the\s+(?:provisions\s+of\s+)?(?:national\s+law\s+)?(?:adopted\s+pursuant\s+to\s+)?)?"
    r"this\s+(?:Directive|Regulation)\b", re.IGNORECASE)
AUDITOR_TARGET_RE = re.compile(r"\bstatutory\s+auditors?\b|\baudit\s+firms?\b|\bassurance\s+services?\s+providers?\b", re.IGNORECASE)
COMPANY_TARGET_RE = re.compile(r"\bcompan(?:y|ies)\b|\bundertakings?\b|\bimporters?\b|\boperators?\b|\bissuers?\b", re.IGNORECASE)
REPORTING_TARGET_RE = re.compile(
    r"\b(?:supervision|assurance|compliance)\s+of\s+(?:the\s+)?(?:annual\s+and\s+consolidated\s+)?sustainability\s+reporting\b"
    r"|\blimited\s+assurance\s+engagement\b|\breasonable\s+assurance\s+engagement\b", re.IGNORECASE)


@dataclass(frozen=True)
class Reach:
    """One enforcement provision and what it applies to."""

    attribute: str  # penalties, civil_liability, supervisory_authority, assurance, ...
    passage_id: str
    section: str  # "Article 27 > 1"
    articles: frozenset[str] = frozenset()  # explicit article numbers it names
    whole_act: bool = False
    addressees: frozenset[Addressee] = frozenset()  # only duties of these, when given
    duty_types: frozenset[DutyType] = frozenset()  # only duties of these kinds, when given

    def covers(self, article: str | None, addressee: Addressee, duty_type: DutyType) -> bool:
        if self.addressees and addressee not in self.addressees:
            return False
        if self.duty_types and duty_type not in self.duty_types:
            return False
        if self.whole_act:
            return True
        return article is not None and article in self.articles

    def describe(self) -> str:
        if self.addressees and self.duty_types:
            target = " or ".join(sorted(d.words for d in self.duty_types)) + " of " + \
                ", ".join(sorted(a.words for a in self.addressees))
        elif self.addressees:
            target = "duties of " + ", ".join(sorted(a.words for a in self.addressees))
        elif self.duty_types:
            target = ", ".join(sorted(d.words for d in self.duty_types))
        elif self.whole_act:
            target = "the whole act"
        else:
            target = "Articles " + ", ".join(sorted(self.articles, key=_article_key))
        return f"{self.attribute} ({self.section or self.passage_id}: {target})"


@dataclass(frozen=True)
class EnforcementReach:
    """An act's (or a standard's) enforcement provisions, each with what it reaches."""

    provisions: tuple[Reach, ...] = ()
    # Provisions of the act a delegated or implementing act is adopted under
    # that reach its duties (see parent_acts.py). They are reported beside a
    # duty, not counted for its level: the guideline scores what the passage
    # and its own act say, and the project's labels of the ESRS, read so, put
    # its "shall disclose" at 2 or 3.
    inherited: tuple[Reach, ...] = ()
    # Per article of an amending act that amends a listed act ("Article 1"), a function from the
    # article it inserts ("19a") to the amended act's provisions that reach it (see parent_acts.AmendedAct).
    amended: tuple[tuple[str, Callable[[str | None], tuple[Reach, ...]]], ...] = ()

    @property
    def enforced(self) -> bool:
        return bool(self.provisions)

    def amended_reaching(self, amending_article: str, inserted_article: str | None, addressee: Addressee,
                         duty_type: DutyType) -> list[Reach]:
        """The amended act's enforcement that reaches a duty an amending article inserts into it."""
        for label, reach_of_inserted in self.amended:
            if label == amending_article:
                return [r for r in reach_of_inserted(inserted_article) if r.covers(inserted_article, addressee, duty_type)]
        return []

    def reaching(self, article: str | None, addressee: Addressee, duty_type: DutyType) -> list[Reach]:
        return [r for r in self.provisions if r.covers(article, addressee, duty_type)]

    def inherited_reaching(self, addressee: Addressee, duty_type: DutyType) -> list[Reach]:
        return [r for r in self.inherited if r.covers(None, addressee, duty_type)]

    def summary(self, reaches: Iterable[Reach] | None = None) -> str:
        seen: dict[str, str] = {}
        for r in (self.provisions if reaches is None else reaches):
            seen.setdefault(r.attribute, r.describe())
        return ", ".join(seen.values())


def _article_key(number: str) -> tuple[int, str]:
    m = _NUMBER.match(number)
    return (int(m.group(1)), m.group(2)) if m else (0, number)


def articles_named(text: str) -> frozenset[str]:
    """Article numbers a text names, with ranges expanded ("Articles 7 to 16 and Article 22")."""
    found: set[str] = set()
    for m in _ARTICLE_LIST.finditer(text):
        parts = re.split(r"\s*(,|and|or|to)\s*", re.sub(r"\(\d+\)|Article\s+", "", m.group("list")))
        previous: int | None = None
        pending_range = False
        for part in parts:
            if part == "to":
                pending_range = True
                continue
            if part in (",", "and", "or") or not part:
                continue
            n = _NUMBER.match(part)
            if not n:
                continue
            number = int(n.group(1))
            if pending_range and previous is not None and not n.group(2):
                found.update(str(k) for k in range(previous, number + 1))
            else:
                found.add(f"{number}{n.group(2)}")
            previous, pending_range = number, False
    return frozenset(found)


def provision_key(passage: Passage) -> tuple[str, ...]:
    """An article's paragraph: the unit whose lead-in and points are read together."""
    return passage.section[:2]


def reach_of(attribute: str, text: str, passage_id: str, section: str) -> Reach:
    """What one enforcement provision applies to, read from its words."""
    if attribute in ("assurance", "supervisory_authority") and REPORTING_TARGET_RE.search(text):
        return Reach(attribute, passage_id, section, whole_act=True, duty_types=frozenset({DutyType.DISCLOSURE}))
    if AUDITOR_TARGET_RE.search(text) and not COMPANY_TARGET_RE.search(text):
        return Reach(attribute, passage_id, section, whole_act=True, addressees=frozenset({Addressee.AUDITOR}))
    articles = articles_named(text)
    if WHOLE_ACT_RE.search(text) or not articles:
        # An enforcement provision that names no article applies to the act it sits in.
        return Reach(attribute, passage_id, section, whole_act=True)
    return Reach(attribute, passage_id, section, articles=articles)


def act_reach(passages: Sequence[Passage], attributes: Sequence[set[str]], wanted: Sequence[frozenset[str]],
              operative: Sequence[bool], by_provision: bool) -> EnforcementReach:
    """The reach of one document's enforcement provisions.

    `attributes[i]` are the enforcement attributes found in passage i,
    `wanted[i]` those that count for its kind of document, `operative[i]`
    whether it is operative text (recitals explain enforcement, they do not
    provide it). With `by_provision`, the text of a whole article paragraph
    (lead-in and points) is read for the reach.
    """
    text_of: dict[tuple[str, ...], list[str]] = defaultdict(list)
    if by_provision:
        for p in passages:
            text_of[provision_key(p)].append(p.text)
    out: list[tuple[Reach, str, str]] = []  # (reach, its text, its article)
    for p, found, want, op in zip(passages, attributes, wanted, operative):
        if not op:
            continue
        for attribute in sorted(found & want):
            text = " ".join(text_of[provision_key(p)]) if by_provision and p.section else p.text
            reach = (reach_of(attribute, text, p.id, " > ".join(p.section[:2])) if by_provision
                     else Reach(attribute, p.id, p.section[0] if p.section else "", whole_act=True))
            out.append((reach, text, p.section[0] if p.section else ""))
    return EnforcementReach(tuple(_within_article(out)))


def _within_article(reaches: list[tuple[Reach, str, str]]) -> list[Reach]:
    """A paragraph that names no article reaches what its article's other paragraphs name.

    Article 21 of the Taxonomy Regulation has its authorities supervise
    "Articles 5, 6 and 7" in paragraph 1; paragraph 2, "for the purposes of
    this Regulation, the competent authorities shall cooperate", names none,
    and must not stretch that supervision over the whole act.
    """
    named: dict[str, set[str]] = defaultdict(set)
    for reach, _, article in reaches:
        if article and reach.articles and not reach.whole_act:
            named[article] |= reach.articles
    out = []
    for reach, text, article in reaches:
        defaulted = (reach.whole_act and not reach.addressees and not reach.duty_types
                     and not WHOLE_ACT_RE.search(text) and not articles_named(text))
        if defaulted and named.get(article):
            reach = Reach(reach.attribute, reach.passage_id, reach.section, articles=frozenset(named[article]))
        out.append(reach)
    return out
