"""The shape every taxonomy file must have.

Users bring their own taxonomies, so every rule a taxonomy must satisfy is
written here, once, and reported with the path to the offending node.
"""

from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

_ID = re.compile(r"^[A-Z][A-Z0-9_]*(\.[A-Z0-9_]+)*$")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class StrengthLevel(_Strict):
    level: int = Field(ge=0, le=4)
    code: str
    label: str
    description: str


DocumentKindName = Literal["legislation", "report", "initiative"]
# Families of language that pull against the roadmap, as the assess stage names them.
OpposingFamily = Literal["shareholder_primacy", "deregulation"]
# Who a duty binds, as the assess stage names them (records.Addressee).
DutyBearer = Literal["company", "member_state", "authority", "auditor"]
# Passage weaknesses a category can be narrowed by (see Category.narrowed_by).
PassageFlag = Literal["hedged", "threshold_exemption", "scope_limited"]
# Kinds of narrowing a passage can grant, as the assess stage names them
# (nlp_pipeline/assess/polarity.py).
NarrowingKind = Literal["threshold", "exemption", "non_application", "applicability_condition", "not_required",
                        "liability_carve_out", "confidentiality", "best_efforts", "limitation", "part_deleted", "postponement",
                        "deemed_conformant", "recycled_exemption"]


class Actor(_Strict):
    id: str
    label: str
    description: str = ""
    # The kinds of document that speak for this actor: a milestone judged on
    # the actor is judged against these documents and is "not applicable" to
    # the others (EU law for EU policy makers, reports and standards for
    # industry). An actor with none has no documents the analyzer reads.
    document_kinds: list[DocumentKindName] = []


def _word_cues(value: list[str]) -> list[str]:
    for cue in value:
        if not cue.strip(" *") or "*" in cue[:-1]:
            raise ValueError(f"cue {cue!r} must be words, with '*' only at the end for a word start")
    return value


class MilestoneAsk(_Strict):
    """One part of what a milestone's statement asks, and the words a passage speaks to it with.

    A category is broader than any of its milestones: a law can bind companies
    to due diligence (the category covered) without asking for the results for
    rights holders a 2030 milestone is about. A passage speaks to this part
    when it contains one of the cues (case-insensitive, from the start of a
    word, so "penalt" finds "penalties").
    """

    part: str = Field(min_length=3)
    cues: list[str] = Field(min_length=1)
    # A core part is what the milestone is about ("living wages are paid");
    # the others qualify it ("... and checked independently"). Without every
    # core part the milestone is not met even in part.
    core: bool = False
    # Words that name what the statement says does not count for this part
    # ("not on membership of a scheme"): a passage naming one does not speak to
    # it, whatever else it names.
    unless: list[str] = []
    # Words of which a passage must also name one to speak to the part, when the part
    # joins two things ("independently verified implementation" of due diligence): an
    # assurance statement on a non-financial statement names the check, not what it checked.
    also: list[str] = []
    # In a company report the part is also shown by the company's own dated
    # targets on any topic ("companies publish continuous improvement plans":
    # a report that sets itself dated targets publishes one), not only by
    # passages on the milestone's category.
    shown_by_own_targets: bool = False
    # The statement asks for a measured change ("measured working conditions improve", "more workers
    # covered by collective agreements"): only a figure shows a step toward the part, a described
    # process or policy does not.
    measured: bool = False

    @field_validator("cues", "unless", "also")
    @classmethod
    def _cue_format(cls, value: list[str]) -> list[str]:
        return _word_cues(value)


class ActObjectCues(_Strict):
    """An act and its object, both to be named in one clause. Cues are matched as
    milestone cues are (whole words with their plural and past forms, "*" at
    the end for a word start)."""

    acts: list[str] = Field(min_length=1)
    objects: list[str] = Field(min_length=1)

    @field_validator("acts", "objects")
    @classmethod
    def _cue_format(cls, value: list[str]) -> list[str]:
        return _word_cues(value)


class DutyCues(ActObjectCues):
    """What a duty must name to address a category by what it requires.

    A binding duty on one of `bearers` that names one of `acts` and one of
    `objects` addresses the category whatever the classifier scores:
    "companies shall map ... the operations of their business partners" is
    supply-chain mapping, "the Commission shall review the functioning and
    effectiveness of this Regulation" is a review clause, however little
    their wording resembles the labelled examples.
    """

    bearers: list[DutyBearer] = Field(default=["company"], min_length=1)


