"""Agreement of the analyzer's cells and milestone verdicts with the expert-read set.

The expert-read set (`tests/data/expert_read/`, one JSONL file per document)
holds what an expert signs for a document: per category a coverage status and
a polarity, per milestone a verdict, each with a one-line reason and the
deciding passage. It was written blind to the analyzer. Each document is
analysed here through exactly the path `analyze` takes (ingest, segment,
classify, assess, aggregate), with the document's kind given as a user gives
`--kind` (guessing the kind is ingest's part, measured elsewhere), and its
cells are compared with the expert's.

Agreement is counted as the set's README says: a cell agrees when status and
polarity are equal, with `absent` and `mentioned` the same (neither claims
coverage, and an absent cell has no polarity); a milestone verdict agrees when equal, with `not_addressed` and
`not_met` the same (neither says the milestone is met in any part).
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from nlp_pipeline.errors import LabelError
from nlp_pipeline.labelled import DEFAULT_SHARED_CORPORA
from nlp_pipeline.labelled.jsonl import jsonl_files, numbered_records
from nlp_pipeline.records import CoverageStatus, DocumentAnalysis, DocumentKind, MilestoneVerdict, Polarity
from nlp_pipeline.taxonomy import Taxonomy, categories, milestones

PROJECT_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_EXPERT_READ = PROJECT_ROOT / "tests" / "data" / "expert_read"
# Written blind on three other documents after the rules had been refined
# against the first set: the agreement no rule was tuned on.
DEFAULT_EXPERT_READ_HELDOUT = PROJECT_ROOT / "tests" / "data" / "expert_read_heldout"
# Written blind on three more documents, one of each kind, before the analyzer
# was compared with it at all: no rule has seen a disagreement on it.
DEFAULT_EXPERT_READ_FRESH = PROJECT_ROOT / "tests" / "data" / "expert_read_fresh"
# Written blind on four more documents; its first figure was taken before any
# rule saw it, then the next round's rules were developed on its disagreements.
DEFAULT_EXPERT_READ_DEV2 = PROJECT_ROOT / "tests" / "data" / "expert_read_dev2"
DEFAULT_EXPERT_READ_DEV3 = PROJECT_ROOT / "tests" / "data" / "expert_read_dev3"
# Written blind on four company reports at the same time as dev3 was mined, and
# kept unseen: its figure is the one to expect on a report nobody tuned on.
DEFAULT_EXPERT_READ_FRESH2 = PROJECT_ROOT / "tests" / "data" / "expert_read_fresh2"
# Written blind on five more documents (four reports and a Commission Q&A) and
# kept unseen like fresh2: only its aggregate figures are printed.
DEFAULT_EXPERT_READ_FRESH3 = PROJECT_ROOT / "tests" / "data" / "expert_read_fresh3"
# Written blind on five more documents (four reports and a Commission draft
# notice) at the start of a round; its first figure was taken on the last
# round's code. Earlier reviews had read the analyzer's output on all five.
# Once a second expert had read its items, rules were developed where the two
# readings agree: a development set since.
DEFAULT_EXPERT_READ_FRESH4 = PROJECT_ROOT / "tests" / "data" / "expert_read_fresh4"
# Written blind on the two company reports no expert set held (BHP's 2020 climate
# report, CT REIT's 2022 ESG report); its first figure was taken before any rule
# saw it, then its disagreement lines were read: a development set since.
DEFAULT_EXPERT_READ_FRESH5 = PROJECT_ROOT / "tests" / "data" / "expert_read_fresh5"
# A second expert's blind reading of the fifth fresh set's items, written without the first.
DEFAULT_EXPERT_READ_SECOND_FRESH5 = PROJECT_ROOT / "tests" / "data" / "expert_read_second_fresh5"
# Written blind on the items no expert set held on four development documents (the CSRD, the
# Conflict Minerals Regulation, the RBA Code, Intel's filing); first figure taken before any rule
# saw it, then a development set where it and its second reading agree.
DEFAULT_EXPERT_READ_FRESH6 = PROJECT_ROOT / "tests" / "data" / "expert_read_fresh6"
DEFAULT_EXPERT_READ_SECOND_FRESH6 = PROJECT_ROOT / "tests" / "data" / "expert_read_second_fresh6"
# A second expert's blind reading of items the first, dev2 and dev3 sets judged on
# four company reports: how far two experts agree is the ceiling for the analyzer.
DEFAULT_EXPERT_READ_SECOND = PROJECT_ROOT / "tests" / "data" / "expert_read_second"
# A second expert's blind reading of the fourth fresh set's items: how far two experts agree on
# documents new to the expert sets, and one more reading the analyzer can be compared with.
DEFAULT_EXPERT_READ_SECOND_FRESH4 = PROJECT_ROOT / "tests" / "data" / "expert_read_second_fresh4"


@dataclass(frozen=True)
class ExpertSet:
    """An expert-read set beyond the first, with how it has been used: a figure means what its use allows."""

    key: str
    path: Path
    title: str


# From the most tuned on to the least; each set's README says how it was used.
FURTHER_EXPERT_SETS = (
    ExpertSet("expert_read_dev2", DEFAULT_EXPERT_READ_DEV2,
              "Second development set, rules developed on it after its first figure"),
    ExpertSet("expert_read_dev3", DEFAULT_EXPERT_READ_DEV3,
              "Third development set, rules developed on it after its first figure"),
    ExpertSet("expert_read_heldout", DEFAULT_EXPERT_READ_HELDOUT, "Held-out expert-read set, no rule tuned on it"),
    ExpertSet("expert_read_fresh", DEFAULT_EXPERT_READ_FRESH, "Fresh expert-read set, no rule developed on it"),
    ExpertSet("expert_read_fresh2", DEFAULT_EXPERT_READ_FRESH2,
              "Second fresh expert-read set (company reports), no rule developed on it"),
    ExpertSet("expert_read_fresh3", DEFAULT_EXPERT_READ_FRESH3,
              "Third fresh expert-read set (four reports, a Commission Q&A), no rule developed on it"),
    ExpertSet("expert_read_fresh4", DEFAULT_EXPERT_READ_FRESH4,
              "Fourth fresh set (four reports, a Commission draft notice), a development set after its first figure"),
    ExpertSet("expert_read_fresh5", DEFAULT_EXPERT_READ_FRESH5,
              "Fifth fresh set (two company reports), a development set after its first figure"),
    ExpertSet("expert_read_second", DEFAULT_EXPERT_READ_SECOND,
              "A second expert on four reports the first sets hold (rules were developed on the first expert's reading)"),
    ExpertSet("expert_read_second_fresh4", DEFAULT_EXPERT_READ_SECOND_FRESH4,
              "A second expert on the fourth fresh set's items (rules developed where both readings agree)"),
    ExpertSet("expert_read_second_fresh5", DEFAULT_EXPERT_READ_SECOND_FRESH5,
              "A second expert on the fifth fresh set's items (rules developed where both readings agree)"),
    ExpertSet("expert_read_fresh6", DEFAULT_EXPERT_READ_FRESH6,
              "Sixth fresh set (items no set held, on four development documents), a development set after its first figure"),
    ExpertSet("expert_read_second_fresh6", DEFAULT_EXPERT_READ_SECOND_FRESH6,
              "A second expert on the sixth fresh set's items (rules developed where both readings agree)"),
)


@dataclass(frozen=True)
class ExpertPair:
    """A second expert's blind reading of items first readings judged: how far two experts agree there."""

    key: str
    firsts: tuple[Path, ...]
    second: Path
    title: str


