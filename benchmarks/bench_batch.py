"""Throughput of `resourcing batch` with 1 and 2 workers against raw pypdfium2, and the cost of re-runs.

    python benchmarks/bench_batch.py [--copies 5] [--classifier hybrid] [--skip-one-worker]

The corpus is every document in ../shared/corpora (extended/ included, the
MANIFESTs left out) plus copies with a small edit each (a trailing comment or
line, so every copy is a distinct document), `--copies` times over: 41 x 5 =
205 documents by default. Copies live in a temporary folder and are deleted
after the run. Printed: documents and pages per second for 1 and 2 workers,
the peak memory of a worker, pypdfium2's own text extraction on the same PDFs
(pages per second, one process) and `batch` with 2 workers on those PDFs
alone (the same PDFs, so the two rates compare like with like; the
whole-corpus run's PDF pages per second, which also pays for the HTML,
Markdown and JSON documents, is printed too), a re-run with nothing changed (issue 17:
under 5 % of the first run) and a re-run after a taxonomy change (stored
passages classified again, no file read).
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
SHARED = ROOT.parent / "shared" / "corpora"

from nlp_pipeline.batch import run_batch  # noqa: E402
from nlp_pipeline.pipeline import resolve_options  # noqa: E402
from nlp_pipeline.store import ResultStore  # noqa: E402

EDITS = {
    ".pdf": lambda data, n: data + b"\n%% copy %d\n" % n,
    ".html": lambda data, n: data + b"\n<!-- copy %d -->\n" % n,
    ".json": lambda data, n: data + b"\n" * (n + 1),
    ".md": lambda data, n: data + b"\n\nCopy %d of this document.\n" % n,
    ".txt": lambda data, n: data + b"\n\nCopy %d of this document.\n" % n,
}


def build_corpus(folder: Path, copies: int) -> list[Path]:
    originals = sorted(p for p in SHARED.rglob("*") if p.is_file() and p.suffix in EDITS and p.name != "MANIFEST.md")
    written = []
    for n in range(copies):
        for source in originals:
            target = folder / f"copy{n}" / source.relative_to(SHARED)
            target.parent.mkdir(parents=True, exist_ok=True)
            data = source.read_bytes()
            target.write_bytes(data if n == 0 else EDITS[source.suffix](data, n))
            written.append(target)
    return written


def raw_pdfium(pdfs: list[Path]) -> tuple[int, float]:
    import pypdfium2

    pages, started = 0, time.perf_counter()
    for path in pdfs:
        document = pypdfium2.PdfDocument(str(path))
        for page in document:
            page.get_textpage().get_text_range()
            pages += 1
        document.close()
    return pages, time.perf_counter() - started


def batch(corpus: Path, store: Path, taxonomy, classifier, workers: int) -> tuple[float, object]:
    started = time.perf_counter()
    result = run_batch([corpus], store, taxonomy, classifier, workers=workers)
    return time.perf_counter() - started, result.progress


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=5)
    parser.add_argument("--classifier", default="hybrid")
    parser.add_argument("--skip-one-worker", action="store_true", help="Measure 2 workers only.")
    args = parser.parse_args()
    if not SHARED.is_dir():
        print(f"{SHARED} is absent: the benchmark needs the shared corpora", file=sys.stderr)
        return 2
    taxonomy, classifier, _ = resolve_options(None, args.classifier, None)
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        files = build_corpus(root / "corpus", args.copies)
        pdfs = [f for f in files if f.suffix == ".pdf"]
        print(f"corpus: {len(files)} documents ({len(pdfs)} PDFs), classifier {args.classifier}")

        pages, seconds = raw_pdfium(pdfs)
        raw_rate = pages / seconds
        print(f"raw pypdfium2 text extraction: {pages} pages in {seconds:.1f} s = {raw_rate:.1f} pages/s")

        pdf_only = root / "pdfs"
        for n, path in enumerate(pdfs):
            target = pdf_only / f"{n:04}_{path.name}"
            target.parent.mkdir(parents=True, exist_ok=True)
            os.link(path, target)
        seconds, progress = batch(pdf_only, root / "pdfs.duckdb", taxonomy, classifier, 2)
        pdf_alone = progress.pages / seconds
        print(f"batch --workers 2 on the {progress.done} PDFs alone: {progress.pages} pages in {seconds:.1f} s = "
              f"{pdf_alone:.1f} pages/s = 1/{raw_rate / max(pdf_alone, 1e-9):.1f} of raw pypdfium2 on the same PDFs "
              f"(issue 17: at least 1/10); {progress.failed} failed")

        for workers in ([2] if args.skip_one_worker else [1, 2]):
            store = root / f"store{workers}.duckdb"
            seconds, progress = batch(root / "corpus", store, taxonomy, classifier, workers)
            with ResultStore(store, read_only=True) as opened:
                pdf_pages = opened.query("SELECT sum(pages) p FROM documents WHERE name LIKE '%.pdf'")["p"][0]
            print(f"batch --workers {workers}: {progress.done} documents, {progress.pages} pages in {seconds:.1f} s = "
                  f"{progress.done / seconds:.2f} documents/s, {progress.pages / seconds:.1f} pages/s; "
                  f"{progress.failed} failed; worker peak {progress.peak_memory_mb:.0f} MB")
            if workers == 2:
                pdf_rate = pdf_pages / seconds
                print(f"  PDF pages/s over the whole run (time for the other formats included) vs raw pypdfium2: "
                      f"{pdf_rate:.1f} / {raw_rate:.1f} = 1/{raw_rate / max(pdf_rate, 1e-9):.0f}")
                first = seconds

        again, progress = batch(root / "corpus", root / "store2.duckdb", taxonomy, classifier, 2)
        print(f"re-run, nothing changed: {again:.1f} s = {100 * again / first:.1f} % of the first run "
              f"({progress.unchanged} unchanged; issue 17: under 5 %)")

        raw = yaml.safe_load((ROOT / "taxonomies" / "roadmap.yaml").read_text(encoding="utf-8"))
        raw["targets"][0]["categories"][0]["cues"].append("supplier audit programme")
        changed = root / "changed.yaml"
        changed.write_text(yaml.safe_dump(raw, allow_unicode=True, sort_keys=False), encoding="utf-8")
        new_taxonomy, new_classifier, _ = resolve_options(changed, args.classifier, None)
        seconds, progress = batch(root / "corpus", root / "store2.duckdb", new_taxonomy, new_classifier, 2)
        print(f"re-run after a taxonomy change: {seconds:.1f} s = {100 * seconds / first:.1f} % of the first run "
              f"({progress.reclassified} re-classified from stored passages, {progress.analysed} read again)")
        shutil.rmtree(root / "corpus", ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
