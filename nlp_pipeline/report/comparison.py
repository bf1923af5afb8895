"""The output folder of a comparison of two versions of a text.

changes.jsonl (one line per passage that changed, with both sides, the
category and fact shifts and a word diff), category_changes.csv and
milestone_changes.csv (the roadmap view, each row naming the passages behind
both sides), comparison.json (all of it), comparison.html (for reading) and
run.json (versions, input hashes, output hashes; written last).
"""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from nlp_pipeline.compare.alignment import word_diff
from nlp_pipeline.records import (
    AnalysedPassage,
    Change,
    ChangeKind,
    CoverageDirection,
    Document,
    DocumentAnalysis,
    Evidence,
    Passage,
    ShiftDirection,
    VerdictDirection,
)
from nlp_pipeline.report.base import (
    MANIFEST_NAME,
    STATUS_COLOURS,
    STATUS_LABELS,
    STATUS_TEXT_COLOURS,
    VERDICT_COLOURS,
    prepare_output_folder,
    write_text_atomic,
)
from nlp_pipeline.report.findings import finding_quote, page_words
from nlp_pipeline.report.html import CSS, e, source_link
from nlp_pipeline.report.wording import plural
from nlp_pipeline.report.run_manifest import document_input, run_manifest
from nlp_pipeline.taxonomy import category_index, milestones, target_of

if TYPE_CHECKING:
    from nlp_pipeline.compare import Comparison

CHANGES_FILE = "changes.jsonl"
CATEGORY_FILE = "category_changes.csv"
MILESTONE_FILE = "milestone_changes.csv"
JSON_FILE = "comparison.json"
HTML_FILE = "comparison.html"
COMPARISON_FILES = (CHANGES_FILE, CATEGORY_FILE, MILESTONE_FILE, JSON_FILE, HTML_FILE)
QUOTE_LIMIT = 240

CATEGORY_COLUMNS = [
    "target", "category_id", "category", "direction", "old_status", "new_status", "old_strength", "new_strength",
    "old_gap_flags", "new_gap_flags", "changed_passages", "fact_changes", "old_evidence", "new_evidence",
]
MILESTONE_COLUMNS = [
    "milestone_id", "category_id", "year", "statement", "expected_strength", "old_observed_strength",
    "new_observed_strength", "old_verdict", "new_verdict", "direction",
]
# Losses first: an advocacy group reading a final text looks for what was given up.
DIRECTION_ORDER = ("weakened", "no_longer_covered", "strengthened", "newly_covered", "unchanged", "absent_in_both")
DIRECTION_COLOURS = {"weakened": "#f4a582", "no_longer_covered": "#d6604d", "strengthened": "#a6dba0",
                     "newly_covered": "#5aae61", "worsened": "#f4a582", "improved": "#a6dba0"}


def passage_side(analysed: AnalysedPassage | None, version: DocumentAnalysis) -> dict[str, Any] | None:
    if analysed is None:
        return None
    passage = analysed.passage
    return {
        "document": version.document.name,
        "passage_id": passage.id,
        "page": passage.pages,
        "page_label": passage.page_label,
        "section": list(passage.section),
        "heading": passage.heading,
        "strength": analysed.strength,
        "categories": [{"category_id": c, "score": round(s, 4)}
                       for c, s in sorted(analysed.present_scores().items(), key=lambda item: -item[1])],
        "text": passage.text,
    }


def change_record(change: Change, comparison: Comparison) -> dict[str, Any]:
    record = {
        "change": change.kind.value,
        "severity": change.severity,
        "similarity": change.similarity,
        "old_strength": change.old_strength,
        "new_strength": change.new_strength,
        "old": passage_side(change.old, comparison.old),
        "new": passage_side(change.new, comparison.new),
        "categories": [s.to_dict() for s in change.categories],
        "facts": [f.to_dict() for f in change.facts],
    }
    if change.kind is ChangeKind.MODIFIED:
        record["diff"] = [{"op": op, "text": text} for op, text in word_diff(change.old_passage.text,
                                                                              change.new_passage.text)]
    return record


def _evidence(evidence: tuple[Evidence, ...]) -> str:
    return "; ".join(f"{ev.passage_id} (p. {ev.page}, {ev.section or 'no section'})" for ev in evidence)


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
            "changed_passages": c.changed_passages,
            "fact_changes": "; ".join(c.fact_changes),
            "old_evidence": _evidence(c.old_evidence),
            "new_evidence": _evidence(c.new_evidence),
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


