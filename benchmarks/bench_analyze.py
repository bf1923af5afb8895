"""Pages per second and peak memory of the whole `analyze` path on the shared PDFs.

    python benchmarks/bench_analyze.py [FILE ...]

Ingest, segmentation, classification (hybrid), assessment and aggregation,
with the model loaded once before timing (a warm-up on one short text), so
the figure is the steady-state cost of a corpus run. Report writing is
excluded. Run in a fresh process: peak memory is the process's ru_maxrss.
"""

from __future__ import annotations

import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
for folder in (ROOT, ROOT / "benchmarks"):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

from bench_ingest import input_pdfs  # noqa: E402  (the same shared PDFs as the ingest benchmark)
from nlp_pipeline.classify.base import make_classifier  # noqa: E402
from nlp_pipeline.pipeline import analyze  # noqa: E402
from nlp_pipeline.taxonomy import load_taxonomy  # noqa: E402

def main(argv: list[str]) -> int:
    paths = input_pdfs(argv)
    if paths is None:
        return 2
    taxonomy = load_taxonomy()
    started = time.perf_counter()
    classifier = make_classifier("hybrid", taxonomy)
    classifier.classify_texts(["warm-up: the supplier shall pay a living wage."])
    load_seconds = time.perf_counter() - started

    started, cpu_started = time.perf_counter(), time.process_time()
    result = analyze(paths, taxonomy=taxonomy, classifier=classifier)
    wall, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    pages = sum(d.page_count for d in result.documents)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"model load + warm-up: {load_seconds:.1f} s")
    print(f"documents: {len(result.documents)}, pages: {pages}, passages: {len(result.passages)}, "
          f"failures: {len(result.failures)}")
    for stage, seconds in result.timings.items():
        print(f"  {stage:<16} {seconds:6.2f} s")
    print(f"analyze: {wall:.2f} s wall, {cpu:.2f} s CPU -> {pages / wall:.1f} pages/s "
          f"({pages / cpu:.1f} pages per CPU second), {len(result.passages) / wall:.0f} passages/s")
    print(f"peak memory: {peak_mb:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
