"""Turning an annotator's decisions on candidate passages into label lines.

An annotator writes one decision per candidate they labelled:

    {"candidate": "ibm-conflict-minerals-report-cy2024-12", "categories": ["RP.CONFLICT_FREE"],
     "strength": 3, "note": "why, briefly", "selection": "random" | "sought" | "hard_negative"}

This module checks each decision (known category ids, the strength rules,
one decision per candidate, no id already labelled), builds the label line
the loader reads (the reference and hash; the text only for EU law, which may
be copied) and proves every line round-trips through `load_labelled` before
anything is written. Writing is all or nothing and only ever appends.

Three destinations, by folder:

- `corpora/labelled/<name>.jsonl` and `corpora/labelled/heldout/<name>.jsonl`:
  the gold lines; the same decisions also go, as the first annotation, to
  `annotations/first/<name>.jsonl` (`heldout_<name>.jsonl` for held-out
  files), so agreement can still be measured after adjudication rewrites the
  gold lines;
- `corpora/labelled/annotations/second/<name>.jsonl`: the blind second
  annotation, ids and labels only;
- `corpora/labelled/annotations/adjudication/<name>.jsonl`: decisions on
  disagreements, which also rewrite the categories, strength and note of the
  gold line they settle.

`apply_corrections` re-decides lines that already carry an adjudication (one
adjudication per passage is all `write_decisions` allows): a reviewed list of
corrections rewrites the gold lines and is appended to the adjudication trail
of each line's gold file, so the trail shows the earlier decision and the
correction after it.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Any

from nlp_pipeline.labelled import DEFAULT_LABELLED, LabelError, load_labelled, text_hash
from nlp_pipeline.labelled.jsonl import read_jsonl

SELECTIONS = ("random", "sought", "hard_negative")
# Sources whose text may be copied into the repository (EUR-Lex reuse, Decision 2011/833/EU).
COPYABLE_FOLDERS = ("eu_law",)
LINE_FIELDS = ("id", "doc_kind", "source", "text", "sha1", "section", "heading", "role", "block_kind",
               "categories", "strength", "note", "selection")


class Destination(str, Enum):
    GOLD = "gold"
    HELDOUT = "heldout"
    SECOND = "second"
    ADJUDICATION = "adjudication"


@dataclass(frozen=True)
class Decision:
    candidate: str
    categories: tuple[str, ...]
    strength: int
    note: str = ""
    selection: str = ""


def read_candidates(paths: Iterable[Path]) -> dict[str, dict[str, Any]]:
    found: dict[str, dict[str, Any]] = {}
    for path in paths:
        for where, record in read_jsonl(path):
            if "candidate" not in record or "source" not in record:
                raise LabelError(f"{where}: not a candidate line (needs 'candidate' and 'source')")
            found[record["candidate"]] = record
    return found


def parse_decision(record: dict[str, Any], where: str, known: set[str], need_selection: bool) -> Decision:
    """One decision, or LabelError naming its line and every rule it breaks."""
    problems: list[str] = []
    candidate = record.get("candidate")
    if not isinstance(candidate, str) or not candidate:
        problems.append("missing 'candidate' id")
    categories = record.get("categories")
    if not isinstance(categories, list) or not all(isinstance(c, str) for c in categories):
        problems.append("'categories' must be a list of category ids")
        categories = []
    unknown = [c for c in categories if c not in known]
    if unknown:
        problems.append(f"unknown category id(s) {unknown}")
    if len(set(categories)) != len(categories):
        problems.append("a category is listed twice")
    strength = record.get("strength")
    if isinstance(strength, bool) or not isinstance(strength, int) or not 0 <= strength <= 4:
        problems.append(f"strength must be an integer 0-4, got {strength!r}")
    elif not categories and strength != 0:
        problems.append("a passage with no category must have strength 0")
    elif categories and strength == 0:
        problems.append("a passage that addresses a category has strength 1-4 (0 means not addressed)")
    note = record.get("note", "")
    if not isinstance(note, str):
        problems.append("'note' must be a string")
    selection = record.get("selection", "")
    if need_selection and selection not in SELECTIONS or selection and selection not in SELECTIONS:
        problems.append(f"'selection' must be one of {', '.join(SELECTIONS)}, got {selection!r}")
    if problems:
        raise LabelError(f"{where}: {candidate or '?'}: " + "; ".join(problems))
    return Decision(candidate, tuple(categories), strength, note, selection)


def copyable(relative: str) -> bool:
    """EU legal texts (eu_law/ or extended/eu_law/) may be kept as text in the repository."""
    parts = Path(relative).parts
    return any(part in COPYABLE_FOLDERS for part in parts[:2])


def label_line(candidate: dict[str, Any], decision: Decision) -> dict[str, Any]:
    """The gold line for one decision: reference and hash, text only where the source may be copied."""
    source = {key: candidate["source"][key] for key in ("file", "page", "json_path", "extract", "start", "end")
              if key in candidate["source"]}
    line: dict[str, Any] = {
        "id": decision.candidate,
        "doc_kind": candidate.get("doc_kind", "unknown"),
        "source": source,
        "sha1": candidate.get("sha1") or text_hash(candidate["text"]),
        "section": candidate.get("section", ""),
        "heading": candidate.get("heading", ""),
        "role": candidate.get("role", ""),
        "block_kind": candidate.get("block_kind", ""),
        "categories": list(decision.categories),
        "strength": decision.strength,
        "note": decision.note,
        "selection": decision.selection,
    }
    if copyable(source["file"]):
        line["text"] = candidate["text"]
    return {key: line[key] for key in LINE_FIELDS if key in line}


def annotation_line(decision: Decision) -> dict[str, Any]:
    """An annotation as annotations/ keeps it: id and labels, never text."""
    return {"id": decision.candidate, "categories": list(decision.categories), "strength": decision.strength,
            "note": decision.note}


# -- where a file belongs --------------------------------------------------------------


def destination_of(path: Path, labelled: Path = DEFAULT_LABELLED) -> Destination:
    path, labelled = Path(path).resolve(), Path(labelled).resolve()
    if path.suffix != ".jsonl":
        raise LabelError(f"{path}: label files end in .jsonl")
    folder = path.parent
    if folder == labelled:
        return Destination.GOLD
    if folder == labelled / "heldout":
        return Destination.HELDOUT
    if folder == labelled / "annotations" / "second":
        return Destination.SECOND
    if folder == labelled / "annotations" / "adjudication":
        return Destination.ADJUDICATION
    raise LabelError(
        f"{path}: write to {labelled}/<name>.jsonl, heldout/<name>.jsonl, annotations/second/<name>.jsonl "
        "or annotations/adjudication/<name>.jsonl"
    )


def first_annotation_file(path: Path, labelled: Path = DEFAULT_LABELLED) -> Path:
    """Where the first annotation of a gold or held-out file is kept."""
    prefix = "heldout_" if destination_of(path, labelled) is Destination.HELDOUT else ""
    return Path(labelled) / "annotations" / "first" / f"{prefix}{Path(path).name}"


def gold_files(labelled: Path = DEFAULT_LABELLED) -> list[Path]:
    return sorted(Path(labelled).glob("*.jsonl")) + sorted((Path(labelled) / "heldout").glob("*.jsonl"))


def ids_in(files: Iterable[Path]) -> dict[str, Path]:
    found: dict[str, Path] = {}
    for file in files:
        if file.exists():
            for _, record in read_jsonl(file):
                if "id" in record:
                    found[str(record["id"])] = file
    return found


# -- writing ------------------------------------------------------------------------------


@dataclass
class WriteResult:
    written: dict[Path, int]  # file -> lines appended (or rewritten, for adjudicated gold lines)


def write_decisions(
    decisions_file: Path,
    candidate_files: list[Path],
    out: Path,
    known: set[str],
    shared: Path,
    labelled: Path = DEFAULT_LABELLED,
) -> WriteResult:
    """Validate every decision, prove the lines round-trip, then append them; nothing is written on any error."""
    destination = destination_of(out, labelled)
    candidates = read_candidates(candidate_files) if destination is not Destination.ADJUDICATION else {}
    decisions, problems = _decisions(decisions_file, known,
                                     need_selection=destination in (Destination.GOLD, Destination.HELDOUT))
    gold = ids_in(gold_files(labelled))
    if destination in (Destination.GOLD, Destination.HELDOUT):
        taken = {**gold, **ids_in([first_annotation_file(out, labelled)])}
    else:  # one second annotation and one adjudication per passage
        taken = ids_in(sorted(out.parent.glob("*.jsonl")))
    for where, decision in decisions:
        if decision.candidate in taken:
            problems.append(f"{where}: {decision.candidate} is already in {taken[decision.candidate].name}")
        if destination is not Destination.ADJUDICATION and decision.candidate not in candidates:
            problems.append(f"{where}: {decision.candidate} is in none of the candidate files given")
        if destination in (Destination.SECOND, Destination.ADJUDICATION) and decision.candidate not in gold:
            problems.append(f"{where}: {decision.candidate} has no first annotation in any gold file")
    if problems:
        raise LabelError("\n".join(problems))
    chosen = [d for _, d in decisions]
    if destination in (Destination.GOLD, Destination.HELDOUT):
        lines = [label_line(candidates[d.candidate], d) for d in chosen]
        _verify_round_trip(lines, candidates, known, shared)
        first = first_annotation_file(out, labelled)
        _append(out, lines)
        _append(first, [annotation_line(d) for d in chosen])
        return WriteResult({out: len(lines), first: len(lines)})
    if destination is Destination.SECOND:
        for d in chosen:
            if text_hash(candidates[d.candidate]["text"]) != candidates[d.candidate].get("sha1"):
                raise LabelError(f"{d.candidate}: candidate text does not match its sha1")
        _append(out, [annotation_line(d) for d in chosen])
        return WriteResult({out: len(chosen)})
    return _adjudicate(out, chosen, gold, known, shared)


def _decisions(path: Path, known: set[str], need_selection: bool) -> tuple[list[tuple[str, Decision]], list[str]]:
    """The valid decisions, and one line for each broken or repeated one."""
    result: list[tuple[str, Decision]] = []
    problems: list[str] = []
    seen: dict[str, str] = {}
    for where, record in read_jsonl(path):
        try:
            decision = parse_decision(record, where, known, need_selection)
        except LabelError as error:
            problems.append(str(error))
            continue
        if decision.candidate in seen:
            problems.append(f"{where}: {decision.candidate} already decided at {seen[decision.candidate]}")
            continue
        seen[decision.candidate] = where
        result.append((where, decision))
    if not result and not problems:
        problems.append(f"{path}: no decisions")
    return result, problems


def _verify_round_trip(lines: list[dict[str, Any]], candidates: dict[str, dict[str, Any]], known: set[str],
                       shared: Path) -> None:
    """Load the new lines as the loader will; each must resolve to its candidate's text."""
    with tempfile.TemporaryDirectory() as folder:
        probe = Path(folder) / "probe.jsonl"
        probe.write_text("".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines), encoding="utf-8")
        loaded = load_labelled(probe, known_categories=known, shared_corpora=shared)
    if loaded.unresolved:
        raise LabelError(f"cannot rebuild the text of {loaded.unresolved[:5]} from {shared} (is ../shared/corpora there?)")
    for passage in loaded.passages:
        if text_hash(passage.text) != text_hash(candidates[passage.id]["text"]):
            raise LabelError(f"{passage.id}: the rebuilt text differs from the candidate's text (stale candidates file?)")


