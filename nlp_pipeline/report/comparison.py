"""The output folder of a comparison of two versions of a text, memo first.

memo.md (what changed in the terms an advocacy group briefs in, each item
with its article and the old and new words quoted), comparison.html (the
memo, then the category and milestone view, then every change, all with
quotes rather than passage ids), changes.jsonl (one line per change, typed,
with both sides and a word diff), category_changes.csv and
milestone_changes.csv (the roadmap view), comparison.json (all of it),
for an amending act consolidated.txt (the base act with the instructions
applied) and instructions.csv (every instruction, applied or not, and why),
and run.json (versions, input hashes, output hashes; written last).
"""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from nlp_pipeline.compare.memo import MemoItem, memo_sections, renumbering_note
from nlp_pipeline.compare.wording import word_diff
from nlp_pipeline.records import (
    AnalysedPassage,
    Change,
    CoverageDirection,
    Document,
    DocumentAnalysis,
    Evidence,
    VerdictDirection,
)
from nlp_pipeline.report.base import (
    MANIFEST_NAME,
    STATUS_COLOURS,
    STATUS_LABELS,
    STATUS_TEXT_COLOURS,
    VERDICT_COLOURS,
    staged_output,
    write_text_atomic,
)
from nlp_pipeline.report.findings import finding_quote, page_words
from nlp_pipeline.report.html import CSS, e, source_link
from nlp_pipeline.report.run_manifest import document_input, run_manifest
from nlp_pipeline.report.wording import plural
from nlp_pipeline.report.tables import csv_text
from nlp_pipeline.taxonomy import category_index, milestones, target_of

if TYPE_CHECKING:
    from nlp_pipeline.compare import Comparison

MEMO_FILE = "memo.md"
CHANGES_FILE = "changes.jsonl"
CATEGORY_FILE = "category_changes.csv"
MILESTONE_FILE = "milestone_changes.csv"
JSON_FILE = "comparison.json"
HTML_FILE = "comparison.html"
CONSOLIDATED_FILE = "consolidated.txt"
INSTRUCTIONS_FILE = "instructions.csv"
COMPARISON_FILES = (MEMO_FILE, CHANGES_FILE, CATEGORY_FILE, MILESTONE_FILE, JSON_FILE, HTML_FILE)
AMENDMENT_FILES = (CONSOLIDATED_FILE, INSTRUCTIONS_FILE)
PLANNED_FILES = COMPARISON_FILES + AMENDMENT_FILES

CATEGORY_COLUMNS = [
    "target", "category_id", "category", "direction", "old_status", "new_status", "old_strength", "new_strength",
    "old_gap_flags", "new_gap_flags", "changed_provisions", "change_types", "old_evidence", "new_evidence",
    "old_evidence_passages", "new_evidence_passages",
]
MILESTONE_COLUMNS = [
    "milestone_id", "category_id", "year", "statement", "expected_strength", "old_observed_strength",
    "new_observed_strength", "old_verdict", "new_verdict", "direction",
]
# Losses first: an advocacy group reading a final text looks for what was given up.
DIRECTION_ORDER = ("weakened", "no_longer_covered", "strengthened", "newly_covered", "unchanged", "absent_in_both")
DIRECTION_COLOURS = {"weakened": "#f4a582", "no_longer_covered": "#d6604d", "strengthened": "#a6dba0",
                     "newly_covered": "#5aae61", "worsened": "#f4a582", "improved": "#a6dba0"}
MEMO_QUOTE = 700
TERMINAL_QUOTE = 180
QUOTE_LIMIT = 240  # an evidence quote in the category table


# -- records ---------------------------------------------------------------------------------


