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


class Actor(_Strict):
    id: str
    label: str
    description: str = ""


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

    @field_validator("id")
    @classmethod
    def _id_format(cls, value: str) -> str:
        if not _ID.match(value):
            raise ValueError(f"milestone id '{value}' must be dotted upper-case, e.g. HR.2025.SANCTIONS")
        return value

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
        problems: list[str] = []
        levels = sorted(s.level for s in self.strength_scale)
        if levels != [0, 1, 2, 3, 4]:
            problems.append(f"strength_scale must define levels 0-4 once each, found {levels}")
        actor_ids = {a.id for a in self.actors}
        seen: set[str] = set()
        milestone_ids: set[str] = set()
        for target in self.targets:
            for category in target.categories:
                if category.id in seen:
                    problems.append(f"duplicate category id {category.id}")
                seen.add(category.id)
                for milestone in category.milestones:
                    if milestone.id in milestone_ids:
                        problems.append(f"duplicate milestone id {milestone.id}")
                    milestone_ids.add(milestone.id)
                    unknown = [a for a in milestone.actors if a not in actor_ids]
                    if unknown:
                        problems.append(f"milestone {milestone.id}: unknown actor(s) {unknown}")
        overlap = seen & milestone_ids
        if overlap:
            problems.append(f"ids used for both a category and a milestone: {sorted(overlap)}")
        for target in self.targets:
            for category in target.categories:
                for note in category.excludes:
                    for ref in re.findall(r"\b[A-Z]{1,3}(?:\.[A-Z_]+)+\b", note):
                        if ref not in seen and ref.count(".") >= 1 and not re.match(r"^[A-Z]+\.\d{4}", ref):
                            problems.append(f"category {category.id}: excludes refers to unknown category {ref}")
        if problems:
            raise ValueError("; ".join(problems))
        return self