def _adjudicate(out: Path, chosen: list[Decision], gold: dict[str, Path], known: set[str], shared: Path) -> WriteResult:
    """Record the adjudicated decisions and rewrite the gold lines they settle."""
    by_id = {d.candidate: d for d in chosen}
    written: dict[Path, int] = {}
    rewritten: dict[Path, str] = {}
    for file in sorted({gold[i] for i in by_id}):
        lines = []
        count = 0
        for _, record in read_jsonl(file):
            decision = by_id.get(str(record.get("id")))
            if decision is not None:
                record = {**record, "categories": list(decision.categories), "strength": decision.strength,
                          "note": decision.note}
                count += 1
            lines.append(json.dumps(record, ensure_ascii=False) + "\n")
        rewritten[file] = "".join(lines)
        written[file] = count
    for file, content in rewritten.items():
        with tempfile.TemporaryDirectory() as folder:
            probe = Path(folder) / file.name
            probe.write_text(content, encoding="utf-8")
            load_labelled(probe, known_categories=known, shared_corpora=shared)
    _append(out, [annotation_line(d) for d in chosen])
    for file, content in rewritten.items():
        _replace(file, content)
    return WriteResult({out: len(chosen), **written})


def _append(path: Path, records: list[dict[str, Any]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    existing = path.read_text(encoding="utf-8") if path.exists() else ""
    if existing and not existing.endswith("\n"):
        existing += "\n"
    _replace(path, existing + "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records))


def _replace(path: Path, content: str) -> None:
    """Write through a temporary file so an interrupted run leaves the old file whole."""
    mode = path.stat().st_mode & 0o777 if path.exists() else 0o644
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    with os.fdopen(handle, "w", encoding="utf-8") as stream:
        stream.write(content)
    os.chmod(temporary, mode)
    os.replace(temporary, path)


# -- corrections of adjudicated lines ------------------------------------------------------


def adjudication_file(gold: Path, labelled: Path = DEFAULT_LABELLED) -> Path:
    """The adjudication trail of a gold or held-out file (named like its first annotation)."""
    return Path(labelled) / "annotations" / "adjudication" / first_annotation_file(gold, labelled).name


def apply_corrections(corrections_file: Path, known: set[str], shared: Path,
                      labelled: Path = DEFAULT_LABELLED) -> WriteResult:
    """Rewrite the gold lines a reviewed list corrects and append each correction to its file's trail.

    Each line is `{"id", "categories", "strength", "note"}`, checked like a decision; every id must
    be in a gold file and every note must say why. Nothing is written if any line fails.
    """
    problems: list[str] = []
    chosen: list[Decision] = []
    seen: set[str] = set()
    for where, record in read_jsonl(corrections_file):
        try:
            decision = parse_decision({**record, "candidate": record.get("id")}, where, known, need_selection=False)
        except LabelError as error:
            problems.append(str(error))
            continue
        if not decision.note.strip():
            problems.append(f"{where}: {decision.candidate}: a correction needs a note saying why")
        if decision.candidate in seen:
            problems.append(f"{where}: {decision.candidate} is corrected twice")
        seen.add(decision.candidate)
        chosen.append(decision)
    if not chosen and not problems:
        problems.append(f"{corrections_file}: no corrections")
    gold = ids_in(gold_files(labelled))
    problems += [f"{d.candidate}: in no gold file" for d in chosen if d.candidate not in gold]
    if problems:
        raise LabelError("\n".join(problems))
    written: dict[Path, int] = {}
    for file in sorted({gold[d.candidate] for d in chosen}):
        trail = adjudication_file(file, labelled)
        result = _adjudicate(trail, [d for d in chosen if gold[d.candidate] == file], gold, known, shared)
        for path, count in result.written.items():
            written[path] = written.get(path, 0) + count
    return WriteResult(written)
