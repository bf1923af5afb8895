"""Build the page-truth set for PDF ingest: block types per page and sentences with their page.

    python scripts/build_page_truth.py [--shared ../shared/corpora] [--out tests/data/page_truth.json]
    python scripts/build_page_truth.py --review DIR   # page images with the blocks drawn, for checking

The reports are third-party documents, so the truth holds no text: each
document is named with its sha256; a labelled block is its page, its box
(points from the page's top left) and its type; a sentence is its page, its
character offsets into the page's text layer as pdfium gives it, and the
sha1 of its words.

Block types were drafted from ingest's own output and then checked against
the rendered pages (`--review`); every type a reader corrected is listed in
CORRECTIONS below (document, page, the box's top left, the right type). The
committed file is the truth: rebuild it only to review it again, since a
rebuild drafts from ingest as it is then. Sentences come from the text layer alone:
runs of lines of one column and size, cut at full stops, kept when whole
(a capital to a full stop, eight words or more).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT_ROOT))

import pypdfium2 as pdfium  # noqa: E402

from nlp_pipeline.ingest import read_document  # noqa: E402

# Documents and the pages labelled in each: charts, tables, columns, boxes, footnotes.
PAGES = {
    "company_pdf/BHP_Climate_Change_Report_2020.pdf": [3, 11, 20, 24, 27, 29, 33, 47],
    "company_pdf/BHP_Climate_Transition_Action_Plan.pdf": [4, 5, 8, 12, 16, 20, 22, 25],
    "company_pdf/CT_REIT_2022_ESG_Report.pdf": [3, 4, 5, 10, 13, 24, 26, 30],
    "eu_law/csrd_2022_2464_oj.pdf": [1, 5, 8, 27, 32, 40, 56, 66],
    "extended/company_pdf/SMA_Solar_Technology_Annual_Report_2023.pdf": [4, 20, 50, 100, 124, 126, 139, 192],
    "extended/company_pdf/Samsung_Electronics_Responsible_Minerals_Report_2025.pdf": [5, 9, 13, 20, 30, 40],
    "extended/company_pdf/Manz_AG_Sustainability_Report_2023.pdf": [6, 15, 30, 45, 65],
    "extended/industry/EFRAG_IG2_Value_Chain_Implementation_Guidance_2024.pdf": [5, 10, 11, 20, 30],
    "extended/industry/OECD_Due_Diligence_Guidance_Minerals_3rd_Ed_2016.pdf": [20, 50, 84],
    "extended/company_pdf/Viscom_SE_Annual_Report_2023.pdf": [10, 40, 110],
}

# (document, page, left, top of the box in the draft) -> the type a reader sees on the page.
CORRECTIONS: dict[tuple[str, int, float, float], str] = {
    # BHP 2020 p. 24: two rows of the "track record" table set apart from it; the bar chart's axis read as a table.
    ("company_pdf/BHP_Climate_Change_Report_2020.pdf", 24, 95.6, 267.3): "table",
    ("company_pdf/BHP_Climate_Change_Report_2020.pdf", 24, 95.2, 283.2): "table",
    ("company_pdf/BHP_Climate_Change_Report_2020.pdf", 24, 54.1, 493.0): "figure",
    # CT REIT p. 24: the labels and percentages of the three board donuts.
    ("company_pdf/CT_REIT_2022_ESG_Report.pdf", 24, 72.5, 376.3): "figure",
    ("company_pdf/CT_REIT_2022_ESG_Report.pdf", 24, 159.2, 359.8): "figure",
}


def corrected(relative: str, page: int, block: dict) -> str:
    for (file, number, x0, top), kind in CORRECTIONS.items():
        if file == relative and number == page and abs(block["bbox"][0] - x0) <= 3 and abs(block["bbox"][1] - top) <= 3:
            return kind
    return block["kind"]


_SENTENCE_END = re.compile(r"(?<=[a-z\)”’\]])\.(?=\s+[A-Z“‘(])")
_HYPHEN_BREAK = re.compile(r"[-\u00ad\x02\ufffe]\r?\n|[\u00ad\x02\ufffe]")


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def sentence_key(text: str) -> str:
    """The words of a sentence (letters only, lower case), as the benchmark compares them."""
    return " ".join(re.findall(r"[^\W\d_]{2,}", _HYPHEN_BREAK.sub("", text).lower()))


def sentence_hash(text: str) -> str:
    return hashlib.sha1(sentence_key(text).encode("utf-8")).hexdigest()[:12]


def draft_blocks(document, page: int) -> list[dict]:
    return [
        {"kind": b.kind.value, "bbox": [round(v, 1) for v in b.bbox]}
        for b in document.blocks
        if b.page == page and b.bbox
    ]


def text_lines(textpage, text: str) -> list[tuple[int, int, float, float, float]]:
    """Lines of the text layer: (start, end offsets, left x, minus top y, font size, font weight)."""
    import ctypes

    import pypdfium2.raw as raw

    out = []
    l, r, b, t = (ctypes.c_double() for _ in range(4))
    refs = [ctypes.byref(v) for v in (l, r, b, t)]
    for m in re.finditer(r"[^\r\n]+", text):
        first = m.start() + (len(m.group(0)) - len(m.group(0).lstrip()))
        if first >= m.end():
            continue
        raw.FPDFText_GetCharBox(textpage.raw, first, *refs)
        size = raw.FPDFText_GetFontSize(textpage.raw, first)
        matrix = raw.FS_MATRIX()
        if raw.FPDFText_GetMatrix(textpage.raw, first, ctypes.byref(matrix)):
            size *= (matrix.c * matrix.c + matrix.d * matrix.d) ** 0.5 or 1.0
        out.append((m.start(), m.end(), l.value, -t.value, size, raw.FPDFText_GetFontWeight(textpage.raw, first)))
    return out


def sentences_on(pdf: pdfium.PdfDocument, page: int, limit: int, apart: list[list[float]]) -> list[dict]:
    """Whole sentences from runs of lines that stand in one column, one under the other.

    Sentences inside a box labelled footnote, table, figure or furniture
    (`apart`) are left out: they are not meant to reach the passages.
    """
    import ctypes

    import pypdfium2.raw as raw

    pdf_page = pdf[page - 1]
    height = pdf_page.get_size()[1]
    textpage = pdf_page.get_textpage()
    text = textpage.get_text_range()
    lines = text_lines(textpage, text)
    runs: list[list[tuple]] = []
    for line in lines:
        if runs:
            prev = runs[-1][-1]
            # A hanging label ("(12)", a bullet) puts the first line left of the others.
            aligned = abs(line[2] - prev[2]) <= 2.0 or (len(runs[-1]) == 1 and 0 < line[2] - prev[2] <= 40.0)
            same_column = aligned and abs(line[4] - prev[4]) <= 0.6 and abs(line[5] - prev[5]) < 150
            next_line = 0 < line[3] - prev[3] <= 2.0 * max(prev[4], 4.0)
            if same_column and next_line:
                runs[-1].append(line)
                continue
        runs.append([line])
    found: list[dict] = []
    for run in runs:
        if len(run) < 2:
            continue
        start, end = run[0][0], run[-1][1]
        chunk = text[start:end]
        cuts = [0] + [m.end() for m in _SENTENCE_END.finditer(chunk)]
        for a, b in zip(cuts, cuts[1:]):
            sentence = chunk[a:b].strip()
            offset = start + a + (len(chunk[a:b]) - len(chunk[a:b].lstrip()))
            words = sentence_key(sentence).split()
            l, r, b, t = (ctypes.c_double() for _ in range(4))
            raw.FPDFText_GetCharBox(textpage.raw, offset, *(ctypes.byref(v) for v in (l, r, b, t)))
            x, y = (l.value + r.value) / 2, height - (b.value + t.value) / 2
            if any(box[0] - 2 <= x <= box[2] + 2 and box[1] - 2 <= y <= box[3] + 2 for box in apart):
                continue
            if len(words) >= 8 and sentence[:1].isupper() and sentence.endswith("."):
                found.append({"page": page, "start": offset, "end": offset + len(sentence),
                              "sha1": sentence_hash(sentence)})
    textpage.close()
    return found[:limit]


def build(shared: Path) -> dict:
    documents = []
    for relative, pages in PAGES.items():
        path = shared / relative
        document = read_document(path)
        pdf = pdfium.PdfDocument(str(path))
        labelled = []
        sentences = []
        for page in pages:
            blocks = draft_blocks(document, page)
            for block in blocks:
                block["kind"] = corrected(relative, page, block)
            labelled.append({"page": page, "blocks": blocks})
            apart = [b["bbox"] for b in blocks if b["kind"] in ("footnote", "table", "figure", "furniture", "toc")]
            sentences.extend(sentences_on(pdf, page, 14, apart))
        pdf.close()
        documents.append({"file": relative, "sha256": sha256(path), "pages": labelled, "sentences": sentences})
    return {"about": __doc__.strip().splitlines()[0], "documents": documents}


def review(shared: Path, out: Path) -> None:
    """Page images with the draft boxes drawn and numbered, four pages to an image."""
    from PIL import Image, ImageDraw

    colours = {"heading": (220, 0, 0), "paragraph": (0, 90, 255), "list_item": (0, 160, 160), "table": (0, 170, 0),
               "footnote": (200, 0, 200), "figure": (255, 140, 0), "toc": (120, 120, 120), "furniture": (150, 150, 150)}
    out.mkdir(parents=True, exist_ok=True)
    truth = build(shared)
    for doc in truth["documents"]:
        pdf = pdfium.PdfDocument(str(shared / doc["file"]))
        images = []
        for entry in doc["pages"]:
            scale = 0.55
            image = pdf[entry["page"] - 1].render(scale=scale).to_pil().convert("RGB")
            draw = ImageDraw.Draw(image)
            for k, block in enumerate(entry["blocks"]):
                x0, top, x1, bottom = (v * scale for v in block["bbox"])
                colour = colours[block["kind"]]
                draw.rectangle([x0, top, x1, bottom], outline=colour, width=2)
                draw.text((x0, max(0, top - 9)), str(k), fill=colour)
            draw.text((4, 4), f"p{entry['page']}", fill=(255, 0, 0))
            images.append(image)
        for n in range(0, len(images), 4):
            group = images[n : n + 4]
            sheet = Image.new("RGB", (sum(i.width for i in group), max(i.height for i in group)), "white")
            x = 0
            for image in group:
                sheet.paste(image, (x, 0))
                x += image.width
            sheet.save(out / f"{Path(doc['file']).stem}_{n // 4}.png")


def main(argv: list[str]) -> int:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--shared", type=Path, default=PROJECT_ROOT.parent / "shared" / "corpora")
    options.add_argument("--out", type=Path, default=PROJECT_ROOT / "tests" / "data" / "page_truth.json")
    options.add_argument("--review", type=Path, help="write page images with the draft boxes to this folder")
    args = options.parse_args(argv)
    if not args.shared.is_dir():
        print(f"{args.shared}: not found (the page truth is built from ../shared/corpora)", file=sys.stderr)
        return 2
    if args.review:
        review(args.shared, args.review)
        return 0
    truth = build(args.shared)
    args.out.write_text(json.dumps(truth, indent=1) + "\n", encoding="utf-8")
    pages = sum(len(d["pages"]) for d in truth["documents"])
    sentences = sum(len(d["sentences"]) for d in truth["documents"])
    print(f"{args.out}: {len(truth['documents'])} documents, {pages} pages, {sentences} sentences")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
