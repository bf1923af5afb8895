"""Summaries for the terminal: what a journalist reads first.

`check_summary` is one document as rich text that wraps to the terminal (at
most 100 columns): per target the categories covered, with names, strength in
words, page and a quote of whole sentences; the weakest milestones that apply;
the gaps with their quotes; where the full report is. The other summaries are
plain text. The CLI only chooses which one to print.
"""

from __future__ import annotations

from io import StringIO
from pathlib import Path
from typing import TYPE_CHECKING

from rich.console import Console, Group, RenderableType
from rich.text import Text

from nlp_pipeline.records import CoverageCell, CoverageStatus, DocumentAnalysis
from nlp_pipeline.report import findings as select
from nlp_pipeline.report.wording import plural, shorten, trail_end
from nlp_pipeline.taxonomy import Taxonomy, categories

if TYPE_CHECKING:
    from nlp_pipeline.pipeline import AnalysisResult

STATUS_MARK = {
    "absent": "·",
    "mentioned": "m",
    "aspirational": "1",
    "procedural": "2",
    "specific": "3",
    "binding_enforced": "4",
}
LEGEND = ("· absent   m mentioned   1 aspirational   2 procedural   3 specific   4 binding and enforced\n"
          "  4- strongest evidence narrows (a threshold or carve-out, binding as marked)   4x opposes the roadmap")
MAX_WIDTH = 100
CITATION_STARTS = ("Article", "Recital", "Annex")
QUOTE_LIMIT = 320


def corpus_matrix(result: AnalysisResult) -> str:
    """Categories down, documents across, one mark per cell, the category's name after the marks."""
    documents = result.documents
    status = {(c.doc_id, c.category_id): c for c in result.coverage}
    width = max((len(c.id) for c in categories(result.taxonomy)), default=10)
    lines = []
    for number, document in enumerate(documents, start=1):
        lines.append(f"  [{number}] {document.name} ({document.kind.value}, {plural(document.page_count, 'page')})")
    header = " " * (width + 2) + " ".join(f"{n:>3}" for n in range(1, len(documents) + 1))
    lines += ["", header.rstrip()]
    room = max(MAX_WIDTH - (2 + width + 4 * len(documents) + 3), 16)
    for category in categories(result.taxonomy):
        marks = " ".join(f"{_mark(status[(d.id, category.id)]):>3}" for d in documents)
        lines.append(f"  {category.id:<{width}}{marks}   {shorten(category.label, room)}")
    lines += ["", "  " + LEGEND]
    return "\n".join(lines)


def _mark(cell: CoverageCell) -> str:
    """The cell's status mark, with "-" when its strongest evidence narrows and "x" when it opposes."""
    mark = STATUS_MARK[cell.status.value]
    return mark + select.POLARITY_MARK.get(cell.polarity.value, "") if cell.status is not CoverageStatus.ABSENT else mark


STATUS_STYLES = {
    "mentioned": "dim",
    "aspirational": "yellow",
    "procedural": "cyan",
    "specific": "bold blue",
    "binding_enforced": "bold green",
}


def console_width(console: Console | None = None) -> int:
    """The terminal's width, at most MAX_WIDTH: longer lines are hard to read and to paste."""
    return min((console or Console()).width, MAX_WIDTH)


def render_text(renderable: RenderableType, width: int = MAX_WIDTH) -> str:
    """The renderable as plain text wrapped at `width` (for tests and files)."""
    buffer = StringIO()
    Console(file=buffer, width=width, color_system=None, force_terminal=False, legacy_windows=False).print(renderable)
    return "\n".join(line.rstrip() for line in buffer.getvalue().splitlines()) + "\n"


def check_summary(analysis: DocumentAnalysis, taxonomy: Taxonomy, report: Path | None = None,
                  width: int = MAX_WIDTH, milestone_count: int = 5, gap_count: int = 5) -> Group:
    """One document, as `check` prints it."""
    document = analysis.document
    paged = document.page_count > 1
    every = select.findings(analysis, taxonomy)
    parts: list[RenderableType] = [_document_header(analysis)]
    for target in taxonomy.targets:
        in_target = [f for f in every if f.target_label == target.label]
        parts.append(_target_block(target.label, in_target, paged, width))
    parts.append(_milestone_block(analysis, taxonomy, milestone_count, width))
    parts.append(_gap_block(analysis, every, paged, gap_count, width))
    if report is not None:
        parts.append(Text.assemble("\nFull report, with every passage behind each finding: ", (str(report), "bold")))
    return Group(*parts)


def _document_header(analysis: DocumentAnalysis) -> Text:
    document = analysis.document
    facts = [select.kind_words(document), plural(document.page_count, "page"),
             plural(select.passage_count(analysis), "passage")]
    if document.year:
        facts.insert(1, str(document.year))
    header = Text(document.name, style="bold")
    if document.title and document.title != document.name:
        header.append("\n" + document.title)
    header.append("\n" + " · ".join(facts), style="dim")
    return header


_WRAP_CONSOLE = Console(width=MAX_WIDTH, color_system=None, file=StringIO())


def _indented(text: Text, left: int, width: int = MAX_WIDTH) -> Text:
    """`text` wrapped to `width` with every line indented by `left`, keeping its styles and no trailing spaces.

    (rich's Padding pads each line to the full width, which a pasted quote would carry along.)
    """
    lines = text.wrap(_WRAP_CONSOLE, max(width - left, 20))
    out = Text()
    for n, line in enumerate(lines):
        line.rstrip()
        out.append(("\n" if n else "") + " " * left)
        out.append_text(line)
    return out


