"""The units two versions are compared in: provisions of an act, passages of a report.

An act is compared the way a lawyer reads it, provision by provision: the
passages under one section path ("Article 14", "2", "(b)") form one
provision, whatever the segmenter or the file format made of it (a paragraph
cut at a page break in a PDF is one provision as in the JSON). Each provision
sits in a container: an article, an annex, a recital, or the explanatory
memorandum, preamble or closing formula around the enacting terms. A report
has no such structure, so each of its passages is a unit of its own.

Footnotes are left out: their numbering ("(*3)", "(***)") is typography, and
what they cite is not what the act commits to.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass, replace

from nlp_pipeline.compare.wording import normalised
from nlp_pipeline.records import AnalysedPassage, BlockKind, DocumentAnalysis, DocumentKind

ARTICLE, ANNEX, RECITAL, MEMORANDUM, PREAMBLE, CLOSING, TEXT = (
    "article", "annex", "recital", "memorandum", "preamble", "closing", "text")
# Parts that say what the act binds; the others explain or frame it.
OPERATIVE_PARTS = frozenset({ARTICLE, ANNEX, TEXT})
LEGAL_ROLES = frozenset({"article", "recital", "annex", "definition"})
_CONTAINER_LABELS = {ARTICLE: "Article", ANNEX: "Annex", RECITAL: "Recital"}
_CHAPTER = re.compile(r"^(?:Chapter|Title)\s+\S+$", re.IGNORECASE)
_ARTICLE = re.compile(r"^Article\s+(\d{1,3}[a-z]{0,2})$")


@dataclass(frozen=True)
class Provision:
    """The passages at one place of a document's structure, in reading order."""

    index: int
    part: str  # article, annex, recital, memorandum, preamble, closing, text
    container: str  # "Article 27", "Annex I", "Recital (12)", "memorandum", or a report's section path
    path: tuple[str, ...]
    occurrence: int  # the how-many-th provision with this path (an act reuses "(a)" in two subparagraphs)
    passages: tuple[int, ...]  # indices into the DocumentAnalysis's passages
    text: str
    heading: str = ""  # the article's title ("Penalties"), or the report section's heading
    role: str = ""
    subparagraph: int = 0  # which subparagraph of its paragraph it starts in, 1-based; 0 where none is known
    last_subparagraph: int = 0  # which it ends in: a provision may hold several unnumbered subparagraphs
    subparagraphs: int = 0  # how many its paragraph has
    ambiguous: bool = False  # its path alone does not say which subparagraph it is in, so a citation names it

    @property
    def local_key(self) -> tuple[tuple[str, ...], int]:
        """Where the provision stands inside its container, numbering included."""
        return self.path[1:], self.subparagraph or self.occurrence

    @property
    def operative(self) -> bool:
        return self.part in OPERATIVE_PARTS

    @property
    def citation(self) -> str:
        if self.ambiguous and self.part in (ARTICLE, ANNEX) and self.subparagraph == self.last_subparagraph:
            return citation(self.path, self.part, self.subparagraph)
        return citation(self.path, self.part)


def is_structured_act(analysis: DocumentAnalysis) -> bool:
    """Whether the document reads as an act with articles, so it can be compared provision by provision."""
    roles = Counter(p.passage.role for p in analysis.passages)
    return (analysis.document.kind is DocumentKind.LEGISLATION or roles["article"] > 0) and roles["article"] > 0


def provisions_of(analysis: DocumentAnalysis) -> list[Provision]:
    """The document's provisions in reading order (a report's passages, one each)."""
    structured = is_structured_act(analysis)
    units: list[Provision] = []
    seen: Counter = Counter()
    current: list[int] = []
    current_key: tuple | None = None
    article_seen = False

    def close() -> None:
        if not current:
            return
        part, container, path, role = current_key  # type: ignore[misc]
        first = analysis.passages[current[0]].passage
        units.append(Provision(
            index=len(units), part=part, container=container, path=path, occurrence=seen[(part, path)],
            passages=tuple(current), text=" ".join(analysis.passages[i].text for i in current),
            heading=first.heading, role=role,
        ))
        seen[(part, path)] += 1

    for i, analysed in enumerate(analysis.passages):
        passage = analysed.passage
        if passage.kind is BlockKind.FOOTNOTE:
            continue
        if structured:
            part = _part(analysed, article_seen)
            article_seen = article_seen or part in (ARTICLE, ANNEX)
            container = passage.section[0] if part in (ARTICLE, ANNEX, RECITAL) and passage.section else part
            key = (part, container, passage.section, passage.role)
            if key != current_key or part == TEXT:
                close()
                current, current_key = [], key
            current.append(i)
        else:
            close()
            current, current_key = [i], (TEXT, " > ".join(passage.section), passage.section, passage.role)
    close()
    # Nothing left once labels and footnotes are set aside: typography, not a provision.
    kept = [replace(u, index=k) for k, u in enumerate(u for u in units if normalised(u.text))]
    return _with_subparagraphs(kept, analysis) if structured else kept