class PracticeCues(ActObjectCues):
    """What a company's report must say it does to address a category by that practice.

    A report sentence that names one of `acts` and one of `objects` in one
    clause ("smelters that fail to become conformant will be removed from our
    supply chain", "suppliers ... may face termination of their contracts")
    reports a consequence for suppliers, whatever the classifier, trained on
    the laws' vocabulary of penalties and fines, scores.

    `subjects`, when given: words of which the passage must also name one,
    for a practice that is only on the category when it concerns the
    roadmap's subject ("the team reports to the Chief Procurement Officer"
    is governance of a responsible-minerals programme; "the Supervisory
    Board oversees the financial reporting process" is not).

    `unless`: words of which a matched clause must name none, for wording
    that looks like the practice and is not ("but not limited to" lists what
    is included; "excluded from our supply chain" is a sanction, not a limit).

    `polarity`: what the practice shows on the category. A practice that
    establishes it (a sanction, a grievance channel) is coverage; one that
    `narrows` it is the company's own account of a limit of its due diligence
    ("the risk analysis covers direct suppliers only", "well-rated suppliers
    are exempted from next year's on-site inspection"): gap evidence, which
    the cell shows as narrowing whatever the passage's other wording grants.
    """

    subjects: list[str] = []
    unless: list[str] = []
    polarity: Literal["establishes", "narrows"] = "establishes"

    @field_validator("subjects", "unless")
    @classmethod
    def _subject_format(cls, value: list[str]) -> list[str]:
        return _word_cues(value)


class Milestone(_Strict):
    """What a category should look like by a given year, and for whom."""

    id: str
    year: int
    statement: str
    actors: list[str] = Field(min_length=1)
    # The strength a document must reach on the category to meet the
    # milestone (0-4 on the scale of the taxonomy).
    expected_strength: int = Field(ge=1, le=4)
    provenance: Literal["roadmap", "derived"]
    roadmap_quote: str = ""
    basis: str = ""
    # What the statement asks for: a `mandate` (a rule, commitment or
    # publication a text itself can establish), an `outcome` reached in
    # practice, or a 2050 `end_state`. Text can show a mandate met; of an
    # outcome or end state it shows at most a commitment toward it.
    kind: Literal["mandate", "outcome", "end_state"] = "mandate"
    # The actors whose own texts the statement speaks of ("EU law obliges
    # companies ..." speaks of the EU's texts even though industry has a
    # recommendation under it). Empty: all of `actors`.
    judged_on: list[str] = []
    # The parts of what the statement asks. A milestone is met when every
    # part is spoken to at the expected strength by the category's passages,
    # partly met when its core parts (or, with none marked core, some part)
    # are within one level of it; empty: any passage on the category speaks
    # to the whole milestone. A part the category's definition already
    # ensures ("wherever companies operate" under legal reach) needs none.
    asks: list[MilestoneAsk] = []

    @field_validator("id")
    @classmethod
    def _id_format(cls, value: str) -> str:
        if not _ID.match(value):
            raise ValueError(f"milestone id '{value}' must be dotted upper-case, e.g. HR.2025.SANCTIONS")
        return value

    @property
    def judged_actors(self) -> list[str]:
        return self.judged_on or self.actors

    @model_validator(mode="after")
    def _roadmap_needs_quote(self) -> Milestone:
        if self.provenance == "roadmap" and not self.roadmap_quote:
            raise ValueError(f"milestone {self.id}: provenance 'roadmap' needs a roadmap_quote")
        return self


class Category(_Strict):
    id: str
    label: str
    definition: str = Field(min_length=20)
    # Short phrases whose presence suggests the category (matched
    # case-insensitively on tokens); never sufficient on their own.
    cues: list[str] = Field(min_length=1)
    # Where related material belongs instead: "text -> CATEGORY.ID" notes.
    excludes: list[str] = []
    # The seven human-rights gaps of the roadmap are flagged so reports can
    # show them as a group.
    roadmap_gap: bool = False
    provenance: Literal["roadmap", "derived"] = "roadmap"
    # A duty to disclose or report is itself coverage of this category
    # (transparency, disclosure of due diligence results, labels); elsewhere
    # a reporting duty shows only that the topic must be reported on, so it
    # counts as procedural at most ("due diligence is done" is not shown by
    # "report on your due diligence").
    covered_by_disclosure: bool = False
    # Whether an independent auditor's or assurance practitioner's report in a
    # company's report is itself evidence here (that the due diligence results
    # were checked); elsewhere it says what was checked, not what the company does.
    evidenced_by_assurance: bool = False
    # Whether a law's duties on statutory auditors are themselves evidence here
    # (their sanctions are the act's sanctions; their assurance checks the
    # reported due diligence); elsewhere they say how companies' reports are
    # checked, not what companies must do.
    shown_by_auditors_duties: bool = False
    # Passage weaknesses that make a passage narrow this category rather than
    # establish it: a programme limited to 3TG is a limit of scope.
    narrowed_by: list[PassageFlag] = []
    # Words of which a passage on this category names at least one (its
    # subject); the classifier's reading of a passage naming none is dropped.
    anchors: list[str] = []

    # Words of which the sentence carrying a company's own figure (or the
    # section it stands in, or the figure's metric, e.g. "funding") names at
    # least one for the figure to show this category: "90 % of our operational waste recycled" counts the company's
    # own waste, not discarded electronics collected and recycled.
    figure_subjects: list[str] = []

    @field_validator("anchors", "figure_subjects")
    @classmethod
    def _anchor_format(cls, value: list[str]) -> list[str]:
        return _word_cues(value) if value else value
    # A duty naming one of these acts on one of these objects addresses the
    # category by itself (see DutyCues).
    duty_cues: DutyCues | None = None
    # What a company's report says it does that addresses this category (see PracticeCues).
    practice_cues: PracticeCues | None = None
    # Kinds of narrowing whose grant by an operative provision of a law or code
    # is itself on this category, however it reads: a volume threshold or
    # "this Regulation shall not apply to recycled metals" is a loophole.
    addressed_by_narrowing: list[NarrowingKind] = []
    # Families of opposing language that run against this category's
    # direction ("shareholder_primacy"). Deregulation opposes every category
    # and needs no listing; see nlp_pipeline/assess/polarity.py.
    opposed_by: list[OpposingFamily] = []
    milestones: list[Milestone] = []

    @field_validator("id")
    @classmethod
    def _id_format(cls, value: str) -> str:
        if not _ID.match(value):
            raise ValueError(f"category id '{value}' must be dotted upper-case, e.g. CE.REPAIR")
        return value

    @field_validator("cues")
    @classmethod
    def _cues_not_blank(cls, value: list[str]) -> list[str]:
        blank = [c for c in value if not c.strip()]
        if blank:
            raise ValueError("cues must not be blank")
        return value

    def description(self) -> str:
        """The text an embedding model compares passages with."""
        return f"{self.label}. {self.definition}"