EXPERT_PAIRS = (
    ExpertPair("expert_pair", (DEFAULT_EXPERT_READ, DEFAULT_EXPERT_READ_DEV2, DEFAULT_EXPERT_READ_DEV3),
               DEFAULT_EXPERT_READ_SECOND, "Two experts on the same items (the ceiling for the analyzer)"),
    ExpertPair("expert_pair_fresh4", (DEFAULT_EXPERT_READ_FRESH4,), DEFAULT_EXPERT_READ_SECOND_FRESH4,
               "Two experts on the fourth fresh set's items (the ceiling on documents new to the expert sets)"),
    ExpertPair("expert_pair_fresh5", (DEFAULT_EXPERT_READ_FRESH5,), DEFAULT_EXPERT_READ_SECOND_FRESH5,
               "Two experts on the fifth fresh set's items (two company reports new to the expert sets)"),
    ExpertPair("expert_pair_fresh6", (DEFAULT_EXPERT_READ_FRESH6,), DEFAULT_EXPERT_READ_SECOND_FRESH6,
               "Two experts on the sixth fresh set's items (items new to the expert sets on four documents)"),
)


def expert_pair_report(taxonomy: Taxonomy, pair: ExpertPair = EXPERT_PAIRS[0]) -> tuple[list[str], dict | None]:
    """Lines and figures for how far a second expert agrees with the first readings of the same items."""
    if not pair.second.exists() or not all(p.exists() for p in pair.firsts):
        return [], None
    agreement = expert_pair_agreement(list(pair.firsts), pair.second, taxonomy)
    return agreement.lines(pair.title), agreement.figures()