def passage_side(passages: tuple[AnalysedPassage, ...], version: DocumentAnalysis) -> list[dict[str, Any]]:
    return [
        {
            "document": version.document.name,
            "passage_id": p.passage.id,
            "page": p.passage.pages,
            "page_label": p.passage.page_label,
            "section": list(p.passage.section),
            "heading": p.passage.heading,
            "strength": p.strength,
            "categories": [{"category_id": c, "score": round(s, 4)}
                           for c, s in sorted(p.present_scores().items(), key=lambda item: -item[1])],
            "text": p.text,
        }
        for p in passages
    ]


def change_record(change: Change, comparison: Comparison) -> dict[str, Any]:
    record = {
        "change": change.kind.value,
        "severity": change.severity,
        "types": [t.value for t in change.types],
        "part": change.part,
        "old_citation": change.old_citation,
        "new_citation": change.new_citation,
        "old_heading": change.old_heading,
        "new_heading": change.new_heading,
        "similarity": change.similarity,
        "old_strength": change.old_strength,
        "new_strength": change.new_strength,
        "effects": [effect.to_dict() for effect in change.effects],
        "categories": [s.to_dict() for s in change.categories],
        "old": passage_side(change.old, comparison.old),
        "new": passage_side(change.new, comparison.new),
    }
    if change.old and change.new:
        record["diff"] = [{"op": op, "text": text} for op, text in word_diff(change.old_text, change.new_text)]
    return record


def _evidence_quotes(evidence: tuple[Evidence, ...], limit: int = 2) -> str:
    return " | ".join(f"{ev.section or 'p. ' + ev.page}: “{_short(ev.quote, 160)}”" for ev in evidence[:limit])


def category_table(comparison: Comparison) -> pd.DataFrame:
    index = category_index(comparison.taxonomy)
    targets = target_of(comparison.taxonomy)
    rows = [
        {
            "target": targets[c.category_id],
            "category_id": c.category_id,
            "category": index[c.category_id].label,
            "direction": c.direction.value,
            "old_status": c.old_status.value,
            "new_status": c.new_status.value,
            "old_strength": c.old_strength,
            "new_strength": c.new_strength,
            "old_gap_flags": ";".join(g.value for g in c.old_gap_flags),
            "new_gap_flags": ";".join(g.value for g in c.new_gap_flags),
            "changed_provisions": c.changed_passages,
            "change_types": "; ".join(c.fact_changes),
            "old_evidence": _evidence_quotes(c.old_evidence),
            "new_evidence": _evidence_quotes(c.new_evidence),
            "old_evidence_passages": ";".join(ev.passage_id for ev in c.old_evidence),
            "new_evidence_passages": ";".join(ev.passage_id for ev in c.new_evidence),
        }
        for c in comparison.categories
    ]
    return pd.DataFrame(rows).reindex(columns=CATEGORY_COLUMNS)


def milestone_table(comparison: Comparison) -> pd.DataFrame:
    statements = {m.id: m.statement for _, m in milestones(comparison.taxonomy)}
    rows = [
        {
            "milestone_id": m.milestone_id,
            "category_id": m.category_id,
            "year": m.year,
            "statement": statements.get(m.milestone_id, ""),
            "expected_strength": m.expected,
            "old_observed_strength": m.old_observed,
            "new_observed_strength": m.new_observed,
            "old_verdict": m.old_verdict.value,
            "new_verdict": m.new_verdict.value,
            "direction": m.direction.value,
        }
        for m in comparison.milestones
    ]
    return pd.DataFrame(rows).reindex(columns=MILESTONE_COLUMNS)


def amendment_record(comparison: Comparison) -> dict[str, Any] | None:
    report = comparison.amendment
    if report is None:
        return None
    return {
        "amending_act": report.amending.metadata(),
        "amended_act": report.act,
        "identified_by": report.identified_by,
        "applied": len(report.applied),
        "not_applied": len(report.not_applied),
        "instructions_for_other_acts": report.other_acts,
        "instructions": [o.to_dict() for o in report.outcomes],
    }


