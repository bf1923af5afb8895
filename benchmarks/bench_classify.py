"""Passages per second and peak memory of the hybrid classifier on the demo EU laws.

    python benchmarks/bench_classify.py [--encoder static|minilm] [--threads N]

Loads the shipped hybrid head once, segments the CSRD and CSDDD demo files,
classifies every passage once to warm up (the embedding table and cue
matcher load lazily), then times a second pass (wall clock and CPU time).
Peak memory is the process's ru_maxrss, so run it in a fresh process. The
issue asks for >= 150 passages/s on 2 cores.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from nlp_pipeline.classify.base import make_classifier  # noqa: E402
from nlp_pipeline.classify.hybrid import HybridHead, MODEL_DIR  # noqa: E402
from nlp_pipeline.ingest import read_document  # noqa: E402
from nlp_pipeline.segment import segment_document  # noqa: E402
from nlp_pipeline.taxonomy import load_taxonomy  # noqa: E402

DEMO = ROOT / "corpora" / "demo"
FILES = [DEMO / "csrd_2022_2464.html", DEMO / "csddd_2024_1760.html"]


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--encoder", choices=("static", "minilm"), default=None,
                        help="override the shipped head's encoder (minilm: the transformer, for comparison)")
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args(argv)
    os.environ.setdefault("OMP_NUM_THREADS", str(args.threads))

    taxonomy = load_taxonomy()
    head = HybridHead.load(MODEL_DIR)
    if args.encoder:
        head.encoder = args.encoder
    classifier = make_classifier("hybrid", taxonomy, head=head)
    passages = [p for path in FILES for p in segment_document(read_document(path))]
    chars = sum(len(p.text) for p in passages)

    classifier.classify(passages[:64])  # warm-up: lazy loads
    if args.encoder == "minilm":
        classifier.features.space.encoder._cache.clear()  # time the transformer, not its memo
    wall, cpu = time.perf_counter(), time.process_time()
    results = classifier.classify(passages)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu

    labelled = sum(1 for r in results if r)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"encoder {head.encoder}; {len(passages)} passages ({chars / len(passages):.0f} chars mean) "
          f"from {len(FILES)} files; {labelled} given at least one category")
    print(f"classify: {wall:.2f} s wall, {cpu:.2f} s CPU -> {len(passages) / wall:.0f} passages/s "
          f"(CPU {len(passages) / cpu:.0f}/s); peak RSS {peak_mb:.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