# Verdicts that make the same claim to a reader.
_SAME_STATUS = {CoverageStatus.MENTIONED.value: CoverageStatus.ABSENT.value}
_SAME_VERDICT = {MilestoneVerdict.NOT_ADDRESSED.value: MilestoneVerdict.NOT_MET.value}


@dataclass(frozen=True)
class ExpertVerdict:
    """One line of the expert-read set."""

    file: str
    doc_kind: str
    type: str  # "cell" or "milestone"
    id: str
    verdict: str  # cell status or milestone verdict
    polarity: str = Polarity.ESTABLISHES.value  # cells only
    reason: str = ""
    where: str = ""

    @property
    def shown(self) -> str:
        return self.verdict if self.type == "milestone" or self.polarity == Polarity.ESTABLISHES.value \
            else f"{self.verdict}, {self.polarity}"


@dataclass(frozen=True)
class Comparison:
    expert: ExpertVerdict
    tool: str  # status or verdict the analyzer gave
    tool_polarity: str = Polarity.ESTABLISHES.value
    evidence: str = ""  # where the analyzer's deciding passage is

    @property
    def agrees(self) -> bool:
        if self.expert.type == "cell":
            status = _SAME_STATUS.get(self.expert.verdict, self.expert.verdict)
            if _SAME_STATUS.get(self.tool, self.tool) != status:
                return False
            # A cell the expert finds absent has no polarity to agree on.
            return status == CoverageStatus.ABSENT.value or self.tool_polarity == self.expert.polarity
        return _SAME_VERDICT.get(self.tool, self.tool) == _SAME_VERDICT.get(self.expert.verdict, self.expert.verdict)

    @property
    def tool_shown(self) -> str:
        return self.tool if self.expert.type == "milestone" or self.tool_polarity == Polarity.ESTABLISHES.value \
            else f"{self.tool}, {self.tool_polarity}"


@dataclass
class ExpertAgreement:
    comparisons: list[Comparison] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)  # documents not found (../shared absent)
    kinds: dict[str, str] = field(default_factory=dict)  # file -> kind the analyzer guessed

    def share(self, type_: str, subset: Iterable[Comparison] | None = None) -> tuple[int, int]:
        rows = [c for c in (self.comparisons if subset is None else subset) if c.expert.type == type_]
        return sum(c.agrees for c in rows), len(rows)

    def by_kind(self) -> dict[str, list[Comparison]]:
        out: dict[str, list[Comparison]] = defaultdict(list)
        for c in self.comparisons:
            out[c.expert.doc_kind].append(c)
        return dict(out)

    def by_document(self) -> dict[str, list[Comparison]]:
        out: dict[str, list[Comparison]] = defaultdict(list)
        for c in self.comparisons:
            out[c.expert.file].append(c)
        return dict(out)

    def disagreements(self) -> list[Comparison]:
        return [c for c in self.comparisons if not c.agrees]

    def figures(self) -> dict[str, Any]:
        def rate(type_: str, rows: Iterable[Comparison] | None = None) -> dict[str, Any]:
            agree, n = self.share(type_, rows)
            return {"agree": agree, "n": n, "share": agree / n if n else None}

        return {
            "cells": rate("cell"),
            "milestones": rate("milestone"),
            "by_kind": {k: {"cells": rate("cell", rows), "milestones": rate("milestone", rows)}
                        for k, rows in sorted(self.by_kind().items())},
            "documents": len(self.by_document()),
            "missing": self.missing,
            "disagreements": [
                {"file": c.expert.file, "id": c.expert.id, "expert": c.expert.shown, "tool": c.tool_shown,
                 "reason": c.expert.reason, "where": c.expert.where, "tool_evidence": c.evidence}
                for c in self.disagreements()
            ],
        }

    def lines(self, title: str = "Expert-read set") -> list[str]:
        def pct(type_: str, rows: Iterable[Comparison] | None = None) -> str:
            agree, n = self.share(type_, rows)
            return f"{agree}/{n} ({agree / n:.1%})" if n else "-"

        out = [f"{title} ({len(self.by_document())} documents, written blind to the analyzer): "
               f"cells agree {pct('cell')}, milestone verdicts agree {pct('milestone')}"]
        for kind, rows in sorted(self.by_kind().items()):
            out.append(f"  {kind:<12} cells {pct('cell', rows):<16} milestones {pct('milestone', rows)}")
        if self.missing:
            out.append(f"  not found (../shared/corpora absent?): {', '.join(self.missing)}")
        return out

    def disagreement_lines(self) -> list[str]:
        return [f"  {Path(c.expert.file).name}: {c.expert.id}: expert {c.expert.shown} ({c.expert.where or '-'}), "
                f"analyzer {c.tool_shown}" + (f" ({c.evidence})" if c.evidence else "")
                for c in self.disagreements()]


