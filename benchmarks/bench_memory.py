"""Peak memory of `resourcing analyze` as a corpus grows, what a decompression bomb adds, and a 1 MB paragraph.

    python benchmarks/bench_memory.py [--sizes 50,200,800] [--workers 1] [--classifier hybrid]

Each run is a fresh process running the command line (`analyze DIR --out
OUT`) on generated small documents (a few paragraphs each, all distinct), so
the figures include report writing. Printed per run: wall seconds, the peak
resident memory of the main process (which holds the run's summaries and
writes the reports) and of the largest worker process (model plus one
document). Issue 11 asks the main process's peak to stay flat within 20 %
from 50 to 800 documents, a 1 GiB bomb to add at most 200 MB, and a 1 MB
paragraph to take under 10 s.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from hostile_files import bomb_pdf, single_line_text  # noqa: E402

PARAGRAPHS = [
    "The company shall carry out due diligence on the smelters and refiners of tin, tantalum, tungsten and gold "
    "in its supply chain and shall publish the results of the audits every year.",
    "Suppliers are expected to respect the right to freedom of association and to pay a living wage to the "
    "workers in their mines and factories.",
    "By 2030 the company will recover and recycle at least {n} % of the cobalt and lithium in the batteries "
    "it places on the market.",
    "Member States shall lay down the rules on penalties applicable to infringements, including fines of up to "
    "{n} % of net worldwide turnover.",
    "The group reports its scope 3 greenhouse gas emissions from mineral extraction and processing.",
]

_DRIVER = """
import resource, sys
sys.argv = ["resourcing"] + sys.argv[1:]
from nlp_pipeline.cli.main import app
try:
    app()
except SystemExit as done:
    code = done.code
else:
    code = 0
import json
print(json.dumps({"exit": code, "main_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "worker_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}), file=sys.stderr)
"""


def small_corpus(folder: Path, count: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(count):
        body = "\n\n".join(p.format(n=n % 90 + 5) for p in PARAGRAPHS[n % 3:] + PARAGRAPHS[: n % 3])
        (folder / f"report_{n:04}.md").write_text(f"# Sustainability report {n}\n\n## Supply chain\n\n{body}\n")
    return folder


def run_analyze(inputs: list[Path], out: Path, workers: int, classifier: str, *extra: str) -> dict:
    started = time.perf_counter()
    command = [sys.executable, "-c", _DRIVER, "analyze", *map(str, inputs), "--out", str(out), "--quiet",
               "--workers", str(workers), "--classifier", classifier, *extra]
    done = subprocess.run(command, capture_output=True, text=True, env=dict(os.environ, PYTHONPATH=str(ROOT)))
    figures = json.loads(done.stderr.strip().splitlines()[-1])
    figures["seconds"] = time.perf_counter() - started
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="50,200,800")
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--classifier", default="hybrid")
    parser.add_argument("--sizes-only", action="store_true", help="Skip the bomb and the 1 MB paragraph.")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        print(f"analyze --workers {args.workers} --classifier {args.classifier} on generated small documents")
        print(f"{'documents':>10} {'seconds':>8} {'main MB':>8} {'worker MB':>10}")
        peaks = []
        for size in sizes:
            corpus = small_corpus(root / f"corpus{size}", size)
            figures = run_analyze([corpus], root / f"out{size}", args.workers, args.classifier)
            peaks.append(figures["main_mb"])
            print(f"{size:>10} {figures['seconds']:>8.1f} {figures['main_mb']:>8.0f} {figures['worker_mb']:>10.0f}"
                  f"   (exit {figures['exit']})")
        print(f"main-process peak grows {100 * (max(peaks) / min(peaks) - 1):.1f} % from {sizes[0]} to {sizes[-1]} "
              "documents (issue 11: within 20 %)")
        if args.sizes_only:
            return 0

        corpus = small_corpus(root / "bomb_corpus", 50)
        plain = run_analyze([corpus], root / "plain_out", args.workers, args.classifier)
        bomb = root / "bomb.pdf"
        bomb.write_bytes(bomb_pdf(1024 * 1024 * 1024))
        with_bomb = run_analyze([corpus, bomb], root / "bomb_out", args.workers, args.classifier)
        refused = json.loads((root / "bomb_out" / "run.json").read_text())["failures"] if with_bomb["exit"] == 1 else []
        added = max(with_bomb["main_mb"], with_bomb["worker_mb"]) - max(plain["main_mb"], plain["worker_mb"])
        print(f"\n1 GiB decompression bomb beside 50 documents: {with_bomb['seconds']:.1f} s, adds {added:.0f} MB to "
              f"the run's peak (main {with_bomb['main_mb']:.0f} MB, worker {with_bomb['worker_mb']:.0f} MB); "
              f"reason: {refused[0]['reason'] if refused else 'not refused'}")

        paragraph = root / "paragraph.md"
        paragraph.write_text("# One paragraph\n\n" + single_line_text(1024 * 1024) + "\n")
        one = run_analyze([paragraph], root / "paragraph_out", args.workers, args.classifier, "--max-seconds", "900")
        print(f"1 MB paragraph: {one['seconds']:.1f} s end to end, exit {one['exit']} (issue 11: under 10 s; "
              "includes ~10 s of start-up, see analyze with a 1-line file for the floor)")
        floor = root / "line.md"
        floor.write_text("# One line\n\nThe company shall report.\n")
        base = run_analyze([floor], root / "floor_out", args.workers, args.classifier)
        print(f"  start-up floor (a one-line document): {base['seconds']:.1f} s; the paragraph itself: "
              f"{one['seconds'] - base['seconds']:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
