"""The cells, milestone verdicts and (with --quotes) top quotes that differ between two `resourcing analyze` runs.

    resourcing analyze ../shared/corpora -o runs/before -j 2    # then change the code
    resourcing analyze ../shared/corpora -o runs/after -j 2
    python scripts/dev/run_diff.py runs/before runs/after [--quotes]

Every rule is checked this way on the 41 shared documents before it is kept:
what it moves on documents no expert set judged, and on the unseen sets'
documents (to be disclosed), shows beside what the expert sets count.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path


def _cells(run: Path) -> dict:
    with open(run / "coverage.csv", encoding="utf-8", newline="") as f:
        return {(r["document"], r["category_id"]): (r["status"], r["polarity"], r["top_evidence_pages"], r["top_quote"][:90])
                for r in csv.DictReader(f)}


def _verdicts(run: Path) -> dict:
    with open(run / "milestones.csv", encoding="utf-8", newline="") as f:
        return {(r["document"], r["milestone_id"]): r["verdict"] for r in csv.DictReader(f)}


def main(argv: list[str]) -> None:
    before, after = Path(argv[0]), Path(argv[1])
    quotes = "--quotes" in argv
    ca, cb = _cells(before), _cells(after)
    moved = 0
    for key in sorted(set(ca) | set(cb)):
        a, b = ca.get(key), cb.get(key)
        if a is None or b is None or a[:2] != b[:2]:
            moved += 1
            print(f"CELL  {key[0][:45]:<45} {key[1]:<28} {a[:2] if a else None} -> {b[:2] if b else None}  p. {b[2] if b else ''}")
        elif quotes and a[3] != b[3]:
            print(f"QUOTE {key[0][:45]:<45} {key[1]:<28} p. {a[2]}: {a[3]!r} -> p. {b[2]}: {b[3]!r}")
    va, vb = _verdicts(before), _verdicts(after)
    changed = [k for k in sorted(set(va) | set(vb)) if va.get(k) != vb.get(k)]
    for key in changed:
        print(f"MS    {key[0][:45]:<45} {key[1]:<28} {va.get(key)} -> {vb.get(key)}")
    print(f"{moved} cells, {len(changed)} verdicts changed")


if __name__ == "__main__":
    main(sys.argv[1:])