def _with_subparagraphs(units: list[Provision], analysis: DocumentAnalysis) -> list[Provision]:
    """Number the subparagraphs of each paragraph from the document's blocks, where the passages may have merged them.

    A paragraph's first block opens its first subparagraph; any later block
    standing at the paragraph's own level (not a point) opens the next.
    """
    from nlp_pipeline.segment.passages import document_text

    _, starts = document_text(analysis.document)
    blocks = analysis.document.blocks
    number_of_block: list[int] = []
    paragraph_of_block: list[tuple] = []
    current, count = None, 0
    for block in blocks:
        numbered = len(block.section) > 1 and not block.section[1].startswith("(")
        key = (block.section[0], block.section[1] if numbered else "") if block.section else None
        depth = 2 if numbered else 1
        at_paragraph_level = len(block.section) <= depth
        if block.kind in (BlockKind.HEADING, BlockKind.FOOTNOTE):
            number_of_block.append(count)
            paragraph_of_block.append(key)
            continue
        if key != current:
            current, count = key, 1
        elif at_paragraph_level:
            count += 1
        number_of_block.append(count)
        paragraph_of_block.append(key)
    totals: dict[tuple, int] = {}
    for key, n in zip(paragraph_of_block, number_of_block):
        if key is not None:
            totals[key] = max(totals.get(key, 0), n)
    numbered: list[Provision] = []
    for u in units:
        if u.part not in (ARTICLE, ANNEX):
            numbered.append(u)
            continue
        first = analysis.passages[u.passages[0]].passage
        last = analysis.passages[u.passages[-1]].passage
        k = max(0, bisect.bisect_right(starts, first.char_start) - 1)
        k_last = max(0, bisect.bisect_right(starts, max(last.char_end - 1, last.char_start)) - 1)
        key = paragraph_of_block[k]
        numbered.append(replace(u, subparagraph=number_of_block[k], last_subparagraph=number_of_block[k_last],
                                subparagraphs=totals.get(key, 1)))
    # A citation names the subparagraph where the path is not enough: "(b)" in two subparagraphs,
    # or unnumbered text of a paragraph that has several.
    seen = Counter((u.container, u.path) for u in numbered if u.part in (ARTICLE, ANNEX))
    out = []
    for u in numbered:
        if u.part in (ARTICLE, ANNEX):
            at_paragraph_level = len(u.path) <= 2 and not (len(u.path) == 2 and u.path[1].startswith("("))
            repeated = seen[(u.container, u.path)] > 1
            u = replace(u, ambiguous=u.subparagraphs > 1 and (repeated or at_paragraph_level))
        out.append(u)
    return out


def _part(analysed: AnalysedPassage, article_seen: bool) -> str:
    passage = analysed.passage
    if passage.role == "recital":
        return RECITAL
    if passage.role == "annex":
        return ANNEX
    if passage.role in ("article", "definition") and passage.section:
        return ARTICLE
    if passage.section == ("Preamble",):
        return PREAMBLE
    return CLOSING if article_seen else MEMORANDUM


def chapters_of(analysis: DocumentAnalysis) -> dict[str, tuple[str, str]]:
    """Per article ("Article 27"), the chapter it stands in and that chapter's title, from the headings."""
    chapter, title, out = "", "", {}
    expect_title = False
    for block in analysis.document.blocks:
        if block.kind is not BlockKind.HEADING or not block.section:
            expect_title = False
            continue
        head = block.section[0]
        if _CHAPTER.match(head) and len(block.section) == 1:
            if block.text.replace(" ", "").lower() == head.replace(" ", "").lower() or block.text.upper().startswith(
                    head.upper()):
                chapter, title, expect_title = head, "", True
                rest = block.text[len(head):].strip(" -–—:")
                if rest:
                    title, expect_title = rest, False
            elif expect_title:
                title, expect_title = block.text, False
            continue
        expect_title = False
        if _ARTICLE.match(head) and chapter:
            out.setdefault(head, (chapter, title))
    return out


ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth")


def citation(path: tuple[str, ...], part: str = ARTICLE, subparagraph: int = 0) -> str:
    """How the act cites a place: ("Article 14", "2", "(b)") -> "Article 14(2)(b)";
    with a subparagraph: "Article 5(2), third subparagraph, point (b)"."""
    if part in (MEMORANDUM, PREAMBLE, CLOSING):
        return {MEMORANDUM: "front matter (title, explanatory memorandum)", PREAMBLE: "preamble (citations)",
                CLOSING: "closing formula and what follows it"}[part]
    if part == TEXT:
        return " > ".join(path)
    if not path:
        return ""
    head, rest = path[0], path[1:]
    if head.startswith("Recital"):
        return head.replace("(", "").replace(")", "")
    if head.startswith("Article") and subparagraph:
        numbered = bool(rest) and not rest[0].startswith("(")
        out = head + (f"({rest[0]})" if numbered else "")
        word = ORDINALS[subparagraph - 1] if subparagraph <= len(ORDINALS) else f"{subparagraph}th"
        out += f", {word} subparagraph"
        points = rest[1:] if numbered else rest
        return out + (f", point {''.join(points)}" if points else "")
    if head.startswith("Article"):
        out = head
        for level in rest:
            if level.startswith("Article"):  # an article quoted inside an amending act
                out += f", {level}"
            elif level.startswith("("):
                out += level
            else:
                out += f"({level})"
        return out
    return ", ".join(path)


def container_number(container: str) -> str:
    """The number of an article, annex or recital: "Article 27" -> "27", "Recital (12)" -> "12"."""
    m = re.match(r"^(?:Article|Annex|Recital)\s+\(?([^)\s]+)\)?", container)
    return m.group(1) if m else container


def container_citation(containers: list[str]) -> str:
    """"Articles 30 to 39" for a run, "Article 30" for one."""
    if not containers:
        return ""
    if len(containers) == 1:
        return citation((containers[0],))
    word = containers[0].split()[0]
    plural = {"Article": "Articles", "Recital": "Recitals", "Annex": "Annexes"}.get(word, word)
    return f"{plural} {container_number(containers[0])} to {container_number(containers[-1])}"