def comparison_record(comparison: Comparison) -> dict[str, Any]:
    return {
        "old": comparison.old.document.metadata(),
        "new": comparison.new.document.metadata(),
        "amendment": amendment_record(comparison),
        "taxonomy": {"id": comparison.taxonomy.meta.id, "version": comparison.taxonomy.meta.version},
        "classifier": comparison.classifier.name,
        "counts": comparison.counts(),
        "memo": [{"section": s.title, "items": [_memo_item_record(i) for i in s.items]}
                 for s in memo_sections(comparison.changes)],
        "categories": category_table(comparison).to_dict("records"),
        "milestones": milestone_table(comparison).to_dict("records"),
        "changes": [change_record(c, comparison) for c in comparison.changes],
    }


def _memo_item_record(item: MemoItem) -> dict[str, Any]:
    return {"citation": item.citation, "heading": item.heading, **item.effect.to_dict()}


INSTRUCTION_COLUMNS = ["where", "instruction", "action", "target", "applied", "detail", "new_text"]


def instructions_csv(comparison: Comparison) -> str:
    # Through csv_text like every CSV the tool writes: an amended text can begin with "=" or "-".
    rows = [o.to_dict() for o in (comparison.amendment.outcomes if comparison.amendment else [])]
    return csv_text(pd.DataFrame(rows).reindex(columns=INSTRUCTION_COLUMNS))


# -- the memo as text --------------------------------------------------------------------------