def _target_block(label: str, in_target: list[select.Finding], paged: bool, width: int) -> Group:
    found = select.covered(in_target)
    heading = Text.assemble("\n", (label, "bold underline"),
                            f"  {len(found)} of {plural(len(in_target), 'category')} addressed")
    lines: list[RenderableType] = [heading]
    for finding in found:
        lines.append(_finding_lines(finding, paged, width))
    missing = select.not_addressed(in_target)
    if missing:
        names = "; ".join(("◆ " if f.category.roadmap_gap else "") + f.category.label for f in missing)
        lines.append(_indented(Text.assemble(("Not addressed: ", "bold"), names), 2, width))
    return Group(*lines)


def _finding_lines(finding: select.Finding, paged: bool, width: int) -> Group:
    cell = finding.cell
    name = Text(("◆ " if finding.category.roadmap_gap else "") + finding.category.label, style="bold")
    name.append(" — ")
    name.append(select.cell_words(cell), style=STATUS_STYLES.get(cell.status.value, ""))
    name.append(f"  {finding.category.id}", style="dim")
    lines: list[RenderableType] = [_indented(name, 2, width)]
    evidence = finding.evidence
    if evidence is not None:
        # A report's section trail is often a running title; an act's citation is what a reader quotes.
        where = [select.page_words(evidence, paged)]
        if paged and evidence.section.startswith(CITATION_STARTS):
            where.append(trail_end(evidence.section, 40))
        flags = [g.words for g in cell.gap_flags if g in select.QUOTED_FLAGS]
        flags += [said for said in select.provision_words(evidence) if said.startswith(("narrows", "opposes"))]
        more = cell.passage_count - 1
        detail = " · ".join(where + flags + ([f"{plural(more, 'more passage')} in the report"] if more > 0 else []))
        lines.append(_indented(Text(detail, style="dim"), 4, width))
        lines.append(_indented(Text(f"“{select.finding_quote(evidence, QUOTE_LIMIT)}”", style="italic"), 4, width))
    return Group(*lines)


def _milestone_block(analysis: DocumentAnalysis, taxonomy: Taxonomy, count: int, width: int) -> Group:
    weakest = select.weakest_milestones(analysis, taxonomy, count)
    applicable = select.applicable_milestones(analysis)
    heading = Text.assemble("\n", ("Milestones furthest from met", "bold underline"),
                            f"  of {plural(len(applicable), 'milestone')} that apply to {select.a_kind(analysis.document)}")
    if not weakest:
        return Group(heading, _indented(Text("Every applicable milestone is met."), 2, width))
    lines: list[RenderableType] = [heading]
    for item in weakest:
        m = item.cell
        found = "nothing found" if m.observed == 0 and m.verdict.rank == 0 else f"found {m.observed}"
        line = Text.assemble((f"{m.year} · {item.category.label}", "bold"), " — ", (m.verdict.words, "bold"),
                             f" (expects {m.expected} of 4, {found})  ", (m.milestone_id, "dim"))
        lines.append(_indented(line, 2, width))
        lines.append(_indented(Text(shorten(item.milestone.statement, 200)), 4, width))
        explanation = select.milestone_explanation(m)
        if explanation:
            lines.append(_indented(Text(f"Why: {shorten(explanation, 200)}", style="dim"), 4, width))
    return Group(*lines)


def _gap_block(analysis: DocumentAnalysis, every: list[select.Finding], paged: bool, count: int,
               width: int) -> Group:
    gaps = select.top_gaps(analysis.passages, every, count)
    lines: list[RenderableType] = [Text.assemble("\n", ("Where it falls short", "bold underline"))]
    for gap in gaps:
        head = Text.assemble((gap.flag.words.capitalize(), "bold"), f" in {gap.finding.category.label}: {gap.meaning}")
        lines.append(_indented(head, 2, width))
        if gap.evidence is not None:
            lines.append(_indented(Text(select.page_words(gap.evidence, paged), style="dim"), 4, width))
            lines.append(_indented(Text(f"“{gap.quote(QUOTE_LIMIT)}”", style="italic"), 4, width))
    undated = select.without_deadline(every)
    if undated:
        lines.append(_indented(Text(f"No deadline in the evidence of {len(undated)} of "
                                    f"{plural(len(select.covered(every)), 'covered category', 'covered categories')}."), 2, width))
    missing_gaps = [f.category.label for f in select.not_addressed(every) if f.category.roadmap_gap]
    if missing_gaps:
        lines.append(_indented(Text.assemble(("◆ Roadmap human-rights gaps not addressed at all: ", "bold"),
                                             "; ".join(missing_gaps)), 2, width))
    if len(lines) == 1:
        lines.append(_indented(Text("No gap flag on any covered category."), 2, width))
    return Group(*lines)


def failures(result: AnalysisResult, debug: bool = False) -> str:
    """The failed inputs, one line each; with `debug`, the traceback of each failure that is a bug."""
    if not result.failures:
        return ""
    lines = [f"{len(result.failures)} input(s) failed:"]
    for failure in result.failures:
        lines.append(f"  {failure}")
        if debug and failure.traceback:
            lines.extend("    " + line for line in failure.traceback.rstrip().splitlines())
    return "\n".join(lines)


def skipped(result: AnalysisResult, limit: int = 10) -> str:
    """Files left out on purpose (unsupported, duplicates, broken links), with the reason; the first `limit`."""
    if not result.skipped:
        return ""
    lines = [f"{len(result.skipped)} file(s) skipped:"] + [f"  {s}" for s in result.skipped[:limit]]
    if len(result.skipped) > limit:
        lines.append(f"  … and {len(result.skipped) - limit} more (listed in run.json)")
    return "\n".join(lines)