def load_expert_read(path: str | Path = DEFAULT_EXPERT_READ, taxonomy: Taxonomy | None = None) -> list[ExpertVerdict]:
    """Every verdict under `path` (a .jsonl file or a folder of them), checked against the taxonomy's ids."""
    path = Path(path)
    files = jsonl_files(path)
    if not files or not all(f.is_file() for f in files):
        raise LabelError(f"{path}: no expert-read .jsonl files found")
    known_categories = {c.id for c in categories(taxonomy)} if taxonomy else None
    known_milestones = {m.id for _, m in milestones(taxonomy)} if taxonomy else None
    out = []
    for file in files:
        for where, row in numbered_records(file):
            try:
                verdict = _parse(row)
            except (KeyError, ValueError) as exc:
                raise LabelError(f"{where}: not an expert verdict ({exc})") from exc
            known = known_categories if verdict.type == "cell" else known_milestones
            if known is not None and verdict.id not in known:
                raise LabelError(f"{where}: unknown {verdict.type} id {verdict.id}")
            out.append(verdict)
    return out


def _parse(row: dict[str, Any]) -> ExpertVerdict:
    if row["type"] == "cell":
        CoverageStatus(row["status"])
        Polarity(row.get("polarity", Polarity.ESTABLISHES.value))
        verdict, polarity = row["status"], row.get("polarity", Polarity.ESTABLISHES.value)
    elif row["type"] == "milestone":
        MilestoneVerdict(row["verdict"])
        verdict, polarity = row["verdict"], Polarity.ESTABLISHES.value
    else:
        raise ValueError(f"type must be cell or milestone, got {row['type']!r}")
    file = row["file"] if "file" in row else shared_document(row["source_sha256"])
    return ExpertVerdict(file, row["doc_kind"], row["type"], row["id"], verdict, polarity,
                         row.get("reason", ""), row.get("where", ""))


def shared_document(sha256: str) -> str:
    """The ../shared/corpora document with this content, as a path from the project root.

    A verdict on a third-party report names its document by content (`source_sha256`),
    so the project ships no reference to the report's file; when the corpus is absent
    the verdict stands under "sha256:..." and is counted as not found.
    """
    found = _shared_documents_by_sha256().get(sha256.lower())
    return found if found is not None else f"sha256:{sha256.lower()}"


@lru_cache(maxsize=1)
def _shared_documents_by_sha256() -> dict[str, str]:
    if not DEFAULT_SHARED_CORPORA.is_dir():
        return {}
    return {hashlib.sha256(p.read_bytes()).hexdigest(): "../shared/corpora/" + p.relative_to(DEFAULT_SHARED_CORPORA).as_posix()
            for p in sorted(DEFAULT_SHARED_CORPORA.rglob("*")) if p.is_file()}


