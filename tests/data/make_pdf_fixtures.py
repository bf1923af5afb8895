"""Build the small PDF fixtures the PDF backend is tested on.

Run from anywhere: `python tests/data/make_pdf_fixtures.py`. The output is
deterministic (reportlab's invariant mode), so rebuilding gives the same
bytes and the committed PDFs can be checked against this script.

- two_column.pdf: 3 pages, two columns, running header, "Page N" footer,
  headings, a bullet and a footnote; paragraphs numbered P1..P12 in reading
  order. Page 2 writes its right column first, so a reader that follows the
  content stream gets the order wrong there.
- legal_act.pdf: 2 pages laid out like the Official Journal (running header
  "L 322/15 ... Official Journal ..."), with recitals and articles (EU law
  text may be copied; this is an abridged extract of Directive (EU) 2022/2464).
- corrupt.pdf: two_column.pdf cut after its first 400 bytes.
- encrypted.pdf: needs the user password "secret".
- image_only.pdf: a page with a picture and no text layer (a scan).
- layout_defects.pdf: one page per defect of issue 12, made up by the
  project: a cover slogan, a chart with axis ticks and a legend, callouts,
  a table with its caption, footnote markers on years, a run-in label,
  hyphenated line ends, text nobody can see
  (invisible, white on white, placeholder, off the page), boxes written in
  the wrong order, and printed page numbers that differ from the physical.
- write_deflate_bomb(): not a committed file; tests and benchmarks build a
  PDF whose content stream inflates to a size they choose.
"""

from __future__ import annotations

import io
import textwrap
import zlib
from pathlib import Path

from reportlab import rl_config
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas

rl_config.invariant = 1  # no timestamps or random ids: same script, same bytes

HERE = Path(__file__).resolve().parent
WIDTH, HEIGHT = A4
MARGIN = 56
GUTTER = 24
COLUMN = (WIDTH - 2 * MARGIN - GUTTER) / 2
RUNNING_HEADER = "Electronics Supply Chain Fixture Report 2024"

FILLER = (
    "The company sources tin, tantalum, tungsten and gold from smelters that are audited against "
    "a recognised standard and reports the share of audited smelters every year."
)

# (page, column, items): an item is ("h", text) heading, ("p", n) paragraph Pn, ("b", text) bullet.
LAYOUT = {
    1: {
        0: [("h", "1 Responsible sourcing"), ("p", 1), ("p", 2)],
        1: [("p", 3), ("b", "Audit every smelter in the supply chain by 2026."), ("p", 4)],
    },
    2: {
        0: [("h", "2 Due diligence"), ("p", 5), ("p", 6)],
        1: [("p", 7), ("p", 8)],
    },
    3: {
        0: [("h", "3 Targets"), ("p", 9), ("p", 10)],
        1: [("h", "3.1 Recycling"), ("p", 11), ("p", 12)],
    },
}


def paragraph_text(n: int) -> str:
    return f"P{n} marks paragraph {n} of the fixture. {FILLER}"


def _draw_column(c: canvas.Canvas, x: float, items: list[tuple[str, object]]) -> None:
    y = HEIGHT - 110
    for kind, value in items:
        if kind == "h":
            c.setFont("Helvetica-Bold", 15 if "." not in str(value).split()[0] else 12)
            c.drawString(x, y, str(value))
            y -= 26
            continue
        text = paragraph_text(int(value)) if kind == "p" else str(value)
        width_chars = 46 if kind == "p" else 42
        lines = textwrap.wrap(text, width_chars)
        c.setFont("Helvetica", 10)
        for i, line in enumerate(lines):
            if kind == "b" and i == 0:
                c.drawString(x, y, "\u2022")
            c.drawString(x + (10 if kind == "b" else 0), y, line)
            y -= 12.5
        y -= 12