class Target(_Strict):
    id: str
    number: int | None = None
    label: str
    summary: str = ""
    categories: list[Category] = Field(min_length=1)


class TaxonomyMeta(_Strict):
    id: str
    version: str
    title: str
    source: str = ""
    licence: str = ""


class Taxonomy(_Strict):
    meta: TaxonomyMeta
    strength_scale: list[StrengthLevel] = Field(min_length=5, max_length=5)
    actors: list[Actor] = Field(min_length=1)
    targets: list[Target] = Field(min_length=1)

    @model_validator(mode="after")
    def _consistent(self) -> Taxonomy:
        problems = consistency_problems(self)
        if problems:
            # One problem per line so the loader can report each with its node path.
            raise ValueError("\n".join(problems))
        return self


# Anything shaped like a dotted id (two or more segments, digits allowed) inside
# an excludes note is a reference that must resolve; milestone-shaped ids (with
# a year segment) are allowed to point at milestones instead.
_REF = re.compile(r"(?<![\w.])[A-Z][A-Z0-9_]*(?:\.[A-Z0-9_]+)+(?![\w.])")
_YEAR_SEGMENT = re.compile(r"^(1[89]|2[0-9])\d\d$")


def consistency_problems(taxonomy: Taxonomy) -> list[str]:
    """Cross-node rules, each reported as "<node path>: <problem>"."""
    problems: list[str] = []
    levels = sorted(s.level for s in taxonomy.strength_scale)
    if levels != [0, 1, 2, 3, 4]:
        problems.append(f"strength_scale: must define levels 0-4 once each, found {levels}")
    problems += _duplicates("actors", [a.id for a in taxonomy.actors])
    problems += _duplicates("targets", [t.id for t in taxonomy.targets])
    actor_ids = {a.id for a in taxonomy.actors}
    category_where: dict[str, str] = {}
    milestone_where: dict[str, str] = {}
    for target in taxonomy.targets:
        for category in target.categories:
            where = f"targets[{target.id}].categories[{category.id}]"
            if category.id in category_where:
                problems.append(f"{where}: duplicate category id {category.id} (also at {category_where[category.id]})")
            else:
                category_where[category.id] = where
            for milestone in category.milestones:
                m_where = f"{where}.milestones[{milestone.id}]"
                if milestone.id in milestone_where:
                    problems.append(
                        f"{m_where}: duplicate milestone id {milestone.id} (also at {milestone_where[milestone.id]})"
                    )
                else:
                    milestone_where[milestone.id] = m_where
                unknown = [a for a in milestone.actors if a not in actor_ids]
                if unknown:
                    problems.append(f"{m_where}.actors: unknown actor(s) {unknown}; declared actors are {sorted(actor_ids)}")
                unknown = [a for a in milestone.judged_on if a not in actor_ids]
                if unknown:
                    problems.append(f"{m_where}.judged_on: unknown actor(s) {unknown}; declared actors are {sorted(actor_ids)}")
                years = [int(seg) for seg in milestone.id.split(".") if _YEAR_SEGMENT.match(seg)]
                if years and milestone.year not in years:
                    problems.append(f"{m_where}.year: {milestone.year} does not match the year in the id")
    for both in sorted(set(category_where) & set(milestone_where)):
        problems.append(f"{milestone_where[both]}: id {both} is also a category id")
    for target in taxonomy.targets:
        for category in target.categories:
            for n, note in enumerate(category.excludes):
                for ref in _REF.findall(note):
                    if ref not in category_where and ref not in milestone_where:
                        problems.append(
                            f"targets[{target.id}].categories[{category.id}].excludes[{n}]: "
                            f"refers to unknown category {ref}"
                        )
    return problems


def _duplicates(where: str, ids: list[str]) -> list[str]:
    seen: set[str] = set()
    problems = []
    for value in ids:
        if value in seen:
            problems.append(f"{where}[{value}]: duplicate id {value}")
        seen.add(value)
    return problems
