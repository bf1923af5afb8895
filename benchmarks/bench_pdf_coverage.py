"""How much of each PDF's body text reaches the passages, per document.

    python benchmarks/bench_pdf_coverage.py [PDF ...]

Body text is the page's text layer (pdfium, every page; text objects drawn
wholly outside their clipping path are no text anyone sees) less what ingest
keeps as blocks of its own: running headers and footers, figure text,
tables, contents entries and footnotes. Its words, counted with their
repeats, are looked up among the words of the passages and the headings
(which travel as section paths). The figure to hold is 98 % or more for
every PDF in ../shared/corpora, extended/ included.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
for folder in (ROOT, ROOT / "benchmarks"):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

import pypdfium2 as pdfium  # noqa: E402

from bench_ingest import all_shared_pdfs, input_pdfs  # noqa: E402
from nlp_pipeline.ingest import read_document  # noqa: E402
from nlp_pipeline.ingest.pdf.characters import unclipped_text  # noqa: E402
from nlp_pipeline.records import BlockKind  # noqa: E402
from nlp_pipeline.segment import segment_document  # noqa: E402

_WORD = re.compile(r"[^\W\d_]{3,}", re.UNICODE)  # words of letters: numbers and markers are set differently
KEPT_APART = {BlockKind.FURNITURE, BlockKind.FIGURE, BlockKind.TABLE, BlockKind.TOC, BlockKind.FOOTNOTE}


_LINE_END_HYPHEN = re.compile(r"[-\u00ad\x02\ufffe]\r?\n")
_SOFT_HYPHEN = re.compile("[\u00ad\x02\ufffe]")  # pdfium's marks of a hyphen that may break a word


def words(text: str) -> Counter[str]:
    """Lower-cased words of letters; a word hyphenated at a line end counts whole, as ingest joins it."""
    text = _SOFT_HYPHEN.sub("", _LINE_END_HYPHEN.sub("", text))
    return Counter(w.lower() for w in _WORD.findall(text))


def coverage(path: Path) -> tuple[int, int, float]:
    document = read_document(path)
    passages = segment_document(document)
    pdf = pdfium.PdfDocument(str(path))
    try:
        layer = Counter()
        for i in range(len(pdf)):
            textpage = pdf[i].get_textpage()
            layer += words(unclipped_text(textpage))
            textpage.close()
    finally:
        pdf.close()
    apart = Counter()
    for block in document.blocks:
        if block.kind in KEPT_APART:
            apart += words(block.text)
    body = layer - apart
    found = Counter()
    for passage in passages:
        found += words(passage.text)
    for block in document.blocks:
        if block.kind is BlockKind.HEADING:
            found += words(block.text)
    covered = sum((body & found).values())
    total = sum(body.values())
    return covered, total, covered / total if total else 1.0


def main(argv: list[str]) -> int:
    paths = input_pdfs(argv, default=all_shared_pdfs())
    if paths is None:
        return 2
    print(f"{'file':55} {'body words':>10} {'in passages':>11} {'coverage':>8}")
    worst = 1.0
    covered_all = total_all = 0
    for path in paths:
        covered, total, share = coverage(path)
        worst = min(worst, share)
        covered_all += covered
        total_all += total
        flag = "" if share >= 0.98 else "  < 98 %"
        print(f"{path.name[:55]:55} {total:10d} {covered:11d} {share:8.1%}{flag}")
    print(f"{'overall':55} {total_all:10d} {covered_all:11d} {covered_all / total_all:8.1%}   lowest {worst:.1%}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
