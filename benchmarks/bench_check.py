"""How long a journalist waits for `resourcing check` on a 50-page report, cold and on a first run.

    python benchmarks/bench_check.py [PDF] [--repeats N] [--skip-first-run]

Each figure is a whole `resourcing check PDF --out DIR --quiet` in a fresh
process, as a user runs it, from start to the last report file written:

- cold start, models cached: the static embedding table shipped in
  models/static/ (or already built); the median of --repeats runs;
- first run with no table: $RESOURCING_STATIC_TABLE names a missing file,
  so the table is built from the packaged MiniLM first (as on an install
  without models/static/); one run, minutes on two cores.

The default PDF is BHP's Climate Change Report 2020 (48 pages) from
../shared/corpora. The machine's load average is printed with the figures,
because another job on the same cores slows every one of them; the CPU
seconds of the child (user + system) are less sensitive to that and, for a
process that mostly uses one core, close to what it takes on an idle machine.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_PDF = ROOT.parent / "shared" / "corpora" / "company_pdf" / "BHP_Climate_Change_Report_2020.pdf"


def timed_check(pdf: Path, out: Path, env: dict[str, str]) -> tuple[float, float, dict]:
    """Wall seconds, CPU seconds (user + system) of the child, and the stage timings it recorded."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "nlp_pipeline.cli.main", "check", str(pdf), "--out", str(out),
                           "--quiet"], env=env, cwd=ROOT, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if done.returncode != 0:
        raise SystemExit(f"check failed ({done.returncode}): {done.stderr.strip()}")
    import json

    timings = json.loads((out / "run.json").read_text(encoding="utf-8"))["timings_s"]
    return seconds, cpu, timings


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pdf", nargs="?", type=Path, default=DEFAULT_PDF)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--skip-first-run", action="store_true", help="only the cold start with the table present")
    args = parser.parse_args()
    if not args.pdf.is_file():
        print(f"{args.pdf}: not found (the default needs ../shared/corpora)", file=sys.stderr)
        return 2
    import pypdfium2

    pages = len(pypdfium2.PdfDocument(str(args.pdf)))
    env = {**os.environ, "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    env.pop("RESOURCING_STATIC_TABLE", None)
    print(f"{args.pdf.name}: {pages} pages; {os.cpu_count()} cores; load average {os.getloadavg()[0]:.1f} at start")
    with tempfile.TemporaryDirectory() as scratch:
        scratch = Path(scratch)
        runs, cpus = [], []
        for n in range(args.repeats):
            seconds, cpu, timings = timed_check(args.pdf, scratch / f"cold-{n}", env)
            runs.append(seconds)
            cpus.append(cpu)
            stages = ", ".join(f"{k} {v:.2f}" for k, v in timings.items())
            print(f"  cold start, models cached, run {n + 1}: {seconds:.1f} s wall, {cpu:.1f} s CPU  (stages: {stages})")
        print(f"cold start, models cached: median {statistics.median(runs):.1f} s wall, best {min(runs):.1f} s; "
              f"median {statistics.median(cpus):.1f} s CPU over {args.repeats} runs")
        if not args.skip_first_run:
            first_env = {**env, "RESOURCING_STATIC_TABLE": str(scratch / "table" / "minilm_static_v1.npy")}
            seconds, cpu, _ = timed_check(args.pdf, scratch / "first", first_env)
            print(f"first run, no embedding table (built first): {seconds:.0f} s wall, {cpu:.0f} s CPU")
    print(f"load average {os.getloadavg()[0]:.1f} at the end")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