def compare_document(analysis: DocumentAnalysis, verdicts: Sequence[ExpertVerdict]) -> list[Comparison]:
    """The analyzer's cells for one document beside the expert's verdicts on it."""
    cells = {c.category_id: c for c in analysis.coverage}
    verdicts_by_id = {m.milestone_id: m for m in analysis.milestones}
    out = []
    for expert in verdicts:
        if expert.type == "cell":
            cell = cells[expert.id]
            polarity = getattr(cell, "polarity", Polarity.ESTABLISHES)
            out.append(Comparison(expert, cell.status.value, Polarity(polarity).value, _where(cell.evidence)))
        else:
            m = verdicts_by_id[expert.id]
            out.append(Comparison(expert, m.verdict.value, evidence=_where(m.evidence)))
    return out


def expert_pair_agreement(first: str | Path | Sequence[str | Path], second: str | Path,
                          taxonomy: Taxonomy) -> ExpertAgreement:
    """How far a second expert's blind reading agrees with the first on the items both judged.

    Counted as the analyzer's agreement is (the second expert stands where
    the analyzer stands), so it is the ceiling the analyzer's figure on the
    same items can be read against. Items only one of them judged are left out.
    """
    theirs = {(v.file, v.type, v.id): v for v in load_expert_read(second, taxonomy)}
    firsts = [first] if isinstance(first, (str, Path)) else list(first)
    result = ExpertAgreement()
    for v in (v for path in firsts for v in load_expert_read(path, taxonomy)):
        other = theirs.get((v.file, v.type, v.id))
        if other is not None:
            result.comparisons.append(Comparison(v, other.verdict, other.polarity, other.where))
    return result


def _where(evidence) -> str:
    if not evidence:
        return ""
    top = evidence[0]
    return f"{top.section or 'p. ' + top.page}"


def expert_agreement(path: str | Path, taxonomy: Taxonomy, classifier: str = "hybrid") -> ExpertAgreement:
    """Analyse every document of the expert-read set as `analyze` does and compare its cells."""
    from nlp_pipeline.classify.base import make_classifier
    from nlp_pipeline.pipeline import Failure, iter_analyses

    verdicts = load_expert_read(path, taxonomy)
    by_file: dict[str, list[ExpertVerdict]] = defaultdict(list)
    for v in verdicts:
        by_file[v.file].append(v)
    result = ExpertAgreement()
    present = {f: PROJECT_ROOT / f for f in by_file if (PROJECT_ROOT / f).is_file()}
    result.missing = sorted(set(by_file) - set(present))
    model = make_classifier(classifier, taxonomy)
    file_of = {str(full): file for file, full in present.items()}
    for kind in sorted({by_file[f][0].doc_kind for f in present}):
        files = [full for f, full in present.items() if by_file[f][0].doc_kind == kind]
        for outcome in iter_analyses(files, taxonomy, model, kind=DocumentKind(kind)):
            if isinstance(outcome, Failure):
                result.missing.append(f"{file_of.get(outcome.path, outcome.path)} ({outcome.reason})")
                continue
            file = file_of[outcome.document.path]
            result.kinds[file] = outcome.document.kind.value
            result.comparisons.extend(compare_document(outcome, by_file[file]))
    return result


def expert_read_report(taxonomy: Taxonomy, path: str | Path = DEFAULT_EXPERT_READ,
                       title: str = "Expert-read set") -> tuple[list[str], dict[str, Any] | None]:
    """Lines and figures for `resourcing evaluate`; nothing when the set is not there."""
    if not Path(path).exists():
        return [f"{title} not found: {path}"], None
    agreement = expert_agreement(path, taxonomy)
    return agreement.lines(title), agreement.figures()


def main(argv: Sequence[str] | None = None) -> None:  # pragma: no cover - a convenience for measuring
    import argparse

    from nlp_pipeline.taxonomy import load_taxonomy

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", nargs="?", default=str(DEFAULT_EXPERT_READ))
    parser.add_argument("--disagreements", action="store_true", help="list every verdict the analyzer gives otherwise")
    parser.add_argument("--against", help="a second expert's reading of the same items: print how far the two experts agree")
    args = parser.parse_args(argv)
    if args.against:
        agreement = expert_pair_agreement(args.path, args.against, load_taxonomy())
        print("\n".join(agreement.lines("Two experts on the same items")))
    else:
        agreement = expert_agreement(args.path, load_taxonomy())
        print("\n".join(agreement.lines()))
    if args.disagreements:
        print("\n".join(agreement.disagreement_lines()))


if __name__ == "__main__":  # pragma: no cover
    main()