def comparison_record(comparison: Comparison) -> dict[str, Any]:
    return {
        "old": comparison.old.document.metadata(),
        "new": comparison.new.document.metadata(),
        "taxonomy": {"id": comparison.taxonomy.meta.id, "version": comparison.taxonomy.meta.version},
        "classifier": comparison.classifier.name,
        "counts": comparison.counts(),
        "categories": category_table(comparison).to_dict("records"),
        "milestones": milestone_table(comparison).to_dict("records"),
        "changes": [change_record(c, comparison) for c in comparison.changes],
    }


def comparison_manifest(comparison: Comparison, written: list[Path], started_at: datetime | None,
                        taxonomy_path: Path | None) -> dict[str, Any]:
    return run_manifest(
        command="compare",
        taxonomy=comparison.taxonomy,
        taxonomy_path=taxonomy_path,
        classifier=comparison.classifier,
        inputs=[document_input(v.document, len(v.passages), role)
                for role, v in (("old", comparison.old), ("new", comparison.new))],
        counts=comparison.counts(),
        timings=comparison.timings,
        failures=[],
        outputs=written,
        started_at=started_at,
    )


def write_comparison(comparison: Comparison, out_dir: str | Path, *, overwrite: bool = False,
                     started_at: datetime | None = None, taxonomy_path: str | Path | None = None) -> list[Path]:
    """Write every comparison file, run.json last; refuses to replace an earlier run unless told to."""
    out_dir = Path(out_dir)
    prepare_output_folder(out_dir, list(COMPARISON_FILES), overwrite)
    record = comparison_record(comparison)
    changes = "".join(json.dumps(c, ensure_ascii=False, allow_nan=False) + "\n" for c in record["changes"])
    written = [
        write_text_atomic(out_dir / CHANGES_FILE, changes),
        write_text_atomic(out_dir / CATEGORY_FILE, category_table(comparison).to_csv(index=False, lineterminator="\n")),
        write_text_atomic(out_dir / MILESTONE_FILE,
                          milestone_table(comparison).to_csv(index=False, lineterminator="\n")),
        write_text_atomic(out_dir / JSON_FILE, json.dumps(record, ensure_ascii=False, indent=1, allow_nan=False) + "\n"),
        write_text_atomic(out_dir / HTML_FILE, render_comparison_html(comparison, out_dir)),
    ]
    manifest = comparison_manifest(comparison, written, started_at, Path(taxonomy_path) if taxonomy_path else None)
    written.append(write_text_atomic(out_dir / MANIFEST_NAME,
                                     json.dumps(manifest, ensure_ascii=False, indent=1, allow_nan=False) + "\n"))
    return written


# -- HTML ---------------------------------------------------------------------


def render_comparison_html(comparison: Comparison, out_dir: Path | str = ".") -> str:
    old, new = comparison.old.document, comparison.new.document
    body = [_header(comparison), _categories(comparison, Path(out_dir)), _milestones(comparison), _changes(comparison)]
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
    cells = "".join(f"<tr><th>{e(k.replace('_', ' '))}</th><td class=\"num\">{v}</td></tr>" for k, v in counts.items())
    return (
        "<header>\n"
        f"<h1>What changed: {e(old.name)} → {e(new.name)}</h1>\n"
        f"<p class=\"meta\">Old: <b>{e(old.title or old.name)}</b> ({plural(old.page_count, 'page')}, sha256 "
        f"<code>{e(old.short_id)}</code>) · New: <b>{e(new.title or new.name)}</b> ({plural(new.page_count, 'page')}, "
        f"sha256 <code>{e(new.short_id)}</code>) · taxonomy <b>{e(comparison.taxonomy.meta.id)}</b> "
        f"{e(comparison.taxonomy.meta.version)} · classifier <b>{e(comparison.classifier.name)}</b> · generated "
        f"{e(generated)}</p>\n"
        "<p class=\"help\">Passages are matched on their wording, not their numbers, so a renumbered article is "
        "found again. A change is <b>major</b> when a roadmap category appears or goes, a commitment gets stronger "
        "or weaker, or a threshold, penalty, deadline, exemption or enforcement provision appears, goes or moves; "
        "the rest is rewording. Every claim names the passage, page and section on both sides.</p>\n"
        "<nav><a href=\"#categories\">Categories</a> <a href=\"#milestones\">Milestones</a> "
        "<a href=\"#major\">Major changes</a> <a href=\"#minor\">Rewording</a></nav>\n"
        f"<table class=\"counts\"><tbody>{cells}</tbody></table>\n</header>"
    )


def _quotes(evidence: tuple[Evidence, ...], document: Document, out_dir: Path, count: int = 1) -> str:
    """The strongest passage(s) on one side, quoted in whole sentences with a link to the source page."""
    if not evidence:
        return "<td class=\"quotes\">—</td>"
    source = source_link(document, out_dir)
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


