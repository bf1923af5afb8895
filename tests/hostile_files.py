"""Hostile and broken input files, generated on demand for the tests and benchmarks.

Nothing here is committed as data: each builder writes its file into a folder
in a second or less, from raw bytes (a PDF's objects written by hand), so a
50,000-page PDF or a 1 GiB decompression bomb costs a few megabytes of disk
and no PDF library.
"""

from __future__ import annotations

import random
import zlib
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"
MiB = 1024 * 1024


def raw_pdf(objects: list[bytes]) -> bytes:
    """A PDF file of these objects (object 1 must be the catalog), with a correct cross-reference table."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def _stream(data: bytes, compress: bool = False) -> bytes:
    if compress:
        return b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(data) + data + b"\nendstream"
    return b"<< /Length %d >>\nstream\n" % len(data) + data + b"\nendstream"


FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"


def text_pdf(lines: list[str]) -> bytes:
    """A one-page PDF with these lines of text."""
    content = b"BT /F1 11 Tf 60 780 Td 14 TL " + b" ".join(
        b"(" + line.encode("latin-1").replace(b"(", b"\\(").replace(b")", b"\\)") + b") '" for line in lines
    ) + b" ET"
    return raw_pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        _stream(content),
        FONT,
    ])


def many_pages_pdf(pages: int) -> bytes:
    """A PDF of `pages` pages sharing one small content stream: 50,000 pages in about 3 MB."""
    first_page = 5
    kids = b" ".join(b"%d 0 R" % (first_page + i) for i in range(pages))
    page = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 3 0 R /Resources << /Font << /F1 4 0 R >> >> >>"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % pages,
        _stream(b"BT /F1 11 Tf 60 780 Td (Suppliers shall report on due diligence.) Tj ET"),
        FONT,
    ] + [page] * pages
    return raw_pdf(objects)


def bomb_pdf(inflated_bytes: int) -> bytes:
    """A one-page PDF whose content stream is ~1 MB on disk and inflates to `inflated_bytes` (spaces)."""
    compressor = zlib.compressobj(9)
    chunk = b" " * MiB
    parts = [compressor.compress(b"BT /F1 11 Tf 60 780 Td (A decompression bomb.) Tj ET\n")]
    for _ in range(inflated_bytes // MiB):
        parts.append(compressor.compress(chunk))
    parts.append(compressor.flush())
    return raw_pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        _stream(b"".join(parts), compress=True),
        FONT,
    ])


def single_line_text(size: int) -> str:
    """A text of `size` characters on one line: sentences with no line break at all."""
    sentence = "The company shall audit every smelter in its supply chain and report the results every year. "
    return (sentence * (size // len(sentence) + 1))[:size]


def truncated(data: bytes, at: int) -> bytes:
    return data[:at]


def flipped(data: bytes, flips: int, seed: int) -> bytes:
    rng = random.Random(seed)
    mutable = bytearray(data)
    for _ in range(flips):
        position = rng.randrange(len(mutable))
        mutable[position] ^= 1 << rng.randrange(8)
    return bytes(mutable)


# name -> (builder of the bytes, what a run must say of it: None if it must be read)
def hostile_corpus(folder: Path, bomb_bytes: int = 1024 * MiB, pages: int = 50_000) -> dict[str, str | None]:
    """Write the hostile files of issue 17 into `folder`; returns name -> expected words of its failure."""
    folder.mkdir(parents=True, exist_ok=True)
    good_pdf = (DATA / "two_column.pdf").read_bytes()
    files: dict[str, tuple[bytes, str | None]] = {
        "empty.pdf": (b"", "empty"),
        "truncated.pdf": (good_pdf[: len(good_pdf) // 3], "not a readable PDF"),
        "garbage.pdf": (bytes(random.Random(7).randrange(256) for _ in range(20_000)), "not a readable PDF"),
        "encrypted.pdf": ((DATA / "encrypted.pdf").read_bytes(), "encrypted"),
        "image_only.pdf": ((DATA / "image_only.pdf").read_bytes(), "no text layer"),
        "fifty_thousand_pages.pdf": (many_pages_pdf(pages), "--max-"),
        "bomb.pdf": (bomb_pdf(bomb_bytes), "--max-"),
        "binary_junk.txt": (bytes(random.Random(11).randrange(256) for _ in range(50_000)), None),
        "one_line_2mb.txt": (single_line_text(2 * MiB).encode(), None),
    }
    for name, (data, _) in files.items():
        (folder / name).write_bytes(data)
    return {name: expected for name, (_, expected) in files.items()}