def build_two_column(path: Path) -> bytes:
    buffer = io.BytesIO()
    c = canvas.Canvas(buffer, pagesize=A4, invariant=1)
    c.setTitle("")
    for page in (1, 2, 3):
        c.setFont("Helvetica", 8)
        c.drawString(MARGIN, HEIGHT - 40, RUNNING_HEADER)
        columns = LAYOUT[page]
        # Page 2 writes the right column first: stream order is not reading order.
        order = (1, 0) if page == 2 else (0, 1)
        for col in order:
            _draw_column(c, MARGIN + col * (COLUMN + GUTTER), columns[col])
        if page == 3:
            c.setFont("Helvetica", 7)
            c.drawString(MARGIN, 80, "1 Smelter lists are published by the Responsible Minerals Initiative.")
        c.setFont("Helvetica", 9)
        c.drawCentredString(WIDTH / 2, 30, f"Page {page}")
        c.showPage()
    c.save()
    data = buffer.getvalue()
    path.write_bytes(data)
    return data


LEGAL_PAGES = [
    [
        ("title", "DIRECTIVE (EU) 2022/2464 OF THE EUROPEAN PARLIAMENT AND OF THE COUNCIL"),
        ("center", "of 14 December 2022"),
        ("center", "as regards corporate sustainability reporting"),
        ("body", "THE EUROPEAN PARLIAMENT AND THE COUNCIL OF THE EUROPEAN UNION,"),
        ("body", "Having regard to the Treaty on the Functioning of the European Union,"),
        ("body", "Whereas:"),
        ("recital", "(1) In its communication of 11 December 2019 entitled 'The European Green Deal', the Commission "
         "made a commitment to review the provisions concerning non-financial reporting."),
        ("recital", "(2) Users need information about governance factors, including the role of the "
         "administrative, management and supervisory bodies."),
        ("body", "HAVE ADOPTED THIS DIRECTIVE:"),
    ],
    [
        ("article", "Article 1"),
        ("article_title", "Amendments to Directive 2013/34/EU"),
        ("body", "Directive 2013/34/EU is amended as follows:"),
        ("recital", "(1) in Article 1, the following paragraphs are inserted:"),
        ("article", "Article 2"),
        ("article_title", "Transposition"),
        ("recital", "1. Member States shall bring into force the laws, regulations and administrative "
         "provisions necessary to comply with this Directive by 6 July 2024."),
        ("recital", "2. Member States shall communicate to the Commission the text of the main measures "
         "of national law which they adopt in the field covered by this Directive."),
    ],
]


def build_legal_act(path: Path) -> None:
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    for number, items in enumerate(LEGAL_PAGES, start=15):
        c.setFont("Helvetica", 9)
        left, right = ("16.12.2022", f"L 322/{number}") if number % 2 else (f"L 322/{number}", "16.12.2022")
        c.drawString(MARGIN, HEIGHT - 40, left)
        c.drawCentredString(WIDTH / 2, HEIGHT - 40, "EN Official Journal of the European Union")
        c.drawRightString(WIDTH - MARGIN, HEIGHT - 40, right)
        y = HEIGHT - 90
        for kind, text in items:
            if kind in ("title", "center", "article", "article_title"):
                font = {"title": ("Helvetica-Bold", 11), "article": ("Helvetica-Oblique", 10),
                        "article_title": ("Helvetica-Bold", 10)}.get(kind, ("Helvetica", 10))
                c.setFont(*font)
                for line in textwrap.wrap(text, 80):
                    c.drawCentredString(WIDTH / 2, y, line)
                    y -= 13
                y -= 10
                continue
            c.setFont("Helvetica", 10)
            if kind == "recital":
                label, rest = text.split(" ", 1)
                c.drawString(MARGIN, y, label)
                lines = textwrap.wrap(rest, 82)
                for line in lines:
                    c.drawString(MARGIN + 28, y, line)
                    y -= 12.5
            else:
                for line in textwrap.wrap(text, 90):
                    c.drawString(MARGIN, y, line)
                    y -= 12.5
            y -= 10
        c.showPage()
    c.save()