def _categories(comparison: Comparison, out_dir: Path) -> str:
    index = category_index(comparison.taxonomy)
    rank = {d: n for n, d in enumerate(DIRECTION_ORDER)}
    ordered = sorted(comparison.categories, key=lambda c: rank.get(c.direction.value, len(rank)))
    rows = []
    for c in ordered:
        if c.direction is CoverageDirection.ABSENT_IN_BOTH:
            continue
        rows.append(
            f"<tr><th class=\"cat\">{e(c.category_id)} {e(index[c.category_id].label)}</th>"
            f"<td>{_chip(c.old_status.value)}</td><td>{_chip(c.new_status.value)}</td>{_direction(c.direction.value)}"
            f"<td class=\"num\">{c.changed_passages}</td><td>{e('; '.join(c.fact_changes))}</td>"
            f"{_quotes(c.old_evidence, comparison.old.document, out_dir)}"
            f"{_quotes(c.new_evidence, comparison.new.document, out_dir)}</tr>"
        )
    absent = [c.category_id for c in comparison.categories if c.direction is CoverageDirection.ABSENT_IN_BOTH]
    tail = f"<p class=\"help\">Absent from both versions: {e(', '.join(absent))}.</p>" if absent else ""
    return (
        "<section id=\"categories\"><h2>Roadmap categories: old → new</h2>"
        "<div class=\"scroll\"><table><thead><tr><th>Category</th><th>Old</th><th>New</th><th>Direction</th>"
        "<th>Major passage changes</th><th>Thresholds, sanctions, deadlines</th><th>Old evidence</th>"
        "<th>New evidence</th></tr></thead><tbody>"
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


def _changes(comparison: Comparison) -> str:
    major = [c for c in comparison.changes if c.severity == "major"]
    minor = [c for c in comparison.changes if c.severity != "major"]
    labels = {cid: c.label for cid, c in category_index(comparison.taxonomy).items()}
    return (
        f"<section id=\"major\"><h2>Changes that alter a commitment ({len(major)})</h2>"
        + ("".join(_change(c, labels) for c in major) or "<p>None.</p>")
        + f"</section>\n<section id=\"minor\"><h2>Rewording and moves ({len(minor)})</h2>"
        + (f"<details><summary>Show {plural(len(minor), 'change')}</summary>"
           + "".join(_change(c, labels) for c in minor) + "</details>" if minor else "<p>None.</p>")
        + "</section>"
    )


def _where(passage: Passage | None) -> str:
    if passage is None:
        return "—"
    label = f" (printed {passage.page_label})" if passage.page_label else ""
    return f"{e(passage.section_path or 'no section')}, p. {e(passage.pages)}{e(label)} <code>{e(passage.id)}</code>"


def _change(change: Change, labels: dict[str, str]) -> str:
    shifts = "".join(
        f"<li>{e(s.category_id)} {e(labels.get(s.category_id, ''))}: <b>{e(s.direction)}</b>"
        f" (strength {e('—' if s.old_strength is None else s.old_strength)} → "
        f"{e('—' if s.new_strength is None else s.new_strength)})</li>"
        for s in change.categories if s.direction is not ShiftDirection.UNCHANGED
    )
    facts = "".join(
        f"<li>{e(f.kind)} ({e(f.attribute)}) <b>{e(f.direction)}</b>"
        + (f": {e(f.reading)}" if f.reading else "")
        + (f" — was “{e(f.old.text)}”" if f.old else "") + (f" — now “{e(f.new.text)}”" if f.new else "")
        + "</li>"
        for f in change.facts
    )
    if change.kind is ChangeKind.MODIFIED:
        text = "".join(
            f"<del>{e(t)}</del> " if op == "delete" else f"<ins>{e(t)}</ins> " if op == "insert" else f"{e(t)} "
            for op, t in word_diff(change.old_passage.text, change.new_passage.text)
        )
    else:
        text = e((change.new_passage or change.old_passage).text)
    similarity = f" · {change.similarity:.0%} of the wording kept" if change.kind is ChangeKind.MODIFIED else ""
    return (
        f"<div class=\"change {e(change.severity)}\"><h4>{e(change.kind)}{similarity}</h4>"
        f"<p class=\"where\">old: {_where(change.old_passage)}<br>new: {_where(change.new_passage)}</p>"
        + (f"<ul class=\"shift\">{shifts}</ul>" if shifts else "")
        + (f"<ul class=\"shift\">{facts}</ul>" if facts else "")
        + f"<blockquote>{text}</blockquote></div>"
    )

