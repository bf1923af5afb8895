"""Agreement between the first and the blind second annotation, per batch and pooled.

    python scripts/labelling/agreement.py [NAME.jsonl ...]

Without names: every file name present in both annotations/first/ and
annotations/second/. Pooled figures are over the files listed.
"""

from __future__ import annotations

import argparse

from _common import DEFAULT_LABELLED, known_categories

from nlp_pipeline.evaluate.agreement import (
    agreement,
    agreement_by_file,
    read_annotations,
)

ANNOTATIONS = DEFAULT_LABELLED / "annotations"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("names", nargs="*", help="annotation file names, e.g. extended_reports.jsonl")
    parser.add_argument("--min-support", type=int, default=8, help="positives a category needs to count in macro-F1")
    args = parser.parse_args()
    ids = sorted(known_categories())
    per_file = agreement_by_file(ids, ANNOTATIONS, args.min_support)
    names = args.names or sorted(per_file)
    missing = [n for n in names if n not in per_file]
    if missing:
        print(f"no passage annotated twice in: {', '.join(missing)}")
        return 2
    print(f"{'file':<44}{'passages':>9}{'micro-F1':>10}{'macro-F1':>10}{'strength =':>12}{'+-1':>7}")
    for name in names:
        a = per_file[name]
        print(f"{name:<44}{a.passages:>9}{a.micro_f1:>10.3f}{a.macro_f1:>10.3f}{a.strength_exact:>12.3f}"
              f"{a.strength_within_one:>7.3f}")
    first, second = {}, {}
    for name in names:
        first.update(read_annotations(ANNOTATIONS / "first" / name))
        second.update(read_annotations(ANNOTATIONS / "second" / name))
    pooled = agreement(first, second, ids, args.min_support)
    print(f"{'pooled':<44}{pooled.passages:>9}{pooled.micro_f1:>10.3f}{pooled.macro_f1:>10.3f}"
          f"{pooled.strength_exact:>12.3f}{pooled.strength_within_one:>7.3f}"
          f"  (strength on {pooled.both_on_topic} passages both put on topic)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
