"""Time and peak memory of `compare` on one act in two formats.

    python benchmarks/bench_compare.py [OLD NEW]

By default the CSRD as the JSON seed and as the Official Journal PDF from
../shared/corpora: the same act, so nearly every passage has a counterpart
and the alignment does its full work. The model is loaded once before timing.
Report writing is excluded. Run in a fresh process: peak memory is the
process's ru_maxrss.
"""

from __future__ import annotations

import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from nlp_pipeline.classify.base import make_classifier  # noqa: E402
from nlp_pipeline.compare import compare_versions  # noqa: E402
from nlp_pipeline.taxonomy import load_taxonomy  # noqa: E402

EU_LAW = ROOT.parent / "shared" / "corpora" / "eu_law"
DEFAULT = (EU_LAW / "csrd_articles_recitals.json", EU_LAW / "csrd_2022_2464_oj.pdf")


def main(argv: list[str]) -> int:
    old, new = (Path(a) for a in argv) if len(argv) == 2 else DEFAULT
    missing = [str(p) for p in (old, new) if not p.is_file()]
    if missing:
        print(f"input not found: {', '.join(missing)} (pass OLD NEW, or provide ../shared/corpora)", file=sys.stderr)
        return 2
    taxonomy = load_taxonomy()
    classifier = make_classifier("hybrid", taxonomy)
    classifier.classify_texts(["warm-up: the supplier shall pay a living wage."])

    started = time.perf_counter()
    comparison = compare_versions(old, new, taxonomy=taxonomy, classifier=classifier)
    wall = time.perf_counter() - started
    counts = comparison.counts()
    passages = counts["old_passages"] + counts["new_passages"]
    print(f"{old.name} ({counts['old_passages']} passages) -> {new.name} ({counts['new_passages']} passages)")
    print("  " + ", ".join(f"{k} {v}" for k, v in counts.items() if k not in ("old_passages", "new_passages")))
    for stage, seconds in comparison.timings.items():
        print(f"  {stage:<16} {seconds:6.2f} s")
    print(f"compare: {wall:.2f} s wall, {passages / wall:.0f} passages/s (both versions)")
    print(f"peak memory: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
