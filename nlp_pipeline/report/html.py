"""report.html: one self-contained page a reader can open, mail or archive.

Per document, a summary comes first (what it commits to, where it falls
short, its three strongest and three weakest findings quoted), then the
matrix with statuses in words and the colour scale explained, the milestones,
and every passage behind every cell: the first five shown, the rest folded
in the page itself (<details>, no script). Each quote links to the source at
its page (`report.pdf#page=21`, relative to the report, so the output folder
can move with its source) and names the printed page. No script, font or
image is fetched; all document text is escaped, since documents are
third-party input.
"""

from __future__ import annotations

import functools
import itertools
import os
from collections import Counter
from collections.abc import Iterator
from datetime import datetime, timezone
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote

from nlp_pipeline.records import (
    CoverageCell,
    CoverageStatus,
    Document,
    DocumentAnalysis,
    Evidence,
    MilestoneVerdict,
)
from nlp_pipeline.report import findings as select
from nlp_pipeline.report.base import (
    STATUS_COLOURS,
    STATUS_ORDER,
    STATUS_TEXT_COLOURS,
    VERDICT_COLOURS,
    ReportContext,
    atomic_path,
    register_format,
)
from nlp_pipeline.report.wording import plural, trail_end
from nlp_pipeline.taxonomy import Category, categories
from nlp_pipeline.taxonomy import milestones as taxonomy_milestones

if TYPE_CHECKING:
    from nlp_pipeline.pipeline import AnalysisResult

HTML_FILE = "report.html"
SHOWN_PASSAGES = 5
SUMMARY_QUOTE = 400
# Short enough for a matrix column, still words rather than numbers.
STATUS_SHORT = {
    "absent": "–",
    "mentioned": "mentioned",
    "aspirational": "aspirational",
    "procedural": "procedural",
    "specific": "specific",
    "binding_enforced": "binding",
}
EXTRA_VERDICT_COLOURS = {"committed": "#d9f0d3", "not_applicable": "#f7f7f7"}
PAGED_SUFFIXES = {".pdf"}


def e(value: object) -> str:
    return escape("" if value is None else str(value), quote=True)


def breakable(name: str) -> str:
    """A file name escaped, with break chances after _ - . so it wraps between words, not inside them."""
    escaped = e(name)
    for mark in ("_", "-", "."):
        escaped = escaped.replace(mark, mark + "<wbr>")
    return escaped


def document_anchors(documents: list[Document]) -> dict[str, str]:
    """Stable anchors from the content hash; the position breaks a (very unlikely) tie."""
    anchors: dict[str, str] = {}
    for n, document in enumerate(documents):
        anchor = f"doc-{document.short_id}"
        anchors[document.id] = anchor if anchor not in anchors.values() else f"{anchor}-{n}"
    return anchors


def evidence_anchor(doc_anchor: str, category_id: str) -> str:
    return f"ev-{doc_anchor.removeprefix('doc-')}-{category_id}"


def source_link(document: Document, out_dir: Path) -> str:
    """The source file relative to the report's folder, as a URL path."""
    relative = os.path.relpath(Path(document.path).resolve(), Path(out_dir).resolve())
    return "/".join(quote(part) for part in Path(relative).parts)


def _status_style(status: str) -> str:
    return f"background:{STATUS_COLOURS[status]};color:{STATUS_TEXT_COLOURS[status]}"


def _chip(cell: CoverageCell) -> str:
    return (f"<span class=\"chip\" style=\"{_status_style(cell.status.value)}\">"
            f"{e(select.cell_words(cell))}</span>")


def _verdict_style(verdict: MilestoneVerdict) -> str:
    return f"background:{VERDICT_COLOURS.get(verdict.value) or EXTRA_VERDICT_COLOURS.get(verdict.value, '#ffffff')}"


