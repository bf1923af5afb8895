"""The enforcement a delegated or implementing act takes from the act it supplements.

A Commission delegated regulation "supplementing Directive 2013/34/EU ... as
regards sustainability reporting standards" has no penalty article: the
undertakings' duty to report by those standards is a duty under the
Accounting Directive, whose penalties (Article 51) reach it. Read alone, every
"the undertaking shall disclose" of the ESRS looks unenforced. The acts whose
enforcement reaches their delegated and implementing acts are listed, with
the provision and where it was checked, in `taxonomies/eu_acts.yaml`; a
Commission act names the act it is adopted under, and the article that
empowers it, where its preamble opens ("THE EUROPEAN COMMISSION, Having
regard to Directive 2013/34/EU ..., and in particular Article 29b(1) ...
thereof"),
so a parent whose penalties reach only some of its articles (the Taxonomy
Regulation's reach Articles 5 to 7) lends them only to acts adopted under
those. A parent not listed lends nothing.

The enforcement found is noted beside each duty it reaches, not counted for
the duty's level: the guideline scores "what the passage itself says", and
the project's labels of the ESRS, read so, put its "shall disclose" at 2 or
3 (193 labelled passages: counting the Accounting Directive's penalties
would take the analyzer's agreement with them from 0.694 to 0.503 exact).
An expert reading the ESRS as law enforced through the CSRD (the fresh
expert-read set's convention) sees where that enforcement comes from.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from nlp_pipeline.assess.reach import Reach
from nlp_pipeline.errors import TaxonomyError
from nlp_pipeline.records import Addressee, DutyType, Passage

DEFAULT_EU_ACTS = Path(__file__).resolve().parents[2] / "taxonomies" / "eu_acts.yaml"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ActEnforcement(_Strict):
    """One enforcement provision of an act, and which duties of companies it reaches."""

    attribute: Literal["penalties", "civil_liability", "supervisory_authority"]
    provision: str = Field(min_length=3)
    reaches: list[Literal["conduct", "disclosure"]] = Field(min_length=1)
    # The act's own articles it reaches; none listed: every duty the act sets or empowers.
    articles: list[str] = []


class EUAct(_Strict):
    id: str = Field(min_length=2)
    name: str = Field(min_length=3)
    cites: list[str] = Field(min_length=1)  # how other acts cite it: "Directive 2013/34/EU"
    enforcement: list[ActEnforcement] = Field(min_length=1)
    checked: str = Field(min_length=3)


class EUActs(_Strict):
    version: int
    acts: list[EUAct]

    def citing(self, citation: str) -> EUAct | None:
        wanted = _normalised(citation)
        return next((a for a in self.acts if any(_normalised(c) == wanted for c in a.cites)), None)


@dataclass(frozen=True)
class ParentAct:
    """The act a delegated or implementing act supplements, and the article that empowers it."""

    act: EUAct
    empowering_article: str | None = None

    def reach(self) -> tuple[Reach, ...]:
        """The parent's enforcement provisions that reach duties of companies set under the empowering article."""
        out = []
        for e in self.act.enforcement:
            if e.articles and self.empowering_article not in e.articles:
                continue
            out.append(Reach(e.attribute, "", f"{e.provision}, which this act supplements", whole_act=True,
                             addressees=frozenset({Addressee.COMPANY}),
                             duty_types=frozenset(DutyType(d) for d in e.reaches)))
        return tuple(out)


# How an act cites another: "Directive 2013/34/EU", "Regulation (EU) 2017/821", "Directive (EU) 2024/1760".
_ACT_PATTERN = r"(?:Directive|Regulation)\s+(?:\((?:EU|EC|EU,\s*Euratom)\)\s+)?(?:No\s+)?\d+/\d+(?:/(?:EU|EC))?"
_ACT = r"(?P<act>" + _ACT_PATTERN + ")"


@dataclass(frozen=True)
class AmendedAct:
    """A listed act that one article of an amending act amends ("Article 1: Amendments to Directive 2013/34/EU").

    What that article inserts or replaces becomes the amended act's text, and
    the amended act's own enforcement reaches it as it reaches the rest of
    that act: the CSRD's new Article 19a(5) ("the management ... shall
    inform the workers' representatives") is a duty under the Accounting
    Directive, whose Article 51 penalties apply to it. Unlike a delegated
    act's parent, this enforcement counts for the level: the text is the
    enforced act's own, read as its consolidated version reads.
    """

    act: EUAct
    amending_article: str  # the amending act's own article that carries the amendments: "Article 1"

    def reach(self, inserted_article: str | None) -> tuple[Reach, ...]:
        """The amended act's enforcement provisions that reach an article it inserts or replaces."""
        return tuple(
            Reach(e.attribute, "", f"{e.provision}, the act {self.amending_article} amends", whole_act=True,
                  addressees=frozenset({Addressee.COMPANY}), duty_types=frozenset(DutyType(d) for d in e.reaches))
            for e in self.act.enforcement
            if not e.articles or inserted_article in e.articles
        )


