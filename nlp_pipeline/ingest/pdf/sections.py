"""Section paths: the trail of headings above each block (reports) or the act's structure (law).

In a report, a heading's level is the rank of its font size (bold above
regular at the same size) among the document's headings. Two kinds of
heading stay out of the trail, because they would sit above every passage of
the document: a cover line (a heading style found on the first pages only,
"Bringing people and resources together ...") and a heading repeated on many
pages (a chapter tab or a running title the furniture stage missed).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence

from nlp_pipeline.ingest.legal_structure import LegalStructureTracker
from nlp_pipeline.ingest.pdf.layout import LayoutBlock
from nlp_pipeline.records import BlockKind

COVER_PAGES = 2  # a heading style seen only on these first pages is cover text
REPEATED_SHARE = 0.2  # a heading text on this share of pages (and 3 or more) is running text


def _style(block: LayoutBlock) -> tuple[float, bool]:
    return (round(block.first.size), block.first.bold)


def report_sections(pages: Sequence[tuple[int, Sequence[LayoutBlock]]]) -> list[tuple[str, ...]]:
    """The section path of every block, in document order, for a report."""
    headings = [(number, b) for number, blocks in pages for b in blocks if b.kind is BlockKind.HEADING]
    page_count = max((number for number, _ in pages), default=1)
    style_pages: dict[tuple[float, bool], set[int]] = defaultdict(set)
    for number, block in headings:
        style_pages[_style(block)].add(number)
    text_pages: dict[str, set[int]] = defaultdict(set)
    for number, block in headings:
        text_pages[_key(block.text)].add(number)
    repeated = {
        text for text, on in text_pages.items() if len(on) >= 3 and len(on) >= REPEATED_SHARE * page_count
    }
    cover_styles = {
        style for style, on in style_pages.items() if max(on) <= COVER_PAGES and page_count > COVER_PAGES + 2
    }
    sizes = sorted({_rank_key(b) for _, b in headings if _style(b) not in cover_styles}, reverse=True)
    level_of = _levels(sizes)
    trail: list[tuple[int, str]] = []
    paths: list[tuple[str, ...]] = []
    for number, blocks in pages:
        for block in blocks:
            if block.kind is BlockKind.HEADING:
                if _key(block.text) in repeated:
                    block.kind = BlockKind.FURNITURE
                elif _style(block) not in cover_styles:
                    level = level_of[_rank_key(block)]
                    block.heading_level = level
                    while trail and trail[-1][0] >= level:
                        trail.pop()
                    trail.append((level, block.text))
            paths.append(tuple(text for _, text in trail))
    return paths


def _key(text: str) -> str:
    return " ".join(text.lower().split())


def _rank_key(block: LayoutBlock) -> float:
    return round(block.first.size * 2) / 2 + (0.25 if block.first.bold else 0.0)


def _levels(sizes: list[float]) -> dict[float, int]:
    """Size keys (largest first) to levels 1, 2, ...; sizes within half a point share a level."""
    levels: dict[float, int] = {}
    level = 0
    previous: float | None = None
    for size in sizes:
        if previous is None or previous - size > 0.5:
            level += 1
        levels[size] = level
        previous = size
    return levels


_SEPARATOR = re.compile(r"^_{5,}$")
_STAR_NOTE = re.compile(r"^\(\*+\d*\)")
# What follows an amending act's notes: its next point, paragraph, quotation or article.
_OWN_TEXT = re.compile(r"^([‘'\"“]|\(\d{1,3}[a-z]?\)|\([a-z]{1,3}\)|\d{1,3}[a-z]?\.\s|Article\s|ANNEX|CHAPTER|Section\s)")


def legal_sections(blocks: Sequence[LayoutBlock]) -> list[tuple[tuple[str, ...], str, BlockKind]]:
    """Section path, role and kind of every block of an act, from the legal structure tracker.

    An amending act prints the notes of the articles it quotes inside the
    quotation, after a rule of underscores: "(*) Regulation (EU) ..."; they
    are footnotes like the act's own, and the rule is furniture.
    """
    tracker = LegalStructureTracker()
    out: list[tuple[tuple[str, ...], str, BlockKind]] = []
    section: tuple[str, ...] = ()
    role = ""
    in_notes = False
    for block in blocks:
        prose = block.kind in (BlockKind.PARAGRAPH, BlockKind.LIST_ITEM)
        if _SEPARATOR.match(block.text.strip()):
            block.kind = BlockKind.FURNITURE
        elif prose and (_STAR_NOTE.match(block.text) or (in_notes and not _OWN_TEXT.match(block.text))):
            # A note, or the rest of one carried over a page: "... (OJ L 317, 9.12.2019, p. 1).’;"
            in_notes = True
            block.kind = BlockKind.FOOTNOTE
            # The quotation often closes at the end of its last note ("... p. 1).’;"): the tracker must see it.
            tracker.observe(block.text)
            out.append((section, role, block.kind))
            continue
        if block.kind not in (BlockKind.FURNITURE, BlockKind.FOOTNOTE):
            in_notes = False
        if block.kind in (BlockKind.FOOTNOTE, BlockKind.FURNITURE, BlockKind.FIGURE, BlockKind.TABLE, BlockKind.TOC):
            # Footnotes sit at the page foot and figures beside the text, not in the flow of the act.
            out.append((section, role, block.kind))
            continue
        section, role, kind = tracker.observe(block.text)
        out.append((section, role, kind))
    return out