def build_encrypted(path: Path) -> None:
    c = canvas.Canvas(str(path), pagesize=A4, encrypt="secret", invariant=1)
    c.setFont("Helvetica", 10)
    c.drawString(MARGIN, HEIGHT - 100, "This text is only readable with the password.")
    c.showPage()
    c.save()


def build_image_only(path: Path) -> None:
    from PIL import Image, ImageDraw

    image = Image.new("L", (200, 120), 255)
    draw = ImageDraw.Draw(image)
    for y in range(10, 110, 12):  # lines that look like text in a scan, but are pixels
        draw.rectangle((10, y, 190, y + 5), fill=40)
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    c.drawImage(ImageReader(image), MARGIN, HEIGHT - 300, width=400, height=240)
    c.showPage()
    c.save()


# -- layout defects (issue 12) ------------------------------------------------------

DEFECT_BODY = (
    "The company reports the energy use of its sites every year and sets targets that are reviewed by "
    "the board, with results published in this report for readers to check against the plan."
)


def _page_number(c: canvas.Canvas, printed: int) -> None:
    c.setFont("Helvetica", 8)
    c.drawString(MARGIN, HEIGHT - 30, "Fixture Sustainability Report")
    c.drawRightString(WIDTH - MARGIN, 28, str(printed))


def _paragraph(c: canvas.Canvas, x: float, y: float, text: str, width_chars: int = 90, size: float = 10,
               font: str = "Helvetica", leading: float = 12.5) -> float:
    c.setFont(font, size)
    for line in textwrap.wrap(text, width_chars):
        c.drawString(x, y, line)
        y -= leading
    return y - 8


def _defect_cover(c: canvas.Canvas) -> None:
    c.setFont("Helvetica-Bold", 30)
    c.drawString(MARGIN, HEIGHT - 200, "Together for a cleaner tomorrow")
    c.setFont("Helvetica", 14)
    c.drawString(MARGIN, HEIGHT - 240, "Fixture Sustainability Report 2024")


def _defect_chart(c: canvas.Canvas) -> None:
    _page_number(c, 2)
    c.setFont("Helvetica-Bold", 16)
    c.drawString(MARGIN, HEIGHT - 80, "Emissions pathway")
    y = _paragraph(c, MARGIN, HEIGHT - 110, "C1 marks the chart page. " + DEFECT_BODY)
    c.setFont("Helvetica-Bold", 9)
    c.drawString(MARGIN, y - 10, "Figure 1: Emissions to 2050")
    x0, base, w, h = MARGIN + 30, y - 220, 300, 180
    c.setLineWidth(0.5)
    for k, tick in enumerate((0, 5, 10, 15, 20, 25, 30, 35)):
        ty = base + k * h / 7
        c.line(x0, ty, x0 + w, ty)
        c.setFont("Helvetica", 7)
        c.drawRightString(x0 - 6, ty - 2, str(tick))
    for k, (year, value) in enumerate(((2012, 30), (2020, 26), (2030, 15), (2040, 8), (2050, 3))):
        bx = x0 + 20 + k * 55
        c.setFillColorRGB(0.2, 0.5, 0.3)
        c.rect(bx, base, 25, value * h / 35, stroke=0, fill=1)
        c.setFillColorRGB(0, 0, 0)
        c.setFont("Helvetica", 7)
        c.drawString(bx + 2, base - 12, str(year))
    for k, label in enumerate(("Scope 1 emissions", "Scope 2 emissions")):
        c.setFillColorRGB(0.2, 0.5, 0.3) if k == 0 else c.setFillColorRGB(0.6, 0.6, 0.6)
        c.rect(x0 + k * 120, base - 34, 6, 6, stroke=0, fill=1)
        c.setFillColorRGB(0, 0, 0)
        c.drawString(x0 + 10 + k * 120, base - 33, label)
    _paragraph(c, MARGIN, base - 70, "C2 follows the chart. " + DEFECT_BODY)


