"""Draw the passages for a blind second annotation (seeded, stratified, >= 20 %).

    python scripts/labelling/sample_second.py corpora/labelled/<name>.jsonl [more files] [--fraction 0.2] [--seed 13]

For each label file, writes /work/labelling/second/<first-annotation name>.jsonl:
the sampled passages as candidates (text, section, heading, page), without the
first labels or notes, and prints the write_labels command for the second
annotator's decisions. Passages already second-annotated are left out.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from _common import (
    DEFAULT_LABELLED,
    DEFAULT_SHARED_CORPORA,
    SCRATCH,
    outside_repository,
)

from nlp_pipeline.labelled import LabelError
from nlp_pipeline.labelled.sampling import second_annotation_candidates
from nlp_pipeline.labelled.writing import first_annotation_file, ids_in


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("files", type=Path, nargs="+", help="first-annotation label files (gold or heldout)")
    parser.add_argument("--fraction", type=float, default=0.2, help="share of each stratum, rounded up (>= 0.2)")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--out", type=Path, default=SCRATCH / "second")
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED_CORPORA)
    args = parser.parse_args()
    if args.fraction < 0.2:
        print(f"--fraction {args.fraction}: the protocol asks for at least 0.2")
        return 2
    out = outside_repository(args.out)
    out.mkdir(parents=True, exist_ok=True)
    second = DEFAULT_LABELLED / "annotations" / "second"
    done = set(ids_in(sorted(second.glob("*.jsonl"))))
    failed = 0
    for file in args.files:
        try:
            name = first_annotation_file(file, DEFAULT_LABELLED).name
            lines = second_annotation_candidates([file], args.fraction, args.seed, args.shared, exclude=done)
        except (LabelError, OSError) as error:
            print(f"{file}: {error}")
            failed += 1
            continue
        target = out / name
        target.write_text("".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines), encoding="utf-8")
        print(f"{target}: {len(lines)} passages for the second annotator")
        print(f"  then: python scripts/labelling/write_labels.py DECISIONS.jsonl --candidates {target} "
              f"--out corpora/labelled/annotations/second/{name}")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
