"""report.html: one self-contained page a reader can open, mail or archive.

No scripts, fonts or images are fetched: styles are inline and every claim
links to the passages behind it. Each coloured cell is an anchor to its
evidence list (quote, page, section, passage id, strength, rules that fired),
so a reader can check any verdict in the source document. All document text
is escaped: the documents are third-party input.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime, timezone
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING

from nlp_pipeline.records import CoverageCell, Document, Evidence, GapFlag, MilestoneCell
from nlp_pipeline.report.base import (
    STATUS_COLOURS,
    STATUS_LABELS,
    STATUS_ORDER,
    STATUS_TEXT_COLOURS,
    VERDICT_COLOURS,
    ReportContext,
    register_format,
    write_text_atomic,
)
from nlp_pipeline.taxonomy import milestones as taxonomy_milestones

if TYPE_CHECKING:
    from nlp_pipeline.pipeline import AnalysisResult

HTML_FILE = "report.html"
QUOTE_LIMIT = 1200


def e(value: object) -> str:
    return escape("" if value is None else str(value), quote=True)


def document_anchors(documents: list[Document]) -> dict[str, str]:
    """Stable anchors from the content hash; the position breaks a (very unlikely) tie."""
    anchors: dict[str, str] = {}
    for n, document in enumerate(documents):
        anchor = f"doc-{document.short_id}"
        anchors[document.id] = anchor if anchor not in anchors.values() else f"{anchor}-{n}"
    return anchors


def evidence_anchor(doc_anchor: str, category_id: str) -> str:
    return f"ev-{doc_anchor.removeprefix('doc-')}-{category_id}"


def _status_style(status: str) -> str:
    return f"background:{STATUS_COLOURS[status]};color:{STATUS_TEXT_COLOURS[status]}"


def _pages(cell: CoverageCell) -> str:
    return ", ".join(dict.fromkeys(ev.page for ev in cell.evidence))


def _cell_title(cell: CoverageCell, label: str) -> str:
    parts = [f"{cell.category_id} {label}", STATUS_LABELS[cell.status.value]]
    if cell.evidence:
        parts.append(f"p. {_pages(cell)}")
        parts.append(f"{cell.passage_count} passage(s)")
    return " — ".join(parts)


class _Page:
    """Builds the page from the result; one method per section of the page."""

    def __init__(self, result: AnalysisResult, context: ReportContext):
        self.result = result
        self.context = context
        self.anchors = document_anchors(result.documents)
        self.cells = {(c.doc_id, c.category_id): c for c in result.coverage}
        self.milestones: dict[str, list[MilestoneCell]] = defaultdict(list)
        for m in result.milestones:
            self.milestones[m.doc_id].append(m)
        self.statements = {m.id: m.statement for _, m in taxonomy_milestones(result.taxonomy)}
        self.passage_counts = {a.document.id: a.passage_count for a in result.analyses}

    def render(self) -> str:
        meta = self.result.taxonomy.meta
        body = [
            self.header(),
            self.corpus(),
            *(self.document(d) for d in self.result.documents),
            self.failures(),
        ]
        return (
            "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
            f"<title>{e(meta.title)} — coverage report</title>\n<style>{CSS}</style>\n</head>\n<body>\n"
            + "\n".join(body)
            + "\n</body>\n</html>\n"
        )

    def header(self) -> str:
        r = self.result
        meta = r.taxonomy.meta
        generated = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
        legend = "".join(
            f"<span class=\"chip\" style=\"{_status_style(s)}\">{e(STATUS_LABELS[s])}</span>" for s in STATUS_ORDER
        )
        nav = ["<a href=\"#corpus\">Corpus matrix</a>"]
        nav += [f"<a href=\"#{self.anchors[d.id]}\">{e(d.name)}</a>" for d in r.documents]
        nav.append(f"<a href=\"#failures\">Failures ({len(r.failures)})</a>")
        return (
            "<header>\n"
            f"<h1>Coverage of the roadmap: {e(meta.title)}</h1>\n"
            f"<p class=\"meta\">Taxonomy <b>{e(meta.id)}</b> {e(meta.version)} · classifier <b>{e(r.classifier.name)}</b> · "
            f"{len(r.documents)} document(s) · {sum(self.passage_counts.values())} passage(s) · {len(r.failures)} failure(s) · "
            f"generated {e(generated)}</p>\n"
            f"<p class=\"legend\">Status (strength 0–4): {legend}</p>\n"
            "<p class=\"help\">Every coloured cell links to the passages behind it, with page, section, "
            "passage id and the rules that decided the strength. <span class=\"gapmark\">◆</span> marks the "
            "roadmap's human-rights gaps.</p>\n"
            f"<nav>{' · '.join(nav)}</nav>\n</header>"
        )

    def _category_rows(self):
        """(target, category, first-of-target) in taxonomy order."""
        for target in self.result.taxonomy.targets:
            for n, category in enumerate(target.categories):
                yield target, category, n == 0

    def _category_label(self, category) -> str:
        mark = "<span class=\"gapmark\" title=\"roadmap human-rights gap\">◆</span> " if category.roadmap_gap else ""
        return f"{mark}<code>{e(category.id)}</code> {e(category.label)}"

    def _linked_cell(self, cell: CoverageCell | None, label: str, text: str) -> str:
        if cell is None:
            return "<td class=\"na\">–</td>"
        status = cell.status.value
        title = e(_cell_title(cell, label))
        if status == "absent":
            return f"<td class=\"cell\" style=\"{_status_style(status)}\" title=\"{title}\">–</td>"
        href = evidence_anchor(self.anchors[cell.doc_id], cell.category_id)
        return (
            f"<td class=\"cell\" style=\"{_status_style(status)}\" title=\"{title}\">"
            f"<a href=\"#{e(href)}\" style=\"color:inherit\">{text}</a></td>"
        )

    def _corpus_cell(self, document: Document, category) -> str:
        cell = self.cells.get((document.id, category.id))
        return self._linked_cell(cell, category.label, str(cell.strength) if cell else "")

    def corpus(self) -> str:
        docs = self.result.documents
        if not docs:
            return "<section id=\"corpus\"><h2>Corpus matrix</h2><p>No document was analysed.</p></section>"
        head = "".join(
            f"<th class=\"doc\" title=\"{e(d.title or d.name)}\"><a href=\"#{self.anchors[d.id]}\">{e(d.name)}</a></th>"
            for d in docs
        )
        rows = []
        for target, category, first in self._category_rows():
            if first:
                rows.append(
                    f"<tr class=\"target\"><th colspan=\"{len(docs) + 1}\">{e(target.id)} — {e(target.label)}</th></tr>"
                )
            cells = "".join(self._corpus_cell(d, category) for d in docs)
            rows.append(f"<tr><th class=\"cat\">{self._category_label(category)}</th>{cells}</tr>")
        return (
            "<section id=\"corpus\">\n<h2>Corpus matrix: documents side by side</h2>\n"
            "<p class=\"help\">Numbers are the strongest commitment found (0–4); – means no passage on the category.</p>\n"
            f"<div class=\"scroll\"><table class=\"matrix\"><thead><tr><th>Category</th>{head}</tr></thead>\n"
            f"<tbody>{''.join(rows)}</tbody></table></div>\n</section>"
        )

    def document(self, document: Document) -> str:
        anchor = self.anchors[document.id]
        facts = [
            ("kind", document.kind.value),
            ("issuer", document.issuer),
            ("year", document.year),
            ("pages", document.page_count),
            ("passages", self.passage_counts[document.id]),
            ("file", document.path),
            ("sha256", document.id),
        ]
        described = " · ".join(f"{k} <b>{e(v)}</b>" for k, v in facts if v not in (None, ""))
        warnings = "".join(f"<li>{e(w)}</li>" for w in document.warnings)
        warnings = f"<ul class=\"warnings\">{warnings}</ul>" if warnings else ""
        return (
            f"<section class=\"document\" id=\"{anchor}\">\n<h2>{e(document.name)}</h2>\n"
            f"<p class=\"title\">{e(document.title)}</p>\n<p class=\"meta\">{described}</p>\n{warnings}\n"
            f"{self.coverage_table(document)}\n{self.milestone_table(document)}\n{self.evidence_lists(document)}\n"
            "</section>"
        )

    def coverage_table(self, document: Document) -> str:
        rows = []
        for target, category, first in self._category_rows():
            if first:
                rows.append(f"<tr class=\"target\"><th colspan=\"7\">{e(target.id)} — {e(target.label)}</th></tr>")
            cell = self.cells.get((document.id, category.id))
            if cell is None:
                continue
            status_cell = self._linked_cell(cell, category.label, e(STATUS_LABELS[cell.status.value]))
            rows.append(
                f"<tr><th class=\"cat\">{self._category_label(category)}</th>{status_cell}"
                f"<td class=\"num\">{cell.strength}</td><td class=\"num\">{cell.passage_count}</td>"
                f"<td class=\"num\">{cell.best_score:.2f}</td><td>{e(_pages(cell))}</td>"
                f"<td>{e(', '.join(g.value for g in cell.gap_flags if g is not GapFlag.ABSENT))}</td></tr>"
            )
        return (
            "<h3>Coverage by target and category</h3>\n<table class=\"coverage\"><thead><tr><th>Category</th>"
            "<th>Status</th><th>Strength</th><th>Passages</th><th>Best score</th><th>Pages</th><th>Gap flags</th>"
            f"</tr></thead>\n<tbody>{''.join(rows)}</tbody></table>"
        )

    def milestone_table(self, document: Document) -> str:
        cells = self.milestones.get(document.id, [])
        if not cells:
            return "<h3>Milestones</h3>\n<p>No milestone in the taxonomy.</p>"
        rows = []
        for m in cells:
            coverage = self.cells.get((document.id, m.category_id))
            if m.evidence and coverage is not None:
                href = evidence_anchor(self.anchors[document.id], m.category_id)
                where = ", ".join(f"p. {ev.page}" for ev in m.evidence)
                evidence = f"<a href=\"#{e(href)}\">{e(where)}</a>"
            else:
                evidence = "—"
            rows.append(
                f"<tr><td><code>{e(m.milestone_id)}</code></td><td><code>{e(m.category_id)}</code></td>"
                f"<td class=\"num\">{m.year}</td><td class=\"statement\">{e(self.statements.get(m.milestone_id, ''))}</td>"
                f"<td class=\"num\">{m.expected}</td><td class=\"num\">{m.observed}</td>"
                f"<td style=\"background:{VERDICT_COLOURS.get(m.verdict.value, '#ffffff')}\">{e(m.verdict.words)}</td>"
                f"<td>{e(m.provenance)}</td><td>{evidence}</td></tr>"
            )
        return (
            "<h3>Milestones: expected vs observed strength</h3>\n"
            "<p class=\"help\">Provenance <i>roadmap</i>: stated in the roadmap; <i>derived</i>: the project's "
            "reconstruction from EU law, not roadmap text.</p>\n"
            "<table class=\"milestones\"><thead><tr><th>Milestone</th><th>Category</th><th>Year</th><th>Statement</th>"
            "<th>Expected</th><th>Observed</th><th>Verdict</th><th>Provenance</th><th>Evidence</th></tr></thead>\n"
            f"<tbody>{''.join(rows)}</tbody></table>"
        )

    def evidence_lists(self, document: Document) -> str:
        blocks = []
        anchor = self.anchors[document.id]
        for _, category, _ in self._category_rows():
            cell = self.cells.get((document.id, category.id))
            if cell is None or cell.status.value == "absent":
                continue
            items = "".join(self._evidence_item(ev) for ev in cell.evidence)
            more = cell.passage_count - len(cell.evidence)
            more_note = f"<p class=\"help\">{more} more passage(s) in passages.jsonl.</p>" if more > 0 else ""
            flags = f"<p class=\"flags\">Gap flags: {e(', '.join(g.value for g in cell.gap_flags))}</p>" if cell.gap_flags else ""
            blocks.append(
                f"<div class=\"evidence\" id=\"{e(evidence_anchor(anchor, category.id))}\">"
                f"<h4>{self._category_label(category)} — "
                f"<span class=\"chip\" style=\"{_status_style(cell.status.value)}\">"
                f"{e(STATUS_LABELS[cell.status.value])}</span></h4>{flags}<ol>{items}</ol>{more_note}"
                f"<p class=\"back\"><a href=\"#{anchor}\">↑ {e(document.name)}</a> · <a href=\"#corpus\">↑ corpus</a></p></div>"
            )
        if not blocks:
            return "<h3>Evidence</h3>\n<p>No passage on any category.</p>"
        return "<h3>Evidence</h3>\n" + "\n".join(blocks)

    def _evidence_item(self, ev: Evidence) -> str:
        quote = ev.quote if len(ev.quote) <= QUOTE_LIMIT else ev.quote[:QUOTE_LIMIT] + " …"
        rules = "".join(f"<li><code>{e(reason)}</code></li>" for reason in ev.reasons)
        rules = f"<ul class=\"rules\">{rules}</ul>" if rules else "<p class=\"help\">No strength rule fired.</p>"
        return (
            f"<li><blockquote>{e(quote)}</blockquote>"
            f"<p class=\"where\"><b>p. {e(ev.page)}</b> · {e(ev.section) or 'no section'} · passage "
            f"<code>{e(ev.passage_id)}</code> · strength <b>{ev.strength}</b> · score {ev.score:.2f}</p>{rules}</li>"
        )

    def failures(self) -> str:
        if not self.result.failures:
            return "<section id=\"failures\"><h2>Failures</h2><p>No file failed.</p></section>"
        rows = "".join(f"<tr><td>{e(f.path)}</td><td>{e(f.reason)}</td></tr>" for f in self.result.failures)
        return (
            "<section id=\"failures\"><h2>Failures</h2>\n<p>These files were not analysed.</p>\n"
            f"<table class=\"failures\"><thead><tr><th>File</th><th>Reason</th></tr></thead><tbody>{rows}</tbody></table>"
            "</section>"
        )


CSS = """
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;margin:0 2em 3em;color:#1a1a1a}
header{border-bottom:2px solid #253494;margin-bottom:1em}
h1{font-size:1.5em;margin:.6em 0 .2em}h2{margin-top:2em;border-bottom:1px solid #ccc}
h3{margin-top:1.5em}h4{margin:.2em 0}
.meta,.help{color:#555}.help{font-size:.9em}
nav{margin:.6em 0 1em;line-height:2}nav a{white-space:nowrap}
.chip{display:inline-block;padding:0 .5em;margin:0 .2em;border-radius:3px;border:1px solid #bbb;font-size:.9em}
table{border-collapse:collapse;margin:.5em 0}
th,td{border:1px solid #ddd;padding:2px 6px;vertical-align:top}
thead th{background:#f7f7f7;position:sticky;top:0}
tr.target th{background:#dfe6f3;text-align:left}
th.cat{text-align:left;font-weight:normal;max-width:28em}
th.doc{max-width:9em;font-size:.85em;word-break:break-all}
td.cell{text-align:center;min-width:2.2em}
td.cell a{display:block;text-decoration:none;font-weight:600}
td.num{text-align:right}
td.statement{max-width:36em;font-size:.9em}
.scroll{overflow-x:auto}
.gapmark{color:#b2182b}
.evidence{border-left:4px solid #7fcdbb;padding:.3em .8em;margin:1em 0;background:#fafafa}
.evidence:target{background:#fff7d6;border-left-color:#e6a700}
blockquote{margin:.3em 0;padding:.2em .6em;border-left:3px solid #ccc;background:#fff;white-space:pre-wrap}
.where{margin:.2em 0;font-size:.9em}
ul.rules{margin:.1em 0 .6em;font-size:.85em;color:#333}
.flags{color:#b2182b;font-size:.9em}
.warnings{color:#8a4b00}
code{font-size:.92em}
@media print{thead th{position:static}.evidence{break-inside:avoid}}
"""


def render_html(result: AnalysisResult, context: ReportContext | None = None) -> str:
    return _Page(result, context or ReportContext()).render()


@register_format("html", (HTML_FILE,), "self-contained HTML report with linked evidence")
def write_html(result: AnalysisResult, out_dir: Path, context: ReportContext) -> list[Path]:
    return [write_text_atomic(out_dir / HTML_FILE, render_html(result, context))]
