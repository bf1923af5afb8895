"""heatmap.png and heatmap.svg: the corpus at a glance.

Categories run down the page by name (grouped by target, the roadmap's
human-rights gaps in red), documents across; each cell is coloured by how
firmly the document commits, with the strength 1-4 written in it, and a
legend says what each colour means. Built on a bare matplotlib Figure (Agg), never pyplot, so a
batch runner or a web worker can call it from any thread without a display.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from nlp_pipeline.records import CoverageStatus
from nlp_pipeline.report.base import (
    STATUS_COLOURS,
    STATUS_ORDER,
    STATUS_TEXT_COLOURS,
    ReportContext,
    atomic_path,
    register_format,
)
from nlp_pipeline.report import findings as select
from nlp_pipeline.report.wording import plural, shorten
from nlp_pipeline.taxonomy import categories

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from nlp_pipeline.pipeline import AnalysisResult

HEATMAP_FILES = ("heatmap.png", "heatmap.svg")
NAME_LIMIT = 30
CATEGORY_LIMIT = 46
MAX_WIDTH = 40.0  # inches
MAX_PIXELS = 4000
MIN_LABELLED_COLUMN = 0.3  # inches: narrower columns carry no strength numbers or document names
GAP_COLOUR = "#b2182b"
LEGEND_WORDS = {
    "absent": "not addressed",
    "mentioned": "mentioned, no commitment",
    "aspirational": "1 aspirational",
    "procedural": "2 procedural",
    "specific": "3 specific",
    "binding_enforced": "4 binding and enforced",
}
# Text as text (searchable, small) and a fixed hash salt so the same result
# gives the same SVG bytes; no creation date for the same reason.
_RC = {"svg.fonttype": "none", "svg.hashsalt": "resourcing-report", "font.size": 9}


def _short(name: str) -> str:
    # Keep both ends: corpus files often share a long prefix and differ in
    # the year or number at the end.
    if len(name) <= NAME_LIMIT:
        return name
    head = NAME_LIMIT // 2 - 2
    return name[:head] + "…" + name[-(NAME_LIMIT - head - 1):]


def heatmap_figure(result: AnalysisResult) -> Figure:
    # matplotlib costs 0.4 s to import; `check` registers this writer but never draws.
    from matplotlib.colors import BoundaryNorm, ListedColormap
    from matplotlib.figure import Figure
    from matplotlib.patches import Patch

    cats = categories(result.taxonomy)
    docs = result.documents
    cells = {(c.doc_id, c.category_id): c for c in result.coverage}
    status_index = {s: n for n, s in enumerate(STATUS_ORDER)}

    # The figure's canvas grows with its width; past MAX_WIDTH inches the
    # columns narrow instead and the resolution drops to keep the canvas
    # under MAX_PIXELS wide, so a corpus of thousands costs what 40 do.
    width = min(MAX_WIDTH, max(8.0, 5.4 + 0.5 * len(docs)))
    column = (width - 5.4) / max(len(docs), 1)
    height = 2.4 + 0.24 * len(cats)
    figure = Figure(figsize=(width, height), dpi=min(150.0, MAX_PIXELS / width), layout="constrained")
    ax = figure.add_subplot()
    if not docs:
        ax.axis("off")
        ax.text(0.5, 0.5, "No document was analysed", ha="center", va="center", transform=ax.transAxes)
        return figure

    grid = np.zeros((len(cats), len(docs)))
    for i, category in enumerate(cats):
        for j, document in enumerate(docs):
            cell = cells.get((document.id, category.id))
            grid[i, j] = status_index[cell.status.value] if cell else 0
    colours = ListedColormap([STATUS_COLOURS[s] for s in STATUS_ORDER])
    norm = BoundaryNorm(np.arange(-0.5, len(STATUS_ORDER)), colours.N)
    ax.imshow(grid, cmap=colours, norm=norm, aspect="auto", interpolation="nearest")

    for i, category in enumerate(cats):
        for j, document in enumerate(docs):
            cell = cells.get((document.id, category.id))
            # A mention commits to nothing: a "0" would read as "absent", so it has colour only.
            if cell and cell.status.rank > CoverageStatus.MENTIONED.rank and column >= MIN_LABELLED_COLUMN:
                ax.text(j, i, str(cell.strength) + select.POLARITY_MARK.get(cell.polarity.value, ""), ha="center",
                        va="center", fontsize=7, color=STATUS_TEXT_COLOURS[cell.status.value])

    names = [("◆ " if c.roadmap_gap else "") + shorten(c.label, CATEGORY_LIMIT) for c in cats]
    ax.set_yticks(range(len(cats)), names, fontsize=7.5)
    for label, category in zip(ax.get_yticklabels(), cats):
        if category.roadmap_gap:
            label.set_color(GAP_COLOUR)
            label.set_fontweight("bold")
    names = [_short(d.name) for d in docs] if column >= MIN_LABELLED_COLUMN else [""] * len(docs)
    ax.set_xticks(range(len(docs)), names, rotation=40, ha="right", fontsize=8)
    ax.xaxis.tick_top()
    ax.xaxis.set_label_position("top")
    _anchor_top_labels(ax)
    ax.set_xticks(np.arange(-0.5, len(docs)), minor=True)
    ax.set_yticks(np.arange(-0.5, len(cats)), minor=True)
    ax.grid(which="minor", color="white", linewidth=0.8)
    ax.tick_params(which="minor", length=0)

    # Thick rules between targets, with the target id at the right margin.
    row = 0
    for target in result.taxonomy.targets:
        size = len(target.categories)
        if row:
            ax.axhline(row - 0.5, color="#333333", linewidth=1.4)
        ax.text(1.01, 1 - (row + size / 2) / len(cats), shorten(target.label, 30).replace(" and ", " and\n", 1),
                transform=ax.transAxes, ha="left", va="center", fontsize=7.5, fontweight="bold", color="#333333",
                rotation=90)
        row += size

    handles = [Patch(facecolor=STATUS_COLOURS[s], edgecolor="#999999", label=LEGEND_WORDS[s]) for s in STATUS_ORDER]
    handles.append(Patch(facecolor="white", edgecolor="white", label="◆ red: a human-rights gap the roadmap names"))
    handles.append(Patch(facecolor="white", edgecolor="white",
                         label="4- the strongest evidence narrows (a binding threshold or carve-out); 4x it opposes"))
    figure.legend(handles=handles, loc="outside lower center", ncol=4, fontsize=7.5, frameon=False,
                  title="How firmly the document commits (strength 0-4)", title_fontsize=8)
    figure.suptitle(f"How firmly {plural(len(docs), 'document')} commit{'s' if len(docs) == 1 else ''} "
                    "on each category of the electronics roadmap", fontsize=10)
    return figure


def _anchor_top_labels(ax) -> None:
    # With ticks on top, rotated labels must anchor at their bottom-left to
    # line up with their column.
    for label in ax.get_xticklabels():
        label.set_rotation_mode("anchor")
        label.set_ha("left")
        label.set_va("bottom")


@register_format("heatmap", HEATMAP_FILES, "documents x categories heatmap as PNG and SVG")
def write_heatmap(result: AnalysisResult, out_dir: Path, context: ReportContext) -> list[Path]:
    written = []
    from matplotlib import rc_context

    with rc_context(_RC):
        figure = heatmap_figure(result)
        for name in HEATMAP_FILES:
            target = out_dir / name
            kind = target.suffix.lstrip(".")
            with atomic_path(target) as temp:
                figure.savefig(temp, format=kind, metadata={"Date": None} if kind == "svg" else None)
            written.append(target)
    return written
