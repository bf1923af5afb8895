"""Pages per second and peak memory of PDF ingest alone, on every PDF in ../shared/corpora.

    python benchmarks/bench_ingest.py [PDF ...]

Without arguments it reads every PDF under ../shared/corpora, extended/
included (relative to the project root). Each file is read once to warm the
imports, then timed (wall clock, and CPU time, which other load on the
machine disturbs less); peak memory is the process's ru_maxrss, so run it in
a fresh process. The figure to hold is 50 pages per second or more.
"""

from __future__ import annotations

import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from nlp_pipeline.ingest.pdf import read_pdf  # noqa: E402
from nlp_pipeline.ingest.registry import document_id  # noqa: E402

SHARED = ROOT.parent / "shared" / "corpora"
# The default set of bench_analyze: four designed company reports and the CSRD Official Journal PDF.
DEFAULT = [
    SHARED / "company_pdf" / "BHP_Climate_Change_Report_2020.pdf",
    SHARED / "company_pdf" / "BHP_Climate_Transition_Action_Plan.pdf",
    SHARED / "company_pdf" / "CT_REIT_2022_ESG_Report.pdf",
    SHARED / "company_pdf" / "CostCo_Climate_Action_Plan.pdf",
    SHARED / "eu_law" / "csrd_2022_2464_oj.pdf",
]


def all_shared_pdfs() -> list[Path]:
    return sorted(SHARED.rglob("*.pdf"))


def input_pdfs(argv: list[str], default: list[Path] | None = None) -> list[Path] | None:
    """The PDFs named on the command line, or the default set; None (reported) if any is missing."""
    paths = [Path(a) for a in argv] or (default if default is not None else DEFAULT)
    missing = [p for p in paths if not p.exists()]
    if missing or not paths:
        print(f"missing: {', '.join(map(str, missing)) or SHARED}", file=sys.stderr)
        return None
    return paths


def main(argv: list[str]) -> int:
    paths = input_pdfs(argv, default=all_shared_pdfs())
    if paths is None:
        return 2
    first = paths[0].read_bytes()
    read_pdf(paths[0], first, document_id(first))  # warm-up: imports, pdfium init
    total_pages = 0
    total_time = 0.0
    cpu_start = time.process_time()
    print(f"{'file':55} {'pages':>5} {'blocks':>6} {'seconds':>8} {'pages/s':>8}")
    for path in paths:
        data = path.read_bytes()
        start = time.perf_counter()
        document = read_pdf(path, data, document_id(data))
        elapsed = time.perf_counter() - start
        total_pages += document.page_count
        total_time += elapsed
        print(f"{path.name[:55]:55} {document.page_count:5d} {len(document.blocks):6d} {elapsed:8.2f} "
              f"{document.page_count / elapsed:8.1f}")
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    cpu = time.process_time() - cpu_start
    print(f"{'total (' + str(len(paths)) + ' PDFs)':55} {total_pages:5d} {'':6} {total_time:8.2f} "
          f"{total_pages / total_time:8.1f}")
    # CPU time is the figure to compare between runs on a shared machine.
    print(f"CPU: {cpu:.2f} s, {total_pages / cpu:.1f} pages per CPU second")
    print(f"peak RSS: {peak_mb:.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