# "Amendments to Directive 2013/34/EU" (an article's title), "Directive (EU) 2024/1760 is amended as follows:"
_AMENDS_RE = re.compile(r"^\s*(?:Amendments?\s+to\s+(?:the\s+)?" + "(?P<title_act>" + _ACT_PATTERN + ")"
                        r"|(?P<lead_act>" + _ACT_PATTERN + r")\s+is\s+(?:hereby\s+)?amended\s+as\s+follows)", re.IGNORECASE)


def amended_acts(passages: Sequence[Passage], acts: EUActs | None = None) -> dict[str, AmendedAct]:
    """Per article of an amending act (its section label), the listed act that article amends."""
    acts = acts if acts is not None else eu_acts()
    out: dict[str, AmendedAct] = {}
    for p in passages:
        if not p.section or p.section[0] in out or not p.section[0].startswith("Article"):
            continue
        for text in (p.heading, p.text):
            m = _AMENDS_RE.match(text or "")
            act = acts.citing(m.group("title_act") or m.group("lead_act")) if m else None
            if act is not None:
                out[p.section[0]] = AmendedAct(act, p.section[0])
                break
    return out


# A Commission act adopted under another names it where its preamble opens: "THE
# EUROPEAN COMMISSION, Having regard to Directive 2013/34/EU ..., and in
# particular Article 29b(1) ... thereof". An act of the Parliament and the
# Council has regard to the Treaty instead, and a proposal is theirs.
_COMMISSION_PREAMBLE_RE = re.compile(
    r"\bTHE\s+EUROPEAN\s+COMMISSION\s*,\s*(?:Having\s+regard\s+to\s+the\s+Treaty[^,]*,\s*)?Having\s+regard\s+to\s+" + _ACT)
# "and in particular Article 29b(1), first subparagraph, thereof"
_EMPOWERING_RE = re.compile(r"\bin\s+particular\s+Articles?\s+(?P<article>\d+[a-z]?)", re.IGNORECASE)
_OPENING_CHARS = 6000


def parent_act(passages: Sequence[Passage], acts: EUActs | None = None) -> ParentAct | None:
    """The listed act a delegated or implementing act is adopted under, read from its preamble."""
    acts = acts if acts is not None else eu_acts()
    opening = _opening(passages)
    preamble = _COMMISSION_PREAMBLE_RE.search(opening)
    if not preamble:
        return None
    act = acts.citing(preamble.group("act"))
    if act is None:
        return None
    empowering = _EMPOWERING_RE.search(opening, preamble.end(), preamble.end() + 600)
    return ParentAct(act, empowering.group("article").lower() if empowering else None)


def _opening(passages: Sequence[Passage]) -> str:
    parts: list[str] = []
    size = 0
    for p in passages:
        for text in (*p.section, p.heading, p.text):
            if text and text not in parts[-3:]:
                parts.append(text)
                size += len(text) + 1
        if size >= _OPENING_CHARS:
            break
    return " ".join(parts)[:_OPENING_CHARS]


def _normalised(citation: str) -> str:
    return re.sub(r"\s+", " ", citation).strip().lower()


def eu_acts(path: str | Path | None = None) -> EUActs:
    """The listed acts (`taxonomies/eu_acts.yaml`); none when the file is absent."""
    path = Path(path) if path else DEFAULT_EU_ACTS
    if not path.is_file():
        return EUActs(version=1, acts=[])
    return _load(path.resolve(), path.stat().st_mtime_ns)


@lru_cache(maxsize=4)
def _load(path: Path, mtime_ns: int) -> EUActs:
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        return EUActs.model_validate(raw)
    except yaml.YAMLError as exc:
        raise TaxonomyError(path, [f"not valid YAML ({exc})"]) from None
    except ValidationError as exc:
        raise TaxonomyError(path, [f"{'.'.join(str(x) for x in e['loc'])}: {e['msg']}" for e in exc.errors()]) from None