class _Page:
    """Builds the page from the result; one method per part of the page."""

    def __init__(self, result: AnalysisResult, context: ReportContext, out_dir: Path):
        self.result = result
        self.taxonomy = result.taxonomy
        self.context = context
        self.out_dir = Path(out_dir)
        self.anchors = document_anchors(result.documents)
        self.cells = {(c.doc_id, c.category_id): c for c in result.coverage}
        self.milestone_index = {m.id: (c, m) for c, m in taxonomy_milestones(result.taxonomy)}
        self.scale = {s.level: s for s in result.taxonomy.strength_scale}
        self.single = len(result.analyses) == 1

    # -- the page -----------------------------------------------------------

    def render(self) -> str:
        return "".join(self.parts())

    def parts(self) -> Iterator[str]:
        """The page in pieces, one document at a time, so a corpus's page is written without being held whole."""
        yield (
            "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
            f"<title>{e(self.title())}</title>\n<style>{CSS}</style>\n</head>\n<body>\n"
        )
        sections = itertools.chain(
            [self.header], [] if self.single else [self.corpus],
            (functools.partial(self.document, a) for a in self.result.analyses), [self.failures, self.about])
        first = True
        for build in sections:
            part = build()
            if not part:
                continue
            yield part if first else "\n" + part
            first = False
        yield "\n</body>\n</html>\n"

    def title(self) -> str:
        if self.single:
            return f"{self.result.documents[0].name} against the electronics roadmap"
        return f"{plural(len(self.result.documents), 'document')} against the electronics roadmap"

    def header(self) -> str:
        r = self.result
        nav = [] if self.single else ["<a href=\"#corpus\">All documents side by side</a>"]
        nav += [f"<a href=\"#{self.anchors[d.id]}\">{breakable(d.name)}</a>" for d in r.documents]
        if r.failures:
            nav.append(f"<a href=\"#failures\">Files that could not be read ({len(r.failures)})</a>")
        intro = (
            "How far each document goes on the RE-SOURCING <i>Roadmap for the Electronics Sector</i>: which of its "
            f"{plural(len(categories(self.taxonomy)), 'category', 'categories')} a document addresses, how firmly "
            "(from a mention to a binding and enforced duty), and where it falls short of the roadmap's milestones. "
            "Every finding is quoted with its page; the quote links to the source at that page."
        )
        return (
            f"<header>\n<h1>{e(self.title())}</h1>\n<p class=\"intro\">{intro}</p>\n"
            + (f"<nav>{' · '.join(nav)}</nav>\n" if len(nav) > 1 or not self.single else "")
            + "</header>"
        )

    def legend(self) -> str:
        """The colour scale, each step in words with what it takes to reach it."""
        meaning = {
            "absent": "no passage of the document is about the category",
            "mentioned": "on the topic, but commits to nothing (or only passages the classifier is unsure about)",
        }
        for status, level in zip(STATUS_ORDER[2:], range(1, 5)):
            meaning[status] = " ".join(self.scale[level].description.split()) if level in self.scale else ""
        items = "".join(
            f"<li><span class=\"chip\" style=\"{_status_style(s)}\">"
            f"{e(select.strength_words(CoverageStatus(s), max(n - 1, 0)))}</span> {e(meaning[s])}</li>"
            for n, s in enumerate(STATUS_ORDER)
        )
        return (
            "<details class=\"legend\" open><summary>How to read the colours: from no mention (grey) to a binding and "
            f"enforced duty (dark blue)</summary><ul>{items}</ul>"
            "<p class=\"help\"><span class=\"gapmark\">◆</span> marks the seven human-rights gaps the roadmap "
            "names. A category's status is that of its strongest passage the classifier is confident about; "
            "read the quotes before citing a cell.</p></details>"
        )

    # -- one document -------------------------------------------------------

    def document(self, analysis: DocumentAnalysis) -> str:
        document = analysis.document
        anchor = self.anchors[document.id]
        every = select.findings(analysis, self.taxonomy)
        facts = [select.kind_words(document), document.issuer, document.year,
                 plural(document.page_count, "page"), plural(select.passage_count(analysis), "passage")]
        described = " · ".join(e(f) for f in facts if f not in (None, ""))
        warnings = "".join(f"<li>{e(w)}</li>" for w in document.warnings)
        warnings = f"<ul class=\"warnings\">{warnings}</ul>" if warnings else ""
        # A report of one document already carries its name in the title.
        name = "" if self.single else f"<h2 class=\"docname\">{breakable(document.name)}</h2>\n"
        return (
            f"<section class=\"document\" id=\"{anchor}\">\n{name}"
            + (f"<p class=\"title\">{e(document.title)}</p>\n" if document.title and document.title != document.name else "")
            + f"<p class=\"meta\">{described} · <a class=\"source\" href=\"{e(source_link(document, self.out_dir))}\">"
            f"open the source file</a></p>\n{warnings}\n"
            f"{self.summary(analysis, every)}\n{self.coverage_table(analysis, every)}\n"
            f"{self.milestone_table(analysis)}\n{self.evidence_lists(analysis, every)}\n</section>"
        )

    def summary(self, analysis: DocumentAnalysis, every: list[select.Finding]) -> str:
        document = analysis.document
        anchor = self.anchors[document.id].removeprefix("doc-")
        kind = select.kind_words(document)
        found = select.covered(every)
        counts = Counter(f.cell.status for f in found)
        by_status = ", ".join(
            f"{counts[s]} {'mentioned only' if s is CoverageStatus.MENTIONED else s.words}"
            for s in sorted(counts, key=lambda s: -s.rank)
        )
        strongest = select.strongest(every)
        commits = (f"This {e(kind)} addresses <b>{len(found)} of the roadmap's "
                   f"{plural(len(every), 'category', 'categories')}</b>" + (f" ({e(by_status)})" if found else "") + ".")
        if strongest:
            commits += (" Its firmest commitments concern "
                        + _and([e(f.category.label) for f in strongest]) + ".")
        missing = select.not_addressed(every)
        missing_gaps = [f for f in missing if f.category.roadmap_gap]
        roadmap_gaps = [f for f in every if f.category.roadmap_gap]
        short = [f"It does not address <b>{plural(len(missing), 'category', 'categories')}</b>"]
        if roadmap_gaps and missing_gaps:
            short.append(f", {len(missing_gaps)} of them among the roadmap's {len(roadmap_gaps)} human-rights gaps"
                         f" ({_and([e(f.category.label) for f in missing_gaps])})")
        elif roadmap_gaps:
            short.append(f", none of them among the roadmap's {len(roadmap_gaps)} human-rights gaps")
        short.append(".")
        undated = select.without_deadline(every)
        if undated:
            short.append(f" {len(undated)} of the {plural(len(found), 'covered category', 'covered categories')} "
                         "name no deadline.")
        applicable = select.applicable_milestones(analysis)
        verdicts = Counter(m.verdict for m in applicable)
        if applicable:
            listed = ", ".join(f"{verdicts[v]} {e(v.words)}" for v in MilestoneVerdict if verdicts.get(v))
            short.append(f" Of the {plural(len(applicable), 'milestone')} that apply to {e(select.a_kind(document))}: {listed}.")
        strong = "".join(self._finding_card(analysis, f) for f in strongest) or "<li>No commitment found.</li>"
        weak = "".join(self._finding_card(analysis, f) for f in select.weakest(every)) or "<li>None.</li>"
        passages = select.document_passages(self.result, analysis)
        gaps = "".join(self._gap_item(analysis, g) for g in select.top_gaps(passages, every))
        gaps = f"<h4>Weaknesses in what it says</h4><ul class=\"gaps\">{gaps}</ul>" if gaps else ""
        return (
            f"<div class=\"summary\" id=\"summary-{e(anchor)}\">\n<h3>In brief</h3>\n"
            f"<p class=\"brief commits\">{commits}</p>\n<p class=\"brief short\">{''.join(short)}</p>\n"
            "<div class=\"columns\">"
            f"<div><h4>Three strongest findings</h4><ol class=\"findings strongest\">{strong}</ol></div>"
            f"<div><h4>Three weakest findings</h4><ol class=\"findings weakest\">{weak}</ol></div>"
            f"</div>\n{gaps}\n</div>"
        )

    def _finding_card(self, analysis: DocumentAnalysis, finding: select.Finding) -> str:
        evidence = finding.evidence
        cell = finding.cell
        href = evidence_anchor(self.anchors[analysis.document.id], finding.category.id)
        quote = (f"<blockquote>{e(select.finding_quote(evidence, SUMMARY_QUOTE))}</blockquote>"
                 f"<p class=\"where\">{self._page_link(analysis.document, evidence)}"
                 + (f" · {e(trail_end(evidence.section, 60))}" if evidence.section else "")
                 + f" · <a href=\"#{e(href)}\">{_all_passages(cell.passage_count)}</a></p>") if evidence else ""
        return (f"<li><b>{self._category_name(finding.category)}</b> {_chip(cell)}"
                f"{quote}</li>")

    def _gap_item(self, analysis: DocumentAnalysis, gap: select.GapFinding) -> str:
        quote = ""
        if gap.evidence is not None:
            quote = (f"<blockquote>{e(gap.quote(SUMMARY_QUOTE))}</blockquote>"
                     f"<p class=\"where\">{self._page_link(analysis.document, gap.evidence)}</p>")
        return (f"<li><b>{e(gap.flag.words.capitalize())}</b> in {self._category_name(gap.finding.category)}: "
                f"{e(gap.meaning)}{quote}</li>")

    def _category_name(self, category: Category) -> str:
        mark = "<span class=\"gapmark\" title=\"one of the roadmap's human-rights gaps\">◆</span> " \
            if category.roadmap_gap else ""
        return f"{mark}{e(category.label)}"

    def _page_link(self, document: Document, evidence: Evidence) -> str:
        """"p. 21 (printed 19)", linked to the source at that page where the source has pages."""
        paged = document.page_count > 1
        words = select.page_words(evidence, paged)
        href = source_link(document, self.out_dir)
        if Path(document.path).suffix.lower() in PAGED_SUFFIXES:
            first_page = evidence.page.split("-")[0]
            return f"<a class=\"page\" href=\"{e(href)}#page={e(first_page)}\">{e(words)}</a>"
        return f"<a class=\"page\" href=\"{e(href)}\">{e(words)}</a>"

    def coverage_table(self, analysis: DocumentAnalysis, every: list[select.Finding]) -> str:
        document = analysis.document
        rows = []
        for target in self.taxonomy.targets:
            in_target = [f for f in every if f.target_label == target.label]
            addressed = len(select.covered(in_target))
            rows.append(f"<tr class=\"target\"><th colspan=\"4\">{e(target.label)} "
                        f"<span class=\"count\">{addressed} of {plural(len(in_target), 'category', 'categories')} "
                        "addressed</span></th></tr>")
            for finding in in_target:
                cell = finding.cell
                weaknesses = ", ".join(g.words for g in cell.gap_flags if g in select.QUOTED_FLAGS
                                       or g.value == "no_deadline")
                pages = ", ".join(dict.fromkeys(ev.page for ev in cell.evidence)) if document.page_count > 1 else ""
                rows.append(
                    f"<tr><th class=\"cat\">{self._category_name(finding.category)} "
                    f"<code class=\"id\">{e(finding.category.id)}</code></th>"
                    f"{self._status_cell(cell, select.cell_words(cell))}"
                    f"<td class=\"num\">{cell.passage_count or ''}</td>"
                    f"<td>{e(('p. ' + pages) if pages else '')}{' · ' if pages and weaknesses else ''}"
                    f"{e(weaknesses)}</td></tr>"
                )
        return (
            f"<h3>Category by category</h3>\n{self.legend()}\n<table class=\"coverage\"><thead><tr>"
            "<th>Roadmap category</th><th>What the document does</th><th>Passages</th><th>Pages, weaknesses</th>"
            f"</tr></thead>\n<tbody>{''.join(rows)}</tbody></table>"
        )

    def _status_cell(self, cell: CoverageCell | None, text: str) -> str:
        if cell is None:
            return "<td class=\"na\">–</td>"
        status = cell.status.value
        if cell.status is CoverageStatus.ABSENT:
            return f"<td class=\"cell\" style=\"{_status_style(status)}\">{e(text)}</td>"
        href = evidence_anchor(self.anchors[cell.doc_id], cell.category_id)
        return (f"<td class=\"cell\" style=\"{_status_style(status)}\"><a href=\"#{e(href)}\" "
                f"title=\"{e(_all_passages(cell.passage_count))}\">{e(text)}</a></td>")

    def milestone_table(self, analysis: DocumentAnalysis) -> str:
        document = analysis.document
        applicable = select.applicable_milestones(analysis)
        rows = []
        for m in sorted(applicable, key=lambda m: (m.year, m.milestone_id)):
            category, milestone = self.milestone_index.get(m.milestone_id, (None, None))
            if category is None:
                continue
            if m.evidence and m.verdict is not MilestoneVerdict.NOT_ADDRESSED:
                href = evidence_anchor(self.anchors[document.id], m.category_id)
                evidence = f"<a href=\"#{e(href)}\">{e(select.page_words(m.evidence[0], document.page_count > 1))}</a>"
            else:
                evidence = "—"
            derived = "" if milestone.provenance == "roadmap" else " <span class=\"help\">(derived)</span>"
            explanation = select.milestone_explanation(m)
            why = f"<br><span class=\"help\">{e(explanation)}</span>" if explanation else ""
            rows.append(
                f"<tr><td class=\"num\">{m.year}</td><td class=\"statement\">{e(milestone.statement)}{derived} "
                f"<code class=\"id\">{e(m.milestone_id)}</code></td><td>{self._category_name(category)}</td>"
                f"<td class=\"num\">{m.expected}</td><td class=\"num\">{m.observed}</td>"
                f"<td style=\"{_verdict_style(m.verdict)}\">{e(m.verdict.words)}{why}</td><td>{evidence}</td></tr>"
            )
        others = len(analysis.milestones) - len(applicable)
        note = (f"<p class=\"help\">{plural(others, 'milestone')} addressed to others (not to {e(select.a_kind(document))}) "
                "are left out.</p>") if others else ""
        verdicts = Counter(m.verdict for m in applicable)
        counted = ", ".join(f"{verdicts[v]} {e(v.words)}" for v in MilestoneVerdict if verdicts.get(v))
        return (
            f"<h3>Milestones that apply to {e(select.a_kind(document))}</h3>\n"
            "<p class=\"help\">Each milestone expects a strength on the 0–4 scale by its year; <i>found</i> is the "
            "strongest the document reaches on the milestone's category. <i>Derived</i> milestones are the "
            "project's reconstruction from EU law, not roadmap text.</p>\n"
            f"<details class=\"milestones\"><summary>Show all {plural(len(applicable), 'milestone')}"
            + (f" ({counted})" if counted else "") + "</summary>"
            "<table class=\"milestones\"><thead><tr><th>Year</th><th>Milestone</th><th>Category</th>"
            "<th>Expects</th><th>Found</th><th>Verdict</th><th>Evidence</th></tr></thead>\n"
            f"<tbody>{''.join(rows)}</tbody></table></details>{note}"
        )

    def evidence_lists(self, analysis: DocumentAnalysis, every: list[select.Finding]) -> str:
        anchor = self.anchors[analysis.document.id]
        document_passages = select.document_passages(self.result, analysis)
        blocks = []
        for finding in every:
            cell = finding.cell
            if cell.status is CoverageStatus.ABSENT:
                continue
            passages = select.all_evidence(document_passages, cell)
            shown = "".join(self._evidence_item(analysis.document, ev) for ev in passages[:SHOWN_PASSAGES])
            rest = passages[SHOWN_PASSAGES:]
            folded = (
                f"<details class=\"more\"><summary>Show the other {plural(len(rest), 'passage')}</summary>"
                f"<ol start=\"{SHOWN_PASSAGES + 1}\">{''.join(self._evidence_item(analysis.document, ev) for ev in rest)}"
                "</ol></details>"
            ) if rest else ""
            flags = [g for g in cell.gap_flags if g in select.QUOTED_FLAGS or g.value == "no_deadline"]
            flag_text = "".join(f"<li><b>{e(g.words)}</b>: {e(select.flag_meaning(g))}</li>" for g in flags)
            flag_text = f"<ul class=\"flags\">{flag_text}</ul>" if flag_text else ""
            blocks.append(
                f"<div class=\"evidence\" id=\"{e(evidence_anchor(anchor, finding.category.id))}\">"
                f"<h4>{self._category_name(finding.category)} <code class=\"id\">{e(finding.category.id)}</code> "
                f"{_chip(cell)} <span class=\"count\">{plural(len(passages), 'passage')}"
                f"</span></h4>{flag_text}<ol class=\"passages\">{shown}</ol>{folded}"
                f"<p class=\"back\"><a href=\"#{anchor}\">↑ back to {e(analysis.document.name)}</a></p></div>"
            )
        if not blocks:
            return "<h3>The passages behind each finding</h3>\n<p>No passage on any category.</p>"
        return ("<h3>The passages behind each finding</h3>\n<p class=\"help\">Strongest first. A category's "
                "status rests on the passages the classifier scores at 0.5 or more; weaker ones are listed too.</p>\n"
                + "\n".join(blocks))

    def _evidence_item(self, document: Document, ev: Evidence) -> str:
        level = self.scale.get(ev.strength)
        strength = f"strength {ev.strength} of 4" + (f" ({level.label.lower()})" if level and ev.strength else "")
        reasons = "".join(
            f"<li>{e(r.explanation or r.rule)}" + (f": “{e(r.span)}”" if r.span and r.span != r.explanation else "")
            + f" <code class=\"id\">{e(r.rule)}</code></li>"
            for r in ev.reasons
        )
        reasons = f"<ul class=\"rules\">{reasons}</ul>" if reasons else ""
        flags = ", ".join(g.words for g in ev.gap_flags if g in select.QUOTED_FLAGS)
        return (
            f"<li><blockquote>{e(ev.quote)}</blockquote>"
            f"<p class=\"where\">{self._page_link(document, ev)}"
            + (f" · {e(trail_end(ev.section, 90))}" if ev.section else "")
            + f" · <b>{e(strength)}</b> · classifier score {ev.score:.2f}"
            + "".join(f" · {e(said)}" for said in select.provision_words(ev))
            + (f" · {e(flags)}" if flags else "")
            + f" · <code class=\"id\">{e(ev.passage_id)}</code></p>{reasons}</li>"
        )

    # -- several documents --------------------------------------------------

    def corpus(self) -> str:
        docs = self.result.documents
        head = "".join(
            f"<th class=\"doc\" title=\"{e(d.title or d.name)}\"><a href=\"#{self.anchors[d.id]}\">{breakable(d.name)}"
            "</a></th>"
            for d in docs
        )
        rows = []
        for target in self.taxonomy.targets:
            rows.append(f"<tr class=\"target\"><th colspan=\"{len(docs) + 1}\">{e(target.label)}</th></tr>")
            for category in target.categories:
                cells = "".join(
                    self._status_cell(cell, select.cell_short(cell, STATUS_SHORT[cell.status.value])) if cell else "<td class=\"na\">–</td>"
                    for cell in (self.cells.get((d.id, category.id)) for d in docs)
                )
                rows.append(f"<tr><th class=\"cat\">{self._category_name(category)}</th>{cells}</tr>")
        return (
            "<section id=\"corpus\">\n<h2>All documents side by side</h2>\n"
            f"{self.legend()}\n<div class=\"scroll\"><table class=\"matrix\"><thead><tr><th>Roadmap category</th>"
            f"{head}</tr></thead>\n<tbody>{''.join(rows)}</tbody></table></div>\n</section>"
        )

    def failures(self) -> str:
        if not self.result.failures:
            return ""
        rows = "".join(f"<tr><td>{e(f.path)}</td><td>{e(f.reason)}</td></tr>" for f in self.result.failures)
        return (
            "<section id=\"failures\"><h2>Files that could not be read</h2>\n<p>These files were not analysed.</p>\n"
            f"<table class=\"failures\"><thead><tr><th>File</th><th>Reason</th></tr></thead><tbody>{rows}</tbody></table>"
            "</section>"
        )

    def about(self) -> str:
        meta = self.taxonomy.meta
        generated = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
        return (
            f"<footer><p class=\"meta\">Taxonomy {e(meta.id)} {e(meta.version)} · classifier "
            f"{e(self.result.classifier.name)} · {plural(self.result.passage_count, 'passage')} · generated "
            f"{e(generated)}. Page links open the source file when it stays where it was analysed, relative to this "
            "report. Passage ids find each quote in passages.jsonl.</p></footer>"
        )


