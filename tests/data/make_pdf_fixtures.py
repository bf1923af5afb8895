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
"""

from __future__ import annotations

import io
import textwrap
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


def main() -> None:
    data = build_two_column(HERE / "two_column.pdf")
    (HERE / "corrupt.pdf").write_bytes(data[:400])
    build_legal_act(HERE / "legal_act.pdf")
    build_encrypted(HERE / "encrypted.pdf")
    build_image_only(HERE / "image_only.pdf")


if __name__ == "__main__":
    main()
