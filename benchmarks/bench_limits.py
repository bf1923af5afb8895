"""What hostile input costs before it is refused or read: a PDF that inflates to 1 GiB, a 1 MB paragraph.

    python benchmarks/bench_limits.py [--bomb-mib N] [--paragraph-mb N]

1. A one-page PDF whose content stream inflates to 1 GiB (built here, about
   1 MB on disk) is read with the default IngestLimits: it must be refused
   with its reason, and the memory it adds to the process's peak (ru_maxrss
   after minus before, everything else already loaded) must stay under
   200 MB.
2. A text file holding one paragraph of 1 MB (sentences, no blank line) is
   read and segmented: it must take under 10 seconds.

Run in a fresh process; the figures are printed, not asserted.
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
for folder in (ROOT, ROOT / "tests" / "data"):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

from make_pdf_fixtures import write_deflate_bomb  # noqa: E402
from nlp_pipeline.ingest import LimitExceeded, read_document  # noqa: E402
from nlp_pipeline.segment import segment_document  # noqa: E402

SENTENCE = "Suppliers shall report every smelter in their supply chain to the company each year. "


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(argv: list[str]) -> int:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--bomb-mib", type=int, default=1024)
    options.add_argument("--paragraph-mb", type=float, default=1.0)
    args = options.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        # Warm up everything a run loads (pdfium, spaCy), so the bomb's figure is what it adds.
        segment_document(read_document(ROOT / "tests" / "data" / "two_column.pdf"))
        bomb = work / "bomb.pdf"
        size = write_deflate_bomb(bomb, args.bomb_mib * 1024 * 1024)
        before = peak_mb()
        start = time.perf_counter()
        try:
            read_document(bomb)
            outcome = "READ (not refused)"
        except LimitExceeded as error:
            outcome = error.reason
        elapsed = time.perf_counter() - start
        added = peak_mb() - before
        print(f"bomb: {size / 1e6:.1f} MB file inflating to {args.bomb_mib} MiB")
        print(f"  {outcome}")
        print(f"  {elapsed:.2f} s, peak memory added {added:.0f} MB (must stay under 200 MB)")

        paragraph = work / "paragraph.txt"
        text = SENTENCE * int(args.paragraph_mb * 1_000_000 / len(SENTENCE))
        paragraph.write_text(text.strip() + "\n", encoding="utf-8")
        start = time.perf_counter()
        passages = segment_document(read_document(paragraph))
        elapsed = time.perf_counter() - start
        print(f"paragraph: {len(text) / 1e6:.2f} MB without a blank line, {len(passages)} passages")
        print(f"  read and segmented in {elapsed:.2f} s (must stay under 10 s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