def _defect_callouts_and_boxes(c: canvas.Canvas) -> None:
    _page_number(c, 3)
    c.setFont("Helvetica-Bold", 16)
    c.drawString(MARGIN, HEIGHT - 80, "About the company")
    # Two columns of a box, written right column first.
    left = ("B1 opens the left column: we acknowledge that the land on which our offices stand has been home "
            "to many peoples, and we continue to learn from them.")
    right = ("B2 opens the right column: our home office is located in a city whose name comes from the "
             "language of the first people who lived here.")
    _paragraph(c, MARGIN + 260, HEIGHT - 120, right, 42)
    _paragraph(c, MARGIN, HEIGHT - 120, left, 42)
    c.setFont("Helvetica-Bold", 28)
    c.drawString(MARGIN, HEIGHT - 300, "$6.8 Billion")
    c.setFont("Helvetica", 9)
    c.drawString(MARGIN + 20, HEIGHT - 315, "Total Assets")
    c.setFont("Helvetica-Bold", 28)
    c.drawString(MARGIN + 260, HEIGHT - 300, "1.3 million ft")
    c.setFont("Helvetica", 9)
    c.drawString(MARGIN + 280, HEIGHT - 315, "development pipeline")
    _paragraph(c, MARGIN, HEIGHT - 360, "B3 comes after the callouts. " + DEFECT_BODY)


TABLE_ROWS = [("Committee", "Members", "Meetings"), ("Audit", "4", "6"), ("Governance", "3", "5"),
              ("Investment", "5", "4"), ("Sustainability", "4", "3")]


def _defect_table(c: canvas.Canvas) -> None:
    _page_number(c, 4)
    y = _paragraph(c, MARGIN, HEIGHT - 80, "T1 introduces the table. " + DEFECT_BODY)
    c.setFont("Helvetica-Bold", 9)
    c.drawString(MARGIN, y - 4, "Table 1: Board committees in 2024")
    y -= 24
    c.setLineWidth(0.6)
    for row in TABLE_ROWS:
        c.line(MARGIN, y + 11, MARGIN + 330, y + 11)
        c.setFont("Helvetica-Bold" if row is TABLE_ROWS[0] else "Helvetica", 9)
        c.drawString(MARGIN + 4, y, row[0])
        c.drawRightString(MARGIN + 200, y, row[1])
        c.drawRightString(MARGIN + 320, y, row[2])
        y -= 18
    c.line(MARGIN, y + 11, MARGIN + 330, y + 11)
    _paragraph(c, MARGIN, y - 20, "T2 follows the table. " + DEFECT_BODY)


def _superscript(c: canvas.Canvas, x: float, y: float, base: str, mark: str, size: float = 10) -> float:
    c.setFont("Helvetica", size)
    c.drawString(x, y, base)
    x += c.stringWidth(base, "Helvetica", size)
    c.setFont("Helvetica", size * 0.6)
    c.drawString(x, y + size * 0.38, mark)
    return x + c.stringWidth(mark, "Helvetica", size * 0.6)