def _all_passages(count: int) -> str:
    return "the passage" if count == 1 else f"all {count} passages"


def _and(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


CSS = """
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;margin:0 auto;padding:0 1.5em 3em;
max-width:72em;color:#1a1a1a}
header{border-bottom:2px solid #253494;margin-bottom:1em}
h1{font-size:1.5em;margin:.6em 0 .2em;overflow-wrap:break-word}h2{margin-top:2em;border-bottom:1px solid #ccc}
h3{margin-top:1.6em}h4{margin:.8em 0 .3em}
.intro{max-width:50em}.meta,.help{color:#555}.help{font-size:.9em}
nav{margin:.6em 0 1em;line-height:2}
.chip{display:inline-block;padding:0 .5em;margin:0 .2em;border-radius:3px;border:1px solid #bbb;font-size:.9em;
white-space:nowrap}
.summary{background:#f4f6fb;border:1px solid #d5dcec;border-radius:6px;padding:.4em 1.2em 1em}
.summary h3{margin-top:.4em}
.brief{font-size:1.05em;max-width:60em}
.columns{display:flex;gap:2em;flex-wrap:wrap}.columns>div{flex:1 1 24em}
ol.findings,ul.gaps{padding-left:1.3em}ol.findings li,ul.gaps li{margin-bottom:.8em}
.legend{margin:.5em 0 1em}.legend ul{list-style:none;padding-left:0}.legend li{margin:.2em 0}
.legend summary{cursor:pointer;color:#253494}
table{border-collapse:collapse;margin:.5em 0}
th,td{border:1px solid #ddd;padding:3px 7px;vertical-align:top}
thead th{background:#f7f7f7;position:sticky;top:0}
tr.target th{background:#dfe6f3;text-align:left}
.count{font-weight:normal;color:#555;font-size:.9em}
th.cat{text-align:left;font-weight:normal;max-width:30em}
th.doc{max-width:10em;font-size:.85em;overflow-wrap:normal}
td.cell{text-align:center;white-space:nowrap}
td.cell a{display:block;text-decoration:none;color:inherit;font-weight:600}
td.num{text-align:right}
td.statement{max-width:36em;font-size:.92em}
code.id{font-size:.8em;color:#666}
.scroll{overflow-x:auto}
.gapmark{color:#b2182b}
.evidence{border-left:4px solid #7fcdbb;padding:.3em .8em;margin:1.2em 0;background:#fafafa}
.evidence:target{background:#fff7d6;border-left-color:#e6a700}
blockquote{margin:.3em 0;padding:.2em .7em;border-left:3px solid #ccc;background:#fff;white-space:pre-wrap}
.where{margin:.2em 0 .4em;font-size:.9em}
a.page{font-weight:600}
ul.rules{margin:.1em 0 .6em;font-size:.85em;color:#333}
ul.flags{color:#8a1c1c;font-size:.92em}
details.more>summary,details.milestones>summary{cursor:pointer;color:#253494;margin:.4em 0}
.warnings{color:#8a4b00}
footer{margin-top:3em;border-top:1px solid #ccc}
@media print{thead th{position:static}.evidence{break-inside:avoid}}
"""


def render_html(result: AnalysisResult, context: ReportContext | None = None, out_dir: Path | str = ".") -> str:
    return _Page(result, context or ReportContext(), Path(out_dir)).render()


@register_format("html", (HTML_FILE,), "self-contained HTML report with linked evidence")
def write_html(result: AnalysisResult, out_dir: Path, context: ReportContext) -> list[Path]:
    target = out_dir / HTML_FILE
    with atomic_path(target) as temp:
        with open(temp, "w", encoding="utf-8", newline="") as stream:
            for part in _Page(result, context, Path(out_dir)).parts():
                stream.write(part)
            stream.flush()
            os.fsync(stream.fileno())
    return [target]
