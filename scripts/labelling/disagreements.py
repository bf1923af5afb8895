"""List the passages the two blind annotations disagree on, for adjudication.

    python scripts/labelling/disagreements.py NAME.jsonl

reads annotations/first/NAME.jsonl and annotations/second/NAME.jsonl and writes
/work/labelling/adjudication/NAME.jsonl (text, both decisions). The adjudicator
decides each against the guideline and writes a decisions file for
    write_labels.py DECISIONS --out corpora/labelled/annotations/adjudication/NAME.jsonl
which records the decision and rewrites the gold line.
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
from nlp_pipeline.labelled.adjudication import disagreements
from nlp_pipeline.labelled.writing import gold_files


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("name", help="annotation file name, e.g. extended_reports.jsonl")
    parser.add_argument("--out", type=Path, default=SCRATCH / "adjudication")
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED_CORPORA)
    args = parser.parse_args()
    annotations = DEFAULT_LABELLED / "annotations"
    first, second = annotations / "first" / args.name, annotations / "second" / args.name
    for path in (first, second):
        if not path.exists():
            print(f"{path}: not found")
            return 2
    try:
        lines = disagreements(first, second, gold_files(DEFAULT_LABELLED), args.shared)
    except (LabelError, OSError) as error:
        print(error)
        return 2
    out = outside_repository(args.out)
    out.mkdir(parents=True, exist_ok=True)
    target = out / args.name
    target.write_text("".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines), encoding="utf-8")
    print(f"{target}: {len(lines)} passages to adjudicate")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