def _short(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + " …"


def _labels(comparison: Comparison) -> dict[str, str]:
    return {cid: c.label for cid, c in category_index(comparison.taxonomy).items()}


MEMO_CATEGORIES = 3


def _categories_words(categories: tuple[str, ...], labels: dict[str, str]) -> str:
    """The provision's roadmap categories, the classifier's most confident first."""
    shown = "; ".join(f"{c} {labels.get(c, '')}".strip() for c in categories[:MEMO_CATEGORIES])
    more = len(categories) - MEMO_CATEGORIES
    return shown + (f"; and {more} more" if more > 0 else "")


def amendment_lines(comparison: Comparison) -> list[str]:
    report = comparison.amendment
    if report is None:
        return list(comparison.notes)
    total = len(report.outcomes)
    lines = [f"Amending act {report.amending.name}: {len(report.applied)} of {total} instruction(s) for "
             f"{report.act} applied (the act it amends was identified by {report.identified_by})."]
    if report.other_acts:
        others = ", ".join(f"{act}: {n}" for act, n in report.other_acts.items())
        lines.append(f"Instructions that amend other acts were not applied to this base ({others}).")
    for o in report.not_applied:
        lines.append(f"NOT APPLIED: “{o.instruction.wording}” ({o.instruction.where}): {o.detail}")
    return lines


def memo_markdown(comparison: Comparison) -> str:
    old, new = comparison.old.document, comparison.new.document
    labels = _labels(comparison)
    counts = comparison.counts()
    out = [f"# What changed: {old.title or old.name} → {new.title or new.name}", ""]
    out.append(f"Old: `{old.name}` (sha256 {old.short_id}) · New: `{new.name}` (sha256 {new.short_id}) · "
               f"taxonomy {comparison.taxonomy.meta.id} {comparison.taxonomy.meta.version} · "
               f"{datetime.now(timezone.utc):%Y-%m-%d}")
    out.append("")
    out += [f"> {line}" for line in amendment_lines(comparison)]
    if comparison.amendment:
        out.append("")
    out.append(f"{counts['changes']} change(s), {counts['major']} of them alter what the text commits to; "
               f"{counts['unchanged_provisions']} of {counts['new_provisions']} provisions unchanged. "
               "Severity follows the type of change, not the classifier's scores. Recitals and the explanatory "
               "memorandum are compared as such and never change a verdict.")
    note = renumbering_note(comparison.changes)
    if note:
        out += ["", f"Renumbered: {note}."]
    for number, section in enumerate(memo_sections(comparison.changes), start=1):
        out += ["", f"## {number}. {section.title}", ""]
        if not section.items:
            out.append("None.")
            continue
        for item in section.items:
            out += _markdown_item(item, labels)
    out += ["", "## Roadmap categories (operative provisions)", ""]
    out += _markdown_categories(comparison, labels)
    out += ["", "## Milestones whose verdict changed", ""]
    changed = [m for m in comparison.milestones if m.direction is not VerdictDirection.UNCHANGED]
    out += [f"- {m.milestone_id}: {m.old_verdict.words} → {m.new_verdict.words} ({m.direction})" for m in changed] or [
        "None."]
    out += ["", f"## Every change ({counts['changes']}, {counts['major']} major)", ""]
    for change in comparison.changes:
        out += _markdown_change(change, labels)
    return "\n".join(out) + "\n"


def _markdown_item(item: MemoItem, labels: dict[str, str]) -> list[str]:
    effect = item.effect
    heading = f" ({item.heading})" if item.heading else ""
    cats = f" · {_categories_words(effect.categories, labels)}" if effect.categories else ""
    lines = [f"- **{item.citation}**{heading}: {effect.summary}{cats}"]
    if effect.old_quote:
        lines.append(f"  - old: “{_short(effect.old_quote, MEMO_QUOTE)}”")
    if effect.new_quote:
        lines.append(f"  - new: “{_short(effect.new_quote, MEMO_QUOTE)}”")
    return lines


def _markdown_categories(comparison: Comparison, labels: dict[str, str]) -> list[str]:
    rank = {d: n for n, d in enumerate(DIRECTION_ORDER)}
    moved = sorted((c for c in comparison.categories if c.direction not in ("unchanged", "absent_in_both")),
                   key=lambda c: rank.get(c.direction.value, len(rank)))
    if not moved:
        return ["No category's coverage changed."]
    lines = ["| Category | Old | New | Direction | Changes behind it |", "|---|---|---|---|---|"]
    for c in moved:
        lines.append(f"| {c.category_id} {labels.get(c.category_id, '')} | {c.old_status.words} | "
                     f"{c.new_status.words} | {c.direction.value.replace('_', ' ')} | {'; '.join(c.fact_changes)} |")
    return lines


def _markdown_change(change: Change, labels: dict[str, str]) -> list[str]:
    types = ", ".join(t.words for t in change.types)
    lines = [f"### {change.citation or change.part} — {change.kind.value}, {change.severity}: {types}"]
    for effect in change.effects:
        lines.append(f"- {effect.summary}")
        if effect.old_quote:
            lines.append(f"  - old: “{_short(effect.old_quote, MEMO_QUOTE)}”")
        if effect.new_quote:
            lines.append(f"  - new: “{_short(effect.new_quote, MEMO_QUOTE)}”")
    return lines + [""]


def memo_text(comparison: Comparison, width: int = 110) -> str:
    """The memo for the terminal: counts, the six sections with short quotes, the categories that moved."""
    labels = _labels(comparison)
    counts = comparison.counts()
    old, new = comparison.old.document, comparison.new.document
    lines = [f"{old.name} → {new.name}: {counts['changes']} change(s), {counts['major']} alter a commitment; "
             f"{counts['unchanged_provisions']} of {counts['new_provisions']} provisions unchanged"]
    lines += amendment_lines(comparison)
    note = renumbering_note(comparison.changes)
    if note:
        lines.append(f"Renumbered: {note}")
    for section in memo_sections(comparison.changes):
        lines += ["", section.title.upper()]
        if not section.items:
            lines.append("  none")
        for item in section.items:
            lines += _terminal_item(item, labels, width)
    lines += ["", "ROADMAP CATEGORIES (operative provisions)"]
    moved = [c for c in comparison.categories if c.direction not in ("unchanged", "absent_in_both")]
    for c in moved:
        lines.append(f"  {c.category_id:<28} {c.direction.value:<18} {c.old_status.value} → {c.new_status.value}")
    if not moved:
        lines.append("  no category's coverage changed")
    return "\n".join(lines)


def _terminal_item(item: MemoItem, labels: dict[str, str], width: int) -> list[str]:
    effect = item.effect
    cats = f" [{', '.join(effect.categories[:MEMO_CATEGORIES])}]" if effect.categories else ""
    head = f"  {item.citation}: {effect.summary}{cats}"
    lines = [head if len(head) <= width else head[:width - 1] + "…"]
    if effect.old_quote:
        lines.append(f"      old: “{_short(effect.old_quote, TERMINAL_QUOTE)}”")
    if effect.new_quote:
        lines.append(f"      new: “{_short(effect.new_quote, TERMINAL_QUOTE)}”")
    return lines


# -- files ----------------------------------------------------------------------------------------


def comparison_manifest(comparison: Comparison, written: list[Path], started_at: datetime | None,
                        taxonomy_path: Path | None) -> dict[str, Any]:
    inputs = [document_input(comparison.old.document, len(comparison.old.passages), "old")]
    if comparison.amendment is not None:
        inputs.append(document_input(comparison.amendment.amending, 0, "amending"))
        inputs.append(document_input(comparison.new.document, len(comparison.new.passages), "consolidated"))
    else:
        inputs.append(document_input(comparison.new.document, len(comparison.new.passages), "new"))
    return run_manifest(
        command="compare",
        taxonomy=comparison.taxonomy,
        taxonomy_path=taxonomy_path,
        classifier=comparison.classifier,
        inputs=inputs,
        counts=comparison.counts(),
        timings=comparison.timings,
        failures=[],
        outputs=written,
        started_at=started_at,
    )


def write_comparison(comparison: Comparison, out_dir: str | Path, *, overwrite: bool = False,
                     started_at: datetime | None = None, taxonomy_path: str | Path | None = None) -> list[Path]:
    """Write every comparison file, run.json last, all or nothing; refuses to replace an earlier run unless told to."""
    out_dir = Path(out_dir)
    record = comparison_record(comparison)
    changes = "".join(json.dumps(c, ensure_ascii=False, allow_nan=False) + "\n" for c in record["changes"])
    with staged_output(out_dir, list(PLANNED_FILES), overwrite) as folder:
        written = [
            write_text_atomic(folder / MEMO_FILE, memo_markdown(comparison)),
            write_text_atomic(folder / CHANGES_FILE, changes),
            write_text_atomic(folder / CATEGORY_FILE, csv_text(category_table(comparison))),
            write_text_atomic(folder / MILESTONE_FILE, csv_text(milestone_table(comparison))),
            write_text_atomic(folder / JSON_FILE,
                              json.dumps(record, ensure_ascii=False, indent=1, allow_nan=False) + "\n"),
            # Links to the source files are relative to where the folder ends up, not the staging folder.
            write_text_atomic(folder / HTML_FILE, render_comparison_html(comparison, out_dir)),
        ]
        if comparison.amendment is not None:
            written.append(write_text_atomic(folder / CONSOLIDATED_FILE, comparison.amendment.consolidated_text + "\n"))
            written.append(write_text_atomic(folder / INSTRUCTIONS_FILE, instructions_csv(comparison)))
        manifest = comparison_manifest(comparison, written, started_at, Path(taxonomy_path) if taxonomy_path else None)
        written.append(write_text_atomic(folder / MANIFEST_NAME,
                                         json.dumps(manifest, ensure_ascii=False, indent=1, allow_nan=False) + "\n"))
    return [out_dir / path.name for path in written]


# -- HTML ---------------------------------------------------------------------------------------


def render_comparison_html(comparison: Comparison, out_dir: Path | str = ".") -> str:
    old, new = comparison.old.document, comparison.new.document
    labels = _labels(comparison)
    body = [_header(comparison), _memo(comparison, labels), _categories(comparison, labels, Path(out_dir)),
            _milestones(comparison), _changes(comparison, labels)]
    return (
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        f"<title>{e(old.name)} → {e(new.name)}: what changed</title>\n<style>{CSS}{_CSS}</style>\n</head>\n<body>\n"
        + "\n".join(body)
        + "\n</body>\n</html>\n"
    )


_CSS = """
del{background:#fddede;text-decoration:line-through}ins{background:#d6f5d6;text-decoration:none}
.change{border-left:4px solid #999;padding:.3em .8em;margin:1em 0;background:#fafafa}
.change.major{border-left-color:#b2182b}
.item{border-left:4px solid #b2182b;padding:.3em .8em;margin:.8em 0;background:#fafafa}
.item .cats{color:#555;font-size:.9em}
blockquote.old{border-left-color:#d6604d}blockquote.new{border-left-color:#5aae61}
.quote-label{font-size:.8em;color:#555;text-transform:uppercase;letter-spacing:.03em}
.shift{font-size:.9em;margin:.2em 0}
td.quotes{max-width:28em;font-size:.9em}td.quotes blockquote{margin:.2em 0}
"""


def _chip(status: str) -> str:
    return (f"<span class=\"chip\" style=\"background:{STATUS_COLOURS[status]};color:{STATUS_TEXT_COLOURS[status]}\">"
            f"{e(STATUS_LABELS[status])}</span>")


def _direction(direction: str) -> str:
    colour = DIRECTION_COLOURS.get(direction)
    style = f" style=\"background:{colour}\"" if colour else ""
    return f"<td{style}>{e(direction.replace('_', ' '))}</td>"


def _header(comparison: Comparison) -> str:
    old, new = comparison.old.document, comparison.new.document
    counts = comparison.counts()
    generated = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    shown = ("changes", "major", "minor", "modified", "added", "removed", "split", "merged", "renumbered", "moved",
             "unchanged_provisions")
    cells = "".join(f"<tr><th>{e(k.replace('_', ' '))}</th><td class=\"num\">{counts[k]}</td></tr>" for k in shown)
    amendment = "".join(f"<p class=\"warnings\">{e(line)}</p>" for line in amendment_lines(comparison))
    return (
        "<header>\n"
        f"<h1>What changed: {e(old.title or old.name)} → {e(new.title or new.name)}</h1>\n"
        f"<p class=\"meta\">Old: <b>{e(old.name)}</b> ({old.page_count} page(s), sha256 "
        f"<code>{e(old.short_id)}</code>) · New: <b>{e(new.name)}</b> ({new.page_count} page(s), "
        f"sha256 <code>{e(new.short_id)}</code>) · taxonomy <b>{e(comparison.taxonomy.meta.id)}</b> "
        f"{e(comparison.taxonomy.meta.version)} · classifier <b>{e(comparison.classifier.name)}</b> · generated "
        f"{e(generated)}</p>\n{amendment}"
        "<p class=\"help\">Provisions are matched by the act's structure (article, paragraph, point) and then by "
        "their wording, so a renumbered article is found again and a point split in two is one change. Each change "
        "is typed by what it does (a threshold raised, “shall” turned into “should”, a sanction removed); its "
        "severity follows the type, not the classifier's scores. Recitals and the explanatory memorandum are "
        "compared as such and never change a commitment verdict.</p>\n"
        "<nav><a href=\"#memo\">Memo</a> <a href=\"#categories\">Categories</a> <a href=\"#milestones\">Milestones</a>"
        " <a href=\"#changes\">Every change</a></nav>\n"
        f"<table class=\"counts\"><tbody>{cells}</tbody></table>\n</header>"
    )


def _quote(label: str, text: str, css: str) -> str:
    return (f"<div class=\"quote-label\">{e(label)}</div><blockquote class=\"{css}\">"
            f"{e(_short(text, MEMO_QUOTE))}</blockquote>")


def _memo(comparison: Comparison, labels: dict[str, str]) -> str:
    parts = ["<section id=\"memo\"><h2>Memo</h2>"]
    note = renumbering_note(comparison.changes)
    if note:
        parts.append(f"<p>Renumbered: {e(note)}.</p>")
    for number, section in enumerate(memo_sections(comparison.changes), start=1):
        parts.append(f"<h3>{number}. {e(section.title)}</h3>")
        if not section.items:
            parts.append("<p>None.</p>")
        parts += [_memo_item(item, labels) for item in section.items]
    return "".join(parts) + "</section>"


def _memo_item(item: MemoItem, labels: dict[str, str]) -> str:
    effect = item.effect
    heading = f" <span class=\"cats\">({e(item.heading)})</span>" if item.heading else ""
    cats = (f"<div class=\"cats\">{e(_categories_words(effect.categories, labels))}</div>"
            if effect.categories else "")
    quotes = (_quote("old", effect.old_quote, "old") if effect.old_quote else "") + (
        _quote("new", effect.new_quote, "new") if effect.new_quote else "")
    return f"<div class=\"item\"><h4>{e(item.citation)}{heading}: {e(effect.summary)}</h4>{cats}{quotes}</div>"


def _source(document: Document, comparison: Comparison, out_dir: Path) -> str:
    """Where a reader opens a version: its file, or for an act as amended, the consolidated text written here."""
    if comparison.amendment is not None and document is comparison.new.document:
        return CONSOLIDATED_FILE
    return source_link(document, out_dir)


def _quotes(evidence: tuple[Evidence, ...], document: Document, source: str, count: int = 1) -> str:
    """The strongest passage(s) on one side, quoted in whole sentences with a link to the source page."""
    if not evidence:
        return "<td class=\"quotes\">—</td>"
    items = []
    for ev in evidence[:count]:
        where = page_words(ev, document.page_count > 1)
        page = f"#page={ev.page.split('-')[0]}" if Path(document.path).suffix.lower() == ".pdf" else ""
        section = f" · {e(ev.section)}" if ev.section and document.page_count > 1 else ""
        items.append(f"<blockquote>{e(finding_quote(ev, QUOTE_LIMIT))}</blockquote>"
                     f"<a class=\"page\" href=\"{e(source + page)}\">{e(where)}</a>{section}")
    more = f" <span class=\"help\">and {plural(len(evidence) - count, 'more passage')}</span>" \
        if len(evidence) > count else ""
    return f"<td class=\"quotes\">{''.join(items)}{more}</td>"


def _categories(comparison: Comparison, labels: dict[str, str], out_dir: Path) -> str:
    rank = {d: n for n, d in enumerate(DIRECTION_ORDER)}
    ordered = sorted(comparison.categories, key=lambda c: rank.get(c.direction.value, len(rank)))
    old_source = _source(comparison.old.document, comparison, out_dir)
    new_source = _source(comparison.new.document, comparison, out_dir)
    rows = []
    for c in ordered:
        if c.direction is CoverageDirection.ABSENT_IN_BOTH:
            continue
        rows.append(
            f"<tr><th class=\"cat\">{e(c.category_id)} {e(labels.get(c.category_id, ''))}</th>"
            f"<td>{_chip(c.old_status.value)}</td><td>{_chip(c.new_status.value)}</td>{_direction(c.direction.value)}"
            f"<td>{e('; '.join(c.fact_changes))}</td>"
            f"{_quotes(c.old_evidence, comparison.old.document, old_source)}"
            f"{_quotes(c.new_evidence, comparison.new.document, new_source)}</tr>"
        )
    absent = [c.category_id for c in comparison.categories if c.direction is CoverageDirection.ABSENT_IN_BOTH]
    tail = f"<p class=\"help\">Absent from both versions: {e(', '.join(absent))}.</p>" if absent else ""
    return (
        "<section id=\"categories\"><h2>Roadmap categories: old → new (operative provisions)</h2>"
        "<div class=\"scroll\"><table><thead><tr><th>Category</th><th>Old</th><th>New</th><th>Direction</th>"
        "<th>Major changes touching it</th><th>Old evidence</th><th>New evidence</th></tr></thead><tbody>"
        + "".join(rows) + f"</tbody></table></div>{tail}</section>"
    )


def _milestones(comparison: Comparison) -> str:
    statements = {m.id: m.statement for _, m in milestones(comparison.taxonomy)}
    changed = [m for m in comparison.milestones if m.direction is not VerdictDirection.UNCHANGED]
    if not changed:
        return "<section id=\"milestones\"><h2>Milestones</h2><p>No milestone verdict changed.</p></section>"
    rows = "".join(
        f"<tr><th>{e(m.milestone_id)}</th><td class=\"statement\">{e(statements.get(m.milestone_id, ''))}</td>"
        f"<td class=\"num\">{m.expected}</td>"
        f"<td style=\"background:{VERDICT_COLOURS.get(m.old_verdict.value, '#fff')}\">{e(m.old_verdict)} ({m.old_observed})</td>"
        f"<td style=\"background:{VERDICT_COLOURS.get(m.new_verdict.value, '#fff')}\">{e(m.new_verdict)} ({m.new_observed})</td>"
        f"{_direction(m.direction.value)}</tr>"
        for m in changed
    )
    return (
        "<section id=\"milestones\"><h2>Milestones whose verdict changed</h2><table><thead><tr><th>Milestone</th>"
        "<th>Statement</th><th>Expected strength</th><th>Old verdict (strength)</th><th>New verdict (strength)</th>"
        f"<th>Direction</th></tr></thead><tbody>{rows}</tbody></table></section>"
    )


def _changes(comparison: Comparison, labels: dict[str, str]) -> str:
    major = [c for c in comparison.changes if c.severity == "major"]
    minor = [c for c in comparison.changes if c.severity != "major"]
    return (
        f"<section id=\"changes\"><h2>Every change</h2><h3>Changes that alter a commitment ({len(major)})</h3>"
        + ("".join(_change(c, labels) for c in major) or "<p>None.</p>")
        + f"<h3>Rewording, renumbering, recitals and context ({len(minor)})</h3>"
        + (f"<details><summary>Show {plural(len(minor), 'change')}</summary>"
           + "".join(_change(c, labels) for c in minor) + "</details>" if minor else "<p>None.</p>")
        + "</section>"
    )


def _change(change: Change, labels: dict[str, str]) -> str:
    effects = "".join(
        f"<li><b>{e(effect.type.words)}</b>: {e(effect.summary)}"
        + (f" <span class=\"cats\">({e(_categories_words(effect.categories, labels))})</span>"
           if effect.categories else "") + "</li>"
        for effect in change.effects
    )
    if change.old and change.new:
        text = "".join(
            f"<del>{e(t)}</del> " if op == "delete" else f"<ins>{e(t)}</ins> " if op == "insert" else f"{e(t)} "
            for op, t in word_diff(change.old_text, change.new_text)
        )
    else:
        text = e(change.new_text or change.old_text)
    pages = []
    if change.old:
        pages.append(f"old: {e(change.old_citation)} ({e(change.old_heading)}), p. {e(change.old[0].passage.pages)}")
    if change.new:
        pages.append(f"new: {e(change.new_citation)} ({e(change.new_heading)}), p. {e(change.new[0].passage.pages)}")
    body = f"<blockquote>{text}</blockquote>" if text.strip() else ""
    return (
        f"<div class=\"change {e(change.severity)}\"><h4>{e(change.citation or change.part)} — "
        f"{e(change.kind)}</h4><p class=\"where\">{'<br>'.join(pages)}</p>"
        f"<ul class=\"shift\">{effects}</ul>{body}</div>"
    )