def _defect_text(c: canvas.Canvas) -> None:
    _page_number(c, 5)
    y = HEIGHT - 80
    # Footnote markers glued to years.
    x = _superscript(c, MARGIN, y, "F1 We will cut our emissions by half by 2030", "1")
    c.setFont("Helvetica", 10)
    c.drawString(x, y, " and reach net zero by 2050.")
    y -= 30
    # A bold run-in label opening a paragraph.
    c.setFont("Helvetica-Bold", 10)
    c.drawString(MARGIN, y, "Energy efficiency:")
    width = c.stringWidth("Energy efficiency: ", "Helvetica-Bold", 10)
    c.setFont("Helvetica", 10)
    c.drawString(MARGIN + width, y, "R1 we replaced the lighting in all our stores and cut their use")
    c.drawString(MARGIN, y - 12.5, "of electricity by a fifth over three years.")
    y -= 45
    # Hyphenated line ends: a split word and a compound.
    c.drawString(MARGIN, y, "H1 Every one of our sites reached full compli-")
    c.drawString(MARGIN, y - 12.5, "ance with the standard, including the Non-")
    c.drawString(MARGIN, y - 25, "Landlord sites that we lease to others. Our")
    c.drawString(MARGIN, y - 37.5, "compliance is checked by the auditor.")
    y -= 60
    # Text nobody sees.
    text = c.beginText(MARGIN, y)
    text.setTextRenderMode(3)
    text.setFont("Helvetica", 10)
    text.textLine("Invisible words that a reader of the page never sees.")
    text.setTextRenderMode(0)
    c.drawText(text)
    c.setFillColorRGB(1, 1, 1)
    c.drawString(MARGIN, y - 20, "FSC logo here Printer to place")
    c.setFillColorRGB(0, 0, 0)
    c.drawString(MARGIN, y - 40, "Lorem ipsum dolor sit amet, consectetur adipiscing elit.")
    c.drawString(WIDTH + 40, y - 60, "Words set beyond the trimmed edge of the page.")
    y = _paragraph(c, MARGIN, y - 80, "V1 is visible. " + DEFECT_BODY)
    # Footnote at the page foot, after a short separator rule.
    c.line(MARGIN, 80, MARGIN + 120, 80)
    c.setFont("Helvetica", 6)
    c.drawString(MARGIN, 72, "1")
    c.setFont("Helvetica", 8)
    c.drawString(MARGIN + 5, 68, "Compared with our emissions in the base year 2019, measured for all operated sites.")


def _defect_standfirst(c: canvas.Canvas) -> None:
    _page_number(c, 6)
    c.setFont("Helvetica-Bold", 16)
    c.drawString(MARGIN, HEIGHT - 80, "Our climate targets")
    _paragraph(c, MARGIN, HEIGHT - 110, "We aim to halve emissions by 2030 and reach net zero by 2050.", 60, 14,
               "Helvetica-Bold", 17)
    _paragraph(c, MARGIN, HEIGHT - 160, "S1 explains the targets. " + DEFECT_BODY)


def build_layout_defects(path: Path) -> None:
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    c.setTitle("")
    for draw in (_defect_cover, _defect_chart, _defect_callouts_and_boxes, _defect_table, _defect_text,
                 _defect_standfirst):
        draw(c)
        c.showPage()
    c.save()


# -- a decompression bomb -----------------------------------------------------------


def write_deflate_bomb(path: Path, inflated_bytes: int, chunk: int = 1 << 24) -> int:
    """A one-page PDF whose content stream inflates to `inflated_bytes` of spaces; returns the file size.

    Compressed in chunks, so that building a 1 GiB bomb holds 16 MiB at a time.
    """
    packer = zlib.compressobj(9)
    body = bytearray()
    left = inflated_bytes
    block = b" " * min(chunk, inflated_bytes)
    while left > 0:
        part = block if left >= len(block) else block[:left]
        body += packer.compress(part)
        left -= len(part)
    body += packer.flush()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
        b"<< /Length " + str(len(body)).encode() + b" /Filter /FlateDecode >>\nstream\n" + bytes(body) + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, obj in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + obj + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    path.write_bytes(bytes(out))
    return len(out)


def main() -> None:
    data = build_two_column(HERE / "two_column.pdf")
    (HERE / "corrupt.pdf").write_bytes(data[:400])
    build_legal_act(HERE / "legal_act.pdf")
    build_encrypted(HERE / "encrypted.pdf")
    build_image_only(HERE / "image_only.pdf")
    build_layout_defects(HERE / "layout_defects.pdf")


if __name__ == "__main__":
    main()
